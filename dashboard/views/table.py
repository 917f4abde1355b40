"""The events table: the filtered events as a small, sortable frame with source links.

Only the first `limit` rows (after a server-side sort) go to the browser, so the table's
payload stays bounded however many events pass the filters.
"""

from __future__ import annotations

import pandas as pd

from dashboard.events.provenance import sources_text

TABLE_LIMIT = 1000

#: (source column, label) in display order.
COLUMNS: list[tuple[str, str]] = [
    ("event_date", "date"),
    ("event_type", "type"),
    ("sub_event_type", "sub-type"),
    ("location", "place"),
    ("distance_km", "distance (km)"),
    ("fatalities", "fatalities"),
    ("actor1", "actor 1"),
    ("actor2", "actor 2"),
    ("admin1", "admin-1"),
    ("country", "country"),
    ("geo_precision", "geo precision"),
    ("source_url", "link"),
    ("notes", "notes"),
    ("source", "source"),
    ("origin", "origin"),
    ("event_id_cnty", "id"),
]

SORTS = {
    "newest first": ("event_date", False),
    "oldest first": ("event_date", True),
    "most fatalities": ("fatalities", False),
    "nearest to the place": ("distance_km", True),
}


def sort_choices(has_reference: bool) -> list[str]:
    """The sort orders on offer: "nearest to the place" only when a reference place was found."""
    return list(SORTS) if has_reference else [s for s in SORTS if s != "nearest to the place"]


def table_frame(events: pd.DataFrame, sort: str = "newest first", limit: int = TABLE_LIMIT) -> pd.DataFrame:
    """The rows to show (at most `limit`, sorted server-side by `sort`), with readable column names."""
    col, asc = SORTS.get(sort, SORTS["newest first"])
    if col not in events:
        col, asc = SORTS["newest first"]
    ev = events
    if len(ev) > limit:
        # partial sort: only the rows that will be shown
        if col == "event_date":
            key = pd.to_datetime(ev[col]).astype("int64").astype("float64").where(ev[col].notna())
        else:
            key = pd.to_numeric(ev[col], errors="coerce").astype("float64")
        key = key.fillna(float("inf") if asc else float("-inf"))
        idx = key.nsmallest(limit).index if asc else key.nlargest(limit).index
        ev = ev.loc[idx]
    ev = ev.sort_values(col, ascending=asc, na_position="last", kind="stable")
    out = pd.DataFrame(index=range(len(ev)))
    for c, label in COLUMNS:
        if c in ev:
            v = ev[c].to_numpy()
            out[label] = v
    if "sources" in ev:  # every report and dataset row behind a merged event (provenance)
        out["all sources"] = [sources_text({"sources": v}) if isinstance(v, str) else None for v in ev["sources"]]
    if "date" in out:
        out["date"] = pd.to_datetime(out["date"]).dt.date
    if "link" in out:
        out["link"] = [u if isinstance(u, str) and u.lower().startswith(("http://", "https://")) else None
                       for u in out["link"]]
    return out


def truncation_note(shown: int, total: int, sort: str) -> str:
    """A caption when the table shows fewer rows than match ("" when it shows them all)."""
    if total <= shown:
        return ""
    return f"Showing {shown:,} of {total:,} events ({sort}); export the filtered set for all of them."


def column_config() -> dict:
    """Streamlit column settings: the link column opens the source, the distance has units."""
    import streamlit as st

    return {
        "link": st.column_config.LinkColumn("link", display_text="source ↗", help="the report or data source"),
        "distance (km)": st.column_config.NumberColumn("distance (km)", format="%.1f",
                                                       help="geodesic km to the reference place"),
        "notes": st.column_config.TextColumn("notes", width="large"),
        "date": st.column_config.DateColumn("date", format="YYYY-MM-DD"),
    }


_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:=\"'")


def md_escape(text: object) -> str:
    """Untrusted text made inert for st.markdown / st.caption / st.info: every Markdown (and HTML)
    special character is backslash-escaped, so no link, image or tag can come out of it."""
    s = "" if text is None else str(text)
    s = s.replace("\r", " ").replace("\n", " ")
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in s)
