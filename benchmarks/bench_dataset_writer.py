"""Peak memory and speed of the dataset writer as the number of reports grows.

The five corpus reports are extracted once; the writer then gets N copies of them (each under its own id,
each loaded from its JSON as ``lkjip build`` loads stored reports), streamed one at a time. Each size runs in
its own process so that its peak RSS is its own. Usage::

    .venv/bin/python benchmarks/bench_dataset_writer.py 100 1000 2000
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_one(docs_dir: Path, count: int) -> dict:
    from extractor.dataset import write_dataset
    from extractor.model import Report

    docs = sorted(docs_dir.glob("*.json"))

    def reports():
        for k in range(count // len(docs) + 1):
            for d in docs:
                if k * len(docs) + docs.index(d) < count:
                    yield f"{d.stem}-{k}", Report.model_validate_json(d.read_text(encoding="utf-8"))

    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        write_dataset(reports(), Path(out))
        seconds = time.perf_counter() - start
    return {"reports": count, "seconds": round(seconds, 1), "reports_per_s": round(count / seconds, 1),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}


def main(sizes: list[int]) -> None:
    from extractor.export import write_report
    from extractor.pipeline import extract

    with tempfile.TemporaryDirectory() as docs:
        for path in sorted((ROOT / "corpus").glob("*.txt")):
            write_report(extract(path), Path(docs) / f"{path.stem}.json")
        for size in sizes:
            done = subprocess.run([sys.executable, __file__, "--one", docs, str(size)], capture_output=True,
                                  text=True, check=True)
            print(done.stdout.strip())


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(run_one(Path(sys.argv[2]), int(sys.argv[3]))))
    else:
        main([int(a) for a in sys.argv[1:]] or [100, 1000])
