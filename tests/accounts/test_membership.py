"""Enterprise membership: a later sign-up with a known credit code is a request that sees nothing of
the enterprise until approved; removal ends access with the very next request."""

from datetime import date
from decimal import Decimal

import pytest
from flask import g
from flask_babel import refresh
from sqlalchemy import select

from accounts.models import Membership, Organisation, User
from core.audit import AuditEntry
from core.extensions import db
from finance.services import payments
from tests.factories import PASSWORD, bearer, make_user, token_for
from tests.marketplace.conftest import demand_body, walk_to_agreement
from tests.pricing.conftest import fresh_category, published_listing


def new_request():
    """The tests share one app context (the `ctx` fixture), and Flask-Login caches the signed-in user
    in `g`: drop it, so each page request loads its user from its own session cookie, as a real
    request does."""
    g.pop("_login_user", None)
    refresh()  # and its locale, chosen afresh from the request


def sign_up(client, email, code, name="成都后来者科技有限公司"):
    return client.post(
        "/signup",
        data={
            "enterprise_name": name,
            "credit_code": code,
            "display_name": email.split("@")[0],
            "email": email,
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
    )


def user_named(email) -> User:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


def membership_of(email) -> Membership:
    return db.session.scalar(select(Membership).where(Membership.user_id == user_named(email).id))


class Employee:
    """A second employee who signed up with the enterprise's credit code, with a token and a browser
    session of its own."""

    def __init__(self, app, code, email):
        self.client = app.test_client()
        assert sign_up(self.client, email, code).status_code == 303
        assert self.client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
        new_request()
        self.user = user_named(email)
        self.headers = bearer(token_for(self.user))
        self.email = email

    def get(self, path):
        return self.client.get(path, headers=self.headers)

    def post(self, path, json=None):
        return self.client.post(path, headers=self.headers, json=json or {})

    def page(self, path):
        new_request()
        return self.client.get(path)  # the browser session, no token


@pytest.fixture()
def enterprise(cast, app):
    """The cast's enterprise with one of each of its objects: a demand, a negotiation, an agreement
    to sign, an invoice with a payment on it."""
    demand, _listing, agreement = walk_to_agreement(cast)
    withdrawn = cast.consumer.post("/api/v1/demands", demand_body(title="撤回的需求")).json["id"]
    assert cast.consumer.post(f"/api/v1/demands/{withdrawn}/withdraw").status_code == 200
    listing, _ = published_listing(cast, category=fresh_category())
    thread = cast.consumer.post(
        "/api/v1/negotiations", {"listing_id": listing["id"], "message": "询价", "amount": "3000.00"}
    ).json
    agreed = cast.operator.post(
        f"/api/v1/negotiations/{thread['id']}/accept", {"offer_id": thread["standing_offer"]["id"]}
    )
    assert agreed.status_code == 200, agreed.json
    number = agreed.json["invoice_number"]
    from finance.models import Invoice

    invoice = db.session.scalar(select(Invoice).where(Invoice.number == number))
    payments.receive("bank", Decimal("1000.00"), date.today(), f"TEST-{number}", invoice=invoice)
    db.session.commit()
    return {
        "code": db.session.get(Organisation, cast.consumer.org_id).code,
        "public_demand": demand["id"],
        "demand": withdrawn,
        "thread": thread["id"],
        "agreement": agreement["id"],
        "invoice": number,
    }


def objects(e):
    """Each of the enterprise's objects through the API and as pages."""
    return [
        f"/api/v1/demands/{e['demand']}",
        f"/api/v1/negotiations/{e['thread']}",
        f"/api/v1/agreements/{e['agreement']}",
        f"/api/v1/invoices/{e['invoice']}",
    ], [
        f"/demands/{e['demand']}",
        f"/negotiations/{e['thread']}",
        f"/agreements/{e['agreement']}",
        f"/invoices/{e['invoice']}",
        f"/invoices/{e['invoice']}.pdf",
    ]


def assert_sees_nothing(employee, e):
    api, pages = objects(e)
    for path in api:
        assert employee.get(path).status_code == 404, path
    for path in pages:
        assert employee.page(path).status_code == 404, path
    for path in ("/api/v1/negotiations", "/api/v1/invoices", "/api/v1/agreements"):
        assert employee.get(path).json["items"] == [], path
    mine = employee.get("/api/v1/demands?mine=1")
    assert not {e["demand"], e["public_demand"]} & {d["id"] for d in mine.json.get("items", [])}
    # a demand on the public board shows only what the public sees, not the enterprise's contact details
    public = employee.get(f"/api/v1/demands/{e['public_demand']}").json
    assert "contact_phone" not in public


def assert_sees_everything(employee, e):
    api, pages = objects(e)
    for path in api:
        assert employee.get(path).status_code == 200, path
    for path in pages:
        assert employee.page(path).status_code == 200, path
    assert e["thread"] in [t["id"] for t in employee.get("/api/v1/negotiations").json["items"]]
    assert e["invoice"] in [i["number"] for i in employee.get("/api/v1/invoices").json["items"]]
    assert "contact_phone" in employee.get(f"/api/v1/demands/{e['public_demand']}").json


def test_signup_with_an_existing_code_is_a_pending_request_that_sees_none_of_the_enterprise(app, cast, enterprise):
    employee = Employee(app, enterprise["code"], "late-joiner@example.cn")
    row = membership_of(employee.email)
    assert (row.status, row.role, row.organisation.code) == ("pending", "member", enterprise["code"])
    assert employee.user.organisation_id is None
    assert_sees_nothing(employee, enterprise)
    # it cannot sign for the enterprise, nor act for it
    assert employee.post(f"/api/v1/agreements/{enterprise['agreement']}/sign").status_code == 404
    new_request()
    assert employee.client.post(f"/agreements/{enterprise['agreement']}/sign").status_code == 404
    refused = employee.post("/api/v1/demands", {"title": "x"})
    assert refused.status_code == 403 and refused.json["error"]["code"] == "forbidden"
    assert "在册成员" in refused.json["error"]["message"]
    # the enterprise administrator sees the request on the members page
    admin_client = app.test_client()
    admin_client.post("/login", data={"email": cast.consumer.email, "password": PASSWORD})
    new_request()
    assert employee.email in admin_client.get("/account/members").get_data(as_text=True)


def test_approval_gives_access_to_the_enterprise(app, cast, enterprise):
    employee = Employee(app, enterprise["code"], "approved-joiner@example.cn")
    assert_sees_nothing(employee, enterprise)
    row = membership_of(employee.email)
    requests = cast.consumer.get("/api/v1/memberships?status=pending").json["items"]
    assert row.id in [r["id"] for r in requests]
    waiting = cast.consumer.get("/api/v1/inbox").json["items"]
    assert any(t["kind"] == "membership.decide" and employee.email in t["title"] for t in waiting)
    approved = cast.consumer.post(f"/api/v1/memberships/{row.id}/approve")
    assert approved.status_code == 200 and approved.json["status"] == "active"
    assert_sees_everything(employee, enterprise)
    audit = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "membership.approved").order_by(AuditEntry.id.desc())
    )
    assert audit.actor_id == cast.consumer.user_id and audit.after["user"] == employee.email
    # approving twice is a conflict
    assert cast.consumer.post(f"/api/v1/memberships/{row.id}/approve").status_code == 409


def test_removal_ends_access_on_the_next_request_for_sessions_and_tokens(app, cast, enterprise):
    employee = Employee(app, enterprise["code"], "removed-member@example.cn")
    row = membership_of(employee.email)
    assert cast.consumer.post(f"/api/v1/memberships/{row.id}/approve").status_code == 200
    assert_sees_everything(employee, enterprise)
    assert cast.consumer.post(f"/api/v1/memberships/{row.id}/remove").status_code == 200
    # the same token and the same browser session, the very next request:
    assert_sees_nothing(employee, enterprise)
    assert membership_of(employee.email).status == "removed"
    assert employee.post(f"/api/v1/agreements/{enterprise['agreement']}/sign").status_code == 404


def test_refusal_keeps_the_enterprise_hidden(app, cast, enterprise):
    employee = Employee(app, enterprise["code"], "refused-joiner@example.cn")
    row = membership_of(employee.email)
    refused = cast.consumer.post(f"/api/v1/memberships/{row.id}/refuse", {"reason": "不认识此人"})
    assert refused.status_code == 200 and refused.json["status"] == "refused"
    assert_sees_nothing(employee, enterprise)
    assert cast.consumer.post(f"/api/v1/memberships/{row.id}/approve").status_code == 409


def test_only_the_enterprise_administrator_or_a_platform_admin_decides(app, cast, enterprise):
    employee = Employee(app, enterprise["code"], "decided-by-admin@example.cn")
    row = membership_of(employee.email)
    # another enterprise's administrator, the requester itself, an operator: the request does not exist
    for outsider in (cast.other_consumer, employee, cast.operator):
        assert outsider.post(f"/api/v1/memberships/{row.id}/approve").status_code == 404
    # a plain member of the enterprise sees the members but not the requests, and cannot decide
    colleague = make_user("consumer", org=enterprise["code"])
    headers = bearer(token_for(colleague))
    listed = cast.client.get("/api/v1/memberships", headers=headers).json["items"]
    assert row.id not in [m["id"] for m in listed] and colleague.email in [m["user"]["email"] for m in listed]
    assert cast.client.post(f"/api/v1/memberships/{row.id}/approve", headers=headers).status_code == 404
    # the platform admin may
    assert cast.admin.post(f"/api/v1/memberships/{row.id}/approve").status_code == 200
    assert cast.admin.get(f"/api/v1/memberships?enterprise={enterprise['code']}").status_code == 200


def test_handing_over_the_administrator_role(app, cast):
    first = make_user("consumer")
    code = first.organisation.code
    second = make_user("consumer", org=code)
    first_h, second_h = bearer(token_for(first)), bearer(token_for(second))
    rows = {m["user"]["email"]: m for m in cast.client.get("/api/v1/memberships", headers=first_h).json["items"]}
    assert rows[first.email]["role"] == "administrator" and rows[second.email]["role"] == "member"
    # the administrator cannot be removed; hand the role over first
    assert cast.client.post(f"/api/v1/memberships/{rows[first.email]['id']}/remove", headers=first_h).status_code == 409
    handed = cast.client.post(f"/api/v1/memberships/{rows[second.email]['id']}/hand-over", headers=first_h)
    assert handed.status_code == 200 and handed.json["role"] == "administrator"
    # the former administrator is a member now and can no longer manage; the new one removes it
    assert (
        cast.client.post(f"/api/v1/memberships/{rows[second.email]['id']}/remove", headers=first_h).status_code == 404
    )
    removed = cast.client.post(f"/api/v1/memberships/{rows[first.email]['id']}/remove", headers=second_h)
    assert removed.status_code == 200 and removed.json["status"] == "removed"
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.object_id == code)).all()
    assert {"membership.handed_over", "membership.removed"} <= set(actions)


def test_members_page_actions_through_the_browser_form(app, cast):
    first = make_user("consumer")
    code = first.organisation.code
    admin_client = app.test_client()
    assert admin_client.post("/login", data={"email": first.email, "password": PASSWORD}).status_code == 302
    employee = Employee(app, code, f"form-joiner-{code[-6:].lower()}@example.cn")
    row = membership_of(employee.email)
    new_request()
    page = admin_client.get("/account/members").get_data(as_text=True)
    assert f'data-membership="{row.id}" data-status="pending"' in page
    new_request()
    done = admin_client.post(f"/memberships/{row.id}/approve", follow_redirects=True)
    assert done.status_code == 200 and f'data-membership="{row.id}" data-status="active"' in done.get_data(as_text=True)
    assert user_named(employee.email).organisation.code == code
    # the English page
    new_request()
    assert "Membership requests" in admin_client.get("/account/members?lang=en").get_data(as_text=True)


def test_memberships_api_refuses_bad_input(cast):
    assert cast.consumer.get("/api/v1/memberships?status=everything").status_code == 400
    assert cast.admin.get("/api/v1/memberships").status_code == 400
    assert cast.admin.get("/api/v1/memberships?enterprise=NOPE").status_code == 404
    assert cast.operator.get("/api/v1/memberships").status_code == 403
    for bad in ("0", "abc", "99999999999"):
        assert cast.consumer.post(f"/api/v1/memberships/{bad}/approve").status_code == 404
    assert cast.consumer.post("/api/v1/memberships/1/refuse", {"reason": 5}).status_code in (400, 404)
    assert cast.client.get("/api/v1/memberships").status_code == 401


def test_backfilled_and_cli_made_enterprises_are_verified_with_an_administrator(ctx):
    user = make_user("consumer")
    org = db.session.get(Organisation, user.organisation_id)
    assert org.verification_status == "verified"
    assert membership_of(user.email).role == "administrator"


def test_platform_admin_decides_on_the_enterprise_members_page(app, cast):
    first = make_user("consumer")
    code = first.organisation.code
    employee = Employee(app, code, f"admin-page-{code[-6:].lower()}@example.cn")
    row = membership_of(employee.email)
    admin = app.test_client()
    assert admin.post("/login", data={"email": cast.admin.email, "password": PASSWORD}).status_code == 302
    new_request()
    page = admin.get(f"/enterprises/{code}/members")
    assert page.status_code == 200 and f'data-membership="{row.id}" data-status="pending"' in page.get_data(
        as_text=True
    )
    new_request()
    done = admin.post(f"/memberships/{row.id}/approve")
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/enterprises/{code}/members")
    assert membership_of(employee.email).status == "active"
    new_request()
    assert admin.get("/enterprises/91510100MA61RFUJ8X/members").status_code == 404
    # an enterprise user has no such page for another enterprise
    new_request()
    assert employee.page(f"/enterprises/{code}/members").status_code == 403
