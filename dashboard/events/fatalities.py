"""Step 3b of extraction: how many died, were wounded, were abducted.

ACLED conventions: fatalities are deaths only; of a range ("five to seven killed") the lowest
figure; "no casualties reported" is 0; a vague count ("several", "dozens") is a flag, never a
guessed number. Items listed after one kill verb are summed ("killing two soldiers and three
civilians" = 5); a total that includes them ("ten people, including three soldiers") is not.
Wounded and abducted counts are kept for the event's tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dashboard.lexicons import Lexicon

__all__ = ["Harm", "harm"]


@dataclass(frozen=True)
class Harm:
    """What one sentence states about harm. ``deaths`` is None when it states nothing (0 for
    "no casualties"); ``vague`` holds the words of a count that is not a number."""

    deaths: int | None = None
    words: str = ""
    vague: str = ""
    wounded: int | None = None
    abducted: int | None = None
    additive: bool = False


@dataclass(frozen=True)
class _Compiled:
    before: re.Pattern
    after: re.Pattern
    toll: re.Pattern
    single_before: re.Pattern
    single_after: re.Pattern
    no_deaths: re.Pattern
    vague: re.Pattern
    wounded: tuple[re.Pattern, re.Pattern]
    abducted: tuple[re.Pattern, re.Pattern]
    item: re.Pattern
    additive: re.Pattern
    range_open: re.Pattern


@lru_cache(maxsize=8)
def _compiled(code: str) -> _Compiled:
    from dashboard.lexicons import for_language

    lex = for_language(code)
    num = lex.number_pattern
    months = "|".join(re.escape(m) for m in sorted(lex.months, key=len, reverse=True))
    not_a_count = r"(?![\d,.]*\s*(?:" + lex.non_count_units + r"|(?:" + months + r")\b))"
    count = r"(?:" + lex.approx + r")?" + num + r"(?:\s*" + lex.count_range + r"\s*(?:\d{1,5}|\w+))?"
    i = re.I
    return _Compiled(
        before=re.compile(lex.kill_before + count + r"\b" + not_a_count, i),
        after=re.compile(r"(?<![\w-])" + count + not_a_count + lex.kill_after, i),
        toll=re.compile(lex.kill_toll + r"(?:" + lex.approx + r")?" + num + r"\b", i),
        single_before=re.compile(lex.kill_single + lex.singular + r"\b", i),
        single_after=re.compile(r"(?:^|[\s,;])" + lex.singular + lex.kill_after, i),
        no_deaths=re.compile(lex.no_deaths, i),
        vague=re.compile(lex.vague, i),
        wounded=(re.compile(lex.wounded_before + count + r"\b" + not_a_count, i),
                 re.compile(r"(?<![\w-])" + count + not_a_count + lex.wounded_after, i)),
        abducted=(re.compile(lex.abducted_before + count + r"\b" + not_a_count, i),
                  re.compile(r"(?<![\w-])" + count + not_a_count + lex.abducted_after, i)),
        item=re.compile(r"\s*(?:\w+\s+){0,3}?" + lex.list_join + r"\s+(?:" + lex.approx + r")?" + num + r"\b", i),
        additive=re.compile(lex.additive, i),
        range_open=re.compile(lex.range_open, i),
    )


def _value(lex: Lexicon, tok: str) -> int | None:
    v = lex.number(tok)
    if v is None:
        return None
    if tok.isdigit() and len(tok) == 4 and 1900 <= v <= 2100:
        return None  # a year, not a count
    return v


def _counts(lex: Lexicon, c: _Compiled, pats: tuple[re.Pattern, re.Pattern], s: str) -> int | None:
    best = None
    for pat in pats:
        for m in pat.finditer(s):
            v = _value(lex, m.group("n"))
            if v is not None and (best is None or v > best):
                best = v
    return best


def harm(sentence: str, lex: Lexicon) -> Harm:
    """Deaths, wounded and abducted stated in one sentence."""
    c = _compiled(lex.code)
    s = sentence
    wounded = _counts(lex, c, c.wounded, s)
    abducted = _counts(lex, c, c.abducted, s)
    additive = bool(c.additive.search(s))
    best: tuple[int, str] | None = None
    spans: list[tuple[int, int]] = []
    nd = c.no_deaths.search(s)

    def denied(m: re.Match) -> bool:   # "no one was killed": the "one" is no count
        return nd is not None and nd.start() <= m.start("n") < nd.end()

    for m in c.before.finditer(s):
        v = _value(lex, m.group("n"))
        if v is None or denied(m):
            continue
        end = m.end()
        words = m.group(0)
        # "killing two soldiers and three civilians": the listed items add up ("between 5 and 7" does not)
        while not c.range_open.search(s, max(0, m.start("n") - 12), m.start("n")):
            nxt = c.item.match(s, end)
            if not nxt:
                break
            w = _value(lex, nxt.group("n"))
            if w is None:
                break
            if c.wounded[1].match(s, nxt.start("n")) or c.abducted[1].match(s, nxt.start("n")):
                break
            v += w
            end = nxt.end()
            words = s[m.start():end]
        spans.append((m.start(), end))
        if best is None or v > best[0]:
            best = (v, words.strip())
    for pat in (c.after, c.toll):
        for m in pat.finditer(s):
            if any(a <= m.start() < b for a, b in spans) or denied(m):
                continue
            v = _value(lex, m.group("n"))
            if v is not None and pat is c.after:
                # "Four VDP and 15 assailants were killed": the listed counts add up
                pos = m.end("n")
                while not c.range_open.search(s, max(0, m.start("n") - 12), m.start("n")):
                    nxt = c.item.match(s, pos)
                    if not nxt or nxt.end() > m.end():
                        break
                    w = _value(lex, nxt.group("n"))
                    if w is None:
                        break
                    v += w
                    pos = nxt.end()
            if v is not None and (best is None or v > best[0]):
                best = (v, m.group(0).strip())
    if best is None:
        for pat in (c.single_before, c.single_after):
            m = pat.search(s)
            if m and not denied(m):
                best = (1, m.group(0).strip())
                break
    vague = c.vague.search(s)
    if best is None and vague:
        return Harm(None, "", vague.group(0).strip(), wounded, abducted, additive)
    if best is None:
        if nd:
            return Harm(0, nd.group(0), "", wounded, abducted, additive)
        return Harm(None, "", "", wounded, abducted, additive)
    return Harm(best[0], best[1], "", wounded, abducted, additive)
