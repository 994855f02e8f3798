"""`newsroom import`: saved wire pages and an SEC exhibit become the release files their text is,
the build publishes them on their date, and a feed from a local server imports only what is new."""

from __future__ import annotations

import functools
import http.server
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner, Result

from newsroom.cli import main
from newsroom.importer.fetch import fetch
from newsroom.importer.run import document_of
from newsroom.importer.wires import extract
from newsroom.importer.writer import INDEX
from tests.conftest import FIXTURES, run_build

PAGES = FIXTURES / "import"
# Saved page → (its release file's name, its release date as the built page shows it).
CASES = {
    "globenewswire.html": ("2024-03-12-northwind-therapeutics-announces-positive-topline-data-from-phase-2-trial-of-nwt.txt", "2024-03-12"),
    # Its text has no date: the page's JSON-LD 02:15 UTC on March 8 is 9:15 PM on March 7 in New York.
    "businesswire.html": ("2019-03-07-halcyon-grid-reports-fourth-quarter-and-full-year-2018-results.txt", "2019-03-07"),
    "prnewswire.html": ("2024-08-23-orion-freight-completes-acquisition-of-bayline-logistics.txt", "2024-08-23"),
    "accessnewswire.html": ("2025-01-15-tidewater-minerals-intersects-14-2-meters-of-3-1-g-t-gold-at-cedar-ridge.txt", "2025-01-15"),
    "ex99-1.htm": ("2024-03-27-keystone-diagnostics-reports-fourth-quarter-and-full-year-2023-financial-results.txt", "2024-03-27"),
}


def expected(page: str) -> str:
    return (PAGES / f"{Path(page).stem}.expected.txt").read_text(encoding="utf-8")


def run_import(content: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["import", *args, "--content", str(content), "-f", str(content.parent / "mkdocs.yml")])


@pytest.mark.parametrize("page", sorted(CASES))
def test_page_imports_as_the_release_text(tmp_path: Path, page: str) -> None:
    content = tmp_path / "content"
    result = run_import(content, str(PAGES / page))
    assert result.exit_code == 0, result.output
    written = list((content / "releases").glob("*.txt"))
    assert [path.name for path in written] == [CASES[page][0]]
    assert written[0].read_text(encoding="utf-8") == expected(page)


def test_imported_releases_build_on_their_dates(project: Path) -> None:
    content = project / "content"
    for page in CASES:
        assert run_import(content, str(PAGES / page)).exit_code == 0
    site = project / "site"
    run_build(project)
    for name, day in CASES.values():
        html = (site / "releases" / name.removesuffix(".txt") / "index.html").read_text(encoding="utf-8")
        assert f'class="nr-release__date" datetime="{day}"' in html
    assert not (site / "releases" / INDEX).exists()
    # The Business Wire release's words, as on its page, in its published page.
    bw = (site / "releases" / CASES["businesswire.html"][0].removesuffix(".txt") / "index.html").read_text(encoding="utf-8")
    assert "Board authorizes $50 million share repurchase program" in bw
    assert "Tweet" not in bw and "More News From Halcyon" not in bw


def test_never_overwrites(tmp_path: Path) -> None:
    content = tmp_path / "content"
    page = str(PAGES / "prnewswire.html")
    assert run_import(content, page).exit_code == 0
    target = content / "releases" / CASES["prnewswire.html"][0]
    target.write_text("edited by hand\n", encoding="utf-8")
    (content / "releases" / INDEX).unlink()  # even when the index forgot it
    again = run_import(content, page)
    assert again.exit_code == 1
    assert "exists and is not overwritten" in again.output and "Traceback" not in again.output
    assert target.read_text(encoding="utf-8") == "edited by hand\n"


def test_exhibit_without_a_date_needs_one(tmp_path: Path) -> None:
    text = (PAGES / "ex99-1.htm").read_bytes().replace(b"PRINCETON, N.J., March 27, 2024 \x96", b"PRINCETON, N.J. \x96")
    page = tmp_path / "ex99-2.htm"
    page.write_bytes(text)
    content = tmp_path / "content"
    refused = run_import(content, str(page))
    assert refused.exit_code == 1 and "--date" in refused.output
    assert not (content / "releases").exists() or not list((content / "releases").glob("*.txt"))
    dated = run_import(content, str(page), "--date", "2024-03-28")
    assert dated.exit_code == 0, dated.output
    (written,) = (content / "releases").glob("*.txt")
    assert written.name.startswith("2024-03-28-") and written.read_text(encoding="utf-8").startswith("March 28, 2024\n\n")


def test_unknown_page_is_a_clear_error(tmp_path: Path) -> None:
    page = tmp_path / "blog.html"
    page.write_text("<html><head><title>A blog</title></head><body><p>Hello</p></body></html>", encoding="utf-8")
    result = run_import(tmp_path / "content", str(page))
    assert result.exit_code == 1
    assert "not a release page of a wire" in result.output and "Traceback" not in result.output


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A local web server on 127.0.0.1 serving a folder: (its address, the folder)."""
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", root
    finally:
        httpd.shutdown()
        httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    agents: list[str] = []  # the User-Agent of each request, in order

    def do_GET(self) -> None:
        self.agents.append(self.headers.get("User-Agent", ""))
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def _feed(base: str, items: list[tuple[str, str]]) -> str:
    entries = "".join(f"<item><title>{name}</title><link>{base}/{name}</link><guid>{base}/{name}</guid><pubDate>{date}</pubDate></item>" for name, date in items)
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Releases</title><link>{base}/</link><description>x</description>{entries}</channel></rss>'


def test_feed_imports_new_items_once_and_none_from_the_future(tmp_path: Path, server: tuple[str, Path]) -> None:
    base, root = server
    for page in ("globenewswire.html", "businesswire.html", "prnewswire.html"):
        shutil.copy(PAGES / page, root / page)
    items = [
        ("globenewswire.html", "Tue, 12 Mar 2024 11:30:00 GMT"),
        ("businesswire.html", "Fri, 08 Mar 2019 02:15:00 GMT"),
        ("prnewswire.html", "Fri, 23 Aug 2099 12:00:00 GMT"),  # not yet
    ]
    (root / "feed.xml").write_text(_feed(base, items), encoding="utf-8")
    content = tmp_path / "content"
    first = run_import(content, f"{base}/feed.xml")
    assert first.exit_code == 0, first.output
    releases = content / "releases"
    names = sorted(path.name for path in releases.glob("*.txt"))
    assert names == sorted([CASES["globenewswire.html"][0], CASES["businesswire.html"][0]])
    assert "in the future" in first.output
    for page in ("globenewswire.html", "businesswire.html"):
        assert (releases / CASES[page][0]).read_text(encoding="utf-8") == expected(page)
    index = (releases / INDEX).read_text(encoding="utf-8")
    assert f"{base}/globenewswire.html\t{CASES['globenewswire.html'][0]}" in index

    second = run_import(content, f"{base}/feed.xml")
    assert second.exit_code == 0, second.output
    assert "wrote" not in second.output and "nothing new" in second.output
    assert sorted(path.name for path in releases.glob("*.txt")) == names
    assert (releases / INDEX).read_text(encoding="utf-8") == index


def test_feed_item_that_fails_does_not_stop_the_others(tmp_path: Path, server: tuple[str, Path]) -> None:
    base, root = server
    shutil.copy(PAGES / "accessnewswire.html", root / "accessnewswire.html")
    items = [("missing.html", "Wed, 15 Jan 2025 13:00:00 GMT"), ("accessnewswire.html", "Wed, 15 Jan 2025 13:05:00 GMT")]
    (root / "feed.xml").write_text(_feed(base, items), encoding="utf-8")
    result = run_import(tmp_path / "content", f"{base}/feed.xml")
    assert result.exit_code == 1
    assert "404" in result.output and "Traceback" not in result.output
    assert [path.name for path in (tmp_path / "content" / "releases").glob("*.txt")] == [CASES["accessnewswire.html"][0]]


def test_offline_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_import(tmp_path / "content", f"http://127.0.0.1:{port}/feed.xml")
    assert result.exit_code == 1
    assert "cannot connect" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "content").exists()


@pytest.mark.parametrize(
    ("page", "cut", "day"),
    [
        # No JSON-LD: the <time datetime> of Business Wire's own date line.
        ("businesswire.html", b'<script type="application/ld+json">', "2019-03-07"),
        # No metadata at all: the date PR Newswire prints under the headline ("Aug 23, 2024, 08:00 ET").
        ("prnewswire.html", b"<meta ", "2024-08-23"),
    ],
)
def test_date_from_the_wires_own_date_line(tmp_path: Path, page: str, cut: bytes, day: str) -> None:
    data = (PAGES / page).read_bytes()
    head, rest = data.split(b"</head>", 1)
    kept = b"\n".join(line for line in head.split(b"\n") if cut not in line and b"datePublished" not in line)
    saved = tmp_path / page
    saved.write_bytes(kept + b"</head>" + rest)
    assert b"datePublished" not in saved.read_bytes() and (cut != b"<meta " or b"<meta " not in kept)
    fetched = fetch(str(saved))
    published = extract(document_of(fetched), fetched.location, ZoneInfo("America/New_York")).published
    assert published is not None and published.astimezone(ZoneInfo("America/New_York")).date().isoformat() == day
    content = tmp_path / "content"
    result = run_import(content, str(saved))
    assert result.exit_code == 0, result.output
    (written,) = (content / "releases").glob("*.txt")
    assert written.name.startswith(f"{day}-")
    # Without its canonical link the wire is known by its page's structure; the text is the same.
    assert written.read_text(encoding="utf-8") == expected(page)


def test_saved_page_then_feed_imports_it_once(tmp_path: Path, server: tuple[str, Path]) -> None:
    """A saved page is recorded under its canonical address, so the feed listing that address skips it."""
    content = tmp_path / "content"
    assert run_import(content, str(PAGES / "globenewswire.html")).exit_code == 0
    base, root = server
    canonical = "https://www.globenewswire.com/news-release/2024/03/12/2844310/0/en/Northwind-Therapeutics-Announces-Positive-Topline-Data-from-Phase-2-Trial-of-NWT-101-in-Relapsed-Lymphoma.html"
    (root / "feed.xml").write_text(
        f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><id>{base}/</id><updated>2024-03-12T11:30:00Z</updated>'
        f'<entry><title>Northwind</title><id>{canonical}</id><link href="{canonical}"/><updated>2024-03-12T11:30:00Z</updated></entry></feed>',
        encoding="utf-8",
    )
    again = run_import(content, f"{base}/feed.xml")
    assert again.exit_code == 0, again.output
    assert "nothing new" in again.output
    assert len(list((content / "releases").glob("*.txt"))) == 1


def test_user_agent_is_sent(tmp_path: Path, server: tuple[str, Path]) -> None:
    """SEC EDGAR wants a company and a contact in the User-Agent: --user-agent (or its variable) sends it."""
    base, root = server
    shutil.copy(PAGES / "ex99-1.htm", root / "ex99-1.htm")
    _QuietHandler.agents.clear()
    result = CliRunner().invoke(
        main, ["import", f"{base}/ex99-1.htm", "--content", str(tmp_path / "content"), "-f", str(tmp_path / "mkdocs.yml")],
        env={"NEWSROOM_USER_AGENT": "Keystone Diagnostics ir@keystonedx.example"},
    )
    assert result.exit_code == 0, result.output
    assert _QuietHandler.agents == ["Keystone Diagnostics ir@keystonedx.example"]
    assert (tmp_path / "content" / "releases" / CASES["ex99-1.htm"][0]).read_text(encoding="utf-8") == expected("ex99-1.htm")


def test_writes_into_the_sites_docs_dir(tmp_path: Path) -> None:
    """Without --content the file goes to mkdocs.yml's docs_dir; with neither, nothing is written."""
    site = tmp_path / "site-project"
    site.mkdir()
    (site / "mkdocs.yml").write_text("site_name: X\ndocs_dir: pages\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(PAGES / "prnewswire.html"), "-f", str(site / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    assert (site / "pages" / "releases" / CASES["prnewswire.html"][0]).is_file()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    refused = CliRunner().invoke(main, ["import", str(PAGES / "prnewswire.html"), "-f", str(elsewhere / "mkdocs.yml")])
    assert refused.exit_code == 2 and "no " in refused.output and "--content" in refused.output
    assert list(elsewhere.iterdir()) == []
