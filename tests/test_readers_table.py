"""Plain tables (CSV, semicolon CSV, XLSX, place names geocoded) and vector files (GeoJSON, GPKG, GeoParquet)."""

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from dashboard.events.schema import InputError
from dashboard.sources import table, vector
from dashboard.sources.detect import detect_format, read_any


def test_latlon_table_and_aliases(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("Date;Lat;Lng;Type;Deaths;Notes\n2020-08-18;12,7441;-8,0726;Battles;2;mutiny\n"
                 "18/08/2020;12.6392;-8.0029;Peaceful protest;;crowds\n")
    assert detect_format(p) == "table"
    r = read_any(p)
    r.check()
    assert r.loaded == 2
    e = r.events
    assert list(e["event_type"]) == ["Battles", "Protests"]
    assert e["sub_event_type"].iloc[1] == "Peaceful protest"
    assert e["latitude"].iloc[0] == pytest.approx(12.7441) and e["fatalities"].iloc[0] == 2
    assert e["origin"].iloc[0] == "table"


def test_place_names_are_geocoded(tmp_path):
    p = tmp_path / "places.csv"
    p.write_text("place,country,date,type\nKati,Mali,2020-08-18,Battles\nBamako,Mali,2020-08-18,Protests\n"
                 "Qwxzzy Nowhere,Mali,2020-08-18,Riots\n,,2020-08-18,Riots\n")
    r = table.read(p)
    r.check()
    assert (r.rows, r.loaded, r.rejected) == (4, 2, 2)
    kati = r.events.iloc[0]
    assert kati["latitude"] == pytest.approx(12.744, abs=0.05) and kati["longitude"] == pytest.approx(-8.07, abs=0.05)
    assert kati["geonameid"] > 0 and kati["geo_precision"] == 1 and "geocoded=offline" in kati["tags"]
    reasons = {x.row: x.reason for x in r.rejects}
    assert "not found" in reasons[3] and "Qwxzzy" in reasons[3]
    assert "no coordinates and no place name" in reasons[4]


def test_xlsx(tmp_path):
    p = tmp_path / "t.xlsx"
    pd.DataFrame({"latitude": [12.7441, 99], "longitude": [-8.0726, 1], "date": ["2020-08-18", "2020-08-18"],
                  "event_type": ["Battles", "Battles"]}).to_excel(p, index=False)
    r = read_any(p)
    r.check()
    assert (r.loaded, r.rejected) == (1, 1) and r.rejects[0].row == 2


def test_broken_tables(tmp_path):
    p = tmp_path / "nocoords.csv"
    p.write_text("when,what\n2020-01-01,x\n")
    with pytest.raises(InputError, match="format"):
        read_any(p)
    with pytest.raises(InputError, match="no coordinate columns"):
        table.read(p)
    p2 = tmp_path / "nodate.csv"
    p2.write_text("lat,lon\n1,2\n")
    with pytest.raises(InputError, match="no date column"):
        table.read(p2)
    p3 = tmp_path / "prose.txt"
    p3.write_text("This is just a sentence about Kati and Bamako\nand another one\n")
    with pytest.raises(InputError, match="not a table"):
        read_any(p3)
    p4 = tmp_path / "bin.csv"
    p4.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(InputError, match="binary"):
        read_any(p4)
    p5 = tmp_path / "blank.csv"
    p5.write_text("\n\n  \n")
    with pytest.raises(InputError, match="empty"):
        read_any(p5)


def _points(tmp_path):
    return gpd.GeoDataFrame(
        {"event_date": ["2020-08-18", "2020-08-18", "2020-08-19"], "event_type": ["Battles", "Protests", "Riots"],
         "notes": ["a", "b", "polygon"]},
        geometry=[shapely.Point(-8.0726, 12.7441), shapely.Point(-8.0029, 12.6392), shapely.box(-8, 12, -7, 13)],
        crs="EPSG:4326")


@pytest.mark.parametrize("suffix", ["geojson", "gpkg", "parquet"])
def test_vector_files(tmp_path, suffix):
    g = _points(tmp_path)
    p = tmp_path / f"ev.{suffix}"
    if suffix == "parquet":
        g.to_parquet(p)
    else:
        g.to_file(p)
    assert detect_format(p) == "vector"
    r = read_any(p)
    r.check()
    assert (r.rows, r.loaded, r.rejected) == (3, 2, 1)
    assert r.rejects[0].field == "geometry" and "Polygon" in r.rejects[0].reason
    assert r.events["longitude"].iloc[0] == pytest.approx(-8.0726) and r.events.crs == "EPSG:4326"


def test_vector_reprojected_and_broken(tmp_path):
    g = _points(tmp_path).iloc[:2].to_crs(32629)
    p = tmp_path / "utm.gpkg"
    g.to_file(p)
    r = vector.read(p)
    assert r.events["latitude"].iloc[0] == pytest.approx(12.7441, abs=1e-6)
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [')
    with pytest.raises(InputError):
        read_any(bad)
