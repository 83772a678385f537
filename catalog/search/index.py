"""The Whoosh index of the catalog: schema, (re)building, per-category updates, opening safely."""

import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from pypinyin import lazy_pinyin
from whoosh import index as whoosh_index
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import AsyncWriter

from catalog.search.analysis import add_words, analyzer, pinyin_terms

log = logging.getLogger(__name__)
USER_WORDS = "catalog-words.txt"
OPTIMIZE_BELOW = 20_000


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
    )


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
    }


def rebuild(
    directory: str, categories: Iterable, total: int, progress: Callable[[int, int], None] | None = None
) -> int:
    """Build a fresh index beside the old one and swap it in, so searches never see half an index."""
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
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
    forget(directory)
    return count


def update(directory: str, category) -> None:
    """Put one category's current state into the index (after its change is committed)."""
    ix = _open(directory)
    if ix is None:
        log.warning("search index at %s is unavailable; category %s not indexed", directory, category.code)
        return
    add_words(category.keywords_zh or [])
    writer = AsyncWriter(ix)
    writer.update_document(**document_for(category))
    # A replaced document stays counted in term statistics until its segment is rewritten, which
    # skews ranking after edits; a catalog-sized index is rewritten at once (well under a second).
    writer.commit(optimize=ix.doc_count_all() <= OPTIMIZE_BELOW)


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
        key = (directory, os.stat(directory).st_ino)
        if key not in _words_loaded and words.exists():
            add_words(words.read_text(encoding="utf-8").split("\n"))
            _words_loaded.add(key)
        return _storage(directory).open_index()
    except Exception:  # a broken index must not break search: the caller falls back to SQL
        log.exception("search index at %s cannot be opened", directory)
        return None


def searcher(directory: str):
    """A per-thread searcher, reopened when the index changes; None if the index is unusable.

    A rebuild swaps in a new directory, so the directory's inode tells a rebuilt index apart; a
    per-category update makes a new generation. (Whoosh's Searcher.refresh() reuses segment readers
    and can miss deletions, so a changed index gets a fresh searcher instead.)
    """
    opened = getattr(_cache, "searchers", None)
    if opened is None:
        opened = _cache.searchers = {}
    try:
        inode = os.stat(directory).st_ino
    except OSError:
        return None
    current = opened.get(directory)
    if current is not None and current[1] == inode:
        try:
            if current[0].reader().generation() == current[2].latest_generation():
                return current[0]
        except Exception:
            log.exception("search index at %s went bad; reopening", directory)
    forget(directory)
    ix = _open(directory)
    if ix is None:
        return None
    try:
        opened[directory] = (ix.searcher(), inode, ix)
    except Exception:
        log.exception("search index at %s cannot be searched", directory)
        return None
    return opened[directory][0]


def forget(directory: str) -> None:
    opened = getattr(_cache, "searchers", {})
    stale = opened.pop(directory, None)
    if stale is not None:
        try:
            stale[0].close()
        except Exception:
            log.debug("closing a stale searcher failed", exc_info=True)
