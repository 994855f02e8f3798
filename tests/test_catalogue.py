"""The product catalogue: the shipped facts against the seed, dated facts, detection, validation.

Validation cases edit the shipped ``content/products.yml`` the way a person would and mark the
line a message must name with ``# <-``; the build tests reuse them against a real `mkdocs build`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsroom.catalogue import Catalogue, load_catalogue
from newsroom.model import DataError

from .helpers import CATALOGUE_ERRORS, PRODUCTS, SEED, SEED_FACTS, edited

SEED_WORDS = " ".join(SEED.read_text(encoding="utf-8").split()).lower()


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(PRODUCTS)


@pytest.mark.parametrize("product_id", SEED_FACTS)
def test_seed_facts_as_of_the_seed_date(catalogue: Catalogue, product_id: str) -> None:
    product = catalogue.get(product_id)
    assert product is not None
    stated = " ".join(value for _, value in product.facts_as_of(date(2017, 1, 24))).lower()
    for phrase in SEED_FACTS[product_id]:
        assert phrase.lower() in SEED_WORDS, f"{phrase!r} is not from the seed"
        assert phrase.lower() in stated, f"{product_id} lacks {phrase!r} as of 2017-01-24"


def test_pdc_carrier_is_the_phospholipid_ether(catalogue: Catalogue) -> None:
    pdc = catalogue.get("pdc")
    assert pdc is not None
    carrier = dict(pdc.facts_as_of(date(2017, 1, 24)))["Carrier"]
    assert "phospholipid ether" in carrier.lower()


def test_every_dated_fact_starts_on_or_after_the_seed(catalogue: Catalogue) -> None:
    """The seed is the only source so far: nothing may be dated before it says so."""
    for product in catalogue.products:
        for fact in product.facts:
            for start, _ in fact.values:
                assert start is None or start >= date(2017, 1, 24), (product.id, fact.label)


def test_a_fact_stands_as_of_a_date(tmp_path: Path) -> None:
    path = tmp_path / "products.yml"
    path.write_text(
        "products:\n"
        "  - id: x\n    name: X\n    aliases: [X-1]\n    summary: s\n    facts:\n"
        "      - label: Payload\n        value: Iodine\n"
        "      - label: Stage\n        values:\n"
        "          - from: 2019-06-01\n            value: Phase II\n"
        "          - from: '2017-01-24'\n            value: Phase I\n",
        encoding="utf-8",
    )
    product = load_catalogue(path).products[0]
    assert product.facts_as_of(date(2016, 12, 31)) == [("Payload", "Iodine")]
    assert product.facts_as_of(date(2017, 1, 24)) == [("Payload", "Iodine"), ("Stage", "Phase I")]
    assert product.facts_as_of(date(2019, 5, 31)) == [("Payload", "Iodine"), ("Stage", "Phase I")]
    assert product.facts_as_of(date(2019, 6, 1)) == [("Payload", "Iodine"), ("Stage", "Phase II")]
    assert product.facts_as_of(None) == [("Payload", "Iodine"), ("Stage", "Phase II")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the lead compound, CLR 131, as well", ["clr-131"]),
        ("CLR131 and CLR-125", ["clr-131", "clr-125"]),
        ("CLR 1310 is another compound", []),
        ("clr 131 in lower case", []),
        ("XCLR 131", []),
        ("CLR\u00a0131 with a no-break space", ["clr-131"]),
        ("CLR\n131 across a line break", ["clr-131"]),
        ("PDCs have been tested", ["pdc"]),
        ("a PDC-based approach", ["pdc"]),
        ("PDCX", []),
        ("optimized phospholipid ether-drug conjugates", ["pdc"]),
        ("Phospholipid Drug Conjugates in a title", ["pdc"]),
        ("PHOSPHOLIPID ETHER", []),
    ],
)
def test_detection_is_whole_words_in_the_aliases_case(catalogue: Catalogue, text: str, expected: list[str]) -> None:
    assert catalogue.detect(text) == expected


def test_an_accent_written_decomposed_matches_the_alias(tmp_path: Path) -> None:
    """``Café`` pasted from a Mac is ``e`` and a combining accent; typed in products.yml, one character."""
    path = tmp_path / "products.yml"
    path.write_text("products:\n  - id: cafe\n    name: Caf\u00e9 Drug\n    aliases: [Caf\u00e9 Drug]\n    summary: A drug.\n", encoding="utf-8")
    found = load_catalogue(path)
    assert found.detect("Acme launched Cafe\u0301 Drug today.") == ["cafe"] == found.detect("Acme launched Caf\u00e9 Drug today.")


@pytest.mark.parametrize(("case", "old", "new", "words"), CATALOGUE_ERRORS, ids=[c[0] for c in CATALOGUE_ERRORS])
def test_validation_error_names_file_and_line(tmp_path: Path, case: str, old: str, new: str, words: str) -> None:
    text, line = edited(PRODUCTS, old, new)
    path = tmp_path / "products.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_catalogue(path, "products.yml")
    assert (caught.value.path, caught.value.line) == ("products.yml", line), str(caught.value)
    assert words in str(caught.value)
    assert str(caught.value).startswith(f"products.yml:{line}: error: ")


def test_a_fourth_product_is_a_yaml_edit(tmp_path: Path) -> None:
    path = tmp_path / "products.yml"
    path.write_text(
        PRODUCTS.read_text(encoding="utf-8")
        + "\n  - id: clr-1603-ptx\n    name: CLR 1603-PTX\n    aliases: [CLR 1603-PTX]\n"
        "    summary: Paclitaxel phospholipid drug conjugate.\n",
        encoding="utf-8",
    )
    catalogue = load_catalogue(path)
    assert [p.id for p in catalogue.products][-1] == "clr-1603-ptx"
    assert catalogue.detect("paclitaxel (CLR 1603-PTX), a preclinical") == ["clr-1603-ptx"]


def test_yaml_nested_too_deeply_is_an_error_with_its_line(tmp_path: Path) -> None:
    """PyYAML reads nesting by recursion: 400 levels were a RecursionError traceback."""
    path = tmp_path / "products.yml"
    path.write_text("products: []\nnotes: " + "[" * 400 + "]" * 400 + "\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_catalogue(path, "products.yml")
    assert str(raised.value).startswith("products.yml:2: error:") and "nested too deeply" in str(raised.value)


@pytest.mark.parametrize("name", ["products.yaml", "Products.yml"])
def test_a_catalogue_under_another_name_is_an_error_not_an_empty_catalogue(tmp_path: Path, name: str) -> None:
    """Read as no catalogue, the site lost every product page and fact box, and MkDocs published the file as it is."""
    (tmp_path / name).write_text(PRODUCTS.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_catalogue(tmp_path / "products.yml", "content/products.yml")
    assert str(raised.value).startswith(f"content/products.yml: error: no such file, but {name} is beside it")
    assert load_catalogue(tmp_path / "other.yml").products == ()  # nothing alike: an empty catalogue, as before
