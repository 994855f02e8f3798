"""The Markdown writer: every character of a release shows literally, in the order of the source.

Markdown is rendered the way MkDocs renders it: Python-Markdown with the extensions MkDocs
loads for this project's mkdocs.yml (its built-ins included), so escaping is proven, not assumed.
"""

from __future__ import annotations

import html as htmllib
import json
import re
from collections import Counter
from functools import cache
from html.parser import HTMLParser

import frontmatter
import markdown
import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from newsroom.markdown_writer import body_markdown, front_matter, with_front_matter
from newsroom.model import BulletList, ContactBlock, Paragraph, Preformatted, Release, Section, Table, Trailer
from newsroom.wire import parse_release

from .conftest import FIXTURES, ROOT, SEED
from .htmltext import visible_text

# --------------------------------------------------------------------------- helpers

# Tags the writer itself produces; anything else in a rendered release came from its text.
WRITER_TAGS = {"h1", "h2", "p", "ul", "li", "a", "strong", "br", "pre", "code", "details", "summary", "div", "table", "thead", "tbody", "tr", "th", "td"}
STRUCTURE = ("h1", "h2", "ul", "ol", "blockquote", "table", "hr", "pre", "details", "admonition")


@cache
def _markdown() -> markdown.Markdown:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def render(text: str) -> str:
    """Markdown → HTML as MkDocs renders this project's pages."""
    return _markdown().reset().convert(text)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        if tag == "div" and "admonition" in (dict(attrs).get("class") or ""):
            self.tags["admonition"] += 1


def tags(html: str) -> Counter[str]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def structure(html: str) -> Counter[str]:
    """How many of each structural element the HTML has."""
    found = tags(html)
    return Counter({name: found[name] for name in STRUCTURE})


def release_texts(release: Release) -> list[str]:
    """Every text of a release as the page shows it: headline to the last trailer."""
    texts = [release.headline, *release.subheadlines, *release.summary]
    for part in release.parts:
        if isinstance(part, Trailer):
            texts.append(part.text)
        elif isinstance(part, ContactBlock):
            texts.extend([part.heading or "", *(line for contact in part.contacts for line in contact.lines)])
        else:
            texts.append("" if part.glued else part.heading or "")  # a glued heading is its paragraph's start
            texts.extend("\n".join(block.items) if isinstance(block, BulletList) else block.text for block in part.blocks)
    return texts


def predicted_structure(release: Release) -> Counter[str]:
    """The structural elements the parser's structure calls for: one h1 (the headline), an h2 per
    ``About`` section and headed contact block, a <details> per safe harbour, a <pre> per aligned
    block, a <table> per table, a <ul> per run of lists with nothing between them (Markdown joins such lists)."""
    counts: Counter[str] = Counter({"h1": 1})
    sequence: list[str] = ["list"] if release.summary else []
    for part in release.parts:
        if isinstance(part, Section) and part.kind == "safe_harbor":
            counts["details"] += 1
            counts["ul"] += sum(isinstance(block, BulletList) for block in part.blocks)
            counts["pre"] += sum(isinstance(block, Preformatted) for block in part.blocks)
            counts["table"] += sum(isinstance(block, Table) for block in part.blocks)
            sequence.append("details")
        elif isinstance(part, Section):
            if part.heading and not part.glued:
                counts["h2"] += 1
                sequence.append("h2")
            sequence.extend("list" if isinstance(block, BulletList) else type(block).__name__ for block in part.blocks)
        elif isinstance(part, ContactBlock):
            counts["h2"] += bool(part.heading)
            sequence.extend(["h2"] * bool(part.heading) + ["contact"] * len(part.contacts))
        else:
            sequence.append("trailer")
    counts["ul"] += sum(1 for index, kind in enumerate(sequence) if kind == "list" and (index == 0 or sequence[index - 1] != "list"))
    counts["pre"] += sequence.count("Preformatted")
    counts["table"] += sequence.count("Table")
    return Counter({name: counts[name] for name in STRUCTURE})


def assert_renders_every_word(release: Release) -> str:
    """Render the release: every word of it is in the visible text, no tag but the writer's is
    in the HTML, and the structure is the one the parser found. Returns the HTML."""
    html = render(body_markdown(release))
    shown = Counter(visible_text(html).split())
    expected = Counter(word for text in release_texts(release) for word in text.split())
    missing = expected - shown
    assert not missing, f"words lost or turned into markup: {sorted(missing)[:20]}"
    foreign = set(tags(html)) - WRITER_TAGS
    assert not foreign, f"markup from the release reached the HTML: {foreign}"
    assert structure(html) == predicted_structure(release)
    return html


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
