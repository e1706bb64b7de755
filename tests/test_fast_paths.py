"""The screens that spare work (issue 12) decide nothing: on every line of the corpus and of generated reports,
each gives what the long way gives."""
from pathlib import Path

import pytest

from extractor import metadata, patterns, structure, yardsticks
from extractor.patterns import required_word
from extractor.read import cleaning
from extractor.read.base import Line
from extractor.read.text import text_to_lines
from synth.document import build
from synth.facts import generate
from synth.text import render_text

CORPUS = sorted((Path(__file__).parent.parent / "corpus").glob("*.txt"))


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in CORPUS] + [render_text(build(generate(seed))) for seed in range(3)]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


def _clean_long_way(text: str) -> str:
    steps, _ = cleaning.cleaners()
    for pattern, replacement in steps:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def test_cleaning_screen_changes_nothing(texts):
    pieces = [piece for text in texts for raw in text.splitlines() for piece in [raw, *raw.split("\t")]]
    pieces += ["<p>a</p> <p>b</p>", "(*Sembilan Puluh Rupiah*)", "$$y = a / b \\times 100 \\%$$", "__x__", "a_b"]
    assert cleaning._marks() is not None  # the patterns of normalize.yaml all start with a mark
    assert [cleaning.clean(p) for p in pieces] == [_clean_long_way(p) for p in pieces]


def test_cells_of_a_line_without_marks_cleaned_as_one_by_one(texts):
    rows = [raw for text in texts for raw in text.splitlines() if "\t" in raw]
    rows += ["a  *b*\tc", "<b>x</b>\t y ", "$x$\t1"]
    assert sum(1 for raw in rows if not cleaning._marks().search(raw)) > 100  # the screen spares most rows
    for raw in rows:
        cells = raw.split("\t")
        assert cleaning.clean_cells(cells, raw) == [cleaning.clean(cell) for cell in cells]


def test_heading_screen_changes_nothing(texts, monkeypatch):
    lines = [line for text in texts for line in text_to_lines(text)]
    lines += [Line(1, "", t) for t in ("BAB III AKUNTABILITAS", "kata pengantar", "3.2 Perbandingan", "A. Capaian Kinerja")]
    screened = [structure.match_heading(line) for line in lines]
    monkeypatch.setattr(structure, "_heading_screen", lambda: None)
    assert screened == [structure.match_heading(line) for line in lines]
    assert sum(1 for s in screened if s) > 50


def test_names_found_by_their_leading_words_as_by_the_whole_pattern(texts):
    heads, kinds = patterns.entry("report", "agency_heads"), list(metadata._report_words("region_kinds"))
    for text in texts:
        shouted = metadata._title_case_shouting(" ".join(text.replace("\t", " ").splitlines()))
        agency, region = metadata._agency_name(), metadata._region_name()
        assert [m.span() for m in metadata._matches(agency, shouted, heads)] == \
               [m.span() for m in agency.finditer(shouted)]
        assert [m.span() for m in metadata._matches(region, shouted, kinds, overlapped=True)] == \
               [m.span() for m in region.finditer(shouted, overlapped=True)]


def test_lower_phrases_screen_changes_nothing(texts, monkeypatch):
    said = ["Indikator Angka kematian ibu bersifat negatif: semakin rendah",
            "realisasinya semakin baik. Indikator Nilai SAKIP bersifat positif.", "polaritas negatif"]
    for text in texts + ["\n".join(said)]:
        prose = [line for line in text_to_lines(text) if not line.is_row]
        screened = yardsticks.lower_phrases(prose)
        monkeypatch.setattr(yardsticks, "_context_free", lambda pattern: False)
        assert screened == yardsticks.lower_phrases(prose)
        monkeypatch.undo()
    assert yardsticks.lower_phrases([Line(i, "", t) for i, t in enumerate(said, start=1)]) != []


def test_lines_found_by_one_search_of_them_all_as_one_by_one(texts):
    import regex

    lines = [line for text in texts for line in text_to_lines(text)]
    about = yardsticks.compiled(yardsticks.language()["efficiency_formula"]["line"], regex.I)
    wide = regex.compile(r"capaian\s+\w+", regex.I)  # matches run on over the end of a line in the joined text
    bounded = regex.compile(r"\bbaik\b", regex.I)  # not context-free: searched line by line
    for pattern in (about, wide, bounded):
        assert yardsticks.lines_matching(pattern, lines) == [line for line in lines if pattern.search(line.text)]
    assert len(yardsticks.lines_matching(about, lines)) > 20
    several = [Line(1, "", "efisiensi"), Line(2, "", "a\nb"), Line(3, "", "x efisiensi")]  # a text of two lines
    assert [line.number for line in yardsticks.lines_matching(about, several)] == [1, 3]


def test_lower_phrases_screen_holds_every_line_and_pair(texts, monkeypatch):
    proses = [[line for line in text_to_lines(text) if not line.is_row] for text in texts]
    proses.append([Line(1, "", "Indikator Angka kematian bersifat negatif: semakin rendah"),
                   Line(2, "", "realisasinya semakin baik."), Line(5, "", "Indikator lain")])
    for prose in proses:
        everything = yardsticks._lines_and_pairs(prose)
        pairs = [f"{a.text.rstrip()} {b.text.lstrip()}" for a, b in zip(prose, prose[1:]) if b.number == a.number + 1]
        assert all(piece in everything for piece in [line.text for line in prose] + pairs)
    screened = [yardsticks.lower_phrases(prose) for prose in proses]
    monkeypatch.setattr(yardsticks, "_context_free", lambda pattern: False)  # every line tried, one by one
    assert screened == [yardsticks.lower_phrases(prose) for prose in proses]
    assert screened[-1] == ["Indikator Angka kematian bersifat negatif: semakin rendah realisasinya semakin baik"]


def test_an_open_ended_formula_line_told_by_its_last_character_as_by_the_pattern(texts):
    import regex

    from extractor.tables import fold_label

    open_ended = regex.compile(r"[=\-−–—]\s*$")  # the long way: a line ending on "=" or a fraction bar
    folded = [fold_label(line.text) for text in texts for line in text_to_lines(text)]
    folded += [fold_label(t) for t in ("Capaian = ", "Capaian =\u00a0", "a –\x1f", "Realisasi\t-", "x — y")]
    assert [t.endswith(yardsticks.OPEN_ENDS) for t in folded] == [bool(open_ended.search(t)) for t in folded]
    assert sum(t.endswith(yardsticks.OPEN_ENDS) for t in folded) > 5
    fraction = [Line(1, "", "Capaian Kinerja ="), Line(2, "", "Realisasi – Target"), Line(3, "", "x 100%")]
    assert yardsticks.achievement_formulas(fraction)["lower_is_better"]["line"] == 1


def test_many_leading_words_found_by_one_search_even_inside_one_another():
    import regex

    heads = ["RSUD", "Dinas", "Satpol PP", "Puskesmas", "Badan", "Badan Pusat", "aa"]
    assert len(heads) > metadata.FEW_WORDS  # one search for them all
    pattern = regex.compile(r"(?:" + "|".join(heads) + r")\w*")
    text = "RSUDinas Satpol PPuskesmas Badan Pusat aaaa Dinas RSUD Badan"
    expected = [m.span() for m in pattern.finditer(text, overlapped=True)]
    assert [m.span() for m in metadata._matches(pattern, text, heads, overlapped=True)] == expected
    assert {(3, 8), (17, 26), (40, 43), (41, 43)} <= set(expected)  # "Dinas" in "RSUDinas", "Puskesmas" in "PPuskesmas", "aa" in "aaaa"


def told_rows_right(lines: list[Line]) -> bool:
    """Every line's row flag, told when it was made or given cells, is what its cells say now (the long way)."""
    return all(line.is_row == (line.cells is not None and len(line.cells) >= 2) for line in lines)


def test_row_flag_told_once_is_what_the_cells_say(texts):
    lines = [line for text in texts for line in text_to_lines(text)]
    assert told_rows_right(lines) and sum(line.is_row for line in lines) > 1000
    made = [Line(1, "", "", cells) for cells in (None, [], ["a"], ["a", "b"], ["x"] * 100)]
    assert [line.is_row for line in made] == [False, False, False, True, True] and told_rows_right(made)
    for line, cells in zip(made, (["a", "b"], ["a"], [], ["a", "b", "c"], ["y"])):
        line.set_cells(cells)
        assert line.text == "\t".join(cells)
    assert [line.is_row for line in made] == [True, False, False, True, False] and told_rows_right(made)


def test_table_blocks_found_passing_over_lines_that_open_none(texts, monkeypatch):
    lines_of = [text_to_lines(text) for text in texts]
    lines_of.append([Line(1, "", "**TABEL 3.1 Capaian**"), Line(2, "", "a\tb", ["a", "b"]), Line(3, "", "c\td", ["c", "d"]),
                     Line(4, "", "tabel\t2", ["tabel", "2"]), Line(5, "", "x\ty", ["x", "y"]), Line(6, "", "ｔａｂｅｌ 4")])
    screened = [structure.find_table_blocks(lines, structure.find_sections(lines)) for lines in lines_of]
    opening = [structure._may_open_table(lines) for lines in lines_of]
    for lines, found in zip(lines_of, opening):
        assert {k for k, line in enumerate(lines) if line.is_row or structure.match_caption(line)} <= set(found)
    assert sum(len(lines) - len(found) for lines, found in zip(lines_of, opening)) > 8000  # most lines passed over
    monkeypatch.setattr(structure, "_may_open_table", lambda lines: list(range(len(lines) + 1)))
    assert screened == [structure.find_table_blocks(lines, structure.find_sections(lines)) for lines in lines_of]
    assert sum(len(blocks) for blocks in screened) > 100


def test_rows_without_items_one_and_two_not_split_cell_by_cell(texts):
    from extractor import tables

    cells_of = [line.cells for text in texts for line in text_to_lines(text) if line.is_row]
    cells_of += [["1.A 2.B", "3 4"], ["1.A", "2.B"], ["١.A ٢.B", "3 4"], ["x", ""]]
    for cells in cells_of:
        row = tables.Row(list(cells), [])
        long_way = next((c for c, text in enumerate(row.cells) if len(tables._numbered_items(text)) >= 2), None)
        if long_way is None:
            assert tables.split_numbered_list(row) == [row]
        assert tables.is_column_number_row(cells) == _column_numbers_long_way(cells)
    assert len(tables.split_numbered_list(tables.Row(["1.A 2.B", "3 4"], []))) == 2


def _column_numbers_long_way(cells: list[str]) -> bool:
    values = [c.strip("() ") for c in cells if c.strip()]
    if len(values) < 3 or not all(v.isdigit() and len(v) <= 2 for v in values):
        return False
    numbers = [int(v) for v in values]
    return numbers == sorted(numbers) and numbers[0] <= 2


def _parsed_tables(texts):
    from extractor import tables

    for text in texts:
        lines = text_to_lines(text)
        for block in structure.find_table_blocks(lines, structure.find_sections(lines)):
            for part in tables.split_stacked(block):
                yield tables.parse_table(part)


def test_figures_of_a_column_counted_from_its_values_as_from_its_cells(texts):
    from extractor import column_proof

    compared = 0
    for table in _parsed_tables(texts):
        for col in table.columns:
            values = [column_proof._value(r.cells[col.index]) if col.index < len(r.cells) else None for r in table.rows]
            assert column_proof._numeric(table, col, values) == column_proof._numeric(table, col)
            compared += 1
    assert compared > 500


def test_stacked_tables_cut_under_the_last_line_of_text_above_a_header(texts, monkeypatch):
    from extractor import tables

    def long_way(block):  # the title: the last of the lines of text between the row and the one above it
        header, start = tables.split_header(block.rows)
        if not header:
            return [block]
        seen = {tables._row_key(h) for h in header}
        between = sorted(block.text_between, key=lambda line: line.number)
        for k in range(start + 1, len(block.rows)):
            row, previous = block.rows[k], block.rows[k - 1]
            titles = [line for line in between if previous.number < line.number < row.number]
            cells = row.cells or []
            if not titles or not tables._opens_header(cells) or tables._row_key(cells) in seen \
                    or tables._same_columns(header[0], cells):
                continue
            return [k, titles[-1].number]
        return [block]

    blocks = [b for text in texts for lines in [text_to_lines(text)]
              for b in structure.find_table_blocks(lines, structure.find_sections(lines))]
    from test_tables import STACKED  # a budget table, then a title and an action plan's header under it

    lines = text_to_lines(STACKED.replace("\nMATRIKS", "\nCatatan\nMATRIKS"))  # two lines of text between
    blocks += structure.find_table_blocks(lines, structure.find_sections(lines))
    cut = 0
    for block in blocks:
        parts, expected = tables.split_stacked(block), long_way(block)
        if len(parts) > 1:
            cut += 1
            assert [len(parts[0].rows), parts[1].line] == expected
        else:
            assert expected == [block]
    assert cut >= 1


def test_plain_lines_made_as_the_long_way_makes_them(texts, monkeypatch):
    from extractor.read import text as text_reader

    odd = "a  b\t\nplain  text \n| x | y |\n*emph* here\n\u00a0nbsp\u2009thin\n\x1cfs\nlast"
    made = [text_to_lines(text) for text in texts + [odd]]
    assert text_reader._special() is not None
    monkeypatch.setattr(text_reader, "_special", lambda: None)  # every line the long way
    assert made == [text_to_lines(text) for text in texts + [odd]]


def test_formula_lines_screened_as_every_line_folded(texts, monkeypatch):
    from extractor.tables import fold_label

    formula_line = yardsticks.compiled(yardsticks.language()["achievement_formula"]["line"])
    word = required_word(formula_line).lower()
    odd = ["C A P A I A N = R e a l i s a s i", "Capaian\u00a0=\u00a0Realisasi / Target", "CAPAIAN KINERJA -",
           "c a p", "a i a n =", "x\u2028y", "Capaian\u00a0-\u00a0", "capai", "an", "", "  "]
    screened = 0
    for texts_of in [[line.text for line in text_to_lines(text) if not line.is_row] for text in texts] + [odd]:
        folded = [fold_label(t) for t in texts_of]
        wanted = {k for k, t in enumerate(folded) if t.endswith(yardsticks.OPEN_ENDS) or formula_line.search(t)}
        found = yardsticks._may_state_formula(texts_of, word)
        assert wanted <= set(found) and list(found) == sorted(set(found))
        screened += len(texts_of) - len(found)
    assert word == "capaian" and screened > 3000  # most lines are not folded
    assert yardsticks._may_state_formula(odd, word) == [0, 1, 2, 3, 4, 6]
    fraction = [Line(1, "", "Capaian Kinerja ="), Line(2, "", ""), Line(3, "", "Realisasi – Target"), Line(4, "", "x 100%")]
    for prose in [[line for line in text_to_lines(text) if not line.is_row] for text in texts] + [fraction]:
        found = yardsticks.achievement_formulas(prose)
        monkeypatch.setattr(yardsticks, "_may_state_formula", lambda texts, word: range(len(texts)))
        assert found == yardsticks.achievement_formulas(prose)
        monkeypatch.undo()
    assert yardsticks.achievement_formulas(fraction)["lower_is_better"]["line"] == 1


def test_letter_spaced_text_has_a_space_second(texts):
    from extractor import tables

    folded = [" ".join(t.lower().split()) for text in texts for t in text.splitlines()] + ["a b c", "ab c", "a  b", "a"]
    assert [tables._closed_up(t) for t in folded] == \
           [tables.SPACED_LETTER.sub(r"\1", t) if tables.LETTER_SPACED.fullmatch(t) else t for t in folded]
