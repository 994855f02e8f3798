"""The release manifest, ``releases.json``: what this newsroom published, so anyone can check a copy.

For each published release: its permalink, publication time, headline, the SHA-256 of its source
file as committed (the bytes) and of its article HTML, and its versions. No MkDocs import: the
plugin hands in what the build made, and ``newsroom verify`` reads the manifest back.

The article HTML is the release as the build converted it from its text, cut from the page as
written (``article_html``): the bytes from the end of the print masthead (``<p class="...
nr-print-masthead">…</p>``) to the end of the headline's ``</h1>`` (so any lines shown above the
headline too), then, each after one line feed, the inside of every ``<div class="nr-release__body">``
in page order (the lead, then the rest: the fact boxes stand between them on the page), each
piece with the white space at its ends removed, encoded as UTF-8. The date line, topics, fact
boxes and site furniture around it are not the release's words and are left out.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

MANIFEST = "releases.json"
# What article_sha256 is the hash of, said in the manifest itself.
ARTICLE_HTML = (
    "UTF-8 bytes of the release page's HTML from the end of p.nr-print-masthead to the end of the headline's </h1>, "
    "then, each after a line feed, the inner HTML of every div.nr-release__body in page order (the lead, the rest); "
    "each part without white space at its ends"
)
# The manifest's format: a reader refuses one it does not know.
FORMAT = 1


def _class_pattern(name: str) -> str:
    """A start tag whose class list holds ``name`` (a browser's saved copy may add classes)."""
    return rf'<{{tag}}\b[^>]*\bclass="(?:[^"]*\s)?{name}(?:\s[^"]*)?"[^>]*>'


_RELEASE = re.compile(_class_pattern("nr-release").format(tag="div"))
_MASTHEAD = re.compile(_class_pattern("nr-print-masthead").format(tag="p"))
_BODY = re.compile(_class_pattern("nr-release__body").format(tag="div"))
_DIV = re.compile(r"<(/?)div\b[^>]*>", re.IGNORECASE)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def article_html(page: str) -> str | None:
    """A release page's article HTML (see the module's docstring); None when ``page`` is not a
    release page, or holds more than one release (a forger's copy could hide the genuine one
    and show another). The build and ``newsroom verify`` both cut it here, so they cannot disagree."""
    release = _RELEASE.search(page)
    if release is None or _RELEASE.search(page, release.end()):
        return None
    masthead = _MASTHEAD.search(page, release.end())
    start = page.find("</p>", masthead.end()) + len("</p>") if masthead else release.end()
    headline_end = page.find("</h1>", start)
    if headline_end < 0:
        return None
    parts = [page[start : headline_end + len("</h1>")].strip()]
    position = headline_end
    while (body := _BODY.search(page, position)) is not None:
        end = _closing_div(page, body.end())
        if end < 0:
            return None
        parts.append(page[body.end() : end].strip())
        position = end
    return "\n".join(parts) if len(parts) > 1 else None


def _closing_div(page: str, start: int) -> int:
    """Where the ``</div>`` closing a div opened just before ``start`` is; -1 when none is (the
    release's text is escaped, so every tag in a body is markup)."""
    depth = 1
    for tag in _DIV.finditer(page, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.start()
    return -1


@dataclass(frozen=True)
class Version:
    """One published version of a release's text: its number (1 is the first), when it went
    public (the release's publication time, or its correction's) and the SHA-256 of its file bytes."""

    number: int
    published: datetime
    sha256: str
    # The SHA-256 of an earlier version's article, on its page (releases/<slug>/v<N>/); empty for
    # the current version, whose article is the release's.
    article_sha256: str = ""


@dataclass(frozen=True)
class Release:
    """One published release as the manifest lists it; ``versions`` oldest first, the last current."""

    url: str
    path: str
    published: datetime
    headline: str
    source_file: str
    source_sha256: str
    article_sha256: str
    versions: tuple[Version, ...]


def current_version(published: datetime, source_sha256: str) -> tuple[Version, ...]:
    """The version list of a release without history (no git, or never corrected)."""
    return (Version(1, published, source_sha256),)


def _time(moment: datetime) -> str:
    """ISO 8601 in UTC with a Z: one spelling per instant, whatever zone the site uses."""
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def _version(version: Version) -> dict[str, Any]:
    listed: dict[str, Any] = {"version": version.number, "published": _time(version.published), "sha256": version.sha256}
    if version.article_sha256:
        listed["article_sha256"] = version.article_sha256
    return listed


def build(site_url: str, moment: datetime, releases: Iterable[Release]) -> dict[str, Any]:
    """The manifest of a build at ``moment``, newest release first."""
    ordered = sorted(releases, key=lambda r: (r.published, r.path), reverse=True)
    return {
        "format": FORMAT,
        "site": site_url,
        "generated": _time(moment),
        "article_html": ARTICLE_HTML,
        "releases": [
            {
                "url": release.url,
                "path": release.path,
                "published": _time(release.published),
                "headline": release.headline,
                "source": {"file": release.source_file, "sha256": release.source_sha256},
                "article_sha256": release.article_sha256,
                "versions": [_version(version) for version in release.versions],
            }
            for release in ordered
        ],
    }


def dumps(manifest: Mapping[str, Any]) -> bytes:
    """The manifest's bytes: the same manifest, the same bytes (it is signed as written)."""
    return (json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary file in ``target``'s folder to write, renamed over ``target`` once the block
    ends (removed if it fails or the process is stopped): a reader sees the old file or the new
    one, never part of one.

    Not a hidden file: one that a build killed outright leaves behind must go with that build's
    unfinished folder, and SiteDir keeps the hidden entries of a folder it removes (a deploy
    checkout's ``.git``)."""
    handle, temporary = tempfile.mkstemp(prefix=f"{target.name}.", suffix=".partial", dir=target.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` whole or not at all (``replacing``)."""
    with replacing(target) as path:
        path.write_bytes(data)
