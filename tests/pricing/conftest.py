import pytest

from tests.marketplace.conftest import listing_body, session_cast, terms, walk_to_approved  # noqa: F401


@pytest.fixture()
def cast(ctx, session_cast):  # noqa: F811
    return session_cast


def published_listing(cast, category="SCJGJ-012", cap="5000.00", guide="4000.00", public_interest=False):
    demand, _item, _list = walk_to_approved(cast, categories=[category], public_interest=public_interest)
    for auth in demand["authorisations"]:
        assert cast.steward.post(f"/api/v1/authorisations/{auth['id']}/grant", terms()).status_code == 200
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
