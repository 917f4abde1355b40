"""Animated map export: one report picture (`png.render_png`) per time window, as a GIF or MP4.

Every frame is the same map extent (the whole filtered set and its rings), so places stay put
while the events of each window (a day, a week or a month: `eventcloud.day_windows`, the same
steps as the page's player) appear. Each frame carries the legend, the window's dates in its
header and the attribution line, like the PNG export. GIF through Pillow; MP4 through PyAV (`av`,
whose wheels bundle FFmpeg), only when it is installed. Coordinates WGS84 degrees; rings km.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from dashboard.views.eventcloud import day_windows

FORMATS = ("gif", "mp4")
WINDOWS = ("day", "week", "month")


def mp4_available() -> bool:
    """True when an MP4 encoder (PyAV with FFmpeg's H.264 or MPEG-4 encoder) can be imported."""
    try:
        import av  # noqa: F401
    except ImportError:
        return False
    return True


def frame_windows(events: pd.DataFrame, window: str = "week", start: dt.date | None = None,
                  end: dt.date | None = None) -> list[tuple[dt.date, dt.date]]:
    """The (first, last) day of each frame over [start, end] (default: the events' dates)."""
    if window not in WINDOWS:
        raise ValueError(f"window must be one of {', '.join(WINDOWS)}, not {window!r}")
    d = pd.to_datetime(events["event_date"], errors="coerce").dropna() if len(events) else pd.Series(dtype=object)
    first = start or (d.min().date() if len(d) else None)
    last = end or (d.max().date() if len(d) else None)
    if first is None or last is None or first > last:
        return []
    return [(dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in day_windows(str(first), str(last), window)]


def fixed_extent(events: pd.DataFrame, rings: Sequence[tuple[float, float, float]] = (),
                 ref_place: tuple[str, float, float] | None = None, margin: float = 0.08
                 ) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) degrees around every event and ring, widened by `margin` of its size
    (2.5 times that at the bottom, where the scale bar and north arrow are drawn)."""
    from dashboard.views.png import _bounds_of

    box = _bounds_of(events, list(rings), ref_place)
    if box is None:
        return None
    w, s, e, n = box
    dx, dy = max(e - w, 0.05) * margin, max(n - s, 0.05) * margin
    # more room at the bottom: the scale bar and the north arrow sit there, and must not hide events
    return w - dx, s - 2.5 * dy, e + dx, n + dy


def render_frames(events: pd.DataFrame, *, window: str = "week", title: str = "crisismap",
                  filters_summary: str = "", rings: Sequence[tuple[float, float, float]] | None = None,
                  ref_place: tuple[str, float, float] | None = None, start: dt.date | None = None,
                  end: dt.date | None = None, width_px: int = 1200):
    """PIL images, one per window: the map of that window's events on the whole selection's extent."""
    from PIL import Image

    from dashboard.views.png import render_png

    rings = list(rings or [])
    extent = fixed_extent(events, rings, ref_place)
    dates = pd.to_datetime(events["event_date"], errors="coerce") if len(events) else pd.Series(dtype=object)
    frames = []
    for i, (a, b) in enumerate(frame_windows(events, window, start, end)):
        inside = (dates >= pd.Timestamp(a)) & (dates < pd.Timestamp(b) + pd.Timedelta(days=1))
        sub = events[inside.to_numpy(dtype=bool, na_value=False)] if len(events) else events
        buf = io.BytesIO()
        summary = f"{window} {i + 1}" + (f" · {filters_summary}" if filters_summary else "")
        render_png(sub, buf, title=title, filters_summary=summary, rings=rings, ref_place=ref_place,
                   extent=extent, size="slides", date_range=(a, b), label_places=True)
        img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
        if img.width > width_px:
            img = img.resize((width_px, round(img.height * width_px / img.width)), Image.LANCZOS)
        frames.append(img)
    return frames


def write_gif(frames, path_or_buffer, seconds_per_frame: float = 1.0) -> None:
    """An looping GIF (adaptive palette per frame) through Pillow."""
    if not frames:
        raise ValueError("no frames to write: the selection has no dated events")
    pal = [f.quantize(colors=255, method=2, dither=0) for f in frames]
    pal[0].save(path_or_buffer, format="GIF", save_all=True, append_images=pal[1:], loop=0,
                duration=int(seconds_per_frame * 1000), disposal=1, optimize=False)


def write_mp4(frames, path: str | Path, seconds_per_frame: float = 1.0) -> None:
    """An H.264 (else MPEG-4 part 2) MP4 through PyAV; ImportError when PyAV is not installed."""
    import av

    if not frames:
        raise ValueError("no frames to write: the selection has no dated events")
    from fractions import Fraction

    w, h = frames[0].width // 2 * 2, frames[0].height // 2 * 2  # even sizes for yuv420p
    with av.open(str(path), mode="w") as out:
        try:
            stream = out.add_stream("libx264", rate=Fraction(1, 1))
        except Exception:  # noqa: BLE001 - an FFmpeg build without x264
            stream = out.add_stream("mpeg4", rate=Fraction(1, 1))
        stream.width, stream.height, stream.pix_fmt = w, h, "yuv420p"
        stream.time_base = Fraction(1, 1)
        for i, img in enumerate(frames):
            frame = av.VideoFrame.from_image(img.crop((0, 0, w, h)))
            frame.pts = int(round(i * seconds_per_frame))
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)


def export_animation(events: pd.DataFrame, path, fmt: str = "gif", *, window: str = "week",
                     seconds_per_frame: float = 1.0, **frame_opts) -> int:
    """Write the animation (`fmt` "gif" or "mp4") and return its number of frames."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt == "mp4" and not mp4_available():
        raise ImportError("MP4 needs PyAV: pip install av (or use --format gif)")
    frames = render_frames(events, window=window, **frame_opts)
    if fmt == "gif":
        write_gif(frames, path, seconds_per_frame)
    else:
        write_mp4(frames, path, max(1.0, seconds_per_frame))
    return len(frames)
