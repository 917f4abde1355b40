"""`crisismap geocode`, `crisismap distance`, `crisismap gazetteer add` (in-process and one real subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.places import cache as gz_cache
from dashboard.places import gazetteer as gz
from dashboard.places.distance import geodesic_km

FIXTURES = Path(__file__).parent / "fixtures" / "geonames"
JSON_KEYS = {"name", "lat", "lon", "country_code", "admin1", "geonameid", "score", "feature_class", "feature_code",
             "population", "precision", "runner_up", "source"}


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    # the index cache is shared with the rest of the suite (keyed by data version); user dumps stay out
    values = {"CRISISMAP_CACHE_DIR": str(gz.cache_dir()),
              "CRISISMAP_DATA_DIR": str(tmp_path_factory.getbasetemp() / "crisismap-data")}
    for k, v in values.items():
        mp.setenv(k, v)
    mp.delenv("CRISISMAP_ONLINE", raising=False)
    gz.get_gazetteer.cache_clear()
    gz.get_gazetteer()
    yield values
    gz.get_gazetteer.cache_clear()
    mp.undo()


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_geocode_kati_json(env, capsys):
    code, out, _ = run(capsys, "geocode", "Kati", "--country", "ML", "--json")
    assert code == 0
    rec = json.loads(out)
    assert JSON_KEYS <= set(rec)
    assert geodesic_km(rec["lat"], rec["lon"], 12.744, -8.072) <= 3
    assert rec["admin1"] == "Koulikoro" and rec["country_code"] == "ML" and rec["precision"] == 1


def test_geocode_bamako_json(env, capsys):
    code, out, _ = run(capsys, "geocode", "Bamako", "--json")
    rec = json.loads(out)
    assert code == 0 and geodesic_km(rec["lat"], rec["lon"], 12.639, -8.003) <= 5


def test_geocode_plain_text(env, capsys):
    code, out, _ = run(capsys, "geocode", "Ménaka")
    assert code == 0 and out.startswith("Ménaka") and "15.9" in out


def test_distance_kati_koulouba(env, capsys):
    code, out, _ = run(capsys, "distance", "Kati", "Koulouba", "--json")
    rec = json.loads(out)
    # true distance between Kati (GeoNames 12.74409 N 8.07257 W) and the Koulouba palace (12.67028 N 8.01333 W)
    true_km = geodesic_km(12.74409, -8.07257, 12.67028, -8.01333)
    assert code == 0 and abs(rec["km"] - true_km) <= 3
    assert rec["a"]["name"] == "Kati" and rec["b"]["name"] == "Koulouba"
    code, out, _ = run(capsys, "distance", "Kati", "Koulouba")
    assert code == 0 and out.split()[1] == "km" and abs(float(out.split()[0]) - true_km) <= 3


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["geocode", ""], "empty place name"),
        (["geocode", "   "], "empty place name"),
        (["geocode", "Kati", "--country", "XX"], "unknown country code 'XX'"),
        (["geocode", "Bamakko"], "did you mean: Bamako"),
        (["geocode", "Kati", "--country", "FR"], "place not found: 'Kati' in FR"),
        (["distance", "Kati", "Qwzzxkv"], "place not found: 'Qwzzxkv'"),
    ],
)
def test_bad_input_exits_2_with_one_line(env, capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err


def test_console_script_subprocess(env):
    exe = Path(sys.executable).with_name("crisismap")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "dashboard"]
    proc = subprocess.run([*cmd, "geocode", "Kati", "--country", "ML", "--json"], capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["admin1"] == "Koulikoro"
    bad = subprocess.run([*cmd, "geocode", ""], capture_output=True, text=True, env={**os.environ, **env}, timeout=300)
    assert bad.returncode == 2 and bad.stderr.strip().startswith("crisismap geocode:")


def test_gazetteer_add(env, tmp_path, monkeypatch, capsys):
    # the session's cache dir (its index without user dumps is already built), a fresh user data dir
    monkeypatch.setenv("CRISISMAP_DATA_DIR", str(tmp_path / "data"))
    gz.get_gazetteer.cache_clear()
    gz.load_or_build()  # the base index, from the cache when an earlier test built it
    # adding a dump re-packs the cached base index with the new rows: no full rebuild
    monkeypatch.setattr(gz_cache, "build_gazetteer", lambda *a, **k: pytest.fail("adding a dump must not rebuild"))
    try:
        code, _, err = run(capsys, "gazetteer", "add", str(FIXTURES / "ML-bad-latitude.txt"))
        assert code == 2 and "line 1: field latitude" in err
        code, out, _ = run(capsys, "gazetteer", "add", str(FIXTURES / "ML-sample.txt"))
        assert code == 0 and "added 3 rows" in out
        code, out, _ = run(capsys, "geocode", "Test Koro", "--json")
        rec = json.loads(out)
        assert code == 0 and rec["name"] == "Testabougou-Koro" and rec["geonameid"] == 9100000001
        assert rec["admin1"] == "Koulikoro" and rec["source"].startswith("user-added GeoNames dump")
        code, out, _ = run(capsys, "geocode", "Ouelessebougou Test Camp", "--json")
        assert json.loads(out)["precision"] == 2  # a camp (class S) is a feature, not a town
        # the added file survives: a fresh process-wide instance still knows the place
        gz.get_gazetteer.cache_clear()
        assert gz.get_gazetteer().candidates("Testabougou-Koro")[0].geonameid == 9100000001
    finally:
        gz.get_gazetteer.cache_clear()
