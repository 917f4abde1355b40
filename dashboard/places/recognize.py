"""Toponym recognition helpers: tokens, capitalised runs and gazetteer-name matches.

Pure text functions with no gazetteer import, so they are cheap to test. The matcher works on
*capitalised runs* (maximal sequences of capitalised words, which may hold lower-case
connectors such as "of" or "de"): inside each run the longest sub-sequence whose normalised
form is a known place name wins, left to right. Offsets are character offsets into the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from functools import lru_cache

from dashboard import resources
from dashboard.places.normalize import normalize

__all__ = [
    "Token", "Run", "Match", "tokenize", "capitalised_runs", "match_runs",
    "CONNECTORS", "STOPWORDS", "COMPASS", "MONTHS", "WEEKDAYS", "PERSON_TITLES", "ORG_SUFFIXES",
    "NON_EMBEDDING_SUFFIXES", "ABBREVIATIONS", "sentence_initial",
    "common_words", "first_names", "surnames",
]

# a token: dotted initials ("U.S.", "B.C."), or a word with inner hyphens/apostrophes
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:[-'’]\w+)*")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)

#: lower-case words allowed inside a place name ("Isle of Man", "Trinidad and Tobago")
CONNECTORS = frozenset(
    "of de du des la le les el al da do dos das di del della van von der den upon on sur en y "
    "and the an au aux im am bin".split()
)

#: capitalised words that are never a place on their own (function words, pronouns, etc.)
STOPWORDS = frozenset("""
a an the and or but nor if so as at by for from in into of off on onto out over per than
that this these those then there here where when while who whom whose which what why how
to up down with within without about above after again against all also am among any are
around because been before being below between both can could did do does doing during each
either every few further had has have having he her hers him his i is it its just may me
might more most my near neither no not now once only other our ours ourselves own same she
should some such their theirs them they through too under until very was we were will would
yet you your yours one two three four five six seven eight nine ten first last next new old
mr mrs ms dr sir st mt his her my our via per amid says said say according despite
yes okay ok hello hi dear thanks please welcome like
inc ltd corp co jr sr sgt cpl pte cir ave rd blvd dept govt no vs etc ii iii iv ph phd
la le les el los las der die das del de du von van al di da
""".split())

#: direction words: never a place on their own ("the West", "South")
COMPASS = frozenset(
    "north south east west northern southern eastern western central northeast northwest southeast "
    "southwest northeastern northwestern southeastern southwestern upper lower middle greater inner outer "
    "mid midwest downtown uptown".split()
)

MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun".split()
)

#: words before a capitalised name that make it a person ("President Keita", "Gen. Diarra")
PERSON_TITLES = frozenset("""
mr mrs ms miss dr prof sir dame lord lady rev father sister brother saint pope king queen prince
princess president vice premier minister chancellor secretary senator sen rep representative
congressman congresswoman congresswomen governor gov mayor judge justice chief officer detective
sgt sergeant lt lieutenant capt captain col colonel gen general maj major adm admiral cmdr
commander coach manager director chairman chairwoman ceo founder spokesman spokeswoman spokesperson
ambassador envoy councillor councilor councilman councilwoman commissioner sheriff deputy inspector
constable pastor imam rabbi bishop archbishop cardinal professor dean principal mp mep assemblyman
superintendent trooper agent attorney lawyer dr. mr. mrs. ms. prof. gen. col. sgt. lt. capt. gov. sen. rep.
""".split())

#: words after a place name that turn the whole run into an organisation not annotated as a place
#: ("New York Times", "Tehran University"): the place inside is dropped
NON_EMBEDDING_SUFFIXES = frozenset("""
times post journal herald tribune gazette chronicle telegraph guardian observer examiner inquirer
independent express mirror star sun news daily weekly magazine review record register bulletin
standard globe courier dispatch press radio tv television broadcasting network channel
university college institute academy school polytechnic seminary
inc corp corporation co ltd llc plc gmbh company companies group holdings enterprises industries
bank airlines airline airways air motors pharmaceuticals technologies systems solutions
fc united rovers athletic wanderers city county
oilers flames canucks eskimos jets raptors maple leafs blue jays canadiens senators bruins rangers
yankees mets giants lakers clippers warriors celtics knicks nets bulls cavaliers heat spurs rockets
mavericks thunder blazers kings suns nuggets jazz pistons pacers bucks hawks hornets magic wizards
grizzlies pelicans timberwolves patriots cowboys packers steelers eagles ravens broncos chargers
raiders chiefs seahawks texans titans colts jaguars dolphins bills jets browns bengals lions bears
vikings saints falcons panthers buccaneers cardinals rams 49ers redskins commanders dodgers cubs
sox red white reds braves astros marlins nationals orioles phillies pirates padres mariners
brewers twins royals tigers indians guardians athletics angels rockies diamondbacks
""".split())
# "city" and "county" are in the list above only for runs where the gazetteer did not match
# the longer name ("Birmingham City" the club); "Quebec City" and "Metcalfe County" match whole.

#: organisation words after a place name that keep the place as an (embedded) mention
#: ("London Police", "Enfield Council")
ORG_SUFFIXES = frozenset("""
police council government ministry department service services authority agency office
court assembly parliament senate congress commission committee board association society
club hospital airport port station stadium centre center hall square street road avenue
""".split())

_CONTRACTION = re.compile(r"['’](?:ve|d|ll|m|re|t)$", re.IGNORECASE)

#: capitalised phrases in news that are named like a place somewhere but name something else
NOT_PLACES = frozenset({"el nino", "la nina"})

#: dotted abbreviations that are degrees, times or organisations, not places
DOTTED_NON_PLACES = frozenset(
    "M.D. Ph.D. B.A. M.A. B.S. M.S. B.Sc. M.Sc. J.D. R.N. P.A. A.M. P.M. U.N. N.B. P.S. E.g. I.e. L.P. D.J. "
    "T.V. P.R. C.E.O. O.K.".split()
)

#: postal / AP-style abbreviations written with a full stop, mapped to the name to look up
ABBREVIATIONS = {
    "ala": "Alabama", "ariz": "Arizona", "ark": "Arkansas", "calif": "California", "colo": "Colorado",
    "conn": "Connecticut", "del": "Delaware", "fla": "Florida", "ga": "Georgia", "ill": "Illinois",
    "ind": "Indiana", "kan": "Kansas", "kans": "Kansas", "ky": "Kentucky", "la": "Louisiana",
    "md": "Maryland", "mass": "Massachusetts", "mich": "Michigan", "minn": "Minnesota",
    "miss": "Mississippi", "mo": "Missouri", "mont": "Montana", "neb": "Nebraska", "nev": "Nevada",
    "nh": "New Hampshire", "nj": "New Jersey", "nm": "New Mexico", "ny": "New York", "nc": "North Carolina",
    "nd": "North Dakota", "okla": "Oklahoma", "ore": "Oregon", "pa": "Pennsylvania", "ri": "Rhode Island",
    "sc": "South Carolina", "sd": "South Dakota", "tenn": "Tennessee", "tex": "Texas", "vt": "Vermont",
    "va": "Virginia", "wash": "Washington", "wis": "Wisconsin", "wyo": "Wyoming", "wva": "West Virginia",
    "dc": "Washington, D.C.", "bc": "British Columbia", "ont": "Ontario", "que": "Quebec",
    "alta": "Alberta", "sask": "Saskatchewan",
}
#: upper-case abbreviations that name a place without full stops (not after a number: "500 BC")
UNDOTTED = {"BC": "British Columbia"}


def _after_number(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    return i >= 0 and text[i].isdigit()


_JOIN_AFTER_DOT = frozenset({"st", "ste", "mt", "ft", "pt"})
_DOTTED_ABBREV = frozenset({*ABBREVIATIONS, *_JOIN_AFTER_DOT})


def _is_initials(w: str) -> bool:
    return len(w) >= 4 and w[1] == "." and w.endswith(".") and w.count(".") >= 2 and w[-2] != "." and len(w) <= 6


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def cap(self) -> bool:
        """True for a capitalised word ("Bamako", "U.S.", "WASHINGTON")."""
        return self.text[0].isupper()


@dataclass(slots=True)
class Run:
    """A maximal run of capitalised tokens (with inner connectors)."""

    tokens: list[Token]
    index: int = 0  # position of the first token in the document's token list

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


@dataclass(slots=True)
class Match:
    """A gazetteer-name (or demonym / abbreviation) match inside a run."""

    start: int
    end: int
    text: str
    key: str  # the normalised key to look up
    kind: str  # "toponym" | "demonym"
    run: Run
    i: int  # first token index inside the run
    j: int  # one past the last token index inside the run
    features: dict = field(default_factory=dict)


def tokenize(text: str) -> list[Token]:
    """Word tokens with offsets; a possessive "'s" is cut off and "St." / "Ky." keep their dot."""
    out: list[Token] = []
    n = len(text)
    for m in _TOKEN.finditer(text):
        s, e = m.start(), m.end()
        w = m.group()
        p = _POSSESSIVE.search(w)
        if p and len(w) > 2:
            e -= 2
            w = w[:-2]
        if "-" in w and w[0].isupper():
            parts = w.split("-")
            if any(p[:1].islower() for p in parts[1:]) and parts[0] and not parts[-1][:1].isupper():
                # "Russian-backed", "Mali-based": the capitalised head is a word of its own; a name that
                # ends capitalised ("Ti-n-Essako", "I-n-Tillit", "Aix-en-Provence") stays one word
                out.append(Token(s, s + len(parts[0]), parts[0]))
                continue
        elif "-" in w and w[0].islower() and any(p[:1].isupper() for p in w.split("-")[1:]):
            # "anti-Russian", "ex-Soviet", "al-Raqqa": each part is a word of its own
            pos = s
            for part in w.split("-"):
                if part:
                    out.append(Token(pos, pos + len(part), part))
                pos += len(part) + 1
            continue
        if e < n and text[e] == "." and w.casefold() in _DOTTED_ABBREV and w[0].isupper():
            e += 1
            w = text[s:e]
        out.append(Token(s, e, w))
    return out


def _joinable(text: str, a: Token, b: Token) -> bool:
    """True when only blanks (no line break, no punctuation) separate two tokens."""
    gap = text[a.end:b.start]
    if a.text.endswith(".") and a.text[:-1].casefold() not in _JOIN_AFTER_DOT and not _is_initials(a.text):
        return False
    return len(gap) <= 3 and (gap == "" or gap.isspace()) and "\n" not in gap


def capitalised_runs(text: str, tokens: list[Token]) -> list[Run]:
    """Maximal runs of capitalised tokens; lower-case connectors may sit inside a run."""
    runs: list[Run] = []
    cur: list[Token] = []
    start_index = 0
    for idx, tok in enumerate(tokens):
        is_cap = tok.text[0].isupper()
        is_conn = tok.text in CONNECTORS
        if cur and not _joinable(text, cur[-1], tok):
            runs.append(Run(_trim(cur), start_index))
            cur = []
        if is_cap or (is_conn and cur):
            if not cur:
                start_index = idx
            cur.append(tok)
        elif cur:
            runs.append(Run(_trim(cur), start_index))
            cur = []
    if cur:
        runs.append(Run(_trim(cur), start_index))
    return [r for r in runs if r.tokens]


def _trim(tokens: list[Token]) -> list[Token]:
    while tokens and not tokens[-1].text[0].isupper():
        tokens = tokens[:-1]
    return tokens


@lru_cache(maxsize=65536)
def _key(s: str) -> str:
    return normalize(s)


def sentence_initial(text: str, pos: int) -> bool:
    """True when position ``pos`` starts a sentence, a line, a quote or the text."""
    i = pos - 1
    while i >= 0 and text[i] in " \t\"'“‘(«[—–-":
        i -= 1
    return i < 0 or text[i] in ".!?:\n\r;|•*"


def _split_hyphens(run: Run, names: Container[str]) -> None:
    """'Amsterdam-London' (no such name) becomes two tokens; 'Guinea-Bissau' stays one."""
    if not any("-" in t.text for t in run.tokens):
        return
    toks: list[Token] = []
    for t in run.tokens:
        if "-" in t.text and _key(t.text) not in names:
            pos = t.start
            for part in t.text.split("-"):
                if part:
                    toks.append(Token(pos, pos + len(part), part))
                pos += len(part) + 1
        else:
            toks.append(t)
    run.tokens = toks


def match_runs(
    text: str,
    runs: list[Run],
    names: Container[str],
    demonym: Callable[[str], object],
    max_tokens: int = 6,
) -> list[Match]:
    """Longest-first gazetteer matches inside every run, left to right.

    ``names`` holds normalised gazetteer keys; ``demonym(word)`` returns a truthy value for a
    demonym or adjective of a place ("Malian"). A dotted abbreviation ("Ky.", "Calif.") matches
    through :data:`ABBREVIATIONS`.
    """
    out: list[Match] = []
    for run in runs:
        _split_hyphens(run, names)
        toks = run.tokens
        n = len(toks)
        i = 0
        while i < n:
            ti = toks[i]
            if not ti.text[0].isupper() or (ti.text in ("The", "THE") and i + 1 < n):
                i += 1
                continue
            found = None
            for j in range(min(n, i + max_tokens), i, -1):
                tj = toks[j - 1]
                if not tj.text[0].isupper():
                    continue
                s, e = ti.start, tj.end
                span = text[s:e]
                key = _key(span)
                if j == i + 1:
                    low = key
                    if span in DOTTED_NON_PLACES or _CONTRACTION.search(span):
                        continue
                    if low in STOPWORDS or low in MONTHS or low in WEEKDAYS or low in COMPASS:
                        if not (span.endswith(".") and low in ABBREVIATIONS):
                            continue
                    if span in UNDOTTED and not _after_number(text, s):
                        found = Match(s, e, span, _key(UNDOTTED[span]), "toponym", run, i, j)
                        break
                    if span.endswith(".") and low in ABBREVIATIONS and (
                        "." in span[:-1] or text[max(0, s - 2):s] == ", "
                    ):
                        found = Match(s, e, span, _key(ABBREVIATIONS[low]), "toponym", run, i, j)
                        break
                if j - i <= 2 and demonym(span):
                    found = Match(s, e, span, key, "demonym", run, i, j)
                    break
                if key in names and key not in NOT_PLACES:
                    found = Match(s, e, span, key, "toponym", run, i, j)
                    break
            if found is None:
                i += 1
                continue
            out.append(found)
            i = found.j
    return out


# ------------------------------------------------------------------------------------------ lexicons

_DATA = resources.gazetteer_dir()


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """English words normally written in lower case (SCOWL list in data/gazetteer)."""
    path = _DATA / "geoparse_common_words.txt"
    try:
        with open(path, encoding="utf-8") as fh:
            return frozenset(w.strip() for w in fh if w.strip() and not w.startswith("#"))
    except OSError:
        return frozenset()


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Given names (US census lists shipped by the ``names`` package), upper case; empty when absent."""
    return _census("dist.male.first", "dist.female.first")


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Family names (US census list shipped by the ``names`` package), upper case; empty when absent."""
    return _census("dist.all.last", limit=40000)


def _census(*files: str, limit: int | None = None) -> frozenset[str]:
    import names as census  # the PyPI package "names" (MIT): 1990 US census name lists (a dependency)

    base = __import__("pathlib").Path(census.__file__).parent
    out: set[str] = set()
    for f in files:
        try:
            with open(base / f, encoding="ascii", errors="ignore") as fh:
                for k, line in enumerate(fh):
                    if limit is not None and k >= limit:
                        break
                    w = line.split(" ", 1)[0].strip()
                    if w:
                        out.add(w)
        except OSError:
            continue
    return frozenset(out)
