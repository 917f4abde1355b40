"""French place words: how the Sahel's press and analysts writing in French say where something happened.

Same shape as the English place lexicon (``PLACES``, read by :mod:`dashboard.places.forms`; see
``dashboard/places/lexicon_en.py`` for what each key means), so the place step reads
"à Kati", "dans la région de Mopti", "au nord de Gao", "à 30 km au sud de Gao", "entre Douentza et
Boni", "sur l'axe Gao-Ansongo", "dans le cercle de Bankass", "commune de Dioura", "près de Boni",
"un village de la région de Mopti" as it reads their English forms.

``COMMON_WORDS``: French words written with a capital at the start of a sentence that are no place
("Selon", "Lundi", "Aux", "Entre"), so the recogniser does not look them up as toponyms.
All entries are lower case; multi-word entries match with any run of spaces between words.
"""

from __future__ import annotations

PLACES: dict[str, object] = {
    "near": ["près de", "près d'", "non loin de", "non loin d'", "aux environs de", "aux environs d'",
             "aux abords de", "aux abords d'", "à proximité de", "à proximité d'", "autour de", "autour d'",
             "dans les environs de", "dans les environs d'", "dans la zone de", "dans la zone d'",
             "dans le secteur de", "dans le secteur d'", "à la sortie de", "à la sortie d'", "à l'entrée de",
             "à l'entrée d'", "en périphérie de", "en périphérie d'", "à la périphérie de", "à la périphérie d'",
             "dans la périphérie de", "dans la périphérie d'", "vers", "du côté de", "du côté d'", "hors de"],
    "between": ["entre"],
    "and": ["et"],
    "route": ["axe", "route", "tronçon", "piste", "corridor", "voie", "nationale", "RN"],
    "from": ["de", "d'", "reliant"],
    "to": ["à", "au", "et"],
    "units": {"km": 1000.0, "kms": 1000.0, "kilomètres": 1000.0, "kilomètre": 1000.0, "m": 1.0, "mètres": 1.0,
              "mètre": 1.0},
    "directions": {"nord": 0.0, "nord-est": 45.0, "est": 90.0, "sud-est": 135.0, "sud": 180.0,
                   "sud-ouest": 225.0, "ouest": 270.0, "nord-ouest": 315.0},
    "direction_lead": ["au", "à l'", "à l’", "dans le", "dans l'", ""],
    "of": ["de", "d'", "d’", "du"],
    "admin": {"région": "admin1", "region": "admin1", "province": "admin1", "gouvernorat": "admin1",
              "état": "admin1", "cercle": "admin2", "département": "admin2", "district": "admin2",
              "préfecture": "admin2", "commune": "admin3", "arrondissement": "admin3", "municipalité": "admin3",
              "commune rurale": "admin3", "commune urbaine": "admin3"},
    "unnamed": ["village", "villages", "hameau", "hameaux", "localité", "localités", "campement", "campements",
                "camp", "camps", "puits", "marché", "ville", "bourgade", "site d'orpaillage", "site", "quartier"],
    "indefinite": ["un", "une", "deux", "trois", "quatre", "cinq", "plusieurs", "quelques", "des", "un petit",
                   "un lointain", "un autre", "une autre"],
    "in": ["de", "du", "des", "d'", "dans", "dans la", "dans le", "en"],
    "unit_of": ["de", "d'", "d’", "du"],
    "features": ["forêt", "oued", "vallée", "colline", "collines", "mine", "mare", "zone", "route", "lac",
                 "fleuve", "massif", "falaise", "plateau", "île"],
}

#: an elided article or pronoun glued to a capitalised name ("d'Ansongo", "l'Azawad", "jusqu'à"): the
#: apostrophe (the match's last character) is read as a space; "Côte d'Ivoire" stays whole
ELISION = r"(?<![\w'’])(?:[dlDL]|[Jj]usqu|[Ll]orsqu|[Pp]uisqu|[Qq]u)['’](?=[A-ZÀÂÉÈÊÎÔÛÇ])(?!Ivoire)"

COMMON_WORDS: frozenset[str] = frozenset("""
le la les l un une des du de d au aux à a et ou ni mais donc or car en dans sur sous par pour avec sans
vers chez entre contre selon après avant depuis pendant lors durant dès malgré parmi hors jusque jusqu
ce cet cette ces son sa ses leur leurs notre nos votre vos mon ma mes il elle ils elles on nous vous
qui que quoi dont où quand comme si ne pas plus aucun aucune plusieurs certains certaines quelques
tous toutes tout toute chaque autre autres même mêmes tel telle deux trois quatre cinq six sept huit
neuf dix cent mille premier première dernier dernière
lundi mardi mercredi jeudi vendredi samedi dimanche
janvier février mars avril mai juin juillet août septembre octobre novembre décembre
hier aujourd demain ainsi alors aussi encore déjà enfin ensuite puis toutefois cependant pourtant
désormais également notamment environ près loin ici là non oui
monsieur madame président présidente ministre général colonel commandant capitaine lieutenant
gouvernement armée police gendarmerie assemblée nationale conseil comité mouvement front
casques bleus forces jihadistes terroristes
fama famas fds vdp gsim jnim eigs isgs minusma barkhane takuba koglweogo dozo dozos donso cnsp ortm onu
cedeao uemoa
""".split())
