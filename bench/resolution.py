"""Place-name resolution against real gold that is not a news corpus: a UCDP GED file's own rows.

    python bench/resolution.py [UCDP_CSV]

Each row with a precise point (``where_prec`` 1-2) names its place (``where_coordinates``, e.g.
"Boni village") and gives the expert's point. The bench resolves the bare name with the shipped
gazetteer only (learning off), three ways, and prints the share of rows:

* ``name_only``: ``OfflineGeocoder().geocode(name)``: no country given (what a careless resolver does);
* ``with_country``: ``geocode(name, country_codes=<row's country>)``;
* ``in_report``: the place step of a one-line report "Armed men attacked <name>, <Country>, on Monday."
  (``dashboard.events.where.report_places``), which bounds places by the report's country;

found (any point), within 25 km and within 161 km of the gold point, and abroad (outside the row's
country) — the last must be 0 for ``in_report``. Also the share of distinct names the shipped
gazetteer knows in that country, which bounds what any rule can reach without learned places.
``region_points``: UCDP's own region points (``where_prec`` 4) against the gazetteer's admin-1 point
(equal-area centroid) and against the same-named capital town, in km: the check behind keeping the
centroid rule for regions.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
os.environ["CRISISMAP_LEARN_PLACES"] = "0"

from dashboard.places.distance import geodesic_km  # noqa: E402

DEFAULT = next((d / "shared" / "data" / "events" / "ucdp_ged251_mali.csv" for d in (ROOT.parent, ROOT.parent.parent)
                if (d / "shared" / "data" / "events" / "ucdp_ged251_mali.csv").exists()),
               ROOT / "data" / "events" / "ucdp_ged251_mali.csv")
_KIND = re.compile(r"\s+(village|town|city|locality|well|camp|area|market|hamlet|forest|wadi|valley|waterhole)$", re.I)


def main(csv: Path) -> dict:
    from dashboard.events.where import country_name, report_places
    from dashboard.places.geocoder import OfflineGeocoder
    from dashboard.places.learned import use_store
    from dashboard.sources import countries

    df = pd.read_csv(csv, dtype=str, keep_default_na=False)
    df = df[df["where_prec"].isin(["1", "2"])].copy()
    df["name"] = df["where_coordinates"].str.replace(_KIND, "", regex=True).str.strip()
    df["lat"], df["lon"] = df["latitude"].astype(float), df["longitude"].astype(float)
    iso2 = getattr(countries, "iso2_from_name", None)
    cc = {"Mali": "ML", "Burkina Faso": "BF", "Niger": "NE"}
    df["cc"] = df["country"].map(lambda c: cc.get(c) or (iso2(c) if iso2 else None))
    geo = OfflineGeocoder(online="")
    stats = {k: {"found": 0, "within_25km": 0, "within_161km": 0, "abroad": 0} for k in
             ("name_only", "with_country", "in_report")}
    known = set()
    names = df.drop_duplicates(["name", "cc"])
    for r in names.itertuples():
        if geo.geocode(r.name, country_codes=r.cc) is not None:
            known.add((r.name, r.cc))
    with use_store(None):
        for r in df.itertuples():
            got = {"name_only": geo.geocode(r.name), "with_country": geo.geocode(r.name, country_codes=r.cc)}
            ms, _main = report_places(f"Armed men attacked {r.name}, {country_name(r.cc)}, on Monday.")
            hit = next((m for m in ms if m.place is not None and m.place.kind not in ("country",)), None)
            got["in_report"] = hit.place if hit else None
            for k, loc in got.items():
                if loc is None:
                    continue
                lat, lon = (loc.latitude, loc.longitude) if hasattr(loc, "latitude") else (loc.lat, loc.lon)
                ccode = loc.raw["country_code"] if hasattr(loc, "raw") else loc.country_code
                d = geodesic_km(lat, lon, r.lat, r.lon)
                s = stats[k]
                s["found"] += 1
                s["within_25km"] += d <= 25
                s["within_161km"] += d <= 161
                s["abroad"] += ccode != r.cc
    n = len(df)
    regions = _region_points(csv)
    out = {"region_points": regions, "rows": n, "distinct_names": len(names), "names_known_in_country": round(len(known) / max(1, len(names)), 3)}
    for k, s in stats.items():
        out[k] = {m: round(v / n, 3) for m, v in s.items()}
    return out


def _region_points(csv: Path) -> dict:
    """UCDP's own admin-1 points (rows with where_prec 4, "Gao region") against the gazetteer's admin-1
    point (equal-area centroid of the region) and against the region's capital town: km for each."""
    from dashboard.places.gazetteer import get_gazetteer
    from dashboard.places.normalize import normalize

    g = get_gazetteer()
    df = pd.read_csv(csv, dtype={"where_prec": str})
    out = {}
    for (name, _country), row in df[df["where_prec"] == "4"].groupby(["where_coordinates", "country"])[
            ["latitude", "longitude"]].median().iterrows():
        key = normalize(re.sub(r"\s+(region|province|state)$", "", name))
        places = [g.place(r) for r, _s, _m in g.scored(key)]
        area = next((p for p in places if p.kind == "admin1"), None)
        town = next((p for p in places if p.kind == "city" and area is not None and p.country_code == area.country_code),
                    None)
        if area is None:
            continue
        out[name] = {"centroid_km": round(geodesic_km(area.lat, area.lon, row.latitude, row.longitude)),
                     "capital_km": None if town is None else
                     round(geodesic_km(town.lat, town.lon, row.latitude, row.longitude))}
    return out


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not path.exists():
        raise SystemExit(f"{path}: not found (pass a UCDP GED CSV)")
    print(json.dumps(main(path), indent=1))
