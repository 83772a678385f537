"""Money: Decimal CNY with 2 places, never a float. The only module that rounds money.

Negotiated amounts are VAT-inclusive totals (价税合计): net = total / (1 + rate) rounded half-up
to the cent, VAT = total - net.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l

CENT = Decimal("0.01")
CURRENCY = "CNY"
MAX_AMOUNT = Decimal("9999999999.99")
# ASCII digits and a point only: Decimal() alone would also take "1_000", "１２３", "1e3" and "NaN".
_AMOUNT_TEXT = re.compile(r"[+-]?[0-9]{1,16}(\.[0-9]{1,16})?")


class MoneyError(ValueError):
    pass


def parse_amount(raw) -> Decimal:
    """Turn API or form input into a positive amount of at most 2 decimals, or raise MoneyError."""
    if isinstance(raw, bool | float):
        raise MoneyError(_l('Give the amount as a string such as "1234.50".'))
    text = str(raw).strip() if raw is not None else ""
    if not _AMOUNT_TEXT.fullmatch(text):
        raise MoneyError(_l('Not an amount: ASCII digits with at most 2 decimals, such as "1234.50".'))
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError):
        raise MoneyError(_l("Not a number.")) from None
    if not value.is_finite():
        raise MoneyError(_l("Not a finite number."))
    if value.as_tuple().exponent < -2:
        raise MoneyError(_l("At most 2 decimal places."))
    if value <= 0:
        raise MoneyError(_l("Must be greater than 0."))
    if value > MAX_AMOUNT:
        raise MoneyError(_l("Too large."))
    return value.quantize(CENT)


def quantize(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def split_vat(total: Decimal, rate: Decimal) -> tuple[Decimal, Decimal]:
    """(net, vat) of a VAT-inclusive total."""
    net = quantize(Decimal(total) / (Decimal(1) + Decimal(rate)))
    return net, quantize(Decimal(total) - net)


def from_db(value) -> Decimal:
    """Money as the database hands it back, to the cent: SQLite gives a float for NUMERIC and for
    sums (read through its shortest repr, never its binary value), an empty sum gives None."""
    return quantize(Decimal(str(value if value is not None else 0)))


def to_fen(amount: Decimal) -> int:
    """An amount in fen (分, cents), as card processors count it; exact or an error."""
    return int((Decimal(amount) * 100).to_integral_exact())


def from_fen(fen) -> Decimal:
    return Decimal(int(fen)).scaleb(-2)


def to_api(value: Decimal) -> str:
    return str(quantize(value))
