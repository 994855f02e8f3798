"""Tag rules: the seed's tags, only the news counts, the shipped vocabulary's edge cases, validation.

Validation cases edit the shipped ``content/tags.yml`` as a person would and mark the line the
message must name with ``# <-``; the build tests reuse them against a real `mkdocs build`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsroom.catalogue import Catalogue, load_catalogue
from newsroom.collection import collect
from newsroom.model import DataError
from newsroom.tagging import Vocabulary, load_vocabulary, words_of

from .helpers import PRODUCTS, ROOT, SEED, TAG_ERRORS, TAGS, edited

SEED_TEXT = " ".join(SEED.read_text(encoding="utf-8").split())
SEED_NEWS = SEED_TEXT.split(" About CLR 131 ", 1)[0]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(PRODUCTS)


@pytest.fixture(scope="module")
def vocabulary(catalogue: Catalogue) -> Vocabulary:
    return load_vocabulary(TAGS, catalogue)


def tags_of(text: str, catalogue: Catalogue, vocabulary: Vocabulary) -> list[str]:
    return vocabulary.assign(text, catalogue.detect(text))


def test_seed_is_tagged_by_its_news(catalogue: Catalogue, vocabulary: Vocabulary) -> None:
    """Through the build's own reading of content/: the seed's topics, its products, its indications."""
    sources = [s for s in collect(ROOT / "content", catalogue, vocabulary).sources if s.src_uri == "releases/" + SEED.name]
    assert len(sources) == 1
    tags = sources[0].entry.tags
    assert {"Patents", "CLR 131", "CLR 125", "PDC platform", "Multiple myeloma", "Solid tumors"} <= set(tags)
    assert "Regulatory" not in tags and "Clinical trials" not in tags


@pytest.mark.parametrize("phrase", ["orphan drug", "FDA", "Phase I", "clinical trial"])
def test_seed_boilerplate_phrases_are_only_in_its_about_sections(phrase: str) -> None:
    """What keeps the seed out of Regulatory and Clinical trials is where the words stand."""
    assert phrase in SEED_TEXT
    assert phrase not in SEED_NEWS


def test_phrase_only_in_about_section_does_not_tag(catalogue: Catalogue, vocabulary: Vocabulary, tmp_path: Path) -> None:
    releases = tmp_path / "releases"
    releases.mkdir()
    (releases / "2018-02-01-board.txt").write_text(
        "Cellectar Biosciences Names New Board Member\n\n"
        "MADISON, Wis., Feb. 1, 2018 (GLOBE NEWSWIRE) -- Cellectar Biosciences, Inc. (Nasdaq:CLRB) "
        "today announced the appointment of a new member of its board of directors.\n\n"
        "About Cellectar Biosciences, Inc.\n\n"
        "Cellectar holds an FDA orphan drug designation for CLR 131 and is running a Phase II clinical study "
        "in multiple myeloma. Its patented PDC platform has been tested in solid tumors.\n",
        encoding="utf-8",
    )
    (source,) = collect(tmp_path, catalogue, vocabulary).sources
    assert source.entry.tags == ("Corporate",)
    assert source.entry.products == ()


@pytest.mark.parametrize(
    ("text", "tag", "tagged"),
    [
        ("INDIANAPOLIS, Ind., Jan. 5, 2018 -- Company news", "Regulatory", False),
        ("the FDA cleared the company's IND application", "Regulatory", True),
        ("the company will host a conference call at 4:30 p.m.", "Conferences and presentations", False),
        ("will present at the ASH annual conference", "Conferences and presentations", True),
        ("enrolled the first patients in its Phase 1b study", "Clinical trials", True),
        ("a Phase I/II trial", "Clinical trials", True),
        ("in earlier phases of development", "Clinical trials", False),
        ("funded by an NCI SBIR grant", "Financing", True),
        ("the patent was granted", "Financing", False),
        ("the USPTO issued a notice of allowance", "Patents", True),
        ("in  triple-negative\nbreast cancer", "Triple-negative breast cancer", True),
        ("TNBC", "Triple-negative breast cancer", True),
        ("(TNBC).", "Triple-negative breast cancer", True),
        ("tnbc", "Triple-negative breast cancer", False),
        ("the EMA accepted the filing", "Regulatory", True),
        ("FEMA and SCHEMA", "Regulatory", False),
        ("a biphase 2 design", "Clinical trials", False),
        ("its (Phase 2b) trial", "Clinical trials", True),
        ("the annual conference, where", "Conferences and presentations", True),
        ("videoconferences", "Conferences and presentations", False),
        ("Patent, pending", "Patents", True),
        ("patentability", "Patents", False),
        ("the board, in part of its role, thanked the directors", "Corporate", False),
        ("its Board\nof  Directors", "Corporate", True),
    ],
)
def test_shipped_rules(catalogue: Catalogue, vocabulary: Vocabulary, text: str, tag: str, tagged: bool) -> None:
    assert (tag in tags_of(text, catalogue, vocabulary)) is tagged


def test_product_tags_follow_detection(catalogue: Catalogue, vocabulary: Vocabulary) -> None:
    assert tags_of("CLR 125 and PDCs", catalogue, vocabulary) == ["CLR 125", "PDC platform"]
    assert tags_of("clr 125", catalogue, vocabulary) == []


def test_tag_slugs_are_url_safe_and_unique(vocabulary: Vocabulary) -> None:
    slugs = [tag.slug for tag in vocabulary.tags]
    assert len(slugs) == len(set(slugs))
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug) for slug in slugs), slugs
    assert {"patents", "clinical-trials", "clr-131"} <= set(slugs)


def test_unknown_tag_names_get_stable_url_safe_slugs(vocabulary: Vocabulary) -> None:
    """Tags an edited release names itself: their own page, whatever their characters."""
    assert vocabulary.tag_for("Patents") is vocabulary.tags[0]
    assert vocabulary.tag_for("Investor Day 2019").slug == "investor-day-2019"
    japanese = vocabulary.tag_for("日本")
    assert re.fullmatch(r"tag-[0-9a-f]{8}", japanese.slug)
    assert vocabulary.tag_for("日本").slug == japanese.slug != vocabulary.tag_for("中国").slug


@pytest.mark.parametrize(("case", "addition", "words"), TAG_ERRORS, ids=[c[0] for c in TAG_ERRORS])
def test_validation_error_names_file_and_line(catalogue: Catalogue, tmp_path: Path, case: str, addition: str, words: str) -> None:
    text = TAGS.read_text(encoding="utf-8")
    path = tmp_path / "tags.yml"
    path.write_text(text, encoding="utf-8")
    text, line = edited(path, text, text + addition)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_vocabulary(path, catalogue, "tags.yml")
    assert (caught.value.path, caught.value.line) == ("tags.yml", line), str(caught.value)
    assert words in str(caught.value)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(max_codepoint=0x2FF)) | st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_words_are_the_regular_expression_words(text: str) -> None:
    """The split that ASCII text gets finds exactly the words ``\\w+`` finds."""
    assert words_of(text) == frozenset(re.findall(r"\w+", text))


def test_words_are_the_regular_expression_words_for_every_character() -> None:
    """Beyond ASCII too: each character, inside a word and alone, splits it or belongs to it as
    ``\\w+`` says (lone surrogates included)."""
    text = " ".join(f"x{chr(code)}y {chr(code)}" for code in range(0x110000))
    assert words_of(text) == frozenset(re.findall(r"\w+", text))
