"""The build cache: release pages' Markdown rendered to HTML, text releases' parses, the sections
search finds in pages, compiled templates and the feeds' documents, kept between builds (MkDocs-free).

Python-Markdown is the costliest pure step of a build, and a release's rendering depends only on
its Markdown, its page address, whether it is edited, and the settings and versions that shape
the converter; parsing wire text is the next, and depends only on the text, its path, the company
name and the timezone. So each is stored under a key hashed from all of those and from this
package's code: in memory for the next `mkdocs serve` rebuild, and on disk under
``.cache/newsroom/`` (``render/``, ``parse/``, in packs: see ``Store``) for the next `mkdocs build` (CI keeps that folder
between runs). A changed input gives a new key, so nothing stale is ever used; the folder is safe
to delete; a file that does not read back exactly as written (cut short, edited, from another
format) is ignored with a warning and made afresh. Only renderings that depend on nothing else
are kept (see ``self_contained``), and only parses that depend on no timezone rules. Search's
sections of a page depend only on its HTML (``search/``); Jinja's compiled templates on their
source and how the environment compiles (``templates/``, see ``CompiledTemplates``); a feed's
documents, too large for a pack, are whole files keyed by everything the feed is made of
(``feeds/``, see ``FileCache``).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import sys
import time
from collections.abc import Iterable, Mapping
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any, BinaryIO, ClassVar, Generic, TypedDict, TypeVar, cast, get_args
from urllib.parse import urlsplit

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket

from .manifest import replacing
from .model import Level

log = logging.getLogger("mkdocs.plugins.newsroom")

# Bumped whenever an entry's layout or meaning changes: older files then simply miss.
FORMAT = 1
# The distributions whose code turns a release's Markdown into HTML.
DISTRIBUTIONS = ("mkdocs-newsroom", "mkdocs", "markdown", "mkdocs-material", "pymdown-extensions")
FOLDER = Path(".cache") / "newsroom"

V = TypeVar("V")
LEVELS = get_args(Level)

# A pack's record header is a key (hex) and a length; more packs than this are written as one by prune.
_HEADER_MAX = 100
_HEX = re.compile(r"[0-9a-f]{64}")
# A pack's name (``_pack_name``).
_PACK_NAME = re.compile(r"\d{20}-\d+\.pack")
# What a store's folder may hold besides packs that the cache made: a pack ``replacing`` left
# half written, a folder of the layout before packs.
_LEFTOVER = re.compile(rf"{_PACK_NAME.pattern}\.\w+\.partial|[0-9a-f]{{2}}")
# A file cache's entry, or one a killed build left half written (``KEY.PID.partial``).
_ENTRY_NAME = re.compile(r"[0-9a-f]{64}(?:\.\d+\.partial)?")
_PACKS_MAX = 8

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


def code_digest(package: Path = Path(__file__).parent) -> str:
    """A hash of this package's Python modules, so an edit of them counts without a new version
    (an editable install, a fork)."""
    found = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        found.update(f"{path.relative_to(package).as_posix()}\0".encode())
        found.update(path.read_bytes())
    return found.hexdigest()


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


def _valid_entry(entry: object) -> bool:
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


def _canonical(entry: object) -> str:
    """An entry's JSON, keys sorted: what its checksum is taken of."""
    return json.dumps(entry, sort_keys=True)


def digest(entry: object) -> str:
    """The checksum a cache file carries of its entry, so an edited or cut file reads as damaged."""
    return hashlib.sha256(_canonical(entry).encode("utf-8")).hexdigest()


class Store(Generic[V]):
    """Values by key: ``memory`` (shared by the builds of one `mkdocs serve`; None: none), then
    pack files under ``folder``/``kind`` (None: memory only). ``settings`` is the fingerprint of
    everything global.

    A pack is a file of records appended one after another, ``KEY LENGTH\\n``, then LENGTH bytes
    of JSON (the key again, a checksum and the entry), then ``\\n``. Each process that stores
    entries appends to a pack of its own, named by the time it was begun, so for a key stored twice
    the later record counts. A pack rather than a file per entry: a cold build stores thousands,
    and creating that many files costs more than the rest of writing them on some file systems.
    ``prune`` rewrites the packs as one when any record in them is no longer used."""

    kind: ClassVar[str]
    what: ClassVar[str]  # what a miss does, for the warning: "rendering afresh"

    def __init__(self, folder: Path | None, settings: str, memory: dict[str, V] | None) -> None:
        self.folder = folder
        self.settings = settings
        self.memory = memory
        # The keys this build asked for or kept: what ``prune`` keeps.
        self.used: set[str] = set()
        # Where each key's record lies (pack, start of its JSON, length), once ``open`` has read the packs.
        self.places: dict[str, tuple[Path, int, int]] | None = None
        # This process's own pack (the process that opened it, the open file).
        self.pack: tuple[int, BinaryIO] | None = None
        # The keys whose damaged records were warned of: once a build (--strict counts each warning).
        self.warned: set[str] = set()

    @staticmethod
    def valid(entry: object) -> bool:
        """Whether ``entry`` (read from a file, so anything) has the stored value's fields and types."""
        raise NotImplementedError

    def _key(self, *parts: str) -> str:
        """The key of a value made from ``parts`` (the last may be long) under the global settings."""
        return _key(self.settings, parts)

    def open(self) -> None:
        """Read where every stored record lies (once; before workers fork, so they share it),
        warning of packs that do not read as packs."""
        if self.places is None:
            self.places, problems = self._scan()
            for problem in problems:
                log.warning(problem)

    def rescan(self) -> None:
        """Read again where every record lies, once forked workers have appended theirs (what
        ``open`` warned of is not warned again; a worker's damaged record is only not used)."""
        if self.places is not None:
            self.places, _ = self._scan()

    def _scan(self) -> tuple[dict[str, tuple[Path, int, int]], list[str]]:
        """Where each key's latest record lies, and what could not be read."""
        places: dict[str, tuple[Path, int, int]] = {}
        problems: list[str] = []
        for path in self._packs():
            try:
                with path.open("rb") as pack:
                    size, start = os.fstat(pack.fileno()).st_size, 0
                    while start < size:
                        pack.seek(start)
                        header = pack.readline(_HEADER_MAX)
                        key, _, length = header.decode("ascii", "replace").rstrip("\n").partition(" ")
                        whole = header.endswith(b"\n") and _HEX.fullmatch(key) is not None and length.isdigit()
                        if not whole or start + len(header) + int(length) + 1 > size:
                            problems.append(f"newsroom: ignoring a damaged build cache file {path} from byte {start} on; {self.what}")
                            break
                        places[key] = (path, start + len(header), int(length))
                        start += len(header) + int(length) + 1
            except OSError as exc:
                problems.append(f"newsroom: cannot read the build cache file {path} ({exc.strerror}); {self.what}")
        return places, problems

    def _packs(self) -> list[Path]:
        """The packs on disk, oldest first."""
        assert self.folder is not None
        return sorted(path for path in (self.folder / self.kind).glob("*.pack") if _PACK_NAME.fullmatch(path.name))

    def get(self, key: str) -> V | None:
        """The value stored under ``key``, or None (never stored, or unusable: warned)."""
        value, problem = self.load(key)
        if problem is not None and key not in self.warned:
            self.warned.add(key)
            log.warning(problem)
        return value

    def load(self, key: str) -> tuple[V | None, str | None]:
        """The value stored under ``key`` (None: never stored, or unusable) and, when a record is
        there but cannot be used, the warning to give (a forked worker hands it to the build
        process, where a warning counts for --strict)."""
        self.used.add(key)
        kept = None if self.memory is None else self.memory.get(key)
        if kept is not None or self.folder is None:
            return kept, None
        self.open()
        assert self.places is not None
        place = self.places.get(key)
        if place is None:
            return None, None
        path, start, length = place
        try:
            with path.open("rb") as pack:
                pack.seek(start)
                data = pack.read(length)
        except FileNotFoundError:
            return None, None  # tidied away by another build since
        except OSError as exc:
            return None, f"newsroom: cannot read the build cache file {path} ({exc.strerror}); {self.what}"
        try:
            stored = json.loads(data)
            entry = stored["entry"]
            ok = stored["format"] == FORMAT and stored["key"] == key and self.valid(entry) and stored["sha256"] == digest(entry)
        except (ValueError, TypeError, KeyError):
            ok = False
        if not ok:
            return None, f"newsroom: ignoring a damaged build cache file {path} (the entry at byte {start}); {self.what}"
        if self.memory is not None:
            self.memory[key] = entry
        return cast(V, entry), None

    def put(self, key: str, entry: V, *, on_disk: bool = True) -> None:
        """Keep ``entry`` under ``key``: in memory, and on disk (unless a worker has written it
        there already), appended to this process's pack whole or not at all."""
        self.used.add(key)
        if self.memory is not None:
            self.memory[key] = entry
        if self.folder is None or not on_disk:
            return
        # The entry is dumped once, for its checksum and for the file (a cold build writes thousands).
        text = _canonical(entry)
        checksum = hashlib.sha256(text.encode("utf-8")).hexdigest()
        data = f'{{"format": {FORMAT}, "key": {json.dumps(key)}, "sha256": "{checksum}", "entry": {text}}}'.encode()
        start = None
        try:
            pack = self._own_pack()
            start = pack.tell()
            header = _header(key, len(data))
            pack.write(header + data + b"\n")
            pack.flush()
        except OSError as exc:
            # The cache only saves time: a build that cannot write it carries on without it (and
            # a record cut short by a full disk is cut off).
            if self.pack is not None and start is not None:
                with contextlib.suppress(OSError):
                    self.pack[1].truncate(start)
            log.info(f"newsroom: cannot write the build cache in {self.folder} ({exc.strerror}); building without it")
            self.close()
            self.folder = None
            return
        if self.places is not None:
            self.places[key] = (Path(pack.name), start + len(header), len(data))

    def _own_pack(self) -> BinaryIO:
        """This process's pack, begun on its first entry (a forked worker begins its own)."""
        if self.pack is None or self.pack[0] != os.getpid():
            assert self.folder is not None
            folder = self.folder / self.kind
            folder.mkdir(parents=True, exist_ok=True)
            self.pack = (os.getpid(), (folder / _pack_name()).open("xb"))
        return self.pack[1]

    def close(self) -> None:
        """Close this process's pack (a forked worker's closes when the worker ends)."""
        if self.pack is not None and self.pack[0] == os.getpid():
            self.pack[1].close()
        self.pack = None

    def prune(self) -> None:
        """Drop every entry this build did not use (older versions of edited releases, old
        settings): when any record on disk is not one this build used, the used ones are
        written into one new pack and the old packs go."""
        if self.memory is not None:
            for key in [key for key in self.memory if key not in self.used]:
                del self.memory[key]
        if self.folder is None:
            return
        self.close()
        folder = self.folder / self.kind
        packs = self._packs()
        places, _ = self._scan()
        kept = {key: place for key, place in places.items() if key in self.used}
        stored = sum(path.stat().st_size for path in packs if path.exists())
        needed = sum(len(_header(key, length)) + length + 1 for key, (_, _, length) in kept.items())
        # A pack half written by ``replacing`` (its process was killed), a folder of entries of the
        # layout before packs (``ab/<key>.json``); nothing the cache did not make.
        others = [path for path in folder.iterdir() if _LEFTOVER.fullmatch(path.name)] if folder.is_dir() else []
        if stored == needed and len(packs) <= _PACKS_MAX and not others:
            return
        try:
            if kept:
                with replacing(folder / _pack_name()) as temporary, temporary.open("wb") as out, contextlib.ExitStack() as stack:
                    sources = {path: stack.enter_context(path.open("rb")) for path, _, _ in kept.values()}
                    for key, (path, start, length) in sorted(kept.items(), key=lambda item: (item[1][0], item[1][1])):
                        sources[path].seek(start)
                        out.write(_header(key, length) + sources[path].read(length) + b"\n")
            for path in [*packs, *others]:
                _remove(path)
        except OSError as exc:
            log.info(f"newsroom: cannot tidy the build cache in {folder} ({exc.strerror}); it is left as it is")


def _key(settings: str, parts: Iterable[str]) -> str:
    """A cache key: the SHA-256 of the global settings and each part, each ended by a NUL."""
    digest = hashlib.sha256(f"{settings}\0".encode())
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _header(key: str, length: int) -> bytes:
    """A pack record's first line: the key and the length of the JSON that follows it."""
    return f"{key} {length}\n".encode()


def _pack_name() -> str:
    """A new pack's name: the time it is begun (so names sort oldest first), and the process."""
    return f"{time.time_ns():020d}-{os.getpid()}.pack"


class RenderCache(Store[Entry]):
    """Release pages' renderings."""

    kind, what = "render", "rendering afresh"
    valid = staticmethod(_valid_entry)

    def key(self, src_uri: str, markdown: str, edited: bool) -> str:
        """The key of one page's rendering: the global settings, its address, its Markdown."""
        return self._key(src_uri, str(int(edited)), markdown)


class Parse(TypedDict):
    """A text release as the parser and writer made it, before products and tags are detected:
    the text they are detected in, the front matter, the Markdown body and what reading found
    (each finding as path, line, level, message)."""

    news_text: str
    meta: dict[str, Any]
    body: str
    findings: list[list[Any]]


def _is_day(value: object) -> bool:
    """Whether ``value`` is a date as ISO text (YYYY-MM-DD)."""
    try:
        return isinstance(value, str) and bool(date.fromisoformat(value))
    except ValueError:
        return False


def _valid_parse(entry: object) -> bool:
    """Whether ``entry`` has a Parse's fields with their types, its date a date and each finding's level one of the three."""
    return (
        isinstance(entry, dict)
        and set(entry) == set(Parse.__annotations__)
        and isinstance(entry["news_text"], str)
        and isinstance(entry["meta"], dict)
        and _is_day(entry["meta"].get("date"))
        and isinstance(entry["body"], str)
        and isinstance(entry["findings"], list)
        and all(
            isinstance(f, list) and len(f) == 4 and isinstance(f[0], str) and (f[1] is None or isinstance(f[1], int)) and f[2] in LEVELS and isinstance(f[3], str)
            for f in entry["findings"]
        )
    )


class ParseCache(Store[Parse]):
    """Text releases' parses, so a warm build parses only what changed (memory is the
    collection's own, so none here)."""

    kind, what = "parse", "reading the release afresh"
    valid = staticmethod(_valid_parse)

    def key(self, sha256: str, src_uri: str, company: str, zone: str) -> str:
        """The key of one parse: the global settings, the text's SHA-256, its path, the company name, the timezone."""
        return self._key(sha256, src_uri, company, zone)


def _valid_sections(entry: object) -> bool:
    """Whether ``entry`` is a list of sections, each its id (or None), title parts and text parts."""
    return isinstance(entry, list) and all(
        isinstance(s, list)
        and len(s) == 3
        and (s[0] is None or isinstance(s[0], str))
        and all(isinstance(parts, list) and all(isinstance(p, str) for p in parts) for parts in s[1:])
        for s in entry
    )


class SearchCache(Store[list[list[Any]]]):
    """The sections the site's search finds in a page's HTML (each its id, title parts and text
    parts), so a warm build parses for the index only the pages whose HTML changed."""

    kind, what = "search", "indexing the page afresh"
    valid = staticmethod(_valid_sections)

    def key(self, html: str) -> str:
        """The key of one page's sections: the global settings and the HTML."""
        return self._key(html)


def _is_text(entry: object) -> bool:
    return isinstance(entry, str)


class TemplateCache(Store[str]):
    """Jinja's compiled templates, each its bytecode as base64 text (see ``CompiledTemplates``)."""

    kind, what = "templates", "compiling the template afresh"
    valid = staticmethod(_is_text)

    def key(self, compiling: str, name: str, filename: str, source: str) -> str:
        """The key of one template's code: the global settings, how the environment compiles, its name, file and source."""
        return self._key(compiling, name, filename, source)


# Where the extensions, filters and tests of an environment whose templates are cached come from:
# Jinja, Python, MkDocs, Material and this package, whose versions and code the cache's settings
# hold. Jinja's compiler may call a filter or test on constants and keep the result in the code,
# and an extension reads settings of its own, so another package's take part only uncached.
_KNOWN = ("builtins", "_operator", "jinja2.", "markupsafe", "mkdocs.", "material.", "newsroom.")


def _known(obj: object) -> bool:
    module = getattr(obj, "__module__", None) or ""
    return any(module == known or module.startswith(known) for known in _KNOWN)


def compiling(env: Environment, name: str) -> str | None:
    """Everything of ``env`` that Jinja's compiler reads besides a template's source (its syntax,
    extensions, filters and tests, optimizer, autoescaping, finalize, policies); None when
    something of another package takes part (``_KNOWN``)."""
    parts = [*env.extensions.values(), *env.filters.values(), *env.tests.values(), *([env.finalize] if env.finalize else [])]
    if not all(_known(obj) for obj in parts):
        return None
    passes = {kind: sorted([key, str(getattr(obj, "jinja_pass_arg", ""))] for key, obj in found.items()) for kind, found in (("filters", env.filters), ("tests", env.tests))}
    return json.dumps(
        {
            "environment": [type(env).__module__, type(env).__qualname__, env.code_generator_class.__qualname__, env.is_async, env.optimized],
            "syntax": [
                env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string, env.comment_start_string,
                env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
                env.newline_sequence, env.keep_trailing_newline,
            ],
            "extensions": sorted(env.extensions),
            "newstyle_gettext": getattr(env, "newstyle_gettext", None),
            "autoescape": bool(env.autoescape(name) if callable(env.autoescape) else env.autoescape),
            "finalize": None if env.finalize is None else str(getattr(env.finalize, "jinja_pass_arg", "")),
            "policies": env.policies,
            **passes,
        },
        sort_keys=True,
        default=repr,  # a function's repr differs in each process: a policy that is one is never cached
    )


class CompiledTemplates(BytecodeCache):
    """Jinja's bytecode cache over a ``TemplateCache``: a build compiles the theme's templates
    (about 0.2 s on the build's one core before the pages render), and a template's code depends
    only on what its key holds (Jinja checks the source's checksum, and its own and Python's
    versions, in the stored code too)."""

    def __init__(self, store: TemplateCache) -> None:
        self.store = store
        # The key of every template this process loaded through the cache, in order (a forked
        # worker's are its own: the build marks them used, see ``Store.prune``).
        self.handled: list[str] = []

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        how = compiling(environment, name)
        bucket = Bucket(environment, "" if how is None else self.store.key(how, name, filename or "", source), self.get_source_checksum(source))
        if bucket.key:
            self.handled.append(bucket.key)
            self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        stored = self.store.get(bucket.key)
        if stored is not None:
            bucket.bytecode_from_string(base64.b64decode(stored))

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.key:  # a template compiled uncached (``compiling``) is not kept
            self.store.put(bucket.key, base64.b64encode(bucket.bytecode_to_string()).decode("ascii"))


class FileCache:
    """Whole files by key (a feed's documents): under ``folder``/``kind``/KEY/, a copy of each file
    as it was written, and ``sha256.json`` with the key and each file's checksum, so a file that
    does not read back as written is ignored with a warning. Copies, not links: the published
    site and the cache share nothing that damage to one could reach in the other."""

    kind = "feeds"
    SUMS = "sha256.json"

    def __init__(self, folder: Path, settings: str) -> None:
        self.root = folder / self.kind
        self.settings = settings
        # The keys this process fetched or kept: what ``prune`` keeps.
        self.used: set[str] = set()

    def key(self, *parts: str) -> str:
        """The key of files made from ``parts`` under the global settings."""
        return _key(self.settings, parts)

    def fetch(self, key: str, targets: Mapping[str, Path]) -> tuple[bool, str | None]:
        """Put each stored file (by name) at its target path, each whole; whether they were all
        stored and read back as written and, when an entry is there but damaged, the warning to give
        (for the plugin's logger, which names the plugin)."""
        self.used.add(key)
        entry = self.root / key
        try:
            sums = json.loads((entry / self.SUMS).read_bytes())
            ok = sums["format"] == FORMAT and sums["key"] == key and set(sums["files"]) == set(targets)
            ok = ok and all(_file_sha256(entry / name) == sums["files"][name] for name in targets)
        except FileNotFoundError:
            return False, None
        except OSError as exc:
            _remove(entry)  # so that the feed written afresh is kept, and warned of once
            return False, f"cannot read the build cache entry {entry} ({exc.strerror}); writing the feed afresh"
        except (ValueError, TypeError, KeyError):
            ok = False
        if not ok:
            _remove(entry)
            return False, f"ignoring a damaged build cache entry {entry}; writing the feed afresh"
        try:
            for name, target in targets.items():
                with replacing(target) as temporary:
                    shutil.copyfile(entry / name, temporary)
        except FileNotFoundError:
            return False, None  # tidied away by another build meanwhile: written afresh
        return True, None

    def keep(self, key: str, written: Mapping[str, Path]) -> None:
        """Store the files just ``written`` (by name) under ``key``, whole or not at all."""
        self.used.add(key)
        entry = self.root / key
        if entry.exists():
            return
        partial = self.root / f"{key}.{os.getpid()}.partial"
        try:
            partial.mkdir(parents=True)
            for name, path in written.items():
                shutil.copyfile(path, partial / name)
            sums = {"format": FORMAT, "key": key, "files": {name: _file_sha256(partial / name) for name in written}}
            (partial / self.SUMS).write_text(json.dumps(sums), encoding="utf-8")
            partial.rename(entry)
        except OSError as exc:
            # The cache only saves time: a build that cannot write it carries on without it.
            shutil.rmtree(partial, ignore_errors=True)
            log.info(f"newsroom: cannot write the build cache in {self.root} ({exc.strerror}); building without it")

    def prune(self) -> None:
        """Drop every entry this process did not use, and any left half written (nothing else:
        a file the cache did not make is not the cache's to remove)."""
        try:
            for path in self.root.iterdir():
                if path.name not in self.used and _ENTRY_NAME.fullmatch(path.name):
                    _remove(path)
        except OSError as exc:
            if self.root.exists():
                log.info(f"newsroom: cannot tidy the build cache in {self.root} ({exc.strerror}); it is left as it is")


def _remove(path: Path) -> None:
    """Remove a cache entry, a folder or anything else; what cannot be removed stays."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


def _file_sha256(path: Path) -> str:
    found = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            found.update(chunk)
    return found.hexdigest()
