"""Geodesic distances on the WGS84 ellipsoid (pyproj.Geod), vectorised."""

from __future__ import annotations

import numpy as np
from pyproj import Geod

__all__ = ["GEOD", "geodesic_m", "geodesic_km"]

GEOD = Geod(ellps="WGS84")


def geodesic_m(lat1, lon1, lat2, lon2):
    """Geodesic distance in metres between points given in degrees (scalars or equal-shape arrays)."""
    arrays = [np.asarray(v, dtype=np.float64) for v in (lon1, lat1, lon2, lat2)]
    _az1, _az2, dist = GEOD.inv(*arrays)
    dist = np.asarray(dist, dtype=np.float64)
    return float(dist) if dist.ndim == 0 else dist


def geodesic_km(lat1, lon1, lat2, lon2):
    """Geodesic distance in kilometres between points given in degrees; float for scalars, else ndarray."""
    m = geodesic_m(lat1, lon1, lat2, lon2)
    return m / 1000.0
