"""Factories for the board: a cast of users with tokens, and helpers that walk the workflow."""

from datetime import date, timedelta

import pytest

from tests.factories import bearer, make_user, token_for


class Actor:
    def __init__(self, client, role, org=None):
        self.user = make_user(role, org=org)
        self.email = self.user.email
        self.user_id = self.user.id
        self.org_id = self.user.organisation_id
        self.headers = bearer(token_for(self.user))
        self.client = client

    def get(self, path, **kw):
        return self.client.get(path, headers=self.headers, **kw)

    def post(self, path, json=None, **kw):
        return self.client.post(path, headers=self.headers, json=json if json is not None else {}, **kw)

    def patch(self, path, json=None):
        return self.client.patch(path, headers=self.headers, json=json or {})


@pytest.fixture(scope="session")
def session_cast(app):
    """Users of every role, made once (hashing and tokens are the slow part of a test's setup)."""
    with app.app_context():
        return _make_cast(app.test_client())


@pytest.fixture()
def cast(ctx, session_cast):
    return session_cast


def _make_cast(client):
    class Cast:
        consumer = Actor(client, "consumer")
        other_consumer = Actor(client, "consumer")
        operator = Actor(client, "operator")
        coordinator = Actor(client, "coordinator")
        steward = Actor(client, "steward", org="SCJGJ")
        steward_tax = Actor(client, "steward", org="CDSWJ")
        other_steward = Actor(client, "steward", org="JYJ")
        finance = Actor(client, "finance")
        admin = Actor(client, "admin")

    Cast.client = client
    return Cast


def demand_body(**over):
    body = {
        "title": "企业信用画像服务",
        "scenario": "为小微企业贷款审批提供企业登记与纳税信用核验",
        "purpose": "信贷风控",
        "categories": ["SCJGJ-001"],
        "budget_min": "10000.00",
        "budget_max": "50000.00",
        "public_interest": False,
        "contact_name": "王经理",
        "contact_phone": "028-88888888",
        "contact_email": "wang@example.cn",
        "show_enterprise": True,
    }
    body.update(over)
    return body


def terms(**over):
    body = {
        "purpose": "企业信用核验",
        "delivery_modes": ["usable_invisible", "in_platform"],
        "expires_on": (date.today() + timedelta(days=365)).isoformat(),
        "security_measures": "隐私计算环境内使用,结果脱敏,访问留痕",
    }
    body.update(over)
    return body


def listing_body(demand_ids=(), **over):
    body = {
        "title_zh": "企业登记信息核验服务",
        "title_en": "Enterprise registration verification",
        "description_zh": "按统一社会信用代码核验企业登记信息",
        "delivery_modes": ["usable_invisible", "in_platform"],
        "pricing_basis": "per_call",
        "guide_price": "0.80",
        "price_cap": "1.00",
        "volume_tiers": [{"min_quantity": 10000, "unit_price": "0.60"}],
        "categories": ["SCJGJ-001"],
        "demands": list(demand_ids),
    }
    body.update(over)
    return body


def walk_to_approved(cast, **demand_over):
    """consumer posts → operator accepts and submits the list → coordinator approves.
    Returns (demand, item_id, list_id)."""
    demand = cast.consumer.post("/api/v1/demands", demand_body(**demand_over))
    assert demand.status_code == 201, demand.json
    demand_id = demand.json["id"]
    assert cast.operator.post(f"/api/v1/demands/{demand_id}/accept").status_code == 200
    list_number = cast.operator.get(f"/api/v1/demands/{demand_id}").json["demand_list"]
    lists = cast.operator.get("/api/v1/demand-lists").json["items"]
    dl = next(x for x in lists if x["number"] == list_number)
    assert cast.operator.post(f"/api/v1/demand-lists/{dl['id']}/submit").status_code == 200
    item_id = next(i["id"] for i in dl["items"] if i["demand_id"] == demand_id)
    decided = cast.coordinator.post(
        f"/api/v1/demand-list-items/{item_id}/decision",
        {"decision": "approve", "public_interest": demand_over.get("public_interest", False)},
    )
    assert decided.status_code == 200, decided.json
    return cast.consumer.get(f"/api/v1/demands/{demand_id}").json, item_id, dl["id"]


def walk_to_agreement(cast, price="0.90", **demand_over):
    """… → steward grants → operator publishes a listing for the demand → operator drafts the agreement."""
    demand, item_id, list_id = walk_to_approved(cast, **demand_over)
    for auth in demand["authorisations"]:
        steward = cast.steward if auth["department"] == "SCJGJ" else cast.steward_tax
        assert steward.post(f"/api/v1/authorisations/{auth['id']}/grant", terms()).status_code == 200
    listing = cast.operator.post(
        "/api/v1/listings", listing_body([demand["id"]], categories=[c["code"] for c in demand["categories"]])
    )
    assert listing.status_code == 201, listing.json
    assert cast.operator.post(f"/api/v1/listings/{listing.json['id']}/publish").status_code == 200
    agreement = cast.operator.post(
        "/api/v1/agreements",
        {
            "listing_id": listing.json["id"],
            "demand_id": demand["id"],
            "delivery_mode": "usable_invisible",
            "price": price,
        },
    )
    assert agreement.status_code == 201, agreement.json
    return demand, listing.json, agreement.json
