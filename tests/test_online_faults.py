"""Online parts fail fast and once: `ingest URL` and online geocoding, against local servers only
(127.0.0.1; these tests never reach the internet)."""

from __future__ import annotations

import http.server
import json
import logging
import socket
import threading
from pathlib import Path

import pytest

from dashboard.cli import main

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "tests" / "fixtures" / "articles" / "gao-attack.html"


class _Handler(http.server.BaseHTTPRequestHandler):
    pages: dict[str, tuple[int, str, bytes]] = {}

    def do_GET(self):  # noqa: N802 - http.server's name
        status, ctype, body = self.pages.get(self.path, (404, "text/plain", b"not here"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture()
def web():
    _Handler.pages = {
        "/report.html": (200, "text/html; charset=utf-8", ARTICLE.read_bytes()),
        "/big.html": (200, "text/html", b"<p>" + b"x" * 200_000 + b"</p>"),
        "/picture.png": (200, "image/png", b"\x89PNG\r\n"),
    }
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


class Hanging:
    """A TCP server on 127.0.0.1 that accepts connections and never answers; counts them."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(50)
        self.port = self.sock.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self._stop = False
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        while not self._stop:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            self.accepted.append(c)

    def close(self):
        self._stop = True
        for c in self.accepted:
            c.close()
        self.sock.close()


@pytest.fixture()
def hanging():
    h = Hanging()
    yield h
    h.close()


def test_ingest_url_is_fetched(web, tmp_path, capsys):
    code = main(["ingest", f"{web}/report.html", "--no-store", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    events = json.loads(out)
    assert events and all(e["source_url"] for e in events)


@pytest.mark.parametrize("path, cause", [
    ("/missing.html", "HTTP 404"),
    ("/picture.png", "not a text or HTML page"),
])
def test_ingest_url_refused_in_one_line(web, path, cause, capsys):
    url = f"{web}{path}"
    assert main(["ingest", url, "--no-store"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and url in err[0] and cause in err[0] and "no such file" not in err[0]


def test_ingest_url_size_cap(web, capsys, monkeypatch):
    from dashboard.sources import article

    monkeypatch.setattr(article, "URL_MAX_BYTES", 100_000)
    assert main(["ingest", f"{web}/big.html", "--no-store"]) == 2
    assert "larger than" in capsys.readouterr().err


def test_ingest_url_offline_and_other_schemes(capsys):
    free = socket.socket()
    free.bind(("127.0.0.1", 0))
    port = free.getsockname()[1]
    free.close()  # nothing listens there now: like being offline
    for url, cause in ((f"http://127.0.0.1:{port}/x.html", "cannot connect"),
                       ("ftp://example.invalid/report.txt", "only http:// and https://"),
                       ("file:///etc/hostname", "only http:// and https://")):
        assert main(["ingest", url, "--no-store"]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and url in err[0] and cause in err[0], err


def test_ingest_url_that_hangs_times_out(hanging, capsys, monkeypatch):
    from dashboard.sources import article

    monkeypatch.setattr(article, "URL_TIMEOUT_S", 1.0)
    url = f"http://127.0.0.1:{hanging.port}/slow.html"
    assert main(["ingest", url, "--no-store"]) == 2
    err = capsys.readouterr().err
    assert "no answer within 1 s" in err and len(hanging.accepted) == 1


def test_online_geocoder_one_attempt_then_gives_up(hanging, caplog):
    from dashboard.places.geocoder import OfflineGeocoder
    from dashboard.places.online import MAX_FAILURES

    g = OfflineGeocoder(online=f"http://127.0.0.1:{hanging.port}", timeout=1, min_delay_seconds=0)
    with caplog.at_level(logging.WARNING):
        answers = [g.geocode(q, country_codes="ML") for q in ("Kati", "Gao", "Mopti", "Segou", "Kayes", "Sikasso")]
    assert all(a is not None for a in answers)  # the offline answers
    assert len(hanging.accepted) == MAX_FAILURES  # one connection per query, none after the third failure
    gave_up = [r for r in caplog.records if "not asking it again" in r.getMessage()]
    assert len(gave_up) == 1


def test_online_geocoder_answers_from_a_local_nominatim(web):
    from dashboard.places.geocoder import OfflineGeocoder

    body = json.dumps([{"place_id": 1, "lat": "12.7441", "lon": "-8.0726", "display_name": "Kati, Koulikoro, Mali",
                        "importance": 0.5}]).encode()
    _Handler.pages["/search?q=Kati+test&format=json&limit=1"] = (200, "application/json", body)
    _Handler.pages["/search?q=Kati+test&format=json&limit=1&countrycodes=ml"] = (200, "application/json", body)
    g = OfflineGeocoder(online=web, timeout=2, min_delay_seconds=0)
    loc = g.geocode("Kati test")
    assert loc is not None and loc.address == "Kati, Koulikoro, Mali"
