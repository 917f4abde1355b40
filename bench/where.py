"""Where events land, with and without learned places: a bench on a UCDP GED file split by year.

    python bench/where.py [UCDP_CSV] [--year 2020] [--limit N] [--keep DIR]

1. The rows before ``--year`` are written to a temporary CSV (the reader's input format, rows
   unchanged) and imported with ``crisismap import`` into a temporary store (plus the shipped
   GDELT sample as other demo data): the store learns their places.
2. For each row of ``--year`` with a precise point (``where_prec`` 1-2), a short report is written
   from the row's fields with one of several phrasings of our own (a place with its admin chain,
   "in the X region", "near X", "the village of X"); the row's point is the gold.
3. All reports go through ``crisismap ingest --dry-run --json`` three times: with no store
   (``--no-store``), with an empty store, and with the history store. Printed: reports with an
   event, and reports whose first event lies within 25 km of the gold point (geodesic, WGS84),
   over all reports and over those with an event; also the same for learning off.

The reports are generated at run time and never written into the repository. Templates are
deliberately plain: this measures what the place step does with names, not prose understanding.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.cli import main  # noqa: E402
from dashboard.places.distance import geodesic_km  # noqa: E402

DEFAULT = next((d / "shared" / "data" / "events" / "ucdp_ged251_mali.csv" for d in (ROOT.parent, ROOT.parent.parent)
                if (d / "shared" / "data" / "events" / "ucdp_ged251_mali.csv").exists()),
               ROOT.parent / "shared" / "data" / "events" / "ucdp_ged251_mali.csv")
_KIND = re.compile(r"\s+(village|town|city|locality|well|camp|area|market|hamlet)$", re.I)
_TRAIL = re.compile(r"\s+(region|cercle|commune)$", re.I)


def _strip(s) -> str:
    return _TRAIL.sub("", str(s)).strip() if isinstance(s, str) else ""


def _report(row: pd.Series, k: int) -> str:
    written = str(row["where_coordinates"])
    place = _KIND.sub("", written).strip()
    kind = (_KIND.search(written).group(1).lower() if _KIND.search(written) else "village")
    a1, a2 = _strip(row["adm_1"]), _strip(row["adm_2"])
    day = pd.Timestamp(row["date_start"]).strftime("%d %B %Y").lstrip("0")
    n = int(row["best"])
    civ = int(row["type_of_violence"]) == 3
    verb = "armed men attacked" if civ else "soldiers clashed with militants in"
    templates = [
        f"On {day}, {verb} {place} ({a2}, {a1}) in Mali, leaving {n} people dead.",
        f"On {day}, {verb} the {kind} of {place} in the {a1} region of Mali. {n} people were killed.",
        f"On {day}, {'armed men killed' if civ else 'soldiers fought militants'} near {place}, {a2} cercle, Mali; "
        f"{n} people died.",
        f"In Mali's {a1} region, {verb} {place} on {day}, killing {n}.",
    ]
    return "Violence in Mali\n\n" + templates[k % len(templates)] + "\n"


def _ingest(files: list[Path], *flags: str) -> list[dict]:
    buf, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(err):
        code = main(["ingest", *map(str, files), "--json", *flags])
    if code != 0:
        raise SystemExit(f"ingest failed: {err.getvalue()[-500:]}")
    return json.loads(buf.getvalue())


def _score(events: list[dict], gold: dict[str, tuple[float, float]]) -> dict:
    first: dict[str, dict] = {}
    for e in events:
        first.setdefault(e.get("source") or "", e)
    found = [f for f in gold if f in first]
    near = [f for f in found if geodesic_km(first[f]["latitude"], first[f]["longitude"], *gold[f]) <= 25.0]
    return {"reports": len(gold), "with_event": len(found), "within_25km": len(near),
            "within_25km_of_all": round(len(near) / max(1, len(gold)), 3),
            "within_25km_of_found": round(len(near) / max(1, len(found)), 3)}


def run(csv: Path, year: int, limit: int | None, keep: Path | None) -> dict:
    df = pd.read_csv(csv, dtype=str, keep_default_na=False)
    years = pd.to_numeric(df["year"], errors="coerce")
    test = df[(years == year) & df["where_prec"].isin(["1", "2"])]
    if limit:
        test = test.head(limit)
    work = Path(keep or tempfile.mkdtemp(prefix="crisismap-where-"))
    work.mkdir(parents=True, exist_ok=True)
    hist = work / f"history_before_{year}.csv"
    df[years < year].to_csv(hist, index=False)
    store = work / "history.gpkg"
    empty = work / "empty.gpkg"
    store.unlink(missing_ok=True)
    demo = [p for p in (ROOT / "data" / "events").glob("gdelt_*.csv")]
    with contextlib.redirect_stdout(io.StringIO()):
        main(["import", str(hist), *map(str, demo), "--store", str(store)])
    reports = work / "reports"
    reports.mkdir(exist_ok=True)
    files, gold = [], {}
    for k, (_, row) in enumerate(test.iterrows()):
        f = reports / f"ucdp_{row['id']}.txt"
        f.write_text(_report(row, k), encoding="utf-8")
        files.append(f)
        gold[f.name] = (float(row["latitude"]), float(row["longitude"]))
    out = {}
    t = time.perf_counter()
    out["no_store"] = _score(_ingest(files, "--no-store"), gold)
    out["empty_store"] = _score(_ingest(files, "--dry-run", "--store", str(empty)), gold)
    out["history"] = _score(_ingest(files, "--dry-run", "--store", str(store)), gold)
    os.environ["CRISISMAP_LEARN_PLACES"] = "0"
    try:
        out["history_learning_off"] = _score(_ingest(files, "--dry-run", "--store", str(store)), gold)
    finally:
        os.environ.pop("CRISISMAP_LEARN_PLACES", None)
    out["seconds"] = round(time.perf_counter() - t, 1)
    out["work_dir"] = str(work)
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv", nargs="?", default=str(DEFAULT))
    ap.add_argument("--year", type=int, default=2020)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--keep", type=Path, help="keep the store and reports in this folder")
    a = ap.parse_args()
    if not Path(a.csv).exists():
        raise SystemExit(f"{a.csv}: not found (pass a UCDP GED CSV)")
    print(json.dumps(run(Path(a.csv), a.year, a.limit, a.keep), indent=1))
