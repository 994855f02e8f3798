"""Contact blocks: a heading such as ``CONTACT:`` and one contact per group of short lines."""

from __future__ import annotations

import re

from ..model import Block, Contact, ContactBlock, Paragraph
from .fields import EMAIL_RE, PHONE_RE
from .lines import CONTACT_LINE_MAX, contact_heading, ends_contact, strip

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
# ``About …`` heads a section about the company or a product (``About 80 patients …`` is text).


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


def contact_block(blocks: list[Block], index: int) -> tuple[ContactBlock, int]:
    """The contact block starting at ``blocks[index]``: its heading if it has one, then one
    contact per paragraph of short lines. Returns it and the index after it."""
    start = blocks[index]
    assert isinstance(start, Paragraph)
    lines = start.text.split("\n")
    heading_match = contact_heading(lines[0])
    heading: str | None = None
    groups: list[list[str]] = []
    if heading_match:
        heading = strip(heading_match.group("label"))
        rest = strip(heading_match.group("rest"))
        first_group = ([rest] if rest else []) + lines[1:]
        if first_group:
            groups.append(first_group)
        index += 1
    while index < len(blocks) and is_contact_group(blocks[index], first=not groups):
        following = blocks[index]
        assert isinstance(following, Paragraph)
        groups.append(following.text.split("\n"))
        index += 1
    return ContactBlock(heading, tuple(contact(group) for group in groups), start.line), index
