"""Item 3: every CSV export neutralises cells that a spreadsheet would run as a formula (= + - @, tab,
carriage return: prefixed with '), keeps numbers numeric and keeps the BOM for Excel."""

import csv
import io
from decimal import Decimal

import pytest

from core.csvexport import neutralise, to_csv
from core.extensions import db
from finance import exports
from finance.services import reports
from marketplace.models import Listing
from tests.factories import PASSWORD, make_user
from tests.security.conftest import fresh_address

FORMULAS = ["=cmd|'/Ccalc'!A0", '=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _rows(body: bytes) -> list[list[str]]:
    assert body.startswith("\ufeff".encode())  # BOM: Excel reads UTF-8 only with it
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.mark.parametrize("cell", FORMULAS)
def test_formula_cells_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", [Decimal("-12.50"), 42, -7, "-12.50", "3000.00", "+86", "营业执照", "a=b", ""])
def test_numbers_and_plain_text_are_untouched(cell):
    assert neutralise(cell) == cell


def test_to_csv_keeps_bom_crlf_and_numbers():
    body = to_csv([["amount", "note"], [Decimal("-1060.00"), "=1+1"]])
    assert body.startswith(b"\xef\xbb\xbf") and b"\r\n" in body
    assert _rows(body)[1] == ["-1060.00", "'=1+1"]


def test_audit_csv_neutralises_an_account_named_like_a_formula(client, ctx, cast):
    evil = make_user("operator", email="=cmd|'/Ccalc'!A0@evil.cn")
    signed_in = client.post(
        "/login", data={"email": cast.admin.email, "password": PASSWORD}, environ_base=fresh_address()
    )
    assert signed_in.status_code == 302
    response = client.get("/audit.csv")
    assert response.status_code == 200
    rows = _rows(response.data)
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + evil.email in cells and evil.email not in cells
    assert all(not c.startswith(("=", "+", "@", "\t", "\r")) for c in cells)
    assert rows[1][0].isdigit()  # the id stays a number


def test_price_disclosure_csv_neutralises_a_formula_title(client, ctx, cast):
    from tests.security.conftest import published_listing

    listing, _demand = published_listing(cast, category="FGW-001", cap="5000.00", guide="4000.00")
    row = db.session.get(Listing, listing["id"])
    row.title_zh = '=HYPERLINK("http://evil.example","x")'
    db.session.commit()
    rows = _rows(client.get("/prices.csv").data)
    mine = next(r for r in rows[1:] if r[0] == str(listing["id"]))
    assert mine[1] == "'" + row.title_zh
    assert mine[3] == "4000.00" and mine[4] == "5000.00"  # prices stay numbers


def test_finance_month_csv_neutralises_text_and_keeps_amounts(ctx, cast):
    report = reports.month_report("2026-11")
    report["departments"] = [
        {"code": "=1+1", "name_zh": "@SUM(A1:A9)", "net_revenue": Decimal("-12.50")},
        *report["departments"],
    ]
    rows = _rows(exports.month_csv(report))
    department = next(r for r in rows if r[0] == "departments")
    assert department[1:4] == ["'=1+1", "'@SUM(A1:A9)", "-12.50"]
