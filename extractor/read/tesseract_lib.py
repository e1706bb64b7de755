"""Tesseract in this process, through its C library (``libtesseract``, the library the ``tesseract``
command is built on), called with ctypes.

Engines are made once and kept, per language, as many as threads read pages at once: a page costs
only its recognition, not a process start, the loading of the language models and an image written to disk and read back, as a
``tesseract`` command per page does (about 0.1 s of ~1 s a page for ``ind+eng``). The words are the
command's: same library, same settings (``tests/test_read_ocr.py`` compares the two TSVs).
:func:`engine_for` returns None when the library cannot be loaded; the caller then runs the command.
"""
from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import os
import threading
from queue import Empty, SimpleQueue

_LIBRARY_NAMES = ("libtesseract.so.5", "libtesseract.5.dylib", "tesseract")


class Engine:
    """A Tesseract API handle set up for one language and page segmentation mode (``--psm``)."""

    def __init__(self, lib, lang: str, psm: int):
        self._lib = lib
        self._handle = lib.TessBaseAPICreate()
        with _INIT_LOCK:  # the language models are loaded into a cache shared by every handle
            failed = lib.TessBaseAPIInit3(self._handle, None, lang.encode())
        if failed:
            lib.TessBaseAPIDelete(self._handle)
            raise OSError(f"Tesseract could not load the language {lang!r}")
        lib.TessBaseAPISetPageSegMode(self._handle, psm)

    def tsv(self, pixels, bytes_per_pixel: int) -> str:
        """Given page pixels (C-contiguous numpy uint8, rows × cols [× channels]), return Tesseract's
        TSV of them without its header line (``tesseract IMAGE - tsv``)."""
        height, width = pixels.shape[:2]
        lib, handle = self._lib, self._handle
        lib.TessBaseAPISetImage(handle, pixels.ctypes.data, width, height, bytes_per_pixel,
                                width * bytes_per_pixel)
        try:
            if lib.TessBaseAPIRecognize(handle, None) != 0:
                raise OSError("Tesseract could not read the page")
            text = lib.TessBaseAPIGetTsvText(handle, 0)
            try:
                return ctypes.string_at(text).decode("utf-8", errors="replace")
            finally:
                lib.TessDeleteText(text)
        finally:
            lib.TessBaseAPIClear(handle)

    def close(self) -> None:
        self._lib.TessBaseAPIEnd(self._handle)
        self._lib.TessBaseAPIDelete(self._handle)


def _load():
    """The Tesseract C library with its functions typed, or None when it is not installed."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # before the library's OpenMP starts: pages are the parallelism
    for name in _LIBRARY_NAMES:
        path = ctypes.util.find_library(name) if "." not in name else name
        if not path:
            continue
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        handle, text, string, number = ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
        for function, arguments, result in (
                ("TessBaseAPICreate", [], handle),
                ("TessBaseAPIInit3", [handle, string, string], number),
                ("TessBaseAPISetPageSegMode", [handle, number], None),
                ("TessBaseAPISetImage", [handle, ctypes.c_void_p, number, number, number, number], None),
                ("TessBaseAPIRecognize", [handle, ctypes.c_void_p], number),
                ("TessBaseAPIGetTsvText", [handle, number], text),
                ("TessDeleteText", [text], None),
                ("TessBaseAPIClear", [handle], None),
                ("TessBaseAPIEnd", [handle], None),
                ("TessBaseAPIDelete", [handle], None)):
            try:
                getattr(lib, function).argtypes = arguments
                getattr(lib, function).restype = result
            except AttributeError:  # not Tesseract's C API (or too old a version)
                break
        else:
            return lib
    return None


_INIT_LOCK = threading.Lock()
_STATE: dict = {}
_IDLE: dict[tuple[str, int], SimpleQueue] = {}  # engines not reading a page now, by (language, psm)
_ALL: list[Engine] = []  # every engine made, closed at exit


def _library():
    with _INIT_LOCK:
        if "lib" not in _STATE:
            _STATE["lib"] = None if os.environ.get("LKJIP_TESSERACT_COMMAND") else _load()
        return _STATE["lib"]


class _Borrowed:
    """An engine taken from the idle ones (or made) for one page, given back after."""

    def __init__(self, key: tuple[str, int], engine: Engine):
        self.key, self.engine = key, engine

    def __enter__(self) -> Engine:
        return self.engine

    def __exit__(self, *exc) -> None:
        _IDLE[self.key].put(self.engine)


def engine_for(lang: str, psm: int) -> _Borrowed | None:
    """An engine for ``lang`` and ``psm``, to use in a ``with`` block (one thread at a time), or None
    when the Tesseract library cannot be loaded (or ``LKJIP_TESSERACT_COMMAND`` is set)."""
    lib = _library()
    if lib is None:
        return None
    key = (lang, psm)
    with _INIT_LOCK:
        idle = _IDLE.setdefault(key, SimpleQueue())
    try:
        engine = idle.get_nowait()
    except Empty:
        try:
            engine = Engine(lib, lang, psm)
        except OSError:
            return None
        _ALL.append(engine)
    return _Borrowed(key, engine)


@atexit.register
def _close_all() -> None:
    while _ALL:
        _ALL.pop().close()
