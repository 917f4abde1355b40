"""`crisismap places`: JSONL of texts in, JSONL of place mentions out (the geoparsing contract).

stdin (or FILE) lines: ``{"id", "text"[, "date"][, "spans"][, "country"]}``
stdout lines: ``{"id", "places": [{"start","end","name","lat","lon","geonameid","country_code","score",
"kind","precision","place_name","feature_code","admin1"}]}``; ``name`` is the text of the span,
``place_name`` the gazetteer's name, ``precision`` ACLED's geo_precision (1 town, 2 near/part of it,
3 region or country), ``kind`` toponym | demonym | landmark.

With ``"spans"`` exactly those spans are resolved, one place per span, in order. A span the gazetteer
does not know as a whole takes the article's most mentioned town (precision 2, score 0.2); with no town
in the article its ``lat``/``lon`` are null. Without spans: named places only (toponyms and demonyms);
``--landmarks`` adds "the presidential palace"-style landmarks. The gazetteer loads once; lines stream.
Exit 2 with one line on stderr (naming the line and field) for input that is not JSONL of that shape.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from typing import TextIO

__all__ = ["register", "run_places", "place_record"]


def register(sub) -> None:
    """Add the ``places`` sub-command to an argparse sub-parsers object."""
    p = sub.add_parser(
        "places",
        help="geoparse texts: JSONL {id,text[,spans]} on stdin -> JSONL {id,places:[...]} on stdout",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", nargs="?", help="JSONL input file (default: stdin)")
    p.add_argument("--jsonl", action="store_true", help="JSON Lines in and out (the default and only format)")
    p.add_argument("--country", metavar="CC", help="ISO alpha-2 hint for ambiguous names, e.g. ML")
    p.add_argument("--landmarks", action="store_true", help="also list landmarks resolved to their town")
    p.set_defaults(func=_handle)


def place_record(m) -> dict:
    """The JSON record of one :class:`~dashboard.places.mentions.Mention`."""
    p = m.place
    return {
        "start": m.start,
        "end": m.end,
        "name": m.text,
        "lat": None if p is None else round(float(p.lat), 5),
        "lon": None if p is None else round(float(p.lon), 5),
        "geonameid": None if p is None else p.geonameid,
        "country_code": None if p is None else (p.country_code or None),
        "score": round(float(m.score), 3),
        "kind": m.kind,
        "precision": m.precision,
        "place_name": None if p is None else p.name,
        "feature_code": None if p is None else p.feature_code,
        "admin1": None if p is None else (p.admin1 or None),
    }


def _handle(args) -> int:
    from dashboard.cli import UsageError

    if args.country and (len(args.country) != 2 or not args.country.isalpha()):
        raise UsageError(f"--country: expected an ISO alpha-2 code such as ML, got {args.country!r}")
    if args.file:
        try:
            fh = open(args.file, "rb")
        except OSError as exc:
            raise UsageError(f"{args.file}: cannot open ({exc.strerror})") from None
        with fh:
            return run_places(fh, sys.stdout, name=args.file, country_hint=args.country, landmarks=args.landmarks)
    return run_places(sys.stdin.buffer, sys.stdout, name="stdin", country_hint=args.country,
                      landmarks=args.landmarks)


def run_places(inp: Iterable[str] | Iterable[bytes], out: TextIO, *, name: str = "stdin", country_hint: str | None = None,
               landmarks: bool = False) -> int:
    """Stream JSONL texts from ``inp`` (text or UTF-8 byte lines) to JSONL places on ``out``.

    Raises :class:`dashboard.cli.UsageError` naming the line (and field) of a bad line."""
    from dashboard.cli import UsageError
    from dashboard.places.mentions import find_mentions, get_gazetteer, resolve_spans

    get_gazetteer()  # load once, before the first line
    try:
        for lineno, raw in enumerate(inp, 1):
            try:
                line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            except UnicodeDecodeError as exc:
                raise UsageError(f"{name}: line {lineno}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UsageError(f"{name}: line {lineno}: not JSON ({exc.msg})") from None
            if not isinstance(item, dict):
                raise UsageError(f"{name}: line {lineno}: expected a JSON object")
            text = item.get("text")
            if not isinstance(text, str):
                raise UsageError(f"{name}: line {lineno}: field text: missing or not a string")
            spans = item.get("spans")
            hint = item.get("country") or country_hint
            if spans is not None:
                if not isinstance(spans, list) or not all(
                    isinstance(s, dict) and isinstance(s.get("start"), int) and isinstance(s.get("end"), int)
                    for s in spans
                ):
                    raise UsageError(f"{name}: line {lineno}: field spans: expected [{{\"start\": int, \"end\": int}}]")
                mentions = resolve_spans(text, spans, country_hint=hint)
            else:
                mentions = [m for m in find_mentions(text, country_hint=hint)
                            if landmarks or m.kind != "landmark"]
            rec = {"id": item.get("id", lineno), "places": [place_record(m) for m in mentions]}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    out.flush()
    return 0
