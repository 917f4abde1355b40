"""The public Python API: every name `from dashboard import ...` promises, called on small data."""

from __future__ import annotations

import pytest
from PIL import Image

import dashboard
from dashboard.errors import StoreError

API = ["OfflineGeocoder", "read_events", "extract_events", "open_store", "FilterState", "apply_filters", "export_png"]


def test_every_public_name_imports_lazily():
    from dashboard import (  # noqa: F401  (the import itself is the test)
        FilterState,
        OfflineGeocoder,
        apply_filters,
        export_png,
        extract_events,
        open_store,
        read_events,
    )

    assert set(API) <= set(dashboard.__all__) and set(API) <= set(dir(dashboard))
    with pytest.raises(AttributeError):
        dashboard.no_such_name  # noqa: B018


def test_read_filter_store_and_picture(tmp_path):
    from pathlib import Path

    from dashboard import FilterState, apply_filters, export_png, open_store, read_events

    fixture = Path(__file__).parent / "fixtures" / "readers" / "acled_current.csv"
    events, rejects = read_events(fixture)
    assert events.crs == "EPSG:4326" and len(events) > 0
    assert isinstance(rejects, list)

    store = open_store(tmp_path / "events.gpkg")
    result = store.append(events)
    assert result.total == len(events)
    back = store.read()
    assert back.crs == "EPSG:4326" and set(back["event_id_cnty"]) == set(events["event_id_cnty"])

    first = back.sort_values("event_date").iloc[0]
    ref = (float(first["latitude"]), float(first["longitude"]))
    near = apply_filters(back, FilterState(place="here", radius_km=1.0), ref=ref)
    assert first["event_id_cnty"] in set(near["event_id_cnty"]) and (near["distance_km"] <= 1.0).all()

    out = tmp_path / "map.png"
    export_png(back, out, title="API test (fixture data)", dpi=60)
    img = Image.open(out)
    assert img.format == "PNG" and img.size[0] > 400


def test_open_store_takes_a_postgis_url_and_never_echoes_its_password():
    from dashboard import open_store

    pg = open_store("postgresql://user:secret@127.0.0.1:1/crisis")  # nothing listens on port 1
    assert "secret" not in pg.describe()
    with pytest.raises(StoreError, match="cannot connect") as info:
        pg.count()
    assert "secret" not in str(info.value)  # the password is never echoed
    with pytest.raises(StoreError, match="unsupported store URL"):
        open_store("mysql://user:secret@localhost/crisis")


def test_geocode_and_extract_a_report(geocoder):
    from dashboard import OfflineGeocoder, extract_events

    assert isinstance(geocoder, OfflineGeocoder)
    kati = geocoder.geocode("Kati", country_codes="ML")
    assert kati is not None and abs(kati.latitude - 12.74) < 0.1 and abs(kati.longitude + 8.07) < 0.1

    text = ("Mutinous soldiers seized the military camp in Kati on Tuesday and detained senior officers. "
            "Later, armed men arrested the finance minister in Bamako.")
    events, rejects = extract_events(text, date="2020-08-18")
    assert events.crs == "EPSG:4326" and len(events) >= 1
    assert {"Kati", "Bamako"} & set(events["location"])
    assert (events["event_date"].dt.date.astype(str) == "2020-08-18").all()
    assert isinstance(rejects, list)
