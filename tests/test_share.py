"""Shareable links: the filter state round-trips through query parameters, bad ones become notices,
and a link opened in a fresh AppTest gives the same events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from conftest import mali_events

from dashboard.filters import FilterState, apply_filters
from dashboard.views import share
from dashboard.views.export import export_table

BAMAKO_BOX = {"type": "Polygon", "coordinates": [[[-8.2, 12.5], [-7.9, 12.5], [-7.9, 12.7], [-8.2, 12.7],
                                                  [-8.2, 12.5]]]}
FULL = FilterState(
    start=dt.date(2020, 8, 1), end=dt.date(2020, 8, 31), event_types=("Protests", "Explosions/Remote violence"),
    sub_event_types=("Peaceful protest",), actors=("Protesters (Mali)", "Group, with comma", "back\\slash"),
    countries=("Mali",), admin1=("Bamako", "Ségou"), text="coup & <mutiny> $5", min_fatalities=1,
    max_geo_precision=2, place="Kati", rings_km=(15.0, 50.0), radius_km=25.0, shape=BAMAKO_BOX,
    visible_only=True, bbox=(-8.5, 12.3, -7.5, 13.0), center=(12.7, -8.0), zoom=9, timeline_freq="W",
)


def test_every_field_round_trips():
    state, notices = share.from_query_params(share.to_query_params(FULL))
    assert notices == []
    assert state == FULL


def test_default_state_makes_an_empty_query():
    assert share.to_query_params(FilterState()) == {}
    assert share.from_query_params({}) == (FilterState(), [])


def test_url_round_trips_and_keeps_foreign_parameters():
    url = share.share_url("http://localhost:8501/?embed=true&zoom=3", FULL)
    parts = urlsplit(url)
    params = dict(parse_qsl(parts.query))
    assert params.pop("embed") == "true"
    state, notices = share.from_query_params(params)
    assert notices == [] and state == FULL
    assert parts.query.count("zoom=") == 1


def test_shape_is_compact_and_rounded_to_a_metre():
    enc = share.encode_shape(BAMAKO_BOX)
    assert len(enc) < 40
    back = share.decode_shape(enc)
    assert back["type"] == "Polygon"
    assert back["coordinates"][0][0] == pytest.approx([-8.2, 12.5], abs=1e-5)
    multi = {"type": "MultiPolygon", "coordinates": [BAMAKO_BOX["coordinates"],
                                                     [[[1.5, 2.5], [1.6, 2.5], [1.6, 2.6], [1.5, 2.5]]]]}
    assert share.decode_shape(share.encode_shape(multi)) == multi


def test_list_escaping():
    items = ["a,b", "c\\d", "plain"]
    assert share.split_list(share.join_list(items)) == items


@pytest.mark.parametrize("key,value", [
    ("start", "2020-13-40"), ("end", "yesterday"), ("type", "Picnics"), ("sub", "Nope"), ("fat", "-3"),
    ("fat", "many"), ("prec", "7"), ("rings", "0,-5"), ("rings", "nan"), ("radius", "1e9"), ("shape", "@@@"),
    ("shape", "_p~iF~ps|U"), ("visible", "maybe"), ("bbox", "1,2,3"), ("bbox", "0,50,10,40"),
    ("center", "95,0"), ("zoom", "99"), ("freq", "Y"),
])
def test_malformed_parameter_is_ignored_with_a_notice(key, value):
    state, notices = share.from_query_params({key: value, "q": "kept"})
    assert len(notices) == 1 and key in notices[0]
    assert state.text == "kept"


def test_start_after_end_is_a_notice_and_lists_take_the_last_value():
    state, notices = share.from_query_params({"start": "2020-09-01", "end": "2020-08-01",
                                              "admin1": ["Kayes", "Bamako"]})
    assert state.start is None and state.end is None and len(notices) == 1
    assert state.admin1 == ("Bamako",)


# ---------------------------------------------------------------- the link in a fresh AppTest

@pytest.fixture()
def store(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "events.gpkg"
    path.write_bytes(export_table(mali_events(), "gpkg"))
    monkeypatch.setenv("CRISISMAP_STORE", str(path))
    return path


def _app():
    from streamlit.testing.v1 import AppTest

    app = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
    return AppTest.from_file(str(app), default_timeout=120)


def _open(url: str):
    at = _app()
    for k, v in parse_qsl(urlsplit(url).query):
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.slow  # a Streamlit AppTest run per case
@pytest.mark.parametrize("state", [
    FilterState(start=dt.date(2020, 8, 10), end=dt.date(2020, 8, 20), event_types=("Protests", "Riots")),
    FilterState(start=dt.date(2020, 8, 5), end=dt.date(2020, 8, 25), shape=BAMAKO_BOX, center=(12.7, -8.0), zoom=9),
    FilterState(start=dt.date(2020, 8, 5), end=dt.date(2020, 8, 25), text="synthetic", min_fatalities=1),
    FilterState(start=dt.date(2020, 8, 5), end=dt.date(2020, 8, 25), place="Kati", rings_km=(15.0,),
                radius_km=10.0),
], ids=["dates-types", "drawn-shape", "text-fatalities", "place-radius"])
def test_link_opened_in_a_fresh_apptest_gives_the_same_events(store, state):
    events = mali_events()
    ref = (12.744, -8.072) if state.place else None  # Kati; Bamako lies ~14 km away, outside 10 km
    expected = sorted(apply_filters(events, state, ref)["event_id_cnty"].astype(str))
    assert 0 < len(expected) < len(events)
    at = _open(share.share_url("http://localhost:8501/", state))
    got = at.session_state["filtered_ids"]
    assert sorted(got) == expected
    # and the page keeps the URL in step with what it shows
    synced, notices = share.from_query_params(dict(at.query_params))
    assert notices == []
    assert (synced.start, synced.end, synced.event_types) == (state.start, state.end, state.event_types)
    assert (synced.text, synced.place, synced.radius_km) == (state.text, state.place, state.radius_km)
    assert (synced.shape is None) == (state.shape is None)


@pytest.mark.slow  # a Streamlit AppTest run
def test_malformed_link_shows_a_notice_not_a_crash(store):
    at = _open("http://localhost:8501/?start=2020-08-01&end=2020-08-31&zoom=banana&type=Picnics")
    shown = " ".join(str(m.value) for m in [*at.info, *at.warning])
    assert "zoom" in shown and "Picnics" in shown
    ids = at.session_state["filtered_ids"]
    assert len(ids) == len(mali_events())  # the good dates still apply; the bad params are ignored
