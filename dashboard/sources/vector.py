"""GeoJSON, GeoPackage and GeoParquet files of points -> events.

Attributes are matched like a plain table (`dashboard.sources.table`): ACLED names or common
ones (`date`, `type`, ...). Coordinates come from the point geometry, reprojected to EPSG:4326
when the file says another CRS. A feature that is not a single point (polygon, line, empty or
missing geometry, multipoint of more than one point) is rejected with the reason, except a feature
with no geometry whose attributes give latitude and longitude. The legacy GeoJSON `crs` member
(`urn:ogc:def:crs:OGC:1.3:CRS84`, `EPSG:4326`, or a projected CRS) is honoured by GDAL. The file is read
whole (GDAL); a very large vector file is better converted to CSV first.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from dashboard.events.schema import InputError
from dashboard.sources import table
from dashboard.sources.tabular import Batch, ReadResult, RowChecker, dedupe_names, norm_name

SUFFIXES = {".geojson", ".json", ".gpkg", ".parquet", ".geoparquet", ".fgb", ".shp", ".geojsonl", ".geojsonseq"}


def _load(path: Path):
    import geopandas as gpd

    file = str(path)
    if not path.exists():
        raise InputError(file, "no such file")
    if path.stat().st_size == 0:
        raise InputError(file, "the file is empty")
    try:
        if path.suffix.lower() in (".parquet", ".geoparquet"):
            return gpd.read_parquet(path)
        import pyogrio

        layers = pyogrio.list_layers(path)
        layer = None
        if len(layers) > 1:
            names = [str(n) for n in layers[:, 0]]
            layer = "events" if "events" in names else names[0]
        return gpd.read_file(path, layer=layer, engine="pyogrio")
    except InputError:
        raise
    except Exception as exc:
        raise InputError(file, f"not a readable GeoJSON/GeoPackage/GeoParquet file: {exc}") from exc


def read(path: str | Path, *, source_name: str | None = None) -> ReadResult:
    """Read a vector file of points -> ReadResult (event schema, EPSG:4326)."""
    path = Path(path)
    file = str(path)
    gdf = _load(path)
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs("EPSG:4326")
    geom = gdf.geometry.values if gdf.geometry is not None else np.array([None] * len(gdf))
    gtype = shapely.get_type_id(geom)
    parts = shapely.get_num_geometries(geom)
    single = np.where(gtype == 4, shapely.get_geometry(geom, 0), geom)  # one-point MultiPoint -> Point
    is_point = ((gtype == 0) | ((gtype == 4) & (parts == 1))) & ~shapely.is_empty(geom)
    attrs = pd.DataFrame(gdf.drop(columns=gdf.geometry.name)).astype(object)
    attrs = attrs.where(attrs.notna(), "").astype(str)
    attrs.columns = dedupe_names([norm_name(c) for c in attrs.columns])
    # a feature without a point geometry may still carry its coordinates as attributes
    m = table.resolve_columns(list(attrs.columns))
    attr_lat = attrs[m["latitude"]] if "latitude" in m else pd.Series("", index=attrs.index)
    attr_lon = attrs[m["longitude"]] if "longitude" in m else pd.Series("", index=attrs.index)
    has_attr = ((attr_lat.str.strip() != "") & (attr_lon.str.strip() != "")).to_numpy()
    for c in ("latitude", "longitude", "lat", "lon", "y", "x"):
        if c in attrs.columns:
            attrs = attrs.drop(columns=c)
    x = np.where(is_point, shapely.get_x(single), np.nan)
    y = np.where(is_point, shapely.get_y(single), np.nan)
    attrs["latitude"] = [repr(float(v)) if np.isfinite(v) else "" for v in y]
    attrs["longitude"] = [repr(float(v)) if np.isfinite(v) else "" for v in x]
    from_attr = ~is_point & has_attr & shapely.is_missing(geom)
    if from_attr.any():
        attrs.loc[from_attr, "latitude"] = attr_lat[from_attr].to_numpy()
        attrs.loc[from_attr, "longitude"] = attr_lon[from_attr].to_numpy()
        is_point = is_point | from_attr
    rownums = np.arange(1, len(attrs) + 1)
    names = list(attrs.columns)
    if "event_date" not in table.resolve_columns(names):
        raise InputError(file, "no date attribute (date/event_date/day/datetime)", field="event_date")
    # rows whose geometry is not a point: reject before the table checks
    kinds = np.array(["None" if g is None else g.geom_type for g in geom], dtype=object)
    bad = ~is_point
    rejects = []
    if bad.any():

        chk = RowChecker(attrs, rownums, file)
        chk.fail(bad, "geometry", lambda i: f"geometry is {kinds[i]}, expected a single Point")
        rejects = chk.rejects()
    good = ~bad
    res = table.convert(Batch(attrs[good].reset_index(drop=True), rownums[good], rejects), file, source_name,
                        origin="vector")
    res.format = "vector"
    res.events["origin"] = res.events["origin"].where(res.events["origin"].notna(), "vector")
    return res


def iter_read(path: str | Path, *, source_name: str | None = None, chunk_rows: int = 0):
    """Vector files are read whole: one result."""
    yield read(path, source_name=source_name)
