"""`crisismap ingest FILE... [--date YYYY-MM-DD] [--store PATH] [--json] [--dry-run | --no-store]`: reports -> events.

Place names are looked up in the shipped gazetteer and in the places the store learned from imported
event files (`crisismap gazetteer learned`). `--dry-run` extracts with them and writes nothing;
`--no-store` reads no store and writes nothing.

Each file (plain text or HTML) is read (`dashboard.sources.article`), turned into events
(`dashboard.events.extract`) and appended to the event store (a GeoPackage). With `--json` the
events are printed as a JSON list (dates ISO 8601). Every report ends up as events or in the
reject report, printed on stderr (one line per reject: file, sentence number, field, reason).
Bad input (missing, empty, binary file; bad --date) exits with status 2 and one line naming the
file; then nothing is written.

The `places` sub-command lives in `dashboard.cli.places_cmd` and is registered from here.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from datetime import date, datetime
from pathlib import Path

__all__ = ["register", "ingest_files", "events_to_records"]


def register(sub) -> None:
    """Add `ingest` and `places` to the argparse sub-parsers."""
    p = sub.add_parser("ingest", help="news reports (txt/html) -> dated, geocoded events in the store",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="+", metavar="FILE", help="report files (plain text or HTML) or http(s) URLs "
                                                             "(fetched once, 10 s, 10 MB at most)")
    p.add_argument("--date", help="publication date YYYY-MM-DD, used when a report states none")
    p.add_argument("--store", help="event store: a GeoPackage path or postgresql://user:pass@host:port/db (default: $CRISISMAP_STORE or the user data dir)")
    p.add_argument("--json", action="store_true", help="print the events as a JSON list")
    p.add_argument("--no-store", action="store_true", help="extract and print only: no store is read or written")
    p.add_argument("--dry-run", action="store_true",
                   help="extract with the store's learned places (see `crisismap gazetteer learned`); write nothing")
    p.set_defaults(func=_handle)
    from dashboard.cli import places_cmd

    places_cmd.register(sub)


def _jsonable(v):
    import pandas as pd

    if v is None or v is pd.NaT:
        return None
    if isinstance(v, (datetime, date)):
        return v.date().isoformat() if isinstance(v, datetime) and v.time() == datetime.min.time() \
            else v.isoformat()
    if hasattr(v, "isoformat"):  # pandas Timestamp
        return v.isoformat()
    if isinstance(v, float) and math.isnan(v):
        return None
    if hasattr(v, "item"):
        return _jsonable(v.item())
    try:
        import pandas as pd

        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return v


def events_to_records(gdf) -> list[dict]:
    """Event rows as JSON-ready dicts (no geometry; dates as YYYY-MM-DD; missing values null)."""
    import pandas as pd

    out = []
    cols = [c for c in gdf.columns if c != "geometry"]
    for row in gdf[cols].itertuples(index=False, name=None):
        rec = {}
        for c, v in zip(cols, row, strict=True):
            if isinstance(v, pd.Timestamp):
                rec[c] = None if pd.isna(v) else v.date().isoformat()
            else:
                rec[c] = _jsonable(v)
        out.append(rec)
    return out


def is_url(text: str) -> bool:
    """A scheme://… argument (http, https, or one we refuse clearly, such as ftp:// or file://)."""
    import re

    return re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", text.strip()) is not None


def ingest_files(paths: list[str], *, date_arg: str | None = None):
    """Read and extract every file. Returns (events GeoDataFrame, rejects, per-file summaries).

    Raises dashboard.cli.UsageError (one line naming the file) on the first bad input.
    """
    import pandas as pd

    from dashboard.cli import UsageError
    from dashboard.events.dates import parse_date_arg
    from dashboard.events.extract import extract_events
    from dashboard.events.schema import InputError, empty_events, to_events
    from dashboard.sources.article import read_article

    fallback = None
    if date_arg:
        try:
            fallback = parse_date_arg(date_arg)
        except ValueError as exc:
            raise UsageError(f"--date: {exc}") from None
    articles = []
    for f in paths:
        try:
            src = f.strip() if is_url(f) else Path(f)
            articles.append(read_article(src, date=fallback))
        except InputError as exc:
            raise UsageError(str(exc)) from None
    frames, rejects, summaries = [], [], []
    for a in articles:
        gdf, rej = extract_events(a)
        frames.append(gdf)
        rejects += rej
        summaries.append({"file": a.file, "title": a.title, "published": a.published,
                          "published_from": a.published_from, "events": len(gdf), "rejects": len(rej),
                          "warnings": list(a.warnings), "dropped": len(a.dropped),
                          "distance_checks": gdf.attrs.get("distance_checks", [])})
    frames = [f for f in frames if len(f)]
    events = to_events(pd.concat(frames, ignore_index=True)) if frames else empty_events()
    return events, rejects, summaries


def _store_append(events, store: str | None):
    """Append to the store (a GeoPackage path or postgresql:// URL; default $CRISISMAP_STORE)."""
    from dashboard.events.store import open_store

    st = open_store(store)
    res = st.append(events)
    return st.describe(), f"{res.added} added, {res.merged} merged, {res.total} in the store"


def _handle(args: argparse.Namespace) -> int:
    from dashboard import settings
    from dashboard.places.learned import use_store

    if args.dry_run and args.no_store:
        from dashboard.cli import UsageError

        raise UsageError("--dry-run reads the store's learned places; --no-store reads no store: choose one")
    # which store's learned places the extraction consults: --store, else the user's store; none with --no-store
    read_from = None if args.no_store else (args.store or settings.store())
    with use_store(read_from):
        events, rejects, summaries = ingest_files(args.files, date_arg=args.date)
    for s in summaries:
        for w in s["warnings"]:
            print(f"crisismap ingest: warning: {w}", file=sys.stderr)
    for r in rejects:
        where = f"sentence {r.row}" if r.row else "whole report"
        print(f"crisismap ingest: reject: {r.file}: {where}: {r.field or '-'}: {r.reason}", file=sys.stderr)
    stored = None
    if not args.no_store and not args.dry_run and len(events):
        stored = _store_append(events, args.store)
    if args.json:
        json.dump(events_to_records(events), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for s in summaries:
            pub = s["published"].isoformat() if s["published"] else "unknown"
            print(f"{s['file']}: {s['events']} event(s), {s['rejects']} reject(s); published {pub}"
                  f"{' (' + s['published_from'] + ')' if s['published_from'] else ''}")
            for c in s["distance_checks"]:
                print(f"  {c}")
        for _, e in events.iterrows():
            print(f"  {e['event_date'].date().isoformat()}  {e['event_type']} / {e['sub_event_type']}  at "
                  f"{e['location']} ({e['latitude']:.3f}, {e['longitude']:.3f})  {e['actor1'] or ''}")
    if stored is not None:
        print(f"crisismap ingest: store {stored[0]}: {stored[1]}", file=sys.stderr)
    return 0
