"""Shared test fixtures and the one SYNTHETIC event generator.

* :func:`synthetic_events` — random events around Mali, every row marked synthetic (ids ``SYN…``,
  ``origin``/``notes`` say so). Tests that need many events call it (``from conftest import
  synthetic_events``) or take the ``make_events`` fixture; nothing else in tests/ generates events.
* :func:`mali_events` / the ``mali_events`` fixture — eight hand-written SYNTHETIC events at real
  Malian places (Kati, Bamako, Ségou, Mopti) for the export tests; one carries an XSS payload.
* ``demo_store`` — the demo GeoPackage built once per session by the project's own pipeline.
* ``require_assets`` — the map's local JS/CSS must be installed (a failure naming `make assets`,
  never a skip: they are part of crisismap).

Markers (pyproject.toml): ``fast`` is the sub-minute subset (``pytest -m fast``), given here to the
tests of FAST_MODULES that are not marked ``slow`` or ``browser``.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from dashboard.events.schema import EVENT_TYPES, to_events
from dashboard.sources.tabular import complete_events

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SHARED = ROOT.parent / "shared"

XSS_EVIDENCE = "Crowds gathered in Bamako <script>alert(1)</script> after the announcement."
XSS_NOTES = "<img src=x onerror=alert(1)> synthetic note"
SYNTHETIC_SOURCE = "synthetic test data"


from pg_server import pg_server, pg_url  # noqa: E402,F401  (fixtures: a real PostGIS for the store tests)

# ---------------------------------------------------------------- the one generator

def synthetic_events(n: int, seed: int = 0, *, id_prefix: str = "SYN", start: str = "2020-01-01", days: int = 365,
                     types: tuple[str, ...] = tuple(EVENT_TYPES), lat: tuple[float, float] = (11.0, 20.0),
                     lon: tuple[float, float] = (-11.0, 3.0), **columns) -> gpd.GeoDataFrame:
    """`n` SYNTHETIC events (not real) in the event schema, EPSG:4326, reproducible from `seed`.

    Ids are ``{id_prefix}{seed}-{i}``; dates uniform over `days` days from `start`; points uniform in
    the `lat`/`lon` ranges (degrees; default: Mali and around); types drawn from `types`;
    fatalities 0-4 and geo precision 1-3 at random. Any other column is set with ``name=value``
    (a scalar or a length-n sequence), e.g. ``notes=XSS_NOTES`` or ``origin="acled"``.
    """
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({
        "event_id_cnty": [f"{id_prefix}{seed}-{i}" for i in range(n)],
        "event_date": pd.Timestamp(start) + pd.to_timedelta(rng.integers(0, days, n), unit="D"),
        "event_type": np.array(types, dtype=object)[rng.integers(0, len(types), n)],
        "latitude": rng.uniform(*lat, n), "longitude": rng.uniform(*lon, n),
        "geo_precision": rng.integers(1, 4, n), "fatalities": rng.integers(0, 5, n),
        "actor1": "Synthetic actor", "notes": "synthetic test event", "origin": "synthetic",
        "source": SYNTHETIC_SOURCE, "country_code": "ML", "tags": "synthetic",
    })
    for name, value in columns.items():
        df[name] = value
    return complete_events(df)


@pytest.fixture(scope="session")
def make_events():
    """The generator as a fixture: ``make_events(100, seed=1)``."""
    return synthetic_events


# ---------------------------------------------------------------- hand-written frames

_MALI_ROWS = [
    # id, date, type, sub-type, location, admin1, lat, lon, precision, fatalities, origin, evidence
    ("MLT0000001", "2020-08-18", "Strategic developments", "Change to group/activity", "Kati", "Koulikoro",
     12.744, -8.072, 1, 0, "article", "Soldiers took weapons from the camp in Kati (synthetic sentence)."),
    ("MLT0000002", "2020-08-18", "Protests", "Peaceful protest", "Bamako", "Bamako", 12.639, -8.003, 1, 0,
     "article", XSS_EVIDENCE),
    ("MLT0000003", "2020-08-11", "Riots", "Violent demonstration", "Bamako", "Bamako", 12.652, -7.985, 2, 2,
     "acled", "Synthetic riot near the city centre."),
    ("MLT0000004", "2020-08-11", "Protests", "Protest with intervention", "Bamako", "Bamako", 12.63, -8.01, 1, 0,
     "acled", "Synthetic protest, costs of $5 and $x^2$ quoted."),
    ("MLT0000005", "2020-08-05", "Battles", "Armed clash", "Ségou", "Ségou", 13.431, -6.266, 1, 5, "ucdp",
     "Synthetic clash near Ségou."),
    ("MLT0000006", "2020-08-22", "Explosions/Remote violence", "Remote explosive/landmine/IED", "Mopti", "Mopti",
     14.49, -4.18, 1, 3, "article", "Synthetic IED on the road to Mopti."),
    ("MLT0000007", "2020-08-25", "Violence against civilians", "Attack", "Mopti", "Mopti", 14.45, -4.25, 3, 1,
     "article", "Synthetic attack somewhere in Mopti region."),
    ("MLT0000008", "2020-08-19", "Strategic developments", "Arrests", "Kati", "Koulikoro", 12.75, -8.08, 1, 0,
     "article", "Synthetic arrests at Kati."),
]


def mali_events() -> gpd.GeoDataFrame:
    """Eight hand-written SYNTHETIC events at real Malian places, August 2020 (EPSG:4326).

    Everything but the coordinates is made up and says so in `source`; MLT0000002 carries an XSS
    payload (notes and evidence) and MLT0000004 a "$" (matplotlib mathtext)."""
    cols = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "location", "admin1", "latitude",
            "longitude", "geo_precision", "fatalities", "origin", "evidence"]
    df = pd.DataFrame(_MALI_ROWS, columns=cols)
    df["country"] = "Mali"
    df["iso"] = 466
    df["country_code"] = "ML"
    df["source"] = SYNTHETIC_SOURCE
    df["source_url"] = "https://example.org/synthetic/" + df["event_id_cnty"]
    df["notes"] = "synthetic: " + df["sub_event_type"]
    df.loc[df["event_id_cnty"] == "MLT0000002", "notes"] = XSS_NOTES
    df["actor1"] = "Synthetic actor"
    df["source_date"] = pd.NaT
    df["place_score"] = float("nan")
    return to_events(df)


@pytest.fixture(scope="module", name="mali_events")
def mali_events_fixture() -> gpd.GeoDataFrame:
    return mali_events()


# ---------------------------------------------------------------- the fast subset

#: modules whose tests (except those marked slow or browser) form `pytest -m fast`: unit tests of
#: the filter, controls, layers, readers and their contract, the public API, share links and
#: mention finding. Under a minute on an idle 2-core machine; `make test` still runs everything.
FAST_MODULES = frozenset({
    "test_api", "test_controls", "test_exports_data", "test_filters", "test_layers", "test_mentions",
    "test_reader_contract", "test_readers_acled", "test_readers_gdelt", "test_readers_table",
    "test_readers_ucdp", "test_readers_shapes", "test_share",
})


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        if item.path.stem in FAST_MODULES and not any(item.get_closest_marker(m) for m in ("slow", "browser")):
            item.add_marker(pytest.mark.fast)


# ---------------------------------------------------------------- shared fixtures

@pytest.fixture(scope="session")
def demo_store(tmp_path_factory) -> Path:
    """The demo store, built once per session by the project's pipeline from the package data."""
    from dashboard import demo

    path = tmp_path_factory.mktemp("demo") / "demo.gpkg"
    report = demo.build_demo_store(path)
    assert report.events > 0
    return path


@pytest.fixture(scope="session")
def demo_events(demo_store) -> gpd.GeoDataFrame:
    """Every event of the demo store (read once; do not mutate)."""
    from dashboard.events.store import EventStore

    return EventStore(demo_store).read()


@pytest.fixture(scope="session")
def geocoder():
    """One offline geocoder for the session (its gazetteer index is built or loaded once)."""
    from dashboard.places.geocoder import OfflineGeocoder

    return OfflineGeocoder()


@pytest.fixture(scope="session")
def require_assets() -> None:
    """The map's local JS/CSS (dashboard/static/vendor) must be installed: they are part of crisismap."""
    from dashboard.views import assets

    gone = assets.missing()
    if gone:
        pytest.fail(f"the map's local JS/CSS are missing ({', '.join(gone)}): run `make assets` (npm ci)")


def shared_file(*parts: str) -> Path:
    """A file under ../shared, or a skip saying it is absent (the shared folder is not part of the repo)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found (the shared folder sits beside the repository)")
    return path
