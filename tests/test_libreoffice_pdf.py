"""The corpus reports printed to PDF through LibreOffice, as Word-made reports are published.

Each clean corpus text becomes a .docx in two table styles (``ruled``: every cell border;
``borderless``: a rule above and below the table and under its shaded header, no cell borders),
with columns sized by their text, wide tables in landscape sections, a running header and a
"Halaman N" footer; LibreOffice prints them all in one run. The PDF must give the same indicators
(names, years, target/realisasi/capaian) and program figures as the text.
"""
from __future__ import annotations

import pytest
import corpus_expectations as ce
import render

from extractor.pipeline import extract
from test_pdf_pipeline import figures, program_figures, values_only

STEMS = ["kota-dumai_dinsos-pmd_2023", "kota-dumai_disdukcapil_2023",
         "kota-dumai_kecamatan-dumai-kota_2022", "kota-dumai_sekretariat-daerah_2023"]
STYLES = ["ruled", "borderless"]

pytestmark = pytest.mark.skipif(not render.have_soffice(), reason="LibreOffice (soffice) not installed")


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[tuple[str, str], object]:
    """Every stem in every style, printed by one LibreOffice run (cached for the session)."""
    def make():
        folder = tmp_path_factory.mktemp("libreoffice")
        docs = [render.render_docx(render.CORPUS / f"{stem}.txt", folder / f"{stem}_{style}.docx", style)
                for stem in STEMS for style in STYLES]
        render.libreoffice_pdfs(docs, folder)
        return folder
    folder = render.cached("libreoffice_corpus", make)
    return {(stem, style): folder / f"{stem}_{style}.pdf" for stem in STEMS for style in STYLES}


@pytest.fixture(scope="module")
def text_reports():
    return {stem: extract(render.CORPUS / f"{stem}.txt") for stem in STEMS}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("stem", STEMS)
def test_same_indicators_as_the_text(stem, style, printed, text_reports):
    report = extract(printed[(stem, style)])
    text = text_reports[stem]
    assert report.source.format == "pdf"
    assert (report.agency, report.region, report.report_year) == (text.agency, text.region, text.report_year)
    # the agency's indicators (IKU); program outcome indicators are compared in the measured shares
    agency = lambda r: r.model_copy(update={"indicators": [i for i in r.indicators if i.level == "agency"]})  # noqa: E731
    assert [i.name for i in agency(report).indicators] == [i.name for i in agency(text).indicators]
    assert figures(agency(text)) and figures(agency(report)) == figures(agency(text))


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("stem", STEMS)
def test_same_program_figures_as_the_text(stem, style, printed, text_reports):
    report = extract(printed[(stem, style)])
    expected = values_only(program_figures(text_reports[stem]))
    assert expected and values_only(program_figures(report)) == expected


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("stem", STEMS)
def test_same_budget_totals_as_the_text(stem, style, printed, text_reports):
    """Budget totals are stated in sentences the page's width cuts ("sebesar Rp." / "9.108…")."""
    def totals(report):
        return [getattr(report.budget, key) and getattr(report.budget, key).value for key in ce.BUDGET_KEYS]
    expected = totals(text_reports[stem])
    assert any(expected) and totals(extract(printed[(stem, style)])) == expected
