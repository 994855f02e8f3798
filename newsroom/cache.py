"""The build cache: release pages' Markdown rendered to HTML, kept between builds (MkDocs-free).

Python-Markdown is the costliest pure step of a build, and a release's rendering depends only on
its Markdown, its page address, whether it is edited, and the settings and versions that shape
the converter. So each rendering is stored under a key hashed from all of those: in memory for
the next `mkdocs serve` rebuild, and on disk under ``.cache/newsroom/`` for the next `mkdocs
build` (CI keeps that folder between runs). A changed input gives a new key, so nothing stale is
ever used; the folder is safe to delete; a file that does not read back exactly as written (cut
short, edited, from another format) is ignored with a warning and rendered afresh. Only
renderings that depend on nothing else are kept: see ``self_contained``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any, TypedDict, cast
from urllib.parse import urlsplit

log = logging.getLogger("mkdocs.plugins.newsroom")

# Bumped whenever an entry's layout or meaning changes: older files then simply miss.
FORMAT = 1
# The distributions whose code turns a release's Markdown into HTML.
DISTRIBUTIONS = ("mkdocs-newsroom", "mkdocs", "markdown", "mkdocs-material", "pymdown-extensions")
FOLDER = Path(".cache") / "newsroom"

_LINK = re.compile(r"""\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


class Entry(TypedDict):
    """One page's rendering: its HTML, the table of contents (Python-Markdown's toc tokens:
    level, id, name, children), the title its first heading gives, and the ids it holds."""

    html: str
    toc: list[dict[str, Any]]
    title: str | None
    anchors: list[str]


def versions(distributions: Iterable[str] = DISTRIBUTIONS) -> dict[str, str]:
    """The installed version of each distribution ("absent" when not installed), and Python's."""
    found = {"python": "%d.%d" % sys.version_info[:2]}
    for name in distributions:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "absent"
    return found


def fingerprint(settings: Mapping[str, Any]) -> str:
    """A hash of ``settings`` (JSON with sorted keys; anything else by its repr, which for an
    object without one of its own holds its address, so such a setting never matches again)."""
    text = json.dumps({"format": FORMAT, **settings}, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def self_contained(html: str) -> bool:
    """Whether every link and source in ``html`` is absolute: a relative one was resolved against
    the site's other files (and may warn), which the key does not cover, so it is not cached."""
    for match in _LINK.finditer(html):
        url = next(group for group in match.groups() if group is not None)
        parts = urlsplit(url)
        if not (parts.scheme or parts.netloc):
            return False
    return True


def _valid_toc(tokens: object) -> bool:
    return isinstance(tokens, list) and all(
        isinstance(t, dict)
        and isinstance(t.get("level"), int)
        and isinstance(t.get("id"), str)
        and isinstance(t.get("name"), str)
        and _valid_toc(t.get("children"))
        for t in tokens
    )


def _valid(entry: object) -> bool:
    """Whether ``entry`` has an Entry's fields with their types (a file may hold anything)."""
    return (
        isinstance(entry, dict)
        and set(entry) == set(Entry.__annotations__)
        and isinstance(entry["html"], str)
        and _valid_toc(entry["toc"])
        and (entry["title"] is None or isinstance(entry["title"], str))
        and isinstance(entry["anchors"], list)
        and all(isinstance(a, str) for a in entry["anchors"])
    )


def digest(entry: Entry) -> str:
    """The checksum a cache file carries of its entry, so an edited or cut file reads as damaged."""
    return hashlib.sha256(json.dumps(entry, sort_keys=True).encode("utf-8")).hexdigest()


class RenderCache:
    """Renderings by key: ``memory`` (shared by the builds of one `mkdocs serve`), then files
    under ``folder`` (None: memory only). ``settings`` is the fingerprint of everything global."""

    def __init__(self, folder: Path | None, settings: str, memory: dict[str, Entry]) -> None:
        self.folder = folder
        self.settings = settings
        self.memory = memory
        # The keys this build asked for: what ``prune`` keeps.
        self.used: set[str] = set()

    def key(self, src_uri: str, markdown: str, edited: bool) -> str:
        """The key of one page's rendering: the global settings, its address, its Markdown."""
        digest = hashlib.sha256(f"{self.settings}\0{src_uri}\0{int(edited)}\0".encode())
        digest.update(markdown.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / "render" / key[:2] / f"{key}.json"

    def get(self, key: str) -> Entry | None:
        """The rendering stored under ``key``, or None (never stored, or unreadable: warned)."""
        self.used.add(key)
        kept = self.memory.get(key)
        if kept is not None or self.folder is None:
            return kept
        path = self._path(key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning(f"newsroom: cannot read the build cache file {path} ({exc.strerror}); rendering afresh")
            return None
        try:
            stored = json.loads(data)
            entry = stored["entry"]
            ok = stored["format"] == FORMAT and stored["key"] == key and _valid(entry) and stored["sha256"] == digest(entry)
        except (ValueError, TypeError, KeyError):
            ok = False
        if not ok:
            log.warning(f"newsroom: ignoring a damaged build cache file {path}; rendering afresh")
            return None
        self.memory[key] = cast(Entry, entry)
        return cast(Entry, entry)

    def put(self, key: str, entry: Entry, *, on_disk: bool = True) -> None:
        """Keep ``entry`` under ``key``: in memory, and on disk (unless a worker has written it
        there already) written whole or not at all."""
        self.used.add(key)
        self.memory[key] = entry
        if self.folder is None or not on_disk:
            return
        path = self._path(key)
        data = json.dumps({"format": FORMAT, "key": key, "sha256": digest(entry), "entry": entry}, ensure_ascii=False)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.write(data)
                os.replace(temporary, path)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError as exc:
            # The cache only saves time: a build that cannot write it carries on without it.
            log.info(f"newsroom: cannot write the build cache in {self.folder} ({exc.strerror}); building without it")
            self.folder = None

    def prune(self) -> None:
        """Drop every entry this build did not use (older versions of edited releases, old settings)."""
        for key in [key for key in self.memory if key not in self.used]:
            del self.memory[key]
        if self.folder is None:
            return
        for path in (self.folder / "render").glob("*/*"):
            if path.stem not in self.used or path.suffix != ".json":
                path.unlink(missing_ok=True)
