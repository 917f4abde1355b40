"""Step 2 of extraction: the event words of a sentence, and the ones that tell of no happening.

`find_triggers` matches the lexicon's trigger rules (verbs in every tense, nouns, set phrases) and
keeps, where two overlap, the more specific one. The filters drop a trigger that is hypothetical,
demanded or negated (`is_hypothetical`), sums up many past happenings (`is_aggregate`), or is a
year-only background reference ("the 2012 coup", `year_reference`). No words live here: they all
come from the report's :class:`~dashboard.lexicons.Lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.lexicons import Lexicon

__all__ = ["Trigger", "find_triggers", "is_hypothetical", "is_aggregate", "year_reference"]


@dataclass(frozen=True)
class Trigger:
    """One trigger match in a sentence (offsets into the sentence's text)."""

    start: int
    end: int
    text: str
    event_type: str        # "" = typed by its arguments
    sub_event_type: str
    priority: int
    key: str               # the lexicon rule ("arrest", "protest", "kill", ...)
    nominal: bool          # a noun ("the coup") rather than a finite verb ("detained")


def find_triggers(sentence: str, lex: Lexicon) -> list[Trigger]:
    """Every trigger in one sentence, in text order; overlapping matches resolved by priority."""
    hits: list[Trigger] = []
    finite = lex.rx(lex.finite_verb)
    det = lex.cue("determiner")
    for rule in lex.triggers:
        pat = lex.rx(rule.pattern)
        found = list(pat.finditer(sentence))
        if not found:
            continue
        if rule.requires and not lex.cue(rule.requires).search(sentence):
            continue
        after_rx = lex.rx(rule.not_before) if rule.not_before else None
        for m in found:
            if m.end() == m.start():
                continue
            if after_rx is not None and after_rx.match(sentence, m.end()):
                continue
            word = m.group(0)
            first = word.split()[0].lower()
            nominal = not finite.match(first) or bool(det.search(sentence, max(0, m.start() - 8), m.start()))
            hits.append(Trigger(m.start(), m.end(), word, rule.event_type, rule.sub_event_type, rule.priority,
                                rule.key, nominal))
    hits.sort(key=lambda t: (t.start, -t.priority))
    out: list[Trigger] = []
    for t in hits:
        clash = [o for o in out if t.start < o.end and o.start < t.end]
        if clash:
            if all(t.priority > o.priority for o in clash):
                for o in clash:
                    out.remove(o)
                out.append(t)
            continue
        out.append(t)
    out.sort(key=lambda t: t.start)
    return out


def _clause_before(sentence: str, trig: Trigger, lex: Lexicon, width: int = 60) -> str:
    before = sentence[max(0, trig.start - width):trig.start]
    return lex.rx(lex.clause_split).split(before)[-1]


def is_hypothetical(sentence: str, trig: Trigger, lex: Lexicon) -> bool:
    """A trigger governed by a modal, a demand, a fear or a negation in its own clause ("fears of a
    coup", "called for his resignation", "did not attack"). A finite verb is not swallowed by a
    demand cue ("protesters who called for his ouster gathered")."""
    clause = _clause_before(sentence, trig, lex)
    m = lex.rx(lex.hypothetical).search(clause)
    if not m:
        return False
    if not trig.nominal and lex.rx(lex.soft_hypothetical).search(m.group(0)):
        return False
    return True


def is_aggregate(sentence: str, trig: Trigger, lex: Lexicon) -> bool:
    """A noun trigger that names many past happenings at once ("months of demonstrations")."""
    if not trig.nominal:
        return False
    before = sentence[max(0, trig.start - 50):trig.start]
    return bool(lex.rx(lex.aggregate).search(before))


_YEAR_BEFORE = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:['’]s)?\s+(?:\w+\s+){0,2}$")
_YEAR_AFTER = re.compile(r"\s+\w{1,3}\s+((?:19|20)\d\d)(?!\d)")


def year_reference(sentence: str, trig: Trigger, lex: Lexicon) -> int | None:
    """The year of a year-only reference bound to a noun trigger: "the 2012 coup", "the coup of
    2012". A year that ends a full date ("5 April 2012 attack") is a date, not background."""
    from dashboard.events.dates import find_dates

    before = sentence[max(0, trig.start - 30):trig.start]
    m = _YEAR_BEFORE.search(before)
    if m:
        refs = find_dates(before, lex=lex)
        if not any(r.kind != "year" and r.start <= m.start(1) < r.end for r in refs):
            return int(m.group(1))
    m = _YEAR_AFTER.match(sentence, trig.end)
    if m and m.end() - trig.end <= 14:
        refs = find_dates(sentence, trig.end, min(len(sentence), trig.end + 30), lex=lex)
        if not any(r.kind != "year" for r in refs):
            return int(m.group(1))
    return None
