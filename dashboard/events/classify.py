"""Rules that type a sentence as an ACLED event and name its actors.

Triggers are word patterns per ACLED (event_type, sub_event_type); each carries a priority
(higher = more specific or more severe), and modifiers refine a sub-type from the rest of the
sentence (tear gas turns a peaceful protest into "Protest with intervention"). Actors are noun
patterns with an ACLED actor-type code (inter: 1 state forces ... 8 external/other forces);
their names follow ACLED's style, e.g. "Military Forces of Mali", "Protesters (Mali)".
All patterns are plain alternations (no nested quantifiers): linear time on any text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Trigger", "TRIGGERS", "find_triggers", "refine", "ActorHit", "find_actors", "actor_name",
           "is_hypothetical", "is_aggregate", "year_reference", "fatalities"]

I = re.I  # noqa: E741 - short alias for the flag


@dataclass(frozen=True)
class Trigger:
    """One trigger match in a sentence (offsets into the sentence's text)."""

    start: int
    end: int
    text: str
    event_type: str
    sub_event_type: str
    priority: int
    key: str          # the lexicon entry ("arrest", "protest", ...)
    nominal: bool     # a noun ("the coup") rather than a finite verb ("detained")


# (key, event_type, sub_event_type, priority, pattern). Past-tense verbs are marked nominal=False
# by `_is_verbal`, which keeps modal/hypothetical cues from swallowing them.
_LEXICON: list[tuple[str, str, str, int, str]] = [
    ("suicide", "Explosions/Remote violence", "Suicide bomb", 72,
     r"\bsuicide (?:bomb(?:er|ers|ing|ings)?|attack(?:er|ers|s)?|car bomb)|\bcar bomb(?:s|ing)?\b|\bvehicle-borne\b"),
    ("airstrike", "Explosions/Remote violence", "Air/drone strike", 70,
     r"\bair ?strikes?\b|\bair raids?\b|\bdrone (?:strikes?|attacks?)\b|\bbombed from the air\b|"
     r"\bhelicopter gunships?\b|\baerial (?:bombardment|strikes?|attacks?)\b|\bwarplanes?\b|\bfighter jets?\b"),
    ("ied", "Explosions/Remote violence", "Remote explosive/landmine/IED", 70,
     r"\bIEDs?\b|\bimprovised explosive|\broadside bombs?\b|\bland ?mines?\b|\bmine (?:blast|explosion)s?\b|"
     r"\bexplosive devices?\b|\b(?:hit|struck|ran over|triggered) (?:a |an )?(?:mine|explosive)\b"),
    ("grenade", "Explosions/Remote violence", "Grenade", 69, r"\bgrenades?\b"),
    ("shelling", "Explosions/Remote violence", "Shelling/artillery/missile attack", 68,
     r"\bshell(?:ed|ing|s)\b|\bmortars?\b|\bartillery\b|\brockets? (?:fire|attacks?|hit|struck|landed)\b|"
     r"\bmissiles?\b"),
    ("clash", "Battles", "Armed clash", 60,
     r"\bclash(?:ed|es)?\b|\bfighting\b|\bfought\b|\bgun ?battles?\b|\bfire ?fights?\b|"
     r"\bexchang(?:ed|es|ing) (?:of )?(?:gun)?fire\b|\bskirmish(?:es|ed)?\b|\bambush(?:ed|es)?\b"),
    ("attack_mil", "Battles", "Armed clash", 59,
     r"\battack(?:ed|s|ing)? (?:on |against )?(?:a |an |the |several |two |three )?(?:\w+ )?"
     r"(?:military|army|security|police|gendarmerie|peacekeep\w*|base|camp|post|checkpoint|convoy|"
     r"patrol|barracks|outpost|soldiers|troops)\b"),
    ("regain", "Battles", "Government regains territory", 61,
     r"\b(?:retook|recaptured|regained control of|took back|retaken)\b"),
    ("overtake", "Battles", "Non-state actor overtakes territory", 61,
     r"\b(?:overran|overrun|captured the town|seized (?:control of )?the (?:town|city|village)|"
     r"took control of the (?:town|city|village))\b"),
    ("massacre", "Violence against civilians", "Attack", 58,
     r"\bmassacr(?:e|ed|es)\b|\bsummarily executed\b|\bexecuted (?:\w+ ){0,3}(?:civilians|villagers|people|men|"
     r"prisoners|hostages|captives|detainees)\b|\bkilled (?:\w+ ){0,3}(?:civilians|villagers|residents|"
     r"women|children|farmers|herders|worshippers|traders|passengers)\b|"
     r"\battack(?:ed|s)? (?:on )?(?:a |the )?(?:village|villagers|civilians|market|mosque|church|"
     r"school|hamlet|bus)\b"),
    ("sexual", "Violence against civilians", "Sexual violence", 57,
     r"\braped\b|\brapes?\b|\bsexual(?:ly)? (?:violence|assault(?:ed)?|abuse)"),
    ("abduct", "Violence against civilians", "Abduction/forced disappearance", 56,
     r"\babduct(?:ed|ion|ions|s|ing)?\b|\bkidnap(?:ped|ping|pings|s)?\b|\b(?:taken|held|took) hostages?\b|"
     r"\bforcibly disappeared\b"),
    ("riot", "Riots", "Violent demonstration", 55,
     r"\briot(?:s|ers|ed|ing)?\b|\bransack(?:ed|ing)?\b|\bset (?:fire|ablaze) (?:to )?|\btorch(?:ed|ing)\b|"
     r"\bstorm(?:ed|ing)\b|\b(?:threw|hurled|throwing|hurling) (?:stones|rocks)\b|\bbarricad(?:es|ed)\b|"
     r"\bburn(?:ed|t|ing) (?:tyres|tires)\b|\bvandali[sz]ed\b"),
    ("mob", "Riots", "Mob violence", 55, r"\bmobs?\b|\blynch(?:ed|ing)\b"),
    ("arrest", "Strategic developments", "Arrests", 50,
     r"\barrest(?:ed|s|ing)?\b|\bdetain(?:ed|s|ing)?\b|\bdetention of\b|\brounded up\b|"
     r"\b(?:taken|took \w+) into custody\b|\bunder (?:house )?arrest\b|\bheld (?:at|in) (?:the )?(?:\w+ )?"
     r"(?:camp|barracks|base)\b"),
    ("protest", "Protests", "Peaceful protest", 45,
     r"\bprotest(?:ed|ers|ors|s|ing)?\b|\bdemonstrat(?:ion|ions|ors|ed|ing|e)\b|\bralli(?:es|ed)\b|\brally\b|"
     r"\bmarch(?:ed|es|ers)\b|\bsit-ins?\b|\btook to the streets\b|\btaking to the streets\b|"
     r"\b(?:gathered|assembled|massed|converged)\b|\bcelebrat(?:ed|ing)\b"),
    ("mutiny", "Strategic developments", "Change to group/activity", 40,
     r"\bmutin(?:y|ies|ied)\b|\btook up arms\b|\btaking up arms\b|\bdefect(?:ed|ion|ions)\b"),
    ("coup", "Strategic developments", "Other", 30,
     r"\bcoups?(?: d['’]\s?[ée]tat)?\b|\bseized power\b|\btook power\b|\bseizure of power\b|"
     r"\boverthr(?:ew|own|ow)\b|\bjunta\b"),
    ("resign", "Strategic developments", "Other", 28,
     r"\bresign(?:ed|s|ation)\b|\bstepp(?:ed|ing) down\b|\bstep down\b"),
    ("govern", "Strategic developments", "Other", 20,
     r"\bdissolv(?:ed|es|ing) (?:the )?(?:parliament|national assembly|government|cabinet)\b|"
     r"\b(?:imposed|declared|announced) (?:a |an )?(?:\w+ )?(?:curfew|state of emergency)\b|"
     r"\bclos(?:ed|ing) (?:the |all |its )?(?:country['’]s )?(?:land and air |air and land )?(?:borders|airspace)\b|"
     r"\bannounced (?:the )?(?:creation|formation) of\b|\bformed (?:a |an |the )?(?:\w+ ){0,3}(?:council|committee|junta|"
     r"government)\b|\bsuspended (?:the )?constitution\b"),
    ("agreement", "Strategic developments", "Agreement", 20,
     r"\bsign(?:ed|ing) (?:a |an |the )?(?:peace |ceasefire |cease-fire )?(?:deal|agreement|accord)\b|"
     r"\b(?:ceasefire|cease-fire|truce) (?:was |has been )?(?:agreed|signed)\b|\bagreed (?:to |on )(?:a )?"
     r"(?:ceasefire|cease-fire|truce)\b"),
    ("loot", "Strategic developments", "Looting/property destruction", 18,
     r"\bloot(?:ed|ing)\b|\bpillag(?:ed|ing)\b|\bdestroyed (?:homes|houses|property|shops)\b"),
    ("seize_weapons", "Strategic developments", "Disrupted weapons use", 18,
     r"\bdefused\b|\bdismantled (?:an |a )?(?:IED|explosive)|\bseized (?:weapons|arms|explosives|ammunition)\b"),
    ("kill", "", "", 10,
     r"\bkill(?:ed|ing|s)?\b|\bshot dead\b|\bdied\b|\bdead\b|\bdeaths?\b|\bdeath toll\b|\bwounded\b|\binjured\b"),
    ("attack", "", "", 12, r"\battack(?:ed|s|ing)?\b|\bopened fire\b|\bgunfire\b|\bshooting\b"),
]

TRIGGERS: list[tuple[str, str, str, int, re.Pattern]] = [
    (k, t, s, p, re.compile(rx, I)) for k, t, s, p, rx in _LEXICON
]

_VERBAL_IRREGULAR = {"fought", "took", "overran", "retook", "shot", "threw", "hurled", "set", "held",
                     "rounded", "died", "massed", "stepped", "seized", "executed"}

# Words that make a crowd: "gathered" and "celebrated" are protests only with one of these around.
_CROWD = re.compile(r"\b(?:protesters|protestors|demonstrators|supporters|crowds?|thousands|hundreds|"
                    r"dozens|people|residents|youths?|opposition|marchers|activists|women|students)\b", I)


def _is_verbal(text: str) -> bool:
    w = text.split()[0].lower()
    return w.endswith("ed") or w in _VERBAL_IRREGULAR or w.endswith("ing") and w not in ("fighting", "shelling")


def find_triggers(sentence: str) -> list[Trigger]:
    """Every trigger in one sentence, in text order (overlaps resolved by priority)."""
    hits: list[Trigger] = []
    for key, etype, sub, prio, pat in TRIGGERS:
        for m in pat.finditer(sentence):
            word = m.group(0)
            if key == "protest" and re.match(r"(?:gathered|assembled|massed|converged|celebrat|demonstrat(?:e|ed|ing)\b|"
                                             r"rallied|marched)", word, I):
                if not _CROWD.search(sentence):
                    continue
            if key == "protest" and re.match(r"\s+(?:movement|leaders?|groups?|coalition|organi[sz]ers?|"
                                             r"camp|alliance|figures?)\b", sentence[m.end():], I):
                continue  # "the protest movement" names a group, not a happening
            if key == "protest" and word.lower() == "rally" and re.search(r"\brally (?:behind|around)\b",
                                                                         sentence[m.start():], I):
                continue
            hits.append(Trigger(m.start(), m.end(), word, etype, sub, prio, key, not _is_verbal(word)))
    hits.sort(key=lambda t: (t.start, -t.priority))
    out: list[Trigger] = []
    for t in hits:
        if out and t.start < out[-1].end:
            if t.priority > out[-1].priority:
                out[-1] = t
            continue
        out.append(t)
    return out


# ---------------------------------------------------------------- context filters

_HYPO = re.compile(
    r"\b(?:fears? of|feared|could|would|might|may|will|shall|plan(?:s|ned|ning)? (?:to|for|a|an)|"
    r"threat(?:en(?:ed|s|ing)?)? (?:to|of)|call(?:s|ed|ing)? for|demand(?:s|ed|ing)?|urg(?:e|ed|es|ing)|"
    r"warn(?:ed|s|ing)? (?:of|against|that)|risk of|possible|potential|possibility of|prevent(?:ed)?|"
    r"avoid(?:ed)?|no sign of|rumou?rs? of|against (?:a|any)|ahead of|aim(?:s|ed)? to|"
    r"intend(?:s|ed)? to|want(?:s|ed)? (?:to|a|an)|refused to|denied|rejected|did not|didn't|not|no|never|"
    r"called off|cancell?ed|postponed|ban(?:ned)? on)\s+(?:\S+\s+){0,3}$", I)

_AGGREGATE = re.compile(
    r"\b(?:months|weeks|years|decades) of\s+(?:\S+\s+){0,2}$|\b(?:series|wave|spate|string|history|"
    r"cycle|campaign|season) of\s+(?:\S+\s+){0,2}$|\bsince the\s+(?:\S+\s+){0,2}$|\bprevious\s+(?:\S+\s+){0,1}$|"
    r"\bpast\s+(?:\S+\s+){0,1}$|\bsimilar\s+$|\bearlier\s+$|\blast\s+$", I)

_YEAR_NEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def is_hypothetical(sentence: str, trig: Trigger) -> bool:
    """A trigger governed by a modal, a demand, a fear or a negation ("fears of a coup", "called for
    his resignation", "threatened to arrest"). Finite past-tense verbs are not swallowed by demand
    cues that end earlier ("protesters who called for his ouster gathered")."""
    before = sentence[max(0, trig.start - 60):trig.start]
    clause = re.split(r"[,;:—–()\"“”]|\band\b|\bbut\b|\bwho\b|\bwhich\b|\bthat\b", before)[-1]
    m = _HYPO.search(clause)
    if not m:
        return False
    if not trig.nominal and re.search(r"\b(?:call(?:s|ed|ing)? for|demand(?:s|ed|ing)?|fears? of|risk of|"
                                      r"possib\w+|potential)\b", m.group(0), I):
        return False
    return True


def is_aggregate(sentence: str, trig: Trigger) -> bool:
    """A trigger that names many past happenings at once ("months of demonstrations")."""
    if not trig.nominal:
        return False
    before = sentence[max(0, trig.start - 50):trig.start]
    return bool(_AGGREGATE.search(before))


def year_reference(sentence: str, trig: Trigger) -> int | None:
    """The year of a year-only reference bound to a nominal trigger: "the 2012 coup", "the coup of 2012"."""
    before = sentence[max(0, trig.start - 30):trig.start]
    after = sentence[trig.end:trig.end + 14]
    m = re.search(r"(?<!\d)((?:19|20)\d\d)(?:['’]s)?\s+(?:\w+\s+){0,2}$", before)
    if m and not re.search(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*\.?\s*\d{0,2},?\s*$",
                           before[:m.start(1)], I):
        return int(m.group(1))
    m = re.match(r"\s+(?:of|in)\s+((?:19|20)\d\d)(?!\d)", after)
    if m:
        return int(m.group(1))
    return None


# ---------------------------------------------------------------- sub-type refinement

_INTERVENTION = re.compile(r"\btear ?gas\b|\bdispers(?:ed|e|ing)\b|\bwater cannons?\b|\bbatons?\b|"
                           r"\brubber bullets\b|\barrested (?:\w+ )?(?:protesters|demonstrators)\b|\bbeat(?:en)?\b", I)
_EXCESSIVE = re.compile(r"\bopened fire\b|\blive (?:ammunition|rounds|bullets|fire)\b|\bshot dead\b|"
                        r"\bfired (?:on|at|into)\b|\b(?:protesters|demonstrators)\b.{0,60}\b(?:killed|shot)\b|"
                        r"\bkilled\b.{0,40}\b(?:protesters|demonstrators)\b", I)


def refine(trig: Trigger, sentence: str) -> tuple[str, str, int]:
    """The (event_type, sub_event_type, priority) of a trigger given the rest of its sentence."""
    etype, sub, prio = trig.event_type, trig.sub_event_type, trig.priority
    if trig.key == "protest":
        if _EXCESSIVE.search(sentence):
            return "Protests", "Excessive force against protesters", 54
        if _INTERVENTION.search(sentence):
            return "Protests", "Protest with intervention", 46
    if trig.key == "clash" and re.search(r"\b(?:protesters|protestors|demonstrators|rioters|youths?|crowds?|"
                                         r"mobs?)\b", sentence, I):
        return "Riots", "Violent demonstration", 55
    if trig.key == "riot" and not re.search(r"\b(?:protesters|protestors|demonstrators|rioters|crowds?|"
                                            r"youths?|mobs?|supporters)\b", sentence, I):
        if re.search(r"\bstorm", trig.text, I):
            return "", "", 0
        return "Strategic developments", "Looting/property destruction", 18
    return etype, sub, prio


# ---------------------------------------------------------------- actors

@dataclass(frozen=True)
class ActorHit:
    start: int
    end: int
    text: str
    name: str        # template with {C} for the country name ("Military Forces of {C}")
    inter: int
    assoc: str = ""  # a named group or person attached ("M5-RFP", "CNSP")
    role: str = ""   # "state", "protest", "civ", "armed", "gov", "external"


_ACTORS: list[tuple[str, str, int, str, str]] = [
    # (pattern, name template, inter, role, assoc)
    (r"\bmutin(?:ous|eers?|ying)(?: (?:soldiers|troops))?", "Military Forces of {C} (mutineers)", 1, "state", ""),
    (r"\b(?:junta|CNSP|National Committee for the Salvation of the People)\b", "Military Forces of {C}", 1,
     "state", "CNSP"),
    (r"\bFrench (?:troops|soldiers|forces|army|military)\b|\bBarkhane\b", "Military Forces of France", 8,
     "external", ""),
    (r"\bMINUSMA\b|\b(?:UN|United Nations) peacekeep\w+|\bpeacekeepers\b|\bblue helmets\b",
     "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali", 8, "external", ""),
    (r"\bWagner(?: Group)?\b", "Wagner Group", 8, "external", ""),
    (r"\bJNIM\b|\bGSIM\b|\bJama['’]?at Nus?rat al-Islam(?: wal?-Muslim(?:in|een))?\b",
     "JNIM: Group for Support of Islam and Muslims", 2, "armed", ""),
    (r"\bISGS\b|\bIslamic State (?:in the )?(?:Greater )?Sahara\b|\bIS Sahel\b|\bIslamic State Sahel\b",
     "Islamic State (Sahel)", 2, "armed", ""),
    (r"\bAQIM\b|\bal-Qaeda in the Islamic Maghreb\b", "AQIM: Al Qaeda in the Islamic Maghreb", 2, "armed", ""),
    (r"\bAnsar (?:Dine|Eddine)\b", "Ansar Dine", 2, "armed", ""),
    (r"\bKatiba Macina\b|\bMacina Liberation Front\b", "Katiba Macina", 2, "armed", ""),
    (r"\bMNLA\b|\bCMA\b|\bCoordination of Azawad Movements\b", "CMA: Coordination of Azawad Movements", 2,
     "armed", ""),
    (r"\bBoko Haram\b", "Boko Haram", 2, "armed", ""),
    (r"\bISWAP\b", "Islamic State West Africa Province", 2, "armed", ""),
    (r"\bal-Shabaab\b", "Al Shabaab", 2, "armed", ""),
    (r"\bDan Na Ambassagou\b", "Dan Na Ambassagou", 4, "armed", ""),
    (r"\b(?:Dozo|ethnic|communal|self-defen[cs]e) (?:militias?|hunters|groups?)\b|\bmilitiamen\b|\bmilitias?\b",
     "Communal Militia ({C})", 4, "armed", ""),
    (r"\bjihadists?(?: fighters| militants| groups?)?\b|\bIslamists?(?: militants| fighters)?\b|"
     r"\bmilitants\b|\binsurgents\b|\bextremists\b|\brebels\b", "Islamist Militants ({C})", 2, "armed", ""),
    (r"\bgunmen\b|\barmed men\b|\bassailants\b|\battackers\b|\bunidentified (?:armed )?(?:men|gunmen|group)\b",
     "Unidentified Armed Group ({C})", 3, "armed", ""),
    (r"\b(?:riot )?police(?:men| officers| forces)?\b|\bgendarm(?:es|erie)\b", "Police Forces of {C}", 1,
     "state", ""),
    (r"\b(?:senior |high-ranking |top )?(?:military )?officers\b|\bsoldiers\b|\btroops\b|"
     r"\b(?:military|army)\b(?! (?:camp|base|barracks|court|academy|hospital|vehicles?|posts?|garrison|"
     r"headquarters|uniforms?|officers|junta|rule|government|takeover|coup))|\barmed forces\b|\bsecurity forces\b|\bFAMa\b|\bnational guard\b|\bofficers\b",
     "Military Forces of {C}", 1, "state", ""),
    (r"\b(?:government )?officials\b|\b(?:prime |finance |foreign |defen[cs]e |interior )?minister(?:s)?\b|"
     r"\bpresident\b|\bgovernment\b|\bcabinet\b|\blawmakers\b|\bspeaker\b|\bpremier\b",
     "Government of {C}", 1, "gov", ""),
    (r"\bM5-RFP\b|\bJune 5 Movement\b|\bM5\b", "Protesters ({C})", 6, "protest", "M5-RFP"),
    (r"\bprotest(?:ers|ors)\b|\bdemonstrators\b|\bmarchers\b|\bsupporters\b|\bcrowds?\b|\bopposition\b|"
     r"\bactivists\b", "Protesters ({C})", 6, "protest", ""),
    (r"\brioters\b|\bmobs?\b|\byouths\b", "Rioters ({C})", 5, "protest", ""),
    (r"\bcivilians\b|\bvillagers\b|\bresidents\b|\bwomen\b|\bchildren\b|\bfarmers\b|\bherders\b|\btraders\b|"
     r"\bworshippers\b|\bstudents\b|\bjournalists?\b|\bpassengers\b|\bpeople\b|\bworkers\b",
     "Civilians ({C})", 7, "civ", ""),
]
_ACTOR_RES = [(re.compile(rx, 0 if "JNIM" in rx or "CNSP" in rx or "M5" in rx or "ISWAP" in rx else I),
               name, inter, role, assoc) for rx, name, inter, role, assoc in _ACTORS]


def find_actors(sentence: str) -> list[ActorHit]:
    """Actor mentions in one sentence, in text order, without overlaps (first listed pattern wins)."""
    hits: list[ActorHit] = []
    taken: list[tuple[int, int]] = []
    for pat, name, inter, role, assoc in _ACTOR_RES:
        for m in pat.finditer(sentence):
            a, b = m.span()
            if any(not (b <= s or a >= e) for s, e in taken):
                continue
            taken.append((a, b))
            hits.append(ActorHit(a, b, m.group(0), name, inter, assoc, role))
    hits.sort(key=lambda h: h.start)
    return hits


def actor_name(hit: ActorHit, country: str) -> str:
    return hit.name.replace("{C}", country or "Unknown")


# ---------------------------------------------------------------- fatalities

_NUMWORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "a dozen": 12, "dozens": 24, "dozens of": 24, "scores of": 40, "hundreds": 200, "hundreds of": 200,
    "several": 3, "a few": 3, "a number of": 3, "many": 3,
}
_NUM = r"(?P<n>\d{1,5}|" + "|".join(sorted((re.escape(k) for k in _NUMWORDS), key=len, reverse=True)) + r")"
_FAT = [
    re.compile(r"\b(?:killed|killing|left|leaving|claimed the lives of)\s+(?:at least |about |around |some |nearly |"
               r"more than |over |up to |an estimated )?" + _NUM + r"\b(?![\d,.]*\s*(?:km|kilomet|miles?|%))", I),
    re.compile(r"\b(?:at least |about |around |some |nearly |more than |over |up to |an estimated )?" + _NUM
               + r"\s+(?:\w+\s+){0,3}?(?:were |have been |had been |was |are )?(?:killed|dead|died|shot dead|"
               r"lost their lives|deaths|fatalities|bodies)\b", I),
    re.compile(r"\bdeath toll\s+(?:\w+\s+){0,4}?(?:to|at|of)\s+(?:at least |about |around |some )?" + _NUM + r"\b", I),
]
_NO_DEATHS = re.compile(r"\bno (?:one|deaths|casualties|fatalities)\b|\bnobody was (?:killed|hurt)\b|"
                        r"\bwithout (?:bloodshed|casualties)\b", I)


def fatalities(sentence: str) -> tuple[int | None, str]:
    """(number of deaths stated, the words that state it); (0, words) for "no one was killed";
    (None, "") when the sentence states nothing. Vague words count as their lower reading
    ("several" 3, "dozens" 24, "hundreds" 200), and the returned words show it."""
    if _NO_DEATHS.search(sentence):
        return 0, _NO_DEATHS.search(sentence).group(0)
    best: tuple[int, str] | None = None
    for pat in _FAT:
        for m in pat.finditer(sentence):
            n = m.group("n").lower()
            val = int(n) if n.isdigit() else _NUMWORDS.get(n, 0)
            if n.isdigit() and 1900 <= val <= 2100 and len(n) == 4:
                continue
            if best is None or val > best[0]:
                best = (val, m.group(0))
    return (best[0], best[1]) if best else (None, "")
