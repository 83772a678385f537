# ruff: noqa: F811  (the cast fixtures are imported by name)
"""`finance check` catches what a lost race leaves behind: a negotiation agreed twice (two agreements,
two invoices), and a payment whose refunded amount is not the sum of its refunds."""

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from core.extensions import db
from finance.models import Invoice, Payment, Refund
from finance.services import checks
from marketplace.models import Agreement
from pricing.services import negotiation
from tests.marketplace.conftest import cast, session_cast  # noqa: F401  (fixtures)
from tests.pricing.conftest import published_listing


def _agreed(cast):
    listing, _demand = published_listing(cast, category="SCJGJ-024")
    opened = cast.consumer.post(
        "/api/v1/negotiations", {"listing_id": listing["id"], "message": "报价", "amount": "300.00"}
    ).json
    accepted = cast.operator.post(
        f"/api/v1/negotiations/{opened['id']}/accept", {"offer_id": opened["standing_offer"]["id"]}
    )
    assert accepted.status_code == 200, accepted.json
    return opened, db.session.get(Agreement, accepted.json["agreement_id"])


def _problems(check, needle):
    return [p for p in check.problems if needle in p]


def test_a_negotiation_agreed_twice_fails_the_check(ctx, cast):
    opened, first = _agreed(cast)
    assert not _problems(negotiation.one_agreement_per_thread(), f"negotiation {opened['id']} ")
    # what a lost race left before migration 0005: a second agreement on the same accepted offer
    # (no thread recorded on it) with an invoice of its own
    double = Agreement(
        number="AG-RACE-DOUBLE",
        listing_id=first.listing_id,
        consumer_id=first.consumer_id,
        operator_id=first.operator_id,
        purpose=first.purpose,
        delivery_mode=first.delivery_mode,
        term_start=first.term_start,
        term_end=first.term_end,
        price=first.price,
        pricing_basis=first.pricing_basis,
        snapshot=first.snapshot,
    )
    db.session.add(double)
    db.session.flush()
    invoice = db.session.scalar(select(Invoice).where(Invoice.agreement_id == first.id))
    db.session.add(
        Invoice(
            number="INV-RACE-DOUBLE",
            year=invoice.year,
            agreement_id=double.id,
            seller_id=invoice.seller_id,
            buyer_id=invoice.buyer_id,
            buyer_name=invoice.buyer_name,
            buyer_credit_code=invoice.buyer_credit_code,
            net=invoice.net,
            vat=invoice.vat,
            total=invoice.total,
            vat_rate=invoice.vat_rate,
            due_on=invoice.due_on,
        )
    )
    db.session.flush()
    result = negotiation.one_agreement_per_thread()
    assert not result.ok
    # pricing's check is one of `finance check`'s (registered by pricing; finance does not import it)
    assert result.name in [c.name for c in checks.run_checks() if not c.ok]
    found = _problems(result, f"negotiation {opened['id']}")
    assert any("AG-RACE-DOUBLE" in p for p in found) and any("INV-RACE-DOUBLE" in p for p in found), found
    db.session.rollback()


def test_refunds_that_do_not_add_up_fail_the_check(ctx):
    payment = Payment(channel="bank", reference="RACE-CHECK-1", amount=Decimal("500.00"), received_on=date.today())
    db.session.add(payment)
    db.session.flush()
    db.session.add(
        Refund(payment_id=payment.id, reference="RACE-R1", amount=Decimal("200.00"), refunded_on=date.today())
    )
    payment.refunded = Decimal("200.00")
    db.session.flush()
    assert not _problems(checks.refunds_match_payments(), "RACE-CHECK-1")
    payment.refunded = Decimal("400.00")  # two refunds recorded as one, or one counted twice
    db.session.flush()
    result = checks.refunds_match_payments()
    assert not result.ok
    assert _problems(result, "RACE-CHECK-1") == [
        f"payment {payment.id} (RACE-CHECK-1): refunded 400.00, refunds add up to 200.00"
    ]
    db.session.rollback()
