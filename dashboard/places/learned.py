"""Learned places: the places that curated event files (UCDP GED, ACLED, GDELT, user tables) name,
kept in the store's ``places`` layer and consulted beside the shipped gazetteer.

An analyst's event files name thousands of villages, wells and road sections that no packaged
gazetteer holds, each with a point an expert chose. Every ``crisismap import`` adds them:

* :func:`places_from_events` — the precise places of one imported file (pure pandas, vectorised):
  ACLED ``geo_precision`` 1, UCDP ``where_prec`` 1–2 (kept in the event tags), GDELT ActionGeo
  city points (geo_precision 1), a user table's own coordinates (never points our geocoder made).
  UCDP ``where_prec`` 3 rows named "<X> cercle" are kept as admin-2 places (the dataset's own
  representative point of the cercle), which gives the admin-2 fallback that no shipped source has.
* :func:`merge_places` — the layer after an import: one row per place (country, name and a 0.05°
  cell, about 5 km), per-file event counts in ``sources``; re-importing a file replaces that file's
  counts, so the layer never doubles.
* :class:`LearnedGazetteer` — the shipped :class:`~dashboard.places.gazetteer.Gazetteer` plus the
  learned rows, with the same lookup API; :func:`active_gazetteer` gives it for the active store.

Columns of the layer (the store contract, ``EventStore.read_places`` / ``replace_places``):
``key, name, alternates, country_code, admin1, admin2, latitude, longitude, geo_precision, events,
sources``. Coordinates are degrees WGS84 (EPSG:4326). ``alternates`` and ``sources`` are "; "-joined;
a source item reads ``DATASET|FILE|N`` (N events of that file at the place).
"""

from __future__ import annotations

import contextlib
import math
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard import settings
from dashboard.places.distance import geodesic_km
from dashboard.places.normalize import normalize

__all__ = ["PLACE_COLUMNS", "DATASET_NAMES", "places_from_events", "merge_places", "LearnedGazetteer",
           "active_gazetteer", "use_store", "learned_places", "describe_sources", "add_places",
           "combine_places"]

PLACE_COLUMNS = ["key", "name", "alternates", "country_code", "admin1", "admin2", "latitude", "longitude",
                 "geo_precision", "events", "sources"]

#: display names of the datasets (``origin`` of the events -> name used in notes)
DATASET_NAMES = {"ucdp": "UCDP GED", "acled": "ACLED", "gdelt": "GDELT", "table": "table", "vector": "table"}

#: grid cell (degrees) inside which two points of the same name and country are one place (~5 km)
CELL_DEG = 0.05
#: trailing words that say what kind of place a dataset name is ("Boni village", "Gao town")
_KIND_WORDS = ("village", "town", "city", "locality", "hamlet", "well", "waterhole", "camp", "area", "market",
               "forest", "wadi", "valley", "mine", "hill", "hills", "mountain", "mountains", "pond", "lake")
_ADMIN2_WORDS = ("cercle", "commune", "district", "department", "departement", "prefecture")
_TRAIL = re.compile(r"\s+(?:" + "|".join(_KIND_WORDS + _ADMIN2_WORDS) + r")\s*$", re.I)
_ADMIN2_TRAIL = re.compile(r"\s+(?:" + "|".join(_ADMIN2_WORDS) + r")\s*$", re.I)
_UCDP_PREC = re.compile(r"ucdp_where_prec=(\d)")


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="float64" if c in ("latitude", "longitude") else
                                      "Int64" if c in ("geo_precision", "events") else "string")
                         for c in PLACE_COLUMNS})


def _dataset(gdf: pd.DataFrame, dataset: str | None) -> pd.Series:
    origin = gdf["origin"].astype("string") if "origin" in gdf else pd.Series(pd.NA, index=gdf.index, dtype="string")
    if dataset:
        origin = origin.fillna(dataset.lower())
    return origin.fillna("table").str.lower()


def places_from_events(gdf: pd.DataFrame, dataset: str | None, file: str) -> pd.DataFrame:
    """The precise places an imported event frame names (one row per place, see module docstring).

    ``dataset`` is the reader's format ("ucdp", "acled", "gdelt", "table"; rows carry their own
    ``origin`` which wins), ``file`` the imported file (its name is kept, not its folder).

    Vectorised over the file's distinct values: names, admin names and tags are cleaned once per
    distinct string and places are grouped on integer codes, so a 300k-row file costs a fraction
    of a second, not a Python call per row."""
    need = {"location", "latitude", "longitude", "geo_precision", "country_code"}
    if gdf is None or len(gdf) == 0 or not need <= set(gdf.columns):
        return _empty()
    n = len(gdf)
    origin = _dataset(gdf, dataset)
    is_ucdp = (origin == "ucdp").to_numpy(dtype=bool)
    is_table = origin.isin(["table", "vector"]).to_numpy(dtype=bool)
    prec = pd.to_numeric(gdf["geo_precision"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    lat = pd.to_numeric(gdf["latitude"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    lon = pd.to_numeric(gdf["longitude"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    location = gdf["location"]
    is_gdelt = (origin == "gdelt").to_numpy(dtype=bool)
    if is_gdelt.any():  # ActionGeo full names ("Gao, Gao, Mali"): the place is the part before the first comma
        location = location.astype("string")
        location = location.where(~is_gdelt, location.str.split(",", n=1).str[0])
    w_codes, w_uniq = _codes(location, str.strip)
    cc_codes, cc_uniq = _codes(gdf["country_code"], str.upper)
    tags = gdf["tags"] if "tags" in gdf else None
    ucdp_prec = np.full(n, np.nan)
    made_here = np.zeros(n, dtype=bool)
    if tags is not None:
        t_codes, t_uniq = _codes(tags, str)
        if len(t_uniq):
            t_prec = np.array([float(m.group(1)) if (m := _UCDP_PREC.search(t)) else np.nan for t in t_uniq])
            t_made = np.array(["geocoded=" in t for t in t_uniq])
            ok = t_codes >= 0
            ucdp_prec[ok & is_ucdp] = t_prec[t_codes[ok & is_ucdp]]
            made_here[ok] = t_made[t_codes[ok]]
    if not w_uniq or not cc_uniq:  # no place names, or no countries: nothing to learn
        return _empty()
    w_admin2 = np.array([bool(_ADMIN2_TRAIL.search(w)) for w in w_uniq], dtype=bool)
    w_len_ok = np.array([2 <= len(w) <= 80 for w in w_uniq], dtype=bool)
    cc_ok = np.array([len(c) == 2 for c in cc_uniq], dtype=bool)
    has_w, has_cc = w_codes >= 0, cc_codes >= 0
    admin2 = is_ucdp & (ucdp_prec == 3) & has_w & w_admin2[np.where(has_w, w_codes, 0)]
    # a user table's own coordinates with no precision column stand for the place they name
    precise = np.where(is_ucdp, np.isin(ucdp_prec, (1, 2)), np.where(is_table, np.isnan(prec) | (prec == 1), prec == 1))
    keep = (precise | admin2) & ~made_here  # a user table's points that our own geocoder made teach nothing
    keep &= has_w & w_len_ok[np.where(has_w, w_codes, 0)] & has_cc & cc_ok[np.where(has_cc, cc_codes, 0)]
    with np.errstate(invalid="ignore"):
        keep &= (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
    idx = np.flatnonzero(keep)
    if len(idx) == 0:
        return _empty()
    # names: the written name less a trailing kind word ("Boni village" -> "Boni"), normalised once each
    names_u = [_TRAIL.sub("", w).strip() for w in w_uniq]
    norm_u = [normalize(s) for s in names_u]
    norm_codes_u, norm_uniq = pd.factorize(pd.Series(norm_u, dtype=object))
    norm_uniq = norm_uniq.tolist()
    norm_ok_u = np.array([len(s) >= 2 for s in norm_uniq], dtype=bool)[norm_codes_u] if len(norm_uniq) else \
        np.zeros(0, dtype=bool)
    wc = w_codes[idx]
    idx, wc = idx[norm_ok_u[wc]], wc[norm_ok_u[wc]]
    if len(idx) == 0:
        return _empty()
    adm = admin2[idx]
    cell_lat = np.floor(lat[idx] / CELL_DEG).astype(np.int64)
    cell_lon = np.floor(lon[idx] / CELL_DEG).astype(np.int64)
    parts = pd.DataFrame({"cc": cc_codes[idx], "norm": norm_codes_u[wc], "adm": adm, "la": cell_lat, "lo": cell_lon})
    gid = parts.groupby(["cc", "norm", "adm", "la", "lo"], sort=False).ngroup().to_numpy()
    first = pd.Series(np.arange(len(idx))).groupby(gid, sort=True).first().to_numpy()  # first row of each place
    fp = parts.iloc[first]
    keys = [f"{cc_uniq[c]}:{norm_uniq[k]}:{'adm2' if a else 'place'}:{la}:{lo}"
            for c, k, a, la, lo in zip(*(fp[c].tolist() for c in ("cc", "norm", "adm", "la", "lo")), strict=True)]
    row_prec = np.where(adm, 3, np.where(is_ucdp[idx], ucdp_prec[idx], 1))
    g = pd.DataFrame({"gid": gid, "lat": lat[idx], "lon": lon[idx], "prec": row_prec}).groupby("gid", sort=True)
    events = g.size().to_numpy()
    o_codes, o_uniq = pd.factorize(origin.iloc[idx[first]].astype(object))
    label = np.asarray([str(DATASET_NAMES.get(o, o)) for o in o_uniq], dtype=object)[o_codes]
    written = np.asarray(w_uniq, dtype=object)
    alts = pd.DataFrame({"gid": gid, "w": wc}).drop_duplicates()
    alts = alts.assign(txt=written[alts["w"].to_numpy()]).sort_values("txt", kind="stable")
    alternates = _join_codes(alts["gid"].to_numpy(), alts["txt"].tolist(), len(first))
    fname = Path(str(file)).name
    a1 = _first_per_group(gdf, "admin1", idx, gid)
    out = pd.DataFrame({
        "key": keys,
        "name": np.asarray(names_u, dtype=object)[wc[first]],  # one key, one normalised name: variants differ in case/accents only
        "alternates": alternates,
        "country_code": np.asarray(cc_uniq, dtype=object)[parts["cc"].to_numpy()[first]],
        "admin1": a1.str.replace(r"\s+region$", "", regex=True) if a1 is not None else pd.NA,
        "admin2": _first_per_group(gdf, "admin2", idx, gid) if "admin2" in gdf else pd.NA,
        "latitude": g["lat"].median().to_numpy(),
        "longitude": g["lon"].median().to_numpy(),
        "geo_precision": g["prec"].min().to_numpy(),
        "events": events,
        "sources": [f"{lb}|{fname}|{k}" for lb, k in zip(label, events.tolist(), strict=True)],
    })
    return _typed(out.sort_values("key", kind="stable"))


def _codes(col: pd.Series, clean) -> tuple[np.ndarray, list[str]]:
    """(codes, distinct cleaned non-empty values) of a text column: -1 where missing or blank."""
    codes, uniq = pd.factorize(col.astype(object), use_na_sentinel=True)
    cleaned = [clean(str(v)) for v in uniq]
    remap_codes, clean_uniq = pd.factorize(pd.Series(cleaned, dtype=object))
    blank = np.array([v == "" for v in clean_uniq], dtype=bool)
    remap = np.where(blank[remap_codes], -1, remap_codes) if len(remap_codes) else remap_codes
    out = np.where(codes >= 0, remap[np.where(codes >= 0, codes, 0)] if len(remap) else -1, -1)
    return out.astype(np.int64), list(clean_uniq)


def _first_per_group(gdf: pd.DataFrame, col: str, rows: np.ndarray, gid: np.ndarray) -> pd.Series | None:
    """Per place (``gid`` 0..G-1), the first non-missing value of a text column at ``rows``, as "string"
    (None when the frame has no such column)."""
    if col not in gdf:
        return None
    vals = gdf[col].iloc[rows].astype("string").reset_index(drop=True)
    return vals.groupby(gid, sort=True).first().reset_index(drop=True)


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    df = df.reindex(columns=PLACE_COLUMNS)
    for c in ("key", "name", "alternates", "country_code", "admin1", "admin2", "sources"):
        df[c] = df[c].astype("string")
    for c in ("latitude", "longitude"):
        df[c] = df[c].astype("float64")
    for c in ("geo_precision", "events"):
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("Int64")
    return df.reset_index(drop=True)


def merge_places(old: pd.DataFrame | None, new: pd.DataFrame | None,
                 replace_files: Iterable[str] | None = None) -> pd.DataFrame:
    """The places layer after an import: ``old`` (the stored layer) updated with ``new``.

    A file imported again replaces its own counts everywhere (places it no longer names lose that
    source; places left with no source go), so re-imports never double. Points: the count-weighted
    mean of the sources' points inside the place's ~5 km cell; names and alternates are united.
    ``replace_files`` names the files whose stored counts are replaced (default: the files ``new``
    names); ``()`` adds ``new``'s counts to the stored ones (the next chunk of a file being imported).

    Vectorised on integer place codes (a 300k-place layer merges in about a second): only places
    named more than once, or holding several alternates, pay a Python step."""
    old = _empty() if old is None or len(old) == 0 else _typed(old)
    new = _empty() if new is None or len(new) == 0 else _typed(new)
    long_new = _explode(new)
    files = set(long_new["file"]) if replace_files is None else set(replace_files)
    if new.empty and not files:
        return old
    long_old = _explode(old)
    stale = long_old["file"].isin(files).to_numpy()
    # the old rows' points stand for the sources that stay; weight them by those sources' events
    kept_src = long_old[~stale]
    w_old = np.bincount(kept_src["row"].to_numpy(), weights=kept_src["n"].to_numpy(dtype=float), minlength=len(old))
    alive = np.flatnonzero(w_old > 0)
    pos = np.full(len(old), -1)
    pos[alive] = np.arange(len(alive))
    kept_src = kept_src.assign(row=pos[kept_src["row"].to_numpy()])
    both = pd.concat([old.iloc[alive], new], ignore_index=True)
    weight = np.concatenate([w_old[alive], new["events"].to_numpy(dtype=float, na_value=0.0)])
    src = pd.concat([kept_src, long_new.assign(row=long_new["row"].to_numpy() + len(alive))], ignore_index=True)
    codes, uniq = pd.factorize(both["key"].astype(object))
    k = len(uniq)
    wsum = np.bincount(codes, weights=weight, minlength=k)
    with np.errstate(invalid="ignore", divide="ignore"):
        lat = np.bincount(codes, weights=both["latitude"].to_numpy(dtype=float) * weight, minlength=k) / wsum
        lon = np.bincount(codes, weights=both["longitude"].to_numpy(dtype=float) * weight, minlength=k) / wsum
    g = both[["name", "country_code", "admin1", "admin2", "geo_precision"]].groupby(codes, sort=True)
    first = g[["name", "country_code", "admin1", "admin2"]].first()
    # sources: (place, dataset, file) in order of first appearance, chunks of one file adding up
    s_code = codes[src["row"].to_numpy()]
    sg = pd.DataFrame({"c": s_code, "d": src["dataset"].to_numpy(), "f": src["file"].to_numpy(),
                       "n": src["n"].to_numpy()}).groupby(["c", "d", "f"], sort=False, as_index=False)["n"].sum()
    events = np.bincount(sg["c"].to_numpy(), weights=sg["n"].to_numpy(dtype=float), minlength=k).astype(int)
    items = [f"{d}|{f}|{n}" for d, f, n in zip(sg["d"].tolist(), sg["f"].tolist(), sg["n"].tolist(), strict=True)]
    out = pd.DataFrame({
        "key": uniq,
        "name": first["name"].to_numpy(),
        "alternates": _union_codes(codes, both["alternates"], k),
        "country_code": first["country_code"].to_numpy(),
        "admin1": first["admin1"].to_numpy(),
        "admin2": first["admin2"].to_numpy(),
        "latitude": lat,
        "longitude": lon,
        "geo_precision": g["geo_precision"].min().to_numpy(),
        "events": events,
        "sources": _join_codes(sg["c"].to_numpy(), items, k),
    })
    return _typed(out.sort_values("key", kind="stable"))


def add_places(old: pd.DataFrame | None, new: pd.DataFrame | None) -> pd.DataFrame:
    """``new``'s places added to ``old``'s (both layers: one row per place), counts adding up and no
    file's counts replaced: the next chunk of a file being imported. Only places in both are merged;
    the others pass as they are, so a chunk costs what its shared places cost."""
    old = _empty() if old is None or len(old) == 0 else _typed(old)
    new = _empty() if new is None or len(new) == 0 else _typed(new)
    if old.empty or new.empty:
        return new if old.empty else old
    old_keys, new_keys = old["key"].astype(object).tolist(), new["key"].astype(object).tolist()
    known, coming = set(old_keys), set(new_keys)  # plain sets: Series.isin on arrow strings is ~100x slower
    both = np.fromiter((k in known for k in new_keys), dtype=bool, count=len(new_keys))
    also = np.fromiter((k in coming for k in old_keys), dtype=bool, count=len(old_keys))
    shared = merge_places(old[also], new[both], replace_files=())
    return pd.concat([shared, new[~both], old[~also]], ignore_index=True)


def combine_places(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Several chunks' places (`places_from_events`, one layer each) as one layer."""
    frames = [f for f in frames if f is not None and len(f)]
    if not frames:
        return _empty()
    out = frames[0]
    for f in frames[1:]:
        out = add_places(out, f)
    return out


def _join_codes(codes: np.ndarray, items: list[str], k: int) -> list[str | None]:
    """Per code 0..k-1, "; ".join of its items in their order (None where it has none)."""
    out: list = [None] * k
    for c, v in zip(codes.tolist(), items, strict=True):
        out[c] = v if out[c] is None else out[c] + "; " + v
    return out


def _union_codes(codes: np.ndarray, lists: pd.Series, k: int) -> list[str | None]:
    """Per code, the sorted union of the "; "-joined lists of its rows (None when empty). A code with
    one row whose list has one item keeps it as it is: no split, no sort."""
    pairs = pd.DataFrame({"c": codes, "v": lists.astype(object).to_numpy()}).dropna()
    pairs = pairs[pairs["v"] != ""].drop_duplicates()  # a place re-imported repeats its own list
    count = np.bincount(pairs["c"].to_numpy(), minlength=k)
    out: list = [None] * k
    acc: dict[int, set[str]] = {}
    for c, v in zip(pairs["c"].tolist(), pairs["v"].tolist(), strict=True):
        if count[c] == 1 and "; " not in v:
            out[c] = v
        else:
            acc.setdefault(c, set()).update(x for x in v.split("; ") if x)
    for c, items in acc.items():
        out[c] = "; ".join(sorted(items)) if items else None
    return out


def _explode(df: pd.DataFrame) -> pd.DataFrame:
    """One row per (place row, source) of a places frame: row (position in ``df``), dataset, file,
    n events. Split with pyarrow kernels, not a Python loop per item."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if df.empty:
        return pd.DataFrame({"row": np.zeros(0, dtype=np.int64), "dataset": pd.Series([], dtype=object),
                             "file": pd.Series([], dtype=object), "n": np.zeros(0, dtype=np.int64)})
    arr = pa.array(df["sources"].astype(object).where(df["sources"].notna(), ""), type=pa.string())
    lists = pc.split_pattern(arr, "; ")
    parent = pc.list_parent_indices(lists).to_numpy()
    parts = pc.split_pattern(pc.list_flatten(lists), "|", max_splits=2)
    length = pc.list_value_length(parts).to_numpy(zero_copy_only=False)
    ok = length >= 2  # no file: not a source entry
    parts, parent, length = parts.filter(pa.array(ok)), parent[ok], length[ok]
    n = np.zeros(len(parts), dtype=np.int64)
    three = length == 3
    if three.any():
        n_txt = pc.list_element(parts.filter(pa.array(three)), 2).to_pandas()
        n[three] = pd.to_numeric(n_txt, errors="coerce").fillna(0).astype(np.int64).to_numpy()
    return pd.DataFrame({"row": parent.astype(np.int64),
                         "dataset": pc.list_element(parts, 0).to_pandas().astype(object).to_numpy(),
                         "file": pc.list_element(parts, 1).to_pandas().astype(object).to_numpy(), "n": n})


def describe_sources(sources: str | None) -> str:
    """'UCDP GED|ucdp.csv|12; ACLED|a.csv|3' -> 'UCDP GED import ucdp.csv, 12 events; ACLED import a.csv, 3 events'."""
    out = []
    for item in (sources or "").split("; "):
        parts = item.split("|")
        if len(parts) == 3:
            n = int(parts[2]) if parts[2].isdigit() else 0
            out.append(f"{parts[0]} import {parts[1]}, {n} event{'s' if n != 1 else ''}")
    return "; ".join(out)


# ------------------------------------------------------------------------------ the overlay index

#: score of a learned place before its match tier (0 primary name, 1 alternate): a named village that
#: curated data placed ranks like a GeoNames place of ~1,000 people, plus log10 of its events
_LEARNED_BASE = 2.0
_LEARNED_ADMIN2_BASE = 4.5  # "Bankass cercle": under the shipped admin-2 base (5.5)
_LEARNED_ADMIN2_BARE = 0.0  # "Bankass" alone: the cercle only when no town of that name is known
_MATCH_BONUS = {0: 2.5, 1: 0.0}
#: a learned place within this many km of a shipped candidate of the same name is that place
AGREE_KM = 15.0
AGREE_BONUS = 1.5  # the shipped candidate that curated data confirms


class LearnedGazetteer:
    """The shipped gazetteer plus learned places; the same lookup API (rows past ``len(base)`` are learned).

    A learned place that agrees (same name, within ``AGREE_KM``) with a shipped candidate does not
    become a rival: it raises that candidate's score by ``AGREE_BONUS`` instead."""

    def __init__(self, base, places: pd.DataFrame) -> None:
        from dashboard.places.gazetteer import Place

        self.base = base
        self.frame = _typed(places) if len(places) else _empty()
        self._n0 = len(base)
        self._rows: list[Place] = []
        self._post: dict[str, list[tuple[int, float, int]]] = {}
        self._bonus: dict[tuple[str, int], float] = {}
        self._merged: dict[str, list[tuple[int, float, int]]] = {}
        f = self.frame
        for i, r in enumerate(f.itertuples(index=False)):
            adm2 = ":adm2:" in str(r.key)
            note = "learned from " + describe_sources(r.sources)
            p = Place(geonameid=-(i + 1), name=str(r.name), lat=float(r.latitude), lon=float(r.longitude),
                      country_code=str(r.country_code), admin1=str(r.admin1) if pd.notna(r.admin1) else "",
                      admin1_code="", feature_class="A" if adm2 else "P", feature_code="ADM2" if adm2 else "PPL",
                      population=0, source=note)
            self._rows.append(p)
            row = self._n0 + i
            n = int(r.events) if pd.notna(r.events) else 1
            alts = [a for a in str(r.alternates or "").split("; ") if a]
            if adm2:  # "Bankass cercle" names the cercle; a bare "Bankass" is its town first
                names = [(a, 0, _LEARNED_ADMIN2_BASE) for a in alts] + [(str(r.name), 1, _LEARNED_ADMIN2_BARE)]
            else:
                names = [(str(r.name), 0, _LEARNED_BASE)] + [(a, 1, _LEARNED_BASE) for a in alts]
            seen: set[str] = set()
            for nm, tier, base in names:
                k = normalize(nm)
                if not k or k in seen:
                    continue
                seen.add(k)
                self._post.setdefault(k, []).append((row, base + math.log10(1 + n) + _MATCH_BONUS[tier], tier))
        self.version = f"{getattr(base, 'version', '')}+learned{len(self._rows)}"

    def __getattr__(self, name: str):  # everything not overridden: the shipped index
        return getattr(self.base, name)

    def __len__(self) -> int:
        return self._n0 + len(self._rows)

    def learned_count(self) -> int:
        return len(self._rows)

    def place(self, row: int):
        return self._rows[row - self._n0] if row >= self._n0 else self.base.place(row)

    def is_learned(self, row: int) -> bool:
        return row >= self._n0

    def scored(self, key: str) -> list[tuple[int, float, int]]:
        """Shipped and learned (row, score, tier) for a normalised key, best first (see class docstring)."""
        hit = self._merged.get(key)
        if hit is not None:
            return hit
        base = self.base.scored(key)
        learned = self._post.get(key)
        if not learned:
            self._merged[key] = base
            return base
        out = list(base)
        for row, s, m in learned:
            p = self._rows[row - self._n0]
            agree = None
            for j, (brow, _bs, _bm) in enumerate(out[:40]):
                if brow >= self._n0:
                    continue
                q = self.base.place(brow)
                if q.country_code == p.country_code and q.kind not in ("country", "admin1") \
                        and geodesic_km(p.lat, p.lon, q.lat, q.lon) <= AGREE_KM:
                    agree = j
                    break
            if agree is not None:
                brow, bs, bm = out[agree]
                out[agree] = (brow, bs + AGREE_BONUS, bm)
            else:
                out.append((row, s, m))
        out.sort(key=lambda t: -t[1])
        self._merged[key] = out
        return out

    def lookup_normalized(self, key: str):
        return [self.place(r) for r, _s, _m in self.scored(key)]

    def candidates(self, name: str, country_codes: str | Sequence[str] | None = None, limit: int = 10):
        rows = [r for r, _s, _m in self.scored(normalize(name))]
        if country_codes:
            ccs = {country_codes.upper()} if isinstance(country_codes, str) else {c.upper() for c in country_codes}
            rows = [r for r in rows if self.place(r).country_code in ccs] + \
                   [r for r in rows if self.place(r).country_code not in ccs]
        return [self.place(r) for r in rows[:limit]]

    def names(self) -> Iterable[str]:
        yield from self.base.names()
        yield from self._post


# ------------------------------------------------------------------------------ the active store

_LOCK = threading.Lock()
_ACTIVE: dict[str, object] = {}  # {"path": explicit store path or None}
_CACHE: dict[tuple, object] = {}  # store stamp -> the gazetteer to use (the shipped one when no places)


@contextlib.contextmanager
def use_store(path: str | Path | None) -> Iterator[None]:
    """Within the block, lookups use the learned places of the store at ``path`` (None: no store at all)."""
    with _LOCK:
        before = _ACTIVE.copy()
        _ACTIVE["path"] = None if path is None else str(path)
    try:
        yield
    finally:
        with _LOCK:
            _ACTIVE.clear()
            _ACTIVE.update(before)


def _active_path() -> str | None:
    if "path" in _ACTIVE:
        return _ACTIVE["path"]  # type: ignore[return-value]
    return settings.store()


def learned_places(store: str | Path | None = None) -> pd.DataFrame:
    """The places layer of a store (default: the active one); empty when there is none."""
    path = str(store) if store is not None else _active_path()
    if not path:
        return _empty()
    try:
        st = _open_store(path)
        if st is None:
            return _empty()
        return st.read_places()
    except Exception:  # noqa: BLE001 - a store we cannot read teaches nothing; lookups go on
        return _empty()


def _open_store(path: str):
    """The store at ``path`` (GeoPackage path or PostGIS URL), or None when a GeoPackage is not there yet."""
    from dashboard.events.store import open_store

    if "://" not in path:
        p = Path(path)
        if not p.exists() or p.stat().st_size == 0:
            return None
    return open_store(path)


def _stamp(path: str) -> tuple:
    """What changes when the store's places may have changed: a GeoPackage's mtime and size, a PostGIS
    store's version counter (bumped by every write)."""
    if "://" in path:
        try:
            st = _open_store(path)
            return (path, st.version() if st is not None else None)
        except Exception:  # noqa: BLE001 - an unreachable server: no learned places, lookups go on
            return (path, "unreachable")
    try:
        st = Path(path).stat()
    except OSError:
        return (path, None)
    return (path, st.st_mtime_ns, st.st_size)


def active_gazetteer(base=None):
    """The gazetteer lookups should use: the shipped one, plus the active store's learned places when
    learning is on (``CRISISMAP_LEARN_PLACES``) and the store has any."""
    from dashboard.places.gazetteer import get_gazetteer

    base = base if base is not None else get_gazetteer()
    if not settings.learn_places():
        return base
    path = _active_path()
    if not path:
        return base
    stamp = (id(base),) + _stamp(path)
    g = _CACHE.get(stamp)
    if g is None:  # the store changed (or is new to us): read its places once
        places = learned_places(path)
        g = base if places.empty else LearnedGazetteer(base, places)
        _CACHE.clear()
        _CACHE[stamp] = g
    return g
