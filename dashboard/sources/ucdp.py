"""UCDP Georeferenced Event Dataset (GED) CSV -> events: the yearly GED release, the monthly
Candidate release, and downloads from the UCDP Data Explorer.

Read by header name, liberal about spelling (case, spaces, `_est` suffixes): the Data Explorer's
`best_est`/`high_est`/`low_est` are `best`/`high`/`low`, its dates may carry a time
(`10/06/2023 00:00:00`, day/month order learnt from `date_start` and `date_end` together) and its
`active_year` is "True"/"False" (kept in tags). Columns other than latitude, longitude,
`date_start` and `type_of_violence` may be absent (no id: a stable id from the row's content;
no `best`: fatalities unknown; no or unknown `where_prec`: precision unknown). `type_of_violence`
may be the code (1, 2, 3) or its name ("State-based conflict", "Non-state conflict",
"One-sided violence"). Rows end CRLF while quoted text fields hold bare LF, so the file is read
with the csv module and `newline=''`. Mapping decisions (also in `tags` so nothing is lost):

- `type_of_violence`: 1 state-based and 2 non-state -> Battles / Armed clash;
  3 one-sided -> Violence against civilians / Attack (`actor2` = side_b, usually "Civilians").
- `where_prec` -> `geo_precision`: 1 exact place -> 1; 2 within ~25 km -> 2; 3 ADM2 (cercle) -> 2
  (part of a region); 4 ADM1 -> 3; 5 larger or between places, 6 country, 7 water/airspace -> 3.
  The original is kept as `ucdp_where_prec=N` in tags.
- `date_prec` -> `time_precision`: 1 day -> 1; 2 (2-6 days) and 3 (week) -> 2; 4 month, 5 longer -> 3.
  `event_date` = `date_start`; `date_end` goes to tags.
- `best` -> fatalities; `low`/`high`, conflict and dyad names go to tags.
- `source_article` -> source, `source_office`/`source_headline` -> tags-free `notes` tail,
  `source_date` -> source_date, `where_coordinates` -> location, `adm_1`/`adm_2` -> admin1/admin2,
  `where_description` -> notes. `event_id_cnty` = stable id of the UCDP `id`; `source_id` = `ucdp:<id>`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.events.schema import interaction_codes, stable_event_id
from dashboard.sources import countries
from dashboard.sources.datecols import DateOrder
from dashboard.sources.distinct import distinct, map_distinct
from dashboard.sources.tabular import (
    CHUNK_ROWS,
    Batch,
    ReadResult,
    RowChecker,
    build_events,
    check_coordinates,
    check_dates,
    check_fatalities,
    clean_str,
    date_order,
    iter_delimited,
    kv_tags,
    parse_dates,
    row_keys,
)

REQUIRED = ["type_of_violence", "latitude", "longitude", "date_start"]
KNOWN = ["id", "relid", "year", "active_year", "code_status", "conflict_name", "dyad_name", "side_a", "side_b",
         "source_article", "source_office", "source_date", "source_headline", "where_prec", "where_coordinates",
         "where_description", "adm_1", "adm_2", "country", "region", "date_prec", "date_end", "best", "high", "low"]
ALIASES = {"best_est": "best", "high_est": "high", "low_est": "low", "best_estimate": "best",
           "high_estimate": "high", "low_estimate": "low", "deaths_best": "best", "start_date": "date_start",
           "end_date": "date_end", "lat": "latitude", "lon": "longitude", "lng": "longitude", "long": "longitude",
           "event_id": "id", "ged_id": "id", "violence_type": "type_of_violence", "type_of_violence_code": "type_of_violence",
           "adm1": "adm_1", "adm2": "adm_2"}
_TOV_NAMES = {"state-based": "1", "state based": "1", "non-state": "2", "non state": "2", "one-sided": "3", "one sided": "3"}
TYPE_MAP = {"1": ("Battles", "Armed clash"), "2": ("Battles", "Armed clash"),
            "3": ("Violence against civilians", "Attack")}
WHERE_PREC = {"1": 1, "2": 2, "3": 2, "4": 3, "5": 3, "6": 3, "7": 3}
DATE_PREC = {"1": 1, "2": 2, "3": 2, "4": 3, "5": 3}


def looks_like(columns: list[str]) -> bool:
    from dashboard.sources.tabular import canonical_names

    ren = canonical_names(columns, REQUIRED + KNOWN, ALIASES, REQUIRED)
    cols = {ren.get(c, c) for c in columns}
    return {"type_of_violence", "where_prec"} <= cols or {"best", "dyad_name", "side_a"} <= cols \
        or {"type_of_violence", "side_a", "date_start"} <= cols


def _tov_code(v: pd.Series) -> pd.Series:
    """type_of_violence as "1"/"2"/"3": codes ("1", "1.0") or names ("One-sided violence"); worked out
    once per distinct value."""
    codes, uniq, _counts = distinct(v)
    out = _tov_distinct(uniq).array.take(codes, allow_fill=True)
    return pd.Series(out, index=v.index, dtype="string")


def _tov_distinct(v: pd.Series) -> pd.Series:
    low = v.str.lower()
    num = pd.to_numeric(v, errors="coerce")
    code = num.map(lambda x: str(int(x)) if pd.notna(x) and float(x).is_integer() else None).astype("string")
    for key, c in _TOV_NAMES.items():
        code = code.mask(code.isna() & low.str.contains(key, regex=False).fillna(False), c)
    return code.fillna(v)


def convert(batch: Batch, file: str, source_name: str | None = None) -> ReadResult:
    df = batch.frame
    idx = df.index
    blank = pd.Series("", index=idx)
    col = lambda name: clean_str(df[name]) if name in df.columns else clean_str(blank)  # noqa: E731
    chk = RowChecker(df, batch.rownums, file, batch.state)

    iso2 = countries.iso2_from_name(col("country"))
    lat, lon = check_coordinates(chk, df["latitude"], df["longitude"], iso2)
    order = date_order(chk, "date_start")
    if "date_end" in df.columns:
        order.observe(df["date_end"])  # written like date_start: its days above 12 tell the order too
    dates = check_dates(chk, df["date_start"], "date_start")
    fat = check_fatalities(chk, df["best"], "best") if "best" in df.columns else None
    tov = _tov_code(col("type_of_violence"))
    known = tov.isin(list(TYPE_MAP)).fillna(False).to_numpy()
    tv = tov.fillna("").to_numpy(dtype=object)
    chk.fail(~known, "type_of_violence",
             lambda i: f"unknown type_of_violence {tv[i]!r}; expected 1, 2 or 3" if tv[i] else "type_of_violence is missing")
    wp = col("where_prec").str.replace(r"\.0$", "", regex=True)

    event_type = map_distinct(tov, lambda v: TYPE_MAP.get(v, (None, None))[0])
    sub_type = map_distinct(tov, lambda v: TYPE_MAP.get(v, (None, None))[1])
    geo_prec = map_distinct(wp, WHERE_PREC.get, "Int64")
    time_prec = map_distinct(col("date_prec"), DATE_PREC.get, "Int64")
    side_a, side_b = col("side_a"), col("side_b")
    inter1 = pd.Series(np.where(side_a.fillna("").str.startswith("Government of"), 1, np.nan), index=idx)
    inter2 = pd.Series(np.where(side_b.fillna("").str.startswith("Government of"), 1,
                                np.where((tov == "3").fillna(False).to_numpy(dtype=bool), 7, np.nan)), index=idx)
    ucdp_id = col("id").str.replace(r"\.0$", "", regex=True)
    if ucdp_id.isna().any():
        keys = row_keys(df)
        ucdp_id = ucdp_id.fillna(pd.Series([stable_event_id("ucdp-row", k) for k in keys], index=idx, dtype="string"))
    ids = pd.Series([stable_event_id(c if isinstance(c, str) else "XX", "ucdp", i)
                     for c, i in zip(iso2.to_numpy(dtype=object), ucdp_id.to_numpy(dtype=object), strict=True)],
                    index=idx, dtype="string")
    src_date, _m, _b = parse_dates(col("source_date").str.split(";").str[0], DateOrder("source_date", order.order))
    end, _m2, _b2 = parse_dates(col("date_end"), DateOrder("date_end", order.order))
    tags = kv_tags(
        idx, ucdp_id=ucdp_id, ucdp_type_of_violence=tov, ucdp_where_prec=wp, ucdp_date_prec=col("date_prec"),
        date_end=pd.Series(pd.to_datetime(end).strftime("%Y-%m-%d"), index=idx), low=col("low"), high=col("high"),
        conflict=col("conflict_name"), dyad=col("dyad_name"), active_year=col("active_year"),
        code_status=col("code_status"), dataset=pd.Series(source_name or "", index=idx),
    )
    where_desc = col("where_description")
    notes = where_desc.fillna("")
    headline = col("source_headline").fillna("")
    notes = (notes.where((notes == "") | (headline == ""), notes + " | ") + headline).replace("", pd.NA)

    columns = {
        "event_id_cnty": ids, "event_date": dates, "time_precision": time_prec,
        "event_type": event_type, "sub_event_type": sub_type,
        "actor1": side_a, "inter1": inter1, "actor2": side_b, "inter2": inter2,
        "region": col("region"), "country": col("country"),
        "admin1": col("adm_1"), "admin2": col("adm_2"), "location": col("where_coordinates"),
        "latitude": lat, "longitude": lon, "geo_precision": geo_prec,
        "source": col("source_article"), "source_scale": col("source_office"),
        "notes": notes, "fatalities": fat, "tags": tags,
        "source_date": src_date, "origin": "ucdp", "country_code": iso2, "source_id": "ucdp:" + ucdp_id,
    }
    events = build_events(chk, columns, idx)
    if len(events):
        events["interaction"] = interaction_codes(events["inter1"], events["inter2"])
    return ReadResult.from_batch(events, batch, chk, file=file, format="ucdp")


def iter_read(path: str | Path, *, source_name: str | None = None, chunk_rows: int = CHUNK_ROWS) -> Iterator[ReadResult]:
    """Stream a UCDP GED CSV in chunks."""
    for batch in iter_delimited(path, required=REQUIRED, what="a UCDP GED file", chunk_rows=chunk_rows,
                                known=KNOWN, aliases=ALIASES):
        yield convert(batch, str(path), source_name)


def read(path: str | Path, *, source_name: str | None = None) -> ReadResult:
    """Read a whole UCDP GED CSV -> ReadResult (event schema, EPSG:4326)."""
    return ReadResult.concat(iter_read(path, source_name=source_name), file=str(path), format="ucdp")
