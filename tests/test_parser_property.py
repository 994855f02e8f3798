"""The parser on arbitrary input (hypothesis): a ``Release`` or a ``ReleaseError``, never anything
else; what it accepts keeps every character of the text and renders word for word."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsroom.model import Release, ReleaseError
from newsroom.wire import clean_text, decode, parse_release

from .helpers import FIXTURES, assert_renders_every_word, release_texts

SOURCES = sorted((FIXTURES / "wire").glob("*.txt")) + sorted((FIXTURES / "hostile").glob("*.txt"))
TEXTS = {path.name: decode(path.read_bytes(), path.name)[0] for path in SOURCES}
PATH = "releases/2024-05-09-mutant.txt"  # named as the README asks: a text without a date takes this one
# Characters the parser may leave out: bullet marks and the bars of exhibit bullet rows.
STRUCTURAL = set("•·▪●◦-*–|")

# Pieces that mean something to the parser, to Markdown, to HTML or to XML.
SPECIALS = [
    "\x00", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\r", "\r\n", "\u00a0", "\ufeff", "\u2028", "\u0085",
    "\t", "    ", "  ", "\\", "`", "```", "~~~", "*", "**", "_", "#", "## ", "> ", "- ", "* ", "• ", "· ",
    "|·|", "1. ", "+ ", "|", "|---|", "---", "===", "!!! note ", "??? tip ", "[TOC]", "{: .x}", "[a](b)",
    "![i](x)", "<https://x.example>", "<script>alert(1)</script>", "<b>", "&amp;", "&#169;", "<!--", ":",
    "###", "# # #", "-30-", "CONTACT:", "Contacts:", "Investors:", "About Cellectar Biosciences, Inc.",
    "About 80 patients", "Forward-Looking Statements", "This release contains forward-looking statements.",
    "Source: Cellectar", "SOURCE Cellectar", "KEYWORDS: x", "January 24, 2017", "February 30, 2017",
    "2016-09-16 15:01 CEST", "EMBARGOED UNTIL 08:00 AM ET, MARCH 3, 2021", "Exhibit 99.1",
    "MADISON, Wis., Jan. 24, 2017 (GLOBE NEWSWIRE) --", "SAN DIEGO--(BUSINESS WIRE)--",
    "(Nasdaq: CLRB)", "jabraham@jqapartners.com", "917-885-7378", "https://x.example/a_b*c",
    "CORRECTING and REPLACING ", "ſept. 5, 2017", "\ud7ff", "\U0001f600",
]
piece = st.one_of(st.sampled_from(SPECIALS), st.text(max_size=12))


@st.composite
def mutants(draw: st.DrawFn) -> bytes:
    """A fixture with lines deleted, duplicated, swapped, inserted or spliced, in any line end and encoding."""
    lines = TEXTS[draw(st.sampled_from(sorted(TEXTS)))].split("\n")
    for _ in range(draw(st.integers(0, 8))):
        operation = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "splice"]))
        at = draw(st.integers(0, max(0, len(lines) - 1)))
        if operation == "insert" or not lines:
            lines.insert(at, draw(piece))
        elif operation == "delete":
            del lines[at]
        elif operation == "duplicate":
            lines.insert(at, lines[at])
        elif operation == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        else:
            cut = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:cut] + draw(piece) + lines[at][cut:]
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)
    return text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"])), errors="replace")


def parse(data: bytes | str) -> Release | None:
    """The release, or None for a clean refusal naming the file; anything else fails the test."""
    try:
        return parse_release(data, PATH)
    except ReleaseError as exc:
        assert str(exc).startswith(f"{PATH}:"), str(exc)
        assert exc.finding.level == "error" and exc.finding.message
        return None


def assert_keeps_the_text(release: Release, data: bytes | str) -> None:
    """Nothing lost, nothing invented: the release's characters are the text's, but for the header
    lines it keeps aside and the bullet marks it replaces with list structure."""
    text = decode(data, PATH)[0] if isinstance(data, bytes) else clean_text(data, PATH)[0]
    source = Counter(char for char in text if not char.isspace())
    kept = Counter(char for piece in [*release.headers, *release_texts(release)] for char in piece if not char.isspace())
    assert not kept - source, f"characters invented: {kept - source}"
    assert set(source - kept) <= STRUCTURAL, f"characters lost: {source - kept}"


EXAMPLES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@EXAMPLES
@given(st.binary(max_size=3000))
def test_arbitrary_bytes(data: bytes) -> None:
    release = parse(data)
    if release is not None:
        assert_keeps_the_text(release, data)
        assert_renders_every_word(release)


@EXAMPLES
@given(st.text(max_size=3000))
def test_arbitrary_text(data: str) -> None:
    release = parse(data)
    if release is not None:
        assert_keeps_the_text(release, data)
        assert_renders_every_word(release)


@EXAMPLES
@given(mutants())
def test_mutated_fixtures(data: bytes) -> None:
    release = parse(data)
    if release is not None:
        assert_keeps_the_text(release, data)
        assert_renders_every_word(release)


def test_the_mutation_strategy_reaches_accepted_releases() -> None:
    """The fixtures themselves parse, so the mutants start from releases, not from errors."""
    for path in SOURCES:
        assert isinstance(parse(path.read_bytes()), Release), path
