"""Organisations and users. Each user has exactly one role and belongs to one organisation."""

import hashlib

from flask import current_app, has_app_context
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from core.extensions import db
from core.timeutil import utcnow

ROLES = ("consumer", "operator", "coordinator", "steward", "finance", "admin")
ROLE_LABELS = {
    "consumer": _l("Enterprise user"),
    "operator": _l("Operator"),
    "coordinator": _l("Coordinator"),
    "steward": _l("Data steward"),
    "finance": _l("Finance"),
    "admin": _l("Administrator"),
}

# Which kind of organisation each role belongs to.
ORG_KIND_FOR_ROLE = {
    "consumer": "enterprise",
    "operator": "operator",
    "finance": "operator",
    "coordinator": "coordinator",
    "steward": "department",
    "admin": "operator",
}
ORG_KINDS = ("enterprise", "department", "operator", "coordinator")


class Organisation(db.Model):
    __tablename__ = "organisations"
    __table_args__ = (UniqueConstraint("kind", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    # enterprise: unified social credit code; department: department code; others: a short code.
    code: Mapped[str] = mapped_column(String(32), nullable=False)
    name_zh: Mapped[str] = mapped_column(String(200), nullable=False)
    name_en: Mapped[str | None] = mapped_column(String(200))
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)

    users = relationship("User", back_populates="organisation")

    @property
    def credit_code(self) -> str | None:
        return self.code if self.kind == "enterprise" else None


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), nullable=False, unique=True)
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    display_name: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False)
    locale: Mapped[str | None] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(default=True, nullable=False)
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)
    last_login_at = mapped_column(DateTime)
    # Raised at sign-out and password change: a session carries the generation it was made in
    # (get_id) and the user loader refuses any other, so a copied cookie stops working.
    session_generation: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    password_changed_at = mapped_column(DateTime)

    organisation = relationship(Organisation, back_populates="users", lazy="joined")
    tokens = relationship("ApiToken", back_populates="user")

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return f"{self.id}.{self.session_generation or 0}"

    def end_sessions(self) -> None:
        """Every session made so far (on any device) stops working."""
        self.session_generation = (self.session_generation or 0) + 1

    def set_password(self, password: str) -> None:
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt") if has_app_context() else "scrypt"
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def has_role(self, *roles: str) -> bool:
        return self.role in roles


class ApiToken(db.Model):
    """An API token; only its SHA-256 is stored, the token itself is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    prefix: Mapped[str] = mapped_column(String(12), nullable=False)
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)
    last_used_at = mapped_column(DateTime)
    expires_at = mapped_column(DateTime)
    revoked_at = mapped_column(DateTime)

    user = relationship(User, back_populates="tokens", lazy="joined")

    def is_expired(self, now) -> bool:
        return self.expires_at is not None and self.expires_at <= now

    @staticmethod
    def digest(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


class SigninThrottle(db.Model):
    """Failed sign-ins per account and per address, shared by every worker through the database
    (accounts.throttle; Redis instead when REDIS_URL is set). The key is a digest, never the e-mail."""

    __tablename__ = "signin_throttle"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_failure_at = mapped_column(DateTime, nullable=False)
    blocked_until = mapped_column(DateTime)
