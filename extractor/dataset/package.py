"""What describes the dataset, generated from :mod:`extractor.dataset.schema`: the Frictionless Data Package
(``datapackage.json``), the data dictionary (Markdown) and the JSON Schema of the report documents.

>>> descriptor = data_package("parquet")
>>> descriptor["resources"][0]["path"], descriptor["resources"][0]["schema"]["primaryKey"]
('tables/reports.parquet', ['report_id'])
"""
from __future__ import annotations

import json

from ..model import Report
from .schema import DECIMAL_PRECISION, DECIMAL_SCALE, TABLES, TableDef, duckdb_type

FRICTIONLESS_TYPES = {"string": "string", "json": "array", "integer": "integer", "double": "number",
                      "decimal": "number", "boolean": "boolean"}
# where each format's files lie relative to datapackage.json, and the Frictionless format name
LAYOUTS = {"parquet": ("tables/{name}.parquet", "parquet"), "csv": ("{name}.csv", "csv"),
           "jsonl": ("{name}.jsonl", "jsonl"), "parquet_flat": ("{name}.parquet", "parquet")}
PACKAGE_NAME = "lkjip"


def table_schema(definition: TableDef) -> dict:
    """A Frictionless Table Schema: each field's type and description, the primary and foreign keys."""
    fields = []
    for c in definition.columns:
        field = {"name": c.name, "type": FRICTIONLESS_TYPES[c.kind], "description": c.description}
        if c.required:
            field["constraints"] = {"required": True}
        fields.append(field)
    schema = {"fields": fields, "primaryKey": list(definition.primary_key)}
    if definition.foreign_keys:
        schema["foreignKeys"] = [{"fields": list(fk.columns),
                                  "reference": {"resource": fk.table, "fields": list(fk.references)}}
                                 for fk in definition.foreign_keys]
    return schema


def data_package(layout: str = "parquet") -> dict:
    """The ``datapackage.json`` descriptor of the tables written in ``layout`` (see :data:`LAYOUTS`)."""
    path, fmt = LAYOUTS[layout]
    return {
        "name": PACKAGE_NAME,
        "title": "LKjIP performance reports as relational tables",
        "description": "Indicators, measurements, programs, budgets and verification findings read from "
                       "Indonesian government performance reports (LKjIP), each row with where it was printed.",
        "resources": [{"name": t.name, "path": path.format(name=t.name), "format": fmt,
                       "profile": "tabular-data-resource", "description": t.description, "schema": table_schema(t)}
                      for t in TABLES],
    }


def data_package_json(layout: str = "parquet") -> str:
    return json.dumps(data_package(layout), ensure_ascii=False, indent=2) + "\n"


def data_dictionary() -> str:
    """The data dictionary as Markdown: per table its description, keys and every column."""
    out = ["# Data dictionary", "",
           "Generated from `extractor/dataset/schema.py` (`scripts/data_dictionary.py`); do not edit by hand.",
           f"Figures are `DECIMAL({DECIMAL_PRECISION}, {DECIMAL_SCALE})` beside their text as printed.", ""]
    for t in TABLES:
        out += [f"## {t.name}", "", t.description, "", f"Primary key: `{', '.join(t.primary_key)}`."]
        for fk in t.foreign_keys:
            out.append(f"`{', '.join(fk.columns)}` → `{fk.table}({', '.join(fk.references)})`.")
        out += ["", "| column | type | description |", "| --- | --- | --- |"]
        out += [f"| `{c.name}` | {duckdb_type(c.kind)}{' (JSON)' if c.kind == 'json' else ''} | "
                f"{c.description.replace('|', '/')} |" for c in t.columns]
        out.append("")
    return "\n".join(out)


def report_schema_json() -> str:
    """The JSON Schema of the report documents (``reports/*.json``), as ``lkjip schema`` prints it."""
    return json.dumps(Report.model_json_schema(mode="serialization"), indent=2, ensure_ascii=False) + "\n"
