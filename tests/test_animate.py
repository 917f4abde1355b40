"""Animated export (`crisismap export --format gif|mp4`): a frame per window, each a full map picture."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from dashboard.events.schema import TYPE_COLORS, to_events
from dashboard.views import animate


@pytest.fixture(scope="module")
def events():
    rng = np.random.default_rng(5)
    n = 40
    return to_events(pd.DataFrame({
        "event_id_cnty": [f"SYNANIM{i}" for i in range(n)],
        "event_date": pd.Timestamp("2020-08-03") + pd.to_timedelta(rng.integers(0, 20, n), unit="D"),
        "event_type": rng.choice(list(TYPE_COLORS), n), "country": "Mali", "location": "Synthetic place",
        "latitude": 12.6 + rng.normal(0, 0.5, n), "longitude": -8.0 + rng.normal(0, 0.5, n),
        "geo_precision": 1, "fatalities": 0, "notes": "SYNTHETIC", "origin": "synthetic", "place_score": np.nan,
    }))


def test_frame_windows_one_per_week_and_month():
    ev = pd.DataFrame({"event_date": pd.to_datetime(["2020-06-01", "2020-09-30"])})
    weeks = animate.frame_windows(ev, "week")
    assert len(weeks) == 18 and weeks[0] == (dt.date(2020, 6, 1), dt.date(2020, 6, 7))
    assert all((b - a).days == 6 for a, b in weeks[:-1])
    assert len(animate.frame_windows(ev, "month")) == 4
    with pytest.raises(ValueError):
        animate.frame_windows(ev, "fortnight")


def test_gif_has_a_frame_per_week_with_the_events_of_that_week(events, tmp_path):
    from dashboard.cli import main

    store_path = tmp_path / "synthetic-anim.gpkg"
    from dashboard.events.store import EventStore

    EventStore(store_path).append(events)
    out = tmp_path / "anim.gif"
    assert main(["export", "--store", str(store_path), "--format", "gif", "--title", "SYNTHETIC animation",
                 "-o", str(out)]) == 0
    im = Image.open(out)
    weeks = animate.frame_windows(events, "week")
    assert im.n_frames == len(weeks) >= 3
    colour = []
    for i in range(im.n_frames):
        im.seek(i)
        rgb = np.asarray(im.convert("RGB")).astype(int)
        hits = sum(int((np.abs(rgb - np.array([int(c[k:k + 2], 16) for k in (1, 3, 5)])).sum(axis=2) < 30).sum())
                   for c in TYPE_COLORS.values())
        colour.append(hits)
    assert all(h > 50 for h in colour)  # every frame has a legend and the week's markers
    assert len(set(colour)) > 1  # and the frames differ


@pytest.mark.skipif(not animate.mp4_available(), reason="PyAV (MP4 encoder) is not installed")
def test_mp4_is_written_when_an_encoder_is_installed(events, tmp_path):
    out = tmp_path / "anim.mp4"
    n = animate.export_animation(events, out, "mp4", window="week", title="SYNTHETIC")
    import av

    with av.open(str(out)) as f:
        frames = sum(1 for _ in f.decode(video=0))
    assert frames == n >= 3


def test_page_download_gif_bytes(events):
    from dashboard.filters import FilterState
    from dashboard.views import export

    state = FilterState(start=dt.date(2020, 8, 3), end=dt.date(2020, 8, 16))
    data = export.gif_bytes(events, title="SYNTHETIC", **export.picture_options(state, None))
    im = Image.open(io.BytesIO(data))
    assert im.format == "GIF" and im.n_frames == 2  # two weeks asked, two frames
