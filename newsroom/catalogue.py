"""The product catalogue: products, their aliases and their facts as they stood on a date.

Data, not code: ``products.yml`` holds everything; adding a product or alias is a YAML edit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import yamldata
from .model import DataError, name_error
from .phrases import Phrases, composed, single_spaced
from .stages import DEFAULT_STAGES, Stage, parse_stages

PRODUCT_KEYS = ("id", "name", "aliases", "summary", "description", "facts", "reviewed", "indications", "stages")
FACT_KEYS = ("label", "value", "values")
DATED_KEYS = ("from", "value")


@dataclass(frozen=True)
class Fact:
    """A label with dated values, oldest first; an undated value has ``None`` as its date."""

    label: str
    values: tuple[tuple[date | None, str], ...]

    def as_of(self, day: date | None, shown: Callable[[date], bool] = lambda start: True) -> str | None:
        """The value as it stood on ``day`` (the newest when ``day`` is None), of the values whose
        date may be ``shown`` yet (``publication.FactClock``: not before their release)."""
        current = None
        for start, value in self.values:
            if start is None or ((day is None or start <= day) and shown(start)):
                current = value
        return current


@dataclass(frozen=True)
class Product:
    id: str
    name: str
    aliases: tuple[str, ...]
    summary: str
    description: str
    facts: tuple[Fact, ...]
    # Days someone checked the facts and found them current, oldest first.
    reviewed: tuple[date, ...] = ()
    indications: tuple[str, ...] = ()
    stages: tuple[Stage, ...] = ()
    # The line of its entry in products.yml.
    line: int | None = None

    def updates(self) -> list[date]:
        """Every day the entry says something new or was reviewed: dated facts, stages, reviews."""
        days = {start for fact in self.facts for start, _ in fact.values if start is not None}
        days.update(stage.day for stage in self.stages)
        days.update(self.reviewed)
        return sorted(days)

    def last_updated(self, day: date | None, shown: Callable[[date], bool] = lambda start: True) -> date | None:
        """The newest update on or before ``day`` (any, when None) that may be ``shown`` yet."""
        return max((update for update in self.updates() if (day is None or update <= day) and shown(update)), default=None)

    def facts_as_of(self, day: date | None, shown: Callable[[date], bool] = lambda start: True) -> list[tuple[str, str]]:
        """Each fact as it stood on ``day``; facts not yet true then, or not yet ``shown``, are left out."""
        stated = ((fact.label, fact.as_of(day, shown)) for fact in self.facts)
        return [(label, value) for label, value in stated if value is not None]

    @property
    def url(self) -> str:
        return f"products/{self.id}/"


@dataclass(frozen=True)
class Catalogue:
    products: tuple[Product, ...]
    # The development stages a pipeline chart draws, in order.
    stage_names: tuple[str, ...] = DEFAULT_STAGES

    _by_alias: dict[str, str] = field(init=False, repr=False, compare=False)
    _aliases: Phrases | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_alias = {single_spaced(alias): product.id for product in self.products for alias in product.aliases}
        # Longest aliases first, so 'PDCs' is seen whole before 'PDC'.
        aliases = Phrases.compile(sorted(by_alias, key=len, reverse=True)) if by_alias else None
        object.__setattr__(self, "_by_alias", by_alias)
        object.__setattr__(self, "_aliases", aliases)

    def all_stages(self) -> Iterator[tuple[str, Stage]]:
        """Every product's stages, each with its product's id."""
        return ((product.id, stage) for product in self.products for stage in product.stages)

    def get(self, product_id: str) -> Product | None:
        return next((p for p in self.products if p.id == product_id), None)

    def detect(self, text: str) -> list[str]:
        """Ids of the products whose aliases occur in ``text`` (whole words, case as the alias says), in catalogue order."""
        if self._aliases is None:
            return []
        found = {self._by_alias[single_spaced(alias)] for alias in self._aliases.finditer(composed(text))}
        return [p.id for p in self.products if p.id in found]


def _fact(data: object, shown: str, product_id: str) -> Fact:
    fact = yamldata.expect_mapping(data, shown, f"a fact of {product_id!r}", FACT_KEYS, ("label",))
    label = yamldata.expect_text(fact["label"], shown, "a fact's label", yamldata.line_of(fact, "label"))
    has_value, has_values = "value" in fact, "values" in fact
    if has_value == has_values:
        raise DataError(shown, fact.line, f"fact {label!r} of {product_id!r} needs either 'value' or dated 'values', not {'both' if has_value else 'neither'}")
    if has_value:
        text = yamldata.expect_text(fact["value"], shown, f"the value of {label!r}", yamldata.line_of(fact, "value"))
        return Fact(label, ((None, text),))
    items = yamldata.expect_list(fact["values"], shown, f"the values of {label!r}", yamldata.line_of(fact, "values"))
    if not items:
        raise DataError(shown, yamldata.line_of(fact, "values"), f"fact {label!r} of {product_id!r} has no values")
    values: list[tuple[date | None, str]] = []
    for item in items:
        dated = yamldata.expect_mapping(item, shown, f"a dated value of {label!r}", DATED_KEYS, DATED_KEYS)
        start = yamldata.expect_date(dated["from"], shown, "from", yamldata.line_of(dated, "from"))
        if any(day == start for day, _ in values):
            raise DataError(shown, yamldata.line_of(dated, "from"), f"fact {label!r} of {product_id!r} has two values from {start.isoformat()}")
        values.append((start, yamldata.expect_text(dated["value"], shown, "a value", yamldata.line_of(dated, "value"))))
    values.sort(key=lambda pair: pair[0] or date.min)
    return Fact(label, tuple(values))


def _reviewed(item: yamldata.Mapping, shown: str) -> tuple[date, ...]:
    """``reviewed:``, one date or a list of them, oldest first."""
    data = item.get("reviewed")
    if data is None:
        return ()
    line = yamldata.line_of(item, "reviewed")
    if isinstance(data, list):
        lines = [yamldata.line_of(data, index) for index in range(len(data))]
        return tuple(sorted(yamldata.expect_date(value, shown, "reviewed", at or line) for value, at in zip(data, lines, strict=True)))
    return (yamldata.expect_date(data, shown, "reviewed", line),)


def load_catalogue(path: Path, shown: str | None = None, stage_names: tuple[str, ...] = DEFAULT_STAGES) -> Catalogue:
    """Read and validate ``products.yml``; a missing file is an empty catalogue."""
    shown = shown or str(path)
    if yamldata.absent(path, shown):
        return Catalogue((), stage_names)
    data = yamldata.load(path, shown)
    if data is None:
        return Catalogue((), stage_names)
    top = yamldata.expect_mapping(data, shown, "the catalogue", ("products",), ("products",))
    entries = yamldata.expect_list(top["products"], shown, "'products'", yamldata.line_of(top, "products"))
    products: list[Product] = []
    alias_owner: dict[str, str] = {}
    for entry in entries:
        item = yamldata.expect_mapping(entry, shown, "a product", PRODUCT_KEYS, ("id", "name", "aliases", "summary"))
        product_id = yamldata.expect_text(item["id"], shown, "a product id", yamldata.line_of(item, "id"))
        problem = name_error(product_id, "product id")
        if problem:
            raise DataError(shown, yamldata.line_of(item, "id"), problem)
        if any(p.id == product_id for p in products):
            raise DataError(shown, yamldata.line_of(item, "id"), f"duplicate product id {product_id!r}")
        aliases: list[str] = []
        for text, line in yamldata.expect_texts(item["aliases"], shown, "'aliases'", "an alias", yamldata.line_of(item, "aliases")):
            alias = single_spaced(text)
            if alias in alias_owner:
                raise DataError(shown, line, f"duplicate alias {alias!r}: already used by {alias_owner[alias]!r}")
            alias_owner[alias] = product_id
            aliases.append(alias)
        facts_data = item.get("facts") or []
        facts = yamldata.expect_list(facts_data, shown, "'facts'", yamldata.line_of(item, "facts")) if facts_data else []
        parsed: list[Fact] = []
        for fact_data in facts:
            fact = _fact(fact_data, shown, product_id)
            if any(known.label == fact.label for known in parsed):
                raise DataError(shown, yamldata.line_of(fact_data, "label"), f"product {product_id!r} has two facts labelled {fact.label!r}")
            parsed.append(fact)
        indications, stages = parse_stages(item, shown, product_id, stage_names)
        products.append(
            Product(
                id=product_id,
                name=yamldata.expect_text(item["name"], shown, "a product name", yamldata.line_of(item, "name")),
                aliases=tuple(aliases),
                summary=yamldata.expect_text(item["summary"], shown, "a summary", yamldata.line_of(item, "summary")),
                description=yamldata.optional_text(item, "description", shown, "a description").strip(),
                facts=tuple(parsed),
                reviewed=_reviewed(item, shown),
                indications=indications,
                stages=stages,
                line=item.line,
            )
        )
    return Catalogue(tuple(products), stage_names)
