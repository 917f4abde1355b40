"""`crisismap geocode`, `crisismap distance` and `crisismap gazetteer add|info|learned`."""

from __future__ import annotations

import argparse
import json
import sys

from dashboard.cli import UsageError

JSON_KEYS = ("name", "lat", "lon", "country_code", "admin1", "geonameid", "score", "feature_class",
             "feature_code", "population", "precision", "runner_up", "source")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("geocode", help="resolve a place name to coordinates (offline)")
    p.add_argument("query", help='place name, optionally with ", Country" or ", State"')
    p.add_argument("--country", help="ISO 3166-1 alpha-2 code(s) to restrict to, e.g. ML or ML,BF")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_geocode)

    p = sub.add_parser("distance", help="geodesic distance in km between two places (WGS84)")
    p.add_argument("a", help="first place")
    p.add_argument("b", help="second place")
    p.add_argument("--country", help="ISO alpha-2 code(s) to restrict both places to")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_distance)

    p = sub.add_parser("gazetteer", help="manage the offline gazetteer")
    gsub = p.add_subparsers(dest="gazetteer_command", required=True)
    a = gsub.add_parser("add", help="add a GeoNames dump (ML.txt, allCountries.txt format) to the local index")
    a.add_argument("file", help="GeoNames dump: 19 tab-separated columns, no header")
    a.set_defaults(func=cmd_gazetteer_add)
    i = gsub.add_parser("info", help="where the index lives and what it holds")
    i.set_defaults(func=cmd_gazetteer_info)
    lp = gsub.add_parser("learned", help="places learned from imported event files (the store's places layer)")
    lp.add_argument("--country", help="ISO alpha-2 code to list only that country's places, e.g. ML")
    lp.add_argument("--store", help="event store (default: $CRISISMAP_STORE or the user data dir)")
    lp.add_argument("--json", action="store_true", help="print a JSON list")
    lp.set_defaults(func=cmd_gazetteer_learned)


def _codes(value: str | None) -> list[str] | None:
    if value is None:
        return None
    from dashboard.places.gazetteer import get_gazetteer

    codes = [c.strip().upper() for c in value.replace(" ", ",").split(",") if c.strip()]
    if not codes:
        raise UsageError("--country: empty country code")
    known = get_gazetteer().country_codes()
    bad = [c for c in codes if c not in known]
    if bad:
        raise UsageError(f"--country: unknown country code {bad[0]!r} (use ISO 3166-1 alpha-2, e.g. ML)")
    return codes


def _resolve(query: str, codes: list[str] | None):
    from dashboard.places.geocoder import OfflineGeocoder

    if not query or not query.strip():
        raise UsageError("empty place name")
    geocoder = OfflineGeocoder()
    loc = geocoder.geocode(query, country_codes=codes)
    if loc is None:
        where = f" in {','.join(codes)}" if codes else ""
        hints = geocoder.gazetteer.suggest(query.split(",")[0])
        extra = f"; did you mean: {', '.join(hints)}?" if hints else ""
        raise UsageError(f"place not found: {query.strip()!r}{where}{extra}")
    return loc


def _record(loc) -> dict:
    raw = loc.raw
    rec = {k: raw.get(k) for k in JSON_KEYS}
    rec["lat"], rec["lon"] = loc.latitude, loc.longitude
    rec["name"] = raw.get("name") or loc.address
    return rec


def cmd_geocode(args: argparse.Namespace) -> int:
    loc = _resolve(args.query, _codes(args.country))
    rec = _record(loc)
    if args.json:
        print(json.dumps(rec, ensure_ascii=False))
    else:
        ru = rec["runner_up"]
        alt = f"  (runner-up: {ru['address']})" if ru else ""
        print(f"{loc.address}\t{loc.latitude:.5f}, {loc.longitude:.5f}\tscore {rec['score']:.2f}"
              f"\tprecision {rec['precision']}\t{rec['source']}{alt}")
    return 0


def cmd_distance(args: argparse.Namespace) -> int:
    from dashboard.places.distance import geodesic_km

    codes = _codes(args.country)
    a, b = _resolve(args.a, codes), _resolve(args.b, codes)
    km = geodesic_km(a.latitude, a.longitude, b.latitude, b.longitude)
    if args.json:
        print(json.dumps({"a": _record(a), "b": _record(b), "km": round(km, 3)}, ensure_ascii=False))
    else:
        print(f"{km:.1f} km\t{a.address} -> {b.address} (geodesic, WGS84)")
    return 0


def cmd_gazetteer_add(args: argparse.Namespace) -> int:
    from dashboard.places.gazetteer import GazetteerFileError, add_geonames_dump, get_gazetteer

    try:
        info = add_geonames_dump(args.file)
    except GazetteerFileError as exc:
        raise UsageError(str(exc)) from None
    g = get_gazetteer()  # rebuild now, so the next command loads fast
    print(f"added {info['rows']} rows from {info['file']} (stored in {info['stored']}); "
          f"index {g.version}: {len(g)} places", file=sys.stdout)
    return 0


def cmd_gazetteer_info(args: argparse.Namespace) -> int:
    from dashboard.places.gazetteer import _added_files, cache_dir, get_gazetteer

    g = get_gazetteer()
    print(f"index {g.version}: {len(g)} places, {len(g._keys)} names; cache {cache_dir()}")
    for f in _added_files():
        print(f"added: {f}")
    from dashboard import settings
    from dashboard.places.learned import learned_places

    n = len(learned_places(settings.store()))
    state = "" if settings.learn_places() else " (not used: CRISISMAP_LEARN_PLACES=0)"
    print(f"learned: {n} places in {settings.store()}{state} (`crisismap gazetteer learned` lists them)")
    return 0


def cmd_gazetteer_learned(args: argparse.Namespace) -> int:
    """List the learned places of a store, most events first."""
    from dashboard import settings
    from dashboard.places.learned import describe_sources, learned_places

    store = args.store or settings.store()
    df = learned_places(store)
    if args.country:
        df = df[df["country_code"] == args.country.strip().upper()]
    df = df.sort_values(["events", "name"], ascending=[False, True])
    if args.json:
        sys.stdout.write(df.to_json(orient="records", force_ascii=False, indent=1) + "\n")
        return 0
    if not settings.learn_places():
        print("note: learning is off (CRISISMAP_LEARN_PLACES=0): lookups do not use these places", file=sys.stderr)
    if df.empty:
        print(f"{store}: no learned places" + (f" in {args.country.upper()}" if args.country else "")
              + " (import an ACLED, UCDP or GDELT file with `crisismap import FILE`)")
        return 0
    print(f"{store}: {len(df)} learned places")
    for r in df.itertuples(index=False):
        admin = ", ".join(str(a) for a in (r.admin2, r.admin1) if isinstance(a, str) and a)
        print(f"  {r.name} ({r.country_code}{'; ' + admin if admin else ''})  {r.latitude:.4f}, {r.longitude:.4f}"
              f"  precision {r.geo_precision}  {describe_sources(r.sources)}")
    return 0

