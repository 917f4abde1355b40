"""A small SYNTHETIC event frame for the export tests (Mali, August 2020; not real events).

Places use their real coordinates (Kati, Bamako, Ségou, Mopti); everything else is made up and
says so in `source`. One event carries an XSS payload and one a "$" (matplotlib mathtext).
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from dashboard.events.schema import to_events

XSS_EVIDENCE = "Crowds gathered in Bamako <script>alert(1)</script> after the announcement."
XSS_NOTES = "<img src=x onerror=alert(1)> synthetic note"
SOURCE = "synthetic test data"

_ROWS = [
    # id, date, type, sub-type, location, admin1, lat, lon, precision, fatalities, origin, evidence
    ("MLT0000001", "2020-08-18", "Strategic developments", "Change to group/activity", "Kati", "Koulikoro",
     12.744, -8.072, 1, 0, "article", "Soldiers took weapons from the camp in Kati (synthetic sentence)."),
    ("MLT0000002", "2020-08-18", "Protests", "Peaceful protest", "Bamako", "Bamako", 12.639, -8.003, 1, 0,
     "article", XSS_EVIDENCE),
    ("MLT0000003", "2020-08-11", "Riots", "Violent demonstration", "Bamako", "Bamako", 12.652, -7.985, 2, 2,
     "acled", "Synthetic riot near the city centre."),
    ("MLT0000004", "2020-08-11", "Protests", "Protest with intervention", "Bamako", "Bamako", 12.63, -8.01, 1, 0,
     "acled", "Synthetic protest, costs of $5 and $x^2$ quoted."),
    ("MLT0000005", "2020-08-05", "Battles", "Armed clash", "Ségou", "Ségou", 13.431, -6.266, 1, 5, "ucdp",
     "Synthetic clash near Ségou."),
    ("MLT0000006", "2020-08-22", "Explosions/Remote violence", "Remote explosive/landmine/IED", "Mopti", "Mopti",
     14.49, -4.18, 1, 3, "article", "Synthetic IED on the road to Mopti."),
    ("MLT0000007", "2020-08-25", "Violence against civilians", "Attack", "Mopti", "Mopti", 14.45, -4.25, 3, 1,
     "article", "Synthetic attack somewhere in Mopti region."),
    ("MLT0000008", "2020-08-19", "Strategic developments", "Arrests", "Kati", "Koulikoro", 12.75, -8.08, 1, 0,
     "article", "Synthetic arrests at Kati."),
]


def synthetic_mali_events() -> gpd.GeoDataFrame:
    """Eight synthetic events in the event schema (EPSG:4326)."""
    cols = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "location", "admin1", "latitude",
            "longitude", "geo_precision", "fatalities", "origin", "evidence"]
    df = pd.DataFrame(_ROWS, columns=cols)
    df["country"] = "Mali"
    df["iso"] = 466
    df["country_code"] = "ML"
    df["source"] = SOURCE
    df["source_url"] = "https://example.org/synthetic/" + df["event_id_cnty"]
    df["notes"] = "synthetic: " + df["sub_event_type"]
    df.loc[df["event_id_cnty"] == "MLT0000002", "notes"] = XSS_NOTES
    df["actor1"] = "Synthetic actor"
    # schema.to_events cannot yet add these two columns itself when absent (pd.NA into float/datetime)
    df["source_date"] = pd.NaT
    df["place_score"] = float("nan")
    return to_events(df)
