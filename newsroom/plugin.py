"""The MkDocs plugin: thin glue that wires the newsroom modules into build events.

on_config, first of every plugin, points site_dir at a fresh folder beside the site (newsroom.sitedir),
so the whole build writes there; on_pre_build reads and checks every release and makes the build's
plan (newsroom.plan: what is published, each page's data, the feeds), and has Material's search take
the sections it indexes from the build cache; on_files swaps release sources
for generated pages; on_nav renders, on every core, the releases' Markdown that the build cache
(newsroom.cache) lacks, so MkDocs finds each ready; on_page_context hands templates the plan's data;
on_env, last of every plugin, renders the release pages' templates on every core (MkDocs prints
their output) and starts writing the feeds in a second process, once every page's HTML is known;
on_post_build, last of every plugin, waits for them and swaps the finished site in. A failed or
interrupted build leaves the site as it was. With 'cache: false' MkDocs renders every page itself.
Under `mkdocs serve`, on_serve takes the rebuilds: when releases' words are all that changed
(newsroom.preview), only their pages, the search index, releases.json and their feeds are written
again in the served site; anything else is MkDocs' whole build.
"""

from __future__ import annotations

import json
import logging
import os
import posixpath
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import time
from functools import partial
from html import escape as html_escape
from pathlib import Path
from time import perf_counter
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from jinja2 import Environment, TemplateNotFound, meta, pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from material.plugins.search.plugin import Parser as SearchParser
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc
from mkdocs.utils import CountHandler, get_build_date

from . import feeds, history, manifest, metadata, preview, signing
from .cache import FOLDER, CompiledTemplates, Entry, FileCache, ParseCache, RenderCache, SearchCache, TemplateCache, code_digest, fingerprint, self_contained, versions
from .catalogue import Catalogue, load_catalogue
from .collection import PARALLEL_FROM, RELEASES_DIR, Collection, collect, in_releases
from .config import NewsroomConfig
from .crawlers import ROBOTS
from .freshness import stale_findings
from .model import DataError
from .parallel import Background, fork_map, in_background
from .plan import Plan, Settings, page_title
from .publication import ClockError, now
from .safe_markdown import SafeMarkdown
from .sitedir import SiteDir
from .stages import stage_names, unknown_releases
from .tagging import Vocabulary, load_vocabulary

log = get_plugin_logger("newsroom")

# The newsroom's templates, partials, stylesheet and favicon, on top of Material's.
THEME = Path(__file__).parent / "theme"
# Stands for the page's title while a release page's header is rendered once for its folder (_header).
_TITLE_STAND_IN = "nr-page-title-5e0c7a3f"
# A release in a listing (_entry).
ENTRY = "partials/newsroom/entry.html"

# A release page whose template a worker has rendered (on_env): MkDocs' own render of it prints that.
PREBUILT = "newsroom/prebuilt.html"
# The plugins besides this one that may see a page's template context in a worker: their handlers
# depend on the page alone (see _contexts_are_per_page).
_PER_PAGE = ("mkdocs.contrib.search", "material.plugins.search")
# Material's search: the one plugin besides this one a preview of a text edit keeps up to date.
_SEARCH = "material.plugins.search.plugin"

# Before and after every other plugin's handler of an event, even those that ask to be first or last (±100).
FIRST, LAST = 1000, -1000


def _as_html(text: str) -> Markup:
    """Text as the HTML that MkDocs and Material take a page title (or search tag) to be: "&", "<",
    ">" and '"' escaped; an apostrophe stays, as in the titles Material's search takes from headings,
    so a search for "Waldenstrom's" still matches the title. Markup, so Jinja's "| e" leaves it."""
    return Markup(html_escape(text, quote=False).replace('"', "&quot;"))


def _toc_tokens(toc: Sequence[AnchorLink]) -> list[dict[str, Any]]:
    """A page's table of contents as the tokens MkDocs' get_toc makes it from."""
    return [{"level": a.level, "id": a.id, "name": a.title, "children": _toc_tokens(a.children)} for a in toc]


def _nav_items(items: Sequence[Any]) -> Iterator[Any]:
    """Every item of a navigation (sections, pages, links), depth first."""
    for item in items:
        yield item
        yield from _nav_items(getattr(item, "children", None) or ())


def _toc_signature(toc: Sequence[AnchorLink]) -> str:
    """What Material's toc partials print of a table of contents (its tokens, as the cache keeps
    them): a first heading of level 1 (the page's title) stands for its sections alone."""
    if toc and toc[0].level == 1:
        toc = toc[0].children
    return json.dumps(_toc_tokens(toc))


# Markdown extensions that put other files' text into a page (pymdownx.snippets' ``--8<--`` and
# ``auto_append``): a rendering depends on more than its page then.
_READS_FILES = ("pymdownx.snippets", "markdown_include", "mdx_include")


def _reads_files(extension: object) -> bool:
    name = extension if isinstance(extension, str) else type(extension).__module__
    return name.startswith(_READS_FILES)


def _cache_folder(config: MkDocsConfig) -> Path | None:
    """The build cache's folder beside mkdocs.yml; None (building without it, said once) when
    something that is no folder stands in its way."""
    if not config.config_file_path:
        return None
    folder = Path(config.config_file_path).parent / FOLDER
    blocked = next((path for path in (folder.parent, folder) if path.exists() and not path.is_dir()), None)
    if blocked is not None:
        log.info(f"{blocked} is not a folder, so the build cache cannot be kept there; building without it")
        return None
    return folder


def _search(config: MkDocsConfig) -> Any:
    """Material's search plugin, when the site has it switched on; None otherwise."""
    return next((plugin for plugin in config.plugins.values() if type(plugin).__module__ == _SEARCH and plugin.config.enabled), None)


def _excluded_from_search(page: Page) -> bool:
    """Whether the page's front matter keeps it out of search (``search: {exclude: true}``)."""
    return bool((page.meta.get("search") or {}).get("exclude"))


class _Prebuilt(NamedTuple):
    """A page's template output rendered by a worker (on_env): where it lies in the worker's
    file (one file per worker, not per page: creating thousands of files costs more than the
    rendering saves on some file systems), the SHA-256 of its release article when it is a
    release page's (or an earlier version's), and the build cache's compiled templates the
    worker first used for it (for the build to keep)."""

    path: Path
    offset: int
    length: int
    article: str | None
    templates: tuple[str, ...]

    def read(self) -> str:
        """The page's output, as the worker rendered it."""
        with self.path.open("rb") as file:
            file.seek(self.offset)
            return file.read(self.length).decode("utf-8")


def _from_custom_dir(env: Environment, custom_dir: str | None, name: str) -> bool:
    """Whether template ``name``, or one it includes, imports or extends by a name written in it,
    is a file of the site's ``custom_dir``."""
    if not custom_dir:
        return False
    if env.loader is None:
        return True
    root, seen, names = Path(custom_dir).resolve(), set(), [name]
    while names:
        current = names.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            source, filename, _ = env.loader.get_source(env, current)
        except TemplateNotFound:
            continue
        if filename is not None and Path(filename).resolve().is_relative_to(root):
            return True
        names.extend(found for found in meta.find_referenced_templates(env.parse(source)) if found is not None)
    return False


def _article_sha256(output: str) -> str | None:
    """The SHA-256 releases.json gives a release page's article (manifest.article_html); None
    when the page has none."""
    article = manifest.article_html(output)
    return None if article is None else manifest.sha256(article.encode("utf-8"))


def _reindexed(index: list[dict[str, Any]], url: str, render: Callable[[], str]) -> str:
    """``render()`` the page at ``url`` again, which search indexes (at the end of ``index``) as
    it renders; its new entries then take the place of its old ones, in the build's page order."""
    place = [at for at, entry in enumerate(index) if entry["location"] == url or entry["location"].startswith(f"{url}#")]
    mark = len(index)
    output = render()
    fresh = index[mark:]
    del index[mark:]
    start, end = (place[0], place[-1] + 1) if place else (mark, mark)
    if place != list(range(start, end)) or (fresh and not place):
        raise RuntimeError(f"no one place in the search index for {url}")
    index[start:end] = fresh
    return output


@dataclass(frozen=True)
class _Built:
    """The last whole build under `mkdocs serve`, as a preview of a text edit takes it up."""

    config: MkDocsConfig
    files: Files
    env: Environment
    # The files it read (newsroom.preview.snapshot) and the build date its sitemap says.
    stamps: dict[str, preview.Stamp]
    date: str


@dataclass
class _Section:
    """A section of a page as Material's search parser finds it: what its index entry is made of."""

    id: str | None
    title: list[str]
    text: list[str]


class _ReleasePage(Page):
    """A release's page: its Markdown becomes HTML through the build cache (``render_release``)."""

    plugin: NewsroomPlugin

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.plugin.render_release(self, config, files)


class NewsroomPlugin(BasePlugin[NewsroomConfig]):
    supports_multiple_instances = False
    # True under `mkdocs serve`, where a release that cannot be published must not stop the server.
    previewing = False
    # `mkdocs serve --dirty` rebuilds over the previous preview in place, as MkDocs does: nothing to
    # swap. A `--dirty` build or gh-deploy is refused (on_config).
    dirty = False
    # The feeds being written in a second process, from on_env until on_post_build.
    feed_writer: Background[Any] | None = None
    # The site this build replaces once it has succeeded, from on_config until it is swapped in or discarded.
    target: SiteDir | None = None
    site_dir = ""
    # Under --strict, the warnings of this build: MkDocs aborts on them only after on_post_build.
    warnings: CountHandler | None = None
    # The private key that signs releases.json, and its allowed-signers line; None: unsigned.
    signing_key: Path | None = None
    signers = ""
    # The nav page whose tab is marked current while a page beneath it renders.
    active_tab: Page | None = None
    # Release renderings by cache key, kept across `mkdocs serve` rebuilds; None until the first build.
    renderings: dict[str, Entry] | None = None
    render_cache: RenderCache | None = None
    cache_folder: Path | None = None
    parse_cache: ParseCache | None = None
    # Search's sections of pages by cache key, kept across `mkdocs serve` rebuilds (None in a build), and their cache.
    sections: dict[str, list[list[Any]]] | None = None
    search_cache: SearchCache | None = None
    # Compiled templates by cache key, likewise.
    compiled: dict[str, str] | None = None
    template_cache: TemplateCache | None = None
    # The cache of the feeds' documents.
    feed_cache: FileCache | None = None
    # The hash of this package's code, part of every cache's keys.
    code = ""
    # Whether release pages' header is rendered once per folder (on_env, _header).
    shared_header = False
    # The navigation of this build (on_nav), and each release page's template output rendered
    # by a worker (on_env), by source URI, in the ``scratch`` folder until on_post_build.
    nav: Navigation | None = None
    prebuilt: dict[str, _Prebuilt] = {}
    scratch: Path | None = None
    # The output of the prebuilt page in MkDocs' hands (on_page_context to on_post_page).
    printed: str | None = None
    # Under `mkdocs serve`, the last whole build when a preview of a text edit can take it up,
    # and the releases whose feeds the previews since have not finished writing.
    built: _Built | None = None
    unwritten: frozenset[str] = frozenset()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having on_startup makes MkDocs keep this instance across `mkdocs serve` rebuilds; every
        # piece of build state is set again in on_config and on_pre_build, so none goes stale.
        self.previewing = command == "serve"
        self.dirty = dirty

    @event_priority(FIRST)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.built, self.unwritten = None, frozenset()
        if self.dirty:
            raise PluginError(
                "newsroom: --dirty is refused: MkDocs would rewrite only the pages whose files changed, so a release "
                "held back since the last build (an embargo added, a release removed) would stay on the site and in its listings; "
                "run it without --dirty (the build cache under .cache/newsroom/ keeps a build quick, and `mkdocs serve` "
                "previews an edit of a release's text in place by itself)"
            )
        try:
            now()  # before MkDocs reads SOURCE_DATE_EPOCH itself (and fails with a traceback)
        except ClockError as exc:
            raise PluginError(f"newsroom: {exc}") from None
        # Both checked by the config (config.py).
        self.zone = ZoneInfo(self.config.timezone)
        self.release_time = time.fromisoformat(self.config.release_time)
        if self.config.enabled and not config.use_directory_urls:
            # Every address the newsroom gives (releases/<slug>/, feeds, listings) is a folder.
            raise PluginError("newsroom: needs 'use_directory_urls: true' (the MkDocs default): releases, topics and products live at folder addresses such as releases/<slug>/")
        if config.site_url and any(character.isspace() for character in config.site_url):
            # Every feed, sitemap and permalink carries it: a space would break them all.
            raise PluginError(f"newsroom: site_url {config.site_url!r} has white space in it: write a space as %20")
        if self.config.enabled and self.config.feeds and not config.site_url:
            raise PluginError(
                "newsroom: feeds need absolute URLs, so mkdocs.yml needs a 'site_url' "
                "(for example https://example.github.io/newsroom/), or the plugin option 'feeds: false'; "
                "'mkdocs serve' sets one itself"
            )
        self.site = metadata.Site(
            name=config.site_name,
            url=config.site_url or "",
            company=self.config.company,
            ticker=self.config.ticker,
            language=config.theme.get("language") or "en",
        )
        # Armed page by page in on_page_markdown: only edited releases lose raw HTML. MkDocs types
        # the list as extension names; Python-Markdown takes instances too, and this one carries state.
        self.safe_markdown = SafeMarkdown(allow_html=self.config.allow_html)
        config.markdown_extensions.append(self.safe_markdown)  # type: ignore[arg-type]
        self._signing(config)
        # Once per plugin (the rebuilds of one `mkdocs serve` share it): the code that runs is the code imported.
        self.code = self.code or code_digest()
        self.cache_folder = _cache_folder(config) if self.config.cache else None
        # Made in on_pre_build: a hook or another plugin may add Markdown extensions in its on_config, after this one.
        self.render_cache = None
        self.parse_cache, self.search_cache, self.template_cache, self.feed_cache = self._caches(self.cache_folder)
        self._add_templates(config)
        self._build_aside(config)
        return config

    def _signing(self, config: MkDocsConfig) -> None:
        """The key that signs releases.json, when one is set: a key that cannot sign stops the
        build here, before anything is written, rather than publish a manifest left unsigned."""
        self.signing_key, self.signers = None, ""
        if not (self.config.enabled and self.config.signing_key):
            return
        key = Path(config.config_file_path or ".").parent / self.config.signing_key
        try:
            self.signers = signing.allowed_signers(key, signing.principal_for(config.site_url or ""))
            signing.sign(b"newsroom", key)
        except signing.SigningError as exc:
            raise PluginError(f"newsroom: signing_key: {exc}") from None
        self.signing_key = key

    def _render_cache(self, config: MkDocsConfig, folder: Path | None) -> RenderCache | None:
        """This build's cache of release renderings, keyed by everything global that shapes them;
        None ('cache: false', another plugin may change a page's source or Markdown, or an
        extension reads other files into pages, which no key would cover): then MkDocs renders
        every page itself, one by one, with no shortcut."""
        if not self.config.cache or any(_reads_files(extension) for extension in config.markdown_extensions):
            return None
        for event in ("pre_page", "page_read_source", "page_markdown"):
            if any(getattr(handler, "__self__", None) is not self for handler in config.plugins.events[event]):
                return None
        if self.renderings is None:
            self.renderings = {}
        extensions = [f"newsroom.safe_markdown(allow_html={self.config.allow_html})" if ext is self.safe_markdown else ext for ext in config.markdown_extensions]
        settings = fingerprint({
            "versions": versions(),
            # This package's code (the extension that arms edited releases is part of it): an edit counts without a new version.
            "code": self.code,
            "extensions": extensions,
            "extension_configs": config.mdx_configs,
            "use_directory_urls": config.use_directory_urls,
        })
        return RenderCache(folder, settings, self.renderings)

    def _caches(self, folder: Path | None) -> tuple[ParseCache | None, SearchCache | None, TemplateCache | None, FileCache | None]:
        """This build's caches of text releases' parses, of the sections search finds in pages, of
        compiled templates and of feed documents, in ``folder`` ('cache: false' or no folder: none)."""
        if folder is None:
            return None, None, None, None
        # Each depends on the versions and the code besides what its keys hold.
        settings = fingerprint({"versions": versions(), "code": self.code})
        # Sections and compiled templates stay in memory too only for the next `mkdocs serve`
        # rebuild: a build reads each once.
        if self.previewing and (self.sections is None or self.compiled is None):
            self.sections, self.compiled = {}, {}
        template_settings = fingerprint({"versions": versions(("mkdocs-newsroom", "mkdocs", "mkdocs-material", "jinja2", "markupsafe")), "code": self.code})
        feed_settings = fingerprint({"versions": versions(("mkdocs-newsroom", "feedgen", "lxml")), "code": self.code})
        return (
            ParseCache(folder, settings, None),
            SearchCache(folder, settings, self.sections),
            TemplateCache(folder, template_settings, self.compiled),
            FileCache(folder, feed_settings),
        )

    def _index_page(self, index: Any, page: Page) -> None:
        """Material's ``SearchIndex.add_entry_from_context``, with the sections its parser finds in
        the page's HTML taken from the build cache when the same HTML was indexed before (the
        parse is most of indexing, and a page's entries are made from its sections as ever)."""
        if _excluded_from_search(page):
            return
        for id_, title, text in self._sections(page.content or ""):
            index.create_entry_for_section(_Section(id_, list(title), list(text)), page.toc, page.url, page)

    def _sections(self, html: str) -> list[list[Any]]:
        """The sections (id, title, text) Material's search parser finds in ``html``, from the
        build cache when it holds them, else parsed and kept there."""
        assert self.search_cache is not None
        key = self.search_cache.key(html)
        sections = self.search_cache.get(key)
        if sections is None:
            parser = SearchParser()
            parser.feed(html)
            parser.close()
            sections = [[section.id, section.title, section.text] for section in parser.data if not section.is_excluded()]
            self.search_cache.put(key, sections)
        return sections

    def render_release(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """``Page.render`` for a release, from the cache when it holds the rendering (as MkDocs
        would have made it, table of contents and anchors included), else rendered and kept."""
        assert self.render_cache is not None and page.markdown is not None
        key = self.render_cache.key(page.file.src_uri, page.markdown, self.safe_markdown.edited)
        entry = self.render_cache.get(key)
        if entry is None:
            fresh = self._render_fresh(page, config, files)
            if fresh is not None:
                self.render_cache.put(key, fresh)
            return
        page.content = entry["html"]
        page.toc = get_toc(entry["toc"])  # type: ignore[arg-type]  # checked tokens (newsroom.cache)
        page._title_from_render = entry["title"]
        page.present_anchor_ids = set(entry["anchors"])
        if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = {}  # a cached rendering links to no other page (cache.self_contained)
        self.safe_markdown.removed = []  # a cached rendering removed nothing, or it would not be cached

    def _render_fresh(self, page: Page, config: MkDocsConfig, files: Files) -> Entry | None:
        """MkDocs' own rendering of ``page``; what it made as a cache entry, or None when the result
        depends on more than the key: a warning, a removed attribute, a relative link or anchor link."""
        counter = CountHandler()
        counter.setLevel(logging.WARNING)
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(counter)
        try:
            Page.render(page, config, files)
        finally:
            mkdocs_log.removeHandler(counter)
        assert page.content is not None
        if counter.get_counts() or self.safe_markdown.removed or page.links_to_anchors or not self_contained(page.content):
            return None
        anchors = sorted(page.present_anchor_ids or ())
        return Entry(html=page.content, toc=_toc_tokens(list(page.toc)), title=page._title_from_render, anchors=anchors)

    def _render_alone(self, missing: tuple[str, Page, bool], config: MkDocsConfig, files: Files, indexing: bool) -> Entry | None:
        """In a forked worker: render a page the cache lacks (its source read and its Markdown
        handled before the fork, ``edited`` arming the safe-Markdown extension) as
        ``_populate_page`` would, and write it to the cache on disk under its key (with
        ``indexing``, search's sections of it too). Its messages would not reach the build (nor
        --strict), so they are dropped here and a page that has any comes back None, for the
        build to render again itself, messages and all."""
        key, page, edited = missing
        logging.getLogger("mkdocs").handlers = []
        assert self.render_cache is not None
        self.safe_markdown.edited = edited
        entry = self._render_fresh(page, config, files)
        if entry is not None:
            self.render_cache.put(key, entry)
            if indexing and not _excluded_from_search(page):
                # Search's parse of the page, as the build will index it (after this plugin's
                # on_page_content), here on every core rather than in the build's page loop;
                # kept on disk, where the build finds it by the HTML (another plugin that
                # changes the HTML means a parse of its own).
                self._sections(self.on_page_content(entry["html"], page, config, files) or "")
        return entry

    def _add_templates(self, config: MkDocsConfig) -> None:
        """Put the newsroom's templates after the site's own custom_dir (which may override any of
        them) and before the theme's, so `theme: material` needs no copy of them."""
        dirs = config.theme.dirs
        if str(THEME) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))

    def _build_aside(self, config: MkDocsConfig) -> None:
        """Point site_dir, for every plugin and MkDocs itself, at a fresh folder beside the site."""
        site = SiteDir.of(config.site_dir)
        try:
            if not self.previewing:  # `mkdocs serve` builds in a temporary folder of its own
                site.lock(lambda holder: log.info(f"another build (process {holder or '?'}) is writing {site.path}; waiting for it to finish"))
            building = site.start()
        except OSError as exc:
            raise PluginError(f"newsroom: cannot build beside {site.path}: {exc}") from None
        self.target, self.site_dir = site, config.site_dir
        config.site_dir = str(building)
        if config.strict:
            self.warnings = CountHandler()
            self.warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self.warnings)

    def _swap_in(self, config: MkDocsConfig) -> None:
        """The build succeeded: its site replaces the previous one, and site_dir is the site again (gh-deploy pushes it)."""
        self._stop_counting()
        if self.target is not None:
            config.site_dir = self.site_dir
            self.target.swap_in()
            self.target = None

    def _discard(self) -> SiteDir | None:
        """The build failed or was interrupted: its unfinished site goes; the previous one, returned, stays."""
        self._stop_counting()
        self._clear_prebuilt()
        if self.feed_writer is not None:
            self.feed_writer.cancel()
        target, self.target = self.target, None
        if target is not None:
            target.discard()
        return target

    def _stop_counting(self) -> None:
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            self.warnings = None

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.render_cache = self._render_cache(config, self.cache_folder)
        # What the build is about to read, for the next rebuild of `mkdocs serve` to compare.
        self.stamps = preview.snapshot(self._watched(config)) if self.previewing else {}
        plan, findings = self._make_plan(config)
        self._report(plan, findings)
        self.plan = plan
        search = _search(config)
        if search is not None and self.search_cache is not None:
            # Made by search's on_config, which runs after this plugin's.
            search.search_index.add_entry_from_context = partial(self._index_page, search.search_index)
        # The article SHA-256 of each release page as written (on_post_page), by slug and version
        # number (None: the current text).
        self.articles: dict[tuple[str, int | None], str] = {}

    def _make_plan(self, config: MkDocsConfig, data: tuple[Catalogue, Vocabulary] | None = None) -> tuple[Plan, Collection]:
        """Read and check every release and make the build's plan (with the catalogue and tag
        rules ``data`` when they are known to read as before); the collection holds what
        reading found, for ``_report`` to say once the plan is used."""
        docs = Path(config.docs_dir)
        if self.config.enabled:
            try:
                if data is None:
                    catalogue = load_catalogue(docs / self.config.products_file, self.config.products_file, stage_names(self.config.stages))
                    data = catalogue, load_vocabulary(docs / self.config.tags_file, catalogue, self.config.tags_file)
                catalogue, vocabulary = data
                collection = collect(
                    docs, catalogue, vocabulary, self.config.company,
                    keep_parses=self.previewing, zone=self.zone, ignore=self.config.ignore, parses=self.parse_cache,
                )
                unknown = unknown_releases(catalogue.all_stages(), {source.entry.slug for source in collection.sources}, self.config.products_file)
                if unknown is not None:
                    raise unknown
            except DataError as exc:
                raise PluginError(f"newsroom: {exc}") from None
        else:
            catalogue, vocabulary, collection = Catalogue(()), Vocabulary(()), Collection()
        collection.findings += stale_findings((source.entry for source in collection.sources), catalogue, self.config.stale_facts_after)
        settings = Settings(
            site=self.site,
            release_time=self.release_time,
            zone=self.zone,
            description=config.site_description or "",
            home_count=self.config.home_count,
            feed_length=self.config.feed_length,
            feeds=self.config.enabled and self.config.feeds,
            signers=self.signers,
            timelines=self.config.timelines,
            email_alerts_url=self.config.email_alerts_url,
            hub=self.config.websub_hub,
        )
        moment = now()
        # Each release's versions, read from git in one pass over the releases folder.
        histories = history.of_sources(docs / RELEASES_DIR, collection.sources, self.release_time, self.zone, moment)
        return Plan(collection.sources, catalogue, vocabulary, settings, moment, histories), collection

    def _report(self, plan: Plan, collection: Collection) -> None:
        """Say what reading the releases found and what is held back; outside `mkdocs serve`, a
        release that cannot be published stops the build."""
        if not self.config.enabled:
            # A newsroom without releases: the templates still have their (empty) data, and
            # on_files still keeps every file under releases/ out of the site.
            log.info(f"disabled ('enabled: false'): no release is published and nothing under {RELEASES_DIR}/ is copied")
        for finding in collection.findings:
            # Publishable but suspect text is noted, not warned: it must not fail --strict.
            (log.error if finding.level == "error" else log.info)(str(finding))
        if collection.errors:
            count = len(collection.errors)
            if not self.previewing:
                raise PluginError(f"newsroom: {count} release(s) cannot be published; first: {collection.errors[0]}")
            # A failed rebuild would stall `mkdocs serve` until the file is fixed: preview the rest instead.
            log.error(f"{count} release(s) cannot be published and are left out of the preview until fixed")
        if plan.held:
            until = ", ".join(f"{s.src_uri} until {when.isoformat()}" for when, s in plan.held)
            log.info(f"holding back {len(plan.held)} embargoed or future release(s): {until}")

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        data_files = {self.config.products_file, self.config.tags_file}
        for file in list(files):
            # Nothing under releases/ is published as it is: only the pages made from releases.
            if in_releases(file.src_uri) or file.src_uri in data_files:
                files.remove(file)
        if not self.config.enabled:
            return files
        for src_uri, source in self.plan.sources.items():
            # The body only: the plugin hands MkDocs the front matter it already has (on_page_markdown),
            # which spares a YAML round trip per release.
            file = File.generated(config, src_uri, content=source.body, inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(file)
            if self.render_cache is not None:
                _ReleasePage(None, file, config).plugin = self
        for src_uri, version in self.plan.versions.items():
            files.append(File.generated(config, src_uri, content=version.body, inclusion=InclusionLevel.NOT_IN_NAV))
        for src_uri, markdown in self.plan.listing_pages().items():
            if files.get_file_from_path(src_uri) is None:
                inclusion = InclusionLevel.UNDEFINED if src_uri.endswith("index.md") else InclusionLevel.NOT_IN_NAV
                files.append(File.generated(config, src_uri, content=markdown, inclusion=inclusion))
        for path, html in self.plan.redirects().items():
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=html))
        # The site's own robots.txt, if any, gets the sitemap lines it lacks.
        robots = files.get_file_from_path(ROBOTS)
        if robots is not None:
            files.remove(robots)
        for src_uri, text in self.plan.crawler_files(robots.content_string if robots is not None else None).items():
            files.append(File.generated(config, src_uri, content=text))
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        if self.render_cache is not None:
            self._prerender(config, files)
        return nav

    def _prerender(self, config: MkDocsConfig, files: Files) -> None:
        """Render the releases whose renderings the cache lacks on every core, before MkDocs
        renders its pages one by one (it then finds each release's ready)."""
        assert self.render_cache is not None
        missing: list[tuple[str, Page, bool]] = []
        for src_uri, source in self.plan.sources.items():
            file = files.get_file_from_path(src_uri)
            page = file.page if file is not None else None
            if not isinstance(page, _ReleasePage):
                continue  # listed in the nav by the site: MkDocs made it a plain page
            page.read_source(config)
            assert page.markdown is not None
            page.markdown = self.on_page_markdown(page.markdown, page, config, files)
            assert page.markdown is not None
            key = self.render_cache.key(src_uri, page.markdown, source.edited)
            if self.render_cache.get(key) is None:
                missing.append((key, page, source.edited))
        self.safe_markdown.edited = False
        # The workers parse the pages for search too when the search cache stands in for Material's parse.
        searched = self.search_cache if missing and _search(config) is not None else None
        if searched is not None:
            searched.open()  # once, before the workers fork
        rendered = fork_map(partial(self._render_alone, config=config, files=files, indexing=searched is not None), missing, PARALLEL_FROM)
        for (key, _, _), entry in zip(missing, rendered or [], strict=False):
            if entry is not None:
                self.render_cache.put(key, entry, on_disk=False)  # the worker wrote it there
        if rendered and searched is not None:
            searched.rescan()  # the sections the workers found

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        source = self.plan.sources.get(page.file.src_uri)
        version = self.plan.versions.get(page.file.src_uri)
        if source is not None:
            # Search indexes the page's tags as HTML, so they go in escaped like the title below.
            tags = [_as_html(name) for name in source.entry.tags]
            page.meta = {**source.meta, "title": source.entry.title, "tags": tags, "template": "newsroom/release.html"}
        elif version is not None:
            page.meta = version.meta
        title = page.meta.get("title")
        if title is not None and not isinstance(title, Markup):
            # MkDocs hands a page title to templates as HTML (a title taken from a heading is HTML)
            # and Material prints it unescaped (header, tabs, nav, search): a headline, tag or product
            # name from front matter is text, so it goes in escaped, as Markup so it is escaped once.
            page.meta["title"] = _as_html(str(title))
        self.safe_markdown.edited = (source is not None and source.edited) or (version is not None and version.edited)
        if page.meta.get("template", "").startswith("newsroom/"):
            # A newsroom, not a manual: no section sidebar and no table of contents beside
            # releases and listings (a release's only headings are its boilerplate "About"
            # sections, and the listings have their own year and topic navigation).
            page.meta.setdefault("hide", ["navigation", "toc"])
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        source = self.plan.sources.get(page.file.src_uri)
        if self.safe_markdown.removed:
            log.warning(f"{page.file.src_uri}: removed unsafe attributes: {', '.join(self.safe_markdown.removed)}")
        # Disarmed until the next edited release, whoever converts Markdown in between.
        self.safe_markdown.edited = False
        if source is not None:
            html = self.plan.rendered(source, html)
        elif page.file.src_uri in self.plan.versions:
            html = self.plan.rendered_version(page.file.src_uri, html)
        return html

    def on_page_context(  # type: ignore[override]  # MkDocs passes the context positionally, the rest by name
        self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        uri, url = page.file.src_uri, page.canonical_url or ""
        prebuilt = self.prebuilt.get(uri)
        if prebuilt is not None:
            context["newsroom_prebuilt"] = self.printed = prebuilt.read()
            return context
        source = self.plan.sources.get(uri)
        if source is not None:
            data = self.plan.release_data(source, url)
            context["tags"] = data.tags
        elif uri in self.plan.versions:
            data = self.plan.version_data(uri)
            context["tags"] = data.tags
        else:
            description = page.meta.get("description") or config.site_description or ""
            data = self.plan.page_data(uri, url, page_title(page.title, config.site_name, page.is_homepage), description)
        context["newsroom"] = data.newsroom
        # The tab of the listing the page belongs under is marked current (Material reads nav items' "active").
        section = self.plan.section(uri) if page not in nav.pages else None
        self.active_tab = next((item for item in nav.pages if item.file.src_uri == section), None)
        if self.active_tab is not None:
            self.active_tab.active = True
        return context

    def _unmark_tab(self) -> None:
        """The tab marked current for the page just rendered (on_page_context) is unmarked."""
        if self.active_tab is not None:
            self.active_tab.active = False
            self.active_tab = None

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        self._unmark_tab()
        uri = page.file.src_uri
        printed, self.printed = self.printed, None
        key = self._article_key(uri)
        if key is None:
            return output
        prebuilt = self.prebuilt.get(uri)
        # The worker that rendered the page cut its article already, unless the output changed since.
        article = prebuilt.article if prebuilt is not None and prebuilt.article is not None and output == printed else _article_sha256(output)
        if article is None:
            raise PluginError(
                f"newsroom: {page.file.dest_uri}: no release article for releases.json: a custom release "
                "template must keep div.nr-release, its p.nr-print-masthead, the h1 and div.nr-release__body"
            )
        self.articles[key] = article
        return output

    def _article_key(self, uri: str) -> tuple[str, int | None] | None:
        """The key of a release page's (or an earlier version's) article in ``articles``: the
        release's slug and the version's number (None: the current text); None for any other page."""
        source, version = self.plan.sources.get(uri), self.plan.versions.get(uri)
        if source is not None:
            return (source.entry.slug, None)
        if version is not None:
            return (version.slug, version.version.number)
        return None

    @event_priority(LAST)  # the workers must see the environment as every other plugin left it
    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        self.fragments: dict[tuple[object, ...], Markup] = {}
        self.shared_header = not _from_custom_dir(env, config.theme.custom_dir, "partials/header.html")
        self.entries: dict[tuple[object, ...], str] | None = None
        if self.render_cache is not None and not _from_custom_dir(env, config.theme.custom_dir, ENTRY):
            self.entries = {}
        env.globals["newsroom_fragment"] = pass_context(partial(NewsroomPlugin._fragment, self))
        env.globals["newsroom_entry"] = partial(NewsroomPlugin._entry, self)
        if self.template_cache is not None and env.bytecode_cache is None:
            env.bytecode_cache = CompiledTemplates(self.template_cache)
        self._clear_prebuilt()
        if self.render_cache is not None and self._contexts_are_per_page(config):
            self._prebuild(env, config, files)
        # MkDocs has converted every page's Markdown before it renders any template, so every
        # release's HTML is known here: the feeds render in a second process while MkDocs renders
        # the pages on one core (after the release pages' templates, which take every core),
        # and on_post_build waits for them.
        self.feed_writer = None
        if self.config.enabled and self.config.feeds:
            self.feed_writer = in_background(partial(feeds.write_all, self.plan.feeds(), Path(config.site_dir), self.plan.websub(), self.feed_cache))
        self.env, self.files = env, files
        return env

    def _fragment(self, context: Context, name: str, render: Callable[[], Markup]) -> Markup:
        """Block ``name`` of a release page's template (main.html), rendered once per build for
        every release page that renders it alike: the same folder (its links are relative), the
        same marked tabs and nav items, the same hidden sidebars and table of contents. Any other
        page's is rendered afresh."""
        page, nav = context.get("page"), self.nav
        if self.render_cache is None or not isinstance(page, Page) or nav is None or page.file.src_uri not in self.plan.sources:
            return render()  # 'cache: false', or another plugin may change pages: MkDocs renders every page whole
        # Links in the block are relative to the page: pages of one folder share them, unless a
        # nav item lies beneath the page itself.
        beneath = any(item.url.startswith(page.url) for item in nav.pages)
        key = (
            name,
            page.url if beneath else posixpath.dirname(page.url.rstrip("/")),
            tuple(item.active for item in _nav_items(nav.items)),
            tuple(page.meta.get("hide", ())),
            _toc_signature(list(page.toc)),
        )
        if name == "header":
            return self._header(page, key, render)
        found = self.fragments.get(key)
        if found is None:
            found = self.fragments[key] = render()
        return found

    def _header(self, page: Page, key: tuple[object, ...], render: Callable[[], Markup]) -> Markup:
        """The header block, shared like the others but for the page's title, the one thing of
        the page Material's header prints (once): rendered once with a stand-in that each page's
        title then replaces. Rendered afresh when a part of the header is the site's own
        (custom_dir: it may print more of the page), or the stand-in is not printed exactly once."""
        title = page.meta.get("title")
        if not self.shared_header or not isinstance(title, Markup) or not title:
            return render()
        found = self.fragments.get(key)
        if found is None:
            page.meta["title"] = Markup(_TITLE_STAND_IN)
            try:
                found = render()
            finally:
                page.meta["title"] = title
            if found.count(_TITLE_STAND_IN) != 1:
                self.shared_header = False
                return render()
            self.fragments[key] = found
        return Markup(str(found).replace(_TITLE_STAND_IN, str(title)))

    def _entry(self, *key: object, caller: Callable[[], str]) -> str:
        """A release in a listing (``caller``: the entry partial), rendered once per build for
        every listing that shows it alike, ``key`` (the release, whether with its lead, the link
        to it from the listing's page) being all of the page it depends on; afresh under 'cache:
        false', or when the site's custom_dir has a part of the entry (it may print more)."""
        if self.entries is None:
            return caller()
        found = self.entries.get(key)
        if found is None:
            found = self.entries[key] = caller()
        return found

    def _contexts_are_per_page(self, config: MkDocsConfig) -> bool:
        """Whether every other plugin that sees page contexts is one whose handler depends on the
        page alone (search: it indexes the page and strips its own attributes from the HTML), so
        a page's template renders in a worker exactly as in the build, which still runs them all."""
        return all(
            getattr(handler, "__self__", None) is self or type(getattr(handler, "__self__", None)).__module__.startswith(_PER_PAGE)
            for handler in config.plugins.events["page_context"]
        )

    def _prebuild(self, env: Environment, config: MkDocsConfig, files: Files) -> None:
        """Render the newsroom's pages' templates (releases, their versions, listings) on every
        core now; MkDocs then renders each as PREBUILT, which prints what the worker made (other
        plugins' context and post-page events still run)."""
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve if self.previewing else InclusionLevel.is_included)
        pages = [
            file.page
            for file in doc_files
            if file.page is not None and not file.inclusion.is_excluded() and str(file.page.meta.get("template", "")).startswith("newsroom/")
        ]
        # Inside the site being built, which is discarded whole if the build fails (not hidden: a
        # discarded build's hidden entries are moved into the site, see SiteDir); emptied before it is swapped in.
        self.scratch = Path(tempfile.mkdtemp(prefix="newsroom-pages-", dir=config.site_dir))
        render = partial(self._render_template, env=env, config=config, doc_files=doc_files, scratch=self.scratch)
        # The first page renders here, so the workers inherit the templates it compiled (Jinja
        # compiles a template on its first use in each process, and this one renders the 404 page
        # and the rest later) and the fragments it rendered. Not a page search would index: the
        # index is this process's.
        first = pages[:1] if len(pages) > PARALLEL_FROM and "data-search-" not in (pages[0].content or "") else []
        done = [render(page) for page in first] + (fork_map(render, pages[len(first) :], PARALLEL_FROM) or [])
        for page, prebuilt in zip(pages, done, strict=False):
            if prebuilt is not None:
                self.prebuilt[page.file.src_uri] = prebuilt
                page.meta["template"] = PREBUILT
                if self.template_cache is not None:
                    self.template_cache.used.update(prebuilt.templates)  # a worker's use counts for prune

    def _render_template(self, page: Page, env: Environment, config: MkDocsConfig, doc_files: Sequence[File], scratch: Path) -> _Prebuilt | None:
        """In a forked worker (or, once, before they fork): the output of ``page``'s template as
        MkDocs' _build_page renders it, written to a file in ``scratch``, and a release page's
        article hash; None (the build renders it itself, messages and errors and all) when
        rendering it logs a warning or fails."""
        counter = CountHandler()
        counter.setLevel(logging.WARNING)
        mkdocs_log = logging.getLogger("mkdocs")
        handlers, mkdocs_log.handlers = mkdocs_log.handlers, [counter]
        compiled = env.bytecode_cache.handled if isinstance(env.bytecode_cache, CompiledTemplates) else []
        seen = len(compiled)
        config._current_page = page
        page.active = True
        try:
            context = get_context(self.nav, doc_files, config, page)  # type: ignore[arg-type]  # set in on_nav
            template = env.get_template(page.meta.get("template", "main.html"))
            values: dict[str, Any] = dict(context)
            if "data-search-" in (page.content or ""):
                values = dict(config.plugins.on_page_context(context, page=page, config=config, nav=self.nav))  # type: ignore[arg-type]  # set in on_nav
            else:
                # Search would index the page (for this worker, in vain) and strip data-search-*
                # attributes from its HTML, which has none: only the newsroom's data changes the page.
                values = self.on_page_context(values, page, config, self.nav)  # type: ignore[arg-type]  # set in on_nav
            output = template.render(values)
            data = output.encode("utf-8")
            path = scratch / f"{os.getpid()}.html"
            with path.open("ab") as file:
                offset = file.tell()
                file.write(data)
            article = _article_sha256(output) if self._article_key(page.file.src_uri) is not None else None
        except Exception:
            return None
        finally:
            self._unmark_tab()
            page.active = False
            config._current_page = None
            mkdocs_log.handlers = handlers
        return None if counter.get_counts() else _Prebuilt(path, offset, len(data), article, tuple(compiled[seen:]))

    def _clear_prebuilt(self) -> None:
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
        self.prebuilt, self.scratch = {}, None

    @event_priority(LAST)
    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.feed_writer is not None:
            try:
                problems = self.feed_writer.wait()
            except RuntimeError as exc:
                raise PluginError(f"newsroom: writing the feeds failed: {exc}") from None
            for problem in problems or ():
                log.warning(problem)
        if self.config.enabled:
            self._write_manifest(config)
        # Even when --strict fails the build next: what the cache keeps does not depend on the
        # site being published, and a damaged pack it warned about goes now, not on every build.
        for cache in (self.render_cache, self.parse_cache, self.search_cache, self.template_cache):
            if cache is not None:
                cache.prune()
        if self.warnings is not None and self.warnings.get_counts():
            return  # MkDocs aborts the --strict build next, and on_build_error discards it
        self._clear_prebuilt()
        self._swap_in(config)
        if self.previewing and self._previewable(config):
            self.built = _Built(config, self.files, self.env, self.stamps, get_build_date())

    def _previewable(self, config: MkDocsConfig) -> bool:
        """Whether a text edit can be previewed without a whole build: release pages render as
        the build cache renders them, and no plugin but search sees the pages (another one's
        part in the site could depend on any page), and no warning must stop the build."""
        return (
            self.config.enabled
            and self.render_cache is not None
            and not config.strict
            and all(type(plugin).__module__ in (__name__, _SEARCH) for plugin in config.plugins.values())
        )

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[[], None]) -> LiveReloadServer:
        server.builder = partial(self._rebuild, builder)
        return server

    def _rebuild(self, build: Callable[[], None]) -> None:
        """`mkdocs serve`'s rebuild: when releases' text is all that changed since the last build
        (newsroom.preview), only their pages, the feeds that carry them, the search index and
        releases.json are written again; anything else, or anything that goes wrong, is MkDocs'
        whole build (which says what went wrong)."""
        started = perf_counter()
        try:
            self._settle_writer()
            edited = self._preview_text_edits()
        except Exception as exc:  # the whole build that follows meets and reports it
            log.debug(f"previewing the edit failed ({exc!r}): building the whole site")
            edited = None
        if edited is None:
            build()
            return
        log.info(f"previewed the text of {', '.join(edited)} in {perf_counter() - started:.2f} seconds; every other page is as built")

    def _settle_writer(self) -> None:
        """The last preview's releases.json and feeds: written, or stopped half way while this
        rebuild writes them again (with those of the edits that preview had not written yet)."""
        writer, self.feed_writer = self.feed_writer, None
        if writer is None:
            return
        if writer.running():
            writer.cancel()
            return
        try:
            writer.wait()
            self.unwritten = frozenset()
        except RuntimeError as exc:
            log.error(f"writing the feeds of the preview failed: {exc}")
            self.built = None

    @staticmethod
    def _watched(config: MkDocsConfig) -> list[str]:
        """What the site is made of that `mkdocs serve` watches: the docs, mkdocs.yml, the
        'watch' paths and the theme's custom_dir (not the installed themes' own folders)."""
        return [config.docs_dir, *filter(None, [config.config_file_path, config.theme.custom_dir]), *config.watch]

    def _preview_text_edits(self) -> list[str] | None:
        """Write again what an edit of releases' text changed (newsroom.preview.text_edits), in
        place in the served site; the edited files, or None when this cannot be done."""
        built = self.built
        if built is None:
            log.debug("a whole build: the last one was not previewable or did not finish")
            return None
        config, files = built.config, built.files
        stamps = preview.snapshot(self._watched(config))
        edited = preview.changed(built.stamps, stamps)
        if not edited or not preview.only_release_texts(edited, config.docs_dir, built.stamps, stamps) or get_build_date() != built.date:
            log.debug(f"a whole build: not only releases changed ({', '.join(sorted(edited)) or 'no file'}), or the date did")
            return None
        # Only releases changed: the catalogue and the tag rules read as they did.
        plan, collection = self._make_plan(config, (self.plan.catalogue, self.plan.vocabulary))
        touched = preview.text_edits(self.plan, plan)
        pages = [
            file.page
            for uri in sorted(touched or ())
            if (file := files.get_file_from_path(uri)) is not None and (isinstance(file.page, _ReleasePage) or (uri in plan.versions and file.page is not None))
        ]
        if touched is None or len(pages) != len(touched):
            # (A release the site lists in its nav is a page of MkDocs' own.)
            log.debug("a whole build: more than releases' words changed, or the clock passed a time that changes the site")
            return None
        search = _search(config)
        # Until this preview is whole, the next rebuild is a whole build.
        self.built = None
        self._report(plan, collection)
        # Every other release's text, and so its HTML, is as the last build converted it.
        plan.html.update(self.plan.html)
        plan.version_html.update(self.plan.version_html)
        self.plan = plan
        site = Path(config.site_dir)
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        index: list[dict[str, Any]] = search.search_index.entries if search is not None else []
        for page in pages:
            if page.file.src_uri in plan.sources:
                page.file.content_string = plan.sources[page.file.src_uri].body
            output = _reindexed(index, page.url, partial(self._render_page, page, config, files, doc_files, built.env))
            manifest.write_atomic(site / page.file.dest_uri, output.encode("utf-8", errors="xmlcharrefreplace"))
        if search is not None:
            manifest.write_atomic(site / "search" / "search_index.json", search.search_index.generate_search_index(None).encode("utf-8"))
        # releases.json and the feeds follow in a second process, beside the next edit's preview.
        self.unwritten |= touched
        self.feed_writer = in_background(partial(self._write_after_preview, config, self.unwritten))
        self.built = replace(built, stamps=stamps)
        # As the snapshot names them: under the docs folder's absolute path (preview.only_release_texts).
        return sorted(Path(path).relative_to(os.path.abspath(config.docs_dir)).as_posix() for path in edited)

    def _write_after_preview(self, config: MkDocsConfig, edited: frozenset[str]) -> None:
        """In a forked process: releases.json, and the feeds that carry the ``edited`` releases."""
        self._write_manifest(config)
        if self.config.feeds:
            preview.write_feeds(self.plan, edited, Path(config.site_dir))

    def _render_page(self, page: Page, config: MkDocsConfig, files: Files, doc_files: Sequence[File], env: Environment) -> str:
        """A page's output as MkDocs' _populate_page and _build_page make it, every plugin's page events included."""
        config._current_page = page
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            assert page.markdown is not None
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            page.render(config, files)
            assert page.content is not None
            page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
            page.active = True
            context = get_context(self.nav, doc_files, config, page)  # type: ignore[arg-type]  # set in on_nav
            template = env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)  # type: ignore[arg-type]  # set in on_nav
            return config.plugins.on_post_page(template.render(context), page=page, config=config)
        finally:
            page.active = False
            config._current_page = None

    def _write_manifest(self, config: MkDocsConfig) -> None:
        """releases.json, and when a key is set its signature and the allowed-signers line;
        an unsigned build leaves no signature of an earlier one (a --dirty build writes in place)."""
        site = Path(config.site_dir)
        data = manifest.dumps(self.plan.manifest(self.articles, Path(config.docs_dir)))
        manifest.write_atomic(site / manifest.MANIFEST, data)
        signature, signers = site / f"{manifest.MANIFEST}.sig", site / signing.SIGNERS
        if self.signing_key is None:
            signature.unlink(missing_ok=True)
            signers.unlink(missing_ok=True)
            return
        try:
            manifest.write_atomic(signature, signing.sign(data, self.signing_key))
        except signing.SigningError as exc:
            raise PluginError(f"newsroom: signing {manifest.MANIFEST}: {exc}") from None
        manifest.write_atomic(signers, self.signers.encode("utf-8"))

    @event_priority(LAST)
    def on_build_error(self, error: Exception) -> None:
        kept = self._discard()
        if isinstance(error, OSError):
            # The system refused a read or a write (a full disk, a permission): one line, not a traceback.
            kept_site = f"; the previous site in {kept.path} is left as it was" if kept is not None else ""
            log.error(f"the build failed: {error}{kept_site}")
            raise Abort("Aborted with an error from the system.") from None

    def on_shutdown(self) -> None:
        # A build interrupted by Ctrl-C (KeyboardInterrupt) ends here without on_build_error.
        self._discard()
