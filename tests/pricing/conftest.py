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


# Departments no test names a category of: fresh_category draws from them (45 listable categories),
# so a test that names its own category (most name SCJGJ's, of which only 24 are listable) never
# finds it taken by another's fresh one, and the pool lasts whatever order the tests run in.
FRESH_DEPARTMENTS = ("ZJJ", "STHJJ", "GHZYJ")


def fresh_category(departments: tuple[str, ...] = FRESH_DEPARTMENTS) -> str:
    """A listable category (not core-grade, not closed) no demand, authorisation, standing
    authorisation or listing has named yet: a test that walks it through the flow meets no one
    else's authorisation (a standing one would grant the request at once; any valid one would let a
    listing be published), whichever tests ran before. Its department's steward: steward_for.
    departments: some of FRESH_DEPARTMENTS (e.g. one, for categories of two departments)."""
    from sqlalchemy import select, union

    from catalog.models import Category, Department
    from core.extensions import db
    from marketplace.models import (
        StandingAuthorisation,
        authorisation_categories,
        demand_categories,
        listing_categories,
    )

    named = union(
        select(demand_categories.c.category_id),
        select(authorisation_categories.c.category_id),
        select(StandingAuthorisation.category_id),
        select(listing_categories.c.category_id),
    )
    code = db.session.scalar(
        select(Category.code)
        .join(Department)
        .where(
            Department.code.in_(departments),
            Category.grade != "core",
            Category.openness != "closed",
            Category.id.not_in(named),
        )
        .order_by(Category.code.desc())
        .limit(1)
    )
    assert code is not None, f"every listable category of {departments} is taken: add a department"
    return code


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
