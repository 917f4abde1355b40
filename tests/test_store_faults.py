"""Store faults end in one line naming the store and the cause, exit 2, no traceback, store unchanged.

A text file named .gpkg, a folder, a read-only folder, a full disk (a real tiny tmpfs when root,
else ENOSPC simulated in-process), an unreachable server and an unknown URL scheme; the page shows a
plain message. Event rows are SYNTHETIC.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from dashboard.errors import StoreError
from dashboard.events.store import open_store

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("acled_synth", ROOT / "bench" / "acled_synth.py")
acled_synth = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(acled_synth)


def cli(*args, timeout=300):
    return subprocess.run([sys.executable, "-m", "dashboard", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


def one_line_exit_2(proc, *needles: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    err = proc.stderr.strip()
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    for n in needles:
        assert n in err, err


def digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def small_csv(tmp_path_factory):
    return acled_synth.write_acled_csv(tmp_path_factory.mktemp("f") / "a.csv", 200, seed=5)


def test_a_text_file_named_gpkg(tmp_path, small_csv):
    bad = tmp_path / "notes.gpkg"
    bad.write_text("these are my notes, not a database\n")
    before = digest(bad)
    one_line_exit_2(cli("import", str(small_csv), "--store", str(bad)), str(bad), "not a GeoPackage")
    one_line_exit_2(cli("export", "--store", str(bad), "--format", "csv", "-o", str(tmp_path / "o.csv")), str(bad))
    one_line_exit_2(cli("run", "--store", str(bad), "--port", "1"), str(bad), "not a GeoPackage")
    assert digest(bad) == before


def test_a_folder_as_the_store(tmp_path, small_csv):
    one_line_exit_2(cli("import", str(small_csv), "--store", str(tmp_path)), str(tmp_path), "is a folder")
    assert list(tmp_path.iterdir()) == []


def test_unreachable_server_and_unknown_scheme(small_csv):
    one_line_exit_2(cli("import", str(small_csv), "--store", "postgresql://nobody:pw@127.0.0.1:1/none"),
                    "postgresql://nobody@127.0.0.1:1/none", "cannot connect")
    one_line_exit_2(cli("import", str(small_csv), "--store", "mysql://x@y/z"), "unsupported store URL")
    assert not Path("postgresql:").exists() and not (ROOT / "postgresql:").exists()


@contextlib.contextmanager
def tmpfs(size: str):
    """A real tiny tmpfs (root only), unmounted afterwards."""
    d = Path(f"/tmp/crisismap-tmpfs-{uuid.uuid4().hex[:8]}")
    d.mkdir()
    try:
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(d)], capture_output=True)
        if r.returncode != 0:
            yield None
            return
        try:
            yield d
        finally:
            subprocess.run(["umount", "-l", str(d)], capture_output=True)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def _can_mount() -> bool:
    return os.geteuid() == 0 and shutil.which("mount") is not None


def test_a_full_disk_leaves_the_store_as_it_was(tmp_path, small_csv, monkeypatch):
    big = acled_synth.write_acled_csv(tmp_path / "big.csv", 4000, seed=6)
    if _can_mount():
        with tmpfs("700k") as d:
            if d is not None:
                store = d / "events.gpkg"
                assert cli("import", str(small_csv), "--store", str(store)).returncode == 0
                before, n = digest(store), open_store(str(store)).count()
                one_line_exit_2(cli("import", str(big), "--store", str(store)), str(store), "disk full")
                assert digest(store) == before and open_store(str(store)).count() == n
                assert sorted(p.name for p in d.iterdir()) == ["events.gpkg", "events.gpkg.lock"]
                return
    # not root: ENOSPC simulated where the temporary copy is written
    store = open_store(str(tmp_path / "events.gpkg"))
    from dashboard.sources.detect import read_any

    store.append(read_any(small_csv).events)
    before = digest(store.path)

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", full)
    with pytest.raises(StoreError, match="disk full"):
        store.append(read_any(big).events)
    assert digest(store.path) == before


@pytest.mark.skipif(not _can_mount(), reason="a read-only folder cannot stop root; needs a read-only mount (root)")
def test_a_read_only_folder(small_csv):
    with tmpfs("2m") as d:
        assert d is not None, "mount failed"
        store = d / "events.gpkg"
        assert cli("import", str(small_csv), "--store", str(store)).returncode == 0
        before = digest(store)
        subprocess.run(["mount", "-o", "remount,ro", str(d)], check=True)
        one_line_exit_2(cli("import", str(small_csv), "--store", str(store)), str(store), "read-only")
        one_line_exit_2(cli("import", str(small_csv), "--store", str(d / "new.gpkg")), "read-only")
        assert digest(store) == before
        # reading a store in a read-only folder still works
        out = cli("export", "--store", str(store), "--format", "csv", "-o", "/dev/null")
        assert out.returncode == 0, out.stderr


def test_the_page_shows_a_plain_message(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    bad = tmp_path / "text.gpkg"
    bad.write_text("not a database")
    monkeypatch.setenv("CRISISMAP_STORE", str(bad))
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=120).run()
    assert not at.exception
    msgs = [e.value for e in at.error]
    assert msgs and "not a GeoPackage" in msgs[0] and "Traceback" not in msgs[0] and ".py" not in msgs[0]
