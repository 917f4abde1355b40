"""The dashboard's memory is bounded: shared caches hold one copy, freed memory goes back to the system.

The figures (30 chromium sessions, RSS before and after they close) come from bench/memory.py; these
tests check the parts that make them hold, on the real page (AppTest) and the real C library.
"""

from __future__ import annotations

import ast
import threading
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard import memory
from dashboard.cli.app import streamlit_command

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"


def test_trim_and_trimmer_thread():
    assert memory.trim() is True  # glibc on the project's platform
    assert memory.start_trimmer(every_s=3600) is True
    assert memory.start_trimmer(every_s=3600) is True  # once per process
    assert sum(t.name == "crisismap-trim" for t in threading.enumerate()) == 1


def test_every_page_cache_is_bounded_or_shared():
    """Each st.cache_data on the page has max_entries; the event table and other read-only shared
    things are st.cache_resource (one copy for every session, not a copy per run)."""
    tree = ast.parse(APP.read_text(encoding="utf-8"))
    seen = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            for d in node.decorator_list:
                call = d if isinstance(d, ast.Call) else None
                name = ast.unparse(call.func if call else d)
                if name.startswith("st.cache_"):
                    kw = {k.arg for k in call.keywords} if call else set()
                    seen[node.name] = (name, kw)
    assert seen["load_events"][0] == "st.cache_resource" and "max_entries" in seen["load_events"][1]
    for fn in ("basemap_layers", "options_for"):
        assert seen[fn][0] == "st.cache_resource", fn
    for fn, (kind, kw) in seen.items():
        if kind == "st.cache_data":
            assert "max_entries" in kw, fn


def test_page_starts_the_trimmer(tmp_path, monkeypatch):
    from dashboard import demo

    store = tmp_path / "demo.gpkg"
    demo.build_demo_store(store)
    monkeypatch.setenv(demo.STORE_ENV, str(store))
    at = AppTest.from_file(str(APP), default_timeout=300)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(t.name == "crisismap-trim" and t.daemon for t in threading.enumerate())


def test_server_drops_closed_sessions_soon_with_few_arenas():
    cmd = streamlit_command(8501)
    assert "--server.disconnectedSessionTTL=30" in cmd
    assert memory.ARENA_ENV == {"MALLOC_ARENA_MAX": "2"}
