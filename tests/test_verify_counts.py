"""count_mismatch: counts in prose ("6 (enam) Sasaran Strategis") against what the tables hold.

Examples are grouped by where they came from: hand-built inputs, a small report through the pipeline,
then the five corpus reports, whose findings were confirmed by reading the report (see tests/expected/*.yaml).
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.model import Activity, Figure, Indicator, Measurement, Objective, Program, Provenance, Report, Source
from extractor.pipeline import assemble_document
from extractor.read import read_document
from extractor.read.base import Document, Line
from corpus_expectations import corpus_context
from extractor.verify import Context, counts



# ------------------------------------------------------------------ claims in a line of prose

CLAIMS = [
    # corpus lines
    ("telah menetapkan 6 (enam) Tujuan dengan 6 (enam) Indikator Kinerja Utama yang menjadi",
     [(6, "goals", "6 (enam) Tujuan"), (6, "indicators", "6 (enam) Indikator Kinerja Utama")]),
    ("adalah dengan ditetapkan 3(tiga) Program, 20 (dua puluh) Kegiatan dan 69 (enam puluh sembilan) Sub Kegiatan",
     [(3, "programs", "3(tiga) Program"), (20, "activities", "20 (dua puluh) Kegiatan"),
      (69, "sub_activities", "69 (enam puluh sembilan) Sub Kegiatan")]),
    ("untuk melaksanakan 3 (Tiga) Program Kerja antara lain :", [(3, "programs", "3 (Tiga) Program Kerja")]),
    ("telah melaksanakan 4 Program yang terdiri dari 14 Kegiatan dan 43 (Empat puluh Tiga) Sub kegiatan",
     [(4, "programs", "4 Program"), (14, "activities", "14 Kegiatan"),
      (43, "sub_activities", "43 (Empat puluh Tiga) Sub kegiatan")]),
    ("Dari 2 (Dua) sasaran strategis yang ditetapkan", [(2, "objectives", "2 (Dua) sasaran strategis")]),
    ("menetapkan 2 (dua) Sasaran Strategis /Kinerja Utama dengan 4(empat) Indikator Kinerja Utama",
     [(2, "objectives", "2 (dua) Sasaran Strategis"), (4, "indicators", "4(empat) Indikator Kinerja Utama")]),
    ("Capaian indikator kinerja utama dari 3 indikator kinerja utama adalah 100%",
     [(3, "indicators", "3 indikator kinerja utama")]),
    ("terdiri dari 6 (enam) Kinerja Utama dengan 8 (delapan) Indikator Kinerja sasaran",
     [(8, "indicators", "8 (delapan) Indikator Kinerja sasaran")]),
    # not counts
    ("dicapai dalam kurun waktu 5 tahun", []),
    ("MISI yang ke 1 dan 3 RPJMD Kota Dumai Tahun 2021-2026", []),
    ("1 Sasaran 1", []),
    ("5(3|1 PROGRAM PENUNJANG URUSAN PEMERINTAHAN", []),
    ("terdapat 4 indikator program dan 12 indikator kegiatan", [(4, "program_indicators", "4 indikator program")]),
    ("menetapkan 6 (enam) Indikator Tujuan", [(6, "goal_indicators", "6 (enam) Indikator Tujuan")]),
    ("Peraturan Walikota Nomor 34 Tahun 2022 Program", []),
]


@pytest.mark.parametrize("text, expected", CLAIMS)
def test_find_count_claims(text, expected):
    assert [(c.value, c.kind, c.raw) for c in counts.find_count_claims(text)] == expected


@pytest.mark.parametrize("text, kind", [
    ("I. Program Penunjang Urusan Pemerintahan", "programs"),
    ("- I. ProgramPenunjang Urusan Pemerintahan Daerah", "programs"),
    ("1. Kegiatan Perencanaan, penganggaran dan Evaluasi", "activities"),
    ("3. KegiatanAdministrasi Barang Milik Daerah", "activities"),
    (" - Sub kegiatanPenyusunan Dokumen Perencanaan", "sub_activities"),
    ("- Sub kegiatan Penyediaan Gaji dan Tunjangan ASN", "sub_activities"),
    ("❖ Kegiatan Pemberdayaan Kelurahan", "activities"),
    ("1. Urusan pemerintahan bidang kesehatan", None),
    ("Adapun Perjanjian Kinerja", None),
])
def test_item_kind(text, kind):
    assert counts.item_kind(text) == kind


def test_pattern_data_integrity():
    data = counts.count_data()
    assert set(data["nouns"].values()) <= counts.KINDS
    assert all(noun == noun.lower() for noun in data["nouns"])
    assert set(data["labels"]) == counts.KINDS
    assert set(data["other_things_after"]) <= counts.KINDS
    assert set(data["parents"]) | set(data["parents"].values()) <= counts.KINDS
    assert all(kind in counts.KINDS and set(meant) | set(meant.values()) <= counts.KINDS
               for kind, meant in data["may_mean"].items())


# ------------------------------------------------------------------ hand-built reports

def _report(objectives=1, indicators=2, programs=("Program Pendaftaran Penduduk", "Program Pencatatan Sipil"),
            program_indicators=0, activities=None) -> Report:
    """A report with ``objectives`` sasaran, ``indicators`` IKU (and ``program_indicators`` indicators of
    programs), and programs; ``activities`` gives each program's number of kegiatan (each with two sub
    kegiatan), as the outline nests them."""
    prov = Provenance(file="t.txt", line=1, table="Tabel 3.1 Pengukuran Kinerja")
    budget = Provenance(file="t.txt", line=40, table="Tabel 3.5 Anggaran")
    activities = activities or [0] * len(programs)

    def kegiatan(p: int, k: int) -> Activity:
        subs = [Activity(name=f"Sub kegiatan {p}.{k}.{s}", level="sub_activity", provenance=budget) for s in (1, 2)]
        return Activity(name=f"Kegiatan {p}.{k}", provenance=budget, activities=subs)

    return Report(
        source=Source(path="t.txt", sha256="0", format="text"), report_year=2023,
        objectives=[Objective(id=f"s{k}", name=f"Sasaran nomor {k}", provenance=prov) for k in range(objectives)],
        indicators=[Indicator(id=f"i{k}", name=f"Indikator nomor {k}") for k in range(indicators)]
        + [Indicator(id=f"p{k}", name=f"Indikator program {k}", level="program") for k in range(program_indicators)],
        programs=[Program(name=name, allocation=Figure(value=Decimal(1000), raw="1.000"), provenance=budget,
                          activities=[kegiatan(p, k) for k in range(n)])
                  for p, (name, n) in enumerate(zip(programs, activities))])


def _check(report: Report, *texts: str):
    lines = [Line(n, t, t) for n, t in enumerate(texts, start=1)]
    ctx = Context(report=report, document=Document("t.txt", "text", lines, "0"), tables=[])
    return list(counts.check(ctx))


def test_consistent_counts_give_nothing():
    assert _check(_report(), "telah menetapkan 1 (satu) Sasaran Strategis dengan 2 (dua) Indikator Kinerja Utama",
                  "untuk melaksanakan 2 (dua) Program Kerja.") == []


def test_objectives_mismatch_is_an_error_with_its_joinable_fields():
    [finding] = _check(_report(objectives=1), "Dari 2 (Dua) sasaran strategis yang ditetapkan, semua berhasil.")
    assert (finding.code, finding.severity, finding.basis, finding.subject, finding.stated) == (
        "count_mismatch", "error", "arithmetic", "Jumlah sasaran strategis", "2 (Dua) sasaran strategis")
    assert (finding.subject_kind, finding.field, finding.stated_value, finding.expected_value) == (
        "report", "count", 2, 1)
    assert finding.expected == "1 sasaran strategis in Tabel 3.1 Pengukuran Kinerja"
    assert finding.formula == "number of distinct sasaran strategis in Tabel 3.1 Pengukuran Kinerja"
    assert [p.label for p in finding.parts] == ["Sasaran nomor 0"]
    assert [(p.line, p.table) for p in finding.places] == [(1, None), (1, "Tabel 3.1 Pengukuran Kinerja")]
    assert (finding.provenance.file, finding.provenance.line) == ("t.txt", 1)


def test_program_indicators_are_not_counted_as_iku():
    report = _report(indicators=2, program_indicators=3)
    assert _check(report, "menetapkan 2 (dua) Indikator Kinerja Utama.") == []
    [finding] = _check(report, "menetapkan 5 (lima) Indikator Kinerja Utama.")
    assert (finding.severity, finding.stated_value, finding.expected_value) == ("error", 5, 2)
    assert [p.label for p in finding.parts] == ["Indikator nomor 0", "Indikator nomor 1"]


def test_program_indicators_are_counted_apart():
    report = _report(indicators=2, program_indicators=3)
    assert _check(report, "terdapat 3 (tiga) indikator program.") == []
    [finding] = _check(report, "terdapat 4 (empat) indikator program.")
    assert (finding.severity, finding.basis, finding.stated_value, finding.expected_value) == (
        "warning", "reading", 4, 3)
    assert [p.label for p in finding.parts] == ["Indikator program 0", "Indikator program 1", "Indikator program 2"]


def test_items_read_by_ocr_make_a_count_a_warning():
    report = _report(indicators=2)
    scanned = Provenance(file="t.txt", line=9, table="Tabel 3.3 Pengukuran", confidence=50.0)
    for indicator in report.indicators:
        indicator.measurements.append(Measurement(year=2023, provenance=scanned))
    [finding] = _check(report, "menetapkan 3 (tiga) Indikator Kinerja Utama.")
    assert (finding.severity, finding.basis, finding.stated_value, finding.expected_value) == ("warning", "reading", 3, 2)


def test_indicators_beside_goals_are_only_a_warning():
    [finding] = _check(_report(indicators=8),
                       "telah menetapkan 6 (enam) Tujuan dengan 6 (enam) Indikator Kinerja Utama")
    assert (finding.severity, finding.basis, finding.stated) == (
        "warning", "interpretation", "6 (enam) Indikator Kinerja Utama")


def test_program_count_without_the_support_program_is_accepted():
    report = _report(programs=("Program Penunjang Urusan Pemerintahan", "Program Pendaftaran Penduduk",
                               "Program Pencatatan Sipil"))
    assert _check(report, "melaksanakan 2 Program prioritas.", "melaksanakan 3 (tiga) Program Kerja.") == []
    [finding] = _check(report, "melaksanakan 5 (lima) Program Kerja.")
    assert finding.severity == "error" and finding.expected.startswith("3 program in the report's programs")
    assert (finding.stated_value, finding.expected_value, len(finding.parts)) == (5, 3, 3)


def test_kegiatan_are_not_counted_without_a_list_or_an_outline():
    assert _check(_report(), "melaksanakan 14 Kegiatan dan 43 Sub kegiatan.") == []


# "4 Program yang terdiri dari 14 Kegiatan": both numbers are read together, against the kegiatan the
# outline nests under the programs (a reading of the budget table's hierarchy: a warning at most).
FOUR = ("Program Satu", "Program Dua", "Program Tiga", "Program Empat")
WITH_SUPPORT = ("Program Penunjang Urusan Pemerintahan",) + FOUR


def test_programs_and_their_kegiatan_that_agree_give_nothing():
    assert _check(_report(programs=FOUR, activities=[3, 4, 4, 3]),
                  "melaksanakan 4 Program yang terdiri dari 14 Kegiatan dan 28 Sub kegiatan.") == []


def test_kegiatan_of_the_programs_counted_differ():
    [finding] = _check(_report(programs=FOUR, activities=[3, 3, 3, 3]),
                       "melaksanakan 4 Program yang terdiri dari 14 Kegiatan dan 24 Sub kegiatan.")
    assert (finding.stated, finding.severity, finding.basis) == ("14 Kegiatan", "warning", "reading")
    assert (finding.stated_value, finding.expected_value, len(finding.parts)) == (14, 12, 12)
    assert finding.parts[0].label == "Kegiatan 0.0" and finding.parts[0].provenance.table == "Tabel 3.5 Anggaran"


def test_kegiatan_of_the_programs_without_the_support_program_give_nothing():
    # 4 programs besides Penunjang, whose 14 kegiatan are stated; Penunjang's 8 are left out of both counts
    assert _check(_report(programs=WITH_SUPPORT, activities=[8, 3, 4, 4, 3]),
                  "melaksanakan 4 Program yang terdiri dari 14 Kegiatan.") == []


def test_kegiatan_counted_in_another_reading_than_the_programs_is_a_warning():
    # 4 programs (without Penunjang) have 7 kegiatan; 15 is the count of all 5 programs, Penunjang's 8 included
    [finding] = _check(_report(programs=WITH_SUPPORT, activities=[8, 3, 1, 2, 1]),
                       "melaksanakan 4 Program yang terdiri dari 15 Kegiatan.")
    assert (finding.stated, finding.severity, finding.basis) == ("15 Kegiatan", "warning", "interpretation")
    assert (finding.stated_value, finding.expected_value) == (15, 7)


def test_a_wrong_program_count_leaves_its_kegiatan_to_any_reading():
    findings = _check(_report(programs=FOUR, activities=[3, 4, 4, 3]),
                      "melaksanakan 6 Program yang terdiri dari 14 Kegiatan.")
    assert [(f.stated, f.severity, f.stated_value, f.expected_value) for f in findings] == [
        ("6 Program", "error", 6, 4)]


LIST = ["ditetapkan 2 (dua) Program, 3 (tiga) Kegiatan dan 4 (empat) Sub Kegiatan antara lain:",
        "I. Program A", "1. Kegiatan Satu", "- Sub kegiatan Satu", "- Sub kegiatan Dua",
        "2. Kegiatan Dua", "- Sub kegiatan Tiga", "II. Program B", "1. Kegiatan Tiga",
        "- Sub kegiatan Empat dengan nama yang", "panjang sekali", "- Sub kegiatan Lima",
        "Adapun Perjanjian Kinerja pada Tahun 2023 adalah sebagai berikut."]


def test_list_count_proven_by_its_other_counts_is_an_error():
    # the list holds 2 programs (as stated), 3 kegiatan (as stated) and 5 sub kegiatan (4 stated)
    [finding] = _check(_report(), *LIST)
    assert (finding.severity, finding.basis, finding.stated, finding.expected) == (
        "error", "arithmetic", "4 (empat) Sub Kegiatan", "5 sub kegiatan listed in lines 2-12")
    assert (finding.stated_value, finding.expected_value) == (4, 5)
    assert finding.formula == "number of sub kegiatan items listed in lines 2-12"
    assert [p.provenance.line for p in finding.parts] == [4, 5, 7, 10, 12]
    assert finding.parts[0].label == "- Sub kegiatan Satu"


def test_list_count_not_proven_is_a_warning():
    text = LIST[0].replace("2 (dua) Program, 3 (tiga) Kegiatan", "9 (sembilan) Kegiatan")
    findings = _check(_report(programs=()), text, *LIST[1:])
    assert {(f.stated, f.severity, f.basis) for f in findings} == {
        ("9 (sembilan) Kegiatan", "warning", "interpretation"), ("4 (empat) Sub Kegiatan", "warning", "interpretation")}


def test_a_caption_ends_a_list():
    # "Tabel 2.4 / Program Kecamatan …": the caption's title opens with a counted noun, yet is no item
    lines = ["terdapat 2 Program prioritas yaitu:", "1. Program Satu", "2. Program Dua", "Tabel 2.4",
             "Program Kecamatan Contoh Tahun 2022"]
    assert _check(_report(programs=()), *lines) == []


def test_a_count_wrapped_over_two_lines_is_read_whole():
    # a PDF or a scan breaks the sentence where the page's width ends; the finding points at the number's line
    [finding] = _check(_report(indicators=4), "Dinas telah menetapkan 1 (satu) Sasaran Strategis dengan 3",
                       "(tiga) Indikator Kinerja Utama beserta targetnya.")
    assert (finding.stated, finding.provenance.line, finding.stated_value, finding.expected_value) == (
        "3 (tiga) Indikator Kinerja Utama", 1, 3, 4)


def test_no_tables_no_findings():
    assert _check(Report(source=Source(path="t.txt", sha256="0", format="text")),
                  "menetapkan 6 (enam) Sasaran Strategis dengan 8 (delapan) Indikator") == []


# ------------------------------------------------------------------ a small report through the pipeline

GOALS = """BAB II PERENCANAAN KINERJA

2.2 Tujuan Dan Sasaran

{claim}

Tabel 2.1
Keterkaitan Tujuan dan Sasaran Kinerja

Tujuan\tIndikator Tujuan\tTarget\tSasaran\tIndikator Sasaran\tTarget
1. Meningkatkan kualitas pelayanan publik\tIndeks Kepuasan Masyarakat\t88\tMeningkatnya kualitas pelayanan\tPersentase layanan tepat waktu\t90
\t\t \tMeningkatnya kualitas pelayanan\tPersentase pengaduan yang ditangani\t80
2. Meningkatkan akuntabilitas kinerja\tNilai SAKIP\t70\tMeningkatnya akuntabilitas\tPersentase dokumen perencanaan tepat waktu\t100

BAB III AKUNTABILITAS KINERJA

Tabel 3.1
Pengukuran Kinerja Pencapaian Sasaran dan IKU Tahun 2023

No\tSasaran Strategis\tIndikator Kinerja\tTarget\tRealisasi\tCapaian (%)
1\tMeningkatnya kualitas pelayanan\tPersentase layanan tepat waktu\t90\t90\t100
\t\tPersentase pengaduan yang ditangani\t80\t80\t100
2\tMeningkatnya akuntabilitas\tPersentase dokumen perencanaan tepat waktu\t100\t100\t100
"""


def _goal_findings(tmp_path, claim: str):
    """The count findings of a small report: 2 tujuan with one Indikator Tujuan each (Tabel 2.1), and
    2 sasaran with 3 IKU (Tabel 3.1)."""
    path = tmp_path / "goals.txt"
    path.write_text(GOALS.format(claim=claim), encoding="utf-8")
    document = read_document(path)
    report, printed, _ = assemble_document(document)
    return list(counts.check(Context(report=report, document=document, tables=printed)))


@pytest.mark.parametrize("claim", [
    "Renstra telah menetapkan 2 (dua) Tujuan dengan 2 (dua) Indikator Kinerja Utama.",  # the goals' indicators
    "Renstra telah menetapkan 2 (dua) Tujuan dengan 3 (tiga) Indikator Kinerja Utama.",  # the sasaran's IKU
    "Renstra telah menetapkan 2 (dua) Indikator Tujuan dan 2 (dua) Sasaran Strategis.",
])
def test_goal_level_indicators_are_counted_apart(tmp_path, claim):
    assert _goal_findings(tmp_path, claim) == []


def test_goal_level_indicator_count_that_matches_no_level_is_a_warning(tmp_path):
    [finding] = _goal_findings(tmp_path, "Renstra telah menetapkan 2 (dua) Tujuan dengan 5 (lima) Indikator Kinerja Utama.")
    assert (finding.severity, finding.basis, finding.stated_value) == ("warning", "interpretation", 5)
    assert finding.expected_value == 3 and "2 indikator tujuan in Tabel 2.1" in finding.expected


def test_explicit_goal_indicator_count_is_an_error(tmp_path):
    [finding] = _goal_findings(tmp_path, "Renstra telah menetapkan 3 (tiga) Indikator Tujuan.")
    assert (finding.severity, finding.basis, finding.stated_value, finding.expected_value) == (
        "error", "arithmetic", 3, 2)
    assert [p.label for p in finding.parts] == ["Indeks Kepuasan Masyarakat", "Nilai SAKIP"]


# ------------------------------------------------------------------ corpus reports, read by a person

# (report, line, severity, basis, stated, stated_value, expected_value, expected prefix)
CONFIRMED = [
    # "Dari 2 (Dua) sasaran strategis yang ditetapkan": every table (Tabel 2.1, 2.5, 2.6, 3.1, 3.6, the PK)
    # has the single sasaran "Meningkatnya kepuasan masyarakat …"
    ("kota-dumai_kecamatan-dumai-kota_2022", 396, "error", "arithmetic", "2 (Dua) sasaran strategis", 2, 1,
     "1 sasaran strategis in Tabel 3.1 "),
    # "9 (sembilan) Program, 7 (tujuh) Kegiatan dan 55 (lima puluh lima) Sub Kegiatan … antara lain:" — the
    # list (lines 139-223) holds 9 programs and 55 sub kegiatan (6+3+1+7+3+4+4 under Program I, then
    # 3+1+8+3+4+1+2+5), as stated, and 17 kegiatan: 7 under Program I, 1+1+1+2+2+1+1+1 under II-IX
    ("kota-dumai_dinsos-pmd_2023", 137, "error", "arithmetic", "7 (tujuh) Kegiatan", 7, 17,
     "17 kegiatan listed in lines 139-223"),
    # "1 (satu) Sasaran Strategis /Kinerja Utama dengan 3 / (tiga) Indikator Kinerja Utama" (lines 1847-1848,
    # one sentence wrapped by the scan's layout): Tabel 3.3 lists 4 IKU (pelayanan kepegawaian, Pejabat
    # Pimpinan Tinggi, Penyelesaian Kasus, Pengembangan Kompetensi), as do Tabel 2.3 and the prose of lines
    # 252 and 2847; digits and words agree on 3. A warning: the 4 IKU are counted in a table read by OCR
    ("kota-dumai_bkpsdm_2023_ocr", 1847, "warning", "reading", "3 (tiga) Indikator Kinerja Utama", 3, 4,
     "4 indikator kinerja utama in Tabel 3.3 "),
    # "4 Program yang terdiri dari 14 Kegiatan dan 43 (Empat puluh Tiga) Sub kegiatan" (line 42). Section 6
    # (lines 601-677) lists 5 programs A-E with 8 + 3 + 1 + 2 + 1 = 15 kegiatan; without A (Penunjang), the
    # 4 programs the sentence counts have 3 + 1 + 2 + 1 = 7, as in the PK annex (line 782: 1.1-1.3, 2.1,
    # 3.1-3.2, 4.1). 14 is neither 7 nor 15: a warning, the levels being read from the section's markers
    ("kota-dumai_kecamatan-dumai-kota_2022", 42, "warning", "interpretation", "14 Kegiatan", 14, 7,
     "7 kegiatan listed in lines 601-677 without the support program"),
    # "5 (Lima) Program, 12 (dua belas) Kegiatan dan 30 (Tiga puluh) Sub Kegiatan dalam Rencana Kinerja …
    # Tahun 2023" (line 94): the Renja annex (lines 820-903, over 4 pages) lists the 5 programs with 8 + 1 + 1
    # + 2 + 1 = 13 kegiatan and 26 + 2 + 1 + 2 + 1 = 32 sub kegiatan (Penunjang: 4 + 3 + 1 + 3 + 8 + 3 + 2 + 2).
    # Warnings: Penunjang's rows print no codes, so the levels are read from the layout
    ("kota-dumai_disdukcapil_2023", 94, "warning", "reading", "12 (dua belas) Kegiatan", 12, 13,
     "13 kegiatan in the table at line 820"),
    ("kota-dumai_disdukcapil_2023", 94, "warning", "reading", "30 (Tiga puluh) Sub Kegiatan", 30, 32,
     "32 sub kegiatan in the table at line 820"),
]
REPORTS = ["kota-dumai_sekretariat-daerah_2023", "kota-dumai_kecamatan-dumai-kota_2022",
           "kota-dumai_disdukcapil_2023", "kota-dumai_dinsos-pmd_2023", "kota-dumai_bkpsdm_2023_ocr"]


@pytest.mark.parametrize("name, line, severity, basis, stated, stated_value, expected_value, expected", CONFIRMED)
def test_confirmed_findings(name, line, severity, basis, stated, stated_value, expected_value, expected):
    found = [f for f in counts.check(corpus_context(name)) if f.provenance.line == line and f.stated == stated]
    assert len(found) == 1, found
    finding = found[0]
    assert (finding.code, finding.severity, finding.basis) == ("count_mismatch", severity, basis)
    assert (finding.stated_value, finding.expected_value) == (stated_value, expected_value)
    assert (finding.subject_kind, finding.field, len(finding.parts)) == ("report", "count", expected_value)
    assert finding.expected.startswith(expected), finding.expected
    assert finding.provenance.file.endswith(f"{name}.txt") and finding.places[0] == finding.provenance


@pytest.mark.parametrize("name", REPORTS)
def test_no_other_findings(name):
    confirmed = {(line, stated) for report, line, _, _, stated, *_ in CONFIRMED if report == name}
    found = {(f.provenance.line, f.stated) for f in counts.check(corpus_context(name))}
    assert found == confirmed


@pytest.mark.parametrize("name, line, stated", [
    # "6 (enam) Tujuan dengan 6 (enam) Indikator Kinerja Utama": Tabel 2.2.1 lists 6 tujuan (2 under Misi 1,
    # 2 under Misi 2, 1 under Misi 3, 1 under Misi 4), each with one Indikator Tujuan: 6 (the 8 IKU are the
    # sasaran's); so is the list of lines 132-137. Before the goals' indicators were counted, a warning.
    ("kota-dumai_sekretariat-daerah_2023", 140, "6 (enam) Indikator Kinerja Utama"),
    ("kota-dumai_sekretariat-daerah_2023", 140, "6 (enam) Tujuan"),
    ("kota-dumai_sekretariat-daerah_2023", 142, "3(tiga) Program"),                     # list: 3
    ("kota-dumai_sekretariat-daerah_2023", 142, "20 (dua puluh) Kegiatan"),             # list: 12 + 4 + 4
    ("kota-dumai_sekretariat-daerah_2023", 142, "69 (enam puluh sembilan) Sub Kegiatan"),  # list: 69
    ("kota-dumai_sekretariat-daerah_2023", 885, "8 (delapan) Indikator Kinerja Utama"),  # Tabel 3.1.1: 8
    ("kota-dumai_kecamatan-dumai-kota_2022", 42, "4 Program"),           # 5 with the Penunjang program
    ("kota-dumai_kecamatan-dumai-kota_2022", 327, "4 Program prioritas"),  # the list of lines 329-332: 4
    ("kota-dumai_disdukcapil_2023", 92, "4 (Empat) Indikator Kinerja Utama"),  # Tabel 3.3: 4 IKU
    ("kota-dumai_disdukcapil_2023", 94, "5 (Lima) Program"),             # Tabel 3 and the list: 5
    ("kota-dumai_disdukcapil_2023", 112, "4 (empat) Program Kerja"),     # Tabel 2: 4
    ("kota-dumai_dinsos-pmd_2023", 135, "4 (empat) Indikator Kinerja Utama"),  # Tabel 3.1.1: 4 IKU
    ("kota-dumai_dinsos-pmd_2023", 137, "9 (sembilan) Program"),         # Tabel II and the list: 9
    ("kota-dumai_dinsos-pmd_2023", 137, "55 (lima puluh lima) Sub Kegiatan"),  # the list: 55
])
def test_consistent_corpus_counts_are_found_and_pass(name, line, stated):
    ctx = corpus_context(name)
    text = ctx.document.lines[line - 1].text
    assert stated in [c.raw for c in counts.find_count_claims(text)]
    assert not [f for f in counts.check(ctx) if f.provenance.line == line and f.stated == stated]


PROGRAMS = """LAPORAN KINERJA INSTANSI PEMERINTAH

Sasaran strategis dan indikator kinerja dengan target dan realisasi.

BAB II PERENCANAAN KINERJA

Pada tahun 2023 Dinas Contoh telah melaksanakan {claim}.

Tabel 2.5
Program Kerja Dinas Contoh Tahun 2023

No\tProgram/Kegiatan\tAnggaran\tRealisasi
1\tProgram Penunjang Urusan Pemerintahan Daerah\t300.000.000\t290.000.000
1.1\tKegiatan Administrasi Keuangan\t200.000.000\t195.000.000
1.2\tKegiatan Administrasi Umum\t100.000.000\t95.000.000
2\tProgram Pelayanan Publik\t500.000.000\t480.000.000
2.1\tKegiatan Pelayanan Terpadu\t300.000.000\t290.000.000
2.2\tKegiatan Pengaduan Masyarakat\t150.000.000\t140.000.000
2.3\tKegiatan Survei Kepuasan\t50.000.000\t50.000.000
\tJUMLAH\t800.000.000\t770.000.000
"""


@pytest.mark.parametrize("claim, expected", [
    # Tabel 2.5: Penunjang with 2 kegiatan, Pelayanan Publik with 3; the outline reads the levels from the codes
    ("2 Program yang terdiri dari 5 Kegiatan", []),
    ("1 Program yang terdiri dari 3 Kegiatan", []),                           # without the support program
    # every listing agrees on 5, and the table's outline numbers (1 above 1.1) make its levels certain
    ("2 Program yang terdiri dari 4 Kegiatan", [("4 Kegiatan", "error", "arithmetic", 4, 5)]),
    ("2 Program yang terdiri dari 3 Kegiatan", [("3 Kegiatan", "warning", "interpretation", 3, 5)]),  # 3: 1 program's
    ("3 Program yang terdiri dari 5 Kegiatan", [("3 Program", "error", "arithmetic", 3, 2)]),
])
def test_programs_and_kegiatan_of_a_budget_table(tmp_path, claim, expected):
    path = tmp_path / "programs.txt"
    path.write_text(PROGRAMS.format(claim=claim), encoding="utf-8")
    document = read_document(path)
    report, printed, _ = assemble_document(document)
    findings = counts.check(Context(report=report, document=document, tables=printed))
    assert [(f.stated, f.severity, f.basis, f.stated_value, f.expected_value) for f in findings] == expected


def test_a_count_split_before_its_capitalised_noun_is_read_whole():
    # bkpsdm lines 260-261: "… 3 (tiga) Program, 14 (empat belas)" / "Kegiatan dan (40) Sub Kegiatan …"; the
    # outline of lines 264-367 lists 3 programs with 8 + 4 + 2 = 14 kegiatan (1.1-1.8, 2.1-2.4, 3.1-3.2) and
    # 25 + 13 + 2 = 40 sub kegiatan: both counts are read and agree
    ctx = corpus_context("kota-dumai_bkpsdm_2023_ocr")
    read = {(line.number, claim.raw) for placed, _, _ in counts.claim_sentences(ctx) for claim, line in placed}
    assert {(260, "14 (empat belas) Kegiatan"), (261, "(40) Sub Kegiatan")} <= read
    assert not [f for f in counts.check(ctx) if f.provenance.line in (260, 261)]


# ------------------------------------------------------------------ listings the counts read besides lists

SECTIONS = ["Pada tahun 2023 Dinas Contoh telah melaksanakan {claim}.", "",
            "A. Program Penunjang Urusan Pemerintahan", "Anggaran program ini sebesar Rp 100.",
            "1. Administrasi Keuangan", "Anggaran kegiatan ini sebesar Rp 60.",
            "2. Administrasi Umum", "Anggaran kegiatan ini sebesar Rp 40.",
            "B. PROGRAM PELAYANAN PUBLIK", "1. Pelayanan Terpadu", "2. Pengaduan Masyarakat",
            "3. Survei Kepuasan", "Anggaran kegiatan ini sebesar Rp 10."]


@pytest.mark.parametrize("claim, expected", [
    # a section describing each program and its kegiatan ("A. Program …", "1. …"): 2 + 3 kegiatan
    ("2 Program yang terdiri dari 5 Kegiatan", []),
    ("1 Program yang terdiri dari 3 Kegiatan", []),   # without the support program
    ("2 Program yang terdiri dari 6 Kegiatan", [("6 Kegiatan", "warning", "interpretation", 6, 5)]),
    ("1 Program yang terdiri dari 5 Kegiatan", [("5 Kegiatan", "warning", "interpretation", 5, 3)]),
])
def test_kegiatan_listed_under_programs_in_the_prose(claim, expected):
    lines = [SECTIONS[0].format(claim=claim), *SECTIONS[1:]]
    findings = _check(_report(programs=("Program Penunjang Urusan Pemerintahan", "Program Pelayanan Publik")), *lines)
    assert [(f.stated, f.severity, f.basis, f.stated_value, f.expected_value) for f in findings] == expected


def test_an_outline_numbers_its_kegiatan_and_sub_kegiatan():
    from extractor.verify.listings import prose_listings
    texts = ["1. Program Satu yang terdiri dari", "kegiatan/sub kegiatan:", "1.1. Kegiatan Pertama",
             "1.1.1. Sub Pertama", "1.1.2. Sub Kedua yang", "panjang", " 1.2.", "Kegiatan Kedua (nomor terpisah)",
             "1.2.1. Sub Ketiga", "2. Program Dua", "2.1. Kegiatan Ketiga", "2.1.1. Sub Keempat",
             "Adapun Perjanjian Kinerja", "Tabel 1. Perjanjian Kinerja", "2.2. bukan kegiatan"]
    [listing] = prose_listings([Line(n, t, t) for n, t in enumerate(texts, 1)], counts.count_data()["nouns"])
    assert [(len(p.of_level(1)), len(p.of_level(2))) for p in listing.programs] == [(2, 3), (1, 1)]
    assert listing.certain and listing.span == (1, 12)


ANNEX = """LAPORAN KINERJA INSTANSI PEMERINTAH

Sasaran strategis dan indikator kinerja dengan target dan realisasi.

BAB II PERENCANAAN KINERJA

Pada tahun 2023 Dinas Contoh menetapkan {claim} dalam Rencana Kerja.

Tabel 2.5
Rencana Kerja Dinas Contoh Tahun 2023

Kode\tProgram/Kegiatan/Sub Kegiatan\tIndikator\tSatuan\tPagu (Rp)
2.12.01\tPROGRAM PENUNJANG URUSAN PEMERINTAHAN\t\t\t300.000.000
2.12.01.2.01\tAdministrasi Keuangan\t\t\t200.000.000
2.12.01.2.01.01\tPenyediaan Gaji\tJumlah Orang\tOrang\t150.000.000
2.12.01.2.01.02\tLaporan Keuangan\tJumlah Laporan\tLaporan\t50.000.000
2.12.01.2.02\tAdministrasi Umum\t\t\t100.000.000
2.12.01.2.02.01\tPenyediaan Alat Tulis\tJumlah Paket\tPaket\t100.000.000
2.12.02\tPROGRAM PELAYANAN PUBLIK\t\t\t500.000.000
2.12.02.2.01\tPelayanan Terpadu\t\t\t500.000.000
2.12.02.2.01.01\tPelayanan Keliling\tJumlah Layanan\tLayanan\t500.000.000
\tJUMLAH\t\t\t800.000.000
"""


@pytest.mark.parametrize("claim, expected", [
    # the Renja's codes give its levels: 2 programs, 2 + 1 kegiatan, 3 + 1 sub kegiatan
    ("2 Program, 3 Kegiatan dan 4 Sub Kegiatan", []),
    ("2 Program, 3 Kegiatan dan 5 Sub Kegiatan", [("5 Sub Kegiatan", "error", "arithmetic", 5, 4)]),
    ("2 Program, 2 Kegiatan dan 4 Sub Kegiatan", [("2 Kegiatan", "error", "arithmetic", 2, 3)]),
])
def test_kegiatan_and_sub_kegiatan_of_a_coded_annex(tmp_path, claim, expected):
    path = tmp_path / "annex.txt"
    path.write_text(ANNEX.format(claim=claim), encoding="utf-8")
    document = read_document(path)
    report, printed, _ = assemble_document(document)
    findings = counts.check(Context(report=report, document=document, tables=printed))
    assert [(f.stated, f.severity, f.basis, f.stated_value, f.expected_value) for f in findings] == expected
