"""Benchmark the offline gazetteer: cold build, warm load, lookups per second (existing and missing names).

Run: .venv/bin/python bench/geocode.py [--keep-cache]
Uses a fresh temporary cache dir for the cold build (unless --keep-cache: then the user's cache dir).
Prints figures; asserts nothing (goals: warm load < 1 s, >= 100,000 lookups/s).
"""

from __future__ import annotations

import argparse
import os
import random
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# bench/ holds a dashboard.py script: keep it from shadowing the `dashboard` package
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep-cache", action="store_true", help="use the normal cache dir instead of a fresh one")
    ap.add_argument("-n", type=int, default=200_000, help="lookups per measurement")
    args = ap.parse_args()
    tmp = None
    if not args.keep_cache:
        tmp = tempfile.TemporaryDirectory(prefix="crisismap-bench-")
        os.environ["CRISISMAP_CACHE_DIR"] = tmp.name

    from dashboard.places import gazetteer as gz
    from dashboard.places.geocoder import OfflineGeocoder

    t = time.perf_counter()
    g = gz.load_or_build()
    cold = time.perf_counter() - t
    print(f"cold load (build + write cache): {cold:6.2f} s   ({len(g):,} places, {len(g._keys):,} names)")

    best = min(_timed(gz.load_or_build) for _ in range(3))
    print(f"warm load (in process, best of 3): {best:6.3f} s")
    code = ("import time; t=time.perf_counter(); from dashboard.places.gazetteer import load_or_build; "
            "load_or_build(); print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True)
    print(f"warm load (fresh process, incl. imports): {float(out.stdout):6.3f} s")

    rng = random.Random(1)
    names = list(g.names())
    existing = [n.title() for n in rng.sample(names, 20_000)]
    missing = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(5, 12))) + " qx" for _ in range(20_000)]
    # first touch: 50,000 other names, each looked up once (no Place object or key memo cached yet)
    seen = set(existing)
    fresh = [n.title() for n in rng.sample(names, 50_000) if n.title() not in seen][:40_000]
    t = time.perf_counter()
    hits = sum(1 for q in fresh if g.candidates(q, limit=5))
    dt = time.perf_counter() - t
    print(f"Gazetteer.candidates, first lookups:  {len(fresh) / dt:10,.0f} lookups/s  ({hits:,} hits)")
    for label, pool in (("existing", existing), ("missing", missing)):
        queries = (pool * (args.n // len(pool) + 1))[: args.n]
        t = time.perf_counter()
        hits = sum(1 for q in queries if g.candidates(q, limit=5))
        dt = time.perf_counter() - t
        print(f"Gazetteer.candidates, {label:8s} names: {args.n / dt:10,.0f} lookups/s  ({hits:,} hits; "
              f"{len(pool):,} distinct names, repeated)")

    geo = OfflineGeocoder(gazetteer=g)
    n = min(args.n, 50_000)
    for label, pool in (("existing", existing), ("missing", missing)):
        queries = (pool * (n // len(pool) + 1))[:n]
        t = time.perf_counter()
        for q in queries:
            geo.geocode(q)
        dt = time.perf_counter() - t
        print(f"OfflineGeocoder.geocode, {label:8s} names: {n / dt:10,.0f} queries/s")
    if tmp is not None:
        tmp.cleanup()
    return 0


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


if __name__ == "__main__":
    sys.exit(main())
