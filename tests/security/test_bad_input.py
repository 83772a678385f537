"""Item 6: the reported 500s on bad input, each now a 400 (or 413) that changes nothing: integers of
1e309 (a float infinity) and above 2⁶³, JSON nested 5,000 deep, a CSV field over 131,072 characters;
amounts in ASCII digits only; 405 with Allow and no catch-all route."""

import json

import pytest
from sqlalchemy import func, select

from core.extensions import db
from finance.models import BankStatement
from tests.factories import PASSWORD
from tests.security.conftest import fingerprint, fresh_address, fresh_post, published_listing

HUGE = "1" + "0" * 19  # 10^19 > 2^63
_shared = {}


def setting(cast):
    """A published listing, an approved demand of the consumer's and an open thread with a standing
    offer from the operator: made once for the module."""
    if not _shared:
        listing, demand = published_listing(cast, category="FGW-002", cap="5000.00", guide="4000.00")
        thread = cast.consumer.post(
            "/api/v1/negotiations", {"listing_id": listing["id"], "message": "询价", "amount": "3000.00"}
        ).json
        offer = cast.operator.post(f"/api/v1/negotiations/{thread['id']}/offers", {"amount": "3500.00"}).json
        _shared.update(listing=listing["id"], demand=demand["id"], thread=thread["id"], offer=offer["id"])
    return _shared


def raw_post(actor, path, text):
    return actor.client.post(path, data=text, content_type="application/json", headers=actor.headers)


def refused(response, field=None, status=400):
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    error = response.json["error"]
    assert error["code"] in ("validation_error", "payload_too_large")
    if field:
        assert field in error["fields"], error


# (name, who, path, raw JSON body, field named in the answer)
CASES = [
    ("listing_id_1e309", "consumer", "/api/v1/negotiations", '{{"listing_id": 1e309, "message": "x"}}', "listing_id"),
    (
        "demand_id_1e309",
        "consumer",
        "/api/v1/negotiations",
        '{{"listing_id": {listing}, "demand_id": 1e309, "message": "x"}}',
        "demand_id",
    ),
    (
        "valid_days_1e309",
        "operator",
        "/api/v1/negotiations/{thread}/offers",
        '{{"amount": "3600.00", "valid_days": 1e309}}',
        "valid_days",
    ),
    (
        "quantity_1e309",
        "operator",
        "/api/v1/negotiations/{thread}/offers",
        '{{"amount": "3600.00", "quantity": 1e309}}',
        "quantity",
    ),
    (
        "term_months_1e309",
        "operator",
        "/api/v1/negotiations/{thread}/offers",
        '{{"amount": "3600.00", "term_months": 1e309}}',
        "term_months",
    ),
    ("offer_id_1e309", "consumer", "/api/v1/negotiations/{thread}/accept", '{{"offer_id": 1e309}}', "offer_id"),
    (
        "demands_1e309",
        "operator",
        "/api/v1/listings",
        '{{"title_zh": "x", "delivery_modes": ["in_platform"], "guide_price": "1.00", "price_cap": "2.00", '
        '"categories": ["FGW-002"], "demands": [1e309]}}',
        "demands",
    ),
    (
        "volume_tiers_min_quantity_1e309",
        "operator",
        "/api/v1/listings",
        '{{"title_zh": "x", "delivery_modes": ["in_platform"], "guide_price": "1.00", "price_cap": "2.00", '
        '"categories": ["FGW-002"], "volume_tiers": [{{"min_quantity": 1e309, "unit_price": "1.00"}}]}}',
        "volume_tiers",
    ),
    (
        "listing_id_above_2_63",
        "consumer",
        "/api/v1/negotiations",
        '{{"listing_id": ' + HUGE + ', "message": "x"}}',
        "listing_id",
    ),
    (
        "demand_id_above_2_63",
        "consumer",
        "/api/v1/negotiations",
        '{{"listing_id": {listing}, "demand_id": ' + HUGE + ', "message": "x"}}',
        "demand_id",
    ),
    (
        "listing_id_2_31",
        "consumer",
        "/api/v1/negotiations",
        '{{"listing_id": 2147483648, "message": "x"}}',
        "listing_id",
    ),
    ("listing_id_true", "consumer", "/api/v1/negotiations", '{{"listing_id": true, "message": "x"}}', "listing_id"),
    ("offer_id_fraction", "consumer", "/api/v1/negotiations/{thread}/accept", '{{"offer_id": 1.5}}', "offer_id"),
]


@pytest.mark.parametrize("name, who, path, body, field", CASES, ids=[c[0] for c in CASES])
def test_out_of_range_integers_are_400_and_change_nothing(cast, name, who, path, body, field):
    ids = setting(cast)
    before = fingerprint()
    refused(raw_post(getattr(cast, who), path.format(**ids), body.format(**ids)), field)
    assert fingerprint() == before


@pytest.mark.parametrize("value", [HUGE, "18446744073709551616", "1e309", "-1", "0", "１２", "1_0"])
def test_listings_demand_filter_out_of_range_is_400(cast, value):
    refused(cast.consumer.get("/api/v1/listings", query_string={"demand": value}), "demand")


@pytest.mark.parametrize("value", [HUGE, "1e309", "１２", "1_0"])
def test_paging_out_of_range_is_400(cast, value):
    refused(cast.consumer.get("/api/v1/listings", query_string={"page": value}), "page")


@pytest.mark.parametrize(
    "path", ["/api/v1/listings/" + HUGE, "/api/v1/demands/2147483648", "/api/v1/negotiations/1e309"]
)
def test_out_of_range_ids_in_paths_are_not_found(cast, path):
    response = cast.consumer.get(path)
    assert response.status_code == 404 and response.json["error"]["code"] == "not_found"


def test_json_nested_5000_deep_is_400_and_changes_nothing(cast):
    before = fingerprint()
    refused(raw_post(cast.consumer, "/api/v1/negotiations", "[" * 5000 + "]" * 5000))
    refused(raw_post(cast.consumer, "/api/v1/demands", '{"title": ' + "[" * 65 + "]" * 65 + "}"))
    assert fingerprint() == before


def test_json_larger_than_a_megabyte_is_413(cast):
    before = fingerprint()
    response = raw_post(cast.consumer, "/api/v1/demands", json.dumps({"title": "x" * (1024 * 1024 + 1)}))
    refused(response, status=413)
    assert response.json["error"]["code"] == "payload_too_large"
    assert fingerprint() == before


def _statement_with_a_long_field() -> bytes:
    lines = [
        "交易日期,金额,对方户名,附言",
        "2026-11-03,100.00,成都甲,货款",
        "2026-11-04,200.00,成都乙," + "x" * 131_073,
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _statements() -> int:
    return db.session.scalar(select(func.count()).select_from(BankStatement))


def test_a_csv_field_over_131072_characters_is_400_naming_the_line_api(cast):
    before = _statements()
    response = cast.finance.client.post(
        "/api/v1/finance/statements?filename=long.csv",
        data=_statement_with_a_long_field(),
        headers=cast.finance.headers,
        content_type="text/csv",
    )
    refused(response, "file")
    assert "3" in response.json["error"]["fields"]["file"][0]  # the line
    assert _statements() == before


def test_a_csv_field_over_131072_characters_is_400_naming_the_line_web(app, cast):
    import io

    client = app.test_client()
    assert (
        fresh_post(
            client, "/login", data={"email": cast.finance.email, "password": PASSWORD}, environ_base=fresh_address()
        ).status_code
        == 302
    )
    before = _statements()
    response = fresh_post(
        client,
        "/finance/statements",
        data={"file": (io.BytesIO(_statement_with_a_long_field()), "long.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "3" in response.get_data(as_text=True) and _statements() == before


@pytest.mark.parametrize(
    "amount", ["1_000", "１２３", "1e3", "12.345", "NaN", "Infinity", "0x10", " 1 000", "１２３.００"]
)
def test_api_amounts_take_ascii_digits_with_at_most_two_decimals(cast, amount):
    ids = setting(cast)
    before = fingerprint()
    refused(cast.operator.post(f"/api/v1/negotiations/{ids['thread']}/offers", {"amount": amount}), "amount")
    refused(cast.consumer.post("/api/v1/demands", {"title": "x", "budget_min": amount}), "budget_min")
    assert fingerprint() == before


def test_web_forms_turn_full_width_digits_into_ascii_and_show_them(app, cast):
    client = app.test_client()
    fresh_post(
        client, "/login", data={"email": cast.consumer.email, "password": PASSWORD}, environ_base=fresh_address()
    )
    before = fingerprint()
    page = fresh_post(
        client, "/demands/new", data={"title": "", "budget_min": "１２３４５．５０", "budget_max": "２００００"}
    )
    text = page.get_data(as_text=True)
    assert page.status_code == 400 and 'value="12345.50"' in text and 'value="20000"' in text
    assert fingerprint() == before


def test_405_keeps_its_allow_header_and_there_is_no_catch_all(client):
    response = client.delete("/api/v1/categories")
    assert response.status_code == 405
    assert set(response.headers["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}
    options = client.options("/api/v1/categories")
    assert "DELETE" not in options.headers["Allow"] and "POST" not in options.headers["Allow"]
    unknown = client.get("/api/v1/no-such-thing")
    assert unknown.status_code == 404 and unknown.json["error"]["code"] == "not_found"
    assert client.delete("/api/v1/no-such-thing").status_code == 404
