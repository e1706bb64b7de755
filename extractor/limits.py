"""Per-document limits: a file too large, too long or too slow is stopped and reported; the batch goes on.

Four limits, each with its own code (:mod:`extractor.codes`):

- ``max_bytes`` (``E050``): the file's size, checked before it is opened; a text file (``.txt``,
  ``.text``, ``.md``) has its own, lower ``max_text_bytes``: a real LKjIP as text is 0.1–3 MB (an
  800-page compilation, about 2 KB a page, under 2 MB), while extracting text costs about 4 s and
  150 MB of memory per MB (10 MB of repeated reports: 39 s, 1.5 GB, a 103 MB JSON), so 10 MB keeps every
  real report with room to spare and stops the blow-ups; PDFs and Word files carry images and fonts
  (a few hundred MB for a scanned compilation) and are bounded by pages and ``max_bytes``;
- ``max_pages`` (``E051``): a PDF's page count, read from its page tree before any page is read
  (text and Word files have no pages to count: ``max_bytes`` bounds them);
- ``timeout`` (``E052``): seconds for the whole extraction of one file, which then runs in a worker
  process (:class:`extractor.runners.LimitedWorker`) that is killed and replaced when the time is up;
- ``max_memory`` (``E053``): bytes of address space for that worker process (``RLIMIT_AS``), so a
  runaway extraction fails alone instead of swapping the machine (only with a ``timeout``: the library
  does not limit its own process).

The defaults suit an archive of yearly reports: the largest real LKjIP (an 800-page compilation with
annexes) is well under them, a 50 MB text or a runaway extraction is not.

>>> Limits().max_pages
2000
>>> Limits().byte_limit(Path("lkjip.txt")) == DEFAULT_MAX_TEXT_BYTES, Limits().byte_limit(Path("lkjip.pdf"))
(True, 209715200)
>>> Limits.resolve(None) == Limits()
True
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import TooLarge, TooManyPages

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_MAX_TEXT_BYTES = 10 * 1024 * 1024   # text files: see the module's docstring for the measurements
TEXT_SUFFIXES = (".txt", ".text", ".md")
DEFAULT_MAX_PAGES = 2000
DEFAULT_TIMEOUT = 600.0  # seconds; used by ``lkjip build`` (the library runs in-process unless given one)
DEFAULT_MAX_MEMORY = 4 * 1024 ** 3  # bytes of address space per worker process, used by ``lkjip build``


@dataclass(frozen=True)
class Limits:
    """The limits of one build; ``None`` switches a limit off."""

    max_bytes: int | None = DEFAULT_MAX_BYTES
    max_text_bytes: int | None = DEFAULT_MAX_TEXT_BYTES
    max_pages: int | None = DEFAULT_MAX_PAGES
    timeout: float | None = None
    max_memory: int | None = None

    @classmethod
    def resolve(cls, limits: "Limits | dict | None") -> "Limits":
        """Given None (the defaults), a dict of fields or a :class:`Limits`, return a :class:`Limits`."""
        if limits is None:
            return cls()
        return limits if isinstance(limits, Limits) else cls(**limits)

    def byte_limit(self, path: Path) -> int | None:
        """The largest size allowed for ``path``: ``max_bytes``, or ``max_text_bytes`` when lower for a text
        file (None when neither applies)."""
        limits = [self.max_bytes]
        if Path(path).suffix.lower() in TEXT_SUFFIXES:
            limits.append(self.max_text_bytes)
        limits = [n for n in limits if n is not None]
        return min(limits) if limits else None

    def byte_option(self, path: Path) -> str:
        """The command-line option that sets :meth:`byte_limit` for ``path`` (named in the message)."""
        text = Path(path).suffix.lower() in TEXT_SUFFIXES and self.max_text_bytes is not None
        return "--max-text-bytes" if text and self.byte_limit(path) == self.max_text_bytes else "--max-bytes"


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
    most = limits.byte_limit(path)
    if most is not None and size > most:
        raise TooLarge(str(path), f"{size:,} bytes, more than {limits.byte_option(path)} {most:,}; "
                       "raise the limit to read it")
    if limits.max_pages is not None and path.suffix.lower() == ".pdf":
        pages = pdf_page_count(path)
        if pages is not None and pages > limits.max_pages:
            raise TooManyPages(str(path), f"{pages:,} pages, more than --max-pages {limits.max_pages:,}; "
                               "raise the limit to read it")


def cap_memory(limits: Limits) -> None:
    """In a worker process: limit its address space to ``limits.max_memory`` (where the system allows)."""
    if limits.max_memory is None:
        return
    try:
        import resource
    except ImportError:  # not on this system (Windows): the timeout still stops the worker
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = limits.max_memory if hard == resource.RLIM_INFINITY else min(hard, limits.max_memory)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
