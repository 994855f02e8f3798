"""Release files from extracted text: a leading date line the parser reads, a name from the
release's slug, never an existing file overwritten; and the index of imported source addresses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo
from pathlib import Path

from ..model import Release, ReleaseError, display_date
from ..wire import parse_release
from .page import Extracted, ImportFailure

# Dot files are not releases: the build and `newsroom check` leave this one alone.
INDEX = ".imported.tsv"
INDEX_HEADER = "# source address\trelease file (written by `newsroom import`; a listed address is not imported again)\n"


@dataclass(frozen=True)
class Composed:
    """A release file's name and text, and the release the parser reads from it."""

    name: str
    text: str
    release: Release


def compose(extracted: Extracted, source: str, zone: tzinfo, given: date | None = None) -> Composed:
    """The release file for ``extracted``: dated by its own dateline when it has a date, else by
    ``given``, else by the page's publication time in ``zone``; ImportFailure when the parser
    cannot read the result (it would not publish)."""
    body = "\n\n".join(extracted.blocks) + "\n"
    day = given
    if day is None:
        try:
            day = parse_release(body, source, zone).date
        except ReleaseError:
            day = extracted.published.astimezone(zone).date() if extracted.published else None
    if day is None:
        raise ImportFailure(f"{source}: neither the release text nor the page's metadata gives a date; give one with --date YYYY-MM-DD")
    text = f"{display_date(day)}\n\n{body}"  # a top date line as the wires print it
    try:
        release = parse_release(text, source, zone)
    except ReleaseError as exc:
        raise ImportFailure(f"{source}: the text read from the page is no publishable release: {exc.finding.message}") from None
    return Composed(f"{release.slug}.txt", text, release)


def write_new(folder: Path, composed: Composed) -> Path:
    """Write the file; ImportFailure when one of that name exists (it is never overwritten)."""
    target = folder / composed.name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(composed.text)
    except FileExistsError:
        raise ImportFailure(f"{target} exists and is not overwritten (remove it first to import this release again)") from None
    except OSError as exc:
        raise ImportFailure(f"cannot write {target}: {exc.strerror}") from None
    return target


def read_index(folder: Path) -> dict[str, str]:
    """Source address → release file name, for every release imported into ``folder``."""
    try:
        lines = (folder / INDEX).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFailure(f"cannot read {folder / INDEX}: {exc}") from None
    pairs = (line.split("\t", 1) for line in lines if line.strip() and not line.startswith("#"))
    return {pair[0]: pair[1] if len(pair) > 1 else "" for pair in pairs}


def record(folder: Path, source: str, written: Path) -> None:
    """Add one imported address to the index (created with a header line when new)."""
    index = folder / INDEX
    source = source.replace("\t", "%09").replace("\n", "%0A").replace("\r", "%0D")  # one address a line
    try:
        new = not index.exists()
        with index.open("a", encoding="utf-8", newline="\n") as handle:
            handle.write((INDEX_HEADER if new else "") + f"{source}\t{written.name}\n")
    except OSError as exc:
        raise ImportFailure(f"cannot write {index}: {exc.strerror}") from None
