"""The standalone HTML map: one file, opens offline in headless chromium, shows the markers,
makes no request off the machine, and shows untrusted text as text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import XSS_EVIDENCE, mali_events

from dashboard.views import standalone
from dashboard.views.export import export_html

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]

#: the map's local Leaflet files are part of crisismap: missing, they fail the test (run `make assets`)
needs_assets = pytest.mark.usefixtures("require_assets")


@pytest.fixture(scope="module")
def map_file(tmp_path_factory, require_assets) -> Path:
    path = tmp_path_factory.mktemp("html") / "map.html"
    export_html(mali_events(), path, title="Mali <b>August</b> 2020 (synthetic)",
                ref_place=("Kati", 12.744, -8.072), rings_km=(15.0, 50.0))
    return path


@needs_assets
def test_one_file_with_everything_inlined(map_file):
    page = map_file.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+\bsrc=", page, re.I), "a script is still linked, not inlined"
    assert not re.search(r"<link[^>]+stylesheet", page, re.I), "a stylesheet is still linked"
    assert "/app/static/" not in page
    assert "L.circleMarker" in page and "leaflet" in page.lower()
    assert "<title>Mali &lt;b&gt;August&lt;/b&gt; 2020 (synthetic)</title>" in page
    # the untrusted evidence never appears raw
    assert "<script>alert(1)</script>" not in page
    assert "<img src=x" not in page


@needs_assets
def test_inline_assets_reports_what_it_cannot_inline():
    page = ('<script src="https://cdn.example.org/x.js"></script>'
            '<link rel="stylesheet" href="/app/static/vendor/leaflet/leaflet.css"/>')
    out, dropped = standalone.inline_assets(page)
    assert dropped == ["https://cdn.example.org/x.js"]
    assert "cdn.example.org" not in out.replace("not inlined: https://cdn.example.org/x.js", "")
    assert "<style>" in out and ".leaflet-container" in out
    assert "url(images/" not in out  # Leaflet's images became data URIs


@pytest.mark.browser
@needs_assets
def test_opens_offline_in_chromium_and_shows_the_markers(map_file):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    blocked: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    n_events = len(mali_events())
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            ctx = browser.new_context(offline=True, viewport={"width": 1200, "height": 800})
            page = ctx.new_page()
            page.route("**/*", route)
            page.on("request", lambda r: requests.append(r.url))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(map_file.as_uri())
            page.wait_for_function(f"document.querySelectorAll('path.cm-event').length >= {n_events}",
                                   timeout=20_000)
            markers = page.locator("path.cm-event")
            assert markers.count() == n_events
            fills = {markers.nth(i).get_attribute("fill") for i in range(markers.count())}
            assert "#1f77b4" in fills and "#d62728" in fills  # Protests, Battles in their colours
            assert page.locator(".cm-legend").count() == 1
            # the basemap outlines are drawn too (SVG paths that are not markers)
            assert page.locator("path:not(.cm-event)").count() > 3
            # open popups until the one whose evidence holds a <script> payload
            text = ""
            for i in range(n_events):
                markers.nth(i).dispatch_event("click")
                text = page.locator(".leaflet-popup-content").last.inner_text(timeout=5_000)
                if "Crowds gathered" in text:
                    break
            assert "<script>alert(1)</script>" in text  # shown as text
            assert page.locator(".leaflet-popup-content script").count() == 0
            page.screenshot(path=str(map_file.with_suffix(".png")))
        finally:
            browser.close()
    assert blocked == [], f"requests tried to leave the machine: {blocked}"
    assert all(u.startswith(("file:", "data:", "blob:", "about:")) for u in requests), requests
    assert dialogs == [], "a script from the data ran"
    assert errors == [], errors
    assert XSS_EVIDENCE.startswith("Crowds gathered")
