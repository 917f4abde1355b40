"""Geodesic distances on the WGS84 ellipsoid (pyproj.Geod), vectorised.

The one implementation of point-to-point distances in the package: the event pipeline, the
store's de-duplication, the layers and the views all call it.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

import numpy as np
from pyproj import Geod

__all__ = ["GEOD", "geodesic_m", "geodesic_km", "inverse_m"]

GEOD = Geod(ellps="WGS84")

_POOL_SIZE = max(2, min(os.cpu_count() or 1, 4))
_THREADED_FROM = 200_000  # points; below this one call is faster than the pool


def inverse_m(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Geodesic metres between (broadcast) arrays of points in degrees, in pyproj's order (lon, lat)."""
    lon1, lat1, lon2, lat2 = np.broadcast_arrays(*(np.asarray(v, dtype="float64") for v in (lon1, lat1, lon2, lat2)))
    if lon1.size == 0:
        return np.empty(lon1.shape)
    a, b, c, e = lon1.ravel(), lat1.ravel(), lon2.ravel(), lat2.ravel()
    if a.size < _THREADED_FROM:
        return _inv_m(a, b, c, e).reshape(lon1.shape)
    # pyproj releases the GIL: split big arrays over a small, long-lived thread pool
    bounds = np.linspace(0, a.size, 2 * _POOL_SIZE + 1).astype(int)
    parts = [slice(lo, hi) for lo, hi in zip(bounds[:-1], bounds[1:], strict=True)]
    ds = list(_pool().map(lambda sl: _inv_m(a[sl], b[sl], c[sl], e[sl]), parts))
    return np.concatenate(ds).reshape(lon1.shape)


@lru_cache(maxsize=1)
def _pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(_POOL_SIZE, thread_name_prefix="geod")


def _inv_m(lon1: np.ndarray, lat1: np.ndarray, lon2: np.ndarray, lat2: np.ndarray) -> np.ndarray:
    """`Geod.inv` distances in metres, computed in place on private copies (no output temporaries)."""
    a, b, c, e = (np.array(v, dtype="float64", order="C") for v in (lon1, lat1, lon2, lat2))
    GEOD.inv(a, b, c, e, inplace=True, return_back_azimuth=False)
    return c


def geodesic_m(lat1, lon1, lat2, lon2):
    """Geodesic distance in metres between points given as (lat, lon) degrees; float for scalars, else ndarray."""
    dist = inverse_m(lon1, lat1, lon2, lat2)
    return float(dist) if dist.ndim == 0 else dist


def geodesic_km(lat1, lon1, lat2, lon2):
    """Geodesic distance in kilometres between points given as (lat, lon) degrees; float for scalars, else ndarray."""
    return geodesic_m(lat1, lon1, lat2, lon2) / 1000.0
