"""Step 4 of extraction: the ACLED type of a trigger, from the trigger and its arguments.

Some triggers name their type ("an IED", "abducted", "signed a ceasefire"). Others are typed by who
did what to whom, as the ACLED codebook does:

- a bare attack, killing or shooting: on state or armed forces (or their posts, convoys) is an
  armed clash; on civilians (or villages, markets, buses) an attack on civilians; by a crowd a mob;
  by state forces on protesters excessive force;
- a clash between armed actors is a battle, between crowds or party supporters a riot;
- a territory change is "Government regains" when state forces act, "Non-state actor overtakes"
  otherwise; a capture of people is an arrest by the state, an abduction by anyone else;
- a protest is "with intervention" when it is dispersed, tear-gassed or its people arrested, a
  violent demonstration when the crowd throws stones or burns, excessive force when shot at.

Trigger keys are the lexicon's rule names (language-neutral): "kill", "attack", "ambush",
"clash", "territory", "capture", "arrest", "abduct", "execute", "riot", "mob", "loot",
"protest", "protest_strong"; every other key keeps the type its rule states. The context
words come from the lexicon's ``cues``.
"""

from __future__ import annotations

from dashboard.events.actors import COMBATANT, CROWD, ActorHit
from dashboard.events.triggers import Trigger
from dashboard.lexicons import Lexicon

__all__ = ["type_event", "TYPED_BY_ARGUMENTS", "Typed"]

Typed = tuple[str, str, int]

#: trigger keys whose type depends on the arguments
TYPED_BY_ARGUMENTS = frozenset({"kill", "attack", "ambush", "clash", "territory", "capture", "arrest", "execute",
                                "riot", "mob", "loot", "protest", "protest_strong", "abduct"})

BATTLE = ("Battles", "Armed clash")
VAC = ("Violence against civilians", "Attack")
MOB = ("Riots", "Mob violence")
VIOLENT_DEMO = ("Riots", "Violent demonstration")
EXCESSIVE = ("Protests", "Excessive force against protesters")
INTERVENTION = ("Protests", "Protest with intervention")
PEACEFUL = ("Protests", "Peaceful protest")


def _first(pattern, text: str, start: int = 0, end: int | None = None) -> int:
    m = pattern.search(text, start, len(text) if end is None else end)
    return m.start() if m else -1


def _target(trig: Trigger, s: str, patient: ActorHit | None, lex: Lexicon) -> str:
    """"mil", "civ" or "" for what the trigger was done to."""
    if patient is not None:
        if patient.role in COMBATANT:
            return "mil"
        if patient.role in ("civ", "gov", "protest", "riot"):
            return "civ"
        if patient.role == "party":
            return "party"
    end = min(len(s), trig.end + 70)
    mil = _first(lex.cue("military_target"), s, trig.end, end)
    civ = _first(lex.cue("civilian_target"), s, trig.end, end)
    if mil >= 0 and (civ < 0 or mil < civ):
        return "mil"
    if civ >= 0:
        return "civ"
    return ""


def _sentence_target(s: str, actors: list[ActorHit], agent: ActorHit | None, lex: Lexicon) -> str:
    """What the sentence as a whole says was hit, when the trigger itself has no object."""
    others = [a for a in actors if a is not agent]
    if any(a.role in COMBATANT for a in others) and agent is not None and agent.role in COMBATANT:
        return "mil"
    if any(a.role == "civ" for a in others):
        return "civ"
    if any(a.role in COMBATANT for a in others):
        return "mil"
    mil = _first(lex.cue("military_target"), s)
    civ = _first(lex.cue("civilian_target"), s)
    if agent is not None:  # the agent's own words are not its target
        if agent.start <= mil < agent.end:
            mil = _first(lex.cue("military_target"), s, agent.end)
        if agent.start <= civ < agent.end:
            civ = _first(lex.cue("civilian_target"), s, agent.end)
    if civ >= 0 and (mil < 0 or civ < mil):
        return "civ"
    if mil >= 0:
        return "mil"
    return ""


def _crowdish(agent: ActorHit | None, s: str, trig: Trigger, lex: Lexicon) -> bool:
    if agent is not None:
        return agent.role in CROWD or agent.role == "civ"
    return False


def _segment(s: str, trig: Trigger, lex: Lexicon) -> str:
    """The sentence with everything outside the trigger's segment blanked (same length, so offsets
    hold): "X attacked a post, while in Y police arrested protesters" is two segments."""
    cuts = [m for m in lex.cue("segment_split").finditer(s)]
    if not cuts:
        return s
    a = max((m.end() for m in cuts if m.end() <= trig.start), default=0)
    b = min((m.start() for m in cuts if m.start() >= trig.end), default=len(s))
    return " " * a + s[a:b] + " " * (len(s) - b)


def type_event(trig: Trigger, s: str, actors: list[ActorHit], side1: list[ActorHit], side2: list[ActorHit],
               lex: Lexicon, protest_context: bool = False) -> Typed:
    """(event_type, sub_event_type, priority) for a trigger in sentence ``s``; ("", "", 0) when the
    sentence does not say enough to type it. ``protest_context``: an earlier sentence of the report
    tells of a protest, so state violence against a crowd there is violence against protesters."""
    key = trig.key
    prio = trig.priority
    if key not in TYPED_BY_ARGUMENTS:
        return trig.event_type, trig.sub_event_type, prio
    s = _segment(s, trig, lex)
    actors = [a for a in actors if s[a.start:a.end].strip()]
    agent = side1[0] if side1 else None
    patient = side2[0] if side2 else None
    protesters = bool(lex.cue("protesters").search(s))
    roles_here = {a.role for a in actors}

    if key in ("protest", "protest_strong"):
        if lex.cue("violent_crowd").search(s):
            return (*VIOLENT_DEMO, 55)
        if lex.cue("excessive").search(s):
            return (*EXCESSIVE, 54)
        if lex.cue("intervention").search(s):
            return (*INTERVENTION, 47)
        return (*PEACEFUL, prio)

    if key == "mob":
        return (*MOB, prio)

    if key == "riot":
        if protesters:
            return (*VIOLENT_DEMO, prio)
        if _crowdish(agent, s, trig, lex) or roles_here & CROWD or lex.cue("crowd_agent").search(s[:trig.start]):
            # partisans or a crowd turning on people: mob violence; a crowd's destructive protest
            # (barricades, stones, burning tyres, a ransacked public building): violent demonstration
            partisan = (agent is not None and agent.role == "party") or \
                (patient is not None and patient.role in ("party", "civ"))
            return (*(MOB if partisan else VIOLENT_DEMO), prio)
        return "Strategic developments", "Looting/property destruction", 24

    if key == "loot":
        if agent is not None and (agent.role in CROWD or agent.role == "civ"):
            return (*(VIOLENT_DEMO if protesters else MOB), 55)
        return trig.event_type or "Strategic developments", trig.sub_event_type or "Looting/property destruction", prio

    if key == "clash":
        parties = [a for a in (side1 + side2) if a is not None] or actors
        proles = {a.role for a in parties}
        if proles & COMBATANT and not proles & CROWD:
            return (*BATTLE, 60)
        if proles & CROWD or proles & {"civ"} or lex.cue("crowd_agent").search(s):
            if proles & {"state"} or protesters:   # a crowd fighting the police: a violent demonstration
                return (*VIOLENT_DEMO, 55)
            if proles & COMBATANT and not proles & {"state", "external"} and not proles & CROWD:
                return (*BATTLE, 60)
            return (*MOB, 55)
        return (*BATTLE, 60)

    if key == "territory":
        if lex.cue("nonviolent").search(s):
            return "Strategic developments", "Non-violent transfer of territory", prio
        if agent is not None and (agent.role in CROWD or agent.role == "civ"):
            return (*(VIOLENT_DEMO if protesters else MOB), 55)
        if agent is not None:
            if agent.role in ("state", "external") or agent.inter == 1:
                return "Battles", "Government regains territory", prio
            return "Battles", "Non-state actor overtakes territory", prio
        if roles_here & {"armed"} and not roles_here & {"state", "external"}:
            return "Battles", "Non-state actor overtakes territory", prio
        if roles_here & {"state", "external"}:
            return "Battles", "Government regains territory", prio
        return "Battles", "Non-state actor overtakes territory", prio

    if key in ("capture", "arrest"):
        if agent is not None and agent.role in ("armed", "militia") and agent.inter != 1:
            return "Violence against civilians", "Abduction/forced disappearance", 56
        return "Strategic developments", "Arrests", 50

    if key == "abduct":
        return "Violence against civilians", "Abduction/forced disappearance", prio

    if key == "execute":
        if agent is not None and (agent.role in CROWD or agent.role == "civ"):
            return (*MOB, 55)
        return (*VAC, prio)

    # kill / attack / ambush: typed by agent and target
    if key == "kill" and agent is not None and agent.role == "civ" and patient is None \
            and trig.start - agent.end <= 3:
        agent, patient = None, agent       # "Two civilians killed": the civilians are the victims
    target = _target(trig, s, patient, lex)
    crowd_hit = patient is not None and patient.role in ("protest", "riot")
    if (protesters or crowd_hit or (protest_context and target == "civ")) and (target == "civ" or patient is None):
        if agent is not None and agent.role in ("state", "gov"):
            return (*EXCESSIVE, 54) if key in ("kill",) or lex.cue("excessive").search(s) else (*INTERVENTION, 47)
        if agent is not None and (agent.role in CROWD or agent.role == "civ"):
            return (*MOB, 55)
        if agent is None and (key == "kill" or lex.cue("excessive").search(s)):
            return (*EXCESSIVE, 54)
    if agent is not None and agent.role == "party":
        # partisans attacking a person: a one-sided attack by a political militia; attacking another
        # party's crowd (or a fight between partisans, a "clash", above): mob violence
        if patient is not None and patient.role == "party" and not lex.cue("individual").search(patient.text):
            return (*MOB, 55)
        return (*VAC, 57)
    if agent is not None and (agent.role in CROWD or agent.role == "civ"):
        return (*MOB, 55)
    if target == "party":
        return (*VAC, 57)
    if target == "mil":
        return (*BATTLE, 59)
    if target == "civ":
        return (*VAC, 57)
    whole = _sentence_target(s, actors, agent, lex)
    if whole == "mil":
        return (*BATTLE, 58)
    if whole == "civ":
        return (*VAC, 57)
    if key == "ambush":
        return (*BATTLE, 59)
    if agent is not None and agent.role in COMBATANT:
        return (*VAC, 56)
    if key == "kill":
        return (*VAC, 40)
    return "", "", 0
