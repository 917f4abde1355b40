"""Column work done once per distinct value: event files repeat the same few strings.

A 300k-row ACLED file has a few thousand distinct dates, a handful of event types, countries and
actor types. `distinct` factorises a column (pyarrow hashing, no Python per row); a function is
then evaluated on the distinct values only and `spread` gives each row its value's result.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

__all__ = ["distinct", "spread", "map_distinct"]


def distinct(raw: pd.Series) -> tuple[np.ndarray, pd.Series, np.ndarray]:
    """(codes per row, -1 for NA; the distinct values as a "string" Series; rows per distinct value)."""
    codes, uniq = pd.factorize(raw.astype("string"), use_na_sentinel=True)
    codes = np.asarray(codes, dtype=np.intp)
    counts = np.bincount(codes[codes >= 0], minlength=len(uniq))
    return codes, pd.Series(uniq, dtype="string"), counts


def spread(values, codes: np.ndarray, na) -> np.ndarray:
    """Per-distinct-value results -> per-row results (`na` where the row was NA)."""
    values = np.asarray(values)
    if not len(values):
        return np.full(len(codes), na, dtype=values.dtype)
    out = values[np.where(codes >= 0, codes, 0)]
    if (codes < 0).any():
        out[codes < 0] = na
    return out


def map_distinct(raw: pd.Series, func: Callable[[str], object], dtype: str = "string") -> pd.Series:
    """`raw.map(func)` for a column of strings (NA rows give NA), with `func` called once per distinct
    value; the result has `raw`'s index and the given dtype."""
    codes, uniq, _counts = distinct(raw)
    vals = np.array([func(u) for u in uniq.to_numpy(dtype=object)] + [None], dtype=object)
    out = vals[np.where(codes >= 0, codes, len(vals) - 1)]
    return pd.Series(pd.array(out, dtype=dtype), index=raw.index)
