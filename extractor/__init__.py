"""lkjip: Indonesian government performance reports (LKjIP) as provenance-carrying data.

The public API::

    from extractor import extract, build, Options, LkjipError

    report = extract("corpus/kota-dumai_sekretariat-daerah_2023.txt")
    report.status                    # 'success', 'partial' or 'failure' (see extractor.outcome)
    for indicator in report.indicators:
        for m in indicator.measurements:
            print(indicator.name, m.year, m.target.raw if m.target else None)
    [f.code for f in report.findings]  # codes in extractor.codes (``lkjip codes``)

    result = build("corpus", "dataset", Options(ocr=False))  # JSON per report, Parquet, DuckDB

``extract`` raises :class:`LkjipError` (with a stable ``code``) only when the input cannot be a report.
"""
from importlib.metadata import PackageNotFoundError, version as _version

from .build import build
from .errors import LkjipError
from .model import Report
from .pipeline import Options, extract

try:
    __version__ = _version("lkjip")
except PackageNotFoundError:  # a checkout imported without being installed
    __version__ = "0+unknown"

__all__ = ["extract", "build", "Options", "Report", "LkjipError", "__version__"]
