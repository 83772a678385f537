"""The negotiation and invoice pages: shown to the right roles, 404 for another enterprise's thread
or invoice, refused forms re-shown with their messages and nothing changed, a thread walked to
agreement through the pages. No app context is pushed around the browsers' requests (Flask-Login
caches the signed-in user on g); each signed-in person has a client of their own."""

import re

import pytest
from sqlalchemy import func, select

from core.audit import AuditEntry
from core.extensions import db
from finance.models import Invoice
from pricing.models import Offer, Thread
from tests.factories import PASSWORD
from tests.marketplace.test_permissions import ROLES, _actor
from tests.pricing.conftest import published_listing

OK, LOGIN, NF, FB, BAD = 200, 302, 404, 403, 400


def _browser(app, cast, role):
    client = app.test_client()
    actor = _actor(cast, role)
    if actor is not None:
        assert client.post("/login", data={"email": actor.email, "password": PASSWORD}).status_code == 302
    return client


@pytest.fixture(scope="module")
def browsers(app, session_cast):
    return {role: _browser(app, session_cast, role) for role in ROLES}


@pytest.fixture(scope="module")
def listing(session_cast):
    listing, _demand = published_listing(session_cast, category="SCJGJ-022", cap="5000.00", guide="4000.00")
    return listing


def _open(cast, listing, amount="3000.00"):
    response = cast.consumer.post(
        "/api/v1/negotiations", {"listing_id": listing["id"], "message": "希望以3000元成交", "amount": amount}
    )
    assert response.status_code == 201, response.json
    return response.json


@pytest.fixture(scope="module")
def agreed(session_cast, listing):
    """A thread agreed through the API: (thread id, invoice number)."""
    cast = session_cast
    thread = _open(cast, listing, "3500.00")
    counter = cast.operator.post(f"/api/v1/negotiations/{thread['id']}/offers", {"amount": "3710.00"})
    assert counter.status_code == 201
    done = cast.consumer.post(f"/api/v1/negotiations/{thread['id']}/accept", {"offer_id": counter.json["id"]})
    assert done.status_code == 200, done.json
    return thread["id"], done.json["invoice_number"]


def _fingerprint(app):
    with app.app_context():
        return (
            db.session.scalar(select(func.count()).select_from(AuditEntry)),
            db.session.scalar(select(func.count()).select_from(Offer)),
            db.session.scalar(select(func.count()).select_from(Thread)),
            db.session.scalar(select(func.count()).select_from(Invoice)),
        )


def row(default, **by_role):
    out = {r: default for r in ROLES}
    out.update(by_role)
    return out


def test_pages_for_every_role(session_cast, browsers, listing, agreed):
    thread_id, number = agreed
    open_thread = _open(session_cast, listing)["id"]
    pages = [
        ("/negotiations", row(FB, anonymous=LOGIN, owner=OK, other_consumer=OK, operator=OK, admin=OK)),
        ("/negotiations?filter=waiting", row(FB, anonymous=LOGIN, owner=OK, other_consumer=OK, operator=OK, admin=OK)),
        (f"/negotiations/new?listing={listing['id']}", row(FB, anonymous=LOGIN, owner=OK, other_consumer=OK)),
        (f"/negotiations/{open_thread}", row(NF, anonymous=LOGIN, owner=OK, operator=OK, admin=OK)),
        (f"/negotiations/{thread_id}", row(NF, anonymous=LOGIN, owner=OK, operator=OK, admin=OK)),
        ("/invoices", row(FB, anonymous=LOGIN, owner=OK, other_consumer=OK, operator=OK, admin=OK, finance=OK)),
        (f"/invoices/{number}", row(NF, anonymous=LOGIN, owner=OK, operator=OK, admin=OK, finance=OK)),
        ("/invoices/INV-1999-000001", row(NF, anonymous=LOGIN)),
    ]
    for path, expected in pages:
        outcomes = {role: browsers[role].get(path).status_code for role in ROLES}
        assert outcomes == expected, path


def test_listing_page_offers_to_negotiate_to_enterprises(browsers, listing):
    path = f"/listings/{listing['id']}"
    assert f"/negotiations/new?listing={listing['id']}" in browsers["owner"].get(path).get_data(as_text=True)
    assert "/negotiations/new" not in browsers["operator"].get(path).get_data(as_text=True)
    assert "/negotiations/new" not in browsers["anonymous"].get(path).get_data(as_text=True)


def test_open_a_thread_through_the_form(app, browsers, listing):
    before = _fingerprint(app)
    bad = browsers["other_consumer"].post(
        "/negotiations/new",
        data={"listing": listing["id"], "message": "想了解价格", "amount": "abc", "valid_days": "7"},
    )
    assert bad.status_code == BAD and "has-error" in bad.get_data(as_text=True)
    assert _fingerprint(app) == before
    response = browsers["other_consumer"].post(
        "/negotiations/new",
        data={
            "listing": listing["id"],
            "message": "想了解价格",
            "amount": "3200.00",
            "quantity": "1",
            "term_months": "12",
            "valid_days": "5",
            "delivery_mode": "in_platform",
        },
    )
    assert response.status_code == 302
    page = browsers["other_consumer"].get(response.headers["Location"])
    html = page.get_data(as_text=True)
    assert page.status_code == OK and "¥3,200.00" in html and 'data-thread-id="' in html
    with app.app_context():
        thread = db.session.get(Thread, int(re.search(r"/negotiations/(\d+)", response.headers["Location"]).group(1)))
        assert thread.delivery_mode == "in_platform" and [o.amount for o in thread.offers] == [3200]
    # another enterprise's thread is not there for it
    assert browsers["owner"].get(response.headers["Location"]).status_code == NF


def test_bad_amount_reshows_the_form_and_changes_nothing(app, session_cast, browsers, listing):
    tid = _open(session_cast, listing)["id"]
    before = _fingerprint(app)
    for amount in ("12,5x", "-5", "1.234", ""):
        response = browsers["operator"].post(
            f"/negotiations/{tid}/offers", data={"offer-amount": amount, "offer-valid_days": "7"}
        )
        html = response.get_data(as_text=True)
        assert response.status_code == BAD, amount
        assert 'class="form-field has-error"' in html and '<small class="error">' in html
        assert 'name="offer-amount"' in html and (not amount or f'value="{amount}"' in html)
        assert _fingerprint(app) == before


def test_an_offer_above_the_cap_is_refused(app, session_cast, browsers, listing):
    tid = _open(session_cast, listing)["id"]
    before = _fingerprint(app)
    response = browsers["operator"].post(f"/negotiations/{tid}/offers", data={"offer-amount": "5000.01"})
    assert response.status_code == BAD and "5000.00" in response.get_data(as_text=True)
    assert "上限收费标准" in response.get_data(as_text=True)
    assert _fingerprint(app) == before
    en = browsers["operator"].post(f"/negotiations/{tid}/offers?lang=en", data={"offer-amount": "9999"})
    assert en.status_code == BAD and "cap" in en.get_data(as_text=True)
    assert _fingerprint(app) == before
    browsers["operator"].get("/negotiations?lang=zh_CN")


def test_negotiate_to_agreement_through_the_pages(app, session_cast, browsers, listing):
    tid = _open(session_cast, listing)["id"]
    op, ent = browsers["operator"], browsers["owner"]
    # the operator's queue shows it as waiting for a reply
    assert f'data-thread="{tid}"' in op.get("/negotiations?filter=waiting").get_data(as_text=True)
    assert op.post(f"/negotiations/{tid}/messages", data={"msg-body": "成本较高"}).status_code == 302
    assert (
        op.post(f"/negotiations/{tid}/offers", data={"offer-amount": "4200.00", "offer-valid_days": "1"}).status_code
        == 302
    )
    # now it waits for the enterprise, and the standing offer expires within 48 h
    assert f'data-thread="{tid}"' not in op.get("/negotiations?filter=waiting").get_data(as_text=True)
    assert f'data-thread="{tid}"' in ent.get("/negotiations?filter=waiting").get_data(as_text=True)
    assert f'data-thread="{tid}"' in ent.get("/negotiations?filter=expiring").get_data(as_text=True)
    # one cannot accept one's own offer: a Conflict, flashed
    with app.app_context():
        own = db.session.scalar(select(Offer.id).where(Offer.thread_id == tid, Offer.status == "standing"))
    refused = op.post(f"/negotiations/{tid}/accept", data={"accept-offer_id": own}, follow_redirects=True)
    assert "flash-error" in refused.get_data(as_text=True)
    accepted = ent.post(f"/negotiations/{tid}/accept", data={"accept-offer_id": own})
    assert accepted.status_code == 302
    html = ent.get(f"/negotiations/{tid}").get_data(as_text=True)
    number = re.search(r"/invoices/(INV-\d{4}-\d{6})", html).group(1)
    assert "/agreements/" in html and f'data-thread="{tid}"' in ent.get("/negotiations?filter=agreed").get_data(
        as_text=True
    )
    invoice = ent.get(f"/invoices/{number}").get_data(as_text=True)
    for text in ("¥4,200.00", "¥3,962.26", "¥237.74", "6%", f"/invoices/{number}.pdf"):
        assert text in invoice, text
    assert "void-reason" not in invoice and 'name="void"' not in invoice
    # finance voids it with a reason; an empty reason is re-shown
    fin = browsers["finance"]
    assert 'name="void"' in fin.get(f"/invoices/{number}").get_data(as_text=True)
    assert fin.post(f"/invoices/{number}/void", data={"void-reason": ""}).status_code == BAD
    assert fin.post(f"/invoices/{number}/void", data={"void-reason": "开票信息有误"}).status_code == 302
    assert "开票信息有误" in ent.get(f"/invoices/{number}").get_data(as_text=True)
    assert browsers["operator"].post(f"/invoices/{number}/void", data={"void-reason": "x"}).status_code == FB


def test_withdraw_needs_a_reason(app, session_cast, browsers, listing):
    tid = _open(session_cast, listing)["id"]
    before = _fingerprint(app)
    assert browsers["owner"].post(f"/negotiations/{tid}/withdraw", data={"withdraw-reason": ""}).status_code == BAD
    assert _fingerprint(app) == before
    assert (
        browsers["owner"].post(f"/negotiations/{tid}/withdraw", data={"withdraw-reason": "预算不足"}).status_code == 302
    )
    assert f'data-thread="{tid}"' in browsers["operator"].get("/negotiations?filter=withdrawn").get_data(as_text=True)
