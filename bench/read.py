"""Reader benchmark: how fast event files are read and converted (the first half of `crisismap import`).

    python bench/read.py [--rows 300000] [--csv-module] [FILE ...]

Prints, for a SYNTHETIC ACLED-shaped CSV of --rows rows (bench/acled_synth.py, never ACLED data)
and for any FILE given (a GDELT daily file, a UCDP GED CSV, ...): rows, events, rejects, wall and
CPU seconds, rows/s, and the peak memory of this process. Each file is read as `crisismap import`
reads it (`dashboard.sources.detect.iter_read_any`, chunk by chunk, nothing kept), in process,
so start-up is not included. With --csv-module the same files are read again with the pyarrow CSV
path switched off (`dashboard.sources.tabular.FAST_CSV = False`): the csv-module path that every
irregular file falls back to. Goal: the reader leaves the import most of its time (300k ACLED rows
in ≤ 4 s on a quiet 2-core box).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "bench"))  # after the package: bench/dashboard.py must not shadow it

import acled_synth  # noqa: E402  (bench/acled_synth.py: SYNTHETIC ACLED-shaped files)


def read_once(path: Path) -> dict:
    """Read one file chunk by chunk as the import does: counts, wall and CPU seconds."""
    from dashboard.sources.detect import iter_read_any

    t0, c0 = time.perf_counter(), time.process_time()
    rows = events = rejects = 0
    for part in iter_read_any(path):
        rows += part.rows
        events += len(part.events)
        rejects += len(part.rejects)
    return {"rows": rows, "events": events, "rejects": rejects, "wall": time.perf_counter() - t0,
            "cpu": time.process_time() - c0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=300_000, help="rows of the synthetic ACLED-shaped file (0: none)")
    ap.add_argument("--csv-module", action="store_true", help="also read with the pyarrow path off")
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args()
    from dashboard.sources import tabular

    with tempfile.TemporaryDirectory(prefix="crisismap-bench-read-") as tmp:
        files = list(args.files)
        if args.rows:
            synth = Path(tmp) / f"synthetic_acled_{args.rows}.csv"
            acled_synth.write_acled_csv(synth, args.rows, seed=1)
            files.insert(0, synth)
        read_once(files[0])  # warm up: imports, country outlines
        print(f"load average {os.getloadavg()[0]:.1f} (2-core box: wall times rise with it; CPU is steadier)")
        modes = [("pyarrow", True)] + ([("csv module", False)] if args.csv_module else [])
        for path in files:
            for name, fast in modes:
                tabular.FAST_CSV = fast
                r = read_once(path)
                print(f"{path.name} [{name}]: {r['rows']:,} rows -> {r['events']:,} events, {r['rejects']:,} rejects; "
                      f"{r['wall']:.2f} s wall ({r['rows'] / r['wall']:,.0f} rows/s), {r['cpu']:.2f} s CPU "
                      f"({r['rows'] / max(r['cpu'], 1e-9):,.0f} rows per CPU-s)")
        tabular.FAST_CSV = True
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
