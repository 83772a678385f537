"""The board's rules beyond the happy path: public-interest use, standing authorisations, expiry,
clarification, endorsements, search and filters, e-mail to the people who must act, the audit export."""

import csv
import io
import time
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from core.extensions import db
from marketplace.models import Agreement, Authorisation
from tests.marketplace.conftest import demand_body, listing_body, terms, walk_to_agreement, walk_to_approved


def test_approved_public_interest_use_is_free(cast):
    demand, listing, agreement = walk_to_agreement(cast, price="0.90", public_interest=True)
    assert agreement["public_interest"] is True and agreement["price"] == "0.00"


def test_claimed_but_unconfirmed_public_interest_pays(cast):
    demand, _item, _list = walk_to_approved(cast, public_interest=True)
    # walk_to_approved confirms what was claimed; a claim the coordinator denies is commercial use
    other = cast.consumer.post("/api/v1/demands", demand_body(public_interest=True, title="另一项需求")).json
    cast.operator.post(f"/api/v1/demands/{other['id']}/accept")
    review = cast.operator.get(f"/api/v1/demands/{other['id']}").json
    dl = next(
        x for x in cast.operator.get("/api/v1/demand-lists").json["items"] if x["number"] == review["demand_list"]
    )
    cast.operator.post(f"/api/v1/demand-lists/{dl['id']}/submit")
    item = next(i["id"] for i in dl["items"] if i["demand_id"] == other["id"])
    cast.coordinator.post(
        f"/api/v1/demand-list-items/{item}/decision", {"decision": "approve", "public_interest": False}
    )
    assert cast.consumer.get(f"/api/v1/demands/{other['id']}").json["review"]["public_interest_confirmed"] is False


def test_commercial_use_needs_a_price_within_the_cap(cast):
    demand, _item, _list = walk_to_approved(cast)
    cast.steward.post(f"/api/v1/authorisations/{demand['authorisations'][0]['id']}/grant", terms())
    listing = cast.operator.post("/api/v1/listings", listing_body([demand["id"]])).json
    cast.operator.post(f"/api/v1/listings/{listing['id']}/publish")
    base = {"listing_id": listing["id"], "demand_id": demand["id"], "delivery_mode": "usable_invisible"}
    missing = cast.operator.post("/api/v1/agreements", base)
    assert missing.status_code == 400 and "price" in missing.json["error"]["fields"]
    over = cast.operator.post("/api/v1/agreements", {**base, "price": "1.01"})
    assert over.status_code == 400 and "price" in over.json["error"]["fields"]
    assert (
        cast.operator.post(
            "/api/v1/agreements", {**base, "delivery_mode": "controlled_export", "price": "0.50"}
        ).status_code
        == 409
    )


def test_the_agreement_keeps_the_terms_as_agreed(cast):
    _demand, listing, agreement = walk_to_agreement(cast)
    cast.operator.post(f"/api/v1/listings/{listing['id']}/suspend")
    cast.operator.patch(f"/api/v1/listings/{listing['id']}", {"title_zh": "改名后的产品", "price_cap": "5.00"})
    snapshot = cast.consumer.get(f"/api/v1/agreements/{agreement['id']}").json["snapshot"]["listing"]
    assert snapshot["title_zh"] == "企业登记信息核验服务" and snapshot["price_cap"] == "1.00"


def test_a_standing_authorisation_grants_matching_requests_at_once(cast, ctx):
    from catalog.models import Category, Department

    department = db.session.scalar(select(Department).where(Department.code == "SCJGJ"))
    open_category = db.session.scalar(
        select(Category)
        .where(Category.department_id == department.id, Category.openness == "unconditional")
        .order_by(Category.code)
    )
    conditional = db.session.scalar(
        select(Category)
        .where(Category.department_id == department.id, Category.openness == "conditional")
        .order_by(Category.code)
    )
    refused = cast.steward.post("/api/v1/standing-authorisations", {"category": conditional.code, **terms()})
    assert refused.status_code == 409
    assert (
        cast.other_steward.post(
            "/api/v1/standing-authorisations", {"category": open_category.code, **terms()}
        ).status_code
        == 404
    )
    # a pending request first, then the standing authorisation grants it
    demand, _item, _list = walk_to_approved(cast, categories=[open_category.code])
    auth_id = demand["authorisations"][0]["id"]
    assert cast.steward.get(f"/api/v1/authorisations/{auth_id}").json["status"] == "pending"
    created = cast.steward.post("/api/v1/standing-authorisations", {"category": open_category.code, **terms()})
    assert created.status_code == 201
    assert cast.steward.get(f"/api/v1/authorisations/{auth_id}").json["status"] == "granted"
    # and later requests are granted as they are made
    later, _item, _list = walk_to_approved(cast, categories=[open_category.code], title="后来的需求")
    granted = cast.steward.get(f"/api/v1/authorisations/{later['authorisations'][0]['id']}").json
    assert granted["status"] == "granted" and granted["standing"] is True
    assert (
        cast.steward.post("/api/v1/standing-authorisations", {"category": open_category.code, **terms()}).status_code
        == 409
    )


def test_expiry_command_is_idempotent_and_ends_dependent_agreements(app, cast, ctx):
    demand, _listing, agreement = walk_to_agreement(cast)
    authorisation = db.session.get(Authorisation, demand["authorisations"][0]["id"])
    authorisation.expires_on = date.today() - timedelta(days=1)
    db.session.commit()
    runner = app.test_cli_runner()
    first = runner.invoke(args=["marketplace", "expire"])
    # at least this one (another test may have left an authorisation past its date: no read sweeps)
    assert first.exit_code == 0 and "Expired 0 authorisation(s)" not in first.output
    assert cast.steward.get(f"/api/v1/authorisations/{authorisation.id}").json["status"] == "expired"
    assert cast.consumer.get(f"/api/v1/agreements/{agreement['id']}").json["status"] == "expired"
    second = runner.invoke(args=["marketplace", "expire"])
    assert "Expired 0 authorisation(s) and 0 agreement(s)" in second.output


def test_expiry_is_also_checked_when_access_is_used(cast, ctx):
    demand, _listing, agreement = walk_to_agreement(cast)
    for actor in (cast.consumer, cast.operator, cast.steward):
        actor.post(f"/api/v1/agreements/{agreement['id']}/sign")
    assert cast.consumer.get(f"/api/v1/agreements/{agreement['id']}/access").status_code == 200
    row = db.session.get(Agreement, agreement["id"])
    row.term_end = date.today() - timedelta(days=1)
    db.session.commit()
    response = cast.consumer.get(f"/api/v1/agreements/{agreement['id']}/access")
    assert response.status_code == 409
    # a GET never writes: the daily sweep records the expiry
    assert cast.consumer.get(f"/api/v1/agreements/{agreement['id']}").json["status"] == "active"
    assert app_cli(ctx, "marketplace", "expire").exit_code == 0
    assert cast.consumer.get(f"/api/v1/agreements/{agreement['id']}").json["status"] == "expired"


def test_clarification_round_trip(cast):
    demand = cast.consumer.post("/api/v1/demands", demand_body()).json
    asked = cast.operator.post(f"/api/v1/demands/{demand['id']}/clarify", {"message": "请说明数据使用范围"})
    assert asked.json["status"] == "clarification_requested"
    inbox = cast.consumer.get("/api/v1/inbox").json["items"]
    assert any(t["kind"] == "demand.clarify" for t in inbox)
    assert cast.consumer.get(f"/api/v1/demands/{demand['id']}").json["status_reason"] == "请说明数据使用范围"
    edited = cast.consumer.patch(f"/api/v1/demands/{demand['id']}", demand_body(scenario="仅用于贷前核验"))
    assert edited.status_code == 200 and edited.json["status"] == "submitted"


def test_endorsements_and_comments(cast):
    demand = cast.consumer.post("/api/v1/demands", demand_body()).json
    assert cast.other_consumer.post(f"/api/v1/demands/{demand['id']}/endorse").json["endorsements"] == 1
    assert cast.other_consumer.post(f"/api/v1/demands/{demand['id']}/endorse").status_code == 409
    assert cast.other_consumer.post(f"/api/v1/demands/{demand['id']}/comments", {"body": "同需"}).status_code == 201
    assert cast.other_consumer.post(f"/api/v1/demands/{demand['id']}/comments", {"body": ""}).status_code == 400
    assert cast.consumer.get(f"/api/v1/demands/{demand['id']}").json["comments"][-1]["body"] == "同需"


def test_enterprise_name_only_when_it_opts_in(cast):
    hidden = cast.consumer.post("/api/v1/demands", demand_body(show_enterprise=False)).json
    assert cast.other_consumer.get(f"/api/v1/demands/{hidden['id']}").json["enterprise"] is None
    assert cast.client.get(f"/api/v1/demands/{hidden['id']}").json["enterprise"] is None
    assert cast.consumer.get(f"/api/v1/demands/{hidden['id']}").json["enterprise"]


@pytest.mark.parametrize(
    "params, expect_found",
    [
        ({"department": "SCJGJ"}, True),
        ({"department": "JYJ"}, False),
        ({"theme": "market"}, True),
        ({"theme": "weather"}, False),
        ({"q": "营业执照"}, True),
        ({"q": "yyzz"}, True),
        ({"q": "信用画像"}, True),
        ({"q": "气象雷达"}, False),
        ({"status": "submitted"}, True),
        ({"status": "approved"}, False),
    ],
)
def test_board_filters_and_search(cast, params, expect_found):
    demand = cast.consumer.post("/api/v1/demands", demand_body(title="企业信用画像服务")).json
    ids = [d["id"] for d in cast.client.get("/api/v1/demands", query_string={**params, "per_page": 100}).json["items"]]
    assert (demand["id"] in ids) is expect_found


def test_board_refuses_unknown_status(cast):
    assert cast.client.get("/api/v1/demands", query_string={"status": "lost"}).status_code == 400


def test_the_people_who_must_act_get_an_email(app, cast, smtp_sink):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_sink.port)
    try:
        demand = cast.consumer.post("/api/v1/demands", demand_body(title="邮件通知测试")).json
        # a background job sends it (one message per person): wait for it
        for _ in range(200):
            to_operators = [m for m in smtp_sink.messages if "邮件通知测试" in m["Subject"]]
            if any(cast.operator.email == m["To"] for m in to_operators):
                break
            time.sleep(0.05)
        assert any(cast.operator.email == m["To"] for m in to_operators), [m["To"] for m in to_operators]
        assert all("," not in m["To"] for m in to_operators)  # nobody sees the others' addresses
        assert f"/demands/{demand['id']}" in to_operators[0].get_content()
    finally:
        app.config.update(MAIL_SERVER="")


def test_the_audit_log_exports_csv_for_excel(client, cast):
    from tests.factories import PASSWORD

    cast.consumer.post("/api/v1/demands", demand_body(title="审计导出测试"))
    client.post("/login", data={"email": cast.admin.email, "password": PASSWORD})
    response = client.get("/audit.csv", query_string={"action": "demand.*"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.data.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][0] == "id" and any(r[4] == "demand.submitted" for r in rows[1:])
    assert client.get("/audit", query_string={"since": "not-a-date"}).status_code == 200
    assert cast.admin.get("/api/v1/audit", query_string={"since": "bad"}).status_code == 400
    client.post("/logout")
    client.post("/login", data={"email": cast.consumer.email, "password": PASSWORD})
    assert client.get("/audit.csv").status_code == 403


def app_cli(app, *args):
    return app.test_cli_runner().invoke(args=list(args))
