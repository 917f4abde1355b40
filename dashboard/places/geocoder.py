"""OfflineGeocoder: a geopy ``Geocoder`` over the offline gazetteer, with opt-in online providers.

>>> from dashboard import OfflineGeocoder
>>> loc = OfflineGeocoder().geocode("Kati", country_codes="ML")
>>> round(loc.latitude, 2), round(loc.longitude, 2), loc.raw["admin1"]
(12.74, -8.07, 'Koulikoro')

``Location.raw`` holds ``geonameid, name, country_code, admin1, admin1_code, feature_class, feature_code,
population, score`` (0..1, how sure), ``runner_up`` (the next candidate as a dict, or None), ``source``
and ``precision`` (ACLED geo_precision: 1 the town, 2 part of / near a town or a district, 3 a region,
country or larger). Coordinates are degrees WGS84. A place learned from an imported event file has
``geonameid`` None and ``source`` "learned from UCDP GED import ucdp.csv, 12 events".

Online providers (Nominatim, ...) are opt-in: ``OfflineGeocoder(online="nominatim")`` or the environment
variable ``CRISISMAP_ONLINE=nominatim``. Any online error falls back to the offline answer.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from typing import Any

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from dashboard import settings
from dashboard.errors import InputError
from dashboard.places.distance import geodesic_km
from dashboard.places.gazetteer import Gazetteer, Place, _dotted_key, get_gazetteer
from dashboard.places.normalize import normalize

__all__ = ["OfflineGeocoder", "USER_AGENT", "precision_of"]

USER_AGENT = "crisismap/0.1"
log = logging.getLogger(__name__)

_SAME_PLACE_KM = 50.0  # candidates closer than this to the best one are the same place for scoring
_HINT_BONUS = 4.0
_DEMONYM_BEATS_TOWN_POP = 100_000  # a demonym wins over a same-named town smaller than this  # score added to candidates inside a hinted country / admin-1 region


def precision_of(place: Place) -> int:
    """ACLED-style geo_precision: 1 a town, 2 part of a town / a feature / a district, 3 region or larger."""
    kind = place.kind
    if kind == "city":
        return 2 if place.feature_code in ("PPLX", "PPLL") else 1
    if kind in ("feature", "admin2"):
        return 2
    return 3


def _as_codes(country_codes: str | Sequence[str] | None) -> set[str] | None:
    if not country_codes:
        return None
    if isinstance(country_codes, str):
        country_codes = [c for c in country_codes.replace(",", " ").split() if c]
    return {c.strip().upper() for c in country_codes if c and c.strip()} or None


class OfflineGeocoder(Geocoder):
    """geopy geocoder over the offline gazetteer (see module docstring).

    :param gazetteer: a :class:`Gazetteer` (default: the process-wide cached one, plus the places learned
        from the active store's imports; see :mod:`dashboard.places.learned`).
    :param online: None/"" for offline only (default: ``$CRISISMAP_ONLINE``), a geopy service name such as
        ``"nominatim"``, or a geopy ``Geocoder`` instance; its answers are cached on disk and rate limited.
    """

    def __init__(self, *, gazetteer: Gazetteer | None = None, online: Any = None, timeout: Any = DEFAULT_SENTINEL,
                 user_agent: str | None = None, min_delay_seconds: float = 1.0, **kwargs: Any) -> None:
        super().__init__(timeout=timeout, user_agent=user_agent or USER_AGENT, **kwargs)
        self._gazetteer = gazetteer
        if online is None:
            online = settings.online()
        self._online = None
        if online:
            from dashboard.places.online import OnlineGeocoder

            try:
                self._online = OnlineGeocoder(online, timeout=None if timeout is DEFAULT_SENTINEL else timeout,
                                              min_delay_seconds=min_delay_seconds)
            except Exception as exc:  # unknown service, missing key...: stay offline, say so once
                log.warning("online geocoder %r unavailable, staying offline: %s", online, exc)

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            from dashboard.places.learned import active_gazetteer

            # the shipped index plus the active store's learned places (CRISISMAP_LEARN_PLACES=0: shipped only)
            self._gazetteer = active_gazetteer(get_gazetteer())
        return self._gazetteer

    # ------------------------------------------------------------------ forward
    def geocode(self, query: Any, *, exactly_one: bool = True, country_codes: str | Sequence[str] | None = None,
                timeout: Any = DEFAULT_SENTINEL, limit: int = 10, **kwargs: Any) -> Location | list[Location] | None:
        """Best place for ``query`` (or a ranked list with ``exactly_one=False``); None when nothing matches.

        ``country_codes`` (ISO alpha-2, str or list) restricts the answer to those countries. A trailing
        ", Country" or ", State" in the query ranks places there first ("Kati, Mali", "Paris, Texas")."""
        if isinstance(query, dict):
            query = ", ".join(str(v) for v in query.values() if v)
        if query is None or (isinstance(query, float) and math.isnan(query)):
            return None
        query = str(query)
        if self._online is None:
            return self._offline(query, exactly_one=exactly_one, country_codes=country_codes, limit=limit)
        # ask online while the offline answer is worked out; the online wait is capped at its timeout
        asked = self._online.submit(query, exactly_one=exactly_one, country_codes=_as_codes(country_codes),
                                    timeout=None if timeout is DEFAULT_SENTINEL else timeout)
        offline = self._offline(query, exactly_one=exactly_one, country_codes=country_codes, limit=limit)
        try:
            online = asked.result()
        except Exception as exc:  # ANY online failure falls back to the offline answer
            from dashboard.places.online import OnlineUnavailable

            if not isinstance(exc, OnlineUnavailable):  # that one was said once, when the service was given up
                log.warning("online geocoder failed for %r, using offline result: %s", query, exc)
            return offline
        return online if online else offline

    def candidates(self, query: str, country_codes: str | Sequence[str] | None = None,
                   limit: int = 10) -> list[tuple[Place, float, float]]:
        """Ranked (place, rank score, confidence 0..1) for a query, applying hints parsed from it."""
        g = self.gazetteer
        codes = _as_codes(country_codes)
        key = normalize(query)
        if not key:
            return []
        scored = self._scored(query, key)
        hint_cc: set[str] = set()
        hint_a1: set[tuple[str, str]] = set()
        if not scored and "," in query:
            head, *rest = [p for p in query.split(",") if p.strip()] or [""]
            scored = self._scored(head, normalize(head))
            for part in rest:
                cc, a1 = self._context(part)
                hint_cc |= cc
                hint_a1 |= a1
        stripped = False
        if not scored:  # "Karak district", "Greater Toronto Area", "North London": the place they qualify
            for variant in _designator_variants(normalize(query.split(",")[0]) if "," in query else key):
                scored = g.scored(variant)
                if scored:
                    stripped = True
                    break
        if not scored:
            return []
        ranked: list[tuple[int, float, int]] = []
        for row, s, m in scored:
            p = g.place(row)
            if codes is not None and p.country_code not in codes:
                continue
            if hint_a1 and (p.country_code, p.admin1_code) in hint_a1:
                s += _HINT_BONUS + 1.0
            elif hint_cc and p.country_code in hint_cc:
                s += _HINT_BONUS
            ranked.append((row, s, m))
        if not ranked:
            return []
        if hint_cc or hint_a1:
            ranked.sort(key=lambda t: -t[1])
        out = []
        for i, (row, s, m) in enumerate(ranked[:limit]):
            rival = self._rival(ranked, i)
            conf = _confidence(s, None if rival is None else ranked[rival][1], m)
            out.append((g.place(row), s, conf * _STRIPPED_CONFIDENCE if stripped else conf))
        return out

    def _rival(self, ranked: list[tuple[int, float, int]], i: int) -> int | None:
        """Index of the next candidate after ``i`` that is a different place (over 50 km away)."""
        g = self.gazetteer
        p = g.place(ranked[i][0])
        for j in range(i + 1, min(len(ranked), i + 30)):
            q = g.place(ranked[j][0])
            if geodesic_km(p.lat, p.lon, q.lat, q.lon) > _SAME_PLACE_KM:
                return j
        return None

    def _scored(self, text: str, key: str) -> list[tuple[int, float, int]]:
        """Index entries for a name, plus a dotted abbreviation ("Calif.") or a demonym ("Malian") put
        first when the name itself only matches small towns or alternate names ("Canadian" is a village)."""
        g = self.gazetteer
        scored = g.scored(key)
        extra = None
        dotted = g.dotted(text.strip())
        if dotted is not None:
            extra = g._dotted[_dotted_key(text.strip())]
        else:
            extra = g.demonym_row(text)
            if extra is not None and scored:
                best_row, _s, best_m = scored[0]
                best = g.place(best_row)
                if best_m == 0 and (best.kind != "city" or best.population >= _DEMONYM_BEATS_TOWN_POP):
                    extra = None
        if extra is None:
            return scored
        top = (scored[0][1] if scored else 10.0) + 1.0
        return [(extra, top, 0)] + [t for t in scored if t[0] != extra]

    def _context(self, part: str) -> tuple[set[str], set[tuple[str, str]]]:
        """Country / admin-1 hints from a trailing query part such as "Mali", "ML", "Texas" or "TX"."""
        g = self.gazetteer
        text = part.strip()
        if len(text) == 2 and text.isalpha() and text.isupper():
            if g.admin1_name("US", text) and text not in ("US", "UK"):  # "Paris, TX"
                return {"US"}, {("US", text)}
            if g.country(text) is not None and text not in ("US", "UK"):
                return {text}, set()
        dotted = g.dotted(text)
        if dotted is not None:
            return {dotted.country_code}, {(dotted.country_code, dotted.admin1_code)}
        for row, _s, m in g.scored(normalize(text))[:3]:
            p = g.place(row)
            if p.kind == "country" and m == 0:
                return {p.country_code}, set()
            if p.kind == "admin1" and m == 0:
                return {p.country_code}, {(p.country_code, p.admin1_code)}
        if len(text) == 2 and text.isalpha():
            if text.upper() in ("US", "UK"):
                return ({"US"} if text.upper() == "US" else {"GB"}), set()
        return set(), set()

    def _offline(self, query: str, *, exactly_one: bool, country_codes, limit: int):
        cands = self.candidates(query, country_codes=country_codes, limit=limit if not exactly_one else 30)
        if not cands:
            return None
        locs = []
        for i, (p, _s, conf) in enumerate(cands[: 1 if exactly_one else limit]):
            runner = next((q for q, _qs, _qc in cands[i + 1:] if geodesic_km(p.lat, p.lon, q.lat, q.lon) > _SAME_PLACE_KM),
                          None)
            locs.append(self._location(p, conf, runner))
        return locs[0] if exactly_one else locs

    def _location(self, p: Place, score: float, runner_up: Place | None) -> Location:
        raw = place_raw(p, self.gazetteer)
        raw["score"] = round(score, 3)
        raw["runner_up"] = None if runner_up is None else place_raw(runner_up, self.gazetteer)
        return Location(raw["address"], (p.lat, p.lon, 0.0), raw)

    # ------------------------------------------------------------------ reverse
    def reverse(self, query: Any, *, exactly_one: bool = True, **kwargs: Any) -> Location | list[Location] | None:
        """Nearest populated place to a point ``(lat, lon)`` / "lat, lon" / geopy Point (degrees)."""
        try:
            pt = Point(query)
        except (ValueError, TypeError):
            raise InputError("", f"not a point (lat, lon degrees): {query!r}", field="query") from None
        p = self.gazetteer.nearest(pt.latitude, pt.longitude)
        loc = self._location(p, 1.0, None)
        return loc if exactly_one else [loc]


#: words that qualify a place name without changing which place is meant (normalised, longest first)
_TRAILING_DESIGNATORS = (
    "local government area", "metropolitan area", "metro area", "governorate", "municipality", "prefecture",
    "department", "province", "district", "township", "region", "county", "parish", "state", "oblast", "area",
    "city", "town", "lga", "co",
)
_LEADING_DESIGNATORS = (
    "greater", "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
    "upper", "lower", "downtown", "city of", "province of", "state of", "county of", "region of",
)
_STRIPPED_CONFIDENCE = 0.8  # a match found only after dropping a designator is less sure


def _designator_variants(key: str) -> list[str]:
    """Normalised keys with a trailing administrative word and/or a leading qualifier removed:
    "greater toronto area" -> ["greater toronto", "toronto area", "toronto"]; [] when there is none."""
    out: list[str] = [key[:-3] + " county"] if key.endswith(" co") else []  # "Plymouth Co."
    tails = [key[: -len(t) - 1] for t in _TRAILING_DESIGNATORS if key.endswith(" " + t) and len(key) > len(t) + 2]
    heads = [key[len(h) + 1:] for h in _LEADING_DESIGNATORS if key.startswith(h + " ") and len(key) > len(h) + 2]
    out += tails[:1] + heads[:1]
    for t in tails[:1]:
        out += [t[len(h) + 1:] for h in _LEADING_DESIGNATORS if t.startswith(h + " ") and len(t) > len(h) + 2][:1]
    return [v for v in dict.fromkeys(out) if v and v != key]


def _confidence(s: float, runner: float | None, match: int) -> float:
    """0..1: how sure the best candidate is right, from its lead over the runner-up and its match tier."""
    base = {0: 1.0, 1: 0.85, 2: 0.5}.get(match, 0.5)
    if runner is None:
        return base
    return base * (1.0 / (1.0 + math.exp(-(s - runner))))


def place_raw(p: Place, g: Gazetteer | None = None) -> dict:
    """The ``raw`` dict of a Location for a Place (no score/runner-up)."""
    country = ""
    if g is not None and p.country_code and p.kind != "country":
        c = g.country(p.country_code)
        country = c.name if c is not None else p.country_code
    parts = [p.name]
    if p.admin1 and p.admin1 != p.name:
        parts.append(p.admin1)
    if country:
        parts.append(country)
    return {
        "address": ", ".join(parts),
        "geonameid": p.geonameid if p.geonameid is not None and p.geonameid >= 0 else None,  # learned: None
        "name": p.name,
        "lat": p.lat,
        "lon": p.lon,
        "country_code": p.country_code,
        "admin1": p.admin1,
        "admin1_code": p.admin1_code,
        "feature_class": p.feature_class,
        "feature_code": p.feature_code,
        "population": p.population,
        "source": p.source,
        "precision": precision_of(p),
    }
