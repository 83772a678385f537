"""Search from SQL when the index is missing or broken: substring match on names, keywords and
descriptions, the same filters, facets and sorts (no pinyin, no stemming)."""

from sqlalchemy import String, and_, cast, desc, func, or_, select, true

from catalog.models import Category, Department
from catalog.search.query import FACET_FIELDS, SearchRequest, SearchResult, query_words
from core.extensions import db

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


def _conditions(req: SearchRequest, skip: str | None = None) -> list:
    conds = [_like(w.raw) for w in query_words(req.q)]
    for facet, values in req.filters.items():
        if values and facet != skip:
            conds.append(_COLUMNS[facet].in_(values))
    return conds


def search_database(req: SearchRequest) -> SearchResult:
    base = select(Category.code).join(Department)
    where = and_(true(), *_conditions(req))
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
            .where(and_(true(), *_conditions(req, skip=facet)))
            .group_by(column)
        ).all()
        facets[facet] = {value: count for value, count in rows}
    return SearchResult(list(codes), total, facets, None, "database")
