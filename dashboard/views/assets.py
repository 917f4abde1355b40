"""Local copies of the map's JavaScript and CSS, so the page makes no request off the machine.

`python -m dashboard.views.assets` copies Leaflet and its plugins from `node_modules/` (installed
by `npm ci`, pinned by package-lock.json) into `dashboard/static/vendor/`. Streamlit serves that
folder at `/app/static/vendor/...` when `server.enableStaticServing` is on.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from dashboard import resources

ROOT = resources.node_modules_dir().parent
NODE_MODULES = resources.node_modules_dir()
STATIC = resources.static_dir()
VENDOR = resources.vendor_dir()
#: URL prefix under which Streamlit serves dashboard/static/.
STATIC_URL = "/app/static"

#: npm package -> the folder inside it that we serve (copied whole: images and source maps too).
PACKAGES: dict[str, str] = {
    "leaflet": "dist",
    "leaflet.markercluster": "dist",
    "leaflet-draw": "dist",
    "leaflet.heat": "dist",
    # the offline labelled basemap (dashboard/views/basemap.py): renderer, tile reader, label font
    "protomaps-leaflet": "dist",
    "pmtiles": "dist",
    "@fontsource/dejavu-sans": "files",
}
#: npm package -> folder name under vendor/ when it is not the package name (no "@" or "/" in URLs)
DEST: dict[str, str] = {"@fontsource/dejavu-sans": "fontsource-dejavu-sans"}
#: npm package -> single files we copy (data the gazetteer builds from, not served to the page).
FILES: dict[str, list[str]] = {
    "us-atlas": ["counties-10m.json"],
}

#: (name, path under vendor/) of every script the map needs, in load order.
JS: list[tuple[str, str]] = [
    ("leaflet", "leaflet/leaflet.js"),
    ("markercluster", "leaflet.markercluster/leaflet.markercluster.js"),
    ("draw", "leaflet-draw/leaflet.draw.js"),
    ("heat", "leaflet.heat/leaflet-heat.js"),
]
CSS: list[tuple[str, str]] = [
    ("leaflet_css", "leaflet/leaflet.css"),
    ("markercluster_css", "leaflet.markercluster/MarkerCluster.css"),
    ("markercluster_default_css", "leaflet.markercluster/MarkerCluster.Default.css"),
    ("draw_css", "leaflet-draw/leaflet.draw.css"),
]
#: our own small stylesheet (dashboard/static/crisismap.css).
OWN_CSS: list[tuple[str, str]] = [("crisismap_css", "crisismap.css")]


def js_urls() -> list[tuple[str, str]]:
    """(name, URL) of each local script, as folium's `default_js` wants them."""
    return [(n, f"{STATIC_URL}/vendor/{p}") for n, p in JS]


def css_urls() -> list[tuple[str, str]]:
    """(name, URL) of each local stylesheet, as folium's `default_css` wants them."""
    return [(n, f"{STATIC_URL}/vendor/{p}") for n, p in CSS] + [(n, f"{STATIC_URL}/{p}") for n, p in OWN_CSS]


def missing() -> list[str]:
    """Vendor files the map needs that are not in dashboard/static/vendor/ (empty when ready)."""
    basemap = ["protomaps-leaflet/protomaps-leaflet.js", "pmtiles/pmtiles.js",
               "fontsource-dejavu-sans/dejavu-sans-latin-400-normal.woff2",
               "basemap/basemap.pmtiles", "basemap/basemap.gpkg"]  # the offline basemap (views/basemap.py)
    return [p for p in [p for _, p in JS + CSS] + basemap if not (VENDOR / p).is_file()]


def copy_assets(node_modules: Path = NODE_MODULES, vendor: Path = VENDOR) -> list[Path]:
    """Copy each package's served folder from node_modules into vendor/; return the folders written."""
    written = []
    for package, sub in PACKAGES.items():
        src = node_modules / package / sub
        if not src.is_dir():
            raise FileNotFoundError(f"{src} is missing: run `npm ci` first (package.json pins it)")
        dest = vendor / DEST.get(package, package)
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(src, dest, ignore=shutil.ignore_patterns("*.esm.js", "*.esm.js.map", "esm", "cjs", "*italic*"))
        license_file = node_modules / package / "LICENSE"
        if license_file.is_file():
            shutil.copy2(license_file, dest / "LICENSE")
        written.append(dest)
    for package, names in FILES.items():
        dest = vendor / package
        dest.mkdir(parents=True, exist_ok=True)
        for name in names + ["LICENSE"]:
            src = node_modules / package / name
            if not src.is_file():
                raise FileNotFoundError(f"{src} is missing: run `npm ci` first (package.json pins it)")
            shutil.copy2(src, dest / name)
        written.append(dest)
    return written


def main() -> int:
    try:
        written = copy_assets()
    except FileNotFoundError as exc:
        print(f"assets: {exc}", file=sys.stderr)
        return 1
    for d in written:
        print(f"assets: {d.relative_to(ROOT)}")
    from dashboard.views import basemap_build  # the offline basemap's tiles, built from npm/PyPI data

    if basemap_build.main([]) != 0:
        return 1
    gone = missing()
    if gone:
        print(f"assets: still missing {gone}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
