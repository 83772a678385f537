"""Account operations: the only code that creates organisations, users and tokens."""

import secrets
from datetime import timedelta
from functools import cache

from email_validator import EmailNotValidError, validate_email
from flask import after_this_request, current_app, has_request_context
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from accounts import credit_code, membership, notify, passwords, throttle
from accounts.models import ORG_KIND_FOR_ROLE, ROLES, ApiToken, Organisation, User
from core import audit
from core.errors import DomainError, NotFound, Unauthorized, ValidationError
from core.extensions import db
from core.timeutil import utcnow

MIN_PASSWORD = passwords.MIN_LENGTH
TOKEN_DAYS = 90  # an API token's life unless its owner chooses another
TOKEN_DAY_CHOICES = (7, 30, 90, 180, 365)
LAST_USED_EVERY = timedelta(minutes=1)  # last_used_at is written at most this often
# Fixed organisations every platform has; users of these roles join them unless told otherwise.
DEFAULT_ORGS = {
    "operator": ("CDBDG", "成都市大数据集团股份有限公司", "Chengdu Big Data Group Co., Ltd."),
    "coordinator": ("WLLZB", "成都市网络理政办公室", "Chengdu Online Governance Office"),
}


def normalise_email(raw: str) -> str:
    try:
        return validate_email((raw or "").strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise ValidationError(
            _l("Check the highlighted fields."), {"email": [_l("Not a valid e-mail address.")]}
        ) from None


def _check_password(password: str, fields: dict, email: str | None = None) -> None:
    for problem in passwords.problems(password, email):
        fields.setdefault("password", []).append(problem)


def _email_taken(email: str) -> bool:
    return db.session.scalar(select(func.count()).select_from(User).where(User.email == email)) > 0


def _find_organisation(kind: str, code: str) -> Organisation | None:
    return db.session.scalar(select(Organisation).where(Organisation.kind == kind, Organisation.code == code))


def find_or_create_organisation(role: str, code: str, name: str | None = None) -> Organisation:
    """The organisation for a user of this role; a new one is created verified (the admin CLI and the
    demo speak for the platform; self-service sign-up creates its enterprise unverified instead)."""
    kind = ORG_KIND_FOR_ROLE[role]
    code = (code or "").strip()
    if kind == "enterprise":
        code = credit_code.normalise(code)
        if not credit_code.is_valid(code):
            raise ValidationError(
                _l("Check the highlighted fields."),
                {"org": [_l("Not a valid unified social credit code (GB 32100-2015).")]},
            )
    elif kind == "department":
        code = code.upper()
    org = _find_organisation(kind, code)
    if org is not None:
        return org
    if kind == "department":
        # A department's organisation is made with the department by the catalog (catalog.services.
        # seed_catalog), which owns the departments: none here means no department has this code.
        raise ValidationError(_l("Check the highlighted fields."), {"org": [_l("No department has this code.")]})
    else:
        default = DEFAULT_ORGS.get(kind)
        if not code:
            raise ValidationError(_l("Check the highlighted fields."), {"org": [_l("Required.")]})
        if name is None and default and default[0] == code:
            name_zh, name_en = default[1], default[2]
        else:
            name_zh, name_en = (name or code), None
        org = Organisation(kind=kind, code=code, name_zh=name_zh, name_en=name_en)
    org.verification_status, org.verified_at = "verified", utcnow()
    db.session.add(org)
    db.session.flush()
    return org


def create_user(email, role, org_code, password, org_name=None, display_name="", actor=None) -> User:
    """The admin CLI and the demo: the user is created ready to work; an enterprise user is an active
    member of its enterprise at once (its administrator if the enterprise has none)."""
    fields: dict = {}
    if role not in ROLES:
        fields["role"] = [_l("Unknown role.")]
    _check_password(password, fields, email)
    if fields:
        raise ValidationError(_l("Check the highlighted fields."), fields)
    email = normalise_email(email)
    if _email_taken(email):
        raise ValidationError(
            _l("Check the highlighted fields."), {"email": [_l("This e-mail address is already registered.")]}
        )
    org = find_or_create_organisation(role, org_code, org_name)
    user = User(email=email, role=role, organisation=org, display_name=display_name or email.split("@")[0])
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    audit.record(actor or user, "user.created", "user", user.id, after={"email": email, "role": role, "org": org.code})
    if role == "consumer":
        membership.admit(user, org, actor=actor)
    db.session.flush()
    return user


def sign_up_enterprise(email, password, credit_code_text, enterprise_name, display_name="") -> None:
    """Self-service sign-up of an enterprise user. It answers the same whether or not the e-mail
    address or the enterprise is already registered, so it cannot be used to find out either; what
    happened goes to the address by e-mail (where mail is configured):
    - a new enterprise: created unverified, the user its enterprise administrator;
    - an enterprise already registered: the user asks to join (pending) and its administrator is told;
    - an address already registered: nothing is created; its owner is told someone tried.
    Only the input itself (format, length, check character) is reported back as field errors."""
    fields: dict = {}
    name = (enterprise_name or "").strip()
    if not name:
        fields["enterprise_name"] = [_l("Required.")]
    if not credit_code.is_valid(credit_code_text):
        fields["credit_code"] = [_l("Not a valid unified social credit code (GB 32100-2015).")]
    _check_password(password, fields, email)
    try:
        email = normalise_email(email)
    except ValidationError as exc:
        fields.update(exc.fields)
    if fields:
        raise ValidationError(_l("Check the highlighted fields."), fields)
    code = credit_code.normalise(credit_code_text)
    try:
        told = _sign_up(email, password, code, name, display_name)
    except IntegrityError:
        # Someone registered the same address or enterprise at the same moment: decide again.
        db.session.rollback()
        told = _sign_up(email, password, code, name, display_name)
    for to, subject, body in told:
        notify.send_when_committed(to, subject, body)


def _sign_up(email, password, code, name, display_name) -> list[tuple[list[str], str, str]]:
    """Does the sign-up (flushed); returns the e-mails to send once it commits."""
    base = current_app.config.get("PUBLIC_URL", "http://127.0.0.1:5000").rstrip("/")
    user = User(email=email, role="consumer", display_name=(display_name or "").strip() or email.split("@")[0])
    # The password is hashed whatever happens next: every answer takes as long as the others.
    user.set_password(password)
    if _email_taken(email):
        audit.record(None, "signup.existing_email", "user", email, after={"credit_code": code})
        db.session.flush()
        return [
            (
                [email],
                "注册提醒 Sign-up attempt",
                "有人用此电子邮箱申请注册。如果是您本人，请直接登录；如忘记密码，请联系平台管理员。\n"
                "Someone tried to sign up with this address. If it was you, sign in instead.\n"
                f"{base}/login\n",
            )
        ]
    org = _find_organisation("enterprise", code)
    if org is None:
        org = Organisation(kind="enterprise", code=code, name_zh=name, verification_status="unverified")
        db.session.add(org)
        db.session.add(user)
        user.organisation = org
        db.session.flush()
        audit.record(user, "user.created", "user", user.id, after={"email": email, "role": "consumer", "org": code})
        audit.record(user, "enterprise.registered", "enterprise", code, after={"name": name})
        membership.admit(user, org, actor=user)
        db.session.flush()
        return [
            (
                [email],
                f"企业账户已开通 Your enterprise account: {name}",
                f"您已注册 {name}（{code}），并成为其企业管理员。请登录并提交营业执照信息以完成实名认证。\n"
                f"You registered {name} ({code}) and are its enterprise administrator. Sign in and submit "
                "the business licence details for verification.\n"
                f"{base}/account/verification\n",
            )
        ]
    db.session.add(user)
    db.session.flush()
    audit.record(user, "user.created", "user", user.id, after={"email": email, "role": "consumer", "org": None})
    membership.request_to_join(user, org)
    admins = [m.user.email for m in [membership.administrator_of(org.id)] if m is not None]
    db.session.flush()
    return [
        (
            [email],
            f"已申请加入企业 Membership requested: {org.name_zh}",
            f"{org.name_zh}（{code}）已在平台注册。您的加入申请已提交给该企业的管理员，获批准后即可查看企业的数据。\n"
            f"{org.name_zh} ({code}) is already registered. Your request to join went to its enterprise "
            "administrator; once approved you will see the enterprise's work.\n",
        ),
        (
            admins,
            f"新的企业成员申请 Membership request: {email}",
            f"{email} 申请加入 {org.name_zh}。\n{email} asks to join {org.name_zh}.\n{base}/account/members\n",
        ),
    ]


class Throttled(DomainError):
    """Too many failed sign-ins for this account or from this address: wait before the next try."""

    status = 429
    code = "too_many_requests"

    def __init__(self, retry_after: int):
        super().__init__(_l("Too many failed attempts. Try again in %(n)d seconds.", n=retry_after))
        self.retry_after = retry_after


@cache
def _dummy_hash(method: str) -> str:
    return generate_password_hash(secrets.token_urlsafe(16), method=method)


def _hash_method() -> str:
    return current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")


def authenticate(email: str, password: str, address: str | None = None) -> User:
    """The user with this e-mail and password. Unknown e-mails cost the same password hash as known
    ones and get the same answer; failures are counted per account and per address (accounts.throttle)."""
    try:
        email = normalise_email(email)
    except ValidationError:
        email = (email or "").strip().lower()
    wait = throttle.wait_seconds(email, address)
    if wait:
        raise Throttled(wait)
    user = db.session.scalar(select(User).where(User.email == email)) if "@" in email else None
    if user is None:
        check_password_hash(_dummy_hash(_hash_method()), password or "")
        ok = False
    else:
        ok = user.check_password(password or "") and user.active
    if not ok:
        throttle.record_failure(email, address)
        raise Unauthorized(_l("Wrong e-mail address or password."))
    throttle.record_success(email)
    user.last_login_at = utcnow()
    db.session.flush()
    return user


def sign_out(user: User) -> None:
    """End every session of this user: a cookie copied before now stops working."""
    user.end_sessions()
    db.session.flush()


def change_password(user: User, current: str, new: str) -> None:
    fields: dict = {}
    if not user.check_password(current or ""):
        fields["current_password"] = [_l("This is not your current password.")]
    _check_password(new, fields, user.email)
    if not fields and current == new:
        fields["password"] = [_l("Choose a password different from the current one.")]
    if fields:
        raise ValidationError(_l("Check the highlighted fields."), fields)
    user.set_password(new)
    user.password_changed_at = utcnow()
    user.end_sessions()
    audit.record(user, "user.password_changed", "user", user.id)
    db.session.flush()


def issue_token(user: User, days: int | None = None) -> str:
    days = TOKEN_DAYS if days is None else days
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 366:
        raise ValidationError(_l("Check the highlighted fields."), {"days": [_l("Between 1 and 366 days.")]})
    token = "pdp_" + secrets.token_urlsafe(32)
    expires_at = utcnow() + timedelta(days=days)
    db.session.add(ApiToken(user=user, token_hash=ApiToken.digest(token), prefix=token[:12], expires_at=expires_at))
    audit.record(
        user, "token.issued", "user", user.id, after={"prefix": token[:12], "expires_at": expires_at.isoformat()}
    )
    db.session.flush()
    return token


@cache
def _token_lookup():
    """Built once (a bound parameter): every API call runs it. The caller, with the token's state
    beside it as plain columns — not the token as a second object with its user joined in, which cost
    the ORM more than the row (its organisation still comes with it, as User declares)."""
    return (
        select(User, ApiToken.id, ApiToken.revoked_at, ApiToken.expires_at, ApiToken.last_used_at)
        .join(ApiToken, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == bindparam("token_hash"))
    )


def user_for_token(token: str) -> User | None:
    row = db.session.execute(_token_lookup(), {"token_hash": ApiToken.digest(token)}).first()
    if row is None:
        return None
    user, token_id, revoked_at, expires_at, last_used_at = row
    now = utcnow()
    if revoked_at is not None or ApiToken.expired(expires_at, now) or not user.active:
        return None
    if last_used_at is None or last_used_at < now - LAST_USED_EVERY:
        _touch_after_request(token_id, now)
    return user


def _touch_after_request(token_id: int, now) -> None:
    """Record the use once the request has ended: a request that writes holds SQLite's write lock from
    its start (core.locks), so a second connection writing meanwhile would wait on it."""
    engine = db.engine
    if not has_request_context():
        _touch(engine, token_id, now)
        return

    @after_this_request
    def touch_on_close(response):
        response.call_on_close(lambda: _touch(engine, token_id, now))
        return response


def _touch(engine, token_id: int, now) -> None:
    """Write last_used_at on its own short transaction (at most once a minute per token), so the
    request's own unit of work, read-only or not, is not committed by it."""
    with engine.begin() as conn:
        conn.execute(
            update(ApiToken)
            .where(
                ApiToken.id == token_id,
                or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at < now - LAST_USED_EVERY),
            )
            .values(last_used_at=now)
        )


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def tokens_of(user: User) -> list[ApiToken]:
    return list(
        db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at.desc()))
    )


def revoke_token(user: User, token_id: int) -> None:
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound(_l("No such token."))
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record(user, "token.revoked", "user", user.id, after={"prefix": token.prefix})
        db.session.flush()
