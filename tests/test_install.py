"""A wheel built from the repository works outside the checkout: the language data (``patterns/``) goes with it.

Regression: a non-editable install used to lack ``patterns/`` and gave E010 on every run. The wheel is
built from a copy of the sources (nothing is written into the checkout), and
installed with ``--no-deps`` into a fresh venv that sees the test venv's site-packages for the
dependencies, so the test stays fast and offline.
"""
import json
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "corpus" / "kota-dumai_kecamatan-dumai-kota_2022.txt"


def _run(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv outside the checkout with only the wheel of this repository installed; its bin folder."""
    work = tmp_path_factory.mktemp("install")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("extractor", "patterns"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__", "_patterns"))
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps",
                 "-q", "-w", work / "dist", source, cwd=work)
    assert built.returncode == 0, built.stderr
    wheel = next((work / "dist").glob("lkjip-*.whl"))

    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=work).stdout.strip()
    # the dependencies come from the test venv (appended to sys.path, so the wheel's extractor comes first)
    (Path(site) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    done = _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel,
                cwd=work)
    assert done.returncode == 0, done.stderr
    return env_dir / "bin"


def test_wheel_holds_the_language_data(installed):
    found = _run(installed / "python", "-c",
                 "import extractor.patterns as p; print(p.PATTERNS_DIR); print(len(p.MODELS))",
                 cwd=installed.parent)
    where, models = found.stdout.split()
    assert Path(where).parts[-2:] == ("extractor", "_patterns")
    assert ROOT not in Path(where).parents
    assert sorted(p.stem for p in Path(where).glob("*.yaml")) == sorted(
        p.stem for p in (ROOT / "patterns").glob("*.yaml"))
    assert int(models) == len(list((ROOT / "patterns").glob("*.yaml")))


def test_installed_cli_extracts_a_corpus_report_from_another_folder(installed, tmp_path):
    done = _run(installed / "lkjip", "extract", REPORT, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["report_year"] == 2022
    assert len(report["indicators"]) > 0


def test_installed_package_holds_identity(installed):
    found = _run(installed / "python", "-c",
                 "from extractor.identity import agency_key; print(agency_key('BKPSDM Kota Dumai', 'Kota Dumai'))",
                 cwd=installed.parent)
    assert found.returncode == 0, found.stderr
    assert found.stdout.split() == ["kota-dumai/bkpsdm"]


def test_installed_cli_writes_the_verification_page(installed, tmp_path):
    """The wheel holds the page templates and their stylesheet and script (package data of extractor.report)."""
    done = _run(installed / "lkjip", "report", REPORT, "--out", tmp_path / "site", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site" / f"{REPORT.stem}.html").read_text(encoding="utf-8")
    assert page.count('<tr id="ind-') == 6
    assert sorted(p.name for p in (tmp_path / "site" / "assets").iterdir()) == ["lkjip-report.css", "lkjip-report.js"]
