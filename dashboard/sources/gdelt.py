"""GDELT event exports -> events.

Formats: GDELT 2.0 (tab, no header, 61 columns), GDELT 1.0 (tab, no header, 57 columns for the
backfile, 58 with SOURCEURL; the two mixed in one file are both read), and headed CSV copies of either (any separator; extra trailing
columns such as a `row_id` are ignored; "NA" means empty).

The place is `ActionGeo_*`; a row without ActionGeo coordinates takes `Actor1Geo_*`, then
`Actor2Geo_*` (tagged `gdelt_geo=actor1|actor2`). `ActionGeo_Type` -> geo_precision: 3/4 (US or world city) -> 1;
2/5 (US state, world ADM1) -> 3; 1 (country centroid) -> 3. The FIPS country code becomes ISO2,
the FIPS ADM1 code an admin-1 name (Natural Earth's `fips` column).

CAMEO -> ACLED type, most specific code first (the CAMEO code is kept in tags, `cameo=190`):
- 145x protest violently, riot -> Riots / Violent demonstration; other 14x -> Protests / Peaceful protest
- 173 arrest -> Strategic developments / Arrests; 171 seize property -> Looting/property destruction;
  175 violent repression -> Violence against civilians / Attack; other 17x -> Strategic developments / Other
- 181 abduct -> Violence against civilians / Abduction; 1821 sexual assault -> Sexual violence;
  1831 suicide bomb -> Explosions / Suicide bomb; 183x other bombings -> Explosions / Remote explosive/landmine/IED;
  other 18x -> Violence against civilians / Attack
- 194 artillery and tanks -> Explosions / Shelling/artillery/missile attack; 195x aerial weapons ->
  Explosions / Air/drone strike; 192 occupy territory -> Battles / Non-state actor overtakes territory;
  other 19x -> Battles / Armed clash
- 2041 chemical/biological/radiological -> Explosions / Chemical weapon; other 20x -> Violence against
  civilians / Attack
- 057 sign formal agreement -> Strategic developments / Agreement; roots 01-13, 15, 16 ->
  Strategic developments / Other (kept, not dropped: filter by type).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from dashboard.events.schema import InputError, stable_event_id
from dashboard.sources import countries
from dashboard.sources.distinct import map_distinct
from dashboard.sources.tabular import (
    CHUNK_ROWS,
    Batch,
    ReadResult,
    RowChecker,
    build_events,
    check_coordinates,
    check_dates,
    check_text,
    clean_str,
    first_line,
    head_text,
    iter_batches,
    kv_tags,
    norm_name,
    parse_dates,
    sniff_delimiter,
)

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]
_EVENT = ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
          "NumMentions", "NumSources", "NumArticles", "AvgTone"]


def _geo(prefix: str, adm2: bool) -> list[str]:
    cols = ["Type", "FullName", "CountryCode", "ADM1Code"] + (["ADM2Code"] if adm2 else []) + ["Lat", "Long", "FeatureID"]
    return [f"{prefix}_{c}" for c in cols]


def columns(version: int, with_url: bool = True) -> list[str]:
    """GDELT event column names: version 2 (61), version 1 (58 with SOURCEURL, 57 without)."""
    adm2 = version == 2
    cols = (["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
            + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR] + _EVENT
            + _geo("Actor1Geo", adm2) + _geo("Actor2Geo", adm2) + _geo("ActionGeo", adm2) + ["DATEADDED"])
    if with_url or version == 2:
        cols.append("SOURCEURL")
    return cols


WIDTHS = {61: columns(2), 58: columns(1), 57: columns(1, with_url=False)}
NA_VALUES = ("NA",)
GEO_PREC = {"1": 3, "2": 3, "3": 1, "4": 1, "5": 3}

# CAMEO code prefix -> (event_type, sub_event_type); the longest matching prefix wins.
CAMEO = {
    "14": ("Protests", "Peaceful protest"), "145": ("Riots", "Violent demonstration"),
    "17": ("Strategic developments", "Other"), "171": ("Strategic developments", "Looting/property destruction"),
    "173": ("Strategic developments", "Arrests"), "175": ("Violence against civilians", "Attack"),
    "18": ("Violence against civilians", "Attack"), "181": ("Violence against civilians", "Abduction/forced disappearance"),
    "1821": ("Violence against civilians", "Sexual violence"),
    "183": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "1831": ("Explosions/Remote violence", "Suicide bomb"),
    "19": ("Battles", "Armed clash"), "192": ("Battles", "Non-state actor overtakes territory"),
    "194": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "195": ("Explosions/Remote violence", "Air/drone strike"),
    "20": ("Violence against civilians", "Attack"), "2041": ("Explosions/Remote violence", "Chemical weapon"),
    "057": ("Strategic developments", "Agreement"),
}
for _root in ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "15", "16"]:
    CAMEO.setdefault(_root, ("Strategic developments", "Other"))


def cameo_to_acled(code: str) -> tuple[str | None, str | None]:
    """A CAMEO event code ("1831", "190", "14") -> (ACLED event type, sub-event type)."""
    code = (code or "").strip()
    for n in range(len(code), 1, -1):
        if code[:n] in CAMEO:
            return CAMEO[code[:n]]
    return None, None


def looks_like(names: list[str]) -> bool:
    cols = set(names)
    return "globaleventid" in cols or {"actiongeo_lat", "actiongeo_long"} <= cols


def looks_like_headless(line: str) -> bool:
    """A GDELT row without header: tab separated, 57/58/61 fields, an id and a YYYYMMDD date first."""
    f = line.rstrip("\r\n").split("\t")
    return len(f) in WIDTHS and f[0].isdigit() and len(f[1]) == 8 and f[1].isdigit()


def convert(batch: Batch, file: str, source_name: str | None = None) -> ReadResult:
    df = batch.frame
    idx = df.index
    col = lambda c: clean_str(df[c], NA_VALUES) if c in df.columns else pd.Series(pd.NA, index=idx, dtype="string")  # noqa: E731
    chk = RowChecker(df, batch.rownums, file, batch.state)
    # the place is ActionGeo; a row without it takes Actor1Geo, then Actor2Geo (tagged gdelt_geo=...)
    lat_raw, lon_raw = col("actiongeo_lat"), col("actiongeo_long")
    geo_from = pd.Series("", index=idx, dtype="string")
    fields = {k: col(f"actiongeo_{k}") for k in ("countrycode", "type", "fullname", "adm1code")}
    for actor in ("actor1geo", "actor2geo"):
        need = (lat_raw.isna() | lon_raw.isna()) & col(f"{actor}_lat").notna() & col(f"{actor}_long").notna()
        if need.any():
            lat_raw = lat_raw.mask(need, col(f"{actor}_lat"))
            lon_raw = lon_raw.mask(need, col(f"{actor}_long"))
            for k in fields:
                fields[k] = fields[k].mask(need, col(f"{actor}_{k}"))
            geo_from = geo_from.mask(need, actor.replace("geo", ""))
    iso2 = countries.iso2_from_fips(fields["countrycode"])
    lat, lon = check_coordinates(chk, lat_raw.fillna(""), lon_raw.fillna(""), iso2,
                                 lat_field="ActionGeo_Lat", lon_field="ActionGeo_Long")
    dates = check_dates(chk, col("sqldate").fillna(""), "SQLDATE")
    code = col("eventcode").fillna("")
    uniq = {c: cameo_to_acled(c) for c in pd.unique(code.to_numpy(dtype=object))}
    typ = map_distinct(code, lambda c: uniq[c][0])
    sub = map_distinct(code, lambda c: uniq[c][1])
    cv = code.to_numpy(dtype=object)
    chk.fail(typ.isna().to_numpy(), "EventCode",
             lambda i: f"unknown CAMEO event code {cv[i]!r}" if cv[i] else "EventCode is missing")
    gid = col("globaleventid")
    ids = pd.Series([stable_event_id(c if isinstance(c, str) else "XX", "gdelt", g)
                     for c, g in zip(iso2.to_numpy(dtype=object), gid.to_numpy(dtype=object), strict=True)],
                    index=idx, dtype="string")
    geo_type = fields["type"]
    fips_adm1 = fields["adm1code"]
    names = countries.admin1_fips_names()
    admin1 = map_distinct(fips_adm1, names.get)
    added, _m, _b = parse_dates(col("dateadded").fillna("").str.slice(0, 8))
    tags = kv_tags(idx, cameo=code, cameo_root=col("eventrootcode"), quad_class=col("quadclass"),
                   goldstein=col("goldsteinscale"), num_articles=col("numarticles"), avg_tone=col("avgtone"),
                   gdelt_geo_type=geo_type, gdelt_adm1=fips_adm1, gdelt_geo=geo_from, gdelt_id=gid,
                   dataset=pd.Series(source_name or "", index=idx))
    url = col("sourceurl")
    columns_out = {
        "event_id_cnty": ids, "event_date": dates, "time_precision": 1,
        "event_type": typ, "sub_event_type": sub, "actor1": col("actor1name"), "actor2": col("actor2name"),
        "country": countries.country_name(iso2), "admin1": admin1, "location": fields["fullname"],
        "latitude": lat, "longitude": lon, "geo_precision": map_distinct(geo_type, GEO_PREC.get, "Int64"),
        "source": pd.Series("GDELT", index=idx, dtype="string"), "source_url": url, "source_date": added,
        "tags": tags, "origin": "gdelt", "country_code": iso2, "source_id": "gdelt:" + gid,
    }
    events = build_events(chk, columns_out, idx)
    return ReadResult.from_batch(events, batch, chk, file=file, format="gdelt")


def iter_read(path: str | Path, *, source_name: str | None = None, chunk_rows: int = CHUNK_ROWS) -> Iterator[ReadResult]:
    """Stream a GDELT export (headless TSV or headed CSV) in chunks."""
    file = str(path)
    enc = check_text(path)
    line = first_line(head_text(path, enc))
    if looks_like_headless(line):
        width = len(line.rstrip("\r\n").split("\t"))
        # GDELT 1.0: daily files (58 fields, with SOURCEURL) and back-files (57) may be mixed in one
        # file; read both with the 58 names (a 57-field row has no SOURCEURL).
        widths = [57, 58] if width in (57, 58) else [width]
        names = [norm_name(c) for c in WIDTHS[max(widths)]]
        import csv

        batches = iter_batches(path, encoding=enc, delimiter="\t", names=names, quoting=csv.QUOTE_NONE,
                               chunk_rows=chunk_rows, allowed_widths=widths)
    else:
        delim = sniff_delimiter(line) or "\t"
        batches = iter_batches(path, encoding=enc, delimiter=delim, chunk_rows=chunk_rows)
    for batch in batches:
        cols = set(batch.frame.columns)
        for need in ("globaleventid", "sqldate", "eventcode", "actiongeo_lat", "actiongeo_long"):
            if need not in cols:
                raise InputError(file, f"not a GDELT event file: column {need!r} is missing (expected 57, 58 or 61 "
                                       "tab-separated fields, or a header naming GDELT's columns)", field=need)
        yield convert(batch, file, source_name)


def read(path: str | Path, *, source_name: str | None = None) -> ReadResult:
    """Read a whole GDELT export -> ReadResult (event schema, EPSG:4326)."""
    return ReadResult.concat(iter_read(path, source_name=source_name), file=str(path), format="gdelt")
