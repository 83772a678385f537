"""Unified social credit code (统一社会信用代码) after GB 32100-2015: 18 characters, the last a check character."""

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def normalise(code: str) -> str:
    return (code or "").strip().upper()


def check_character(first17: str) -> str:
    total = sum(CHARSET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def is_valid(code: str) -> bool:
    code = normalise(code)
    if len(code) != 18 or any(ch not in CHARSET for ch in code):
        return False
    if not code[2:8].isdigit():  # administrative division code
        return False
    return check_character(code[:17]) == code[17]


def complete(first17: str) -> str:
    """The full code for 17 given characters (used by seeds and tests to make valid codes)."""
    return first17 + check_character(first17)
