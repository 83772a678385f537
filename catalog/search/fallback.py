"""Search from SQL when the index is missing or broken: substring match on names, keywords and
descriptions, the same filters, facets and sorts. A word in Latin letters is also looked for by its
English stem (`licences` finds "licence") and as pinyin, full or initials (`yyzz` finds 营业执照), with
the pinyin terms the index would hold, worked out from the database and kept per category until it
changes. Answers say source "database" so pages and clients can tell search is degraded."""

import threading

from sqlalchemy import String, and_, cast, desc, func, or_, select, true

from catalog.models import Category, Department
from catalog.search.analysis import pinyin_terms
from catalog.search.query import FACET_FIELDS, SearchRequest, SearchResult, query_words
from core.extensions import db

_pinyin: dict[str, tuple] = {}  # category code -> (updated_at, frozenset of pinyin terms)
_pinyin_lock = threading.Lock()

_COLUMNS = {
    "department": Department.code,
    "theme": Category.theme,
    "openness": Category.openness,
    "grade": Category.grade,
    "frequency": Category.update_frequency,
}


def _like(word: str):
    pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    columns = (
        Category.name_zh,
        Category.name_en,
        Category.description_zh,
        Category.description_en,
        cast(Category.keywords_zh, String),
        cast(Category.keywords_en, String),
    )
    return or_(*(func.lower(c).like(pattern, escape="\\") for c in columns))


def _pinyin_codes(words: set[str]) -> dict[str, set[str]]:
    """For each Latin-letter word, the codes of the categories whose pinyin terms hold it."""
    rows = db.session.execute(select(Category.code, Category.updated_at, Category.name_zh, Category.keywords_zh))
    found: dict[str, set[str]] = {w: set() for w in words}
    with _pinyin_lock:
        for code, updated_at, name_zh, keywords_zh in rows:
            known = _pinyin.get(code)
            if known is None or known[0] != updated_at:
                known = _pinyin[code] = (updated_at, frozenset(pinyin_terms([name_zh, *(keywords_zh or [])])))
            for word in words:
                if word in known[1]:
                    found[word].add(code)
    return found


def _word_condition(word, pinyin: dict[str, set[str]]):
    if word.chinese:
        return _like(word.raw)
    alternatives = [_like(word.raw)]
    if word.text != word.raw:
        alternatives.append(_like(word.text))  # the English stem
    if pinyin.get(word.raw):
        alternatives.append(Category.code.in_(sorted(pinyin[word.raw])))
    return or_(*alternatives)


def _conditions(req: SearchRequest, skip: str | None = None, pinyin: dict | None = None) -> list:
    words = query_words(req.q)
    if pinyin is None:
        latin = {w.raw for w in words if not w.chinese and w.raw.isalpha()}
        pinyin = _pinyin_codes(latin) if latin else {}
    conds = [_word_condition(w, pinyin) for w in words]
    for facet, values in req.filters.items():
        if values and facet != skip:
            conds.append(_COLUMNS[facet].in_(values))
    return conds


def search_database(req: SearchRequest) -> SearchResult:
    base = select(Category.code).join(Department)
    latin = {w.raw for w in query_words(req.q) if not w.chinese and w.raw.isalpha()}
    pinyin = _pinyin_codes(latin) if latin else {}
    where = and_(true(), *_conditions(req, pinyin=pinyin))
    order = {
        "records": [desc(Category.record_count)],
        "updated": [desc(Category.updated_at)],
        "name": [Category.name_en if req.english else Category.name_zh],
    }.get(req.sort, [Category.code])
    total = db.session.scalar(select(func.count()).select_from(base.where(where).subquery()))
    codes = db.session.scalars(
        base.where(where).order_by(*order, Category.code).offset((req.page - 1) * req.per_page).limit(req.per_page)
    ).all()
    facets = {}
    for facet in FACET_FIELDS:
        column = _COLUMNS[facet]
        rows = db.session.execute(
            select(column, func.count())
            .select_from(Category)
            .join(Department)
            .where(and_(true(), *_conditions(req, skip=facet, pinyin=pinyin)))
            .group_by(column)
        ).all()
        facets[facet] = {value: count for value, count in rows}
    return SearchResult(list(codes), total, facets, None, "database")
