"""Places the way analysts write them (dashboard.places.forms via dashboard.events.where.report_places),
and a report's country bounding its places. Shipped gazetteer only, except where a test imports a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyproj import Geod

from dashboard.events.where import report_places
from dashboard.places.learned import use_store

GEOD = Geod(ellps="WGS84")
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "learned" / "ucdp_synthetic_mali.csv"


def km(a, b) -> float:
    return GEOD.inv(a.lon, a.lat, b.lon, b.lat)[2] / 1000.0


def places(text: str, store=None):
    with use_store(store):
        ms, cc = report_places(text)
    return {m.text: m for m in ms}, cc


def test_between_and_road_give_the_midpoint_at_precision_2():
    from dashboard.places.geocoder import OfflineGeocoder

    g = OfflineGeocoder(gazetteer=None)
    gao, ansongo = (g.geocode(n, country_codes="ML") for n in ("Gao", "Ansongo"))
    for text, span in [("Fighting broke out between Gao and Ansongo in Mali on Monday.", "between Gao and Ansongo"),
                       ("An IED hit a convoy on the Gao-Ansongo road in Mali.", "Gao-Ansongo"),
                       ("An IED hit a convoy on the road from Gao to Ansongo in Mali.", "road from Gao to Ansongo")]:
        ms, cc = places(text)
        assert cc == "ML" and span in ms, ms
        m = ms[span]
        assert m.precision == 2 and m.form in ("between", "road")
        az, _b, d = GEOD.inv(gao.longitude, gao.latitude, ansongo.longitude, ansongo.latitude)
        d_a = GEOD.inv(gao.longitude, gao.latitude, m.place.lon, m.place.lat)[2]
        d_b = GEOD.inv(ansongo.longitude, ansongo.latitude, m.place.lon, m.place.lat)[2]
        assert abs(d_a - d / 2) < 500 and abs(d_b - d / 2) < 500  # the geodesic midpoint, within 0.5 km


def test_offset_along_the_bearing_with_precision_from_distance():
    ms, _ = places("Gunmen attacked a market 30 km north of Mopti, Mali, on Sunday.")
    m = ms["30 km north of Mopti"]
    assert m.form == "offset" and m.precision == 2
    mopti = places("Mopti, Mali.")[0]["Mopti"].place
    az, _b, d = GEOD.inv(mopti.lon, mopti.lat, m.place.lon, m.place.lat)
    assert abs(d - 30_000) < 10 and abs(az) < 0.01
    far = places("A convoy was ambushed 80 km south-east of Gao, Mali.")[0]["80 km south-east of Gao"]
    assert far.precision == 3


def test_near_and_area_of_mark_precision_2():
    for text in ("Clashes were reported near Sevare, Mali.", "Clashes were reported in the area of Sevare, Mali."):
        ms, _ = places(text)
        m = ms["Sevare"]
        assert m.precision == 2 and m.form == "near"


def test_unnamed_village_in_a_region_is_the_region_at_precision_3():
    ms, _ = places("Jihadists burned a village in the Mopti region of Mali on Saturday.")
    m = ms["Mopti region"]
    assert m.place.kind == "admin1" and m.precision == 3 and "unnamed-place" in m.tags


def test_admin_chain_picks_the_candidate_and_falls_back_to_the_commune_or_cercle(tmp_path, capsys):
    ms, _ = places("Soldiers clashed with militants in Kidal (Kidal, Kidal), Mali, on Tuesday.")
    m = ms["Kidal (Kidal, Kidal)"]
    assert m.place.kind == "city" and m.precision == 1 and m.form == "admin-chain"
    # "Libe" is no Malian place we know and "Baye" only a French village: the named cercle (learned
    # from the import), at precision 2 — never Denmark's Ribe nor France, never the country
    from dashboard.cli import main

    store = tmp_path / "s.gpkg"
    assert main(["import", str(FIXTURE), "--store", str(store)]) == 0
    capsys.readouterr()
    ms, cc = places("Armed men attacked Libe (Baye, Bankass) in central Mali on Monday.", store)
    m = ms["Libe (Baye, Bankass)"]
    assert cc == "ML" and m.place.country_code == "ML" and m.place.kind == "admin2"
    assert m.precision == 2 and "place-from-admin-chain" in m.tags
    # without the learned cercle: Bankass, the cercle's seat, still at precision 2
    ms, _ = places("Armed men attacked Libe (Baye, Bankass) in central Mali on Monday.")
    m = ms["Libe (Baye, Bankass)"]
    assert m.place.name == "Bankass" and m.precision == 2


@pytest.mark.parametrize("text,name", [
    ("Gunmen killed three herders in Kani, Mali on Monday.", "Kani"),
    ("Armed men attacked Baye, in central Mali, on Monday.", "Baye"),
])
def test_a_reports_country_bounds_its_places(text, name):
    ms, cc = places(text)
    assert cc == "ML"
    assert all(m.place.country_code == "ML" for m in ms.values()), {k: m.place for k, m in ms.items()}


def test_a_neighbour_needs_evidence_in_the_text():
    ms, _ = places("Soldiers from Mali and Niger clashed with militants near Ayorou in Niger on Friday.")
    assert ms["Ayorou"].place.country_code == "NE"


def test_distance_without_bearing_and_near_a_chain():
    ms, _ = places("An IED exploded 5 km from Hombori, Mali, on Monday.")
    m = ms["5 km from Hombori"]
    assert m.form == "distance" and m.place.name == "Hombori" and m.precision == 2
    ms, _ = places("Militants attacked soldiers near Kidal (Kidal, Kidal), Mali, on Monday.")
    m = ms["Kidal (Kidal, Kidal)"]
    assert m.form == "admin-chain" and m.place.kind == "city" and m.precision == 2 and "place-near" in m.tags


def test_between_swallows_the_pairs_admin_chain():
    ms, _ = places("Clashes between Gao and Ansongo (Gao, Gao) left two dead in Mali.")
    assert "between Gao and Ansongo (Gao, Gao)" in ms
    assert not any(k.startswith("Gao (") for k in ms)


def test_a_far_country_named_elsewhere_in_the_report_is_no_evidence():
    text = ("Armed men attacked Baye in central Mali on Monday, killing four villagers, local officials said. "
            + "Residents fled towards the river and the market stayed closed for the rest of the week. " * 3
            + "France condemned the attack.")
    ms, cc = places(text)
    assert cc == "ML"
    assert all(m.place.country_code != "FR" for k, m in ms.items() if k != "France")
    # a well-known foreign city needs no evidence
    ms, _ = places("Malian officials held talks in Lagos on Monday; soldiers patrolled Gao, Mali.")
    assert ms["Lagos"].place.country_code == "NG"
