"""count_mismatch: counts in prose ("6 (enam) Sasaran Strategis") against what the tables hold.

Examples are grouped by where they came from: hand-built inputs, then the four clean corpus reports,
whose findings were confirmed by reading the report (see tests/expected/*.yaml).
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.model import Figure, Indicator, Objective, Program, Provenance, Report, Source
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
    ("terdapat 4 indikator program dan 12 indikator kegiatan", []),
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
    assert set(data["other_things_after"]) <= counts.KINDS and set(data["list_only"]) <= counts.KINDS


# ------------------------------------------------------------------ hand-built reports

def _report(objectives=1, indicators=2,
            programs=("Program Pendaftaran Penduduk", "Program Pencatatan Sipil")) -> Report:
    prov = Provenance(file="t.txt", line=1, table="Tabel 3.1 Pengukuran Kinerja")
    return Report(
        source=Source(path="t.txt", sha256="0", format="text"), report_year=2023,
        objectives=[Objective(id=f"s{k}", name=f"Sasaran nomor {k}", provenance=prov) for k in range(objectives)],
        indicators=[Indicator(id=f"i{k}", name=f"Indikator nomor {k}") for k in range(indicators)],
        programs=[Program(name=name, allocation=Figure(value=Decimal(1000), raw="1.000"),
                          provenance=Provenance(file="t.txt", table="Tabel 3.5 Anggaran")) for name in programs])


def _check(report: Report, *texts: str):
    lines = [Line(n, t, t) for n, t in enumerate(texts, start=1)]
    ctx = Context(report=report, document=Document("t.txt", "text", lines, "0"), tables=[])
    return list(counts.check(ctx))


def test_consistent_counts_give_nothing():
    assert _check(_report(), "telah menetapkan 1 (satu) Sasaran Strategis dengan 2 (dua) Indikator Kinerja Utama",
                  "untuk melaksanakan 2 (dua) Program Kerja.") == []


def test_objectives_mismatch_is_an_error():
    [finding] = _check(_report(objectives=1), "Dari 2 (Dua) sasaran strategis yang ditetapkan, semua berhasil.")
    assert (finding.code, finding.severity, finding.subject, finding.stated) == (
        "count_mismatch", "error", "Jumlah sasaran strategis", "2 (Dua) sasaran strategis")
    assert finding.expected == "1 sasaran strategis in Tabel 3.1 Pengukuran Kinerja"
    assert (finding.provenance.file, finding.provenance.line) == ("t.txt", 1)


def test_indicators_beside_goals_are_only_a_warning():
    [finding] = _check(_report(indicators=8),
                       "telah menetapkan 6 (enam) Tujuan dengan 6 (enam) Indikator Kinerja Utama")
    assert finding.severity == "warning" and finding.stated == "6 (enam) Indikator Kinerja Utama"


def test_program_count_without_the_support_program_is_accepted():
    report = _report(programs=("Program Penunjang Urusan Pemerintahan", "Program Pendaftaran Penduduk",
                               "Program Pencatatan Sipil"))
    assert _check(report, "melaksanakan 2 Program prioritas.", "melaksanakan 3 (tiga) Program Kerja.") == []
    [finding] = _check(report, "melaksanakan 5 (lima) Program Kerja.")
    assert finding.severity == "error" and finding.expected.startswith("3 program in the report's programs")


def test_uncountable_kinds_are_skipped_without_a_list():
    assert _check(_report(), "melaksanakan 14 Kegiatan dan 43 Sub kegiatan.") == []


LIST = ["ditetapkan 2 (dua) Program, 3 (tiga) Kegiatan dan 4 (empat) Sub Kegiatan antara lain:",
        "I. Program A", "1. Kegiatan Satu", "- Sub kegiatan Satu", "- Sub kegiatan Dua",
        "2. Kegiatan Dua", "- Sub kegiatan Tiga", "II. Program B", "1. Kegiatan Tiga",
        "- Sub kegiatan Empat dengan nama yang", "panjang sekali", "- Sub kegiatan Lima",
        "Adapun Perjanjian Kinerja pada Tahun 2023 adalah sebagai berikut."]


def test_list_count_proven_by_its_other_counts_is_an_error():
    # the list holds 2 programs (as stated), 3 kegiatan (as stated) and 5 sub kegiatan (4 stated)
    [finding] = _check(_report(), *LIST)
    assert (finding.severity, finding.stated, finding.expected) == (
        "error", "4 (empat) Sub Kegiatan", "5 sub kegiatan listed in lines 2-12")


def test_list_count_not_proven_is_a_warning():
    text = LIST[0].replace("2 (dua) Program, 3 (tiga) Kegiatan", "9 (sembilan) Kegiatan")
    findings = _check(_report(programs=()), text, *LIST[1:])
    assert {(f.stated, f.severity) for f in findings} == {("9 (sembilan) Kegiatan", "warning"),
                                                          ("4 (empat) Sub Kegiatan", "warning")}


def test_no_tables_no_findings():
    assert _check(Report(source=Source(path="t.txt", sha256="0", format="text")),
                  "menetapkan 6 (enam) Sasaran Strategis dengan 8 (delapan) Indikator") == []


# ------------------------------------------------------------------ corpus reports, read by a person



# (report, line, severity, subject, stated, expected prefix)
CONFIRMED = [
    # tests/expected: "2 (Dua) sasaran strategis" while every table has one sasaran
    ("kota-dumai_kecamatan-dumai-kota_2022", 396, "error", "Jumlah sasaran strategis", "2 (Dua) sasaran strategis",
     "1 sasaran strategis in Tabel 3.1 "),
    # tests/expected: the list after the sentence (lines 139-223) holds 17 kegiatan; its 9 programs
    # and 55 sub kegiatan match the counts stated beside it
    ("kota-dumai_dinsos-pmd_2023", 137, "error", "Jumlah kegiatan", "7 (tujuh) Kegiatan",
     "17 kegiatan listed in lines 139-223"),
    # tests/expected notes, doubtful: 6 IKU beside 6 Tujuan (the goals' indicators?) while the tables have 8
    ("kota-dumai_sekretariat-daerah_2023", 140, "warning", "Jumlah indikator kinerja utama",
     "6 (enam) Indikator Kinerja Utama", "8 indikator kinerja utama in Tabel 3.1.1 "),
]
REPORTS = ["kota-dumai_sekretariat-daerah_2023", "kota-dumai_kecamatan-dumai-kota_2022",
           "kota-dumai_disdukcapil_2023", "kota-dumai_dinsos-pmd_2023"]


@pytest.mark.parametrize("name, line, severity, subject, stated, expected", CONFIRMED)
def test_confirmed_findings(name, line, severity, subject, stated, expected):
    found = [f for f in counts.check(corpus_context(name)) if f.provenance.line == line and f.stated == stated]
    assert len(found) == 1, found
    finding = found[0]
    assert (finding.code, finding.severity) == ("count_mismatch", severity)
    assert subject in finding.subject
    assert finding.expected.startswith(expected), finding.expected
    assert finding.provenance.file.endswith(f"{name}.txt")


@pytest.mark.parametrize("name", REPORTS)
def test_no_other_findings(name):
    confirmed = {(line, stated) for report, line, _, _, stated, _ in CONFIRMED if report == name}
    found = {(f.provenance.line, f.stated) for f in counts.check(corpus_context(name))}
    assert found == confirmed


@pytest.mark.parametrize("name, line, stated", [
    ("kota-dumai_sekretariat-daerah_2023", 142, "3(tiga) Program"),                     # list: 3
    ("kota-dumai_sekretariat-daerah_2023", 142, "69 (enam puluh sembilan) Sub Kegiatan"),  # list: 69
    ("kota-dumai_kecamatan-dumai-kota_2022", 42, "4 Program"),           # 5 with the Penunjang program
    ("kota-dumai_disdukcapil_2023", 94, "5 (Lima) Program"),             # Tabel 3 and the list: 5
    ("kota-dumai_disdukcapil_2023", 112, "4 (empat) Program Kerja"),     # Tabel 2: 4
    ("kota-dumai_dinsos-pmd_2023", 137, "9 (sembilan) Program"),         # Tabel II and the list: 9
])
def test_consistent_corpus_counts_are_found_and_pass(name, line, stated):
    ctx = corpus_context(name)
    text = ctx.document.lines[line - 1].text
    assert stated in [c.raw for c in counts.find_count_claims(text)]
    assert not [f for f in counts.check(ctx) if f.provenance.line == line and f.stated == stated]
