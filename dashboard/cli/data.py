"""`crisismap import` and `crisismap export`: event files into and out of the store.

    crisismap import FILE... [--format auto|acled|ucdp|gdelt|table|vector] [--store PATH] [--json]
                             [--rejects REPORT.csv] [--dry-run]
    crisismap export [--store PATH] --format csv|xlsx|geojson|gpkg|png|html|gif|mp4 [--start D] [--end D]
                     [--type T]... [--bbox W,S,E,N] [--place NAME|LAT,LON --radius-km KM] [--text S] -o FILE

An import of several files is one atomic store update: a bad file (exit 2) leaves the store unchanged.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from typing import TYPE_CHECKING

from dashboard import settings
from dashboard.cli import UsageError
from dashboard.errors import InputError

if TYPE_CHECKING:  # pandas/geopandas load only when a data command runs (`crisismap geocode` starts fast)
    import geopandas as gpd

    from dashboard.filters import FilterState

EXPORT_FORMATS = ("csv", "xlsx", "geojson", "gpkg", "png", "html", "gif", "mp4")


def register(subparsers) -> None:
    from dashboard.sources import FORMATS

    p = subparsers.add_parser("import", help="event files (ACLED, UCDP, GDELT, tables, GeoJSON/GPKG/GeoParquet) -> the store",
                              description="Read event files, check every row, and append the good ones to the store "
                                          "with de-duplication. Rows in = loaded + rejected, always.")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", default="auto", choices=FORMATS, help="force a reader (default: detect)")
    p.add_argument("--store", help="event store: a GeoPackage path or postgresql://user:pass@host:port/db (default: $CRISISMAP_STORE or the user data dir)")
    p.add_argument("--json", action="store_true", help='print {"rows","loaded","rejected","rejects":[...]} as JSON')
    p.add_argument("--rejects", metavar="REPORT.csv", help="write every reject (file,row,field,reason) to this CSV")
    p.add_argument("--dry-run", action="store_true", help="read and check only; write nothing to the store")
    p.set_defaults(func=cmd_import)

    e = subparsers.add_parser("export", help="filtered events from the store -> CSV/XLSX/GeoJSON/GeoPackage/PNG/HTML")
    e.add_argument("--store", help="event store: a GeoPackage path or postgresql://user:pass@host:port/db (default: $CRISISMAP_STORE or the user data dir)")
    e.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    e.add_argument("-o", "--output", required=True, metavar="FILE")
    e.add_argument("--start", help="first day, YYYY-MM-DD")
    e.add_argument("--end", help="last day, YYYY-MM-DD (inclusive)")
    e.add_argument("--type", action="append", default=[], metavar="EVENT_TYPE",
                   help="ACLED event type (repeat, or comma-separate)")
    e.add_argument("--bbox", metavar="W,S,E,N", help="degrees west,south,east,north")
    e.add_argument("--place", help="a place name (geocoded offline) or LAT,LON; needs --radius-km")
    e.add_argument("--radius-km", type=float, help="keep events within this many km of --place (geodesic)")
    e.add_argument("--text", help="case-insensitive text in notes, evidence or actors (as the page's text filter)")
    e.add_argument("--title", default="crisismap", help="title for png/html/gif/mp4")
    e.add_argument("--window", default="week", choices=("day", "week", "month"),
                   help="gif/mp4: the time window of each frame (default week)")
    e.add_argument("--seconds-per-frame", type=float, default=1.0, help="gif/mp4: how long each frame shows")
    e.set_defaults(func=cmd_export)


def _store(location: str | None):
    """The store named by --store (a GeoPackage path or postgresql:// URL), else $CRISISMAP_STORE."""
    from dashboard.events.store import open_store

    return open_store(location)


def cmd_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from dashboard import memory
    from dashboard.events.store import PlaceFeed
    from dashboard.sources.detect import iter_read_any

    memory.limit_arenas()  # the reader thread and the writer share freed memory (peak of a big import)

    per_file: list[dict] = []
    all_rejects = []
    if args.rejects:
        from dashboard.views.export import check_output

        check_output(args.rejects)  # before the store changes

    learn = settings.learn_places()
    learned: list = []

    def chunks():
        from dashboard.places.learned import places_from_events

        for f in args.files:
            rows = loaded = events = 0
            fmt = None
            last = None
            for part in iter_read_any(f, format=args.format):
                fmt = part.format
                part.check()
                rows += part.rows
                loaded += part.loaded
                events += len(part.events)
                all_rejects.extend(part.rejects)
                if learn:
                    learned.append(places_from_events(part.events, fmt, f))
                last = part
                yield part.events
            per_file.append({"file": f, "format": fmt, "rows": rows, "loaded": loaded, "rejected": rows - loaded,
                             "events": events, "notes": last.file_notes() if last is not None else []})

    store = _store(args.store)
    places = None
    try:
        if args.dry_run:
            for _ in chunks():
                pass
            result = None
        else:
            feed = PlaceFeed(pending=lambda: _drain(learned), files=tuple(Path(f).name for f in args.files))
            result = store.append_many(chunks(), joins=args.json, places=feed if learn else None)
            places = result.places
    except InputError as exc:
        raise UsageError(str(exc)) from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None

    if args.rejects:
        from dashboard.views.export import neutralise_cell, write_output

        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["file", "row", "field", "reason"])
        for r in all_rejects:
            w.writerow([neutralise_cell(v) for v in (r.file, r.row, r.field, r.reason)])
        write_output(args.rejects, buf.getvalue().encode("utf-8"))
    rows = sum(f["rows"] for f in per_file)
    loaded = sum(f["loaded"] for f in per_file)
    report = {
        "rows": rows, "loaded": loaded, "rejected": len(all_rejects),
        "rejects": [{"row": r.row, "field": r.field, "reason": r.reason, "file": r.file} for r in all_rejects],
        "files": per_file, "store": store.describe(),
    }
    if result is not None:
        # joins: for each merged row, the stored event it joined (and why); links: rows of another
        # curated dataset recorded as the same happening without merging
        report.update(added=result.added, merged=result.merged, linked=result.linked, total=result.total,
                      joins=[j for j in result.joins if "joined" in j],
                      links=[j for j in result.joins if "linked" in j])
        if places is not None:
            report["places_learned"] = places
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    for f in per_file:
        folded = f" (into {f['events']} events)" if f["events"] != f["loaded"] else ""
        print(f"{f['file']}: {f['format']}, {f['rows']} rows, {f['loaded']} loaded{folded}, {f['rejected']} rejected")
        for note in f["notes"]:
            print(f"  note: {note}")
    for r in all_rejects[:20]:
        field = f", field {r.field!r}" if r.field else ""
        print(f"  reject {r.file}, row {r.row}{field}: {r.reason}")
    if len(all_rejects) > 20:
        print(f"  ... {len(all_rejects) - 20} more rejects" + ("" if args.rejects else " (use --rejects REPORT.csv)"))
    if result is not None:
        linked = f", {result.linked} linked to another dataset's event" if result.linked else ""
        print(f"store {store.describe()}: {result.added} added, {result.merged} merged with stored events{linked}, "
              f"{result.total} in total")
        if places is not None:
            print(f"places learned: {places['from_files']} precise places in these files; "
                  f"{places['total']} in the store's places layer")
    else:
        print("dry run: nothing written")
    return 0


def _drain(frames: list) -> list:
    """The learned-places frames read so far, removed from `frames` (the reader thread appends to it)."""
    out = frames[:len(frames)]
    del frames[:len(out)]
    return out


def _parse_bbox(text: str) -> tuple[float, float, float, float]:
    try:
        w, s, e, n = (float(v) for v in text.split(","))
    except ValueError:
        raise UsageError(f"--bbox {text!r}: expected W,S,E,N in degrees") from None
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
        raise UsageError(f"--bbox {text!r}: out of range (W,S,E,N degrees, south <= north)")
    return w, s, e, n


def _resolve_place(text: str) -> tuple[str, float, float]:
    parts = text.split(",")
    if len(parts) == 2:
        try:
            lat, lon = float(parts[0]), float(parts[1])
            if abs(lat) <= 90 and abs(lon) <= 180:
                return text, lat, lon
        except ValueError:
            pass
    from dashboard.places.geocoder import OfflineGeocoder

    loc = OfflineGeocoder().geocode(text)
    if loc is None:
        raise UsageError(f"--place {text!r}: not found in the offline gazetteer")
    return loc.raw.get("name", text) if loc.raw else text, loc.latitude, loc.longitude


def _date(text: str | None, flag: str):
    if not text:
        return None
    try:
        import pandas as pd

        return pd.Timestamp(text)
    except ValueError:
        raise UsageError(f"{flag} {text!r}: expected YYYY-MM-DD") from None


def export_state(args: argparse.Namespace) -> tuple[FilterState, tuple[float, float] | None]:
    """The export's options as the page's :class:`FilterState`, and the reference point (lat, lon) for
    --place (None without one): `crisismap export` and the page ask the same filter the same question."""
    from dashboard.events.schema import EVENT_TYPES
    from dashboard.filters import FilterState

    types = tuple(t.strip() for v in args.type for t in v.split(",") if t.strip())
    bad = [t for t in types if t not in EVENT_TYPES]
    if bad:
        raise UsageError(f"--type {bad[0]!r}: expected one of {', '.join(EVENT_TYPES)}")
    start, end = _date(args.start, "--start"), _date(args.end, "--end")
    bbox = _parse_bbox(args.bbox) if args.bbox else None
    state = FilterState(start=start.date() if start is not None else None, end=end.date() if end is not None else None,
                        event_types=types, text=(args.text or "").strip(), visible_only=bbox is not None, bbox=bbox)
    ref = None
    if args.place or args.radius_km is not None:
        if not (args.place and args.radius_km is not None):
            raise UsageError("--place and --radius-km go together")
        if args.radius_km <= 0:
            raise UsageError("--radius-km must be positive")
        name, lat, lon = _resolve_place(args.place)
        state = state.replace(place=name, radius_km=float(args.radius_km), rings_km=(float(args.radius_km),))
        ref = (lat, lon)
    return state, ref


def read_filtered(args: argparse.Namespace) -> tuple[gpd.GeoDataFrame, dict]:
    """Read the store and apply the export's filters with :func:`dashboard.filters.apply_filters`;
    returns (events, options for png/html)."""
    from dashboard.filters import apply_filters, pushdown

    state, ref = export_state(args)
    store = _store(args.store)
    demo_note = None
    if not store.exists() and not args.store and settings.store_from_env() is None:
        # No store of the user's own yet: export the embedded demo data, and say so.
        from dashboard import demo
        from dashboard.events.store import open_store

        store = open_store(str(demo.ensure_demo_store(quiet=True)))
        demo_note = f"crisismap export: no store of your own yet; exported the demo store {store.describe()}"
    if not store.exists():
        raise UsageError(f"{store.describe()}: no event store here yet (run `crisismap import FILE` first)")
    # the store narrows the read (dates, types, bbox, radius: SQL on PostGIS, R-tree and indexes in a
    # GeoPackage); apply_filters then decides, as on the page
    pushed = pushdown(state, ref)
    if state.bbox:
        pushed["bbox"] = tuple(state.bbox)
    events = store.read(**pushed)
    events = apply_filters(events, state, ref)
    opts: dict = {"filters_summary": state.summary()}
    if demo_note:
        opts["note"] = demo_note
    if ref is not None:
        opts["ref_place"] = (state.place, ref[0], ref[1])
        opts["radius_km"] = state.radius_km
    if state.start is not None or state.end is not None:
        opts["date_range"] = (_date(args.start, "--start"), _date(args.end, "--end"))
    return events, opts


def table_bytes(events: gpd.GeoDataFrame, fmt: str) -> bytes:
    """CSV/XLSX (ACLED column names, dates YYYY-MM-DD, formula-like text neutralised), GeoJSON
    (RFC 7946) or GeoPackage (layer "events") bytes of the events' schema columns and `sources`
    (every source of each event, JSON)."""
    from dashboard.events.provenance import sources_json
    from dashboard.events.schema import EVENT_COLUMNS
    from dashboard.views.export import export_table

    events = events[EVENT_COLUMNS + ["geometry"]]
    return export_table(events.assign(sources=sources_json(events)), fmt)


def _animation_bytes(events: gpd.GeoDataFrame, opts: dict, args: argparse.Namespace) -> bytes:
    """The GIF or MP4 (`views.animate`: a frame per --window over the date range) as bytes."""
    import tempfile
    from pathlib import Path

    import pandas as pd

    from dashboard.views import animate

    kw: dict = {"title": args.title, "filters_summary": opts.get("filters_summary", "")}
    if "ref_place" in opts:
        name, lat, lon = opts["ref_place"]
        kw["ref_place"] = (name, lat, lon)
        kw["rings"] = [(lat, lon, opts["radius_km"])]
    a, b = opts.get("date_range") or (None, None)
    kw["start"] = pd.Timestamp(a).date() if a is not None else None
    kw["end"] = pd.Timestamp(b).date() if b is not None else None
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"animation.{args.format}"
            frames = animate.export_animation(events, path, args.format, window=args.window,
                                              seconds_per_frame=args.seconds_per_frame, **kw)
            data = path.read_bytes()
    except (ImportError, ValueError) as exc:
        raise UsageError(f"--format {args.format}: {exc}") from None
    print(f"{frames} frames ({args.window} each)", file=sys.stderr)
    return data


def cmd_export(args: argparse.Namespace) -> int:
    from dashboard.views import export as views_export

    out = views_export.check_output(args.output)  # fail before the work: a folder, a missing parent, read-only
    events, opts = read_filtered(args)
    title = args.title
    if args.format in ("csv", "xlsx", "geojson", "gpkg"):
        data = table_bytes(events, args.format)
    elif args.format in ("gif", "mp4"):
        data = _animation_bytes(events, opts, args)
    elif args.format == "png":
        kw = {"title": title, "filters_summary": opts.get("filters_summary", "")}
        if "ref_place" in opts:
            name, lat, lon = opts["ref_place"]
            kw["ref_place"] = (name, lat, lon)
            kw["rings"] = [(lat, lon, opts["radius_km"])]
        if "date_range" in opts:
            kw["date_range"] = opts["date_range"]
        data = views_export.png_bytes(events, **kw)
    else:
        kw = {"title": title}
        if "ref_place" in opts:
            kw["ref_place"] = opts["ref_place"]
            kw["rings_km"] = (opts["radius_km"],)
        try:
            data = views_export.html_page(events, **kw).encode("utf-8")
        except FileNotFoundError as exc:
            raise UsageError(f"--format html: {exc}") from None
    views_export.write_output(out, data)
    if opts.get("note"):
        print(opts["note"], file=sys.stderr)
    print(f"{out}: {len(events)} events ({args.format})", file=sys.stderr)
    return 0
