"""crisismap: offline-first crisis mapping (import package `dashboard`).

The public API (imported lazily, so `import dashboard` stays cheap for the CLI and the page):

* :class:`OfflineGeocoder` — a geopy ``Geocoder`` over the offline gazetteer;
* :func:`read_events` — an event file (ACLED, UCDP, GDELT, tables, GeoJSON/GPKG) -> (events, rejects);
* :func:`extract_events` — a news report (text or file) -> (events, rejects);
* :func:`open_store` — the GeoPackage event store (``append``, ``read``);
* :class:`FilterState` and :func:`apply_filters` — the one event filter (the page's);
* :func:`export_png` — a static map picture for reports.

Events are GeoDataFrames in EPSG:4326 with ACLED column names. See the README's "Python API".
"""

from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

#: public name -> the module that defines it
_API = {
    "OfflineGeocoder": "dashboard.places.geocoder",
    "read_events": "dashboard.api",
    "extract_events": "dashboard.api",
    "open_store": "dashboard.events.store",
    "FilterState": "dashboard.filters",
    "apply_filters": "dashboard.filters",
    "export_png": "dashboard.views.export",
}
__all__ = [*_API, "__version__"]


def __getattr__(name: str):
    if name in _API:
        value = getattr(import_module(_API[name]), name)
        globals()[name] = value  # later lookups skip this function
        return value
    raise AttributeError(f"module 'dashboard' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
