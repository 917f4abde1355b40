"""De-duplication rules, shared by every store backend (pure pandas/numpy, no I/O).

Applied to every appended event, in this order:

1. *Same identity*: the same `event_id_cnty`, or a shared `source_id` token (`acled:MLI123`,
   `ucdp:12993`, ...) -> the same event (re-importing a file changes nothing).
2. *Same happening*: same calendar day, same `event_type`, within `MERGE_DISTANCE_M` (10 km,
   geodesic WGS84) and overlapping actors (a shared distinctive word in actor1/actor2/assoc actors
   after dropping generic words such as "forces" or "unidentified", or one word a prefix of the other
   such as "mali"/"malian"; an event with no actors at all overlaps anything). Then:
   - a report or table row (origin article, manual, table, vector) MERGES into the nearest such event;
   - a curated dataset row (ACLED, UCDP, GDELT) merges only into an event that holds no curated row;
     it is LINKED (`linked_ids`, both ways) to events holding another curated dataset's row, and left
     alone by events of its own dataset (the dataset already separates them).
   So the number of events never depends on the order in which curated files are imported.

A merge keeps the stored row's fields and id; `source`, `source_url`, `origin` and `source_id` become
"; "-joined unions and `sources` gains the new row's record (see `dashboard.events.provenance`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard.events.provenance import CURATED_ORIGINS, join_lists, split_list
from dashboard.events.schema import EVENT_COLUMNS, stable_event_id
from dashboard.places.distance import inverse_m

MERGE_DISTANCE_M = 10_000.0
LIST_COLUMNS = ("source", "source_url", "origin", "source_id")
#: columns a backend returns for rule-2 candidates
CANDIDATE_COLUMNS = ["event_id_cnty", "event_date", "event_type", "latitude", "longitude", "actor1", "actor2",
                     "assoc_actor_1", "assoc_actor_2", "origin", "source_id"]
#: new rows per pair join (bounds memory when many events share a day and type)
PAIR_BLOCK = 5_000
_STOP = {
    "the", "of", "and", "for", "forces", "force", "military", "group", "groups", "unidentified", "armed",
    "militia", "militias", "civilians", "protesters", "rioters", "men", "gunmen", "unknown", "national",
    "state", "people", "members", "member", "local", "army", "soldiers", "troops", "police",
}


def actor_tokens(*names) -> frozenset[str]:
    """Distinctive lower-case words of actor names (accents, years and generic words dropped)."""
    words: set[str] = set()
    for name in names:
        for part in split_list(name):
            s = unicodedata.normalize("NFKD", part).encode("ascii", "ignore").decode().lower()
            s = re.sub(r"\(\s*\d{4}\s*-\s*\d{0,4}\s*\)", " ", s)
            words.update(w for w in re.findall(r"[a-z0-9]+", s) if len(w) >= 3 and w not in _STOP)
    return frozenset(words)


def actors_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    """Empty on either side, a shared word, or one word a prefix (>= 4 letters) of the other ("mali"/"malian")."""
    if not a or not b or a & b:
        return True
    return any(len(x) >= 4 and len(y) >= 4 and (x.startswith(y) or y.startswith(x)) for x in a for y in b)


def prepare(events: pd.DataFrame) -> gpd.GeoDataFrame:
    """Full event schema, only schema columns, ids and source ids filled, rows with the same id merged.

    `attrs["merged_in_batch"]` counts the rows folded into an earlier row of the same batch and
    `attrs["batch_joins"]` lists them as (row id, joined id) pairs.
    """
    from dashboard.events.provenance import merge_sources
    from dashboard.sources.tabular import complete_events

    ev = complete_events(pd.DataFrame(events).drop(columns="geometry", errors="ignore"))
    ev = ev[EVENT_COLUMNS + ["geometry"]].reset_index(drop=True)
    miss = ev["event_id_cnty"].isna()
    if miss.any():
        sub = ev.loc[miss]
        ev.loc[miss, "event_id_cnty"] = [
            stable_event_id(cc if isinstance(cc, str) else "XX", o, d, round(la, 4), round(lo, 4), t, a, str(n)[:200])
            for cc, o, d, la, lo, t, a, n in zip(sub["country_code"], sub["origin"], sub["event_date"], sub["latitude"],
                                                 sub["longitude"], sub["event_type"], sub["actor1"], sub["notes"], strict=True)
        ]
    miss = ev["source_id"].isna()
    if miss.any():
        ev.loc[miss, "source_id"] = ev.loc[miss, "origin"].fillna("manual") + ":" + ev.loc[miss, "event_id_cnty"]
    dup = ev["event_id_cnty"].duplicated(keep=False)
    merged = 0
    if dup.any():
        keep = ~ev["event_id_cnty"].duplicated(keep="first")
        for _eid, grp in ev[dup].groupby("event_id_cnty", sort=False):
            first = grp.index[0]
            rows = grp.to_dict("records")
            srcs = merge_sources(rows[0], rows[1:])
            for c in LIST_COLUMNS:
                ev.loc[first, c] = join_lists(*grp[c].tolist())
            if len(json.loads(srcs)) > 1:
                ev.loc[first, "sources"] = srcs
        merged = int((~keep).sum())
        ev = ev[keep].reset_index(drop=True)
    ev.attrs["merged_in_batch"] = merged
    return ev


def origin_sets(origins: pd.Series) -> list[frozenset[str]]:
    return [frozenset(split_list(o)) for o in origins]


def candidate_origins(new_origins: pd.Series, stored_origins: set[str]) -> set[str] | None:
    """The stored `origin` values a batch can merge or link with (None: all of them)."""
    wanted: set[str] = set()
    for o in {str(v) for v in pd.unique(new_origins.dropna().astype(object))} | \
            ({"manual"} if new_origins.isna().any() else set()):
        mine = set(split_list(o))
        if not (mine & CURATED_ORIGINS):
            return None
        wanted |= {s for s in stored_origins if not (set(split_list(s)) & mine)}
    return wanted


@dataclass
class Matches:
    """For each new row: the stored event id it joins (or None), why, and the ids it links to."""

    target: np.ndarray  # object: stored event_id_cnty or None
    rule: np.ndarray  # object: "same id" | "same source id" | "same happening" | None
    links: dict[int, list[str]] = field(default_factory=dict)


def match_identity(ev: pd.DataFrame, found_ids: dict[str, str], found_tokens: dict[str, str]) -> Matches:
    """Rule 1: the stored event with the same id, else one holding a shared source_id token."""
    n = len(ev)
    target = np.full(n, None, dtype=object)
    rule = np.full(n, None, dtype=object)
    ids = ev["event_id_cnty"].astype(str).to_numpy()
    for i, e in enumerate(ids):
        hit = found_ids.get(e)
        if hit is not None:
            target[i], rule[i] = hit, "same id"
    if found_tokens:
        sids = ev["source_id"].to_numpy(dtype=object)
        for i in np.flatnonzero(target == None):  # noqa: E711  (object array)
            for tok in split_list(sids[i]):
                if tok in found_tokens:
                    target[i], rule[i] = found_tokens[tok], "same source id"
                    break
    return Matches(target, rule)


def match_happening(ev: pd.DataFrame, todo: np.ndarray, old: pd.DataFrame, m: Matches) -> None:
    """Rule 2 for rows `todo` of `ev` against the stored candidates `old` (CANDIDATE_COLUMNS); fills `m`."""
    if len(todo) == 0 or old.empty:
        return
    old = old.reset_index(drop=True)
    old_day = pd.to_datetime(old["event_date"], errors="coerce")
    if getattr(old_day.dt, "tz", None) is not None:
        old_day = old_day.dt.tz_localize(None)
    right = pd.DataFrame({"j": np.arange(len(old)), "day": old_day.dt.normalize().to_numpy(),
                          "event_type": old["event_type"].astype(object).to_numpy(),
                          "olat": pd.to_numeric(old["latitude"]).to_numpy(dtype=float),
                          "olon": pd.to_numeric(old["longitude"]).to_numpy(dtype=float)})
    right = right.dropna(subset=["day", "event_type", "olat", "olon"])
    old_origins = origin_sets(old["origin"])
    old_curated = np.array([bool(o & CURATED_ORIGINS) for o in old_origins])
    old_ids = old["event_id_cnty"].astype(str).to_numpy()
    token_cache: dict[int, frozenset[str]] = {}
    new_origins = origin_sets(ev["origin"])
    for b in range(0, len(todo), PAIR_BLOCK):
        part = todo[b:b + PAIR_BLOCK]
        new = ev.iloc[part]
        left = pd.DataFrame({
            "i": part, "day": new["event_date"].dt.normalize().to_numpy(),
            "event_type": new["event_type"].astype(object).to_numpy(),
            "lat": new["latitude"].to_numpy(dtype=float), "lon": new["longitude"].to_numpy(dtype=float),
        }).dropna(subset=["day", "event_type", "lat", "lon"])
        pairs = left.merge(right, on=["day", "event_type"])
        pairs = pairs[np.abs(pairs["lat"].to_numpy() - pairs["olat"].to_numpy()) < 0.1]
        if pairs.empty:
            continue
        dist = inverse_m(pairs["lon"].to_numpy(), pairs["lat"].to_numpy(), pairs["olon"].to_numpy(), pairs["olat"].to_numpy())
        pairs = pairs.assign(dist=dist)
        pairs = pairs[pairs["dist"] <= MERGE_DISTANCE_M].sort_values(["i", "dist"], kind="stable")
        for i, grp in pairs.groupby("i", sort=False):
            i = int(i)
            row = ev.iloc[i]
            mine = actor_tokens(row["actor1"], row["actor2"], row["assoc_actor_1"], row["assoc_actor_2"])
            my_orig = new_origins[i] or frozenset({"manual"})
            curated = bool(my_orig & CURATED_ORIGINS)
            links: list[str] = []
            for j in grp["j"].to_numpy():
                j = int(j)
                if curated and (old_origins[j] & my_orig):
                    continue  # the same dataset: it already separates its rows
                if j not in token_cache:
                    r = old.iloc[j]
                    token_cache[j] = actor_tokens(r["actor1"], r["actor2"], r["assoc_actor_1"], r["assoc_actor_2"])
                if not actors_overlap(mine, token_cache[j]):
                    continue
                if curated and old_curated[j]:
                    links.append(old_ids[j])
                elif m.target[i] is None:
                    m.target[i], m.rule[i] = old_ids[j], "same happening"
            if links:
                m.links[i] = links


def day_range(ev: pd.DataFrame) -> tuple[str, str] | None:
    """[first day, day after the last) of a batch as YYYY-MM-DD strings, or None when undated."""
    d = ev["event_date"].dropna()
    if d.empty:
        return None
    return d.min().normalize().strftime("%Y-%m-%d"), (d.max().normalize() + pd.Timedelta(days=1)).strftime("%Y-%m-%d")
