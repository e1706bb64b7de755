"""Quirks of `corpus/kota-dumai_dinsos-pmd_2023.txt`, read by a person."""
from corpus_expectations import report

STEM = "kota-dumai_dinsos-pmd_2023"


def test_revised_budget_wins_over_the_original_agreement():
    """Line 237 (summary) and 642 (BAB II) state 7.464.445.202 before the perubahan; 965 (BAB III) 13.904.271.740."""
    assert report(STEM).budget.total_allocation.raw == "Rp 13.904.271.740,-"


def test_belanja_named_in_a_realisation_sentence_are_its_parts():
    """Line 967: 'Realisasi … sebesar Rp 13.628.836.667,-, terdiri dari Belanja Operasi Rp 13.574.117.667 …'."""
    budget = report(STEM).budget
    assert budget.operating_expenditure.raw == "Rp. 13.849.393.240,-"
    assert budget.operating_realization.raw == "Rp 13.574.117.667"
    assert budget.capital_realization.raw == "Rp 54.719.000,-"


def test_program_names_lose_their_list_bullets():
    """Tabel 3.5.1 prints '- Program pemberdayaan sosial'."""
    assert report(STEM).programs[0].name == "Program pemberdayaan sosial"
