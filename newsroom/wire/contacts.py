"""Contact blocks: a heading such as ``CONTACT:`` and one contact per group of short lines."""

from __future__ import annotations

import re
from itertools import pairwise

from ..model import Block, Contact, ContactBlock, Paragraph
from .fields import EMAIL_RE, PHONE_RE
from .lines import CONTACT_LINE_MAX, contact_heading, ends_contact, strip

# Under a heading, at most this many short paragraphs are contacts (web copies set each line apart).
CONTACT_PARAGRAPHS_MAX = 16

ROLE_RE = re.compile(
    r"^(?:Media|Press|Investors?|Investor\s+Relations|Management|Company|IR|PR|Analysts?)"
    r"(?:\s+(?:and|&)\s+\w+(?:\s+Relations)?)?(?:\s+Contacts?)?:?$",
    re.IGNORECASE,
)
# A company form that marks a contact line as the organisation: ``JQA Partners, Inc.``.
ORGANIZATION_RE = re.compile(
    r"\b(?:Inc|Corp|Ltd|Co|L\.?L\.?C|L\.?L\.?P|L\.?P|S\.A|N\.V)\.?(?!\w)"
    r"|\b(?:Limited|Corporation|Company|Group|Partners|Communications|Associates|Advisors|Holdings"
    r"|ASA|AG|GmbH|plc|PLC)\b"
)


# A label the copy ran into what stands before it: ``Sam OkaforTel: 617…``, ``(+65) 6222 5223Email: …``,
# ``ir@acme.comTel: …``. Case-sensitive, after a lower-case letter, a digit or a bracket.
_GLUED_LABEL = re.compile(r"(?<=[a-z0-9)])(?=(?:Tel|Telephone|Phone|Fax|Mobile|Cell|Office|Direct|E-?mail|Web|Website)\.?\s*:)")


def unglued(line: str) -> list[str]:
    """A contact line that a copy ran together, cut back into its lines where a label or an
    address follows a number without a space; every character kept, in order."""
    cuts = {match.start() for match in _GLUED_LABEL.finditer(line)}
    cuts.update(match.end() for match in PHONE_RE.finditer(line) if line[match.end() : match.end() + 1].isalpha())
    if not cuts:
        return [line]
    bounds = [0, *sorted(cuts), len(line)]
    return [line[start:end] for start, end in pairwise(bounds) if line[start:end].strip()]


def contact(lines: list[str]) -> Contact:
    """Name, organisation, phone and e-mail from a contact's lines, kept one per line as printed.

    The organisation is the line with a company form (``Inc.``, ``Partners``); the name the
    first other line that is not a group label (``Media``) or a number.
    """
    name = organization = phone = email = None
    for text in lines:
        email_match = EMAIL_RE.search(text)
        phone_match = PHONE_RE.search(text)
        if email_match or phone_match:
            email = email or (email_match.group(0) if email_match else None)
            phone = phone or (phone_match.group(0) if phone_match else None)
        elif ORGANIZATION_RE.search(text):
            organization = organization or text
        elif name is None and not ROLE_RE.match(text):
            name = text
    return Contact(tuple(lines), name, organization, phone, email)


def is_contact_group(block: Block, first: bool) -> bool:
    """Short lines that name a contact; after the first group, only lines with a number or address."""
    if not isinstance(block, Paragraph):
        return False
    lines = block.text.split("\n")
    if max(map(len, lines)) > CONTACT_LINE_MAX or ends_contact(lines[0]) or contact_heading(lines[0]):
        return False
    return first or bool(EMAIL_RE.search(block.text) or PHONE_RE.search(block.text))


def _reaches(line: str) -> bool:
    return bool(EMAIL_RE.search(line) or PHONE_RE.search(line))


def _people(paragraphs: list[list[str]]) -> list[list[str]]:
    """Contacts from the paragraphs under a heading: a paragraph of several lines is one person;
    lines a web page's copy set one per paragraph make a new person after an address or number."""
    people: list[list[str]] = []
    loose = False  # the last person was built from one-line paragraphs
    for lines in paragraphs:
        if len(lines) > 1:
            people.append(lines)
            loose = False
        elif loose and not (_reaches(people[-1][-1]) and not _reaches(lines[0])):
            people[-1].append(lines[0])
        else:
            people.append(list(lines))
            loose = True
    return people


def contact_block(blocks: list[Block], index: int) -> tuple[ContactBlock, int]:
    """The contact block starting at ``blocks[index]``: its heading if it has one, then the
    short paragraphs of contacts under it. Returns it and the index after it."""
    start = blocks[index]
    assert isinstance(start, Paragraph)
    lines = start.text.split("\n")
    heading_match = contact_heading(lines[0])
    heading: str | None = None
    paragraphs: list[list[str]] = []
    if heading_match:
        heading = strip(heading_match.group("label"))
        rest = strip(heading_match.group("rest"))
        first_lines = ([rest] if rest else []) + lines[1:]
        if first_lines:
            paragraphs.append([part for line in first_lines for part in unglued(line)])
        index += 1
    while index < len(blocks) and len(paragraphs) < CONTACT_PARAGRAPHS_MAX and is_contact_group(blocks[index], first=heading is not None or not paragraphs):
        following = blocks[index]
        assert isinstance(following, Paragraph)
        paragraphs.append([part for line in following.text.split("\n") for part in unglued(line)])
        index += 1
    return ContactBlock(heading, tuple(contact(person) for person in _people(paragraphs)), start.line), index
