"""Claims in prose: direction words against the years they compare, overall predicates and efficiency
labels against the report's own scales.

Two codes:

- ``trend_mismatch``: "capaian … menunjukkan capaian yang menurun", "maka capaian tahun 2023 meningkat"
  against the figures of the indicator for the years compared (the indicator a sentence is about is
  found as the narrative check finds it, :func:`~extractor.verify.narrative.indicator_sentences`); and
  a year compared with itself ("tahun 2022 … sama dengan tahun 2022").
- ``category_mismatch``: an overall predicate of the report ("akumulasi … termasuk kategori 2 (dua)
  yaitu Sangat Berhasil", "rata-rata capaian … 100 % dengan kategori Berhasil") against its own scale
  and the average it states (or, stating none, the mean capaian of its indicators); an efficiency
  label ("Efisien", "Kurang Efisien") against the level its capaian and penyerapan give.

Words are token rules in ``patterns/claims.jsonl`` (spaCy's Matcher semantics, :mod:`.token_rules`) run on
the narrative check's tokens (:mod:`.tokenizer`); thresholds and labels are in ``patterns/claims.yaml``.

The two halves live in :mod:`extractor.verify.trends` and :mod:`extractor.verify.categories`, their
words in :mod:`extractor.verify.claim_words`; this module is the rule that runs them.
"""
from __future__ import annotations

from typing import Iterator

from ..model import Finding
from . import Context
from .categories import category_findings, find_category, judge_label, prose_labels, table_labels
from .narrative import indicator_sentences
from .trends import find_trends, self_comparisons, trend_findings

__all__ = ["check", "find_trends", "self_comparisons", "find_category", "indicator_sentences"]


def check(ctx: Context) -> Iterator[Finding]:
    """Given the context, yield the trend and category findings of the report's prose."""
    if ctx.report.indicators:
        yield from trend_findings(ctx)
        yield from category_findings(ctx)
    for label in (*table_labels(ctx), *prose_labels(ctx)):
        finding = judge_label(ctx, label)
        if finding is not None:
            yield finding
