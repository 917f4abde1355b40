"""The language seam: lexicon shape, language choice and detection, unsupported languages."""

from __future__ import annotations

import dataclasses
import re

import pytest

from dashboard.lexicons import (
    SUPPORTED,
    Lexicon,
    UnsupportedLanguage,
    choose_language,
    detect_language,
    for_language,
    normalize_language,
)
from dashboard.sources.article import read_article


def test_english_is_supported_and_complete():
    assert "en" in SUPPORTED
    lex = for_language("en")
    assert isinstance(lex, Lexicon) and lex.code == "en"
    for f in dataclasses.fields(Lexicon):   # every field filled, every pattern compiles
        v = getattr(lex, f.name)
        assert v is not None, f.name
        if isinstance(v, str) and f.name not in ("code", "name"):
            re.compile(v)
    for rule in lex.triggers + lex.actors:
        re.compile(rule.pattern)
    for name in ("crowd", "protesters", "intervention", "excessive", "violent_crowd", "military_target",
                 "civilian_target", "mutiny", "object_position", "nonviolent"):
        assert name in lex.cues, name


def test_every_acled_sub_type_has_a_trigger_or_a_typing_rule():
    from dashboard.events.eventtype import TYPED_BY_ARGUMENTS
    from dashboard.events.schema import SUB_TO_TYPE

    lex = for_language("en")
    named = {r.sub_event_type for r in lex.triggers if r.sub_event_type}
    by_args = {"Armed clash", "Attack", "Mob violence", "Violent demonstration", "Excessive force against protesters",
               "Protest with intervention", "Government regains territory", "Non-state actor overtakes territory"}
    assert {r.key for r in lex.triggers if not r.event_type} <= TYPED_BY_ARGUMENTS
    assert set(SUB_TO_TYPE) <= named | by_args


@pytest.mark.parametrize("text, code", [
    ("Soldiers detained the president and his ministers at the military camp on Tuesday.", "en"),
    ("Des militaires ont arrêté le président et ses ministres au camp de Kati le mardi 18 août.", "fr"),
    ("Los soldados detuvieron al presidente y a sus ministros en el cuartel el martes.", "es"),
    ("শনিবার ঢাকায় বিক্ষোভকারীদের সঙ্গে পুলিশের সংঘর্ষ হয়েছে।", "bn"),
    ("ok", "und"),
])
def test_detect_language(text, code):
    assert detect_language(text) == code


def test_choice_order_option_then_header_then_detection():
    text = "Soldiers detained the president in the capital on Tuesday."
    assert choose_language(option="fr", header="en", text=text) == ("fr", "option")
    assert choose_language(option=None, header="English", text=text) == ("en", "header")
    assert choose_language(text=text) == ("en", "detected")
    assert normalize_language("en-GB") == "en" and normalize_language("Français") == "fr"
    with pytest.raises(UnsupportedLanguage):
        choose_language(option="klingon", text=text)


def test_unsupported_language_is_a_reject_never_english_rules():
    from dashboard.events.extract import extract_events

    a = read_article("Date: 2020-08-18\n\nLos soldados detuvieron a varios oficiales en Kati el martes, "
                     "y los manifestantes se reunieron en Bamako para apoyar a los militares.")
    gdf, rejects = extract_events(a)
    assert len(gdf) == 0
    assert rejects[-1].field == "language" and "Spanish" in rejects[-1].reason and "--lang" in rejects[-1].reason


def test_language_header_is_read_and_wins_over_detection():
    from dashboard.events.extract import report_language

    a = read_article("Date: 2020-08-18\nLanguage: English\n\nSoldiers detained officers in Kati on Tuesday.")
    assert a.language == "English"
    lex, how = report_language(a)
    assert lex.code == "en" and how == "header"
    if "fr" not in SUPPORTED:
        with pytest.raises(UnsupportedLanguage):
            report_language(a, lang="fr")


def test_places_hook_is_a_module_or_none():
    lex = for_language("en")
    assert lex.places is None or hasattr(lex.places, "__name__")


def test_a_close_call_goes_to_a_supported_language():
    # French place names in a short English note must not get it refused as Dutch or Portuguese
    code, how = choose_language(text="Kisal is in Cercle de Koro.")
    assert code == "en" and "close call" in how
    assert choose_language(text="Los soldados detuvieron a varios oficiales en Kati el martes por la mañana, "
                                "según la prensa.")[0] == "es"
