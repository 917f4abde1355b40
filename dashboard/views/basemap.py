"""The offline labelled basemap on the web map: a folium layer that protomaps-leaflet draws.

The tiles are ours (`dashboard.views.basemap_build`, built at setup into
`dashboard/static/vendor/basemap/basemap.pmtiles`); the drawing rules live in
`dashboard/static/crisismap-basemap.js` and take their colours, fonts and sizes from `STYLE`, which
the PNG export (`dashboard.views.basemap_png`) uses too. On the dashboard the browser reads the
tiles from Streamlit's static serving (`/app/static/...`, HTTP range requests); the standalone HTML
carries the tiles of its area in the page itself (`subset_pmtiles`), so it opens from file://.
Labels are DejaVu Sans, vendored from npm (`@fontsource/dejavu-sans`): the font matplotlib ships,
so the web map and the PNG print the same letters.
"""

from __future__ import annotations

import base64
import io
import json
import math
from pathlib import Path

import folium
from folium.elements import JSCSSMixin
from folium.template import Template

from dashboard.views import assets
from dashboard.views.basemap_build import ATTRIBUTION, basemap_paths
from dashboard.views.basemap_style import STYLE

LAYER_NAME = "Offline basemap (labelled)"
BASEMAP_ATTRIBUTION = ATTRIBUTION
#: our script and stylesheet (committed), then the npm ones (vendored by `python -m dashboard.views.assets`)
JS: list[tuple[str, str]] = [
    ("protomaps_leaflet", "vendor/protomaps-leaflet/protomaps-leaflet.js"),
    ("pmtiles", "vendor/pmtiles/pmtiles.js"),
    ("crisismap_basemap", "crisismap-basemap.js"),
]
CSS: list[tuple[str, str]] = [("crisismap_fonts", "crisismap-fonts.css")]


def pmtiles_url() -> str:
    """URL of the tiles on the dashboard (Streamlit static serving)."""
    return f"{assets.STATIC_URL}/vendor/basemap/basemap.pmtiles"


def available() -> bool:
    """True when the tiles are built and protomaps-leaflet is vendored."""
    pmt = basemap_paths()[1]
    return pmt.is_file() and (assets.VENDOR / "protomaps-leaflet" / "protomaps-leaflet.js").is_file()


class OfflineBasemap(JSCSSMixin, folium.map.Layer):
    """The labelled basemap as a Leaflet base layer (listed in the layer control).

    `source` is a URL of a .pmtiles file, or the file's bytes to carry inside the page."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = window.crisismapBasemap({{ this.source_js }}, {{ this.style_js }},
            {{ this.attribution_js }});
        {% endmacro %}
    """)

    def __init__(self, source: str | bytes, name: str = LAYER_NAME, show: bool = True):
        super().__init__(name=name, overlay=False, control=True, show=show)
        self._name = "OfflineBasemap"
        if isinstance(source, bytes):
            self.source_js = json.dumps({"b64": base64.b64encode(source).decode("ascii")})
        else:
            self.source_js = json.dumps(source)
        self.style_js = json.dumps(STYLE)
        self.attribution_js = json.dumps(BASEMAP_ATTRIBUTION)
        self.default_js = [(n, f"{assets.STATIC_URL}/{p}") for n, p in JS]
        self.default_css = [(n, f"{assets.STATIC_URL}/{p}") for n, p in CSS]


def add_basemap(m: folium.Map, *, bbox: tuple[float, float, float, float] | None = None,
                inline: bool = False) -> bool:
    """Add the offline labelled basemap to `m` as its default base layer; False when not built.

    `inline` carries the tiles inside the page (the tiles around `bbox`, w, s, e, n degrees, or
    all of them), for a page opened from file://."""
    if not available():
        return False
    if inline:
        src: str | bytes = subset_pmtiles(basemap_paths()[1], bbox)
    else:
        src = pmtiles_url()
    OfflineBasemap(src).add_to(m)
    return True


# ---------------------------------------------------------------- tiles for one area

def _tile_range(z: int, bbox: tuple[float, float, float, float], pad_tiles: int) -> tuple[int, int, int, int]:
    """x0, y0, x1, y1 (inclusive) of the web-mercator tiles at zoom z covering bbox (w, s, e, n)."""
    n = 2 ** z

    def tx(lon: float) -> int:
        return int(min(n - 1, max(0, math.floor((lon + 180.0) / 360.0 * n))))

    def ty(lat: float) -> int:
        lat = max(-85.0511, min(85.0511, lat))
        r = math.radians(lat)
        return int(min(n - 1, max(0, math.floor((1 - math.asinh(math.tan(r)) / math.pi) / 2 * n))))

    w, s, e, nn = bbox
    return (max(0, tx(w) - pad_tiles), max(0, ty(nn) - pad_tiles), min(n - 1, tx(e) + pad_tiles),
            min(n - 1, ty(s) + pad_tiles))


def subset_pmtiles(path: Path, bbox: tuple[float, float, float, float] | None, pad_tiles: int = 3,
                   world_zooms: int = 2) -> bytes:
    """A PMTiles archive (bytes) with the tiles of `path` that cover `bbox` (w, s, e, n degrees)
    padded by `pad_tiles` tiles at each zoom, and every tile up to zoom `world_zooms`."""
    from pmtiles.reader import MmapSource, Reader, all_tiles
    from pmtiles.tile import zxy_to_tileid
    from pmtiles.writer import Writer

    with open(path, "rb") as f:
        reader = Reader(MmapSource(f))
        header, metadata = reader.header(), reader.metadata()
        ranges = {z: _tile_range(z, bbox, pad_tiles if z > 4 else 1) for z in range(header["max_zoom"] + 1)} \
            if bbox else {}
        keep = []
        for (z, x, y), data in all_tiles(reader.get_bytes):
            if bbox is None or z <= world_zooms:
                keep.append((zxy_to_tileid(z, x, y), data))
                continue
            x0, y0, x1, y1 = ranges[z]
            if x0 <= x <= x1 and y0 <= y <= y1:
                keep.append((zxy_to_tileid(z, x, y), data))
    keep.sort(key=lambda t: t[0])
    out = io.BytesIO()
    writer = Writer(out)
    for tid, data in keep:
        writer.write_tile(tid, data)
    head = {k: header[k] for k in ("tile_type", "tile_compression", "min_lon_e7", "min_lat_e7", "max_lon_e7",
                                   "max_lat_e7", "center_zoom", "center_lon_e7", "center_lat_e7")}
    writer.finalize(head, metadata)
    return out.getvalue()


def inline_tiles(m: folium.Map, bbox: tuple[float, float, float, float] | None) -> bool:
    """Make the basemap of `m` carry its tiles (those around `bbox`, w, s, e, n degrees) inside the
    page instead of reading them from the dashboard's URL; False when `m` has no basemap."""
    layers = [c for c in m._children.values() if isinstance(c, OfflineBasemap)]
    for layer in layers:
        data = subset_pmtiles(basemap_paths()[1], bbox)
        layer.source_js = json.dumps({"b64": base64.b64encode(data).decode("ascii")})
    return bool(layers)
