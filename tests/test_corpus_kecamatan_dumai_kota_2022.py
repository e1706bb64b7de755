"""Quirks of `corpus/kota-dumai_kecamatan-dumai-kota_2022.txt`, read by a person."""
from corpus_expectations import report

STEM = "kota-dumai_kecamatan-dumai-kota_2022"


def test_the_measurement_table_is_the_one_with_the_most_figures():
    """Tabel 3.1 and Tabel 3.2 both measure 2022; Tabel 3.2 also prints 2021 and the Renstra target."""
    assert report(STEM).indicators[0].measurements[0].provenance.table.startswith("Tabel 3.2")


def test_capaian_2021_column_is_the_2021_value():
    """'Capaian 2021' stands alone beside 2022's Target/Realisasi/Capaian: it holds 2021's value (85,72)."""
    m2021 = next(m for m in report(STEM).indicators[0].measurements if m.year == 2021)
    assert m2021.realization.raw == "85,72" and m2021.achievement is None


def test_objective_and_units_come_from_the_other_tables():
    """Tabel 3.2 has no sasaran or satuan column; Tabel 3.1 has both."""
    rep = report(STEM)
    assert [o.name for o in rep.objectives] == ["Meningkatnya kepuasan masyarakat terhadap pelayanan publik di Kecamatan"]
    assert [i.unit for i in rep.indicators] == ["Indeks", "%", "%"]


def test_total_row_labelled_total_belanja():
    budget = report(STEM).budget
    assert budget.total_allocation.raw == "11.281.034.946,-" and budget.absorption.raw == "97 %"
