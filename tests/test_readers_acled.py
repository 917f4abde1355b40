"""ACLED reader: current, old and 2012-style exports, and broken files."""

from pathlib import Path

import pytest

from dashboard.events.schema import EVENT_COLUMNS, InputError
from dashboard.sources import acled
from dashboard.sources.detect import detect_format, read_any

FIX = Path(__file__).parent / "fixtures" / "readers"


def test_current_export():
    r = acled.read(FIX / "acled_current.csv")
    r.check()
    assert (r.rows, r.loaded, r.rejected) == (3, 3, 0)
    e = r.events
    assert list(e.columns[: len(EVENT_COLUMNS)]) == EVENT_COLUMNS and e.crs == "EPSG:4326"
    kati = e.set_index("event_id_cnty").loc["MLI9001"]
    assert str(kati["event_date"].date()) == "2020-08-18"
    assert (kati["inter1"], kati["inter2"], kati["interaction"]) == (1, 1, 11)  # text actor types -> codes
    assert kati["country_code"] == "ML" and kati["origin"] == "acled" and kati["source_id"] == "acled:MLI9001"
    assert '"Kati"' in kati["notes"]
    bamako = e.set_index("event_id_cnty").loc["MLI9002"]
    assert "\n" in bamako["notes"]  # quoted line break kept
    assert detect_format(FIX / "acled_current.csv") == "acled"


def test_old_export_and_date_styles():
    r = acled.read(FIX / "acled_old.csv")
    r.check()
    assert r.loaded == 3
    e = r.events.set_index("event_id_cnty")
    assert [str(d.date()) for d in e["event_date"]] == ["2020-08-18", "2020-08-18", "2020-08-19"]
    assert e.loc["MLI2", "event_type"] == "Riots"  # old Riots/Protests with rioters
    assert e.loc["MLI3", "event_type"] == "Explosions/Remote violence"
    assert "old_event_type=Remote violence" in e.loc["MLI3", "tags"]
    assert e.loc["MLI1", "country_code"] == "ML"


def test_2012_semicolon_uppercase_decimal_comma():
    r = read_any(FIX / "acled_2012_semicolon.csv")
    r.check()
    assert r.format == "acled" and r.loaded == 2
    e = r.events.set_index("event_id_cnty")
    assert e.loc["MLI77", "latitude"] == pytest.approx(20.2011)
    assert e.loc["MLI77", "event_type"] == "Battles" and e.loc["MLI77", "sub_event_type"] == "Armed clash"
    assert str(e.loc["MLI78", "event_date"].date()) == "2012-03-22"
    assert e.loc["MLI78", "sub_event_type"] == "Non-violent transfer of territory"


def test_latin1_and_bom(tmp_path):
    text = (FIX / "acled_current.csv").read_text(encoding="utf-8").replace("Segou", "Ségou")
    p1 = tmp_path / "latin1.csv"
    p1.write_bytes(text.encode("latin-1"))
    p2 = tmp_path / "bom.csv"
    p2.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    for p in (p1, p2):
        r = read_any(p)
        r.check()
        assert r.format == "acled" and r.loaded == 3
        assert "Ségou" in set(r.events["location"])


def test_broken_file(tmp_path):
    lines = (FIX / "acled_current.csv").read_text(encoding="utf-8").splitlines()
    header, good = lines[0], lines[1]
    bad_rows = [
        good.replace("12.7441,-8.0726", "-8.0726,12.7441").replace("MLI9001", "B1"),  # swapped
        good.replace("2020-08-18", "2020-13-45").replace("MLI9001", "B2"),  # bad date
        good.replace(",Battles,Armed clash,", ",Picnic,,").replace("MLI9001", "B3"),  # unknown type
        good.replace("12.7441,-8.0726", "0,0").replace("MLI9001", "B4"),  # (0, 0)
        good.replace("12.7441,-8.0726", "95.2,-8.0726").replace("MLI9001", "B5"),  # out of range
        good.replace("12.7441,-8.0726", "north,-8.0726").replace("MLI9001", "B6"),  # not a number
        "MLI9999,2020-08-18,too,short",  # wrong field count
        good.replace(",0,,1700000000", ",many,,1700000000").replace("MLI9001", "B7"),  # fatalities text
    ]
    p = tmp_path / "broken.csv"
    p.write_text("\n".join([header, good, *bad_rows]) + "\n", encoding="utf-8")
    r = acled.read(p)
    r.check()
    assert (r.rows, r.loaded, r.rejected) == (9, 1, 8)
    by_row = {x.row: x for x in r.rejects}
    assert "swapped" in by_row[2].reason and by_row[2].field == "latitude"
    assert "unparseable date" in by_row[3].reason and by_row[3].field == "event_date"
    assert "unknown event type 'Picnic'" in by_row[4].reason
    assert "(0, 0)" in by_row[5].reason
    assert "outside -90..90" in by_row[6].reason
    assert "not a number" in by_row[7].reason
    assert "fields" in by_row[8].reason
    assert "fatalities" in by_row[9].reason
    assert all(x.reason and x.file == str(p) for x in r.rejects)


def test_missing_column_and_empty(tmp_path):
    p = tmp_path / "nolat.csv"
    p.write_text("event_id_cnty,event_date,event_type,actor1\nX1,2020-01-01,Battles,A\n")
    with pytest.raises(InputError, match="latitude"):
        acled.read(p)
    e = tmp_path / "empty.csv"
    e.write_text("")
    with pytest.raises(InputError, match="empty"):
        read_any(e)
    h = tmp_path / "header_only.csv"
    h.write_text((FIX / "acled_current.csv").read_text().splitlines()[0] + "\n")
    r = read_any(h)
    assert (r.rows, r.loaded, r.rejected) == (0, 0, 0)


def test_streams_in_chunks(tmp_path):
    lines = (FIX / "acled_current.csv").read_text(encoding="utf-8").splitlines()
    rows = [lines[1].replace("MLI9001", f"MLI{i}") for i in range(250)]
    p = tmp_path / "many.csv"
    p.write_text("\n".join([lines[0], *rows]) + "\n", encoding="utf-8")
    parts = list(acled.iter_read(p, chunk_rows=100))
    assert [x.rows for x in parts] == [100, 100, 50]
    assert sum(x.loaded for x in parts) == 250
