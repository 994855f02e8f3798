"""A product's timeline: its releases on a time axis, one row per year, with its milestones.

Each release is a marker whose shape says its topic (clinical, regulatory, patents, financing,
other, from its tags) and which links to the release, its headline the link's name. Stage changes
and dated fact changes are milestones. A month's releases that would touch stack up in the month.
The same content comes as an ordered list, for screen readers and paper. MkDocs-free; only what
the plan publishes goes in, so held releases and their facts are absent.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from . import svg
from .catalogue import Product
from .model import Entry, display_date
from .stages import Stage, stage_label

# Topics in the order the legend shows them; a release takes the first whose words its tags hold.
TOPICS = ("clinical", "regulatory", "patents", "financing", "other")
TOPIC_NAMES = {"clinical": "Clinical", "regulatory": "Regulatory", "patents": "Patents", "financing": "Financing", "other": "Other"}
TOPIC_WORDS = {
    "clinical": ("clinical", "trial", "study", "data"),
    "regulatory": ("regulatory", "fda", "orphan", "approval", "designation"),
    "patents": ("patent",),
    "financing": ("financ", "offering", "results", "earnings", "warrant"),
}

# Written out, not calendar.month_abbr: that follows the build machine's locale.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
YEAR_LABEL = 52
MONTH = 45
WIDTH = YEAR_LABEL + 12 * MONTH + 8
MARK = 12  # a marker's size; markers closer than this in a month stack
LANE = 15
LEGEND = 26
HEADER = 20


def topic_of(tag_slugs: Iterable[str]) -> str:
    """The topic of a release with these tag slugs."""
    slugs = tuple(tag_slugs)
    for topic in TOPICS[:-1]:
        if any(word in slug for slug in slugs for word in TOPIC_WORDS[topic]):
            return topic
    return "other"


@dataclass(frozen=True)
class Milestone:
    """What the catalogue says changed on ``day``: stages reached and facts that took a new value."""

    day: date
    stages: tuple[Stage, ...]
    facts: tuple[str, ...]

    def sentence(self) -> str:
        said = [f"{stage_label(stage.stage)} in {stage.indication}" for stage in self.stages]
        if self.facts:
            said.append(f"facts updated: {', '.join(self.facts)}")
        return "; ".join(said)


@dataclass(frozen=True)
class Item:
    """One release on the timeline."""

    entry: Entry
    topic: str
    href: str


@dataclass(frozen=True)
class Timeline:
    svg: str
    # (day, kind, text, href or "") oldest first: the list form.
    events: tuple[tuple[date, str, str, str], ...]


def milestones(product: Product, shown_day: Callable[[date], bool], shown_stage: Callable[[Stage], bool]) -> tuple[Milestone, ...]:
    """The product's dated catalogue changes that may show, by day, oldest first."""
    stages: dict[date, list[Stage]] = defaultdict(list)
    facts: dict[date, list[str]] = defaultdict(list)
    for stage in product.stages:
        if shown_stage(stage):
            stages[stage.day].append(stage)
    for fact in product.facts:
        for start, _ in fact.values:
            if start is not None and shown_day(start):
                facts[start].append(fact.label)
    return tuple(Milestone(day, tuple(stages[day]), tuple(facts[day])) for day in sorted(set(stages) | set(facts)))


def _shape(topic: str, x: float, y: float) -> str:
    half = MARK / 2
    if topic == "clinical":
        return svg.element("circle", cx=x, cy=y, r=half)
    if topic == "patents":
        return svg.element("rect", x=x - half + 1, y=y - half + 1, width=float(MARK - 2), height=float(MARK - 2))
    points = {
        "regulatory": [(x, y - half - 1), (x + half + 1, y), (x, y + half + 1), (x - half - 1, y)],
        "financing": [(x, y - half), (x + half, y + half - 1), (x - half, y + half - 1)],
        "other": [(x - half, y - half + 1), (x + half, y - half + 1), (x, y + half)],
    }[topic]
    return svg.element("polygon", points=" ".join(f"{svg.num(px)},{svg.num(py)}" for px, py in points))


def _month_x(day: date) -> float:
    """Where ``day`` stands in its year's row, kept inside its month so months never overlap."""
    days = calendar.monthrange(day.year, day.month)[1]
    start = YEAR_LABEL + (day.month - 1) * MONTH
    return start + MARK / 2 + (MONTH - MARK) * (day.day - 1) / max(days - 1, 1)


def _placed(items: list[Item]) -> list[tuple[Item, float, int]]:
    """Each release of one month with its x and lane: at its day when none are too close, else
    stacked in lanes at the middle of the month."""
    xs = [_month_x(item.entry.date) for item in items]
    crowded = any(b - a < MARK + 2 for a, b in zip(xs, xs[1:], strict=False))
    if not crowded:
        return [(item, x, 0) for item, x in zip(items, xs, strict=True)]
    middle = YEAR_LABEL + (items[0].entry.date.month - 1) * MONTH + MONTH / 2
    return [(item, middle, lane) for lane, item in enumerate(items)]


def draw(product: Product, items: list[Item], marks: tuple[Milestone, ...], chart_id: str) -> Timeline:
    """The timeline of ``items`` (oldest first) and ``marks``; an empty one when both are."""
    if not items and not marks:
        return Timeline("", ())
    years = sorted({item.entry.date.year for item in items} | {mark.day.year for mark in marks})
    first, last = years[0], years[-1]
    by_month: dict[tuple[int, int], list[Item]] = defaultdict(list)
    for item in items:
        by_month[(item.entry.date.year, item.entry.date.month)].append(item)
    placed = {key: _placed(month) for key, month in by_month.items()}
    mark_years = {mark.day.year for mark in marks}
    parts = [_legend(), *_month_names()]
    y = LEGEND + HEADER
    for year in range(first, last + 1):
        lanes = max((lane + 1 for key, month in placed.items() if key[0] == year for _, _, lane in month), default=1)
        height = lanes * LANE + (LANE if year in mark_years else 0) + 10
        parts.append(svg.element("line", x1=float(YEAR_LABEL), y1=float(y), x2=float(WIDTH - 8), y2=float(y), class_="nr-timeline__axis"))
        parts.append(svg.label(4, y + 14, str(year), class_="nr-timeline__year"))
        for month in range(1, 13):
            for item, x, lane in placed.get((year, month), []):
                name = f"{display_date(item.entry.date)}: {item.entry.title} ({TOPIC_NAMES[item.topic]})"
                parts.append(
                    svg.element(
                        "a",
                        svg.element("title", svg.text(name)),
                        _shape(item.topic, x, y + 4 + LANE / 2 + lane * LANE),
                        href=item.href,
                        aria_label=name,
                        class_=f"nr-timeline__release nr-timeline__release--{item.topic}",
                        data_slug=item.entry.slug,
                    )
                )
        for mark in marks:
            if mark.day.year == year:
                x = _month_x(mark.day)
                top = y + 4 + lanes * LANE
                parts.append(
                    svg.element(
                        "g",
                        svg.element("title", svg.text(f"{display_date(mark.day)}: {mark.sentence()}")),
                        svg.element("line", x1=x, y1=float(top), x2=x, y2=float(top + LANE - 2)),
                        svg.element("rect", x=x, y=float(top), width=7.0, height=5.0),
                        class_="nr-timeline__milestone",
                        data_day=mark.day.isoformat(),
                    )
                )
        y += height
    count = len(items)
    title = f"Timeline of {product.name}: {count} press release{'' if count == 1 else 's'} and {len(marks)} milestone day{'' if len(marks) == 1 else 's'}, {first}–{last}"
    picture = svg.picture("timeline", chart_id, WIDTH, y + 4, "group", title, *parts)
    events = [(item.entry.date, TOPIC_NAMES[item.topic], item.entry.title, item.href) for item in items]
    events += [(mark.day, "Milestone", mark.sentence(), "") for mark in marks]
    # A day's milestones come before its releases: the catalogue states what the release announces.
    events.sort(key=lambda event: (event[0], event[1] != "Milestone"))
    return Timeline(picture, tuple(events))


def _legend() -> str:
    parts = []
    x = 4.0
    for topic in TOPICS:
        parts.append(svg.element("g", _shape(topic, x + MARK / 2, 12), class_=f"nr-timeline__release--{topic}"))
        parts.append(svg.label(x + MARK + 4, 16, TOPIC_NAMES[topic], class_="nr-timeline__legend"))
        x += MARK + 10 + 8 * len(TOPIC_NAMES[topic])
    parts.append(svg.element("g", svg.element("line", x1=x + 2, y1=6.0, x2=x + 2, y2=18.0), svg.element("rect", x=x + 2, y=6.0, width=7.0, height=5.0), class_="nr-timeline__milestone"))
    parts.append(svg.label(x + 14, 16, "Milestone", class_="nr-timeline__legend"))
    return svg.element("g", *parts, aria_hidden="true")


def _month_names() -> list[str]:
    return [
        svg.label(YEAR_LABEL + (month - 1) * MONTH + MONTH / 2, LEGEND + 14, MONTHS[month - 1], class_="nr-timeline__month", text_anchor="middle", aria_hidden="true")
        for month in range(1, 13)
    ]
