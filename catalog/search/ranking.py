"""Ordering the matched documents: by relevance (BM25F) or by a sort field, without Whoosh's
matchers and collectors.

Whoosh scores a query by walking a tree of union and intersection matchers one posting at a time,
and sorts by reading a column value per match; on a large catalog a broad query spends hundreds of
milliseconds there. The documents a query matches are already known as a set (query._matching);
this module orders that set from tables kept per searcher (i.e. per index version):

- the encoded field lengths of the scored fields (one byte per document, as Whoosh stores them);
- each sort field's order of all documents: a page is the first matches along it;
- for recently searched terms (a bounded cache, TERM_CACHE_BYTES), their postings: document
  numbers and the few term frequencies other than 1. A term's BM25F score in a document holding
  it once is then a lookup of the document's encoded field length in a 256-entry table.

Relevance is exact and computed for as few documents as possible: terms are taken best-first (by
the highest score each can add), and once the documents holding the terms taken so far have a
page of results whose lowest score beats everything the remaining terms together could give any
other document, the rest cannot enter the page (the "max score" idea of search engines).

The figures and the order are Whoosh's own: the same BM25F formula with the searcher's weighting
parameters, idf and average field lengths, ties by document number as its collectors break them.
(Only the order in which a document's per-field scores are added may differ from Whoosh's matcher
tree, i.e. in the last bit of the sum.)
"""

import heapq
import itertools
import weakref
from array import array
from collections import OrderedDict
from dataclasses import dataclass

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length, length_to_byte

TERM_CACHE_BYTES = 64 * 1024 * 1024  # per searcher, for the postings of recently searched terms
_MARGIN = 1e-9  # relative slack when comparing a bound with a score (both are float sums)


class Unsupported(Exception):
    """The index or its weighting is not one these tables can read or reproduce (a Whoosh version
    other than the pinned one): search then answers from the database and logs why."""


@dataclass(slots=True)
class TermPostings:
    ids: array  # document numbers holding the term, ascending
    lengths: bytes  # the field's encoded length in every document (shared by the field's terms)
    frequencies: dict[int, float]  # document -> term frequency, where it is not 1
    shortest: int  # the least encoded length among the documents holding the term
    _codes: bytes | None = None
    _docs: frozenset[int] | None = None

    @property
    def size(self) -> int:
        """About how many bytes this keeps (and may yet keep: codes and docs are built on demand)."""
        return len(self.lengths) + 4 * len(self.ids) + 60 * len(self.ids) + 100 * len(self.frequencies)

    @property
    def codes(self) -> bytes:
        """Per document: the field's encoded length where the term occurs once, else 0."""
        if self._codes is None:
            codes = bytearray(len(self.lengths))
            lengths = self.lengths
            for doc in self.ids:
                codes[doc] = lengths[doc]
            for doc in self.frequencies:
                codes[doc] = 0
            self._codes = bytes(codes)
        return self._codes

    @property
    def docs(self) -> frozenset[int]:
        if self._docs is None:
            self._docs = frozenset(self.ids)
        return self._docs


@dataclass(slots=True)
class _Scored:
    """A term as one query field alternative scores it: per-code scores and the best it can add."""

    postings: TermPostings
    table: list[float]  # code -> score (code 0: absent, 0.0)
    exact: dict[int, float]  # document -> score, where the term frequency is not 1
    best: float


class Tables:
    """Per searcher: encoded field lengths, sort orders, postings of recent terms (all lazily)."""

    _by_searcher: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()

    def __init__(self, searcher):
        weighting = searcher.weighting
        if type(weighting) is not BM25F:
            raise Unsupported(f"weighting {type(weighting).__name__}")
        self.B, self.K1, self.field_B = weighting.B, weighting.K1, dict(weighting._field_B)
        self.doc_count = searcher.reader().doc_count_all()
        self._lengths: dict[str, bytes] = {}
        self._norms: dict[str, list[float]] = {}
        self._orders: dict[tuple[str, bool], tuple[array, array]] = {}
        self._terms: OrderedDict[tuple[str, str], TermPostings | None] = OrderedDict()
        self._scored: dict[tuple[str, str], dict[float, _Scored]] = {}
        self._term_bytes = 0

    @classmethod
    def of(cls, searcher) -> "Tables":
        tables = cls._by_searcher.get(searcher)
        if tables is None:
            tables = cls._by_searcher[searcher] = cls(searcher)
        return tables

    @classmethod
    def forget_terms(cls) -> None:
        """Drop every searcher's cached postings (the bench measures searches without them too)."""
        for tables in list(cls._by_searcher.values()):
            tables._terms.clear()
            tables._scored.clear()
            tables._term_bytes = 0

    # ---- field lengths ------------------------------------------------------------------------

    def lengths(self, searcher, fieldname: str) -> bytes:
        """The encoded length of fieldname in every document, indexed by document number."""
        found = self._lengths.get(fieldname)
        if found is None:
            parts = []
            for leaf, _offset in searcher.reader().leaf_readers():
                count = leaf.doc_count_all()
                try:
                    column = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
                    raw = b"" if column is None else column._dbfile.get(column._basepos, min(column._count, count))
                except AttributeError as exc:
                    raise Unsupported("a segment without a readable length column") from exc
                parts.append(bytes(raw) + bytes(count - len(raw)))
            found = self._lengths[fieldname] = b"".join(parts)
            if len(found) != self.doc_count:
                raise Unsupported("field lengths do not cover every document")
        return found

    def norms(self, searcher, fieldname: str) -> list[float]:
        """BM25's length normalisation, K1 * ((1 - B) + B * length / average length), per code."""
        found = self._norms.get(fieldname)
        if found is None:
            B, K1 = self.field_B.get(fieldname, self.B), self.K1
            average = searcher.avg_field_length(fieldname) or 1
            found = self._norms[fieldname] = [K1 * ((1 - B) + B * byte_to_length(b) / average) for b in range(256)]
        return found

    # ---- postings -----------------------------------------------------------------------------

    def postings(self, searcher, fieldname: str, text: str) -> TermPostings | None:
        """The term's postings (None if no document holds it), kept for the most recent terms."""
        key = (fieldname, text)
        if key in self._terms:
            self._terms.move_to_end(key)
            return self._terms[key]
        found = self._read(searcher, fieldname, text)
        self._terms[key] = found
        self._term_bytes += found.size if found else 100
        while self._term_bytes > TERM_CACHE_BYTES and len(self._terms) > 1:
            old_key, old = self._terms.popitem(last=False)
            self._scored.pop(old_key, None)
            self._term_bytes -= old.size if old else 100
        return found

    def _read(self, searcher, fieldname: str, text: str) -> TermPostings | None:
        ids = array("i")
        frequencies: dict[int, float] = {}
        shortest = 255
        for leaf, offset in searcher.reader().leaf_readers():
            if (fieldname, text) not in leaf:
                continue
            # The segment's term entry knows the shortest field holding the term.
            shortest = min(shortest, length_to_byte(leaf.term_info(fieldname, text).min_length()))
            for block_ids, weights in _posting_blocks(leaf.postings(fieldname, text)):
                if offset:
                    block_ids = [d + offset for d in block_ids]
                ids.extend(block_ids)
                if weights is not None:
                    # Nearly all frequencies are 1: find the others value by value (C searches).
                    for value in set(weights) - {1.0}:
                        at = -1
                        for _ in range(weights.count(value)):
                            at = weights.index(value, at + 1)
                            frequencies[block_ids[at]] = value
        if not ids:
            return None
        return TermPostings(ids, self.lengths(searcher, fieldname), frequencies, shortest)

    def scored(self, searcher, fieldname: str, text: str, boost: float) -> _Scored | None:
        """The term's score per code, exactly as Whoosh's BM25FScorer computes it (times the query
        term's boost, which its wrapping matcher applies)."""
        postings = self.postings(searcher, fieldname, text)
        if postings is None:
            return None
        known = self._scored.setdefault((fieldname, text), {})
        if boost in known:
            return known[boost]
        idf, K1 = searcher.idf(fieldname, text), self.K1
        norms = self.norms(searcher, fieldname)
        table = [idf * ((1.0 * (K1 + 1)) / (1.0 + n)) for n in norms]
        if boost != 1.0:
            table = [s * boost for s in table]
        table[0] = 0.0
        lengths = self.lengths(searcher, fieldname)
        exact = {}
        for doc, tf in postings.frequencies.items():
            score = idf * ((tf * (K1 + 1)) / (tf + norms[lengths[doc]]))
            exact[doc] = score * boost if boost != 1.0 else score
        # A term scores more the shorter the field: its best is in the shortest field holding it
        # once, or where it occurs more often.
        best = max([table[postings.shortest], *exact.values()])
        known[boost] = _Scored(postings, table, exact, best)
        return known[boost]

    # ---- sort orders --------------------------------------------------------------------------

    def order(self, searcher, fieldname: str, reverse: bool) -> tuple[array, array]:
        """(every document number in the order Whoosh's sorting collector gives them: by the
        column's sort key, then document number, both descending when reversed; each document's
        position in that order)."""
        key = (fieldname, reverse)
        found = self._orders.get(key)
        if found is None:
            keys = []
            for leaf, _offset in searcher.reader().leaf_readers():
                column = leaf.column_reader(fieldname, translate=False)
                keys.extend(column.sort_key(d) for d in range(leaf.doc_count_all()))
            ordered = sorted(range(len(keys)), key=keys.__getitem__)
            if reverse:
                ordered.reverse()
            order = array("i", ordered)  # a quarter of a list's memory on a large catalog
            rank = array("i", bytes(4 * len(order)))
            for position, doc in enumerate(order):
                rank[doc] = position
            found = self._orders[key] = (order, rank)
        return found


def doc_ids(reader, fieldname: str, text: str) -> list[int]:
    """Every document number holding the term (deleted ones included, as in Whoosh's postings)."""
    out: list[int] = []
    for leaf, offset in reader.leaf_readers():
        if (fieldname, text) in leaf:
            for ids, _weights in _posting_blocks(leaf.postings(fieldname, text)):
                out.extend([d + offset for d in ids] if offset else ids)
    return out


def _posting_blocks(matcher):
    """(document numbers, term frequencies or None when all are 1) of a segment's posting list, a
    block at a time: Whoosh's matchers hand them out one posting at a time, several times slower."""
    if not hasattr(matcher, "_read_ids"):  # a short list kept inline in the term's entry
        ids, weights = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        yield ids, weights
        return
    while not matcher._atend:
        if matcher._data is None:
            matcher._read_data()
        ids, weights = matcher._data[0], matcher._data[1]
        if not matcher._byteids:  # stored as gaps (Whoosh decodes them with a Python generator)
            ids = list(itertools.accumulate(ids))
        if isinstance(weights, float):
            weights = None if weights == 1.0 else [weights] * len(ids)
        elif weights is not None and weights.count(1.0) == len(weights):
            weights = None
        yield ids, weights
        if matcher._lastblock:
            break
        matcher._next_block()


def _scores(terms: list[list[_Scored]], docs: list[int]) -> list[float]:
    """The relevance of each of docs: the sum over words of the sum over the word's fields."""
    per_word = []
    position: dict[int, int] = {}
    for word in terms:
        columns = []
        for t in word:
            p = t.postings
            if len(docs) < len(p.ids) and p._codes is None:
                # Few documents to score against a long posting list: look each one up rather
                # than spread the whole list out by document number.
                held, lengths, table = p.docs, p.lengths, t.table
                column = [table[lengths[d]] if d in held else 0.0 for d in docs]
            else:
                column = list(map(t.table.__getitem__, map(p.codes.__getitem__, docs)))
            if t.exact:
                if len(t.exact) < len(docs):
                    position = position or {d: i for i, d in enumerate(docs)}
                    for doc, score in t.exact.items():
                        if doc in position:
                            column[position[doc]] = score
                else:
                    for i, doc in enumerate(docs):
                        if doc in t.exact:
                            column[i] = t.exact[doc]
            columns.append(column)
        per_word.append(columns[0] if len(columns) == 1 else list(map(sum, zip(*columns, strict=True))))
    return per_word[0] if len(per_word) == 1 else list(map(sum, zip(*per_word, strict=True)))


def top_relevant(searcher, words: list[list[tuple[str, str, float]]], docs: frozenset[int], limit: int) -> list[int]:
    """The limit most relevant of docs, best first, ties by document number (Whoosh's order).
    words: per query word, its (field, text, boost) alternatives."""
    tables = Tables.of(searcher)
    terms = [[t for f, text, boost in word if (t := tables.scored(searcher, f, text, boost))] for word in words]
    terms = [word for word in terms if word]
    if not terms or not docs or limit <= 0:
        return []
    by_best = sorted((t for word in terms for t in word), key=lambda t: -t.best)
    candidates: set[int] = set()
    for taken, t in enumerate(by_best, start=1):
        remaining = sum(u.best for u in by_best[taken:])  # the most any other document can score
        candidates.update(filter(docs.__contains__, t.postings.ids))
        last = taken == len(by_best)
        if not last and len(candidates) < limit:
            continue
        chosen = list(candidates)
        scores = _scores(terms, chosen)
        cut = heapq.nlargest(limit, scores)[-1] if len(scores) >= limit else None
        # Documents outside the candidates score at most `remaining`: done once the page beats it.
        if last or (cut is not None and remaining * (1 + _MARGIN) < cut * (1 - _MARGIN)):
            ranked = sorted(
                ((-s, d) for s, d in zip(scores, chosen, strict=True) if cut is None or s >= cut),
            )
            return [d for _s, d in ranked[:limit]]
    raise AssertionError("unreachable: the last term always decides")


def first_along(order: array, rank: array, docs: frozenset[int], limit: int) -> list[int]:
    """The first limit documents of docs along order (rank: each document's position in it)."""
    if len(docs) * 16 < len(order):
        # A small match set: sorting it is cheaper than walking the whole order.
        return heapq.nsmallest(limit, docs, key=rank.__getitem__)
    return list(itertools.islice(filter(docs.__contains__, order), limit))
