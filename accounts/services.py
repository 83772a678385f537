"""Account operations: the only code that creates organisations, users and tokens."""

import secrets

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from accounts import credit_code
from accounts.models import ORG_KIND_FOR_ROLE, ROLES, ApiToken, Organisation, User
from core import audit
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


def find_or_create_organisation(role: str, code: str, name: str | None = None) -> Organisation:
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
    org = db.session.scalar(select(Organisation).where(Organisation.kind == kind, Organisation.code == code))
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
    db.session.add(org)
    db.session.flush()
    return org


def create_user(email, role, org_code, password, org_name=None, display_name="", actor=None) -> User:
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
    db.session.commit()
    return user


def sign_up_enterprise(email, password, credit_code_text, enterprise_name, display_name="") -> User:
    """Self-service sign-up: an enterprise user (role consumer) joins or creates its enterprise."""
    fields: dict = {}
    if not (enterprise_name or "").strip():
        fields["enterprise_name"] = [_l("Required.")]
    if not credit_code.is_valid(credit_code_text):
        fields["credit_code"] = [_l("Not a valid unified social credit code (GB 32100-2015).")]
    _check_password(password, fields)
    try:
        email = normalise_email(email)
        if _email_taken(email):
            fields["email"] = [_l("This e-mail address is already registered.")]
    except ValidationError as exc:
        fields.update(exc.fields)
    if fields:
        raise ValidationError(_l("Check the highlighted fields."), fields)
    return create_user(
        email, "consumer", credit_code_text, password, org_name=enterprise_name.strip(), display_name=display_name
    )


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
