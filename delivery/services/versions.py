"""Data versions behind a category: generated (CLI, demo) or uploaded by the department's steward,
checked against the declared columns with a quality report before acceptance. A refused upload
writes no file and no row: what is served does not change."""

import csv
import io
import os
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from catalog.models import Category
from core import audit, jobs, limits, locks, uow
from core.errors import NotFound, ValidationError
from core.extensions import db
from core.timeutil import isoformat_utc, utcnow
from delivery import generate, storage
from delivery.models import DataVersion
from delivery.services import policies
from marketplace.services import access

FORMATS = ("csv", "xlsx", "parquet")
MAX_UPLOAD = 512 * 1024 * 1024
# How old the latest version may be before the category page flags it stale (及时更新).
FRESHNESS = {"realtime": 1, "daily": 2, "weekly": 8, "monthly": 32, "quarterly": 93, "yearly": 367, "annual": 367}


def category_by_code(code) -> Category:
    category = db.session.scalar(select(Category).where(Category.code == str(code or "").upper()))
    if category is None:
        raise NotFound(_l("No such category."))
    return category


def latest(category_id: int) -> DataVersion | None:
    return db.session.scalar(
        select(DataVersion)
        .where(DataVersion.category_id == category_id, DataVersion.status == "accepted")
        .order_by(DataVersion.number.desc())
        .limit(1)
    )


def versions_of(category_id: int) -> list[DataVersion]:
    return list(
        db.session.scalars(
            select(DataVersion).where(DataVersion.category_id == category_id).order_by(DataVersion.number.desc())
        )
    )


def is_stale(category: Category, version: DataVersion | None, today: date | None = None) -> bool:
    if version is None:
        return True
    days = FRESHNESS.get(category.update_frequency, 367)
    return version.created_at.date() < (today or utcnow().date()) - timedelta(days=days)


def _fields(category) -> list[dict]:
    return list(category.fields or [])


def _next_number(category_id: int) -> int:
    return (
        db.session.scalar(select(func.max(DataVersion.number)).where(DataVersion.category_id == category_id)) or 0
    ) + 1


def _accept(actor, category, table: pa.Table, source: str, original_name: str, report: dict) -> DataVersion:
    number = _next_number(category.id)
    file_name = storage.write_version(category.code, number, table)
    version = DataVersion(
        category_id=category.id,
        number=number,
        status="accepted",
        source=source,
        file_name=file_name,
        original_name=original_name,
        row_count=table.num_rows,
        report=report,
        created_by_id=getattr(actor, "id", None),
    )
    db.session.add(version)
    db.session.flush()
    audit.record(
        actor, "data_version.accepted", "category", category.code, after={"version": number, "rows": table.num_rows}
    )
    policies.ensure(category)
    return version


def generate_version(category: Category, rows: int | None = None, seed: int = 1, actor=None) -> DataVersion:
    rows = rows if rows is not None else max(1, category.record_count or 1000)
    snapshot = {
        "code": category.code,
        "fields": _fields(category),
        "time_coverage_start": category.time_coverage_start,
        "time_coverage_end": category.time_coverage_end,
    }
    table = generate.synthesise(snapshot, rows, seed=seed)
    report = {
        "rows": rows,
        "seed": seed,
        "columns": [{"name": f["name"], "type": f["type"]} for f in snapshot["fields"]],
    }
    version = _accept(actor, category, table, "generated", f"generated seed={seed}", report)
    db.session.flush()
    return version


# ---- upload ----------------------------------------------------------------------------------------
def _decode(raw: bytes) -> tuple[str, str]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding), "utf-8" if encoding == "utf-8-sig" else "gbk"
        except UnicodeDecodeError:
            continue
    raise ValidationError(_l("The file is neither UTF-8 nor GBK text."), {"file": [_l("Unreadable encoding.")]})


def _read_strings(raw: bytes, kind: str) -> tuple[dict[str, pa.Array], str, list[int] | None]:
    """Every column as strings (empty → null), whatever the format, and each row's line in the file
    (None: row i is on line i + 2, after the header; Parquet rows are numbered from 1)."""
    if kind == "csv":
        text, encoding = _decode(raw)
        reader = csv.reader(io.StringIO(text))
        header = next(reader, None)
        if not header:
            raise ValidationError(_l("The file is empty."), {"file": [_l("No header row.")]})
        columns = [[] for _ in header]
        lines = []
        for line in reader:
            if not line:
                continue
            lines.append(reader.line_num)
            for i in range(len(header)):
                value = line[i].strip() if i < len(line) else ""
                columns[i].append(value or None)
        return {h.strip(): pa.array(c, pa.string()) for h, c in zip(header, columns, strict=True)}, encoding, lines
    if kind == "xlsx":
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except Exception:  # noqa: BLE001 — any unreadable workbook is the uploader's error
            raise ValidationError(_l("The workbook could not be read."), {"file": [_l("Not an XLSX file.")]}) from None
        rows = book.active.iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
        columns = [[] for _ in header]
        for row in rows:
            for i in range(len(header)):
                value = row[i] if i < len(row) else None
                if hasattr(value, "isoformat"):
                    value = value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()
                    value = value.removesuffix(" 00:00:00")
                columns[i].append(None if value in (None, "") else str(value))
        return {h: pa.array(c, pa.string()) for h, c in zip(header, columns, strict=True)}, "xlsx", None
    try:
        table = pq.read_table(io.BytesIO(raw))
    except Exception:  # noqa: BLE001
        raise ValidationError(
            _l("The Parquet file could not be read."), {"file": [_l("Not a Parquet file.")]}
        ) from None
    out = {}
    for name in table.column_names:
        column = table.column(name).combine_chunks()
        out[name] = column if pa.types.is_string(column.type) else pc.cast(column, pa.string())
    return out, "parquet", [i + 1 for i in range(table.num_rows)]


_PATTERNS = {
    "integer": r"^[+-]?\d{1,18}$",
    "decimal": r"^[+-]?\d{1,15}(\.\d+)?$",
    "boolean": r"^(?i:true|false|1|0|是|否|t|f|yes|no)$",
}


SAMPLES = 5  # sample values (with their lines) a report shows per problem


def _convert(values: pa.Array, kind: str) -> tuple[pa.Array, int]:
    """(typed column, number of non-empty values that are not of the declared type)."""
    present = pc.invert(pc.is_null(values))
    if kind in ("string", "geometry"):
        return values, 0
    if kind in _PATTERNS:
        ok = pc.match_substring_regex(values, _PATTERNS[kind])
        ok = pc.fill_null(ok, False)
        bad = int(pc.sum(pc.and_(present, pc.invert(ok))).as_py() or 0)
        clean = pc.if_else(ok, values, pa.scalar(None, pa.string()))
        if kind == "integer":
            return pc.cast(clean, pa.int64()), bad
        if kind == "boolean":
            truthy = pc.is_in(pc.utf8_lower(clean), pa.array(["true", "1", "是", "t", "yes"]))
            return pc.if_else(pc.is_null(clean), pa.scalar(None, pa.bool_()), truthy), bad
        floats = pc.cast(clean, pa.float64()).to_numpy(zero_copy_only=False)
        mask = np.isnan(floats)
        cents = np.round(np.nan_to_num(floats) * 100).astype(np.int64)
        typed = generate._decimals(cents)
        return pc.if_else(pa.array(mask), pa.scalar(None, typed.type), typed), bad
    if kind == "date":
        normalised = pc.replace_substring(values, "/", "-")
        parsed = pc.strptime(normalised, format="%Y-%m-%d", unit="s", error_is_null=True)
        bad = int(pc.sum(pc.and_(present, pc.is_null(parsed))).as_py() or 0)
        return pc.cast(parsed, pa.date32()), bad
    if kind == "datetime":
        normalised = pc.replace_substring(pc.replace_substring(values, "/", "-"), "T", " ")
        parsed = pc.strptime(normalised, format="%Y-%m-%d %H:%M:%S", unit="s", error_is_null=True)
        bad = int(pc.sum(pc.and_(present, pc.is_null(parsed))).as_py() or 0)
        return parsed, bad
    return values, 0


def _first(mask: pa.Array) -> list[int]:
    """The first few row indexes where the mask is true."""
    hits = np.flatnonzero(pc.fill_null(mask, False).to_numpy(zero_copy_only=False))
    return [int(i) for i in hits[:SAMPLES]]


def _line(lines: list[int] | None, index: int) -> int:
    """The row's line in the file (CSV: the reader's line; XLSX: the sheet's row; Parquet: from 1)."""
    if lines is not None:
        return lines[index]
    return index + 2


def check_upload(category: Category, raw: bytes, filename: str, progress=None) -> tuple[pa.Table | None, dict]:
    """The quality report, and the typed table when it passes: the declared columns exactly
    (names and types), identifiers present on every row."""
    kind = Path(filename or "").suffix.lower().lstrip(".")
    if kind not in FORMATS:
        raise ValidationError(_l("Upload CSV, XLSX or Parquet."), {"file": [_l("Unsupported file type.")]})
    if len(raw) > MAX_UPLOAD:
        raise ValidationError(_l("The file is too large."), {"file": [_l("At most 512 MB.")]})
    columns, encoding, lines = _read_strings(raw, kind)
    if progress:
        progress(0.4)
    fields = _fields(category)
    declared = [f["name"] for f in fields]
    roles = policies.roles_for(category)
    report = {
        "file": filename,
        "format": kind,
        "encoding": encoding,
        "rows": len(next(iter(columns.values()))) if columns else 0,
        "missing": [name for name in declared if name not in columns],
        "unexpected": [name for name in columns if name not in declared],
        "columns": [],
        "accepted": False,
    }
    arrays = []
    for field in fields:
        if field["name"] not in columns:
            continue
        raw_values = columns[field["name"]]
        typed, bad = _convert(raw_values, field["type"])
        null_mask = pc.is_null(raw_values)
        nulls = int(pc.sum(null_mask).as_py() or 0)
        required = bool(field.get("required")) or roles.get(field["name"]) == "identifier"
        bad_mask = pc.and_(pc.invert(null_mask), pc.is_null(typed))
        report["columns"].append(
            {
                "name": field["name"],
                "type": field["type"],
                "rows": len(raw_values),
                "nulls": nulls,
                "type_errors": bad,
                "type_error_samples": [
                    {"line": _line(lines, i), "value": str(raw_values[i].as_py())[:100]} for i in _first(bad_mask)
                ]
                if bad
                else [],
                "required": required,
                "required_nulls": nulls if required else 0,
                "required_null_lines": [_line(lines, i) for i in _first(null_mask)] if required and nulls else [],
            }
        )
        arrays.append(typed.cast(storage.ARROW_TYPES.get(field["type"], pa.string())))
    if progress:
        progress(0.8)
    problems = []
    if report["missing"]:
        problems.append(str(_l("Missing columns: %(names)s.", names=", ".join(report["missing"]))))
    if report["unexpected"]:
        problems.append(str(_l("Columns not declared: %(names)s.", names=", ".join(report["unexpected"]))))
    for col in report["columns"]:
        if col["type_errors"]:
            samples = "; ".join(
                str(_l("line %(line)d: %(value)s", line=x["line"], value=x["value"])) for x in col["type_error_samples"]
            )
            problems.append(
                str(
                    _l(
                        "%(name)s: %(n)d values are not of type %(type)s (%(samples)s).",
                        name=col["name"],
                        n=col["type_errors"],
                        type=col["type"],
                        samples=samples,
                    )
                )
            )
        if col["required_nulls"]:
            problems.append(
                str(
                    _l(
                        "%(name)s: %(n)d rows have no value (lines %(lines)s…).",
                        name=col["name"],
                        n=col["required_nulls"],
                        lines=", ".join(str(n) for n in col["required_null_lines"]),
                    )
                )
            )
    if report["rows"] == 0:
        problems.append(str(_l("The file has no rows.")))
    report["problems"] = problems
    if problems:
        return None, report
    report["accepted"] = True
    return pa.Table.from_arrays(arrays, names=declared), report


def upload(actor, code, raw: bytes, filename: str, progress=None) -> DataVersion:
    """The department's steward (or an operator) uploads a version. A refused file is kept as a
    version with status `refused` and its report (no data file; the served version does not change)
    and raises a ValidationError carrying the report."""
    category = category_by_code(code)
    _require_provider(actor, category)
    table, report = check_upload(category, raw, filename, progress)
    if table is None:
        refused = _refuse(actor, category, filename, report)
        error = ValidationError(
            _l("The file does not match the category's declared columns."), {"file": report["problems"]}
        )
        error.report = report
        error.result = {"report": report, "version": shape(refused)}
        raise error
    version = _accept(actor, category, table, "upload", filename, report)
    db.session.flush()
    if progress:
        progress(1.0)
    return version


def _refuse(actor, category, filename: str, report: dict) -> DataVersion:
    """The refused upload recorded with its report, so the steward's page and the API show what is
    wrong; it has no file and is never served (latest() reads accepted versions only)."""
    locks.take_write_lock()
    version = DataVersion(
        category_id=category.id,
        number=_next_number(category.id),
        status="refused",
        source="upload",
        original_name=(filename or "")[:255],
        row_count=int(report.get("rows") or 0),
        report=report,
        created_by_id=getattr(actor, "id", None),
    )
    db.session.add(version)
    db.session.flush()
    audit.record(
        actor,
        "data_version.refused",
        "category",
        category.code,
        after={"version": version.number, "problems": len(report.get("problems") or [])},
    )
    uow.commit_now("a refused upload is kept with its report, although the upload fails")
    return version


def start_upload(actor, code, filename: str, stream):
    """Spool the upload to a file and check and accept it as a background job (delivery.tasks).
    Who may upload and whether the type is one we read are answered at once."""
    category = category_by_code(code)
    _require_provider(actor, category)
    kind = Path(filename or "").suffix.lower().lstrip(".")
    if kind not in FORMATS:
        raise ValidationError(_l("Upload CSV, XLSX or Parquet."), {"file": [_l("Unsupported file type.")]})
    path, size, _digest = limits.spool(stream, suffix="." + kind)
    if not size:
        os.unlink(path)
        raise ValidationError(_l("The file is empty."), {"file": [_l("No header row.")]})
    return jobs.submit(
        "data_version_upload", user=actor, path=path, code=category.code, filename=(filename or "")[:255], size=size
    )


def is_provider(actor, category) -> bool:
    """The providing department's steward, or the operator."""
    if actor.role in access.OPERATOR_ROLES:
        return True
    return actor.role == "steward" and access.steward_department_id(actor) == category.department_id


def _require_provider(actor, category) -> None:
    access.signed_in(actor)
    if not is_provider(actor, category):
        raise access.Forbidden(_l("Only the providing department's steward uploads this category's data."))


def listed_for(viewer, category) -> list[DataVersion]:
    """The category's versions, newest first; refused uploads (their reports quote the file's
    values) only to the providing department's steward and the operator."""
    access.signed_in(viewer)
    items = versions_of(category.id)
    if is_provider(viewer, category):
        return items
    return [v for v in items if v.status == "accepted"]


def shape(version: DataVersion) -> dict:
    return {
        "id": version.id,
        "category": version.category.code,
        "version": version.number,
        "status": version.status,
        "source": version.source,
        "rows": version.row_count,
        "file": version.original_name,
        "created_at": isoformat_utc(version.created_at),
        "stale": is_stale(version.category, version) if version.status == "accepted" else False,
        "report": version.report,
    }
