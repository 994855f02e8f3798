"""Listings over published releases: home, year archive (all years and one page per year), tags and products.

Computed once per build, newest first; templates only loop over what these return.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import groupby

from .catalogue import Catalogue, Product
from .markdown_writer import escape_text, with_front_matter
from .model import Entry
from .tagging import Tag, Vocabulary


@dataclass(frozen=True)
class YearGroup:
    year: int
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class TagListing:
    tag: Tag
    entries: tuple[Entry, ...]

    @property
    def count(self) -> int:
        return len(self.entries)


@dataclass(frozen=True)
class ProductListing:
    product: Product
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Listings:
    """Everything the listing pages show; ``entries`` are newest first."""

    entries: tuple[Entry, ...]
    years: tuple[YearGroup, ...]
    tags: tuple[TagListing, ...]
    products: tuple[ProductListing, ...]

    def latest(self, count: int) -> tuple[Entry, ...]:
        return self.entries[:count]

    def year(self, year: int) -> YearGroup | None:
        return next((group for group in self.years if group.year == year), None)

    def tag(self, slug: str) -> TagListing | None:
        return next((listing for listing in self.tags if listing.tag.slug == slug), None)

    def product(self, product_id: str) -> ProductListing | None:
        return next((listing for listing in self.products if listing.product.id == product_id), None)


def newest_first(entries: list[Entry] | tuple[Entry, ...]) -> tuple[Entry, ...]:
    return tuple(sorted(entries, key=lambda e: (e.date, e.slug), reverse=True))


def build_listings(entries: list[Entry], vocabulary: Vocabulary, catalogue: Catalogue) -> Listings:
    """Group published releases by year, tag and product in one pass over them."""
    ordered = newest_first(entries)
    years = tuple(YearGroup(year, tuple(group)) for year, group in groupby(ordered, key=lambda e: e.date.year))
    by_tag: dict[str, list[Entry]] = defaultdict(list)
    by_product: dict[str, list[Entry]] = defaultdict(list)
    # A product's tag has no listing of its own: the product's page lists its releases.
    tags: dict[str, Tag] = {tag.slug: tag for tag in vocabulary.tags if tag.product is None}
    for entry in ordered:
        for name in entry.tags:
            tag = vocabulary.tag_for(name)
            if tag.product is None:
                tags.setdefault(tag.slug, tag)
                by_tag[tag.slug].append(entry)
        for product_id in entry.products:
            by_product[product_id].append(entry)
    tag_listings = tuple(TagListing(tag, tuple(by_tag[slug])) for slug, tag in tags.items() if by_tag[slug])
    product_listings = tuple(ProductListing(p, tuple(by_product[p.id])) for p in catalogue.products)
    return Listings(ordered, years, tag_listings, product_listings)


def _stub(title: str, template: str, intro: str = "", description: str = "") -> str:
    """A generated listing page: front matter naming its template, a heading and an intro."""
    meta = {"title": title, "template": template}
    if description:
        meta["description"] = description
    body = f"# {escape_text(title)}\n\n{escape_text(intro)}\n" if intro else f"# {escape_text(title)}\n"
    return with_front_matter(body, meta)


def listing_pages(listings: Listings, catalogue: Catalogue) -> dict[str, str]:
    """Source URI → Markdown of every listing page: archive, its years, tag index, tags, products;
    and the page that tells how to verify a release against the site's manifest. A year's page is
    releases/<year>/, which no release takes: a release's address starts with its full date."""
    pages = {
        "verify.md": _stub("Verify a release", "newsroom/verify.html", description="How to check that a press release is exactly what we published."),
        "releases/index.md": _stub("Press releases", "newsroom/archive.html", description="Every press release, newest first."),
        **{
            f"releases/{group.year}.md": _stub(f"Press releases {group.year}", "newsroom/archive.html", description=f"Press releases of {group.year}.")
            for group in listings.years
        },
        "tags/index.md": _stub("Topics", "newsroom/tags.html", description="Press releases by topic."),
        "products/index.md": _stub("Products", "newsroom/products.html", description="Our product candidates and platform."),
    }
    for listing in listings.tags:
        tag = listing.tag
        pages[f"tags/{tag.slug}.md"] = _stub(tag.name, "newsroom/tag.html", tag.description, f"Press releases about {tag.name}.")
    for product in catalogue.products:
        pages[f"products/{product.id}.md"] = _stub(product.name, "newsroom/product.html", product.description, product.summary)
    return pages
