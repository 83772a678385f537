"""Bank transfers (对公转账): statements imported, lines matched to open invoices, the rest queued.

Matching is set-based SQL over the whole statement (a million lines import in seconds): first the
invoice number found in the remark (附言), then payer name and exact amount owed, pairing the k-th
such line with the k-th such invoice by due date. The money arithmetic of the matched lines (partial
payments, overpayments kept as the customer's credit, the VAT-excluded part, the invoice's and the
line's status) is then one pass in Python through finance.money_rules — the same functions a single
payment goes through — and everything is written back in bulk. Re-importing a statement,
or a line already imported from another statement, changes nothing: each line has a fingerprint."""

import contextlib
import hashlib
import logging
import os
import re
import shutil
import subprocess  # nosec B404: the interpreter running this, on a script of this package (finance/beside.py)
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    BigInteger,
    String,
    and_,
    bindparam,
    case,
    cast,
    delete,
    false,
    func,
    or_,
    select,
    type_coerce,
    update,
)

from core import audit, jobs, limits, locks, uow
from core.errors import Conflict, NotFound, ValidationError
from core.extensions import db
from core.jobs import Job
from core.money import from_db, from_fen
from core.paging import page_of_query
from core.timeutil import utcnow
from finance import beside, bulk, periods
from finance import money_rules as rules
from finance.bank_csv import (
    StatementError,
    check_field_sizes,
    check_header,
    find_invoice_number,
    read,
)
from finance.ledger import ZERO, balance, post, receipt_lines
from finance.models import Allocation, BankStatement, Invoice, Payment, StatementLine
from finance.services import FINANCE, payments
from marketplace.services import access

PAYMENT_COLUMNS = (
    "channel",
    "reference",
    "organisation_id",
    "invoice_id",
    "amount",
    "applied",
    "credited",
    "fee",
    "refunded",
    "credit_refunded",
    "received_on",
    "payer_name",
    "payer_account",
    "matched_by",
    "statement_line_id",
    "created_at",
)
# the columns each line is staged with (besides its statement and its applied and credited nought):
# those the helper process writes for the settled lines, and the outcome's two
STAGED_COLUMNS = (*beside.COLUMNS, "matched_by", "invoice_id")
log = logging.getLogger(__name__)
# statements whose lines are seen (the queue, the checks): not those still being imported
IMPORTED = select(BankStatement.id).where(BankStatement.status == "imported")


# Rows written per transaction while a statement is staged: on SQLite each chunk holds the write
# lock for a small fraction of a second, so other writers (a message, an offer) get through.
CHUNK_LINES = 10_000
STAGED_IN_CHUNKS = "a statement is staged (or discarded) in chunks, each its own short transaction"


class _Checkpoints:
    """Where a long import records how far it is (a job's progress) and commits its chunk."""

    def __init__(self, job=None, timings: dict | None = None):
        self.job = job
        self.timings = timings

    def took(self, phase: str, started: float) -> None:
        """Record the seconds a phase (parse, stage, match, post) took since started, if asked to."""
        if self.timings is not None:
            self.timings[phase] = round(self.timings.get(phase, 0) + time.perf_counter() - started, 3)

    def __call__(self, fraction: float) -> None:
        if self.job is not None:
            self.job.progress(fraction)
        else:
            uow.commit_now(STAGED_IN_CHUNKS)


def import_statement(
    actor, filename: str, raw: bytes, job=None, timings: dict | None = None
) -> tuple[BankStatement, bool]:
    """(statement, duplicate): the same file twice returns the first import and changes nothing.

    The statement is staged ("importing": invisible, its lines out of the matching queue and the
    checks) in chunks of CHUNK_LINES, each its own short transaction, and its lines matched; then
    ("applying") the money is posted for APPLY_INVOICES invoices at a time, each chunk complete
    (payments, invoices, journal, accruals) in one short transaction; the last one posts the
    unmatched rest and makes the statement visible ("imported"). An attempt that died while
    staging is discarded by the next; one that died while applying is carried on by the next."""
    access.require_role(actor, *FINANCE)
    if not raw:
        raise ValidationError(_l("Check the highlighted fields."), {"file": [_l("Choose a statement file.")]})
    digest = hashlib.sha256(raw).hexdigest()
    earlier = db.session.scalar(
        select(BankStatement).where(BankStatement.sha256 == digest, BankStatement.status == "imported")
    )
    if earlier is not None:
        return earlier, True
    checkpoint = _Checkpoints(job, timings)
    with bulk.cyclic_gc_paused(), bulk.checkpoints_beside():
        resumed = None
        if job is not None:
            resumed = db.session.scalar(
                select(BankStatement).where(BankStatement.job_id == job.id, BankStatement.status == "applying")
            )
        if resumed is not None:  # an attempt that died after money was posted: carry on from there
            _stage_missing(resumed, raw, checkpoint)
            return _complete(resumed, actor, checkpoint), False
        return _import(actor, filename, raw, digest, checkpoint)


def discard_staged(job_id: int | None = None) -> int:
    """Delete statements left staged by an import that died before posting any money: the given
    job's, those of jobs that ended, and those of imports without a job staged more than a day ago.
    (A statement already "applying" is never discarded: the next attempt finishes it.)"""
    locks.take_write_lock()  # which statements are stale is read, then they are deleted
    ended = select(Job.id).where(Job.status.in_(("done", "failed")))
    day_ago = utcnow() - timedelta(days=1)
    stale = db.session.scalars(
        select(BankStatement.id).where(
            BankStatement.status == "importing",
            or_(
                BankStatement.job_id == job_id if job_id is not None else false(),
                BankStatement.job_id.in_(ended),
                and_(BankStatement.job_id.is_(None), BankStatement.uploaded_at < day_ago),
            ),
        )
    ).all()
    for statement_id in stale:
        while db.session.execute(
            delete(StatementLine).where(
                StatementLine.id.in_(
                    select(StatementLine.id).where(StatementLine.statement_id == statement_id).limit(CHUNK_LINES)
                )
            )
        ).rowcount:
            uow.commit_now(STAGED_IN_CHUNKS)
        db.session.execute(delete(BankStatement).where(BankStatement.id == statement_id))
        uow.commit_now(STAGED_IN_CHUNKS)
        stale_object = db.session.identity_map.get(db.session.identity_key(BankStatement, statement_id))
        if stale_object is not None:  # its id may be given to the next statement
            db.session.expunge(stale_object)
    return len(stale)


def _import(actor, filename: str, raw: bytes, digest: str, checkpoint) -> tuple[BankStatement, bool]:
    started = time.perf_counter()
    helpers = []  # processes working beside this one (_Helper), ended and cleaned up however this ends
    try:
        # A large statement's settled lines (nine in ten) are fingerprinted and written by a helper
        # process (_Beside) while this one posts the money of the others. Its interpreter is started
        # first, so that it loads its libraries (half a second: polars, DuckDB) while this one parses.
        lines_beside = _Beside() if _helpers_wanted(raw.count(b"\n")) else None
        if lines_beside is not None:
            helpers.append(lines_beside)
        try:
            frame, encoding = read(raw, with_fingerprints=False)
        except StatementError as exc:
            raise ValidationError(_l("The statement cannot be imported."), {"file": exc.messages}) from None
        checkpoint.took("parse", started)
        return _import_parsed(actor, filename, frame, encoding, digest, checkpoint, lines_beside)
    finally:
        for helper in helpers:
            helper.close()


def _import_parsed(actor, filename, frame, encoding, digest, checkpoint, lines_beside):
    """_import once the file is read (lines_beside: a helper started for the settled lines, or None)."""
    import polars as pl

    started = time.perf_counter()
    # the fingerprints (SHA-1 of a million identities) computed only for the lines that need them
    # here: every line's if lines were stored before on the statement's days, else those staged here
    keys = None  # every line's line_no and identity, while the frame has no fingerprints
    if "fingerprint" not in frame.columns:
        keys, frame = frame.select("line_no", "identity"), frame.drop("identity")
    if lines_beside is None or not _helpers_wanted(frame.height):
        lines_beside = None  # (a started helper is ended with the others)
    elif keys is not None:
        lines_beside.give_keys(keys)  # fingerprinted beside from now on, while they are matched here
    job_id = getattr(checkpoint.job, "id", None)
    discard_staged(job_id)
    # Lock before reading what is decided on (core/locks.py): the months to open and the statement's
    # row. On SQLite a transaction that read (the duplicate check, before the seconds of parsing) and
    # then writes fails at once with "database is locked" if anyone committed since it read.
    locks.take_write_lock()
    days = frame.get_column("booked_on").unique().sort().to_list()
    # (may open months, a write: committed with the statement below, before the long work)
    period_of = {day: periods.posting_for(day).period for day in days}
    statement = BankStatement(
        filename=(filename or "statement.csv")[:255],
        sha256=digest,
        encoding=encoding,
        line_count=frame.height,
        uploaded_by_id=actor.id,
        status="importing",
        job_id=job_id,
    )
    db.session.add(statement)
    db.session.flush()
    statement_id = statement.id
    checkpoint(0.05)

    def fingerprinted_frame(lines):
        return lines if "fingerprint" in lines.columns else _fingerprinted(keys, lines)

    # Matched without the write lock (seconds of work: others write meanwhile), from one reading of
    # the lines stored before and of the invoices: what an invoice owes is read again, under the
    # lock, when its money is posted. Lines stored before (from another file) are left out before
    # they are matched. Then in the unique index's order (date, then fingerprint): the inserts walk
    # the index, not jump about it (but for the lines to pay, staged first in the order they are
    # paid: _in_posting_order).
    frame = _unseen(
        frame.with_columns(
            pl.col("amount").str.replace(".", "", literal=True).cast(pl.Int64).alias("cents"),
            pl.col("booked_on")
            .replace_strict(days, [period_of[day] for day in days], return_dtype=pl.String)
            .alias("period"),
        ),
        days,
        fingerprinted_frame,
    )
    # On SQLite a large statement's lines are fingerprinted and written by a helper process
    # (_Beside) into a file of its own, from now on, while this one matches them, stages the lines
    # to pay and posts their money: each as it is settled if no money is posted for it (outgoing if
    # money went out, else unmatched). They are copied in after the posting, the lines to pay
    # (stored by then) left out by the unique index.
    if lines_beside is not None:
        lines_beside.give(frame.with_columns(_settled_as().alias("status")))
    frame = match_lines(frame)
    paying = frame.filter(pl.col("status") == "new").height
    settling = frame.height - paying
    if lines_beside is not None and _helpers_wanted(settling) and paying * BESIDE_PAID_RATIO >= settling:
        lines_beside.settling = settling
        to_stage = _in_posting_order(fingerprinted_frame(frame.filter(pl.col("status") == "new")))
    else:
        lines_beside = None  # (a started helper is ended with the others)
        frame = to_stage = fingerprinted_frame(frame).sort("booked_on", "fingerprint")
    checkpoint.took("match", started)
    started = time.perf_counter()
    locks.take_write_lock()  # the reads' transaction ends (SQLite): staging writes from its first statement
    checkpoint(0.1)
    staged = _stage(statement_id, to_stage, checkpoint, 0.1, 0.2 if lines_beside is not None else 0.8)
    settled = None
    if staged == to_stage.height:
        settled = _settled(frame)
    else:  # a line stored meanwhile by another import: the matching is redone on what was stored
        if lines_beside is not None:  # every line stored first, as the staging in one process leaves them
            staged += lines_beside.copy(statement_id, checkpoint, 0.2, 0.8)
            lines_beside = None
        _match_stored(statement_id, checkpoint)
    del frame, to_stage
    checkpoint.took("stage", started)
    statement = db.session.get(BankStatement, statement_id)
    return _complete(statement, actor, checkpoint, settled, staged, lines_beside), False


def _fingerprinted(keys, lines):
    """lines (some of a statement's, in any order, with any columns but the fingerprint) with their
    fingerprints, from keys (every line's line_no and identity): computed over the lines of their
    identities only, as a line's fingerprint counts the identical lines before it and no others."""
    import polars as pl

    if lines.height != keys.height:
        # the lines of those identities, found by a 64-bit hash of each (a line of another identity
        # with the same hash comes along and is fingerprinted by its own identity's lines: harmless)
        hashed = keys.with_columns(pl.col("identity").hash().alias("hash"))
        wanted = hashed.join(lines.select("line_no"), on="line_no", how="semi").select("hash")
        keys = hashed.join(wanted, on="hash", how="semi").drop("hash")
    keys = keys.sort("line_no")
    prints = keys.select("line_no", beside.fingerprints(keys))
    return lines.join(prints, on="line_no", how="left", maintain_order="left")


def _unseen(frame, days: list, fingerprinted_frame=None):
    """The frame without its lines stored before (the same date and fingerprint, from another file).
    fingerprinted_frame: the frame given its fingerprints if it has none yet (needed only when some
    lines are stored on its days)."""
    import polars as pl

    stored = db.session.execute(
        select(StatementLine.booked_on, StatementLine.fingerprint).where(StatementLine.booked_on.in_(days))
    ).all()
    if not stored:
        return frame
    if fingerprinted_frame is not None:
        frame = fingerprinted_frame(frame)
    seen = pl.DataFrame(stored, schema={"booked_on": pl.Date, "fingerprint": pl.Int64}, orient="row")
    return frame.join(seen, on=["booked_on", "fingerprint"], how="anti", maintain_order="left")


def _in_posting_order(paying):
    """The lines to pay in the order they are paid (invoice, date, line): staged so, each posting
    chunk's lines are neighbours (their rows, their status index entries, their payments' line ids),
    not a thousand rows scattered over the table (on SQLite each chunk's commit wrote about twice as
    many pages)."""
    return paying.sort("invoice_id", "booked_on", "line_no")


def _settled_as():
    """A line's status if no money is posted for it (a polars expression over its cents): outgoing
    if money went out, else unmatched."""
    import polars as pl

    return pl.when(pl.col("cents") < 0).then(pl.lit("outgoing")).otherwise(pl.lit("unmatched"))


# the invoices the remarks name, by number (a few thousand numbers a statement at a time)
INVOICES_NUMBERED = select(Invoice.number, Invoice.id).where(Invoice.number.in_(bindparam("numbers", expanding=True)))
# money_rules.owed (as _match_by_payer_and_amount reads it) of the invoices that can still be paid,
# in cents, as integers (SQL's round of what is owed to the cent, times 100, is the same number),
# in the order they are paid: oldest due first
INVOICES_OPEN = (
    select(Invoice.id, Invoice.buyer_name, cast(func.round((Invoice.total - Invoice.paid) * 100), BigInteger))
    .where(Invoice.status.in_(rules.OPEN))
    .order_by(Invoice.due_on, Invoice.id)
)


def match_lines(frame):
    """The frame (with its amounts in "cents") with each line's invoice_id, matched_by and status:
    the invoice whose number the remark names ("remark"); else the k-th line from a payer for an
    amount pays the k-th open invoice of that buyer owing exactly that amount, oldest due first,
    invoices the remarks named left out ("payer_amount"); the rules of _match_by_remark and
    _match_by_payer_and_amount, in memory over the parsed lines and the invoices read once. A
    matched line is "new" (its money still to post), any other "unmatched" or "outgoing"."""
    import polars as pl

    incoming = pl.col("cents") > 0
    references = (
        frame.filter(incoming & pl.col("invoice_ref").is_not_null()).get_column("invoice_ref").unique().to_list()
    )
    numbered = []
    for start in range(0, len(references), 5_000):
        numbered += bulk.rows(INVOICES_NUMBERED, {"numbers": references[start : start + 5_000]})
    by_number = pl.DataFrame(numbered, schema={"invoice_ref": pl.String, "by_remark": pl.Int64}, orient="row")
    frame = frame.join(by_number, on="invoice_ref", how="left", maintain_order="left").with_columns(
        pl.when(incoming).then(pl.col("by_remark")).alias("by_remark")
    )
    named = frame.get_column("by_remark").drop_nulls().unique()
    invoices = pl.DataFrame(
        bulk.rows(INVOICES_OPEN),
        schema={"invoice_id": pl.Int64, "payer_name": pl.String, "cents": pl.Int64},
        orient="row",
    )
    rank = pl.int_range(1, pl.len() + 1, dtype=pl.Int64).over("payer_name", "cents").alias("rank")
    invoices = invoices.filter(~pl.col("invoice_id").is_in(named.implode()))
    # A line's rank among the lines of its payer and amount depends on those lines only: the lines
    # of a (payer, amount) no open invoice owes are left out before the ranking, not ranked (a
    # million lines sorted and windowed for the few thousand an invoice may be owed).
    waiting = (
        frame.filter(incoming & pl.col("by_remark").is_null())
        .select("line_no", "booked_on", "payer_name", "cents")
        .join(invoices.select("payer_name", "cents").unique(), on=["payer_name", "cents"], how="semi")
        .sort("booked_on", "line_no")
        .with_columns(rank)
        .join(
            invoices.with_columns(rank).select("payer_name", "cents", "rank", pl.col("invoice_id").alias("by_payer")),
            on=["payer_name", "cents", "rank"],
            how="inner",
        )
        .select("line_no", "by_payer")
    )
    frame = frame.join(waiting, on="line_no", how="left", maintain_order="left")
    return frame.with_columns(
        pl.coalesce("by_remark", "by_payer").alias("invoice_id"),
        pl.when(pl.col("by_remark").is_not_null())
        .then(pl.lit("remark"))
        .when(pl.col("by_payer").is_not_null())
        .then(pl.lit("payer_amount"))
        .otherwise(pl.lit(""))
        .alias("matched_by"),
        pl.when(pl.col("cents") < 0)
        .then(pl.lit("outgoing"))
        .when(pl.col("by_remark").is_not_null() | pl.col("by_payer").is_not_null())
        .then(pl.lit("new"))
        .otherwise(pl.lit("unmatched"))
        .alias("status"),
    ).drop("by_remark", "by_payer")


def _stage(statement_id: int, frame, checkpoint, first: float = 0.1, last: float = 0.8) -> int:
    """The lines written once each, with their outcome, CHUNK_LINES per transaction; how many were
    new (a line another import stored meanwhile is left out by the unique index). The job's
    progress goes from first to last."""
    if not frame.height:
        return 0
    if db.session.get_bind().dialect.name == "sqlite":
        return _stage_sqlite(statement_id, frame, checkpoint, first, last)
    columns = STAGED_COLUMNS
    frame = frame.select(columns)
    total = frame.height
    staged = 0
    at = columns.index("amount")
    for start in range(0, total, CHUNK_LINES):
        rows = [(*row[:at], Decimal(row[at]), *row[at + 1 :]) for row in frame.slice(start, CHUNK_LINES).rows()]
        staged += bulk.insert_rows(
            StatementLine.__table__,
            columns,
            rows,
            ignore_conflicts_on="booked_on, fingerprint",
            fixed={"statement_id": statement_id, "applied": 0, "credited": 0},
        )
        checkpoint(first + (last - first) * min(start + CHUNK_LINES, total) / total)
    return staged


# a staged line's (status, matched_by), as the small integer given for it on SQLite
OUTCOME_CODES = (("unmatched", ""), ("outgoing", ""), ("new", "remark"), ("new", "payer_amount"))


def _stage_sqlite(statement_id: int, frame, checkpoint, first: float, last: float) -> int:
    """_stage on SQLite, where binding a million rows' values from Python is most of the cost: dates
    and money given as the text SQLite stores (the sqlite3 module calls back into Python for none of
    them); the outcome as a small integer (Python's cached ones, nothing built per row) from which
    the statement writes status and matched_by; the posting month written by the statement from the
    date (a few dozen days), not bound."""
    import polars as pl

    frame = frame.with_columns(pl.col("booked_on").dt.strftime("%Y-%m-%d"))
    code = pl.lit(0, dtype=pl.Int8)
    for at, (status, matched_by) in reversed(list(enumerate(OUTCOME_CODES))):
        code = pl.when((pl.col("status") == status) & (pl.col("matched_by") == matched_by)).then(at).otherwise(code)
    bound = (*(c for c in STAGED_COLUMNS if c not in ("status", "matched_by", "period")), "outcome")
    if not set(frame.select("status", "matched_by").unique().rows()) <= set(OUTCOME_CODES):
        raise RuntimeError("a staged line's outcome has no code")
    frame = frame.with_columns(code.cast(pl.Int8).alias("outcome"))
    # bandit B608: names from constants; the CASE's literals are ISO dates and YYYY-MM months the
    # import made (date.isoformat, periods), never input; every line's values are bound.
    day_of = frame.select("booked_on", "period").unique().sort("booked_on").rows()
    if not all(_ISO_DAY.match(d) and _MONTH.match(p) for d, p in day_of):
        raise RuntimeError("a staged line's date or month is not as the import makes them")
    outcome, day = f"?{len(bound)}", f"?{bound.index('booked_on') + 1}"
    status = " ".join(f"WHEN {i} THEN '{s}'" for i, (s, _m) in enumerate(OUTCOME_CODES))
    matched_by = " ".join(f"WHEN {i} THEN '{m}'" for i, (_s, m) in enumerate(OUTCOME_CODES))
    period = " ".join(f"WHEN '{d}' THEN '{p}'" for d, p in day_of)
    sql = (
        f"INSERT INTO {StatementLine.__tablename__} (statement_id, applied, credited, {', '.join(bound[:-1])},"  # nosec B608
        " status, matched_by, period)"
        f" VALUES ({int(statement_id)}, 0, 0, {', '.join(f'?{i}' for i in range(1, len(bound)))},"
        f" CASE {outcome} {status} END, CASE {outcome} {matched_by} END, CASE {day} {period} END)"
        " ON CONFLICT (booked_on, fingerprint) DO NOTHING"
    )
    frame = frame.select(bound)
    total = frame.height
    staged = 0
    with locks.WaitingRoom() as room:
        for start in range(0, total, CHUNK_LINES):
            if start and room is not None:  # the last chunk committed: a writer waiting goes first
                room.let_waiting_in(YIELD_MOST_S)
            part = frame.slice(start, CHUNK_LINES)
            staged += bulk.run(sql, list(zip(*(column.to_list() for column in part.get_columns()), strict=True)))
            checkpoint(first + (last - first) * min(start + CHUNK_LINES, total) / total)
    return staged


# On SQLite, a statement with at least this many lines settled at staging (unmatched, outgoing) has
# them written by a helper process (finance/beside.py) on the machine's other core while this one
# posts the money; below it the process would cost more than it saves.
BESIDE_MIN_LINES = 50_000
# ... and only if posting the money of the lines to pay takes about as long as the helper's writing
# of the settled ones (a line paid costs about 60 µs of posting, a line settled about 5 µs of the
# helper's: 90,000 and 910,000 in the bench). With fewer lines to pay the import would only wait for
# the helper, and the statement would be "applying" (never discarded, only carried on) while it did.
BESIDE_PAID_RATIO = 12


def _helpers_wanted(lines: int) -> bool:
    """Whether work on this many lines is worth a helper process: on SQLite, a database in a file."""
    bind = db.session.get_bind()
    database = bind.url.database if bind.dialect.name == "sqlite" else None
    if not database or database == ":memory:" or database.startswith("file:"):
        return False
    return lines >= BESIDE_MIN_LINES


HELPER_PREFIX = "statement-import-"


def _sweep_helpers_left() -> None:
    """The temporary directories of helpers whose importing process died (a worker killed: nothing
    of it ran to clean up), found by the process id in their names."""
    root = tempfile.gettempdir()
    for name in os.listdir(root):
        if not name.startswith(HELPER_PREFIX):
            continue
        pid = name[len(HELPER_PREFIX) :].split("-", 1)[0]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)  # the process is alive (or another one has its id): left alone
        except ProcessLookupError:
            shutil.rmtree(os.path.join(root, name), ignore_errors=True)
        except PermissionError:
            pass


class _Helper:
    """A process working beside the import (finance/beside.py MODE IN OUT KEYS) on files in a
    temporary directory of its own; if it fails, the work is done in this process instead. The
    process is started here (by the importing thread: it dies with the thread that started it),
    loads its libraries and waits for a byte on its standard input; its input files are written,
    and that byte sent, by a thread of this process once they are given (polars lets go of the GIL
    while it writes: at a million lines the files are a second's writing, which this process spends
    going on with the import instead). An error in that thread is raised where the work is waited
    for (written())."""

    mode = ""

    def __init__(self):
        _sweep_helpers_left()
        self.directory = tempfile.mkdtemp(prefix=f"{HELPER_PREFIX}{os.getpid()}-")
        self.given = os.path.join(self.directory, "given.arrow")
        self.keys = os.path.join(self.directory, "keys.arrow")
        self.path = os.path.join(self.directory, "out")
        self.failure = None
        self.feeding = []  # the threads writing its input, in order
        self.process = subprocess.Popen(  # nosec B603: this interpreter, a script of this package, our files
            [sys.executable, beside.__file__, self.mode, self.given, self.path, self.keys],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def give_keys(self, keys) -> None:
        """Every line's line_no and identity, written by a thread: the helper fingerprints the lines
        by them while this process goes on."""
        self._start(self._feed_keys, keys)

    def give(self, frame) -> None:
        """The helper's input, written by a thread (the helper begins once it is complete)."""
        self._start(self._feed, frame)

    def _start(self, feed, frame) -> None:
        before = self.feeding[-1] if self.feeding else None
        thread = threading.Thread(target=feed, args=(frame, before), name=f"statement-{self.mode}", daemon=True)
        self.feeding.append(thread)
        thread.start()

    def _feed_keys(self, keys, _before) -> None:
        """The keys file written, then the byte that says so (none if the writing failed)."""
        try:
            keys.write_ipc(self.keys)
        except BaseException as exc:  # raised again by written(), in the importing thread
            self.failure = exc
        else:
            with contextlib.suppress(OSError):
                self.process.stdin.write(beside.KEYS)
                self.process.stdin.flush()

    def _feed(self, frame, before) -> None:
        """The helper's input written, then the byte that starts it (none if a writing failed)."""
        if before is not None:
            before.join()
        try:
            if self.failure is None:
                frame.write_ipc(self.given)
        except BaseException as exc:  # raised again by written(), in the importing thread
            self.failure = exc
        else:
            # a helper that died already (its input closed) is one that failed: written() says so
            if self.failure is None:
                with contextlib.suppress(OSError):
                    self.process.stdin.write(beside.GO)
        finally:
            with contextlib.suppress(OSError):
                self.process.stdin.close()

    def written(self) -> bool:
        """Whether the helper did its work (waiting for it to end)."""
        if not self.feeding:
            raise RuntimeError("a statement import's helper was waited for before it was given its input")
        for thread in self.feeding:
            thread.join()
        if self.failure is not None:
            raise self.failure
        self.process.stdin = None  # closed by the feeding thread
        _out, err = self.process.communicate()
        if self.process.returncode == 0 and os.path.exists(self.path):
            return True
        log.warning("a statement import's helper (%s) failed (%s): %s", self.mode, self.process.returncode, err[-2000:])
        return False

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for thread in self.feeding:
            thread.join()  # its write to the killed process's input fails, if it was still writing
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        if self.process.stderr is not None:
            self.process.stderr.close()
        shutil.rmtree(self.directory, ignore_errors=True)


class _Beside(_Helper):
    """A statement's lines, each as it is settled if no money is posted for it (unmatched, or
    outgoing), fingerprinted if they are not yet and written by a helper process into a SQLite file
    of its own while this process matches them, stages the lines to pay and posts their money; then
    copied into statement_lines, CHUNK_LINES rows per transaction, by INSERT … SELECT from the
    attached file (no Python per row), the lines to pay (stored by then) left out by the unique
    index. If the helper fails, they are staged here as they always were. Nothing of the books is
    written by the helper."""

    mode = "lines"

    def __init__(self):
        super().__init__()
        self.rows = 0
        self.copied = 0
        self.settling = 0  # how many of them no money is posted for, once they are matched

    def give(self, frame) -> None:
        """frame: the statement's lines (beside.COLUMNS, without the fingerprint if the keys to
        compute it by were given: give_keys), each settled as unmatched or outgoing."""
        if not set(frame.get_column("status").unique().to_list()) <= {"unmatched", "outgoing"}:
            raise RuntimeError("a line settled beside is neither unmatched nor outgoing")
        self.rows = frame.height
        super().give(frame.select(c for c in beside.COLUMNS if c in frame.columns))

    def copy(self, statement_id: int, checkpoint, first: float, last: float) -> int:
        """The helper's lines into statement_lines (or, if it failed, staged here): how many went in
        (one stored already, a line to pay or one another import stored meanwhile, is left out by
        the unique index). Called with no transaction of the session's holding the write lock."""
        if not self.written():
            self.copied = _stage(statement_id, self.frame_for_stage(), checkpoint, first, last)
            return self.copied
        uow.commit_now(STAGED_IN_CHUNKS)  # this process's other connection must find the write lock free
        names = ", ".join(beside.COLUMNS)
        # bandit B608: names from constants; the statement id an integer; the chunk's bounds bound
        sql = (
            f"INSERT INTO {StatementLine.__tablename__} (statement_id, applied, credited, matched_by, {names})"  # nosec B608
            f" SELECT {int(statement_id)}, 0, 0, '', {names} FROM beside.lines WHERE rowid BETWEEN ? AND ?"
            " ON CONFLICT (booked_on, fingerprint) DO NOTHING"
        )
        connection = db.engine.raw_connection()  # the session's is between transactions; ATTACH needs none
        try:
            cursor = connection.cursor()
            cursor.execute("ATTACH DATABASE ? AS beside", (self.path,))
            try:
                self._copy_chunks(cursor, sql, connection.dbapi_connection, checkpoint, first, last)
            finally:
                cursor.execute("DETACH DATABASE beside")
        finally:
            connection.close()
        return self.copied

    def _copy_chunks(self, cursor, sql: str, dbapi_connection, checkpoint, first: float, last: float) -> None:
        with locks.WaitingRoom(dbapi_connection=dbapi_connection) as room:
            for start in range(1, self.rows + 1, CHUNK_LINES):
                if start > 1 and room is not None:  # the last chunk committed: a writer waiting goes first
                    room.let_waiting_in(YIELD_MOST_S)
                cursor.execute("BEGIN IMMEDIATE")
                try:
                    self.copied += cursor.execute(sql, (start, start + CHUNK_LINES - 1)).rowcount
                    cursor.execute("COMMIT")
                except BaseException:
                    cursor.execute("ROLLBACK")
                    raise
                checkpoint(first + (last - first) * min(start + CHUNK_LINES - 1, self.rows) / self.rows)

    def frame_for_stage(self):
        """The helper's lines as _stage takes them (if the helper failed)."""
        import polars as pl

        lines = pl.read_ipc(self.given, memory_map=False)
        if "fingerprint" not in lines.columns:
            lines = _fingerprinted(pl.read_ipc(self.keys, memory_map=False), lines)
        return lines.with_columns(
            pl.lit(None, dtype=pl.Int64).alias("invoice_id"),
            pl.lit("").alias("matched_by"),
        )


def _stage_missing(statement: BankStatement, raw: bytes, checkpoint) -> int:
    """An attempt carried on after a crash: the statement's lines that attempt had not stored yet
    (the lines settled at staging, written by the helper and copied in after the posting) staged as
    they were settled, unmatched or outgoing: every line to pay was stored before any money was
    posted. Lines stored by anyone (this statement, another file) are left out."""
    import polars as pl

    stored = db.session.scalar(
        select(func.count()).select_from(StatementLine).where(StatementLine.statement_id == statement.id)
    )
    if stored >= statement.line_count:
        return 0
    frame, _encoding = read(raw)
    locks.take_write_lock()
    days = frame.get_column("booked_on").unique().sort().to_list()
    period_of = {day: periods.posting_for(day).period for day in days}
    frame = _unseen(
        frame.sort("booked_on", "fingerprint").with_columns(
            pl.col("amount").str.replace(".", "", literal=True).cast(pl.Int64).alias("cents"),
            pl.col("booked_on")
            .replace_strict(days, [period_of[day] for day in days], return_dtype=pl.String)
            .alias("period"),
        ),
        days,
    ).with_columns(
        pl.lit(None, dtype=pl.Int64).alias("invoice_id"),
        pl.lit("").alias("matched_by"),
        _settled_as().alias("status"),
    )
    return _stage(statement.id, frame, checkpoint)


_ISO_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_MONTH = re.compile(r"^[0-9]{4}-[0-9]{2}$")


def _settled(frame) -> dict:
    """What the lines settled at staging (unmatched, outgoing) add up to, per outcome, and the
    unmatched money per posting month and day: read from the frame, not from a million rows."""
    import polars as pl

    settled = frame.filter(pl.col("status") != "new")
    outcomes = {
        status: (count, cents)
        for status, count, cents in settled.group_by("status").agg(pl.len(), pl.col("cents").sum()).iter_rows()
    }
    unmatched = [
        (period, booked_on, from_fen(cents))
        for period, booked_on, cents in settled.filter(pl.col("status") == "unmatched")
        .group_by("period", "booked_on")
        .agg(pl.col("cents").sum())
        .sort("period", "booked_on")
        .iter_rows()
    ]
    return {"outcomes": outcomes, "unmatched": unmatched}


def _match_stored(statement_id: int, checkpoint) -> None:
    """The matching redone in SQL over the lines stored (when another import stored some of this
    statement's lines between the matching in memory and the staging): outcomes back to what the
    staging gives before any matching, then by remark, then by payer and amount."""
    db.session.execute(
        update(StatementLine)
        .where(StatementLine.statement_id == statement_id, StatementLine.status.in_(("new", "unmatched")))
        .values(
            status=case((StatementLine.invoice_ref.is_not(None), "new"), else_="unmatched"),
            invoice_id=None,
            matched_by="",
        )
        .execution_options(synchronize_session=False)
    )
    first, last = db.session.execute(
        select(func.min(StatementLine.id), func.max(StatementLine.id)).where(StatementLine.statement_id == statement_id)
    ).one()
    if first is not None:  # (none when every line was imported before, from another file)
        for low in range(first, last + 1, CHUNK_LINES * 2):
            _match_by_remark(statement_id, low, low + CHUNK_LINES * 2 - 1)
            checkpoint(0.8 + 0.03 * (low - first + 1) / (last - first + 1))
    _match_by_payer_and_amount(statement_id)


def _complete(
    statement: BankStatement,
    actor,
    checkpoint,
    settled: dict | None = None,
    staged: int | None = None,
    lines_beside: "_Beside | None" = None,
) -> BankStatement:
    """The money posted and the statement made visible. staged: how many lines this attempt stored
    (else they are counted); lines_beside: the lines a helper process wrote, copied in after the posting."""
    statement_id = statement.id
    if staged is None:
        staged = db.session.scalar(
            select(func.count()).select_from(StatementLine).where(StatementLine.statement_id == statement_id)
        )
    locks.take_write_lock()  # after the count (no writer waits for it), before the writes
    statement.summary = reconcile(statement, actor, checkpoint, settled, lines_beside)
    statement.new_lines = staged + (lines_beside.copied if lines_beside is not None else 0)
    statement.status = "imported"
    audit.record(
        actor,
        "statement.imported",
        "bank_statement",
        statement.id,
        after={
            "file": statement.filename,
            "lines": statement.line_count,
            "new": statement.new_lines,
            **statement.summary,
        },
    )
    db.session.flush()
    return statement


def _match_by_remark(statement_id: int, first_id: int, last_id: int) -> None:
    """A line naming an invoice number pays that invoice; a number that names none leaves it unmatched
    (for the statement's lines with ids first_id..last_id)."""
    number = (
        select(Invoice.id).where(Invoice.number == StatementLine.invoice_ref).correlate(StatementLine).scalar_subquery()
    )
    waiting = (
        StatementLine.statement_id == statement_id,
        StatementLine.status == "new",
        StatementLine.id.between(first_id, last_id),
    )
    db.session.execute(
        update(StatementLine)
        .where(*waiting)
        .values(invoice_id=number, matched_by="remark")
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        update(StatementLine)
        .where(*waiting, StatementLine.invoice_id.is_(None))
        .values(status="unmatched", matched_by="")
        .execution_options(synchronize_session=False)
    )


def _match_by_payer_and_amount(statement_id: int) -> None:
    """The k-th line from a payer for an amount pays the k-th open invoice of that buyer owing
    exactly that amount (oldest due first); invoices the remarks already named are left out."""
    locks.take_write_lock()  # what the invoices still owe is read, then lines are matched to them
    # money_rules.owed as SQL, for the invoices that can still be paid (a void one owes nothing)
    owed = func.round(Invoice.total - Invoice.paid, 2)
    open_invoice = Invoice.status.in_(rules.OPEN)
    named = select(StatementLine.invoice_id).where(
        StatementLine.statement_id == statement_id, StatementLine.status == "new"
    )
    candidates = (
        StatementLine.statement_id == statement_id,
        StatementLine.status == "unmatched",
        StatementLine.amount > 0,
        StatementLine.payer_name.in_(select(Invoice.buyer_name).where(open_invoice)),
    )
    lines = (
        select(
            StatementLine.id.label("line_id"),
            StatementLine.payer_name,
            StatementLine.amount,
            func.row_number()
            .over(
                partition_by=(StatementLine.payer_name, StatementLine.amount),
                order_by=(StatementLine.booked_on, StatementLine.line_no),
            )
            .label("rank"),
        )
        .where(*candidates)
        .subquery()
    )
    invoices = (
        select(
            Invoice.id.label("invoice_id"),
            Invoice.buyer_name,
            owed.label("owed"),
            func.row_number()
            .over(partition_by=(Invoice.buyer_name, owed), order_by=(Invoice.due_on, Invoice.id))
            .label("rank"),
        )
        .where(
            open_invoice,
            Invoice.buyer_name.in_(select(StatementLine.payer_name).where(*candidates)),
            Invoice.id.not_in(named),
        )
        .subquery()
    )
    # Both sides ranked in SQL; paired here by (payer, cents, rank) in a dictionary: a hash join,
    # which SQLite's planner does not choose for two windowed subqueries.
    waiting = {
        (name, from_db(amount), rank): line_id
        for line_id, name, amount, rank in db.session.execute(select(lines)).all()
    }
    pairs = []
    if waiting:
        for invoice_id, name, owed_amount, rank in db.session.execute(select(invoices)).all():
            line_id = waiting.get((name, from_db(owed_amount), rank))
            if line_id is not None:
                pairs.append((line_id, invoice_id))
    table = StatementLine.__table__
    if pairs:
        db.session.execute(
            update(table)
            .where(table.c.id == bindparam("b_line"))
            .values(invoice_id=bindparam("b_invoice"), matched_by="payer_amount", status="new"),
            [{"b_line": line_id, "b_invoice": invoice_id} for line_id, invoice_id in pairs],
        )


def _cents_of(column):
    """A money column read as integer cents (SQL's round of it times 100: exact on both databases,
    SQLite's stored float being the nearest to its two decimals): no Decimal built per row."""
    return cast(func.round(column * 100), BigInteger)


# the invoices a chunk pays, as _InvoiceState takes them: by an expanding IN (compiled once, not a
# thousand bound literals built per chunk), locked on PostgreSQL until the chunk commits
LOCKED_INVOICES = (
    select(
        Invoice.id,
        Invoice.number,
        Invoice.buyer_id,
        _cents_of(Invoice.total),
        _cents_of(Invoice.net),
        _cents_of(Invoice.paid),
        _cents_of(Invoice.net_received),
        Invoice.status,
    )
    .where(Invoice.id.in_(bindparam("ids", expanding=True)))
    .with_for_update(of=Invoice)
)


def _invoice_rows(invoice_ids: list[int]) -> list[tuple]:
    """The figures of the invoices a chunk of matched lines pays (LOCKED_INVOICES: locked on
    PostgreSQL until the chunk commits), as plain tuples (bulk.rows: no Row built per row)."""
    return bulk.rows(LOCKED_INVOICES, {"ids": invoice_ids})


class _InvoiceState:
    """The few figures of an invoice the matching pass changes, without loading 100,000 ORM objects
    (changed by finance.money_rules' rules in cents, as payments.allocate changes an Invoice by the
    same rules in Decimal). The money in integer cents."""

    __slots__ = ("id", "number", "buyer_id", "status", "total", "net", "paid", "net_received", "changed")

    def __init__(self, row):
        self.id, self.number, self.buyer_id, self.total, self.net, self.paid, self.net_received, self.status = row
        self.changed = False


# (the date as the driver reads it, ISO text on SQLite, made a date by _day_of: no Row and no
# conversion per row for the 100,000 lines a statement may pay)
MATCHED_COLUMNS = (
    StatementLine.id,
    StatementLine.invoice_id,
    _cents_of(StatementLine.amount),
    type_coerce(StatementLine.booked_on, String),
    StatementLine.period,
    StatementLine.payer_name,
    StatementLine.payer_account,
    StatementLine.matched_by,
)


class _DayOf(dict):
    """A date as read (a date, or its ISO text) -> the date, each distinct one converted once."""

    def __missing__(self, value):
        day = self[value] = value if isinstance(value, date) else date.fromisoformat(value)
        return day


# Invoices whose matched lines are paid in one transaction: a few thousand rows of each kind, a
# small fraction of a second on SQLite. (5,000 cost less in all, the true-up and receipt entry being
# per chunk, but held the write lock so long that a concurrent writer's p99 wait doubled to 2 s.)
APPLY_INVOICES = 1_000
# Between two posting chunks on SQLite, while a writer waits for the write lock (it says so in the
# database's waiting room, core.locks.WaitingRoom), a pause with the lock free until it has it,
# at most YIELD_MOST_S: it polls for the lock in SQLite's busy handler (1, 3, 8, 18, 33, 53, 78 ms …
# into its wait, later every 100 ms) and must find it free. Chunks come back to back, every ~50 ms,
# and a writer polling in step with them used to wait up to 5 s (bench as_job). Where writers cannot
# say they wait (no room), a pause of YIELD_S after every chunk.
YIELD_S = 0.01
YIELD_MOST_S = 0.25


def reconcile(
    statement: BankStatement, actor, checkpoint=None, settled: dict | None = None, lines_beside: "_Beside | None" = None
) -> dict:
    """Post the money of the statement's matched lines ("new", matched when staged) in chunks of
    APPLY_INVOICES invoices, then the unmatched rest; checkpoint(fraction) commits each step.
    settled: what the staging knows of the lines it settled (_settled), or None (an attempt carried
    on after a crash, a statement matched in SQL), when the summary is read from the lines.
    lines_beside: the settled lines a helper process wrote meanwhile, copied in once the money is posted
    (an attempt that dies before they are all in: the next one stages what is missing)."""
    checkpoint = checkpoint or _Checkpoints()
    sid = statement.id
    started = time.perf_counter()
    first, last = (0.2, 0.6) if lines_beside is not None else (0.85, 0.98)
    if statement.status != "applying":
        statement.status = "applying"  # from here on money is posted: a retry carries on, never discards
        checkpoint(first)
    # The matched lines, read once: while the statement is not "imported" only this import changes
    # its lines, so what each chunk pays stays as read here (the invoices are read in each chunk's
    # transaction, under its lock).
    paying, day_of = defaultdict(list), _DayOf()
    for line in bulk.rows(
        select(*MATCHED_COLUMNS)
        .where(StatementLine.statement_id == sid, StatementLine.status == "new")
        .order_by(StatementLine.invoice_id, StatementLine.booked_on, StatementLine.line_no)
    ):
        paying[line[1]].append((*line[:3], day_of[line[3]], *line[4:]))
    invoice_ids = list(paying)
    posted = [] if settled is not None else None
    bases = _RunningBases()
    with locks.WaitingRoom() as room:
        sqlite = db.session.get_bind().dialect.name == "sqlite"
        for start in range(0, len(invoice_ids), APPLY_INVOICES):
            chunk = invoice_ids[start : start + APPLY_INVOICES]
            lines = [line for invoice_id in chunk for line in paying.pop(invoice_id)]
            ahead = None
            if start and sqlite and (room is None or room.waiting()):
                # The write lock is free (the last chunk committed): others' turn. Meanwhile this
                # chunk's money is worked out from its invoices as they are now (a read takes no
                # lock); under the lock they are read again, and worked out again if anyone changed
                # one since.
                began = time.perf_counter()
                ahead = _work_out(_invoice_rows(chunk), lines)
                if room is not None:
                    room.let_in(YIELD_MOST_S - (time.perf_counter() - began))
                elif (rest := YIELD_S - (time.perf_counter() - began)) > 0:
                    time.sleep(rest)
            outcomes = _apply(statement, chunk, lines, actor, bases, ahead)
            if posted is not None:
                posted += outcomes
            checkpoint(first + (last - first) * min(start + APPLY_INVOICES, len(invoice_ids)) / len(invoice_ids))
    if lines_beside is not None:
        checkpoint.took("post", started)
        copying = time.perf_counter()
        if lines_beside.copy(sid, checkpoint, last, 0.95) < lines_beside.settling:
            settled = None  # some were stored meanwhile by another import: the rows say what is in
        checkpoint.took("stage", copying)
        started = time.perf_counter()
    if settled is not None:
        summary = _summary(settled["outcomes"], posted)
    else:
        # read before this last transaction writes: the lines' outcomes are final, and on SQLite a
        # million-line aggregate must not run while the write lock is held
        summary = statement_summary(sid)
    locks.take_write_lock()  # ends the aggregate's snapshot: the writes below may not start from it
    unmatched = settled["unmatched"] if settled is not None else None
    entries = _post_receipts(statement, actor, unmatched)
    for (period, _month), entry in sorted(entries.items()):
        payments.true_up_remittance(period, entry.occurred_on, actor)
    db.session.expire_all()
    checkpoint.took("post", started)
    return summary


def _summary(settled: dict, posted: list) -> dict:
    """statement_summary's figures from what the import knows: the lines settled at staging
    ({status: (count, cents)}) and the posted ones ((status, amount, applied, credited) each, in
    cents)."""
    counts, amounts = {}, {}
    for status, (count, cents) in settled.items():
        counts[status], amounts[status] = count, cents
    applied = credited = 0
    for status, amount, line_applied, line_credited in posted:
        counts[status] = counts.get(status, 0) + 1
        amounts[status] = amounts.get(status, 0) + amount
        applied += line_applied
        credited += line_credited
    return {
        "lines": {status: counts[status] for status in sorted(counts)},
        "amount": {status: str(from_fen(amounts[status])) for status in sorted(amounts)},
        "applied": str(from_fen(applied)),
        "credited": str(from_fen(credited)),
    }


def _money_out():
    """How the posting binds an amount in cents: on SQLite the text str() gives its Decimal (what
    the Decimal adapter would bind, built without one), elsewhere the Decimal."""
    if db.session.get_bind().dialect.name != "sqlite":
        return from_fen

    return _cents_text


def _cents_text(cents: int) -> str:
    """Integer cents as the text of their Decimal: 1060.00, 0.05, -12.30."""
    # printf-style: half the time of an f-string with the divmod unpacked (hundreds of thousands a statement)
    if cents >= 0:
        return "%d.%02d" % divmod(cents, 100)  # noqa: UP031
    return "-%d.%02d" % divmod(-cents, 100)  # noqa: UP031


PAYMENT_IDS = select(Payment.statement_line_id, Payment.id).where(
    Payment.statement_line_id.in_(bindparam("line_ids", expanding=True))
)


class _Worked:
    """A chunk's money worked out (_work_out) from its invoices' figures as read (rows): what
    _apply writes, if the invoices still read so under the write lock."""

    __slots__ = (
        "rows",
        "invoices",
        "now",
        "payment_rows",
        "allocations",
        "line_rows",
        "posted",
        "groups",
        "last_day",
        "entries",
    )


def _work_out(rows: list[tuple], matched: list) -> _Worked:
    """The rows a chunk writes: the matched lines (MATCHED_COLUMNS, in order of invoice, date,
    line) paying the invoices of rows (_invoice_rows), through finance.money_rules' rules in cents
    (no Decimal per line): payments, allocations, the lines' outcomes, the invoices' figures, the
    receipt entries' lines and dates per (posting month, month of the money), and each line's
    (status, amount, applied, credited) in cents."""
    worked = _Worked()
    worked.rows = rows
    worked.invoices = invoices = {row[0]: _InvoiceState(row) for row in rows}
    worked.now = now = bulk.stamp(utcnow())  # formatted once, not once per row
    money = _money_out()
    nought = money(0)
    payment_rows, allocations, line_rows, posted = [], [], [], []
    groups, last_day = defaultdict(list), {}  # the receipt entries' lines and dates, per (period, month)
    receive, line_status, month_of = rules.receive_cents, rules.line_status_cents, periods.month_of
    for line_id, invoice_id, line_amount, booked_on, period, payer_name, payer_account, matched_by in matched:
        invoice = invoices[invoice_id]
        amount, applied, credited, change = receive(
            invoice.total, invoice.net, invoice.paid, invoice.net_received, invoice.status, line_amount
        )
        key = (period, month_of(booked_on))
        applied_out = money(applied) if applied else nought
        credited_out = money(credited) if credited else nought
        if change is not None:  # its amount is what was applied
            invoice.paid, invoice.net_received, invoice.status = change.paid, change.net_received, change.status
            invoice.changed = True
            allocations.append((line_id, invoice_id, key, applied_out, money(change.net), money(change.vat)))
        status = line_status(credited, invoice.paid, invoice.total)
        line_rows.append((status, applied_out, credited_out, now, line_id))
        posted.append((status, amount, applied, credited))
        groups[key].append((invoice_id, invoice.buyer_id, amount, applied, credited))
        if key not in last_day or booked_on > last_day[key]:
            last_day[key] = booked_on
        payment_rows.append(  # in PAYMENT_COLUMNS order
            (
                "bank",
                f"BANK-{line_id}",
                invoice.buyer_id,
                invoice_id,
                applied_out if amount == applied else money(amount),
                applied_out,
                credited_out,
                nought,
                nought,
                nought,
                booked_on,
                payer_name,
                payer_account,
                matched_by,
                line_id,
                now,
            )
        )
    worked.payment_rows, worked.allocations, worked.line_rows, worked.posted = (
        payment_rows,
        allocations,
        line_rows,
        posted,
    )
    worked.groups, worked.last_day = groups, last_day
    # the receipt entries' lines, balanced here (outside the write lock, when worked out ahead)
    worked.entries = {
        key: balance("receipt", receipt_lines("bank", "bank", receipts, True)) for key, receipts in groups.items()
    }
    return worked


def _apply(statement: BankStatement, invoice_ids: list[int], matched: list, actor, bases, ahead=None) -> list:
    """The matched lines (MATCHED_COLUMNS, in order of invoice, date, line) paying these invoices
    written: payments, allocations, the invoices' paid amounts, the lines' outcomes, one receipt
    entry per posting month, the month's accrual trued up (bases: _RunningBases); each line's
    (status, amount, applied, credited) in cents. ahead: the chunk worked out before the lock
    (_work_out), taken if its invoices still read the same."""
    locks.take_write_lock()  # the invoices are read, then paid (FOR UPDATE is no lock on SQLite)
    rows = _invoice_rows(invoice_ids)
    worked = ahead if ahead is not None and ahead.rows == rows else _work_out(rows, matched)
    invoices, now, money = worked.invoices, worked.now, _money_out()
    payment_rows, allocations, line_rows = worked.payment_rows, worked.allocations, worked.line_rows
    bulk.insert_rows(Payment.__table__, PAYMENT_COLUMNS, payment_rows)
    # by the unique index on the payments' line ids (a join from the lines' side walks all of them)
    payment_ids = dict(
        db.session.connection().execute(PAYMENT_IDS, {"line_ids": [a[0] for a in allocations]}).all()
        if allocations
        else ()
    )
    bulk.update_rows(StatementLine.__table__, ("status", "applied", "credited", "matched_at"), line_rows)
    bulk.update_rows(
        Invoice.__table__,
        ("paid", "net_received", "status"),
        [(money(i.paid), money(i.net_received), i.status, i.id) for i in invoices.values() if i.changed],
    )
    entries = _post_grouped(statement, worked.entries, worked.last_day, actor)
    entry_ids = {key: entry.id for key, entry in entries.items()}
    bulk.insert_rows(
        Allocation.__table__,
        ("invoice_id", "payment_id", "period", "kind", "amount", "net", "vat", "entry_id", "created_at"),
        [
            (invoice_id, payment_ids[line_id], key[0], "payment", amount, net, vat, entry_ids[key], now)
            for line_id, invoice_id, key, amount, net, vat in allocations
        ],
    )
    for (period, _month), entry in sorted(entries.items()):
        payments.true_up_remittance(period, entry.occurred_on, actor, base=bases(period))
    return worked.posted


class _RunningBases:
    """SQLite: each month's remittance base (payments.remittance_base: the sum of its allocations'
    net or amount) kept by the import from chunk to chunk, each adding only the allocations written
    since it last looked — by the period's index from the last id seen, not the month's every
    allocation again (90 chunks of a statement summed 90 times a month growing to 90,000 rows:
    0.7 s). Exact on SQLite: one writer at a time, and a row inserted gets an id above every row
    there is (the rowid), so the allocations committed since a chunk looked are those above the
    last id it saw; allocations, like the journal, are never changed or deleted. The parts are
    summed as Decimal (each SQL sum to the cent, as remittance_base reads the month's). Elsewhere
    (PostgreSQL: ids drawn from a sequence commit in any order) None: the true-up sums the month."""

    def __init__(self):
        self.sqlite = db.session.get_bind().dialect.name == "sqlite"
        self.known = {}  # (month, base column) -> (last allocation id seen, the base up to it)

    def __call__(self, month: str) -> Decimal | None:
        if not self.sqlite:
            return None
        _rate, kind = periods.rate_and_base(month)
        column = Allocation.net if kind == "net" else Allocation.amount
        last_id, base = self.known.get((month, kind), (0, ZERO))
        added, top = db.session.execute(
            select(func.coalesce(func.sum(column), 0), func.max(Allocation.id)).where(
                Allocation.period == month, Allocation.id > last_id
            )
        ).one()
        if top is not None:
            base += from_db(added)
            self.known[month, kind] = (top, base)
        return base


def _post_receipts(statement: BankStatement, actor, unmatched_rows: list | None = None) -> dict:
    """The unmatched rest of the statement held as unidentified receipts until someone matches it
    by hand, per posting month and month of the money (_post_grouped): unmatched_rows
    ((period, booked_on, amount), summed per day) or, when None, read from the lines."""
    if unmatched_rows is None:
        unmatched_rows = [
            (p, d, from_db(a))
            for p, d, a in db.session.execute(
                select(StatementLine.period, StatementLine.booked_on, func.sum(StatementLine.amount))
                .where(StatementLine.statement_id == statement.id, StatementLine.status == "unmatched")
                .group_by(StatementLine.period, StatementLine.booked_on)
            ).all()
        ]
    groups, last_day = defaultdict(list), {}
    for period, booked_on, amount in unmatched_rows:
        booked_on = booked_on if isinstance(booked_on, date) else date.fromisoformat(str(booked_on))
        key = (period, periods.month_of(booked_on))
        groups[key].append((None, None, amount, ZERO, amount))
        last_day[key] = max(booked_on, last_day.get(key, booked_on))
    entries = {key: receipt_lines("bank", "bank", receipts) for key, receipts in groups.items()}
    return _post_grouped(statement, entries, last_day, actor)


def _post_grouped(statement: BankStatement, entries: dict, last_day: dict, actor) -> dict:
    """One journal entry per posting month and month of the money (lines dated in a closed month
    are an adjustment of their own, its note saying so), dated its last day: the bank is debited
    with everything received; receivables credited per invoice, credit per customer, and money
    from nobody known held as unidentified receipts. entries: {(period, month): its lines, as
    ledger.receipt_lines gives them, or balanced}."""
    return {
        key: post(
            "receipt",
            last_day[key],
            lines,
            memo=f"#{statement.id} {statement.filename}",
            source=("bank_statement", statement.id),
            actor=actor,
        )
        for key, lines in sorted(entries.items())
    }


def statement_summary(statement_id: int) -> dict:
    rows = db.session.execute(
        select(
            StatementLine.status,
            func.count(),
            func.coalesce(func.sum(StatementLine.amount), 0),
            func.coalesce(func.sum(StatementLine.applied), 0),
            func.coalesce(func.sum(StatementLine.credited), 0),
        )
        .where(StatementLine.statement_id == statement_id)
        .group_by(StatementLine.status)
    ).all()
    summary = {"lines": {}, "amount": {}, "applied": "0.00", "credited": "0.00"}
    applied = credited = ZERO
    for status, count, amount, line_applied, line_credited in rows:
        summary["lines"][status] = count
        summary["amount"][status] = str(from_db(amount))
        applied += from_db(line_applied)
        credited += from_db(line_credited)
    summary["applied"], summary["credited"] = str(applied), str(credited)
    return summary


def match_line(actor, line_id, invoice_number: str) -> StatementLine:
    """Finance matches a queued line by hand: the money leaves unidentified receipts for the
    invoice (and, beyond what it owes, the customer's credit)."""
    access.require_role(actor, *FINANCE)
    line = access.load_for_update(StatementLine, line_id, _l("No such statement line."))
    if not _imported(line.statement_id):
        raise NotFound(_l("No such statement line."))
    if line.status != "unmatched":
        raise Conflict(_l("Only an unmatched line can be matched by hand."))
    number = find_invoice_number(invoice_number or "") or (invoice_number or "").strip()[:24]
    invoice = db.session.scalar(select(Invoice).where(Invoice.number == number))
    if invoice is None:
        raise ValidationError(_l("Check the highlighted fields."), {"invoice_number": [_l("No such invoice.")]})
    if invoice.status == "void":
        raise ValidationError(_l("Check the highlighted fields."), {"invoice_number": [_l("That invoice is void.")]})
    payment = payments.receive(
        "bank",
        Decimal(line.amount),
        line.booked_on,
        f"BANK-{line.id}",
        invoice=invoice,
        payer_name=line.payer_name,
        payer_account=line.payer_account,
        matched_by="manual",
        statement_line_id=line.id,
        cash_account="unapplied_receipts",
        actor=actor,
    )
    db.session.refresh(invoice)
    line.invoice_id = invoice.id
    line.applied, line.credited = payment.applied, payment.credited
    line.status = rules.line_status(payment.credited, invoice.paid, invoice.total)
    line.matched_by, line.matched_at, line.matched_by_user_id = "manual", utcnow(), actor.id
    audit.record(
        actor,
        "statement.line_matched",
        "statement_line",
        line.id,
        before={"status": "unmatched"},
        after={"status": line.status, "invoice": invoice.number, "applied": str(payment.applied)},
    )
    db.session.flush()
    return line


def queue(actor, page: int, per_page: int, status: str = "unmatched") -> tuple[list[StatementLine], int]:
    access.require_role(actor, *FINANCE)
    query = select(StatementLine).where(StatementLine.status == status, StatementLine.statement_id.in_(IMPORTED))
    return page_of_query(
        query, page, per_page, StatementLine.booked_on, StatementLine.statement_id, StatementLine.line_no
    )


def statements(actor, page: int, per_page: int) -> tuple[list[BankStatement], int]:
    access.require_role(actor, *FINANCE)
    total = db.session.scalar(select(func.count()).select_from(BankStatement).where(BankStatement.status == "imported"))
    rows = db.session.scalars(
        select(BankStatement)
        .where(BankStatement.status == "imported")
        .order_by(BankStatement.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return list(rows), total


def first_lines(statement: BankStatement, limit: int = 500) -> list[StatementLine]:
    """The statement's lines in file order, as many as a page shows."""
    return list(
        db.session.scalars(
            select(StatementLine)
            .where(StatementLine.statement_id == statement.id)
            .order_by(StatementLine.line_no)
            .limit(limit)
        )
    )


def load_statement(actor, statement_id) -> BankStatement:
    access.require_role(actor, *FINANCE)
    statement = access.load(BankStatement, statement_id, _l("No such statement."))
    if statement.status != "imported":
        raise NotFound(_l("No such statement."))
    return statement


def _imported(statement_id: int) -> bool:
    return db.session.scalar(select(BankStatement.status).where(BankStatement.id == statement_id)) == "imported"


def start_import(actor, filename: str, stream) -> "Job":  # noqa: F821
    """Stream an upload to a file and start its import as a background job (see finance.tasks).
    An empty file or one without a statement's header row is refused at once."""
    access.require_role(actor, *FINANCE)
    # end the request's transaction (on SQLite: its write lock) before the upload is streamed to disk
    uow.commit_now("no transaction (nor SQLite's write lock) is held while an upload streams to disk")
    path, size, digest = limits.spool(stream, suffix=".csv")
    try:
        if not size:
            raise ValidationError(_l("Check the highlighted fields."), {"file": [_l("Choose a statement file.")]})
        with open(path, "rb") as upload:
            head = upload.read(64 * 1024)
        try:
            check_header(head)
            check_field_sizes(path, head)
        except StatementError as exc:
            raise ValidationError(_l("The statement cannot be imported."), {"file": exc.messages}) from None
    except ValidationError:
        os.unlink(path)
        raise
    # A new transaction began after the commit above: outside a request (a script, the CLI) it is
    # DEFERRED, and the job's INSERT after a read (the actor, expired by that commit) fails at once
    # on SQLite if anyone committed in between (core/locks.py)
    locks.take_write_lock()
    return jobs.submit(
        "statement_import",
        user=actor,
        path=path,
        filename=(filename or "statement.csv")[:255],
        size=size,
        sha256=digest,
    )
