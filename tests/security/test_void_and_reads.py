"""Item 8: voiding an invoice is finance's alone; GET requests never write (the agreement access
check writes no audit row, and a cross-site browser session can make it do nothing)."""

from sqlalchemy import select

from core.extensions import db
from finance.models import Invoice
from marketplace.models import Agreement
from tests.factories import PASSWORD
from tests.marketplace.conftest import walk_to_agreement
from tests.security.conftest import fingerprint, fresh_address, fresh_get, fresh_post, published_listing


def _invoice(cast, category):
    listing, _demand = published_listing(cast, category=category)
    thread = cast.consumer.post(
        "/api/v1/negotiations", {"listing_id": listing["id"], "message": "询价", "amount": "3000.00"}
    ).json
    accepted = cast.operator.post(
        f"/api/v1/negotiations/{thread['id']}/accept", {"offer_id": thread["standing_offer"]["id"]}
    )
    assert accepted.status_code == 200, accepted.json
    return accepted.json["invoice_number"]


def test_an_admin_cannot_void_an_invoice(cast, app):
    number = _invoice(cast, "FGW-004")
    before = fingerprint()
    refused = cast.admin.post(f"/api/v1/invoices/{number}/void", {"reason": "管理员作废"})
    assert refused.status_code == 403 and refused.json["error"]["code"] == "forbidden"
    client = app.test_client()
    fresh_post(client, "/login", data={"email": cast.admin.email, "password": PASSWORD}, environ_base=fresh_address())
    page = fresh_get(client, f"/invoices/{number}?lang=en").get_data(as_text=True)
    assert f"/invoices/{number}/void" not in page  # no void button for admins
    assert fresh_post(client, f"/invoices/{number}/void", data={"void-reason": "x"}).status_code == 403
    assert fingerprint() == before
    assert db.session.scalar(select(Invoice.status).where(Invoice.number == number)) != "void"
    voided = cast.finance.post(f"/api/v1/invoices/{number}/void", {"reason": "开票信息有误"})
    assert voided.status_code == 200 and voided.json["status"] == "void"


def test_get_agreement_access_writes_nothing(cast, app):
    _demand, _listing, agreement = walk_to_agreement(cast)
    for actor in (cast.consumer, cast.operator, cast.steward):
        assert actor.post(f"/api/v1/agreements/{agreement['id']}/sign").status_code == 200
    row = db.session.get(Agreement, agreement["id"])
    assert row.status == "active"
    before = fingerprint()
    response = cast.consumer.get(f"/api/v1/agreements/{agreement['id']}/access")
    assert response.status_code == 200 and response.json["agreement"] == row.number
    # and through the browser session, as a link on another site would make a signed-in browser do
    client = app.test_client()
    fresh_post(
        client, "/login", data={"email": cast.consumer.email, "password": PASSWORD}, environ_base=fresh_address()
    )
    cross_site = fresh_get(
        client,
        f"/api/v1/agreements/{agreement['id']}/access",
        headers={"Origin": "https://evil.example", "Referer": "https://evil.example/x", "Sec-Fetch-Site": "cross-site"},
    )
    assert cross_site.status_code == 200
    assert fingerprint() == before  # no audit row, nothing else
    db.session.refresh(row)
    assert row.status == "active"


def test_a_lapsed_agreement_is_refused_without_writing(cast):
    from datetime import date, timedelta

    _demand, _listing, agreement = walk_to_agreement(cast)
    for actor in (cast.consumer, cast.operator, cast.steward):
        actor.post(f"/api/v1/agreements/{agreement['id']}/sign")
    row = db.session.get(Agreement, agreement["id"])
    row.term_end = date.today() - timedelta(days=1)
    db.session.commit()
    before = fingerprint()
    assert cast.consumer.get(f"/api/v1/agreements/{agreement['id']}/access").status_code == 409
    assert fingerprint() == before


def test_no_get_route_writes(app, cast):
    """Every GET route without path parameters, asked by each role (token) and anonymously, leaves
    the tables as they were."""
    paths = sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and not rule.arguments and not rule.rule.startswith("/static")
    )
    assert len(paths) > 20
    before = fingerprint()
    for actor in (cast.consumer, cast.operator, cast.coordinator, cast.steward, cast.finance, cast.admin, None):
        for path in paths:
            response = cast.client.get(path, headers=actor.headers if actor else {})
            assert response.status_code < 500, (path, response.status_code)
    assert fingerprint() == before
