"""The public price disclosure and the offer-expiry command."""

import csv
import io
from datetime import timedelta

from core.extensions import db
from core.timeutil import utcnow
from pricing.models import Offer
from tests.pricing.conftest import published_listing


def test_disclosure_lists_caps_and_agreed_prices(cast):
    listing, _demand = published_listing(cast, category="CDSWJ-001", cap="5000.00")
    for amount in ("1000.00", "3000.00", "2000.00"):
        thread = cast.consumer.post(
            "/api/v1/negotiations", {"listing_id": listing["id"], "message": "询价", "amount": amount}
        ).json
        assert (
            cast.operator.post(
                f"/api/v1/negotiations/{thread['id']}/accept", {"offer_id": thread["standing_offer"]["id"]}
            ).status_code
            == 200
        )
    rows = [r for r in cast.client.get("/api/v1/price-disclosure").json["items"] if r["listing_id"] == listing["id"]]
    assert len(rows) == 1
    assert (rows[0]["agreed_count"], rows[0]["min"], rows[0]["median"], rows[0]["max"], rows[0]["price_cap"]) == (
        3,
        "1000.00",
        "2000.00",
        "3000.00",
        "5000.00",
    )
    page = cast.client.get("/prices")
    assert page.status_code == 200 and listing["title_zh"] in page.get_data(as_text=True)
    exported = cast.client.get("/prices.csv")
    text = exported.data.decode("utf-8")
    assert text.startswith("\ufeff") and exported.mimetype == "text/csv"
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    mine = next(r for r in table[1:] if r[0] == str(listing["id"]))
    assert mine[6:] == ["3", "0", "1000.00", "2000.00", "3000.00"]


def test_expire_command_is_idempotent(app, cast):
    listing, _demand = published_listing(cast, category="CDSWJ-002")
    thread = cast.consumer.post(
        "/api/v1/negotiations", {"listing_id": listing["id"], "message": "询价", "amount": "100.00"}
    ).json
    offer = db.session.get(Offer, thread["standing_offer"]["id"])
    offer.valid_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    runner = app.test_cli_runner()
    # at least this one (another test may have left an offer past its time: only the sweep records it)
    assert "Expired 0 offer(s)." not in runner.invoke(args=["pricing", "expire"]).output
    assert "Expired 0 offer(s)." in runner.invoke(args=["pricing", "expire"]).output
    assert cast.consumer.get(f"/api/v1/negotiations/{thread['id']}").json["offers"][0]["status"] == "expired"
