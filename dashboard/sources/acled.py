"""ACLED CSV exports, every vintage, read by header name (never by position).

Handles the current column set (`event_id_cnty, event_date, ..., tags, timestamp`), older ones
(`data_id, iso, event_id_cnty, event_id_no_cnty, ..., iso3`; the 2010s `ALLY_ACTOR_1` upper-case
files), text actor types (`inter1 = "State forces"`, 2024+) and numeric ones, and the date styles
`2020-08-18`, `18 August 2020`, `18-August-2020`, `18/08/2020`. Old event-type names
("Battle-No change of territory", "Remote violence", "Riots/Protests", ...) are mapped to today's
six types with a note in `tags` (`old_event_type=...`). Coordinates: WGS84 degrees.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.events.schema import INTER_CODES, stable_event_id
from dashboard.sources import countries
from dashboard.sources.tabular import (
    CHUNK_ROWS,
    Batch,
    ReadResult,
    RowChecker,
    append_tag,
    build_events,
    check_coordinates,
    check_dates,
    check_fatalities,
    check_types,
    clean_str,
    iter_delimited,
)

ALIASES = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2", "event_id": "event_id_cnty"}
REQUIRED = ["event_date", "event_type", "latitude", "longitude"]
_INTER_BY_NAME = {v.lower(): k for k, v in INTER_CODES.items()}


def looks_like(columns: list[str]) -> bool:
    """True if normalised header names look like an ACLED export."""
    cols = set(columns)
    return "event_id_cnty" in cols or {"event_type", "actor1", "event_date"} <= cols


def _inter(s: pd.Series | None) -> pd.Series | None:
    """inter1/inter2 as codes 1-8: numeric strings or ACLED's text names ("State forces")."""
    if s is None:
        return None
    txt = clean_str(s)
    num = pd.to_numeric(txt, errors="coerce")
    named = txt.str.lower().map(lambda v: _INTER_BY_NAME.get(v) if isinstance(v, str) else None)
    return num.fillna(pd.to_numeric(named, errors="coerce")).astype("Int64")


def convert(batch: Batch, file: str, source_name: str | None = None) -> ReadResult:
    """One chunk of an ACLED export -> events + rejects."""
    df = batch.frame.rename(columns={k: v for k, v in ALIASES.items() if k in batch.frame.columns
                                     and v not in batch.frame.columns})
    col = df.get
    blank = pd.Series("", index=df.index)

    def text(name: str) -> pd.Series:
        """A column as clean strings (all missing when the file has no such column)."""
        return clean_str(col(name, blank))

    chk = RowChecker(df, batch.rownums, file)

    iso2 = None
    if "iso" in df.columns:
        iso2 = countries.iso2_from_numeric(df["iso"])
    if "iso3" in df.columns:
        i3 = countries.iso2_from_iso3(df["iso3"])
        iso2 = i3 if iso2 is None else iso2.fillna(i3)
    if "country" in df.columns:
        byname = countries.iso2_from_name(clean_str(df["country"]))
        iso2 = byname if iso2 is None else iso2.fillna(byname)

    lat, lon = check_coordinates(chk, df["latitude"], df["longitude"], iso2)
    dates = check_dates(chk, df["event_date"], "event_date")
    typ, sub, note = check_types(chk, df["event_type"], col("sub_event_type", blank))
    fat = check_fatalities(chk, df["fatalities"]) if "fatalities" in df.columns else None

    inter1, inter2 = _inter(col("inter1")), _inter(col("inter2"))
    interaction = None
    if "interaction" in df.columns:
        interaction = pd.to_numeric(clean_str(df["interaction"]), errors="coerce")
    if inter1 is not None:
        lo = np.fmin(inter1.astype("float64"), inter2.astype("float64")) if inter2 is not None else inter1.astype("float64")
        hi = np.fmax(inter1.astype("float64"), inter2.astype("float64")) if inter2 is not None else inter1.astype("float64") * 0
        derived = pd.Series(lo * 10 + np.nan_to_num(hi), index=df.index)
        interaction = derived if interaction is None else pd.Series(interaction, index=df.index).fillna(derived)

    # Old "Riots/Protests" rows: rioters (inter 5) make it a riot.
    old_rp = df["event_type"].astype("string").str.strip().str.lower() == "riots/protests"
    if inter1 is not None and old_rp.any():
        rioters = (inter1 == 5).fillna(False) | ((inter2 == 5).fillna(False) if inter2 is not None else False)
        typ = typ.mask(old_rp & rioters, "Riots")

    ids = text("event_id_cnty")
    if ids.isna().any():
        keys = df.astype(str).agg("|".join, axis=1)
        fallback = pd.Series([stable_event_id(c if isinstance(c, str) else "XX", "acled", k)
                              for c, k in zip(iso2 if iso2 is not None else [None] * len(df), keys, strict=True)],
                             index=df.index, dtype="string")
        ids = ids.fillna(fallback)
    tags = text("tags")
    tags = append_tag(tags, note)
    if source_name:
        tags = append_tag(tags, pd.Series(f"dataset={source_name}", index=df.index))

    columns = {
        "event_id_cnty": ids, "event_date": dates,
        "time_precision": text("time_precision"),
        "disorder_type": text("disorder_type"),
        "event_type": typ, "sub_event_type": sub,
        "actor1": text("actor1"),
        "assoc_actor_1": text("assoc_actor_1"),
        "inter1": inter1,
        "actor2": text("actor2"),
        "assoc_actor_2": text("assoc_actor_2"),
        "inter2": inter2, "interaction": interaction,
        "civilian_targeting": text("civilian_targeting"),
        "iso": text("iso"),
        "region": text("region"),
        "country": text("country"),
        "admin1": text("admin1"),
        "admin2": text("admin2"),
        "admin3": text("admin3"),
        "location": text("location"),
        "latitude": lat, "longitude": lon,
        "geo_precision": text("geo_precision"),
        "source": text("source"),
        "source_scale": text("source_scale"),
        "notes": text("notes"),
        "fatalities": fat, "tags": tags,
        "timestamp": text("timestamp"),
        "origin": "acled", "country_code": iso2,
        "source_id": "acled:" + ids,
    }
    if columns["disorder_type"] is not None and columns["disorder_type"].isna().all():
        columns["disorder_type"] = None
    return ReadResult.from_batch(build_events(chk, columns, df.index), batch, chk, file=file, format="acled")


def iter_read(path: str | Path, *, source_name: str | None = None, chunk_rows: int = CHUNK_ROWS) -> Iterator[ReadResult]:
    """Stream an ACLED CSV (comma, semicolon or tab separated) in chunks of `chunk_rows` rows."""
    for batch in iter_delimited(path, required=REQUIRED, what="an ACLED export", aliases=ALIASES,
                                chunk_rows=chunk_rows):
        yield convert(batch, str(path), source_name)


def read(path: str | Path, *, source_name: str | None = None) -> ReadResult:
    """Read a whole ACLED CSV -> ReadResult (events in the event schema, EPSG:4326)."""
    return ReadResult.concat(iter_read(path, source_name=source_name), file=str(path), format="acled")
