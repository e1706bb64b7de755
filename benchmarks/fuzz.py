"""Fuzz the pipeline: mutated corpus windows and noise, each run whole; count crashes and hangs.

A crash is any exception other than the library's typed errors (:class:`extractor.errors.LkjipError`);
a hang is an input that runs past ``--timeout`` seconds (stopped by ``SIGALRM``). Each failing input
is written to ``--failures`` with its traceback, so that it can become a test.

    .venv/bin/python benchmarks/fuzz.py --inputs 100000 --seed 1 --failures /tmp/fuzz

Prints one line: inputs tried, crashes, hangs, slowest input, wall time.
"""
from __future__ import annotations

import argparse
import random
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

from extractor.errors import LkjipError
from extractor.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent
FRAGMENTS = [
    "\t", "\t" * 500, "\n", "\n\n", "BAB ", "BAB 99999999999999999999 ", "Tabel 3.1 ", "-", "- ", "(", ")", "%",
    "Rp ", "９９", "٣٫٥", "١٢٣,٥", "1.234,56", "0,000000000000000000000001", "9" * 60, ".", ",", "|", " | ", "*",
    "$", "\u00a0", "\ufeff", "seratus triliun triliun rupiah", "(seratus lima puluh juta rupiah)",
    "Target\tRealisasi\tCapaian", "-150.000.000 (seratus lima puluh juta rupiah)", "Rp 1" + "0" * 40,
]


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


def mutate(rng: random.Random, reports: list[str]) -> str:
    """One input: a window of a corpus report with fragments inserted, stretches cut or lines repeated."""
    report = rng.choice(reports)
    start = rng.randrange(len(report))
    text = report[start:start + rng.randint(200, 12000)]
    for _ in range(rng.randint(0, 25)):
        at = rng.randrange(len(text) + 1)
        choice = rng.random()
        if choice < 0.6:
            text = text[:at] + rng.choice(FRAGMENTS) + text[at:]
        elif choice < 0.8:
            text = text[:at] + text[at + rng.randint(1, 200):]
        elif choice < 0.9:
            text = text[:at] + chr(rng.randint(1, 0x2FFF)) + text[at:]
        else:
            text = text[:at] + text[at:at + 200] * rng.randint(2, 20) + text[at:]
    return text


def run(inputs: int, seed: int, timeout: float, failures: Path | None) -> dict:
    reports = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    rng = random.Random(seed)
    signal.signal(signal.SIGALRM, _alarm)
    counts = {"inputs": 0, "crashes": 0, "hangs": 0, "slowest": 0.0}
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.txt"
        for i in range(inputs):
            text = mutate(rng, reports)
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
            began = time.monotonic()
            signal.setitimer(signal.ITIMER_REAL, timeout)
            outcome, trace = None, ""
            try:
                extract(path)
            except LkjipError:
                pass
            except Hang:
                outcome, trace = "hangs", traceback.format_exc()
            except Exception:  # noqa: BLE001 - what the fuzzer looks for
                outcome, trace = "crashes", traceback.format_exc()
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            counts["slowest"] = max(counts["slowest"], time.monotonic() - began)
            counts["inputs"] += 1
            if outcome:
                counts[outcome] += 1
                if failures is not None:
                    failures.mkdir(parents=True, exist_ok=True)
                    (failures / f"{outcome}_{seed}_{i}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
                    (failures / f"{outcome}_{seed}_{i}.log").write_text(trace, encoding="utf-8")
    counts["seconds"] = round(time.monotonic() - started, 1)
    counts["slowest"] = round(counts["slowest"], 2)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per input before it counts as a hang")
    parser.add_argument("--failures", type=Path, default=None, help="folder for the failing inputs")
    args = parser.parse_args(argv)
    counts = run(args.inputs, args.seed, args.timeout, args.failures)
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    return 1 if counts["crashes"] or counts["hangs"] else 0


if __name__ == "__main__":
    sys.exit(main())
