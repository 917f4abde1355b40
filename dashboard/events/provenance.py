"""Provenance: every report and dataset row that supports an event, never overwritten.

An event row carries its sources in the `sources` column: a JSON list, one object per supporting
report or dataset row, in the order they reached the store::

    [{"origin": "acled", "id": "MLI123", "source_id": "acled:MLI123", "source": "Reuters",
      "date": "2020-08-18", "url": null, "evidence": null, "evidence_span": null, "location": "Kati",
      "corrected": null}, ...]

`corrected` records what a person changed before saving (e.g. "place: Kati (Mali) chosen by user").
A row that was never merged may leave `sources` empty: its one source is its own columns
(`sources_of` derives it). A merge materialises the list and appends to it; nothing is removed.

`linked_ids` ("; "-joined event ids) links rows of two curated datasets (ACLED, UCDP, GDELT) that
describe the same happening: they stay separate events, so counts never depend on import order.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping

import pandas as pd

__all__ = ["own_source", "sources_of", "merge_sources", "sources_json", "join_lists", "split_list",
           "CURATED_ORIGINS", "USER_CORRECTED_TAG"]

#: datasets whose rows are never merged with each other's rows, only linked
CURATED_ORIGINS = frozenset({"acled", "ucdp", "gdelt"})
#: the tag the page puts on a row whose place the user chose (see views/controls.corrected_row)
USER_CORRECTED_TAG = "place-corrected-by-user"


def _val(v):
    """A JSON-safe scalar (NA/NaN -> None, timestamps -> YYYY-MM-DD)."""
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(v, (pd.Timestamp, dt.datetime, dt.date)):
        return v.strftime("%Y-%m-%d")
    if hasattr(v, "item"):
        return v.item()
    return v


def split_list(value) -> list[str]:
    """A "; "-joined list -> its items (empty/NA -> [])."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return []
    return [v.strip() for v in str(value).split("; ") if v.strip()]


def join_lists(*values) -> str | None:
    """The "; "-joined union of several "; "-joined lists, first-seen order (None when empty)."""
    out: list[str] = []
    for v in values:
        for item in split_list(v):
            if item not in out:
                out.append(item)
    return "; ".join(out) if out else None


def own_source(row: Mapping) -> dict:
    """The source record a single (unmerged) event row stands for, from its own columns."""
    start, end = _val(row.get("evidence_start")), _val(row.get("evidence_end"))
    tags = split_list(row.get("tags"))
    corrected = None
    if USER_CORRECTED_TAG in tags:
        corrected = f"place: {_val(row.get('location'))} chosen by the user"
    return {
        "origin": _val(row.get("origin")),
        "id": _val(row.get("event_id_cnty")),
        "source_id": _val(row.get("source_id")),
        "source": _val(row.get("source")),
        "date": _val(row.get("source_date")) or _val(row.get("event_date")),
        "url": _val(row.get("source_url")),
        "evidence": _val(row.get("evidence")),
        "evidence_span": [start, end] if start is not None and end is not None else None,
        "location": _val(row.get("location")),
        "corrected": corrected,
    }


def sources_of(row: Mapping) -> list[dict]:
    """Every source of an event row: its `sources` list, or its own columns when it has none."""
    raw = row.get("sources")
    if isinstance(raw, str) and raw.strip():
        try:
            items = json.loads(raw)
            if isinstance(items, list) and items:
                return [i for i in items if isinstance(i, dict)]
        except ValueError:
            pass
    return [own_source(row)]


def _key(s: dict) -> tuple:
    return (s.get("origin"), s.get("source_id") or s.get("id"), s.get("url"), s.get("evidence"), s.get("corrected"))


def merge_sources(stored: Mapping, new_rows: Iterable[Mapping]) -> str:
    """The `sources` JSON of `stored` after the `new_rows` merged into it (appended, none dropped;
    a record already present, e.g. the same row imported again, is not repeated)."""
    out = sources_of(stored)
    seen = {_key(s) for s in out}
    for r in new_rows:
        for s in sources_of(r):
            if _key(s) not in seen:
                seen.add(_key(s))
                out.append(s)
    return json.dumps(out, ensure_ascii=False)


def sources_json(events: pd.DataFrame) -> pd.Series:
    """The `sources` column with every row filled (derived from its own columns where empty), for exports."""
    if "sources" in events.columns:
        have = events["sources"]
    else:
        have = pd.Series(pd.NA, index=events.index, dtype="string")
    out = have.astype("object").copy()
    todo = have.isna().to_numpy()
    if todo.any():
        recs = events.loc[todo].to_dict("records")
        out[todo] = [json.dumps([own_source(r)], ensure_ascii=False) for r in recs]
    return out.astype("string")


def sources_text(row: Mapping) -> str:
    """All sources of an event on one line for people: "acled MLI123 (Reuters, 2020-08-18); article …"."""
    parts = []
    for s in sources_of(row):
        bits = [b for b in (s.get("source"), s.get("date"), s.get("url")) if b]
        label = " ".join(str(b) for b in (s.get("origin"), s.get("id")) if b)
        txt = label + (f" ({', '.join(str(b) for b in bits)})" if bits else "")
        if s.get("corrected"):
            txt += f" [{s['corrected']}]"
        parts.append(txt)
    return "; ".join(parts)
