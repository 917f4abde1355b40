"""Opt-in online geocoding through geopy (Nominatim and the other geopy services).

Every call goes through geopy's ``RateLimiter`` (at most one request per ``min_delay_seconds``), has a
timeout, and its answer is kept in an on-disk SQLite cache (``<cache dir>/online-geocode.sqlite``), so a
query is asked once. Errors propagate; :class:`dashboard.places.geocoder.OfflineGeocoder` catches them
and falls back to the offline answer.

One attempt per query: the HTTP adapter is built without retries (geopy's default retries made one
query on a hanging network take three timeouts). After ``MAX_FAILURES`` failures in a row a service
is not asked again for the rest of the process (:class:`OnlineUnavailable` is raised at once), and
this is logged once. ``provider`` may be a geopy service name (``"nominatim"``) or the address of a
Nominatim server of your own (``"http://127.0.0.1:8080"``, ``"https://nominatim.example.org"``).
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import get_geocoder_for_service
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from dashboard.places.gazetteer import cache_dir

__all__ = ["OnlineGeocoder", "OnlineUnavailable", "DEFAULT_TIMEOUT", "MAX_FAILURES", "breaker"]

DEFAULT_TIMEOUT = 5.0  # seconds per online request
#: failures in a row after which a service is not asked again in this process
MAX_FAILURES = 3

log = logging.getLogger(__name__)


class OnlineUnavailable(RuntimeError):
    """The service failed MAX_FAILURES times in a row; it is not asked again in this process."""


class _Breaker:
    """Consecutive failures of one service, shared by every OnlineGeocoder of the process."""

    def __init__(self) -> None:
        self.failures = 0
        self.open = False
        self.lock = threading.Lock()

    def failed(self, name: str, exc: BaseException) -> None:
        with self.lock:
            self.failures += 1
            if self.failures >= MAX_FAILURES and not self.open:
                self.open = True
                log.warning("online geocoder %s failed %d times in a row (last: %s); not asking it again in this "
                            "run, offline answers only", name, self.failures, type(exc).__name__)

    def succeeded(self) -> None:
        with self.lock:
            self.failures = 0


_BREAKERS: dict[str, _Breaker] = {}


def breaker(name: str) -> _Breaker:
    """The failure counter of a service (by name or server address) for this process."""
    return _BREAKERS.setdefault(name, _Breaker())


def _no_retry_adapter():
    """geopy's requests adapter with urllib3 retries off: one attempt per query."""
    import functools

    from geopy.adapters import RequestsAdapter, URLLibAdapter

    if RequestsAdapter.is_available:
        return functools.partial(RequestsAdapter, max_retries=0)
    return URLLibAdapter


class OnlineGeocoder:
    """A geopy geocoder behind a RateLimiter and a disk cache. ``provider``: service name or instance."""

    def __init__(self, provider: str | Geocoder, *, timeout: float | None = None, min_delay_seconds: float = 1.0,
                 cache_path: str | Path | None = None, user_agent: str = "crisismap/0.1") -> None:
        key = None
        if isinstance(provider, str):
            text = provider.strip()
            if re.match(r"https?://", text, re.I):  # a Nominatim server of one's own
                from geopy.geocoders import Nominatim

                parts = urlsplit(text)
                provider = Nominatim(user_agent=user_agent, timeout=timeout or DEFAULT_TIMEOUT,
                                     domain=(parts.netloc + parts.path).rstrip("/"), scheme=parts.scheme.lower(),
                                     adapter_factory=_no_retry_adapter())
                key = text
            else:
                cls = get_geocoder_for_service(text.lower())
                provider = cls(user_agent=user_agent, timeout=timeout or DEFAULT_TIMEOUT,
                               adapter_factory=_no_retry_adapter())
        self.provider = provider
        self.name = type(provider).__name__.lower()
        self.breaker = breaker(key or self.name)
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

    def submit(self, query: str, *, exactly_one: bool = True, country_codes: set[str] | None = None,
               timeout: float | None = None) -> _Asked:
        """Start `geocode` on a daemon thread; the returned object's `result()` gives its answer (or
        raises its error) no later than the timeout plus one second after this call."""
        import time

        deadline = time.monotonic() + float(timeout or self.timeout) + 1.0
        return _Asked(self, lambda: self.geocode(query, exactly_one=exactly_one, country_codes=country_codes,
                                                 timeout=timeout), deadline)

    def geocode(self, query: str, *, exactly_one: bool = True, country_codes: set[str] | None = None,
                timeout: float | None = None) -> Location | list[Location] | None:
        """Online answer (cached); raises whatever the provider raises."""
        key = json.dumps([self.name, query, sorted(country_codes or []), exactly_one])
        with self._lock:
            row = self._conn().execute("SELECT v FROM answers WHERE k = ?", (key,)).fetchone()
        if row is not None:
            return _decode(json.loads(row[0]), exactly_one)
        if self.breaker.open:
            raise OnlineUnavailable(f"online geocoder {self.name} is off for this run after {MAX_FAILURES} failures")
        kwargs: dict[str, Any] = {"exactly_one": exactly_one, "timeout": timeout or self.timeout}
        if country_codes and self.name == "nominatim":
            kwargs["country_codes"] = sorted(country_codes)
        try:
            answer = self._geocode(query, **kwargs)
        except Exception as exc:
            self.breaker.failed(self.name, exc)
            raise
        self.breaker.succeeded()
        locs = [] if answer is None else [answer] if isinstance(answer, Location) else list(answer)
        payload = [{"address": loc.address, "lat": loc.latitude, "lon": loc.longitude,
                    "raw": _jsonable(loc.raw) | {"source": f"online: {self.name}", "precision": 1}}
                   for loc in locs]
        with self._lock:
            self._conn().execute("INSERT OR REPLACE INTO answers VALUES (?, ?)", (key, json.dumps(payload)))
            self._conn().commit()
        return _decode(payload, exactly_one)


class _Asked:
    """An online answer fetched on a daemon thread (it never holds up the end of the process).
    `result()` returns it, or raises its error, by `deadline` (monotonic seconds) at the latest."""

    def __init__(self, owner: OnlineGeocoder, call, deadline: float) -> None:
        self.owner, self.deadline = owner, deadline
        self._done = threading.Event()
        self._value: Any = None
        self._error: BaseException | None = None

        def run() -> None:
            try:
                self._value = call()
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                self._error = exc
            finally:
                self._done.set()

        threading.Thread(target=run, name="crisismap-online", daemon=True).start()

    def result(self):
        import time

        if not self._done.wait(max(0.0, self.deadline - time.monotonic())):
            exc = TimeoutError("no answer in time")
            self.owner.breaker.failed(self.owner.name, exc)
            raise exc
        if self._error is not None:
            raise self._error
        return self._value


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
