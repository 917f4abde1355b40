"""Shared machinery for the structured-file readers: ReadResult, text sniffing, chunked rows, checks.

Every reader turns a file into events in the schema of `dashboard.events.schema` (EPSG:4326) and a
list of rejects. The invariant, checked by `ReadResult.check()`: rows in = loaded + rejected.

Checks made on every row (first failing check wins, one reject per row):
- latitude/longitude present, numeric (a decimal comma is accepted), in range, and not (0, 0);
- latitude and longitude swapped: when the country is known, the point falls more than 1 degree
  outside the country's outline (Natural Earth admin-0) and the swapped point falls inside, the row
  is REJECTED with that reason (we do not silently fix it; the margin keeps coastal and border
  points that miss the simplified outline by a few km);
- dates parse (ISO `2020-08-18`, `18 August 2020`, `18-August-2020`, `18 Aug 2020`, `18/08/2020`
  day first unless the column is clearly month first, `20200818`); a date after tomorrow is rejected;
- event types are ACLED's six; a sub-event type or an old ACLED type name maps to its type with a
  note in `tags`; anything else is rejected;
- fatalities, where given, are whole numbers >= 0.
"""

from __future__ import annotations

import codecs
import csv
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard.events.schema import (
    DTYPES,
    EVENT_COLUMNS,
    EVENT_TYPES,
    SUB_TO_TYPE,
    InputError,
    Reject,
    empty_events,
    to_events,
)
from dashboard.sources.distinct import distinct, map_distinct, spread

#: rows per chunk when streaming a text file
CHUNK_ROWS = 50_000
#: a point must lie this far (degrees, ~110 km) outside its country before we call it swapped
SWAP_MIN_DEGREES = 1.0

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass
class ReadResult:
    """What a reader returns: events (event schema, EPSG:4326), rejects, and rows read."""

    events: gpd.GeoDataFrame
    rejects: list[Reject]
    rows: int
    file: str = ""
    format: str = ""
    notes: list[str] = field(default_factory=list)
    #: rows folded into another row's event (ACLED monadic exports: one row per actor)
    folded: int = 0
    #: per-file reader state (shared by the chunks of one file)
    state: dict = field(default_factory=dict)

    @property
    def loaded(self) -> int:
        """Rows that ended in an event (an event folded from two rows counts both)."""
        return len(self.events) + self.folded

    def file_notes(self) -> list[str]:
        """Notes for the import report: this part's notes and each date column's order (file-wide)."""
        out = list(self.notes)
        for order in self.state.get("date_orders", {}).values():
            line = order.note()
            if line and line not in out:
                out.append(line)
        return out

    @property
    def rejected(self) -> int:
        return len(self.rejects)

    def check(self) -> None:
        """Raise AssertionError unless rows in = loaded + rejected and every reject has a reason."""
        assert self.rows == self.loaded + self.rejected, (self.rows, self.loaded, self.rejected)
        assert all(r.reason for r in self.rejects)

    def summary(self) -> dict:
        """The `--json` report: {"rows", "loaded", "rejected", "rejects": [{"row", "field", "reason"}]}."""
        return {
            "rows": self.rows, "loaded": self.loaded, "rejected": self.rejected, "events": len(self.events),
            "notes": self.file_notes(),
            "rejects": [{"row": r.row, "field": r.field, "reason": r.reason} for r in self.rejects],
        }

    @classmethod
    def from_batch(cls, events: gpd.GeoDataFrame, batch: Batch, checker: RowChecker, *, file: str,
                   format: str) -> ReadResult:
        """One converted chunk: its events, the batch's and the checker's rejects (by row), rows read."""
        checked = checker.rejects()
        if batch.short:
            width = len(batch.frame.columns)
            checked = [Reject(r.row, r.field, f"row has {batch.short[r.row]} fields; expected {width} ({r.reason})", r.file)
                       if r.row in batch.short else r for r in checked]
        rejects = sorted(batch.rejects + checked, key=lambda r: r.row)
        return cls(events, rejects, batch.rows, file=file, format=format, state=batch.state)

    @classmethod
    def concat(cls, parts: Iterable[ReadResult], *, file: str = "", format: str = "") -> ReadResult:
        parts = list(parts)
        frames = [p.events for p in parts if len(p.events)]
        if frames:
            events = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry", crs="EPSG:4326")
        else:
            events = empty_events()
        notes: list[str] = []
        for p in parts:
            notes.extend(n for n in p.notes if n not in notes)
        state = parts[-1].state if parts else {}
        out = cls(events, [r for p in parts for r in p.rejects], sum(p.rows for p in parts),
                  file=file or (parts[0].file if parts else ""), format=format or (parts[0].format if parts else ""),
                  notes=notes, folded=sum(p.folded for p in parts), state=state)
        out.notes = out.file_notes()
        return out


# ---------------------------------------------------------------- text files

def sniff_encoding(path: str | Path) -> str:
    """utf-8-sig / utf-16 by BOM, utf-8 if the whole file decodes, else cp1252 (or latin-1)."""
    with open(path, "rb") as f:
        head = f.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16"
    dec = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as f:
        try:
            while block := f.read(1 << 20):
                dec.decode(block)
            return "utf-8"
        except UnicodeDecodeError:
            pass
    undefined_1252 = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            if undefined_1252.search(block):
                return "latin-1"
    return "cp1252"


def head_text(path: str | Path, encoding: str, n_chars: int = 65536) -> str:
    with open(path, encoding=encoding, errors="replace", newline="") as f:
        return f.read(n_chars)


def check_text(path: str | Path) -> str:
    """Raise InputError for a missing, empty or binary file; return its encoding."""
    p = Path(path)
    if not p.exists():
        raise InputError(str(path), "no such file")
    if p.is_dir():
        raise InputError(str(path), "is a directory, not a file")
    with open(p, "rb") as f:
        raw = f.read(65536)
    if not raw.strip():
        raise InputError(str(path), "the file is empty")
    enc = sniff_encoding(p)
    if not enc.startswith("utf-16") and b"\x00" in raw:
        raise InputError(str(path), "not a text table (binary content); give a CSV, TSV, XLSX, GeoJSON, GeoPackage or GeoParquet file")
    return enc


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line
    return ""


def sniff_delimiter(line: str) -> str | None:
    """The separator of a header/first line: the most frequent of , ; TAB | outside quotes."""
    counts = {d: 0 for d in (",", ";", "\t", "|")}
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else None


def norm_name(name: str) -> str:
    """Header name -> lower snake case ("Event Date" -> "event_date", "\ufeffLat" -> "lat")."""
    s = str(name).replace("\ufeff", "").strip().lower()
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


def dedupe_names(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        if n in seen:
            seen[n] += 1
            out.append(f"{n}_{seen[n]}")
        else:
            seen[n] = 0
            out.append(n)
    return out


@dataclass
class Batch:
    """A chunk of data rows as strings: `frame` (normalised column names), their 1-based row numbers,
    and rejects for rows whose field count did not fit the header."""

    frame: pd.DataFrame
    rownums: np.ndarray
    rejects: list[Reject]
    #: state shared by every chunk of one file (date-column orders, ...)
    state: dict = field(default_factory=dict)
    #: row number -> field count, for headed rows shorter than the header (padded with empty fields)
    short: dict = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return len(self.frame) + len(self.rejects)


#: read well-formed UTF-8 files with pyarrow's CSV parser (False: always the csv module; tests compare both)
FAST_CSV = True
#: bytes per pyarrow read block (memory stays bounded on files of any size)
ARROW_BLOCK = 1 << 20


class _Irregular(Exception):
    """The fast parser met something only the csv-module path reads exactly (ragged row, stray byte...)."""


def _string_frame(columns: list, names: list[str]) -> pd.DataFrame:
    """Columns (pyarrow arrays or lists of str) -> a DataFrame of pandas "string" (pyarrow) columns."""
    import pyarrow as pa

    data = {}
    for name, values in zip(names, columns, strict=True):
        arr = values if isinstance(values, (pa.Array, pa.ChunkedArray)) else pa.array(values, type=pa.large_string())
        if arr.type != pa.large_string():
            arr = arr.cast(pa.large_string())
        data[name] = pd.Series(pd.arrays.ArrowStringArray(arr), copy=False)
    return pd.DataFrame(data, copy=False) if data else pd.DataFrame(index=pd.RangeIndex(0))


def _rows_frame(rows: list[list[str]], names: list[str]) -> pd.DataFrame:
    """Rows of equal length (as the csv module gives them) -> a frame of "string" columns."""
    if not rows:
        return _string_frame([[] for _ in names], names)
    return _string_frame([list(c) for c in zip(*rows, strict=True)], names)


def _header_record(path: str | Path, encoding: str, delimiter: str, quoting: int) -> tuple[list[str] | None, int]:
    """The first non-blank record (the header) and the physical line it ends on."""
    with open(path, encoding=encoding, newline="", errors="strict") as f:
        reader = csv.reader(f, delimiter=delimiter, quoting=quoting, strict=False)
        for r in reader:
            if any(c.strip() for c in r):
                return r, reader.line_num
    return None, 0


def _arrow_batches(path: str | Path, *, delimiter: str, names: list[str], chunk_rows: int,
                   state: dict, skip_rows: int = 1, quoting: int = csv.QUOTE_MINIMAL) -> Iterator[Batch]:
    """The data records of a UTF-8 file (after `skip_rows` lines: a one-line header), by pyarrow's CSV
    reader, in Batches exactly as the csv-module path cuts them. Raises _Irregular at the first record
    the csv module would read differently (wrong field count, whitespace-only line, bad UTF-8...)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    width = len(names)
    tmp = [f"c{i}" for i in range(width)]
    try:
        reader = pacsv.open_csv(
            path,
            read_options=pacsv.ReadOptions(column_names=tmp, skip_rows=skip_rows, block_size=ARROW_BLOCK,
                                           use_threads=False),  # threads read the whole file ahead
            parse_options=pacsv.ParseOptions(delimiter=delimiter,
                                             quote_char='"' if quoting != csv.QUOTE_NONE else False,
                                             double_quote=True, escape_char=False,
                                             newlines_in_values=quoting != csv.QUOTE_NONE, ignore_empty_lines=True),
            convert_options=pacsv.ConvertOptions(column_types={c: pa.large_string() for c in tmp},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False,
                                                 null_values=[], check_utf8=True))
    except (pa.ArrowInvalid, pa.ArrowTypeError, StopIteration) as exc:
        raise _Irregular(str(exc)) from exc
    pending: list = []
    have = 0
    done = 0
    yielded = False

    def cut(n: int) -> Batch:
        nonlocal pending, have, done
        table = pa.Table.from_batches(pending, schema=reader.schema) if pending else None
        head = table.slice(0, n)
        rest = table.slice(n)
        pending = rest.to_batches() if rest.num_rows else []
        have -= n
        frame = _string_frame([head.column(i).combine_chunks() for i in range(width)], names)
        nums = np.arange(done + 1, done + n + 1)
        done += n
        return Batch(frame, nums, [], state, {})

    while True:
        try:
            rb = reader.read_next_batch()
        except StopIteration:
            break
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise _Irregular(str(exc)) from exc
        if rb.num_rows:
            pending.append(rb)
            have += rb.num_rows
        while have >= chunk_rows:
            yield cut(chunk_rows)
            yielded = True
    if have or not yielded:
        yield cut(have) if pending else Batch(_rows_frame([], names), np.asarray([], dtype=int), [], state, {})


def iter_batches(path: str | Path, *, encoding: str, delimiter: str, names: list[str] | None = None,
                 quoting: int = csv.QUOTE_MINIMAL, chunk_rows: int = CHUNK_ROWS,
                 allowed_widths: Iterable[int] | None = None) -> Iterator[Batch]:
    """Stream a delimited text file in chunks of `chunk_rows` records (csv module, newline='').

    With `names` None the first record is the header. Blank lines are not rows. Trailing empty
    fields beyond the header are dropped, and a headed row with fewer fields than the header has
    the rest empty; any other record with the wrong number of fields becomes a reject. Frames hold
    pandas "string" columns.

    A UTF-8 file (headless, or whose header is its first line) is parsed by pyarrow (`FAST_CSV`); at
    the first record that parser reads differently from the csv module (a ragged row, a
    whitespace-only line, ...) reading goes on with the csv module from the end of the last chunk
    given, so rows, row numbers and rejects are the csv module's in every case.
    """
    state: dict = {}
    done = 0
    if (FAST_CSV and quoting in (csv.QUOTE_MINIMAL, csv.QUOTE_NONE) and encoding in ("utf-8", "utf-8-sig")
            and len(delimiter) == 1):
        fast_names, skip_rows = names, 0
        if names is None:  # the header must be the first line, the fast path gives data records only
            try:
                header, line = _header_record(path, encoding, delimiter, quoting)
            except (csv.Error, UnicodeDecodeError):
                header, line = None, 0
            fast_names, skip_rows = None, 1
            if header is not None and line == 1:
                fast_names = dedupe_names([norm_name(h) for h in header])
        if fast_names is not None and len(fast_names) > 1:  # one column: blank-line rules differ
            try:
                for batch in _arrow_batches(path, delimiter=delimiter, names=fast_names, chunk_rows=chunk_rows,
                                            state=state, skip_rows=skip_rows, quoting=quoting):
                    yield batch
                    done += len(batch.frame)
                return
            except _Irregular:
                pass
    yield from _csv_batches(path, encoding=encoding, delimiter=delimiter, names=names, quoting=quoting,
                            chunk_rows=chunk_rows, allowed_widths=allowed_widths, state=state, skip=done)


def _csv_batches(path: str | Path, *, encoding: str, delimiter: str, names: list[str] | None, quoting: int,
                 chunk_rows: int, allowed_widths: Iterable[int] | None, state: dict, skip: int = 0) -> Iterator[Batch]:
    """`iter_batches` by the csv module; the first `skip` records (rows the fast path already gave) are
    passed over."""
    file = str(path)
    with open(path, encoding=encoding, newline="", errors="strict") as f:
        reader = csv.reader(f, delimiter=delimiter, quoting=quoting, strict=False)
        try:
            headed = names is None
            if names is None:
                header = next((r for r in reader if any(c.strip() for c in r)), None)
                if header is None:
                    raise InputError(file, "the file is empty")
                names = dedupe_names([norm_name(h) for h in header])
            width = len(names)
            widths = set(allowed_widths or [width])
            rows: list[list[str]] = []
            nums: list[int] = []
            rejects: list[Reject] = []
            n = 0
            yielded = skip > 0
            short: dict[int, int] = {}
            for rec in reader:
                if not rec or (len(rec) == 1 and not rec[0].strip()):
                    continue
                n += 1
                if n <= skip:
                    continue
                if len(rec) not in widths:
                    if len(rec) > width and not any(c.strip() for c in rec[width:]):
                        rec = rec[:width]  # trailing empty fields (a spreadsheet re-save pads rows)
                    elif len(rec) < width and (headed or len(rec) in widths):
                        if headed:  # a headed row cut short: its missing fields are empty
                            short[n] = len(rec)
                    else:
                        rejects.append(Reject(n, "", f"row has {len(rec)} fields; expected {width}", file))
                        continue
                if len(rec) < width:
                    rec = rec + [""] * (width - len(rec))
                elif len(rec) > width:
                    rec = rec[:width]
                rows.append(rec)
                nums.append(n)
                if len(rows) + len(rejects) >= chunk_rows:
                    yield Batch(_rows_frame(rows, names), np.asarray(nums), rejects, state, short)
                    yielded = True
                    rows, nums, rejects, short = [], [], [], {}
            if rows or rejects or not yielded:
                yield Batch(_rows_frame(rows, names), np.asarray(nums, dtype=int), rejects, state, short)
        except csv.Error as exc:
            raise InputError(file, f"not a readable table: {exc}", row=reader.line_num) from exc
        except UnicodeDecodeError as exc:
            raise InputError(file, f"cannot decode text as {encoding}: {exc.reason}") from exc


SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls")


def sheet_header(path: str | Path) -> list[str]:
    """The first sheet's header row, names normalised (InputError when it is not a spreadsheet)."""
    try:
        head = pd.read_excel(path, dtype=str, nrows=0)
    except Exception as exc:  # openpyxl/xlrd raise many kinds
        raise InputError(str(path), f"not a readable spreadsheet: {exc}") from exc
    return dedupe_names([norm_name(c) for c in head.columns])


def iter_sheet(path: str | Path) -> Iterator[Batch]:
    """The first sheet of a spreadsheet as one Batch of strings (blank rows skipped, row numbers
    counted from the first data row)."""
    file = str(path)
    if not Path(path).exists():
        raise InputError(file, "no such file")
    try:
        raw = pd.read_excel(path, dtype=str, keep_default_na=False)
    except Exception as exc:  # openpyxl/xlrd raise many kinds
        raise InputError(file, f"not a readable spreadsheet: {exc}") from exc
    raw.columns = dedupe_names([norm_name(c) for c in raw.columns])
    blank = (raw.apply(lambda c: c.astype(str).str.strip()) == "").all(axis=1).to_numpy() if len(raw.columns) else \
        np.zeros(len(raw), dtype=bool)
    raw = raw[~blank].reset_index(drop=True)
    yield Batch(raw, np.flatnonzero(~blank) + 1, [])


def canonical_names(columns: list[str], known: Iterable[str], aliases: dict[str, str] | None = None,
                    required: Iterable[str] = ()) -> dict[str, str]:
    """Header names (already `norm_name`d) -> the reader's names, liberal about spelling.

    A column keeps its name when the reader knows it; else an alias (`{"best_est": "best"}`); else a
    known name spelt without underscores ("eventdate" -> "event_date"); else, for a required name
    still missing, a column that starts with it ("latitude_wgs84" -> "latitude"). Returns only the
    columns to rename."""
    known = list(dict.fromkeys(known))
    aliases = aliases or {}
    present = set(columns)
    compact = {k.replace("_", ""): k for k in known}
    out: dict[str, str] = {}
    taken = {c for c in columns if c in known}
    for c in columns:
        if c in known:
            continue
        target = aliases.get(c)
        if target is None:
            target = compact.get(c.replace("_", ""))
        if target is not None and target not in taken and target not in present:
            out[c] = target
            taken.add(target)
    for req in required:
        if req in taken:
            continue
        for c in columns:
            if c not in out and c not in known and c.startswith(req + "_"):
                out[c] = req
                taken.add(req)
                break
    return out


def iter_delimited(path: str | Path, *, required: Iterable[str], what: str,
                   aliases: dict[str, str] | None = None, chunk_rows: int = CHUNK_ROWS,
                   known: Iterable[str] = ()) -> Iterator[Batch]:
    """Stream a headed CSV/TSV/semicolon file (encoding and separator sniffed, "," by default) in
    chunks, after checking that its header names every `required` column. Header names are first
    mapped to the reader's (`canonical_names`: `known` names, `aliases`, spelling variants) and the
    frames come with those names. InputError "not {what}: column 'x' is missing" otherwise."""
    file = str(path)
    required = list(required)
    rename: dict[str, str] | None = None
    if Path(path).suffix.lower() in SHEET_SUFFIXES:
        batches = iter_sheet(path)
    else:
        enc = check_text(path)
        delim = sniff_delimiter(first_line(head_text(path, enc))) or ","
        batches = iter_batches(path, encoding=enc, delimiter=delim, chunk_rows=chunk_rows)
    for batch in batches:
        if rename is None:
            rename = canonical_names(list(batch.frame.columns), [*required, *known], aliases, required)
            names = [rename.get(c, c) for c in batch.frame.columns]
            missing = [c for c in required if c not in names]
            if missing:
                raise InputError(file, f"not {what}: column {missing[0]!r} is missing", field=missing[0])
        if rename:
            batch.frame = batch.frame.rename(columns=rename)
        yield batch


# ---------------------------------------------------------------- value parsing

_DECIMAL_COMMA = re.compile(r"^\s*[-+]?\d+,\d+\s*$")


def parse_number(s: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Strings -> float64; returns (values, missing mask, unparseable mask). A decimal comma is accepted.

    Each distinct string is parsed once."""
    codes, uniq, _counts = distinct(s)
    txt = uniq.str.strip()
    missing = (txt.isna() | (txt == "")).to_numpy()
    comma = txt.str.contains(",", regex=False).fillna(False)
    if comma.any():  # only then can the decimal-comma form occur
        txt = txt.where(~txt.fillna("").str.match(_DECIMAL_COMMA), txt.str.replace(",", ".", regex=False))
    vals = pd.to_numeric(txt, errors="coerce").astype("float64").to_numpy()
    vals = spread(vals, codes, np.nan)
    missing = spread(missing, codes, True)
    bad = np.isnan(vals) & ~missing
    return vals, missing, bad


def parse_dates(s: pd.Series, order=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Strings -> datetime64[ns] (time and zone dropped); returns (values, missing mask, unparseable mask).

    Every style of `dashboard.sources.datecols` (ISO, month names, 2-digit years, numbers with the
    column's day/month order, Excel serials); `order` is a `datecols.DateOrder` kept across chunks.
    """
    from dashboard.sources.datecols import parse_date_column

    vals, missing, bad, _tags = parse_date_column(s, order)
    return vals, missing, bad


OLD_ACLED_TYPES: dict[str, tuple[str, str | None]] = {
    "battle-no change of territory": ("Battles", "Armed clash"),
    "battle-government regains territory": ("Battles", "Government regains territory"),
    "battle-non-state actor overtakes territory": ("Battles", "Non-state actor overtakes territory"),
    "battle": ("Battles", None),
    "remote violence": ("Explosions/Remote violence", None),
    "explosions": ("Explosions/Remote violence", None),
    "violence against civilians": ("Violence against civilians", None),
    "riots/protests": ("Protests", None),
    "protest": ("Protests", None),
    "riot": ("Riots", None),
    "strategic development": ("Strategic developments", None),
    "headquarters or base established": ("Strategic developments", "Headquarters or base established"),
    "non-violent transfer of territory": ("Strategic developments", "Non-violent transfer of territory"),
    "non-violent activity": ("Strategic developments", "Other"),
}

_TYPE_LOWER = {t.lower(): t for t in EVENT_TYPES}
_SUB_LOWER = {s.lower(): s for s in SUB_TO_TYPE}


def normalise_types(types: pd.Series, subs: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series, np.ndarray]:
    """Map raw event-type strings to ACLED's six types.

    Returns (event_type, sub_event_type, note, unknown mask). Exact and case-insensitive type names
    pass; a sub-event type given as the type maps to its type; old ACLED names map with a note.
    """
    t = types.astype("string").str.strip().fillna("")
    sub = subs.astype("string").str.strip().fillna("")
    low = t.str.lower()
    uniq = pd.unique(low.to_numpy(dtype=object))
    mapping: dict[str, tuple[str | None, str | None, str]] = {}
    for u in uniq:
        if u in _TYPE_LOWER:
            mapping[u] = (_TYPE_LOWER[u], None, "")
        elif u in _SUB_LOWER:
            s = _SUB_LOWER[u]
            mapping[u] = (SUB_TO_TYPE[s], s, "type_given_as_sub")
        elif u in OLD_ACLED_TYPES:
            typ, s = OLD_ACLED_TYPES[u]
            mapping[u] = (typ, s, "old_type")
        else:
            mapping[u] = (None, None, "unknown")
    typ = map_distinct(low, lambda u: mapping[u][0])
    fixed_sub = map_distinct(low, lambda u: mapping[u][1])
    kind = map_distinct(low, lambda u: mapping[u][2], dtype="object")
    sub_lower = sub.str.lower()
    canon_sub = map_distinct(sub_lower, _SUB_LOWER.get)
    out_sub = canon_sub.fillna(sub.where(sub != "")).astype("string")
    out_sub = out_sub.where(out_sub.notna(), fixed_sub)
    note = pd.Series("", index=t.index, dtype="string")
    note = note.mask(kind == "old_type", "old_event_type=" + t)
    note = note.mask(kind == "type_given_as_sub", "type_from_sub_event_type=" + t)
    unknown = (kind == "unknown").to_numpy()
    return typ, out_sub, note, unknown


def row_keys(df: pd.DataFrame) -> pd.Series:
    """Each row's cells joined with "|" (`df.astype(str).agg("|".join, axis=1)`), for ids made from a
    whole row; joined column by column with pyarrow when every column is text without NA."""
    import pyarrow as pa
    import pyarrow.compute as pc

    cols = [df.iloc[:, i] for i in range(df.shape[1])]
    if not len(df) or not cols or not all(isinstance(c.dtype, pd.StringDtype) and not c.isna().any() for c in cols):
        return df.astype(str).agg("|".join, axis=1)
    arrays = []
    for c in cols:
        a = c.array.__arrow_array__()
        a = pa.chunked_array([a]) if isinstance(a, pa.Array) else a
        arrays.append(a.cast(pa.large_string()) if a.type != pa.large_string() else a)
    joined = pc.binary_join_element_wise(*arrays, pa.scalar("|", pa.large_string()))
    return pd.Series(joined.to_numpy(zero_copy_only=False), index=df.index, dtype=object)


def join_tags(*parts: pd.Series | str) -> pd.Series:
    """Join tag columns with "; ", dropping empties."""
    series = [p for p in parts if isinstance(p, pd.Series)]
    index = series[0].index
    cols = [p.astype("string").fillna("") if isinstance(p, pd.Series) else pd.Series(p, index=index, dtype="string")
            for p in parts]
    frame = pd.concat(cols, axis=1)
    joined = frame.apply(lambda r: "; ".join(v for v in r if v), axis=1) if len(frame) else pd.Series([], dtype="string")
    return joined.astype("string").replace("", pd.NA)


def kv_tags(index: pd.Index, **cols: pd.Series) -> pd.Series:
    """Build "key=value; key=value" strings from columns (empty values dropped), vectorised."""
    import pyarrow as pa
    import pyarrow.compute as pc

    pieces = []
    for key, col in cols.items():
        v = col.astype("string").str.strip().fillna("").array.__arrow_array__()  # no copy, no Python objects
        v = pa.chunked_array([v]) if isinstance(v, pa.Array) else v
        v = v.cast(pa.large_string()) if v.type != pa.large_string() else v
        if len(v) != len(index):
            raise ValueError("kv_tags: a column's length differs from the index")
        none = pa.scalar(None, v.type)
        pieces.append(pc.if_else(pc.equal(v, ""), none,
                                 pc.binary_join_element_wise(pa.scalar(key + "=", v.type), v, pa.scalar("", v.type))))
    if not pieces or not len(index):
        return pd.Series(pd.NA, index=index, dtype="string")
    joined = pc.binary_join_element_wise(*pieces, pa.scalar("; ", pa.large_string()), null_handling="skip")
    joined = pc.if_else(pc.equal(joined, ""), pa.scalar(None, joined.type), joined)
    return pd.Series(pd.arrays.ArrowStringArray(joined.cast(pa.large_string())), index=index)


def append_tag(tags: pd.Series, extra: pd.Series) -> pd.Series:
    a = tags.astype("string").fillna("")
    b = extra.astype("string").fillna("")
    out = a.where((a == "") | (b == ""), a + "; ") + b
    return out.replace("", pd.NA)


#: a cell whose TAB/CR prefix hides a formula ("\t=1+1"): stripping it would arm the formula
_HIDDEN_FORMULA = re.compile(r"^[\t\r][\s]*[=+\-@]")


def clean_str(s: pd.Series, na_values: Iterable[str] = ()) -> pd.Series:
    """Strip; empty strings (and the given NA markers) -> NA. A value whose leading TAB or CR
    precedes a formula character keeps that prefix (so exports still see it as dangerous)."""
    raw = s.astype("string")
    out = raw.str.strip()
    lead = raw.str.startswith(("\t", "\r")).fillna(False)  # cheap test first: almost never true
    if lead.any():
        hidden = lead & raw.str.match(_HIDDEN_FORMULA).fillna(False)
        out = out.mask(hidden, raw.str.rstrip())
    bad = {""} | set(na_values)
    return out.where(~out.isin(bad))


# ---------------------------------------------------------------- the row checks

class RowChecker:
    """Collects at most one reject reason per row (first failing check wins)."""

    def __init__(self, frame: pd.DataFrame, rownums: np.ndarray, file: str, state: dict | None = None):
        self.n = len(frame)
        self.rownums = np.asarray(rownums)
        self.file = file
        self.field = np.full(self.n, "", dtype=object)
        self.reason = np.full(self.n, "", dtype=object)
        #: per-file state shared by the chunks of one file (e.g. each date column's DateOrder)
        self.state = state if state is not None else {}
        #: extra tags per row (e.g. "date_order=assumed-day-first"), added to the events' tags
        self.tags = np.full(self.n, "", dtype=object)

    def tag(self, values: np.ndarray) -> None:
        """Add one tag per row (empty strings add nothing)."""
        values = np.asarray(values, dtype=object)
        has = values != ""
        both = has & (self.tags != "")
        self.tags = np.where(both, self.tags + "; " + values, np.where(has, values, self.tags))

    @property
    def ok(self) -> np.ndarray:
        return self.reason == ""

    def fail(self, mask: np.ndarray, field_name: str, reasons) -> None:
        mask = np.asarray(mask, dtype=bool) & self.ok
        if not mask.any():
            return
        if isinstance(reasons, str):
            self.reason[mask] = reasons
        elif callable(reasons):
            for i in np.flatnonzero(mask):
                self.reason[i] = reasons(i)
        else:
            self.reason[mask] = np.asarray(reasons, dtype=object)[mask]
        self.field[mask] = field_name

    def rejects(self) -> list[Reject]:
        bad = np.flatnonzero(~self.ok)
        return [Reject(int(self.rownums[i]), str(self.field[i]), str(self.reason[i]), self.file) for i in bad]


def _fmt(values: pd.Series) -> np.ndarray:
    return values.astype("string").fillna("").str.slice(0, 60).to_numpy(dtype=object)


def _why(prefix: str, raw: pd.Series, mask: np.ndarray) -> np.ndarray:
    """Reasons "prefix + value (60 chars)" for the rows in `mask` ("" elsewhere), made for those rows only."""
    out = np.full(len(mask), "", dtype=object)
    idx = np.flatnonzero(mask)
    if len(idx):
        out[idx] = np.char.add(prefix, _fmt(raw.iloc[idx]).astype(str))
    return out


def check_coordinates(chk: RowChecker, lat_raw: pd.Series, lon_raw: pd.Series,
                      iso2: pd.Series | None, *, lat_field: str = "latitude",
                      lon_field: str = "longitude") -> tuple[np.ndarray, np.ndarray]:
    """Validate coordinates (degrees, EPSG:4326); failures go to `chk`. Returns (lat, lon) float arrays."""
    lat, lat_miss, lat_bad = parse_number(lat_raw)
    lon, lon_miss, lon_bad = parse_number(lon_raw)
    chk.fail(lat_miss, lat_field, "latitude is missing")
    chk.fail(lon_miss, lon_field, "longitude is missing")
    chk.fail(lat_bad, lat_field, _why("latitude is not a number: ", lat_raw, lat_bad & chk.ok))
    chk.fail(lon_bad, lon_field, _why("longitude is not a number: ", lon_raw, lon_bad & chk.ok))
    with np.errstate(invalid="ignore"):
        lat_out = np.abs(lat) > 90
        lon_out = np.abs(lon) > 180
    swapped_hint = lat_out & (np.abs(lon) <= 90)
    chk.fail(lat_out & swapped_hint, lat_field,
             lambda i: f"latitude {lat[i]} is outside -90..90 (latitude and longitude swapped?)")
    chk.fail(lat_out, lat_field, lambda i: f"latitude {lat[i]} is outside -90..90")
    chk.fail(lon_out, lon_field, lambda i: f"longitude {lon[i]} is outside -180..180")
    chk.fail((lat == 0) & (lon == 0), lat_field, "coordinates (0, 0) are a placeholder, not a place")
    if iso2 is not None:
        codes = iso2.astype("string").reset_index(drop=True)
        idx = np.flatnonzero(chk.ok & codes.notna().to_numpy())
        if len(idx):
            from dashboard.sources.countries import degrees_outside, inside_country

            sub = codes.iloc[idx]
            inside = inside_country(lat[idx], lon[idx], sub)
            out_idx = idx[~inside]
            if len(out_idx):
                swapped_in = inside_country(lon[out_idx], lat[out_idx], codes.iloc[out_idx])
                sw = out_idx[swapped_in]
                if len(sw):  # far outside only: coastal or border points just off the outline are fine
                    far = degrees_outside(lat[sw], lon[sw], codes.iloc[sw]) > SWAP_MIN_DEGREES
                    sw = sw[far]
                if len(sw):
                    mask = np.zeros(chk.n, dtype=bool)
                    mask[sw] = True
                    chk.fail(mask, lat_field, lambda i: (
                        f"latitude and longitude look swapped: ({lat[i]}, {lon[i]}) lies outside "
                        f"{codes.iloc[i]} but ({lon[i]}, {lat[i]}) lies inside it"))
    return lat, lon


def date_order(chk: RowChecker, field_name: str):
    """The `datecols.DateOrder` of a date column, shared by every chunk of the file."""
    from dashboard.sources.datecols import DateOrder

    orders = chk.state.setdefault("date_orders", {})
    return orders.setdefault(field_name, DateOrder(field_name))


def check_dates(chk: RowChecker, raw: pd.Series, field_name: str, *, required: bool = True) -> np.ndarray:
    """Parse and check a date column (no date after tomorrow); failures go to `chk`. Rows whose
    day/month order is only assumed get a tag (see `dashboard.sources.datecols`)."""
    from dashboard.sources.datecols import parse_date_column

    order = date_order(chk, field_name)
    vals, missing, bad, tags = parse_date_column(raw, order)
    chk.tag(tags)
    if required:
        chk.fail(missing, field_name, "date is missing")
    chk.fail(bad, field_name, _why("unparseable date: ", raw, bad & chk.ok))
    tomorrow = np.datetime64(pd.Timestamp.now().normalize() + pd.Timedelta(days=1), "ns")
    future = vals > tomorrow
    chk.fail(future, field_name, _why("date is in the future: ", raw, future & chk.ok))
    early = vals < np.datetime64("1800-01-01")
    chk.fail(early, field_name, _why("date before 1800: ", raw, early & chk.ok))
    return vals


def check_fatalities(chk: RowChecker, raw: pd.Series, field_name: str = "fatalities") -> np.ndarray:
    vals, _missing, bad = parse_number(raw)
    chk.fail(bad, field_name, _why("fatalities is not a number: ", raw, bad & chk.ok))
    with np.errstate(invalid="ignore"):
        neg = vals < 0
        frac = np.isfinite(vals) & (vals != np.round(vals))
    chk.fail(neg, field_name, "fatalities is negative")
    chk.fail(frac, field_name, "fatalities is not a whole number")
    return vals


def check_types(chk: RowChecker, types: pd.Series, subs: pd.Series, field_name: str = "event_type"):
    """Normalise event types; unknown ones are rejected. Returns (event_type, sub_event_type, note)."""
    typ, sub, note, unknown = normalise_types(types, subs)
    raw = types.astype("string").fillna("")
    vals = raw.to_numpy(dtype=object)
    chk.fail(unknown, field_name, lambda i: (
        f"unknown event type {vals[i]!r}; expected one of: " + ", ".join(EVENT_TYPES) if vals[i]
        else "event type is missing"))
    return typ, sub, note


def build_events(chk: RowChecker, columns: dict[str, object], index: pd.Index) -> gpd.GeoDataFrame:
    """Make the event GeoDataFrame from the rows that passed every check."""
    ok = chk.ok
    all_ok = bool(ok.all())
    data = {}
    if (chk.tags != "").any():
        extra = pd.Series(chk.tags, dtype="string")
        base = columns.get("tags")
        base = base.reset_index(drop=True) if isinstance(base, pd.Series) else pd.Series(pd.NA, index=extra.index,
                                                                                          dtype="string")
        columns = {**columns, "tags": append_tag(base, extra)}
    for name, values in columns.items():
        if values is None:
            continue
        if isinstance(values, pd.Series):
            arr = values.reset_index(drop=True)
            if not all_ok:
                arr = arr[ok].reset_index(drop=True)
        elif np.ndim(values) == 0:
            arr = pd.Series([values] * int(ok.sum()))
        else:
            arr = pd.Series(np.asarray(values)[ok])
        data[name] = arr
    df = pd.DataFrame(data)
    return complete_events(df)


def complete_events(df: pd.DataFrame) -> gpd.GeoDataFrame:
    """`schema.to_events` after adding every missing column with a typed empty value."""
    df = pd.DataFrame(df)
    for c in EVENT_COLUMNS:
        if c not in df.columns:
            want = DTYPES[c]
            if want == "float64":
                df[c] = np.full(len(df), np.nan)
            elif want.startswith("datetime"):
                df[c] = pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns]")
            else:
                df[c] = pd.Series(pd.NA, index=df.index, dtype=want)
    if len(df) == 0:
        return empty_events()
    return to_events(df)
