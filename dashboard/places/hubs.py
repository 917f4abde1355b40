"""Where a store's learned events concentrate inside an administrative unit: the point an unknown place
of that unit falls back to.

"Sinnda (Douentza, Mopti)": no gazetteer and no import knows Sinnda, but the store learned where the
events of Douentza cercle happened. The most likely point of a new event of that cercle is where its
past events lie closest together: the **event-weighted medoid** of the learned places whose admin-2 is
that cercle (the learned place with the least sum of event-weighted geodesic distances to the others).
That is a better stand-in than the cercle's seat, which is often at its edge, or a centroid, which may
lie in empty desert. It is still an area, not the village: geo_precision 2, and the note says so.

Reads the learned places of a :class:`~dashboard.places.learned.LearnedGazetteer` (its ``frame``);
with no learned places (an empty store, learning off) there is no hub. Degrees WGS84; distances metres.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np

from dashboard.places.distance import GEOD
from dashboard.places.normalize import normalize

__all__ = ["Hub", "learned_hub", "unit_key", "MIN_PLACES", "MAX_PLACES"]

MIN_PLACES = 3  # fewer learned places than this in a unit: no pattern to speak of, no hub
MAX_PLACES = 400  # the most-evented places of a unit taken into the medoid (n^2 distances)
_ADMIN_TRAIL = re.compile(r"\s+(?:cercle|circle|district|department|departement|prefecture|province|county|"
                          r"commune|municipality|arrondissement|region|state|governorate)$", re.I)


class Hub(NamedTuple):
    """The hub of a unit: its point (degrees WGS84), how many learned places and events the unit has, the
    learned place at the hub, and the unit's name as the imported files wrote it."""

    lat: float
    lon: float
    places: int
    events: int
    name: str
    unit: str


_CACHE: dict[tuple, Hub | None] = {}


def unit_key(name) -> str:
    """A unit's name as a key, its trailing unit word dropped ("Douentza cercle", "Douentza": "douentza")."""
    return normalize(_ADMIN_TRAIL.sub("", str(name or "")).strip())


def learned_hub(g, country_code: str, unit: str, level: str = "admin2") -> Hub | None:
    """The hub of the learned places in ``unit`` (an admin-2 name, "Douentza" or "Douentza cercle"; or an
    admin-1 name with ``level="admin1"``) of ``country_code``, or None (no learned places, or fewer than
    :data:`MIN_PLACES` there)."""
    frame = getattr(g, "frame", None)
    if frame is None or len(frame) == 0 or not unit:
        return None
    col = "admin1" if level == "admin1" else "admin2"
    target = unit_key(unit)
    ck = (id(frame), country_code, col, target)
    if ck in _CACHE:
        return _CACHE[ck]
    f = frame[(frame["country_code"] == country_code) & ~frame["key"].str.contains(":adm2:", regex=False, na=False)]
    f = f[f[col].fillna("").map(unit_key) == target] if len(f) else f
    hub = None
    if len(f) >= MIN_PLACES:
        f = f.assign(w=f["events"].fillna(1).astype(float)).nlargest(MAX_PLACES, "w")
        lat, lon, w = (f["latitude"].to_numpy(float), f["longitude"].to_numpy(float), f["w"].to_numpy(float))
        n = len(f)
        ii, jj = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
        _az, _baz, dist = GEOD.inv(lon[ii].ravel(), lat[ii].ravel(), lon[jj].ravel(), lat[jj].ravel())
        cost = (np.asarray(dist).reshape(n, n) * w[None, :]).sum(axis=1)
        k = int(np.argmin(cost))
        hub = Hub(float(lat[k]), float(lon[k]), n, int(w.sum()), str(f["name"].iloc[k]), str(f[col].mode().iloc[0]))
    if len(_CACHE) > 256:
        _CACHE.clear()
    _CACHE[ck] = hub
    return hub
