"""Automatic tags: rules in ``tags.yml`` map phrases (or regular expressions) to tags.

Rules read only the news (headline and body before the boilerplate), so a release is never
tagged by its ``About …`` sections, safe harbour or contacts.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from . import yamldata
from .catalogue import Catalogue, phrases_pattern
from .model import DataError, slugify

TAG_KEYS = ("name", "slug", "phrases", "patterns", "product", "description")


_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Rule:
    """What assigns a tag: phrases (any case, whole words) and regular expressions.

    A phrase can only match where the text has its first word, so the phrase search is skipped
    for a release that has none of them: most tags, for most releases.
    """

    phrases: re.Pattern[str] | None = None
    first_words: frozenset[str] = frozenset()
    patterns: re.Pattern[str] | None = None

    def matches(self, text: str, words: frozenset[str]) -> bool:
        """``words`` are the lower-case words of ``text``."""
        if self.phrases is not None and not self.first_words.isdisjoint(words) and self.phrases.search(text):
            return True
        return self.patterns is not None and self.patterns.search(text) is not None


@dataclass(frozen=True)
class Tag:
    name: str
    slug: str
    rule: Rule | None
    product: str | None = None
    description: str = ""

    @property
    def url(self) -> str:
        return f"tags/{self.slug}/"


@dataclass(frozen=True)
class Vocabulary:
    tags: tuple[Tag, ...]

    def assign(self, news_text: str, products: list[str] | tuple[str, ...]) -> list[str]:
        """Names of the tags whose rules match the news, in vocabulary order."""
        words = frozenset(_WORD.findall(news_text.lower()))
        return [
            tag.name
            for tag in self.tags
            if (tag.product is not None and tag.product in products)
            or (tag.rule is not None and tag.rule.matches(news_text, words))
        ]

    def tag_for(self, name: str) -> Tag:
        """The tag of a name (by name or slug); a name the vocabulary lacks (from an edited release) gets its own."""
        slug = slugify(name) or _fallback_slug(name)
        known = next((tag for tag in self.tags if tag.name == name or tag.slug == slug), None)
        return known or Tag(name, slug, None)


def _fallback_slug(name: str) -> str:
    """A stable, URL-safe slug for a name with no ASCII letters or digits (``日本``)."""
    return "tag-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]


def _rule(phrases: list[str], patterns: list[str]) -> Rule:
    firsts = [_WORD.match(phrase.lower()) for phrase in phrases]
    if not all(firsts):
        # A phrase that starts with punctuation has no first word to look for: search always.
        patterns = [phrases_pattern(phrases), *patterns]
        phrases = []
    return Rule(
        phrases=re.compile(phrases_pattern(phrases), re.IGNORECASE) if phrases else None,
        first_words=frozenset(match.group(0) for match in firsts if match),
        patterns=re.compile("|".join(patterns), re.IGNORECASE) if patterns else None,
    )


def load_vocabulary(path: Path, catalogue: Catalogue, shown: str | None = None) -> Vocabulary:
    """Read and validate ``tags.yml``; a missing file is an empty vocabulary."""
    shown = shown or str(path)
    if not path.exists():
        return Vocabulary(())
    data = yamldata.load(path, shown)
    if data is None:
        return Vocabulary(())
    top = yamldata.expect_mapping(data, shown, "the tag rules", ("tags",), ("tags",))
    entries = yamldata.expect_list(top["tags"], shown, "'tags'", yamldata.line_of(top, "tags"))
    tags: list[Tag] = []
    slugs: dict[str, str] = {}
    for entry in entries:
        item = yamldata.expect_mapping(entry, shown, "a tag", TAG_KEYS, ("name",))
        name = yamldata.expect_text(item["name"], shown, "a tag name", yamldata.line_of(item, "name"))
        slug = str(item.get("slug") or slugify(name))
        slug_line = yamldata.line_of(item, "slug" if "slug" in item else "name")
        if not slug:
            raise DataError(shown, slug_line, f"tag {name!r} has no letters or digits to make its address from: give it a 'slug'")
        if slugify(slug) != slug:
            raise DataError(shown, slug_line, f"tag slug {slug!r} must be lower-case letters, digits and hyphens (e.g. {slugify(slug)!r})")
        if slug in slugs:
            raise DataError(shown, slug_line, f"tag {name!r} has the slug {slug!r}, like tag {slugs[slug]!r}: give one of them its own 'slug'")
        slugs[slug] = name
        alternatives: list[str] = []
        phrases = item.get("phrases") or []
        phrase_list = yamldata.expect_list(phrases, shown, "'phrases'", yamldata.line_of(item, "phrases")) if phrases else []
        texts = [yamldata.expect_text(p, shown, "a phrase", yamldata.line_of(phrase_list, i)) for i, p in enumerate(phrase_list)]
        patterns = item.get("patterns") or []
        pattern_list = yamldata.expect_list(patterns, shown, "'patterns'", yamldata.line_of(item, "patterns")) if patterns else []
        for index, raw in enumerate(pattern_list):
            line = yamldata.line_of(pattern_list, index)
            text = yamldata.expect_text(raw, shown, "a pattern", line)
            try:
                compiled = re.compile(text, re.IGNORECASE)
            except re.error as exc:
                raise DataError(shown, line, f"invalid regular expression {text!r}: {exc}") from None
            if compiled.search(""):
                raise DataError(shown, line, f"regular expression {text!r} matches empty text, so it would tag every release")
            alternatives.append(f"(?:{text})")
        product = item.get("product")
        if product is not None and catalogue.get(str(product)) is None:
            known = ", ".join(p.id for p in catalogue.products) or "none"
            raise DataError(shown, yamldata.line_of(item, "product"), f"tag {name!r} names product {product!r}, which products.yml does not have (known: {known})")
        if not texts and not alternatives and product is None:
            raise DataError(shown, item.line, f"tag {name!r} needs 'phrases', 'patterns' or a 'product' to assign it")
        rule = _rule(texts, alternatives) if texts or alternatives else None
        tags.append(Tag(name, slug, rule, str(product) if product is not None else None, str(item.get("description") or "")))
    return Vocabulary(tuple(tags))
