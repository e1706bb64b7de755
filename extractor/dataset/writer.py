"""Write the dataset as reports stream in: Parquet tables in row groups, then DuckDB, then what describes them.

``DatasetWriter`` holds at most ``batch_rows`` pending rows per table (and the keys of the rows shared by
reports, e.g. agencies), never the reports: peak memory does not grow with the number of reports. Each
file is written to a temporary name and renamed when whole, with the mode the umask gives
(:mod:`extractor.atomic`); an interrupted write leaves only ``*.tmp`` files, never a half table.

Written under ``out_dir``: ``tables/<table>.parquet``, ``lkjip.duckdb`` (the same tables, typed, with
every column's description as a comment), ``datapackage.json``, ``data_dictionary.md`` and
``report.schema.json`` (the JSON Schema of ``reports/*.json``).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from contextlib import ExitStack
from pathlib import Path

from ..atomic import atomic_path, atomic_write
from ..model import Report
from .keys import linker
from .package import data_dictionary, data_package_json, report_schema_json
from .rows import rows_of
from .schema import TABLES, TableDef, arrow_schema, duckdb_type

DATABASE = "lkjip.duckdb"
TABLES_DIR = "tables"
BATCH_ROWS = 4_096
# DuckDB keeps what it inserts in memory up to its limit (80 % of RAM by default) before writing it out:
# a fixed limit keeps the database build's peak memory flat however many reports there are
DUCKDB_MEMORY_LIMIT = "128MB"


# a link's columns, each with the attribute names a linker may give it (extractor.identity's Link: uid, key)
LINK_FIELDS = {"indicator_uid": ("indicator_uid", "uid"), "indicator_key": ("indicator_key", "key"),
               "score": ("score",), "method": ("method",), "matched_uid": ("matched_uid",)}
# what a linker gets of each indicator: small records, so linking needs no report in memory
LinkRecord = dict  # indicator_uid, report_id, indicator_id, name, unit, level, agency_key, year
Linker = Callable[[list[LinkRecord]], Iterable]


class DatasetWriter:
    """Stream rows per table into Parquet; ``close()`` renames the tables into place and builds DuckDB.

    ``link``, when given, is called at the end once per agency with a small record per indicator of that
    agency (see :data:`LinkRecord`; read back from the written tables, so memory holds one agency's) and
    returns their links (mappings or objects with the names of :data:`LINK_FIELDS`): they become the
    ``links`` table and each indicator's ``indicator_key``. Use as a context manager: leaving it with an
    exception deletes every temporary file.
    """

    def __init__(self, out_dir: Path, batch_rows: int = BATCH_ROWS, link: Linker | None = None):
        import pyarrow.parquet as pq

        self.out_dir = Path(out_dir)
        self.batch_rows = batch_rows
        self.link = link
        self._temps: dict[str, Path] = {}
        self._stack = ExitStack()
        self._pending: dict[str, list[dict]] = {t.name: [] for t in TABLES}
        self._seen: dict[str, set] = {t.name: set() for t in TABLES if t.unique_rows}
        self._schemas = {t.name: arrow_schema(t) for t in TABLES}
        self._writers = {}
        self.row_counts = {t.name: 0 for t in TABLES}
        for t in TABLES:
            tmp = self._temps[t.name] = self._stack.enter_context(
                atomic_path(self.out_dir / TABLES_DIR / f"{t.name}.parquet"))
            self._writers[t.name] = pq.ParquetWriter(tmp, self._schemas[t.name], compression="zstd")

    def add(self, rows: Mapping[str, list[dict]]) -> None:
        """Add one report's rows (``rows_of``); a table's rows go to disk as a row group every ``batch_rows``."""
        for name, table_rows in rows.items():
            if name in self._seen:
                table_rows = self._unseen(name, table_rows)
            self._pending[name].extend(table_rows)
            if len(self._pending[name]) >= self.batch_rows:
                self._flush(name)

    def add_report(self, report: Report, report_id: str) -> None:
        self.add(rows_of(report, report_id))

    def _unseen(self, name: str, table_rows: list[dict]) -> list[dict]:
        key = [c for c in _definition(name).primary_key]
        fresh = []
        for row in table_rows:
            k = tuple(row[c] for c in key)
            if k not in self._seen[name]:
                self._seen[name].add(k)
                fresh.append(row)
        return fresh

    def _flush(self, name: str) -> None:
        import pyarrow as pa

        rows, self._pending[name] = self._pending[name], []
        if rows:
            self._writers[name].write_table(pa.Table.from_pylist(rows, schema=self._schemas[name]))
            self.row_counts[name] += len(rows)

    def close(self) -> Path:
        """Write what is pending, put the tables in place, build the database and the descriptions."""
        with self._stack:
            for name in self._writers:
                self._flush(name)
                self._writers[name].close()
            if self.link is not None:
                self._write_links()
        db_path = build_database(self.out_dir)
        atomic_write(self.out_dir / "datapackage.json", data_package_json("parquet"))
        atomic_write(self.out_dir / "data_dictionary.md", data_dictionary())
        atomic_write(self.out_dir / "report.schema.json", report_schema_json())
        return db_path

    def _write_links(self) -> None:
        """Read the indicators back agency by agency (links never cross agencies), call the linker on each
        agency's small records, write the links table and put each indicator's key in the indicators table."""
        import duckdb
        import pyarrow as pa
        import pyarrow.parquet as pq

        con = duckdb.connect(config={"memory_limit": DUCKDB_MEMORY_LIMIT})
        try:
            cursor = con.execute(LINK_RECORDS_SQL, [str(self._temps["indicators"]), str(self._temps["reports"])])
            with pq.ParquetWriter(self._temps["links"], self._schemas["links"], compression="zstd") as out:
                for records in agency_groups(cursor):
                    links = [_link_row(x) for x in self.link(records)]
                    out.write_table(pa.Table.from_pylist(links, schema=self._schemas["links"]))
                    self.row_counts["links"] += len(links)
            fill_keys(con, self._temps["indicators"], self._temps["links"], self._schemas["indicators"])
        finally:
            con.close()

    def abort(self) -> None:
        for writer in self._writers.values():
            writer.close()
        self._stack.__exit__(RuntimeError, RuntimeError("dataset write aborted"), None)

    def __enter__(self) -> "DatasetWriter":
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()


# each indicator's small record, read back from the tables being written, one agency after another
LINK_RECORDS_SQL = """
    SELECT i.indicator_uid, i.report_id, i.indicator_id, i.name, i.unit, i.level, r.agency_key,
           r.report_year AS year
    FROM read_parquet(?) i JOIN read_parquet(?) r USING (report_id)
    ORDER BY r.agency_key NULLS LAST, r.report_year, i.report_id, i.indicator_id"""


def agency_groups(cursor, batch: int = BATCH_ROWS) -> Iterable[list[LinkRecord]]:
    """Given a cursor over link records ordered by agency, yield one agency's records at a time."""
    columns = [d[0] for d in cursor.description]
    group: list[LinkRecord] = []
    while rows := cursor.fetchmany(batch):
        for row in rows:
            record = dict(zip(columns, row))
            if group and record["agency_key"] != group[-1]["agency_key"]:
                yield group
                group = []
            group.append(record)
    if group:
        yield group


def _link_row(link) -> dict:
    """A link (a mapping or an object such as ``extractor.identity.Link``) as a row of the links table."""
    get = link.get if isinstance(link, Mapping) else lambda name: getattr(link, name, None)
    return {column: next((get(n) for n in names if get(n) is not None), None)
            for column, names in LINK_FIELDS.items()}


def fill_keys(con, indicators: Path, links: Path, schema) -> None:
    """Rewrite the indicators Parquet file with each indicator's ``indicator_key`` from the links file, in
    batches and in its own row order (DuckDB joins them out of core)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    filled = indicators.with_suffix(".keys.tmp")  # a leftover of a kill is a *.tmp file like the others
    columns = ", ".join("l.indicator_key" if n == "indicator_key" else f"i.{n}" for n in schema.names)
    reader = con.sql(f"SELECT {columns} FROM read_parquet($1, file_row_number = true) i "
                     "LEFT JOIN read_parquet($2) l ON l.indicator_uid = i.indicator_uid "
                     "ORDER BY i.file_row_number", params=[str(indicators), str(links)]).to_arrow_reader(BATCH_ROWS)
    with pq.ParquetWriter(filled, schema, compression="zstd") as out:
        for batch in reader:
            out.write_table(pa.Table.from_batches([batch]).cast(schema))
    filled.replace(indicators)


def _definition(name: str) -> TableDef:
    return next(t for t in TABLES if t.name == name)


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def table_ddl(t: TableDef) -> list[str]:
    """The statements creating a table in DuckDB with its types and its columns' descriptions as comments."""
    columns = ", ".join(f"{c.name} {duckdb_type(c.kind)}" for c in t.columns)
    return [f"CREATE TABLE {t.name} ({columns})", f"COMMENT ON TABLE {t.name} IS {_sql_text(t.description)}",
            *(f"COMMENT ON COLUMN {t.name}.{c.name} IS {_sql_text(c.description)}" for c in t.columns)]


def build_database(out_dir: Path) -> Path:
    """Build ``lkjip.duckdb`` from the Parquet tables under ``out_dir`` (DuckDB reads them streaming)."""
    import duckdb

    out_dir = Path(out_dir)
    db_path = out_dir / DATABASE
    with atomic_path(db_path) as tmp:
        con = duckdb.connect(str(tmp), config={"memory_limit": DUCKDB_MEMORY_LIMIT})
        try:
            for t in TABLES:
                for statement in table_ddl(t):
                    con.execute(statement)
                source = out_dir / TABLES_DIR / f"{t.name}.parquet"
                con.execute(f"INSERT INTO {t.name} SELECT {', '.join(t.column_names)} FROM read_parquet(?)",
                            [str(source)])
        finally:
            con.close()
    return db_path


def _each_report(reports: Mapping[str, Report] | Iterable[tuple[str, Report]]) -> Iterable[tuple[str, Report]]:
    if isinstance(reports, Mapping):
        return ((rid, reports[rid]) for rid in sorted(reports))
    return iter(reports)


def write_dataset(reports: Mapping[str, Report] | Iterable[tuple[str, Report]], out_dir: Path,
                  batch_rows: int = BATCH_ROWS, link: Linker | None = None) -> Path:
    """Given reports (a mapping id → report, read one at a time in id order, or an iterable of
    ``(id, report)`` pairs), write the dataset under ``out_dir``; return the database's path.
    ``link`` links indicators across reports (see :class:`DatasetWriter`); by default the cross-year
    links of :mod:`extractor.identity`, with the user's ``links_override.yaml`` of ``out_dir``."""
    if link is None:
        link = linker(Path(out_dir))
    with DatasetWriter(out_dir, batch_rows, link) as writer:
        for report_id, report in _each_report(reports):
            writer.add_report(report, report_id)
    return Path(out_dir) / DATABASE
