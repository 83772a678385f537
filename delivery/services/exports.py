"""受控出网: the enterprise asks for an export (SQL and purpose) — refused while its usage feedback is
overdue, when the terms say so; the department's steward approves or refuses, and the operator too
where the terms say so (delivery/states.py); the finally approved export is computed once by a
background job, fingerprinted for the agreement and downloadable a limited number of times until a
deadline. Termination kills the link."""

import contextlib
import csv
import io
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from core import audit, jobs, locks, uow
from core.errors import Conflict, Forbidden, NotFound, ValidationError
from core.extensions import db
from core.timeutil import isoformat_utc, utcnow
from delivery import fingerprint, states, storage
from delivery.gateway import checker, engine
from delivery.gateway.refusals import QueryRefused
from delivery.models import AgreementLedger, ExportRequest
from delivery.services import queries, terms
from delivery.states import EXPORT
from marketplace.models import Agreement, Authorisation
from marketplace.services import access
from marketplace.services.agreements import feedback_schedule, party_of, visible_agreement
from marketplace.services.validation import Fields

NOT_FOUND = _l("No such export.")
MAX_ROWS = 200_000
FORMATS = ("csv", "parquet")


def request_export(actor, agreement_id, data: dict) -> ExportRequest:
    started = time.perf_counter()
    agreement = terms.usable(actor, agreement_id)
    if agreement.delivery_mode != "controlled_export":
        raise Conflict(_l("This agreement's delivery mode does not allow exports."))
    _feedback_gate(actor, agreement, data, started)
    f = Fields(data)
    sql = f.text("sql", max_length=checker.MAX_SQL)
    purpose = f.text("purpose", max_length=2000)
    file_format = data.get("format") or "csv"
    if file_format not in FORMATS:
        f.errors["format"] = [_l("CSV or Parquet.")]
    f.done()
    try:
        checked, _used, _k = queries._plan(agreement, sql)
    except QueryRefused as refusal:
        queries._log(agreement, actor, "export", sql, "refused", started, rule=refusal.rule, message=refusal.message)
        uow.commit_now(queries.REFUSAL_LOGGED)
        raise
    export = ExportRequest(
        agreement_id=agreement.id, requested_by_id=actor.id, sql_text=sql, purpose=purpose, file_format=file_format
    )
    db.session.add(export)
    db.session.flush()
    audit.record(actor, "export.requested", "agreement", agreement.number, after={"export": export.id})
    queries._log(
        agreement,
        actor,
        "export",
        sql,
        "ok",
        started,
        tables=checked.tables,
        sql_fingerprint=checked.fingerprint,
        message="requested",
    )
    return export


def _feedback_gate(actor, agreement: Agreement, data: dict, started: float) -> None:
    """Overdue usage feedback blocks new export requests when the terms say so (the default)."""
    if not agreement.feedback_blocks_exports:
        return
    schedule = feedback_schedule(agreement)
    if not schedule["overdue"]:
        return
    message = _l(
        "The usage feedback of agreement %(number)s was due on %(due)s and is overdue: file the usage report "
        "before requesting new exports.",
        number=agreement.number,
        due=schedule["due"].isoformat(),
    )
    sql = data.get("sql") if isinstance(data.get("sql"), str) else ""
    queries._log(agreement, actor, "export", sql, "conflict", started, rule="feedback_overdue", message=str(message))
    uow.commit_now(queries.REFUSAL_LOGGED)
    raise Conflict(message)


def visible_export(viewer, export_id) -> ExportRequest:
    export = access.load(ExportRequest, export_id, NOT_FOUND)
    try:
        visible_agreement(viewer, export.agreement_id)
    except NotFound:
        raise NotFound(NOT_FOUND) from None
    return export


def decider(viewer, export: ExportRequest) -> str | None:
    """The party the viewer decides for: "operator", "department" or None."""
    if viewer.role in access.OPERATOR_ROLES:
        return "operator"
    if party_of(viewer, export.agreement) == "department":
        return "department"
    return None


def may_decide(viewer, export: ExportRequest) -> bool:
    """Whether the viewer decides on the export now (for the buttons a page shows)."""
    party = decider(viewer, export)
    if party is None:
        return False
    transition = EXPORT.transition(states.action_for(True, party, export.agreement.export_operator_approval))
    return party in transition.roles and export.status in transition.sources


def pending_for(viewer) -> list[ExportRequest]:
    """The export requests waiting for the viewer's decision (the steward's and the operator's page)."""
    return [e for e in exports_for(viewer, status="requested,awaiting_operator") if may_decide(viewer, e)]


def awaiting_clause(user):
    """The export requests whose next decision is the user's (states.awaiting), as a WHERE clause for
    the inbox and its badge: a request waits for its providing department's steward; one the
    department approved where the terms ask for the operator too waits for the operator (or an
    administrator). None for anyone else."""
    if user.role == "steward":
        department = access.steward_department_id(user)
        return (ExportRequest.status == "requested") & ExportRequest.agreement.has(
            Agreement.authorisations.any(Authorisation.department_id == department)
        )
    if user.role in access.OPERATOR_ROLES:
        return ExportRequest.status == "awaiting_operator"
    return None


def decide(actor, export_id, data: dict) -> ExportRequest:
    """The department's steward decides; where the terms ask for it, the operator then decides too.
    The final approval queues the job that makes the file."""
    export = visible_export(actor, export_id)
    party = decider(actor, export)
    if party is None:
        raise Forbidden(_l("Only the providing department's steward or the operator decides on exports."))
    approve = data.get("approve")
    if not isinstance(approve, bool):
        raise ValidationError(_l("Check the highlighted fields."), {"approve": [_l("true or false.")]})
    reason = str(data.get("reason") or "")[:2000]
    export = access.load_for_update(ExportRequest, export.id, NOT_FOUND)
    agreement = export.agreement
    action = states.action_for(approve, party, agreement.export_operator_approval)
    transition = EXPORT.transition(action)
    if party not in transition.roles:
        raise Forbidden(_l("Only the providing department's steward or the operator decides on exports."))
    if export.status not in transition.sources:
        raise Conflict(_decided_message(export, party))
    if agreement.status != "active":
        raise Conflict(_l("Access has ended: the agreement is no longer in force."))
    before = export.status
    export.status = transition.target
    if reason or not approve:
        export.reason = reason
    if action.startswith("operator_"):
        export.operator_decided_by_id, export.operator_decided_at = actor.id, utcnow()
    else:
        export.decided_by_id, export.decided_at = actor.id, utcnow()
    if export.status == "approved":
        job = jobs.submit("export_file", user=actor, export_id=export.id)
        export.job_id = job.id
    audit.record(
        actor,
        "export.approved" if approve else "export.refused",
        "agreement",
        agreement.number,
        before={"status": before},
        after={"export": export.id, "by": party, "status": export.status, "reason": reason},
    )
    db.session.flush()
    return export


def _decided_message(export: ExportRequest, party: str):
    if export.status == "awaiting_operator" and party == "department":
        return _l("The department has approved this export; it awaits the operator's decision.")
    if export.status == "requested" and party == "operator":
        return _l("The agreement's terms ask the providing department to decide first, then the operator.")
    return _l("This export has already been decided.")


# ---- the file, made by a background job (delivery.tasks) ---------------------------------------
def make_file(export_id: int) -> ExportRequest | None:
    """Run the approved export's query and write its fingerprinted file, outside any write
    transaction; the export becomes `ready` only if it is still preparing (a termination meanwhile
    revokes it, and the file is removed). Safe to run again after a dead attempt."""
    locks.take_write_lock()
    claimed = db.session.execute(
        update(ExportRequest)
        .where(ExportRequest.id == export_id, ExportRequest.status.in_(EXPORT.transition("prepare").sources))
        .values(status="preparing")
        .execution_options(synchronize_session=False)
    )
    uow.commit_now("the export is claimed (preparing) before its query runs outside any transaction")
    if claimed.rowcount != 1:
        return None
    export = db.session.get(ExportRequest, export_id)
    db.session.refresh(export)
    name, rows = _produce(export, export.agreement)
    locks.take_write_lock()
    done = db.session.execute(
        update(ExportRequest)
        .where(ExportRequest.id == export_id, ExportRequest.status == "preparing")
        .values(
            status="ready",
            file_name=name,
            row_count=rows,
            downloads_left=int(current_app.config.get("EXPORT_DOWNLOADS", 3)),
            expires_at=utcnow() + timedelta(days=int(current_app.config.get("EXPORT_DAYS", 7))),
        )
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
    if done.rowcount != 1:
        _remove_file(name)
        return None
    export = db.session.get(ExportRequest, export_id)
    db.session.refresh(export)
    return export


def file_failed(job_id: int) -> None:
    """The export's job failed for good: the export says so, and no half-made file is left."""
    export = db.session.scalar(select(ExportRequest).where(ExportRequest.job_id == job_id))
    if export is None:
        return
    locks.take_write_lock()
    db.session.execute(
        update(ExportRequest)
        .where(ExportRequest.id == export.id, ExportRequest.status.in_(EXPORT.transition("fail").sources))
        .values(status="failed")
        .execution_options(synchronize_session=False)
    )
    _remove_file(_file_name(export))


def _file_name(export: ExportRequest) -> str:
    return f"exports/{export.agreement.number}-{export.id}.{export.file_format}"


def _remove_file(name: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        (storage.data_dir() / name).unlink()


def _produce(export: ExportRequest, agreement: Agreement) -> tuple[str, int]:
    checked, used, _k = queries._plan(agreement, export.sql_text)
    tree = checked.tree.copy()
    limit = tree.args.get("limit")
    if limit is None:
        tree = tree.limit(MAX_ROWS + 1)
    sources = {d.table: str(storage.duckdb_path(d.version.file_name)) for d in used}
    ledger = terms.ledger(agreement)
    secret, columns, outputs = ledger.secret, [o.name for o in checked.outputs], checked.outputs
    name, file_format = _file_name(export), export.file_format
    uow.commit_now("DuckDB runs outside any database transaction")
    result = engine.run(
        agreement.id,
        tree.sql(dialect="duckdb"),
        sources,
        max_rows=MAX_ROWS,
        time_limit=60.0,
        memory_limit=current_app.config.get("DELIVERY_MEMORY_LIMIT", "512MB"),
        threads=int(current_app.config.get("DELIVERY_THREADS", 2)),
    )
    rows = []
    for row in result.rows:
        out = []
        for value, output in zip(row, outputs, strict=False):
            if output.role == "identifier":
                value = queries.token(secret, value)
            elif output.role == "sensitive":
                value = queries.MASK
            out.append(value)
        rows.append(out)
    numeric = {
        name
        for i, name in enumerate(columns)
        if rows and all(isinstance(r[i], Decimal) or r[i] is None for r in rows) and any(r[i] is not None for r in rows)
    }
    rows = fingerprint.mark(secret, columns, rows, numeric)
    folder = storage.data_dir() / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    path = storage.data_dir() / name
    if file_format == "parquet":
        table = pa.Table.from_pylist([dict(zip(columns, r, strict=False)) for r in rows]) if rows else pa.table({})
        pq.write_table(table, path)
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        writer.writerows([["" if v is None else v for v in r] for r in rows])
        path.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")
    return name, len(rows)


def download(actor, export_id) -> tuple[Path, str]:
    """(file path, download name); counts one download, atomically."""
    export = visible_export(actor, export_id)
    if party_of(actor, export.agreement) != "consumer":
        raise Forbidden(_l("Only the enterprise of the agreement downloads its exports."))
    terms.usable(actor, export.agreement_id)
    if export.status != "ready":
        raise Conflict(_l("This export is not available (%(status)s).", status=EXPORT.label(export.status)))
    if export.expires_at and export.expires_at < utcnow():
        raise Conflict(_l("The download link has expired."))
    taken = db.session.execute(
        update(ExportRequest)
        .where(ExportRequest.id == export.id, ExportRequest.status == "ready", ExportRequest.downloads_left > 0)
        .values(downloads_left=ExportRequest.downloads_left - 1)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:
        db.session.rollback()
        raise Conflict(_l("No downloads are left for this export."))
    audit.record(actor, "export.downloaded", "agreement", export.agreement.number, after={"export": export.id})
    uow.commit_now("a download is counted and audited although a GET serves it")
    return storage.data_dir() / export.file_name, Path(export.file_name).name


def exports_for(viewer, agreement_id=None, status=None) -> list[ExportRequest]:
    query = select(ExportRequest).order_by(ExportRequest.id.desc())
    if agreement_id is not None:
        visible_agreement(viewer, agreement_id)
        query = query.where(ExportRequest.agreement_id == int(agreement_id))
    if status:
        query = query.where(ExportRequest.status.in_(status.split(",")))
    items = list(db.session.scalars(query.limit(500)))
    out = []
    for export in items:
        try:
            visible_agreement(viewer, export.agreement_id)
        except NotFound:
            continue
        if viewer.role == "steward" and party_of(viewer, export.agreement) != "department":
            continue
        out.append(export)
    return out


def shape(export: ExportRequest) -> dict:
    return {
        "id": export.id,
        "agreement_id": export.agreement_id,
        "agreement": export.agreement.number,
        "status": export.status,
        "status_label": EXPORT.label(export.status),
        "awaiting": states.awaiting(export.status),
        "operator_approval": export.agreement.export_operator_approval,
        "job_id": export.job_id,
        "sql": export.sql_text,
        "purpose": export.purpose,
        "format": export.file_format,
        "reason": export.reason,
        "rows": export.row_count,
        "downloads_left": export.downloads_left,
        "expires_at": isoformat_utc(export.expires_at),
        "created_at": isoformat_utc(export.created_at),
        "decided_at": isoformat_utc(export.decided_at),
        "operator_decided_at": isoformat_utc(export.operator_decided_at),
    }


# ---- tracing a leaked file ------------------------------------------------------------------------
def read_file(path: Path) -> tuple[list[str], list[list]]:
    if path.suffix.lower() == ".parquet":
        table = pq.read_table(path)
        return table.column_names, [list(r.values()) for r in table.to_pylist()]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    reader = list(csv.reader(io.StringIO(text)))
    return reader[0], [[v if v != "" else None for v in r] for r in reader[1:] if r]


def trace(path: Path) -> list[dict]:
    """The agreements whose marks the file carries (normally one; none for a file from no agreement)."""
    columns, rows = read_file(path)
    found = []
    agreement_ids = select(ExportRequest.agreement_id).where(ExportRequest.file_name != "").distinct()
    for ledger in db.session.scalars(select(AgreementLedger).where(AgreementLedger.agreement_id.in_(agreement_ids))):
        hit, total = fingerprint.score(ledger.secret, columns, rows)
        if total >= fingerprint.MIN_VOTES and hit / total >= fingerprint.MATCH_RATE:
            agreement = db.session.get(Agreement, ledger.agreement_id)
            found.append(
                {
                    "agreement": agreement.number,
                    "agreement_id": agreement.id,
                    "consumer": agreement.consumer.name_zh,
                    "marks": total,
                    "matching": hit,
                }
            )
    return sorted(found, key=lambda f: -f["matching"] / f["marks"])
