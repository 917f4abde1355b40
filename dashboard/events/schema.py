"""The event schema: ACLED's column names plus crisismap's provenance columns.

This is the lowest floor of the package: every other module may import it, and it
imports nothing from the package. Coordinates are WGS84 degrees (EPSG:4326).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard.errors import InputError  # noqa: F401  (re-exported: readers import it from here)

CRS = "EPSG:4326"

#: ACLED's own column names, in ACLED's order.
ACLED_COLUMNS: list[str] = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]

#: crisismap's provenance columns, after ACLED's. `sources` is a JSON list of every report and dataset
#: row behind the event and `linked_ids` the "; "-joined ids of other curated datasets' rows of the same
#: happening (see dashboard.events.provenance).
PROVENANCE_COLUMNS: list[str] = [
    "source_url", "source_date", "evidence", "evidence_start", "evidence_end", "geonameid",
    "place_score", "origin", "fatalities_stated", "country_code", "source_id", "sources", "linked_ids",
]

EVENT_COLUMNS: list[str] = ACLED_COLUMNS + PROVENANCE_COLUMNS

#: pandas dtypes for each column (strings are pandas' nullable "string").
DTYPES: dict[str, str] = {c: "string" for c in EVENT_COLUMNS}
DTYPES.update({
    "event_date": "datetime64[ns]",
    "source_date": "datetime64[ns]",
    "year": "Int64",
    "time_precision": "Int64",
    "inter1": "Int64",
    "inter2": "Int64",
    "interaction": "Int64",
    "iso": "Int64",
    "latitude": "float64",
    "longitude": "float64",
    "geo_precision": "Int64",
    "fatalities": "Int64",
    "timestamp": "Int64",
    "evidence_start": "Int64",
    "evidence_end": "Int64",
    "geonameid": "Int64",
    "place_score": "float64",
    "fatalities_stated": "boolean",
})

#: ACLED event types and their sub-event types.
EVENT_TYPES: dict[str, list[str]] = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": [
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": [
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ],
}

#: ACLED's disorder type for each event type.
DISORDER_TYPES: dict[str, str] = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

#: ACLED actor-type codes (inter1 / inter2).
INTER_CODES: dict[int, str] = {
    1: "State forces", 2: "Rebel groups", 3: "Political militias", 4: "Identity militias",
    5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other forces",
}

#: A colour per event type (ColorBrewer Dark2 / Set1 hues), shared by the map, timeline and PNG.
TYPE_COLORS: dict[str, str] = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#1f77b4",
    "Riots": "#8c564b",
    "Strategic developments": "#2ca02c",
}

ORIGINS = ("acled", "ucdp", "gdelt", "article", "manual", "table", "vector")

SUB_TO_TYPE: dict[str, str] = {s: t for t, subs in EVENT_TYPES.items() for s in subs}


@dataclass(frozen=True)
class Reject:
    """One input row that did not become an event, and why.

    `row` is the 1-based data row number in the input file (the header is row 0),
    `field` the column (or "" for the whole row), `reason` a sentence for a person.
    """

    row: int
    field: str
    reason: str
    file: str = ""

    def to_dict(self) -> dict:
        return asdict(self)




def interaction_code(inter1, inter2) -> int | None:
    """ACLED's interaction code: the two actor-type digits, lower first (e.g. 1 and 6 -> 16)."""
    if inter1 is None or pd.isna(inter1):
        return None
    a = int(inter1)
    if inter2 is None or pd.isna(inter2) or int(inter2) == 0:
        return a * 10
    b = int(inter2)
    lo, hi = sorted((a, b))
    return lo * 10 + hi


def interaction_codes(inter1, inter2) -> pd.arrays.IntegerArray:
    """`interaction_code` for whole columns (Int64, NA where inter1 is missing)."""
    a = np.trunc(pd.array(inter1, dtype="Float64").to_numpy(dtype="float64", na_value=np.nan))
    b = np.trunc(pd.array(inter2, dtype="Float64").to_numpy(dtype="float64", na_value=np.nan))
    with np.errstate(invalid="ignore"):
        one = np.isnan(b) | (b == 0)
        out = np.where(np.isnan(a), np.nan, np.where(one, a * 10, np.fmin(a, b) * 10 + np.fmax(a, b)))
    return pd.array(out, dtype="Int64")


def stable_event_id(iso2: str, *parts: object) -> str:
    """A stable `event_id_cnty`: ISO2 country code + 8 hex digits of a hash of the parts.

    The same parts always give the same id, so re-importing a file never makes new ids.
    """
    h = hashlib.sha1("|".join("" if p is None else str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{(iso2 or 'XX').upper()}{h[:10].upper()}"


def empty_events() -> gpd.GeoDataFrame:
    """An empty event GeoDataFrame with every column and dtype, in EPSG:4326."""
    df = pd.DataFrame({c: pd.Series(dtype=DTYPES[c]) for c in EVENT_COLUMNS})
    return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)


def _numeric(col: pd.Series) -> pd.Series:
    """`pd.to_numeric(col, errors="coerce")`; a column of strings is parsed once per distinct value
    (readers hand over code columns such as `time_precision` or `iso` as text)."""
    if not isinstance(col.dtype, pd.StringDtype) or len(col) < 64:
        return pd.to_numeric(col, errors="coerce")
    codes, uniq = pd.factorize(col, use_na_sentinel=True)
    num = pd.to_numeric(pd.Series(uniq, dtype=col.dtype), errors="coerce")
    return pd.Series(num.array.take(codes, allow_fill=True), index=col.index)


def to_events(df: pd.DataFrame) -> gpd.GeoDataFrame:
    """Coerce a frame with (a subset of) the event columns into the full event schema.

    Missing columns are added empty, dtypes are enforced, `year` is derived from
    `event_date`, `disorder_type` from `event_type`, and the geometry is built from
    `longitude`/`latitude` (degrees, EPSG:4326). Extra columns are kept at the end.
    """
    df = pd.DataFrame(df).copy()
    if "geometry" in df.columns:
        df = df.drop(columns="geometry")
    for c in EVENT_COLUMNS:
        if c not in df.columns:
            df[c] = pd.Series(index=df.index, dtype=DTYPES[c])
    for c in EVENT_COLUMNS:
        want = DTYPES[c]
        if df[c].dtype == want:  # typed already (a reader's frame): coercing it again changes nothing
            continue
        if want.startswith("datetime"):
            df[c] = pd.to_datetime(df[c], errors="coerce")
            if getattr(df[c].dt, "tz", None) is not None:
                df[c] = df[c].dt.tz_localize(None)
            df[c] = df[c].astype("datetime64[ns]")
        elif want == "Int64":
            df[c] = _numeric(df[c]).round().astype("Int64")
        elif want == "float64":
            df[c] = _numeric(df[c]).astype("float64")
        else:
            df[c] = df[c].astype(want)
    missing_year = df["year"].isna() & df["event_date"].notna()
    df.loc[missing_year, "year"] = df.loc[missing_year, "event_date"].dt.year
    missing_dis = df["disorder_type"].isna() & df["event_type"].notna()
    df.loc[missing_dis, "disorder_type"] = df.loc[missing_dis, "event_type"].map(DISORDER_TYPES)
    extra = [c for c in df.columns if c not in EVENT_COLUMNS]
    df = df[EVENT_COLUMNS + extra]
    geometry = gpd.points_from_xy(df["longitude"].to_numpy(np.float64), df["latitude"].to_numpy(np.float64), crs=CRS)
    return gpd.GeoDataFrame(df, geometry=geometry, crs=CRS)
