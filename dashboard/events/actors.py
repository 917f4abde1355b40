"""Step 3a of extraction: who did it and to whom.

`find_actors` finds the lexicon's actor phrases in a sentence (each with an ACLED name template,
inter code 1-8 and a role); `roles` splits them around a trigger into the side that acts (actor1)
and the side acted upon (actor2): the subject of an active verb, the agent after the passive
marker ("was attacked by X"), the target after a nominal's marker ("an attack on Y"), both parties
after "between" ("clashes between X and Y"). ACLED names: "Military Forces of Mali",
"Unidentified Armed Group (Mali)", "Protesters (Bangladesh)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.events.triggers import Trigger
from dashboard.lexicons import Lexicon

__all__ = ["ActorHit", "find_actors", "roles", "actor_name", "COMBATANT", "CROWD"]

#: roles that fight (one side of a battle)
COMBATANT = frozenset({"state", "external", "armed", "militia"})
#: roles that make a crowd (protest or riot)
CROWD = frozenset({"protest", "riot", "party"})


@dataclass(frozen=True)
class ActorHit:
    """One actor phrase in a sentence (offsets into the sentence)."""

    start: int
    end: int
    text: str
    name: str        # template with {C} for the country name ("Military Forces of {C}")
    inter: int
    assoc: str = ""  # a named group attached ("M5-RFP", "AL: Awami League")
    role: str = ""   # state, external, armed, militia, party, protest, riot, civ, gov


def find_actors(sentence: str, lex: Lexicon) -> list[ActorHit]:
    """Actor phrases in one sentence, in text order, without overlaps (the first listed rule wins)."""
    hits: list[ActorHit] = []
    taken: list[tuple[int, int]] = []
    for rule in lex.actors:
        pat = lex.rx(rule.pattern, 0 if rule.case_sensitive else re.I)
        for m in pat.finditer(sentence):
            a, b = m.span()
            if b == a or any(not (b <= s or a >= e) for s, e in taken):
                continue
            taken.append((a, b))
            hits.append(ActorHit(a, b, m.group(0).strip(), rule.name, rule.inter, rule.assoc, rule.role))
    hits.sort(key=lambda h: h.start)
    return hits


def roles(sentence: str, trig: Trigger, actors: list[ActorHit], lex: Lexicon,
          triggers: list[Trigger] | None = None) -> tuple[list[ActorHit], list[ActorHit]]:
    """(actor1 side, actor2 side) for a trigger. Each side is a list, nearest first. ``triggers``
    (the sentence's other triggers) tell objects of an earlier verb from the subject."""
    t = sentence
    before = [a for a in actors if a.start < trig.start and a.end <= trig.end]
    after = [a for a in actors if a.start >= trig.end]
    # "clashes between X and Y"
    if after and lex.rx(lex.between).match(t, trig.end):
        return after[:1], after[1:2]
    agent_rx = lex.rx(lex.agent_marker)
    passive = bool(lex.rx(lex.passive_aux).search(t[max(0, trig.start - 25):trig.start]))
    agents_after = [a for a in after if agent_rx.search(t[max(0, a.start - 30):a.start])
                    and a.start - trig.end < 80]
    if passive or (trig.nominal and agents_after):
        if agents_after:
            patients = before[-1:] if passive else [a for a in after if a not in agents_after][:1]
            return agents_after[:1], patients
        if passive:
            return [], before[-1:]
    if trig.nominal and not before:
        # "An attack on a FAMa post": the target follows the marker
        if after and lex.rx(lex.patient_marker).match(t, trig.end):
            return [], after[:1]
    # active voice: the subject is the nearest actor before the trigger in its clause, skipping
    # relative clauses ("officers who had forced the president out formed ..." -> officers)
    clause_start = 0
    for m in lex.rx(lex.subordinators).finditer(t, 0, trig.start):
        if m.end() <= trig.start and any(m.end() <= a.start for a in before):
            clause_start = m.end()
    in_clause = [a for a in before if a.start >= clause_start]
    pool = in_clause or before
    # not a subject: an object of an earlier verb ("killed five herders and stole ...") or of a
    # preposition ("the house of a trader")
    others = [o for o in (triggers or []) if o is not trig and o.end <= trig.start]
    obj_rx = lex.cue("object_position")
    only_obj = lex.cue("object_only")

    def can_be_subject(a: ActorHit, floor: int) -> bool:
        return not (any(o.end <= a.start and o.start >= floor for o in others)
                    or obj_rx.search(t, max(0, a.start - 30), a.start) or only_obj.fullmatch(a.text))

    subjects = [a for a in in_clause if can_be_subject(a, clause_start)] or \
        [a for a in before if can_be_subject(a, 0)]
    if not subjects and pool and trig.start - pool[-1].end <= 3:
        subjects = pool[-1:]  # headline style: "Two civilians killed"
    subject = subjects[-1:]
    rel = list(lex.rx(lex.relative).finditer(t, clause_start, trig.start))
    if rel and in_clause:
        r0 = rel[0].start()
        heads = [a for a in in_clause if a.end <= r0 and r0 - a.end <= 3]
        if heads:
            subject = heads[-1:]
    return subject, after[:1]


def actor_name(hit: ActorHit, country: str) -> str:
    """The ACLED actor name for the event's country ("Military Forces of {C}" → "... of Mali")."""
    return hit.name.replace("{C}", country or "Unknown")
