"""The demo store: what `crisismap run` opens when no store is given.

It is built by the project's own pipeline, never by hand: the shipped event files in
`data/events/` go through `dashboard.sources.detect.read_any`, the sample reports in
`data/articles/` through `dashboard.sources.article` + `dashboard.events.extract`, and the
result is written to a GeoPackage event store. The build is repeated when an input is newer
than the store. Also here: the demo's opening view (Mali, June–September 2020, Kati).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from dashboard import resources, settings
from dashboard.filters import FilterState
from dashboard.views.mapview import MapView

ARTICLES = resources.articles_dir()
EVENT_FILES = resources.events_dir()
BOUNDARIES = resources.data_path("boundaries")
STORE_ENV = "CRISISMAP_STORE"

#: the demo opens on Mali, with the build-up of protests and the August 2020 coup in view.
DEMO_VIEW = MapView(center=(13.6, -6.6), zoom=7)
DEMO_START, DEMO_END = dt.date(2020, 6, 1), dt.date(2020, 9, 30)


def default_state(events: pd.DataFrame | None = None, demo: bool = True) -> FilterState:
    """The filters the page opens with: the demo window and Kati with 15/50 km rings, or for
    another store the last 90 days of its data and no reference place."""
    if demo:
        return FilterState(start=DEMO_START, end=DEMO_END, place="Kati", rings_km=(15.0, 50.0),
                           center=DEMO_VIEW.center, zoom=DEMO_VIEW.zoom)
    if events is None or events.empty or events["event_date"].dropna().empty:
        return FilterState()
    from dashboard.views.mapview import fit_view

    last = events["event_date"].max().date()
    view = fit_view(events)
    return FilterState(start=last - dt.timedelta(days=89), end=last, center=view.center, zoom=view.zoom)


def demo_store_path() -> Path:
    """Where the demo store is built (``$CRISISMAP_DEMO_STORE``, else the user data dir; see settings)."""
    return settings.demo_store()


def _inputs() -> list[Path]:
    files = []
    for folder in (EVENT_FILES, ARTICLES):
        if folder.is_dir():
            files += sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")
                            and p.suffix.lower() not in {".md"})
    return files


@dataclass
class BuildReport:
    """What went into the demo store: events per input file and the rejects (file, row, field, reason)."""

    path: Path
    events: int = 0
    per_file: dict[str, int] = field(default_factory=dict)
    rejects: list = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _read_event_file(path: Path) -> tuple[gpd.GeoDataFrame, list]:
    """A shipped event file (UCDP, ACLED, GDELT, ...) through the project's format detection."""
    from dashboard.sources.detect import read_any

    res = read_any(path)
    return res.events, list(res.rejects)


def _read_article_file(path: Path) -> tuple[gpd.GeoDataFrame, list]:
    """A sample report through the article reader and the article -> events extractor."""
    from dashboard.events.extract import extract_events
    from dashboard.sources.article import read_article

    return extract_events(read_article(path))


def build_demo_store(path: Path | None = None) -> BuildReport:
    """(Re)build the demo GeoPackage from data/events/ and data/articles/ with the project's readers."""
    from dashboard.events.schema import to_events

    path = Path(path or demo_store_path())
    report = BuildReport(path=path)
    frames = []
    learned = []  # the shipped event files teach their places like any import (dashboard.places.learned)
    for f in _inputs():
        try:
            ev, rejects = (_read_article_file if f.parent == ARTICLES else _read_event_file)(f)
            report.rejects += rejects
        except ImportError as exc:  # a pipeline module is not there yet: say so, do not invent data
            report.skipped.append(f"{f.name}: {exc}")
            continue
        if ev is None or len(ev) == 0:
            report.per_file[f.name] = 0
            continue
        frames.append(to_events(ev))
        report.per_file[f.name] = len(ev)
        if f.parent != ARTICLES and settings.learn_places():
            from dashboard.places.learned import places_from_events

            learned.append(places_from_events(ev, None, f.name))
    from dashboard.events.schema import empty_events

    events = to_events(pd.concat(frames, ignore_index=True)) if frames else empty_events()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.stem + ".building.gpkg")
    tmp.unlink(missing_ok=True)
    write_store(events, tmp)
    if learned and len(events):
        from dashboard.events.store import EventStore
        from dashboard.places.learned import merge_places

        EventStore(tmp).replace_places(merge_places(None, pd.concat(learned, ignore_index=True)))
    os.replace(tmp, path)
    from dashboard.events.store import EventStore

    report.events = EventStore(path).count()
    return report


def write_store(events: gpd.GeoDataFrame, path: Path) -> None:
    """Write events into a (new) GeoPackage event store through the project's EventStore."""
    from dashboard.events.store import EventStore

    EventStore(path).append(events)


def needs_build(path: Path) -> bool:
    if not path.exists():
        return True
    built = path.stat().st_mtime
    newest = max((p.stat().st_mtime for p in _inputs()), default=0)
    code = max(Path(__file__).stat().st_mtime, 0)
    return newest > built or code > built


def ensure_demo_store(path: Path | None = None, quiet: bool = False) -> Path:
    """The demo store's path, building it first when it is missing or older than its inputs."""
    path = Path(path or demo_store_path())
    if needs_build(path):
        report = build_demo_store(path)
        if not quiet:
            print(f"demo store: {report.events} events -> {path}", file=sys.stderr)
            for s in report.skipped:
                print(f"demo store: skipped {s}", file=sys.stderr)
    return path


if __name__ == "__main__":
    r = build_demo_store()
    print(f"{r.events} events -> {r.path}; per file {r.per_file}; {len(r.rejects)} rejects; skipped {r.skipped}")
