"""The operator's HTML draft form carries the delivery terms the API accepts: how often a usage report
is due, whether an overdue one blocks exports, and whether exports also wait for the operator."""

import re

import pytest

from tests.factories import PASSWORD
from tests.marketplace.conftest import listing_body, terms, walk_to_approved


@pytest.fixture()
def draftable(cast):
    """An approved demand, granted, with a published listing for it: (listing id, demand id)."""
    demand, _item, _list = walk_to_approved(cast)
    for auth in demand["authorisations"]:
        assert cast.steward.post(f"/api/v1/authorisations/{auth['id']}/grant", terms()).status_code == 200
    listing = cast.operator.post("/api/v1/listings", listing_body([demand["id"]]))
    assert listing.status_code == 201, listing.json
    assert cast.operator.post(f"/api/v1/listings/{listing.json['id']}/publish").status_code == 200
    return listing.json["id"], demand["id"]


@pytest.fixture()
def operator_web(app, cast):
    client = app.test_client()
    signed_in = client.post("/login", data={"email": cast.operator.email, "password": PASSWORD})
    assert signed_in.status_code in (302, 303)
    return client


def _form(listing_id, demand_id, **over):
    data = {
        "listing_id": str(listing_id),
        "demand_id": str(demand_id),
        "delivery_mode": "usable_invisible",
        "price": "0.90",
        "term_end": "",
        "feedback_every_days": "90",
        "feedback_blocks_exports": "y",
    }
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}  # an unticked box is not sent


def test_the_draft_form_offers_the_delivery_terms_with_the_apis_defaults(operator_web, draftable):
    listing_id, demand_id = draftable
    page = operator_web.get(f"/agreements/new?listing={listing_id}&demand={demand_id}")
    assert page.status_code == 200
    assert re.search(r'<input[^>]*id="feedback_every_days"[^>]*value="90"', page.text)
    assert re.search(
        r'<input[^>]*checked[^>]*id="feedback_blocks_exports"|id="feedback_blocks_exports"[^>]*checked', page.text
    )
    box = re.search(r'<input[^>]*id="export_operator_approval"[^>]*>', page.text).group(0)
    assert "checked" not in box


def test_the_terms_drafted_on_the_page_are_the_agreements(cast, operator_web, draftable):
    listing_id, demand_id = draftable
    drafted = operator_web.post(
        "/agreements/new",
        data=_form(
            listing_id, demand_id, feedback_every_days="30", feedback_blocks_exports=None, export_operator_approval="y"
        ),
    )
    assert drafted.status_code in (302, 303), drafted.text[:500]
    agreement_id = int(re.search(r"/agreements/(\d+)$", drafted.headers["Location"]).group(1))
    agreement = cast.operator.get(f"/api/v1/agreements/{agreement_id}").json
    assert agreement["feedback_every_days"] == 30
    assert agreement["feedback_blocks_exports"] is False
    assert agreement["export_operator_approval"] is True


def test_a_report_interval_out_of_range_is_a_field_message_and_drafts_nothing(cast, operator_web, draftable):
    listing_id, demand_id = draftable
    before = cast.operator.get("/api/v1/agreements").json["total"]
    refused = operator_web.post("/agreements/new", data=_form(listing_id, demand_id, feedback_every_days="3"))
    assert refused.status_code in (200, 400)
    assert re.search(
        r'<input[^>]*aria-invalid="true"[^>]*id="feedback_every_days"|id="feedback_every_days"[^>]*aria-invalid="true"',
        refused.text,
    )
    assert "7" in refused.text and "366" in refused.text
    assert cast.operator.get("/api/v1/agreements").json["total"] == before
