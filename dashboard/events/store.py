"""The event store: one GeoPackage file, layer "events", EPSG:4326, ACLED column names.

It opens in QGIS as is. Reads are filtered in GDAL/SQLite (rtree for the bbox, indexes on
`event_date`, `event_type` and `event_id_cnty`).

**Atomic writes.** An append copies the store to a temporary file in the same directory, writes
there, fsyncs, and `os.replace`s it over the store (then fsyncs the directory). A writer killed at
any moment leaves the previous store whole; the stale temporary file is removed by the next writer.
Writers take an exclusive `fcntl` lock on `<store>.lock`.

**De-duplication rule** (applied to every appended event, in this order):
1. *Same identity*: the same `event_id_cnty`, or a shared `source_id` token (`acled:MLI123`,
   `ucdp:12993`, ...) -> the same event (re-importing a file changes nothing).
2. *Same happening*: same calendar day, same `event_type`, within `MERGE_DISTANCE_M` (10 km,
   geodesic WGS84) and overlapping actors (a shared distinctive word in actor1/actor2/assoc actors
   after dropping generic words such as "forces" or "unidentified", or one word a prefix of the
   other such as "mali"/"malian"; an event with no actors at all overlaps anything) -> the same
   event. Two rows of the same curated dataset (ACLED, UCDP) are never merged by this rule: the
   dataset already separates them.
A merged event keeps the stored row's fields and id; `source`, `source_url`, `origin` and
`source_id` become "; "-joined unions of both records.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard import settings
from dashboard.errors import StoreError
from dashboard.events.schema import CRS, EVENT_COLUMNS, empty_events, stable_event_id
from dashboard.places.distance import inverse_m

LAYER = "events"
MERGE_DISTANCE_M = 10_000.0
CURATED_ORIGINS = {"acled", "ucdp"}
LIST_COLUMNS = ("source", "source_url", "origin", "source_id")
_STOP = {
    "the", "of", "and", "for", "forces", "force", "military", "group", "groups", "unidentified", "armed",
    "militia", "militias", "civilians", "protesters", "rioters", "men", "gunmen", "unknown", "national",
    "state", "people", "members", "member", "local", "army", "soldiers", "troops", "police",
}


@dataclass
class AppendResult:
    added: int
    merged: int
    total: int


def default_store_path() -> Path:
    """The user's store: $CRISISMAP_STORE, else <platformdirs user data dir>/crisismap/events.gpkg."""
    return Path(settings.store())


def open_store(location: str | Path | None = None) -> EventStore:
    """The store at `location`: a GeoPackage path (created on the first append).

    None means ``$CRISISMAP_STORE``, else ``<user data dir>/events.gpkg`` (see `dashboard.settings`).
    A ``postgresql://`` URL raises StoreError until the PostGIS backend lands; any other URL scheme
    is refused the same way (never created as a folder).
    """
    loc = settings.store() if location is None else location
    if isinstance(loc, str) and "://" in loc:
        raise StoreError(loc.split("?")[0].split("@")[-1], "only GeoPackage stores are supported by this version; "
                         "give a file path (a PostGIS store needs crisismap's PostGIS backend)")
    return EventStore(Path(loc).expanduser())


def split_list(value) -> list[str]:
    """A "; "-joined list -> its items (empty/NA -> [])."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return []
    return [v.strip() for v in str(value).split("; ") if v.strip()]


def join_lists(*values) -> str | None:
    out: list[str] = []
    for v in values:
        for item in split_list(v):
            if item not in out:
                out.append(item)
    return "; ".join(out) if out else None


def actor_tokens(*names) -> frozenset[str]:
    """Distinctive lower-case words of actor names (accents, years and generic words dropped)."""
    words: set[str] = set()
    for name in names:
        for part in split_list(name):
            s = unicodedata.normalize("NFKD", part).encode("ascii", "ignore").decode().lower()
            s = re.sub(r"\(\s*\d{4}\s*-\s*\d{0,4}\s*\)", " ", s)
            words.update(w for w in re.findall(r"[a-z0-9]+", s) if len(w) >= 3 and w not in _STOP)
    return frozenset(words)


def _gpkg_geom(blob: bytes):
    """A GeoPackage geometry blob -> shapely geometry (None if empty)."""
    import shapely

    flags = blob[3]
    if flags & 0x10:
        return None
    env = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get((flags >> 1) & 7, 0)
    g = shapely.from_wkb(bytes(blob[8 + env:]))
    return None if g.is_empty else g


def _gpkg_bound(blob, k: int):
    g = None if blob is None else _gpkg_geom(blob)
    return None if g is None else float(g.bounds[k])


def actors_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    """Empty on either side, a shared word, or one word a prefix (>= 4 letters) of the other ("mali"/"malian")."""
    if not a or not b or a & b:
        return True
    return any(len(x) >= 4 and len(y) >= 4 and (x.startswith(y) or y.startswith(x)) for x in a for y in b)


def _sql_str(v: str) -> str:
    return "'" + str(v).replace("'", "''") + "'"


def _prepare(events: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Full event schema, only schema columns, ids and source ids filled, duplicates by id merged."""
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
            for c in LIST_COLUMNS:
                ev.loc[first, c] = join_lists(*grp[c].tolist())
        merged = int((~keep).sum())
        ev = ev[keep].reset_index(drop=True)
    ev.attrs["merged_in_batch"] = merged
    return ev


class EventStore:
    """A GeoPackage event store (layer "events", EPSG:4326); created on the first append."""

    def __init__(self, path: str | Path):
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"EventStore({str(self.path)!r})"

    # ------------------------------------------------------------ reading
    def exists(self) -> bool:
        return self.path.exists() and self.path.stat().st_size > 0

    def _connect(self, path: Path | None = None, readonly: bool = True) -> sqlite3.Connection:
        p = path or self.path
        if readonly:
            return sqlite3.connect(f"file:{p}?mode=ro", uri=True)
        con = sqlite3.connect(str(p))
        # GDAL's rtree triggers call these SQL functions; plain sqlite3 must provide them.
        con.create_function("ST_IsEmpty", 1, lambda b: None if b is None else int(_gpkg_geom(b) is None), deterministic=True)
        for k, name in enumerate(("ST_MinX", "ST_MinY", "ST_MaxX", "ST_MaxY")):
            con.create_function(name, 1, lambda b, k=k: _gpkg_bound(b, k), deterministic=True)
        return con

    def count(self) -> int:
        """Number of stored events (0 when the store does not exist yet)."""
        if not self.exists():
            return 0
        with contextlib.closing(self._connect()) as con:
            return int(con.execute(f'SELECT COUNT(*) FROM "{LAYER}"').fetchone()[0])

    @staticmethod
    def where_clause(start=None, end=None, event_types=None) -> str | None:
        """SQL for a date range (inclusive days) and event types, or None."""
        parts = []
        if start is not None:
            parts.append(f"event_date >= {_sql_str(pd.Timestamp(start).strftime('%Y-%m-%d'))}")
        if end is not None:
            nxt = pd.Timestamp(end).normalize() + pd.Timedelta(days=1)
            parts.append(f"event_date < {_sql_str(nxt.strftime('%Y-%m-%d'))}")
        if event_types:
            types = [event_types] if isinstance(event_types, str) else list(event_types)
            parts.append("event_type IN (" + ", ".join(_sql_str(t) for t in types) + ")")
        return " AND ".join(parts) or None

    def read(self, *, bbox=None, start=None, end=None, event_types=None, columns=None) -> gpd.GeoDataFrame:
        """Events inside bbox=(west, south, east, north) degrees, dates [start, end] (days, inclusive)
        and of the given types, as a GeoDataFrame in the event schema (EPSG:4326)."""
        if not self.exists():
            return empty_events()
        import pyogrio

        from dashboard.sources.tabular import complete_events

        kwargs = {}
        if bbox is not None:
            kwargs["bbox"] = tuple(float(v) for v in bbox)
        where = self.where_clause(start, end, event_types)
        if where:
            kwargs["where"] = where
        df = pyogrio.read_dataframe(self.path, layer=LAYER, use_arrow=True, columns=columns, **kwargs)
        if columns is not None:
            return df
        if len(df) == 0:
            return empty_events()
        return complete_events(pd.DataFrame(df).drop(columns="geometry"))

    # ------------------------------------------------------------ writing
    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(f"{self.path}.lock", "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _tmp_path(self) -> Path:
        return self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp.gpkg")

    def append(self, events: gpd.GeoDataFrame) -> AppendResult:
        """Append events with de-duplication (see the module docstring); atomic."""
        return self.append_many([events])

    def append_many(self, chunks: Iterable[gpd.GeoDataFrame]) -> AppendResult:
        """Append several GeoDataFrames in one atomic replace (for streamed imports)."""
        added = merged = 0
        with self._lock():
            for stale in self.path.parent.glob(f".{self.path.name}.*.tmp.gpkg"):
                stale.unlink(missing_ok=True)
            tmp = self._tmp_path()
            try:
                if self.exists():
                    shutil.copyfile(self.path, tmp)
                for chunk in chunks:
                    if chunk is None or len(chunk) == 0:
                        continue
                    a, m = self._append_into(tmp, chunk)
                    added, merged = added + a, merged + m
                if not tmp.exists():
                    return AppendResult(0, merged, self.count())
                with open(tmp, "rb+") as fh:
                    os.fsync(fh.fileno())
                os.replace(tmp, self.path)
                dfd = os.open(self.path.parent, os.O_RDONLY)
                try:
                    os.fsync(dfd)
                finally:
                    os.close(dfd)
            finally:
                tmp.unlink(missing_ok=True)
        return AppendResult(added, merged, self.count())

    def _append_into(self, tmp: Path, events: gpd.GeoDataFrame) -> tuple[int, int]:
        import pyogrio

        ev = _prepare(events)
        merged = ev.attrs.get("merged_in_batch", 0)
        exists = tmp.exists() and tmp.stat().st_size > 0
        if exists and len(ev):
            match = self._match_existing(tmp, ev)
            hit = match >= 0
            if hit.any():
                self._merge_into(tmp, ev[hit], match[hit])
                merged += int(hit.sum())
                ev = ev[~hit].reset_index(drop=True)
        if len(ev) == 0:
            return 0, merged
        gdf = gpd.GeoDataFrame(ev, geometry="geometry", crs=CRS)
        pyogrio.write_dataframe(gdf, tmp, layer=LAYER, driver="GPKG", append=exists, use_arrow=True)
        if not exists:
            with contextlib.closing(self._connect(tmp, readonly=False)) as con:
                con.execute(f'CREATE INDEX IF NOT EXISTS "{LAYER}_event_date" ON "{LAYER}"(event_date)')
                con.execute(f'CREATE INDEX IF NOT EXISTS "{LAYER}_event_type" ON "{LAYER}"(event_type, event_date)')
                con.execute(f'CREATE INDEX IF NOT EXISTS "{LAYER}_event_id" ON "{LAYER}"(event_id_cnty)')
                con.commit()
        return len(ev), merged

    def _match_existing(self, tmp: Path, ev: pd.DataFrame) -> np.ndarray:
        """For each new event, the fid of the stored event it duplicates, or -1."""
        match = np.full(len(ev), -1, dtype=np.int64)
        with contextlib.closing(self._connect(tmp)) as con:
            ids = ev["event_id_cnty"].astype(str).tolist()
            found: dict[str, int] = {}
            for i in range(0, len(ids), 500):
                part = ids[i:i + 500]
                q = f'SELECT event_id_cnty, fid FROM "{LAYER}" WHERE event_id_cnty IN ({",".join("?" * len(part))})'
                found.update(dict(con.execute(q, part).fetchall()))
            match[:] = [found.get(i, -1) for i in ids]
            dates = ev["event_date"].dropna()
            if dates.empty:
                return match
            lo = (dates.min().normalize()).strftime("%Y-%m-%d")
            hi = (dates.max().normalize() + pd.Timedelta(days=1)).strftime("%Y-%m-%d")
            cols = ["fid", "event_date", "event_type", "latitude", "longitude", "actor1", "actor2",
                    "assoc_actor_1", "assoc_actor_2", "origin", "source_id"]
            old = pd.read_sql_query(
                f'SELECT {", ".join(cols)} FROM "{LAYER}" WHERE event_date >= ? AND event_date < ?', con, params=(lo, hi))
        if old.empty:
            return match
        # 1b. shared source_id tokens
        token_fid: dict[str, int] = {}
        for fid, sid in zip(old["fid"], old["source_id"], strict=True):
            for tok in split_list(sid):
                token_fid.setdefault(tok, int(fid))
        sids = ev["source_id"].to_numpy(dtype=object)
        for i in np.flatnonzero(match < 0):
            for tok in split_list(sids[i]):
                if tok in token_fid:
                    match[i] = token_fid[tok]
                    break
        # 2. same day, same type, within 10 km, overlapping actors
        todo = np.flatnonzero(match < 0)
        if len(todo) == 0:
            return match
        new = ev.iloc[todo]
        left = pd.DataFrame({
            "i": todo, "day": new["event_date"].dt.normalize().to_numpy(), "event_type": new["event_type"].to_numpy(),
            "lat": new["latitude"].to_numpy(), "lon": new["longitude"].to_numpy(), "origin": new["origin"].to_numpy(),
        }).dropna(subset=["day", "event_type", "lat", "lon"])
        old["day"] = pd.to_datetime(old["event_date"], format="ISO8601").dt.tz_localize(None).dt.normalize()
        right = old.rename(columns={"latitude": "olat", "longitude": "olon", "origin": "oorigin"})
        pairs = left.merge(right[["fid", "day", "event_type", "olat", "olon", "oorigin"]], on=["day", "event_type"])
        pairs = pairs[np.abs(pairs["lat"] - pairs["olat"]) < 0.1]
        if pairs.empty:
            return match
        dist = inverse_m(pairs["lon"].to_numpy(), pairs["lat"].to_numpy(),
                         pairs["olon"].to_numpy(), pairs["olat"].to_numpy())
        pairs = pairs.assign(dist=dist)
        pairs = pairs[pairs["dist"] <= MERGE_DISTANCE_M]
        same_curated = [o in CURATED_ORIGINS and o in split_list(oo) for o, oo in zip(pairs["origin"], pairs["oorigin"], strict=True)]
        pairs = pairs[~np.asarray(same_curated, dtype=bool)].sort_values(["i", "dist"])
        if pairs.empty:
            return match
        old_tokens = {int(r.fid): actor_tokens(r.actor1, r.actor2, r.assoc_actor_1, r.assoc_actor_2)
                      for r in old[old["fid"].isin(pairs["fid"])].itertuples()}
        for i, grp in pairs.groupby("i", sort=False):
            row = ev.iloc[int(i)]
            mine = actor_tokens(row["actor1"], row["actor2"], row["assoc_actor_1"], row["assoc_actor_2"])
            for fid in grp["fid"]:
                if actors_overlap(mine, old_tokens[int(fid)]):
                    match[int(i)] = int(fid)
                    break
        return match

    def _merge_into(self, tmp: Path, new: pd.DataFrame, fids: np.ndarray) -> None:
        """Union the provenance lists of `new` rows into the stored rows `fids`."""
        with contextlib.closing(self._connect(tmp, readonly=False)) as con:
            cols = ", ".join(LIST_COLUMNS)
            state: dict[int, tuple[list, list]] = {}
            for (_, row), fid in zip(new.iterrows(), fids, strict=True):
                fid = int(fid)
                if fid not in state:
                    cur = list(con.execute(f'SELECT {cols} FROM "{LAYER}" WHERE fid = ?', (fid,)).fetchone())
                    state[fid] = (cur, list(cur))
                vals = state[fid][1]
                for k, c in enumerate(LIST_COLUMNS):
                    vals[k] = join_lists(vals[k], row[c])
            updates = [(*vals, fid) for fid, (cur, vals) in state.items() if vals != cur]
            if updates:
                sets = ", ".join(f"{c} = ?" for c in LIST_COLUMNS)
                con.executemany(f'UPDATE "{LAYER}" SET {sets} WHERE fid = ?', updates)
            con.commit()

    # ------------------------------------------------------------ learned places
    def read_places(self) -> pd.DataFrame:
        """The learned places layer ("places"; see ``dashboard.places.learned``) as a DataFrame with columns
        key, name, alternates, country_code, admin1, admin2, latitude, longitude (degrees WGS84),
        geo_precision, events, sources; empty when the store or the layer does not exist."""
        from dashboard.places.learned import PLACE_COLUMNS, _typed

        empty = _typed(pd.DataFrame(columns=PLACE_COLUMNS))
        if not self.exists():
            return empty
        with contextlib.closing(self._connect()) as con:
            found = con.execute("SELECT 1 FROM gpkg_contents WHERE table_name = 'places'").fetchone()
        if not found:
            return empty
        import pyogrio

        df = pyogrio.read_dataframe(self.path, layer="places", read_geometry=False, use_arrow=True)
        return _typed(pd.DataFrame(df))

    def replace_places(self, df: pd.DataFrame) -> None:
        """Replace the whole learned places layer with ``df`` (columns as in ``read_places``), atomically:
        written into a copy of the store, fsynced, then renamed over it (same lock as appends)."""
        import pyogrio

        from dashboard.places.learned import PLACE_COLUMNS, _typed

        df = _typed(pd.DataFrame(df)[PLACE_COLUMNS])
        gdf = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["longitude"], df["latitude"]), crs=CRS)
        with self._lock():
            tmp = self._tmp_path()
            try:
                if self.exists():
                    shutil.copyfile(self.path, tmp)
                pyogrio.write_dataframe(gdf, tmp, layer="places", driver="GPKG", append=False,
                                        layer_options={"OVERWRITE": "YES"})
                with open(tmp, "rb+") as fh:
                    os.fsync(fh.fileno())
                os.replace(tmp, self.path)
            finally:
                tmp.unlink(missing_ok=True)
