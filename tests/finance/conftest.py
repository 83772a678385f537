"""Finance tests run on books of their own: closing a month locks it for every later posting, so
these tests get a fresh database per module (a new SQLite file, or a new PostgreSQL database)."""

import itertools
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from core.extensions import db
from tests.conftest import make_app
from tests.factories import bearer, make_user, token_for

_n = itertools.count(1)


def _fresh_database(database_url: str, workdir, name: str) -> str:
    if not database_url.startswith("postgresql"):
        for leftover in workdir.glob(name + ".sqlite3*"):
            leftover.unlink()
        return f"sqlite:///{workdir / (name + '.sqlite3')}"
    engine = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(database_url).set(database=name).render_as_string(hide_password=False)


def _drop_database(database_url: str, name: str) -> None:
    if database_url.startswith("postgresql"):
        engine = create_engine(database_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


class Books:
    """A fresh set of books: an app over its own database, finance and operator users, and a
    factory for real invoices (issued by the invoice service on a minimal agreement)."""

    def __init__(self, app):
        self.app = app
        with app.app_context():
            self.finance = make_user("finance")
            self.operator = make_user("operator")
            db.session.commit()
            self.finance_id, self.operator_id = self.finance.id, self.operator.id
            self.finance_headers = bearer(token_for(self.finance))
            db.session.commit()

    def user(self, user_id):
        from accounts.models import User

        return db.session.get(User, user_id)

    def buyer(self, name=None):
        """A consumer enterprise (its organisation id, name)."""
        user = make_user("consumer", org_name=name or f"成都测试企业{next(_n)}有限公司")
        db.session.commit()
        return user

    def invoice(self, buyer, total, categories=("SCJGJ-001",)) -> str:
        from catalog.models import Category
        from finance.services.invoices import issue_invoice
        from marketplace.models import Agreement, Listing

        operator = self.user(self.operator_id)
        listing = Listing(
            title_zh="测试数据产品",
            title_en="Test product",
            delivery_modes=["api"],
            guide_price=Decimal(total),
            price_cap=Decimal(total),
            status="published",
            created_by_id=operator.id,
            categories=list(db.session.scalars(select(Category).where(Category.code.in_(categories)))),
        )
        n = next(_n)
        agreement = Agreement(
            number=f"AG-T-{n:06d}",
            listing=listing,
            consumer_id=buyer.organisation_id,
            operator_id=operator.organisation_id,
            purpose="测试",
            delivery_mode="api",
            term_start=date.today(),
            term_end=date.today() + timedelta(days=365),
            price=Decimal(total),
            pricing_basis="per_product",
            status="in_force",
        )
        db.session.add_all([listing, agreement])
        db.session.flush()
        invoice = issue_invoice(operator, agreement, "测试数据产品")
        db.session.commit()
        return invoice.number


@contextmanager
def open_books(database_url, workdir, name: str, seed_catalog: bool = True, **config):
    """Books on a database of their own, dropped afterwards (config: the app's settings beside the tests')."""
    from flask_migrate import upgrade

    from catalog import services

    url = _fresh_database(database_url, workdir, name)
    application = make_app(url, str(workdir / f"index-{name}"), **config)
    with application.app_context():
        upgrade()
        if seed_catalog:
            services.seed_catalog()
            db.session.commit()
    try:
        yield Books(application)
    finally:
        with application.app_context():
            db.session.remove()
            db.engine.dispose()
        _drop_database(database_url, name)


@pytest.fixture(scope="module")
def books(request, database_url, workdir, app):
    with open_books(database_url, workdir, "fin_" + request.module.__name__.rsplit(".", 1)[-1][:40]) as opened:
        yield opened


@pytest.fixture()
def fin(books):
    """An app context on the module's books, rolled back and cleaned up after the test."""
    with books.app.app_context():
        yield books
        db.session.rollback()
        db.session.remove()
