"""Paging and integer arguments for every list: ?page=&per_page= (per_page at most 100)."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from core.errors import ValidationError
from core.extensions import db
from core.inputs import WHOLE_NUMBER

MAX_PER_PAGE = 100
MAX_PAGE = 10_000


def int_arg(args, name: str, default: int, lo: int, hi: int, strict: bool, fields: dict) -> int:
    """args[name] as an int within [lo, hi]. strict: record a field message; otherwise clamp."""
    raw = args.get(name) if name in args else None  # a MultiDict's get of a missing key raises inside
    if raw in (None, ""):
        return default
    text = str(raw).strip()
    if not WHOLE_NUMBER.fullmatch(text):
        if strict:
            fields[name] = [_l("Must be a whole number.")]
        return default
    value = int(text)
    if not lo <= value <= hi:
        if strict:
            fields[name] = [_l("Must be between %(lo)d and %(hi)d.", lo=lo, hi=hi)]
        return min(max(value, lo), hi)
    return value


def paging(args, default_per_page: int = 20, strict: bool = True, fields: dict | None = None) -> tuple[int, int]:
    """(page, per_page); with strict and no shared fields dict, a ValidationError on bad values."""
    own = fields is None
    fields = {} if own else fields
    page = int_arg(args, "page", 1, 1, MAX_PAGE, strict, fields)
    per_page = int_arg(args, "per_page", default_per_page, 1, MAX_PER_PAGE, strict, fields)
    if own and fields:
        raise ValidationError(_l("Check the paging parameters."), fields)
    return page, per_page


def list_body(items: list, total: int, page: int = 1, per_page: int | None = None) -> dict:
    """The contract's list shape: {"items", "total", "page", "per_page"}."""
    return {"items": items, "total": total, "page": page, "per_page": len(items) if per_page is None else per_page}


def page_of(items: list, page: int, per_page: int, shape=None) -> dict:
    """One page of an already-loaded list; shape() turns only that page's rows into dicts."""
    start = (page - 1) * per_page
    rows = items[start : start + per_page]
    return list_body([shape(r) for r in rows] if shape else rows, len(items), page, per_page)


def page_of_query(query, page: int, per_page: int, *order_by, unique: bool = False) -> tuple[list, int]:
    """One page of a select in the given order, and how many rows the select has in all."""
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.scalars(query.order_by(*order_by).offset((page - 1) * per_page).limit(per_page))
    return list(rows.unique() if unique else rows), total


def page_window(total: int, per_page: int, page: int) -> dict:
    """What the pager macro (core/templates/_macros.html) draws: the last page and up to two pages
    either side of this one."""
    last = max(1, -(-total // per_page))
    return {"last": last, "window": list(range(max(1, page - 2), min(last, page + 2) + 1)), "page": page}
