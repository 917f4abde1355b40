"""The public Python API for people who script rather than click (``from dashboard import ...``).

Each function takes and returns GeoDataFrames (EPSG:4326, lon/lat degrees, ACLED column names) or
plain values; distances are km at this level. Errors a user can act on are
:class:`dashboard.errors.CrisismapError` subclasses naming the file, row and field.

    from dashboard import read_events, extract_events, open_store, FilterState, apply_filters, export_png
    events, rejects = read_events("ged.csv")                      # ACLED/UCDP/GDELT/table/vector files
    found, why_not = extract_events(text, date="2020-08-18")      # a news report -> events
    store = open_store("events.gpkg"); store.append(events)       # the GeoPackage event store
    near = apply_filters(store.read(), FilterState(place="Kati", radius_km=50), ref=(12.744, -8.073))
    export_png(near, "map.png", title="Within 50 km of Kati")
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import geopandas as gpd

from dashboard.events.schema import Reject

__all__ = ["read_events", "extract_events"]


def read_events(path: str | Path, *, format: str = "auto") -> tuple[gpd.GeoDataFrame, list[Reject]]:
    """The events of one event file and the rows that could not become events.

    `format` is ``"auto"`` (detected from the content) or a reader name (``acled``, ``ucdp``,
    ``gdelt``, ``table``, ``vector``). Returns (events GeoDataFrame in EPSG:4326, rejects with
    file, row, field and reason); rows in = events + rejects. A file that cannot be read at all
    raises :class:`dashboard.errors.InputError` naming it.
    """
    from dashboard.sources.detect import read_any

    res = read_any(path, format=format)
    return res.events, list(res.rejects)


def extract_events(report: str | Path, *, date: dt.date | str | None = None) -> tuple[gpd.GeoDataFrame, list[Reject]]:
    """Events (ACLED event types, geocoded offline, EPSG:4326) from one news report.

    `report` is the report's text, or the path of a .txt/.html file; `date` (a date or YYYY-MM-DD)
    is used when the report states no publication date. Returns (events, rejects): every passage
    that looked like an event but did not become one is a reject with its reason.
    """
    from dashboard.events.extract import extract_events as extract
    from dashboard.sources.article import read_article

    return extract(read_article(report, date=date))
