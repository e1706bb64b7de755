"""Warm CPU time per corpus text report, this tree against a baseline tree, alternated in one run.

    git archive <commit> | tar -x -C /tmp/base
    python benchmarks/compare_warm.py /tmp/base [--rounds 5] [--passes 3] [--generated 20]

Each round starts one fresh process per tree (baseline first, then ours): it extracts every corpus report
once to warm up, then ``--passes`` times more, and prints the CPU seconds (``time.process_time``) per
report of ``extract()`` and of the verify stage alone (on reports assembled beforehand, tables fresh each
pass). The medians over the rounds are printed with the load average.

These are repeated passes over the same reports: caches keyed by text serve passes 2+, so the figures are
lower than a batch of new reports pays; ``benchmarks/first_sight.py`` measures that.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child(passes: int, folder: str | None) -> None:
    import copy
    import gc
    import time

    from extractor import extract
    from extractor.pipeline import assemble_document
    from extractor.read import read_document
    from extractor.verify import verify_report

    def per_report(files: list[Path]) -> float:
        """CPU seconds per report of ``passes`` warm passes of extract() over the files (0 for none)."""
        if not files:
            return 0.0
        for p in files:
            extract(p)
        start = time.process_time()
        for _ in range(passes):
            for p in files:
                extract(p)
        return (time.process_time() - start) / passes / len(files)

    paths = sorted((ROOT / "corpus").glob("*.txt"))
    whole = per_report(paths)
    synth = per_report(sorted(Path(folder).rglob("*.txt")) if folder else [])
    documents = [read_document(p) for p in paths]
    assembled = list(zip(documents, [assemble_document(d) for d in documents]))
    verify = 0.0
    for _ in range(passes):
        copies = copy.deepcopy(assembled)
        gc.collect()  # the copies' garbage is not the verify stage's
        start = time.process_time()
        for d, (r, printed, sections) in copies:
            verify_report(r, d, printed, sections)
        verify += time.process_time() - start
    print(json.dumps({"extract": whole, "verify": verify / passes / len(paths), "generated": synth}))


def run(tree: Path, passes: int, folder: Path | None) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    more = ["--folder", str(folder)] if folder else []
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", "--passes", str(passes), *more],
                         env=env, cwd=tree, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("baseline", nargs="?", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--generated", type=int, default=0, help="also time this many generated reports")
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.passes, args.folder)
        return
    folder = None
    if args.generated:
        sys.path.insert(0, str(ROOT / "tests"))
        from synth.archive import write_archive

        folder = Path(tempfile.mkdtemp(prefix="compare_warm_"))
        write_archive(folder, args.generated)
    print(f"load average before {os.getloadavg()}")
    trees = {"baseline": args.baseline.resolve(), "ours": ROOT}
    times: dict[str, dict[str, list[float]]] = {k: {"extract": [], "verify": [], "generated": []} for k in trees}
    for _ in range(args.rounds):
        for name, tree in trees.items():
            for key, value in run(tree, args.passes, folder).items():
                times[name][key].append(value)
    for name in trees:
        e, v, g = (statistics.median(times[name][k]) for k in ("extract", "verify", "generated"))
        print(f"{name:<9} corpus extract {1000 * e:6.1f} ms CPU/report ({1 / e:5.1f} reports/s), verify stage alone "
              f"{1000 * v:5.1f} ms; runs {[round(1000 * x, 1) for x in times[name]['extract']]}")
        if g:
            print(f"{'':<9} generated ({args.generated}) extract {1000 * g:6.1f} ms CPU/report ({1 / g:5.1f} reports/s)")
    print(f"load average after {os.getloadavg()}")


if __name__ == "__main__":
    main()
