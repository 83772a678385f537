"""Searching the catalog: the request, matching, facets, sorting, paging, suggestions.

User text is never handed to a query parser: it is analysed into words, so `name:*`, a lone quote
or `AND OR NOT` are just words. A word is looked for in the name, keywords, description and field
names (a Latin word also among the pinyin); a document matches when it holds every word, or, when
no document does, any of them. Relevance is BM25F over those fields with these weights:
name > pinyin > keywords > description > field names (ranking.py).
"""

import logging
import weakref
from collections import Counter, OrderedDict
from dataclasses import dataclass, field

from catalog.search import index, ranking
from catalog.search.analysis import query_terms

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
    # the hits as the index stored them (index.category_shape), beside codes; None for a hit whose
    # document has none (an index built before shapes were stored) and for the database's answer
    shapes: list = field(default_factory=list)


def query_words(text: str) -> list:
    return list(query_terms(text))


def _alternatives(word) -> list[tuple[str, str, float]]:
    """(field, indexed text, weight) of every field a query word is looked for in."""
    out = [(name, word.text, weight) for name, weight in FIELD_WEIGHTS.items()]
    if not word.chinese:
        out.append(("pinyin", word.raw, PINYIN_WEIGHT))
    return out


def _sort_field(req: SearchRequest, has_text: bool) -> tuple[str, bool] | None:
    """(index field, descending) of the request's sort; None for relevance. Without text, by name."""
    sort = req.sort if req.sort != "relevance" or has_text else "name"
    if sort == "name":
        return ("sort_name_en" if req.english else "sort_name_zh", False)
    if sort == "records":
        return ("records", True)
    if sort == "updated":
        return ("updated", True)
    return None


class FacetSets:
    """For one searcher (i.e. one index version): the live documents, the set of documents holding
    each facet value, and each document's combination of facet values. Built once per searcher.

    Facet counts are then one count of combinations over the matches — or, when a query matches
    most of the catalog, over the documents it does not match, subtracted from the catalog's own
    counts — done in C (Counter over a map) instead of a Python loop over every match."""

    _by_searcher: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()

    def __init__(self, searcher):
        reader = searcher.reader()
        count = reader.doc_count_all()
        self.live = frozenset(reader.all_doc_ids() if reader.has_deletions() else range(count))
        found: dict[str, dict[str, list[int]]] = {facet: {} for facet in FACET_FIELDS}
        columns: list[list[str | None]] = [
            [None] * count for _facet in FACET_FIELDS
        ]  # per facet: each document's value
        for leaf, offset in reader.leaf_readers():
            segment = _segment_values(leaf)
            for facet, column in zip(FACET_FIELDS, columns, strict=True):
                for value, ids in segment[facet].items():
                    docs = [d + offset for d in ids] if offset else ids
                    found[facet].setdefault(value, []).extend(docs)
                    for doc in docs:
                        column[doc] = value
        self.values: dict[str, dict[str, frozenset[int]]] = {
            facet: {value: frozenset(docs) & self.live for value, docs in by_value.items()}
            for facet, by_value in found.items()
        }
        numbers: dict[tuple, int] = {}
        self.combination_of = [numbers.setdefault(values, len(numbers)) for values in zip(*columns, strict=True)]
        self.combinations = list(numbers)
        self.catalog_counts = Counter(map(self.combination_of.__getitem__, self.live))

    @classmethod
    def of(cls, searcher) -> "FacetSets":
        sets = cls._by_searcher.get(searcher)
        if sets is None:
            sets = cls._by_searcher[searcher] = cls(searcher)
        return sets

    def chosen(self, facet: str, values: list[str]) -> frozenset[int]:
        return frozenset().union(*(self.values[facet].get(value, frozenset()) for value in values))

    def counts(self, docs: frozenset[int], filters: dict[str, list[str]]) -> dict[str, dict[str, int]]:
        """Per facet, value -> how many of docs hold it and every *other* facet's chosen values."""
        if len(docs) * 2 <= len(self.live):
            found = Counter(map(self.combination_of.__getitem__, docs))
        else:
            found = self.catalog_counts - Counter(map(self.combination_of.__getitem__, self.live - docs))
        chosen = [(i, set(filters[f])) for i, f in enumerate(FACET_FIELDS) if filters.get(f)]
        counts: dict[str, dict[str, int]] = {f: {} for f in FACET_FIELDS}
        for number, n in found.items():
            values = self.combinations[number]
            missing = [i for i, accepted in chosen if values[i] not in accepted]
            if len(missing) > 1:
                continue
            for i, facet in enumerate(FACET_FIELDS):
                if values[i] is not None and (not missing or missing[0] == i):
                    counts[facet][values[i]] = counts[facet].get(values[i], 0) + n
        return counts


_SEGMENT_VALUES: "OrderedDict[tuple, dict[str, dict[str, list[int]]]]" = OrderedDict()
_SEGMENT_VALUES_KEPT = 256


def _segment_values(leaf) -> dict[str, dict[str, list[int]]]:
    """Per facet, value -> the segment's own document numbers holding it (deleted ones too). A
    segment never changes once written (only which of its documents are deleted), so this is read
    once per segment: after an edit only its new small segment is read, not the whole catalog."""
    try:
        segment = leaf.segment()
        key = (segment.segment_id(), segment.doc_count_all())
    except AttributeError:
        key = None
    if key is not None and key in _SEGMENT_VALUES:
        _SEGMENT_VALUES.move_to_end(key)
        return _SEGMENT_VALUES[key]
    values: dict[str, dict[str, list[int]]] = {}
    for facet in FACET_FIELDS:
        values[facet] = {}
        for term in leaf.lexicon(facet):
            value = term.decode("utf-8") if isinstance(term, bytes) else term
            values[facet][value] = ranking.doc_ids(leaf, facet, value)
    if key is not None:
        _SEGMENT_VALUES[key] = values
        while len(_SEGMENT_VALUES) > _SEGMENT_VALUES_KEPT:
            _SEGMENT_VALUES.popitem(last=False)
    return values


def _word_docs(searcher, word) -> frozenset[int]:
    """Documents holding the word in any of its fields (_alternatives), kept per searcher for the most recent words (popular words are searched again and again)."""
    cache = _WORD_DOCS.setdefault(searcher, {})
    key = (word.text, word.raw, word.chinese)
    if key in cache:
        return cache[key]
    tables = ranking.Tables.of(searcher)
    found = [tables.postings(searcher, fieldname, text) for fieldname, text, _weight in _alternatives(word)]
    if len(cache) >= 64:
        cache.pop(next(iter(cache)))
    cache[key] = frozenset().union(*(postings.ids for postings in found if postings is not None))
    return cache[key]


_WORD_DOCS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def forget_word_caches() -> None:
    """Drop what is kept for recently searched words (their analysis, their documents and postings),
    so that a search reads every word from the index again: the bench measures searches this way
    too. What is kept per index version regardless of the words searched (facet sets, field lengths,
    sort orders) stays."""
    _WORD_DOCS.clear()
    ranking.Tables.forget_terms()
    query_terms.cache_clear()


def _matching(searcher, words, require_all: bool = True) -> frozenset[int]:
    """The live documents holding every word (require_all) or any, by set algebra over each
    word's documents: far cheaper than walking Whoosh's matchers when a query matches much of a
    large catalog."""
    live = FacetSets.of(searcher).live
    if not words:
        return live
    sets = sorted((_word_docs(searcher, w) for w in words), key=len)
    if searcher.reader().has_deletions():  # postings still hold replaced documents
        sets.append(live)
    if require_all:
        return sets[0].intersection(*sets[1:])
    return frozenset().union(*sets[: len(words)]).intersection(*sets[len(words) :])


def _counts(searcher, words, require_all, filters) -> tuple[frozenset[int], dict[str, dict[str, int]]]:
    """The results (document numbers) and the facet counts, each facet computed with every *other*
    facet's filter applied (multi-select faceting): the count beside a value is the number of
    results one gets by choosing that value."""
    sets = FacetSets.of(searcher)
    base = _matching(searcher, words, require_all)
    result = base
    for facet, values in filters.items():
        if values:
            result = result & sets.chosen(facet, values)
    return result, sets.counts(base, filters)


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
    return candidate if _matching(searcher, query_words(candidate), require_all=False) else None


def _ordered(searcher, req: SearchRequest, words, docs: frozenset[int], limit: int) -> list[int]:
    """The first limit of docs in the request's order."""
    sort = _sort_field(req, bool(words))
    if sort is None:
        return ranking.top_relevant(searcher, [_alternatives(w) for w in words], docs, limit)
    order, rank = ranking.Tables.of(searcher).order(searcher, *sort)
    return ranking.first_along(order, rank, docs, limit)


def search_index(directory: str, req: SearchRequest, searcher=None) -> SearchResult | None:
    """The answer from the Whoosh index, or None when the index cannot answer. searcher: the
    directory's, as index.searcher() returned it just now (for this request), else it is asked."""
    s = searcher or index.searcher(directory)
    if s is None:
        return None
    words = query_words(req.q)
    docs, counts = _counts(s, words, True, req.filters)
    if not docs and len(words) > 1:
        docs, counts = _counts(s, words, False, req.filters)
    start = (req.page - 1) * req.per_page
    codes, shapes = [], []
    if len(docs) > start:
        for number in _ordered(s, req, words, docs, req.page * req.per_page)[start:]:
            fields = index.stored_fields(s, number)
            codes.append(fields["code"])
            shapes.append(fields.get("shape"))
    suggestion = _suggest(s, words) if not docs and words else None
    return SearchResult(codes, len(docs), counts, suggestion, "index", words, shapes)


def search(directory: str, req: SearchRequest, fallback, searcher=None) -> SearchResult:
    try:
        found = search_index(directory, req, searcher)
    except Exception:
        log.exception("search index failed for %r; answering from the database", req.q)
        index.forget(directory)
        found = None
    if found is None:
        log.warning("search index at %s unavailable; answering from the database", directory)
        found = fallback(req)
        found.words = query_words(req.q)
    return found
