"""Fixtures for the hardening tests (issue 10): the shared cast of users, and a fingerprint of the
tables a refused request must leave unchanged."""

import itertools

import pytest
from flask import g
from flask_babel import refresh as babel_refresh
from sqlalchemy import func, select

from accounts.models import ApiToken, SigninThrottle, User
from core.audit import AuditEntry
from core.extensions import db
from finance.models import Invoice
from marketplace.models import Agreement, Demand, Listing
from pricing.models import Message, Offer, Thread
from tests.marketplace.conftest import session_cast  # noqa: F401
from tests.pricing.conftest import published_listing  # noqa: F401

_addresses = itertools.count(1)

TABLES = (AuditEntry, User, ApiToken, Demand, Listing, Agreement, Thread, Offer, Message, Invoice)


@pytest.fixture()
def cast(ctx, session_cast):  # noqa: F811
    return session_cast


def fingerprint() -> dict:
    """Row counts of the tables requests write, plus the newest audit entry."""
    db.session.expire_all()
    counts = {t.__tablename__: db.session.scalar(select(func.count()).select_from(t)) for t in TABLES}
    counts["last_audit"] = db.session.scalar(select(func.max(AuditEntry.id)))
    return counts


def throttle_rows() -> int:
    return db.session.scalar(select(func.count()).select_from(SigninThrottle))


def fresh_address() -> dict:
    """A loopback client address of its own (in the WSGI environ only), so each test's failed
    sign-ins are counted apart from the others'."""
    n = next(_addresses)
    return {"REMOTE_ADDR": f"127.0.{n // 250 + 10}.{n % 250 + 1}"}


def fresh_get(client, path, **kw):
    """A GET as a new request sees it: the test's app context (shared by its requests) forgets the
    user Flask-Login loaded for the previous one."""
    _new_request()
    return client.get(path, **kw)


def fresh_post(client, path, **kw):
    _new_request()
    return client.post(path, **kw)


def _new_request():
    g.pop("_login_user", None)
    babel_refresh()
