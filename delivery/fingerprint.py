"""Per-agreement fingerprints in exported files (Agrawal & Kiernan's keyed marks, extended to buyer
fingerprints after Li, Swarup & Jajodia): a keyed hash of an *anchor* cell in the row (a virtual key:
each of several high-cardinality text columns serves in turn) picks which numeric cells carry a mark
and which bit of the agreement's 64-bit fingerprint; the mark is the parity of the last digit, a change
of one unit in the last place at most. Any subset of rows, in any order, with columns dropped, still
carries the marks of the anchors and numbers it kept; a file from no agreement matches none."""

import hashlib
import hmac
from decimal import Decimal, InvalidOperation

SELECT_ONE_IN = 3
ANCHORS = 3
BITS = 64
MIN_VOTES = 40
MATCH_RATE = 0.8


def _h(secret: str, *parts) -> int:
    message = "\x1f".join(str(p) for p in parts).encode()
    return int.from_bytes(hmac.new(bytes.fromhex(secret), message, hashlib.sha256).digest()[:8], "big")


def fingerprint_bits(secret: str) -> int:
    return _h(secret, "fingerprint")


def _unscaled(value) -> tuple[int, int] | None:
    """(integer of all digits, number of decimals) of a numeric cell; None if not a plain number."""
    if value is None or isinstance(value, bool):
        return None
    try:
        d = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    if not d.is_finite():
        return None
    exponent = -d.as_tuple().exponent if d.as_tuple().exponent < 0 else 0
    return int(d.scaleb(exponent)), exponent


def _from_unscaled(number: int, places: int, like):
    if isinstance(like, int):
        return number
    return Decimal(number).scaleb(-places)


def anchors(columns: list[str], rows: list[list], numeric: set[str]) -> list[str]:
    """The text columns with the most distinct values: each one is a virtual key."""
    candidates = []
    for i, name in enumerate(columns):
        if name in numeric:
            continue
        distinct = len({row[i] for row in rows if row[i] not in (None, "")})
        candidates.append((distinct, name))
    return [name for distinct, name in sorted(candidates, reverse=True)[:ANCHORS] if distinct > 1]


def mark(secret: str, columns: list[str], rows: list[list], numeric: set[str]) -> list[list]:
    bits = fingerprint_bits(secret)
    chosen = anchors(columns, rows, numeric)
    index = {name: i for i, name in enumerate(columns)}
    for row in rows:
        for anchor in chosen:
            key = row[index[anchor]]
            if key in (None, ""):
                continue
            for name in numeric:
                i = index[name]
                h = _h(secret, anchor, key, name)
                if h % SELECT_ONE_IN:
                    continue
                parsed = _unscaled(row[i])
                if parsed is None:
                    continue
                number, places = parsed
                bit = (bits >> (h // SELECT_ONE_IN % BITS)) & 1
                if number % 2 != bit:
                    number += 1 if (h >> 20) & 1 or number == 0 else -1
                row[i] = _from_unscaled(number, places, row[i])
    return rows


def score(secret: str, columns: list[str], rows: list[list]) -> tuple[int, int]:
    """(matching marks, marks read) of one agreement's key over a file's rows, trying every
    text column as the anchor and every numeric column as a carrier."""
    bits = fingerprint_bits(secret)
    numeric = [i for i, name in enumerate(columns) if _mostly_numeric(rows, i)]
    text = [i for i in range(len(columns)) if i not in numeric]
    best = (0, 0)
    for a in text:
        matches = total = 0
        for row in rows:
            key = row[a]
            if key in (None, ""):
                continue
            for i in numeric:
                h = _h(secret, columns[a], key, columns[i])
                if h % SELECT_ONE_IN:
                    continue
                parsed = _unscaled(row[i])
                if parsed is None:
                    continue
                total += 1
                matches += parsed[0] % 2 == (bits >> (h // SELECT_ONE_IN % BITS)) & 1
        if total and (matches / total, total) > ((best[0] / best[1]) if best[1] else 0, best[1]):
            best = (matches, total)
    return best


def _mostly_numeric(rows, i) -> bool:
    values = [row[i] for row in rows[:200] if row[i] not in (None, "")]
    # decimals only: marks never touch whole numbers (years, counts) or codes
    return bool(values) and all("." in str(v) and _unscaled(v) is not None for v in values)


def matches(secret: str, columns, rows) -> bool:
    hit, total = score(secret, columns, rows)
    return total >= MIN_VOTES and hit / total >= MATCH_RATE
