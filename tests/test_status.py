"""A report's status, warnings and errors (extractor/outcome.py), as the README documents them."""
import pytest

from corpus_expectations import report
from extractor import extract
from extractor.codes import issue, lookup
from extractor.model import Cell, Figure, Provenance, Report, Source, Table
from extractor.outcome import content_issues, settle, status

# Read by a person: which reports were read whole, and why the others are partial.
CORPUS_STATUS = [
    # plain OCR text: the measurement and program tables lost their columns and were rebuilt; every
    # figure in them is low-confidence; the program table's total row was read as a third program, so the
    # programs do not add up to the budget total (3.643.757.843)
    ("kota-dumai_bkpsdm_2023_ocr", "partial", {"W_TABLE_REBUILT", "W_LOW_CONFIDENCE", "W_BUDGET_PROGRAMS"}),
    # the program/kegiatan realisation table (line 1363) has rows shifted by one cell; a count ("8.397
    # Keluarga") lands in a text column where nothing decides the decimal mark, so it is assumed.
    # Tabel 3.5.1 omits Program Penunjang Urusan (6.005.088.000): its 8 programs sum to 7.899.183.740,
    # not the 13.904.271.740 total (allocation and realisation)
    ("kota-dumai_dinsos-pmd_2023", "partial", {"W_DECIMAL_MARK", "W_BUDGET_PROGRAMS"}),
    # Tabel 3.7 lists 4 of the 5 programs: they sum to 8.919.501.115, not the 8.955.501.115 total
    ("kota-dumai_disdukcapil_2023", "partial", {"W_BUDGET_PROGRAMS"}),
    ("kota-dumai_kecamatan-dumai-kota_2022", "success", set()),
    # 24 error findings: the report contradicts itself, but it was read whole
    ("kota-dumai_sekretariat-daerah_2023", "success", set()),
]


@pytest.mark.parametrize("stem, expected_status, warning_codes", CORPUS_STATUS)
def test_corpus_status(stem, expected_status, warning_codes):
    got = report(stem)
    assert got.status == expected_status
    assert {w.code for w in got.warnings} == warning_codes
    assert got.errors == []


def test_ocr_report_counts_its_low_confidence_figures():
    got = report("kota-dumai_bkpsdm_2023_ocr")
    [low] = [w for w in got.warnings if w.code == "W_LOW_CONFIDENCE"]
    assert low.message.startswith("28 of 32 ")
    assert sum(w.code == "W_TABLE_REBUILT" for w in got.warnings) == 6


NOTHING_READABLE = """LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)
DINAS CONTOH KOTA CONTOH TAHUN 2023

BAB I PENDAHULUAN
Laporan kinerja ini menyajikan capaian kinerja atas sasaran strategis dan indikator kinerja
sebagaimana tertuang dalam perjanjian kinerja. Realisasi anggaran disajikan dalam lampiran
yang tidak disertakan dalam dokumen ini.

BAB II PERENCANAAN KINERJA
Rencana strategis memuat tujuan dan sasaran yang akan dicapai selama lima tahun.
"""


def test_a_report_with_nothing_readable_is_a_failure(tmp_path):
    path = tmp_path / "lkjip-kosong.txt"
    path.write_text(NOTHING_READABLE, encoding="utf-8")
    got = extract(path)
    assert got.status == "failure"
    assert [e.code for e in got.errors] == ["E030"]
    assert {"W_NO_TABLES", "W_NO_INDICATORS", "W_NO_PROGRAMS"} <= {w.code for w in got.warnings}


def _bare_report(**parts) -> Report:
    return Report(source=Source(path="r.txt", sha256="0", format="text"), **parts)


def test_budget_alone_is_enough_not_to_fail():
    budget = {"total_allocation": Figure(value=5, raw="5")}
    codes = [i.code for i in content_issues(_bare_report(budget=budget))]
    assert codes == ["W_NO_INDICATORS", "W_NO_PROGRAMS"]


@pytest.mark.parametrize("warnings, errors, expected", [
    ([], [], "success"),
    ([issue("W_DECIMAL_MARK", "numbers", "m")], [], "partial"),
    ([issue("W_NO_TABLES", "structure", "m")], [issue("E030", "assemble", "m")], "failure"),
])
def test_status_rule(warnings, errors, expected):
    assert status(warnings, errors) == expected


def test_settle_routes_issues_by_their_code():
    settled = settle(_bare_report(), [issue("W_PAGE", "read", "OCR (no text layer)", page=1)])
    assert [e.code for e in settled.errors] == ["E030"]
    assert [w.code for w in settled.warnings] == ["W_PAGE", "W_NO_INDICATORS", "W_NO_PROGRAMS"]
    assert settled.status == "failure"


SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@pytest.mark.parametrize("stem", [stem for stem, _, _ in CORPUS_STATUS])
def test_corpus_findings_carry_catalogued_finding_codes(stem):
    findings = report(stem).findings
    assert findings
    for finding in findings:
        entry = lookup(finding.code, "finding")
        assert SEVERITY_RANK[finding.severity] <= SEVERITY_RANK[entry.severity]


def test_low_confidence_in_the_tables_alone_makes_a_report_partial():
    """A scan whose figures stayed in its tables (no indicator or program took them) is not a success."""
    low = Figure(value=5, raw="5", low_confidence=True)
    table = Table(id="t1", caption=None, kind="other", rows=[[Cell(text="5", figure=low), Cell(text="x")]],
                  provenance=Provenance(file="r.txt", line=1))
    budget = {"total_allocation": Figure(value=5, raw="5")}
    got = settle(_bare_report(budget=budget, tables=[table]), [])
    assert got.status == "partial"
    assert "W_LOW_CONFIDENCE" in {w.code for w in got.warnings}
