"""Quirks of `corpus/kota-dumai_disdukcapil_2023.txt`, read by a person."""
from corpus_expectations import report

STEM = "kota-dumai_disdukcapil_2023"


def test_final_budget_from_the_accountability_section_not_the_agreement():
    """Line 474 (BAB II, agreement) prints 8.955.115.501; line 723 (3.5 Akuntabilitas Keuangan) 8.955.501.115."""
    budget = report(STEM).budget
    assert budget.total_allocation.raw == "Rp.8.955.501.115" and budget.provenance["total_allocation"].line == 723


def test_predicate_word_under_its_own_predicate_column():
    """Tabel 4 line 145 writes 'Cukup Berhasil' in the Cukup Berhasil column instead of a check mark."""
    indicator = report(STEM).indicators[1]
    m = next(m for m in indicator.measurements if m.year == 2023)
    assert next(e for e in m.evidence if e.provenance.line == 145).predicate == "Cukup Berhasil"


def test_report_year_is_not_the_publication_year():
    """The cover prints 'TAHUN 2023' and 'PEMERINTAH KOTA DUMAI TAHUN 2024'."""
    assert report(STEM).report_year == 2023
