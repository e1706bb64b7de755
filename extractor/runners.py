"""Where extraction runs: in this process, in a pool of local processes, or on a Dask cluster.

Each runner takes :class:`Task` objects and yields one :class:`Outcome` per task, in the order they
finish; the caller (``extractor.build``) writes the files. :func:`extract_one` is the whole of a
worker's job: extract one file and return the report's JSON text (or the error), never raising. At
most a few tasks per worker are in flight, so memory does not grow with the number of files.

Tasks with a ``timeout`` (:class:`~extractor.limits.Limits`) run in :class:`LimitedWorker` processes,
one per worker, each killed and replaced when a file is still running at the timeout (``E052``) or ran
out of its ``max_memory`` (``E053``); the pool drives them from threads. They are started by a fork
server, which is safe beside threads.

A Dask worker must see the input at the same path as the client (a shared filesystem) and run the same
version of lkjip; each outcome carries the worker's :func:`~extractor.manifest.tool_fingerprint` so the
build can refuse a mixed cluster. Give Dask workers one thread each (``dask worker --nthreads 1``):
extraction is pure Python and holds the GIL.
"""
from __future__ import annotations

import multiprocessing
from queue import Queue
import re
import signal
import uuid
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .codes import lookup
from .errors import LkjipError, OutOfMemory, TimedOut
from .export import report_json
from .filenames import shown
from .gc_policy import tune_for_extraction
from .limits import Limits, cap_memory, check_file
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
        text, report = portable_json(report)  # a large report's JSON may need more memory than its reading
        summary = summary_of(report)
    except LkjipError as exc:
        outcome.code, outcome.reason = exc.code, shown(exc.reason)
        return outcome
    except MemoryError:
        outcome.code = OutOfMemory.code
        outcome.reason = f"needed more than --max-memory {task.limits.max_memory or 0:,} bytes; raise the limit to read it"
        return outcome
    except Exception as exc:  # a bug or an input we did not foresee: report it, the batch goes on
        outcome.code, outcome.reason = lookup("E999", "exception").code, f"unexpected {type(exc).__name__}: {exc}"
        return outcome
    outcome.json, outcome.summary = text, summary
    return outcome


def portable_json(report: Report) -> tuple[str, Report]:
    """Given a report, return its JSON text and the report, with the bytes of a file name that is not UTF-8
    (copied into the report's path, id or title) escaped as the name is shown (:mod:`extractor.filenames`)."""
    text = report_json(report)
    if not ESCAPED_BYTE.search(text):
        return text, report
    text = ESCAPED_BYTE.sub(lambda m: f"\\\\x{ord(m.group()) - 0xDC00:02x}", text)
    return text, Report.model_validate_json(text)


def lost(task: Task, exc: BaseException) -> Outcome:
    """The outcome of a task whose worker died (killed, out of memory) rather than returning."""
    return Outcome(task.path, task.report_id, code=lookup("E999", "exception").code,
                   reason=f"the worker died: {type(exc).__name__}: {exc}", tool=tool_fingerprint())


def _context():
    """The fork server (safe beside threads) where there is one, else spawn."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["extractor.runners"])
    return context


def _serve(conn, limits: Limits) -> None:
    """A worker process's loop: extract each task received until told to stop (None)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the workers
    cap_memory(limits)
    tune_for_extraction()
    while (task := conn.recv()) is not None:
        conn.send(extract_one(task))


class LimitedWorker:
    """One long-lived worker process (its imports and language data are loaded once), killed and replaced
    when a file runs past the timeout or exhausts its memory."""

    def __init__(self, limits: Limits):
        self.limits, self.process, self.conn = limits, None, None

    def _start(self) -> None:
        context = _context()
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, self.limits), daemon=True)
        self.process.start()
        child.close()

    def _replace(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()
        self.process = None

    def run(self, task: Task) -> Outcome:
        """Extract ``task`` in the worker; ``E052`` when it is still running after the timeout."""
        if self.process is None:
            self._start()
        self.conn.send(task)
        if not self.conn.poll(self.limits.timeout):
            self._replace()
            error = TimedOut(task.path, f"still extracting after --timeout {self.limits.timeout:g} s; "
                             "the worker was killed")
            return Outcome(task.path, task.report_id, code=error.code, reason=shown(error.reason),
                           tool=tool_fingerprint())
        try:
            outcome = self.conn.recv()
        except EOFError:  # the process died without an answer (out of memory, a signal)
            code = self.process.exitcode
            self._replace()
            return lost(task, RuntimeError(f"exit code {code}"))
        if outcome.code == OutOfMemory.code:
            self._replace()  # a fresh process for the next file
        return outcome

    def close(self) -> None:
        """Stop the process after its current file (at once when it does not stop within seconds)."""
        if self.process is not None:
            try:
                self.conn.send(None)
                self.process.join(5)
            except OSError:
                pass
            self._replace()

    def kill(self) -> None:
        """Kill the process now (an interrupted build); a thread waiting on it gets its death as the outcome."""
        process = self.process
        if process is not None:
            process.kill()


def run_here(tasks: Iterable[Task]) -> Iterator[Outcome]:
    """Extract in this process (or, with a timeout, in one killable worker process), one file after another."""
    worker = None
    try:
        for task in tasks:
            if task.limits.timeout is None:
                yield extract_one(task)
                continue
            worker = worker or LimitedWorker(task.limits)
            yield worker.run(task)
    except BaseException:  # interrupted (Ctrl-C, the caller stopped): do not wait for the file in hand
        if worker is not None:
            worker.kill()
        raise
    finally:
        if worker is not None:
            worker.close()


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
    """Extract in ``workers`` local processes (with a timeout: ``workers`` killable worker processes)."""
    tasks = iter(tasks)
    first = next(tasks, None)
    if first is None:
        return
    todo = chain([first], tasks)
    if first.limits.timeout is None:
        with ProcessPoolExecutor(max_workers=workers, initializer=tune_for_extraction) as pool:
            for task, future in _windowed(todo, lambda t: pool.submit(extract_one, t), workers * IN_FLIGHT_PER_WORKER):
                yield future.result()
        return
    processes = [LimitedWorker(first.limits) for _ in range(workers)]
    idle: Queue[LimitedWorker] = Queue()
    for worker in processes:
        idle.put(worker)

    def job(task: Task) -> Outcome:
        worker = idle.get()
        try:
            return worker.run(task)
        finally:
            idle.put(worker)

    pool = ThreadPoolExecutor(max_workers=workers)
    finished = False
    try:
        for task, future in _windowed(todo, lambda t: pool.submit(job, t), workers * IN_FLIGHT_PER_WORKER):
            yield future.result()
        finished = True
    finally:
        if not finished:  # interrupted: kill the workers so that the threads waiting on them return now
            for worker in processes:
                worker.kill()
        pool.shutdown(wait=True, cancel_futures=True)
        for worker in processes:
            worker.close()


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
