"""Sharing the filtered view: a report-ready PNG, a standalone HTML map, data files, a one-page report.

Thin public functions over `png.py` (matplotlib picture), `standalone.py` (inlined folium map) and
`report.py` (printable page). Used by the page's download buttons and by `crisismap export`.
Event frames follow `dashboard.events.schema` (ACLED columns, EPSG:4326 degrees).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd

from dashboard.errors import InputError
from dashboard.events.provenance import sources_json
from dashboard.events.schema import CRS, EVENT_COLUMNS

TABLE_FORMATS = ("csv", "xlsx", "geojson", "gpkg")
MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
    "gpkg": "application/geopackage+sqlite3",
    "png": "image/png",
    "html": "text/html",
}
GPKG_LAYER = "events"


def export_png(events: gpd.GeoDataFrame, path_or_buffer, *, title: str = "crisismap", filters_summary: str = "",
               rings: Sequence[tuple[float, float, float]] | None = None,
               ref_place: tuple[str, float, float] | None = None,
               extent: tuple[float, float, float, float] | None = None,
               dpi: int = 300, size: str = "a4", **kwargs) -> None:
    """Write a static map picture (PNG) of `events` for reports: no tiles, works offline.

    rings: (lat, lon, radius_km) geodesic rings; ref_place: (name, lat, lon); extent:
    (west, south, east, north) degrees, default the events' bounds padded. size "a4" is A4
    landscape at `dpi` (300 dpi: 3508 x 2480 px); "slides" is 1600 x 900 px. Extra keywords:
    date_range=(start, end) dates, made_at=datetime, label_places=bool.
    """
    from dashboard.views.png import render_png

    render_png(events, path_or_buffer, title=title, filters_summary=filters_summary, rings=rings,
               ref_place=ref_place, extent=extent, dpi=dpi, size=size, **kwargs)


def png_bytes(events: gpd.GeoDataFrame, **kwargs) -> bytes:
    """`export_png` into memory (for st.download_button)."""
    buf = io.BytesIO()
    export_png(events, buf, **kwargs)
    return buf.getvalue()


def export_html(events: gpd.GeoDataFrame, path, *, title: str = "crisismap", **map_opts) -> None:
    """Write the interactive map as ONE HTML file that opens offline (Leaflet and plugins inlined).

    map_opts: ref_place=(name, lat, lon), rings_km=(km, ...), shape=GeoJSON geometry,
    center=(lat, lon), zoom=int, extent=(west, south, east, north), legend_note=str.
    Raises FileNotFoundError when the map's scripts are not installed locally (run `make assets`).
    """
    page = html_page(events, title=title, **map_opts)
    Path(path).write_text(page, encoding="utf-8")


def html_page(events: gpd.GeoDataFrame, *, title: str = "crisismap", **map_opts) -> str:
    """The standalone map page as a string (see `export_html`)."""
    from dashboard.views.standalone import standalone_html

    page, dropped = standalone_html(events, title=title, **map_opts)
    if dropped:
        raise FileNotFoundError(
            "the standalone map needs these files locally, run `make assets` (npm ci): " + ", ".join(dropped))
    return page


def _acled_frame(events: pd.DataFrame) -> pd.DataFrame:
    """The event columns in schema order (plus any extra non-geometry columns after them)."""
    cols = [c for c in EVENT_COLUMNS if c in events.columns]
    extra = [c for c in events.columns if c not in EVENT_COLUMNS and c != "geometry"
             and c != getattr(events, "_geometry_column_name", "geometry")]
    frame = pd.DataFrame(events[cols + extra])
    if "sources" in frame:  # every source, also for events never merged (derived from their own columns)
        frame["sources"] = sources_json(frame)
    return frame


#: first characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, prefixed with a single quote
    (OWASP); anything else unchanged. `"=1+1"` -> `"'=1+1"`, `"\t=1+1"` -> `"'\t=1+1"`."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text column's formula-like cells neutralised; numeric columns stay numbers (so a
    negative fatality or longitude is still a number, not text)."""
    out = frame.copy()
    for c in out.columns:
        col = out[c]
        if pd.api.types.is_numeric_dtype(col) or pd.api.types.is_datetime64_any_dtype(col) \
                or pd.api.types.is_bool_dtype(col):
            continue
        txt = col.astype("string")
        risky = txt.str.startswith(FORMULA_TRIGGERS).fillna(False).to_numpy()
        if risky.any():
            fixed = col.astype(object).copy()
            fixed[risky] = "'" + txt[risky].astype(str)
            out[c] = fixed
    return out


def _spreadsheet_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for c in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[c]):
            out[c] = out[c].dt.strftime("%Y-%m-%d")
    return neutralise_frame(out)


def export_table(events: gpd.GeoDataFrame, fmt: str) -> bytes:
    """The filtered events as file bytes: "csv" or "xlsx" (ACLED column names, schema order, dates
    YYYY-MM-DD; text cells that start with = + - @ TAB CR are prefixed with a single quote so a
    spreadsheet shows them as text), "geojson" (RFC 7946, EPSG:4326) or "gpkg" (GeoPackage,
    layer "events")."""
    fmt = fmt.lower().lstrip(".")
    if fmt not in TABLE_FORMATS:
        raise InputError("", f"expected one of {', '.join(TABLE_FORMATS)}, not {fmt!r}", field="format")
    frame = _acled_frame(events)
    if fmt == "csv":
        # CRLF rows (RFC 4180): a field holding a bare CR or LF is then quoted and reads back whole
        return _spreadsheet_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8")
    if fmt == "xlsx":
        return _xlsx_bytes(_spreadsheet_frame(frame))
    gdf = _geo_frame(events, frame)
    if fmt == "geojson":
        data = json.loads(gdf.to_json(drop_id=True, na="null"))
        data["name"] = GPKG_LAYER
        return json.dumps(data, ensure_ascii=False).encode("utf-8")
    fd, tmp = tempfile.mkstemp(suffix=".gpkg", prefix="crisismap-")
    os.close(fd)
    try:
        os.unlink(tmp)  # let the driver create it fresh
        gdf.to_file(tmp, layer=GPKG_LAYER, driver="GPKG", engine="pyogrio")
        return Path(tmp).read_bytes()
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _xlsx_bytes(frame: pd.DataFrame) -> bytes:
    """One sheet "events"; every text cell is written as a string (never a formula)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(GPKG_LAYER)
    ws.append([str(c) for c in frame.columns])
    for row in frame.astype(object).itertuples(index=False, name=None):
        cells = []
        for v in row:
            if v is None or v is pd.NA or (isinstance(v, float) and v != v):
                cells.append(None)
            elif hasattr(v, "item") and not isinstance(v, str):
                cells.append(v.item())
            else:
                cells.append(v)
        ws.append(cells)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _geo_frame(events: pd.DataFrame, frame: pd.DataFrame) -> gpd.GeoDataFrame:
    """Points in EPSG:4326 with dates as ISO strings (portable across GeoJSON and GeoPackage)."""
    out = frame.copy()
    for c in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[c]):
            out[c] = out[c].dt.strftime("%Y-%m-%d").astype("string")
        elif isinstance(out[c].dtype, pd.BooleanDtype):
            out[c] = out[c].astype("Int64")
    lon = pd.to_numeric(out.get("longitude"), errors="coerce") if "longitude" in out else None
    lat = pd.to_numeric(out.get("latitude"), errors="coerce") if "latitude" in out else None
    if isinstance(events, gpd.GeoDataFrame) and events.geometry is not None and events.crs is not None:
        geom = events.geometry.to_crs(CRS).to_numpy()
    else:
        geom = gpd.points_from_xy(lon, lat, crs=CRS)
    return gpd.GeoDataFrame(out, geometry=gpd.GeoSeries(geom, index=out.index, crs=CRS), crs=CRS)


def export_report(events: gpd.GeoDataFrame, *, state=None, title: str = "crisismap report",
                  made_at: dt.datetime | None = None, **kwargs) -> str:
    """One printable HTML page (A4 landscape print CSS): map picture, timeline, counts by type and
    admin-1, the events with their evidence and sources, the filters applied and when it was made.
    Every value from the data is html-escaped. kwargs go to the map picture (rings, ref_place, extent).
    """
    from dashboard.views.report import render_report

    return render_report(events, state=state, title=title, made_at=made_at, **kwargs)


def check_output(path: str | Path) -> Path:
    """Raise OutputError (naming the path and the cause) when `path` cannot be an output file: a
    folder, a missing or read-only parent folder, a path through a file."""
    from dashboard.errors import OutputError

    p = Path(path)
    if p.is_dir():
        raise OutputError(str(p), "is a folder, not a file; give a file name")
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.exists():
        raise OutputError(str(p), f"the folder {parent} does not exist")
    if not parent.is_dir():
        raise OutputError(str(p), f"{parent} is a file, not a folder")
    if p.exists() and not p.is_file():
        return p  # a device such as /dev/stdout or /dev/full: written directly
    if not os.access(parent, os.W_OK):
        raise OutputError(str(p), f"the folder {parent} is read-only (permission denied)")
    if p.exists() and not os.access(p, os.W_OK):
        raise OutputError(str(p), "the file is read-only (permission denied)")
    return p


def _os_cause(exc: OSError) -> str:
    import errno

    causes = {errno.ENOSPC: "no space left on the device (disk full)", errno.EACCES: "permission denied",
              errno.EPERM: "permission denied", errno.EROFS: "read-only file system",
              errno.EISDIR: "is a folder, not a file", errno.ENOENT: "the folder does not exist",
              errno.ENOTDIR: "a part of the path is a file, not a folder", errno.EDQUOT: "disk quota exceeded"}
    return causes.get(exc.errno or -1, exc.strerror or str(exc))


def write_output(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all: a regular file is written beside it and renamed
    into place, so a full disk leaves no half file. Every failure is an OutputError (path + cause)."""
    from dashboard.errors import OutputError

    p = check_output(path)
    try:
        if p.exists() and not p.is_file():
            with open(p, "wb") as fh:
                fh.write(data)
                fh.flush()
            return
        fd, tmp = tempfile.mkstemp(dir=p.parent if str(p.parent) else ".", prefix=f".{p.name}.", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, p)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError as exc:
        raise OutputError(str(p), _os_cause(exc)) from None


def filename(stem: str, fmt: str, when: dt.date | None = None) -> str:
    """A download file name such as crisismap-2020-08-18.png (ASCII, no spaces)."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in stem).strip("-") or "crisismap"
    day = (when or dt.date.today()).isoformat()
    return f"{safe}-{day}.{fmt}"


# ---------------------------------------------------------------- the page's "Share & export" panel

def view_extent(state, width_px: int = 1000, height_px: int = 560) -> tuple[float, float, float, float] | None:
    """The map's extent (west, south, east, north degrees): the reported bounds when known, else
    computed from the centre and zoom for a `width_px` x `height_px` Web-Mercator map, else None."""
    if state is None:
        return None
    if getattr(state, "bbox", None):
        return tuple(float(v) for v in state.bbox)  # type: ignore[return-value]
    center, zoom = getattr(state, "center", None), getattr(state, "zoom", None)
    if not center or zoom is None:
        return None
    from dashboard.views.mapview import view_extent as extent_at

    return extent_at(center, zoom, width_px, height_px)


def picture_options(state, ref: tuple[float, float] | None) -> dict:
    """export_png keywords for a filter state and its geocoded reference (lat, lon)."""
    opts: dict = {"filters_summary": state.summary() if state is not None else ""}
    if state is not None:
        opts["date_range"] = (state.start, state.end) if (state.start or state.end) else None
        opts["extent"] = view_extent(state)
        if ref is not None:
            name = state.place or "reference"
            opts["ref_place"] = (name, float(ref[0]), float(ref[1]))
            radii = list(state.rings_km) + ([state.radius_km] if state.radius_km else [])
            opts["rings"] = [(float(ref[0]), float(ref[1]), float(r)) for r in dict.fromkeys(radii) if r]
    return opts


def render_downloads(events: gpd.GeoDataFrame, state=None, *, ref: tuple[float, float] | None = None,
                     base_url: str | None = None, title: str = "crisismap") -> None:
    """Streamlit controls: the share link (with a copy button) and download buttons for the PNG map
    (A4 300 dpi, slides), the standalone HTML map, CSV/GeoJSON/GeoPackage and the report.
    Files are made only when a button is clicked (callable data)."""
    import streamlit as st

    from dashboard.views import share

    if base_url is None:
        try:
            base_url = st.context.url or "http://localhost:8501/"
        except Exception:  # noqa: BLE001 - outside a browser session (AppTest)
            base_url = "http://localhost:8501/"
    if state is not None:
        st.markdown("**Link to this view** (copy it with the button at the right)")
        st.code(share.share_url(base_url, state), language=None, wrap_lines=True)
    pic = picture_options(state, ref)
    day = dt.date.today()
    n = len(events)
    st.caption(f"Downloads hold exactly the {n:,} filtered events.")
    c1, c2, c3 = st.columns(3)
    c1.download_button("Map PNG (A4, 300 dpi)", lambda: png_bytes(events, title=title, size="a4", **pic),
                       file_name=filename("crisismap-map", "png", day), mime=MIME["png"], on_click="ignore",
                       key="dl_png_a4")
    c1.download_button("Map PNG (slides, 1600 px)", lambda: png_bytes(events, title=title, size="slides", **pic),
                       file_name=filename("crisismap-map-slides", "png", day), mime=MIME["png"],
                       on_click="ignore", key="dl_png_slides")
    map_opts: dict = {}
    if state is not None and ref is not None:
        map_opts = {"ref_place": (state.place or "reference", float(ref[0]), float(ref[1])),
                    "rings_km": tuple(state.rings_km)}
    if state is not None and state.shape:
        map_opts["shape"] = state.shape
    c2.download_button("Map HTML (offline)", lambda: html_page(events, title=title, **map_opts).encode("utf-8"),
                       file_name=filename("crisismap-map", "html", day), mime=MIME["html"], on_click="ignore",
                       key="dl_html")
    c2.download_button("Report (HTML, prints on one A4 page)",
                       lambda: export_report(events, state=state, title=f"{title} report",
                                             rings=pic.get("rings"), ref_place=pic.get("ref_place"),
                                             extent=pic.get("extent")).encode("utf-8"),
                       file_name=filename("crisismap-report", "html", day), mime=MIME["html"],
                       on_click="ignore", key="dl_report")
    for fmt, label in (("csv", "CSV (ACLED columns)"), ("xlsx", "Excel (XLSX)"), ("geojson", "GeoJSON"),
                       ("gpkg", "GeoPackage")):
        c3.download_button(label, (lambda f=fmt: export_table(events, f)), file_name=filename("crisismap-events", fmt, day),
                           mime=MIME[fmt], on_click="ignore", key=f"dl_{fmt}")
