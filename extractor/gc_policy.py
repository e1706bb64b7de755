"""How Python's cyclic garbage collector runs in the processes lkjip itself starts: the CLI (``lkjip extract``,
``lkjip verify``) and the batch workers (``lkjip build``). Importing the library changes nothing; a program calling :func:`extractor.extract` keeps its own
collector settings.

Extracting a report allocates hundreds of thousands of short-lived objects (lines, cells, figures, findings)
that reference counting frees. With the default thresholds the collector runs every 700 net allocations,
and each of its full collections walks every long-lived object again — modules, pydantic schemas, compiled
patterns, the language data: about 10 % of a report's CPU time. So a worker:

* loads the language data (``patterns/``) first, then ``gc.freeze()``\\ s everything alive: the collector
  never walks it again;
* collects the young generation every :data:`YOUNG_THRESHOLD` allocations instead of 700 (the cycles a
  report leaves are few and small: peak memory does not move; ``benchmarks/bench_gc.py`` measures it).
"""
from __future__ import annotations

import gc

YOUNG_THRESHOLD = 10_000  # net allocations between collections of the youngest generation (Python: 700)


def load_language_data() -> None:
    """Load and validate every pattern file now (each is cached), so that it is frozen with the modules."""
    from . import patterns
    from .pattern_models import LINE_MODELS, MODELS

    for name in MODELS:
        patterns.load(name)
    for name in LINE_MODELS:
        patterns.load_lines(name)


def tune_for_extraction(preload: bool = True) -> None:
    """Set this process's collector for extracting reports (a batch worker, the CLI): the language data
    loaded (with ``preload``), everything alive frozen out of the collector's walks, fewer young collections.
    Call it once, from the process's entry point, never from library code."""
    if preload:
        load_language_data()
        gc.collect()  # what is garbage now is not kept forever by the freeze
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
