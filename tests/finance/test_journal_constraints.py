"""What the database itself refuses in the journal, whatever the code does (migration 0015): on
PostgreSQL an entry whose debits and credits differ fails when its transaction commits (a deferred
constraint trigger), on both databases a negative or two-sided line fails at once (CHECK), and
accounts come from the chart-of-accounts table. The migration also goes back down."""

from datetime import date

import pytest
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError, IntegrityError

from core.extensions import db
from finance.ledger import CHART
from finance.models import LedgerAccount
from tests.conftest import make_app
from tests.finance.conftest import _drop_database, _fresh_database


def _entry(run, kind="test") -> int:
    """A journal entry row made directly in SQL (in the month of today, so no period logic)."""
    return run(
        text(
            "INSERT INTO journal_entries (period, occurred_on, kind, memo, is_adjustment, note, source_type, "
            "source_id, created_at) VALUES ('2026-11', :on, :kind, 'sql', false, '', 'test', '', :on) RETURNING id"
        ),
        {"on": date(2026, 11, 30), "kind": kind},
    ).scalar_one()


def _line(run, entry_id, account, debit, credit):
    run(
        text("INSERT INTO journal_lines (entry_id, period, account, debit, credit) VALUES (:e, '2026-11', :a, :d, :c)"),
        {"e": entry_id, "a": account, "d": debit, "c": credit},
    )


def _postgres() -> bool:
    return db.engine.dialect.name == "postgresql"


def test_an_unbalanced_entry_inserted_in_sql_fails_at_commit(fin):
    run = db.session.execute
    entry = _entry(run)
    _line(run, entry, "bank", "100.00", "0")
    _line(run, entry, "revenue", "0", "99.99")
    if not _postgres():
        # SQLite has no deferred constraint trigger: what it refuses is a line that is wrong in itself
        with pytest.raises(IntegrityError, match="(?i)check"):
            _line(run, entry, "vat_payable", "0", "-0.01")
            db.session.flush()
        db.session.rollback()
        return
    db.session.flush()  # the lines are in: the check waits for the commit
    with pytest.raises(IntegrityError, match="does not balance"):
        db.session.commit()
    db.session.rollback()
    assert run(text("SELECT count(*) FROM journal_entries WHERE id = :e"), {"e": entry}).scalar_one() == 0


def test_a_balanced_entry_made_line_by_line_commits_and_a_line_added_later_is_checked(fin):
    run = db.session.execute
    entry = _entry(run)
    _line(run, entry, "bank", "100.00", "0")
    _line(run, entry, "revenue", "0", "94.34")  # unbalanced between statements: only the commit counts
    _line(run, entry, "vat_payable", "0", "5.66")
    db.session.commit()
    lines = run(text("SELECT count(*) FROM journal_lines WHERE entry_id = :e"), {"e": entry}).scalar_one()
    assert lines == 3
    if not _postgres():
        return
    # a committed entry cannot be unbalanced later by a line of its own
    _line(run, entry, "bank", "1.00", "0")
    with pytest.raises(IntegrityError, match="does not balance"):
        db.session.commit()
    db.session.rollback()


@pytest.mark.parametrize(
    ("debit", "credit"),
    [("-5.00", "0"), ("0", "-5.00"), ("5.00", "5.00"), ("0", "0")],
    ids=["negative debit", "negative credit", "two-sided", "empty"],
)
def test_a_negative_two_sided_or_empty_line_is_refused(fin, debit, credit):
    run = db.session.execute
    entry = _entry(run)
    with pytest.raises(IntegrityError, match="(?i)check"):
        _line(run, entry, "bank", debit, credit)
        db.session.flush()
    db.session.rollback()


def test_accounts_come_from_the_chart_table(fin):
    rows = db.session.scalars(select(LedgerAccount).order_by(LedgerAccount.code)).all()
    assert [(a.code, a.number, a.kind) for a in rows] == sorted((a.code, a.number, a.kind) for a in CHART.values())
    for row in rows:  # the Chinese name is the one the label shows in both languages
        assert f"({row.name_zh})" in str(CHART[row.code].label._args[0])
    if not _postgres():
        return  # SQLite declares the foreign key but does not enforce it (foreign_keys is off)
    run = db.session.execute
    entry = _entry(run)
    with pytest.raises(IntegrityError, match="chart_of_accounts"):
        _line(run, entry, "petty_cash", "5.00", "0")
        _line(run, entry, "revenue", "0", "5.00")
        db.session.flush()
    db.session.rollback()


def test_the_migration_goes_up_over_existing_books_and_back_down(database_url, workdir):
    url = _fresh_database(database_url, workdir, "money_migration")
    app = make_app(url, str(workdir / "index-money-migration"))
    try:
        with app.app_context():
            config = app.extensions["migrate"].migrate.get_config()
            before = ScriptDirectory.from_config(config).get_revision("0015_money").down_revision
            upgrade(revision=before)
            run = db.session.execute
            entry = _entry(run, "old")
            _line(run, entry, "bank", "10.00", "0")
            _line(run, entry, "revenue", "0", "10.00")
            db.session.commit()

            upgrade(revision="0015_money")
            assert run(text("SELECT count(*) FROM chart_of_accounts")).scalar_one() == len(CHART)
            assert run(text("SELECT count(*) FROM journal_lines WHERE entry_id = :e"), {"e": entry}).scalar_one() == 2
            with pytest.raises(IntegrityError):
                _line(run, entry, "bank", "-1.00", "0")
                db.session.flush()
            db.session.rollback()
            # still append-only after SQLite rebuilt the table
            with pytest.raises(DatabaseError, match="append-only"):
                run(text("DELETE FROM journal_lines WHERE entry_id = :e"), {"e": entry})
            db.session.rollback()

            downgrade(revision=before)
            assert "chart_of_accounts" not in db.inspect(db.engine).get_table_names()
            _line(run, entry, "bank", "0", "0")  # no CHECK any more (nor, on PostgreSQL, a balance trigger)
            db.session.rollback()
            with pytest.raises(DatabaseError, match="append-only"):
                run(text("UPDATE journal_lines SET debit = 11 WHERE entry_id = :e"), {"e": entry})
            db.session.rollback()
            upgrade()
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        _drop_database(database_url, "money_migration")
