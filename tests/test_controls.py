"""dashboard.views.controls: the page's controls without Streamlit, on SYNTHETIC events and the real
offline geocoder."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.events.schema import to_events
from dashboard.filters import FilterState
from dashboard.views import controls, share

BAMAKO_BOX = {"type": "Polygon", "coordinates": [[[-8.25, 12.45], [-7.85, 12.45], [-7.85, 12.85], [-8.25, 12.85],
                                                   [-8.25, 12.45]]]}


@pytest.fixture(scope="module")
def events():
    df = pd.DataFrame({
        "event_id_cnty": ["SYN1", "SYN2", "SYN3", "SYN4"],
        "event_date": pd.to_datetime(["2020-06-01", "2020-06-03", "2020-07-10", "2020-08-18"]),
        "event_type": ["Protests", "Battles", "Protests", "Riots"],
        "sub_event_type": ["Peaceful protest", "Armed clash", "Peaceful protest", "Mob violence"],
        "actor1": ["Protesters (Mali)", "Military Forces of Mali", "Protesters (Mali)", "Rioters (Mali)"],
        "actor2": [None, "JNIM", None, "Protesters (Mali)"],
        "country": ["Mali", "Mali", "Mali", "Burkina Faso"], "country_code": ["ML", "ML", "ML", "BF"],
        "admin1": ["Bamako", "Mopti", "Bamako", "Centre"],
        "latitude": [12.64, 14.48, 12.65, 12.37], "longitude": [-8.0, -4.18, -8.01, -1.52],
        "origin": ["synthetic-test", "synthetic-test", "acled", "acled"],
    })
    return to_events(df)




def test_event_options(events):
    o = controls.event_options(events)
    assert o["event_types"] == ["Battles", "Protests", "Riots"]
    assert o["countries"] == ["Burkina Faso", "Mali"] and o["admin1"] == ["Bamako", "Centre", "Mopti"]
    assert o["actors"][0] == "Protesters (Mali)"  # most frequent first (3 mentions)
    assert set(o["actors"]) == {"Protesters (Mali)", "Military Forces of Mali", "JNIM", "Rioters (Mali)"}
    assert o["synthetic_origins"] == ["synthetic-test"] and o["main_country_code"] == ["ml"]
    empty = controls.event_options(events.iloc[:0])
    assert empty["main_country_code"] == [] and empty["event_types"] == []


def test_synthetic_headline_ids(events):
    assert controls.is_synthetic(events, ["synthetic-test"])
    assert not controls.is_synthetic(events.iloc[2:], ["synthetic-test"])
    assert not controls.is_synthetic(events, [])
    assert controls.headline(events) == "### 4 events · 01 Jun 2020 – 18 Aug 2020"
    assert controls.headline(events.iloc[:0]) == "### 0 events · no dates"
    assert controls.filtered_ids(events) == ["SYN1", "SYN2", "SYN3", "SYN4"]
    assert controls.filtered_ids(events, limit=3) is None
    assert controls.with_selected(["b", "a"], ["z", "a"]) == ["a", "b", "z"]
    assert controls.with_selected(["b"], None) == ["b"]


def test_widget_values_round_trip():
    state = FilterState(start=dt.date(2020, 6, 1), end=dt.date(2020, 8, 31), event_types=("Protests",),
                        actors=("JNIM",), text="mutiny", min_fatalities=2, max_geo_precision=2, place="Kati",
                        rings_km=(15.0, 50.0), radius_km=100.0, shape=BAMAKO_BOX, visible_only=True,
                        bbox=(-9.0, 12.0, -7.0, 13.5), center=(12.7, -8.0), zoom=8, timeline_freq="W")
    values = controls.widget_values(state, (dt.date(2020, 1, 1), dt.date(2020, 12, 31)))
    assert values["f_types"] == ["Protests"] and values["f_freq"] == "week" and values["f_radius"] == 100.0
    assert values["drawn_shape"] == values["_shape_seed"] == BAMAKO_BOX
    assert controls.state_from_widgets(values) == state
    # no radius and day bars come back as None and "D"
    plain = controls.widget_values(FilterState(), None)
    assert plain["f_dates"] == () and plain["f_radius"] == 0.0 and plain["f_freq"] == "day"
    assert controls.state_from_widgets(plain) == FilterState()


def test_widget_dates_are_clamped_to_the_data():
    window = (dt.date(2020, 6, 1), dt.date(2020, 6, 30))
    v = controls.widget_values(FilterState(start=dt.date(2019, 1, 1), end=dt.date(2021, 1, 1)), window)
    assert v["f_dates"] == window
    v = controls.widget_values(FilterState(start=None, end=dt.date(2020, 6, 10)), window)
    assert v["f_dates"] == (dt.date(2020, 6, 1), dt.date(2020, 6, 10))
    # a window entirely after the data still gives a valid (start <= end) range inside it
    v = controls.widget_values(FilterState(start=dt.date(2021, 1, 1), end=dt.date(2021, 2, 1)), window)
    assert v["f_dates"] == (dt.date(2020, 6, 30), dt.date(2020, 6, 30))


def test_opening_state(events):
    assert controls.opening_state(events, True, {}) == (controls.default_state(), [])
    link = FilterState(start=dt.date(2020, 6, 1), end=dt.date(2020, 8, 31), event_types=("Protests",))
    state, notices = controls.opening_state(events, True, share.to_query_params(link))
    assert state.event_types == ("Protests",) and state.start == dt.date(2020, 6, 1)
    state, notices = controls.opening_state(events, True, {"start": "not-a-date", "zoom": "x"})
    assert notices and state.start is None


def test_last_days():
    window = (dt.date(2020, 6, 1), dt.date(2020, 8, 31))
    assert controls.last_days(window, 7) == (dt.date(2020, 8, 25), dt.date(2020, 8, 31))
    assert controls.last_days(window, None) == window
    assert controls.last_days(window, 500) == window


def test_lookup_and_reference_place(geocoder):
    lat, lon, label = controls.lookup_place(geocoder, "Kati", "ml")
    assert abs(lat - 12.74) < 0.05 and abs(lon + 8.07) < 0.05 and "Kati" in label
    assert controls.lookup_place(geocoder, "Xqzzyvv Nowhere", "ml") is None

    found = controls.reference_place("Kati", lambda q: controls.lookup_place(geocoder, q, "ml"))
    assert found.ref == (lat, lon) and found.level == "caption" and found.message.startswith("Reference: ")
    assert controls.reference_place("", lambda q: 1 / 0) == controls.Reference(None)

    missing = controls.reference_place("<script>alert(1)</script>", lambda q: None)
    assert missing.ref is None and missing.level == "warning"
    assert "<script>" not in missing.message and "\\<script\\>" in missing.message

    def broken(q):
        raise RuntimeError("gazetteer [x](http://e.com) unreadable")

    failed = controls.reference_place("Kati", broken)
    assert failed.ref is None and failed.level == "error" and "unreadable" in failed.message
    assert "](" not in failed.message


def test_place_candidates_and_labels(geocoder):
    cands = controls.place_candidates(geocoder, "Kati")
    assert cands and all({"label", "lat", "lon", "name", "admin1", "country_code", "geonameid"} <= set(c)
                         for c in cands)
    assert any(c["country_code"] == "ML" for c in cands)
    assert controls.place_candidates(geocoder, "") == []
    ml = next(c for c in cands if c["country_code"] == "ML")
    row = {"location": "Kati", "latitude": ml["lat"], "longitude": ml["lon"]}
    labels = controls.place_labels(row, cands)
    assert labels[0] == f"as extracted: Kati ({ml['lat']:.3f}, {ml['lon']:.3f})"
    assert ml["label"] not in labels  # the extracted place itself is not offered twice
    assert len(labels) == 1 + sum(1 for c in cands if abs(c["lat"] - ml["lat"]) + abs(c["lon"] - ml["lon"]) > 1e-3)


def test_corrected_row():
    row = pd.Series({"event_type": "Protests", "sub_event_type": "Peaceful protest", "location": "Kati",
                     "latitude": 1.0, "longitude": 2.0, "admin1": None, "geonameid": None, "tags": "a=1"})
    cand = {"label": "Kati, Koulikoro, ML (12.744, -8.073)", "lat": 12.744, "lon": -8.073, "name": "Kati",
            "admin1": "Koulikoro", "country_code": "ML", "geonameid": 2455517}
    same = controls.corrected_row(row, "Riots", "Mob violence", "as extracted: Kati (1.000, 2.000)", [cand])
    assert (same["event_type"], same["sub_event_type"], same["latitude"], same["tags"]) == (
        "Riots", "Mob violence", 1.0, "a=1")
    moved = controls.corrected_row(row.drop("tags"), "Protests", "Peaceful protest", cand["label"], [cand])
    assert (moved["latitude"], moved["longitude"], moved["admin1"], moved["geonameid"]) == (
        12.744, -8.073, "Koulikoro", 2455517)
    assert moved["tags"] == controls.USER_CORRECTED_TAG
    assert row["event_type"] == "Protests"  # the input row is not changed
    assert controls.type_index(["a", "b"], "b") == 1 and controls.type_index(["a", "b"], "zz") == 0


def test_report_heading_escapes():
    head = controls.report_heading({"event_type": "Protests", "sub_event_type": "Peaceful protest",
                                    "event_date": "2021-03-02", "location": "[x](javascript:alert(1))",
                                    "country": "Mali", "geo_precision": 1})
    assert head.startswith("**Protests** / Peaceful protest · 2021-03-02 · ")
    assert "](" not in head


def test_extract_report_text_and_upload():
    text = ("SYNTHETIC test report, not a real event.\nPublished 3 March 2021.\n"
            "On Tuesday, hundreds of protesters marched through Ségou to demand the reopening of schools.")
    ev, _ = controls.extract_report(text, None)
    assert list(ev["location"]) == ["Ségou"] and list(ev["event_type"]) == ["Protests"]
    html = f"<html><body><p>{text.replace(chr(10), '</p><p>')}</p></body></html>".encode()
    ev2, _ = controls.extract_report("", None, "report.html", html)
    assert list(ev2["location"]) == ["Ségou"]


def test_did_you_mean_and_a_caption_that_claims_only_applied_filters():
    from dashboard.filters import FilterState
    from dashboard.views import controls

    names = ["Kati", "Bamako", "Kidal", "Ségou"]
    assert controls.did_you_mean("Katti", names) == ["Kati"]
    assert controls.did_you_mean("bamakko", names) == ["Bamako"]
    assert controls.did_you_mean("Xqzzy", names) == []
    found = controls.reference_place("Katti", lambda q: None, names)
    assert found.ref is None and "Did you mean “Kati”" in found.message
    state = FilterState(place="Katti", radius_km=20.0, rings_km=(15.0,))
    assert "within 20 km" not in controls.applied_summary(state, None)
    assert "Katti" not in controls.applied_summary(state, None)
    assert "within 20 km of Katti" in controls.applied_summary(state, (12.7, -8.0))
    assert "visible map area" not in controls.applied_summary(FilterState(visible_only=True), None)


def test_free_radius_and_month_bars_round_trip_through_widgets_and_links():
    from dashboard.filters import FilterState
    from dashboard.views import controls, share

    state = FilterState(place="Kati", radius_km=20.0, timeline_freq="M")
    values = controls.widget_values(state, None)
    assert values["f_radius"] == 20.0 and values["f_freq"] == "month"
    back = controls.state_from_widgets(values)
    assert back.radius_km == 20.0 and back.timeline_freq == "M"
    params = share.to_query_params(state)
    assert params["radius"] == "20" and params["freq"] == "M"
    again, notices = share.from_query_params(params)
    assert again.radius_km == 20.0 and again.timeline_freq == "M" and not notices


def test_table_row_focus_and_month_counts():
    import pandas as pd

    from dashboard.views import table, timeline

    rows = pd.DataFrame({"lat": [12.64, float("nan")], "lon": [-8.0, -7.0]})
    assert table.row_focus(rows, {"selection": {"rows": [0]}}) == (12.64, -8.0, 12)
    assert table.row_focus(rows, {"selection": {"rows": [1]}}) is None  # no position
    assert table.row_focus(rows, {"selection": {"rows": []}}) is None
    assert table.row_focus(None, None) is None
    ev = pd.DataFrame({"event_date": pd.to_datetime(["2020-06-03", "2020-06-29", "2020-07-01"]),
                       "event_type": ["Battles", "Battles", "Riots"]})
    c = timeline.timeline_counts(ev, "M")
    assert c["period"].dt.strftime("%Y-%m-%d").tolist() == ["2020-06-01", "2020-07-01"]
    assert c["events"].tolist() == [2, 1]
    timeline.timeline_chart(c, "M").to_dict()  # a valid Vega-Lite spec


def test_long_ranges_get_wider_timeline_bars():
    import pandas as pd

    from dashboard.views import timeline

    ev = pd.DataFrame({"event_date": pd.to_datetime(["2015-01-01", "2024-12-31"]), "event_type": "Battles"})
    assert timeline.effective_freq(ev, "D") == "M"  # 3,653 days, 522 weeks: months
    assert timeline.effective_freq(ev.replace({pd.Timestamp("2015-01-01"): pd.Timestamp("2022-01-01")}), "D") == "W"
    short = pd.DataFrame({"event_date": pd.to_datetime(["2020-06-01", "2020-09-30"]), "event_type": "Battles"})
    assert timeline.effective_freq(short, "D") == "D" and timeline.effective_freq(short, "M") == "M"
