"""Both store backends, the same tests: a real GeoPackage and a real PostGIS server.

Covers open_store's choice, de-duplication, provenance (sources kept, never replaced), linking of
curated datasets (counts independent of import order), pushed-down filters equal to the in-memory
filter, learned places, `import --json` joins, and three concurrent writers on PostGIS.
All event rows here are SYNTHETIC (made up for the tests).
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import synthetic_events

from dashboard import filters as F
from dashboard.events.postgis import PostgisStore
from dashboard.events.provenance import sources_of
from dashboard.events.store import GeoPackageStore, open_store
from dashboard.sources.tabular import complete_events

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("acled_synth", ROOT / "bench" / "acled_synth.py")
acled_synth = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(acled_synth)


@pytest.fixture(params=["gpkg", "postgis"])
def store(request, tmp_path):
    if request.param == "gpkg":
        return open_store(str(tmp_path / "events.gpkg"))
    return open_store(request.getfixturevalue("pg_url"))


def rows(**cols) -> pd.DataFrame:
    n = max(len(v) for v in cols.values() if isinstance(v, list))
    base = {"event_date": [pd.Timestamp("2020-08-18")] * n, "event_type": ["Battles"] * n,
            "notes": ["synthetic test row"] * n, "country_code": ["ML"] * n}
    base.update(cols)
    return complete_events(pd.DataFrame(base))


def synthetic(n: int, seed: int, origin: str) -> pd.DataFrame:
    """The conftest generator, four types, with the dataset name given as `origin`."""
    return synthetic_events(n, seed, types=("Battles", "Protests", "Riots", "Violence against civilians"),
                            origin=origin)


def test_open_store_picks_the_backend_by_argument(tmp_path, monkeypatch):
    assert isinstance(open_store(str(tmp_path / "a.gpkg")), GeoPackageStore)
    pg = open_store("postgresql://ana:secret@db.example:5432/crisis")
    assert isinstance(pg, PostgisStore) and pg.describe() == "postgresql://ana@db.example:5432/crisis"
    monkeypatch.setenv("CRISISMAP_STORE", "postgresql://ana@db.example/crisis")
    assert isinstance(open_store(), PostgisStore)
    monkeypatch.setenv("CRISISMAP_STORE", str(tmp_path / "b.gpkg"))
    assert isinstance(open_store(), GeoPackageStore)
    assert not (tmp_path / "postgresql:").exists()


def test_reimport_adds_nothing_and_filters_match_memory(store):
    ev = synthetic(400, 1, "acled")
    r1 = store.append(ev)
    assert (r1.added, r1.merged, r1.total) == (400, 0, 400)
    r2 = store.append(ev)
    assert (r2.added, r2.merged, r2.total) == (0, 400, 400)
    assert store.count() == 400
    allev = store.read()
    assert len(allev) == 400 and allev.crs == "EPSG:4326" and allev["event_date"].dtype == "datetime64[ns]"
    assert allev["sources"].isna().all()  # never merged with another source: nothing to list yet
    state = F.FilterState(start=pd.Timestamp("2020-03-01").date(), end=pd.Timestamp("2020-06-30").date(),
                          event_types=("Battles", "Riots"), radius_km=250.0)
    ref = (15.0, -4.0)
    want = F.apply_filters(allev, state, ref)
    got = F.apply_filters(store.read(start=state.start, end=state.end, event_types=list(state.event_types),
                                     near=(ref[0], ref[1], state.radius_km)), state, ref)
    assert 0 < len(want) < 400
    assert sorted(got["event_id_cnty"]) == sorted(want["event_id_cnty"])
    box = store.read(bbox=(-5, 12, 0, 16))
    mem = allev[(allev.longitude >= -5) & (allev.longitude <= 0) & (allev.latitude >= 12) & (allev.latitude <= 16)]
    assert sorted(box["event_id_cnty"]) == sorted(mem["event_id_cnty"])


def test_area_date_and_type_filters_match_memory_across_years_and_without_a_type_filter(store):
    """The page's pushed-down read (on PostGIS: one GiST box per year and type, see
    postgis.LANE_EXPR) keeps exactly what the in-memory filter keeps: dates across New Year, no type
    filter (every stored type, and events without one), an area the circle cuts, a circle outside it."""
    store.append(synthetic_events(600, 7, start="2019-06-01", days=900, origin="acled",
                                  types=("Battles", "Protests", "Riots", "Violence against civilians")))
    store.append(synthetic_events(30, 8, id_prefix="NOTYPE", start="2019-06-01", days=900, origin="acled",
                                  event_type=None))
    allev = store.read()
    assert allev["event_type"].isna().sum() == 30
    day = lambda s: pd.Timestamp(s).date()  # noqa: E731
    cases = [
        (F.FilterState(start=day("2019-11-15"), end=day("2021-02-10"), event_types=("Battles", "Riots"),
                       visible_only=True, bbox=(-8.0, 12.0, 0.0, 18.0), radius_km=300.0), (15.0, -4.0), True),
        (F.FilterState(start=day("2019-11-15"), end=day("2021-02-10"), visible_only=True,
                       bbox=(-8.0, 12.0, 0.0, 18.0), radius_km=300.0), (15.0, -4.0), True),
        (F.FilterState(start=day("2019-06-01"), end=day("2021-12-31"), radius_km=200.0), (14.0, -2.0), True),
        (F.FilterState(start=day("2019-06-01"), end=day("2021-12-31"), visible_only=True,
                       bbox=(-10.0, 11.0, -8.0, 13.0), radius_km=50.0), (18.0, 2.0), False),
    ]
    for state, ref, some in cases:
        want = F.apply_filters(allev, state, ref)
        got = F.apply_filters(store.read(**F.pushdown(state, ref)), state, ref)
        assert (len(want) > 0) == some, state
        assert sorted(got["event_id_cnty"]) == sorted(want["event_id_cnty"]), state
    untyped = F.apply_filters(allev, cases[2][0], cases[2][1])
    assert untyped["event_type"].isna().any()  # the events without a type are found too


def test_the_postgis_overview_lists_what_the_events_hold(pg_url):
    """The page's overview of a big server store (one GROUPING SETS pass) equals the same lists made
    in memory from every event: count, first and last day, multiselect values, actors by frequency."""
    store = open_store(pg_url)
    ev = synthetic_events(300, 11, start="2021-01-01", days=400, origin="synthetic-demo",
                          types=("Battles", "Riots", "Protests"))
    ev["actor1"] = [f"Synthetic group {i % 7}" for i in range(len(ev))]
    ev["actor2"] = [f"Synthetic group {i % 3}" if i % 2 else None for i in range(len(ev))]
    ev["country"] = ["Mali" if i % 4 else "Niger" for i in range(len(ev))]
    ev["admin1"] = [None if i % 5 == 0 else f"Synthetic region {i % 6}" for i in range(len(ev))]
    store.append(ev)
    allev = store.read()
    ov = store.overview()
    assert ov["count"] == 300 and ov["first"] == allev["event_date"].min() and ov["last"] == allev["event_date"].max()
    o = ov["options"]
    for key, col in (("event_types", "event_type"), ("sub_event_types", "sub_event_type"),
                     ("countries", "country"), ("admin1", "admin1")):
        assert o[key] == sorted(allev[col].dropna().unique()), key
    both = pd.concat([allev["actor1"], allev["actor2"]]).dropna().value_counts()
    assert o["actors"] == sorted(both.index, key=lambda a: (-both[a], a))
    assert o["main_country_code"] == ["ml"] and o["synthetic_origins"] == ["synthetic-demo"]
    assert 0 < len(ov["sample"]) <= 300 and ov["sample"]["event_date"].dtype == "datetime64[ns]"


def test_a_report_merged_into_an_event_keeps_both_sources(store):
    store.append(rows(event_id_cnty=["MLI1"], origin=["acled"], latitude=[12.7441], longitude=[-8.0726],
                      actor1=["Military Forces of Mali (2012-2021)"], source=["Reuters"], location=["Kati"]))
    report = rows(origin=["article"], latitude=[12.75], longitude=[-8.06], actor1=["Malian soldiers"],
                  source=["Le Monde"], source_url=["https://example.org/kati"],
                  evidence=["soldiers in the garrison town of Kati detained senior officers"],
                  evidence_start=[0], evidence_end=[63], location=["Kati"], tags=["place-corrected-by-user"])
    r = store.append(report, joins=True)
    assert (r.added, r.merged) == (0, 1)
    assert r.joins[0]["joined"] == "MLI1" and r.joins[0]["rule"] == "same happening"
    ev = store.read().iloc[0]
    srcs = sources_of(ev)
    assert [s["origin"] for s in srcs] == ["acled", "article"]
    assert srcs[0]["source"] == "Reuters" and srcs[1]["url"] == "https://example.org/kati"
    assert srcs[1]["evidence"].startswith("soldiers in the garrison") and srcs[1]["evidence_span"] == [0, 63]
    assert srcs[1]["corrected"] and "Kati" in srcs[1]["corrected"]
    assert ev["source"] == "Reuters; Le Monde" and ev["origin"] == "acled; article"
    # the same report saved again adds no second copy of its source
    store.append(report)
    assert len(sources_of(store.read().iloc[0])) == 2


def test_curated_datasets_are_linked_not_merged_whatever_the_order(tmp_path, store):
    acl = rows(event_id_cnty=["MLI7"], origin=["acled"], latitude=[14.35], longitude=[-3.6], actor1=["JNIM"])
    ucd = rows(event_id_cnty=["UCDP-44"], origin=["ucdp"], latitude=[14.36], longitude=[-3.61], actor1=["JNIM"])
    gde = rows(event_id_cnty=["GD-9"], origin=["gdelt"], latitude=[14.34], longitude=[-3.59], actor1=["JNIM militants"])
    art = rows(origin=["article"], latitude=[14.35], longitude=[-3.6], actor1=["JNIM"], source=["RFI"])
    counts = set()
    for k, order in enumerate(itertools.permutations([acl, ucd, gde, art])):
        s = open_store(str(tmp_path / f"o{k}.gpkg"))
        for part in order:
            s.append(part)
        counts.add(s.count())
    assert counts == {3}  # three curated rows, the article merged into one of them
    for part in (acl, ucd, gde):
        store.append(part)
    got = store.read().set_index("event_id_cnty")
    assert len(got) == 3
    assert set(got.loc["MLI7", "linked_ids"].split("; ")) == {"UCDP-44", "GD-9"}
    assert set(got.loc["UCDP-44", "linked_ids"].split("; ")) == {"MLI7", "GD-9"}


def test_learned_places_round_trip(store):
    empty = store.read_places()
    assert len(empty) == 0 and "key" in empty.columns
    df = pd.DataFrame({"key": ["ml:kati"], "name": ["Kati"], "alternates": ["Kati-Koko"], "country_code": ["ML"],
                       "admin1": ["Koulikoro"], "admin2": ["Kati"], "latitude": [12.7441], "longitude": [-8.0726],
                       "geo_precision": [1], "events": [3], "sources": ["acled"]})
    store.append(synthetic(5, 3, "acled"))
    store.replace_places(df)
    got = store.read_places()
    assert got["name"].tolist() == ["Kati"] and float(got["latitude"].iloc[0]) == pytest.approx(12.7441)
    store.replace_places(df.assign(key=["ml:gao"], name=["Gao"]))
    assert store.read_places()["name"].tolist() == ["Gao"]
    assert store.count() == 5
    # read-merge-replace under one lock: what another analyst taught meanwhile is kept
    out = store.update_places(lambda cur: pd.concat([cur, df], ignore_index=True))
    assert sorted(out["name"]) == ["Gao", "Kati"] and sorted(store.read_places()["name"]) == ["Gao", "Kati"]


def test_import_learns_places_in_its_own_transaction_and_touches_only_its_places(store, tmp_path):
    """An import merges the places it teaches into the layer with the events (one transaction), reading
    and rewriting only the places it touches; the layer equals the whole-layer merge of the same files,
    and re-importing a file replaces its counts (never doubles)."""
    from dashboard.places.learned import merge_places, places_from_events
    from dashboard.sources.detect import read_any

    a = acled_synth.write_acled_csv(tmp_path / "a.csv", 400, seed=1)
    b = acled_synth.write_acled_csv(tmp_path / "b.csv", 300, seed=1, id_prefix="B",
                                    repeat_of=(400, 1, 0.5))  # half its rows at a.csv's places
    loc = store.location if isinstance(store, PostgisStore) else str(store.path)
    # someone else's place, in the layer before: untouched by these imports
    other = pd.DataFrame({"key": ["ML:kati:place:254:-162"], "name": ["Kati"], "alternates": ["Kati"],
                          "country_code": ["ML"], "admin1": ["Koulikoro"], "admin2": [None],
                          "latitude": [12.74], "longitude": [-8.07], "geo_precision": [1], "events": [2],
                          "sources": ["UCDP GED|ucdp.csv|2"]})
    store.append(synthetic(3, 9, "acled"))
    store.replace_places(other)
    expect = other
    for f in (a, b, a):  # a.csv again at the end: its counts are replaced
        out = _cli("import", str(f), "--store", loc, "--json")
        assert out.returncode == 0, out.stderr
        rep = json.loads(out.stdout)
        expect = merge_places(expect, places_from_events(read_any(f).events, "acled", str(f)))
        assert rep["places_learned"]["total"] == len(expect)
    got = store.read_places().sort_values("key").reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expect.sort_values("key").reset_index(drop=True), check_exact=False)
    assert got.set_index("key").loc["ML:kati:place:254:-162", "sources"] == "UCDP GED|ucdp.csv|2"
    assert got["events"].sum() == 2 + 400 + 300


def test_places_learned_chunk_by_chunk_equal_the_whole_file_merge(store, tmp_path):
    """A file read in several chunks teaches the same layer as its places merged at once (a place named
    in several chunks adds its counts; the file's earlier counts are replaced, once)."""
    from dashboard.events.store import PlaceFeed
    from dashboard.places.learned import merge_places, places_from_events
    from dashboard.sources.detect import read_any

    f = acled_synth.write_acled_csv(tmp_path / "chunks.csv", 900, seed=4)
    ev = read_any(f).events
    ev = ev.assign(location=ev["location"].str.replace(r"\d+$", "7", regex=True),  # few names ...
                   latitude=ev["latitude"].round(0) + 0.01, longitude=ev["longitude"].round(0) + 0.01)  # ... few cells
    parts = [ev.iloc[k:k + 200] for k in range(0, len(ev), 200)]
    def chunks(frames: list):
        for p in parts:
            frames.append(places_from_events(p, "acled", str(f)))
            yield p

    def drain(frames: list) -> list:
        return [frames.pop(0) for _ in list(frames)]

    for _ in range(2):  # the second time, a re-import of the same file
        frames: list = []
        res = store.append_many(chunks(frames), places=PlaceFeed(pending=lambda fr=frames: drain(fr),
                                                                 files=(f.name,)))
    whole = merge_places(None, places_from_events(ev, "acled", str(f)))
    assert res.places == {"from_files": len(whole), "total": len(whole)}
    assert whole["events"].sum() == len(ev) and (whole["events"] > 1).any()
    got = store.read_places().sort_values("key").reset_index(drop=True)
    pd.testing.assert_frame_equal(got, whole.sort_values("key").reset_index(drop=True), check_exact=False)
    if isinstance(store, GeoPackageStore):  # rows appended with SQL: still a sound GeoPackage layer for GDAL/QGIS
        import sqlite3

        import pyogrio

        with sqlite3.connect(store.path) as con:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            # no R-tree on places (looked up by key): nothing to keep in step with the rows
            assert not con.execute("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'rtree_places%'").fetchone()[0]
            assert con.execute("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'places'"
                               ).fetchone()[0] in (None, len(whole))
        w, s, e, n = pyogrio.read_info(store.path, layer="places")["total_bounds"]
        assert w <= whole["longitude"].min() and e >= whole["longitude"].max() and s <= whole["latitude"].min()
        x, y = float(whole["longitude"].iloc[0]), float(whole["latitude"].iloc[0])
        box = (x - 1.5, y - 1.5, x + 1.5, y + 1.5)
        inside = whole[whole["longitude"].between(box[0], box[2]) & whole["latitude"].between(box[1], box[3])]
        got_box = pyogrio.read_dataframe(store.path, layer="places", bbox=box)
        assert sorted(got_box["key"]) == sorted(inside["key"]) and len(inside)


def _cli(*args, env=None, timeout=300):
    return subprocess.run([sys.executable, "-m", "dashboard", *args], capture_output=True, text=True,
                          timeout=timeout, env=env or os.environ.copy(), cwd=ROOT)


def test_import_json_lists_the_event_each_merged_row_joined(tmp_path):
    a = acled_synth.write_acled_csv(tmp_path / "a.csv", 50, seed=1)
    gpkg = tmp_path / "s.gpkg"
    assert _cli("import", str(a), "--store", str(gpkg)).returncode == 0
    out = _cli("import", str(a), "--store", str(gpkg), "--json")
    rep = json.loads(out.stdout)
    assert rep["added"] == 0 and rep["merged"] == 50 and len(rep["joins"]) == 50
    assert {j["rule"] for j in rep["joins"]} == {"same id"} and rep["joins"][0]["joined"].startswith("SYN")


def test_three_concurrent_importers_on_postgis_equal_one_by_one_into_a_geopackage(tmp_path, pg_url):
    files = [acled_synth.write_acled_csv(tmp_path / "a.csv", 3000, seed=1),
             acled_synth.write_acled_csv(tmp_path / "b.csv", 3000, seed=1),  # the same rows again
             acled_synth.write_acled_csv(tmp_path / "c.csv", 3000, seed=2, id_prefix="OTHER")]
    procs = [subprocess.Popen([sys.executable, "-m", "dashboard", "import", str(f), "--store", pg_url],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in files]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    gpkg = tmp_path / "one.gpkg"
    for f in files:
        assert _cli("import", str(f), "--store", str(gpkg)).returncode == 0
    pg, gp = open_store(pg_url), open_store(str(gpkg))
    assert pg.count() == gp.count() == 6000
    assert sorted(pg.read()["event_id_cnty"]) == sorted(gp.read()["event_id_cnty"])
    again = _cli("import", str(files[2]), "--store", pg_url, "--json")
    assert json.loads(again.stdout)["added"] == 0 and pg.count() == 6000
    csv_pg, csv_gp = tmp_path / "pg.csv", tmp_path / "gp.csv"
    assert _cli("export", "--store", pg_url, "--format", "csv", "-o", str(csv_pg)).returncode == 0
    assert _cli("export", "--store", str(gpkg), "--format", "csv", "-o", str(csv_gp)).returncode == 0
    a = pd.read_csv(csv_pg).sort_values("event_id_cnty").reset_index(drop=True)
    b = pd.read_csv(csv_gp).sort_values("event_id_cnty").reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)


def test_export_pushes_filters_into_postgis(tmp_path, pg_url):
    f = acled_synth.write_acled_csv(tmp_path / "a.csv", 2000, seed=3)
    assert _cli("import", str(f), "--store", pg_url).returncode == 0
    gpkg = tmp_path / "s.gpkg"
    assert _cli("import", str(f), "--store", str(gpkg)).returncode == 0
    args = ["--format", "csv", "--start", "2016-01-01", "--end", "2019-12-31", "--type", "Battles",
            "--place", "15.0,-2.0", "--radius-km", "300"]
    out_pg, out_gp = tmp_path / "pg.csv", tmp_path / "gp.csv"
    assert _cli("export", "--store", pg_url, *args, "-o", str(out_pg)).returncode == 0
    assert _cli("export", "--store", str(gpkg), *args, "-o", str(out_gp)).returncode == 0
    a, b = pd.read_csv(out_pg), pd.read_csv(out_gp)
    assert 0 < len(a) < 2000 and sorted(a["event_id_cnty"]) == sorted(b["event_id_cnty"])


def test_popup_table_and_exports_show_every_source(tmp_path):
    from dashboard.views.export import export_table
    from dashboard.views.mapview import popup_rows
    from dashboard.views.table import table_frame

    store = open_store(str(tmp_path / "s.gpkg"))
    store.append(rows(event_id_cnty=["MLI1"], origin=["acled"], latitude=[12.7441], longitude=[-8.0726],
                      actor1=["Military Forces of Mali"], source=["Reuters"]))
    store.append(rows(origin=["article"], latitude=[12.75], longitude=[-8.06], actor1=["Malian soldiers"],
                      source=["Le Monde"], source_url=["https://example.org/kati"], evidence=["<b>mutiny</b> in Kati"]))
    ev = store.read()
    popup = popup_rows(ev)[0]
    assert any("Reuters" in str(f) and "Le Monde" in str(f) and "acled" in str(f) for f in popup)
    assert "<b>" not in json.dumps(popup)  # escaped
    tab = table_frame(ev)
    assert "Reuters" in tab["all sources"].iloc[0] and "Le Monde" in tab["all sources"].iloc[0]
    csv = pd.read_csv(__import__("io").BytesIO(export_table(ev, "csv")))
    srcs = json.loads(csv["sources"].iloc[0])
    assert [s["source"] for s in srcs] == ["Reuters", "Le Monde"] and srcs[1]["url"] == "https://example.org/kati"
    out = tmp_path / "cli.csv"
    assert _cli("export", "--store", str(store.path), "--format", "csv", "-o", str(out)).returncode == 0
    assert [s["origin"] for s in json.loads(pd.read_csv(out)["sources"].iloc[0])] == ["acled", "article"]


def test_the_dashboard_serves_a_postgis_store(pg_url, monkeypatch):
    from streamlit.testing.v1 import AppTest

    store = open_store(pg_url)
    store.append(synthetic(300, 9, "acled"))
    monkeypatch.setenv("CRISISMAP_STORE", pg_url)
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=180).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert any("of 300 events in the store" in c.value for c in at.caption)


def test_a_big_postgis_store_is_filtered_on_the_server(pg_url, monkeypatch):
    from streamlit.testing.v1 import AppTest

    store = open_store(pg_url)
    store.append(synthetic(400, 10, "acled"))
    monkeypatch.setenv("CRISISMAP_STORE", pg_url)
    monkeypatch.setenv("CRISISMAP_SERVER_SIDE_ROWS", "100")  # 400 events count as "big" here
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=180).run()
    assert not at.exception, at.exception
    assert any("of 400 events in the store" in c.value for c in at.caption)
    ov = store.overview()
    assert ov["count"] == 400 and sorted(ov["options"]["event_types"]) == sorted(store.read()["event_type"].unique())
    # the page's state filters the same events as the in-memory filter on the whole store
    state = F.FilterState(start=pd.Timestamp("2020-02-01").date(), end=pd.Timestamp("2020-11-30").date(),
                          event_types=("Protests",))
    want = F.apply_filters(store.read(), state)
    got = F.apply_filters(store.read(**F.pushdown(state)), state)
    assert 0 < len(got) == len(want)
