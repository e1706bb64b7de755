"""The language data in patterns/: every file loads and is valid, every pattern compiles, required entries exist."""
import shutil
from pathlib import Path

import pytest
import regex
import yaml

from extractor.classify import table_kinds
from extractor.errors import PatternDataError
from extractor import patterns
from extractor.pattern_models import LINE_MODELS, MODELS
from extractor.patterns import PATTERNS_DIR, load, require_keys, required_word

YAML_FILES = sorted(p.stem for p in PATTERNS_DIR.glob("*.yaml"))
JSONL_FILES = sorted(p.stem for p in PATTERNS_DIR.glob("*.jsonl"))


def test_every_data_file_has_a_model():
    assert sorted(MODELS) == YAML_FILES
    assert sorted(LINE_MODELS) == JSONL_FILES


@pytest.mark.parametrize("name", YAML_FILES)
def test_every_pattern_file_is_valid_against_its_model(name):
    patterns.validate(name, load(name))


@pytest.mark.parametrize("name", JSONL_FILES)
def test_every_jsonl_file_is_valid_line_by_line(name):
    rows = patterns.load_lines(name)
    assert len(rows) == sum(1 for line in (PATTERNS_DIR / f"{name}.jsonl").read_text("utf-8").splitlines() if line.strip())


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of patterns/ that a test may break; the loader reads it, with empty caches."""
    folder = tmp_path / "patterns"
    shutil.copytree(PATTERNS_DIR, folder)
    monkeypatch.setattr(patterns, "PATTERNS_DIR", folder)
    caches = (patterns.load, patterns.load_lines, patterns.words, patterns.regex, patterns.regexes)
    for cache in caches:
        cache.cache_clear()
    yield folder
    for cache in caches:
        cache.cache_clear()


def test_a_broken_file_is_error_e010_naming_every_bad_key(data_copy):
    rows = data_copy / "rows.yaml"
    text = rows.read_text("utf-8").replace("\ntotal_row:", "\ntotl_row:").replace("\nrealized:", "\nrealised:")
    rows.write_text(text + "colour: red\nspanning_labels_2: [x]\n", "utf-8")
    with pytest.raises(PatternDataError) as info:
        load("rows")
    assert info.value.code == "E010"
    assert info.value.path.endswith("rows.yaml")
    for bad in ("totl_row", "realised", "colour", "spanning_labels_2", "total_row", "realized"):
        assert bad in info.value.reason
    assert info.value.reason.count("unknown key") == 4


def test_a_regex_that_does_not_compile_is_error_e010(data_copy):
    path = data_copy / "headings.yaml"
    path.write_text(path.read_text("utf-8").replace("column_numbers: '^\\(?\\d{1,2}\\)?$'", "column_numbers: '(['"), "utf-8")
    with pytest.raises(PatternDataError) as info:
        load("headings")
    assert "column_numbers" in info.value.reason


def test_a_reference_to_a_missing_entry_is_error_e010(data_copy):
    path = data_copy / "budget.yaml"
    path.write_text(path.read_text("utf-8").replace("!ref rows.total_row", "!ref rows.no_such_row"), "utf-8")
    with pytest.raises(PatternDataError) as info:
        load("budget")
    assert "rows.no_such_row" in info.value.reason


def test_a_broken_jsonl_line_is_error_e010_naming_its_line(data_copy):
    path = data_copy / "narrative.jsonl"
    lines = path.read_text("utf-8").splitlines()
    lines[1] = lines[1].replace('"label"', '"lable"')
    lines[3] = "{not json"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(PatternDataError) as info:
        patterns.load_lines("narrative")
    assert "line 2" in info.value.reason and "line 4" in info.value.reason and "lable" in info.value.reason


def test_a_concept_shared_by_several_files_is_defined_once():
    assert load("budget")["row_labels"]["total"] == load("rows")["total_row"]
    assert load("budget")["row_labels"]["program_name"] == load("verify")["program_cell"] == load("rows")["program_cell"]
    numbers, units = load("numbers"), load("units")
    assert set(numbers["percent_words"]) <= set(units["units"]["%"])
    for power, spellings in numbers["scales"].items():
        assert set(spellings) <= set(units["scale_abbreviations"][power])
    raw = "".join((PATTERNS_DIR / f"{name}.yaml").read_text("utf-8") for name in YAML_FILES)
    assert raw.count(load("rows")["total_row"]) == 1 and raw.count(load("rows")["program_cell"]) == 1


@pytest.mark.parametrize("label, total", [("JUMLAH", True), ("J U M L A H", True), ("Total Anggaran", True),
                                          ("Jumlah Total", True), ("Sub Total", False), ("Program X", False)])
def test_total_row_words(label, total):
    assert bool(patterns.regex("rows", "total_row", flags=regex.I).match(label)) is total


@pytest.mark.parametrize("cell, program", [("1. Program Pelayanan", True), ("❖ Program Pelayanan", True),
                                           ("- Program Pelayanan", True), ("Program : Program X", True),
                                           ("Kegiatan Program", False), ("Programmer", False)])
def test_program_cell_words(cell, program):
    assert bool(patterns.regex("rows", "program_cell", flags=regex.I).match(cell)) is program


def test_accessors_hand_out_the_same_objects():
    assert patterns.regex("rows", "total_row") is patterns.regex("rows", "total_row")
    assert patterns.words("report", "agency_connectives") is patterns.words("report", "agency_connectives")
    assert "tahun" in patterns.words("columns", "year_words")


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
    kinds = {name for name, *_ in table_kinds()}
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


@pytest.mark.parametrize("pattern, word", [
    (r"tingkat\s+efisiensi(?:nya)?\s+(?:adalah|sebesar|yaitu)\s+(?P<figure>-?\d[\d.,]*\s*%?)", "efisiensi"),  # the longest run
    (r"terdiri\s+(?:dari|atas)", "terdiri"),
    (r"Jumlah (?:anggaran|pagu)", "Jumlah"),
    (r"(?:atau|sebesar|capaian|terserap)", None),
    (r"program|kegiatan", None),
    (r"programs?", "program"),
    (r"ab\s+c", None),          # too short to screen
    (r"abc[|(]\s+x", "abc"),     # a bar or a bracket inside a class is no alternation or group
    (r"abc\|x", "abc"),          # nor an escaped bar
    (r"abc(?:d|e)|x", None),
])
def test_required_word_is_a_run_of_letters_every_match_holds(pattern, word):
    assert required_word(regex.compile(pattern, regex.I)) == word
