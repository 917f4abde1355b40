"""Dates in report text: find date expressions and resolve them against a publication date.

`find_dates(text)` returns every date expression with its character offsets;
`resolve(ref, published)` turns one into a calendar date and an ACLED `time_precision`
(1 = the day, 2 = the week, 3 = the month). All patterns are linear-time regexes (no
nested quantifiers), so a multi-megabyte text is scanned in well under a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dashboard.errors import InputError

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MONTH = (
    r"(?P<{g}>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:1[89]|20)\d\d)"
_WD = r"(?P<{g}>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# Ordered: the first pattern that matches at a place wins (longest forms first).
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b" + _YEAR.format(g="y") + r"-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    # 18-19 August 2020, 18 to 19 Aug
    ("dm_range", re.compile(
        r"\b" + _DAY.format(g="d") + r"\s?(?:-|–|to|and)\s?" + _DAY.format(g="d2") + r"\s+(?:of\s+)?"
        + _MONTH.format(g="m") + r"(?:,?\s+" + _YEAR.format(g="y") + r")?\b")),
    # Aug. 18, 2020 / August 18
    ("md", re.compile(
        _MONTH.format(g="m") + r"\s+" + _DAY.format(g="d") + r"(?!\d)(?:,?\s+" + _YEAR.format(g="y") + r")?\b")),
    # 18 August 2020 / 18th of August
    ("dm", re.compile(
        r"\b" + _DAY.format(g="d") + r"\s+(?:of\s+)?" + _MONTH.format(g="m") + r"(?:,?\s+" + _YEAR.format(g="y")
        + r")?\b")),
    # August 2020 / in June
    ("my", re.compile(_MONTH.format(g="m") + r"(?:\s+(?:of\s+)?" + _YEAR.format(g="y") + r")\b")),
    ("month", re.compile(r"\b(?:in|since|during|early|late|mid-?|until|by)\s+(?:early\s+|late\s+|mid-?)?"
                         + _MONTH.format(g="m") + r"\b(?!\s+\d)")),
    ("weekday", re.compile(r"\b(?P<rel>last\s+|next\s+|this\s+|on\s+)?" + _WD.format(g="w")
                           + r"(?:\s+(?P<part>night|morning|afternoon|evening))?\b", re.I)),
    ("relative", re.compile(
        r"\b(?P<r>yesterday|today|tonight|last\s+night|this\s+morning|this\s+afternoon|this\s+evening|"
        r"earlier\s+today|overnight|the\s+day\s+before|last\s+week|this\s+week|earlier\s+this\s+week|"
        r"last\s+month|this\s+month|earlier\s+this\s+month|(?P<n>\d{1,2}|two|three|four|five|six)\s+days\s+ago)\b",
        re.I)),
    ("year", re.compile(r"(?<![\d/.-])" + _YEAR.format(g="y") + r"(?![\d/-])")),
]

_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(frozen=True)
class DateRef:
    """One date expression in a text: offsets, kind and the parts it states."""

    start: int
    end: int
    text: str
    kind: str                  # iso, dm_range, md, dm, my, month, weekday, relative, year
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 = Monday
    rel: str | None = None      # "last", "next", "this", "on" (weekday) or the relative phrase

    @property
    def has_year(self) -> bool:
        return self.year is not None


def _month(token: str) -> int:
    return MONTHS[token[:3].lower()]


def _valid(y: int | None, m: int, d: int | None) -> bool:
    try:
        date(y or 2000, m, d or 1)
    except ValueError:
        return False
    return True


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateRef]:
    """Every date expression in `text[start:end]`, offsets into `text`, in text order, not overlapping."""
    end = len(text) if end is None else end
    taken = bytearray(end - start + 1)  # 1 where an earlier (longer) pattern already matched
    out: list[DateRef] = []

    def free(a: int, b: int) -> bool:
        return taken.find(1, a - start, b - start) < 0

    for kind, pat in _PATTERNS:
        for m in pat.finditer(text, start, end):
            a, b = m.span()
            if not free(a, b):
                continue
            g = m.groupdict()
            ref: DateRef | None = None
            if kind in ("iso", "md", "dm", "dm_range"):
                mon = int(g["m"]) if kind == "iso" else _month(g["m"])
                day = int(g["d"])
                year = int(g["y"]) if g.get("y") else None
                if not _valid(year, mon, day) or day == 0:
                    continue
                ref = DateRef(a, b, m.group(0), kind, year, mon, day)
            elif kind in ("my", "month"):
                ref = DateRef(a, b, m.group(0), kind, int(g["y"]) if g.get("y") else None, _month(g["m"]))
            elif kind == "weekday":
                rel = (g.get("rel") or "").strip().lower() or None
                ref = DateRef(a, b, m.group(0), kind, weekday=WEEKDAYS.index(g["w"].lower()), rel=rel)
            elif kind == "relative":
                ref = DateRef(a, b, m.group(0), kind, rel=re.sub(r"\s+", " ", g["r"].lower()))
            elif kind == "year":
                ref = DateRef(a, b, m.group(0), kind, year=int(g["y"]))
            if ref is not None:
                taken[a - start:b - start] = b"\x01" * (b - a)
                out.append(ref)
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

    Returns (None, None, reason) when it cannot be resolved (e.g. "on Tuesday" with no publication
    date, or a bare year, which is background rather than an event date).
    """
    if ref.kind in ("iso", "md", "dm", "dm_range"):
        if ref.year is None:
            if published is None:
                return None, None, f"'{ref.text}' has no year and the report has no publication date"
            year = _guess_year(ref.month, ref.day, published)
            return date(year, ref.month, ref.day), 1, f"'{ref.text}' read as {year}"
        return date(ref.year, ref.month, ref.day), 1, f"'{ref.text}'"
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
    r = ref.rel or ""
    if r in ("today", "tonight", "this morning", "this afternoon", "this evening", "earlier today"):
        return published, 1, f"'{ref.text}' = publication day"
    if r in ("yesterday", "last night", "overnight", "the day before"):
        return published - timedelta(days=1), 1, f"'{ref.text}' = day before publication"
    if r in ("this week", "earlier this week"):
        return published, 2, f"'{ref.text}' (week of publication)"
    if r == "last week":
        return published - timedelta(days=7), 2, f"'{ref.text}' (week before publication)"
    if r in ("this month", "earlier this month"):
        return published.replace(day=1), 3, f"'{ref.text}' (month of publication)"
    if r == "last month":
        first = published.replace(day=1) - timedelta(days=1)
        return first.replace(day=1), 3, f"'{ref.text}' (month before publication)"
    if r.endswith("days ago"):
        n = r.split()[0]
        k = int(n) if n.isdigit() else _SMALL.get(n, 0)
        return published - timedelta(days=k), 1, f"'{ref.text}'"
    return None, None, f"'{ref.text}' not understood"


def full_dates(text: str, start: int = 0, end: int | None = None) -> list[tuple[DateRef, date]]:
    """The complete calendar dates (day, month and year all stated) in `text[start:end]`."""
    return [(r, date(r.year, r.month, r.day)) for r in find_dates(text, start, end)
            if r.kind in ("iso", "md", "dm", "dm_range") and r.year is not None]


def parse_date_arg(value: str) -> date:
    """A `--date` argument: YYYY-MM-DD (InputError, a ValueError, otherwise)."""
    m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", value or "")
    if not m:
        raise InputError(f"date {value!r} is not YYYY-MM-DD")
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
