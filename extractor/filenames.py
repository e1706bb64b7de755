"""File names as lkjip shows and records them.

A name that is not valid UTF-8 (an archive from an old Windows machine, a zip from a cp1252 system) comes
from the file system as a ``str`` with lone surrogates (Python's ``surrogateescape``); it cannot be
printed or written into JSON. It is shown and recorded with the bad bytes escaped (``caf\\xe9.txt``) and
the file is read all the same, by its real name.

>>> shown(bytes([99, 97, 102, 0xE9]).decode("utf-8", "surrogateescape") + ".txt")
'caf\\\\xe9.txt'
>>> shown("kota-dumai.txt")
'kota-dumai.txt'
"""
from __future__ import annotations

import os


def shown(path: str | os.PathLike) -> str:
    """Given a path from the file system, return it as text that can be printed and written (bad bytes as ``\\xNN``)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")
