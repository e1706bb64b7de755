"""narrative_mismatch: target / realisasi / capaian stated in the analysis against the tables.

Examples are grouped by where they came from: sentences of the corpus (claims and non-claims), then
hand-built reports, then the four clean corpus reports, whose findings were confirmed by reading.
"""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from extractor.model import Indicator, Measurement, Provenance, Report, Source
from extractor.names import AMBIGUOUS, IndicatorNames
from extractor.numbers import parse_figure
from extractor.patterns import PATTERNS_DIR
from extractor.read.base import Document, Line
from corpus_expectations import corpus_context
from extractor.verify import Context, narrative



# ------------------------------------------------------------------ claims in a sentence

CLAIMS = [
    ("Target yang ditetapkan tahun 2023 adalah 73% realisasi sebesar 92,08% tercapai 126% atau bernilai",
     [("target", "73%", 2023), ("realization", "92,08%", None), ("achievement", "126%", None)]),
    ("Pada Tahun 2022 target yang akan dicapai sebanyak 2 (dua) naskah kerjasama dengan realisasi pada Tahun 2022 "
     "adalah 6 (enam) Naskah Kerjasama dengan dengan capaian 300%",
     [("target", "2", None), ("realization", "6", 2022), ("achievement", "300%", None)]),
    ("Pada Tahun 2023 target kinerja naik menjadi 29,2 Persen dan realisasinya adalah 29,2 Persen sehingga capaian "
     "kinerja dapat tercapai 100%.",
     [("target", "29,2 Persen", None), ("realization", "29,2 Persen", None), ("achievement", "100%", None)]),
    ("c. Pada tahun 2023 target kinerja berubah yaitu 42% dan realisasinya adalah 75% dan capaian kinerja 179%",
     [("target", "42%", None), ("realization", "75%", None), ("achievement", "179%", None)]),
    ("dengan target 2022 adalah 47%, berasal dari perhitungan", [("target", "47%", 2022)]),
    ("berasal dari perhitungan persentase capaian kinerja Tahun 2023 (550%) dibagi dengan persentase penyerapan "
     "anggaran Tahun 2023 (97,86%).", [("achievement", "550%", 2023)]),
    ("tidak terealisasi sehingga capaian kinerja 0.00%, tidak tercapainya target", [("achievement", "0.00%", None)]),
    ("Target kinerja tahun 2022 yang diakumulasi dari awal tahun rencana 2022 adalah 87, sementara realisasi "
     "capaian indikator pada kondisi akhir Tahun 2022 adalah 89,87 dan tingkat capaian sebesar 103%",
     [("achievement", "103%", None)]),
    # not claims: changes, negations, ratios, money, reaching a target, column numbers
    ("maka capaian tahun 2023 menurun sebesar 1,3% penurunan tidak berdampak", []),
    ("maka capaian tahun 2023 naik sebesar sebesar 6%.", []),
    ("Tidak tercapainya 100% dikarenakan kebijakan pimpinan", []),
    ("Tercapainya Pembinaan BUMD mencapai target 100% yaitu dengan 3 BUMD", []),
    ("pencapaiannya melebihi dari target yaitu 40 (empat) puluh orang", []),
    ("realisasi kinerja sampai dengan tahun 2022 sebesar 102,1 % dari target yang ditetapkan.", []),
    ("Realisasi sampai dengan 31 Desember 2023 sebesar Rp. 8.700.220.833,-, terdiri dari", []),
    ("dengan realisasi Rp.8.700.220.833 atau dengan capaian sebesar 97,32% dari total anggaran.", []),
    ("capaian untuk target 2023 telah terlampaui 5,73 %.", []),
    ("Program Target Realisasi Capaian Alokasi Realisasi Capaian 1 2 3 4 5 6 7 8", []),
    # an average over the indicators, not one indicator's figure
    ("Dengan rata-rata capaian 95,12%, kinerja Dinas tahun 2023 berada pada predikat Sangat Baik.", []),
    ("Nilai rata - rata capaian kinerja sebesar 88% dengan kategori Baik", []),
    ("Berdasarkan akumulasi realisasi sebesar 12 naskah", []),
    ("Secara keseluruhan, capaian kinerja sebesar 97,5% termasuk kategori Sangat Berhasil", []),
]


@pytest.mark.parametrize("text, expected", CLAIMS)
def test_find_claims(text, expected):
    assert [(c.field, c.figure.raw, c.cue_year) for c in narrative.find_claims(text)] == expected


@pytest.mark.parametrize("stated, table, same", [
    ("29.2 %", "29,2", True), ("103%", "103,2", True), ("0.00%", "0%", True), ("105,73%", "105,739", True),
    ("75,07%", "75", True), ("100", "100%", True), ("100%", "133%", False), ("50%", "83%", False),
    ("75,07%", "75,14%", False),
])
def test_agrees(stated, table, same):
    assert narrative.agrees(parse_figure(stated), parse_figure(table)) is same


def test_pattern_data_integrity():
    rows = [json.loads(line) for line in (PATTERNS_DIR / "narrative.jsonl").read_text("utf-8").splitlines()]
    labels = {row["label"] for row in rows}
    assert set(narrative.FIELDS) <= labels <= set(narrative.FIELDS) | narrative.LABELS
    assert all(isinstance(row["pattern"], list) and row["pattern"] for row in rows)
    assert narrative.rules() is narrative.rules()  # loaded once


# ------------------------------------------------------------------ which indicator a sentence names

NAMES = ["Terlaksananya Kerjasama antar Daerah", "Terlaksananya Kerjasama Daerah dengan Pihak",
         "Terlaksananya Kerjasama Daerah dengan Pemerintah dan Lembaga di Luar Negeri",
         "Jumlah Kerjasama Daerah dengan Institusi/Lembaga Pendidikan"]


def _indicators(names, aliases=()) -> list[Indicator]:
    out = [Indicator(id=f"i{k + 1}", name=name) for k, name in enumerate(names)]
    for k, alias in aliases:
        out[k].aliases.append(alias)
    return out


@pytest.mark.parametrize("sentence, expected", [
    ("Indikator pertama adalah terlaksananya Kerjasama antar Daerah dengan target naskah kerjasama.", "i1"),
    ("2. a. Indikator Kinerja Utama yang ke dua adalah terlaksananya Kerjasama Daerah dengan Pihak Ketiga", "i2"),
    ("3. a. Indikator Kinerja yang ketiga adalah terlaksananya Kerjasama Daerah dengan Pemerintah dan Lembaga di "
     "Luar Negeri dengan target Naskah Kerjasama.", "i3"),
    ("Pada Indikator Kinerja Utama 6 jumlah Kerjasama dengan Institusi/Lembaga Pendidikan tingkat efisiensinya", "i4"),
    ("Bila dibandingkan dengan realisasi tahun 2022 sebesar 100%", None),
    ("Terlaksananya Kerjasama antar Daerah dan Terlaksananya Kerjasama Daerah dengan Pemerintah dan Lembaga di Luar "
     "Negeri", "ambiguous"),
])
def test_indicator_names(sentence, expected):
    # the truncated alias of i1 is held inside the names of i2 and i3: it must not make them ambiguous
    index = IndicatorNames(_indicators(NAMES, aliases=[(0, "Terlaksananya Kerjasama Daerah")]))
    found = index.named(sentence)
    assert (found.id if isinstance(found, Indicator) else "ambiguous" if found is AMBIGUOUS
            else None) == expected


@pytest.mark.parametrize("sentence, years", [
    ("Pada tahun 2022 target 56%. Realisasi pada tahun 2022 adalah 40,7% dengan capaian 74%.", [2022, 2022, 2022]),
    ("Indikator keempat adalah Pembinaan BUMD dengan target 3 (tiga) BUMD pada Tahun 2022.", [2022]),
    ("Bila dibandingkan dengan realisasi tahun 2022 sebesar 100% atau tercapai sebesar 100%, maka capaian tahun "
     "2023 sesuai target sebesar 100%", [2022, 2022]),
    ("dengan target 2 (dua) kerjasama, realisasinya adalah 11 (sebelas) Naskah Kerjasama", [None, None]),
])
def test_claim_year(sentence, years):
    assert [narrative.claim_year(c, sentence, "") for c in narrative.find_claims(sentence)] == years


def test_claim_year_from_the_paragraph_before():
    [claim] = narrative.find_claims("dengan capaian 74%")
    assert narrative.claim_year(claim, "dengan capaian 74%", "Pada tahun 2021 dan tahun 2022 …") == 2022


# ------------------------------------------------------------------ hand-built reports

TABLE = "Tabel 3.1.1 Pengukuran Kinerja"


def _measurement(year, target, realization, achievement, line=10) -> Measurement:
    return Measurement(year=year, target=parse_figure(target) if target else None,
                       realization=parse_figure(realization), achievement=parse_figure(achievement),
                       provenance=Provenance(file="t.txt", line=line, table=TABLE))


def _report() -> Report:
    indicators = _indicators(NAMES[:2])
    indicators[0].measurements = [_measurement(2023, "2", "11", "550%"), _measurement(2022, None, "6", "300 %")]
    indicators[1].measurements = [_measurement(2023, "6", "20", "333%", line=11)]
    return Report(source=Source(path="t.txt", sha256="0", format="text"), report_year=2023, indicators=indicators)


def _check(*texts: str):
    lines = [Line(n, t, t) for n, t in enumerate(texts, start=1)]
    ctx = Context(report=_report(), document=Document("t.txt", "text", lines, "0"), tables=[])
    return list(narrative.check(ctx))


ITEM = "1. Indikator terlaksananya Kerjasama antar Daerah"


def test_consistent_claims_give_nothing():
    assert _check(ITEM, "a. Capaian kinerja menunjukkan capaian yang meningkat. Target yang ditetapkan Tahun 2023 "
                        "adalah 2 realisasi sebesar 11 tercapai 550%. Bila dibandingkan dengan realisasi tahun 2022 "
                        "sebesar 6 atau tercapai sebesar 300%, maka capaian tahun 2023 meningkat sebesar 250%.") == []


def test_claim_under_an_item_naming_the_indicator():
    [finding] = _check(ITEM, "a. Capaian kinerja. Target yang ditetapkan Tahun 2023 adalah 2 realisasi sebesar 12 "
                             "tercapai 550%.")
    # which indicator and year a sentence's figure is about is an interpretation: a warning, never an error
    assert (finding.code, finding.severity, finding.basis, finding.subject, finding.stated) == (
        "narrative_mismatch", "warning", "interpretation", "realisasi 2023, Terlaksananya Kerjasama antar Daerah",
        "realisasi sebesar 12")
    assert (finding.subject_kind, finding.field, finding.year, finding.stated_value, finding.expected_value) == (
        "indicator", "realization", 2023, 12, 11)
    assert finding.expected == f"11 (realisasi 2023 in {TABLE}, line 10)"
    assert (finding.provenance.file, finding.provenance.line) == ("t.txt", 2)


def test_claim_continued_on_the_next_line():
    [finding] = _check(ITEM, "b. Pada Tahun 2022 target yang akan dicapai sebanyak 2 (dua) naskah",
                       "kerjasama dengan realisasi pada Tahun 2022 adalah 7 (tujuh) Naskah dengan capaian 300%")
    assert (finding.stated, finding.provenance.line, finding.severity) == (
        "realisasi pada Tahun 2022 adalah 7", 3, "warning")


def test_claim_without_a_year_is_only_a_warning():
    [finding] = _check("1. Indikator 1, Terlaksananya Kerjasama antar Daerah dengan target 2 (dua) kerjasama, "
                       "realisasinya adalah 11 (sebelas) Naskah Kerjasama dengan capaian kinerja 500%.")
    assert (finding.severity, finding.stated) == ("warning", "capaian kinerja 500%")


def test_ambiguous_or_unlinked_claims_are_skipped():
    assert _check("Terlaksananya Kerjasama antar Daerah dan Terlaksananya Kerjasama Daerah dengan Pihak Ketiga "
                  "dengan target tahun 2023 adalah 9.") == []
    assert _check("Target yang ditetapkan tahun 2023 adalah 9 realisasi sebesar 9.") == []


def test_a_heading_or_a_new_numbered_item_ends_the_link():
    assert _check(ITEM, "3.2 Perbandingan Realisasi Kinerja", "Target yang ditetapkan Tahun 2023 adalah 9.") == []
    assert _check(ITEM, "2. Analisis program", "Target yang ditetapkan Tahun 2023 adalah 9.") == []


def test_an_average_is_not_the_capaian_of_the_indicator_named_before():
    # the sentence before names the indicator and states its capaian rightly; the average over all the
    # indicators that follows (not 550%) is no claim about it
    assert _check(ITEM, "a. Target yang ditetapkan Tahun 2023 adalah 2 realisasi sebesar 11 tercapai 550%. Dengan "
                        "rata-rata capaian 96,40%, kinerja Dinas tahun 2023 berada pada predikat Sangat Baik.") == []
    # the indicator's own capaian in the same paragraph is still read
    [finding] = _check(ITEM, "a. Dengan rata-rata capaian 96,40% untuk seluruh indikator, capaian kinerja tahun 2023 "
                             "sebesar 500%.")
    assert (finding.field, finding.stated_value, finding.expected_value) == ("achievement", 500, 550)


def test_a_year_without_a_table_figure_is_skipped():
    assert _check(ITEM, "a. Pada Tahun 2022 target yang ditetapkan sebanyak 5 naskah; realisasi tahun 2021 "
                        "sebesar 1.") == []


# ------------------------------------------------------------------ corpus reports, read by a person



SEKRETARIAT = "kota-dumai_sekretariat-daerah_2023"
MAHASISWA = "Jumlah mahasiswa yang memperoleh beasiswa berprestasi"
# (report, line, severity, subject, stated, expected prefix). Read in the report: the efficiency
# analysis (exec summary lines 389-399, section 3.7 lines 1220-1230) cites each IKU's capaian 2023;
# for IKU 5 it cites 100% (twice) and for IKU 6 50% (line 1226 repeats it as 83%), where Tabel 3.1.1
# (and Tabel IV, V, 3.6.1) print 133% and 83%. tests/expected lists these as doubtful (they follow
# Tabel IV's realisasi 30 and 3); the capaian they state is not the tables' capaian. Warnings: which
# indicator and year the prose figure is about is an interpretation (and here it follows another printing).
CONFIRMED = [
    (SEKRETARIAT, 393, "warning", f"capaian 2023, {MAHASISWA}", "capaian kinerja Tahun 2023 (100%)",
     "133% (capaian 2023 in Tabel 3.1.1 "),
    (SEKRETARIAT, 397, "warning", "capaian 2023, Jumlah Kerjasama Daerah dengan Institusi/Lembaga Pendidikan",
     "capaian kinerja Tahun 2023 (50%)", "83% (capaian 2023 in Tabel 3.1.1 "),
    (SEKRETARIAT, 1225, "warning", f"capaian 2023, {MAHASISWA}", "capaian kinerja Tahun 2023 (100%)",
     "133% (capaian 2023 in Tabel 3.1.1 "),
]
REPORTS = [SEKRETARIAT, "kota-dumai_kecamatan-dumai-kota_2022", "kota-dumai_disdukcapil_2023",
           "kota-dumai_dinsos-pmd_2023"]


@pytest.mark.parametrize("name, line, severity, subject, stated, expected", CONFIRMED)
def test_confirmed_findings(name, line, severity, subject, stated, expected):
    found = [f for f in narrative.check(corpus_context(name)) if f.provenance.line == line]
    assert len(found) == 1, found
    finding = found[0]
    assert (finding.code, finding.severity, finding.stated) == ("narrative_mismatch", severity, stated)
    assert subject in finding.subject
    assert finding.expected.startswith(expected), finding.expected


@pytest.mark.parametrize("name", REPORTS)
def test_no_other_findings(name):
    confirmed = {(line, stated) for report, line, _, _, stated, _ in CONFIRMED if report == name}
    assert {(f.provenance.line, f.stated) for f in narrative.check(corpus_context(name))} == confirmed


@pytest.mark.parametrize("name, line, field, year, indicator", [
    (SEKRETARIAT, 1036, "realization", 2022, "i1"),          # claim continued from line 1034
    (SEKRETARIAT, 1063, "target", 2023, "i7"),               # "29,2 Persen" against "29.2"
    (SEKRETARIAT, 1044, "achievement", 2023, "i3"),          # "0.00%" against "0%"
    ("kota-dumai_kecamatan-dumai-kota_2022", 449, "achievement", 2022, "i1"),  # "103%" against "103,2"
    ("kota-dumai_disdukcapil_2023", 622, "target", 2023, "i4"),
    ("kota-dumai_disdukcapil_2023", 662, "target", 2022, "i2"),              # 56% from Tabel 3.4
    ("kota-dumai_dinsos-pmd_2023", 839, "target", 2023, "i1"),               # item "c." after a table
    ("kota-dumai_dinsos-pmd_2023", 1029, "achievement", 2023, "i2"),
])
def test_consistent_corpus_claims_are_linked(name, line, field, year, indicator):
    ctx = corpus_context(name)
    linked = [lc for lc in narrative.linked_claims(ctx) if lc.line.number == line and lc.claim.field == field]
    assert linked and all(lc.indicator.id == indicator and lc.year == year for lc in linked)
    assert all(narrative.measured(ctx, lc.indicator, lc.year, field) for lc in linked)
