"""Which table the agency's indicators come from: the one whose columns hold the report year's target,
realisasi and capaian, wherever it stands and however it is captioned; a measurement table whose body a
page header cut off from its header (right after the column-number row) is joined again, not skipped.

The reports are written for the test (another region, other captions).
"""
from decimal import Decimal

import pytest

from extractor.pipeline import extract
from extractor.tables import classify_column

HEAD = """LAPORAN KINERJA INSTANSI PEMERINTAH
DINAS LINGKUNGAN HIDUP
KABUPATEN ROKAN HULU
TAHUN 2023

BAB III
AKUNTABILITAS KINERJA
3.1 Capaian Kinerja Organisasi
"""

COMPARISON = """Tabel 3.1 Perbandingan Realisasi Kinerja Tahun 2022 dan Tahun 2023
No\tIndikator Kinerja\tRealisasi 2022\tTarget 2023\tRealisasi 2023
1.\tIndeks kualitas lingkungan hidup\t67,2\t68,5\t70,1
2.\tPersentase sampah yang tertangani\t55\t75\t60
3.\tNilai SAKIP perangkat daerah\t60\t65\t62

"""

MEASUREMENT = """Tabel 3.2 {caption}
No\tSasaran Strategis\tIndikator Kinerja\tSatuan\tTarget\tRealisasi\tCapaian (%)\tPredikat
1\t2\t3\t4\t5\t6\t7\t8
{interruption}1.\tMeningkatnya kualitas lingkungan hidup\tIndeks kualitas lingkungan hidup\tindeks\t68,5\t70,1\t102,34\tSangat Tinggi
\t\tPersentase sampah yang tertangani\t%\t75\t60\t80,00\tTinggi
2.\tMeningkatnya akuntabilitas kinerja\tNilai SAKIP perangkat daerah\tnilai\t65\t62\t95,38\tSangat Tinggi

"""

PAGE_HEADER = "\nHalaman 21\n\nBAB III AKUNTABILITAS KINERJA\n"


def _extract(tmp_path, text):
    path = tmp_path / "rohul_dlh_2023.txt"
    path.write_text(text, encoding="utf-8")
    return extract(path)


@pytest.mark.parametrize("caption", ["Pengukuran Kinerja Tahun 2023", "Hasil Evaluasi Sasaran Strategis 2023"])
@pytest.mark.parametrize("interruption", ["", PAGE_HEADER], ids=["whole", "page header after the column numbers"])
def test_achievements_come_from_the_table_that_prints_them(tmp_path, caption, interruption):
    report = _extract(tmp_path, HEAD + COMPARISON + MEASUREMENT.format(caption=caption, interruption=interruption))
    assert [i.name for i in report.indicators] == [
        "Indeks kualitas lingkungan hidup", "Persentase sampah yang tertangani", "Nilai SAKIP perangkat daerah"]
    current = [next(m for m in i.measurements if m.year == 2023) for i in report.indicators]
    assert [(m.target.value, m.realization.value, m.achievement.value) for m in current] == [
        (Decimal("68.5"), Decimal("70.1"), Decimal("102.34")), (Decimal("75"), Decimal("60"), Decimal("80.00")),
        (Decimal("65"), Decimal("62"), Decimal("95.38"))]
    assert all(m.provenance.table.startswith("Tabel 3.2") for m in current)
    assert [m.predicate for m in current] == ["Sangat Tinggi", "Tinggi", "Sangat Tinggi"]
    assert len(report.objectives) == 2


@pytest.mark.parametrize("labels", [["Realisasi TW I"], ["Realisasi", "TW II"], ["Target Triwulan 3"]])
def test_quarter_columns_headed_flat_or_stacked_are_quarters_not_a_second_realisasi(labels):
    """A quarter read as a second realisasi of the year makes the measurement table ambiguous, and
    verification then leaves it out."""
    assert classify_column(labels)[0] == "quarter"
