"""Slugs and ids are names, not paths (issue 14, point 5).

A release's `slug:`, a product id and a tag slug (from tags.yml, or made from an edited release's
`tags:`) must be `^[a-z0-9][a-z0-9-]*$` and no reserved name, or the build stops with file:line
before anything is written. A headline with no Latin letters or digits gets a stable hash suffix;
two releases with one slug are one error naming both files and why; `use_directory_urls: false`
is refused.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from newsroom.catalogue import load_catalogue
from newsroom.collection import collect
from newsroom.model import DataError, name_error
from newsroom.tagging import load_vocabulary

from .helpers import MARK, PRODUCTS, ROOT, SEED, TAGS, copy_project, data, edited, edited_release, failed_build, files, run_build

SEED_HEADLINE = "Cellecstar Biosciences Announces Additional US Patent Granted for CLR 131 and CLR 125 in a Broad Range of Solid Tumors"
SEED_TEXT = SEED.read_text(encoding="utf-8")
RESERVED = ["index", "feed", "atom", "search", "assets", "404", "sitemap", "tags", "products", "releases", "v1", "v12"]
NOT_NAMES = ["", "-x", "Foo", "a_b", "a/b", "a.b", "..", "../x", " x", "é", "x\n"]
TRAVERSALS = ["../../etc", "../../../../outside/x", "../index", "../products/clr-131", "../feed.xml", "index", "v2"]


def text_release(headline: str) -> str:
    return SEED_TEXT.replace(SEED_HEADLINE, headline)


@pytest.mark.parametrize("name", ["clr-131", "pdc", "2017-01-24-x", "0", "a--b", "financial-results"])
def test_names_that_are_names(name: str) -> None:
    assert name_error(name, "a slug") is None


@pytest.mark.parametrize("name", NOT_NAMES + RESERVED)
def test_paths_and_reserved_names_are_refused(name: str) -> None:
    message = name_error(name, "a slug")
    assert message is not None and repr(name) in message
    if name in RESERVED:
        assert "reserved" in message


@pytest.mark.parametrize("slug", TRAVERSALS)
def test_an_edited_slug_must_be_a_name(tmp_path: Path, slug: str) -> None:
    content = copy_project(tmp_path / "project") / "content"
    (content / "releases" / "2018-03-01-office.md").write_text(edited_release(f"slug: '{slug}'\n"), encoding="utf-8")
    collection = collect(content, *data(content))
    (error,) = collection.errors
    assert (error.path, error.line) == ("releases/2018-03-01-office.md", 4)
    assert f"slug {slug!r}" in error.message
    assert [s.src_uri for s in collection.sources] == ["releases/" + SEED.name]


@pytest.mark.parametrize("slug", ["../../etc", "../index", "index"])
def test_a_path_as_slug_writes_nothing_anywhere(tmp_path: Path, slug: str) -> None:
    project = copy_project(tmp_path / "project")
    run_build(project)
    before = files(project / "site")
    # What the first build left (the site and its lock file beside it), in the project and around it.
    around = sorted(p.name for p in tmp_path.iterdir()), sorted(p.name for p in project.iterdir())
    (project / "content" / "releases" / "2018-03-01-office.md").write_text(edited_release(f"slug: '{slug}'\n"), encoding="utf-8")
    output = failed_build(project)
    assert f"releases/2018-03-01-office.md:4: error: slug {slug!r}" in output
    assert (sorted(p.name for p in tmp_path.iterdir()), sorted(p.name for p in project.iterdir())) == around
    assert "etc" not in around[1] and "site" in around[1]
    assert files(project / "site") == before


@pytest.mark.parametrize("product_id", ["index", "feed", "v1"])
def test_a_product_id_must_be_a_name(tmp_path: Path, product_id: str) -> None:
    text, line = edited(PRODUCTS, "  - id: clr-125\n", f"  - id: {product_id}  {MARK}\n")
    path = tmp_path / "products.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_catalogue(path, "products.yml")
    assert (caught.value.path, caught.value.line) == ("products.yml", line)
    assert f"product id {product_id!r}" in caught.value.finding.message and "reserved" in caught.value.finding.message


@pytest.mark.parametrize(
    "addition",
    [
        f"  - name: Index\n    slug: index  {MARK}\n    phrases: [index]\n",
        f"  - name: Index  {MARK}\n    phrases: [index]\n",
        f"  - name: Feed news\n    slug: feed  {MARK}\n    phrases: [news feed]\n",
    ],
    ids=["slug index", "name Index", "slug feed"],
)
def test_a_tag_slug_must_be_a_name(tmp_path: Path, addition: str) -> None:
    text = TAGS.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + addition
    line = next(n for n, content in enumerate(text.split("\n"), start=1) if MARK in content)
    path = tmp_path / "tags.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_vocabulary(path, load_catalogue(PRODUCTS), "tags.yml")
    assert (caught.value.path, caught.value.line) == ("tags.yml", line)
    assert "reserved" in caught.value.finding.message


def test_a_reserved_product_id_stops_the_build_instead_of_replacing_the_products_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    text, line = edited(PRODUCTS, "  - id: clr-125\n", f"  - id: index  {MARK}\n")
    (project / "content" / "products.yml").write_text(text, encoding="utf-8")
    output = failed_build(project)
    assert f"products.yml:{line}: error: product id 'index'" in output


def test_a_tag_named_in_an_edited_release_must_make_a_name(tmp_path: Path) -> None:
    content = copy_project(tmp_path / "project") / "content"
    front = "tags:\n  - Patents\n  - Index\n"
    (content / "releases" / "2018-03-01-office.md").write_text(edited_release(front), encoding="utf-8")
    (error,) = collect(content, *data(content)).errors
    assert (error.path, error.line) == ("releases/2018-03-01-office.md", 6)
    assert "'Index'" in error.message and "reserved" in error.message


@pytest.mark.parametrize("headline", ["日本語の見出しです", "!!! ???"])
def test_a_headline_without_latin_letters_gets_a_stable_hash_suffix(tmp_path: Path, headline: str) -> None:
    content = copy_project(tmp_path / "project") / "content"
    (content / "releases" / "2017-01-24-other.txt").write_text(text_release(headline), encoding="utf-8")
    (content / "releases" / "2017-01-24-edited.md").write_text(
        edited_release(title=f'"{headline} ※"').replace("2018-03-01", "2017-01-24"), encoding="utf-8"
    )
    collection = collect(content, *data(content))
    assert not collection.errors
    slugs = {s.entry.title: s.entry.slug for s in collection.sources}
    for title in (headline, f"{headline} ※"):
        assert slugs[title] == "2017-01-24-" + hashlib.sha256(title.encode("utf-8")).hexdigest()[:8]


def test_a_headline_without_latin_letters_is_published(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    headline = "日本語の見出しです"
    (project / "content" / "releases" / "2017-01-24-other.txt").write_text(text_release(headline), encoding="utf-8")
    run_build(project)
    slug = "2017-01-24-" + hashlib.sha256(headline.encode("utf-8")).hexdigest()[:8]
    assert headline in (project / "site" / "releases" / slug / "index.html").read_text(encoding="utf-8")


def test_slugs_equal_up_to_the_cut_name_both_files_and_why(tmp_path: Path) -> None:
    content = copy_project(tmp_path / "project") / "content"
    other = SEED_HEADLINE.replace("Solid Tumors", "Solid Cancers")
    (content / "releases" / "2017-01-24-cancers.txt").write_text(text_release(other), encoding="utf-8")
    (error,) = collect(content, *data(content)).errors
    assert "same date and headline" not in error.message
    assert {error.path, *re.findall(r"releases/\S+\.txt", error.message)} == {"releases/2017-01-24-cancers.txt", "releases/" + SEED.name}
    assert "80" in error.message


def test_use_directory_urls_false_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
    output = failed_build(project)
    assert re.search(r"newsroom: .*use_directory_urls", output)
    assert not (project / "site").exists()


def test_the_shipped_names_are_names() -> None:
    """The repository's own catalogue and tag rules pass the rule they are now held to."""
    catalogue, vocabulary = data(ROOT / "content")
    assert all(name_error(p.id, "a product id") is None for p in catalogue.products)
    assert all(name_error(t.slug, "a tag slug") is None for t in vocabulary.tags)
