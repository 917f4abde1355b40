"""Geoparsing speed: documents per second and kilo-characters per second, end to end.

Run: ``.venv/bin/python bench/geoparse.py [--docs N] [--repeat R] [--cli]``

Texts: the sample reports in data/articles/ plus generated synthetic news-like paragraphs (our own
templates), and, when ``../shared/eval`` sits beside the repository, the dev corpora's texts (read at
run time, never copied). ``--cli`` also times ``crisismap places`` as a subprocess over the same lines
(process start and gazetteer load included). The gazetteer load is timed separately.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
# bench/ holds a script named dashboard.py: make sure `import dashboard` finds the package
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

_TOWNS = ["Kati", "Bamako", "Mopti", "Gao", "Timbuktu", "Kidal", "Segou", "Sikasso", "Niamey", "Ouagadougou",
          "Dakar", "Abidjan", "London", "Paris", "Toronto", "Edmonton", "Nairobi", "Lagos", "Kano", "Aleppo"]
_COUNTRIES = ["Mali", "Niger", "Burkina Faso", "Senegal", "France", "Canada", "Kenya", "Nigeria", "Syria"]
_DEMONYMS = ["Malian", "French", "Nigerien", "Canadian", "Kenyan", "Nigerian", "Syrian"]
_TEMPLATES = [
    "{d} soldiers took up positions in {t1} on {day} after clashes near {t2}, officials in {c} said.",
    "Residents of {t1} told reporters that armed men had entered the town before dawn.",
    "The governor of the region, speaking from {t2}, said about {n} people had fled towards {t3}.",
    "Protesters gathered in central {t1} for a third day, the {d} news agency reported.",
    "Aid groups said roads between {t1} and {t2} were closed, cutting supplies to {c}.",
    "President John Smith met the envoy of the regional bloc at the presidential palace on {day}.",
    "Markets in {t3} reopened, and traders from {c} said prices had doubled since {month}.",
]


def synthetic_docs(n: int, seed: int = 7) -> list[str]:
    """Synthetic news-like documents (made up for this benchmark; names are real places)."""
    rnd = random.Random(seed)
    docs = []
    for _ in range(n):
        paras = []
        for _p in range(rnd.randint(8, 20)):
            tpl = rnd.choice(_TEMPLATES)
            paras.append(tpl.format(
                t1=rnd.choice(_TOWNS), t2=rnd.choice(_TOWNS), t3=rnd.choice(_TOWNS), c=rnd.choice(_COUNTRIES),
                d=rnd.choice(_DEMONYMS), day=rnd.choice(["Monday", "Tuesday", "Friday"]), n=rnd.randint(50, 5000),
                month=rnd.choice(["March", "June", "August"])))
        docs.append(" ".join(paras))
    return docs


def sample_sets(n_synth: int) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {"synthetic": synthetic_docs(n_synth)}
    arts = sorted((ROOT / "data" / "articles").glob("*.txt"))
    if arts:
        sets["data/articles"] = [a.read_text(encoding="utf-8", errors="replace") for a in arts]
    for name in ("geowebnews", "trnews"):
        path = SHARED / f"{name}.jsonl"
        if path.exists():
            with open(path, encoding="utf-8") as fh:
                sets[f"shared {name}"] = [json.loads(line)["text"] for line in fh if line.strip()]
    return sets


def bench_inprocess(texts: list[str], repeat: int) -> tuple[float, float, int]:
    from dashboard.places.mentions import find_mentions

    chars = sum(len(t) for t in texts) * repeat
    found = 0
    t0 = time.perf_counter()
    for _ in range(repeat):
        for t in texts:
            found += len(find_mentions(t))
    dt = time.perf_counter() - t0
    return len(texts) * repeat / dt, chars / 1000 / dt, found


def bench_cli(texts: list[str]) -> tuple[float, float]:
    exe = Path(sys.executable).with_name("crisismap")
    cmd = [str(exe), "places"] if exe.exists() else [sys.executable, "-m", "dashboard", "places"]
    data = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))
    t0 = time.perf_counter()
    subprocess.run(cmd, input=data, capture_output=True, text=True, check=True)
    dt = time.perf_counter() - t0
    return len(texts) / dt, sum(len(t) for t in texts) / 1000 / dt


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=200, help="number of synthetic documents (default 200)")
    ap.add_argument("--repeat", type=int, default=1, help="passes over each set (default 1)")
    ap.add_argument("--cli", action="store_true", help="also time `crisismap places` as a subprocess")
    args = ap.parse_args()

    t0 = time.perf_counter()
    from dashboard.places.mentions import find_mentions, get_gazetteer

    get_gazetteer()
    find_mentions("Warm-up in Bamako, Mali.")  # word lists load lazily
    print(f"gazetteer + word lists load: {time.perf_counter() - t0:.2f} s")
    for name, texts in sample_sets(args.docs).items():
        docs_s, kchars_s, found = bench_inprocess(texts, args.repeat)
        avg = sum(len(t) for t in texts) / max(1, len(texts))
        print(f"{name:>18}: {len(texts):4d} docs (avg {avg:,.0f} chars)  {docs_s:8.1f} docs/s  "
              f"{kchars_s:8.1f} kchars/s  ({found} mentions)")
        if args.cli:
            d, k = bench_cli(texts)
            print(f"{'':>18}  crisismap places (subprocess, incl. start-up): {d:8.1f} docs/s  {k:8.1f} kchars/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
