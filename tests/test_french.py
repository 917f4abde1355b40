"""French reports (issue 14): the French lexicon on the language seam, read end to end.

Every test goes through the public path (``read_article`` then ``extract_events``) or the
offline gazetteer; the reports are our own short sentences, written for these tests.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard.events.dates import find_dates, resolve
from dashboard.events.extract import extract_events
from dashboard.events.fatalities import harm
from dashboard.lexicons import detect_language, for_language
from dashboard.sources.article import read_article

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
FR = for_language("fr")


def events(text: str, published: str = "2020-08-19") -> pd.DataFrame:
    gdf, _rejects = extract_events(read_article(f"Date: {published}\n\n{text}\n"))
    return gdf


def test_french_is_detected_and_read_with_the_french_lexicon():
    text = ("Le 18 août 2020, des militaires se sont mutinés au camp Soundiata Keïta de Kati et ont arrêté "
            "plusieurs officiers supérieurs.")
    assert detect_language(text) == "fr"
    gdf, _ = extract_events(read_article(f"Date: 2020-08-19\n\n{text}\n"))
    assert len(gdf) >= 1
    assert gdf.attrs.get("language") == "fr"
    assert set(gdf["location"]) == {"Kati"}
    assert (gdf["event_date"] == pd.Timestamp("2020-08-18")).all()
    # the evidence stays in the report's language
    assert "mutinés" in " ".join(gdf["evidence"])


def test_the_issue_example_gives_an_event_at_kati():
    gdf = events("Le 18 août 2020, des militaires se sont mutinés au camp Soundiata Keïta de Kati, à 15 km de Bamako.")
    assert len(gdf) == 1 and gdf.iloc[0]["location"] == "Kati"
    assert gdf.iloc[0]["actor1"].startswith("Military Forces of Mali")


@pytest.mark.parametrize("text, published, sub, fatalities, place", [
    ("Le 12 juin 2020, des militants présumés du GSIM ont tendu une embuscade à une patrouille des FAMa près de "
     "Boni, cercle de Douentza. Quatre soldats ont été tués.", "2020-06-13", "Armed clash", 4, "Boni"),
    ("Le 3 février 2021, une frappe de drone a visé des combattants de l'EIGS au nord de Ménaka, faisant deux "
     "morts.", "2021-02-04", "Air/drone strike", 2, "Ménaka"),
    ("Un véhicule des FAMa a sauté sur un engin explosif improvisé près de Douentza le 6 septembre 2020 ; au "
     "moins neuf tués.", "2020-09-07", "Remote explosive/landmine/IED", 9, "Douentza"),
    ("Le 14 février 2020, des hommes armés ont attaqué le village d'Ogossogou, dans le cercle de Bankass, tuant "
     "31 civils.", "2020-02-15", "Attack", 31, "Ogossagou"),
    ("Le 12 octobre 2020, des individus armés non identifiés ont enlevé deux civils à la foire de Dioura. Aucune "
     "victime n'a été signalée.", "2020-10-14", "Abduction/forced disappearance", 0, "Dioura"),
    ("Le 10 juillet 2020, la police a dispersé à coups de gaz lacrymogène des manifestants rassemblés à Bamako.",
     "2020-07-11", "Protest with intervention", 0, "Bamako"),
    ("Le 5 juin 2020, des milliers de manifestants ont marché pacifiquement à Bamako.", "2020-06-06",
     "Peaceful protest", 0, "Bamako"),
    ("Le 15 août 2022, des obus de mortier sont tombés sur le camp de la MINUSMA à Gao, sans faire de victimes.",
     "2022-08-16", "Shelling/artillery/missile attack", 0, "Gao"),
    ("Les FAMa ont désamorcé un engin explosif improvisé à l'entrée de Hombori le 25 février 2021.",
     "2021-02-26", "Disrupted weapons use", 0, "Hombori"),
])
def test_french_reports_give_the_acled_type_deaths_and_place(text, published, sub, fatalities, place):
    gdf = events(text, published)
    assert len(gdf) >= 1, text
    hit = gdf[gdf["sub_event_type"] == sub]
    assert len(hit) == 1, (text, list(gdf["sub_event_type"]))
    row = hit.iloc[0]
    assert int(row["fatalities"]) == fatalities
    assert row["location"] == place
    assert row["country_code"] == "ML"


def test_french_actor_names_map_to_the_same_acled_actors_as_english():
    pairs = {
        "des éléments du GSIM": "JNIM: Group for Support of Islam and Muslims",
        "des combattants de l'EIGS": "Islamic State (Greater Sahara)",
        "des chasseurs dozos": "Dozo Communal Militia ({C})",
        "des miliciens de Dan Na Ambassagou": "Dan Na Ambassagou",
        "des Koglweogo": "Koglweogo Militia",
        "des VDP": "VDP: Volunteers for the Defense of the Homeland",
        "les FAMa": "Military Forces of {C}",
        "les FDS": "Military Forces of {C}",
        "des Casques bleus de la MINUSMA": "MINUSMA: United Nations Multidimensional Integrated Stabilization "
                                           "Mission in Mali",
        "la force Barkhane": "Military Forces of France",
    }
    from dashboard.events.actors import find_actors

    en = for_language("en")
    en_names = {r.name for r in en.actors}
    for phrase, name in pairs.items():
        hits = find_actors(f"Le 3 mai, {phrase} ont été signalés.", FR)
        assert name in [h.name for h in hits], phrase
        assert name in en_names, name   # the same ACLED actor as the English lexicon's


@pytest.mark.parametrize("text, published, want, precision", [
    ("dans la nuit du 3 au 4 mai 2020", "2020-05-06", date(2020, 5, 3), 1),
    ("le mardi 18 août", "2020-08-19", date(2020, 8, 18), 1),
    ("la semaine dernière", "2020-05-18", date(2020, 5, 11), 2),
    ("entre le 12 et le 13 janvier 2023", "2023-01-17", date(2023, 1, 12), 2),
    ("le 1er juin", "2023-06-02", date(2023, 6, 1), 1),
    ("hier", "2021-03-08", date(2021, 3, 7), 1),
    ("le 24 janvier", "2021-01-02", date(2020, 1, 24), 1),
])
def test_french_dates_against_the_publication_date(text, published, want, precision):
    refs = [r for r in find_dates(text, lex=FR) if r.kind != "year"]
    assert refs, text
    d, tp, _note = resolve(refs[0], date.fromisoformat(published))
    assert (d, tp) == (want, precision)


@pytest.mark.parametrize("sentence, deaths, vague", [
    ("L'attaque a eu lieu à Gao, faisant deux morts.", 2, False),
    ("Au moins neuf tués dans l'embuscade.", 9, False),
    ("Il n'y a eu aucune victime.", 0, False),
    ("Une vingtaine de jihadistes ont été neutralisés.", 20, False),
    ("L'explosion a coûté la vie à entre 8 et 12 soldats.", 8, False),
    ("Quatre soldats ont été tués et deux autres blessés.", 4, False),
    ("Des dizaines de civils ont été tués.", None, True),
])
def test_french_fatalities(sentence, deaths, vague):
    h = harm(sentence, FR)
    assert h.deaths == deaths, sentence
    assert bool(h.vague) == vague


def test_negated_and_hypothetical_french_reports_give_no_event():
    for text in ("Les habitants de Douentza craignent une attaque contre Boni dans les prochains jours.",
                 "Les jihadistes n'ont pas attaqué Boni le 3 mai 2020, contrairement aux rumeurs.",
                 "L'opposition appelle à manifester à Bamako le 20 juin."):
        gdf = events(text, "2020-05-05")
        assert len(gdf) == 0, text


def test_french_place_names_resolve_like_their_english_forms():
    from dashboard.places.geocoder import OfflineGeocoder

    g = OfflineGeocoder()
    for fr_name, en_name in (("Tombouctou", "Timbuktu"), ("Ségou", "Segou"), ("Ménaka", "Menaka")):
        a = g.geocode(fr_name, country_codes=["ML"])
        b = g.geocode(en_name, country_codes=["ML"])
        assert a is not None and b is not None, fr_name
        assert (round(a.latitude, 3), round(a.longitude, 3)) == (round(b.latitude, 3), round(b.longitude, 3))


def test_french_place_phrases_in_reports():
    # an elided article glued to the name, a road between two towns, a weekday that is no town
    gdf = events("Lundi 28 décembre 2020, des hommes armés ont attaqué un car près d'Ansongo, sur l'axe "
                 "Gao-Ansongo, tuant trois passagers.", "2020-12-30")
    assert len(gdf) == 1
    assert gdf.iloc[0]["country_code"] == "ML"
    assert gdf.iloc[0]["location"] in {"Ansongo", "Gao"}


def test_french_html_page_gives_its_events_and_no_furniture_becomes_an_event():
    a = read_article(FIXTURES / "fr-page-embuscade-boni.html")
    assert a.published == date(2020, 6, 13)
    dropped = " | ".join(a.dropped)
    for furniture in ("Lire aussi", "Partager", "Publicité", "À lire aussi"):
        assert furniture in dropped, furniture
    for text in ("Lire aussi", "Partager", "cookies", "Tous droits réservés", "Ménaka", "Gao", "Kidal",
                 "Tessalit", "Newsletter"):
        assert text not in a.text, text
    gdf, _ = extract_events(a)
    assert set(gdf["sub_event_type"]) == {"Armed clash", "Peaceful protest"}
    assert set(gdf["location"]) == {"Boni"}
    clash = gdf[gdf["sub_event_type"] == "Armed clash"].iloc[0]
    assert int(clash["fatalities"]) == 4 and clash["event_date"] == pd.Timestamp("2020-06-12")
    # no event's evidence comes from a dropped line
    for ev in gdf["evidence"]:
        assert not any(d and d in ev for d in a.dropped)


def test_french_sample_reports_give_events():
    files = sorted(ARTICLES.glob("*-fr.txt"))
    assert len(files) >= 3
    for f in files:
        a = read_article(f)
        assert a.language == "fr"
        gdf, _ = extract_events(a)
        assert len(gdf) >= 1, f.name
        assert gdf["country_code"].isin(["ML", "BF"]).all(), f.name


def test_an_english_report_is_still_read_with_english_rules():
    gdf = events("On 12 June 2020, suspected JNIM militants ambushed a FAMa patrol near Boni. "
                 "Four soldiers were killed.", "2020-06-13")
    assert gdf.attrs.get("language") == "en"
    assert list(gdf["sub_event_type"]) == ["Armed clash"] and int(gdf.iloc[0]["fatalities"]) == 4


def test_french_homographs_and_named_dates():
    # "le Mouvement du 5 juin" names a movement, not the day of the riot
    gdf = events("Le vendredi 10 juillet 2020, le rassemblement du Mouvement du 5 juin à Bamako a dégénéré : des "
                 "manifestants ont saccagé l'Assemblée nationale.", "2020-07-11")
    assert list(gdf["event_date"]) == [pd.Timestamp("2020-07-10")]
    assert list(gdf["sub_event_type"]) == ["Violent demonstration"]
    # "un arrêté" is a decree, not an arrest; "le marché" a market, not a march
    gdf = events("Le 5 juin 2020, un arrêté du gouverneur de Mopti a interdit la circulation des motos.", "2020-06-06")
    assert "Arrests" not in set(gdf["sub_event_type"])
    gdf = events("Samedi, une trentaine de civils ont été tués dans une attaque contre le marché de Gao.", "2020-05-31")
    assert list(gdf["sub_event_type"]) == ["Attack"] and int(gdf.iloc[0]["fatalities"]) == 30
