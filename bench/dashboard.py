"""Dashboard payload and time-to-interactive at 1k, 100k and 1M SYNTHETIC events.

For each size it writes a SYNTHETIC event store (GeoPackage, reused between runs), opens the page
with streamlit.testing.v1.AppTest and prints:
  - load: first page run (reads the store into the cache, builds the basemap);
  - payload: bytes of every element the page sends to the browser (map component arguments,
    chart, table, widgets), i.e. what travels over the websocket for one page view;
  - interactive: wall time of a rerun after a filter change (event type, then a 30-day window,
    then a radius around Kati), which is the server side of "interactive again";
  - mode: how the map draws the events (markers / cloud: every event in the browser, drawn singly
    or counted per screen area by zoom / grid: server-side aggregation above 250k).
Optionally (--browser) it also drives the real page in Debian chromium: on the 1M store filtered to
one year (~100k events) it prints the page payload (websocket bytes) and the drill-down time (zoom
into a ~10 km view until single event markers are drawn); and at 100k it times a filter click until
the header shows the new count and the map frame has drawn the new layer.

Targets (issues 5, 11): payload < 5 MB at 1M events in the store; interactive < 2 s at 100k;
single events within 1 s of zooming into a 10 km view at 1M stored / 100k filtered.
Usage: python bench/dashboard.py [--sizes 1000,100000,1000000] [--browser]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.events.schema import EVENT_TYPES, to_events  # noqa: E402

APP = str(ROOT / "dashboard" / "app.py")
CACHE = Path(tempfile.gettempdir()) / "crisismap-bench"


def synthetic_events(n: int, seed: int = 7) -> pd.DataFrame:
    """n SYNTHETIC events over West Africa, 2015-2024 (clearly labelled synthetic in origin/source/notes)."""
    rng = np.random.default_rng(seed)
    types = list(EVENT_TYPES)
    t = rng.integers(0, len(types), n)
    subs = np.array([EVENT_TYPES[types[i]][0] for i in range(len(types))], dtype=object)[t]
    hubs = np.array([[12.64, -8.0], [14.49, -4.18], [16.27, -0.04], [13.51, 2.11], [12.37, -1.52], [18.08, -15.98]])
    h = rng.integers(0, len(hubs), n)
    lat = hubs[h, 0] + rng.normal(0, 1.2, n)
    lon = hubs[h, 1] + rng.normal(0, 1.6, n)
    start = np.datetime64("2015-01-01")
    days = rng.integers(0, 3650, n)
    actors = np.array(["SYNTHETIC State forces", "SYNTHETIC Rebel group A", "SYNTHETIC Militia B",
                       "SYNTHETIC Protesters", "SYNTHETIC Civilians"], dtype=object)
    return pd.DataFrame({
        "event_id_cnty": np.char.add("SYN", np.arange(n).astype(str)).astype(object),
        "event_date": start + days.astype("timedelta64[D]"),
        "event_type": np.array(types, dtype=object)[t], "sub_event_type": subs,
        "actor1": actors[rng.integers(0, len(actors), n)], "actor2": actors[rng.integers(0, len(actors), n)],
        "country": "Mali", "country_code": "ML", "admin1": "Synthetic region", "location": "Synthetic place",
        "latitude": lat.round(4), "longitude": lon.round(4), "geo_precision": rng.integers(1, 4, n),
        "fatalities": rng.poisson(1.0, n), "notes": "SYNTHETIC benchmark event",
        "source": "SYNTHETIC", "origin": "synthetic", "place_score": np.nan,
    })


def store_for(n: int) -> Path:
    """A SYNTHETIC GeoPackage store with n events (layer "events", EPSG:4326), built once."""
    import pyogrio

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"synthetic-{n}.gpkg"
    if not path.exists():
        t = time.perf_counter()
        gdf = to_events(synthetic_events(n))
        tmp = path.with_suffix(".tmp.gpkg")
        tmp.unlink(missing_ok=True)
        pyogrio.write_dataframe(gdf, tmp, layer="events", driver="GPKG", use_arrow=True)
        tmp.rename(path)
        print(f"  built {path.name} in {time.perf_counter() - t:.1f} s", flush=True)
    return path


def payload_bytes(at) -> int:
    """Bytes of every element proto on the page (what the browser receives for one view)."""
    def walk(node):
        yield node
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for c in children.values():
                yield from walk(c)

    total = 0
    for node in walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ByteSize"):
            total += proto.ByteSize()
    return total


def count(at) -> int:
    import re

    for m in at.markdown:
        hit = re.match(r"### ([\d,]+) events", m.value)
        if hit:
            return int(hit.group(1).replace(",", ""))
    return -1


def mode(at) -> str:
    text = " ".join(c.value for c in at.caption)
    return "grid" if "aggregated on a grid" in text else "cloud" if "drawn on its own" in text else "markers"


def bench_size(n: int) -> dict:
    from streamlit.testing.v1 import AppTest

    path = store_for(n)
    os.environ["CRISISMAP_STORE"] = str(path)
    at = AppTest.from_file(APP, default_timeout=600)
    t = time.perf_counter()
    at.run()
    load = time.perf_counter() - t
    assert not at.exception, [e.value for e in at.exception]
    row = {"events": n, "load_s": load, "shown": count(at), "payload_MB": payload_bytes(at) / 1e6,
           "mode": mode(at)}
    # "all dates" is the heaviest view: every event in the store passes the filters
    at.session_state["f_dates"] = ()
    t = time.perf_counter()
    at.run()
    row["all_dates_s"] = time.perf_counter() - t
    row["all_shown"] = count(at)
    row["all_payload_MB"] = payload_bytes(at) / 1e6
    row["all_mode"] = mode(at)
    steps = []
    for label, change in [
        ("type", lambda: at.sidebar.multiselect(key="f_types").set_value(["Battles", "Protests"])),
        ("30 days", lambda: at.session_state.__setitem__(
            "f_dates", (dt.date(2024, 12, 8) - dt.timedelta(days=29), dt.date(2024, 12, 8)))),
        ("radius", lambda: (at.sidebar.text_input(key="f_place").set_value("Bamako"),
                            at.sidebar.number_input(key="f_radius").set_value(200.0))),
    ]:
        change()
        t = time.perf_counter()
        at.run()
        steps.append((label, time.perf_counter() - t, count(at)))
        assert not at.exception, [e.value for e in at.exception]
    row["interactive_s"] = max(s[1] for s in steps)
    row["steps"] = steps
    row["max_payload_MB"] = max(row["payload_MB"], row["all_payload_MB"], payload_bytes(at) / 1e6)
    return row


@contextlib.contextmanager
def served(path: Path, waits: int = 480) -> Iterator[tuple[int, Any]]:
    """`crisismap run` on the store at `path` on a free 127.0.0.1 port (health polled up to `waits`
    times, 0.5 s apart), and a headless Debian chromium page (1400 x 1400) for it: yields (port, page).
    The server's process group and the browser are stopped on the way out."""
    import socket
    import subprocess
    import urllib.request

    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = Path(sys.executable).parent / "crisismap"
    proc = subprocess.Popen([str(exe), "run", "--port", str(port), "--headless", "--store", str(path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        for _ in range(waits):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run"])
            try:
                yield port, b.new_page(viewport={"width": 1400, "height": 1400})
            finally:
                b.close()
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)


def browser_time(n: int) -> list[tuple[str, float]]:
    """Real page in chromium: seconds from a filter click to the new count + redrawn map."""
    import re

    out = []
    with served(store_for(n), waits=240) as (port, page):
        t = time.perf_counter()
        page.goto(f"http://127.0.0.1:{port}/")
        h = page.locator("h3", has_text=re.compile(r"^[\d,]+ events")).first
        h.wait_for(timeout=600_000)
        page.wait_for_selector("iframe", timeout=600_000)
        out.append(("first page (cold cache)", time.perf_counter() - t))

        def header() -> str:
            return h.inner_text()

        for label in ["30 days", "All", "7 days"]:
            before = header()
            t = time.perf_counter()
            page.get_by_role("button", name=label, exact=True).click()
            while header() == before and time.perf_counter() - t < 120:
                time.sleep(0.02)
            t_count = time.perf_counter() - t
            page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                                   timeout=120_000)
            out.append((f"click '{label}' -> {header()}: count shown after {t_count:.2f} s, page idle after",
                        time.perf_counter() - t))
            page.wait_for_timeout(1500)
    return out


def drilldown(n: int = 1_000_000, start: str = "2024-01-01", end: str = "2024-12-31",
              spot: tuple[float, float] = (12.64, -8.0), zoom: int = 14) -> dict:
    """Real page in chromium on an n-event store filtered to [start, end] (about n/10 events): the
    page payload (every websocket frame the browser receives, plus the map frame's script), then
    zooms the map into a ~10 km view at `spot` and times until single event markers are drawn."""
    import re

    out: dict = {}
    with served(store_for(n), waits=480) as (port, page):
        received = {"ws": 0, "http": 0}

        def on_ws(ws):
            ws.on("framereceived", lambda payload: received.__setitem__(
                "ws", received["ws"] + len(payload if isinstance(payload, bytes) else payload.encode())))

        page.on("websocket", on_ws)
        t = time.perf_counter()
        page.goto(f"http://127.0.0.1:{port}/?start={start}&end={end}")
        h = page.locator("h3", has_text=re.compile(r"^[\d,]+ events")).first
        h.wait_for(timeout=900_000)
        out["filtered"] = int(re.match(r"([\d,]+) events", h.inner_text()).group(1).replace(",", ""))
        frame = None
        while frame is None and time.perf_counter() - t < 900:
            for f in page.frames:
                try:
                    if f.evaluate("() => !!(window.map && window.cmCloud)"):
                        frame = f
                except Exception:  # noqa: BLE001 - frames come and go while Streamlit renders
                    pass
            time.sleep(0.2)
        if frame is None:
            raise RuntimeError("the map never drew the event layer")
        out["first_view_s"] = time.perf_counter() - t
        page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                               timeout=600_000)
        page.wait_for_timeout(1500)
        out["payload_MB"] = received["ws"] / 1e6
        out["cells_before"] = frame.evaluate("() => document.querySelectorAll('.cm-cell').length")
        out["events_on_map"] = frame.evaluate("() => window.cmCloud ? window.cmCloud.inTime : -1")
        times = []
        for lat, lon in [spot, (14.49, -4.18), (16.27, -0.04)]:
            frame.evaluate("([c, z]) => map.setView(c, z, {animate: false})", [[lat, lon], 6])
            frame.wait_for_function("() => document.querySelectorAll('.cm-cell').length > 0", timeout=30_000)
            # from the zoom request to single markers drawn (measured in the page: no server round trip)
            ms = frame.evaluate("""([c, z]) => new Promise(done => { const t0 = performance.now();
                map.setView(c, z, {animate: false});
                const check = () => document.querySelectorAll('.cm-event, .cm-cluster:not(.cm-cell)').length
                    && !document.querySelector('.cm-cell') ? done(performance.now() - t0) : requestAnimationFrame(check);
                check(); })""", [[lat, lon], zoom])
            width_km = frame.evaluate("""() => { const b = map.getBounds();
                return map.distance([b.getCenter().lat, b.getWest()], [b.getCenter().lat, b.getEast()]) / 1000; }""")
            singles = frame.evaluate("() => document.querySelectorAll('.cm-event').length")
            times.append((ms / 1000.0, width_km, singles, frame.evaluate("() => window.cmCloud.inView")))
        out["drill"] = times
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,100000,1000000")
    ap.add_argument("--browser", action="store_true",
                    help="also drive the real page in chromium (drill-down at 1M/100k, filter clicks at 100k)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print("crisismap dashboard bench (SYNTHETIC events; targets: payload < 5 MB at 1M, interactive < 2 s at 100k)")
    for n in sizes:
        print(f"- {n:,} SYNTHETIC events", flush=True)
        r = bench_size(n)
        print(f"  first run {r['load_s']:.2f} s (loads the store into the cache); default view {r['shown']:,} events, "
              f"payload {r['payload_MB']:.2f} MB, map {r['mode']}")
        print(f"  all dates: {r['all_shown']:,} events, rerun {r['all_dates_s']:.2f} s, payload "
              f"{r['all_payload_MB']:.2f} MB, map {r['all_mode']}")
        for label, secs, shown in r["steps"]:
            print(f"  filter change '{label}': {secs:.2f} s -> {shown:,} events")
        print(f"  => max payload {r['max_payload_MB']:.2f} MB, time to interactive (server) {r['interactive_s']:.2f} s")
    if args.browser:
        print("- browser (chromium): drill-down on a 1,000,000-event SYNTHETIC store filtered to 2024 "
              "(targets: single events <= 1 s after the zoom, payload <= 5 MB)", flush=True)
        d = drilldown(1_000_000)
        print(f"  {d['filtered']:,} events filtered, {d['events_on_map']:,} in the map's layer; first view "
              f"{d['first_view_s']:.1f} s (cold cache); page payload {d['payload_MB']:.2f} MB over the websocket")
        print(f"  opening view: {d['cells_before']} area badges")
        for secs, km, singles, in_view in d["drill"]:
            print(f"  zoom into a {km:.1f} km wide view: {in_view} events in view, {singles} single markers "
                  f"drawn {secs:.3f} s after the zoom")
        print(f"  => drill-down max {max(x[0] for x in d['drill']):.3f} s, payload {d['payload_MB']:.2f} MB")
        print("- browser (chromium) at 100,000 SYNTHETIC events")
        for label, secs in browser_time(100_000):
            print(f"  {label}: {secs:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
