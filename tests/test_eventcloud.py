"""dashboard.views.eventcloud: the compact event encoding the map draws at every zoom (SYNTHETIC events)."""

from __future__ import annotations

import base64
import json

import numpy as np
import pandas as pd

from dashboard.events.schema import TYPE_COLORS, to_events
from dashboard.views import eventcloud


def synthetic(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return to_events(pd.DataFrame({
        "event_id_cnty": [f"SYNTHETIC{i}" for i in range(n)],
        "event_date": pd.Timestamp("2020-06-01") + pd.to_timedelta(rng.integers(0, 120, n), unit="D"),
        "event_type": rng.choice(list(TYPE_COLORS), n),
        "latitude": 14 + rng.normal(0, 2, n), "longitude": -5 + rng.normal(0, 3, n),
        "geo_precision": rng.integers(1, 4, n), "fatalities": rng.integers(0, 5, n),
        "location": "Town <b>", "country": "Mali", "notes": "SYNTHETIC", "origin": "synthetic",
        "place_score": np.nan,
    }))


def arr(data: dict, key: str, dtype) -> np.ndarray:
    return np.frombuffer(base64.b64decode(data[key]), dtype=np.dtype(dtype).newbyteorder("<"))


def test_encoding_round_trips_positions_days_types_places():
    ev = synthetic(500)
    ev.loc[ev.index[3], "latitude"] = np.nan  # no coordinates: not on the map
    d = eventcloud.encode_events(ev)
    assert d["n"] == 499
    ok = ev["latitude"].notna().to_numpy()
    lat = arr(d, "lat", np.int32) / 1e5
    assert np.abs(lat - ev["latitude"].to_numpy()[ok]).max() <= 0.6e-5  # about 1 m
    days = arr(d, "day", np.uint16)
    want = (pd.to_datetime(ev["event_date"]).dt.normalize() - pd.Timestamp(d["day0"])).dt.days.to_numpy()[ok]
    assert (days == want).all()
    types = arr(d, "type", np.uint8)
    assert [d["types"][t] for t in types[:20]] == [t for t in ev["event_type"].to_numpy()[ok][:20]]
    assert d["places"] == ["Town &lt;b&gt;, Mali"]  # escaped in Python
    assert (arr(d, "prec", np.uint8) & 16).all()  # synthetic flag
    assert len(d["details"]) == 499 and d["details"][0][14] == "SYNTHETIC0"


def test_payload_at_100k_events_is_small_and_has_no_details():
    cloud = eventcloud.EventCloud(synthetic(100_000, seed=3))
    assert cloud.data["details"] is None  # full popups travel only for small sets
    size = eventcloud.payload_bytes(cloud)
    assert size < 2_500_000, size  # ~17 bytes an event in base64


def test_day_windows_cover_the_range_without_gaps():
    weeks = eventcloud.day_windows("2020-06-01", "2020-09-30", "week")
    assert weeks[0] == ("2020-06-01", "2020-06-07") and weeks[-1][1] == "2020-09-30"
    assert len(weeks) == 18
    months = eventcloud.day_windows("2020-06-15", "2020-09-02", "month")
    assert months == [("2020-06-15", "2020-06-30"), ("2020-07-01", "2020-07-31"), ("2020-08-01", "2020-08-31"),
                      ("2020-09-01", "2020-09-02")]
    assert len(eventcloud.day_windows("2020-06-01", "2020-06-03", "day")) == 3


def test_script_is_valid_json_data_and_escaped():
    cloud = eventcloud.EventCloud(synthetic(10), focus=(14.0, -5.0, 12))
    import folium

    fg = folium.FeatureGroup()
    cloud.add_to(fg)
    m = folium.Map(tiles=None)
    fg.add_to(m)
    page = m.get_root().render()
    assert "<b>" not in page.split("var D = ", 1)[1].split("\n", 1)[0]
    assert json.loads(json.dumps(cloud.options))["focus"] == [14.0, -5.0, 12]
    assert eventcloud.zoom_for_km(10, 12.6) in (13, 14)
