"""Layers: geodesic distances (checked against geographiclib), rings, radius/polygon filters, bins."""

import math

import numpy as np
import pandas as pd
import pytest
import shapely
from geographiclib.geodesic import Geodesic

from dashboard import layers
from dashboard.filters import FilterState, apply_filters
from dashboard.sources.tabular import complete_events

KATI = (12.7441, -8.0726)
BAMAKO = (12.6392, -8.0029)
SEGOU = (13.4317, -6.2157)


def events():
    pts = [("K1", *KATI, "Battles"), ("K2", 12.75, -8.08, "Protests"), ("B1", *BAMAKO, "Protests"),
           ("S1", *SEGOU, "Riots"), ("S2", 13.44, -6.22, "Battles")]
    return complete_events(pd.DataFrame({
        "event_id_cnty": [p[0] for p in pts], "latitude": [p[1] for p in pts], "longitude": [p[2] for p in pts],
        "event_type": [p[3] for p in pts], "event_date": pd.Timestamp("2020-08-18"), "country_code": "ML",
    }))


def geographiclib_distance(lat1, lon1, lat2, lon2):
    return Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2)["s12"]


def test_kati_bamako_geodesic_matches_second_method():
    ev = events()
    d = layers.distances_to(ev, *BAMAKO)
    ref = geographiclib_distance(*KATI, *BAMAKO)
    assert abs(d[0] - ref) < 1.0
    assert 13_000 < ref < 14_500  # ~13.7 km
    assert d[2] == pytest.approx(0.0, abs=1e-6)


def test_radius_around_kati():
    ev = events()
    near = apply_filters(ev, FilterState(place="Kati", radius_km=20), ref=KATI)
    assert {"K1", "K2"} <= set(near["event_id_cnty"])
    assert not {"S1", "S2"} & set(near["event_id_cnty"])
    assert near["distance_km"].max() <= 20


def test_ring_is_geodesic_and_polygon_filter():
    ring = layers.geodesic_ring(*KATI, 20_000, n=64)
    assert ring.is_valid and len(ring.exterior.coords) == 65
    for lon, lat in list(ring.exterior.coords)[:-1]:
        assert geographiclib_distance(*KATI, lat, lon) == pytest.approx(20_000, abs=0.01)
    inside = apply_filters(events(), FilterState(shape=shapely.geometry.mapping(ring)))
    near = apply_filters(events(), FilterState(place="Kati", radius_km=20), ref=KATI)
    assert set(inside["event_id_cnty"]) == set(near["event_id_cnty"])
    box = shapely.geometry.mapping(shapely.box(-6.5, 13.2, -6.0, 13.6))
    assert set(apply_filters(events(), FilterState(shape=box))["event_id_cnty"]) == {"S1", "S2"}


@pytest.mark.slow  # loads GeoNames cities for the capitals (~10 s)
def test_capital_and_nearest():
    ev = events()
    cap = layers.capitals()["ML"]
    d = layers.distance_to_capital(ev)
    assert d[2] == pytest.approx(geographiclib_distance(*BAMAKO, cap[0], cap[1]), abs=1.0)
    assert d[2] < 10_000 and 10_000 < d[0] < 30_000  # Kati is ~15 km from Bamako
    nn = layers.nearest_event_distance(ev)
    assert nn[0] == pytest.approx(geographiclib_distance(*KATI, 12.75, -8.08), abs=1.0)
    assert nn[3] == pytest.approx(geographiclib_distance(*SEGOU, 13.44, -6.22), abs=1.0)
    assert np.isnan(layers.nearest_event_distance(ev.iloc[:1])).all()


def test_nearest_brute_force_random():
    rng = np.random.default_rng(0)
    n = 300
    lat, lon = rng.uniform(-60, 70, n), rng.uniform(-179, 179, n)
    ev = complete_events(pd.DataFrame({"latitude": lat, "longitude": lon}))
    got = layers.nearest_event_distance(ev)
    from pyproj import Geod

    g = Geod(ellps="WGS84")
    ii, jj = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    _, _, d = g.inv(lon[ii.ravel()], lat[ii.ravel()], lon[jj.ravel()], lat[jj.ravel()])
    d = d.reshape(n, n)
    np.fill_diagonal(d, math.inf)
    assert np.allclose(got, d.min(axis=1), atol=1e-3)


def test_layers_by_type_admin1_and_hex():
    ev = events()
    by = layers.layers_by_type(ev)
    assert list(by) == ["Battles", "Protests", "Riots"] and sum(len(v) for v in by.values()) == len(ev)
    a1 = layers.admin1_counts(ev)
    counts = dict(zip(a1["name"], a1["count"], strict=True))
    assert counts == {"Koulikoro": 2, "Bamako": 1, "Ségou": 2}
    hx = layers.hex_bins(ev, resolution=5)
    assert hx["count"].sum() == len(ev) and hx.crs == "EPSG:4326"
    wd = layers.with_distances(ev, {"kati": KATI})
    assert wd["kati_km"].iloc[0] == pytest.approx(0) and "capital_km" in wd and "nearest_km" in wd


def test_geodesic_m_threaded_path_matches_a_single_pyproj_call():
    """Arrays of 200k+ points go through the thread pool; the result must equal one Geod.inv call."""
    from pyproj import Geod

    from dashboard.places.distance import geodesic_m

    rng = np.random.default_rng(3)
    n = 250_001
    lon, lat = rng.uniform(-12, 4, n), rng.uniform(10, 25, n)
    got = geodesic_m(lat, lon, 12.74409, -8.07257)  # (lat, lon) order
    _, _, want = Geod(ellps="WGS84").inv(lon, lat, np.full(n, -8.07257), np.full(n, 12.74409))
    assert got.shape == (n,)
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)
