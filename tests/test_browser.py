"""The real page in Debian chromium (python playwright), started by the README command `crisismap run`.

Checks: demo markers on the map, no failed request and none off the machine, drawing a rectangle
around Bamako narrows the count, timeline bars, a screenshot, and XSS payloads in notes stay text.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
ARTIFACTS = ROOT / "tests" / "artifacts"
XSS_NOTES = "XSS probe <img src=x onerror=alert(1)> and <script>alert(1)</script> end"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

if not Path(CHROMIUM).exists():
    pytest.skip("Debian chromium is not installed (/usr/bin/chromium)", allow_module_level=True)
from playwright import sync_api as playwright_api  # noqa: E402  (a test dependency: fail, never skip)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def crisismap() -> list[str]:
    exe = Path(sys.executable).parent / "crisismap"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "dashboard"]


class Server:
    """The page as a user starts it: `make run PORT=N` (or `crisismap run --store PATH`), in its own process group."""

    def __init__(self, store: Path | None = None):
        from dashboard.views import assets

        if assets.missing():
            pytest.fail("the map's local JS/CSS are not installed: run `make assets`")
        self.port = free_port()
        if store is None and shutil.which("make") and (ROOT / "Makefile").is_file():
            cmd = ["make", "-s", "run", f"PORT={self.port}"]  # exactly the README's run command
        else:
            cmd = crisismap() + ["run", "--port", str(self.port)]
            if store is not None:
                cmd += ["--store", str(store)]
        self.log = tempfile.NamedTemporaryFile("w+", prefix="crisismap-run-", suffix=".log", delete=False)  # noqa: SIM115
        env = {k: v for k, v in os.environ.items() if k not in ("CRISISMAP_STORE",)}
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT, env=env,
                                     start_new_session=True)
        self.url = f"http://127.0.0.1:{self.port}/"
        deadline = time.time() + 240  # the first run builds the demo store and the gazetteer cache
        while time.time() < deadline:
            if self.proc.poll() is not None:
                self.log.seek(0)
                raise RuntimeError(f"crisismap run exited with {self.proc.returncode}: {self.log.read()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url + "_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError("crisismap run did not start in time")

    def stop(self) -> None:
        if self.proc.poll() is None:  # make -> streamlit: stop the whole process group
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


@pytest.fixture(scope="module")
def browser():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


class Recorder:
    def __init__(self, page):
        self.requests: list[str] = []
        self.failed: list[tuple[str, str]] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("requestfailed", lambda r: self.failed.append((r.url, str(r.failure))))
        page.on("response", lambda r: self.failed.append((r.url, str(r.status))) if r.status >= 400 else None)
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _dialog(self, d):
        self.dialogs.append(d.message)
        d.dismiss()

    def off_machine(self) -> list[str]:
        out = []
        for u in self.requests:
            if u.startswith(("data:", "blob:", "about:")):
                continue
            host = re.sub(r"^[a-z]+://", "", u).split("/")[0].rsplit(":", 1)[0].strip("[]")
            if host not in LOCAL_HOSTS:
                out.append(u)
        return out


def map_frame(page, timeout: float = 90.0):
    """The streamlit-folium iframe once its event markers are drawn."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for f in page.frames:
            try:
                if f.evaluate("() => !!(window.map && !window.__cmOld"
                              " && document.querySelector('.cm-event, .cm-cluster, .cm-cell'))"):
                    return f
            except Exception:  # noqa: BLE001 - frames come and go while Streamlit renders
                pass
        time.sleep(0.5)
    raise AssertionError("the map never showed event markers")


def event_count(page) -> int:
    h = page.locator("h3", has_text=re.compile(r"^[\d,]+ events")).first
    h.wait_for(timeout=60_000)
    return int(re.match(r"([\d,]+) events", h.inner_text()).group(1).replace(",", ""))


def wait_count_change(page, before: int, timeout: float = 60.0) -> int:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            n = event_count(page)
        except Exception:  # noqa: BLE001 - the header is re-rendered
            n = before
        if n != before:
            return n
        time.sleep(0.5)
    return before


def page_point(page, frame, lat: float, lon: float) -> tuple[float, float]:
    """Page pixel coordinates of (lat, lon) on the Leaflet map inside the component iframe."""
    p = frame.evaluate("([lat, lon]) => { const r = map.getContainer().getBoundingClientRect();"
                       " const q = map.latLngToContainerPoint([lat, lon]); return [r.left + q.x, r.top + q.y]; }",
                       [lat, lon])
    box = frame.frame_element().bounding_box()
    return box["x"] + p[0], box["y"] + p[1]


@pytest.fixture(scope="module")
def demo_server():
    s = Server()
    yield s
    s.stop()


def test_demo_page_offline_map_draw_timeline(browser, demo_server):
    page = browser.new_page(viewport={"width": 1400, "height": 1700})
    rec = Recorder(page)
    page.goto(demo_server.url)
    frame = map_frame(page)
    page.wait_for_timeout(1500)
    # the demo markers: single events and same-spot groups, coloured by type, at Bamako and Kati
    n_markers = frame.locator(".cm-event").count()
    n_groups = frame.locator(".cm-cluster").count()
    assert n_markers + n_groups >= 10
    visible = frame.evaluate("""() => { let n = 0; map.eachLayer(l => { if (l.getAllChildMarkers) return;
        if (l instanceof L.CircleMarker && !(l instanceof L.Circle) && l.cmId) n++; }); return n; }""")
    assert visible >= 1
    near = frame.evaluate("""([pts]) => pts.map(([lat, lon]) => { let best = 1e9;
        const p = map.latLngToContainerPoint([lat, lon]);
        document.querySelectorAll('.cm-event, .cm-cluster').forEach(el => { const r = el.getBoundingClientRect();
          const c = map.getContainer().getBoundingClientRect();
          const d = Math.hypot(r.left + r.width / 2 - c.left - p.x, r.top + r.height / 2 - c.top - p.y);
          best = Math.min(best, d); }); return best; })""", [[[12.6392, -8.0029], [12.7441, -8.0726]]])
    assert near[0] < 30 and near[1] < 30, f"no marker near Bamako / Kati: {near}"
    before = event_count(page)
    assert before > 0
    # the timeline shows coloured bars
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.scroll_into_view_if_needed()
    shot = ARTIFACTS / "timeline.png"
    chart.screenshot(path=str(shot))
    assert coloured_pixels(shot) > 200, "the timeline has no bars"
    screenshot = ARTIFACTS / "dashboard.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert coloured_pixels(screenshot) > 500
    # brushing the timeline sets the date filter
    box = chart.bounding_box()
    y = box["y"] + 60
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.8, y, steps=10)
    page.mouse.up()
    brushed = wait_count_change(page, before)
    assert 0 < brushed < before, (before, brushed)
    dates = page.locator("[data-testid='stDateInput'] input").first.input_value()
    assert dates and not dates.startswith("2020/06/01"), dates
    # draw a rectangle around Bamako with the Draw control (mouse events)
    frame.locator(".leaflet-draw-draw-rectangle").click()
    x0, y0 = page_point(page, frame, 13.05, -8.55)
    x1, y1 = page_point(page, frame, 12.25, -7.45)
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, steps=5)
    page.mouse.move(x1, y1, steps=5)
    page.mouse.up()
    before = brushed
    after = wait_count_change(page, before)
    assert 0 < after < before, (before, after)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / "dashboard-drawn.png"), full_page=True)
    # clearing the drawing with the Draw control's trash -> "Clear all" clears the filter
    frame.locator(".leaflet-draw-edit-remove").click()
    frame.locator(".leaflet-draw-actions a", has_text="Clear All").click()
    assert wait_count_change(page, after) == before
    # "visible map area only": zooming in on Bamako narrows the set (the map re-mounts to report bounds)
    frame.evaluate("() => { window.__cmOld = true; }")
    page.get_by_text("Visible map area only").click()
    frame = map_frame(page)  # the new map
    page.wait_for_timeout(2000)  # it reports its bounds once (debounced), then the count settles
    settled = event_count(page)
    frame.evaluate("() => map.setView([12.64, -8.0], 10)")
    zoomed = wait_count_change(page, settled)
    assert 0 < zoomed < settled, (settled, zoomed)
    # nothing failed, nothing left the machine
    assert not rec.failed, rec.failed
    assert not rec.off_machine(), rec.off_machine()
    assert not rec.dialogs
    assert rec.requests
    page.close()


def coloured_pixels(png: Path) -> int:
    """Pixels close to one of the event-type colours."""
    from PIL import Image

    from dashboard.events.schema import TYPE_COLORS

    img = np.asarray(Image.open(png).convert("RGB")).astype(int)
    hits = 0
    for c in TYPE_COLORS.values():
        rgb = np.array([int(c[i:i + 2], 16) for i in (1, 3, 5)])
        hits += int((np.abs(img - rgb).sum(axis=2) < 40).sum())
    return hits


@pytest.fixture(scope="module")
def xss_store(tmp_path_factory):
    from dashboard.events.schema import to_events
    from dashboard.events.store import EventStore

    path = tmp_path_factory.mktemp("xss") / "synthetic-xss.gpkg"
    rows = pd.DataFrame({
        "event_id_cnty": ["SYNXSS1", "SYNXSS2"], "event_date": ["2020-08-18", "2020-08-19"],
        "event_type": ["Protests", "Riots"], "sub_event_type": ["Peaceful protest", "Mob violence"],
        "actor1": ["<b onmouseover=alert(2)>Protesters</b>", "Rioters"], "country": "Mali",
        "admin1": ["Bamako", "Bamako"], "location": ["Bamako <svg onload=alert(3)>", "Kati"],
        "latitude": [12.6392, 12.7441], "longitude": [-8.0029, -8.0726], "geo_precision": [1, 2],
        "notes": [XSS_NOTES, "second SYNTHETIC event"], "evidence": [XSS_NOTES, "<script>alert(4)</script>"],
        "fatalities": [0, 1], "origin": "synthetic", "source": "SYNTHETIC test data",
        "source_url": ["javascript:alert(5)", "https://example.org/?q=<script>"], "place_score": np.nan,
    })
    EventStore(path).append(to_events(rows))
    return path


def test_xss_payloads_stay_text(browser, xss_store):
    server = Server(store=xss_store)
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1400})
        rec = Recorder(page)
        page.goto(server.url)
        frame = map_frame(page)
        assert event_count(page) == 2
        # open every popup on the map
        frame.evaluate("() => map.eachLayer(l => { if (l.cmId && l.openPopup) { l.openPopup(); } })")
        frame.evaluate("() => map.eachLayer(l => { if (l.cmId === 'SYNXSS1') l.openPopup(); })")
        page.wait_for_timeout(800)
        popup = frame.locator(".leaflet-popup-content").first
        popup.wait_for(timeout=10_000)
        text = popup.inner_text()
        assert "<img src=x onerror=alert(1)>" in text and "<script>alert(1)</script>" in text
        assert "SYNTHETIC" in text
        # no element was made from the payloads, in the map frame or in the page
        for f in [page.main_frame, frame]:
            assert f.locator("img[src='x'], svg[onload], b[onmouseover]").count() == 0
        assert frame.locator(".leaflet-popup-content a[href^='javascript']").count() == 0
        # the page says the data is synthetic
        assert page.get_by_text("SYNTHETIC", exact=False).count() > 0
        page.wait_for_timeout(1500)
        page.screenshot(path=str(ARTIFACTS / "xss.png"), full_page=True)
        assert not rec.dialogs, rec.dialogs
        assert not rec.off_machine(), rec.off_machine()
        assert not rec.failed, rec.failed
        page.close()
    finally:
        server.stop()
