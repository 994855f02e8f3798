"""Automatic tags: rules in ``tags.yml`` map phrases, acronyms (or regular expressions) to tags.

Rules read only the news (headline and body before the boilerplate), so a release is never
tagged by its ``About …`` sections, safe harbour or contacts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from . import yamldata
from .catalogue import Catalogue
from .model import DataError, name_error, name_hash, slugify
from .phrases import Phrases, composed

TAG_KEYS = ("name", "slug", "phrases", "acronyms", "patterns", "product", "description")
# How long a tag's patterns may search one release: thousands of times what a sane pattern takes
# on the largest release, and a bound on one that backtracks without end (``(a|aa)+z``).
PATTERN_SECONDS = 1.0


_WORD = re.compile(r"\w+")
# A character beyond ASCII that is not a word character: a curly quote, a dash, a no-break space.
# (The range first: an ASCII character is passed over without a look at its Unicode category.)
_OTHER_NON_WORD = re.compile(r"[^\x00-\x7f\w]")
# Every byte of an ASCII character that is not a word character, as a space; UTF-8 writes every
# other character in bytes above 0x7f, which stay.
_ASCII_NON_WORD = bytes(byte if byte > 0x7F or _WORD.match(chr(byte)) else 0x20 for byte in range(256))


def words_of(text: str) -> frozenset[str]:
    """The words (``\\w+``) of ``text``, split rather than searched: with every other character a
    space, its words are what ``split`` leaves. Most news is ASCII but for some quotes and dashes,
    which become spaces first; the rest is a byte-wise table look-up in C, where the search for
    words took a seventh of a conversion."""
    if not text.isascii():
        text = _OTHER_NON_WORD.sub(" ", text)  # and lone surrogates, so the text encodes
    return frozenset(text.encode().translate(_ASCII_NON_WORD).decode().split())


# A phrase found where the lower-case release holds all of these words.
Search = tuple[frozenset[str], Phrases]


@dataclass(frozen=True)
class Rule:
    """What assigns a tag: phrases (whole words in any case), acronyms (whole words in this
    case) and regular expressions (any case).

    A one-word phrase matches exactly when the release has that word, so it is a set look-up.
    A longer phrase or an acronym can only match where the release has each of its words, so
    its search runs only then: for few releases. A regular expression is searched for in every
    release, with the ``regex`` engine and a time bound (``PATTERN_SECONDS``).
    """

    words: frozenset[str] = frozenset()
    phrases: tuple[Search, ...] = ()
    acronyms: tuple[Search, ...] = ()
    patterns: regex.Pattern[str] | None = None
    # Where the patterns stand (file, line of 'patterns:', tag name): for the error of a search out of time.
    origin: tuple[str, int | None, str] = ("", None, "")
    # That error, once it happened: later releases fail at once with it rather than take the time again.
    timed_out: list[DataError] = field(default_factory=list, compare=False, repr=False)

    def matches(self, text: str, lower: str, words: frozenset[str]) -> bool:
        """``lower`` is ``text`` in lower case, ``words`` its words."""
        if not self.words.isdisjoint(words):
            return True
        if self.phrases and any(needed <= words and phrase.search(lower) for needed, phrase in self.phrases):
            return True
        if self.acronyms and any(needed <= words and acronym.search(text) for needed, acronym in self.acronyms):
            return True
        return self.patterns is not None and self._search(self.patterns, text)

    def _search(self, patterns: regex.Pattern[str], text: str) -> bool:
        if not self.timed_out:
            try:
                return patterns.search(text, timeout=PATTERN_SECONDS) is not None
            except TimeoutError:
                shown, line, tag = self.origin
                self.timed_out.append(DataError(shown, line, (
                    f"the patterns of tag {tag!r} took more than {PATTERN_SECONDS:g} s on a release: a pattern that "
                    "backtracks this much (nested or overlapping repeats such as (\\w+\\s?)+ or (a|aa)+) would hang the build; simplify it"
                )))
        first = self.timed_out[0]
        raise DataError(first.path, first.line, first.finding.message)


@dataclass(frozen=True)
class Tag:
    name: str
    slug: str
    rule: Rule | None
    product: str | None = None
    description: str = ""

    @property
    def url(self) -> str:
        """Where the tag leads: a product's tag to the product's page, so a product is one place."""
        return f"products/{self.product}/" if self.product else self.page_url

    @property
    def page_url(self) -> str:
        """The tag's own address; a product's tag has only a redirect there (see listings.redirects)."""
        return f"tags/{self.slug}/"


@dataclass(frozen=True)
class Vocabulary:
    tags: tuple[Tag, ...]

    def assign(self, news_text: str, products: list[str] | tuple[str, ...]) -> list[str]:
        """Names of the tags whose rules match the news, in vocabulary order."""
        news_text = composed(news_text)
        lower = news_text.lower()
        words = words_of(lower)
        return [
            tag.name
            for tag in self.tags
            if (tag.product is not None and tag.product in products)
            or (tag.rule is not None and tag.rule.matches(news_text, lower, words))
        ]

    def product_tags(self, products: list[str] | tuple[str, ...]) -> list[str]:
        """Names of the tags of these products, in vocabulary order."""
        return [tag.name for tag in self.tags if tag.product is not None and tag.product in products]

    def tag_for(self, name: str) -> Tag:
        """The tag of a name (by name or slug); a name the vocabulary lacks (from an edited release) gets its own."""
        slug = slugify(name) or f"tag-{name_hash(name)}"
        known = next((tag for tag in self.tags if tag.name == name or tag.slug == slug), None)
        return known or Tag(name, slug, None)


def classify(news_text: str, catalogue: Catalogue, vocabulary: Vocabulary) -> tuple[list[str], list[str]]:
    """The products a release's news mentions and the tags it earns (product tags follow the products)."""
    products = catalogue.detect(news_text)
    return products, vocabulary.assign(news_text, products)


def _texts(item: Any, key: str, what: str, shown: str) -> list[tuple[str, int | None]]:
    """The texts listed under ``key`` (none when it is absent or empty), each with its line."""
    listed = item.get(key)
    return yamldata.expect_texts(listed, shown, f"'{key}'", what, yamldata.line_of(item, key)) if listed else []


def _read_rule(item: Any, shown: str, name: str) -> Rule | None:
    """A tag's phrases, acronyms and patterns, validated; ``None`` when it has none."""
    phrases = [text for text, _ in _texts(item, "phrases", "a phrase", shown)]
    acronyms: list[str] = []
    for text, line in _texts(item, "acronyms", "an acronym", shown):
        if not _WORD.fullmatch(text):
            raise DataError(shown, line, f"acronym {text!r} must be one word of letters and digits: put it under 'phrases'")
        acronyms.append(text)
    patterns: list[str] = []
    for text, line in _texts(item, "patterns", "a pattern", shown):
        try:
            compiled = regex.compile(text, regex.IGNORECASE)
        except regex.error as exc:
            raise DataError(shown, line, f"invalid regular expression {text!r}: {exc}") from None
        if compiled.search("", timeout=PATTERN_SECONDS):
            raise DataError(shown, line, f"regular expression {text!r} matches empty text, so it would tag every release")
        patterns.append(f"(?:{text})")
    if not (phrases or acronyms or patterns):
        return None
    lower = [phrase.lower() for phrase in phrases]
    return Rule(
        words=frozenset(phrase for phrase in lower if _WORD.fullmatch(phrase)),
        phrases=tuple(_search(phrase) for phrase in lower if not _WORD.fullmatch(phrase)),
        acronyms=tuple(_search(acronym) for acronym in acronyms),
        patterns=regex.compile("|".join(patterns), regex.IGNORECASE) if patterns else None,
        origin=(shown, yamldata.line_of(item, "patterns"), name),
    )


def _search(phrase: str) -> Search:
    phrase = composed(phrase)
    return words_of(phrase.lower()), Phrases.compile([phrase])


def load_vocabulary(path: Path, catalogue: Catalogue, shown: str | None = None) -> Vocabulary:
    """Read and validate ``tags.yml``; a missing file is an empty vocabulary."""
    shown = shown or str(path)
    if yamldata.absent(path, shown):
        return Vocabulary(())
    data = yamldata.load(path, shown)
    if data is None:
        return Vocabulary(())
    top = yamldata.expect_mapping(data, shown, "the tag rules", ("tags",), ("tags",))
    entries = yamldata.expect_list(top["tags"], shown, "'tags'", yamldata.line_of(top, "tags"))
    tags: list[Tag] = []
    slugs: dict[str, str] = {}
    products: dict[str, str] = {}  # product id → the tag that follows it
    for entry in entries:
        item = yamldata.expect_mapping(entry, shown, "a tag", TAG_KEYS, ("name",))
        name = yamldata.expect_text(item["name"], shown, "a tag name", yamldata.line_of(item, "name"))
        given = item.get("slug") is not None
        slug = str(item["slug"]) if given else slugify(name)
        slug_line = yamldata.line_of(item, "slug" if given else "name")
        if not slug:
            raise DataError(shown, slug_line, f"tag {name!r} has no letters or digits to make its address from: give it a 'slug'")
        problem = name_error(slug, "tag slug" if given else f"tag {name!r} has the slug")
        if problem:
            raise DataError(shown, slug_line, problem if given else f"{problem}: give the tag its own 'slug'")
        if slug in slugs:
            raise DataError(shown, slug_line, f"tag {name!r} has the slug {slug!r}, like tag {slugs[slug]!r}: give one of them its own 'slug'")
        # A release names its tags by name: two of one name would be one chip twice, the second page never made.
        if name in slugs.values():
            raise DataError(shown, yamldata.line_of(item, "name"), f"tag {name!r} is named twice: give one of them another name")
        slugs[slug] = name
        product = item.get("product")
        if product is not None and catalogue.get(str(product)) is None:
            known = ", ".join(p.id for p in catalogue.products) or "none"
            raise DataError(shown, yamldata.line_of(item, "product"), f"tag {name!r} names product {product!r}, which products.yml does not have (known: {known})")
        if product is not None and str(product) in products:
            raise DataError(shown, yamldata.line_of(item, "product"), f"tags {products[str(product)]!r} and {name!r} both follow product {product!r}: keep one")
        if product is not None:
            products[str(product)] = name
        description = yamldata.optional_text(item, "description", shown, "a description")
        rule = _read_rule(item, shown, name)
        if rule is None and product is None:
            raise DataError(shown, item.line, f"tag {name!r} needs 'phrases', 'acronyms', 'patterns' or a 'product' to assign it")
        tags.append(Tag(name, slug, rule, str(product) if product is not None else None, description))
    return Vocabulary(tuple(tags))
