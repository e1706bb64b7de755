"""Read reading-order text into the line model: ``pdftotext`` without ``-layout``, copy-paste out of
a PDF viewer, the text of document-sharing sites.

Such text has no columns: a table comes out one cell a line (a wrapped cell over several lines),
blank lines between cells, row by row (ruled tables) or column by column within blocks of rows
(borderless tables, merged cells), header cells sometimes interleaved with the figures under them.
What stays is the order of the cells of one column and the kind of each line. Stages, per table
region (from a caption, or a "No" header cell, to the next caption or line of prose; running headers
and "Halaman N" dropped wherever the page's text flow set them):

``line_items`` (one per line: figure, year, row number or text; chunks split by blank lines; a
number a narrow column wrapped is joined) → ``pieces_of`` (runs of figures, a leading year kept as
the column's; text cells classified as header label, predicate, status note, unit or body text;
cells a borderless table lists under their column's label marked with it) → ``find_blocks``
(consecutive runs of equal length: k rows × m columns; a table set row by row gives k = 1; column
numbers "(4) (5) (6)" dropped) → rows (the common width of the blocks is the table's number of
figure columns; a row with more figures keeps the window whose target, realisation and capaian
agree) → ``assign_names`` (the body-text cells nearest each block, or all of them in order, split
into as many cells as there are rows; sasaran cells and a cut name's rest placed) → a header from
the labels, with their years, checked against the standard layout of the caption's kind
(``patterns/ocr_layouts.yaml``) by the rows' arithmetic. A row rebuilt with doubt (its block
narrower than the table, its name guessed, its header not borne out by the arithmetic; or any row
of a table a quarter of whose rows are in doubt) gets a low confidence, so its figures are
``low_confidence``.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import regex

from ..errors import EmptyInput
from ..numbers import parse_figure
from ..patterns import load
from .base import Document, Line, PageInfo, sha256_of
from .cleaning import normalise
from .layout import close_broken_words, continues_number
from .running import is_page_number, running_text

DOUBT = 40.0          # confidence of a row rebuilt with doubt (below 60: its figures are low_confidence)
PROSE_SHARE = 0.7     # a line this share of the text's long lines' length or longer is prose
MAX_REGION = 600      # lines of one table region at most

_FIGURE = regex.compile(r"(?:Rp\.?\s*)?[-+]?\d[\d.,]*\s*(?:%|,-+)?|[-–—]", regex.I)
_YEAR = regex.compile(r"(?:19|20)\d\d")
_ROWNUM = regex.compile(r"\d{1,3}\.|[ivx]{1,4}\.", regex.I)
_CAPTION = regex.compile(r"^\s*(?:tabel|table)\b\.?\s*[\dIVX]", regex.I)
_FIRST_CELL = regex.compile(r"^\s*(?:no\.?|nomor)\s*$", regex.I)
_NOTE = regex.compile(r"^\s*(?:sumber(?:\s+data)?\s*:|\*+\)?\s)", regex.I)
_BULLET = regex.compile(r"^\s*[-–•]\s")
_FIGURE_LABEL = regex.compile(r"target|realisasi|capaian|%|anggaran|alokasi|pagu|serapan|penyerapan", regex.I)
_NAME_LABEL = regex.compile(r"indikator|program|kegiatan|uraian", regex.I)
MIN_GAP = 3  # the fewest spaces that set columns apart
_GAP = regex.compile(rf"\S {{{MIN_GAP},}}\S")  # columns set apart by a run of spaces
_TEXT_LABEL = regex.compile(r"predikat|kriteria|kategori|keterangan|satuan|sasaran|tujuan|^\s*no\b|nomor", regex.I)


# ---------------------------------------------------------------- detection

def looks_like_reading_order(text: str) -> bool:
    """True when text has tables flattened one cell a line: no tabs, hardly any line with columns
    set apart by runs of spaces, and many lines that hold a single figure.

    >>> looks_like_reading_order("Tabel 1\\nNo\\n\\nIndikator\\n\\nTarget\\n\\n1\\n\\nIKU A\\n\\n90%\\n\\n95%\\n")
    True
    >>> looks_like_reading_order("No   Indikator     Target\\n1    IKU A         90\\n")
    False
    """
    if "\t" in text:
        return False
    lines = [ln for ln in (ln.strip() for ln in text.splitlines()) if ln]
    if not lines:
        return False
    gapped = sum(1 for ln in lines if " " * MIN_GAP in ln and _GAP.search(ln))  # the run first, as plain text
    figures = sum(1 for ln in lines if _FIGURE.fullmatch(ln) and not _YEAR.fullmatch(ln))
    return gapped <= len(lines) * 0.02 and figures >= max(3, len(lines) * 0.02)


# ---------------------------------------------------------------- vocabulary

@lru_cache(maxsize=1)
def _vocabulary() -> dict:
    readers = load("readers")
    predicates = {w.replace(" ", ""): canon for canon, ws in load("predicates")["words"].items() for w in ws}
    units = {w.lower() for ws in load("units")["units"].values() for w in ws} | set(load("units")["units"]) \
        | {w.lower() for w in readers["unit_words"]}
    return {"header": frozenset(readers["header_words"]), "unit": frozenset(units),
            "status": frozenset(w.replace(" ", "") for w in readers["status_words"]),
            "predicate": predicates,
            "objective": regex.compile(readers["objective_start"], regex.I)}


def _split_words(letters: str, vocabulary) -> list[str] | None:
    """Given letters without spaces, return them as a sequence of vocabulary words, else None.

    >>> _split_words("sangattinggitinggi", {"sangattinggi", "tinggi"})
    ['sangattinggi', 'tinggi']
    """
    best: list[list[str] | None] = [None] * (len(letters) + 1)
    best[0] = []
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - 24), end):
            if best[start] is not None and letters[start:end] in vocabulary:
                best[end] = best[start] + [letters[start:end]]  # longest word last wins ties
    return best[-1]


def _letters(text: str) -> str:
    return regex.sub(r"[^\p{L}]", "", text.lower())


def text_kind(lines: list[str]) -> str:
    """Given the lines of one text cell, return its kind: header, predicate, status or text.

    >>> [text_kind(c) for c in (["TARGE", "T", "Tahun"], ["Capaian", "(%)", "2019"], ["Sangat", "Berhasi", "l"],
    ...  ["Belum tercapai"], ["Persentase angka kemiskinan"])]
    ['header', 'header', 'predicate', 'status', 'text']
    """
    vocab = _vocabulary()
    joined = " ".join(lines)
    letters = _letters(joined)
    if not letters:
        return "header" if regex.fullmatch(r"[\s()%\[\]/.*-]*", joined) else "text"  # "(%)"
    digits = regex.findall(r"\d+", joined)
    if all(_YEAR.fullmatch(d) for d in digits) and (_split_words(letters, vocab["header"]) is not None or (
            len(letters) >= 4 and len(lines) == 1 and any(w.startswith(letters) for w in vocab["header"]))):
        return "header"  # (or a label a narrow column broke: "Realisa" / "si")
    words = regex.findall(r"[\p{L}%]+", joined.lower())
    if all(w in vocab["unit"] for w in words) and all(len(ln.split()) <= 3 for ln in lines):
        return "unit"
    if digits:
        return "text"
    if _split_words(letters, vocab["status"]) is not None:
        return "status"
    if len(letters) <= 2 or (len(letters) >= 4 and any(w.startswith(letters) for w in vocab["predicate"])):
        return "predicate"  # a piece of a predicate a narrow column broke ("Berhasi" / "l")
    found = _split_words(letters, vocab["predicate"].keys() | vocab["status"])
    if found is not None and any(w in vocab["predicate"] for w in found):
        return "predicate"
    return "text"


def predicates_in(lines: list[str]) -> list[str]:
    """Given a predicate cell (or a column of them), return the canonical predicates it holds.

    >>> predicates_in(["Sangat Tinggi", "Sangat Tinggi", "Rendah"])
    ['Sangat Tinggi', 'Sangat Tinggi', 'Rendah']
    """
    vocab = _vocabulary()
    words = vocab["predicate"]
    found = _split_words(_letters(" ".join(lines)), words.keys() | vocab["status"]) or []
    return [words[w] for w in found if w in words]


def is_objective(cell: str) -> bool:
    """True for a sasaran cell ("Meningkatnya …"); a word a narrow column broke is closed up first.

    >>> is_objective("Meningkatny a Penyelengga raan"), is_objective("Persentase desa")
    (True, False)
    """
    words = cell.split()
    pattern = _vocabulary()["objective"]
    return bool(words) and words[0][:1].isupper() and (bool(pattern.match(words[0])) or (len(words) > 1 and len(words[0]) >= 4
                                                              and bool(pattern.match(words[0] + words[1]))))


# ---------------------------------------------------------------- items and pieces

@dataclass
class Item:
    kind: str  # fig | year | rownum | text
    text: str
    number: int
    page: int
    chunk: int


@dataclass
class Piece:
    kind: str  # run | header | predicate | status | text | rownum
    items: list[Item]
    year: str | None = None  # a run's leading year (a header label set over its column)
    label: str | None = None  # a text cell's column, when the table lists a column's cells under its label

    @property
    def values(self) -> list[str]:
        return [i.text for i in self.items]

    @property
    def lines(self) -> list[str]:
        return [i.text for i in self.items]


def line_items(entries: list[tuple[int, int, str]]) -> list[Item]:
    """Given (line number, page, text) entries (blank text: a blank line), return the items."""
    items: list[Item] = []
    chunk = 0
    for number, page, text in entries:
        text = text.strip()
        if not text:
            chunk += 1
            continue
        kind = ("year" if _YEAR.fullmatch(text) else "rownum" if _ROWNUM.fullmatch(text)
                else "fig" if _FIGURE.fullmatch(text) else "text")
        last = items[-1] if items else None
        if last and last.chunk == chunk and last.kind == "fig" and kind in ("fig", "year") \
                and cut_number(last.text, text):
            last.text += text
            continue
        items.append(Item(kind, text, number, page, chunk))
    return items


_SHORT_GROUP = regex.compile(r"\d([.,])\d{3}\1\d{1,2}$")  # "3.523.998.70": the last group cut short


def cut_number(last: str, piece: str) -> bool:
    """True when ``piece`` is the rest of the number ``last`` that a narrow column wrapped: ``last``
    cannot stand alone (it ends with a separator, or its last group is cut short) or ``piece``
    cannot (it opens with a separator, or is only ",-" or "%").

    >>> [cut_number(a, b) for a, b in (("3.523.998.70", "0"), ("62.216.151.", "818,-"), ("13.028", ".800,0"))]
    [True, True, True]
    >>> [cut_number(a, b) for a, b in (("80", "1.328"), ("4", "4"), ("89,13", "89,89"), ("551.164.140", "546.434.280"))]
    [False, False, False, False]
    """
    if piece[:1] in ".," or regex.fullmatch(r",-+|%", piece) or last[-1:] in ".,":
        return continues_number(last, piece) or regex.fullmatch(r",-+|%", piece) is not None
    return bool(_SHORT_GROUP.search(last)) and continues_number(last, piece)


_CORE_LABEL = regex.compile(r"indikator|sasaran|program|kegiatan|uraian|target|realisasi|capaian|anggaran", regex.I)


def _header_lines(lines: list[str]) -> int:
    """How many of a text cell's first lines (up to three, not all) make a column label."""
    if text_kind(lines) == "header" or _BULLET.match(lines[0]):
        return 0
    for n in range(min(3, len(lines) - 1), 0, -1):
        label = close_broken_words(" ".join(lines[:n]))
        if text_kind(lines[:n]) == "header" and _CORE_LABEL.search(label) and not lines[n][:1].islower():
            return n
    return 0


def pieces_of(items: list[Item]) -> list[Piece]:
    """Group items: figures of one chunk into a run (a leading year kept apart), text lines of one
    chunk into a cell of its kind."""
    pieces: list[Piece] = []
    for item in items:
        last = pieces[-1] if pieces else None
        same = last is not None and last.items[-1].chunk == item.chunk
        if item.kind in ("fig", "year"):
            if same and last.kind == "run":
                last.items.append(item)
            else:
                pieces.append(Piece("run", [item]))
        elif item.kind == "rownum":
            pieces.append(Piece("rownum", [item]))
        elif same and last.kind == "text":
            last.items.append(item)
        else:
            pieces.append(Piece("text", [item]))
    for a, b in zip(pieces, pieces[1:]):
        if a.kind == "run" and len(a.items) == 1 and regex.fullmatch(r"\d{1,2}", a.items[0].text) \
                and b.items[0].chunk == a.items[0].chunk and b.kind in ("text", "rownum"):
            a.kind = "rownum"  # "11" over "Belum tercapai", "1" over "1.": a column or row number
    out = []
    seen_run = False
    for p in pieces:
        seen_run |= p.kind == "run"
        if p.kind == "text":
            head = 0 if seen_run else _header_lines(p.lines)
            if head:  # a column's label set in one chunk with the column's cells
                out.append(Piece("header", p.items[:head]))
                p.items = p.items[head:]
            p.kind = text_kind(p.lines)
        elif p.kind == "run" and p.items[0].kind == "year":
            if len(p.items) == 1:
                p.kind = "header"  # a year over its columns
            else:
                p.year, p.items = p.items[0].text, p.items[1:]
        out.append(p)
    _label_cells(out)
    return out


def _label_cells(pieces: list[Piece]) -> None:
    """Set the column of the text cells a table lists under their label, before any figure (a
    borderless table may print its text columns one after the other: "Indikator Kinerja", its
    names, "Formulasi", its formulas …). Once figures come, the order is the rows'."""
    label = None
    listed: list[Piece] = []
    followed = 0  # labels with cells right under them: two or more, a listing; one, the first row
    for p, after in zip(pieces, pieces[1:] + [None]):
        if p.kind == "run":
            break
        if p.kind == "header" and not _YEAR.fullmatch(" ".join(p.lines)):
            label = close_broken_words(" ".join(p.lines))
            followed += after is not None and after.kind == "text"
        elif p.kind == "text" and label:
            p.label = label
            listed.append(p)
    if followed < 2:
        for p in listed:
            p.label = None


# ---------------------------------------------------------------- blocks

@dataclass
class Block:
    runs: list[Piece]
    before: list[Piece] = field(default_factory=list)  # the pieces between the previous block and this one
    after: list[Piece] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len(self.runs[0].items)

    @property
    def width(self) -> int:
        return len(self.runs)


def _drop_column_numbers(runs: list[Piece]) -> list[Piece]:
    """Column numbers ("4", "5", "6" over the columns, a row of the header) open the runs of the
    first block, or make a row of their own: three runs or more whose first figures count up by
    one. Runs of single figures are column numbers only when they count from 1."""
    firsts = [r.values[0] if regex.fullmatch(r"\d{1,2}", r.values[0]) else None for r in runs]
    out: list[Piece] = []
    k = 0
    while k < len(runs):
        end = k + 1
        while firsts[k] is not None and end < len(runs) and firsts[end] is not None \
                and int(firsts[end]) == int(firsts[end - 1]) + 1:
            end += 1
        stretch = runs[k:end]
        if end - k >= 3 and all(len(r.items) == 1 for r in stretch) and firsts[k] == "1":
            pass  # a row of column numbers
        elif end - k >= 3 and sum(len(r.items) >= 2 for r in stretch) >= 2:
            for r in stretch:
                r.items = r.items[1:]
            out += [r for r in stretch if r.items]
        else:
            out += stretch
        k = end
    return out


def find_blocks(pieces: list[Piece]) -> list[Block]:
    """Given a region's pieces, return its blocks: consecutive runs of equal length, in order.
    Header labels and years between runs do not end a block's segment; body text does."""
    blocks: list[Block] = []
    segment: list[Piece] = []
    between: list[Piece] = []

    def close():
        nonlocal segment, between
        runs = _drop_column_numbers(segment)
        start = 0
        for k in range(1, len(runs) + 1):
            if k == len(runs) or len(runs[k].items) != len(runs[start].items):
                blocks.append(Block(runs[start:k], before=between if start == 0 else []))
                start = k
        if runs:
            between = []
        segment = []

    for p in pieces:
        if p.kind == "run":
            segment.append(p)
        elif p.kind == "header":
            continue
        else:
            if segment:
                close()
            between.append(p)
    if segment:
        close()
    for a, b in zip(blocks, blocks[1:]):
        a.after = b.before
    if blocks:
        blocks[-1].after = between
    return blocks


# ---------------------------------------------------------------- names

def _cells(pieces: list[Piece]) -> list[list[str]]:
    """The body-text cells of pieces, each as its lines; a cell split where a line opens a new one
    for sure (a sasaran, a bullet, a record word such as "Program", "Kegiatan", a capital after a
    full stop)."""
    record = regex.compile(load("rows")["record_start"], regex.I)
    out: list[list[str]] = []
    for p in pieces:
        if p.kind != "text":
            continue
        cell: list[str] = []
        for line in p.lines:
            if cell and (is_objective(line) or _BULLET.match(line) or record.match(line)
                         or (line[:1].isupper() and cell[-1].rstrip()[-1:] in ".;")):
                out.append(cell)
                cell = []
            cell.append(line)
        out.append(cell)
    return out


def _split_to(cells: list[list[str]], n: int) -> tuple[list[list[str]], bool]:
    """Split cells at lines that open with a capital letter until there are ``n``: first where the
    line before is shortest (a wrapped line fills its cell; the last line of a cell need not).
    Return the cells and whether the split was a choice (more such lines than splits needed)."""
    cells = [list(c) for c in cells]
    candidates = []
    for ci, cell in enumerate(cells):
        for li in range(1, len(cell)):
            if cell[li][:1].isupper():
                candidates.append((len(cell[li - 1]), ci, li))
    needed = max(0, n - len(cells))
    chosen = sorted(sorted(candidates)[:needed], key=lambda c: (-c[1], -c[2]))  # from the end: indexes stay valid
    for _, ci, li in chosen:
        cells[ci: ci + 1] = [cells[ci][:li], cells[ci][li:]]
    return cells, len(candidates) != needed


def _join(lines: list[str]) -> str:
    return close_broken_words(normalise(" ".join(lines)))


def _nearest_names(blocks: list[Block]) -> list[tuple[list[str], bool]] | None:
    """When every block has, in the text just before it, as many cells as it has rows: those
    cells (the names' column comes right before the figures, sasaran and numbers before it).
    A cell that opens in lower case goes on the last name of the block before."""
    if any(p.label for b in blocks for p in b.before):
        return None  # the names are listed under their label: shared out in order
    out: list[tuple[list[str], bool]] = []
    for block in blocks:
        texts = [p for p in block.before if p.kind == "text"]
        rests = [c for c in _cells(texts[:-1]) + _cells(texts[-1:])[:1]
                 if c[0][:1].islower() and len(" ".join(c)) > 2]
        if rests and out and out[-1][0]:  # the names' column comes last: the last rest is the name's
            out[-1] = (out[-1][0][:-1] + [f"{out[-1][0][-1]} {_join(rests[-1])}"], out[-1][1] or len(rests) > 1)
        last = texts[-1:]
        own = _cells(last)
        if own and own[0][0][:1].islower() and out:
            own = own[1:]  # gone on the name before
        if len(own) < block.rows:
            return None
        doubt = len(own) > block.rows or any(c[0][:1].islower() for c in own[-block.rows:])
        out.append(([_join(c) for c in own[-block.rows:]], doubt))
    if blocks and out and out[-1][0]:  # the rest of the last name, after the last figures
        for cell in _cells([p for p in blocks[-1].after if p.kind == "text"]):
            if cell[0][:1].islower() and len(" ".join(cell)) > 2:
                out[-1][0][-1] = f"{out[-1][0][-1]} {_join(cell)}"
    return out


def _names_in_order(blocks: list[Block]) -> list[tuple[list[str], bool]] | None:
    """When the table's name cells, all told, are as many as its rows (after splitting a cell that
    holds several), share them out in order: a borderless table may print a block's figures
    before its names, or all its names first."""
    sequence: list[list[str]] = []
    last_objective = False
    labelled = [p.label for b in blocks for p in b.before if p.kind == "text" and p.label]
    name_label = next((label for label in labelled if _NAME_LABEL.search(label)), None)
    for block in blocks:
        pieces = [p for p in block.before if not (p.kind == "text" and p.label and p.label != name_label)]
        for cell in _cells(pieces):
            if cell[0][:1].islower():
                if sequence and not last_objective:
                    sequence[-1] = sequence[-1] + cell
                continue
            last_objective = is_objective(" ".join(cell[:2]))
            if not last_objective:
                sequence.append(cell)
    total = sum(b.rows for b in blocks)
    doubt = False
    if len(sequence) < total:
        sequence, doubt = _split_to(sequence, total)
    if len(sequence) != total or doubt:
        return None
    out, k = [], 0
    for block in blocks:
        out.append(([_join(c) for c in sequence[k:k + block.rows]], doubt))
        k += block.rows
    return out


def assign_names(blocks: list[Block]) -> list[tuple[list[str], bool]]:
    """Given the blocks, return per block its row names and whether they are in doubt.

    The names of a block are the body-text cells before it (sasaran cells set apart); a cell that
    opens in lower case goes on the last name of the block before. Names printed before all the
    blocks (a borderless table prints its column of names first) are shared out in order.
    """
    nearest = _nearest_names(blocks)
    if nearest is not None:
        return nearest
    in_order = _names_in_order(blocks)
    if in_order is not None:
        return in_order
    labelled = [p.label for b in blocks for p in b.before if p.kind == "text" and p.label]
    name_label = next((label for label in labelled if _NAME_LABEL.search(label)), None)
    for b in blocks:  # cells listed under another column's label are no names
        b.before = [p for p in b.before if not (p.kind == "text" and p.label and p.label != name_label)]
    out: list[tuple[list[str], bool]] = []
    carry: list[list[str]] = []
    previous: list[str] | None = None
    own = [[c for c in _cells(blk.before) if not is_objective(" ".join(c[:2])) and not c[0][:1].islower()]
           for blk in blocks]
    for b, block in enumerate(blocks):
        for cell in _cells(block.before):
            if cell[0][:1].islower() and previous:  # the rest of a name the block before cut
                previous[-1] = f"{previous[-1]} {_join(cell)}"
        cells = carry + own[b]
        carry = []
        need = block.rows  # and the rows of the blocks after it that print no names of their own
        for k in range(b + 1, len(blocks)):
            if own[k]:
                break
            need += blocks[k].rows
        doubt = False
        if len(cells) < need:
            cells, doubt = _split_to(cells, need)
        if len(cells) > block.rows and need > block.rows:
            cells, carry = cells[:block.rows], cells[block.rows:]
        elif len(cells) > block.rows:
            doubt = True
            cells = cells[-block.rows:]
        names = [_join(c) for c in cells] + [""] * (block.rows - len(cells))
        out.append((names, doubt or len(cells) != block.rows))
        previous = names
    return out


# ---------------------------------------------------------------- header

@lru_cache(maxsize=1)
def _standard_layouts():
    data = load("ocr_layouts")
    return [(regex.compile(l["caption"], regex.I), l["figures"], l["header"]) for l in data["layouts"]]


def figure_labels(pieces: list[Piece], blocks: list[Block], width: int, caption: str) -> tuple[list[str], bool]:
    """Given the region's pieces, the blocks and the table's number of figure columns, return the
    labels of the figure columns (with their years) and whether they are in doubt."""
    labels: list[str] = []
    years: list[str] = []
    for p in pieces:
        if p.kind != "header":
            continue
        text = close_broken_words(" ".join(p.lines))
        if _YEAR.fullmatch(text):
            years.append(text)
        elif _FIGURE_LABEL.search(text) and not _NAME_LABEL.search(text) and not _TEXT_LABEL.search(text):
            labels.append(text)
    if len(labels) > width:  # a bare "%" may be a unit cell of the first row set among the labels
        bare = [k for k, label in enumerate(labels) if not regex.search(r"\p{L}", label)]
        if len(labels) - len(bare) == width:
            labels = [label for k, label in enumerate(labels) if k not in bare]
    caption_years = _YEAR.findall(caption)
    year = int(caption_years[-1]) if caption_years else None
    first = next((b for b in blocks if b.width == width), None)
    run_years = [r.year for r in first.runs] if first else [None] * width
    spread = len(labels) < width and labels and any(run_years)
    if spread:  # a label over several columns ("Realisasi Tahun" over 2017 and 2018): the first one
        labels = [labels[0]] * (width - len(labels)) + labels
    if len(labels) != width:
        for pattern, n, header in _standard_layouts():
            if n == width and pattern.search(caption):
                return [h.format(year=year or "", prev=(year - 1) if year else "").strip() for h in header[1:1 + n]], True
        return labels[:width] + [f"Kolom {k + 1}" for k in range(len(labels), width)], True
    # labels without a year: the parent years, from the right (the report year's group last)
    parents = sorted(set(years), reverse=True)  # (no years printed: the caption's year is the table's)
    out: list[str] = [""] * width
    group: set[str] = set()
    current = 0
    for j in range(width - 1, -1, -1):
        text = labels[j]
        if _YEAR.search(text) or run_years[j]:
            out[j] = text if _YEAR.search(text) else f"{text} {run_years[j]}"
            continue
        field_word = _FIGURE_LABEL.search(text)[0].lower()
        if field_word in group:
            current += 1
            group = set()
        group.add(field_word)
        out[j] = f"{text} {parents[current]}" if current < len(parents) else text
    for j in range(1, width):  # no year of its own: the year of the column before ("Capaian" after "Realisasi 2019")
        if not _YEAR.search(out[j]) and _YEAR.search(out[j - 1]):
            out[j] = f"{out[j]} {_YEAR.findall(out[j - 1])[-1]}"
    return out, bool(spread)


# ---------------------------------------------------------------- a region

def report_year_fields(labels: list[str]) -> tuple[int, int, int] | None:
    """The positions of the target, realisation and capaian of the latest year among the figure
    columns' labels, when all three are there.

    >>> report_year_fields(["Realisasi 2022", "Target 2023", "Realisasi 2023", "Capaian (%) 2023"])
    (1, 2, 3)
    """
    years = [int(y[-1]) if (y := _YEAR.findall(label)) else None for label in labels]
    latest = max((y for y in years if y), default=None)
    found = {}
    for k, (label, year) in enumerate(zip(labels, years)):
        if year != latest:
            continue
        for name, pattern in (("target", "target"), ("realization", "realisasi"), ("achievement", "capaian|%")):
            if regex.search(pattern, label, regex.I) and name not in found:
                found[name] = k
                break
    return (found["target"], found["realization"], found["achievement"]) if len(found) == 3 else None


def _agrees(target: str, realization: str, achievement: str) -> bool:
    """Capaian = realisasi / target × 100 (or, lower being better, (2 × target − realisasi) / target
    × 100, or target / realisasi × 100), to half a point."""
    t, r, c = (parse_figure(v) for v in (target, realization, achievement))
    if not (t and r and c) or t.value is None or r.value is None or c.value is None or not t.value:
        return False
    t, r, c = t.value, r.value, c.value
    candidates = [r / t * 100, (2 * t - r) / t * 100] + ([t / r * 100] if r else [])
    return any(abs(c - x) <= Decimal("0.5") for x in candidates)


def fit_window(values: list[str], fields: tuple[int, int, int] | None, width: int | None = None) -> list[str] | None:
    """Given a row with more figures than the table has columns (a number of the row, a figure of
    the row before or after read with it), return the one window of consecutive figures whose
    target, realisation and capaian agree, else None.

    >>> fit_window(["5%", "345", "340", "324", "324", "100,00%", "356"], (2, 3, 4), 5)
    ['345', '340', '324', '324', '100,00%']
    """
    if fields is None:
        return None
    width = width or max(fields) + 1
    t, r, c = fields
    fits = [values[k:k + width] for k in range(len(values) - width + 1)
            if _agrees(values[k + t], values[k + r], values[k + c])]
    return fits[0] if len(fits) == 1 else None


def _agreement(labels: list[str], rows: list[list[str]]) -> int:
    """How many rows' target, realisation and capaian (of the latest year, by the labels) agree."""
    fields = report_year_fields(labels)
    if fields is None:
        return -1
    t, r, c = fields
    return sum(1 for row in rows if _agrees(row[t], row[r], row[c]))


def checked_labels(labels: list[str], doubt: bool, rows: list[list[str]], caption: str) -> tuple[list[str], bool]:
    """Check the figure columns' labels by the rows' arithmetic: of the labels read and the
    standard layout of the caption's kind, keep those under which more rows agree; labels under
    which fewer than half of the rows agree are in doubt (a header set over a page break comes
    out of order)."""
    candidates = [(labels, doubt)]
    year = (_YEAR.findall(caption) or [None])[-1]
    for pattern, n, header in _standard_layouts():
        if n == len(labels) and pattern.search(caption) and year:
            candidates.append(([h.format(year=year, prev=int(year) - 1) for h in header[1:1 + n]], True))
    best, chosen, chosen_doubt = _agreement(labels, rows), labels, doubt
    for other, other_doubt in candidates[1:]:
        score = _agreement(other, rows)
        if score > max(best, 0):
            best, chosen, chosen_doubt = score, other, other_doubt
    if best < 0:
        return labels, doubt
    return chosen, (chosen_doubt and best < len(rows)) or best * 2 < len(rows)


def _name_label(pieces: list[Piece]) -> str:
    """The label of the names' column: an indicator label first, then a program or activity one
    ("Uraian" may head the sasaran column beside it)."""
    labels = [close_broken_words(" ".join(p.lines)) for p in pieces if p.kind == "header"]
    for pattern in _NAME_LABEL.pattern.split("|"):
        found = [label for label in labels if regex.search(pattern, label, regex.I)]
        if found:
            return found[0]
    return "Uraian"


def rebuild(entries: list[tuple[int, int, str]], caption: str) -> list[Line] | None:
    """Given a table region's lines (number, page, text) and its caption, return the rebuilt table
    as Lines (a header row, then the body rows), or None when no table is found in it."""
    pieces = pieces_of(line_items(entries))
    blocks = find_blocks(pieces)
    widths = Counter()
    for b in blocks:
        if b.width >= 2:
            widths[b.width] += b.rows
    singles = [b for b in blocks if b.width == 1 and not all(regex.fullmatch(r"\d{1,2}", v) for v in b.runs[0].values)]
    if not widths and len(singles) >= 2:
        widths[1] = len(singles)  # one column of figures ("Program | Anggaran")
    if not widths:
        return None
    width = widths.most_common(1)[0][0]
    labels, header_doubt = figure_labels(pieces, blocks, width, caption)
    fields = report_year_fields(labels)
    name_label = _name_label(pieces)
    kept: list[Block] = []
    before: list[Piece] = []
    for b in blocks:  # a lone figure (a row or column number) is no block; what preceded it goes on
        before += b.before
        numbers = all(regex.fullmatch(r"\d{1,2}", v) for r in b.runs for v in r.values)
        if (b.width >= 2 or width == 1) and not (numbers and (b.width < width or width == 1)):  # row numbers
            b.before, before = before, []
            kept.append(b)
    names = assign_names(kept)
    rows: list[Line] = []
    with_predicate = False
    for block, (block_names, name_doubt) in zip(kept, names):
        predicates = predicates_in([ln for p in block.after if p.kind == "predicate" for ln in p.lines])
        if len(predicates) != block.rows:
            predicates = []
        with_predicate |= bool(predicates)
        for r in range(block.rows):
            figures = [run.items[r] for run in block.runs]
            values = [f.text for f in figures]
            fitted = fit_window(values, fields, width) if len(values) > width else None
            values = fitted or values[-width:]
            values = [""] * (width - len(values)) + values
            cells = [block_names[r]] + values + [predicates[r] if predicates else ""]
            doubt = name_doubt or (block.width != width and not fitted) or not block_names[r]
            rows.append(Line(number=figures[0].number, raw="\n".join(f.text for f in figures),
                             text="\t".join(cells), cells=cells, page=figures[0].page,
                             confidence=DOUBT if doubt else None))
    if not rows:
        return None
    labels, header_doubt = checked_labels(labels, header_doubt, [r.cells[1:1 + width] for r in rows], caption)
    if header_doubt or sum(r.confidence is not None for r in rows) * 4 > len(rows):  # a table mostly guessed
        for row in rows:
            row.confidence = DOUBT
    header = [name_label] + labels + ["Predikat"]
    if not with_predicate:
        header = header[:-1]
        for row in rows:
            row.set_cells(row.cells[:-1])
    first = entries[0]
    return [Line(number=first[0], raw="", text="\t".join(header), cells=header, page=first[1])] + rows


# ---------------------------------------------------------------- the document

def _prose_length(texts: list[str]) -> int:
    lengths = sorted(len(t) for t in texts if t)
    if not lengths:
        return 10 ** 6
    return max(50, int(PROSE_SHARE * lengths[int(0.95 * (len(lengths) - 1))]))


def _key(text: str) -> str:
    return regex.sub(r"\d+", "#", " ".join(text.lower().split()))


def recurring_lines(pages: list[list[str]]) -> set[str]:
    """The lines (digits ignored) of three words or more that recur on half of the pages or more:
    running headers and footers, which reading order may set anywhere on a page."""
    counts: Counter = Counter()
    for texts in pages:
        counts.update({_key(t) for t in texts if len(regex.findall(r"\p{L}{2,}", t)) >= 3})
    threshold = max(2, len(pages) // 2)
    return {key for key, n in counts.items() if n >= threshold}


def running_anywhere(text: str, recurring: set[str]) -> bool:
    """A running line, or a page number with its word ("Halaman 28"), wherever reading order set it.

    >>> running_anywhere("Halaman 28", set()), running_anywhere("28", set()), running_anywhere("l", set())
    (True, False, False)
    """
    return _key(text) in recurring or (bool(regex.search(r"\p{L}{2}.*\d", text)) and is_page_number(text))


def _plain(entry: tuple[int, int, str]) -> Line:
    return Line(entry[0], entry[2], normalise(entry[2]), None, entry[1])


def _title(entries: list[tuple[int, int, str]], j: int) -> tuple[int, list[tuple[int, int, str]]]:
    """The title lines of a caption from index ``j`` (after up to two blank lines, up to the next
    blank line, three at most, no column label): (the index after them, the title lines)."""
    k = j
    while k < len(entries) and k - j < 2 and not entries[k][2].strip():
        k += 1
    title = []
    while k < len(entries) and entries[k][2].strip() and len(title) < 3 and not _FIRST_CELL.match(entries[k][2]) \
            and text_kind([entries[k][2]]) != "header" and not _FIGURE.fullmatch(entries[k][2].strip()):
        title.append(entries[k])
        k += 1
    return (k, title) if title else (j, [])


def read_reading_text(path: Path, text: str) -> Document:
    """Given the path and decoded text of a reading-order text file, return its Document (format
    ``reading_text``): prose as lines, each table rebuilt as rows."""
    path = Path(path)
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages = pages[:-1]
    entries: list[tuple[int, int, str]] = []  # (line number, page, text); "" for a blank line
    number = 1
    per_page: list[list[tuple[int, int, str]]] = []
    for page_no, page in enumerate(pages, 1):
        rows = page.split("\n")
        per_page.append([(number + k, page_no, r) for k, r in enumerate(rows)])
        number += len(rows) - 1
    drops = running_text([[r for _, _, r in p if r.strip()] for p in per_page])
    recurring = recurring_lines([[r for _, _, r in p if r.strip()] for p in per_page])
    for page, drop in zip(per_page, drops):
        nonblank = [e for e in page if e[2].strip()]
        dropped = {nonblank[k][0] for k in drop} | {e[0] for e in nonblank if running_anywhere(e[2], recurring)}
        entries += [e for e in page if e[0] not in dropped]
    prose = _prose_length([e[2].strip() for e in entries])
    lines: list[Line] = []
    i = 0
    caption: tuple[int, str] | None = None  # the last caption: (index, text)
    while i < len(entries):
        n, page, raw = entries[i]
        if not (_CAPTION.match(raw) or _FIRST_CELL.match(raw)):
            lines.append(_plain(entries[i]))
            i += 1
            continue
        j = i + 1
        if _CAPTION.match(raw):
            j, title = _title(entries, j)
            lines += [_plain(entries[i])] + [_plain(e) for e in title]
            caption = (j, " ".join([raw] + [e[2] for e in title]))
        end = j
        notes: list[tuple[int, int, str]] = []
        region: list[tuple[int, int, str]] = []
        while end < len(entries) and end - j < MAX_REGION:
            t = entries[end][2].strip()
            if len(t) >= prose or _CAPTION.match(t):
                break
            (notes if _NOTE.match(t) else region).append(entries[end])
            end += 1
        context = normalise(caption[1]) if caption and sum(1 for e in entries[caption[0]:i] if e[2].strip()) <= 3 else ""
        if not context and end < len(entries) and _CAPTION.match(entries[end][2]):  # a caption set under its table
            context = normalise(" ".join([entries[end][2]] + [e[2] for e in _title(entries, end + 1)[1]]))
        table = rebuild(region, context) if region else None
        if table is None:
            if _FIRST_CELL.match(raw):
                lines.append(_plain(entries[i]))
            i = j
            continue
        lines += table
        lines += [_plain(e) for e in notes]
        i = end
    if not any(ln.text for ln in lines):
        raise EmptyInput(str(path), "the file has no text")
    infos = [PageInfo(number=k + 1, chars=sum(len(e[2].strip()) for e in p)) for k, p in enumerate(per_page)]
    return Document(path=str(path), format="reading_text", lines=lines, sha256=sha256_of(path), pages=infos)
