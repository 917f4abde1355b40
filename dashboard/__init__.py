"""crisismap: offline-first crisis mapping (import package `dashboard`)."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["OfflineGeocoder", "__version__"]


def __getattr__(name: str):
    # Lazy, so `import dashboard` stays cheap for the CLI and the Streamlit page.
    if name == "OfflineGeocoder":
        from dashboard.places.geocoder import OfflineGeocoder

        return OfflineGeocoder
    raise AttributeError(name)
