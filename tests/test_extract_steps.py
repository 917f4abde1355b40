"""Each extraction step on its own: triggers, filters, actors and roles, fatalities, dates, typing.
These run without the gazetteer (no places), so they are fast."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.events.actors import find_actors, roles
from dashboard.events.dates import find_dates, resolve
from dashboard.events.eventtype import type_event
from dashboard.events.fatalities import harm
from dashboard.events.triggers import find_triggers, is_aggregate, is_hypothetical, year_reference
from dashboard.lexicons import for_language

EN = for_language("en")


def typed(sentence: str) -> list[tuple[str, str]]:
    """(event_type, sub_event_type) of every trigger of a sentence that is typed and not filtered."""
    trigs = find_triggers(sentence, EN)
    actors = find_actors(sentence, EN)
    out = []
    for t in trigs:
        if is_hypothetical(sentence, t, EN) or is_aggregate(sentence, t, EN):
            continue
        a1, a2 = roles(sentence, t, actors, EN, trigs)
        et, sub, _ = type_event(t, sentence, actors, a1, a2, EN)
        if et:
            out.append((et, sub))
    return out


# ---------------------------------------------------------------- triggers: active, passive, nominal

@pytest.mark.parametrize("sentence, sub", [
    ("Militants attacked an army checkpoint.", "Armed clash"),
    ("An army checkpoint was attacked by militants.", "Armed clash"),
    ("An attack on an army checkpoint left two soldiers dead.", "Armed clash"),
    ("Clashes between Dozo hunters and JNIM militants lasted hours.", "Armed clash"),
    ("Soldiers were killed in an ambush.", "Armed clash"),
    ("An IED struck a convoy.", "Remote explosive/landmine/IED"),
    ("Gunmen shot dead three villagers.", "Attack"),
    ("Villagers were attacked by unknown gunmen.", "Attack"),
    ("Gunmen kidnapped two aid workers.", "Abduction/forced disappearance"),
    ("A woman was raped by armed men.", "Sexual violence"),
    ("A mob lynched a suspected thief.", "Mob violence"),
    ("Youths threw stones at the police and burned tyres.", "Violent demonstration"),
    ("Students marched peacefully to the ministry.", "Peaceful protest"),
    ("Police fired tear gas to disperse the protesters.", "Protest with intervention"),
    ("Police opened fire on protesters, killing three.", "Excessive force against protesters"),
    ("A drone strike hit a militant hideout.", "Air/drone strike"),
    ("Militants fired mortar rounds at the camp.", "Shelling/artillery/missile attack"),
    ("A suicide bomber blew himself up at the gate.", "Suicide bomb"),
    ("Assailants threw a grenade into a bar.", "Grenade"),
    ("Soldiers defused an IED on the road.", "Disrupted weapons use"),
    ("Police arrested four suspects.", "Arrests"),
    ("The army retook the town from the militants.", "Government regains territory"),
    ("Militants overran the army post and took control of the town.", "Non-state actor overtakes territory"),
    ("The two militias signed a peace agreement.", "Agreement"),
    ("Soldiers mutinied at the camp.", "Change to group/activity"),
    ("MINUSMA established a new base in the town.", "Headquarters or base established"),
    ("French troops handed over their base to the army.", "Non-violent transfer of territory"),
    ("Militants looted shops and burned granaries.", "Looting/property destruction"),
    ("A chemical attack hit the district.", "Chemical weapon"),
    ("Partisans of the AL and BNP supporters clashed with sticks.", "Mob violence"),
])
def test_sub_types_from_active_passive_and_nominal_forms(sentence, sub):
    assert sub in [s for _, s in typed(sentence)], (sentence, typed(sentence))


@pytest.mark.parametrize("sentence", [
    "The opposition threatened to march on the palace.",
    "Diplomats voiced fears of a coup.",
    "Militants did not attack the town.",
    "The region has seen years of protests.",
    "Villagers held a rally to protest attacks on their temples.",
])
def test_hypothetical_negated_aggregate_and_grievance_give_no_event_of_that_kind(sentence):
    kinds = typed(sentence)
    if "rally" in sentence:
        assert kinds == [("Protests", "Peaceful protest")] * len(kinds) and kinds
    else:
        assert kinds == []


def test_year_only_reference_is_background():
    s = "The unrest began at the barracks where the 2012 coup originated."
    (t,) = [t for t in find_triggers(s, EN) if t.key == "coup"]
    assert year_reference(s, t, EN) == 2012
    s2 = "The 5 April 2012 attack killed two."
    (t2,) = [t for t in find_triggers(s2, EN) if t.key == "attack"]
    assert year_reference(s2, t2, EN) is None


# ---------------------------------------------------------------- actors

@pytest.mark.parametrize("phrase, name, inter", [
    ("unknown gunmen", "Unidentified Armed Group ({C})", 3),
    ("suspected JNIM militants", "JNIM: Group for Support of Islam and Muslims", 2),
    ("presumed ISGS fighters", "Islamic State (Greater Sahara)", 2),
    ("Dozo hunters", "Dozo Communal Militia ({C})", 4),
    ("Dan Na Ambassagou", "Dan Na Ambassagou", 4),
    ("Koglweogo members", "Koglweogo Militia", 4),
    ("VDP", "VDP: Volunteers for the Defense of the Homeland", 3),
    ("Fulani militiamen", "Fulani Ethnic Militia ({C})", 4),
    ("FAMa", "Military Forces of {C}", 1),
    ("gendarmes", "Police Forces of {C}", 1),
    ("MINUSMA", "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali", 8),
    ("Barkhane", "Military Forces of France", 8),
    ("protesters", "Protesters ({C})", 6),
    ("villagers", "Civilians ({C})", 7),
    ("RAB", "Police Forces of {C}", 1),
    ("BGB", "Military Forces of {C}", 1),
    ("Chhatra League activists", "BCL: Bangladesh Chhatra League", 3),
    ("BNP supporters", "BNP: Bangladesh Nationalist Party", 3),
])
def test_actor_names_and_inter_codes(phrase, name, inter):
    (hit,) = find_actors(f"Yesterday {phrase} were there.", EN)
    assert (hit.name, hit.inter) == (name, inter)


def test_roles_active_passive_and_between():
    s = "Suspected JNIM militants ambushed a FAMa convoy."
    trigs, actors = find_triggers(s, EN), find_actors(s, EN)
    a1, a2 = roles(s, trigs[0], actors, EN, trigs)
    assert a1[0].inter == 2 and a2[0].text == "FAMa"
    s = "A FAMa convoy was ambushed by suspected JNIM militants."
    trigs, actors = find_triggers(s, EN), find_actors(s, EN)
    a1, a2 = roles(s, trigs[0], actors, EN, trigs)
    assert a1[0].inter == 2 and a2[0].text == "FAMa"
    s = "Gunmen killed five herders and stole their cattle."
    trigs, actors = find_triggers(s, EN), find_actors(s, EN)
    stole = [t for t in trigs if t.key == "loot"][0]
    assert roles(s, stole, actors, EN, trigs)[0][0].text == "Gunmen"


# ---------------------------------------------------------------- fatalities

@pytest.mark.parametrize("sentence, deaths, vague", [
    ("Gunmen attacked the village, killing two.", 2, False),
    ("At least nine people were killed in the attack.", 9, False),
    ("No casualties reported.", 0, False),
    ("No one was killed but three were wounded.", 0, False),
    ("Between five and seven soldiers were killed.", 5, False),
    ("Five to seven soldiers were killed.", 5, False),
    ("The ambush killed two soldiers and three civilians.", 5, False),
    ("Four VDP and 15 assailants were killed.", 19, False),
    ("Ten people, including three soldiers, were killed.", 10, False),
    ("Armed men robbed him and killed him.", 1, False),
    ("Villagers beat a suspected thief to death.", 1, False),
    ("Several soldiers were killed.", None, True),
    ("Dozens of people died in the fighting.", None, True),
    ("Troops advanced 15 km north of the town.", None, False),
])
def test_fatalities(sentence, deaths, vague):
    h = harm(sentence, EN)
    assert h.deaths == deaths and bool(h.vague) == vague, h


def test_wounded_and_abducted_are_counted_apart():
    h = harm("The attack killed two soldiers and wounded five others; militants abducted three traders.", EN)
    assert (h.deaths, h.wounded, h.abducted) == (2, 5, 3)


# ---------------------------------------------------------------- dates

PUB = date(2020, 8, 18)  # a Tuesday


@pytest.mark.parametrize("phrase, expect, tp", [
    ("On March 29", date(2020, 3, 29), 1),
    ("On [and around] 5 April 2020", date(2020, 4, 5), 2),
    ("between 3 and 5 May", date(2020, 5, 3), 2),
    ("in the night of 18 to 19 August", date(2020, 8, 18), 1),
    ("overnight", date(2020, 8, 17), 2),
    ("late last week", date(2020, 8, 14), 2),
    ("three days ago", date(2020, 8, 15), 1),
    ("during the week of 10 August 2020", date(2020, 8, 10), 2),
    ("in early June", date(2020, 6, 1), 3),
])
def test_dates(phrase, expect, tp):
    refs = [r for r in find_dates(f"It happened {phrase}.", lex=EN) if r.kind != "year"]
    assert refs, phrase
    d, p, _ = resolve(refs[0], PUB)
    assert (d, p) == (expect, tp)


def test_may_the_verb_is_no_month():
    assert [r for r in find_dates("Protesters may gather again.", lex=EN) if r.kind != "year"] == []
