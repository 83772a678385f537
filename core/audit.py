"""The append-only audit log: who did what, when, from where, with the state before and after.

Entries are written with record() inside the caller's transaction; the ORM refuses to update or
delete them, and on PostgreSQL a trigger refuses it too (see the migration).
"""

from functools import cache

from flask import has_request_context, request
from sqlalchemy import JSON, BigInteger, DateTime, Integer, String, event, insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from core import writes
from core.extensions import db
from core.timeutil import utcnow


class AuditEntry(db.Model):
    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at = mapped_column(DateTime, nullable=False, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    actor_email: Mapped[str | None] = mapped_column(String(254))
    actor_role: Mapped[str | None] = mapped_column(String(20))
    actor_org_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(80), nullable=False, index=True)
    object_type: Mapped[str] = mapped_column(String(40), nullable=False)
    object_id: Mapped[str] = mapped_column(String(64), nullable=False)
    before = mapped_column(JSON)
    after = mapped_column(JSON)
    client_addr: Mapped[str | None] = mapped_column(String(64))


class AuditLogIsAppendOnly(Exception):
    pass


@event.listens_for(AuditEntry, "before_update")
def _refuse_update(mapper, connection, target):
    raise AuditLogIsAppendOnly("audit entries cannot be changed")


@event.listens_for(AuditEntry, "before_delete")
def _refuse_delete(mapper, connection, target):
    raise AuditLogIsAppendOnly("audit entries cannot be deleted")


def _values(actor, action: str, object_type: str, object_id, before, after) -> dict:
    return {
        "actor_id": getattr(actor, "id", None),
        "actor_email": getattr(actor, "email", None),
        "actor_role": getattr(actor, "role", None),
        "actor_org_id": getattr(actor, "organisation_id", None),
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id),
        "before": before,
        "after": after,
        "client_addr": request.remote_addr if has_request_context() else "cli",
    }


def record(actor, action: str, object_type: str, object_id, before=None, after=None) -> AuditEntry:
    """The entry, added to the session: written at its next flush, in the order recorded."""
    entry = AuditEntry(**_values(actor, action, object_type, object_id, before, after))
    db.session.add(entry)
    return entry


@cache
def _insert():
    """Built once: its values are bound at each execution."""
    return insert(AuditEntry.__table__)


def entry(actor, action: str, object_type: str, object_id, before=None, after=None) -> dict:
    """An entry's row, to be written by write_all() (with the others of a hot path, in one statement)."""
    values = _values(actor, action, object_type, object_id, before, after)
    values["at"] = utcnow()
    return values


def write(actor, action: str, object_type: str, object_id, before=None, after=None) -> None:
    """The entry written now, with one INSERT and no ORM object (for a hot path that has nothing
    else pending: an entry added by record() and not flushed yet would get the later id)."""
    write_all([entry(actor, action, object_type, object_id, before, after)])


def write_all(entries: list[dict]) -> None:
    """Entries made by entry(), written now in the order given (one INSERT, executed for each row)."""
    if entries:
        writes.execute(_insert(), entries if len(entries) > 1 else entries[0])


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state):
    mapper = state.bind_mapper
    if (state.is_update or state.is_delete) and mapper is not None and mapper.class_ is AuditEntry:
        raise AuditLogIsAppendOnly("audit entries cannot be changed or deleted")
