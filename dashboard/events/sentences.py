"""Step 1 of extraction: a report's text as sentences with character offsets.

Paragraph breaks always end a sentence; a full stop after one of the lexicon's abbreviations
("Aug.", "Gen.") or after an initial ("U.S.") does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dashboard.lexicons import Lexicon, for_language
from dashboard.sources.article import Article

__all__ = ["Sentence", "split_sentences", "sentence_of"]

_BOUNDARY = re.compile(r"[.!?]+[\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[A-Z0-9À-ÖØ-Þ])")


@dataclass(frozen=True)
class Sentence:
    """One sentence: offsets into ``Article.text``, 0-based index and paragraph, whether it lies in a
    photo caption or the title."""

    start: int
    end: int
    text: str
    index: int          # 0-based, in the article
    paragraph: int      # 0-based paragraph number
    caption: bool
    title: bool


@lru_cache(maxsize=16)
def _abbrev(words: tuple[str, ...]) -> re.Pattern:
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?:\b(?:" + alt + r")|\b[A-Z]|(?:\b[A-Za-z]\.){1,3}[A-Za-z])\.$")


def split_sentences(article: Article, lex: Lexicon | None = None) -> list[Sentence]:
    """Sentences with offsets into ``article.text`` (``text[s.start:s.end] == s.text``)."""
    lex = lex or for_language("en")
    abbrev = _abbrev(tuple(lex.abbreviations))
    text = article.text
    spans = article.paragraphs or [(0, len(text))]
    out: list[Sentence] = []
    for p_i, (pa, pb) in enumerate(spans):
        cur = pa
        for m in _BOUNDARY.finditer(text, pa, pb):
            cut = m.start() + len(m.group(0).rstrip())
            head = text[cur:m.start() + 1]
            if m.end() < pb and abbrev.search(head):
                continue
            _add(out, text, cur, cut, p_i, article)
            cur = m.end()
        if cur < pb:
            _add(out, text, cur, pb, p_i, article)
    return out


def _add(out: list[Sentence], text: str, a: int, b: int, p_i: int, article: Article) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b - a < 3:
        return
    out.append(Sentence(a, b, text[a:b], len(out), p_i, article.in_caption(a), article.in_title(a)))


def sentence_of(sentences: list[Sentence], offsets: list[int]) -> list[int | None]:
    """For each (sorted) character offset, the index of the sentence holding it (None between sentences)."""
    out: list[int | None] = []
    si = 0
    for off in offsets:
        while si < len(sentences) and sentences[si].end <= off:
            si += 1
        out.append(si if si < len(sentences) and sentences[si].start <= off else None)
    return out
