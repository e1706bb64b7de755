"""Where extraction runs: in this process, in a pool of local processes, or on a Dask cluster.

Each runner takes :class:`Task` objects and yields one :class:`Outcome` per task, in the order they
finish; the caller (``extractor.build``) writes the files. :func:`extract_one` is the whole of a
worker's job: extract one file and return the report's JSON text (or the error), never raising. At
most a few tasks per worker are in flight, so memory does not grow with the number of files.

A task with a ``timeout`` (:class:`~extractor.limits.Limits`) runs in a process of its own
(:func:`run_limited`), killed when the time is up (``E052``); the pool then runs those processes from
threads. Processes are started by a fork server (``forkserver``) that has imported the pipeline once,
so starting one per file is cheap and safe beside the threads.

A Dask worker must see the input at the same path as the client (a shared filesystem) and run the same
version of lkjip; each outcome carries the worker's :func:`~extractor.manifest.tool_fingerprint` so the
build can refuse a mixed cluster. Give Dask workers one thread each (``dask worker --nthreads 1``):
extraction is pure Python and holds the GIL.
"""
from __future__ import annotations

import multiprocessing
import re
import uuid
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .codes import lookup
from .errors import LkjipError, TimedOut
from .export import report_json
from .filenames import shown
from .limits import Limits, check_file
from .manifest import tool_fingerprint
from .model import Report
from .pipeline import Options, extract

IN_FLIGHT_PER_WORKER = 4
# the lone surrogates that stand for the bytes of a name that is not UTF-8 (see extractor.filenames);
# in the JSON text each becomes the escaped backslash of ``\xNN``, as the name is shown
ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


@dataclass(frozen=True)
class Task:
    path: str
    report_id: str
    options: Options
    limits: Limits = field(default_factory=Limits)


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
        check_file(Path(task.path), task.limits)
        report = extract(Path(task.path), task.options)
    except LkjipError as exc:
        outcome.code, outcome.reason = exc.code, shown(exc.reason)
        return outcome
    except Exception as exc:  # a bug or an input we did not foresee: report it, the batch goes on
        outcome.code, outcome.reason = lookup("E999", "exception").code, f"unexpected {type(exc).__name__}: {exc}"
        return outcome
    text = report_json(report)
    if ESCAPED_BYTE.search(text):  # a file name that is not UTF-8, copied into the report (path, id, title)
        text = ESCAPED_BYTE.sub(lambda m: f"\\\\x{ord(m.group()) - 0xDC00:02x}", text)
        report = Report.model_validate_json(text)
    outcome.json, outcome.summary = text, summary_of(report)
    return outcome


def lost(task: Task, exc: BaseException) -> Outcome:
    """The outcome of a task whose worker died (killed, out of memory) rather than returning."""
    return Outcome(task.path, task.report_id, code=lookup("E999", "exception").code,
                   reason=f"the worker died: {type(exc).__name__}: {exc}", tool=tool_fingerprint())


def _context():
    """The fork server (imports done once, safe beside threads) where there is one, else spawn."""
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["extractor.pipeline", "extractor.runners"])
    return context


def _child(task: Task, conn) -> None:
    conn.send(extract_one(task))
    conn.close()


def run_limited(task: Task) -> Outcome:
    """Extract one file in a process of its own, killed after ``task.limits.timeout`` seconds (``E052``);
    without a timeout, extract here."""
    timeout = task.limits.timeout
    if timeout is None:
        return extract_one(task)
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(task, sender), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            process.kill()
            error = TimedOut(task.path, f"still extracting after --timeout {timeout:g} s; the worker was killed")
            return Outcome(task.path, task.report_id, code=error.code, reason=shown(error.reason),
                           tool=tool_fingerprint())
        try:
            return receiver.recv()
        except EOFError:  # the process died without an answer (out of memory, a signal)
            process.join()
            return lost(task, RuntimeError(f"exit code {process.exitcode}"))
    finally:
        receiver.close()
        process.join()


def run_here(tasks: Iterable[Task]) -> Iterator[Outcome]:
    """Extract in this process (or, with a timeout, in one killable process at a time), one file after another."""
    for task in tasks:
        yield run_limited(task)


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
    """Extract in ``workers`` local processes (with a timeout: ``workers`` killable processes at a time)."""
    tasks = iter(tasks)
    first = next(tasks, None)
    if first is None:
        return
    limited = first.limits.timeout is not None
    executor = ThreadPoolExecutor if limited else ProcessPoolExecutor
    job = run_limited if limited else extract_one
    with executor(max_workers=workers) as pool:
        todo = chain([first], tasks)
        for task, future in _windowed(todo, lambda t: pool.submit(job, t), workers * IN_FLIGHT_PER_WORKER):
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
