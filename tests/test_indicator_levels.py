"""Agency indicators (IKU of sasaran and tujuan) kept apart from programs' and kegiatan's indicators.

Written for the test: a report of another region whose "Pencapaian Kinerja dan Anggaran" table prints,
under each sasaran, the program that serves it with the program's own outcome indicator. Those are kept,
marked ``level: program``; the agency's four IKU are the ones a "4 (empat) indikator kinerja utama"
claim counts, so the right claim is not flagged.
"""
from decimal import Decimal

import pytest

from extractor.pipeline import extract

MEASUREMENT = """Tabel 3.1 Pengukuran Kinerja Tahun 2022
No\tSasaran Strategis\tIndikator Kinerja Utama\tTarget\tRealisasi\tCapaian (%)
1.\tMeningkatnya kualitas pelayanan publik\tIndeks kepuasan masyarakat\t80\t84\t105,00
\t\tPersentase pengaduan yang diselesaikan\t90\t81\t90,00
2.\tMeningkatnya ketertiban umum\tPersentase penegakan perda\t75\t60\t80,00
\t\tJumlah gangguan ketertiban\t40\t30\t125,00
"""

PERFORMANCE_BUDGET = """Tabel 3.5 Pencapaian Kinerja dan Anggaran Tahun 2022
Sasaran/Program\tIndikator\tKinerja\t\t\tAnggaran\t\t
\t\tTarget\tRealisasi\tCapaian (%)\tAlokasi\tRealisasi\tCapaian (%)
Sasaran : Meningkatnya kualitas pelayanan publik\tIndeks kepuasan masyarakat\t80\t84\t105,00\t\t\t
\tPersentase pengaduan yang diselesaikan\t90\t81\t90,00\t\t\t
Program : Program Penyelenggaraan Pemerintahan dan Pelayanan Publik\tPersentase layanan administrasi tepat waktu\t95\t95\t100,00\t600.000.000\t570.000.000\t95,00
Sasaran : Meningkatnya ketertiban umum\tPersentase penegakan perda\t75\t60\t80,00\t\t\t
\tJumlah gangguan ketertiban\t40\t30\t125,00\t\t\t
Program : Program Peningkatan Ketenteraman dan Ketertiban Umum\tPersentase patroli terlaksana\t100\t90\t90,00\t400.000.000\t380.000.000\t95,00
"""

HEAD = """LAPORAN KINERJA INSTANSI PEMERINTAH
KECAMATAN BANGKINANG KOTA
KABUPATEN KAMPAR
TAHUN 2022

IKHTISAR EKSEKUTIF
Kecamatan Bangkinang Kota Kabupaten Kampar menetapkan 2 (dua) sasaran strategis dengan 4 (empat) indikator kinerja utama.

BAB III
AKUNTABILITAS KINERJA
3.1 Capaian Kinerja
"""


def _extract(tmp_path, text):
    path = tmp_path / "kampar_kecamatan_2022.txt"
    path.write_text(text, encoding="utf-8")
    return extract(path)


@pytest.mark.parametrize("tables", [MEASUREMENT + "\n" + PERFORMANCE_BUDGET, PERFORMANCE_BUDGET],
                         ids=["with a measurement table", "performance and budget table only"])
def test_program_indicators_are_kept_apart_and_the_iku_count_holds(tmp_path, tables):
    report = _extract(tmp_path, HEAD + tables)
    agency = [i for i in report.indicators if i.level == "agency"]
    programs = [i for i in report.indicators if i.level == "program"]
    assert [i.name for i in agency] == ["Indeks kepuasan masyarakat", "Persentase pengaduan yang diselesaikan",
                                        "Persentase penegakan perda", "Jumlah gangguan ketertiban"]
    assert [(i.name, i.program) for i in programs] == [
        ("Persentase layanan administrasi tepat waktu", "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik"),
        ("Persentase patroli terlaksana", "Program Peningkatan Ketenteraman dan Ketertiban Umum")]
    patrol = programs[1].measurements[0]
    assert (patrol.target.value, patrol.realization.value, patrol.achievement.value) == (
        Decimal("100"), Decimal("90"), Decimal("90.00"))
    assert not [f for f in report.findings if f.code == "count_mismatch"], [
        (f.stated, f.expected) for f in report.findings if f.code == "count_mismatch"]
    assert len(report.objectives) == 2


def test_rows_are_linked_one_to_one_best_pair_first_and_given_in_row_order():
    from extractor.assemble import IndicatorRow, link_rows
    from extractor.model import Indicator

    names = ["Persentase Kerjasama Daerah", "Terlaksananya Kerjasama", "Indeks Kepuasan Masyarakat"]
    recs = [IndicatorRow(name, None, None, None, {}, None) for name in names]
    indicators = [Indicator(id="i1", name="Indeks Kepuasan Masyarakat"),
                  Indicator(id="i2", name="Persentase Kerjasama Daerah yang Terlaksana")]
    pairs = [(rec.name, ind.id) for rec, ind in link_rows(recs, indicators)]
    assert pairs == [("Persentase Kerjasama Daerah", "i2"), ("Indeks Kepuasan Masyarakat", "i1")]
