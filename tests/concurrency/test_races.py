"""Races through the served site (gunicorn, 2 workers) on whichever database the suite runs on:
SQLite by default, PostgreSQL when DATABASE_URL says so. Nothing here skips. Each case runs three
times; every decision that must see the state before it is taken exactly once."""

import itertools
import threading
import time
from collections import Counter
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from accounts.models import User
from core import locks, uow
from core.audit import AuditEntry
from core.extensions import db
from core.money import from_db
from finance import periods
from finance.models import Invoice, Payment, Refund, StatementLine
from finance.periods import today
from finance.services import checks, statements
from marketplace.models import Agreement, AgreementSignature
from pricing.models import Offer
from tests.marketplace.conftest import walk_to_approved
from tests.pricing.conftest import published_listing

TRIALS = 3
# conditionally open, sellable categories of the cast steward's department, one per listing
_category = iter(
    [
        "SCJGJ-001",
        "SCJGJ-002",
        "SCJGJ-009",
        "SCJGJ-013",
        "SCJGJ-014",
        "SCJGJ-015",
        "SCJGJ-017",
        "SCJGJ-003",
        "SCJGJ-012",
    ]
)


def _listing(site, cap="50000.00", guide="45600.00"):
    """A published listing on a SCJGJ category of its own (granted by the cast's steward)."""
    listing, _demand = published_listing(site.cast, category=next(_category), cap=cap, guide=guide)
    return listing


def _open(site, listing, amount="1234.56"):
    opened = site.cast.consumer.post(
        "/api/v1/negotiations", {"listing_id": listing["id"], "message": "报价", "amount": amount}
    )
    assert opened.status_code == 201, opened.json
    return opened.json


def _statuses(outcomes):
    return Counter(status for status, _body in outcomes)


def _failed_checks(site):
    with site.app.app_context():
        failed = [(c.name, c.problems) for c in checks.run_checks() if not c.ok]
        db.session.remove()
    return failed


def _count(site, query):
    with site.app.app_context():
        value = db.session.scalar(query)
        db.session.remove()
    return value


def _agreements_on(listing_id):
    return select(func.count()).select_from(Agreement).where(Agreement.listing_id == listing_id)


def _invoices_on(listing_id):
    return (
        select(func.count())
        .select_from(Invoice)
        .join(Agreement, Agreement.id == Invoice.agreement_id)
        .where(Agreement.listing_id == listing_id)
    )


def test_twenty_concurrent_accepts_of_one_offer_agree_once(site):
    cast = site.cast
    listing = _listing(site)
    for trial in range(TRIALS):
        thread = _open(site, listing)
        agreements_before = _count(site, _agreements_on(listing["id"]))
        invoices_before = _count(site, _invoices_on(listing["id"]))
        offer = {"offer_id": thread["standing_offer"]["id"]}
        outcomes = site.race(
            [
                ("POST", f"/api/v1/negotiations/{thread['id']}/accept", (cast.operator, cast.admin)[n % 2], offer)
                for n in range(20)
            ]
        )
        agreements = _count(site, _agreements_on(listing["id"])) - agreements_before
        invoices = _count(site, _invoices_on(listing["id"])) - invoices_before
        site.note("20 accepts of one offer", trial, outcomes, agreements=agreements, invoices=invoices)
        site.expect(_statuses(outcomes) == {200: 1, 409: 19}, _statuses(outcomes), trial)
        site.expect((agreements, invoices) == (1, 1), {"agreements": agreements, "invoices": invoices}, trial)
        after = cast.consumer.get(f"/api/v1/negotiations/{thread['id']}").json
        site.expect(after["status"] == "agreed" and after["invoice_number"], after["status"], trial)
        conflicts = [body["error"]["code"] for status, body in outcomes if status == 409]
        site.expect(set(conflicts) <= {"conflict"}, conflicts, trial)
    failed = _failed_checks(site)
    site.expect(not failed, failed, TRIALS - 1)
    site.settle()


def test_concurrent_agreements_get_gapless_invoice_numbers(site):
    cast = site.cast
    listing = _listing(site)
    for trial in range(TRIALS):
        threads = [_open(site, listing, amount=f"{100 + n}.00") for n in range(10)]
        outcomes = site.race(
            [
                (
                    "POST",
                    f"/api/v1/negotiations/{t['id']}/accept",
                    cast.operator,
                    {"offer_id": t["standing_offer"]["id"]},
                )
                for t in threads
            ]
        )
        with site.app.app_context():
            numbers = list(db.session.scalars(select(Invoice.number).where(Invoice.year == date.today().year)))
            db.session.remove()
        serials = sorted(int(n.rsplit("-", 1)[1]) for n in numbers)
        gapless = serials == list(range(1, len(serials) + 1))
        site.note("10 accepts on 10 negotiations", trial, outcomes, invoices=len(serials), gapless=gapless)
        site.expect(_statuses(outcomes) == {200: 10}, _statuses(outcomes), trial)
        site.expect(gapless, "a gap or a duplicate in the invoice numbers", trial)
    site.settle()


def test_twenty_concurrent_offers_stay_within_the_rounds_and_leave_one_standing(site):
    cast = site.cast
    listing = _listing(site)
    cap = 20  # NEGOTIATION_MAX_ROUNDS, the default the served site runs with
    for trial in range(TRIALS):
        thread = _open(site, listing)  # round 1: the consumer's opening offer
        outcomes = site.race(
            [
                (
                    "POST",
                    f"/api/v1/negotiations/{thread['id']}/offers",
                    (cast.operator, cast.consumer)[n % 2],
                    {"amount": f"{1000 + n}.00"},
                )
                for n in range(20)
            ]
        )
        rounds = _count(site, select(func.count()).select_from(Offer).where(Offer.thread_id == thread["id"]))
        standing = _count(
            site,
            select(func.count()).select_from(Offer).where(Offer.thread_id == thread["id"], Offer.status == "standing"),
        )
        site.note("20 offers on one negotiation", trial, outcomes, rounds=rounds, standing=standing)
        site.expect(_statuses(outcomes) == {201: cap - 1, 409: 21 - cap}, _statuses(outcomes), trial)
        site.expect(rounds == cap and standing == 1, (rounds, standing), trial)
    site.settle()


def test_the_same_party_signing_at_once_signs_once(site):
    cast = site.cast
    listing = _listing(site)
    for trial in range(TRIALS):
        thread = _open(site, listing)
        accepted = cast.operator.post(
            f"/api/v1/negotiations/{thread['id']}/accept", {"offer_id": thread["standing_offer"]["id"]}
        )
        assert accepted.status_code == 200, accepted.json
        agreement_id = accepted.json["agreement_id"]
        outcomes = site.race([("POST", f"/api/v1/agreements/{agreement_id}/sign", cast.consumer, {})] * 12)
        signatures = _count(
            site,
            select(func.count())
            .select_from(AgreementSignature)
            .where(
                AgreementSignature.agreement_id == agreement_id,
                AgreementSignature.organisation_id == cast.consumer.org_id,
            ),
        )
        site.note("12 signatures by one party", trial, outcomes, signatures=signatures)
        site.expect(_statuses(outcomes) == {200: 1, 409: 11}, _statuses(outcomes), trial)
        site.expect(signatures == 1, {"signatures": signatures}, trial)
    site.settle()


def test_concurrent_decisions_on_one_authorisation_decide_once(site):
    cast = site.cast
    for trial in range(TRIALS):
        demand, _item, _list = walk_to_approved(site.cast, categories=[("SCJGJ-018", "SCJGJ-022", "SCJGJ-025")[trial]])
        (authorisation,) = demand["authorisations"]
        assert authorisation["status"] == "pending"
        grant = {
            "purpose": "企业信用核验",
            "delivery_modes": ["usable_invisible"],
            "expires_on": date(date.today().year + 1, 12, 31).isoformat(),
            "security_measures": "隐私计算环境内使用",
        }
        path = f"/api/v1/authorisations/{authorisation['id']}"
        outcomes = site.race(
            [("POST", path + "/grant", cast.steward, grant) for _ in range(6)]
            + [("POST", path + "/refuse", cast.steward, {"reason": "不符合开放条件"}) for _ in range(6)]
        )
        decisions = _count(
            site,
            select(func.count())
            .select_from(AuditEntry)
            .where(
                AuditEntry.object_type == "authorisation",
                AuditEntry.object_id == str(authorisation["id"]),
                AuditEntry.action.in_(("authorisation.granted", "authorisation.refused")),
            ),
        )
        site.note("6 grants + 6 refusals of one authorisation", trial, outcomes, decisions=decisions)
        site.expect(_statuses(outcomes) == {200: 1, 409: 11}, _statuses(outcomes), trial)
        site.expect(decisions == 1, {"decisions": decisions}, trial)
    site.settle()


def _paid_invoice(site, listing, amount):
    """An invoice of amount, paid in full by a bank line naming it: (invoice number, payment id)."""
    thread = _open(site, listing, amount=amount)
    accepted = site.cast.operator.post(
        f"/api/v1/negotiations/{thread['id']}/accept", {"offer_id": thread["standing_offer"]["id"]}
    )
    number = accepted.json["invoice_number"]
    line = (today().isoformat(), amount, "成都付款企业有限公司", "6222000011112222", f"支付{number}数据服务费")
    _import(site, [line])
    with site.app.app_context():
        payment_id = db.session.scalar(
            select(Payment.id).join(Invoice, Invoice.id == Payment.invoice_id).where(Invoice.number == number)
        )
        db.session.remove()
    return number, payment_id


_statement = itertools.count(1)


def _import(site, rows):
    header = "交易日期,交易金额,对方户名,对方账号,附言"
    raw = "\r\n".join([header, *(",".join(r) for r in rows)]) + "\r\n"
    with site.app.app_context():
        finance = db.session.get(User, site.cast.finance.user_id)
        with uow.unit():  # the test is the edge, as `flask finance import` is
            statement, _duplicate = statements.import_statement(finance, "race.csv", raw.encode())
        statement_id = statement.id
        db.session.remove()
    return statement_id


def test_concurrent_refunds_never_give_back_more_than_was_paid(site):
    cast = site.cast
    listing = _listing(site)
    for trial in range(TRIALS):
        _number, payment_id = _paid_invoice(site, listing, "45600.00")
        outcomes = site.race(
            [
                (
                    "POST",
                    f"/api/v1/finance/payments/{payment_id}/refunds",
                    cast.finance,
                    {"amount": "10000.00", "refunded_on": today().isoformat(), "reference": f"RF-{trial}-{n}"},
                )
                for n in range(8)
            ]
        )
        statuses = _statuses(outcomes)
        with site.app.app_context():
            refunded = from_db(db.session.get(Payment, payment_id).refunded)
            refunds = from_db(db.session.scalar(select(func.sum(Refund.amount)).where(Refund.payment_id == payment_id)))
            failed = [c.name for c in checks.run_checks() if not c.ok]
            db.session.remove()
        site.note(
            "8 refunds of 10,000.00 on a 45,600.00 payment",
            trial,
            outcomes,
            refunded=refunded,
            refunds=refunds,
            finance_check="ok" if not failed else f"fails {failed}",
        )
        site.expect(statuses[201] == 4 and statuses[201] + statuses[400] == 8, statuses, trial)
        site.expect(refunded == refunds == Decimal("40000.00"), {"refunded": refunded, "refunds": refunds}, trial)
        site.expect(not failed, failed, trial)
    site.settle()


def test_concurrent_manual_matches_of_one_line_match_once(site):
    cast = site.cast
    listing = _listing(site)
    for trial in range(TRIALS):
        thread = _open(site, listing, amount="2000.00")
        accepted = cast.operator.post(
            f"/api/v1/negotiations/{thread['id']}/accept", {"offer_id": thread["standing_offer"]["id"]}
        )
        number = accepted.json["invoice_number"]
        statement_id = _import(
            site, [(today().isoformat(), "2000.00", "某个人", "6222000077778888", f"咨询 {next(_statement)}")]
        )
        with site.app.app_context():
            line_id = db.session.scalar(select(StatementLine.id).where(StatementLine.statement_id == statement_id))
            db.session.remove()
        outcomes = site.race(
            [("POST", f"/api/v1/finance/statement-lines/{line_id}/match", cast.finance, {"invoice_number": number})]
            * 10
        )
        payments = _count(site, select(func.count()).select_from(Payment).where(Payment.statement_line_id == line_id))
        site.note("10 manual matches of one bank line", trial, outcomes, payments=payments)
        site.expect(_statuses(outcomes) == {200: 1, 409: 9}, _statuses(outcomes), trial)
        site.expect(payments == 1, {"payments": payments}, trial)
        failed = _failed_checks(site)
        site.expect(not failed, failed, trial)
    site.settle()


def test_concurrent_voids_of_one_invoice_void_it_once(site):
    cast = site.cast
    listing = _listing(site)
    for trial in range(TRIALS):
        thread = _open(site, listing, amount="800.00")
        accepted = cast.operator.post(
            f"/api/v1/negotiations/{thread['id']}/accept", {"offer_id": thread["standing_offer"]["id"]}
        )
        number = accepted.json["invoice_number"]
        outcomes = site.race([("POST", f"/api/v1/invoices/{number}/void", cast.finance, {"reason": "开票有误"})] * 8)
        voids = _count(
            site,
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "invoice.voided", AuditEntry.object_id == number),
        )
        failed = _failed_checks(site)
        site.note("8 voids of one invoice", trial, outcomes, voids=voids, finance_check="ok" if not failed else "fails")
        site.expect(_statuses(outcomes) == {200: 1, 409: 7}, _statuses(outcomes), trial)
        site.expect(voids == 1, {"voids": voids}, trial)
        site.expect(not failed, failed, trial)
    site.settle()


def test_concurrent_closes_of_one_month_close_it_once(site):
    cast = site.cast
    months = periods.months_back(periods.previous_month(periods.month_of(today())), TRIALS)
    for trial, month in enumerate(months):
        outcomes = site.race([("POST", f"/api/v1/finance/months/{month}/close", cast.finance, {})] * 8)
        closings = _count(
            site,
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "period.closed", AuditEntry.object_id == month),
        )
        site.note(f"8 closes of {month}", trial, outcomes, closings=closings)
        site.expect(_statuses(outcomes) == {200: 1, 409: 7}, _statuses(outcomes), trial)
        site.expect(closings == 1, {"closings": closings}, trial)
    site.settle()


def test_concurrent_first_postings_into_a_new_month_each_find_its_row(site):
    """A month's row is made by its first posting: a second posting that comes while the first has
    made it and not yet committed waits, then finds that row (it once failed on the month's key)."""
    for trial, month in enumerate(f"2098-{n:02d}" for n in range(1, TRIALS + 1)):
        made, found, errors = threading.Event(), [], []

        def first(month=month, made=made, errors=errors):
            with site.app.app_context():
                try:
                    locks.take_write_lock()
                    periods.period_row(month, lock=True)
                    made.set()
                    time.sleep(0.3)  # the second one reaches the month meanwhile
                    db.session.commit()
                except Exception as exc:  # noqa: BLE001 - recorded and asserted below
                    errors.append(repr(exc))
                    db.session.rollback()
                finally:
                    made.set()

        def second(month=month, made=made, found=found, errors=errors):
            made.wait(30)
            with site.app.app_context():
                try:
                    locks.take_write_lock()
                    found.append(periods.period_row(month, lock=True).status)
                    db.session.commit()
                except Exception as exc:  # noqa: BLE001 - recorded and asserted below
                    errors.append(repr(exc))
                    db.session.rollback()

        threads = [threading.Thread(target=first), threading.Thread(target=second)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        rows = _count(site, select(func.count()).select_from(periods.Period).where(periods.Period.month == month))
        site.note(f"2 first postings into {month}", trial, [], rows=rows, errors=len(errors))
        site.expect(not errors and found == ["open"] and rows == 1, {"errors": errors, "found": found}, trial)
    site.settle()
