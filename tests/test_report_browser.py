"""The verification pages in a real browser: headless Chromium (Debian's ``chromium`` + ``chromium-driver``)
driven by selenium opens the corpus pages, finds one indicator's figures and one finding in the DOM,
works the filters with the mouse and the keyboard, sorts the index, and reads a console without errors.

One browser for the module. ``LKJIP_UPDATE_SCREENSHOT=1`` also writes the README's screenshot
(``docs/report-page.png``) from the same browser. Skipped, with the reason, only where Chromium is absent.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import browser
from corpus_expectations import report as corpus_report
from extractor.report.labels import labels
from extractor.report.page import report_page

pytestmark = pytest.mark.skipif(browser.missing() is not None, reason=browser.missing() or "")

ROOT = Path(__file__).resolve().parent.parent
DISDUKCAPIL = "kota-dumai_disdukcapil_2023"
OPD = "Persentase OPD yang melakukan pelayanan terintegrasi"
SCREENSHOT = ROOT / "docs" / "report-page.png"


@pytest.fixture(scope="module")
def driver():
    chrome = browser.start()
    yield chrome
    chrome.quit()


@pytest.fixture(scope="module")
def model():
    return report_page(DISDUKCAPIL, corpus_report(DISDUKCAPIL), labels("id"))


def _open(driver, path: Path):
    driver.get(path.resolve().as_uri())
    driver.find_element("css selector", "footer")  # the page is there


def _visible_rows(driver, table_id: str) -> int:
    return len([r for r in driver.find_elements("css selector", f"#{table_id} tbody tr") if r.is_displayed()])


def test_an_indicator_and_a_finding_are_in_the_page(driver, corpus_site, model):
    _open(driver, corpus_site.pages[DISDUKCAPIL])
    anchor = next(r.anchor for r in model.indicators if r.name == OPD and r.year == 2023)
    cells = [c.text for c in driver.find_elements("css selector", f"#{anchor} td")]
    assert cells[:5] == ["2023", "69%", "51,85%", "75,07%", "75,14%"]
    assert driver.find_element("css selector", f"#{anchor} th .badge").text == labels("id")["mismatch"]
    finding = next(f for f in model.findings if anchor in f.rows and f.code == "achievement_mismatch")
    row = driver.find_element("id", finding.anchor)
    assert row.get_attribute("data-code") == "achievement_mismatch"
    assert "75,07%" in row.text and row.is_displayed()
    # the finding links back to the row of its figures
    link = row.find_element("css selector", f'a[href="#{anchor}"]')
    link.click()
    assert driver.execute_script("return location.hash") == f"#{anchor}"
    assert browser.console_errors(driver) == []


def test_the_severity_filter_counts_rows(driver, corpus_site, model):
    _open(driver, corpus_site.pages[DISDUKCAPIL])
    total = len(model.findings)
    assert _visible_rows(driver, "finding-table") == total
    driver.find_element("css selector", 'button[data-filter="severity"][data-value="error"]').click()
    errors = model.counts["error"]
    assert _visible_rows(driver, "finding-table") == errors
    assert driver.find_element("css selector", "[data-shown]").text == str(errors)
    assert driver.find_element("css selector", 'button[data-value="error"]').get_attribute("aria-pressed") == "true"
    driver.find_element("css selector", 'button[data-filter="severity"][data-value=""]').click()
    assert _visible_rows(driver, "finding-table") == total
    assert browser.console_errors(driver) == []


def test_the_filters_work_from_the_keyboard(driver, corpus_site, model):
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    _open(driver, corpus_site.pages[DISDUKCAPIL])
    warning = driver.find_element("css selector", 'button[data-filter="severity"][data-value="warning"]')
    warning.send_keys(Keys.SPACE)  # a real <button>: space and enter press it
    assert _visible_rows(driver, "finding-table") == model.counts["warning"]
    Select(driver.find_element("css selector", 'select[data-filter="code"]')).select_by_value("achievement_mismatch")
    expected = sum(f.severity == "warning" and f.code == "achievement_mismatch" for f in model.findings)
    assert _visible_rows(driver, "finding-table") == expected
    assert browser.console_errors(driver) == []


def test_print_shows_every_row_without_the_controls(driver, corpus_site, model):
    _open(driver, corpus_site.pages[DISDUKCAPIL])
    driver.find_element("css selector", 'button[data-filter="severity"][data-value="error"]').click()
    assert _visible_rows(driver, "finding-table") == model.counts["error"]
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert _visible_rows(driver, "finding-table") == len(model.findings)
        assert not driver.find_element("css selector", ".filters").is_displayed()
        assert not driver.find_element("css selector", "nav").is_displayed()
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert browser.console_errors(driver) == []


def test_the_index_filters_and_sorts(driver, corpus_site):
    _open(driver, corpus_site.index)
    assert _visible_rows(driver, "report-table") == 5
    search = driver.find_element("css selector", 'input[data-filter="text"]')
    search.send_keys("Kecamatan")
    assert _visible_rows(driver, "report-table") == 1
    search.clear()
    search.send_keys(" ")  # an input event with an empty filter: every report again
    assert _visible_rows(driver, "report-table") == 5
    driver.find_element("css selector", 'th button[data-sort="2"]').click()  # year, ascending
    first = driver.find_element("css selector", "#report-table tbody tr")
    assert first.get_attribute("data-year") == "2022"
    header = driver.find_element("css selector", 'th button[data-sort="2"]').find_element("xpath", "..")
    assert header.get_attribute("aria-sort") == "ascending"
    # the report's page opens from the index
    first.find_element("css selector", "a").click()
    assert driver.current_url.endswith("kota-dumai_kecamatan-dumai-kota_2022.html")
    assert browser.console_errors(driver) == []


def test_screenshot_of_a_report_page(driver, corpus_site, tmp_path):
    """The README's picture: the top of a corpus report's page as the browser shows it."""
    driver.set_window_size(1400, 1500)
    _open(driver, corpus_site.pages[DISDUKCAPIL])
    shot = tmp_path / "report-page.png"
    assert driver.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("LKJIP_UPDATE_SCREENSHOT") == "1":
        shutil.copy(shot, SCREENSHOT)
    assert SCREENSHOT.is_file()
