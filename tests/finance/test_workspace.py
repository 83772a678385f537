"""The finance workspace over HTTP: the API, the pages, the CSV, and `finance check`, which must
agree with the month report to the cent."""

import csv
import io
import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from core.extensions import db
from finance.models import Payment
from tests.factories import PASSWORD, bearer, finished_job, make_user, token_for

pytestmark = pytest.mark.usefixtures("november_2026")  # dated business: see tests/conftest.py

MONTH = "2026-11"


def statement_csv(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["交易日期", "贷方发生额", "对方户名", "对方账号", "附言"])
    writer.writerows(rows)
    return out.getvalue().encode("gbk")


@pytest.fixture(scope="module")
def month_data(books):
    """A month's business: invoices over several departments, a bank statement, a manual match,
    a card-like payment recorded by service, a refund, a remittance."""
    app = books.app
    with app.app_context():
        a = books.buyer("成都云图数据有限公司")
        b = books.buyer("成都锦城征信有限公司")
        n1 = books.invoice(a, "10600.00", categories=("SCJGJ-001", "GJJZX-001"))
        n2 = books.invoice(a, "5300.00", categories=("SCJGJ-002",))
        n3 = books.invoice(b, "2120.00", categories=("GJJZX-002",))
        n4 = books.invoice(b, "999.99", categories=("SCJGJ-003", "GJJZX-003", "SCJGJ-004"))
        headers = books.finance_headers
    client = app.test_client()
    raw = statement_csv(
        [
            ("2026-11-02", "10,600.00", "成都云图数据有限公司", "1001", f"服务费{n1}"),
            ("2026-11-03", "2000.00", "成都云图数据有限公司", "1001", f"{n2}预付"),
            ("2026-11-04", "2200.00", "成都锦城征信有限公司", "2002", f"{n3}"),
            ("2026-11-05", "999.99", "锦城征信财务", "2003", "货款"),
        ]
    )
    accepted = client.post("/api/v1/finance/statements", data={"file": (io.BytesIO(raw), "nov.csv")}, headers=headers)
    created = finished_job(client, accepted, headers)
    assert created["status"] == "done", created
    assert created["result"]["summary"]["lines"] == {"matched": 1, "partial": 1, "over": 1, "unmatched": 1}
    queue = client.get("/api/v1/finance/statement-lines", headers=headers).json
    assert queue["total"] == 1
    matched = client.post(
        f"/api/v1/finance/statement-lines/{queue['items'][0]['id']}/match", json={"invoice_number": n4}, headers=headers
    )
    assert matched.status_code == 200 and matched.json["status"] == "matched"
    with app.app_context():
        payment = db.session.scalar(select(Payment).join(Payment.invoice).where(Payment.invoice.has(number=n1)))
        payment_id = payment.id
    refund = client.post(
        f"/api/v1/finance/payments/{payment_id}/refunds",
        json={"amount": "600.00", "refunded_on": "2026-11-20", "reference": "RF-1", "reason": "部分退款"},
        headers=headers,
    )
    assert refund.status_code == 201, refund.json
    remit = client.post(
        "/api/v1/finance/remittances",
        json={"month": MONTH, "amount": "1000.00", "paid_on": "2026-11-25", "reference": "GK-2026-11-01"},
        headers=headers,
    )
    assert remit.status_code == 201, remit.json
    return {"numbers": (n1, n2, n3, n4), "headers": headers}


def test_month_report_page_csv_and_finance_check_agree_to_the_cent(books, month_data):
    app = books.app
    client = app.test_client()
    api = client.get(f"/api/v1/finance/months/{MONTH}", headers=month_data["headers"]).json
    figures = api["figures"]
    # what happened: 19019.99 invoiced; 10600 + 2000 + 2120 (+80 credit) + 999.99 received; 600 refunded
    assert figures["invoiced_total"] == "19019.99"
    assert figures["received_bank"] == "15799.99"
    assert figures["refunded"] == "600.00"
    assert figures["customer_credit_added"] == "80.00"
    assert figures["applied_to_invoices"] == "15119.99"
    assert figures["receivables_outstanding"] == "3900.00"  # 600 reopened on n1 + 3300 on n2
    assert Decimal(figures["remittance_due"]) == (
        Decimal(figures["remittance_rate"]) * Decimal(figures["remittance_base_amount"])
    ).quantize(Decimal("0.01"))
    assert figures["remitted"] == "1000.00"

    runner = app.test_cli_runner()
    result = runner.invoke(args=["finance", "check", "--month", MONTH])
    assert result.exit_code == 0, result.output
    from_check = dict(re.findall(rf"^{MONTH} (\w+) (-?[\d.]+)$", result.output, re.M))
    assert len(from_check) == 8

    with app.app_context():
        user = make_user("finance")
        db.session.commit()
        email = user.email
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    page = client.get(f"/finance/months/{MONTH}?lang=en")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    shown = dict(re.findall(r'data-figure="(\w+)">([^<]+)<', html))

    download = client.get(f"/finance/months/{MONTH}.csv")
    assert download.status_code == 200 and download.data.startswith(b"\xef\xbb\xbf")
    assert "attachment" in download.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(download.data.decode("utf-8-sig"))))
    in_csv = {row[1]: row[3] for row in rows if row[0] == "figures"}

    def cents(text):
        return Decimal(re.sub(r"[^\d.-]", "", text))

    for key, value in from_check.items():
        assert Decimal(value) == Decimal(figures[key]) == cents(in_csv[key]) == cents(shown[key]), key
    assert "<svg" in html and "State-capital income" in html


def test_finance_api_and_pages_are_for_finance_only(books, month_data):
    client = books.app.test_client()
    with books.app.app_context():
        others = [make_user(role) for role in ("consumer", "operator", "admin", "coordinator", "steward")]
        db.session.commit()
        others_headers = [bearer(token_for(user)) for user in others]
        db.session.commit()
    for headers in others_headers:
        assert client.get(f"/api/v1/finance/months/{MONTH}", headers=headers).status_code == 403
        assert client.post("/api/v1/finance/remittances", json={}, headers=headers).status_code == 403
    assert client.get(f"/api/v1/finance/months/{MONTH}").status_code == 401
    assert client.get("/finance/queue").status_code in (302, 401)


@pytest.mark.parametrize(
    "body, field",
    [
        ({"month": "2026-13", "amount": "1.00", "paid_on": "2026-11-01", "reference": "X1"}, "month"),
        ({"month": "2026-10", "amount": "-5", "paid_on": "2026-11-01", "reference": "X2"}, "amount"),
        ({"month": "2026-10", "amount": 1.5, "paid_on": "2026-11-01", "reference": "X3"}, "amount"),
        ({"month": "2026-10", "amount": "1.00", "paid_on": "yesterday", "reference": "X4"}, "paid_on"),
        ({"month": "2026-10", "amount": "1.00", "paid_on": "2099-01-01", "reference": "X5"}, "paid_on"),
        ({"month": "2026-10", "amount": "1.00", "paid_on": "2026-11-01", "reference": "GK-2026-11-01"}, "reference"),
        ({"month": "2026-10", "amount": "1.00", "paid_on": "2026-11-01"}, "reference"),
    ],
)
def test_bad_remittances_are_refused_with_field_messages(books, month_data, body, field):
    client = books.app.test_client()
    before = client.get("/api/v1/finance/remittances", headers=month_data["headers"]).json["total"]
    response = client.post("/api/v1/finance/remittances", json=body, headers=month_data["headers"])
    assert response.status_code == 400
    assert field in response.json["error"]["fields"]
    assert client.get("/api/v1/finance/remittances", headers=month_data["headers"]).json["total"] == before


def test_bad_inputs_elsewhere_never_give_a_500(books, month_data):
    client = books.app.test_client()
    headers = month_data["headers"]
    assert client.get("/api/v1/finance/months/2026-99", headers=headers).status_code == 400
    assert client.get("/api/v1/finance/journal?month=nope", headers=headers).status_code == 400
    assert client.get("/api/v1/finance/statements/999999", headers=headers).status_code == 404
    assert client.post("/api/v1/finance/statement-lines/abc/match", json={}, headers=headers).status_code == 404
    assert client.post("/api/v1/finance/payments/999999/refunds", json={}, headers=headers).status_code == 404
    assert client.put("/api/v1/finance/ceilings/1999", json={"amount": "1"}, headers=headers).status_code == 400
    response = client.post("/api/v1/finance/statements", data=b"\x00\x01garbage", headers=headers)
    assert response.status_code == 400 and "file" in response.json["error"]["fields"]
    ok = client.put(
        "/api/v1/finance/ceilings/2026",
        json={"amount": "30000000.00", "approval_ref": "成发改〔2026〕1号"},
        headers=headers,
    )
    assert ok.status_code == 200 and ok.json["amount"] == "30000000.00"
    report = client.get(f"/api/v1/finance/months/{MONTH}", headers=headers).json
    assert report["year_to_date"]["ceiling"] == "30000000.00"
    assert sum(Decimal(d["net_revenue"]) for d in report["departments"]) == Decimal(report["figures"]["net_revenue"])
    assert {d["code"] for d in report["departments"]} == {"SCJGJ", "GJJZX"}
    assert client.get("/api/v1/finance/check", headers=headers).json["ok"] is True
