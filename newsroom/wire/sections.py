"""The parts after the headline: body, ``About …``, safe harbour, contacts and trailers, in order."""

from __future__ import annotations

from ..model import (
    Block,
    Dateline,
    Paragraph,
    Part,
    Preformatted,
    Section,
    SectionKind,
    Table,
    Trailer,
)
from .blocks import flat
from .contacts import contact_block, is_contact_group
from .lines import (
    ABOUT_RE,
    BARE_URL_RE,
    SAFE_HARBOR_OPENING_RE,
    SOURCE_RE,
    glued_about,
    heading_kind,
    is_contact_heading,
    is_title,
    is_trailer,
)


def parts_of(blocks: list[Block], opens_with_dateline: bool) -> tuple[list[Part], str | None]:
    """The body and what follows it, in source order, and the ``Source:`` line's name.

    The body runs from the dateline to the first ``About …``, safe-harbour statement, contact
    block or trailer. Text after a contact block or trailer that starts nothing new is kept as
    a headless ``text`` section.
    """
    parts: list[Part] = []
    source: str | None = None
    kind: SectionKind | None = "body"
    heading: str | None = None
    start = blocks[0].line if blocks else 0
    current: list[Block] = []

    glued = False

    def open_section(new_kind: SectionKind | None, new_heading: str | None = None, line: int = 0, new_glued: bool = False) -> None:
        nonlocal kind, heading, start, current, glued
        if kind is not None and (current or heading):
            parts.append(Section(kind, heading, tuple(current), start, glued))
        kind, heading, start, current, glued = new_kind, new_heading, line, [], new_glued

    index = 0
    if opens_with_dateline:
        current.append(flat(blocks[0]))
        index = 1
    while index < len(blocks):
        block = blocks[index]
        text = block.text if isinstance(block, Paragraph) else ""
        if text and (is_trailer(text) or (kind is None and BARE_URL_RE.match(text))):
            open_section(None)
            index += 1
            following = blocks[index] if index < len(blocks) else None
            if text.endswith(":") and isinstance(following, Paragraph) and "\n" not in following.text:
                text = f"{text}\n{following.text}"  # ``View source version on accesswire.com:`` and its address
                index += 1
            parts.append(Trailer(text, block.line))
            source_match = SOURCE_RE.match(text)
            if source_match and source is None:
                source = source_match.group("name").strip()
            continue
        if text and (is_contact_heading(text) or (kind is None and is_contact_group(block, first=False))):
            open_section(None)
            found, index = contact_block(blocks, index)
            parts.append(found)
            continue
        index += 1
        opens = heading_kind(text) if text else None
        if opens == "about" or (opens == "safe_harbor" and kind != "safe_harbor"):
            open_section(opens, text, block.line)
            continue
        if text and kind != "safe_harbor" and SAFE_HARBOR_OPENING_RE.match(text):
            open_section("safe_harbor", None, block.line)
        elif kind == "safe_harbor" and text and is_title(text):
            open_section("text", text, block.line)  # the safe harbour ends at the next heading
            continue
        elif isinstance(block, (Preformatted, Table)) and kind == "safe_harbor":
            open_section("text", None, block.line)  # a table is not part of the safe harbour
        elif text and current and kind in ("body", "text") and ABOUT_RE.match(text) and "\n" not in text.strip():
            # ``About Tenpoint Therapeutics Tenpoint Therapeutics Ltd. is …``: a heading glued to its paragraph
            length = glued_about(text)
            open_section("about", text[:length] if length else None, block.line, new_glued=length is not None)
        elif kind is None:
            open_section("text", None, block.line)
        current.append(flat(block))
    open_section(None)
    return parts, source


def lead(body: tuple[Block, ...], dateline: Dateline | None) -> str:
    """The first words of the news: the dateline paragraph after the dateline (or the next one)."""
    texts = [block.text for block in body if isinstance(block, Paragraph)]
    if dateline and texts:
        texts[0] = texts[0][len(dateline.text) :].strip()
    return next((text for text in texts if text), "")
