"""ACLED CSV exports, every vintage, read by header name (never by position).

Handles the current column set (`event_id_cnty, event_date, ..., tags, timestamp`), older ones
(`data_id, iso, event_id_cnty, event_id_no_cnty, ..., iso3`; the 2010s `ALLY_ACTOR_1` upper-case
files), text actor types (`inter1 = "State forces"`, 2024+) and numeric ones, and the date styles
`2020-08-18`, `18 August 2020`, `18-August-2020`, `18/08/2020`. Old event-type names
("Battle-No change of territory", "Remote violence", "Riots/Protests", ...) are mapped to today's
six types with a note in `tags` (`old_event_type=...`). Coordinates: WGS84 degrees. Dates in any
spreadsheet re-save (`5-Aug-24`, `15/07/2022`, Excel serials; see `dashboard.sources.datecols`).

Monadic exports (one row per actor, so an event appears once per actor under the same
`event_id_cnty`) are folded into one event that keeps every actor: the first row's actor is
`actor1` (with its `assoc_actor_1` and `inter1`), the other row's actor becomes `actor2` (with its
associated actors and inter code), a third one is added to `assoc_actor_2`; fatalities are the
largest of the rows (they repeat the event's count) and sources are united. Each folded event is
tagged `acled_rows=N`; the folded rows count as loaded (rows = loaded + rejected still holds).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard.events.schema import INTER_CODES, interaction_codes, stable_event_id
from dashboard.events.store import join_lists
from dashboard.sources import countries
from dashboard.sources.distinct import distinct
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
    row_keys,
)

ALIASES = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2", "event_id": "event_id_cnty",
           "actor": "actor1", "assoc_actor": "assoc_actor_1", "inter": "inter1", "actor_1": "actor1",
           "actor_2": "actor2", "inter_1": "inter1", "inter_2": "inter2", "lat": "latitude", "lon": "longitude",
           "lng": "longitude", "long": "longitude", "date": "event_date", "type": "event_type"}
REQUIRED = ["event_date", "event_type", "latitude", "longitude"]
KNOWN = ["event_id_cnty", "time_precision", "disorder_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
         "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "iso3", "region", "country",
         "admin1", "admin2", "admin3", "location", "geo_precision", "source", "source_scale", "notes",
         "fatalities", "tags", "timestamp", "year"]
#: rows at the end of a chunk whose event may continue in the next chunk (monadic pairs are adjacent)
CARRY_ROWS = 2000
_INTER_BY_NAME = {v.lower(): k for k, v in INTER_CODES.items()}


def looks_like(columns: list[str]) -> bool:
    """True if normalised header names look like an ACLED export."""
    cols = set(columns)
    return "event_id_cnty" in cols or {"event_type", "actor1", "event_date"} <= cols


def _inter(s: pd.Series | None) -> pd.Series | None:
    """inter1/inter2 as codes 1-8: numeric strings or ACLED's text names ("State forces")."""
    if s is None:
        return None
    codes, uniq, _counts = distinct(s)  # a handful of codes or names: work on those only
    txt = clean_str(uniq)
    num = pd.to_numeric(txt, errors="coerce").astype("Float64")
    named = pd.to_numeric(txt.str.lower().map(lambda v: _INTER_BY_NAME.get(v) if isinstance(v, str) else None),
                          errors="coerce").astype("Float64")
    code = num.fillna(named).astype("Int64").array
    return pd.Series(code.take(codes, allow_fill=True), index=s.index, dtype="Int64")


def convert(batch: Batch, file: str, source_name: str | None = None) -> ReadResult:
    """One chunk of an ACLED export -> events + rejects."""
    df = batch.frame.rename(columns={k: v for k, v in ALIASES.items() if k in batch.frame.columns
                                     and v not in batch.frame.columns})
    col = df.get
    blank = pd.Series("", index=df.index)

    def text(name: str) -> pd.Series:
        """A column as clean strings (all missing when the file has no such column)."""
        return clean_str(col(name, blank))

    chk = RowChecker(df, batch.rownums, file, batch.state)

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
        keys = row_keys(df)
        fallback = pd.Series([stable_event_id(c if isinstance(c, str) else "XX", "acled", k)
                              for c, k in zip(iso2.to_numpy(dtype=object) if iso2 is not None else [None] * len(df),
                                              keys.to_numpy(dtype=object), strict=True)],
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
    events, folded = fold_actors(build_events(chk, columns, df.index))
    res = ReadResult.from_batch(events, batch, chk, file=file, format="acled")
    res.folded = folded
    return res


def _same(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Element-wise equality of two object arrays of names, NA-safe (NA equals nothing)."""
    return np.array([isinstance(x, str) and isinstance(y, str) and x == y for x, y in zip(a, b, strict=True)],
                    dtype=bool)


def fold_actors(events: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, int]:
    """Fold rows that share an `event_id_cnty` (monadic exports) into one event with every actor.

    Returns (events, number of rows folded away)."""
    if events.empty:
        return events, 0
    ids = events["event_id_cnty"].astype("string")
    dup = ids.duplicated(keep=False).to_numpy()
    if not dup.any():
        return events, 0
    events = events.reset_index(drop=True)
    rank = events.groupby(ids.to_numpy(), sort=False).cumcount().to_numpy()
    base_pos = {eid: i for i, eid in enumerate(ids.to_numpy()) if rank[i] == 0}
    cols = ["actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2"]
    val = {c: events[c].astype(object).where(events[c].notna(), None).to_numpy(copy=True) for c in cols}
    fat = events["fatalities"].to_numpy(dtype="float64", copy=True)
    src = events["source"].astype(object).where(events["source"].notna(), None).to_numpy(copy=True)
    count = np.ones(len(events), dtype=int)
    for k in range(1, int(rank.max()) + 1):
        rows = np.flatnonzero(rank == k)
        base = np.array([base_pos[e] for e in ids.to_numpy()[rows]], dtype=int)
        count[base] += 1
        with np.errstate(invalid="ignore"):
            fat[base] = np.fmax(fat[base], fat[rows])
        for j, b in zip(rows, base, strict=True):
            src[b] = join_lists(src[b], src[j])
        # each actor of the other row (its actor1, then its actor2) joins the event once
        for a, assoc, inter in (("actor1", "assoc_actor_1", "inter1"), ("actor2", "assoc_actor_2", "inter2")):
            name = val[a][rows]
            known = (_same(name, val["actor1"][base]) | _same(name, val["actor2"][base])
                     | np.array([not isinstance(x, str) for x in name], dtype=bool))
            free = np.array([not isinstance(x, str) for x in val["actor2"][base]], dtype=bool)
            fill = ~known & free
            val["actor2"][base[fill]] = name[fill]
            val["assoc_actor_2"][base[fill]] = val[assoc][rows][fill]
            val["inter2"][base[fill]] = val[inter][rows][fill]
            extra = ~known & ~free
            for j, b in zip(rows[extra], base[extra], strict=True):
                val["assoc_actor_2"][b] = join_lists(val["assoc_actor_2"][b], val[a][j], val[assoc][j])
            # associated actors of a side already known join that side
            for side, side_assoc in (("actor1", "assoc_actor_1"), ("actor2", "assoc_actor_2")):
                same = _same(name, val[side][base])
                for j, b in zip(rows[same], base[same], strict=True):
                    val[side_assoc][b] = join_lists(val[side_assoc][b], val[assoc][j])
    keep = rank == 0
    out = events.copy()
    for c in cols:
        out[c] = pd.array(val[c], dtype=events[c].dtype) if c.startswith("inter") else pd.array(val[c], dtype="string")
    out["fatalities"] = fat
    out["source"] = pd.array(src, dtype="string")
    out["interaction"] = interaction_codes(out["inter1"], out["inter2"])
    many = count > 1
    out.loc[many, "tags"] = append_tag(out.loc[many, "tags"],
                                       pd.Series([f"acled_rows={n}" for n in count[many]], index=out.index[many]))
    out = out[keep].reset_index(drop=True)
    return out, int((~keep).sum())


def _carry_pairs(batches: Iterator[Batch]) -> Iterator[Batch]:
    """Hold back the last rows of each chunk whose event id also occurs near its end, so the rows of
    one event (monadic exports) are folded in the same chunk."""
    prev: Batch | None = None
    for batch in batches:
        if prev is None:
            prev = batch
            continue
        frame = prev.frame
        if "event_id_cnty" in frame.columns and len(frame) > 1:
            ids = frame["event_id_cnty"].astype(str).str.strip()
            # a monadic file (ids repeat near the end): its last event may go on in the next chunk
            monadic = bool(ids.iloc[-CARRY_ROWS:].duplicated().any())
            carry = (ids == ids.iloc[-1]).to_numpy() if monadic else np.zeros(len(ids), dtype=bool)
            if carry.any() and not carry.all():
                head = Batch(frame[~carry].reset_index(drop=True), prev.rownums[~carry], prev.rejects, prev.state,
                             prev.short)
                batch = Batch(pd.concat([frame[carry], batch.frame], ignore_index=True),
                              np.concatenate([prev.rownums[carry], batch.rownums]), batch.rejects, batch.state,
                              {**prev.short, **batch.short})
                prev = head
        yield prev
        prev = batch
    if prev is not None:
        yield prev


def iter_read(path: str | Path, *, source_name: str | None = None, chunk_rows: int = CHUNK_ROWS) -> Iterator[ReadResult]:
    """Stream an ACLED CSV (comma, semicolon or tab separated) in chunks of `chunk_rows` rows."""
    for batch in _carry_pairs(iter_delimited(path, required=REQUIRED, what="an ACLED export", aliases=ALIASES,
                                             chunk_rows=chunk_rows, known=KNOWN)):
        yield convert(batch, str(path), source_name)


def read(path: str | Path, *, source_name: str | None = None) -> ReadResult:
    """Read a whole ACLED CSV -> ReadResult (events in the event schema, EPSG:4326)."""
    return ReadResult.concat(iter_read(path, source_name=source_name), file=str(path), format="acled")
