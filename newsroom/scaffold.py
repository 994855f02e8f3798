"""``newsroom init``: a new newsroom project from the starter files in ``newsroom/starter/``.

The starter files are package data. A ``dot-`` prefix in a path stands for ``.`` (``dot-github``,
``dot-gitignore``), since packaging leaves dot files out; ``%%NAME%%`` marks a value filled in
here, as YAML text where the file is YAML, so any company name stays one string.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath
from typing import Any

STARTER = "starter"
DISTRIBUTION = "mkdocs-newsroom"
_PLACEHOLDER = re.compile(r"%%([A-Z_]+)%%")
_TOP = PurePosixPath()


class ScaffoldError(Exception):
    """The project cannot be made; the message says why."""


@dataclass(frozen=True)
class Settings:
    """What a new newsroom is about: the company, its ticker and the site's address."""

    company: str
    ticker: str
    site_url: str

    def values(self) -> dict[str, str]:
        """Each placeholder's text: ``*_TEXT`` as prose, the others as YAML double-quoted strings."""
        name = f"{self.company} Newsroom"
        listed = f"{self.company} ({self.ticker})" if self.ticker else self.company
        return {
            "COMPANY_TEXT": self.company,
            "COMPANY": json.dumps(self.company, ensure_ascii=False),
            "TICKER": json.dumps(self.ticker, ensure_ascii=False),
            "SITE_URL": json.dumps(self.site_url, ensure_ascii=False),
            "SITE_NAME": json.dumps(name, ensure_ascii=False),
            "SITE_DESCRIPTION": json.dumps(f"Press releases of {listed}", ensure_ascii=False),
            "HOME_DESCRIPTION": json.dumps(f"News and press releases from {listed}.", ensure_ascii=False),
            "COPYRIGHT": json.dumps(f"Copyright © {self.company}", ensure_ascii=False),
            "REQUIREMENT": requirement(),
        }


def _direct_url() -> dict[str, Any]:
    """Where this copy of the package was installed from, when not from a package index (PEP 610)."""
    text = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    found = json.loads(text) if text else {}
    return found if isinstance(found, dict) else {}


def requirement() -> str:
    """This package as a new newsroom's requirements.txt names it, so its Pages workflow installs
    the same: the git address and commit it came from (PEP 610), else its version on the index."""
    direct = _direct_url()
    vcs = direct.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("commit_id") and direct.get("url"):
        return f"{DISTRIBUTION} @ {vcs.get('vcs', 'git')}+{direct['url']}@{vcs['commit_id']}"
    return f"{DISTRIBUTION}=={metadata.version(DISTRIBUTION)}"


def installed_from_folder() -> str | None:
    """The folder this copy was installed from (a clone: ``pip install .`` or ``-e .``), which a
    new newsroom's CI cannot install from; None when it came from an index or a git address."""
    direct = _direct_url()
    url = str(direct.get("url") or "")
    return url.removeprefix("file://") if "dir_info" in direct and url.startswith("file://") else None


def site_url(value: str) -> str:
    """The site's absolute address, ending in ``/`` as MkDocs' ``site_url`` should."""
    value = value.strip()
    if not re.fullmatch(r"https?://[^\s/?#]+(?:/[^\s?#]*)?", value):
        raise ScaffoldError(f"the site's address must be an absolute http(s) URL such as https://news.example.com/, not {value!r}")
    return value if value.endswith("/") else value + "/"


def _files(folder: Traversable, at: PurePosixPath = _TOP) -> list[tuple[PurePosixPath, Traversable]]:
    """Every starter file under ``folder`` with the path it gets in the project."""
    found: list[tuple[PurePosixPath, Traversable]] = []
    for entry in sorted(folder.iterdir(), key=lambda entry: entry.name):
        name = "." + entry.name[len("dot-") :] if entry.name.startswith("dot-") else entry.name
        if entry.is_dir():
            found.extend(_files(entry, at / name))
        elif not name.endswith((".pyc", ".pyo")):
            found.append((at / name, entry))
    return found


def _render(text: str, values: dict[str, str], path: PurePosixPath) -> str:
    def fill(match: re.Match[str]) -> str:
        if match[1] not in values:
            raise ScaffoldError(f"starter file {path}: unknown placeholder {match[0]}")
        return values[match[1]]

    return _PLACEHOLDER.sub(fill, text)


def create(directory: Path, settings: Settings) -> list[Path]:
    """Write a new newsroom into ``directory`` (made if missing) and return the files written.
    Nothing is written when any of them exists already: the error names each."""
    files = _files(resources.files("newsroom") / STARTER)
    existing = [str(directory / path) for path, _ in files if (directory / path).exists() or (directory / path).is_symlink()]
    if existing:
        raise ScaffoldError(f"{len(existing)} file(s) exist already and are left alone: {', '.join(existing)}; choose an empty folder")
    values = settings.values()
    rendered = [(directory / path, _render(entry.read_text(encoding="utf-8"), values, path)) for path, entry in files]
    written: list[Path] = []
    for target, text in rendered:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("x", encoding="utf-8", newline="\n") as out:
                out.write(text)
        except OSError as exc:
            raise ScaffoldError(f"cannot write {target}: {exc.strerror}") from None
        written.append(target)
    return written
