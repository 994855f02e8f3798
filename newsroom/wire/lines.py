"""What one line (or a one-line paragraph) is: a heading, a contact heading, a trailer, an end mark."""

from __future__ import annotations

import re

from ..model import SectionKind

# A contact heading; what follows its colon on the same line is the first contact line.
CONTACT_RE = re.compile(
    r"^\s*(?P<label>(?:"
    r"(?:Media|Press|Investors?|Investor\s+Relations|IR|PR)"
    r"(?:\s+(?:and|&)\s+(?:Media|Press|Investors?|Investor\s+Relations))?(?:\s+Contacts?)?"
    r"|(?:Company|Corporate|Analyst|Financial)\s+Contacts?"
    r"|Contacts?(?:\s+Information)?"
    r"|For\s+(?:further|more|additional)\s+information(?:,?\s+(?:please\s+)?contact)?"
    r")\s*:)(?P<rest>.*)$",
    re.IGNORECASE,
)
# A line in a contact block that names a group, not a person: ``Media``, ``Investor Relations``.


ABOUT_RE = re.compile(r"^About\s+(?!\d)\S")
SAFE_HARBOR_HEADING_RE = re.compile(
    r"^(?:Cautionary\s+(?:Note|Statement).*|(?:Safe\s+Harbor|Forward[\s\-]+Looking)\s+Statements?.*|"
    r"Note\s+Regarding\s+Forward[\s\-]+Looking\s+Statements?.*)$",
    re.IGNORECASE,
)
# The first sentence of a safe-harbour statement printed without a heading.
SAFE_HARBOR_OPENING_RE = re.compile(
    r"^(?:This|The|Certain|Statements|Any|Except|All|Safe\s+Harbor|Forward)\b[^.]{0,160}?forward[\s\-]+looking\s+statements?",
    re.IGNORECASE,
)
# A sentence ends here, unless the last word is an abbreviation such as ``Inc.`` or ``U.S.``.
SENTENCE_END_RE = re.compile(r"[.!?:;,]$")
ABBREVIATION_RE = re.compile(r"(?:^|\s)(?:[A-Z][A-Za-z]{0,3}\.|(?:[A-Za-z]\.){2,})$")
# ``Source: Company`` (GlobeNewswire), ``SOURCE: Company`` (ACCESSWIRE) or ``SOURCE Company`` (PR Newswire).
SOURCE_RE = re.compile(r"^\s*(?:(?i:source):|SOURCE\b)\s*(?P<name>\S.*)$")
# Lines a wire appends after the text.
TRAILER_RE = re.compile(
    r"^\s*(?:View\s+source\s+version\s+on|Cision\s+View\s+original\s+content|View\s+original\s+content|"
    r"KEYWORDS?:|INDUSTRY\s+KEYWORDS?:|PHOTO:|PUB:|Web\s*Site:|Copyright\b)",
    re.IGNORECASE,
)
# A web address on a line of its own: after a trailer, it is one too.
BARE_URL_RE = re.compile(r"^https?://\S+$")
# End marks: ``###``, ``# # #``, ``-30-``.
END_MARK_RE = re.compile(r"^\s*(?:###|#\s#\s#|-\s?30\s?-)\s*$")


WRAP_WIDTH = 100  # a chunk with a longer line was not hard-wrapped: each line is a paragraph
CONTACT_LINE_MAX = 80  # contact lines are short: names, titles, numbers, addresses


SOURCE_MAX = 200


def strip(line: str) -> str:
    """Spaces and tabs off both ends; other characters (a no-break space) are text."""
    return line.strip(" \t")


def one_line(text: str) -> str:
    return text.replace("\n", " ")


def heading_kind(text: str) -> SectionKind | None:
    """``about`` or ``safe_harbor`` when the text is a heading on a line of its own."""
    if "\n" in text or len(text) > WRAP_WIDTH:
        return None
    if SAFE_HARBOR_HEADING_RE.match(text):
        return "safe_harbor"
    if ABOUT_RE.match(text) and not (SENTENCE_END_RE.search(text) and not ABBREVIATION_RE.search(text)):
        return "about"
    return None


def contact_heading(line: str) -> re.Match[str] | None:
    """A contact heading's match; a line without a colon (most lines) is none, unsearched."""
    return CONTACT_RE.match(line) if ":" in line else None


def is_contact_heading(text: str) -> bool:
    first = text.split("\n", 1)[0]
    return len(first) <= CONTACT_LINE_MAX and bool(contact_heading(first))


def ends_contact(line: str) -> bool:
    """Lines that close a contact block: a heading, an end mark, a trailer."""
    return bool(heading_kind(line) or END_MARK_RE.match(line) or SOURCE_RE.match(line) or TRAILER_RE.match(line))


def is_trailer(text: str) -> bool:
    if END_MARK_RE.match(text) or TRAILER_RE.match(text):
        return True
    return bool(SOURCE_RE.match(text)) and len(text) <= SOURCE_MAX
