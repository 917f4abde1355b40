"""The offline basemap's look, shared by the web map (`basemap.py`, via crisismap-basemap.js) and the
PNG export (`basemap_png.py`): colours, the label font, label sizes in CSS pixels (96 per inch)."""

from __future__ import annotations

from dashboard.views.basemap_build import MAX_DATA_ZOOM

#: one style for the web map and the PNG: colours, label font and sizes (CSS px at 96 dpi)
STYLE: dict = {
    "land": "#f2efe6",
    "water": "#c3dbee",
    "river": "#a3c8e8",
    "admin0": "#aea293",
    "admin1": "#e0d9cb",
    "place_dot": "#3a3a3a",
    "place_text": "#111111",
    "country_text": "#5a4f43",
    "halo": "#ffffff",
    "halo_px": 4.0,
    "font_family": "'DejaVu Sans', 'DejaVu Sans Fallback', sans-serif",
    "size": {"capital": 18, "admin1_capital": 17, "town": 14, "village": 13, "country": 18},
    "max_data_zoom": MAX_DATA_ZOOM,
}
