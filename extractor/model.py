"""The domain model of an LKjIP report (pydantic).

A :class:`Report` is what one input file becomes. Every number in it is a :class:`Figure`, which
keeps the parsed value (a ``Decimal``, never a binary float) beside the raw text it came from, and
every row-level record carries :class:`Provenance` (file, line or page, table caption, raw row).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer
from typing_extensions import Annotated


def _decimal_to_json(value: Decimal | None) -> int | float | None:
    """Serialise a Decimal as a JSON number (int when integral), never via a lossy float path.

    >>> _decimal_to_json(Decimal("29.20"))
    29.2
    """
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    # float(str) of a short decimal is the shortest repr that round-trips to the same digits
    return float(str(value.normalize()))


JsonDecimal = Annotated[Decimal, PlainSerializer(_decimal_to_json, when_used="json")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Provenance(_Model):
    """Where a figure or record came from."""

    file: str
    line: int | None = None
    page: int | None = None
    table: str | None = Field(None, description="caption of the table, e.g. 'Tabel 3.1.1 Pengukuran …'")
    row: str | None = Field(None, description="raw text of the row as printed")
    bbox: list[float] | None = Field(None, description="x0, top, x1, bottom on the page (PDF inputs)")
    confidence: float | None = Field(None, description="OCR confidence 0..100 (scanned inputs)")


class Figure(_Model):
    """A stated number: parsed ``value`` beside the ``raw`` text as printed.

    ``decimals`` is the printed precision (``"29,2"`` → 1); ``decimal_mark`` records which mark was
    taken as the decimal point and why it was decided (``","``, ``"."``, or None for integers).
    """

    value: JsonDecimal | None
    raw: str
    unit: str | None = None
    decimals: int | None = None
    decimal_mark: str | None = None
    low_confidence: bool = False
    ocr_raw: str | None = Field(None, repr=False, description="the text OCR read, when a repair changed it")
    ocr_confidence: float | None = Field(None, repr=False, description="OCR word confidence 0..100 of the cell (scans)")
    correction: str | None = Field(None, repr=False, description='why the reading changed, e.g. \'corrected: "10096" → "100%", arithmetic\'')


class Measurement(_Model):
    """One year's target, realisation (*realisasi*), achievement (*capaian*) and predicate."""

    year: int | None
    target: Figure | None = None
    realization: Figure | None = None
    achievement: Figure | None = None
    predicate: str | None = None
    provenance: Provenance
    evidence: list["Measurement"] = Field(default_factory=list,
                                          description="the same measurement as printed in other tables")


class Indicator(_Model):
    """An indicator: the agency's own (*indikator kinerja utama*, IKU, of a *sasaran* or *tujuan*), or a
    program's or activity's (*indikator program/kegiatan*, printed beside the budget), kept apart by ``level``."""

    id: str
    name: str
    level: Literal["agency", "program", "activity"] = Field(
        "agency", description="agency: an IKU of a sasaran/tujuan; program/activity: a program's or kegiatan's outcome")
    objective_id: str | None = None
    program: str | None = Field(None, description="the program (or kegiatan) whose outcome it measures, at those levels")
    unit: str | None = None
    polarity: Literal["higher_is_better", "lower_is_better"] = "higher_is_better"
    measurements: list[Measurement] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list, description="other spellings in other tables")


class Goal(_Model):
    """A goal (*tujuan*)."""

    id: str
    name: str
    provenance: Provenance | None = None


class Activity(_Model):
    """A *kegiatan* (or *sub kegiatan*) of a program, with its own allocation and realisation."""

    id: str | None = Field(None, description="the activity's id in this report (findings point at it)")
    name: str
    level: Literal["activity", "sub_activity"] = "activity"
    allocation: Figure | None = None
    realization: Figure | None = None
    absorption: Figure | None = None
    provenance: Provenance
    activities: list["Activity"] = Field(default_factory=list, description="its sub kegiatan")


class Program(_Model):
    """A budget line (*program*): allocation (*anggaran/pagu*), realisation, absorption (%)."""

    id: str | None = Field(None, description="the program's id in this report (findings point at it)")
    name: str
    objective: str | None = Field(None, description="the sasaran the program serves, where the table says")
    allocation: Figure | None = None
    original_allocation: Figure | None = Field(None, description="before the revision (perubahan)")
    realization: Figure | None = None
    absorption: Figure | None = None
    funding_source: str | None = None
    provenance: Provenance
    activities: list[Activity] = Field(default_factory=list, description="its kegiatan, as the table nests them")
    evidence: list["Program"] = Field(default_factory=list)


class Objective(_Model):
    """A strategic objective (*sasaran strategis*)."""

    id: str
    name: str
    goal_id: str | None = None
    provenance: Provenance | None = None
    allocations: list[Program] = Field(
        default_factory=list, description="the part of a program's budget a table assigns to this sasaran "
                                          "(a table of priority programs per sasaran), not the program's whole budget")


class Budget(_Model):
    """The agency's budget totals."""

    total_allocation: Figure | None = None
    operating_expenditure: Figure | None = Field(None, description="belanja operasi")
    capital_expenditure: Figure | None = Field(None, description="belanja modal")
    total_realization: Figure | None = None
    operating_realization: Figure | None = Field(None, description="realisasi belanja operasi")
    capital_realization: Figure | None = Field(None, description="realisasi belanja modal")
    absorption: Figure | None = None
    provenance: dict[str, Provenance] = Field(default_factory=dict)


class Cell(_Model):
    text: str
    figure: Figure | None = None


class Table(_Model):
    """A captioned table as found in the report, with its kind (see ``patterns/table_kinds.yaml``)."""

    id: str
    caption: str | None
    kind: str
    header: list[list[str]] = Field(default_factory=list)
    columns: list[str | None] = Field(default_factory=list, description="canonical field per column")
    rows: list[list[Cell]] = Field(default_factory=list)
    provenance: Provenance


class FindingPart(_Model):
    """One figure a finding used: a part of a sum, a term of its formula, or another printing of it."""

    label: str | None = Field(None, description="what the figure is, e.g. 'Belanja Operasi' or 'realisasi 2023'")
    value: JsonDecimal | None = None
    raw: str | None = Field(None, description="the figure as printed")
    provenance: Provenance | None = None


class Finding(_Model):
    """A stated figure that recomputation contradicts (filled by the verification stage), as data a
    researcher can join: what it is about (``subject_kind``/``subject_id``, ``field``, ``year``), the
    numbers (``stated_value``, ``expected_value``), how the expectation was got (``formula``, ``parts``)
    and every place involved (``places``)."""

    code: str
    severity: Literal["error", "warning", "info"]
    basis: Literal["arithmetic", "reading", "interpretation"] | None = Field(
        None, description="what the severity rests on: arithmetic certain at the printed precision (error), a "
                          "reading that may be wrong (OCR, an ambiguous table) or an interpretation (warning)")
    message: str
    subject: str | None = Field(None, description="what the finding is about, as a person names it")
    subject_kind: Literal["indicator", "program", "activity", "budget", "goal", "objective", "report",
                          "table_row"] | None = Field(None, description="the kind of record subject_id points at")
    subject_id: str | None = Field(None, description="id of the indicator, program, activity … in this report")
    field: str | None = Field(None, description="the field of the subject: target, realization, achievement, "
                                                "allocation, absorption, count, trend …")
    year: int | None = Field(None, description="the measurement year, where the figure belongs to one")
    stated: str | None = Field(None, description="the stated figure or claim as printed")
    expected: str | None = Field(None, description="what recomputation gives, for display")
    stated_value: JsonDecimal | None = None
    expected_value: JsonDecimal | None = None
    formula: str | None = Field(None, description="how expected_value was computed, e.g. 'realisasi / target × 100'")
    parts: list[FindingPart] = Field(default_factory=list, description="the figures the recomputation used")
    places: list[Provenance] = Field(default_factory=list,
                                     description="every place involved (the stated figure first, then its parts)")
    provenance: Provenance


class Issue(_Model):
    """A problem met while reading (``warnings`` / ``errors`` of a report), as data."""

    code: str
    stage: str
    message: str
    line: int | None = None
    page: int | None = None


class Page(_Model):
    """How much of one page of a paged input (PDF, scan) was recognised."""

    number: int
    chars: int = 0
    table_rows: int = 0
    ocr_confidence: float | None = None
    note: str | None = None


class Source(_Model):
    path: str
    sha256: str
    format: str = Field(description="reader that produced the report: text, layout_text, reading_text, pdf, ocr, docx")
    encoding: str | None = None
    pages: int | None = None
    lines: int | None = None


class Report(_Model):
    """One LKjIP report (*Laporan Kinerja Instansi Pemerintah*)."""

    schema_version: str = "1"
    status: Literal["success", "partial", "failure"] = "success"
    source: Source
    pages: list[Page] = Field(default_factory=list, description="per page of a paged input: what was recognised")
    agency: str | None = None
    region: str | None = None
    report_year: int | None = None
    scales: dict = Field(default_factory=dict,
                         description="formulas and predicate scales the report declares (or defaults used)")
    goals: list[Goal] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    programs: list[Program] = Field(default_factory=list)
    budget: Budget = Field(default_factory=Budget)
    tables: list[Table] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    finding_counts: dict[str, int] = Field(default_factory=dict)
    warnings: list[Issue] = Field(default_factory=list)
    errors: list[Issue] = Field(default_factory=list)
