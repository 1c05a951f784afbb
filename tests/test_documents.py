"""The documents reader: each format's text as read, and one clear line for each file
that cannot be read."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from conftest import docx_bytes, docx_paragraphs, text_pdf

from coop.documents import (DocumentError, arguments_to_paths, folder_to_documents,
                            html_to_text, read_document, read_documents)

SPANISH = "Proyecto en la Región Cusco, provincia de Canchis; también en Iquitos (Loreto)."
ENGLISH = "The university in Trujillo works with farmers in the Colca Canyon, Arequipa."


def _pdf_encrypted(user: str, owner: str, algorithm: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf([[SPANISH], [ENGLISH]]))))
    writer.encrypt(user_password=user, owner_password=owner, algorithm=algorithm)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _pdf_image_only() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(image).text((10, 10), "Cusco (scanned)", fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PDF")
    return buffer.getvalue()


READABLE = [  # file name, bytes, the text as read
    ("utf8.txt", SPANISH.encode("utf-8"), SPANISH),
    ("bom.txt", b"\xef\xbb\xbf" + SPANISH.encode("utf-8"), SPANISH),
    ("windows.txt", SPANISH.encode("cp1252"), SPANISH),
    ("crlf.md", f"# Title\r\n\r\n{ENGLISH}\r\n".encode("utf-8"), f"# Title\r\n\r\n{ENGLISH}\r\n"),
    ("utf16.txt", SPANISH.encode("utf-16"), SPANISH),
    ("page.html",
     (f"<!DOCTYPE html><html><head><title>Hidden title</title><style>p {{color:red}}</style>"
      f"<script>var x = '<p>Puno</p>';</script></head><body><h1>Informe &amp; anexo</h1>"
      f"<p>{SPANISH.replace('Región', 'Regi&oacute;n')}</p><div>{ENGLISH}<br>Line  two"
      f"\n   wrapped</div><ul><li>Piura</li><li>Tumbes</li></ul>"
      f"<noscript>Ayacucho</noscript></body></html>").encode("utf-8"),
     f"Informe & anexo\n{SPANISH}\n{ENGLISH}\nLine two wrapped\nPiura\nTumbes"),
    ("page.htm", b"<p>Arequipa<b>&#233;</b>&nbsp;x</p><pre>a\n  b</pre>", "Arequipa\u00e9\u00a0x\na\n  b"),
    ("report.pdf", text_pdf([[SPANISH, "segunda línea"], [ENGLISH]]),
     f"{SPANISH}\nsegunda línea\n\n{ENGLISH}"),
    ("owner-only.pdf", _pdf_encrypted("", "owner-secret", "AES-128"), f"{SPANISH}\n\n{ENGLISH}"),
    ("report.docx", docx_paragraphs([SPANISH, "", ENGLISH]), f"{SPANISH}\n\n{ENGLISH}"),
    ("table.docx",
     docx_bytes("<w:p><w:r><w:t>Lugar:</w:t><w:tab/><w:t>Puno</w:t></w:r></w:p>"
                "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cusco</w:t></w:r></w:p></w:tc>"
                "<w:tc><w:p><w:r><w:t>Lima</w:t><w:br/><w:t>Callao</w:t></w:r></w:p></w:tc>"
                "</w:tr></w:tbl><w:p><w:del><w:r><w:delText>Tacna</w:delText></w:r></w:del>"
                "<w:r><w:t xml:space=\"preserve\">Moquegua </w:t></w:r></w:p>"),
     "Lugar:\tPuno\nCusco\nLima\nCallao\nMoquegua "),
]


@pytest.mark.parametrize("name,content,expected", READABLE, ids=[r[0] for r in READABLE])
def test_document_text_as_read(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    document = read_document(str(path))
    assert document.text == expected
    assert document.name == str(path)


def test_docx_entities_and_dtds_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    prolog = (f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
              '<!ENTITY boom "Cusco Cusco Cusco">]>')
    path = tmp_path / "xxe.docx"
    path.write_bytes(docx_bytes("<w:p><w:r><w:t>Puno &xxe; &boom;</w:t></w:r></w:p>", prolog))
    text = read_document(str(path)).text
    assert "TOP-SECRET" not in text
    assert "Cusco" not in text
    assert text.startswith("Puno")


def _zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "Cusco")
    return buffer.getvalue()


UNREADABLE = [  # file name, bytes, words the one line must hold
    ("broken.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\nthis is not a pdf",
     "damaged PDF"),
    ("truncated.pdf", text_pdf([[SPANISH]])[:200], "PDF"),
    ("locked.pdf", _pdf_encrypted("user-secret", "owner-secret", "AES-256"), "password"),
    ("locked-rc4.pdf", _pdf_encrypted("user-secret", "owner-secret", "RC4-128"), "password"),
    ("scan.pdf", _pdf_image_only(), "without a text layer"),
    ("no-pages.pdf", b"", "empty"),
    ("renamed.pdf", SPANISH.encode(), "not a PDF"),
    ("zip.docx", _zip_without_document(), "word/document.xml"),
    ("plain.docx", SPANISH.encode(), "not a zip"),
    ("bad-xml.docx", docx_bytes("<w:p><w:r><w:t>Cusco</w:r></w:p>"), "damaged .docx"),
    ("picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary"),
    ("empty.txt", b"", "empty"),
    ("blank.md", b"  \n\n \t\n", "empty"),
    ("blank.html", b"<html><script>Cusco</script></html>", "no text"),
    ("spreadsheet.xlsx", _zip_without_document(), "not a document this tool reads"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "'.doc'"),
    ("README", SPANISH.encode(), "without an extension"),
]


@pytest.mark.parametrize("name,content,why", UNREADABLE, ids=[r[0] for r in UNREADABLE])
def test_unreadable_file_gives_one_line(tmp_path: Path, name: str, content: bytes,
                                        why: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError) as caught:
        read_document(str(path))
    line = str(caught.value)
    assert line.startswith(f"{path}: ")
    assert why in line
    assert "\n" not in line and "Traceback" not in line


def test_one_failure_does_not_stop_the_others(tmp_path: Path) -> None:
    names = []
    for name, content in (("a.txt", b"Cusco"), ("b.pdf", b"%PDF-1.4 nonsense"),
                          ("c.docx", docx_paragraphs(["Puno"]))):
        (tmp_path / name).write_bytes(content)
        names.append(str(tmp_path / name))
    documents, errors = read_documents(names)
    assert [d.text for d in documents] == ["Cusco", "Puno"]
    assert [e.document for e in errors] == [names[1]]


def test_a_folder_means_the_documents_in_it(tmp_path: Path) -> None:
    wanted = ["b.txt", "a.PDF", "sub/c.docx", "sub/deeper/d.htm", "e.md", "f.html"]
    skipped = [".hidden.txt", ".git/x.txt", "photo.png", "table.xlsx", "notes"]
    for name in wanted + skipped:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    found = folder_to_documents(str(tmp_path))
    expected = [str(tmp_path / n) for n in ("a.PDF", "b.txt", "e.md", "f.html", "sub/c.docx",
                                            "sub/deeper/d.htm")]
    assert found == expected


def test_the_tools_own_outputs_are_not_documents(tmp_path: Path) -> None:
    from coop.folders import write_output_folder

    (tmp_path / "a.txt").write_text("Cusco", encoding="utf-8")
    write_output_folder({"review.html": b"<p>Cusco</p>", "mentions.csv": b"x"},
                        tmp_path / "review")
    assert folder_to_documents(str(tmp_path)) == [str(tmp_path / "a.txt")]


def test_arguments_name_each_document_once(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Cusco", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "image.png").write_bytes(b"\x89PNG")
    single = str(tmp_path / "docs" / "a.txt")
    names, errors = arguments_to_paths([single, str(tmp_path / "docs"), str(tmp_path / "empty"),
                                        str(tmp_path / "missing.pdf")])
    assert names == [single]
    assert [e.document for e in errors] == [str(tmp_path / "empty"),
                                            str(tmp_path / "missing.pdf")]
    assert "without a document" in errors[0].why
    assert "no such file" in errors[1].why


@pytest.mark.parametrize("markup,expected", [
    ("<p>A</p><p>B</p>", "A\nB"),
    ("<td>Cusco</td><td>Puno</td>", "Cusco\nPuno"),
    ("<span>Cus</span>co and <i>Puno</i>", "Cusco and Puno"),
    ("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "<script>alert(1)</script>"),
    ("<p>x<!-- Cusco -->y</p>", "xy"),
    ("<svg><text>Lima</text></svg><p>Tacna</p>", "Tacna"),
    ("<template><p>Lima</p></template>Ica", "Ica"),
    ("<html><head><title>Lima</title><body><p>Tacna</p>", "Tacna"),
    ("<p>Uno<p>Dos", "Uno\nDos"),
])
def test_html_visible_text(markup: str, expected: str) -> None:
    assert html_to_text(markup) == expected
