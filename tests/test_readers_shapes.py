"""Real files as they come: spreadsheet dates, GDELT 1.0 daily + back-file rows, UCDP Data Explorer
and Candidate downloads, GeoJSON with the legacy `crs` member, monadic ACLED exports.

Fixtures are synthetic (tests/fixtures/readers/synthetic_*, written by make_synthetic.py)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.sources import acled
from dashboard.sources.datecols import ASSUMED_TAG, CONFLICT_TAG, DateOrder, parse_date_column
from dashboard.sources.detect import detect_format, iter_read_any, read_any

FIX = Path(__file__).parent / "fixtures" / "readers"


def _read(name: str):
    r = read_any(FIX / name)
    r.check()
    return r


@pytest.mark.parametrize("name, fmt, rows, events", [
    ("synthetic_acled_spreadsheet_dates.csv", "acled", 60, 60),
    ("synthetic_acled_ambiguous_dates.csv", "acled", 12, 12),
    ("synthetic_acled_month_first.csv", "acled", 12, 12),
    ("synthetic_acled_monadic.csv", "acled", 80, 40),
    ("synthetic_gdelt1_daily_and_backfile.tsv", "gdelt", 30, 30),
    ("synthetic_ucdp_explorer.csv", "ucdp", 24, 24),
    ("synthetic_ucdp_candidate.csv", "ucdp", 20, 20),
    ("synthetic_events_legacy_crs.geojson", "vector", 18, 18),
])
def test_every_shape_loads_every_row(name, fmt, rows, events):
    assert detect_format(FIX / name) == fmt
    r = _read(name)
    assert (r.rows, r.loaded, r.rejected, len(r.events)) == (rows, rows, 0, events)


@pytest.mark.parametrize("text, day", [
    ("5-Aug-24", "2024-08-05"), ("12-September-22", "2022-09-12"), ("15-Jul-22", "2022-07-15"),
    ("15/07/2022", "2022-07-15"), ("44791", "2022-08-18"), ("44791.75", "2022-08-18"),
    ("2020-08-18", "2020-08-18"), ("2020-08-18T23:10:00Z", "2020-08-18"), ("2020/08/18", "2020-08-18"),
    ("18 August 2020", "2020-08-18"), ("18-August-2020", "2020-08-18"), ("Aug 18, 2020", "2020-08-18"),
    ("August 18 2020", "2020-08-18"), ("18th August 2020", "2020-08-18"), ("18 août 2020", "2020-08-18"),
    ("20200818", "2020-08-18"), ("20200818153000", "2020-08-18"), ("18.08.2020", "2020-08-18"),
    ("18/08/2020 00:00:00", "2020-08-18"), ("18-08-20", "2020-08-18"), ("'2020-08-18", "2020-08-18"),
])
def test_date_styles(text, day):
    vals, missing, bad, _tags = parse_date_column(pd.Series([text]))
    assert not bad[0] and not missing[0]
    assert str(vals[0])[:10] == day


def test_mixed_column_with_excel_serials_and_two_digit_years():
    r = _read("synthetic_acled_spreadsheet_dates.csv")
    raw = pd.read_csv(FIX / "synthetic_acled_spreadsheet_dates.csv", dtype=str)
    got = r.events.set_index("event_id_cnty")["event_date"].dt.strftime("%Y-%m-%d")
    for eid, text in zip(raw["event_id_cnty"], raw["event_date"], strict=True):
        want = parse_date_column(pd.Series([text]), DateOrder("x", "dmy"))[0][0]
        assert got[eid] == str(want)[:10], (eid, text)
    assert r.events["event_date"].between("2022-01-01", "2024-12-31").all()
    assert not any(ASSUMED_TAG in str(t) for t in r.events["tags"])  # 15/07/2022 settled the order
    serial = r.events[r.events["tags"].fillna("").str.contains("date=excel-serial")]
    assert len(serial) == 9  # every sixth row, less the one re-typed as 15/07/2022


def test_ambiguous_order_is_flagged_on_rows_and_in_the_report():
    r = _read("synthetic_acled_ambiguous_dates.csv")
    tagged = r.events["tags"].fillna("").str.contains(ASSUMED_TAG)
    same = r.events["event_date"].dt.day == r.events["event_date"].dt.month
    assert (tagged == ~same).all()  # 03/03 reads the same either way: not flagged
    assert any("ambiguous" in n and "event_date" in n for n in r.notes)
    # day first: 01/06/2023 is 1 June
    first = r.events.set_index("event_id_cnty").loc["MLI90001"]
    assert first["event_date"] == pd.Timestamp("2023-06-02")


def test_month_first_column_is_inferred():
    r = _read("synthetic_acled_month_first.csv")
    raw = pd.read_csv(FIX / "synthetic_acled_month_first.csv", dtype=str)
    got = r.events.set_index("event_id_cnty")["event_date"]
    for eid, text in zip(raw["event_id_cnty"], raw["event_date"], strict=True):
        m, d, y = text.split()[0].split("/")
        assert got[eid] == pd.Timestamp(int(y), int(m), int(d))
    assert not r.notes


def test_order_learnt_in_a_later_chunk_flags_the_early_rows(tmp_path):
    raw = pd.read_csv(FIX / "synthetic_acled_month_first.csv", dtype=str, keep_default_na=False)
    p = tmp_path / "late.csv"
    raw.to_csv(p, index=False)
    parts = list(acled.iter_read(p, chunk_rows=4))
    events = pd.concat([x.events for x in parts])
    assert len(events) == 12
    flagged = events["tags"].fillna("").str.contains(ASSUMED_TAG).sum()
    assert flagged >= 1
    note = parts[-1].file_notes()
    assert note and "month first" in note[0]


def test_conflicting_value_reads_the_only_valid_way():
    order = DateOrder("d")
    vals, _m, bad, tags = parse_date_column(pd.Series(["13/01/2020", "01/14/2020", "02/03/2020"]), order)
    assert order.order == "dmy" and not bad.any()
    assert str(vals[1])[:10] == "2020-01-14" and tags[1] == CONFLICT_TAG
    assert str(vals[2])[:10] == "2020-03-02"


def test_unparseable_dates_are_rejected_not_guessed():
    vals, _m, bad, _t = parse_date_column(pd.Series(["sometime", "2020-02-30", "31/31/2020", "99999", "12345678"]))
    assert bad.all() and np.isnat(vals).all()


def test_gdelt_back_file_rows_beside_daily_rows():
    r = _read("synthetic_gdelt1_daily_and_backfile.tsv")
    urls = r.events["source_url"]
    assert urls.isna().sum() == 10 and urls.notna().sum() == 20
    assert set(r.events["event_date"].dt.year) == {2013, 2015}


def test_ucdp_explorer_download():
    r = _read("synthetic_ucdp_explorer.csv")
    raw = pd.read_csv(FIX / "synthetic_ucdp_explorer.csv", dtype=str)
    e = r.events.set_index("source_id")
    assert list(e.loc["ucdp:" + raw["id"], "fatalities"]) == [float(x) for x in raw["best_est"]]
    assert e.loc["ucdp:500004", "event_date"] == pd.Timestamp("2023-05-13")
    assert e.loc["ucdp:500001", "event_date"] == pd.Timestamp("2023-02-04")  # 04/02/2023, day first like 13/05
    assert "active_year=True" in e.loc["ucdp:500001", "tags"] and "high=3" in e.loc["ucdp:500001", "tags"]
    assert e.loc["ucdp:500002", "event_type"] == "Violence against civilians"


def test_ucdp_candidate_download():
    r = _read("synthetic_ucdp_candidate.csv")
    e = r.events.set_index("source_id")
    assert e.loc["ucdp:600003", "event_date"] == pd.Timestamp("2024-04-04")
    assert "code_status=Clear" in e.loc["ucdp:600003", "tags"]


def test_ucdp_names_of_violence_and_header_variants(tmp_path):
    p = tmp_path / "explorer_variant.csv"
    p.write_text("Event ID,Type of violence,Side A,Side B,Latitude,Longitude,Date Start,Date End,Best Est,Country\n"
                 "1,One-sided violence,Government of Mali,Civilians,12.64,-8.0,2023-01-02,2023-01-02,3,Mali\n"
                 "2,State-based conflict,Government of Mali,JNIM,14.5,-4.1,2023-01-03,2023-01-03,,Mali\n")
    r = read_any(p)
    r.check()
    assert r.format == "ucdp" and r.loaded == 2
    e = r.events.set_index("source_id")
    assert e.loc["ucdp:1", "event_type"] == "Violence against civilians" and e.loc["ucdp:1", "fatalities"] == 3
    assert e.loc["ucdp:2", "event_type"] == "Battles"


def test_geojson_legacy_crs_and_mixed_dates():
    r = _read("synthetic_events_legacy_crs.geojson")
    doc = json.loads((FIX / "synthetic_events_legacy_crs.geojson").read_text())
    e = r.events  # one event per feature, in file order
    for (_, row), f in zip(e.iterrows(), doc["features"], strict=True):
        lon, lat = f["geometry"]["coordinates"]
        assert (round(row["latitude"], 3), round(row["longitude"], 3)) == (lat, lon)
    assert e["event_date"].iloc[0] == pd.Timestamp("2022-09-12")
    assert e["event_date"].iloc[1] == pd.Timestamp("2022-07-15")
    assert e["event_date"].iloc[5] == pd.Timestamp("2022-08-02")  # Excel serial 44775


def test_geojson_epsg_urn_crs(tmp_path):
    doc = {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4326"}},
           "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [-8.0, 12.64]},
                         "properties": {"date": "5-Aug-24", "type": "Protests"}}]}
    p = tmp_path / "urn.geojson"
    p.write_text(json.dumps(doc))
    r = read_any(p)
    r.check()
    assert r.loaded == 1
    assert (round(r.events["latitude"].iloc[0], 2), round(r.events["longitude"].iloc[0], 2)) == (12.64, -8.0)


def test_monadic_export_keeps_both_actors_on_every_event():
    r = _read("synthetic_acled_monadic.csv")
    raw = pd.read_csv(FIX / "synthetic_acled_monadic.csv", dtype=str, keep_default_na=False)
    e = r.events.set_index("event_id_cnty")
    for eid, grp in raw.groupby("event_id_cnty"):
        want = set(grp["actor1"])
        got = {e.loc[eid, "actor1"], e.loc[eid, "actor2"]}
        assert got == want, eid
        assert "acled_rows=2" in e.loc[eid, "tags"]
    civ = e[(e["actor1"] == "Civilians (Mali)") | (e["actor2"] == "Civilians (Mali)")]
    assert len(civ) == len(raw[raw["actor1"] == "Civilians (Mali)"]["event_id_cnty"].unique())
    both = e.loc["MLI90000"]
    assert (both["inter1"], both["inter2"], both["interaction"]) == (1, 7, 17)
    assert both["assoc_actor_1"] == "Wagner Group" and both["assoc_actor_2"] == "Women (Mali)"


def test_monadic_pair_split_across_chunks(tmp_path):
    raw = pd.read_csv(FIX / "synthetic_acled_monadic.csv", dtype=str, keep_default_na=False)
    p = tmp_path / "monadic.csv"
    raw.to_csv(p, index=False)
    parts = list(iter_read_any(p, format="acled"))
    assert sum(x.rows for x in parts) == 80
    parts = list(acled.iter_read(p, chunk_rows=7))  # odd chunks cut pairs in two
    events = pd.concat([x.events for x in parts])
    assert sum(x.rows for x in parts) == 80 and sum(x.loaded for x in parts) == 80
    assert len(events) == 40 and events["event_id_cnty"].is_unique
    assert events["actor2"].notna().all()


def test_import_report_counts_and_notes(tmp_path, capsys):
    from dashboard.cli import main

    store = tmp_path / "s.gpkg"
    code = main(["import", str(FIX / "synthetic_acled_monadic.csv"), str(FIX / "synthetic_acled_ambiguous_dates.csv"),
                 "--store", str(store), "--json"])
    assert code == 0
    rep = json.loads(capsys.readouterr().out)
    files = {Path(f["file"]).name: f for f in rep["files"]}
    mon = files["synthetic_acled_monadic.csv"]
    assert (mon["rows"], mon["loaded"], mon["rejected"], mon["events"]) == (80, 80, 0, 40)
    amb = files["synthetic_acled_ambiguous_dates.csv"]
    assert amb["notes"] and "ambiguous" in amb["notes"][0]


def test_gdelt_row_without_action_geo_takes_the_actor_geo(tmp_path):
    from dashboard.sources import gdelt

    cols = gdelt.columns(1)
    v = dict.fromkeys(cols, "")
    v.update(GLOBALEVENTID="42", SQLDATE="20150105", EventCode="190", EventRootCode="19",
             Actor1Geo_Type="4", Actor1Geo_FullName="Gao, Gao, Mali", Actor1Geo_CountryCode="ML",
             Actor1Geo_Lat="16.27", Actor1Geo_Long="-0.04", SOURCEURL="https://example.org/synthetic")
    p = tmp_path / "no_action_geo.tsv"
    p.write_text("\t".join(v[c] for c in cols) + "\n")
    r = read_any(p)
    r.check()
    assert r.loaded == 1
    e = r.events.iloc[0]
    assert (e["latitude"], e["location"], e["country_code"]) == (16.27, "Gao, Gao, Mali", "ML")
    assert "gdelt_geo=actor1" in e["tags"]


SHARED = next((p / "shared" for p in Path(__file__).resolve().parents[2:4] if (p / "shared" / "data").is_dir()), None)


@pytest.mark.slow
@pytest.mark.skipif(SHARED is None, reason="the shared data folder (../shared) is not present")
def test_real_ucdp_resaved_as_explorer_download(tmp_path):
    """The real UCDP GED Mali file re-shaped as the Data Explorer writes it (renamed death columns,
    month-first dates with a time, active_year True/False): every row loads, on the same day."""
    src = SHARED / "data" / "events" / "ucdp_ged251_mali.csv"
    raw = pd.read_csv(src, dtype=str, keep_default_na=False)
    out = raw.rename(columns={"best": "best_est", "high": "high_est", "low": "low_est"})
    for c in ("date_start", "date_end"):
        d = pd.to_datetime(raw[c].str.slice(0, 10))
        out[c] = d.dt.strftime("%m/%d/%Y 00:00:00")
    out["active_year"] = raw["active_year"].map({"1": "True", "0": "False"}).fillna(raw["active_year"])
    p = tmp_path / "explorer.csv"
    out.to_csv(p, index=False)
    want = read_any(src)
    got = read_any(p)
    got.check()
    assert got.format == "ucdp" and got.loaded == want.loaded == len(raw)
    a = want.events.set_index("source_id")["event_date"]
    b = got.events.set_index("source_id")["event_date"]
    assert (a.sort_index() == b.sort_index()).all()
    assert (want.events["fatalities"].sum() == got.events["fatalities"].sum())


@pytest.mark.slow
@pytest.mark.skipif(SHARED is None, reason="the shared data folder (../shared) is not present")
def test_real_gdelt_with_back_file_rows(tmp_path):
    """The shared GDELT sample as headless GDELT 1.0 rows, every third one a 57-field back-file row."""
    src = SHARED / "data" / "events" / "gdelt_westafrica_conflict_1991.csv"
    from dashboard.sources import gdelt
    from dashboard.sources.tabular import norm_name

    raw = pd.read_csv(src, dtype=str, keep_default_na=False)
    by = {norm_name(c): c for c in raw.columns}
    lines = []
    for i, (_, r) in enumerate(raw.iterrows()):
        cols = gdelt.columns(1, with_url=i % 3 != 0)
        lines.append("\t".join(str(r.get(by.get(norm_name(c), ""), "")) for c in cols))
    p = tmp_path / "mixed.tsv"
    p.write_text("\n".join(lines) + "\n")
    want = read_any(src)
    got = read_any(p)
    got.check()
    assert got.format == "gdelt" and got.rows == len(raw) and got.loaded == want.loaded


@pytest.mark.parametrize("name, fmt, events", [
    ("synthetic_acled_monadic.csv", "acled", 40),
    ("synthetic_ucdp_explorer.csv", "ucdp", 24),
    ("synthetic_acled_spreadsheet_dates.csv", "acled", 60),
])
def test_spreadsheet_copies_read_like_the_csv(tmp_path, name, fmt, events):
    """The same files saved as XLSX (text cells; the serial-number dates as numbers) read the same way."""
    raw = pd.read_csv(FIX / name, dtype=str, keep_default_na=False)
    for c in raw.columns:  # numbers as numbers, like a spreadsheet stores them
        num = pd.to_numeric(raw[c], errors="coerce")
        if num.notna().all():
            raw[c] = num
    p = tmp_path / (Path(name).stem + ".xlsx")
    raw.to_excel(p, index=False)
    assert detect_format(p) == fmt
    r = read_any(p)
    r.check()
    want = read_any(FIX / name)
    assert (r.rows, r.loaded, len(r.events)) == (want.rows, want.loaded, events)
    a = want.events.set_index("event_id_cnty")["event_date"].sort_index()
    b = r.events.set_index("event_id_cnty")["event_date"].sort_index()
    assert (a == b).all()


def test_monadic_rows_with_mirrored_actors(tmp_path):
    """Some monadic files repeat the other side in actor2 (A vs B, then B vs A): one event, A and B,
    each side keeping its associated actors."""
    raw = pd.read_csv(FIX / "acled_current.csv", dtype=str, keep_default_na=False).iloc[:1]
    a, b = raw.copy(), raw.copy()
    a[["actor1", "assoc_actor_1", "actor2", "assoc_actor_2"]] = ["Side A", "Helper A", "Side B", ""]
    b[["actor1", "assoc_actor_1", "actor2", "assoc_actor_2"]] = ["Side B", "Helper B", "Side A", ""]
    p = tmp_path / "mirrored.csv"
    pd.concat([a, b]).to_csv(p, index=False)
    r = read_any(p)
    r.check()
    assert (r.rows, r.loaded, len(r.events)) == (2, 2, 1)
    e = r.events.iloc[0]
    assert (e["actor1"], e["assoc_actor_1"], e["actor2"], e["assoc_actor_2"]) == ("Side A", "Helper A", "Side B",
                                                                                    "Helper B")
