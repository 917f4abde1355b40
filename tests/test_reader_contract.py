"""The contract every event-file reader keeps (the modules listed in dashboard.sources.detect.READERS).

A new format joins by adding a module with `read` and `iter_read` (and `looks_like` when it is
recognised by its header), listing it once in READERS, and adding a small sample
`tests/fixtures/readers/contract/<format>.*` with good rows and one bad row. Nothing else here
names a format: every check below runs for every reader.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from dashboard.errors import CrisismapError
from dashboard.events.schema import EVENT_COLUMNS
from dashboard.sources.detect import READERS, detect_format, read_any
from dashboard.sources.tabular import ReadResult

SAMPLES = Path(__file__).parent / "fixtures" / "readers" / "contract"


def sample(fmt: str) -> Path:
    found = sorted(p for p in SAMPLES.glob(f"{fmt}.*") if p.suffix != ".md")
    assert found, f"reader {fmt!r} has no contract sample: add tests/fixtures/readers/contract/{fmt}.<ext>"
    return found[0]


def test_every_sample_belongs_to_a_listed_reader():
    stems = {p.name.split(".")[0] for p in SAMPLES.iterdir() if p.suffix != ".md"}
    assert stems == set(READERS), "a contract sample without a reader, or a reader without a sample"


@pytest.fixture(params=sorted(READERS), scope="module")
def reader(request):
    return request.param, READERS[request.param]


def test_the_module_has_the_reader_interface(reader):
    fmt, mod = reader
    for name in ("read", "iter_read"):
        fn = getattr(mod, name, None)
        assert callable(fn), f"{mod.__name__}.{name} is missing"
        params = inspect.signature(fn).parameters
        assert list(params)[0] in ("path", "path_or_buffer"), f"{mod.__name__}.{name}: first argument is the path"
        assert "source_name" in params and params["source_name"].kind is inspect.Parameter.KEYWORD_ONLY
    if hasattr(mod, "looks_like"):
        assert callable(mod.looks_like)


def test_detection_picks_the_reader(reader):
    fmt, _ = reader
    assert detect_format(sample(fmt)) == fmt


def _check_events(res: ReadResult, path: Path) -> None:
    ev = res.events
    assert isinstance(ev, gpd.GeoDataFrame) and ev.crs == "EPSG:4326"
    assert list(ev.columns[: len(EVENT_COLUMNS)]) == EVENT_COLUMNS or set(EVENT_COLUMNS) <= set(ev.columns)
    assert (ev.geometry.geom_type == "Point").all()
    np.testing.assert_allclose(ev.geometry.x, ev["longitude"].astype(float))
    np.testing.assert_allclose(ev.geometry.y, ev["latitude"].astype(float))
    assert ev["latitude"].between(-90, 90).all() and ev["longitude"].between(-180, 180).all()
    assert ev["event_date"].notna().all() and pd.api.types.is_datetime64_any_dtype(ev["event_date"])
    assert ev["event_id_cnty"].notna().all() and ev["event_id_cnty"].is_unique


def test_read_accounts_for_every_row(reader):
    fmt, mod = reader
    path = sample(fmt)
    res = mod.read(path)
    assert isinstance(res, ReadResult)
    res.check()  # rows in = events + rejects, every reject has a reason
    assert res.loaded >= 1 and res.rejected >= 1, "the sample holds good rows and one bad row"
    _check_events(res, path)
    for r in res.rejects:
        assert r.row >= 1, "a reject names its 1-based data row"
        assert r.field, "a reject names its field"
        assert r.reason.strip() and "\n" not in r.reason
        assert Path(r.file).name == path.name, "a reject names its file"
    auto = read_any(path)
    assert list(auto.events["event_id_cnty"]) == list(res.events["event_id_cnty"]) and auto.format == fmt


def test_iter_read_gives_what_read_gives(reader):
    fmt, mod = reader
    path = sample(fmt)
    whole = mod.read(path)
    kwargs = {"chunk_rows": 1} if "chunk_rows" in inspect.signature(mod.iter_read).parameters else {}
    parts = list(mod.iter_read(path, **kwargs))
    assert parts and all(isinstance(p, ReadResult) for p in parts)
    for p in parts:
        p.check()
    assert sum(p.rows for p in parts) == whole.rows
    ids = [i for p in parts for i in p.events["event_id_cnty"]]
    assert ids == list(whole.events["event_id_cnty"])
    assert sorted((r.row, r.field) for p in parts for r in p.rejects) == sorted((r.row, r.field) for r in whole.rejects)


def test_source_name_is_kept(reader):
    fmt, mod = reader
    res = mod.read(sample(fmt), source_name="Contract test (synthetic)")
    said = res.events["tags"].fillna("").astype(str) + " " + res.events["source"].fillna("").astype(str)
    assert res.loaded and said.str.contains("Contract test (synthetic)", regex=False).all(), \
        "the dataset name given on import is kept with each event (tags or source)"


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02 binary \xff\xfe", b"just words, no table at all\n"])
def test_unreadable_input_is_one_clear_error(reader, tmp_path, content):
    fmt, mod = reader
    bad = tmp_path / f"broken{sample(fmt).suffix}"
    bad.write_bytes(content)
    with pytest.raises(CrisismapError) as info:
        mod.read(bad)
    assert "broken" in str(info.value), "the error names the file"
    assert "\n" not in str(info.value)
