"""CPU time and peak memory of a batch of reports under the collector settings of ``lkjip build``'s workers
(:func:`extractor.gc_policy.tune_for_extraction`) against Python's defaults and against no cyclic collection.

    python benchmarks/bench_gc.py [--rounds 3] [--generated 95]

Each round starts one fresh process per setting (alternated): it extracts the corpus text reports and
``--generated`` reports from tests/synth one after another (the first, which loads the language data, is not
timed) and prints CPU ms per report (``time.process_time``), peak resident memory (``ru_maxrss``) and the
collections made per generation. Medians over the rounds and the load average are printed at the end.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ("default", "tuned", "off")


def child(setting: str, listing: str) -> None:
    sys.path.insert(0, str(ROOT))
    from extractor import extract
    from extractor.gc_policy import tune_for_extraction

    paths = [Path(p) for p in Path(listing).read_text().split("\n")]
    if setting == "tuned":
        tune_for_extraction()  # as a build worker does, before its first file
    elif setting == "off":
        gc.disable()
    extract(paths[0])
    start = time.process_time()
    for path in paths[1:]:
        extract(path)
    cpu = (time.process_time() - start) / (len(paths) - 1)
    print(json.dumps({"ms": 1000 * cpu, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "collections": [s["collections"] for s in gc.get_stats()]}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--generated", type=int, default=95)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    sys.path.insert(0, str(ROOT / "tests"))
    from synth.archive import write_archive

    folder = Path("/tmp/bench_gc_synth")  # the same every run: the same reports
    paths = sorted((ROOT / "corpus").glob("*.txt")) + write_archive(folder, args.generated)
    listing = folder / "listing.txt"
    listing.write_text("\n".join(str(p) for p in paths))
    print(f"{len(paths)} reports ({len(paths) - args.generated} corpus, {args.generated} generated); load {os.getloadavg()}")
    runs: dict[str, list[dict]] = {s: [] for s in SETTINGS}
    for _ in range(args.rounds):
        for setting in SETTINGS:
            out = subprocess.run([sys.executable, __file__, "--child", setting, str(listing)],
                                 capture_output=True, text=True, check=True)
            runs[setting].append(json.loads(out.stdout.strip().splitlines()[-1]))
            print(f"  {setting:<8} {runs[setting][-1]}", flush=True)
    print(f"load after: {os.getloadavg()}")
    for setting, results in runs.items():
        print(f"{setting:<8} {statistics.median(r['ms'] for r in results):6.1f} ms CPU/report   "
              f"peak RSS {max(r['peak_mb'] for r in results):5.0f} MB   collections {results[-1]['collections']}")


if __name__ == "__main__":
    main()
