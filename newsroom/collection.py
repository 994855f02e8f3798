"""All the releases of a content directory, read, checked and ready to publish.

Text releases are parsed and written as Markdown; edited ``.md`` releases are read as written.
Parses are cached by content hash, so ``mkdocs serve`` rebuilds redo only what changed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from . import checks, wire
from .catalogue import Catalogue
from .markdown_writer import body_markdown, front_matter, with_front_matter
from .model import XML_FORBIDDEN, Entry, Finding, InputError, ReleaseError, release_slug
from .parallel import fork_map
from .safe_markdown import unsafe_targets
from .tagging import Vocabulary, classify

RELEASES_DIR = "releases"
# Where an edited release's boilerplate starts: an About section, the collapsed safe harbour
# (or a heading for it) or the contact block. Tags and products read only what comes before.
BOILERPLATE_START = re.compile(
    r"^(?:##\s+(?:About\s|Contacts?\b|Forward|Safe\s+Harbor|Cautionary)|\?\?\?\+?\s|!!!\s)",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(frozen=True)
class Source:
    """One release as the site will publish it."""

    src_uri: str
    entry: Entry
    meta: dict[str, Any]
    body: str
    findings: tuple[Finding, ...] = ()

    @property
    def edited(self) -> bool:
        """Written by hand as Markdown (``NAME.md``), not made by the writer from wire text."""
        return self.src_uri.endswith(".md")

    @property
    def markdown(self) -> str:
        """The page source, front matter and body, as `newsroom convert` writes it."""
        return with_front_matter(self.body, self.meta)


@dataclass
class Collection:
    sources: list[Source] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]


# Parsed text releases by (content digest, path, company name), kept between the rebuilds of
# `mkdocs serve` for the files that are still there, so they never go stale.
_CACHE: dict[tuple[str, str, str], tuple[Any, tuple[Finding, ...]]] = {}


def _as_date(value: Any, path: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ReleaseError(path, _line_of_key(path, "date"), f"'date' must be YYYY-MM-DD, not {value!r}") from None


def _line_of_key(path: str, key: str) -> int | None:
    try:
        for number, line in enumerate(Path(path).read_text(encoding="utf-8-sig").split("\n"), start=1):
            if line.startswith(f"{key}:"):
                return number
    except OSError:
        return None
    return None


def _as_embargo(value: Any, path: str) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        raise ReleaseError(path, _line_of_key(path, "embargo"), f"'embargo' must be an ISO date and time such as 2021-03-03T08:00:00-05:00, not {value!r}") from None


def _strings(value: Any) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(item) for item in value)
    return (str(value),)


def entry_from_meta(meta: dict[str, Any], path: str) -> Entry:
    """The listing view of a release from its front matter; a missing title or date is an error."""
    title = str(meta.get("title") or "").strip()
    if not title:
        raise ReleaseError(path, 1, "no headline: the front matter needs a 'title'")
    if meta.get("date") in (None, ""):
        raise ReleaseError(path, 1, "no date: the front matter needs a 'date' (YYYY-MM-DD)")
    day = _as_date(meta["date"], path)
    dateline: dict[str, str | None] = meta["dateline"] if isinstance(meta.get("dateline"), dict) else {}
    return Entry(
        path=path,
        slug=str(meta.get("slug") or release_slug(day, title)),
        title=title,
        date=day,
        description=str(meta.get("description") or ""),
        tags=_strings(meta.get("tags")),
        products=_strings(meta.get("products")),
        dateline=dict(dateline),
        wire=meta.get("wire"),
        tickers=_strings(meta.get("tickers")),
        embargo=_as_embargo(meta.get("embargo"), path),
    )


def _read_text_release(
    data: bytes, path: str, catalogue: Catalogue, vocabulary: Vocabulary, company: str, key: tuple[str, str, str]
) -> Source:
    """A text release, parsed once per content (``key``); products and tags follow today's data files."""
    if key not in _CACHE:
        text, decoded = wire.decode(data, path)
        release = wire.parse_release(text, path)
        found = (*decoded, *release.findings, *(checks.company_name(text, path, company) if company else ()))
        _CACHE[key] = (release, found)
    release, found = _CACHE[key]
    products, tags = classify(release.news_text, catalogue, vocabulary)
    meta = front_matter(release, products, tags)
    return Source(path, entry_from_meta(meta, path), meta, body_markdown(release), found)


def _without_forbidden(value: Any) -> Any:
    """Front-matter values and text without the characters XML forbids (YAML escapes can make them)."""
    if isinstance(value, str):
        return XML_FORBIDDEN.sub("", value)
    if isinstance(value, list):
        return [_without_forbidden(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_forbidden(item) for key, item in value.items()}
    return value


def _read_edited_release(data: bytes, path: str, catalogue: Catalogue, vocabulary: Vocabulary) -> Source:
    """An edited release is published as written; missing products and tags are detected from its news."""
    try:
        text = data.decode("utf-8-sig")
        post = frontmatter.loads(text)
    except UnicodeDecodeError as exc:
        raise ReleaseError(path, data[: exc.start].count(b"\n") + 1, "unreadable bytes: an edited release must be UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ReleaseError(path, mark.line + 1 if mark else 1, f"invalid front matter: {getattr(exc, 'problem', exc)}") from None
    dropped: list[Finding] = []
    meta = {key: _without_forbidden(value) for key, value in post.metadata.items()}
    content = _without_forbidden(post.content)
    if meta != post.metadata or content != post.content:
        dropped.append(Finding(path, None, "warning", "dropped control characters that XML forbids"))
    # The body is the end of the file: its first line's number turns body lines into file lines.
    first_line = text.count("\n", 0, text.rindex(post.content)) + 1 if post.content else 1
    refused = next(unsafe_targets(content), None)
    if refused:
        raise ReleaseError(path, first_line + refused[0] - 1, refused[1])
    post.content = content
    news = f"{meta.get('title', '')}\n{BOILERPLATE_START.split(post.content, 1)[0]}"
    if "products" not in meta:
        meta["products"] = catalogue.detect(news)
    if "tags" not in meta:
        meta["tags"] = vocabulary.assign(news, _strings(meta["products"]))
    entry = entry_from_meta(meta, path)
    meta["slug"] = entry.slug
    return Source(path, entry, meta, post.content, tuple(dropped))


# Below this many unparsed text releases, starting worker processes costs more than it saves.
PARALLEL_FROM = 200

Outcome = Finding | tuple[Source, Any]


def _read_alone(task: tuple[str, bytes, tuple[str, str, str], Catalogue, Vocabulary, str, bool]) -> Outcome:
    """One text release read in a worker: its Source and, to keep, its parse for the parent's cache."""
    src_uri, data, key, catalogue, vocabulary, company, keep = task
    try:
        source = _read_text_release(data, src_uri, catalogue, vocabulary, company, key)
    except InputError as exc:
        return exc.finding
    parse = _CACHE.pop(key)
    return source, parse if keep else None


def _read_in_parallel(
    tasks: list[tuple[str, bytes, tuple[str, str, str]]],
    catalogue: Catalogue,
    vocabulary: Vocabulary,
    company: str,
    minimum: int,
    keep: bool = False,
) -> dict[tuple[str, str, str], Outcome]:
    """Parse many releases on every core: a first build of a large archive is mostly parsing."""
    outcomes = fork_map(_read_alone, [(*task, catalogue, vocabulary, company, keep) for task in tasks], minimum)
    return {} if outcomes is None else {key: outcome for (_, _, key), outcome in zip(tasks, outcomes, strict=True)}


def _read_here(
    src_uri: str, data: bytes, key: tuple[str, str, str] | None, catalogue: Catalogue, vocabulary: Vocabulary, company: str
) -> Source | Finding:
    """One release read in this process: a text release (with its cache ``key``) or an edited one."""
    try:
        if key is not None:
            return _read_text_release(data, src_uri, catalogue, vocabulary, company, key)
        return _read_edited_release(data, src_uri, catalogue, vocabulary)
    except InputError as exc:
        return exc.finding


def release_files(folder: Path) -> list[Path]:
    """The release files in ``folder`` and below it, in name order."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md") and p.name != "index.md" and p.is_file())


def collect(
    docs_dir: Path,
    catalogue: Catalogue,
    vocabulary: Vocabulary,
    company: str = "",
    parallel_from: int = PARALLEL_FROM,
    keep_parses: bool = False,
    files: Sequence[tuple[Path, str]] | None = None,
) -> Collection:
    """Read every release under ``docs_dir/releases`` (or the ``files`` given, each with the path
    its messages show); problems become findings, never exceptions.

    An edited ``NAME.md`` replaces the text ``NAME.txt`` it was made from.
    """
    collection = Collection()
    if files is None:
        files = [(path, path.relative_to(docs_dir).as_posix()) for path in release_files(docs_dir / RELEASES_DIR)]
    edited = {path.with_suffix("") for path, _ in files if path.suffix == ".md"}
    tasks: list[tuple[str, bytes | Finding, tuple[str, str, str] | None]] = []
    for path, src_uri in files:
        if path.suffix == ".txt" and path.with_suffix("") in edited:
            continue
        try:
            raw = path.read_bytes()
        except OSError as exc:
            tasks.append((src_uri, Finding(src_uri, None, "error", f"cannot read the file: {exc.strerror}"), None))
            continue
        key = (hashlib.sha256(raw).hexdigest(), src_uri, company) if path.suffix == ".txt" else None
        tasks.append((src_uri, raw, key))
    fresh = [(uri, data, key) for uri, data, key in tasks if key is not None and key not in _CACHE and isinstance(data, bytes)]
    read = _read_in_parallel(fresh, catalogue, vocabulary, company, parallel_from, keep_parses)
    used: dict[str, str] = {}
    for src_uri, data, key in tasks:
        outcome: Outcome | Source
        if isinstance(data, Finding):
            outcome = data
        elif key in read:
            outcome = read[key]  # read by a worker
        else:
            outcome = _read_here(src_uri, data, key, catalogue, vocabulary, company)
        if isinstance(outcome, tuple):
            outcome, parse = outcome
            if parse is not None and key is not None:
                _CACHE[key] = parse
        if isinstance(outcome, Finding):
            collection.findings.append(outcome)
            continue
        source = outcome
        collection.findings.extend(source.findings)
        slug = source.entry.slug
        if slug in used:
            collection.findings.append(
                Finding(src_uri, None, "error", f"duplicate slug {slug!r}: {used[slug]} has the same date and headline")
            )
            continue
        used[slug] = src_uri
        collection.sources.append(source)
    # Parses are kept for the next rebuild of `mkdocs serve` only; a one-off build lets them go.
    live = {key for _, _, key in tasks if key is not None} if keep_parses else set()
    for key in [key for key in _CACHE if key not in live]:
        del _CACHE[key]
    collection.sources.sort(key=lambda s: (s.entry.date, s.entry.slug), reverse=True)
    return collection
