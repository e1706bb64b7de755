"""Reports worded and laid out otherwise than the Dumai corpus (another region, other headers).

The project is measured on reports it has never seen; these inputs, written for the test, use the
other common wordings of the LKjIP template: IKHTISAR EKSEKUTIF, "Indikator Kinerja Utama", "Satuan",
"Capaian (%)", "Kategori", budget columns "Pagu (Rp)", "Realisasi (Rp)", "Sisa", "Serapan (%)".
"""
from decimal import Decimal

import pytest

from extractor.pipeline import extract

REPORT = """LAPORAN KINERJA INSTANSI PEMERINTAH
DINAS PERTANIAN DAN PANGAN
KABUPATEN BANYUMAS
TAHUN 2021

IKHTISAR EKSEKUTIF
Dinas Pertanian dan Pangan Kabupaten Banyumas menetapkan 2 (dua) Sasaran Strategis dengan 3 (tiga) Indikator Kinerja Utama.

BAB I
PENDAHULUAN
Laporan kinerja ini disusun sebagai pertanggungjawaban pelaksanaan anggaran tahun 2021.

BAB III
AKUNTABILITAS KINERJA
A. Capaian Kinerja Organisasi
Tabel 3.1 Capaian Indikator Kinerja Utama Tahun 2021
No\tSasaran Strategis\tIndikator Kinerja Utama\tSatuan\tTarget\tRealisasi\tCapaian (%)\tKategori
1.\tMeningkatnya produksi pangan\tProduktivitas padi\tton/ha\t6,1\t6,35\t104,10\tSangat Tinggi
\t\tPersentase luas lahan\tpersen\t80\t72\t90,00\tSangat Tinggi
\t\tberirigasi teknis\t\t\t\t\t
2.\tMenurunnya kerawanan pangan\tJumlah desa rawan pangan\tdesa\t12\t9\t125,00\tSangat Tinggi
Sumber: Dinas Pertanian dan Pangan, 2022

B. Realisasi Anggaran
Dalam melaksanakan tugas pada tahun 2021 Dinas didukung dengan anggaran sebesar Rp 12.500.000.000,- terdiri dari Belanja Operasi sebesar Rp 10.000.000.000,- dan Belanja Modal sebesar Rp 2.500.000.000,-.
Tabel 3.4 Realisasi Anggaran per Program Tahun 2021
No\tProgram\tPagu (Rp)\tRealisasi (Rp)\tSisa (Rp)\tSerapan (%)
1\tProgram Penunjang Urusan Pemerintahan Daerah\t7.000.000.000\t6.800.000.000\t200.000.000\t97,14
2\tProgram Peningkatan Produksi Pertanian\t5.500.000.000\t5.225.000.000\t275.000.000\t95,00
\tJUMLAH\t12.500.000.000\t12.025.000.000\t475.000.000\t96,20
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = tmp_path_factory.mktemp("other") / "banyumas_distan_2021.txt"
    path.write_text(REPORT, encoding="utf-8")
    return extract(path)


def test_metadata(report):
    assert (report.agency, report.region, report.report_year) == (
        "Dinas Pertanian dan Pangan Kabupaten Banyumas", "Kabupaten Banyumas", 2021)


def test_indicators_with_units_wrapped_names_and_filled_down_objectives(report):
    names = [i.name for i in report.indicators]
    assert names == ["Produktivitas padi", "Persentase luas lahan beririgasi teknis", "Jumlah desa rawan pangan"]
    padi = report.indicators[0]
    m = padi.measurements[0]
    assert (m.year, m.target.value, m.realization.value, m.achievement.value, m.predicate) == (
        2021, Decimal("6.1"), Decimal("6.35"), Decimal("104.10"), "Sangat Tinggi")
    assert padi.unit == "ton/ha"
    assert report.indicators[1].objective_id == report.indicators[0].objective_id
    assert len(report.objectives) == 2


def test_programs_and_budget(report):
    assert [(p.name, p.allocation.value, p.realization.value, p.absorption.raw) for p in report.programs] == [
        ("Program Penunjang Urusan Pemerintahan Daerah", 7000000000, 6800000000, "97,14"),
        ("Program Peningkatan Produksi Pertanian", 5500000000, 5225000000, "95,00")]
    b = report.budget
    assert b.total_allocation.value == 12500000000
    assert b.operating_expenditure.value == 10000000000 and b.capital_expenditure.value == 2500000000
    assert b.total_realization.value == 12025000000
    assert b.absorption.raw == "96,20"


def test_provenance_names_the_table_and_line(report):
    m = report.indicators[2].measurements[0]
    assert m.provenance.table.startswith("Tabel 3.1") and m.provenance.line == 21
    assert "Jumlah desa rawan pangan" in m.provenance.row


PER_OBJECTIVE = """LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)
BADAN PENDAPATAN DAERAH KOTA PEKANBARU TAHUN 2022
Badan Pendapatan Daerah Kota Pekanbaru menetapkan sasaran strategis dan indikator kinerja; realisasi dan anggaran.

BAB III
AKUNTABILITAS KINERJA
3.1 Capaian Kinerja
Sasaran strategis pertama diukur dengan dua indikator.
Tabel 3.1 Pengukuran Kinerja Sasaran 1 Tahun 2022
No\tIndikator Kinerja\tTarget\tRealisasi\tCapaian (%)
1\tRasio PAD terhadap pendapatan\t35\t37,1\t106
2\tPersentase wajib pajak patuh\t80\t76\t95
Sasaran strategis kedua diukur dengan satu indikator.
Tabel 3.2 Pengukuran Kinerja Sasaran 2 Tahun 2022
No\tIndikator Kinerja\tTarget\tRealisasi\tCapaian (%)
1\tIndeks kepuasan wajib pajak\t82\t84,5\t103
Tabel 3.3 Perbandingan Realisasi Kinerja Tahun 2021 dan 2022
No\tIndikator Kinerja\tRealisasi 2021\tRealisasi 2022
1\tRasio PAD terhadap pendapatan\t33\t37,1
2\tIndeks kepuasan wajib pajak\t80\t84,5
"""


def test_one_measurement_table_per_objective(tmp_path):
    path = tmp_path / "pekanbaru_bapenda_2022.txt"
    path.write_text(PER_OBJECTIVE, encoding="utf-8")
    report = extract(path)
    assert [i.name for i in report.indicators] == [
        "Rasio PAD terhadap pendapatan", "Persentase wajib pajak patuh", "Indeks kepuasan wajib pajak"]
    ikm = report.indicators[2]
    assert [(m.year, m.realization.raw) for m in ikm.measurements] == [(2022, "84,5"), (2021, "80")]
    assert ikm.measurements[0].provenance.table.startswith("Tabel 3.2")
