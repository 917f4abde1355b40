"""The fast CSV path (pyarrow) gives exactly what the csv-module path gives, on awkward files.

`dashboard.sources.tabular.iter_batches` parses well-formed UTF-8 files with pyarrow and hands over
to the csv module at the first record the two could read differently. These tests read SYNTHETIC
awkward files (tests/reader_nasty.py: blank and whitespace lines, ragged rows, BOM, CRLF/CR,
cp1252/latin-1/UTF-16, quoted line breaks, stray quotes, mixed dates, formula cells, monadic
pairs) both ways, through every CSV reader, and compare events, rejects, row numbers and notes.
"""

from __future__ import annotations

import csv
import random
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from reader_nasty import write_nasty

from dashboard.errors import CrisismapError
from dashboard.sources import tabular
from dashboard.sources.detect import READERS, detect_format

with tempfile.TemporaryDirectory() as _tmp:
    NAMES = [p.name for p in write_nasty(_tmp, rows=40)]


@pytest.fixture(scope="module")
def nasty_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("nasty")
    write_nasty(d)
    return d


#: pyarrow read blocks this small make the fast path meet irregular records after it gave chunks
SMALL_BLOCK = 4096


def _read(path: Path, fast: bool, chunk_rows: int):
    """Every part of a file read by its reader (or the error line), with the fast path on or off."""
    old = tabular.FAST_CSV, tabular.ARROW_BLOCK
    tabular.FAST_CSV, tabular.ARROW_BLOCK = fast, SMALL_BLOCK
    try:
        fmt = detect_format(path)
        parts = list(READERS[fmt].iter_read(path, chunk_rows=chunk_rows))
    except CrisismapError as exc:
        return str(exc)
    finally:
        tabular.FAST_CSV, tabular.ARROW_BLOCK = old
    return [(p.events, [(r.row, r.field, r.reason) for r in p.rejects], p.rows, p.folded, p.file_notes())
            for p in parts]


def _same(a, b) -> None:
    if isinstance(a, str) or isinstance(b, str):
        assert a == b
        return
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        pd.testing.assert_frame_equal(x[0], y[0], check_exact=True)
        assert x[0].crs == y[0].crs
        assert x[1:] == y[1:]


@pytest.mark.parametrize("chunk_rows", [40, 50_000])
@pytest.mark.parametrize("name", NAMES)
def test_fast_and_csv_module_paths_read_the_same(nasty_dir, name, chunk_rows):
    path = nasty_dir / name
    fast, slow = _read(path, True, chunk_rows), _read(path, False, chunk_rows)
    _same(fast, slow)
    if not isinstance(fast, str):
        assert sum(p[2] for p in fast) == sum(len(p[0]) + p[3] + len(p[1]) for p in fast)  # nothing lost


def _batches(path: Path, fast: bool, chunk_rows: int):
    old = tabular.FAST_CSV, tabular.ARROW_BLOCK
    tabular.FAST_CSV, tabular.ARROW_BLOCK = fast, SMALL_BLOCK
    try:
        enc = tabular.check_text(path)
        delim = tabular.sniff_delimiter(tabular.first_line(tabular.head_text(path, enc))) or ","
        return [(b.frame, b.rownums.tolist(), [(r.row, r.field, r.reason) for r in b.rejects], b.short)
                for b in tabular.iter_batches(path, encoding=enc, delimiter=delim, chunk_rows=chunk_rows)]
    except CrisismapError as exc:
        return str(exc)
    finally:
        tabular.FAST_CSV, tabular.ARROW_BLOCK = old


def _same_batches(a, b) -> None:
    if isinstance(a, str) or isinstance(b, str):
        assert a == b
        return
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        pd.testing.assert_frame_equal(x[0], y[0], check_exact=True)
        assert x[1:] == y[1:]


def test_the_fast_path_reads_a_clean_file_without_the_csv_module(nasty_dir, monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("the csv-module path was used for a clean UTF-8 file")
        yield

    monkeypatch.setattr(tabular, "_csv_batches", refuse)
    got = _batches(nasty_dir / "synthetic_acled_clean.csv", True, 7)
    assert sum(len(b[0]) for b in got) == 160 and got[0][0].dtypes.eq("string").all()


def test_a_late_ragged_row_hands_over_after_the_chunks_already_given(nasty_dir, monkeypatch):
    path = nasty_dir / "synthetic_acled_ragged_late.csv"
    skips = []
    real = tabular._csv_batches

    def spy(*a, **k):
        skips.append(k["skip"])
        yield from real(*a, **k)

    monkeypatch.setattr(tabular, "_csv_batches", spy)
    got = _batches(path, True, 7)
    assert skips and skips[0] > 0 and skips[0] % 7 == 0  # resumed after whole fast chunks
    _same_batches(got, _batches(path, False, 7))
    short = {k: v for b in got for k, v in b[3].items()}
    assert short == {158: 3}  # a headed row cut short: padded here, rejected by the reader with its count
    events, rejects, *_ = _read(path, True, 7)[-1]
    assert any(r[0] == 158 and r[2].startswith("row has 3 fields; expected 31") for r in rejects)


def test_formula_prefixed_cells_keep_their_prefix(tmp_path):
    p = tmp_path / "synthetic_formula.csv"
    p.write_text("event_id_cnty,event_date,event_type,actor1,latitude,longitude,notes\n"
                 'SYNF1,2020-08-18,Battles,\t=1+1,12.6,-8.0,"\r=HYPERLINK(""x"")"\n'
                 "SYNF2,2020-08-18,Battles,  plain  ,12.6,-8.0,@SUM(1)\n", encoding="utf-8")
    for fast in (True, False):
        (events, rejects, *_), = _read(p, fast, 50_000)
        assert rejects == []
        assert list(events["actor1"]) == ["\t=1+1", "plain"]
        assert list(events["notes"]) == ['\r=HYPERLINK("x")', "@SUM(1)"]


CELLS = ["", " ", "a", '"', '""', ",", "\n", "\r", "\r\n", "\t=1+1", "é", 'x"y', ' "q" ', "\u2028", "\x85", "\ufeff", "1,5"]


def _random_csv(rng: random.Random) -> str:
    """A small headed CSV with awkward cells, quoted or not, and now and then a broken line."""
    w = rng.randint(2, 4)
    lines = [",".join(f"h{i}" for i in range(w))]
    for _ in range(rng.randint(0, 12)):
        row = ["".join(rng.choice(CELLS) for _ in range(rng.randint(0, 3))) for _ in range(w)]
        cells = []
        for v in row:
            must = any(c in v for c in ',\n\r')
            cells.append('"' + v.replace('"', '""') + '"' if must or rng.random() < 0.5 else v)
        lines.append(",".join(cells))
    if rng.random() < 0.3 and len(lines) > 2:
        lines.insert(rng.randint(1, len(lines) - 1), rng.choice(["", " ", ",", "a", '"open']))
    nl = rng.choice(["\n", "\r\n", "\r"])
    return rng.choice(["", "\ufeff"]) + nl.join(lines) + rng.choice(["", nl])


def test_random_awkward_csv_text_reads_the_same_both_ways(tmp_path):
    rng = random.Random(12)
    readable = 0
    for k in range(300):
        p = tmp_path / f"synthetic_random_{k}.csv"
        p.write_text(_random_csv(rng), encoding="utf-8", newline="")
        chunk = rng.choice([1, 2, 3, 50_000])
        a, b = _batches(p, True, chunk), _batches(p, False, chunk)
        _same_batches(a, b)
        readable += not isinstance(a, str)
    assert readable > 200  # most cases are tables, not errors


def _batches_headless(path: Path, fast: bool, chunk_rows: int, names: list[str], widths: list[int]):
    old = tabular.FAST_CSV, tabular.ARROW_BLOCK
    tabular.FAST_CSV, tabular.ARROW_BLOCK = fast, SMALL_BLOCK
    try:
        return [(b.frame, b.rownums.tolist(), [(r.row, r.field, r.reason) for r in b.rejects], b.short)
                for b in tabular.iter_batches(path, encoding="utf-8", delimiter="\t", names=names,
                                              quoting=csv.QUOTE_NONE, chunk_rows=chunk_rows, allowed_widths=widths)]
    except CrisismapError as exc:
        return str(exc)
    finally:
        tabular.FAST_CSV, tabular.ARROW_BLOCK = old


def test_random_headless_tsv_without_quoting_reads_the_same_both_ways(tmp_path):
    """GDELT's way: no header, TAB, quotes are plain characters, two allowed row widths."""
    rng = random.Random(5)
    names = ["a", "b", "c", "d"]
    cells = ["", " ", "x", '"', '"q"', "é", "\t", "\r", "12"]
    for k in range(150):
        lines = []
        for _ in range(rng.randint(0, 10)):
            width = rng.choice([4, 4, 4, 3, 5, 1])
            lines.append("\t".join("".join(rng.choice(cells) for _ in range(rng.randint(0, 2))) for _ in range(width)))
        p = tmp_path / f"synthetic_random_{k}.tsv"
        p.write_text(rng.choice(["\n", "\r\n"]).join(lines) + "\n", encoding="utf-8", newline="")
        chunk = rng.choice([1, 2, 50_000])
        _same_batches(_batches_headless(p, True, chunk, names, [3, 4]), _batches_headless(p, False, chunk, names, [3, 4]))
