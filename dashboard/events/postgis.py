"""The PostGIS event store: the GeoPackage store's schema and rules in a server a team shares.

``open_store("postgresql://user:pass@host:port/db")`` gives a `PostgisStore`. Table ``events`` has
the event columns (ACLED names + provenance), ``geom geometry(Point, 4326)``, a unique B-tree on
``event_id_cnty``, B-trees on ``event_date``, ``(event_type, event_date)``, ``source_id`` and
``(origin, event_date)``, and GiST indexes on ``geom`` and on each point moved into a lane for its
year and event type (`LANE_EXPR`). The dashboard's and export's filters are SQL (`where_sql`): dates
and types on the B-tree, the area as a box on a GiST index (the lanes when dates and types are given:
one small box per year and type), the radius as ``ST_DWithin`` on ``geography`` (metres, on the
spheroid) over the rows left. ``event_keys`` maps source-id tokens of merged events to their event; ``places`` holds the
learned places; ``crisismap_meta`` a version counter the page uses as a cache key.

**Concurrent writers.** Every write (an import, a saved report, a places replace) is one transaction
that first takes ``pg_advisory_xact_lock`` on one key, so writers from several machines queue: the
de-duplication of each sees everything committed before it, nothing is lost or doubled, and a
re-import adds nothing. Readers never wait. A writer killed mid-import rolls back whole.

Needs the ``psycopg`` package (``pip install 'crisismap[postgis]'``) and the PostGIS extension in the
database (created on first use when the user may; else ask the server's admin for
``CREATE EXTENSION postgis``).
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard.errors import CrisismapError, StoreError
from dashboard.events.dedup import CANDIDATE_COLUMNS, LIST_COLUMNS
from dashboard.events.schema import DTYPES, EVENT_COLUMNS, empty_events
from dashboard.events.store import (
    KEYS_TABLE,
    LAYER,
    MERGE_COLUMNS,
    PLACE_COLUMNS,
    PLACES_LAYER,
    Store,
    _sql_values,
    typed_places,
)

#: pg_advisory_xact_lock key shared by every crisismap writer ("crisismap" in ASCII, truncated)
LOCK_KEY = 0x6372697369736D61
CONNECT_TIMEOUT_S = 10

_PG_TYPES = {"string": "text", "datetime64[ns]": "timestamp", "Int64": "bigint", "float64": "double precision",
             "boolean": "boolean"}
_PLACE_TYPES = {"latitude": "double precision", "longitude": "double precision", "geo_precision": "integer",
                "events": "integer"}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class PostgisStore(Store):
    """An event store in a PostGIS database (see the module docstring)."""

    def __init__(self, url: str):
        self.url = url
        self.location = url
        self._schema_ok = False

    def __repr__(self) -> str:
        return f"PostgisStore({self.describe()!r})"

    def describe(self) -> str:
        """The URL without its password."""
        parts = urlsplit(self.url)
        netloc = parts.netloc
        if "@" in netloc:
            user, host = netloc.rsplit("@", 1)
            netloc = f"{user.split(':', 1)[0]}@{host}"
        return urlunsplit((parts.scheme, netloc, parts.path, "", ""))

    # ------------------------------------------------------------ connection
    def _connect(self):
        try:
            import psycopg
        except ImportError:
            raise StoreError(self.describe(), "a postgresql:// store needs psycopg: pip install 'crisismap[postgis]'") from None
        try:
            return psycopg.connect(self.url, connect_timeout=CONNECT_TIMEOUT_S, application_name="crisismap")
        except psycopg.Error as exc:
            raise StoreError(self.describe(), f"cannot connect: {_first_line(exc)}") from None

    @contextlib.contextmanager
    def _session(self, write: bool) -> Iterator:
        """A connection in one transaction (with the writers' advisory lock when `write`); psycopg
        errors become StoreError naming the store."""
        import psycopg

        con = self._connect()
        try:
            with con.transaction():
                if write:
                    con.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
                    self._ensure_schema(con)
                yield con
        except CrisismapError:
            raise
        except psycopg.Error as exc:
            raise StoreError(self.describe(), f"{_first_line(exc)}; nothing was written") from None
        finally:
            con.close()

    def _ensure_schema(self, con) -> None:
        """Create the tables and indexes when missing (under the writers' lock)."""
        if not con.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").fetchone():
            try:
                with con.transaction():
                    con.execute("CREATE EXTENSION IF NOT EXISTS postgis")
            except Exception as exc:
                raise StoreError(self.describe(), "the PostGIS extension is missing and cannot be created here "
                                 f"({_first_line(exc)}); ask the server's admin for CREATE EXTENSION postgis") from None
        cols = ", ".join(f"{_q(c)} {_PG_TYPES[DTYPES[c]]}" for c in EVENT_COLUMNS)
        con.execute(f"CREATE TABLE IF NOT EXISTS {LAYER} (fid bigserial PRIMARY KEY, {cols}, geom geometry(Point, 4326))")
        have = {r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = %s",
            (LAYER,))}
        for c in EVENT_COLUMNS:
            if c not in have:
                con.execute(f"ALTER TABLE {LAYER} ADD COLUMN {_q(c)} {_PG_TYPES[DTYPES[c]]}")
        for stmt in (
            f"CREATE UNIQUE INDEX IF NOT EXISTS {LAYER}_event_id ON {LAYER} (event_id_cnty)",
            f"CREATE INDEX IF NOT EXISTS {LAYER}_event_date ON {LAYER} (event_date)",
            f"CREATE INDEX IF NOT EXISTS {LAYER}_type_date ON {LAYER} (event_type, event_date)",
            f"CREATE INDEX IF NOT EXISTS {LAYER}_source_id ON {LAYER} (source_id)",
            f"CREATE INDEX IF NOT EXISTS {LAYER}_origin ON {LAYER} (origin, event_date)",
            f"CREATE INDEX IF NOT EXISTS {LAYER}_geom ON {LAYER} USING gist (geom)",
            f"CREATE INDEX IF NOT EXISTS {LAYER}_lanes ON {LAYER} USING gist (({LANE_EXPR}))",
            # the geography index never beat the geom box plus an exact ST_DWithin on the rows left
            # (bench/store.py at 10M: it was a third bitmap of every event in the area); one less per write
            f"DROP INDEX IF EXISTS {LAYER}_geog",
            f"CREATE TABLE IF NOT EXISTS {KEYS_TABLE} (key text PRIMARY KEY, event_id text NOT NULL)",
            "CREATE TABLE IF NOT EXISTS crisismap_meta (k text PRIMARY KEY, v bigint NOT NULL)",
            "INSERT INTO crisismap_meta VALUES ('version', 0) ON CONFLICT DO NOTHING",
            f"CREATE TABLE IF NOT EXISTS {PLACES_LAYER} (" + ", ".join(
                f"{_q(c)} {_PLACE_TYPES.get(c, 'text')}" + (" PRIMARY KEY" if c == "key" else "") for c in PLACE_COLUMNS)
            + ", geom geometry(Point, 4326))",
        ):
            con.execute(stmt)

    def _table_exists(self, con) -> bool:
        return con.execute("SELECT to_regclass(%s)", (LAYER,)).fetchone()[0] is not None

    # ------------------------------------------------------------ reading
    def exists(self) -> bool:
        with self._session(write=False) as con:
            return self._table_exists(con)

    def count(self) -> int:
        with self._session(write=False) as con:
            if not self._table_exists(con):
                return 0
            return int(con.execute(f"SELECT count(*) FROM {LAYER}").fetchone()[0])

    def more_than(self, n: int) -> bool:
        """Whether the store holds more than `n` events: the page asks on every run, and ``count(*)``
        reads every event (1.3 s at 10M events). The planner's row estimate answers when it is over
        2n (a "yes" that is wrong only costs server-side filtering); else at most n + 1 rows are read."""
        with self._session(write=False) as con:
            if not self._table_exists(con):
                return False
            est = con.execute("SELECT reltuples FROM pg_class WHERE oid = to_regclass(%s)", (LAYER,)).fetchone()
            if est and est[0] is not None and est[0] > 2 * n:
                return True
            return int(con.execute(f"SELECT count(*) FROM (SELECT 1 FROM {LAYER} LIMIT %s) t",
                                   (int(n) + 1,)).fetchone()[0]) > n

    def version(self) -> str:
        with self._session(write=False) as con:
            if con.execute("SELECT to_regclass('crisismap_meta')").fetchone()[0] is None:
                return "0"
            return str(con.execute("SELECT v FROM crisismap_meta WHERE k = 'version'").fetchone()[0])

    @staticmethod
    def where_sql(*, bbox=None, start=None, end=None, event_types=None, near=None,
                  lane_types=None) -> tuple[str, list]:
        """The WHERE clause (with %s parameters) for the pushed-down filters.

        With an area (bbox, degrees, or `near` = (lat, lon, km)), both dates and event types (or
        `lane_types`: every type stored, when the filter keeps them all), one more predicate probes the
        ``events_lanes`` GiST index once per (year, type): see `LANE_EXPR`. It is redundant with the
        others (they stay, exact), so it only ever narrows what the server reads."""
        parts: list[str] = []
        params: list = []
        lo = hi = None
        if start is not None:
            lo = pd.Timestamp(start).normalize()
            parts.append("event_date >= %s")
            params.append(lo.to_pydatetime())
        if end is not None:
            hi = pd.Timestamp(end).normalize() + pd.Timedelta(days=1)
            parts.append("event_date < %s")
            params.append(hi.to_pydatetime())
        types = None
        if event_types:
            types = [event_types] if isinstance(event_types, str) else list(event_types)
            parts.append("event_type = ANY(%s)")
            params.append(types)
        if near is not None:
            # the circle's own box, clipped to the area: a small box for the GiST index, not the whole view
            from dashboard.events.store import near_bbox

            nb = near_bbox(*near)
            bbox = nb if bbox is None else (max(float(bbox[0]), nb[0]), max(float(bbox[1]), nb[1]),
                                            min(float(bbox[2]), nb[2]), min(float(bbox[3]), nb[3]))
        if bbox is not None:
            w, s, e, n = (float(v) for v in bbox)
            if w > e or s > n:  # the circle lies outside the area (as GeoPackageStore.read: nothing)
                return " WHERE false", []
            parts.append("geom && ST_MakeEnvelope(%s, %s, %s, %s, 4326)")
            params += [w, s, e, n]
            lanes = _lane_boxes((w, s, e, n), lo, hi, types if types is not None else lane_types)
            if lanes:
                parts.append(lanes[0])
                params += lanes[1]
        if near is not None:
            lat, lon, km = (float(v) for v in near)
            parts.append("ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography, %s)")
            params += [lon, lat, km * 1000.0]
        return (" WHERE " + " AND ".join(parts)) if parts else "", params

    def select_sql(self, *, bbox=None, start=None, end=None, event_types=None, near=None,
                   columns=None, lane_types=None) -> tuple[str, list]:
        """The SELECT (with %s parameters) that `read` runs for these filters (bench/store.py EXPLAINs it)."""
        where, params = self.where_sql(bbox=bbox, start=start, end=end, event_types=event_types, near=near,
                                       lane_types=lane_types)
        cols = list(columns) if columns is not None else EVENT_COLUMNS
        return f"SELECT {', '.join(_q(c) for c in cols)} FROM {LAYER}{where} ORDER BY fid", params

    def read(self, *, bbox=None, start=None, end=None, event_types=None, near=None, columns=None) -> gpd.GeoDataFrame:
        from dashboard.sources.tabular import complete_events

        with self._session(write=False) as con:
            if not self._table_exists(con):
                return empty_events()
            import psycopg

            lane_types = None
            if not event_types and start is not None and end is not None and (bbox is not None or near is not None):
                lane_types = self._stored_types(con)
            sql, params = self.select_sql(bbox=bbox, start=start, end=end, event_types=event_types, near=near,
                                          columns=columns, lane_types=lane_types)
            # exact bitmaps and an in-memory sort for the ~10^4-10^5 rows a filter keeps at 10M events
            # (at the 4 MB default the bitmaps turn lossy and whole pages are re-checked)
            con.execute(f"SET LOCAL work_mem = '{READ_WORK_MEM}'")

            query = psycopg.ClientCursor(con).mogrify(sql, params)
            buf = io.BytesIO()
            with con.cursor().copy(f"COPY ({query}) TO STDOUT WITH (FORMAT csv, HEADER true)") as cp:
                for block in cp:
                    buf.write(block)
        buf.seek(0)
        df = _typed_csv(buf)
        if columns is not None:
            return df
        if len(df) == 0:
            return empty_events()
        return complete_events(df)

    @staticmethod
    def _stored_types(con) -> list[str | None]:
        """Every distinct event_type stored (None for events without one), by a loose index scan of
        the (event_type, event_date) B-tree: one probe per type, not a pass over the table."""
        rows = con.execute(
            f"WITH RECURSIVE t AS (SELECT min(event_type) AS v FROM {LAYER} UNION ALL "
            f"SELECT (SELECT min(event_type) FROM {LAYER} WHERE event_type > t.v) FROM t WHERE t.v IS NOT NULL) "
            "SELECT v FROM t WHERE v IS NOT NULL").fetchall()
        out: list[str | None] = [r[0] for r in rows]
        if con.execute(f"SELECT EXISTS (SELECT 1 FROM {LAYER} WHERE event_type IS NULL)").fetchone()[0]:
            out.append(None)
        return out

    def overview(self, sample_rows: int = 50_000, top_actors: int = 400) -> dict:
        """What the page needs without loading every event: count, first and last day, the values
        its multiselects offer (exact, from SQL) and a random sample of about `sample_rows` events
        (for the opening view and the basemap's extent).

        The count, days and every option list come from one pass over the table (GROUPING SETS), not
        one per list: 19 s -> 7.5 s at 10M events."""
        from dashboard.sources.tabular import complete_events

        combo = ["event_type", "sub_event_type", "country", "admin1", "country_code", "origin"]
        with self._session(write=False) as con:
            if not self._table_exists(con):
                return {"count": 0, "first": None, "last": None, "options": {}, "sample": empty_events()}
            con.execute(f"SET LOCAL work_mem = '{READ_WORK_MEM}'")
            # three hash tables in one pass: the few (type, sub-type, country, admin1, code, origin)
            # combinations, and each actor column (7.5 s at 10M events; one set per list took 15 s)
            rows = con.execute(
                f"SELECT GROUPING(actor1), GROUPING(actor2), actor1, actor2, "
                f"{', '.join(_q(k) for k in combo)}, count(*), min(event_date), max(event_date) FROM {LAYER} "
                f"GROUP BY GROUPING SETS (({', '.join(_q(k) for k in combo)}), (actor1), (actor2))").fetchall()
            n, first, last = 0, None, None
            values: dict[str, dict] = {k: {} for k in [*combo, "actor1", "actor2"]}
            for r in rows:
                k, lo, hi = r[4 + len(combo):]
                if r[0] == 0 or r[1] == 0:  # an actor set
                    col, v = ("actor1", r[2]) if r[0] == 0 else ("actor2", r[3])
                    if v is not None:
                        values[col][v] = k
                    continue
                n += k
                first = lo if first is None or (lo is not None and lo < first) else first
                last = hi if last is None or (hi is not None and hi > last) else last
                for col, v in zip(combo, r[4:4 + len(combo)], strict=True):
                    if v is not None:
                        values[col][v] = values[col].get(v, 0) + k
            pct = min(100.0, 100.0 * sample_rows / max(n, 1))
            buf = io.BytesIO()
            cols = ", ".join(_q(c) for c in EVENT_COLUMNS)
            query = psycopg_literal(con, f"SELECT {cols} FROM {LAYER} TABLESAMPLE SYSTEM (%s)", [pct])
            with con.cursor().copy(f"COPY ({query}) TO STDOUT WITH (FORMAT csv, HEADER true)") as cp:
                for block in cp:
                    buf.write(block)
        buf.seek(0)
        sample = _typed_csv(buf)
        counts: dict[str, int] = dict(values["actor1"])
        for a, k in values["actor2"].items():
            counts[a] = counts.get(a, 0) + k
        actors = sorted(counts, key=lambda a: (-counts[a], a))[:top_actors]
        cc = sorted(values["country_code"].items(), key=lambda kv: (-kv[1], kv[0]))[:1]
        options = {
            "event_types": sorted(values["event_type"]), "sub_event_types": sorted(values["sub_event_type"]),
            "countries": sorted(values["country"]), "admin1": sorted(values["admin1"]), "actors": actors,
            "main_country_code": [cc[0][0].lower()] if cc else [],
            "synthetic_origins": sorted(o for o in values["origin"] if "synthetic" in o.lower()),
        }
        return {"count": int(n), "first": first, "last": last, "options": options,
                "sample": complete_events(sample) if len(sample) else empty_events()}

    # ------------------------------------------------------------ learned places
    def read_places(self) -> pd.DataFrame:
        with self._session(write=False) as con:
            if con.execute("SELECT to_regclass(%s)", (PLACES_LAYER,)).fetchone()[0] is None:
                return typed_places(pd.DataFrame(columns=PLACE_COLUMNS))
            cur = con.execute(f"SELECT {', '.join(_q(c) for c in PLACE_COLUMNS)} FROM {PLACES_LAYER} ORDER BY key")
            return typed_places(pd.DataFrame(cur.fetchall(), columns=PLACE_COLUMNS))

    def replace_places(self, df: pd.DataFrame) -> None:
        self._replace_places(lambda con: df)

    def update_places(self, merge) -> pd.DataFrame:
        def make(con):
            cur = con.execute(f"SELECT {', '.join(_q(c) for c in PLACE_COLUMNS)} FROM {PLACES_LAYER} ORDER BY key")
            return merge(typed_places(pd.DataFrame(cur.fetchall(), columns=PLACE_COLUMNS)))

        return self._replace_places(make)

    def _replace_places(self, make) -> pd.DataFrame:
        """Replace the places table with make(con)'s frame in one transaction under the writers' lock."""
        with self._session(write=True) as con:
            df = make(con)
            missing = [c for c in PLACE_COLUMNS if c not in df.columns]
            if missing:
                raise ValueError(f"replace_places: missing columns {missing}")
            df = pd.DataFrame(df)[PLACE_COLUMNS]
            con.execute(f"DELETE FROM {PLACES_LAYER}")
            _copy_places(con, df)
        return df

    # ------------------------------------------------------------ writing
    @contextlib.contextmanager
    def _writing(self) -> Iterator[_PgWriter]:
        with self._session(write=True) as con:
            w = _PgWriter(con)
            yield w
            con.execute("UPDATE crisismap_meta SET v = v + 1 WHERE k = 'version'")


#: The expression of the ``events_lanes`` GiST index: each event's point moved into a "lane" of the
#: plane for its year (x + 360 degrees per year from 2000) and its event type (y + 180 degrees per
#: type code, a hash of the type modulo 256). One 2-D GiST (built sorted, like the plain geom index)
#: then answers "these types, these years, this area" with one small box per (year, type), so a
#: 10M-event store reads ~the events it keeps instead of AND-ing bitmaps of every event in the area
#: (any year, any type) with every event of those types and dates (any place). Rows without a date,
#: type or point are not in it; the predicate is only added when the filter excludes them anyway.
LANE_EXPR = "ST_Translate(geom, 360 * (date_part('year', event_date) - 2000), 180 * (hashtext(event_type) & 255))"
#: at most this many (year, type) boxes; a longer span leaves the lanes out (the other indexes serve)
MAX_LANES = 240
#: work_mem for a read's transaction
READ_WORK_MEM = "64MB"


def _lane_boxes(box: tuple[float, float, float, float], lo, hi, types) -> tuple[str, list] | None:
    """The lanes predicate (SQL, params) for an area `box` (w, s, e, n degrees), days [lo, hi) and event
    types (None in `types` = events without a type, found through the type B-tree instead); None when
    the lanes cannot serve (no dates or types, or more than MAX_LANES boxes)."""
    if lo is None or hi is None or not types:
        return None
    years = range(lo.year, (hi - pd.Timedelta(days=1)).year + 1)
    named = sorted({t for t in types if t is not None})
    if not len(years) or len(years) * max(len(named), 1) > MAX_LANES:
        return None
    w, s, e, n = box
    probes, params = [], []
    for y in years:
        for t in named:
            probes.append(f"{LANE_EXPR} && ST_Translate(ST_MakeEnvelope(%s, %s, %s, %s, 4326), %s, "
                          "180 * (hashtext(%s) & 255))")
            params += [w, s, e, n, 360.0 * (y - 2000), t]
    if None in types:
        probes.append("event_type IS NULL")
    return "(" + " OR ".join(probes) + ")", params


def psycopg_literal(con, sql: str, params: list) -> str:
    """`sql` with its %s parameters bound client-side (for COPY (SELECT ...), which takes none)."""
    import psycopg

    return psycopg.ClientCursor(con).mogrify(sql, params)


def _typed_csv(buf) -> pd.DataFrame:
    """The CSV that ``COPY (SELECT ...) TO STDOUT (FORMAT csv, HEADER)`` wrote, parsed straight into the
    event dtypes by pandas' C parser (empty = missing; booleans are PostgreSQL's t/f). Parsing every
    column as text and converting after cost twice the time on the 17,000 rows a 10M-event store gives
    for the dashboard's filter (bench/store.py)."""
    header = buf.readline().decode("utf-8").rstrip("\r\n")
    buf.seek(0)
    import csv

    names = next(csv.reader([header])) if header else []
    dtype: dict[str, str] = {}
    dates: list[str] = []
    for c in names:
        want = DTYPES.get(c, "string")
        if want.startswith("datetime"):
            dates.append(c)
            dtype[c] = "string"
        elif want == "boolean":
            dtype[c] = "string"
        else:
            dtype[c] = want
    df = pd.read_csv(buf, dtype=dtype, keep_default_na=False, na_values=[""])
    for c in dates:
        df[c] = pd.to_datetime(df[c], format="ISO8601").astype("datetime64[ns]")
    for c in names:
        if DTYPES.get(c) == "boolean":
            df[c] = df[c].map({"t": True, "f": False}).astype("boolean")
    return df


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class _PgWriter:
    """The backend primitives inside one locked transaction."""

    def __init__(self, con):
        self.con = con

    def _count(self) -> int:
        return int(self.con.execute(f"SELECT count(*) FROM {LAYER}").fetchone()[0])

    def _origins(self) -> set[str]:
        # a loose index scan over (origin, event_date): one probe per distinct origin, not per row
        rows = self.con.execute(
            f"WITH RECURSIVE t AS (SELECT min(origin) AS o FROM {LAYER} UNION ALL "
            f"SELECT (SELECT min(origin) FROM {LAYER} WHERE origin > t.o) FROM t WHERE t.o IS NOT NULL) "
            "SELECT o FROM t WHERE o IS NOT NULL").fetchall()
        out = {r[0] for r in rows}
        if self.con.execute(f"SELECT EXISTS (SELECT 1 FROM {LAYER} WHERE origin IS NULL)").fetchone()[0]:
            out.add("manual")
        return out

    def _lookup(self, ids: list[str], tokens: list[str]) -> tuple[dict[str, str], dict[str, str]]:
        found_ids = {r[0]: r[0] for r in self.con.execute(
            f"SELECT event_id_cnty FROM {LAYER} WHERE event_id_cnty = ANY(%s)", (ids,))}
        found_tok = dict(self.con.execute(f"SELECT source_id, event_id_cnty FROM {LAYER} WHERE source_id = ANY(%s)",
                                          (tokens,)).fetchall())
        found_tok.update(self.con.execute(f"SELECT key, event_id FROM {KEYS_TABLE} WHERE key = ANY(%s)", (tokens,)).fetchall())
        return found_ids, found_tok

    def _candidates(self, lo: str, hi: str, types: list[str], origins: set[str] | None) -> pd.DataFrame:
        sql = (f"SELECT {', '.join(CANDIDATE_COLUMNS)} FROM {LAYER} WHERE event_date >= %s AND event_date < %s "
               "AND event_type = ANY(%s)")
        params: list = [lo, hi, types]
        if origins is not None:
            sql += " AND origin = ANY(%s)"
            params.append(sorted(origins))
        cur = self.con.execute(sql, params)
        return pd.DataFrame(cur.fetchall(), columns=CANDIDATE_COLUMNS)

    def _fetch(self, eids: list[str]) -> dict[str, dict]:
        cur = self.con.execute(f"SELECT {', '.join(MERGE_COLUMNS)} FROM {LAYER} WHERE event_id_cnty = ANY(%s)", (eids,))
        return {r[0]: dict(zip(MERGE_COLUMNS, r, strict=True)) for r in cur.fetchall()}

    def _fetch_frame(self, eids: list[str], cols: list[str]) -> pd.DataFrame:
        names = ["event_id_cnty", *cols]
        cur = self.con.execute(f"SELECT {', '.join(names)} FROM {LAYER} WHERE event_id_cnty = ANY(%s)", (eids,))
        return pd.DataFrame(cur.fetchall(), columns=names)

    def _update(self, rows: list[dict]) -> None:
        cols = [*LIST_COLUMNS, "sources", "linked_ids"]
        sets = ", ".join(f"{c} = %s" for c in cols)
        with self.con.cursor() as cur:
            cur.executemany(f"UPDATE {LAYER} SET {sets} WHERE event_id_cnty = %s",
                            [tuple(r.get(c) for c in cols) + (r["event_id_cnty"],) for r in rows])

    def _add_keys(self, pairs: list[tuple[str, str]]) -> None:
        with self.con.cursor() as cur:
            cur.executemany(f"INSERT INTO {KEYS_TABLE} (key, event_id) VALUES (%s, %s) ON CONFLICT DO NOTHING", pairs)

    def _insert(self, ev: pd.DataFrame) -> None:
        copy_events(self.con, ev)

    def _defer_indexes(self) -> None:  # the server's indexes exist with the schema
        pass

    def _ensure_indexes(self) -> None:
        pass

    # learned places: only the rows an import touches are read and rewritten (see Store._learn)
    def _has_events(self) -> bool:
        return True  # the schema exists inside a writing session

    def _places_touching(self, keys: list[str]) -> pd.DataFrame:
        cur = self.con.execute(f"SELECT {', '.join(_q(c) for c in PLACE_COLUMNS)} FROM {PLACES_LAYER} "
                               "WHERE key = ANY(%s)", (keys,))
        return typed_places(pd.DataFrame(cur.fetchall(), columns=PLACE_COLUMNS))

    def _put_places(self, old: pd.DataFrame, rows: pd.DataFrame) -> None:
        drop = old["key"].astype(str).tolist() if len(old) else []
        if drop:
            self.con.execute(f"DELETE FROM {PLACES_LAYER} WHERE key = ANY(%s)", (drop,))
        _copy_places(self.con, rows)

    def _place_keys_naming(self, files: list[str]) -> list[str]:
        if not files:
            return []
        return [r[0] for r in self.con.execute(f"SELECT key FROM {PLACES_LAYER} WHERE sources LIKE ANY(%s)",
                                                ([_like_item(f) for f in files],))]

    def _places_name_file(self, file: str) -> bool:
        return self.con.execute(f"SELECT EXISTS (SELECT 1 FROM {PLACES_LAYER} WHERE sources LIKE %s)",
                                (_like_item(file),)).fetchone()[0]

    def _places_count(self) -> int:
        return int(self.con.execute(f"SELECT count(*) FROM {PLACES_LAYER}").fetchone()[0])


def _like_item(file: str) -> str:
    """A LIKE pattern for a places source item naming `file` ("D|file|n"), LIKE's wildcards escaped."""
    return "%|" + file.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "|%"


def _copy_places(con, df: pd.DataFrame) -> None:
    """COPY rows of the learned-places layer (PLACE_COLUMNS) with their point geometry."""
    df = pd.DataFrame(df)[PLACE_COLUMNS]
    if df.empty:
        return
    rows = zip(*[_sql_values(df[c]) for c in PLACE_COLUMNS], strict=True)
    lon, lat = df["longitude"].to_numpy(dtype=float), df["latitude"].to_numpy(dtype=float)
    geom = [f"SRID=4326;POINT({x!r} {y!r})" if np.isfinite(x) and np.isfinite(y) else None
            for x, y in zip(lon.tolist(), lat.tolist(), strict=True)]
    cols = ", ".join(_q(c) for c in [*PLACE_COLUMNS, "geom"])
    with con.cursor().copy(f"COPY {PLACES_LAYER} ({cols}) FROM STDIN") as cp:
        for r, g in zip(rows, geom, strict=True):
            cp.write_row((*r, g))


def copy_events(con, ev: pd.DataFrame) -> None:
    """COPY rows in the event schema into the events table (fast path, CSV)."""
    df = pd.DataFrame(ev[EVENT_COLUMNS]).copy()
    for c in ("event_date", "source_date"):
        df[c] = df[c].dt.strftime("%Y-%m-%d %H:%M:%S")
    lon = df["longitude"].to_numpy(dtype=float)
    lat = df["latitude"].to_numpy(dtype=float)
    ok = np.isfinite(lon) & np.isfinite(lat)
    geom = np.full(len(df), None, dtype=object)
    geom[ok] = ("SRID=4326;POINT(" + pd.Series(lon[ok]).map(repr) + " " + pd.Series(lat[ok]).map(repr) + ")").to_numpy()
    df["geom"] = geom
    buf = io.StringIO()
    df.to_csv(buf, index=False, header=False)
    cols = ", ".join(_q(c) for c in [*EVENT_COLUMNS, "geom"])
    with con.cursor().copy(f"COPY {LAYER} ({cols}) FROM STDIN WITH (FORMAT csv)") as cp:
        cp.write(buf.getvalue())
