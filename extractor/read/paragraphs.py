"""Paragraphs of a PDF page (*paragraf*): the visual lines of one paragraph joined into one line.

A text file holds a paragraph on one line; a PDF breaks it wherever the page's width ends, often
inside a sentence ("... belanja operasi sebesar Rp." / "9.108.395.600,- ..."). Joining the lines of
a paragraph gives the later stages the same sentences whatever the rendering.

A visual line continues the paragraph of the line above when that line runs to the right edge of
the page's text (a paragraph's last line, a heading or a caption stops short), the two are set
one line pitch apart, and the new line does not start further left than the paragraph.
"""
from __future__ import annotations

from .geometry import Box, line_text

FULL_LINE = 0.85        # a line reaching this share of the text width runs on into the next
MAX_LEADING = 1.8       # lines further apart than this many line heights are separate paragraphs
INDENT_SLACK = 3.0      # points; a continued line starts no further left than this before the first


def paragraphs(lines: list[list[Box]]) -> list[list[list[Box]]]:
    """Given a page's free visual lines top down, return them grouped into paragraphs.

    >>> line = lambda top, x1, text: [Box(50, top, x1, top + 10, text)]
    >>> groups = paragraphs([line(0, 500, "Anggaran sebesar Rp."), line(12, 300, "9.108.395.600,- saja."),
    ...                      line(30, 200, "Tabel 3"), line(42, 500, "Judul tabel")])
    >>> [[line_text(ln) for ln in g] for g in groups]
    [['Anggaran sebesar Rp.', '9.108.395.600,- saja.'], ['Tabel 3'], ['Judul tabel']]
    """
    if not lines:
        return []
    left = min(ln[0].x0 for ln in lines)
    right = max(ln[-1].x1 for ln in lines)
    width = right - left
    groups: list[list[list[Box]]] = []
    for line in lines:
        if groups and _continues(groups[-1], line, left, width):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _continues(group: list[list[Box]], line: list[Box], left: float, width: float) -> bool:
    last = group[-1]
    height = max(b.bottom for b in last) - min(b.top for b in last)
    gap = min(b.top for b in line) - min(b.top for b in last)
    full = last[-1].x1 - left >= FULL_LINE * width
    return (width > 0 and full and 0 < gap <= MAX_LEADING * height
            and line[0].x0 >= group[0][0].x0 - INDENT_SLACK and _words(last) >= 3)


def _words(line: list[Box]) -> int:
    return len(line_text(line).split())


def paragraph_text(group: list[list[Box]]) -> str:
    """The text of a paragraph's lines, joined by spaces (a word hyphenated at a line's end is
    joined whole: "masing-" + "masing" → "masing-masing").

    >>> paragraph_text([[Box(0, 0, 5, 5, "masing-")], [Box(0, 6, 5, 11, "masing lembaga")]])
    'masing-masing lembaga'
    """
    out = ""
    for line in group:
        text = line_text(line)
        if out.endswith("-") and text[:1].isalpha():
            out += text
        else:
            out = f"{out} {text}" if out else text
    return out
