"""The release model: what the parser produces and every other module reads.

Pure dataclasses with no MkDocs import, so the engine underneath can change.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import date as Date  # the Release field `date` hides the type inside the class
from typing import Literal, Union

# An error stops a release; a warning is suspect text published as written; a note says what
# the parser assumed (a date taken from the file name).
Level = Literal["error", "warning", "note"]

SLUG_MAX = 80
# A slug, product id or tag slug names one folder of the site: a name, never a path.
NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
NAME_MAX = 200  # well inside every file system's limit for one file name
# Names that a page, file or folder the newsroom makes already takes beside them (or will: the
# earlier versions of a corrected release go in v1, v2 ... folders).
RESERVED_NAMES = frozenset(
    {"index", "feed", "atom", "search", "assets", "404", "sitemap", "news-sitemap", "tags", "products", "releases", "stylesheets", "javascripts"}
)
VERSION_FOLDER = re.compile(r"v[0-9]+")
YEAR_FOLDER = re.compile(r"[0-9]{4}")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Characters XML 1.0 forbids (and DEL): the parser drops them and the feed writer guards again.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@dataclass(frozen=True)
class Finding:
    """One problem found in an input file, pointing at the line a person should look at."""

    path: str
    line: int | None
    level: Level
    message: str

    def __str__(self) -> str:
        # One finding, one line: a line break (or other control character) in a file's name is shown escaped.
        path = self.path if self.path.isprintable() else "".join(c if c.isprintable() else repr(c)[1:-1] for c in self.path)
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {self.level}: {self.message}"


class InputError(Exception):
    """Input a person must fix (a release, the catalogue, the tag rules), with file and line."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.finding = Finding(path, line, "error", message)
        super().__init__(str(self.finding))

    def __reduce__(self) -> tuple[type[InputError], tuple[str, int | None, str]]:
        # Raised in a worker process, it travels to the parent pickled.
        return type(self), (self.finding.path, self.finding.line, self.finding.message)

    @property
    def path(self) -> str:
        return self.finding.path

    @property
    def line(self) -> int | None:
        return self.finding.line


class ReleaseError(InputError):
    """A release that cannot be published."""


class DataError(InputError):
    """A data file (``products.yml``, ``tags.yml``) that cannot be used."""


@dataclass(frozen=True)
class Paragraph:
    """Text whose lines were wrapped by the sender (joined when shown), or, with ``breaks``,
    lines that stand as printed: an address, a list of names, a date and a time."""

    text: str
    line: int
    breaks: bool = False


@dataclass(frozen=True)
class BulletList:
    """A list as printed; ``marker`` is kept so the source can be reproduced."""

    items: tuple[str, ...]
    line: int
    marker: str = "•"


@dataclass(frozen=True)
class Preformatted:
    """Column-aligned text (financial tables) whose spacing carries meaning."""

    text: str
    line: int


@dataclass(frozen=True)
class Table:
    """Rows of cells as printed (tab-, ``|``- or column-separated); the first ``header`` rows head it."""

    rows: tuple[tuple[str, ...], ...]
    line: int
    header: int = 0

    @property
    def text(self) -> str:
        return "\n".join("\t".join(row) for row in self.rows)


Block = Union[Paragraph, BulletList, Preformatted, Table]


SectionKind = Literal["body", "about", "safe_harbor", "text"]


@dataclass(frozen=True)
class Section:
    """A run of blocks in a release: the body (the news, opened by the dateline), an
    ``About …`` section, the safe-harbour statement, or text after the boilerplate that
    belongs to none of them."""

    kind: SectionKind
    heading: str | None
    blocks: tuple[Block, ...]
    line: int
    # The heading opens the first paragraph (``About X X is …``, as a web page's copy glues them).
    glued: bool = False


@dataclass(frozen=True)
class Dateline:
    text: str
    city: str | None  # a dateline may name only its date and wire
    region: str | None
    wire: str | None


@dataclass(frozen=True)
class Contact:
    lines: tuple[str, ...]
    name: str | None = None
    organization: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class ContactBlock:
    """A contact block: its heading as printed (``CONTACT:``; None when the wire gives none)
    and one ``Contact`` per group of lines."""

    heading: str | None
    contacts: tuple[Contact, ...]
    line: int


@dataclass(frozen=True)
class Trailer:
    """A line the wire adds after the text: ``Source: …``, ``###``, ``KEYWORDS: …``."""

    text: str
    line: int


# The parts of a release after its headline, in the order the source prints them: a release
# is a legal record, so the page keeps that order (contacts may come before ``About``).
Part = Union[Section, ContactBlock, Trailer]


@dataclass(frozen=True)
class Release:
    """A press release as received, split into the parts a newsroom shows.

    ``parts`` holds everything from the dateline on (and a contact block printed above it)
    in source order; ``body``, ``abouts``, ``safe_harbor``, ``contacts`` and ``trailers``
    are views of it.
    """

    path: str
    headline: str
    date: date
    dateline: Dateline | None
    lead: str
    parts: tuple[Part, ...]
    # What stands between the headline and the dateline, in source order: a ``Paragraph`` per
    # sub-headline line, a ``BulletList`` per summary list.
    deck: tuple[Paragraph | BulletList, ...] = ()
    headers: tuple[str, ...] = ()
    top_date: Date | None = None
    embargo: datetime | None = None
    correction: bool = False
    source: str | None = None
    tickers: tuple[str, ...] = ()
    patents: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()

    @property
    def slug(self) -> str:
        return release_slug(self.date, self.headline)

    @property
    def subheadlines(self) -> tuple[str, ...]:
        return tuple(block.text for block in self.deck if isinstance(block, Paragraph))

    @property
    def summary(self) -> tuple[str, ...]:
        return tuple(item for block in self.deck if isinstance(block, BulletList) for item in block.items)

    def _sections(self, kind: SectionKind) -> tuple[Section, ...]:
        return tuple(part for part in self.parts if isinstance(part, Section) and part.kind == kind)

    @property
    def body(self) -> tuple[Block, ...]:
        """The news: the dateline paragraph and what follows it up to the boilerplate."""
        return next((section.blocks for section in self._sections("body")), ())

    @property
    def abouts(self) -> tuple[Section, ...]:
        return self._sections("about")

    @property
    def safe_harbor(self) -> Section | None:
        return next(iter(self._sections("safe_harbor")), None)

    @property
    def contact_heading(self) -> str | None:
        return next((part.heading for part in self.parts if isinstance(part, ContactBlock) and part.heading), None)

    @property
    def contacts(self) -> tuple[Contact, ...]:
        return tuple(contact for part in self.parts if isinstance(part, ContactBlock) for contact in part.contacts)

    @property
    def trailers(self) -> tuple[str, ...]:
        return tuple(part.text for part in self.parts if isinstance(part, Trailer))

    @property
    def news_text(self) -> str:
        """Headline and body before the boilerplate: what tags and product mentions read."""
        parts = [self.headline, *map(block_text, self.deck), *map(block_text, self.body)]
        return "\n".join(parts)


def block_text(block: Block) -> str:
    if isinstance(block, BulletList):
        return "\n".join(block.items)
    return block.text


def slugify(text: str) -> str:
    """ASCII, lower-case, hyphen-separated: stable and URL-safe."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")


def name_hash(text: str) -> str:
    """A stable name for text with no Latin letters or digits to make one from (``日本``):
    the first 8 hex digits of the SHA-256 of its UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def name_error(name: object, what: str) -> str | None:
    """Why ``name`` cannot be ``what`` (a slug, a product id, a tag slug), or None when it can.

    Each becomes a folder of the site: a path would write elsewhere (``../index``), a reserved
    name over a page the newsroom makes (``index``, ``feed``).
    """
    if not isinstance(name, str) or not NAME.fullmatch(name):
        hint = slugify(name) if isinstance(name, str) else ""
        example = f" (for example {hint!r})" if hint and hint not in RESERVED_NAMES else ""
        return f"{what} {name!r}: not a name; use lower-case letters, digits and hyphens, starting with a letter or digit{example}"
    if len(name) > NAME_MAX:
        return f"{what} {name!r}: longer than {NAME_MAX} characters"
    if name in RESERVED_NAMES or VERSION_FOLDER.fullmatch(name):
        return f"{what} {name!r}: a reserved name (the address of a page or folder the newsroom makes); choose another"
    return None


def slug_error(slug: object) -> str | None:
    """Why ``slug`` cannot be a release's, or None: a name (``name_error``) that is not the
    address of a year's archive either (releases/2017/), which a release would take over."""
    if problem := name_error(slug, "slug"):
        return problem
    if YEAR_FOLDER.fullmatch(str(slug)):
        return f"slug {slug!r}: a reserved name (releases/{slug}/ is the archive of that year); choose another"
    return None


def release_slug(day: date, headline: str) -> str:
    """``YYYY-MM-DD-`` plus the headline slug cut at a word boundary to at most 80 characters
    (a headline without Latin letters or digits: its ``name_hash``)."""
    words = slugify(headline) or name_hash(headline)
    if len(words) > SLUG_MAX:
        cut = words[: SLUG_MAX + 1]
        words = cut[: cut.rfind("-")] if "-" in cut else words[:SLUG_MAX]
    return f"{day.isoformat()}-{words}"


@dataclass(frozen=True)
class Entry:
    """A published release as listings, feeds and pages see it: its front matter plus its URL.

    Built from the front matter the writer produced (or an edited ``.md`` carries), so text
    and edited releases are one kind of thing downstream.
    """

    path: str
    slug: str
    title: str
    date: date
    description: str = ""
    tags: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    dateline: dict[str, str | None] = field(default_factory=dict)
    wire: str | None = None
    tickers: tuple[str, ...] = ()
    embargo: datetime | None = None

    @property
    def url(self) -> str:
        """Site-relative URL with directory URLs, as DESIGN.md fixes it."""
        return f"releases/{self.slug}/"


def display_date(day: date) -> str:
    """``January 24, 2017``: how a US IR newsroom writes a date."""
    return f"{day:%B} {day.day}, {day.year}"
