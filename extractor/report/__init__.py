"""Verification pages people can look at (``lkjip report``): static HTML per report and a dataset index.

Stages, one module each: :mod:`.loading` (a report file, a report JSON or a dataset folder) →
:mod:`.page` (the page model: figures, recomputations, provenance, findings linked to figures) →
:mod:`.crops` (PDF page crops) → :mod:`.render` (Jinja2 templates, :mod:`.charts` as inline SVG,
:mod:`.formatting` of numbers, :mod:`.labels` in Indonesian or English) → :mod:`.site` (the files).
"""
from .site import Site, write_site

__all__ = ["Site", "write_site"]
