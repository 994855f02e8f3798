"""The ``newsroom`` command: thin glue over the parser, writer and collection."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click
import yaml

from .catalogue import Catalogue, load_catalogue
from .collection import RELEASES_DIR, collect, release_files
from .importer.fetch import TIMEOUT, USER_AGENT, Client
from .importer.page import ImportFailure
from .importer.run import import_source
from .markdown_writer import to_markdown
from .model import Finding, InputError
from .publication import now
from .tagging import Vocabulary, classify, load_vocabulary
from .wire import parse_file
from .wire.embargo import DEFAULT_ZONE

DEFAULT_CONTENT = Path("content")


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: tags such as !ENV become None."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _plugin_options(config_file: Path) -> dict[str, object]:
    """The ``newsroom`` plugin's options in mkdocs.yml, so check and build agree on them."""
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except (OSError, yaml.YAMLError):
        return {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("newsroom"), dict):
            return plugin["newsroom"]
    return {}


def _docs_dir(config_file: Path) -> Path:
    """The site's docs_dir, from its mkdocs.yml: where an import writes. Without a mkdocs.yml a
    file written into ./content would be in no newsroom, so that is refused."""
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except OSError:
        raise click.UsageError(f"no {config_file} here: run this in the newsroom's folder, or give -f mkdocs.yml or --content DOCS_DIR") from None
    except yaml.YAMLError as exc:
        raise click.ClickException(f"{config_file}: not readable YAML: {exc}") from None
    docs_dir = config.get("docs_dir", "docs") if isinstance(config, dict) else "docs"
    return config_file.parent / str(docs_dir or "docs")


def _zone(options: dict[str, object], config_file: Path) -> ZoneInfo:
    """The plugin's ``timezone``: the zone of an embargo time printed without one, as in the build."""
    name = str(options.get("timezone") or DEFAULT_ZONE.key)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise click.ClickException(f"{config_file}: unknown timezone {name!r} (use an IANA name such as 'America/New_York')") from None


def _data(content: Path):  # type: ignore[no-untyped-def]
    catalogue = load_catalogue(content / "products.yml", str(content / "products.yml"))
    return catalogue, load_vocabulary(content / "tags.yml", catalogue, str(content / "tags.yml"))


@click.group()
@click.version_option(package_name="mkdocs-newsroom")
def main() -> None:
    """Turn plain-text press releases into an investor-relations newsroom."""


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path), help="Write NAME.md into this folder instead of printing.")
@click.option("--content", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_CONTENT, show_default=True, help="Folder with products.yml and tags.yml.")
@click.option("-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path), default=Path("mkdocs.yml"), show_default=True, help="Its newsroom 'timezone' reads embargo times printed without a zone.")
def convert(file: Path, out_dir: Path | None, content: Path, config_file: Path) -> None:
    """Print the front-mattered Markdown of one release FILE."""
    zone = _zone(_plugin_options(config_file), config_file)
    try:
        catalogue, vocabulary = _data(content)
        release = parse_file(file, zone=zone)
    except InputError as exc:
        raise click.ClickException(str(exc.finding)) from None
    for finding in release.findings:
        click.echo(str(finding), err=True)
    markdown = to_markdown(release, *classify(release.news_text, catalogue, vocabulary))
    if out_dir is None:
        click.echo(markdown, nl=False)
        return
    target = out_dir / f"{file.stem}.md"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {target}: {exc.strerror}") from None
    click.echo(f"wrote {target}", err=True)


def _targets(paths: tuple[Path, ...], ignore: list[str]) -> tuple[list[tuple[Path, str]], list[Finding], Path | None]:
    """The release files to check, each with the path messages show; an error for every other
    file in a releases folder (as the build gives; any other folder may hold anything); and the
    folder whose products.yml and tags.yml apply: a docs_dir's own, or the one above a releases folder."""
    files: list[tuple[Path, str]] = []
    others: list[Finding] = []
    content: Path | None = None
    for path in paths:
        if path.is_file():
            files.append((path, str(path)))
            continue
        folder = path / RELEASES_DIR if (path / RELEASES_DIR).is_dir() else path
        found, not_releases = release_files(folder, ignore)
        files.extend((file, str(file)) for file in found)
        if folder.name == RELEASES_DIR:
            others.extend(Finding(str(file), None, "error", reason) for file, reason in not_releases)
        if content is None:
            content = path if folder != path else path.parent if (path.parent / "products.yml").exists() else None
    return files, others, content


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--content", type=click.Path(exists=True, file_okay=False, path_type=Path), help="Folder with products.yml and tags.yml. [default: the docs_dir checked, or the one above a releases folder]")
@click.option("--company", help="Canonical company name; near misspellings are warnings. [default: the plugin's 'company' in mkdocs.yml]")
@click.option("-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path), default=Path("mkdocs.yml"), show_default=True)
def check(paths: tuple[Path, ...], content: Path | None, company: str | None, config_file: Path) -> None:
    """Lint releases: every *.txt and *.md under each PATH (a docs_dir, its releases/ folder, any
    folder, or release files; default: content). One line per finding, ``path:line: level: message``.

    Exits 1 when any release cannot be published, or when no release was found.
    """
    paths = paths or (DEFAULT_CONTENT,)
    if not all(path.exists() for path in paths):
        raise click.UsageError(f"no folder {DEFAULT_CONTENT}: give the folder or files to check")
    options = _plugin_options(config_file)
    ignore = options.get("ignore") or []
    if not isinstance(ignore, list) or not all(isinstance(glob, str) for glob in ignore):
        raise click.ClickException(f"{config_file}: the newsroom option 'ignore' must be a list of globs such as ['*.pdf']")
    files, findings, found_content = _targets(paths, ignore)
    if not files and not findings:
        looked = ", ".join(str(path) for path in paths)
        raise click.ClickException(f"no releases found in {looked}: looked for *.txt and *.md files (a docs_dir's are in its releases/ folder)")
    content = content or found_content
    if company is None:
        company = str(options.get("company") or "")
    zone = _zone(options, config_file)
    publishable = 0
    try:
        catalogue, vocabulary = _data(content) if content else (Catalogue(()), Vocabulary(()))
    except InputError as exc:
        findings.append(exc.finding)
    else:
        try:
            collection = collect(content or Path("."), catalogue, vocabulary, company, files=files, zone=zone)
        except InputError as exc:  # a tag pattern out of time
            findings.append(exc.finding)
        else:
            findings.extend(collection.findings)
            publishable = len(collection.sources)
    for finding in findings:
        click.echo(str(finding))
    counts = Counter(finding.level for finding in findings)
    click.echo(
        f"{publishable} release(s) ready to publish; {counts['error']} error(s), {counts['warning']} warning(s), {counts['note']} note(s)",
        err=True,
    )
    sys.exit(1 if counts["error"] else 0)


@main.command("import")
@click.argument("source")
@click.option("--content", type=click.Path(file_okay=False, path_type=Path), help="The docs_dir: files are written to its releases/ folder. [default: mkdocs.yml's docs_dir]")
@click.option("-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path), default=Path("mkdocs.yml"), show_default=True, help="Its docs_dir and newsroom 'timezone' (which dates a page's publication time).")
@click.option("--date", "given", type=click.DateTime(["%Y-%m-%d"]), help="The release's date, for a page whose text and metadata give none (an SEC exhibit without a dated dateline).")
@click.option("--timeout", type=click.FloatRange(min=1), default=TIMEOUT, show_default=True, help="Seconds to wait for each answer from the network.")
@click.option("--user-agent", envvar="NEWSROOM_USER_AGENT", default=USER_AGENT, help="The User-Agent sent; SEC EDGAR wants a company name and contact e-mail ('Acme Corp ir@acme.example'). [env: NEWSROOM_USER_AGENT]")
def import_(source: str, content: Path | None, config_file: Path, given: datetime | None, timeout: float, user_agent: str) -> None:
    """Import a release from SOURCE: a saved page or URL of a release on GlobeNewswire, Business
    Wire, PR Newswire or ACCESS Newswire, an SEC exhibit (ex99*.htm), or an RSS/Atom feed of them.

    Writes content/releases/YYYY-MM-DD-<slug>.txt with a leading date line and never overwrites a
    file. For a feed, each item not imported before (by address, in releases/.imported.tsv) and
    not dated in the future. Exits 1 when anything could not be imported.
    """
    zone = _zone(_plugin_options(config_file), config_file)
    if content is None:
        content = _docs_dir(config_file)
    try:
        report = import_source(source, content / RELEASES_DIR, zone, now(), given.date() if given else None, Client(timeout, user_agent), lambda message: click.echo(message, err=True))
    except ImportFailure as exc:
        raise click.ClickException(str(exc)) from None
    for path in report.written:
        click.echo(f"wrote {path}")
    for message in report.skipped:
        click.echo(f"skipped {message}", err=True)
    for message in report.failed:
        click.echo(f"Error: {message}", err=True)
    if not report.written and not report.failed:
        click.echo("nothing new to import", err=True)
    sys.exit(1 if report.failed else 0)
