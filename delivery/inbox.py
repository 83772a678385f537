"""Delivery's part of the inbox: export requests waiting for this user's decision (whose turn it is:
delivery/services/exports.py, `awaiting_clause`). The app factory hands these to marketplace's inbox."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from core.extensions import db
from delivery.models import ExportRequest
from delivery.services.exports import awaiting_clause
from marketplace.services.inbox import Task


def export_tasks(user) -> list[Task]:
    clause = awaiting_clause(user)
    if clause is None:
        return []
    tasks = []
    for e in db.session.scalars(select(ExportRequest).where(clause).order_by(ExportRequest.id)):
        title = _l("Decide on export #%(id)s of agreement %(n)s", id=e.id, n=e.agreement.number)
        # the operator's turn starts with the department's approval
        since = e.decided_at if e.status == "awaiting_operator" and e.decided_at else e.created_at
        tasks.append(Task("export.decide", str(title), "/delivery/exports", since))
    return tasks


def exports_waiting(user):
    clause = awaiting_clause(user)
    return None if clause is None else select(ExportRequest.id).where(clause)
