"""Exports fit the selection: an 8-event, 25 km selection is not drawn at country scale (SYNTHETIC)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.events.schema import to_events
from dashboard.filters import FilterState
from dashboard.views import export

KATI = (12.7441, -8.0726)


def eight_near_kati() -> pd.DataFrame:
    rng = np.random.default_rng(2)
    return to_events(pd.DataFrame({
        "event_id_cnty": [f"SYNFIT{i}" for i in range(8)], "event_date": pd.Timestamp("2020-08-18"),
        "event_type": "Protests", "country": "Mali", "location": "Kati",
        "latitude": KATI[0] + rng.normal(0, 0.05, 8), "longitude": KATI[1] + rng.normal(0, 0.05, 8),
        "geo_precision": 1, "fatalities": 0, "notes": "SYNTHETIC", "origin": "synthetic", "place_score": np.nan,
    }))


def test_picture_fits_the_events_and_the_radius_ring_not_the_maps_view():
    state = FilterState(place="Kati", radius_km=25.0, center=(16.5, -4.0), zoom=5)  # the opening, country view
    opts = export.picture_options(state, KATI)
    assert opts["extent"] is None  # render_png fits the events and rings
    assert opts["rings"] == [(KATI[0], KATI[1], 25.0)]
    from dashboard.views.png import _bounds_of

    w, s, e, n = _bounds_of(eight_near_kati(), opts["rings"], opts["ref_place"])
    assert e - w < 0.6 and n - s < 0.6  # ~50 km ring: far from country scale
    visible = state.replace(visible_only=True, bbox=(-9.0, 12.0, -7.0, 13.5))
    assert export.picture_options(visible, KATI)["extent"] == (-9.0, 12.0, -7.0, 13.5)


def test_html_map_fits_the_ring():
    from dashboard.views.standalone import build_map

    m = build_map(eight_near_kati(), ref_place=("Kati", *KATI), rings_km=(25.0,))
    page = m.get_root().render()
    import re

    hit = re.search(r"fitBounds\(\s*\[\[([-\d.]+),\s*([-\d.]+)\],\s*\[([-\d.]+),\s*([-\d.]+)\]\]", page)
    s, w, n, e = (float(v) for v in hit.groups())
    # the 25 km ring (about 0.23 degrees north of Kati) is inside the fitted box
    assert s <= KATI[0] - 0.22 and n >= KATI[0] + 0.22 and n - s < 2.0
    assert "L_DISABLE_3D = true" in page


def test_fanned_out_markers_stay_within_a_few_mm_of_their_point():
    from dashboard.views import png

    base_pt = 8.0 * 0.95  # the A4 marker diameter (points)
    r = np.sqrt(png.marker_area(np.zeros(png.MAX_PETALS), base_pt)) / 2  # radii, points
    offs = png.flower_offsets(r, hub=base_pt, gap=0.25 * base_pt)
    mm = np.hypot(offs[:, 0], offs[:, 1]).max() * 25.4 / 72
    assert mm < 5.0, mm  # on paper; the true point is drawn too, with a leader line to its marker
