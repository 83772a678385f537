"""The operator's approved maximum permitted revenue (最高准许收入) per year."""

from flask_babel import lazy_gettext as _l

from core import audit, inputs, locks
from core.errors import ValidationError
from core.extensions import db
from finance.models import RevenueCeiling
from finance.services import FINANCE
from marketplace.services import access
from marketplace.services.validation import Fields


def set_ceiling(actor, year, data) -> RevenueCeiling:
    access.require_role(actor, *FINANCE)
    locks.take_write_lock()  # the year's row is read, then created or changed
    try:
        year = inputs.whole_number(year, 2000, 2999)
    except ValueError:
        raise ValidationError(_l("Check the highlighted fields."), {"year": [_l("A year such as 2026.")]}) from None
    f = Fields(data)
    amount = f.money("amount", required=True, allow_zero=False)
    reference = f.text("approval_ref", required=False, max_length=200)
    f.done()
    row = db.session.get(RevenueCeiling, year)
    before = {"amount": str(row.amount), "approval_ref": row.approval_ref} if row else None
    if row is None:
        row = RevenueCeiling(year=year, amount=amount)
        db.session.add(row)
    row.amount, row.approval_ref, row.set_by_id = amount, reference, actor.id
    audit.record(
        actor,
        "ceiling.set",
        "revenue_ceiling",
        year,
        before=before,
        after={"amount": str(amount), "approval_ref": reference},
    )
    db.session.flush()
    return row
