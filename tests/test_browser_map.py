"""The map a reader uses, in Debian chromium (python playwright), on the real page (`crisismap run`).

One SYNTHETIC store (3,000 events over Mali, enough that the opening view counts them per area)
drives: single markers after zooming in, "visible map area only" keeping the view and counting
exactly what is in it, a table row click centring the map, the time player stepping, hover
tooltips, source links (http only), a free radius from a shared link and "did you mean". The demo
store gives the screenshots at zoom 5, 8 and 11 over Mali (tests/artifacts/). The standalone
HTML export keeps its rings whole after a pan.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd
import pytest
import test_browser
from test_browser import ARTIFACTS, Recorder, Server, event_count, map_frame, wait_count_change

browser = test_browser.browser  # the same module-scoped chromium fixture

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HUBS = {"Bamako": (12.6392, -8.0029), "Kati": (12.7441, -8.0726), "Ségou": (13.4317, -6.2157),
        "Mopti": (14.4843, -4.1827), "Gao": (16.2666, -0.0400), "Tombouctou": (16.7735, -3.0074)}
LINK_PATH = "/synthetic-source?a=1&b=<2>"


def synthetic_frame(link_url: str, n: int = 3000, seed: int = 11) -> pd.DataFrame:
    from dashboard.events.schema import EVENT_TYPES

    rng = np.random.default_rng(seed)
    names = list(HUBS)
    h = rng.integers(0, len(names), n)
    hub = np.array([HUBS[names[i]] for i in h])
    types = list(EVENT_TYPES)
    t = rng.integers(0, len(types), n)
    df = pd.DataFrame({
        "event_id_cnty": [f"SYNMAP{i}" for i in range(n)],
        "event_date": pd.Timestamp("2020-06-01") + pd.to_timedelta(rng.integers(0, 61, n), unit="D"),
        "event_type": [types[i] for i in t], "sub_event_type": [EVENT_TYPES[types[i]][0] for i in t],
        "actor1": "SYNTHETIC actor", "country": "Mali", "admin1": "Synthetic region",
        "location": [names[i] for i in h],
        "latitude": (hub[:, 0] + rng.normal(0, 0.25, n)).round(4), "longitude": (hub[:, 1] + rng.normal(0, 0.25, n)).round(4),
        "geo_precision": 1, "fatalities": 0, "notes": "SYNTHETIC browser-test event", "origin": "synthetic",
        "source": "SYNTHETIC test data", "source_url": None, "place_score": np.nan,
    })
    special = pd.DataFrame({
        "event_id_cnty": ["SYNLINK", "SYNJS", "SYNNEWEST"],
        "event_date": pd.to_datetime(["2020-07-01", "2020-07-02", "2020-08-15"]),
        "event_type": ["Protests", "Riots", "Battles"],
        "sub_event_type": ["Peaceful protest", "Mob violence", "Armed clash"],
        "actor1": "SYNTHETIC actor", "country": "Mali", "admin1": "Synthetic region",
        "location": ["Link town", "Script town", "Newest town"],
        "latitude": [15.30, 15.60, 17.90], "longitude": [-9.50, -9.50, 1.50],
        "geo_precision": 1, "fatalities": 0, "notes": "SYNTHETIC browser-test event", "origin": "synthetic",
        "source": "SYNTHETIC outlet", "source_url": [link_url, "javascript:alert(5)", None], "place_score": np.nan,
    })
    return pd.concat([df, special], ignore_index=True)


@pytest.fixture(scope="module")
def source_site():
    """A local web page standing in for a report's source (the link must open it, on this machine)."""
    import http.server
    import threading

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            body = b"<html><body><h1>SYNTHETIC source page</h1></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def store(tmp_path_factory, source_site):
    from dashboard.events.schema import to_events
    from dashboard.events.store import EventStore

    path = tmp_path_factory.mktemp("mapux") / "synthetic-map.gpkg"
    EventStore(path).append(to_events(synthetic_frame(source_site + LINK_PATH)))
    return path


@pytest.fixture(scope="module")
def events(store):
    from dashboard.events.store import EventStore

    return EventStore(store).read()


@pytest.fixture(scope="module")
def server(store):
    s = Server(store=store)
    yield s
    s.stop()


def open_page(browser, url: str, height: int = 1500):
    page = browser.new_page(viewport={"width": 1400, "height": height})
    rec = Recorder(page)
    page.goto(url)
    return page, rec, map_frame(page)


def wait_js(frame, expr: str, arg=None, timeout: float = 20.0):
    """Poll a JS predicate in the map frame (no fixed sleeps)."""
    frame.wait_for_function(expr, arg=arg, timeout=timeout * 1000)


def test_single_markers_after_zooming_into_10_km(browser, server):
    page, rec, frame = open_page(browser, server.url)
    # the opening view (all of Mali) counts the events per area: badges, no single markers
    wait_js(frame, "() => document.querySelectorAll('.cm-cell').length > 0")
    assert frame.locator(".cm-event").count() == 0
    # zoom into about 10 km across (the time it takes is bench/dashboard.py --browser's figure, not a test's)
    frame.evaluate("() => map.setView([12.6392, -8.0029], 14, {animate: false})")
    wait_js(frame, "() => document.querySelectorAll('.cm-event').length > 0")
    assert frame.locator(".cm-cell").count() == 0
    # every event in view is drawn: markers + same-point badge counts == events inside the bounds
    drawn, in_view = frame.evaluate("""() => { let n = 0; map.eachLayer(l => { if (l.cmIndex !== undefined) n++;
        if (l.cmIds) n += l.cmIds.length; }); return [n, window.cmCloud.inView]; }""")
    assert drawn == in_view > 0
    assert not rec.errors, rec.errors
    page.close()


def test_visible_area_keeps_the_view_and_counts_what_is_in_it(browser, server, events):
    from dashboard.filters import apply_filters
    from dashboard.views import controls

    page, rec, frame = open_page(browser, server.url)
    total = event_count(page)
    frame.evaluate("() => map.setView([12.9, -7.6], 9, {animate: false})")
    page.wait_for_timeout(500)  # let the view be stored (moveend) before the page re-mounts the map
    frame.evaluate("() => { window.__cmOld = true; }")
    page.get_by_text("Visible map area only").click()
    frame = map_frame(page)
    center, zoom = frame.evaluate("() => [[map.getCenter().lat, map.getCenter().lng], map.getZoom()]")
    assert zoom == 9 and abs(center[0] - 12.9) < 0.01 and abs(center[1] + 7.6) < 0.01, (center, zoom)
    shown = wait_count_change(page, total)
    b = frame.evaluate("() => { const b = map.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }")
    state = controls.state_from_widgets({"f_dates": (dt.date(2020, 5, 18), dt.date(2020, 8, 15))})
    expected = apply_filters(events, state.replace(visible_only=True, bbox=tuple(b)))
    assert shown == len(expected) < total, (shown, len(expected), total)
    # the map still shows the same view, and its own count of events in view agrees
    assert frame.evaluate("() => map.getZoom()") == 9
    wait_js(frame, "(n) => window.cmCloud && window.cmCloud.inView === n", len(expected))
    page.screenshot(path=str(ARTIFACTS / "visible-area.png"))
    assert not rec.errors, rec.errors
    page.close()


def test_table_row_click_centres_the_map_on_the_event(browser, server):
    page, rec, frame = open_page(browser, server.url, height=1900)
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # glide-data-grid: the selection box is the first column; row 1 (newest first) is SYNNEWEST
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)
    wait_js(frame, "() => Math.abs(map.getCenter().lat - 17.9) < 0.02 && Math.abs(map.getCenter().lng - 1.5) < 0.02",
            timeout=60)
    assert frame.evaluate("() => map.getZoom()") >= 10
    wait_js(frame, "() => !!document.querySelector('.leaflet-popup-content')")
    assert "Newest town" in frame.locator(".leaflet-popup-content").first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "row-click.png"))
    page.close()


def test_time_player_steps_through_the_range(browser, server, events):
    page, rec, frame = open_page(browser, server.url)
    frame.locator(".cm-window").select_option("week")
    frame.locator(".cm-step").click()
    label = frame.locator(".cm-player-label")
    dates = pd.to_datetime(events["event_date"])
    first = dates.min().normalize()

    def week_count(k: int) -> int:
        a = first + pd.Timedelta(days=7 * k)
        return int(((dates >= a) & (dates < a + pd.Timedelta(days=7))).sum())

    assert label.inner_text().startswith(f"{first:%Y-%m-%d} – {first + pd.Timedelta(days=6):%Y-%m-%d}")
    assert frame.evaluate("() => window.cmCloud.inTime") == week_count(0)
    assert f"{week_count(0):,} events" in label.inner_text()
    frame.locator(".cm-step").click()
    assert frame.evaluate("() => window.cmCloud.inTime") == week_count(1)
    assert label.inner_text().startswith(f"{first + pd.Timedelta(days=7):%Y-%m-%d}")
    # month windows, then play: the label moves on by itself
    frame.locator(".cm-window").select_option("month")
    assert label.inner_text().startswith("2020-06-01 – 2020-06-30")
    frame.locator(".cm-speed").select_option("4")
    frame.locator(".cm-play").click()
    wait_js(frame, "() => document.querySelector('.cm-player-label').textContent.startsWith('2020-07-01')", timeout=10)
    frame.locator(".cm-play").click()  # pause
    frame.locator(".cm-all").click()
    assert frame.evaluate("() => window.cmCloud.inTime") == len(events)
    page.close()


def test_hover_tooltip_and_source_links_http_only(browser, server, source_site):
    page, rec, frame = open_page(browser, server.url)
    frame.evaluate("() => map.setView([15.45, -9.5], 9, {animate: false})")
    wait_js(frame, "() => document.querySelectorAll('.cm-event').length >= 2")
    marker = frame.locator(".cm-event").first
    marker.hover()
    tip = frame.locator(".leaflet-tooltip").first
    tip.wait_for(timeout=5000)
    assert re.match(r"2020-07-0[12] · (Protests|Riots) · (Link|Script) town", tip.inner_text()), tip.inner_text()
    # the http link opens in a new tab; the javascript: one is no link at all
    frame.evaluate("() => map.eachLayer(l => { if (l.cmId === 'SYNLINK') l.openPopup(); })")
    link = frame.locator(".leaflet-popup-content a.cm-source")
    link.wait_for(timeout=5000)
    assert link.get_attribute("href") == source_site + LINK_PATH  # escaped in the page, the same URL once parsed
    with page.context.expect_page() as new:
        link.click()
    opened = new.value
    opened.wait_for_load_state()
    assert opened.url.startswith(source_site + "/synthetic-source")
    assert "SYNTHETIC source page" in opened.inner_text("h1")
    opened.close()
    frame.evaluate("() => map.eachLayer(l => { if (l.cmId === 'SYNJS') l.openPopup(); })")
    wait_js(frame, "() => document.querySelector('.leaflet-popup-content') && "
                   "document.querySelector('.leaflet-popup-content').textContent.includes('Script town')")
    assert frame.locator(".leaflet-popup-content a").count() == 0
    assert not rec.dialogs
    page.close()


def test_free_radius_from_a_link_and_did_you_mean(browser, server, events):
    from dashboard.filters import apply_filters
    from dashboard.places.geocoder import OfflineGeocoder
    from dashboard.views import controls

    page, rec, frame = open_page(browser, server.url + "?place=Kati&radius=20")
    radius = page.locator("[data-testid='stNumberInput'] input").last
    assert float(radius.input_value()) == 20.0
    lat, lon, _ = controls.lookup_place(OfflineGeocoder(), "Kati", "ml")
    state = controls.state_from_widgets({"f_dates": (dt.date(2020, 5, 18), dt.date(2020, 8, 15)),
                                         "f_place": "Kati", "f_radius": 20.0})
    expected = len(apply_filters(events, state, (lat, lon)))
    assert event_count(page) == expected > 0
    assert page.get_by_text(re.compile("within 20 km of Kati")).count() > 0
    assert "radius=20" in page.url
    page.close()
    page, rec, frame = open_page(browser, server.url + "?place=Katti&radius=20")
    page.get_by_text(re.compile("Did you mean")).first.wait_for(timeout=30_000)
    assert "Kati" in page.get_by_text(re.compile("Did you mean")).first.inner_text()
    assert page.get_by_text(re.compile("within 20 km")).count() == 0  # not applied, so not claimed
    page.close()


@pytest.fixture(scope="module")
def demo_server():
    s = Server()
    yield s
    s.stop()


@pytest.mark.parametrize("zoom,center", [(5, (16.5, -4.0)), (8, (13.2, -7.2)), (11, (12.66, -8.02))])
def test_screenshots_over_mali(browser, demo_server, zoom, center):
    page, rec, frame = open_page(browser, demo_server.url, height=1000)
    frame.evaluate("([c, z]) => map.setView(c, z, {animate: false})", [list(center), zoom])
    wait_js(frame, "() => document.querySelectorAll('.cm-event, .cm-cluster').length > 0")
    page.wait_for_timeout(500)  # let the browser paint before the picture
    el = frame.frame_element()
    el.scroll_into_view_if_needed()
    shot = ARTIFACTS / f"dashboard-zoom{zoom}.png"
    el.screenshot(path=str(shot))
    from test_browser import coloured_pixels

    assert coloured_pixels(shot) > 30
    assert not rec.off_machine(), rec.off_machine()
    page.close()


def test_html_export_keeps_rings_whole_after_a_pan(browser, tmp_path):
    from dashboard import demo
    from dashboard.events.store import EventStore
    from dashboard.views import export

    ev = EventStore(demo.ensure_demo_store(quiet=True)).read()
    kati = (12.7441, -8.0726)
    out = tmp_path / "kati.html"
    export.export_html(ev.head(50), out, ref_place=("Kati", *kati), rings_km=(25.0,))
    page = browser.new_page(viewport={"width": 1100, "height": 800})
    page.goto(out.as_uri())
    page.wait_for_function("() => document.querySelectorAll('path').length > 0")

    def ring_px() -> int:
        from PIL import Image

        f = tmp_path / "shot.png"
        page.screenshot(path=str(f))
        img = np.asarray(Image.open(f).convert("RGB")).astype(int)
        return int((img.sum(axis=2) < 120).sum())  # the black dashed ring (and nothing else that dark)

    # zoom so the 25 km ring fills part of the view, then pan
    page.evaluate("() => { const m = Object.values(window).find(v => v instanceof L.Map); window.__m = m;"
                  " m.setView([12.7441, -8.0726], 9, {animate: false}); }")
    page.wait_for_timeout(300)
    before = ring_px()
    page.mouse.move(550, 400)
    page.mouse.down()
    page.mouse.move(450, 330, steps=8)
    page.mouse.up()
    page.wait_for_timeout(300)
    after = ring_px()
    assert before > 300 and after > 0.8 * before, (before, after)
    page.screenshot(path=str(ARTIFACTS / "html-export-after-pan.png"))
    page.close()
