"""A demand's timeline across the six steps (运营机制), read from the append-only audit log of the
demand and everything that grew from it."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_, select

from core.audit import AuditEntry
from core.extensions import db
from marketplace.models import Agreement, Demand

STEPS = (
    ("collection", _l("1 Demand collection")),
    ("application", _l("2 Data application")),
    ("authorisation", _l("3 Authorisation")),
    ("delivery", _l("4 Delivery")),
    ("use", _l("5 Use")),
    ("termination", _l("6 Termination")),
)
STEP_OF_ACTION = {
    "demand.submitted": "collection",
    "demand.edited": "collection",
    "demand.withdrawn": "collection",
    "demand.clarification_requested": "collection",
    "demand.endorsed": "collection",
    "demand.commented": "collection",
    "demand.accepted": "application",
    "demand.rejected": "application",
    "demand_list_item.approved": "application",
    "demand_list_item.rejected": "application",
    "authorisation.requested": "authorisation",
    "authorisation.granted": "authorisation",
    "authorisation.refused": "authorisation",
    "listing.published": "delivery",
    "agreement.drafted": "delivery",
    "agreement.signed": "delivery",
    "agreement.active": "delivery",
    "agreement.accessed": "use",
    "agreement.feedback": "use",
    "authorisation.terminated": "termination",
    "authorisation.expired": "termination",
    "agreement.terminated": "termination",
    "agreement.expired": "termination",
}


@dataclass
class Step:
    code: str
    label: str
    state: str  # done | current | pending
    events: list


def timeline(demand: Demand) -> list[Step]:
    item = demand.list_item
    authorisation_ids = [str(a.id) for a in item.authorisations] if item else []
    listing_ids = [str(listing.id) for listing in demand.listings]
    agreements = db.session.scalars(select(Agreement).where(Agreement.demand_id == demand.id)).all()
    agreement_numbers = [a.number for a in agreements]
    conditions = [and_(AuditEntry.object_type == "demand", AuditEntry.object_id == str(demand.id))]
    if item:
        conditions.append(and_(AuditEntry.object_type == "demand_list_item", AuditEntry.object_id == str(item.id)))
    if authorisation_ids:
        conditions.append(and_(AuditEntry.object_type == "authorisation", AuditEntry.object_id.in_(authorisation_ids)))
    if listing_ids:
        conditions.append(
            and_(
                AuditEntry.object_type == "listing",
                AuditEntry.object_id.in_(listing_ids),
                AuditEntry.action == "listing.published",
            )
        )
    if agreement_numbers:
        conditions.append(and_(AuditEntry.object_type == "agreement", AuditEntry.object_id.in_(agreement_numbers)))
    entries = db.session.scalars(
        select(AuditEntry).where(or_(*conditions)).order_by(AuditEntry.at, AuditEntry.id)
    ).all()
    grouped = {code: [] for code, _ in STEPS}
    for entry in entries:
        step = STEP_OF_ACTION.get(entry.action)
        if step:
            grouped[step].append(entry)
    reached = [code for code, _ in STEPS if grouped[code]]
    last = reached[-1] if reached else "collection"
    steps = []
    passed = True
    for code, label in STEPS:
        if code == last:
            state, passed = "current", False
        else:
            state = "done" if passed else "pending"
        steps.append(Step(code, str(label), state, grouped[code]))
    return steps
