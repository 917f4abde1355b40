"""Landmarks named without a name of their own: "the presidential palace", "the barracks".

A landmark resolves to a known site of the city the article places it in (see
``data/gazetteer/geoparse_landmarks.txt``: the palace in Bamako -> Koulouba, geo_precision 1),
otherwise to that city with ``geo_precision`` 2 ("near / part of the town"). The city is the one
named in the same sentence (nearest first), else the article's most mentioned town. A landmark
with no town in the article is left out.
"""

from __future__ import annotations

import bisect
import csv
import re
from collections import Counter
from functools import lru_cache

from dashboard import resources

__all__ = ["LANDMARK_WORDS", "find_landmarks"]

#: landmark head phrases, longest first in the pattern
LANDMARK_WORDS = (
    "presidential palace", "presidential residence", "royal palace", "palace", "military barracks", "barracks",
    "military camp", "army camp", "military base", "army base", "air base", "garrison", "ministry of [a-z ]{3,40}?",
    "ministry", "parliament", "national assembly", "international airport", "airport", "embassy",
    "central bank", "state broadcaster", "state television", "national television", "radio station",
    "central prison", "prison", "city hall", "town hall", "police station", "police headquarters",
    "central market", "main market", "grand mosque", "cathedral", "stadium", "university", "general hospital",
)
_PATTERN = re.compile(
    r"\b(?:[Tt]he|[Tt]heir|[Ii]ts|[Hh]is|[Hh]er)\s+(?:[a-z]+['’]?s?\s+){0,2}?("
    + "|".join(w.replace(" ", r"\s+") for w in LANDMARK_WORDS) + r")\b(?!\s+(?:town|city|village|commander))"
)
_IN_CAPITAL = re.compile(r"\s+(?:in|of|near|outside)\s+the\s+capital\b")
_IN_TOWN = re.compile(r"\s+(?:in|of|at|near|outside)\s+")
_DATA = resources.gazetteer_dir() / "geoparse_landmarks.txt"
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


@lru_cache(maxsize=1)
def _sites() -> dict[tuple[str, str, str], str]:
    """{(landmark, normalised city, country): site name}."""
    from dashboard.places.normalize import normalize

    out: dict[tuple[str, str, str], str] = {}
    try:
        with open(_DATA, encoding="utf-8") as fh:
            rows = [line for line in fh if line.strip() and not line.startswith("#")]
    except OSError:
        return out
    for rec in csv.reader(rows, delimiter="\t"):
        if len(rec) >= 4:
            out[(rec[0].strip(), normalize(rec[1]), rec[2].strip().upper())] = rec[3].strip()
    return out


def _sentence_bounds(ends: list[int], n: int, pos: int) -> tuple[int, int]:
    """(start, end) of the sentence holding ``pos``; ``ends`` are sorted sentence-end offsets."""
    k = bisect.bisect_right(ends, pos)
    return (ends[k - 1] if k else 0), (ends[k] if k < len(ends) else n)


def find_landmarks(text: str, mentions: list, gazetteer) -> list:
    """Landmark :class:`~dashboard.places.mentions.Mention` objects (``kind="landmark"``)."""
    from dashboard.places.mentions import Mention
    from dashboard.places.normalize import normalize

    towns = sorted((m for m in mentions if m.place is not None and m.place.feature_class == "P"),
                   key=lambda m: m.start)
    if not towns:
        return []
    counts = Counter(m.place.geonameid for m in towns)
    top_town = max(towns, key=lambda m: (counts[m.place.geonameid], m.place.feature_code == "PPLC",
                                         m.place.population or 0))
    out = []
    ends: list[int] | None = None
    starts = [m.start for m in towns]  # towns are in text order
    for lm in _PATTERN.finditer(text):
        head = " ".join(lm.group(1).split())
        if ends is None:
            ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        s0, s1 = _sentence_bounds(ends, len(text), lm.start(1))
        same = towns[bisect.bisect_left(starts, s0):bisect.bisect_left(starts, s1)]
        after = _IN_TOWN.match(text, lm.end(1))
        k = bisect.bisect_left(starts, after.end()) if after else len(starts)
        named = [towns[k]] if after and k < len(starts) and starts[k] == after.end() else []
        capitals = [m for m in towns if m.place.feature_code == "PPLC"]
        if _IN_CAPITAL.match(text, lm.end(1)) and capitals:
            town, conf = max(capitals, key=lambda m: counts[m.place.geonameid]), 0.7  # "in the capital"
        elif named:
            town, conf = named[0], 0.8  # "the palace in Bamako"
        elif same:
            town = min(same, key=lambda m: abs(m.start - lm.start(1)))
            conf = 0.7
        else:
            town, conf = top_town, 0.45
        kind = head if not head.startswith("ministry of") else "ministry"
        site_name = _sites().get((kind, normalize(town.place.name), town.place.country_code))
        place, precision = town.place, 2
        if site_name:
            cands = gazetteer.candidates(site_name, country_codes=town.place.country_code, limit=1)
            if cands and cands[0].country_code == town.place.country_code:
                place, precision = cands[0], 1
        out.append(Mention(lm.start(1), lm.end(1), text[lm.start(1):lm.end(1)], place, conf, town.place,
                           precision, "landmark"))
    return out
