"""The newsroom project a command works on: its ``mkdocs.yml``, found upward from a release or the
working directory, and the ``newsroom`` plugin's options in it, so ``newsroom check`` and
``newsroom convert`` read the same products, tags, company and time zone as ``mkdocs build``.

MkDocs-free: the file is read with a safe YAML loader that understands MkDocs' ``!ENV`` and
``!relative`` tags well enough (an unknown tag reads as nothing); MkDocs itself validates the
options when it builds.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from .freshness import STALE_FACTS_AFTER
from .publication import DEFAULT_RELEASE_TIME, release_time_problem
from .stages import DEFAULT_STAGES, stage_names, stage_names_problem
from .wire.embargo import DEFAULT_ZONE

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
# The plugin's defaults (newsroom/config.py declares its options with these).
DEFAULT_DOCS_DIR = "docs"
DEFAULT_PRODUCTS_FILE = "products.yml"
DEFAULT_TAGS_FILE = "tags.yml"


class ProjectError(Exception):
    """No usable project: the message says which file and what to do."""


class _Loader(yaml.SafeLoader):
    """MkDocs' own tags, read loosely without MkDocs."""


def _env(loader: _Loader, node: yaml.Node) -> Any:
    """``!ENV VAR`` or ``!ENV [VAR, OTHER, default]``: the first variable set, else the default."""
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)  # type: ignore[arg-type]
    *variables, default = names if len(names) > 1 else [*names, None]
    for name in variables:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)])
    return default


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _folder(start: Path) -> Path:
    """``start`` as an absolute folder: a file's is the folder holding it."""
    start = start.resolve()
    return start if start.is_dir() else start.parent


def find_config(start: Path) -> Path | None:
    """The ``mkdocs.yml`` in ``start`` (a folder, or a file's folder) or the nearest folder above it."""
    folder = _folder(start)
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
    return None


@dataclass(frozen=True)
class Project:
    """A newsroom project: where its config, releases and data files are, and the plugin's options
    the commands use (checked when the project is loaded, so a bad one is a clean error)."""

    config_file: Path
    docs_dir: Path
    options: dict[str, Any]
    # The plugin's ``timezone``: the zone of an embargo time printed without one, as in the build.
    zone: ZoneInfo
    ignore: list[str]
    # The plugin's ``stages``: the stage names products.yml may use, as in the build.
    stages: tuple[str, ...]
    # The plugin's ``stale_facts_after``, in days, as in the build.
    stale_after: int

    @property
    def products_file(self) -> Path:
        return self.docs_dir / str(self.options.get("products_file") or DEFAULT_PRODUCTS_FILE)

    @property
    def tags_file(self) -> Path:
        return self.docs_dir / str(self.options.get("tags_file") or DEFAULT_TAGS_FILE)

    @property
    def company(self) -> str:
        return str(self.options.get("company") or "")

    @property
    def release_time(self) -> time:
        """The plugin's ``release_time`` (checked when the project is loaded), as in the build."""
        return time.fromisoformat(str(self.options.get("release_time") or DEFAULT_RELEASE_TIME))


# The plugin's options that are text (config.py types them so): a command refuses another value as the build does.
TEXT_OPTIONS = ("company", "ticker", "products_file", "tags_file", "timezone", "signing_key")


def zone_of(options: dict[str, Any], config_file: Path | None) -> ZoneInfo:
    """The plugin's ``timezone`` in ``options`` (the default zone when it has none)."""
    name = str(options.get("timezone", DEFAULT_ZONE.key))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ProjectError(f"{config_file}: unknown timezone {name!r} (use an IANA name such as 'America/New_York')") from None


def _ignore(options: dict[str, Any], config_file: Path) -> list[str]:
    ignore = options.get("ignore") or []
    if not isinstance(ignore, list) or not all(isinstance(glob, str) for glob in ignore):
        raise ProjectError(f"{config_file}: the newsroom option 'ignore' must be a list of globs such as ['*.pdf']")
    return ignore


def _stages(options: dict[str, Any], config_file: Path) -> tuple[str, ...]:
    names = options.get("stages")
    names = list(DEFAULT_STAGES) if names is None else names  # an empty list is refused, as the build refuses it
    problem = "must be a list of stage names" if not isinstance(names, list) or not all(isinstance(n, str) for n in names) else stage_names_problem(names)
    if problem:
        raise ProjectError(f"{config_file}: the newsroom option 'stages' {problem}")
    return stage_names(names)


def _stale_after(options: dict[str, Any], config_file: Path) -> int:
    days = options.get("stale_facts_after", STALE_FACTS_AFTER)
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise ProjectError(f"{config_file}: the newsroom option 'stale_facts_after' must be a whole number of days, 0 or more, not {days!r}")
    return days


def read_config(config_file: Path, inheriting: tuple[Path, ...] = ()) -> dict[str, Any]:
    """The settings in ``config_file``, with those of the file its ``INHERIT`` names under them
    (mappings merged, other values replaced, as MkDocs does); one that cannot be read or is no
    mapping is a ``ProjectError``."""
    config = _read_one(config_file)
    parent = config.pop("INHERIT", None)
    if parent is None:
        return config
    base = (config_file.parent / str(parent)).resolve()
    if base in inheriting or len(inheriting) > 10:
        raise ProjectError(f"{config_file}: INHERIT: {parent} inherits from this file again")
    return _merged(read_config(base, (*inheriting, config_file.resolve())), config)


def _merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        merged[key] = _merged(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
    return merged


def _read_one(config_file: Path) -> dict[str, Any]:
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader)
    except OSError as exc:
        raise ProjectError(f"cannot read {config_file}: {exc.strerror}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{config_file}:{mark.line + 1}" if mark else str(config_file)
        raise ProjectError(f"{where}: not valid YAML: {exc.problem or str(exc).splitlines()[0]}") from None
    except yaml.YAMLError as exc:
        raise ProjectError(f"{config_file} is not valid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(config, dict):
        raise ProjectError(f"{config_file} is not an MkDocs configuration (a mapping of settings)")
    return config


def docs_dir_of(config: dict[str, Any], config_file: Path) -> Path:
    return config_file.parent / str(config.get("docs_dir") or DEFAULT_DOCS_DIR)


def load_project(config_file: Path) -> Project:
    """The project ``config_file`` describes; a file that is missing or unreadable, has no
    ``newsroom`` plugin or a bad ``timezone``, ``release_time``, ``ignore``, ``stages`` or
    ``stale_facts_after`` is a ``ProjectError``."""
    config = read_config(config_file)
    options = newsroom_options(config, config_file)
    if options is None:
        raise ProjectError(f"{config_file} does not use the newsroom plugin: add '- newsroom' under 'plugins:'")
    for name in TEXT_OPTIONS:
        if name in options and not isinstance(options[name], str):
            raise ProjectError(f"{config_file}: the newsroom option {name!r} must be text, not {options[name]!r}")
    if "release_time" in options and (problem := release_time_problem(options["release_time"])):
        raise ProjectError(f"{config_file}: the newsroom option 'release_time' {problem}")
    return Project(
        config_file,
        docs_dir_of(config, config_file),
        options,
        zone_of(options, config_file),
        _ignore(options, config_file),
        _stages(options, config_file),
        _stale_after(options, config_file),
    )


def newsroom_options(config: dict[str, Any], config_file: Path | None) -> dict[str, Any] | None:
    """The newsroom plugin's options from MkDocs' ``plugins`` (a list of names and one-key
    mappings, or a mapping); None when it is not there, a ``ProjectError`` when they are no mapping."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{name: options} for name, options in plugins.items()]
    for plugin in plugins if isinstance(plugins, list) else []:
        if plugin == "newsroom":
            return {}
        if isinstance(plugin, dict) and "newsroom" in plugin:
            options = plugin["newsroom"]
            if options is not None and not isinstance(options, dict):
                raise ProjectError(f"{config_file}: the newsroom plugin's options must be a mapping of names to values, not {options!r}")
            return options or {}
    return None


def find_project(config_file: Path | None, near: Iterable[Path]) -> Project:
    """The project of ``config_file`` when given, else of the first ``mkdocs.yml`` found upward
    from the first of ``near`` (then from the working directory)."""
    if config_file is not None:
        if not config_file.is_file():
            raise ProjectError(f"no {config_file}: give the newsroom's mkdocs.yml")
        return load_project(config_file)
    starts = [_folder(start) for start in [*[*near][:1], Path.cwd()]]
    for start in starts:
        found = find_config(start)
        if found is not None:
            return load_project(found)
    looked = " or ".join(dict.fromkeys(str(start) for start in starts))
    raise ProjectError(
        f"no mkdocs.yml in {looked} or any folder above: run this inside a newsroom project, "
        "give its config with -f path/to/mkdocs.yml, or make one with 'newsroom init DIR'"
    )
