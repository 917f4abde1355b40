"""dashboard.views.mapview: local assets only, escaped popups, bounded payload (SYNTHETIC events)."""

from __future__ import annotations

import json
import re

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import streamlit_folium as sf

from dashboard import boundaries, layers
from dashboard.events.schema import TYPE_COLORS, to_events
from dashboard.views import assets, mapview, table, timeline

XSS = "<img src=x onerror=alert(1)> <script>alert(1)</script>"


def synthetic(n: int, seed: int = 0) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({
        "event_id_cnty": [f"SYNTHETIC{i}" for i in range(n)],
        "event_date": pd.Timestamp("2020-06-01") + pd.to_timedelta(rng.integers(0, 120, n), unit="D"),
        "event_type": rng.choice(list(TYPE_COLORS), n),
        "latitude": 14 + rng.normal(0, 2, n), "longitude": -5 + rng.normal(0, 3, n),
        "geo_precision": rng.integers(1, 4, n), "fatalities": rng.integers(0, 5, n),
        "notes": XSS, "actor1": "<b>bold</b>", "source_url": 'https://example.org/a?x="1"&y=2',
        "origin": "synthetic", "place_score": np.nan,
    })
    return to_events(df)


def rendered(m: folium.Map, fg: folium.FeatureGroup | None = None) -> tuple[str, list[str]]:
    """Everything streamlit-folium sends for this map: (script text, js+css links)."""
    m.get_root().render()
    text = sf._get_html(m) + sf._get_header(m) + sf._get_map_string(m)
    if fg is not None:
        text += sf._get_feature_group_string(fg, m)
    links = []
    for el in _walk(m):
        links += [u for _, u in getattr(el, "default_js", [])] + [u for _, u in getattr(el, "default_css", [])]
    return text, links


def _walk(el):
    yield el
    for c in getattr(el, "_children", {}).values():
        yield from _walk(c)


@pytest.fixture(scope="module")
def admin0():
    return gpd.read_file(mapview_root() / "data/boundaries/admin0.geojson")


def mapview_root():
    from pathlib import Path

    return Path(__file__).resolve().parents[1]


def test_every_script_and_stylesheet_is_local(admin0):
    ev = synthetic(50)
    outlines = mapview.basemap_geojson(admin0, mapview.data_bbox(ev))
    m = mapview.base_map(mapview.MapView(), outlines, None, shape_seed={
        "type": "Polygon", "coordinates": [[[-8, 12], [-7, 12], [-7, 13], [-8, 13], [-8, 12]]]})
    fg, mode = mapview.event_layers(ev, heat=True)
    text, links = rendered(m, fg)
    assert mode == "markers"
    assert links and all(u.startswith(assets.STATIC_URL + "/") for u in links), links
    # the only absolute URLs are the optional online tile layers (off by default) and the data's own links
    urls = set(re.findall(r"https?://[^\s\"'<>\\]+", text))
    assert urls <= {"https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                    "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
                    "https://example.org/a?x="}, urls
    assert '"show": false' in text or "show: false" in text or text.count("tileLayer") == 2


def test_popups_are_escaped():
    rows = mapview.popup_rows(synthetic(3))
    flat = json.dumps(rows)
    assert "<img" not in flat and "<script" not in flat and "<b>" not in flat
    assert "&lt;img src=x onerror=alert(1)&gt;" in flat
    assert "&lt;b&gt;bold&lt;/b&gt;" in flat
    assert "&quot;1&quot;&amp;y=2" in flat  # URL quotes cannot break out of href="..."
    # a javascript: link is dropped, not linked
    ev = synthetic(1)
    ev["source_url"] = "javascript:alert(1)"
    assert mapview.popup_rows(ev)[0][12] == ""


def test_reference_tooltips_cannot_break_out_of_folium_template_literal():
    # folium renders tooltip strings inside a JS `template literal`: a place typed as "`Kati`" geocodes
    # (punctuation is ignored) and must not end the literal or run ${...}
    place = "`Kati` ${alert(1)} \\u0060 <b>x</b>"
    ring = mapview.ring_layer((12.74, -8.07), place, (10.0,), [(10.0, layers.geodesic_ring(12.74, -8.07, 10_000.0))])
    m = folium.Map(tiles=None)
    ring.add_to(m)
    page = m.get_root().render()
    tips = re.findall(r"bindTooltip\(\s*`(.*?)`,", page, flags=re.S)
    assert len(tips) == 2 and all("`" not in t and "${" not in t and "\\" not in t and "<b>" not in t for t in tips), tips
    assert "&#96;Kati&#96; &#36;{alert(1)} &#92;u0060 &lt;b&gt;" in page


def test_marker_modes_and_bounded_payload():
    assert mapview.event_layers(synthetic(100))[1] == "markers"
    assert mapview.event_layers(synthetic(3000))[1] == "cloud"
    big = synthetic(200_000, seed=1)
    fg, mode = mapview.event_layers(big, heat=True, cloud_limit=150_000)
    assert mode == "grid"
    m = mapview.base_map(mapview.MapView())
    text, _ = rendered(m, fg)
    assert len(text) < 1_500_000  # cells and heat are aggregated: no per-event payload
    cells, _ = mapview.grid_cells(big)
    assert sum(c[2] for c in cells) == len(big)


def test_precision_rings_only_for_imprecise_places():
    import base64

    from dashboard.views import eventcloud

    ev = synthetic(40)
    d = eventcloud.EventCloud(ev)
    prec = np.frombuffer(base64.b64decode(d.data["prec"]), dtype=np.uint8) & 15
    assert (prec > 1).sum() == int((ev["geo_precision"] > 1).sum())  # the layer rings exactly these
    assert set(d.options["ring_m"].values()) == {25_000.0, 100_000.0}


def test_basemap_is_small_and_clipped(admin0):
    out = mapview.basemap_geojson(admin0, (-20.0, 2.0, 12.0, 30.0))
    assert 5 < len(out["features"]) < 40
    assert len(json.dumps(out)) < 300_000


def test_timeline_counts_and_brush():
    ev = synthetic(500)
    c = timeline.timeline_counts(ev, "D")
    assert c["events"].sum() == 500
    w = timeline.timeline_counts(ev, "W")
    assert w["events"].sum() == 500 and (pd.to_datetime(w["period"]).dt.day_of_week == 0).all()
    chart = timeline.timeline_chart(c).to_dict()
    assert chart["mark"]["type"] == "bar"
    start, end = pd.Timestamp("2020-08-01"), pd.Timestamp("2020-08-31")
    sel = {"selection": {"brush": {"yearmonthdate_period": [start.value // 10**6, end.value // 10**6]}}}
    assert timeline.brush_dates(sel) == (start.date(), end.date())
    assert timeline.brush_dates({"selection": {"brush": {}}}) is None
    assert timeline.brush_dates(None) is None


def test_table_is_capped_sorted_and_linked():
    ev = synthetic(3000)
    ev["distance_km"] = np.arange(3000, dtype=float)[::-1]
    rows = table.table_frame(ev, sort="nearest to the place", limit=100)
    assert len(rows) == 100 and rows["distance (km)"].is_monotonic_increasing
    assert rows["distance (km)"].iloc[0] == 0
    newest = table.table_frame(ev, limit=50)
    assert newest["date"].iloc[0] == ev["event_date"].max().date()
    ev.loc[ev.index[0], "source_url"] = "javascript:alert(1)"
    assert all(not isinstance(u, str) or u.startswith("https://") for u in table.table_frame(ev, limit=5000)["link"])


def test_assets_copy_from_node_modules(tmp_path):
    if not (assets.NODE_MODULES / "leaflet" / "dist").is_dir():
        pytest.fail("node_modules is not installed: run `make setup` (npm ci, pinned by package-lock.json)")
    written = assets.copy_assets(vendor=tmp_path)
    assert {p.name for p in written} == {assets.DEST.get(p, p) for p in assets.PACKAGES} | set(assets.FILES)
    for _, rel in assets.JS + assets.CSS:
        assert (tmp_path / rel).stat().st_size > 300, rel
    assert (tmp_path / "leaflet" / "images" / "layers.png").is_file()


def test_basemap_for_the_data():
    a0, a1 = boundaries.admin0(), boundaries.admin1()
    ev = synthetic(200).assign(country="Mali", country_code="ML")
    outlines, lines, bbox = mapview.basemap_for(ev, a0, a1)
    assert bbox == mapview.data_bbox(ev)
    assert "Mali" in {f["properties"]["name"] for f in outlines["features"]}
    # admin-1 lines of Mali only (the data's country)
    assert 0 < len(lines["features"]) == int((a1["iso_a2"] == "ML").sum())
    # too many admin-1 units: only the data's 3 most frequent countries get them
    _, few, _ = mapview.basemap_for(ev, a0, a1, max_admin1=5)
    assert len(few["features"]) == int((a1["admin"] == "Mali").sum())
    _, none, _ = mapview.basemap_for(ev.assign(country="Nowhere", country_code="ZZ"), a0, a1)
    assert none == {"features": []}


def test_bounds_bbox():
    b = {"_southWest": {"lat": 12.0, "lng": -9.0}, "_northEast": {"lat": 13.5, "lng": -7.0}}
    assert mapview.bounds_bbox(b) == (-9.0, 12.0, -7.0, 13.5)
    assert mapview.bounds_bbox(b, [[12.0, -9.0], [13.5, -7.0]]) is None  # the placeholder, not the browser's
    assert mapview.bounds_bbox(b, [[10.0, -9.0], [13.5, -7.0]]) == (-9.0, 12.0, -7.0, 13.5)
    for bad in (None, {}, {"_southWest": {"lat": None, "lng": 1}, "_northEast": {"lat": 1, "lng": 1}},
                {"_southWest": {"lat": "x", "lng": 1}, "_northEast": {"lat": 1, "lng": 1}}):
        assert mapview.bounds_bbox(bad) is None


def test_captions_and_sort_choices():
    assert "2,000 events are too many" in mapview.mode_caption("grid", 2000)
    assert "every event is drawn on its own" in mapview.mode_caption("cloud", 5000)
    assert mapview.mode_caption("markers", 10) == ""
    assert "nearest to the place" in table.sort_choices(True)
    assert table.sort_choices(False) == [s for s in table.SORTS if s != "nearest to the place"]
    assert table.truncation_note(1000, 1000, "newest first") == ""
    assert table.truncation_note(1000, 2500, "newest first").startswith("Showing 1,000 of 2,500 events")
    import datetime as dt

    k1 = timeline.chart_key(dt.date(2020, 6, 1), dt.date(2020, 6, 30), "D")
    assert k1 == "timeline_2020-06-01_2020-06-30_D" != timeline.chart_key(dt.date(2020, 6, 1), None, "D")


def test_export_extent_is_the_maps_extent():
    from dashboard.filters import FilterState
    from dashboard.views import export

    state = FilterState(center=(13.6, -6.6), zoom=7)
    assert export.view_extent(state, 1000, 560) == mapview.view_extent((13.6, -6.6), 7, 1000, 560)
    w, s, e, n = export.view_extent(state)
    assert w < -6.6 < e and s < 13.6 < n
    assert export.view_extent(state.replace(bbox=(-9, 12, -7, 13.5))) == (-9.0, 12.0, -7.0, 13.5)
    assert export.view_extent(FilterState()) is None and export.view_extent(None) is None
