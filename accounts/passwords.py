"""What a password must be (NIST SP 800-63B §3.1.1.2): long enough, not a known common password, not
built from the account's own e-mail name. No composition rules: length beats symbols."""

import gzip
from functools import cache
from pathlib import Path

from flask_babel import lazy_gettext as _l

MIN_LENGTH = 10
MAX_LENGTH = 200
COMMON_FILE = Path(__file__).parent / "data" / "common-passwords.txt.gz"


@cache
def common_passwords() -> frozenset[str]:
    with gzip.open(COMMON_FILE, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


def problems(password: str | None, email: str | None = None) -> list:
    """The reasons this password is refused (empty when it is fine)."""
    password = password or ""
    found = []
    if len(password) < MIN_LENGTH:
        found.append(_l("At least %(n)d characters.", n=MIN_LENGTH))
    elif len(password) > MAX_LENGTH:
        found.append(_l("At most %(n)d characters.", n=MAX_LENGTH))
    lowered = password.lower()
    if lowered in common_passwords() or lowered.strip() in common_passwords():
        found.append(_l("This is one of the most common passwords; choose another."))
    name = (email or "").split("@")[0].lower()
    if len(name) >= 3 and name in lowered:
        found.append(_l("The password must not contain your e-mail name."))
    return found
