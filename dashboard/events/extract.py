"""From an `Article` to ACLED-style events: who did what, where and when, with the evidence.

Steps, all rule-based and offline:
1. split the text into sentences (character offsets into `Article.text`);
2. find trigger words per ACLED event type (`classify.py`), dropping hypothetical ("fears of a
   coup"), aggregate ("months of demonstrations") and year-only background references ("the 2012
   coup": left out, never dated to the report's year; each one is listed as a Reject);
3. place: the place mention in the sentence (towns before regions before countries; countries
   other than the report's own only after "in"/"near"), else the nearest earlier town;
4. date: a date stated in the sentence, resolved against the publication date, else the last date
   stated earlier in the report, else the publication date (flagged, time_precision 2);
5. actors, fatalities, then merge sentences that tell the same happening (same event type family,
   date and place) into one event;
6. stated distances ("15 kilometers from the presidential palace") are checked against the
   geodesic distance between the two places and the result is written into the event's notes.

Coordinates are WGS84 degrees; distances are computed in metres and reported in km.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import geopandas as gpd
import pandas as pd

from dashboard.events import classify as C
from dashboard.events import where as W
from dashboard.events.dates import DateRef, find_dates, resolve
from dashboard.events.schema import Reject, empty_events, interaction_code, stable_event_id, to_events
from dashboard.places.distance import geodesic_km
from dashboard.sources.article import Article

__all__ = ["extract_events", "split_sentences", "DistanceCheck", "distance_checks", "Sentence"]

#: a stated distance that differs from the geodesic one by more than this share is flagged
DISTANCE_TOLERANCE = 0.25

_ABBREV = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Capt|Maj|Sgt|"
    r"Cpl|Adm|Gov|Sen|Rep|Rev|St|Mt|Jr|Sr|No|vs|etc|approx|Inc|Ltd|Co|Corp|Dept|Univ|Ave|Fig|est)|"
    r"\b[A-Z]|(?:\b[A-Za-z]\.){1,3}[A-Za-z])\.$")
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    index: int          # 0-based, in the article
    paragraph: int      # 0-based paragraph number
    caption: bool
    title: bool


def split_sentences(article: Article) -> list[Sentence]:
    """Sentences with offsets into `article.text`. Paragraph breaks always end a sentence;
    a full stop after an abbreviation ("Aug.", "Gen.", "U.S.") or an initial does not."""
    text = article.text
    spans = article.paragraphs or [(0, len(text))]
    out: list[Sentence] = []
    for p_i, (pa, pb) in enumerate(spans):
        cur = pa
        for m in _BOUNDARY.finditer(text, pa, pb):
            cut = m.start() + len(m.group(0).rstrip())
            head = text[cur:m.start() + 1]
            if m.end() < pb and _ABBREV.search(head):
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


# ---------------------------------------------------------------- distances

@dataclass
class DistanceCheck:
    """A distance stated in the text and the geodesic distance between the two places (km)."""

    sentence: Sentence
    phrase: str
    stated_km: float
    place_a: object
    place_b: object
    name_b: str
    geodesic_km: float
    also: str = ""

    @property
    def ratio(self) -> float:
        return (self.stated_km - self.geodesic_km) / self.geodesic_km if self.geodesic_km else float("inf")

    @property
    def agrees(self) -> bool:
        return abs(self.ratio) <= DISTANCE_TOLERANCE

    def note(self) -> str:
        a, b = self.place_a.name, self.place_b.name
        verdict = ("agrees within 25%" if self.agrees else "DISAGREES by more than 25%")
        also = f" (also stated as {self.also})" if self.also else ""
        return (f"Distance claim checked: '{self.phrase}'{also} = {self.stated_km:.1f} km stated; geodesic "
                f"{a}–{b} ({self.name_b}) = {self.geodesic_km:.1f} km; {verdict} ({self.ratio:+.0%}).")


_NUMW = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
         "fifty": 50, "a hundred": 100, "hundred": 100}
_DIST = re.compile(
    r"\b(?P<num>\d{1,5}(?:[.,]\d+)?|" + "|".join(_NUMW) + r")[\s-]*(?P<unit>kilometers?|kilometres?|km|miles?|mi)\b"
    r"(?P<paren>\s*\([^)]{0,60}\))?\s*(?:\S+\s+){0,2}?(?P<rel>(?:(?:north|south|east|west|northeast|northwest|"
    r"southeast|southwest)(?:ern)?\s+of)|away from|from|outside(?: of)?|of)\s", re.I)
_PAREN = re.compile(r"(?P<num>\d{1,5}(?:[.,]\d+)?|" + "|".join(_NUMW) + r")[\s-]*(?P<unit>kilometers?|kilometres?|"
                    r"km|miles?|mi)\b", re.I)


def _to_km(num: str, unit: str) -> float:
    n = num.lower().replace(",", ".")
    v = float(n) if n[0].isdigit() else float(_NUMW.get(n, 0))
    return v * 1.609344 if unit.lower().startswith("mi") else v


def _geodesic_km(a, b) -> float:
    """Kilometres between two places (anything with .lat/.lon degrees)."""
    return float(geodesic_km(a.lat, a.lon, b.lat, b.lon))


def _landmark_city(lm, sentence_mentions: list, mentions_by_sent: dict[int, list], text: str):
    nxt = [m for m in sentence_mentions if lm.end <= m.start <= lm.end + 40 and W.kind(m.place) == "town"]
    if nxt:
        return nxt[0]
    if re.match(r"\s+(?:in|of) the (?:capital|country['’]s capital)\b", text[lm.end:lm.end + 40], re.I):
        caps = [m for ms in mentions_by_sent.values() for m in ms
                if m.place is not None and (getattr(m.place, "feature_code", "") == "PPLC")
                and m.place.country_code == lm.place.country_code]
        if caps:
            return caps[0]
    return None


def distance_checks(sentences: list[Sentence], mentions_by_sent: dict[int, list], text: str) -> list[DistanceCheck]:
    """Stated distances between two places named in one sentence, with the geodesic figure."""
    out: list[DistanceCheck] = []
    for s in sentences:
        ms = [m for m in mentions_by_sent.get(s.index, []) if m.place is not None]
        if len(ms) < 2:
            continue
        for d in _DIST.finditer(text, s.start, s.end):
            after = [m for m in ms if d.end() <= m.start <= d.end() + 80]
            before = [m for m in ms if m.end <= d.start() and W.kind(m.place) != "country"]
            if not after or not before:
                continue
            b = after[0]
            a = before[-1]
            name_b = b.text
            if a.place.geonameid == b.place.geonameid and getattr(b, "kind", "") == "landmark":
                # "the presidential palace in the capital" resolved to the wrong town: use the town
                # named right after it, or the capital the report names
                b = _landmark_city(b, ms, mentions_by_sent, text) or b
                name_b = f"{name_b}, taken as {b.place.name}"
            if a.place.geonameid == b.place.geonameid:
                continue
            also = ""
            if d.group("paren"):
                p = _PAREN.search(d.group("paren"))
                if p:
                    also = f"'{d.group('paren').strip()[1:-1]}' = {_to_km(p.group('num'), p.group('unit')):.1f} km"
            stated = _to_km(d.group("num"), d.group("unit"))
            out.append(DistanceCheck(s, d.group(0).strip(), stated, a.place, b.place, name_b,
                                     _geodesic_km(a.place, b.place), also))
    return out


# ---------------------------------------------------------------- events

@dataclass
class _Event:
    event_type: str
    sub_event_type: str
    priority: int
    family: str
    sentences: list[Sentence]
    triggers: list[str]
    loc: W.Location
    when: date
    time_precision: int
    date_note: str
    actors1: list[C.ActorHit] = field(default_factory=list)
    actors2: list[C.ActorHit] = field(default_factory=list)
    deaths: int | None = None
    deaths_words: str = ""
    flags: list[str] = field(default_factory=list)
    all_actors: list[C.ActorHit] = field(default_factory=list)


def _family(etype: str) -> str:
    return "protest" if etype in ("Protests", "Riots") else etype


_REPORTING = re.compile(r"\b(?:said|says|told|statement|reported|announced|according to \S+)\s+(?:\S+\s+){0,3}$",
                        re.I)


def _reporting_date(text: str, ref: DateRef) -> bool:
    """A date that belongs to the reporting ("officials said on Tuesday"), not to the happening."""
    return bool(_REPORTING.search(text[max(0, ref.start - 40):ref.start]))


def _sentence_date(sent: Sentence, trig_abs: int, refs: list[DateRef], published: date | None):
    """The date stated in a sentence nearest the trigger: (date, precision, note) or None."""
    best = None
    for r in refs:
        if r.kind == "year":
            continue
        d, tp, note = resolve(r, published)
        if d is None:
            continue
        dist = abs(r.start - trig_abs)
        if best is None or dist < best[0]:
            best = (dist, d, tp, note)
    return None if best is None else best[1:]


def _roles(sent: Sentence, trig: C.Trigger, actors: list[C.ActorHit]) -> tuple[list, list]:
    """Actor1 (doing) and actor2 (done to): before / after the trigger, swapped for "... by X"."""
    t = sent.text
    before = [a for a in actors if a.end <= trig.start]
    after = [a for a in actors if a.start >= trig.end]
    passive = re.match(r"\s+(?:\w+\s+){0,3}?by\b", t[trig.end:trig.end + 40], re.I) and after
    if passive or re.search(r"\b(?:was|were|been|being|are|is)\s+$", t[max(0, trig.start - 12):trig.start]):
        agent = [a for a in after if re.search(r"\bby\s+(?:\S+\s+){0,3}$", t[max(0, a.start - 30):a.start])]
        return agent[:1], before[-1:]
    # the subject: the nearest actor before the trigger in its clause, skipping relative clauses
    # ("officers who had forced the president out formed ..." -> officers)
    clause_start = 0
    for m in re.finditer(r"[,;:]|\b(?:as|while|when|after|before)\b", t[:trig.start]):
        if m.end() <= trig.start and any(m.end() <= a.start for a in before):
            clause_start = m.end()
    in_clause = [a for a in before if a.start >= clause_start] or before
    subject = in_clause[-1:] if in_clause else []
    rel = list(re.finditer(r"\b(?:who|which|that)\b", t[clause_start:trig.start]))
    if rel and in_clause:
        r0 = clause_start + rel[0].start()
        heads = [a for a in in_clause if a.end <= r0 and r0 - a.end <= 3]
        if heads:
            subject = heads[-1:]
    return subject, after[:1]


def _type_generic(trig: C.Trigger, sent: Sentence, actors: list[C.ActorHit]) -> tuple[str, str, int]:
    """Type a bare "killed"/"attacked" from who was hit."""
    roles = {a.role for a in actors}
    t = sent.text
    if re.search(r"\b(?:protesters|protestors|demonstrators)\b", t, re.I):
        return "Protests", "Excessive force against protesters", 54
    if trig.key == "attack" or re.search(r"\bkill", trig.text, re.I):
        if "armed" in roles and ("state" in roles or "external" in roles):
            return "Battles", "Armed clash", 58
        if "civ" in roles and ("armed" in roles or "state" in roles):
            return "Violence against civilians", "Attack", 57
    return "", "", 0


def extract_events(article: Article) -> tuple[gpd.GeoDataFrame, list[Reject]]:
    """ACLED-style events from one report (origin "article"), and the rejects with their reasons.

    Every trigger found either becomes (part of) an event or a Reject (row = 1-based sentence
    number, field "evidence"/"date"/"place", reason in plain words). When nothing becomes an
    event, a whole-article Reject (row 0) says why.
    """
    text = article.text
    file = article.file or article.source
    rejects: list[Reject] = []
    sentences = split_sentences(article)
    mentions, main_cc = W.report_places(text)  # mentions, bounded by the report's country, analyst forms read
    by_sent: dict[int, list] = {}
    si = 0
    for m in sorted(mentions, key=lambda m: m.start):
        while si < len(sentences) and sentences[si].end <= m.start:
            si += 1
        if si < len(sentences) and sentences[si].start <= m.start:
            by_sent.setdefault(sentences[si].index, []).append(m)
    checks = distance_checks(sentences, by_sent, text)
    all_refs = find_dates(text)

    events: list[_Event] = []
    discourse: tuple[date, int, str] | None = None
    found_any = False
    refs_by_sent: dict[int, list[DateRef]] = {}
    si = 0
    for r in all_refs:
        while si < len(sentences) and sentences[si].end <= r.start:
            si += 1
        if si < len(sentences) and sentences[si].start <= r.start:
            refs_by_sent.setdefault(si, []).append(r)
    for sent in sentences:
        refs = [r for r in refs_by_sent.get(sent.index, []) if not _reporting_date(text, r)]
        stated = None
        for r in refs:
            if r.kind != "year":
                d, tp, note = resolve(r, article.published)
                if d is not None:
                    stated = (d, tp, note)
        if sent.title:
            if stated:
                discourse = stated
            continue
        trigs = C.find_triggers(sent.text)
        actors = C.find_actors(sent.text)
        cands: list[tuple[C.Trigger, str, str, int]] = []
        for t in trigs:
            found_any = True
            y = C.year_reference(sent.text, t)
            if t.nominal and y is not None:
                rejects.append(Reject(sent.index + 1, "date",
                                      f"background reference to {y} ('{_snip(sent.text, t)}'): left out, "
                                      f"not an event of this report", file))
                continue
            if C.is_hypothetical(sent.text, t):
                rejects.append(Reject(sent.index + 1, "evidence",
                                      f"'{_snip(sent.text, t)}' is hypothetical, demanded or negated", file))
                continue
            if C.is_aggregate(sent.text, t):
                rejects.append(Reject(sent.index + 1, "evidence",
                                      f"'{_snip(sent.text, t)}' sums up many past happenings", file))
                continue
            etype, sub, prio = C.refine(t, sent.text)
            if not etype:
                etype, sub, prio = _type_generic(t, sent, actors)
            cands.append((t, etype, sub, prio))
        typed = [c for c in cands if c[1]]
        deaths, deaths_words = C.fatalities(sent.text)
        if not typed:
            if deaths is not None and events:
                # a casualty figure with no event words of its own: it belongs to the latest event
                ev = _attach_target(events, sent, by_sent, main_cc, text)
                if ev is not None and (ev.deaths is None or deaths > ev.deaths):
                    ev.deaths, ev.deaths_words = deaths, deaths_words
                    ev.sentences.append(sent)
            if stated:
                discourse = stated
            continue
        # one happening per sentence and family: the most specific trigger names the type
        fam_best: dict[str, tuple[C.Trigger, str, str, int]] = {}
        for c in typed:
            f = _family(c[1])
            if f not in fam_best or c[3] > fam_best[f][3]:
                fam_best[f] = c
        used = None
        for f, (t, etype, sub, prio) in fam_best.items():
            trig_abs = sent.start + t.start
            loc = W.choose_place(sent, trig_abs, by_sent, sentences, main_cc, text)
            if loc is None:
                rejects.append(Reject(sent.index + 1, "place", f"'{_snip(sent.text, t)}': no place found", file))
                continue
            when = _sentence_date(sent, trig_abs, refs, article.published)
            flags: list[str] = []
            if when is not None:
                d, tp, dnote = when
                dnote = f"date from {dnote}"
            elif discourse is not None:
                d, tp, dnote = discourse
                dnote = f"date carried from an earlier sentence ({dnote})"
            elif article.published is not None:
                d, tp = article.published, 2
                dnote = "no date stated; publication date used (time_precision 2)"
                flags.append("date-assumed")
            else:
                rejects.append(Reject(sent.index + 1, "date",
                                      f"'{_snip(sent.text, t)}': no date stated and no publication date "
                                      "(pass --date YYYY-MM-DD)", file))
                continue
            if article.published is not None and d > article.published and (d - article.published).days > 1:
                rejects.append(Reject(sent.index + 1, "date",
                                      f"'{_snip(sent.text, t)}' is dated {d.isoformat()}, after the report: "
                                      "planned, not happened", file))
                continue
            a1, a2 = _roles(sent, t, actors)
            others = sorted({c[0].text.lower() for c in typed if c[0] is not t})
            ev = _Event(etype, sub, prio, f, [sent], [t.text.lower()] + others, loc, d, tp, dnote, a1, a2,
                        deaths, deaths_words, flags, list(actors))
            if f == "Strategic developments" and any(c[0].key == "mutiny" for c in typed):
                ev.flags.append("mutiny")
            _merge_or_add(events, ev)
            if when is not None:
                used = when
        if used is not None:
            discourse = used
        elif stated:
            discourse = stated

    if not events:
        if not found_any:
            reason = "no event words found (no arrest, protest, attack, clash, ... in the text)"
        else:
            reason = "no dated, placed event found: " + "; ".join(r.reason for r in rejects[:3])
        rejects.append(Reject(0, "", reason, file))
        return _empty(), rejects
    # A distance claim goes to the events at either end of it; a claim no event sits at
    # concerns the whole article, so every event carries it.
    anchored = {id(c) for ev in events for c in checks if _at_claim(ev.loc.mention.place, c)}
    loose = [c for c in checks if id(c) not in anchored]
    df = pd.DataFrame([_row(ev, article, checks, loose, main_cc) for ev in events])
    gdf = to_events(df)
    gdf.attrs["distance_checks"] = [c.note() for c in checks]
    return gdf, rejects


@lru_cache(maxsize=1)
def _empty_template() -> gpd.GeoDataFrame:
    return empty_events()


def _empty() -> gpd.GeoDataFrame:
    """An empty event frame (a copy of a cached template: building one takes tens of ms)."""
    return _empty_template().copy()


def _snip(text: str, t: C.Trigger, width: int = 30) -> str:
    a = max(0, t.start - width)
    b = min(len(text), t.end + width)
    return ("…" if a else "") + text[a:b].strip() + ("…" if b < len(text) else "")


def _merge_or_add(events: list[_Event], ev: _Event) -> None:
    for old in reversed(events[-40:]):
        if old.family != ev.family or old.when != ev.when:
            continue
        same = W.same_place(old.loc, ev.loc)
        country_level = (ev.loc.country_only or ev.loc.inherited) and \
            old.loc.mention.place.country_code == ev.loc.mention.place.country_code
        upgrade = old.loc.country_only and not ev.loc.country_only and \
            old.loc.mention.place.country_code == ev.loc.mention.place.country_code
        if not (same or country_level or upgrade):
            continue
        if upgrade or (old.loc.inherited and not ev.loc.inherited and not ev.loc.country_only and same):
            old.loc = ev.loc
        old_caption = all(x.caption for x in old.sentences)
        if old_caption and not ev.sentences[0].caption:  # name the happening by the body's words
            old.triggers = ev.triggers + [t for t in old.triggers if t not in ev.triggers]
        if (old_caption and not ev.sentences[0].caption) or (
                old.date_note.startswith("date carried") and ev.date_note.startswith("date from")):
            old.date_note = ev.date_note
        if ev.priority > old.priority:
            old.event_type, old.sub_event_type, old.priority = ev.event_type, ev.sub_event_type, ev.priority
        old.sentences.extend(ev.sentences)
        old.all_actors.extend(ev.all_actors)
        old.triggers.extend(t for t in ev.triggers if t not in old.triggers)
        if not old.actors1 and ev.actors1:
            old.actors1 = ev.actors1
        if not old.actors2 and ev.actors2:
            old.actors2 = ev.actors2
        if ev.deaths is not None and (old.deaths is None or ev.deaths > old.deaths):
            old.deaths, old.deaths_words = ev.deaths, ev.deaths_words
        if old.time_precision > ev.time_precision:
            old.time_precision, old.date_note = ev.time_precision, ev.date_note
        old.flags.extend(f for f in ev.flags if f not in old.flags)
        return
    events.append(ev)


def _attach_target(events: list[_Event], sent: Sentence, by_sent, main_cc, text) -> _Event | None:
    ms = [m for m in by_sent.get(sent.index, []) if W.usable(m, main_cc, text) and W.kind(m.place) != "country"]
    if ms:
        for ev in reversed(events):
            if ev.loc.mention.place.geonameid == ms[0].place.geonameid:
                return ev
    return events[-1]


def _at_claim(place, check: DistanceCheck) -> bool:
    """Is the place one end of the distance claim (the same place, or within 2 km of it)?"""
    return any(place.geonameid == end.geonameid or _geodesic_km(place, end) < 2
               for end in (check.place_a, check.place_b))


def _row(ev: _Event, article: Article, checks: list[DistanceCheck], loose: list[DistanceCheck],
         main_cc: str | None) -> dict:
    body = [s for s in ev.sentences if not s.caption]
    evid = body[0] if body else ev.sentences[0]
    place = ev.loc.mention.place
    where = W.place_fields(ev.loc, main_cc)
    cc = where["country_code"] or ""
    cname = where["country"] or ""
    tags = list(ev.flags)
    if not body:
        tags.append("caption")
    elif any(s.caption for s in ev.sentences):
        tags.append("also-in-caption")
    tags += where.pop("tags")
    a1 = ev.actors1[0] if ev.actors1 else None
    a2 = ev.actors2[0] if ev.actors2 else None
    if ev.event_type in ("Protests", "Riots"):
        state = [a for a in ev.actors1 + ev.actors2 + ev.all_actors if a.role in ("state", "external")]
        if ev.event_type == "Protests" and (a1 is None or a1.inter != 6):
            a1 = C.ActorHit(0, 0, "", "Protesters ({C})", 6, a1.assoc if a1 else "", "protest")
        elif ev.event_type == "Riots":
            assoc = next((a.assoc for a in ev.actors1 + ev.actors2 + ev.all_actors if a.assoc), "")
            a1 = C.ActorHit(0, 0, "", "Rioters ({C})", 5, assoc, "protest")
        if "Excessive" in ev.sub_event_type or "intervention" in ev.sub_event_type or ev.event_type == "Riots":
            a2 = state[0] if state else a2
        if (a2 is not None and a2.role == "protest") or ev.sub_event_type == "Peaceful protest":
            a2 = None
    if "mutiny" in ev.flags and a1 is not None and a1.inter == 1 and "mutineers" not in a1.name:
        a1 = C.ActorHit(a1.start, a1.end, a1.text, "Military Forces of {C} (mutineers)", 1, a1.assoc, a1.role)
    if a1 is not None and a2 is not None and C.actor_name(a1, cname) == C.actor_name(a2, cname) \
            and a1.name.endswith("(mutineers)") is False:
        a2 = None
    if a1 is None and ev.event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        a1 = C.ActorHit(0, 0, "", "Unidentified Armed Group ({C})", 3, "", "armed")  # perpetrator not named
    actor1 = C.actor_name(a1, cname) if a1 else None
    actor2 = C.actor_name(a2, cname) if a2 else None
    inter1 = a1.inter if a1 else None
    inter2 = a2.inter if a2 else None
    checks_here = [c for c in checks if _at_claim(place, c)] + loose
    for c in checks_here:
        tags.append("distance-checked" if c.agrees else "distance-disagrees")
    words = list(dict.fromkeys(t.strip() for t in ev.triggers))
    what = words[0] + (f" (also: {', '.join(words[1:4])})" if len(words) > 1 else "")
    summary = (f"{actor1 or 'Unidentified actor'}: {what}"
               f"{' — ' + actor2 if actor2 else ''} at {place.name}"
               f"{', ' + cname if cname and cname != place.name else ''} on {ev.when.isoformat()}.")
    notes = [summary, ev.date_note[0].upper() + ev.date_note[1:] + "."]
    notes.append(where.pop("place_note"))
    if ev.deaths is not None:
        notes.append(f"Fatalities: '{ev.deaths_words}'.")
    if not body:
        notes.append("From a photo caption.")
    notes += [c.note() for c in checks_here]
    src_id = hashlib.sha1(article.text.encode("utf-8")).hexdigest()[:12]
    return {
        "event_id_cnty": stable_event_id(cc, src_id, ev.when.isoformat(), ev.event_type, place.geonameid),
        "event_date": pd.Timestamp(ev.when),
        "time_precision": ev.time_precision,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": actor1,
        "assoc_actor_1": (a1.assoc or None) if a1 else None,
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": (a2.assoc or None) if a2 else None,
        "inter2": inter2,
        "interaction": interaction_code(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if ev.event_type == "Violence against civilians" else None,
        **{k: where[k] for k in ("iso", "country", "admin1", "location", "latitude", "longitude", "geo_precision")},
        "source": article.source or None,
        "notes": " ".join(notes),
        "fatalities": ev.deaths or 0,
        "fatalities_stated": ev.deaths is not None,
        "tags": "; ".join(dict.fromkeys(tags)) or None,
        "timestamp": int(time.time()),
        "source_url": article.url,
        "source_date": pd.Timestamp(article.published) if article.published else pd.NaT,
        "evidence": evid.text,
        "evidence_start": evid.start,
        "evidence_end": evid.end,
        "geonameid": where["geonameid"],
        "place_score": where["place_score"],
        "origin": "article",
        "country_code": where["country_code"],
        "source_id": src_id,
    }
