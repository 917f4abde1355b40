"""The one-page report: renders, holds map, timeline, counts, events with escaped evidence, filters, date."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import mali_events
from PIL import Image

from dashboard.filters import FilterState, apply_filters
from dashboard.views.export import export_report

MADE = dt.datetime(2020, 9, 1, 12, 30)


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.images: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "img":
            self.images.append(dict(attrs)["src"])

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def state():
    return FilterState(start=dt.date(2020, 8, 1), end=dt.date(2020, 8, 31), text="")


@pytest.fixture(scope="module")
def report(state) -> str:
    events = apply_filters(mali_events(), state)
    return export_report(events, state=state, title="Mali <August> 2020 (synthetic)", made_at=MADE,
                         ref_place=("Kati", 12.744, -8.072), rings=[(12.744, -8.072, 50.0)])


def test_report_parses_and_has_no_script(report):
    p = _Collect()
    p.feed(report)
    p.close()
    assert "table" in p.tags and "img" in p.tags
    assert "script" not in p.tags
    assert "<title>Mali &lt;August&gt; 2020 (synthetic)</title>" in report


def test_evidence_is_there_and_escaped(report):
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report
    assert "<script>" not in report
    assert "Soldiers took weapons from the camp in Kati" in report
    assert "$5 and $x^2$" in report


def test_map_and_timeline_are_embedded_pngs(report):
    p = _Collect()
    p.feed(report)
    assert len(p.images) == 2
    for src in p.images:
        assert src.startswith("data:image/png;base64,")
        img = Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1])))
        assert img.format == "PNG" and img.size[0] > 600


def test_counts_filters_sources_and_date_made(report, state):
    text = re.sub(r"\s+", " ", report)
    assert "Filters applied:</b> " + state.summary() in text
    assert "made 2020-09-01 12:30" in text
    for name in ("Battles", "Protests", "Bamako", "Koulikoro", "Mopti"):
        assert name in text
    assert re.search(r"Bamako</td><td class=\"n\">3</td>", text)  # three Bamako events in admin-1 counts
    assert 'href="https://example.org/synthetic/MLT0000002"' in text
    assert "Natural Earth" in text and "synthetic test data" in text


def test_long_tables_are_cut_with_a_pointer_to_the_exports():
    events = mali_events()
    page = export_report(events.head(8), made_at=MADE)
    assert page.count("<tr><td>2020-") == 8
    from dashboard.views.report import render_report

    short = render_report(events, made_at=MADE, max_rows=3)
    assert short.count("<tr><td>2020-") == 3 and "5 more events" in short


@pytest.mark.browser
def test_report_prints_on_one_a4_page_in_chromium(report, tmp_path):
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium is not installed (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    path = tmp_path / "report.html"
    path.write_text(report, encoding="utf-8")
    dialogs: list[str] = []
    outside: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        try:
            page = browser.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else outside.append(r.url))
            page.goto(path.as_uri())
            assert "<script>alert(1)</script>" in page.inner_text("table.events")
            pdf = page.pdf(format="A4", landscape=True, print_background=True, prefer_css_page_size=True)
        finally:
            browser.close()
    assert dialogs == [] and outside == []
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
