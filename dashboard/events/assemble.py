"""Step 5 of extraction: triggers with their arguments become events, and events become rows.

`merge_or_add` joins sentences that tell the same happening (same event family, date and place)
into one event; `to_row` writes an event as a row of the ACLED schema plus crisismap's
provenance columns (evidence sentence and offsets, notes that say where each field came from).
Coordinates are WGS84 degrees; distances in the notes are km.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard.events import where as W
from dashboard.events.actors import ActorHit, actor_name
from dashboard.events.distances import DistanceCheck, at_claim
from dashboard.events.schema import (
    CRS,
    DISORDER_TYPES,
    DTYPES,
    EVENT_COLUMNS,
    interaction_code,
    stable_event_id,
)
from dashboard.events.sentences import Sentence
from dashboard.sources.article import Article

__all__ = ["Event", "family", "merge_or_add", "to_row", "rows_to_events"]


@dataclass
class Event:
    """One happening being assembled from one or more sentences."""

    event_type: str
    sub_event_type: str
    priority: int
    family: str
    sentences: list[Sentence]
    triggers: list[str]
    loc: W.Location
    when: date
    time_precision: int
    date_note: str
    actors1: list[ActorHit] = field(default_factory=list)
    actors2: list[ActorHit] = field(default_factory=list)
    deaths: int | None = None
    deaths_words: str = ""
    vague: str = ""
    wounded: int | None = None
    abducted: int | None = None
    flags: list[str] = field(default_factory=list)
    all_actors: list[ActorHit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def family(event_type: str) -> str:
    """Protests and riots are one family (a crowd that turns violent is one happening)."""
    return "protest" if event_type in ("Protests", "Riots") else event_type


def _more(a: int | None, b: int | None) -> int | None:
    if b is None:
        return a
    return b if a is None or b > a else a


def merge_or_add(events: list[Event], ev: Event) -> None:
    """Append ``ev``, or fold it into an earlier event of the same family, date and place."""
    for old in reversed(events[-40:]):
        if old.family != ev.family or old.when != ev.when:
            continue
        same = W.same_place(old.loc, ev.loc)
        cc_old = old.loc.mention.place.country_code
        cc_new = ev.loc.mention.place.country_code
        country_level = (ev.loc.country_only or ev.loc.inherited) and cc_old == cc_new
        upgrade = old.loc.country_only and not ev.loc.country_only and cc_old == cc_new
        if not (same or country_level or upgrade):
            continue
        if upgrade or (old.loc.inherited and not ev.loc.inherited and not ev.loc.country_only and same):
            old.loc = ev.loc
        old_caption = all(x.caption for x in old.sentences)
        if old_caption and not ev.sentences[0].caption:  # name the happening by the body's words
            old.triggers = ev.triggers + [t for t in old.triggers if t not in ev.triggers]
        if (old_caption and not ev.sentences[0].caption) or (
                old.date_note.startswith("date carried") and ev.date_note.startswith("date from")):
            old.date_note = ev.date_note
        if ev.priority > old.priority:
            old.event_type, old.sub_event_type, old.priority = ev.event_type, ev.sub_event_type, ev.priority
        old.sentences.extend(ev.sentences)
        old.all_actors.extend(ev.all_actors)
        old.triggers.extend(t for t in ev.triggers if t not in old.triggers)
        if not old.actors1 and ev.actors1:
            old.actors1 = ev.actors1
        if not old.actors2 and ev.actors2:
            old.actors2 = ev.actors2
        if ev.deaths is not None and (old.deaths is None or ev.deaths > old.deaths):
            old.deaths, old.deaths_words = ev.deaths, ev.deaths_words
        old.vague = old.vague or ev.vague
        old.wounded = _more(old.wounded, ev.wounded)
        old.abducted = _more(old.abducted, ev.abducted)
        if old.time_precision > ev.time_precision:
            old.time_precision, old.date_note = ev.time_precision, ev.date_note
        old.flags.extend(f for f in ev.flags if f not in old.flags)
        old.notes.extend(n for n in ev.notes if n not in old.notes)
        return
    events.append(ev)


_GENERIC = ActorHit(0, 0, "", "", 0)


def _foreign_state(hit: ActorHit, country: str) -> ActorHit:
    """A state force of another country acting here is an external force (inter 8)."""
    if hit.inter == 1 and " of " in hit.name and "{C}" not in hit.name:
        of = hit.name.split(" of ", 1)[1].split(" (")[0]
        if country and of != country:
            return ActorHit(hit.start, hit.end, hit.text, hit.name, 8, hit.assoc, "external")
    return hit


def _actors(ev: Event, cname: str) -> tuple[ActorHit | None, ActorHit | None]:
    a1 = ev.actors1[0] if ev.actors1 else None
    a2 = ev.actors2[0] if ev.actors2 else None
    pool = ev.actors1 + ev.actors2 + ev.all_actors
    if ev.event_type in ("Protests", "Riots"):
        state = [a for a in pool if a.role in ("state", "external")]
        assoc = next((a.assoc or (a.name if a.role == "party" else "") for a in pool
                      if a.role in ("party", "protest", "riot") and (a.assoc or a.role == "party")), "")
        crowd = "Protesters ({C})" if ev.event_type == "Protests" else "Rioters ({C})"
        inter = 6 if ev.event_type == "Protests" else 5
        if a1 is None or a1.role not in ("protest", "riot", "party", "civ") or ev.sub_event_type != "Mob violence":
            if not (ev.sub_event_type == "Mob violence" and a1 is not None and a1.role in ("armed", "militia")):
                a1 = ActorHit(0, 0, "", crowd, inter, assoc, "protest")
        else:
            a1 = ActorHit(a1.start, a1.end, a1.text, crowd, inter, a1.assoc or assoc, "protest")
        if ev.sub_event_type in ("Excessive force against protesters", "Protest with intervention"):
            a2 = state[0] if state else None
        elif ev.event_type == "Riots":
            a2 = state[0] if state else a2
        if ev.sub_event_type == "Peaceful protest" or (a2 is not None and a2.role in ("protest",)
                                                       and ev.event_type == "Protests"):
            a2 = None
        if a2 is not None and a2.role == "party":
            a2 = ActorHit(a2.start, a2.end, a2.text, crowd, inter, a2.assoc or a2.name, "protest")
    if a1 is not None and a1.role == "civ" and ev.event_type in ("Battles", "Violence against civilians",
                                                                 "Explosions/Remote violence"):
        a1, a2 = None, a2 or a1
    if a1 is not None and a1.role in ("state", "external") and ev.sub_event_type in (
            "Remote explosive/landmine/IED", "Suicide bomb", "Grenade"):
        a1, a2 = None, a1   # "a FAMa vehicle struck an IED": the forces are the ones hit
    if a1 is None and ev.sub_event_type == "Arrests":
        a1 = ActorHit(0, 0, "", "Police Forces of {C}", 1, "", "state")  # arrests by unnamed hands: the police
    if a1 is None and ev.event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        a1 = ActorHit(0, 0, "", "Unidentified Armed Group ({C})", 3, "", "armed")  # perpetrator not named
    if a1 is not None:
        a1 = _foreign_state(a1, cname)
    if a2 is not None:
        a2 = _foreign_state(a2, cname)
    if a1 is not None and a2 is not None and actor_name(a1, cname) == actor_name(a2, cname) \
            and ev.event_type != "Riots" and ev.event_type != "Battles":
        a2 = None
    return a1, a2


def to_row(ev: Event, article: Article, checks: list[DistanceCheck], loose: list[DistanceCheck],
           main_cc: str | None, lang: str) -> dict:
    """One event as a row of the event schema (ACLED columns + provenance)."""
    body = [s for s in ev.sentences if not s.caption]
    evid = body[0] if body else ev.sentences[0]
    place = ev.loc.mention.place
    where = W.place_fields(ev.loc, main_cc)
    cc = where["country_code"] or ""
    cname = where["country"] or ""
    tags = list(ev.flags)
    if not body:
        tags.append("caption")
    elif any(s.caption for s in ev.sentences):
        tags.append("also-in-caption")
    tags += where.pop("tags")
    if ev.sub_event_type == "Protest with intervention" and ev.deaths:
        # deaths at the hands of the forces that intervened: lethal force is excessive force
        ev.sub_event_type = "Excessive force against protesters"
    a1, a2 = _actors(ev, cname)
    actor1 = actor_name(a1, cname) if a1 else None
    actor2 = actor_name(a2, cname) if a2 else None
    inter1 = a1.inter if a1 else None
    inter2 = a2.inter if a2 else None
    assoc1 = actor_name(ActorHit(0, 0, "", a1.assoc, 0), cname) if a1 and a1.assoc else None
    assoc2 = actor_name(ActorHit(0, 0, "", a2.assoc, 0), cname) if a2 and a2.assoc else None
    if assoc1 == actor1:
        assoc1 = None
    if assoc2 == actor2:
        assoc2 = None
    checks_here = [c for c in checks if at_claim(place, c)] + loose
    for c in checks_here:
        tags.append("distance-checked" if c.agrees else "distance-disagrees")
    if ev.vague:
        tags.append("fatalities-vague")
    if ev.wounded:
        tags.append(f"wounded={ev.wounded}")
    if ev.abducted:
        tags.append(f"abducted={ev.abducted}")
    words = list(dict.fromkeys(t.strip() for t in ev.triggers))
    what = words[0] + (f" (also: {', '.join(words[1:4])})" if len(words) > 1 else "")
    summary = (f"{actor1 or 'Unidentified actor'}: {what}"
               f"{' — ' + actor2 if actor2 else ''} at {place.name}"
               f"{', ' + cname if cname and cname != place.name else ''} on {ev.when.isoformat()}.")
    notes = [summary, ev.date_note[0].upper() + ev.date_note[1:] + "."]
    notes.append(where.pop("place_note"))
    if ev.deaths is not None:
        notes.append(f"Fatalities: '{ev.deaths_words}'.")
    elif ev.vague:
        notes.append(f"Fatalities not counted: '{ev.vague}' states no number (flagged, not guessed).")
    if ev.wounded:
        notes.append(f"Wounded: {ev.wounded}.")
    if ev.abducted:
        notes.append(f"Abducted: {ev.abducted}.")
    notes += ev.notes
    if not body:
        notes.append("From a photo caption.")
    notes += [c.note() for c in checks_here]
    if lang != "en":
        notes.append(f"Report language: {lang}.")
    src_id = hashlib.sha1(article.text.encode("utf-8")).hexdigest()[:12]
    return {
        "event_id_cnty": stable_event_id(cc, src_id, ev.when.isoformat(), ev.event_type, place.geonameid),
        "event_date": pd.Timestamp(ev.when),
        "time_precision": ev.time_precision,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": actor1,
        "assoc_actor_1": assoc1,
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": assoc2,
        "inter2": inter2,
        "interaction": interaction_code(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if ev.event_type == "Violence against civilians" else None,
        **{k: where[k] for k in ("iso", "country", "admin1", "location", "latitude", "longitude", "geo_precision")},
        "source": article.source or None,
        "notes": " ".join(notes),
        "fatalities": ev.deaths or 0,
        "fatalities_stated": ev.deaths is not None,
        "tags": "; ".join(dict.fromkeys(tags)) or None,
        "timestamp": int(time.time()),
        "source_url": article.url,
        "source_date": pd.Timestamp(article.published) if article.published else pd.NaT,
        "evidence": evid.text,
        "evidence_start": evid.start,
        "evidence_end": evid.end,
        "geonameid": where["geonameid"],
        "place_score": where["place_score"],
        "origin": "article",
        "country_code": where["country_code"],
        "source_id": src_id,
    }


@lru_cache(maxsize=1)
def _crs():
    from pyproj import CRS as _CRS

    return _CRS.from_user_input(CRS)


@lru_cache(maxsize=1)
def _dtypes() -> dict:
    return {c: pd.api.types.pandas_dtype(t) for c, t in DTYPES.items()}


def rows_to_events(rows: list[dict]) -> gpd.GeoDataFrame:
    """Rows (dicts of event columns) as an event GeoDataFrame with the schema's columns and dtypes,
    in EPSG:4326 — the same result as ``schema.to_events`` for extraction's rows, built column by
    column (``to_events`` converts a whole frame generically and costs ~25 ms per report)."""
    cols: dict[str, object] = {}
    n = len(rows)
    dtypes = _dtypes()
    for c in EVENT_COLUMNS:
        vals = [r.get(c) for r in rows]
        if c == "year":
            vals = [r["event_date"].year if r.get("event_date") is not None else None for r in rows]
        elif c == "disorder_type":
            vals = [DISORDER_TYPES.get(r.get("event_type")) for r in rows]
        want = DTYPES[c]
        if want.startswith("datetime"):
            cols[c] = pd.to_datetime(pd.Series(vals, dtype="object"), errors="coerce").astype("datetime64[ns]").array
        elif want == "float64":
            cols[c] = np.array([np.nan if v is None else float(v) for v in vals], dtype="float64")
        else:
            cols[c] = pd.array([None if v is None or (isinstance(v, float) and v != v) else v for v in vals],
                               dtype=dtypes[c])
    df = pd.DataFrame(cols, index=pd.RangeIndex(n), copy=False)
    return gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(cols["longitude"], cols["latitude"], crs=_crs()))
