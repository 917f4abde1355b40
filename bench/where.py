"""Where events land, with and without learned places: a bench on a UCDP GED file split by year.

    python bench/where.py [UCDP_CSV] [--year 2020] [--limit N] [--keep DIR] [--failures]

1. The rows before ``--year`` are written to a temporary CSV (the reader's input format, rows
   unchanged) and imported with ``crisismap import`` into a temporary store (plus the shipped
   GDELT sample as other demo data): the store learns their places.
2. For each row of ``--year`` with a precise point (``where_prec`` 1-2), two short reports are
   written from the row's fields, in two styles of our own wording; the row's point is the gold:

   * ``news``: a headline and a sentence that name Mali ("... in the Mopti region of Mali",
     "a place (cercle, region) in Mali", "near X, Y cercle, Mali").
   * ``notes``: the terse style of event-data notes, with a ``Date:`` header and no country named:
     "On 5 March 2020, JNIM militants attacked FAMa soldiers in X (Douentza, Mopti). ...",
     "... near X (Douentza) ...", "... in X in Douentza cercle ...", or the bare village name. The
     actors are written from the row's sides, sometimes with a word that tells the country ("FAMa",
     "Malian soldiers"), sometimes not ("soldiers", "gunmen"); the place is all a reader has.

3. Each style's reports go through ``crisismap ingest --dry-run --json`` with no store
   (``--no-store``), an empty store, the history store, the history store with learning off, and
   ``with_year``: a store that also imported the year's own rows. That last one is how the issue's
   held-out check runs (its demo data holds the UCDP file of the year it tests, its gold is another
   dataset's coding); here the gold is the imported point itself, so it measures whether a place the
   store knows is found and wins over its namesakes, not what an unknown name costs.
   Printed per style and run: reports with an event; reports whose first event lies within 25 km of
   the gold point (geodesic, WGS84), over all reports and over those with an event (the issue's
   "found events within 25 km"); and those whose first event is also of the
   right type (UCDP violence type 3 -> "Violence against civilians", 1-2 -> "Battles"; the templates
   choose the verbs, so this mostly checks that the place step keeps the event).
4. ``--failures`` classifies each miss of the empty and history runs (see :func:`_classify`):
   no event, landed abroad, the name is unknown and the fallback is a region/country (precision 3)
   or a cercle/town (precision 2) over 25 km away, a name the gazetteer or the store knows near the
   gold point but another candidate won (wrong namesake), or another place of the report taken.

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
from collections import Counter
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
STYLES = ("news", "notes")
NEAR_KM = 25.0

#: how the notes style writes a UCDP side: (words that tell the country, words that do not)
_SIDES = {
    "government of mali": ("FAMa soldiers", "soldiers"),
    "government of niger": ("Nigerien soldiers", "soldiers"),
    "government of burkina faso": ("Burkinabe soldiers", "soldiers"),
    "jnim": ("JNIM militants", "suspected JNIM militants"),
    "is": ("ISGS militants", "Islamic State militants"),
    "aqim": ("AQIM militants", "jihadist militants"),
    "dozos (mali)": ("Dozo militiamen", "Dozo hunters"),
    "dan na ambassagou": ("Dan Na Ambassagou militiamen", "Dogon militiamen"),
    "dogon": ("Dogon militiamen", "Dogon militiamen"),
    "fulani": ("Fulani militiamen", "Fulani militiamen"),
    "civilians": ("civilians", "villagers"),
}


def _strip(s) -> str:
    return _TRAIL.sub("", str(s)).strip() if isinstance(s, str) else ""


def _place(row: pd.Series) -> tuple[str, str]:
    written = str(row["where_coordinates"])
    kind = (_KIND.search(written).group(1).lower() if _KIND.search(written) else "village")
    return _KIND.sub("", written).strip(), kind


def _report(row: pd.Series, k: int) -> str:
    """The ``news`` style: the country is always named."""
    place, kind = _place(row)
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


def _side(name: str, k: int) -> str:
    tells, plain = _SIDES.get(str(name).strip().lower(), ("armed men", "gunmen"))
    return tells if k % 2 == 0 else plain


def _note(row: pd.Series, k: int) -> str:
    """The ``notes`` style: a ``Date:`` header, no country named, the place as event-data notes write it."""
    place, kind = _place(row)
    a1, a2 = _strip(row["adm_1"]), _strip(row["adm_2"])
    ts = pd.Timestamp(row["date_start"])
    day = ts.strftime("%d %B %Y").lstrip("0")
    n = int(row["best"])
    a, b = _side(row["side_a"], k // 4), _side(row["side_b"], k // 4 + 1)
    if int(row["type_of_violence"]) == 3:
        what = f"{a} killed {n} {b if b != 'villagers' else 'civilians'}"
        where = [f"in {place} ({a2}, {a1})", f"in the {kind} of {place} ({a2})", f"near {place} in {a2} cercle",
                 f"in {place}"]
        return f"Date: {ts.date()}\n\nOn {day}, {what} {where[k % 4]}.\n"
    where = [f"in {place} ({a2}, {a1})", f"near the {kind} of {place} ({a2})", f"at {place} in {a2} cercle",
             f"in {place}"]
    return (f"Date: {ts.date()}\n\nOn {day}, {a} clashed with {b} {where[k % 4]}. "
            f"{n} fatalities were reported.\n")


def _ingest(files: list[Path], *flags: str) -> list[dict]:
    buf, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(err):
        code = main(["ingest", *map(str, files), "--json", *flags])
    if code != 0:
        raise SystemExit(f"ingest failed: {err.getvalue()[-500:]}")
    return json.loads(buf.getvalue())


def _first(events: list[dict]) -> dict[str, dict]:
    first: dict[str, dict] = {}
    for e in events:
        first.setdefault(Path(e.get("source") or "").name, e)
    return first


def _right_type(e: dict, violence: int) -> bool:
    return e.get("event_type") == ("Violence against civilians" if violence == 3 else "Battles")


def _score(events: list[dict], gold: dict[str, dict]) -> dict:
    first = _first(events)
    found = [f for f in gold if f in first]
    near = [f for f in found if geodesic_km(first[f]["latitude"], first[f]["longitude"], *gold[f]["point"]) <= NEAR_KM]
    typed = [f for f in near if _right_type(first[f], gold[f]["violence"])]
    return {"reports": len(gold), "with_event": len(found), "within_25km": len(near),
            "within_25km_of_all": round(len(near) / max(1, len(gold)), 3),
            "within_25km_of_found": round(len(near) / max(1, len(found)), 3),
            "right_type_within_25km_of_all": round(len(typed) / max(1, len(gold)), 3)}


def _classify(events: list[dict], gold: dict[str, dict], store: Path | None) -> Counter:
    """One class per report (see the module docstring). "known" means the gazetteer the run used (shipped,
    plus the store's learned places) has a place of the report's name within 25 km of the gold point."""
    from dashboard.places.learned import active_gazetteer, use_store
    from dashboard.places.normalize import normalize

    with use_store(None if store is None else str(store)):
        g = active_gazetteer()
    first = _first(events)
    out: Counter = Counter()
    for f, gd in gold.items():
        key = normalize(gd["name"])
        cands = [g.place(r) for r, _s, _m in g.scored(key)[:40]] if key else []
        known = any(geodesic_km(p.lat, p.lon, *gd["point"]) <= NEAR_KM for p in cands)
        e = first.get(f)
        if e is None:
            out["no event"] += 1
            continue
        d = geodesic_km(e["latitude"], e["longitude"], *gd["point"])
        if d <= NEAR_KM:
            out["within 25 km"] += 1
        elif (e.get("country_code") or "") != gd["country"]:
            out["landed abroad" + (" (name known at home)" if known else "")] += 1
        elif known and normalize(e.get("location") or "") == key:
            out["known name, wrong namesake"] += 1
        elif known:
            out["known name, other place or fallback taken"] += 1
        elif int(e.get("geo_precision") or 1) >= 3:
            out["unknown name, region/country fallback"] += 1
        elif int(e.get("geo_precision") or 1) == 2:
            out["unknown name, cercle/town fallback > 25 km"] += 1
        else:
            out["unknown name, another town taken"] += 1
    return out


def run(csv: Path, year: int, limit: int | None, keep: Path | None, failures: bool = False) -> dict:
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
    full = work / "with_year.gpkg"
    empty = work / "empty.gpkg"
    store.unlink(missing_ok=True)
    full.unlink(missing_ok=True)
    upto = work / f"history_upto_{year}.csv"
    df[years <= year].to_csv(upto, index=False)
    demo = [p for p in (ROOT / "data" / "events").glob("gdelt_*.csv")]
    with contextlib.redirect_stdout(io.StringIO()):
        main(["import", str(hist), *map(str, demo), "--store", str(store)])
        main(["import", str(upto), *map(str, demo), "--store", str(full)])
    out: dict = {"load_average": [round(x, 2) for x in os.getloadavg()]}
    t = time.perf_counter()
    for style, write in (("news", _report), ("notes", _note)):
        reports = work / f"reports_{style}"
        reports.mkdir(exist_ok=True)
        files, gold = [], {}
        for k, (_, row) in enumerate(test.iterrows()):
            f = reports / f"ucdp_{row['id']}.txt"
            f.write_text(write(row, k), encoding="utf-8")
            files.append(f)
            gold[f.name] = {"point": (float(row["latitude"]), float(row["longitude"])), "name": _place(row)[0],
                            "violence": int(row["type_of_violence"]), "country": "ML"}
        res: dict = {}
        runs = {"no_store": (None, ["--no-store"]), "empty_store": (empty, ["--dry-run", "--store", str(empty)]),
                "history": (store, ["--dry-run", "--store", str(store)]),
                "with_year": (full, ["--dry-run", "--store", str(full)])}
        for name, (st, flags) in runs.items():
            events = _ingest(files, *flags)
            res[name] = _score(events, gold)
            if failures and name != "no_store":
                res[name]["classes"] = dict(_classify(events, gold, st).most_common())
        os.environ["CRISISMAP_LEARN_PLACES"] = "0"
        try:
            res["history_learning_off"] = _score(_ingest(files, "--dry-run", "--store", str(store)), gold)
        finally:
            os.environ.pop("CRISISMAP_LEARN_PLACES", None)
        out[style] = res
    out["seconds"] = round(time.perf_counter() - t, 1)
    out["work_dir"] = str(work)
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv", nargs="?", default=str(DEFAULT))
    ap.add_argument("--year", type=int, default=2020)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--keep", type=Path, help="keep the store and reports in this folder")
    ap.add_argument("--failures", action="store_true", help="classify the misses of the empty and history runs")
    a = ap.parse_args()
    if not Path(a.csv).exists():
        raise SystemExit(f"{a.csv}: not found (pass a UCDP GED CSV)")
    print(json.dumps(run(Path(a.csv), a.year, a.limit, a.keep, a.failures), indent=1))
