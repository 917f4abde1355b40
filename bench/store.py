"""Store benchmark: import speed and filter times for the GeoPackage and PostGIS backends.

    python bench/store.py [--rows 1000000] [--pg postgresql://...] [--pg-10m] [--dir DIR]

Prints, for a SYNTHETIC ACLED-shaped CSV (bench/acled_synth.py, never ACLED data):
- import into each backend with `crisismap import` (a fresh process: start-up included): rows/s, wall
  and CPU seconds, peak memory (max RSS of the process), for distinct events and then for a file in
  which 90% of the rows repeat events already in the store under new ids;
- filter times with the dashboard's filters (date range + two event types + visible area + 150 km
  radius): the pushed-down store read plus `apply_filters` in memory, on each backend at --rows events;
- with --pg-10m, the same PostGIS filter at 10M events (rows bulk-loaded with COPY; takes minutes).

Without --pg (or $CRISISMAP_BENCH_PG), a throwaway PostGIS cluster is started with
scripts/pg-test-server.sh (Debian postgresql + postgis, root) and stopped afterwards.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _synth():
    """bench/acled_synth.py, loaded by path (bench/ is not a package; bench/dashboard.py would shadow ours)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("acled_synth", ROOT / "bench" / "acled_synth.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_S = _synth()
synthetic_frame, write_acled_csv = _S.synthetic_frame, _S.write_acled_csv

FILTER = {"start": "2018-01-01", "end": "2019-12-31", "event_types": ("Battles", "Violence against civilians"),
          "bbox": (-6.0, 12.0, 4.0, 19.0), "ref": (15.0, -1.5), "radius_km": 150.0}


def import_run(csv: Path, store: str) -> dict:
    """`crisismap import csv --store store` in a fresh process: wall s, CPU s, peak RSS MB."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "dashboard", "import", str(csv), "--store", store],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    out, err = proc.stdout.read(), proc.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"import failed: {err.strip()}")
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "peak_mb": ru.ru_maxrss / 1024, "out": out.strip()}


def show_import(label: str, n: int, r: dict) -> None:
    print(f"  {label:<46} {n / r['wall']:>9,.0f} rows/s  wall {r['wall']:6.1f} s  CPU {r['cpu']:6.1f} s "
          f"({n / r['cpu']:,.0f} rows/CPU-s)  peak {r['peak_mb']:,.0f} MB")


def filter_time(store_loc: str, repeat: int = 3) -> tuple[float, int]:
    """Best-of-`repeat` seconds for the dashboard's filter on a store, and the rows it keeps."""
    import pandas as pd

    from dashboard import filters as F
    from dashboard.events.store import open_store

    store = open_store(store_loc)
    state = F.FilterState(start=pd.Timestamp(FILTER["start"]).date(), end=pd.Timestamp(FILTER["end"]).date(),
                          event_types=FILTER["event_types"], visible_only=True, bbox=FILTER["bbox"],
                          radius_km=FILTER["radius_km"])
    best, n = float("inf"), 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        got = F.apply_filters(store.read(**F.pushdown(state, FILTER["ref"])), state, FILTER["ref"])
        best = min(best, time.perf_counter() - t0)
        n = len(got)
    return best, n


def load_pg_copy(url: str, n: int, chunk: int = 250_000) -> float:
    """Bulk-load n synthetic events into a PostGIS store with COPY (for the 10M filter timing)."""
    import psycopg

    from dashboard.events.dedup import prepare
    from dashboard.events.postgis import copy_events
    from dashboard.events.store import open_store
    from dashboard.sources.acled import convert  # noqa: F401  (ensures the reader stack imports)

    store = open_store(url)
    store.count()
    with store._writing():
        pass  # creates the schema
    t0 = time.perf_counter()
    with psycopg.connect(url) as con:
        for k in range(0, n, chunk):
            df = synthetic_frame(min(chunk, n - k), 10_000 + k, f"TEN{k}_")
            df["event_date"] = pd_ts(df["event_date"])
            ev = prepare(df.assign(origin="acled", country_code="ML"))
            copy_events(con, ev)
            con.commit()
            print(f"    loaded {k + len(ev):,} rows ({time.perf_counter() - t0:.0f} s)", flush=True)
        con.execute("ANALYZE events")
    return time.perf_counter() - t0


def pd_ts(s):
    import pandas as pd

    return pd.to_datetime(s)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--pg", default=os.environ.get("CRISISMAP_BENCH_PG"), help="a postgresql:// URL (a test database)")
    ap.add_argument("--pg-10m", action="store_true", help="also time the PostGIS filter at 10M events")
    ap.add_argument("--dir", help="work folder (default: a temp dir)")
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
    if not repeats.exists():
        write_acled_csv(repeats, n, seed=2, id_prefix="REP", repeat_of=(n, 1, 0.9))

    pg_dir = None
    url = args.pg
    if not url:
        pg_dir = work / "pg"
        proc = subprocess.run([str(ROOT / "scripts" / "pg-test-server.sh"), "start", str(pg_dir)],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            print(f"  (no PostGIS: {proc.stderr.strip()})")
        else:
            url = proc.stdout.strip().splitlines()[-1]
    try:
        gpkg = work / "bench.gpkg"
        for p in (gpkg, Path(f"{gpkg}.lock")):
            p.unlink(missing_ok=True)
        print("import (crisismap import, a fresh process each):")
        show_import("GeoPackage, distinct events", n, import_run(distinct, str(gpkg)))
        filters = [("GeoPackage", filter_time(str(gpkg)))]
        show_import("GeoPackage, 90% repeat stored events (new ids)", n, import_run(repeats, str(gpkg)))
        if url:
            import psycopg

            with psycopg.connect(url, autocommit=True) as con:
                con.execute("DROP TABLE IF EXISTS events, event_keys, places, crisismap_meta")
            show_import("PostGIS, distinct events", n, import_run(distinct, url))
            filters.append(("PostGIS", filter_time(url)))
            show_import("PostGIS, 90% repeat stored events (new ids)", n, import_run(repeats, url))
        print(f"filter (dates {FILTER['start']}..{FILTER['end']}, 2 types, visible area, "
              f"{FILTER['radius_km']:g} km radius): store read with pushdown + apply_filters, best of 3")
        for name, (t, k) in filters:
            print(f"  {name:<10} at {n:,} events: {t * 1000:8.0f} ms ({k:,} events kept)")
        if url:
            if args.pg_10m:
                have = 2 * n
                secs = load_pg_copy(url, 10_000_000 - have)
                print(f"  (COPY of {10_000_000 - have:,} more rows: {secs:.0f} s)")
                t, k = filter_time(url)
                print(f"  PostGIS at 10,000,000 events: {t * 1000:8.0f} ms ({k:,} events kept)")
    finally:
        if pg_dir is not None:
            subprocess.run([str(ROOT / "scripts" / "pg-test-server.sh"), "stop", str(pg_dir)], capture_output=True)
    print(f"peak memory of this bench process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
