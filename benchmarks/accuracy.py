"""Round-trip accuracy of the extractor on synthetic LKjIP reports (tests/synth), per rendering.

For each layout family (A: seeds from ``--seed-start``, the family the readers may be tuned on; B:
seeds from ``--held-out-start``, held out), generates ``--n`` reports, renders each in every rendering
asked for (cached on disk, see tests/synth/renderings.py), runs ``extractor.pipeline.extract`` and
scores it against the known facts (tests/synth/harness.py). Prints per family and rendering:

* meta: share of reports with agency, region and year all right (and each apart);
* indicator facts (indicator × year × target/realisasi/capaian): recall, precision, and strict
  precision (a wrong figure marked low_confidence counts as wrong there, not as unsure);
* budget facts (program × pagu/realisasi, budget totals): recall and precision;
* findings against the planted discrepancies: recall and precision (errors and warnings), overall and
  then per finding code (planted, found, extra: reported but not planted; an extra counts against the
  code it was reported under).

    python benchmarks/accuracy.py --n 40 --renderings text,docx,pdf_ruled,pdf_borderless,layout,reading \
        [--seed-start 0] [--held-out-start 1000] [--families A,B] [--failures 5] [--cache-dir DIR]
    python benchmarks/accuracy.py --seeds 8,28,1003 --renderings text,layout --failures 20 --paths

``--seeds`` scores just those seeds (each in its own family); ``--paths`` prints where each rendering
is, to open it or run ``lkjip extract`` on it.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.pipeline import extract  # noqa: E402
from tests.synth.facts import CODES, HELD_OUT_FROM, generate  # noqa: E402
from tests.synth.harness import Score, Tally, compare, kind_of  # noqa: E402
from tests.synth.renderings import DEFAULT_CACHE, RENDERINGS, render_many  # noqa: E402


class Totals:
    """Scores of many reports of one family and rendering, added up."""

    def __init__(self) -> None:
        self.reports = self.failed = 0
        self.agency = self.region = self.year = self.metadata = 0
        self.indicators, self.budget, self.findings = Tally(), Tally(), Tally()
        self.by_code: dict[str, Tally] = defaultdict(Tally)
        self.by_kind: dict[str, Tally] = defaultdict(Tally)
        self.examples: list[str] = []
        self.seconds = 0.0

    def add(self, seed: int, score: Score | None, error: str | None = None) -> None:
        self.reports += 1
        if score is None:
            self.failed += 1
            self.examples.append(f"seed {seed}: extraction failed: {error}")
            return
        self.agency += score.agency
        self.region += score.region
        self.year += score.year
        self.metadata += score.metadata
        for mine, theirs in ((self.indicators, score.indicators), (self.budget, score.budget),
                             (self.findings, score.findings)):
            mine.add(Tally(theirs.expected, theirs.right, theirs.wrong, theirs.unsure, theirs.extra))
        for code, theirs in score.findings_by_code.items():
            self.by_code[code].add(Tally(theirs.expected, theirs.right, theirs.wrong, theirs.unsure, theirs.extra))
        for kind, theirs in score.findings_by_kind.items():
            self.by_kind[kind].add(Tally(theirs.expected, theirs.right))
        misses = score.indicators.misses + score.budget.misses + score.findings.misses
        self.examples += [f"seed {seed}: {m}" for m in misses]

    def varied_examples(self, n: int) -> list[str]:
        """Up to ``n`` examples of each kind of miss (missing, wrong, extra, unplanted …), one per seed."""
        by_kind: dict[str, list[str]] = defaultdict(list)
        seeds: dict[str, set[str]] = defaultdict(set)
        for example in self.examples:
            seed, _, what = example.partition(": ")
            kind = what.split(" ", 1)[0]
            if len(by_kind[kind]) < n and seed not in seeds[kind]:
                by_kind[kind].append(example)
                seeds[kind].add(seed)
        return [e for kind in sorted(by_kind) for e in by_kind[kind]]


def _failed_score(facts) -> Score:
    """A failed extraction scores nothing right, but everything expected is still expected."""
    from tests.synth.harness import expected_indicator_facts
    return Score(False, False, False, Tally(expected=len(expected_indicator_facts(facts))),
                 Tally(expected=2 * len(facts.programs) + 5), Tally(expected=len(facts.planted)))


def run(seeds: list[int], renderings: list[str], cache_dir: Path) -> dict[str, Totals]:
    paths = render_many(seeds, renderings, cache_dir)
    totals: dict[str, Totals] = defaultdict(Totals)
    for seed in seeds:
        facts = generate(seed)
        for rendering in renderings:
            started = time.perf_counter()
            try:
                score, error = compare(facts, extract(paths[(seed, rendering)])), None
            except Exception as exc:  # an extraction failure is a measured outcome, not a crash of the benchmark
                score, error = None, f"{type(exc).__name__}: {exc}"[:200]
            totals[rendering].seconds += time.perf_counter() - started
            if score is None:
                failed = _failed_score(facts)
                totals[rendering].add(seed, None, error)
                for mine, theirs in ((totals[rendering].indicators, failed.indicators),
                                     (totals[rendering].budget, failed.budget),
                                     (totals[rendering].findings, failed.findings)):
                    mine.expected += theirs.expected
                for planted in facts.planted:
                    totals[rendering].by_code[planted.code].expected += 1
                    totals[rendering].by_kind[kind_of(planted)].expected += 1
            else:
                totals[rendering].add(seed, score)
    return totals


def _row(rendering: str, t: Totals) -> str:
    n = t.reports or 1
    i, b, f = t.indicators, t.budget, t.findings
    return (f"{rendering:15} {t.reports:3d} {t.failed:3d}  {t.metadata / n:5.2f} {t.agency / n:5.2f} {t.region / n:5.2f} "
            f"{t.year / n:5.2f}  {i.recall:5.3f} {i.precision:5.3f} {i.strict_precision:5.3f} {i.unsure:4d}  "
            f"{b.recall:5.3f} {b.precision:5.3f}  {f.recall:5.3f} {f.precision:5.3f}  {t.seconds / n:5.1f}")


def per_code_lines(rendering: str, t: Totals) -> list[str]:
    """Finding recall and precision per code (codes of the catalogue first, then any other reported)."""
    codes = [c for c in CODES if c in t.by_code] + sorted(set(t.by_code) - set(CODES))
    lines = [f"findings per code, {rendering}:", f"  {'code':22} planted found extra  recall precision"]
    rows = [(code, t.by_code[code]) for code in codes] + [("all", t.findings)]
    for code, tally in rows:
        precision = f"{tally.precision:9.3f}" if tally.right + tally.extra else f"{'-':>9}"
        lines.append(f"  {code:22} {tally.expected:7d} {tally.right:5d} {tally.extra:5d}  "
                     f"{tally.recall:6.3f} {precision}")
    by_code: dict[str, list[str]] = defaultdict(list)
    for kind, k in sorted(t.by_kind.items()):
        code, _, name = kind.partition("/")
        by_code[code].append(f"{name} {k.right}/{k.expected}")
    split = [(code, kinds) for code, kinds in by_code.items() if len(kinds) > 1]
    if split:
        lines.append("  found/planted by planting kind:")
        lines += [f"  {code:22} {', '.join(kinds)}" for code, kinds in split]
    return lines


HEADER = ("rendering         n  err   meta agency region  year  ind.R ind.P strict unsr  bud.R bud.P  "
          "fnd.R fnd.P  s/rep")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=40, help="reports per family")
    parser.add_argument("--renderings", default=",".join(RENDERINGS))
    parser.add_argument("--seed-start", type=int, default=0)
    parser.add_argument("--held-out-start", type=int, default=HELD_OUT_FROM)
    parser.add_argument("--families", default="A,B", help="A (tuning seeds), B (held out), or both")
    parser.add_argument("--failures", type=int, default=0, help="print up to this many examples of each kind of failure per rendering")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--seeds", default="", help="comma-separated seeds to score instead of --n per family")
    parser.add_argument("--paths", action="store_true", help="print the path of every rendering scored")
    args = parser.parse_args(argv)
    renderings = [r.strip() for r in args.renderings.split(",") if r.strip()]
    unknown = set(renderings) - set(RENDERINGS)
    if unknown:
        parser.error(f"unknown renderings {sorted(unknown)}; choose from {', '.join(RENDERINGS)}")
    starts = {"A": args.seed_start, "B": args.held_out_start}
    chosen = [int(s) for s in args.seeds.split(",") if s.strip()]
    for family in [f.strip() for f in args.families.split(",")]:
        if chosen:
            seeds = [s for s in chosen if (s >= HELD_OUT_FROM) == (family == "B")]
        else:
            seeds = list(range(starts[family], starts[family] + args.n))
        if not seeds:
            continue
        totals = run(seeds, renderings, args.cache_dir)
        label = "tuned" if family == "A" else "held out"
        shown = ", ".join(map(str, seeds)) if chosen else f"{seeds[0]}–{seeds[-1]}"
        print(f"\nfamily {family} ({label}): seeds {shown}")
        print(HEADER)
        for rendering in renderings:
            print(_row(rendering, totals[rendering]))
        for rendering in renderings:
            print("\n".join(per_code_lines(rendering, totals[rendering])))
        if args.failures:
            for rendering in renderings:
                for example in totals[rendering].varied_examples(args.failures):
                    print(f"  {rendering}: {example}")
        if args.paths:
            for (seed, rendering), path in sorted(render_many(seeds, renderings, args.cache_dir).items()):
                print(f"  seed {seed} {rendering}: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
