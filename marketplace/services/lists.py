"""Step 2, data application (数据申请): the operator submits demand lists; the coordinator decides
each item and confirms or denies public-interest use."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from accounts import notify
from accounts.models import Organisation
from core import audit, locks
from core.errors import Conflict, NotFound
from core.extensions import db
from core.sequences import next_number
from core.timeutil import utcnow
from marketplace.models import DemandList, DemandListItem
from marketplace.services import access
from marketplace.services.authorisations import request_authorisations
from marketplace.services.validation import Fields
from marketplace.states import DEMAND, DEMAND_LIST, LIST_ITEM

NOT_FOUND = _l("No such demand list.")
ITEM_NOT_FOUND = _l("No such demand list item.")


def open_list() -> DemandList:
    locks.take_write_lock()
    current = db.session.scalar(
        select(DemandList).where(DemandList.status == "open").order_by(DemandList.id).with_for_update(of=DemandList)
    )
    if current is None:
        current = DemandList(number=next_number("DL", utcnow().year, width=4), status="open")
        db.session.add(current)
        db.session.flush()
    return current


def add_to_open_list(demand) -> DemandListItem:
    if demand.list_item is not None:
        raise Conflict(_l("This demand is already in a demand list."))
    item = DemandListItem(demand_list=open_list(), demand=demand, status="pending")
    db.session.add(item)
    db.session.flush()
    return item


def visible_list(viewer, list_id) -> DemandList:
    demand_list = access.load(DemandList, list_id, NOT_FOUND)
    if viewer is None or not getattr(viewer, "is_authenticated", False) or viewer.role not in access.OVERSIGHT_ROLES:
        raise NotFound(NOT_FOUND)
    return demand_list


def all_lists(viewer) -> list[DemandList]:
    access.require_role(viewer, *access.OVERSIGHT_ROLES)
    return list(db.session.scalars(select(DemandList).order_by(DemandList.id.desc())))


def submit_list(actor, list_id) -> DemandList:
    """The operator sends the list to the coordinator; its demands go under review."""
    visible_list(actor, list_id)
    demand_list = access.load_for_update(DemandList, list_id, NOT_FOUND)
    target = DEMAND_LIST.check("submit", demand_list.status, actor.role)
    if not demand_list.items:
        raise Conflict(_l("An empty demand list cannot be submitted."))
    for item in demand_list.items:
        item.demand.status = DEMAND.check("submit_for_review", item.demand.status, actor.role)
    demand_list.status, demand_list.submitted_at, demand_list.submitted_by_id = target, utcnow(), actor.id
    audit.record(
        actor,
        "demand_list.submitted",
        "demand_list",
        demand_list.number,
        before={"status": "open"},
        after={"status": target, "items": [i.demand_id for i in demand_list.items]},
    )
    db.session.flush()
    notify.step_waiting(
        roles=("coordinator",),
        subject=f"需求清单待复核 Demand list to review: {demand_list.number}",
        link=f"/demand-lists/{demand_list.id}",
    )
    return demand_list


def decide_item(actor, item_id, data) -> DemandListItem:
    """The coordinator approves or rejects one item (with a reason) and confirms or denies
    public-interest use. Approval asks each providing department to authorise."""
    access.signed_in(actor)
    if actor.role not in access.OVERSIGHT_ROLES:
        raise NotFound(ITEM_NOT_FOUND)
    item = access.load_for_update(DemandListItem, item_id, ITEM_NOT_FOUND)
    f = Fields(data)
    decision = f.data.get("decision")
    if decision not in ("approve", "reject"):
        f.fail("decision", _l("Choose approve or reject."))
    reason = f.text("reason", required=decision == "reject", max_length=2000)
    public_interest = f.flag("public_interest", default=False)
    f.done()
    demand_list = item.demand_list
    demand_list = access.lock(demand_list)
    if demand_list.status == "open":
        raise Conflict(_l("This demand list has not been submitted yet."))
    target = LIST_ITEM.check(decision, item.status, actor.role)
    demand = item.demand
    before = {"status": item.status}
    item.status, item.reason, item.decided_by_id, item.decided_at = target, reason, actor.id, utcnow()
    item.public_interest_confirmed = bool(public_interest and demand.public_interest and decision == "approve")
    demand.status = DEMAND.check("approve" if decision == "approve" else "decline", demand.status, actor.role)
    demand.status_reason = reason if decision == "reject" else ""
    audit.record(
        actor,
        f"demand_list_item.{target}",
        "demand_list_item",
        item.id,
        before=before,
        after={
            "status": target,
            "demand": demand.id,
            "reason": reason,
            "public_interest_confirmed": item.public_interest_confirmed,
        },
    )
    created = request_authorisations(actor, item) if decision == "approve" else []
    if all(i.status != "pending" for i in demand_list.items):
        demand_list.status = DEMAND_LIST.check("complete", demand_list.status, actor.role)
        audit.record(actor, "demand_list.decided", "demand_list", demand_list.number, after={"status": "decided"})
    db.session.flush()
    for authorisation in created:
        if authorisation.status == "pending":
            notify.step_waiting(
                roles=("steward",),
                organisation_ids=_department_org_ids(authorisation.department.code),
                subject=f"授权请求待确认 Authorisation requested: {demand.title}",
                link=f"/authorisations/{authorisation.id}",
            )
    notify.step_waiting(
        organisation_ids=(demand.organisation_id,),
        subject=f"需求复核结果 Demand reviewed: {demand.title}",
        link=f"/demands/{demand.id}",
    )
    return item


def _department_org_ids(code: str) -> tuple[int, ...]:
    return tuple(
        db.session.scalars(select(Organisation.id).where(Organisation.kind == "department", Organisation.code == code))
    )
