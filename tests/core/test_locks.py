# ruff: noqa: F811  (the cast fixtures are imported by name)
"""The locking primitive and the constraints behind it, on whichever database the suite runs on:
lock() reads what another transaction committed since this one began reading; savepoints work; an
IntegrityError is a 409 in the contract's shape; the database refuses a second standing offer, a
second agreement for one negotiation, a second payment for one bank line and refunds above the
payment."""

import time
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import IntegrityError

from core import locks
from core.extensions import db
from core.sequences import Counter
from finance.models import Payment, Refund
from marketplace.models import Agreement
from pricing.models import Offer, Thread
from tests.conftest import make_app
from tests.marketplace.conftest import cast, session_cast  # noqa: F401  (fixtures)
from tests.pricing.conftest import published_listing


@pytest.fixture(scope="module")
def priced(app, session_cast):
    """One published listing for the module (its category is used by no other test)."""
    with app.app_context():
        listing, _demand = published_listing(session_cast, category="SCJGJ-023")
    return listing


def _opened_thread(cast, listing, amount="100.00"):
    opened = cast.consumer.post(
        "/api/v1/negotiations", {"listing_id": listing["id"], "message": "报价", "amount": amount}
    )
    assert opened.status_code == 201, opened.json
    return opened.json


def test_lock_reads_what_was_committed_after_this_transaction_began_reading(ctx, cast, priced, database_url):
    opened = _opened_thread(cast, priced)
    db.session.commit()
    thread = db.session.get(Thread, opened["id"])
    assert thread.close_reason == ""  # this transaction has read the row
    other = create_engine(database_url)
    with other.begin() as conn:  # another writer commits meanwhile
        conn.execute(text("UPDATE threads SET close_reason = 'changed' WHERE id = :id"), {"id": opened["id"]})
    other.dispose()
    locked = locks.lock(thread)
    assert locked.close_reason == "changed"
    locked.close_reason = ""  # and the lock lets this transaction write
    db.session.commit()


def test_the_write_lock_is_taken_once_and_kept(ctx):
    locks.take_write_lock()
    counter = Counter(kind="LOCKTEST", year=2001, value=1)
    db.session.add(counter)
    locks.take_write_lock()  # holding the lock already (and having written): nothing is lost
    assert counter in db.session
    assert db.session.scalar(select(Counter.value).where(Counter.kind == "LOCKTEST")) == 1
    db.session.rollback()


def test_savepoints_still_roll_back_alone(ctx):
    db.session.add(Counter(kind="SAVEPT", year=2001, value=1))
    db.session.flush()
    with pytest.raises(IntegrityError), db.session.begin_nested():
        db.session.add(Counter(kind="SAVEPT", year=2001, value=2))
    assert db.session.scalar(select(Counter.value).where(Counter.kind == "SAVEPT")) == 1
    db.session.rollback()


def test_sqlite_connections_use_wal_and_wait_for_the_lock(ctx):
    if db.engine.dialect.name != "sqlite":
        assert locks.BUSY_TIMEOUT_MS > 0  # PostgreSQL waits for row locks by itself
        return
    assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == locks.BUSY_TIMEOUT_MS


def test_an_integrity_error_is_a_409_in_the_contract_shape(database_url, workdir, app):
    probe = make_app(database_url, str(workdir / "index"))

    def twice():
        db.session.add_all([Counter(kind="DUP", year=2001), Counter(kind="DUP", year=2001)])
        db.session.flush()

    probe.add_url_rule("/api/v1/_probe/twice", "probe_twice", twice, methods=["POST"])
    probe.add_url_rule("/probe/twice", "probe_twice_page", twice, methods=["POST"])
    client = probe.test_client()
    answer = client.post("/api/v1/_probe/twice")
    assert answer.status_code == 409
    assert answer.json["error"]["code"] == "conflict" and answer.json["error"]["message"]
    page = client.post("/probe/twice")
    assert page.status_code == 409 and b"<html" in page.data.lower()


def test_a_thread_has_at_most_one_standing_offer(ctx, cast, priced):
    opened = _opened_thread(cast, priced)
    db.session.add(
        Offer(
            thread_id=opened["id"],
            side="operator",
            made_by_id=cast.operator.user_id,
            amount=Decimal("90.00"),
            pricing_basis="per_product",
            valid_until=date.today() + timedelta(days=7),
            status="standing",
        )
    )
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_a_negotiation_agrees_once(ctx, cast, priced):
    opened = _opened_thread(cast, priced)
    accepted = cast.operator.post(
        f"/api/v1/negotiations/{opened['id']}/accept", {"offer_id": opened["standing_offer"]["id"]}
    )
    assert accepted.status_code == 200, accepted.json
    first = db.session.get(Agreement, accepted.json["agreement_id"])
    assert first.thread_id == opened["id"]
    db.session.add(
        Agreement(
            number="AG-TEST-DOUBLE",
            thread_id=opened["id"],
            listing_id=first.listing_id,
            consumer_id=first.consumer_id,
            operator_id=first.operator_id,
            purpose=first.purpose,
            delivery_mode=first.delivery_mode,
            term_start=first.term_start,
            term_end=first.term_end,
            price=first.price,
            pricing_basis=first.pricing_basis,
        )
    )
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def _payment(amount="100.00", **over):
    payment = Payment(
        channel="bank",
        reference=f"LOCKTEST-{over.pop('n', 1)}",
        amount=Decimal(amount),
        received_on=date.today(),
        **over,
    )
    db.session.add(payment)
    db.session.flush()
    return payment


def test_refunds_never_exceed_the_payment_in_the_database(ctx):
    payment = _payment()
    payment.refunded = Decimal("100.01")
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()

    payment = _payment()
    db.session.add(Refund(payment_id=payment.id, reference="LT-R1", amount=Decimal("60.00"), refunded_on=date.today()))
    db.session.flush()
    db.session.add(Refund(payment_id=payment.id, reference="LT-R2", amount=Decimal("40.00"), refunded_on=date.today()))
    db.session.flush()  # exactly the payment: allowed
    db.session.add(Refund(payment_id=payment.id, reference="LT-R3", amount=Decimal("0.01"), refunded_on=date.today()))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_a_bank_line_pays_once(ctx):
    _payment(n=1, statement_line_id=987654321)
    _payment(n=2, statement_line_id=None)
    _payment(n=3, statement_line_id=None)  # card payments have no line: any number of them
    db.session.add(
        Payment(channel="bank", reference="LOCKTEST-4", amount=1, received_on=date.today(), statement_line_id=987654321)
    )
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_only_the_app_s_sqlite_engines_carry_the_transaction_listeners(ctx):
    """On SQLite the app's engine begins its transactions itself (core.locks.watch); a PostgreSQL
    engine carries none of these connection-event listeners, so SQLAlchemy need not dispatch them at
    each of its statements."""
    from sqlalchemy import event

    sqlite = db.engine.dialect.name == "sqlite"
    assert event.contains(db.engine, "begin", locks._sqlite_begin) is sqlite
    assert event.contains(db.engine, "after_cursor_execute", locks._sqlite_note_write) is sqlite
    assert event.contains(db.engine, "connect", locks._we_begin) is sqlite
    assert event.contains(db.engine, "before_cursor_execute", locks._sqlite_announce_write) is sqlite


@pytest.mark.parametrize("how", ["immediate", "deferred"])
def test_a_writer_waiting_for_the_sqlite_write_lock_is_seen_in_the_waiting_room(ctx, database_url, how):
    """SQLite: while a transaction waits for the write lock — begun IMMEDIATE (a writing request,
    take_write_lock) or DEFERRED, at its first write — it holds the database's waiting room, so a
    long writer pausing between its steps (a statement's import) sees that someone waits; once it
    has the lock, it has left the room. PostgreSQL has no room (WaitingRoom() is None)."""
    import threading

    from core.audit import AuditEntry

    with locks.WaitingRoom(db.session) as room:
        if db.engine.dialect.name != "sqlite":
            assert room is None
            return
        assert room is not None and not room.waiting()
        holder = create_engine(database_url, connect_args={"isolation_level": None})
        with holder.connect() as conn:
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # another process holds the write lock
            done, failed = threading.Event(), []

            def write():
                app = ctx
                with app.app_context():
                    try:
                        if how == "immediate":
                            locks.take_write_lock()
                        db.session.execute(
                            AuditEntry.__table__.insert().values(
                                at=db.func.current_timestamp(), action="locks.room", object_type="test", object_id="1"
                            )
                        )
                        db.session.commit()
                    except Exception as exc:  # pragma: no cover (reported below)
                        failed.append(exc)
                    finally:
                        db.session.remove()
                        done.set()

            writer = threading.Thread(target=write)
            writer.start()
            deadline = time.monotonic() + 5
            while not room.waiting() and time.monotonic() < deadline:
                time.sleep(0.005)
            assert room.waiting(), "the waiting writer is not in the room"
            assert not done.is_set()
            conn.exec_driver_sql("COMMIT")  # the lock is free: the writer takes it and leaves the room
            assert room.let_in(5) < 5
            writer.join(10)
        holder.dispose()
        assert done.is_set() and not failed, failed
        assert not room.waiting()
