"""Searching the catalog: the request, the Whoosh query, facets, sorting, paging, suggestions.

User text is never handed to a query parser: it is analysed into terms and the query is built
from them, so `name:*`, a lone quote or `AND OR NOT` are just words.
Field weights: name > pinyin > keywords > description > field names.
"""

import logging
import weakref
from dataclasses import dataclass, field

from whoosh import query as wq

from catalog.search import index
from catalog.search.analysis import terms

log = logging.getLogger(__name__)

FIELD_WEIGHTS = {"name": 6.0, "keywords": 3.0, "description": 1.5, "fieldnames": 1.0}
PINYIN_WEIGHT = 5.0
FACET_FIELDS = ("department", "theme", "openness", "grade", "frequency")


@dataclass
class SearchRequest:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)  # facet -> accepted values (OR)
    sort: str = "relevance"  # relevance | name | records | updated
    page: int = 1
    per_page: int = 20
    english: bool = False


@dataclass
class SearchResult:
    codes: list[str]
    total: int
    facets: dict[str, dict[str, int]]
    suggestion: str | None = None
    source: str = "index"  # "index" or "database" (fallback)
    words: list = field(default_factory=list)  # analysed query terms, for highlighting


def query_words(text: str) -> list:
    return list(terms(text, mode="query"))


def _term_query(word) -> wq.Query:
    alternatives = [wq.Term(name, word.text, boost=weight) for name, weight in FIELD_WEIGHTS.items()]
    if not word.chinese:
        alternatives.append(wq.Term("pinyin", word.raw, boost=PINYIN_WEIGHT))
    return wq.Or(alternatives)


def build_query(words, require_all: bool = True) -> wq.Query:
    if not words:
        return wq.Every()
    parts = [_term_query(w) for w in words]
    if len(parts) == 1:
        return parts[0]
    return wq.And(parts) if require_all else wq.Or(parts)


def _filter(filters: dict[str, list[str]], skip: str | None = None) -> wq.Query | None:
    clauses = [
        wq.Or([wq.Term(facet, v) for v in values]) for facet, values in filters.items() if values and facet != skip
    ]
    return wq.And(clauses) if clauses else None


def _sort_args(req: SearchRequest, has_text: bool) -> dict:
    sort = req.sort if req.sort != "relevance" or has_text else "name"
    if sort == "name":
        return {"sortedby": "sort_name_en" if req.english else "sort_name_zh"}
    if sort == "records":
        return {"sortedby": "records", "reverse": True}
    if sort == "updated":
        return {"sortedby": "updated", "reverse": True}
    return {}


class FacetSets:
    """For one searcher: the set of documents holding each facet value. Facet counts are then set
    intersections (done in C) instead of a Python loop over every match — what keeps broad queries
    fast on a large catalog. Built once per searcher, i.e. once per index change."""

    _by_searcher: "weakref.WeakKeyDictionary" = None

    def __init__(self, searcher):
        reader = searcher.reader()
        self.values: dict[str, dict[str, set[int]]] = {}
        for facet in FACET_FIELDS:
            self.values[facet] = {
                term.decode("utf-8") if isinstance(term, bytes) else term: set(reader.postings(facet, term).all_ids())
                for term in reader.lexicon(facet)
            }

    @classmethod
    def of(cls, searcher) -> "FacetSets":
        if cls._by_searcher is None:
            cls._by_searcher = weakref.WeakKeyDictionary()
        sets = cls._by_searcher.get(searcher)
        if sets is None:
            sets = cls._by_searcher[searcher] = cls(searcher)
        return sets

    def chosen(self, facet: str, values: list[str]) -> set[int]:
        out: set[int] = set()
        for value in values:
            out |= self.values[facet].get(value, set())
        return out


def _matching(searcher, q) -> set[int]:
    reader = searcher.reader()
    if isinstance(q, wq.Every):
        docs = set(reader.all_doc_ids())
    else:
        docs = set(q.matcher(searcher).all_ids()) if q.estimate_size(reader) else set()
    if reader.has_deletions():
        docs = {d for d in docs if not reader.is_deleted(d)}
    return docs


def _counts(searcher, q, filters) -> tuple[int, dict[str, dict[str, int]]]:
    """The total and the facet counts, each facet computed with every *other* facet's filter
    applied (multi-select faceting): the count beside a value is the number of results one gets by
    choosing that value."""
    sets = FacetSets.of(searcher)
    base = _matching(searcher, q)
    chosen = {f: sets.chosen(f, v) for f, v in filters.items() if v}
    result = base
    for docs in chosen.values():
        result = result & docs
    counts: dict[str, dict[str, int]] = {}
    for facet in FACET_FIELDS:
        scope = base
        for other, docs in chosen.items():
            if other != facet:
                scope = scope & docs
        counts[facet] = {v: n for v, docs in sets.values[facet].items() if (n := len(scope & docs))}
    return len(result), counts


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance counting a swap of neighbours as one edit (licnese -> license is 1)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _closest(word: str, candidates: list[str], reader, field: str) -> str | None:
    """Whoosh ranks suggestions by frequency alone; rank by true distance first, then frequency."""
    if not candidates:
        return None
    return min(candidates, key=lambda c: (edit_distance(word, c), -reader.doc_frequency(field, c), c))


def _suggest(searcher, words) -> str | None:
    """A corrected query for a search that found nothing: each unknown word replaced by the
    closest indexed word (English spelling or pinyin)."""
    corrected, changed = [], False
    spell, pinyin = searcher.corrector("spell"), searcher.corrector("pinyin")
    reader = searcher.reader()
    for w in words:
        if w.chinese or reader.doc_frequency("spell", w.raw) or reader.doc_frequency("pinyin", w.raw):
            corrected.append(w.raw)
            continue
        options = _closest(w.raw, spell.suggest(w.raw, limit=8, maxdist=2), reader, "spell") or _closest(
            w.raw, pinyin.suggest(w.raw, limit=8, maxdist=2), reader, "pinyin"
        )
        if options:
            corrected.append(options)
            changed = True
        else:
            corrected.append(w.raw)
    if not changed:
        return None
    candidate = " ".join(corrected)
    hits = searcher.search(build_query(query_words(candidate), require_all=False), limit=1)
    return candidate if len(hits) else None


def search_index(directory: str, req: SearchRequest) -> SearchResult | None:
    """The answer from the Whoosh index, or None when the index cannot answer."""
    s = index.searcher(directory)
    if s is None:
        return None
    words = query_words(req.q)
    q = build_query(words)
    filt = _filter(req.filters)
    limit = req.page * req.per_page
    total, counts = _counts(s, q, req.filters)
    if total == 0 and len(words) > 1:
        q = build_query(words, require_all=False)
        total, counts = _counts(s, q, req.filters)
    start = (req.page - 1) * req.per_page
    codes = []
    if total > start:
        results = s.search(q, filter=filt, limit=limit, **_sort_args(req, bool(words)))
        codes = [hit["code"] for hit in results[start:limit]]
    suggestion = _suggest(s, words) if total == 0 and words else None
    return SearchResult(codes, total, counts, suggestion, "index", words)


def search(directory: str, req: SearchRequest, fallback) -> SearchResult:
    try:
        found = search_index(directory, req)
    except Exception:
        log.exception("search index failed for %r; answering from the database", req.q)
        index.forget(directory)
        found = None
    if found is None:
        log.warning("search index at %s unavailable; answering from the database", directory)
        found = fallback(req)
        found.words = query_words(req.q)
    return found
