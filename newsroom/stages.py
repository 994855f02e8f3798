"""Dated development stages of a product, per indication: what the pipeline chart draws.

Read from a product's ``indications:`` and ``stages:`` in ``products.yml``; each stage is one of a
fixed list of names (``DEFAULT_STAGES``, or the plugin's ``stages`` option), drawn in that order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import yamldata
from .model import DataError, name_error

# How far a program has come, in the order a chart draws them.
DEFAULT_STAGES = ("preclinical", "phase 1", "phase 2", "phase 3", "filed", "approved")
STAGE_KEYS = ("indication", "stage", "from", "release")


@dataclass(frozen=True)
class Stage:
    """From ``day`` on, ``indication`` stands at ``stage`` (index ``rank`` in the stage list);
    ``release`` is the slug of the release that announced it, when the catalogue says."""

    indication: str
    stage: str
    rank: int
    day: date
    release: str | None = None
    line: int | None = None


def stage_names(names: Iterable[str]) -> tuple[str, ...]:
    """Stage names as products.yml and the chart compare them: lower case, single spaces."""
    return tuple(" ".join(name.split()).lower() for name in names)


def stage_names_problem(names: list[str]) -> str | None:
    """Why ``names`` cannot be the list of stages (a custom one in mkdocs.yml), or None."""
    normal = stage_names(names)
    if not normal or not all(normal):
        return "must name at least one stage, each a non-empty text"
    repeated = sorted({name for name in normal if normal.count(name) > 1})
    return f"names {', '.join(map(repr, repeated))} twice" if repeated else None


def stage_label(name: str) -> str:
    """How a stage name reads in a chart: ``phase 1`` → ``Phase 1``."""
    return name[:1].upper() + name[1:]


def current(stages: Iterable[Stage], indication: str, day: date | None, shown: Callable[[Stage], bool]) -> Stage | None:
    """The stage ``indication`` stood at on ``day`` (the newest when None), of the stages ``shown`` yet."""
    found = None
    for stage in stages:
        if stage.indication == indication and (day is None or stage.day <= day) and shown(stage):
            found = stage
    return found


def parse_stages(item: yamldata.Mapping, shown: str, product_id: str, names: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[Stage, ...]]:
    """A product's ``indications`` and ``stages``, checked: a known stage name, an indication the
    product lists (one listed may go unnamed), each indication's dates in order, every listed
    indication with a stage. The file's order is kept; stages are sorted by date per indication."""
    listed = item.get("indications")
    indications: list[str] = []
    for text, line in yamldata.expect_texts(listed, shown, "'indications'", "an indication", yamldata.line_of(item, "indications")) if listed else []:
        if text in indications:
            raise DataError(shown, line, f"product {product_id!r} lists the indication {text!r} twice")
        indications.append(text)
    data: Any = item.get("stages")
    if not data:
        if indications:
            raise DataError(shown, yamldata.line_of(item, "indications"), f"product {product_id!r} lists indications but no 'stages': give each a dated stage")
        return (), ()
    if not indications:
        raise DataError(shown, yamldata.line_of(item, "stages"), f"product {product_id!r} has 'stages' but no 'indications': list the indications its stages name")
    items = yamldata.expect_list(data, shown, "'stages'", yamldata.line_of(item, "stages"))
    stages: list[Stage] = []
    for entry in items:
        stage = _stage(entry, shown, product_id, names, indications)
        before = [known for known in stages if known.indication == stage.indication]
        if before and before[-1].day >= stage.day:
            raise DataError(
                shown,
                stage.line,
                f"stages of {product_id!r} in {stage.indication!r} out of order: {stage.day.isoformat()} is not after {before[-1].day.isoformat()}; list each indication's stages oldest first, one a day",
            )
        stages.append(stage)
    for indication in indications:
        if not any(stage.indication == indication for stage in stages):
            raise DataError(shown, yamldata.line_of(item, "indications"), f"indication {indication!r} of {product_id!r} has no stage: add one under 'stages' or remove it")
    return tuple(indications), tuple(stages)


def _stage(data: object, shown: str, product_id: str, names: tuple[str, ...], indications: list[str]) -> Stage:
    required = ("stage", "from") if len(indications) == 1 else ("indication", "stage", "from")
    entry = yamldata.expect_mapping(data, shown, f"a stage of {product_id!r}", STAGE_KEYS, required)
    indication = indications[0]
    if "indication" in entry:
        indication = yamldata.expect_text(entry["indication"], shown, "a stage's indication", yamldata.line_of(entry, "indication"))
        if indication not in indications:
            listed = ", ".join(repr(known) for known in indications)
            raise DataError(shown, yamldata.line_of(entry, "indication"), f"unknown indication {indication!r} of {product_id!r} (its indications: {listed})")
    name = stage_names([yamldata.expect_text(entry["stage"], shown, "a stage", yamldata.line_of(entry, "stage"))])[0]
    if name not in names:
        known = ", ".join(repr(known) for known in names)
        raise DataError(shown, yamldata.line_of(entry, "stage"), f"unknown stage {entry['stage']!r} of {product_id!r} (the stages, in order: {known})")
    release = None
    if entry.get("release") is not None:
        release = yamldata.expect_text(entry["release"], shown, "a stage's release", yamldata.line_of(entry, "release"))
        problem = name_error(release, "release")
        if problem:
            raise DataError(shown, yamldata.line_of(entry, "release"), problem)
    day = yamldata.expect_date(entry["from"], shown, "from", yamldata.line_of(entry, "from"))
    return Stage(indication, name, names.index(name), day, release, entry.line)


def unknown_releases(stages: Iterable[tuple[str, Stage]], slugs: set[str], shown: str) -> DataError | None:
    """The first stage (with its product id) whose ``release`` names no release read, as an error."""
    for product_id, stage in stages:
        if stage.release is not None and stage.release not in slugs:
            return DataError(shown, stage.line, f"stage {stage.stage!r} of {product_id!r} names the release {stage.release!r}, which is not among the releases (use its slug, the folder name under releases/)")
    return None
