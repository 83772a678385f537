"""The Whoosh index of the catalog: schema, (re)building, per-category updates, opening safely.

Beside the index's own files its directory holds the words taught to jieba (USER_WORDS) and the id of
the last catalog change it holds (APPLIED, see sync.py). A rebuild writes a new, optimised index
into a directory of its own and swaps it in; an edit updates documents in place (update_document:
a new small segment, the replaced document marked deleted) without rewriting the rest, so it is
searchable within tens of milliseconds. Deleted documents stay counted in the term statistics of
the big segment (idf, average field lengths: relevance drifts a little) until the next rebuild
(`flask catalog reindex`, nightly)."""

import fcntl
import logging
import os
import shutil
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pypinyin import lazy_pinyin
from whoosh import index as whoosh_index
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC
from whoosh.reading import SegmentReader
from whoosh.writing import NO_MERGE

from catalog import vocab
from catalog.search.analysis import add_words, analyzer, pinyin_terms, terms
from core.timeutil import isoformat_utc

log = logging.getLogger(__name__)
USER_WORDS = "catalog-words.txt"
APPLIED = "applied-change"
MAX_SMALL_SEGMENTS = 16  # edits leave a segment each; past this many they are merged into one


def make_schema() -> Schema:
    """The index's fields. Text fields keep term frequencies but no positions (phrase=False):
    queries are built from single terms and highlighting analyses the text itself, while reading
    positions made up most of the cost of reading a common word's postings."""
    text = analyzer()
    return Schema(
        code=ID(stored=True, unique=True),
        name=TEXT(analyzer=text, phrase=False),
        keywords=TEXT(analyzer=text, phrase=False),
        description=TEXT(analyzer=text, phrase=False),
        fieldnames=TEXT(analyzer=text, phrase=False),
        pinyin=KEYWORD(lowercase=True, scorable=True),
        spell=TEXT(analyzer=StandardAnalyzer(minsize=3), phrase=False),
        department=ID(sortable=True),
        theme=ID(sortable=True),
        openness=ID(sortable=True),
        grade=ID(sortable=True),
        frequency=ID(sortable=True),
        sort_name_zh=ID(sortable=True),
        sort_name_en=ID(sortable=True),
        records=NUMERIC(sortable=True, bits=64),
        updated=NUMERIC(sortable=True, bits=64),
        department_code=STORED,
        shape=STORED,
    )


def category_shape(c) -> dict:
    """A category as the API shows it, but for its labels (which are in the reader's language): what
    the index stores with each document, so a search answers its hits without reading the rows."""
    d = c.department
    return {
        "code": c.code,
        "department": {
            "code": d.code,
            "name_zh": d.name_zh,
            "name_en": d.name_en,
            "short_name_zh": d.short_name_zh,
            "short_name_en": d.short_name_en,
        },
        "name_zh": c.name_zh,
        "name_en": c.name_en,
        "description_zh": c.description_zh,
        "description_en": c.description_en,
        "theme": c.theme,
        "openness": c.openness,
        "grade": c.grade,
        "update_frequency": c.update_frequency,
        "record_count": int(c.record_count),
        "formats": list(c.formats or []),
        "fields": list(c.fields or []),
        "spatial_coverage_zh": c.spatial_coverage_zh,
        "spatial_coverage_en": c.spatial_coverage_en,
        "time_coverage_start": c.time_coverage_start.isoformat() if c.time_coverage_start else None,
        "time_coverage_end": c.time_coverage_end.isoformat() if c.time_coverage_end else None,
        "keywords_zh": list(c.keywords_zh or []),
        "keywords_en": list(c.keywords_en or []),
        "sellable": vocab.sellable(c.grade, c.openness),
        "updated_at": isoformat_utc(c.updated_at),
    }


def document_for(c) -> dict:
    """The index document of a category (any object with the Category attributes)."""
    keywords_zh, keywords_en = list(c.keywords_zh or []), list(c.keywords_en or [])
    field_words = []
    for f in c.fields or []:
        field_words += [f.get("label_zh", ""), f.get("label_en", ""), f.get("name", "").replace("_", " ")]
    department = c.department
    return {
        "code": c.code,
        "name": f"{c.name_zh} {c.name_en}",
        "keywords": " ".join(keywords_zh + keywords_en),
        "description": f"{c.description_zh} {c.description_en}",
        "fieldnames": " ".join(field_words),
        "pinyin": " ".join(pinyin_terms([c.name_zh, *keywords_zh])),
        "spell": " ".join([c.name_en, *keywords_en]),
        "department": department.code,
        "theme": c.theme,
        "openness": c.openness,
        "grade": c.grade,
        "frequency": c.update_frequency,
        "sort_name_zh": "".join(lazy_pinyin(c.name_zh)).lower() + "\x00" + c.name_zh,
        "sort_name_en": c.name_en.lower(),
        "records": int(c.record_count or 0),
        "updated": int(c.updated_at.timestamp()) if c.updated_at else 0,
        "department_code": department.code,
        "shape": category_shape(c),
    }


def rebuild(
    directory: str,
    categories: Iterable,
    total: int,
    progress: Callable[[int, int], None] | None = None,
    applied: int | None = None,
) -> int:
    """Build a fresh index beside the old one and swap it in, so searches never see half an index.
    applied: the last catalog change the categories include (read before them)."""
    target = Path(directory)
    staging = target.with_name(target.name + ".building")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    categories = list(categories)
    words = sorted({w for c in categories for w in (c.keywords_zh or [])})
    add_words(words)
    (staging / USER_WORDS).write_text("\n".join(words), encoding="utf-8")
    ix = whoosh_index.create_in(str(staging), make_schema())
    writer = ix.writer(limitmb=256)
    count = 0
    for count, category in enumerate(categories, start=1):
        writer.add_document(**document_for(category))
        if progress and (count % 500 == 0 or count == total):
            progress(count, total)
    writer.commit()
    _write_applied(staging, applied or 0)
    old = target.with_name(target.name + ".old")
    with node_lock(directory):  # not while a change is being applied to the old index
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            os.replace(target, old)
        os.replace(staging, target)
        shutil.rmtree(old, ignore_errors=True)
    forget(directory)
    return count


def apply(
    directory: str, documents: dict[str, dict | None], applied: int | None = None, words: Iterable[str] = ()
) -> bool:
    """Put documents (code -> document_for(...), or None for a category that is gone) into the
    index in place, and record applied as the last change it holds; words: their Chinese keywords
    (taught to jieba here, and kept with the index for the node's other processes). Call it
    holding node_lock.
    False when there is no usable index (search answers from the database until a rebuild)."""
    ix = _open(directory)
    if ix is None:
        log.warning("search index at %s is unavailable; %d categories not indexed", directory, len(documents))
        return False
    words = _new_words(directory, words)
    fields = set(ix.schema.names())  # an index built before a field was added (e.g. shape) takes the rest
    writer = ix.writer(timeout=30.0)
    try:
        for code, document in documents.items():
            if document is None:
                writer.delete_by_term("code", code)
            else:
                writer.update_document(**{k: v for k, v in document.items() if k in fields})
    except BaseException:
        writer.cancel()
        raise
    writer.commit(mergetype=NO_MERGE, optimize=False)
    if len(_segments(ix)) > MAX_SMALL_SEGMENTS + 1:
        # merged off the edit's path: the edit is searchable now, the merge follows
        threading.Thread(target=merge_small_segments, args=(directory,), name="search-merge", daemon=True).start()
    if words:
        with open(Path(directory) / USER_WORDS, "a", encoding="utf-8") as f:
            f.write("\n" + "\n".join(words))
    if applied is not None:
        _write_applied(Path(directory), applied)
    return True


def update(directory: str, category) -> None:
    """Put one category's current state into the index (the change log is not consulted)."""
    with node_lock(directory):
        apply(directory, {category.code: document_for(category)}, words=category.keywords_zh or [])


def merge_small_segments(directory: str) -> None:
    """Each edit leaves a small segment; once there are more than MAX_SMALL_SEGMENTS they are merged
    into one, in a thread of the process that made the last edit, holding the node's lock."""
    try:
        with node_lock(directory):
            ix = _open(directory)
            if ix is None or len(_segments(ix)) <= MAX_SMALL_SEGMENTS + 1:
                return
            ix.writer(timeout=30.0).commit(mergetype=_merge_small_segments, optimize=False)
    except Exception:  # the next edit tries again; searches are right either way
        log.exception("merging the small segments of the search index at %s failed", directory)


def _segments(ix) -> list:
    return ix._segments()


def _merge_small_segments(writer, segments):
    """Every segment but the big one a rebuild wrote merged into one. That one is never rewritten
    here (it costs as much as a rebuild) and stays first, so untouched documents keep their numbers
    (and ties their order)."""
    if len(segments) < 2:
        return segments
    biggest = max(segments, key=lambda s: s.doc_count_all())
    for segment in segments:
        if segment is not biggest:
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)
            reader.close()
    return [biggest]


def _new_words(directory: str, words: Iterable[str]) -> list[str]:
    """Of words, those the index's word list lacks; jieba is taught all of them."""
    words = [w for w in words if w]
    add_words(words)
    path = Path(directory) / USER_WORDS
    known = set(path.read_text(encoding="utf-8").split("\n")) if path.exists() else set()
    return sorted(set(words) - known)


# ---- the last change an index holds, and one writer per node -----------------------------------


def applied_change(directory: str) -> int | None:
    """The id of the last catalog change this index holds; None without an index or a record."""
    try:
        return int((Path(directory) / APPLIED).read_text(encoding="ascii").strip() or 0)
    except (OSError, ValueError):
        return None


def _write_applied(directory: Path, value: int) -> None:
    temporary = directory / (APPLIED + ".tmp")
    temporary.write_text(str(int(value)), encoding="ascii")
    os.replace(temporary, directory / APPLIED)


@contextmanager
def node_lock(directory: str) -> Iterator[None]:
    """One writer of this node's index at a time, across its processes (a lock file beside it, as
    the index directory itself is replaced by a rebuild)."""
    target = Path(directory)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.with_name(target.name + ".lock"), "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _storage(directory: str) -> FileStorage:
    """The index's files read with ordinary reads, never memory-mapped: a segment file truncated or
    replaced under a running process then raises an error (and search falls back to the database)
    instead of killing the worker with SIGBUS."""
    return FileStorage(directory, supports_mmap=False)


def _exists(directory: str) -> bool:
    return os.path.isdir(directory) and _storage(directory).index_exists()


def current(directory: str) -> bool:
    """Whether the index at directory exists and was built with this code's schema (same field
    types and posting formats): an index built by an older version still answers, but slower, until
    it is rebuilt (flask catalog reindex)."""
    try:
        if not _exists(directory):
            return False
        built = _storage(directory).open_index().schema
    except Exception:
        return False
    wanted = make_schema()
    return sorted(built.names()) == sorted(wanted.names()) and all(
        type(built[name]) is type(wanted[name]) and type(built[name].format) is type(wanted[name].format)
        for name in wanted.names()
    )


_cache = threading.local()
_words_loaded: set = set()


def _open(directory: str):
    try:
        if not _exists(directory):
            return None
        words = Path(directory) / USER_WORDS
        if words.exists():
            # the list grows with edits (apply): a changed list is read again
            key = (directory, os.stat(directory).st_ino, words.stat().st_size)
            if key not in _words_loaded:
                add_words(words.read_text(encoding="utf-8").split("\n"))
                _words_loaded.add(key)
        return _storage(directory).open_index()
    except Exception:  # a broken index must not break search: the caller falls back to SQL
        log.exception("search index at %s cannot be opened", directory)
        return None


def warm(directory: str) -> None:
    """Load now what a process's first search would otherwise load on a client's time: jieba's
    dictionary (about 0.4 s, once per process) and the catalog's words kept with the index."""
    for _term in terms("营业执照", mode="query"):
        pass
    _open(directory)


def searcher(directory: str, files: tuple | None = None, inode: int | None = None):
    """A per-thread searcher, reopened when the index changes; None if the index is unusable.

    A rebuild swaps in a new directory, so the directory's inode tells a rebuilt index apart; a
    per-category update makes a new generation. (Whoosh's Searcher.refresh() reuses segment readers
    and can miss deletions, so a changed index gets a fresh searcher instead.) files and inode: the
    directory's files, sorted (name, size, mtime_ns), and its inode when the caller has just read
    them (catalog.cache reads them for the index's version), so they are not read again; a file
    changed in place (same generation: damage) then reopens the searcher too, which reads the files
    again rather than answering from what it keeps (stored_fields).
    """
    opened = getattr(_cache, "searchers", None)
    if opened is None:
        opened = _cache.searchers = {}
    if inode is None:
        try:
            inode = os.stat(directory).st_ino
        except OSError:
            return None
    current = opened.get(directory)
    if current is not None and current[1] == inode:
        if files is not None and current[3] == files:
            return current[0]  # the same files: the same generation, nothing changed in place
        try:
            ix = current[2]
            if files is None:
                latest = ix.latest_generation()
            else:
                latest = _latest_generation(ix, (name for name, _size, _mtime in files))
            if current[0].reader().generation() == latest and (files is None or current[3] is None):
                if files is not None:
                    opened[directory] = (*current[:3], files)
                return current[0]
        except Exception:
            log.exception("search index at %s went bad; reopening", directory)
    forget(directory)
    ix = _open(directory)
    if ix is None:
        return None
    try:
        opened[directory] = (ix.searcher(), inode, ix, files)
    except Exception:
        log.exception("search index at %s cannot be searched", directory)
        return None
    return opened[directory][0]


def _latest_generation(ix, names: Iterable[str]) -> int:
    """Whoosh's FileIndex.latest_generation() over file names already listed (its own lists the directory)."""
    pattern = TOC._pattern(ix.indexname)
    latest = -1
    for name in names:
        found = pattern.match(name)
        if found:
            latest = max(int(found.group(1)), latest)
    return latest


def stored_fields(searcher, docnum: int) -> dict:
    """The stored fields of a document, decoded once per searcher (i.e. per index version: a changed
    index gets a new searcher) instead of unpickled and decompressed at every search that shows it.
    The dict is shared: callers must not change it (or what it holds)."""
    kept = _STORED.get(searcher)
    if kept is None:
        kept = _STORED[searcher] = {}
    fields = kept.get(docnum)
    if fields is None:
        fields = searcher.reader().stored_fields(docnum)
        if len(kept) < _STORED_KEPT:
            kept[docnum] = fields
    return fields


_STORED: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_STORED_KEPT = 4096  # documents per searcher (the shipped catalog has 457)


def forget(directory: str) -> None:
    opened = getattr(_cache, "searchers", {})
    stale = opened.pop(directory, None)
    if stale is not None:
        try:
            stale[0].close()
        except Exception:
            log.debug("closing a stale searcher failed", exc_info=True)
