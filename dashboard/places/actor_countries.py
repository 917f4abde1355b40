"""Actors that tell a report's country: armed forces, militias, missions and parties that act inside one
country ("FAMa" -> Mali, "Koglweogo" -> Burkina Faso, "Awami League" -> Bangladesh).

Event-data notes often name no country ("On 5 March 2020, JNIM militants attacked a FAMa post in Libe");
the actor is the clue an analyst reads. The names live in ``data/gazetteer/actor_countries.tsv`` (checked
by hand, each with what it stands for); :func:`actor_countries` finds them in a text.
"""

from __future__ import annotations

import csv
import functools
import re
from typing import NamedTuple

from dashboard import resources

__all__ = ["ActorCountry", "actor_countries", "table"]


class ActorCountry(NamedTuple):
    """A name of :func:`table` found in a text: character offsets into it, the name as written, the country."""

    start: int
    end: int
    name: str
    country: str  # ISO 3166-1 alpha-2


@functools.lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """{name as written: ISO 3166-1 alpha-2} from ``actor_countries.tsv``."""
    path = resources.gazetteer_dir() / "actor_countries.tsv"
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return {r["name"]: r["country"].upper() for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)}


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    names = sorted(table(), key=len, reverse=True)  # longest first: "Ansar-VDP" before "VDP"
    alt = "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in names)
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)")


def actor_countries(text: str) -> list[ActorCountry]:
    """The actor names of :func:`table` in ``text``, in text order."""
    t = table()
    out = []
    for m in _pattern().finditer(text or ""):
        cc = t.get(" ".join(m.group(0).split()))
        if cc:
            out.append(ActorCountry(m.start(), m.end(), m.group(0), cc))
    return out
