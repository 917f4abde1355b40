"""The timeline: stacked bars of events per day, week or month by event type, with an x brush.

`timeline_counts` aggregates (so the chart's payload is bounded by days x types, never by the
number of events); `timeline_chart` draws it with Altair; `brush_dates` turns the brush
selection Streamlit returns into a (start, end) date range.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from dashboard.events.schema import TYPE_COLORS

BRUSH = "brush"
FREQ_LABEL = {"D": "day", "W": "week", "M": "month"}


#: at most this many bars per type: longer ranges get wider bars (a day per bar over ten years is
#: unreadable, and tens of thousands of bars stall the browser).
MAX_BARS = 200


def effective_freq(events: pd.DataFrame, freq: str = "D", max_bars: int = MAX_BARS) -> str:
    """`freq` ("D", "W" or "M"), or a coarser one when the events' date span would need more than
    `max_bars` bars at it."""
    order = ["D", "W", "M"]
    if events.empty or "event_date" not in events or freq not in order:
        return freq if freq in order else "D"
    d = pd.to_datetime(events["event_date"], errors="coerce").dropna()
    if d.empty:
        return freq
    days = (d.max() - d.min()).days + 1
    bars = {"D": days, "W": days / 7.0, "M": days / 30.44}
    for f in order[order.index(freq):]:
        if bars[f] <= max_bars:
            return f
    return "M"


def timeline_counts(events: pd.DataFrame, freq: str = "D") -> pd.DataFrame:
    """Event counts per period (`period`: the day, the Monday of the week, or the first of the month for
    `freq` "D", "W" or "M") and `event_type`."""
    if events.empty or "event_date" not in events:
        return pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]"), "event_type": pd.Series(dtype=str),
                             "events": pd.Series(dtype="int64")})
    d = pd.to_datetime(events["event_date"]).dt.normalize()
    if freq == "W":
        d = d - pd.to_timedelta(d.dt.day_of_week, unit="D")
    elif freq == "M":
        d = d - pd.to_timedelta(d.dt.day - 1, unit="D")
    types = events["event_type"].astype("object").fillna("Unknown")
    out = (pd.DataFrame({"period": d, "event_type": types}).dropna(subset=["period"])
           .groupby(["period", "event_type"], observed=True).size().rename("events").reset_index())
    return out


def timeline_chart(counts: pd.DataFrame, freq: str = "D", selected: tuple[dt.date, dt.date] | None = None,
                   height: int = 180) -> alt.Chart:
    """Altair stacked bars by type with an interval brush named "brush" on the x (time) axis.

    `selected` (start, end) pre-draws the brush, so the chart shows the current date filter.
    """
    domain = [t for t in TYPE_COLORS]
    extra = sorted(set(counts["event_type"]) - set(domain)) if not counts.empty else []
    colors = [TYPE_COLORS[t] for t in domain] + ["#7f7f7f"] * len(extra)
    unit = "yearmonth" if freq == "M" else "yearmonthdate"
    brush_kwargs = {}
    if selected is not None and selected[0] and selected[1]:
        brush_kwargs["value"] = {"x": [_ms(selected[0]), _ms(selected[1] + dt.timedelta(days=1))]}
    brush = alt.selection_interval(name=BRUSH, encodings=["x"], **brush_kwargs)
    label = FREQ_LABEL.get(freq, "day")
    chart = (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            x=alt.X(f"{unit}(period):T", title=None,
                    axis=alt.Axis(format="%b %Y" if freq == "M" else "%d %b %Y", labelAngle=0)),
            y=alt.Y("sum(events):Q", title=f"per {label}", stack="zero", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("event_type:N", title="Event type",
                            scale=alt.Scale(domain=domain + extra, range=colors),
                            legend=alt.Legend(orient="bottom", columns=3)),
            tooltip=[alt.Tooltip(f"{unit}(period):T", title=label), alt.Tooltip("event_type:N", title="type"),
                     alt.Tooltip("sum(events):Q", title="events")],
        )
        .add_params(brush)
        .properties(height=height)
    )
    return chart


def _ms(d: dt.date) -> int:
    return int(pd.Timestamp(d).value // 1_000_000)


def _to_date(v) -> dt.date | None:
    if v is None:
        return None
    try:
        if isinstance(v, int | float):
            return pd.Timestamp(int(v), unit="ms").date()
        return pd.Timestamp(v).date()
    except (ValueError, TypeError, OverflowError):
        return None


def brush_dates(selection) -> tuple[dt.date, dt.date] | None:
    """(start, end) dates from `st.altair_chart(..., on_select=...)`'s selection state, or None.

    Streamlit returns `{"selection": {"brush": {"<field>": [t0, t1]}}}` with epoch milliseconds
    (or ISO strings); an empty brush means "no date filter from the timeline".
    """
    try:
        sel = selection["selection"][BRUSH]
    except (KeyError, TypeError):
        return None
    if not sel:
        return None
    values = next(iter(sel.values()), None)
    if not values or len(values) != 2:
        return None
    a, b = _to_date(values[0]), _to_date(values[1])
    if a is None or b is None:
        return None
    a, b = min(a, b), max(a, b)
    return a, b


def chart_key(start: dt.date | None, end: dt.date | None, freq: str) -> str:
    """The chart's widget key: a new one per date window and bar width, so that after a brush narrows
    the dates the redrawn chart starts without a brush."""
    return f"timeline_{start}_{end}_{freq}"
