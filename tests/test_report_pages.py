"""The verification pages (``lkjip report``): number formatting, the page model of corpus reports, the
rendered HTML (self-contained, semantic tables), the dataset index, PDF page crops, the CLI.

The browser opens the pages in ``tests/test_report_browser.py``.
"""
from __future__ import annotations

import json
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

import render
from corpus_expectations import report as corpus_report
from extractor import patterns
from extractor.cli import app
from extractor.errors import DatasetMissing, PatternDataError, UnreadableInput, UnsupportedFormat
from extractor.model import Figure
from extractor.report import formatting, write_site
from extractor.report.labels import labels
from extractor.report.loading import load
from extractor.report.page import report_page
from extractor.report.series import read_series

ROOT = Path(__file__).resolve().parent.parent
DISDUKCAPIL = "kota-dumai_disdukcapil_2023"
OPD = "Persentase OPD yang melakukan pelayanan terintegrasi"

# ------------------------------------------------------------------ formatting: examples per language

NUMBERS = [  # value, decimals shown, language, text
    ("98575166924", 0, "id", "98.575.166.924"),
    ("98575166924", 0, "en", "98,575,166,924"),
    ("75.0712", 2, "id", "75,07"),
    ("75.0712", 2, "en", "75.07"),
    ("29.2", 1, "id", "29,2"),
    ("0.005", 2, "id", "0,01"),  # half up, as printed reports round
    ("-1234.5", None, "id", "-1.234,5"),
    ("1E+3", None, "id", "1.000"),
    ("999", 0, "id", "999"),
    ("1000000.25", 2, "en", "1,000,000.25"),
]


@pytest.mark.parametrize("value,decimals,lang,text", NUMBERS)
def test_number(value, decimals, lang, text):
    assert formatting.number(Decimal(value), decimals, labels(lang)) == text


@pytest.mark.parametrize("value,decimals,lang,text", [
    ("75.07", 2, "id", "75,07%"), ("75.07", 2, "en", "75.07%"), ("550", 0, "id", "550%"), (None, 2, "id", "—")])
def test_percent(value, decimals, lang, text):
    assert formatting.percent(None if value is None else Decimal(value), decimals, labels(lang)) == text


@pytest.mark.parametrize("figure,lang,text", [
    (Figure(value=Decimal("30323132240"), raw="30.323.132.240,-", decimals=0), "id", "30.323.132.240"),
    (Figure(value=Decimal("95.31"), raw="95,31%", unit="%", decimals=2), "en", "95.31%"),
    (Figure(value=Decimal("100"), raw="100", decimals=0), "id", "100"),
    (Figure(value=None, raw="-"), "id", "-"),
    (None, "id", "—"),
])
def test_figure(figure, lang, text):
    assert formatting.figure(figure, labels(lang)) == text


def test_recomputed_values_show_two_decimals():
    assert formatting.recomputed(Decimal("51.85") / Decimal(69) * 100, labels("id")) == "75,14%"


def test_labels_must_exist_in_both_languages():
    data = json.loads(json.dumps(patterns.load("report_labels")))
    del data["en"]["findings"]
    with pytest.raises(PatternDataError) as caught:
        patterns.validate("report_labels", data)
    assert caught.value.code == "E010"


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError):
        labels("fr")


# ------------------------------------------------------------------ the page model of a corpus report

@pytest.fixture(scope="module")
def disdukcapil():
    return corpus_report(DISDUKCAPIL)


def _row(page, name, year):
    return next(r for r in page.indicators if r.name == name and r.year == year)


def test_page_counts(disdukcapil):
    page = report_page(DISDUKCAPIL, disdukcapil, labels("id"))
    assert (page.counts["indicators"], page.counts["programs"]) == (4, 4)
    assert page.counts["error"] == sum(f.severity == "error" for f in disdukcapil.findings) > 0
    assert page.counts["warning"] == sum(f.severity == "warning" for f in disdukcapil.findings) > 0
    assert len(page.indicators) == sum(len(i.measurements) for i in disdukcapil.indicators)
    assert page.worst.severity == "error"


def test_indicator_row_shows_stated_and_recomputed_achievement(disdukcapil):
    row = _row(report_page(DISDUKCAPIL, disdukcapil, labels("id")), OPD, 2023)
    assert {k: c.text for k, c in row.cells.items()} == {"target": "69%", "realization": "51,85%",
                                                         "achievement": "75,07%"}
    assert row.recomputed.text == "75,14%"
    assert row.formula == "realisasi / target × 100"
    assert row.place.where == "baris 567" and row.place.table.startswith("Tabel 3.3")
    assert row.severity == "error"
    english = _row(report_page(DISDUKCAPIL, disdukcapil, labels("en")), OPD, 2023)
    assert (english.cells["achievement"].text, english.recomputed.text, english.place.where) == (
        "75.07%", "75.14%", "line 567")


def test_a_row_without_its_target_shows_the_findings_recomputation(disdukcapil):
    """The 2022 row prints no target; the finding took it from Tabel 3.4 (56%): 40,7 / 56 × 100."""
    row = _row(report_page(DISDUKCAPIL, disdukcapil, labels("id")), OPD, 2022)
    assert row.cells["target"].text == "—" and row.cells["achievement"].text == "74%"
    assert row.recomputed.text == "72,68%"


def test_ocr_figures_are_marked_low_confidence():
    report = corpus_report("kota-dumai_bkpsdm_2023_ocr")
    page = report_page("bkpsdm", report, labels("id"))
    doubtful = sum(f is not None and f.low_confidence for i in report.indicators for m in i.measurements
                   for f in (m.target, m.realization, m.achievement))
    doubtful += sum(f is not None and f.low_confidence for p in report.programs
                    for f in (p.allocation, p.realization, p.absorption))
    marked = sum(c.low_confidence for row in page.indicators + page.programs for c in row.cells.values())
    assert marked == doubtful > 0


def test_the_achievement_mismatch_links_to_its_row(disdukcapil):
    page = report_page(DISDUKCAPIL, disdukcapil, labels("id"))
    row = _row(page, OPD, 2023)
    linked = [f for f in page.findings if f.anchor in row.findings]
    assert any(f.code == "achievement_mismatch" and f.stated == "75,07%" for f in linked)
    assert all(row.anchor in f.rows for f in linked)


def test_every_finding_about_an_indicator_or_program_links_to_a_row_and_back():
    for stem in ("kota-dumai_sekretariat-daerah_2023", "kota-dumai_dinsos-pmd_2023", DISDUKCAPIL):
        report = corpus_report(stem)
        page = report_page(stem, report, labels("id"))
        rows = {r.anchor: r for r in page.indicators + page.programs + page.budget}
        known = {i.id for i in report.indicators} | {p.id for p in report.programs}
        for finding, shown in zip(report.findings, page.findings):
            if finding.subject_kind in ("indicator", "program") and finding.subject_id in known:
                assert shown.rows, (stem, finding.code, finding.subject)
            for anchor in shown.rows:
                assert shown.anchor in rows[anchor].findings


def test_recomputed_absorption_of_a_program():
    report = corpus_report("kota-dumai_sekretariat-daerah_2023")
    row = report_page("setda", report, labels("id")).programs[0]
    assert row.cells["allocation"].text == "30.323.132.240"
    assert row.cells["realization"].text == "28.901.773.106"
    assert row.cells["absorption"].text == "95,31%"
    assert row.recomputed.text == "95,31%"  # 28.901.773.106 / 30.323.132.240 × 100 = 95,3126…


def test_budget_totals_with_the_recomputed_absorption():
    report = corpus_report("kota-dumai_sekretariat-daerah_2023")
    rows = {r.subject_id: r for r in report_page("setda", report, labels("id")).budget}
    assert rows["total_allocation"].cells["value"].text == "98.575.166.924"
    assert rows["total_realization"].cells["value"].text == "93.874.609.881"
    assert rows["absorption"].cells["value"].text == "—"  # the report states none
    assert rows["absorption"].recomputed.text == "95,23%"


def test_a_budget_finding_links_to_the_budget_row(disdukcapil):
    page = report_page(DISDUKCAPIL, disdukcapil, labels("id"))
    total = next(r for r in page.budget if r.subject_id == "total_allocation")
    assert total.cells["value"].text == "8.955.501.115"
    about = [f for f in disdukcapil.findings if f.subject_kind == "budget" and f.field == "allocation"]
    assert about and all(f.anchor in total.findings for f, finding in zip(page.findings, disdukcapil.findings)
                         if finding in about)


def test_a_findings_parts_link_to_the_rows_printed_there(disdukcapil):
    page = report_page(DISDUKCAPIL, disdukcapil, labels("id"))
    row = _row(page, OPD, 2023)
    finding = next(f for f in page.findings if f.code == "achievement_mismatch" and f.subject_row == row.anchor)
    assert [(p.label, p.raw) for p in finding.parts][:2] == [("target 2023", "69%"), ("realisasi 2023", "51,85%")]
    assert finding.parts[0].anchor == row.anchor


# ------------------------------------------------------------------ the rendered pages

class _Page(HTMLParser):
    """The parts of a page the tests look at: tags with their attributes, table captions, links."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def all(self, tag):
        return [attrs for name, attrs in self.tags if name == tag]


def parse(path: Path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_a_page_per_report_and_an_index(corpus_site):
    assert sorted(corpus_site.pages) == sorted(p.stem for p in (ROOT / "corpus").glob("*.txt"))
    assert corpus_site.index.name == "index.html"
    assert all(path.is_file() for path in corpus_site.pages.values())


def test_pages_are_self_contained(corpus_site):
    """Every stylesheet, script, image and link is a file in DIR or an anchor on the page: no network."""
    for path in [corpus_site.index, *corpus_site.pages.values()]:
        page = parse(path)
        ids = {attrs["id"] for _, attrs in page.tags if "id" in attrs}
        for tag, key in (("link", "href"), ("script", "src"), ("img", "src"), ("a", "href")):
            for attrs in page.all(tag):
                target = attrs[key]
                if target.startswith("#"):
                    assert target[1:] in ids, (path.name, target)
                elif not target.startswith("data:"):
                    assert "//" not in target and (path.parent / target).is_file(), (path.name, target)


def test_tables_are_semantic(corpus_site):
    page = parse(corpus_site.pages[DISDUKCAPIL])
    assert len(page.all("table")) == 4 and len(page.all("caption")) == 4
    assert {attrs.get("scope") for attrs in page.all("th")} == {"col", "row"}
    assert len(page.all("svg")) == 2
    finding_rows = [a for a in page.all("tr") if a.get("id", "").startswith("finding-")]
    assert len(finding_rows) == len(corpus_report(DISDUKCAPIL).findings)
    buttons = page.all("button")
    assert [b["data-value"] for b in buttons if b.get("data-filter") == "severity"] == ["", "error", "warning", "info"]


def test_the_page_shows_the_figures_formatted(corpus_site):
    text = corpus_site.pages[DISDUKCAPIL].read_text(encoding="utf-8")
    for shown in ("75,07%", "75,14%", "51,85%", "8.955.501.115", "achievement_mismatch"):
        assert shown in text


def test_the_index_lists_every_report_with_its_series(corpus_site, corpus_report_dataset):
    page = parse(corpus_site.index)
    rows = [a for a in page.all("tr") if "data-year" in a]
    assert len(rows) == 5
    assert sorted(a["data-year"] for a in rows) == ["2022", "2023", "2023", "2023", "2023"]
    series = read_series(corpus_report_dataset / "lkjip.duckdb")
    assert corpus_site.series == sum(len(g.series) for g in series) > 0
    assert len([a for a in page.all("svg") if a.get("class") == "series"]) == corpus_site.series


def test_a_report_json_gives_its_page(corpus_report_dataset, tmp_path):
    site = write_site(corpus_report_dataset / "reports" / f"{DISDUKCAPIL}.json", tmp_path, lang="en")
    assert list(site.pages) == [DISDUKCAPIL] and site.index is None
    assert "75.14%" in site.pages[DISDUKCAPIL].read_text(encoding="utf-8")


@pytest.mark.parametrize("make,error", [
    (lambda d: d / "notes.md", UnsupportedFormat),
    (lambda d: d, DatasetMissing),
    (lambda d: d / "other.json", UnreadableInput),
])
def test_inputs_that_are_not_reports(tmp_path, make, error):
    (tmp_path / "notes.md").write_text("# notes")
    (tmp_path / "other.json").write_text('{"not": "a report"}')
    with pytest.raises(error):
        load(make(tmp_path))


# ------------------------------------------------------------------ PDF page crops

@pytest.fixture(scope="module")
def setda_pdf(tmp_path_factory):
    return render.cached("setda_pdf", lambda: render.render_pdf(
        render.SETDA, tmp_path_factory.mktemp("pdf") / "setda.pdf"))


def test_a_pdf_report_gets_a_crop_per_row(setda_pdf, tmp_path):
    from PIL import Image

    site = write_site(setda_pdf, tmp_path)
    page = parse(site.pages[setda_pdf.stem])
    crops = [a["src"] for a in page.all("img") if a.get("class") == "crop"]
    assert site.crops == len(crops) > 0
    with Image.open(tmp_path / crops[0]) as image:
        width, height = image.size
    assert width > 400 and 20 < height < 400  # a row's band across the table, not the whole page


# ------------------------------------------------------------------ the command

def test_cli_report(corpus_report_dataset, tmp_path):
    runner = CliRunner()
    done = runner.invoke(app, ["report", str(corpus_report_dataset), "--out", str(tmp_path / "site"), "--lang", "en"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "site" / "index.html").is_file()
    assert runner.invoke(app, ["report", str(corpus_report_dataset), "--out", str(tmp_path), "--lang", "fr"]).exit_code == 2
    assert runner.invoke(app, ["report", str(ROOT / "README.md"), "--out", str(tmp_path)]).exit_code == 2
