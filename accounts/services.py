"""Account operations: the only code that creates organisations, users and tokens."""

import secrets

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from accounts import credit_code, membership
from accounts.models import ORG_KIND_FOR_ROLE, ROLES, ApiToken, Organisation, User
from core import audit, notify
from core.errors import NotFound, Unauthorized, ValidationError
from core.extensions import db
from core.timeutil import utcnow

MIN_PASSWORD = 8
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


def _check_password(password: str, fields: dict) -> None:
    if len(password or "") < MIN_PASSWORD:
        fields.setdefault("password", []).append(_l("At least %(n)d characters.", n=MIN_PASSWORD))


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
        from catalog.models import Department

        department = db.session.scalar(select(Department).where(Department.code == code))
        if department is None:
            raise ValidationError(_l("Check the highlighted fields."), {"org": [_l("No department has this code.")]})
        org = Organisation(kind=kind, code=code, name_zh=department.name_zh, name_en=department.name_en)
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
    _check_password(password, fields)
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
    db.session.commit()
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
    _check_password(password, fields)
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
        notify.send(to, subject, body)


def _sign_up(email, password, code, name, display_name) -> list[tuple[list[str], str, str]]:
    """Does the sign-up and commits; returns the e-mails to send (after the commit)."""
    base = current_app.config.get("PUBLIC_URL", "http://127.0.0.1:5000").rstrip("/")
    user = User(email=email, role="consumer", display_name=(display_name or "").strip() or email.split("@")[0])
    # The password is hashed whatever happens next: every answer takes as long as the others.
    user.set_password(password)
    if _email_taken(email):
        audit.record(None, "signup.existing_email", "user", email, after={"credit_code": code})
        db.session.commit()
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
        db.session.commit()
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
    db.session.commit()
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


def authenticate(email: str, password: str) -> User:
    try:
        email = normalise_email(email)
    except ValidationError:
        raise Unauthorized(_l("Wrong e-mail address or password.")) from None
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None or not user.active or not user.check_password(password or ""):
        raise Unauthorized(_l("Wrong e-mail address or password."))
    user.last_login_at = utcnow()
    db.session.commit()
    return user


def issue_token(user: User) -> str:
    token = "pdp_" + secrets.token_urlsafe(32)
    db.session.add(ApiToken(user=user, token_hash=ApiToken.digest(token), prefix=token[:12]))
    audit.record(user, "token.issued", "user", user.id, after={"prefix": token[:12]})
    db.session.commit()
    return token


def user_for_token(token: str) -> User | None:
    row = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == ApiToken.digest(token)))
    if row is None or row.revoked_at is not None or not row.user.active:
        return None
    return row.user


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
        db.session.commit()
