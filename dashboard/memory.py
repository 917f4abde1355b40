"""Process memory: give freed heap back to the system (the dashboard server, big imports).

Streamlit runs each browser session's script on its own thread; glibc gives threads their own
malloc arenas and keeps freed pages in them, so the server's resident memory stays at its
high-water mark after sessions close. `crisismap run` limits the arenas (MALLOC_ARENA_MAX=2) and
the page starts `start_trimmer()`: a daemon thread that returns free pages to the system every
few seconds (glibc `malloc_trim(0)`), so memory also comes back once sessions have closed and
nothing runs any more.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import threading

__all__ = ["trim", "start_trimmer", "limit_arenas", "ARENA_ENV"]

_STARTED = threading.Event()

#: environment for the server process: two malloc arenas instead of 8 per core
ARENA_ENV = {"MALLOC_ARENA_MAX": "2"}


@functools.lru_cache(maxsize=1)
def _libc():
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        lib = ctypes.CDLL(name)
        lib.malloc_trim.argtypes = [ctypes.c_size_t]
        lib.malloc_trim.restype = ctypes.c_int
        return lib
    except (OSError, AttributeError):  # not glibc (musl, macOS, Windows): nothing to trim
        return None


def trim() -> bool:
    """Return free heap pages to the system; False where the C library cannot (non-glibc)."""
    lib = _libc()
    if lib is None:
        return False
    lib.malloc_trim(0)
    return True


def limit_arenas(n: int = 2) -> bool:
    """In this process, at most `n` malloc arenas (glibc M_ARENA_MAX), as MALLOC_ARENA_MAX would: an
    import's reader thread and writer then share freed memory instead of each keeping its own high
    water mark. Call before threads start; False where the C library cannot (non-glibc)."""
    lib = _libc()
    if lib is None or not hasattr(lib, "mallopt"):
        return False
    return bool(lib.mallopt(-8, n))  # M_ARENA_MAX


def start_trimmer(every_s: float = 15.0) -> bool:
    """Start (once per process) a daemon thread that calls `trim()` every `every_s` seconds.
    False where there is nothing to trim (non-glibc)."""
    if _libc() is None:
        return False
    if _STARTED.is_set():
        return True
    _STARTED.set()

    def loop() -> None:
        stop = threading.Event()
        while not stop.wait(every_s):
            trim()

    threading.Thread(target=loop, name="crisismap-trim", daemon=True).start()
    return True
