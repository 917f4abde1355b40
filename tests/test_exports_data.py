"""Filtered data exports hold exactly the filtered events: CSV (ACLED columns), GeoJSON, GeoPackage."""

from __future__ import annotations

import datetime as dt
import io
import json

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from conftest import XSS_EVIDENCE, mali_events

from dashboard.events.schema import ACLED_COLUMNS, EVENT_COLUMNS
from dashboard.filters import FilterState, apply_filters
from dashboard.views.export import export_table


@pytest.fixture(scope="module")
def filtered():
    events = mali_events()
    state = FilterState(start=dt.date(2020, 8, 10), end=dt.date(2020, 8, 20),
                        event_types=("Protests", "Riots", "Strategic developments"))
    out = apply_filters(events, state)
    assert 0 < len(out) < len(events)
    return out


def _ids(frame) -> list[str]:
    return sorted(frame["event_id_cnty"].astype(str))


def test_csv_has_acled_columns_and_exactly_the_filtered_events(filtered):
    df = pd.read_csv(io.BytesIO(export_table(filtered, "csv")), dtype=str, keep_default_na=False)
    assert list(df.columns[:len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert list(df.columns[:len(EVENT_COLUMNS)]) == EVENT_COLUMNS
    assert len(df) == len(filtered) and _ids(df) == _ids(filtered)
    assert set(df["event_date"]) <= {f"2020-08-{d:02d}" for d in range(10, 21)}
    assert XSS_EVIDENCE in set(df["evidence"])  # data is kept as data (escaping is for HTML)


def test_geojson_holds_the_same_events_with_their_points(filtered):
    raw = export_table(filtered, "geojson")
    doc = json.loads(raw)
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == len(filtered)
    back = gpd.read_file(io.BytesIO(raw))
    assert _ids(back) == _ids(filtered)
    merged = back.set_index("event_id_cnty").loc[filtered["event_id_cnty"]]
    assert merged.geometry.x.to_numpy() == pytest.approx(filtered["longitude"].to_numpy())
    assert merged.geometry.y.to_numpy() == pytest.approx(filtered["latitude"].to_numpy())


def test_geopackage_reads_back_as_a_layer(filtered, tmp_path):
    path = tmp_path / "events.gpkg"
    path.write_bytes(export_table(filtered, "gpkg"))
    layers = [name for name, _ in pyogrio.list_layers(path)]
    assert layers == ["events"]
    back = gpd.read_file(path, layer="events")
    assert back.crs.to_epsg() == 4326
    assert len(back) == len(filtered) and _ids(back) == _ids(filtered)
    assert "Ségou" in set(mali_events()["location"])  # accents survive the round trip
    assert set(back["location"]) == set(filtered["location"])
    assert list(back.columns[:len(EVENT_COLUMNS)]) == EVENT_COLUMNS


def test_empty_selection_exports_cleanly(filtered, tmp_path):
    none = filtered.iloc[:0]
    assert pd.read_csv(io.BytesIO(export_table(none, "csv"))).shape == (0, len(EVENT_COLUMNS))
    assert json.loads(export_table(none, "geojson"))["features"] == []
    path = tmp_path / "none.gpkg"
    path.write_bytes(export_table(none, "gpkg"))
    assert len(gpd.read_file(path)) == 0


def test_unknown_format_is_refused(filtered):
    with pytest.raises(ValueError, match="format"):
        export_table(filtered, "ods")
