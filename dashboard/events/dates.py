"""Dates in report text: find date expressions and resolve them against a publication date.

`find_dates(text, lex=...)` returns every date expression with its character offsets, read with the
report language's month and weekday names and relative expressions (``dashboard.lexicons``);
`resolve(ref, published)` turns one into a calendar date and an ACLED `time_precision`
(1 = the day, 2 = the week or a few days, 3 = the month):

- a stated day is precision 1, or 2 when hedged ("On [and around] 5 April 2020");
- a range of days is precision 2 dated to its first day ("between 3 and 5 May"), except one night
  ("the night of 18 to 19 August": the first day, precision 1);
- a day and month with no year takes the publication year, or the year before when that would put
  it more than a week after publication;
- relative phrases ("yesterday", "late last week", "three days ago") count from the publication day.

All patterns are linear-time regexes (no nested quantifiers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from dashboard.errors import InputError
from dashboard.lexicons import Lexicon, for_language

__all__ = ["DateRef", "find_dates", "resolve", "full_dates", "parse_date_arg"]


@dataclass(frozen=True)
class DateRef:
    """One date expression in a text: offsets, kind and the parts it states."""

    start: int
    end: int
    text: str
    kind: str                  # iso, dm_range, md_range, md, dm, my, month, weekday, relative, year
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 = Monday
    rel: str | None = None      # weekday: "last" / "next" / "this" / "on"
    approx: bool = False        # hedged ("on [and around]"): precision 2
    night: bool = False         # a range that is one night: precision 1
    rel_index: int = -1         # relative: index into the lexicon's relative_dates
    count: int = 0              # relative with a count ("three days ago")
    lang: str = "en"

    @property
    def has_year(self) -> bool:
        return self.year is not None


@dataclass(frozen=True)
class _Patterns:
    ordered: tuple[tuple[str, re.Pattern], ...]
    relative: tuple[re.Pattern, ...]
    around_after: re.Pattern
    around_before: re.Pattern
    night: re.Pattern


@lru_cache(maxsize=8)
def _patterns(code: str) -> _Patterns:
    lex = for_language(code)
    names = sorted(lex.months, key=len, reverse=True)
    if lex.months_capitalised:
        names = [n[:1].upper() + n[1:] for n in names]
    mon_alt = "|".join(re.escape(n) + (r"\.?" if len(n) <= 4 else "") for n in names)
    mflags = 0 if lex.months_capitalised else re.I

    def month(g: str) -> str:
        return rf"(?P<{g}>{mon_alt})"

    def day(g: str) -> str:
        return rf"(?P<{g}>[0-3]?\d)(?:{lex.day_suffix})?"

    def year(g: str) -> str:
        return rf"(?P<{g}>(?:1[89]|20)\d\d)"

    join = rf"\s?(?:-|–|{lex.range_join})\s?"
    dmj = lex.day_month_join
    wd_alt = "|".join(re.escape(w) for w in sorted(lex.weekdays, key=len, reverse=True))
    rel_alt = "|".join(re.escape(w) for w in sorted(lex.weekday_rel, key=len, reverse=True))
    ordered = (
        ("iso", re.compile(r"\b" + year("y") + r"-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
        ("dm_range", re.compile(r"\b" + day("d") + join + day("d2") + r"\s+(?:" + dmj + r")?" + month("m")
                                + r"(?:,?\s+" + year("y") + r")?(?!\w)", mflags)),
        ("md_range", re.compile(month("m") + r"\s+" + day("d") + join + day("d2") + r"(?!\d)(?:,?\s+"
                                + year("y") + r")?\b", mflags)),
        ("md", re.compile(month("m") + r"\s+" + day("d") + r"(?!\d)(?:,?\s+" + year("y") + r")?\b", mflags)),
        ("dm", re.compile(r"\b" + day("d") + r"\s+(?:" + dmj + r")?" + month("m") + r"(?:,?\s+" + year("y")
                          + r")?(?!\w)", mflags)),
        ("my", re.compile(month("m") + r"(?:\s+(?:" + dmj + r")?" + year("y") + r")\b", mflags)),
        ("month", re.compile(lex.month_prefix + month("m") + r"(?!\w)(?!\s+\d)", mflags)),
        ("weekday", re.compile(r"\b(?:(?P<rel>" + rel_alt + r")\s+)?(?P<w>" + wd_alt + r")\b", re.I)),
    )
    relative = tuple(re.compile(r.pattern, re.I) for r in lex.relative_dates)
    return _Patterns(ordered, relative, re.compile(r"^\s*" + lex.around, re.I),
                     re.compile(r"(?:" + lex.around + r")\s*$", re.I), re.compile(lex.night, re.I))


_YEAR = re.compile(r"(?<![\d/.-])(?P<y>(?:1[89]|20)\d\d)(?![\d/-])")


def _valid(y: int | None, m: int, d: int | None) -> bool:
    try:
        date(y or 2000, m, d or 1)
    except ValueError:
        return False
    return True


def find_dates(text: str, start: int = 0, end: int | None = None, lex: Lexicon | None = None) -> list[DateRef]:
    """Every date expression in `text[start:end]`, offsets into `text`, in text order, not overlapping
    (the longest form wins: "18 to 19 August 2020" before "19 August")."""
    lex = lex or for_language("en")
    pats = _patterns(lex.code)
    end = len(text) if end is None else end
    taken = bytearray(end - start + 1)
    out: list[DateRef] = []

    def free(a: int, b: int) -> bool:
        return taken.find(1, a - start, b - start) < 0

    def take(ref: DateRef) -> None:
        taken[ref.start - start:ref.end - start] = b"\x01" * (ref.end - ref.start)
        out.append(ref)

    def month_of(token: str) -> int:
        return lex.months[token.rstrip(".").lower()]

    for kind, pat in pats.ordered:
        for m in pat.finditer(text, start, end):
            a, b = m.span()
            if not free(a, b):
                continue
            g = m.groupdict()
            if kind in ("iso", "md", "dm", "dm_range", "md_range"):
                mon = int(g["m"]) if kind == "iso" else month_of(g["m"])
                d = int(g["d"])
                y = int(g["y"]) if g.get("y") else None
                if d == 0 or not _valid(y, mon, d):
                    continue
                before = text[max(start, a - 30):a]
                approx = bool(pats.around_before.search(before) or pats.around_after.match(text, b, min(end, b + 30)))
                if not approx and kind in ("md", "dm"):
                    # "On [and around] 5 April": the hedge sits between the preposition and the date
                    approx = bool(re.search(r"\[[^\]]{0,20}\]\s*$", before)) and bool(pats.around_before.search(
                        before[before.rfind("["):]))
                night = kind in ("dm_range", "md_range") and bool(pats.night.search(text[max(start, a - 30):a]))
                take(DateRef(a, b, m.group(0), kind, y, mon, d, approx=approx, night=night, lang=lex.code))
            elif kind in ("my", "month"):
                take(DateRef(a, b, m.group(0), kind, int(g["y"]) if g.get("y") else None, month_of(g["m"]),
                             lang=lex.code))
            elif kind == "weekday":
                rel = lex.weekday_rel.get((g.get("rel") or "").lower()) if g.get("rel") else None
                take(DateRef(a, b, m.group(0), kind, weekday=lex.weekdays[g["w"].lower()], rel=rel, lang=lex.code))
    for i, pat in enumerate(pats.relative):
        for m in pat.finditer(text, start, end):
            a, b = m.span()
            if not free(a, b):
                continue
            rd = lex.relative_dates[i]
            count = 0
            if rd.count_group:
                tok = m.group(rd.count_group)
                count = lex.number(tok) or 0
            take(DateRef(a, b, m.group(0), "relative", rel_index=i, count=count, lang=lex.code))
    for m in _YEAR.finditer(text, start, end):
        a, b = m.span()
        if free(a, b):
            take(DateRef(a, b, m.group(0), "year", year=int(m.group("y")), lang=lex.code))
    out.sort(key=lambda r: r.start)
    return out


def _guess_year(month: int, day: int, published: date) -> int:
    """The year of a month-day without a year: the publication year, or the one before when that
    would put the date more than a week after publication."""
    y = published.year
    if date(y, month, min(day, 28)) > published + timedelta(days=7):
        return y - 1
    return y


def resolve(ref: DateRef, published: date | None) -> tuple[date | None, int | None, str]:
    """A calendar date, an ACLED time_precision and a short note for one date expression.

    Returns (None, None, reason) when it cannot be resolved (a relative date with no publication
    date, or a bare year, which is background rather than an event date).
    """
    if ref.kind in ("iso", "md", "dm", "dm_range", "md_range"):
        rng = ref.kind in ("dm_range", "md_range")
        tp = 1 if (rng and ref.night) or (not rng and not ref.approx) else 2
        how = " (a range: its first day)" if rng and not ref.night else (" (approximate)" if ref.approx else "")
        if ref.year is None:
            if published is None:
                return None, None, f"'{ref.text}' has no year and the report has no publication date"
            year = _guess_year(ref.month, ref.day, published)
            return date(year, ref.month, ref.day), tp, f"'{ref.text}' read as {year}{how}"
        return date(ref.year, ref.month, ref.day), tp, f"'{ref.text}'{how}"
    if ref.kind in ("my", "month"):
        year = ref.year
        if year is None:
            if published is None:
                return None, None, f"'{ref.text}' has no year and the report has no publication date"
            year = published.year if ref.month <= published.month else published.year - 1
        return date(year, ref.month, 1), 3, f"'{ref.text}' (month only)"
    if ref.kind == "year":
        return None, None, f"'{ref.text}' is a year only"
    if published is None:
        return None, None, f"'{ref.text}' is relative and the report has no publication date"
    if ref.kind == "weekday":
        back = (published.weekday() - ref.weekday) % 7
        if ref.rel == "next":
            fwd = (ref.weekday - published.weekday()) % 7 or 7
            return published + timedelta(days=fwd), 1, f"'{ref.text}' after {published.isoformat()}"
        if ref.rel == "last" and back == 0:
            back = 7
        return published - timedelta(days=back), 1, f"'{ref.text}' in the week to {published.isoformat()}"
    if ref.kind == "relative":
        rd = for_language(ref.lang).relative_dates[ref.rel_index]
        if rd.anchor == "month":
            y, m = published.year, published.month + rd.offset
            while m < 1:
                y, m = y - 1, m + 12
            return date(y, m, 1), rd.precision, f"'{ref.text}' (month, from {published.isoformat()})"
        base = published if rd.anchor == "day" else published - timedelta(days=published.weekday())
        days = rd.offset
        if rd.count_group:
            days = rd.sign * ref.count * (7 if rd.precision == 2 else 1)
        d = base + timedelta(days=days)
        return d, rd.precision, f"'{ref.text}' counted from {published.isoformat()}"
    return None, None, f"'{ref.text}' not understood"


def full_dates(text: str, start: int = 0, end: int | None = None,
               lex: Lexicon | None = None) -> list[tuple[DateRef, date]]:
    """The complete calendar dates (day, month and year all stated) in `text[start:end]`."""
    return [(r, date(r.year, r.month, r.day)) for r in find_dates(text, start, end, lex)
            if r.kind in ("iso", "md", "dm", "dm_range", "md_range") and r.year is not None]


def parse_date_arg(value: str) -> date:
    """A `--date` argument: YYYY-MM-DD (InputError, a ValueError, otherwise)."""
    m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", value or "")
    if not m:
        raise InputError(f"date {value!r} is not YYYY-MM-DD")
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
