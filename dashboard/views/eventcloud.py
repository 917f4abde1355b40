"""Every filtered event on the map at every zoom: a compact encoding drawn by a small Leaflet layer.

Why: above a few thousand events the map used to fall back to a fixed grid of circles, and zooming
to a town still showed grid cells. Here the filtered events (up to `CLOUD_LIMIT`) go to the browser
once, as typed arrays in base64 (about 15 bytes an event: latitude and longitude at 1e-5 degree,
about 1 m, day, type, sub-type, place, precision, fatalities), and the layer redraws on every
pan or zoom, in the browser, without a round trip to the server:

- when at most `SINGLE_LIMIT` events are in view, each is drawn on its own (a circle marker with a
  hover tooltip "date · type · place" and a popup); events at the very same point are one badge
  with their count, whose popup lists them;
- otherwise the events in view are counted on a screen grid (`CELL_PX` pixels), one badge per cell
  with its count, coloured by the commonest type; a click zooms into the cell.

A time player (play/pause, step, speed, a window of a day, a week or a month) steps through the
filtered range in the same layer, so the map and the counts follow it.

All text (types, places, popups) is `html.escape`d in Python; the script only concatenates those
strings. Coordinates are WGS84 degrees; precision ring radii metres; dates whole days.
"""

from __future__ import annotations

import base64
import html
import math

import numpy as np
import pandas as pd
from branca.element import MacroElement
from folium.template import Template

from dashboard.events.schema import EVENT_TYPES, TYPE_COLORS
from dashboard.views.mapview import OTHER_COLOR, PRECISION_RADIUS_KM, SYNTHETIC_NOTE, TYPE_NAMES, popup_rows

#: most events sent to the browser as a cloud (above it the page aggregates on the server).
CLOUD_LIMIT = 250_000
#: full popups (actors, evidence, source link) travel with the cloud up to this many events.
DETAIL_LIMIT = 5_000
#: the browser draws single events when at most this many are in view (else screen-grid badges).
SINGLE_LIMIT = 1_500
#: screen-grid cell, pixels.
CELL_PX = 64
#: precision rings are drawn around at most this many single events in view.
RING_LIMIT = 400
SUB_NAMES = [s for subs in EVENT_TYPES.values() for s in subs]
NO_DAY = 65535


def _b64(a: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(a).astype(a.dtype.newbyteorder("<")).tobytes()).decode("ascii")


def _codes(values: np.ndarray, names: list[str]) -> np.ndarray:
    """Index of each value in `names` (255 when absent), uint8 (factorised: fast on 1e5+ rows)."""
    codes, uniq = pd.factorize(pd.Series(values, dtype="object"), use_na_sentinel=True)
    lookup = {n: i for i, n in enumerate(names)}
    table = np.array([lookup.get(u, 255) for u in uniq] + [255], dtype=np.uint8)
    return table[codes]  # code -1 (missing) takes the last entry


def _place_codes(events: pd.DataFrame) -> tuple[np.ndarray, list[str]]:
    """Per event an index into the list of distinct "location, admin-1, country" labels."""
    key = np.zeros(len(events), dtype=np.int64)
    parts = []
    for c in ("location", "admin1", "country"):
        codes, uniq = pd.factorize(events[c].astype("object") if c in events else pd.Series([None] * len(events)))
        parts.append((codes, [str(u) for u in uniq]))
        key = key * (len(uniq) + 1) + (codes + 1)
    combo, first = np.unique(key, return_index=True)
    inv = np.searchsorted(combo, key)
    labels = []
    for i in first:
        bits = [names[codes[i]] for codes, names in parts if codes[i] >= 0 and names[codes[i]].strip()]
        labels.append(", ".join(dict.fromkeys(bits)))
    return inv, labels


def encode_events(events: pd.DataFrame, detail_limit: int = DETAIL_LIMIT) -> dict:
    """The events with finite coordinates as a compact, JSON-able dict for the browser layer.

    Keys: n; day0 (ISO date of day 0); base64 little-endian arrays lat/lon (int32, 1e-5 degrees),
    day (uint16 days since day0, 65535 = no date), type/sub (uint8 index into `types`/`subs`, 255 =
    other), place (uint16 or uint32 index into `places`, see `place_bytes`), prec (uint8 geo precision,
    +16 when the event is synthetic), fat (uint16 fatalities, 65535 = unknown); the escaped string
    tables; and, for at most `detail_limit` events, `details`: the escaped popup rows of
    `mapview.popup_rows` (ids, actors, evidence, source link), aligned with the arrays.
    """
    lat = events["latitude"].to_numpy(dtype="float64", na_value=np.nan) if len(events) else np.zeros(0)
    lon = events["longitude"].to_numpy(dtype="float64", na_value=np.nan) if len(events) else np.zeros(0)
    ok = np.isfinite(lat) & np.isfinite(lon)
    ev = events[ok] if not ok.all() else events
    lat, lon = lat[ok], lon[ok]
    n = int(ok.sum())
    dates = pd.to_datetime(ev["event_date"], errors="coerce") if n else pd.Series(dtype="datetime64[ns]")
    day0 = dates.min() if n and dates.notna().any() else pd.Timestamp("2000-01-01")
    day0 = pd.Timestamp(day0).normalize()
    days = ((dates.dt.normalize() - day0).dt.days if n else pd.Series(dtype=float))
    day = days.fillna(NO_DAY).clip(0, NO_DAY).to_numpy(dtype=np.uint16)
    codes, uniq = _place_codes(ev) if n else (np.zeros(0, np.int64), [])
    wide = len(uniq) >= 65535
    place = codes.astype(np.uint32 if wide else np.uint16)
    prec = pd.to_numeric(ev["geo_precision"], errors="coerce").fillna(1).clip(1, 3).to_numpy(dtype=np.uint8) \
        if "geo_precision" in ev else np.ones(n, dtype=np.uint8)
    syn = np.zeros(n, dtype=bool)
    for c in ("origin", "source"):
        if c in ev:
            syn |= ev[c].astype("string").str.contains("synthetic", case=False, na=False).to_numpy(dtype=bool)
    prec = prec + (syn.astype(np.uint8) << 4)
    fat = pd.to_numeric(ev["fatalities"], errors="coerce").fillna(NO_DAY).clip(0, NO_DAY).to_numpy(dtype=np.uint16) \
        if "fatalities" in ev else np.full(n, NO_DAY, dtype=np.uint16)
    out = {
        "n": n, "day0": f"{day0:%Y-%m-%d}",
        "lat": _b64(np.round(lat * 1e5).astype(np.int32)), "lon": _b64(np.round(lon * 1e5).astype(np.int32)),
        "day": _b64(day), "type": _b64(_codes(ev["event_type"].to_numpy(), TYPE_NAMES) if n else np.zeros(0, np.uint8)),
        "sub": _b64(_codes(ev["sub_event_type"].to_numpy(), SUB_NAMES) if n and "sub_event_type" in ev
                    else np.full(n, 255, np.uint8)),
        "place": _b64(place), "place_bytes": 4 if wide else 2, "prec": _b64(prec), "fat": _b64(fat),
        "types": [html.escape(t) for t in TYPE_NAMES], "subs": [html.escape(s) for s in SUB_NAMES],
        "places": [html.escape(str(p)) for p in uniq],
        "colors": [TYPE_COLORS[t] for t in TYPE_NAMES], "other": OTHER_COLOR,
        "details": None,
    }
    if 0 < n <= detail_limit:
        out["details"] = popup_rows(ev)
    return out


def day_windows(first: str, last: str, window: str) -> list[tuple[str, str]]:
    """The player's steps over [first, last] (ISO dates, inclusive) as (start, end) ISO pairs:
    `window` "day", "week" (7 days from `first`) or "month" (calendar months). Mirrors the
    browser player and drives the animated export."""
    a, b = pd.Timestamp(first).normalize(), pd.Timestamp(last).normalize()
    out = []
    cur = a
    while cur <= b:
        if window == "month":
            nxt = (cur + pd.offsets.MonthBegin(1)).normalize()
        else:
            nxt = cur + pd.Timedelta(days=1 if window == "day" else 7)
        out.append((f"{cur:%Y-%m-%d}", f"{min(nxt - pd.Timedelta(days=1), b):%Y-%m-%d}"))
        cur = nxt
    return out


class EventCloud(MacroElement):
    """The Leaflet layer (see the module docstring); add it to the page's events FeatureGroup."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function(){
          var D = {{ this.data|tojson }}, OPT = {{ this.options|tojson }};
          function dec(s, T) { var b = atob(s), u = new Uint8Array(b.length);
            for (var i = 0; i < b.length; i++) u[i] = b.charCodeAt(i); return new T(u.buffer); }
          var N = D.n, LATI = dec(D.lat, Int32Array), LONI = dec(D.lon, Int32Array), DAY = dec(D.day, Uint16Array),
              TYP = dec(D.type, Uint8Array), SUB = dec(D.sub, Uint8Array), PREC = dec(D.prec, Uint8Array),
              FAT = dec(D.fat, Uint16Array), PLACE = dec(D.place, D.place_bytes === 4 ? Uint32Array : Uint16Array);
          var LAT = new Float64Array(N), LON = new Float64Array(N), dmin = 65535, dmax = 0;
          for (var i = 0; i < N; i++) { LAT[i] = LATI[i] / 1e5; LON[i] = LONI[i] / 1e5;
            if (DAY[i] !== 65535) { if (DAY[i] < dmin) dmin = DAY[i]; if (DAY[i] > dmax) dmax = DAY[i]; } }
          var DAY0 = Date.parse(D.day0 + 'T00:00:00Z'), MS = 86400000;
          function iso(d) { return new Date(DAY0 + d * MS).toISOString().slice(0, 10); }
          function color(k) { var t = TYP[k]; return t < D.colors.length ? D.colors[t] : D.other; }
          function tname(k) { var t = TYP[k]; return t < D.types.length ? D.types[t] : 'Other'; }
          function label(k) { return (DAY[k] === 65535 ? 'no date' : iso(DAY[k])) + ' · ' + tname(k) + ' · ' + D.places[PLACE[k]]; }
          function popup(k) {
            var r = D.details ? D.details[k] : null, h = '<div class="cm-popup">';
            if (PREC[k] & 16) h += '<div class="cm-synthetic">' + OPT.synthetic_note + '</div>';
            h += '<b>' + (DAY[k] === 65535 ? 'no date' : iso(DAY[k])) + '</b> · ' + tname(k) +
                 (SUB[k] < D.subs.length ? ' / ' + D.subs[SUB[k]] : '') + '<br>';
            if (r && r[6]) h += '<b>Actors:</b> ' + r[6] + '<br>';
            h += '<b>Place:</b> ' + D.places[PLACE[k]] + ' (geo precision ' + (PREC[k] & 15) + ')<br>';
            h += '<b>Fatalities:</b> ' + (FAT[k] === 65535 ? 'unknown' : FAT[k]) + '<br>';
            if (r) {
              if (r[10]) h += '<div class="cm-evidence">“' + r[10] + '”</div>';
              if (r[12]) h += '<a class="cm-source" href="' + r[12] + '" target="_blank" rel="noopener noreferrer">' + (r[11] || 'source') + ' ↗</a>';
              else if (r[11]) h += '<span>Source: ' + r[11] + '</span>';
            } else h += '<i>Actors, evidence and source: in the table below (or narrow the filters to ' + OPT.detail_limit + ' events).</i>';
            return h + '</div>';
          }
          var Player = {active: false, start: dmin, end: dmax, window: OPT.window, speed: 1, timer: null, layer: null};
          function windowEnd(s) {
            if (Player.window === 'day') return s;
            if (Player.window === 'week') return s + 6;
            var d = new Date(DAY0 + s * MS), n = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
            return Math.round((n - DAY0) / MS) - 1;
          }
          function windowStart(s) {
            if (Player.window !== 'month') return s;
            var d = new Date(DAY0 + s * MS); return Math.round((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - DAY0) / MS);
          }
          function inTime(k) { return !Player.active || (DAY[k] >= Player.start && DAY[k] <= Player.end); }
          var Cloud = L.Layer.extend({
            onAdd: function (map) {
              this._g = L.layerGroup().addTo(map); map.on('moveend', this.redraw, this);
              Player.layer = this; window.cmCloud = this; window.cmPlayer = Player; this.redraw();
              if (OPT.player && N) { this._ctl = playerControl(); this._ctl.addTo(map); }
              var fkey = OPT.focus ? OPT.focus.join(',') : null;
              if (fkey && window.cmFocused !== fkey) {  // once per picked row, not on every filter change
                var f = OPT.focus; this._focusPending = true; window.cmFocused = fkey;
                map.setView([f[0], f[1]], Math.max(map.getZoom(), f[2]), {animate: false}); this.redraw();
              }
            },
            onRemove: function (map) {
              map.off('moveend', this.redraw, this); map.removeLayer(this._g); Player.pause();
              if (this._ctl) map.removeControl(this._ctl);
            },
            redraw: function () {
              var map = this._map; if (!map) return;
              var g = this._g, b = map.getBounds(), z = map.getZoom();
              var s = b.getSouth(), n = b.getNorth(), w = b.getWest(), e = b.getEast(), idx = [];
              for (var k = 0; k < N; k++) {
                if (LAT[k] < s || LAT[k] > n || LON[k] < w || LON[k] > e || !inTime(k)) continue;
                idx.push(k);
              }
              var openKey = null;  // a popup open before the redraw (e.g. one that just auto-panned) stays open
              g.eachLayer(function (l) { if (l.cmKey && l.isPopupOpen && l.isPopupOpen()) openKey = l.cmKey; });
              this.inView = idx.length; g.clearLayers(); this._focusMarker = null;
              if (idx.length <= OPT.single_limit) this.singles(g, idx); else this.cells(g, idx, map, z);
              var total = 0; for (var q = 0; q < N; q++) if (inTime(q)) total++;
              this.inTime = total;
              if (Player.onDraw) Player.onDraw();
              if (this._focusPending && this._focusMarker) { this._focusPending = false; this._focusMarker.openPopup(); }
              else if (openKey) g.eachLayer(function (l) { if (l.cmKey === openKey) l.openPopup(); });
            },
            singles: function (g, idx) {
              var spots = {}, order = [];
              for (var i = 0; i < idx.length; i++) { var k = idx[i], key = LATI[k] + ',' + LONI[k];
                if (!spots[key]) { spots[key] = []; order.push(key); } spots[key].push(k); }
              var rings = 0;
              for (var j = 0; j < order.length; j++) {
                var ks = spots[order[j]], k0 = ks[0], ll = [LAT[k0], LON[k0]], mark = null;
                if (OPT.precision_rings) for (var r = 0; r < ks.length && rings < OPT.ring_limit; r++) {
                  var p = PREC[ks[r]] & 15;
                  if (p > 1) { rings++; L.circle(ll, {radius: OPT.ring_m[p] || OPT.ring_m[3], color: color(ks[r]), weight: 0.8,
                    opacity: 0.5, dashArray: '3 4', fill: false, interactive: false}).addTo(g); break; }
                }
                if (ks.length === 1) {
                  var m = L.circleMarker(ll, {radius: OPT.radius, color: '#1b1b1b', weight: 1, fillColor: color(k0),
                    fillOpacity: 0.85, className: 'cm-event'});
                  m.cmId = D.details ? D.details[k0][14] : k0; m.cmIndex = k0;
                  m.bindTooltip(label(k0), {direction: 'top', className: 'cm-tip'});
                  m.bindPopup(popup(k0), {maxWidth: 340}); g.addLayer(m); mark = m;
                } else {
                  var tally = {}, best = null, names = {};
                  for (var t = 0; t < ks.length; t++) { var c = color(ks[t]); tally[c] = (tally[c] || 0) + 1;
                    if (best === null || tally[c] > tally[best]) best = c; names[tname(ks[t])] = (names[tname(ks[t])] || 0) + 1; }
                  var size = Math.round(Math.min(46, 18 + 5 * Math.sqrt(ks.length)));
                  var icon = L.divIcon({html: '<div style="background:' + best + ';width:' + size + 'px;height:' + size +
                    'px;line-height:' + size + 'px">' + ks.length + '</div>', className: 'cm-cluster', iconSize: [size, size]});
                  var mk = L.marker(ll, {icon: icon}); mk.cmIds = ks;
                  var tip = ks.length + ' events at ' + D.places[PLACE[k0]] + ':';
                  for (var nm in names) tip += '<br>' + nm + ': ' + names[nm];
                  mk.bindTooltip(tip, {direction: 'top', className: 'cm-tip'});
                  var h = '<div class="cm-popup"><b>' + ks.length + ' events at this point</b>';
                  for (var u = 0; u < Math.min(ks.length, 25); u++) h += '<hr>' + popup(ks[u]);
                  if (ks.length > 25) h += '<hr><i>and ' + (ks.length - 25) + ' more (see the table)</i>';
                  mk.bindPopup(h + '</div>', {maxWidth: 360, maxHeight: 320}); g.addLayer(mk); mark = mk;
                }
                mark.cmKey = order[j];
                if (OPT.focus && Math.abs(ll[0] - OPT.focus[0]) < 2e-5 && Math.abs(ll[1] - OPT.focus[1]) < 2e-5) {
                  this._focusMarker = mark;
                  L.circleMarker(ll, {radius: 13, color: '#0b61a4', weight: 3, fill: false, interactive: false,
                    className: 'cm-focus'}).addTo(g);
                }
              }
            },
            cells: function (g, idx, map, z) {
              var cell = {}, keys = [], px = OPT.cell_px;
              for (var i = 0; i < idx.length; i++) { var k = idx[i], p = map.project([LAT[k], LON[k]], z);
                var key = Math.floor(p.x / px) + ':' + Math.floor(p.y / px), c = cell[key];
                if (!c) { c = cell[key] = {n: 0, lat: 0, lon: 0, s: 90, w: 180, nn: -90, e: -180, t: {}}; keys.push(key); }
                c.n++; c.lat += LAT[k]; c.lon += LON[k]; c.t[TYP[k]] = (c.t[TYP[k]] || 0) + 1;
                if (LAT[k] < c.s) c.s = LAT[k]; if (LAT[k] > c.nn) c.nn = LAT[k];
                if (LON[k] < c.w) c.w = LON[k]; if (LON[k] > c.e) c.e = LON[k]; }
              for (var j = 0; j < keys.length; j++) {
                var c2 = cell[keys[j]], best = 0, bt = 255, tip = c2.n.toLocaleString() + ' events here';
                for (var t in c2.t) { if (c2.t[t] > best) { best = c2.t[t]; bt = +t; }
                  tip += '<br>' + (t < D.types.length ? D.types[t] : 'Other') + ': ' + c2.t[t]; }
                var size = Math.round(Math.min(54, 20 + 5 * Math.log(1 + c2.n) * 1.6));
                var icon = L.divIcon({html: '<div style="background:' + (bt < D.colors.length ? D.colors[bt] : D.other) +
                  ';width:' + size + 'px;height:' + size + 'px;line-height:' + size + 'px">' + c2.n.toLocaleString() + '</div>',
                  className: 'cm-cluster cm-cell', iconSize: [size, size]});
                var mk = L.marker([c2.lat / c2.n, c2.lon / c2.n], {icon: icon});
                mk.bindTooltip(tip + '<br><i>click to zoom in</i>', {direction: 'top', className: 'cm-tip'});
                (function (c3) { mk.on('click', function () {
                  if (c3.nn - c3.s < 1e-6 && c3.e - c3.w < 1e-6) map.setView([c3.s, c3.w], Math.min(map.getMaxZoom(), z + 3));
                  else map.fitBounds([[c3.s, c3.w], [c3.nn, c3.e]], {maxZoom: Math.min(map.getMaxZoom(), z + 4), padding: [20, 20]}); }); })(c2);
                g.addLayer(mk);
              }
            }
          });
          Player.show = function (start) {
            Player.active = true; Player.start = windowStart(start); Player.end = windowEnd(Player.start);
            if (Player.layer) Player.layer.redraw();
          };
          Player.step = function (dir) {
            if (!Player.active) { Player.show(dir > 0 ? dmin : windowStart(dmax)); return true; }
            if (dir > 0) { if (Player.end + 1 > dmax) { Player.pause(); return false; } Player.show(Player.end + 1); return true; }
            if (Player.start <= dmin) return false;
            Player.show(Player.window === 'month' ? windowStart(Player.start - 1)
                        : Math.max(dmin, Player.start - (Player.window === 'day' ? 1 : 7)));
            return true;
          };
          Player.play = function () {
            Player.pause(); if (!Player.active || Player.end >= dmax) Player.show(dmin);
            Player.timer = setInterval(function () { if (!Player.step(1)) Player.pause(); }, 1000 / Player.speed);
            if (Player.onDraw) Player.onDraw();
          };
          Player.pause = function () { if (Player.timer) clearInterval(Player.timer); Player.timer = null; if (Player.onDraw) Player.onDraw(); };
          Player.all = function () { Player.pause(); Player.active = false; if (Player.layer) Player.layer.redraw(); };
          Player.setWindow = function (w) { Player.window = w; if (Player.active) Player.show(Player.start); };
          Player.setSpeed = function (v) { Player.speed = +v; if (Player.timer) Player.play(); };
          function playerControl() {
            var ctl = L.control({position: 'bottomleft'});
            ctl.onAdd = function () {
              var div = L.DomUtil.create('div', 'cm-player');
              div.innerHTML = '<button class="cm-back" title="previous window">«</button>' +
                '<button class="cm-play" title="play / pause">▶</button>' +
                '<button class="cm-step" title="next window">»</button>' +
                '<select class="cm-window" title="window"><option value="day">day</option><option value="week">week</option>' +
                '<option value="month">month</option></select>' +
                '<select class="cm-speed" title="speed"><option value="0.5">0.5×</option><option value="1" selected>1×</option>' +
                '<option value="2">2×</option><option value="4">4×</option></select>' +
                '<button class="cm-all" title="show every date again">all dates</button>' +
                '<div class="cm-player-label"></div>';
              div.querySelector('.cm-window').value = Player.window;
              L.DomEvent.disableClickPropagation(div); L.DomEvent.disableScrollPropagation(div);
              div.querySelector('.cm-play').onclick = function () { if (Player.timer) Player.pause(); else Player.play(); };
              div.querySelector('.cm-step').onclick = function () { Player.pause(); Player.step(1); };
              div.querySelector('.cm-back').onclick = function () { Player.pause(); Player.step(-1); };
              div.querySelector('.cm-all').onclick = function () { Player.all(); };
              div.querySelector('.cm-window').onchange = function () { Player.setWindow(this.value); };
              div.querySelector('.cm-speed').onchange = function () { Player.setSpeed(this.value); };
              Player.onDraw = function () {
                var lay = Player.layer, lab = div.querySelector('.cm-player-label');
                div.querySelector('.cm-play').textContent = Player.timer ? '❚❚' : '▶';
                if (!lay) return;
                lab.textContent = (Player.active ? iso(Player.start) + (Player.end > Player.start ? ' – ' + iso(Math.min(Player.end, dmax)) : '')
                  : 'all dates') + ' · ' + lay.inTime.toLocaleString() + ' events · ' + lay.inView.toLocaleString() + ' in view';
              };
              Player.onDraw();
              return div;
            };
            return ctl;
          }
          new Cloud().addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    def __init__(self, events: pd.DataFrame, *, precision_rings: bool = True, player: bool = True,
                 window: str = "week", focus: tuple[float, float, int] | None = None, radius: int = 6,
                 detail_limit: int = DETAIL_LIMIT):
        super().__init__()
        self._name = "EventCloud"
        self.data = encode_events(events, detail_limit=detail_limit)
        self.options = {
            "single_limit": SINGLE_LIMIT, "cell_px": CELL_PX, "ring_limit": RING_LIMIT,
            "ring_m": {str(k): v * 1000.0 for k, v in PRECISION_RADIUS_KM.items()},
            "precision_rings": bool(precision_rings), "player": bool(player), "window": window,
            "radius": int(radius), "detail_limit": f"{detail_limit:,}",
            "focus": list(focus) if focus else None,
            "synthetic_note": html.escape(SYNTHETIC_NOTE),
        }


def payload_bytes(cloud: EventCloud) -> int:
    """Approximate bytes the cloud adds to the page (its JSON), for benches and tests."""
    import json

    return len(json.dumps(cloud.data)) + len(json.dumps(cloud.options))


def zoom_for_km(width_km: float, lat: float, width_px: int = 1000) -> int:
    """The Web-Mercator zoom at which `width_px` pixels span about `width_km` km at latitude `lat`."""
    m_per_px = width_km * 1000.0 / width_px
    return int(round(math.log2(156543.03392 * math.cos(math.radians(lat)) / m_per_px)))
