"""The offline labelled basemap: the built layers and tiles, the web map's layer, the standalone page
and the PNG drawer (real GeoPackage, real PMTiles, real matplotlib rendering).

The full build runs at `make setup` (`python -m dashboard.views.assets`); these tests read its
output, and build small tile sets themselves to check the tiler is deterministic.
"""

from __future__ import annotations

import gzip
import unicodedata

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

from dashboard.views import basemap, basemap_build, basemap_png

GPKG, PMTILES = basemap_build.basemap_paths()
MALI = (-12.5, 10.0, 4.5, 25.0)

#: the built basemap is part of crisismap (`make assets`): missing, these tests fail, never skip
needs_build = pytest.mark.usefixtures("require_assets")


@needs_build
def test_places_labelled_by_zoom_with_exact_utf8_names():
    pl = pyogrio.read_dataframe(GPKG, layer="places", bbox=MALI)
    by = pl.drop_duplicates("name").set_index("name")
    assert by.loc["Bamako", "kind"] == "capital" and by.loc["Bamako", "min_zoom"] == 3
    for name in ("Ségou", "Mopti", "Gao", "Sikasso", "Kayes", "Kidal", "Timbuktu"):
        assert by.loc[name, "min_zoom"] <= 4, name  # admin-1 capitals from zoom 4
    assert 5 <= by.loc["Kati", "min_zoom"] <= 7  # a town
    assert (pl["min_zoom"] >= 9).sum() > 100  # villages (cities500) from zoom 9
    countries = set(pl.loc[pl["kind"] == "country", "name"])
    assert {"Mali", "Burkina Faso", "Niger", "Mauritania", "Algeria"} <= countries
    segou = by.loc["Ségou"]
    assert segou.name == unicodedata.normalize("NFC", "Se\u0301gou")  # one é, not mojibake


@needs_build
def test_land_water_rivers_and_borders_over_mali():
    rivers = pyogrio.read_dataframe(GPKG, layer="rivers", bbox=MALI)
    niger_bend = shapely.box(-4.5, 15.5, 0.5, 17.5)  # the Niger from Timbuktu to Gao
    assert rivers.geometry.intersects(niger_bend).sum() >= 1
    assert shapely.length(rivers.geometry.intersection(niger_bend).to_numpy()).sum() > 3.0  # degrees of river
    land = pyogrio.read_dataframe(GPKG, layer="land", bbox=MALI)
    assert land.geometry.contains(shapely.Point(-8.0, 12.65)).any()  # Bamako is on land
    ocean = pyogrio.read_dataframe(GPKG, layer="land", bbox=(-30.0, 10.0, -29.0, 11.0))
    assert not ocean.geometry.contains(shapely.Point(-29.5, 10.5)).any()  # the Atlantic is not
    water = pyogrio.read_dataframe(GPKG, layer="water", bbox=(32.0, -3.0, 34.5, 0.5))
    assert "Lake Victoria" in set(water["name"])
    borders = pyogrio.read_dataframe(GPKG, layer="borders", bbox=MALI)
    assert {0, 1} <= set(borders["level"])


@needs_build
def test_pmtiles_hold_the_layers_and_names():
    from pmtiles.reader import MmapSource, Reader

    with open(PMTILES, "rb") as f:
        r = Reader(MmapSource(f))
        meta = r.metadata()
        assert r.header()["max_zoom"] == basemap_build.MAX_DATA_ZOOM
        ids = {v["id"] for v in meta["vector_layers"]}
        assert {"land", "water", "rivers", "borders", "places_major", "places_village"} <= ids
        x, y = 15, 14  # zoom 5 tile of Bamako and Ségou
        tile = gzip.decompress(r.get(5, x, y))
    for name in ("Bamako", "Ségou", "Mali", "places_major", "borders", "rivers"):
        assert name.encode("utf-8") in tile, name


def test_tiles_are_deterministic(tmp_path):
    pts = gpd.GeoDataFrame({"name": ["Ségou", "Kati"], "min_zoom": [4, 6], "kind": ["town", "town"],
                            "rank": [3, 3], "population": [1, 2]},
                           geometry=gpd.points_from_xy([-6.27, -7.98], [13.43, 12.74]), crs="EPSG:4326")
    land = gpd.GeoDataFrame({"min_zoom": [0]}, geometry=[shapely.box(-10, 10, -5, 15)], crs="EPSG:4326")
    layers = {"land": land, "water": land.iloc[:0], "rivers": land.iloc[:0], "borders": land.iloc[:0],
              "places": pts}
    a, b = tmp_path / "a.pmtiles", tmp_path / "b.pmtiles"
    basemap_build.write_pmtiles(layers, a)
    basemap_build.write_pmtiles(layers, b)
    assert a.read_bytes() == b.read_bytes()
    assert a.stat().st_size > 1000


def test_place_min_zoom_and_extra_places():
    z = basemap_build.place_min_zoom(np.array([5_000_000, 150_000, 40_000, 6_000, 800, 900]),
                                     np.array(["capital", "town", "town", "town", "village", "admin1_capital"],
                                              dtype=object))
    assert z.tolist() == [3, 6, 7, 8, 9, 4]
    extra = basemap_build.extra_places_frame(pd.DataFrame({"name": ["Dioura", "bad"], "lat": [14.9, None],
                                                           "lon": [-5.25, 1.0]}))
    assert extra["name"].tolist() == ["Dioura"]  # a row without coordinates cannot be placed
    assert extra["min_zoom"].tolist() == [basemap_build.VILLAGE_ZOOM]
    assert set(extra.columns) >= {"name", "lat", "lon", "population", "kind", "min_zoom"}


@needs_build
def test_web_map_uses_the_basemap_and_local_files_only():
    from dashboard.views import mapview

    page = mapview.base_map(mapview.MapView()).get_root().render()
    assert "window.crisismapBasemap(\"/app/static/vendor/basemap/basemap.pmtiles\"" in page
    for f in ("protomaps-leaflet/protomaps-leaflet.js", "pmtiles/pmtiles.js"):
        assert f"/app/static/vendor/{f}" in page
    assert "/app/static/crisismap-fonts.css" in page
    assert "DejaVu Sans" in page
    import re

    assert not [u for u in re.findall(r'(?:src|href)="([^"]+)"', page) if not u.startswith("/app/static/")]
    i = page.index("window.crisismapBasemap(")
    assert page.index(".addTo(", i) < page.index("tile.openstreetmap.org")  # online tiles: optional, after


@needs_build
def test_standalone_page_carries_its_tiles():
    from dashboard.views.standalone import standalone_html

    ev = pd.DataFrame({"event_id_cnty": ["A1"], "event_date": pd.to_datetime(["2020-08-18"]),
                       "event_type": ["Battles"], "latitude": [12.74], "longitude": [-7.98], "location": ["Kati"],
                       "geo_precision": [1], "fatalities": [0], "notes": ["x"]})
    page, dropped = standalone_html(ev, title="t")
    assert dropped == []
    assert '{"b64": "' in page and "/app/static/vendor/basemap" not in page
    assert "@font-face" in page and "data:font/woff2;base64," in page
    full = PMTILES.stat().st_size
    sub = basemap.subset_pmtiles(PMTILES, (-12.0, 10.0, -4.0, 16.0))
    assert len(sub) < full / 3  # only the area's tiles travel
    from pmtiles.reader import MemorySource, Reader

    r = Reader(MemorySource(sub))
    assert r.get(8, 122, 118) is not None  # Bamako at zoom 8
    assert r.get(8, 129, 88) is None  # Paris is left out


@needs_build
def test_png_layers_and_labels_do_not_overlap():
    from matplotlib.figure import Figure

    from dashboard.views.png import _fit_view, _view_lonlat_bounds, local_crs

    fig = Figure(figsize=(8.0, 5.6), dpi=150)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    crs = local_crs(-4.0, 16.0)
    view = _fit_view(crs, (-12.0, 10.5, 4.0, 25.0), 8.0 / 5.6, 0.0, min_half_m=15_000.0)
    ax.set_xlim(view[0], view[1])
    ax.set_ylim(view[2], view[3])
    ax.set_aspect("equal", adjustable="box")
    bbox = _view_lonlat_bounds(crs, view)
    drawn = basemap_png.draw_layers(ax, crs, view, bbox, 8.0)
    assert drawn is not None and drawn.layers["land"] > 0 and drawn.layers["rivers"] > 0
    assert 5.0 < drawn.zoom < 7.0
    ax.apply_aspect()
    placed: list = []
    names = basemap_png.draw_labels(ax, fig.canvas.get_renderer(), placed, drawn, crs)
    assert {"Bamako", "Mali", "Mauritania", "Algeria", "Niger", "Burkina Faso"} <= set(names)
    assert "Ségou" in names
    texts = [t for t in ax.texts if t.get_text() in names]
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in texts]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b), "two basemap labels overlap"
