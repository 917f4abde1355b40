"""Opt-in online geocoding through geopy (Nominatim and the other geopy services).

Every call goes through geopy's ``RateLimiter`` (at most one request per ``min_delay_seconds``), has a
timeout, and its answer is kept in an on-disk SQLite cache (``<cache dir>/online-geocode.sqlite``), so a
query is asked once. Errors propagate; :class:`dashboard.places.geocoder.OfflineGeocoder` catches them
and falls back to the offline answer.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import get_geocoder_for_service
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from dashboard.places.gazetteer import cache_dir

__all__ = ["OnlineGeocoder", "DEFAULT_TIMEOUT"]

DEFAULT_TIMEOUT = 5.0  # seconds per online request


class OnlineGeocoder:
    """A geopy geocoder behind a RateLimiter and a disk cache. ``provider``: service name or instance."""

    def __init__(self, provider: str | Geocoder, *, timeout: float | None = None, min_delay_seconds: float = 1.0,
                 cache_path: str | Path | None = None, user_agent: str = "crisismap/0.1") -> None:
        if isinstance(provider, str):
            cls = get_geocoder_for_service(provider.strip().lower())
            provider = cls(user_agent=user_agent, timeout=timeout or DEFAULT_TIMEOUT)
        self.provider = provider
        self.name = type(provider).__name__.lower()
        self.timeout = timeout or DEFAULT_TIMEOUT
        self._geocode = RateLimiter(provider.geocode, min_delay_seconds=min_delay_seconds, max_retries=0,
                                    swallow_exceptions=False)
        self.cache_path = Path(cache_path) if cache_path else cache_dir() / "online-geocode.sqlite"
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.cache_path, check_same_thread=False)
            self._db.execute("CREATE TABLE IF NOT EXISTS answers (k TEXT PRIMARY KEY, v TEXT NOT NULL)")
        return self._db

    def geocode(self, query: str, *, exactly_one: bool = True, country_codes: set[str] | None = None,
                timeout: float | None = None) -> Location | list[Location] | None:
        """Online answer (cached); raises whatever the provider raises."""
        key = json.dumps([self.name, query, sorted(country_codes or []), exactly_one])
        with self._lock:
            row = self._conn().execute("SELECT v FROM answers WHERE k = ?", (key,)).fetchone()
        if row is not None:
            return _decode(json.loads(row[0]), exactly_one)
        kwargs: dict[str, Any] = {"exactly_one": exactly_one, "timeout": timeout or self.timeout}
        if country_codes and self.name == "nominatim":
            kwargs["country_codes"] = sorted(country_codes)
        answer = self._geocode(query, **kwargs)
        locs = [] if answer is None else [answer] if isinstance(answer, Location) else list(answer)
        payload = [{"address": loc.address, "lat": loc.latitude, "lon": loc.longitude,
                    "raw": _jsonable(loc.raw) | {"source": f"online: {self.name}", "precision": 1}}
                   for loc in locs]
        with self._lock:
            self._conn().execute("INSERT OR REPLACE INTO answers VALUES (?, ?)", (key, json.dumps(payload)))
            self._conn().commit()
        return _decode(payload, exactly_one)


def _jsonable(raw: Any) -> dict:
    try:
        return json.loads(json.dumps(raw, default=str)) if isinstance(raw, dict) else {"raw": str(raw)}
    except (TypeError, ValueError):
        return {"raw": str(raw)}


def _decode(payload: list[dict], exactly_one: bool) -> Location | list[Location] | None:
    locs = [Location(d["address"], (d["lat"], d["lon"], 0.0), d["raw"]) for d in payload]
    if not locs:
        return None
    return locs[0] if exactly_one else locs
