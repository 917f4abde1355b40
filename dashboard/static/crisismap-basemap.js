/* crisismap: the offline labelled basemap, drawn by protomaps-leaflet from our own PMTiles.
 * Layers and attributes come from dashboard/views/basemap_build.py; colours, fonts and label zooms
 * from dashboard/views/basemap.py (STYLE), the same ones the PNG export uses. */
(function () {
  "use strict";

  /* A pmtiles Source over bytes already in the page (the standalone HTML, opened from file://). */
  function BytesSource(bytes, key) {
    this.bytes = bytes;
    this.key = key || "crisismap-basemap";
  }
  BytesSource.prototype.getKey = function () { return this.key; };
  BytesSource.prototype.getBytes = function (offset, length) {
    var end = Math.min(offset + length, this.bytes.byteLength);
    return Promise.resolve({ data: this.bytes.buffer.slice(this.bytes.byteOffset + offset, this.bytes.byteOffset + end) });
  };

  function decodeBase64(b64) {
    var bin = atob(b64), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function rules(S) {
    var P = protomapsL, font = S.font_family;
    var minz = function (z, f) { return f.props.min_zoom <= z; };
    var kind = function (k) { return function (z, f) { return f.props.kind === k && f.props.min_zoom <= z; }; };
    var byRank = function (a, b) { return (a.rank - b.rank) || (b.population - a.population); };
    var riverW = function (z, f) { return Math.max(0.6, Math.min(3.0, (f.props.width || 0.2) * 2.2 * Math.pow(1.35, z - 5))); };
    var paintRules = [
      { dataLayer: "land", symbolizer: new P.PolygonSymbolizer({ fill: S.land }) },
      { dataLayer: "water", filter: minz, symbolizer: new P.PolygonSymbolizer({ fill: S.water }) },
      { dataLayer: "rivers", filter: minz, symbolizer: new P.LineSymbolizer({ color: S.river, width: riverW, lineJoin: "round", lineCap: "round" }) },
      { dataLayer: "borders", minzoom: 4, filter: function (z, f) { return f.props.level === 1; },
        symbolizer: new P.LineSymbolizer({ color: S.admin1, width: function (z) { return z < 7 ? 0.7 : 1.0; } }) },
      { dataLayer: "borders", filter: function (z, f) { return f.props.level === 0; },
        symbolizer: new P.LineSymbolizer({ color: S.admin0, width: function (z) { return z < 5 ? 1.0 : 1.6; }, lineJoin: "round" }) }
    ];
    function place(layer, k, size, weight, dot) {
      return {
        dataLayer: layer, filter: kind(k), sort: byRank,
        symbolizer: new P.GroupSymbolizer([
          new P.CircleSymbolizer({ radius: dot, fill: S.place_dot, stroke: S.halo, width: 1.2 }),
          new P.OffsetTextSymbolizer({ fill: S.place_text, stroke: S.halo, width: S.halo_px,
            font: weight + " " + size + "px " + font, offsetX: dot + 3, offsetY: 4 })
        ])
      };
    }
    var country = function (layer) {
      return { dataLayer: layer, filter: kind("country"), sort: byRank,
        symbolizer: new P.CenteredTextSymbolizer({ fill: S.country_text, stroke: S.halo, width: S.halo_px,
          font: function (z) { return "700 " + (z < 4 ? S.size.country - 1 : S.size.country + 1) + "px " + font; },
          maxLineChars: 14 }) };
    };
    var layers = ["places_major", "places_region", "places_town", "places_small", "places_village"];
    var labelRules = layers.map(country);
    [["capital", S.size.capital, 700, 3.5], ["admin1_capital", S.size.admin1_capital, 700, 2.8],
     ["town", S.size.town, 400, 2.4], ["village", S.size.village, 400, 2.0]].forEach(function (k) {
      layers.forEach(function (layer) { labelRules.push(place(layer, k[0], k[1], k[2], k[3])); });
    });
    return { paintRules: paintRules, labelRules: labelRules };
  }

  /* A Leaflet layer of the basemap. src: a URL of a .pmtiles file, or {b64: "..."} with its bytes. */
  window.crisismapBasemap = function (src, S, attribution) {
    var r = rules(S), url = src;
    if (src && src.b64 !== undefined) {
      url = new pmtiles.PMTiles(new BytesSource(decodeBase64(src.b64)));
    }
    var fontsReady = (document.fonts && document.fonts.load)
      ? [document.fonts.load("400 12px " + S.font_family), document.fonts.load("700 12px " + S.font_family)]
      : [];
    var layer = protomapsL.leafletLayer({
      url: url, maxDataZoom: S.max_data_zoom, paintRules: r.paintRules, labelRules: r.labelRules,
      backgroundColor: S.water, attribution: attribution, tasks: fontsReady, maxZoom: 19
    });
    /* every tile in view drawn: counted, so a test (or a screenshot script) can wait for it */
    layer.on("load", function () { window.crisismapBasemapLoads = (window.crisismapBasemapLoads || 0) + 1; });
    return layer;
  };
})();
