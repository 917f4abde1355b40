"""`crisismap ingest`: files -> events in a real GeoPackage store, JSON out, exit 2 on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pytest
from pyproj import Geod

from dashboard.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]
SEED = next((p / "shared" / "seeds" / "mali-kati-mutiny-2020-08-18.txt" for p in Path(__file__).resolve().parents
             if (p / "shared" / "seeds").is_dir()), Path("/nonexistent/shared/seeds/mali-kati-mutiny-2020-08-18.txt"))
ARTICLES = ROOT / "data" / "articles"
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
GEOD = Geod(ellps="WGS84")


def km(lat1, lon1, lat2, lon2) -> float:
    return GEOD.inv(lon1, lat1, lon2, lat2)[2] / 1000.0


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_seed_json_acceptance(tmp_path, capsys):
    if not SEED.exists():
        pytest.skip("shared seed article not available (../shared absent)")
    store = tmp_path / "events.gpkg"
    code, out, err = run(capsys, "ingest", str(SEED), "--json", "--store", str(store))
    assert code == 0, err
    events = json.loads(out)
    assert events and all(e["event_date"] == "2020-08-18" for e in events)
    assert any(km(e["latitude"], e["longitude"], 12.744, -8.072) <= 5 for e in events)
    assert any(km(e["latitude"], e["longitude"], 12.639, -8.003) <= 10 for e in events)
    assert any(e["sub_event_type"] == "Arrests" for e in events)
    assert any(e["event_type"] == "Protests" and e["location"] == "Bamako" for e in events)
    assert all(e["country_code"] == "ML" and e["location"] not in ("France", "ECOWAS") for e in events)
    assert any("Distance claim checked" in e["notes"] for e in events)
    assert "background reference to 2012" in err  # the reject report, on stderr
    stored = gpd.read_file(store, layer="events")
    assert len(stored) == len(events) and stored.crs.to_epsg() == 4326
    # ingesting the same report again adds nothing
    code, _, err = run(capsys, "ingest", str(SEED), "--store", str(store))
    assert code == 0 and "0 added" in err
    assert len(gpd.read_file(store, layer="events")) == len(events)


def test_sample_reports_and_html_into_one_store(tmp_path, capsys):
    store = tmp_path / "s.gpkg"
    files = [str(p) for p in sorted(ARTICLES.glob("*.txt"))] + [str(FIXTURES / "gao-attack.html")]
    code, out, err = run(capsys, "ingest", *files, "--store", str(store))
    assert code == 0, err
    for f in files:
        assert f"{f}: " in out and " event(s)" in out
    stored = gpd.read_file(store, layer="events")
    assert len(stored) >= len(files)
    assert set(stored["origin"]) == {"article"}
    assert {"Gao", "Kati", "Bamako"} <= set(stored["location"])


def test_no_store_json_has_iso_dates_and_nulls(capsys):
    code, out, _ = run(capsys, "ingest", str(FIXTURES / "gao-attack.html"), "--json", "--no-store")
    assert code == 0
    events = json.loads(out)
    assert {e["event_date"] for e in events} == {"2021-03-15", "2021-03-14"}
    assert all(e["source_date"] == "2021-03-16" for e in events)
    assert "geometry" not in events[0] and events[0]["admin2"] is None


def test_report_with_no_event_is_in_the_reject_report(tmp_path, capsys):
    f = tmp_path / "calm.txt"
    f.write_text("Title: Market day\nDate: 2020-08-18\n\nTraders in Bamako reported a quiet day.\n", encoding="utf-8")
    code, out, err = run(capsys, "ingest", str(f), "--json", "--no-store")
    assert code == 0 and json.loads(out) == []
    assert f"reject: {f}: whole report" in err and "no event words" in err


def test_date_option_supplies_a_missing_publication_date(tmp_path, capsys):
    f = tmp_path / "undated.txt"
    f.write_text("Protesters gathered in Bamako on Friday.\n", encoding="utf-8")
    code, out, err = run(capsys, "ingest", str(f), "--json", "--no-store")
    assert code == 0 and json.loads(out) == [] and "--date" in err
    code, out, _ = run(capsys, "ingest", str(f), "--json", "--no-store", "--date", "2020-06-07")
    assert code == 0 and [e["event_date"] for e in json.loads(out)] == ["2020-06-05"]


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "empty"),
    ("binary.txt", b"\x00\x01\x02\xff" * 500, "binary"),
])
def test_bad_files_exit_2_with_one_line(tmp_path, capsys, name, content, message):
    f = tmp_path / name
    f.write_bytes(content)
    store = tmp_path / "s.gpkg"
    code, out, err = run(capsys, "ingest", str(f), "--store", str(store))
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and str(f) in lines[0] and message in lines[0]
    assert not store.exists()  # nothing written


def test_missing_file_and_bad_date_exit_2(tmp_path, capsys):
    code, _, err = run(capsys, "ingest", str(tmp_path / "missing.txt"))
    assert code == 2 and "missing.txt" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "ingest", str(FIXTURES / "gao-attack.html"), "--date", "18/08/2020")
    assert code == 2 and "--date" in err


def test_latin1_and_five_megabytes(tmp_path, capsys):
    f = tmp_path / "latin1.txt"
    f.write_bytes("Title: Rassemblement\nDate: 2020-06-05\n\nThousands of protesters gathered in Bamako on "
                  "Friday, said the café owner Ibrahim Traoré.\n".encode("latin-1"))
    code, out, err = run(capsys, "ingest", str(f), "--json", "--no-store")
    assert code == 0 and "not UTF-8" in err
    assert [e["location"] for e in json.loads(out)] == ["Bamako"]
    big = tmp_path / "big.txt"
    para = "Soldiers detained officials in Bamako on Tuesday while protesters gathered in Kati. " * 8
    big.write_text("\n\n".join([para] * (5_000_000 // len(para) + 1)), encoding="utf-8")
    code, out, err = run(capsys, "ingest", str(big), "--json", "--no-store", "--date", "2020-08-18")
    assert code == 0 and "only" in err and "processed" in err
    assert {e["location"] for e in json.loads(out)} == {"Bamako", "Kati"}


def test_places_subcommand_registered_alongside_ingest():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert "ingest" in sub.choices
    if (ROOT / "dashboard" / "cli" / "places_cmd.py").exists():
        assert "places" in sub.choices


def test_lang_option_and_unsupported_language(tmp_path, capsys):
    report = tmp_path / "r.txt"
    report.write_text("Date: 2020-08-18\n\nSoldiers detained several officers in Kati on Tuesday.", encoding="utf-8")
    code, out, err = run(capsys, "ingest", str(report), "--json", "--no-store", "--lang", "en")
    assert code == 0 and json.loads(out)[0]["sub_event_type"] == "Arrests"
    code, out, err = run(capsys, "ingest", str(report), "--no-store", "--lang", "klingon")
    assert code == 2 and "--lang" in err and "Traceback" not in err
    es = tmp_path / "es.txt"
    es.write_text("Date: 2020-08-18\n\nLos soldados detuvieron a varios oficiales en Kati el martes por la "
                  "mañana, según la prensa.", encoding="utf-8")
    code, out, err = run(capsys, "ingest", str(es), "--json", "--no-store")
    assert code == 0 and json.loads(out) == []
    assert "reject" in err and "Spanish" in err   # never read with English rules, and said so
