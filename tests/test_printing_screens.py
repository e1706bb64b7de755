"""The screens that spare work in printings, numbers and assembly (issue 12) decide nothing: on every cell and
line of the corpus and of generated reports, each gives what the long way gives."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor import printings
from extractor.numbers import find_numbers
from extractor.read.text import text_to_lines
from extractor.tables import fold_label
from extractor.terbilang import figures_with_words
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


def _figures_with_words_long_way(text: str) -> list:
    from extractor.terbilang import _PAREN_WORDS, _clean_words, _leading_number_words, _unsigned, words_to_number
    found = []
    for start, end, figure in find_numbers(text):  # every figure built, those without words after dropped
        m = _PAREN_WORDS.match(text, end)
        if m and (leading := _leading_number_words(words := _clean_words(m.group("words")))):
            found.append((start, m.end(), _unsigned(figure), words, words_to_number(leading)))
    return found


def _cell_figures_long_way(text: str, mark) -> list:
    found = find_numbers(text, mark)
    rest = text
    for start, end, _ in reversed(found):
        rest = rest[:start] + rest[end:]
    return [] if printings.FILLER.sub("", rest) else [figure for _, _, figure in found]


def test_figures_built_only_where_kept_as_all_built(lines, cells):
    """Words in parentheses after a figure, a cell of figures alone: only the kept figures are built, and they are
    the figures the long way (every figure built, then the others dropped) keeps."""
    paragraphs = [" ".join(line.text for line in lines[i:i + 6]) for i in range(0, len(lines), 3)]
    texts = [t for t in cells + paragraphs if "(" in t] + ["63 (enam puluh tiga) orang", "-150.000.000 (seratus juta)"]
    assert sum(len(_figures_with_words_long_way(t)) for t in texts) > 100
    assert [figures_with_words(t) for t in texts] == [_figures_with_words_long_way(t) for t in texts]
    for mark in (None, ",", "."):
        got = [printings.cell_figures(c, mark) for c in cells]
        assert got == [_cell_figures_long_way(c, mark) for c in cells]
        assert sum(map(bool, got)) > 1000


def test_figures_validated_as_a_list_as_one_by_one(lines):
    """find_numbers validates a text's figures in one call: each is the Figure ``Figure(**fields)`` builds (values,
    fields set, serialisation), a fresh object each time."""
    from extractor.model import Figure
    from extractor.numbers import _scanned, _validated_figures
    fields = [f for line in lines for _, _, f in _scanned(line.text, None)]
    assert len(fields) > 10000
    got, expected = _validated_figures(fields), [Figure(**f) for f in fields]
    assert got == expected
    assert [f.model_fields_set for f in got] == [f.model_fields_set for f in expected]
    assert [f.model_dump_json() for f in got] == [f.model_dump_json() for f in expected]
    assert all(type(f) is Figure for f in got)
    assert _validated_figures(fields[:1])[0] is not _validated_figures(fields[:1])[0]
