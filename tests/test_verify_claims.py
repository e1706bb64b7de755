"""trend_mismatch and category_mismatch: claims in prose against the tables and the report's own scales.

Examples are grouped by where they came from: sentences of the corpus (claims and non-claims), then
hand-built reports (each case and its negative), then the five corpus reports, whose findings were
confirmed by reading the paragraphs and the tables of the years they compare.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.model import Indicator, Measurement, Provenance, Report, Source
from extractor.numbers import parse_figure
from extractor.pipeline import assemble_document
from extractor.read import read_document
from extractor.read.base import Document, Line
from corpus_expectations import corpus_context
from extractor.verify import Context, claims
from extractor.verify.categories import scale_row


# ------------------------------------------------------------------ direction claims in a sentence

TRENDS = [
    # corpus sentences: (direction, subject, year printed, compared year printed)
    ("Capaian kinerja untuk indikator X menunjukkan capaian yang menurun.", [("down", "achievement", None, None)]),
    ("Bila dibandingkan dengan realisasi tahun 2022 sebesar 97.7% atau tercapai sebesar 97.7%, maka capaian tahun "
     "2023 menurun sebesar 11.9%;", [("down", "achievement", 2023, 2022)]),
    ("maka capaian tahun 2023 tetap (sama dengan pencapaian tahun 2022).",
     [("same", "achievement", 2023, 2022), ("same", "achievement", 2023, 2022)]),
    ("Capaian kinerja untuk indikator X menunjukkan capaian yang tetap dengan Tahun 2022.",
     [("same", "achievement", None, 2022)]),
    ("Sama dengan realisasi Tahun 2022 sebesar 3 BUMD atau tercapai sebesar 100%,", [("same", "realization", None, 2022)]),
    ("Pada tahun 2023, target kinerja naik dari tahun sebelumnya menjadi 84%", [("up", "target", 2023, None)]),
    ("maka capaian Tahun 2023 meningkat sebesar 250%.", [("up", "achievement", 2023, None)]),
    # not direction claims: template alternatives, the future, other senses of the words
    ("menunjukkan capaian yang meningkat/ menurun/ tetap. Target yang ditetapkan", []),
    ("menunjukkan capaian yang meningkat/ tetap.", []),
    ("sehingga capaian kinerja Dinas Sosial akan meningkat.", []),
    ("dengan tetap mengacu pada prosedur dan aturan yang berlaku.", []),
    ("Kebutuhan layanan bagi Pemerlu Pelayanan Kesejahteraan Sosial (PPKS) yang meningkat;", []),
    ("realisasi anggaran tahun 2023 meningkat dibandingkan tahun 2022", []),
]


@pytest.mark.parametrize("text, expected", TRENDS)
def test_find_trends(text, expected):
    assert [(t.direction, t.subject, t.year, t.compared) for t in claims.find_trends(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Pada tahun 2022 Persentase X adalah sebesar 60% sama dengan tahun 2022 sebesar 100%", [2022]),
    ("Bila dibandingkan dengan realisasi tahun 2023 sebesar 5, maka capaian tahun 2023 menurun", []),
    ("capaian tahun 2023 sebesar 90% dibandingkan dengan target tahun 2023", []),
    ("maka capaian tahun 2023 tetap (sama dengan pencapaian tahun 2022).", []),
])
def test_self_comparisons(text, expected):
    assert [year for _, _, year in claims.self_comparisons(text)] == expected


# ------------------------------------------------------------------ hand-built reports

TABLE = "Tabel 3.1 Pengukuran Kinerja"
NAME = "Persentase pelayanan kepegawaian yang diselesaikan tepat waktu"
ITEM = f"1. Indikator {NAME}"
SCALE = {"name": "Tabel 3.2 Atribut Capaian", "declared": True, "line": 5, "bands": [
    {"predicate": "Sangat Berhasil", "min": 85, "min_inclusive": True, "max": 100, "max_inclusive": True, "printed": "85% s.d 100%"},
    {"predicate": "Berhasil", "min": 70, "min_inclusive": True, "max": 85, "max_inclusive": False, "printed": "70% s.d < 85%"},
    {"predicate": "Cukup Berhasil", "min": 55, "min_inclusive": True, "max": 70, "max_inclusive": False, "printed": "55% s.d < 70%"},
    {"predicate": "Tidak Berhasil", "min": None, "min_inclusive": False, "max": 55, "max_inclusive": False, "printed": "< 55%"}]}


def _measurement(year, realization, achievement, line=10) -> Measurement:
    return Measurement(year=year, realization=parse_figure(realization) if realization else None,
                       achievement=parse_figure(achievement) if achievement else None,
                       provenance=Provenance(file="t.txt", line=line, table=TABLE))


def _check(*texts: str, figures=(("6", "300%"), ("5", "250%")), polarity="higher_is_better", scales=None):
    indicator = Indicator(id="i1", name=NAME, polarity=polarity, measurements=[
        _measurement(2022, *figures[0], line=10), _measurement(2023, *figures[1], line=11)])
    report = Report(source=Source(path="t.txt", sha256="0", format="text"), report_year=2023, indicators=[indicator],
                    scales=scales or {})
    lines = [Line(n, t, t) for n, t in enumerate(texts, start=1)]
    return list(claims.check(Context(report=report, document=Document("t.txt", "text", lines, "0"), tables=[])))


COMPARED = "Bila dibandingkan dengan realisasi tahun 2022 sebesar 6, maka capaian tahun 2023 {}."


def test_an_increase_claimed_where_the_figures_fell():
    [finding] = _check(ITEM, "a. Capaian kinerja menunjukkan capaian yang meningkat. " + COMPARED.format("menurun"))
    assert (finding.code, finding.severity, finding.basis, finding.field, finding.year) == (
        "trend_mismatch", "error", "arithmetic", "trend", 2023)
    assert (finding.subject_kind, finding.subject_id, finding.stated) == ("indicator", "i1", "capaian yang meningkat")
    assert (finding.stated_value, finding.expected_value) == (Decimal(250), Decimal(300))
    assert [(p.label, p.value) for p in finding.parts] == [
        ("capaian 2022", 300), ("capaian 2023", 250), ("realisasi 2022", 6), ("realisasi 2023", 5)]
    assert [p.line for p in finding.places] == [2, 10, 11, 10, 11]
    assert finding.formula == "capaian 2023 vs capaian 2022"


def test_a_decrease_claimed_where_the_figures_fell_gives_nothing():
    assert _check(ITEM, "a. Capaian kinerja menunjukkan capaian yang menurun. " + COMPARED.format("menurun")) == []


def test_unchanged_figures_said_unchanged_give_nothing_and_said_changed_give_an_error():
    same = (("5", "100%"), ("5", "100%"))
    assert _check(ITEM, "a. Capaian kinerja menunjukkan capaian yang tetap. " + COMPARED.format("tetap"), figures=same) == []
    [finding] = _check(ITEM, "a. Capaian kinerja menunjukkan capaian yang meningkat.", figures=same)
    assert (finding.severity, finding.basis) == ("warning", "interpretation")  # the compared year is not printed


@pytest.mark.parametrize("amount, expected", [
    ("50%", []),             # 300% → 250%: 50 points
    ("16,67%", []),          # ... or 16,67% of 300%
    ("17%", []),             # at the precision printed
    ("1", []),               # the realisasi 6 → 5
    ("40%", [("error", "arithmetic", Decimal(40), Decimal(50))]),
])
def test_the_change_stated(amount, expected):
    found = _check(ITEM, "a. " + COMPARED.format(f"menurun sebesar {amount}"))
    assert [(f.severity, f.basis, f.stated_value, f.expected_value) for f in found] == expected
    assert all(f.field == "trend" and f.formula == "capaian 2023 − capaian 2022" for f in found)


def test_the_figure_named_contradicts_but_another_supports_is_a_warning():
    # capaian fell (191 → 126) while the realisation rose (86 → 92): "capaian … naik" may mean the realisation
    [finding] = _check(ITEM, "a. " + COMPARED.format("naik sebesar 6%"), figures=(("86%", "191%"), ("92,08%", "126%")))
    assert (finding.severity, finding.basis, finding.stated_value, finding.expected_value) == (
        "warning", "interpretation", Decimal(126), Decimal(191))


@pytest.mark.parametrize("claim, expected", [
    ("realisasi tahun 2023 menurun dibandingkan tahun 2022", []),      # the figure fell
    ("capaian tahun 2023 meningkat dibandingkan tahun 2022", []),      # the capaian (performance) rose
    ("realisasi tahun 2023 meningkat dibandingkan tahun 2022", [("warning", "interpretation")]),  # improved, not rose
    ("realisasi tahun 2023 tetap dibandingkan tahun 2022", [("error", "arithmetic")]),
])
def test_lower_is_better(claim, expected):
    # a rate better when lower: 10 → 8 is a fall of the figure and a rise of the capaian (100% → 120%)
    found = _check(ITEM, f"a. {claim}.", figures=(("10", "100%"), ("8", "120%")), polarity="lower_is_better")
    assert [(f.severity, f.basis) for f in found] == expected


def test_lower_is_better_without_capaian_reads_the_realisation_both_ways():
    figures = (("10", None), ("8", None))
    assert _check(ITEM, "a. capaian tahun 2023 meningkat dibandingkan tahun 2022.", figures=figures,
                  polarity="lower_is_better") == []
    assert _check(ITEM, "a. capaian tahun 2023 tetap dibandingkan tahun 2022.", figures=figures,
                  polarity="lower_is_better") != []


def test_a_year_compared_with_itself():
    [finding] = _check(ITEM, f"b. Pada tahun 2023 {NAME} adalah sebesar 6 sama dengan tahun 2023 sebesar 5")
    assert (finding.code, finding.severity, finding.field, finding.subject_id) == (
        "trend_mismatch", "error", "compared_year", "i1")
    assert (finding.stated_value, finding.expected_value) == (Decimal(2023), Decimal(2022))


def test_claims_about_an_unnamed_indicator_or_a_missing_year_are_skipped():
    assert _check("Capaian kinerja menunjukkan capaian yang meningkat. " + COMPARED.format("meningkat")) == []
    assert _check(ITEM, "a. capaian tahun 2023 meningkat dibandingkan tahun 2021.") == []
    assert _check(ITEM, "a. target kinerja tahun 2023 naik dibandingkan tahun 2022.") == []  # no target printed


OVERALL = "Berdasarkan {} tersebut menunjukkan bahwa pelaksanaan kinerja Badan selama tahun 2023 termasuk kategori {}"


@pytest.mark.parametrize("words, predicate, expected", [
    ("rata-rata capaian 98,5%", "Sangat Berhasil", []),
    ("rata-rata capaian 98,5%", "Berhasil", [("error", "arithmetic", Decimal("98.5"), Decimal("98.5"))]),
    ("akumulasi capaian IKU", "Sangat Berhasil", []),  # the mean capaian 2023 of the one indicator: 250%
    ("akumulasi capaian IKU", "Cukup Berhasil", [("warning", "interpretation", None, Decimal(250))]),
    ("akumulasi capaian IKU", "1 (satu) yaitu Sangat Berhasil", []),
    ("akumulasi capaian IKU", "2 (dua) yaitu Sangat Berhasil", [("warning", "interpretation", Decimal(2), Decimal(1))]),
])
def test_overall_predicate_against_the_scale(words, predicate, expected):
    found = _check(OVERALL.format(words, predicate), scales={"predicate_scales": [SCALE]})
    assert [(f.code, f.field, f.subject_kind) for f in found] == [("category_mismatch", "predicate", "report")] * len(expected)
    assert [(f.severity, f.basis, f.stated_value, f.expected_value) for f in found] == expected


def test_overall_predicate_against_a_standard_scale_is_a_warning():
    [finding] = _check("Nilai rata-rata capaian kinerja sasaran strategis adalah 100 % dengan kategori Berhasil",
                       scales={"predicate_scales": [dict(SCALE, declared=False)]})
    assert (finding.severity, finding.basis, finding.stated_value) == ("warning", "interpretation", Decimal(100))


EFFICIENCY = ("a. Pada Indikator Kinerja Utama 1 tingkat efisiensinya adalah {} berasal dari perhitungan persentase "
              "capaian kinerja tahun 2023 ({}) {} dengan persentase penyerapan anggaran tahun 2023 ({}). Pencapaian "
              "tersebut menunjukkan bahwa efisiensi penggunaan Sumber Daya termasuk dalam kategori {};")


@pytest.mark.parametrize("level, achievement, operation, absorption, label, expected", [
    ("0,76", "75,07%", "dibagi", "99,20%", "EFISIEN", [Decimal("0.7568")]),
    ("1,06", "105%", "dibagi", "99,20%", "EFISIEN", []),
    ("1,06", "105%", "dibagi", "99,20%", "**KURANG EFISIEN**", [Decimal("1.0585")]),
    ("0,92", "85.8%", "dibagi", "92.87%", "KURANG EFISIEN", []),
    ("7,6", "756%", "dibagi", "99.79%", "SANGAT EFISIEN", []),
    ("79,67%", "179%", "dikurangi", "99,33%", "tidak efisien", [Decimal("79.67")]),
    ("1", "99,9%", "dibagi", "99,9%", "EFISIEN", []),  # on the threshold: either side
])
def test_efficiency_label_against_the_level(level, achievement, operation, absorption, label, expected):
    found = _check(EFFICIENCY.format(level, achievement, operation, absorption, label))
    assert [(f.code, f.severity, f.basis, f.field) for f in found] == [
        ("category_mismatch", "warning", "interpretation", "efficiency_label")] * len(expected)
    assert [round(f.expected_value, 4) for f in found] == expected


# ------------------------------------------------------------------ a small report through the pipeline

SMALL = """BAB III AKUNTABILITAS KINERJA

Tabel 3.1
Pengukuran Kinerja Pencapaian Sasaran dan IKU Tahun 2023

No\tSasaran Strategis\tIndikator Kinerja\tTarget\tRealisasi\tCapaian (%)
1\tMeningkatnya usaha mikro\tJumlah usaha mikro yang naik kelas\t250\t263\t105,20
2\tMeningkatnya akuntabilitas\tPersentase dokumen perencanaan tepat waktu\t90\t93\t103,33

{trend}

3.4 Efisiensi Penggunaan Sumber Daya

Secara keseluruhan tingkat efisiensi adalah {level} berasal dari perhitungan persentase capaian kinerja ({achievement}) dibagi dengan persentase penyerapan anggaran ({absorption}).

Tabel 6
Kategori Tingkat Efisiensi

Nilai Efisiensi\tKategori
≥ 1,20\tSangat Efisien
1,00 s.d < 1,20\tEfisien
0,80 s.d < 1,00\tKurang Efisien
< 0,80\tTidak Efisien

Pencapaian tersebut menunjukkan bahwa efisiensi penggunaan sumber daya termasuk dalam kategori {label}.
"""
TREND = ("Realisasi indikator Jumlah usaha mikro yang naik kelas tahun 2023 sebesar 263 unit {} dibandingkan "
         "tahun 2022 sebesar 235 unit.")


def _small(tmp_path, trend="", level="1,04", achievement="94,66%", absorption="91,14%", label="Efisien"):
    """The claims findings of a small report: two IKU of 2023 only (no earlier year in a table), a trend
    sentence, an efficiency stated, the report's efficiency scale and a label in a paragraph of its own."""
    path = tmp_path / "small.txt"
    path.write_text(SMALL.format(trend=trend, level=level, achievement=achievement, absorption=absorption,
                                 label=label), encoding="utf-8")
    document = read_document(path)
    report, printed, _ = assemble_document(document)
    return list(claims.check(Context(report=report, document=document, tables=printed)))


@pytest.mark.parametrize("direction, expected", [
    ("meningkat", []),                                          # 235 → 263, as the sentence itself states
    ("menurun", [("trend_mismatch", "error", "trend", Decimal(263), Decimal(235))]),
])
def test_a_trend_the_sentence_states_the_figures_of(tmp_path, direction, expected):
    # the name stands between "Realisasi" and the direction word, and holds a direction word of its own
    # ("naik"); the tables print no 2022 figure: the sentence's own "tahun 2022 sebesar 235 unit" is read
    found = _small(tmp_path, trend=TREND.format(direction))
    assert [(f.code, f.severity, f.field, f.stated_value, f.expected_value) for f in found] == expected


@pytest.mark.parametrize("level, achievement, absorption, label, expected", [
    ("1,04", "94,66%", "91,14%", "Efisien", []),
    ("1,04", "94,66%", "91,14%", "Sangat Efisien", [Decimal("1.0386")]),    # 1,04 is the band 1,00 s.d < 1,20
    ("1,04", "94,66%", "91,14%", "Kurang Efisien", [Decimal("1.0386")]),
    ("1,00", "95,84%", "95,96%", "Efisien", []),        # 0,9988 printed 1,00: the scale is read on the level printed
    ("1,00", "95,84%", "95,96%", "Kurang Efisien", [Decimal("0.9987")]),
    ("0,78", "100,00%", "89,34%", "Efisien", []),       # the level is printed wrong (1,12 computed): its label fits
])
def test_an_efficiency_label_against_the_scale_the_report_prints(tmp_path, level, achievement, absorption, label,
                                                                  expected):
    found = _small(tmp_path, level=level, achievement=achievement, absorption=absorption, label=label)
    assert [(f.code, f.field, f.subject_kind) for f in found] == [
        ("category_mismatch", "efficiency_label", "report")] * len(expected)
    assert [round(f.expected_value, 4) for f in found] == expected
    assert all(f.severity == "warning" and f.provenance.line == 25 for f in found)  # the label's line


@pytest.mark.parametrize("line, band", [
    ("≥ 1,20                                Sangat Efisien", (1.2, None)),   # a scale table read as prose lines
    ("0,80 s.d < 1,00      Kurang Efisien", (0.8, 1)),
    ("termasuk dalam kategori Efisien.", None),                            # a claim, not a row
    ("tingkat efisiensi adalah 1,04 atau Efisien", None),
])
def test_a_scale_row_printed_as_a_line(line, band):
    row = scale_row(line)
    assert (row["min"], row["max"]) == band if band else row is None


# ------------------------------------------------------------------ corpus reports, read by a person

BKPSDM = "kota-dumai_bkpsdm_2023_ocr"
DINSOS = "kota-dumai_dinsos-pmd_2023"
DISDUKCAPIL = "kota-dumai_disdukcapil_2023"
KECAMATAN = "kota-dumai_kecamatan-dumai-kota_2022"
SEKRETARIAT = "kota-dumai_sekretariat-daerah_2023"

# (report, line, code, severity, field, subject id, stated value, expected value)
CONFIRMED = [
    # IKU 6 "menunjukkan capaian yang menurun", but Tabel 3.1.1 (line 897) gives 2022: realisasi 2, capaian 40 %;
    # 2023: realisasi 5, capaian 83% -- both rose (the same paragraph then says "meningkat sebesar 43%").
    (SEKRETARIAT, 972, "trend_mismatch", "error", "trend", "i6", Decimal(83), Decimal(40)),
    # IKU 8 "menunjukkan capaian yang tetap", but line 901: realisasi 24 → 29, capaian 80 % → 97% (line 997: "meningkat").
    (SEKRETARIAT, 995, "trend_mismatch", "error", "trend", "i8", Decimal(97), Decimal(80)),
    # "termasuk kategori 2 (Dua) yaitu Berhasil": the 8 IKU capaian (550, 333, 0, 100, 133, 83, 100, 97) average
    # 174,5%, and 6 of 8 are ticked Sangat Berhasil in Tabel IV; Tabel 3.2 gives ≥ 85% Sangat Berhasil.
    (SEKRETARIAT, 325, "category_mismatch", "warning", "predicate", None, None, Decimal("174.5")),
    # IKU 4 "maka capaian tahun 2023 naik sebesar sebesar 6%": Tabel 3.3 (line 569) capaian 191 → 126% fell; the
    # realisasi 86% → 92,08% rose by the 6 points stated: a warning, the claim may mean the realisasi.
    (DISDUKCAPIL, 622, "trend_mismatch", "warning", "trend", "i4", Decimal(126), Decimal(191)),
    # "termasuk kategori 2 (dua) yaitu Sangat Berhasil (pilih salah satu)": Tabel 3.2 (line 548) numbers Sangat
    # Berhasil 1 and Berhasil 2 (the predicate itself fits the mean capaian 101,7%).
    (DISDUKCAPIL, 149, "category_mismatch", "warning", "predicate", None, Decimal(2), Decimal(1)),
    # Tabel 6 row 2: capaian 75,07% / penyerapan 99,20 = 0,757 by the report's ratio ("dibagi", line 197), "Efisien".
    (DISDUKCAPIL, 188, "category_mismatch", "warning", "efficiency_label", "i2", None, Decimal("0.7568")),
    # "Pada tahun 2022 … adalah sebesar 60% sama dengan tahun 2022 sebesar 100%": 2022 compared with 2022 (60% is
    # the 2021 figure of Tabel 3.2, line 440).
    (KECAMATAN, 503, "trend_mismatch", "error", "compared_year", "i2", Decimal(2022), Decimal(2021)),
    # "Nilai rata-rata capaian … adalah 100 % dengan kategori Berhasil": the report prints no scale; by the standard
    # one (85/70/55, the scale the other Dumai reports print) 100% is Sangat Berhasil.
    (KECAMATAN, 58, "category_mismatch", "warning", "predicate", None, Decimal(100), Decimal(100)),
]
REPORTS = [BKPSDM, DINSOS, DISDUKCAPIL, KECAMATAN, SEKRETARIAT]


@pytest.mark.parametrize("name, line, code, severity, field, subject_id, stated_value, expected_value", CONFIRMED)
def test_confirmed_findings(name, line, code, severity, field, subject_id, stated_value, expected_value):
    found = [f for f in claims.check(corpus_context(name)) if f.provenance.line == line]
    assert len(found) == 1, found
    finding = found[0]
    assert (finding.code, finding.severity, finding.field, finding.subject_id) == (code, severity, field, subject_id)
    assert finding.stated_value == stated_value
    assert round(finding.expected_value, 4) == expected_value
    assert finding.places[0].line == line and finding.basis is not None


@pytest.mark.parametrize("name", REPORTS)
def test_no_other_findings(name):
    confirmed = sorted((line, code) for report, line, code, *_ in CONFIRMED if report == name)
    assert sorted((f.provenance.line, f.code) for f in claims.check(corpus_context(name))) == confirmed


@pytest.mark.parametrize("name, line, indicator, direction", [
    (SEKRETARIAT, 972, "i6", "up"),     # "maka capaian Tahun 2023 meningkat sebesar 43%": right
    (SEKRETARIAT, 939, "i3", "same"),   # 0 → 0
    (SEKRETARIAT, 985, "i7", "same"),   # capaian 100 % → 100 % (the realisasi 25 → 29.2)
    (DINSOS, 757, "i1", "same"),
    (DINSOS, 769, "i2", "up"),          # capaian 155% → 179%
    (DISDUKCAPIL, 596, "i2", "up"),     # 74% → 75,07%
    (DISDUKCAPIL, 608, "i3", "down"),   # 107% → 105,73%
    (BKPSDM, 1969, "i2", "down"),       # 121.3% → 118%
])
def test_right_corpus_claims_are_read_and_pass(name, line, indicator, direction):
    ctx = corpus_context(name)
    read = [(item.indicator.id, t.direction) for item in claims.indicator_sentences(ctx)
            for t in claims.find_trends(item.text)
            if item.paragraph.line_at(item.offset + t.start).number == line]
    assert (indicator, direction) in read
