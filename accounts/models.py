"""Organisations and users. Each user has exactly one role and belongs to one organisation."""

import hashlib

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from core.extensions import db
from core.roles import ROLE_LABELS, ROLES  # noqa: F401  (the roles are core's: templates and access checks use them)
from core.timeutil import utcnow

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
    # 实名认证 of an enterprise: unverified → pending (details submitted) → verified | rejected
    # (rejected may submit again). Other kinds of organisation are the platform's own: verified.
    verification_status: Mapped[str] = mapped_column(String(20), nullable=False, default="unverified")
    verified_at = mapped_column(DateTime)

    users = relationship("User", back_populates="organisation")

    @property
    def credit_code(self) -> str | None:
        return self.code if self.kind == "enterprise" else None

    @property
    def is_verified(self) -> bool:
        return self.verification_status == "verified"


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), nullable=False, unique=True)
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    display_name: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    # The organisation the user acts for. An enterprise user (consumer) has one only while an active
    # member (accounts.membership): NULL while a membership request waits, after refusal or removal,
    # so every check written as "user.organisation_id == object's organisation" fails closed.
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
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
        return self.expired(self.expires_at, now)

    @staticmethod
    def expired(expires_at, now) -> bool:
        return expires_at is not None and expires_at <= now

    @staticmethod
    def digest(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


MEMBERSHIP_STATUSES = ("pending", "active", "refused", "removed")
MEMBERSHIP_ROLES = ("member", "administrator")


class Membership(db.Model):
    """An enterprise user's place in its enterprise: a request (pending) until the enterprise
    administrator or a platform admin decides; one row per user (a user asks to join one enterprise)."""

    __tablename__ = "memberships"
    __table_args__ = (Index("ix_memberships_organisation_status", "organisation_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False, unique=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="pending")
    role: Mapped[str] = mapped_column(String(20), nullable=False, default="member")
    requested_at = mapped_column(DateTime, nullable=False, default=utcnow)
    decided_at = mapped_column(DateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(String(500), nullable=False, default="")

    user = relationship(User, foreign_keys=[user_id], lazy="joined")
    organisation = relationship(Organisation, lazy="joined")
    decided_by = relationship(User, foreign_keys=[decided_by_id])

    @property
    def is_administrator(self) -> bool:
        return self.status == "active" and self.role == "administrator"


VERIFICATION_STATUSES = ("pending", "approved", "rejected")


class EnterpriseVerification(db.Model):
    """The business licence details an enterprise submitted for 实名认证, and the decision on them."""

    __tablename__ = "enterprise_verifications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="pending", index=True)
    licence_name: Mapped[str] = mapped_column(String(200), nullable=False)
    licence_credit_code: Mapped[str] = mapped_column(String(18), nullable=False)
    legal_representative: Mapped[str] = mapped_column(String(100), nullable=False)
    registered_address: Mapped[str] = mapped_column(String(300), nullable=False)
    registered_capital: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    established_on = mapped_column(Date)
    business_scope: Mapped[str] = mapped_column(Text, nullable=False, default="")
    submitted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    submitted_at = mapped_column(DateTime, nullable=False, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(String(500), nullable=False, default="")

    organisation = relationship(Organisation, lazy="joined")
    submitted_by = relationship(User, foreign_keys=[submitted_by_id])
    decided_by = relationship(User, foreign_keys=[decided_by_id])


class SigninThrottle(db.Model):
    """Failed sign-ins per account and per address, shared by every worker through the database
    (accounts.throttle; Redis instead when REDIS_URL is set). The key is a digest, never the e-mail."""

    __tablename__ = "signin_throttle"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_failure_at = mapped_column(DateTime, nullable=False)
    blocked_until = mapped_column(DateTime)
