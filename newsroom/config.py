"""The ``newsroom`` plugin's options, typed the way Material's own plugins declare theirs."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class NewsroomConfig(Config):
    enabled = opt.Type(bool, default=True)
    # The company's canonical name: misspellings of its first word are reported.
    company = opt.Type(str, default="")
    # Shown in the header, e.g. "Nasdaq: CLRB".
    ticker = opt.Type(str, default="")
    # A release without an embargo time is published on its date at this time, in this zone.
    release_time = opt.Type(str, default="08:00")
    timezone = opt.Type(str, default="America/New_York")
    # Where the data files live, relative to docs_dir.
    products_file = opt.Type(str, default="products.yml")
    tags_file = opt.Type(str, default="tags.yml")
    # How many releases the home page and the feeds carry (0: all, for feeds).
    home_count = opt.Type(int, default=10)
    feed_length = opt.Type(int, default=0)
    feeds = opt.Type(bool, default=True)
    # Raw HTML in edited .md releases: off, it shows as text; on, it is published as markup.
    allow_html = opt.Type(bool, default=False)
