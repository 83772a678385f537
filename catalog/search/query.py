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


def _postings(reader, fieldname: str, term: str) -> frozenset[int]:
    if (fieldname, term) not in reader:
        return frozenset()
    matcher = reader.postings(fieldname, term)
    if not hasattr(matcher, "_read_ids"):
        return frozenset(matcher.all_ids())
    # Whoosh's own all_ids() steps one posting at a time in Python; reading each block's id array
    # whole is several times faster on terms that half the catalog holds.
    ids: set[int] = set()
    while not matcher._atend:
        if matcher._ids is None:
            matcher._read_ids()
        ids.update(matcher._ids)
        if matcher._lastblock:
            break
        matcher._next_block()
    return frozenset(ids)


def _word_docs(searcher, word) -> frozenset[int]:
    """Documents holding the word in any searched field (the union in build_query's _term_query),
    kept per searcher for the most recent words (popular words are searched again and again)."""
    cache = _WORD_DOCS.setdefault(searcher, {})
    key = (word.text, word.raw, word.chinese)
    if key in cache:
        return cache[key]
    reader = searcher.reader()
    docs: set[int] = set()
    for fieldname in FIELD_WEIGHTS:
        docs |= _postings(reader, fieldname, word.text)
    if not word.chinese:
        docs |= _postings(reader, "pinyin", word.raw)
    if len(cache) >= 64:
        cache.pop(next(iter(cache)))
    cache[key] = frozenset(docs)
    return cache[key]


_WORD_DOCS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _matching(searcher, words, require_all: bool = True) -> set[int]:
    """The documents build_query(words) matches, by set algebra over each term's postings: far
    cheaper than walking Whoosh's union matchers when a query matches much of a large catalog."""
    reader = searcher.reader()
    if not words:
        docs = set(reader.all_doc_ids())
    else:
        sets = [_word_docs(searcher, w) for w in words]
        docs = set(sets[0]).intersection(*sets[1:]) if require_all else set().union(*sets)
    if reader.has_deletions():
        docs = {d for d in docs if not reader.is_deleted(d)}
    return docs


def _counts(searcher, words, require_all, filters) -> tuple[int, dict[str, dict[str, int]]]:
    """The total and the facet counts, each facet computed with every *other* facet's filter
    applied (multi-select faceting): the count beside a value is the number of results one gets by
    choosing that value."""
    sets = FacetSets.of(searcher)
    base = _matching(searcher, words, require_all)
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


def _correction(word: str, spell, pinyin, reader) -> str | None:
    """The nearest indexed word: one edit away first, then two. Candidates share the first letter
    (misspellings rarely change it), which keeps the search of the lexicon short."""
    for distance in (1, 2):
        for corrector, fieldname in ((spell, "spell"), (pinyin, "pinyin")):
            best = _closest(word, corrector.suggest(word, limit=8, maxdist=distance, prefix=1), reader, fieldname)
            if best:
                return best
    return None


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
        options = _correction(w.raw, spell, pinyin, reader)
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
    total, counts = _counts(s, words, True, req.filters)
    if total == 0 and len(words) > 1:
        q = build_query(words, require_all=False)
        total, counts = _counts(s, words, False, req.filters)
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
