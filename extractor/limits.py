"""Per-document limits: a file too large, too long or too slow is stopped and reported; the batch goes on.

Three limits, each with its own code (:mod:`extractor.codes`):

- ``max_bytes`` (``E050``): the file's size, checked before it is opened;
- ``max_pages`` (``E051``): a PDF's page count, read from its page tree before any page is read
  (text and Word files have no pages to count: ``max_bytes`` bounds them);
- ``timeout`` (``E052``): seconds for the whole extraction of one file, which then runs in a worker
  process of its own (:func:`extractor.runners.run_limited`) that is killed when the time is up.

The defaults suit an archive of yearly reports: the largest real LKjIP (an 800-page compilation with
annexes) is well under them, a 50 MB text or a runaway extraction is not.

>>> Limits().max_pages
2000
>>> Limits.resolve(None) == Limits()
True
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import TooLarge, TooManyPages

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_MAX_PAGES = 2000
DEFAULT_TIMEOUT = 600.0  # seconds; used by ``lkjip build`` (the library runs in-process unless given one)


@dataclass(frozen=True)
class Limits:
    """The limits of one build; ``None`` switches a limit off."""

    max_bytes: int | None = DEFAULT_MAX_BYTES
    max_pages: int | None = DEFAULT_MAX_PAGES
    timeout: float | None = None

    @classmethod
    def resolve(cls, limits: "Limits | dict | None") -> "Limits":
        """Given None (the defaults), a dict of fields or a :class:`Limits`, return a :class:`Limits`."""
        if limits is None:
            return cls()
        return limits if isinstance(limits, Limits) else cls(**limits)


def pdf_page_count(path: Path) -> int | None:
    """A PDF's page count from its page tree (no page is read), or None when it cannot be opened
    (the reader then says why, with its own code)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return None
    try:
        return len(document)
    finally:
        document.close()


def check_file(path: Path, limits: Limits) -> None:
    """Raise :class:`~extractor.errors.TooLarge` or :class:`~extractor.errors.TooManyPages` when
    ``path`` is past a limit; return None otherwise (or when the file cannot be measured)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        return  # the reader reports a missing or unreadable file with its own code
    if limits.max_bytes is not None and size > limits.max_bytes:
        raise TooLarge(str(path), f"{size:,} bytes, more than --max-bytes {limits.max_bytes:,}; "
                       "raise the limit to read it")
    if limits.max_pages is not None and path.suffix.lower() == ".pdf":
        pages = pdf_page_count(path)
        if pages is not None and pages > limits.max_pages:
            raise TooManyPages(str(path), f"{pages:,} pages, more than --max-pages {limits.max_pages:,}; "
                               "raise the limit to read it")
