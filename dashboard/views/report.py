"""A one-page printable report (HTML with A4 print CSS; "Print to PDF" gives one page).

It holds the map picture (PNG data URI), a timeline (stacked bars by type per day, or per week for
long spans), counts by event type and by admin-1, the events with their evidence and sources
(the first MAX_ROWS; the rest are counted and left to the data exports), the filters applied and
the time it was made. Every value that comes from data goes through `html.escape`.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from dashboard.events.schema import TYPE_COLORS
from dashboard.views.png import attribution, date_span, plain, render_png, type_color

MAX_ROWS = 10
EVIDENCE_CHARS = 140
SOURCE_CHARS = 34


def esc(value: object) -> str:
    """Plain text for HTML: missing -> "", everything else html.escape'd (quotes too)."""
    return html.escape(plain(value), quote=True)


def _png_uri(data: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def timeline_png(events: pd.DataFrame, *, width_in: float = 4.6, height_in: float = 1.9, dpi: int = 200) -> bytes:
    """Stacked bars of events per day (per week when the span exceeds 60 days), coloured by type."""
    fig = Figure(figsize=(width_in, height_in), dpi=dpi, facecolor="white")
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.09, 0.2, 0.89, 0.72))
    d = pd.to_datetime(events["event_date"], errors="coerce") if len(events) else pd.Series(dtype="datetime64[ns]")
    ok = d.notna().to_numpy()
    if ok.any():
        span_days = (d[ok].max() - d[ok].min()).days
        freq, width, unit = ("W-MON", 6.0, "week") if span_days > 60 else ("D", 0.85, "day")
        bins = d[ok].dt.to_period(freq).dt.start_time
        types = events["event_type"].map(plain).to_numpy(object)[ok]
        table = pd.crosstab(bins.to_numpy(), types)
        full = pd.date_range(table.index.min(), table.index.max(), freq="7D" if unit == "week" else "D")
        table = table.reindex(full, fill_value=0)
        bottom = np.zeros(len(table))
        order = [t for t in TYPE_COLORS if t in table.columns] + [t for t in table.columns if t not in TYPE_COLORS]
        for t in order:
            vals = table[t].to_numpy(float)
            ax.bar(table.index, vals, bottom=bottom, width=width, color=type_color(t), align="edge",
                   linewidth=0)
            bottom += vals
        ax.set_ylabel(f"events per {unit}", fontsize=6.5)
        ax.yaxis.get_major_locator().set_params(integer=True)
        import matplotlib.dates as mdates

        loc = mdates.AutoDateLocator(maxticks=7)
        ax.xaxis.set_major_locator(loc)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc))
    else:
        ax.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=ax.transAxes, fontsize=8,
                parse_math=False)
    ax.tick_params(labelsize=6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
    return buf.getvalue()


def _counts(series: pd.Series, top: int = 12) -> list[tuple[str, int]]:
    vals = series.map(plain).replace("", "(unknown)")
    c = vals.value_counts()
    rows = [(str(k), int(v)) for k, v in c.head(top).items()]
    if len(c) > top:
        rows.append((f"{len(c) - top} others", int(c.iloc[top:].sum())))
    return rows


def _short(value: object, n: int) -> str:
    text = plain(value)
    return html.escape(text if len(text) <= n else text[:n - 1] + "…", quote=True)


def _source_cell(source: object, url: object) -> str:
    name = _short(source, SOURCE_CHARS)
    u = plain(url)
    if u.lower().startswith(("http://", "https://")):
        label = name or esc(u)
        return f'<a href="{html.escape(u, quote=True)}" rel="noopener noreferrer">{label}</a>'
    return name


def _evidence(row: pd.Series) -> str:
    text = plain(row.get("evidence")) or plain(row.get("notes"))
    if len(text) > EVIDENCE_CHARS:
        text = text[:EVIDENCE_CHARS - 1] + "…"
    return html.escape(text, quote=True)


CSS = """
@page { size: A4 landscape; margin: 8mm; }
* { box-sizing: border-box; }
body { font: 8pt/1.3 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1b1b1b; margin: 0; }
.page { width: 281mm; height: 194mm; overflow: hidden; display: flex; flex-direction: column; gap: 2mm; }
header h1 { font-size: 14pt; margin: 0; }
header p { margin: 0.5mm 0; color: #333; }
.top { display: flex; gap: 4mm; height: 84mm; }
.top .map { flex: 0 0 119mm; height: 84mm; }
.top .map img { width: 119mm; height: 84mm; object-fit: contain; border: 0.2mm solid #999; }
.top .side { flex: 1; display: flex; flex-direction: column; gap: 1.5mm; min-width: 0; }
.side img.timeline { width: 100%; height: auto; max-height: 40mm; object-fit: contain; }
.counts { display: flex; gap: 4mm; align-items: flex-start; }
.counts table { border-collapse: collapse; flex: 1; }
.counts td, .counts th { padding: 0.3mm 1mm; text-align: left; border-bottom: 0.1mm solid #ddd; }
.counts td.n { text-align: right; }
.dot { display: inline-block; width: 2.2mm; height: 2.2mm; border-radius: 50%; margin-right: 1mm; vertical-align: middle; }
section.rows { flex: 1 1 auto; min-height: 0; overflow: hidden; }
table.events { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 6.8pt; }
table.events th { background: #eee; text-align: left; padding: 0.4mm 1mm; }
table.events td { padding: 0.3mm 1mm; border-bottom: 0.1mm solid #ddd; vertical-align: top; overflow: hidden; }
table.events td.ev { font-style: italic; }
.more, footer { color: #555; font-size: 6.5pt; margin: 0; }
a { color: #0b61a4; text-decoration: none; }
@media screen { body { background: #ddd; } .page { background: white; margin: 8mm auto; padding: 0;
  box-shadow: 0 1px 6px rgba(0,0,0,.3); } }
"""


def render_report(events: pd.DataFrame, *, state=None, title: str = "crisismap report",
                  made_at: dt.datetime | None = None, rings=None, ref_place=None, extent=None,
                  max_rows: int = MAX_ROWS) -> str:
    """The report page as one HTML string (see module docstring)."""
    made = made_at or dt.datetime.now().replace(microsecond=0)
    summary = plain(state.summary()) if state is not None and hasattr(state, "summary") else "no filters"
    n = len(events)
    span = date_span(events)
    span_txt = f"{span[0].isoformat()} to {span[1].isoformat()}" if span else "no dated events"

    map_buf = io.BytesIO()
    render_png(events, map_buf, title=plain(title), filters_summary=summary, rings=rings, ref_place=ref_place,
               extent=extent, dpi=200, size="a4", made_at=made)
    timeline = timeline_png(events)

    type_rows = "".join(
        f'<tr><td><span class="dot" style="background:{type_color(t)}"></span>{html.escape(t)}</td>'
        f'<td class="n">{c:,}</td></tr>' for t, c in (_counts(events["event_type"], 8) if n else []))
    adm_rows = "".join(f'<tr><td>{html.escape(a)}</td><td class="n">{c:,}</td></tr>'
                       for a, c in (_counts(events["admin1"], 8) if n and "admin1" in events else []))

    shown = events.sort_values("event_date", kind="stable").head(max_rows) if n else events
    rows = []
    for _, r in shown.iterrows():
        date = r["event_date"].strftime("%Y-%m-%d") if pd.notna(r.get("event_date")) else ""
        place = ", ".join(p for p in (_short(r.get("location"), 40), _short(r.get("admin1"), 30)) if p)
        prec = esc(r.get("geo_precision"))
        etype = esc(r.get("event_type"))
        sub = esc(r.get("sub_event_type"))
        rows.append(
            f"<tr><td>{html.escape(date)}</td><td>{etype}{' / ' + sub if sub else ''}</td>"
            f"<td>{place}{f' (prec. {prec})' if prec else ''}</td><td>{esc(r.get('fatalities'))}</td>"
            f'<td class="ev">{_evidence(r)}</td><td>{_source_cell(r.get("source"), r.get("source_url"))}</td>'
            f"<td>{esc(r.get('event_id_cnty'))}</td></tr>")
    more = (f'<p class="more">… and {n - len(shown):,} more events, not listed here: '
            f"use the CSV, GeoJSON or GeoPackage export for all {n:,}.</p>") if n > len(shown) else ""

    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{CSS}</style></head>
<body><div class="page">
<header><h1>{esc(title)}</h1>
<p><b>{n:,} event{'s' if n != 1 else ''}</b> · {html.escape(span_txt)} · made {html.escape(made.strftime('%Y-%m-%d %H:%M'))}</p>
<p class="filters"><b>Filters applied:</b> {html.escape(summary)}</p></header>
<section class="top">
  <div class="map"><img alt="map of the filtered events" src="{_png_uri(map_buf.getvalue())}"></div>
  <div class="side">
    <img class="timeline" alt="events per day by type" src="{_png_uri(timeline)}">
    <div class="counts">
      <table><thead><tr><th>Event type</th><th>n</th></tr></thead><tbody>{type_rows}</tbody></table>
      <table><thead><tr><th>Admin-1</th><th>n</th></tr></thead><tbody>{adm_rows}</tbody></table>
    </div>
  </div>
</section>
<section class="rows">
<table class="events"><colgroup><col style="width:16mm"><col style="width:40mm"><col style="width:34mm">
<col style="width:10mm"><col><col style="width:38mm"><col style="width:22mm"></colgroup>
<thead><tr><th>Date</th><th>Type</th><th>Place</th><th>Fatal.</th><th>Evidence</th><th>Source</th><th>Event id</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table>
</section>{more}
<footer>{html.escape(attribution(events))} Report made with crisismap on {html.escape(made.isoformat(sep=' '))}.</footer>
</div></body></html>
"""
