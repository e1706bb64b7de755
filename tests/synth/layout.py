"""Seeded layout choices of a synthetic report: where captions go, which header words, how headers stack.

Two families keep tuning and measurement apart: family A (seeds below ``facts.HELD_OUT_FROM``) and the
held-out family B, which draws header labels of ``vocabulary.FAMILY_B_HEADERS`` that family A never
uses (many of them unknown to ``patterns/columns.yaml``, as in real reports), puts captions under
tables more often and footnotes under most tables.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from . import vocabulary as vocab


@dataclass
class Layout:
    caption_before: bool = True           # "Tabel 3.1 …" above the table, else below it
    caption_word: str = "Tabel"
    labels: dict[str, str] = field(default_factory=dict)   # field → printed header label
    stacked_header: bool = False          # "Target" / "Tahun" / "2022" over three header rows
    column_numbers: bool = False          # a row "1 2 3 …" under the header
    merged_objective: bool = True         # the sasaran cell spans its indicators' rows
    repeat_header: bool = True            # a table broken over pages repeats its header rows
    landscape_measurement: bool = False   # the measurement table on a landscape page
    measurement_columns: list[str] = field(default_factory=list)  # optional fields beyond the core ones
    comparison_table: bool = True         # realisations of earlier years in a table of their own
    plan_table: bool = True               # the Perjanjian Kinerja table (targets) in chapter II
    footnotes: bool = False               # "Sumber: …" / "*) …" under tables
    percent_in_cells: bool = True         # "75,07%" rather than "75,07" under a "(%)" header
    rupiah_prefix: str = "Rp. "           # "Rp. ", "Rp", "" (then the header says "(Rp)")
    rupiah_suffix: str = ""               # ",-" or ",00" sometimes
    program_numbering: str = "decimal"    # "decimal" (1, 1.1, 1.1.1), "roman" (I, a, 1) or "none" on budget rows
    running_header: bool = True           # agency name in the page header, "Halaman N" in the footer
    filler_paragraphs: int = 2            # paragraphs of prose per section (to push tables over pages)
    performance_budget_table: bool = False  # a "kinerja dan anggaran" table: sasaran and program indicators beside budgets


# optional measurement-table columns and how often a report has each (6 to 20 columns in all)
_OPTIONAL_COLUMNS = {"unit": 0.5, "predicate": 0.5, "description": 0.5, "renstra_target": 0.4, "history": 0.4,
                     "quarters": 0.25, "formula": 0.25, "data_source": 0.25, "renstra_achievement": 0.25,
                     "responsible": 0.2}


def draw_layout(seed: int, family: str) -> Layout:
    """The layout of report ``seed``; family B draws labels and shapes family A never uses."""
    rng = random.Random(f"lkjip-layout-{seed}")
    labels = {}
    for name, options in vocab.HEADERS.items():
        pool = list(options) + (vocab.FAMILY_B_HEADERS.get(name, []) if family == "B" else [])
        if family == "B" and name in vocab.FAMILY_B_HEADERS and rng.random() < 0.6:
            pool = vocab.FAMILY_B_HEADERS[name]
        labels[name] = rng.choice(pool)
    extra = [c for c, chance in _OPTIONAL_COLUMNS.items() if rng.random() < chance]
    layout = Layout(
        caption_before=rng.random() < (0.8 if family == "A" else 0.4),
        caption_word=rng.choice(["Tabel", "Tabel", "TABEL"]),
        labels=labels,
        stacked_header=rng.random() < 0.4,
        column_numbers=rng.random() < 0.4,
        merged_objective=rng.random() < 0.7,
        repeat_header=rng.random() < 0.6,
        landscape_measurement=rng.random() < 0.35,
        measurement_columns=extra,
        comparison_table=rng.random() < 0.6,
        plan_table=rng.random() < 0.8,
        footnotes=rng.random() < (0.3 if family == "A" else 0.8),
        percent_in_cells=rng.random() < 0.7,
        rupiah_prefix=rng.choice(["Rp. ", "Rp", "Rp ", ""]),
        rupiah_suffix=rng.choice(["", "", ",-", ",00"]),
        program_numbering=rng.choice(["decimal", "decimal", "none"] + (["roman", "roman"] if family == "B" else [])),
        running_header=rng.random() < 0.8,
        filler_paragraphs=rng.randint(1, 4),
        performance_budget_table=rng.random() < 0.4,
    )
    return layout
