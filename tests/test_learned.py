"""Learned places: an import teaches the store its places; ingest and the geocoder use them.

Real parts: `crisismap import` of a small synthetic UCDP GED file (tests/fixtures/learned, rows
marked SYNTHETIC) into a real GeoPackage, then `crisismap ingest --dry-run --store S --json`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from pyproj import Geod

from dashboard.cli import main
from dashboard.places.learned import merge_places, places_from_events

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "learned" / "ucdp_synthetic_mali.csv"
GEOD = Geod(ellps="WGS84")
OUATAGOUNA = (15.17925, 0.72075)  # the fixture's two rows' points, averaged
REPORT = ("Gunmen kill villagers in eastern Mali\n\n"
          "GAO, Mali, Aug. 9, 2021 - Unidentified gunmen on Sunday attacked Ouatagouna, killing at least "
          "51 civilians, local officials said.\n")


def km(a, b) -> float:
    return GEOD.inv(a[1], a[0], b[1], b[0])[2] / 1000.0


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def store(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("CRISISMAP_LEARN_PLACES", raising=False)
    path = tmp_path / "events.gpkg"
    code, out, err = run(capsys, "import", FIXTURE, "--store", path)
    assert code == 0, err
    assert "places learned: 3 precise places" in out
    return path


def test_places_from_events_keeps_precise_points_only():
    from dashboard.sources.detect import read_any

    ev = read_any(FIXTURE).events
    places = places_from_events(ev, "ucdp", str(FIXTURE))
    by_name = places.set_index("name")
    # where_prec 1 and 2 are places; where_prec 3 "<X> cercle" is the cercle (admin-2); 4 (a region) is not kept
    assert set(by_name.index) == {"Ouatagouna", "Tarkint", "Bankass"}
    assert by_name.loc["Ouatagouna", "events"] == 2
    assert "Ouatagouna village" in by_name.loc["Ouatagouna", "alternates"]
    assert by_name.loc["Ouatagouna", "admin2"] == "Ansongo cercle"
    assert by_name.loc["Ouatagouna", "sources"] == "UCDP GED|ucdp_synthetic_mali.csv|2"
    assert ":adm2:" in places.set_index("name").loc["Bankass", "key"]
    # a user table's own coordinates teach their place (no precision column: the place itself) ...
    table = pd.DataFrame({"location": ["Dioura"], "latitude": [14.85], "longitude": [-5.25], "geo_precision": [pd.NA],
                          "country_code": ["ML"], "origin": ["table"], "tags": [pd.NA]})
    assert places_from_events(table, "table", "mine.csv")["sources"].tolist() == ["table|mine.csv|1"]
    # ... but a user table's points that our own geocoder made teach nothing
    geocoded = ev.assign(origin="table", tags="geocoded=offline", geo_precision=1)
    assert places_from_events(geocoded, "table", "t.csv").empty


def test_merge_never_doubles_and_replaces_a_files_counts():
    a = pd.DataFrame({"location": ["Boni village", "Boni village", "Hombori town"], "latitude": [15.0, 15.001, 15.28],
                      "longitude": [-2.0, -2.0, -1.69], "geo_precision": [1, 1, 1], "country_code": ["ML"] * 3,
                      "origin": ["acled"] * 3})
    first = places_from_events(a, "acled", "/data/acled.csv")
    layer = merge_places(None, first)
    again = merge_places(layer, first)
    pd.testing.assert_frame_equal(layer.sort_values("key").reset_index(drop=True),
                                  again.sort_values("key").reset_index(drop=True))
    # the same file, now naming Boni once and Hombori no more: its counts are replaced, not added
    b = places_from_events(a.iloc[[0]], "acled", "/other/folder/acled.csv")
    after = merge_places(again, b).set_index("name")
    assert list(after.index) == ["Boni"] and after.loc["Boni", "events"] == 1
    # another file adds its own source
    c = places_from_events(a.iloc[[1]].assign(origin="ucdp", tags="ucdp_where_prec=1"), "ucdp", "u.csv")
    both = merge_places(merge_places(None, first), c).set_index("name")
    assert both.loc["Boni", "events"] == 3
    assert both.loc["Boni", "sources"] == "ACLED|acled.csv|2; UCDP GED|u.csv|1"


def test_reimport_updates_the_layer_without_doubling(store, capsys):
    from dashboard.events.store import EventStore

    before = EventStore(store).read_places()
    code, out, err = run(capsys, "import", FIXTURE, "--store", store)
    assert code == 0, err
    after = EventStore(store).read_places()
    assert len(after) == len(before) == 3
    assert after["events"].sum() == before["events"].sum() == 4


def test_gazetteer_learned_lists_the_places(store, capsys):
    code, out, err = run(capsys, "gazetteer", "learned", "--country", "ml", "--store", store)
    assert code == 0, err
    assert "Ouatagouna (ML; Ansongo cercle, Gao)" in out
    assert "UCDP GED import ucdp_synthetic_mali.csv, 2 events" in out
    code, out, err = run(capsys, "gazetteer", "learned", "--country", "NE", "--store", store)
    assert code == 0 and "no learned places in NE" in out


def test_ingest_lands_at_the_learned_point_and_falls_back_without_learning(store, tmp_path, capsys, monkeypatch):
    from dashboard.events.store import EventStore
    from dashboard.places.gazetteer import get_gazetteer
    from dashboard.places.normalize import normalize

    assert not get_gazetteer().scored(normalize("Ouatagouna")), "the shipped gazetteer must lack the village"
    report = tmp_path / "ouatagouna.txt"
    report.write_text(REPORT, encoding="utf-8")
    count = EventStore(store).count()
    code, out, err = run(capsys, "ingest", report, "--dry-run", "--store", store, "--json")
    assert code == 0, err
    events = json.loads(out)
    hit = [e for e in events if e["location"] == "Ouatagouna"]
    assert hit, events
    assert km((hit[0]["latitude"], hit[0]["longitude"]), OUATAGOUNA) < 0.5
    assert hit[0]["geo_precision"] == 1
    assert "learned from UCDP GED import ucdp_synthetic_mali.csv, 2 events" in hit[0]["notes"]
    assert EventStore(store).count() == count  # --dry-run wrote nothing

    monkeypatch.setenv("CRISISMAP_LEARN_PLACES", "0")
    code, out, err = run(capsys, "ingest", report, "--dry-run", "--store", store, "--json")
    assert code == 0, err
    off = json.loads(out)
    assert off and all(e["location"] != "Ouatagouna" for e in off)
    assert all(e["country_code"] == "ML" for e in off)  # never abroad
    fallback = off[0]
    assert fallback["geo_precision"] >= 2 and f"geo_precision {fallback['geo_precision']}" in fallback["notes"]


def test_no_store_reads_no_store(store, tmp_path, capsys):
    report = tmp_path / "ouatagouna.txt"
    report.write_text(REPORT, encoding="utf-8")
    code, out, err = run(capsys, "ingest", report, "--no-store", "--store", store, "--json")
    assert code == 0, err
    assert all(e["location"] != "Ouatagouna" for e in json.loads(out))
    code, _out, err = run(capsys, "ingest", report, "--no-store", "--dry-run")
    assert code == 2 and "choose one" in err


def test_geocoder_returns_a_learned_place_with_its_source(store, monkeypatch):
    from dashboard.places.geocoder import OfflineGeocoder

    monkeypatch.setenv("CRISISMAP_STORE", str(store))
    loc = OfflineGeocoder().geocode("Ouatagouna", country_codes="ML")
    assert loc is not None and km((loc.latitude, loc.longitude), OUATAGOUNA) < 0.5
    assert loc.raw["source"] == "learned from UCDP GED import ucdp_synthetic_mali.csv, 2 events"
    assert loc.raw["geonameid"] is None and loc.raw["precision"] == 1
    # a shipped place keeps its contract
    kati = OfflineGeocoder().geocode("Kati", country_codes="ML")
    assert kati.raw["geonameid"] and kati.raw["admin1"] == "Koulikoro"
    monkeypatch.setenv("CRISISMAP_LEARN_PLACES", "0")
    assert OfflineGeocoder().geocode("Ouatagouna", country_codes="ML") is None


def test_the_places_layer_is_a_real_gpkg_point_layer_beside_the_events(store, capsys):
    import geopandas as gpd

    from dashboard.events.store import EventStore

    st = EventStore(store)
    layer = gpd.read_file(store, layer="places")
    assert layer.crs.to_epsg() == 4326 and set(layer.geom_type) == {"Point"}
    row = layer.set_index("name").loc["Ouatagouna"]
    assert abs(row.geometry.y - OUATAGOUNA[0]) < 1e-6 and abs(row.geometry.x - OUATAGOUNA[1]) < 1e-6
    events = st.count()
    st.replace_places(st.read_places().iloc[:1])  # the whole layer is replaced, the events stay
    assert len(st.read_places()) == 1 and st.count() == events
    assert not list(store.parent.glob(".*.tmp.gpkg"))  # no temporary file left behind
    # import --json says what was learned; a dry run learns nothing
    code, out, err = run(capsys, "import", FIXTURE, "--store", store, "--json")
    assert code == 0 and json.loads(out)["places_learned"] == {"from_files": 3, "total": 3}
    code, out, err = run(capsys, "import", FIXTURE, "--store", store, "--dry-run", "--json")
    assert code == 0 and "places_learned" not in json.loads(out)


def test_learning_off_imports_teach_nothing(tmp_path, capsys, monkeypatch):
    from dashboard.events.store import EventStore

    monkeypatch.setenv("CRISISMAP_LEARN_PLACES", "0")
    path = tmp_path / "off.gpkg"
    code, out, err = run(capsys, "import", FIXTURE, "--store", path)
    assert code == 0 and "places learned" not in out
    assert EventStore(path).read_places().empty and EventStore(path).count() == 5


def test_gdelt_actiongeo_full_names_are_learned_as_the_place_itself():
    """GDELT writes "Abidjan, Lagunes, Cote d'Ivoire": the learned place is "Abidjan", so a report naming
    Abidjan finds it."""
    ev = pd.DataFrame({"location": ["Abidjan, Lagunes, Cote d'Ivoire", "Abidjan, Lagunes, Cote d'Ivoire"],
                       "latitude": [5.341, 5.341], "longitude": [-4.028, -4.028], "geo_precision": [1, 1],
                       "country_code": ["CI", "CI"], "origin": ["gdelt", "gdelt"]})
    got = places_from_events(ev, "gdelt", "gdelt.csv")
    assert got["name"].tolist() == ["Abidjan"] and got["events"].tolist() == [2]
    assert got["key"].iloc[0].startswith("CI:abidjan:place:")
