import re

import pytest
from sqlalchemy import func, select

from accounts.models import ApiToken, Organisation, User
from core.audit import AuditEntry
from core.extensions import db
from tests.factories import PASSWORD, bearer, make_user, token_for, valid_credit_code


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def _csrf(client, path):
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


# ---- CLI ---------------------------------------------------------------------------------


def test_cli_creates_users_of_every_role_and_prints_a_working_token(app, ctx):
    runner = app.test_cli_runner()
    cases = [
        ("cli-consumer@example.cn", "consumer", valid_credit_code(), "成都测试科技有限公司"),
        ("cli-operator@example.cn", "operator", "CDBDG", None),
        ("cli-coordinator@example.cn", "coordinator", "WLLZB", None),
        ("cli-steward@example.cn", "steward", "SCJGJ", None),
        ("cli-finance@example.cn", "finance", "CDBDG", None),
        ("cli-admin@example.cn", "admin", "CDBDG", None),
    ]
    for email, role, org, name in cases:
        args = ["users", "create", email, "--role", role, "--org", org, "--password", PASSWORD]
        if name:
            args += ["--org-name", name]
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
        user = db.session.scalar(select(User).where(User.email == email))
        assert user.role == role and user.organisation.code == org.upper()
    steward = db.session.scalar(select(User).where(User.email == "cli-steward@example.cn"))
    assert steward.organisation.kind == "department" and "市场监督管理局" in steward.organisation.name_zh

    result = runner.invoke(args=["users", "token", "cli-consumer@example.cn"])
    assert result.exit_code == 0
    token = result.output.strip().splitlines()[-1]
    stored = db.session.scalars(select(ApiToken.token_hash)).all()
    assert token not in stored and ApiToken.digest(token) in stored  # only the hash is kept


@pytest.mark.parametrize(
    "args, problem",
    [
        (["--role", "consumer", "--org", "91510100MA61RFUJ8Y"], "org: 不是有效的统一社会信用代码"),
        (["--role", "steward", "--org", "NOSUCHDEPT"], "org: 没有此代码的部门"),
        (["--role", "wizard", "--org", "CDBDG"], "wizard"),
    ],
)
def test_cli_refuses_bad_input_and_writes_nothing(app, ctx, args, problem):
    users, orgs = _count(User), _count(Organisation)
    result = app.test_cli_runner().invoke(args=["users", "create", "bad@example.cn", *args, "--password", PASSWORD])
    assert result.exit_code != 0
    assert problem.lower() in result.output.lower()
    assert (_count(User), _count(Organisation)) == (users, orgs)


def test_cli_refuses_a_short_password(app, ctx):
    result = app.test_cli_runner().invoke(
        args=["users", "create", "short@example.cn", "--role", "operator", "--org", "CDBDG", "--password", "abc"]
    )
    assert result.exit_code != 0 and "password" in result.output


# ---- sign-up -------------------------------------------------------------------------------


def _signup(client, **overrides):
    form = {
        "enterprise_name": "成都数智未来科技有限公司",
        "credit_code": valid_credit_code(),
        "display_name": "王经理",
        "email": f"signup-{overrides.get('n', 0)}@example.cn",
        "password": PASSWORD,
        "confirm": PASSWORD,
    }
    form.update({k: v for k, v in overrides.items() if k != "n"})
    return client.post("/signup", data=form)


def test_enterprise_signs_up_then_signs_in_as_its_unverified_administrator(client, ctx):
    response = _signup(client, email="new-enterprise@example.cn")
    assert response.status_code == 303 and response.headers["Location"].endswith("/signup/sent")
    user = db.session.scalar(select(User).where(User.email == "new-enterprise@example.cn"))
    assert user.role == "consumer" and user.organisation.kind == "enterprise"
    assert user.organisation.verification_status == "unverified"
    assert user.password_hash != PASSWORD and user.check_password(PASSWORD)
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    page = client.get("/account").get_data(as_text=True)
    assert 'data-membership-status="active"' in page


@pytest.mark.parametrize(
    "overrides, field_message",
    [
        ({"credit_code": "91510100MA61RFUJ8Y"}, "统一社会信用代码"),
        ({"credit_code": "not-a-code-at-all!"}, "统一社会信用代码"),
        ({"email": "not-an-email"}, "邮箱"),
        ({"password": "short", "confirm": "short"}, "8"),
        ({"confirm": "something-else"}, "密码"),
        ({"enterprise_name": ""}, "必填"),
    ],
)
def test_bad_signup_is_shown_again_with_a_message_and_writes_nothing(client, ctx, overrides, field_message):
    users, orgs = _count(User), _count(Organisation)
    response = _signup(client, n=99, **overrides)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'class="error"' in page and field_message in page
    assert (_count(User), _count(Organisation)) == (users, orgs)


def test_signup_with_a_registered_email_creates_nothing_and_does_not_say_so(client, ctx):
    make_user("consumer", email="taken@example.cn")
    users = _count(User)
    response = _signup(client, email="TAKEN@example.cn")
    assert response.status_code == 303 and response.headers["Location"].endswith("/signup/sent")
    assert "已被注册" not in client.get("/signup/sent").get_data(as_text=True)
    assert _count(User) == users


# ---- sign-in, CSRF, rate limiting ---------------------------------------------------------


def test_login_and_logout(client, ctx):
    user = make_user("operator")
    bad = client.post("/login", data={"email": user.email, "password": "wrong-password"})
    assert bad.status_code == 400 and "密码错误" in bad.get_data(as_text=True)
    good = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert good.status_code == 302
    assert user.display_name in client.get("/").get_data(as_text=True)
    client.post("/logout")
    assert client.get("/account").status_code == 302


def test_forms_carry_csrf_protection(csrf_app):
    client = csrf_app.test_client()
    with csrf_app.app_context():
        email = make_user("operator").email
    refused = client.post("/login", data={"email": email, "password": PASSWORD})
    assert refused.status_code == 400 and "表单已过期" in refused.get_data(as_text=True)
    token = _csrf(client, "/login")
    accepted = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert accepted.status_code == 302


def test_login_is_rate_limited(csrf_app):
    client = csrf_app.test_client()
    token = _csrf(client, "/login")
    statuses = [
        client.post(
            "/login",
            data={"email": "nobody@example.cn", "password": "x" * 9, "csrf_token": token},
            environ_base={"REMOTE_ADDR": "10.9.8.7"},
        ).status_code
        for _ in range(7)
    ]
    assert statuses[:5] == [400] * 5
    assert statuses[5:] == [429, 429]


# ---- API tokens ------------------------------------------------------------------------------


def test_api_refuses_missing_unknown_and_revoked_tokens(client, ctx):
    from accounts import services

    payload = {"name_en": "x"}
    no_token = client.patch("/api/v1/categories/SCJGJ-001", json=payload)
    assert no_token.status_code == 401 and no_token.json["error"]["code"] == "unauthorized"
    unknown = client.patch("/api/v1/categories/SCJGJ-001", json=payload, headers=bearer("pdp_nope"))
    assert unknown.status_code == 401
    consumer = make_user("consumer")
    forbidden = client.patch("/api/v1/categories/SCJGJ-001", json=payload, headers=bearer(token_for(consumer)))
    assert forbidden.status_code == 403 and forbidden.json["error"]["code"] == "forbidden"
    operator = make_user("operator")
    token = token_for(operator)
    services.revoke_token(operator, services.tokens_of(operator)[0].id)
    revoked = client.patch("/api/v1/categories/SCJGJ-001", json=payload, headers=bearer(token))
    assert revoked.status_code == 401


def test_account_actions_are_audited(ctx):
    user = make_user("finance")
    token_for(user)
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.actor_id == user.id)).all()
    assert {"user.created", "token.issued"} <= set(actions)


def test_control_characters_in_a_form_are_dropped_not_stored(client, ctx):
    response = _signup(
        client, email="nul@example.cn", enterprise_name="成都\x00零字节\x07科技有限公司", display_name="李\x00四"
    )
    assert response.status_code == 303
    user = db.session.scalar(select(User).where(User.email == "nul@example.cn"))
    assert user.organisation.name_zh == "成都零字节科技有限公司" and user.display_name == "李四"


@pytest.mark.parametrize(
    "form", [{"email": "a\x00b@example.cn", "password": "x\x00y"}, {"email": "\x00", "password": ""}]
)
def test_login_with_control_characters_is_a_plain_failure(client, form):
    assert client.post("/login", data=form).status_code == 400
