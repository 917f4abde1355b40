"""`crisismap places`: the JSONL geoparsing contract, end to end through a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

TEXT = "Armed men detained officials in Bamako, while soldiers in Kati cheered. Malian troops left Gao."


def run_places(stdin: bytes | str, *args: str) -> subprocess.CompletedProcess:
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    return subprocess.run([sys.executable, "-m", "dashboard", "places", *args], input=data,
                          capture_output=True, timeout=300)


def test_end_to_end_output_follows_the_contract():
    lines = [json.dumps({"id": "doc-1", "text": TEXT, "date": "2020-08-18"}), json.dumps({"id": 2, "text": ""})]
    proc = run_places("\n".join(lines) + "\n", "--jsonl")
    assert proc.returncode == 0, proc.stderr.decode()
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == ["doc-1", 2]
    assert out[1]["places"] == []
    places = out[0]["places"]
    names = {p["name"] for p in places}
    assert {"Bamako", "Kati", "Malian", "Gao"} <= names
    for p in places:
        assert set(p) >= {"start", "end", "name", "lat", "lon", "geonameid", "country_code", "score"}
        assert TEXT[p["start"]:p["end"]] == p["name"]
        assert p["country_code"] == "ML"
        assert -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180
        assert 0 <= p["score"] <= 1


def test_spans_mode_resolves_exactly_the_given_spans():
    spans = [{"start": TEXT.index("Bamako"), "end": TEXT.index("Bamako") + 6, "name": "Bamako"},
             {"start": 0, "end": 5, "name": "Armed"},  # no place: the article's focus town, approximately
             {"start": TEXT.index("Malian"), "end": TEXT.index("Malian") + 6, "name": "Malian"}]
    proc = run_places(json.dumps({"id": "s", "text": TEXT, "spans": spans}) + "\n")
    assert proc.returncode == 0, proc.stderr.decode()
    (rec,) = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    got = rec["places"]
    assert [(p["start"], p["end"]) for p in got] == [(s["start"], s["end"]) for s in spans]
    assert got[0]["country_code"] == "ML" and got[0]["lat"] is not None
    assert got[1]["precision"] == 2 and got[1]["score"] <= 0.2 and got[1]["country_code"] == "ML"
    assert got[2]["country_code"] == "ML"


def test_spans_mode_gives_null_coordinates_when_nothing_is_known():
    text = "Nobody had heard of Xqzzyville before."
    proc = run_places(json.dumps({"id": 1, "text": text, "spans": [{"start": 20, "end": 30}]}) + "\n")
    (p,) = json.loads(proc.stdout)["places"]
    assert p["lat"] is None and p["lon"] is None and p["geonameid"] is None


def test_landmarks_only_on_request():
    text = "Gunfire was heard near the presidential palace in Bamako."
    plain = json.loads(run_places(json.dumps({"id": 1, "text": text}) + "\n").stdout)
    marks = json.loads(run_places(json.dumps({"id": 1, "text": text}) + "\n", "--landmarks").stdout)
    assert all(p["kind"] != "landmark" for p in plain["places"])
    palace = [p for p in marks["places"] if p["kind"] == "landmark"]
    assert palace and palace[0]["country_code"] == "ML" and palace[0]["precision"] in (1, 2)


@pytest.mark.parametrize(
    "stdin, expected",
    [
        ("{not json\n", "line 1: not JSON"),
        ('{"id": 1}\n', "line 1: field text"),
        ('[1, 2]\n', "line 1: expected a JSON object"),
        ('{"id": 1, "text": "x", "spans": [{"start": "a"}]}\n', "line 1: field spans"),
        (b'{"id": 1, "text": "ok"}\n{"id": 2, "text": "caf\xe9"}\n', "line 2: not UTF-8"),
    ],
)
def test_bad_input_raises_a_usage_error_naming_the_line(stdin, expected):
    import io

    from dashboard.cli import UsageError
    from dashboard.cli.places_cmd import run_places as run

    lines = io.BytesIO(stdin if isinstance(stdin, bytes) else stdin.encode())
    with pytest.raises(UsageError, match=expected):
        run(lines, io.StringIO())


def test_bad_input_exits_2_with_one_line_on_stderr():
    proc = run_places(b'{"id": 1, "text": "Gao"}\n{"id": 2, "text": "caf\xe9 in Latin-1"}\n')
    assert proc.returncode == 2
    err = proc.stderr.decode().strip()
    assert "stdin: line 2: not UTF-8" in err and len(err.splitlines()) == 1
    assert json.loads(proc.stdout.decode().splitlines()[0])["id"] == 1  # the good line before was written


def test_empty_input_gives_empty_output():
    proc = run_places("")
    assert proc.returncode == 0 and proc.stdout == b""


def test_run_places_in_process_with_a_country_hint():
    import io

    from dashboard.cli.places_cmd import run_places as run

    out = io.StringIO()
    assert run(io.StringIO(json.dumps({"id": 1, "text": "Shots were fired in Kati."}) + "\n"), out,
               country_hint="ML") == 0
    (p,) = json.loads(out.getvalue())["places"]
    assert p["name"] == "Kati" and p["country_code"] == "ML"
