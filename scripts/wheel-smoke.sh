#!/usr/bin/env bash
# Build the crisismap wheel (or take one), install it into a fresh virtualenv outside the checkout,
# and run the CLI there as a new user would: an empty folder, fresh cache and data dirs (XDG_*),
# no access to the checkout's data/ or node_modules/.
#
#   scripts/wheel-smoke.sh [WHEEL_OR_SDIST]     (default: build sdist + wheel from this checkout)
#   PY=.venv/bin/python scripts/wheel-smoke.sh  (the python that builds; needs the `build` package)
#
# Checks: geocode, ingest (the sample report), export png + html (from the demo store built out of
# the package data), `crisismap run` serving the page and its local map assets from site-packages,
# and that nothing (stores, caches) is written inside site-packages. Prints the wheel's size and
# file count. Exit status 0 only when every check passes.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PY:-python3}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/crisismap-wheel-smoke.XXXXXX")"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; else echo "wheel-smoke: kept $WORK"; fi
}
trap cleanup EXIT
fail() { echo "wheel-smoke: FAIL: $*" >&2; exit 1; }
step() { echo "wheel-smoke: $*"; }

if [ $# -ge 1 ]; then
  DIST="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
else
  # python -m build: the sdist first, then the wheel built from the unpacked sdist (so the sdist is
  # proven complete: data/, package.json, package-lock.json; npm ci runs there for the map assets)
  step "building the sdist and, from it, the wheel ($ROOT)"
  "$PY" -m build --outdir "$WORK/dist" "$ROOT" > "$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log" >&2; fail "the build failed"; }
  DIST="$(ls "$WORK"/dist/crisismap-*.whl 2>/dev/null | head -1)"
  [ -n "$DIST" ] || fail "no wheel was built"
  SDIST="$(ls "$WORK"/dist/crisismap-*.tar.gz | head -1)"
  tar tzf "$SDIST" > "$WORK/sdist.txt"
  for need in data/boundaries/admin0.geojson package.json package-lock.json setup.py; do
    grep -qx "crisismap-[^/]*/$need" "$WORK/sdist.txt" || fail "$need is not in the sdist"
  done
  step "$(basename "$SDIST"): $(du -k "$SDIST" | cut -f1) KiB"
fi
case "$DIST" in
  *.whl)
    FILES="$("$PY" -c 'import sys, zipfile; print(len(zipfile.ZipFile(sys.argv[1]).namelist()))' "$DIST")"
    step "$(basename "$DIST"): $(du -k "$DIST" | cut -f1) KiB, $FILES files"
    for need in dashboard/_data/boundaries/admin0.geojson dashboard/_data/gazetteer/supplement.tsv \
                dashboard/_data/events/ucdp_ged251_mali.csv dashboard/static/vendor/leaflet/leaflet.js; do
      "$PY" -c 'import sys, zipfile; sys.exit(sys.argv[2] not in zipfile.ZipFile(sys.argv[1]).namelist())' "$DIST" "$need" \
        || fail "$need is not in the wheel"
    done
    if "$PY" -c 'import sys, zipfile; sys.exit(not any(n.endswith(".gpkg") and "/vendor/" not in n for n in zipfile.ZipFile(sys.argv[1]).namelist()))' "$DIST"; then
      fail "the wheel holds an event store (.gpkg)"
    fi ;;
esac

step "fresh virtualenv in $WORK/venv"
"$PY" -m venv "$WORK/venv"
VBIN="$WORK/venv/bin"
"$VBIN/pip" install --quiet --disable-pip-version-check "$DIST" 2>&1 | grep -v "is ignored" || true
[ -x "$VBIN/crisismap" ] || fail "pip install did not give a crisismap command"

# a new user: an empty folder, nothing cached, nothing stored
mkdir -p "$WORK/empty" "$WORK/home"
cd "$WORK/empty"
SITE="$("$VBIN/python" -c 'import dashboard, pathlib; print(pathlib.Path(dashboard.__file__).parent)')"
case "$SITE" in "$ROOT"*) fail "dashboard imports from the checkout ($SITE), not from the venv";; esac
touch "$WORK/marker"
export HOME="$WORK/home" XDG_CACHE_HOME="$WORK/home/cache" XDG_DATA_HOME="$WORK/home/data" XDG_CONFIG_HOME="$WORK/home/config"
unset CRISISMAP_STORE CRISISMAP_DEMO_STORE CRISISMAP_CACHE_DIR CRISISMAP_DATA_DIR CRISISMAP_ONLINE PYTHONPATH
# a report the user pastes in: the shared seed when it sits beside the checkout, else our sample report
SEED="${SEED:-$ROOT/../shared/seeds/mali-kati-mutiny-2020-08-18.txt}"
[ -f "$SEED" ] || SEED="$ROOT/data/articles/2020-08-18-kati-mutiny.txt"
cp "$SEED" "$WORK/empty/report.txt"

step "crisismap geocode Kati --country ML --json"
"$VBIN/crisismap" geocode Kati --country ML --json > geocode.json
"$VBIN/python" - geocode.json <<'EOF' || fail "geocode Kati did not give a point near Kati, Mali"
import json, sys
d = json.load(open(sys.argv[1]))
d = d[0] if isinstance(d, list) else d
lat, lon = float(d.get("lat", d.get("latitude"))), float(d.get("lon", d.get("longitude")))
assert abs(lat - 12.74) < 0.2 and abs(lon + 8.07) < 0.2, d
EOF

step "crisismap ingest report.txt --json --no-store ($(basename "$SEED"))"
"$VBIN/crisismap" ingest report.txt --json --no-store > ingest.json 2> ingest.err
"$VBIN/python" - ingest.json <<'EOF' || fail "ingest gave no events located in Mali"
import json, sys
d = json.load(open(sys.argv[1]))
events = d if isinstance(d, list) else d.get("events", [])
assert events and any(e.get("country") == "Mali" for e in events), d
EOF
[ ! -e "$XDG_DATA_HOME/crisismap/events.gpkg" ] || fail "--no-store wrote a store"

step "crisismap export --format png / html (the demo store, built from the package data)"
"$VBIN/crisismap" export --format png -o map.png
"$VBIN/crisismap" export --format html -o map.html
"$VBIN/python" - <<'EOF' || fail "the exports are not a PNG map and a self-contained HTML map"
from pathlib import Path
png = Path("map.png").read_bytes()
assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 50_000, len(png)
html = Path("map.html").read_text(encoding="utf-8")
assert "L.map(" in html or "L.map (" in html, "no Leaflet map"
assert "/app/static/" not in html, "the HTML points at the server's static folder instead of inlining it"
EOF
[ -s "$XDG_DATA_HOME/crisismap/demo.gpkg" ] || fail "the demo store is not in the user data dir ($XDG_DATA_HOME/crisismap)"

step "crisismap run (page and local map assets served from site-packages)"
PORT="$("$VBIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$VBIN/crisismap" run --port "$PORT" > run.log 2>&1 &
SERVER_PID=$!
"$VBIN/python" - "$PORT" <<'EOF' || { cat run.log >&2; fail "crisismap run did not serve the page and its assets"; }
import sys, time, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}"
deadline = time.monotonic() + 90
while True:  # wait for the server to answer (a poll with a deadline, not a fixed sleep)
    try:
        if urllib.request.urlopen(base + "/_stcore/health", timeout=2).read().strip() == b"ok":
            break
    except OSError:
        pass
    if time.monotonic() > deadline:
        raise SystemExit("no answer from the server")
    time.sleep(0.5)
for path, needle in [("/", b"<"), ("/app/static/vendor/leaflet/leaflet.js", b"Leaflet"),
                     ("/app/static/crisismap.css", b"")]:
    body = urllib.request.urlopen(base + path, timeout=10).read()
    assert len(body) > 0 and needle in body, path
EOF
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""

step "nothing written inside site-packages"
NEW="$(find "$SITE" -newer "$WORK/marker" -type f ! -name '*.pyc' | head -5)"
[ -z "$NEW" ] || fail "files written into site-packages: $NEW"

step "OK: geocode, ingest, export png/html and run work from $(basename "$DIST") in a fresh venv"
