"""The MkDocs-free pieces of the newsroom's look: the release cut at its lead, the redirect pages
of products' old topic pages, the tab a page belongs under, a fact box's one line, and each
product once among a feed item's categories."""

from __future__ import annotations

from datetime import date

import pytest

from newsroom.article import split_article
from newsroom.catalogue import Catalogue
from newsroom.plan import Plan, stage_line
from newsroom.redirects import redirects
from newsroom.tagging import Tag, Vocabulary

from .helpers import EIGHT, PRODUCT, source
from .helpers import PLAN_SETTINGS as SETTINGS

HEADLINE = '<p class="nr-header-lines">FOR IMMEDIATE RELEASE</p>\n<h1 id="h">Headline</h1>\n'
LEAD = '<p class="nr-subheadline">Sub</p>\n<p><strong class="nr-dateline">CITY --</strong> Lead words.</p>'
REST = "\n<p>Second.</p>\n<h2>About</h2>\n<p>About text.</p>\n"


def test_article_cut_after_the_dateline_paragraph_keeps_every_character() -> None:
    article = split_article(HEADLINE + LEAD + REST)
    assert article.headline == HEADLINE[: HEADLINE.index("</h1>") + len("</h1>")]
    assert article.lead.endswith("Lead words.</p>")
    assert article.rest == REST
    assert article.headline + article.lead + article.rest == HEADLINE + LEAD + REST


@pytest.mark.parametrize(
    ("body", "lead"),
    [
        ("<p>First.</p><p>Second.</p>", "<p>First.</p>"),  # no dateline: the first plain paragraph
        ('<p class="nr-subheadline">Sub</p><p>First.</p>', '<p class="nr-subheadline">Sub</p><p>First.</p>'),
        ("<h2>About</h2><p>About text.</p>", ""),  # nothing before the first section: no lead
        ("<details><p>Safe harbour.</p></details>", ""),
        ("", ""),
    ],
)
def test_article_lead_without_a_dateline(body: str, lead: str) -> None:
    article = split_article("<h1>H</h1>" + body)
    assert article.lead == lead
    assert article.headline + article.lead + article.rest == "<h1>H</h1>" + body


def test_redirects_send_each_product_tag_to_its_product_page() -> None:
    vocabulary = Vocabulary((Tag("Patents", "patents", None), Tag("CLR 131", "clr131-news", None, product="clr-131")))
    pages = redirects(vocabulary, lambda path: f"https://ir.example.com/{path}")
    assert list(pages) == ["tags/clr131-news/index.html"]
    html = pages["tags/clr131-news/index.html"]
    assert '<meta http-equiv="refresh" content="0; url=../../products/clr-131/">' in html
    assert '<link rel="canonical" href="https://ir.example.com/products/clr-131/">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert '<a href="../../products/clr-131/">CLR 131</a>' in html
    # No site address: the canonical link is the relative one.
    assert '<link rel="canonical" href="../../products/clr-131/">' in redirects(vocabulary, lambda path: "")["tags/clr131-news/index.html"]
    # Every page links the site's feed (DESIGN), these too when there is one.
    assert "application/rss+xml" not in html
    linked = redirects(vocabulary, lambda path: "", "feed.xml")["tags/clr131-news/index.html"]
    assert '<link rel="alternate" type="application/rss+xml" href="../../feed.xml">' in linked


def test_a_product_tag_leads_to_the_product_page() -> None:
    assert Tag("CLR 131", "clr-131", None, product="clr-131").url == "products/clr-131/"
    assert Tag("CLR 131", "clr-131", None, product="clr-131").page_url == "tags/clr-131/"
    assert Tag("Patents", "patents", None).url == "tags/patents/"


@pytest.mark.parametrize(
    ("src_uri", "section"),
    [
        ("releases/2017-01-24-x.md", "releases/index.md"),
        ("releases/2017.md", "releases/index.md"),
        ("tags/patents.md", "releases/index.md"),
        ("tags/index.md", None),  # the topic index: a tab of its own when the nav lists it
        ("products/clr-131.md", "products/index.md"),
        ("releases/index.md", None),
        ("products/index.md", None),
        ("index.md", None),
        ("about.md", None),
    ],
)
def test_section_of_a_page(src_uri: str, section: str | None) -> None:
    assert Plan.section(src_uri) == section


def test_stage_line_is_the_stage_fact_else_the_summary() -> None:
    assert stage_line([("Payload", "I-131"), ("Development stage", "Phase 2")], "Summary") == "Phase 2"
    assert stage_line([("Stage", "Phase I")], "Summary") == "Phase I"
    assert stage_line([("Payload", "I-131")], "Summary") == "Summary"


def test_feed_item_carries_a_product_once_whether_tagged_or_detected() -> None:
    vocabulary = Vocabulary((Tag("Patents", "patents", None), Tag("CLR 131", "clr-131", None, product="clr-131")))
    both = source("both", tags=("Patents", "CLR 131"), products=("clr-131",))
    tagged_only = source("tagged", day=date(2021, 3, 2), tags=("CLR 131",))
    plan = Plan([both, tagged_only], Catalogue((PRODUCT,)), vocabulary, SETTINGS, EIGHT)
    items = {item.url.rsplit("/", 2)[-2]: item for item in plan.feeds()[0].items}
    assert [(c.term, c.scheme) for c in items["both"].categories] == [
        ("patents", "https://ir.example.com/tags/patents/"),
        ("clr-131", "https://ir.example.com/products/clr-131/"),
    ]
    assert [(c.term, c.label) for c in items["tagged"].categories] == [("clr-131", PRODUCT.name)]
    # No feed and no listing of the product's tag: the product's page and feed are its one place.
    assert [feed.folder for feed in plan.feeds()] == ["", "tags/patents/", "products/clr-131/"]
    assert [listing.tag.slug for listing in plan.listings.tags] == ["patents"]
