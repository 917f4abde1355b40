"""Every ``CRISISMAP_*`` setting, read in one place.

Settings are read from the environment at call time (so tests and the CLI can change them), each
with its documented default. The README lists them all.

| variable | meaning | default |
| --- | --- | --- |
| ``CRISISMAP_STORE`` | the event store: a GeoPackage path or ``postgresql://user:pass@host:port/db`` | ``<user data dir>/events.gpkg`` |
| ``CRISISMAP_DEMO_STORE`` | where the demo store is built | ``<user data dir>/demo.gpkg`` |
| ``CRISISMAP_CACHE_DIR`` | the gazetteer index cache and the online geocoder's cache | platformdirs user cache dir |
| ``CRISISMAP_DATA_DIR`` | user-added gazetteer files (GeoNames dumps) | platformdirs user data dir |
| ``CRISISMAP_ONLINE`` | an online geocoder to ask beside the offline one: a geopy service (``nominatim``) or a Nominatim server's address (``http://host:8080``) | off |
| ``CRISISMAP_SERVER_SIDE_ROWS`` | a PostGIS store with more events is filtered on the server by the page | ``250000`` |
| ``CRISISMAP_LEARN_PLACES`` | learn places from imported curated files and use them (``0`` turns it off) | on |
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["store", "store_from_env", "demo_store", "cache_dir", "data_dir", "online", "learn_places",
           "server_side_rows", "ENV"]

#: every variable this module reads, for the README and `crisismap --help`
ENV = ("CRISISMAP_STORE", "CRISISMAP_DEMO_STORE", "CRISISMAP_CACHE_DIR", "CRISISMAP_DATA_DIR",
       "CRISISMAP_ONLINE", "CRISISMAP_LEARN_PLACES", "CRISISMAP_SERVER_SIDE_ROWS")

_OFF = {"0", "false", "no", "off", ""}


def _get(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def _platform_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("crisismap", appauthor=False))


def _platform_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("crisismap", appauthor=False))


def store_from_env() -> str | None:
    """``$CRISISMAP_STORE`` as given (a path or a ``postgresql://`` URL), or None when unset."""
    return _get("CRISISMAP_STORE")


def store() -> str:
    """The user's event store: ``$CRISISMAP_STORE``, else ``<user data dir>/events.gpkg``."""
    env = store_from_env()
    return str(Path(env).expanduser()) if env and "://" not in env else (env or str(_platform_data_dir() / "events.gpkg"))


def demo_store() -> Path:
    """Where the demo store is built: ``$CRISISMAP_DEMO_STORE``, else ``<user data dir>/demo.gpkg``."""
    env = _get("CRISISMAP_DEMO_STORE")
    return Path(env).expanduser() if env else _platform_data_dir() / "demo.gpkg"


def cache_dir() -> Path:
    """The gazetteer index cache: ``$CRISISMAP_CACHE_DIR``, else the platformdirs user cache dir."""
    env = _get("CRISISMAP_CACHE_DIR")
    return Path(env).expanduser() if env else _platform_cache_dir()


def data_dir() -> Path:
    """User-added gazetteer files: ``$CRISISMAP_DATA_DIR``, else the platformdirs user data dir."""
    env = _get("CRISISMAP_DATA_DIR")
    return Path(env).expanduser() if env else _platform_data_dir()


def online() -> str | None:
    """The online geocoder to ask beside the offline one (``"nominatim"``, or a Nominatim server's
    address such as ``"http://127.0.0.1:8080"``), or None (default: offline only)."""
    return _get("CRISISMAP_ONLINE")


def learn_places() -> bool:
    """Whether imports of curated files teach the gazetteer their places, and lookups use them."""
    value = os.environ.get("CRISISMAP_LEARN_PLACES")
    return True if value is None else value.strip().lower() not in _OFF


def server_side_rows() -> int:
    """Above this many events a PostGIS store is filtered on the server (SQL) by the page, which then
    holds only the matching events and a sample (``$CRISISMAP_SERVER_SIDE_ROWS``, default 250000)."""
    try:
        return int(_get("CRISISMAP_SERVER_SIDE_ROWS") or 250_000)
    except ValueError:
        return 250_000
