"""Assembling a page of the PDF and OCR readers: table rows and text lines, top down."""
from __future__ import annotations

from .base import Line
from .cleaning import normalise
from .geometry import Box, aligned_rows, line_bbox, line_conf, lines_to_aligned_tables
from .paragraphs import paragraph_text, paragraphs


def row_line(cells: list[str], page: int, bbox, conf=None) -> Line:
    clean = [normalise(c) for c in cells]
    return Line(0, "\t".join(cells), "\t".join(clean), clean, page,
                tuple(round(v, 1) for v in bbox), conf)



def assemble_page(rows: list[Line], free: list[list[Box]], page: int, join_paragraphs: bool = False) -> list[Line]:
    """Given a page's ruled-table rows and its other visual lines, return its Lines top down.

    Runs of aligned visual lines become unruled table rows; the rest are text lines, one per
    paragraph with ``join_paragraphs`` (:mod:`extractor.read.paragraphs`), else one per visual line.
    """
    placed: list[tuple[float, Line]] = [(ln.bbox[1] if ln.bbox else 0.0, ln) for ln in rows]
    taken: set[int] = set()
    for first, last, gutters in lines_to_aligned_tables(free):
        for cells, members in aligned_rows(free[first: last + 1], gutters):
            boxes = [b for m in members for b in m]
            bbox = line_bbox(boxes)
            placed.append((bbox[1], row_line(cells, page, bbox, line_conf(boxes))))
        taken.update(range(first, last + 1))
    rest = [line for k, line in enumerate(free) if k not in taken]
    groups = paragraphs(rest) if join_paragraphs else [[line] for line in rest]
    for group in groups:
        boxes = [b for line in group for b in line]
        text = paragraph_text(group)
        bbox = tuple(round(v, 1) for v in line_bbox(boxes))
        placed.append((bbox[1], Line(0, text, normalise(text), None, page, bbox, line_conf(boxes))))
    placed.sort(key=lambda item: item[0])
    return [line for _, line in placed]
