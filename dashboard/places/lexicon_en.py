"""English place words: how analysts and reporters write where something happened.

One dict, ``PLACES``, read by :mod:`dashboard.places.forms`. It moves as is to
``dashboard/lexicons/places_en.py`` once the lexicons package is on main; a French file
(``places_fr.py``) has the same keys. Shape (every list is lower case; multi-word entries are
matched as written, with any run of spaces between words):

``near``       words before a name meaning "close to it, not in it": the name's point at geo_precision 2
``between``    the word that opens "between A and B"; ``and`` the word that joins A and B
``route``      words for a road or axis: "on the A-B road", "the A-B axis", "axis A-B", "road from A to B"
``from``/``to`` the words of "from A to B" after a route word
``units``      distance unit -> metres ("30 km north of Y")
``directions`` compass word -> bearing in degrees clockwise from north
``direction_lead`` optional words before a direction ("to the north of", French "au nord de")
``of``         the word after the direction ("north of Y", "from Y")
``admin``      administrative words -> level ("region" -> "admin1", "cercle" -> "admin2", "commune" -> "admin3")
``unnamed``    words for a place left unnamed ("a village in the Mopti region")
``indefinite`` words that open an unnamed place ("a", "one", "several")
``in``         words that put the unnamed place inside the region ("in", "of")
``unit_of``    the word between a unit word and its name ("the district of Cumilla", French "cercle de Bankass")
``features``   words after a name that say what it is ("Serma forest (Douentza, Mopti)")
"""

from __future__ import annotations

PLACES: dict[str, object] = {
    "near": ["near", "close to", "outside", "on the outskirts of", "in the outskirts of", "in the area of",
             "in the vicinity of", "not far from", "around", "in the surroundings of", "on the edge of"],
    "between": ["between"],
    "and": ["and"],
    "route": ["road", "axis", "highway", "route", "track", "corridor", "stretch"],
    "from": ["from"],
    "to": ["to"],
    "units": {"km": 1000.0, "kms": 1000.0, "kilometres": 1000.0, "kilometers": 1000.0, "kilometre": 1000.0,
              "kilometer": 1000.0, "miles": 1609.344, "mile": 1609.344, "mi": 1609.344, "m": 1.0, "metres": 1.0,
              "meters": 1.0},
    "directions": {"north": 0.0, "north-east": 45.0, "northeast": 45.0, "north east": 45.0, "east": 90.0,
                   "south-east": 135.0, "southeast": 135.0, "south east": 135.0, "south": 180.0,
                   "south-west": 225.0, "southwest": 225.0, "south west": 225.0, "west": 270.0,
                   "north-west": 315.0, "northwest": 315.0, "north west": 315.0},
    "direction_lead": ["to the", ""],
    "of": ["of", "from"],
    "admin": {"region": "admin1", "province": "admin1", "state": "admin1", "governorate": "admin1",
              "district": "admin2", "cercle": "admin2", "circle": "admin2", "department": "admin2",
              "prefecture": "admin2", "county": "admin2", "commune": "admin3", "municipality": "admin3",
              "arrondissement": "admin3", "division": "admin1", "upazila": "admin3", "upazilla": "admin3",
              "thana": "admin3"},
    "unnamed": ["village", "villages", "hamlet", "hamlets", "locality", "localities", "settlement", "settlements",
                "camp", "camps", "well", "wells", "market", "town"],
    "indefinite": ["a", "an", "one", "two", "three", "four", "five", "several", "some", "many", "a small",
                   "a remote", "an unnamed", "a nearby"],
    "in": ["in", "of"],
    "unit_of": ["of"],
    "features": ["forest", "wadi", "valley", "hill", "hills", "mine", "waterhole", "area", "road", "pond", "lake"],
}
