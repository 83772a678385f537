"""Marking the words a query matched, in any displayed text (names, descriptions)."""

from functools import lru_cache

from markupsafe import Markup, escape

from catalog.search.analysis import display_terms, pinyin_forms


@lru_cache(maxsize=256)
def _wanted(words: tuple) -> tuple[frozenset[str], frozenset[str]]:
    """(indexed forms, Latin words as written) of a query's words: once per query, not per text."""
    texts = frozenset(w.text for w in words)
    pinyin = frozenset(w.raw for w in words if not w.chinese)
    return texts, pinyin


def _spans(text: str, words) -> list[tuple[int, int]]:
    texts, pinyin = _wanted(tuple(words))
    spans = []
    for t in display_terms(text):
        if t.text in texts or (pinyin and t.chinese and not pinyin.isdisjoint(pinyin_forms(t.text))):
            spans.append((t.start, t.end))
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def highlight(text: str, words, snippet: int | None = None) -> Markup:
    """text, escaped, with matches in <mark>; with snippet=N, about N characters around the first match."""
    text = text or ""
    spans = _spans(text, words) if words else []
    lo, hi = 0, len(text)
    if snippet and len(text) > snippet:
        first = spans[0][0] if spans else 0
        lo = max(0, first - snippet // 3)
        hi = min(len(text), lo + snippet)
    # Plain strings, each piece escaped, joined once: Markup's own + escapes and copies per piece.
    out, cursor = ["…" if lo > 0 else ""], lo
    for start, end in spans:
        if end <= lo or start >= hi:
            continue
        start, end = max(start, lo), min(end, hi)
        out += (escape(text[cursor:start]), "<mark>", escape(text[start:end]), "</mark>")
        cursor = end
    out += (escape(text[cursor:hi]), "…" if hi < len(text) else "")
    # bandit B704: every piece of text was escaped above; only our own <mark> tags are raw.
    return Markup("".join(out))  # nosec B704
