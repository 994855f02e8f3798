"""Unit tests of newsroom/feeds.py, in the manner of feedgen's own: render, parse the XML, look.

The documents are read with ElementTree (which refuses anything that is not well-formed XML) and
with feedparser (what feed readers do); expected values come from the inputs, never from the output.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import tempfile
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import partial
from pathlib import Path
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import fastfeedparser
import feedparser
import frontmatter
import pytest

from newsroom import feeds
from newsroom.cache import FileCache
from newsroom.collection import entry_from_meta
from newsroom.parallel import in_background

from .helpers import ATOM, CONTENT, RFC822, forbidden_in, json_feed_errors

NEW_YORK = ZoneInfo("America/New_York")
SITE = "https://ir.example.com/newsroom/"


def written(channel: feeds.Channel, items: list[feeds.FeedItem], documents: feeds.Documents | None = None) -> tuple[bytes, bytes, bytes]:
    """The RSS, Atom and JSON Feed documents as ``feeds.Documents`` writes them (``documents``:
    one that has written other feeds before, else a new one)."""
    if documents is None:
        with tempfile.TemporaryFile() as scratch:
            return written(channel, items, feeds.Documents(scratch))
    outs = io.BytesIO(), io.BytesIO(), io.BytesIO()
    documents.write(channel, items, *outs)
    rss, atom, json_feed = (out.getvalue() for out in outs)
    return rss, atom, json_feed


def whole(channel: feeds.Channel, items: list[feeds.FeedItem]) -> tuple[bytes, bytes, bytes]:
    """The three documents as the libraries print them whole: feedgen's generator with every
    item added, json's dump of the document with every item in it."""
    feed = feeds.generator(channel, items)
    entries = [(feed.add_entry(item.entry(), order="append"), item.content) for item in items]
    for entry, content in entries:
        entry.content(content, type="CDATA")
    rss = feed.rss_str(pretty=True)
    for entry, content in entries:
        entry.content(content, type="html")
    feeds.to_atom(feed, channel)
    document = feeds.json_document(channel)
    document["items"] = [item.json_item(item.content) for item in items]
    return rss, feed.atom_str(pretty=True), (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def rendered(channel: feeds.Channel, items: list[feeds.FeedItem]) -> tuple[bytes, bytes]:
    """The RSS and Atom documents."""
    rss, atom, _ = written(channel, items)
    return rss, atom


def rendered_json(channel: feeds.Channel, items: list[feeds.FeedItem]) -> bytes:
    """The JSON Feed document."""
    return written(channel, items)[2]


@pytest.fixture
def channel() -> feeds.Channel:
    return feeds.Channel(
        title="Example Newsroom",
        description="Press releases of Example, Inc.",
        home_url=SITE,
        rss_url=f"{SITE}feed.xml",
        atom_url=f"{SITE}atom.xml",
        json_url=f"{SITE}feed.json",
        language="en",
        author="Example, Inc.",
        updated=datetime(2020, 5, 1, 8, 0, tzinfo=NEW_YORK),
    )


@pytest.fixture
def items() -> list[feeds.FeedItem]:
    """Two releases, newest first; the older one carries links of every kind."""
    newer = feeds.FeedItem(
        title="Example Reports Results",
        url=f"{SITE}releases/2019-03-05-example-reports-results/",
        published=datetime(2019, 3, 5, 16, 5, tzinfo=NEW_YORK),
        description="Example, Inc. today reported results.",
        html="<h1>Example Reports Results</h1>\n<p>Results.</p>",
        categories=(feeds.Category("financial-results", "Financial results", f"{SITE}tags/financial-results/"),),
    )
    older = feeds.FeedItem(
        title="Example Announces a Patent",
        url=f"{SITE}releases/2017-01-24-example-announces-a-patent/",
        published=datetime(2017, 1, 24, 8, 0, tzinfo=NEW_YORK),
        description="Example, Inc. today announced a patent.",
        html=(
            '<p>See <a href="../../products/x/">X</a>, <a href="#about">about</a>, '
            '<img src="chart.png" srcset="chart-2x.png 2x" alt="chart">, '
            '<a href="mailto:ir@example.com">ir@example.com</a>, <a href="tel:+15555550100">555-0100</a>, '
            '<a href="https://other.example/page">elsewhere</a>.</p>'
        ),
        categories=(
            feeds.Category("patents", "Patents", f"{SITE}tags/patents/"),
            feeds.Category("x", "Product X", f"{SITE}products/x/"),
        ),
    )
    return [newer, older]


def rss_channel(document: bytes) -> ElementTree.Element:
    channel = ElementTree.fromstring(document).find("channel")
    assert channel is not None
    return channel


def test_rss_channel(channel: feeds.Channel, items: list[feeds.FeedItem]) -> None:
    rss, _ = rendered(channel, items)
    ch = rss_channel(rss)
    assert ch.findtext("title") == channel.title
    assert ch.findtext("link") == channel.home_url
    assert ch.findtext("description") == channel.description
    assert ch.findtext("language") == channel.language
    self_links = [link for link in ch.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert [link.get("href") for link in self_links] == [channel.rss_url]
    assert ch.find("generator") is None


def test_atom_feed(channel: feeds.Channel, items: list[feeds.FeedItem]) -> None:
    _, atom = rendered(channel, items)
    feed = ElementTree.fromstring(atom)
    assert feed.findtext(f"{ATOM}title") == channel.title
    assert feed.findtext(f"{ATOM}id") == channel.home_url
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == channel.author
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == channel.language
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": channel.atom_url, "alternate": channel.home_url}
    assert feed.find(f"{ATOM}generator") is None


def test_feed_dates_come_from_the_newest_item_not_the_clock(channel: feeds.Channel, items: list[feeds.FeedItem]) -> None:
    rss, atom = rendered(channel, items)
    newest = max(item.published for item in items)
    assert parsedate_to_datetime(rss_channel(rss).findtext("lastBuildDate") or "") == newest
    assert datetime.fromisoformat(ElementTree.fromstring(atom).findtext(f"{ATOM}updated") or "") == newest


def test_a_feed_without_items_is_dated_by_the_channel(channel: feeds.Channel) -> None:
    rss, atom = rendered(channel, [])
    assert parsedate_to_datetime(rss_channel(rss).findtext("lastBuildDate") or "") == channel.updated
    assert datetime.fromisoformat(ElementTree.fromstring(atom).findtext(f"{ATOM}updated") or "") == channel.updated
    assert not feedparser.parse(atom).bozo


def test_items_keep_the_given_order_and_fields(channel: feeds.Channel, items: list[feeds.FeedItem]) -> None:
    rss, atom = rendered(channel, items)
    for document in (rss, atom):
        parsed = feedparser.parse(document)
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert [entry.link for entry in parsed.entries] == [item.url for item in items]
        assert [entry.id for entry in parsed.entries] == [item.url for item in items]
        assert [entry.title for entry in parsed.entries] == [item.title for item in items]
        assert [entry.summary for entry in parsed.entries] == [item.description for item in items]
        published = [datetime(*entry.published_parsed[:6], tzinfo=timezone.utc) for entry in parsed.entries]
        assert published == [item.published for item in items]
        for entry, item in zip(parsed.entries, items, strict=True):
            assert {tag.scheme for tag in entry.tags} == {c.scheme for c in item.categories}
    guids = ElementTree.fromstring(rss).findall("channel/item/guid")
    assert [(guid.text, guid.get("isPermaLink")) for guid in guids] == [(item.url, "true") for item in items]


def test_rss_item_description_comes_before_content(channel: feeds.Channel, items: list[feeds.FeedItem]) -> None:
    rss, _ = rendered(channel, items)
    for item in rss_channel(rss).findall("item"):
        children = [child.tag for child in item]
        assert children.index("description") < children.index(CONTENT)


def test_pub_dates_are_rfc822_with_the_right_weekday(channel: feeds.Channel, items: list[feeds.FeedItem]) -> None:
    rss, _ = rendered(channel, items)
    ch = rss_channel(rss)
    dates = [ch.findtext("lastBuildDate") or ""] + [item.findtext("pubDate") or "" for item in ch.findall("item")]
    for text, expected in zip(dates, [items[0].published, *(item.published for item in items)], strict=True):
        assert RFC822.match(text), text
        moment = parsedate_to_datetime(text)
        assert moment == expected
        assert text[:3] == moment.strftime("%a")


def test_content_urls_are_absolute(channel: feeds.Channel, items: list[feeds.FeedItem]) -> None:
    rss, atom = rendered(channel, items)
    older = items[1].url
    expected = {
        f"{SITE}products/x/",
        f"{older}#about",
        f"{older}chart.png",
        "mailto:ir@example.com",
        "tel:+15555550100",
        "https://other.example/page",
    }
    rss_html = [item.findtext(CONTENT) or "" for item in rss_channel(rss).findall("item")]
    atom_html = [entry.findtext(f"{ATOM}content") or "" for entry in ElementTree.fromstring(atom).findall(f"{ATOM}entry")]
    for html in (rss_html[1], atom_html[1]):
        urls = set(re.findall(r'\s(?:href|src)="([^"]*)"', html))
        assert urls == expected
        assert "srcset" not in html


def test_absolute_html_leaves_text_that_looks_like_markup_alone() -> None:
    # A release's words, escaped into text by the Markdown writer: not a tag, so not rewritten.
    text = '<p>The draft said &lt;a href="page.html"&gt;here&lt;/a&gt; and src="x.png" in words.</p>'
    assert feeds.absolute_html(text, f"{SITE}releases/x/") == text
    tag = '<a title="a &gt; b" href="page.html">here</a>'
    assert feeds.absolute_html(tag, f"{SITE}releases/x/") == f'<a title="a &gt; b" href="{SITE}releases/x/page.html">here</a>'


@pytest.mark.parametrize("char", ["\x00", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\ufffe", "\uffff"])
def test_clean_drops_characters_xml_forbids(char: str) -> None:
    assert feeds.clean(f"Board{char} appointment") == "Board appointment"


def test_clean_keeps_whitespace_xml_allows() -> None:
    text = "Line one\tcolumn\nLine two\r\nLine three \u00a0 caf\u00e9"
    assert feeds.clean(text) == text


def test_forbidden_characters_in_an_edited_release_never_reach_the_feed(tmp_path: Path, channel: feeds.Channel) -> None:
    """An edited .md can carry control characters in YAML escapes; the feed writer drops them."""
    path = tmp_path / "2017-01-31-board.md"
    path.write_text(
        '---\ntitle: "Cellectar\\x1b Announces\\x00 Board\\x0b Appointment"\ndate: 2017-01-31\n'
        'description: "Dr. Ortiz\\x07 joins the board."\ntags: ["Corporate\\x1f"]\n---\n\nThe appointment is effective immediately.\n',
        encoding="utf-8",
    )
    post = frontmatter.load(path)
    entry = entry_from_meta(dict(post.metadata), path.name)
    assert "\x1b" in entry.title  # the edited release really carries them
    assert feeds.clean(entry.title) == "Cellectar Announces Board Appointment"
    item = feeds.FeedItem(
        title=entry.title,
        url=f"{SITE}{entry.url}",
        published=datetime.combine(entry.date, datetime.min.time(), tzinfo=NEW_YORK) + timedelta(hours=8),
        description=entry.description,
        html=f"<p>{post.content}\x1b</p>",
        categories=tuple(feeds.Category(tag, tag, f"{SITE}tags/corporate/") for tag in entry.tags),
    )
    rss, atom = rendered(replace(channel, title="Example\x1b Newsroom"), [item])
    for document in (rss, atom):
        assert not forbidden_in(document)
        parsed = feedparser.parse(document)
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.feed.title == "Example Newsroom"
        assert parsed.entries[0].title == "Cellectar Announces Board Appointment"
        assert parsed.entries[0].summary == "Dr. Ortiz joins the board."
        assert [tag.get("label") or tag.term for tag in parsed.entries[0].tags] == ["Corporate"]


def test_documents_are_what_feedgen_and_json_print_whole(tmp_path: Path, channel: feeds.Channel, items: list[feeds.FeedItem]) -> None:
    """Each item's part, made once and put in every feed that carries it, is what the libraries
    print for it in a whole document: in any channel, hub or none, first or later, alone or not."""
    unusual = feeds.FeedItem(
        title="Caf\u00e9 \u2014 \u00fcml\u00e4uts & <angles> \u2713",
        url=f"{SITE}releases/2020-04-30-cafe/",
        published=datetime(2020, 4, 30, 7, 0, tzinfo=NEW_YORK),
        description="",
        html="<h1>Caf\u00e9</h1>\n<p>Line\u2028separator, \"quotes\", \\ and \U0001f600.</p>\n<pre>two\n  lines</pre>",
        updated=datetime(2020, 5, 1, 8, 0, tzinfo=NEW_YORK),
        notice='<p class="notice">Corrected on May 1, 2020.</p>',
    )
    every = [unusual, *items]
    hubbed = replace(channel, hub="https://hub.example/")
    tagged = replace(channel, title="Example Newsroom: Patents", home_url=f"{SITE}tags/patents/", rss_url=f"{SITE}tags/patents/feed.xml")
    with (tmp_path / "scratch").open("w+b") as scratch:
        documents = feeds.Documents(scratch)
        for feed_channel, chosen in [(hubbed, every), (channel, []), (tagged, every[1:]), (channel, every[:1]), (hubbed, every[2:])]:
            assert written(feed_channel, chosen, documents) == whole(feed_channel, chosen)
        # Each item's parts were made once, whatever number of feeds carried it.
        assert len(documents.places) == len(every)
    for feed_channel, chosen in [(channel, every), (hubbed, [])]:
        assert written(feed_channel, chosen) == whole(feed_channel, chosen)


def test_rendering_is_reproducible(channel: feeds.Channel, items: list[feeds.FeedItem]) -> None:
    assert rendered(channel, items) == rendered(channel, list(items))


def _feed_set(base: feeds.Channel, items: list[feeds.FeedItem]) -> list[feeds.Feed]:
    return [
        feeds.Feed("", base, tuple(items)),
        feeds.Feed("tags/patents/", replace(base, rss_url=f"{SITE}tags/patents/feed.xml", atom_url=f"{SITE}tags/patents/atom.xml", json_url=f"{SITE}tags/patents/feed.json"), tuple(items[1:])),
        feeds.Feed("products/x/", replace(base, rss_url=f"{SITE}products/x/feed.xml", atom_url=f"{SITE}products/x/atom.xml", json_url=f"{SITE}products/x/feed.json"), ()),
    ]


def test_feeds_written_in_the_background_are_the_same_bytes(tmp_path: Path, channel, items) -> None:
    """The build writes its feeds in a forked process while MkDocs renders the pages; the files
    must be the bytes one process writes."""
    feeds.write_all(_feed_set(channel, items), tmp_path / "here")
    background = in_background(partial(feeds.write_all, _feed_set(channel, items), tmp_path / "forked"))
    assert background.process is not None, "nothing was forked: the test would compare a write with itself"
    background.wait()
    here = sorted(p.relative_to(tmp_path / "here") for p in (tmp_path / "here").rglob("*") if p.is_file())
    assert len(here) == 9 and {path.name for path in here} == {"feed.xml", "atom.xml", "feed.json"}
    assert here == sorted(p.relative_to(tmp_path / "forked") for p in (tmp_path / "forked").rglob("*") if p.is_file())
    for path in here:
        written = (tmp_path / "forked" / path).read_bytes()
        assert written == (tmp_path / "here" / path).read_bytes()
        if path.suffix == ".json":
            assert not json_feed_errors(json.loads(written))
        else:
            assert not feedparser.parse(written).bozo


def test_a_failure_in_the_background_is_raised_by_wait(tmp_path: Path, channel) -> None:
    site = tmp_path / "site"
    site.write_text("a file where the site folder should be", encoding="utf-8")
    background = in_background(partial(feeds.write_all, [feeds.Feed("tags/x/", channel, ())], site))
    with pytest.raises(RuntimeError, match=r"(NotADirectory|FileExists)Error"):
        background.wait()


def _written(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def _cached_files(cache: Path) -> list[Path]:
    return sorted(path for path in cache.rglob("*") if path.is_file() and path.name != FileCache.SUMS)


def _restamp(entry: Path) -> None:
    """Make an entry's checksums those of its files as they now are: only what the files say changed."""
    sums = json.loads((entry / FileCache.SUMS).read_text(encoding="utf-8"))
    sums["files"] = {name: hashlib.sha256((entry / name).read_bytes()).hexdigest() for name in sums["files"]}
    (entry / FileCache.SUMS).write_text(json.dumps(sums), encoding="utf-8")


def test_a_cached_feed_is_used_only_while_its_channel_and_items_are_the_same(tmp_path: Path, channel, items) -> None:
    folder = tmp_path / "cache"
    assert feeds.write_all(_feed_set(channel, items), tmp_path / "plain") == []
    assert feeds.write_all(_feed_set(channel, items), tmp_path / "cold", cache=FileCache(folder, "settings")) == []
    plain = _written(tmp_path / "plain")
    assert _written(tmp_path / "cold") == plain
    # One entry per feed, each holding the three documents as written.
    assert len(list((folder / "feeds").iterdir())) == 3 and sorted(p.read_bytes() for p in _cached_files(folder)) == sorted(plain.values())
    # Put a marker into every cached document (checksums made to match): a write that publishes it used the cache.
    for path in _cached_files(folder):
        path.write_bytes(path.read_bytes().replace(b"Example Newsroom", b"Cached Newsroom"))
        _restamp(path.parent)
    assert feeds.write_all(_feed_set(channel, items), tmp_path / "warm", cache=FileCache(folder, "settings")) == []
    warm = _written(tmp_path / "warm")
    assert warm.keys() == plain.keys() and all(b"Cached Newsroom" in data for data in warm.values())
    # An edited item, another channel or other settings miss the cache (the topic's and the
    # product's feeds do not carry the edited item, so they are still taken from the cache).
    edited = [replace(items[0], html=items[0].html + "<p>Corrected.</p>"), *items[1:]]
    assert feeds.write_all(_feed_set(channel, edited), tmp_path / "edited", cache=FileCache(folder, "settings")) == []
    fresh = _written(tmp_path / "edited")
    assert [name for name, data in fresh.items() if b"Cached Newsroom" in data] == [name for name in plain if "/" in name]
    assert all(b"Corrected." in fresh[name] for name in ("feed.xml", "atom.xml", "feed.json"))
    for other, cache in ((replace(channel, title="Other Newsroom"), FileCache(folder, "settings")), (channel, FileCache(folder, "other settings"))):
        feeds.write_all(_feed_set(other, items), tmp_path / "other", cache=cache)
        assert not any(b"Cached Newsroom" in data for data in _written(tmp_path / "other").values())
    # Each write keeps only the entries it used.
    assert len(list((folder / "feeds").iterdir())) == 3


@pytest.mark.parametrize("damage", ["edited", "cut short", "sums"])
def test_a_damaged_cached_feed_is_written_afresh_with_a_warning(tmp_path: Path, channel, items, damage: str) -> None:
    folder = tmp_path / "cache"
    feeds.write_all(_feed_set(channel, items), tmp_path / "cold", cache=FileCache(folder, "settings"))
    plain = _written(tmp_path / "cold")
    [path] = [p for p in _cached_files(folder) if p.name == "feed.xml" and p.read_bytes() == plain["feed.xml"]]
    if damage == "edited":  # the same length, so only the checksum tells
        path.write_bytes(path.read_bytes().replace(b"Example Newsroom", b"Exampel Newsroom"))
    elif damage == "cut short":
        path.write_bytes(path.read_bytes()[:100])
    else:
        (path.parent / FileCache.SUMS).write_text("{not json", encoding="utf-8")
    problems = feeds.write_all(_feed_set(channel, items), tmp_path / "warm", cache=FileCache(folder, "settings"))
    assert len(problems) == 1 and "damaged build cache entry" in problems[0] and path.parent.name in problems[0]
    assert _written(tmp_path / "warm") == plain
    # Written over whole: the next write reads the cache without a word.
    assert feeds.write_all(_feed_set(channel, items), tmp_path / "again", cache=FileCache(folder, "settings")) == []
    assert _written(tmp_path / "again") == plain


def test_a_cached_feed_another_build_tidies_away_meanwhile_is_written_afresh(tmp_path: Path, channel, items, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two builds sharing one cache: the other one's tidying removed the entry between its check and the copy."""
    folder = tmp_path / "cache"
    feeds.write_all(_feed_set(channel, items), tmp_path / "cold", cache=FileCache(folder, "settings"))
    copy = shutil.copyfile

    def tidied_first(source: Path, target: Path) -> object:
        if Path(source).parent.parent == folder / FileCache.kind:
            shutil.rmtree(Path(source).parent, ignore_errors=True)
        return copy(source, target)

    monkeypatch.setattr(shutil, "copyfile", tidied_first)
    problems = feeds.write_all(_feed_set(channel, items), tmp_path / "warm", cache=FileCache(folder, "settings"))
    assert problems == [] and _written(tmp_path / "warm") == _written(tmp_path / "cold")


def test_the_background_hands_back_the_writers_warnings(tmp_path: Path, channel, items) -> None:
    folder = tmp_path / "cache"
    feeds.write_all(_feed_set(channel, items), tmp_path / "cold", cache=FileCache(folder, "settings"))
    for path in _cached_files(folder):
        path.write_bytes(b"damaged")
    background = in_background(partial(feeds.write_all, _feed_set(channel, items), tmp_path / "forked", None, FileCache(folder, "settings")))
    assert background.process is not None
    problems = background.wait()
    assert problems is not None and len(problems) == 3 and all("damaged build cache entry" in problem for problem in problems)
    assert _written(tmp_path / "forked") == _written(tmp_path / "cold")


def test_content_starts_with_the_body_not_the_headline(channel: feeds.Channel, items: list[feeds.FeedItem]) -> None:
    """Readers show the item's title above its content: the page's headline would be said twice."""
    rss, atom = rendered(channel, items)
    for document in (rss, atom):
        parsed = feedparser.parse(document)
        newer = parsed.entries[0].content[0].value
        assert newer == "<p>Results.</p>"
        assert items[0].title not in newer
        # Without a headline, the HTML is the content as it is.
        assert parsed.entries[1].content[0].value.startswith("<p>See <a href=")


def test_only_the_headline_goes(items: list[feeds.FeedItem]) -> None:
    item = replace(items[0], html='<p>Before.</p>\n<h1 id="t">T &lt;/h1&gt; still the headline</h1>\n<p>After.</p>\n<h1>Another</h1>')
    assert item.content == '<p>Before.</p>\n<p>After.</p>\n<h1>Another</h1>'


# --------------------------------------------------------------------------- JSON Feed


def test_json_feed_follows_the_1_1_rules(channel: feeds.Channel, items: list[feeds.FeedItem], tmp_path: Path) -> None:
    document = json.loads(rendered_json(channel, items))
    assert not json_feed_errors(document)
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert (document["title"], document["home_page_url"], document["feed_url"]) == (channel.title, channel.home_url, channel.json_url)
    assert (document["description"], document["language"], document["authors"]) == (channel.description, "en", [{"name": channel.author}])
    assert "hubs" not in document


def test_the_schema_catches_what_breaks_the_rules(channel: feeds.Channel, items: list[feeds.FeedItem], tmp_path: Path) -> None:
    good = json.loads(rendered_json(channel, items))
    breaks = [
        {key: value for key, value in good.items() if key != "version"},
        {**good, "version": "https://jsonfeed.org/version/1"},
        {**good, "items": [{key: value for key, value in good["items"][0].items() if key != "content_html"}]},
        {**good, "items": [{**good["items"][0], "date_published": "Tue, 05 Mar 2019 16:05:00 -0500"}]},
        {**good, "items": [{**good["items"][0], "tags": "Financial results"}]},
        {**good, "hubs": [{"url": "https://hub.example/"}]},
        {**good, "subtitle": "not a JSON Feed field"},
    ]
    for broken in breaks:
        assert json_feed_errors(broken), broken


def test_json_feed_items_are_the_rss_and_atom_items(channel: feeds.Channel, items: list[feeds.FeedItem], tmp_path: Path) -> None:
    """Same ids, links, titles, dates, summaries and content as the XML feeds, as feedparser reads those."""
    rss, atom = rendered(channel, items)
    document = json.loads(rendered_json(channel, items))
    for xml in (rss, atom):
        parsed = feedparser.parse(xml)
        assert [item["id"] for item in document["items"]] == [entry.id for entry in parsed.entries]
        assert [item["url"] for item in document["items"]] == [entry.link for entry in parsed.entries]
        assert [item["title"] for item in document["items"]] == [entry.title for entry in parsed.entries]
        assert [item["summary"] for item in document["items"]] == [entry.summary for entry in parsed.entries]
        published = [datetime.fromisoformat(item["date_published"]) for item in document["items"]]
        assert published == [datetime(*entry.published_parsed[:6], tzinfo=timezone.utc) for entry in parsed.entries]
    atom_content = [entry.findtext(f"{ATOM}content") for entry in ElementTree.fromstring(atom).findall(f"{ATOM}entry")]
    assert [item["content_html"] for item in document["items"]] == atom_content
    atom_updated = [entry.findtext(f"{ATOM}updated") for entry in ElementTree.fromstring(atom).findall(f"{ATOM}entry")]
    assert [datetime.fromisoformat(item["date_modified"]) for item in document["items"]] == [datetime.fromisoformat(u or "") for u in atom_updated]
    assert document["items"][1]["tags"] == ["Patents", "Product X"]


def test_json_feed_is_read_by_a_feed_reader_library(channel: feeds.Channel, items: list[feeds.FeedItem], tmp_path: Path) -> None:
    """fastfeedparser (Kagi's feed reader) reads RSS, Atom and JSON Feed alike."""
    parsed = fastfeedparser.parse(rendered_json(channel, items))
    assert parsed.feed.title == channel.title and parsed.feed.link == channel.home_url
    assert [entry.link for entry in parsed.entries] == [item.url for item in items]
    assert [entry.title for entry in parsed.entries] == [item.title for item in items]
    assert [entry.content[0]["value"] for entry in parsed.entries] == [item.content for item in items]
    assert [datetime.fromisoformat(entry.published) for entry in parsed.entries] == [item.published for item in items]


def test_json_feed_without_items(channel: feeds.Channel, tmp_path: Path) -> None:
    document = json.loads(rendered_json(channel, []))
    assert document["items"] == [] and not json_feed_errors(document)


def test_json_feed_keeps_text_as_text(channel: feeds.Channel, items: list[feeds.FeedItem], tmp_path: Path) -> None:
    """JSON carries the headline and lead as they are: no HTML escaping, no characters XML forbids."""
    item = replace(items[0], title="R&D <b>results</b>\x1b", description='"Quoted" & <em>lead</em>', html="<p>Body \u2028 \U0001F600</p>")
    raw = rendered_json(replace(channel, title="Caf\u00e9 Newsroom"), [item])
    assert "Café Newsroom".encode() in raw  # UTF-8, not \u escapes
    (entry,) = json.loads(raw)["items"]
    assert (entry["title"], entry["summary"]) == ("R&D <b>results</b>", '"Quoted" & <em>lead</em>')
    assert entry["content_html"] == "<p>Body \u2028 \U0001F600</p>"


# --------------------------------------------------------------------------- WebSub


def test_every_format_names_the_hub_and_itself(channel: feeds.Channel, items: list[feeds.FeedItem], tmp_path: Path) -> None:
    hubbed = replace(channel, hub="https://hub.example/")
    rss, atom = rendered(hubbed, items)
    rss_links = {(link.get("rel"), link.get("href")) for link in rss_channel(rss).findall(f"{ATOM}link")}
    assert rss_links == {("self", channel.rss_url), ("hub", "https://hub.example/")}
    atom_links = {(link.get("rel"), link.get("href")) for link in ElementTree.fromstring(atom).findall(f"{ATOM}link")}
    assert atom_links == {("self", channel.atom_url), ("hub", "https://hub.example/"), ("alternate", channel.home_url)}
    for document in (rss, atom):
        parsed = feedparser.parse(document)
        assert not parsed.bozo
        assert {(link.rel, link.href) for link in parsed.feed.links} >= {("hub", "https://hub.example/")}
    document = json.loads(rendered_json(hubbed, items))
    assert document["hubs"] == [{"type": "WebSub", "url": "https://hub.example/"}]
    assert document["feed_url"] == channel.json_url
    assert not json_feed_errors(document)


def test_no_hub_no_hub_links(channel: feeds.Channel, items: list[feeds.FeedItem]) -> None:
    for document in rendered(channel, items):
        assert b'rel="hub"' not in document
