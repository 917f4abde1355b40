"""A plain table (CSV/TSV/semicolon CSV or XLSX) -> events.

Columns are found by common names (case and punctuation ignored):
- coordinates: `lat, latitude, y` and `lon, lng, long, longitude, x` (degrees WGS84);
- or only a place name: `place, location, name, city, town, village, place_name, locality`,
  geocoded offline with `dashboard.places.geocoder.OfflineGeocoder` (country hint from a country
  column when present). A row with empty coordinates but a place name is geocoded too. A name the
  gazetteer does not know is rejected with that reason; geocoded rows carry `geonameid`,
  `place_score` and the geocoder's `geo_precision`, and `geocoded=offline` in tags;
- `date, event_date, day, datetime` (required); `event_type, type, category`; `sub_event_type,
  subtype`; `fatalities, deaths, killed`; `actor1, actor, actor_1`; `actor2, actor_2`; `notes,
  description, summary, text`; `source`; `source_url, url, link`; `country`; `country_code, iso2,
  cc`; `admin1, province, state`; `id, event_id, event_id_cnty`.
A table without an event-type column gives events with no type (shown as "Unspecified").
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.events.schema import InputError, stable_event_id
from dashboard.sources import countries
from dashboard.sources.tabular import (
    CHUNK_ROWS,
    SHEET_SUFFIXES,
    Batch,
    ReadResult,
    RowChecker,
    append_tag,
    build_events,
    check_coordinates,
    check_dates,
    check_fatalities,
    check_text,
    check_types,
    clean_str,
    first_line,
    head_text,
    iter_batches,
    iter_sheet,
    norm_name,
    row_keys,
    sniff_delimiter,
)

ALIASES: dict[str, list[str]] = {
    "latitude": ["latitude", "lat", "y", "lat_dd", "decimal_latitude"],
    "longitude": ["longitude", "lon", "lng", "long", "x", "lon_dd", "decimal_longitude"],
    "place": ["place", "location", "name", "city", "town", "village", "place_name", "locality"],
    "event_date": ["event_date", "date", "day", "datetime", "date_start"],
    "event_type": ["event_type", "type", "category"],
    "sub_event_type": ["sub_event_type", "subtype", "sub_type"],
    "fatalities": ["fatalities", "deaths", "killed"],
    "actor1": ["actor1", "actor", "actor_1"],
    "actor2": ["actor2", "actor_2"],
    "notes": ["notes", "description", "summary", "text"],
    "source": ["source"],
    "source_url": ["source_url", "url", "link"],
    "country": ["country", "country_name"],
    "country_code": ["country_code", "iso2", "cc"],
    "admin1": ["admin1", "province", "state"],
    "id": ["event_id_cnty", "event_id", "id"],
}
PLACE_ONLY_HEADERS = set(ALIASES["place"])


def resolve_columns(names: list[str]) -> dict[str, str]:
    """Our field -> the table's (normalised) column name, by the aliases above, first match wins."""
    out: dict[str, str] = {}
    cols = list(names)
    for key, aliases in ALIASES.items():
        for a in aliases:
            if a in cols and a not in out.values():
                out[key] = a
                break
    return out


def looks_like(names: list[str]) -> bool:
    m = resolve_columns(names)
    return ("latitude" in m and "longitude" in m) or "place" in m


class _Geocache:
    """Geocode each distinct (name, country) once, offline."""

    def __init__(self):
        self._geocoder = None
        self._cache: dict[tuple[str, str], object] = {}

    def __call__(self, name: str, cc: str):
        key = (name, cc)
        if key not in self._cache:
            if self._geocoder is None:
                from dashboard.places.geocoder import OfflineGeocoder

                self._geocoder = OfflineGeocoder()
            self._cache[key] = self._geocoder.geocode(name, country_codes=cc or None)
        return self._cache[key]


def convert(batch: Batch, file: str, source_name: str | None = None, geocache: _Geocache | None = None,
            origin: str = "table") -> ReadResult:
    df = batch.frame
    idx = df.index
    m = resolve_columns(list(df.columns))
    col = lambda k: clean_str(df[m[k]]) if k in m else pd.Series(pd.NA, index=idx, dtype="string")  # noqa: E731
    chk = RowChecker(df, batch.rownums, file, batch.state)
    iso2 = countries.iso2_clean(col("country_code")) if "country_code" in m else pd.Series(pd.NA, index=idx, dtype="string")
    if "country" in m:
        iso2 = iso2.fillna(countries.iso2_from_name(col("country")))
    lat_raw, lon_raw = col("latitude"), col("longitude")
    place = col("place")
    geonameid = pd.Series(pd.NA, index=idx, dtype="Int64")
    score = pd.Series(np.nan, index=idx)
    prec = pd.Series(pd.NA, index=idx, dtype="Int64")
    geocoded = pd.Series("", index=idx, dtype="string")
    need = (lat_raw.isna() | lon_raw.isna()) & place.notna()
    if need.any():
        geocache = geocache or _Geocache()
        lat_raw, lon_raw = lat_raw.astype(object), lon_raw.astype(object)
        for i in np.flatnonzero(need.to_numpy()):
            name = place.iat[i]
            cc = iso2.iat[i] if isinstance(iso2.iat[i], str) else ""
            loc = geocache(name, cc)
            if loc is None:
                where = f" in {cc}" if cc else ""
                chk.fail(np.arange(len(df)) == i, m["place"], f"place {name!r} not found{where} in the offline gazetteer")
                continue
            raw = loc.raw or {}
            lat_raw.iat[i], lon_raw.iat[i] = str(loc.latitude), str(loc.longitude)
            geonameid.iat[i] = raw.get("geonameid")
            score.iat[i] = raw.get("score", np.nan)
            prec.iat[i] = raw.get("precision")
            geocoded.iat[i] = "geocoded=offline"
            if not cc and raw.get("country_code"):
                iso2.iat[i] = raw["country_code"]
    lat_field = m.get("latitude", m.get("place", "latitude"))
    lon_field = m.get("longitude", m.get("place", "longitude"))
    no_place = lat_raw.isna() & lon_raw.isna() & place.isna()
    chk.fail(no_place.to_numpy(), m.get("place", lat_field), "no coordinates and no place name")
    lat, lon = check_coordinates(chk, lat_raw.astype("string").fillna(""), lon_raw.astype("string").fillna(""), iso2,
                                 lat_field=lat_field, lon_field=lon_field)
    dates = check_dates(chk, col("event_date").fillna(""), m["event_date"])
    if "event_type" in m:
        typ, sub, note = check_types(chk, col("event_type"), col("sub_event_type"), m["event_type"])
    else:
        typ, sub, note = (pd.Series(pd.NA, index=idx, dtype="string"), col("sub_event_type"),
                          pd.Series(pd.NA, index=idx, dtype="string"))
    fat = check_fatalities(chk, col("fatalities"), m["fatalities"]) if "fatalities" in m else None
    tags = append_tag(note, geocoded)
    if source_name:
        tags = append_tag(tags, pd.Series(f"dataset={source_name}", index=idx))
    if "id" in m:
        given = col("id")
        ids = pd.Series([stable_event_id(c if isinstance(c, str) else "XX", origin, g) if isinstance(g, str) else None
                         for c, g in zip(iso2.to_numpy(dtype=object), given.to_numpy(dtype=object), strict=True)],
                        index=idx, dtype="string")
    else:
        ids = pd.Series(pd.NA, index=idx, dtype="string")
    missing = ids.isna().to_numpy()
    if missing.any():
        keys = row_keys(df)
        ids[missing] = [stable_event_id(c if isinstance(c, str) else "XX", origin, k)
                        for c, k in zip(iso2[missing].to_numpy(dtype=object), keys[missing].to_numpy(dtype=object),
                                        strict=True)]
    location = place
    columns = {
        "event_id_cnty": ids, "event_date": dates, "time_precision": 1, "event_type": typ, "sub_event_type": sub,
        "actor1": col("actor1"), "actor2": col("actor2"),
        "country": col("country").fillna(countries.country_name(iso2)), "admin1": col("admin1"), "location": location,
        "latitude": lat, "longitude": lon, "geo_precision": prec, "source": col("source"), "source_url": col("source_url"),
        "notes": col("notes"), "fatalities": fat, "tags": tags, "geonameid": geonameid, "place_score": score,
        "origin": origin, "country_code": iso2, "source_id": origin + ":" + ids,
    }
    events = build_events(chk, columns, idx)
    return ReadResult.from_batch(events, batch, chk, file=file, format="table")


def _check_header(file: str, names: list[str]) -> None:
    m = resolve_columns(names)
    if not (("latitude" in m and "longitude" in m) or "place" in m):
        raise InputError(file, "no coordinate columns (lat/latitude/y and lon/lng/long/longitude/x) and no place-name "
                               "column (place/location/name/city); found: " + ", ".join(names[:20]))
    if "event_date" not in m:
        raise InputError(file, "no date column (date/event_date/day/datetime)", field="event_date")


def iter_read(path: str | Path, *, source_name: str | None = None, chunk_rows: int = CHUNK_ROWS) -> Iterator[ReadResult]:
    """Stream a CSV table in chunks (an XLSX sheet is read whole)."""
    file = str(path)
    geocache = _Geocache()
    if Path(path).suffix.lower() in SHEET_SUFFIXES:
        for batch in iter_sheet(path):
            _check_header(file, list(batch.frame.columns))
            yield convert(batch, file, source_name, geocache)
        return
    enc = check_text(path)
    line = first_line(head_text(path, enc))
    delim = sniff_delimiter(line)
    if delim is None:
        if norm_name(line) in PLACE_ONLY_HEADERS:
            delim = ","
        else:
            raise InputError(file, "not a table: no column separator (, ; TAB |) in the first line", row=0)
    for batch in iter_batches(path, encoding=enc, delimiter=delim, chunk_rows=chunk_rows):
        _check_header(file, list(batch.frame.columns))
        yield convert(batch, file, source_name, geocache)


def read(path: str | Path, *, source_name: str | None = None) -> ReadResult:
    """Read a whole plain table -> ReadResult (event schema, EPSG:4326)."""
    return ReadResult.concat(iter_read(path, source_name=source_name), file=str(path), format="table")
