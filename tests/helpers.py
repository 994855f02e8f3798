"""What test modules share: the project's paths, copies of the project and real builds, the rule
for the real corpus, the browser the browser suite drives, the `newsroom` command, and the data,
renderers and readers several test modules use. Test modules import from here, never from each
other (tests/test_house.py checks it); fixtures live in conftest.py."""

from __future__ import annotations

import functools
import http.client
import importlib.util
import json
import os
import posixpath
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from datetime import time as clock
from functools import cache
from html import unescape as html_unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import jsonschema
import markdown
import pytest
import yaml
from mkdocs.config import load_config

from newsroom.cache import digest
from newsroom.catalogue import Catalogue, Fact, Product, load_catalogue
from newsroom.collection import Source
from newsroom.history import History
from newsroom.markdown_writer import body_markdown
from newsroom.metadata import Site
from newsroom.model import BulletList, ContactBlock, Entry, Preformatted, Release, Section, Table, Trailer, block_text, release_slug
from newsroom.plan import Plan, Settings
from newsroom.tagging import Vocabulary, load_vocabulary

from .htmlsafety import parse
from .htmltext import flat_text, links, read, visible_text

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "releases" / "2017-01-24-patent-9550002.txt"
# The seed as the company issued it: the file must stay byte for byte this (its SHA-256).
SEED_SHA256 = "58fad952a4f139983b8fea037ceeed044f3684166fbd6de02f62fbc890d93793"
# Real releases kept beside the repository in this workplace and in CI (read-only).
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
INJECTION = FIXTURES / "injection"
PROJECT_PARTS = ("mkdocs.yml", "content")


def copy_project(target: Path) -> Path:
    """A copy of the site project (config, content, theme) to change and build."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target


def run_build(project: Path, *args: str, env: dict[str, str] | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` in ``project`` as a user runs it; returns the finished process."""
    # The project's site_url comes from mkdocs.yml unless the test sets SITE_URL itself.
    environment = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    environment.update({"NO_MKDOCS_2_WARNING": "1", **(env or {})})
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"mkdocs build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def cache_packs(folder: Path) -> list[Path]:
    """The build cache's packs in one kind's folder (``.cache/newsroom/render``), oldest first."""
    return sorted(folder.glob("*.pack"))


def pack_records(pack: Path) -> list[tuple[str, dict[str, Any]]]:
    """A pack's records read as its format says (``KEY LENGTH\\n``, LENGTH bytes of JSON, ``\\n``):
    each record's header key and its stored JSON."""
    records, data = [], pack.read_bytes()
    while data:
        header, _, rest = data.partition(b"\n")
        key, length = header.decode("ascii").split(" ")
        assert rest[int(length) : int(length) + 1] == b"\n", f"{pack}: a record does not end where its header says"
        records.append((key, json.loads(rest[: int(length)])))
        data = rest[int(length) + 1 :]
    return records


def cache_records(folder: Path) -> list[dict[str, Any]]:
    """Every record stored in one kind's folder, oldest first."""
    return [stored for pack in cache_packs(folder) for _, stored in pack_records(pack)]


def rewrite_cache_records(folder: Path, edit: Callable[[dict[str, Any]], object], checksum: bool = True) -> None:
    """Every record in one kind's folder changed by ``edit`` and written back in the pack's format,
    its checksum made to match (unless not ``checksum``): only what the record says has changed."""
    for pack in cache_packs(folder):
        written = b""
        for key, stored in pack_records(pack):
            edit(stored)
            if checksum:
                stored["sha256"] = digest(stored["entry"])
            data = json.dumps(stored).encode()
            written += f"{key} {len(data)}\n".encode() + data + b"\n"
        pack.write_bytes(written)


def alive(pid: int) -> bool:
    """Whether process ``pid`` is running (Linux /proc); a zombie has ended, only its status is left."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in "ZX"


def injection_expected() -> dict[str, Any]:
    """What the injection fixtures must show: tests/fixtures/injection/expected.yml."""
    return yaml.safe_load((INJECTION / "expected.yml").read_text(encoding="utf-8"))


def injection_project(target: Path, refused: bool = False) -> Path:
    """A copy of the project with releases whose headline, tags and body carry markup and a
    product whose name does; ``refused`` adds the releases that must stop the build."""
    project = copy_project(target)
    expected = injection_expected()
    for name in [*expected["releases"], *(expected["refused"] if refused else ())]:
        shutil.copy2(INJECTION / name, project / "content" / "releases" / name)
    products = project / "content" / "products.yml"
    catalogue = yaml.safe_load(products.read_text(encoding="utf-8"))
    catalogue["products"].append(expected["product"])
    products.write_text(yaml.safe_dump(catalogue, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return project


def in_ci() -> bool:
    """Whether this is CI (``CI=true``, as .ci/run and hosted runners set), where nothing may skip."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_corpus() -> None:
    """The real corpus must be there: in CI its absence fails the test; elsewhere (a clone without
    ``../shared``) the test is skipped, saying why."""
    if (CORPUS / "releases").is_dir():
        return
    message = f"the real corpus {CORPUS} is not here (it lies beside the repository in CI)"
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


# Debian's Chromium; NEWSROOM_CHROMIUM points elsewhere (a test hides it by naming a missing file).
DEBIAN_CHROMIUM = Path(os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium"))
INSTALL_DEBIAN = "apt-get install chromium"
INSTALL_PLAYWRIGHT = ".venv/bin/python -m playwright install chromium"


class NoChromium(Exception):
    """No browser for the browser tests; the message is the one line that says how to get one."""


@dataclass(frozen=True)
class Chromium:
    """The browser the browser tests drive: its executable and whose it is."""

    executable: Path
    whose: str

    def __str__(self) -> str:
        return f"{self.whose} ({self.executable})"


@functools.cache
def chromium() -> Chromium:
    """Debian's Chromium when it is there, else Playwright's own (which ``make test`` installs,
    without root). In CI only Debian's counts: CI never downloads a browser."""
    if DEBIAN_CHROMIUM.is_file():
        return Chromium(DEBIAN_CHROMIUM, "Debian's Chromium")
    if in_ci():
        raise NoChromium(f"no Chromium for the browser tests: {DEBIAN_CHROMIUM} is missing and CI uses only Debian's ({INSTALL_DEBIAN}; .ci/run does it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        own = Path(playwright.chromium.executable_path)
    if own.is_file():
        return Chromium(own, "Playwright's Chromium")
    raise NoChromium(f"no Chromium for the browser tests: install Debian's ({INSTALL_DEBIAN}) or Playwright's ({INSTALL_PLAYWRIGHT}; make test does it)")


def starter_vocabulary() -> set[str]:
    """The tag names `newsroom init` starts a newsroom with (its generic IR topics)."""
    data = yaml.safe_load((ROOT / "newsroom" / "starter" / "content" / "tags.yml").read_text(encoding="utf-8"))
    return {tag["name"] for tag in data["tags"]}


def check_fresh_newsroom(site: Path) -> None:
    """A site `newsroom init` made and built with the seed added: the seed is published, with
    no fact box (the starter has no products) and only tags of the generic vocabulary."""
    pages = sorted((site / "releases").glob("2017-01-24-*/index.html"))
    assert len(pages) == 1, sorted(p.name for p in (site / "releases").iterdir())
    html = pages[0].read_text(encoding="utf-8")
    assert "fact-box" not in html
    assert not list((site / "products").glob("*/index.html"))
    names = {html_unescape(name) for name in re.findall(r'<a href="[^"]*tags/[^"/]+/" class="md-tag">([^<]*)</a>', html)}
    assert "Intellectual property" in names and names <= starter_vocabulary(), names
    assert {path.parent.name for path in (site / "tags").glob("*/index.html")} <= {"patents", "partnerships", "results", "financing", "dividends", "leadership", "acquisitions", "events", "meetings"}


# --------------------------------------------------------------------------- the `newsroom` command as a user runs it, and builds that must fail cleanly


BAD = FIXTURES / "bad"


NEWSROOM = Path(sys.executable).with_name("newsroom")


def newsroom(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The `newsroom` command as a user runs it (``env`` added to the environment)."""
    assert NEWSROOM.exists(), f"{NEWSROOM} is missing: install the package (pip install -e .)"
    return subprocess.run([str(NEWSROOM), *args], cwd=cwd, capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})})


def files(site: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under site/ with its bytes and modification time."""
    return {p.relative_to(site).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(site.rglob("*")) if p.is_file()}


def failed_build(project: Path, env: dict[str, str] | None = None) -> str:
    """`mkdocs build --strict` in ``project`` that must stop cleanly (non-zero, no traceback); its output."""
    result = run_build(project, env=env, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    return output


# --------------------------------------------------------------------------- a product whose fact changes on an embargoed day


NEW_YORK = ZoneInfo("America/New_York")


D = date(2021, 3, 3)


PRODUCT = Product(
    id="clr-131",
    name="CLR 131",
    aliases=("CLR 131",),
    summary="A drug.",
    description="",
    facts=(
        Fact("Payload", ((None, "Iodine-131"),)),
        Fact("Stage", ((date(2017, 1, 24), "Phase I"), (D, "Phase II"))),
    ),
)


# --------------------------------------------------------------------------- feeds


ATOM = "{http://www.w3.org/2005/Atom}"


CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


# XML 1.0's Char production, from the spec rather than from the code under test.
NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$")


def forbidden_in(document: bytes) -> list[str]:
    """Characters XML forbids in ``document``, whether raw or written as character references."""
    text = document.decode("utf-8")
    referenced = (chr(int(ref[1:], 16) if ref[:1] in "xX" else int(ref)) for ref in re.findall(r"&#(x[0-9a-fA-F]+|[0-9]+);", text))
    return NOT_XML_CHAR.findall(text) + [char for char in referenced if NOT_XML_CHAR.match(char)]


# --------------------------------------------------------------------------- a built site as a static host serves it


@dataclass(frozen=True)
class Built:
    site_url: str
    site: Path

    def pages(self) -> list[Path]:
        return sorted(self.site.rglob("*.html"))

    def page_url(self, page: Path) -> str:
        """The address a static host serves ``page`` at (a directory URL for index.html)."""
        relative = page.relative_to(self.site).as_posix()
        return self.site_url + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)

    def target(self, url: str) -> Path | None:
        """The file a static host answers ``url`` with, or None when it is not under site_url's path."""
        base = urlsplit(self.site_url)
        parts = urlsplit(url)
        if parts.netloc != base.netloc or not parts.path.startswith(base.path):
            return None
        path = self.site / unquote(parts.path[len(base.path) :])
        return path / "index.html" if parts.path.endswith("/") or path.is_dir() else path


# --------------------------------------------------------------------------- the project's data files, edited line by line


PRODUCTS = ROOT / "content" / "products.yml"


MARK = "# <-"


# (case, old text, new text with the error line marked, words the message must hold)
CATALOGUE_ERRORS = [
    ("unknown key", "  - id: clr-125\n", f"  - id: clr-125\n    colour: blue  {MARK}\n", "unknown key 'colour'"),
    ("fact with neither value nor values", "      - label: Payload\n        value: Iodine-125\n", f"      - label: Payload  {MARK}\n", "neither"),
    ("impossible date", "          - from: 2017-01-24\n", f"          - from: 2017-13-01  {MARK}\n", "not a real date"),
    ("date in words", "          - from: 2017-01-24\n", f"          - from: yesterday  {MARK}\n", "YYYY-MM-DD"),
    ("date with a time", "          - from: 2017-01-24\n", f"          - from: 2017-01-24 08:00:00  {MARK}\n", "YYYY-MM-DD"),
    ("duplicate alias", "    aliases: [CLR 125, CLR125, CLR-125]\n", f"    aliases: [CLR 125, CLR125, CLR-125, CLR 131]  {MARK}\n", "duplicate alias 'CLR 131'"),
    ("duplicate id", "  - id: clr-125\n", f"  - id: clr-131  {MARK}\n", "duplicate product id 'clr-131'"),
    ("invalid YAML", "    name: CLR 125\n", f"    name: CLR: 125  {MARK}\n", "invalid YAML"),
    ("duplicate key", "    name: CLR 125\n", f"    name: CLR 125\n    name: CLR-125  {MARK}\n", "duplicate key 'name'"),
    ("value and values", "      - label: Payload\n        value: Iodine-125\n", f"      - label: Payload  {MARK}\n        value: Iodine-125\n        values: []\n", "both"),
    # what YAML reads unquoted as another value: No, 1.10, 1:30 published as False, 1.1, 90
    ("value YAML reads as false", "        value: Iodine-125\n", f"        value: No  {MARK}\n", "must be a text in quotes: unquoted, YAML reads it as true/false (False)"),
    ("value YAML reads as a number", "        value: Iodine-125\n", f"        value: 1.10  {MARK}\n", "YAML reads it as a number (1.1)"),
    ("value YAML reads as minutes", "        value: Iodine-125\n", f"        value: 1:30  {MARK}\n", "YAML reads it as a number (90)"),
    (
        "description that is a list",
        "    description: >-\n      CLR 125 is a broad-spectrum, cancer-targeting radiotherapeutic that uses the radioisotope\n"
        "      iodine-125 conjugated to the company's phospholipid drug conjugate (PDC) delivery platform,\n"
        "      and may be uniquely suited to treat micro-metastatic disease.\n",
        f"    description: [a, b]  {MARK}\n",
        "a description must be a non-empty text",
    ),
]


def edited(path: Path, old: str, new: str) -> tuple[str, int]:
    """``path``'s text with ``old`` replaced once by ``new``, and the line ``new`` marks."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer has {old!r}: update the test case"
    text = text.replace(old, new, 1)
    line = next(number for number, content in enumerate(text.split("\n"), start=1) if MARK in content)
    return text, line


# The facts the issue names for January 24, 2017, each also to be found in the seed's own words.
SEED_FACTS = {
    "clr-131": ["iodine-131", "multiple myeloma", "orphan drug designation"],
    "clr-125": ["iodine-125", "NCI SBIR"],
    "pdc": ["phospholipid ether", "more than 80", "xenograft models"],
}


# --------------------------------------------------------------------------- tag rules


TAGS = ROOT / "content" / "tags.yml"


# (case, text appended to tags.yml with the error line marked, words the message must hold)
TAG_ERRORS = [
    ("two tags with one slug", f"  - name: Clinical Trials  {MARK}\n    phrases: [trialist]\n", "slug 'clinical-trials'"),
    ("slug clash by hand", f"  - name: Patent news\n    slug: patents  {MARK}\n    phrases: [patent news]\n", "slug 'patents'"),
    ("invalid regular expression", f"  - name: Broken\n    patterns: ['(unclosed']  {MARK}\n", "invalid regular expression"),
    ("regular expression matching nothing at all", f"  - name: Everything\n    patterns: ['x*']  {MARK}\n", "every release"),
    ("unknown key", f"  - name: Odd\n    phrase: [odd]  {MARK}\n", "unknown key 'phrase'"),
    ("unknown product", f"  - name: CLR 999\n    product: clr-999  {MARK}\n", "clr-999"),
    ("tag without a rule", f"  - name: Idle  {MARK}\n    description: Nothing assigns it.\n", "needs 'phrases'"),
    ("acronym of two words", f"  - name: Drug applications\n    acronyms: [NDA, 'B L A']  {MARK}\n", "must be one word"),
    ("a name YAML reads as false", f"  - name: Off  {MARK}\n    phrases: [switched off]\n", "YAML reads it as true/false (False)"),
    ("two tags of one name", f"  - name: Patents  {MARK}\n    slug: patents-two\n    phrases: [melanoma]\n", "tag 'Patents' is named twice"),
    ("two tags of one product", f"  - name: CLR 131 topic\n    product: clr-131  {MARK}\n", "both follow product 'clr-131'"),
]


# --------------------------------------------------------------------------- Markdown rendered as the site renders it


# Tags the writer itself produces; anything else in a rendered release came from its text.
WRITER_TAGS = {"h1", "h2", "p", "ul", "li", "a", "strong", "br", "pre", "code", "details", "summary", "div", "table", "thead", "tbody", "tr", "th", "td"}


STRUCTURE = ("h1", "h2", "ul", "ol", "blockquote", "table", "hr", "pre", "details", "admonition")


@cache
def _markdown() -> markdown.Markdown:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def render(text: str) -> str:
    """Markdown → HTML as MkDocs renders this project's pages."""
    return _markdown().reset().convert(text)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        if tag == "div" and "admonition" in (dict(attrs).get("class") or ""):
            self.tags["admonition"] += 1


def tags(html: str) -> Counter[str]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def structure(html: str) -> Counter[str]:
    """How many of each structural element the HTML has."""
    found = tags(html)
    return Counter({name: found[name] for name in STRUCTURE})


def release_texts(release: Release) -> list[str]:
    """Every text of a release as the page shows it: headline to the last trailer."""
    texts = [release.headline, *map(block_text, release.deck)]
    for part in release.parts:
        if isinstance(part, Trailer):
            texts.append(part.text)
        elif isinstance(part, ContactBlock):
            texts.extend([part.heading or "", *(line for contact in part.contacts for line in contact.lines)])
        else:
            texts.append("" if part.glued else part.heading or "")  # a glued heading is its paragraph's start
            texts.extend("\n".join(block.items) if isinstance(block, BulletList) else block.text for block in part.blocks)
    return texts


def predicted_structure(release: Release) -> Counter[str]:
    """The structural elements the parser's structure calls for: one h1 (the headline), an h2 per
    ``About`` section and headed contact block, a <details> per safe harbour, a <pre> per aligned
    block, a <table> per table, a <ul> per run of lists with nothing between them (Markdown joins such lists)."""
    counts: Counter[str] = Counter({"h1": 1})
    sequence = ["list" if isinstance(block, BulletList) else "subheadline" for block in release.deck]
    for part in release.parts:
        if isinstance(part, Section) and part.kind == "safe_harbor":
            counts["details"] += 1
            counts["ul"] += sum(isinstance(block, BulletList) for block in part.blocks)
            counts["pre"] += sum(isinstance(block, Preformatted) for block in part.blocks)
            counts["table"] += sum(isinstance(block, Table) for block in part.blocks)
            sequence.append("details")
        elif isinstance(part, Section):
            if part.heading and not part.glued:
                counts["h2"] += 1
                sequence.append("h2")
            sequence.extend("list" if isinstance(block, BulletList) else type(block).__name__ for block in part.blocks)
        elif isinstance(part, ContactBlock):
            counts["h2"] += bool(part.heading)
            sequence.extend(["h2"] * bool(part.heading) + ["contact"] * len(part.contacts))
        else:
            sequence.append("trailer")
    counts["ul"] += sum(1 for index, kind in enumerate(sequence) if kind == "list" and (index == 0 or sequence[index - 1] != "list"))
    counts["pre"] += sequence.count("Preformatted")
    counts["table"] += sequence.count("Table")
    return Counter({name: counts[name] for name in STRUCTURE})


def assert_renders_every_word(release: Release) -> str:
    """Render the release: every word of it is in the visible text, no tag but the writer's is
    in the HTML, and the structure is the one the parser found. Returns the HTML."""
    html = render(body_markdown(release))
    shown = Counter(visible_text(html).split())
    expected = Counter(word for text in release_texts(release) for word in text.split())
    missing = expected - shown
    assert not missing, f"words lost or turned into markup: {sorted(missing)[:20]}"
    foreign = set(tags(html)) - WRITER_TAGS
    assert not foreign, f"markup from the release reached the HTML: {foreign}"
    assert structure(html) == predicted_structure(release)
    return html


# --------------------------------------------------------------------------- the injection site (tests/fixtures/injection)


INJECTED = injection_expected()


INJECTED_EDITED = INJECTED["releases"]["2017-05-04-edited.md"]


def release_url(release: dict) -> str:
    return f"releases/{release_slug(date.fromisoformat(release['date']), release['headline'])}/"


def page(site: Path, url: str) -> str:
    path = site / url / "index.html"
    assert path.is_file(), f"no page {url}"
    return read(path)


def links_by_text(html: str, class_name: str | None = None) -> dict[str, str]:
    """Text → href of the links (with ``class_name``)."""
    return {
        " ".join(node.text().split()): node.attr("href") or ""
        for node in parse(html).iter()
        if node.tag == "a" and (class_name is None or class_name in node.classes())
    }


def tag_urls(site: Path) -> dict[str, str]:
    """Each edited tag's page, found the way a reader finds it: from the release's tag links."""
    release = release_url(INJECTED_EDITED)
    chips = links_by_text(page(site, release), "md-tag")
    return {name: posixpath.normpath(posixpath.join(release, chips[name])) + "/" for name in INJECTED_EDITED["tags"]}


# --------------------------------------------------------------------------- release pages


class _Inner(HTMLParser):
    """The inner HTML of the first element with a given class (nesting-aware)."""

    def __init__(self, class_name: str) -> None:
        super().__init__(convert_charrefs=False)
        self.class_name = class_name
        self.depth = 0
        self.start: int | None = None
        self.end: int | None = None
        self.offsets: list[int] = []

    def feed_html(self, html: str) -> str:
        lines = html.split("\n")
        self.offsets = [0]
        for line in lines:
            self.offsets.append(self.offsets[-1] + len(line) + 1)
        self.feed(html)
        assert self.start is not None and self.end is not None, f"no element with class {self.class_name}"
        return html[self.start : self.end]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.offsets[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.end is not None:
            return
        if self.start is None and self.class_name in (dict(attrs).get("class") or "").split():
            self.depth = 1
            self.start = self._offset() + len(self.get_starttag_text() or "")
            self.tag = tag
        elif self.start is not None and tag == self.tag:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.start is not None and self.end is None and tag == self.tag:
            self.depth -= 1
            if self.depth == 0:
                self.end = self._offset()


def release_body(html: str) -> str:
    """The release text of a release page: what the writer produced, without the page around it
    (its lead and the rest, joined where the page puts the fact boxes between them)."""
    parts = ("nr-release__lead", "nr-release__rest")
    return "".join(_Inner(part).feed_html(html) for part in parts if f"nr-release__body {part}" in html)


# --------------------------------------------------------------------------- edited releases


def data(content: Path):  # type: ignore[no-untyped-def]
    catalogue = load_catalogue(content / "products.yml")
    return catalogue, load_vocabulary(content / "tags.yml", catalogue)


def edited_release(front: str = "", title: str = "Cellectar Opens a New Office") -> str:
    """An edited release; ``front`` is added on line 4 of its front matter."""
    return f"---\ntitle: {title}\ndate: 2018-03-01\n{front}---\n\n# {title}\n\nMADISON, Wis. -- Cellectar opened an office.\n"


# --------------------------------------------------------------------------- a live `mkdocs serve`


SITE_URL = "https://org.github.io/newsroom/"  # `mkdocs serve` mounts the site at its path


WAIT = 90.0  # seconds: an upper bound for one rebuild on a slow machine, never a measurement


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    log_path: Path

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def fetch(self, path: str, timeout: float = 10) -> tuple[int | None, bytes]:
        """Status and bytes of a file as served; None while nothing answers, or while a rebuild
        rewrites the file being read (the server sent fewer bytes than it announced)."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        except (urllib.error.URLError, ConnectionError, TimeoutError, http.client.IncompleteRead):
            return None, b""

    def get(self, path: str) -> tuple[int | None, str]:
        """Status and text of a page; None while nothing answers."""
        status, body = self.fetch(path)
        failed = status is None or status >= 400
        return status, body.decode("utf-8", errors="replace" if failed else "strict")

    def text(self, path: str) -> str:
        status, body = self.get(path)
        return flat_text(body) if status == 200 else ""

    def wait_for(self, what: str, condition: Callable[[], bool]) -> None:
        """Poll until ``condition`` holds, failing with the log after ``WAIT`` seconds."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"mkdocs serve exited while waiting for {what}:\n{self.log}"
            if condition():
                return
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}; server log:\n{self.log}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(project: Path) -> Iterator[Server]:
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "SOURCE_DATE_EPOCH")}
    env.update(NO_MKDOCS_2_WARNING="1", SITE_URL=SITE_URL, PYTHONUNBUFFERED="1")
    log_path = project.parent / "serve.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        server = Server(process, f"http://127.0.0.1:{port}/newsroom/", log_path)
        try:
            server.wait_for("the first build to be served", lambda: server.get("")[0] == 200)
            yield server
        finally:
            # SIGINT is Ctrl+C: serve shuts down and removes its temporary site directory.
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=30)


def release_path(server: Server, headline: str) -> str:
    """The archive's link to the release whose headline starts so, as a path under the site."""
    status, archive = server.get("releases/")
    assert status == 200
    start = archive.index(" ".join(headline.split()[:6]))
    href = [link for link in links(archive[:start]) if not link.startswith("#")][-1]
    return "releases/" + href


# From test_build_products_tags.py: shared with other test modules.
def target(site: Path, page: Path, href: str) -> Path:
    """The file a relative link on ``page`` leads to."""
    path = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), href.split("#")[0]))
    resolved = site / path
    return resolved / "index.html" if href.endswith("/") or resolved.is_dir() else resolved


@dataclass(frozen=True)
class Listed:
    day: str  # the datetime attribute
    shown: str  # the date as the reader sees it
    page: Path


def listed(site: Path, page: Path) -> list[Listed]:
    """The releases a listing page lists, in its order, with their dates."""
    items = re.findall(r'<li class="nr-entry"[^>]*>(.*?)</li>', read(page), flags=re.S)
    out = []
    for item in items:
        day = re.search(r'<time[^>]*datetime="([^"]+)"[^>]*>(.*?)</time>', item, flags=re.S)
        href = re.search(r'<a[^>]*href="([^"]+)"', item)
        assert day and href, item
        out.append(Listed(day.group(1), flat_text(day.group(2)), target(site, page, href.group(1))))
    return out


# From test_subpath_links.py: shared with other test modules.
# Releases beside the seed, so the crawl meets several years, tags and products.
EXTRA_RELEASES = (FIXTURES / "wire" / "gnw-embargoed.txt", FIXTURES / "wire" / "accesswire-us.txt", FIXTURES / "hostile" / "html-script.txt")


# From test_look_build.py: shared with other test modules.
LOOK_SITE_URL = "https://ir.example.com/newsroom/"


LOOK_EDITED = (
    "---\ntitle: Cellectar Closes Offering to Fund CLR 131\ndate: 2019-05-02\n"
    "tags: [CLR 131, Financing]\n---\n\n# Cellectar Closes Offering to Fund CLR 131\n\nThe offering funds CLR 131.\n"
)


LOOK_LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n'


def build_look_site(where: Path) -> Path:
    """The seed with releases of other years, an edited release tagged with a product, and a logo; its site."""
    project = copy_project(where / "project")
    for release in EXTRA_RELEASES:
        shutil.copy2(release, project / "content" / "releases" / release.name)
    (project / "content" / "releases" / "2019-05-02-offering.md").write_text(LOOK_EDITED, encoding="utf-8")
    (project / "content" / "logo.svg").write_text(LOOK_LOGO, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  logo: logo.svg\n", 1), encoding="utf-8")
    run_build(project, env={"SITE_URL": LOOK_SITE_URL})
    return project / "site"


# From test_history.py: shared with other test modules.
def git(repo: Path, *args: str, when: datetime | None = None, authored: datetime | None = None) -> str:
    """Git in ``repo``, committing at ``when`` (written at ``authored``, else then too)."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    if when is not None:
        env.update(GIT_AUTHOR_DATE=(authored or when).isoformat(), GIT_COMMITTER_DATE=when.isoformat())
    identity = ["-c", "user.name=IR Team", "-c", "user.email=ir@example.com", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", *identity, *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def commit(repo: Path, message: str, when: datetime, authored: datetime | None = None) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when, authored=authored)


# From test_plan.py: shared with other test modules.
PLAN_SITE = Site(name="Example Newsroom", url="https://ir.example.com/", company="Example, Inc.", ticker="Nasdaq: EXA")


PLAN_SETTINGS = Settings(site=PLAN_SITE, release_time=clock(8), zone=NEW_YORK)


# 08:00 in New York on D (Eastern Standard Time, UTC-5).
EIGHT = datetime(2021, 3, 3, 13, 0, tzinfo=timezone.utc)


def source(slug: str, day: date = D, embargo: datetime | None = None, tags: tuple[str, ...] = (), products: tuple[str, ...] = ()) -> Source:
    entry = Entry(path=f"releases/{slug}.txt", slug=slug, title=f"Title of {slug} <b>", date=day, tags=tags, products=products, embargo=embargo)
    return Source(entry.path, entry, {"title": entry.title}, "Body.")


# The catalogue of test_plan and test_preview: PRODUCT alone.
PLAN_CATALOGUE = Catalogue((PRODUCT,))


def plan_of(sources: list[Source], moment: datetime, settings: Settings = PLAN_SETTINGS, histories: dict[str, History] | None = None) -> Plan:
    """A plan of ``sources`` at ``moment`` with PLAN_CATALOGUE and no tag rules."""
    return Plan(sources, PLAN_CATALOGUE, Vocabulary(()), settings, moment, histories)


# JSON Feed 1.1's rules, for test_feeds and test_build_feeds.
JSON_FEED_SCHEMA = json.loads((FIXTURES / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))


def json_feed_errors(document: object) -> list[str]:
    """Where ``document`` breaks the JSON Feed 1.1 rules (tests/fixtures/jsonfeed-1.1.schema.json)."""
    validator = jsonschema.Draft202012Validator(JSON_FEED_SCHEMA)
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(document)]


# From test_build_feeds.py: shared with other test modules.
def seed_lines() -> list[str]:
    """The seed's lines, white space folded, blank ones left out."""
    return [" ".join(line.split()) for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


SEED_PUBLISHED = datetime(2017, 1, 24, 8, 0, tzinfo=NEW_YORK)  # its date at mkdocs.yml's release_time


SEED_HEADLINE = next(line for line in seed_lines() if line.startswith("Cellecstar Biosciences Announces"))


def mkdocs_setting(pattern: str) -> str:
    match = re.search(pattern, (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), flags=re.M)
    assert match, pattern
    return match.group(1).strip().strip("\"'")


# bench/generate.py, the synthetic release generator, loaded as a module (bench/ is not a package).
_GENERATE = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
assert _GENERATE is not None and _GENERATE.loader is not None
generate = sys.modules[_GENERATE.name] = importlib.util.module_from_spec(_GENERATE)
_GENERATE.loader.exec_module(generate)

SEED_NAME = SEED.name
SEED_PHRASE = "oncology-focused clinical stage biotechnology company"


def edit_seed_and_a_fact(server: Server, project: Path) -> str:
    """Under `mkdocs serve`: a word put into the seed release's text, then the first product's
    first fact with a value edited ("Pemberwick edition"), each waited for on its page; the
    seed release's path on the server."""
    seed_path = release_path(server, "Cellecstar Biosciences Announces Additional US Patent")
    seed = project / "content" / "releases" / SEED_NAME
    seed.write_bytes(seed.read_bytes().replace(SEED_PHRASE.encode(), f"Kestrelbrook {SEED_PHRASE}".encode(), 1))
    server.wait_for("the edited release", lambda: f"Kestrelbrook {SEED_PHRASE}" in server.text(seed_path))
    products = project / "content" / "products.yml"
    catalogue = products.read_text(encoding="utf-8")
    product = yaml.safe_load(catalogue)["products"][0]
    fact = next(fact["value"] for fact in product["facts"] if "value" in fact)
    products.write_text(catalogue.replace(f"value: {fact}", f"value: {fact} (Pemberwick edition)", 1), encoding="utf-8")
    server.wait_for("the edited product fact", lambda: "Pemberwick edition" in server.text(f"products/{product['id']}/"))
    return seed_path
