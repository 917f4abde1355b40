"""Online geocoding on a network that hangs: wall time of real `crisismap` processes.

A local TCP server (127.0.0.1) accepts connections and never answers, and CRISISMAP_ONLINE points
at it (a self-hosted Nominatim address), so nothing leaves the machine. Prints:
  - one `crisismap geocode "Kati, Mali"`, process start-up included (goal: <= 9 s with the 5 s
    timeout), and how many connections it opened (goal: 1, no retries);
  - `crisismap import` of a SYNTHETIC 10-place table with no coordinates (each place geocoded):
    wall time and connections (goal: 3, then the service is given up for the run).

Usage: python bench/online.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLACES = ["Kati", "Bamako", "Gao", "Mopti", "Segou", "Kayes", "Sikasso", "Timbuktu", "Kidal", "Koulikoro"]


class Hanging:
    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(100)
        self.port = self.sock.getsockname()[1]
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(c)


def run(argv: list[str], env: dict) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "dashboard", *argv], cwd=str(ROOT), env=env, capture_output=True,
                   timeout=600)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    srv = Hanging()
    tmp = Path(tempfile.mkdtemp(prefix="crisismap-online-"))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CRISISMAP_ONLINE": f"http://127.0.0.1:{srv.port}"}
    offline = {k: v for k, v in env.items() if k != "CRISISMAP_ONLINE"}
    warm = run(["geocode", "Kati, Mali"], offline)  # builds the gazetteer index cache when it is cold
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}, Python {platform.python_version()}")
    print(f"  one geocode, offline only (warm gazetteer cache after this): {run(['geocode', 'Kati, Mali'], offline):.2f} s"
          f" wall (first: {warm:.2f} s)")
    for i in range(args.runs):
        before = len(srv.conns)
        s = run(["geocode", f"Kati, Mali {i} {os.getpid()}"], env)  # a new query each run (answers are cached)
        print(f"  one geocode, hanging network: {s:.2f} s wall, {len(srv.conns) - before} connection(s)")
    table = tmp / "synthetic_places.csv"
    table.write_text("place,date,country\n" + "".join(f"{p},2024-01-0{1 + k % 9},Mali\n" for k, p in enumerate(PLACES)))
    before = len(srv.conns)
    s = run(["import", str(table), "--dry-run"], env)
    print(f"  10-place table import, hanging network: {s:.2f} s wall, {len(srv.conns) - before} connection(s)")


if __name__ == "__main__":
    main()
