"""Quirks of `corpus/kota-dumai_sekretariat-daerah_2023.txt`, read by a person."""
from decimal import Decimal

from corpus_expectations import report

STEM = "kota-dumai_sekretariat-daerah_2023"


def test_numbered_list_in_one_cell_becomes_three_agreement_rows():
    """Tabel I line 275: '1.Terlaksananya … 2.Terlaksananya … 3. Terlaksananya …' beside '2 6 1'."""
    table = next(t for t in report(STEM).tables if t.caption and t.caption.startswith("Tabel I "))
    rows = [[c.text for c in r] for r in table.rows]
    assert [(r[2], r[3]) for r in rows[:3]] == [
        ("Terlaksananya Kerjasama Antar Daerah", "2"), ("Terlaksananya Kerjasama Daerah dengan Pihak Ketiga", "6"),
        ("Terlaksananya Kerjasama Daerah dengan Pemerintah dan Lembaga di Luar Negeri", "1")]


def test_row_split_by_a_page_break_is_one_row():
    """Tabel 3.5.1 line 1167: 'Program Perekonomian' … blank line … 'dan Pembangunan' with the figures."""
    allocation = next(a for o in report(STEM).objectives for a in o.allocations if a.provenance.line == 1167)
    assert allocation.name == "Program Perekonomian dan Pembangunan"
    assert allocation.allocation.value == Decimal("256855000")


def test_programs_are_the_program_budget_not_the_priority_programs_per_sasaran():
    """Tabel 3.5.1 repeats Pemerintahan dan Kesejahteraan Rakyat beside four sasaran with 0.3-17.6 billion each
    and gives the support program 0.45 billion; the program budget (Tabel 3.6.1, Tabel 2.4.3) gives each program
    once, 62.2 + 30.3 + 6.0 billion = the agency's 98.6 billion."""
    rep = report(STEM)
    assert [p.allocation.value for p in rep.programs] == [
        Decimal("30323132240"), Decimal("6035882866"), Decimal("62216151818")]
    assert sum(p.allocation.value for p in rep.programs) == rep.budget.total_allocation.value
    assert sum(p.realization.value for p in rep.programs) == rep.budget.total_realization.value
    kesra = [a for o in rep.objectives for a in o.allocations if a.name.endswith("Kesejahteraan Rakyat")]
    assert sorted(a.allocation.value for a in kesra) == [
        Decimal("303407700"), Decimal("346378100"), Decimal("11250000000"), Decimal("17600000000")]


def test_previous_year_comes_from_the_measurement_table_and_the_comparison_is_evidence():
    """Tabel 3.1.1 prints 2022 realisasi and capaian only; Tabel 3.2.1 prints the 2022 target too."""
    indicator = report(STEM).indicators[0]
    m2022 = next(m for m in indicator.measurements if m.year == 2022)
    assert m2022.target is None and m2022.realization.raw == "6"
    assert any(e.provenance.table.startswith("Tabel 3.2.1") and e.target.raw == "2" for e in m2022.evidence)


def test_goals_linked_to_objectives_from_the_performance_and_budget_table():
    rep = report(STEM)
    objective = next(o for o in rep.objectives if o.name.startswith("Meningkatnya PAD"))
    goal = next(g for g in rep.goals if g.id == objective.goal_id)
    assert goal.name == "Menjadikan BUMD yang Mandiri dan Profesional"
