"""Headless Chromium driven by selenium (a test helper, not a test module): Debian's ``chromium`` and
``chromium-driver``, found on PATH; nothing is downloaded. ``scripts/setup.sh`` installs them.
"""
from __future__ import annotations

import shutil

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
DRIVERS = ("chromedriver", "chromium-driver")


def executables() -> tuple[str | None, str | None]:
    """The browser and its driver on PATH (either may be None)."""
    browser = next((p for p in map(shutil.which, BROWSERS) if p), None)
    driver = next((p for p in map(shutil.which, DRIVERS) if p), None)
    return browser, driver


def missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    browser, driver = executables()
    if browser is None or driver is None:
        return ("Chromium and its driver are not installed (Debian: apt-get install chromium chromium-driver; "
                "scripts/setup.sh does it)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


def start(width: int = 1400, height: int = 1000):
    """Start headless Chromium with its console log kept; the caller quits it."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver = executables()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--hide-scrollbars", f"--window-size={width},{height}", "--force-device-scale-factor=1"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=driver), options=options)


def console_errors(driver) -> list[dict]:
    """The console messages of level SEVERE since the last call (the log is drained as it is read)."""
    return [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]
