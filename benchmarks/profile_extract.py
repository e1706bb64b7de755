"""Profile warm ``extract()`` on the corpus text reports (and time the verify stage alone).

    python benchmarks/profile_extract.py profile [--passes 2] [--top 40] [--filter verify] [--verify-only]
    python benchmarks/profile_extract.py time [--repeat 5]

``time`` prints the median CPU seconds (``time.process_time``) per report of ``extract()`` and of
``verify_report`` alone on pre-assembled reports, warm, and the load average.

These are repeated passes over the same reports: caches keyed by text serve passes 2+, so the figures are
lower than a batch of new reports pays; ``benchmarks/first_sight.py`` measures that.
"""
from __future__ import annotations

import argparse
import copy
import cProfile
import gc
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def corpus() -> list[Path]:
    return sorted((ROOT / "corpus").glob("*.txt"))


def profile(passes: int, top: int, restrict: str | None, verify_only: bool) -> None:
    from extractor import extract
    from extractor.pipeline import assemble_document
    from extractor.read import read_document
    from extractor.verify import verify_report

    paths = corpus()
    for p in paths:
        extract(p)
    profiler = cProfile.Profile()
    if verify_only:  # the verify stage alone, on reports assembled beforehand
        documents = [read_document(p) for p in paths]
        assembled = [assemble_document(d) for d in documents]
        for _ in range(passes):
            copies = copy.deepcopy(list(zip(documents, assembled)))  # fresh tables: no cache carried over
            profiler.enable()
            for d, (r, printed, sections) in copies:
                verify_report(r, d, printed, sections)
            profiler.disable()
    else:
        profiler.enable()
        for _ in range(passes):
            for p in paths:
                extract(p)
        profiler.disable()
    stats = pstats.Stats(profiler)
    for key in ("tottime", "cumulative"):
        print(f"\n==== sorted by {key}")
        stats.sort_stats(key).print_stats(*([restrict] if restrict else []), top)


def timing(repeat: int) -> None:
    from extractor import extract
    from extractor.pipeline import assemble_document
    from extractor.read import read_document
    from extractor.verify import verify_report

    paths = corpus()
    print(f"load average {os.getloadavg()}")
    for p in paths:
        extract(p)
    documents = [read_document(p) for p in paths]
    assembled = [assemble_document(d) for d in documents]
    whole, verify = [], []
    for _ in range(repeat):
        start = time.process_time()
        for p in paths:
            extract(p)
        whole.append((time.process_time() - start) / len(paths))
        copies = copy.deepcopy(list(zip(documents, assembled)))  # fresh tables: no cache carried over
        gc.collect()  # the copies' garbage is not the verify stage's
        start = time.process_time()
        for d, (r, printed, sections) in copies:
            verify_report(r, d, printed, sections)
        verify.append((time.process_time() - start) / len(paths))
    print(f"extract(): median {1000 * statistics.median(whole):.1f} ms CPU/report "
          f"({1 / statistics.median(whole):.1f} reports/s), runs {[round(1000 * t, 1) for t in whole]}")
    print(f"verify_report: median {1000 * statistics.median(verify):.1f} ms CPU/report, "
          f"runs {[round(1000 * t, 1) for t in verify]}")
    print(f"load average {os.getloadavg()}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["profile", "time"])
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--filter", default=None)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--verify-only", action="store_true", help="profile the verify stage alone")
    args = parser.parse_args()
    if args.action == "profile":
        profile(args.passes, args.top, args.filter, args.verify_only)
    else:
        timing(args.repeat)


if __name__ == "__main__":
    main()
