"""The gazetteer index: :class:`Place` (one row, and the one place-kind classification) and
:class:`Gazetteer` (normalised name -> ranked rows over flat arrays). Built by
:mod:`dashboard.places.build`, cached by :mod:`dashboard.places.cache`; coordinates are degrees WGS84."""

from __future__ import annotations

import difflib
import math
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dashboard.places.normalize import normalize

__all__ = ["Place", "Gazetteer", "PRIMARY", "ALTERNATE", "CODE"]

# match tiers of an index entry
PRIMARY, ALTERNATE, CODE = 0, 1, 2
_SEP = "\x1f"  # ASCII unit separator: never part of a place name

#: GeoNames codes of large water bodies, which count as regions (oceans, seas, gulfs, bays, straits, channels)
_WATER_CODES = frozenset({"OCN", "SEA", "GULF", "BAY", "STRT", "CHN"})




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

    @property
    def is_area(self) -> bool:
        """An area rather than a point-like place: a continent, country, territory, admin region or named region."""
        return self.kind in ("continent", "country", "admin1", "admin2") or self.feature_code == "RGN"


def _new_place() -> Place:
    return object.__new__(Place)


def _kind(fclass: str, fcode: str) -> str:
    if fcode == "CONT":
        return "continent"
    if fcode.startswith("PCL") or fcode == "TERR":
        return "country"
    if fcode == "ADM1":
        return "admin1"
    if fcode.startswith("ADM"):
        return "admin2"
    if fclass == "L" or fcode in _WATER_CODES:
        return "region"
    if fclass == "P":
        return "city"
    return "feature"



def _dotted_key(text: str) -> str:
    """Key of an abbreviation that only counts with its full stops: casefolded, spaces removed."""
    return "".join(text.casefold().split())



# ------------------------------------------------------------------------------------------ the index


class Gazetteer:
    """Name index with ranked candidates. Build with :func:`get_gazetteer`."""

    def __init__(self, state: dict) -> None:
        self.version: str = state["version"]
        self._gid = state["gid"]
        self._lat = state["lat"]
        self._lon = state["lon"]
        self._pop = state["pop"]
        self._name_str: str = state["name"]
        self._name_off = state["name_off"]
        self._cc_values, self._cc_codes = state["cc"]
        self._a1_values, self._a1_codes = state["a1"]
        self._a1name_values, self._a1name_codes = state["a1name"]
        self._fclass_values, self._fclass_codes = state["fclass"]
        self._fcode_values, self._fcode_codes = state["fcode"]
        self._src_values, self._src_codes = state["src"]
        self._keys: list[str] = state["keys"].split(_SEP)
        self._offsets = state["offsets"]
        self._postings = state["postings"]
        self._pscore = state["pscore"]
        self._pmatch = state["pmatch"]
        self._table = state["table"]
        self._mask = len(self._table) - 1
        self._seen: dict[str, int] = {}
        self._demonyms: dict[str, int] = state["demonyms"]
        self._dotted: dict[str, int] = state.get("dotted", {})
        self._admin_names: dict[tuple[str, str], str] = state["admin_names"]
        self._places: dict[int, Place] = {}
        self._populated = None
        self._country_rows: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._gid)

    def _find(self, key: str) -> int:
        """Index of a normalised key in ``_keys``, or -1. Found keys are remembered in a dict (news text
        repeats its names), so the full dict of ~650k keys is never built at load time."""
        i = self._seen.get(key)
        if i is not None:
            return i
        table, keys, mask = self._table, self._keys, self._mask
        h = zlib.crc32(key.encode("utf-8")) & mask
        while True:
            i = table[h]
            if i < 0:
                return -1
            if keys[i] == key:
                self._seen[key] = i
                return i
            h = (h + 1) & mask

    def _cc_of(self, row: int) -> str:
        return self._cc_values[self._cc_codes[row]]

    # -- rows
    def place(self, row: int) -> Place:
        """The :class:`Place` of an internal row number (cached)."""
        p = self._places.get(row)
        if p is None:
            off = self._name_off
            # a frozen dataclass's __init__ sets each field through object.__setattr__: filling __dict__
            # directly gives the same object several times faster (first lookups create many Places)
            p = _new_place()
            p.__dict__.update(
                geonameid=self._gid[row], name=self._name_str[off[row]:off[row + 1]], lat=self._lat[row],
                lon=self._lon[row], country_code=self._cc_values[self._cc_codes[row]],
                admin1=self._a1name_values[self._a1name_codes[row]], admin1_code=self._a1_values[self._a1_codes[row]],
                feature_class=self._fclass_values[self._fclass_codes[row]],
                feature_code=self._fcode_values[self._fcode_codes[row]], population=self._pop[row],
                source=self._src_values[self._src_codes[row]])
            self._places[row] = p
        return p

    def country(self, iso2: str) -> Place | None:
        """The country Place for an ISO alpha-2 code, or None."""
        if self._country_rows is None:
            pcli = self._fcode_values.index("PCLI") if "PCLI" in self._fcode_values else -1
            codes = self._fcode_codes
            self._country_rows = {self._cc_of(i): i for i in range(len(codes)) if codes[i] == pcli}
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
        i = self._find(key)
        if i < 0:
            return []
        a, z = self._offsets[i], self._offsets[i + 1]
        return list(zip(self._postings[a:z], self._pscore[a:z], self._pmatch[a:z], strict=True))

    def lookup_normalized(self, key: str) -> list[Place]:
        """Candidates for an already-normalised key, ranked without hints."""
        i = self._find(key)
        if i < 0:
            return []
        return [self.place(r) for r in self._postings[self._offsets[i]:self._offsets[i + 1]]]

    def candidates(self, name: str, country_codes: str | Sequence[str] | None = None, limit: int = 10) -> list[Place]:
        """Places called ``name``, best first: places in ``country_codes`` first, then by feature kind
        (country > admin-1 > town for exact primary names), then population. [] when nothing matches."""
        i = self._find(normalize(name))
        if i < 0:
            return []
        a, z = self._offsets[i], self._offsets[i + 1]
        if country_codes:
            rows = self._postings[a:z]
            ccs = {country_codes.upper()} if isinstance(country_codes, str) else {c.upper() for c in country_codes}
            cc = self._cc_of
            rows = ([r for r in rows if cc(r) in ccs] + [r for r in rows if cc(r) not in ccs])[:limit]
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
        import numpy as np

        if self._populated is None:
            codes = np.frombuffer(self._fclass_codes, dtype=np.int32)
            p = self._fclass_values.index("P") if "P" in self._fclass_values else -1
            idx = np.flatnonzero(codes == p)
            lats = np.frombuffer(self._lat, dtype=np.float64)[idx]
            lons = np.frombuffer(self._lon, dtype=np.float64)[idx]
            self._populated = (idx, np.radians(lats), np.radians(lons))
        idx, la2, lo2 = self._populated
        la1, lo1 = math.radians(lat), math.radians(lon)
        h = np.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
        return self.place(int(idx[int(np.argmin(h))]))

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """Nearest existing spellings (display names) for a name that is not in the index."""
        key = normalize(name)
        if not key:
            return []
        pool = [k for k in self._keys if k[:1] == key[:1] and abs(len(k) - len(key)) <= 2 and k.isascii()]
        close = difflib.get_close_matches(key, pool, n=n * 3, cutoff=0.75)
        close.sort(key=lambda k: -self._pscore[self._offsets[self._find(k)]])
        out: list[str] = []
        for k in close:
            row = self._postings[self._offsets[self._find(k)]]
            name = self.place(row).name
            label = name if normalize(name) == k else k.title()
            if label not in out:
                out.append(label)
        return out[:n]


