"""A synthetic report as a list of blocks (headings, paragraphs, tables), the same for every renderer.

``build(facts)`` turns :class:`~tests.synth.facts.ReportFacts` and their layout into blocks; renderers
(text, docx) only decide how blocks look. Header cells carry their spans, so a renderer can merge them
(docx) or fill them out with empty cells (tab text).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import vocabulary as vocab
from .facts import BudgetLine, IndicatorFacts, ReportFacts
from .spelling import number, words


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Para:
    text: str
    bold: bool = False
    center: bool = False


@dataclass
class PageBreak:
    pass


@dataclass
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1      # > 1 on the first cell of a vertical merge; covered cells are ``None`` in the grid
    bold: bool = False


@dataclass
class Table:
    caption: str
    header: list[list[Cell | None]]   # a grid: ``None`` where a spanning cell covers the slot
    body: list[list[Cell | None]]
    kind: str                          # plan, measurement, comparison, scale, program
    landscape: bool = False
    caption_before: bool = True
    footnote: str | None = None
    header_rows_repeat: bool = True

    @property
    def width(self) -> int:
        return len(self.header[0])


Block = Heading | Para | PageBreak | Table


# ----------------------------------------------------------------------------------------------- figures

def figure(value: Decimal, decimals: int, percent: bool) -> str:
    return number(value, decimals) + ("%" if percent else "")


def rupiah(value: Decimal, facts: ReportFacts, cell: bool = True) -> str:
    layout = facts.layout
    prefix = layout.rupiah_prefix if cell else "Rp. "
    return f"{prefix}{number(value)}{layout.rupiah_suffix if cell else ',-'}"


def _measure_cells(ind: IndicatorFacts, facts: ReportFacts) -> dict[str, str]:
    percent = ind.percent and facts.layout.percent_in_cells
    cur = ind.current
    cells = {
        "target": figure(cur.target, ind.decimals, percent),
        "realization": figure(cur.realization, ind.decimals, percent),
        "achievement": figure(cur.achievement, 2, facts.layout.percent_in_cells),
        "unit": ind.unit,
        "predicate": ind.predicate,
        "description": "Tercapai" if cur.achievement >= 100 else "Belum tercapai",
    }
    renstra = cur.target * (Decimal("0.9") if ind.lower_is_better else Decimal("1.1"))   # target akhir Renstra
    cells["renstra_target"] = figure(renstra, ind.decimals, percent)
    for m in ind.history:
        cells[f"history_{m.year}"] = figure(m.realization, ind.decimals, percent)
    for k, share in enumerate(("0.55", "0.7", "0.85", "1")):
        cells[f"quarter_{k}"] = figure(cur.realization * Decimal(share), ind.decimals, percent)
    if ind.fourth_quarter is not None:
        cells["quarter_3"] = figure(ind.fourth_quarter, ind.decimals, percent)
    cells["renstra_achievement"] = figure(cur.realization / renstra * 100, 2, facts.layout.percent_in_cells)
    cells["responsible"] = vocab.RESPONSIBLE[len(ind.name) % len(vocab.RESPONSIBLE)]
    cells["formula"] = vocab.FORMULA.get(ind.unit, vocab.FORMULA["default"])
    cells["data_source"] = vocab.DATA_SOURCES[len(ind.name) % len(vocab.DATA_SOURCES)]
    return cells


# ----------------------------------------------------------------------------------------------- tables

def _flat_header(labels: list[str]) -> list[list[Cell | None]]:
    return [[Cell(label, bold=True) for label in labels]]


def _grid_header(columns: list[tuple[str, str, str]]) -> list[list[Cell | None]]:
    """A three-row header from (top, middle, bottom) labels per column: "Target" / "Tahun" / "2022".

    A column with no middle label spans all three rows; one with no bottom label spans two. Neighbouring
    columns with the same top label (and a middle one) share one merged top cell.
    """
    rows: list[list[Cell | None]] = [[], [], []]
    i = 0
    while i < len(columns):
        top, middle, bottom = columns[i]
        if not middle:
            rows[0].append(Cell(top, rowspan=3, bold=True))
            rows[1].append(None)
            rows[2].append(None)
            i += 1
            continue
        j = i
        while j < len(columns) and columns[j][0] == top and columns[j][1]:
            j += 1
        rows[0].append(Cell(top, colspan=j - i, bold=True))
        rows[0].extend([None] * (j - i - 1))
        for _, middle, bottom in columns[i:j]:
            rows[1].append(Cell(middle, bold=True, rowspan=1 if bottom else 2))
            rows[2].append(Cell(bottom, bold=True) if bottom else None)
        i = j
    return rows


def _numbers_row(width: int) -> list[Cell | None]:
    return [Cell(str(n + 1)) for n in range(width)]


def _caption(facts: ReportFacts, counter: list[int], title: str) -> str:
    counter[0] += 1
    return f"{facts.layout.caption_word} {counter[0]} {title}"


def measurement_columns(facts: ReportFacts) -> list[tuple[str, str]]:
    """(field, label) of the measurement table's columns, in order."""
    layout, labels, year = facts.layout, facts.layout.labels, facts.year
    columns = [("number", labels["number"]), ("objective", labels["objective"]), ("indicator", labels["indicator"])]
    if "formula" in layout.measurement_columns:
        columns.append(("formula", labels["formula"]))
    if "unit" in layout.measurement_columns:
        columns.append(("unit", labels["unit"]))
    if "history" in layout.measurement_columns:
        columns += [(f"history_{m.year}", f"{labels['realization']} {m.year}") for m in facts.indicators[0].history]
    if "quarters" in layout.measurement_columns:
        columns += [(f"quarter_{k}", f"{labels['quarters']} {q}") for k, q in enumerate(vocab.QUARTERS)]
    columns += [("target", labels["target"]), ("realization", labels["realization"]),
                ("achievement", labels["achievement"])]
    if "predicate" in layout.measurement_columns:
        columns.append(("predicate", labels["predicate"]))
    if "renstra_target" in layout.measurement_columns:
        columns.append(("renstra_target", labels["renstra_target"]))
    if "renstra_achievement" in layout.measurement_columns:
        columns.append(("renstra_achievement", labels["renstra_achievement"]))
    if "responsible" in layout.measurement_columns:
        columns.append(("responsible", labels["responsible"]))
    if "data_source" in layout.measurement_columns:
        columns.append(("data_source", labels["data_source"]))
    if "description" in layout.measurement_columns:
        columns.append(("description", labels["description"]))
    return columns


def measurement_table(facts: ReportFacts, caption: str) -> Table:
    layout, year = facts.layout, facts.year
    columns = measurement_columns(facts)
    if layout.stacked_header:
        spec = []
        for fld, label in columns:
            if fld in ("target", "realization"):
                spec.append((label, "Tahun", str(year)))
            elif fld == "achievement":
                spec.append((label, str(year), ""))
            elif fld.startswith("history_"):
                spec.append((layout.labels["realization"], "Tahun", fld.split("_")[1]))
            elif fld.startswith("quarter_"):
                spec.append((layout.labels["quarters"], vocab.QUARTERS[int(fld.split("_")[1])], ""))
            else:
                spec.append((label, "", ""))
        header = _grid_header(spec)
    else:
        header = _flat_header([f"{label} {year}" if fld in ("target", "realization") else label
                               for fld, label in columns])
    if layout.column_numbers:
        header.append(_numbers_row(len(columns)))
    body: list[list[Cell | None]] = []
    n = 0
    for o, objective in enumerate(facts.objectives, 1):
        for k, ind in enumerate(objective.indicators):
            n += 1
            cells = _measure_cells(ind, facts)
            row: list[Cell | None] = []
            for fld, _ in columns:
                if fld == "number":
                    row.append(Cell(f"{n}." if not layout.merged_objective else f"{o}." if k == 0 else ""))
                elif fld == "objective":
                    if layout.merged_objective:
                        row.append(Cell(objective.name, rowspan=len(objective.indicators)) if k == 0 else None)
                    else:
                        row.append(Cell(objective.name))
                elif fld == "indicator":
                    row.append(Cell(ind.name))
                else:
                    row.append(Cell(cells[fld]))
            body.append(row)
    footnote = ("Sumber: data diolah, " + str(year + 1)) if layout.footnotes else None
    return Table(caption, header, body, "measurement", layout.landscape_measurement, layout.caption_before,
                 footnote, layout.repeat_header)


def plan_table(facts: ReportFacts, caption: str) -> Table:
    labels = facts.layout.labels
    header = _flat_header([labels["number"], labels["objective"], labels["indicator"], f"{labels['target']} {facts.year}"])
    body = []
    for n, objective in enumerate(facts.objectives, 1):
        for k, ind in enumerate(objective.indicators):
            percent = ind.percent and facts.layout.percent_in_cells
            body.append([Cell(f"{n}." if k == 0 else ""),
                         (Cell(objective.name, rowspan=len(objective.indicators)) if k == 0 else None)
                         if facts.layout.merged_objective else Cell(objective.name),
                         Cell(ind.name), Cell(figure(ind.plan_target, ind.decimals, percent))])
    return Table(caption, header, body, "plan", caption_before=facts.layout.caption_before)


def comparison_table(facts: ReportFacts, caption: str) -> Table:
    labels = facts.layout.labels
    years = [m.year for m in facts.indicators[0].history] + [facts.year]
    header = _flat_header([labels["number"], labels["indicator"]] + [f"{labels['realization']} {y}" for y in years])
    body = []
    for n, ind in enumerate(facts.indicators, 1):
        percent = ind.percent and facts.layout.percent_in_cells
        values = [m.realization for m in ind.history] + [ind.compared_realization or ind.current.realization]
        body.append([Cell(f"{n}."), Cell(ind.name)] + [Cell(figure(v, ind.decimals, percent)) for v in values])
    footnote = "*) realisasi tahun sebelumnya sesuai LKjIP tahun berkenaan" if facts.layout.footnotes else None
    return Table(caption, header, body, "comparison", caption_before=facts.layout.caption_before, footnote=footnote)


def scale_table(facts: ReportFacts, caption: str) -> Table:
    bands = vocab.PREDICATE_SCALES[facts.scale]
    body = []
    upper = None
    for name, minimum in bands:
        if minimum is None:
            text = f"< {upper}%"
        elif upper is None:
            text = f"≥ {minimum}%"
        else:
            text = f"{minimum}% s.d < {upper}%"
        body.append([Cell(text), Cell(name)])
        upper = minimum
    return Table(caption, _flat_header(["Rentang Capaian", "Predikat"]), body, "scale",
                 caption_before=facts.layout.caption_before)


_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def _row_number(style: str, *path: int) -> str:
    """The number printed on a program (1 / I), kegiatan (1.1 / a) or sub-kegiatan (1.1.1 / 1) row."""
    if style == "none":
        return ""
    if style == "roman":
        level = len(path)
        return _ROMAN[path[0] - 1] if level == 1 else "abcdefghij"[path[1] - 1] if level == 2 else str(path[2])
    return ".".join(map(str, path))


def _budget_row(facts: ReportFacts, line: BudgetLine, number_text: str, bold: bool) -> list[Cell | None]:
    absorption = figure(line.absorption, 2, facts.layout.percent_in_cells)
    return [Cell(number_text, bold=bold), Cell(line.name, bold=bold),
            Cell(rupiah(line.allocation, facts), bold=bold), Cell(rupiah(line.realization, facts), bold=bold),
            Cell(absorption, bold=bold)]


def program_table(facts: ReportFacts, caption: str) -> Table:
    labels = facts.layout.labels
    header = _flat_header([labels["number"], labels["program"], labels["allocation"], labels["budget_realization"],
                           labels["absorption"]])
    if facts.layout.column_numbers:
        header.append(_numbers_row(5))
    body = []
    style = facts.layout.program_numbering
    for p, program in enumerate(facts.programs, 1):
        body.append(_budget_row(facts, program, _row_number(style, p), True))
        for k, activity in enumerate(program.children, 1):
            body.append(_budget_row(facts, activity, _row_number(style, p, k), False))
            for s, sub in enumerate(activity.children, 1):
                body.append(_budget_row(facts, sub, _row_number(style, p, k, s), False))
    budget = facts.budget
    body.append([Cell(""), Cell("Jumlah", bold=True), Cell(rupiah(budget.total_allocation, facts), bold=True),
                 Cell(rupiah(budget.total_realization, facts), bold=True),
                 Cell(figure(budget.absorption, 2, facts.layout.percent_in_cells), bold=True)])
    footnote = "Sumber: Laporan Realisasi Anggaran " + str(facts.year) if facts.layout.footnotes else None
    return Table(caption, header, body, "program", caption_before=facts.layout.caption_before, footnote=footnote,
                 header_rows_repeat=facts.layout.repeat_header)


def performance_budget_table(facts: ReportFacts, caption: str) -> Table:
    """Tujuan/Sasaran/Program rows with their indicators' target, realisasi, capaian beside the budget
    (program rows only): the program indicators here are program-level, not the agency's IKU."""
    labels, pct = facts.layout.labels, facts.layout.percent_in_cells
    header = [[Cell("Sasaran / Program", rowspan=2, bold=True), Cell(labels["indicator"], rowspan=2, bold=True),
               Cell("Kinerja", colspan=3, bold=True), None, None, Cell("Anggaran", colspan=3, bold=True), None, None],
              [None, None, Cell(labels["target"], bold=True), Cell(labels["realization"], bold=True),
               Cell("Capaian (%)", bold=True), Cell("Alokasi", bold=True), Cell("Realisasi", bold=True),
               Cell("Capaian (%)", bold=True)]]
    body: list[list[Cell | None]] = []

    def measures(ind: IndicatorFacts) -> list[Cell | None]:
        percent = ind.percent and pct
        cur = ind.current
        return [Cell(ind.name), Cell(figure(cur.target, ind.decimals, percent)),
                Cell(figure(cur.realization, ind.decimals, percent)), Cell(figure(cur.achievement, 2, pct))]

    for objective in facts.objectives:
        for k, ind in enumerate(objective.indicators):
            first = (Cell(f"Sasaran: {objective.name}", rowspan=len(objective.indicators)) if k == 0 else None)
            body.append([first, *measures(ind), Cell(""), Cell(""), Cell("")])
    for program in facts.programs:
        body.append([Cell(f"Program: {program.name.removeprefix('Program ')}"), *measures(program.outcome),
                     Cell(rupiah(program.allocation, facts)), Cell(rupiah(program.realization, facts)),
                     Cell(figure(program.absorption, 2, pct))])
    return Table(caption, header, body, "performance_budget", landscape=True,
                 caption_before=facts.layout.caption_before, header_rows_repeat=facts.layout.repeat_header)


# ----------------------------------------------------------------------------------------------- prose



def _filler(facts: ReportFacts, k: int) -> list[Para]:
    return [Para(vocab.FILLER[(k + i) % len(vocab.FILLER)]) for i in range(facts.layout.filler_paragraphs)]


def _amount_words(value: Decimal) -> str:
    return f"({words(value)} rupiah)"


def _count_words(n: int) -> str:
    return f"{n} ({words(Decimal(n))})"


def _narrative(ind: IndicatorFacts, facts: ReportFacts) -> Para:
    percent = ind.percent
    cur = ind.current
    stated = facts.narrative.get(ind.name, cur.realization)
    return Para(f"Indikator {ind.name}: target yang ditetapkan tahun {facts.year} adalah "
                f"{figure(cur.target, ind.decimals, percent)} {'' if percent else ind.unit}, realisasi sebesar "
                f"{figure(stated, ind.decimals, percent)} {'' if percent else ind.unit}, "
                f"dengan capaian kinerja {figure(cur.achievement, 2, True)}.".replace("  ", " ").replace(" ,", ","))


def build(facts: ReportFacts) -> list[Block]:
    """The blocks of report ``facts``, in reading order."""
    from . import appendix
    upper_agency, year, budget = facts.agency.upper(), facts.year, facts.budget
    region_name = facts.region.partition(" ")[2]
    head = "PEMERINTAH " + facts.region.upper()
    blocks: list[Block] = [
        Para("LAPORAN KINERJA INSTANSI PEMERINTAH", bold=True, center=True),
        Para(f"(LKjIP) TAHUN {year}", bold=True, center=True),
        Para(upper_agency, bold=True, center=True),
        Para(head, bold=True, center=True),
        Para(str(year + 1), bold=True, center=True),
        PageBreak(),
        Heading("KATA PENGANTAR"),
        Para(f"Puji syukur kita panjatkan ke hadirat Tuhan Yang Maha Esa, sehingga Laporan Kinerja Instansi Pemerintah "
             f"(LKjIP) {facts.agency} {facts.region} Tahun {year} dapat diselesaikan tepat waktu."),
        *_filler(facts, 0),
        Heading("BAB I PENDAHULUAN"),
        Heading("1.1 Latar Belakang", 2),
        *_filler(facts, 1),
        Heading("BAB II PERENCANAAN KINERJA"),
        Heading("2.1 Rencana Strategis", 2),
        Para(f"Rencana Strategis {facts.agency} {facts.region} menetapkan "
             f"{_count_words(facts.annex.counts['objective'])} sasaran strategis dengan {_count_words(facts.claimed_indicators)} indikator kinerja utama."),
        appendix.levels_para(facts),
    ]
    counter = [0]
    if facts.layout.plan_table:
        blocks += [Heading("2.2 Perjanjian Kinerja", 2),
                   Para(f"Perjanjian kinerja {facts.agency} tahun {year} adalah sebagai berikut:"),
                   plan_table(facts, _caption(facts, counter, f"Perjanjian Kinerja Tahun {year}"))]
    lower = [i for i in facts.indicators if i.lower_is_better]
    blocks += [
        Heading("BAB III AKUNTABILITAS KINERJA"),
        Heading("3.1 Capaian Kinerja Organisasi", 2),
        Para("Capaian kinerja = realisasi / target × 100%."),
        Para("Predikat capaian kinerja ditetapkan dengan skala sebagai berikut:"),
        scale_table(facts, _caption(facts, counter, "Skala Nilai Peringkat Kinerja")),
    ]
    for ind in lower:
        blocks.append(Para(f"Indikator {ind.name} bersifat negatif: semakin rendah realisasinya semakin baik, "
                           f"sehingga capaian = (2 × target − realisasi) / target × 100%."))
    blocks += _filler(facts, 2)
    blocks.append(Para(f"Pengukuran capaian kinerja {facts.agency} tahun {year} disajikan pada tabel berikut:"))
    blocks.append(measurement_table(facts, _caption(facts, counter, f"Pengukuran Kinerja Tahun {year}")))
    blocks.append(Heading("3.2 Analisis Capaian Kinerja", 2))
    blocks += [_narrative(ind, facts) for ind in facts.indicators]
    blocks += appendix.trend_paras(facts)
    blocks.append(appendix.overall_para(facts))
    if facts.layout.comparison_table:
        blocks.append(Para("Perbandingan realisasi kinerja tahun ini dengan tahun-tahun sebelumnya:"))
        blocks.append(comparison_table(facts, _caption(facts, counter,
                                                       f"Perbandingan Realisasi Kinerja Tahun {year - 2} – {year}")))
    words_total = facts.words_override.get("total_allocation", budget.total_allocation)
    blocks += [
        Heading("3.3 Akuntabilitas Keuangan", 2),
        Para(f"Dalam melaksanakan tugas dan fungsinya pada tahun {year}, {facts.agency} didukung dengan anggaran "
             f"sebesar {rupiah(budget.total_allocation, facts, False)} {_amount_words(words_total)} yang terdiri dari "
             f"belanja operasi sebesar {rupiah(budget.operating, facts, False)} {_amount_words(budget.operating)} "
             f"dan belanja modal sebesar {rupiah(budget.capital, facts, False)} {_amount_words(budget.capital)}."),
        Para(f"Realisasi anggaran sampai dengan akhir tahun {year} sebesar "
             f"{rupiah(budget.total_realization, facts, False)} {_amount_words(budget.total_realization)} atau "
             f"{figure(budget.absorption, 2, True)} dari pagu anggaran."),
        Para(f"Anggaran tersebut digunakan untuk melaksanakan {_count_words(len(facts.programs))} program "
             f"sebagai berikut:"),
        program_table(facts, _caption(facts, counter, f"Realisasi Anggaran per Program Tahun {year}")),
    ]
    if facts.layout.performance_budget_table:
        blocks += [Para(f"Pencapaian kinerja dan anggaran {facts.agency} tahun {year} sebagai berikut:"),
                   performance_budget_table(facts, _caption(facts, counter, f"Pencapaian Kinerja dan Anggaran Tahun {year}"))]
    level, achievement, absorption = facts.efficiency
    blocks += [
        Heading("3.4 Efisiensi Penggunaan Sumber Daya", 2),
        Para(f"Secara keseluruhan tingkat efisiensi adalah {number(level, 2)} berasal dari perhitungan persentase "
             f"capaian kinerja ({figure(achievement, 2, True)}) dibagi dengan persentase penyerapan anggaran "
             f"({figure(absorption, 2, True)})."),
        *appendix.efficiency_blocks(facts, _caption(facts, counter, appendix.efficiency_caption(facts))),
        Heading("BAB IV PENUTUP"),
        *_filler(facts, 3),
        Para(f"{region_name}, Januari {year + 1}", center=False),
        Para(f"KEPALA {upper_agency}", bold=True),
        *appendix.annex_blocks(facts),
    ]
    return blocks
