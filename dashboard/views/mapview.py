"""The folium map: a stable base map plus dynamic layers for the filtered events.

The base map (`base_map`) holds what rarely changes: the vector basemap (country outlines and
admin-1 lines, always on), optional online tiles (off), the Draw control, the legend. Its script
is what streamlit-folium hashes into the component key, so keeping it stable means a filter
change does not re-mount the map (no flicker, drawings survive). The events, heat, choropleth,
precision rings and the reference place are `event_layers(...)`, passed as
`st_folium(feature_group_to_add=...)`, which the component swaps in place.

Every script and stylesheet is local (`dashboard.views.assets`): no request leaves the machine.
All text from events is `html.escape`d in Python before it reaches the page; JS only
concatenates those escaped strings. Coordinates are WGS84 degrees; ring radii are km.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass

import folium
import folium.plugins
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, MacroElement
from folium.template import Template

from dashboard.events.provenance import sources_text
from dashboard.events.schema import TYPE_COLORS
from dashboard.views import assets
from dashboard.views import basemap as offline_basemap

#: cells in the aggregated grid (roughly; the grid is square in degrees over the data's extent).
GRID_CELLS = 60
#: heat points sent at most (aggregated grid centroids weighted by count beyond this).
HEAT_LIMIT = 5000
#: radius (km) of the dashed ring drawn around an event by ACLED geo_precision.
PRECISION_RADIUS_KM = {2: 25.0, 3: 100.0}
EVIDENCE_CHARS = 280
TYPE_NAMES = list(TYPE_COLORS)
OTHER_COLOR = "#7f7f7f"
SYNTHETIC_NOTE = "SYNTHETIC event (generated, not real)"

NO_3D_SCRIPT = "<script>window.L_DISABLE_3D = true;</script>"

ONLINE_TILES = [
    ("OpenStreetMap (online)", "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
     "&copy; OpenStreetMap contributors"),
    ("CARTO light (online)", "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
     "&copy; OpenStreetMap contributors &copy; CARTO"),
]


@dataclass(frozen=True)
class MapView:
    """Where the map opens: centre (lat, lon) degrees and zoom."""

    center: tuple[float, float] = (16.5, -4.0)
    zoom: int = 5


# ---------------------------------------------------------------- local assets

def use_local_assets(element) -> None:
    """Point an element's `default_js`/`default_css` at our local files (instance attributes)."""
    element.default_js = assets.js_urls()
    element.default_css = assets.css_urls()


def _no_cdn(element) -> None:
    """Plugins keep no JS/CSS of their own: the map already loads every local file."""
    element.default_js = []
    element.default_css = []


# ---------------------------------------------------------------- basemap

def basemap_geojson(boundaries: gpd.GeoDataFrame, bbox: tuple[float, float, float, float] | None,
                    tolerance: float = 0.02, keep: tuple[str, ...] = ("name",)) -> dict:
    """Boundaries clipped to `bbox` (west, south, east, north degrees), simplified by `tolerance`
    degrees and rounded to 3 decimals, as a small GeoJSON FeatureCollection for the browser."""
    gdf = boundaries
    if bbox is not None:
        gdf = gdf.clip_by_rect(*bbox).to_frame("geometry").join(boundaries.drop(columns="geometry"))
        gdf = gpd.GeoDataFrame(gdf, geometry="geometry", crs=boundaries.crs)
    geom = gdf.geometry.simplify(tolerance, preserve_topology=True)
    geom = shapely.set_precision(geom.values, 0.001) if len(geom) else geom.values
    geom = shapely.boundary(geom)  # outlines only: lines are smaller than polygons and never hide markers
    out = gpd.GeoDataFrame({k: gdf[k].astype(str).to_numpy() for k in keep if k in gdf},
                           geometry=gpd.GeoSeries(geom, crs=boundaries.crs))
    out = out[~out.geometry.is_empty & out.geometry.notna()]
    return json.loads(out.to_json(drop_id=True))


def data_bbox(events: pd.DataFrame, margin: float = 8.0) -> tuple[float, float, float, float] | None:
    """Bounding box (west, south, east, north degrees) of the events, widened by `margin` degrees."""
    if events.empty:
        return None
    lat = events["latitude"].astype("float64")
    lon = events["longitude"].astype("float64")
    if lat.notna().sum() == 0:
        return None
    w, e = np.nanpercentile(lon, [1, 99])
    s, n = np.nanpercentile(lat, [1, 99])
    return (max(-180.0, w - margin), max(-90.0, s - margin), min(180.0, e + margin), min(90.0, n + margin))


def fit_view(events: pd.DataFrame, width_px: int = 900, height_px: int = 560, max_zoom: int = 9) -> MapView:
    """A centre (lat, lon) and Web-Mercator zoom that show the bulk (1st-99th percentile) of the events."""
    bbox = data_bbox(events, margin=0.2)
    if bbox is None:
        return MapView()
    w, s, e, n = bbox
    lon_span = max(e - w, 0.05)
    y = [math.log(math.tan(math.pi / 4 + math.radians(max(min(v, 85.0), -85.0)) / 2)) for v in (s, n)]
    lat_frac = max(y[1] - y[0], 1e-4) / (2 * math.pi)
    zoom_x = math.log2(width_px / 256 * 360.0 / lon_span)
    zoom_y = math.log2(height_px / 256 / lat_frac)
    zoom = int(max(2, min(max_zoom, math.floor(min(zoom_x, zoom_y)))))
    return MapView(center=(round(float(s + n) / 2, 4), round(float(w + e) / 2, 4)), zoom=zoom)


def view_extent(center: tuple[float, float], zoom: int, width_px: int, height_px: int
                ) -> tuple[float, float, float, float]:
    """(west, south, east, north) degrees shown by a Web-Mercator map of that size at centre/zoom."""
    lat, lon = float(center[0]), float(center[1])
    world = 256 * 2 ** int(zoom)
    half_lon = width_px / 2 / world * 360.0
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    dy = height_px / 2 / world * 2 * math.pi

    def to_lat(v: float) -> float:
        return math.degrees(2 * math.atan(math.exp(v)) - math.pi / 2)

    return (max(-180.0, lon - half_lon), to_lat(y - dy), min(180.0, lon + half_lon), to_lat(y + dy))


def basemap_for(events: pd.DataFrame, admin0: gpd.GeoDataFrame, admin1: gpd.GeoDataFrame,
                tolerance: float = 0.02, max_admin1: int = 400,
                ) -> tuple[dict, dict, tuple[float, float, float, float] | None]:
    """(country outlines around the data, admin-1 lines of the data's countries, data bbox) as small
    GeoJSON for `base_map`. When the data's countries have more than `max_admin1` admin-1 units,
    only those of its three most frequent countries are drawn. Degrees, EPSG:4326."""
    bbox = data_bbox(events)
    outlines = basemap_geojson(admin0, bbox, tolerance=tolerance)
    codes = (set(events["country_code"].dropna().astype(str).str.upper().unique())
             if "country_code" in events else set())
    names = set(events["country"].dropna().astype(str).unique())
    sel = admin1[admin1["iso_a2"].isin(codes) | admin1["admin"].isin(names)]
    if len(sel) > max_admin1:  # admin-1 lines only where they help: the few countries the data is about
        top = events["country"].value_counts().head(3).index
        sel = admin1[admin1["admin"].isin(top)]
    lines = basemap_geojson(sel, None, tolerance=tolerance) if len(sel) else {"features": []}
    return outlines, lines, bbox


def bounds_bbox(bounds: dict | None, placeholder: list | None = None) -> tuple[float, float, float, float] | None:
    """streamlit-folium's reported `bounds` ({"_southWest": {"lat", "lng"}, "_northEast": ...}) as
    (west, south, east, north) degrees; None when missing, malformed, or equal to `placeholder`
    (folium's `get_bounds()` [[south, west], [north, east]], what the component returns before the
    browser reports real bounds)."""
    b = bounds or {}
    try:
        bbox = (float(b["_southWest"]["lng"]), float(b["_southWest"]["lat"]),
                float(b["_northEast"]["lng"]), float(b["_northEast"]["lat"]))
    except (KeyError, TypeError, ValueError):
        return None
    if placeholder and bbox == (placeholder[0][1], placeholder[0][0], placeholder[1][1], placeholder[1][0]):
        return None
    return bbox


def mode_caption(mode: str, n: int) -> str:
    """What the page says under the map about how `n` events are drawn ("" for plain markers)."""
    if mode == "grid":
        return (f"{n:,} events are too many to send to the map one by one: it shows them aggregated on a grid "
                "(click a circle for counts by type). Narrow the filters (dates, types, area) to see single events.")
    if mode == "cloud":
        return (f"All {n:,} events are on the map: where many are in view they are counted per area "
                "(click a badge to zoom in); zoomed in, every event is drawn on its own.")
    return ""


class _Legend(MacroElement):
    _template = Template("""
        {% macro script(this, kwargs) %}
        (function(){
          var legend = L.control({position: 'bottomright'});
          legend.onAdd = function () {
            var div = L.DomUtil.create('div', 'cm-legend');
            div.innerHTML = {{ this.html|tojson }};
            return div;
          };
          legend.addTo({{ this._parent.get_name() }});
        })();  // map generation {{ this.generation }}
        {% endmacro %}
    """)

    def __init__(self, html_text: str, generation: int = 0):
        super().__init__()
        self._name = "Legend"
        self.html = html_text
        self.generation = int(generation)


def legend_html(extra: str = "") -> str:
    """The legend's HTML: one coloured dot per event type, what the badges and the two kinds of ring
    mean, and an optional escaped note."""
    rows = "".join(f"<div><i style=\"background:{c}\"></i>{html.escape(t)}</div>" for t, c in TYPE_COLORS.items())
    rings = (  # folded by default, so the legend hides little of the map and its names
        "<details class='cm-legend-sep'><summary>badges and rings</summary>"
        "<div><span class='cm-key cm-key-badge'>12</span>events at one point, or in one "
        "area when zoomed out</div>"
        "<div><span class='cm-key cm-key-prec'></span>precision ring: place known to "
        f"{PRECISION_RADIUS_KM[2]:g} km (precision 2) or {PRECISION_RADIUS_KM[3]:g} km (3)</div>"
        "<div><span class='cm-key cm-key-ref'></span>reference ring: km from the chosen place</div></details>")
    note = f"<div style='margin-top:4px;color:#555'>{html.escape(extra)}</div>" if extra else ""
    return f"<b>Event type</b>{rows}{rings}{note}"


class _ShapeSeed(MacroElement):
    """Puts a stored GeoJSON geometry into the Draw control's feature group (so it can be deleted)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        L.geoJSON({{ this.geometry|tojson }}, {style: {color: '#0b61a4', weight: 2, fillOpacity: 0.08}})
          .eachLayer(function (l) { {{ this._parent.get_name() }}.addLayer(l); });
        {% endmacro %}
    """)

    def __init__(self, geometry: dict):
        super().__init__()
        self._name = "ShapeSeed"
        self.geometry = geometry


def base_map(view: MapView, outlines: dict | None = None, admin1_lines: dict | None = None,
             shape_seed: dict | None = None, legend_note: str = "", generation: int = 0) -> folium.Map:
    """The stable part of the map: vector basemap, optional online tiles (off), Draw, legend.

    Bumping `generation` changes the script, so streamlit-folium mounts a fresh map (used to
    wipe a drawing when the user clears it from the sidebar)."""
    m = folium.Map(location=list(view.center), zoom_start=view.zoom, tiles=None, control_scale=True,
                   prefer_canvas=False, world_copy_jump=False)
    m.options["maxZoom"], m.options["minZoom"] = 16, 2  # markercluster needs the map's maxZoom
    use_local_assets(m)
    # before leaflet.js loads: with 3D-transformed panes, Chromium without GPU compositing leaves the
    # SVG rings and outlines half painted and loses them after a pan; 2D transforms paint them fully
    m.get_root().header.add_child(Element(NO_3D_SCRIPT), name="cm_no_3d", index=0)
    # the offline labelled basemap (land, water, rivers, borders, names); the outlines below stay as
    # optional layers, shown only when it is not built
    vector = offline_basemap.add_basemap(m)
    if admin1_lines and admin1_lines.get("features"):
        folium.GeoJson(admin1_lines, name="Admin-1 boundaries", interactive=False, control=True, show=not vector,
                       style_function=lambda f: {"color": "#8a8f98", "weight": 0.7, "dashArray": "3 3"},
                       ).add_to(m)
    if outlines and outlines.get("features"):
        folium.GeoJson(outlines, name="Country outlines", interactive=False, control=True, show=not vector,
                       style_function=lambda f: {"color": "#4a4f57", "weight": 1.3},
                       ).add_to(m)
    for name, url, attr in ONLINE_TILES:
        folium.TileLayer(url, name=name, attr=attr, overlay=True, show=False, control=True, max_zoom=18).add_to(m)
    drawn = folium.FeatureGroup(name="Drawn area", control=False)
    drawn.add_to(m)
    if shape_seed:
        _ShapeSeed(shape_seed).add_to(drawn)
    draw = folium.plugins.Draw(
        feature_group=drawn, show_geometry_on_click=False, position="topleft",
        draw_options={"polyline": False, "circle": False, "marker": False, "circlemarker": False,
                      "rectangle": {"shapeOptions": {"color": "#0b61a4", "weight": 2}},
                      "polygon": {"shapeOptions": {"color": "#0b61a4", "weight": 2}}},
        edit_options={"edit": False},
    )
    _no_cdn(draw)
    draw.add_to(m)
    _Legend(legend_html(legend_note), generation).add_to(m)
    folium.LayerControl(position="topright", collapsed=True).add_to(m)
    return m


# ---------------------------------------------------------------- event layers

def _esc(v) -> str:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return ""
    return html.escape(str(v), quote=True)


def tooltip_text(text: str) -> str:
    """Text for a folium `tooltip=` string: HTML-escaped, and with the characters that mean something
    inside the JavaScript template literal folium renders it into (` $ \\) made entities."""
    return html.escape(text, quote=True).replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;")


def _col(events: pd.DataFrame, name: str) -> np.ndarray:
    if name in events:
        return events[name].astype("object").to_numpy()
    return np.full(len(events), None, dtype=object)


def popup_rows(events: pd.DataFrame) -> list[list]:
    """Per event: [lat, lon, type index, escaped popup fields...] as compact JSON-able lists.

    Fields (all `html.escape`d here): date, type, sub-type, actors, place, precision,
    fatalities, evidence (truncated), source name, source URL (http/https only), synthetic flag.
    """
    lat = events["latitude"].to_numpy(dtype="float64", na_value=np.nan)
    lon = events["longitude"].to_numpy(dtype="float64", na_value=np.nan)
    types = _col(events, "event_type")
    tix = {t: i for i, t in enumerate(TYPE_NAMES)}
    dates = pd.to_datetime(events["event_date"]).dt.strftime("%Y-%m-%d").astype("object").to_numpy()
    sub = _col(events, "sub_event_type")
    a1, a2 = _col(events, "actor1"), _col(events, "actor2")
    loc, adm1, country = _col(events, "location"), _col(events, "admin1"), _col(events, "country")
    prec, fat = _col(events, "geo_precision"), _col(events, "fatalities")
    ev = _col(events, "evidence")
    notes = _col(events, "notes")
    src, url = _col(events, "source"), _col(events, "source_url")
    origin = _col(events, "origin")
    ids = _col(events, "event_id_cnty")
    merged_sources = _col(events, "sources")  # JSON list, set when reports/rows were merged (provenance)
    rows = []
    for i in range(len(events)):
        if not (math.isfinite(lat[i]) and math.isfinite(lon[i])):
            continue
        actors = " vs ".join(_esc(a) for a in (a1[i], a2[i]) if _esc(a))
        place = ", ".join(_esc(p) for p in (loc[i], adm1[i], country[i]) if _esc(p))
        text = ev[i] if isinstance(ev[i], str) and ev[i].strip() else notes[i]
        text = text if isinstance(text, str) else ""
        if len(text) > EVIDENCE_CHARS:
            text = text[:EVIDENCE_CHARS - 1] + "…"
        u = url[i] if isinstance(url[i], str) and url[i].strip().lower().startswith(("http://", "https://")) else ""
        synthetic = bool(isinstance(origin[i], str) and "synthetic" in origin[i].lower()) or bool(
            isinstance(src[i], str) and "synthetic" in src[i].lower())
        rows.append([
            round(float(lat[i]), 5), round(float(lon[i]), 5), tix.get(types[i], -1),
            _esc(dates[i]), _esc(types[i]), _esc(sub[i]), actors, place, _esc(prec[i]), _esc(fat[i]),
            _esc(text), _esc(sources_text({"sources": merged_sources[i]}) if isinstance(merged_sources[i], str)
                             else src[i]), _esc(u.strip()), 1 if synthetic else 0, _esc(ids[i]),
        ])
    return rows


class _GridCells(MacroElement):
    """Aggregated events: one circle per grid cell, sized by count, coloured by the commonest type."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function(){
          var colors = {{ this.colors|tojson }}, names = {{ this.names|tojson }}, other = {{ this.other|tojson }};
          var cells = {{ this.cells|tojson }}, g = L.featureGroup();
          for (var i = 0; i < cells.length; i++) {
            var c = cells[i], n = c[2];
            var m = L.circleMarker([c[0], c[1]], {radius: Math.min(28, 4 + 3 * Math.sqrt(n) / {{ this.scale }}),
                color: '#1b1b1b', weight: 1, fillColor: c[3] >= 0 ? colors[c[3]] : other, fillOpacity: 0.7,
                className: 'cm-cell'});
            var h = '<div class="cm-popup"><b>' + n.toLocaleString() + ' events</b> in this cell';
            for (var k = 0; k < c[4].length; k++) if (c[4][k] > 0) h += '<br>' + names[k] + ': ' + c[4][k];
            m.bindPopup(h + '<br><i>zoom in or filter to see single events</i></div>');
            g.addLayer(m);
          }
          g.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    def __init__(self, cells: list[list], scale: float):
        super().__init__()
        self._name = "GridCells"
        self.cells = cells
        self.scale = max(scale, 1.0)
        self.colors = [TYPE_COLORS[t] for t in TYPE_NAMES] + [OTHER_COLOR]
        self.names = [html.escape(t) for t in TYPE_NAMES] + ["Other"]
        self.other = OTHER_COLOR


def grid_cells(events: pd.DataFrame, cells: int = GRID_CELLS) -> tuple[list[list], float]:
    """Aggregate events into a square grid (degrees) over their extent, at most ~cells x cells.

    Returns rows [lat, lon, count, dominant type index, [count per type..., other]] and a size
    scale (sqrt of the median count) for the circle radii. Vectorised: fine for millions of rows.
    """
    lat = events["latitude"].to_numpy(dtype="float64", na_value=np.nan)
    lon = events["longitude"].to_numpy(dtype="float64", na_value=np.nan)
    ok = np.isfinite(lat) & np.isfinite(lon)
    lat, lon = lat[ok], lon[ok]
    if lat.size == 0:
        return [], 1.0
    types = events["event_type"].astype("object").to_numpy()[ok]
    tix = pd.Series(types).map({t: i for i, t in enumerate(TYPE_NAMES)}).fillna(len(TYPE_NAMES)).to_numpy(int)
    span = max(np.ptp(lat), np.ptp(lon), 0.05)
    step = span / cells
    gi = np.floor(lat / step).astype(np.int64)
    gj = np.floor(lon / step).astype(np.int64)
    key = (gi - gi.min()) * (gj.max() - gj.min() + 1) + (gj - gj.min())
    ntypes = len(TYPE_NAMES) + 1
    uniq, inv = np.unique(key, return_inverse=True)
    counts = np.zeros((uniq.size, ntypes), dtype=np.int64)
    np.add.at(counts, (inv, tix), 1)
    sum_lat = np.bincount(inv, weights=lat, minlength=uniq.size)
    sum_lon = np.bincount(inv, weights=lon, minlength=uniq.size)
    total = counts.sum(axis=1)
    clat, clon = sum_lat / total, sum_lon / total
    dom = counts.argmax(axis=1)
    dom = np.where(dom == len(TYPE_NAMES), -1, dom)
    rows = [[round(float(clat[k]), 4), round(float(clon[k]), 4), int(total[k]), int(dom[k]), counts[k].tolist()]
            for k in range(uniq.size)]
    return rows, float(math.sqrt(np.median(total)))


def heat_points(events: pd.DataFrame, limit: int = HEAT_LIMIT) -> list[list[float]]:
    """[lat, lon, weight] for the heat layer: raw points up to `limit`, else grid centroids by count."""
    if len(events) <= limit:
        lat = events["latitude"].to_numpy(dtype="float64", na_value=np.nan)
        lon = events["longitude"].to_numpy(dtype="float64", na_value=np.nan)
        ok = np.isfinite(lat) & np.isfinite(lon)
        return [[round(a, 4), round(b, 4), 1.0] for a, b in zip(lat[ok].tolist(), lon[ok].tolist(), strict=True)]
    rows, _ = grid_cells(events, cells=int(math.sqrt(limit)))
    top = max((r[2] for r in rows), default=1)
    return [[r[0], r[1], round(r[2] / top, 4)] for r in rows]


def choropleth_layer(counts: gpd.GeoDataFrame, count_col: str = "events", name_col: str = "name",
                     tolerance: float = 0.02) -> folium.GeoJson | None:
    """Admin-1 polygons shaded by event count (white to dark red, linear), with an escaped tooltip."""
    if counts is None or counts.empty or count_col not in counts:
        return None
    gdf = counts[counts[count_col] > 0]
    if gdf.empty:
        return None
    top = float(gdf[count_col].max())
    ramp = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"]
    geom = gpd.GeoSeries(shapely.set_precision(gdf.geometry.simplify(tolerance).values, 0.001), crs=gdf.crs)
    shade = [ramp[min(len(ramp) - 1, int(len(ramp) * (float(c) / top - 1e-9)))] for c in gdf[count_col]]
    names = gdf[name_col].astype(str).map(html.escape) if name_col in gdf else pd.Series([""] * len(gdf))
    slim = gpd.GeoDataFrame({"name": names.to_numpy(), "events": gdf[count_col].astype(int).to_numpy(),
                             "fill": shade}, geometry=geom.to_numpy(), crs=gdf.crs)
    return folium.GeoJson(
        json.loads(slim.to_json(drop_id=True)), name="Events per admin-1",
        style_function=lambda f: {"fillColor": f["properties"]["fill"], "color": "#7a2a1a", "weight": 0.6,
                                  "fillOpacity": 0.55},
        tooltip=folium.GeoJsonTooltip(fields=["name", "events"], aliases=["admin-1", "events"]),
    )


def ring_layer(ref: tuple[float, float], place: str, rings_km: tuple[float, ...],
               rings: list[tuple[float, object]]) -> folium.FeatureGroup:
    """The reference place (a black dot) and its geodesic rings (`rings` = [(km, shapely Polygon)])."""
    fg = folium.FeatureGroup(name="Reference place")
    for km, poly in rings:
        if poly is None or poly.is_empty:
            continue
        folium.GeoJson(shapely.geometry.mapping(poly), style_function=lambda f: {
            "color": "#111", "weight": 1.5, "dashArray": "6 4", "fill": False},
            tooltip=tooltip_text(f"{km:g} km from {place}")).add_to(fg)
    folium.CircleMarker(ref, radius=5, color="#000", weight=2, fill=True, fill_color="#fff", fill_opacity=1,
                        tooltip=tooltip_text(f"Reference: {place}")).add_to(fg)
    return fg


def event_layers(events: pd.DataFrame, *, heat: bool = False, choropleth: gpd.GeoDataFrame | None = None,
                 precision_rings: bool = True, ref_layer: folium.FeatureGroup | None = None,
                 focus: tuple[float, float, int] | None = None, player: bool = True,
                 cloud_limit: int | None = None) -> tuple[folium.FeatureGroup, str]:
    """One FeatureGroup with every dynamic layer for the filtered events, and a mode word saying how
    the events are drawn: "markers" (few), "cloud" (`eventcloud.EventCloud`: every event sent in a
    compact encoding, single events at any zoom, counts per screen cell when many are in view) or,
    above `eventcloud.CLOUD_LIMIT`, "grid" (server-side aggregation). `focus` (lat, lon, zoom)
    centres the map on one event (a table row click); `player` adds the time player."""
    from dashboard.views import eventcloud

    fg = folium.FeatureGroup(name="Events")
    if choropleth is not None:
        layer = choropleth_layer(choropleth)
        if layer is not None:
            layer.add_to(fg)
    n = len(events)
    limit = eventcloud.CLOUD_LIMIT if cloud_limit is None else cloud_limit
    if n > limit:
        cells, scale = grid_cells(events)
        _GridCells(cells, scale).add_to(fg)
        mode = "grid"
    else:
        mode = "markers" if n <= eventcloud.SINGLE_LIMIT else "cloud"
        eventcloud.EventCloud(events, precision_rings=precision_rings, player=player, focus=focus).add_to(fg)
    if heat and n:
        hm = folium.plugins.HeatMap(heat_points(events), name="Heat", radius=22, blur=18, min_opacity=0.45)
        _no_cdn(hm)
        hm.add_to(fg)
    if ref_layer is not None:
        for child in list(ref_layer._children.values()):
            child.add_to(fg)
    return fg, mode
