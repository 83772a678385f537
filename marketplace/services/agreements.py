"""Step 4, delivery (数据交付): the three-party agreement (三方协议) of department(s), operator and
enterprise, and step 5, use (数据利用) within its terms with usage feedback.

draft_agreement() is the service the negotiation calls on agreement; the operator may also draft one
directly, e.g. for approved public-interest use, which is free of charge (0.00)."""

from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from flask import has_request_context, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from accounts import notify
from accounts.models import Organisation
from accounts.services import DEFAULT_ORGS, find_or_create_organisation
from catalog.models import Category
from core import audit, writes
from core.errors import Conflict, Forbidden, NotFound, ValidationError
from core.extensions import db
from core.i18n import is_english
from core.sequences import next_number, provisional
from core.timeutil import isoformat_utc, local_date, local_today
from core.writes import insert_now
from marketplace.models import (
    DELIVERY_MODES,
    Agreement,
    AgreementSignature,
    Authorisation,
    Demand,
    UsageFeedback,
    agreement_authorisations,
    listing_categories,
)
from marketplace.services import access
from marketplace.services.authorisations import cover_of_each_category, valid_cover
from marketplace.services.listings import visible_listing
from marketplace.services.validation import Fields
from marketplace.states import AGREEMENT

NOT_FOUND = _l("No such agreement.")
OPERATOR_CODE = DEFAULT_ORGS["operator"][0]
# Besides the parties: oversight, and finance (which reconciles the revenue agreements bring).
READERS = ("admin", "coordinator", "operator", "finance")


def operator_organisation() -> Organisation:
    return find_or_create_organisation("operator", OPERATOR_CODE)


def operator_organisation_id() -> int:
    """The operator's organisation id: one prebuilt read of the id (made the first time, as above)."""
    found = db.session.scalar(_operator_id(), {"code": OPERATOR_CODE})
    return found if found is not None else operator_organisation().id


@cache
def _operator_id():
    return select(Organisation.id).where(Organisation.kind == "operator", Organisation.code == bindparam("code"))


def draft_agreement(actor, listing, consumer: Organisation, **terms) -> Agreement:
    """Draft the agreement inside the caller's transaction (no commit): parties, data, purpose,
    delivery mode, term, price, duties, and a snapshot of the listing as agreed. The terms are
    prepare_agreement()'s keywords."""
    agreement = prepare_agreement(listing, consumer, **terms)
    record_agreement(actor, agreement)
    db.session.flush()
    return agreement


def prepare_agreement(
    listing,
    consumer: Organisation,
    *,
    price: Decimal,
    delivery_mode: str,
    term_end: date | None = None,
    demand: Demand | None = None,
    purpose: str = "",
    pricing_terms: dict | None = None,
    thread_id: int | None = None,
) -> Agreement:
    """The agreement's terms, read and checked (the listing, the authorisations behind each of its
    categories, the delivery mode, the term), as an Agreement not yet in the session and without
    its number: nothing is written. record_agreement() takes the number and adds it, so a caller
    can read everything first and hold the gapless counter only for the writes that follow. The
    listing and the consumer may be ORM objects or plain values of the same attribute names (a
    listing whose categories are not loaded; the consumer's id, code and name_zh)."""
    if listing.status != "published":
        raise Conflict(_l("The listing is not published."))
    categories, authorisations, operator_id = _covered(listing, demand)
    allowed_modes = set(listing.delivery_modes)
    for a in authorisations:
        allowed_modes &= set(a.delivery_modes)
    if delivery_mode not in allowed_modes:
        raise Conflict(
            _l("Delivery mode %(mode)s is not allowed by the listing and its authorisations.", mode=delivery_mode)
        )
    latest_end = min(a.expires_on for a in authorisations)
    end = min(term_end, latest_end) if term_end else latest_end
    today = date.today()
    if end <= today:
        raise Conflict(_l("The authorisations behind this listing end too soon."))
    purpose = purpose or (demand.purpose if demand else "") or authorisations[0].purpose
    public_interest = bool(demand and demand.list_item and demand.list_item.public_interest_confirmed)
    # a listing and an enterprise given as plain values (the negotiation's accept reads them as rows)
    # are referred to by id; ORM objects as before, by relationship
    parties = (
        {"listing": listing, "consumer": consumer}
        if isinstance(consumer, Organisation)
        else {"listing_id": listing.id, "consumer_id": consumer.id}
    )
    return Agreement(
        thread_id=thread_id,
        demand=demand,
        **parties,
        operator_id=operator_id if operator_id is not None else operator_organisation_id(),
        purpose=purpose,
        delivery_mode=delivery_mode,
        term_start=today,
        term_end=end,
        price=Decimal("0.00") if public_interest else Decimal(price).quantize(Decimal("0.01")),
        pricing_basis=listing.pricing_basis,
        public_interest=public_interest,
        security_measures="\n".join(sorted({a.security_measures for a in authorisations if a.security_measures})),
        authorisations=authorisations,
        status="awaiting_signatures",
        snapshot={
            "listing": {
                "id": listing.id,
                "title_zh": listing.title_zh,
                "title_en": listing.title_en,
                "guide_price": str(listing.guide_price),
                "price_cap": str(listing.price_cap),
                "pricing_basis": listing.pricing_basis,
                "volume_tiers": list(listing.volume_tiers),
                "categories": [{"code": c.code, "name_zh": c.name_zh, "name_en": c.name_en} for c in categories],
            },
            "pricing_terms": pricing_terms or {},
            "departments": [
                {"code": a.department.code, "name_zh": a.department.name_zh, "name_en": a.department.name_en}
                for a in authorisations
            ],
        },
    )


def record_agreement(actor, agreement: Agreement) -> Agreement:
    """A prepared agreement takes its number from the locked AG counter (held until the transaction
    ends: gapless) and is added, with its audit entry; written at the next flush."""
    agreement.number = next_number("AG", agreement.term_start.year)
    db.session.add(agreement)
    audit.record(actor, "agreement.drafted", "agreement", agreement.number, after=_drafted(agreement))
    return agreement


def write_agreement(agreement: Agreement) -> Agreement:
    """record_agreement()'s rows, written now and before its number: the agreement by one INSERT
    (core.writes, no flush) under a provisional number (core.sequences.provisional), which
    number_agreement() replaces in this same transaction, and its authorisations by one more. So a
    caller can write it before it takes the AG counter, which it then holds for the numbering alone."""
    agreement.number = provisional()
    insert_now(agreement)
    rows = [{"agreement_id": agreement.id, "authorisation_id": a.id} for a in agreement.authorisations]
    if rows:
        writes.execute(_authorisation_rows(), rows)
    return agreement


def number_agreement(actor, agreement: Agreement, number: str, consumer=None) -> dict:
    """A written agreement (write_agreement) given its number (drawn by the caller from the AG
    counter, held to the commit: gapless) by one UPDATE. Returns its audit entry's row
    (core.audit.entry), for the caller to write with its others."""
    writes.execute(_set_number(), {"row": agreement.id, "new_number": number})
    set_committed_value(agreement, "number", number)
    return audit.entry(actor, "agreement.drafted", "agreement", agreement.number, after=_drafted(agreement, consumer))


@cache
def _set_number():
    agreements = Agreement.__table__
    return update(agreements).where(agreements.c.id == bindparam("row")).values(number=bindparam("new_number"))


@cache
def _authorisation_rows():
    return insert(agreement_authorisations)


def _drafted(agreement: Agreement, consumer=None) -> dict:
    """consumer: the agreement's enterprise (anything with its code) when the agreement refers to it
    by id (prepare_agreement of plain values), else agreement.consumer."""
    if consumer is None:
        consumer, listing_id = agreement.consumer, agreement.listing.id
    else:
        listing_id = agreement.listing_id
    return {
        "status": agreement.status,
        "price": str(agreement.price),
        "consumer": consumer.code,
        "listing": listing_id,
        "authorisations": [a.id for a in agreement.authorisations],
    }


def _covered(listing, demand) -> tuple[list, list[Authorisation], int | None]:
    """The listing's categories (by code), the authorisations covering them (each once, in the
    categories' order; Conflict naming the first category none covers) and, where it could be read
    beside them, the operator's organisation id (else None). A listing whose categories are not
    loaded, on a thread with no demand list item to prefer, is read in one statement (each category's
    code and names, its cover — valid_cover's choice — with its department, the operator's id);
    otherwise category by category, as _cover_for chooses."""
    if "categories" not in listing.__dict__ and (demand is None or demand.list_item is None):
        rows = db.session.execute(
            _listing_covers(), {"listing": listing.id, "today": date.today(), "code": OPERATOR_CODE}
        ).all()
        categories, authorisations = [], []
        for code, name_zh, name_en, cover, _operator_id in rows:
            if cover is None:
                raise Conflict(_l("%(code)s has no valid authorisation.", code=code))
            categories.append(_CategoryNames(code, name_zh, name_en))
            if cover not in authorisations:
                authorisations.append(cover)
        return categories, authorisations, rows[0][-1] if rows else None
    categories = listing.categories
    authorisations = []
    for category in categories:
        cover = _cover_for(category, demand)
        if cover is None:
            raise Conflict(_l("%(code)s has no valid authorisation.", code=category.code))
        if cover not in authorisations:
            authorisations.append(cover)
    return categories, authorisations, None


class _CategoryNames(NamedTuple):
    """What an agreement's snapshot keeps of a category."""

    code: str
    name_zh: str
    name_en: str


@cache
def _listing_covers():
    """Built once (the listing, the day and the operator's code bound at each execution): a
    listing's categories by code, each with the authorisation covering it (its department joined,
    as Authorisation declares) and the operator's organisation id."""
    return (
        select(Category.code, Category.name_zh, Category.name_en, Authorisation, _operator_id().scalar_subquery())
        .select_from(listing_categories)
        .join(Category, Category.id == listing_categories.c.category_id)
        .outerjoin(Authorisation, Authorisation.id == cover_of_each_category())
        .where(listing_categories.c.listing_id == bindparam("listing"))
        .order_by(Category.code)
    )


def _cover_for(category, demand) -> Authorisation | None:
    """Prefer the authorisation granted for this demand; otherwise any valid one."""
    if demand is not None and demand.list_item is not None:
        for a in demand.list_item.authorisations:
            if a.status == "granted" and category in a.categories and a.expires_on >= date.today():
                return a
    return valid_cover(category)


def create_agreement(actor, data) -> Agreement:
    """The operator drafts an agreement for an approved demand on a published listing."""
    access.require_role(actor, *access.OPERATOR_ROLES)
    f = Fields(data)
    listing_id = f.object_id("listing_id")
    demand_id = f.object_id("demand_id")
    mode = f.data.get("delivery_mode")
    if mode not in DELIVERY_MODES:
        f.fail("delivery_mode", _l("Choose from: %(values)s.", values=", ".join(DELIVERY_MODES)))
    price = f.money("price", required=False)
    term_end = f.date("term_end", required=False, future=True)
    delivery_terms = _delivery_terms(f)
    f.done()
    listing = visible_listing(actor, listing_id)
    demand = access.load(Demand, demand_id, _l("No such demand."))
    if demand.status != "approved":
        raise Conflict(_l("Only an approved demand can lead to an agreement."))
    if demand not in listing.demands:
        raise Conflict(_l("The listing does not serve this demand."))
    public_interest = bool(demand.list_item and demand.list_item.public_interest_confirmed)
    if not public_interest:
        if price is None or price <= 0:
            raise ValidationError(
                _l("Commercial use needs a price greater than 0.00 (public-interest use is free)."),
                {"price": [_l("Required.")]},
            )
        if price > listing.price_cap:
            raise ValidationError(
                _l("The price is above the listing's cap of %(cap)s.", cap=str(listing.price_cap)),
                {"price": [_l("At most %(cap)s.", cap=str(listing.price_cap))]},
            )
    agreement = draft_agreement(
        actor,
        listing,
        demand.organisation,
        price=price or Decimal("0.00"),
        delivery_mode=mode,
        term_end=term_end,
        demand=demand,
    )
    for name, value in delivery_terms.items():
        setattr(agreement, name, value)
    db.session.flush()
    notify_signers(agreement)
    return agreement


def _delivery_terms(f: Fields) -> dict:
    """The delivery terms the operator may set when drafting (absent: the defaults)."""
    out = {}
    every = f.integer("feedback_every_days", 7, 366)
    if every is not None:
        out["feedback_every_days"] = every
    for name in ("feedback_blocks_exports", "export_operator_approval"):
        value = f.data.get(name)
        if value is None:
            continue
        if not isinstance(value, bool):
            f.fail(name, _l("true or false."))
            continue
        out[name] = value
    return out


def parties(agreement: Agreement) -> list[dict]:
    """The parties who must sign: each department, the operator, the enterprise."""
    rows = [
        {
            "party": "department",
            "code": a.department.code,
            "name_zh": a.department.name_zh,
            "name_en": a.department.name_en,
        }
        for a in _unique_departments(agreement)
    ]
    rows.append(
        {
            "party": "operator",
            "organisation_id": agreement.operator_id,
            "name_zh": agreement.operator.name_zh,
            "name_en": agreement.operator.name_en or agreement.operator.name_zh,
        }
    )
    rows.append(
        {
            "party": "consumer",
            "organisation_id": agreement.consumer_id,
            "name_zh": agreement.consumer.name_zh,
            "name_en": agreement.consumer.name_en or agreement.consumer.name_zh,
            "credit_code": agreement.consumer.code,
        }
    )
    signed = {s.organisation_id: s for s in agreement.signatures}
    department_orgs = _department_organisations([r["code"] for r in rows if r.get("code")])
    for row in rows:
        org_id = row.get("organisation_id") or getattr(department_orgs.get(row.get("code")), "id", None)
        row["organisation_id"] = org_id
        signature = signed.get(org_id)
        row["signed_by"] = signature.user.email if signature else None
        row["signed_at"] = signature.signed_at if signature else None
        row["signed_from"] = signature.client_addr if signature else None
    return rows


def _department_organisations(codes: list[str]) -> dict:
    """The departments' organisations by code, kept for the session (a request): a list of agreements
    asks for the same few departments once, not once per row. A code not found is asked again."""
    known = db.session.info.setdefault("department_organisations", {})
    missing = [c for c in codes if c not in known]
    if missing:
        for o in db.session.scalars(
            select(Organisation).where(Organisation.kind == "department", Organisation.code.in_(missing))
        ):
            known[o.code] = o
    return {c: known[c] for c in codes if c in known}


def _unique_departments(agreement):
    seen, out = set(), []
    for a in agreement.authorisations:
        if a.department_id not in seen:
            seen.add(a.department_id)
            out.append(a)
    return out


def party_of(user, agreement: Agreement) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if user.role == "consumer" and user.organisation_id == agreement.consumer_id:
        return "consumer"
    if user.role == "operator" and user.organisation_id == agreement.operator_id:
        return "operator"
    if user.role == "steward" and user.organisation.code in {a.department.code for a in agreement.authorisations}:
        return "department"
    return None


def visible_agreement(viewer, agreement_id) -> Agreement:
    access.signed_in(viewer)
    agreement = access.load(Agreement, agreement_id, NOT_FOUND)
    if party_of(viewer, agreement) or viewer.role in READERS:
        return agreement
    raise NotFound(NOT_FOUND)


def agreements_for(viewer, status=None) -> list[Agreement]:
    access.signed_in(viewer)
    query = select(Agreement).order_by(Agreement.id.desc())
    if viewer.role == "consumer":
        query = query.where(Agreement.consumer_id == viewer.organisation_id)
    elif viewer.role == "steward":
        query = query.where(
            Agreement.authorisations.any(Authorisation.department_id == access.steward_department_id(viewer))
        )
    elif viewer.role not in READERS:
        raise Forbidden(_l("Your role may not do this."))
    if status:
        query = query.where(Agreement.status == status)
    # what parties() and the API's shape read of every row, loaded for all rows at once
    query = query.options(
        selectinload(Agreement.authorisations).joinedload(Authorisation.department),
        joinedload(Agreement.operator),
        selectinload(Agreement.signatures),
        selectinload(Agreement.feedback),
    )
    return list(db.session.scalars(query).unique())


def sign(actor, agreement_id) -> Agreement:
    agreement = visible_agreement(actor, agreement_id)
    access.require_verified(actor)
    party = party_of(actor, agreement)
    if party is None:
        raise Forbidden(_l("Only a party to the agreement may sign it, for its own organisation."))
    agreement = access.load_for_update(Agreement, agreement.id, NOT_FOUND)
    AGREEMENT.check("sign", agreement.status, actor.role)
    if any(s.organisation_id == actor.organisation_id for s in agreement.signatures):
        raise Conflict(_l("Your organisation has already signed this agreement."))
    address = request.remote_addr if has_request_context() else "cli"
    db.session.add(
        AgreementSignature(
            agreement=agreement,
            organisation_id=actor.organisation_id,
            party=party,
            user_id=actor.id,
            client_addr=address or "",
        )
    )
    db.session.flush()
    db.session.refresh(agreement)
    audit.record(actor, "agreement.signed", "agreement", agreement.number, after={"party": party})
    if all(row["signed_at"] for row in parties(agreement)):
        agreement.status = "active"
        audit.record(
            actor,
            "agreement.active",
            "agreement",
            agreement.number,
            before={"status": "awaiting_signatures"},
            after={"status": "active"},
        )
    db.session.flush()
    return agreement


def notify_signers(agreement: Agreement) -> None:
    org_ids = [row["organisation_id"] for row in parties(agreement) if row["organisation_id"]]
    notify.step_waiting(
        organisation_ids=tuple(org_ids),
        subject=f"三方协议待签署 Agreement to sign: {agreement.number}",
        link=f"/agreements/{agreement.id}",
    )


def lapsed(agreement: Agreement) -> bool:
    """Past its term, or resting on an authorisation past its expiry (the daily sweep, expire_due,
    records either; until it runs, access is refused all the same)."""
    today = date.today()
    if agreement.term_end is not None and agreement.term_end < today:
        return True
    return any(
        a.status != "granted" or (a.expires_on is not None and a.expires_on < today) for a in agreement.authorisations
    )


def use(actor, agreement_id) -> dict:
    """Using delivered data: allowed only within the terms of an agreement in force, checked now.
    A read (GET): it changes nothing and writes no audit row, so a link on another site that makes a
    signed-in browser ask for it achieves nothing; use is logged by the delivery gateway."""
    agreement = visible_agreement(actor, agreement_id)
    if party_of(actor, agreement) != "consumer":
        raise Forbidden(_l("Only the enterprise of the agreement uses the data."))
    access.require_verified(actor)
    if agreement.status != "active":
        raise Conflict(_l("Access has ended: the agreement is %(state)s.", state=AGREEMENT.label(agreement.status)))
    if lapsed(agreement):
        raise Conflict(_l("Access has ended: the agreement is %(state)s.", state=AGREEMENT.label("expired")))
    return {
        "agreement": agreement.number,
        "delivery_mode": agreement.delivery_mode,
        "valid_until": agreement.term_end.isoformat(),
        "categories": [c["code"] for c in agreement.snapshot["listing"]["categories"]],
        "source_attribution": str(
            _l(
                "Cite the source: %(departments)s, via the Chengdu public data platform.",
                departments=_department_names(agreement),
            )
        ),
    }


def _department_names(agreement) -> str:
    if is_english():
        return ", ".join(d["name_en"] for d in agreement.snapshot["departments"])
    return "、".join(d["name_zh"] for d in agreement.snapshot["departments"])


def add_feedback(actor, agreement_id, data) -> UsageFeedback:
    agreement = visible_agreement(actor, agreement_id)
    if party_of(actor, agreement) != "consumer":
        raise Forbidden(_l("Only the enterprise of the agreement reports its use."))
    agreement = access.lock(agreement)
    AGREEMENT.check("feedback", agreement.status, actor.role)
    f = Fields(data)
    body = f.text("body", max_length=4000)
    f.done()
    entry = UsageFeedback(agreement=agreement, user_id=actor.id, body=body)
    db.session.add(entry)
    db.session.flush()
    audit.record(actor, "agreement.feedback", "agreement", agreement.number, after={"feedback": entry.id})
    db.session.flush()
    return entry


# A report falls "due" this many days before its date; after the date it is overdue.
FEEDBACK_REMINDER_DAYS = 14
FEEDBACK_STATUSES = ("not_required", "on_schedule", "due", "overdue")


def feedback_schedule(agreement: Agreement, today: date | None = None) -> dict:
    """When the agreement's next usage report is due, by its terms: every `feedback_every_days`
    days, counted from the term's start and then from the last report. Only an agreement in force
    with the feedback duty expects reports. `today` (Asia/Shanghai) may be given: a clock for tests."""
    today = today or local_today()
    last = agreement.feedback[-1].created_at if agreement.feedback else None
    if not agreement.usage_feedback_duty or agreement.status != "active":
        return {
            "status": "not_required",
            "due": None,
            "overdue": False,
            "days_overdue": 0,
            "every_days": agreement.feedback_every_days,
            "last_at": isoformat_utc(last),
        }
    since = max(agreement.term_start, local_date(last)) if last is not None else agreement.term_start
    due = since + timedelta(days=agreement.feedback_every_days)
    if today > due:
        status = "overdue"
    elif today >= due - timedelta(days=FEEDBACK_REMINDER_DAYS):
        status = "due"
    else:
        status = "on_schedule"
    return {
        "status": status,
        "due": due,
        "overdue": status == "overdue",
        "days_overdue": max(0, (today - due).days),
        "every_days": agreement.feedback_every_days,
        "last_at": isoformat_utc(last),
    }


def overdue_feedback(viewer, today: date | None = None) -> list[tuple[Agreement, dict]]:
    """The agreements in force the viewer may see whose usage report is overdue, longest first
    (the operator and oversight: all; a department's steward: those on its data; an enterprise: its own)."""
    found = [(a, feedback_schedule(a, today)) for a in agreements_for(viewer, "active")]
    return sorted([(a, s) for a, s in found if s["overdue"]], key=lambda pair: (pair[1]["due"], pair[0].id))


def expiring_soon(days: int = 30):
    limit = date.today() + timedelta(days=days)
    return db.session.scalars(select(Agreement).where(Agreement.status == "active", Agreement.term_end <= limit)).all()
