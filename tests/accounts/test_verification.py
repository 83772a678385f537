"""Enterprise verification (实名认证): a new enterprise browses, searches and posts demands, but
negotiating, signing, paying and using data answer 403 until an operator verifies it."""

from types import SimpleNamespace

from sqlalchemy import select

from accounts.models import EnterpriseVerification, Organisation, User
from core.audit import AuditEntry
from core.extensions import db
from finance.services.invoices import issue_invoice
from marketplace.models import Agreement
from tests.accounts.test_membership import new_request
from tests.factories import PASSWORD, bearer, token_for, valid_credit_code
from tests.marketplace.conftest import demand_body, walk_to_agreement
from tests.pricing.conftest import fresh_category, published_listing

LICENCE = {
    "licence_name": "成都未认证科技有限公司",
    "legal_representative": "张三",
    "registered_address": "成都市高新区天府大道100号",
    "registered_capital": "500万元人民币",
    "established_on": "2019-03-01",
    "business_scope": "软件开发;数据处理服务",
}


class NewEnterprise:
    """An enterprise registered through self-service sign-up (so unverified), its administrator
    signed in by token and by browser session."""

    def __init__(self, app, cast):
        self.code = valid_credit_code()
        self.email = f"new-{self.code[-8:].lower()}@example.cn"
        self.client = app.test_client()
        form = {
            "enterprise_name": "成都未认证科技有限公司",
            "credit_code": self.code,
            "display_name": "赵总",
            "email": self.email,
            "password": PASSWORD,
            "confirm": PASSWORD,
        }
        assert self.client.post("/signup", data=form).status_code == 303
        assert self.client.post("/login", data={"email": self.email, "password": PASSWORD}).status_code == 302
        new_request()
        self.user = db.session.scalar(select(User).where(User.email == self.email))
        self.headers = bearer(token_for(self.user))

    def get(self, path, **kw):
        return self.client.get(path, headers=self.headers, **kw)

    def post(self, path, json=None, **kw):
        return self.client.post(path, headers=self.headers, json=json if json is not None else {}, **kw)

    def org(self) -> Organisation:
        db.session.expire_all()
        return db.session.scalar(select(Organisation).where(Organisation.code == self.code))


def as_consumer(cast, enterprise):
    names = ("operator", "coordinator", "steward", "steward_tax", "admin", "client")
    return SimpleNamespace(consumer=enterprise, **{n: getattr(cast, n) for n in names})


def gated(cast, new, listing_id, agreement_id, number):
    """The four gated actions' answers: negotiate, sign, pay, use."""
    return {
        "negotiate": new.post("/api/v1/negotiations", {"listing_id": listing_id, "message": "询价", "amount": "10.00"}),
        "sign": new.post(f"/api/v1/agreements/{agreement_id}/sign"),
        "pay": new.post(f"/api/v1/invoices/{number}/checkout"),
        "use": new.get(f"/api/v1/agreements/{agreement_id}/access"),
    }


def test_unverified_enterprise_gets_403_on_negotiate_sign_pay_and_use_until_verified(app, cast):
    new = NewEnterprise(app, cast)
    assert new.org().verification_status == "unverified"
    # browsing, searching and posting demands are allowed
    assert new.get("/api/v1/categories?q=yyzz").status_code == 200
    assert new.post("/api/v1/demands", demand_body(title="未认证企业的需求")).status_code == 201
    # an agreement for the enterprise's approved demand, and an invoice on it
    _demand, listing, agreement = walk_to_agreement(as_consumer(cast, new), price="0.90")
    row = db.session.get(Agreement, agreement["id"])
    number = issue_invoice(db.session.get(User, cast.operator.user_id), row, "测试服务费").number
    db.session.commit()
    answers = gated(cast, new, listing["id"], agreement["id"], number)
    for action, response in answers.items():
        assert response.status_code == 403, (action, response.json)
        assert response.json["error"]["code"] == "forbidden"
        assert "实名认证" in response.json["error"]["message"], action
    # the pages say so too
    new_request()
    page = new.client.post(f"/agreements/{agreement['id']}/sign")
    assert page.status_code == 403 and "实名认证" in page.get_data(as_text=True)

    # the enterprise administrator submits the licence details; an operator verifies them
    submitted = new.post("/api/v1/account/enterprise/verification", dict(LICENCE, licence_credit_code=new.code))
    assert submitted.status_code == 201, submitted.json
    assert submitted.json["status"] == "pending" and new.org().verification_status == "pending"
    queue = cast.operator.get("/api/v1/verifications").json["items"]
    assert submitted.json["id"] in [v["id"] for v in queue]
    waiting = cast.operator.get("/api/v1/inbox").json["items"]
    assert f"/verifications/{submitted.json['id']}" in [t["link"] for t in waiting if t["kind"] == "enterprise.verify"]
    decided = cast.operator.post(f"/api/v1/verifications/{submitted.json['id']}/decision", {"approve": True})
    assert decided.status_code == 200 and decided.json["status"] == "approved"
    assert new.org().verification_status == "verified"
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "enterprise.verified", AuditEntry.object_id == new.code)
    )
    assert entry.actor_id == cast.operator.user_id and entry.at is not None
    assert entry.after["verification"] == "verified"

    # the same calls now pass the gate: 201/200, or a business answer that is not 403
    listing2, _ = published_listing(cast, category=fresh_category())
    answers = gated(cast, new, listing2["id"], agreement["id"], number)
    assert answers["negotiate"].status_code == 201, answers["negotiate"].json
    assert answers["sign"].status_code == 200, answers["sign"].json
    assert answers["pay"].status_code == 409  # card payments are not configured in the tests
    assert answers["use"].status_code == 409  # not yet signed by every party: not in force


def test_rejection_needs_a_reason_and_the_enterprise_may_submit_again(app, cast):
    new = NewEnterprise(app, cast)
    wrong = valid_credit_code()
    first = new.post("/api/v1/account/enterprise/verification", dict(LICENCE, licence_credit_code=wrong))
    assert first.status_code == 201 and first.json["mismatches"] == ["credit_code"]
    # a second request while one waits is a conflict
    again = new.post("/api/v1/account/enterprise/verification", dict(LICENCE, licence_credit_code=new.code))
    assert again.status_code == 409
    vid = first.json["id"]
    # the licence's code is not the enterprise's: approving is refused, rejecting needs a reason
    assert cast.operator.post(f"/api/v1/verifications/{vid}/decision", {"approve": True}).status_code == 409
    no_reason = cast.admin.post(f"/api/v1/verifications/{vid}/decision", {"approve": False})
    assert no_reason.status_code == 400 and "reason" in no_reason.json["error"]["fields"]
    rejected = cast.admin.post(
        f"/api/v1/verifications/{vid}/decision", {"approve": False, "reason": "信用代码与营业执照不符"}
    )
    assert rejected.status_code == 200 and rejected.json["status"] == "rejected"
    assert rejected.json["decided_by"] == cast.admin.email and rejected.json["decided_at"]
    assert new.org().verification_status == "rejected"
    assert new.post("/api/v1/negotiations", {"listing_id": 1, "message": "x"}).status_code == 403
    entry = db.session.scalar(
        select(AuditEntry).where(
            AuditEntry.action == "enterprise.verification_rejected", AuditEntry.object_id == new.code
        )
    )
    assert entry.actor_id == cast.admin.user_id and entry.after["reason"] == "信用代码与营业执照不符"
    # deciding twice is a conflict; submitting again is allowed after a rejection
    assert cast.operator.post(f"/api/v1/verifications/{vid}/decision", {"approve": True}).status_code == 409
    second = new.post(
        "/api/v1/account/enterprise/verification",
        dict(LICENCE, licence_credit_code=new.code, licence_name="成都正名科技有限公司"),
    )
    assert second.status_code == 201 and second.json["mismatches"] == ["name"]
    assert (
        cast.operator.post(f"/api/v1/verifications/{second.json['id']}/decision", {"approve": True}).status_code == 200
    )
    # the licence is authoritative: its name becomes the enterprise's
    assert new.org().name_zh == "成都正名科技有限公司" and new.org().verification_status == "verified"


def test_who_may_see_and_decide_verifications(app, cast):
    new = NewEnterprise(app, cast)
    vid = new.post("/api/v1/account/enterprise/verification", dict(LICENCE, licence_credit_code=new.code)).json["id"]
    assert new.get(f"/api/v1/verifications/{vid}").status_code == 200
    assert cast.other_consumer.get(f"/api/v1/verifications/{vid}").status_code == 404
    assert cast.consumer.post(f"/api/v1/verifications/{vid}/decision", {"approve": True}).status_code == 403
    assert cast.finance.get("/api/v1/verifications").status_code == 403
    assert cast.operator.get("/api/v1/verifications?status=bogus").status_code == 400
    assert cast.operator.post(f"/api/v1/verifications/{vid}/decision", {"approve": "yes"}).status_code == 400
    assert cast.operator.post("/api/v1/verifications/999999/decision", {"approve": True}).status_code == 404
    # a verified (CLI-made) enterprise has nothing to submit
    done = cast.consumer.post("/api/v1/account/enterprise/verification", dict(LICENCE, licence_credit_code=new.code))
    assert done.status_code == 409
    own = new.get("/api/v1/account/enterprise").json
    assert own["membership"]["role"] == "administrator" and own["verification"]["id"] == vid


def test_bad_licence_details_are_400_with_field_messages_and_write_nothing(app, cast):
    new = NewEnterprise(app, cast)
    before = db.session.scalar(select(EnterpriseVerification.id).order_by(EnterpriseVerification.id.desc()).limit(1))
    for body, field in (
        ({}, "licence_name"),
        (dict(LICENCE, licence_credit_code="91510100MA61RFUJ8Y"), "licence_credit_code"),
        (dict(LICENCE, licence_credit_code=new.code, legal_representative=""), "legal_representative"),
        (dict(LICENCE, licence_credit_code=new.code, established_on="2019-13-45"), "established_on"),
        (dict(LICENCE, licence_credit_code=new.code, registered_address=7), "registered_address"),
        (dict(LICENCE, licence_credit_code=new.code, licence_name="名" * 201), "licence_name"),
    ):
        answer = new.post("/api/v1/account/enterprise/verification", body)
        assert answer.status_code == 400 and field in answer.json["error"]["fields"], (body, answer.json)
    after = db.session.scalar(select(EnterpriseVerification.id).order_by(EnterpriseVerification.id.desc()).limit(1))
    assert before == after and new.org().verification_status == "unverified"


def test_verification_pages_for_the_enterprise_and_the_operator(app, cast):
    new = NewEnterprise(app, cast)
    new_request()
    page = new.client.get("/account/verification")
    assert page.status_code == 200 and 'data-verification="unverified"' in page.get_data(as_text=True)
    new_request()
    bad = new.client.post("/account/verification", data={"licence_name": "", "licence_credit_code": new.code})
    assert bad.status_code == 400 and 'class="error"' in bad.get_data(as_text=True)
    new_request()
    sent = new.client.post(
        "/account/verification",
        data=dict(LICENCE, licence_credit_code=new.code),
        follow_redirects=True,
    )
    assert sent.status_code == 200 and 'data-verification="pending"' in sent.get_data(as_text=True)
    record = db.session.scalar(
        select(EnterpriseVerification).where(EnterpriseVerification.licence_credit_code == new.code)
    )
    operator = app.test_client()
    operator.post("/login", data={"email": cast.operator.email, "password": PASSWORD})
    new_request()
    queue = operator.get("/verifications").get_data(as_text=True)
    assert f'data-verification="{record.id}"' in queue
    new_request()
    missing = operator.post(f"/verifications/{record.id}", data={"decision": "reject", "reason": ""})
    assert missing.status_code == 400
    new_request()
    approved = operator.post(f"/verifications/{record.id}", data={"decision": "approve"}, follow_redirects=True)
    assert approved.status_code == 200
    assert new.org().verification_status == "verified"
    new_request()
    assert new.client.get("/verifications").status_code == 403
