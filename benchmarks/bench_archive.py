"""Build a synthetic archive of N generated text reports and print reports/s, peak memory and speed-ups.

usage: python benchmarks/bench_archive.py [--n 10000] [--workers 1,2] [--no-dask] [--archive DIR]

The archive (``tests/synth/archive.py``: many agencies, regions and years, one folder per region) is
written once into DIR (default: a temporary folder; an existing DIR with N reports is reused). Then the
library's ``build`` (the code behind ``lkjip build``) runs from scratch into a fresh output folder for
each worker count, and on a Dask ``LocalCluster`` with as many one-thread worker processes as the
largest count. For each run it prints the wall time, reports/s and lines/s, the speed-up over one
worker, and the peak memory of this process plus all its children (workers), sampled every 0.25 s with
psutil as PSS (proportional set size: a page shared by forked workers is counted once, not once per
process as RSS would): during extraction, and overall (including the dataset tables written at the end).
One report is extracted before timing, so every run starts with the patterns and claim rules loaded (forked
local workers inherit them; Dask workers are fresh processes and load them inside the timed run).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from extractor.build import build, report_files  # noqa: E402
from extractor.pipeline import extract  # noqa: E402
from synth.archive import write_archive  # noqa: E402


class PeakMemory:
    """Samples the memory (PSS) of this process and its descendants; keeps the peaks (MiB)."""

    def __init__(self, interval: float = 0.25):
        self.interval, self.peak, self.extract_peak, self.extracting = interval, 0.0, 0.0, True
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> float:
        me = psutil.Process()
        total = 0
        for process in [me, *me.children(recursive=True)]:
            try:
                total += process.memory_full_info().pss
            except psutil.Error:
                continue
        return total / 2**20

    def _run(self) -> None:
        while not self._stop.is_set():
            rss = self._sample()
            self.peak = max(self.peak, rss)
            if self.extracting:
                self.extract_peak = max(self.extract_peak, rss)
            self._stop.wait(self.interval)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def archive(folder: Path, n: int) -> list[Path]:
    files = report_files(folder) if folder.is_dir() else []
    if len(files) != n:
        shutil.rmtree(folder, ignore_errors=True)
        start = time.perf_counter()
        write_archive(folder, n)
        files = report_files(folder)
        print(f"generated {n} reports in {time.perf_counter() - start:.1f} s into {folder}")
    return files


def one_run(folder: Path, n: int, label: str, **how) -> float:
    """Build ``folder`` from scratch with ``how`` (workers= or dask=); print and return the wall time."""
    done = [0]
    with tempfile.TemporaryDirectory(prefix="lkjip-bench-out-") as out, PeakMemory() as memory:
        def on_file(entry, outcome):
            done[0] += 1
            memory.extracting = done[0] < n

        start = time.perf_counter()
        result = build(folder, Path(out), on_file=on_file, **how)
        wall = time.perf_counter() - start
    lines = sum(r.get("lines") or 0 for r in result.reports.values())
    print(f"{label:22} {len(result.reports):6d} ok {len(result.errors):3d} failed  {wall:8.1f} s  "
          f"{n / wall:7.2f} reports/s  {lines / wall:9,.0f} lines/s  "
          f"peak PSS extracting {memory.extract_peak:6.0f} MiB, overall {memory.peak:6.0f} MiB", flush=True)
    return wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--workers", default=f"1,{os.cpu_count()}", help="comma-separated worker counts")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    parser.add_argument("--archive", type=Path, default=None, help="where the archive is (or goes)")
    args = parser.parse_args()
    counts = [int(c) for c in args.workers.split(",")]
    folder = args.archive or Path(tempfile.gettempdir()) / f"lkjip-archive-{args.n}"
    files = archive(folder, args.n)
    extract(files[0])  # warm up: the patterns and claim rules loaded before any timing
    load = os.getloadavg()
    print(f"{len(files)} reports, {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    walls = {}
    for count in counts:
        walls[count] = one_run(folder, len(files), f"workers={count}", workers=count)
    if not args.no_dask:
        from distributed import LocalCluster

        start = time.perf_counter()
        with LocalCluster(n_workers=max(counts), threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster:
            print(f"LocalCluster of {max(counts)} worker processes started in {time.perf_counter() - start:.1f} s")
            walls["dask"] = one_run(folder, len(files), f"dask LocalCluster({max(counts)})",
                                    dask=cluster.scheduler_address)
    if 1 in walls:
        print("speed-up over 1 worker: " + ", ".join(f"{k if k == 'dask' else f'workers={k}'} {walls[1] / w:.2f}x"
                                                   for k, w in walls.items() if k != 1))
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
