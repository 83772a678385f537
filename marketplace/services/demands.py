"""Step 1, demand collection (需求收集): enterprises post demands; operators triage them."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select

from accounts import notify
from catalog.models import Category, Department
from catalog.search import SearchRequest, search
from catalog.search.fallback import search_database
from catalog.search.query import query_words
from core import audit
from core.errors import Conflict, Forbidden, NotFound, ValidationError
from core.extensions import db
from core.paging import page_of_query
from core.timeutil import utcnow
from marketplace.models import Demand, DemandComment, DemandEndorsement, demand_categories
from marketplace.services import access
from marketplace.services.lists import add_to_open_list
from marketplace.services.validation import Fields
from marketplace.states import DEMAND, PUBLIC_DEMAND_STATES

NOT_FOUND = _l("No such demand.")


def _read_demand_fields(data) -> dict:
    f = Fields(data)
    out = {
        "title": f.text("title", max_length=200),
        "scenario": f.text("scenario"),
        "purpose": f.text("purpose"),
        "budget_min": f.money("budget_min"),
        "budget_max": f.money("budget_max"),
        "public_interest": f.flag("public_interest"),
        "contact_name": f.text("contact_name", required=False, max_length=100),
        "contact_phone": f.text("contact_phone", required=False, max_length=40),
        "contact_email": f.text("contact_email", required=False, max_length=254),
        "show_enterprise": f.flag("show_enterprise"),
    }
    codes = f.code_list("categories")
    if out["budget_min"] is not None and out["budget_max"] is not None and out["budget_min"] > out["budget_max"]:
        f.fail("budget_max", _l("Must not be below the minimum."))
    categories = []
    if codes:
        found = {c.code: c for c in db.session.scalars(select(Category).where(Category.code.in_(codes)))}
        unknown = [c for c in codes if c not in found]
        if unknown:
            f.fail("categories", _l("Unknown category: %(code)s.", code=unknown[0]))
        unsellable = [c for c in found.values() if not c.is_sellable]
        if unsellable:
            f.fail(
                "categories", _l("%(code)s is core-grade or closed data and is never offered.", code=unsellable[0].code)
            )
        categories = [found[c] for c in codes if c in found]
    f.done()
    out["categories"] = categories
    return out


def _state(demand: Demand) -> dict:
    return {"status": demand.status, "title": demand.title, "categories": [c.code for c in demand.categories]}


def post_demand(actor, data) -> Demand:
    access.require_role(actor, "consumer")
    access.require_enterprise(actor)
    values = _read_demand_fields(data)
    demand = Demand(organisation_id=actor.organisation_id, created_by_id=actor.id, status="submitted", **values)
    db.session.add(demand)
    db.session.flush()
    audit.record(actor, "demand.submitted", "demand", demand.id, after=_state(demand))
    db.session.flush()
    notify.step_waiting(
        roles=access.OPERATOR_ROLES, subject=f"新需求待处理 New demand: {demand.title}", link=f"/demands/{demand.id}"
    )
    return demand


def visible_demand(viewer, demand_id) -> Demand:
    """The demand if the viewer may see it: its enterprise, operators, the coordinator and the
    stewards asked to authorise it see everything; others see demands on the public board."""
    demand = access.load(Demand, demand_id, NOT_FOUND)
    if may_see_details(viewer, demand) or demand.status in PUBLIC_DEMAND_STATES:
        return demand
    raise NotFound(NOT_FOUND)


def may_see_details(viewer, demand: Demand) -> bool:
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return False
    if viewer.role in access.OVERSIGHT_ROLES or viewer.organisation_id == demand.organisation_id:
        return True
    department_id = access.steward_department_id(viewer)
    if department_id and demand.list_item is not None:
        return any(a.department_id == department_id for a in demand.list_item.authorisations)
    return False


def own_demand(actor, demand_id, for_update=False) -> Demand:
    """A demand the actor's enterprise posted (404 for any other)."""
    access.signed_in(actor)
    loader = access.load_for_update if for_update else access.load
    demand = loader(Demand, demand_id, NOT_FOUND)
    if demand.organisation_id != actor.organisation_id:
        if demand.status in PUBLIC_DEMAND_STATES or may_see_details(actor, demand):
            access.require_role(actor, "consumer")
            raise Forbidden(_l("Only the enterprise that posted the demand may do this."))
        raise NotFound(NOT_FOUND)
    return demand


def edit_demand(actor, demand_id, data) -> Demand:
    demand = own_demand(actor, demand_id, for_update=True)
    before = _state(demand)
    target = DEMAND.check("edit", demand.status, actor.role)
    values = _read_demand_fields(data)
    for key, value in values.items():
        setattr(demand, key, value)
    demand.status, demand.status_reason, demand.updated_at = target, "", utcnow()
    audit.record(actor, "demand.edited", "demand", demand.id, before=before, after=_state(demand))
    db.session.flush()
    return demand


def withdraw_demand(actor, demand_id) -> Demand:
    demand = own_demand(actor, demand_id, for_update=True)
    before = _state(demand)
    demand.status = DEMAND.check("withdraw", demand.status, actor.role)
    if demand.list_item is not None and demand.list_item.demand_list.status == "open":
        db.session.delete(demand.list_item)
    demand.updated_at = utcnow()
    audit.record(actor, "demand.withdrawn", "demand", demand.id, before=before, after=_state(demand))
    db.session.flush()
    return demand


def _operator_demand(actor, demand_id) -> Demand:
    access.require_role(actor, *access.OPERATOR_ROLES)
    return access.load_for_update(Demand, demand_id, NOT_FOUND)


def accept_demand(actor, demand_id) -> Demand:
    """Triage: accept into the open demand list."""
    demand = _operator_demand(actor, demand_id)
    before = _state(demand)
    demand.status = DEMAND.check("accept", demand.status, actor.role)
    demand.status_reason, demand.updated_at = "", utcnow()
    item = add_to_open_list(demand)
    audit.record(
        actor,
        "demand.accepted",
        "demand",
        demand.id,
        before=before,
        after=_state(demand) | {"demand_list": item.demand_list.number},
    )
    db.session.flush()
    return demand


def reject_demand(actor, demand_id, reason) -> Demand:
    demand = _operator_demand(actor, demand_id)
    reason = _reason(reason)
    before = _state(demand)
    demand.status = DEMAND.check("reject", demand.status, actor.role)
    demand.status_reason, demand.updated_at = reason, utcnow()
    audit.record(
        actor, "demand.rejected", "demand", demand.id, before=before, after=_state(demand) | {"reason": reason}
    )
    db.session.flush()
    notify.step_waiting(
        organisation_ids=(demand.organisation_id,),
        subject=f"需求未被受理 Demand rejected: {demand.title}",
        link=f"/demands/{demand.id}",
    )
    return demand


def ask_clarification(actor, demand_id, message) -> Demand:
    demand = _operator_demand(actor, demand_id)
    message = _reason(message, field="message")
    before = _state(demand)
    demand.status = DEMAND.check("ask_clarification", demand.status, actor.role)
    demand.status_reason, demand.updated_at = message, utcnow()
    audit.record(
        actor,
        "demand.clarification_requested",
        "demand",
        demand.id,
        before=before,
        after=_state(demand) | {"message": message},
    )
    db.session.flush()
    notify.step_waiting(
        organisation_ids=(demand.organisation_id,),
        subject=f"需求需要补充说明 Clarification requested: {demand.title}",
        link=f"/demands/{demand.id}",
    )
    return demand


def _reason(text, field="reason") -> str:
    f = Fields({field: text})
    value = f.text(field, max_length=2000)
    f.done()
    return value


def endorse(actor, demand_id) -> Demand:
    access.require_role(actor, "consumer")
    access.require_enterprise(actor)
    demand = access.lock(visible_demand(actor, demand_id))
    if demand.organisation_id == actor.organisation_id:
        raise Conflict(_l("You cannot endorse your own demand."))
    if demand.status not in PUBLIC_DEMAND_STATES:
        raise Conflict(_l("This demand is no longer open."))
    exists = db.session.scalar(
        select(func.count())
        .select_from(DemandEndorsement)
        .where(DemandEndorsement.demand_id == demand.id, DemandEndorsement.organisation_id == actor.organisation_id)
    )
    if exists:
        raise Conflict(_l("Your enterprise already endorsed this demand."))
    db.session.add(DemandEndorsement(demand_id=demand.id, organisation_id=actor.organisation_id))
    audit.record(actor, "demand.endorsed", "demand", demand.id, after={"organisation": actor.organisation.code})
    db.session.flush()
    return demand


def comment(actor, demand_id, body) -> DemandComment:
    access.signed_in(actor)
    demand = visible_demand(actor, demand_id)
    access.require_enterprise(actor)
    body = _reason(body, field="body")
    entry = DemandComment(demand_id=demand.id, user_id=actor.id, body=body)
    db.session.add(entry)
    db.session.flush()
    audit.record(actor, "demand.commented", "demand", demand.id, after={"comment": entry.id})
    db.session.flush()
    return entry


def board(viewer, args, page: int, per_page: int) -> tuple[list[Demand], int]:
    """The public demand board (plus, for the enterprise, operators and coordinator, the demands
    they may see in any state), filtered by department, theme, status and a search query."""
    query = select(Demand)
    statuses = [s for s in (args.get("status") or "").split(",") if s]
    unknown = [s for s in statuses if s not in DEMAND.states]
    fields = {}
    if unknown:
        fields["status"] = [_l("Unknown value: %(value)s.", value=unknown[0][:40])]
    if viewer is not None and getattr(viewer, "is_authenticated", False) and viewer.role in access.OVERSIGHT_ROLES:
        visible = None
    elif viewer is not None and getattr(viewer, "is_authenticated", False):
        visible = or_(Demand.status.in_(PUBLIC_DEMAND_STATES), Demand.organisation_id == viewer.organisation_id)
    else:
        visible = Demand.status.in_(PUBLIC_DEMAND_STATES)
    if visible is not None:
        query = query.where(visible)
    if statuses:
        query = query.where(Demand.status.in_(statuses))
    if args.get("mine") and viewer is not None and getattr(viewer, "is_authenticated", False):
        query = query.where(Demand.organisation_id == viewer.organisation_id)
    department = (args.get("department") or "").strip().upper()
    theme = (args.get("theme") or "").strip()
    if department or theme:
        sub = select(demand_categories.c.demand_id).join(Category, Category.id == demand_categories.c.category_id)
        if department:
            sub = sub.join(Department).where(Department.code == department)
        if theme:
            sub = sub.where(Category.theme == theme)
        query = query.where(Demand.id.in_(sub))
    q = (args.get("q") or "").strip()[:256]
    if q:
        query = query.where(_matches(q))
    if fields:
        raise ValidationError(_l("Check the search parameters."), fields)
    return page_of_query(query, page, per_page, Demand.created_at.desc(), Demand.id.desc(), unique=True)


def _matches(q: str):
    """A demand matches when the catalog's search finds one of its categories, or its title or
    scenario contains a query word (the catalog's Chinese/English/pinyin analysis in both)."""
    from flask import current_app

    found = search(current_app.config["SEARCH_INDEX_DIR"], SearchRequest(q=q, per_page=100), search_database)
    ids = select(demand_categories.c.demand_id).join(Category, Category.id == demand_categories.c.category_id)
    conditions = [Demand.id.in_(ids.where(Category.code.in_(found.codes)))] if found.codes else []
    for word in query_words(q):
        pattern = "%" + word.raw.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions += [
            func.lower(Demand.title).like(pattern, escape="\\"),
            func.lower(Demand.scenario).like(pattern, escape="\\"),
        ]
    return or_(*conditions) if conditions else Demand.id < 0
