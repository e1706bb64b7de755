"""Make reader test inputs from the corpus texts (a test helper, not a test module).

Given a corpus text (paragraph lines, tables as tab-separated lines), these functions build the
inputs the readers meet in the wild: a born-digital PDF with ruled tables that break across pages,
a scan of it (image-only PDF, slightly rotated and noisy), a .docx, the ``pdftotext -layout``
conversion of the PDF, and damaged PDFs (encrypted, corrupt, zero pages, blank scan).

>>> blocks = text_to_blocks("Judul\\n\\nA\\tB\\n1\\t2\\n\\n3\\t\\nSumber: x\\n")
>>> [(kind, value) for kind, value in blocks]
[('para', 'Judul'), ('table', [['A', 'B'], ['1', '2'], ['3', '']]), ('para', 'Sumber: x')]
"""
from __future__ import annotations

import random
import re
import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

_FIGURE = re.compile(r"(Rp\.?\s*)?[-(]?\d[\d.,]*\s?%?(,-)?\)?")
_SEPARATOR = re.compile(r"^[\s\-|:]*$")  # markdown table rules such as "----\t---\t--"


def text_to_blocks(text: str) -> list[tuple[str, object]]:
    """Given a corpus text, return ``('para', line)`` and ``('table', rows)`` blocks in order.

    A table is a run of lines containing tabs; blank lines and rule lines inside the run are
    skipped. Rows are padded to the table's widest row.
    """
    blocks: list[tuple[str, object]] = []
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            width = max(len(r) for r in rows)
            blocks.append(("table", [r + [""] * (width - len(r)) for r in rows]))
            rows.clear()

    lines = text.splitlines()
    for i, line in enumerate(lines):
        if "\t" in line:
            if _SEPARATOR.match(line):
                continue
            rows.append([c.strip() for c in line.split("\t")])
        elif not line.strip():
            nxt = next((n for n in lines[i + 1:] if n.strip()), "")
            if rows and "\t" in nxt:
                continue  # a blank line inside a table
            flush()
        else:
            flush()
            blocks.append(("para", line.strip()))
    flush()
    return blocks


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "Body" not in pdfmetrics.getRegisteredFontNames():
        dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
        if dejavu.exists():
            pdfmetrics.registerFont(TTFont("Body", str(dejavu)))
        else:  # Vera ships with reportlab
            pdfmetrics.registerFont(TTFont("Body", "Vera.ttf"))
    return "Body"


def _column_widths(rows: list[list[str]], total: float, font: str, size: float) -> list[float] | None:
    """Narrow columns (so cells wrap), each at least as wide as its longest word, the rest of
    the width shared by text length; None when the longest words do not fit at this size."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    ncols = len(rows[0])
    pad = 4.5
    minimum = [max([stringWidth(w, font, size) for r in rows for w in r[c].split()] or [0]) + pad
               for c in range(ncols)]
    if sum(minimum) > total:
        return None
    longest = [max(len(r[c]) for r in rows) for c in range(ncols)]
    weights = [max(4.0, min(float(n), 60.0)) ** 0.75 for n in longest]
    spare = total - sum(minimum)
    return [m + spare * w / sum(weights) for m, w in zip(minimum, weights)]


def render_pdf(text_path: Path, out_pdf: Path, max_blocks: int | None = None) -> Path:
    """Render a corpus text as a report-like PDF: paragraphs, ruled tables, header and footer.

    Tables are real reportlab Tables (``repeatRows=1``: a table continued on the next page
    repeats its header row) with wrapped Paragraph cells. Each page has the header
    "Laporan Kinerja …" and a footer with the page number. ``max_blocks`` keeps only the
    first blocks (for quick tests).
    """
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = _font()
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=12, spaceAfter=4)
    cell = ParagraphStyle("cell", fontName=font, fontSize=7, leading=8.5)
    blocks = text_to_blocks(Path(text_path).read_text(encoding="utf-8"))
    if max_blocks is not None:
        blocks = blocks[:max_blocks]
    title = Path(text_path).stem.replace("_", " ")
    header = f"Laporan Kinerja Instansi Pemerintah {title}"

    def decorate(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.drawString(2 * cm, A4[1] - 1.2 * cm, header)
        canvas.line(2 * cm, A4[1] - 1.35 * cm, A4[0] - 2 * cm, A4[1] - 1.35 * cm)
        canvas.drawCentredString(A4[0] / 2, 1.0 * cm, str(doc.page))
        canvas.restoreState()

    doc = SimpleDocTemplate(str(out_pdf), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=2 * cm, bottomMargin=2 * cm, title=header)
    story = []
    for kind, value in blocks:
        if kind == "para":
            story.append(Paragraph(escape(value), body))
            continue
        rows = value
        style = cell
        for size in (7, 6, 5, 4.5):
            widths = _column_widths(rows, doc.width, font, size)
            if widths:
                break
        if widths is None:  # words too long even at 4.5 pt: let them break
            widths = [doc.width / len(rows[0])] * len(rows[0])
        style = ParagraphStyle(f"cell{size}", parent=cell, fontSize=size, leading=size * 1.2)
        data = [[Paragraph(escape(c), style) for c in r] for r in rows]
        table = Table(data, colWidths=widths, repeatRows=1, splitInRow=1)
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
            ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ]))
        story += [Spacer(1, 4), table, Spacer(1, 6)]
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return Path(out_pdf)


def rasterise(pdf: Path, dpi: int = 150, pages: int | None = None):
    """Given a PDF, return its pages as PIL images at ``dpi``."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        count = len(doc) if pages is None else min(pages, len(doc))
        return [doc[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(count)]
    finally:
        doc.close()


def render_scan(pdf: Path, out_pdf: Path, dpi: int = 150, rotate_deg: float = 0.5,
                noise: bool = True, pages: int | None = None, seed: int = 7,
                blur: float = 0.0, jpeg_quality: int | None = None,
                skew_range: float | None = None) -> Path:
    """Rasterise a PDF, rotate it slightly and add speckle noise: an image-only 'scan'.

    ``skew_range`` rotates each page by its own random angle in ±range (instead of
    ``rotate_deg``); ``blur`` is a Gaussian radius in pixels; ``jpeg_quality`` re-encodes each
    page as JPEG at that quality (compression artefacts).
    """
    import io

    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    scans = []
    for image in rasterise(pdf, dpi, pages):
        angle = rng.uniform(-skew_range, skew_range) if skew_range else rotate_deg
        if angle:
            image = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
        if blur:
            image = image.filter(ImageFilter.GaussianBlur(blur))
        if noise:
            pixels = image.load()
            w, h = image.size
            for _ in range(w * h // 400):  # 0.25 % salt-and-pepper
                pixels[rng.randrange(w), rng.randrange(h)] = rng.choice((0, 90, 255))
        if jpeg_quality:
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=jpeg_quality)
            image = Image.open(io.BytesIO(buffer.getvalue()))
        scans.append(image.convert("RGB"))
    scans[0].save(out_pdf, "PDF", save_all=True, append_images=scans[1:], resolution=dpi)
    return Path(out_pdf)


def render_docx(text_path: Path, out_docx: Path, style: str = "grid") -> Path:
    """Write a corpus text as a .docx: paragraphs as paragraphs, tab tables as Word tables.

    ``style`` "grid" uses Word's "Table Grid" and automatic column widths; "ruled" (every cell
    border) and "borderless" (a rule above and below the table and under its shaded header row,
    no cell borders: how most Word-made reports are set) size the columns by their text, set
    tables wider than a portrait page in landscape sections and add a running header and a
    "Halaman N" footer, as LibreOffice then prints them (``libreoffice_pdfs``).
    """
    import docx

    document = docx.Document()
    styled = style != "grid"
    if styled:
        _page_furniture(document.sections[0], Path(text_path).stem)
        document.styles["Normal"].font.size = docx.shared.Pt(10)
    landscape = False
    for kind, value in text_to_blocks(Path(text_path).read_text(encoding="utf-8")):
        if kind == "para":
            if landscape:  # back to portrait after a wide table
                _new_section(document, landscape=False)
                landscape = False
            document.add_paragraph(value)
            continue
        rows = value
        widths, size = _docx_column_widths(rows) if styled else (None, None)
        wide = styled and sum(widths) > _PORTRAIT_CM
        if wide != landscape:
            _new_section(document, landscape=wide)
            landscape = wide
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        if styled:
            _style_table(table, rows, widths, size, style)
        else:
            table.style = "Table Grid"
        for table_row, row in zip(table.rows, rows):  # row by row: table.cell(r, c) walks the whole grid each time
            for cell, text in zip(table_row.cells, row):
                cell.text = text
                if styled:
                    for run in cell.paragraphs[0].runs:
                        run.font.size = docx.shared.Pt(size)
        if styled:
            document.add_paragraph()
    document.save(str(out_docx))
    return Path(out_docx)


_PORTRAIT_CM = 16.0    # A4 less 2.5 cm margins
_LANDSCAPE_CM = 24.7
_CELL_PAD_CM = 0.5    # LibreOffice's cell margins and a little air


def _word_cm(word: str, size: int) -> float:
    """A generous width of ``word`` at ``size`` pt in cm (capitals and digits are wide)."""
    em = sum(0.78 if ch.isupper() else 0.62 if ch.isdigit() else 0.58 for ch in word)
    return em * size / 72 * 2.54


def _docx_column_widths(rows: list[list[str]]) -> tuple[list[float], int]:
    """Column widths in cm (each at least its longest word; the rest shared by text length)
    and the font size that lets them fit a portrait, else a landscape page."""
    ncols = len(rows[0])
    longest = [max(len(r[c]) for r in rows) for c in range(ncols)]
    for total, sizes in ((_PORTRAIT_CM, (9, 8, 7)), (_LANDSCAPE_CM, (9, 8, 7, 6))):
        for size in sizes:
            minimum = [max([_word_cm(w, size) for r in rows for w in r[c].split()] or [0]) + _CELL_PAD_CM
                       for c in range(ncols)]
            if sum(minimum) <= total:
                weights = [max(4.0, min(float(n), 60.0)) ** 0.75 for n in longest]
                spare = total - sum(minimum)
                return [m + spare * w / sum(weights) for m, w in zip(minimum, weights)], size
    scale = _LANDSCAPE_CM / sum(minimum)
    return [m * scale for m in minimum], 6


def _new_section(document, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Cm

    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Cm(29.7), Cm(21.0)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))


def _page_furniture(section, stem: str) -> None:
    """A running header (report title) and a "Halaman N" footer with a PAGE field."""
    from docx.shared import Cm

    section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    section.header.paragraphs[0].text = "Laporan Kinerja Instansi Pemerintah " + stem.replace("_", " ")
    footer = section.footer.paragraphs[0]
    footer.text = "Halaman "
    page_number_field(footer)


def page_number_field(paragraph) -> None:
    """Append Word's PAGE field (the page number LibreOffice prints) to a paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _style_table(table, rows: list[list[str]], widths: list[float], size: int, style: str) -> None:
    """Fixed column widths, borders of the style, a shaded header row repeated on each page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    def element(tag: str, **attrs) -> object:
        e = OxmlElement(tag)
        for key, val in attrs.items():
            e.set(qn(f"w:{key}"), val)
        return e

    table.autofit = False
    props = table._tbl.tblPr
    borders = element("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        on = style == "ruled" or edge in ("top", "bottom")
        borders.append(element(f"w:{edge}", val="single" if on else "nil", sz="6", color="000000"))
    props.append(borders)
    props.append(element("w:tblLayout", type="fixed"))
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(width * 567)))
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(element("w:tblHeader"))
    for table_row in table.rows:
        for cell, width in zip(table_row.cells, widths):
            cell.width = Cm(width)
    for cell in header.cells:
        tc = cell._tc.get_or_add_tcPr()
        tc.append(element("w:shd", val="clear", color="auto", fill="D9D9D9"))
        if style == "borderless":
            edges = element("w:tcBorders")
            edges.append(element("w:bottom", val="single", sz="6", color="000000"))
            tc.append(edges)


def have_soffice() -> bool:
    return shutil.which("soffice") is not None


def libreoffice_pdfs(docx_paths: list[Path], out_dir: Path) -> list[Path]:
    """Convert .docx files to PDF with LibreOffice in one run (it takes seconds per start).

    A profile of its own in ``out_dir`` keeps concurrent runs from sharing (and locking) one.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = (out_dir / ".lo-profile").resolve().as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out_dir), *map(str, docx_paths)],
                   check=True, capture_output=True, timeout=900)
    out = [out_dir / (Path(p).stem + ".pdf") for p in docx_paths]
    missing = [p for p in out if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice wrote no {missing[0].name}")
    return out


def have_pdftotext() -> bool:
    return shutil.which("pdftotext") is not None


def have_tesseract() -> bool:
    return shutil.which("tesseract") is not None


def pdftotext_layout(pdf: Path, out_txt: Path) -> Path:
    """Run ``pdftotext -layout`` (poppler-utils) on ``pdf``."""
    subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), str(out_txt)], check=True)
    return Path(out_txt)


def damaged_pdfs(directory: Path) -> dict[str, Path]:
    """Write damaged PDFs into ``directory``; return them by kind.

    Kinds: ``encrypted`` (user password), ``corrupt`` (garbage after a PDF header),
    ``truncated`` (first 40 % of a valid PDF, no cross-reference table), ``zero_pages``,
    ``blank_scan`` (one white image page), ``not_pdf`` (a text file named .pdf).
    """
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}

    def sample(path: Path, encrypt: str | None = None) -> Path:
        c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
        for page in range(3):
            c.setFont("Helvetica", 11)
            for i in range(40):
                c.drawString(72, 780 - 18 * i, f"Halaman {page + 1} baris {i}: capaian 97,5 %")
            c.showPage()
        c.save()
        return path

    out["encrypted"] = sample(directory / "encrypted.pdf", encrypt="rahasia")
    good = sample(directory / "good.pdf").read_bytes()
    out["truncated"] = directory / "truncated.pdf"
    out["truncated"].write_bytes(good[: len(good) * 2 // 5])
    out["corrupt"] = directory / "corrupt.pdf"
    rng = random.Random(3)
    out["corrupt"].write_bytes(b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(4000)))
    out["zero_pages"] = directory / "zero_pages.pdf"
    out["zero_pages"].write_bytes(_zero_page_pdf())
    out["blank_scan"] = directory / "blank_scan.pdf"
    Image.new("RGB", (1240, 1754), "white").save(out["blank_scan"], "PDF", resolution=150)
    out["not_pdf"] = directory / "not_pdf.pdf"
    out["not_pdf"].write_text("Laporan Kinerja\tbukan PDF\n", encoding="utf-8")
    return out


def _zero_page_pdf() -> bytes:
    """A well-formed PDF whose page tree is empty (written by pdfium)."""
    import io

    import pypdfium2 as pdfium

    buffer = io.BytesIO()
    doc = pdfium.PdfDocument.new()
    doc.save(buffer)
    doc.close()
    return buffer.getvalue()


# ---------------------------------------------------------------- a cache shared by test modules

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SETDA = CORPUS / "kota-dumai_sekretariat-daerah_2023.txt"
_CACHE: dict[str, Path] = {}


def cached(key: str, make) -> Path:
    """Return ``make()`` once per test session (inputs are shared by several test modules)."""
    if key not in _CACHE:
        _CACHE[key] = make()
    return _CACHE[key]


def pdf_pages(pdf: Path, pages: list[int], out_pdf: Path) -> Path:
    """Copy the given 0-based pages of a PDF into a new PDF."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(pdf))
    new = pdfium.PdfDocument.new()
    new.import_pages(src, pages)
    new.save(str(out_pdf))
    new.close()
    src.close()
    return Path(out_pdf)


def numeric_rows(rows: list[list[str]]) -> list[tuple[str, ...]]:
    """Given table rows, return for each row with figures the tuple of its cells that are a
    figure ("2", "29,2", "550%", "Rp. 6.035.882.866,-"): the figures of a row in column order."""
    out = []
    for row in rows:
        figures = tuple(" ".join(c.split()) for c in row if _FIGURE.fullmatch(c.strip()))
        if figures:
            out.append(figures)
    return out


def text_rows(text_path: Path) -> list[list[str]]:
    """The table rows of a corpus text, as render_pdf/render_docx print them."""
    text = Path(text_path).read_text(encoding="utf-8")
    return [row for kind, rows in text_to_blocks(text) if kind == "table" for row in rows]


def share_found(expected: list[tuple], got: list[tuple]) -> float:
    """Share of ``expected`` items found in ``got`` (as a multiset)."""
    from collections import Counter

    pool = Counter(got)
    hits = 0
    for item in expected:
        if pool[item] > 0:
            pool[item] -= 1
            hits += 1
    return hits / len(expected) if expected else 1.0
