"""Invoice PDFs: GET /invoices/<number>.pdf renders a real invoice with its Chinese text in the
shipped font, for those who may see it; 404 for others; anonymous users are sent to sign in."""

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from pricing.pdf import FONT_PATH, fmt_money, fmt_rate
from tests.conftest import ARTIFACTS
from tests.factories import PASSWORD, bearer, make_user, token_for
from tests.marketplace.conftest import Actor
from tests.pricing.conftest import published_listing

BUYER_NAME = "成都天府数据科技有限公司"


def _named_consumer(client, org_name: str) -> Actor:
    """An enterprise user whose organisation has the given (Chinese) name."""
    actor = Actor.__new__(Actor)
    actor.user = make_user("consumer", org_name=org_name)
    actor.email, actor.user_id, actor.org_id = actor.user.email, actor.user.id, actor.user.organisation_id
    actor.headers = bearer(token_for(actor.user))
    actor.client = client
    return actor


def _agreed_invoice(cast, buyer, category: str, amount: str) -> str:
    listing, _demand = published_listing(cast, category=category, cap="2000000.00", guide="1500000.00")
    opened = buyer.post("/api/v1/negotiations", {"listing_id": listing["id"], "message": "申请开票", "amount": amount})
    assert opened.status_code == 201, opened.json
    thread = opened.json
    accepted = cast.operator.post(
        f"/api/v1/negotiations/{thread['id']}/accept", {"offer_id": thread["standing_offer"]["id"]}
    )
    assert accepted.status_code == 200, accepted.json
    return accepted.json["invoice_number"]


def _browser(app, email=None):
    client = app.test_client()
    if email is not None:
        assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    return client


def _text(pdf_bytes: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages)


@pytest.fixture(scope="module")
def invoices(app, session_cast):
    """Two real invoices (one voided) for a buyer with a Chinese name. Set up inside an app
    context that is closed again before the tests' requests: Flask-Login caches the signed-in
    user on the app context's g, so each request must bring its own."""
    with app.app_context():
        buyer = _named_consumer(session_cast.consumer.client, BUYER_NAME)
        number = _agreed_invoice(session_cast, buyer, "SCJGJ-007", "1234567.89")
        void_number = _agreed_invoice(session_cast, buyer, "SCJGJ-008", "3710.00")
        voided = session_cast.finance.post(f"/api/v1/invoices/{void_number}/void", {"reason": "购买方名称有误，重开"})
        assert voided.status_code == 200, voided.json
        shape = buyer.get(f"/api/v1/invoices/{number}").json
    return {"buyer": buyer, "number": number, "void_number": void_number, "shape": shape}


def test_the_buyer_gets_a_pdf_with_chinese_text_and_the_sums(app, invoices):
    number, shape = invoices["number"], invoices["shape"]
    response = _browser(app, invoices["buyer"].email).get(f"/invoices/{number}.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == f'inline; filename="{number}.pdf"'
    assert response.data.startswith(b"%PDF-")
    text = _text(response.data)
    # 1,234,567.89 incl. 6% VAT: net 1,164,686.69 + VAT 69,881.20
    assert (shape["total"], shape["net"], shape["vat"]) == ("1234567.89", "1164686.69", "69881.20")
    for expected in (
        BUYER_NAME,
        shape["buyer"]["credit_code"],
        shape["seller"]["name"],
        number,
        "发票",
        "¥1,164,686.69",
        "¥69,881.20",
        "¥1,234,567.89",
        "价税合计",
        f"税额 {fmt_rate(shape['vat_rate'])}",
        "6%",
        shape["due_on"],
        "已开具",
    ):
        assert expected in text, (expected, text)
    assert "作废" not in text and "VOID" not in text


def test_english_labels_first_when_the_user_reads_english(app, invoices):
    client = _browser(app, invoices["buyer"].email)
    response = client.get(f"/invoices/{invoices['number']}.pdf?lang=en")
    assert response.status_code == 200
    text = _text(response.data)
    assert "Total (incl. VAT) 价税合计" in text and BUYER_NAME in text and "¥1,234,567.89" in text


def test_a_void_invoice_says_so_with_its_reason(app, invoices):
    response = _browser(app, invoices["buyer"].email).get(f"/invoices/{invoices['void_number']}.pdf")
    assert response.status_code == 200
    text = _text(response.data)
    assert "VOID" in text and "本发票已作废" in text and "购买方名称有误，重开" in text
    assert "¥3,710.00" in text and "¥3,500.00" in text and "¥210.00" in text


@pytest.mark.parametrize("role", ["operator", "finance", "admin"])
def test_oversight_roles_may_read_it(app, session_cast, invoices, role):
    response = _browser(app, getattr(session_cast, role).email).get(f"/invoices/{invoices['number']}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"


@pytest.mark.parametrize("role", ["consumer", "other_consumer", "steward", "coordinator"])
def test_others_get_404(app, session_cast, invoices, role):
    client = _browser(app, getattr(session_cast, role).email)
    response = client.get(f"/invoices/{invoices['number']}.pdf")
    assert response.status_code == 404 and response.mimetype != "application/pdf"
    assert client.get("/invoices/INV-1999-999999.pdf").status_code == 404


def test_anonymous_is_sent_to_sign_in(app, invoices):
    response = _browser(app).get(f"/invoices/{invoices['number']}.pdf")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_every_character_used_is_in_the_shipped_font():
    cmap = TTFont(str(FONT_PATH))["cmap"].getBestCmap()
    source = (Path(__file__).resolve().parents[2] / "pricing" / "pdf.py").read_text(encoding="utf-8")
    wanted = set(BUYER_NAME + "购买方名称有误，重开¥,.-%()（）：" + source) - set("\n\t")
    missing = sorted(c for c in wanted if ord(c) not in cmap)
    assert not missing, missing
    assert FONT_PATH.stat().st_size < 5_000_000
    assert fmt_money("1234567.8") == "¥1,234,567.80" and fmt_money("0") == "¥0.00"
    assert fmt_rate("0.0600") == "6%" and fmt_rate("0.0650") == "6.5%"


def test_page_one_renders_to_png(app, invoices):
    """A picture of the invoice for a person to look at (tests/artifacts/invoice-pdf.png)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: the PDF was checked, not rendered")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for number, name in ((invoices["number"], "invoice-pdf"), (invoices["void_number"], "invoice-pdf-void")):
        response = _browser(app, invoices["buyer"].email).get(f"/invoices/{number}.pdf")
        source = ARTIFACTS / f"{name}.pdf"
        source.write_bytes(response.data)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", str(source), str(ARTIFACTS / name)],
            check=True,
            timeout=60,
        )
        png = ARTIFACTS / f"{name}.png"
        assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 20_000
