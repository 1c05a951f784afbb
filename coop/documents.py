"""The documents reader: .txt, .md, .html/.htm, .pdf (its text layer) and .docx -> text.

Offsets of place mentions refer to the text as read here:

- ``.txt`` / ``.md``: the decoded content unchanged (UTF-8 with or without BOM, else
  Windows-1252; see :func:`coop.files.read_text`);
- ``.html`` / ``.htm``: the visible text (no script, style or head), entities decoded,
  runs of white space collapsed to one space and block elements on lines of their own;
- ``.pdf``: each page's text layer (pypdf), pages separated by a blank line;
- ``.docx``: the paragraphs of ``word/document.xml``, one a line, read without DTDs,
  entities or network.

A file that cannot be read raises :class:`DocumentError` with one line saying why.
"""

from __future__ import annotations

import logging
import os
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from geo.errors import PeruMapsError

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + (".pdf", ".docx")
MAX_DOCX_XML = 200 * 1024 * 1024  # uncompressed word/document.xml larger than this is refused
_KNOWN = ", ".join(SUFFIXES)


class DocumentError(PeruMapsError):
    """A document that cannot be read: ``FILE: why``."""

    def __init__(self, document: str, why: str) -> None:
        self.document = document
        self.why = why
        super().__init__(f"{document}: {why}")


@dataclass(frozen=True)
class Document:
    """One document: its name as the user gave it, and its text as read."""

    name: str
    text: str


# --- which files ------------------------------------------------------------------------------

def arguments_to_paths(arguments: list[str]) -> tuple[list[str], list[DocumentError]]:
    """The documents named by files and folders, in order, each once.

    A folder means the documents in it and in its subfolders (sorted; hidden files
    and files of other types skipped). A missing path, or a folder without a
    document, is an error; a named file of another type is read (and fails) later.
    """
    names: list[str] = []
    errors: list[DocumentError] = []
    seen: set[str] = set()

    def add(name: str) -> None:
        key = os.path.realpath(name)
        if key not in seen:
            seen.add(key)
            names.append(name)

    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = folder_to_documents(argument)
            if not found:
                errors.append(DocumentError(argument, f"a folder without a document ({_KNOWN})"))
            for name in found:
                add(name)
        elif path.exists():
            add(argument)
        else:
            errors.append(DocumentError(argument, "no such file or folder"))
    return names, errors


def folder_to_documents(folder: str) -> list[str]:
    """The documents in ``folder`` and its subfolders, as paths built on ``folder``.

    Folders this tool wrote (they hold its manifest, e.g. an earlier ``--out``) are
    skipped: a review page is not a document.
    """
    from coop.folders import MANIFEST

    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        if MANIFEST in filenames:
            dirnames[:] = []
            continue
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if not filename.startswith(".") and Path(filename).suffix.lower() in SUFFIXES:
                found.append(os.path.join(dirpath, filename))
    return found


# --- reading ----------------------------------------------------------------------------------

def read_document(name: str) -> Document:
    """The document ``name`` (a path as the user gave it) with its text as read."""
    path = Path(name)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        what = f"'{path.suffix}' files" if path.suffix else "files without an extension"
        raise DocumentError(name, f"not a document this tool reads ({what}); give {_KNOWN}")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(name, "no such file") from None
    except IsADirectoryError:
        raise DocumentError(name, "a folder, not a file") from None
    except OSError as exc:
        raise DocumentError(name, f"cannot be read ({exc.strerror})") from None
    if not raw.strip():
        raise DocumentError(name, "empty file")
    if suffix in TEXT_SUFFIXES:
        text = bytes_to_text(raw, name)
    elif suffix in HTML_SUFFIXES:
        text = html_to_text(bytes_to_text(raw, name))
    elif suffix == ".pdf":
        text = pdf_to_text(raw, name)
    else:
        text = docx_to_text(raw, name)
    if not text.strip():
        raise DocumentError(name, "no text in it")
    return Document(name, text)


def bytes_to_text(raw: bytes, name: str = "") -> str:
    """Text as spreadsheets and editors save it: UTF-8 (BOM dropped), else Windows-1252.

    Binary content (NUL bytes, or many control characters) is refused.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = raw.decode("cp1252")
            except UnicodeDecodeError:
                text = raw.decode("latin-1")
    sample = text[:65536]
    controls = sum(1 for c in sample if c < " " and c not in "\t\n\r\f")
    if "\x00" in sample or controls > len(sample) // 100:
        kind = _sniff(raw)
        raise DocumentError(name, f"not a text file (binary content{kind}); "
                                  "give the document in a format this tool reads")
    return text


def _sniff(raw: bytes) -> str:
    """``", looks like a PDF"`` and the like, from the first bytes."""
    for magic, kind in ((b"%PDF", "PDF"), (b"PK\x03\x04", "zip or Office file"),
                        (b"\xd0\xcf\x11\xe0", "old Office file"), (b"\x89PNG", "PNG image"),
                        (b"\xff\xd8\xff", "JPEG image")):
        if raw.startswith(magic):
            return f", looks like a {kind}"
    return ""


# --- HTML -------------------------------------------------------------------------------------

_HIDDEN = {"script", "style", "head", "template", "noscript", "svg", "math", "iframe", "object"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr"}
_BLOCKS = {"address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details",
           "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
           "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre",
           "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr",
           "ul"}


class _VisibleText(HTMLParser):
    """Collects the text a browser shows: blocks on their own lines, spaces collapsed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.hidden: list[str] = []
        self.pre = 0

    def _break(self) -> None:
        text = "".join(self.line)
        if self.pre:
            self.lines.append(text)
        else:
            text = text.strip(" ")
            if text:
                self.lines.append(text)
        self.line = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "body":
            self.hidden = []  # an unclosed head ends where the body starts
        if tag in _VOID:
            if not self.hidden and tag in _BLOCKS:
                self._break()
            return
        if self.hidden or tag in _HIDDEN:
            self.hidden.append(tag)
            return
        if tag in _BLOCKS:
            self._break()
        if tag == "pre":
            self.pre += 1

    def handle_startendtag(self, tag: str, attrs) -> None:
        if not self.hidden and tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if self.hidden:
            if tag in self.hidden:
                while self.hidden and self.hidden.pop() != tag:
                    pass
            return
        if tag == "pre" and self.pre:
            self._break()
            self.pre -= 1
        elif tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.pre:
            self.line.append(data.replace("\r\n", "\n"))
            return
        text = re.sub(r"[ \t\r\n\f]+", " ", data)
        if self.line and self.line[-1].endswith(" ") and text.startswith(" "):
            text = text[1:]
        elif not self.line and text.startswith(" "):
            text = text[1:]
        if text:
            self.line.append(text)

    def text(self) -> str:
        self._break()
        return "\n".join(self.lines)


def html_to_text(markup: str) -> str:
    """The visible text of an HTML page, entities decoded, one block a line."""
    parser = _VisibleText()
    parser.feed(markup)
    parser.close()
    return parser.text()


# --- PDF --------------------------------------------------------------------------------------

def pdf_to_text(raw: bytes, name: str = "") -> str:
    """The PDF's text layer, page by page, pages separated by a blank line."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PdfStreamError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    if not raw.lstrip()[:1024].count(b"%PDF-"):
        raise DocumentError(name, f"not a PDF file{_sniff(raw)}")
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (NotImplementedError, DependencyError) as exc:
                raise DocumentError(name, f"encrypted PDF that cannot be opened ({exc})") from None
            if not opened:
                raise DocumentError(name, "encrypted PDF: it needs a password; save an "
                                          "unprotected copy and give that")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except FileNotDecryptedError:
        raise DocumentError(name, "encrypted PDF: it needs a password; save an unprotected "
                                  "copy and give that") from None
    except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError, AttributeError,
            IndexError, AssertionError, RecursionError, OSError) as exc:
        raise DocumentError(name, f"damaged PDF, cannot be read ({type(exc).__name__}: "
                                  f"{_short(exc)})") from None
    if not pages:
        raise DocumentError(name, "PDF without pages")
    text = "\n\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise DocumentError(name, f"PDF without a text layer ({len(pages)} page(s) of images, "
                                  "a scan?); run OCR on it first")
    return text


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text[:120] + ("..." if len(text) > 120 else "")


# --- DOCX -------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def docx_to_text(raw: bytes, name: str = "") -> str:
    """The paragraphs of a Word .docx, one a line (tabs and line breaks kept)."""
    import io

    from lxml import etree

    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise DocumentError(name, f"not a Word .docx file (not a zip archive{_sniff(raw)}); "
                                  "an old .doc must be saved as .docx first") from None
    with archive:
        try:
            info = archive.getinfo("word/document.xml")
        except KeyError:
            raise DocumentError(name, "not a Word .docx file (a zip without "
                                      "word/document.xml)") from None
        if info.file_size > MAX_DOCX_XML:
            raise DocumentError(name, f"word/document.xml is too large ({info.file_size:,} "
                                      "bytes uncompressed)")
        try:
            xml = archive.read(info)
        except (zipfile.BadZipFile, RuntimeError, OSError, EOFError) as exc:
            raise DocumentError(name, f"damaged .docx ({_short(exc)})") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        raise DocumentError(name, f"damaged .docx (word/document.xml: {_short(exc)})") from None
    body = root.find(f"{_W}body")
    if body is None:
        raise DocumentError(name, "not a Word .docx file (no document body)")
    paragraphs: list[str] = []
    _collect_paragraphs(body, paragraphs)
    return "\n".join(paragraphs)


def _collect_paragraphs(element, paragraphs: list[str]) -> None:
    """Append each ``w:p``'s text; text boxes inside a paragraph become their own lines."""
    for child in element:
        if child.tag == f"{_W}p":
            parts: list[str] = []
            nested: list[str] = []
            _paragraph_text(child, parts, nested)
            paragraphs.append("".join(parts))
            paragraphs.extend(nested)
        elif child.tag != _MC_FALLBACK and isinstance(child.tag, str):
            _collect_paragraphs(child, paragraphs)


def _paragraph_text(element, parts: list[str], nested: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag == _MC_FALLBACK or tag == f"{_W}delText":
            continue
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("\u2011")
        elif tag == f"{_W}p":
            inner: list[str] = []
            _paragraph_text(child, inner, nested)
            nested.append("".join(inner))
        elif tag == f"{_W}del":
            continue  # tracked deletions are not the document's text
        else:
            _paragraph_text(child, parts, nested)


def read_documents(names: list[str]) -> tuple[list[Document], list[DocumentError]]:
    """Every document that can be read, and one error for each that cannot."""
    documents, errors = [], []
    for name in names:
        try:
            documents.append(read_document(name))
        except DocumentError as exc:
            errors.append(exc)
    return documents, errors
