"""The event store: one interface, two backends, picked by `open_store(url_or_path)`.

- a path -> `GeoPackageStore` (default, embedded): one GeoPackage file, layer "events", EPSG:4326,
  ACLED column names; it opens in QGIS as is (learned places are its "places" layer).
- `postgresql://user:pass@host:port/db` -> `dashboard.events.postgis.PostgisStore`: the same schema in
  a PostGIS table, for a team writing to one store from several machines.

Both apply the same de-duplication and provenance rules (`dashboard.events.dedup`,
`dashboard.events.provenance`): the generic `Store.append_many` drives a backend's small set of
primitives (`_lookup`, `_origins`, `_candidates`, `_fetch`, `_update`, `_insert`) inside its
`_writing()` transaction.

**GeoPackage atomic writes.** An append copies the store to a temporary file in the same directory,
writes there, fsyncs, and `os.replace`s it over the store (then fsyncs the directory). A writer killed
at any moment, or a full disk, leaves the previous store whole; the stale temporary file is removed by
the next writer. Writers take an exclusive `fcntl` lock on `<store>.lock`.

**Faults.** Anything that stops the store being opened, read or written (a text file named .gpkg, a
folder, a read-only folder, a full disk, an unreachable server) raises `StoreError` naming the store
and the cause in one line; the CLI exits 2 with it and the page shows it as a plain message.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard import memory, settings
from dashboard.errors import StoreError
from dashboard.events.dedup import (
    CANDIDATE_COLUMNS,
    LIST_COLUMNS,
    MERGE_DISTANCE_M,  # noqa: F401  (re-exported)
    actor_tokens,  # noqa: F401  (re-exported)
    candidate_origins,
    day_range,
    match_happening,
    match_identity,
    prepare,
)
from dashboard.events.provenance import join_lists, merge_sources, split_list  # noqa: F401
from dashboard.events.schema import CRS, EVENT_COLUMNS, empty_events

LAYER = "events"
PLACES_LAYER = "places"
KEYS_TABLE = "event_keys"
#: the columns of the learned-places layer (contract with dashboard/places/learned.py)
PLACE_COLUMNS = ["key", "name", "alternates", "country_code", "admin1", "admin2", "latitude", "longitude",
                 "geo_precision", "events", "sources"]
#: stored-row columns needed to merge provenance into it
MERGE_COLUMNS = ["event_id_cnty", "event_date", "source", "source_url", "origin", "source_id", "source_date",
                 "evidence", "evidence_start", "evidence_end", "location", "tags", "sources", "linked_ids"]
_SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass
class AppendResult:
    """What an append did: rows added as new events, rows merged into stored events, rows linked to
    events of another curated dataset, the store's total, and (when asked) one record per merged row."""

    added: int
    merged: int
    total: int
    linked: int = 0
    joins: list[dict] = field(default_factory=list)
    #: learned places, when the append was asked to learn them: {"from_files": n, "total": n}
    places: dict | None = None


def typed_places(df: pd.DataFrame) -> pd.DataFrame:
    """The learned-places frame with the dtypes `dashboard.places.learned` gives it (when present)."""
    df = pd.DataFrame(df)
    for c in PLACE_COLUMNS:
        if c not in df.columns:
            df[c] = pd.Series(dtype=object)
    df = df[PLACE_COLUMNS]
    try:
        from dashboard.places.learned import _typed
    except ImportError:
        return df
    return _typed(df)


def default_store_path() -> Path:
    """The user's GeoPackage store path ($CRISISMAP_STORE when it is a path; see settings.store)."""
    return Path(settings.store())


def is_url(location: str | Path) -> bool:
    return isinstance(location, str) and location.lower().startswith(("postgresql://", "postgres://"))


def open_store(location: str | Path | None = None) -> Store:
    """The store at `location`: a GeoPackage path, or a ``postgresql://user:pass@host:port/db`` URL.

    None means ``$CRISISMAP_STORE``, else ``<user data dir>/events.gpkg`` (see `dashboard.settings`).
    Any other URL scheme is refused (StoreError), never created as a folder.
    """
    loc = settings.store() if location is None else location
    if isinstance(loc, str) and "://" in loc:
        if is_url(loc):
            from dashboard.events.postgis import PostgisStore

            return PostgisStore(loc)
        raise StoreError(loc.split("?")[0], "unsupported store URL; give a GeoPackage path or postgresql://user:pass@host:port/db")
    return GeoPackageStore(Path(loc).expanduser())


def source_tokens(source_id: pd.Series) -> list[str]:
    """Every distinct token of a "; "-joined source_id column (split once per distinct value)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(source_id.dropna().astype(object).tolist(), type=pa.string())
    items = pc.utf8_trim_whitespace(pc.list_flatten(pc.split_pattern(arr, "; ")))
    out = set(pc.unique(items).to_pylist())
    out.discard("")
    return sorted(out)


def prefetch(chunks: Iterable, depth: int = 1) -> Iterator:
    """Iterate `chunks` in a background thread, `depth` ahead, so reading the next batch of a file
    overlaps de-duplicating and writing this one (parsing and GDAL/SQLite release the GIL).
    An exception in the producer is raised here, in the consumer."""
    import queue
    import threading

    q: queue.Queue = queue.Queue(maxsize=depth)
    done = object()
    stop = threading.Event()

    def run() -> None:
        try:
            for c in chunks:
                while not stop.is_set():
                    try:
                        q.put(("item", c), timeout=0.2)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            q.put(("end", done))
        except BaseException as exc:  # handed to the consumer, which raises it
            q.put(("error", exc))

    t = threading.Thread(target=run, name="crisismap-prefetch", daemon=True)
    t.start()
    try:
        while True:
            kind, value = q.get()
            if kind == "item":
                yield value
            elif kind == "error":
                raise value
            else:
                return
    finally:
        stop.set()


class _HashSet:
    """A growing set of strings held as sorted 64-bit hashes (8 bytes each, not a str object each):
    `hits` gives the queried strings that may be in it (a hash collision is possible, so callers
    confirm hits against the store)."""

    def __init__(self) -> None:
        self._parts: list[np.ndarray] = []

    @staticmethod
    def _hash(values: list[str]) -> np.ndarray:
        return np.fromiter(map(hash, values), dtype=np.int64, count=len(values))  # this process's str hash

    def add(self, values: list[str]) -> None:
        if not values:
            return
        self._parts.append(np.sort(self._hash(values)))
        # runs of growing size (merged while the newest is at least half the one before): O(log n) runs
        while len(self._parts) > 1 and len(self._parts[-1]) * 2 >= len(self._parts[-2]):
            last = self._parts.pop()
            self._parts[-1] = np.sort(np.concatenate([self._parts[-1], last]), kind="mergesort")

    def hits(self, values: list[str]) -> list[str]:
        if not values or not self._parts:
            return []
        h = self._hash(values)
        order = np.argsort(h, kind="stable")
        hs = h[order]  # sorted queries walk each run in order (cache-friendly)
        found = np.zeros(len(h), dtype=bool)
        for part in self._parts:
            i = np.minimum(np.searchsorted(part, hs), len(part) - 1)
            found[order[part[i] == hs]] = True
        if not found.any():
            return []
        return [values[k] for k in np.flatnonzero(found).tolist()]


@dataclass
class PlaceFeed:
    """The learned places an import hands to `Store.append_many`: `pending()` gives (and forgets) the
    places frames read so far (`dashboard.places.learned.places_from_events`, one per chunk); `files`
    are the names of the imported files, whose earlier counts the import replaces."""

    pending: Callable[[], list[pd.DataFrame]]
    files: tuple[str, ...] = ()


class _Learning:
    """Learned places merged chunk by chunk inside an append's transaction (see `Store.append_many`).

    Each chunk reads the stored places it touches (by key), drops from them the imported files'
    earlier counts (a re-import replaces them; once per place), adds its own and writes them back.
    At the end, places the files named before but no longer name lose those counts. Memory stays
    one chunk's places, whatever the size of the file or of the layer."""

    def __init__(self, w, feed: PlaceFeed) -> None:
        self.w, self.feed = w, feed
        # the imported files the layer already knows (a re-import): only their counts need replacing
        self.files = sorted(f for f in set(feed.files) if w._places_name_file(f))
        self.started = False
        self.keys = _HashSet()  # places this import has written (their earlier counts already dropped)
        self.count = 0

    def _clean(self, old: pd.DataFrame) -> pd.DataFrame:
        """`old` with the imported files' earlier counts dropped from places not cleaned before."""
        from dashboard.places.learned import merge_places

        if old.empty or not self.files:
            return old
        keys = old["key"].astype(str).tolist()
        done = set(self.keys.hits(keys))
        fresh = np.fromiter((k not in done for k in keys), dtype=bool, count=len(keys))
        if not fresh.any():
            return old
        cleaned = merge_places(old[fresh], None, replace_files=self.files)
        return pd.concat([cleaned, old[~fresh]], ignore_index=True)

    def step(self) -> None:
        from dashboard.places.learned import add_places, combine_places

        frames = [f for f in self.feed.pending() if f is not None and len(f)]
        if not frames or not self.w._has_events():
            return
        self.started = True
        new = combine_places(frames)
        keys = new["key"].astype(str).tolist()
        self.count += len(keys) - len(self.keys.hits(keys))
        old = self.w._places_touching(keys)
        self.w._put_places(old, add_places(self._clean(old), new))
        self.keys.add(keys)

    def finish(self) -> dict | None:
        self.step()
        if not self.started:
            return None
        if self.files:  # places these files named before and name no more: keys first (a re-import of
            # a big file names most places again), then only the rows no chunk has rewritten
            keys = self.w._place_keys_naming(self.files)
            done = set(self.keys.hits(keys))
            left = [k for k in keys if k not in done]
            old = self.w._places_touching(left) if left else None
            if old is not None and len(old):
                self.w._put_places(old, self._clean(old))
        return {"from_files": self.count, "total": self.w._places_count()}


class Store:
    """The store interface. Coordinates WGS84 degrees (EPSG:4326); radii km; dates inclusive days."""

    location: str

    # ---------------------------------------------------------------- reading
    def exists(self) -> bool:
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError

    def version(self) -> str:
        """Changes whenever the stored events change (a cache key for the page)."""
        raise NotImplementedError

    def read(self, *, bbox=None, start=None, end=None, event_types=None, near=None,
             columns=None) -> gpd.GeoDataFrame:
        """Events inside bbox=(west, south, east, north) degrees, dates [start, end] (days, inclusive),
        of the given types and within near=(lat, lon, radius_km) (geodesic), in the event schema."""
        raise NotImplementedError

    def read_places(self) -> pd.DataFrame:
        """The learned places (PLACE_COLUMNS; empty frame when none were learned)."""
        raise NotImplementedError

    def replace_places(self, df: pd.DataFrame) -> None:
        """Replace the whole learned-places layer with `df` (PLACE_COLUMNS), atomically."""
        raise NotImplementedError

    def update_places(self, merge) -> pd.DataFrame:
        """Read the learned places, `merge(current) -> new` them and replace the layer, all under the
        writers' lock (one transaction on PostGIS), so two analysts importing at once both keep what
        they taught. Returns the new layer."""
        raise NotImplementedError

    def describe(self) -> str:
        """The store for people (a path, or a URL without its password)."""
        return self.location

    # ---------------------------------------------------------------- writing
    def append(self, events: gpd.GeoDataFrame, *, joins: bool = False) -> AppendResult:
        """Append events with de-duplication and provenance (see dashboard.events.dedup); atomic."""
        return self.append_many([events], joins=joins)

    def append_many(self, chunks: Iterable[gpd.GeoDataFrame], *, joins: bool = False,
                    places: PlaceFeed | None = None) -> AppendResult:
        """Append several chunks in one atomic update (streamed imports); `joins=True` lists, for each
        merged row, the stored event it joined. With `places` (a :class:`PlaceFeed`), the learned places
        of the chunks are merged into the places layer as they come, in the same transaction: the
        events and the places they teach land together or not at all."""
        added = merged = linked = 0
        join_list: list[dict] = []
        with self._writing() as w:
            stored_origins = w._origins()
            # into an empty store, the only events to match are this append's own: their ids and source
            # ids are kept in memory (as 64-bit hashes, confirmed by SQL on a hit) instead of asked of
            # the database chunk by chunk
            fresh = not stored_origins
            if fresh:  # a bulk load: the B-tree indexes are built once at the end (or when first needed)
                w._defer_indexes()
            mine = _HashSet()
            keyed = False  # merged rows' source-id tokens went into the keys table (asked of SQL)
            learning = _Learning(w, places) if places is not None else None
            for chunk in prefetch(chunks):
                if chunk is None or len(chunk) == 0:
                    continue
                ev = prepare(chunk)
                merged += ev.attrs.get("merged_in_batch", 0)
                if stored_origins:
                    ids = ev["event_id_cnty"].to_numpy(dtype=object, na_value="").tolist()
                    tokens = source_tokens(ev["source_id"])
                    if fresh:
                        maybe_ids, maybe_tokens = mine.hits(ids), (tokens if keyed else mine.hits(tokens))
                        found_ids, found_tokens = {}, {}
                        if maybe_ids or maybe_tokens:
                            w._ensure_indexes()
                            found_ids, found_tokens = w._lookup(maybe_ids, maybe_tokens)
                    else:
                        found_ids, found_tokens = w._lookup(ids, tokens)
                else:
                    found_ids, found_tokens = {}, {}
                m = match_identity(ev, found_ids, found_tokens)
                todo = np.flatnonzero(m.target == None)  # noqa: E711
                if len(todo) and stored_origins:
                    wanted = candidate_origins(ev["origin"].iloc[todo], stored_origins)
                    rng = day_range(ev.iloc[todo])
                    if rng and (wanted is None or wanted):
                        types = sorted(ev["event_type"].iloc[todo].dropna().astype(str).unique())
                        w._ensure_indexes()
                        old = w._candidates(rng[0], rng[1], types, wanted)
                        match_happening(ev, todo, old, m)
                hit = np.flatnonzero(m.target != None)  # noqa: E711
                if len(hit) or m.links:
                    w._ensure_indexes()
                keyed |= self._apply_merges(w, ev, m, hit)
                linked += len(m.links)
                new = ev.iloc[np.flatnonzero(m.target == None)]  # noqa: E711
                if len(new):
                    w._insert(new)
                    stored_origins |= set(pd.unique(new["origin"].dropna().astype(object)))
                    if fresh:
                        mine.add(new["event_id_cnty"].astype(object).tolist())
                        mine.add(new["source_id"].dropna().astype(object).tolist())
                added += len(new)
                merged += len(hit)
                if joins:
                    ids_arr = ev["event_id_cnty"].astype(str).to_numpy()
                    sids = ev["source_id"].astype(object).to_numpy()
                    join_list += [{"event_id_cnty": ids_arr[i], "source_id": sids[i], "joined": m.target[i],
                                   "rule": m.rule[i]} for i in hit]
                    join_list += [{"event_id_cnty": ids_arr[i], "source_id": sids[i], "linked": ls}
                                  for i, ls in m.links.items()]
                if learning is not None:
                    learning.step()
                del ev, new, m
                memory.trim()  # this chunk's frames are gone: give their pages back before the next
            w._ensure_indexes()
            total = w._count()
            learned = learning.finish() if learning is not None else None
        return AppendResult(added, merged, total, linked, join_list, learned)

    @staticmethod
    def _apply_merges(w, ev: pd.DataFrame, m, hit: np.ndarray) -> bool:
        """Union provenance of merged rows into their stored events; write links both ways. True when
        source-id tokens were added to the keys table."""
        if len(hit) == 0 and not m.links:
            return False
        hit = Store._drop_exact_repeats(w, ev, m, hit)
        if len(hit) == 0 and not m.links:
            return False
        link_targets = {e for ls in m.links.values() for e in ls}
        eids = sorted(set(m.target[hit]) | link_targets)
        cur = w._fetch(eids)  # eid -> dict of MERGE_COLUMNS
        changed: dict[str, dict] = {}
        by_target: dict[str, list[int]] = {}
        for i in hit:
            by_target.setdefault(m.target[i], []).append(int(i))
        ids_arr = ev["event_id_cnty"].astype(str).to_numpy()
        new_keys: list[tuple[str, str]] = []
        for eid, rows in by_target.items():
            if eid not in cur:
                continue
            stored = cur[eid]
            new_rows = [ev.iloc[i].to_dict() for i in rows]
            upd = {c: join_lists(stored.get(c), *[r.get(c) for r in new_rows]) for c in LIST_COLUMNS}
            srcs = merge_sources(stored, new_rows)
            if len(json.loads(srcs)) > 1:
                upd["sources"] = srcs
            upd["linked_ids"] = join_lists(stored.get("linked_ids"), *[r.get("linked_ids") for r in new_rows])
            if any(upd.get(c) != stored.get(c) for c in upd):
                stored.update(upd)
                changed[eid] = stored
            new_keys += [(t, eid) for r in new_rows for t in split_list(r.get("source_id"))]
        for i, ls in m.links.items():
            me = m.target[i] if m.target[i] is not None else ids_arr[i]
            if m.target[i] is None:
                ev.iat[i, ev.columns.get_loc("linked_ids")] = join_lists(ev.iat[i, ev.columns.get_loc("linked_ids")], *ls)
            elif me in cur:
                cur[me]["linked_ids"] = join_lists(cur[me].get("linked_ids"), *ls)
                changed[me] = cur[me]
            for e in ls:
                if e in cur and e != me:
                    cur[e]["linked_ids"] = join_lists(cur[e].get("linked_ids"), me)
                    changed[e] = cur[e]
        if changed:
            w._update(list(changed.values()))
        if new_keys:
            w._add_keys(new_keys)
        return bool(new_keys)

    @staticmethod
    def _drop_exact_repeats(w, ev: pd.DataFrame, m, hit: np.ndarray) -> np.ndarray:
        """The merged rows minus those that repeat their stored event exactly (same id, same source
        lists, nothing new): a re-imported file costs one set query, not a row-by-row merge."""
        same = hit[m.rule[hit] == "same id"]
        if len(same) == 0:
            return hit
        cols = [*LIST_COLUMNS, "sources", "linked_ids"]
        stored = w._fetch_frame(list(dict.fromkeys(m.target[same])), cols)
        stored = stored.drop_duplicates("event_id_cnty").set_index("event_id_cnty").reindex(m.target[same])
        new = ev.iloc[same]
        eq = new["sources"].isna().to_numpy() & new["linked_ids"].isna().to_numpy()
        for c in LIST_COLUMNS:
            a = new[c].astype(object).where(new[c].notna(), "").to_numpy()
            b = stored[c].astype(object).where(stored[c].notna(), "").to_numpy()
            eq &= a == b
        return np.setdiff1d(hit, same[eq])

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Store]:
        raise NotImplementedError
        yield self


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


def _gpkg_points(lon: np.ndarray, lat: np.ndarray, srs_id: int = 4326) -> list[bytes | None]:
    """GeoPackage geometry blobs of points (degrees; header without envelope + little-endian WKB),
    built in one numpy pass; None where a coordinate is missing."""
    rec = np.zeros(len(lon), dtype=[("magic", "S2"), ("ver", "u1"), ("flags", "u1"), ("srs", "<i4"),
                                     ("order", "u1"), ("type", "<u4"), ("x", "<f8"), ("y", "<f8")])
    rec["magic"], rec["flags"], rec["srs"], rec["order"], rec["type"] = b"GP", 1, srs_id, 1, 1
    rec["x"], rec["y"] = lon, lat
    buf, size = rec.tobytes(), rec.dtype.itemsize
    ok = (np.isfinite(lon) & np.isfinite(lat)).tolist()
    return [buf[i * size:(i + 1) * size] if good else None for i, good in enumerate(ok)]


def _sql_values(col: pd.Series) -> list:
    """A column as plain Python values for sqlite3 (None where missing; numpy scalars unboxed)."""
    if pd.api.types.is_float_dtype(col.dtype) and not isinstance(col.dtype, pd.api.extensions.ExtensionDtype):
        vals = col.to_numpy(dtype=float)
        return [None if v != v else v for v in vals.tolist()]
    return col.astype(object).where(col.notna(), None).tolist()


def _sql_str(v: str) -> str:
    return "'" + str(v).replace("'", "''") + "'"


def _os_cause(exc: BaseException) -> str:
    """A short cause for people: "disk full", "permission denied", ... (never a traceback)."""
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
            return "disk full (no space left on device)"
        if exc.errno in (errno.EACCES, errno.EPERM):
            return "permission denied"
        if exc.errno == errno.EROFS:
            return "read-only file system"
        return (exc.strerror or str(exc)).lower()
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    low = text.lower()
    if "disk is full" in low or "no space left" in low:
        return "disk full (no space left on device)"
    if "readonly" in low or "read-only" in low:
        return "read-only"
    return text


def _nearly_full(folder: Path, margin: int = 1 << 20) -> bool:
    """True when the file system holding `folder` has less than `margin` bytes (1 MiB) free."""
    try:
        st = os.statvfs(folder)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < margin


def sqlite_where(start=None, end=None, event_types=None) -> str | None:
    """SQL (SQLite/GDAL dialect) for a date range (inclusive days) and event types, or None."""
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


def near_bbox(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """A (west, south, east, north) degree box holding every point within radius_km (geodesic) of (lat, lon)."""
    dlat = radius_km / 110.5 + 0.01
    coslat = max(np.cos(np.radians(min(abs(lat) + dlat, 89.9))), 1e-6)
    dlon = min(radius_km / (111.32 * coslat) + 0.01, 180.0)
    return max(lon - dlon, -180.0), max(lat - dlat, -90.0), min(lon + dlon, 180.0), min(lat + dlat, 90.0)


class GeoPackageStore(Store):
    """A GeoPackage event store (layer "events", EPSG:4326); created on the first append."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.location = str(self.path)

    def __repr__(self) -> str:
        return f"GeoPackageStore({str(self.path)!r})"

    # ------------------------------------------------------------ checks
    def check(self) -> None:
        """Raise StoreError when the path cannot be a store (a folder, a non-SQLite file, no events layer)."""
        p = self.path
        if p.is_dir():
            raise StoreError(str(p), "is a folder, not a GeoPackage file; give a file name such as events.gpkg")
        if not p.exists():
            if p.parent.exists() and not p.parent.is_dir():
                raise StoreError(str(p), f"{p.parent} is a file, not a folder")
            return
        try:
            with open(p, "rb") as fh:
                head = fh.read(16)
        except OSError as exc:
            raise StoreError(str(p), f"cannot read: {_os_cause(exc)}") from None
        if head and head != _SQLITE_MAGIC:
            raise StoreError(str(p), "not a GeoPackage (the file is not an SQLite database)")
        if head:
            try:
                with contextlib.closing(sqlite3.connect(f"file:{p}?mode=ro", uri=True)) as con:
                    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            except sqlite3.Error as exc:
                raise StoreError(str(p), f"cannot read the GeoPackage: {_os_cause(exc)}") from None
            if LAYER not in tables:
                raise StoreError(str(p), f"a GeoPackage without an {LAYER!r} layer; not a crisismap store")

    def exists(self) -> bool:
        self.check()
        return self.path.is_file() and self.path.stat().st_size > 0

    def version(self) -> str:
        return str(self.path.stat().st_mtime_ns) if self.exists() else "0"

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
        try:
            with contextlib.closing(self._connect()) as con:
                return int(con.execute(f'SELECT COUNT(*) FROM "{LAYER}"').fetchone()[0])
        except sqlite3.Error as exc:
            raise StoreError(str(self.path), f"cannot read: {_os_cause(exc)}") from None

    where_clause = staticmethod(sqlite_where)

    def read(self, *, bbox=None, start=None, end=None, event_types=None, near=None, columns=None) -> gpd.GeoDataFrame:
        if not self.exists():
            return empty_events()
        import pyogrio

        from dashboard.sources.tabular import complete_events

        kwargs = {}
        box = tuple(float(v) for v in bbox) if bbox is not None else None
        if near is not None:
            nb = near_bbox(*near)
            box = nb if box is None else (max(box[0], nb[0]), max(box[1], nb[1]), min(box[2], nb[2]), min(box[3], nb[3]))
            if box[0] > box[2] or box[1] > box[3]:
                return empty_events()
        if box is not None:
            kwargs["bbox"] = box
        where = sqlite_where(start, end, event_types)
        if where:
            kwargs["where"] = where
        try:
            df = pyogrio.read_dataframe(self.path, layer=LAYER, use_arrow=True, columns=columns, **kwargs)
        except Exception as exc:  # pyogrio raises its own DataSourceError/DataLayerError family
            raise StoreError(str(self.path), f"cannot read the events layer: {_os_cause(exc)}") from None
        if near is not None and len(df):
            from dashboard.places.distance import inverse_m

            d = inverse_m(np.full(len(df), near[1]), np.full(len(df), near[0]),
                          df["longitude"].to_numpy(dtype=float), df["latitude"].to_numpy(dtype=float))
            df = df[d <= near[2] * 1000.0]
        if columns is not None:
            return df
        if len(df) == 0:
            return empty_events()
        return complete_events(pd.DataFrame(df).drop(columns="geometry"))

    # ------------------------------------------------------------ learned places
    def read_places(self) -> pd.DataFrame:
        if not self.exists():
            return typed_places(pd.DataFrame(columns=PLACE_COLUMNS))
        with contextlib.closing(self._connect()) as con:
            has = con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (PLACES_LAYER,)).fetchone()
            if not has:
                return typed_places(pd.DataFrame(columns=PLACE_COLUMNS))
            return typed_places(pd.read_sql_query(f'SELECT {", ".join(PLACE_COLUMNS)} FROM "{PLACES_LAYER}"', con))

    def update_places(self, merge) -> pd.DataFrame:
        return self._replace_places(lambda: merge(self.read_places()))

    def replace_places(self, df: pd.DataFrame) -> None:
        self._replace_places(lambda: df)

    def _replace_places(self, make) -> pd.DataFrame:
        """Write make()'s frame as the places layer; make() runs under the writers' lock."""
        with self._writing() as w:
            df = make()
            missing = [c for c in PLACE_COLUMNS if c not in df.columns]
            if missing:
                raise ValueError(f"replace_places: missing columns {missing}")
            df = pd.DataFrame(df)[PLACE_COLUMNS].reset_index(drop=True)
            if not w._has_events():
                w._insert(prepare(empty_events()))
            w._new_places_layer(df)
        return df

    # ------------------------------------------------------------ writing
    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        self.check()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fh = open(f"{self.path}.lock", "a+")
        except OSError as exc:
            raise StoreError(str(self.path), f"cannot write in the folder {self.path.parent}: {_os_cause(exc)}") from None
        with fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _tmp_path(self) -> Path:
        return self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp.gpkg")

    @contextlib.contextmanager
    def _writing(self) -> Iterator[_GpkgWriter]:
        from dashboard.errors import CrisismapError

        with self._lock():
            for stale in self.path.parent.glob(f".{self.path.name}.*.tmp.gpkg"):
                stale.unlink(missing_ok=True)
            tmp = self._tmp_path()
            try:
                try:
                    if self.exists():
                        shutil.copyfile(self.path, tmp)
                    w = _GpkgWriter(self, tmp)
                    yield w
                    w.close()
                    if not tmp.exists():
                        return
                    with open(tmp, "rb+") as fh:
                        os.fsync(fh.fileno())
                    os.replace(tmp, self.path)
                    dfd = os.open(self.path.parent, os.O_RDONLY)
                    try:
                        os.fsync(dfd)
                    finally:
                        os.close(dfd)
                except CrisismapError:
                    raise
                except (OSError, sqlite3.Error) as exc:
                    raise StoreError(str(self.path), f"cannot write: {_os_cause(exc)}; the store is unchanged") from None
                except Exception as exc:
                    if type(exc).__module__.startswith("pyogrio"):
                        # GDAL's message rarely says why; a nearly full file system does
                        cause = "disk full (no space left on device)" if _nearly_full(self.path.parent) else _os_cause(exc)
                        raise StoreError(str(self.path), f"cannot write: {cause}; the store is unchanged") from None
                    raise
            finally:
                tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def _gdal_bulk_options() -> Iterator[None]:
    """GDAL's SQLite settings for writing the temporary copy (no fsync, journal in memory, big cache)."""
    import pyogrio

    opts = {"OGR_SQLITE_SYNCHRONOUS": "OFF", "OGR_SQLITE_JOURNAL": "MEMORY", "OGR_SQLITE_CACHE": "64"}
    old = {k: pyogrio.get_gdal_config_option(k) for k in opts}
    pyogrio.set_gdal_config_options(opts)
    # GDAL writes "ERROR 1: ..." lines straight to fd 2 when a commit fails (a full disk): a fault must
    # end in our one line, so its own chatter goes to a buffer, replayed only when the write succeeds
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as buf:
        os.dup2(buf.fileno(), 2)
        ok = False
        try:
            yield
            ok = True
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            pyogrio.set_gdal_config_options(old)
            if ok:
                buf.seek(0)
                text = buf.read().decode("utf-8", "replace").strip()
                if text:
                    print(text, file=sys.stderr)


class _GpkgWriter:
    """The backend primitives on the temporary copy of a GeoPackage store."""

    def __init__(self, store: GeoPackageStore, tmp: Path):
        self.store, self.tmp = store, tmp
        self.con: sqlite3.Connection | None = None
        self._deferred = False  # B-tree indexes not built yet (a bulk load into a new layer)
        if tmp.exists():
            self._migrate()

    def _defer_indexes(self) -> None:
        """Build the events layer's B-tree indexes once after a bulk load, not row by row during it
        (a new layer only; `_ensure_indexes` builds them, at the latest when the append ends)."""
        if not self._has_events():
            self._deferred = True

    def _ensure_indexes(self) -> None:
        if self._deferred and self._has_events():
            self._deferred = False
            con = self._db()
            self._indexes(con)
            con.commit()

    def _db(self) -> sqlite3.Connection:
        if self.con is None:
            self.con = self.store._connect(self.tmp, readonly=False)
            # the temporary copy is fsynced once and renamed at the end: no journal sync needed here
            self.con.execute("PRAGMA synchronous = OFF")
            self.con.execute("PRAGMA journal_mode = MEMORY")
            self.con.execute("PRAGMA cache_size = -32768")  # 32 MiB
        return self.con

    def close(self) -> None:
        if self.con is not None:
            self.con.commit()
            self.con.close()
            self.con = None

    def _has_events(self) -> bool:
        return self.tmp.exists() and self.tmp.stat().st_size > 0

    def _migrate(self) -> None:
        """Bring an older store up to the current schema (new columns, indexes, the keys table)."""
        con = self._db()
        have = {r[1] for r in con.execute(f'PRAGMA table_info("{LAYER}")')}
        for c in ("sources", "linked_ids"):
            if have and c not in have:
                con.execute(f'ALTER TABLE "{LAYER}" ADD COLUMN "{c}" TEXT')
        self._indexes(con)
        con.commit()

    @staticmethod
    def _indexes(con: sqlite3.Connection) -> None:
        con.execute(f'CREATE INDEX IF NOT EXISTS "{LAYER}_event_date" ON "{LAYER}"(event_date)')
        con.execute(f'CREATE INDEX IF NOT EXISTS "{LAYER}_event_type" ON "{LAYER}"(event_type, event_date)')
        con.execute(f'CREATE INDEX IF NOT EXISTS "{LAYER}_event_id" ON "{LAYER}"(event_id_cnty)')
        con.execute(f'CREATE INDEX IF NOT EXISTS "{LAYER}_source_id" ON "{LAYER}"(source_id)')
        con.execute(f'CREATE INDEX IF NOT EXISTS "{LAYER}_origin" ON "{LAYER}"(origin, event_date)')
        # source-id tokens of merged events -> their event; a GeoPackage attributes table (spec 2.4)
        con.execute(f'CREATE TABLE IF NOT EXISTS "{KEYS_TABLE}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, '
                    'key TEXT NOT NULL UNIQUE, event_id TEXT NOT NULL)')
        con.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) "
                    "VALUES (?, 'attributes', ?, 'crisismap: source ids of merged events and the event they joined')",
                    (KEYS_TABLE, KEYS_TABLE))

    def _count(self) -> int:
        if not self._has_events():
            return 0
        return int(self._db().execute(f'SELECT COUNT(*) FROM "{LAYER}"').fetchone()[0])

    def _origins(self) -> set[str]:
        if not self._has_events():
            return set()
        return {r[0] if r[0] is not None else "manual" for r in self._db().execute(f'SELECT DISTINCT origin FROM "{LAYER}"')}

    def _lookup(self, ids: list[str], tokens: list[str]) -> tuple[dict[str, str], dict[str, str]]:
        con = self._db()
        self._keys_table(ids)
        found_ids = {e: e for (e,) in con.execute(f'SELECT e.event_id_cnty FROM "{LAYER}" e JOIN q_ids q ON e.event_id_cnty = q.k')}
        self._keys_table(tokens)
        found_tok = dict(con.execute(f'SELECT e.source_id, e.event_id_cnty FROM "{LAYER}" e JOIN q_ids q ON e.source_id = q.k'))
        found_tok.update(con.execute(f'SELECT k.key, k.event_id FROM "{KEYS_TABLE}" k JOIN q_ids q ON k.key = q.k'))
        return found_ids, found_tok

    def _candidates(self, lo: str, hi: str, types: list[str], origins: set[str] | None) -> pd.DataFrame:
        q = (f'SELECT {", ".join(CANDIDATE_COLUMNS)} FROM "{LAYER}" WHERE event_date >= ? AND event_date < ? '
             f'AND event_type IN ({",".join("?" * len(types))})')
        params: list = [lo, hi, *types]
        if origins is not None:
            q += f' AND origin IN ({",".join("?" * len(origins))})'
            params += sorted(origins)
        return pd.read_sql_query(q, self._db(), params=params)

    def _fetch(self, eids: list[str]) -> dict[str, dict]:
        con = self._db()
        out: dict[str, dict] = {}
        for k in range(0, len(eids), 500):
            part = eids[k:k + 500]
            df = pd.read_sql_query(f'SELECT {", ".join(MERGE_COLUMNS)} FROM "{LAYER}" WHERE event_id_cnty IN '
                                   f'({",".join("?" * len(part))})', con, params=part)
            for r in df.to_dict("records"):
                out[r["event_id_cnty"]] = {c: (None if (v is None or (isinstance(v, float) and np.isnan(v))) else v)
                                           for c, v in r.items()}
        return out

    def _fetch_frame(self, eids: list[str], cols: list[str]) -> pd.DataFrame:
        con = self._db()
        self._keys_table(eids)
        sel = ", ".join(f"e.{c}" for c in ["event_id_cnty", *cols])
        return pd.read_sql_query(f'SELECT {sel} FROM "{LAYER}" e JOIN q_ids q ON e.event_id_cnty = q.k', con)

    def _update(self, rows: list[dict]) -> None:
        cols = [*LIST_COLUMNS, "sources", "linked_ids"]
        sets = ", ".join(f"{c} = ?" for c in cols)
        self._db().executemany(f'UPDATE "{LAYER}" SET {sets} WHERE event_id_cnty = ?',
                               [tuple(r.get(c) for c in cols) + (r["event_id_cnty"],) for r in rows])

    def _add_keys(self, pairs: list[tuple[str, str]]) -> None:
        self._db().executemany(f'INSERT OR IGNORE INTO "{KEYS_TABLE}" (key, event_id) VALUES (?, ?)', pairs)

    # ------------------------------------------------------------ learned places
    def _has_places(self) -> bool:
        if not self._has_events():
            return False
        return self._db().execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?",
                                  (PLACES_LAYER,)).fetchone() is not None

    def _keys_table(self, keys: list[str]) -> None:
        """The temporary table q_ids holding `keys`: one JSON array in (SQLite's json_each), not one bound
        INSERT per key (~10x less time per chunk of 50k keys)."""
        con = self._db()
        con.execute("CREATE TEMP TABLE IF NOT EXISTS q_ids(k TEXT PRIMARY KEY)")
        con.execute("DELETE FROM q_ids")
        con.execute("INSERT OR IGNORE INTO q_ids SELECT value FROM json_each(?)", (json.dumps(keys),))

    def _places_touching(self, keys: list[str]) -> pd.DataFrame:
        """Stored places with one of `keys` (by the key index)."""
        if not keys or not self._has_places():
            return typed_places(pd.DataFrame(columns=PLACE_COLUMNS))
        self._keys_table(keys)
        return typed_places(pd.read_sql_query(
            f'SELECT {", ".join(PLACE_COLUMNS)} FROM "{PLACES_LAYER}" WHERE key IN (SELECT k FROM q_ids)', self._db()))

    def _new_places_layer(self, rows: pd.DataFrame) -> None:
        """Write `rows` (PLACE_COLUMNS) as the whole places layer (replacing any), keyed by `key`.

        No R-tree: places are looked up by key and name, and a layer of a million places then takes its
        rows without a box each (QGIS draws it all the same)."""
        import pyogrio

        self.close()  # GDAL writes the layer through its own connection
        df = pd.DataFrame(rows)[PLACE_COLUMNS].reset_index(drop=True)
        gdf = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(pd.to_numeric(df["longitude"]).to_numpy(dtype=float),
                                                              pd.to_numeric(df["latitude"]).to_numpy(dtype=float)),
                               crs=CRS)
        with _gdal_bulk_options():
            pyogrio.write_dataframe(gdf, self.tmp, layer=PLACES_LAYER, driver="GPKG", use_arrow=True,
                                    layer_options={"OVERWRITE": "YES", "SPATIAL_INDEX": "NO"})
        self._db().execute(f'CREATE INDEX IF NOT EXISTS "{PLACES_LAYER}_key" ON "{PLACES_LAYER}"(key)')

    def _put_places(self, old: pd.DataFrame, rows: pd.DataFrame) -> None:
        """Write `rows` (PLACE_COLUMNS) over the stored places `old` they replace: a place whose point
        is unchanged is updated in place (its R-tree box, on an older layer, stays), others deleted and
        inserted anew."""
        has = self._has_places()
        if not has:
            if len(rows) == 0:
                return
            self._new_places_layer(rows)
            return
        rows = pd.DataFrame(rows)[PLACE_COLUMNS].reset_index(drop=True)
        old = pd.DataFrame(old).drop_duplicates("key").set_index(pd.Index(old["key"].astype(object).unique()))
        point = old[["latitude", "longitude"]].reindex(rows["key"].astype(object)).to_numpy(dtype=float)
        # NaN (a new place) never compares within the tolerance: only stored places with the same point
        same = (np.abs(point - rows[["latitude", "longitude"]].to_numpy(dtype=float)) < 1e-9).all(axis=1)
        keep = set(rows["key"][same].astype(object).tolist())
        drop = [k for k in old.index.tolist() if k not in keep]
        con = self._db()
        if drop:
            self._keys_table(drop)
            con.execute(f'DELETE FROM "{PLACES_LAYER}" WHERE key IN (SELECT k FROM q_ids)')
        if same.any():  # the point stands: attributes only, no R-tree work
            upd = rows[same]
            attrs = [c for c in PLACE_COLUMNS if c not in ("key", "latitude", "longitude")]
            con.executemany(f'UPDATE "{PLACES_LAYER}" SET {", ".join(f"{c} = ?" for c in attrs)} WHERE key = ?',
                            zip(*[_sql_values(upd[c]) for c in attrs], _sql_values(upd["key"]), strict=True))
        if (~same).any():
            self._append_place_rows(rows[~same])

    def _append_place_rows(self, df: pd.DataFrame) -> None:
        """Append rows to the existing places layer with plain SQL, in this connection's transaction.

        The GeoPackage R-tree insert trigger computes each row's box in SQL functions that plain sqlite3
        can only provide in Python (slow per row); it is set aside for the bulk insert, the boxes are
        inserted from the longitude/latitude columns in one statement, and the trigger is put back, all
        in one transaction on the temporary copy (a failure discards it). The layer's extent in
        gpkg_contents is widened to hold the new points."""
        con = self._db()
        rtree = f"rtree_{PLACES_LAYER}_geom"
        # the R-tree insert trigger and the feature-count trigger: set aside, their work done in bulk
        aside = con.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger' AND name IN (?, ?)",
                            (f"{rtree}_insert", f"trigger_insert_feature_count_{PLACES_LAYER}")).fetchall()
        before = con.execute(f'SELECT COALESCE(MAX(fid), 0) FROM "{PLACES_LAYER}"').fetchone()[0]
        lon, lat = df["longitude"].to_numpy(dtype=float), df["latitude"].to_numpy(dtype=float)
        columns = [_sql_values(df[c]) for c in PLACE_COLUMNS] + [_gpkg_points(lon, lat)]
        cols = [*PLACE_COLUMNS, "geom"]
        for name, _sql in aside:
            con.execute(f'DROP TRIGGER "{name}"')
        con.executemany(f'INSERT INTO "{PLACES_LAYER}" ({", ".join(cols)}) VALUES ({", ".join("?" * len(cols))})',
                        zip(*columns, strict=True))
        names = {name for name, _sql in aside}
        if f"{rtree}_insert" in names:
            con.execute(f'INSERT OR REPLACE INTO "{rtree}" SELECT fid, longitude, longitude, latitude, latitude '
                        f'FROM "{PLACES_LAYER}" WHERE fid > ? AND geom IS NOT NULL', (before,))
        if f"trigger_insert_feature_count_{PLACES_LAYER}" in names:
            con.execute("UPDATE gpkg_ogr_contents SET feature_count = feature_count + ? WHERE lower(table_name) = ?",
                        (len(df), PLACES_LAYER))
        for _name, sql in aside:
            con.execute(sql)
        ok = np.isfinite(lon) & np.isfinite(lat)
        if ok.any():
            con.execute("UPDATE gpkg_contents SET min_x = min(COALESCE(min_x, ?), ?), min_y = min(COALESCE(min_y, ?), ?), "
                        "max_x = max(COALESCE(max_x, ?), ?), max_y = max(COALESCE(max_y, ?), ?) WHERE table_name = ?",
                        (*[float(v) for v in (lon[ok].min(), lon[ok].min(), lat[ok].min(), lat[ok].min(),
                                              lon[ok].max(), lon[ok].max(), lat[ok].max(), lat[ok].max())],
                         PLACES_LAYER))

    def _place_keys_naming(self, files: list[str]) -> list[str]:
        """Keys of the stored places with a source item from one of `files` (one scan)."""
        if not self._has_places() or not files:
            return []
        cond = " OR ".join("instr(sources, ?) > 0" for _ in files)
        return [r[0] for r in self._db().execute(f'SELECT key FROM "{PLACES_LAYER}" WHERE {cond}',
                                                 [f"|{f}|" for f in files])]

    def _places_name_file(self, file: str) -> bool:
        """Whether any stored place has a source item from `file` ("D|file|n")."""
        if not self._has_places():
            return False
        q = f'SELECT 1 FROM "{PLACES_LAYER}" WHERE instr(sources, ?) > 0 LIMIT 1'
        return self._db().execute(q, (f"|{file}|",)).fetchone() is not None

    def _places_count(self) -> int:
        if not self._has_places():
            return 0
        return int(self._db().execute(f'SELECT COUNT(*) FROM "{PLACES_LAYER}"').fetchone()[0])

    # ------------------------------------------------------------ events
    def _insert(self, ev: pd.DataFrame) -> None:
        import pyogrio

        exists = self._has_events()
        self.close()  # GDAL writes through its own connection
        gdf = gpd.GeoDataFrame(ev[EVENT_COLUMNS], geometry=ev.geometry.values, crs=CRS)
        with _gdal_bulk_options():
            pyogrio.write_dataframe(gdf, self.tmp, layer=LAYER, driver="GPKG", append=exists, use_arrow=True)
        if not exists and not self._deferred:
            con = self._db()
            self._indexes(con)
            con.commit()


#: the GeoPackage store under its historical name
EventStore = GeoPackageStore
