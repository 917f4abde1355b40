"""crisismap: the Streamlit page (wiring only; the work is in cached, tested functions).

Run with `crisismap run` (or `streamlit run dashboard/app.py` with static serving on).
The store is $CRISISMAP_STORE, else the demo store built from data/ by the project's pipeline.
What the controls offer and do is `dashboard.views.controls`; the map, timeline and table are
`dashboard.views.{mapview,timeline,table}`; filtering is `dashboard.filters`.
"""

from __future__ import annotations

import functools
from pathlib import Path

import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from dashboard import boundaries, layers, memory, settings
from dashboard import filters as F
from dashboard.errors import CrisismapError
from dashboard.events.schema import EVENT_TYPES, InputError, to_events
from dashboard.events.store import open_store
from dashboard.places.geocoder import OfflineGeocoder
from dashboard.views import controls, export, mapview, share, table, timeline, viewmemory
from dashboard.views.table import md_escape as md

st.set_page_config(page_title="crisismap", page_icon="🗺️", layout="wide")
memory.start_trimmer()  # freed memory goes back to the system, also after sessions close

MAP_HEIGHT = 560
MAP_WIDTH = 1000  # px assumed for the opening extent of "Visible map area only"


# ---------------------------------------------------------------- cached loading

@st.cache_resource(show_spinner="Loading events…", max_entries=2)
def load_events(path: str, mtime: float | str) -> gpd.GeoDataFrame:
    """All events in the store (a GeoPackage path or postgresql:// URL), cached per store version;
    never mutated by the page."""
    return open_store(path).read()


@st.cache_data(show_spinner="Reading the server store…", max_entries=2, ttl=600)
def server_overview(url: str, version: str) -> dict:
    """Count, first/last day, multiselect values and a sample of a big PostGIS store (cached per version)."""
    return open_store(url).overview()


@st.cache_data(show_spinner="Filtering on the server…", max_entries=4, ttl=600)
def load_pushed(url: str, version: str, pushed: tuple) -> gpd.GeoDataFrame:
    """The events of a PostGIS store that pass the pushed-down filters (F.pushdown), read with SQL."""
    return open_store(url).read(**dict(pushed))


@st.cache_resource(show_spinner=False, max_entries=2)
def basemap_layers(path: str, mtime: float | str) -> tuple[dict, dict, tuple | None]:
    """Shared by every session (one copy, never mutated), not copied per run as st.cache_data would."""
    return mapview.basemap_for(load_events(path, mtime), boundaries.admin0(), boundaries.admin1())


@st.cache_resource(show_spinner=False, max_entries=2)
def options_for(path: str, mtime: float | str) -> dict[str, list[str]]:
    return controls.event_options(load_events(path, mtime))


@st.cache_resource(show_spinner=False)
def geocoder() -> OfflineGeocoder:
    return OfflineGeocoder()


@st.cache_data(show_spinner=False, max_entries=512, ttl=3600)
def geocode_place(query: str, country_hint: str | None) -> tuple[float, float, str] | None:
    return controls.lookup_place(geocoder(), query, country_hint)


@st.cache_data(show_spinner=False, max_entries=256, ttl=3600)
def place_candidates(name: str) -> list[dict]:
    return controls.place_candidates(geocoder(), name)


@st.cache_data(show_spinner=False, max_entries=64)
def ring_polygons(lat: float, lon: float, rings: tuple[float, ...]) -> list:
    return [(km, layers.geodesic_ring(lat, lon, km * 1000.0)) for km in rings]  # metres


# ---------------------------------------------------------------- callbacks

def _set_window(days: int | None, window) -> None:
    st.session_state["f_dates"] = controls.last_days(window, days)


def _on_brush(key: str) -> None:
    dates = timeline.brush_dates(st.session_state.get(key))
    if dates is not None:
        st.session_state["f_dates"] = dates


def _on_visible() -> None:
    """"Visible map area only" switched: the re-mounted map keeps the user's view (`viewmemory`) and
    reports its bounds as it mounts; until then no area is claimed or applied."""
    st.session_state["bbox"] = None


def _clear_shape() -> None:
    """Sidebar "Clear drawn area": drop the filter and re-draw the map without the shape."""
    st.session_state["drawn_shape"] = None
    st.session_state["_shape_seed"] = None
    st.session_state["_draw_gen"] = st.session_state.get("_draw_gen", 0) + 1


# ---------------------------------------------------------------- add a report

def add_report_section(store: str) -> None:
    ss = st.session_state
    st.caption("Paste a report or upload a .txt / .html file. The events the pipeline extracts appear "
               "below with their evidence; check the place and the type, then save them to the store.")
    st.text_area("Report text", key="rep_text", height=140, placeholder="Paste the article here…")
    st.file_uploader("…or upload a file", type=["txt", "html", "htm"], key="rep_file")
    st.date_input("Publication date (used when the report states none)", value=None, key="rep_date")
    if st.button("Extract events", key="rep_extract"):
        text, upload = (ss.get("rep_text") or "").strip(), ss.get("rep_file")
        if not text and upload is None:
            st.warning("Paste some text or choose a file first.")
        else:
            try:
                from dashboard.places.learned import use_store

                with use_store(store):  # the places this store learned from its imports place the report too
                    if upload is None:
                        ev, rejects = controls.extract_report(text, ss.get("rep_date"))
                    else:
                        ev, rejects = controls.extract_report(text, ss.get("rep_date"), upload.name, upload.getvalue())
            except (InputError, ValueError, OSError) as exc:
                st.error(f"The report could not be read: {md(str(exc))}")
                ss["report"] = None
            else:
                ss["report"] = (ev.reset_index(drop=True), rejects)
    report = ss.get("report")
    if report is None:
        return
    ev, rejects = report
    if len(ev) == 0:
        st.info("No events found in this report. " + " ".join(md(r.reason) for r in rejects[:3]))
        return
    st.markdown(f"**{len(ev)} event(s) extracted** (evidence highlighted):")
    types = list(EVENT_TYPES)
    for i, row in ev.iterrows():
        with st.container(border=True):
            st.markdown(controls.report_heading(row))
            if isinstance(row.get("evidence"), str):
                st.markdown(":orange-background[" + md(row["evidence"]) + "]")
            c1, c2, c3 = st.columns([3, 2, 1])
            c1.selectbox("Place", controls.place_labels(row, place_candidates(str(row["location"]))),
                         key=f"rep_place_{i}")
            t = c2.selectbox("Type", types, index=controls.type_index(types, row["event_type"]), key=f"rep_type_{i}")
            subs = EVENT_TYPES[t]
            c2.selectbox("Sub-type", subs, index=controls.type_index(subs, row["sub_event_type"]), key=f"rep_sub_{i}")
            c3.checkbox("save", value=True, key=f"rep_keep_{i}")
    if rejects:
        with st.popover(f"{len(rejects)} passage(s) not turned into events"):
            for r in rejects[:50]:
                st.markdown(f"- row {r.row} · {md(r.field)}: {md(r.reason)}")
    if st.button("Save to the store", type="primary", key="rep_save"):
        keep = [controls.corrected_row(row, ss.get(f"rep_type_{i}", row["event_type"]),
                                       ss.get(f"rep_sub_{i}", row["sub_event_type"]), ss.get(f"rep_place_{i}", ""),
                                       place_candidates(str(row["location"])))
                for i, row in ev.iterrows() if ss.get(f"rep_keep_{i}", True)]
        if not keep:
            st.warning("Nothing selected to save.")
            return
        try:  # a merge keeps the report as one more source of the stored event (with the user's corrections)
            result = open_store(store).append(to_events(pd.DataFrame(keep)))
        except CrisismapError as exc:
            st.error(f"Not saved: {md(str(exc))}")
            return
        ss["report"] = None
        ss["flash"] = f"Saved: {result.added} new event(s), {result.merged} merged with events already in the store."
        st.rerun()


# ---------------------------------------------------------------- the page

location, is_demo = controls.store_path()
try:  # a store fault is a plain message on the page, never a traceback
    _store = open_store(location)
    if not _store.exists():
        st.error(f"No event store at {md(_store.describe())}. Import data with `crisismap import` first.")
        st.stop()
    mtime = _store.version()
    server = hasattr(_store, "more_than") and _store.more_than(settings.server_side_rows())
    if server:  # a big team store: the page never holds every event; filters run as SQL
        overview = server_overview(location, mtime)
        events = overview["sample"]
    else:
        events = load_events(location, mtime)
except CrisismapError as exc:
    st.error(f"The event store cannot be opened: {md(str(exc))}")
    st.stop()
path = Path(_store.describe())
window = (overview["first"].date(), overview["last"].date()) if server and overview["first"] else F.data_window(events)
notices: list[str] = []
if "_init" not in st.session_state:  # a session's first run: the demo view, or a shared link's
    opening, notices = controls.opening_state(events, is_demo, st.query_params.to_dict())
    st.session_state.update(controls.widget_values(opening, window))
    st.session_state["_init"] = True
opts = overview["options"] if server else options_for(location, mtime)
ss = st.session_state

with st.sidebar:
    st.title("crisismap")
    st.caption("Offline crisis map · " + ("demo data built from data/" if is_demo else md(path.name)))
    st.subheader("When")
    if window:
        st.date_input("Date range", key="f_dates", min_value=window[0], max_value=window[1],
                      help="inclusive; the timeline's brush sets it too")
        c1, c2, c3 = st.columns([1.0, 1.2, 0.7], gap="small")
        c1.button("7 days", on_click=_set_window, args=(7, window), help="last 7 days of the data")
        c2.button("30 days", on_click=_set_window, args=(30, window), help="last 30 days of the data")
        c3.button("All", on_click=_set_window, args=(None, window), help="every date in the data")
    st.subheader("What")
    st.multiselect("Event type", opts["event_types"], key="f_types", placeholder="all types")
    st.multiselect("Sub-event type", controls.with_selected(opts["sub_event_types"], ss.get("f_subtypes")),
                   key="f_subtypes", placeholder="all sub-types")
    st.multiselect("Actor", controls.with_selected(opts["actors"], ss.get("f_actors")),
                   key="f_actors", placeholder="any actor")
    st.text_input("Text in notes or actors", key="f_text", placeholder="e.g. mutiny")
    st.number_input("Minimum fatalities", min_value=0, step=1, key="f_minfat")
    st.select_slider("Geo precision at most", options=[1, 2, 3], key="f_prec",
                     help="1 = the named town, 2 = near it / part of a region, 3 = a larger region")
    st.subheader("Where")
    st.multiselect("Country", controls.with_selected(opts["countries"], ss.get("f_countries")),
                   key="f_countries", placeholder="all countries")
    st.multiselect("Admin-1", controls.with_selected(opts["admin1"], ss.get("f_admin1")),
                   key="f_admin1", placeholder="all regions")
    st.text_input("Reference place", key="f_place", placeholder="e.g. Kati",
                  help="geocoded offline; rings and distances are measured from it")
    st.multiselect("Rings (km)", controls.with_selected(controls.RING_CHOICES, ss.get("f_rings")),
                   key="f_rings", format_func=lambda v: f"{v:g} km")
    st.number_input("Only within (km of the place)", min_value=0.0, max_value=controls.RADIUS_MAX_KM,
                    step=controls.RADIUS_STEP_KM, key="f_radius", format="%g",
                    help="any distance in km; 0 = no radius filter")
    st.checkbox("Visible map area only", key="f_visible", on_change=_on_visible,
                help="reruns when you pan or zoom the map")
    if ss.get("drawn_shape"):
        st.button("Clear drawn area", on_click=_clear_shape)
    st.subheader("Map layers")
    st.checkbox("Heat layer", key="f_heat")
    st.checkbox("Admin-1 choropleth (counts)", key="f_choro")
    st.checkbox("Precision rings", key="f_precrings", value=True)

for n in notices:
    st.info(md(n))
if ss.get("flash"):
    st.success(ss.pop("flash"))

state = controls.state_from_widgets(ss)

# reference place
hint = opts["main_country_code"][0] if opts["main_country_code"] else None
found = controls.reference_place(state.place, functools.partial(geocode_place, country_hint=hint),
                                 opts.get("places", []))
ref = found.ref
if found.message:
    getattr(st.sidebar, found.level)(found.message)
if state.radius_km and ref is None:
    st.sidebar.info("The radius filter needs a reference place that can be found.")

if server:
    try:
        filtered = F.apply_filters(load_pushed(location, mtime, tuple(F.pushdown(state, ref).items())), state, ref)
    except CrisismapError as exc:
        st.error(f"The event store cannot be read: {md(str(exc))}")
        st.stop()
else:
    filtered = F.apply_filters(events, state, ref)
ss["filtered_ids"] = controls.filtered_ids(filtered)
n = len(filtered)
st.markdown(controls.headline(filtered))
st.caption(md(controls.applied_summary(state, ref)) + f" · of {overview['count'] if server else len(events):,} events in the store")
synthetic = controls.is_synthetic(filtered, opts["synthetic_origins"])
if synthetic or "synthetic" in path.name.lower():
    st.warning("This view contains SYNTHETIC events (generated for testing, not real).")

# map
outlines, lines, _ = (mapview.basemap_for(events, boundaries.admin0(), boundaries.admin1()) if server
                      else basemap_layers(location, mtime))
view = mapview.MapView(center=tuple(state.center) if state.center else controls.DEMO_VIEW.center,
                       zoom=int(state.zoom) if state.zoom else controls.DEMO_VIEW.zoom)
base = mapview.base_map(view, outlines, lines, shape_seed=ss.get("_shape_seed"),
                        legend_note="SYNTHETIC data" if synthetic else "",
                        # the component reads returned_objects once, when it mounts: re-mount on toggle
                        generation=ss.get("_draw_gen", 0) * 2 + int(state.visible_only))
viewmemory.ViewMemory(ss.setdefault("_view_token", viewmemory.new_token())).add_to(base)  # keep the view on re-mount
# the table row picked: the map centres on it (the layer does it once per row, see eventcloud)
focus = table.row_focus(ss.get("_table_rows"), ss.get("events_table"))
ref_layer = mapview.ring_layer(ref, state.place, state.rings_km, ring_polygons(ref[0], ref[1], state.rings_km)) \
    if ref else None
choro = layers.admin1_counts(filtered).rename(columns={"count": "events"}) if ss.get("f_choro") else None
layer, mode = mapview.event_layers(filtered, heat=bool(ss.get("f_heat")), choropleth=choro,
                                   precision_rings=bool(ss.get("f_precrings", True)), ref_layer=ref_layer,
                                   focus=focus)
if mapview.assets.missing():
    st.error("The map's local JavaScript files are missing: run `make assets` (npm ci + "
             "python -m dashboard.views.assets).")
placeholder_bounds = base.get_bounds()  # what st_folium returns before the browser reports real bounds
try:
    out = st_folium(base, key="map", feature_group_to_add=layer, height=MAP_HEIGHT, use_container_width=True,
                    returned_objects=["all_drawings"] + (["bounds"] if state.visible_only else [])) or {}
except Exception as exc:  # pragma: no cover - shown to the user rather than a traceback
    st.error(f"The map could not be drawn: {md(str(exc))}")
    out = {}
if caption := mapview.mode_caption(mode, n):
    st.caption(caption)

drawings = out.get("all_drawings")
if drawings is not None and drawings != ss.get("_last_drawings"):
    # only a change made on the map counts (the component repeats its last value on every rerun)
    ss["_last_drawings"] = drawings
    new_shape = F.shape_from_drawings(drawings)
    if new_shape != ss.get("drawn_shape"):
        ss["drawn_shape"] = new_shape
        st.rerun()
if state.visible_only:
    bbox = mapview.bounds_bbox(out.get("bounds"), placeholder_bounds)
    if bbox and bbox != ss.get("bbox"):
        ss["bbox"] = bbox
        st.rerun()

# timeline
st.markdown("#### Timeline")
tl_cols = st.columns([4, 1])
tl_cols[1].radio("Bars per", list(controls.FREQS), key="f_freq", horizontal=True)
freq = timeline.effective_freq(filtered, state.timeline_freq)
counts = timeline.timeline_counts(filtered, freq)
if counts.empty:
    st.info("No events match the filters.")
else:
    wider = "" if freq == state.timeline_freq else f" Bars per {timeline.FREQ_LABEL[freq]}: the range is too long for more."
    tl_cols[0].caption("Drag across the bars to set the date range." + wider)
    tl_key = timeline.chart_key(state.start, state.end, freq)
    st.altair_chart(timeline.timeline_chart(counts, freq), width="stretch", height=260,
                    on_select=functools.partial(_on_brush, tl_key), selection_mode=timeline.BRUSH, key=tl_key)

# table
st.markdown("#### Events")
sort = st.selectbox("Sort", table.sort_choices(ref is not None), key="f_sort", label_visibility="collapsed")
rows = table.table_frame(filtered, sort=sort)
if note := table.truncation_note(len(rows), n, sort):
    st.caption(note)
ss["_table_rows"] = rows[["lat", "lon"]] if {"lat", "lon"} <= set(rows.columns) else None
st.caption("Click a row's left edge to show the event on the map.")
st.dataframe(rows, column_config=table.column_config(), hide_index=True, width="stretch", height=360,
             on_select="rerun", selection_mode="single-row", key="events_table")

# share + export
params = share.to_query_params(state)
if params != st.query_params.to_dict():
    st.query_params.from_dict(params)
with st.expander("Share & export"):
    export.render_downloads(filtered, state, ref=ref)

# add a report (article -> events)
with st.expander("Add a report", expanded=ss.get("report") is not None):
    add_report_section(location)
