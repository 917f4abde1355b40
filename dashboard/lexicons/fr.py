"""French: the words crisismap reads conflict reporting with (see ``dashboard.lexicons`` for what
each field means). Written for the Sahel's own press and for French renderings of conflict-event
notes ("Le 12 juin 2020, des militants présumés du GSIM ont tendu une embuscade à une patrouille des
FAMa près de Boni. Quatre soldats ont été tués."), Mali, Burkina Faso and Niger first.

Verb patterns are built from infinitives by :func:`verbe` (attaquer → attaque, attaquent, attaqué,
attaquée, attaqués, attaquant, attaquait, attaqua, attaquèrent...), so a rule names a verb once and
reads the tenses of reporting (present, passé composé, passé simple, imparfait) and every agreement of
the participle; future and conditional forms are left out on purpose (they tell of no happening).
ACLED actor names are the same as in ``en.py``, so an event reads the same in either language.
"""

from __future__ import annotations

from dashboard.lexicons import ActorRule, Lexicon, RelativeDate, TriggerRule

# ---------------------------------------------------------------- morphology helpers

_IRREGULAR: dict[str, str] = {
    # infinitive: extra forms (participles in all agreements, present, passé simple, participle présent)
    "prendre": "prend|prennent|pris|prise|prises|prenant|prenait|prenaient|prit|prirent",
    "reprendre": "reprend|reprennent|repris|reprise|reprises|reprenant|reprenait|reprit|reprirent",
    "surprendre": "surprend|surprennent|surpris|surprise|surprises|surprenant",
    "détruire": "détruit|détruite|détruits|détruites|détruisent|détruisant|détruisait|détruisirent|détruisit",
    "abattre": "abat|abattent|abattu|abattue|abattus|abattues|abattant|abattit|abattirent|abattait",
    "battre": "bat|battent|battu|battue|battus|battues|battant|battit|battirent",
    "combattre": "combat|combattent|combattu|combattus|combattant|combattaient|combattait",
    "mourir": "meurt|meurent|mort|morte|morts|mortes|mourut|moururent|mourant",
    "périr": "péri|périt|périrent|périssent",
    "conquérir": "conquis|conquise|conquises|conquiert|conquièrent",
    "reconquérir": "reconquis|reconquise|reconquises|reconquiert|reconquièrent|reconquit|reconquirent",
    "tendre": "tend|tendent|tendu|tendue|tendus|tendues|tendant|tendit|tendirent",
    "commettre": "commet|commettent|commis|commise|commises|commettant",
    "mettre": "met|mettent|mis|mise|mises|mettant|mit|mirent",
    "remettre": "remet|remettent|remis|remise|remises|remettant|remit|remirent",
    "conduire": "conduit|conduite|conduits|conduites|conduisent|conduisant|conduisit",
    "conclure": "conclut|concluent|conclu|conclue|conclus|conclues|concluant|conclurent",
    "ouvrir": "ouvre|ouvrent|ouvert|ouverte|ouverts|ouvertes|ouvrant|ouvrit|ouvrirent",
    "découvrir": "découvre|découvrent|découvert|découverte|découverts|découvertes|découvrant|découvrit",
    "détenir": "détient|détiennent|détenu|détenue|détenus|détenues|détenant",
    "retenir": "retient|retiennent|retenu|retenue|retenus|retenues|retenant|retint|retinrent",
    "contraindre": "contraint|contrainte|contraints|contraignent",
    "dissoudre": "dissout|dissous|dissoute|dissolvent",
    "interdire": "interdit|interdite|interdits|interdisent",
    "prévenir": "prévenu|prévenus",
    "poursuivre": "poursuit|poursuivent|poursuivi|poursuivis|poursuivant",
    "fuir": "fuit|fuient|fui|fuyant|fuirent",
    "faire": "fait|font|faisant|fit|firent|faisait|faisaient",
}


def _forms(inf: str) -> list[str]:
    """The reporting forms of one French verb (infinitive given)."""
    if inf in _IRREGULAR:
        return [inf] + _IRREGULAR[inf].split("|")
    if inf.endswith("er"):
        st = inf[:-2]
        soft = st + ("ç" if st.endswith("c") else "e" if st.endswith("g") else "")  # lança, égorgea
        out = [inf, st + "e", st + "es", st + "ent", st + "é", st + "ée", st + "és", st + "ées",
               soft + "ant", soft + "ait", soft + "aient", soft + "a", st + "èrent", soft + "ons"]
        # e -> è in the present of lever, achever ("enlève", "enlèvent")
        if len(st) > 2 and st[-2] == "e" and st[-1] not in "aeiouy":
            grave = st[:-2] + "è" + st[-1]
            out += [grave + "e", grave + "ent"]
        # é -> è in the present of libérer, rétrocéder ("libère", "rétrocèdent")
        if len(st) > 2 and st[-2] == "é" and st[-1] not in "aeiouy":
            grave = st[:-2] + "è" + st[-1]
            out += [grave + "e", grave + "ent"]
        # double consonant of appeler, jeter ("appelle", "jette")
        if st.endswith(("el", "et")):
            out += [st + st[-1] + "e", st + st[-1] + "ent"]
        return out
    if inf.endswith("ir"):
        st = inf[:-2]
        return [inf, st + "it", st + "i", st + "ie", st + "is", st + "ies", st + "issent", st + "issant",
                st + "issait", st + "issaient", st + "irent"]
    return [inf]


def verbe(*infinitives: str) -> str:
    """A word-bounded pattern for the reporting forms of the verbs: verbe("attaquer") reads attaque,
    attaquent, attaqué(e)(s), attaquant, attaquait, attaqua, attaquèrent..."""
    ws: list[str] = []
    for inf in infinitives:
        ws += _forms(inf)
    ws = sorted(set(ws), key=len, reverse=True)
    return r"(?<![\w-])(?:" + "|".join(ws) + r")(?![\w-])"


def mots(*ws: str) -> str:
    """A word-bounded alternation of phrases (spaces match any whitespace, apostrophes either form)."""
    alts = sorted(ws, key=len, reverse=True)
    return r"(?<![\w-])(?:" + "|".join(w.replace(" ", r"\s+").replace("'", "['’]") for w in alts) + r")(?![\w-])"


# ---------------------------------------------------------------- numbers (see also _members below)

_UNITS = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
          "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"]
NUMBERS: dict[str, int] = {w: i for i, w in enumerate(_UNITS) if i}
NUMBERS["une"] = 1
NUMBERS["zero"] = 0
for _t, _v in {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}.items():
    NUMBERS[_t] = _v
    NUMBERS[f"{_t} et un"] = NUMBERS[f"{_t}-et-un"] = NUMBERS[f"{_t} et une"] = _v + 1
    for _i in range(2, 10):
        NUMBERS[f"{_t}-{_UNITS[_i]}"] = NUMBERS[f"{_t} {_UNITS[_i]}"] = _v + _i
for _i in range(10, 20):   # soixante-dix .. soixante-dix-neuf
    NUMBERS[f"soixante-{_UNITS[_i]}"] = 60 + _i
NUMBERS["soixante et onze"] = NUMBERS["soixante-et-onze"] = 71
for _base, _v in (("quatre-vingt", 80),):
    NUMBERS[_base] = NUMBERS[_base + "s"] = _v
    for _i in range(1, 20):
        NUMBERS[f"{_base}-{_UNITS[_i]}"] = _v + _i
NUMBERS.update({"cent": 100, "une centaine": 100, "deux cents": 200, "trois cents": 300, "mille": 1000,
                "une dizaine": 10, "une douzaine": 12, "une quinzaine": 15, "une vingtaine": 20,
                "une trentaine": 30, "une quarantaine": 40, "une cinquantaine": 50, "une soixantaine": 60,
                "deux dizaines": 20, "trois dizaines": 30})

# ---------------------------------------------------------------- shared noun classes

_SECURITY = ("soldats?", "militaires?", "troupes?", "armée", "gendarmes?", "gendarmerie", "policiers?", "police",
             "forces de l['’]ordre", "forces de sécurité", "forces de défense et de sécurité", "forces armées",
             "forces", "FAMa", "FDS", "Casques bleus", "casques bleus", "soldats de la paix", "postes?",
             "poste de contrôle", "postes de contrôle", "check-points?", "camps?", "bases?", "casernes?",
             "garnisons?", "positions?", "convois?", "patrouilles?", "véhicules? militaires?", "unités?",
             "détachements?", "escortes?", "brigades?", "bataillons?", "VDP", "volontaires", "miliciens",
             "milices?", "jihadistes", "djihadistes", "terroristes", "combattants", "insurgés", "rebelles",
             "assaillants", "gardes?", "sentinelles", "commissariats?", "emprises?")
_CIVILIAN = ("civils?", "villageois", "habitants?", "populations?", "villages?", "hameaux", "hameau", "marchés?",
             "foires?", "commerçants?", "marchands?", "boutiquiers?", "éleveurs?", "bergers?", "pasteurs?",
             "cultivateurs?", "paysans?", "agriculteurs?", "pêcheurs?", "fidèles", "mosquées?", "églises?",
             "écoles?", "enseignants?", "maîtres?", "élèves?", "étudiants?", "femmes?", "filles?", "fillettes?",
             "garçons?", "enfants?", "adolescents?", "adolescentes?",
             r"hommes(?!\s+(?:armés|en\s+armes|non\s+identifiés|à\s+motos?))", r"homme(?!\s+armé)",
             r"personnes?(?!\s+armées)", r"individus?(?!\s+(?:armés|non\s+identifiés))", "familles?", "ménages?", "maisons?", "domiciles?", "cases?", "passagers?", "cars?",
             "autocars?", "bus", "véhicules?", "camions?", "chauffeurs?", "conducteurs?", "motocyclistes?",
             "voyageurs?", "chefs?", "chef de village", "imams?", "pasteurs?", "prêtres?", "marabouts?",
             "notables?", "leaders? religieux", "leaders? communautaires?", "maires?", "conseillers?",
             "élus?", "journalistes?", "humanitaires?", "agents? de santé", "infirmiers?", "médecins?",
             "orpailleurs?", "déplacés?", "réfugiés?", "travailleurs?", "ouvriers?", "employés?", "proches",
             "mariage", "funérailles", "invités?", "otages?", "détenus?", "prisonniers?", "suspects?",
             "voleurs?", "communautés?", "piétons?", "bétail", "troupeaux?", "greniers?")

#: "marcher" without its participle alone: "le marché" is a market ("ont marché" is a march)
_MARCHER = (r"|\b(?:ont|a|avaient|avait|auraient|ayant)\s+(?:\w+ment\s+)?marché\b|"
            r"\bmarch(?:ent|aient|ait|ant|èrent|a)\b")

_PLACE_NOUN = (r"(?:ville|localité|village|commune|base|camp|camp militaire|poste|position|garnison|aéroport|"
               r"poste frontière|fief|quartier général|chef-lieu|cité)")

LEXICON = Lexicon(
    code="fr",
    name="French",
    stopwords=frozenset(
        "le la les de des du un une et à au aux en dans sur par pour que qui est a été ont sont il elle ils se "
        "ce cette ces avec pas ne son sa ses leur leurs lors après selon entre contre".split()),
    abbreviations=("janv", "févr", "fév", "avr", "juil", "sept", "oct", "nov", "déc", "M", "MM", "Mme", "Mmes",
                   "Mlle", "Dr", "Pr", "Me", "Mgr", "Gén", "Gal", "Col", "Cdt", "Lt", "Capt", "Sgt", "St", "Ste",
                   "etc", "env", "cf", "art", "no", "n°", "p", "vol", "av", "bd"),

    # ------------------------------------------------------------ event words
    triggers=(
        # Usage d'armes empêché: outranks the explosive it names ("désamorcé un engin explosif")
        TriggerRule("disrupt", "Strategic developments", "Disrupted weapons use", 74,
                    verbe("désamorcer", "neutraliser", "détruire", "détecter", "découvrir", "saisir", "récupérer",
                          "intercepter", "démanteler", "déminer", "faire exploser") +
                    r"(?!\s+(?:par|lors|dans\s+l['’]explosion))\s+(?:[\w'’-]+\s+){0,5}?(?:engins?\s+explosifs?|EEI|IED|explosifs?|mines?|bombes?|"
                    r"obus|munitions?|armes?|armements?|caches?\s+d['’]armes|dépôts?\s+d['’]armes|"
                    r"véhicules?\s+piégés?|détonateurs?|kalachnikovs?|fusils?|grenades?|ateliers?\s+de\s+fabrication)"
                    r"(?![\w-])|\bcaches?\s+d['’]armes\b|\bdépôts?\s+(?:d['’]armes|de\s+munitions)\b|"
                    r"\bexplosion\s+contrôlée\b|\bdémineurs?\b|\b(?:intercept\w+|abattu|abattus|abattue|neutralisé|"
                    r"brouillé)\s+(?:un|une|deux|trois|des|le|les|plusieurs)?\s*(?:[\w'’-]+\s+)?(?:drones?|missiles?|"
                    r"roquettes?|projectiles?)\b|\b(?:drones?|missiles?|roquettes?)\s+(?:[\w'’-]+\s+){0,3}?"
                    r"(?:a|ont)\s+été\s+(?:intercepté|abattu|neutralisé)e?s?\b"),
        TriggerRule("chemical", "Explosions/Remote violence", "Chemical weapon", 72,
                    r"\barmes?\s+chimiques?\b|\battaques?\s+(?:chimiques?|au\s+gaz(?:\s+\w+)?|au\s+chlore|au\s+sarin)\b|"
                    r"\bgaz\s+(?:toxiques?|sarin|moutarde|de\s+combat)\b|\bbarils?\s+de\s+chlore\b|"
                    r"\bagents?\s+(?:chimiques?|neurotoxiques?)\b|\bau\s+chlore\b|\bobus\s+(?:au|à)\s+gaz\b"),
        TriggerRule("suicide", "Explosions/Remote violence", "Suicide bomb", 72,
                    r"\bkamikazes?\b|\battentats?[- ]suicides?\b|\battaques?[- ]suicides?\b|\bvoitures?[- ]piégées?\b|"
                    r"\bvéhicules?[- ]piégés?\b|\bs['’]est\s+fait\s+exploser\b|\bse\s+sont\s+fait\s+exploser\b|"
                    r"\bceintures?\s+d['’]explosifs\b|\bgilets?\s+(?:piégés?|d['’]explosifs)\b|\bVBIEDs?\b"),
        TriggerRule("air", "Explosions/Remote violence", "Air/drone strike", 70,
                    r"\bfrappes?\s+(?:aériennes?|de\s+drones?|d['’]aviation|de\s+l['’]aviation|de\s+(?:Mirage|"
                    r"Rafale|chasseurs?|hélicoptères?))\b|\bfrappes?\b(?=\s+(?:\w+\s+){0,3}?(?:aviation|drones?|"
                    r"avions?|hélicoptères?|Mirage|Rafale|aérien))|\braids?\s+aériens?\b|\bbombardements?\s+aériens?\b|"
                    r"\b(?:avions?|aviation|drones?|hélicoptères?|chasseurs?|Mirage|Rafale|armée\s+de\s+l['’]air)"
                    r"(?:\s+[\w'’-]+){0,3}?\s+(?:ont|a)\s+(?:frappé|bombardé|visé|ciblé|mitraillé|tiré|détruit|"
                    r"neutralisé)\b|\b(?:frappé|bombardé|ciblé)s?\s+(?:par|depuis)\s+(?:des\s+|un\s+|l['’])?"
                    r"(?:avions?|drones?|hélicoptères?|aviation)\b|\bopérations?\s+aériennes?\b|"
                    r"\b(?:appui|moyens)\s+aériens?\b|\bhélicoptères?\s+de\s+combat\b"),
        TriggerRule("ied", "Explosions/Remote violence", "Remote explosive/landmine/IED", 70,
                    r"\bengins?\s+explosifs?(?:\s+improvisés?)?\b|\bEEI\b|\bIEDs?\b|\bmines?\s+(?:artisanales?|"
                    r"antipersonnel|antichars?|terrestres?)\b|\bmines?\b(?=\s+(?:[\w'’-]+\s+){0,2}?(?:a|ont)\s+"
                    r"(?:explosé|sauté))|\b(?:sauté|sautés|sautée|sautant)\s+sur\s+(?:une?\s+)?(?:mine|engin|"
                    r"bombe|explosif)\b|\b(?:heurté|heurte|heurtent|heurtant|percuté)\s+(?:une?\s+)?(?:\w+\s+)?"
                    r"(?:mine|engin|bombe|explosif)\b|\bbombes?\s+artisanales?\b|\bbombes?\b|\bexplosions?\b|"
                    r"\bexplosés?\b|\bexplosé(?:e|es)?\b|\bdéflagrations?\b|\bpiégés?\b|\battentats?\b"),
        TriggerRule("grenade", "Explosions/Remote violence", "Grenade", 69,
                    r"\bgrenades?\b|\bcocktails?\s+Molotov\b"),
        TriggerRule("shelling", "Explosions/Remote violence", "Shelling/artillery/missile attack", 68,
                    r"\bobus\b|\bmortiers?\b|\bartillerie\b|\broquettes?\b|\bmissiles?\b|\bpilonn(?:é|és|ée|ées|"
                    r"age|ages|er|ent|ait)\b|\bbombard(?:é|és|ée|ées|ement|ements|er|ent|ait|aient|ant)\b|"
                    r"\btirs?\s+indirects?\b|\bprojectiles?\s+(?:sont\s+)?(?:tombés?|ont\s+frappé)\b|"
                    r"\btirs?\s+(?:de\s+)?(?:mortiers?|roquettes?|obus|d['’]artillerie|de\s+missiles?)\b"),
        TriggerRule("territory", "Battles", "", 62,
                    verbe("reconquérir", "reprendre", "libérer", "occuper", "investir", "conquérir", "réinvestir") +
                    r"|\b(?:pris|prise|prennent|prend|repris|reprise|reprennent|reprend|a\s+pris|ont\s+pris)\s+"
                    r"(?:le\s+)?contrôle\s+(?:total\s+)?(?:de|d['’]|du|des)\b|\b(?:s['’]est|se\s+sont)\s+"
                    r"emparée?s?\s+(?:de|d['’]|du|des)\b|\bemparé(?:e|s|es)?\s+(?:de|d['’]|du|des)\b|"
                    r"\bprise\s+(?:de|d['’]|du)\s+(?:la\s+|l['’])?(?:ville|localité|camp|base|poste)\b|"
                    r"\b(?:pris|prise|pris\s+d['’]assaut)\s+(?:le|la|l['’])\s*" + _PLACE_NOUN + r"\b|"
                    r"\btomb(?:é|ée|és|ées|e|ent)\s+(?:aux\s+mains|entre\s+les\s+mains)\b|"
                    r"\bsous\s+(?:le\s+)?contrôle\s+(?:de|des|du)\b|\breprise\s+de\b"),
        TriggerRule("clash", "Battles", "Armed clash", 60,
                    verbe("affronter", "accrocher", "repousser", "riposter", "combattre", "opposer",
                          "contre-attaquer") +
                    r"|\baffrontements?\b|\baccrochages?\b|\bcombats?\b|\béchanges?\s+de\s+tirs\b|"
                    r"\béchang(?:é|er|ant|ent)\s+des\s+tirs\b|\bfusillades?\b|\bheurts?\s+armés?\b|"
                    r"\bs['’](?:est|sont)\s+battus?\b|\bengagé\s+le\s+combat\b|\bcontre-offensives?\b|"
                    r"\bripost(?:e|es)\b",
                    not_before=r"\s+(?:contre\s+(?:la\s+)?(?:corruption|pauvreté|faim|impunité|criminalité))\b"),
        TriggerRule("ambush", "", "", 59,
                    r"\bembuscades?\b|\btendu\s+(?:un\s+)?guet-apens\b|" + verbe("embusquer")),
        TriggerRule("execute", "Violence against civilians", "Attack", 58,
                    verbe("massacrer", "exécuter", "égorger", "décapiter", "lyncher") +
                    r"|\bexécutions?\s+(?:sommaires?|extrajudiciaires?)\b|\bsommairement\b|\bextrajudiciaires?\b|"
                    r"\bbrûlée?s?\s+vifs?\b|\bbrûlée?s?\s+vives?\b|\bmassacres?\b|"
                    r"\btueries?\b|\bassassinats?\b|" + verbe("assassiner")),
        TriggerRule("bodies", "Strategic developments", "Other", 45,
                    r"\bcharniers?\b|\bfosses?\s+communes?\b|\bcorps\s+(?:sans\s+vie\s+)?(?:de|d['’])\s+"
                    r"(?:[\w'’-]+\s+){0,3}?(?:découverts?|retrouvés?|exhumés?)\b|\b(?:découvert|retrouvé|découverts|"
                    r"retrouvés|repêché)\s+(?:le|les|un|des)\s+corps\b|\bcorps\s+(?:[\w'’-]+\s+){0,5}?(?:ont\s+été|"
                    r"a\s+été)\s+(?:découverts?|retrouvés?|repêchés?|exhumés?)\b|\bretrouvée?s?\s+morte?s?\b"),
        TriggerRule("sexual", "Violence against civilians", "Sexual violence", 57,
                    verbe("violer") + r"|\bviols?\b|\bviolences?\s+sexuelles?\b|\bagress(?:é|ée|és|ées|ions?)\s+"
                    r"sexuel(?:le|les|lement)?\b|\babus\s+sexuels?\b|\bsexuellement\b|\besclavage\s+sexuel\b",
                    not_before=r"\s+(?:de\s+(?:la\s+)?(?:loi|constitution|cessez-le-feu|accord|trêve|frontière|"
                               r"espace\s+aérien))\b"),
        TriggerRule("abduct", "Violence against civilians", "Abduction/forced disappearance", 56,
                    verbe("enlever", "kidnapper", "séquestrer", "rapter") +
                    r"|\benlèvements?\b|\bkidnappings?\b|\brapts?\b|\bravisseurs?\b|\bprise\s+d['’]otages?\b|"
                    r"\bpris\s+en\s+otages?\b|\bprises?\s+en\s+otages?\b|\bretenu(?:e|s|es)?\s+en\s+otages?\b|"
                    r"\bemmené(?:e|s|es)?\s+(?:de\s+force|vers\s+une\s+destination\s+inconnue)\b|"
                    r"\bdisparitions?\s+forcées?\b|\bporté(?:e|s|es)?\s+disparu(?:e|s|es)?\b|"
                    r"\bemmen(?:é|és|ée|ées|èrent|ant)\b|\bemport(?:é|és|ée|ées)\b(?=\s+(?:[\w'’-]+\s+){0,2}?"
                    r"(?:passagers?|personnes?|civils?|otages?|femmes?|hommes))|\btoujours\s+introuvables?\b|"
                    r"\bsont\s+sans\s+nouvelles?\b"),
        TriggerRule("capture", "", "", 52,
                    verbe("capturer") + r"|\bfaits?\s+prisonniers?\b"),
        TriggerRule("mob", "Riots", "Mob violence", 55,
                    r"\bfoules?\b(?=\s+(?:[\w'’-]+\s+){0,3}?(?:a|ont|en\s+colère)\b)|\bjustice\s+populaire\b|"
                    r"\bvindicte\s+populaire\b|\blynchages?\b|\bbattu(?:e|s|es)?\s+à\s+mort\b|"
                    r"\bpassé(?:e|s|es)?\s+à\s+tabac\b|\btabass(?:é|és|ée|ées|er)\b|\bà\s+la\s+machette\b"),
        TriggerRule("riot", "Riots", "Violent demonstration", 55,
                    verbe("saccager", "vandaliser", "caillasser", "barricader") +
                    r"|(?<!anti-)\bémeutes?\b(?!\s+(?:police|forces?|unités?))|\bémeutiers?\b|\bmis\s+à\s+sac\b|\bjet(?:é|és|ant|aient|ent|èrent)\s+(?:des\s+)?(?:pierres|cailloux|"
                    r"projectiles|bouteilles)\b|\bjets?\s+de\s+pierres\b|\b(?:brûlé|brûlant|brûlent)\s+des\s+pneus\b|"
                    r"\bpneus\s+brûlés\b|\bbarricades?\b|\bpris\s+d['’]assaut\b|\bprise\s+d['’]assaut\b|"
                    r"\bvandalisme\b|\bactes?\s+de\s+vandalisme\b"),
        TriggerRule("arrest", "Strategic developments", "Arrests", 50,
                    verbe("arrêter", "interpeller", "appréhender", "détenir", "écrouer", "incarcérer", "emprisonner",
                          "retenir") +
                    r"|\barrestations?\b|\binterpellations?\b|\bmis\s+aux\s+arrêts\b|\bmise?s?\s+aux\s+arrêts\b|"
                    r"\bplacé(?:e|s|es)?\s+en\s+(?:garde\s+à\s+vue|détention|résidence\s+surveillée)\b|"
                    r"\ben\s+garde\s+à\s+vue\b|\bgardés?\s+à\s+vue\b|\bsous\s+mandat\s+de\s+dépôt\b|"
                    r"\bdéf[ée]r(?:é|és|ée|ées)\s+au\s+parquet\b|\bconduit(?:e|s|es)?\s+au\s+camp\b|"
                    r"\bcoups?\s+de\s+filet\b|\bdétention\s+de\b|\bdétenu(?:e|s|es)?\s+(?:au|à|dans)\b",
                    not_before=(r"\s+(?:de\s+travail|cardiaque|de\s+jeu|des?\s+(?:combats|hostilités|travaux)|"
                                r"ministériel|préfectoral|municipal|interministériel|portant|n°|du\s+(?:gouverneur|"
                                r"préfet|maire|ministre))\b")),
        TriggerRule("protest", "Protests", "Peaceful protest", 45,
                    verbe("manifester", "protester", "rassembler", "mobiliser", "boycotter", "défiler",
                          "réunir", "scander", "bloquer") + _MARCHER +
                    r"|\bmanifestants?\b|\bmanifestations?\b|\bsit-?in\b|\bmarches?\b|\bmeetings?\b|"
                    r"\brassemblements?\b|\bdescendus?\s+dans\s+la\s+rue\b|\bdescendues?\s+dans\s+la\s+rue\b|"
                    r"\bchaînes?\s+humaines?\b|\bgrèves?(?:\s+générales?)?\b|\bgrévistes\b|\bvilles?\s+mortes?\b|"
                    r"\bjournées?\s+villes?\s+mortes?\b|\bpancartes?\b|\bbanderoles?\b|\bslogans?\b|"
                    r"\bobserv(?:é|er|ent|ait)\s+(?:un|une)\s+(?:sit-in|grève|arrêt\s+de\s+travail)\b",
                    requires="crowd",
                    not_before=r"\s+(?:du\s+5\s+juin|mouvement|leaders?|organisateurs?|coalition|plateforme)\b"),
        TriggerRule("protest_strong", "Protests", "Peaceful protest", 46,
                    verbe("manifester", "protester") + r"|\bmanifestants?\b|\bmanifestations?\b|\bsit-?in\b" +
                    _MARCHER + r"|\bdescendu(?:e|s|es)?\s+dans\s+la\s+rue\b",
                    not_before=r"\s+(?:mouvement|leaders?|organisateurs?|coalition|plateforme)\b"),
        TriggerRule("change", "Strategic developments", "Change to group/activity", 40,
                    verbe("mutiner", "rallier", "fusionner", "recruter", "dissoudre", "démobiliser", "déserter",
                          "instaurer", "imposer", "encercler", "assiéger") +
                    r"|\bmutineries?\b|\bmutins?\b|\bse\s+sont\s+mutinés\b|\bdéfections?\b|\breddition\b|"
                    r"\bdéposé\s+les\s+armes\b|\bprêté\s+allégeance\b|\bcouvre-feu\b|\bblocus\b|\bsièges?\b|"
                    r"\bannonc(?:é|e|ent|ant)\s+(?:[\w'’-]+\s+){0,6}?(?:la\s+|leur\s+|sa\s+)?(?:création|dissolution|"
                    r"suspension|fusion|formation|naissance)\b|\bfusion\s+(?:de|des|du|au\s+sein)\b|"
                    r"\bsuspendu\s+(?:sa|leur)\s+participation\b|\bretir(?:é|és|ée)s?\s+de\s+l['’]accord\b|"
                    r"\bcamps?\s+d['’]entraînement\b|\bprêch(?:e|es|é|ait)\b|\bprêcheurs?\b|\bzakat\b|"
                    r"\binterdi(?:t|te|ts|tes|sent|ction)\s+(?:de\s+)?(?:la\s+)?(?:circulation|motos?|engins)\b|"
                    r"\brecrutement\b|\bcréation\s+(?:du|de|d['’])\b|\bquitter(?:ait|aient|a|ont)?\s+(?:sa|leur|la)\s+base\b"),
        TriggerRule("transfer", "Strategic developments", "Non-violent transfer of territory", 36,
                    verbe("rétrocéder", "évacuer", "abandonner", "quitter", "remettre", "transférer") +
                    r"|\bse\s+(?:sont\s+|est\s+)?retir(?:é|és|ée|ées|ent|er|ait)\b|\bs['’](?:est\s+)?retir(?:é|ée|e|ent)\b|"
                    r"\bretrait\s+(?:de|des|du)\b|\bpassation\b|\brétrocession\b|\bremise?\s+(?:à|aux)\b|"
                    r"\bse\s+sont\s+repliés?\b|\bs['’]est\s+repliée?\b|\brepli\b",
                    not_before=r"\s+(?:de\s+(?:la\s+)?(?:course|candidature|compétition)|du\s+pouvoir)\b"),
        TriggerRule("base", "Strategic developments", "Headquarters or base established", 42,
                    r"\b(?:install(?:é|és|ée|ées|ent|er|ant|ait)|étab(?:li|lis|lie|lit|lissent|lir)|"
                    r"implant(?:é|és|ée|ées|er)|ouv(?:ert|erte|rir|rent|re)|construi(?:t|te|re|sent)|"
                    r"érig(?:é|ée|er)|créé|créée|mis\s+en\s+place|mise\s+en\s+place)\s+"
                    r"(?:(?:un|une|une?\s+nouvelle?|un\s+nouveau|leur|sa|son|ses|des|le|la)\s+)?"
                    r"(?:nouvel(?:le)?\s+|nouveau\s+)?(?:base|camp|campement|quartier\s+général|QG|poste\s+militaire|"
                    r"poste\s+avancé|poste\s+de\s+commandement|poste|point\s+de\s+contrôle|check-point|garnison|"
                    r"position|emprise)s?\b|\bse\s+sont\s+installés?\b|\bs['’]est\s+installée?\b|"
                    r"\bétabli\s+(?:un|leur)\s+campement\b"),
        TriggerRule("agreement", "Strategic developments", "Agreement", 61,
                    r"\b(?:sign(?:é|ée|és|ent|er|ant|ait)|conclu(?:e|s|es|ent|re)?|paraph(?:é|er)|scell(?:é|er)|"
                    r"obtenu|trouvé)\s+(?:un|une|le|la|l['’])?\s*(?:[\w'’-]+\s+){0,7}?(?:accord|pacte|protocole|"
                    r"cessez-le-feu|trêve|armistice|paix|entente|mémorandum|compromis)\b|\b(?:accord|pacte|"
                    r"cessez-le-feu|trêve)\s+(?:[\w'’-]+\s+){0,4}?(?:a\s+été|ont\s+été)?\s*(?:signé|conclu|scellé|"
                    r"trouvé)e?s?\b|\b(?:libér(?:é|és|ée|ées|ation)|échang(?:é|és|e)|relâch(?:é|és|ée|ées))\s+"
                    r"(?:[\w'’-]+\s+){0,3}?(?:otages?|prisonniers?|captifs?|détenus?)\b|\béchange\s+de\s+"
                    r"prisonniers?\b|\bs['’](?:est|sont)\s+entendus?\s+sur\b|\bpacte\s+de\s+(?:paix|non-agression)\b|"
                    r"\bcessation\s+des\s+hostilités\b|\b(?:cessez-le-feu|trêve)(?:\s+(?:unilatéral|temporaire|"
                    r"humanitaire|locale?))?\b|\bconvenu\s+(?:de|d['’])\s+(?:[\w'’-]+\s+){0,4}?(?:trêve|"
                    r"cessez-le-feu|échange|libération|paix)\b"),
        TriggerRule("coup", "Strategic developments", "Other", 30,
                    r"\bcoups?\s+d['’]\s?[ÉéEe]tat\b|\bputsch\b|\bjunte\b|\bpris\s+le\s+pouvoir\b|"
                    r"\bprise\s+du\s+pouvoir\b|\brenvers(?:é|er|ement)\b|\bdestitu(?:é|er|tion)\b"),
        TriggerRule("resign", "Strategic developments", "Other", 28,
                    r"\bdémission(?:né|ne|nent|ner)?\b|\bdémissions\b"),
        TriggerRule("govern", "Strategic developments", "Other", 20,
                    r"\bdissous?\s+(?:l['’]Assemblée|le\s+gouvernement|le\s+parlement)\b|\bétat\s+d['’]urgence\b|"
                    r"\bferm(?:é|er|eture)\s+(?:des\s+|de\s+ses\s+)?frontières\b|\bsuspendu\s+la\s+constitution\b|"
                    r"\bcoupure\s+d['’]internet\b|\bexpuls(?:é|és|ée|er|ion)\b|\bsurvol(?:é|ait|aient|ant)\b|"
                    r"\bcoups?\s+de\s+feu\s+en\s+l['’]air\b|\btirs?\s+en\s+l['’]air\b|\batterrissage\s+"
                    r"(?:d['’]urgence|forcé)\b|\bposé\s+en\s+urgence\b|\binscrits?\b(?=\s+(?:[\w'’-]+\s+){0,3}?"
                    r"pour\s+(?:défendre|combattre))|\bvolontaires\b(?=\s+(?:[\w'’-]+\s+){0,2}?(?:se\s+sont\s+)?"
                    r"inscrits)"),
        TriggerRule("loot", "Strategic developments", "Looting/property destruction", 24,
                    verbe("piller", "voler", "dérober", "emporter", "razzier", "dépouiller", "racketter", "rançonner",
                          "braquer", "cambrioler", "saboter", "raser", "démolir", "incendier") +
                    r"|\bmis\s+le\s+feu\b|\bmettant\s+le\s+feu\b|\bincendies?\b|\bpillages?\b|\bvols?\s+de\s+bétail\b|\bbraquages?\b|\bcambriolages?\b|\brackets?\b|"
                    r"\b(?:détruit|détruite|détruits|détruites|détruisant|incendié|incendiés|incendiée|incendiées|"
                    r"brûlé|brûlés|brûlée|brûlées|endommagé|endommagés|rasé|rasés)\s+(?:[\w'’-]+\s+){0,3}?"
                    r"(?:maisons?|cases?|habitations?|greniers?|boutiques?|magasins?|récoltes?|champs?|véhicules?|"
                    r"motos?|camions?|écoles?|bureaux?|antennes?|pylônes?|ponts?|équipements?|marchés?|engins?|"
                    r"édifices?|bâtiments?|mairies?|centres?\s+de\s+santé)\b|\b(?:emporté|emportant|enlevé|"
                    r"volé|dérobé)\s+(?:[\w'’-]+\s+){0,3}?(?:bétail|têtes?\s+de\s+bétail|animaux|chèvres|moutons|"
                    r"bœufs|boeufs|vaches|chameaux|motos?|véhicules?|argent|biens|vivres|téléphones?)\b"),
        # Typed by their arguments (who did it to whom): a bare killing, attack or shooting
        TriggerRule("kill", "", "", 14,
                    verbe("tuer", "assassiner", "abattre", "mourir", "périr", "poignarder") +
                    r"|\bmorts?\b|\bmortes?\b|\btués?\b|\btuées?\b|\bdécès\b|\bdécédés?\b|\bvictimes\b|"
                    r"\bperdu\s+la\s+vie\b|\btrouvé\s+la\s+mort\b|\bbless(?:é|és|ée|ées|ant)\b|\bcoûté\s+la\s+vie\b|\bcoûtant\s+la\s+vie\b|"
                    r"\bsans\s+vie\b|\bmeurtres?\b|\bhomicides?\b|\bneutralis(?:é|és|ée|ées|ant|er)\b"
                    r"(?!\s+(?:un|une|deux|trois|des|les|l['’])?\s*(?:engins?|EEI|mines?|bombes?|explosifs?))",
                    not_before=r"\s+(?:de\s+(?:faim|maladie|soif|noyade))\b"),
        TriggerRule("attack", "", "", 12,
                    r"\bvis(?:é|ée|és|ées|ait|aient)\b(?!\s+(?:à|a)\b)|" +
                    verbe("attaquer", "agresser", "cibler", "frapper", "tirer", "mitrailler", "torturer",
                          "menacer", "molester", "fouetter", "razzier", "prendre pour cible", "prendre à partie",
                          "faire irruption") +
                    r"|\battaques?\b|\bassauts?\b|\bagressions?\b|\braids?\b|\bincursions?\b|\bexactions?\b|"
                    r"\bouv(?:ert|rant|rent|re)\s+le\s+feu\b|\bcoups?\s+de\s+feu\b|\btirs?\b|\bpris(?:e|es)?\s+(?:à\s+partie|pour\s+cible)\b|\bfait\s+irruption\b|\bviolences\b",
                    not_before=r"\s+(?:en\s+l['’]air|de\s+sommation|contre\s+X)\b"),
    ),
    finite_verb=(r"^(?:\w+(?:é|ée|és|ées|è|a|ait|aient|èrent|ent|it|irent|ut|urent|is|ise|ises|u|ue|us|ues|i|ie|ies"
                 r"|ont|ant)|pris|prise|mort|morte|morts|tué|tués|fait|mis|tiré|tirés|jeté|jetés|ouvert|détruit|"
                 r"interpellé|arrêté|enlevé|enlevés|emparés?|repris|reprise|s['’]\w+|se)$"),
    cues={
        "crowd": mots("manifestants", "manifestant", "protestataires", "partisans", "sympathisants", "foule",
                      "foules", "milliers", "centaines", "dizaines", "personnes", "habitants", "populations",
                      "population", "jeunes", "jeunesse", "opposition", "marcheurs", "militants", "activistes",
                      "femmes", "étudiants", "élèves", "travailleurs", "commerçants", "villageois", "enseignants",
                      "cultivateurs", "paysans", "chauffeurs", "transporteurs", "membres", "employés", "agents",
                      "société civile", "syndicats?", "syndicalistes", "orpailleurs", "médecins", "infirmiers",
                      "citoyens", "fidèles", "leaders", "partis?", "mouvement", "vendeurs", "familles", "parents",
                      "déplacés", "grévistes", "meeting", "manifestation", "marche", "sit-in", "grève",
                      "rassemblement", "contre", "pour exiger", "exigeant", "pour réclamer", "réclamant",
                      "pour dénoncer", "dénonçant", "pour protester", "en soutien", "en soutien à", "pour soutenir",
                      "M5-RFP", "M5"),
        "protesters": mots("manifestants", "manifestant", "protestataires", "marcheurs", "manifestation",
                           "manifestations", "manifesté", "manifestaient", "manifestent", "protesté", "marche",
                           "sit-in", "rassemblement", "meeting", "grévistes", "émeutiers", "ville morte"),
        "intervention": r"\bdispers(?:er|é|ée|és|ées|ant)\b(?!\s+(?:dans\s+le\s+calme|pacifiquement|sans\s+incident))|" +
                        mots("gaz lacrymogène", "gaz lacrymogènes", "lacrymogènes?", "canons? à eau", "matraques?",
                             "coups de matraque", "balles en caoutchouc", "grenades? assourdissantes?",
                             "chargé les manifestants", "chargé des manifestants", "chargés", "interpellé", "interpellés", "arrêté", "arrêtés", "arrêtées",
                             "empêché", "empêchés", "encadré", "tirs de sommation", "tiré en l'air",
                             "tirs en l'air", "réprimé", "réprimée", "répression", "bouclé", "interdite",
                             "interpellation", "interpellations", "arrestations"),
        "excessive": (r"\bballes?\s+réelles?\b|\btirs?\s+à\s+balles\s+réelles\b|\bouv(?:ert|rant|rent)\s+le\s+feu\s+"
                      r"(?:sur|contre)\b|\btir(?:é|és|ant|ent)\s+(?:\w+\s+)?(?:sur|dans)\s+(?:la\s+foule|les\s+"
                      r"manifestants|des\s+manifestants|les\s+jeunes|des\s+jeunes|les\s+étudiants|des\s+"
                      r"étudiants|les\s+marcheurs)\b|\b(?:manifestants?|marcheurs|étudiants)\b.{0,80}\b(?:tués?|"
                      r"morts?|abattus?|touchés\s+par\s+balles?)\b|\b(?:tué|tuant|abattu)\b.{0,40}\b(?:manifestants?|"
                      r"marcheurs|étudiants)\b"),
        "violent_crowd": (r"\bjet(?:é|és|ant|aient|ent|èrent)\s+(?:des\s+)?(?:pierres|cailloux|projectiles|bouteilles)\b|"
                          r"\bjets?\s+de\s+pierres\b|\bcaillass\w*\b|\bvandalis\w*\b|\bmis\s+le\s+feu\b|"
                          r"\bincendi(?:é|és|ée|ées|ant|er|aient)\b|\bsaccag\w*\b|\bpneus?\s+(?:brûlés|enflammés)\b|"
                          r"\bbrûl(?:é|ant|aient|er)\s+des\s+pneus\b|\bpill(?:é|és|age|ages|ant)\b|(?<!anti-)\bémeutes?\b|"
                          r"\baffront(?:é|ements?|aient)\b|\battaqu(?:é|ée|és|ant)\b|\bbarricad\w*\b|"
                          r"\bpris\s+d['’]assaut\b|\bviolente?s?\b|\bgourdins?\b|\bmachettes?\b|\bbâtons\b|"
                          r"\bcocktails?\s+Molotov\b|\bheurts?\b"),
        "military_target": r"(?<![\w-])(?:" + "|".join(_SECURITY) + r")(?![\w-])",
        "civilian_target": r"(?<![\w-])(?:" + "|".join(_CIVILIAN) + r")(?![\w-])",
        "firearms": mots("armes à feu", "fusils?", "kalachnikovs?", "tirs", "coups de feu", "balles", "pistolets?",
                         "armes automatiques", "armes lourdes", "ouvert le feu"),
        "mutiny": r"\bmutin\w*\b",
        "object_only": r"(?:le|la|les|lui|leur|eux)",
        "individual": (r"\b(?:leader|militant|membre|homme|travailleur|étudiant|partisan|responsable|conseiller|"
                       r"président|secrétaire|cadre|journaliste|avocat|enseignant|femme|maire|chef)$"),
        "nonviolent": mots("sans résistance", "sans combat", "sans combattre", "sans coup férir", "sans incident",
                           "pacifiquement", "sans tirer un coup de feu", "sans affrontement", "sans affrontements",
                           "sans heurts"),
        "object_position": (r"(?:\b(?:de|à|au|aux|dans|sur|pour|contre|avec|entre|parmi|chez|vers|sans|envers|dont|"
                            r"notamment|y\s+compris)(?![\w'’-])|\bd['’]|\bl['’])\s*(?:[\w'’-]+\s+){0,2}$"),
        "in_the_capital": r"\s+(?:dans|de)\s+la\s+capitale\b",
        "crowd_agent": mots("villageois", "habitants", "jeunes", "population", "populations", "foule", "foules",
                            "en colère", "personnes", "commerçants", "étudiants", "élèves", "riverains", "émeutiers",
                            "manifestants", "fidèles", "parents", "partisans", "militants", "membres", "travailleurs",
                            "passants", "motocyclistes", "chauffeurs", "bandes de jeunes"),
        "non_combat": mots("accident de la circulation", "accident de la route", "accident de moto", "noyade",
                           "noyé", "noyés", "maladie", "choléra", "paludisme", "covid", "coronavirus", "inondation",
                           "inondations", "chaleur", "mort naturelle", "suicide par", "s'est suicidé", "morsure"),
    },

    # ------------------------------------------------------------ filters
    hypothetical=(r"(?:\b(?:craintes?\s+(?:de|d['’]|que|qu['’])|craint|craign\w+|craindre|redout\w+|pourrai(?:t|ent)|pourrait|"
                  r"pourront|pourra|devrai(?:t|ent)|devra|devront|risqu(?:e|ent|ait)\s+de|risques?\s+(?:de|d['’])|"
                  r"menac(?:e|ent|é|ait|aient)\s+de|menaces?\s+(?:de|d['’])|appel(?:le|lent|é|ait|ant)?\s+à|"
                  r"appels?\s+à|exig(?:e|ent|é|eant|er|eaient)|réclam(?:e|ent|é|ant|er|aient)|"
                  r"demand(?:e|ent|é|ant|er|aient)|prévoi(?:t|ent)|prévu(?:e|es|s)?|projet(?:te|tent)?\s+(?:de|d['’])|"
                  r"envisag(?:e|ent|é|eait)|compt(?:e|ent)|veu(?:t|lent)|voulaient|voulait|pour\s+(?:empêcher|"
                  r"éviter|dénoncer|condamner|exiger|réclamer)|empêch(?:é|er|ant|ée)|évit(?:é|er|ant)|"
                  r"ne\s+pas|n['’]\S+\s+pas|n['’]\S+\s+jamais|ne\s+\S+\s+pas|jamais|aucune?|nullement|"
                  r"démenti|dément(?:ent)?|démentant|nié|nie|nient|rejet(?:é|te|tent)|annul(?:é|ée|er)|"
                  r"report(?:é|ée)|ajourn(?:é|ée)|au\s+cas\s+où|en\s+cas\s+(?:de|d['’])|à\s+moins\s+que|si|"
                  r"sans|tent(?:é|ait|aient|ant)\s+(?:de|d['’])|tentatives?\s+(?:de|d['’])|déjou(?:é|ée|és|ées|er)|"
                  r"avort(?:é|ée)|afin\s+(?:de|d['’])|prépar(?:e|ent|ait|aient|er)|s['’]apprêt\w+\s+à|"
                  r"en\s+vue\s+(?:de|d['’])|annonc(?:é|e|ent)\s+(?:un|une|des)|programm(?:é|ée)|"
                  r"promis\s+(?:de|d['’])|jur(?:é|ent)\s+(?:de|d['’])|rumeurs?\s+(?:de|d['’])|"
                  r"éventuel(?:le|les|s)?|possibles?|potentiel(?:le|les|s)?|contre\s+(?:toute?|un|une)|"
                  r"(?:pour\s+)?protest(?:er|ant|é|aient)\s+contre|dénon(?:cer|çant|cé|çaient|cent)|"
                  r"condamn(?:er|ant|é|ent|aient)|en\s+représailles?\s+(?:à|aux|au|de)|en\s+réaction\s+(?:à|aux|au)|"
                  r"en\s+réponse\s+(?:à|aux|au)|suite\s+(?:à|aux|au)|justice\s+pour|enquête\s+sur|"
                  r"colère\s+(?:après|contre|face\s+à)))"
                  r"\s*(?:\S+\s+){0,3}$"),
    soft_hypothetical=(r"\b(?:appel\w*\s+à|exig\w*|réclam\w*|demand\w*|craint\w*|risque|possibles?|"
                       r"potentiel\w*|pour\s+(?:empêcher|éviter|dénoncer|condamner|exiger|réclamer)|"
                       r"contre\s+(?:toute?|un|une))\b"),
    aggregate=(r"\b(?:des\s+)?(?:mois|semaines|années|jours|décennies)\s+(?:de|d['’])\s*(?:\S+\s+){0,2}$|"
               r"\b(?:série|vague|succession|recrudescence|multiplication|montée|hausse|escalade|nombre|cycle|"
               r"spirale|flambée|regain|liste|bilan)\s+(?:de|d['’]|des)\s*(?:\S+\s+){0,2}$|"
               r"\bdepuis\s+(?:le|la|les|l['’])\s*(?:\S+\s+){0,2}$|\b(?:précédentes?|précédents?|anciennes?)\s+$|"
               r"\b(?:dernières|derniers|récentes|récents|nombreuses|nombreux|multiples|fréquentes|"
               r"répétées)\s+$|\bdéjà\s+(?:\S+\s+){0,4}$"),
    clause_split=r"[,;:—–()\"“”«»]|\bet\b|\bmais\b|\bqui\b|\bque\b|\bqu['’]|\bdont\b|\bor\b",
    reporting=(r"\b(?:a|ont|avait|avaient)?\s*(?:déclaré|indiqué|annoncé|affirmé|confirmé|rapporté|signalé|"
               r"précisé|expliqué|dit|communiqué)\s+(?:\S+\s+){0,3}$|\bselon\s+\S+\s+(?:\S+\s+){0,3}$|"
               r"\bcommuniqué\s+(?:\S+\s+){0,3}$|"
               # a date that names a thing, not a happening: "le Mouvement du 5 juin", "l'accord de paix du 15 mai"
               r"\b(?:[Mm]ouvement|[Jj]ournée|[Cc]oalition|[Aa]ccords?(?:\s+(?:de\s+paix|d['’]Alger))?|[Ll]oi|"
               r"[Dd]écret|[Oo]rdonnance|[Aa]rrêté|[Rr]ésolution|[Cc]harte|[Pp]acte|[Éé]lections?|[Ss]crutin|"
               r"[Rr]éférendum|[Ss]ommet|[Rr]encontre|[Rr]éunion)\s+(?:[\w'’-]+\s+){0,2}?du\s+$"),

    # ------------------------------------------------------------ actors (ACLED names as in en.py)
    actors=(
        ActorRule(r"\b(?:militaires|soldats|officiers)\s+mutins\b|\bmutins\b|\bmutiné(?:s)?\b",
                  "Military Forces of {C} (mutineers)", 1, "state"),
        ActorRule(r"\b(?:junte|CNSP|Comité\s+national\s+pour\s+le\s+salut\s+du\s+peuple|autorités\s+de\s+la\s+"
                  r"transition|putschistes|militaires\s+au\s+pouvoir)\b", "Military Forces of {C}", 1, "state", "CNSP"),
        # named non-state armed groups
        ActorRule(r"\b(?:GSIM|JNIM|Katiba\s+Macina|Katiba\s+Serma|Front\s+de\s+libération\s+du\s+Macina|FLM|Ansar\s+"
                  r"Dine|Al-Mourabitoune?|Groupe\s+de\s+soutien\s+à\s+l['’]islam\s+et\s+aux\s+musulmans)\b",
                  "JNIM: Group for Support of Islam and Muslims", 2, "armed", case_sensitive=True),
        ActorRule(r"\b(?:EIGS|ISGS|EIS|État\s+islamique\s+(?:au|dans\s+le)\s+(?:Grand\s+)?Sa(?:hara|hel)|"
                  r"État\s+islamique\s+au\s+Sahel|Etat\s+islamique\s+au\s+(?:Grand\s+)?Sa(?:hara|hel))\b",
                  "Islamic State (Greater Sahara)", 2, "armed"),
        ActorRule(r"\b(?:ISWAP|État\s+islamique\s+en\s+Afrique\s+de\s+l['’]Ouest|Etat\s+islamique\s+en\s+Afrique\s+"
                  r"de\s+l['’]Ouest|EIAO|Iswap)\b", "Islamic State West Africa Province", 2, "armed"),
        ActorRule(r"\bAnsar(?:ul|oul)\s*-?\s*Islam\b", "Ansarul Islam", 2, "armed"),
        ActorRule(r"\bBoko\s+Haram\b", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", 2, "armed"),
        ActorRule(r"\b(?:al-?)?[Cc]hebab\b|\bShebab\b|\bal-?Shabaab\b", "Al Shabaab", 2, "armed"),
        ActorRule(r"\b(?:AQMI|Al-Qaïda\s+au\s+Maghreb\s+islamique)\b", "AQIM: Al Qaeda in the Islamic Maghreb", 2,
                  "armed"),
        ActorRule(r"\b(?:État\s+islamique|Etat\s+islamique|EI|Daech|Daesh|groupe\s+EI)\b", "Islamic State", 2,
                  "armed", case_sensitive=True),
        ActorRule(r"\b(?:talibans?|Talibans?)\b", "Taliban", 2, "armed"),
        ActorRule(r"\b(?:Houthis?|rebelles\s+houthis|Ansar\s+Allah)\b", "Ansar Allah", 2, "armed"),
        ActorRule(r"\b(?:Hamas)\b", "Hamas Movement", 2, "armed"),
        ActorRule(r"\b(?:Hezbollah)\b", "Hezbollah", 2, "armed"),
        ActorRule(r"\b(?:FSR|Forces\s+de\s+soutien\s+rapide|RSF)\b", "Rapid Support Forces", 2, "armed",
                  case_sensitive=True),
        ActorRule(r"\b(?:M23|ADF|CODECO)\b", "Rebel group ({C})", 2, "armed", case_sensitive=True),
        ActorRule(r"\b(?:TPLF|Front\s+de\s+libération\s+du\s+peuple\s+du\s+Tigré)\b", "TPLF: Tigray People's "
                  r"Liberation Front", 2, "armed"),
        ActorRule(r"\b(?:gangs?|membres\s+de\s+gangs?|cartels?|bandes?\s+criminelles?|criminels)\b",
                  "Unidentified Gang ({C})", 3, "armed"),
        ActorRule(r"\b(?:CMA|MNLA|HCUA|CSP-PSD|CSP|Coordination\s+des\s+mouvements\s+de\s+l['’]Azawad|FLA|"
                  r"Front\s+de\s+libération\s+de\s+l['’]Azawad|rebelles\s+touareg|rebelles\s+de\s+l['’]Azawad|"
                  r"ex-rebelles|séparatistes)\b", "CMA: Coordination of Azawad Movements", 2, "armed"),
        ActorRule(r"\b(?:GATIA|Plateforme|MSA|Mouvement\s+pour\s+le\s+salut\s+de\s+l['’]Azawad)\b",
                  "GATIA: Imghad Tuareg and Allies Self-Defense Group", 3, "armed", case_sensitive=True),
        ActorRule(r"\b(?:Wagner|Africa\s+Corps|mercenaires\s+russes|paramilitaires\s+russes|instructeurs\s+"
                  r"(?:militaires\s+)?russes|militaires\s+russes|partenaires\s+russes)\b", "Wagner Group", 8, "external"),
        # communal / identity militias
        ActorRule(r"\bDan\s+Nan?\s+Ambassagou\b", "Dan Na Ambassagou", 4, "militia"),
        ActorRule(r"\b(?:chasseurs\s+(?:traditionnels\s+)?)?(?:dozos?|donsos?)\b(?:\s+(?:présumés|armés))?|"
                  r"\bchasseurs\s+traditionnels\b|\bmiliciens\s+dozos?\b|\bmilices?\s+dozos?\b",
                  "Dozo Communal Militia ({C})", 4, "militia"),
        ActorRule(r"\bKoglweogos?\b|\bkoglweogos?\b", "Koglweogo Militia", 4, "militia"),
        ActorRule(r"\b(?:VDP|Volontaires\s+pour\s+la\s+défense\s+de\s+la\s+patrie|supplétifs\s+civils)\b",
                  "VDP: Volunteers for the Defense of the Homeland", 3, "militia"),
        ActorRule(r"\b(?:miliciens?|milices?|hommes\s+armés|groupes?\s+d['’]autodéfense)\s+(?:peul(?:h)?s?|peule?s?)\b|"
                  r"\bhommes\s+armés\s+peuls?\b|\bmilices?\s+peules?\b", "Fulani Ethnic Militia ({C})", 4, "militia"),
        ActorRule(r"\b(?:miliciens?|milices?|chasseurs|hommes\s+armés)\s+dogons?\b", "Dogon Ethnic Militia ({C})", 4,
                  "militia"),
        ActorRule(r"\b(?:milices?|miliciens?)\s+(?:bambaras?|mossis?|touaregs?|arabes?|songhaïs?|haoussas?|"
                  r"daoussahaks?|imghads?|communautaires|ethniques|d['’]autodéfense|villageoises|locales)\b|"
                  r"\bgroupes?\s+d['’]autodéfense\b|\bmiliciens\b|\bmilices?\b|\bnotables?\s+de\s+clan\b",
                  "Communal Militia ({C})", 4, "militia"),
        # "militants" of an armed group (the sense of conflict-event notes), unless a civic qualifier follows
        ActorRule(r"\b(?:présumés\s+)?militants(?:\s+(?:présumés|armés|jihadistes|djihadistes|islamistes|"
                  r"extrémistes))?\b(?!\s+(?:du\s+M5|de\s+la\s+société|des\s+droits|politiques?|de\s+l['’]"
                  r"opposition|du\s+parti|d['’]un\s+parti|de\s+partis|associatifs|syndicaux|pro-|anti-|écologistes|"
                  r"du\s+mouvement|de\s+la\s+coalition|de\s+la\s+plateforme|du\s+RPM|de\s+l['’]URD))",
                  "Unidentified Armed Group ({C})", 3, "armed"),
        # unidentified armed groups ("présumés jihadistes": attribution unconfirmed)
        ActorRule(r"\b(?:(?:des|les|d['’])\s+)?(?:individus|hommes|éléments|personnes)\s+(?:lourdement\s+)?armés"
                  r"(?:\s+non\s+identifiés)?\b|\b(?:hommes|individus)\s+(?:non\s+identifiés|à\s+motos?|en\s+armes)\b|"
                  r"\b(?:assaillants|attaquants|bandits|bandits\s+armés|coupeurs\s+de\s+route|ravisseurs|inconnus|"
                  r"hommes\s+en\s+armes|tireurs)\b|\b(?:présumés\s+|présumés?\s+)?(?:jihadistes?|djihadistes?|"
                  r"terroristes?|islamistes|extrémistes|insurgés|militants\s+islamistes|combattants|rebelles|"
                  r"groupes?\s+armés?(?:\s+terroristes?)?|GAT|groupes?\s+armés?\s+non\s+identifiés|HANI)"
                  r"(?:\s+présumés)?\b", "Unidentified Armed Group ({C})", 3, "armed"),
        # external forces
        ActorRule(r"\b(?:(?:soldats|militaires|troupes|forces|armée|avions|hélicoptères|drones|Mirage|chasseurs)\s+"
                  r"français|forces?\s+françaises?|armée\s+française|force\s+Barkhane|Barkhane|opération\s+Barkhane|"
                  r"Sabre|Serval|la\s+France)\b", "Military Forces of France", 8, "external"),
        ActorRule(r"\b(?:MINUSMA|Minusma|Casques\s+bleus|casques\s+bleus|Nations\s+unies|ONU|soldats\s+de\s+la\s+paix|"
                  r"mission\s+(?:onusienne|de\s+l['’]ONU))\b",
                  "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali", 8, "external"),
        ActorRule(r"\b(?:G5\s+Sahel|FC-G5S|Force\s+conjointe\s+du\s+G5\s+Sahel)\b", "G5 Sahel Joint Force", 8,
                  "external"),
        ActorRule(r"\bTakuba\b", "Task Force Takuba", 8, "external"),
        ActorRule(r"\b(?:(?:soldats|forces|militaires|drones?)\s+américain(?:s|es)?|AFRICOM)\b",
                  "Military Forces of the United States", 8, "external"),
        ActorRule(r"\b(?:armée\s+israélienne|forces\s+israéliennes|Tsahal|avions?\s+israéliens?)\b",
                  "Military Forces of Israel", 1, "state"),
        ActorRule(r"\b(?:armée|forces|soldats|militaires|troupes|aviation|armée\s+de\s+l['’]air)\s+burkinabè?\b",
                  "Military Forces of Burkina Faso", 1, "state"),
        ActorRule(r"\b(?:armée|forces|soldats|militaires|troupes|aviation)\s+nigérienne?s?\b",
                  "Military Forces of Niger", 1, "state"),
        ActorRule(r"\b(?:armée|forces|soldats|militaires|troupes|aviation)\s+malienne?s?\b", "Military Forces of Mali",
                  1, "state"),
        ActorRule(r"\b(?:armée|forces|soldats|militaires|troupes)\s+tchadienne?s?\b", "Military Forces of Chad", 1,
                  "state"),
        ActorRule(r"\b(?:armée|forces|soldats|militaires)\s+(?:syrienne?s?|du\s+régime)\b", "Military Forces of Syria",
                  1, "state"),
        ActorRule(r"\b(?:armée|forces|soldats|troupes|militaires|police)\s+(?:irakienne?s?|somalienne?s?|nigériane?s?|"
                  r"éthiopienne?s?|soudanaise?s?|afghane?s?|yéménite?s?|colombienne?s?|mexicaine?s?|congolaise?s?|"
                  r"camerounaise?s?|kényane?s?|ougandaise?s?|ivoirienne?s?|béninoise?s?|togolaise?s?|ghanéenne?s?|"
                  r"mauritanienne?s?|pakistanaise?s?|indienne?s?|bangladaise?s?|birmane?s?|libyenne?s?|"
                  r"égyptienne?s?|libanaise?s?|fédérale?s?|régulière?s?|gouvernementale?s?)\b",
                  "Military Forces of {C}", 1, "state"),
        # state forces
        ActorRule(r"\b(?:policiers?|police(?:\s+nationale)?|forces\s+de\s+l['’]ordre|gendarmes?|gendarmerie(?:\s+"
                  r"nationale)?|garde\s+nationale|commissariat|brigade\s+anticriminalité|BAC|FORSAT|force\s+"
                  r"antiterroriste|forces\s+spéciales\s+antiterroristes|agents\s+de\s+sécurité)\b",
                  "Police Forces of {C}", 1, "state"),
        ActorRule(r"\b(?:FAMa|FAMA|Fama|FDS|Forces\s+armées\s+maliennes|Forces\s+de\s+défense\s+et\s+de\s+sécurité|"
                  r"Forces\s+armées\s+nationales|FAN|FANB|Forces\s+armées\s+nigériennes|FAN)\b",
                  "Military Forces of {C}", 1, "state", case_sensitive=True),
        ActorRule(r"\b(?:officiers\s+supérieurs|officiers|soldats?|militaires?|troupes|l['’]armée|armée|forces\s+"
                  r"armées|forces\s+de\s+sécurité|forces\s+de\s+défense|forces\s+gouvernementales|patrouilles?\s+"
                  r"militaires?|garde\s+présidentielle|commandos?|forces\s+spéciales|aviation|armée\s+de\s+l['’]air|"
                  r"marine|paramilitaires|démineurs)\b(?!\s+(?:camp|base|caserne|tribunal|hôpital|véhicules?))",
                  "Military Forces of {C}", 1, "state"),
        ActorRule(r"\b(?:responsables?\s+gouvernementaux|ministres?(?:\s+de\s+l['’]\w+(?:\s+et\s+des\s+\w+)?)?|"
                  r"président(?:\s+de\s+la\s+transition)?|chef\s+de\s+l['’]État|gouvernement|Premier\s+ministre|"
                  r"autorités|députés|Parlement|préfets?|gouverneurs?)\b", "Government of {C}", 1, "gov"),
        # crowds
        ActorRule(r"\bM5-RFP\b|\bMouvement\s+du\s+5\s+juin\b|\bM5\b", "Protesters ({C})", 6, "protest", "M5-RFP"),
        ActorRule(r"\b(?:manifestants?|protestataires|marcheurs|sympathisants|partisans|foules?|opposition|"
                  r"militants|activistes|grévistes)\b", "Protesters ({C})", 6, "protest"),
        ActorRule(r"\b(?:émeutiers|foule\s+en\s+colère|jeunes\s+en\s+colère|habitants\s+en\s+colère|jeunes|"
                  r"bandes\s+de\s+jeunes)\b", "Rioters ({C})", 5, "riot"),
        ActorRule(r"\b(?:civils?|villageois|habitants?|populations?|riverains|femmes?|enfants?|garçons?|filles?|"
                  r"adolescente?s?|fillettes?|cultivateurs?|paysans?|agriculteurs?|éleveurs?|bergers?|pasteurs?|"
                  r"commerçants?|marchands?|boutiquiers?|vendeurs?|fidèles|étudiants?|élèves?|enseignants?|"
                  r"maîtres|journalistes?|passagers?|personnes?|travailleurs?|ouvriers?|orpailleurs?|pêcheurs?|"
                  r"chauffeurs?|conducteurs?|motocyclistes?|chefs?\s+de\s+village|chefs?\s+coutumiers?|"
                  r"chefs?\s+religieux|leaders?\s+(?:religieux|communautaires)|notables?|imams?|marabouts?|"
                  r"prêtres?|pasteurs?|humanitaires?|agents?\s+de\s+santé|déplacés?|réfugiés?|familles?|"
                  r"individus?|hommes?|maires?|conseillers?\s+municipaux|conseiller\s+municipal|élus?\s+locaux|"
                  r"infirmiers?|médecins?|ingénieurs?|otages?|voleurs?|suspects?)\b",
                  "Civilians ({C})", 7, "civ"),
    ),
    passive_aux=(r"(?:\b(?:été|fut|furent)|(?<!\bse\s)(?<!\bs['’])\b(?:est|sont|était|étaient))\s+"
                 r"(?:\w+ment\s+)?$"),
    agent_marker=r"\bpar\s+(?:\S+\s+){0,3}$",
    patient_marker=r"^\s*(?:contre|sur|visant|ciblant|de|du|des|d['’])\b",
    between=r"^\s*(?:ont\s+éclaté\s+|ont\s+eu\s+lieu\s+|se\s+sont\s+produits\s+|ont\s+opposé\s+)?entre\b",
    relative=r"\b(?:qui|que|qu['’]|dont|lequel|laquelle|lesquels|lesquelles)\b",
    subordinators=(r"[,;:]|\b(?:alors\s+que|tandis\s+que|lorsque|lorsqu['’]|quand|après\s+que|avant\s+que|"
                   r"parce\s+que|puisque|depuis\s+que|jusqu['’]à\s+ce\s+que|après|avant|pendant\s+que)\b"),

    # ------------------------------------------------------------ harm
    numbers=NUMBERS,
    singular=r"(?P<n>un|une|l['’]un|l['’]une)",
    approx=(r"(?:entre |au moins |environ |quelque |près de |presque |plus de |pas moins de |jusqu['’]à |"
            r"un total de |autour de |une trentaine de |au total |en tout |encore |(?:les )?corps de )"),
    range_join=r"(?:-|–|à|au|et le|et|ou)",
    list_join=r"(?:,|\bet\b|\bainsi que\b|\bplus\b)",
    kill_before=(r"\b(?:tuant|tué|tuent|tue|a tué|ont tué|abattant|exécutant|massacrant|coûté la vie à|coûtant la vie à|"
                 r"coûte la vie à|causant la mort de|causé la mort de|la mort de|décès de|le meurtre de|"
                 r"l['’]assassinat de|l['’]exécution de|corps sans vie de|corps de|les corps de|bilan de|"
                 r"bilan fait état de|bilan s['’]élève à|bilan est de|bilan provisoire de)\s+"),
    kill_after=(r"\s+(?:[\w'’-]+\s+){0,4}?(?:ont\s+été\s+|a\s+été\s+|avaient\s+été\s+|avait\s+été\s+|sont\s+|est\s+|"
                r"auraient\s+été\s+|aurait\s+été\s+|ont\s+|a\s+)?(?:également\s+|aussi\s+|tous\s+|toutes\s+|"
                r"par\s+la\s+suite\s+)?(?:tués?|tuées?|morts?|mortes?|décédés?|décédées?|péri|tombés|"
                r"perdu\s+la\s+vie|trouvé\s+la\s+mort|neutralisés?|abattus?|abattues?|exécutés?|exécutées?|"
                r"massacrés?|massacrées?|égorgés?|assassinés?|assassinées?|sans\s+vie|tués\s+par\s+balles?|"
                r"succombé)(?![\w-])"),
    kill_single=(r"\b(?:tuant|tué|tue|tuent|a\s+tué|ont\s+tué|abattant|abattu|a\s+abattu|ont\s+abattu|exécutant|"
                 r"exécuté|assassinant|assassiné|égorgeant|égorgé|lynchant|lynché|battu\s+à\s+mort|"
                 r"poignardé|poignardant)\s+"),
    kill_toll=(r"\b(?:bilan|nombre\s+de\s+(?:morts|victimes|tués))\s+(?:[\w'’-]+\s+){0,4}?(?:de|à|est\s+de|"
               r"s['’]élève\s+à|fait\s+état\s+de|atteint|passe\s+à|provisoire\s+de)\s+"),
    no_deaths=(r"\baucune?\s+(?:victime|perte|mort|décès|blessé|tué)s?\b|\baucune?\s+perte\s+en\s+vies?\s+humaines?\b|"
               r"\bpas\s+de\s+(?:victimes?|morts?|pertes?|blessés?)\b|\bsans\s+faire\s+de\s+(?:victimes?|morts?|"
               r"blessés?)\b|\bpersonne\s+n['’]a\s+été\s+(?:tué|blessé|touché)e?s?\b|\bsans\s+(?:victimes?|pertes?|"
               r"effusion\s+de\s+sang)\b|\bindemnes?\b|\bsain(?:s|e|es)?\s+et\s+sau(?:f|fs|ve|ves)\b|"
               r"\bn['’]a\s+fait\s+(?:aucune?|pas\s+de)\s+(?:victimes?|morts?)\b"),
    vague=(r"\b(?:plusieurs|de\s+nombreux|de\s+nombreuses|nombreux|nombreuses|des\s+dizaines|des\s+centaines|"
           r"quelques|un\s+nombre\s+(?:indéterminé|important|inconnu)|un\s+grand\s+nombre|beaucoup)\s+"
           r"(?:(?:de|d['’])\s*)?(?:[\w'’-]+\s+){0,3}?(?:ont\s+été\s+|ont\s+|sont\s+|auraient\s+été\s+)?"
           r"(?:tués?|tuées?|morts?|mortes?|décès|victimes|corps|neutralisés?|péri|perdu\s+la\s+vie)\b|"
           r"\b(?:faisant|tuant|fait|causant)\s+(?:plusieurs|de\s+nombreux|de\s+nombreuses|des\s+dizaines\s+de|"
           r"des\s+centaines\s+de|quelques)\b"),
    wounded_before=r"\b(?:blessant|blessé|blessés|a\s+blessé|ont\s+blessé)\s+",
    wounded_after=(r"\s+(?:[\w'’-]+\s+){0,4}?(?:ont\s+été\s+|a\s+été\s+|sont\s+|est\s+)?(?:également\s+|aussi\s+|"
                   r"grièvement\s+|gravement\s+|légèrement\s+|sérieusement\s+)?(?:blessés?|blessées?|hospitalisés?|"
                   r"touchés?)(?![\w-])"),
    abducted_before=r"\b(?:enlevant|enlevé|enlevés|kidnappant|kidnappé|kidnappés|emmenant|enlèvement\s+de|rapt\s+de)\s+",
    abducted_after=(r"\s+(?:[\w'’-]+\s+){0,4}?(?:ont\s+été\s+|a\s+été\s+|sont\s+|est\s+)?(?:également\s+)?"
                    r"(?:enlevés?|enlevées?|kidnappés?|kidnappées?|pris\s+en\s+otages?|emmenés?|portés?\s+disparus?)"
                    r"(?![\w-])"),
    additive=r"\b(?:également|aussi|autre|autres|supplémentaires?|de\s+plus|en\s+outre)\b",
    count_range=r"(?:-|–|à|ou)",
    range_open=r"\bentre\s+$",
    non_count_units=(r"km|kilomètres?|milles?|%|pour\s?cent|ans|années?|heures?|h\b|jours?|semaines?|mois|mètres?|"
                     r"tonnes?|dollars?|francs?|FCFA|CFA|euros?|véhicules?|motos?|maisons?|boutiques?|têtes?"),

    # ------------------------------------------------------------ dates
    months={"janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fév": 2, "mars": 3, "avril": 4,
            "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9,
            "sept": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12,
            "déc": 12},
    months_capitalised=False,
    weekdays={"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6},
    day_suffix=r"(?:er|ème|e)",
    day_month_join=r"(?!)",
    night=(r"\b(?:nuit|soirée)\s+(?:du\s+|de\s+)?(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+"
           r"(?:au|à)\s+(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?$"),
    around=(r"\bsemaine\s+du\s*$|\[?\s*(?:et|ou)\s+(?:vers|autour|aux\s+alentours|aux\s+environs)(?:\s+du|\s+de|\s+le)?\s*\]?|"
            r"\baux\s+alentours\s+du\s*$|\baux\s+environs\s+du\s*$|\bvers\s+le\s*$|\bautour\s+du\s*$|"
            r"\baux\s+alentours\s+des\s*$"),
    month_prefix=(r"(?:\b(?:en|depuis|durant|pendant|début|fin|courant|jusqu['’]en|dès)\s+|\bau\s+mois\s+de\s+|"
                  r"\bau\s+mois\s+d['’]|\bmi-)"),
    weekday_rel={"ce": "this", "le": "on", "depuis": "last"},
    relative_dates=(
        RelativeDate(r"\b(?:aujourd['’]hui|ce\s+matin|cet\s+après-midi|ce\s+soir|dans\s+la\s+matinée|"
                     r"dans\s+la\s+journée|plus\s+tôt\s+dans\s+la\s+journée)\b", "day", 0, 1),
        RelativeDate(r"\bavant-hier\b", "day", -2, 1),
        RelativeDate(r"\b(?:hier|la\s+nuit\s+dernière|la\s+veille|la\s+nuit\s+précédente|hier\s+soir|"
                     r"dans\s+la\s+nuit\s+d['’]hier)\b", "day", -1, 1),
        RelativeDate(r"\bdans\s+la\s+nuit\b(?!\s+du\b)", "day", -1, 2),
        RelativeDate(r"\b(?:en\s+|à\s+la\s+)?fin\s+de\s+(?:la\s+)?semaine\s+(?:dernière|passée)\b", "week", -3, 2),
        RelativeDate(r"\b(?:en\s+|au\s+)?début\s+de\s+(?:la\s+)?semaine\s+(?:dernière|passée)\b", "week", -7, 2),
        RelativeDate(r"\b(?:le|ce)\s+week-end\s+(?:dernier|passé)?\b|\bdurant\s+le\s+week-end\b", "week", -2, 2),
        RelativeDate(r"\bla\s+semaine\s+(?:dernière|passée|précédente)\b|\bil\s+y\s+a\s+une\s+semaine\b",
                     "day", -7, 2),
        RelativeDate(r"\bcette\s+semaine\b|\ben\s+début\s+de\s+semaine\b", "day", 0, 2),
        RelativeDate(r"\bce\s+mois-ci\b|\bdepuis\s+le\s+début\s+du\s+mois\b", "month", 0, 3),
        RelativeDate(r"\ble\s+mois\s+(?:dernier|passé|précédent)\b", "month", -1, 3),
        RelativeDate(r"\bil\s+y\s+a\s+(?P<n>\d{1,2}|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\s+jours\b",
                     "day", 0, 1, count_group="n"),
        RelativeDate(r"\bil\s+y\s+a\s+(?P<n>deux|trois|quelques)\s+semaines\b", "day", 0, 2, count_group="n"),
        RelativeDate(r"\ble\s+lendemain\b", "day", 0, 2),
    ),

    # ------------------------------------------------------------ places and furniture
    person_titles=frozenset({"m.", "mme", "monsieur", "madame", "président", "présidente", "ministre", "général",
                             "colonel", "commandant", "capitaine", "lieutenant", "sergent", "imam", "cheick",
                             "cheikh", "docteur", "maître", "abbé", "père", "l'abbé", "premier", "chef", "maire",
                             "gouverneur", "préfet", "député", "journaliste", "porte-parole", "élu"}),
    organisation_words=frozenset({"association", "syndicat", "parti", "mouvement", "front", "coordination",
                                  "comité", "conseil", "union", "alliance", "plateforme", "collectif", "ministère",
                                  "assemblée", "fondation", "ong", "radio", "télévision", "journal", "agence",
                                  "université", "école", "lycée", "hôpital", "banque", "société", "compagnie",
                                  "brigade", "bataillon", "régiment", "katiba"}),
    landmarks=("camp", "camp militaire", "palais présidentiel", "palais de Koulouba", "Assemblée nationale",
               "aéroport", "gare routière", "grand marché", "marché central", "mosquée", "cathédrale", "préfecture",
               "mairie", "gouvernorat", "commissariat", "base", "garnison", "prison", "maison d'arrêt", "ambassade",
               "université", "stade", "hôpital", "radio-télévision", "ORTM", "RTB", "bourse du travail",
               "place de l'Indépendance", "monument de l'Indépendance"),
    boilerplate=(r"^(?:aller au contenu(?: principal)?|passer au contenu|accueil|menu|rechercher|recherche|fermer|"
                 r"se connecter|connexion|s['’]abonner|abonnez-vous(?: .{0,60})?|s['’]inscrire|inscription|"
                 r"newsletter(?: .{0,100})?|inscrivez-vous(?: .{0,100})?|(?:à )?lire aussi(?:\s*:.{0,200})?|"
                 r"(?:à )?voir aussi(?:\s*:.{0,200})?|sur le même sujet(?:\s*:.{0,200})?|lire la suite|"
                 r"articles? (?:liés|similaires|connexes)|les plus lus|les plus partagés|à la une|"
                 r"dernières (?:nouvelles|infos|actualités)|(?:partager|partagez|tweeter|imprimer|envoyer"
                 r"(?: par e-?mail)?|réagir|commenter|commentaires?|copier le lien|facebook|twitter|x|whatsapp|"
                 r"linkedin|telegram|e-?mail|sur)(?:\W+(?:partager|sur|facebook|twitter|x|whatsapp|linkedin|"
                 r"telegram|e-?mail|par))*\W*|publicité|annonce|contenu sponsorisé|"
                 r"(?:publié|mis à jour|modifié) le .{0,60}|lecture\s*:?\s*\d+\s*min(?:utes?)?|"
                 r"temps de lecture\s*:?.{0,20}|\d+\s*min(?:utes?)? de lecture|"
                 r"(?:©|\(c\)|copyright)\s*.{0,100}|tous droits réservés\W*|mentions légales|"
                 r"politique de confidentialité|conditions (?:générales )?d['’]utilisation|"
                 r"(?:gestion|paramétrer|paramètres|réglages) (?:des )?cookies|accepter(?: et fermer| tout)?|"
                 r"refuser(?: tout)?|tout accepter|tout refuser|nous contacter|contactez-nous|qui sommes-nous|"
                 r"suivez-nous(?: sur .{0,60})?|retour en haut|haut de page|"
                 r".{0,300}\bcookies?\b.{0,300}(?:navigation|consentement|accept\w+|site|publicités?|"
                 r"partenaires|expérience).{0,200})$"),
    locatives=("à", "au", "aux", "dans", "en", "près de", "non loin de", "aux environs de", "aux abords de",
               "à proximité de", "autour de", "vers", "de", "du", "d'", "entre", "sur l'axe", "sur la route de",
               "à la sortie de", "à l'entrée de", "dans la région de", "dans le cercle de", "dans la commune de",
               "dans la province de", "au nord de", "au sud de", "à l'est de", "à l'ouest de"),
    distance_units={"kilomètres": 1.0, "kilomètre": 1.0, "km": 1.0, "kms": 1.0},
    distance_relation=(r"(?:(?:au\s+)?(?:nord|sud)(?:-(?:est|ouest))?\s+(?:de|du|d['’])|(?:à\s+l['’])?(?:est|ouest)\s+"
                       r"(?:de|du|d['’])|de|du|d['’]|des)"),
)

# A named group reads as one actor with its member noun and hedge, which come first in French:
# "des militants présumés du GSIM", "des combattants de l'EIGS", "des éléments de la force Barkhane".
_MEMBRES = (r"(?:(?:présumés?\s+)?(?:militants|combattants|éléments|hommes|membres|jihadistes|djihadistes|terroristes|"
            r"assaillants|insurgés|rebelles|miliciens|chasseurs|partisans|militaires|soldats|sympathisants|"
            r"militantes|cadres|responsables|dirigeants)(?:\s+(?:présumés|armés|supposés))?\s+(?:du|de\s+la|de\s+l['’]|"
            r"des|de|d['’])\s*)?")
LEXICON.actors = tuple(
    ActorRule(_MEMBRES + r"(?:" + a.pattern + r")", a.name, a.inter, a.role, a.assoc, a.case_sensitive)
    if "{C}" not in a.name and a.role in ("armed", "party", "militia", "external") else a
    for a in LEXICON.actors)
