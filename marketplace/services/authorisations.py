"""Step 3, authorisation (授权确认), and step 6, termination (终止授权).

Each approved demand-list item asks every providing department to authorise the categories it
holds. A steward sees only its own department's requests. Unconditionally open categories may carry
a standing authorisation to the platform, which grants matching requests at once."""

from collections import defaultdict
from datetime import date
from functools import cache

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, or_, select

from accounts import notify
from catalog.models import Category, Department
from core import audit, locks
from core.errors import Conflict, Forbidden, NotFound
from core.extensions import db
from core.timeutil import utcnow
from marketplace.models import (
    Agreement,
    Authorisation,
    Demand,
    DemandListItem,
    Listing,
    StandingAuthorisation,
    authorisation_categories,
)
from marketplace.services import access
from marketplace.services.validation import Fields
from marketplace.states import AGREEMENT, AUTHORISATION

NOT_FOUND = _l("No such authorisation request.")


def _state(a: Authorisation) -> dict:
    return {
        "status": a.status,
        "department": a.department.code,
        "categories": [c.code for c in a.categories],
        "expires_on": a.expires_on.isoformat() if a.expires_on else None,
        "delivery_modes": list(a.delivery_modes or []),
    }


def request_authorisations(actor, item) -> list[Authorisation]:
    """One request per providing department of the demand's categories (called inside the
    coordinator's transaction)."""
    by_department = defaultdict(list)
    for category in item.demand.categories:
        by_department[category.department_id].append(category)
    created = []
    for department_id, categories in sorted(by_department.items()):
        authorisation = Authorisation(item=item, department_id=department_id, status="pending", categories=categories)
        db.session.add(authorisation)
        db.session.flush()
        audit.record(actor, "authorisation.requested", "authorisation", authorisation.id, after=_state(authorisation))
        standing = _standing_cover(categories)
        if standing is not None:
            _grant(
                authorisation,
                None,
                {
                    "purpose": standing.purpose,
                    "delivery_modes": list(standing.delivery_modes),
                    "expires_on": standing.expires_on,
                    "security_measures": standing.security_measures,
                },
                standing=standing,
            )
        created.append(authorisation)
    return created


def _standing_cover(categories) -> StandingAuthorisation | None:
    """The standing authorisation that covers all these categories, if every one has one."""
    rows = db.session.scalars(
        select(StandingAuthorisation).where(
            StandingAuthorisation.category_id.in_([c.id for c in categories]),
            StandingAuthorisation.revoked_at.is_(None),
            StandingAuthorisation.expires_on > date.today(),
        )
    ).all()
    if len(rows) != len(categories):
        return None
    return min(rows, key=lambda s: s.expires_on)


def visible_authorisation(viewer, authorisation_id) -> Authorisation:
    authorisation = access.load(Authorisation, authorisation_id, NOT_FOUND)
    access.signed_in(viewer)
    if viewer.role in access.OVERSIGHT_ROLES:
        return authorisation
    if viewer.role == "steward" and access.steward_department_id(viewer) == authorisation.department_id:
        return authorisation
    if viewer.role == "consumer" and authorisation.item.demand.organisation_id == viewer.organisation_id:
        return authorisation
    raise NotFound(NOT_FOUND)


def queue(viewer, status: str | None = None) -> list[Authorisation]:
    """The requests a user may see: a steward its department's, oversight roles all."""
    access.signed_in(viewer)
    query = select(Authorisation).order_by(Authorisation.created_at.desc(), Authorisation.id.desc())
    if viewer.role == "steward":
        query = query.where(Authorisation.department_id == access.steward_department_id(viewer))
    elif viewer.role == "consumer":
        query = query.join(DemandListItem).join(Demand).where(Demand.organisation_id == viewer.organisation_id)
    elif viewer.role not in access.OVERSIGHT_ROLES:
        raise Forbidden(_l("Your role may not do this."))
    if status:
        query = query.where(Authorisation.status == status)
    return list(db.session.scalars(query))


def _read_terms(data) -> dict:
    f = Fields(data)
    terms = {
        "purpose": f.text("purpose", max_length=2000),
        "delivery_modes": f.delivery_modes(),
        "expires_on": f.date("expires_on", future=True),
        "security_measures": f.text("security_measures", max_length=4000),
    }
    f.done()
    return terms


def _steward_action(actor, authorisation_id, action) -> Authorisation:
    authorisation = visible_authorisation(actor, authorisation_id)
    AUTHORISATION.check(action, authorisation.status, actor.role)  # 403 for other roles before locking
    return access.load_for_update(Authorisation, authorisation.id, NOT_FOUND)


def _grant(authorisation, actor, terms, standing=None) -> None:
    before = _state(authorisation)
    authorisation.status = "granted"
    authorisation.purpose = terms["purpose"]
    authorisation.delivery_modes = terms["delivery_modes"]
    authorisation.expires_on = terms["expires_on"]
    authorisation.security_measures = terms["security_measures"]
    authorisation.decided_by_id = actor.id if actor is not None else None
    authorisation.decided_at = utcnow()
    authorisation.standing_id = standing.id if standing is not None else None
    audit.record(
        actor,
        "authorisation.granted",
        "authorisation",
        authorisation.id,
        before=before,
        after=_state(authorisation) | ({"standing": standing.id} if standing else {}),
    )


def grant(actor, authorisation_id, data) -> Authorisation:
    authorisation = _steward_action(actor, authorisation_id, "grant")
    terms = _read_terms(data)
    AUTHORISATION.check("grant", authorisation.status, actor.role)
    _grant(authorisation, actor, terms)
    db.session.flush()
    notify.step_waiting(
        roles=access.OPERATOR_ROLES,
        subject=f"数据已授权 Authorisation granted #{authorisation.id}",
        link=f"/authorisations/{authorisation.id}",
    )
    return authorisation


def refuse(actor, authorisation_id, data) -> Authorisation:
    authorisation = _steward_action(actor, authorisation_id, "refuse")
    f = Fields(data)
    reason = f.text("reason", max_length=2000)
    f.done()
    before = _state(authorisation)
    authorisation.status = AUTHORISATION.check("refuse", authorisation.status, actor.role)
    authorisation.reason, authorisation.decided_by_id, authorisation.decided_at = reason, actor.id, utcnow()
    audit.record(
        actor,
        "authorisation.refused",
        "authorisation",
        authorisation.id,
        before=before,
        after=_state(authorisation) | {"reason": reason},
    )
    db.session.flush()
    return authorisation


def terminate(actor, authorisation_id, data) -> Authorisation:
    """终止授权: access stops at once; every agreement that depends on it ends with it."""
    authorisation = _steward_action(actor, authorisation_id, "terminate")
    f = Fields(data)
    reason = f.text("reason", max_length=2000)
    f.done()
    _end(authorisation, "terminate", actor, reason)
    db.session.flush()
    return authorisation


def _end(authorisation, action, actor, reason) -> list[Agreement]:
    before = _state(authorisation)
    authorisation.status = AUTHORISATION.check(action, authorisation.status, actor.role if actor else "system")
    authorisation.reason, authorisation.ended_at = reason, utcnow()
    audit.record(
        actor,
        f"authorisation.{authorisation.status}",
        "authorisation",
        authorisation.id,
        before=before,
        after=_state(authorisation) | {"reason": reason},
    )
    ended = []
    agreements = db.session.scalars(
        select(Agreement).where(
            Agreement.authorisations.any(Authorisation.id == authorisation.id),
            Agreement.status.in_(("awaiting_signatures", "active")),
        )
    ).all()
    for agreement in agreements:
        agreement_before = {"status": agreement.status}
        agreement.status = AGREEMENT.check(action, agreement.status, "system")
        agreement.end_reason, agreement.ended_at = reason, utcnow()
        audit.record(
            actor,
            f"agreement.{agreement.status}",
            "agreement",
            agreement.number,
            before=agreement_before,
            after={"status": agreement.status, "authorisation": authorisation.id, "reason": reason},
        )
        ended.append(agreement)
    _suspend_uncovered_listings(authorisation, actor)
    return ended


def _suspend_uncovered_listings(authorisation, actor) -> None:
    """A published listing that no longer has a valid authorisation for every category is
    suspended at once, so nothing is offered on data no one may use any more."""
    db.session.flush()
    ids = [c.id for c in authorisation.categories]
    listings = db.session.scalars(
        select(Listing).where(Listing.status == "published", Listing.categories.any(Category.id.in_(ids)))
    ).all()
    for listing in listings:
        if publish_problems(listing):
            listing.status, listing.updated_at = "suspended", utcnow()
            audit.record(
                actor,
                "listing.suspended",
                "listing",
                listing.id,
                before={"status": "published"},
                after={"status": "suspended", "authorisation": authorisation.id},
            )


def expire_due(today: date | None = None) -> dict:
    """Idempotent sweep: authorisations past their expiry date end, with the agreements on them;
    agreements past their term end. Also called before any access is used."""
    today = today or date.today()
    locks.take_write_lock()
    authorisations = db.session.scalars(
        select(Authorisation)
        .where(Authorisation.status == "granted", Authorisation.expires_on < today)
        .with_for_update(of=Authorisation, skip_locked=True)
    ).all()
    ended_agreements = 0
    for authorisation in authorisations:
        ended_agreements += len(_end(authorisation, "expire", None, "expired"))
    agreements = db.session.scalars(
        select(Agreement)
        .where(Agreement.status.in_(("awaiting_signatures", "active")), Agreement.term_end < today)
        .with_for_update(of=Agreement, skip_locked=True)
    ).all()
    for agreement in agreements:
        before = {"status": agreement.status}
        agreement.status = AGREEMENT.check("expire", agreement.status, "system")
        agreement.end_reason, agreement.ended_at = "expired", utcnow()
        audit.record(
            None, "agreement.expired", "agreement", agreement.number, before=before, after={"status": "expired"}
        )
    db.session.flush()
    return {"authorisations": len(authorisations), "agreements": ended_agreements + len(agreements)}


def set_standing(actor, data) -> StandingAuthorisation:
    """A steward authorises an unconditionally open category to the platform once; pending
    requests it covers are granted at once."""
    access.require_role(actor, "steward")
    locks.take_write_lock()  # the category's standing authorisation is decided on below
    f = Fields(data)
    code = f.text("category", max_length=32).upper()
    f.done()
    category = db.session.scalar(select(Category).where(Category.code == code))
    if category is None or category.department_id != access.steward_department_id(actor):
        raise NotFound(_l("No such data category in your department."))
    if category.openness != "unconditional":
        raise Conflict(_l("Only unconditionally open categories can carry a standing authorisation."))
    if not category.is_sellable:
        raise Conflict(_l("Core-grade data is never offered."))
    terms = _read_terms(data)
    existing = db.session.scalar(select(StandingAuthorisation).where(StandingAuthorisation.category_id == category.id))
    if existing is not None and existing.revoked_at is None:
        raise Conflict(_l("This category already has a standing authorisation."))
    if existing is not None:
        db.session.delete(existing)
        db.session.flush()
    standing = StandingAuthorisation(
        category=category, department_id=category.department_id, created_by_id=actor.id, **terms
    )
    db.session.add(standing)
    db.session.flush()
    audit.record(
        actor,
        "standing_authorisation.set",
        "category",
        category.code,
        after={"expires_on": terms["expires_on"].isoformat(), "delivery_modes": terms["delivery_modes"]},
    )
    pending = db.session.scalars(
        select(Authorisation).where(
            Authorisation.status == "pending", Authorisation.department_id == category.department_id
        )
    ).all()
    for authorisation in pending:
        cover = _standing_cover(authorisation.categories)
        if cover is not None:
            _grant(
                authorisation,
                actor,
                {
                    "purpose": cover.purpose,
                    "delivery_modes": list(cover.delivery_modes),
                    "expires_on": cover.expires_on,
                    "security_measures": cover.security_measures,
                },
                standing=cover,
            )
    db.session.flush()
    return standing


def standing_for(viewer) -> list[StandingAuthorisation]:
    access.signed_in(viewer)
    query = select(StandingAuthorisation).where(StandingAuthorisation.revoked_at.is_(None))
    if viewer.role == "steward":
        query = query.where(StandingAuthorisation.department_id == access.steward_department_id(viewer))
    elif viewer.role not in access.OVERSIGHT_ROLES:
        raise Forbidden(_l("Your role may not do this."))
    return list(db.session.scalars(query.order_by(StandingAuthorisation.id)))


def valid_cover(category: Category, today: date | None = None) -> Authorisation | None:
    """A granted, unexpired authorisation covering the category (the newest), if any."""
    return db.session.scalar(_cover(), {"category": category.id, "today": today or date.today()})


def _covering(what, category):
    """what, of the authorisations valid_cover() chooses from for category (a bound id or a column),
    in its order (the newest first)."""
    return (
        select(what)
        .join(authorisation_categories, authorisation_categories.c.authorisation_id == Authorisation.id)
        .where(
            authorisation_categories.c.category_id == category,
            Authorisation.status == "granted",
            or_(Authorisation.expires_on.is_(None), Authorisation.expires_on >= bindparam("today")),
        )
        .order_by(Authorisation.expires_on.desc(), Authorisation.id.desc())
        .limit(1)
    )


@cache
def _cover():
    """Built once (the category and the day bound at each execution)."""
    return _covering(Authorisation, bindparam("category"))


def cover_of_each_category():
    """valid_cover()'s choice as a correlated subquery: the covering authorisation's id for the
    categories row of the enclosing statement (None when none covers it), the day bound as "today";
    for a statement that reads several categories' covers at once."""
    return _covering(Authorisation.id, Category.id).correlate(Category).scalar_subquery()


def publish_problems(listing: Listing) -> list[str]:
    """Why the listing cannot be published now (empty when it can): a listing stands on the
    authorisations covering its categories, so the rule lives here, beside valid_cover."""
    problems = []
    for category in listing.categories:
        if category.grade == "core":
            problems.append(str(_l("%(code)s is core-grade data, which is never listed.", code=category.code)))
        elif category.openness == "closed":
            problems.append(str(_l("%(code)s is not open.", code=category.code)))
        elif valid_cover(category) is None:
            problems.append(
                str(
                    _l(
                        "%(code)s has no valid authorisation (refused, expired, terminated or not yet granted).",
                        code=category.code,
                    )
                )
            )
    return problems


def department_codes(authorisations) -> list[str]:
    return sorted({a.department.code for a in authorisations})


def departments_of(authorisations) -> list[Department]:
    seen = {}
    for a in authorisations:
        seen[a.department.id] = a.department
    return [seen[k] for k in sorted(seen)]
