"""Build steps that pyproject.toml cannot express: package data and map assets go into the wheel.

Everything else (metadata, dependencies, entry points) is in pyproject.toml. At wheel build time:

1. ``data/`` (the source of the boundaries, gazetteer supplement, demo events and sample reports)
   is copied into the wheel as ``dashboard/_data``; :mod:`dashboard.resources` finds it there.
2. The map's JavaScript/CSS are copied from ``node_modules`` (``npm ci`` first when it is missing,
   pinned by package-lock.json) into ``dashboard/static/vendor`` by :mod:`dashboard.views.assets`.
3. The offline basemap tiles are built into ``dashboard/static/vendor/basemap`` when the basemap
   build step (``dashboard.views.basemap_build``) is present and its inputs are installed.

An editable install (``pip install -e .``, what ``make setup`` does) skips all three: a checkout
reads ``data/`` in place and ``make assets`` fills ``dashboard/static/vendor``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py as _build_py

ROOT = Path(__file__).resolve().parent
#: never shipped, wherever they turn up under data/: stores and caches live in platformdirs locations
EXCLUDE = shutil.ignore_patterns("*.gpkg", "*.gpkg-journal", "*.gpkg-wal", "*.gpkg-shm", "*.pickle", "*.pkl",
                                 "__pycache__", ".*", "*.building.*", "cache")


def _assets_module():
    """dashboard.views.assets from this source tree (stdlib-only, importable in the isolated build env)."""
    sys.path.insert(0, str(ROOT))
    try:
        from dashboard.views import assets
    finally:
        sys.path.remove(str(ROOT))
    return assets


def _npm_ci() -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("crisismap build: node_modules/ is missing and npm is not installed; install Node.js/npm "
                         "(it installs the map's Leaflet files pinned by package-lock.json) and build again")
    if not (ROOT / "package-lock.json").is_file():
        raise SystemExit("crisismap build: package-lock.json is missing from the source tree; cannot install the map assets")
    print("crisismap build: npm ci (map assets, pinned by package-lock.json)", file=sys.stderr)
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ROOT, check=True)


def copy_data(target: Path) -> None:
    """data/ -> <build>/dashboard/_data (no stores, no caches)."""
    src = ROOT / "data"
    if not src.is_dir():
        raise SystemExit(f"crisismap build: {src} is missing; the package data comes from there")
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(src, target, ignore=EXCLUDE)


def build_assets(vendor: Path) -> None:
    """node_modules -> <build>/dashboard/static/vendor (npm ci first when node_modules is missing)."""
    assets = _assets_module()
    node_modules = ROOT / "node_modules"
    if not all((node_modules / p).is_dir() for p in assets.PACKAGES):
        _npm_ci()
    assets.copy_assets(node_modules, vendor)
    gone = [p for _, p in assets.JS + assets.CSS if not (vendor / p).is_file()]
    if gone:
        raise SystemExit(f"crisismap build: map assets still missing after the copy: {', '.join(gone)}")


def build_basemap(vendor: Path) -> None:
    """The offline basemap (PMTiles + GeoPackage) into <build>/dashboard/static/vendor/basemap.

    Hook for the basemap build step (``dashboard.views.basemap_build.build_basemap``). It needs
    crisismap's runtime libraries; the build backend (build_backend/crisismap_build.py) asks for
    them whenever that module is in the source tree, so an isolated build has them. Where they
    still cannot be imported (a non-isolated build in a bare environment), a basemap already built
    in the checkout is copied, else the build says so (the maps then draw the boundary outlines).
    """
    if not (ROOT / "dashboard" / "views" / "basemap_build.py").is_file():
        return
    built = ROOT / "dashboard" / "static" / "vendor" / "basemap"  # `make setup` builds it in a checkout
    sys.path.insert(0, str(ROOT))
    try:
        from dashboard.views import basemap_build
    except ImportError as exc:
        if built.is_dir() and any(built.glob("*.pmtiles")):
            shutil.copytree(built, vendor / "basemap", dirs_exist_ok=True)
            print(f"crisismap build: basemap copied from {built} ({exc} in the build environment)", file=sys.stderr)
        else:
            print(f"crisismap build: basemap tiles not built ({exc}); the maps fall back to boundary outlines",
                  file=sys.stderr)
        return
    finally:
        sys.path.remove(str(ROOT))
    basemap_build.build_basemap(vendor / "basemap", ROOT / "node_modules")


class build_py(_build_py):
    """setuptools' build_py, plus the package data and the map assets (skipped for editable installs)."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        package = Path(self.build_lib) / "dashboard"
        copy_data(package / "_data")
        vendor = package / "static" / "vendor"
        build_assets(vendor)
        build_basemap(vendor)


setup(cmdclass={"build_py": build_py})
