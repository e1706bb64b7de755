"""Write the data dictionary (``docs/data_dictionary.md``) from the tables' definitions.

Usage: ``.venv/bin/python scripts/data_dictionary.py`` (``tests/test_dataset.py`` fails while it differs).
"""
from pathlib import Path

from extractor.atomic import atomic_write
from extractor.dataset.package import data_dictionary

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    atomic_write(ROOT / "docs" / "data_dictionary.md", data_dictionary())
