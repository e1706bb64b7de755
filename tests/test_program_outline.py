"""Program tables that list each program's kegiatan and sub kegiatan under it (other agencies' layouts).

Written for the test: a program row is followed by its kegiatan and their sub kegiatan, marked by their
lead words, by outline numbers ("1", "1.1", "1.1.1") or by budget codes ("1.02.02", "1.02.02.2.01"). The
report's programs are the program rows, each with its whole allocation and its kegiatan nested; the
total is the program rows' sum, and a correct "N (…) program" count is not flagged.
"""
from decimal import Decimal

import pytest

from extractor.outline import outline_levels
from extractor.pipeline import extract

HEAD = """LAPORAN KINERJA INSTANSI PEMERINTAH
{agency}
{region}
TAHUN 2024

BAB III
AKUNTABILITAS KINERJA
3.1 Capaian Kinerja Organisasi
Tabel 3.1 Pengukuran Kinerja Tahun 2024
No\tSasaran Strategis\tIndikator Kinerja\tTarget\tRealisasi\tCapaian (%)
1.\tMeningkatnya derajat kesehatan masyarakat\tAngka harapan hidup\t71,5\t71,8\t100,42
2.\tMeningkatnya mutu layanan kesehatan\tPersentase puskesmas terakreditasi\t90\t90\t100,00

3.2 Akuntabilitas Keuangan
Dalam melaksanakan tugas pada tahun 2024 {agency} didukung dengan anggaran sebesar Rp 3.000.000.000,- dengan realisasi sebesar Rp 2.700.000.000,-.
Anggaran tersebut digunakan untuk melaksanakan 2 (dua) program sebagai berikut:
"""

BY_WORDS = HEAD + """Tabel 3.2 Realisasi Anggaran per Program Tahun 2024
No\tProgram / Kegiatan / Sub Kegiatan\tPagu (Rp)\tRealisasi (Rp)\tSerapan (%)
1\tProgram Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota\t2.000.000.000\t1.800.000.000\t90,00
\tKegiatan Administrasi Keuangan Perangkat Daerah\t1.200.000.000\t1.100.000.000\t91,67
\tPenyediaan Gaji dan Tunjangan ASN\t1.200.000.000\t1.100.000.000\t91,67
\tKegiatan Administrasi Umum Perangkat Daerah\t800.000.000\t700.000.000\t87,50
\tPenyediaan Peralatan dan Perlengkapan Kantor\t500.000.000\t450.000.000\t90,00
\tPenyelenggaraan Rapat Koordinasi dan Konsultasi\t300.000.000\t250.000.000\t83,33
2\tProgram Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat\t1.000.000.000\t900.000.000\t90,00
\tKegiatan Penyediaan Layanan Kesehatan untuk UKM dan UKP\t1.000.000.000\t900.000.000\t90,00
\tPengelolaan Pelayanan Kesehatan Ibu Hamil\t1.000.000.000\t900.000.000\t90,00
\tJUMLAH\t3.000.000.000\t2.700.000.000\t90,00
"""

BY_NUMBERS = HEAD + """Tabel 3.2 Realisasi Anggaran per Program Tahun 2024
No\tProgram/Kegiatan/Sub Kegiatan\tAnggaran (Rp)\tRealisasi (Rp)\t%
1\tPenunjang Urusan Pemerintahan Daerah\t2.000.000.000\t1.800.000.000\t90,00
1.1\tAdministrasi Keuangan Perangkat Daerah\t1.200.000.000\t1.100.000.000\t91,67
1.1.1\tPenyediaan Gaji dan Tunjangan ASN\t1.200.000.000\t1.100.000.000\t91,67
1.2\tAdministrasi Umum Perangkat Daerah\t800.000.000\t700.000.000\t87,50
1.2.1\tPenyediaan Peralatan dan Perlengkapan Kantor\t800.000.000\t700.000.000\t87,50
2\tPemenuhan Upaya Kesehatan Perorangan\t1.000.000.000\t900.000.000\t90,00
2.1\tPenyediaan Layanan Kesehatan untuk UKM dan UKP\t1.000.000.000\t900.000.000\t90,00
\tJUMLAH\t3.000.000.000\t2.700.000.000\t90,00
"""

BY_CODES = HEAD + """Tabel 3.2 Realisasi Anggaran per Program Tahun 2024
Kode\tProgram/Kegiatan\tAnggaran\tRealisasi\t%
1.02.01\tProgram Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota\t2.000.000.000\t1.800.000.000\t90,00
1.02.01.2.02\tAdministrasi Keuangan Perangkat Daerah\t1.200.000.000\t1.100.000.000\t91,67
1.02.01.2.06\tAdministrasi Umum Perangkat Daerah\t800.000.000\t700.000.000\t87,50
1.02.02\tProgram Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat\t1.000.000.000\t900.000.000\t90,00
1.02.02.2.02\tPenyediaan Layanan Kesehatan untuk UKM dan UKP\t1.000.000.000\t900.000.000\t90,00
\tJUMLAH\t3.000.000.000\t2.700.000.000\t90,00
"""


def _extract(tmp_path, text: str, region: str = "Kabupaten Kepulauan Meranti"):
    path = tmp_path / "dinkes_2024.txt"
    path.write_text(text.format(agency="Dinas Kesehatan", region=region), encoding="utf-8")
    return extract(path)


@pytest.mark.parametrize("text", [BY_WORDS, BY_NUMBERS, BY_CODES], ids=["lead words", "outline numbers", "codes"])
def test_programs_are_the_program_rows_with_their_kegiatan_nested(tmp_path, text):
    report = _extract(tmp_path, text)
    assert [(p.allocation.value, p.realization.value) for p in report.programs] == [
        (Decimal("2000000000"), Decimal("1800000000")), (Decimal("1000000000"), Decimal("900000000"))]
    assert sum(p.allocation.value for p in report.programs) == report.budget.total_allocation.value
    support = report.programs[0]
    assert [(a.allocation.value, a.realization.value) for a in support.activities] == [
        (Decimal("1200000000"), Decimal("1100000000")), (Decimal("800000000"), Decimal("700000000"))]
    assert all(a.level == "activity" for a in support.activities)
    assert len(report.programs[1].activities) == 1


def test_sub_kegiatan_nest_under_their_kegiatan(tmp_path):
    report = _extract(tmp_path, BY_WORDS)
    first, second = report.programs[0].activities
    assert [s.allocation.value for s in first.activities] == [Decimal("1200000000")]
    assert [s.name for s in second.activities] == ["Penyediaan Peralatan dan Perlengkapan Kantor",
                                                   "Penyelenggaraan Rapat Koordinasi dan Konsultasi"]
    assert all(s.level == "sub_activity" for s in second.activities)


@pytest.mark.parametrize("text", [BY_WORDS, BY_NUMBERS, BY_CODES], ids=["lead words", "outline numbers", "codes"])
def test_a_right_program_count_is_not_flagged_and_the_total_adds_up(tmp_path, text):
    report = _extract(tmp_path, text)
    codes = {f.code for f in report.findings}
    assert "count_mismatch" not in codes and "sum_mismatch" not in codes, [
        (f.code, f.stated, f.expected) for f in report.findings]


def test_a_table_of_programs_only_keeps_every_row():
    """Nothing marks a hierarchy (no lead words, one depth of numbers): every row is a program."""
    assert outline_levels(["Pelayanan Kesehatan", "Penunjang Urusan"], ["1", "2"]) == ["program", "program"]
    assert outline_levels(["Penunjang Urusan", "Program Kesehatan"], ["", ""]) == ["program", "program"]


PRIORITIES = HEAD + """Tabel 3.2 Realisasi Anggaran per Program Tahun 2024
No\tProgram\tPagu (Rp)\tRealisasi (Rp)\tSerapan (%)
1\tProgram Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota\t2.000.000.000\t1.800.000.000\t90,00
2\tProgram Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat\t1.000.000.000\t900.000.000\t90,00
\tJUMLAH\t3.000.000.000\t2.700.000.000\t90,00

Tabel 3.3 Sasaran Strategis dan Anggaran Tahun 2024 (Program Prioritas)
No\tSasaran Strategis\tProgram\tAnggaran\tRealisasi\t%
1\tMeningkatnya derajat kesehatan masyarakat\tProgram Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat\t600.000.000\t550.000.000\t91,67
2\tMeningkatnya mutu layanan kesehatan\tProgram Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat\t400.000.000\t350.000.000\t87,50
"""


def test_priority_programs_per_sasaran_are_the_sasaran_s_allocations_not_programs(tmp_path):
    """A table that gives one program two allocations (one per sasaran) lists parts of its budget."""
    report = _extract(tmp_path, PRIORITIES)
    assert [(p.allocation.value, p.provenance.table[:9]) for p in report.programs] == [
        (Decimal("2000000000"), "Tabel 3.2"), (Decimal("1000000000"), "Tabel 3.2")]
    parts = {o.name: [(a.allocation.value, a.realization.value) for a in o.allocations] for o in report.objectives}
    assert parts == {"Meningkatnya derajat kesehatan masyarakat": [(Decimal("600000000"), Decimal("550000000"))],
                     "Meningkatnya mutu layanan kesehatan": [(Decimal("400000000"), Decimal("350000000"))]}
