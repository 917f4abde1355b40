"""`crisismap run`: start the dashboard (Streamlit) on the demo store or a given store."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from dashboard.cli import UsageError

#: the page; Streamlit serves the `static/` folder beside it (dashboard/static) at /app/static/, so the
#: map's local Leaflet files are found the same way in a checkout and in site-packages.
APP = Path(__file__).resolve().parents[1] / "app.py"


def streamlit_command(port: int, headless: bool = True) -> list[str]:
    """The `streamlit run` command line: static serving on (local Leaflet files), no telemetry.

    Every setting of the checkout's .streamlit/config.toml is passed as a flag, so an installed
    crisismap started from any folder behaves the same. Headless by default: a non-headless
    Streamlit asks for an e-mail address on its first run, which fails with no terminal (CI, a
    service, `make run` in the background).
    """
    return [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.enableStaticServing=true",
        f"--server.headless={'true' if headless else 'false'}",
        "--browser.gatherUsageStats=false",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--client.toolbarMode=minimal",
        # the table's raw "Download as CSV" is off: the page's CSV/XLSX buttons neutralise formulas
        "--client.disableDataExport=true",
        "--server.fileWatcherType=none",
        # a closed tab's session (its widgets, downloads, messages) is dropped after 30 s, not 120 s
        "--server.disconnectedSessionTTL=30",
        "--theme.base=light",
    ]


def run(args: argparse.Namespace) -> int:
    from dashboard import demo
    from dashboard.memory import ARENA_ENV
    from dashboard.views import assets

    env = {**ARENA_ENV, **os.environ}  # fewer malloc arenas: memory comes back after sessions close
    if args.store:
        from dashboard.events.store import is_url, open_store

        location = args.store if is_url(args.store) else str(Path(args.store).expanduser().resolve())
        store = open_store(location)  # a folder, a text file or an unreachable server: StoreError, exit 2
        if not store.exists():
            raise UsageError(f"{store.describe()}: no such event store (make one with `crisismap import` or `crisismap ingest`)")
        env[demo.STORE_ENV] = location
    else:
        env.pop(demo.STORE_ENV, None)
        path = demo.ensure_demo_store()
        print(f"crisismap: demo store {path}", file=sys.stderr)
    gone = assets.missing()
    if gone:
        print("crisismap: the map's local JS/CSS files are missing; run `make assets` "
              f"(npm ci && python -m dashboard.views.assets): {', '.join(gone)}", file=sys.stderr)
    print(f"crisismap: open http://127.0.0.1:{args.port}/", file=sys.stderr)
    cmd = streamlit_command(args.port, headless=not args.open)
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":  # become streamlit: one process, so signals and kill reach the server itself
        os.execve(sys.executable, cmd, env)
    proc = subprocess.Popen(cmd, env=env)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        return proc.wait()


def register(subparsers) -> None:
    p = subparsers.add_parser("run", help="start the dashboard in a browser",
                              description="Start the crisismap dashboard (Streamlit) on the demo store or --store.")
    p.add_argument("--port", type=int, default=8501, help="port to listen on (default 8501)")
    p.add_argument("--store", help="event store to open: a GeoPackage path or postgresql://user:pass@host:port/db; "
                   "default: the demo store built from data/")
    p.add_argument("--open", action="store_true",
                   help="let Streamlit open a browser window (it may first ask for an e-mail address)")
    p.add_argument("--headless", action="store_true",
                   help="open no browser window and ask nothing (the default; kept for scripts)")
    p.set_defaults(func=run)
