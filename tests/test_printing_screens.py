"""The screens that spare work in printings, numbers and assembly (issue 12) decide nothing: on every cell and
line of the corpus and of generated reports, each gives what the long way gives."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor import printings
from extractor.read.text import text_to_lines
from extractor.tables import fold_label
from synth.document import build
from synth.facts import generate
from synth.text import render_text

CORPUS = sorted((Path(__file__).parent.parent / "corpus").glob("*.txt"))
HAND = ["J U M L A H", "  jumlah total", "TOTAL BELANJA LANGSUNG", "Total Anggaran Rp. 1.000", "Sub Total",
        "Jumlah Dokumen", "\tT O T A L", "İJUMLAH", "ｊumlah", "Σ", "", " ", "1. Jumlah", "- JUMLAH", "*Jumlah*"]


@pytest.fixture(scope="module")
def lines() -> list:
    texts = [p.read_text(encoding="utf-8") for p in CORPUS] + [render_text(build(generate(s))) for s in range(3)]
    return [line for text in texts for line in text_to_lines(text)]


@pytest.fixture(scope="module")
def cells(lines) -> list[str]:
    found = {piece for line in lines for piece in [line.text, *(line.cells or ())]}
    return sorted(found) + HAND


def _total_label_long_way(text: str) -> bool:
    folded = fold_label(text)
    return (bool(printings.row_labels()["total"].match(folded))
            and len(printings.NOT_A_LETTER.sub("", folded)) <= printings.MAX_TOTAL_LABEL)


def test_total_label_screen_changes_nothing(cells):
    screened_out = [c for c in cells if not printings.may_open_total(c.lstrip()[:1])]
    assert len(screened_out) > len(cells) // 2  # the screen spares most cells
    assert not any(_total_label_long_way(c) for c in screened_out)
    assert [printings.is_total_label(c) for c in cells] == [_total_label_long_way(c) for c in cells]
    assert sum(map(printings.is_total_label, cells)) > 10


def _total_row_long_way(cells: tuple[str, ...]) -> bool:
    first = next((c for c in cells if c.strip() and not printings.ROW_NUMBER.fullmatch(c.strip())), "")
    return _total_label_long_way(first) or any(
        _total_label_long_way(c) and printings.is_bare_total(c) for c in cells if c.strip())


def test_total_row_screen_changes_nothing(lines):
    rows = {tuple(line.cells) for line in lines if line.is_row}
    rows |= {(c, *row[1:]) for row in list(rows)[:500] for c in HAND}  # a total label first, before others
    rows |= {(*row[:2], c) for row in list(rows)[:500] for c in HAND}  # a bare total after the first label
    rows = sorted(rows)
    assert [printings._is_total_row.__wrapped__(row) for row in rows] == [_total_row_long_way(row) for row in rows]
    assert sum(map(_total_row_long_way, rows)) > 100

