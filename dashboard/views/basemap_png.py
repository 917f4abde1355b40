"""The offline labelled basemap in the PNG export: matplotlib draws the layers the web map draws.

Layers come from the GeoPackage built with the tiles (`dashboard.views.basemap_build`: land, lakes,
rivers, country and admin-1 lines, country names and GeoNames places), colours and label sizes from
`dashboard.views.basemap.STYLE`, so the picture and the web map look alike. Labels are placed
greedily in priority order (countries, capitals, admin-1 capitals, towns by population, villages)
and skip any spot that would overlap a label or marker already drawn: no two labels overlap.
Names are drawn as the Unicode strings stored (DejaVu Sans has the Latin accents: Ségou, Ménaka).
Coordinates: WGS84 degrees in, the export's projected CRS (metres) on the axes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from matplotlib.patheffects import withStroke
from matplotlib.transforms import Bbox
from pyproj import CRS, Transformer

from dashboard.views.basemap_build import basemap_paths
from dashboard.views.basemap_style import STYLE

#: web-map zoom -> roughly the same label density on paper (the PNG's zoom is `equivalent_zoom`)
MAX_LABEL_CANDIDATES = 900
#: matplotlib points per CSS pixel of STYLE sizes at the export's base font size 8 pt
PT_PER_PX = 0.62


@dataclass
class BasemapDrawn:
    """What `draw_layers` drew (for `draw_labels` and the tests)."""

    gpkg: Path | None
    lonlat_bbox: tuple[float, float, float, float]
    zoom: float
    layers: dict[str, int] = field(default_factory=dict)
    labels: list[str] = field(default_factory=list)


def available() -> bool:
    """True when the basemap's GeoPackage is built."""
    return basemap_paths()[0].is_file()


def read_layer(name: str, lonlat_bbox: tuple[float, float, float, float], where: str | None = None
               ) -> gpd.GeoDataFrame:
    """One prepared layer clipped to `lonlat_bbox` (w, s, e, n degrees), EPSG:4326."""
    import pyogrio

    gpkg = basemap_paths()[0]
    w, s, e, n = lonlat_bbox
    gdf = pyogrio.read_dataframe(gpkg, layer=name, bbox=(w, s, e, n), where=where)
    if gdf.empty or name == "places":
        return gdf
    gdf["geometry"] = gdf.geometry.clip_by_rect(w, s, e, n)
    return gdf[~gdf.geometry.is_empty & gdf.geometry.notna()]


def equivalent_zoom(view: tuple[float, float, float, float], ax_width_in: float, lat: float) -> float:
    """The web-map zoom showing the same ground per CSS pixel (96 per inch) as a map `ax_width_in`
    inches wide over `view` (x0, x1, y0, y1 metres of a local metric CRS) at latitude `lat` degrees."""
    ground_m = max(view[1] - view[0], 1.0)
    m_per_px = ground_m / max(ax_width_in * 96.0, 1.0)
    return math.log2(156543.034 * max(math.cos(math.radians(lat)), 0.05) / m_per_px)


def draw_layers(ax, crs: CRS, view: tuple[float, float, float, float], lonlat_bbox: tuple[float, float, float, float],
                ax_width_in: float, *, wide: bool = False) -> BasemapDrawn | None:
    """Land, lakes, rivers and borders under everything else; None when the basemap is not built
    (the caller then draws its plain outlines)."""
    if not available():
        return None
    w, s, e, n = lonlat_bbox
    zoom = equivalent_zoom(view, ax_width_in, (s + n) / 2)
    drawn = BasemapDrawn(basemap_paths()[0], lonlat_bbox, zoom)
    ax.set_facecolor(STYLE["water"])
    land = read_layer("land", lonlat_bbox)
    if len(land):
        land.to_crs(crs).plot(ax=ax, facecolor=STYLE["land"], edgecolor="none", zorder=1)
    water = read_layer("water", lonlat_bbox, where=f"min_zoom <= {int(math.ceil(zoom))}")
    if len(water):
        water.to_crs(crs).plot(ax=ax, facecolor=STYLE["water"], edgecolor="none", zorder=1.2)
    rivers = read_layer("rivers", lonlat_bbox, where=f"min_zoom <= {int(math.ceil(zoom))}")
    if len(rivers):
        lw = np.clip(rivers["width"].to_numpy(float) * 2.2 * 1.35 ** (zoom - 5), 0.6, 3.0) * 0.6
        rivers.to_crs(crs).plot(ax=ax, color=STYLE["river"], linewidth=lw, zorder=1.4, capstyle="round")
    borders = read_layer("borders", lonlat_bbox)
    b1 = borders[borders["level"] == 1] if len(borders) else borders
    b0 = borders[borders["level"] == 0] if len(borders) else borders
    if len(b1) and not wide and zoom >= 3.5:
        b1.to_crs(crs).plot(ax=ax, color=STYLE["admin1"], linewidth=0.55, zorder=2)
    if len(b0):
        b0.to_crs(crs).plot(ax=ax, color=STYLE["admin0"], linewidth=1.0, zorder=3)
    drawn.layers = {"land": len(land), "water": len(water), "rivers": len(rivers), "borders": len(borders)}
    return drawn


def _label(ax, renderer, placed: list, axbb, x: float, y: float, text: str, fontsize: float,
           offsets, **kw) -> bool:
    for dx, dy, ha, va in offsets:
        t = ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", fontsize=fontsize,
                        ha=ha, va=va, annotation_clip=True, parse_math=False, **kw)
        bb = t.get_window_extent(renderer).expanded(1.03, 1.08)
        inside = axbb.x0 <= bb.x0 and bb.x1 <= axbb.x1 and axbb.y0 <= bb.y0 and bb.y1 <= axbb.y1
        if inside and not any(bb.overlaps(o) for o in placed):
            placed.append(bb)
            return True
        t.remove()
    return False


def draw_labels(ax, renderer, placed: list, drawn: BasemapDrawn, crs: CRS, *, fs: float = 8.0,
                skip: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Country and place names of the basemap where there is room (after the events' own labels, so
    those win); returns the names drawn. `placed` holds display-space boxes to keep clear (and
    gains the new labels); `skip` are lower-case names already on the map."""
    zoom = drawn.zoom
    fwd = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    axbb = ax.get_window_extent(renderer)
    scale = fs / 8.0 * PT_PER_PX
    halo = [withStroke(linewidth=STYLE["halo_px"] * 0.9, foreground=STYLE["halo"])]
    out: list[str] = []
    seen = {s.lower() for s in skip}

    # country names at a point inside the country's part that is in view (not off-screen)
    a0 = _countries_in_view(drawn.lonlat_bbox)
    for name, geom in zip(a0["name"], a0.geometry, strict=True):
        if not name or name.lower() in seen:
            continue
        part = gpd.GeoSeries([geom], crs="EPSG:4326").to_crs(crs).iloc[0]
        if part.is_empty or part.area <= 0:
            continue
        pt = part.representative_point()
        ok = _label(ax, renderer, placed, axbb, pt.x, pt.y, name, STYLE["size"]["country"] * scale * 1.1,
                    [(0, 0, "center", "center"), (0, 14, "center", "center"), (0, -14, "center", "center")],
                    color=STYLE["country_text"], fontweight="bold", zorder=6.5, path_effects=halo)
        if ok:
            out.append(name)
            seen.add(name.lower())

    places = read_layer("places", drawn.lonlat_bbox, where=f"min_zoom <= {int(math.floor(zoom + 0.25))} "
                                                          "AND kind <> 'country'")
    if len(places):
        places = places.head(MAX_LABEL_CANDIDATES)
        xs, ys = fwd.transform(places.geometry.x.to_numpy(), places.geometry.y.to_numpy())
        sizes = {"capital": ("capital", "bold", 3.5), "admin1_capital": ("admin1_capital", "bold", 2.8),
                 "town": ("town", "normal", 2.4), "village": ("village", "normal", 2.0)}
        dots_x, dots_y, dots_r = [], [], []
        for x, y, name, kind in zip(xs, ys, places["name"], places["kind"], strict=True):
            if not name or name.lower() in seen:
                continue
            key, weight, dot = sizes.get(kind, sizes["village"])
            px, py = ax.transData.transform((x, y))
            r = dot * 1.6
            dot_box = Bbox.from_extents(px - r, py - r, px + r, py + r)
            if any(dot_box.overlaps(o) for o in placed):
                continue
            off = dot + 3.0
            ok = _label(ax, renderer, placed, axbb, x, y, name, STYLE["size"][key] * scale,
                        [(off, 1, "left", "bottom"), (-off, 1, "right", "bottom"), (off, -1, "left", "top"),
                         (-off, -1, "right", "top")],
                        color=STYLE["place_text"], fontweight=weight, zorder=6.5, path_effects=halo)
            if ok:
                placed.append(dot_box)
                dots_x.append(x)
                dots_y.append(y)
                dots_r.append(dot)
                out.append(name)
                seen.add(name.lower())
        if dots_x:
            ax.scatter(dots_x, dots_y, s=(np.asarray(dots_r) * 1.5) ** 2, c=STYLE["place_dot"],
                       edgecolors=STYLE["halo"], linewidths=0.6, zorder=6.4)
    drawn.labels = out
    return out


def _countries_in_view(lonlat_bbox: tuple[float, float, float, float]) -> gpd.GeoDataFrame:
    """admin-0 polygons (Natural Earth, data/boundaries) clipped to the view, largest first."""
    from dashboard.views.png import basemap as boundaries_in

    a0 = boundaries_in("admin0", lonlat_bbox, CRS.from_epsg(4326))
    if a0 is None or a0.empty:
        return gpd.GeoDataFrame({"name": []}, geometry=[], crs="EPSG:4326")
    w, s, e, n = lonlat_bbox
    a0 = a0.copy()
    a0["share"] = shapely.area(a0.geometry.to_numpy()) / max((e - w) * (n - s), 1e-9)  # of the view, deg²
    a0 = a0[a0["share"] > 0.01]
    return a0.sort_values("share", ascending=False)[["name", "geometry"]]
