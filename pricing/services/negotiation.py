"""Market negotiation (市场化协商): the consumer opens a thread on a published listing; both sides post
messages and offers; making an offer is its maker's acceptance; agreement is reached when the other
side accepts that same standing, unexpired offer. Agreement, invoice and agreement draft are made in
one transaction, exactly once: the thread row is locked, so a second accept waits and then finds the
thread agreed."""

from datetime import timedelta
from decimal import Decimal
from functools import cache
from types import SimpleNamespace

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from accounts import notify
from accounts.models import Organisation
from core import audit, inputs, locks, writes
from core.errors import Conflict, Forbidden, NotFound, ValidationError
from core.extensions import db
from core.money import MoneyError, parse_amount
from core.paging import page_of_query
from core.sequences import next_number, next_numbers
from core.timeutil import utcnow
from core.writes import insert_now
from finance.models import Invoice
from finance.services import checks
from finance.services.invoices import issued_posting, number_invoice, prepare_invoice, write_invoice
from marketplace.models import DELIVERY_MODES, Agreement, Demand, Listing
from marketplace.services import access
from marketplace.services.agreements import number_agreement, prepare_agreement, write_agreement
from marketplace.services.validation import Fields
from pricing.models import Message, Offer, Thread
from pricing.states import OFFER, THREAD

NOT_FOUND = _l("No such negotiation.")


def side_of(user, thread: Thread) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if user.role == "consumer" and user.organisation_id == thread.consumer_id:
        return "consumer"
    if user.role in access.OPERATOR_ROLES:
        return "operator"
    return None


def visible_thread(viewer, thread_id) -> Thread:
    access.signed_in(viewer)
    thread = access.load(Thread, thread_id, NOT_FOUND)
    if side_of(viewer, thread) is None:
        raise NotFound(NOT_FOUND)
    return thread


def _my_thread_for_update(actor, thread_id, action, statement=None) -> tuple[Thread, str]:
    """The thread, read and locked at once (one round trip), then 404 unless the actor is a side of it.
    statement: one of the prebuilt reads below (with what the caller needs loaded beside it)."""
    access.signed_in(actor)
    if statement is None:
        thread = access.load_for_update(Thread, thread_id, NOT_FOUND)
    else:
        thread = access.load_prebuilt_for_update(statement, thread_id, NOT_FOUND)
    return thread, _side_for(actor, thread, action)


def _side_for(actor, thread, action) -> str:
    """The actor's side of the thread (404 when none), once action is allowed in its state."""
    side = side_of(actor, thread)
    if side is None:
        raise NotFound(NOT_FOUND)
    THREAD.check(action, thread.status, actor.role)
    return side


def _locking(*options):
    return (
        select(Thread)
        .where(Thread.id == bindparam("id"))
        .options(*options)
        .with_for_update(of=Thread)
        .execution_options(populate_existing=True)
    )


@cache
def _thread_to_offer():
    """The thread locked for an offer, as the few values an offer decides on — whose it is, its
    state, its listing's cap and pricing basis — not as ORM objects (a thread in the session is
    not read again: an offer changes only its time and offers, which _add_offer keeps)."""
    threads, listings = Thread.__table__, Listing.__table__
    return (
        select(threads.c.id, threads.c.consumer_id, threads.c.status, listings.c.price_cap, listings.c.pricing_basis)
        .join(listings, listings.c.id == threads.c.listing_id)
        .where(threads.c.id == bindparam("id"))
        .with_for_update(of=threads)
    )


@cache
def _thread_to_accept():
    """The thread locked for an accept with its offers (to find the one accepted; at most
    NEGOTIATION_MAX_ROUNDS rows, joined); the API's answer reads its messages next (_talk)."""
    return _locking(joinedload(Thread.offers))


# the columns the API's accept reads of its locked thread, listing and offers (_thread_rows_to_accept)
_THREAD_COLUMNS = ("id", "consumer_id", "status", "demand_id", "delivery_mode", "close_reason", "created_at")
_LISTING_COLUMNS = (
    "id",
    "status",
    "title_zh",
    "title_en",
    "guide_price",
    "price_cap",
    "pricing_basis",
    "delivery_modes",
    "volume_tiers",
)
_OFFER_COLUMNS = (
    "id",
    "side",
    "amount",
    "pricing_basis",
    "quantity",
    "term_months",
    "message",
    "valid_until",
    "status",
    "created_at",
)


@cache
def _thread_rows_to_accept():
    """The API's accept locks its thread as plain rows (no ORM objects): the thread's, its listing's
    and its enterprise's values an accept decides on and answers, one row per offer (at most
    NEGOTIATION_MAX_ROUNDS, in their order; one row of nulls when there is none)."""
    threads, listings, offers = Thread.__table__, Listing.__table__, Offer.__table__
    enterprises = Organisation.__table__
    return (
        select(
            *(threads.c[name] for name in _THREAD_COLUMNS),
            *(listings.c[name].label(f"l_{name}") for name in _LISTING_COLUMNS),
            enterprises.c.code.label("c_code"),
            enterprises.c.name_zh.label("c_name_zh"),
            *(offers.c[name].label(f"o_{name}") for name in _OFFER_COLUMNS),
        )
        .join(listings, listings.c.id == threads.c.listing_id)
        .join(enterprises, enterprises.c.id == threads.c.consumer_id)
        .outerjoin(offers, offers.c.thread_id == threads.c.id)
        .where(threads.c.id == bindparam("id"))
        .order_by(offers.c.id)
        .with_for_update(of=threads)
    )


def _plain_thread(rows) -> SimpleNamespace:
    """The locked thread's rows as the plain values _agree and shapes.thread read (by the ORM's
    attribute names): its listing, enterprise and offers as namespaces."""
    row = rows[0]
    return SimpleNamespace(
        **{name: getattr(row, name) for name in _THREAD_COLUMNS},
        demand=None,
        updated_at=None,
        agreement_id=None,
        agreement=None,
        invoice=None,
        listing=SimpleNamespace(**{name: getattr(row, f"l_{name}") for name in _LISTING_COLUMNS}),
        consumer=SimpleNamespace(id=row.consumer_id, code=row.c_code, name_zh=row.c_name_zh),
        offers=[
            SimpleNamespace(**{name: getattr(r, f"o_{name}") for name in _OFFER_COLUMNS})
            for r in rows
            if r.o_id is not None
        ],
    )


@cache
def _talk():
    """A thread's messages as the answer shows them (id, side, body, time): plain rows of one Core
    statement, built once, not Message objects (no identity map, no author)."""
    messages = Message.__table__
    return (
        select(messages.c.id, messages.c.side, messages.c.body, messages.c.created_at)
        .where(messages.c.thread_id == bindparam("thread"))
        .order_by(messages.c.id)
    )


def _amount(f: Fields, cap: Decimal, required: bool) -> Decimal | None:
    """The amount asked, at most the listing's cap."""
    raw = f.data.get("amount")
    if raw in (None, "") and not required:
        return None
    try:
        amount = parse_amount(raw)
    except MoneyError as exc:
        f.fail("amount", exc.args[0])
        return None
    if amount > cap:
        f.fail("amount", _l("Above the listing's cap of %(cap)s (上限收费标准).", cap=str(cap)))
    return amount


def _valid_days(f: Fields) -> int:
    raw = f.data.get("valid_days", current_app.config.get("OFFER_VALID_DAYS", 7))
    try:
        return inputs.whole_number(raw, 1, 90)
    except ValueError:
        f.fail("valid_days", _l("Between 1 and 90 days."))
        return 7


def _small_int(f: Fields, name: str, default: int, hi: int) -> int:
    raw = f.data.get(name, default)
    try:
        return inputs.whole_number(raw, 1, hi)
    except ValueError:
        f.fail(name, _l("Must be between %(lo)d and %(hi)d.", lo=1, hi=hi))
        return default


def _offer_terms(f: Fields) -> dict:
    """The offer's terms besides the amount, checked before anything changes."""
    return {
        "quantity": _small_int(f, "quantity", 1, 10**9),
        "term_months": _small_int(f, "term_months", 12, 120),
        "valid_until": utcnow() + timedelta(days=_valid_days(f)),
    }


@cache
def _supersede():
    """The standing offer superseded, answering the thread's rounds (every offer, this one too): one
    statement where a standing offer is found (every round after the first)."""
    offers = Offer.__table__
    others = offers.alias("rounds")
    rounds = select(func.count()).select_from(others).where(others.c.thread_id == bindparam("thread"))
    return (
        update(offers)
        .where(offers.c.thread_id == bindparam("thread"), offers.c.status == "standing")
        .values(status=bindparam("new_status"))
        .returning(rounds.scalar_subquery())
    )


@cache
def _rounds():
    return select(func.count()).where(Offer.thread_id == bindparam("thread"))


@cache
def _thread_touch():
    return update(Thread.__table__).where(Thread.id == bindparam("thread")).values(updated_at=bindparam("now"))


def _add_offer(
    thread_id: int, pricing_basis: str, actor, side: str, amount: Decimal, terms: dict, message: str, new=False
) -> Offer:
    """The thread (thread_id, its listing's pricing_basis) is locked: the standing offer is
    superseded by one UPDATE that answers the thread's rounds beside it (a fresh snapshot, after the
    lock; a count of its own only where no offer stands); the thread's offers are not loaded (up to
    NEGOTIATION_MAX_ROUNDS rows per offer made). The thread, if the session holds it, is kept as the
    database has it (its time; its offers, if loaded). new: the thread was made in this transaction
    and has no offer yet."""
    superseded = OFFER.transition("supersede").target
    if new:
        rounds, standing = 0, False
    else:
        # the thread is locked: its standing offer is superseded first and the rounds counted beside
        # it; a refusal below rolls the change back with the rest of the request
        rounds = writes.execute(_supersede(), {"thread": thread_id, "new_status": superseded}).scalar()
        standing = rounds is not None
        if not standing:
            rounds = writes.execute(_rounds(), {"thread": thread_id}).scalar()
    if rounds >= int(current_app.config.get("NEGOTIATION_MAX_ROUNDS", 20)):
        raise Conflict(_l("This negotiation has used all its rounds; accept the standing offer or withdraw."))
    if standing:
        OFFER.check("supersede", "standing", actor.role)
        for held in list(db.session.identity_map.values()):  # as the database has it now
            if type(held) is Offer and held.thread_id == thread_id and held.status == "standing":
                set_committed_value(held, "status", superseded)
    now = utcnow()
    # the offer and its audit entry as plain INSERTs (… RETURNING the offer's id), the thread's
    # time as one UPDATE: no unit-of-work flush (an ORM flush cost more CPU than the statements)
    offer = insert_now(
        Offer(
            thread_id=thread_id,
            side=side,
            made_by_id=actor.id,
            amount=amount,
            pricing_basis=pricing_basis,
            message=message,
            status="standing",
            created_at=now,
            **terms,
        )
    )
    writes.execute(_thread_touch(), {"thread": thread_id, "now": now})
    thread = db.session.identity_map.get(identity_key(Thread, thread_id))
    if thread is not None:
        set_committed_value(thread, "updated_at", now)
        if "offers" in thread.__dict__:  # loaded before: the new offer joins it, as the database has it
            set_committed_value(thread, "offers", [*thread.offers, offer])
    audit.write(
        actor,
        "offer.made",
        "thread",
        thread_id,
        after={"offer": offer.id, "side": side, "amount": str(amount), "valid_until": offer.valid_until.isoformat()},
    )
    return offer


def open_thread(actor, data) -> Thread:
    access.require_role(actor, "consumer")
    access.require_verified(actor)
    f = Fields(data)
    listing_id = f.data.get("listing_id")
    message = f.text("message", max_length=4000)
    mode = f.data.get("delivery_mode") or None
    if mode is not None and mode not in DELIVERY_MODES:
        f.fail("delivery_mode", _l("Choose from: %(values)s.", values=", ".join(DELIVERY_MODES)))
    if listing_id in (None, ""):
        f.fail("listing_id", _l("Required."))
        f.done()
    try:
        listing = db.session.get(Listing, inputs.object_id(listing_id))
    except ValueError:
        listing = None
    if listing is None or listing.status != "published":
        f.fail("listing_id", _l("No such published listing."))
        f.done()
    amount = _amount(f, listing.price_cap, required=False)
    terms = _offer_terms(f)
    demand = None
    if f.data.get("demand_id") not in (None, ""):
        try:
            demand = db.session.get(Demand, inputs.object_id(f.data["demand_id"]))
        except ValueError:
            demand = None
        if demand is None or demand.organisation_id != actor.organisation_id:
            f.fail("demand_id", _l("No such demand of your enterprise."))
    f.done()
    db.session.flush()  # anything pending is written before the thread (as a flush would order it)
    # the thread, its first message and the audit entry as plain INSERTs (core.writes), and the
    # new thread's offers and messages known without reading them back
    thread = insert_now(
        Thread(
            listing=listing,
            demand=demand,
            consumer_id=actor.organisation_id,
            opened_by_id=actor.id,
            delivery_mode=mode or listing.delivery_modes[0],
            status="open",
        )
    )
    first = insert_now(Message(thread_id=thread.id, side="consumer", author_id=actor.id, body=message))
    set_committed_value(thread, "messages", [first])
    set_committed_value(thread, "offers", [])
    set_committed_value(thread, "consumer", actor.organisation)
    audit.write(
        actor, "thread.opened", "thread", thread.id, after={"listing": listing.id, "consumer": actor.organisation.code}
    )
    if demand is not None and demand.list_item is not None and demand.list_item.public_interest_confirmed:
        # approved public-interest use: free, no negotiation, no invoice — but still an agreement
        _agree(thread, actor, None, Decimal("0.00"))
    elif amount is not None:
        _add_offer(thread.id, listing.pricing_basis, actor, "consumer", amount, terms, message, new=True)
    db.session.flush()
    notify.step_waiting(
        roles=access.OPERATOR_ROLES, subject=f"新的议价 New negotiation #{thread.id}", link=f"/negotiations/{thread.id}"
    )
    return thread


def post_message(actor, thread_id, data) -> Message:
    thread, side = _my_thread_for_update(actor, thread_id, "message")
    f = Fields(data)
    body = f.text("body", max_length=4000)
    f.done()
    entry = Message(thread=thread, side=side, author_id=actor.id, body=body)
    db.session.add(entry)
    thread.updated_at = utcnow()
    db.session.flush()
    audit.record(actor, "thread.message", "thread", thread.id, after={"message": entry.id})
    db.session.flush()
    return entry


def make_offer(actor, thread_id, data) -> Offer:
    # the thread's side and state and its listing's cap and basis are read with the lock
    access.signed_in(actor)
    thread = access.load_row_for_update(_thread_to_offer(), thread_id, NOT_FOUND)
    side = _side_for(actor, thread, "offer")
    access.require_verified(actor)
    f = Fields(data)
    amount = _amount(f, thread.price_cap, required=True)
    message = f.text("message", required=False, max_length=4000)
    terms = _offer_terms(f)
    f.done()
    offer = _add_offer(thread.id, thread.pricing_basis, actor, side, amount, terms, message)
    db.session.flush()
    return offer


def accept(actor, thread_id, data):
    """Accept the other side's standing, unexpired offer: agreement, invoice and agreement draft at
    once. Returns the agreement (accepted_thread returns the thread)."""
    return accepted_thread(actor, thread_id, data).agreement


def accepted_thread(actor, thread_id, data) -> Thread:
    """accept(), answering the agreed thread as it stands in the session (with its offers, agreement
    and invoice)."""
    offer_id = _offer_to_accept(data)
    thread, side = _my_thread_for_update(actor, thread_id, "accept", _thread_to_accept())
    return _accept(thread, actor, side, offer_id)


def accepted_talk(actor, thread_id, data) -> tuple:
    """accept() for the API's answer: the agreed thread as plain values (its listing, enterprise and
    offers read with the lock as rows, not ORM objects; a thread opened from a demand is read as
    accepted_thread reads it) and its messages (rows: id, side, body, created_at), read under the
    lock before the counters are taken; shapes.thread(thread, messages=...) answers them."""
    offer_id = _offer_to_accept(data)
    access.signed_in(actor)
    rows = access.load_rows_for_update(_thread_rows_to_accept(), thread_id, NOT_FOUND)
    if rows[0].demand_id is not None:  # its demand's authorisations are preferred: as the ORM reads them
        thread = locks.locked_by(_thread_to_accept(), {"id": rows[0].id})
    else:
        thread = _plain_thread(rows)
    side = _side_for(actor, thread, "accept")
    messages = writes.execute(_talk(), {"thread": thread.id}).all()
    return _accept(thread, actor, side, offer_id), messages


def _offer_to_accept(data) -> int:
    f = Fields(data)
    try:
        return inputs.object_id(f.data.get("offer_id"))
    except ValueError:
        message = _l("Required.") if f.data.get("offer_id") in (None, "") else _l("Not a valid id.")
        raise ValidationError(_l("Check the highlighted fields."), {"offer_id": [message]}) from None


def _accept(thread, actor, side: str, offer_id: int):
    """The accept's checks and writes on the locked thread (ORM or plain values, as read)."""
    access.require_verified(actor)
    offer = next((o for o in thread.offers if o.id == offer_id), None)
    if offer is None:
        raise NotFound(_l("No such offer in this negotiation."))
    if offer.side == side:
        raise Conflict(_l("You made this offer; the other side must accept it."))
    if offer.status != "standing":
        raise Conflict(
            _l("This offer is %(state)s; only the standing offer can be accepted.", state=OFFER.label(offer.status))
        )
    if offer.valid_until < utcnow():  # refused by its time; the sweep (expire_offers) records the expiry
        raise Conflict(_l("This offer has expired."))
    OFFER.check("accept", offer.status, actor.role)
    _agree(thread, actor, offer, Decimal(offer.amount))
    db.session.flush()
    return thread


def _set(obj, name: str, value) -> None:
    """An attribute of the locked thread or an offer set as the database now has it: an ORM object's
    committed value, a plain value's attribute."""
    if isinstance(obj, SimpleNamespace):
        setattr(obj, name, value)
    else:
        set_committed_value(obj, name, value)


def _agree(thread: Thread, actor, offer, price: Decimal):
    """Everything is read, checked and written before the gapless counters are taken — the rows
    every accept queues for, held from where they are taken to the commit: the offer, the agreement
    and its authorisations, the invoice (both under provisional numbers), the thread, each one
    prebuilt statement without a unit-of-work flush (core.writes); and the month the invoice is
    posted into is locked, in share mode (accepts do not queue for it; a closing waits for them).
    Then, last: both numbers drawn by one statement (AG, then INV, locked in that order), set on the
    agreement and the invoice, the invoice posted to the journal (its memo and source name the
    number; the journal is append-only), and the three audit entries written at once."""
    agreement = prepare_agreement(
        thread.listing,
        thread.consumer,
        price=price,
        delivery_mode=thread.delivery_mode,
        demand=thread.demand,
        thread_id=thread.id,
        pricing_terms={}
        if offer is None
        else {
            "offer": offer.id,
            "basis": offer.pricing_basis,
            "quantity": offer.quantity,
            "term_months": offer.term_months,
        },
    )
    invoice = (
        prepare_invoice(agreement, f"{thread.listing.title_zh} 公共数据运营服务费", buyer=thread.consumer)
        if agreement.price > 0
        else None
    )
    db.session.flush()  # anything pending (a thread just opened) is written first
    if offer is not None:  # the thread is locked: its offer is ours to change
        accepted = OFFER.transition("accept").target
        writes.execute(_offer_status(), {"offer": offer.id, "new_status": accepted})
        _set(offer, "status", accepted)
    write_agreement(agreement)
    if invoice is not None:
        write_invoice(invoice)
        posting = issued_posting(invoice)
    now = utcnow()
    writes.execute(
        _thread_agreed(),
        {
            "thread": thread.id,
            "now": now,
            "agreement_ref": agreement.id,
            "invoice_ref": invoice.id if invoice is not None else None,
        },
    )
    for name, value in (
        ("status", "agreed"),
        ("closed_at", now),
        ("updated_at", now),
        ("agreement_id", agreement.id),
        ("agreement", agreement),
        ("invoice_id", invoice.id if invoice is not None else None),
        ("invoice", invoice),
    ):
        _set(thread, name, value)
    # the numbers, last: from here to the commit the counters are held
    if invoice is None:
        entries = [number_agreement(actor, agreement, next_number("AG", agreement.term_start.year), thread.consumer)]
    else:
        ag, inv = next_numbers(("AG", agreement.term_start.year), ("INV", invoice.year))
        entries = [
            number_agreement(actor, agreement, ag, thread.consumer),
            number_invoice(actor, invoice, inv, posting),
        ]
    entries.append(
        audit.entry(
            actor,
            "thread.agreed",
            "thread",
            thread.id,
            after={
                "offer": offer.id if offer else None,
                "price": str(agreement.price),
                "agreement": agreement.number,
                "invoice": invoice.number if invoice else None,
            },
        )
    )
    audit.write_all(entries)
    return agreement


@cache
def _offer_status():
    return update(Offer.__table__).where(Offer.id == bindparam("offer")).values(status=bindparam("new_status"))


@cache
def _thread_agreed():
    return (
        update(Thread.__table__)
        .where(Thread.id == bindparam("thread"))
        .values(
            status="agreed",
            closed_at=bindparam("now"),
            updated_at=bindparam("now"),
            agreement_id=bindparam("agreement_ref"),
            invoice_id=bindparam("invoice_ref"),
        )
    )


def withdraw(actor, thread_id, data) -> Thread:
    thread, side = _my_thread_for_update(actor, thread_id, "withdraw")
    f = Fields(data)
    reason = f.text("reason", max_length=2000)
    f.done()
    thread.status, thread.close_reason, thread.closed_at = "withdrawn", reason, utcnow()
    for offer in thread.offers:
        if offer.status == "standing":
            offer.status = "withdrawn"
    audit.record(actor, "thread.withdrawn", "thread", thread.id, after={"side": side, "reason": reason})
    db.session.flush()
    return thread


def expire_offers() -> int:
    """Idempotent sweep of offers past their valid-until time (also checked at every accept)."""
    locks.take_write_lock()
    rows = db.session.scalars(
        select(Offer)
        .where(Offer.status == "standing", Offer.valid_until < utcnow())
        .with_for_update(of=Offer, skip_locked=True)
    ).all()
    for offer in rows:
        offer.status = "expired"
        audit.record(None, "offer.expired", "thread", offer.thread_id, after={"offer": offer.id})
    db.session.flush()
    return len(rows)


def threads_for(viewer, args, page: int, per_page: int) -> tuple[list[Thread], int]:
    access.signed_in(viewer)
    query = select(Thread)
    if viewer.role == "consumer":
        query = query.where(Thread.consumer_id == viewer.organisation_id)
    elif viewer.role not in access.OPERATOR_ROLES:
        raise Forbidden(_l("Your role may not do this."))
    status = args.get("status")
    if status:
        query = query.where(Thread.status == status)
    return page_of_query(query, page, per_page, Thread.updated_at.desc(), Thread.id.desc())


# --- `finance check`: what the database must show of negotiations -------------------------------


@checks.register
def one_agreement_per_thread() -> checks.Check:
    """A negotiation agrees once: one agreement per agreed thread (none for the others), at most
    one invoice. An agreement belongs to the thread it names, or to the thread of the offer it
    accepted (so agreements made twice before the thread was recorded on them are found too)."""
    agreements = db.session.execute(
        select(Agreement.id, Agreement.number, Agreement.thread_id, Agreement.snapshot)
    ).all()
    offer_ids = set()
    for row in agreements:
        offer = ((row.snapshot or {}).get("pricing_terms") or {}).get("offer")
        if row.thread_id is None and isinstance(offer, int):
            offer_ids.add(offer)
    thread_of_offer = (
        dict(db.session.execute(select(Offer.id, Offer.thread_id).where(Offer.id.in_(offer_ids))).all())
        if offer_ids
        else {}
    )
    by_thread: dict[int, list] = {}
    thread_of_agreement = {}
    for row in agreements:
        offer = ((row.snapshot or {}).get("pricing_terms") or {}).get("offer")
        thread_id = row.thread_id or thread_of_offer.get(offer)
        if thread_id is not None:
            by_thread.setdefault(thread_id, []).append(row.number)
            thread_of_agreement[row.id] = thread_id
    invoices_by_thread: dict[int, list] = {}
    for number, agreement_id in db.session.execute(select(Invoice.number, Invoice.agreement_id)):
        if agreement_id in thread_of_agreement:
            invoices_by_thread.setdefault(thread_of_agreement[agreement_id], []).append(number)
    problems = []
    for thread_id, status in db.session.execute(select(Thread.id, Thread.status)):
        made = by_thread.get(thread_id, [])
        if (len(made) != 1) if status == "agreed" else made:
            problems.append(f"negotiation {thread_id} ({status}): agreements {', '.join(made) or 'none'}")
        if len(invoices_by_thread.get(thread_id, [])) > 1:
            problems.append(f"negotiation {thread_id}: invoices {', '.join(invoices_by_thread[thread_id])}")
    return checks.Check(
        "one agreement and at most one invoice per negotiation", not problems, f"{len(by_thread)} agreed", problems[:20]
    )
