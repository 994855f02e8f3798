"""The Markdown writer: every character of a release shows literally, in the order of the source.

Markdown is rendered the way MkDocs renders it: Python-Markdown with the extensions MkDocs
loads for this project's mkdocs.yml (its built-ins included), so escaping is proven, not assumed.
"""

from __future__ import annotations

import html as htmllib
import json
import re

import frontmatter
import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsroom.markdown_writer import body_markdown, front_matter, with_front_matter
from newsroom.model import Paragraph, Preformatted, Release, Section
from newsroom.wire import parse_release

from .helpers import FIXTURES, SEED, assert_renders_every_word
from .htmltext import visible_text

# --------------------------------------------------------------------------- helpers


def _release(text: str) -> Release:
    return parse_release(text, "test.txt")


HEAD = "Cellectar Biosciences Announces a Test\n\nMADISON, Wis., Jan. 24, 2017 (GLOBE NEWSWIRE) -- The company said so.\n\n"

# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize("path", sorted((FIXTURES / "wire").glob("*.txt")) + sorted((FIXTURES / "hostile").glob("*.txt")), ids=lambda p: p.stem)
def test_every_fixture_renders_word_for_word(path) -> None:
    assert_renders_every_word(parse_release(path.read_bytes(), path.name))


@pytest.mark.parametrize(
    "line",
    [
        "# Not a heading #",
        "## Ends with hashes ###",
        "> not a quote",
        "1. not a list",
        "2) not a list",
        "+ not a list",
        "!!! note \"not an admonition\"",
        "???+ tip",
        "[TOC]",
        "|a|b|",
        "a | b",
        "```python",
        "~~~",
        "{: .cls #id}",
        "<div>raw</div>",
        "<!-- comment -->",
        "&copy; &amp; &#169;",
        "***",
        "_under_ and __strong__ and *em*",
        "[x](http://evil.example) ![i](x.png)",
        "[1]: http://evil.example",
        "trailing backslash \\",
        ": definition",
        "Term\\",
    ],
)
def test_markdown_syntax_in_a_paragraph_shows_literally(line: str) -> None:
    release = _release(HEAD + f"Before.\n\n{line}\n\nAfter.\n")
    html = assert_renders_every_word(release)
    assert line in visible_text(html).split("\n")


def test_aligned_columns_after_a_list_are_a_table() -> None:
    rows = "Revenue      $  100    $  90\nExpenses         50       40"
    release = _release(HEAD + f"- one\n- two\n\n{rows}\n")
    html = assert_renders_every_word(release)
    cells = [[htmllib.unescape(cell) for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)] for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)]
    # Each cell as printed: the columns cut where every row has two spaces, a lone "$" kept with its figure.
    assert cells == [["Revenue", "$  100", "$  90"], ["Expenses", "50", "40"]]


def test_a_table_in_a_safe_harbour_section_is_a_table() -> None:
    section = Section("safe_harbor", "Safe Harbor", (Paragraph("Risks include:", 1), Preformatted("A    1\nB    2", 2)), 1)
    release = Release("x.txt", "Headline", _release(HEAD).date, None, "", (section,))
    html = assert_renders_every_word(release)
    details = re.search(r"<details[^>]*>(.*?)</details>", html, re.S)
    assert details and "<pre><code>A    1\nB    2\n</code></pre>" in details.group(1)


def test_safe_harbour_title_keeps_quotes_ampersands_and_backslashes() -> None:
    release = _release(HEAD + 'Safe Harbor Statement "Q" & A \\ B\n\nThis release contains forward-looking statements.\n')
    html = assert_renders_every_word(release)
    summary = re.search(r"<summary>(.*?)</summary>", html, re.S)
    assert summary and visible_text(summary.group(0)) == 'Safe Harbor Statement "Q" & A \\ B'


def test_parts_keep_the_order_of_the_source() -> None:
    text = (
        HEAD
        + "CONTACT:\n\nJules Abraham\n917-885-7378\n\n"
        + "About Cellectar Biosciences, Inc.\n\nCellectar is a company.\n\n"
        + "Source: Cellectar Biosciences, Inc.\n"
    )
    html = assert_renders_every_word(_release(text))
    shown = visible_text(html)
    assert shown.index("CONTACT:") < shown.index("Jules Abraham") < shown.index("About Cellectar") < shown.index("Source:")


def test_contacts_keep_their_lines_and_become_links() -> None:
    html = assert_renders_every_word(_release(HEAD + "Contact: Jules Abraham\nJQA Partners, Inc.\n917-885-7378\njabraham@jqapartners.com\n"))
    assert "<h2" in html and visible_text(re.search(r"<h2[^>]*>.*?</h2>", html).group(0)) == "Contact:"
    lines = visible_text(html).split("\n")
    start = lines.index("Jules Abraham")
    assert lines[start : start + 4] == ["Jules Abraham", "JQA Partners, Inc.", "917-885-7378", "jabraham@jqapartners.com"]
    assert 'href="tel:+19178857378"' in html and 'href="mailto:jabraham@jqapartners.com"' in html


@pytest.mark.parametrize(
    "written, href",
    [
        # (the address as the text writes it, the href a reader gets: the address up to where it can end)
        ("https://x.example/a?b=1&c=2", "https://x.example/a?b=1&c=2"),
        ("https://x.example/&#x41;b", "https://x.example/&#x41;b"),
        ("https://x.example/&amp;b", "https://x.example/&amp;b"),
        ("https://x.example/`tick`", "https://x.example/%60tick%60"),
        ("https://x.example/a\\", "https://x.example/a"),
        ("https://x.example/a\\>b", "https://x.example/a"),
        ("https://x.example/a_b*c*", "https://x.example/a_b*c*"),
    ],
)
def test_a_web_address_links_to_itself(written: str, href: str) -> None:
    html = assert_renders_every_word(_release(HEAD + f"Read more at {written} today.\n"))
    links = re.findall(r'<a href="([^"]*)">(.*?)</a>', html)
    assert [(htmllib.unescape(target), htmllib.unescape(label)) for target, label in links] == [(href, href.replace("%60", "`"))]


def test_subheadline_and_dateline_are_marked() -> None:
    release = _release("Headline\n\nA sub-headline *with stars*\n\n" + HEAD.split("\n\n", 1)[1])
    html = assert_renders_every_word(release)
    assert re.search(r'<p class="nr-subheadline">A sub-headline \*with stars\*</p>', html)
    assert '<strong class="nr-dateline">MADISON, Wis., Jan. 24, 2017 (GLOBE NEWSWIRE) --</strong> The company said so.' in html


# --------------------------------------------------------------------------- front matter

# Text of every kind: control characters, line and paragraph separators, NEL, quotes, YAML
# indicators, things YAML would read as numbers, dates, booleans or null.
_TEXT = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
    st.sampled_from(["2018", "yes", "No", "null", "~", "1e3", "2017-01-24", "- x", "a: b", "#x", "&a", "*a", "!x", "'", '"', "\\", "\u2028", "\x85", "\ufeff", "\uffff"]),
)
_SCALAR = st.one_of(_TEXT, st.none(), st.booleans(), st.dates())
_META = st.dictionaries(
    st.from_regex(r"[a-z][a-z_]{0,9}", fullmatch=True),
    st.one_of(
        _SCALAR,
        st.lists(_TEXT, max_size=3),
        st.dictionaries(st.sampled_from(["city", "region"]), st.one_of(_TEXT, st.none()), max_size=2),
        st.lists(st.dictionaries(st.sampled_from(["name", "phone", "email"]), st.one_of(_TEXT, st.none()), min_size=1, max_size=3), max_size=2),
        # What the quick writer hands to PyYAML: numbers, times of day.
        st.integers(), st.datetimes(),
    ),
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(meta=_META, body=_TEXT)
@example(meta={"no": "", "on": "yes", "null": None}, body="")  # keys YAML 1.1 reads as false, true, nothing
@example(meta={"b": 0, "a": "\xa0"}, body="")  # PyYAML's plain no-break space, last: it was stripped
def test_front_matter_reads_back_as_written(meta: dict, body: str) -> None:
    """What MkDocs and python-frontmatter load from a written page is exactly the metadata."""
    page = with_front_matter(body, meta)
    post = frontmatter.loads(page)
    assert post.metadata == meta
    assert page.startswith("---\n") and page.endswith("\n")


def test_front_matter_of_the_seed_is_quoted_text_in_design_order() -> None:
    release = parse_release(SEED.read_bytes(), SEED.name)
    page = with_front_matter(body_markdown(release), front_matter(release, ["clr-131"], ["Patents"]))
    head = page.split("\n---\n", 1)[0].splitlines()[1:]
    assert [line.split(":")[0] for line in head if line[:1].isalpha()] == list(front_matter(release))
    assert f"title: {json.dumps(release.headline)}" in head and f"date: {release.date.isoformat()}" in head
    assert yaml.safe_load("\n".join(head)) == front_matter(release, ["clr-131"], ["Patents"])
