"""GDELT reader: 2.0 (61 columns), 1.0 (57/58 columns) without header, the headed 59-column sample."""

from pathlib import Path

import pytest

from dashboard.events.schema import InputError
from dashboard.sources import gdelt
from dashboard.sources.detect import detect_format, read_any

SHARED = Path(__file__).resolve().parents[2] / "shared"


def make_row(version: int, gid: str, code: str = "190", lat: str = "12.6392", lon: str = "-8.0029",
             date: str = "20200818", url: bool = True) -> str:
    cols = gdelt.columns(version, with_url=url)
    v = dict.fromkeys(cols, "")
    v.update(GLOBALEVENTID=gid, SQLDATE=date, MonthYear=date[:6], Year=date[:4], FractionDate="2020.6274",
             Actor1Code="MLIMIL", Actor1Name="MALI", Actor2Code="MLIGOV", Actor2Name="BAMAKO", IsRootEvent="1",
             EventCode=code, EventBaseCode=code[:3], EventRootCode=code[:2], QuadClass="4", GoldsteinScale="-10",
             NumMentions="10", NumSources="2", NumArticles="10", AvgTone="-5.1", ActionGeo_Type="4",
             ActionGeo_FullName="Bamako, Bamako, Mali", ActionGeo_CountryCode="ML", ActionGeo_ADM1Code="ML01",
             ActionGeo_Lat=lat, ActionGeo_Long=lon, ActionGeo_FeatureID="-2460596", DATEADDED=date + "120000")
    if "SOURCEURL" in v:
        v["SOURCEURL"] = "https://example.org/synthetic-story"
    if version == 2:
        v["ActionGeo_ADM2Code"] = "ML01"
    return "\t".join(v[c] for c in cols)


def test_gdelt2_good(tmp_path):
    assert len(gdelt.columns(2)) == 61 and len(gdelt.columns(1)) == 58 and len(gdelt.columns(1, False)) == 57
    p = tmp_path / "20200818120000.export.CSV"
    p.write_text("\n".join([make_row(2, "1", "190"), make_row(2, "2", "1831"), make_row(2, "3", "145"),
                            make_row(2, "4", "042")]) + "\n")
    assert detect_format(p) == "gdelt"
    r = read_any(p)
    r.check()
    assert (r.rows, r.loaded) == (4, 4)
    e = r.events.set_index("source_id")
    assert e.loc["gdelt:1", "event_type"] == "Battles" and "cameo=190" in e.loc["gdelt:1", "tags"]
    assert e.loc["gdelt:2", "sub_event_type"] == "Suicide bomb"
    assert e.loc["gdelt:3", "event_type"] == "Riots"
    assert e.loc["gdelt:4", "event_type"] == "Strategic developments"
    a = e.loc["gdelt:1"]
    assert a["admin1"] == "Bamako" and a["country_code"] == "ML" and a["geo_precision"] == 1
    assert a["source_url"] == "https://example.org/synthetic-story" and a["location"] == "Bamako, Bamako, Mali"


def test_gdelt1_57_and_58_columns(tmp_path):
    for url in (False, True):
        p = tmp_path / f"gdelt1_{url}.csv"
        p.write_text("\n".join([make_row(1, "10", url=url), make_row(1, "11", code="173", url=url)]) + "\n")
        r = gdelt.read(p)
        r.check()
        assert r.loaded == 2
        assert set(r.events["sub_event_type"]) == {"Armed clash", "Arrests"}


def test_gdelt_broken(tmp_path):
    rows = [make_row(2, "1"), make_row(2, "2", lat=""), make_row(2, "3", code="999"),
            make_row(2, "4", date="20201399"), make_row(2, "5", lat="-8.0029", lon="12.6392"),
            "\t".join(["6", "20200818", "too", "few"])]
    p = tmp_path / "broken.export.CSV"
    p.write_text("\n".join(rows) + "\n")
    r = gdelt.read(p)
    r.check()
    assert (r.rows, r.loaded, r.rejected) == (6, 1, 5)
    fields = {x.row: x.field for x in r.rejects}
    assert fields[2] == "ActionGeo_Lat" and fields[3] == "EventCode" and fields[4] == "SQLDATE"
    assert fields[5] == "ActionGeo_Lat" and fields[6] == ""


def test_not_gdelt(tmp_path):
    p = tmp_path / "x.tsv"
    p.write_text("a\tb\n1\t2\n")
    with pytest.raises(InputError):
        gdelt.read(p)


def test_real_shared_sample():
    path = SHARED / "data" / "events" / "gdelt_westafrica_conflict_1991.csv"
    if not path.exists():
        pytest.skip("shared data folder not present")
    assert detect_format(path) == "gdelt"
    r = gdelt.read(path)
    r.check()
    assert r.rows == 3484 and r.loaded + r.rejected == 3484
    assert (r.events["country_code"] == "ML").sum() == 171
    assert r.events["source_url"].isna().all()  # "NA" means empty
