"""A release's published versions, read from git: the text at publication, then each correction.

The releases folder's whole history is read in one pass, whatever the number of releases:
``git log --first-parent -M --raw --relative`` over the folder lists, commit by commit, the
blob each release file held (renames followed, as ``git log --follow`` does for one file), and
one ``git cat-file --batch`` reads the few old texts that matter (those committed after their
release's publication time). Three git processes per build at most.

A release's first version is its text as it stood at its publication time (the embargo time,
else its date at the default release time; never a commit time); every later commit that
changes its words is a correction, dated by the commit. Edits before publication (drafting
under embargo) are not history; edits that change only white space or line ends are not
corrections. Outside a git checkout, without git, or in a shallow clone there is no history
(an INFO says why) and every release has its one version. No MkDocs import.
"""

from __future__ import annotations

import hashlib
import logging
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, time
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from frontmatter.default_handlers import YAMLHandler

from . import wire, yamldata
from .collection import RELEASES_DIR, Source
from .model import Release, ReleaseError
from .publication import published_at

log = logging.getLogger("mkdocs.plugins.newsroom")


@dataclass(frozen=True)
class Version:
    """One published version of a release: ``number`` 1, 2 …; ``time`` when it went public (v1:
    the release's publication time; later ones: the commit that made the correction);
    ``data`` its source bytes as committed (the file's for the current version) and ``name``
    the file's name under the releases folder."""

    number: int
    time: datetime
    data: bytes
    name: str

    @cached_property
    def text_sha256(self) -> str:
        """SHA-256 of the source bytes: what a reader's copy of the file can be checked against."""
        return hashlib.sha256(self.data).hexdigest()

    @cached_property
    def text(self) -> str:
        """The source text as the build reads it (decoded only when asked: most are never shown)."""
        try:
            return decoded(self.name, self.data)
        except (ReleaseError, UnicodeDecodeError):
            return self.data.decode("utf-8", "replace")


@dataclass(frozen=True)
class History:
    """Every published version of a release, oldest first; the last is the text published now."""

    versions: tuple[Version, ...]

    @property
    def current(self) -> Version:
        return self.versions[-1]

    @property
    def corrected(self) -> datetime | None:
        """When the release was last corrected; None when its text is as first published."""
        return self.versions[-1].time if len(self.versions) > 1 else None

    @property
    def earlier(self) -> tuple[Version, ...]:
        """The versions a correction replaced: each has a page of its own (``v1/``, ``v2/`` …)."""
        return self.versions[:-1]


@dataclass(frozen=True)
class Change:
    """What a commit left in one release file: its blob (``""`` for an edit not yet committed),
    when it was committed to the line and when it was written (``authored``: a rebase or a
    cherry-pick keeps it, and commits anew)."""

    time: datetime
    blob: str
    authored: datetime


def decoded(name: str, data: bytes) -> str:
    """A release file's text as the build reads it (``ReleaseError``/``UnicodeDecodeError`` when
    no build could): a text release as received in any encoding, an edited one as UTF-8."""
    if name.lower().endswith(".md"):
        return data.decode("utf-8-sig")
    return wire.decode(data, name)[0]


def counted(name: str, text: str) -> str:
    """The words of a release that count for a correction: a text release's whole text; an edited
    release's title and body, not the rest of its front matter (tags or products changed are
    the newsroom's filing, not a change to what the company said)."""
    if not name.lower().endswith(".md"):
        return text
    handler = YAMLHandler()
    stripped = text.strip()
    if not handler.FM_BOUNDARY.match(stripped):
        return text
    try:
        front, body = handler.split(stripped)
        meta = yamldata.loads(front, name, 0, ReleaseError)
    except (ValueError, ReleaseError):
        return text
    title = meta.get("title") if isinstance(meta, dict) else None
    return f"{title or ''}\n\n{body}"


def same_words(a: str, b: str) -> bool:
    """Whether two texts differ at most in white space and line ends."""
    return a.split() == b.split()


def blob_id(data: bytes, object_format: str = "sha1") -> str:
    """The id git gives these bytes as a blob (``git hash-object``)."""
    return hashlib.new(object_format, b"blob %d\0" % len(data) + data).hexdigest()


class Git:
    """The git checkout a releases folder lies in; ``None`` from ``open`` when there is none to read."""

    def __init__(self, folder: Path, object_format: str) -> None:
        self.folder = folder
        self.object_format = object_format

    @classmethod
    def open(cls, folder: Path) -> Git | None:
        """The checkout holding ``folder``; None (and an INFO saying why) outside one, without
        git, or in a shallow clone, whose history would start at an arbitrary commit."""
        try:
            answer = cls._run(folder, "rev-parse", "--is-shallow-repository", "--show-object-format")
        except FileNotFoundError:
            log.info("newsroom: git is not installed: releases are shown without their history of corrections")
            return None
        except subprocess.CalledProcessError as exc:
            reason = exc.stderr.decode("utf-8", "replace").strip().splitlines()
            log.info(f"newsroom: not a git checkout ({reason[0] if reason else 'git refused'}): releases are shown without their history of corrections")
            return None
        shallow, object_format = answer.decode().split()
        if shallow == "true":
            log.info("newsroom: a shallow git clone holds part of the history only: releases are shown without their history of corrections (check out with fetch-depth: 0)")
            return None
        return cls(folder, object_format)

    @staticmethod
    def _run(folder: Path, *args: str, stdin: bytes | None = None) -> bytes:
        # Not the user's settings for people (colours, signatures, --follow, a hidden first commit,
        # replaced objects): plain output to parse.
        settings = ("color.ui=false", "log.showSignature=false", "log.follow=false", "log.showRoot=true", "core.quotePath=false")
        command = ["git", *(part for setting in settings for part in ("-c", setting)), "--no-replace-objects", *args]
        return subprocess.run(command, cwd=folder, input=stdin, capture_output=True, check=True).stdout

    def changes(self, names: Iterable[str]) -> dict[str, list[Change]]:
        """Each named file's commits on the published line (first parents), oldest first, followed
        back through renames inside the folder; one ``git log`` for the whole folder."""
        output = self._run(
            self.folder, "log", "--first-parent", "-M", "--raw", "--no-abbrev", "-z", "--relative", "--format=%x01%cI %aI", "--", "."
        )
        # Going back in time: the name each current file had at that point.
        current_of = {name: name for name in names}
        found: dict[str, list[Change]] = {name: [] for name in current_of}
        tokens = iter(output.split(b"\0"))
        when: datetime | None = None
        authored: datetime | None = None
        for token in tokens:
            token = token.lstrip(b"\n")
            if token.startswith(b"\x01"):
                when, authored = map(datetime.fromisoformat, token[1:].decode().split())
                continue
            if not token.startswith(b":") or when is None or authored is None:
                continue
            fields = token.decode().split()
            blob, status = fields[3], fields[4]
            path = next(tokens).decode("utf-8", "surrogateescape")
            if status[0] in "RC":
                old, path = path, next(tokens).decode("utf-8", "surrogateescape")
            name = current_of.get(path)
            if name is None:
                continue
            # A deletion's blob id is all zeros.
            found[name].append(Change(when, blob if blob.strip("0") else "", authored))
            if status[0] in "AD":
                # Its life under this name starts here: an older file of the name is another file.
                del current_of[path]
            elif status[0] == "R":
                del current_of[path]
                current_of[old] = name
        return {name: list(reversed(changes)) for name, changes in found.items() if changes}

    def blobs(self, ids: Iterable[str]) -> dict[str, bytes]:
        """The bytes of these blobs, in one ``git cat-file --batch``."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        output = self._run(self.folder, "cat-file", "--batch", stdin="".join(f"{blob}\n" for blob in wanted).encode())
        read: dict[str, bytes] = {}
        position = 0
        for blob in wanted:
            end = output.index(b"\n", position)
            header = output[position:end].split()
            position = end + 1
            if len(header) != 3:  # "<id> missing": a partial clone without it
                continue
            size = int(header[2])
            read[blob] = output[position : position + size]
            position += size + 1
        return read


def histories(
    folder: Path, published: Mapping[str, datetime], moment: datetime, git: Git | None = None
) -> dict[str, History]:
    """The history of every release in ``published`` (file name under ``folder`` → publication
    time), as git and the files on disk give it. ``moment`` dates an edit not yet committed."""
    current = {name: data for name in published if (data := _on_disk(folder / name)) is not None}
    published = {name: when for name, when in published.items() if name in current}
    if git is None and published:
        git = Git.open(folder)
    changes: dict[str, list[Change]] = {}
    if git is not None:
        try:
            changes = git.changes(published)
        except (OSError, subprocess.CalledProcessError) as exc:
            log.info(f"newsroom: git log of {folder} failed ({exc}): releases are shown without their history of corrections")
            git = None
    # Each file's changes from the one public at its publication time on; an edit on disk not yet
    # committed ends them (`mkdocs serve` previews it as the correction it will be).
    after: dict[str, list[Change]] = {}
    for name, when in published.items():
        kept = changes.get(name, [])
        if not kept or git is None:
            continue
        chain = [change for change in kept[_public_at(kept, when) :] if change.blob]
        if chain and blob_id(current[name], git.object_format) != chain[-1].blob:
            chain.append(Change(moment, "", moment))
        if len({change.blob for change in chain}) > 1:
            after[name] = chain
    texts: dict[str, bytes] = {}
    if git is not None and after:
        try:
            texts = git.blobs(change.blob for chain in after.values() for change in chain if change.blob)
        except (OSError, subprocess.CalledProcessError) as exc:
            log.info(f"newsroom: reading old texts from git failed ({exc}): releases are shown without their history of corrections")
    return {name: _history(name, when, current[name], after.get(name, []), texts) for name, when in published.items()}


def _public_at(changes: list[Change], published: datetime) -> int:
    """Which of a file's changes (oldest first) was public at ``published``: the last committed
    by then. When every commit came later, the release went out with the commits pushed after
    its time, and commits written before it, which a rebase re-dated (drafts under embargo, then
    ``git pull --rebase`` at release time), are drafts, not versions: the last of them."""
    committed = max((index for index, change in enumerate(changes) if change.time <= published), default=None)
    if committed is not None:
        return committed
    return max((index for index, change in enumerate(changes) if change.authored <= published), default=0)


def _on_disk(path: Path) -> bytes | None:
    """A release file's bytes; None when it went away since the build read it (it then has no history)."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def _history(name: str, published: datetime, data: bytes, chain: list[Change], texts: Mapping[str, bytes]) -> History:
    """A release's versions: the text at ``published`` and each later change of its words."""
    now = Version(1, published, data, name)
    versions: list[Version] = []
    words = ""
    for index, change in enumerate(chain):
        raw = data if not change.blob else texts.get(change.blob)
        if raw is None:
            continue
        try:
            version_words = counted(name, decoded(name, raw))
        except (ReleaseError, UnicodeDecodeError):
            continue  # a text no build could read was never published
        if versions and same_words(words, version_words):
            continue
        words = version_words
        versions.append(Version(len(versions) + 1, published if index == 0 else change.time, raw, name))
    if len(versions) < 2 or not same_words(words, counted(name, now.text)):
        return History((now,))
    # The last version is the text published now, as it is on disk.
    versions[-1] = Version(versions[-1].number, versions[-1].time, data, name)
    return History(tuple(versions))


def first_slug(path: Path, release: Release, release_time: time, zone: ZoneInfo, moment: datetime) -> str:
    """The address the release read from ``path`` keeps: the slug of its text as first published,
    when a correction since changed the headline the slug is made from (as the build keeps it)."""
    published = published_at(release, release_time, zone)
    found = histories(path.parent, {path.name: published}, moment).get(path.name) if published <= moment else None
    if found is None or found.corrected is None:
        return release.slug
    try:
        return wire.parse_release(found.versions[0].data, str(path), zone).slug
    except ReleaseError:
        return release.slug


def of_sources(folder: Path, sources: Iterable[Source], release_time: time, zone: ZoneInfo, moment: datetime) -> dict[str, History]:
    """The history of each release published at ``moment``, by slug; held releases have none yet.
    ``folder`` is the releases folder the sources' paths start with."""
    published: dict[str, datetime] = {}
    slugs: dict[str, str] = {}
    for source in sources:
        when = published_at(source.entry, release_time, zone)
        if when <= moment:
            name = source.src_uri[len(RELEASES_DIR) + 1 :]
            published[name], slugs[name] = when, source.entry.slug
    return {slugs[name]: found for name, found in histories(folder, published, moment).items()}
