"""A PostGIS server for the store tests: $CRISISMAP_TEST_PG, else one started here (root, Debian).

`make test` runs pytest under scripts/pg-test-server.sh, which sets CRISISMAP_TEST_PG (and
CRISISMAP_TEST_PG_REQUIRED=1, so a missing server fails the tests instead of skipping them). A plain
`pytest` run as root starts a throwaway cluster with the same script; as another user without a
server the PostGIS tests skip, saying why.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "pg-test-server.sh"


def _start_local() -> tuple[str | None, str | None, str]:
    """(url, cluster dir, why not) for a cluster started with scripts/pg-test-server.sh."""
    if os.geteuid() != 0 and not Path("/usr/lib/postgresql/15/bin/postgres").exists():
        return None, None, "no CRISISMAP_TEST_PG and no local PostgreSQL (run `make test`)"
    d = tempfile.mkdtemp(prefix="crisismap-pg-")
    os.chmod(d, 0o755)
    proc = subprocess.run([str(SCRIPT), "start", d], capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        subprocess.run([str(SCRIPT), "stop", d], capture_output=True, timeout=120)
        return None, None, f"could not start PostGIS: {proc.stderr.strip()[-300:]}"
    return proc.stdout.strip().splitlines()[-1], d, ""


@pytest.fixture(scope="session")
def pg_server():
    """The URL of a PostGIS database for tests (see the module docstring)."""
    url = os.environ.get("CRISISMAP_TEST_PG")
    started = None
    if not url:
        url, started, why = _start_local()
        if not url:
            if os.environ.get("CRISISMAP_TEST_PG_REQUIRED"):
                pytest.fail(f"PostGIS is required here but unavailable: {why}")
            pytest.skip(f"PostGIS tests need a server: {why}")
    yield url
    if started:
        subprocess.run([str(SCRIPT), "stop", started], capture_output=True, timeout=120)


@pytest.fixture()
def pg_url(pg_server):
    """A fresh, empty schema in the test database, as a postgresql:// URL (search_path set)."""
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(pg_server, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {schema}")
    parts = urlsplit(pg_server)
    query = f"options=-csearch_path%3D{schema},public"
    yield urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))
    with psycopg.connect(pg_server, autocommit=True) as con:
        con.execute(f"DROP SCHEMA {schema} CASCADE")
