"""The shape of every language-data file in ``patterns/``: one pydantic model per file.

:func:`extractor.patterns.load` validates each file against its model once, on first load, so a
misspelt key or a regular expression that does not compile is reported (every one of them at once,
as error E010) before any stage runs. Extra keys are forbidden everywhere. The models only check;
the stages keep reading the plain data ``load()`` returns.
"""
from __future__ import annotations

from typing import Annotated, Literal

import regex
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator


def _compiles(pattern: str) -> str:
    """Given a regular expression from a data file, return it unchanged if it compiles.

    >>> _compiles(r"^\\s*BAB\\b")
    '^\\\\s*BAB\\\\b'
    """
    try:
        regex.compile(pattern)
    except regex.error as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from None
    return pattern


Regex = Annotated[str, AfterValidator(_compiles)]
Words = list[str]


class Data(BaseModel):
    """A mapping of a data file: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")


# ------------------------------------------------------------------ agencies.yaml (identity/)

class KnownAgency(Data):
    key: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    name: str
    acronym: str
    forms: Words = Field(default_factory=list)


class Agencies(Data):
    connectives: Words
    word_variants: dict[str, Words]
    ocr_confusions: list[Annotated[list[str], Field(min_length=2, max_length=2)]]
    region_kinds: dict[str, Words]
    region_lead: Words
    region_not_after: Words
    generic_heads: Words
    min_core_words: int
    place_heads: Words
    fuzzy_agency_score: Annotated[float, Field(ge=0, le=100)]
    fuzzy_agency_min_length: int
    agencies: list[KnownAgency]


# ------------------------------------------------------------------ budget.yaml (assemble.py)

class BudgetRowLabels(Data):
    total: Regex
    operating_expenditure: Regex
    capital_expenditure: Regex
    program_name: Regex
    program_prefix: Regex
    program_after_colon: Regex
    program_opening: Regex
    program_lead: Regex
    goal_prefix: Regex
    objective_prefix: Regex


class BudgetVersions(Data):
    revised: Regex
    original: Regex


class Budget(Data):
    total_allocation: list[Regex]
    total_realization: list[Regex]
    operating_expenditure: list[Regex]
    capital_expenditure: list[Regex]
    row_labels: BudgetRowLabels
    budget_versions: BudgetVersions


# ------------------------------------------------------------------ columns.yaml (tables.py)

class ColumnRule(Data):
    field: str
    pattern: Regex
    group: str | None = None


class Columns(Data):
    groups: dict[str, list[Regex]]
    rules: list[ColumnRule]
    check_marks: Words
    year_words: Words


# ------------------------------------------------------------------ counts.yaml (verify/counts.py)

CountKind = Literal["objectives", "indicators", "programs", "goals", "activities", "sub_activities",
                    "goal_indicators", "program_indicators"]


class Counts(Data):
    nouns: dict[str, CountKind]
    other_things_after: dict[CountKind, Words]
    not_after: Words
    labels: dict[CountKind, str]
    support_program_words: Words
    goal_indicator_headers: Words
    parents: dict[CountKind, CountKind]
    may_mean: dict[CountKind, dict[CountKind, CountKind]]
    summary_rows: Regex


# ------------------------------------------------------------------ headings.yaml (structure.py)

class Headings(Data):
    chapter: Regex
    section: Regex
    lettered_section: Regex
    parts: dict[str, list[Regex]]
    listing_parts: Words
    caption: Regex
    caption_word: str
    caption_listing: Regex
    source_line: Regex
    column_numbers: Regex
    required_chapters: dict[str, Regex]
    closing_chapter: Regex


# ------------------------------------------------------------------ normalize.yaml (read/text.py)

Replacement = Annotated[list[str], Field(min_length=2, max_length=2)]


class Normalize(Data):
    html: list[Replacement]
    markdown: list[Replacement]
    math: list[Replacement]
    rule_cell: Regex


# ------------------------------------------------------------------ numbers.yaml (numbers.py, terbilang.py)

class Numbers(Data):
    digits: dict[int, Words]
    teen: Words
    tens: Words
    hundreds: Words
    scales: dict[int, Words]
    se_forms: dict[str, str]
    written_se_forms: Words
    decimal_point: Words
    currency_words: Words
    percent_words: Words
    currency_markers: Words
    percent_markers: Words


# ------------------------------------------------------------------ ocr_layouts.yaml (scrambled.py)

class OcrLayout(Data):
    caption: Regex
    figures: int
    header: Words


class OcrLayouts(Data):
    layouts: list[OcrLayout]
    max_lines: int


# ------------------------------------------------------------------ predicates.yaml

class Band(Data):
    predicate: str
    min: float | None = None
    max: float | None = None
    max_inclusive: bool = False


class Scale(Data):
    source: str
    bands: list[Band]


class Predicates(Data):
    scales: dict[str, Scale]
    words: dict[str, Words]


# ------------------------------------------------------------------ report.yaml (metadata.py)

class Report(Data):
    agency_heads: Words
    agency_connectives: Words
    agency_stop: Words
    region_kinds: Words
    region_stop: Words
    year_pattern: Regex
    title_lines: int
    report_markers: list[Regex]
    min_hits: int


# ------------------------------------------------------------------ rows.yaml (tables.py, assemble.py, verify)

class Rows(Data):
    record_start: Regex
    total_row: Regex
    subtotal_row: Regex
    program_cell: Regex
    spanning_labels: Words
    goal_objective_program: Regex
    realized: Regex
    activity_cell: Regex
    sub_activity_cell: Regex
    outline_number: Regex


# ------------------------------------------------------------------ table_kinds.yaml (classify.py)

class TableKind(Data):
    caption: list[Regex]
    requires: list[str]
    supports: list[str] = []


class TableKinds(Data):
    kinds: dict[str, TableKind]


# ------------------------------------------------------------------ readers.yaml (read/*.py)

class PageNumber(Data):
    before: list[Regex]
    of: Words


class Readers(Data):
    caption_words: Words
    label_words: list[Regex]
    page_number: PageNumber
    header_words: Words
    objective_start: Regex
    status_words: Words
    unit_words: Words


# ------------------------------------------------------------------ units.yaml (assemble.py)

class Units(Data):
    scale_abbreviations: dict[int, Words]
    units: dict[str, Words]
    max_unit_words: int


# ------------------------------------------------------------------ verify.yaml (verify/*.py)

class Formula(Data):
    formula: str
    source: str
    kind: str | None = None


class AchievementFormula(Data):
    line: Regex
    lower_is_better: list[Regex]
    higher_is_better: list[Regex]


class EfficiencyFormula(Data):
    line: Regex
    difference: list[Regex]
    ratio: list[Regex]


class EfficiencySentence(Data):
    stated: Regex
    achievement: Regex
    absorption: Regex


class LowerIsBetter(Data):
    phrases: list[Regex]
    polarity_column: Regex
    polarity_values: Words


class BandPatterns(Data):
    range: Regex
    pair: Regex
    bound: Regex


class BudgetSentence(Data):
    realization: Regex
    allocation: Regex
    parts: Regex
    percent_intro: Regex


class ProgramNames(Data):
    ignore: Words
    abbreviations: dict[str, str]
    same_word_score: int


class Verify(Data):
    default_formulas: dict[str, Formula]
    default_predicate_scales: Words
    achievement_formula: AchievementFormula
    efficiency_formula: EfficiencyFormula
    efficiency_sentence: EfficiencySentence
    lower_is_better: LowerIsBetter
    band: BandPatterns
    budget_sentence: BudgetSentence
    program_cell: Regex
    same_budget_share: float
    program_names: ProgramNames
    rule_words: dict[str, Regex]
    subject_labels: dict[str, str]
    efficiency_formula_names: dict[str, str]


# ------------------------------------------------------------------ narrative.jsonl (verify/narrative.py)

class NarrativeRule(Data):
    """One line of ``narrative.jsonl``: a spaCy EntityRuler token pattern and its label."""

    label: str
    pattern: list[dict]


# ------------------------------------------------------------------ claims.yaml, claims.jsonl (verify/claims.py)

class EfficiencyLabels(Data):
    efficient: Words
    inefficient: Words


class EfficiencyThreshold(Data):
    threshold: float
    source: str


class Claims(Data):
    efficiency_labels: EfficiencyLabels
    default_efficiency_scale: dict[Literal["ratio", "difference"], EfficiencyThreshold]
    subject_window: int
    year_window: int
    category_window: int
    label_lines: int


ClaimLabel = Literal["up", "down", "same", "alternatives", "not_a_claim", "achievement", "realization", "target",
                     "budget", "compare", "since", "by", "category", "overall", "average", "filler"]


class ClaimRule(Data):
    """One line of ``claims.jsonl``: a spaCy Matcher token pattern and what it marks."""

    label: ClaimLabel
    pattern: list[dict]



# ------------------------------------------------------------------ report_labels.yaml (report/)

class NumberFormat(Data):
    thousands: str = Field(min_length=1, max_length=1)
    decimal: str = Field(min_length=1, max_length=1)


class LabelSet(BaseModel):
    """The labels of one language: the number format, the words of three closed lists, and any number of
    plain labels (``title: …``), every one a string; both languages must have the same keys."""

    model_config = ConfigDict(extra="allow")
    numbers: NumberFormat
    html_lang: str
    levels: dict[Literal["agency", "program", "activity"], str]
    statuses: dict[Literal["success", "partial", "failure"], str]
    budget_items: dict[Literal["total_allocation", "operating_expenditure", "capital_expenditure", "total_realization",
                               "operating_realization", "capital_realization", "absorption"], str]

    @model_validator(mode="after")
    def _plain_labels_are_text(self):
        bad = sorted(k for k, v in (self.model_extra or {}).items() if not isinstance(v, str))
        if bad:
            raise ValueError(f"labels that are not text: {', '.join(bad)}")
        return self


class ReportLabels(Data):
    id: LabelSet
    en: LabelSet

    @model_validator(mode="after")
    def _same_keys(self):
        ours, theirs = set(self.id.model_extra or {}), set(self.en.model_extra or {})
        if ours != theirs:
            raise ValueError(f"labels not in both languages: {', '.join(sorted(ours ^ theirs))}")
        return self


MODELS: dict[str, type[Data]] = {
    "agencies": Agencies, "budget": Budget, "claims": Claims, "columns": Columns, "counts": Counts, "headings": Headings,
    "normalize": Normalize, "numbers": Numbers, "ocr_layouts": OcrLayouts, "predicates": Predicates,
    "readers": Readers, "report": Report, "report_labels": ReportLabels, "rows": Rows, "table_kinds": TableKinds, "units": Units, "verify": Verify,
}
LINE_MODELS: dict[str, type[Data]] = {"narrative": NarrativeRule, "claims": ClaimRule}
