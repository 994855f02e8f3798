"""The pipeline chart: one row per product and indication, a bar to the stage it has reached.

Drawn at build time as inline SVG (newsroom.svg): real text, colours from the theme's CSS (the
classes below, styled in newsroom.css), ``role="img"`` with a title and a description that says
everything the bars say. MkDocs-free; the same catalogue and day give the same bytes.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, partial

from . import svg
from .catalogue import Catalogue, Product
from .model import display_date
from .stages import Stage, current, stage_label

WIDTH = 600
PAD = 12
HEADER = 30
LABEL_LINE = 17
BAR = 14
ROW_GAP = 14
# Characters of a row label per line, at the chart's font size, before it wraps.
LABEL_CHARS = 78

# Whether a product's stage may show yet (embargo: it waits for its day's releases).
StageShown = Callable[[Product, Stage], bool]


@dataclass(frozen=True)
class Row:
    product: Product
    indication: str
    stage: Stage

    @property
    def label(self) -> str:
        return f"{self.product.name} – {self.indication}"

    def sentence(self) -> str:
        return f"{self.label}, {stage_label(self.stage.stage)} since {display_date(self.stage.day)}."


def rows(catalogue: Catalogue, day: date | None, shown: StageShown) -> tuple[Row, ...]:
    """The chart's rows on ``day`` (today's when None), in catalogue and indication order; an
    indication with no stage yet on that day has no row."""
    found: list[Row] = []
    for product in catalogue.products:
        visible = partial(shown, product)
        for indication in product.indications:
            stage = current(product.stages, indication, day, visible)
            if stage is not None:
                found.append(Row(product, indication, stage))
    return tuple(found)


def chart(chart_rows: tuple[Row, ...], stage_names: tuple[str, ...], title: str, chart_id: str) -> str:
    """The chart as an ``<svg>`` element; empty when there is no row."""
    if not chart_rows:
        return ""
    height, drawing, description = _drawing(chart_rows, stage_names)
    return svg.picture("pipeline", chart_id, WIDTH, height, "img", title, drawing, description=description)


@lru_cache(maxsize=64)
def _drawing(chart_rows: tuple[Row, ...], stage_names: tuple[str, ...]) -> tuple[float, str, str]:
    """The chart's height, drawing and description: the same for every release between two stage
    changes, so drawn once for all of them."""
    column = (WIDTH - 2 * PAD) / len(stage_names)
    parts: list[str] = []
    for index, name in enumerate(stage_names):
        x = PAD + index * column
        parts.append(svg.label(x + column / 2, 20, stage_label(name), class_="nr-chart__stage", text_anchor="middle"))
    y = HEADER
    body: list[str] = []
    for row in chart_rows:
        lines = textwrap.wrap(row.label, LABEL_CHARS) or [row.label]
        since = f"since {display_date(row.stage.day)}"
        for number, line in enumerate(lines):
            y += LABEL_LINE
            words = [svg.text(line)]
            if number == len(lines) - 1:
                words.append(svg.element("tspan", svg.text(f" · {since}"), class_="nr-chart__since"))
            body.append(svg.element("text", *words, x=float(PAD), y=float(y - 4), class_="nr-chart__label"))
        reached = (row.stage.rank + 1) * column
        body.append(svg.element("rect", x=float(PAD), y=float(y), width=float(WIDTH - 2 * PAD), height=float(BAR), class_="nr-chart__track"))
        body.append(
            svg.element(
                "rect",
                x=float(PAD),
                y=float(y),
                width=float(reached),
                height=float(BAR),
                class_="nr-chart__bar",
                data_product=row.product.id,
                data_stage=row.stage.stage,
            )
        )
        y += BAR + ROW_GAP
    height = y + PAD - ROW_GAP
    grid = [
        svg.element("line", x1=float(PAD + index * column), y1=float(HEADER - 4), x2=float(PAD + index * column), y2=float(height - PAD), class_="nr-chart__grid")
        for index in range(1, len(stage_names))
    ]
    description = " ".join(row.sentence() for row in chart_rows)
    return height, "".join((*parts, *grid, *body)), description
