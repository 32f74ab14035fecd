"""`kneetui serve` in a real browser: Debian's headless Chromium through its
chromedriver and selenium, as a runner's browser would open the page.

The screenshot of the last screen is left at test-artifacts/serve-browser.png in
the checkout (gitignored), whether the test passed or not.

Where Chromium is missing the test is skipped, with the reason, except under
CI=true, where it fails: .ci/run installs chromium and chromium-driver.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import REPO
from tests.web.served import serving

SCREENSHOT = REPO / "test-artifacts" / "serve-browser.png"

# xterm.js draws on a canvas, so the screen's text is not in the page. The page's
# script keeps its Terminal as `this.terminal` of an object of its own (textual-
# serve 1.1's textual.js); this runs before that script and catches the Terminal
# as it is assigned, for `screen()` to read its buffer.
CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {
      value, writable: true, configurable: true, enumerable: true,
    });
    if (value && value.buffer) window.kneetuiTerminal = value;
  },
});
"""
READ_SCREEN = """
const terminal = window.kneetuiTerminal;
if (!terminal) return "";
const lines = [];
for (let row = 0; row < terminal.rows; row++) {
  const line = terminal.buffer.active.getLine(row);
  lines.push(line ? line.translateToString(true) : "");
}
return lines.join("\\n");
"""


def chromium_paths() -> tuple[str, str]:
    browser, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if browser is None or driver is None:
        missing = " and ".join(
            name for name, path in (("chromium", browser), ("chromedriver", driver)) if not path
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing} not found: .ci/run installs chromium and chromium-driver")
        pytest.skip(f"{missing} not found (Debian: apt-get install chromium chromium-driver)")
    return browser, driver


@contextmanager
def chromium() -> Iterator[WebDriver]:
    """Headless Chromium at 1280x800 (a terminal of about 142 columns), its
    home, profile and caches in a temporary folder, and no host but 127.0.0.1
    resolvable."""
    browser, driver = chromium_paths()
    # A short path: Chromium's singleton socket goes in TMPDIR, and a socket path
    # longer than 107 bytes (as under pytest's tmp_path) makes it exit at start.
    with tempfile.TemporaryDirectory(prefix="kneetui-chromium-") as name:
        yield from _chromium(browser, driver, Path(name))


def _chromium(browser: str, driver: str, folder: Path) -> Iterator[WebDriver]:
    private = {
        name: str(folder)
        for name in ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "TMPDIR")
    }
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in (
        # --no-sandbox: Chromium refuses to start as root with its sandbox.
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--window-size=1280,800",
        f"--user-data-dir={folder / 'profile'}",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ):
        options.add_argument(argument)
    # The driver's path given, or Selenium Manager looks for one on the network.
    session = webdriver.Chrome(
        service=Service(driver, env={**os.environ, **private}), options=options
    )
    try:
        session.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CATCH_TERMINAL})
        yield session
    finally:
        SCREENSHOT.parent.mkdir(exist_ok=True)
        session.save_screenshot(str(SCREENSHOT))
        session.quit()


def test_a_score_typed_in_the_browser_is_stored(db_path: Path) -> None:
    with serving(db_path) as served, chromium() as browser:
        wait = WebDriverWait(browser, 30)

        def drawn(text: str) -> None:
            wait.until(lambda _: text in browser.execute_script(READ_SCREEN))

        browser.get(served.url)
        drawn("Log soreness")
        # Keys go where a runner's would: to xterm.js's input, focused. (Chromium
        # 150's driver refuses to type into that textarea itself, which xterm.js
        # keeps out of sight: "element not interactable".)
        browser.execute_script("document.querySelector('.xterm-helper-textarea').focus()")

        def type_keys(*keys: str) -> None:
            ActionChains(browser).send_keys(*keys).perform()

        type_keys("l")
        drawn("Esc cancels")
        type_keys("5")
        type_keys(Keys.ENTER)
        drawn("Logged 5/10")
        loaded = browser.execute_script(
            "return performance.getEntriesByType('resource').map(entry => entry.name)"
        )
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        assert conn.execute("SELECT score, knee FROM soreness").fetchall() == [(5, "both")]
    # Everything the page loaded came from the server itself.
    assert loaded, "the page loaded nothing"
    assert [url for url in loaded if not url.startswith(served.url)] == []
    assert SCREENSHOT.stat().st_size > 0


@pytest.mark.parametrize(
    ("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)]
)
def test_no_chromium_fails_under_ci_and_skips_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ci: str, outcome: type[BaseException]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="chromium and chromedriver not found"):
        chromium_paths()
