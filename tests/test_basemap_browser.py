"""The labelled basemap as a reader sees it: screenshots of the dashboard (opening map, zoom 5, 8 and
11 over Mali), of the standalone HTML export and of the PNG export of June–September 2020, all
offline, each read back by OCR (tesseract; `make test` installs it, like chromium).

Screenshots go to tests/artifacts/ (git-ignored) to be looked at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_browser import ARGS, ARTIFACTS, CHROMIUM, Recorder, Server, map_frame

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
#: common names of the Mali view (the issue's list); a map "reads" when OCR finds at least 5
MALI_NAMES = ("Bamako", "Kati", "Ségou", "Mopti", "Gao", "Niger", "Burkina Faso", "Timbuktu", "Kidal",
              "Sikasso", "Kayes", "Mauritania", "Algeria")
TESSERACT = shutil.which("tesseract")


@pytest.fixture(autouse=True)
def _built(require_assets):
    """The built basemap is part of crisismap (`make assets`): missing, these tests fail."""


#: places around Bamako labelled at zoom 11 (villages and suburbs from cities500)
Z11_VILLAGES = ("Dialakorodji", "Sangarébougou", "Moribabougou", "Kalaban Koro", "Sirakoro", "Kabala",
                "Kati", "Bamako")


def ocr_text(png: Path) -> str:
    """What tesseract reads in the picture (lower case), with its automatic page segmentation and
    its sparse-text one joined (a map is sparse text; a name read in either mode is read)."""
    if TESSERACT is None:
        pytest.skip("tesseract is not installed (`make test` installs tesseract-ocr)")
    return " ".join(subprocess.run([TESSERACT, str(png), "-", "-l", "eng", "--psm", psm], capture_output=True,
                                   text=True, timeout=120, check=True).stdout.lower() for psm in ("3", "11"))


def ocr_names(png: Path) -> list[str]:
    """The MALI_NAMES that tesseract reads in the picture (see `ocr_text`)."""
    out = ocr_text(png)
    found = [n for n in MALI_NAMES if n.lower() in out]
    if "tombouctou" in out and "Timbuktu" not in found:
        found.append("Timbuktu")
    return found


def wait_basemap(frame, before: int = 0, timeout: float = 180.0) -> int:
    """Wait until the basemap layer reports every tile in view drawn after `before` loads."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        n = frame.evaluate("() => window.crisismapBasemapLoads || 0")
        if n > before:
            return n
        time.sleep(0.25)
    raise AssertionError("the basemap never finished drawing its tiles")


def label_pixels(png: Path) -> int:
    """Near-black pixels (label text; the basemap itself has none)."""
    from PIL import Image

    im = Image.open(png).convert("L")
    return sum(im.histogram()[:60])


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def test_dashboard_map_is_labelled_at_every_zoom(browser):
    server = Server()
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        rec = Recorder(page)
        page.goto(server.url)
        frame = map_frame(page)
        loads = wait_basemap(frame)
        mapbox = frame.frame_element()
        opening = ARTIFACTS / "basemap-dashboard-opening.png"
        mapbox.screenshot(path=str(opening))
        assert label_pixels(opening) > 500
        found = ocr_names(opening) if TESSERACT else []
        shots = {}
        for zoom, center in ((5, (16.5, -4.0)), (8, (12.9, -7.6)), (11, (12.64, -8.0))):
            frame.evaluate("([c, z]) => map.setView(c, z, {animate: false})", [list(center), zoom])
            loads = wait_basemap(frame, loads)
            shot = ARTIFACTS / f"basemap-dashboard-z{zoom}.png"
            mapbox.screenshot(path=str(shot))
            assert label_pixels(shot) > 300, f"no labels at zoom {zoom}"
            shots[zoom] = shot
        assert rec.off_machine() == [], "the basemap must not fetch anything off the machine"
        assert not [u for u, why in rec.failed if "basemap" in u or "protomaps" in u or "pmtiles" in u]
        assert not rec.errors, rec.errors
        if TESSERACT:
            # the opening view (zoom 6 over Mali) frames most of the 13 names; the issue asks for 5
            print("opening map OCR:", found)
            assert len(found) >= 5, f"OCR read only {found} on the opening map"
            assert len(ocr_names(shots[5])) >= 4  # 4-5 of the 13 on a 940 x 560 map frame
            # zoom 11 on Bamako: the city's own label sits under its event markers; the villages
            # around it (GeoNames cities500) are what the basemap adds at this zoom
            text = ocr_text(shots[11])
            villages = [n for n in Z11_VILLAGES if n.lower() in text]
            assert len(villages) >= 2, f"OCR read only {villages} at zoom 11"
    finally:
        server.stop()


def _export(fmt: str, out: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CRISISMAP_STORE"}
    exe = Path(sys.executable).parent / "crisismap"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "dashboard"]
    subprocess.run(cmd + ["export", "--format", fmt, "-o", str(out), "--start", "2020-06-01", "--end", "2020-09-30"],
                   cwd=ROOT, env=env, check=True, capture_output=True, timeout=600)


def test_standalone_html_of_june_september_2020_reads_offline(browser):
    out = ARTIFACTS / "basemap-export-2020-06-09.html"
    _export("html", out)
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, offline=True)
    page = ctx.new_page()
    rec = Recorder(page)
    page.goto(out.as_uri())
    wait_basemap(page.main_frame)
    shot = ARTIFACTS / "basemap-export-html.png"
    page.screenshot(path=str(shot))
    ctx.close()
    assert [u for u in rec.requests if not u.startswith(("file:", "data:", "blob:"))] == []
    assert not rec.errors, rec.errors
    assert label_pixels(shot) > 500
    if TESSERACT:
        found = ocr_names(shot)
        assert len(found) >= 5, f"OCR read only {found} in the HTML export"


def test_png_of_june_september_2020_reads():
    out = ARTIFACTS / "basemap-export-2020-06-09.png"
    _export("png", out)
    if TESSERACT:
        found = ocr_names(out)
        assert len(found) >= 5, f"OCR read only {found} in the PNG export"
