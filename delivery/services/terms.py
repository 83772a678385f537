"""The agreed terms, enforced at every call: who may use an agreement, its ledger (quota used,
privacy budget spent, the keys of its tokens and export marks), and termination.

Counters change only by conditional UPDATEs (… SET used = used + n WHERE used + n <= limit … RETURNING
the counters; no row: refused): the database serialises them, so twenty parallel calls can never overspend,
on PostgreSQL or SQLite alike, and the spend survives restarts."""

import functools
import secrets
from collections.abc import Callable
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError

from core import audit, locks, uow
from core.errors import Conflict, Forbidden
from core.extensions import db
from core.inputs import object_id
from core.timeutil import utcnow
from delivery.gateway import engine
from delivery.models import AgreementLedger, CategoryPolicy, ExportRequest
from delivery.states import EXPORT
from marketplace.models import Agreement, Authorisation, agreement_authorisations
from marketplace.services import access
from marketplace.services.agreements import NOT_FOUND, lapsed, party_of, visible_agreement
from marketplace.services.validation import Fields
from marketplace.states import AGREEMENT

TERMINATORS = ("operator", "admin", "coordinator")


def limits_from_terms(agreement: Agreement) -> tuple[int | None, int | None]:
    """(calls, rows) the agreed terms allow: per call → calls, per volume → rows, otherwise the term."""
    terms = (agreement.snapshot or {}).get("pricing_terms") or {}
    quantity = terms.get("quantity")
    basis = terms.get("basis") or agreement.pricing_basis
    if not quantity:
        return None, None
    if basis == "per_call":
        return int(quantity), None
    if basis == "per_volume":
        return None, int(quantity)
    return None, None


def ledger(agreement: Agreement) -> AgreementLedger:
    """The agreement's ledger, made by the first call that needs it (a write: callers are writing requests)."""
    found = _stored_ledger(agreement)
    if found is not None:
        return found
    try:
        with db.session.begin_nested():
            db.session.add(_fresh_ledger(agreement))
    except IntegrityError:  # another request made it first (its savepoint is rolled back, not the unit)
        pass
    return _stored_ledger(agreement)


def current_ledger(agreement: Agreement) -> AgreementLedger:
    """What the agreement has used, for a page (a read, so it never writes): the stored ledger or,
    before the first call has made it, the one that call will make — not stored."""
    return _stored_ledger(agreement) or _fresh_ledger(agreement)


def _stored_ledger(agreement: Agreement) -> AgreementLedger | None:
    return db.session.scalar(select(AgreementLedger).where(AgreementLedger.agreement_id == agreement.id))


def _fresh_ledger(agreement: Agreement) -> AgreementLedger:
    calls, rows = limits_from_terms(agreement)
    budgets = [
        p.epsilon_budget
        for p in db.session.scalars(
            select(CategoryPolicy).where(
                CategoryPolicy.category_id.in_([c.id for c in agreement.listing.categories]),
                CategoryPolicy.epsilon_budget.is_not(None),
            )
        )
    ]
    return AgreementLedger(
        agreement_id=agreement.id,
        calls_used=0,
        calls_limit=calls,
        rows_used=0,
        rows_limit=rows,
        epsilon_budget=min(budgets) if budgets else None,
        epsilon_spent=0.0,
        secret=secrets.token_hex(32),
    )


def set_limits(actor, agreement_id, *, calls=None, rows=None, epsilon_budget=None) -> AgreementLedger:
    """The operator or the department records limits the terms set (tests and the steward's page)."""
    agreement = visible_agreement(actor, agreement_id)
    if not (actor.role in access.OPERATOR_ROLES or party_of(actor, agreement) == "department"):
        raise Forbidden(_l("Your role may not do this."))
    entry = ledger(agreement)
    entry.calls_limit, entry.rows_limit, entry.epsilon_budget = calls, rows, epsilon_budget
    audit.record(
        actor,
        "agreement.limits",
        "agreement",
        agreement.number,
        after={"calls": calls, "rows": rows, "epsilon": epsilon_budget},
    )
    db.session.flush()
    return entry


def usable(actor, agreement_id) -> Agreement:
    """The agreement, if the actor is its enterprise and it is in force today (checked at every call)."""
    agreement = visible_agreement(actor, agreement_id)
    if party_of(actor, agreement) != "consumer":
        if actor.role == "consumer":
            raise access.NotFound(NOT_FOUND)
        raise Forbidden(_l("Only the enterprise of the agreement uses the data."))
    access.require_verified(actor)
    db.session.refresh(agreement)
    if agreement.status != "active":
        raise Conflict(_l("Access has ended: the agreement is %(state)s.", state=AGREEMENT.label(agreement.status)))
    if lapsed(agreement):  # past its term or its authorisation; the scheduled sweep records it, not a read
        raise Conflict(_l("Access has ended: the agreement is %(state)s.", state=AGREEMENT.label("expired")))
    return agreement


def in_force_check(agreement_id: int) -> Callable[[], bool]:
    """For the engine's watchdog while a query runs: is the agreement still active? One small read on
    a pooled connection of its own (the watchdog's thread has no session), so a termination served
    by any worker or machine is seen within one poll."""
    bind = db.engine
    statement, params = _statements()["status"], {"agreement_id": agreement_id}

    def still_in_force() -> bool:
        with bind.connect() as connection:
            return connection.execute(statement, params).scalar() == "active"

    return still_in_force


# The gateway's own path: one read of the agreement with its ledger, one conditional UPDATE that
# takes the call (and ε) with RETURNING, one that settles the rows beside the usage row. The
# statements are built once (bound parameters) and run on the session's connection: building and
# compiling them per call cost more than running them.

COUNTERS = (
    AgreementLedger.id,
    AgreementLedger.calls_used,
    AgreementLedger.calls_limit,
    AgreementLedger.rows_used,
    AgreementLedger.rows_limit,
    AgreementLedger.epsilon_spent,
    AgreementLedger.epsilon_budget,
)


@functools.cache
def _statements() -> dict:
    lapsed_authorisation = (
        select(1)
        .select_from(agreement_authorisations.join(Authorisation))
        .where(
            agreement_authorisations.c.agreement_id == Agreement.id,
            (Authorisation.status != "granted")
            | (Authorisation.expires_on.is_not(None) & (Authorisation.expires_on < bindparam("today"))),
        )
        .exists()
    )
    in_use = (
        select(
            Agreement.id,
            Agreement.consumer_id,
            Agreement.listing_id,
            Agreement.delivery_mode,
            Agreement.status,
            Agreement.term_end,
            Agreement.snapshot,
            AgreementLedger.secret,
            lapsed_authorisation.label("authorisation_lapsed"),
            *COUNTERS[1:],
            AgreementLedger.id.label("ledger_id"),
        )
        .outerjoin(AgreementLedger, AgreementLedger.agreement_id == Agreement.id)
        .where(Agreement.id == bindparam("agreement_id"))
    )
    ledger = AgreementLedger.__table__
    quota_left = (ledger.c.calls_limit.is_(None) | (ledger.c.calls_used < ledger.c.calls_limit)) & (
        ledger.c.rows_limit.is_(None) | (ledger.c.rows_used < ledger.c.rows_limit)
    )
    take = update(ledger).where(ledger.c.id == bindparam("ledger_id"), quota_left)
    take_call = take.values(calls_used=ledger.c.calls_used + 1).returning(*COUNTERS)
    take_epsilon = (
        take.where(
            ledger.c.epsilon_budget.is_not(None),
            ledger.c.epsilon_spent + bindparam("epsilon") <= ledger.c.epsilon_budget + 1e-9,
        )
        .values(calls_used=ledger.c.calls_used + 1, epsilon_spent=ledger.c.epsilon_spent + bindparam("epsilon"))
        .returning(*COUNTERS)
    )
    settle = (
        update(ledger)
        .where(ledger.c.id == bindparam("ledger_id"))
        .values(rows_used=ledger.c.rows_used + bindparam("rows"))
        .returning(*COUNTERS)
    )
    counters = select(*COUNTERS).where(AgreementLedger.id == bindparam("ledger_id"))
    return {
        "status": select(Agreement.status).where(Agreement.id == bindparam("agreement_id")),
        "in_use": in_use,
        "take_call": take_call,
        "take_epsilon": take_epsilon,
        "settle": settle,
        "counters": counters,
    }


def _run(name: str, **params):
    return db.session.connection().execute(_statements()[name], params).first()


def in_use(actor, agreement_id):
    """The agreement in one statement, if the actor is its enterprise: (row, lapsed), the row holding
    the agreement's columns the gateway needs and its ledger's (None before the first call). Anyone
    else, or no such agreement: what usable() raises (404/403). Status and term are the caller's
    to check, so a refusal can be logged."""
    access.signed_in(actor)
    try:
        key = object_id(agreement_id)
    except ValueError:
        key = None
    row = None
    today = date.today()
    if key is not None and actor.role == "consumer" and actor.organisation_id is not None:
        row = _run("in_use", agreement_id=key, today=today)
    if row is None or row.consumer_id != actor.organisation_id:
        usable(actor, agreement_id)  # raises: not the enterprise's (404), or not a consumer (403)
        raise access.NotFound(NOT_FOUND)  # pragma: no cover — usable() always raises here
    access.require_verified(actor)
    lapsed_now = row.authorisation_lapsed or row.term_end is not None and row.term_end < today
    return row, bool(lapsed_now)


def refusal(status: str, lapsed_now: bool):
    """The Conflict a call meets when the agreement is not in force, else None."""
    if status != "active":
        return Conflict(_l("Access has ended: the agreement is %(state)s.", state=AGREEMENT.label(status)))
    if lapsed_now:
        return Conflict(_l("Access has ended: the agreement is %(state)s.", state=AGREEMENT.label("expired")))
    return None


def charge(ledger_id: int, epsilon: float = 0.0):
    """Take one call (and ε, if any) in one conditional UPDATE: the counters after it, or None when
    the quota (calls, or rows already used) or the budget cannot cover it. The database serialises
    it (PostgreSQL's row lock; SQLite's write lock, taken first), so no parallel call overspends."""
    locks.take_write_lock()
    if epsilon:
        return _run("take_epsilon", ledger_id=ledger_id, epsilon=epsilon)
    return _run("take_call", ledger_id=ledger_id)


def counters(ledger_id: int):
    return _run("counters", ledger_id=ledger_id)


def quota_used_up(row) -> bool:
    calls = row.calls_limit is not None and row.calls_used >= row.calls_limit
    return calls or row.rows_limit is not None and row.rows_used >= row.rows_limit


def settle(ledger_id: int, rows: int):
    """Count the rows an answer returned (in the transaction that logs the call); the counters after."""
    locks.take_write_lock()
    return _run("settle", ledger_id=ledger_id, rows=rows)


def quota(entry: AgreementLedger) -> dict:
    if entry.rows_limit is not None:
        return {"used": entry.rows_used, "limit": entry.rows_limit, "unit": "rows"}
    return {"used": entry.calls_used, "limit": entry.calls_limit, "unit": "calls"}


def privacy(entry: AgreementLedger) -> dict | None:
    if entry.epsilon_budget is None:
        return None
    return {
        "epsilon_spent": round(entry.epsilon_spent, 6),
        "epsilon_remaining": round(max(0.0, entry.epsilon_budget - entry.epsilon_spent), 6),
        "epsilon_budget": entry.epsilon_budget,
    }


def terminate(actor, agreement_id, data: dict) -> Agreement:
    """End one agreement now (its department's steward, the operator, the coordinator): the next call
    is refused, queries running for it are interrupted, its export links die."""
    agreement = visible_agreement(actor, agreement_id)
    if not (actor.role in TERMINATORS or party_of(actor, agreement) == "department"):
        raise Forbidden(_l("Only the department, the operator or the coordinator may terminate an agreement."))
    f = Fields(data)
    reason = f.text("reason", max_length=2000)
    f.done()
    agreement = access.load_for_update(Agreement, agreement.id, NOT_FOUND)
    before = {"status": agreement.status}
    agreement.status = AGREEMENT.check("terminate", agreement.status, "system")
    agreement.end_reason, agreement.ended_at = reason, utcnow()
    audit.record(
        actor,
        "agreement.terminated",
        "agreement",
        agreement.number,
        before=before,
        after={"status": agreement.status, "reason": reason},
    )
    db.session.execute(
        update(ExportRequest)
        .where(
            ExportRequest.agreement_id == agreement.id,
            ExportRequest.status.in_(EXPORT.transition("revoke").sources),
        )
        .values(status="revoked", downloads_left=0)
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
    agreement_id = agreement.id
    uow.after_commit(lambda: engine.interrupt(agreement_id))  # a query running here stops once it stands
    return agreement
