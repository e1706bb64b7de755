"""The language data in patterns/: every file loads, every pattern compiles, required entries exist."""
from pathlib import Path

import pytest
import regex
import yaml

from extractor.classify import table_kinds
from extractor.errors import PatternDataError
from extractor.patterns import PATTERNS_DIR, load, require_keys

YAML_FILES = sorted(p.stem for p in PATTERNS_DIR.glob("*.yaml"))


@pytest.mark.parametrize("name", YAML_FILES)
def test_every_pattern_file_loads_and_its_regexes_compile(name):
    data = load(name)

    def walk(node, where):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, f"{where}.{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{where}[{i}]")
        elif isinstance(node, str) and any(ch in node for ch in "\\^$([") and not (name == "normalize" and where.endswith("[1]")):  # replacements
            try:
                regex.compile(node)
            except regex.error as exc:  # pragma: no cover - the assertion reports it
                pytest.fail(f"{name}{where}: {exc}")
    walk(data, "")


def test_table_kinds_are_valid_and_cover_the_issue():
    kinds = {name for name, _, _ in table_kinds()}
    assert {"performance_agreement", "performance_measurement", "year_comparison", "renstra_targets",
            "national_comparison", "program_budget", "objectives_budget", "performance_budget", "efficiency",
            "quarterly_plan", "scale", "other"} <= kinds


def test_column_rules_name_known_fields():
    fields = {r["field"] for r in load("columns")["rules"]}
    assert {"target", "realization", "achievement", "predicate", "allocation", "budget_realization",
            "absorption", "indicator", "objective", "program", "efficiency"} <= fields


def test_predicate_scales_are_ordered_bands():
    for name, scale in load("predicates")["scales"].items():
        mins = [band.get("min", 0) for band in scale["bands"]]
        assert mins == sorted(mins, reverse=True), name


def test_unknown_keys_are_all_reported_at_once():
    with pytest.raises(PatternDataError) as info:
        require_keys("demo", {"a": 1, "zz": 2, "yy": 3}, allowed={"a"}, required={"b"})
    assert "'yy'" in str(info.value) and "'zz'" in str(info.value) and "'b'" in str(info.value)


def test_debug_dir_dumps_each_stage(tmp_path):
    from extractor.pipeline import Options, extract
    root = Path(__file__).resolve().parent.parent
    extract(root / "corpus" / "kota-dumai_kecamatan-dumai-kota_2022.txt", Options(debug_dir=tmp_path))
    stage_files = sorted(p.name for p in (tmp_path / "kota-dumai_kecamatan-dumai-kota_2022").iterdir())
    assert stage_files == ["1_lines.json", "2_tables.json", "3_printings.json", "4_report.json"]
