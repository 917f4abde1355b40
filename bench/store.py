"""Store benchmark: import speed and filter times for the GeoPackage and PostGIS backends.

    python bench/store.py [--rows 1000000] [--pg postgresql://...] [--pg-10m] [--filters-only] [--no-pg] [--dir DIR]

Prints, for a SYNTHETIC ACLED-shaped CSV (bench/acled_synth.py, never ACLED data):
- import into each backend with `crisismap import` (a fresh process: start-up included): rows/s, wall
  and CPU seconds, peak memory (max RSS of the process), and what the store did (added / merged), for
  distinct events; then for a file in which 90% of the rows repeat events already in the store under
  new ids (ACLED's own rows stay apart, so none merge: this times the de-duplication check); then,
  GeoPackage only, the distinct file again (same ids: every row merges into its stored event);
- filter times with the dashboard's filters (date range + two event types + visible area + 150 km
  radius): the pushed-down store read plus `apply_filters` in memory, on each backend at --rows events;
- with --pg-10m, the same PostGIS filter at 10M events (`make_pg_10m`: a copy of the imported store
  grown with SYNTHETIC copies of its events server-side; a few minutes once, reused after) and the
  EXPLAIN ANALYZE of the SELECT `store.read` runs, showing which indexes answer it;
- with --filters-only, only the filter times (and plans) on stores already loaded.

Without --pg (or $CRISISMAP_BENCH_PG), a throwaway PostGIS cluster is started with
scripts/pg-test-server.sh (Debian postgresql + postgis, root) and stopped afterwards.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "bench"))  # after the package: bench/dashboard.py must not shadow it

import acled_synth  # noqa: E402  (bench/acled_synth.py: SYNTHETIC ACLED-shaped files)

synthetic_frame, write_acled_csv = acled_synth.synthetic_frame, acled_synth.write_acled_csv

FILTER = {"start": "2018-01-01", "end": "2019-12-31", "event_types": ("Battles", "Violence against civilians"),
          "bbox": (-6.0, 12.0, 4.0, 19.0), "ref": (15.0, -1.5), "radius_km": 150.0}


def import_run(csv: Path, store: str) -> dict:
    """`crisismap import csv --store store` in a fresh process: wall s, CPU s, peak RSS MB.

    The peak is the import's own: it runs under /usr/bin/time (when present), because Linux counts in
    a child's max RSS the pages of the process it was forked from, and this bench holds the synthetic
    frames it wrote (~1 GB at 1M rows)."""
    with tempfile.NamedTemporaryFile(suffix=".rss") as rss:
        timer = ["/usr/bin/time", "-f", "%M", "-o", rss.name] if Path("/usr/bin/time").exists() else []
        t0 = time.perf_counter()
        proc = subprocess.Popen([*timer, sys.executable, "-m", "dashboard", "import", str(csv), "--store", store],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        out, err = proc.stdout.read(), proc.stderr.read()
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"import failed: {err.strip()}")
        text = Path(rss.name).read_text().strip().splitlines() if timer else []
        peak_kb = int(text[-1]) if text and text[-1].isdigit() else ru.ru_maxrss
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "peak_mb": peak_kb / 1024, "out": out.strip()}


def show_import(label: str, n: int, r: dict) -> None:
    did = re.search(r"(\d+) added, (\d+) merged", r["out"])
    what = f"  ({int(did[1]):,} added, {int(did[2]):,} merged)" if did else ""
    print(f"  {label:<46} {n / r['wall']:>9,.0f} rows/s  wall {r['wall']:6.1f} s  CPU {r['cpu']:6.1f} s "
          f"({n / r['cpu']:,.0f} rows/CPU-s)  peak {r['peak_mb']:,.0f} MB{what}")


def filter_state():
    """The dashboard's FilterState for FILTER (dates, two types, visible area, radius)."""
    import pandas as pd

    from dashboard import filters as F

    return F.FilterState(start=pd.Timestamp(FILTER["start"]).date(), end=pd.Timestamp(FILTER["end"]).date(),
                         event_types=FILTER["event_types"], visible_only=True, bbox=FILTER["bbox"],
                         radius_km=FILTER["radius_km"])


def filter_time(store_loc: str, repeat: int = 3) -> tuple[float, int, float]:
    """Best-of-`repeat` seconds for the dashboard's filter on a store (`F.pushdown` + `store.read` +
    `apply_filters`, as the page does), the rows it keeps, and the best seconds of `store.read` alone."""
    from dashboard import filters as F
    from dashboard.events.store import open_store

    store = open_store(store_loc)
    state = filter_state()
    best, best_read, n = float("inf"), float("inf"), 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        got = store.read(**F.pushdown(state, FILTER["ref"]))
        t1 = time.perf_counter()
        got = F.apply_filters(got, state, FILTER["ref"])
        best = min(best, time.perf_counter() - t0)
        best_read = min(best_read, t1 - t0)
        n = len(got)
    return best, n, best_read


def explain_pg(url: str) -> list[str]:
    """EXPLAIN (ANALYZE, BUFFERS) of the very SELECT `store.read` runs for the dashboard's filter:
    the evidence that the B-tree and GiST indexes are used."""
    import psycopg

    from dashboard import filters as F
    from dashboard.events.postgis import READ_WORK_MEM
    from dashboard.events.store import open_store

    sql, params = open_store(url).select_sql(**F.pushdown(filter_state(), FILTER["ref"]))
    with psycopg.connect(url) as con:
        con.execute(f"SET work_mem = '{READ_WORK_MEM}'")  # as store.read's transaction
        query = psycopg.ClientCursor(con).mogrify(sql, params)
        return [r[0] for r in con.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query}")]


def show_filter(name: str, n: int, r: tuple[float, int, float]) -> None:
    t, k, t_read = r
    print(f"  {name:<10} at {n:>10,} events: {t * 1000:6.0f} ms ({k:,} events kept; store.read {t_read * 1000:.0f} ms)")


def show_plan(lines: list[str]) -> None:
    """The plan's node lines (index scans, filters, timing), without the long literal geometries."""
    import re

    for line in lines:
        if re.search(r"Scan|BitmapAnd|BitmapOr|Sort|Filter|Rows Removed|Heap Blocks|Buffers|Execution Time|Planning Time", line):
            print("      " + re.sub(r"'[0-9A-F]{40,}'", "'<geom>'", line)[:150])


def _pg_db_url(url: str, db: str) -> str:
    """`url` pointing at database `db` on the same server."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + db, parts.query, ""))


def make_pg_10m(url: str, target: int = 10_000_000) -> tuple[str, float]:
    """A `<db>_10m` database on the same server holding `target` events: a copy of the store at `url`
    (CREATE DATABASE ... TEMPLATE: the events as `crisismap import` wrote them), grown server-side with
    SYNTHETIC copies of those events. Each copy keeps every column of its stored row (type, actors,
    country, notes that say "synthetic") but gets a new id (``<id>x<k>``, its source_id to match), a
    new day drawn uniformly over 2015-2024 and a new point drawn uniformly in its country's inner box:
    the distribution of bench/acled_synth.py. The store's indexes are dropped for the load and rebuilt
    by the store's own schema code (`_ensure_schema`), then VACUUM ANALYZE. Returns (url, seconds);
    reuses the database when it already holds `target` events."""
    import psycopg

    from dashboard.events.store import open_store

    db = url.rsplit("/", 1)[-1].split("?")[0] + "_10m"
    url10 = _pg_db_url(url, db)
    t0 = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as con:
        exists = con.execute("SELECT 1 FROM pg_database WHERE datname = %s", (db,)).fetchone()
    if exists and open_store(url10).count() == target:
        return url10, 0.0
    with psycopg.connect(_pg_db_url(url, "postgres"), autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{db}"')
        src = url.rsplit("/", 1)[-1].split("?")[0]
        con.execute(f'CREATE DATABASE "{db}" TEMPLATE "{src}"')
        con.execute(f"ALTER DATABASE \"{db}\" SET maintenance_work_mem = '1GB'")
    with psycopg.connect(url10, autocommit=True) as con:
        base_n, base_fid = con.execute("SELECT count(*), max(fid) FROM events").fetchone()
        idx = [r[0] for r in con.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'events' "
                                          "AND indexname <> 'events_pkey'")]
        for name in idx:
            con.execute(f'DROP INDEX "{name}"')
        boxes = " ".join(
            f"WHEN '{name}' THEN ARRAY[{s + (n - s) * 0.3!r}, {n - (n - s) * 0.3!r}, {w + (e - w) * 0.3!r}, {e - (e - w) * 0.3!r}]"
            for name, _, s, n, w, e in acled_synth.COUNTRIES)
        cols = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = 'events' AND column_name <> 'fid' ORDER BY ordinal_position")]
        new = {"event_id_cnty": "event_id_cnty || 'x' || %(k)s",
               "source_id": "origin || ':' || event_id_cnty || 'x' || %(k)s",
               "event_date": "day", "year": "extract(year FROM day)::bigint",
               "latitude": "lat", "longitude": "lon", "geom": "ST_SetSRID(ST_MakePoint(lon, lat), 4326)"}
        select = ", ".join(new.get(c, f'"{c}"') for c in cols)
        sql = (f"INSERT INTO events ({', '.join(f'{chr(34)}{c}{chr(34)}' for c in cols)}) SELECT {select} FROM ("
               "SELECT e.*, timestamp '2015-01-01' + floor(random() * 3650)::int * interval '1 day' AS day, "
               "round((b[1] + random() * (b[2] - b[1]))::numeric, 4)::float8 AS lat, "
               "round((b[3] + random() * (b[4] - b[3]))::numeric, 4)::float8 AS lon "
               f"FROM events e, LATERAL (SELECT CASE e.country {boxes} END AS b) bx "
               "WHERE e.fid <= %(fid)s ORDER BY e.fid LIMIT %(lim)s) s")
        k, have = 0, base_n
        while have < target:
            k += 1
            lim = min(base_n, target - have)
            con.execute(sql, {"k": k, "fid": base_fid, "lim": lim})
            have += lim
            print(f"    SYNTHETIC copies: {have:,} events ({time.perf_counter() - t0:.0f} s)", flush=True)
    store = open_store(url10)
    with store._writing():
        pass  # the store's own CREATE INDEX statements
    print(f"    indexes rebuilt ({time.perf_counter() - t0:.0f} s)", flush=True)
    with psycopg.connect(url10, autocommit=True) as con:
        con.execute("VACUUM ANALYZE events")
    return url10, time.perf_counter() - t0


FILTER_TITLE = (f"filter (dates {FILTER['start']}..{FILTER['end']}, 2 types, visible area, {FILTER['radius_km']:g} km "
                "radius): F.pushdown + store.read + apply_filters as the page does, best of 3")


def filter_section(n: int, gpkg: Path, url: str | None, pg_10m: bool, csv: Path) -> None:
    """--filters-only: the filter times on stores already loaded (the distinct CSV imported, untimed,
    into whichever store is empty)."""
    from dashboard.events.store import open_store

    print(FILTER_TITLE)
    stores = [("GeoPackage", str(gpkg))] + ([("PostGIS", url)] if url else [])
    for name, loc in stores:
        have = open_store(loc).count()
        if have == 0:
            import_run(csv, loc)
            have = open_store(loc).count()
        show_filter(name, have, filter_time(loc))
    if url:
        import psycopg

        with psycopg.connect(url) as con:
            ver = con.execute("SELECT current_setting('server_version'), postgis_lib_version(), "
                              "current_setting('shared_buffers')").fetchone()
        print(f"  (PostgreSQL {ver[0]}, PostGIS {ver[1]}, shared_buffers {ver[2]}, on this machine)")
        print("  PostGIS plan (EXPLAIN ANALYZE of the SELECT store.read runs):")
        show_plan(explain_pg(url))
        if pg_10m:
            pg_10m_section(url)


def pg_10m_section(url: str) -> None:
    """The PostGIS filter at 10M events, with its plan."""
    from dashboard.events.store import open_store

    url10, secs = make_pg_10m(url)
    if secs:
        print(f"  (made {url10.rsplit('/', 1)[-1]}: SYNTHETIC copies of the imported events server-side, indexes "
              f"rebuilt, in {secs:.0f} s)")
    show_filter("PostGIS", open_store(url10).count(), filter_time(url10))
    print("  PostGIS plan at 10M (EXPLAIN ANALYZE of the SELECT store.read runs):")
    show_plan(explain_pg(url10))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--pg", default=os.environ.get("CRISISMAP_BENCH_PG"), help="a postgresql:// URL (a test database)")
    ap.add_argument("--pg-10m", action="store_true",
                    help="also time the PostGIS filter at 10M events (database <db>_10m on the --pg server, made "
                         "once from the imported store with SYNTHETIC copies, reused after)")
    ap.add_argument("--filters-only", action="store_true",
                    help="skip the import timings: time the filters on the stores in --dir and --pg, importing "
                         "the distinct CSV (untimed) into whichever is still empty")
    ap.add_argument("--dir", help="work folder (default: a temp dir)")
    ap.add_argument("--no-pg", action="store_true", help="GeoPackage only (no PostGIS server started)")
    args = ap.parse_args()
    work = Path(args.dir or tempfile.mkdtemp(prefix="crisismap-store-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    n = args.rows
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          f"python {platform.python_version()}")
    print(f"SYNTHETIC ACLED-shaped CSV, {n:,} rows (bench/acled_synth.py)")
    distinct = work / f"distinct_{n}.csv"
    repeats = work / f"repeats_{n}.csv"
    if not distinct.exists():
        write_acled_csv(distinct, n, seed=1)
    if not repeats.exists() and not args.filters_only:
        write_acled_csv(repeats, n, seed=2, id_prefix="REP", repeat_of=(n, 1, 0.9))

    pg_dir = None
    url = args.pg
    if not url and not args.no_pg:
        pg_dir = work / "pg"
        proc = subprocess.run([str(ROOT / "scripts" / "pg-test-server.sh"), "start", str(pg_dir)],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            print(f"  (no PostGIS: {proc.stderr.strip()})")
        else:
            url = proc.stdout.strip().splitlines()[-1]
    try:
        gpkg = work / "bench.gpkg"
        if args.filters_only:
            filter_section(n, gpkg, url, args.pg_10m, distinct)
            return
        for p in (gpkg, Path(f"{gpkg}.lock")):
            p.unlink(missing_ok=True)
        print("import (crisismap import, a fresh process each):")
        show_import("GeoPackage, distinct events", n, import_run(distinct, str(gpkg)))
        filters = [("GeoPackage", filter_time(str(gpkg)))]
        show_import("GeoPackage, 90% repeat stored events (new ids)", n, import_run(repeats, str(gpkg)))
        show_import("GeoPackage, the distinct file again (same ids)", n, import_run(distinct, str(gpkg)))
        if url:
            import psycopg

            with psycopg.connect(url, autocommit=True) as con:
                con.execute("DROP TABLE IF EXISTS events, event_keys, places, crisismap_meta")
            show_import("PostGIS, distinct events", n, import_run(distinct, url))
            filters.append(("PostGIS", filter_time(url)))
            show_import("PostGIS, 90% repeat stored events (new ids)", n, import_run(repeats, url))
        print(FILTER_TITLE)
        for name, r in filters:
            show_filter(name, n, r)
        if url and args.pg_10m:
            pg_10m_section(url)
    finally:
        if pg_dir is not None:
            subprocess.run([str(ROOT / "scripts" / "pg-test-server.sh"), "stop", str(pg_dir)], capture_output=True)
    print(f"peak memory of this bench process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
