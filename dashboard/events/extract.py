"""From an `Article` to ACLED-style events: who did what to whom, where and when, with the evidence.

The pipeline, one module per step, all rule-based and offline; the words come from the report
language's lexicon (``dashboard.lexicons``: ``--lang`` > ``Language:`` header > detection):

1. ``sentences``  the text as sentences (offsets into ``Article.text``);
2. ``triggers``   event words, minus hypothetical/negated ("fears of a coup"), aggregate ("months of
   demonstrations") and year-only background ("the 2012 coup") ones, each listed as a Reject;
3. arguments:     ``actors`` (who, whom; ACLED names and inter codes), ``where`` (the place step,
   owned by the place engineer), ``dates`` (when: stated, carried from an earlier sentence, or
   the publication date, flagged), ``fatalities`` (how many killed, wounded, abducted);
4. ``eventtype``  the ACLED type and sub-type, from the trigger and its arguments;
5. ``assemble``   sentences that tell the same happening merged into one event; rows written;
   stated distances checked (``distances``).

Nothing is silent: every trigger becomes (part of) an event or a Reject with its reason, and a
report with no event gets a whole-report Reject (row 0) that says why.
Coordinates are WGS84 degrees; distances are computed in metres and reported in km.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import geopandas as gpd

from dashboard.events import where as W
from dashboard.events.actors import ActorHit, find_actors, roles
from dashboard.events.assemble import Event, family, merge_or_add, rows_to_events, to_row
from dashboard.events.dates import DateRef, find_dates, resolve
from dashboard.events.distances import DistanceCheck, at_claim, distance_checks
from dashboard.events.eventtype import type_event
from dashboard.events.fatalities import Harm, harm
from dashboard.events.schema import Reject, empty_events
from dashboard.events.sentences import Sentence, sentence_of, split_sentences
from dashboard.events.triggers import Trigger, find_triggers, is_aggregate, is_hypothetical, year_reference
from dashboard.lexicons import Lexicon, UnsupportedLanguage, choose_language, for_language, language_name
from dashboard.sources.article import Article

__all__ = ["extract_events", "split_sentences", "DistanceCheck", "distance_checks", "Sentence", "report_language"]

#: event types whose sentence carries the sentence's death count
_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests")


def report_language(article: Article, lang: str | None = None) -> tuple[Lexicon, str]:
    """The report's lexicon and a note on how its language was chosen (``lang`` > header >
    detection). Raises UnsupportedLanguage for a language with no lexicon."""
    code, how = choose_language(option=lang, header=getattr(article, "language", None), text=article.text)
    if code == "und":
        code, how = "en", "too few words to detect the language; read as English"
    return for_language(code), how


def _snip(text: str, t: Trigger, width: int = 30) -> str:
    a = max(0, t.start - width)
    b = min(len(text), t.end + width)
    return ("…" if a else "") + text[a:b].strip() + ("…" if b < len(text) else "")


def _reporting_date(text: str, ref: DateRef, lex: Lexicon) -> bool:
    """A date that belongs to the telling ("officials said on Tuesday"), not to the happening."""
    return bool(lex.rx(lex.reporting).search(text[max(0, ref.start - 40):ref.start]))


def _sentence_date(trig_abs: int, refs: list[DateRef], published: date | None):
    """The date stated in a sentence nearest the trigger: (date, precision, note) or None."""
    best = None
    for r in refs:
        if r.kind == "year":
            continue
        d, tp, note = resolve(r, published)
        if d is None:
            continue
        dist = abs(r.start - trig_abs)
        if best is None or dist < best[0]:
            best = (dist, d, tp, note)
    return None if best is None else best[1:]


def _drop_shadowed(refs: list[DateRef], text: str) -> list[DateRef]:
    """A relative date next to a stated one in the same sentence ("overnight on 9 June") only
    qualifies it: the stated date wins."""
    absolute = [r for r in refs if r.kind in ("iso", "md", "dm", "dm_range", "md_range")]

    def beside(a: DateRef, r: DateRef) -> bool:
        lo, hi = (a.end, r.start) if a.end <= r.start else (r.end, a.start)
        return hi - lo <= 20 and not any(ch in ".!?\n" for ch in text[lo:hi])

    return [r for r in refs if r.kind not in ("relative", "weekday") or not any(beside(a, r) for a in absolute)]


def _attach_target(events: list[Event], sent: Sentence, by_sent, main_cc, text) -> Event | None:
    ms = [m for m in by_sent.get(sent.index, []) if W.usable(m, main_cc, text) and W.tier(m.place) != "country"]
    if ms:
        for ev in reversed(events):
            if ev.loc.mention.place.geonameid == ms[0].place.geonameid:
                return ev
    # the main happening of the latest sentence that told one (its first event, not a side one)
    last = max(ev.sentences[0].index for ev in events)
    return next(ev for ev in events if ev.sentences[0].index == last)


def _add_harm(ev: Event, h: Harm, sent: Sentence) -> None:
    """A casualty sentence with no event words of its own adds to the event it follows."""
    if h.deaths is not None:
        if h.additive and ev.deaths:
            ev.deaths, ev.deaths_words = ev.deaths + h.deaths, f"{ev.deaths_words}; {h.words}"
        elif ev.deaths is None or h.deaths > ev.deaths:
            ev.deaths, ev.deaths_words = h.deaths, h.words
    if h.vague and not ev.vague:
        ev.vague = h.vague
    if h.wounded:
        ev.wounded = (ev.wounded or 0) + h.wounded if h.additive else max(ev.wounded or 0, h.wounded)
    if h.abducted:
        ev.abducted = max(ev.abducted or 0, h.abducted)
    if sent not in ev.sentences:
        ev.sentences.append(sent)


def extract_events(article: Article, lang: str | None = None) -> tuple[gpd.GeoDataFrame, list[Reject]]:
    """ACLED-style events from one report (origin "article"), and the rejects with their reasons.

    ``lang`` (ISO 639-1 or a name) overrides the report's ``Language:`` header and detection.
    Every trigger found either becomes (part of) an event or a Reject (row = 1-based sentence
    number, field "evidence"/"date"/"place"/"type"/"language", reason in plain words). When nothing
    becomes an event, a whole-report Reject (row 0) says why.
    """
    file = article.file or article.source
    try:
        lex, how = report_language(article, lang)
    except UnsupportedLanguage as exc:
        return _empty(), [Reject(0, "language", str(exc), file)]

    text = article.text
    rejects: list[Reject] = []
    sentences = split_sentences(article, lex)
    mentions, main_cc = W.report_places(text, lex.code)   # the place step: mentions bounded by the report's country
    mentions = sorted(mentions, key=lambda m: m.start)
    by_sent: dict[int, list] = {}
    for m, si in zip(mentions, sentence_of(sentences, [m.start for m in mentions]), strict=True):
        if si is not None:
            by_sent.setdefault(sentences[si].index, []).append(m)
    checks = distance_checks(sentences, by_sent, text, lex)
    all_refs = _drop_shadowed(find_dates(text, lex=lex), text)
    refs_by_sent: dict[int, list[DateRef]] = {}
    for r, si in zip(all_refs, sentence_of(sentences, [r.start for r in all_refs]), strict=True):
        if si is not None:
            refs_by_sent.setdefault(si, []).append(r)

    events: list[Event] = []
    discourse: tuple[date, int, str] | None = None
    found_any = False
    untyped: list[str] = []
    mutiny_seen = False
    protest_seen = False
    for sent in sentences:
        told = [r for r in refs_by_sent.get(sent.index, []) if _reporting_date(text, r, lex)]
        refs = [r for r in refs_by_sent.get(sent.index, []) if r not in told]
        stated = None
        for r in refs:
            if r.kind != "year":
                d, tp, note = resolve(r, article.published)
                if d is not None:
                    stated = (d, tp, note)
        if lex.cue("mutiny").search(sent.text):
            mutiny_seen = True
        protest_context = protest_seen
        if lex.cue("protesters").search(sent.text):
            protest_seen = True
        if sent.title:
            if stated:
                discourse = stated
            continue
        trigs = find_triggers(sent.text, lex)
        actors = find_actors(sent.text, lex)
        protest_context = protest_context or any(t.key in ("protest", "protest_strong") for t in trigs)
        if mutiny_seen:
            actors = [_as_mutineers(a) for a in actors]
        h = harm(sent.text, lex)
        cands: list[tuple[Trigger, str, str, int, list[ActorHit], list[ActorHit]]] = []
        for t in trigs:
            found_any = True
            y = year_reference(sent.text, t, lex)
            if t.nominal and y is not None:
                rejects.append(Reject(sent.index + 1, "date",
                                      f"background reference to {y} ('{_snip(sent.text, t)}'): left out, "
                                      f"not an event of this report", file))
                continue
            if is_hypothetical(sent.text, t, lex):
                rejects.append(Reject(sent.index + 1, "evidence",
                                      f"'{_snip(sent.text, t)}' is hypothetical, demanded or negated", file))
                continue
            if is_aggregate(sent.text, t, lex):
                rejects.append(Reject(sent.index + 1, "evidence",
                                      f"'{_snip(sent.text, t)}' sums up many past happenings", file))
                continue
            if t.key in ("kill", "attack") and lex.cue("non_combat").search(sent.text):
                rejects.append(Reject(sent.index + 1, "type",
                                      f"'{_snip(sent.text, t)}': an accident or illness, not political violence",
                                      file))
                continue
            a1, a2 = roles(sent.text, t, actors, lex, trigs)
            etype, sub, prio = type_event(t, sent.text, actors, a1, a2, lex, protest_context)
            if not etype:
                untyped.append(_snip(sent.text, t))
                continue
            cands.append((t, etype, sub, prio, a1, a2))
        # a casualty sentence after an event ("Two soldiers were killed.") tells that event's toll
        follow_up = bool(cands) and bool(events) and all(c[0].key == "kill" for c in cands) \
            and not any(c[4] and c[4][0].role in ("armed", "militia") for c in cands) \
            and not any(r.kind != "year" for r in refs)
        if not cands or follow_up:
            if (h.deaths is not None or h.vague or h.wounded or h.abducted) and events:
                _add_harm(_attach_target(events, sent, by_sent, main_cc, text), h, sent)
            if stated:
                discourse = stated
            continue
        # a trigger in a background clause ("... after a young man was shot") when the sentence has
        # already told its happening: background, not an event of its own
        if len(cands) > 1:
            bg = lex.cue("background")
            first = min(c[0].start for c in cands)
            dropped = [c for c in cands if c[0].start > first and bg.search(sent.text, first, c[0].start)
                       and c[0].key in ("kill", "attack")]
            cands = [c for c in cands if c not in dropped]
        # bare killing/attack words in one sentence tell one happening: the one whose actors are named
        generic = [c for c in cands if c[0].key in ("kill", "attack")]
        if len(generic) > 1:
            keep = max(generic, key=lambda c: (bool(c[4]) + bool(c[5]), c[3]))
            cands = [c for c in cands if c not in generic or c is keep]
        # one happening per sentence and family: the most specific trigger names the type
        fam_best: dict[str, tuple] = {}
        for c in cands:
            f = family(c[1])
            if f not in fam_best or c[3] > fam_best[f][3]:
                fam_best[f] = c
        fams = set(fam_best)
        absorbed: list[str] = []
        if len(fams) > 1:
            for f, c in list(fam_best.items()):
                # property destroyed or people arrested in the course of violence or a protest is part
                # of that happening; a bare casualty word joins the specific event next to it
                crowd_arrest = c[2] == "Arrests" and "protest" in fams and (not c[5] or c[5][0].role in ("protest",
                                                                                                       "riot"))
                if f == "Strategic developments" and (crowd_arrest or (c[2] == "Looting/property destruction" and fams & {
                        "Battles", "Violence against civilians", "Explosions/Remote violence", "protest"})):
                    absorbed.append(c[0].text)
                    del fam_best[f]
                elif (c[0].key in ("attack", "kill") and "Explosions/Remote violence" in fam_best
                      and f != "Explosions/Remote violence") or (
                        c[0].key == "kill" and any(g != f and fam_best[g][1] in _VIOLENT for g in fam_best)):
                    absorbed.append(c[0].text)
                    del fam_best[f]
        deaths_to = next((f for f, c in sorted(fam_best.items(), key=lambda kv: kv[1][0].start)
                          if c[1] in _VIOLENT), None)
        used = None
        for f, (t, etype, sub, prio, a1, a2) in fam_best.items():
            trig_abs = sent.start + t.start
            loc = W.choose_place(sent, trig_abs, by_sent, sentences, main_cc, text)
            if loc is None:
                rejects.append(Reject(sent.index + 1, "place",
                                      f"'{_snip(sent.text, t)}': no place found (name the town, or add it as a "
                                      "place with `crisismap places`)", file))
                continue
            when = _sentence_date(trig_abs, refs, article.published)
            flags: list[str] = []
            if when is not None:
                d, tp, dnote = when
                dnote = f"date from {dnote}"
            elif discourse is not None:
                d, tp, dnote = discourse
                dnote = f"date carried from an earlier sentence ({dnote})"
            elif _sentence_date(trig_abs, told, article.published) is not None:
                d, tp, dnote = _sentence_date(trig_abs, told, article.published)
                dnote = f"date of the report it cites ({dnote}): the happening is not dated apart"
            elif article.published is not None:
                d, tp = article.published, 2
                dnote = "no date stated; publication date used (time_precision 2)"
                flags.append("date-assumed")
            else:
                rejects.append(Reject(sent.index + 1, "date",
                                      f"'{_snip(sent.text, t)}': no date stated and no publication date "
                                      "(pass --date YYYY-MM-DD)", file))
                continue
            if article.published is not None and d > article.published and (d - article.published).days > 1:
                rejects.append(Reject(sent.index + 1, "date",
                                      f"'{_snip(sent.text, t)}' is dated {d.isoformat()}, after the report: "
                                      "planned, not happened", file))
                continue
            others = sorted({c[0].text.lower() for c in cands if c[0] is not t} | {w.lower() for w in absorbed})
            mine = f == deaths_to
            ev = Event(etype, sub, prio, f, [sent], [t.text.lower()] + others, loc, d, tp, dnote, list(a1), list(a2),
                       h.deaths if mine else None, h.words if mine else "", h.vague if mine else "",
                       h.wounded if mine else None, h.abducted if mine else None, flags, list(actors))
            if any(c[0].key == "change" for c in cands) and lex.cue("mutiny").search(sent.text):
                ev.flags.append("mutiny")
            _mutineers(ev, mutiny_seen)
            merge_or_add(events, ev)
            if when is not None:
                used = when
        if used is not None:
            discourse = used
        elif stated:
            discourse = stated

    if not events and not found_any:
        guessed = _other_event(sentences, refs_by_sent, by_sent, main_cc, text, article, lex)
        if guessed is not None:
            events.append(guessed)
    if not events:
        if not found_any:
            reason = (f"no event words found ({language_name(lex.code)} lexicon: no attack, clash, arrest, "
                      "protest, ... in the text)")
        elif untyped and not rejects:
            reason = ("event words found but the report does not say who was hit (" + "; ".join(untyped[:2]) + ")")
        else:
            reason = "no dated, placed event found: " + "; ".join(r.reason for r in rejects[:3])
        rejects.append(Reject(0, "", reason, file))
        return _empty(), rejects
    # A distance claim goes to the events at either end of it; a claim no event sits at
    # concerns the whole article, so every event carries it.
    anchored = {id(c) for ev in events for c in checks if at_claim(ev.loc.mention.place, c)}
    loose = [c for c in checks if id(c) not in anchored]
    if how not in ("header", "option", "detected"):
        for ev in events:
            ev.notes.append(f"Language: {how}.")
    gdf = rows_to_events([to_row(ev, article, checks, loose, main_cc, lex.code) for ev in events])
    gdf.attrs["distance_checks"] = [c.note() for c in checks]
    gdf.attrs["language"] = lex.code
    return gdf, rejects


def _other_event(sentences: list[Sentence], refs_by_sent, by_sent, main_cc, text: str, article: Article,
                 lex: Lexicon) -> Event | None:
    """A terse dated note that names an armed or political actor at a place but no event word the
    lexicon knows ("On 5 May 2020, JNIM militants gave residents of X an ultimatum"): ACLED's
    catch-all "Strategic developments / Other", tagged type-guessed so a user can check it."""
    for sent in sentences:
        if sent.title:
            continue
        refs = [r for r in refs_by_sent.get(sent.index, []) if r.kind in ("iso", "md", "dm", "dm_range", "md_range")]
        actors = [a for a in find_actors(sent.text, lex) if a.role in ("armed", "militia", "state", "external",
                                                                          "party")]
        if not refs or not actors:
            continue
        d, tp, note = resolve(refs[0], article.published)
        if d is None or (article.published is not None and (d - article.published).days > 1):
            continue
        loc = W.choose_place(sent, sent.start + actors[0].end, by_sent, sentences, main_cc, text)
        if loc is None:
            continue
        return Event("Strategic developments", "Other", 1, "Strategic developments", [sent], [actors[0].text], loc,
                     d, tp, f"date from {note}", actors[:1], [], flags=["type-guessed"], all_actors=actors,
                     notes=["Type: no event word known; a dated note naming an armed or political actor is "
                            "kept as Strategic developments / Other — check it."])
    return None


_MUTINEERS = "Military Forces of {C} (mutineers)"


def _as_mutineers(a: ActorHit) -> ActorHit:
    """In a report about a mutiny, unnamed armed men are the mutineers (coreference by context)."""
    if a.role == "armed" and a.name.startswith("Unidentified"):
        return ActorHit(a.start, a.end, a.text, _MUTINEERS, 1, "", "state")
    return a


def _mutineers(ev: Event, mutiny_seen: bool) -> None:
    """In a report about a mutiny, soldiers and unnamed armed men are the mutineers: the mutiny
    (state forces taking up arms) and the detentions they carry out are theirs."""
    mutineers = "Military Forces of {C} (mutineers)"
    if "mutiny" in ev.flags or mutiny_seen:
        a1 = ev.actors1[0] if ev.actors1 else None
        if a1 is not None and a1.name == mutineers:
            if a1.text and "mutin" not in a1.text.lower():
                ev.notes.append(f"Actor: '{a1.text}' taken as the mutineers the report names earlier.")
            return
        if a1 is not None and (a1.inter == 1 and a1.role == "state" and "mutiny" in ev.flags):
            ev.actors1 = [ActorHit(a1.start, a1.end, a1.text, mutineers, 1, a1.assoc, "state")] + ev.actors1[1:]
        elif mutiny_seen and a1 is not None and a1.name == "Military Forces of {C}" and \
                ev.sub_event_type == "Arrests":
            ev.actors1 = [ActorHit(a1.start, a1.end, a1.text, mutineers, 1, a1.assoc, "state")] + ev.actors1[1:]


@lru_cache(maxsize=1)
def _empty_template() -> gpd.GeoDataFrame:
    return empty_events()


def _empty() -> gpd.GeoDataFrame:
    """An empty event frame (a copy of a cached template: building one takes tens of ms)."""
    return _empty_template().copy()
