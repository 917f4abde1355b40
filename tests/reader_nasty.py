"""SYNTHETIC awkward event files for the reader fast-path checks (invented rows, not ACLED/UCDP data).

`write_nasty(folder)` writes ACLED-, UCDP- and table-shaped CSV files with what real files carry:
blank and whitespace-only lines, ragged rows, a BOM, CRLF, cp1252 and latin-1 text, quoted line
breaks, stray quotes, mixed date styles, formula-prefixed cells ("\\t=1+1"), bad and swapped
coordinates, unknown types, monadic (one row per actor) pairs, semicolon and TAB separators.
"""

from __future__ import annotations

import random
from pathlib import Path

ACLED_HEADER = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                "fatalities", "tags", "timestamp"]
UCDP_HEADER = ["id", "relid", "year", "active_year", "type_of_violence", "conflict_name", "dyad_name", "side_a",
               "side_b", "number_of_sources", "source_article", "where_prec", "where_coordinates", "adm_1", "adm_2",
               "latitude", "longitude", "country", "region", "event_clarity", "date_prec", "date_start", "date_end",
               "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low"]

DATES = ["2020-08-18", "18 August 2020", "5-Aug-24", "12-September-22", "15/07/2022", "07/03/2021", "3/4/2021",
         "44791", "2021-02-30", "20200818", "Aug 5, 2024", "", "  2019-01-02  ", "'2018-05-06", "not a date",
         "2099-01-01", "1700-01-01", "10/06/2023 00:00:00", "2020-08-18T10:00:00Z", "5th August 2024", "15-07-22"]
TYPES = ["Battles", "battles", "Protests", "Riots", "Violence against civilians", "Explosions/Remote violence",
         "Strategic developments", "Remote violence", "Riots/Protests", "Armed clash", "Mob violence", "Parade", "",
         "Battle-No change of territory", " Protests "]
SUBS = ["Armed clash", "Peaceful protest", "mob violence", "", "Attack", "Something else"]
ACTORS = ["Military Forces of Mali (2021-)", "Synthetic group A", "Civilians (Mali)", "Protesters (Mali)", "",
          "\t=1+1", "\r=HYPERLINK(\"x\")", "=SUM(A1:A2)", "+cmd", "@evil", "-3", "  padded  ", "Émeutiers (Mali)",
          "مجموعة تجريبية", "a \"quoted\" name"]
INTER = ["1", "2", "3", "5", "7", "8", "", "State forces", "Rebel groups", "Civilians", "rioters", "x", "2.0"]
COUNTRIES = [("466", "Mali", 12.6, -8.0), ("562", "Niger", 13.5, 2.1), ("854", "Burkina Faso", 12.4, -1.5),
             ("", "Mali", 14.5, -4.1), ("999", "Atlantis", 10.0, 10.0), ("466", "", 16.3, -3.0),
             ("148", "Chad", 12.1, 15.0), ("466", "Côte d'Ivoire", 7.5, -5.5)]
LATLON = [None, None, None, None, None, ("abc", "1"), ("12,5", "-8,25"), ("0", "0"), ("95", "10"), ("-8.0", "12.6"),
          ("", "-8"), ("12.6", "200"), ("1e1", "1E1"), (" 12.6 ", " -8.0 ")]
NOTES = ["synthetic row", "a note with, a comma", "two\nlines", "crlf\r\ninside", "\"quoted\" words", "",
         "\t=cmd|' /C calc'!A0", "tab\tinside", "semi;colon", "trailing space ", "ünïcödé ✓"]
FAT = ["0", "3", "", "-1", "2.5", "x", "12", " 4 ", "1.0"]


def _pick(rng: random.Random, values: list, bad: float = 0.12):
    """Mostly the first (ordinary) value, sometimes any of the others."""
    return rng.choice(values[1:]) if len(values) > 1 and rng.random() < bad else values[0]


def _acled_rows(n: int, rng: random.Random, prefix: str = "SYNX") -> list[list[str]]:
    rows = []
    i = 0
    while len(rows) < n:
        iso, country, lat, lon = rng.choice(COUNTRIES)
        ll = _pick(rng, LATLON, 0.25)
        la, lo = ll if ll else (f"{lat + rng.uniform(-0.5, 0.5):.4f}", f"{lon + rng.uniform(-0.5, 0.5):.4f}")
        eid = f"{prefix}{i}" if rng.random() > 0.05 else ""
        row = [eid, (rng.choice(DATES[:12]) if rng.random() < 0.3 else DATES[0]), _pick(rng, ["2020", "", "x"]), _pick(rng, ["1", "2", "", "x"]),
               rng.choice(["", "Political violence"]), _pick(rng, TYPES), _pick(rng, SUBS), rng.choice(ACTORS),
               rng.choice(["", "Synthetic assoc", "A; B"]), rng.choice(INTER), rng.choice(ACTORS), rng.choice(["", "Z"]),
               rng.choice(INTER), _pick(rng, ["", "12", "x"]), rng.choice(["", "Civilian targeting"]), iso, "Western Africa",
               country, rng.choice(["Kayes", "", "Mopti"]), "", "", rng.choice(["Kati", "", "  Bamako "]), la, lo,
               rng.choice(["1", "2", "3", ""]), rng.choice(["Synthetic Wire", "", "A; B"]), "National",
               rng.choice(NOTES), _pick(rng, FAT), rng.choice(["", "synthetic", "crowd size=no report"]),
               _pick(rng, ["1700000000", "", "x"])]
        rows.append(row)
        if eid and rng.random() < 0.15:  # a monadic pair: the same event again with another actor
            other = list(row)
            other[7], other[8], other[9] = rng.choice(ACTORS), rng.choice(["", "Other assoc"]), rng.choice(INTER)
            other[25] = rng.choice(["Synthetic Wire", "Other Wire"])
            rows.append(other)
        i += 1
    return rows[:n]


def _cell(v: str, delim: str) -> str:
    if any(c in v for c in (delim, '"', "\n", "\r")):
        return '"' + v.replace('"', '""') + '"'
    return v


def _lines(header: list[str], rows: list[list[str]], delim: str = ",") -> list[str]:
    return [delim.join(_cell(v, delim) for v in r) for r in [header, *rows]]


def _write(path: Path, lines: list[str], *, newline: str = "\n", encoding: str = "utf-8", bom: bool = False,
           trailing: bool = True) -> Path:
    text = newline.join(lines) + (newline if trailing else "")
    data = text.encode(encoding, errors="replace")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def write_nasty(folder: str | Path, *, rows: int = 160, seed: int = 7) -> list[Path]:
    """Write the awkward files into `folder`; returns their paths (all SYNTHETIC)."""
    d = Path(folder)
    d.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    rows_a = _acled_rows(rows, rng)
    base = _lines(ACLED_HEADER, rows_a)
    out = [_write(d / "synthetic_acled_clean.csv", base),
           _write(d / "synthetic_acled_crlf.csv", base, newline="\r\n"),
           _write(d / "synthetic_acled_bom.csv", base, bom=True),
           _write(d / "synthetic_acled_cr_only.csv", [ln.replace("\r\n", "\n") for ln in base], newline="\r"),
           _write(d / "synthetic_acled_no_final_newline.csv", base, trailing=False),
           _write(d / "synthetic_acled_semicolon.csv", _lines(ACLED_HEADER, rows_a, ";")),
           _write(d / "synthetic_acled_tab.tsv", _lines(ACLED_HEADER, rows_a, "\t"))]
    latin = [ln.replace("مجموعة تجريبية", "Groupe ségou") for ln in base]
    out.append(_write(d / "synthetic_acled_cp1252.csv", latin, encoding="cp1252"))
    latin1 = list(latin)
    latin1[3] = latin1[3].replace("synthetic row", "synthetic \x81 row")
    out.append(_write(d / "synthetic_acled_latin1.csv", latin1, encoding="latin-1"))
    # blank lines, whitespace-only lines, lines of bare separators, a blank line before the header
    blank = list(base)
    for k in (40, 20, 5):
        blank.insert(k, "")
    out.append(_write(d / "synthetic_acled_blank_lines.csv", blank + ["", ""]))
    ws = list(base)
    ws.insert(10, "   ")
    ws.insert(30, "\t")
    out.append(_write(d / "synthetic_acled_whitespace_lines.csv", ws))
    out.append(_write(d / "synthetic_acled_separator_only_line.csv", base[:8] + ["," * 30] + base[8:]))
    out.append(_write(d / "synthetic_acled_blank_before_header.csv", ["", "", *base]))
    # ragged rows: short, long with empty tail (a spreadsheet re-save), long with content
    rag = list(base)
    rag[4] = ",".join(rag[4].split(",")[:12])
    rag[9] = rag[9] + ",,,"
    rag[15] = rag[15] + ",extra,cells"
    rag[21] = "only,three,fields"
    out.append(_write(d / "synthetic_acled_ragged.csv", rag))
    out.append(_write(d / "synthetic_acled_trailing_empties.csv", [ln + ",," for ln in base]))
    # stray quotes, the csv module's lenient reading
    q = list(base)
    q[3] = q[3].replace("Western Africa", '"Western" Africa', 1)
    q[6] = q[6].replace("Western Africa", 'Western "Africa"', 1)
    q[8] = q[8].replace("Western Africa", ' "Western Africa"', 1)
    q[11] = q[11].replace("Western Africa", '"Western Africa" ', 1)
    out.append(_write(d / "synthetic_acled_stray_quotes.csv", q))
    out.append(_write(d / "synthetic_acled_unclosed_quote.csv", base + ['SYNQ1,2020-08-18,"never closed,x']))
    # a header written with a BOM and upper-case, spaced names (an old export re-saved)
    upper = [",".join(h.upper().replace("_", " ") for h in ACLED_HEADER), *base[1:]]
    out.append(_write(d / "synthetic_acled_upper_header.csv", upper, bom=True, newline="\r\n"))
    # a ragged row late in the file: the fast path has given whole chunks before it meets the row
    out.append(_write(d / "synthetic_acled_ragged_late.csv", base[:-3] + ["late,ragged,row"] + base[-3:]))
    out.append(_write(d / "synthetic_acled_utf16.csv", base, encoding="utf-16"))
    out.append(_write(d / "synthetic_acled_header_only.csv", base[:1]))
    out.append(_write(d / "synthetic_acled_header_then_blanks.csv", [base[0], "", "", ""]))
    trunc = d / "synthetic_acled_truncated_utf8.csv"
    trunc.write_bytes(("\n".join(base[:30]) + "\n").encode("utf-8") + "SYNT,2020-08-18,Bamako é".encode()[:-1])
    out.append(trunc)
    # GDELT 1.0 headless TSV (the synthetic fixture's rows): quotes are plain characters there,
    # blank and whitespace lines, back-file rows (57 fields) after many daily ones (58)
    fixture = Path(__file__).parent / "fixtures" / "readers" / "synthetic_gdelt1_daily_and_backfile.tsv"
    g = fixture.read_text(encoding="utf-8").splitlines()
    daily = [ln for ln in g if len(ln.split("\t")) == 58]
    back = [ln for ln in g if len(ln.split("\t")) == 57]
    many = []
    for _k in range(max(1, rows // len(daily))):
        for ln in daily:
            f = ln.split("\t")
            f[0] = str(800000000 + len(many))
            if rng.random() < 0.1:
                f[6] = f[6] + ' "quoted" name'
            many.append("\t".join(f))
    out.append(_write(d / "synthetic_gdelt_daily.tsv", many))
    mixed = many[: len(many) // 2] + ["", "   "] + many[len(many) // 2:] + back
    out.append(_write(d / "synthetic_gdelt_daily_then_backfile.tsv", mixed, newline="\r\n"))
    # UCDP-shaped rows
    u_rows = []
    for i in range(rows // 2):
        iso, country, lat, lon = rng.choice(COUNTRIES)
        ds = _pick(rng, ["05/01/2023 00:00:00", "2023-01-05", "13/02/2023", "2/13/2023", "", "x"], 0.3)
        u_rows.append([rng.choice([str(600000 + i), "", f"{600000 + i}.0"]), "R", "2023", rng.choice(["True", "1", ""]),
                       _pick(rng, ["1", "2", "3", "1.0", "One-sided violence", "", "9"], 0.4), "Synthetic conflict",
                       "Synthetic dyad", rng.choice(["Government of Mali", "Synthetic A", ""]),
                       rng.choice(["Civilians", "Government of Niger", "\t=2+2"]), "1", rng.choice(NOTES),
                       rng.choice(["1", "2.0", "4", "", "9"]), "Kati town", "Koulikoro", "Kati",
                       f"{lat:.3f}" if rng.random() > 0.1 else "", f"{lon:.3f}", country, "Africa", "1",
                       rng.choice(["1", "2", ""]), ds, ds, "0", "0", "0", "0", _pick(rng, FAT), "3", "1"])
    out.append(_write(d / "synthetic_ucdp_nasty.csv", _lines(UCDP_HEADER, u_rows)))
    # a plain table, with a blank line and a ragged row
    t_lines = ["date,lat,lon,type,notes,country"]
    for _ in range(rows // 2):
        iso, country, lat, lon = rng.choice(COUNTRIES)
        t_lines.append(",".join(_cell(v, ",") for v in [_pick(rng, DATES), f"{lat:.4f}", f"{lon:.4f}", _pick(rng, TYPES),
                                                         rng.choice(NOTES), country]))
    out.append(_write(d / "synthetic_table_nasty.csv", t_lines))
    t2 = list(t_lines)
    t2.insert(7, "")
    t2[12] = t2[12] + ",x,y"
    out.append(_write(d / "synthetic_table_ragged.csv", t2))
    return out
