"""The verification stage on the real corpus: findings confirmed by reading the reports.

For each clean report, every finding of the arithmetic rules (achievement, absorption, sums, words,
cross-table, efficiency, predicate) is listed below as (line, code, severity, subject contains,
stated, expected), each re-computed by hand from the report text; the starting point was the
``arithmetic_errors`` of ``tests/expected/<report>.yaml``. Two tests hold them: every confirmed
finding is found, and nothing else is found (no false alarm on the figures that add up). The OCR
report may only get warnings.
"""
from __future__ import annotations

import pytest

from corpus_expectations import corpus_context, report

RULE_CODES = {"achievement_mismatch", "absorption_mismatch", "sum_mismatch", "words_mismatch",
              "cross_table_mismatch", "efficiency_mismatch", "predicate_mismatch"}

MODAL_SEKRETARIAT = ("Rp. 9.031.524.456,- (Sembilan Milyar Tiga Puluh Satu Juta Lima Ratus Dua Puluh Ribu Empat Ratus "
                     "Lima Puluh Enam Rupiah)")
MODAL_SEKRETARIAT_WORDS = ("9.031.524.456 = sembilan miliar tiga puluh satu juta lima ratus dua puluh empat ribu empat "
                           "ratus lima puluh enam rupiah")
MODAL_DISDUKCAPIL_WORDS = ("950.740.557 = sembilan ratus lima puluh juta tujuh ratus empat puluh ribu lima ratus lima "
                           "puluh tujuh rupiah")
OPD = "Persentase OPD yang melakukan pelayanan terintegrasi"
PENUNJANG = "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota, anggaran"
PENEGASAN = "Persentase capaian Penegasan Batas"

CONFIRMED = {
    "kota-dumai_sekretariat-daerah_2023": [
        # Tabel IV (exec summary) prints realisasi 30 and 3 where Tabel 3.1.1/3.2.1/3.6.1 print 40 and 5;
        # its capaian 133% and 83% are those of 40/30 and 5/6, not of its own 30/30 and 3/6.
        (320, "achievement_mismatch", "error", "Jumlah mahasiswa yang memperoleh beasiswa", "133%", "30/30 × 100 = 100,00%"),
        (321, "achievement_mismatch", "error", "Jumlah Kerjasama Daerah dengan Institusi", "83%", "3/6 × 100 = 50,00%"),
        (320, "cross_table_mismatch", "error", "mahasiswa yang memperoleh beasiswa berprestasi, realisasi 2023", "30",
         "40 (Tabel 3.1.1 line 896 and 4 other places)"),
        (321, "cross_table_mismatch", "error", "Institusi/Lembaga Pendidikan, realisasi 2023", "3",
         "5 (Tabel V line 357 and 5 other places)"),
        # The tujuan indicators' CAPAIAN column holds a count: "3 3 3" (BUMD), "30 40 30" (beasiswa).
        (350, "achievement_mismatch", "error", "Jumlah BUMD yang dibina dan dikembangkan", "3", "3/3 × 100 = 100,00%"),
        (354, "achievement_mismatch", "error", "Jumlah Mahasiswa yang memperoleh bantuan beasiswa", "30", "40/30 × 100 = 133,33%"),
        (1198, "achievement_mismatch", "error", "Jumlah BUMD yang dibina dan dikembangkan", "3", "3/3 × 100 = 100,00%"),
        (1201, "achievement_mismatch", "error", "Jumlah Mahasiswa yang memperoleh bantuan beasiswa", "30", "40/30 × 100 = 133,33%"),
        # 93.874.609.881 / 98.575.166.924 = 95,2315 %, printed 95,26%.
        (1175, "absorption_mismatch", "error", "Total anggaran belanja", "95,26%", "93.874.609.881/98.575.166.924 × 100 = 95,23%"),
        # "Lima Ratus Dua Puluh Ribu" for 524 thousand (digits agree with 89.543.642.468 + 9.031.524.456).
        (327, "words_mismatch", "error", "Belanja Modal", MODAL_SEKRETARIAT, MODAL_SEKRETARIAT_WORDS),
        (1148, "words_mismatch", "error", "Belanja Modal", MODAL_SEKRETARIAT, MODAL_SEKRETARIAT_WORDS),
        # Tabel V and 3.6.1 print the sasaran indicator's name beside the tujuan indicator's figures (3 of 3
        # segments, Renstra line 729); every other table prints target and realisasi 29,2. The target 29.2 is
        # also read from the tables that print a tujuan and a sasaran indicator side by side: Tabel 2.2.1 line
        # 729 (tujuan 3 | sasaran 29.2), the Renstra matrix line 1316 (sasaran series NA 25 29.2 33.3 37.5 41.7
        # for 2021-2026) and the Rencana Aksi line 1348 (Target Tahunan 29,2 beside TW 1-4): 6 + 3 other places.
        (360, "cross_table_mismatch", "error", f"{PENEGASAN}", "3", "29.2 (Tabel I line 279 and 9 other places)"),
        (1208, "cross_table_mismatch", "error", f"{PENEGASAN}", "3", "29.2 (Tabel I line 279 and 9 other places)"),
        (360, "cross_table_mismatch", "error", f"{PENEGASAN}", "3", "29,2 (Tabel IV line 322 and 4 other places)"),
        (1208, "cross_table_mismatch", "error", f"{PENEGASAN}", "3", "29,2 (Tabel IV line 322 and 4 other places)"),
        # The Rencana Aksi and the Perubahan PK appendix print Penunjang 62,866,151,818 and a total of
        # 99,225,166,924 (internally consistent); everywhere else 62.216.151.818 and 98.575.166.924.
        (1350, "cross_table_mismatch", "error", "Jumlah anggaran", "99,225,166,924",
         "Rp 98.575.166.924 (text line 284 and 6 other places)"),
        (1500, "cross_table_mismatch", "error", "Jumlah anggaran", "99,225,166,924",
         "Rp 98.575.166.924 (text line 284 and 6 other places)"),
        (1349, "cross_table_mismatch", "error", PENUNJANG, "62,866,151,818", "Rp 62.216.151.818,- (Tabel II line 290 and 4 other places)"),
        (1499, "cross_table_mismatch", "error", PENUNJANG, "62,866,151,818", "Rp 62.216.151.818,- (Tabel II line 290 and 4 other places)"),
    ],
    "kota-dumai_disdukcapil_2023": [
        # 51,85/69 = 75,1449 %: neither rounding nor truncation gives the 75,07% printed in every table.
        (145, "achievement_mismatch", "error", f"{OPD}, 2023", "75,07%", "51,85/69 × 100 = 75,14%"),
        (168, "achievement_mismatch", "error", f"{OPD}, 2023", "75,07%", "51,85/69 × 100 = 75,14%"),
        (567, "achievement_mismatch", "error", f"{OPD}, 2023", "75,07%", "51,85/69 × 100 = 75,14%"),
        (649, "achievement_mismatch", "error", f"{OPD}, 2023", "75,07%", "51,85/69 × 100 = 75,14%"),
        (757, "achievement_mismatch", "error", f"{OPD}, 2023", "75,07%", "51,85/69 × 100 = 75,14%"),
        (1050, "achievement_mismatch", "error", f"{OPD}, 2023", "75,07%", "51,85/69 × 100 = 75,14%"),
        # 2022: target 56% (Tabel 3.4), realisasi 40,7%: 72,68 %, printed 74% (Tabel 3.3 and the appendix
        # print no 2022 target; Tabel 3.4's is the only one).
        (567, "achievement_mismatch", "error", f"{OPD}, 2022", "74%", "40,7/56 × 100 = 72,68%"),
        (649, "achievement_mismatch", "error", f"{OPD}, 2022", "74%", "40,7/56 × 100 = 72,68%"),
        (1050, "achievement_mismatch", "error", f"{OPD}, 2022", "74%", "40,7/56 × 100 = 72,68%"),
        # Tabel 4 ticks "Cukup Berhasil" for 75,07%, Berhasil by Tabel 3.2 (70% s.d < 85%).
        (145, "predicate_mismatch", "error", f"{OPD}, 2023", "Cukup Berhasil (75,07%)", "Berhasil (75,07% is in 70% s.d < 85%)"),
        # 8.700.220.833 / 8.955.501.115 = 97,149 %, printed 97,32%.
        (740, "absorption_mismatch", "error", "Total anggaran belanja", "97,32%", "8.700.220.833/8.955.501.115 × 100 = 97,15%"),
        # Tabel 3: Penunjang printed 8.518.918.015 (digits swapped); Tabel 2.6: JUMLAH printed 8.955.115.501.
        (136, "sum_mismatch", "error", "JUMLAH (Tabel 3)", "Rp. 8.955.501.115",
         "8.518.918.015 + 237.541.200 + 99.356.000 + 79.622.900 + 20.000.000 = 8.955.438.115"),
        (498, "sum_mismatch", "error", "JUMLAH (Tabel 2.6)", "Rp.8.955.115.501",
         "8.518.981.015 + 237.541.200 + 99.356.000 + 79.622.900 + 20.000.000 = 8.955.501.115"),
        (474, "cross_table_mismatch", "error", "Jumlah anggaran", "Rp.8.955.115.501,-", "Rp. 8.955.501.115 (Tabel 3 line 136 and 3 other places)"),
        (498, "cross_table_mismatch", "error", "Jumlah anggaran", "Rp.8.955.115.501", "Rp. 8.955.501.115 (Tabel 3 line 136 and 3 other places)"),
        # Penunjang: 8.518.981.015 (Tabel 2.6, Perubahan PK appendix) is the one that makes the five
        # programs add up to 8.955.501.115; Tabel 3 swaps two digits, Tabel 5/3.7/3.8 print 8.502.981.015.
        (131, "cross_table_mismatch", "error", PENUNJANG, "Rp. 8.518.918.015", "8.518.981.015 (Tabel 2.6 line 493 and 1 other place)"),
        (173, "cross_table_mismatch", "error", PENUNJANG, "Rp.8.502.981.015", "8.518.981.015 (Tabel 2.6 line 493 and 1 other place)"),
        (733, "cross_table_mismatch", "error", PENUNJANG, "Rp.8.502.981.015", "8.518.981.015 (Tabel 2.6 line 493 and 1 other place)"),
        (760, "cross_table_mismatch", "error", PENUNJANG, "Rp.8.502.981.015", "8.518.981.015 (Tabel 2.6 line 493 and 1 other place)"),
        # The Perubahan PK appendix's "TARGET TAHUN 2023" column carries the 2022 targets (Tabel 3.4).
        (1016, "cross_table_mismatch", "error", f"{OPD}, target 2023", "56", "69% (Tabel 1 line 109 and 8 other places)"),
        # Tabel 2.1 line 406 (tujuan IKM 88 | sasaran 73%, side by side) adds one place to each of these two.
        (1017, "cross_table_mismatch", "error", "Indeks Kepuasan Masyarakat", "86", "88 (Tabel 4 line 146 and 7 other places)"),
        (1018, "cross_table_mismatch", "error", "Persentase peningkatan kualitas pelayanan", "45",
         "73% (Tabel 1 line 110 and 9 other places)"),
        # "Sembilan ratus lima puluh ribu tujuh ratus empat puluh ribu rupiah" is no number.
        (153, "words_mismatch", "error", "Belanja Modal", "Rp. 950.740.557 (Sembilan ratus lima puluh ribu tujuh ratus empat puluh ribu rupiah)",
         MODAL_DISDUKCAPIL_WORDS),
        (723, "words_mismatch", "error", "Belanja Modal", "Rp.950.740.557 (Sembilan ratus lima puluh ribu tujuh ratus empat puluh ribu rupiah)",
         MODAL_DISDUKCAPIL_WORDS),
        # "(100%) dibagi dengan (97,23%)" is 1,03; the 2,77% printed is 100 − 97,23.
        (197, "efficiency_mismatch", "error", "Tingkat efisiensi", "2,77%", "100 / 97,23 = 1,03"),
        (771, "efficiency_mismatch", "error", "Tingkat efisiensi", "2,77%", "100 / 97,23 = 1,03"),
    ],
    "kota-dumai_kecamatan-dumai-kota_2022": [
        # Tabel 3.2 col. 8, capaian against the Renstra end target 88: 89,87/88 = 102,125 %, printed 103%.
        (439, "achievement_mismatch", "error", "Indeks Kepuasan Masyarakat, capaian terhadap target akhir Renstra", "103%",
         "89,87/88 × 100 = 102,13%"),
        # Executive summary: allocation and realisation swapped (line 696 states them the right way round).
        (61, "absorption_mismatch", "error", "Secara keseluruhan Kecamatan Dumai Kota", "96,98%",
         "1.103.336.776/1.070.096.194 × 100 = 103,11%"),
        (627, "absorption_mismatch", "error", "Pengadaan Barang Milik Daerah", "100%", "119.375.000/125.645.000 × 100 = 95,01%"),
        (667, "absorption_mismatch", "error", "Koordinasi Upaya Penyelenggaraan Ketentraman", "92,00%",
         "91.809.900/100.000.000 × 100 = 91,81%"),
        # Declared "Tingkat efisiensi : capaian kinerja – penyerapan anggaran" (line 597): 100 − 98,96 = 1,04.
        (591, "efficiency_mismatch", "error", "tingkat efisiensi", "1,03", "100 − 98,96 = 1,04"),
        # Tabel 3.6 pagu 67.500.922 (the PK figure) against 67.485.922 in Tabel 3.5 (which adds up) and line 639.
        (704, "cross_table_mismatch", "error", "Program Penyelenggaraan Pemerintahan Dan Pelayanan Publik, anggaran",
         "67.500.922", "67.485.922,- (Tabel 3.5 line 688 and 1 other place)"),
        # Tabel 3.6 rows 2-4: the program names are shifted against the figures (warnings, not errors).
        (705, "cross_table_mismatch", "warning", "Koordinasi Ketentraman Dan Ketertiban Umum, anggaran", "831.418.650",
         "104.800.000,- (Tabel 3.5 line 690 and 1 other place)"),
        (705, "cross_table_mismatch", "warning", "Koordinasi Ketentraman Dan Ketertiban Umum, realisasi anggaran",
         "807.729.780", "96.609.900,- (Tabel 3.5 line 690 and 1 other place)"),
        (705, "cross_table_mismatch", "warning", "Koordinasi Ketentraman Dan Ketertiban Umum, penyerapan", "97,15%",
         "92 % (Tabel 3.5 line 690 and 1 other place)"),
        (706, "cross_table_mismatch", "warning", "Penyelenggaraan Urusan Pemerintahan Umum, anggaran", "104.800.000",
         "99.617.204,- (Tabel 3.5 line 691 and 1 other place)"),
        (706, "cross_table_mismatch", "warning", "Penyelenggaraan Urusan Pemerintahan Umum, realisasi anggaran", "96.609.900",
         "99.617.204,- (Tabel 3.5 line 691 and 1 other place)"),
        (706, "cross_table_mismatch", "warning", "Penyelenggaraan Urusan Pemerintahan Umum, penyerapan", "92,19%",
         "100 % (Tabel 3.5 line 691 and 1 other place)"),
        (707, "cross_table_mismatch", "warning", "Pemberdayaan Masyarakat Desa Dan Kelurahan, anggaran", "99.617.204",
         "831.418.650,- (Tabel 3.5 line 689 and 1 other place)"),
        (707, "cross_table_mismatch", "warning", "Pemberdayaan Masyarakat Desa Dan Kelurahan, realisasi anggaran", "99.617.204",
         "807.729.780,- (Tabel 3.5 line 689 and 1 other place)"),
        (707, "cross_table_mismatch", "warning", "Pemberdayaan Masyarakat Desa Dan Kelurahan, penyerapan", "100,00%",
         "97 % (Tabel 3.5 line 689 and 1 other place)"),
        # (The Rencana Aksi's quarterly targets, line 388, are quarter_mismatch now: tests/test_verify_rollups.py.)
    ],
    "kota-dumai_dinsos-pmd_2023": [
        # 1.529.080.716 / 1.539.632.000 = 99,3147 %; 99,58% is a sub kegiatan's rate (Lampiran line 1459).
        (320, "absorption_mismatch", "error", "Program pemberdayaan lembaga kemasyarakatan", "99,58",
         "1.529.080.716/1.539.632.000 × 100 = 99,31%"),
        (982, "absorption_mismatch", "error", "Program pemberdayaan lembaga kemasyarakatan", "99,58",
         "1.529.080.716/1.539.632.000 × 100 = 99,31%"),
        (1018, "absorption_mismatch", "error", "Program pemberdayaan lembaga kemasyarakatan", "99,58",
         "1.529.080.716/1.539.632.000 × 100 = 99,31%"),
        # Tabel VI copies 99,58 (the LPM program's figure) for the bencana indicator: 99,31 in Tabel V, 3.6.1.
        (336, "cross_table_mismatch", "error", "korban bencana alam dan sosial", "99,58", "99,31 (Tabel V line 323 and 1 other place)"),
        # "capaian (A%) dikurangi dengan penyerapan (B%)", the report's own rule.
        *[(line, "efficiency_mismatch", "error", "pengentasan desa/kelurahan tertinggal", "0,67%", "179 − 99,33 = 79,67")
          for line in (334, 344, 1029)],
        *[(line, "efficiency_mismatch", "error", "Persentase LPM", "0,69%", "100 − 99,58 = 0,42") for line in (335, 345, 1030)],
        *[(line, "efficiency_mismatch", "error", "korban bencana alam dan sosial", "0,69%", "100 − 99,58 = 0,42")
          for line in (336, 346, 1031)],
    ],
}
CASES = [(stem, *case) for stem, cases in CONFIRMED.items() for case in cases]


def rule_findings(stem: str) -> list:
    return [f for f in report(stem).findings if f.code in RULE_CODES]


def matches(finding, case) -> bool:
    line, code, severity, subject, stated, expected = case
    return (finding.provenance.line == line and finding.code == code and finding.severity == severity
            and subject in (finding.subject or "") and finding.stated == stated and finding.expected == expected)


@pytest.mark.parametrize("stem, line, code, severity, subject, stated, expected", CASES,
                         ids=[f"{c[0].split('_')[1]}-{c[1]}-{c[2]}" for c in CASES])
def test_confirmed_finding_is_found(stem, line, code, severity, subject, stated, expected):
    case = (line, code, severity, subject, stated, expected)
    assert any(matches(f, case) for f in rule_findings(stem)), [
        (f.provenance.line, f.code, f.subject, f.stated, f.expected) for f in rule_findings(stem) if f.provenance.line == line]


@pytest.mark.parametrize("stem", sorted(CONFIRMED))
def test_no_false_alarms(stem):
    """Every finding of the arithmetic rules on a clean report is one confirmed by hand."""
    unexpected = [(f.provenance.line, f.code, f.severity, f.subject, f.stated, f.expected)
                  for f in rule_findings(stem) if not any(matches(f, case) for case in CONFIRMED[stem])]
    assert unexpected == []


def test_the_ocr_report_gets_warnings_at_most():
    """Figures read by OCR, or compared across tables the OCR scrambled, are never called errors."""
    assert [f for f in rule_findings("kota-dumai_bkpsdm_2023_ocr") if f.severity == "error"] == []


@pytest.mark.parametrize("stem, kind, line", [
    ("kota-dumai_sekretariat-daerah_2023", "ratio", 389),       # "… (550%) dibagi dengan … (97,86%)"
    ("kota-dumai_disdukcapil_2023", "ratio", 197),
    ("kota-dumai_dinsos-pmd_2023", "difference", 340),          # "… dikurangi dengan …"
    ("kota-dumai_kecamatan-dumai-kota_2022", "difference", 597),  # "capaian kinerja – penyerapan anggaran"
])
def test_the_report_s_own_efficiency_formula_is_recorded(stem, kind, line):
    formula = report(stem).scales["efficiency_formula"]
    assert (formula["kind"], formula["declared"], formula["line"]) == (kind, True, line)


@pytest.mark.parametrize("stem, scales", [
    ("kota-dumai_sekretariat-daerah_2023", ["Tabel 3.1 Skala Nilai Peringkat Kinerja", "Tabel 3.2 Atribut Capaian Indikator Kinerja"]),
    ("kota-dumai_disdukcapil_2023", ["Tabel 3.1 Skala Nilai Peringkat Kinerja", "Tabel 3.2 Atribut Capaian Indikator Kinerja"]),
    ("kota-dumai_kecamatan-dumai-kota_2022", ["atribut_capaian", "permendagri_86_2017"]),  # prints none: the standard ones
])
def test_the_report_s_own_predicate_scales_are_recorded(stem, scales):
    recorded = report(stem).scales["predicate_scales"]
    assert [s["name"] for s in recorded] == scales
    assert all(s["declared"] for s in recorded) == (stem != "kota-dumai_kecamatan-dumai-kota_2022")


@pytest.mark.parametrize("stem", sorted(CONFIRMED))
def test_verification_changes_no_extracted_fact(stem):
    """Polarity and scales come from the yardsticks stage: a report read without verification is the same."""
    verified, unverified = report(stem), corpus_context(stem).report
    assert unverified.scales == verified.scales
    for field in ("indicators", "programs", "budget", "goals", "objectives", "tables"):
        assert getattr(unverified, field) == getattr(verified, field), field


def test_capaian_formulas_printed_by_the_reports_are_recorded():
    formulas = report("kota-dumai_disdukcapil_2023").scales["achievement_formulas"]
    assert (formulas["higher_is_better"]["line"], formulas["lower_is_better"]["line"]) == (533, 539)
    assert formulas["lower_is_better"]["formula"] == "(2 × target − realisasi) / target × 100"
    # "KET : Capaian kinerja : realisasi indikator / target x 100%" under Tabel 3.4
    assert report("kota-dumai_kecamatan-dumai-kota_2022").scales["achievement_formulas"]["higher_is_better"]["line"] == 593
    # the OCR of the fraction lost its bar: the standard formula is used, and said to be
    ocr = report("kota-dumai_bkpsdm_2023_ocr").scales["achievement_formulas"]
    assert not ocr["higher_is_better"]["declared"] and ocr["lower_is_better"]["line"] == 1797


# ------------------------------------------------------------------ upstream bugs the rules work around


def test_regression_predicate_word_printed_under_its_own_column():
    """Disdukcapil Tabel 4 line 145 prints the word 'Cukup Berhasil' under its own predicate column (no check mark)."""
    indicator = next(i for i in report("kota-dumai_disdukcapil_2023").indicators if i.name.startswith(OPD))
    measurement = next(m for m in indicator.measurements if m.year == 2023)
    assert next(e for e in measurement.evidence if e.provenance.line == 145).predicate == "Cukup Berhasil"


def test_regression_amount_with_a_footnote_mark():
    """The cell '8.518.981.015 1' (a stray footnote mark, disdukcapil Tabel 2.6 line 493) is still the amount."""
    program = next(p for p in report("kota-dumai_disdukcapil_2023").programs if "Penunjang" in p.name)
    assert any(e.provenance.line == 493 and e.allocation is not None for e in program.evidence)
