"""rollup_mismatch and quarter_mismatch: the sums inside hierarchical budget and plan tables.

Hand-built tables first (cells written with `` | ``, read by the real pipeline), then the corpus:
every finding of the two codes on the five reports is listed with the report line and the sum,
recomputed by hand from the report text; nothing else may be found.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from corpus_expectations import report
from test_verify_rules import context
from extractor.verify import absorption, rollups, sums

CODES = ("rollup_mismatch", "quarter_mismatch")


def found(body: str) -> list:
    return list(rollups.check(context(body)))


def summary(findings) -> list[tuple]:
    return [(f.code, f.severity, f.subject, f.stated_value, f.expected_value, len(f.parts)) for f in findings]


CODED = """
    Tabel 2.4
    Rencana Kerja dan Pendanaan Tahun 2023

    Kode | Program/Kegiatan/Sub Kegiatan | Indikator | Target | Pagu Indikatif
    2.12.04 | PROGRAM PENGELOLAAN INFORMASI ADMINISTRASI KEPENDUDUKAN |  |  | {program}
    2.12.04.2.01 | Pengumpulan Data Kependudukan |  |  | {first}
    2.12.04.2.01.01 | Pengolahan Data Kependudukan | Jumlah Dokumen | 2 dokumen | 100.000.000
    2.12.04.2.01.02 | Kerja Sama Pemanfaatan Data | Jumlah Dokumen | 1 dokumen | 49.802.700
    2.12.04.2.03 | Penyelenggaraan Pengelolaan Informasi |  |  | 135.457.200
    2.12.04.2.03.08 | Penyajian Data Kependudukan | Jumlah Data | 2 dokumen | 135.457.200
    TOTAL |  |  |  | {program}
"""


def test_a_coded_table_that_adds_up_raises_nothing():
    assert found(CODED.format(program="285.259.900", first="149.802.700")) == []


def test_a_wrong_kegiatan_names_its_sub_kegiatan():
    # 100.000.000 + 49.802.700 = 149.802.700, printed 149.000.000; the program adds up its kegiatan as printed
    findings = found(CODED.format(program="284.457.200", first="149.000.000"))
    assert summary(findings) == [("rollup_mismatch", "error", "Pengumpulan Data Kependudukan, pagu",
                                  Decimal(149000000), Decimal(149802700), 2)]
    assert [p.label for p in findings[0].parts] == ["Pengolahan Data Kependudukan", "Kerja Sama Pemanfaatan Data"]
    assert findings[0].basis == "arithmetic" and findings[0].formula == "Σ sub kegiatan"
    assert [p.line for p in findings[0].places] == [findings[0].provenance.line + i for i in range(3)]


def test_an_indicator_named_jumlah_does_not_make_its_row_a_total():
    # "Jumlah Dokumen" (an indicator beside a sub kegiatan) read as a JUMLAH row gave a sum_mismatch of a table
    # that adds up; the TOTAL of one program is that program's pagu
    ctx = context(CODED.format(program="284.457.200", first="149.802.700"))
    assert [row.is_total for row in ctx.tables[0].rows] == [False] * 6 + [True]
    assert list(sums.check(ctx)) == []


def test_a_table_read_only_in_part_raises_nothing():
    # the last sub kegiatan of the first kegiatan prints no pagu: the kegiatan cannot be judged
    body = CODED.format(program="284.457.200", first="149.000.000").replace("| 49.802.700", "| ")
    assert found(body) == []


def test_a_family_running_off_the_end_of_its_table_raises_nothing():
    # the last kegiatan (135.457.200) prints one sub kegiatan of 130.000.000: an error when a TOTAL closes the
    # table, nothing when the table runs off its end (it may go on after a page break)
    body = CODED.format(program="285.259.900", first="149.802.700").replace("| 2 dokumen | 135.457.200",
                                                                           "| 2 dokumen | 130.000.000")
    assert [(f.subject, f.expected_value) for f in found(body)] == [
        ("Penyelenggaraan Pengelolaan Informasi, pagu", Decimal(130000000))]
    assert found(body[:body.index("    TOTAL")]) == []


LAYOUT = """
    Tabel 3.7
    Realisasi Program, Kegiatan dan Sub Kegiatan Tahun 2023

    No | Program/Kegiatan/Sub Kegiatan | Indikator | Target | Satuan | Anggaran | Realisasi | %
    1 | PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH |  |  |  | 300.000.000 | 290.000.000 | 96,67%
     | Administrasi Keuangan Perangkat Daerah |  |  |  | 200.000.000 | 195.000.000 | 97,50%
     | Penyediaan Gaji dan Tunjangan ASN | Jumlah Orang | 28 | Orang | 150.000.000 | 150.000.000 | 100,00%
     | Penyusunan Laporan Keuangan | Jumlah Laporan | 2 | Laporan | 50.000.000 | 45.000.000 | 90,00%
     | Administrasi Umum Perangkat Daerah |  |  |  | 100.000.000 | {realized} | 95,00%
     | Penyediaan Bahan Logistik Kantor | Jumlah Paket | 12 | Paket | 60.000.000 | 55.000.000 | 91,67%
     | Penyediaan Barang Cetak | Jumlah Paket | 4 | Paket | 40.000.000 | 40.000.000 | 100,00%
    JUMLAH |  |  |  |  | 300.000.000 | 290.000.000 | 96,67%
"""


def test_a_table_without_codes_is_read_by_its_layout():
    assert found(LAYOUT.format(realized="95.000.000")) == []
    # 55.000.000 + 40.000.000 = 95.000.000, printed 94.000.000 (a warning: the hierarchy is the layout's)
    # and the program's realisasi 290.000.000 is not 195.000.000 + 94.000.000 as printed
    assert summary(found(LAYOUT.format(realized="94.000.000"))) == [
        ("rollup_mismatch", "warning", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH, realisasi", Decimal(290000000),
         Decimal(289000000), 2),
        ("rollup_mismatch", "warning", "Administrasi Umum Perangkat Daerah, realisasi", Decimal(94000000),
         Decimal(95000000), 2)]


GOALS = """
    Tabel V
    Pencapaian Kinerja dan Anggaran Tahun 2023

    Sasaran/Program | Indikator | Target | Realisasi | Capaian | Anggaran | Realisasi Anggaran | %
    Program : Program Perekonomian dan Pembangunan | Persentase capaian |  |  |  | 6.000.000.000 | 5.800.000.000 | 96,67%
    Tujuan : Meningkatkan Pendidikan Sasaran : Meningkatnya Pendidikan | Jumlah Mahasiswa | 30 | 40 | 133% | 11.250.000.000 | 10.927.310.804 | 97,13%
    Program : Program Pemerintahan | Persentase capaian |  |  |  | 3.000.000.000 | 2.900.000.000 | 96,67%
    Tujuan : Tertib Administrasi Sasaran : Penegasan Batas | Jumlah Segmen | 2 | 2 | 100% | 1.000.000.000 | 900.000.000 | 90,00%
    Tujuan : Kerjasama Daerah Sasaran : Kerjasama | Jumlah Naskah | 2 | 2 | 100% | 2.000.000.000 | 2.000.000.000 | 100,00%
    JUMLAH |  |  |  |  | 9.000.000.000 | 8.700.000.000 | 96,67%
"""


def test_the_sasaran_rows_of_a_program_are_not_its_kegiatan():
    # corpus sekretariat Tabel V: a program's tujuan/sasaran rows print their own sub-budgets (11.250.000.000
    # under a program of 6.035.882.866); they are no kegiatan, and the second program "adding up" proves nothing
    assert found(GOALS) == []


NUMBERED = """
    Tabel 2.4
    Program Kerja

    No | Program dan Kegiatan | Anggaran
    1 | Program Penunjang Urusan Pemerintahan | {program}
    1.1 | Kegiatan Administrasi Keuangan | 600.000
    1.2 | Kegiatan Administrasi Umum | 400.000
    2 | Program Pemberdayaan Masyarakat | 500.000
    2.1 | Kegiatan Pemberdayaan Kelurahan | 300.000
    2.2 | Kegiatan Pemberdayaan Lembaga | 200.000
    JUMLAH |  | 1.500.000
"""


def test_outline_numbers_make_the_hierarchy_certain():
    assert found(NUMBERED.format(program="1.000.000")) == []
    # 600.000 + 400.000 = 1.000.000, printed 1.100.000: an error (numbering 1 > 1.1 is explicit)
    assert summary(found(NUMBERED.format(program="1.100.000"))) == [
        ("rollup_mismatch", "error", "Program Penunjang Urusan Pemerintahan, pagu", Decimal(1100000), Decimal(1000000), 2)]


QUARTERS = """
    Tabel 2.6
    Rencana Aksi Perjanjian Kinerja Tahun 2023

    No | Sasaran | Indikator | Satuan | Target | TW I | TW II | TW III | TW IV
    1 | Meningkatnya layanan | Indeks Kepuasan Masyarakat | indeks | 87 | {quarters}
    2 | Meningkatnya layanan | Persentase Pelaksanaan Tugas | % | 100 | {other}
"""


def test_quarterly_targets_that_do_not_add_up_where_the_others_do():
    # corpus kecamatan-dumai-kota line 388: 30 + 30 + 20 + 17 = 97, not 87; the other rows add up to 100
    findings = found(QUARTERS.format(quarters="30 | 30 | 20 | 17", other="25 | 25 | 25 | 25"))
    assert summary(findings) == [("quarter_mismatch", "warning", "Indeks Kepuasan Masyarakat, quarterly targets",
                                  Decimal(87), Decimal(97), 4)]
    assert findings[0].formula == "TW I + TW II + TW III + TW IV" and findings[0].basis == "interpretation"
    assert found(QUARTERS.format(quarters="30 | 30 | 20 | 7", other="25 | 25 | 25 | 25")) == []


def test_cumulative_targets_must_reach_the_annual_target_in_the_fourth_quarter():
    cumulative = QUARTERS.format(quarters="30 | 60 | 80 | 80", other="20 | 40 | 100 | 100")
    assert summary(found(cumulative)) == [("quarter_mismatch", "warning", "Indeks Kepuasan Masyarakat, quarterly targets",
                                           Decimal(87), Decimal(80), 1)]
    assert found(QUARTERS.format(quarters="30 | 60 | 80 | 87", other="20 | 40 | 100 | 100")) == []


def test_a_table_whose_rows_decide_nothing_raises_nothing():
    # neither row adds up nor climbs to its annual figure: the quarters may be shares; no finding
    assert found(QUARTERS.format(quarters="30 | 30 | 20 | 17", other="10 | 20 | 30 | 20")) == []


BUDGET_QUARTERS = """
    Tabel 4.2
    Evaluasi Realisasi Anggaran Triwulanan Tahun 2023

    No | Program / Kegiatan | Pagu (Rp) | Realisasi Anggaran Setiap Triwulan |  |  |  | Realisasi s.d. Desember (Rp) | Serapan (%)
     |  |  | Tw I | Tw II | Tw III | Tw IV |  |
    1 | Program Penunjang Urusan Pemerintahan Daerah | 1.000.000.000 | 200.000.000 | 250.000.000 | 150.000.000 | 300.000.000 | 900.000.000 | 90,00
    2 | Program Pelayanan Kependudukan | 500.000.000 | 100.000.000 | 120.000.000 | 80.000.000 | {fourth} | 400.000.000 | 80,00
    3 | Program Pengelolaan Informasi | 400.000.000 | 50.000.000 | 100.000.000 | 100.000.000 | 50.000.000 | 300.000.000 | 75,00
"""


def test_quarter_columns_under_a_realisation_group_are_not_the_years_realisation():
    # "Realisasi Anggaran Setiap Triwulan" over Tw I … Tw IV: each row's realisasi is the column after the
    # quarters (900.000.000 / 1.000.000.000 = 90,00%), not its Tw I (200.000.000 would give 20,00%)
    ctx = context(BUDGET_QUARTERS.format(fourth="100.000.000"))
    table = ctx.tables[0]
    assert [c.field for c in table.columns][2:] == ["allocation", *["quarter"] * 4, "budget_realization", "absorption"]
    assert table.column("budget_realization").index == 7
    assert list(absorption.check(ctx)) == [] and list(rollups.check(ctx)) == []
    # a quarter printed otherwise: 100 + 120 + 80 + 150 = 450 (million), not the 400 of the year
    findings = list(rollups.check(context(BUDGET_QUARTERS.format(fourth="150.000.000"))))
    assert summary(findings) == [("quarter_mismatch", "warning", "Program Pelayanan Kependudukan, quarterly realisations",
                                  Decimal(400_000_000), Decimal(450_000_000), 4)]


SUB_QUARTERS = """
    Tabel 4.3
    Realisasi Anggaran per Sub Kegiatan Tahun 2023

    Kode | Program/Kegiatan/Sub Kegiatan | Pagu (Rp) | Realisasi Triwulan |  |  |  | Jumlah Realisasi (Rp) | %
     |  |  | TW I | TW II | TW III | TW IV |  |
    1.02.01 | Program Penunjang Urusan Pemerintahan Daerah | 1.200.000.000 |  |  |  |  | 1.050.000.000 | 87,50
    1.02.01.2.01 | Kegiatan Perencanaan Perangkat Daerah | 1.200.000.000 |  |  |  |  | 1.050.000.000 | 87,50
    1.02.01.2.01.0001 | Penyusunan Dokumen Perencanaan | 500.000.000 | 100.000.000 | 100.000.000 | 100.000.000 | 150.000.000 | 450.000.000 | 90,00
    1.02.01.2.01.0002 | Evaluasi Kinerja Perangkat Daerah | 400.000.000 | 50.000.000 | 100.000.000 | 100.000.000 | {fourth} | 350.000.000 | 87,50
    1.02.01.2.01.0003 | Monitoring Kinerja Perangkat Daerah | 300.000.000 | 50.000.000 | 50.000.000 | 50.000.000 | 100.000.000 | 250.000.000 | 83,33
    | JUMLAH | 1.200.000.000 |  |  |  |  | 1.050.000.000 | 87,50
"""


def test_percentages_printed_without_their_sign_end_a_rows_quarters():
    # the "%" column's 90,00 is no amount: the amount before it is the realisasi, those between it and the pagu
    # the quarters (100 + 100 + 100 + 150 = 450 million); 50 + 100 + 100 + 90 = 340 ≠ 350 (two other rows add
    # their quarters up: the table's quarters are additive)
    assert found(SUB_QUARTERS.format(fourth="100.000.000")) == []
    assert summary(found(SUB_QUARTERS.format(fourth="90.000.000"))) == [
        ("quarter_mismatch", "warning", "Evaluasi Kinerja Perangkat Daerah, quarterly realisations",
         Decimal(350_000_000), Decimal(340_000_000), 4)]


def test_a_plan_printed_straight_under_a_budget_matrix_is_judged_on_its_own():
    # the annex title line between the two tables reads as a page header between rows: without the split
    # the plan's rows would be rows of the budget matrix and its quarters no columns of their own
    body = SUB_QUARTERS.format(fourth="100.000.000") + """
    RENCANA AKSI TAHUN 2023
    No | Sasaran Strategis | Indikator Kinerja | Target Tahunan | TW 1 | TW 2 | TW 3 | TW 4
    1 | Meningkatnya pelayanan | Indeks Kepuasan Masyarakat | 80 | 20 | 40 | 60 | 72
    2 | Meningkatnya tata kelola | Nilai SAKIP | 75 | 19 | 38 | 56 | 75
"""
    # cumulative (Nilai SAKIP climbs to its 75 in TW 4): the IKM reaches 72, not its 80
    assert summary(found(body)) == [("quarter_mismatch", "warning", "Indeks Kepuasan Masyarakat, quarterly targets",
                                     Decimal(80), Decimal(72), 1)]


# ------------------------------------------------------------------ the corpus

CONFIRMED = {
    "kota-dumai_kecamatan-dumai-kota_2022": [
        # Tabel 2.6 Rencana Aksi: IKM quarters 30+30+20+17 = 97 against 87; the other rows give 25×4 = 100.
        (388, "quarter_mismatch", "Indeks Kepuasan Masyarakat, quarterly targets", "87", "97", 4),
        # Evaluasi Berkala (cumulative: row 904 climbs 20, 40, 100, 100 to its 100 and realises 50, 75, 90, 100 of
        # 100): IKM reaches 80 in TW IV (target and realisation) against 87 and 89,87; row 903 reaches 75 against 100.
        (902, "quarter_mismatch", "Indeks Kepuasan Masyarakat, quarterly targets", "87", "80", 1),
        (902, "quarter_mismatch", "Indeks Kepuasan Masyarakat, quarterly realisations", "89.87", "80", 1),
        (903, "quarter_mismatch", "Transibum, quarterly targets", "100", "75", 1),
        (903, "quarter_mismatch", "Transibum, quarterly realisations", "100", "75", 1),
    ],
    "kota-dumai_dinsos-pmd_2023": [
        # Evaluasi of the Renja (Rp by quarter, then the year): the kegiatan's four quarters against its realisation.
        # 38.938.019 + 41.894.549 + 21.533.820 + 82.996.000 = 185.362.388 ≠ 285.298.403 (its sub kegiatan's TW IV
        # add up to 182.932.015, not 82.996.000)
        (1402, "quarter_mismatch", "Pemeliharaan Barang Milik Daerah", "285298403", "185362388", 4),
        # 40.550.000 + 168.743.600 + 174.350.000 + 95.700.000 = 479.343.600 ≠ 1.830.166.900
        (1432, "quarter_mismatch", "Pengelolaan Data Fakir Miskin", "1830166900", "479343600", 4),
        # 97.602.000 + 154.371.600 + 326.182.330 + 710.443.362 = 1.288.599.292 ≠ 1.529.080.716
        (1453, "quarter_mismatch", "Pemberdayaan Lembaga Kemasyarakatan", "1529080716", "1288599292", 4),
        # The last column ("Realisasi Kinerja dan Anggaran RPJMD s/d …", Rp) of a kegiatan against its sub kegiatan's
        # (it adds up in the first program's kegiatan, e.g. 1375: 3.928.246.382 + 1.050.000 + 2.100.000):
        # 24.600.000 + 133.333.388 + 27.429.000 + 99.936.015 = 285.298.403, printed 185.362.388
        (1402, "rollup_mismatch", "Pemeliharaan Barang Milik Daerah", "185362388", "285298403", 4),
        # 439.388.000 + 42.378.000 + 64.668.280 = 546.434.280, printed 481.766.000
        (1410, "rollup_mismatch", "Pengembangan Potensi Sumber Kesejahteraan", "481766000", "546434280", 3),
        # 309.682.000 + 34.361.000 + 49.955.000 + 30.642.300 + 268.216.850 + 2.606.167.480 + 32.600.000
        # + 138.732.000 = 3.470.356.630, printed 3.420.401.630
        (1419, "rollup_mismatch", "Rehabilitasi Sosial Dasar", "3420401630", "3470356630", 8),
        # 66.617.228 + 5.185.000 + 3.174.000 = 74.976.228, printed 69.791.228
        (1436, "rollup_mismatch", "Perlindungan Sosial Korban Bencana", "69791228", "74976228", 3),
        # 31.172.634 + 61.771.400 = 92.944.034, printed 31.172.634 (the first sub kegiatan's figure)
        (1449, "rollup_mismatch", "Pembinaan dan Pengawasan", "31172634", "92944034", 2),
        # 1.041.895.287 + 159.680.034 + 129.172.251 + 98.748.307 + 99.584.837 = 1.529.080.716, printed 1.041.895.287
        (1453, "rollup_mismatch", "Pemberdayaan Lembaga Kemasyarakatan", "1041895287", "1529080716", 5),
    ],
    "kota-dumai_disdukcapil_2023": [
        # Renja 2023 (pagu printed "124.150,000" style): 124.150 + 666.000 = 790.150, printed 790.110,000
        (875, "rollup_mismatch", "Pengadaan Jasa Penunjang Urusan Pemerintahan Daerah, pagu", "790110", "790150", 2),
        # 116.060 + 98.465 = 214.525, printed 215.125,000
        (878, "rollup_mismatch", "Pemeliharaan Barang Milik Daerah Penunjang", "215125", "214525", 2),
        # Prakiraan maju 2024 (the last column): 170.000 + 666.000 = 836.000, printed 816.000,000;
        # 145.250 + 90.000 = 235.250, printed 225.250,000
        (875, "rollup_mismatch", "Pengadaan Jasa Penunjang Urusan Pemerintahan Daerah, last", "816000", "836000", 2),
        (878, "rollup_mismatch", "Pemeliharaan Barang Milik Daerah Penunjang", "225250", "235250", 2),
        # (read since the table's first row is coded: the Renja goes on after a page break) prakiraan maju 2024:
        # 12,000,000 + 50,000,000 + 190,000,000 = 252.000.000, printed 212,000,000 (its 2023 pagu adds up)
        (844, "rollup_mismatch", "Administrasi Kepegawaian Perangkat Daerah, last", "212000000", "252000000", 3),
        # the program's one kegiatan realises 236.657.400; the program prints 238.657.400
        (1059, "rollup_mismatch", "PROGRAM PENDEKATAN FIDUCIAR, realisasi", "238657400", "236657400", 1),
        # 70.000.000 + 96.653.200 = 166.653.200 ≠ 287.541.300; 70.000.000 + 109.710.000 = 179.710.000 ≠ 236.657.400
        (1060, "rollup_mismatch", "Penyusunan Perencanaan Pendukung, pagu", "287541300", "166653200", 2),
        (1060, "rollup_mismatch", "Penyusunan Perencanaan Pendukung, realisasi", "236657400", "179710000", 2),
    ],
    "kota-dumai_sekretariat-daerah_2023": [],
    "kota-dumai_bkpsdm_2023_ocr": [],
}
CASES = [(stem, *case) for stem, cases in CONFIRMED.items() for case in cases]


def matches(finding, case) -> bool:
    line, code, subject, stated, expected, parts = case
    return (finding.provenance.line == line and finding.code == code and subject in finding.subject
            and finding.stated_value == Decimal(stated) and finding.expected_value == Decimal(expected)
            and len(finding.parts) == parts)


def findings_of(stem: str) -> list:
    return [f for f in report(stem).findings if f.code in CODES]


@pytest.mark.parametrize("stem, line, code, subject, stated, expected, parts", CASES,
                         ids=[f"{c[0].split('_')[1]}-{c[1]}-{c[2]}" for c in CASES])
def test_confirmed_finding_is_found(stem, line, code, subject, stated, expected, parts):
    case = (line, code, subject, stated, expected, parts)
    assert any(matches(f, case) for f in findings_of(stem)), [
        (f.provenance.line, f.code, f.subject, f.stated_value, f.expected_value) for f in findings_of(stem)]


@pytest.mark.parametrize("stem", sorted(CONFIRMED))
def test_nothing_else(stem):
    unexpected = [(f.provenance.line, f.code, f.subject, f.stated, f.expected) for f in findings_of(stem)
                  if not any(matches(f, case) for case in CONFIRMED[stem])]
    assert unexpected == []


def test_corpus_severities():
    """The disdukcapil roll-ups rest on the layout (kegiatan rows print no code): warnings; quarters always are."""
    assert {f.severity for stem in CONFIRMED for f in findings_of(stem)} == {"warning"}
    assert all(f.basis == "interpretation" for stem in CONFIRMED for f in findings_of(stem))
