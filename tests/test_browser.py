"""The HTML reports in a real browser: headless Chromium, offline, through Debian's chromedriver.

The reports come from the shared ``seeds_report`` run (conftest). Each page must load without
console errors (the browser cannot resolve any host name, so anything fetched from the network
is an error), with every figure decoded, the notebook's headings, Russian text without mojibake
and working index links. A
full-page screenshot of each is saved to ``$CORPUS_TOOLS_SCREENSHOTS`` (``make test`` sets
``reports/screenshots``), otherwise to ``screenshots/`` in pytest's temporary folder, whose path
is printed at the end of the module.

Without chromium and chromedriver the module is skipped, unless ``CI=true`` or
``CORPUS_TOOLS_REQUIRE_SHARED=1``: then it fails, so CI cannot pass without the check
(``.ci/run`` installs Debian's ``chromium`` and ``chromium-driver``).
"""

from __future__ import annotations

import base64
import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import nbformat
import pytest


def _find(*names: str) -> str | None:
    # Debian's paths first, so a driver downloaded elsewhere on PATH is not picked up by accident
    for name in names:
        for candidate in (f"/usr/bin/{name}", shutil.which(name)):
            if candidate and os.access(candidate, os.X_OK):
                return candidate
    return None


CHROMIUM = _find("chromium", "chromium-browser")
CHROMEDRIVER = _find("chromedriver")
MISSING = ", ".join(
    name for name, path in (("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER)) if path is None
)
REQUIRED = os.environ.get("CI") == "true" or os.environ.get("CORPUS_TOOLS_REQUIRE_SHARED") == "1"
INSTALL_HINT = "apt-get install chromium chromium-driver (Debian), as .ci/run does"

pytestmark = pytest.mark.skipif(
    bool(MISSING) and not REQUIRED, reason=f"{MISSING} not found; {INSTALL_HINT}"
)

# no request may leave the machine: background services off, and every host name unresolvable,
# so a page that needs the network shows a console error instead of silently fetching
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-domain-reliability",
    "--no-first-run",
    "--no-default-browser-check",
    "--metrics-recording-only",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost",
    "--window-size=1280,1024",
)
CYRILLIC = re.compile("[А-Яа-яЁё]")
# UTF-8 Cyrillic read as Latin-1 or cp1252, and the replacement character of undecodable bytes
MOJIBAKE = re.compile("[ÐÑ][^\\x00-\\x7f]|\\ufffd")


@pytest.fixture(scope="module")
def browser():
    if MISSING:
        pytest.fail(
            f"{MISSING} not found but CI=true or CORPUS_TOOLS_REQUIRE_SHARED=1; {INSTALL_HINT}",
            pytrace=False,
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # an explicit driver path keeps Selenium Manager (which would download drivers) out of it
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def reports(browser, request):
    # asked for after the browser, so a missing browser fails before the notebooks run
    return request.getfixturevalue("seeds_report")


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory, request):
    chosen = os.environ.get("CORPUS_TOOLS_SCREENSHOTS")
    folder = Path(chosen).resolve() if chosen else tmp_path_factory.getbasetemp() / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:  # after pytest's summary, where it cannot be missed
        request.config.add_cleanup(
            lambda: reporter.write_line(f"screenshots of the reports: {folder}")
        )
    return folder


def _open(driver, path: Path) -> list[dict]:
    """Load ``path`` (waiting for the load event) and return the console entries it produced."""
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(path.as_uri())
    return driver.get_log("browser")


def _save_full_page(driver, target: Path) -> None:
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}
    )
    target.write_bytes(base64.b64decode(shot["data"]))


def _pages(reports) -> list[Path]:
    return [Path(html) for html in reports.table.html] + [reports.out / "index.html"]


def test_reports_load_offline_without_console_errors(browser, reports, screenshots):
    for page in _pages(reports):
        entries = _open(browser, page)
        _save_full_page(browser, screenshots / f"{page.stem}.png")
        severe = [f"{e['level']}: {e['message']}" for e in entries if e["level"] == "SEVERE"]
        assert severe == [], f"{page.name} logged console errors (screenshot in {screenshots})"
        assert (screenshots / f"{page.stem}.png").stat().st_size > 0


def test_every_figure_is_decoded(browser, reports):
    for html in reports.table.html:
        page = Path(html)
        executed = nbformat.read(reports.out / "executed" / f"{page.stem}.ipynb", as_version=4)
        figures = sum(
            "image/png" in output.get("data", {})
            for cell in executed.cells
            for output in cell.get("outputs", [])
        )
        _open(browser, page)
        images = browser.execute_script(
            "return Array.from(document.images,"
            " i => [i.complete, i.naturalWidth, i.src.slice(0, 30)]);"
        )
        assert len(images) == figures, f"{page.name}: {len(images)} <img> for {figures} figures"
        broken = [src for complete, width, src in images if not (complete and width > 0)]
        assert broken == [], f"{page.name}: images not decoded"
        # embedded, so nothing is fetched, not even from disk
        assert all(src.startswith("data:image/png;base64,") for _, _, src in images), page.name


def test_headings_and_cyrillic_text_survive_rendering(browser, reports):
    for html in reports.table.html:
        page = Path(html)
        executed = nbformat.read(reports.out / "executed" / f"{page.stem}.ipynb", as_version=4)
        expected = [
            line.lstrip("#").strip().replace("`", "")
            for cell in executed.cells
            if cell.cell_type == "markdown"
            for line in cell.source.splitlines()
            if re.match(r"#{1,3} ", line)
        ]
        _open(browser, page)
        shown = [h.text.strip() for h in browser.find_elements("css selector", "h1, h2, h3")]
        assert shown == expected, f"{page.name}: headings differ from the notebook's"
        # each report's title carries its Russian name, rendered as Cyrillic
        title = browser.find_element("css selector", "h1").text
        assert CYRILLIC.search(title), f"{page.name}: no Cyrillic in the heading {title!r}"
        text = browser.find_element("tag name", "body").text
        # the seeds' tables are Russian; decoded with the wrong charset they turn into "Ð¢Ð¾..."
        assert len(CYRILLIC.findall(text)) > 100, f"{page.name}: no Russian text shown"
        assert not MOJIBAKE.search(text), f"{page.name}: {MOJIBAKE.search(text).group()!r}"


def test_index_links_open_every_report(browser, reports):
    _open(browser, reports.out / "index.html")
    links = [
        (a.text, a.get_attribute("href")) for a in browser.find_elements("css selector", "a[href]")
    ]
    targets = [Path(unquote(urlparse(href).path)) for _, href in links]
    assert targets == [Path(html) for html in reports.table.html]
    for (text, href), target in zip(links, targets):
        assert target.is_file(), f"index links {href}, which does not exist"
        entries = _open(browser, target)
        assert browser.title == text
        assert text in [h.text.strip() for h in browser.find_elements("css selector", "h1")]
        assert [e for e in entries if e["level"] == "SEVERE"] == []
