"""The ``newsroom`` plugin's options, typed the way Material's own plugins declare theirs.

Each option is checked by MkDocs' config validation, so a bad value stops the build with a
message that names the option before anything is read or written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config, ValidationError

from .freshness import STALE_FACTS_AFTER
from .project import DEFAULT_PRODUCTS_FILE, DEFAULT_TAGS_FILE
from .publication import DEFAULT_RELEASE_TIME, release_time_problem
from .stages import DEFAULT_STAGES, stage_names_problem

T = TypeVar("T")


def _count(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return f"must be a whole number, 0 or more, not {value!r}"
    return None


def _web_address(example: str) -> Callable[[object], str | None]:
    """The check of an option that is empty or a web address, such as ``example``."""

    def problem(value: object) -> str | None:
        if not isinstance(value, str) or (value and not re.fullmatch(r"https?://[^\s\"'<>/]+[^\s\"'<>]*", value)):
            return f"must be a web address starting with https://, such as {example!r}, not {value!r}"
        return None

    return problem


def _time_zone(value: object) -> str | None:
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        return f"unknown time zone {value!r}: use an IANA name such as 'America/New_York'"
    return None


def _stages(value: object) -> str | None:
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        return f"must be a list of stage names, such as {list(DEFAULT_STAGES)}, not {value!r}"
    return stage_names_problem(value)


class _Checked(opt.OptionallyRequired[T]):
    """An option whose value ``problem`` accepts (it says why not, else None)."""

    def __init__(self, problem: Callable[[object], str | None], default: T) -> None:
        super().__init__(default=default)
        self.problem = problem

    def run_validation(self, value: object) -> T:
        message = self.problem(value)
        if message:
            raise ValidationError(message)
        return value  # type: ignore[return-value]  # what problem() accepts is a T


class NewsroomConfig(Config):
    # False: no release is published (nothing under releases/ is copied either); other pages build as usual.
    enabled = opt.Type(bool, default=True)
    # The company's canonical name: misspellings of its first word are reported.
    company = opt.Type(str, default="")
    # Shown in the header, e.g. "Nasdaq: CLRB".
    ticker = opt.Type(str, default="")
    # The company's own site and its investor relations site, linked from the header and the footer.
    company_url = _Checked[str](_web_address("https://www.example.com/"), default="")
    investors_url = _Checked[str](_web_address("https://investors.example.com/"), default="")
    # A release without an embargo time is published on its date at this time, in this zone.
    release_time = _Checked[str](release_time_problem, default=DEFAULT_RELEASE_TIME)
    timezone = _Checked[str](_time_zone, default="America/New_York")
    # Where the data files live, relative to docs_dir.
    products_file = opt.Type(str, default=DEFAULT_PRODUCTS_FILE)
    tags_file = opt.Type(str, default=DEFAULT_TAGS_FILE)
    # How many releases the home page and the feeds carry (0: all, for feeds).
    home_count = _Checked[int](_count, default=10)
    feed_length = _Checked[int](_count, default=0)
    feeds = opt.Type(bool, default=True)
    # A sign-up page for e-mail alerts (an RSS-to-e-mail service or a mailing list's form), linked beside the feeds.
    email_alerts_url = _Checked[str](_web_address("https://example.com/alerts/sign-up"), default="")
    # A WebSub hub: every feed names it (rel="hub"), and the Pages workflow tells it which feeds changed.
    websub_hub = _Checked[str](_web_address("https://pubsubhubbub.appspot.com/"), default="")
    # Globs of files under releases/ that are not releases and are left alone (never published).
    ignore = opt.ListOfItems(opt.Type(str), default=[])
    # A private SSH key (a path, relative to mkdocs.yml) that signs releases.json; unset or
    # empty: the manifest is published unsigned. `!ENV NEWSROOM_SIGNING_KEY` lets CI set it.
    signing_key = opt.Optional(opt.Type(str))
    # Raw HTML in edited .md releases: off, it shows as text; on, it is published as markup.
    allow_html = opt.Type(bool, default=False)
    # A release that mentions a product whose facts were last updated more than this many days
    # before it is a warning of `newsroom check` (0: never).
    stale_facts_after = _Checked[int](_count, default=STALE_FACTS_AFTER)
    # The development stages products.yml may name, in the order the pipeline chart draws them.
    stages = _Checked[list[str]](_stages, default=list(DEFAULT_STAGES))
    # The pipeline chart (home, products, each release as of its date) and product timelines.
    timelines = opt.Type(bool, default=True)
    # Release pages rendered on every core, their HTML kept in .cache/newsroom/ beside mkdocs.yml for the
    # next build (newsroom.cache); false: MkDocs renders every page itself, one by one, keeping nothing.
    cache = opt.Type(bool, default=True)
