"""The site works wherever it is published: under a project sub-path (GitHub Pages) and at a domain root.

Each site is built by a real `mkdocs build --strict` with SITE_URL set as the Pages workflow sets
it; then every href and src of every page is resolved to a file in site/, as a static host would.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import feedparser
import pytest
import yaml

from .helpers import EXTRA_RELEASES, ROOT, Built, copy_project, run_build
from .htmltext import is_redirect, links, read

SUB_PATH = "https://org.github.io/newsroom/"
DOMAIN_ROOT = "https://news.example.com/"
NOT_FETCHED = ("mailto:", "tel:", "javascript:", "data:")


@pytest.fixture(scope="module", params=[SUB_PATH, DOMAIN_ROOT], ids=["sub-path", "domain-root"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = copy_project(tmp_path_factory.mktemp("published") / "project")
    for release in EXTRA_RELEASES:
        shutil.copy2(release, project / "content" / "releases" / release.name)
    run_build(project, env={"SITE_URL": request.param})
    return Built(request.param, project / "site")


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)


def ids(page: Path) -> set[str]:
    parser = _Ids()
    parser.feed(read(page))
    return parser.ids


def test_every_href_and_src_resolves_to_a_file(built: Built) -> None:
    pages = built.pages()
    names = {page.relative_to(built.site).as_posix() for page in pages}
    assert {"index.html", "404.html", "releases/index.html", "tags/index.html", "products/index.html"} <= names
    # Release pages, not the year pages (releases/2017/).
    assert len([name for name in names if re.fullmatch(r"releases/(?!\d+/)[^/]+/index\.html", name)]) == 1 + len(EXTRA_RELEASES)
    host = urlsplit(built.site_url).netloc
    broken: list[str] = []
    checked = 0
    for page in pages:
        url = built.page_url(page)
        for link in links(read(page)):
            if link.lower().startswith(NOT_FETCHED):
                continue
            absolute = urljoin(url, link)
            if urlsplit(absolute).netloc != host:
                continue  # another site's page
            address, _, fragment = absolute.partition("#")
            target = built.target(address)
            checked += 1
            if target is None or not target.is_file():
                broken.append(f"{page.relative_to(built.site)}: {link} -> {target}")
            elif fragment and fragment not in ids(target):
                broken.append(f"{page.relative_to(built.site)}: {link} -> no id {fragment!r} in {target.relative_to(built.site)}")
    assert checked > 10 * len(pages)  # every page links its stylesheets, scripts and navigation
    assert not broken, "\n".join(broken)


def test_same_page_fragments_exist(built: Built) -> None:
    archive = built.site / "releases" / "index.html"
    fragments = [link[1:] for link in links(read(archive)) if link.startswith("#") and len(link) > 1]
    assert fragments, "the archive links to its own content (Material's skip link)"
    assert set(fragments) <= ids(archive)


def test_404_links_work_at_any_depth(built: Built) -> None:
    """GitHub Pages answers every missing address with 404.html, so its links cannot be relative."""
    page = built.site / "404.html"
    html = read(page)
    assert "Page not found" in html
    local = [link for link in links(html) if not link.lower().startswith(NOT_FETCHED) and "://" not in link]
    assert local
    site_path = urlsplit(built.site_url).path
    for link in local:
        assert link.startswith(site_path), link
        for depth in ("", "releases/", "releases/2099-01-01-not-there/", "a/b/c/"):
            target = built.target(urljoin(built.site_url + depth, link).split("#")[0])
            assert target is not None and target.is_file(), (depth, link)
    assert {"releases/", "tags/", "products/"} <= {link[len(site_path) :] for link in local}


def test_canonical_urls_carry_the_site_path(built: Built) -> None:
    for page in built.pages():
        if page.name == "404.html":
            continue
        canonical = re.findall(r'<link rel="canonical" href="([^"]+)"', read(page))
        if is_redirect(page):
            # An old topic page of a product names the product's page, where it sends the reader.
            (refresh,) = re.findall(r'<meta http-equiv="refresh" content="0; url=([^"]+)"', read(page))
            assert canonical == [urljoin(built.page_url(page), refresh)], page
            continue
        assert canonical == [built.page_url(page)], page


def test_feeds_carry_the_site_path(built: Built) -> None:
    feeds = sorted(built.site.rglob("feed.xml")) + sorted(built.site.rglob("atom.xml"))
    assert len(feeds) >= 4
    for path in feeds:
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        assert feed.entries, path
        urls = [feed.feed.link] + [link.href for link in feed.feed.get("links", [])]
        urls += [entry.link for entry in feed.entries]
        for url in urls:
            assert url.startswith(built.site_url), (path, url)
            target = built.target(url)
            assert target is not None and target.is_file(), (path, url)
        assert built.target(built.site_url + path.relative_to(built.site).as_posix()) == path


def test_sitemaps_carry_the_site_path(built: Built) -> None:
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    plain = (built.site / "sitemap.xml").read_bytes()
    packed = gzip.decompress((built.site / "sitemap.xml.gz").read_bytes())
    assert plain == packed
    locations = [loc.text or "" for loc in ElementTree.fromstring(plain).iter(f"{namespace}loc")]
    assert len(locations) == len([p for p in built.pages() if p.name != "404.html" and not is_redirect(p)])
    for url in locations:
        target = built.target(url)
        assert target is not None and target.is_file(), url


# -- deploying -----------------------------------------------------------------------------------

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def _steps(job: dict) -> list[dict]:
    return list(job.get("steps") or [])


def test_pages_workflow_builds_strict_and_deploys_with_the_official_actions() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    crons = [entry["cron"] for entry in triggers["schedule"]]
    assert crons and all(len(cron.split()) == 5 for cron in crons)
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"]
    steps = [step for job in workflow["jobs"].values() for step in _steps(job)]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    for action in ("actions/checkout", "actions/setup-python", "actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses, action
    configure = next(step for step in steps if step.get("uses", "").startswith("actions/configure-pages"))
    build = next(step for step in steps if "mkdocs build" in step.get("run", ""))
    assert "mkdocs build --strict" in build["run"]
    assert build["env"]["SITE_URL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}/"
    install = next(step for step in steps if "pip install" in step.get("run", ""))
    # The site's requirements: this repository's is its own source ('.'); a new newsroom's pins a release.
    assert re.search(r"pip install (--\S+ )*-r requirements\.txt(\s|$)", install["run"]), install["run"]
    assert re.findall(r"^[^#\s].*$", (ROOT / "requirements.txt").read_text(encoding="utf-8"), flags=re.M) == ["."]
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"


def test_mkdocs_gh_deploy_publishes_the_site(tmp_path: Path) -> None:
    """`mkdocs gh-deploy` needs nothing special: it builds and pushes site/ to gh-pages."""
    project = copy_project(tmp_path / "project")
    remote = tmp_path / "remote.git"
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    env.update(
        NO_MKDOCS_2_WARNING="1",
        GIT_AUTHOR_NAME="Newsroom Test",
        GIT_AUTHOR_EMAIL="test@example.com",
        GIT_COMMITTER_NAME="Newsroom Test",
        GIT_COMMITTER_EMAIL="test@example.com",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )

    def git(*args: str, cwd: Path = project) -> str:
        return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout

    git("init", "--quiet", "--bare", str(remote), cwd=tmp_path)
    git("init", "--quiet", "-b", "main")
    git("remote", "add", "origin", str(remote))
    git("add", ".")
    git("commit", "--quiet", "-m", "newsroom")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "--strict", "--force", "--no-history"],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    published = set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split())
    built = {path.relative_to(project / "site").as_posix() for path in (project / "site").rglob("*") if path.is_file()}
    assert ".nojekyll" in published
    # The finished site, whole (the build writes beside site/ and swaps it in before the push).
    assert built == published - {".nojekyll"}
    assert not [path.name for path in project.iterdir() if path.name.startswith(".site.") and path.is_dir()]
    assert {"index.html", "404.html", "feed.xml", "atom.xml", "sitemap.xml"} <= published
