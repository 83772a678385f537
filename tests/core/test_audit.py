import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.exc import DBAPIError

from core import audit
from core.audit import AuditEntry, AuditLogIsAppendOnly
from core.extensions import db


def _entry():
    entry = audit.record(None, "test.event", "thing", 1, before={"a": 1}, after={"a": 2})
    db.session.commit()
    return entry


def test_orm_cannot_change_an_entry(ctx):
    entry = _entry()
    entry.action = "tampered"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    assert db.session.get(AuditEntry, entry.id).action == "test.event"


def test_orm_cannot_delete_an_entry(ctx):
    entry = _entry()
    db.session.delete(entry)
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    assert db.session.get(AuditEntry, entry.id) is not None


@pytest.mark.parametrize(
    "statement",
    [
        lambda i: update(AuditEntry).where(AuditEntry.id == i).values(action="tampered"),
        lambda i: delete(AuditEntry).where(AuditEntry.id == i),
    ],
)
def test_bulk_orm_statements_are_refused(ctx, statement):
    entry = _entry()
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.execute(statement(entry.id))
    db.session.rollback()
    assert db.session.get(AuditEntry, entry.id).action == "test.event"


@pytest.mark.parametrize(
    "sql", ["UPDATE audit_entries SET action = 'x' WHERE id = :i", "DELETE FROM audit_entries WHERE id = :i"]
)
def test_the_database_refuses_raw_changes_too(ctx, sql):
    entry = _entry()
    with pytest.raises(DBAPIError):
        db.session.execute(text(sql), {"i": entry.id})
    db.session.rollback()
    assert db.session.get(AuditEntry, entry.id).action == "test.event"
