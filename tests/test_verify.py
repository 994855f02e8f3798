"""releases.json and `newsroom verify`: real builds of the seed, checked as a journalist would."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from click.testing import CliRunner, Result

from newsroom.cli import main
from newsroom.manifest import article_html

from .helpers import ROOT, SEED, commit, copy_project, git, run_build

# The seed goes public on its date at the default release time, 08:00 in New York.
SEED_PUBLISHED = datetime(2017, 1, 24, 8, 0, tzinfo=ZoneInfo("America/New_York")).astimezone(timezone.utc)
PUBLISHED = SEED_PUBLISHED.isoformat().replace("+00:00", "Z")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The seed project built with its address on a local web server, served from there: (site folder, site URL)."""
    project = copy_project(tmp_path_factory.mktemp("verify") / "project")
    site = project / "site"
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    run_build(project, env={"SITE_URL": url})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site, url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def other_newsroom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Another newsroom with the same release, at another address."""
    project = copy_project(tmp_path_factory.mktemp("other") / "project")
    run_build(project, env={"SITE_URL": "https://news.other.example/"})
    return project / "site"


def verify(*args: str) -> Result:
    return CliRunner().invoke(main, ["verify", *args])


def release_page(site: Path) -> Path:
    pages = sorted((site / "releases").glob("2017-01-24-*/index.html"))
    assert len(pages) == 1
    return pages[0]


def article_of(page: str) -> tuple[int, int, list[tuple[int, int]]]:
    """Where the manifest's article HTML is in a page, by its documented definition: (head start,
    headline end, [(body start, body end) of each div.nr-release__body]); found here
    independently of newsroom.manifest."""
    masthead = re.search(r'<p class="[^"]*nr-print-masthead[^"]*">.*?</p>', page, re.S)
    assert masthead is not None
    headline_end = page.index("</h1>", masthead.end()) + len("</h1>")
    bodies = []
    for body_tag in re.finditer(r'<div class="nr-release__body[^"]*">', page):
        depth, position = 1, body_tag.end()
        while depth:
            tag = re.compile(r"<(/?)div\b").search(page, position)
            assert tag is not None
            depth += -1 if tag.group(1) else 1
            position = tag.end()
        bodies.append((body_tag.end(), tag.start()))
    assert bodies
    return masthead.end(), headline_end, bodies


def article_text(page: str) -> str:
    head, headline_end, bodies = article_of(page)
    return "\n".join([page[head:headline_end].strip(), *(page[start:end].strip() for start, end in bodies)])


def changed_digit(page: str) -> tuple[str, int, str]:
    """The page with one digit of the body changed; the number of the block it is in (blocks of
    the article counted from the headline, banner lines first) and the changed word."""
    head, headline_end, bodies = article_of(page)
    block = re.compile(r"<(?:p|h[1-6]|li|td|th|pre|dt|dd)\b")
    number = len(block.findall(page, head, headline_end))
    for body, end in bodies:
        digit = re.compile(r"\d").search(page, body, end)
        if digit is None:
            number += len(block.findall(page, body, end))
            continue
        at = digit.start()
        number += len(block.findall(page, body, at))
        break
    else:
        raise AssertionError("no digit in the release's body")
    altered = page[:at] + str((int(page[at]) + 1) % 10) + page[at + 1 :]
    word = re.search(r"\S+$", re.sub(r"<[^>]*>", " ", altered[:at + 1])).group(0) + re.match(r"[^\s<]*", altered[at + 1 :]).group(0)
    return altered, number, word


def test_manifest_lists_the_release_with_hashes_of_its_file_and_article(served: tuple[Path, str]) -> None:
    site, url = served
    data = json.loads((site / "releases.json").read_text(encoding="utf-8"))
    page = release_page(site)
    slug = page.parent.name
    source = hashlib.sha256(SEED.read_bytes()).hexdigest()
    text = page.read_text(encoding="utf-8")
    article = article_text(text)
    assert data["site"] == url
    assert data["releases"] == [
        {
            "url": f"{url}releases/{slug}/",
            "path": f"releases/{slug}/",
            "published": PUBLISHED,
            "headline": "Cellecstar Biosciences Announces Additional US Patent Granted for CLR 131 and CLR 125 in a Broad Range of Solid Tumors",
            "source": {"file": f"releases/{SEED.name}", "sha256": source},
            "article_sha256": hashlib.sha256(article.encode("utf-8")).hexdigest(),
            "versions": [{"version": 1, "published": PUBLISHED, "sha256": source}],
        }
    ]
    assert not (site / "releases.json.sig").exists()


def test_a_held_release_is_not_in_the_manifest(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    before = int(SEED_PUBLISHED.timestamp()) - 60
    run_build(project, env={"SOURCE_DATE_EPOCH": str(before)})
    data = json.loads((project / "site" / "releases.json").read_text(encoding="utf-8"))
    assert data["releases"] == []
    run_build(project, env={"SOURCE_DATE_EPOCH": str(before + 120)})
    data = json.loads((project / "site" / "releases.json").read_text(encoding="utf-8"))
    assert [release["published"] for release in data["releases"]] == [PUBLISHED]


def test_the_built_page_is_genuine(served: tuple[Path, str]) -> None:
    site, _ = served
    result = verify(str(release_page(site)), "--manifest", str(site / "releases.json"))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"genuine, published {PUBLISHED}"
    assert "not signed" in result.output


def test_one_changed_digit_is_altered_and_its_paragraph_named(served: tuple[Path, str], tmp_path: Path) -> None:
    site, _ = served
    altered, number, word = changed_digit(release_page(site).read_text(encoding="utf-8"))
    copy = tmp_path / "copy.html"
    copy.write_text(altered, encoding="utf-8")
    result = verify(str(copy), "--manifest", str(site))
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("altered")
    assert f"paragraph {number} differs:" in lines
    shown = lines[lines.index(f"paragraph {number} differs:") + 2]
    assert shown.startswith("  this copy:") and word in shown


def test_a_copy_hiding_the_genuine_release_behind_another_is_altered(served: tuple[Path, str], tmp_path: Path) -> None:
    site, _ = served
    page = release_page(site).read_text(encoding="utf-8")
    altered, _, _ = changed_digit(page)
    start = page.index('<div class="nr-release"')
    end = altered.index("</article>")
    # The genuine release first, hidden; the altered one shown after it.
    forged = page[:start] + '<div hidden>' + page[start:end] + "</div>" + altered[start:]
    copy = tmp_path / "forged.html"
    copy.write_text(forged, encoding="utf-8")
    result = verify(str(copy), "--manifest", str(site / "releases.json"))
    assert result.exit_code == 1, result.output
    assert result.output.startswith("altered")


def test_a_copy_a_browser_reformatted_is_still_genuine(served: tuple[Path, str], tmp_path: Path) -> None:
    site, _ = served
    page = release_page(site).read_text(encoding="utf-8")
    # What "Save page as" may do: attributes added, white space between tags changed.
    saved = page.replace("<p>", '<p data-saved="1">').replace("</p>\n", "</p>\n\n  ")
    assert saved != page
    copy = tmp_path / "saved.html"
    copy.write_text(saved, encoding="utf-8")
    result = verify(str(copy), "--manifest", str(site / "releases.json"))
    assert result.exit_code == 0, result.output
    assert "markup differs" in result.output


def test_another_newsrooms_page_is_not_ours(served: tuple[Path, str], other_newsroom: Path) -> None:
    site, _ = served
    result = verify(str(release_page(other_newsroom)), "--manifest", str(site / "releases.json"))
    assert result.exit_code == 3, result.output
    assert result.output.startswith("not a release of this newsroom")


def test_by_address_on_a_web_server(served: tuple[Path, str]) -> None:
    site, url = served
    address = f"{url}{release_page(site).parent.relative_to(site).as_posix()}/"
    result = verify(address)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"genuine, published {PUBLISHED}"
    assert f"of the newsroom at {url}" in result.output
    # A text checked against the site's address (its releases.json).
    result = verify(str(SEED), "--manifest", url)
    assert result.exit_code == 0, result.output


def test_an_altered_copy_on_a_web_server_names_the_site_of_its_canonical_link(served: tuple[Path, str]) -> None:
    site, url = served
    altered, number, _ = changed_digit(release_page(site).read_text(encoding="utf-8"))
    (site / "copy.html").write_text(altered, encoding="utf-8")
    try:
        result = verify(f"{url}copy.html")
    finally:
        (site / "copy.html").unlink()
    assert result.exit_code == 1, result.output
    assert f"paragraph {number} differs:" in result.output


def test_the_release_text_as_committed_is_genuine_and_a_changed_one_altered(served: tuple[Path, str], tmp_path: Path) -> None:
    site, _ = served
    result = verify(str(SEED), "--manifest", str(site / "releases.json"))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"genuine, published {PUBLISHED}"
    text = SEED.read_text(encoding="utf-8")
    assert "more than 80 different" in text
    changed = tmp_path / "release.txt"
    changed.write_text(text.replace("more than 80 different", "more than 90 different"), encoding="utf-8")
    result = verify(str(changed), "--manifest", str(site / "releases.json"))
    assert result.exit_code == 1, result.output
    assert "more than 90 different" in result.output and "more than 80 different" in result.output
    assert re.search(r"^paragraph \d+ differs:$", result.output, re.M)


ADDED = "Cellectar also announced today that its chief executive officer has resigned, effective immediately."


def test_a_paragraph_added_to_a_text_copy_is_named(served: tuple[Path, str], tmp_path: Path) -> None:
    """Every published paragraph was in the copy, so it was said to differ only in spacing."""
    site, _ = served
    paragraphs = SEED.read_text(encoding="utf-8").split("\n\n")
    added = tmp_path / "added.txt"
    added.write_text("\n\n".join([*paragraphs[:4], ADDED, *paragraphs[4:]]), encoding="utf-8")
    result = verify(str(added), "--manifest", str(site / "releases.json"))
    assert result.exit_code == 1 and result.output.startswith("altered"), result.output
    assert f"a paragraph the release does not have: {ADDED}" in result.output.splitlines()
    assert "spacing" not in result.output
    # Spaced otherwise, the same words: nothing is named as added.
    respaced = tmp_path / "respaced.txt"
    respaced.write_text("\n\n\n".join(paragraphs).replace("\n", "\r\n"), encoding="utf-8")
    result = verify(str(respaced), "--manifest", str(site / "releases.json"))
    assert "does not have" not in result.output and "spacing" in result.output, result.output


def test_a_text_that_names_html_is_still_a_text(tmp_path: Path) -> None:
    """A release's words may name ``<html>`` or ``<!DOCTYPE``: its text is checked as a text, not as a page."""
    project = copy_project(tmp_path / "project")
    text = (
        "Cellectar Opens Accessible <html> Investor Pages\n\n"
        "MADISON, Wis., Jan. 10, 2017 (GLOBE NEWSWIRE) -- Cellectar Biosciences, Inc. (Nasdaq: CLRB) today announced "
        "investor pages that declare <!DOCTYPE html> and pass every accessibility check.\n\nThe pages are online now.\n"
    )
    source = project / "content" / "releases" / "2017-01-10-html-pages.txt"
    source.write_text(text, encoding="utf-8")
    run_build(project)
    result = verify(str(source), "--manifest", str(project / "site" / "releases.json"))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("genuine, published 2017-01-10T13:00:00Z"), result.output
    page = tmp_path / "saved.html"
    page.write_text("<!-- saved from url=(0044)https://example.org/ -->\n" + release_page(project / "site").read_text(encoding="utf-8"))
    result = verify(str(page), "--manifest", str(project / "site" / "releases.json"))
    assert result.exit_code == 0, result.output


def test_a_text_names_no_site(tmp_path: Path) -> None:
    result = verify(str(SEED))
    assert result.exit_code == 4
    assert "--manifest" in result.output and "Traceback" not in result.output


def test_offline_is_a_clear_error(served: tuple[Path, str]) -> None:
    with socket_closed() as port:
        result = verify(f"http://127.0.0.1:{port}/releases/x/")
    assert result.exit_code == 4, result.output
    assert "cannot reach" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


class socket_closed:
    """A local port nothing listens on."""

    def __enter__(self) -> int:
        import socket

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        port: int = self.sock.getsockname()[1]
        return port

    def __exit__(self, *exc: object) -> None:
        self.sock.close()


def _key(folder: Path, name: str) -> Path:
    key = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True)
    return key


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seed built with a key made here: (site folder, the key's public half)."""
    folder = tmp_path_factory.mktemp("signed")
    key = _key(folder, "newsroom_key")
    project = copy_project(folder / "project")
    # As the Pages workflow sets it: mkdocs.yml reads signing_key from this variable.
    run_build(project, env={"SITE_URL": "https://news.example.com/", "NEWSROOM_SIGNING_KEY": str(key)})
    return project / "site", key.with_suffix(".pub")


def test_a_signed_build_publishes_signature_and_allowed_signers(signed: tuple[Path, Path]) -> None:
    site, public = signed
    keytype, key = public.read_text(encoding="ascii").split()[:2]
    assert (site / "allowed_signers").read_text(encoding="utf-8") == f'news.example.com namespaces="newsroom" {keytype} {key}\n'
    # OpenSSH itself accepts the signature.
    with (site / "releases.json").open("rb") as manifest:
        checked = subprocess.run(
            ["ssh-keygen", "-Y", "verify", "-f", str(site / "allowed_signers"), "-I", "news.example.com", "-n", "newsroom", "-s", str(site / "releases.json.sig")],
            stdin=manifest,
            capture_output=True,
        )
    assert checked.returncode == 0, checked.stderr
    verify_page = (site / "verify" / "index.html").read_text(encoding="utf-8")
    assert key in verify_page and "releases.json.sig" in verify_page


def test_verify_checks_a_good_signature(signed: tuple[Path, Path]) -> None:
    site, public = signed
    result = verify(str(release_page(site)), "--manifest", str(site / "releases.json"))
    assert result.exit_code == 0, result.output
    fingerprint = subprocess.run(["ssh-keygen", "-l", "-f", str(public)], capture_output=True, text=True, check=True).stdout.split()[1]
    assert f"signed by news.example.com ({fingerprint})" in result.output


def test_a_tampered_manifest_fails_its_signature(signed: tuple[Path, Path], tmp_path: Path) -> None:
    site, _ = signed
    copy = tmp_path / "site"
    for name in ("releases.json.sig", "allowed_signers"):
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        (copy / name).write_bytes((site / name).read_bytes())
    page = release_page(site)
    (copy / page.relative_to(site)).parent.mkdir(parents=True)
    (copy / page.relative_to(site)).write_bytes(page.read_bytes())
    # A forger swaps in the hash of an altered page: the manifest no longer matches its signature.
    altered, _, _ = changed_digit(page.read_text(encoding="utf-8"))
    data = json.loads((site / "releases.json").read_text(encoding="utf-8"))
    data["releases"][0]["article_sha256"] = hashlib.sha256(article_text(altered).encode()).hexdigest()
    (copy / "releases.json").write_text(json.dumps(data), encoding="utf-8")
    forged = tmp_path / "forged.html"
    forged.write_text(altered, encoding="utf-8")
    result = verify(str(forged), "--manifest", str(copy / "releases.json"))
    assert result.exit_code == 5, result.output
    assert "signature" in result.output


def test_another_key_is_refused(signed: tuple[Path, Path], tmp_path: Path) -> None:
    site, _ = signed
    stranger = _key(tmp_path, "stranger")
    signers = tmp_path / "allowed_signers"
    keytype, key = stranger.with_suffix(".pub").read_text(encoding="ascii").split()[:2]
    signers.write_text(f'news.example.com namespaces="newsroom" {keytype} {key}\n', encoding="utf-8")
    result = verify(str(release_page(site)), "--manifest", str(site / "releases.json"), "--allowed-signers", str(signers))
    assert result.exit_code == 5, result.output


def test_allowed_signers_given_requires_a_signature(served: tuple[Path, str], signed: tuple[Path, Path]) -> None:
    site, _ = served
    result = verify(str(release_page(site)), "--manifest", str(site / "releases.json"), "--allowed-signers", str(signed[0] / "allowed_signers"))
    assert result.exit_code == 5, result.output
    assert "not signed" in result.output


def test_a_key_that_cannot_sign_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = run_build(project, env={"NEWSROOM_SIGNING_KEY": "no-such-key"}, check=False)
    assert result.returncode != 0
    assert "signing_key" in result.stderr and "no-such-key" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_the_verify_page_is_linked_from_every_page(served: tuple[Path, str]) -> None:
    site, _ = served
    page = (site / "verify" / "index.html").read_text(encoding="utf-8")
    assert "Verify a release" in page and "newsroom verify" in page
    for built in (site / "index.html", release_page(site)):
        assert re.search(r'<a href="[./]*verify/">Verify a release</a>', built.read_text(encoding="utf-8"))


def _key_step(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The Pages workflow's signing-key step, run by bash as the runner runs it."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    step = next(step for step in workflow["jobs"]["build"]["steps"] if step.get("name") == "Read the signing key")
    assert step["env"] == {"KEY": "${{ secrets.NEWSROOM_SIGNING_KEY }}"}
    return subprocess.run(["bash", "-e", "-c", step["run"]], env={"PATH": os.environ["PATH"], **env}, capture_output=True, text=True, check=True)


def test_the_workflow_builds_unsigned_with_a_notice_without_the_secret(tmp_path: Path) -> None:
    github_env = tmp_path / "github_env"
    github_env.touch()
    result = _key_step({"KEY": "", "RUNNER_TEMP": str(tmp_path), "GITHUB_ENV": str(github_env)})
    assert result.stdout.startswith("::notice")
    assert github_env.read_text() == ""


def test_the_workflow_hands_the_secret_key_to_the_build(tmp_path: Path) -> None:
    key = _key(tmp_path, "secret_key")
    runner = tmp_path / "runner"
    runner.mkdir()
    github_env = tmp_path / "github_env"
    github_env.touch()
    _key_step({"KEY": key.read_text(encoding="ascii"), "RUNNER_TEMP": str(runner), "GITHUB_ENV": str(github_env)})
    name, value = github_env.read_text().strip().split("=", 1)
    assert name == "NEWSROOM_SIGNING_KEY"
    assert Path(value).read_text(encoding="ascii").strip() == key.read_text(encoding="ascii").strip()
    assert Path(value).stat().st_mode & 0o077 == 0
    project = copy_project(tmp_path / "project")
    run_build(project, env={name: value})
    assert (project / "site" / "releases.json.sig").read_bytes().startswith(b"-----BEGIN SSH SIGNATURE-----")


def test_article_html_is_the_headline_and_the_whole_body() -> None:
    page = (
        '<article><div class="nr-release" data-slug="x"><p class="nr-print-only nr-print-masthead">Acme · https://a/</p>\n'
        '    <p>Exhibit 99.1</p>\n<h1 id="h">Head</h1>\n<p class="nr-release__meta">Jan 1</p>'
        '<div class="nr-release__main"><aside class="fact-box"><div>fact</div></aside>'
        '<div class="nr-release__body">\n  <p>One</p><div class="md-typeset__table"><table><tr><td>2</td></tr></table></div>\n  </div></div></div></article>'
    )
    assert article_html(page) == '<p>Exhibit 99.1</p>\n<h1 id="h">Head</h1>\n<p>One</p><div class="md-typeset__table"><table><tr><td>2</td></tr></table></div>'
    assert article_html(page.replace("nr-release__body", "other")) is None
    assert article_html("<html><body><p>Not a release</p></body></html>") is None
    # The lead and the rest, with the fact boxes between them: both parts, the boxes left out.
    split = page.replace(
        '<aside class="fact-box"><div>fact</div></aside>',
        '<div class="nr-release__body nr-release__lead"><p>Lead</p></div><aside class="fact-box"><div>fact</div></aside>',
    )
    assert article_html(split) == '<p>Exhibit 99.1</p>\n<h1 id="h">Head</h1>\n<p>Lead</p>\n<p>One</p><div class="md-typeset__table"><table><tr><td>2</td></tr></table></div>'


def test_versions_from_git_are_listed_and_an_earlier_one_is_genuine_but_superseded(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    seed = project / "content" / "releases" / SEED.name
    first = seed.read_bytes()
    git(project, "init", "-q", "-b", "main")
    commit(project, "The seed", SEED_PUBLISHED - timedelta(days=1))
    corrected_at = SEED_PUBLISHED + timedelta(days=2)
    seed.write_bytes(first.replace(b"more than 80 different", b"more than 85 different"))
    commit(project, "A correction", corrected_at)
    run_build(project)
    site = project / "site"
    data = json.loads((site / "releases.json").read_text(encoding="utf-8"))
    (release,) = data["releases"]
    corrected = corrected_at.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
    versions = [{key: version[key] for key in ("version", "published", "sha256")} for version in release["versions"]]
    assert versions == [
        {"version": 1, "published": PUBLISHED, "sha256": hashlib.sha256(first).hexdigest()},
        {"version": 2, "published": corrected, "sha256": hashlib.sha256(seed.read_bytes()).hexdigest()},
    ]
    assert release["source"]["sha256"] == hashlib.sha256(seed.read_bytes()).hexdigest()
    # The text as first published: genuine, and said to be corrected since.
    original = tmp_path / "original.txt"
    original.write_bytes(first)
    result = verify(str(original), "--manifest", str(site))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"genuine, published {PUBLISHED}"
    assert f"version 1 of 2: corrected since, the current version published {corrected}" in result.output
    # The earlier version's page (its canonical address is the release's): genuine, version 1.
    earlier = release_page(site).parent / "v1" / "index.html"
    result = verify(str(earlier), "--manifest", str(site))
    assert result.exit_code == 0, result.output
    assert "version 1 of 2" in result.output
    # The current page: genuine, the current version.
    result = verify(str(release_page(site)), "--manifest", str(site))
    assert result.exit_code == 0, result.output
    assert "version 1" not in result.output
