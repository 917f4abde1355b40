"""Toponym resolution with the article's context.

Each recognised name has gazetteer candidates with a base score (feature kind, population,
primary vs alternate name; roughly log10 of the population for towns). Context adds:

* **country votes**: the share of the article's *other* mentions that point to a country
  (a country named outright or through a demonym counts fully, an unambiguous town too);
* **admin-1 named**: a candidate in a region the article names ("Edmonton ... Alberta");
* **"Town, Region" pairs**: in "London, Ontario" the second name restricts the first;
* **nearness**: a candidate within 150 km of another resolved place;
* an optional **country hint** (ISO alpha-2).

All mentions of one name in an article resolve to the same place (one sense per discourse).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from dashboard.places.distance import geodesic_km

__all__ = ["Candidate", "resolve_all"]

W_COUNTRY = 3.5  # x share of the other mentions in the candidate's country
W_ADMIN1 = 2.5  # candidate lies in an admin-1 region the article names
W_PAIR = 5.0  # "Town, Region": the region that follows contains the candidate
W_NEAR = 1.0  # candidate within NEAR_KM of another resolved place
W_SIBLING = 1.5  # candidate of the same kind and country as a neighbour in a list ("A, B and C")
W_HINT = 2.5  # candidate in the caller's country hint
W_CAPITAL = 1.0  # a national capital over a same-named region elsewhere in the country
NEAR_KM = 150.0
W_CLOSE = 2.5  # candidate within CLOSE_KM of another resolved town (St. Thomas -> London, Ontario)
CLOSE_KM = 50.0
DWARF_GAP = 1.5  # gazetteer score gap (~log10 population) below a top-ranked city: a much smaller namesake


@dataclass
class Candidate:
    """A recognised (or given) span with its gazetteer candidates [(Place, base score, tier)]."""

    start: int
    end: int
    text: str
    kind: str
    cands: list
    conf: float  # recognition confidence 0..1
    place: object | None = None
    runner_up: object | None = None
    score: float = 0.0
    key: str = field(default="")
    partial: bool = False  # candidates come from a part of the span only ("Royal Street" -> "Royal")
    near: bool = False  # placed at the article's focus town: geo_precision 2


BROAD_CODES = frozenset({"OCN", "SEA", "CONT"})
_LIST_SEPARATORS = frozenset({", ", " and ", ", and ", " or ", ", or ", "/", " / ", " & "})


def _same_kind(p, q) -> bool:
    """Both admin-1 regions (or both towns) of one country: list members ("Alberta and Ontario")."""
    if q is None or p is q or not p.country_code or p.country_code != q.country_code:
        return False
    if p.feature_code == "ADM1":
        return q.feature_code == "ADM1"
    return p.feature_class == "P" and q.feature_class == "P"


def _is_broad(p) -> bool:
    """An ocean, sea, continent or country: a feature news names far more often than a same-named town."""
    code = p.feature_code
    return code in BROAD_CODES or code.startswith("PCL")


def _votes(items: list[Candidate]) -> dict[str, Counter]:
    """Per name key: Counter of countries its current choice votes for (weight by certainty)."""
    out: dict[str, Counter] = defaultdict(Counter)
    for c in items:
        if c.place is None or not c.place.country_code:
            continue
        p = c.place
        if c.kind == "demonym" or p.feature_code.startswith("PCL"):
            w = 1.0
        elif len(c.cands) == 1:
            w = 1.0
        else:
            gap = c.cands[0][1] - c.cands[1][1] if len(c.cands) > 1 else 3.0
            w = 0.8 if gap >= 2 else 0.5
        out[c.key][p.country_code] += w * max(c.conf, 0.3)
    return out


def resolve_all(items: list[Candidate], *, country_hint: str | None = None, text: str = "",
                gazetteer=None) -> None:
    """Choose ``place``, ``runner_up`` and ``score`` for every item in place."""
    if not items:
        return
    from dashboard.places.normalize import normalize

    for c in items:
        c.key = c.key or (normalize(c.text) if c.kind != "demonym" else "demonym:" + normalize(c.text))
        c.place = c.cands[0][0] if c.cands else None
    hint = country_hint.upper() if country_hint else None
    order = sorted(range(len(items)), key=lambda i: items[i].start)
    # "Town, Region" pairs: item i immediately followed by ", " and item j
    follower: dict[int, int] = {}
    for a, b in zip(order, order[1:], strict=False):
        ia, ib = items[a], items[b]
        if text[ia.end:ib.start] in (", ", ","):
            follower[a] = b
    prev_pair = {b: a for a, b in follower.items()}
    # lists: "New South Wales, Western Australia and Queensland" name places of one kind and country
    siblings: dict[int, list[int]] = defaultdict(list)
    for a, b in zip(order, order[1:], strict=False):
        if text[items[a].end:items[b].start] in _LIST_SEPARATORS:
            siblings[a].append(b)
            siblings[b].append(a)

    for _round in range(2):
        votes = _votes(items)
        total = Counter()
        for cnt in votes.values():
            total.update(cnt)
        admin1s = {(c.place.country_code, c.place.admin1_code) for c in items
                   if c.place is not None and c.place.feature_code == "ADM1"}
        admin1_names = {(c.place.country_code, normalize(c.place.name)) for c in items
                        if c.place is not None and c.place.feature_code == "ADM1"}
        points = list({(c.key, c.place.geonameid): (c.key, c.place.lat, c.place.lon, c.place.geonameid)
                       for c in items if c.place is not None and not c.place.is_area
                       and c.place.feature_class == "P"}.values())
        decided: dict[str, tuple] = {}
        for idx in order:
            c = items[idx]
            if len(c.cands) <= 1:
                c.score = c.conf
                c.runner_up = None
                continue
            if c.key in decided and idx not in follower and idx not in prev_pair:
                c.place, c.runner_up, c.score = decided[c.key]
                continue
            own = votes.get(c.key, Counter())
            others = total - own
            n_others = sum(others.values())
            nxt = items[follower[idx]] if idx in follower else None
            prv = items[prev_pair[idx]] if idx in prev_pair else None
            scored = []
            seen = set()
            top, top_base = c.cands[0][0], c.cands[0][1]
            broad_top = _is_broad(top)
            top_city = top.feature_class == "P" and (top.population or 0) >= 100_000 and c.cands[0][2] == 0
            for p, base, tier in c.cands:
                if p.geonameid in seen:
                    continue
                seen.add(p.geonameid)
                s = base
                # a town named like the gazetteer's top-ranked ocean, sea, continent or country ("Atlantic")
                # needs local evidence ("Town, Region", its region named): country votes and nearness alone
                # do not lift it over the broad feature
                weak_only = broad_top and p is not top and p.feature_class == "P" and top_base - base >= 1.0
                if n_others and p.country_code and not weak_only:
                    s += W_COUNTRY * others[p.country_code] / n_others
                # a region named somewhere in the article is weaker evidence for a town dwarfed by a city of the
                # same name (Louisville, Ohio vs Louisville, Kentucky) than for a close rival
                w_admin1 = W_ADMIN1 * (0.5 if top_city and top_base - base >= DWARF_GAP else 1.0)
                if (p.country_code, p.admin1_code) in admin1s and p.feature_code != "ADM1" and p.admin1_code:
                    s += w_admin1
                elif p.admin1 and (p.country_code, normalize(p.admin1)) in admin1_names and p.feature_code != "ADM1":
                    s += w_admin1
                if nxt is not None and _contains(nxt.cands, p):
                    s += W_PAIR
                if prv is not None and prv.place is not None and p.is_area and _contains([(p, 0, 0)], prv.place):
                    s += W_PAIR
                if any(_same_kind(p, items[j].place) for j in siblings.get(idx, ())):
                    s += W_SIBLING
                if hint and p.country_code == hint:
                    s += W_HINT
                if p.feature_code == "PPLC" and (p.population or 0) >= 100_000 and nxt is None and prv is None \
                        and tier == 0:
                    s += W_CAPITAL  # "Washington" the capital, not the state
                if points and p.feature_class == "P" and not weak_only:
                    d = min((geodesic_km(lat, lon, p.lat, p.lon) for key, lat, lon, gid in points
                             if key != c.key and gid != p.geonameid), default=1e9)
                    if d <= CLOSE_KM:
                        s += W_CLOSE
                    elif d <= NEAR_KM:
                        s += W_NEAR
                scored.append((s, p))
            scored.sort(key=lambda t: -t[0])
            best_s, best = scored[0]
            c.place = best
            c.runner_up = scored[1][1] if len(scored) > 1 else None
            margin = best_s - scored[1][0] if len(scored) > 1 else 5.0
            certainty = 1.0 / (1.0 + math.exp(-1.5 * margin))
            c.score = c.conf * (0.5 + 0.5 * certainty)
            decided.setdefault(c.key, (c.place, c.runner_up, c.score))


def _contains(region_cands: list, p) -> bool:
    """True when one of the region candidates (country or admin-1) contains place ``p``."""
    for r, _b, _t in region_cands:
        code = r.feature_code
        if code.startswith("PCL") and r.country_code == p.country_code and p is not r:
            return True
        if code == "ADM1" and r.country_code == p.country_code and r.admin1_code and r.admin1_code == p.admin1_code \
                and p is not r:
            return True
    return False
