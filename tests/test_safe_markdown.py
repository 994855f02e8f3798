"""Edited releases: unsafe link targets are refused with file and line when the release is read,
raw HTML renders as text, and the writer's pages keep their markup.

Rendering goes through Python-Markdown with this project's mkdocs.yml extensions plus
``SafeMarkdown``, the way the plugin renders a page.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import markdown
import pytest
from mkdocs.config import load_config

from newsroom.catalogue import load_catalogue
from newsroom.collection import collect
from newsroom.markdown_writer import body_markdown
from newsroom.model import Table
from newsroom.safe_markdown import SafeMarkdown, link_scheme, unsafe_targets
from newsroom.tagging import load_vocabulary
from newsroom.wire import parse_release

from .helpers import ROOT, SEED
from .htmlsafety import problems

HEAD = "---\ntitle: Cellectar Opens a New Office\ndate: 2018-03-01\n---\n\n# Cellectar Opens a New Office\n\n"
# The body starts on this line of the file.
BODY_LINE = HEAD.count("\n") + 1

# Each refused body, and the line of it where the refused target starts.
REFUSED = {
    "plain": ("[x](javascript:alert(1))", 1),
    "mixed case": ("[x](JaVaScRiPt:alert(1))", 1),
    "spaces around": ("[x](   javascript:alert(1)  )", 1),
    "angle brackets": ("[x](<javascript:alert(1)>)", 1),
    "decimal entity": ("[x](&#106;avascript:alert(1))", 1),
    "hex entity": ("[x](&#x6A;avascript:alert(1))", 1),
    "named colon": ("[x](javascript&colon;alert(1))", 1),
    "double-encoded": ("[x](&amp;#106;avascript:alert(1))", 1),
    "newline inside": ("[x](<java\nscript:alert(1)>)", 1),
    "tab inside": ("[x](java\tscript:alert(1))", 1),
    "entity newline": ("[x](java&#x0A;script:alert(1))", 1),
    "target on the next line": ("[x](\njavascript:alert(1))", 2),
    "data image": ("![chart](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", 1),
    "vbscript with title": ('[x](vbscript:msgbox(1) "Title")', 1),
    "other scheme": ("[x](file:///etc/passwd)", 1),
    "reference": ("[x][r]\n\n[r]: javascript:alert(1)", 3),
    "reference on the next line": ("[x][r]\n\n[r]:\n    javascript:alert(1)", 4),
    "reference in brackets": ("[x][r]\n\n[r]: <data:text/html,x>", 3),
    "attribute list href": ('[x](https://www.cellectar.com/){ href="javascript:alert(1)" }', 1),
    "attribute list handler": ('A paragraph.\n{ onclick="alert(1)" }', 2),
    # an escaped backslash before the bracket or brace leaves it syntax
    "after an escaped backslash": ("[x\\\\](javascript:alert(1))", 1),
    "attribute list after an escaped backslash": ('A paragraph \\\\{ onclick="alert(1)" }', 1),
}
ALLOWED = [
    "[x](https://www.cellectar.com/)",
    "[x](HTTP://EXAMPLE.COM/)",
    "[x](mailto:ir@cellectar.example)",
    "[x](tel:+16085550100)",
    "[x](../)",
    "[x](#contacts)",
    "[x](/newsroom/releases/)",
    "[x](page.md?a=b:c)",
    '[x](https://www.cellectar.com/ "Nasdaq: CLRB")',
    "Cellectar Biosciences, Inc. (Nasdaq: CLRB) [see note] (Source: the company)",
    "A sub-headline\n{ .nr-subheadline }",
    "<https://www.cellectar.com/investors> and <ir@cellectar.example>",
]


@pytest.fixture(scope="module")
def data():
    catalogue = load_catalogue(ROOT / "content" / "products.yml")
    return catalogue, load_vocabulary(ROOT / "content" / "tags.yml", catalogue)


def _edited(tmp_path: Path, body: str) -> Path:
    releases = tmp_path / "releases"
    releases.mkdir()
    (releases / "2018-03-01-office.md").write_text(HEAD + "Opening words.\n\n" + body + "\n", encoding="utf-8")
    return tmp_path


def render(text: str, edited: bool, allow_html: bool = False) -> tuple[str, SafeMarkdown]:
    config = load_config(str(ROOT / "mkdocs.yml"))
    safe = SafeMarkdown(allow_html=allow_html)
    safe.edited = edited
    html = markdown.Markdown(extensions=[*config.markdown_extensions, safe], extension_configs=config.mdx_configs).convert(text)
    return html, safe


# --------------------------------------------------------------------------- refused when read


@pytest.mark.parametrize(("body", "line"), REFUSED.values(), ids=REFUSED.keys())
def test_an_unsafe_target_is_refused_with_file_and_line(tmp_path: Path, data, body: str, line: int) -> None:
    collection = collect(_edited(tmp_path, body), *data)
    assert collection.sources == []
    (error,) = collection.errors
    assert error.path == "releases/2018-03-01-office.md"
    # "Opening words." and a blank line come before the body.
    assert error.line == BODY_LINE + 2 + line - 1
    assert "refused" in error.message


@pytest.mark.parametrize("body", ALLOWED)
def test_web_mail_phone_and_relative_links_are_kept(tmp_path: Path, data, body: str) -> None:
    collection = collect(_edited(tmp_path, body), *data)
    assert collection.errors == [] and len(collection.sources) == 1


def test_text_convert_escaped_is_not_refused(tmp_path: Path, data) -> None:
    """A release's text may quote a link or an attribute list: ``newsroom convert`` escapes it,
    so the Markdown it writes is text, published as a ``.md`` like any other."""
    text = (
        "Cellectar Warns of Fake E-mails\n\nMADISON, Wis., March 1, 2018 (GLOBE NEWSWIRE) -- Cellectar warned investors "
        "of e-mails with links written as [Cellectar IR](javascript:steal()) and of pages that add {: onclick=alert(1) } "
        "to a paragraph.\n\nThe company sends no such e-mails.\n"
    )
    body = body_markdown(parse_release(text.encode(), "2018-03-01-office.txt"))
    assert list(unsafe_targets(body)) == []
    collection = collect(_edited(tmp_path, body), *data)
    assert collection.errors == [] and len(collection.sources) == 1
    html, safe = render(body, edited=True)
    assert "[Cellectar IR](javascript:steal())" in html and "{: onclick=alert(1) }" in html
    assert problems(html) == []


def test_the_error_names_the_scheme_a_browser_would_read() -> None:
    assert link_scheme(" JaVa\tScRiPt:alert(1)") == "javascript"
    assert link_scheme("&#x6A;ava&#x0D;script&colon;x") == "javascript"
    assert link_scheme("releases/a:b") is None and link_scheme("#x") is None
    ((line, message),) = unsafe_targets("one\n\ntwo [x](&#106;avascript:alert(1))")
    assert line == 3 and "javascript:" in message


# --------------------------------------------------------------------------- rendered as text


def test_raw_html_in_an_edited_release_renders_as_text() -> None:
    text = '<script>alert(1)</script>\n\nAn <img src=x onerror=alert(2)> and <svg onload=alert(3)>.\n\n<iframe src="x"></iframe>'
    html, _ = render(text, edited=True)
    assert problems(html) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(2)&gt;" in html


def test_the_writers_markup_and_other_pages_are_left_alone() -> None:
    text = '<span class="nr-dateline">MADISON, Wis. --</span> The company said so.'
    assert render(text, edited=False)[0] == f"<p>{text}</p>"


def test_a_release_edited_from_convert_output_keeps_the_writers_marks() -> None:
    """`newsroom convert` writes the Markdown an edited release starts from: no raw HTML in it."""
    html, _ = render(body_markdown(parse_release(SEED.read_bytes(), SEED.name)), edited=True)
    assert '<strong class="nr-dateline">MADISON, Wis., Jan. 24, 2017 (GLOBE NEWSWIRE) --</strong>' in html
    assert "&lt;" not in html


def test_a_glued_about_heading_edited_from_convert_output_stays_bold() -> None:
    text = (
        "Acme Opens a Plant\n\nBOSTON, March 24, 2024 (GLOBE NEWSWIRE) -- Acme opened a plant in Boston today, "
        "the company said.\n\nAbout Acme Acme Corp. makes anvils.\n"
    )
    html, _ = render(body_markdown(parse_release(text.encode(), "2024-03-24-acme.txt")), edited=True)
    assert '<strong class="nr-glued-heading">About Acme</strong> Acme Corp. makes anvils.' in html
    assert "&lt;" not in html


TABLES = ROOT / "tests" / "fixtures" / "wire" / "2024-05-09-bw-earnings-tables.txt"


def _cells(html: str) -> list[list[str]]:
    """Every table row's cells as text, as a reader of the page gets them."""
    tree = ElementTree.fromstring(f"<root>{html}</root>")
    return [["".join(cell.itertext()) for cell in row] for row in tree.iter("tr")]


def test_a_table_edited_from_convert_output_stays_a_table_with_its_cells_verbatim() -> None:
    release = parse_release(TABLES.read_bytes(), TABLES.name)
    tables = [block for part in release.parts for block in getattr(part, "blocks", ()) if isinstance(block, Table)]
    assert tables, "the fixture has tables"
    html, _ = render(body_markdown(release), edited=True)
    assert "&lt;" not in html and problems(html) == []
    regions = [div.attrib for div in ElementTree.fromstring(f"<root>{html}</root>").iter("div")]
    assert regions == [{"class": "nr-table", "role": "region", "aria-label": "Table", "tabindex": "0"}] * len(tables)
    # The same cells, in the same order, as the wire text's tables (not as the writer wrote them).
    assert _cells(html) == [list(row) for table in tables for row in table.rows]
    # And the same page as the text release's, where the writer's HTML passes as raw HTML.
    assert _cells(render(body_markdown(release), edited=False)[0]) == _cells(html)


@pytest.mark.parametrize(
    "change",
    [
        ("<td>", "<td onclick=\"alert(1)\">"),
        ("<td>", "<td><script>alert(1)</script>"),
        ('<table class="nr-table__table">', '<table class="nr-table__table"><caption>x</caption>'),
        ("</table>", "</table><img src=x onerror=alert(1)>"),
        ('tabindex="0"', 'tabindex="0" style="x"'),
        ('<th scope="row">', '<th scope="row" scope="col">'),
    ],
    ids=["handler", "script-in-cell", "other-tag", "after-table", "other-attribute", "attribute-twice"],
)
def test_a_table_changed_into_other_markup_shows_as_text(change: tuple[str, str]) -> None:
    release = parse_release(TABLES.read_bytes(), TABLES.name)
    html, _ = render(body_markdown(release).replace(*change, 1), edited=True)
    assert problems(html) == []
    assert "&lt;div class=&quot;nr-table&quot;" in html or '&lt;div class="nr-table"' in html


def test_allow_html_keeps_raw_html_in_an_edited_release() -> None:
    html, _ = render('<p class="note">Kept <em>as HTML</em>.</p>', edited=True, allow_html=True)
    assert html == '<p class="note">Kept <em>as HTML</em>.</p>'


def test_unsafe_attributes_that_get_through_are_dropped_and_noted() -> None:
    # What reading refuses, in case another extension makes it: never in the page.
    html, safe = render('[x](https://www.cellectar.com/){ onclick="alert(1)" }\n\n![i](data:image/png,x)', edited=True)
    assert problems(html) == []
    assert '<a href="https://www.cellectar.com/">x</a>' in html and "<img" in html and "data:" not in html
    assert safe.removed == ["onclick='alert(1)'", "src='data:image/png,x'"]
