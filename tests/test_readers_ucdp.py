"""UCDP GED reader: the real 49-column set, CRLF rows with LF inside quotes, and broken files."""

from pathlib import Path

import pandas as pd
import pytest

from dashboard.events.schema import InputError
from dashboard.sources import ucdp
from dashboard.sources.detect import detect_format

SHARED = Path(__file__).resolve().parents[2] / "shared"
HEADER = ("id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,"
          "dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,"
          "number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,"
          "where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,"
          "region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,"
          "high,low,gwnoa,gwnob")


def row(id_, tov="1", where_prec="1", lat="12.744", lon="-8.072", best="3", date="2020-08-18 00:00:00.000",
        place="Kati town", side_b="JNIM"):
    return (f'{id_},MLI-2020-1-{id_},2020,true,Clear,{tov},11347,11347,Mali: Government,{id_},{id_},Government of Mali - {side_b},'
            f'72,72,Government of Mali,1,1,{side_b},2,"Synthetic source, ""quoted"" title\nsecond line",AFP,2020-08-19,'
            f'Synthetic headline,,{where_prec},{place},{place},Koulikoro region,Kati cercle,{lat},{lon},POINT ({lon} {lat}),'
            f'1,Mali,432,Africa,1,1,{date},{date},{best},0,0,0,{best},{best},{best},432,')


def write(tmp_path, rows, name="ged.csv"):
    p = tmp_path / name
    p.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode("utf-8"))
    return p


def test_good_file(tmp_path):
    p = write(tmp_path, [row(1), row(2, tov="3", where_prec="4", side_b="Civilians"), row(3, tov="2", where_prec="6")])
    assert len(HEADER.split(",")) == 49
    assert detect_format(p) == "ucdp"
    r = ucdp.read(p)
    r.check()
    assert (r.rows, r.loaded, r.rejected) == (3, 3, 0)
    e = r.events.set_index("source_id")
    a = e.loc["ucdp:1"]
    assert (a["event_type"], a["sub_event_type"], a["geo_precision"], a["fatalities"]) == ("Battles", "Armed clash", 1, 3)
    assert a["location"] == "Kati town" and a["admin1"] == "Koulikoro region"
    assert a["source"] == 'Synthetic source, "quoted" title\nsecond line'
    assert a["actor1"] == "Government of Mali" and a["country_code"] == "ML"
    assert "ucdp_where_prec=1" in a["tags"]
    b = e.loc["ucdp:2"]
    assert b["event_type"] == "Violence against civilians" and b["geo_precision"] == 3 and b["inter2"] == 7
    assert e.loc["ucdp:3", "geo_precision"] == 3
    assert str(a["event_date"].date()) == "2020-08-18"


def test_broken_file(tmp_path):
    p = write(tmp_path, [row(1), row(2, tov="9"), row(3, where_prec=""), row(4, best="lots"), row(5, date="sometime"),
                         row(6, lat="-8.072", lon="12.744"), "7,too,few"])
    r = ucdp.read(p)
    r.check()
    assert (r.rows, r.loaded, r.rejected) == (7, 2, 5)
    reasons = {x.row: (x.field, x.reason) for x in r.rejects}
    assert reasons[2][0] == "type_of_violence"
    assert 3 not in reasons  # no where_prec: loaded with its precision unknown
    assert r.events.set_index("source_id").loc["ucdp:3", "geo_precision"] is pd.NA
    assert reasons[4][0] == "best"
    assert reasons[5][0] == "date_start"
    assert "swapped" in reasons[6][1]
    assert "fields" in reasons[7][1]


def test_not_ucdp(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("id,where_prec,type_of_violence\n1,1,1\n")
    with pytest.raises(InputError, match="latitude"):
        ucdp.read(p)


def test_real_shared_file():
    path = SHARED / "data" / "events" / "ucdp_ged251_mali.csv"
    if not path.exists():
        pytest.skip("shared data folder not present")
    r = ucdp.read(path)
    r.check()
    assert (r.rows, r.loaded) == (2573, 2573)
    assert int(r.events["fatalities"].sum()) == 17706
    assert r.events["geo_precision"].value_counts().to_dict() == {2: 1171, 1: 987, 3: 415}
