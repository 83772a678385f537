"""Delivery fixtures: SCJGJ-001 generated once (small), and agreements in force in each mode."""

import pytest

from tests.marketplace.conftest import _make_cast, demand_body, listing_body, terms  # noqa: F401

ROWS = 12_000
MODES = ["usable_invisible", "in_platform", "controlled_export"]


@pytest.fixture(scope="session")
def dcast(app):
    with app.app_context():
        return _make_cast(app.test_client())


@pytest.fixture(scope="session")
def scjgj_data(app):
    from catalog.models import Category
    from core.extensions import db
    from delivery.services import versions

    with app.app_context():
        for code in ("SCJGJ-001", "SCJGJ-002"):
            category = db.session.query(Category).filter_by(code=code).one()
            if versions.latest(category.id) is None:
                versions.generate_version(category, ROWS, seed=7)
        db.session.commit()  # a test's setup is its own edge (core/uow.py)
    return True


def active_agreement(cast, mode="usable_invisible", categories=("SCJGJ-001",), consumer=None, **agreement_terms):
    """demand → list → approval → grant → listing → agreement (with any delivery terms given, e.g.
    export_operator_approval=True) → all three sign. Returns its id."""
    consumer = consumer or cast.consumer
    demand = consumer.post("/api/v1/demands", demand_body(categories=list(categories)))
    assert demand.status_code == 201, demand.json
    demand_id = demand.json["id"]
    assert cast.operator.post(f"/api/v1/demands/{demand_id}/accept").status_code == 200
    list_number = cast.operator.get(f"/api/v1/demands/{demand_id}").json["demand_list"]
    dl = next(x for x in cast.operator.get("/api/v1/demand-lists").json["items"] if x["number"] == list_number)
    assert cast.operator.post(f"/api/v1/demand-lists/{dl['id']}/submit").status_code == 200
    item_id = next(i["id"] for i in dl["items"] if i["demand_id"] == demand_id)
    decided = cast.coordinator.post(
        f"/api/v1/demand-list-items/{item_id}/decision", {"decision": "approve", "public_interest": False}
    )
    assert decided.status_code == 200, decided.json
    demand = consumer.get(f"/api/v1/demands/{demand_id}").json
    for auth in demand["authorisations"]:
        granted = cast.steward.post(f"/api/v1/authorisations/{auth['id']}/grant", terms(delivery_modes=MODES))
        assert granted.status_code == 200, granted.json
    listing = cast.operator.post(
        "/api/v1/listings", listing_body([demand_id], categories=list(categories), delivery_modes=MODES)
    )
    assert listing.status_code == 201, listing.json
    assert cast.operator.post(f"/api/v1/listings/{listing.json['id']}/publish").status_code == 200
    agreement = cast.operator.post(
        "/api/v1/agreements",
        {
            "listing_id": listing.json["id"],
            "demand_id": demand_id,
            "delivery_mode": mode,
            "price": "0.90",
            **agreement_terms,
        },
    )
    assert agreement.status_code == 201, agreement.json
    agreement_id = agreement.json["id"]
    for signer in (cast.steward, cast.operator, consumer):
        signed = signer.post(f"/api/v1/agreements/{agreement_id}/sign")
        assert signed.status_code == 200, signed.json
    assert consumer.get(f"/api/v1/agreements/{agreement_id}").json["status"] == "active"
    return agreement_id


def query(actor, agreement_id, sql, **extra):
    return actor.post(f"/api/v1/agreements/{agreement_id}/queries", {"sql": sql, **extra})
