"""Reading reports: plain text with a header, HTML (trafilatura + captions), bad files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dashboard.events.schema import InputError
from dashboard.sources.article import MAX_CHARS, is_boilerplate, read_article

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "mali-kati-mutiny-2020-08-18.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
ARTICLES = ROOT / "data" / "articles"


def test_seed_is_cleaned_and_dated_from_its_caption():
    if not SEED.exists():
        pytest.skip("shared seed article not available (../shared absent)")
    a = read_article(SEED)
    assert a.published == date(2020, 8, 18) and a.published_from == "caption"
    assert a.title == "Mali soldiers detain senior officers in apparent mutiny"
    for junk in ("Skip links", "Read 2 minutes", "uses cookies"):
        assert junk not in a.text
    assert any("uses cookies" in d for d in a.dropped)
    assert len(a.captions) == 1
    cap = a.text[a.captions[0][0]:a.captions[0][1]]
    assert "Tuesday Aug. 18, 2020" in cap and "AP Photo" in cap
    body = a.text.index("Soldiers in Mali took up arms")
    assert not a.in_caption(body) and a.in_caption(a.captions[0][0])


def test_header_block_of_a_sample_report():
    a = read_article(ARTICLES / "2020-08-18-kati-mutiny.txt")
    assert a.published == date(2020, 8, 18) and a.published_from == "header"
    assert a.title.startswith("Mutiny at the Kati garrison")
    assert "Associated Press" in a.source and "own summary" in a.source
    assert "Outlet:" not in a.text and "Based on:" not in a.text
    assert a.text.startswith(a.title)  # the title is the first paragraph, marked as such
    assert a.in_title(0) and not a.in_title(a.text.index("Mutinous soldiers"))


def test_html_main_text_metadata_and_captions():
    a = read_article(FIXTURES / "gao-attack.html")
    assert a.published == date(2021, 3, 16) and a.published_from == "metadata"
    assert a.url == "https://example.org/synthetic/gao-attack"
    assert "Example Wire" in a.source
    for junk in ("Skip to main content", "cookies", "Share on Facebook", "Advertisement", "All rights reserved",
                 "Read 3 min", "Privacy policy"):
        assert junk not in a.text, junk
    assert len(a.captions) == 1 and "Soldiers patrol a road outside Gao" in a.text[slice(*a.captions[0])]
    # the caption stays where the page has it: before the first body paragraph
    assert a.captions[0][0] < a.text.index("Suspected jihadists")


@pytest.mark.parametrize("line", [
    "Skip links", "Skip to main content", "Read 2 minutes", "4 min read", "Advertisement",
    "Share on Facebook", "Share Tweet Email", "Facebook Twitter WhatsApp", "Listen to this article",
    "This website uses cookies to improve your experience. We'll assume you're ok with this.",
    "We and our partners use cookies to personalise ads; click Accept to consent.",
    "© 2020 Example Media. All rights reserved.", "Sign up for our newsletter", "Most read",
])
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Protesters shared food with soldiers in Bamako.",
    "Advertisements for the rally were posted across the city on Monday.",
    "Mali soldiers detain senior officers in apparent mutiny",
    "The cookie seller said the market was closed.",
])
def test_not_boilerplate(line):
    assert not is_boilerplate(line)


def test_dateline_and_fallback_date():
    a = read_article("Published 5 June 2020\n\nThousands rallied in Bamako on Friday.")
    assert a.published == date(2020, 6, 5) and a.published_from == "dateline"
    b = read_article("Thousands rallied in Bamako on Friday.", date="2020-06-05")
    assert b.published == date(2020, 6, 5) and b.published_from == "argument"
    c = read_article("Thousands rallied in Bamako on Friday.")
    assert c.published is None and any("--date" in w for w in c.warnings)
    d = read_article("Published 5 June 2020\n\nThousands rallied in Bamako on Friday.", date="2020-06-07")
    assert d.published == date(2020, 6, 5) and any("not used" in w for w in d.warnings)


def test_empty_file(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"  \n\n")
    with pytest.raises(InputError, match="empty.txt.*empty"):
        read_article(f)


def test_binary_file(tmp_path):
    f = tmp_path / "photo.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    with pytest.raises(InputError, match="photo.txt.*binary"):
        read_article(f)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="nope.txt.*no such file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="no such file"):
        read_article(str(tmp_path / "nope.html"))


def test_latin1_file_is_decoded_with_a_warning(tmp_path):
    f = tmp_path / "latin1.txt"
    f.write_bytes("Title: Manifestation à Bamako\nDate: 2020-06-05\n\nDes milliers de manifestants à Bamako, "
                  "dont des partisans de l'imam Dicko, ont réclamé la démission de Keïta.\n".encode("latin-1"))
    a = read_article(f)
    assert "réclamé" in a.text and "Keïta" in a.text
    assert any("not UTF-8" in w for w in a.warnings)


def test_five_megabyte_text_is_cut_and_says_so(tmp_path):
    para = ("Soldiers detained officials in Bamako on Tuesday while protesters gathered near the palace. " * 6)
    f = tmp_path / "big.txt"
    f.write_text("\n\n".join([para] * (5_000_000 // len(para) + 1)), encoding="utf-8")
    assert f.stat().st_size >= 5_000_000
    a = read_article(f, date="2020-08-18")
    assert a.truncated and len(a.text) <= MAX_CHARS
    assert any("only" in w and "processed" in w for w in a.warnings)


def test_url_offline_is_a_clear_error(monkeypatch):
    import requests

    def boom(*a, **k):
        raise requests.ConnectionError("no network")

    monkeypatch.setattr(requests, "get", boom)
    with pytest.raises(InputError, match="could not fetch"):
        read_article("https://example.org/report")
