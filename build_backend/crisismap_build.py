"""crisismap's build backend: setuptools' own, plus what the wheel's build steps need to import.

setup.py builds the offline basemap tiles into the wheel with ``dashboard.views.basemap_build``,
which needs crisismap's runtime libraries (geopandas, pyogrio, pmtiles...). In an isolated build
environment (pip, ``python -m build``) those are absent unless asked for, so when that module is
in the source tree the wheel build requires the project's own dependencies too. Without it, the
build needs setuptools alone.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403  (the PEP 517/660 hooks we do not change)

ROOT = Path(__file__).resolve().parents[1]


def _build_step_requires() -> list[str]:
    if not (ROOT / "dashboard" / "views" / "basemap_build.py").is_file():
        return []
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return list(tomllib.load(fh)["project"]["dependencies"])


def get_requires_for_build_wheel(config_settings=None) -> list[str]:
    return _setuptools.get_requires_for_build_wheel(config_settings) + _build_step_requires()
