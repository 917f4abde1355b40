"""SYNTHETIC ACLED-shaped CSV files for the store benchmarks and tests (not ACLED data).

Every row says "synthetic" in its actor names, notes and tags. Points are spread over the Sahel
(WGS84 degrees), dates over 2015-2024. `write_acled_csv(path, n, repeat_of=...)` writes n rows; with
`repeat_of=(n0, seed0, fraction)` a `fraction` of the rows repeat events of the file made with
(n0, seed0) (same day, type, place and actors) under new `event_id_cnty` values.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

TYPES = np.array(["Battles", "Protests", "Riots", "Violence against civilians",
                  "Explosions/Remote violence", "Strategic developments"])
SUBS = {"Battles": "Armed clash", "Protests": "Peaceful protest", "Riots": "Mob violence",
        "Violence against civilians": "Attack", "Explosions/Remote violence": "Air/drone strike",
        "Strategic developments": "Other"}
COUNTRIES = [("Mali", 466, 10.5, 24.0, -11.5, 4.0), ("Niger", 562, 12.0, 23.0, 0.5, 15.5),
             ("Burkina Faso", 854, 9.5, 15.0, -5.0, 2.0), ("Chad", 148, 8.0, 23.0, 14.0, 23.5)]
HEADER = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
          "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
          "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
          "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
          "fatalities", "tags", "timestamp"]


def synthetic_frame(n: int, seed: int, id_prefix: str) -> pd.DataFrame:
    """n synthetic ACLED-shaped rows (as strings where ACLED has strings)."""
    rng = np.random.default_rng(seed)
    c = rng.integers(0, len(COUNTRIES), n)
    lat = np.empty(n)
    lon = np.empty(n)
    for k, (_, _, s, nn, w, e) in enumerate(COUNTRIES):
        m = c == k
        # inside the country's inner box, so the swapped-coordinates check never fires
        lat[m] = rng.uniform(s + (nn - s) * 0.3, nn - (nn - s) * 0.3, m.sum())
        lon[m] = rng.uniform(w + (e - w) * 0.3, e - (e - w) * 0.3, m.sum())
    days = pd.Timestamp("2015-01-01") + pd.to_timedelta(rng.integers(0, 3650, n), unit="D")
    t = TYPES[rng.integers(0, len(TYPES), n)]
    names = np.array([x[0] for x in COUNTRIES])[c]
    return pd.DataFrame({
        "event_id_cnty": [f"{id_prefix}{i}" for i in range(n)],
        "event_date": days.strftime("%Y-%m-%d"),
        "year": days.year,
        "time_precision": 1,
        "event_type": t,
        "sub_event_type": pd.Series(t).map(SUBS).to_numpy(),
        "actor1": np.char.add("Synthetic armed group ", rng.integers(0, 500, n).astype(str)),
        "actor2": np.char.add("Synthetic civilians ", rng.integers(0, 500, n).astype(str)),
        "inter1": 2, "inter2": 7,
        "country": names, "iso": np.array([x[1] for x in COUNTRIES])[c],
        "location": np.char.add("Synthetic place ", rng.integers(0, 5000, n).astype(str)),
        "latitude": np.round(lat, 4), "longitude": np.round(lon, 4),
        "geo_precision": 1, "source": "Synthetic source", "source_scale": "National",
        "notes": "synthetic benchmark event, not a real report", "fatalities": rng.integers(0, 20, n),
        "tags": "synthetic", "timestamp": 1700000000,
    })


def write_acled_csv(path: str | Path, n: int, *, seed: int = 1, id_prefix: str = "SYN",
                    repeat_of: tuple[int, int, float] | None = None, chunk: int = 200_000) -> Path:
    """Write n SYNTHETIC ACLED-shaped rows to `path` (CSV, ACLED's header), in chunks."""
    path = Path(path)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerow(HEADER)
    done = 0
    base = None
    if repeat_of:  # the very rows write_acled_csv(n0, seed=seed0) wrote
        n0, s0 = repeat_of[0], repeat_of[1]
        base = pd.concat([synthetic_frame(min(chunk, n0 - d), s0 * 1000 + d, "BASE") for d in range(0, n0, chunk)],
                         ignore_index=True)
    rng = np.random.default_rng(seed + 7)
    while done < n:
        k = min(chunk, n - done)
        df = synthetic_frame(k, seed * 1000 + done, id_prefix)
        df["event_id_cnty"] = [f"{id_prefix}{done + i}" for i in range(k)]
        if base is not None:
            rep = rng.random(k) < repeat_of[2]
            pick = rng.integers(0, len(base), int(rep.sum()))
            src = base.iloc[pick].reset_index(drop=True)
            cols = ["event_date", "year", "event_type", "sub_event_type", "actor1", "actor2", "country", "iso",
                    "location", "latitude", "longitude"]
            idx = np.flatnonzero(rep)
            for col in cols:
                df.loc[idx, col] = src[col].to_numpy()
        df = df.reindex(columns=HEADER)
        df.to_csv(path, mode="a", header=False, index=False)
        done += k
    return path
