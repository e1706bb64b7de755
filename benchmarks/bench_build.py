"""Time `lkjip build` over a folder of reports and print reports/s and lines/s.

usage: python benchmarks/bench_build.py [FOLDER] [--repeat N]

Runs the library's build (the same code as the CLI) into a temporary folder, N times, and prints the
best run's figures and the peak resident memory of the process.
"""
from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from extractor.build import build, report_files


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default="corpus")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = report_files(Path(args.folder))
    lines = sum(len(p.read_text(encoding="utf-8", errors="replace").splitlines()) for p in files if p.suffix == ".txt")
    best = float("inf")
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            result = build(Path(args.folder), Path(out))
            best = min(best, time.perf_counter() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"reports: {len(result.reports)} ok, {len(result.errors)} failed; text lines: {lines}")
    print(f"best of {args.repeat}: {best:.2f} s  ->  {len(files) / best:.2f} reports/s, {lines / best:,.0f} lines/s")
    print(f"peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
