"""Corrections in the open: a site built from a real git repository with dated commits.

The repository holds the seed and an embargoed release, then: a correction of the seed two days
after its publication, a change of the seed's white space and line ends only, and a change of
the embargoed release made before its embargo lifted. Exactly one correction may show: the
seed's, dated by its commit, with its diff, its earlier version's page and its feed entries.
A copy of the same project without ``.git`` builds with no history at all.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import re
import shutil
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import frontmatter
import pytest
from markupsafe import Markup

from newsroom import history
from newsroom.textdiff import word_diff

from .helpers import FIXTURES, ROOT, SEED, commit, copy_project, git, newsroom, run_build
from .htmltext import flat_text, read

NEW_YORK = ZoneInfo("America/New_York")
SEED_NAME = SEED.name
EMBARGOED_NAME = "2021-03-03-waldenstrom.txt"
SEED_PUBLISHED = datetime(2017, 1, 24, 8, 0, tzinfo=NEW_YORK)  # its date at mkdocs.yml's release_time
EMBARGO = datetime(2021, 3, 3, 8, 0, tzinfo=NEW_YORK)  # the embargoed release's EMBARGOED UNTIL line
SEEDED = datetime(2017, 1, 23, 17, 0, tzinfo=timezone.utc)  # the first commit, before both publications
CORRECTED = datetime(2017, 1, 26, 15, 30, tzinfo=timezone.utc)  # two days after the seed went public
REWRAPPED = datetime(2017, 2, 2, 9, 0, tzinfo=timezone.utc)
DRAFTED = datetime(2021, 3, 1, 12, 0, tzinfo=timezone.utc)  # before the embargo lifts
EPOCH = str(int(datetime(2022, 1, 1, tzinfo=timezone.utc).timestamp()))  # "now": after everything above
OLD_WORDS = "said Jim Caruso, president and CEO of Cellecstar."
NEW_WORDS = "said Jim Caruso, President and Chief Executive Officer of Cellectar Biosciences."
DRAFT_WORDS = "All six WM patients"
FINAL_WORDS = "All seven WM patients"


@dataclass(frozen=True)
class Sites:
    git_site: Path
    plain_site: Path
    seed_slug: str
    embargoed_slug: str
    # The build log of the copy without .git.
    plain_log: str


def _slug(site: Path, prefix: str) -> str:
    (found,) = [p.name for p in (site / "releases").iterdir() if p.name.startswith(prefix)]
    return found


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    repo = copy_project(tmp_path_factory.mktemp("history") / "project")
    releases = repo / "content" / "releases"
    seed = releases / SEED_NAME
    embargoed = releases / EMBARGOED_NAME
    shutil.copy(FIXTURES / "wire" / "gnw-embargoed.txt", embargoed)
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "The seed and an embargoed release", SEEDED)
    text = seed.read_text(encoding="utf-8")
    assert text.count(OLD_WORDS) == 1
    seed.write_text(text.replace(OLD_WORDS, NEW_WORDS), encoding="utf-8")
    commit(repo, "Correct the CEO's title", CORRECTED)
    # The same words, re-wrapped with Windows line ends and trailing spaces: no correction.
    words = seed.read_text(encoding="utf-8")
    seed.write_bytes(words.replace(", an oncology", ",  an oncology").replace("\n", "  \r\n").encode())
    commit(repo, "Line ends", REWRAPPED)
    draft = embargoed.read_text(encoding="utf-8")
    assert draft.count(DRAFT_WORDS) == 1
    embargoed.write_text(draft.replace(DRAFT_WORDS, FINAL_WORDS), encoding="utf-8")
    commit(repo, "Final figures before the embargo lifts", DRAFTED)
    assert not git(repo, "status", "--porcelain").strip()
    # The same project as a tarball would give it: no .git.
    plain = tmp_path_factory.mktemp("tarball") / "project"
    shutil.copytree(repo, plain, ignore=shutil.ignore_patterns(".git"))
    run_build(repo, env={"SOURCE_DATE_EPOCH": EPOCH})
    plain_log = run_build(plain, env={"SOURCE_DATE_EPOCH": EPOCH}).stderr
    site = repo / "site"
    return Sites(site, plain / "site", _slug(site, "2017-01-24-"), _slug(site, "2021-03-03-"), plain_log)


def test_exactly_one_correction_with_its_date(sites: Sites) -> None:
    corrected = [
        page.parent.name
        for page in (sites.git_site / "releases").glob("*/index.html")
        if "nr-release__corrected" in read(page)
    ]
    assert corrected == [sites.seed_slug]
    page = read(sites.git_site / "releases" / sites.seed_slug / "index.html")
    notice = re.search(r'<p class="nr-release__corrected">(.*?)</p>', page, re.S)
    assert notice is not None
    # The commit's day in the newsroom's zone (New York), not the day it was published.
    assert "Corrected on January 26, 2017" in flat_text(notice.group(1))
    assert f'datetime="{CORRECTED.isoformat()}"' in notice.group(1)
    # The page shows the corrected words, as committed.
    assert NEW_WORDS in flat_text(page) and OLD_WORDS not in flat_text(page.split('id="nr-history"')[0])


def test_history_lists_both_versions_with_a_word_diff(sites: Sites) -> None:
    page = read(sites.git_site / "releases" / sites.seed_slug / "index.html")
    section = page.split('<section class="nr-history"', 1)[1].split("</section>", 1)[0]
    versions = re.findall(r'<li class="nr-history__version" id="nr-version-(\d+)">', section)
    assert versions == ["1", "2"]
    # Version 1 dated by its publication time, not its commit time (the day before).
    assert f'datetime="{SEED_PUBLISHED.isoformat()}"' in section
    assert f'datetime="{SEEDED.isoformat()}"' not in section
    assert f'datetime="{CORRECTED.isoformat()}"' in section
    deleted = [flat_text(d) for d in re.findall(r"<del>(.*?)</del>", section, re.S)]
    inserted = [flat_text(i) for i in re.findall(r"<ins>(.*?)</ins>", section, re.S)]
    # One change: the words removed and added, with screen-reader cues; nothing about the line ends.
    # (the first of each is the legend's example)
    assert deleted[1:] == ["[removed: president]", "[removed: CEO]", "[removed: Cellecstar.]"]
    assert inserted[1:] == ["[added: President]", "[added: Chief Executive Officer]", "[added: Cellectar Biosciences.]"]
    assert section.count('class="nr-diff__hunk"') == 1
    assert "oncology" not in flat_text(section)


def test_earlier_version_page(sites: Sites) -> None:
    folder = sites.git_site / "releases" / sites.seed_slug
    page = read(folder / "v1" / "index.html")
    assert not (folder / "v2").exists()
    text = flat_text(page)
    assert OLD_WORDS in text and NEW_WORDS not in text
    assert "An earlier version of this press release (version 1)" in text
    current = f"https://cellectar.github.io/newsroom/releases/{sites.seed_slug}/"
    assert re.findall(r'<link rel="canonical" href="([^"]+)"', page) == [current]
    assert '<meta name="robots" content="noindex">' in page
    # Out of the sitemap and out of search.
    assert "/v1/" not in read(sites.git_site / "sitemap.xml")
    search = json.loads(read(sites.git_site / "search" / "search_index.json"))
    assert not [doc for doc in search["docs"] if "/v1/" in doc["location"]]
    # The History section links to it.
    assert 'href="v1/"' in read(folder / "index.html")


def test_drafts_before_the_embargo_are_no_history(sites: Sites) -> None:
    folder = sites.git_site / "releases" / sites.embargoed_slug
    page = read(folder / "index.html")
    assert FINAL_WORDS in flat_text(page)
    assert "nr-history" not in page and "Corrected" not in flat_text(page)
    assert not (folder / "v1").exists()


def test_feeds_carry_the_correction(sites: Sites) -> None:
    url = f"https://cellectar.github.io/newsroom/releases/{sites.seed_slug}/"
    atom = feedparser.parse(read(sites.git_site / "atom.xml"))
    rss = feedparser.parse(read(sites.git_site / "feed.xml"))
    atom_items = {entry.link: entry for entry in atom.entries}
    rss_items = {entry.link: entry for entry in rss.entries}
    seed_atom, seed_rss = atom_items[url], rss_items[url]
    assert datetime.fromisoformat(seed_atom.updated) == CORRECTED
    assert datetime.fromisoformat(seed_atom.published) == SEED_PUBLISHED
    assert datetime.fromisoformat(atom.feed.updated) == max(CORRECTED, EMBARGO)
    # RSS keeps its guid; the notice opens the content.
    assert seed_rss.id == url
    content = seed_rss.content[0].value
    assert content.lstrip().startswith("<p><strong>Corrected on")
    assert f"{url}#nr-history" in content
    assert NEW_WORDS in flat_text(content)
    other = rss_items[f"https://cellectar.github.io/newsroom/releases/{sites.embargoed_slug}/"]
    assert "Corrected" not in other.content[0].value
    assert datetime.fromisoformat(atom_items[other.link].updated) == EMBARGO


def test_json_ld_and_listings(sites: Sites) -> None:
    page = read(sites.git_site / "releases" / sites.seed_slug / "index.html")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert datetime.fromisoformat(data["dateModified"]) == CORRECTED
    assert datetime.fromisoformat(data["datePublished"]) == SEED_PUBLISHED
    other = read(sites.git_site / "releases" / sites.embargoed_slug / "index.html")
    assert "dateModified" not in other
    archive = read(sites.git_site / "releases" / "index.html")
    marked = re.findall(r'<li class="nr-entry"[^>]*>.*?href="[^"]*?([^"/]+)/"[^>]*>.*?</a>\s*(<span class="nr-corrected-mark">Corrected</span>)?', archive, re.S)
    assert dict(marked) == {sites.seed_slug: '<span class="nr-corrected-mark">Corrected</span>', sites.embargoed_slug: ""}


def test_a_build_without_git_has_no_history(sites: Sites) -> None:
    site = sites.plain_site
    assert re.search(r"INFO .*not a git checkout .*without their history of corrections", sites.plain_log)
    assert not list(site.glob("releases/*/v1"))
    for page in site.glob("releases/*/index.html"):
        assert "nr-history" not in read(page) and "dateModified" not in read(page)
    assert "Corrected" not in read(site / "feed.xml") and "Corrected" not in read(site / "releases" / "index.html")
    # The current text is what it is, with or without git.
    assert NEW_WORDS in flat_text(read(site / "releases" / sites.seed_slug / "index.html"))


def test_shallow_clone_reads_no_history(sites: Sites, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    repo = sites.git_site.parent
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    folder = clone / "content" / "releases"
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.newsroom"):
        assert history.Git.open(folder) is None
    assert [r.levelname for r in caplog.records] == ["INFO"] and "shallow" in caplog.text and "fetch-depth: 0" in caplog.text
    found = history.histories(folder, {SEED_NAME: SEED_PUBLISHED}, datetime(2022, 1, 1, tzinfo=timezone.utc))
    assert len(found[SEED_NAME].versions) == 1


def test_histories_in_one_git_log(sites: Sites) -> None:
    """Unit view of the same repository: the versions, their times and the hash of each text."""
    folder = sites.git_site.parent / "content" / "releases"
    found = history.histories(folder, {SEED_NAME: SEED_PUBLISHED, EMBARGOED_NAME: EMBARGO}, datetime(2022, 1, 1, tzinfo=timezone.utc))
    seed = found[SEED_NAME]
    assert [v.number for v in seed.versions] == [1, 2]
    assert [v.time for v in seed.versions] == [SEED_PUBLISHED, CORRECTED]
    assert seed.corrected == CORRECTED
    assert OLD_WORDS in seed.versions[0].text and NEW_WORDS in seed.versions[1].text
    assert seed.current.text_sha256 == hashlib.sha256((folder / SEED_NAME).read_bytes()).hexdigest()
    assert seed.versions[0].text_sha256 == hashlib.sha256(seed.versions[0].data).hexdigest() != seed.current.text_sha256
    assert found[EMBARGOED_NAME].corrected is None


def test_an_uncommitted_edit_is_the_latest_version(sites: Sites, tmp_path: Path) -> None:
    repo = tmp_path / "work"
    shutil.copytree(sites.git_site.parent, repo, ignore=shutil.ignore_patterns("site"))
    folder = repo / "content" / "releases"
    seed = folder / SEED_NAME
    seed.write_text(seed.read_text(encoding="utf-8").replace("Jim Caruso", "James Caruso"), encoding="utf-8")
    moment = datetime(2022, 1, 1, tzinfo=timezone.utc)
    found = history.histories(folder, {SEED_NAME: SEED_PUBLISHED}, moment)[SEED_NAME]
    assert [v.time for v in found.versions] == [SEED_PUBLISHED, CORRECTED, moment]


def test_renames_are_followed(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    folder = repo / "releases"
    folder.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    text = SEED.read_text(encoding="utf-8")
    (folder / "old-name.txt").write_text(text, encoding="utf-8")
    commit(repo, "seed", SEEDED)
    git(repo, "mv", "releases/old-name.txt", "releases/new-name.txt")
    commit(repo, "rename", CORRECTED)
    (folder / "new-name.txt").write_text(text.replace(OLD_WORDS, NEW_WORDS), encoding="utf-8")
    commit(repo, "correct", REWRAPPED)
    found = history.histories(folder, {"new-name.txt": SEED_PUBLISHED}, datetime(2022, 1, 1, tzinfo=timezone.utc))["new-name.txt"]
    assert [v.time for v in found.versions] == [SEED_PUBLISHED, REWRAPPED]


def test_word_diff_escapes_and_marks() -> None:
    old = "The company <b>said</b> & reported revenue of $1.2 million in 2016."
    new = "The company <b>said</b> & reported revenue of $2.1 million in 2016."
    (hunk,) = word_diff(old, new)
    assert isinstance(hunk, Markup)
    assert "&lt;b&gt;said&lt;/b&gt; &amp;" in hunk and "<b>" not in hunk
    assert '<del><span class="nr-visually-hidden">[removed: </span>$1.2<span class="nr-visually-hidden">]</span></del>' in hunk
    assert '<ins><span class="nr-visually-hidden">[added: </span>$2.1<span class="nr-visually-hidden">]</span></ins>' in hunk
    assert word_diff(old, old.replace(" ", "\n  ")) == []
    long_old = " ".join(f"w{i}" for i in range(100))
    (far,) = word_diff(long_old, long_old.replace("w50", "x50"))
    assert "w41" not in far and "w42" in far and "w58" in far and "w59" not in far and far.count("…") == 2


def test_a_corrected_headline_keeps_the_address(tmp_path: Path) -> None:
    repo = copy_project(tmp_path / "project")
    seed = repo / "content" / "releases" / SEED_NAME
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "seed", SEEDED)
    text = seed.read_text(encoding="utf-8")
    old_headline = "Cellecstar Biosciences Announces Additional US Patent"
    seed.write_text(text.replace(old_headline, "Cellectar Biosciences Announces Additional US Patent", 1), encoding="utf-8")
    commit(repo, "Headline typo", CORRECTED)
    run_build(repo, env={"SOURCE_DATE_EPOCH": EPOCH})
    site = repo / "site" / "releases"
    assert [p.name for p in site.iterdir() if p.name.startswith("2017-")] == [
        "2017-01-24-cellecstar-biosciences-announces-additional-us-patent-granted-for-clr-131-and"
    ]
    folder = next(site.glob("2017-*"))
    html = read(folder / "index.html")
    headline = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert headline is not None and flat_text(headline.group(1)).startswith("Cellectar Biosciences Announces Additional US Patent")
    assert "Corrected on January 26, 2017" in flat_text(html)
    assert old_headline in flat_text(read(folder / "v1" / "index.html"))
    feed = feedparser.parse(read(repo / "site" / "feed.xml"))
    assert [entry.id for entry in feed.entries] == [f"https://cellectar.github.io/newsroom/releases/{folder.name}/"]


def test_convert_keeps_the_address_of_a_corrected_release(tmp_path: Path) -> None:
    """The edited NAME.md that convert wrote took its slug from the corrected headline: the
    release moved, and feed readers got it twice, once with a dead link."""
    repo = copy_project(tmp_path / "project")
    seed = repo / "content" / "releases" / SEED_NAME
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "seed", SEEDED)
    seed.write_text(seed.read_text(encoding="utf-8").replace("Cellecstar Biosciences Announces", "Cellectar Biosciences Announces", 1), encoding="utf-8")
    commit(repo, "Headline typo", CORRECTED)
    run_build(repo, env={"SOURCE_DATE_EPOCH": EPOCH})
    (published,) = [p.name for p in (repo / "site" / "releases").iterdir() if p.name.startswith("2017-")]
    result = newsroom("convert", str(seed), "-o", str(seed.parent), cwd=repo, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    edited = frontmatter.loads(seed.with_suffix(".md").read_text(encoding="utf-8"))
    assert edited["slug"] == published and edited["title"].startswith("Cellectar Biosciences Announces")
    run_build(repo, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert [p.name for p in (repo / "site" / "releases").iterdir() if p.name.startswith("2017-")] == [published]


def test_bench_git_history_corrects_every_fiftieth_release(tmp_path: Path) -> None:
    """bench/build_bench.py --git: the repository it makes reads back with its corrections."""
    spec = importlib.util.spec_from_file_location("bench_build", ROOT / "bench" / "build_bench.py")
    assert spec is not None and spec.loader is not None
    bench = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    releases = bench.generate(60, tmp_path / "generated", seed=3)
    project = tmp_path / "project"
    bench.make_project(ROOT, releases, project)
    corrected = bench.make_git_history(project)
    assert corrected == 2  # releases 0 and 50 in name order
    assert not git(project, "status", "--porcelain", "--", "content/releases").strip()
    folder = project / "content" / "releases"
    zone, moment = NEW_YORK, datetime(2026, 1, 1, tzinfo=timezone.utc)
    published = {p.name: datetime.fromisoformat(p.name[:10]).replace(hour=8, tzinfo=zone) for p in folder.glob("*.txt")}
    found = history.histories(folder, published, moment)
    assert sum(1 for h in found.values() if h.corrected) == corrected


def _drafted_then_pushed(tmp_path: Path, first_committed: datetime) -> history.History:
    """A release drafted in two commits written before its publication time, the second committed
    after it (as ``git pull --rebase`` at release time re-dates it); the first committed at
    ``first_committed``."""
    repo = tmp_path / "repo"
    folder = repo / "releases"
    folder.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    text = SEED.read_text(encoding="utf-8")
    (folder / SEED_NAME).write_text(text, encoding="utf-8")
    commit(repo, "draft", first_committed, authored=datetime(2017, 1, 23, 15, 0, tzinfo=timezone.utc))
    (folder / SEED_NAME).write_text(text.replace(OLD_WORDS, NEW_WORDS), encoding="utf-8")
    pushed = datetime(2017, 1, 24, 13, 10, tzinfo=timezone.utc)  # 08:10 in New York, after publication
    commit(repo, "final words", pushed, authored=datetime(2017, 1, 23, 16, 0, tzinfo=timezone.utc))
    return history.histories(folder, {SEED_NAME: SEED_PUBLISHED}, datetime(2022, 1, 1, tzinfo=timezone.utc))[SEED_NAME]


def test_drafts_a_rebase_dated_after_publication_are_no_history(tmp_path: Path) -> None:
    """Both drafts reached the line after the release's time: the words published are the last
    draft's; the first draft was never public and is no version of it."""
    found = _drafted_then_pushed(tmp_path, first_committed=datetime(2017, 1, 24, 13, 10, tzinfo=timezone.utc))
    assert len(found.versions) == 1 and found.corrected is None
    assert NEW_WORDS in found.current.text and OLD_WORDS not in found.current.text


def test_an_edit_written_before_publication_but_pushed_after_it_corrects(tmp_path: Path) -> None:
    """The first text was on the line before the release's time, so it went out then: the edit
    pushed after is a correction, dated when it was committed, however early it was written."""
    found = _drafted_then_pushed(tmp_path, first_committed=SEEDED)
    assert [version.time for version in found.versions] == [SEED_PUBLISHED, datetime(2017, 1, 24, 13, 10, tzinfo=timezone.utc)]
    assert OLD_WORDS in found.versions[0].text
