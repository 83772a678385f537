"""Illegal moves return 409 (or 404) with a clear message and change nothing."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from core.audit import AuditEntry
from core.extensions import db
from marketplace.models import Authorisation
from tests.marketplace.conftest import demand_body, listing_body, terms, walk_to_agreement, walk_to_approved
from tests.pricing.conftest import fresh_category, steward_for


def _snapshot():
    db.session.expire_all()
    return (
        db.session.scalar(select(func.count()).select_from(AuditEntry)),
        tuple(db.session.execute(select(Authorisation.id, Authorisation.status).order_by(Authorisation.id)).all()),
    )


def refused(response, status, words=None):
    assert response.status_code == status, response.json
    assert response.json["error"]["message"]
    if words:
        assert any(w in response.json["error"]["message"] for w in words), response.json["error"]["message"]


def test_a_steward_cannot_act_on_another_departments_request(cast):
    demand, _item, _list = walk_to_approved(cast)
    auth_id = demand["authorisations"][0]["id"]
    before = _snapshot()
    for action, payload in (("grant", terms()), ("refuse", {"reason": "x"}), ("terminate", {"reason": "x"})):
        refused(cast.other_steward.post(f"/api/v1/authorisations/{auth_id}/{action}", payload), 404)
    refused(cast.other_steward.get(f"/api/v1/authorisations/{auth_id}"), 404)
    assert auth_id not in [a["id"] for a in cast.other_steward.get("/api/v1/authorisations").json["items"]]
    assert _snapshot() == before


def test_the_coordinator_cannot_decide_on_a_list_not_yet_submitted(cast):
    demand = cast.consumer.post("/api/v1/demands", demand_body()).json
    cast.operator.post(f"/api/v1/demands/{demand['id']}/accept")
    number = cast.operator.get(f"/api/v1/demands/{demand['id']}").json["demand_list"]
    dl = next(x for x in cast.operator.get("/api/v1/demand-lists").json["items"] if x["number"] == number)
    item = next(i["id"] for i in dl["items"] if i["demand_id"] == demand["id"])
    before = _snapshot()
    refused(
        cast.coordinator.post(f"/api/v1/demand-list-items/{item}/decision", {"decision": "approve"}),
        409,
        ["尚未提交", "not been submitted"],
    )
    assert _snapshot() == before
    assert cast.consumer.get(f"/api/v1/demands/{demand['id']}").json["status"] == "accepted"


def test_a_second_decision_on_a_decided_item_is_refused(cast):
    _demand, item, _list = walk_to_approved(cast)
    before = _snapshot()
    for decision in ("approve", "reject"):
        refused(
            cast.coordinator.post(
                f"/api/v1/demand-list-items/{item}/decision", {"decision": decision, "reason": "再议"}
            ),
            409,
        )
    assert _snapshot() == before


def test_a_second_decision_on_an_authorisation_is_refused(cast):
    demand, _item, _list = walk_to_approved(cast)
    auth_id = demand["authorisations"][0]["id"]
    assert cast.steward.post(f"/api/v1/authorisations/{auth_id}/refuse", {"reason": "涉及商业秘密"}).status_code == 200
    before = _snapshot()
    refused(cast.steward.post(f"/api/v1/authorisations/{auth_id}/grant", terms()), 409)
    refused(cast.steward.post(f"/api/v1/authorisations/{auth_id}/terminate", {"reason": "x"}), 409)
    assert _snapshot() == before


def _listing_on(cast, demand, categories=("SCJGJ-001",)):
    response = cast.operator.post("/api/v1/listings", listing_body([demand["id"]], categories=list(categories)))
    assert response.status_code == 201, response.json
    return response.json["id"]


def test_publishing_on_a_refused_authorisation_is_refused(cast, ctx):
    code = fresh_category()
    demand, _item, _list = walk_to_approved(cast, categories=[code])
    auth = demand["authorisations"][0]
    steward_for(cast, auth["department"]).post(f"/api/v1/authorisations/{auth['id']}/refuse", {"reason": "不宜开放"})
    listing_id = _listing_on(cast, demand, [code])
    before = _snapshot()
    response = cast.operator.post(f"/api/v1/listings/{listing_id}/publish")
    refused(response, 409, [code])
    assert cast.operator.get(f"/api/v1/listings/{listing_id}").json["status"] == "draft"
    assert _snapshot()[1] == before[1]


def test_publishing_on_an_expired_authorisation_is_refused(cast, ctx):
    code = fresh_category()
    demand, _item, _list = walk_to_approved(cast, categories=[code])
    auth_id = demand["authorisations"][0]["id"]
    steward = steward_for(cast, demand["authorisations"][0]["department"])
    steward.post(f"/api/v1/authorisations/{auth_id}/grant", terms())
    # the authorisation's date passes
    authorisation = db.session.get(Authorisation, auth_id)
    authorisation.expires_on = date.today() - timedelta(days=1)
    db.session.commit()
    listing_id = _listing_on(cast, demand, [code])
    before = _snapshot()
    refused(cast.operator.post(f"/api/v1/listings/{listing_id}/publish"), 409, [code])
    assert cast.operator.get(f"/api/v1/listings/{listing_id}").json["status"] == "draft"
    # refused by the date itself: no sweep ran (publishing runs none), and the refusal wrote nothing
    assert steward.get(f"/api/v1/authorisations/{auth_id}").json["status"] == "granted"
    assert _snapshot() == before


def test_a_core_grade_category_can_never_be_listed(cast, ctx):
    from catalog.models import Category

    core = db.session.scalar(select(Category).where(Category.grade == "core").order_by(Category.code))
    listing = cast.operator.post("/api/v1/listings", listing_body([], categories=[core.code]))
    assert listing.status_code == 201
    refused(cast.operator.post(f"/api/v1/listings/{listing.json['id']}/publish"), 409, [core.code])
    # and an enterprise cannot even ask for it
    response = cast.consumer.post("/api/v1/demands", demand_body(categories=[core.code]))
    assert response.status_code == 400 and "categories" in response.json["error"]["fields"]


def test_signing_twice_is_refused(cast):
    _demand, _listing, agreement = walk_to_agreement(cast)
    assert cast.consumer.post(f"/api/v1/agreements/{agreement['id']}/sign").status_code == 200
    before = _snapshot()
    refused(cast.consumer.post(f"/api/v1/agreements/{agreement['id']}/sign"), 409)
    assert _snapshot() == before


def test_signing_for_another_organisation_is_refused(cast):
    _demand, _listing, agreement = walk_to_agreement(cast)
    before = _snapshot()
    refused(cast.other_consumer.post(f"/api/v1/agreements/{agreement['id']}/sign"), 404)
    refused(cast.other_steward.post(f"/api/v1/agreements/{agreement['id']}/sign"), 404)
    refused(cast.coordinator.post(f"/api/v1/agreements/{agreement['id']}/sign"), 403)
    assert _snapshot() == before
    parties = cast.consumer.get(f"/api/v1/agreements/{agreement['id']}").json["parties"]
    assert not any(p["signed_at"] for p in parties)


def test_a_terminated_agreement_cannot_be_signed_or_used(cast):
    demand, _listing, agreement = walk_to_agreement(cast)
    cast.steward.post(f"/api/v1/authorisations/{demand['authorisations'][0]['id']}/terminate", {"reason": "违规"})
    before = _snapshot()
    refused(cast.consumer.post(f"/api/v1/agreements/{agreement['id']}/sign"), 409)
    refused(cast.consumer.get(f"/api/v1/agreements/{agreement['id']}/access"), 409)
    refused(cast.consumer.post(f"/api/v1/agreements/{agreement['id']}/feedback", {"body": "x"}), 409)
    assert _snapshot() == before


def test_a_demand_cannot_be_edited_once_triaged(cast):
    demand, _item, _list = walk_to_approved(cast)
    before = _snapshot()
    refused(cast.consumer.patch(f"/api/v1/demands/{demand['id']}", demand_body(title="改")), 409)
    refused(cast.operator.post(f"/api/v1/demands/{demand['id']}/accept"), 409)
    assert _snapshot() == before


@pytest.mark.parametrize(
    "body, field",
    [
        (demand_body(title=""), "title"),
        (demand_body(categories=[]), "categories"),
        (demand_body(categories=["NOPE-1"]), "categories"),
        (demand_body(budget_min="abc"), "budget_min"),
        (demand_body(budget_min="-5"), "budget_min"),
        (demand_body(budget_min="100.001"), "budget_min"),
        (demand_body(budget_min="NaN"), "budget_min"),
        (demand_body(budget_min="5000", budget_max="100"), "budget_max"),
        (demand_body(public_interest="perhaps"), "public_interest"),
        (demand_body(scenario=123), "scenario"),
        (demand_body(title="x" * 201), "title"),
    ],
)
def test_bad_demands_are_refused_with_field_messages(cast, body, field):
    before = _snapshot()
    response = cast.consumer.post("/api/v1/demands", body)
    assert response.status_code == 400 and field in response.json["error"]["fields"]
    assert _snapshot() == before


@pytest.mark.parametrize(
    "payload, field",
    [
        (terms(purpose=""), "purpose"),
        (terms(delivery_modes=[]), "delivery_modes"),
        (terms(delivery_modes=["download_everything"]), "delivery_modes"),
        (terms(expires_on="2020-01-01"), "expires_on"),
        (terms(expires_on="tomorrow"), "expires_on"),
        (terms(security_measures=""), "security_measures"),
    ],
)
def test_bad_grant_terms_are_refused(cast, payload, field):
    demand, _item, _list = walk_to_approved(cast)
    auth_id = demand["authorisations"][0]["id"]
    before = _snapshot()
    response = cast.steward.post(f"/api/v1/authorisations/{auth_id}/grant", payload)
    assert response.status_code == 400 and field in response.json["error"]["fields"]
    assert _snapshot() == before


@pytest.mark.parametrize(
    "payload, field",
    [
        (listing_body(guide_price="2.00", price_cap="1.00"), "guide_price"),
        (listing_body(price_cap="0"), "price_cap"),
        (listing_body(price_cap="1e20"), "price_cap"),
        (listing_body(pricing_basis="per_whim"), "pricing_basis"),
        (listing_body(volume_tiers=[{"min_quantity": 0, "unit_price": "1"}]), "volume_tiers"),
        (
            listing_body(
                volume_tiers=[{"min_quantity": 10, "unit_price": "1"}, {"min_quantity": 5, "unit_price": "1"}]
            ),
            "volume_tiers",
        ),
        (listing_body(categories=["NOPE-9"]), "categories"),
        (listing_body(demands=[999999]), "demands"),
    ],
)
def test_bad_listings_are_refused(cast, payload, field):
    before = _snapshot()
    response = cast.operator.post("/api/v1/listings", payload)
    assert response.status_code == 400 and field in response.json["error"]["fields"]
    assert _snapshot() == before


@pytest.mark.parametrize("raw", ["[1, 2]", '"text"', "not json", "null"])
def test_a_body_that_is_not_an_object_is_a_400(cast, raw):
    response = cast.consumer.client.post(
        "/api/v1/demands", data=raw, content_type="application/json", headers=cast.consumer.headers
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/demands/abc",
        "/api/v1/demands/0",
        "/api/v1/demands/99999999999999",
        "/api/v1/agreements/-1",
        "/api/v1/listings/1.5",
    ],
)
def test_odd_ids_are_404(cast, path):
    assert cast.operator.get(path).status_code == 404
