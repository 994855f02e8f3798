"""All the releases of a content directory, read, checked and ready to publish.

Text releases are parsed and written as Markdown; edited ``.md`` releases are read as written.
Parses are cached by content hash, so ``mkdocs serve`` rebuilds redo only what changed.
"""

from __future__ import annotations

import errno
import fnmatch
import hashlib
import html
import logging
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from frontmatter.default_handlers import YAMLHandler

from . import checks, wire, yamldata
from .cache import Parse, ParseCache
from .catalogue import Catalogue
from .markdown_writer import body_markdown, front_matter, with_front_matter
from .model import SLUG_MAX, XML_FORBIDDEN, DataError, Entry, Finding, ReleaseError, display_date, name_error, release_slug, slug_error
from .parallel import fork_map
from .safe_markdown import unsafe_targets
from .tagging import Vocabulary, classify
from .wire.embargo import DEFAULT_ZONE, embargo_of, embargoes_in, latest_instant, parse_embargo

log = logging.getLogger("mkdocs.plugins.newsroom")

RELEASES_DIR = "releases"
# A release is NAME.txt (as received) or NAME.md (edited), in any letter case.
RELEASE_SUFFIXES = (".txt", ".md")
# What editors, merges and sync tools leave beside the file being edited.
BACKUP_NAMES = ("*~", "#*#", "*.bak", "*.orig", "*.rej", "*.swp", "*.swo", "*.tmp", "*.sav")
# The same globs as one pattern: matched against every name in releases/ on every build.
_BACKUP = re.compile("|".join(fnmatch.translate(pattern) for pattern in BACKUP_NAMES))
# White space a character reference may stand for, as a space: a line stays one line.
_SPACES = re.compile(r"\s")
# Markdown by another name: MkDocs would render it as a page of its own.
MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt", ".mdtext")
# The folder's own note for the team (`newsroom init` writes one): never a release, never published.
FOLDER_README = "readme.md"
_NOT_PUBLISHED = f"it is never published: delete it, move it out of {RELEASES_DIR}/, or list it in the plugin option 'ignore'"
# Where an edited release's boilerplate starts: an About section, the collapsed safe harbour
# (or a heading for it) or the contact block, under a heading of any level or in bold, or an
# ``About …`` line standing as a heading. Tags and products read only what comes before.
BOILERPLATE_START = re.compile(
    r"^(?:(?:\#{2,6}\s+|\*\*|__)(?:About\s|(?:Media\s+|Investor\s+|Press\s+)?Contacts?\b|Forward|Safe\s+Harbou?r|Cautionary)"
    r"|About\s[^\n.]{1,80}$|\?\?\?\+?\s|!!!\s)",
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


# Parsed text releases by (content digest, path, company name, timezone), kept between the
# rebuilds of `mkdocs serve` for the files that are still there, so they never go stale.
Key = tuple[str, str, str, str]
_CACHE: dict[Key, Parse] = {}
# The sources made from those parses, by the same key, while products.yml and tags.yml read the
# same (``_SOURCES_OF``): a rebuild after one release's edit then classifies and writes that one alone.
_SOURCES: dict[Key, Source] = {}
_SOURCES_OF: list[tuple[Catalogue, Vocabulary]] = []
# What the build cache had but could not give (a damaged file), for the build process to warn of.
_UNUSABLE: list[str] = []


def _line(lines: Any, key: str, index: int | None = None) -> int | None:
    """The line of front-matter ``key`` (or of its item ``index``) in an edited release, from
    the YAML loader's marks (``lines`` is the front matter as loaded); None for a text release."""
    value = lines.get(key) if isinstance(lines, dict) else None
    if index is not None and isinstance(value, yamldata.Sequence):
        return yamldata.line_of(value, index)
    return yamldata.line_of(lines, key)


def _as_date(value: Any, path: str, line: int | None) -> date:
    if isinstance(value, datetime):
        # Its time would be dropped, and the release go out at the default time: say where a time goes.
        raise ReleaseError(
            path, line, f"'date' must be YYYY-MM-DD, not a date and time ({value.isoformat()}): a release that waits until a time says so in 'embargo: {value.isoformat()}'"
        )
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ReleaseError(path, line, f"'date' must be YYYY-MM-DD, not {value!r}") from None


def _as_embargo(value: Any, path: str, day: date, zone: ZoneInfo, line: int | None) -> datetime | None:
    """``embargo:``: ISO 8601 with its offset, or without one (read in ``zone``), or the words of
    an embargo line (``8:00 a.m. ET, March 3, 2021``); a date without a time is refused.
    Errors name ``line``, the line of the key."""
    if value in (None, ""):
        return None
    try:
        return _embargo_value(value, path, day, zone)
    except ReleaseError as exc:
        raise ReleaseError(path, line, exc.finding.message) from None


def _embargo_value(value: Any, path: str, day: date, zone: ZoneInfo) -> datetime:
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}[T ]\d.*", value):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ReleaseError(path, None, f"'embargo' {value!r} is not a real ISO 8601 date and time") from None
    if isinstance(value, datetime):
        instant = value if value.tzinfo else latest_instant(value, (zone,))
        try:
            instant.astimezone(timezone.utc)  # the site states it in UTC
        except OverflowError:
            raise ReleaseError(path, None, f"'embargo' {value.isoformat()} is outside the years 1 to 9999 in UTC") from None
        return instant
    if isinstance(value, date) or (isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value)):
        raise ReleaseError(path, None, f"'embargo' {str(value).strip()} has a date but no time: write the time with its offset, e.g. {value}T08:00:00-05:00")
    if isinstance(value, str):
        return parse_embargo(f"embargo: {value}", path, 0, zone, day)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        # YAML 1.1 reads an unquoted 16:05 as sexagesimal: the number 965.
        raise ReleaseError(path, None, f"'embargo' is the number {value}, as YAML reads {value // 60}:{value % 60:02d} without quotes: write it in quotes with its date, e.g. '{value // 60}:{value % 60:02d} ET, {display_date(day)}'")
    raise ReleaseError(path, None, f"'embargo' must be an ISO date and time such as 2021-03-03T08:00:00-05:00, not {value!r}")


def _strings(value: Any) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(item) for item in value)
    return (str(value),)


def entry_from_meta(meta: dict[str, Any], path: str, zone: ZoneInfo = DEFAULT_ZONE, lines: Any = None) -> Entry:
    """The listing view of a release from its front matter; a missing title or date is an error.

    ``lines`` is an edited release's front matter as loaded, for the line of each message.
    """
    title = str(meta.get("title") or "").strip()
    if not title:
        raise ReleaseError(path, _line(lines, "title") or 1, "no headline: the front matter needs a 'title'")
    if meta.get("date") in (None, ""):
        raise ReleaseError(path, _line(lines, "date") or 1, "no date: the front matter needs a 'date' (YYYY-MM-DD)")
    day = _as_date(meta["date"], path, _line(lines, "date"))
    # As written (``lines``): a control character in it is refused, not dropped into another address.
    slug = (lines if isinstance(lines, dict) else meta).get("slug")
    if slug in (None, ""):
        slug = release_slug(day, title)
    elif problem := slug_error(slug):
        raise ReleaseError(path, _line(lines, "slug"), problem)
    dateline: dict[str, str | None] = meta["dateline"] if isinstance(meta.get("dateline"), dict) else {}
    return Entry(
        path=path,
        slug=slug,
        title=title,
        date=day,
        description=str(meta.get("description") or ""),
        tags=_strings(meta.get("tags")),
        products=_strings(meta.get("products")),
        dateline=dict(dateline),
        wire=meta.get("wire"),
        tickers=_strings(meta.get("tickers")),
        embargo=_as_embargo(meta.get("embargo"), path, day, zone, _line(lines, "embargo")),
    )


def _read_text_release(
    data: bytes, path: str, catalogue: Catalogue, vocabulary: Vocabulary, company: str, zone: ZoneInfo, key: Key, parses: ParseCache | None = None
) -> Source:
    """A text release, parsed once per content (``key``), or read from ``parses`` (the build
    cache); products and tags follow today's data files.

    A fresh parse goes into ``parses`` too, unless the release has an embargo: its instant
    depends on the machine's timezone rules, which no key covers, so it is read afresh each build.
    """
    if key not in _CACHE:
        parse, problem = parses.load(parses.key(*key)) if parses is not None else (None, None)
        if problem is not None:
            _UNUSABLE.append(problem)
        if parse is None:
            parse = _parse(data, path, company, zone)
            if parses is not None and "embargo" not in parse["meta"]:
                parses.put(parses.key(*key), parse)
        _CACHE[key] = parse
    return _text_source(_CACHE[key], path, catalogue, vocabulary, zone)


def _parse(data: bytes, path: str, company: str, zone: ZoneInfo) -> Parse:
    """A text release's parse and what reading it found, as the build cache stores it (the date as ISO text)."""
    text, decoded = wire.decode(data, path)
    release = wire.parse_release(text, path, zone)
    found = (*decoded, *release.findings, *(checks.company_name(text, path, company) if company else ()))
    meta = front_matter(release)
    meta["date"] = release.date.isoformat()
    return Parse(news_text=release.news_text, meta=meta, body=body_markdown(release), findings=[[f.path, f.line, f.level, f.message] for f in found])


def _text_source(parse: Parse, path: str, catalogue: Catalogue, vocabulary: Vocabulary, zone: ZoneInfo) -> Source:
    products, tags = classify(parse["news_text"], catalogue, vocabulary)
    meta = {**parse["meta"], "date": date.fromisoformat(parse["meta"]["date"]), "products": list(products), "tags": list(tags)}
    findings = tuple(Finding(*finding) for finding in parse["findings"])
    return Source(path, entry_from_meta(meta, path, zone), meta, parse["body"], findings)


def _without_forbidden(value: Any) -> Any:
    """Front-matter values and text without the characters XML forbids (YAML escapes can make them)."""
    if isinstance(value, str):
        return XML_FORBIDDEN.sub("", value)
    if isinstance(value, list):
        return [_without_forbidden(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_forbidden(item) for key, item in value.items()}
    return value


# Front-matter fields a release's page, listings or feeds show: each must be what it says, as
# written, or the release is held back (never a str() of a number, a list or binary data).
TEXT_FIELDS = ("title", "description", "slug", "wire", "source")
LIST_FIELDS = ("tags", "products", "tickers", "patents")
# Lists of names that a person may write on one line with commas, meaning several.
NAME_LISTS = ("tags", "products")


def _check_front_matter(meta: dict[str, Any], lines: Any, path: str, catalogue: Catalogue, vocabulary: Vocabulary) -> None:
    """An edited release's fields as the page will show them: text as text, names that are known
    or make good addresses; anything else is an error on its line, never a guess."""
    for key in TEXT_FIELDS:
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            raise ReleaseError(path, _line(lines, key), f"'{key}' must be text, not {yamldata.kind_of(value)}: write it in quotes")
    for key in LIST_FIELDS:
        value = meta.get(key)
        if key in NAME_LISTS and isinstance(value, str) and "," in value:
            listed = ", ".join(part.strip() for part in value.split(","))
            raise ReleaseError(path, _line(lines, key), f"'{key}' is one text with commas ({value!r}): write a list, {key}: [{listed}]")
        for index, item in enumerate(value if isinstance(value, list) else [] if value is None else [value]):
            if not isinstance(item, str) or not item.strip():
                raise ReleaseError(path, _line(lines, key, index), f"'{key}' must be a list of texts, not {yamldata.kind_of(item)}")
    for key in meta:
        # ``Embargo:``, ``embargoed:``, ``embargo_until:`` would be ignored, and the release go out at once.
        if isinstance(key, str) and key != "embargo" and "embargo" in key.lower():
            raise ReleaseError(path, _line(lines, key), f"unknown key {key!r}: an edited release's embargo is written 'embargo:' (lower case)")
    dateline = meta.get("dateline")
    if dateline is not None and (not isinstance(dateline, dict) or not all(isinstance(v, str) or v is None for v in dateline.values())):
        raise ReleaseError(path, _line(lines, "dateline"), "'dateline' must be a mapping of texts (city: ..., region: ...)")
    for index, product_id in enumerate(_strings(meta.get("products"))):
        if catalogue.get(product_id) is None:
            known = ", ".join(p.id for p in catalogue.products) or "none"
            raise ReleaseError(path, _line(lines, "products", index), f"unknown product {product_id!r} (products.yml has: {known})")
    topics: dict[str, str] = {}
    for index, name in enumerate(_strings(meta.get("tags"))):
        topic = vocabulary.tag_for(name).slug
        if problem := name_error(topic, f"tag {name!r} has the slug"):
            raise ReleaseError(path, _line(lines, "tags", index), f"{problem}: rename the tag")
        if topic in topics:
            raise ReleaseError(path, _line(lines, "tags", index), f"tags {topics[topic]!r} and {name!r} are one topic (tags/{topic}/): keep one")
        topics[topic] = name


# How python-frontmatter finds YAML front matter between two '---' lines.
_YAML_FRONT_MATTER = YAMLHandler()


def _front_matter(text: str, path: str) -> tuple[Any, str]:
    """An edited release's front matter as loaded (so every key has its line) and its body.

    python-frontmatter finds the front matter; ``yamldata`` loads it, with the file's lines.
    """
    stripped = text.strip()
    opening = _YAML_FRONT_MATTER.FM_BOUNDARY.match(stripped)
    if opening is None:
        return {}, stripped
    leading = text[: len(text) - len(text.lstrip())].count("\n")
    try:
        raw, body = _YAML_FRONT_MATTER.split(stripped)
    except ValueError:
        raise ReleaseError(path, leading + 1, "the front matter has no closing '---' line") from None
    loaded = yamldata.loads(raw, path, leading + stripped[: opening.end()].count("\n"), ReleaseError)
    if loaded is None:
        return {}, body.strip()
    if not isinstance(loaded, yamldata.Mapping):
        raise ReleaseError(path, yamldata.line_of(loaded) or leading + 1, "the front matter must be keys with values (title: ..., date: ...)")
    return loaded, body.strip()


def _read_edited_release(data: bytes, path: str, catalogue: Catalogue, vocabulary: Vocabulary, zone: ZoneInfo) -> Source:
    """An edited release is published as written; missing products and tags are detected from its news.

    An embargo line in its text holds it back as in a text release, with ``embargo:`` the latest wins.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReleaseError(path, data[: exc.start].count(b"\n") + 1, "unreadable bytes: an edited release must be UTF-8") from None
    loaded, body = _front_matter(text, path)
    # The body is the file's tail, stripped (as python-frontmatter gives it).
    first_line = text[: len(text.rstrip()) - len(body)].count("\n") + 1
    # Read as the page shows it: ``Embargoed&nbsp;until`` is a notice too (each line stays one line).
    shown = "\n".join(_SPACES.sub(" ", html.unescape(line)) for line in body.split("\n")) if "&" in body else body
    embargoes = embargoes_in(shown, path, zone, first_line)
    dropped: list[Finding] = []
    meta = {key: _without_forbidden(value) for key, value in loaded.items()}
    content = _without_forbidden(body)
    if meta != loaded or content != body:
        dropped.append(Finding(path, None, "warning", "dropped control characters that XML forbids"))
    _check_front_matter(meta, loaded, path, catalogue, vocabulary)
    refused = next(unsafe_targets(content), None)
    if refused:
        raise ReleaseError(path, first_line + refused[0] - 1, refused[1])
    news = f"{meta.get('title', '')}\n{BOILERPLATE_START.split(content, 1)[0]}"
    products_written = "products" in meta
    if not products_written:
        meta["products"] = catalogue.detect(news)
    if "tags" not in meta:
        meta["tags"] = vocabulary.assign(news, _strings(meta["products"]))
    elif products_written:
        # Written tags win over the rules, but a written product's tag follows it, as in any release.
        written = _strings(meta["tags"])
        slugs = {vocabulary.tag_for(name).slug for name in written}
        meta["tags"] = [*written, *(name for name in vocabulary.product_tags(_strings(meta["products"])) if vocabulary.tag_for(name).slug not in slugs)]
    entry = entry_from_meta(meta, path, zone, loaded)
    if entry.embargo is not None and entry.embargo.date() < entry.date:
        # Its wall date, in the offset it was written with: read as written it would publish early.
        raise ReleaseError(path, _line(loaded, "embargo"), f"'embargo' {entry.embargo.isoformat()} is before the release's 'date' {entry.date.isoformat()}: correct the one that is wrong")
    embargo, disagreements = embargo_of(embargoes, entry.date, path)
    if embargo is not None and (entry.embargo is None or embargo > entry.embargo):
        entry = replace(entry, embargo=embargo)
    meta["slug"] = entry.slug
    return Source(path, entry, meta, content, (*dropped, *disagreements, *_headline_findings(content, entry.title, path, first_line)))


# A level-one heading as Markdown writes it (``# Headline``, maybe closed by ``#``s), and an
# escaped character in it (``\<``).
_HEADING = re.compile(r"^# +(.*?)(?: +#+)? *$", re.MULTILINE)
_ESCAPED = re.compile(r"\\(.)")


def _headline_findings(content: str, title: str, path: str, first_line: int) -> list[Finding]:
    """A warning when the page's own headline (its first ``# `` line) is not its ``title``: the
    feeds, listings and the browser's tab show the title, so readers would get a headline the
    page does not print."""
    heading = _HEADING.search(content)
    if heading is None:
        return []
    shown = " ".join(html.unescape(_ESCAPED.sub(r"\1", heading.group(1))).split())
    if shown == " ".join(title.split()):
        return []
    line = first_line + content.count("\n", 0, heading.start())
    return [Finding(path, line, "warning", f"the headline {shown!r} is not the title {title!r} that feeds and listings show: make them the same")]


def read_release(
    src_uri: str, data: bytes, catalogue: Catalogue, vocabulary: Vocabulary, company: str = "", zone: ZoneInfo = DEFAULT_ZONE
) -> Source:
    """One release from its bytes, outside the cache (an earlier version of a corrected release);
    ``ReleaseError`` when it cannot be read."""
    if src_uri.lower().endswith(".md"):
        return _read_edited_release(data, src_uri, catalogue, vocabulary, zone)
    return _text_source(_parse(data, src_uri, company, zone), src_uri, catalogue, vocabulary, zone)


# Below this many unparsed text releases, starting worker processes costs more than it saves.
PARALLEL_FROM = 200

# A release read in a worker: its Source (or why it cannot be published), its parse for the
# parent to keep, and the build cache's warnings.
Outcome = tuple[Source | Finding, Parse | None, tuple[str, ...]]


def _read_alone(task: tuple[str, bytes, Key, Catalogue, Vocabulary, str, ZoneInfo, bool, ParseCache | None]) -> Outcome:
    """One text release read in a worker, with its parse when the parent keeps parses (unless
    the parent had it already) and what the build cache could not give."""
    src_uri, data, key, catalogue, vocabulary, company, zone, keep, parses = task
    known = key in _CACHE
    result: Source | Finding
    try:
        result = _read_text_release(data, src_uri, catalogue, vocabulary, company, zone, key, parses)
    except ReleaseError as exc:
        result = exc.finding
    except DataError as exc:
        raise _rules_failed(exc, src_uri) from None
    parse = _CACHE.pop(key, None)
    problems = tuple(_UNUSABLE)
    _UNUSABLE.clear()
    return result, parse if keep and not known else None, problems


def _read_in_parallel(
    tasks: list[tuple[str, bytes, Key]],
    catalogue: Catalogue,
    vocabulary: Vocabulary,
    company: str,
    zone: ZoneInfo,
    minimum: int,
    keep: bool = False,
    parses: ParseCache | None = None,
) -> dict[Key, Outcome]:
    """Parse (or, with a parse at hand, classify) many releases on every core: a first build of
    a large archive is mostly parsing."""
    outcomes = fork_map(_read_alone, [(*task, catalogue, vocabulary, company, zone, keep, parses) for task in tasks], minimum)
    return {} if outcomes is None else {key: outcome for (_, _, key), outcome in zip(tasks, outcomes, strict=True)}


def _read_here(
    src_uri: str, data: bytes, key: Key | None, catalogue: Catalogue, vocabulary: Vocabulary, company: str, zone: ZoneInfo, parses: ParseCache | None
) -> Source | Finding:
    """One release read in this process: a text release (with its cache ``key``) or an edited one."""
    try:
        if key is not None:
            return _read_text_release(data, src_uri, catalogue, vocabulary, company, zone, key, parses)
        return _read_edited_release(data, src_uri, catalogue, vocabulary, zone)
    except ReleaseError as exc:
        return exc.finding
    except DataError as exc:
        raise _rules_failed(exc, src_uri) from None


def _rules_failed(exc: DataError, path: str) -> DataError:
    """A data file's error met while reading the release ``path`` (a tag pattern out of time):
    it stops the whole collection, naming the rule's line and the release."""
    return DataError(exc.path, exc.line, f"{exc.finding.message} (stopped at {path})")


def _clash(first: Source, second: Source) -> str:
    """Why ``second`` cannot have the address ``first`` has."""
    a, b = first.entry, second.entry
    if (a.date, a.title) == (b.date, b.title):
        why = "the same date and headline"
    elif release_slug(a.date, a.title) == release_slug(b.date, b.title) == a.slug:
        why = f"the same date, and headlines alike in their letters and digits up to the slug's {SLUG_MAX}-character cut"
    else:
        why = "an edited release's 'slug:' gives the same"
    return f"duplicate slug {a.slug!r}: {first.src_uri} has it too ({why}); give one of them its own 'slug:' in an edited NAME.md"


def in_releases(src_uri: str) -> bool:
    """Whether a path under docs_dir lies in the releases folder, in any letter case (which is the
    same folder on some file systems): nothing there is published but the pages made from it."""
    return "/" in src_uri and src_uri.split("/", 1)[0].casefold() == RELEASES_DIR


def not_a_release(relative: PurePosixPath) -> str | None:
    """Why a file under releases/ is no release (None when it is one)."""
    name = relative.name.lower()
    suffix = relative.suffix.lower()
    if _BACKUP.match(name):
        return f"an editor's backup or temporary file, not a release: {_NOT_PUBLISHED}"
    if relative.as_posix().lower() == "index.md":
        return f"{RELEASES_DIR}/index.md is the generated archive page, not a release: rename the file (an edited release is NAME.md)"
    if suffix in RELEASE_SUFFIXES:
        return None
    if suffix in MARKDOWN_SUFFIXES:
        return f"'{suffix}' is not read as a release (an edited release is named NAME.md): {_NOT_PUBLISHED}"
    if not suffix:
        return f"a file without the extension .txt or .md is not a release: {_NOT_PUBLISHED}"
    return f"the extension '{suffix}' is not a release (only NAME.txt as received and NAME.md as edited are): {_NOT_PUBLISHED}"


def release_files(folder: Path, ignore: Sequence[str] = ()) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The release files in ``folder`` and below it (name order), and every other file there
    with the reason it is no release.

    Dot files and dot folders (which MkDocs never publishes either), the folder's own README.md
    and files matching an ``ignore`` glob (matched from the right of the path below ``folder``,
    as ``*.pdf`` or ``drafts/*``) are left alone; nothing under releases/ but generated pages is published anyway.
    """
    if not folder.is_dir():
        # A file where the folder goes: said, rather than no releases at all (and MkDocs copying it).
        return [], ([(folder, f"{folder.name} is a file, not a folder: the releases go in a folder of that name")] if folder.exists() else [])
    paths: list[Path] = []
    others: list[tuple[Path, str]] = []

    def unreadable(error: OSError) -> None:
        others.append((Path(error.filename or folder), f"cannot read the folder: {error.strerror}"))

    # Links are followed, as MkDocs follows them, so both see the same files; a link back to a
    # folder read already (a loop) is one error, not the same files again at every depth.
    read: dict[tuple[int, int], Path] = {}
    for top, folders, names in os.walk(folder, onerror=unreadable, followlinks=True):
        try:
            status = os.stat(top)
        except OSError as exc:
            unreadable(exc)
            folders[:] = []
            continue
        first = read.setdefault((status.st_dev, status.st_ino), Path(top))
        if first != Path(top):
            others.append((Path(top), f"a link to the folder {first.relative_to(folder.parent).as_posix()}/, read already: remove the link"))
            folders[:] = []
            continue
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(names):
            path = Path(top) / name
            relative = PurePosixPath(path.relative_to(folder).as_posix())
            if name.startswith(".") or relative.as_posix().lower() == FOLDER_README or any(relative.match(pattern) for pattern in ignore):
                continue
            reason = not_a_release(relative)
            if reason is None:
                paths.append(path)
            else:
                others.append((path, reason))
    return sorted(paths), others


def _misnamed_release_folders(docs_dir: Path) -> list[Finding]:
    """``Releases/`` beside (or instead of) ``releases/``: its files would be published as they are."""
    return [
        Finding(entry.name, None, "error", f"the release folder is {RELEASES_DIR}/, in lower case: nothing in {entry.name}/ is read as a release")
        for entry in (sorted(docs_dir.iterdir()) if docs_dir.is_dir() else ())
        if entry.name != RELEASES_DIR and entry.name.casefold() == RELEASES_DIR and entry.is_dir()
    ]


def _read(path: Path) -> bytes:
    """A release's bytes; a named pipe or device would block or never end, so only a regular file."""
    if not stat.S_ISREG(path.stat().st_mode):
        raise OSError(errno.EINVAL, "not a regular file")
    return path.read_bytes()


def collect(
    docs_dir: Path,
    catalogue: Catalogue,
    vocabulary: Vocabulary,
    company: str = "",
    parallel_from: int = PARALLEL_FROM,
    keep_parses: bool = False,
    files: Sequence[tuple[Path, str]] | None = None,
    zone: ZoneInfo = DEFAULT_ZONE,
    ignore: Sequence[str] = (),
    parses: ParseCache | None = None,
) -> Collection:
    """Read every release under ``docs_dir/releases`` (or the ``files`` given, each with the path
    its messages show); a release's problems become findings, a data file's (a tag pattern out
    of time) a ``DataError``.

    An edited ``NAME.md`` replaces the text ``NAME.txt`` it was made from. Under ``docs_dir``,
    every other file is an error unless it matches an ``ignore`` glob (see ``release_files``).
    ``zone`` is the plugin's ``timezone``: the zone of embargo times printed without one.
    ``parses`` is the build cache's, for text releases parsed by an earlier build.
    """
    collection = Collection()
    if _SOURCES_OF != [(catalogue, vocabulary)]:
        _SOURCES.clear()
        _SOURCES_OF[:] = [(catalogue, vocabulary)]
    if files is None:
        paths, others = release_files(docs_dir / RELEASES_DIR, ignore)
        files = [(path, path.relative_to(docs_dir).as_posix()) for path in paths]
        collection.findings = [Finding(path.relative_to(docs_dir).as_posix(), None, "error", reason) for path, reason in others]
        collection.findings += _misnamed_release_folders(docs_dir)
    edited = {path.with_suffix("") for path, _ in files if path.suffix.lower() == ".md"}
    tasks: list[tuple[str, bytes | Finding, Key | None]] = []
    for path, src_uri in files:
        is_text = path.suffix.lower() == ".txt"
        if is_text and path.with_suffix("") in edited:
            continue
        try:
            raw = _read(path)
        except OSError as exc:
            tasks.append((src_uri, Finding(src_uri, None, "error", f"cannot read the file: {exc.strerror}"), None))
            continue
        key = (hashlib.sha256(raw).hexdigest(), src_uri, company, zone.key) if is_text else None
        tasks.append((src_uri, raw, key))
    fresh = [(uri, data, key) for uri, data, key in tasks if key is not None and key not in _SOURCES and isinstance(data, bytes)]
    if parses is not None:
        # Every release's parse is kept, whether this build reads it, finds it in memory or makes it.
        parses.used.update(parses.key(*key) for _, _, key in tasks if key is not None)
        parses.open()  # here, before the workers fork: they share what it read, and it warns here
    read = _read_in_parallel(fresh, catalogue, vocabulary, company, zone, parallel_from, keep_parses, parses)
    used: dict[str, Source] = {}
    for src_uri, data, key in tasks:
        outcome: Source | Finding
        if isinstance(data, Finding):
            outcome = data
        elif key in _SOURCES:
            outcome = _SOURCES[key]
        elif key in read:
            outcome, parse, problems = read[key]  # read by a worker
            _UNUSABLE.extend(problems)
            if parse is not None and key is not None:
                _CACHE[key] = parse
        else:
            outcome = _read_here(src_uri, data, key, catalogue, vocabulary, company, zone, parses)
        if isinstance(outcome, Finding):
            collection.findings.append(outcome)
            continue
        source = outcome
        if keep_parses and key is not None:
            _SOURCES[key] = source
        collection.findings.extend(source.findings)
        slug = source.entry.slug
        if slug in used:
            collection.findings.append(Finding(src_uri, None, "error", _clash(used[slug], source)))
            continue
        used[slug] = source
        collection.sources.append(source)
    # Parses are kept for the next rebuild of `mkdocs serve` only; a one-off build lets them go.
    live = {key for _, _, key in tasks if key is not None} if keep_parses else set()
    for key in [key for key in _CACHE if key not in live]:
        del _CACHE[key]
    for key in [key for key in _SOURCES if key not in live]:
        del _SOURCES[key]
    collection.sources.sort(key=lambda s: (s.entry.date, s.entry.slug), reverse=True)
    # Here, in the build process: a warning counts for --strict.
    for problem in _UNUSABLE:
        log.warning(problem)
    _UNUSABLE.clear()
    return collection
