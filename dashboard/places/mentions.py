"""Text -> place mentions: toponym recognition and resolution with the article's context.

``find_mentions(text)`` finds the places a text names and resolves each to a gazetteer
:class:`~dashboard.places.gazetteer.Place`:

1. **Recognition** (:mod:`dashboard.places.recognize`): capitalised runs are matched against the
   gazetteer's normalised names (longest first), demonyms ("Malian") and dotted state
   abbreviations ("Ky."). Matches are filtered: people ("President Keita", "Paris Hilton", and the
   surname again later on), organisations ("New York Times", "University of Alberta"), months and
   weekdays, and common English words that are small towns somewhere ("Police", "Reading") unless
   the context says place ("in", "near", "town of", "X, Mali").
2. **Resolution** (:mod:`dashboard.places.context`): every candidate is scored by its gazetteer
   rank (kind, population, primary name), the countries that the article's other mentions point
   to, admin-1 regions named in the article, nearness to the other places, and an optional
   ``country_hint``. The best candidate and the runner-up are kept.
3. **Landmarks** (:mod:`dashboard.places.landmarks`): "the presidential palace", "the barracks" ...
   resolve to a known site of the city the article names, or to the city with ``precision`` 2.

Offsets are character offsets into ``text`` (``text[m.start:m.end] == m.text``).
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dashboard.places import recognize as rz
from dashboard.places.context import Candidate, resolve_all
from dashboard.places.normalize import normalize

if TYPE_CHECKING:
    from dashboard.places.gazetteer import Place

__all__ = ["Mention", "find_mentions", "resolve_spans", "get_gazetteer"]


def get_gazetteer():
    """The gazetteer mentions resolve against: the shipped index plus the active store's learned places
    (:func:`dashboard.places.learned.active_gazetteer`; only the shipped one when learning is off)."""
    from dashboard.places.learned import active_gazetteer

    return active_gazetteer()


@dataclass
class Mention:
    """One place named in a text. ``start``/``end`` are character offsets into the text."""

    start: int
    end: int
    text: str
    place: Place | None  # the chosen gazetteer place
    score: float  # 0..1 confidence (recognition x resolution)
    runner_up: Place | None  # the next best candidate (ambiguity shown to the user)
    precision: int  # ACLED geo_precision: 1 the town; 2 near it / part of it; 3 region or country
    kind: str  # "toponym" | "demonym" | "landmark"


# --------------------------------------------------------------------------------- gazetteer access

_NAMESETS: dict[int, frozenset[str]] = {}


def _names(g) -> frozenset[str]:
    s = _NAMESETS.get(id(g))
    if s is None:
        s = frozenset(g.names())
        _NAMESETS.clear()
        _NAMESETS[id(g)] = s
    return s


def _candidates(g, key: str, limit: int = 12) -> list[tuple[object, float, int]]:
    """(Place, gazetteer score, match tier) best first; tier 0 primary name, 1 alternate, 2 code."""
    scored = getattr(g, "scored", None)
    if scored is not None:
        return [(g.place(r), s, m) for r, s, m in scored(key)[:limit]]
    places = g.lookup_normalized(key)[:limit]
    return [(p, _fallback_score(p), 0) for p in places]


def _fallback_score(p) -> float:
    code = p.feature_code
    if code == "CONT":
        return 11.0
    if code.startswith("PCL"):
        return 10.0
    if code == "ADM1":
        return 7.0
    return math.log10((p.population or 0) + 1) + (1.0 if code == "PPLC" else 0.0)


# ------------------------------------------------------------------------------------ recognition

_PLACE_CUES = frozenset(
    "in near at from to into across outside inside around towards toward through via between "
    "throughout within reach reached visit visited visiting entered leaving left left".split()
)
_PLACE_NOUNS = frozenset(
    "town city village capital region province state county district municipality commune "
    "neighbourhood neighborhood suburb island islands area department prefecture country".split()
)
#: nouns after a demonym that make the pair the name of another place ("French Quarter")
PLACE_HEADS = frozenset(
    "quarter ocean sea gulf channel peninsula embassy consulate riviera alps coast street avenue square "
    "district basin highlands plateau desert valley island islands bay strait cathedral church mosque "
    "plaza market village town city hall museum garden gardens park bridge river lake".split()
)
_PERSON_VERBS = frozenset("said says told added asked wrote explained noted argued according".split())


def _is_big(place, pop: int = 100_000) -> bool:
    if place is None:
        return False
    code = place.feature_code
    return (
        code == "CONT" or code.startswith("PCL") or code in ("ADM1", "RGN", "TERR", "PPLC")
        or (place.population or 0) >= pop
    )


def _prev_word(text: str, tokens: list[rz.Token], idx: int) -> str:
    return tokens[idx - 1].text.casefold() if idx > 0 else ""


def _recognise(text: str, g, country_hint: str | None = None) -> list[tuple[rz.Match, list, float]]:
    """Matches with their candidates and a recognition confidence (0..1); rejects dropped."""
    tokens = rz.tokenize(text)
    if not tokens:
        return []
    tok_index = {t.start: k for k, t in enumerate(tokens)}
    starts = [t.start for t in tokens]
    runs = rz.capitalised_runs(text, tokens)
    names = _names(g)
    matches = rz.match_runs(text, runs, names, g.demonym)
    lasts, common = rz.surnames(), rz.common_words()
    firsts = _given_names()

    person_tokens, person_surnames = _people(text, tokens, tok_index, runs, matches, g, names)
    out: list[tuple[rz.Match, list, float]] = []
    weak: list[tuple[rz.Match, list, float]] = []
    again: list[tuple[rz.Match, list, float]] = []  # common-word names without a cue here (see below)
    for m in _merge_dc(text, matches):
        if m.start in person_tokens:
            continue
        toks = m.run.tokens
        after = toks[m.j].text.casefold().rstrip(".") if m.j < len(toks) else ""
        if after in rz.NON_EMBEDDING_SUFFIXES:
            continue
        if m.kind == "demonym":
            place = g.demonym(m.text)
            if place is None or _plural_demonym(g, m.text):
                continue  # "Malians" are people, not a mention of Mali
            if after in PLACE_HEADS:
                continue  # "French Quarter", "Indian Ocean", "Russian Embassy" name another place
            out.append((m, [(place, 10.0, 0)], 0.9))
            continue
        cands = _candidates(g, m.key)
        if not cands:
            continue
        top = cands[0][0]
        conf = _prior(top, cands)
        single = m.j - m.i == 1
        low = m.text.casefold()
        gi = tok_index.get(m.start, 0)
        prev = _prev_word(text, tokens, gi)
        initial = rz.sentence_initial(text, m.start)
        cue = prev in _PLACE_CUES or (prev == "of" and gi >= 2 and (
            tokens[gi - 2].text.casefold() in _PLACE_NOUNS or tokens[gi - 2].text.casefold() in rz.COMPASS))
        comma_place = _followed_by_place(text, m.end, names)
        if single and m.text in person_surnames and not (top.feature_code.startswith("PCL") or top.feature_code == "CONT"):
            continue
        if single and low in common and after in PLACE_HEADS:
            continue  # "Independence Square", "Liberty Avenue": a street or site named with a common word
        if single and low in common and not m.text.isupper():
            # a common English word that is also a place somewhere: needs a big place or a cue
            country = top.feature_code.startswith("PCL") or top.feature_code == "CONT"
            famous = top.feature_class == "P" and (top.population or 0) >= 500_000 and not initial \
                and cands[0][2] == 0
            if not (country or famous) and not (cue and _is_big(top, 5_000)) and not comma_place:
                continue
            conf -= 0.2
        if single and not cue and not comma_place and not _is_big(top, 200_000) and m.text.upper() in firsts:
            # a given name ("Keith", "Julia") that is also a small place somewhere: kept only when the
            # article's other places are in a country that has a place of this name (see _keep_weak)
            weak.append((m, cands, 0.5))
            continue
        if not single and not cue and not comma_place and not _named_area(top, cands[0][2]) and all(
                w.casefold() in common or w in rz.CONNECTORS for w in m.text.split()):
            again.append((m, cands, conf))
            continue  # a phrase of common words ("White House", "Old Town") naming a small place
        if single and initial and not _is_big(top, 50_000) and not comma_place:
            conf -= 0.25
        if single and not m.text.isupper() and m.text.upper() in lasts and not _is_big(top, 50_000) and not cue \
                and not comma_place:
            weak.append((m, cands, 0.5))  # a family name ("Bryant", "Conway") that is also a small place
            continue
        if single and len(m.text) <= 6 and m.text[:-1].isupper() and m.text[-1] == "s" and len(m.text) > 2:
            continue  # a plural acronym ("MPs")
        if single and m.text.isupper() and cands[0][2] == 2:
            continue  # an airport or other code ("GRU", "LHR"), not a name
        if single and m.text.isupper() and len(m.text) <= 5 and "." not in m.text and not top.is_area \
                and (top.population or 0) < 1_000_000:
            continue  # an acronym ("NATO", "TASS") that is also a small place somewhere
        k = bisect.bisect_left(starts, m.end)
        if single and k < len(tokens) and tokens[k].text.casefold() in _PERSON_VERBS and not _is_big(top, 100_000):
            conf -= 0.3  # "Bryant said"
        if cue:
            conf += 0.15
        if comma_place:
            conf += 0.15
        if conf < 0.45:
            continue
        out.append((m, cands, min(conf, 1.0)))
    if again:
        # one sense per discourse: a common-word name taken as a place elsewhere in the text (after a cue,
        # "in Garden City") is a place in its other mentions too ("the Surfside/Garden City area")
        taken = {m.key for m, _c, _f in out if m.kind != "demonym"}
        out.extend((m, cands, max(conf, 0.45)) for m, cands, conf in again if m.key in taken)
    if weak:
        out.extend(_keep_weak(out, weak, country_hint))
    if again or weak:
        out.sort(key=lambda t: t[0].start)
    return out


def _keep_weak(strong: list, weak: list, country_hint: str | None) -> list:
    """Weak matches (names that are also given or family names) whose place lies in the article's main country.

    The main country is the one that at least 40% of the strong mentions' best candidates are in
    (at least two of them), or the caller's country hint; the place must also lie within 100 km of a
    town the article names. Candidates are cut to those places."""
    votes: dict[str, float] = {}
    for _m, cands, _conf in strong:
        cc = cands[0][0].country_code if cands else ""
        if cc:
            votes[cc] = votes.get(cc, 0.0) + 1.0
    total = sum(votes.values())
    main = {cc for cc, v in votes.items() if v >= 2 and v / total >= 0.4}
    if country_hint:
        main.add(country_hint.upper())
    from dashboard.places.distance import geodesic_km

    towns = [cands[0][0] for _m, cands, _c in strong if cands and cands[0][0].feature_class == "P"]
    kept = []
    for m, cands, conf in weak:
        inside = [c for c in cands if c[0].country_code in main and any(
            geodesic_km(c[0].lat, c[0].lon, t.lat, t.lon) <= 100 for t in towns)]
        if inside:
            kept.append((m, inside, conf))
    return kept


def _proper(tok: rz.Token, common: frozenset[str]) -> bool:
    """A capitalised word that is not a common English word, stop-word or direction."""
    low = tok.text.casefold()
    return (
        tok.text[:1].isupper() and low not in common and low not in rz.STOPWORDS and low not in rz.COMPASS
        and low not in rz.MONTHS and low not in rz.WEEKDAYS
    )


def _people(text, tokens, tok_index, runs, matches, g, names):
    """Token starts inside person names, and the surnames seen (people later on in the text).

    A person is a capitalised sequence after a title ("President Keita", "finance minister
    Abdoulaye Daffe"), or 2-4 proper words that are not one place name and look like a name:
    a given name first, a family name last, or only small places inside ("Mohamed Salah").
    """
    firsts, lasts, common = _given_names(), rz.surnames(), rz.common_words()
    by_start = {m.start: m for m in matches}
    person_tokens: set[int] = set()
    person_surnames: set[str] = set()
    for run in runs:
        # split the run at connectors: "Bank of England" -> "Bank", "England"
        # and before a title: "Florida Senator Marco Rubio" -> "Florida", "Senator Marco Rubio"
        parts: list[list[rz.Token]] = [[]]
        for t in run.tokens:
            if not t.text[0].isupper():
                parts.append([])
            elif parts[-1] and t.text.casefold().rstrip(".") in rz.PERSON_TITLES:
                parts.append([t])
            else:
                parts[-1].append(t)
        for part in parts:
            if not part:
                continue
            gi = tok_index.get(part[0].start, 0)
            before = tokens[gi - 1].text.casefold().rstrip(".") if gi > 0 else ""
            head = part[0].text.casefold().rstrip(".")
            if head in rz.PERSON_TITLES and len(part) > 1:
                part, before = part[1:], head
            if before in rz.PERSON_TITLES and part[0].text[1:].islower():
                m0 = by_start.get(part[0].start)
                top0 = _top(g, m0) if m0 is not None else None
                if top0 is None or len(part) > 1 or not (top0.feature_code.startswith("PCL") or top0.feature_code == "CONT"):
                    for t in part:
                        person_tokens.add(t.start)
                    person_surnames.add(part[-1].text)
                    continue
            if not 2 <= len(part) <= 4 or not all(t.text[1:].islower() and t.text.isalpha() for t in part):
                continue
            if _namey_pair(part, by_start, names, firsts, lasts, common):
                for t in part:
                    person_tokens.add(t.start)
                person_surnames.add(part[-1].text)
                if part[0].text.upper() in firsts:
                    person_surnames.add(part[0].text)
                continue
            m0 = by_start.get(part[0].start)
            if m0 is not None and m0.end >= part[-1].end:
                continue  # the whole sequence is one place name ("Santa Clara")
            first, last = part[0], part[-1]
            if not _proper(first, common):
                continue
            inner = [by_start[t.start] for t in part if t.start in by_start]
            big = any(m.kind == "demonym" or _is_big(_top(g, m), 100_000) for m in inner)
            is_first = first.text.upper() in firsts
            is_last = last.text.upper() in lasts and last.text.casefold() not in common
            if (is_first and (is_last or not big)) or (is_last and not big) or (inner and not big):
                for t in part:
                    person_tokens.add(t.start)
                person_surnames.add(last.text)
                if is_first:
                    person_surnames.add(first.text)
    return person_tokens, person_surnames


@functools.lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """Census given names that are not also common English words ("May", "In")."""
    common = rz.common_words()
    return frozenset(f for f in rz.first_names() if f.casefold() not in common and f.casefold() not in rz.STOPWORDS)


def _namey_pair(part, by_start, names, firsts, lasts, common) -> bool:
    """A one-word place next to a proper word that is no place ("Vladimir Putin", "Mohamed Salah",
    "Houston Texans"): a person or an organisation, not a place."""
    singles = [by_start[t.start] for t in part if t.start in by_start and by_start[t.start].j - by_start[t.start].i == 1]
    if not singles or any(m.kind == "demonym" for m in singles):
        return False
    countries = all(_country_key(m.key) for m in singles)
    for t in part:
        if t.start in by_start:
            continue
        low = t.text.casefold()
        if low in common or low in rz.ORG_SUFFIXES or low in rz.NON_EMBEDDING_SUFFIXES or low in rz.COMPASS:
            continue
        if low in rz.STOPWORDS or low in rz.MONTHS or low in rz.WEEKDAYS or low in rz.PERSON_TITLES:
            continue
        census = t.text.upper() in lasts or t.text.upper() in firsts
        if census or (normalize(t.text) not in names and not countries):
            return True
    return False


@functools.lru_cache(maxsize=4096)
def _country_key(key: str) -> bool:
    """True when a normalised name's best candidate is a country or continent ("canada")."""
    c = _candidates(get_gazetteer(), key, limit=1)
    return bool(c) and (c[0][0].feature_code.startswith("PCL") or c[0][0].feature_code == "CONT") and c[0][2] == 0


def _top(g, m):
    if m.kind == "demonym":
        return g.demonym(m.text)
    c = _candidates(g, m.key, limit=1)
    return c[0][0] if c else None


def _merge_dc(text: str, matches: list[rz.Match]) -> list[rz.Match]:
    """'Washington, D.C.' is one mention: extend 'Washington' over ', D.C.' and drop the 'D.C.' match."""
    out: list[rz.Match] = []
    for m in matches:
        if out and m.text in ("D.C.", "DC") and out[-1].key == "washington" and text[out[-1].end:m.start] in (", ", " ", ","):
            prev = out[-1]
            prev.end, prev.text = m.end, text[prev.start:m.end]
            continue
        out.append(m)
    return out


def _plural_demonym(g, word: str) -> bool:
    """'Malians', 'Americans': a demonym only through its plural -s."""
    demonyms = getattr(g, "demonyms", None)
    if demonyms is None or not word.endswith("s"):
        return False
    known = _demonym_keys(id(g))
    return normalize(word) not in known and normalize(word[:-1]) in known


@functools.lru_cache(maxsize=2)
def _demonym_keys(_gid: int) -> frozenset[str]:
    return frozenset(get_gazetteer().demonyms())


def _title_is_place_role(toks: list[rz.Token], k0: int) -> bool:
    """'President Macron' is a person, 'Mayor of London' is not a person span."""
    return k0 < len(toks) and toks[k0].text in ("of", "Of")


def _surname_like(tok: rz.Token, lasts: frozenset[str], names: frozenset[str]) -> bool:
    w = tok.text
    if w.casefold().rstrip(".") in rz.ORG_SUFFIXES or w.casefold() in rz.NON_EMBEDDING_SUFFIXES:
        return False
    if w.upper() in lasts:
        return True
    return normalize(w) not in names and len(w) > 1 and w[1:].islower()


def _followed_by_place(text: str, end: int, names: frozenset[str]) -> bool:
    """True for 'Kati, Mali' / 'Paris, Texas': a comma then a capitalised known name."""
    if text[end:end + 2] != ", ":
        return False
    rest = text[end + 2:end + 40]
    words = rest.split()
    if not words or not words[0][:1].isupper():
        return False
    for n in (3, 2, 1):
        cand = " ".join(words[:n]).rstrip(".,;:)")
        if normalize(cand) in names and cand[:1].isupper():
            return True
    return False


def _named_area(p, tier: int) -> bool:
    """A country or continent; or, by its own (primary) name, a region, sea, admin-1 region or a town of
    100,000 or more ("White House" is only an alternate name of Casablanca)."""
    code = p.feature_code
    if code == "CONT" or code.startswith("PCL"):
        return True
    return tier == 0 and (code in ("RGN", "TERR", "OCN", "SEA", "ADM1") or (p.population or 0) >= 100_000)


def _prior(top, cands) -> float:
    code = top.feature_code
    if code == "CONT" or code.startswith("PCL") or code in ("RGN", "TERR"):
        return 0.95
    if code == "ADM1":
        return 0.85
    if code.startswith("ADM"):
        return 0.7
    pop = max((p.population or 0) for p, _s, _m in cands)
    if pop >= 1_000_000:
        return 0.9
    if pop >= 100_000:
        return 0.8
    if pop >= 10_000:
        return 0.7
    if pop >= 1_000:
        return 0.6
    return 0.5


# ------------------------------------------------------------------------------------------- API


def find_mentions(text: str, *, country_hint: str | None = None) -> list[Mention]:
    """Place mentions in ``text``, in text order, each resolved with the article's context.

    ``country_hint`` (ISO alpha-2) favours candidates in that country when names are ambiguous.
    Landmark mentions ("the presidential palace") come with ``kind="landmark"``.
    """
    if not text or not text.strip():
        return []
    g = get_gazetteer()
    found = _recognise(text, g, country_hint)
    cands = [Candidate(m.start, m.end, m.text, m.kind, cs, conf) for m, cs, conf in found]
    cands = _add_counties(text, cands)
    resolve_all(cands, country_hint=country_hint, text=text, gazetteer=g)
    _fallback_to_focus([c for c in cands if c.partial], cands)
    mentions = [_to_mention(c) for c in cands if c.place is not None]
    from dashboard.places.landmarks import find_landmarks

    mentions.extend(find_landmarks(text, mentions, g))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


_COUNTY = re.compile(r"\b((?:[A-Z][a-z]+|[A-Z]+)(?:[ -](?:[A-Z][a-z]+|[A-Z]+)){0,2}) (County|COUNTY|Parish|PARISH)\b")


def _add_counties(text: str, cands: list[Candidate]) -> list[Candidate]:
    """'Metcalfe County' (a county the gazetteer lacks) is a mention too; it is placed at the article's
    focus town with geo_precision 2 (see :func:`_fallback_to_focus`), or left out without one."""
    out = list(cands)
    spans = [(c.start, c.end) for c in cands]
    for m in _COUNTY.finditer(text):
        s, e = m.start(), m.end()
        words = m.group(1).split()
        while words and (words[0].casefold() in rz.STOPWORDS or words[0].casefold() in rz.PERSON_TITLES):
            s += len(words[0]) + 1
            words = words[1:]
        if not words:
            continue
        if any(a <= s and e <= b for a, b in spans):
            continue  # the gazetteer knows it as a whole
        inside = [c for c in out if s <= c.start and c.end <= e]
        for c in inside:
            out.remove(c)
        c = Candidate(s, e, text[s:e], "toponym", [], 0.6)
        c.partial = True
        out.append(c)
    out.sort(key=lambda c: c.start)
    return out


def resolve_spans(text: str, spans: list[dict], *, country_hint: str | None = None) -> list[Mention]:
    """Resolve given spans (``{"start","end"[,"name"]}``) only: one Mention per span, in order.

    ``place`` is None when the gazetteer knows no such name. The other places of the text
    (found by :func:`find_mentions`' recogniser) serve as context.
    """
    g = get_gazetteer()
    names = _names(g)
    given: list[Candidate] = []
    for sp in spans:
        s, e = int(sp["start"]), int(sp["end"])
        surface = text[s:e] if 0 <= s < e <= len(text) else str(sp.get("name") or "")
        given.append(_span_candidate(g, names, s, e, surface))
    # context from the recogniser, not returned
    context = [Candidate(m.start, m.end, m.text, m.kind, cs, conf) for m, cs, conf in _recognise(text, g, country_hint)]
    taken = {(c.start, c.end) for c in given}
    context = [c for c in context if (c.start, c.end) not in taken]
    resolve_all(given + context, country_hint=country_hint, text=text, gazetteer=g)
    _fallback_to_focus(given, given + context)
    return [_to_mention(c) for c in given]


def _fallback_to_focus(given: list[Candidate], everything: list[Candidate]) -> None:
    """A span the gazetteer does not know as a whole ("Royal Street", "Barclays Center") takes the
    article's focus town (its most mentioned town) unless a part of it names a place within 100 km
    of that town. Score 0.2 and geo_precision 2 say so. (Measured: the most mentioned town beats the
    nearest town of the same paragraph on both dev corpora.)"""
    from dashboard.places.distance import geodesic_km

    towns: dict[int, list] = {}
    for c in everything:
        p = c.place
        if p is not None and p.feature_class == "P" and not c.partial:
            towns.setdefault(p.geonameid, [p, 0])[1] += 1
    if not towns:
        return
    focus = max(towns.values(), key=lambda t: (t[1], t[0].population or 0))[0]
    for c in given:
        if not (c.partial or (c.place is None and c.text.strip())) or c.kind == "demonym":
            continue
        if c.place is not None and geodesic_km(c.place.lat, c.place.lon, focus.lat, focus.lon) <= 100:
            continue
        c.runner_up, c.place, c.score, c.near = c.place, focus, 0.2, True


def _span_candidate(g, names: frozenset[str], s: int, e: int, surface: str) -> Candidate:
    key = normalize(surface)
    place = g.demonym(surface) if surface else None
    if place is not None:
        return Candidate(s, e, surface, "demonym", [(place, 10.0, 0)], 1.0)
    cands = _candidates(g, key) if key in names else []
    if not cands:
        low = key.replace(" ", "")
        if low in rz.ABBREVIATIONS:
            cands = _candidates(g, normalize(rz.ABBREVIATIONS[low]))
    partial = False
    if not cands:
        cands = _partial_candidates(g, names, surface)
        partial = True
    c = Candidate(s, e, surface, "toponym", cands, 1.0)
    c.partial = partial
    return c


def _partial_candidates(g, names: frozenset[str], surface: str) -> list:
    """For an unknown multi-word span ('Orange County Sheriff', 'North Africa'): the longest known
    sub-phrase of proper words, else a demonym inside it, else any known sub-phrase."""
    words = surface.replace("’s", "").replace("'s", "").split()
    common = rz.common_words()
    loose: list = []
    for n in range(len(words) - 1, 0, -1):
        for i in range(0, len(words) - n + 1):
            key = normalize(" ".join(words[i:i + n]))
            if key not in names or key in rz.STOPWORDS or len(key) <= 2:
                continue
            if all(w in common or w in rz.COMPASS for w in key.split()):
                loose = loose or _candidates(g, key)
                continue
            return _candidates(g, key)
    for w in words:
        p = g.demonym(w)
        if p is not None:
            return [(p, 10.0, 0)]
    return loose


def _to_mention(c: Candidate) -> Mention:
    place = c.place
    if place is None:
        precision = 3
    elif c.near:
        precision = 2
    else:
        precision = 1 if place.feature_class in ("P", "S") else 3
    return Mention(c.start, c.end, c.text, place, round(c.score, 3), c.runner_up, precision, c.kind)
