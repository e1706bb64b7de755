"""The pipeline, as the list of its stages: read → structure → tables → column proof → classify → printings →
yardsticks → assemble → plausibility → verify.

``extract(path)`` is what researchers import: it returns a :class:`~extractor.model.Report`.
Problems met on the way are recorded in the report (``warnings``, ``errors``, ``status``); only input
that cannot be a report at all raises a typed :class:`~extractor.errors.LkjipError`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from . import assemble, outcome, plausibility
from .classify import classify
from .column_proof import prove_all
from .errors import NotAReport
from .metadata import find_metadata, looks_like_report
from .model import Page, Report, Source
from .printings import PrintedTable, read_printings
from .read import read_document
from .read.base import Document
from .structure import find_sections, find_table_blocks, is_listing
from .tables import ParsedTable, join_headless, parse_table, split_stacked
from .verify import verify_report
from .yardsticks import Yardsticks, find_yardsticks


@dataclass
class Options:
    """Settings of one run. ``ocr``: None = detect scans, True = force OCR, False = never; ``workers``:
    pages OCR'd at once (threads, each driving one Tesseract process; the result does not depend on it)."""

    ocr: bool | None = None
    workers: int = 1
    verify: bool = True
    debug_dir: Path | None = None


def extract(path: str | Path, options: Options | None = None) -> Report:
    """Given a report file (.txt, .pdf, .docx), return its :class:`Report`."""
    options = options or Options()
    document = read_document(Path(path), ocr=options.ocr, workers=options.workers)
    return extract_document(document, options)


def extract_document(document: Document, options: Options | None = None) -> Report:
    """Run every stage after reading on an already read :class:`Document`."""
    options = options or Options()
    report, printed, sections = assemble_document(document)
    if options.verify:
        verify_report(report, document, printed, sections)
    if options.debug_dir:
        _dump_debug(options.debug_dir, document, sections, printed, report)
    return report


def assemble_document(document: Document) -> tuple[Report, list[PrintedTable], list]:
    """The stages up to assembly: the report (not yet verified), its tables' printings, each line's section."""
    text = "\n".join(line.text for line in document.lines)
    if not looks_like_report(text):
        raise NotAReport(document.path, "no LKjIP vocabulary found (laporan kinerja, sasaran strategis, "
                                        "indikator kinerja, realisasi …); is this a performance report?")
    sections, tables = find_tables(document)
    agency, region, year = find_metadata(document.lines)
    printed = read_printings(tables, document.path, year)
    yardsticks = find_yardsticks(document.lines, printed)
    return _assemble(document, sections, printed, yardsticks, agency, region, year), printed, sections


def find_tables(document: Document) -> tuple[list, list[ParsedTable]]:
    """The structure stages: each line's section, and the tables parsed and classified."""
    sections = find_sections(document.lines)
    blocks = [part for block in find_table_blocks(document.lines, sections) for part in split_stacked(block)]
    tables = join_headless([parse_table(block) for block in blocks])
    prove_all(tables)
    for table in tables:
        table.kind = classify(table)
        assemble.adjust_budget_columns(table)
    return sections, tables


def _assemble(document: Document, sections, tables: list[PrintedTable], yardsticks: Yardsticks,
              agency, region, year) -> Report:
    path = document.path
    indicators, goals, objectives = assemble.build_indicators(tables, year, yardsticks)
    programs, by_objective = assemble.build_programs(tables)
    assemble.attach_allocations(objectives, by_objective)
    budget = assemble.build_budget(tables, document.lines, sections, path)
    source = Source(path=path, sha256=document.sha256, format=document.format, encoding=document.encoding,
                    pages=len(document.pages) or None, lines=len(document.lines))
    pages = [Page(number=p.number, chars=p.chars, table_rows=p.table_rows, ocr_confidence=p.ocr_confidence,
                  note=p.note) for p in document.pages]
    report = Report(source=source, pages=pages, agency=agency, region=region, report_year=year, goals=goals,
                    objectives=objectives, indicators=indicators, programs=programs, budget=budget,
                    tables=[assemble.to_table_record(t) for t in tables],
                    scales=yardsticks.scales([i.name for i in indicators if i.polarity == "lower_is_better"]))
    assumptions = [(t.line, text) for t in tables for text in t.assumptions]
    issues = outcome.reading_issues(document, [t.table for t in tables], assumptions)
    issues += plausibility.check(report, document.lines, sections, [t.table for t in tables])
    return outcome.settle(report, issues)


def _dump_debug(directory: Path, document: Document, sections, printed: list[PrintedTable], report: Report) -> None:
    """Write each stage's output (lines, sections, tables, printings) as JSON for inspection (``--debug-dir``)."""
    tables = [t.table for t in printed]
    directory = Path(directory) / Path(document.path).stem
    directory.mkdir(parents=True, exist_ok=True)
    lines = [{"n": l.number, "page": l.page, "cells": l.cells, "text": l.text,
              "section": (s.kind, s.number, s.chapter) if s else None, "listing": is_listing(s)}
             for l, s in zip(document.lines, sections)]
    parsed = [{"caption": t.block.caption, "kind": t.kind, "line": t.block.line, "header": t.header,
               "columns": [c.key for c in t.columns], "rows": [{"lines": [l.number for l in r.lines],
                                                                 "cells": r.cells} for r in t.rows]}
              for t in tables]
    printings = [{"table": p.table, "row": p.row, "field": p.field, "year": p.year, "raw": p.raw,
                  "value": str(p.figure.value) if p.figure and p.figure.value is not None else None,
                  "decimals": p.figure.decimals if p.figure else None, "line": p.provenance.line}
                 for t in printed for p in t.printings()]
    for name, data in (("1_lines.json", lines), ("2_tables.json", parsed), ("3_printings.json", printings)):
        (directory / name).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    (directory / "4_report.json").write_text(report.model_dump_json(indent=1), encoding="utf-8")
