"""The package's own data, found the same way in a checkout and in an installed wheel.

Read-only data (boundaries, gazetteer supplement, regions, demo events, sample reports) and the
vendored map assets ship as package data. In a wheel they sit inside the package (``dashboard/_data``
and ``dashboard/static``); in a source checkout the data is the top-level ``data/`` folder. Every
module asks here, never ``Path(__file__).parents[...]``. Nothing is ever written here: caches and
stores go to platformdirs locations (see :mod:`dashboard.settings`).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

__all__ = ["data_dir", "data_path", "boundaries_path", "gazetteer_dir", "articles_dir", "events_dir",
           "static_dir", "vendor_dir", "node_modules_dir"]


@cache
def _package_dir() -> Path:
    return Path(str(resources.files("dashboard")))


@cache
def data_dir() -> Path:
    """The read-only data folder: ``dashboard/_data`` when installed, ``<checkout>/data`` otherwise."""
    inside = _package_dir() / "_data"
    if inside.is_dir():
        return inside
    return _package_dir().parent / "data"


def data_path(*parts: str) -> Path:
    """A file or folder under :func:`data_dir` (``data_path("gazetteer", "regions.tsv")``)."""
    return data_dir().joinpath(*parts)


def boundaries_path(name: str) -> Path:
    """A Natural Earth boundary file: ``"admin0.geojson"`` or ``"admin1.geojson"`` (EPSG:4326)."""
    return data_path("boundaries", name)


def gazetteer_dir() -> Path:
    """The checked gazetteer supplement, regions, demonyms and word lists."""
    return data_path("gazetteer")


def articles_dir() -> Path:
    """The sample reports of the demo (our own words, each citing outlet and date)."""
    return data_path("articles")


def events_dir() -> Path:
    """The demo's real event files (UCDP GED Mali, a GDELT sample)."""
    return data_path("events")


def static_dir() -> Path:
    """Files Streamlit serves at ``/app/static/`` (CSS and the vendored map assets)."""
    return _package_dir() / "static"


def vendor_dir() -> Path:
    """The map's JavaScript/CSS copied from npm packages (built at setup or wheel build time)."""
    return static_dir() / "vendor"


def node_modules_dir() -> Path:
    """``node_modules`` of a source checkout (only used at build time; absent in a wheel)."""
    return _package_dir().parent / "node_modules"
