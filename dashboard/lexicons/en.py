"""English: the words crisismap reads conflict reporting with (see ``dashboard.lexicons`` for
what each field means). Written for news and for the terse style of conflict-event notes
("On 3 May 2020, suspected JNIM militants attacked a FAMa checkpoint in Boni. Two soldiers were
killed."), Sahel, South Asia, Middle East and Latin America alike.

Verb patterns are built from lemmas by :func:`verb` (attack → attack, attacks, attacked,
attacking), so a rule names a word once and reads every tense.
"""

from __future__ import annotations

from dashboard.lexicons import ActorRule, Lexicon, RelativeDate, TriggerRule

# ---------------------------------------------------------------- morphology helpers


def _forms(lemma: str, double: bool = False, past: str = "") -> list[str]:
    if lemma.endswith("e"):
        ing, s, ed = lemma[:-1] + "ing", lemma + "s", lemma + "d"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        ing, s, ed = lemma + "ing", lemma[:-1] + "ies", lemma[:-1] + "ied"
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        ing, s, ed = lemma + "ing", lemma + "es", lemma + "ed"
    elif double:
        ing, s, ed = lemma + lemma[-1] + "ing", lemma + "s", lemma + lemma[-1] + "ed"
    else:
        ing, s, ed = lemma + "ing", lemma + "s", lemma + "ed"
    out = [lemma, s, ing, ed]
    if past:
        out += past.split("|")
    return out


def verb(*lemmas: str, double: bool = False, past: str = "") -> str:
    """A word-bounded pattern for every form of the verbs: verb("attack") reads attack, attacks,
    attacked, attacking; ``double`` doubles the last consonant (kidnapped); ``past`` adds irregular
    forms ("fought")."""
    words: list[str] = []
    for lemma in lemmas:
        words += _forms(lemma, double, past)
    words = sorted(set(words), key=len, reverse=True)
    return r"\b(?:" + "|".join(words) + r")\b"


def words(*ws: str) -> str:
    """A word-bounded alternation of phrases (spaces match any whitespace)."""
    return r"\b(?:" + "|".join(w.replace(" ", r"\s+") for w in sorted(ws, key=len, reverse=True)) + r")\b"


# ---------------------------------------------------------------- numbers

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
NUMBERS: dict[str, int] = {w: i for i, w in enumerate(_UNITS) if i}
for _t, _v in _TENS.items():
    NUMBERS[_t] = _v
    for _i in range(1, 10):
        NUMBERS[f"{_t}-{_UNITS[_i]}"] = _v + _i
        NUMBERS[f"{_t} {_UNITS[_i]}"] = _v + _i
NUMBERS.update({"himself": 1, "herself": 1, "a dozen": 12, "a hundred": 100, "one hundred": 100, "a couple of": 2, "a pair of": 2,
                "both": 2})

# ---------------------------------------------------------------- shared noun classes

_SECURITY = ("soldiers?", "troops?", "army", "military", "gendarmes?", "gendarmerie", "police(?:men|man)?",
             "police officers?", "policemen", "(?:army |military |security )officers?", "security forces", "forces", "FAMa", "FDS",
             "peacekeepers?", "blue helmets", "checkpoints?", "check-points?", "posts?", "outposts?", "camps?",
             "bases?", "barracks", "garrisons?", "positions?", "convoys?", "patrols?", "military vehicles?",
             "units?", "detachments?", "brigades?", "battalions?", "VDP", "volunteers", "militiamen",
             "militias?", "militants", "jihadists", "fighters", "insurgents", "rebels", "terrorists",
             "guards?", "sentries", "escort", "police stations?", "gendarmerie brigade")
_CIVILIAN = ("civilians?", "villagers?", "residents?", "inhabitants", "villages?", "hamlets?", "markets?",
             "traders?", "merchants?", "shopkeepers?", "herders?", "shepherds?", "farmers?", "pastoralists?",
             "fishermen", "worshippers", "mosques?", "churches", "church", "schools?", "teachers?", "pupils",
             "students?", "women", "woman", "girls?", "boys?", "children", "child", "men", "man",
             "people", "persons?", "individuals?", "family", "families", "households?", "homes?", "houses?",
             "passengers?", "buses", "bus", "vehicles?", "trucks?", "drivers?", "motorcyclists?", "travell?ers?",
             "chiefs?", "village chief", "imams?", "pastors?", "priests?", "marabouts?", "notables?",
             "customary leaders?", "religious leaders?", "mayors?", "councill?ors?", "officials?", "journalists?",
             "aid workers?", "humanitarian workers?", "NGO workers?", "health workers?", "nurses?", "doctors?",
             "miners?", "gold miners?", "displaced (?:people|persons)", "IDPs?", "refugees?", "workers?",
             "employees?", "businessm[ae]n", "labou?rers?", "relatives?", "wedding", "funeral", "guests?",
             "camp for displaced", "IDP camp", "mourners", "pilgrims", "fans", "hostages?", "detainees?",
             "prisoners?", "suspects?", "thie(?:f|ves)", "robbers?", "witch(?:es)?", "leader", "activists?",
             "supporters?", "members?", "cadres?", "volunteer", "him", "her", "them", "locals?",
             "population", "community", "communities", "pedestrians?", "cattle", "livestock")

LEXICON = Lexicon(
    code="en",
    name="English",
    stopwords=frozenset(
        "the of and to in a is was were that for on with as by at from it his her their they this which be "
        "are has have had been an or not but who said after when into during while where also".split()),
    abbreviations=("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mr",
                   "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Lt", "Capt", "Maj", "Sgt", "Cpl", "Adm", "Gov", "Sen",
                   "Rep", "Rev", "St", "Mt", "Jr", "Sr", "No", "vs", "etc", "approx", "Inc", "Ltd", "Co", "Corp",
                   "Dept", "Univ", "Ave", "Fig", "est", "Brig", "Cdt", "Lieut", "Insp"),

    # ------------------------------------------------------------ event words
    triggers=(
        # Disrupted weapons use outranks the explosive it names ("defused an IED", "seized weapons")
        TriggerRule("disrupt", "Strategic developments", "Disrupted weapons use", 74,
                    verb("defuse", "dismantle", "neutralize", "neutralise", "deactivate", "detect") +
                    r"\s+(?:\w+\s+){0,3}?(?:IEDs?|improvised|explosives?|explosive devices?|bombs?|mines?|"
                    r"landmines?|devices?)\b|"
                    + verb("seize", "recover", "discover", "find", "confiscate", "uncover", "intercept",
                           "destroy", past="found") +
                    r"\s+(?!by\b)(?:\w+\s+){0,5}?(?:weapons?|arms|explosives?|ammunitions?|munitions|rifles?|guns|"
                    r"firearms|IEDs?|landmines?|grenades|detonators|caches?|arms depots?|bomb-making|"
                    r"Kalashnikovs?|AK-47s?|mines?|bombs?|devices?)\b|\b(?:weapons|arms) (?:cache|depot)s?\b|"
                    r"\bcontrolled detonation\b|\b(?:intercepted|shot down|downed|jammed) (?:a |an |the |\d+ |two |three |"
                    r"several )?(?:\w+ )?(?:drones?|missiles?|rockets?|projectiles?|UAVs?)\b|\b(?:drones?|missiles?|"
                    r"rockets?|UAVs?) (?:was|were) (?:intercepted|shot down|downed)\b"),
        TriggerRule("chemical", "Explosions/Remote violence", "Chemical weapon", 72,
                    r"\bchemical (?:weapons?|attacks?|agents?|munitions)\b|\b(?:chlorine|sarin|mustard) gas\b|"
                    r"\bnerve agents?\b|\bpoison gas\b|\b(?:gas|chlorine|sarin|toxic gas) attacks?\b|\b(?:mustard|chemical) "
                    r"(?:agents?|shells?)\b|\bsuffocat(?:ed|ion)\b"),
        TriggerRule("suicide", "Explosions/Remote violence", "Suicide bomb", 72,
                    r"\bsuicide (?:(?:car |truck |vehicle |motorbike |motorcycle )?bomb(?:er|ers|ing|ings|s)?|attack(?:er|ers|s)?|"
                    r"car bombs?|vests?|belts?|"
                    r"blasts?|explosions?)\b|\bSVBIEDs?\b|"
                    r"\bblew (?:himself|herself|themselves) up\b|\bexplosive (?:vest|belt)s?\b"),
        TriggerRule("air", "Explosions/Remote violence", "Air/drone strike", 70,
                    r"\bair ?strikes?\b|\bair[- ]raids?\b|\bdrone (?:strikes?|attacks?|bombings?)\b|"
                    r"\bdrones? (?:struck|hit|targeted|bombed|fired)\b|\b(?:aerial|air) (?:bombardments?|"
                    r"strikes?|attacks?|operations?|campaign)\b|\bwarplanes?\b|\bfighter (?:jets?|planes?)\b|"
                    r"\b(?:helicopters?|gunships?|aircraft|jets?|planes?|air force) (?:\w+ )?(?:fired|struck|"
                    r"bombed|strafed|attacked|opened fire|targeted|hit|shelled|raided)\b|\bstrafed\b|"
                    r"\bbombed (?:from the air|by (?:aircraft|helicopters?|drones?|planes?|jets?))\b|"
                    r"\bhelicopter gunships?\b|\bairborne (?:attacks?|strikes?)\b"),
        TriggerRule("ied", "Explosions/Remote violence", "Remote explosive/landmine/IED", 70,
                    r"\bIEDs?\b|\bVBIEDs?\b|\bvehicle-borne\b|\bcar bomb(?:s|ing|ings)?\b|\bimprovised explosive|\broadside bombs?\b|\bland ?mines?\b|"
                    r"\bmines? (?:blasts?|explosions?|exploded)\b|\bexplosive devices?\b|\bbooby[- ]trap\w*\b|"
                    r"\b(?:hit|struck|ran over|run over|triggered|stepped on|detonated|drove over|rolled over)"
                    r" (?:a |an )?(?:\w+ )?(?:mine|explosive|bomb)\b|\bbomb (?:blasts?|explosions?|exploded|"
                    r"went off|detonated|attacks?)\b|"
                    r"\bremote[- ]controlled (?:bombs?|devices?|explosives?)\b|\bmagnetic bombs?\b|\bsticky bombs?\b"),
        TriggerRule("bomb", "Explosions/Remote violence", "Remote explosive/landmine/IED", 66,
                    r"\b(?:home-?made|makeshift|planted|hidden) bombs?\b|\bbombs?\b|\bbombings?\b|\bexplosions?\b|"
                    r"\bexploded\b|\bblasts?\b|\bdetonat(?:ed|ion)\b"),
        TriggerRule("grenade", "Explosions/Remote violence", "Grenade", 71,
                    r"\bgrenades?\b|\bcrude bombs?\b|\bhand[- ]?made bombs?\b|\bhand bombs?\b|\bcocktail bombs?\b|"
                    r"\bpetrol bombs?\b|\bMolotov cocktails?\b"),
        TriggerRule("shelling", "Explosions/Remote violence", "Shelling/artillery/missile attack", 68,
                    r"\bshell(?:ed|ing|s)\b|\bmortars?\b|\bartillery\b|\brockets?\b|\bmissiles?\b|"
                    r"\bbombard(?:ed|ing|ment|ments|s)?\b|\bindirect fire\b|\bprojectiles? (?:fell|hit|landed)\b|"
                    r"\bMLRS\b|\bGrad\b|\bshellfire\b",
                    not_before=r"\s+(?:company|companies|firm)\b"),
        TriggerRule("territory", "Battles", "", 62,
                    verb("retake", "recapture", "regain", "reclaim", "liberate", "overrun", past="retook|"
                         "retaken|overran") + r"|\b(?:took|taken|take|taking|seized?|seizing|captured?|capturing|"
                    r"assumed|gained|wrested) (?:back )?(?:full )?control (?:of|over)\b|"
                    r"\b(?:captured?|capturing|seized?|seizing|took|taken|took over|taking over|occupied|occupying|"
                    r"took back|taking back|entered|stormed into|swept into) (?:the |a )?"
                    r"(?:[\w'’-]+ ){0,2}(?:town|city|village|locality|district|commune|base|camp|military camp|post|"
                    r"outpost|garrison|airport|border post|positions?|stronghold|headquarters|palace|capital|"
                    r"localit(?:y|ies)|area|region|district)\b|\bfell to\b|"
                    r"\bunder (?:the )?control of\b"),
        TriggerRule("clash", "Battles", "Armed clash", 60,
                    verb("clash", "skirmish", "battle", "repel", "repulse", "confront", "counterattack",
                         "counter-attack", double=False) + r"|\bfight(?:ing|s)?\b|\bfought\b|\bgun ?battles?\b|"
                    r"\bfire ?fights?\b|\bgunfights?\b|\bshoot-?outs?\b|\bexchang(?:ed|es|ing|e) (?:of )?"
                    r"(?:heavy )?(?:gun)?fire\b|\bexchanges? of fire\b|\bcross-?fire\b|\bcombats?\b|"
                    r"\bconfrontations?\b|\bhostilities\b|\bengag(?:ed|ing) (?:in )?(?:combat|fighting|battle)\b|"
                    r"\bengaged\b(?= (?:\w+ )?(?:militants|jihadists|insurgents|rebels|fighters|assailants|"
                    r"gunmen|attackers|troops|soldiers))",
                    not_before=r"\s+(?:against (?:corruption|poverty|hunger|impunity|terrorism|crime)|club)\b"),
        TriggerRule("ambush", "", "", 59, verb("ambush") + r"|\bambushes\b"),
        TriggerRule("execute", "Violence against civilians", "Attack", 58,
                    verb("massacre", "execute", "behead", "decapitate", "slaughter", "lynch") +
                    r"|\bsummarily\b|\bextra-?judicial(?:ly)?\b|\bslit (?:the |their |his |her )?throats?\b|"
                    r"\bburn(?:ed|t)? (?:\w+ )?alive\b"),
        TriggerRule("bodies", "Strategic developments", "Other", 45,
                    r"\bmass graves?\b|\bbodies (?:of|were) (?:[\w-]+ ){0,3}(?:found|discovered|recovered|exhumed)\b|"
                    r"\b(?:found|discovered|recovered) (?:the )?(?:\w+ )?bod(?:y|ies)\b|"
                    r"\bbod(?:y|ies) (?:was|were) (?:found|discovered|recovered)\b"),
        TriggerRule("sexual", "Violence against civilians", "Sexual violence", 57,
                    verb("rape", "molest") + r"|\bgang-?rap(?:ed|e|es|ing)\b|\bsexual(?:ly)? (?:violence|"
                    r"assault(?:ed|s|ing)?|abus(?:e|ed|es|ing)|exploitation|harassment)\b|\bsexual violence\b"),
        TriggerRule("abduct", "Violence against civilians", "Abduction/forced disappearance", 56,
                    verb("abduct") + "|" + verb("kidnap", double=True) + r"|\babduct(?:ion|ions|ors?)\b|\bkidnap(?:pings?|"
                    r"pers?)\b|\b(?:took|taken|take|taking|held|holding|hold) (?:\w+ ){0,4}?hostages?\b|"
                    r"\bhostage-taking\b|\bforcibly disappeared\b|\benforced disappearances?\b|"
                    r"\b(?:took|taken|carried|led) away\b|\bwhereabouts (?:remain|are|is) unknown\b|"
                    r"\bremain(?:s|ed)? missing\b|\b(?:has|have|had) not been seen since\b|\bdisappeared\b|"
                    r"\b(?:seized|grabbed|snatched|seizing) (?:\w+ ){0,3}?(?:" + "|".join(_CIVILIAN) + r")\b"),
        TriggerRule("capture", "", "", 52,
                    verb("capture") + r"(?! (?:the |a )?(?:\w+ )?(?:town|city|village|locality|district|base|"
                    r"camp|post|outpost|garrison|positions?|stronghold))"),
        TriggerRule("mob", "Riots", "Mob violence", 55,
                    r"\bmobs?\b|\bmob (?:justice|violence|attack)\b|\bjungle justice\b|\bvigilante justice\b|"
                    r"\blynch mob\b"),
        TriggerRule("riot", "Riots", "Violent demonstration", 55, not_before=r"\s+(?:police|gear|squad|control|units?|"
                                                                                    r"shields?|forces?|act)\b",
                    pattern=
                    verb("riot", "ransack", "torch", "vandalise", "vandalize", "barricade", "pelt", "loot-and-burn")
                    + r"|\brioters?\b|\bset (?:\w+ ){0,4}?(?:on )?(?:fire|ablaze|alight)\b|\bset fire\b|"
                    r"\b(?:threw|hurled|throwing|hurling|throw|hurl|pelted|pelting) (?:\w+ ){0,2}?(?:stones|rocks|"
                    r"bricks|brickbats|projectiles|bottles|sticks)\b|\bstone-?(?:pelting|throwing|throwers)\b|"
                    r"\bburn(?:ed|t|ing)? (?:\w+ )?(?:tyres|tires)\b|\bvandalism\b|\bon the rampage\b|"
                    r"\brampag(?:e|ed|ing)\b|\bstorm(?:ed|ing)\b|\bbarricades?\b|\bwent berserk\b|"
                    r"\barson\b|\bchased (?:away|out)\b"),
        TriggerRule("arrest", "Strategic developments", "Arrests", 50,
                    verb("arrest", "detain", "apprehend", "handcuff", "jail", "imprison", "remand") +
                    r"|\bnab(?:bed|s)?\b|\bdetention of\b|\brounded up\b|\bround-?up\b|\b(?:taken|took|take) "
                    r"(?:\w+ ){0,3}?into custody\b|\bin (?:police )?custody\b|\bunder (?:house )?arrest\b|"
                    r"\bpicked up\b|\bheld (?:at|in) (?:the )?(?:\w+ )?(?:camp|barracks|base|prison|jail|cell)\b|"
                    r"\bsent to (?:jail|prison)\b|\bwere held\b|\bheld (?:\w+ ){1,3}(?:at|in) (?:a |the )?(?:\w+ )?"
                    r"(?:camp|barracks|base|prison|jail|cell|detention)\b",
                    not_before=r"\s+(?:warrants?|warrant)\b"),
        TriggerRule("protest", "Protests", "Peaceful protest", 45,
                    verb("protest", "demonstrate", "rally", "picket", "chant", "boycott") +
                    r"|(?<!\d)(?<!\d )\bmarch(?:es|ed|ing)?\b(?!\s+\d)" +
                    r"|\bprotest(?:ers|ors)\b|\bdemonstrat(?:ion|ions|ors)\b|\bsit-?ins?\b|\bsit-?downs?\b|"
                    r"\b(?:took|taking|take|takes) to the streets?\b|\bhuman chains?\b|\bprocessions?\b|"
                    r"\bhartals?\b|\bgeneral strikes?\b|\bhunger strikes?\b|\bshutdowns?\b|"
                    r"\b(?:went|go|going|goes|are|were|was) on (?:an? )?(?:\w+ )?strike\b|"
                    r"\b(?:staged?|held|hold|observed?|called|launched|began|organi[sz]ed) (?:an? )?(?:\w+ )?"
                    r"(?:strike|walkout|boycott|blockade|vigil|gathering)\b|"
                    r"\bstrik(?:ing|ed)\b(?= (?:workers|teachers|doctors|drivers|miners|traders|staff|transporters))|"
                    r"\bblock(?:ed|ing|ade|aded|s)? (?:a |the |several |major |key |an? )?(?:\w+ )?(?:roads?|"
                    r"highways?|streets?|bridges?|intersections?|junctions?|railway|rail line|traffic|access)\b|"
                    r"\bvigils?\b|\bslogans?\b|\bplacards?\b|\bbanners\b|\bwaving\b|"
                    r"\b(?:gathered|assembled|massed|converged|congregated|celebrated|celebrating|mobili[sz]ed|"
                    r"walked out|camped)\b",
                    requires="crowd",
                    not_before=r"\s+(?:movement|leaders?|groups?|coalition|organi[sz]ers?|camp|alliance|figures?|"
                               r"platform|against the [\w ]*? of)\b"),
        TriggerRule("protest_strong", "Protests", "Peaceful protest", 46,
                    r"\bprotest(?:ed|ers|ors|s|ing)?\b|\bdemonstrat(?:ion|ions|ors|ed|ing)\b|\bsit-?ins?\b|"
                    r"\b(?:took|taking|take) to the streets?\b|\bhuman chains?\b|\bhartals?\b|\brall(?:y|ies|ied)\b|"
                    r"\bmarch(?:ed|es|ers|ing)\b",
                    not_before=r"\s+(?:movement|leaders?|groups?|coalition|organi[sz]ers?|camp|alliance|figures?|"
                               r"platform|behind|around)\b"),
        TriggerRule("change", "Strategic developments", "Change to group/activity", 40,
                    verb("mutiny", "defect", "surrender", "merge", "recruit", "rebrand", "disband", "demobilise",
                         "demobilize", past="mutinied") +
                    r"|\bmutin(?:y|ies)\b|\brecruitment\b|\btook up arms\b|\btaking up arms\b|\bdefections?\b|\bsurrenders?\b|"
                    r"\blaid down (?:their |its |his )?(?:arms|weapons)\b|\bpledged (?:its |their )?allegiance\b|"
                    r"\bsplit from\b|\bsplinter\b|\bimpos(?:ed|es|ing) (?:a |an |its |their )?(?:\w+ )?"
                    r"(?:tax|taxes|zakat|levy|blockade|siege|embargo|sharia|ban|rules?|dress code)\b|"
                    r"\bunder (?:a )?(?:blockade|siege)\b|\bbesieg(?:ed|ing)\b|\bannounced (?:the )?(?:creation|"
                    r"formation|dissolution|suspension) of\b|\bsuspended (?:its |their )?(?:participation|"
                    r"activities|membership)\b|\bwithdr(?:ew|awn) from the (?:peace )?(?:agreement|accord|"
                    r"talks|process)\b|\btraining camp\b|\bsermon\b|\bpreach(?:ed|ing)\b"),
        TriggerRule("transfer", "Strategic developments", "Non-violent transfer of territory", 36,
                    verb("withdraw", "evacuate", "vacate", "abandon", "relocate", past="withdrew|withdrawn") +
                    r"|\bwithdrawal of\b|\bpulled (?:out|back)\b|\bretreated\b|\bhanded (?:\w+ ){0,3}?over\b|\bhandover\b|"
                    r"\bhanded (?:its|their|the) (?:[\w'’-]+ ){0,2}(?:base|camp|post|positions?)\b|"
                    r"\b(?:left|leaving|quit|quitting) (?:its|their|the) (?:[\w'’-]+ ){0,2}(?:base|camp|post|positions?)\b|"
                    r"\bhanding over\b|\b(?:took|taken) over (?:the )?(?:\w+ )?(?:base|camp|post|positions?)\b"
                    r"(?= (?:vacated|left|handed|after|from))",
                    not_before=r"\s+(?:from (?:the )?(?:race|election|talks|agreement|accord|competition))\b"),
        TriggerRule("base", "Strategic developments", "Headquarters or base established", 42,
                    r"\b(?:set(?:ting)? up|established?|establishing|installed|installing|opened|build|built|"
                    r"building|erected|constructed) (?:a |an |its |their |his |the )?(?:new |permanent |temporary |"
                    r"military |forward |operating )*(?:base|camp|headquarters|HQ|outpost|post|checkpoint|"
                    r"command post|garrison|position)s?\b"),
        TriggerRule("agreement", "Strategic developments", "Agreement", 61,
                    r"\b(?:sign(?:ed|ing|s)?|conclud(?:ed|ing)|reach(?:ed|ing)?|brokered|struck|agreed (?:on|to)) "
                    r"(?:a |an |the )?(?:\w+ ){0,3}?(?:deal|agreement|accord|pact|memorandum|ceasefire|cease-fire|"
                    r"truce|peace|settlement)\b|\b(?:ceasefire|cease-fire|truce|peace (?:deal|agreement|accord|"
                    r"pact)) (?:was |has been |had been )?(?:agreed|signed|reached|concluded|brokered)\b|"
                    r"\b(?:released|freed|exchanged|swapped|handed over) (?:\w+ ){0,3}?(?:hostages|prisoners|"
                    r"captives|detainees|abductees)\b|\bprisoner (?:exchange|swap|release)s?\b|"
                    r"\breconciliation (?:agreement|pact|accord)\b|\bnon-aggression pact\b|\bcessation of hostilities\b|"
                    r"\bagreed (?:on |to )?(?:\w+ ){0,6}?(?:truce|ceasefire|cease-fire|deal|peace|exchange|swap|accord|"
                    r"agreement|pact|settlement|release)\b|\b(?:unilateral |temporary |humanitarian )?(?:ceasefire|"
                    r"cease-fire|truce)\b"),
        TriggerRule("coup", "Strategic developments", "Other", 30,
                    r"\bcoups?(?: d['’]\s?[ée]tat)?\b|\bseized power\b|\btook power\b|\bseizure of power\b|"
                    r"\boverthr(?:ew|own|ow)\b|\bousted\b"),
        TriggerRule("resign", "Strategic developments", "Other", 28,
                    r"\bresign(?:ed|s|ation)\b|\bstepp(?:ed|ing) down\b|\bstep down\b"),
        TriggerRule("govern", "Strategic developments", "Other", 20,
                    r"\bdissolv(?:ed|es|ing) (?:the )?(?:parliament|national assembly|government|cabinet)\b|"
                    r"\b(?:imposed|declared|announced|extended|lifted) (?:a |an )?(?:\w+ )?(?:curfew|state of "
                    r"emergency)\b|\bcurfew\b|\bclos(?:ed|ing) (?:the |all |its )?(?:country['’]s )?"
                    r"(?:land and air |air and land )?(?:borders|airspace)\b|\bformed (?:a |an |the )?(?:\w+ ){0,3}"
                    r"(?:council|committee|junta|government)\b|\bsuspended (?:the )?constitution\b|"
                    r"\b(?:internet|mobile) (?:shutdown|blackout|cut)\b|\bbanned\b|\bexpelled\b"),
        TriggerRule("loot", "Strategic developments", "Looting/property destruction", 24,
                    verb("loot", "pillage", "plunder", "rob", "steal", "rustle", "extort", "raze", "demolish",
                         "sabotage", "burgle", double=False, past="robbed|robbing|stole|stolen") +
                    r"|\brobber(?:y|ies)\b|\bcattle rustling\b|\b(?:destroyed|burn(?:ed|t)|burning|burned down|"
                    r"burnt down|razed|damaged) (?:\w+ ){0,3}?(?:homes?|houses?|huts?|property|properties|shops?|"
                    r"stores?|granar(?:y|ies)|crops|fields|vehicles?|cars?|trucks?|motorcycles?|motorbikes?|"
                    r"schools?|offices?|antennas?|masts?|towers?|bridges?|equipment|businesses|stalls?|markets?|"
                    r"village|villages|buildings?|structures?)\b|\b(?:took|seized|carried off|made off with|stole|"
                    r"taking|seizing) (?:\w+ ){0,3}?(?:cattle|livestock|animals|goats|sheep|camels|cows|oxen|"
                    r"motorbikes?|motorcycles?|vehicles?|cash|money|goods|food|phones|mobile phones)\b"),
        # Typed by their arguments (who did it to whom): a bare killing, attack or shooting
        TriggerRule("kill", "", "", 14,
                    verb("kill", "murder", "slay", "stab", "hack", "assassinate", "neutralize", "neutralise",
                         past="slain|slew") +
                    r"|\bshot (?:and )?(?:dead|killed)\b|\bgunned down\b|\b(?:beat|beaten|hacked|stabbed|"
                    r"clubbed|burned|stoned) to death\b|\blost (?:their|his|her) li(?:fe|ves)\b|\bdied\b|"
                    r"\bdead\b|\bdeaths?\b|\bdeath toll\b|\bfatalit(?:y|ies)\b|\bkillings?\b|\bmurders?\b|"
                    r"\bassassinations?\b|\blifeless\b|\bwounded\b|\binjured\b|\bcasualt(?:y|ies)\b(?! (?:were |was )?(?:not |un))"),
        TriggerRule("attack", "", "", 12,
                    verb("attack", "raid", "assault", "target", "torture", "beat", "whip", "flog", past="beaten") +
                    r"|\bcame under (?:\w+ )?(?:fire|attack|gunfire)\b|\bunder (?:heavy )?fire\b|\bfired upon\b|"
                    r"\b(?:military|security|joint|counter-?terrorism|counter-?insurgency|clearing|mopping-up|"
                    r"combing|search) operations?\b|\bopen(?:ed|s|ing)? fire\b|\bfir(?:ed|ing) (?:\w+ )?(?:on|at|upon|into|shots|bullets|"
                    r"live)\b|\bgun-?fire\b|\bgunshots?\b|\bshooting\b|\bshot\b|\bshoot\b|\bstruck\b|"
                    r"\bhit\b(?= (?:a |an |the )?(?:\w+ )?(?:village|convoy|patrol|vehicle|bus|market|camp|post|"
                    r"checkpoint|position))|\bincursions?\b|\bassailed\b|\boffensive\b|"
                    r"\bincidents?\b(?= of violence)|\bviolence\b(?= (?:erupted|broke out|flared))",
                    not_before=r"\s+(?:warnings?|in the air|into the air)\b"),
    ),
    finite_verb=r"^(?:\w+ed|\w+ing|fought|took|overran|retook|shot|threw|hurled|set|held|rounded|died|massed|"
                r"stepped|seized|executed|stole|struck|hit|beat|beaten|slain|slew|withdrew|blew|fell|ran|"
                r"stormed|opened|fired|gunned|burnt|burned|went|began|laid|pledged|split|agreed|signed|"
                r"captured|picked|nabbed|robbed|kidnapped|lost)$",
    cues={
        "crowd": words("protesters", "protestors", "demonstrators", "supporters", "crowd", "crowds", "thousands",
                       "hundreds", "dozens", "people", "residents", "youths", "youth", "opposition", "marchers",
                       "activists", "women", "students", "workers", "traders", "villagers", "teachers",
                       "farmers", "drivers", "transporters", "members", "employees", "staff", "civil society",
                       "unions?", "union members", "miners", "doctors", "nurses", "citizens", "inhabitants",
                       "fans", "worshippers", "leaders", "party", "movement", "pilgrims", "vendors", "merchants",
                       "families", "relatives", "displaced", "mourners", "rally", "protest", "demonstration",
                       "strike", "against", "to demand", "demanding", "denounce", "denouncing",
                       "calling for", "in support of", "in protest", "to protest", "to denounce"),
        "protesters": words("protesters", "protestors", "demonstrators", "marchers", "protest", "protests",
                            "protesting", "protested", "demonstration", "demonstrations", "rally", "rallies",
                            "sit-in", "procession", "strikers", "rioters", "hartal")
                      + r"|(?<!\d)(?<!\d )\bmarch\b(?!\s+\d)",  # a march, not the month ("3 March 2020")
        "intervention": r"\bdispers(?:e|ed|ing)\b(?! (?:peacefully|without|calmly|quietly))|"
                        r"\b(?:arrested|detained|rounded up|picked up) (?:\w+ ){0,3}?(?:protesters|demonstrators|"
                        r"marchers|students|activists|participants|strikers|them)\b|" + words("tear ?gas", "teargas", "water cannons?",
                              "batons?", "baton-charged", "baton charged", "lathi-charged", "lathi charge", "charged",
                              "rubber bullets", "sound grenades?", "stun grenades?", "pepper spray", "beat",
                              "beaten", "broke up", "prevented", "blocked the protesters", "cordoned",
                              "warning shots", "fired in the air", "fired into the air",
                              "shot in the air", "clashed with (?:the )?police", "repressed", "crackdown"),
        "excessive": r"\blive (?:ammunition|rounds|bullets|fire)\b|\bopen(?:ed)? fire (?:on|at)\b|"
                     r"\bfired (?:\w+ )?(?:on|at|into) (?:the )?(?:\w+ )?(?:protesters|demonstrators|crowds?|students|marchers)\b|"
                     r"\b(?:protesters|demonstrators|students|marchers)\b.{0,80}\b(?:killed|shot dead|shot and killed|"
                     r"died|were shot)\b|\b(?:killed|shot dead|shot)\b.{0,40}\b(?:protesters|demonstrators|"
                     r"students|marchers)\b",
        "violent_crowd": r"\b(?:threw|hurled|throwing|hurling|pelted|pelting) (?:\w+ ){0,2}?(?:stones|rocks|bricks|"
                         r"brickbats|projectiles|bottles)\b|\bstone-?(?:pelting|throwing)\b|\bvandali[sz]\w+\b|"
                         r"\bset (?:\w+ ){0,4}?(?:on )?(?:fire|ablaze|alight)\b|\btorch(?:ed|ing)\b|\bransack\w*\b|"
                         r"\bburn(?:ed|t|ing)? (?:\w+ )?(?:tyres|tires)\b|\bloot(?:ed|ing)\b|(?<!anti-)\briot(?:s|ed|ing|ers?)?\b"
                         r"(?! (?:police|gear|squad|control|units?))|"
                         r"\bclash(?:ed|es)?\b|\battack(?:ed|ing)?\b|\bbarricad\w*\b|\bdamag(?:ed|ing)\b|"
                         r"\bviolent(?:ly)?\b|\bsticks\b|\bmachetes?\b|\bclubs\b|\bpetrol bombs?\b",
        "military_target": r"\b(?:" + "|".join(_SECURITY) + r")\b",
        "civilian_target": r"\b(?:" + "|".join(_CIVILIAN) + r")\b",
        "firearms": words("firearms", "guns", "gunfire", "gunshots", "shot", "shots", "rifles", "pistols",
                          "Kalashnikovs?", "AK-47s?", "automatic weapons", "heavy weapons", "opened fire"),
        "mutiny": r"\bmutin\w*\b",
        "in_the_capital": r"\s+(?:in|of) the (?:capital|country['’]s capital)\b",
        "background": r"\b(?:after|following|in (?:response|retaliation|reaction) to|over the)\s+",
        "determiner": r"\b(?:the|a|an|this|that|these|those|his|her|their|its|our|of)\s+$",
        "object_only": r"(?:him|her|them|us|me)",
        "individual": r"\b(?:leader|activist|member|man|worker|student|supporter|official|councill?or|chairman|"
                      r"secretary|president|cadre|journalist|lawyer|teacher|woman)$",
        "nonviolent": words("without resistance", "without a fight", "without fighting", "without incident",
                            "peacefully", "without a shot", "unopposed", "without clashes"),
        "object_position": r"\b(?:of|in|at|near|from|to|into|with|on|for|against|by|among|including|and|or|than|"
                           r"over|under|between|like|about|belonging to)\s+(?:(?:the|a|an|his|her|their|its|"
                           r"two|three|four|five|some|several|many|\d+)\s+)?$",
        "segment_split": r";|\b(?:while|whereas|meanwhile|separately|elsewhere)\b",
        "crowd_agent": words("villagers", "residents", "youths", "youth", "locals", "mob", "mobs", "crowd",
                             "angry", "people", "traders", "students", "inhabitants", "community members",
                             "rioters", "protesters", "demonstrators", "worshippers", "relatives", "supporters",
                             "activists", "members", "workers", "passers-by", "motorcyclists", "drivers"),
        "non_combat": words("motorcycle accident", "road accident", "car accident", "traffic accident", "drowned",
                            "illness", "disease", "cholera", "malaria", "covid", "coronavirus", "flood", "floods",
                            "heat", "natural causes", "suicide by", "committed suicide", "snake"),
    },

    # ------------------------------------------------------------ filters
    hypothetical=(r"\b(?:fears? (?:of|that)|feared|could|would|might|may|will|shall|can|should|must|"
                  r"plan(?:s|ned|ning)? (?:to|for|a|an)|threat(?:en(?:ed|s|ing)?)? (?:to|of)|call(?:s|ed|ing)? for|"
                  r"demand(?:s|ed|ing)?|urg(?:e|ed|es|ing)|warn(?:ed|s|ing)? (?:of|against|that)|risk of|possible|"
                  r"potential|possibility of|prevent(?:ed|ing|s)?|avoid(?:ed|ing)?|no sign of|rumou?rs? of|"
                  r"against (?:a|any)|ahead of|aim(?:s|ed)? to|intend(?:s|ed)? to|want(?:s|ed)? (?:to|a|an)|"
                  r"refused to|denied|rejected|did not|didn['’]t|does not|doesn['’]t|not|no|never|"
                  r"called off|cancell?ed|postponed|ban(?:ned)? on|in (?:case|the event) of|unless|if|"
                  r"to (?:stop|end|condemn|denounce)|prepar(?:e|ed|ing) (?:to|for)|"
                  r"announced (?:a|an|plans? (?:to|for))|scheduled|set to|expected to|vow(?:ed|s)? to|"
                  r"attempt(?:ed|s)? to|tried to|failed to|foiled|thwarted|averted|"
                  r"(?:to |in )?protest(?:ing|ed|s)?(?: against| over)?|denounc\w+|condemn\w*|decr(?:y|ied|ying)|"
                  r"in (?:response|retaliation|reaction) to|angered by|anger (?:over|at)|outrage (?:over|at)|"
                  r"justice for|investigat\w+ into)\s+(?:\S+\s+){0,3}$"),
    soft_hypothetical=(r"\b(?:call(?:s|ed|ing)? for|demand(?:s|ed|ing)?|fears? of|risk of|possib\w+|potential|"
                       r"protest\w*|denounc\w+|condemn\w*|decr\w+|in (?:response|retaliation|reaction) to|"
                       r"to (?:stop|end|condemn|denounce)|against (?:a|any))\b"),
    aggregate=(r"\b(?:months|weeks|years|decades|days) of\s+(?:\S+\s+){0,2}$|\b(?:series|wave|spate|string|history|"
               r"cycle|campaign|season|surge|rise|increase|upsurge|escalation|number|litany|pattern|trend) of\s+"
               r"(?:\S+\s+){0,2}$|\bsince the\s+(?:\S+\s+){0,2}$|\bprevious\s+(?:\S+\s+){0,1}$|"
               r"\bpast\s+(?:\S+\s+){0,1}$|\bsimilar\s+$|\bearlier\s+$|\blast\s+$|\brecent\s+$|\brepeated\s+$|"
               r"\bfrequent\s+$|\bongoing\s+$|\brecurrent\s+$"),
    clause_split=r"[,;:—–()\"“”]|\band\b|\bbut\b|\bwho\b|\bwhich\b|\bthat\b",
    reporting=(r"\b(?:said|says|told|statement|reported|announced|confirmed|according to \S+)\s+(?:\S+\s+){0,3}$"),

    # ------------------------------------------------------------ actors
    actors=(
        ActorRule(r"\bmutin(?:ous|eers?|ying)(?: (?:soldiers|troops|officers|forces))?\b",
                  "Military Forces of {C} (mutineers)", 1, "state"),
        ActorRule(r"\b(?:junta|CNSP|National Committee for the Salvation of the People|military (?:rulers|"
                  r"authorities|government|leaders))\b", "Military Forces of {C}", 1, "state", "CNSP"),
        # named non-state armed groups
        ActorRule(r"\b(?:JNIM|GSIM|Katiba Macina|Katiba Serma|Macina Liberation Front|FLM|Ansar Dine|Al-Mourabitoun"
                  r"|Group for (?:the )?Support of Islam and Muslims|Jama['’]?at Nu?sr[ae]t al-Islam wal?-Muslimin)\b",
                  "JNIM: Group for Support of Islam and Muslims", 2, "armed", case_sensitive=True),
        ActorRule(r"\b(?:ISGS|EIGS|ISSP|IS-Sahel|IS Sahel|Islamic State (?:in the )?(?:Greater Sahara|Sahel)(?: Province)?)\b",
                  "Islamic State (Greater Sahara)", 2, "armed", case_sensitive=True),
        ActorRule(r"\b(?:ISWAP|Islamic State (?:in )?West Africa(?: Province)?)\b",
                  "Islamic State West Africa Province", 2, "armed", case_sensitive=True),
        ActorRule(r"\bAnsar(?:ul|oul|ul-|oul-) ?Islam\b", "Ansarul Islam", 2, "armed"),
        ActorRule(r"\bBoko Haram\b|\bJAS\b", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", 2, "armed"),
        ActorRule(r"\bal-?Shabaab\b", "Al Shabaab", 2, "armed"),
        ActorRule(r"\b(?:AQIM|al-Qaeda in the Islamic Maghreb)\b", "AQIM: Al Qaeda in the Islamic Maghreb", 2, "armed"),
        ActorRule(r"\b(?:Islamic State|ISIS|ISIL|Daesh|IS militants|IS fighters)\b", "Islamic State", 2, "armed"),
        ActorRule(r"\b(?:Taliban)\b", "Taliban", 2, "armed"),
        ActorRule(r"\b(?:RSF|Rapid Support Forces)\b", "Rapid Support Forces", 2, "armed"),
        ActorRule(r"\b(?:TPLF|Tigray(?:an)? (?:forces|fighters|Defen[cs]e Forces)|TDF)\b",
                  "TPLF: Tigray People's Liberation Front", 2, "armed"),
        ActorRule(r"\b(?:M23|ADF|Allied Democratic Forces)\b", "Rebel group ({C})", 2, "armed", case_sensitive=True),
        ActorRule(r"\b(?:Houthis?|Ansar Allah)\b", "Ansar Allah", 2, "armed"),
        ActorRule(r"\b(?:Hamas|Qassam Brigades)\b", "Hamas Movement", 2, "armed"),
        ActorRule(r"\b(?:Hezbollah|Hizbollah)\b", "Hezbollah", 2, "armed"),
        ActorRule(r"\b(?:PKK)\b", "PKK: Kurdistan Workers Party", 2, "armed"),
        ActorRule(r"\b(?:ELN|National Liberation Army)\b", "ELN: National Liberation Army", 2, "armed"),
        ActorRule(r"\b(?:FARC dissidents?|FARC)\b", "FARC Dissidents", 2, "armed"),
        ActorRule(r"\b(?:Clan del Golfo|Gulf Clan|AGC)\b", "Clan del Golfo", 3, "armed"),
        ActorRule(r"\b(?:cartel|gang|gangs|gang members|gangsters|criminals|criminal group|Mara Salvatrucha|"
                  r"MS-13|Barrio 18)\b", "Unidentified Gang ({C})", 3, "armed"),
        ActorRule(r"\b(?:CMA|MNLA|HCUA|Coordination of Azawad Movements|CSP-PSD|FLA|Azawad Liberation Front|"
                  r"Tuareg rebels|Azawad rebels|separatists?)\b", "CMA: Coordination of Azawad Movements", 2, "armed"),
        ActorRule(r"\b(?:GATIA|Platform|MSA|Movement for the Salvation of Azawad)\b",
                  "GATIA: Imghad Tuareg and Allies Self-Defense Group", 3, "armed", case_sensitive=True),
        ActorRule(r"\b(?:Wagner|Africa Corps|Russian (?:mercenaries|paramilitaries|instructors|fighters))\b",
                  "Wagner Group", 8, "external"),
        # communal / identity militias
        ActorRule(r"\bDan Na Ambassagou\b|\bDan Nan Ambassagou\b", "Dan Na Ambassagou", 4, "militia"),
        ActorRule(r"\b(?:Dozos?|Donsos?)(?: (?:hunters|militias?|militiamen|fighters|traditional hunters))?\b|"
                  r"\btraditional hunters\b", "Dozo Communal Militia ({C})", 4, "militia"),
        ActorRule(r"\bKoglweogos?\b(?: (?:militias?|members|militiamen|groups?))?", "Koglweogo Militia", 4, "militia"),
        ActorRule(r"\b(?:VDP|VDPs|Volunteers for the Defen[cs]e of the Homeland|Volontaires pour la [Dd][ée]fense "
                  r"de la [Pp]atrie|Homeland Defen[cs]e Volunteers)\b", "VDP: Volunteers for the Defense of the Homeland",
                  3, "militia"),
        ActorRule(r"\b(?:Fulani|Peul|Peuhl|Fulbe) (?:ethnic )?(?:militias?|militiamen|gunmen|armed men|fighters|"
                  r"self-defen[cs]e groups?)\b", "Fulani Ethnic Militia ({C})", 4, "militia"),
        ActorRule(r"\bDogon (?:ethnic )?(?:militias?|militiamen|hunters|gunmen|armed men|fighters)\b",
                  "Dogon Ethnic Militia ({C})", 4, "militia"),
        ActorRule(r"\b(?:Bambara|Mossi|Tuareg|Arab|Songhai|Hausa|Fulani|Dogon|Daoussahak|Imghad) (?:ethnic )?"
                  r"(?:militias?|militiamen|fighters)\b", "Communal Militia ({C})", 4, "militia"),
        ActorRule(r"\b(?:ethnic|communal|self-defen[cs]e|tribal|clan|village|local|community) (?:militias?|"
                  r"militiamen|defen[cs]e groups?|vigilantes|guards)\b|\bmilitiamen\b|\bmilitias?\b|\bvigilantes?\b",
                  "Communal Militia ({C})", 4, "militia"),
        # unidentified armed groups (also "suspected militants": attribution unconfirmed)
        ActorRule(r"\b(?:suspected|presumed|alleged|unknown|unidentified|armed|masked|heavily armed|"
                  r"motorcycle-borne|motorbike-riding)? ?(?:gunmen|armed (?:men|individuals|persons|elements|groups?|"
                  r"assailants|bandits)|assailants|attackers|bandits|highwaymen|kidnappers|abductors|"
                  r"(?:individuals|men) (?:on motorbikes|on motorcycles|armed with \w+))\b|"
                  r"\b(?:suspected|presumed|alleged)? ?(?:jihadists?|militants?|insurgents?|terrorists?|extremists?|"
                  r"Islamists?|Islamist (?:militants|fighters|insurgents|gunmen)|jihadist (?:fighters|militants|"
                  r"groups?)|armed groups?|rebels?|non-state armed groups?|HANI|unidentified armed groups?|"
                  r"(?:unknown|unidentified|armed|masked) (?:men|persons|individuals|people|elements|miscreants)|miscreants|"
                  r"snipers?|shooters?)\b",
                  "Unidentified Armed Group ({C})", 3, "armed"),
        # external forces
        ActorRule(r"\b(?:French (?:troops|soldiers|forces|army|military|jets|aircraft|helicopters|drones)|Barkhane|"
                  r"Operation Barkhane|Sabre|Serval)\b", "Military Forces of France", 8, "external"),
        ActorRule(r"\b(?:MINUSMA|UN peacekeep\w+|United Nations peacekeep\w+|peacekeep(?:ers|ing (?:forces|troops))|"
                  r"blue helmets|UN (?:patrol|convoy|troops|forces|mission|camp|base|soldiers)s?)\b",
                  "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali", 8, "external"),
        ActorRule(r"\b(?:G5 Sahel|G5S|FC-G5S)(?: (?:Joint )?(?:Force|troops|forces|soldiers))?\b",
                  "G5 Sahel Joint Force", 8, "external"),
        ActorRule(r"\bTakuba\b", "Task Force Takuba", 8, "external"),
        ActorRule(r"\b(?:US|U\.S\.|American) (?:troops|forces|soldiers|military|drones?|aircraft)\b|\bAFRICOM\b",
                  "Military Forces of the United States", 8, "external"),
        ActorRule(r"\b(?:Israeli|IDF|Israel Defen[cs]e Forces)(?: (?:troops|forces|soldiers|army|military|jets|"
                  r"aircraft|drones?|warplanes))?\b", "Military Forces of Israel", 1, "state"),
        ActorRule(r"\b(?:Burkinab[eè]) (?:troops|forces|soldiers|army|military)\b",
                  "Military Forces of Burkina Faso", 1, "state"),
        ActorRule(r"\b(?:Nigerien) (?:troops|forces|soldiers|army|military)\b", "Military Forces of Niger", 1, "state"),
        ActorRule(r"\b(?:Malian) (?:troops|forces|soldiers|army|military)\b", "Military Forces of Mali", 1, "state"),
        ActorRule(r"\b(?:Chadian) (?:troops|forces|soldiers|army|military)\b", "Military Forces of Chad", 1, "state"),
        ActorRule(r"\b(?:Russian) (?:troops|forces|soldiers|army|military|jets|aircraft|warplanes)\b",
                  "Military Forces of Russia", 1, "state"),
        # Bangladesh and South Asia: state forces and parties
        ActorRule(r"\b(?:RAB|Rapid Action Battalion)\b", "Police Forces of {C}", 1, "state",
                  "RAB: Rapid Action Battalion", case_sensitive=True),
        ActorRule(r"\b(?:BGB|Border Guards? Bangladesh)\b", "Military Forces of {C}", 1, "state",
                  "BGB: Border Guard Bangladesh"),
        ActorRule(r"\b(?:Chhatra League|BCL|Jubo League|Swechchhasebak League|Juba League)\b",
                  "BCL: Bangladesh Chhatra League", 3, "party", "AL: Awami League"),
        ActorRule(r"\b(?:Awami League|AL)\b", "AL: Awami League", 3, "party", "AL: Awami League", case_sensitive=True),
        ActorRule(r"\b(?:Chhatra Dal|JCD|Jubo Dal|Swechchhasebak Dal|Jatiyatabadi Chhatra Dal)\b",
                  "JCD: Bangladesh Jatiyatabadi Chhatra Dal", 3, "party", "BNP: Bangladesh Nationalist Party"),
        ActorRule(r"\b(?:BNP|Bangladesh Nationalist Party)\b", "BNP: Bangladesh Nationalist Party", 3, "party",
                  "BNP: Bangladesh Nationalist Party"),
        ActorRule(r"\b(?:Jamaat(?:-e-Islami)?|Shibir|Islami Chhatra Shibir|JeI)\b", "JeI: Jamaat-e-Islami", 3, "party",
                  "JeI: Jamaat-e-Islami"),
        ActorRule(r"\b(?:Jatiya Party)\b", "JP: Jatiya Party", 3, "party", "JP: Jatiya Party"),
        ActorRule(r"\b(?:ruling party|opposition party|party) (?:activists|supporters|members|cadres|men|workers|"
                  r"leaders)\b", "Political Militia ({C})", 3, "party"),
        # state forces
        ActorRule(r"\b(?:riot )?police(?:men|man| officers?| forces| personnel| units?)?\b|\bgendarm(?:es|erie|e)\b|"
                  r"\bDB police\b|\bDetective Branch\b|\blaw enforcers\b|\blaw enforcement (?:agencies|officers|"
                  r"agents|personnel)\b|\bcops\b|\bpolice station\b|\bArmed Police Battalion\b|\bAPBn\b",
                  "Police Forces of {C}", 1, "state"),
        ActorRule(r"\b(?:FAMa|FAMas|FDS|Malian Armed Forces|Defen[cs]e and Security Forces|Burkinabe Armed Forces)\b",
                  "Military Forces of {C}", 1, "state", case_sensitive=True),
        ActorRule(r"\b(?:senior |high-ranking |top )?(?:military )?officers\b|\bsoldiers?\b|\btroops?\b|"
                  r"\b(?:military|army)\b(?! (?:camp|base|barracks|court|academy|hospital|vehicles?|posts?|garrison|"
                  r"headquarters|uniforms?|officers|junta|rule|government|takeover|coup|source|sources|spokesman))|"
                  r"\barmed forces\b|\bsecurity forces\b|\bsecurity personnel\b|\bnational guard\b|"
                  r"\bspecial forces\b|\bcommandos?\b|\bcoast guard\b|\bnavy\b|\bair force\b|\bmilitary patrols?\b|"
                  r"\bgovernment forces\b|\bstate forces\b|\bjoint forces\b|\barmy patrols?\b|\bparamilitar(?:y|ies)\b|"
                  r"\b(?:Iraqi|Syrian|Somali|Nigerian|Ethiopian|Sudanese|Afghan|Yemeni|Colombian|Mexican|Congolese|"
                  r"Cameroonian|Kenyan|Ugandan|Ivorian|Beninese|Togolese|Ghanaian|Mauritanian|Pakistani|Indian|"
                  r"Bangladeshi|Myanmar|Burmese|Libyan|Egyptian|Lebanese|Honduran|Salvadoran|Venezuelan|Haitian|"
                  r"Peruvian|Brazilian|federal|national|regular) (?:forces|troops|soldiers|army|military|police)\b|"
                  r"\b(?:anti-?terror(?:ist|ism)?|counter-?terror(?:ism|ist)?|special|elite|intervention|"
                  r"defen[cs]e) (?:forces|units?|brigades?|squads?)\b",
                  "Military Forces of {C}", 1, "state"),
        ActorRule(r"\b(?:government )?officials\b|\b(?:prime |finance |foreign |defen[cs]e |interior )?minister(?:s)?\b|"
                  r"\bpresident\b|\bgovernment\b|\bcabinet\b|\blawmakers\b|\bspeaker\b|\bpremier\b|\bauthorities\b",
                  "Government of {C}", 1, "gov"),
        # crowds
        ActorRule(r"\bM5-RFP\b|\bJune 5 Movement\b|\bM5\b", "Protesters ({C})", 6, "protest", "M5-RFP"),
        ActorRule(r"\b(?:quota reform(?:ist)?s?|anti-discrimination|general) students?\b|\bstudents? (?:of|from) \w+ "
                  r"(?:University|College)\b", "Protesters ({C})", 6, "protest", "Students ({C})"),
        ActorRule(r"\bprotest(?:ers|ors)\b|\bdemonstrators\b|\bmarchers\b|\bsupporters\b|\bcrowds?\b|\bopposition\b|"
                  r"\bactivists\b|\bstrikers\b", "Protesters ({C})", 6, "protest"),
        ActorRule(r"\brioters\b|\bmobs?\b|\byouths\b|\byoung people\b|\bangry (?:residents|villagers|locals|crowd|people)\b",
                  "Rioters ({C})", 5, "riot"),
        ActorRule(r"\bcivilians?\b|\bvillagers?\b|\bresidents?\b|\binhabitants\b|\blocals\b|\bwomen\b|\bwoman\b|"
                  r"\bchild(?:ren)?\b|\bboys?\b|\bgirls?\b|\bfarmers?\b|\bherders?\b|\bshepherds?\b|\bpastoralists\b|"
                  r"\btraders?\b|\bmerchants?\b|\bshopkeepers?\b|\bvendors?\b|\bworshippers\b|\bstudents?\b|"
                  r"\bteachers?\b|\bpupils\b|\bjournalists?\b|\bpassengers?\b|\bpeople\b|\bworkers?\b|\bminers?\b|"
                  r"\bfishermen\b|\bdrivers?\b|\bmotorcyclists?\b|\b(?:village |customary |religious |local )?"
                  r"(?:chiefs?|leaders?|notables?)\b|\bimams?\b|\bmarabouts?\b|\bpastors?\b|\bpriests?\b|"
                  r"\b(?:aid|humanitarian|health|NGO) workers?\b|\bdisplaced (?:people|persons)\b|\bIDPs?\b|"
                  r"\brefugees?\b|\bbusinessm[ae]n\b|\bfamil(?:y|ies)\b|\bindividuals?\b|\bpersons?\b|\bman\b|"
                  r"\bmen\b|\bhim\b|\bmayors?\b|\bcouncill?ors?\b|\bdeputy mayor\b|\bnurses?\b|\bdoctors?\b",
                  "Civilians ({C})", 7, "civ"),
    ),
    passive_aux=r"\b(?:was|were|been|being|are|is|got|get)\s+(?:\w+ly\s+)?$",
    agent_marker=r"\bby\s+(?:\S+\s+){0,3}$",
    patient_marker=r"^\s*(?:on|against|upon|targeting|of)\b",
    between=r"^\s*(?:broke out |erupted |occurred |took place )?between\b",
    relative=r"\b(?:who|which|that|whom)\b",
    subordinators=r"[,;:]|\b(?:as|while|when|after|before|because|since|until|whereas)\b",

    # ------------------------------------------------------------ harm
    numbers=NUMBERS,
    singular=r"(?P<n>a|an|one|him|her)",
    approx=r"(?:between |at least |about |around |some |nearly |almost |more than |over |up to |an estimated |"
           r"approximately |roughly |as many as |close to |no fewer than |a total of |another |an additional |"
           r"a further |another |further |(?:the )?bodies of )",
    range_join=r"(?:-|–|to|and|or)",
    list_join=r"(?:,|\band\b|, and\b|\bas well as\b|\bplus\b)",
    kill_before=r"\b(?:killed|killing|kills|kill|neutrali[sz]ed|neutrali[sz]ing|claimed the lives of|claiming the lives of|"
                r"shot dead|shooting dead|executed|executing|massacred|murdered|slaughtered|beheaded|"
                r"gunned down|lynched|beat to death|beating to death|hacked to death|took the lives of|"
                r"taking the lives of|death of|deaths of|killing of|bodies of|murder of|execution of)\s+",
    kill_after=r"\s+(?:(?!(?:but|none|while|whereas|no)\b)[\w'’-]+,?\s+){0,5}?(?:were |was |have been |had been |are |got |being )?(?:reportedly |"
               r"allegedly |also |later |all )?(?:killed|dead|died|shot dead|shot and killed|lost their lives|"
               r"lost his life|lost her life|deaths|death|fatalities|fatality|bodies|executed|murdered|slain|succumbed|perished|"
               r"beheaded|massacred|gunned down|lynched|beaten to death|hacked to death|burned to death|"
               r"burnt to death|stabbed to death|found dead|confirmed dead|killed|to death|suffocated|asphyxiated)\b",
    kill_single=r"\b(?:killed|killing|kills|kill|shot dead|shooting dead|executed|executing|murdered|beheaded|"
                r"gunned down|lynched|beat to death|beating to death|hacked to death|stabbed to death|"
                r"killing of|murder of|assassination of|assassinated)\s+",
    kill_toll=r"\b(?:death toll|toll|number of (?:dead|deaths|fatalities|victims))\s+(?:\w+\s+){0,4}?"
              r"(?:to|at|of|is|was|stood at|reached|rose to|climbed to)\s+",
    no_deaths=(r"\bno (?:one|deaths?|casualt(?:y|ies)|fatalit(?:y|ies)|lives? (?:were |was )?lost|loss of life|"
               r"victims?|injuries or deaths)\b|\bnobody was (?:killed|hurt|injured)\b|\bno-one was\b|"
               r"\bwithout (?:bloodshed|casualties|fatalities|loss of life)\b|\bnone (?:died|was killed|were killed)\b|\bcasualties (?:are |were )?"
               r"(?:unknown|not (?:known|reported))\b|\bunharmed\b|\bescaped unhurt\b|"
               r"\bno (?:reported |known )?(?:casualties|fatalities|deaths)\b"),
    vague=(r"\b(?:several|many|dozens|scores|numerous|a number of|hundreds|a few|multiple|countless|"
           r"an unknown number of|an unspecified number of|unknown number of|a large number of|"
           r"a high number of|some)\s+(?:\w+\s+){0,3}?(?:were |have been |had been |are )?(?:killed|dead|died|"
           r"deaths|fatalities|casualties|lost their lives|bodies)\b|\b(?:killed|killing|leaving|left)\s+"
           r"(?:several|many|dozens|scores|numerous|a number of|hundreds|a few|multiple|an unknown number of|"
           r"an unspecified number of|some)\b"),
    wounded_before=r"\b(?:wounded|wounding|injured|injuring|injures|wounds|hurt|hurting|maimed|maiming)\s+",
    wounded_after=r"\s+(?:(?!(?:killed|dead|died|but|no)\b)[\w'’-]+\s+){0,4}?(?:were |was |have been |had been |are |got |being )?(?:reportedly |"
                  r"also |seriously |critically |severely |slightly |badly )?(?:wounded|injured|hurt|"
                  r"hospitali[sz]ed|maimed|injuries)\b",
    abducted_before=r"\b(?:abducted|abducting|kidnapped|kidnapping|took hostage|taking hostage|seized|seizing|"
                    r"abduction of|kidnapping of|captured|capturing)\s+",
    abducted_after=r"\s+(?:\w+\s+){0,4}?(?:were |was |have been |had been |are )?(?:reportedly |also )?"
                   r"(?:abducted|kidnapped|taken hostage|taken away|carried away|missing)\b",
    additive=r"\b(?:also|another|additional|further|as well)\b",
    count_range=r"(?:-|–|to|or)",
    range_open=r"\bbetween\s+$",
    non_count_units=r"km|kilomet\w*|miles?|%|per ?cent|years?|hours?|days?|weeks?|months?|am|pm|h\b|"
                    r"metres?|meters?|o['’]clock|tons?|tonnes?|dollars?|francs?|CFA|taka|vehicles?|motorbikes?|"
                    r"motorcycles?|houses?|homes?|shops?",

    # ------------------------------------------------------------ dates
    months={"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
            "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
            "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
            "dec": 12},
    months_capitalised=True,
    weekdays={"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6},
    day_suffix=r"(?:st|nd|rd|th)",
    day_month_join=r"(?:of\s+)",
    night=r"\b(?:night|evening|overnight)\s+(?:of\s+)?(?:the\s+)?$|\bnight\s+(?:between|from)\s+$",
    around=r"\bweek (?:of|starting|beginning)\s+(?:the\s+)?$|\[?\s*(?:and|or)\s+around\s*\]?|\baround\s+$|\babout\s+$|\bcirca\s+$|\bor so\b",
    month_prefix=r"\b(?:in|since|during|early|late|mid-?|until|by|throughout|from)\s+(?:early\s+|late\s+|mid-?)?",
    weekday_rel={"last": "last", "next": "next", "this": "this", "on": "on", "past": "last", "coming": "next"},
    relative_dates=(
        RelativeDate(r"\b(?:today|tonight|this (?:morning|afternoon|evening)|earlier today|later today)\b",
                     "day", 0, 1),
        RelativeDate(r"\bthe day before yesterday\b", "day", -2, 1),
        RelativeDate(r"\b(?:yesterday|last night|the previous (?:day|night|evening)|the day before|"
                     r"the night before)\b", "day", -1, 1),
        RelativeDate(r"\bovernight\b", "day", -1, 2),
        RelativeDate(r"\blate last week\b", "week", -3, 2),
        RelativeDate(r"\bearly last week\b", "week", -7, 2),
        RelativeDate(r"\blast weekend\b|\bover the weekend\b|\bthis past weekend\b", "week", -2, 2),
        RelativeDate(r"\blast week\b|\bthe previous week\b|\ba week ago\b", "day", -7, 2),
        RelativeDate(r"\b(?:earlier )?this week\b", "day", 0, 2),
        RelativeDate(r"\b(?:earlier )?this month\b", "month", 0, 3),
        RelativeDate(r"\b(?:late|early)? ?last month\b|\bthe previous month\b", "month", -1, 3),
        RelativeDate(r"\b(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten) days (?:ago|earlier)\b",
                     "day", 0, 1, count_group="n"),
        RelativeDate(r"\b(?P<n>two|three|a couple of) weeks ago\b", "day", 0, 2, count_group="n"),
    ),

    # ------------------------------------------------------------ places and furniture
    locatives=("in", "at", "near", "outside", "around", "inside", "into", "across", "from", "to", "of", "between",
               "along", "on the road to", "on the outskirts of"),
    distance_units={"kilometers": 1.0, "kilometer": 1.0, "kilometres": 1.0, "kilometre": 1.0, "km": 1.0,
                    "miles": 1.609344, "mile": 1.609344, "mi": 1.609344},
    distance_relation=(r"(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of|"
                       r"away from|from|outside(?: of)?|of)"),
)

# A named group reads as one actor with its hedge and member noun: "suspected JNIM militants",
# "BNP activists", "presumed ISGS fighters".
_HEDGE = r"(?:(?:[Ss]uspected|[Pp]resumed|[Aa]lleged|[Aa]rmed|[Hh]eavily armed) )?"
_MEMBERS = (r"(?:[ -](?:militants|fighters|jihadists|members|elements|insurgents|gunmen|rebels|combatants|men|"
            r"assailants|supporters|activists|leaders|cadres|guerrillas|dissidents|militiamen|volunteers|hunters|"
            r"forces|troops|soldiers|units|workers|leader|activist|member|man|supporter|worker|cadre))?")
LEXICON.actors = tuple(
    ActorRule(_HEDGE + r"(?:" + a.pattern + r")" + _MEMBERS, a.name, a.inter, a.role, a.assoc, a.case_sensitive)
    if "{C}" not in a.name and a.role in ("armed", "party", "militia", "external") else a
    for a in LEXICON.actors)

