"""dashboard.filters: each filter on a small SYNTHETIC event set with known answers."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from dashboard.events.schema import to_events
from dashboard.filters import (
    FilterState,
    apply_filters,
    data_window,
    distances_km,
    shape_from_drawings,
)

KATI = (12.7441, -8.0726)
BAMAKO = (12.6392, -8.0029)
MOPTI = (14.4843, -4.1827)


@pytest.fixture()
def synthetic_events():
    rows = [
        # id, date, type, sub, actor1, actor2, lat, lon, fatalities, precision, notes
        ("SYN1", "2020-08-18", "Strategic developments", "Change to group/activity", "Military Forces of Mali (2002-)",
         None, *KATI, 0, 1, "Soldiers mutinied at the Soundiata Keita camp"),
        ("SYN2", "2020-08-18", "Strategic developments", "Arrests", "Military Forces of Mali (2002-)",
         "Government of Mali", *BAMAKO, 0, 1, "The president was detained"),
        ("SYN3", "2020-07-10", "Protests", "Excessive force against protesters", "Protesters (Mali)",
         "Police Forces of Mali", *BAMAKO, 11, 1, "Protest crowd fired upon; M5-RFP"),
        ("SYN4", "2020-06-05", "Protests", "Peaceful protest", "Protesters (Mali)", None, *BAMAKO, 0, 2,
         "Large rally in the capital"),
        ("SYN5", "2020-08-02", "Battles", "Armed clash", "JNIM", "Military Forces of Mali (2002-)", *MOPTI, 7, 3,
         "Clash near Mopti"),
    ]
    df = pd.DataFrame(rows, columns=["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1",
                                     "actor2", "latitude", "longitude", "fatalities", "geo_precision", "notes"])
    df["country"] = "Mali"
    df["admin1"] = ["Koulikoro", "Bamako", "Bamako", "Bamako", "Mopti"]
    df["origin"] = "synthetic"
    df["place_score"] = np.nan
    return to_events(df)


def ids(gdf) -> set[str]:
    return set(gdf["event_id_cnty"].astype(str))


def test_no_filter_keeps_everything(synthetic_events):
    assert len(apply_filters(synthetic_events, FilterState())) == 5


def test_dates_are_inclusive(synthetic_events):
    s = FilterState(start=dt.date(2020, 8, 1), end=dt.date(2020, 8, 18))
    assert ids(apply_filters(synthetic_events, s)) == {"SYN1", "SYN2", "SYN5"}
    s = FilterState(end=dt.date(2020, 7, 10))
    assert ids(apply_filters(synthetic_events, s)) == {"SYN3", "SYN4"}


def test_types_subtypes_actors_places(synthetic_events):
    assert ids(apply_filters(synthetic_events, FilterState(event_types=("Protests",)))) == {"SYN3", "SYN4"}
    assert ids(apply_filters(synthetic_events, FilterState(sub_event_types=("Arrests",)))) == {"SYN2"}
    assert ids(apply_filters(synthetic_events, FilterState(actors=("JNIM",)))) == {"SYN5"}
    # actor2 counts too
    assert ids(apply_filters(synthetic_events, FilterState(actors=("Police Forces of Mali",)))) == {"SYN3"}
    assert ids(apply_filters(synthetic_events, FilterState(admin1=("Mopti", "Koulikoro")))) == {"SYN1", "SYN5"}
    assert len(apply_filters(synthetic_events, FilterState(countries=("Niger",)))) == 0


def test_text_fatalities_precision(synthetic_events):
    assert ids(apply_filters(synthetic_events, FilterState(text="MUTINIED"))) == {"SYN1"}
    assert ids(apply_filters(synthetic_events, FilterState(text="jnim"))) == {"SYN5"}  # actors are searched
    assert ids(apply_filters(synthetic_events, FilterState(min_fatalities=7))) == {"SYN3", "SYN5"}
    assert ids(apply_filters(synthetic_events, FilterState(max_geo_precision=1))) == {"SYN1", "SYN2", "SYN3"}


def test_radius_and_distance_column(synthetic_events):
    out = apply_filters(synthetic_events, FilterState(place="Kati", radius_km=20), ref=KATI)
    assert ids(out) == {"SYN1", "SYN2", "SYN3", "SYN4"}
    d = dict(zip(out["event_id_cnty"], out["distance_km"], strict=True))
    assert d["SYN1"] == pytest.approx(0, abs=0.01)
    assert 12 < d["SYN2"] < 15  # Kati - Bamako is about 13.6 km
    # without a reference the radius cannot apply
    assert len(apply_filters(synthetic_events, FilterState(place="Kati", radius_km=20))) == 5
    assert "distance_km" not in apply_filters(synthetic_events, FilterState()).columns


def test_distances_are_geodesic():
    # one degree of latitude at the equator is 110.574 km on WGS84
    assert distances_km(np.array([1.0]), np.array([0.0]), (0.0, 0.0))[0] == pytest.approx(110.574, abs=0.01)


def test_drawn_shape_and_visible_area(synthetic_events):
    box = {"type": "Polygon", "coordinates": [[[-8.2, 12.5], [-7.9, 12.5], [-7.9, 12.7], [-8.2, 12.7], [-8.2, 12.5]]]}
    assert ids(apply_filters(synthetic_events, FilterState(shape=box))) == {"SYN2", "SYN3", "SYN4"}
    # visible area only applies when asked for
    s = FilterState(visible_only=True, bbox=(-5.0, 14.0, -3.0, 15.0))
    assert ids(apply_filters(synthetic_events, s)) == {"SYN5"}
    assert len(apply_filters(synthetic_events, FilterState(bbox=(-5.0, 14.0, -3.0, 15.0)))) == 5


def test_shape_from_drawings():
    rect = {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [
        [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}}
    point = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [0, 0]}}
    assert shape_from_drawings(None) is None
    assert shape_from_drawings([]) is None
    assert shape_from_drawings([point]) is None
    assert shape_from_drawings([rect])["type"] == "Polygon"
    two = dict(rect, geometry={"type": "Polygon", "coordinates": [[[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]]})
    assert shape_from_drawings([rect, two])["type"] == "MultiPolygon"
    assert shape_from_drawings([{"geometry": {"type": "Polygon", "coordinates": "junk"}}]) is None


def test_windows_and_summary(synthetic_events):
    assert data_window(synthetic_events) == (dt.date(2020, 6, 5), dt.date(2020, 8, 18))
    # one date helper for the page, the PNG and the report: plain frames, text dates, no dates at all
    assert data_window(pd.DataFrame({"event_date": ["2020-08-18", None, "2020-06-05"]})) == (
        dt.date(2020, 6, 5), dt.date(2020, 8, 18))
    assert data_window(pd.DataFrame({"event_date": [pd.NaT]})) is None
    assert data_window(pd.DataFrame({"x": [1]})) is None
    s = FilterState(start=dt.date(2020, 8, 1), end=dt.date(2020, 8, 31), event_types=("Protests", "Battles"),
                    place="Kati", radius_km=50)
    assert s.summary() == "2020-08-01 to 2020-08-31 · Protests, Battles · within 50 km of Kati"
    assert "inside the drawn area" in FilterState(shape={"type": "Polygon"}).summary()


@pytest.mark.parametrize("ref", [(12.7441, -8.0726), (0.0, 179.9), (-10.0, -179.5), (65.0, 20.0)])
@pytest.mark.parametrize("radius_km", [10.0, 500.0, 1500.0])
def test_radius_filter_keeps_exactly_the_events_within_the_radius(ref, radius_km):
    """The bounding-box shortcut before the exact distances loses nothing, across the antimeridian too."""
    from conftest import synthetic_events

    ev = synthetic_events(5000, 3, lat=(-60.0, 60.0), lon=(-180.0, 180.0))
    got = apply_filters(ev, FilterState(place="ref", radius_km=radius_km), ref=ref)
    d = distances_km(ev["latitude"].to_numpy(), ev["longitude"].to_numpy(), ref)
    assert set(got["event_id_cnty"]) == set(ev.loc[d <= radius_km, "event_id_cnty"])
