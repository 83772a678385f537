import pytest

from tests.marketplace.conftest import Actor, listing_body, session_cast, terms, walk_to_approved  # noqa: F401


@pytest.fixture()
def cast(ctx, session_cast):  # noqa: F811
    return session_cast


_stewards = {}


def steward_for(cast, department: str):
    """The steward of any department (the cast has SCJGJ's; others are made once, when first needed)."""
    if department == "SCJGJ":
        return cast.steward
    if department not in _stewards:
        _stewards[department] = Actor(cast.client, "steward", org=department)
    return _stewards[department]


def published_listing(cast, category="SCJGJ-012", cap="5000.00", guide="4000.00", public_interest=False):
    """A published listing on one category (of any department), authorised through the whole flow.
    Each test should use a category of its own so authorisations do not overlap."""
    demand, _item, _list = walk_to_approved(cast, categories=[category], public_interest=public_interest)
    for auth in demand["authorisations"]:
        steward = steward_for(cast, auth["department"])
        assert steward.post(f"/api/v1/authorisations/{auth['id']}/grant", terms()).status_code == 200
    listing = cast.operator.post(
        "/api/v1/listings",
        listing_body(
            [demand["id"]],
            categories=[category],
            price_cap=cap,
            guide_price=guide,
            pricing_basis="per_product",
            volume_tiers=[],
        ),
    ).json
    assert cast.operator.post(f"/api/v1/listings/{listing['id']}/publish").status_code == 200
    return listing, demand
