"""First-sight CPU time per corpus report: what a ``lkjip build`` worker pays for a report it has not seen.

    python benchmarks/first_sight.py time [--rounds 3] [--base TREE] [--no-verify]
    python benchmarks/first_sight.py profile REPORT [--top 40]

The warm figures of ``compare_warm.py`` and ``profile_extract.py`` extract the same reports pass after pass, so
every cache keyed by a text (a sentence's tokens, a cell's figures) serves passes 2+ from memory: they
overstate the speed of a real batch, whose reports are new. Here each report is extracted once by a fresh
process that has set its collector as a build worker does and extracted the *other* corpus reports first
(imports, language data and the caches of text shared between reports are warm; the report's own text is not).

``time`` prints each report's median CPU seconds over ``--rounds``, and the mean; with ``--base`` it runs a
baseline tree (``git archive <commit> | tar -x -C TREE``) alternated with this one; with ``--no-verify`` it
times the report extracted without the verification stage (``Options(verify=False)``: reading, structure,
printings and assembly), the other reports still fully extracted first. ``profile`` prints, per
function, the cumulative profiled milliseconds of the first extraction of REPORT beside a second one of the
same report: the difference is what the caches hide.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import sys, time
from pathlib import Path
tree, target, verify, others = sys.argv[1], Path(sys.argv[2]), sys.argv[3] == "verify", sys.argv[4:]
sys.path.insert(0, tree)
from extractor import extract
from extractor.pipeline import Options
from extractor.gc_policy import tune_for_extraction
tune_for_extraction()
for p in others:
    extract(Path(p))
start = time.process_time()
extract(target, Options(verify=verify))
print(time.process_time() - start)
"""


def first_sight_cpu(tree: Path, report: str, verify: bool = True) -> float:
    """CPU seconds of one first-sight extraction of the corpus ``report`` by the code of ``tree``."""
    corpus = sorted((tree / "corpus").glob("*.txt"))
    return first_extraction_cpu(tree, tree / "corpus" / report, [p for p in corpus if p.name != report], verify)


def first_extraction_cpu(tree: Path, target: Path, others: list[Path], verify: bool = True) -> float:
    """CPU seconds of extracting ``target`` once (verified, unless ``verify`` is False), in a fresh process
    that extracted ``others`` first."""
    flag = "verify" if verify else "no-verify"
    out = subprocess.run([sys.executable, "-c", CHILD, str(tree), str(target), flag, *map(str, others)], check=True,
                         capture_output=True, text=True, cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)})
    return float(out.stdout.split()[-1])


def time_trees(trees: dict[str, Path], rounds: int, verify: bool = True) -> None:
    reports = sorted(p.name for p in (ROOT / "corpus").glob("*.txt"))
    cpu = {name: {r: [] for r in reports} for name in trees}
    print("load average", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    for _ in range(rounds):
        for report in reports:
            for name, tree in trees.items():
                cpu[name][report].append(first_sight_cpu(tree, report, verify))
    for report in reports:
        print(f"  {report:45}" + "".join(f"  {name} {1000 * statistics.median(cpu[name][report]):6.1f} ms"
                                         for name in trees))
    for name in trees:
        mean = statistics.mean(statistics.median(v) for v in cpu[name].values())
        print(f"{name}: {1000 * mean:6.1f} ms CPU per report on first sight = {1 / mean:5.1f} reports/s per core")
    print("load average", " ".join(f"{x:.2f}" for x in os.getloadavg()))


def profile(report: Path, top: int) -> None:
    import cProfile
    import pstats

    sys.path.insert(0, str(ROOT))
    from extractor import extract
    from extractor.gc_policy import tune_for_extraction

    tune_for_extraction()
    for p in sorted((ROOT / "corpus").glob("*.txt")):
        if p.name != report.name:
            extract(p)

    def cumulative() -> dict:
        profiler = cProfile.Profile()
        profiler.enable()
        extract(report)
        profiler.disable()
        return {key: row[3] for key, row in pstats.Stats(profiler).stats.items()}

    first, again = cumulative(), cumulative()
    rows = sorted(((first[k] - again.get(k, 0.0), k) for k in first), reverse=True)[:top]
    print("cumulative profiled ms: hidden by caches, first sight, again")
    for hidden, (file, line, function) in rows:
        print(f"{1000 * hidden:7.1f} {1000 * first[(file, line, function)]:7.1f} "
              f"{1000 * again.get((file, line, function), 0.0):7.1f}  {file.replace(str(ROOT) + '/', '')}:{line} {function}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    timing = commands.add_parser("time")
    timing.add_argument("--rounds", type=int, default=3)
    timing.add_argument("--base", type=Path, help="a baseline tree, run alternated with this one")
    timing.add_argument("--no-verify", action="store_true", help="time the report extracted without verification")
    profiling = commands.add_parser("profile")
    profiling.add_argument("report", type=Path)
    profiling.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    if args.command == "profile":
        profile(args.report.resolve(), args.top)
    else:
        trees = {"base": args.base.resolve()} if args.base else {}
        time_trees({**trees, "ours": ROOT}, args.rounds, verify=not args.no_verify)


if __name__ == "__main__":
    main()
