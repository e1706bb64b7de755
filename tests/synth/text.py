"""Render a synthetic report as plain text: paragraphs a line each, tables as tab-separated rows.

This is the shape of the corpus texts (``corpus/*.txt``): a merged cell prints once, the slots it
covers print empty.
"""
from __future__ import annotations

from .document import Block, Heading, PageBreak, Para, Table


def table_lines(table: Table) -> list[str]:
    rows = table.header + table.body
    return ["\t".join(cell.text if cell is not None else "" for cell in row) for row in rows]


def render_text(blocks: list[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, (Heading, Para)):
            out += [block.text, ""]
        elif isinstance(block, PageBreak):
            continue
        elif isinstance(block, Table):
            caption = [block.caption, ""]
            out += (caption if block.caption_before else []) + table_lines(block) + [""]
            if block.footnote:
                out += [block.footnote, ""]
            if not block.caption_before:
                out += caption
    return "\n".join(out)
