"""Event extraction against gold: what share of reports give an event, and how right it is.

Run: ``.venv/bin/python bench/events.py [--lang en|fr] [--file GOLD.jsonl ...] [--path api|ingest]
[--no-ucdp] [--ucdp-limit N] [--json]``

Gold sets (each row: id, lang, date, text, gold{event_type, sub_event_type, event_date, time_precision,
fatalities, latitude, longitude, ...}):
- ``bench/gold/events_en_synthetic.jsonl`` and ``bench/gold/events_fr_synthetic.jsonl``: SYNTHETIC
  reports written for crisismap (invented events at real places; see bench/gold/SOURCES.md);
- UCDP GED 25.1 Mali rows (``../shared/data/events/ucdp_ged251_mali.csv``, read at run time, never
  copied): ``source_headline`` as the text, ``date_end`` as the publication date, ``type_of_violence``
  as the type (1 state-based -> Battles or Explosions/Remote violence, 2 non-state -> Battles,
  3 one-sided -> Violence against civilians), ``best`` as deaths, latitude/longitude as the place. The
  headlines are article titles, not event notes, so this set measures robustness more than accuracy.
  Skipped with a note when ../shared is absent.

Each report goes through the public path: a ``Date: YYYY-MM-DD`` header line, a blank line and the
text are read by ``dashboard.sources.article.read_article`` (no ``Language:`` header: the language is
the reader's to find), then ``dashboard.events.extract.extract_events``. ``--path ingest`` instead
writes each report to a temporary file and runs ``dashboard.cli.articles.ingest_files`` (the code of
``crisismap ingest --no-store``).

Matching (defined once, here): the report's events are compared with its one gold event. The matched
event is the first extracted event of the gold sub-event type, else the first of the gold event
type, else the first event. All figures are shares of ALL reports in the set (a report with no event
counts as wrong), except fatalities, whose denominator leaves out reports whose gold figure is vague
("dozens", "several": gold fatalities null).
- event: the report gives at least one event.
- type / sub-type: the matched event has the gold event type / sub-event type. ("first type": the
  first event has the gold type, shown for reference.)
- date: the matched event's date is within the gold precision: time_precision 1 the same day,
  2 within 3 days, 3 within 15 days; UCDP: inside [date_start, date_end]. "date exact": the same day.
- fatalities: the matched event's fatalities equal the gold figure (no figure counts as 0).
- place 25 km: the matched event lies within 25 km of the gold point (geodesic, WGS84).
- type 25 km: SOME event of the gold type lies within 25 km of the gold point.
- reports/s: reports read and extracted per second, in process (gazetteer load excluded: one
  warm-up report runs first).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# bench/ holds a script named dashboard.py: make sure `import dashboard` finds the package
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

GOLD_DIR = ROOT / "bench" / "gold"
DEFAULT_FILES = [GOLD_DIR / "events_en_synthetic.jsonl", GOLD_DIR / "events_fr_synthetic.jsonl"]
_SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
               ROOT.parent / "shared")
UCDP_CSV = _SHARED / "data" / "events" / "ucdp_ged251_mali.csv"
RADIUS_KM = 25.0
DATE_TOLERANCE_DAYS = {1: 0, 2: 3, 3: 15}
METRICS = ["event", "type", "sub-type", "date", "date exact", "fatalities", "place 25 km", "type 25 km"]
UCDP_TYPES = {"1": {"Battles", "Explosions/Remote violence"}, "2": {"Battles"},
              "3": {"Violence against civilians"}}


@dataclass
class Gold:
    """One report and its gold coding. `types` is the set of acceptable event types."""

    id: str
    lang: str
    published: str
    text: str
    types: set[str]
    sub: str | None
    event_date: date
    time_precision: int
    fatalities: int | None
    lat: float
    lon: float
    date_range: tuple[date, date] | None = None


@dataclass
class Outcome:
    gold: Gold
    scores: dict[str, bool | None] = field(default_factory=dict)
    got: str = ""


def load_jsonl(path: Path, lang: str | None) -> list[Gold]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            r = json.loads(line)
            if lang and r.get("lang") != lang:
                continue
            g = r["gold"]
            out.append(Gold(r["id"], r.get("lang", ""), r["date"], r["text"], {g["event_type"]},
                            g.get("sub_event_type"), date.fromisoformat(g["event_date"]),
                            int(g.get("time_precision") or 1), g.get("fatalities"),
                            float(g["latitude"]), float(g["longitude"])))
    return out


def load_ucdp(limit: int | None) -> list[Gold]:
    """UCDP GED rows with a headline, read from ../shared at run time (never stored in the repository)."""
    out = []
    with open(UCDP_CSV, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            head = " ".join((row.get("source_headline") or "").split())
            if not head:
                continue
            d0, d1 = date.fromisoformat(row["date_start"][:10]), date.fromisoformat(row["date_end"][:10])
            out.append(Gold(f"ucdp-{row['id']}", "en", d1.isoformat(), head,
                            UCDP_TYPES.get(row["type_of_violence"], set()), None, d1, 1,
                            int(float(row["best"])), float(row["latitude"]), float(row["longitude"]),
                            (d0, d1)))
            if limit and len(out) >= limit:
                break
    return out


def report_text(g: Gold) -> str:
    """The report as a user would paste it: a Date header, a blank line, the text."""
    return f"Date: {g.published}\n\n{g.text}\n"


def _extract_api(g: Gold):
    from dashboard.errors import CrisismapError
    from dashboard.events.extract import extract_events
    from dashboard.sources.article import read_article

    try:
        gdf, _rejects = extract_events(read_article(report_text(g)))
    except CrisismapError:      # the reader refused the text (e.g. only page furniture): no event
        return None
    return gdf


def _extract_ingest(g: Gold, tmp: Path):
    from dashboard.cli.articles import ingest_files
    from dashboard.errors import CrisismapError

    p = tmp / f"{g.id}.txt"
    p.write_text(report_text(g), encoding="utf-8")
    try:
        events, _rejects, _summaries = ingest_files([str(p)])
    except CrisismapError:      # `crisismap ingest` would print one line and exit 2: no event
        return None
    return events


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from dashboard.places.distance import geodesic_km

    if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in (lat1, lon1)):
        return math.inf
    return float(geodesic_km(lat1, lon1, lat2, lon2))


def _as_date(v) -> date | None:
    if v is None:
        return None
    try:
        import pandas as pd

        if pd.isna(v):
            return None
        return pd.Timestamp(v).date()
    except (TypeError, ValueError):
        return None


def score(g: Gold, gdf) -> Outcome:
    """Score one report's events against its gold (matching as in the module docstring)."""
    o = Outcome(g)
    rows = [] if gdf is None or len(gdf) == 0 else gdf.to_dict("records")
    s = o.scores
    s["event"] = bool(rows)
    if not rows:
        for k in METRICS[1:]:
            s[k] = None if (k == "fatalities" and g.fatalities is None) else False
        s["sub-type"] = None if g.sub is None else False
        s["first type"] = False
        return o
    m = next((r for r in rows if g.sub and r.get("sub_event_type") == g.sub), None)
    m = m or next((r for r in rows if r.get("event_type") in g.types), None) or rows[0]
    o.got = f"{m.get('event_type')} / {m.get('sub_event_type')} @ {m.get('location')}"
    s["type"] = m.get("event_type") in g.types
    s["first type"] = rows[0].get("event_type") in g.types
    s["sub-type"] = None if g.sub is None else m.get("sub_event_type") == g.sub
    d = _as_date(m.get("event_date"))
    if g.date_range is not None:
        s["date"] = d is not None and g.date_range[0] <= d <= g.date_range[1]
    else:
        tol = DATE_TOLERANCE_DAYS.get(g.time_precision, 0)
        s["date"] = d is not None and abs((d - g.event_date).days) <= tol
    s["date exact"] = d == g.event_date
    if g.fatalities is None:
        s["fatalities"] = None
    else:
        f = m.get("fatalities")
        try:
            f = 0 if f is None or (isinstance(f, float) and math.isnan(f)) else int(f)
        except (TypeError, ValueError):
            f = 0
        s["fatalities"] = f == int(g.fatalities)
    s["place 25 km"] = _km(m.get("latitude"), m.get("longitude"), g.lat, g.lon) <= RADIUS_KM
    s["type 25 km"] = any(r.get("event_type") in g.types
                          and _km(r.get("latitude"), r.get("longitude"), g.lat, g.lon) <= RADIUS_KM
                          for r in rows)
    return o


def run(golds: list[Gold], path: str) -> tuple[list[Outcome], float]:
    """Extract and score every report; returns the outcomes and reports per second."""
    tmp_ctx = tempfile.TemporaryDirectory(prefix="crisismap-bench-") if path == "ingest" else None
    tmp = Path(tmp_ctx.name) if tmp_ctx else None

    def one(g: Gold):
        return _extract_ingest(g, tmp) if tmp is not None else _extract_api(g)

    if golds:
        one(golds[0])           # warm-up: gazetteer and lexicons load
    outcomes, spent = [], 0.0
    for g in golds:
        t0 = time.perf_counter()
        gdf = one(g)
        spent += time.perf_counter() - t0
        outcomes.append(score(g, gdf))
    if tmp_ctx:
        tmp_ctx.cleanup()
    return outcomes, (len(golds) / spent if spent else 0.0)


def summarise(outcomes: list[Outcome]) -> dict[str, float | int | None]:
    out: dict[str, float | int | None] = {"n": len(outcomes)}
    for k in METRICS + ["first type"]:
        vals = [o.scores.get(k) for o in outcomes if o.scores.get(k) is not None]
        out[k] = round(sum(bool(v) for v in vals) / len(vals), 3) if vals else None
    return out


def by_subtype(outcomes: list[Outcome]) -> dict[str, dict]:
    groups: dict[str, list[Outcome]] = {}
    for o in outcomes:
        groups.setdefault(o.gold.sub or "/".join(sorted(o.gold.types)), []).append(o)
    return {k: summarise(v) for k, v in sorted(groups.items())}


def _fmt(v) -> str:
    return "   -" if v is None else f"{v:.2f}" if isinstance(v, float) else str(v)


def print_table(title: str, summary: dict, table: dict[str, dict] | None, rate: float) -> None:
    cols = METRICS
    print(f"\n== {title}: {summary['n']} reports, {rate:.0f} reports/s")
    print("  " + "  ".join(f"{c}" for c in cols) + "  first type")
    print("  " + "  ".join(f"{_fmt(summary[c]):>{len(c)}}" for c in cols) + f"  {_fmt(summary['first type']):>10}")
    if not table:
        return
    w = max(len(k) for k in table)
    short = ["n", "event", "type", "sub", "date", "fatal", "25km", "type25"]
    keys = ["n", "event", "type", "sub-type", "date", "fatalities", "place 25 km", "type 25 km"]
    print(f"  {'sub-event type':<{w}}  " + "  ".join(f"{s:>6}" for s in short))
    for name, row in table.items():
        print(f"  {name:<{w}}  " + "  ".join(f"{_fmt(row[k]):>6}" for k in keys))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", choices=["en", "fr"], help="only the gold reports in this language")
    ap.add_argument("--file", action="append", type=Path, help="gold JSONL file(s) (default: both synthetic sets)")
    ap.add_argument("--path", choices=["api", "ingest"], default="api",
                    help="api: read_article + extract_events; ingest: the `crisismap ingest` code on temp files")
    ap.add_argument("--no-ucdp", action="store_true", help="skip the UCDP GED rows")
    ap.add_argument("--ucdp-limit", type=int, default=None, help="at most N UCDP rows")
    ap.add_argument("--misses", type=int, default=0, help="print up to N reports whose matched event is wrong")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    args = ap.parse_args(argv)

    sets: list[tuple[str, list[Gold]]] = []
    for f in args.file or DEFAULT_FILES:
        if not f.exists():
            print(f"bench/events.py: {f}: no such gold file", file=sys.stderr)
            return 2
        golds = load_jsonl(f, args.lang)
        if golds:
            sets.append((f.name, golds))
    notes = []
    if not args.no_ucdp and args.lang in (None, "en") and not args.file:
        if UCDP_CSV.exists():
            sets.append(("UCDP GED 25.1 Mali headlines", load_ucdp(args.ucdp_limit)))
        else:
            notes.append(f"UCDP part skipped: {UCDP_CSV} is absent (../shared not beside the checkout)")

    result = {"path": args.path, "sets": {}, "notes": notes}
    for name, golds in sets:
        outcomes, rate = run(golds, args.path)
        summary = summarise(outcomes)
        table = None if name.startswith("UCDP") else by_subtype(outcomes)
        result["sets"][name] = {"summary": summary, "reports_per_s": round(rate, 1), "by_sub_event_type": table}
        if not args.json:
            print_table(name, summary, table, rate)
            if args.misses:
                bad = [o for o in outcomes if not (o.scores.get("type") and o.scores.get("place 25 km"))]
                for o in bad[: args.misses]:
                    print(f"  miss {o.gold.id}: want {sorted(o.gold.types)} / {o.gold.sub}; got {o.got or 'nothing'}"
                          f"  | {o.gold.text[:110]}")
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        for n in notes:
            print(f"note: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
