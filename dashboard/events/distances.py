"""Distances stated in a report ("15 kilometers from the presidential palace") checked against the
geodesic distance between the two places named (dashboard.places.distance: metres inside, km here).
Unit and relation words come from the report's lexicon."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dashboard.events import where as W
from dashboard.events.sentences import Sentence
from dashboard.lexicons import Lexicon, for_language
from dashboard.places.distance import geodesic_km

__all__ = ["DistanceCheck", "distance_checks", "DISTANCE_TOLERANCE", "place_km", "at_claim"]

#: a stated distance that differs from the geodesic one by more than this share is flagged
DISTANCE_TOLERANCE = 0.25


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


@dataclass(frozen=True)
class _Rx:
    dist: re.Pattern
    paren: re.Pattern
    capital: re.Pattern


@lru_cache(maxsize=8)
def _rx(code: str) -> _Rx:
    lex = for_language(code)
    nums = "|".join(re.escape(w) for w in sorted(lex.numbers, key=len, reverse=True))
    units = "|".join(re.escape(u) for u in sorted(lex.distance_units, key=len, reverse=True))
    num = r"(?P<num>\d{1,5}(?:[.,]\d+)?|" + nums + r")"
    unit = r"(?P<unit>" + units + r")\b"
    dist = re.compile(r"\b" + num + r"[\s-]*" + unit + r"(?P<paren>\s*\([^)]{0,60}\))?\s*(?:\S+\s+){0,2}?(?P<rel>"
                      + lex.distance_relation + r")\s", re.I)
    paren = re.compile(num + r"[\s-]*" + unit, re.I)
    return _Rx(dist, paren, lex.cue("in_the_capital"))


def _to_km(lex: Lexicon, num: str, unit: str) -> float:
    n = num.lower().replace(",", ".")
    v = float(n) if n[0].isdigit() else float(lex.number(n) or 0)
    return v * lex.distance_units.get(unit.lower(), 1.0)


def place_km(a, b) -> float:
    """Kilometres between two places (anything with .lat/.lon degrees)."""
    return float(geodesic_km(a.lat, a.lon, b.lat, b.lon))


def at_claim(place, check: DistanceCheck) -> bool:
    """Is the place one end of the distance claim (the same place, or within 2 km of it)?"""
    return any(place.geonameid == end.geonameid or place_km(place, end) < 2 for end in (check.place_a, check.place_b))


def _landmark_city(lm, sentence_mentions: list, mentions_by_sent: dict[int, list], text: str, rx: _Rx):
    nxt = [m for m in sentence_mentions if lm.end <= m.start <= lm.end + 40 and W.tier(m.place) == "town"]
    if nxt:
        return nxt[0]
    if rx.capital.match(text, lm.end):
        caps = [m for ms in mentions_by_sent.values() for m in ms
                if m.place is not None and (getattr(m.place, "feature_code", "") == "PPLC")
                and m.place.country_code == lm.place.country_code]
        if caps:
            return caps[0]
    return None


def distance_checks(sentences: list[Sentence], mentions_by_sent: dict[int, list], text: str,
                    lex: Lexicon | None = None) -> list[DistanceCheck]:
    """Stated distances between two places named in one sentence, with the geodesic figure."""
    lex = lex or for_language("en")
    rx = _rx(lex.code)
    out: list[DistanceCheck] = []
    for s in sentences:
        ms = [m for m in mentions_by_sent.get(s.index, []) if m.place is not None]
        if len(ms) < 2:
            continue
        for d in rx.dist.finditer(text, s.start, s.end):
            after = [m for m in ms if d.end() <= m.start <= d.end() + 80]
            before = [m for m in ms if m.end <= d.start() and W.tier(m.place) != "country"]
            if not after or not before:
                continue
            b = after[0]
            a = before[-1]
            name_b = b.text
            if a.place.geonameid == b.place.geonameid and getattr(b, "kind", "") == "landmark":
                # "the presidential palace in the capital" resolved to the wrong town: use the town
                # named right after it, or the capital the report names
                b = _landmark_city(b, ms, mentions_by_sent, text, rx) or b
                name_b = f"{name_b}, taken as {b.place.name}"
            if a.place.geonameid == b.place.geonameid:
                continue
            also = ""
            if d.group("paren"):
                p = rx.paren.search(d.group("paren"))
                if p:
                    also = (f"'{d.group('paren').strip()[1:-1]}' = "
                            f"{_to_km(lex, p.group('num'), p.group('unit')):.1f} km")
            stated = _to_km(lex, d.group("num"), d.group("unit"))
            out.append(DistanceCheck(s, d.group(0).strip(), stated, a.place, b.place, name_b,
                                     place_km(a.place, b.place), also))
    return out
