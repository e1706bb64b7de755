"""The catalogue of codes (extractor/codes.py): every code the package uses is in it, every entry is used,
the README's table and ``lkjip codes`` are generated from it."""
import ast
import re
from pathlib import Path

import pytest
from project_scripts import load_script
from typer.testing import CliRunner

import extractor
from extractor import errors
from extractor.cli import app
from extractor.codes import CATALOGUE, CODES, UnknownCode, is_error, issue, lookup, markdown_table

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "extractor"
CODE_SHAPE = re.compile(r"E\d{3}|W_[A-Z_]+")
LOOKUPS = {"issue", "lookup"}
runner = CliRunner()


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def codes_in(tree: ast.AST) -> set[str]:
    """The codes a module uses: ``code=`` arguments (literals, or module constants such as ``CODE``),
    the first argument of ``issue``/``lookup``, and any string literal shaped like an E or W code."""
    constants = {target.id: node.value.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
                 for target in node.targets if isinstance(target, ast.Name)
                 and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)}
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE_SHAPE.fullmatch(node.value):
            found.add(node.value)
        if not isinstance(node, ast.Call):
            continue
        values = [kw.value for kw in node.keywords if kw.arg == "code"]
        if _called_name(node) in LOOKUPS and node.args:
            values.append(node.args[0])
        for value in values:
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found.add(value.value)
            elif isinstance(value, ast.Name) and value.id in constants:
                found.add(constants[value.id])
    return found


def used_codes() -> dict[str, set[str]]:
    """Given the package source (except the catalogue itself), return each code with the files using it."""
    used: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "codes.py" and path.parent == PACKAGE:
            continue
        for code in codes_in(ast.parse(path.read_text(encoding="utf-8"))):
            used.setdefault(code, set()).add(str(path.relative_to(ROOT)))
    return used


def test_every_code_used_in_the_package_is_catalogued():
    unknown = {code: files for code, files in used_codes().items() if code not in CODES}
    assert not unknown


def test_every_catalogue_entry_is_used():
    assert set(CODES) - set(used_codes()) == set()


def test_the_source_scan_finds_codes_of_every_kind():
    """The scan itself works: literals in verify/, constants (CODE = …), issue() calls, errors.py."""
    used = used_codes()
    assert "extractor/verify/counts.py" in used["count_mismatch"]
    assert "extractor/verify/predicate.py" in used["predicate_mismatch"]
    assert "extractor/read/text.py" in used["W_ENCODING"]
    assert "extractor/errors.py" in used["E003"]


def test_catalogue_entries_are_unique_and_consistent():
    assert len(CODES) == len(CATALOGUE)
    for entry in CATALOGUE:
        assert entry.meaning and "\n" not in entry.meaning
        if entry.kind in ("exception", "error"):
            assert entry.severity == "error" and re.fullmatch(r"E\d{3}", entry.code), entry
        elif entry.kind == "warning":
            assert entry.severity == "warning" and entry.code.startswith("W_"), entry
        else:
            assert re.fullmatch(r"[a-z_]+", entry.code), entry


def test_typed_errors_take_their_code_from_the_catalogue():
    classes = [errors.LkjipError, *errors.LkjipError.__subclasses__()]
    assert len(classes) == 15
    for cls in classes:
        assert lookup(cls.code).kind == "exception"
    assert errors.NotAReport(None, "x").code == "E003"


@pytest.mark.parametrize("code", ["W_NOT_A_CODE", "E999", "sum_mismatch", "E001"])
def test_an_issue_needs_a_catalogued_warning_or_error_code(code):
    with pytest.raises(UnknownCode):
        issue(code, "read", "m")


def test_lookup_checks_the_kind():
    assert lookup("W_TABLE_REBUILT", "warning").code == "W_TABLE_REBUILT"
    with pytest.raises(UnknownCode):
        lookup("W_TABLE_REBUILT", "error")


def test_issue_routing_by_kind():
    assert is_error(issue("E030", "assemble", "m"))
    assert not is_error(issue("W_NO_TABLES", "structure", "m", line=3))


def _readme_script():
    return load_script("readme_codes")


def test_readme_table_is_the_generated_one():
    """When this fails, run ``.venv/bin/python scripts/readme_codes.py``."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert _readme_script().readme_table(readme) == markdown_table()


def test_readme_script_replaces_only_the_table():
    script = _readme_script()
    text = "intro\n<!-- codes: generated here -->\n| old |\n<!-- end of codes -->\nafter\n"
    assert script.with_table(text, "| new |\n") == text.replace("| old |", "| new |")


def test_codes_command_prints_the_catalogue():
    result = runner.invoke(app, ["codes"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert all(entry.code in result.output for entry in CATALOGUE)
    markdown = runner.invoke(app, ["codes", "--markdown"])
    assert markdown.exit_code == 0 and markdown.stdout == markdown_table()
    assert markdown_table().count("\n") == len(CATALOGUE) + 2


def test_version_option_prints_the_installed_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.split() == ["lkjip", extractor.__version__]
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", extractor.__version__)


def test_public_api():
    assert set(extractor.__all__) >= {"extract", "build", "Options", "Report", "LkjipError"}
    assert extractor.LkjipError is errors.LkjipError
    assert extractor.Report.model_fields["status"].annotation.__args__ == ("success", "partial", "failure")
