"""crisismap: the Streamlit page (wiring only; the work is in cached, tested functions).

Run with `crisismap run` (or `streamlit run dashboard/app.py` with static serving on).
The store is $CRISISMAP_STORE, else the demo store built from data/ by the project's pipeline.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import os
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import streamlit as st

from dashboard import demo
from dashboard import filters as F
from dashboard.views import mapview, table, timeline
from dashboard.views.table import md_escape as md

st.set_page_config(page_title="crisismap", page_icon="🗺️", layout="wide")

RING_CHOICES = [5.0, 10.0, 15.0, 25.0, 50.0, 100.0, 200.0]
RADIUS_CHOICES = [0.0, 5.0, 10.0, 15.0, 25.0, 50.0, 100.0, 200.0, 500.0]
MAP_HEIGHT = 560


def _optional(module: str):
    """A project module that another helper may not have written yet (None if absent)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


# ---------------------------------------------------------------- cached loading

def store_path() -> tuple[Path, bool]:
    """(store path, is it the demo store?)."""
    env = os.environ.get(demo.STORE_ENV)
    if env:
        return Path(env), False
    return demo.ensure_demo_store(quiet=True), True


@st.cache_resource(show_spinner="Loading events…", max_entries=2)
def load_events(path: str, mtime: float) -> gpd.GeoDataFrame:
    """All events in the store (cached per file version; never mutated by the page)."""
    from dashboard.events.schema import to_events

    store_mod = _optional("dashboard.events.store")
    if store_mod is not None and hasattr(store_mod, "EventStore"):
        store = store_mod.EventStore(path)
        for name in ("read", "load", "events", "to_frame"):
            fn = getattr(store, name, None)
            if callable(fn):
                return to_events(fn())
    import pyogrio

    layers = [name for name, _ in pyogrio.list_layers(path)]
    layer = "events" if "events" in layers else layers[0]
    return to_events(pyogrio.read_dataframe(path, layer=layer, use_arrow=True))


@st.cache_resource
def load_boundaries() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    a0 = gpd.read_file(demo.BOUNDARIES / "admin0.geojson", engine="pyogrio")
    a1 = gpd.read_file(demo.BOUNDARIES / "admin1.geojson", engine="pyogrio")
    return a0, a1


@st.cache_data(show_spinner=False, max_entries=4)
def basemap_layers(path: str, mtime: float) -> tuple[dict, dict, tuple | None]:
    """Country outlines around the data (and admin-1 lines of the countries in it), small GeoJSON."""
    ev = load_events(path, mtime)
    a0, a1 = load_boundaries()
    bbox = mapview.data_bbox(ev)
    outlines = mapview.basemap_geojson(a0, bbox, tolerance=0.02)
    codes = set(ev["country_code"].dropna().astype(str).str.upper().unique()) if "country_code" in ev else set()
    names = set(ev["country"].dropna().astype(str).unique())
    sel = a1[a1["iso_a2"].isin(codes) | a1["admin"].isin(names)]
    if len(sel) > 400:  # admin-1 lines only where they help: the few countries the data is about
        top = ev["country"].value_counts().head(3).index
        sel = a1[a1["admin"].isin(top)]
    lines = mapview.basemap_geojson(sel, None, tolerance=0.02) if len(sel) else {"features": []}
    return outlines, lines, bbox


@st.cache_data(show_spinner=False, max_entries=4)
def options_for(path: str, mtime: float) -> dict[str, list[str]]:
    """Values offered by the multiselects (sorted, most frequent actors first)."""
    ev = load_events(path, mtime)

    def uniq(c):
        return sorted(ev[c].dropna().astype(str).unique().tolist()) if c in ev else []

    actors = pd.concat([ev[c] for c in ("actor1", "actor2") if c in ev]).dropna().astype(str)
    origins = ev["origin"].dropna().astype(str).unique().tolist() if "origin" in ev else []
    cc = ev["country_code"].dropna().astype(str) if "country_code" in ev else pd.Series(dtype=str)
    return {
        "synthetic_origins": [o for o in origins if "synthetic" in o.lower()],
        "main_country_code": [cc.mode().iloc[0].lower()] if len(cc) else [],
        "event_types": uniq("event_type"), "sub_event_types": uniq("sub_event_type"),
        "actors": actors.value_counts().head(400).index.tolist(), "countries": uniq("country"),
        "admin1": uniq("admin1"),
    }


@st.cache_resource(show_spinner=False)
def geocoder():
    mod = _optional("dashboard.places.geocoder")
    return None if mod is None else mod.OfflineGeocoder()


@st.cache_data(show_spinner=False)
def geocode_place(query: str, country_hint: str | None) -> tuple[float, float, str] | None:
    """(lat, lon, label) of a typed place (offline gazetteer), preferring the data's country."""
    g = geocoder()
    if g is None:
        raise RuntimeError("the offline geocoder is not installed")
    loc = None
    if country_hint:
        loc = g.geocode(query, country_codes=country_hint)
    if loc is None:
        loc = g.geocode(query)
    if loc is None:
        return None
    return float(loc.latitude), float(loc.longitude), str(getattr(loc, "address", query) or query)


@st.cache_data(show_spinner=False, max_entries=64)
def ring_polygons(lat: float, lon: float, rings: tuple[float, ...]) -> list:
    layers = _optional("dashboard.layers")
    out = []
    for km in rings:
        if layers is not None and hasattr(layers, "geodesic_ring"):
            poly = layers.geodesic_ring(lat, lon, km * 1000.0)  # metres
        else:
            poly = _ring_fallback(lat, lon, km)
        out.append((km, getattr(poly, "geometry", poly)))
    return out


def _ring_fallback(lat: float, lon: float, km: float, n: int = 128):
    from shapely.geometry import Polygon

    az = np.linspace(0, 360, n, endpoint=False)
    lons, lats, _ = F.GEOD.fwd(np.full(n, lon), np.full(n, lat), az, np.full(n, km * 1000.0))
    return Polygon(zip(lons, lats, strict=True))


def admin1_choropleth(filtered: gpd.GeoDataFrame) -> gpd.GeoDataFrame | None:
    """Admin-1 polygons with the count of filtered events in each (B's layers.admin1_counts)."""
    layers = _optional("dashboard.layers")
    if layers is None or not hasattr(layers, "admin1_counts"):
        return None
    return layers.admin1_counts(filtered).rename(columns={"count": "events"})


# ---------------------------------------------------------------- session state <-> filters

KEYS = {  # FilterState field -> widget key
    "event_types": "f_types", "sub_event_types": "f_subtypes", "actors": "f_actors",
    "countries": "f_countries", "admin1": "f_admin1", "text": "f_text", "min_fatalities": "f_minfat",
    "max_geo_precision": "f_prec", "place": "f_place", "rings_km": "f_rings", "visible_only": "f_visible",
}


def init_session(events: gpd.GeoDataFrame, is_demo: bool, window: tuple[dt.date, dt.date] | None) -> list[str]:
    """On a session's first run: the opening state (demo view, or a shared link's), into widget keys."""
    notices: list[str] = []
    state = demo.default_state(events, demo=is_demo)
    share = _optional("dashboard.views.share")
    if share is not None and len(st.query_params):
        try:
            state, notices = share.from_query_params(st.query_params.to_dict())
        except Exception as exc:  # a malformed link never breaks the page
            notices = [f"The link could not be read ({exc}); showing the default view."]
    ss = st.session_state
    start, end = state.start, state.end
    if window:
        start = min(max(start or window[0], window[0]), window[1])
        end = max(min(end or window[1], window[1]), window[0])
    ss["f_dates"] = (start, end) if window else ()
    for fld, key in KEYS.items():
        v = getattr(state, fld)
        ss[key] = list(v) if isinstance(v, tuple) else v
    ss["f_rings"] = [float(r) for r in state.rings_km]
    ss["f_radius"] = float(state.radius_km or 0.0)
    ss["drawn_shape"] = state.shape
    ss["_shape_seed"] = state.shape
    ss["bbox"] = state.bbox
    ss["map_center"], ss["map_zoom"] = state.center, state.zoom
    ss["f_freq"] = "week" if state.timeline_freq == "W" else "day"
    ss["_init"] = True
    return notices


def current_state() -> F.FilterState:
    ss = st.session_state
    dates = ss.get("f_dates") or ()
    start = dates[0] if len(dates) >= 1 else None
    end = dates[1] if len(dates) >= 2 else None
    radius = float(ss.get("f_radius") or 0)
    return F.FilterState(
        start=start, end=end,
        event_types=tuple(ss.get("f_types", [])), sub_event_types=tuple(ss.get("f_subtypes", [])),
        actors=tuple(ss.get("f_actors", [])), countries=tuple(ss.get("f_countries", [])),
        admin1=tuple(ss.get("f_admin1", [])), text=ss.get("f_text", "") or "",
        min_fatalities=int(ss.get("f_minfat", 0) or 0), max_geo_precision=int(ss.get("f_prec", 3) or 3),
        place=(ss.get("f_place", "") or "").strip(), rings_km=tuple(float(r) for r in ss.get("f_rings", [])),
        radius_km=radius if radius > 0 else None, shape=ss.get("drawn_shape"),
        visible_only=bool(ss.get("f_visible", False)), bbox=ss.get("bbox"),
        center=ss.get("map_center"), zoom=ss.get("map_zoom"),
        timeline_freq="W" if ss.get("f_freq") == "week" else "D",
    )


def _set_window(days: int | None, window) -> None:
    if window is None:
        return
    if days is None:
        st.session_state["f_dates"] = window
    else:
        st.session_state["f_dates"] = (max(window[0], window[1] - dt.timedelta(days=days - 1)), window[1])


def _on_brush(key: str) -> None:
    sel = st.session_state.get(key)
    dates = timeline.brush_dates(sel)
    if dates is not None:
        st.session_state["f_dates"] = dates


def _on_visible() -> None:
    """"Visible map area only" switched on: start from the opening view's extent until the map reports
    its real bounds (after the first pan or zoom)."""
    ss = st.session_state
    if ss.get("f_visible"):
        center = ss.get("map_center") or demo.DEMO_VIEW.center
        zoom = ss.get("map_zoom") or demo.DEMO_VIEW.zoom
        ss["bbox"] = mapview.view_extent(center, zoom, 1000, MAP_HEIGHT)


def _clear_shape() -> None:
    """Sidebar "Clear drawn area": drop the filter and re-draw the map without the shape."""
    st.session_state["drawn_shape"] = None
    st.session_state["_shape_seed"] = None
    st.session_state["_draw_gen"] = st.session_state.get("_draw_gen", 0) + 1



# ---------------------------------------------------------------- add a report

def extract_report(text: str, upload, when: dt.date | None) -> tuple[gpd.GeoDataFrame, list]:
    """Run the project's article pipeline (read_article -> extract_events) on pasted text or an upload."""
    import tempfile

    from dashboard.events.extract import extract_events
    from dashboard.sources.article import read_article

    if upload is not None:
        suffix = Path(upload.name).suffix.lower() or ".txt"
        with tempfile.TemporaryDirectory() as tmp:
            f = Path(tmp) / ("report" + suffix)
            f.write_bytes(upload.getvalue())
            return extract_events(read_article(f, date=when))
    return extract_events(read_article(text, date=when))


@st.cache_data(show_spinner=False)
def place_candidates(name: str, country_code: str | None) -> list[dict]:
    """Other places the gazetteer knows by this name: dicts with label, lat, lon, admin1, country, geonameid."""
    g = geocoder()
    if g is None or not name:
        return []
    out = []
    for loc in g.geocode(name, exactly_one=False, limit=8) or []:
        raw = loc.raw or {}
        out.append({"label": f"{raw.get('name', name)}, {raw.get('admin1') or '?'}, {raw.get('country_code') or '?'} "
                             f"({loc.latitude:.3f}, {loc.longitude:.3f})",
                    "lat": float(loc.latitude), "lon": float(loc.longitude), "name": raw.get("name") or name,
                    "admin1": raw.get("admin1"), "country_code": raw.get("country_code"),
                    "geonameid": raw.get("geonameid")})
    return out


def add_report_section(store: Path) -> None:
    from dashboard.events.schema import EVENT_TYPES, InputError, to_events

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
                ev, rejects = extract_report(text, upload, ss.get("rep_date"))
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
    for i, row in ev.iterrows():
        with st.container(border=True):
            head = (f"**{md(row['event_type'])}** / {md(row['sub_event_type'])} · "
                    f"{pd.Timestamp(row['event_date']):%Y-%m-%d} · {md(row['location'])}, {md(row['country'])} "
                    f"(geo precision {md(row['geo_precision'])})")
            st.markdown(head)
            if isinstance(row.get("evidence"), str):
                st.markdown(":orange-background[" + md(row["evidence"]) + "]")
            cands = place_candidates(str(row["location"]), None)
            labels = ["as extracted: " + f"{row['location']} ({row['latitude']:.3f}, {row['longitude']:.3f})"]
            labels += [c["label"] for c in cands if abs(c["lat"] - row["latitude"]) + abs(c["lon"] - row["longitude"]) > 1e-3]
            c1, c2, c3 = st.columns([3, 2, 1])
            c1.selectbox("Place", labels, key=f"rep_place_{i}")
            types = list(EVENT_TYPES)
            t = c2.selectbox("Type", types, index=types.index(row["event_type"]) if row["event_type"] in types else 0,
                             key=f"rep_type_{i}")
            subs = EVENT_TYPES[t]
            c2.selectbox("Sub-type", subs, index=subs.index(row["sub_event_type"]) if row["sub_event_type"] in subs
                         else 0, key=f"rep_sub_{i}")
            c3.checkbox("save", value=True, key=f"rep_keep_{i}")
    if rejects:
        with st.popover(f"{len(rejects)} passage(s) not turned into events"):
            for r in rejects[:50]:
                st.markdown(f"- row {r.row} · {md(r.field)}: {md(r.reason)}")
    if st.button("Save to the store", type="primary", key="rep_save"):
        keep = []
        for i in range(len(ev)):
            if not ss.get(f"rep_keep_{i}", True):
                continue
            row = ev.iloc[i].copy()
            row["event_type"] = ss.get(f"rep_type_{i}", row["event_type"])
            row["sub_event_type"] = ss.get(f"rep_sub_{i}", row["sub_event_type"])
            choice = ss.get(f"rep_place_{i}", "")
            for c in place_candidates(str(ev.iloc[i]["location"]), None):
                if c["label"] == choice:
                    row["latitude"], row["longitude"], row["location"] = c["lat"], c["lon"], c["name"]
                    row["admin1"], row["geonameid"] = c["admin1"], c["geonameid"]
                    row["tags"] = "; ".join(x for x in (row.get("tags") if isinstance(row.get("tags"), str) else "",
                                                        "place-corrected-by-user") if x)
            keep.append(row)
        if not keep:
            st.warning("Nothing selected to save.")
            return
        from dashboard.events.store import EventStore

        result = EventStore(store).append(to_events(pd.DataFrame(keep)))
        ss["report"] = None
        ss["flash"] = f"Saved: {result.added} new event(s), {result.merged} merged with events already in the store."
        st.rerun()

# ---------------------------------------------------------------- the page

path, is_demo = store_path()
if not path.exists():
    st.error(f"No event store at {md(str(path))}. Import data with `crisismap import` first.")
    st.stop()
mtime = path.stat().st_mtime
events = load_events(str(path), mtime)
window = F.data_window(events)
notices = init_session(events, is_demo, window) if "_init" not in st.session_state else []
opts = options_for(str(path), mtime)

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
    subs = [s for s in opts["sub_event_types"]]
    st.multiselect("Sub-event type", sorted(set(subs) | set(st.session_state.get("f_subtypes", []))),
                   key="f_subtypes", placeholder="all sub-types")
    st.multiselect("Actor", sorted(set(opts["actors"]) | set(st.session_state.get("f_actors", []))),
                   key="f_actors", placeholder="any actor")
    st.text_input("Text in notes or actors", key="f_text", placeholder="e.g. mutiny")
    st.number_input("Minimum fatalities", min_value=0, step=1, key="f_minfat")
    st.select_slider("Geo precision at most", options=[1, 2, 3], key="f_prec",
                     help="1 = the named town, 2 = near it / part of a region, 3 = a larger region")
    st.subheader("Where")
    st.multiselect("Country", sorted(set(opts["countries"]) | set(st.session_state.get("f_countries", []))),
                   key="f_countries", placeholder="all countries")
    st.multiselect("Admin-1", sorted(set(opts["admin1"]) | set(st.session_state.get("f_admin1", []))),
                   key="f_admin1", placeholder="all regions")
    st.text_input("Reference place", key="f_place", placeholder="e.g. Kati",
                  help="geocoded offline; rings and distances are measured from it")
    st.multiselect("Rings (km)", sorted(set(RING_CHOICES) | set(st.session_state.get("f_rings", []))),
                   key="f_rings", format_func=lambda v: f"{v:g} km")
    st.selectbox("Only within (km of the place)", RADIUS_CHOICES, key="f_radius",
                 format_func=lambda v: "no radius filter" if not v else f"{v:g} km")
    st.checkbox("Visible map area only", key="f_visible", on_change=_on_visible,
                help="reruns when you pan or zoom the map")
    if st.session_state.get("drawn_shape"):
        st.button("Clear drawn area", on_click=_clear_shape)
    st.subheader("Map layers")
    st.checkbox("Heat layer", key="f_heat")
    st.checkbox("Admin-1 choropleth (counts)", key="f_choro")
    st.checkbox("Precision rings", key="f_precrings", value=True)

for n in notices:
    st.info(md(n))
if st.session_state.get("flash"):
    st.success(st.session_state.pop("flash"))

state = current_state()

# reference place
ref = None
if state.place:
    hint = opts["main_country_code"][0] if opts["main_country_code"] else None
    try:
        found = geocode_place(state.place, hint)
    except Exception as exc:  # the geocoder failing must not break the page
        found = None
        st.sidebar.error(f"Could not look up “{md(state.place)}”: {md(str(exc))}")
    else:
        if found is None:
            st.sidebar.warning(f"No place called “{md(state.place)}” in the offline gazetteer. "
                               "Try another spelling; rings and the radius filter are off.")
        else:
            ref = (found[0], found[1])
            st.sidebar.caption(f"Reference: {md(found[2])} ({found[0]:.4f}, {found[1]:.4f})")
if state.radius_km and ref is None:
    st.sidebar.info("The radius filter needs a reference place that can be found.")

filtered = F.apply_filters(events, state, ref)
st.session_state["filtered_ids"] = filtered["event_id_cnty"].astype(str).tolist() if len(filtered) < 200_000 \
    else None
n = len(filtered)
span = F.data_window(filtered)
span_txt = f"{span[0]:%d %b %Y} – {span[1]:%d %b %Y}" if span else "no dates"
st.markdown(f"### {n:,} events · {span_txt}")
st.caption(md(state.summary()) + f" · of {len(events):,} events in the store")
synthetic = bool(n and opts["synthetic_origins"] and filtered["origin"].isin(opts["synthetic_origins"]).any())
if synthetic or "synthetic" in path.name.lower():
    st.warning("This view contains SYNTHETIC events (generated for testing, not real).")

# map
outlines, lines, _ = basemap_layers(str(path), mtime)
view = mapview.MapView(center=tuple(state.center) if state.center else demo.DEMO_VIEW.center,
                       zoom=int(state.zoom) if state.zoom else demo.DEMO_VIEW.zoom)
base = mapview.base_map(view, outlines, lines, shape_seed=st.session_state.get("_shape_seed"),
                        legend_note="SYNTHETIC data" if synthetic else "",
                        # the component reads returned_objects once, when it mounts: re-mount on toggle
                        generation=st.session_state.get("_draw_gen", 0) * 2 + int(state.visible_only))
ref_layer = mapview.ring_layer(ref, state.place, state.rings_km, ring_polygons(ref[0], ref[1], state.rings_km)) \
    if ref else None
choro = None
if st.session_state.get("f_choro"):
    choro = admin1_choropleth(filtered)
    if choro is None:
        st.info("The admin-1 choropleth needs dashboard.layers.admin1_counts, which is not installed.")
layer, mode = mapview.event_layers(filtered, heat=bool(st.session_state.get("f_heat")), choropleth=choro,
                                   precision_rings=bool(st.session_state.get("f_precrings", True)),
                                   ref_layer=ref_layer)
returned = ["all_drawings"] + (["bounds"] if state.visible_only else [])
missing_assets = mapview.assets.missing()
if missing_assets:
    st.error("The map's local JavaScript files are missing: run `make assets` (npm ci + "
             "python -m dashboard.views.assets).")
try:
    placeholder_bounds = base.get_bounds()  # what st_folium returns before the browser reports real bounds
except Exception:  # noqa: BLE001
    placeholder_bounds = None
try:
    from streamlit_folium import st_folium

    out = st_folium(base, key="map", feature_group_to_add=layer, height=MAP_HEIGHT, use_container_width=True,
                    returned_objects=returned) or {}
except Exception as exc:  # pragma: no cover - shown to the user rather than a traceback
    st.error(f"The map could not be drawn: {md(str(exc))}")
    out = {}
if mode == "grid":
    st.caption(f"{n:,} events are too many to draw one by one: the map shows them aggregated on a grid "
               "(click a circle for counts by type). Narrow the filters to see single events.")
elif mode == "clusters":
    st.caption("Nearby events are clustered: zoom in or click a cluster to split it.")

drawings = out.get("all_drawings")
if drawings is not None and drawings != st.session_state.get("_last_drawings"):
    # only a change made on the map counts (the component repeats its last value on every rerun)
    st.session_state["_last_drawings"] = drawings
    new_shape = F.shape_from_drawings(drawings)
    if new_shape != st.session_state.get("drawn_shape"):
        st.session_state["drawn_shape"] = new_shape
        st.rerun()
if state.visible_only:
    b = out.get("bounds") or {}
    try:
        bbox = (float(b["_southWest"]["lng"]), float(b["_southWest"]["lat"]),
                float(b["_northEast"]["lng"]), float(b["_northEast"]["lat"]))
    except (KeyError, TypeError, ValueError):
        bbox = None
    if placeholder_bounds and bbox == (placeholder_bounds[0][1], placeholder_bounds[0][0], placeholder_bounds[1][1],
                                       placeholder_bounds[1][0]):
        bbox = None
    if bbox and bbox != st.session_state.get("bbox"):
        st.session_state["bbox"] = bbox
        st.rerun()

# timeline
st.markdown("#### Timeline")
tl_cols = st.columns([4, 1])
tl_cols[1].radio("Bars per", ["day", "week"], key="f_freq", horizontal=True)
counts = timeline.timeline_counts(filtered, state.timeline_freq)
if counts.empty:
    st.info("No events match the filters.")
else:
    tl_cols[0].caption("Drag across the bars to set the date range.")
    # a new key per date window: after a brush narrows the dates, the redrawn chart starts without a brush
    tl_key = f"timeline_{state.start}_{state.end}_{state.timeline_freq}"
    st.altair_chart(timeline.timeline_chart(counts, state.timeline_freq), width="stretch", height=260,
                    on_select=functools.partial(_on_brush, tl_key), selection_mode=timeline.BRUSH, key=tl_key)

# table
st.markdown("#### Events")
sorts = list(table.SORTS) if ref else [s for s in table.SORTS if s != "nearest to the place"]
sort = st.selectbox("Sort", sorts, key="f_sort", label_visibility="collapsed")
rows = table.table_frame(filtered, sort=sort)
if n > len(rows):
    st.caption(f"Showing {len(rows):,} of {n:,} events ({sort}); export the filtered set for all of them.")
st.dataframe(rows, column_config=table.column_config(), hide_index=True, width="stretch", height=360)

# share + export (helper E), when present
share = _optional("dashboard.views.share")
if share is not None:
    try:
        params = share.to_query_params(state)
        if params != st.query_params.to_dict():
            st.query_params.from_dict(params)
    except Exception as exc:  # pragma: no cover
        st.caption(f"Link state unavailable: {md(str(exc))}")
export_ui = _optional("dashboard.views.export")
if export_ui is not None and hasattr(export_ui, "render_downloads"):
    with st.expander("Share & export"):
        export_ui.render_downloads(filtered, state, ref=ref)

# add a report (article -> events)
with st.expander("Add a report", expanded=st.session_state.get("report") is not None):
    add_report_section(path)
