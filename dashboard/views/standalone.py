"""The interactive folium map as ONE self-contained HTML file that opens offline anywhere.

The map is the dashboard's own (`dashboard.views.mapview`: vector basemap, coloured circle markers,
escaped popups, legend, rings), rendered to HTML; every local script and stylesheet it links to is
then inlined (`<script>` / `<style>`), and the images those stylesheets use become data URIs. Files
come from `dashboard/static/` (filled by `python -m dashboard.views.assets`), else straight from
`node_modules/`. A link that cannot be inlined is dropped and reported, never left pointing
off the machine. Coordinates are WGS84 degrees; ring radii km.
"""

from __future__ import annotations

import base64
import html
import mimetypes
import re
from pathlib import Path

import pandas as pd

from dashboard import resources

STATIC = resources.static_dir()
NODE_MODULES = resources.node_modules_dir()
#: folder inside each npm package that `assets.py` copies to static/vendor/<package>/
NPM_DIST = {"leaflet": "dist", "leaflet.markercluster": "dist", "leaflet-draw": "dist", "leaflet.heat": "dist"}

_TAG = re.compile(
    r"<script\b[^>]*\bsrc=[\"']([^\"']+)[\"'][^>]*>\s*</script>"
    r"|<link\b[^>]*\bhref=[\"']([^\"']+)[\"'][^>]*/?>",
    re.IGNORECASE,
)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)([^)'\"]+)\1\s*\)")


def local_file(url: str) -> Path | None:
    """The local file behind an asset URL such as /app/static/vendor/leaflet/leaflet.js (or None)."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    for prefix in ("/app/static/", "app/static/", "./static/", "static/"):
        if path.startswith(prefix):
            rel = path[len(prefix):]
            break
    else:
        return None
    candidate = STATIC / rel
    if candidate.is_file():
        return candidate
    parts = rel.split("/")
    if len(parts) >= 3 and parts[0] == "vendor" and parts[1] in NPM_DIST:
        candidate = NODE_MODULES / parts[1] / NPM_DIST[parts[1]] / "/".join(parts[2:])
        if candidate.is_file():
            return candidate
    return None


def assets_available() -> bool:
    """True when Leaflet's script and stylesheet can be found locally (vendor/ or node_modules/)."""
    return all(local_file(f"/app/static/vendor/leaflet/{f}") for f in ("leaflet.js", "leaflet.css"))


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def inline_css(text: str, base: Path) -> str:
    """A stylesheet with its relative url(...) images turned into data URIs (others left alone)."""
    def repl(m: re.Match) -> str:
        ref = m.group(2).strip()
        if ref.startswith(("data:", "#", "http:", "https:", "//")):
            return m.group(0)
        f = (base / ref.split("?", 1)[0].split("#", 1)[0]).resolve()
        return f"url({_data_uri(f)})" if f.is_file() else m.group(0)

    return _CSS_URL.sub(repl, text)


def inline_assets(page: str) -> tuple[str, list[str]]:
    """Inline every <script src> and <link href> whose file is local; drop the others.

    Returns the new page and the list of URLs that were dropped (an empty list when complete).
    """
    dropped: list[str] = []

    def repl(m: re.Match) -> str:
        is_script = m.group(1) is not None
        url = html.unescape(m.group(1) or m.group(2))
        tag = m.group(0)
        if not is_script and "stylesheet" not in tag.lower():
            if url.startswith(("http:", "https:", "//")):
                dropped.append(url)
                return ""
            return tag
        f = local_file(url)
        if f is None:
            dropped.append(url)
            return f"<!-- not inlined: {html.escape(url)} -->"
        text = f.read_text(encoding="utf-8")
        if is_script:
            return "<script>" + re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE) + "</script>"
        css = inline_css(text, f.parent)
        return "<style>" + re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE) + "</style>"

    return _TAG.sub(repl, page), dropped


def _bbox(events: pd.DataFrame, pad: float = 0.3) -> tuple[float, float, float, float] | None:
    lat = pd.to_numeric(events.get("latitude"), errors="coerce") if len(events) else None
    lon = pd.to_numeric(events.get("longitude"), errors="coerce") if len(events) else None
    if lat is None or lon is None or lat.notna().sum() == 0:
        return None
    s, n, w, e = float(lat.min()), float(lat.max()), float(lon.min()), float(lon.max())
    return w - pad, s - pad, e + pad, n + pad


def build_map(events: pd.DataFrame, *, title: str = "crisismap",
              ref_place: tuple[str, float, float] | None = None, rings_km: tuple[float, ...] = (),
              shape: dict | None = None, center: tuple[float, float] | None = None, zoom: int | None = None,
              extent: tuple[float, float, float, float] | None = None, legend_note: str = "",
              precision_rings: bool = True):
    """A folium.Map of `events` built from the dashboard's own map pieces (SVG markers, no tiles on)."""
    import folium

    from dashboard import boundaries
    from dashboard.layers import geodesic_ring
    from dashboard.views import basemap as offline_basemap
    from dashboard.views import mapview  # the page's map; imported lazily (folium is heavy)

    box = extent or _bbox(events)
    if extent is None and ref_place is not None:  # fit the rings too (a radius filter's ring is one of them)
        for r in rings_km:
            if float(r) > 0:
                w, s, e, n = geodesic_ring(ref_place[1], ref_place[2], float(r) * 1000.0).bounds  # km -> m
                box = (w, s, e, n) if box is None else (min(box[0], w), min(box[1], s), max(box[2], e), max(box[3], n))
    view_box = box or (-20.0, -37.0, 55.0, 38.0)
    margin = 3.0
    clip = (view_box[0] - margin, view_box[1] - margin, view_box[2] + margin, view_box[3] + margin)
    a0, a1 = boundaries.admin0(), boundaries.admin1()
    outlines = mapview.basemap_geojson(a0, clip) if a0 is not None else None
    admin1_lines = mapview.basemap_geojson(a1, clip, keep=()) if a1 is not None else None
    start = mapview.MapView(center=center or ((view_box[1] + view_box[3]) / 2, (view_box[0] + view_box[2]) / 2),
                            zoom=int(zoom) if zoom is not None else 6)
    m = mapview.base_map(start, outlines=outlines, admin1_lines=admin1_lines, shape_seed=shape,
                         legend_note=legend_note or title)
    offline_basemap.inline_tiles(m, clip)  # the labelled basemap's tiles travel inside the page
    # SVG rather than canvas: each marker in view is its own <path class="cm-event"> (eventcloud.SINGLE_LIMIT)
    m.options["prefer_canvas"] = False
    # markercluster needs a finite map maxZoom; with every tile layer off none is known otherwise
    if not m.options.get("max_zoom"):
        m.options["max_zoom"] = 14
    ref_layer = None
    if ref_place is not None:
        name, lat, lon = ref_place
        rings = [(float(r), geodesic_ring(lat, lon, float(r) * 1000.0)) for r in rings_km if float(r) > 0]  # km -> m
        ref_layer = mapview.ring_layer((lat, lon), name, tuple(rings_km), rings)
    fg, _mode = mapview.event_layers(events, precision_rings=precision_rings, ref_layer=ref_layer)
    # the page swaps the events in beside a finished base map; here they join it, before the layer
    # control (which must come last in the script, as it refers to every layer by name)
    controls = [k for k, child in m._children.items() if isinstance(child, folium.LayerControl)]
    moved = [m._children.pop(k) for k in controls]
    fg.add_to(m)
    for child in moved:
        m._children[child.get_name()] = child
    if center is None or zoom is None:
        if box is not None:
            m.fit_bounds([[box[1], box[0]], [box[3], box[2]]])
    return m


def standalone_html(events: pd.DataFrame, *, title: str = "crisismap", **map_opts) -> tuple[str, list[str]]:
    """The whole page as a string, and the asset URLs that could not be inlined (should be empty)."""
    m = build_map(events, title=title, **map_opts)
    root = m.get_root()
    root.title = html.escape(title)  # branca renders the title unescaped
    page = root.render()
    return inline_assets(page)
