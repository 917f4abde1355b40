"""`crisismap import` / `crisismap export` end to end on real GeoPackage files."""

import json
from pathlib import Path

import pandas as pd
import pyogrio

from dashboard.cli import main

FIX = Path(__file__).parent / "fixtures" / "readers"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_json_twice_and_rejects(tmp_path, capsys):
    store = tmp_path / "s.gpkg"
    bad = tmp_path / "bad.csv"
    lines = (FIX / "acled_current.csv").read_text().splitlines()
    bad.write_text("\n".join([lines[0], lines[1].replace("MLI9001", "X1").replace("2020-08-18", "someday")]) + "\n")
    code, out, _ = run(capsys, "import", FIX / "acled_current.csv", bad, "--store", store, "--json",
                       "--rejects", tmp_path / "rej.csv")
    assert code == 0
    rep = json.loads(out)
    assert (rep["rows"], rep["loaded"], rep["rejected"]) == (4, 3, 1)
    assert rep["rejects"][0]["row"] == 1 and rep["rejects"][0]["field"] == "event_date" and rep["rejects"][0]["reason"]
    assert rep["total"] == 3
    assert "someday" in (tmp_path / "rej.csv").read_text()
    code, out, _ = run(capsys, "import", FIX / "acled_current.csv", "--store", store, "--json")
    assert json.loads(out)["total"] == 3


def test_import_bad_file_exit_2_store_unchanged(tmp_path, capsys):
    store = tmp_path / "s.gpkg"
    run(capsys, "import", FIX / "acled_current.csv", "--store", store)
    junk = tmp_path / "junk.csv"
    junk.write_text("hello world\n")
    code, _, err = run(capsys, "import", FIX / "acled_old.csv", junk, "--store", store)
    assert code == 2 and "junk.csv" in err and len(err.strip().splitlines()) == 1
    code, out, _ = run(capsys, "import", FIX / "acled_current.csv", "--store", store, "--json")
    assert json.loads(out)["total"] == 3  # acled_old.csv was not half-imported


def test_export_formats_and_filters(tmp_path, capsys):
    store = tmp_path / "s.gpkg"
    run(capsys, "import", FIX / "acled_current.csv", FIX / "acled_old.csv", "--store", store)
    out = tmp_path / "kati.csv"
    code, _, err = run(capsys, "export", "--store", store, "--format", "csv", "--place", "12.7441,-8.0726",
                       "--radius-km", "5", "-o", out)
    assert code == 0
    df = pd.read_csv(out)
    assert list(df.columns[:3]) == ["event_id_cnty", "event_date", "year"]
    assert set(df["event_id_cnty"]) == {"MLI9001", "MLI1"} and set(df["event_date"]) == {"2020-08-18"}
    g = tmp_path / "b.geojson"
    assert run(capsys, "export", "--store", store, "--format", "geojson", "--type", "Battles", "-o", g)[0] == 0
    assert len(pyogrio.read_dataframe(g)) == 2
    k = tmp_path / "p.gpkg"
    assert run(capsys, "export", "--store", store, "--format", "gpkg", "--start", "2020-08-19", "--end", "2020-08-19",
               "--bbox=-9,12,-3,15", "-o", k)[0] == 0
    got = pyogrio.read_dataframe(k, layer="events")
    assert set(got["event_id_cnty"]) == {"MLI9003", "MLI3"}
    t = tmp_path / "t.csv"
    run(capsys, "export", "--store", store, "--format", "csv", "--text", "RIOT", "-o", t)
    assert list(pd.read_csv(t)["event_id_cnty"]) == ["MLI2"]
    code, _, err = run(capsys, "export", "--store", store, "--format", "csv", "--type", "Picnics", "-o", t)
    assert code == 2 and "Picnics" in err


def test_export_png(tmp_path, capsys):
    store = tmp_path / "s.gpkg"
    run(capsys, "import", FIX / "acled_current.csv", "--store", store)
    png = tmp_path / "m.png"
    code, _, err = run(capsys, "export", "--store", store, "--format", "png", "--place", "12.7441,-8.0726",
                       "--radius-km", "20", "-o", png)
    assert code == 0, err
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
