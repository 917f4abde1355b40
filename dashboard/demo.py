"""The demo store: what `crisismap run` opens when no store is given.

It is built by the project's own pipeline, never by hand: the shipped event files in
`data/events/` go through `dashboard.sources.detect.read_any`, the sample reports in
`data/articles/` through `dashboard.sources.article` + `dashboard.events.extract`, and the
result is written to a GeoPackage event store. The build is repeated when an input is newer
than the store. Also here, as plain values: where and when the demo's story happens (Mali,
June–September 2020, Kati); the page's opening view is built from them in
`dashboard.views.controls.default_state` (this module builds data and never imports views).
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

ARTICLES = resources.articles_dir()
EVENT_FILES = resources.events_dir()
STORE_ENV = "CRISISMAP_STORE"

#: the demo's story: Mali, the build-up of protests and the August 2020 coup, around Kati.
DEMO_CENTER: tuple[float, float] = (14.6, -5.0)  # (lat, lon) degrees: all of Mali and its neighbours in view
DEMO_ZOOM = 6  # Web-Mercator zoom: country scale, so a screenshot names the places around the events
DEMO_START, DEMO_END = dt.date(2020, 6, 1), dt.date(2020, 9, 30)
DEMO_PLACE, DEMO_RINGS_KM = "Kati", (15.0, 50.0)


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
        ev, rejects = (_read_article_file if f.parent == ARTICLES else _read_event_file)(f)
        report.rejects += rejects
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
    return path


if __name__ == "__main__":
    r = build_demo_store()
    print(f"{r.events} events -> {r.path}; per file {r.per_file}; {len(r.rejects)} rejects")
