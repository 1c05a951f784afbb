"""Shared fixtures: the repository root and a way to run the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def department_code(name: str) -> str:
    """A department's INEI code from the gazetteer, computed independently of the parser."""
    from geo.gazetteer import load_gazetteer
    from geo.names import normalize_name
    found = [p for p in load_gazetteer().lookup(normalize_name(name)) if p.level == "department"]
    assert found, name
    return found[0].department


def found_departments(text: str) -> dict[str, str]:
    """What the geoparser reports in ``text``: each mention as written -> its department code."""
    from geo.geoparser import parse_places
    return {m.mention: m.department_code for m in parse_places(text)}


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


class NameMention:
    """A place mention with the fields of ``geo.geoparser.Mention``."""

    def __init__(self, text: str, start: int, end: int, match, confidence: float) -> None:
        self.start, self.end, self.mention = start, end, text[start:end]
        self.name, self.level, self.ubigeo = match.name, match.level, match.ubigeo
        self.department, self.department_code = match.department, match.department_code
        self.lat, self.lon, self.precision = match.lat, match.lon, match.precision
        self.confidence = confidence


class NameParser:
    """A stand-in geoparser for tests of what surrounds it: finds the given names as
    whole words and resolves them with the project's geocoder (confidence 0.95, or
    0.55 when the name is held by several departments)."""

    def __init__(self, names: list[str]) -> None:
        import re

        from geo.geocoder import default_geocoder

        self.geocoder = default_geocoder()
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")

    def parse(self, text: str) -> list[NameMention]:
        found = []
        for hit in self.pattern.finditer(text):
            match = self.geocoder.geocode(hit.group())
            confidence = 0.55 if match.status == "ambiguous" else 0.95
            found.append(NameMention(text, hit.start(), hit.end(), match, confidence))
        return found


def text_pdf(pages: list[list[str]]) -> bytes:
    """A PDF with a text layer: each page's lines in Helvetica (WinAnsi), written by hand."""
    def literal(line: str) -> bytes:
        raw = line.encode("cp1252")
        return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"

    bodies = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
              3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                 b"/Encoding /WinAnsiEncoding >>"}
    kids, n = [], 4
    for lines in pages:
        stream = (b"BT /F1 11 Tf 72 740 Td 15 TL "
                  + b" ".join(literal(line) + b" Tj T*" for line in lines) + b" ET")
        bodies[n] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                     b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (n + 1))
        bodies[n + 1] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
        kids.append(n)
        n += 2
    bodies[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out, offsets = b"%PDF-1.4\n", {}
    for i in sorted(bodies):
        offsets[i] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (i, bodies[i])
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % n
    out += b"".join(b"%010d 00000 n \n" % offsets[i] for i in range(1, n))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (n, xref)
    return out


DOCX_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
              '.org/package/2006/content-types"><Default Extension="xml" ContentType="application/'
              'xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxml'
              'formats-officedocument.wordprocessingml.document.main+xml"/></Types>')
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(body_xml: str, prolog: str = "") -> bytes:
    """A .docx whose body is ``body_xml`` (w: elements), zipped as Word does."""
    import io
    import zipfile

    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
           f'<w:document xmlns:w="{W_NS}"><w:body>{body_xml}</w:body></w:document>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_TYPES)
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


def docx_paragraphs(paragraphs: list[str]) -> bytes:
    """A .docx with one paragraph per text (XML-escaped)."""
    from xml.sax.saxutils import escape

    return docx_bytes("".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(p)}</w:t></w:r>"
                              "</w:p>" for p in paragraphs))
