"""Catalog operations: reading departments and categories, searching, editing (audited), seeding."""

import json
import logging
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from flask import current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from accounts.models import Organisation
from catalog import vocab
from catalog.models import Category, Department
from catalog.search import SearchRequest, index, sync
from catalog.search import search as run_search
from catalog.search.fallback import search_database
from catalog.search.highlight import highlighted
from core import audit, inputs, locks, uow
from core.errors import NotFound, ValidationError
from core.extensions import db
from core.forms import clean_text
from core.i18n import is_english, locale_name
from core.paging import paging
from core.timeutil import parse_iso, utcnow

log = logging.getLogger(__name__)
SEED_DIR = Path(__file__).parent / "seed"
MAX_QUERY = 256
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


# ---- reading -------------------------------------------------------------------------------


def list_departments() -> list[dict]:
    rows = db.session.execute(
        select(Department, func.count(Category.id), func.coalesce(func.sum(Category.record_count), 0))
        .outerjoin(Category)
        .group_by(Department.id)
        .order_by(Department.code)
    ).all()
    return [department_to_dict(d, count, int(records)) for d, count, records in rows]


_CODE = re.compile(r"[A-Za-z0-9-]{1,32}")


def get_department(code: str) -> Department:
    if not _CODE.fullmatch(code or ""):
        raise NotFound(_l("No such department."))
    department = db.session.scalar(select(Department).where(Department.code == code.upper()))
    if department is None:
        raise NotFound(_l("No such department."))
    return department


def get_category(code: str) -> Category:
    if not _CODE.fullmatch(code or ""):
        raise NotFound(_l("No such data category."))
    category = db.session.scalar(select(Category).where(Category.code == code.upper()))
    if category is None:
        raise NotFound(_l("No such data category."))
    return category


def catalog_totals() -> dict:
    count, records = db.session.execute(
        select(func.count(Category.id), func.coalesce(func.sum(Category.record_count), 0))
    ).one()
    departments = db.session.scalar(select(func.count(Department.id)))
    return {"departments": departments, "categories": count, "records": int(records)}


def theme_counts() -> list[tuple[str, int]]:
    rows = db.session.execute(select(Category.theme, func.count()).group_by(Category.theme)).all()
    counts = dict(rows)
    return [(code, counts.get(code, 0)) for code in vocab.THEMES]


# ---- search --------------------------------------------------------------------------------


def parse_search_params(args, strict: bool = True) -> SearchRequest:
    """A SearchRequest from query-string arguments. strict (the API) refuses bad values with field
    messages; the web pages clamp them instead."""
    fields: dict[str, list] = {}
    # `in` first: a MultiDict's get of a missing key makes and catches an exception
    q = _CONTROL.sub(" ", (args.get("q", "") if "q" in args else "") or "").strip()
    if len(q) > MAX_QUERY:
        if strict:
            fields["q"] = [_l("At most %(n)d characters.", n=MAX_QUERY)]
        q = q[:MAX_QUERY]
    page, per_page = paging(args, 20, strict, fields)
    sort = (args.get("sort") if "sort" in args else None) or "relevance"
    if sort not in vocab.SORTS:
        if strict:
            fields["sort"] = [_l("One of: %(values)s.", values=", ".join(vocab.SORTS))]
        sort = "relevance"
    filters = {}
    known_departments = None
    for facet, vocabulary in vocab.FACETS.items():
        if facet not in args:
            continue  # no values (what _list_arg would find)
        values = [v.strip() for v in _list_arg(args, facet) if v.strip()]
        if not values:
            continue
        if facet == "department":
            known_departments = known_departments or set(db.session.scalars(select(Department.code)))
            values = [v.upper() for v in values]
            allowed = known_departments
        else:
            allowed = vocabulary
        unknown = [v for v in values if v not in allowed]
        if unknown and strict:
            fields[facet] = [_l("Unknown value: %(value)s.", value=unknown[0][:40])]
        filters[facet] = [v for v in values if v in allowed]
    if fields:
        raise ValidationError(_l("Check the search parameters."), fields)
    return SearchRequest(q=q, filters=filters, sort=sort, page=page, per_page=per_page, english=is_english())


def _list_arg(args, name: str) -> list[str]:
    values = args.getlist(name) if hasattr(args, "getlist") else [args.get(name, "")]
    return [part for v in values for part in (v or "").split(",")]


def search_categories(req: SearchRequest, searcher=None) -> dict:
    """The answer to a search. searcher: the index's, as the caller found it current for this request
    right after catching up with the change log (catalog.cache.checked_searcher); without one both
    are done here."""
    if searcher is None:
        catch_up_index(force=False)  # other nodes' edits (a look at the change log at most every SEARCH_SYNC_SECONDS)
    result = run_search(current_app.config["SEARCH_INDEX_DIR"], req, search_database, searcher)
    locale = locale_name()  # once: every result and facet value is labelled in it
    shapes = result.shapes if len(result.shapes) == len(result.codes) and None not in result.shapes else None
    if shapes is None and result.codes:  # no stored shapes (the database's answer, an older index): the rows
        by_code = {c.code: c for c in db.session.scalars(select(Category).where(Category.code.in_(result.codes)))}
        # indexed but since removed: left out (the index catches up on reindex)
        shapes = [index.category_shape(by_code[code]) for code in result.codes if code in by_code]
    items = []
    for shape in shapes or ():
        item = labelled(shape, locale)
        description = shape["description_en"] if req.english else shape["description_zh"]
        item["highlights"] = {
            "name_zh": highlighted(shape["name_zh"], result.words),
            "name_en": highlighted(shape["name_en"], result.words),
            "description": highlighted(description, result.words, snippet=140),
        }
        items.append(item)
    return {
        "items": items,
        "total": result.total,
        "page": req.page,
        "per_page": req.per_page,
        "facets": _facets_for_display(result.facets, req.filters, locale),
        "suggestion": result.suggestion,
        "source": result.source,
    }


@lru_cache(maxsize=1)
def department_short_names() -> dict[str, tuple[str, str]]:
    """code -> (short name zh, short name en). Departments change only when the catalog is seeded,
    which clears this; every search page labels its department facet from it."""
    return {d.code: (d.short_name_zh, d.short_name_en) for d in db.session.scalars(select(Department))}


def _facets_for_display(counts: dict[str, dict[str, int]], filters: dict[str, list[str]], locale: str) -> dict:
    names = department_short_names()
    english = locale.startswith("en")
    out = {}
    for facet, vocabulary in vocab.FACETS.items():
        values = dict(counts.get(facet, {}))
        for chosen in filters.get(facet, []):
            values.setdefault(chosen, 0)
        entries = []
        for value, count in values.items():
            if facet == "department":
                zh_en = names.get(value)
                label = (zh_en[1] if english else zh_en[0]) if zh_en else value
            else:
                label = vocab.label(vocabulary, value, locale)
            entries.append(
                {"value": value, "label": label, "count": count, "selected": value in filters.get(facet, [])}
            )
        entries.sort(key=lambda e: (-e["count"], e["value"]))
        out[facet] = entries
    return out


# ---- shapes --------------------------------------------------------------------------------


def department_to_dict(d: Department, category_count: int | None = None, record_count: int | None = None) -> dict:
    out = {
        "code": d.code,
        "name_zh": d.name_zh,
        "name_en": d.name_en,
        "short_name_zh": d.short_name_zh,
        "short_name_en": d.short_name_en,
    }
    if category_count is not None:
        out["category_count"] = category_count
        out["record_count"] = record_count
    return out


def category_to_dict(c: Category, locale: str | None = None) -> dict:
    """A category as the API shows it; labels in locale (default: the current locale)."""
    return labelled(index.category_shape(c), locale or str(get_locale()))


def labelled(shape: dict, locale: str) -> dict:
    """A category's shape (index.category_shape, or as the index stored it) with its labels in locale."""
    out = {}
    for key, value in shape.items():
        out[key] = value
        if key == "update_frequency":
            out["labels"] = {
                "theme": vocab.label(vocab.THEMES, shape["theme"], locale),
                "openness": vocab.label(vocab.OPENNESS, shape["openness"], locale),
                "grade": vocab.label(vocab.GRADES, shape["grade"], locale),
                "update_frequency": vocab.label(vocab.FREQUENCIES, value, locale),
            }
    return out


# ---- editing -------------------------------------------------------------------------------

EDITABLE = (
    "name_zh",
    "name_en",
    "description_zh",
    "description_en",
    "theme",
    "openness",
    "grade",
    "update_frequency",
    "record_count",
    "formats",
    "fields",
    "spatial_coverage_zh",
    "spatial_coverage_en",
    "time_coverage_start",
    "time_coverage_end",
    "keywords_zh",
    "keywords_en",
)


def _snapshot(c: Category) -> dict:
    d = category_to_dict(c)
    return {k: d[k] for k in EDITABLE}


def validate_category_changes(changes: dict) -> dict:
    """Clean values for the editable attributes, or ValidationError with every field's message."""
    fields: dict[str, list] = {}
    clean: dict = {}
    changes = {k: clean_text(v) if isinstance(v, str) else v for k, v in changes.items()}

    def fail(name, message):
        fields.setdefault(name, []).append(message)

    for name in ("name_zh", "name_en"):
        if name in changes:
            value = (changes[name] or "").strip()
            if not value:
                fail(name, _l("Required."))
            elif len(value) > 200:
                fail(name, _l("At most %(n)d characters.", n=200))
            clean[name] = value
    for name in ("description_zh", "description_en", "spatial_coverage_zh", "spatial_coverage_en"):
        if name in changes:
            value = (changes[name] or "").strip()
            if len(value) > (4000 if name.startswith("description") else 100):
                fail(name, _l("Too long."))
            elif name == "description_zh" and not value:
                fail(name, _l("Required."))  # the catalog feed must describe every dataset (DCAT-AP 3.0.1)
            clean[name] = value
    for name, vocabulary in (
        ("theme", vocab.THEMES),
        ("openness", vocab.OPENNESS),
        ("grade", vocab.GRADES),
        ("update_frequency", vocab.FREQUENCIES),
    ):
        if name in changes:
            if changes[name] not in vocabulary:
                fail(name, _l("Choose one of the listed values."))
            clean[name] = changes[name]
    if "record_count" in changes:
        try:
            clean["record_count"] = inputs.whole_number(changes["record_count"], 0, 10**13)
        except ValueError:
            fail("record_count", _l("A whole number, 0 or more."))
    if "formats" in changes:
        formats = [f for f in changes["formats"] or []]
        if any(f not in vocab.FORMATS for f in formats):
            fail("formats", _l("Choose one of the listed values."))
        elif not formats:
            fail("formats", _l("Choose at least one."))  # each format is a distribution in the feed
        clean["formats"] = [f for f in vocab.FORMATS if f in formats]
    for name in ("keywords_zh", "keywords_en"):
        if name in changes:
            raw = changes[name]
            words = raw if isinstance(raw, list) else re.split(r"[,，、;；\n]", raw or "")
            clean[name] = [clean_text(w).strip() for w in words if isinstance(w, str) and clean_text(w).strip()][:30]
    for name in ("time_coverage_start", "time_coverage_end"):
        if name in changes:
            raw = changes[name]
            if raw in (None, ""):
                clean[name] = None
            elif isinstance(raw, date):
                clean[name] = raw
            else:
                try:
                    clean[name] = date.fromisoformat(str(raw))
                except ValueError:
                    fail(name, _l("A date such as 2024-01-31."))
    start, end = clean.get("time_coverage_start"), clean.get("time_coverage_end")
    if start and end and end < start:
        fail("time_coverage_end", _l("Must not be before the start."))
    if "fields" in changes:
        clean["fields"] = _validate_fields(changes["fields"], fail)
    if fields:
        raise ValidationError(_l("Check the highlighted fields."), fields)
    return clean


def _validate_fields(raw, fail) -> list[dict]:
    out = []
    if not isinstance(raw, list):
        fail("fields", _l("A list of columns."))
        return out
    for n, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", str(item.get("name", ""))):
            fail("fields", _l("Column %(n)d: a name of lower-case letters, digits and _.", n=n))
            continue
        if item.get("type") not in vocab.FIELD_TYPES:
            fail("fields", _l("Column %(n)d: unknown type.", n=n))
            continue
        out.append(
            {
                "name": item["name"],
                "label_zh": clean_text(str(item.get("label_zh", "")))[:100],
                "label_en": clean_text(str(item.get("label_en", "")))[:100],
                "type": item["type"],
            }
        )
    return out


def update_category(actor, code: str, changes: dict) -> Category:
    # locked, so the audited "before" is what the edit really changed (two editors at once queue)
    category = locks.lock(get_category(code))
    clean = validate_category_changes(changes)
    before = _snapshot(category)
    for name, value in clean.items():
        setattr(category, name, value)
    after = _snapshot(category)
    changed = {k for k in EDITABLE if before[k] != after[k]}
    if not changed:
        db.session.rollback()
        return category
    category.updated_at = utcnow()
    audit.record(
        actor,
        "category.updated",
        "category",
        category.code,
        before={k: before[k] for k in sorted(changed)},
        after={k: after[k] for k in sorted(changed)},
    )
    sync.record_change(category.code)
    db.session.flush()
    # once committed, searchable here before the answer goes back (the request commits before it
    # answers); other nodes follow the log
    uow.after_commit(lambda: catch_up_index(force=True))
    return category


def catch_up_index(force: bool) -> None:
    """This node's index applies the changes it has not seen. A failure never fails the search or
    the (committed) edit: the next search tries again, and search falls back to the database."""
    try:
        sync.catch_up(force=force)
    except Exception:
        log.exception("the search index could not apply the catalog's latest changes")
        db.session.rollback()


def category_history(code: str) -> list[audit.AuditEntry]:
    return list(
        db.session.scalars(
            select(audit.AuditEntry)
            .where(audit.AuditEntry.object_type == "category", audit.AuditEntry.object_id == code.upper())
            .order_by(audit.AuditEntry.at.desc(), audit.AuditEntry.id.desc())
        )
    )


# ---- seeding and indexing -------------------------------------------------------------------


def load_seed() -> tuple[list[dict], list[dict]]:
    departments = json.loads((SEED_DIR / "departments.json").read_text(encoding="utf-8"))
    categories = json.loads((SEED_DIR / "categories.json").read_text(encoding="utf-8"))
    return departments, categories


def seed_catalog(progress=None, refresh: bool = False) -> dict:
    """Insert the shipped catalog's missing departments and categories. Idempotent: a second run
    changes nothing. Categories already present keep their (possibly edited) state unless refresh
    asks to overwrite them with the shipped values."""
    departments, categories = load_seed()
    by_code = {d.code: d for d in db.session.scalars(select(Department))}
    created = updated = 0
    for row in departments:
        department = by_code.get(row["code"]) or Department(code=row["code"])
        if department.id is None:
            db.session.add(department)
            created += 1
        for key in ("name_zh", "name_en", "short_name_zh", "short_name_en"):
            setattr(department, key, row[key])
        by_code[row["code"]] = department
        org = db.session.scalar(
            select(Organisation).where(Organisation.kind == "department", Organisation.code == row["code"])
        )
        if org is None:
            db.session.add(
                Organisation(
                    kind="department",
                    code=row["code"],
                    name_zh=row["name_zh"],
                    name_en=row["name_en"],
                    verification_status="verified",
                )
            )
    db.session.flush()
    existing = {c.code: c for c in db.session.scalars(select(Category))}
    changed = []
    for n, row in enumerate(categories, start=1):
        category = existing.get(row["code"])
        values = _seed_values(row, by_code)
        if category is None:
            db.session.add(Category(code=row["code"], **values))
            created += 1
            changed.append(row["code"])
        elif refresh and any(getattr(category, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(category, k, v)
            updated += 1
            changed.append(row["code"])
        if progress and (n % 50 == 0 or n == len(categories)):
            progress(n, len(categories))
    sync.record_change(*changed)  # other nodes' indexes follow; this one is rebuilt by the caller
    db.session.flush()
    department_short_names.cache_clear()
    return {"departments": len(departments), "categories": len(categories), "created": created, "updated": updated}


def _seed_values(row: dict, departments: dict) -> dict:
    values = {k: row[k] for k in EDITABLE if k in row and not k.startswith("time_coverage")}
    values["department"] = departments[row["department"]]
    for k in ("time_coverage_start", "time_coverage_end"):
        values[k] = date.fromisoformat(row[k]) if row.get(k) else None
    values["updated_at"] = parse_iso(row["updated_at"])
    return values


def reindex(progress=None) -> int:
    """Rebuild this node's index (optimised, one segment) from the database."""
    applied = sync.latest_change()  # read first: a change committed meanwhile is applied again later
    categories = db.session.scalars(select(Category).order_by(Category.code)).all()
    return index.rebuild(current_app.config["SEARCH_INDEX_DIR"], categories, len(categories), progress, applied)


def index_is_missing() -> bool:
    from whoosh import index as whoosh_index

    try:
        return not whoosh_index.exists_in(current_app.config["SEARCH_INDEX_DIR"])
    except Exception:
        return True
