"""Closing a month: its figures (the month report's totals and the journal's digest) are frozen on the
period, and anything later dated in it is posted into the next open month (finance.ledger.post)."""

from flask_babel import lazy_gettext as _l

from core import audit, locks
from core.errors import Conflict
from core.extensions import db
from core.timeutil import utcnow
from finance import periods
from finance.services import FINANCE, checks, reports
from marketplace.services import access


def close_month(actor, month: str):
    """Lock a month that has ended. Anything later dated in it goes into the next open month."""
    access.require_role(actor, *FINANCE)
    locks.take_write_lock()
    problem = periods.closable_problem(month)
    if problem:
        raise Conflict(problem)
    row = periods.period_row(month, lock=True)
    if row.status == "closed":
        raise Conflict(_l("%(month)s is already closed.", month=month))
    row.closing_figures = {**reports.month_figures(month), **checks.month_digest(month)}
    row.status, row.closed_at, row.closed_by_id = "closed", utcnow(), actor.id
    audit.record(actor, "period.closed", "period", month, before={"status": "open"}, after=row.closing_figures)
    db.session.flush()
    return row
