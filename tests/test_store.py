"""The GeoPackage event store: append, de-duplication, filtered reads, and a writer killed mid-append."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pyogrio
import pytest
from conftest import synthetic_events

from dashboard.events.store import EventStore, actor_tokens, default_store_path
from dashboard.sources import acled
from dashboard.sources.tabular import complete_events

FIX = Path(__file__).parent / "fixtures" / "readers"
ROOT = Path(__file__).resolve().parents[1]


def test_append_twice_is_idempotent_and_gpkg_is_standard(tmp_path):
    store = EventStore(tmp_path / "events.gpkg")
    assert store.count() == 0 and len(store.read()) == 0
    ev = acled.read(FIX / "acled_current.csv").events
    r1 = store.append(ev)
    assert (r1.added, r1.merged, r1.total) == (3, 0, 3)
    r2 = store.append(ev)
    assert (r2.added, r2.merged, r2.total) == (0, 3, 3)
    assert store.count() == 3
    info = pyogrio.read_info(store.path, layer="events")
    assert info["crs"] == "EPSG:4326" and info["geometry_type"] == "Point"
    assert [str(n) for n in pyogrio.list_layers(store.path)[:, 0]] == ["events", "event_keys"]
    back = store.read()
    assert set(back["event_id_cnty"]) == {"MLI9001", "MLI9002", "MLI9003"}
    assert back["event_date"].dtype == "datetime64[ns]" and back.crs == "EPSG:4326"


def test_same_happening_from_two_sources_merges(tmp_path):
    store = EventStore(tmp_path / "s.gpkg")
    store.append(acled.read(FIX / "acled_current.csv").events)
    report = complete_events(pd.DataFrame({
        "event_date": [pd.Timestamp("2020-08-18"), pd.Timestamp("2020-08-18"), pd.Timestamp("2020-08-18")],
        "event_type": ["Battles", "Battles", "Battles"],
        "latitude": [12.75, 12.75, 14.0], "longitude": [-8.06, -8.06, -8.0],  # ~1.5 km from Kati / far away
        "actor1": ["Mutineers of the Malian army", "JNIM", "Military Forces of Mali"],
        "origin": ["article"] * 3, "source": ["Synthetic Wire", "Other Wire", "Third"],
        "source_url": ["https://example.org/a", "https://example.org/b", "https://example.org/c"],
        "country_code": ["ML"] * 3,
    }))
    r = store.append(report)
    assert (r.added, r.merged) == (2, 1)  # actors overlap ("mali") -> merged; JNIM: no overlap; far one: too far
    kati = store.read().set_index("event_id_cnty").loc["MLI9001"]
    assert kati["source"] == "Reuters; Synthetic Wire"
    assert kati["origin"] == "acled; article" and kati["source_url"] == "https://example.org/a"
    again = store.append(report)
    assert again.added == 0 and store.count() == 5


def test_curated_rows_never_merge_with_each_other(tmp_path):
    store = EventStore(tmp_path / "s.gpkg")
    ev = acled.read(FIX / "acled_current.csv").events
    twin = ev.iloc[:1].copy()
    twin["event_id_cnty"] = "MLI9999"
    twin["source_id"] = "acled:MLI9999"
    store.append(ev)
    assert store.append(twin).added == 1


def test_actor_tokens():
    assert actor_tokens("Military Forces of Mali (2012-2021)") == {"mali"}
    assert actor_tokens("JNIM: Group for Support of Islam and Muslims") >= {"jnim", "islam"}


def test_filtered_reads(tmp_path):
    store = EventStore(tmp_path / "s.gpkg")
    ev = synthetic_events(5000, seed=1)
    store.append(ev)
    got = store.read(bbox=(-9, 12, -7, 14), start="2020-03-01", end="2020-03-31", event_types=["Battles"])
    m = ((ev["longitude"].between(-9, -7)) & (ev["latitude"].between(12, 14))
         & (ev["event_date"].between("2020-03-01", "2020-03-31")) & (ev["event_type"] == "Battles"))
    assert len(got) == int(m.sum()) > 0
    assert set(got["event_id_cnty"]) == set(ev.loc[m, "event_id_cnty"])
    assert len(store.read(event_types="Riots")) == int((ev["event_type"] == "Riots").sum())
    assert len(store.read(start="2020-12-31", end="2020-12-31")) == int((ev["event_date"] == "2020-12-31").sum())


def test_default_store_path(monkeypatch, tmp_path):
    monkeypatch.setenv("CRISISMAP_STORE", str(tmp_path / "x.gpkg"))
    assert default_store_path() == tmp_path / "x.gpkg"
    monkeypatch.delenv("CRISISMAP_STORE")
    assert default_store_path().name == "events.gpkg"


# The writer parks itself right after its first GeoPackage write into the temporary copy (it wraps
# pyogrio.write_dataframe, which every store write goes through) and says so: the test kills it
# there, mid-append, at a known point rather than after a guessed delay.
WRITER = textwrap.dedent("""
    import sys, threading
    sys.path.insert(0, {tests!r})
    import pyogrio
    from conftest import synthetic_events
    from dashboard.events.store import EventStore
    real_write = pyogrio.write_dataframe
    def write_then_park(*args, **kwargs):
        real_write(*args, **kwargs)
        print("written", flush=True)
        threading.Event().wait()  # parked until killed
    pyogrio.write_dataframe = write_then_park
    ev = synthetic_events(20_000, seed=7)
    print("ready", flush=True)
    EventStore({path!r}).append(ev)
    print("done", flush=True)
""")


@pytest.mark.slow
def test_writer_killed_mid_append_loses_nothing(tmp_path):
    path = tmp_path / "s.gpkg"
    store = EventStore(path)
    store.append(synthetic_events(2000, seed=3))
    before = set(store.read(columns=["event_id_cnty"])["event_id_cnty"])
    code = WRITER.format(tests=str(Path(__file__).parent), path=str(path))
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    assert proc.stdout.readline().strip() == "written"  # new rows are in the temporary copy, not yet the store
    tmp_glob = f".{path.name}.*.tmp.gpkg"
    assert proc.poll() is None and list(tmp_path.glob(tmp_glob)), "the writer finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    after = EventStore(path)
    assert after.count() == 2000
    assert set(after.read(columns=["event_id_cnty"])["event_id_cnty"]) == before
    assert len(after.read(bbox=(-11, 11, 3, 20))) == 2000
    # the next writer cleans the stale temporary file up and works
    assert after.append(synthetic_events(10, seed=9)).total == 2010
    assert not list(tmp_path.glob(tmp_glob))


def test_a_bulk_load_builds_its_indexes_at_the_end(tmp_path):
    """An import into a new store builds the B-tree indexes once, after the rows (faster than row by
    row), and the store has every index and the keys table when the import ends; a later append into
    it finds the events it repeats through them."""
    import sqlite3

    from conftest import synthetic_events

    store = EventStore(tmp_path / "bulk.gpkg")
    ev = synthetic_events(300, 5)
    res = store.append_many([ev.iloc[:150], ev.iloc[150:]])
    assert res.added == 300
    with sqlite3.connect(store.path) as con:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('index', 'table')")}
    assert {"events_event_date", "events_event_type", "events_event_id", "events_source_id", "events_origin",
            "event_keys"} <= names
    again = store.append(ev.iloc[:10])
    assert again.added == 0 and again.merged == 10 and store.count() == 300


def test_places_appended_to_an_older_layer_keep_its_r_tree_whole(tmp_path):
    """A places layer made by an earlier version has an R-tree: rows appended with SQL get their boxes,
    and the insert trigger set aside for the bulk insert is back afterwards."""
    import sqlite3

    import geopandas as gpd
    import pyogrio
    from conftest import synthetic_events

    from dashboard.events.store import PlaceFeed
    from dashboard.places.learned import places_from_events

    store = EventStore(tmp_path / "old.gpkg")
    ev = synthetic_events(200, 6)
    ev = ev.assign(location=[f"Synthetic village {i % 70}" for i in range(200)], geo_precision=1, country_code="ML",
                   origin="acled")
    store.append(ev.iloc[:100])
    first = places_from_events(ev.iloc[:100], "acled", "a.csv")
    gdf = gpd.GeoDataFrame(first, geometry=gpd.points_from_xy(first["longitude"], first["latitude"]), crs="EPSG:4326")
    pyogrio.write_dataframe(gdf, store.path, layer="places", driver="GPKG", append=True)  # with GDAL's R-tree
    more = places_from_events(ev.iloc[100:], "acled", "b.csv")
    store.append_many([ev.iloc[100:]], places=PlaceFeed(pending=lambda: [more], files=("b.csv",)))
    with sqlite3.connect(store.path) as con:
        n = con.execute("SELECT COUNT(*) FROM places").fetchone()[0]
        assert n == len(store.read_places()) > len(first)
        assert con.execute("SELECT COUNT(*) FROM rtree_places_geom").fetchone()[0] == n
        assert con.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'rtree_places_geom_insert'").fetchone()[0]
