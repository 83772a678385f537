"""Limits on what a request may carry: whole numbers within bounds (ids 1…2³¹−1), JSON no deeper than
64 levels and no larger than JSON_MAX_BYTES. Bad input is the caller's error (400/413), never a 500:
`1e309` is a float infinity (int() of it overflows), 2⁶⁴ does not fit a database integer, and 5,000
nested arrays exhaust the parser's recursion."""

import re

from flask.wrappers import Request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import RequestEntityTooLarge

from core.errors import ValidationError

MAX_ID = 2**31 - 1  # the largest id a 32-bit integer column holds
MAX_JSON_DEPTH = 64
JSON_MAX_BYTES = 1024 * 1024
WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,19}")  # ASCII digits only: int() would also take "１２" and "1_000"


def whole_number(raw, lo: int, hi: int) -> int:
    """raw (a JSON number or text) as an int within [lo, hi], or ValueError."""
    if isinstance(raw, bool):
        raise ValueError("a boolean is not a number")
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, float):
        if not raw.is_integer():  # also inf and nan
            raise ValueError("not a whole number")
        value = int(raw)
    elif isinstance(raw, str) and WHOLE_NUMBER.fullmatch(raw.strip()):
        value = int(raw.strip())
    else:
        raise ValueError("not a whole number")
    if not lo <= value <= hi:
        raise ValueError("out of range")
    return value


def object_id(raw) -> int:
    return whole_number(raw, 1, MAX_ID)


def json_depth(value) -> int:
    """How deeply lists and objects nest (without recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


class BoundedRequest(Request):
    """request.get_json() for the whole app: a body too large is a 413, one nested too deeply a 400."""

    def get_json(self, force=False, silent=False, cache=True):
        if self.content_length is not None and self.content_length > JSON_MAX_BYTES:
            raise RequestEntityTooLarge()
        if len(self.get_data(cache=True)) > JSON_MAX_BYTES:
            raise RequestEntityTooLarge()
        try:
            value = super().get_json(force=force, silent=silent, cache=cache)
        except RecursionError:
            raise ValidationError(
                _l("The JSON is nested too deeply (at most %(n)d levels).", n=MAX_JSON_DEPTH)
            ) from None
        if json_depth(value) > MAX_JSON_DEPTH:
            raise ValidationError(_l("The JSON is nested too deeply (at most %(n)d levels).", n=MAX_JSON_DEPTH))
        return value
