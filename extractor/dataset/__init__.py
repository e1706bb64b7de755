"""The dataset researchers query: relational tables (Parquet + DuckDB), their data package, query and export.

- :mod:`.schema`: every table and column with its type and description (the one definition);
- :mod:`.rows`: ``rows_of(report, report_id)``, one report's rows per table;
- :mod:`.writer`: ``write_dataset(reports, out_dir)``, streaming rows into Parquet, then DuckDB;
- :mod:`.package`: ``datapackage.json``, the data dictionary, the report JSON Schema;
- :mod:`.query` and :mod:`.exporting`: ``lkjip query`` and ``lkjip export``.
"""
from .rows import rows_of
from .schema import TABLE_NAMES, TABLES, table
from .writer import DatasetWriter, write_dataset

__all__ = ["rows_of", "TABLES", "TABLE_NAMES", "table", "DatasetWriter", "write_dataset"]
