"""What an import reads and makes, and the one error it raises."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


class ImportFailure(Exception):
    """A source that cannot be imported; the message names it and says why."""


@dataclass(frozen=True)
class Fetched:
    """The bytes of a source, where they came from, and their media type when a server said it."""

    data: bytes
    location: str
    content_type: str = ""
    charset: str | None = None


@dataclass(frozen=True)
class Extracted:
    """A release as its page shows it: text blocks in order, the wire's name, the page's time."""

    blocks: tuple[str, ...]
    wire: str
    published: datetime | None
