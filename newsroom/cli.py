"""The ``newsroom`` command: thin glue over the parser, writer and collection."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import yaml

from .catalogue import load_catalogue
from .collection import collect
from .markdown_writer import to_markdown
from .model import Finding, InputError
from .wire import parse_file
from .tagging import classify, load_vocabulary

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


def _data(content: Path):  # type: ignore[no-untyped-def]
    catalogue = load_catalogue(content / "products.yml", str(content / "products.yml"))
    return catalogue, load_vocabulary(content / "tags.yml", catalogue, str(content / "tags.yml"))


@click.group()
@click.version_option(package_name="newsroom")
def main() -> None:
    """Turn plain-text press releases into an investor-relations newsroom."""


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path), help="Write NAME.md into this folder instead of printing.")
@click.option("--content", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_CONTENT, show_default=True, help="Folder with products.yml and tags.yml.")
def convert(file: Path, out_dir: Path | None, content: Path) -> None:
    """Print the front-mattered Markdown of one release FILE."""
    try:
        catalogue, vocabulary = _data(content)
        release = parse_file(file)
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


@main.command()
@click.argument("directory", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path), default=DEFAULT_CONTENT)
@click.option("--company", help="Canonical company name; near misspellings are warnings. [default: the plugin's 'company' in mkdocs.yml]")
@click.option("-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path), default=Path("mkdocs.yml"), show_default=True)
def check(directory: Path, company: str | None, config_file: Path) -> None:
    """Lint every release in DIRECTORY (the docs_dir, or its releases/ folder): one line per finding.

    Exits 1 when any release cannot be published.
    """
    content = directory.parent if directory.name == "releases" else directory
    if company is None:
        company = str(_plugin_options(config_file).get("company") or "")
    findings: list[Finding] = []
    try:
        catalogue, vocabulary = _data(content)
    except InputError as exc:
        findings.append(exc.finding)
        catalogue = vocabulary = None
    publishable = 0
    if catalogue is not None and vocabulary is not None:
        collection = collect(content, catalogue, vocabulary, company)
        findings.extend(collection.findings)
        publishable = len(collection.sources)
    for finding in findings:
        where = finding.path if Path(finding.path).is_absolute() or finding.path.startswith(str(content)) else str(content / finding.path)
        click.echo(str(Finding(where, finding.line, finding.level, finding.message)))
    errors = sum(1 for f in findings if f.level == "error")
    warnings = len(findings) - errors
    click.echo(f"{publishable} release(s) ready to publish; {errors} error(s), {warnings} warning(s)", err=True)
    sys.exit(1 if errors else 0)
