"""Date columns of event files, as spreadsheets and exports write them.

One column may mix styles (a spreadsheet re-save changes some cells and not others):

- ISO `2020-08-18`, `2020/08/18`, with or without a time (`2020-08-18T00:00:00Z`, `... 00:00:00`);
- month names, full or short, any separator, 2- or 4-digit years: `5-Aug-24`, `12-September-22`,
  `18 August 2020`, `Aug 5, 2024`, `5th August 2024`; English and French month names;
- numbers `15/07/2022`, `7.15.2022`, `15-07-22`, with an optional time (`10/06/2023 00:00:00`,
  `6/10/2023 12:00:00 AM`); `20200818` and GDELT's `20200818153000`;
- Excel serial day numbers (`44791`, `44791.5`: days since 1899-12-30).

Day/month order of the numeric form is decided per column (`DateOrder`), across all the chunks of a
file: a value whose first number is above 12 makes it day-first, one whose second is above 12
month-first. Until a column shows either, it is read day first (ACLED's and most of the world's
order) and every row whose reading depends on that choice is flagged: the row gets the tag
`date_order=assumed-day-first` and the import report a note with the count. A value that is only
valid in the other order than the column's is read that way and tagged `date_order=conflict`.
Two-digit years are 20yy unless that is after next year, then 19yy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.sources.distinct import distinct, spread

__all__ = ["DateOrder", "parse_date_column", "MONTHS"]

#: month names and abbreviations (lower case, accents kept and stripped) -> month number
MONTHS: dict[str, int] = {}
for _i, _names in enumerate([
    ("january", "jan", "janvier", "janv"), ("february", "feb", "février", "fevrier", "févr", "fevr", "fév", "fev"),
    ("march", "mar", "mars"), ("april", "apr", "avril", "avr"), ("may", "mai"), ("june", "jun", "juin"),
    ("july", "jul", "juillet", "juil"), ("august", "aug", "août", "aout"),
    ("september", "sep", "sept", "septembre"), ("october", "oct", "octobre"),
    ("november", "nov", "novembre"), ("december", "dec", "décembre", "decembre", "déc"),
], start=1):
    for _n in _names:
        MONTHS[_n] = _i

_TIME = re.compile(r"^(?P<d>.*?\d)(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?"
                   r"\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?)$")
_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_NUM3 = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$")
_DMONY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|er)?[-/ .]+([^\W\d_]+)\.?[-/ .,]+(\d{4}|\d{2})$")
_MONDY = re.compile(r"^([^\W\d_]+)\.?[-/ .]+(\d{1,2})(?:st|nd|rd|th)?,?[-/ .]+(\d{4}|\d{2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:\d{6})?$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
#: Excel serials accepted as dates: 1927-05-18 .. 2119-01-08 (outside that a 5-digit number is not a date)
SERIAL_MIN, SERIAL_MAX = 10_000, 80_000

ASSUMED_TAG = "date_order=assumed-day-first"
CONFLICT_TAG = "date_order=conflict"


@dataclass
class DateOrder:
    """Day/month order of one date column, learnt from its values over every chunk of a file.

    order: "dmy", "mdy" or None (no value has shown it yet). ambiguous: rows read day first
    only by assumption. conflicts: rows read in the order opposite to the column's."""

    column: str
    order: str | None = None
    dmy_evidence: int = 0
    mdy_evidence: int = 0
    ambiguous: int = 0
    conflicts: int = 0

    def observe(self, raw: pd.Series) -> None:
        """Learn the order from another column written the same way (UCDP's date_end) without parsing it."""
        _codes, uniq, counts = distinct(raw)
        m = uniq.str.strip().str.extract(r"^(\d{1,2})[-/.](\d{1,2})[-/.]\d{2,4}\b")
        a = pd.to_numeric(m[0], errors="coerce")
        b = pd.to_numeric(m[1], errors="coerce")
        self.dmy_evidence += int(counts[((a > 12) & (a <= 31) & (b <= 12)).fillna(False).to_numpy(dtype=bool)].sum())
        self.mdy_evidence += int(counts[((b > 12) & (b <= 31) & (a <= 12)).fillna(False).to_numpy(dtype=bool)].sum())
        if self.order is None and (self.dmy_evidence or self.mdy_evidence):
            self.order = "mdy" if self.mdy_evidence > self.dmy_evidence else "dmy"

    def note(self) -> str | None:
        """One line for the import report, or None when the column's order was never in doubt."""
        parts = []
        if self.ambiguous:
            if self.order is None:
                parts.append(f"day/month order is ambiguous (no value has a day above 12); {self.ambiguous} "
                             f"rows read day first and tagged {ASSUMED_TAG!r}")
            else:
                parts.append(f"{self.ambiguous} rows were read day first before the column showed its order "
                             f"({'day' if self.order == 'dmy' else 'month'} first), tagged {ASSUMED_TAG!r}")
        if self.conflicts:
            parts.append(f"{self.conflicts} rows only valid in the other day/month order were read that way, "
                         f"tagged {CONFLICT_TAG!r}")
        return f"{self.column}: " + "; ".join(parts) if parts else None


def _year(y: pd.Series) -> pd.Series:
    """2- or 4-digit year strings -> int years (yy -> 20yy, or 19yy when 20yy is after next year)."""
    n = pd.to_numeric(pd.Series(y, dtype="string"), errors="coerce").astype("float64")
    limit = pd.Timestamp.now().year + 1 - 2000
    return pd.Series(np.where(n < 100, np.where(n <= limit, 2000 + n, 1900 + n), n), index=n.index)


def _assemble(year, month, day) -> np.ndarray:
    """Vectors of numbers -> datetime64[ns] (NaT where not a real calendar day)."""
    def num(v) -> np.ndarray:
        return pd.to_numeric(pd.Series(np.asarray(v, dtype=object)), errors="coerce").to_numpy(dtype="float64")

    frame = pd.DataFrame({"year": num(year), "month": num(month), "day": num(day)})
    ok = frame.notna().all(axis=1) & frame["month"].between(1, 12) & frame["day"].between(1, 31) \
        & frame["year"].between(1000, 2999)
    out = np.full(len(frame), np.datetime64("NaT"), dtype="datetime64[ns]")
    if ok.any():
        out[ok.to_numpy()] = pd.to_datetime(frame[ok].astype("int64"), errors="coerce").to_numpy(dtype="datetime64[ns]")
    return out


def parse_date_column(raw: pd.Series, order: DateOrder | None = None
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Strings -> datetime64[ns] (time of day and zone dropped).

    Returns (values, missing mask, unparseable mask, per-row tag or "" array). `order` carries
    the column's day/month order from chunk to chunk and is updated. Each distinct string is
    parsed once (the order's evidence and counts still count rows).
    """
    order = order if order is not None else DateOrder("date")
    codes, uniq, counts = distinct(raw)
    out_u, missing_u, tags_u = _parse_distinct(uniq, counts, order)
    out = spread(out_u, codes, np.datetime64("NaT", "ns")).astype("datetime64[ns]", copy=False)
    missing = spread(missing_u, codes, True).astype(bool, copy=False)
    tags = spread(tags_u, codes, "").astype(object, copy=False)
    bad = np.isnat(out) & ~missing
    return out, missing, bad, tags


def _parse_distinct(raw: pd.Series, weight: np.ndarray, order: DateOrder
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`parse_date_column` on distinct values, each standing for `weight` rows: (values, missing, tags)."""
    weight = np.asarray(weight, dtype=np.int64)
    txt = raw.astype("string").str.strip().str.lstrip("'").str.strip()
    missing = (txt.isna() | (txt == "")).to_numpy()
    n = len(txt)
    out = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    tags = np.full(n, "", dtype=object)
    if not (~missing).any():
        return out, missing, tags
    s = txt.fillna("")
    dated = s.str.extract(_TIME)["d"]
    s = dated.where(dated.notna(), s)

    def todo() -> np.ndarray:
        return np.isnat(out) & ~missing

    # ISO and other year-first forms
    m = s.str.extract(_YMD)
    hit = m[0].notna().to_numpy() & todo()
    if hit.any():
        out[hit] = _assemble(m[0][hit], m[1][hit], m[2][hit])
    # compact 20200818 / 20200818153000
    m = s.str.extract(_COMPACT)
    hit = m[0].notna().to_numpy() & todo()
    if hit.any():
        out[hit] = _assemble(m[0][hit], m[1][hit], m[2][hit])
    # month names, day first or month first
    for rx, (di, mi, yi) in ((_DMONY, (0, 1, 2)), (_MONDY, (1, 0, 2))):
        t = todo()
        if not t.any():
            break
        m = s[t].str.extract(rx)
        if m[0].notna().any():
            mon = m[mi].str.lower().map(MONTHS)
            idx = np.flatnonzero(t)
            vals = _assemble(_year(m[yi]), mon, m[di])
            good = ~np.isnat(vals)
            out[idx[good]] = vals[good]
    # numbers: a/b/yyyy with the column's day/month order
    t = todo()
    if t.any():
        m = s[t].str.extract(_NUM3)
        a = pd.to_numeric(m[0], errors="coerce").to_numpy(dtype="float64")
        b = pd.to_numeric(m[1], errors="coerce").to_numpy(dtype="float64")
        yr = _year(m[2]).to_numpy(dtype="float64")
        with np.errstate(invalid="ignore"):
            only_dmy = (a > 12) & (a <= 31) & (b >= 1) & (b <= 12)
            only_mdy = (b > 12) & (b <= 31) & (a >= 1) & (a <= 12)
            either = (a >= 1) & (a <= 12) & (b >= 1) & (b <= 12)
        w = weight[t]
        order.dmy_evidence += int(w[only_dmy].sum())
        order.mdy_evidence += int(w[only_mdy].sum())
        if order.order is None and (order.dmy_evidence or order.mdy_evidence):
            order.order = "mdy" if order.mdy_evidence > order.dmy_evidence else "dmy"
        use = order.order or "dmy"
        day, mon = (b, a) if use == "mdy" else (a, b)
        vals = _assemble(yr, mon, day)
        conflict = only_mdy if use == "dmy" else only_dmy
        if conflict.any():
            alt = _assemble(yr, day, mon)  # the other order
            vals = np.where(conflict, alt, vals)
        idx = np.flatnonzero(t)
        good = ~np.isnat(vals)
        out[idx[good]] = vals[good]
        assumed = either & (a != b) & good & (order.order is None)
        tags[idx[assumed]] = ASSUMED_TAG
        tags[idx[conflict & good]] = CONFLICT_TAG
        order.ambiguous += int(w[assumed].sum())
        order.conflicts += int(w[conflict & good].sum())
    # Excel serial day numbers
    t = todo()
    if t.any():
        num = pd.to_numeric(s[t].where(s[t].str.match(_SERIAL)), errors="coerce").to_numpy(dtype="float64")
        with np.errstate(invalid="ignore"):
            ok = (num >= SERIAL_MIN) & (num <= SERIAL_MAX)
        if ok.any():
            idx = np.flatnonzero(t)[ok]
            out[idx] = (np.datetime64("1899-12-30", "ns")
                        + np.floor(num[ok]).astype("int64") * np.timedelta64(1, "D")).astype("datetime64[ns]")
            tags[idx] = np.where(tags[idx] == "", "date=excel-serial", tags[idx])
    # anything else pandas can read unambiguously (e.g. "Tue, 18 Aug 2020")
    t = todo()
    if t.any():
        rest = s[t]
        looks = rest.str.contains(r"[A-Za-z]", regex=True) & rest.str.contains(r"\d{4}", regex=True)
        if looks.any():
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                parsed = pd.to_datetime(rest[looks], errors="coerce", format="mixed", utc=True)
            vals = parsed.dt.tz_localize(None).to_numpy(dtype="datetime64[ns]")
            idx = np.flatnonzero(t)[looks.to_numpy()]
            out[idx] = vals
    return out, missing, tags
