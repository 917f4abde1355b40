"""What the page's controls show and do, as plain functions (testable without Streamlit).

Widget values <-> `FilterState`, the options offered by the sidebar, the reference-place lookup
with its user-facing message, the quick date windows, and the "Add a report" corrections.
Coordinates are WGS84 degrees; distances km. Messages meant for st.markdown are already escaped.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard import demo as demo_data
from dashboard import settings
from dashboard.filters import FilterState, data_window
from dashboard.views.mapview import MapView, fit_view
from dashboard.views.table import md_escape as md

RING_CHOICES = [5.0, 10.0, 15.0, 25.0, 50.0, 100.0, 200.0]
RADIUS_CHOICES = [0.0, 5.0, 10.0, 15.0, 25.0, 50.0, 100.0, 200.0, 500.0]
#: the demo opens on Mali, with the build-up of protests and the August 2020 coup in view.
DEMO_VIEW = MapView(center=demo_data.DEMO_CENTER, zoom=demo_data.DEMO_ZOOM)
#: FilterState field -> widget key (the keys tests and shared links rely on).
KEYS = {
    "event_types": "f_types", "sub_event_types": "f_subtypes", "actors": "f_actors",
    "countries": "f_countries", "admin1": "f_admin1", "text": "f_text", "min_fatalities": "f_minfat",
    "max_geo_precision": "f_prec", "place": "f_place", "rings_km": "f_rings", "visible_only": "f_visible",
}
#: the table keeps at most this many filtered ids in the session (for tests and the browser check).
MAX_FILTERED_IDS = 200_000
USER_CORRECTED_TAG = "place-corrected-by-user"


# ---------------------------------------------------------------- the store

def store_path() -> tuple[str, bool]:
    """(store location, is it the demo store?): $CRISISMAP_STORE (a GeoPackage path or a postgresql://
    URL, kept as given), else the demo store (built if needed)."""
    env = settings.store_from_env()
    if env:
        return env, False
    return str(demo_data.ensure_demo_store(quiet=True)), True


# ---------------------------------------------------------------- options

def event_options(events: pd.DataFrame) -> dict[str, list[str]]:
    """Values offered by the multiselects (sorted; actors most frequent first, at most 400), the
    origins that are synthetic and the data's most common country code (lower case, as a 0/1 list)."""

    def uniq(c: str) -> list[str]:
        return sorted(events[c].dropna().astype(str).unique().tolist()) if c in events else []

    actors = pd.concat([events[c] for c in ("actor1", "actor2") if c in events]).dropna().astype(str)
    origins = events["origin"].dropna().astype(str).unique().tolist() if "origin" in events else []
    cc = events["country_code"].dropna().astype(str) if "country_code" in events else pd.Series(dtype=str)
    return {
        "synthetic_origins": [o for o in origins if "synthetic" in o.lower()],
        "main_country_code": [cc.mode().iloc[0].lower()] if len(cc) else [],
        "event_types": uniq("event_type"), "sub_event_types": uniq("sub_event_type"),
        "actors": actors.value_counts().head(400).index.tolist(), "countries": uniq("country"),
        "admin1": uniq("admin1"),
    }


def with_selected(options: list, selected) -> list:
    """The options plus whatever is already selected (a shared link may name values not in the data), sorted."""
    return sorted(set(options) | set(selected or []))


def is_synthetic(events: pd.DataFrame, synthetic_origins: list[str]) -> bool:
    """True when any of the events comes from one of the `synthetic_origins`."""
    return bool(len(events) and synthetic_origins and events["origin"].isin(synthetic_origins).any())


def headline(events: pd.DataFrame) -> str:
    """The page's header for the filtered events, e.g. "### 1,234 events · 01 Jun 2020 – 30 Sep 2020"."""
    span = data_window(events)
    span_txt = f"{span[0]:%d %b %Y} – {span[1]:%d %b %Y}" if span else "no dates"
    return f"### {len(events):,} events · {span_txt}"


def filtered_ids(events: pd.DataFrame, limit: int = MAX_FILTERED_IDS) -> list[str] | None:
    """The filtered events' ids (None above `limit`, to keep the session small)."""
    return events["event_id_cnty"].astype(str).tolist() if len(events) < limit else None


# ---------------------------------------------------------------- widget values <-> FilterState

def default_state(events: pd.DataFrame | None = None, demo: bool = True) -> FilterState:
    """The filters the page opens with: the demo window and Kati with 15/50 km rings, or for
    another store the last 90 days of its data and no reference place."""
    if demo:
        return FilterState(start=demo_data.DEMO_START, end=demo_data.DEMO_END, place=demo_data.DEMO_PLACE,
                           rings_km=demo_data.DEMO_RINGS_KM, center=DEMO_VIEW.center, zoom=DEMO_VIEW.zoom)
    if events is None or events.empty or events["event_date"].dropna().empty:
        return FilterState()
    last = events["event_date"].max().date()
    view = fit_view(events)
    return FilterState(start=last - dt.timedelta(days=89), end=last, center=view.center, zoom=view.zoom)


def opening_state(events: pd.DataFrame, is_demo: bool, params: Mapping[str, str | list[str]] | None
                  ) -> tuple[FilterState, list[str]]:
    """The state a session opens with: a shared link's (query params) if any, else the default view.
    A malformed link never raises: it gives the default view and a notice."""
    from dashboard.views import share

    state = default_state(events, demo=is_demo)
    if not params:
        return state, []
    try:
        return share.from_query_params(params)
    except Exception as exc:  # noqa: BLE001 - a malformed link never breaks the page
        return state, [f"The link could not be read ({exc}); showing the default view."]


def widget_values(state: FilterState, window: tuple[dt.date, dt.date] | None) -> dict[str, object]:
    """Session-state values (widget keys and the page's own keys) that show `state`; the dates are
    clamped to the data's `window` (and empty when the data has no dates)."""
    start, end = state.start, state.end
    if window:
        start = min(max(start or window[0], window[0]), window[1])
        end = max(min(end or window[1], window[1]), window[0])
    out: dict[str, object] = {"f_dates": (start, end) if window else ()}
    for fld, key in KEYS.items():
        v = getattr(state, fld)
        out[key] = list(v) if isinstance(v, tuple) else v
    out["f_rings"] = [float(r) for r in state.rings_km]
    out["f_radius"] = float(state.radius_km or 0.0)
    out["drawn_shape"] = state.shape
    out["_shape_seed"] = state.shape
    out["bbox"] = state.bbox
    out["map_center"], out["map_zoom"] = state.center, state.zoom
    out["f_freq"] = "week" if state.timeline_freq == "W" else "day"
    return out


def state_from_widgets(ss: Mapping) -> FilterState:
    """The FilterState the session's widget values describe (inverse of `widget_values`)."""
    dates = ss.get("f_dates") or ()
    start = dates[0] if len(dates) >= 1 else None
    end = dates[1] if len(dates) >= 2 else None
    radius = float(ss.get("f_radius") or 0)
    return FilterState(
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


def last_days(window: tuple[dt.date, dt.date], days: int | None) -> tuple[dt.date, dt.date]:
    """The last `days` days of `window` (inclusive, never before its start); the whole window for None."""
    if days is None:
        return window
    return max(window[0], window[1] - dt.timedelta(days=days - 1)), window[1]


# ---------------------------------------------------------------- the reference place

def lookup_place(geocoder, query: str, country_hint: str | None) -> tuple[float, float, str] | None:
    """(lat, lon degrees, label) of a typed place from a geopy-style geocoder, trying the data's
    country (`country_hint`, ISO alpha-2) first; None when nothing matches."""
    loc = geocoder.geocode(query, country_codes=country_hint) if country_hint else None
    if loc is None:
        loc = geocoder.geocode(query)
    if loc is None:
        return None
    return float(loc.latitude), float(loc.longitude), str(getattr(loc, "address", query) or query)


@dataclass(frozen=True)
class Reference:
    """The reference place as found (`ref` = (lat, lon) degrees, or None) and what to tell the user:
    `level` is "caption", "warning" or "error" (a Streamlit call), `message` is escaped Markdown."""

    ref: tuple[float, float] | None
    level: str = ""
    message: str = ""


def reference_place(place: str, lookup) -> Reference:
    """Resolve the typed `place` with `lookup(place) -> (lat, lon, label) | None`. A lookup that raises
    gives an error message, an unknown name a warning; the page never breaks on either."""
    if not place:
        return Reference(None)
    try:
        found = lookup(place)
    except Exception as exc:  # noqa: BLE001 - the geocoder failing must not break the page
        return Reference(None, "error", f"Could not look up “{md(place)}”: {md(str(exc))}")
    if found is None:
        return Reference(None, "warning", f"No place called “{md(place)}” in the offline gazetteer. "
                                          "Try another spelling; rings and the radius filter are off.")
    return Reference((found[0], found[1]), "caption", f"Reference: {md(found[2])} ({found[0]:.4f}, {found[1]:.4f})")


# ---------------------------------------------------------------- add a report

def extract_report(text: str, when: dt.date | None, upload_name: str | None = None,
                   upload_bytes: bytes | None = None) -> tuple[pd.DataFrame, list]:
    """Run the article pipeline (read_article -> extract_events) on pasted text, or on an uploaded
    file (its name gives the format: .txt or .html) when `upload_bytes` is given."""
    from dashboard.events.extract import extract_events
    from dashboard.sources.article import read_article

    if upload_bytes is not None:
        suffix = Path(upload_name or "").suffix.lower() or ".txt"
        with tempfile.TemporaryDirectory() as tmp:
            f = Path(tmp) / ("report" + suffix)
            f.write_bytes(upload_bytes)
            return extract_events(read_article(f, date=when))
    return extract_events(read_article(text, date=when))


def place_candidates(geocoder, name: str, limit: int = 8) -> list[dict]:
    """Places the gazetteer knows by this name: dicts with label, lat, lon, name, admin1,
    country_code, geonameid (degrees)."""
    if not name:
        return []
    out = []
    for loc in geocoder.geocode(name, exactly_one=False, limit=limit) or []:
        raw = loc.raw or {}
        out.append({"label": f"{raw.get('name', name)}, {raw.get('admin1') or '?'}, {raw.get('country_code') or '?'} "
                             f"({loc.latitude:.3f}, {loc.longitude:.3f})",
                    "lat": float(loc.latitude), "lon": float(loc.longitude), "name": raw.get("name") or name,
                    "admin1": raw.get("admin1"), "country_code": raw.get("country_code"),
                    "geonameid": raw.get("geonameid")})
    return out


def place_labels(row: Mapping, candidates: list[dict]) -> list[str]:
    """Choices for an extracted event's place: as extracted first, then the other candidates
    (those more than ~0.001 degree away)."""
    labels = ["as extracted: " + f"{row['location']} ({row['latitude']:.3f}, {row['longitude']:.3f})"]
    labels += [c["label"] for c in candidates
               if abs(c["lat"] - row["latitude"]) + abs(c["lon"] - row["longitude"]) > 1e-3]
    return labels


def report_heading(row: Mapping) -> str:
    """One extracted event as escaped Markdown: type / sub-type · date · place (geo precision)."""
    return (f"**{md(row['event_type'])}** / {md(row['sub_event_type'])} · "
            f"{pd.Timestamp(row['event_date']):%Y-%m-%d} · {md(row['location'])}, {md(row['country'])} "
            f"(geo precision {md(row['geo_precision'])})")


def type_index(options: list[str], value) -> int:
    """Index of `value` in `options` (0 when absent), for a selectbox's default."""
    return options.index(value) if value in options else 0


def corrected_row(row: pd.Series, event_type: str, sub_event_type: str, place_choice: str,
                  candidates: list[dict]) -> pd.Series:
    """An extracted event with the user's corrections: type, sub-type and, when a candidate's label
    was chosen, its place (coordinates, name, admin1, geonameid, and a tag saying so)."""
    row = row.copy()
    row["event_type"] = event_type
    row["sub_event_type"] = sub_event_type
    for c in candidates:
        if c["label"] == place_choice:
            row["latitude"], row["longitude"], row["location"] = c["lat"], c["lon"], c["name"]
            row["admin1"], row["geonameid"] = c["admin1"], c["geonameid"]
            row["tags"] = "; ".join(x for x in (row.get("tags") if isinstance(row.get("tags"), str) else "",
                                                USER_CORRECTED_TAG) if x)
    return row
