"""Dashboard memory across browser sessions: RSS of the Streamlit server of `crisismap run`.

Starts `crisismap run` (the demo store, or --store), then opens --sessions real pages in headless
Debian chromium (--parallel at a time, each in its own browser context, so each is a new Streamlit
session): load the page, wait for the event count and the map, click "30 days" (a rerun), close.
Prints the server's resident memory (VmRSS of the process, MiB):
  - started: the server is up, no session yet;
  - after 1 session: caches warm (events, basemap, gazetteer);
  - peak: highest RSS sampled while sessions ran;
  - after N sessions: the last pages still open;
  - after close: every page closed, once the server dropped the disconnected sessions
    (`server.disconnectedSessionTTL`) and a --settle wait.
Goal (issue 12): after close back near "after 1 session"; growth per session ~0.

Usage: python bench/memory.py [--sessions 30] [--parallel 3] [--store PATH] [--settle 60]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rss_mib(pid: int) -> float:
    """Resident set size of a process in MiB (from /proc)."""
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, store: str | None) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "dashboard", "run", "--port", str(port), "--headless"]
    if store:
        cmd += ["--store", store]
    proc = subprocess.Popen(cmd, cwd=str(ROOT), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    for _ in range(600):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
            return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"crisismap run exited with {proc.returncode}") from None
            time.sleep(0.5)
    raise SystemExit("the server did not come up in 5 minutes")


def one_session(browser, url: str) -> float:
    """Open the page in a fresh context (a new Streamlit session), wait until it is drawn, click
    "30 days" (a rerun) and wait for the new count. Returns seconds; the context stays open."""
    t = time.perf_counter()
    ctx = browser.new_context(viewport={"width": 1400, "height": 1200})
    page = ctx.new_page()
    page.goto(url)
    h = page.locator("h3", has_text=re.compile(r"^[\d,]+ events")).first
    h.wait_for(timeout=300_000)
    page.wait_for_selector("iframe", timeout=300_000)
    before = h.inner_text()
    page.get_by_role("button", name="30 days", exact=True).click()
    deadline = time.perf_counter() + 60
    while h.inner_text() == before and time.perf_counter() < deadline:
        page.wait_for_timeout(50)
    one_session.last_context = ctx
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sessions", type=int, default=30)
    ap.add_argument("--parallel", type=int, default=3, help="pages open at the same time")
    ap.add_argument("--store", help="event store for `crisismap run --store` (default: the demo store)")
    ap.add_argument("--settle", type=float, default=60.0, help="seconds to wait after the last page closed")
    args = ap.parse_args()

    from playwright.sync_api import sync_playwright

    port = free_port()
    proc = start_server(port, args.store)
    pid = proc.pid
    url = f"http://127.0.0.1:{port}/"
    peak = [0.0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            try:
                peak[0] = max(peak[0], rss_mib(pid))
            except OSError:
                return
            stop.wait(0.5)

    threading.Thread(target=sample, daemon=True).start()
    figures: list[tuple[str, float]] = [("started", rss_mib(pid))]
    times = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"])
            times.append(one_session(browser, url))
            one_session.last_context.close()
            time.sleep(2)
            figures.append(("after 1 session", rss_mib(pid)))
            done = 1
            while done < args.sessions:  # waves of --parallel pages open together, then closed together
                wave = min(args.parallel, args.sessions - done)
                ctxs = []
                for _ in range(wave):
                    times.append(one_session(browser, url))
                    ctxs.append(one_session.last_context)
                done += wave
                if done >= args.sessions:
                    time.sleep(2)
                    figures.append((f"after {args.sessions} sessions (last {wave} open)", rss_mib(pid)))
                for ctx in ctxs:
                    ctx.close()
            browser.close()
        time.sleep(args.settle)
        figures.append((f"after close (+{args.settle:g} s)", rss_mib(pid)))
        stop.set()
        figures.insert(-1, ("peak while sessions ran", peak[0]))
    finally:
        stop.set()
        try:
            os.killpg(os.getpgid(pid), signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(os.getpgid(pid), signal.SIGKILL)
    print(f"crisismap dashboard memory, {args.sessions} sessions ({args.parallel} at a time), "
          f"{'store ' + args.store if args.store else 'demo store'}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}")
    for label, mib in figures:
        print(f"  {label:<40} {mib:8.1f} MiB")
    if times:
        print(f"  page load + one rerun: median {sorted(times)[len(times) // 2]:.1f} s, max {max(times):.1f} s")


if __name__ == "__main__":
    main()
