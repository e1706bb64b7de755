"""A report whose header words patterns/columns.yaml does not know: roles from the figures' arithmetic,
realisations confirmed by another table, predicates by their words (extractor/column_proof.py)."""
from decimal import Decimal

from extractor.pipeline import extract

REPORT = """LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)
DINAS LINGKUNGAN HIDUP KABUPATEN ROKAN HULU TAHUN 2021

BAB III AKUNTABILITAS KINERJA
Realisasi anggaran dan capaian kinerja sasaran strategis dan indikator kinerja tahun 2021.

Tabel 3.1 Pengukuran Kinerja Tahun 2021
No\tSasaran Strategis\tUkuran Keberhasilan\tRencana 2021\tHasil 2021\tTingkat Capaian (%)\tStatus
1.\tMeningkatnya kualitas lingkungan hidup\tIndeks Kualitas Lingkungan Hidup\t68\t61,2\t90,00\tSangat Berhasil
\t\tPersentase sampah yang tertangani\t64,27\t64,27\t100,00\tSangat Berhasil
2.\tMeningkatnya kesiapsiagaan bencana\tWaktu tanggap darurat bencana (jam)\t12\t15\t75,00\tBerhasil

Tabel 3.3 Perbandingan Kinerja Tahun 2019 - 2021
No\tUkuran Keberhasilan\tHasil 2019\tHasil 2020\tHasil 2021
1.\tIndeks Kualitas Lingkungan Hidup\t58\t60,5\t61,2
2.\tPersentase sampah yang tertangani\t50,1\t58\t64,27
3.\tWaktu tanggap darurat bencana (jam)\t20\t18\t15

Tabel 3.2 Realisasi Anggaran per Program Tahun 2021
No\tUraian Program\tDana Tersedia (Rp)\tDana Terpakai (Rp)\tDaya Serap
1.\tProgram Pengelolaan Persampahan\t1.250.000.000\t1.125.000.000\t90,00
2.\tProgram Pengendalian Pencemaran\t800.000.000\t760.000.000\t95,00
"""


def test_unknown_header_words_take_their_role_from_the_arithmetic(tmp_path):
    path = tmp_path / "dlh_rohul_2021.txt"
    path.write_text(REPORT, encoding="utf-8")
    report = extract(path)
    value = lambda figure: figure.value if figure else None  # noqa: E731
    got = {(i.name, m.year): (value(m.target), value(m.realization), value(m.achievement))
           for i in report.indicators for m in i.measurements}
    assert got == {
        ("Indeks Kualitas Lingkungan Hidup", 2019): (None, Decimal(58), None),
        ("Indeks Kualitas Lingkungan Hidup", 2020): (None, Decimal("60.5"), None),
        ("Persentase sampah yang tertangani", 2019): (None, Decimal("50.1"), None),
        ("Persentase sampah yang tertangani", 2020): (None, Decimal(58), None),
        ("Waktu tanggap darurat bencana (jam)", 2019): (None, Decimal(20), None),
        ("Waktu tanggap darurat bencana (jam)", 2020): (None, Decimal(18), None),
        ("Indeks Kualitas Lingkungan Hidup", 2021): (Decimal(68), Decimal("61.2"), Decimal(90)),
        ("Persentase sampah yang tertangani", 2021): (Decimal("64.27"), Decimal("64.27"), Decimal(100)),
        ("Waktu tanggap darurat bencana (jam)", 2021): (Decimal(12), Decimal(15), Decimal(75)),
    }
    predicates = {i.name: m.predicate for i in report.indicators for m in i.measurements if m.year == 2021}
    assert predicates == {"Indeks Kualitas Lingkungan Hidup": "Sangat Berhasil",
                          "Persentase sampah yang tertangani": "Sangat Berhasil",
                          "Waktu tanggap darurat bencana (jam)": "Berhasil"}
    programs = {p.name: (p.allocation.value, p.realization.value, p.absorption.value) for p in report.programs}
    assert programs == {
        "Program Pengelolaan Persampahan": (Decimal(1250000000), Decimal(1125000000), Decimal(90)),
        "Program Pengendalian Pencemaran": (Decimal(800000000), Decimal(760000000), Decimal(95)),
    }
    assert report.region == "Kabupaten Rokan Hulu"
