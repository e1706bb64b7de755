"""A scan of a PDF: pages rasterised at a given dpi, each slightly skewed, blurred, noised and
JPEG-compressed, put back together as an image-only PDF. The first landscape page is stored the way
a sheet-fed scanner stores it, upright as a portrait image, with ``/Rotate 90`` on its page so a
viewer turns it back.
"""
from __future__ import annotations

import io
import os
import random
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter

MAX_SKEW = 3.0      # degrees either way
JPEG_QUALITY = (35, 75)


def _rasterise(pdf: Path, dpi: int, folder: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(folder / "page")],
                   check=True, capture_output=True, timeout=600)
    return sorted(folder.glob("page*.png"))


def degrade(image: Image.Image, rng: random.Random) -> Image.Image:
    """One page as a scanner and a photocopier leave it: skew, blur, speckle, JPEG artefacts."""
    image = image.convert("L")
    image = image.rotate(rng.uniform(-MAX_SKEW, MAX_SKEW), resample=Image.BICUBIC, expand=False, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.0)))
    noise = Image.effect_noise(image.size, rng.uniform(8, 22)).point(lambda v: 255 if v > 128 else v + 127)
    image = ImageChops.multiply(image, noise)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=rng.randint(*JPEG_QUALITY))
    buffer.seek(0)
    return Image.open(buffer).convert("L")


def scan_pdf(pdf: Path, out: Path, dpi: int, rng: random.Random) -> Path:
    """Write the scan of ``pdf`` at ``dpi`` to ``out`` (deterministic for a given ``rng`` state)."""
    import pypdfium2 as pdfium

    with tempfile.TemporaryDirectory(prefix="lkjip-scan-") as work:
        work = Path(work)
        pages = []
        rotated = None
        for index, png in enumerate(_rasterise(Path(pdf), dpi, work)):
            with Image.open(png) as page:
                image = degrade(page, rng)
            if rotated is None and image.width > image.height:
                image = image.rotate(90, expand=True)  # counter-clockwise: /Rotate 90 turns it back
                rotated = index
            pages.append(image)
        staged = work / "scan.pdf"
        pages[0].save(staged, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
        document = pdfium.PdfDocument(staged)
        if rotated is not None:
            document[rotated].set_rotation(90)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f"{out.name}.{os.getpid()}.tmp")
        document.save(tmp)
        document.close()
        tmp.replace(out)
    return out
