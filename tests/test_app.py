"""The Streamlit page through streamlit.testing.v1.AppTest, on the demo store built by the pipeline.

Every count the page shows is checked against `dashboard.filters.apply_filters` on the same store.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import demo
from dashboard.events.store import EventStore
from dashboard.filters import FilterState, apply_filters
from dashboard.views import controls

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
# a box around Bamako and Kati (lon/lat degrees)
BAMAKO_BOX = {"type": "Polygon", "coordinates": [[[-8.25, 12.45], [-7.85, 12.45], [-7.85, 12.85], [-8.25, 12.85],
                                                   [-8.25, 12.45]]]}


@pytest.fixture(scope="module")
def events(demo_events):
    return demo_events


@pytest.fixture()
def app(demo_store, monkeypatch):
    monkeypatch.delenv(demo.STORE_ENV, raising=False)
    monkeypatch.setenv("CRISISMAP_DEMO_STORE", str(demo_store))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(scope="module")
def kati(geocoder):
    loc = geocoder.geocode("Kati", country_codes="ML")
    return loc.latitude, loc.longitude


def shown_count(at: AppTest) -> int:
    for m in at.markdown:
        hit = re.match(r"### ([\d,]+) events", m.value)
        if hit:
            return int(hit.group(1).replace(",", ""))
    raise AssertionError("no event count header on the page")


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_opens_on_mali_in_2020(app, events, kati):
    state = controls.default_state()
    assert (state.start, state.end) == (dt.date(2020, 6, 1), dt.date(2020, 9, 30))
    expected = apply_filters(events, state, ref=kati)
    assert shown_count(app) == len(expected) > 0
    assert set(expected["country"].dropna()) >= {"Mali"}
    assert app.session_state["f_dates"] == (dt.date(2020, 6, 1), dt.date(2020, 9, 30))
    assert sorted(app.session_state["filtered_ids"]) == sorted(expected["event_id_cnty"].astype(str))
    # the reference place was geocoded offline and no error was shown
    assert not app.sidebar.error and not app.sidebar.warning
    assert any("Kati" in c.value for c in app.sidebar.caption)


def test_date_filter(app, events, kati):
    app.session_state["f_dates"] = (dt.date(2020, 8, 1), dt.date(2020, 8, 31))
    rerun(app)
    expected = apply_filters(events, FilterState(start=dt.date(2020, 8, 1), end=dt.date(2020, 8, 31)), ref=kati)
    assert shown_count(app) == len(expected)
    assert 0 < len(expected) < len(apply_filters(events, controls.default_state()))
    # quick window: the last 7 days of the data
    app.sidebar.button[0].click()
    rerun(app)
    last = events["event_date"].max().date()
    assert app.session_state["f_dates"] == (last - dt.timedelta(days=6), last)
    assert shown_count(app) == len(apply_filters(events, FilterState(start=last - dt.timedelta(days=6), end=last)))


def test_type_filter(app, events):
    before = shown_count(app)
    app.sidebar.multiselect(key="f_types").set_value(["Battles"])
    rerun(app)
    expected = apply_filters(events, controls.default_state().replace(event_types=("Battles",)))
    assert shown_count(app) == len(expected) < before


def test_radius_filter(app, events, kati):
    before = shown_count(app)
    app.sidebar.number_input(key="f_radius").set_value(200.0)
    rerun(app)
    expected = apply_filters(events, controls.default_state().replace(radius_km=200.0), ref=kati)
    assert shown_count(app) == len(expected) < before
    assert (expected["distance_km"] <= 200).all()


def test_text_filter(app, events):
    before = shown_count(app)
    app.sidebar.text_input(key="f_text").set_value("Ansar").run()
    assert not app.exception
    expected = apply_filters(events, controls.default_state().replace(text="Ansar"))
    assert shown_count(app) == len(expected) < before


def test_drawn_shape_narrows(app, events):
    before = shown_count(app)
    app.session_state["drawn_shape"] = BAMAKO_BOX
    rerun(app)
    expected = apply_filters(events, controls.default_state().replace(shape=BAMAKO_BOX))
    assert shown_count(app) == len(expected) < before
    assert any("drawn area" in c.value for c in app.caption)
    # clearing the drawing (the map's delete tool, or the sidebar button) clears the filter
    clear = [b for b in app.sidebar.button if b.label == "Clear drawn area"]
    assert clear
    clear[0].click()
    rerun(app)
    assert shown_count(app) == before


def test_visible_area(app, events):
    app.sidebar.checkbox(key="f_visible").check()
    rerun(app)
    # switched on: nothing is claimed or applied until the (re-mounted, same-view) map reports its bounds
    assert app.session_state["bbox"] is None
    assert shown_count(app) == len(apply_filters(events, controls.default_state()))
    assert not any("visible map area" in c.value for c in app.caption)
    app.session_state["bbox"] = (-9.0, 12.0, -7.0, 13.5)  # what the browser reports after a pan
    rerun(app)
    expected = apply_filters(events, controls.default_state().replace(visible_only=True, bbox=(-9.0, 12.0, -7.0, 13.5)))
    assert shown_count(app) == len(expected)


@pytest.mark.parametrize("bad", ["Xqzzyvv Nowhere", "<script>alert(1)</script>", "![x](http://example.com/x.png)",
                                 "   ", "K" * 3000, "12.5, -8"])
def test_bad_place_gives_a_message(app, bad):
    app.sidebar.text_input(key="f_place").set_value(bad)
    app.sidebar.number_input(key="f_radius").set_value(50.0)
    rerun(app)
    assert shown_count(app) >= 0
    if bad.strip() and bad != "12.5, -8":
        msgs = [w.value for w in app.sidebar.warning] + [e.value for e in app.sidebar.error]
        assert msgs, "no message for a place that cannot be found"
        assert all("<script>" not in m and "](" not in m for m in msgs)


def test_shared_link_opens_the_same_view(demo_store, events, monkeypatch):
    from dashboard.views import share

    monkeypatch.setenv("CRISISMAP_DEMO_STORE", str(demo_store))
    state = FilterState(start=dt.date(2020, 6, 1), end=dt.date(2020, 8, 31),
                        event_types=("Protests", "Strategic developments"), shape=BAMAKO_BOX)
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in share.to_query_params(state).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception
    expected = apply_filters(events, state)
    assert shown_count(at) == len(expected) > 0
    assert sorted(at.session_state["filtered_ids"]) == sorted(expected["event_id_cnty"].astype(str))


def test_link_with_a_free_radius_keeps_it_and_a_misspelt_place_says_did_you_mean(demo_store, events, kati,
                                                                                 monkeypatch):
    monkeypatch.delenv(demo.STORE_ENV, raising=False)
    monkeypatch.setenv("CRISISMAP_DEMO_STORE", str(demo_store))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"start": "2020-06-01", "end": "2020-09-30", "place": "Kati", "radius": "20"})
    at.run()
    assert not at.exception
    assert at.sidebar.number_input(key="f_radius").value == 20.0
    state = FilterState(start=dt.date(2020, 6, 1), end=dt.date(2020, 9, 30), place="Kati", radius_km=20.0)
    assert shown_count(at) == len(apply_filters(events, state, kati)) > 0
    assert any("within 20 km of Kati" in c.value for c in at.caption)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"start": "2020-06-01", "end": "2020-09-30", "place": "Bamakko", "radius": "20"})
    at.run()
    assert any("Did you mean “Bamako”" in w.value for w in at.sidebar.warning)
    assert not any("within 20 km" in c.value for c in at.caption)  # not applied, so not claimed
    assert shown_count(at) == len(apply_filters(events, state.replace(place="", radius_km=None)))


REPORT = """SYNTHETIC test report, not a real event.
Published 3 March 2021.
On Tuesday, hundreds of protesters marched through Ségou to demand the reopening of schools."""


def test_add_a_report(demo_store, tmp_path, monkeypatch):
    import shutil

    store = tmp_path / "store.gpkg"
    shutil.copy(demo_store, store)
    monkeypatch.setenv(demo.STORE_ENV, str(store))
    before = EventStore(store).count()
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    at.text_area(key="rep_text").set_value(REPORT)
    at.button(key="rep_extract").click()
    rerun(at)
    # the extracted event is shown with its evidence highlighted, and can be corrected before saving
    assert any("Protests" in m.value and "Ségou" in m.value for m in at.markdown)
    assert any(m.value.startswith(":orange-background[") and "protesters marched" in m.value for m in at.markdown)
    assert at.selectbox(key="rep_place_0").options[0].startswith("as extracted: Ségou")
    at.selectbox(key="rep_type_0").set_value("Riots")
    rerun(at)
    at.selectbox(key="rep_sub_0").set_value("Violent demonstration")
    at.button(key="rep_save").click()
    rerun(at)
    assert any("Saved: 1 new event" in s.value for s in at.success)
    saved = EventStore(store).read()
    assert len(saved) == before + 1
    new = saved[saved["location"] == "Ségou"]
    new = new[new["event_date"] == "2021-03-02"]
    assert list(new["event_type"]) == ["Riots"] and list(new["sub_event_type"]) == ["Violent demonstration"]


def test_add_a_report_bad_input(app):
    app.button(key="rep_extract").click()
    rerun(app)
    assert any("Paste some text" in w.value for w in app.warning)
    app.text_area(key="rep_text").set_value("\x00\x01\x02 binary junk")
    app.button(key="rep_extract").click()
    rerun(app)
    assert app.error or app.info  # a message, not a traceback


def test_layer_toggles_and_week_bars(app):
    before = shown_count(app)
    app.sidebar.checkbox(key="f_heat").check()
    app.sidebar.checkbox(key="f_choro").check()
    app.radio(key="f_freq").set_value("week")
    rerun(app)
    assert shown_count(app) == before  # layers and bar width change the picture, not the events
    assert not any("not installed" in i.value for i in app.info)
    app.selectbox(key="f_sort").set_value("nearest to the place")
    rerun(app)
    dist = app.dataframe[0].value["distance (km)"]
    assert dist.is_monotonic_increasing and dist.iloc[0] < 20  # Kati's own events come first


def test_run_rejects_a_missing_store(capsys):
    from dashboard.cli import main

    assert main(["run", "--store", "/nonexistent/store.gpkg"]) == 2
    assert "no such event store" in capsys.readouterr().err


def test_run_command_serves_static_files_offline():
    from dashboard.cli.app import streamlit_command

    cmd = streamlit_command(8599)
    assert "--server.enableStaticServing=true" in cmd and "--browser.gatherUsageStats=false" in cmd
    assert "--server.port=8599" in cmd and cmd[-1] != "" and str(Path(APP)) in cmd


def test_a_french_report_shows_its_french_evidence(app):
    # issue 14: the evidence stays in the report's language; the page (types, labels) stays English
    app.text_area(key="rep_text").set_value(
        "Date: 2020-06-13\n\nLe 12 juin 2020, des militants présumés du GSIM ont tendu une embuscade à une "
        "patrouille des FAMa près de Boni, cercle de Douentza. Quatre soldats ont été tués.")
    app.button(key="rep_extract").click()
    rerun(app)
    assert any(m.value.startswith(":orange-background[") and "ont tendu une embuscade" in m.value
               for m in app.markdown)
    assert any("Battles" in m.value and "Boni" in m.value for m in app.markdown)
    assert app.selectbox(key="rep_type_0").value == "Battles"


def _export_ids(tmp_path, *args: str) -> set[str]:
    """Event ids `crisismap export --format csv` writes for these options."""
    import pandas as pd

    from dashboard.cli import main

    out = tmp_path / f"export-{len(list(tmp_path.iterdir()))}.csv"
    assert main(["export", "--format", "csv", "-o", str(out), *args]) == 0
    return set(pd.read_csv(out, dtype=str)["event_id_cnty"])


def test_export_text_and_the_page_text_filter_give_the_same_events(mali_events, demo_store, tmp_path, monkeypatch):
    """`crisismap export --text` and the page's text box are one filter (dashboard.filters.apply_filters):
    the same word gives the same event ids, whichever column holds it."""
    # SYNTHETIC events with "mutiny" in each column the filter might (or might not) search
    ev = mali_events.copy()
    ids = list(ev["event_id_cnty"])
    ev.loc[ev["event_id_cnty"] == ids[0], "notes"] = "synthetic: a mutiny at the camp"
    ev.loc[ev["event_id_cnty"] == ids[2], "evidence"] = "Synthetic: the MUTINY spread to Bamako."
    ev.loc[ev["event_id_cnty"] == ids[4], "actor1"] = "Mutiny faction (synthetic)"
    ev.loc[ev["event_id_cnty"] == ids[5], "source"] = "Mutiny Monitor (synthetic)"
    ev.loc[ev["event_id_cnty"] == ids[6], "location"] = "Mutiny Hill (synthetic)"
    store = tmp_path / "mutiny.gpkg"
    EventStore(store).append(ev)
    monkeypatch.setenv(demo.STORE_ENV, str(store))
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    at.sidebar.text_input(key="f_text").set_value("mutiny")
    rerun(at)
    page = set(at.session_state["filtered_ids"])
    assert page == _export_ids(tmp_path, "--store", str(store), "--text", "mutiny")
    assert {ids[0], ids[2], ids[4]} <= page

    # and on the demo data, with the page's opening window
    monkeypatch.delenv(demo.STORE_ENV)
    monkeypatch.setenv("CRISISMAP_DEMO_STORE", str(demo_store))
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.sidebar.text_input(key="f_text").set_value("mutin")
    rerun(at)
    page = set(at.session_state["filtered_ids"])
    state = controls.default_state()
    assert page == _export_ids(tmp_path, "--store", str(demo_store), "--text", "mutin",
                               "--start", str(state.start), "--end", str(state.end)) != set()
