"""The ``newsroom`` command: thin glue over the parser, writer and collection.

Every command works on one newsroom project, whose ``mkdocs.yml`` it finds upward from the files
it is given (or the working directory), so it reads the same products, tags, company, time zone
and ignore globs as ``mkdocs build`` (``newsroom/project.py``).
"""

from __future__ import annotations

import sys
from collections import Counter
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import TextIO

import click

from . import verify as verification
from .catalogue import Catalogue, load_catalogue
from .collection import RELEASES_DIR, collect, not_a_release, release_files
from .freshness import stale_findings
from .history import first_slug
from .importer.fetch import TIMEOUT, USER_AGENT, Client
from .importer.page import ImportFailure
from .importer.run import import_source
from .markdown_writer import to_markdown
from .model import Finding, InputError
from .project import Project, ProjectError, docs_dir_of, find_config, find_project, newsroom_options, read_config, zone_of
from .publication import ClockError, now
from .scaffold import ScaffoldError, Settings, create, installed_from_folder, requirement, site_url
from .stages import unknown_releases
from .tagging import Vocabulary, classify, load_vocabulary
from .websub import MANIFEST as WEBSUB_MANIFEST
from .websub import Changes, Manifest, fetch, ping_all
from .wire import parse_file

CONFIG_HELP = (
    "The newsroom's mkdocs.yml: its newsroom options (products_file, tags_file, company, timezone, ignore) apply. "
    "[default: the nearest mkdocs.yml in the folder of the first {what} or above, else in the working directory or above]"
)


def _project(config_file: Path | None, near: tuple[Path, ...]) -> Project:
    """The project the command works on, its options checked, or a clean error saying why not."""
    try:
        return find_project(config_file, near)
    except ProjectError as exc:
        raise click.ClickException(str(exc)) from None


def _shown(path: Path) -> Path:
    """``path`` relative to the working directory when it lies below it, as messages show files."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def _data(project: Project) -> tuple[Catalogue, Vocabulary]:
    """The project's product catalogue (with the stage names it may use) and tag rules (missing
    files are empty ones)."""
    catalogue = load_catalogue(project.products_file, str(_shown(project.products_file)), project.stages)
    return catalogue, load_vocabulary(project.tags_file, catalogue, str(_shown(project.tags_file)))


@click.group()
@click.version_option(package_name="mkdocs-newsroom")
def main() -> None:
    """Turn plain-text press releases into an investor-relations newsroom."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path), help="Write each NAME.md into this folder instead of printing (needed for several FILES).")
@click.option("-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path), help=CONFIG_HELP.format(what="FILE"))
@click.option("--force", is_flag=True, help="Write over a NAME.md already in DIR (an edited release's hand work is lost).")
def convert(files: tuple[Path, ...], out_dir: Path | None, config_file: Path | None, force: bool) -> None:
    """Print the front-mattered Markdown of a release FILE, or write each FILE's into -o DIR as
    NAME.md, with the products and tags of its newsroom. A NAME.md already there is kept (it may
    be an edited release) unless --force."""
    if len(files) > 1 and out_dir is None:
        raise click.UsageError("give -o DIR to convert several files: each is written as DIR/NAME.md")
    project = _project(config_file, files)
    try:
        catalogue, vocabulary = _data(project)
    except InputError as exc:
        raise click.ClickException(str(exc.finding)) from None
    try:
        moment = now()
    except ClockError as exc:
        raise click.ClickException(str(exc)) from None
    failed = [file for file in files if not _convert_one(file, out_dir, project, catalogue, vocabulary, moment, force)]
    if failed:
        raise click.ClickException(f"{len(failed)} of {len(files)} release(s) not converted")


def _convert_one(
    file: Path, out_dir: Path | None, project: Project, catalogue: Catalogue, vocabulary: Vocabulary, moment: datetime, force: bool = False
) -> bool:
    """Convert one release as of ``moment``, its findings on stderr; False when it cannot be read
    or written (or its NAME.md is there already and not ``force``)."""
    try:
        release = parse_file(file, zone=project.zone)
    except InputError as exc:
        click.echo(str(exc.finding), err=True)
        return False
    for finding in release.findings:
        click.echo(str(finding), err=True)
    # A corrected release keeps the address it was first published at (git knows it), as the build keeps it.
    slug = first_slug(file, release, project.release_time, project.zone, moment)
    markdown = to_markdown(release, *classify(release.news_text, catalogue, vocabulary), slug=slug)
    if out_dir is None:
        click.echo(markdown, nl=False)
        return True
    target = out_dir / f"{file.stem}.md"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with target.open("w" if force else "x", encoding="utf-8") as out:
            out.write(markdown)
    except FileExistsError:
        click.echo(f"{target} is there already (an edited release?): left as it is; give --force to write over it", err=True)
        return False
    except OSError as exc:
        click.echo(f"cannot write {target}: {exc.strerror}", err=True)
        return False
    click.echo(f"wrote {target}", err=True)
    return True


def _targets(paths: tuple[Path, ...], ignore: list[str], docs_dir: Path) -> tuple[list[tuple[Path, str]], list[Finding]]:
    """The release files to check, each with the path messages show (each file once, however
    often the paths name it), and an error for every other file in a releases folder (as the
    build gives; any other folder may hold anything). The project's folder stands for its docs_dir."""
    files: list[tuple[Path, str]] = []
    others: list[Finding] = []
    seen: set[Path] = set()

    def add(file: Path, reason: str | None) -> None:
        real = file.resolve()
        if real in seen:
            return
        seen.add(real)
        if reason is None:
            files.append((file, str(file)))
        else:
            others.append(Finding(str(file), None, "error", reason))

    for path in paths:
        if path.is_file():
            add(path, not_a_release(PurePosixPath(path.name)))
            continue
        if path.resolve() == docs_dir.resolve().parent and not (path / RELEASES_DIR).exists():
            path = path / docs_dir.name  # the project's folder: its releases, not its other files
        folder = path / RELEASES_DIR if (path / RELEASES_DIR).exists() else path
        found, not_releases = release_files(folder, ignore)
        for file in found:
            add(file, None)
        if folder.resolve().name == RELEASES_DIR:
            for file, reason in not_releases:
                add(file, reason)
    return files, others


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--company", help="Canonical company name; near misspellings are warnings. [default: the newsroom's 'company' in mkdocs.yml]")
@click.option("-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path), help=CONFIG_HELP.format(what="PATH"))
def check(paths: tuple[Path, ...], company: str | None, config_file: Path | None) -> None:
    """Lint releases: a release FILE, or every *.txt and *.md under each PATH (a docs_dir, its
    releases/ folder, any folder; default: the newsroom's docs_dir). One line per finding,
    ``path:line: level: message``.

    Exits 1 when any release cannot be published, or when no release was found.
    """
    project = _project(config_file, paths)
    paths = paths or (_shown(project.docs_dir),)
    files, findings = _targets(paths, project.ignore, project.docs_dir)
    if not files and not findings:
        looked = ", ".join(str(path) for path in paths)
        raise click.ClickException(f"no releases found in {looked}: looked for *.txt and *.md files (a docs_dir's are in its releases/ folder)")
    publishable = 0
    try:
        catalogue, vocabulary = _data(project)
        collection = collect(project.docs_dir, catalogue, vocabulary, project.company if company is None else company, files=files, zone=project.zone)
    except InputError as exc:  # a data file in error, or a tag pattern out of time
        findings.append(exc.finding)
    else:
        findings.extend(collection.findings)
        findings.extend(stale_findings((source.entry for source in collection.sources), catalogue, project.stale_after))
        if any(path.is_dir() for path in paths):  # every release is read: a stage's release must be one
            slugs = {source.entry.slug for source in collection.sources}
            unknown = unknown_releases(catalogue.all_stages(), slugs, str(_shown(project.products_file)))
            if unknown is not None:
                findings.append(unknown.finding)
        publishable = len(collection.sources)
    for finding in findings:
        click.echo(str(finding))
    counts = Counter(finding.level for finding in findings)
    click.echo(
        f"{publishable} release(s) ready to publish; {counts['error']} error(s), {counts['warning']} warning(s), {counts['note']} note(s)",
        err=True,
    )
    sys.exit(1 if counts["error"] else 0)


def _interactive() -> bool:
    """Whether a person is there to answer questions (stdin and stdout are a terminal)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--company", help="The company's name as its releases spell it, e.g. 'Acme, Inc.'.")
@click.option("--ticker", help="Its listing, e.g. 'Nasdaq: ACME' ('' for none).")
@click.option("--site-url", "url", help="The site's address, e.g. https://acme.github.io/newsroom/.")
def init(directory: Path, company: str | None, ticker: str | None, url: str | None) -> None:
    """Make a new newsroom in DIRECTORY: mkdocs.yml, content/ (home page, releases/, starter
    products.yml and tags.yml), the GitHub Pages workflow, .gitignore and a README. It builds with
    `mkdocs build --strict` at once. Existing files are never overwritten.

    Asks for what the options do not give when run in a terminal."""
    missing = [option for option, value in (("--company", company), ("--ticker", ticker), ("--site-url", url)) if value is None]
    if missing and not _interactive():
        raise click.UsageError(f"give {', '.join(missing)} (there is no terminal to ask on)")
    if company is None:
        company = click.prompt("Company name, as its releases spell it (e.g. Acme, Inc.)")
    if ticker is None:
        ticker = click.prompt("Ticker, e.g. 'Nasdaq: ACME' (empty for none)", default="", show_default=False)
    if url is None:
        url = click.prompt("The site's address", default="https://example.github.io/newsroom/")
    if not company.strip():
        raise click.UsageError("the company name is empty")
    try:
        written = create(directory, Settings(company.strip(), ticker.strip(), site_url(url)))
    except ScaffoldError as exc:
        raise click.ClickException(str(exc)) from None
    for path in written:
        click.echo(f"wrote {path}", err=True)
    folder = installed_from_folder()
    if folder is not None:
        click.echo(
            f"note: this Newsroom was installed from the folder {folder}, not from the package index: requirements.txt asks for "
            f"{requirement()}, which the Pages workflow installs from PyPI; until it is there, point requirements.txt at an address "
            "your CI can install from, such as mkdocs-newsroom @ git+https://github.com/OWNER/REPOSITORY@TAG",
            err=True,
        )
    click.echo(f"A new newsroom in {directory}: add releases to {directory / 'content' / 'releases'}, then `mkdocs serve` there.", err=True)


@main.command("import")
@click.argument("source")
@click.option("--content", type=click.Path(file_okay=False, path_type=Path), help="The docs_dir: files are written to its releases/ folder. [default: mkdocs.yml's docs_dir]")
@click.option("-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path), help="Its docs_dir and newsroom 'timezone' (which dates a page's publication time). [default: the nearest mkdocs.yml in the working directory or above]")
@click.option("--date", "given", type=click.DateTime(["%Y-%m-%d"]), help="The release's date, for a page whose text and metadata give none (an SEC exhibit without a dated dateline).")
@click.option("--timeout", type=click.FloatRange(min=1), default=TIMEOUT, show_default=True, help="Seconds to wait for each answer from the network.")
@click.option("--user-agent", envvar="NEWSROOM_USER_AGENT", default=USER_AGENT, help="The User-Agent sent; SEC EDGAR wants a company name and contact e-mail ('Acme Corp ir@acme.example'). [env: NEWSROOM_USER_AGENT]")
def import_(source: str, content: Path | None, config_file: Path | None, given: datetime | None, timeout: float, user_agent: str) -> None:
    """Import a release from SOURCE: a saved page or URL of a release on GlobeNewswire, Business
    Wire, PR Newswire or ACCESS Newswire, an SEC exhibit (ex99*.htm), or an RSS/Atom feed of them.

    Writes content/releases/YYYY-MM-DD-<slug>.txt with a leading date line and never overwrites a
    file. For a feed, each item not imported before (by address, in releases/.imported.tsv) and
    not dated in the future. Exits 1 when anything could not be imported.
    """
    config_file = config_file or find_config(Path.cwd())
    config: dict[str, object] = {}
    if config_file is not None and config_file.is_file():
        try:
            config = read_config(config_file)
        except ProjectError as exc:
            raise click.ClickException(str(exc)) from None
    elif content is None:
        # A file written into ./content would be in no newsroom.
        raise click.UsageError(f"no {config_file or 'mkdocs.yml here or above'}: run this in the newsroom's folder, or give -f mkdocs.yml or --content DOCS_DIR")
    try:
        zone = zone_of(newsroom_options(config, config_file) or {}, config_file)
    except ProjectError as exc:
        raise click.ClickException(str(exc)) from None
    if content is None:
        assert config_file is not None  # refused above otherwise
        content = docs_dir_of(config, config_file)
    try:
        report = import_source(source, content / RELEASES_DIR, zone, now(), given.date() if given else None, Client(timeout, user_agent), lambda message: click.echo(message, err=True))
    except (ImportFailure, ClockError) as exc:
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


# Exit statuses of `newsroom verify`: 0 only for a genuine release.
VERIFY_EXIT = {verification.GENUINE: 0, verification.ALTERED: 1, verification.NOT_OURS: 3}


class _CheckFailed(click.ClickException):
    """The check could not be made (unreachable site, unreadable file): one line on stderr."""

    exit_code = 4


class _BadSignature(click.ClickException):
    """The manifest's signature is missing where required, or does not hold."""

    exit_code = 5


@main.command()
@click.argument("target", metavar="URL-OR-FILE")
@click.option("--manifest", "manifest_location", metavar="PATH-OR-URL", help="The newsroom's releases.json (or its site folder). [default: the one of the site the page names as its own]")
@click.option("--allowed-signers", metavar="PATH-OR-URL", help="The newsroom's allowed-signers file, got from a place you trust; the manifest must then be signed. [default: the site's own allowed_signers, when the manifest is signed]")
def verify(target: str, manifest_location: str | None, allowed_signers: str | None) -> None:
    """Check that a press release is exactly what the newsroom published: a release page's URL, a
    copy of the page you saved, or the release's text (which needs --manifest).

    Prints "genuine, published <time>", "altered" (which paragraph, and how) or "not a release of
    this newsroom". Exits 0 only for a genuine release; 1 altered, 3 not ours, 4 the check could
    not be made, 5 the manifest's signature is missing or bad.
    """
    try:
        verdict = verification.verify(target, manifest_location, allowed_signers)
    except verification.VerifyError as exc:
        raise _CheckFailed(str(exc)) from None
    except verification.SignatureError as exc:
        raise _BadSignature(f"signature: {exc}") from None
    for line in verdict.lines:
        click.echo(line)
    sys.exit(VERIFY_EXIT[verdict.kind])
@main.group()
def websub() -> None:
    """Tell a WebSub hub which feeds changed (the Pages workflow runs these around its deploy)."""


@websub.command()
@click.argument("site", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("site"))
@click.option("--previous", metavar="URL-or-FILE", help=f"The {WEBSUB_MANIFEST} deployed before. [default: the address the new one names]")
def changes(site: Path, previous: str | None) -> None:
    """Before a deploy: print the feeds of the built SITE that differ from the deployed ones, as
    JSON for `newsroom websub ping`. Prints nothing when no websub_hub is set or nothing changed."""
    manifest = site / WEBSUB_MANIFEST
    if not manifest.is_file():
        click.echo(f"no {manifest}: no websub_hub is set, so there is no hub to tell", err=True)
        return
    try:
        new = Manifest.read(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"{manifest}: {exc}") from None
    location = previous or new.url
    try:
        old_text = fetch(location) if location else None
        old = Manifest.read(old_text) if old_text is not None else None
    except (OSError, ValueError) as exc:
        # Telling the hub about a feed that did not change costs it one fetch; missing one loses a push.
        click.echo(f"cannot read {location}: {exc}", err=True)
        old = None
    if old is None:
        click.echo(f"no earlier {WEBSUB_MANIFEST} at {location or '(no address)'}: every feed counts as changed", err=True)
    found = new.changes_since(old)
    click.echo(f"{len(found.feeds)} feed(s) changed", err=True)
    if found.feeds:
        click.echo(found.to_json())


@websub.command()
@click.argument("source", type=click.File("r", encoding="utf-8"), default="-")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True, help="Seconds to wait for the hub, per feed.")
def ping(source: TextIO, timeout: float) -> None:
    """After a deploy: tell the hub about every feed in SOURCE (the JSON `changes` printed; - for
    standard input), one form-encoded POST each (hub.mode=publish, hub.url=the feed).

    Exits 1 when the hub could not be told about any of them."""
    try:
        text = source.read().strip()
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"{source.name}: {exc}") from None
    if not text:
        click.echo("no feed changed: nothing to tell the hub", err=True)
        return
    try:
        found = Changes.from_json(text)
    except ValueError as exc:
        raise click.ClickException(f"{source.name}: {exc}") from None
    failures = dict(ping_all(found, timeout))
    for feed in found.feeds:
        if feed in failures:
            click.echo(f"FAILED {found.hub}: {feed} ({failures[feed]})", err=True)
        else:
            click.echo(f"told {found.hub}: {feed}")
    if failures:
        raise click.ClickException(f"the hub {found.hub} could not be told about {len(failures)} of {len(found.feeds)} feed(s)")
