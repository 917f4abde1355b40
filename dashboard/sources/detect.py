"""Pick the reader for a file from its name, header and content; `format=` forces one.

Formats: acled, ucdp, gdelt, table (CSV/TSV/XLSX with lat/lon or place names), vector
(GeoJSON/GeoPackage/GeoParquet points). Detection order for text files: GDELT without header
(tab, 57/58/61 fields, id + YYYYMMDD first), then the header: UCDP (`type_of_violence`,
`where_prec`), GDELT (`GLOBALEVENTID`, `ActionGeo_Lat`), ACLED (`event_id_cnty` or `event_type` +
`actor1` + `event_date`), a plain table (lat/lon or place columns). Anything else: InputError.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from dashboard.events.schema import InputError
from dashboard.sources import FORMATS, acled, gdelt, table, ucdp, vector
from dashboard.sources.tabular import (
    ReadResult,
    check_text,
    dedupe_names,
    first_line,
    head_text,
    norm_name,
    sheet_header,
    sniff_delimiter,
)

__all__ = ["FORMATS", "ReadResult", "detect_format", "iter_read_any", "read_any"]

READERS = {"acled": acled, "ucdp": ucdp, "gdelt": gdelt, "table": table, "vector": vector}
assert FORMATS == ("auto", *READERS)


def detect_format(path: str | Path) -> str:
    """The format name of a file (acled|ucdp|gdelt|table|vector); InputError if none fits."""
    p = Path(path)
    file = str(path)
    suffix = p.suffix.lower()
    if not p.exists():
        raise InputError(file, "no such file")
    if suffix in (".xlsx", ".xlsm", ".xls"):  # a spreadsheet: by its header like a CSV
        names = sheet_header(p)
        for fmt, mod in (("ucdp", ucdp), ("acled", acled)):
            if mod.looks_like(names):
                return fmt
        return "table"
    if suffix in (".gpkg", ".parquet", ".geoparquet", ".fgb", ".shp"):
        return "vector"
    enc = check_text(p)
    text = head_text(p, enc)
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{") or stripped.startswith("["):
        if '"Feature' in text or '"type"' in text:
            return "vector"
        raise InputError(file, "JSON that is not GeoJSON; give a GeoJSON FeatureCollection of points")
    line = first_line(text)
    if gdelt.looks_like_headless(line):
        return "gdelt"
    delim = sniff_delimiter(line)
    if delim is None:
        if norm_name(line) in table.PLACE_ONLY_HEADERS:
            return "table"
        raise InputError(file, "not a table: no column separator (, ; TAB |) in the first line", row=0)
    import csv

    header = next(csv.reader([line], delimiter=delim))
    names = dedupe_names([norm_name(h) for h in header])
    if ucdp.looks_like(names):
        return "ucdp"
    if gdelt.looks_like(names):
        return "gdelt"
    if acled.looks_like(names):
        return "acled"
    if table.looks_like(names):
        return "table"
    raise InputError(file, "cannot tell the format from the header (" + ", ".join(header[:8])
                     + ("..." if len(header) > 8 else "") + "); use --format acled|ucdp|gdelt|table|vector", row=0)


def _reader(path: str | Path, format: str):
    fmt = (format or "auto").lower()
    if fmt == "auto":
        fmt = detect_format(path)
    if fmt not in READERS:
        raise InputError(str(path), f"unknown format {format!r}; expected one of {', '.join(FORMATS)}", field="format")
    return fmt, READERS[fmt]


def iter_read_any(path: str | Path, *, format: str = "auto", source_name: str | None = None) -> Iterator[ReadResult]:
    """Stream a file as chunks of ReadResult (vector and XLSX files come as one chunk)."""
    fmt, mod = _reader(path, format)
    for part in mod.iter_read(path, source_name=source_name):
        part.format = fmt
        yield part


def read_any(path: str | Path, *, format: str = "auto", source_name: str | None = None) -> ReadResult:
    """Read any supported file -> ReadResult (events in the event schema, EPSG:4326)."""
    fmt, mod = _reader(path, format)
    res = mod.read(path, source_name=source_name)
    res.format = fmt
    return res
