"""Benchmark the store and layers on 1,000,000 SYNTHETIC events (random, not real data).

    .venv/bin/python bench/layers.py [--n 1000000] [--dir DIR]

Prints the time to write and load the synthetic store, filter by bbox + dates + type (the page's
`apply_filters`, and as a filtered store read), compute geodesic distances to one point, the radius filter, nearest
neighbour distances, and the peak memory: load + filters + layers. Targets: filters < 0.5 s, distances < 0.5 s,
peak memory < 2 GB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path

# bench/ may hold a script named dashboard.py: never let it shadow the package
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from dashboard import layers  # noqa: E402
from dashboard.events.schema import EVENT_TYPES  # noqa: E402
from dashboard.events.store import EventStore  # noqa: E402
from dashboard.filters import FilterState, apply_filters  # noqa: E402
from dashboard.sources.tabular import complete_events  # noqa: E402

KATI = (12.7441, -8.0726)


def synthetic_events(n: int, seed: int = 42):
    """n SYNTHETIC events over West Africa in 2015-2024, every row tagged "synthetic"."""
    rng = np.random.default_rng(seed)
    types = np.array(list(EVENT_TYPES))
    return complete_events(pd.DataFrame({
        "event_id_cnty": np.char.add("SYN", np.arange(n).astype(str)),
        "event_date": pd.Timestamp("2015-01-01") + pd.to_timedelta(rng.integers(0, 3653, n), unit="D"),
        "event_type": types[rng.integers(0, len(types), n)],
        "latitude": rng.uniform(4.0, 25.0, n), "longitude": rng.uniform(-17.0, 15.0, n),
        "actor1": "Synthetic actor", "notes": "synthetic benchmark event", "tags": "synthetic",
        "origin": "manual", "source": "synthetic", "country_code": "ML", "fatalities": rng.integers(0, 20, n),
    }))


def timed(label: str, fn, results: dict, repeat: int = 1):
    """Run fn `repeat` times; record and print the median wall time (and the first run's)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    results[label] = float(np.median(times))
    size = f"{len(out):>9,d} rows" if hasattr(out, "__len__") else ""
    extra = f"  (median of {repeat}; first {times[0]:.3f} s)" if repeat > 1 else ""
    print(f"{label:<44s} {results[label]:8.3f} s  {size}{extra}", flush=True)
    return out


def _build_store(path: str, n: int) -> None:
    r: dict[str, float] = {}
    ev = timed("generate synthetic events", lambda: synthetic_events(n), r)
    store = EventStore(path)
    timed("write store (new GeoPackage)", lambda: [store.append(ev)], r)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--dir", help="where to write synthetic_events.gpkg (default: a temp dir)")
    args = ap.parse_args()
    tmpdir = Path(args.dir or tempfile.mkdtemp(prefix="crisismap-bench-"))
    path = tmpdir / f"synthetic_events_{args.n}.gpkg"
    path.unlink(missing_ok=True)
    print(f"SYNTHETIC benchmark data: {args.n:,d} random events (not real) -> {path}")
    r: dict[str, float] = {}
    # setup in a child process, so the peak memory below is that of loading and analysing
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    child = ctx.Process(target=_build_store, args=(str(path), args.n))
    child.start()
    child.join()
    if child.exitcode != 0:
        raise SystemExit("building the synthetic store failed")
    setup_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{'(setup process peak memory)':<44s} {setup_peak:8.0f} MiB")
    store = EventStore(path)
    loaded = timed("load whole store (all columns)", store.read, r)
    bbox, start, end, typ = (-9.0, 11.5, -6.0, 14.5), "2020-01-01", "2020-12-31", ["Battles"]

    # the page's own filter (dashboard.filters.apply_filters), not a bench-only copy
    state = FilterState(start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end), event_types=tuple(typ),
                        visible_only=True, bbox=bbox)

    def mem_filter():
        return apply_filters(loaded, state)

    sub = timed("filter bbox+dates+type (apply_filters)", mem_filter, r, repeat=5)
    got = timed("filter bbox+dates+type (store read)", lambda: store.read(bbox=bbox, start=start, end=end, event_types=typ), r, repeat=5)
    assert len(got) == len(sub), (len(got), len(sub))
    timed("distances to Kati, all events (geodesic)", lambda: layers.distances_to(loaded, *KATI), r, repeat=5)
    radius = FilterState(place="Kati", radius_km=50.0)
    timed("radius filter 50 km around Kati", lambda: apply_filters(loaded, radius, ref=KATI), r, repeat=5)
    text = FilterState(text="benchmark")
    timed("text filter (every event matches)", lambda: apply_filters(loaded, text), r)
    timed("nearest other event, all events", lambda: layers.nearest_event_distance(loaded), r)
    timed("admin-1 counts", lambda: layers.admin1_counts(loaded), r)
    import os

    print(f"(machine load average while running: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB on Linux
    print(f"{'peak memory: load + filters + layers':<44s} {peak:8.0f} MiB")
    ok = (r["filter bbox+dates+type (apply_filters)"] < 0.5 and r["filter bbox+dates+type (store read)"] < 0.5
          and r["distances to Kati, all events (geodesic)"] < 0.5 and r["radius filter 50 km around Kati"] < 0.5
          and peak < 2048)
    print("targets (filters < 0.5 s, distances < 0.5 s, peak < 2 GB):", "met" if ok else "NOT met")
    if not args.dir:
        path.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
