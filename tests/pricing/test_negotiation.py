"""Negotiation over several rounds to agreement, and every refusal (changing nothing)."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from core.audit import AuditEntry
from core.errors import Conflict
from core.extensions import db
from core.timeutil import utcnow
from finance.models import Invoice
from pricing.models import Offer
from pricing.services import negotiation
from tests.pricing.conftest import FRESH_DEPARTMENTS, fresh_category, published_listing


def _open(cast, listing, amount="3000.00"):
    response = cast.consumer.post(
        "/api/v1/negotiations", {"listing_id": listing["id"], "message": "希望以3000元成交", "amount": amount}
    )
    assert response.status_code == 201, response.json
    return response.json


def _fingerprint():
    db.session.expire_all()
    return (
        db.session.scalar(select(func.count()).select_from(AuditEntry)),
        db.session.scalar(select(func.count()).select_from(Offer)),
        db.session.scalar(select(func.count()).select_from(Invoice)),
        tuple(db.session.execute(select(Offer.id, Offer.status).order_by(Offer.id)).all()),
    )


def test_three_rounds_to_agreement_and_invoice(cast):
    listing, _demand = published_listing(cast)
    thread = _open(cast, listing)
    assert thread["status"] == "open" and thread["standing_offer"]["amount"] == "3000.00"
    tid = thread["id"]
    # round 2: the operator counters
    assert (
        cast.operator.post(f"/api/v1/negotiations/{tid}/messages", {"body": "成本较高,建议4200元"}).status_code == 201
    )
    counter = cast.operator.post(f"/api/v1/negotiations/{tid}/offers", {"amount": "4200.00", "valid_days": 3})
    assert counter.status_code == 201 and counter.json["side"] == "operator"
    # round 3: the enterprise counters again
    third = cast.consumer.post(f"/api/v1/negotiations/{tid}/offers", {"amount": "3710.00", "message": "折中"})
    assert third.status_code == 201
    state = cast.operator.get(f"/api/v1/negotiations/{tid}").json
    assert [o["status"] for o in state["offers"]] == ["superseded", "superseded", "standing"]
    assert [m["side"] for m in state["messages"]] == ["consumer", "operator"]
    # the operator accepts the standing offer: agreement and invoice at once
    accepted = cast.operator.post(f"/api/v1/negotiations/{tid}/accept", {"offer_id": third.json["id"]})
    assert accepted.status_code == 200, accepted.json
    thread = accepted.json
    assert thread["status"] == "agreed" and thread["agreement"] and thread["invoice_number"].startswith("INV-")
    invoice = cast.consumer.get(f"/api/v1/invoices/{thread['invoice_number']}").json
    assert (invoice["total"], invoice["net"], invoice["vat"]) == ("3710.00", "3500.00", "210.00")
    assert invoice["buyer"]["credit_code"] and invoice["status"] == "issued"
    agreement = cast.consumer.get(f"/api/v1/agreements/{thread['agreement_id']}").json
    assert agreement["price"] == "3710.00" and agreement["status"] == "awaiting_signatures"


def test_approved_public_interest_use_agrees_at_zero_without_an_invoice(cast):
    listing, demand = published_listing(cast, category="SCJGJ-013", public_interest=True)
    thread = cast.consumer.post(
        "/api/v1/negotiations", {"listing_id": listing["id"], "demand_id": demand["id"], "message": "公益用途"}
    ).json
    assert thread["status"] == "agreed" and thread["invoice_number"] is None
    assert cast.consumer.get(f"/api/v1/agreements/{thread['agreement_id']}").json["price"] == "0.00"


def test_refusals_are_409_and_change_nothing(cast, ctx):
    listing, _demand = published_listing(cast, category="SCJGJ-014")
    thread = _open(cast, listing)
    tid, own = thread["id"], thread["standing_offer"]["id"]
    before = _fingerprint()
    # accepting one's own offer
    response = cast.consumer.post(f"/api/v1/negotiations/{tid}/accept", {"offer_id": own})
    assert response.status_code == 409 and response.json["error"]["code"] == "conflict"
    assert _fingerprint() == before
    # a superseded offer
    counter = cast.operator.post(f"/api/v1/negotiations/{tid}/offers", {"amount": "4500.00"}).json
    before = _fingerprint()
    assert cast.operator.post(f"/api/v1/negotiations/{tid}/accept", {"offer_id": own}).status_code == 409
    assert _fingerprint() == before
    # an expired offer
    offer = db.session.get(Offer, counter["id"])
    offer.valid_until = utcnow() - timedelta(minutes=1)
    db.session.commit()
    before = _fingerprint()
    response = cast.consumer.post(f"/api/v1/negotiations/{tid}/accept", {"offer_id": counter["id"]})
    assert response.status_code == 409
    # refused by its time alone; the sweep (scheduler, `pricing expire`) records the expiry
    assert _fingerprint() == before
    assert cast.consumer.get(f"/api/v1/negotiations/{tid}").json["offers"][-1]["status"] == "standing"
    assert negotiation.expire_offers() >= 1  # the sweep (scheduled work) records it
    db.session.commit()
    assert cast.consumer.get(f"/api/v1/negotiations/{tid}").json["offers"][-1]["status"] == "expired"
    assert db.session.scalar(select(func.count()).select_from(Invoice).where(Invoice.agreement_id.is_(None))) == 0


def test_acting_on_a_withdrawn_or_agreed_thread_is_409(cast, ctx):
    listing, _demand = published_listing(cast, category="SCJGJ-015")
    withdrawn = _open(cast, listing)
    assert (
        cast.consumer.post(f"/api/v1/negotiations/{withdrawn['id']}/withdraw", {"reason": "预算调整"}).status_code
        == 200
    )
    agreed = _open(cast, listing)
    cast.operator.post(f"/api/v1/negotiations/{agreed['id']}/accept", {"offer_id": agreed["standing_offer"]["id"]})
    for thread in (withdrawn, agreed):
        tid = thread["id"]
        for path, payload in (
            ("messages", {"body": "还在吗"}),
            ("offers", {"amount": "100.00"}),
            ("accept", {"offer_id": thread["standing_offer"]["id"]}),
            ("withdraw", {"reason": "x"}),
        ):
            before = _fingerprint()
            response = cast.operator.post(f"/api/v1/negotiations/{tid}/{path}", payload)
            assert response.status_code == 409, (path, response.json)
            assert _fingerprint() == before


@pytest.mark.parametrize(
    "amount",
    ["abc", "-1", "0", "0.00", "NaN", "Infinity", "-Infinity", "1.005", "1e20", "", None, 12.5, True, [1], "5000.01"],
)
def test_bad_amounts_are_400_and_change_nothing(cast, ctx, amount):
    listing, _demand = published_listing(cast, category="SCJGJ-016")
    thread = _open(cast, listing)
    before = _fingerprint()
    response = cast.operator.post(f"/api/v1/negotiations/{thread['id']}/offers", {"amount": amount})
    assert response.status_code == 400 and "amount" in response.json["error"]["fields"]
    assert _fingerprint() == before


def test_another_enterprise_sees_nothing(cast, ctx):
    listing, _demand = published_listing(cast, category="SCJGJ-017")
    thread = _open(cast, listing)
    tid = thread["id"]
    before = _fingerprint()
    for method, path, payload in (
        ("GET", f"/api/v1/negotiations/{tid}", None),
        ("POST", f"/api/v1/negotiations/{tid}/messages", {"body": "hi"}),
        ("POST", f"/api/v1/negotiations/{tid}/offers", {"amount": "1.00"}),
        ("POST", f"/api/v1/negotiations/{tid}/accept", {"offer_id": 1}),
    ):
        response = cast.other_consumer.client.open(
            path, method=method, json=payload, headers=cast.other_consumer.headers
        )
        assert response.status_code == 404
    assert _fingerprint() == before
    assert tid not in [t["id"] for t in cast.other_consumer.get("/api/v1/negotiations").json["items"]]


def test_invoice_is_void_not_deleted_and_the_number_stays_used(cast):
    listing, _demand = published_listing(cast, category="SCJGJ-018")
    thread = _open(cast, listing)
    number = cast.operator.post(
        f"/api/v1/negotiations/{thread['id']}/accept", {"offer_id": thread["standing_offer"]["id"]}
    ).json["invoice_number"]
    assert cast.consumer.post(f"/api/v1/invoices/{number}/void", {"reason": "x"}).status_code == 403
    voided = cast.finance.post(f"/api/v1/invoices/{number}/void", {"reason": "开票信息有误"})
    assert voided.status_code == 200 and voided.json["status"] == "void"
    assert cast.finance.get(f"/api/v1/invoices/{number}").json["number"] == number
    assert cast.finance.post(f"/api/v1/invoices/{number}/void", {"reason": "again"}).status_code == 409


def test_a_thread_allows_a_configured_number_of_rounds(app, cast):
    listing, _demand = published_listing(cast, category="SCJGJ-002")
    thread = _open(cast, listing)
    app.config["NEGOTIATION_MAX_ROUNDS"] = 3
    try:
        assert (
            cast.operator.post(f"/api/v1/negotiations/{thread['id']}/offers", {"amount": "4000.00"}).status_code == 201
        )
        assert (
            cast.consumer.post(f"/api/v1/negotiations/{thread['id']}/offers", {"amount": "3500.00"}).status_code == 201
        )
        refused = cast.operator.post(f"/api/v1/negotiations/{thread['id']}/offers", {"amount": "3800.00"})
        assert refused.status_code == 409
        standing = cast.operator.get(f"/api/v1/negotiations/{thread['id']}").json["standing_offer"]
        assert standing["amount"] == "3500.00"
    finally:
        app.config["NEGOTIATION_MAX_ROUNDS"] = 20


def test_an_accept_reads_its_listing_s_covers_at_once_as_one_category_at_a_time_would(cast, ctx):
    """The accept reads the listing's categories, each one's cover (valid_cover's choice) and the
    operator in one statement: the same categories, authorisations and operator as reading them one
    category at a time, and the same refusal when one is not covered."""
    from marketplace.models import Agreement, Authorisation, Listing
    from marketplace.services import agreements
    from marketplace.services.authorisations import valid_cover
    from tests.marketplace.conftest import listing_body, terms, walk_to_approved
    from tests.pricing.conftest import steward_for

    codes = [fresh_category(FRESH_DEPARTMENTS[:1]), fresh_category(FRESH_DEPARTMENTS[1:2])]  # two departments
    demand, _item, _list = walk_to_approved(cast, categories=codes)
    assert len(demand["authorisations"]) == 2  # one per department
    for auth in demand["authorisations"]:
        granted = steward_for(cast, auth["department"]).post(f"/api/v1/authorisations/{auth['id']}/grant", terms())
        assert granted.status_code == 200, granted.json
    made = cast.operator.post(
        "/api/v1/listings",
        listing_body(
            [demand["id"]], categories=codes, pricing_basis="per_product", price_cap="900.00", volume_tiers=[]
        ),
    )
    assert made.status_code == 201, made.json
    assert cast.operator.post(f"/api/v1/listings/{made.json['id']}/publish").status_code == 200
    thread = _open(cast, made.json, amount="800.00")
    accepted = cast.operator.post(
        f"/api/v1/negotiations/{thread['id']}/accept", {"offer_id": thread["standing_offer"]["id"]}
    )
    assert accepted.status_code == 200, accepted.json

    db.session.expire_all()
    listing = db.session.get(Listing, made.json["id"])
    assert "categories" not in listing.__dict__  # so the accept's one statement is what reads them
    at_once = agreements._covered(listing, None)
    covers = [valid_cover(c) for c in listing.categories]  # now loaded: one category at a time
    one_by_one = agreements._covered(listing, None)
    assert one_by_one[2] is None and at_once[2] == agreements.operator_organisation_id()
    assert [(c.code, c.name_zh, c.name_en) for c in at_once[0]] == [
        (c.code, c.name_zh, c.name_en) for c in one_by_one[0]
    ]
    assert [c[0] for c in at_once[0]] == sorted(codes)
    assert at_once[1] == one_by_one[1] == list(dict.fromkeys(covers)) and len(at_once[1]) == 2
    agreement = db.session.scalar(select(Agreement).where(Agreement.thread_id == thread["id"]))
    assert [a.id for a in agreement.authorisations] == sorted(a.id for a in at_once[1])
    assert [c["code"] for c in agreement.snapshot["listing"]["categories"]] == sorted(codes)
    assert [d["code"] for d in agreement.snapshot["departments"]] == [a.department.code for a in at_once[1]]

    # a category whose authorisation ended: both ways refuse, naming it
    ended = db.session.get(Authorisation, at_once[1][-1].id)
    ended.status = "terminated"
    uncovered = next(c.code for c in listing.categories if valid_cover(c) is None)
    db.session.expire(listing, ["categories"])
    with pytest.raises(Conflict) as refused_at_once:
        agreements._covered(listing, None)
    assert listing.categories  # loaded: one category at a time
    with pytest.raises(Conflict) as refused_one_by_one:
        agreements._covered(listing, None)
    assert str(refused_at_once.value.message) == str(refused_one_by_one.value.message)
    assert uncovered in str(refused_at_once.value.message)
    db.session.rollback()


def test_an_accept_answers_the_thread_as_a_read_of_it_would_with_or_without_a_demand(cast):
    """The API's accept reads its thread as plain rows (a thread opened from a demand as ORM objects,
    its demand's authorisations preferred): either way it answers what a read of the thread answers,
    and the agreement names the demand."""
    listing, demand = published_listing(cast)
    for opened_with in ({}, {"demand_id": demand["id"]}):
        opened = cast.consumer.post(
            "/api/v1/negotiations", {"listing_id": listing["id"], "message": "询价", "amount": "3000.00", **opened_with}
        )
        assert opened.status_code == 201, opened.json
        tid = opened.json["id"]
        assert cast.operator.post(f"/api/v1/negotiations/{tid}/messages", {"body": "可以"}).status_code == 201
        accepted = cast.operator.post(
            f"/api/v1/negotiations/{tid}/accept", {"offer_id": opened.json["standing_offer"]["id"]}
        )
        assert accepted.status_code == 200, accepted.json
        assert accepted.json == cast.operator.get(f"/api/v1/negotiations/{tid}").json
        assert [m["side"] for m in accepted.json["messages"]] == ["consumer", "operator"]
        assert accepted.json["offers"][0]["status"] == "accepted" and accepted.json["standing_offer"] is None
        agreement = cast.consumer.get(f"/api/v1/agreements/{accepted.json['agreement_id']}").json
        assert agreement["price"] == "3000.00"
        assert accepted.json["demand_id"] == (demand["id"] if opened_with else None)
