"""The filter state and the one function that applies it to events.

`apply_filters` is the only event filter in crisismap: the page, `crisismap export`, the share
links and bench/layers.py all call it, so the same question always gives the same events.

Everything here is plain data and vectorised pandas/shapely/pyproj, so it is testable
without Streamlit. Coordinates are WGS84 degrees (EPSG:4326); distances are geodesic
(pyproj.Geod on the WGS84 ellipsoid), metres internally and km in the `distance_km` column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape as shapely_shape

from dashboard.places.distance import geodesic_km

#: columns searched by the free-text filter.
TEXT_COLUMNS = ("notes", "evidence", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
ACTOR_COLUMNS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")


@dataclass
class FilterState:
    """What the user asked to see. Dates are inclusive; geometry in EPSG:4326 degrees."""

    start: dt.date | None = None
    end: dt.date | None = None
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    text: str = ""
    min_fatalities: int = 0
    max_geo_precision: int = 3
    place: str = ""  # reference place typed by the user (geocoded)
    rings_km: tuple[float, ...] = ()  # rings drawn around the place, km
    radius_km: float | None = None  # radius filter around the place, km
    shape: dict | None = None  # GeoJSON geometry (Polygon) drawn on the map, EPSG:4326
    visible_only: bool = False
    bbox: tuple[float, float, float, float] | None = None  # (west, south, east, north) degrees
    center: tuple[float, float] | None = None  # (lat, lon) degrees
    zoom: int | None = None
    timeline_freq: str = "D"  # "D" (per day) or "W" (per week) bars on the timeline

    def replace(self, **changes) -> FilterState:
        """A copy with some fields changed."""
        return replace(self, **changes)

    def summary(self) -> str:
        """One line for people, e.g. "2020-08-01 to 2020-08-31 · Protests, Battles · within 50 km of Kati"."""
        parts: list[str] = []
        if self.start or self.end:
            parts.append(f"{self.start or '…'} to {self.end or '…'}")
        else:
            parts.append("all dates")
        parts.append(", ".join(self.event_types) if self.event_types else "all event types")
        if self.sub_event_types:
            parts.append(", ".join(self.sub_event_types))
        if self.actors:
            parts.append("actors: " + ", ".join(self.actors))
        if self.countries:
            parts.append(", ".join(self.countries))
        if self.admin1:
            parts.append("admin-1: " + ", ".join(self.admin1))
        if self.text:
            parts.append(f"text “{self.text}”")
        if self.min_fatalities > 0:
            parts.append(f"≥ {self.min_fatalities} fatalities")
        if self.max_geo_precision < 3:
            parts.append(f"geo precision ≤ {self.max_geo_precision}")
        if self.place and self.radius_km:
            parts.append(f"within {_km(self.radius_km)} km of {self.place}")
        elif self.place and self.rings_km:
            parts.append(f"rings {', '.join(_km(r) for r in self.rings_km)} km around {self.place}")
        if self.shape:
            parts.append("inside the drawn area")
        if self.visible_only and self.bbox:
            parts.append("visible map area")
        return " · ".join(parts)


def _km(x: float) -> str:
    return f"{x:g}"


def data_window(events: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    """(first, last) event date in the data, or None when there are no dated events."""
    if not len(events) or "event_date" not in events:
        return None
    d = pd.to_datetime(events["event_date"], errors="coerce").dropna()
    if d.empty:
        return None
    return d.min().date(), d.max().date()


def shape_from_drawings(drawings: list[dict] | None) -> dict | None:
    """The polygon(s) in streamlit-folium's `all_drawings` as one GeoJSON geometry, or None.

    Points and lines are ignored; several polygons become one MultiPolygon (their union).
    """
    polys = []
    for feat in drawings or []:
        geom = feat.get("geometry") if isinstance(feat, dict) else None
        if not geom or geom.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        try:
            g = shapely_shape(geom)
        except (ValueError, TypeError, AttributeError, IndexError):
            continue
        if not g.is_empty:
            polys.append(shapely.make_valid(g))
    if not polys:
        return None
    union = shapely.union_all(polys)
    return shapely.geometry.mapping(union)


def shape_geometry(shape: dict | None):
    """A shapely geometry from a GeoJSON geometry dict (or a Feature), or None if unusable."""
    if not shape:
        return None
    if shape.get("type") == "Feature":
        shape = shape.get("geometry") or {}
    try:
        g = shapely_shape(shape)
    except (ValueError, TypeError, AttributeError, IndexError, KeyError):
        return None
    if g.is_empty:
        return None
    return shapely.make_valid(g)


def distances_km(lat: np.ndarray, lon: np.ndarray, ref: tuple[float, float]) -> np.ndarray:
    """Geodesic distance in km from `ref` (lat, lon degrees) to each point (WGS84 ellipsoid)."""
    return geodesic_km(lat, lon, ref[0], ref[1])


def _isin_any(events: pd.DataFrame, columns: tuple[str, ...], values: tuple[str, ...]) -> np.ndarray:
    """Rows where any of `columns` equals one of `values`, or lists it in a ';'-separated cell."""
    wanted = set(values)
    mask = np.zeros(len(events), dtype=bool)
    for c in columns:
        if c not in events:
            continue
        col = events[c]
        mask |= col.isin(wanted).to_numpy(dtype=bool, na_value=False)
        if c.startswith("assoc"):
            for v in wanted:
                mask |= col.str.contains(v, regex=False, na=False).to_numpy(dtype=bool, na_value=False)
    return mask


def filter_mask(events: pd.DataFrame, state: FilterState) -> np.ndarray:
    """Boolean mask of the rows that pass every filter except the radius (which needs a reference)."""
    n = len(events)
    mask = np.ones(n, dtype=bool)
    if n == 0:
        return mask
    if state.start or state.end:
        d = events["event_date"]
        if state.start:
            mask &= (d >= pd.Timestamp(state.start)).to_numpy(dtype=bool, na_value=False)
        if state.end:
            mask &= (d < pd.Timestamp(state.end) + pd.Timedelta(days=1)).to_numpy(dtype=bool, na_value=False)
    if state.event_types:
        mask &= events["event_type"].isin(state.event_types).to_numpy(dtype=bool, na_value=False)
    if state.sub_event_types:
        mask &= events["sub_event_type"].isin(state.sub_event_types).to_numpy(dtype=bool, na_value=False)
    if state.countries:
        mask &= events["country"].isin(state.countries).to_numpy(dtype=bool, na_value=False)
    if state.admin1:
        mask &= events["admin1"].isin(state.admin1).to_numpy(dtype=bool, na_value=False)
    if state.min_fatalities > 0:
        f = pd.to_numeric(events["fatalities"], errors="coerce").fillna(0)
        mask &= (f >= state.min_fatalities).to_numpy(dtype=bool)
    if state.max_geo_precision < 3:
        p = pd.to_numeric(events["geo_precision"], errors="coerce").fillna(3)
        mask &= (p <= state.max_geo_precision).to_numpy(dtype=bool)
    if state.actors:
        sub = np.flatnonzero(mask)
        mask[sub] = _isin_any(events.iloc[sub], ACTOR_COLUMNS, state.actors)
    text = (state.text or "").strip()
    if text:
        sub = np.flatnonzero(mask)
        part = events.iloc[sub]
        hit = np.zeros(len(sub), dtype=bool)
        for c in TEXT_COLUMNS:
            if c in part:
                hit |= part[c].str.contains(text, case=False, regex=False, na=False).to_numpy(
                    dtype=bool, na_value=False)
        mask[sub] = hit
    lat = events["latitude"].to_numpy(dtype="float64", na_value=np.nan)
    lon = events["longitude"].to_numpy(dtype="float64", na_value=np.nan)
    if state.visible_only and state.bbox:
        w, s, e, nn = state.bbox
        inside_lat = (lat >= s) & (lat <= nn)
        inside_lon = (lon >= w) & (lon <= e) if w <= e else (lon >= w) | (lon <= e)
        mask &= inside_lat & inside_lon
    geom = shape_geometry(state.shape)
    if geom is not None:
        w, s, e, nn = geom.bounds
        cand = mask & (lat >= s) & (lat <= nn) & (lon >= w) & (lon <= e)
        idx = np.flatnonzero(cand)
        inside = shapely.contains_xy(geom, lon[idx], lat[idx]) | shapely.intersects_xy(geom, lon[idx], lat[idx])
        mask[:] = False
        mask[idx[inside]] = True
    return mask


def pushdown(state: FilterState, ref: tuple[float, float] | None = None) -> dict:
    """The parts of `state` a store filters in SQL, as `Store.read` keyword arguments: the date range,
    the event types, the visible area (bbox, degrees) and the radius (km) around `ref` (lat, lon).
    `apply_filters` then finishes the rest in memory (it re-applies these too, cheaply)."""
    kw: dict = {}
    if state.start:
        kw["start"] = state.start
    if state.end:
        kw["end"] = state.end
    if state.event_types:
        kw["event_types"] = list(state.event_types)
    if state.visible_only and state.bbox and state.bbox[0] <= state.bbox[2]:
        kw["bbox"] = tuple(float(v) for v in state.bbox)
    if ref is not None and state.radius_km:
        kw["near"] = (float(ref[0]), float(ref[1]), float(state.radius_km))
    return kw


def apply_filters(events: gpd.GeoDataFrame, state: FilterState,
                  ref: tuple[float, float] | None = None) -> gpd.GeoDataFrame:
    """The events that pass `state`, in input order.

    `ref` is the geocoded (lat, lon) of `state.place`; when given, a `distance_km` column
    (geodesic km from ref) is added and `state.radius_km` keeps only events within it.
    Without `ref` the radius filter cannot apply and is ignored.
    """
    mask = filter_mask(events, state)
    if ref is not None and state.radius_km:
        mask &= _radius_prefilter(events, ref, float(state.radius_km))
    out = events if mask.all() else events.iloc[np.flatnonzero(mask)]  # no copy when nothing is filtered
    if ref is not None:
        dist = distances_km(out["latitude"].to_numpy(dtype="float64", na_value=np.nan),
                            out["longitude"].to_numpy(dtype="float64", na_value=np.nan), ref)
        if state.radius_km:
            keep = dist <= float(state.radius_km)
            out, dist = out.iloc[np.flatnonzero(keep)], dist[keep]
        out = out.copy()
        out["distance_km"] = np.round(dist, 2)
    return out


def _radius_prefilter(events: pd.DataFrame, ref: tuple[float, float], radius_km: float) -> np.ndarray:
    """A cheap superset of the events within `radius_km` of ref (lat, lon): the bounding box of the
    geodesic circle plus a margin (all True where the box would wrap the antimeridian or a pole)."""
    lat0, lon0 = ref
    n = len(events)
    if radius_km >= 2000 or abs(lat0) >= 70:
        return np.ones(n, dtype=bool)
    from dashboard.layers import geodesic_ring

    w, s, e, nn = geodesic_ring(lat0, lon0, radius_km * 1010.0 + 100.0, n=64).bounds  # metres; 1 % margin
    if w < -180 or e > 180:  # the ring crosses the antimeridian (its longitudes are unwrapped)
        return np.ones(n, dtype=bool)
    lat = events["latitude"].to_numpy(dtype="float64", na_value=np.nan)
    lon = events["longitude"].to_numpy(dtype="float64", na_value=np.nan)
    return (lat >= s) & (lat <= nn) & (lon >= w) & (lon <= e)


__all__ = [
    "FilterState", "apply_filters", "filter_mask", "pushdown", "data_window",
    "shape_from_drawings", "shape_geometry", "distances_km",
]
