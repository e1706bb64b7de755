"""The dataset's tables, each column with its type and description: the one place they are defined.

Everything else is generated from :data:`TABLES`: the Parquet schemas (:func:`arrow_schema`), the DuckDB
tables and their column comments, ``datapackage.json`` and the data dictionary. Figures are exact
decimals (``DECIMAL(28, 6)``) beside the text as printed, its printed precision (``decimals``) and
whether the reading is doubtful (``low_confidence``); every row keeps where it was printed (file, page,
line, table caption, row text). No column is named after a word SQL reserves (see ``tests/test_dataset.py``).

>>> [t.name for t in TABLES][:4]
['reports', 'agencies', 'goals', 'objectives']
>>> table("measurements").primary_key
('report_id', 'indicator_id', 'measurement_no', 'field')
"""
from __future__ import annotations

from dataclasses import dataclass, field

DECIMAL_PRECISION, DECIMAL_SCALE = 28, 6
KINDS = ("string", "integer", "decimal", "double", "boolean", "json")


@dataclass(frozen=True)
class Column:
    """A column: its name, kind (one of :data:`KINDS`; ``json`` is a JSON array as text) and meaning."""

    name: str
    kind: str
    description: str
    required: bool = False

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"column {self.name}: unknown kind {self.kind!r}")


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class TableDef:
    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    unique_rows: bool = False  # rows shared by reports (agencies): the writer keeps the first of each key

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _c(name: str, kind: str, description: str, required: bool = False) -> Column:
    return Column(name, kind, description, required)


REPORT_ID = _c("report_id", "string", "the report's id in this dataset (from its file name, unique in a build)", True)

PROVENANCE = (
    _c("source_file", "string", "the input file the row was read from"),
    _c("page", "integer", "page of a paged input (PDF, scan), counted from 1; empty for text inputs"),
    _c("line", "integer", "line of the document (its reading order) where the row was printed"),
    _c("table_caption", "string", "caption of the table the row is in, as printed (e.g. 'Tabel 3.1 …')"),
    _c("row_text", "string", "the row as printed, cells separated by tabs"),
)


def figure_columns(name: str, meaning: str) -> tuple[Column, ...]:
    """The four columns of one figure in a wide table: value, raw text, printed decimals, doubt."""
    return (
        _c(name, "decimal", f"{meaning}: the exact value as a decimal"),
        _c(f"{name}_raw", "string", f"{meaning} as printed"),
        _c(f"{name}_decimals", "integer", f"{meaning}: digits printed after the decimal mark"),
        _c(f"{name}_low_confidence", "boolean", f"{meaning}: true when the reading is doubtful (OCR, a repair)"),
    )


FIGURE = (
    _c("value", "decimal", "the figure's exact value (empty for a predicate, a word)"),
    _c("value_raw", "string", "the figure (or predicate) as printed"),
    _c("unit", "string", "the unit printed with the figure (%, Rp, orang …), when printed"),
    _c("decimals", "integer", "digits printed after the decimal mark"),
    _c("decimal_mark", "string", "the character taken as the decimal mark (',' or '.'), empty for integers"),
    _c("low_confidence", "boolean", "true when the reading is doubtful (OCR, a repaired or ambiguous cell)"),
    _c("ocr_text", "string", "what OCR read, when a repair changed it"),
    _c("ocr_confidence", "double", "OCR word confidence 0..100 of the cell (scanned inputs)"),
    _c("correction", "string", "why the reading was changed, when it was"),
)

BUDGET_FIGURES = (
    *figure_columns("allocation", "the budget (anggaran/pagu)"),
    *figure_columns("original_allocation", "the budget before the revision (anggaran murni, before perubahan)"),
    *figure_columns("realization", "the spending (realisasi anggaran)"),
    *figure_columns("absorption", "the share spent, percent (penyerapan/capaian anggaran) as printed"),
)


def _fk(columns, table, references=None) -> ForeignKey:
    columns = tuple(columns)
    return ForeignKey(columns, table, tuple(references or columns))


TO_REPORT = _fk(["report_id"], "reports")

TABLES: tuple[TableDef, ...] = (
    TableDef("reports", "One row per report (LKjIP): the agency, the year, how it was read, counts.", (
        REPORT_ID,
        _c("report_key", "string", "content-derived id of the report, stable across rebuilds (for now the report_id)"),
        _c("agency_key", "string", "the agency (agencies.agency_key)"),
        _c("agency", "string", "the agency's name as the report prints it"),
        _c("region", "string", "the regional government (pemerintah daerah), e.g. 'Kota Dumai'"),
        _c("report_year", "integer", "the year reported on"),
        _c("status", "string", "success, partial or failure: how much of the report could be read"),
        _c("schema_version", "string", "version of the report document's schema"),
        _c("source_path", "string", "path of the input file"),
        _c("sha256", "string", "SHA-256 of the input file's bytes"),
        _c("source_format", "string", "reader that produced the report: text, layout_text, reading_text, pdf, ocr, docx"),
        _c("encoding", "string", "text encoding of a text input"),
        _c("page_count", "integer", "pages of a paged input"),
        _c("line_count", "integer", "lines read"),
        _c("indicator_count", "integer", "the agency's own indicators (IKU)"),
        _c("program_count", "integer", "programs in the report's program table(s)"),
        _c("finding_count", "integer", "findings of the verification"),
        _c("error_count", "integer", "findings of severity error (arithmetic certain at the printed precision)"),
        _c("warning_count", "integer", "findings of severity warning"),
        _c("reading_issue_count", "integer", "problems met while reading (the report's warnings)"),
    ), ("report_id",), (_fk(["agency_key"], "agencies"),)),
    TableDef("agencies", "One row per agency (perangkat daerah) of a regional government.", (
        _c("agency_key", "string", "id of the agency: its region and name, normalised", True),
        _c("agency", "string", "the agency's name as first printed"),
        _c("region", "string", "the regional government"),
    ), ("agency_key",), unique_rows=True),
    TableDef("goals", "The goals (tujuan) a report states.", (
        REPORT_ID,
        _c("goal_id", "string", "id of the goal in its report (g1, g2 …)", True),
        _c("name", "string", "the goal as printed"),
        *PROVENANCE,
    ), ("report_id", "goal_id"), (TO_REPORT,)),
    TableDef("objectives", "The strategic objectives (sasaran strategis) a report states.", (
        REPORT_ID,
        _c("objective_id", "string", "id of the objective in its report (s1, s2 …)", True),
        _c("goal_id", "string", "the goal it serves (goals.goal_id), where the report says"),
        _c("name", "string", "the objective as printed"),
        *PROVENANCE,
    ), ("report_id", "objective_id"), (TO_REPORT,)),
    TableDef("indicators", "Performance indicators: the agency's own (IKU of a sasaran or tujuan, level 'agency') "
                           "and those of its programs and kegiatan (levels 'program', 'activity').", (
        REPORT_ID,
        _c("indicator_id", "string", "id of the indicator in its report (i1, i2 …)", True),
        _c("indicator_uid", "string", "content-derived id of the indicator (report and normalised name)"),
        _c("indicator_key", "string", "the same indicator across years: one key for the same agency's indicator "
                                      "in every year's report (see the links table)"),
        _c("name", "string", "the indicator as printed"),
        _c("level", "string", "agency: an IKU of a sasaran/tujuan; program or activity: a program's or kegiatan's "
                              "outcome indicator"),
        _c("objective_id", "string", "the objective (sasaran) it measures (objectives.objective_id)"),
        _c("goal_id", "string", "the goal (tujuan) of that objective"),
        _c("program", "string", "the program or kegiatan whose outcome it measures (levels program, activity)"),
        _c("unit", "string", "the unit (satuan) of its figures"),
        _c("polarity", "string", "higher_is_better or lower_is_better"),
        _c("aliases", "json", "other spellings of its name in other tables, a JSON array of strings"),
        *PROVENANCE,
    ), ("report_id", "indicator_id"), (TO_REPORT,)),
    TableDef("measurements", "Long form: one row per indicator × year × field (target, realization, achievement, "
                             "predicate) as printed in the measurement table (pengukuran kinerja).", (
        REPORT_ID,
        _c("indicator_id", "string", "the indicator (indicators.indicator_id)", True),
        _c("measurement_no", "integer", "the measurement's place among the indicator's years (1, 2 …)", True),
        _c("year", "integer", "the year the figure belongs to"),
        _c("field", "string", "target, realization, achievement (capaian, percent) or predicate (the word "
                              "judging it, in value_raw)", True),
        *FIGURE,
        *PROVENANCE,
    ), ("report_id", "indicator_id", "measurement_no", "field"), (_fk(["report_id", "indicator_id"], "indicators"),)),
    TableDef("programs", "Budget lines (program): every program of the report's program table(s) (scope 'all') "
                         "and the part of a program a table assigns to one sasaran (scope 'priority': a table of "
                         "priority programs per objective; not the program's whole budget).", (
        REPORT_ID,
        _c("program_id", "string", "id of the program in its report (p1 …; s1.p1 for a sasaran's part)", True),
        _c("program_uid", "string", "content-derived id of the program (report and normalised name)"),
        _c("program_no", "integer", "the row's place in its table"),
        _c("scope", "string", "all: the report's program table; priority: a sasaran's share of a program"),
        _c("name", "string", "the program as printed"),
        _c("objective_id", "string", "scope priority: the objective the share belongs to"),
        _c("objective", "string", "the sasaran the program serves, as the table prints it"),
        _c("funding_source", "string", "the source of funds (sumber dana), where printed"),
        *BUDGET_FIGURES,
        *PROVENANCE,
    ), ("report_id", "program_id"), (TO_REPORT,)),
    TableDef("activities", "Kegiatan and sub kegiatan of a program, with their own budget.", (
        REPORT_ID,
        _c("activity_id", "string", "id in its report (p1.a1 for a kegiatan, p1.a1.s1 for a sub kegiatan)", True),
        _c("program_id", "string", "the program (programs.program_id)"),
        _c("parent_id", "string", "a sub kegiatan's kegiatan (activities.activity_id)"),
        _c("activity_no", "integer", "the row's place among the program's kegiatan, in the order printed"),
        _c("level", "string", "activity (kegiatan) or sub_activity (sub kegiatan)"),
        _c("name", "string", "the kegiatan as printed"),
        *figure_columns("allocation", "the budget (anggaran/pagu)"),
        *figure_columns("realization", "the spending (realisasi)"),
        *figure_columns("absorption", "the share spent, percent, as printed"),
        *PROVENANCE,
    ), ("report_id", "activity_id"), (_fk(["report_id", "program_id"], "programs"),)),
    TableDef("budgets", "Long form: the agency's budget totals, one row per item (total_allocation, "
                        "operating_expenditure, capital_expenditure, total_realization, operating_realization, "
                        "capital_realization, absorption).", (
        REPORT_ID,
        _c("item", "string", "which total: total_allocation (anggaran), operating_expenditure (belanja operasi), "
                             "capital_expenditure (belanja modal), total_realization, operating_realization, "
                             "capital_realization, absorption (percent)", True),
        *FIGURE,
        *PROVENANCE,
    ), ("report_id", "item"), (TO_REPORT,)),
    TableDef("findings", "Stated figures that recomputation contradicts. Join on report_id + subject_id (+ year, "
                         "field) to measurements (subject_kind indicator), programs or activities.", (
        REPORT_ID,
        _c("finding_no", "integer", "the finding's place in its report", True),
        _c("code", "string", "what was found (see `lkjip codes`)"),
        _c("severity", "string", "error, warning or info"),
        _c("basis", "string", "what the severity rests on: arithmetic, reading or interpretation"),
        _c("message", "string", "the finding, for a person"),
        _c("subject", "string", "what the finding is about, as a person names it"),
        _c("subject_kind", "string", "the kind of record subject_id points at: indicator, program, activity, "
                                     "budget, goal, objective, report, table_row"),
        _c("subject_id", "string", "id of that record in this report (indicator_id, program_id …)"),
        _c("field", "string", "the field of the subject: target, realization, achievement, allocation, absorption …"),
        _c("year", "integer", "the measurement year, where the figure belongs to one"),
        _c("stated", "string", "the stated figure or claim as printed"),
        _c("expected", "string", "what recomputation gives, for display"),
        _c("stated_value", "decimal", "the stated figure's exact value"),
        _c("expected_value", "decimal", "the recomputed value"),
        _c("formula", "string", "how expected_value was computed"),
        _c("parts", "json", "the figures the recomputation used: a JSON array of {label, value, raw, provenance}"),
        _c("places", "json", "every place involved (the stated figure first): a JSON array of provenance objects"),
        *PROVENANCE,
    ), ("report_id", "finding_no"), (TO_REPORT,)),
    TableDef("evidence", "Every other printing of a measurement's or a program's figures (the same figure in "
                         "another table), long form: one row per printing × field.", (
        REPORT_ID,
        _c("subject_kind", "string", "indicator or program", True),
        _c("subject_id", "string", "indicators.indicator_id or programs.program_id", True),
        _c("printing_no", "integer", "which other printing of the subject (1, 2 …)", True),
        _c("year", "integer", "the measurement year (indicators)"),
        _c("field", "string", "target, realization, achievement, predicate, allocation, original_allocation, "
                              "realization, absorption", True),
        *FIGURE,
        *PROVENANCE,
    ), ("report_id", "subject_kind", "subject_id", "printing_no", "field"), (TO_REPORT,)),
    TableDef("links", "Cross-year links: which indicator_key each indicator got, by what method and with what "
                      "score; a user can override a link.", (
        _c("indicator_uid", "string", "the indicator (indicators.indicator_uid)", True),
        _c("indicator_key", "string", "the key shared by the same indicator in other years"),
        _c("score", "double", "similarity of the names matched, 0..100 (empty for the first of a series)"),
        _c("method", "string", "how the link was made: new (the first of its series), exact, fuzzy, override"),
        _c("matched_uid", "string", "the indicator of another year it was matched to"),
    ), ("indicator_uid",)),
)

_BY_NAME = {t.name: t for t in TABLES}
TABLE_NAMES = tuple(_BY_NAME)


def table(name: str) -> TableDef:
    """The definition of the table ``name`` (KeyError for an unknown name)."""
    return _BY_NAME[name]


def arrow_type(kind: str):
    """The Parquet (Arrow) type of a column kind."""
    import pyarrow as pa

    return {"string": pa.string(), "json": pa.string(), "integer": pa.int64(), "double": pa.float64(),
            "boolean": pa.bool_(), "decimal": pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE)}[kind]


def arrow_schema(definition: TableDef):
    """The Parquet schema of a table, each field carrying its description as metadata."""
    import pyarrow as pa

    return pa.schema([pa.field(c.name, arrow_type(c.kind), nullable=not c.required,
                               metadata={"description": c.description}) for c in definition.columns],
                     metadata={"description": definition.description})


def duckdb_type(kind: str) -> str:
    """The DuckDB type of a column kind."""
    return {"string": "VARCHAR", "json": "VARCHAR", "integer": "BIGINT", "double": "DOUBLE", "boolean": "BOOLEAN",
            "decimal": f"DECIMAL({DECIMAL_PRECISION}, {DECIMAL_SCALE})"}[kind]
