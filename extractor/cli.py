"""The ``lkjip`` command: a thin typer layer over the library (``extractor.build``, ``extractor.pipeline``)."""
from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from . import codes as catalogue
from .build import build as build_folder, check_output, report_files
from .errors import LkjipError, OutputBusy
from .filenames import shown
from .gc_policy import tune_for_extraction
from .limits import (DEFAULT_MAX_BYTES, DEFAULT_MAX_MEMORY, DEFAULT_MAX_PAGES, DEFAULT_MAX_TEXT_BYTES,
                     DEFAULT_TIMEOUT, Limits)
from .export import write_report
from .model import Report
from .runners import portable_json
from .pipeline import Options, extract as extract_report
from . import __version__

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table as RichTable

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn LKjIP performance reports into provenance-carrying JSON, a dataset, and findings.")


@functools.lru_cache(maxsize=None)
def _console(results: bool = False) -> Console:
    """The console of messages (stderr), or with ``results`` of results (stdout); made on first use, so that
    ``lkjip extract`` printing JSON does not import rich. Messages are never wrapped (one line each, whole
    when piped into a log or grep); piped tables get room for their columns instead of 80."""
    from rich.console import Console

    if not results:
        return Console(stderr=True, soft_wrap=True)
    return (Console(soft_wrap=True) if sys.stdout.isatty() or os.environ.get("COLUMNS")
            else Console(width=200, soft_wrap=True))


EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130  # documented in the README
USAGE_CODES = ("E004", "E040", "E042")  # a path of the wrong kind, no dataset, an --out that cannot be written


def _version(value: bool) -> None:
    if value:
        _console(True).print(f"lkjip {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Print the installed version and exit.")) -> None:
    """Turn LKjIP performance reports into provenance-carrying JSON, a dataset, and findings."""


def _interruptible(command):
    """Ctrl-C in a command: one line on stderr and exit 130 (not click's "Aborted!" and exit 1)."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except KeyboardInterrupt:
            _console().print(f"interrupted: lkjip {command.__name__} stopped; every file it wrote is whole", markup=False)
            raise typer.Exit(EXIT_INTERRUPTED)

    return run


def _error(exc: LkjipError) -> None:
    """Print a typed error on one line (paths may hold brackets: no markup)."""
    _console().print(str(exc), style="red", markup=False, highlight=False)


def _options(ocr: Optional[bool], debug_dir: Optional[Path], workers: int = 1) -> Options:
    return Options(ocr=ocr, debug_dir=debug_dir, workers=workers)


def _cores() -> int:
    return os.cpu_count() or 1


SUMMARY_ROWS = 50  # a larger build prints the totals by status instead of a row per report


@app.command()
@_interruptible
def build(
    folder: Path = typer.Argument(Path("corpus"), help="Folder of reports (.txt, .pdf, .docx)."),
    out: Path = typer.Option(Path("dataset"), "--out", help="Output folder: reports/*.json, tables/*.parquet, lkjip.duckdb, manifest.json, errors.jsonl."),
    ocr: Optional[bool] = typer.Option(None, "--ocr/--no-ocr", help="Force or forbid OCR of PDFs (default: detect scans)."),
    debug_dir: Optional[Path] = typer.Option(None, "--debug-dir", help="Dump each stage's output here."),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1, help="Processes extracting at once (default: the cores)."),
    dask: Optional[str] = typer.Option(None, "--dask", metavar="SCHEDULER_ADDRESS", help="Extract on this Dask cluster (tcp://host:8786) instead of local processes."),
    force: bool = typer.Option(False, "--force", help="Re-extract every report, even those unchanged since the last build."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", min=1, help="Skip a file larger than this (E050)."),
    max_text_bytes: int = typer.Option(DEFAULT_MAX_TEXT_BYTES, "--max-text-bytes", min=1, help="Skip a text file (.txt, .text, .md) larger than this (E050)."),
    max_pages: int = typer.Option(DEFAULT_MAX_PAGES, "--max-pages", min=1, help="Skip a PDF with more pages than this (E051)."),
    timeout: float = typer.Option(DEFAULT_TIMEOUT, "--timeout", min=0.1, help="Seconds per file; a slower file's worker is killed (E052)."),
    max_memory: int = typer.Option(DEFAULT_MAX_MEMORY // 1024 ** 2, "--max-memory", min=64, help="Megabytes of memory per worker; a file needing more fails alone (E053)."),
) -> None:
    """Extract every report in FOLDER (unchanged ones are reused); write one JSON per report, the dataset, a
    manifest and errors.jsonl, and print a summary. Exit 1 when a file failed (the others are written),
    2 on a usage error (nothing to read, an unwritable --out), 130 when interrupted."""
    files = report_files(folder)
    if not files:
        _console().print(f"[red]no report files (.txt, .pdf, .docx) in {shown(folder)}[/red]")
        raise typer.Exit(EXIT_USAGE)
    try:
        check_output(out)
    except LkjipError as exc:
        _error(exc)
        raise typer.Exit(EXIT_USAGE)
    limits = Limits(max_bytes=max_bytes, max_text_bytes=max_text_bytes, max_pages=max_pages, timeout=timeout,
                    max_memory=max_memory * 1024 ** 2)
    from .progress import BuildProgress  # rich's progress bars: only a build shows them

    progress = BuildProgress(_console(), len(files))
    workers = workers or _cores()
    pages_at_once = _cores() if workers == 1 else 1  # files in parallel, or the pages of one file
    try:
        with progress:
            result = build_folder(folder, out, _options(ocr, debug_dir, pages_at_once), on_file=progress,
                                  force=force, workers=workers, dask=dask, limits=limits)
    except OutputBusy as exc:
        _error(exc)
        raise typer.Exit(EXIT_USAGE)
    except KeyboardInterrupt:
        _console().print(f"interrupted: {progress.done} of {len(files)} file(s) settled and kept for the next build, "
                      f"which resumes from them; the dataset in {shown(out)} is unchanged", markup=False)
        raise typer.Exit(EXIT_INTERRUPTED)
    _console(True).print(summary_table(result.reports) if len(result.reports) <= SUMMARY_ROWS
                      else status_table(result.reports))
    for error in result.errors:
        _console(True).print(f"error {error.path}: [{error.code}] {error.reason}", markup=False, highlight=False)
    _console(True).print(f"{len(result.reports)} report(s) in {shown(out / 'reports')} ({len(result.extracted)} extracted, "
                      f"{len(result.reused)} unchanged and reused, {len(result.removed)} removed)"
                      + (f"; dataset {result.database}" if result.database else ""))
    if result.errors:
        _console(True).print(f"[red]{len(result.errors)} file(s) failed[/red] (listed in {shown(out / 'errors.jsonl')}); "
                          "the batch went on and the other reports were written; exit status 1")
        raise typer.Exit(EXIT_FAILED)


def summary_table(reports: dict[str, dict]) -> RichTable:
    """One row per report, from the summaries ``build`` returns."""
    from rich.table import Table as RichTable

    table = RichTable(title="LKjIP reports")
    for column in ("report", "agency", "year", "status", "objectives", "indicators", "programs", "findings",
                   "warnings"):
        table.add_column(column, justify="left" if column in ("report", "agency", "status") else "right",
                         overflow="fold")
    for rid, r in sorted(reports.items()):
        counts = r.get("findings", {})
        findings = ", ".join(f"{counts[k]} {k}" for k in ("error", "warning", "info") if counts.get(k)) or "0"
        table.add_row(rid, r.get("agency") or "?", str(r.get("year") or "?"), r.get("status", "?"),
                      str(r.get("objectives", 0)), str(r.get("indicators", 0)), str(r.get("programs", 0)), findings,
                      str(r.get("warnings", 0)))
    return table


def status_table(reports: dict[str, dict]) -> RichTable:
    """The number of reports of each status (for builds too large for a row per report)."""
    from rich.table import Table as RichTable

    table = RichTable(title="LKjIP reports by status")
    table.add_column("status")
    table.add_column("reports", justify="right")
    for status in ("success", "partial", "failure"):
        table.add_row(status, str(sum(r.get("status") == status for r in reports.values())))
    return table


@app.command()
@_interruptible
def extract(
    file: Path = typer.Argument(..., help="One report (.txt, .pdf, .docx)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Write the JSON here instead of stdout."),
    ocr: Optional[bool] = typer.Option(None, "--ocr/--no-ocr", help="Force or forbid OCR of a PDF."),
    debug_dir: Optional[Path] = typer.Option(None, "--debug-dir", help="Dump each stage's output here."),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1, help="Pages of a scan OCR'd at once (default: the cores)."),
) -> None:
    """Extract one report and print its JSON."""
    tune_for_extraction(preload=False)  # the language data are loaded as the report needs them
    try:
        report = extract_report(file, _options(ocr, debug_dir, workers or _cores()))
    except LkjipError as exc:
        _error(exc)
        raise typer.Exit(EXIT_FAILED)
    text, report = portable_json(report)
    if out:
        write_report(report, out)
        _console().print(f"wrote {shown(out)}", markup=False)
    else:
        sys.stdout.write(text)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the report document."""
    from .dataset.package import report_schema_json

    sys.stdout.write(report_schema_json())


@app.command()
@_interruptible
def query(
    sql: str = typer.Argument(..., help="SQL over the dataset's tables, e.g. \"SELECT * FROM reports\"."),
    fmt: str = typer.Option("table", "--format", help="table, csv or json."),
    dataset: Path = typer.Option(Path("dataset"), "--dataset", help="The folder `lkjip build` wrote."),
) -> None:
    """Run SQL over the dataset (DuckDB, read-only) and print the rows."""
    from .dataset import query as q

    if fmt not in q.FORMATS:
        _console().print(f"[red]--format must be one of {', '.join(q.FORMATS)}[/red]")
        raise typer.Exit(EXIT_USAGE)
    try:
        columns, rows = q.run_query(sql, dataset)
    except LkjipError as exc:
        _error(exc)
        raise typer.Exit(EXIT_FAILED)
    if fmt == "csv":
        sys.stdout.write(q.to_csv(columns, rows))
    elif fmt == "json":
        sys.stdout.write(q.to_json(columns, rows) + "\n")
    else:
        from rich.table import Table as RichTable

        table = RichTable(show_lines=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        _console(True).print(table)
        _console().print(f"{len(rows)} row(s)")


@app.command()
@_interruptible
def export(
    fmt: str = typer.Option(..., "--format", help="csv, jsonl or parquet (a folder with datapackage.json), sqlite (one file)."),
    out: Path = typer.Option(..., "--out", help="Folder (csv, jsonl, parquet) or file (sqlite) to write."),
    dataset: Path = typer.Option(Path("dataset"), "--dataset", help="The folder `lkjip build` wrote."),
) -> None:
    """Export the dataset's tables as CSV, JSON Lines, Parquet or SQLite (Datasette opens it)."""
    from .dataset.exporting import FORMATS, export as export_dataset

    if fmt not in FORMATS:
        _console().print(f"[red]--format must be one of {', '.join(FORMATS)}[/red]")
        raise typer.Exit(EXIT_USAGE)
    try:
        export_dataset(dataset, fmt, out)
    except LkjipError as exc:
        _error(exc)
        raise typer.Exit(EXIT_FAILED)
    _console().print(f"wrote {out}")


@app.command()
@_interruptible
def verify(
    files: list[Path] = typer.Argument(..., help="Reports to check (.txt, .pdf, .docx, or report .json)."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="Exit 1 when a finding of this severity (error, warning) exists."),
) -> None:
    """Recompute every stated figure and print what does not add up."""
    from .verify.render import findings_table

    tune_for_extraction(preload=False)
    worst = {"error": 0, "warning": 0, "info": 0}
    status = 0
    for file in files:
        try:
            report = (Report.model_validate_json(file.read_text(encoding="utf-8")) if file.suffix == ".json"
                      else extract_report(file))
        except LkjipError as exc:
            _error(exc)
            status = EXIT_FAILED
            continue
        _console(True).print(findings_table(report))
        for f in report.findings:
            worst[f.severity] += 1
    if fail_on:
        levels = ["error"] if fail_on == "error" else ["error", "warning"]
        if any(worst[level] for level in levels):
            status = EXIT_FAILED
    raise typer.Exit(status)


@app.command()
@_interruptible
def report(
    path: Path = typer.Argument(..., help="A report (.txt, .pdf, .docx), a report .json, or a dataset folder (`lkjip build --out`)."),
    out: Path = typer.Option(Path("report"), "--out", help="Folder for the HTML pages, their assets and page crops."),
    lang: str = typer.Option("id", "--lang", help="Language of the pages: id (Indonesian) or en (English)."),
    ocr: Optional[bool] = typer.Option(None, "--ocr/--no-ocr", help="Force or forbid OCR of a PDF (a report file)."),
) -> None:
    """Write the verification pages: one static HTML page per report (figures, recomputations, provenance,
    findings, charts) and, for a dataset folder, an index of every report with each agency's series."""
    from .report import write_site
    from .report.labels import LANGUAGES

    if lang not in LANGUAGES:
        _console().print(f"[red]--lang must be one of {', '.join(LANGUAGES)}[/red]")
        raise typer.Exit(EXIT_USAGE)
    try:
        check_output(out)
        site = write_site(path, out, lang=lang, options=_options(ocr, None))
    except LkjipError as exc:
        _error(exc)
        raise typer.Exit(EXIT_USAGE if exc.code in USAGE_CODES else EXIT_FAILED)
    first = site.index or next(iter(site.pages.values()))
    _console().print(f"wrote {len(site.pages)} report page(s), {site.crops} page crop(s) and {site.series} series "
                  f"in {shown(out)}; open {shown(first)}", markup=False, highlight=False)


@app.command()
def codes(
    markdown: bool = typer.Option(False, "--markdown", help="Print the Markdown table the README carries."),
) -> None:
    """Print the catalogue of codes: errors (E…), warnings (W_…) and finding codes."""
    if markdown:
        sys.stdout.write(catalogue.markdown_table())
        return
    from rich.table import Table as RichTable

    table = RichTable(title="lkjip codes")
    for column in ("code", "kind", "severity", "meaning"):
        table.add_column(column, overflow="fold")
    for entry in catalogue.CATALOGUE:
        table.add_row(entry.code, entry.kind, entry.severity, entry.meaning)
    _console(True).print(table)


if __name__ == "__main__":
    app()
