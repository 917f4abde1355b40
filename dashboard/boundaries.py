"""Natural Earth admin-0 and admin-1 boundaries: the one loader, read once per process.

The files ship as package data (:func:`dashboard.resources.boundaries_path`); every module that
needs a country or admin-1 polygon asks here (the page, the PNG and HTML exports, country checks,
admin-1 counts, the gazetteer build). Frames are EPSG:4326 (lon/lat degrees) and shared between
callers: treat them as read-only (copy before changing a column).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

import geopandas as gpd

from dashboard import resources
from dashboard.errors import InputError

__all__ = ["load", "admin0", "admin1", "LEVELS"]

Level = Literal["admin0", "admin1"]
LEVELS: tuple[str, ...] = ("admin0", "admin1")


@lru_cache(maxsize=len(LEVELS))
def load(level: Level) -> gpd.GeoDataFrame:
    """The ``"admin0"`` (countries) or ``"admin1"`` (first-level regions) polygons, EPSG:4326.

    Raises :class:`~dashboard.errors.InputError` naming the file when it is missing or unreadable.
    """
    if level not in LEVELS:
        raise ValueError(f"boundary level {level!r}: expected one of {LEVELS}")  # a programming error
    path = resources.boundaries_path(f"{level}.geojson")
    if not path.is_file():
        raise InputError(str(path), "boundary file missing (reinstall crisismap, or restore data/boundaries)")
    try:
        gdf = gpd.read_file(path, engine="pyogrio")
    except Exception as exc:  # pyogrio's DataSourceError and friends
        raise InputError(str(path), f"cannot read the boundary file ({exc})") from None
    if gdf.crs is None:
        gdf = gdf.set_crs("EPSG:4326")
    elif not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs("EPSG:4326")
    return gdf


def admin0() -> gpd.GeoDataFrame:
    """Country polygons (Natural Earth admin-0; columns include ``iso_a2``, ``admin``), EPSG:4326."""
    return load("admin0")


def admin1() -> gpd.GeoDataFrame:
    """First-level region polygons (Natural Earth admin-1; ``name``, ``iso_a2``, ``fips``...), EPSG:4326."""
    return load("admin1")
