"""Text analysis shared by indexing, querying and highlighting.

Chinese runs are segmented with jieba (search mode when indexing, so 营业执照 also yields 营业 and
执照; precise mode when querying); Latin runs are lower-cased, stop-word filtered and Porter-stemmed.
Pinyin terms (full and initials: yingyezhizhao, yyzz) are derived from the Chinese words.
"""

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import jieba
from pypinyin import Style, lazy_pinyin
from whoosh.analysis import Token, Tokenizer
from whoosh.lang.porter import stem

jieba.setLogLevel(logging.WARNING)

_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[A-Za-z0-9]+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
ENGLISH_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "within",
        "per",
        "its",
        "this",
        "that",
    ]
)
CHINESE_STOP = frozenset(["的", "和", "与", "及", "或", "等", "之", "在", "对", "为"])


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # the indexed form (stemmed English, Chinese word)
    raw: str  # the word as written, lower-cased (used for pinyin and spelling)
    start: int
    end: int
    chinese: bool


def terms(text: str, mode: str = "index") -> Iterator[Term]:
    """Every term of text with its character span. mode: "index" (jieba search mode) or "query"."""
    for run in _RUN.finditer(text or ""):
        word, offset = run.group(), run.start()
        if _CJK.match(word):
            for piece, start, end in jieba.tokenize(word, mode="search" if mode == "index" else "default"):
                if piece in CHINESE_STOP:
                    continue
                yield Term(piece, piece, offset + start, offset + end, True)
        else:
            lower = word.lower()
            if lower in ENGLISH_STOP:
                continue
            yield Term(stem(lower), lower, offset, offset + len(word), False)


@lru_cache(maxsize=65536)
def pinyin_forms(chinese: str) -> tuple[str, str]:
    """(full, initials) of a Chinese word: 营业执照 -> (yingyezhizhao, yyzz)."""
    syllables = lazy_pinyin(chinese, errors="ignore")
    initials = lazy_pinyin(chinese, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(syllables).lower(), "".join(initials).lower()


def pinyin_terms(texts: Iterable[str]) -> list[str]:
    """Pinyin terms for Chinese texts: each word, each pair of neighbouring words, and each whole run."""
    out: set[str] = set()
    for text in texts:
        for run in _RUN.finditer(text or ""):
            word = run.group()
            if not _CJK.match(word):
                continue
            words = list(jieba.cut(word))
            pieces = set(words) | {a + b for a, b in zip(words, words[1:], strict=False)} | {word}
            pieces |= {p for p, _s, _e in jieba.tokenize(word, mode="search")}
            for piece in pieces:
                full, initials = pinyin_forms(piece)
                if full:
                    out.add(full)
                if len(initials) >= 2:
                    out.add(initials)
    return sorted(out)


@lru_cache(maxsize=32768)
def display_terms(text: str) -> tuple[Term, ...]:
    """terms(text) of a displayed name or description, kept: the same texts are highlighted again
    and again. Cleared whenever jieba learns words (segmentation may change)."""
    return tuple(terms(text, mode="index"))


@lru_cache(maxsize=32768)
def display_positions(text: str) -> tuple[dict[str, list], dict[str, list]]:
    """Where the terms of a displayed text stand, kept with them: (indexed form -> its (start, end)s,
    pinyin form of a Chinese term (full, initials) -> its (start, end)s). Highlighting then looks up
    the query's few words instead of testing every term of the text. Never changed by its users;
    cleared with display_terms."""
    by_text: dict[str, list] = {}
    by_pinyin: dict[str, list] = {}
    for t in display_terms(text):
        by_text.setdefault(t.text, []).append((t.start, t.end))
        if t.chinese:
            for form in pinyin_forms(t.text):
                by_pinyin.setdefault(form, []).append((t.start, t.end))
    return by_text, by_pinyin


@lru_cache(maxsize=4096)
def query_terms(text: str) -> tuple[Term, ...]:
    """terms(text, mode="query") of a query, kept: the same queries are asked again and again (jieba's
    segmentation of one is most of analysing it). Cleared whenever jieba learns words."""
    return tuple(terms(text, mode="query"))


_taught: set[str] = set()


def add_words(words: Iterable[str]) -> None:
    """Teach jieba the catalog's own vocabulary (keywords) so names segment the same everywhere.
    Each word once per process: jieba.add_word adds the word's frequency to the dictionary's total
    on every call, so teaching a word again would shift how everything else segments (an index
    built after a second rebuild or an edit would analyse text differently from one built before)."""
    added = False
    for word in words:
        if word and word not in _taught and _CJK.search(word) and len(word) <= 12:
            jieba.add_word(word)
            _taught.add(word)
            added = True
    if added:
        display_terms.cache_clear()
        display_positions.cache_clear()
        query_terms.cache_clear()


class MixedTokenizer(Tokenizer):
    """A Whoosh tokenizer over terms(): positions and character spans included."""

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        for pos, term in enumerate(terms(value, "query" if mode == "query" else "index")):
            token.text = term.text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = term.raw
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar, token.endchar = start_char + term.start, start_char + term.end
            yield token


def analyzer():
    return MixedTokenizer()
