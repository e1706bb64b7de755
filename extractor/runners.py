"""Where extraction runs: in this process, in a pool of local processes, or on a Dask cluster.

Each runner takes :class:`Task` objects and yields one :class:`Outcome` per task, in the order they
finish; the caller (``extractor.build``) writes the files. :func:`extract_one` is the whole of a
worker's job: extract one file and return the report's JSON text (or the error), never raising. At
most a few tasks per worker are in flight, so memory does not grow with the number of files.

A Dask worker must see the input at the same path as the client (a shared filesystem) and run the same
version of lkjip; each outcome carries the worker's :func:`~extractor.manifest.tool_fingerprint` so the
build can refuse a mixed cluster. Give Dask workers one thread each (``dask worker --nthreads 1``):
extraction is pure Python and holds the GIL.
"""
from __future__ import annotations

import uuid
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .codes import lookup
from .errors import LkjipError
from .export import report_json
from .manifest import tool_fingerprint
from .model import Report
from .pipeline import Options, extract

IN_FLIGHT_PER_WORKER = 4


@dataclass(frozen=True)
class Task:
    path: str
    report_id: str
    options: Options


@dataclass
class Outcome:
    """What one worker made of one file: the report JSON and its summary, or the error's code and reason."""

    path: str
    report_id: str
    json: str | None = None
    summary: dict | None = None
    code: str | None = None
    reason: str | None = None
    tool: dict | None = None


def summary_of(report: Report) -> dict:
    """Given a report, return what the build's summary and progress show of it (small and picklable)."""
    return {"agency": report.agency, "region": report.region, "year": report.report_year, "status": report.status,
            "objectives": len(report.objectives), "indicators": sum(i.level == "agency" for i in report.indicators),
            "programs": len(report.programs), "findings": dict(report.finding_counts),
            "warnings": len(report.warnings), "pages": report.source.pages, "lines": report.source.lines}


def extract_one(task: Task) -> Outcome:
    """Extract one file; return its JSON text and summary, or the error (an unforeseen one as E999)."""
    outcome = Outcome(task.path, task.report_id, tool=tool_fingerprint())
    try:
        report = extract(Path(task.path), task.options)
    except LkjipError as exc:
        outcome.code, outcome.reason = exc.code, exc.reason
        return outcome
    except Exception as exc:  # a bug or an input we did not foresee: report it, the batch goes on
        outcome.code, outcome.reason = lookup("E999", "exception").code, f"unexpected {type(exc).__name__}: {exc}"
        return outcome
    outcome.json, outcome.summary = report_json(report), summary_of(report)
    return outcome


def lost(task: Task, exc: BaseException) -> Outcome:
    """The outcome of a task whose worker died (killed, out of memory) rather than returning."""
    return Outcome(task.path, task.report_id, code=lookup("E999", "exception").code,
                   reason=f"the worker died: {type(exc).__name__}: {exc}", tool=tool_fingerprint())


def run_here(tasks: Iterable[Task]) -> Iterator[Outcome]:
    """Extract in this process, one file after another."""
    for task in tasks:
        yield extract_one(task)


def _windowed(tasks: Iterable[Task], submit: Callable, window: int) -> Iterator[tuple[Task, object]]:
    """Submit at most ``window`` tasks at a time; yield (task, finished future) as they finish."""
    todo = iter(tasks)
    pending = {submit(task): task for task in islice(todo, window)}
    while pending:
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            yield pending.pop(future), future
        for task in islice(todo, len(done)):
            pending[submit(task)] = task


def run_pool(tasks: Iterable[Task], workers: int) -> Iterator[Outcome]:
    """Extract in ``workers`` local processes."""
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for task, future in _windowed(tasks, lambda t: pool.submit(extract_one, t), workers * IN_FLIGHT_PER_WORKER):
            yield future.result()


def run_dask(tasks: Iterable[Task], address: str) -> Iterator[Outcome]:
    """Extract on the Dask cluster whose scheduler is at ``address`` (``tcp://host:8786``)."""
    from distributed import Client, as_completed

    run = uuid.uuid4().hex[:8]
    with Client(address, set_as_default=False) as client:
        window = max(1, sum(client.nthreads().values())) * IN_FLIGHT_PER_WORKER
        todo = iter(tasks)

        def submit(task: Task):
            future = client.submit(extract_one, task, key=f"lkjip-extract-{run}-{task.report_id}", pure=False)
            owner[future.key] = task
            return future

        owner: dict[str, Task] = {}
        # with_results: the results are gathered in batches by the client's thread, not one round trip each
        finished = as_completed([submit(task) for task in islice(todo, window)], loop=client.loop,
                                with_results=True, raise_errors=False)
        for future, result in finished:
            task = owner.pop(future.key)
            # a lost worker (KilledWorker) or a task that could not run gives its exception as the result
            yield result if isinstance(result, Outcome) else lost(task, result)
            future.release()
            for task in islice(todo, 1):
                finished.add(submit(task))
