from decimal import Decimal

import pytest

from core.money import MoneyError, parse_amount, split_vat, to_api


@pytest.mark.parametrize(
    "raw, expected", [("1234.50", "1234.50"), ("1", "1.00"), ("0.01", "0.01"), (" 99.9 ", "99.90"), (12, "12.00")]
)
def test_amounts_parse_to_two_places(raw, expected):
    assert to_api(parse_amount(raw)) == expected


@pytest.mark.parametrize(
    "raw", ["abc", "", None, "-1", "0", "0.00", "NaN", "Infinity", "-Infinity", "1.005", "1e20", 1.5, True, "1,000"]
)
def test_bad_amounts_are_refused(raw):
    with pytest.raises(MoneyError):
        parse_amount(raw)


@pytest.mark.parametrize(
    "total, net, vat",
    [
        ("106.00", "100.00", "6.00"),
        ("100.00", "94.34", "5.66"),
        ("0.01", "0.01", "0.00"),
        ("1234.56", "1164.68", "69.88"),
    ],
)
def test_vat_split_of_an_inclusive_total(total, net, vat):
    got_net, got_vat = split_vat(Decimal(total), Decimal("0.06"))
    assert (str(got_net), str(got_vat)) == (net, vat)
    assert got_net + got_vat == Decimal(total)
