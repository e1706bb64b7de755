"""The collector settings of the processes lkjip starts (extractor.gc_policy): importing or calling the library
leaves a program's collector alone; the CLI and batch workers tune theirs. Each check runs in a fresh process."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "corpus" / "kota-dumai_kecamatan-dumai-kota_2022.txt"


def collector_after(code: str) -> dict:
    """Run ``code`` in a fresh interpreter; return its collector's thresholds and frozen object count then."""
    probe = code + "\nimport gc, json; print(json.dumps({'threshold': gc.get_threshold(), 'frozen': gc.get_freeze_count(),"\
                   " 'enabled': gc.isenabled()}))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_library_leaves_the_collector_alone():
    plain = collector_after("pass")
    used = collector_after(f"from extractor import extract; extract({str(REPORT)!r})")
    assert used == plain
    assert used["frozen"] == 0


def test_a_worker_freezes_the_language_data_and_collects_less_often():
    from extractor.gc_policy import YOUNG_THRESHOLD

    tuned = collector_after("from extractor.gc_policy import tune_for_extraction; tune_for_extraction();"
                            "from extractor import patterns; assert patterns.load.cache_info().currsize > 10")
    plain = collector_after("pass")
    assert tuned["threshold"] == [YOUNG_THRESHOLD, *plain["threshold"][1:]]
    assert tuned["frozen"] > 10_000  # the modules and the language data (loaded: asserted in the process)
    assert tuned["enabled"]


def test_a_build_worker_runs_tuned():
    from extractor.gc_policy import YOUNG_THRESHOLD

    # the worker loop tunes its process before reading its first task: read the settings from inside one
    script = ("import gc, json, multiprocessing as mp\n"
              "from extractor.limits import Limits\n"
              "from extractor import runners\n"
              "seen = {}\n"
              "original = runners.extract_one\n"
              "def spy(task):\n"
              "    outcome = original(task)\n"
              "    outcome.summary = {'threshold': gc.get_threshold()[0], 'frozen': gc.get_freeze_count()}\n"
              "    return outcome\n"
              "runners.extract_one = spy\n"
              "parent, child = mp.Pipe()\n"
              "p = mp.get_context('fork').Process(target=runners._serve, args=(child, Limits()))\n"
              "p.start()\n"
              f"parent.send(runners.Task({str(REPORT)!r}, 'r', runners.Options(ocr=False)))\n"
              "print(json.dumps(parent.recv().summary)); parent.send(None); p.join()\n")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["threshold"] == YOUNG_THRESHOLD
    assert seen["frozen"] > 10_000
