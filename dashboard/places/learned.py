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
           "active_gazetteer", "use_store", "learned_places", "describe_sources"]

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
    ``origin`` which wins), ``file`` the imported file (its name is kept, not its folder)."""
    need = {"location", "latitude", "longitude", "geo_precision", "country_code"}
    if gdf is None or len(gdf) == 0 or not need <= set(gdf.columns):
        return _empty()
    df = pd.DataFrame({
        "written": gdf["location"].astype("string").str.strip(),
        "lat": pd.to_numeric(gdf["latitude"], errors="coerce"),
        "lon": pd.to_numeric(gdf["longitude"], errors="coerce"),
        "prec": pd.to_numeric(gdf["geo_precision"], errors="coerce"),
        "cc": gdf["country_code"].astype("string").str.upper(),
        "admin1": gdf["admin1"].astype("string").str.replace(r"\s+region$", "", regex=True) if "admin1" in gdf else pd.NA,
        "admin2": gdf["admin2"].astype("string") if "admin2" in gdf else pd.NA,
        "tags": gdf["tags"].astype("string").fillna("") if "tags" in gdf else "",
        "origin": _dataset(gdf, dataset),
    }, index=gdf.index)
    ucdp_prec = pd.to_numeric(df["tags"].str.extract(_UCDP_PREC, expand=False), errors="coerce")
    is_ucdp = df["origin"] == "ucdp"
    admin2 = is_ucdp & (ucdp_prec == 3) & df["written"].str.contains(_ADMIN2_TRAIL, na=False)
    # a user table's own coordinates with no precision column stand for the place they name
    is_table = df["origin"].isin(["table", "vector"])
    precise = np.where(is_ucdp, ucdp_prec.isin([1, 2]),
                       np.where(is_table, df["prec"].isna() | (df["prec"] == 1), df["prec"] == 1))
    # a user table's points that our own geocoder made teach nothing
    made_here = df["tags"].str.contains("geocoded=", regex=False, na=False)
    keep = (pd.Series(precise, index=df.index).fillna(False).astype(bool) | admin2) & ~made_here
    keep &= df["written"].fillna("").str.len().between(2, 80) & df["cc"].fillna("").str.len().eq(2)
    keep &= df["lat"].between(-90, 90) & df["lon"].between(-180, 180)
    df = df[keep.fillna(False)].copy()
    if df.empty:
        return _empty()
    df["is_admin2"] = admin2[df.index]
    df["name"] = df["written"].str.replace(_TRAIL, "", regex=True).str.strip()
    df["norm"] = df["name"].map(normalize)
    df = df[df["norm"].str.len() >= 2]
    df["geo_precision"] = np.where(df["is_admin2"], 3, np.where(is_ucdp[df.index], ucdp_prec[df.index], 1)).astype(int)
    df["key"] = _keys(df["cc"], df["norm"], df["lat"], df["lon"], df["is_admin2"])
    label = df["origin"].map(lambda o: DATASET_NAMES.get(o, o))
    fname = Path(str(file)).name
    grouped = df.groupby("key", sort=False)
    alts = df[["key", "written"]].drop_duplicates().sort_values("written")
    out = pd.DataFrame({
        "name": grouped["name"].first(),  # one key, one normalised name: variants differ in case/accents only
        "alternates": _join_by_key(alts["key"], alts["written"]),
        "country_code": grouped["cc"].first(),
        "admin1": grouped["admin1"].first(),
        "admin2": grouped["admin2"].first(),
        "latitude": grouped["lat"].median(),
        "longitude": grouped["lon"].median(),
        "geo_precision": grouped["geo_precision"].min(),
        "events": grouped.size(),
        "label": label.groupby(df["key"], sort=False).first(),
    })
    out["sources"] = out["label"] + "|" + fname + "|" + out["events"].astype(int).astype(str)
    out = out.drop(columns="label").reset_index()
    return _typed(out)


def _union(keys: pd.Series, lists: pd.Series) -> pd.Series:
    """Per key, the sorted union of "; "-joined lists (vectorised)."""
    items = pd.DataFrame({"key": keys.to_numpy(), "item": _split_cells(lists, "; ")}).explode("item")
    items = items[items["item"].fillna("") != ""].drop_duplicates().sort_values("item")
    return _join_by_key(items["key"], items["item"])


def _join_by_key(keys: pd.Series, items: pd.Series) -> pd.Series:
    """ "; ".join of ``items`` per key, in their order (one pass over plain lists: a pandas group-wise
    string join costs a Series per group, ~100x slower on an ACLED-sized file)."""
    k_list, v_list = keys.astype(str).tolist(), items.astype(str).tolist()
    if len(set(k_list)) == len(k_list):  # one item per key (most places): nothing to join
        return pd.Series(v_list, index=pd.Index(k_list, name="key"), dtype="string")
    acc: dict[str, list[str]] = {}
    for k, v in zip(k_list, v_list, strict=True):
        acc.setdefault(k, []).append(v)
    return pd.Series({k: "; ".join(v) for k, v in acc.items()}, dtype="string").rename_axis("key")


def _keys(cc: pd.Series, norm: pd.Series, lat: pd.Series, lon: pd.Series, admin2: pd.Series) -> pd.Series:
    cell_lat = np.floor(lat.to_numpy(dtype=float) / CELL_DEG).astype(int).astype(str)
    cell_lon = np.floor(lon.to_numpy(dtype=float) / CELL_DEG).astype(int).astype(str)
    kind = np.where(admin2.to_numpy(dtype=bool), "adm2", "place")
    return cc.astype(str) + ":" + norm.astype(str) + ":" + kind + ":" + cell_lat + ":" + cell_lon


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    df = df.reindex(columns=PLACE_COLUMNS)
    for c in ("key", "name", "alternates", "country_code", "admin1", "admin2", "sources"):
        df[c] = df[c].astype("string")
    for c in ("latitude", "longitude"):
        df[c] = df[c].astype("float64")
    for c in ("geo_precision", "events"):
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("Int64")
    return df.reset_index(drop=True)


def merge_places(old: pd.DataFrame | None, new: pd.DataFrame | None) -> pd.DataFrame:
    """The places layer after an import: ``old`` (the stored layer) updated with ``new``.

    A file imported again replaces its own counts everywhere (places it no longer names lose that
    source; places left with no source go), so re-imports never double. Points: the count-weighted
    mean of the sources' points inside the place's ~5 km cell; names and alternates are united."""
    old = _empty() if old is None or len(old) == 0 else _typed(old)
    new = _empty() if new is None or len(new) == 0 else _typed(new)
    if new.empty:
        return old
    new_files = set(_explode(new)["file"])
    long_old = _explode(old)
    stale = long_old["file"].isin(new_files)
    # the old rows' points stand for the sources that stay; weight them by those sources' events
    kept = long_old[~stale].groupby("key")["n"].sum()
    old = old.assign(weight=old["key"].map(kept).fillna(0).astype(float))
    old = old[old["weight"] > 0]
    old_src = long_old[~stale]
    new = new.assign(weight=new["events"].astype(float))
    both = pd.concat([old, new], ignore_index=True)
    src = pd.concat([old_src, _explode(new)], ignore_index=True)
    g = both.groupby("key", sort=False)
    w = both["weight"]
    out = pd.DataFrame({
        "latitude": (both["latitude"] * w).groupby(both["key"], sort=False).sum() / g["weight"].sum(),
        "longitude": (both["longitude"] * w).groupby(both["key"], sort=False).sum() / g["weight"].sum(),
        "name": g["name"].first(),
        "alternates": _union(both["key"], both["alternates"]),
        "country_code": g["country_code"].first(),
        "admin1": g["admin1"].first(),
        "admin2": g["admin2"].first(),
        "geo_precision": g["geo_precision"].min(),
    })
    src = src.groupby(["key", "dataset", "file"], as_index=False, sort=False)["n"].sum()  # chunks of one file add up
    src["n"] = src["n"].astype(int)
    out["events"] = src.groupby("key")["n"].sum().reindex(out.index).fillna(0).astype(int)
    out["sources"] = _join_by_key(src["key"], src["dataset"] + "|" + src["file"] + "|" + src["n"].astype(str)
                                  ).reindex(out.index)
    return _typed(out.reset_index())


def _split_cells(col: pd.Series, sep: str) -> list[list[str]]:
    """Each cell of a string column split on ``sep`` (missing -> [""]), with plain str.split: pandas'
    StringDtype .str.split pays an NA check and an allocation per cell, ~10x slower on 300k places."""
    return [v.split(sep) if isinstance(v, str) else [""] for v in col.astype(object).tolist()]


def _explode(df: pd.DataFrame) -> pd.DataFrame:
    """One row per (place key, source): dataset, file, n events."""
    if df.empty:
        return pd.DataFrame({"key": [], "dataset": [], "file": [], "n": []})
    keys, dataset, file, n = [], [], [], []
    seen: dict[str, str] = {}
    for k, items in zip(df["key"].astype(object).tolist(), _split_cells(df["sources"], "; "), strict=True):
        for item in items:
            parts = item.split("|", 2)
            if len(parts) < 2:  # no file: not a source entry
                continue
            keys.append(k)
            dataset.append(seen.setdefault(parts[0], parts[0]))  # one str object per distinct name
            file.append(seen.setdefault(parts[1], parts[1]))
            n.append(parts[2] if len(parts) > 2 else None)
    counts = pd.to_numeric(pd.Series(n, dtype=object), errors="coerce").fillna(0).astype(int).to_numpy()
    return pd.DataFrame({"key": pd.Series(keys, dtype=object), "dataset": pd.Series(dataset, dtype=object),
                         "file": pd.Series(file, dtype=object), "n": counts})


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
