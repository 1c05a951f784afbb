"""Shared fixtures: the repository root and a way to run the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, cwd: Path = ROOT, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run ``python build_maps.py ARGS`` and capture text output."""
    return subprocess.run([sys.executable, str(ROOT / "build_maps.py"), *args], cwd=cwd,
                          capture_output=True, text=True, input=stdin, timeout=300)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:", "chrome-error:", "devtools:")


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Selenium, with the network blocked and
    every request and console message recorded. The README's test command
    installs Chromium; without it these tests fail rather than skip."""
    import shutil

    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    binary = shutil.which("chromium") or CHROMIUM
    driver_path = shutil.which("chromedriver") or CHROMEDRIVER
    if not Path(binary).exists() or not Path(driver_path).exists():
        pytest.fail("Chromium and chromedriver are needed: run `bash scripts/test.sh`, which "
                    "installs Debian's chromium and chromium-driver")
    options = Options()
    options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", "--hide-scrollbars",
                "--window-size=1280,900", "--proxy-server=http://127.0.0.1:9",
                "--proxy-bypass-list=<-loopback>", "--allow-file-access-from-files"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["http://*", "https://*",
                                                               "ws://*", "wss://*"]})
    yield driver
    driver.quit()


def drain_logs(driver) -> tuple[list[dict], list[str]]:
    """Console messages and requested URLs since the last call."""
    import json as _json

    console = driver.get_log("browser")
    urls = []
    for entry in driver.get_log("performance"):
        message = _json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return console, urls


def leaving_requests(urls: list[str]) -> list[str]:
    """Requests that would leave the file."""
    return [u for u in urls if not u.startswith(LOCAL_SCHEMES)]
