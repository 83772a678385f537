"""Marking the words a query matched, in any displayed text (names, descriptions)."""

from functools import lru_cache

from markupsafe import Markup

from catalog.search.analysis import display_positions


@lru_cache(maxsize=256)
def _wanted(words: tuple) -> tuple[frozenset[str], frozenset[str]]:
    """(indexed forms, Latin words as written) of a query's words: once per query, not per text."""
    texts = frozenset(w.text for w in words)
    pinyin = frozenset(w.raw for w in words if not w.chinese)
    return texts, pinyin


def _spans(text: str, words) -> list[tuple[int, int]]:
    """The merged (start, end) of the text's terms that a query word matches: its indexed form, or
    for a Chinese term one of its pinyin forms written as a Latin query word. The text's terms are
    looked up by form (analysis.display_positions) rather than each tested."""
    texts, pinyin = _wanted(tuple(words))
    by_text, by_pinyin = display_positions(text)
    spans = []
    for wanted in texts:
        found = by_text.get(wanted)
        if found:
            spans += found
    for wanted in pinyin:
        found = by_pinyin.get(wanted)
        if found:
            spans += found
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def _escape(text: str) -> str:
    """str(markupsafe.escape(text)) for a str, without making a Markup of each piece."""
    if "&" in text or "<" in text or ">" in text or "'" in text or '"' in text:
        return (
            text.replace("&", "&amp;")
            .replace(">", "&gt;")
            .replace("<", "&lt;")
            .replace("'", "&#39;")
            .replace('"', "&#34;")
        )
    return text


def highlight(text: str, words, snippet: int | None = None) -> Markup:
    """text, escaped, with matches in <mark>; with snippet=N, about N characters around the first match."""
    # bandit B704: every piece of text is escaped in highlighted(); only our own <mark> tags are raw.
    return Markup(highlighted(text, words, snippet))  # nosec B704


def highlighted(text: str, words, snippet: int | None = None) -> str:
    """str(highlight(text, words, snippet)), for an answer that is made into JSON (no Markup made)."""
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
        out += (_escape(text[cursor:start]), "<mark>", _escape(text[start:end]), "</mark>")
        cursor = end
    out += (_escape(text[cursor:hi]), "…" if hi < len(text) else "")
    return "".join(out)
