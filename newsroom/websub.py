"""WebSub: which feeds changed since the site last deployed, and the hub's publish ping for each.

A build with a hub writes ``websub.json`` beside the feeds: the hub, the file's own address and
each feed's SHA-256. Before a deploy, ``changes`` compares the new file with the one the site
serves (every feed counts as changed when there is none yet); after the deploy, ``ping`` tells the
hub each changed feed's address (``hub.mode=publish``, form-encoded POST), so it fetches the feed
and pushes the new items to subscribers. Standard library only; no MkDocs import.
"""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

MANIFEST = "websub.json"
TIMEOUT = 10.0


@dataclass(frozen=True)
class Changes:
    """The feeds a hub is to be told about."""

    hub: str
    feeds: tuple[str, ...]

    def to_json(self) -> str:
        return json.dumps({"hub": self.hub, "feeds": list(self.feeds)}, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Changes:
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("hub"), str) or not isinstance(data.get("feeds"), list):
            raise ValueError('expected {"hub": URL, "feeds": [URL, ...]}')
        return cls(data["hub"], tuple(str(feed) for feed in data["feeds"]))


def digest(path: Path) -> str:
    """A file's SHA-256, read a block at a time (a large archive's feed is many megabytes)."""
    sha = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


@dataclass(frozen=True)
class Manifest:
    """``websub.json``: the hub, the file's own address, and each feed's SHA-256 by address."""

    hub: str
    url: str
    feeds: Mapping[str, str] = field(default_factory=dict)

    def write(self, site_dir: Path, files: Mapping[str, Path]) -> None:
        """Write it into ``site_dir`` for the feed ``files`` just written (address → file)."""
        document = {"hub": self.hub, "url": self.url, "feeds": {url: digest(path) for url, path in sorted(files.items())}}
        (site_dir / MANIFEST).write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, text: str) -> Manifest:
        """A manifest from its JSON; ValueError when it is not one."""
        data = json.loads(text)
        feeds = data.get("feeds") if isinstance(data, dict) else None
        if not isinstance(feeds, dict) or not all(isinstance(value, str) for value in feeds.values()):
            raise ValueError(f"not a {MANIFEST}")
        return cls(str(data.get("hub") or ""), str(data.get("url") or ""), feeds)

    def changes_since(self, old: Manifest | None) -> Changes:
        """The feeds whose digest differs from ``old``'s (every feed without one), for this hub."""
        before = old.feeds if old is not None else {}
        return Changes(self.hub, tuple(url for url, sha in self.feeds.items() if before.get(url) != sha))


def fetch(location: str, timeout: float = TIMEOUT) -> str | None:
    """A file's text from a URL or a path; None when it is not there (a 404, a missing file)."""
    if urlsplit(location).scheme not in ("http", "https"):
        path = Path(location)
        return path.read_text(encoding="utf-8") if path.is_file() else None
    try:
        with urllib.request.urlopen(location, timeout=timeout) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        if exc.code in (404, 410):
            return None
        raise


def ping(hub: str, feed_url: str, timeout: float = TIMEOUT) -> None:
    """Tell ``hub`` that ``feed_url`` has new content; raises OSError (urllib's errors) when it cannot."""
    if urlsplit(hub).scheme not in ("http", "https"):
        raise ValueError(f"the hub's address must be http(s): {hub!r}")
    request = urllib.request.Request(
        hub,
        data=urlencode({"hub.mode": "publish", "hub.url": feed_url}).encode("ascii"),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    # urlopen raises HTTPError for an answer of 400 or more.
    with urllib.request.urlopen(request, timeout=timeout):
        pass


def ping_all(changes: Changes, timeout: float = TIMEOUT) -> list[tuple[str, str]]:
    """Ping the hub for every changed feed, one after the other; the (feed, reason) of each that failed."""
    failures: list[tuple[str, str]] = []
    for feed in changes.feeds:
        try:
            ping(changes.hub, feed, timeout)
        except (OSError, ValueError) as exc:
            failures.append((feed, str(exc)))
    return failures
