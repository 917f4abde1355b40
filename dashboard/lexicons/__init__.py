"""The language seam: every word extraction needs, one lexicon per language.

Extraction code (``dashboard.events``) holds no words of any language: it asks the report's
:class:`Lexicon` for them. A language is supported when ``dashboard/lexicons/<code>.py`` defines
``LEXICON = Lexicon(...)``; ``fr.py`` is added by filling the same fields as ``en.py``.

How a report's language is chosen (``choose_language``): ``--lang`` > the report's ``Language:``
header > :func:`detect_language` (stop-word profiles, offline). A report in a language with no
lexicon is rejected with that reason; English rules are never applied to it.

Fields of :class:`Lexicon` (regular expressions are Python ``re`` source strings, matched
case-insensitively unless a rule says otherwise; each must be linear-time: plain alternations,
no nested quantifiers):

Identity
    ``code`` ISO 639-1 code ("en"); ``name`` the language's English name.
    ``stopwords`` the commonest function words: the language's profile for detection.

Sentences
    ``abbreviations`` words that end with a full stop without ending a sentence ("Gen", "Aug").

Event words (step "triggers")
    ``triggers`` :class:`TriggerRule` list: a word pattern, its ACLED ``event_type`` /
    ``sub_event_type`` and a priority (more specific or more severe = higher). An empty type means
    "typed by its arguments" (a bare "killed", "attacked": who did it to whom decides).
    ``requires`` names a cue (below) that must be in the sentence ("gathered" is a protest only with
    a crowd word); ``not_before`` a pattern the words right after must not match ("protest movement").
    ``finite_verb`` matches a trigger's first word when it is a finite verb ("detained"), not a noun
    ("the detention"): hypothetical cues that end earlier do not swallow finite verbs.
    ``cues`` named context patterns used by the language-neutral rules (a cue a language leaves out
    never matches): ``crowd`` (words that make "gathered" a protest), ``protesters``,
    ``intervention`` (tear gas, dispersed, arrested), ``excessive`` (live fire on a crowd),
    ``violent_crowd`` (stones, burning, vandalism), ``military_target`` / ``civilian_target`` (what
    a bare attack hit), ``crowd_agent`` (villagers, youths: a mob), ``firearms``, ``mutiny``,
    ``non_combat`` (accident, illness: no political violence), ``nonviolent`` ("without
    resistance": a non-violent transfer), ``background`` ("after", "following": a clause telling an
    earlier happening), ``determiner`` (before a noun trigger), ``object_position`` / ``object_only``
    (an actor that cannot be a subject: after a preposition, an object pronoun), ``individual`` (a
    party member as one person), ``in_the_capital`` (for distance claims).

Filters
    ``hypothetical`` a cue ending right before a trigger that makes it hypothetical, demanded or
    negated ("fears of", "called for", "did not"); ``soft_hypothetical`` the subset that does not
    govern a finite verb ("protesters who called for his ouster gathered").
    ``aggregate`` a cue ending right before a noun trigger that sums many happenings
    ("months of", "a wave of"). ``clause_split`` where a clause starts (for the filters).
    ``reporting`` a cue before a date that dates the telling, not the happening ("said on").

Arguments (step "actors")
    ``actors`` :class:`ActorRule` list: pattern, ACLED actor name template ("Military Forces of {C}",
    {C} = the event's country), ACLED inter code (1 state ... 8 external), role (state, external,
    armed, militia, party, protest, riot, civ, gov) and associated actor.
    ``passive_aux`` auxiliaries before a passive participle ("was", "were"); ``agent_marker`` the
    word before a passive agent ("by"); ``patient_marker`` words before a nominal's target ("on",
    "against"); ``between`` the word before two parties ("clashes between X and Y");
    ``relative`` relative pronouns; ``subordinators`` words that open a new clause ("as", "when").

Harm (step "fatalities")
    ``numbers`` number words → value ("two": 2; compound forms are built by the lexicon);
    ``singular`` words that mean one in "killing a man" ("a", "an", "him"); ``approx`` hedges before
    a number ("at least"); ``range_join`` between the two ends of a range ("to", "and");
    ``list_join`` between summed items ("killing two soldiers and three civilians");
    ``kill_before`` verbs before a count ("killing"); ``kill_after`` words after a count
    ("were killed", "dead"); ``kill_single`` verbs before a single victim ("killing a
    man", "killed him"); ``kill_toll`` a death-toll phrase before a count;
    ``no_deaths`` "no casualties reported" (→ 0); ``vague`` vague counts ("several", "dozens") →
    a flag, never a number; ``wounded_before``/``wounded_after``, ``abducted_before``/
    ``abducted_after`` the same shapes for wounded and abducted counts (they go in tags);
    ``additive`` a cue that a later count adds to an earlier one ("also", "another");
    ``range_open`` the word that opens a range, matched right before its first number ("between");
    ``count_range`` between the ends of a count range ("five to seven killed": the lowest counts);
    ``non_count_units`` units after a number that make it no head count ("15 km", "20 years").

Dates (step "dates")
    ``months`` month names and abbreviations → 1-12 (``months_capitalised``: a month name counts only
    when written with a capital, as in English where "may" is also a verb); ``weekdays`` names → 0 (Monday) .. 6;
    ``day_suffix`` ordinal endings ("st", "nd"); ``day_month_join`` between day and month ("of");
    ``range_join`` (shared with harm) between the days of a range; ``night`` a cue before a
    range that makes it one night (precision 1, "the night of 18 to 19 August");
    ``around`` a cue that makes a stated day approximate (precision 2, "on [and around]");
    ``month_prefix`` words before a month-only reference ("in", "since", "early");
    ``weekday_rel`` words before a weekday → "last" / "next" / "this" / "on";
    ``relative_dates`` :class:`RelativeDate` list ("yesterday", "late last week", "three days ago").

Places and page furniture (shared with ``dashboard.places`` and ``dashboard.sources``)
    ``person_titles`` words before a name that make it a person; ``organisation_words`` words
    after a name that make it an organisation; ``landmarks`` landmark head phrases;
    ``boilerplate`` a pattern for whole lines of page furniture; ``locatives`` prepositions
    before a place; ``distance_units`` unit word → km factor; ``distance_relation`` the words
    between a distance and the place it is measured from.
    ``places`` the place lexicon module ``dashboard/lexicons/places_<code>.py`` (directions,
    "between", road/axis, admin words), owned by the place step; ``None`` when absent.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from types import ModuleType

from dashboard.lexicons.profiles import LANGUAGE_NAMES, PROFILES, SCRIPTS

__all__ = ["Lexicon", "TriggerRule", "ActorRule", "RelativeDate", "for_language", "detect_language",
           "choose_language", "normalize_language", "language_name", "SUPPORTED", "UnsupportedLanguage"]

#: languages with a lexicon (a module ``dashboard/lexicons/<code>.py`` defining ``LEXICON``)
SUPPORTED: tuple[str, ...] = tuple(
    c for c in ("en", "fr", "es", "pt", "de", "it", "nl", "ar")
    if importlib.util.find_spec(f"dashboard.lexicons.{c}") is not None)


class UnsupportedLanguage(LookupError):
    """No lexicon for this language (the extraction step turns it into a reject)."""

    def __init__(self, code: str, how: str = ""):
        self.code = code
        self.how = how
        super().__init__(f"the report is in {language_name(code)}{f' ({how})' if how else ''}; crisismap reads "
                         f"{', '.join(language_name(c) for c in SUPPORTED)} only (use --lang if this is wrong)")


@dataclass(frozen=True)
class TriggerRule:
    """One event word pattern and its ACLED mapping (empty type: typed by its arguments)."""

    key: str
    event_type: str
    sub_event_type: str
    priority: int
    pattern: str
    requires: str = ""        # a cue name that must match somewhere in the sentence
    not_before: str = ""      # a pattern that must not match right after the words


@dataclass(frozen=True)
class ActorRule:
    """One actor pattern: ACLED name template ({C} = country), inter code, role, associated actor."""

    pattern: str
    name: str
    inter: int
    role: str
    assoc: str = ""
    case_sensitive: bool = False


@dataclass(frozen=True)
class RelativeDate:
    """A relative date phrase: anchor "day" (publication day), "week" (Monday of the publication
    week) or "month" (first of the publication month), an offset (days; months for "month"),
    the ACLED time_precision, and an optional group name holding a count ("three days ago")."""

    pattern: str
    anchor: str
    offset: int
    precision: int
    count_group: str = ""
    sign: int = -1            # with count_group: -1 = back in time


@dataclass
class Lexicon:
    """All the words of one language (see the module docstring for what each field means)."""

    code: str
    name: str
    stopwords: frozenset[str]
    abbreviations: tuple[str, ...]
    triggers: tuple[TriggerRule, ...]
    finite_verb: str
    cues: Mapping[str, str]
    hypothetical: str
    soft_hypothetical: str
    aggregate: str
    clause_split: str
    reporting: str
    actors: tuple[ActorRule, ...]
    passive_aux: str
    agent_marker: str
    patient_marker: str
    between: str
    relative: str
    subordinators: str
    numbers: Mapping[str, int]
    singular: str
    approx: str
    range_join: str
    list_join: str
    kill_before: str
    kill_after: str
    kill_single: str
    kill_toll: str
    no_deaths: str
    vague: str
    wounded_before: str
    wounded_after: str
    abducted_before: str
    abducted_after: str
    additive: str
    non_count_units: str
    count_range: str
    range_open: str
    months: Mapping[str, int]
    months_capitalised: bool
    weekdays: Mapping[str, int]
    day_suffix: str
    day_month_join: str
    night: str
    around: str
    month_prefix: str
    weekday_rel: Mapping[str, str]
    relative_dates: tuple[RelativeDate, ...]
    person_titles: frozenset[str] = frozenset()
    organisation_words: frozenset[str] = frozenset()
    landmarks: tuple[str, ...] = ()
    boilerplate: str = r"(?!)"
    locatives: tuple[str, ...] = ()
    distance_units: Mapping[str, float] = field(default_factory=dict)
    distance_relation: str = r"(?!)"

    # ------------------------------------------------------------ compiled forms (built once)

    def rx(self, source: str, flags: int = re.I) -> re.Pattern:
        """A compiled pattern (cached per lexicon)."""
        return _compile(source, flags)

    def cue(self, name: str) -> re.Pattern:
        """A named context cue, compiled; a cue the language does not define never matches."""
        return _compile(self.cues.get(name, r"(?!)"), re.I)

    @cached_property
    def number_pattern(self) -> str:
        """A named group ``n`` for a count: digits or a number word, longest words first."""
        words = sorted((re.escape(k) for k in self.numbers), key=len, reverse=True)
        return r"(?P<n>\d{1,5}(?:,\d{3})?|" + "|".join(words) + r")"

    def number(self, token: str) -> int | None:
        """The value of a count token ("12", "twelve", "1,200"); None if not a number."""
        t = token.strip().lower().replace("\u2011", "-")
        if t.replace(",", "").isdigit():
            return int(t.replace(",", ""))
        return self.numbers.get(t)

    @cached_property
    def places(self) -> ModuleType | None:
        """The place lexicon ``dashboard/lexicons/places_<code>.py`` when it exists (the hook for
        the place step), else None."""
        name = f"dashboard.lexicons.places_{self.code}"
        if importlib.util.find_spec(name) is None:
            return None
        return importlib.import_module(name)


@lru_cache(maxsize=512)
def _compile(source: str, flags: int) -> re.Pattern:
    return re.compile(source, flags)


# ---------------------------------------------------------------- choosing a lexicon

def normalize_language(value: str | None) -> str | None:
    """An ISO 639-1 code from a header or option value ("English", "en-GB", "Français" → "en"/"fr");
    None when empty or unknown."""
    if not value or not value.strip():
        return None
    v = value.strip().lower().replace("_", "-")
    v = v.split("-")[0] if re.fullmatch(r"[a-z]{2,3}(?:-[a-z0-9]+)*", v) else v
    if v in LANGUAGE_NAMES:
        return v
    for code, names in _NAME_INDEX.items():
        if v in names:
            return code
    return None


_NAME_INDEX: dict[str, set[str]] = {
    "en": {"english", "anglais", "eng"}, "fr": {"french", "français", "francais", "fra", "fre"},
    "es": {"spanish", "español", "espanol", "spa"}, "pt": {"portuguese", "português", "portugues", "por"},
    "de": {"german", "deutsch", "deu", "ger"}, "it": {"italian", "italiano", "ita"}, "nl": {"dutch", "nederlands"},
    "ar": {"arabic", "ara", "العربية"}, "bn": {"bengali", "bangla", "ben"}, "ru": {"russian", "rus"},
    "zh": {"chinese", "zho", "chi"}, "hi": {"hindi", "hin"}, "ur": {"urdu", "urd"},
}


def language_name(code: str | None) -> str:
    """The English name of a language code ("fr" → "French"); the code itself if unknown."""
    return LANGUAGE_NAMES.get(code or "", code or "an unknown language")


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def detect_language(text: str) -> str:
    """The language of a text as an ISO 639-1 code, offline: the script first (Arabic, Bengali,
    Cyrillic, ...), else the stop-word profile with the most hits among the first 400 words.
    "und" when the text has too few words to tell."""
    scores = language_scores(text)
    if isinstance(scores, str):
        return scores
    best = max(scores, key=scores.get)
    return best if scores[best] >= 2 else "und"


def language_scores(text: str) -> dict[str, float] | str:
    """Stop-word hits per profiled language, or the code itself when the script decides (or "und")."""
    sample = text[:6000]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return "und"
    for code, (lo, hi) in SCRIPTS.items():
        share = sum(1 for c in letters if lo <= ord(c) <= hi) / len(letters)
        if share > 0.4:
            return code
    words = [w.lower().replace("’", "'") for w in _WORD.findall(sample)[:400]]
    if not words:
        return "und"
    scores: dict[str, float] = {}
    for code, stop in PROFILES.items():
        hits = sum(1 for w in words if w in stop)
        # elisions ("l'armée", "d'un") are strong French/Italian evidence
        hits += sum(1 for w in words if "'" in w and w.split("'")[0] in stop)
        scores[code] = hits
    return scores


def choose_language(*, option: str | None = None, header: str | None = None, text: str = "") -> tuple[str, str]:
    """(code, how): ``--lang`` > ``Language:`` header > detection. ``how`` is "option", "header"
    or "detected". An option or header naming no known language raises UnsupportedLanguage."""
    for value, how in ((option, "option"), (header, "header")):
        if value and value.strip():
            code = normalize_language(value)
            if code is None:
                raise UnsupportedLanguage(value.strip(), f"given as {how}")
            return code, how
    code = detect_language(text)
    scores = language_scores(text)
    if code not in SUPPORTED and isinstance(scores, dict):
        # a short report whose place names ("Cercle de Koro") tip the count: an unsupported language
        # must win clearly over the best supported one before the report is refused
        sup = max((c for c in SUPPORTED if c in scores), key=scores.get, default=None)
        if sup is not None and scores[sup] > 0 and (code == "und" or scores[code] - scores[sup] < max(
                2.0, 0.25 * scores[code])):
            return sup, "detected (close call)"
    return code, "detected"


def for_language(lang: str) -> Lexicon:
    """The lexicon of a language (ISO 639-1 code or a name); UnsupportedLanguage when none exists."""
    code = normalize_language(lang) or lang
    if code not in SUPPORTED:
        raise UnsupportedLanguage(code)
    return _load(code)


@cache
def _load(code: str) -> Lexicon:
    mod = importlib.import_module(f"dashboard.lexicons.{code}")
    lex = mod.LEXICON
    if not isinstance(lex, Lexicon) or lex.code != code:
        raise TypeError(f"dashboard.lexicons.{code}.LEXICON is not the Lexicon of {code!r}")
    return lex
