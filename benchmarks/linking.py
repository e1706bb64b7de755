"""Cross-year linking accuracy on generated five-year series of one agency (tests/synth/series.py).

For each seed, the five years are rendered as text, extracted (``extractor.pipeline.extract``, without
verification), and their indicators (and programs) linked (``extractor.identity``). Prints, over all
seeds, pairwise precision and recall (of the record pairs put in one series, the share that are one
indicator; of the pairs that are one indicator, the share put in one series), how many newcomers
started a series of their own, and the methods used.

    python benchmarks/linking.py --n 40 [--seed-start 0] [--years 5] [--hard] [--closest-newcomer] [--no-extract]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from extractor import identity  # noqa: E402
from extractor.identity import link_indicators, link_programs  # noqa: E402
from extractor.pipeline import Options, extract  # noqa: E402
from synth.document import build  # noqa: E402
from synth.series import CHANGES, HARD_CHANGES, series  # noqa: E402
from synth.text import render_text  # noqa: E402


def pairs(groups) -> set[frozenset]:
    return {frozenset((a, b)) for members in groups for a in members for b in members if a < b}


def one_seed(seed: int, years: int, folder: Path, changes: tuple[str, ...] = CHANGES, closest: bool = False):
    """The indicator and program records of one seed's series, and each record's truth."""
    indicators, programs, truth = [], [], {}
    for year in series(seed, years=years, changes=changes, closest_newcomer=closest):
        path = folder / f"{seed}-{year.facts.year}.txt"
        path.write_text(render_text(build(year.facts)), "utf-8")
        report = extract(path, Options(verify=False))
        rkey, akey = identity.report_key(report), identity.agency_key(report.agency, report.region)
        for uid, ind in zip(identity.indicator_uids(rkey, report.indicators), report.indicators):
            indicators.append(identity.indicator_record(uid, akey, report.report_year, ind))
            truth[uid] = (seed, year.truth.get(ind.name, f"unknown: {ind.name}"))
        for uid, program in zip(identity.program_uids(rkey, report.programs), report.programs):
            programs.append(identity.program_record(uid, akey, report.report_year, program))
            truth[uid] = (seed, identity.fold_name(program.name))
    return indicators, programs, truth


def one_seed_facts(seed: int, years: int, changes: tuple[str, ...] = CHANGES, closest: bool = False):
    """The same records as :func:`one_seed`, taken from the generated facts (no rendering, no extraction)."""
    indicators, programs, truth = [], [], {}
    for year in series(seed, years=years, changes=changes, closest_newcomer=closest):
        facts = year.facts
        akey = f"{identity.agency_key(facts.agency, facts.region)}-{seed}"
        rkey = f"{akey}/{facts.year}"
        for ind in facts.indicators:
            uid = f"{rkey}/i/{identity.digest(ind.name)}"
            indicators.append(identity.NameRecord(uid, akey, facts.year, ind.name, identity.unit_key(ind.unit)))
            truth[uid] = (seed, year.truth[ind.name])
        for program in facts.programs:
            uid = f"{rkey}/p/{identity.digest(program.name)}"
            programs.append(identity.NameRecord(uid, akey, facts.year, program.name, None, "program"))
            truth[uid] = (seed, identity.fold_name(program.name))
    return indicators, programs, truth


def score(links, truth) -> tuple[int, int, int]:
    """(pairs found and true, pairs found, pairs true)."""
    by_key, by_truth = defaultdict(list), defaultdict(list)
    for link in links:
        by_key[link.key].append(link.uid)
        by_truth[truth[link.uid]].append(link.uid)
    found, true = pairs(by_key.values()), pairs(by_truth.values())
    return len(found & true), len(found), len(true)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--seed-start", type=int, default=0)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--hard", action="store_true", help="harder name changes: a word dropped or added, "
                        "two typos, OCR misreadings")
    parser.add_argument("--no-extract", action="store_true",
                        help="link the generated names directly (no rendering, no extraction): for large --n")
    parser.add_argument("--closest-newcomer", action="store_true",
                        help="the new indicator of the last year is the pool's most alike name")
    args = parser.parse_args()
    totals = {"indicators": [0, 0, 0], "programs": [0, 0, 0]}
    methods, newcomers, started = Counter(), 0, 0
    records_linked, seconds = 0, 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(args.seed_start, args.seed_start + args.n):
            changes = HARD_CHANGES if args.hard else CHANGES
            if args.no_extract:
                indicators, programs, truth = one_seed_facts(seed, args.years, changes, args.closest_newcomer)
            else:
                indicators, programs, truth = one_seed(seed, args.years, Path(tmp), changes, args.closest_newcomer)
            start = time.perf_counter()
            links = link_indicators(indicators)
            program_links = link_programs(programs)
            seconds += time.perf_counter() - start
            records_linked += len(indicators) + len(programs)
            for name, found in (("indicators", links), ("programs", program_links)):
                for k, v in enumerate(score(found, truth)):
                    totals[name][k] += v
            methods.update(link.method for link in links)
            last = max(r.year for r in indicators)
            earlier = {truth[r.uid] for r in indicators if r.year < last}
            for record, link in zip(indicators, links):
                if record.year == last and truth[record.uid] not in earlier:
                    newcomers += 1
                    started += link.method == "new"
    print(f"{args.n} series of {args.years} years (seeds {args.seed_start}..{args.seed_start + args.n - 1}), "
          f"{'generated names' if args.no_extract else 'text rendering'}, {'hard' if args.hard else 'test'} name changes"
          f"{', the most alike newcomer' if args.closest_newcomer else ''}")
    for name, (both, found, true) in totals.items():
        print(f"{name:>10}: pairwise precision {both / max(found, 1):.4f} ({both}/{found}), "
              f"recall {both / max(true, 1):.4f} ({both}/{true})")
    print(f"newcomers that started a series of their own: {started}/{newcomers}")
    print("methods:", dict(sorted(methods.items())))
    print(f"linking time: {seconds:.2f} s for {records_linked} records")


if __name__ == "__main__":
    main()
