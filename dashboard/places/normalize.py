"""Place-name normalisation: the key every gazetteer lookup goes through.

``normalize("The Ménaka-Region")`` -> ``"menaka region"``. Rules, in order:
casefold; strip accents (NFKD, drop combining marks, fold a few letters such as ø, ł, đ);
full stops after single letters are dropped so "U.S." == "US" and "D.R.C." == "DRC";
apostrophes vanish ("N'Djamena" -> "ndjamena"); hyphens, other full stops and punctuation
become spaces; "&" becomes "and"; spaces collapse; a leading "the " is dropped.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize", "is_latin"]

_APOSTROPHES = "'’‘`´ʼʻ′"
_PUNCT = "-‐‑‒–—―_.,;:!?()[]{}\"“”„«»/\\|*+=<>~^@#$%"
_FOLD = {
    "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ß": "ss",
    "ı": "i", "ħ": "h", "ŧ": "t", "ŋ": "n", "ĸ": "k", "ʹ": "", "ʿ": "", "ʾ": "",
}
_TABLE = str.maketrans({**{c: None for c in _APOSTROPHES}, **{c: " " for c in _PUNCT}, "&": " and "})
_FOLD_TABLE = str.maketrans(_FOLD)
# a full stop right after a lone letter ("u.s.", "d.c.") belongs to an abbreviation: drop it
_ABBREV_DOT_SIMPLE = re.compile(r"\b([a-z])\.")


def _strip_accents(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.translate(_FOLD_TABLE)


def normalize(name: str) -> str:
    """Normalised lookup key for a place name (see module docstring); "" for blank input."""
    s = name.casefold()
    if not s.isascii():
        s = _strip_accents(s)
    if "." in s:
        s = _ABBREV_DOT_SIMPLE.sub(r"\1", s)
    s = " ".join(s.translate(_TABLE).split())
    if s.startswith("the "):
        s = s[4:]
    return s


def is_latin(key: str) -> bool:
    """True when a normalised key is plain ASCII (Latin script after accent stripping)."""
    return key.isascii()
