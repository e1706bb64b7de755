"""Synthetic LKjIP reports with known facts, in every rendering, and a round-trip harness.

    from synth import generate, render, compare          # in tests (tests/ is on sys.path)
    facts = generate(12)                                  # ReportFacts: seeded, deterministic
    path = render(12, "pdf_borderless")                   # cached under LKJIP_SYNTH_CACHE or /tmp
    score = compare(facts, extract(path))                 # Score: metadata, indicator/budget/finding tallies

Modules: ``vocabulary`` (the Indonesian words), ``facts`` (figures, ``generate``), ``annex`` (the facts of
the annexes and of the claims in prose: budget annex with codes and quarters, action plan, counts by
level, trends, categories), ``planting`` (planted discrepancies, one per finding code, in the body and in
the annexes and claims), ``layout`` (seeded layout choices, families A and B), ``document`` (blocks:
headings, paragraphs, tables with spans) and ``appendix`` (the annex and claim blocks, in each family's
words), ``text`` / ``docx`` / ``scan`` (renderers), ``renderings`` (the cache and the LibreOffice and
poppler steps), ``harness`` (scoring, overall and per finding code).
``benchmarks/accuracy.py`` runs it all over many seeds.
"""
from .facts import CODES, HELD_OUT_FROM, ReportFacts, generate
from .harness import Score, Tally, compare, perfect_report
from .renderings import RENDERINGS, render, render_many

__all__ = ["CODES", "HELD_OUT_FROM", "RENDERINGS", "ReportFacts", "Score", "Tally", "compare", "generate",
           "perfect_report", "render", "render_many"]
