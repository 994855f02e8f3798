"""``Release`` → front-mattered Markdown.

Every character of the release shows literally: Markdown and HTML in the source are escaped,
never interpreted, and no word is changed. Structure (headings, lists, the collapsed
safe-harbour block, contact line breaks, links) is added around the words, not in them.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import YAMLHandler

from .model import Block, BulletList, Contact, ContactBlock, Dateline, Paragraph, Part, Release, Section, Table, display_date
from .wire.fields import PHONE_RE
from .wire.lines import one_line

DESCRIPTION_MAX = 200
SAFE_HARBOR_TITLE = "Forward-looking statements"

# Characters that Markdown (with the extensions the site enables) reads as inline markup;
# ``#`` too, or a heading would lose the ``#`` its text ends with.
_INLINE = {
    "\\": "\\\\",
    "#": "\\#",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "{": "\\{",
    "}": "\\}",
    "!": "\\!",
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
}
# Most lines have none of them, the others a few: the pattern's one pass calls back only where
# one stands, where a translation table looks every character up (ten times slower beyond ASCII).
_INLINE_RE = re.compile("[" + re.escape("".join(_INLINE)) + "]")
# What a line may not start with: block syntax (headings, quotes, lists, rules, admonitions,
# definitions, tables, fences) becomes a numeric character reference there.
_LINE_START = set(">+-*=|:!?~")
_ORDERED = re.compile(r"^(\d+)([.)])")
_LINKS = re.compile(
    r"(?P<url>https?://[^\s<>\"\\]+[^\s<>\"\\.,;:!?)\]])|(?P<email>[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,})"
)
# What Python-Markdown's serializer keeps as a character reference in an attribute.
_ENTITY_LIKE = re.compile(r"&(?=(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);)", re.IGNORECASE)
_CONTACT_LINKS = re.compile(f"{_LINKS.pattern}|(?P<phone>{PHONE_RE.pattern})")
_NON_DIGITS = re.compile(r"\D")
_BACKTICKS = re.compile(r"`+")


def _escape_ordered(text: str) -> str:
    match = _ORDERED.match(text)
    if not match:
        return text
    return f"{match.group(1)}&#{ord(match.group(2))};{text[match.end():]}"


def _line(text: str, phones: bool = False, first: bool = True) -> str:
    """One escaped line with web and e-mail addresses (and phone numbers) as links.

    ``first`` says the text starts a Markdown line, where block syntax must be escaped too.
    """
    text = one_line(text)
    if not phones and "@" not in text and "://" not in text:
        # No address to link: most paragraphs, and the link search is the costly part.
        return _inline(text, first=first)
    pattern = _CONTACT_LINKS if phones else _LINKS
    out: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        out.append(_inline(text[position : match.start()], first=first and position == 0))
        label = _inline(match.group(0), first=first and match.start() == 0)
        if match.group("url"):
            out.append(f"[{label}](<{_target(match.group('url'))}>)")
        elif match.group("email"):
            out.append(f"[{label}](mailto:{match.group('email')})")
        else:
            out.append(f"[{label}](tel:{tel(match.group(0))})")
        position = match.end()
    out.append(_inline(text[position:], first=first and position == 0))
    return "".join(out)


def _target(url: str) -> str:
    """A web address as a link target that reaches the page's ``href`` as written: a backtick
    would open a code span there (a browser sends it as ``%60`` anyway), and ``&#x41;`` would
    pass as a character reference, so its ``&`` is written ``&amp;``. (A backslash ends the
    address: in a link target it escapes what follows, and a browser reads it as ``/``.)"""
    return _ENTITY_LIKE.sub("&amp;", url).replace("`", "%60")


def _lines(lines: Sequence[str], phones: bool = False) -> str:
    """Lines kept as printed: one Markdown line each, joined by hard line breaks."""
    return "  \n".join(_line(line, phones=phones) for line in lines)


def _escaped(match: re.Match[str]) -> str:
    return _INLINE[match.group()]


def _inline(text: str, first: bool) -> str:
    escaped = _INLINE_RE.sub(_escaped, text)
    if first:
        escaped = escaped.lstrip(" \t")
        if escaped and escaped[0] in _LINE_START:
            escaped = f"&#{ord(escaped[0])};{escaped[1:]}"
        escaped = _escape_ordered(escaped)
    return escaped


def escape_text(text: str) -> str:
    """Plain text (a name, a description) as Markdown that shows it literally."""
    return _inline(" ".join(text.split()), first=True)


def tel(phone: str) -> str:
    """A ``tel:`` target: digits with a leading ``+``; North American numbers get their ``+1``."""
    digits = _NON_DIGITS.sub("", phone)
    if phone.strip().startswith("+"):
        return f"+{digits}"
    if len(digits) == 10:
        return f"+1{digits}"
    return digits


def _block(block: Block, indent: str = "") -> str:
    if isinstance(block, Paragraph):
        return _indented(_lines(block.text.split("\n")) if block.breaks else _line(block.text), indent)
    if isinstance(block, BulletList):
        return "\n".join(f"{indent}- {_line(item)}" for item in block.items)
    if isinstance(block, Table):
        return _indented(_table(block), indent)
    if indent:
        # Python-Markdown reads fences only at the margin: nested, a table is an indented code block.
        return "\n".join(f"{indent}    {line}" if line else "" for line in block.text.split("\n"))
    fence = "`" * max(3, 1 + max((len(run) for run in _BACKTICKS.findall(block.text)), default=0))
    return "\n".join([f"{fence}text", *block.text.split("\n"), fence])


def _indented(text: str, indent: str) -> str:
    if not indent:
        return text
    return "\n".join(f"{indent}{line}" if line else "" for line in text.split("\n"))


def _table(table: Table) -> str:
    """A table as HTML (cells escaped, verbatim), in a region that scrolls sideways on a phone.

    HTML because Markdown's tables have one header row and no empty first cell; an edited release
    keeps exactly this markup (``safe_markdown.WriterTables``), though no other raw HTML.
    """
    rows = []
    for number, row in enumerate(table.rows):
        if number < table.header:
            tags = ['th scope="col"'] * len(row)
        else:
            # A body row's label (``Revenue``) heads its row: a screen reader names it with each figure.
            tags = ['th scope="row"' if column == 0 and text.strip() and len(row) > 1 else "td" for column, text in enumerate(row)]
        cells = "\n".join(f"<{tag}>{html.escape(text, quote=False)}</{tag.split()[0]}>" for tag, text in zip(tags, row, strict=True))
        rows.append(f"<tr>\n{cells}\n</tr>")
    head = "\n".join(rows[: table.header])
    body = "\n".join(rows[table.header :])
    parts = [f"<thead>\n{head}\n</thead>" if head else "", f"<tbody>\n{body}\n</tbody>"]
    inner = "\n".join(part for part in parts if part)
    return f'<div class="nr-table" role="region" aria-label="Table" tabindex="0">\n<table class="nr-table__table">\n{inner}\n</table>\n</div>'


def _heading(text: str | None) -> list[str]:
    return [f"## {_line(text)}"] if text else []


def _section(section: Section, dateline: Dateline | None) -> list[str]:
    if section.kind == "safe_harbor":
        # Collapsed: the statement is long and the same in every release.
        title = _inline(" ".join((section.heading or SAFE_HARBOR_TITLE).split()), first=False)
        details = [f'??? info "{title}"', *(_block(block, indent="    ") for block in section.blocks)]
        return ["\n\n".join(details)]
    parts = [] if section.glued else _heading(section.heading)
    blocks = list(section.blocks)
    first = blocks[0] if blocks else None
    if section.glued and section.heading and isinstance(first, Paragraph) and first.text.startswith(section.heading):
        # The heading stays where the copy glued it, bold, every character in place.
        rest = first.text[len(section.heading) :]
        parts.append(f"**{_inline(section.heading, first=False)}**{{ .nr-glued-heading }}{_line(rest, first=False)}")
        blocks = blocks[1:]
    if section.kind == "body" and dateline and isinstance(first, Paragraph) and first.text.startswith(dateline.text):
        rest = first.text[len(dateline.text) :]
        # Markdown, not raw HTML: a release edited from `newsroom convert` output keeps it (raw HTML
        # in an edited release shows as text).
        parts.append(f"**{_inline(dateline.text, first=False)}**{{ .nr-dateline }}{_line(rest, first=False)}")
        blocks = blocks[1:]
    parts.extend(_block(block) for block in blocks)
    return parts


def _part(part: Part, dateline: Dateline | None) -> list[str]:
    if isinstance(part, Section):
        return _section(part, dateline)
    if isinstance(part, ContactBlock):
        return _heading(part.heading) + [_contact(contact) for contact in part.contacts]
    return [_lines(part.text.split("\n"))]


def _contact(contact: Contact) -> str:
    """One contact, one line per printed line, with mailto: and tel: links."""
    return _lines(contact.lines, phones=True)


def description(release: Release) -> str:
    """The lead, cut at a word boundary to at most 200 characters."""
    lead = " ".join(release.lead.split())
    if len(lead) <= DESCRIPTION_MAX:
        return lead
    cut = lead[: DESCRIPTION_MAX - 1]
    cut = cut[: cut.rfind(" ")] if " " in cut else cut
    return cut.rstrip(",;:") + "…"


def front_matter(release: Release, products: Sequence[str] = (), tags: Sequence[str] = (), slug: str | None = None) -> dict[str, Any]:
    """The front matter DESIGN.md lists, in its order; ``slug`` when the release keeps another
    address than its headline's (a correction changed the headline after publication)."""
    meta: dict[str, Any] = {"title": release.headline, "date": release.date}
    if release.dateline:
        meta["dateline"] = {"city": release.dateline.city, "region": release.dateline.region}
    meta["wire"] = release.dateline.wire if release.dateline else None
    meta["tickers"] = list(release.tickers)
    meta["products"] = list(products)
    meta["tags"] = list(tags)
    meta["description"] = description(release)
    meta["patents"] = list(release.patents)
    meta["contacts"] = [
        {"name": c.name, "organization": c.organization, "phone": c.phone, "email": c.email} for c in release.contacts
    ]
    meta["source"] = release.source
    if release.embargo:
        meta["embargo"] = release.embargo.isoformat()
    if release.correction:
        meta["correction"] = True
    meta["slug"] = slug or release.slug
    return meta


def _header_lines(release: Release) -> list[str]:
    """Lines above the headline as printed (``Exhibit 99.1``, ``FOR IMMEDIATE RELEASE``, a date
    and time), except a date line the page already shows as its date."""
    shown = [line for line in release.headers if line != display_date(release.date)]
    return [f"{_lines(shown)}\n{{ .nr-header-lines }}"] if shown else []


def body_markdown(release: Release) -> str:
    """The Markdown of the release text, without front matter, in the order of the source."""
    parts = [*_header_lines(release), f"# {_line(release.headline)}"]
    parts.extend(f"{_line(block.text)}\n{{ .nr-subheadline }}" if isinstance(block, Paragraph) else _block(block) for block in release.deck)
    for part in release.parts:
        parts.extend(_part(part, release.dateline))
    return "\n\n".join(parts) + "\n"


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """PyYAML's libyaml emitter (ten times its pure-Python one; PyYAML's wheels ship it), for
    front matter the quick writer leaves to it. Front matter never repeats an object by reference,
    so the representer keeps no record of the ones it wrote."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


class _Unusual(Exception):
    """A value the quick writer leaves to PyYAML (a number, a time of day, an unusual key)."""


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
_STR_TAG = "tag:yaml.org,2002:str"


@functools.lru_cache(maxsize=256)
def _plain_key(key: str) -> bool:
    """A key written unquoted: word characters that YAML reads back as that text (not ``no``,
    ``on`` or ``null``, which YAML 1.1 reads as a boolean or nothing)."""
    return bool(_PLAIN_KEY.fullmatch(key)) and yaml.resolver.Resolver().resolve(yaml.ScalarNode, key, (True, False)) == _STR_TAG
# What a YAML double-quoted scalar may not hold raw but JSON leaves raw: C1 controls and DEL (not
# printable in YAML), NEL and the line and paragraph separators (line breaks, which YAML folds),
# the byte-order mark, non-characters and lone surrogates.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


# One encoder for every string: json.dumps with an option builds a new one per call.
_JSON_STRING = json.JSONEncoder(ensure_ascii=False).encode


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar: JSON's string syntax (a subset of YAML's), with what YAML
    reads differently escaped too."""
    quoted = _JSON_STRING(text)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", quoted) if _YAML_UNSAFE.search(quoted) else quoted


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str):
        return _quoted(value)
    if type(value) is date:
        return value.isoformat()
    if isinstance(value, (list, tuple, dict)) and not value:
        return "{}" if isinstance(value, dict) else "[]"
    raise _Unusual


def _mapping(mapping: dict[Any, Any], indent: str) -> list[str]:
    """Block-style lines of a mapping, as PyYAML lays them out (a list under its key, unindented)."""
    lines = []
    for key, value in mapping.items():
        if not isinstance(key, str) or not _plain_key(key):
            raise _Unusual
        if value and isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            lines.extend(_mapping(value, indent + "  "))
        elif value and isinstance(value, (list, tuple)):
            lines.append(f"{indent}{key}:")
            for item in value:
                if item and isinstance(item, dict):
                    first, *rest = _mapping(item, indent + "  ")
                    lines.append(f"{indent}- {first.lstrip()}")
                    lines.extend(rest)
                else:
                    lines.append(f"{indent}- {_scalar(item)}")
        else:
            lines.append(f"{indent}{key}: {_scalar(value)}")
    return lines


class _FrontMatter(YAMLHandler):
    """python-frontmatter's YAML front matter, written quickly: PyYAML's representer took a fifth
    of a conversion. Text is always double-quoted, so no title reads as a number, a date or
    ``true``; what YAML loads back is exactly the metadata (tests/test_markdown_writer.py), and a
    value this writer does not know goes to PyYAML whole."""

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        try:
            return "\n".join(_mapping(metadata, "")) if metadata else "{}"
        except _Unusual:
            return yaml.dump(metadata, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False).rstrip("\n")


_FRONT_MATTER = _FrontMatter()


def with_front_matter(body: str, meta: dict[str, Any]) -> str:
    """A Markdown page source: YAML front matter in the given key order, then the body."""
    return frontmatter.dumps(frontmatter.Post(body, **meta), handler=_FRONT_MATTER) + "\n"


def to_markdown(release: Release, products: Sequence[str] = (), tags: Sequence[str] = (), slug: str | None = None) -> str:
    """The whole page source: YAML front matter and the escaped release text."""
    return with_front_matter(body_markdown(release), front_matter(release, products, tags, slug))
