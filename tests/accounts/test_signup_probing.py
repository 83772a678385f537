"""Sign-up cannot be used to find out whether an e-mail address or an enterprise is registered: the
answer is the same in every case; what happened goes to the address by e-mail."""

import pytest
from sqlalchemy import func, select

from accounts.models import Membership, Organisation, User
from core.extensions import db
from tests.factories import PASSWORD, make_user, valid_credit_code


def _form(email, code):
    return {
        "enterprise_name": "成都探测科技有限公司",
        "credit_code": code,
        "display_name": "探测者",
        "email": email,
        "password": PASSWORD,
        "confirm": PASSWORD,
    }


def _answer(app, email, code):
    """Status, headers that matter, and the page the browser lands on, from a fresh client."""
    client = app.test_client()
    first = client.post("/signup", data=_form(email, code))
    landed = client.get(first.headers["Location"])
    return (first.status_code, first.headers["Location"], landed.status_code, landed.get_data(as_text=True))


@pytest.fixture()
def mail(app, smtp_sink):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_sink.port)
    yield smtp_sink
    app.config.update(MAIL_SERVER="")


def test_signup_answers_identically_for_new_and_existing_email_and_code(app, ctx, mail):
    known = make_user("consumer")
    known_email, known_code = known.email, known.organisation.code
    n = valid_credit_code()[-7:].lower()
    cases = {
        "new email, new code": (f"fresh-{n}@example.cn", valid_credit_code()),
        "new email, known code": (f"joiner-{n}@example.cn", known_code),
        "known email, new code": (known_email, valid_credit_code()),
        "known email, known code": (known_email, known_code),
    }
    users_before = db.session.scalar(select(func.count()).select_from(User))
    answers = {name: _answer(app, *args) for name, args in cases.items()}
    assert len(set(answers.values())) == 1, {k: v[:3] for k, v in answers.items()}
    status, location, landed, page = answers["new email, new code"]
    assert (status, landed) == (303, 200) and location.endswith("/signup/sent")
    assert "该电子邮箱已被注册" not in page and "e-mail address is already registered" not in page

    # what happened: two new users (the two new addresses), nothing for the known address
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(User)) == users_before + 2
    fresh = db.session.scalar(select(User).where(User.email == cases["new email, new code"][0]))
    joiner = db.session.scalar(select(User).where(User.email == cases["new email, known code"][0]))
    assert db.session.scalar(select(Membership.role).where(Membership.user_id == fresh.id)) == "administrator"
    assert db.session.scalar(select(Membership.status).where(Membership.user_id == joiner.id)) == "pending"
    assert (
        db.session.scalar(
            select(func.count()).select_from(Organisation).where(Organisation.code == cases["known email, new code"][1])
        )
        == 0
    )

    # … told by e-mail to each address, and the enterprise administrator told of the request
    by_address = {}
    for message in mail.messages:
        for address in message["To"].split(","):
            by_address.setdefault(address.strip(), []).append(message)
    assert "企业管理员" in by_address[fresh.email][0].get_content()
    assert any("申请" in m["Subject"] for m in by_address[joiner.email])
    assert len(by_address[known_email]) >= 3  # two attempts with its address, one request to decide
    assert sum("Sign-up attempt" in m["Subject"] for m in by_address[known_email]) == 2
    assert any(joiner.email in m.get_content() for m in by_address[known_email])


def test_signup_of_the_same_address_twice_creates_one_user(app, ctx):
    email, code = f"twice-{valid_credit_code()[-7:].lower()}@example.cn", valid_credit_code()
    assert _answer(app, email, code) == _answer(app, email, code)
    assert db.session.scalar(select(func.count()).select_from(User).where(User.email == email)) == 1
