"""Shareable links: the whole filter state in the URL's query string (st.query_params).

Format (every key optional; defaults are left out so links stay short):

    start, end        ISO dates (YYYY-MM-DD), inclusive
    type, sub         event types / sub-event types, comma-joined (ACLED taxonomy)
    actor, country, admin1   comma-joined; a comma inside a name is written "\\," (and "\\" as "\\\\")
    q                 free text
    fat               minimum fatalities (int >= 0); prec: maximum geo_precision (1 or 2)
    place             reference place as typed; rings: ring radii km ("15,50"); radius: radius filter km
    shape             drawn polygon(s): each ring as a Google encoded polyline (lat,lon at 1e-5 degrees,
                      about 1 m), rings of a polygon joined by ",", polygons by ";"
    visible, bbox     visible-area filter ("1") and the map bounds "west,south,east,north" (degrees)
    center, zoom      map centre "lat,lon" (degrees) and zoom level
    freq              timeline bars per "D" (day), "W" (week) or "M" (month)

`from_query_params` never raises: a malformed value is dropped and explained in a notice.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from dashboard.errors import InputError
from dashboard.events.schema import EVENT_TYPES, SUB_TO_TYPE
from dashboard.filters import FilterState

MAX_TEXT = 500
MAX_ITEMS = 200
MAX_RADIUS_KM = 20_000.0
MAX_RINGS = 10
MAX_SHAPE_POINTS = 5_000
LIST_KEYS = {"type": "event_types", "sub": "sub_event_types", "actor": "actors", "country": "countries",
             "admin1": "admin1"}
#: every query key this module writes (others in a URL are left alone)
KEYS = ("start", "end", *LIST_KEYS, "q", "fat", "prec", "place", "rings", "radius", "shape", "visible",
        "bbox", "center", "zoom", "freq")


# ---------------------------------------------------------------- lists with escaped commas

def join_list(items) -> str:
    """Comma-join, escaping "\\" and "," inside items."""
    return ",".join(str(i).replace("\\", "\\\\").replace(",", "\\,") for i in items)


def split_list(text: str) -> list[str]:
    """Inverse of `join_list`; empty items are dropped."""
    out, cur, it = [], [], iter(text)
    for ch in it:
        if ch == "\\":
            cur.append(next(it, "\\"))
        elif ch == ",":
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return [s.strip() for s in out if s.strip()]


# ---------------------------------------------------------------- polyline (Google's algorithm, precision 5)

def _enc_num(v: int) -> str:
    v = ~(v << 1) if v < 0 else (v << 1)
    out = []
    while v >= 0x20:
        out.append(chr((0x20 | (v & 0x1F)) + 63))
        v >>= 5
    out.append(chr(v + 63))
    return "".join(out)


def encode_polyline(latlon: list[tuple[float, float]]) -> str:
    """Encode (lat, lon) degree pairs at 1e-5 degree precision."""
    out, plat, plon = [], 0, 0
    for lat, lon in latlon:
        ilat, ilon = round(lat * 1e5), round(lon * 1e5)
        out.append(_enc_num(ilat - plat) + _enc_num(ilon - plon))
        plat, plon = ilat, ilon
    return "".join(out)


def decode_polyline(text: str) -> list[tuple[float, float]]:
    """Decode an encoded polyline into (lat, lon) pairs; ValueError if malformed."""
    nums, shift, acc = [], 0, 0
    for ch in text:
        b = ord(ch) - 63
        if not 0 <= b < 64:
            raise InputError(f"bad character {ch!r} in polyline")
        acc |= (b & 0x1F) << shift
        shift += 5
        if b < 0x20:
            nums.append(~(acc >> 1) if acc & 1 else acc >> 1)
            shift, acc = 0, 0
        elif shift > 35:
            raise InputError("polyline number too long")
    if shift or len(nums) % 2:
        raise InputError("truncated polyline")
    pts, lat, lon = [], 0, 0
    for i in range(0, len(nums), 2):
        lat += nums[i]
        lon += nums[i + 1]
        pts.append((lat / 1e5, lon / 1e5))
    return pts


def encode_shape(geometry: dict) -> str:
    """A GeoJSON Polygon/MultiPolygon (EPSG:4326, [lon, lat]) as polylines: rings ",", polygons ";"."""
    if geometry.get("type") == "Feature":
        geometry = geometry.get("geometry") or {}
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    polys = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else None
    if polys is None:
        raise InputError(f"only Polygon and MultiPolygon shapes can be shared, not {kind!r}")
    return ";".join(",".join(encode_polyline([(float(p[1]), float(p[0])) for p in ring]) for ring in poly)
                    for poly in polys)


def decode_shape(text: str) -> dict:
    """Inverse of `encode_shape`: a GeoJSON Polygon or MultiPolygon; ValueError if malformed."""
    polys = []
    total = 0
    for ptext in text.split(";"):
        rings = []
        for rtext in ptext.split(","):
            pts = decode_polyline(rtext)
            total += len(pts)
            if len(pts) < 3:
                raise InputError("a ring needs at least 3 points")
            if total > MAX_SHAPE_POINTS:
                raise InputError(f"more than {MAX_SHAPE_POINTS} points")
            for lat, lon in pts:
                if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                    raise InputError("a point is outside -90..90 / -180..180 degrees")
            ring = [[lon, lat] for lat, lon in pts]
            if ring[0] != ring[-1]:
                ring.append(list(ring[0]))
            rings.append(ring)
        polys.append(rings)
    if len(polys) == 1:
        return {"type": "Polygon", "coordinates": polys[0]}
    return {"type": "MultiPolygon", "coordinates": polys}


# ---------------------------------------------------------------- state <-> params

def _num(x: float, nd: int) -> str:
    return f"{round(float(x), nd):.{nd}f}".rstrip("0").rstrip(".")


def to_query_params(state: FilterState) -> dict[str, str]:
    """The filter state as compact query parameters (defaults left out)."""
    p: dict[str, str] = {}
    if state.start:
        p["start"] = state.start.isoformat()
    if state.end:
        p["end"] = state.end.isoformat()
    for key, attr in LIST_KEYS.items():
        items = getattr(state, attr, ())
        if items:
            p[key] = join_list(items)
    if state.text:
        p["q"] = state.text
    if state.min_fatalities:
        p["fat"] = str(int(state.min_fatalities))
    if state.max_geo_precision != 3:
        p["prec"] = str(int(state.max_geo_precision))
    if state.place:
        p["place"] = state.place
    if state.rings_km:
        p["rings"] = ",".join(_num(r, 3) for r in state.rings_km)
    if state.radius_km:
        p["radius"] = _num(state.radius_km, 3)
    if state.shape:
        try:
            p["shape"] = encode_shape(state.shape)
        except (ValueError, TypeError, IndexError, AttributeError):
            pass  # not shareable (e.g. a line): the link simply has no shape
    if state.visible_only:
        p["visible"] = "1"
    if state.bbox:
        p["bbox"] = ",".join(_num(v, 4) for v in state.bbox)
    if state.center:
        p["center"] = ",".join(_num(v, 5) for v in state.center)
    if state.zoom is not None:
        p["zoom"] = str(int(state.zoom))
    freq = getattr(state, "timeline_freq", "D")
    if freq and freq != "D":
        p["freq"] = str(freq)
    return p


def _floats(text: str, n: int | None = None) -> list[float]:
    vals = [float(v) for v in text.split(",") if v.strip()]
    if any(not math.isfinite(v) for v in vals):
        raise InputError("not a finite number")
    if n is not None and len(vals) != n:
        raise InputError(f"expected {n} numbers")
    return vals


def _parse(key: str, value: str, out: dict) -> None:  # noqa: C901 - one branch per key, kept flat on purpose
    """Parse one parameter into `out` (FilterState field -> value); ValueError with a reason if bad."""
    if key in ("start", "end"):
        out[key] = dt.date.fromisoformat(value.strip())
    elif key in LIST_KEYS:
        items = split_list(value)[:MAX_ITEMS]
        if key == "type":
            bad = [i for i in items if i not in EVENT_TYPES]
            if bad:
                raise InputError(f"unknown event type {bad[0]!r}")
        if key == "sub":
            bad = [i for i in items if i not in SUB_TO_TYPE]
            if bad:
                raise InputError(f"unknown sub-event type {bad[0]!r}")
        out[LIST_KEYS[key]] = tuple(items)
    elif key == "q":
        out["text"] = value[:MAX_TEXT]
    elif key == "fat":
        v = int(value)
        if v < 0:
            raise InputError("must be 0 or more")
        out["min_fatalities"] = v
    elif key == "prec":
        v = int(value)
        if v not in (1, 2, 3):
            raise InputError("must be 1, 2 or 3")
        out["max_geo_precision"] = v
    elif key == "place":
        out["place"] = value.strip()[:200]
    elif key == "rings":
        rings = _floats(value)
        if not rings or len(rings) > MAX_RINGS or any(not 0 < r <= MAX_RADIUS_KM for r in rings):
            raise InputError(f"need 1 to {MAX_RINGS} distances in km, each above 0 and at most {MAX_RADIUS_KM:g}")
        out["rings_km"] = tuple(rings)
    elif key == "radius":
        (r,) = _floats(value, 1)
        if not 0 < r <= MAX_RADIUS_KM:
            raise InputError(f"must be above 0 and at most {MAX_RADIUS_KM:g} km")
        out["radius_km"] = r
    elif key == "shape":
        out["shape"] = decode_shape(value.strip())
    elif key == "visible":
        v = value.strip().lower()
        if v not in ("1", "0", "true", "false", "yes", "no"):
            raise InputError("must be 1 or 0")
        out["visible_only"] = v in ("1", "true", "yes")
    elif key == "bbox":
        w, s, e, n = _floats(value, 4)
        if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s < n <= 90):
            raise InputError("need west,south,east,north in degrees with south < north")
        out["bbox"] = (w, s, e, n)
    elif key == "center":
        lat, lon = _floats(value, 2)
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InputError("need lat,lon in degrees")
        out["center"] = (lat, lon)
    elif key == "zoom":
        z = int(value)
        if not 0 <= z <= 22:
            raise InputError("must be 0 to 22")
        out["zoom"] = z
    elif key == "freq":
        v = value.strip().upper()
        if v not in ("D", "W", "M"):
            raise InputError("must be D, W or M")
        out["timeline_freq"] = v


def from_query_params(params: Mapping[str, str | list[str]]) -> tuple[FilterState, list[str]]:
    """A FilterState from query parameters, and one notice per malformed (ignored) parameter.

    Unknown keys are left alone silently (the URL may carry other things); never raises.
    """
    fields: dict = {}
    notices: list[str] = []
    try:
        items = list(params.items())
    except Exception:  # noqa: BLE001 - anything odd: no state, one notice
        return FilterState(), ["The link's parameters could not be read; showing the default view."]
    for key, raw in items:
        if key not in KEYS:
            continue
        value = raw[-1] if isinstance(raw, list | tuple) and raw else raw
        if not isinstance(value, str):
            value = "" if value is None else str(value)
        try:
            _parse(key, value, fields)
        except (ValueError, TypeError, OverflowError, IndexError) as exc:
            shown = value if len(value) <= 40 else value[:39] + "…"
            notices.append(f"Ignored link parameter {key}={shown!r}: {exc}.")
    if fields.get("start") and fields.get("end") and fields["start"] > fields["end"]:
        notices.append(f"Ignored link dates: start {fields['start']} is after end {fields['end']}.")
        fields.pop("start")
        fields.pop("end")
    known = set(FilterState.__dataclass_fields__)
    return FilterState(**{k: v for k, v in fields.items() if k in known}), notices


def share_url(base_url: str, state: FilterState) -> str:
    """`base_url` with the state's query parameters (replacing any of ours already there)."""
    parts = urlsplit(base_url)
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in KEYS]
    query = urlencode(kept + list(to_query_params(state).items()), quote_via=quote, safe=",:/")
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, parts.fragment))
