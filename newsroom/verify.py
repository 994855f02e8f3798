"""``newsroom verify``: is this copy of a release exactly what the newsroom published?

A page (its address, or a copy saved from a browser) or a release's text is checked against the
manifest (``releases.json``) of the site the page names as its own, or one given. The page's
article HTML (``manifest.article_html``) or the text's bytes either hash to what the manifest
lists (genuine), or the copy claims a release the manifest lists and differs from it (altered:
the published page, itself checked against the manifest, says which paragraph and how), or the
manifest does not know it (not a release of this newsroom). No MkDocs import.
"""

from __future__ import annotations

import difflib
import json
import re
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from . import manifest, signing

TIMEOUT = 20
GENUINE, ALTERED, NOT_OURS = "genuine", "altered", "not ours"
# Blocks whose text is compared one by one: a browser's saved copy may reformat the markup around them.
_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "pre", "dt", "dd", "blockquote", "caption"})
# A page opens with its markup (a browser's saved copy may put a comment first); a release's
# text may name ``<html>`` in its words, but opens with a headline or a date line.
_PAGE_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype|html)\b", re.IGNORECASE | re.DOTALL)
_CANONICAL = re.compile(r"<link\b(?=[^>]*\brel=[\"']?canonical\b)[^>]*\bhref=[\"']([^\"']+)[\"']", re.IGNORECASE)
_RELEASE_PATH = re.compile(r"^(?P<site>.*/)releases/[^/?#]+/(?:index\.html)?$")


class VerifyError(Exception):
    """The check could not be made (unreachable site, unreadable file, bad manifest)."""


class SignatureError(Exception):
    """The manifest's signature is missing where required, or does not hold."""


@dataclass
class Verdict:
    """The answer: ``kind`` is GENUINE, ALTERED or NOT_OURS; ``lines`` say it, the first in brief."""

    kind: str
    lines: list[str] = field(default_factory=list)


def _is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def fetch(location: str, missing_ok: bool = False) -> bytes | None:
    """The bytes at a URL or in a file; None for one that does not exist when ``missing_ok``."""
    if not _is_url(location):
        try:
            return Path(location).read_bytes()
        except FileNotFoundError:
            if missing_ok:
                return None
            raise VerifyError(f"{location}: no such file") from None
        except OSError as exc:
            raise VerifyError(f"cannot read {location}: {exc.strerror}") from None
    request = urllib.request.Request(location, headers={"User-Agent": "newsroom-verify"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            data: bytes = response.read()
            return data
    except urllib.error.HTTPError as exc:
        if missing_ok and exc.code in (404, 410):
            return None
        raise VerifyError(f"cannot fetch {location}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise VerifyError(f"cannot reach {location}: {reason} (offline? a saved releases.json can be given with --manifest)") from None


def _beside(location: str, path: str) -> str:
    """``path`` (site-relative) on the site whose manifest is at ``location``; a folder's index page."""
    if _is_url(location):
        return urljoin(location, path)
    target = Path(location).parent / path
    return str(target / "index.html") if path.endswith("/") or not path else str(target)


def _manifest_location(location: str) -> str:
    """A manifest's address; a site (its folder, or its address ending in /) stands for its releases.json."""
    if _is_url(location):
        return location + manifest.MANIFEST if location.endswith("/") else location
    return str(Path(location) / manifest.MANIFEST) if Path(location).is_dir() else location


def load_manifest(location: str) -> tuple[dict[str, Any], bytes]:
    """The manifest at ``location``, read, and its bytes (what its signature signs)."""
    data = fetch(location) or b""
    try:
        loaded = json.loads(data)
    except ValueError:
        raise VerifyError(f"{location} is not a newsroom manifest (not JSON)") from None
    if not isinstance(loaded, dict) or loaded.get("format") != manifest.FORMAT or not isinstance(loaded.get("releases"), list):
        raise VerifyError(f"{location} is not a newsroom manifest this version reads (format {manifest.FORMAT})")
    return loaded, data


def check_signature(location: str, data: bytes, signers_location: str | None) -> str:
    """A line on the manifest's signature: who signed it, or that it is unsigned. Raises
    SignatureError when it is signed badly, or unsigned though ``signers_location`` was given."""
    signature = fetch(f"{location}.sig", missing_ok=True)
    if signature is None:
        if signers_location:
            raise SignatureError(f"the manifest {location} is not signed (no {manifest.MANIFEST}.sig beside it)")
        return "the manifest is not signed"
    signers = fetch(signers_location or _beside(location, signing.SIGNERS), missing_ok=signers_location is None)
    if signers is None:
        raise SignatureError(f"the manifest is signed but its site publishes no {signing.SIGNERS} to check it with; give --allowed-signers")
    try:
        signer = signing.verify(data, signature, signers.decode("utf-8", "replace"))
    except signing.SigningError as exc:
        raise SignatureError(str(exc)) from None
    source = "given" if signers_location else "published by the site"
    return f"the manifest is signed by {signer}, a key in the allowed signers {source}"


class _Blocks(HTMLParser):
    """The text of each block (paragraph, heading, list item, cell), white space collapsed; a
    ``<summary>`` is the page's label for a folded section, not the release's words."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._text: list[str] = []
        self._label = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        if text:
            self.blocks.append(text)
        self._text = []

    def handle_starttag(self, tag: str, attrs: Sequence[tuple[str, str | None]]) -> None:
        self._label += tag == "summary"
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        self._label -= tag == "summary" and self._label > 0
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._label:
            self._text.append(data)


def paragraphs(html: str) -> list[str]:
    """The article's paragraphs as text, in order."""
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    parser._flush()
    return parser.blocks


# A paragraph of a copy this long that the release does not have is reported as added.
ADDED_MIN_WORDS = 6


def _words(text: str) -> str:
    return " ".join(text.split())


def _excerpt(words: list[str], start: int, end: int) -> str:
    """Words ``start:end`` with a few either side, the rest elided."""
    lo, hi = max(0, start - 6), min(len(words), end + 6)
    return ("… " if lo else "") + " ".join(words[lo:hi]) + (" …" if hi < len(words) else "")


def _pair(number: int, published: str, copy: str) -> list[str]:
    """Paragraph ``number`` as published and as in the copy, around the first words that differ."""
    mine, theirs = copy.split(), published.split()
    words = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
    first = next((op for op in words.get_opcodes() if op[0] != "equal"), ("", 0, len(mine), 0, len(theirs)))
    return [
        f"paragraph {number} differs:",
        f"  published: {_excerpt(theirs, first[3], first[4])}",
        f"  this copy: {_excerpt(mine, first[1], first[2])}",
    ]


def _differences(copy: list[str], release: list[str]) -> list[str]:
    """Where ``copy`` departs from ``release``, paragraph by paragraph, in words a reader can check."""
    said: list[str] = []
    matcher = difflib.SequenceMatcher(None, copy, release, autojunk=False)
    for op, c1, c2, r1, r2 in matcher.get_opcodes():
        if op == "equal":
            continue
        for offset in range(max(c2 - c1, r2 - r1)):
            c, r = c1 + offset, r1 + offset
            if c < c2 and r < r2:
                said += _pair(r + 1, release[r], copy[c])
            elif r < r2:
                said.append(f"paragraph {r + 1} of the release is missing: {_excerpt(release[r].split(), 0, 12)}")
            else:
                said.append(f"this copy adds a paragraph after paragraph {r1}: {_excerpt(copy[c].split(), 0, 12)}")
    return said


def _reference(location: str, entry: dict[str, Any]) -> list[str]:
    """The paragraphs of the release as its site serves it, the page itself checked against the manifest."""
    where = _beside(location, str(entry.get("path", "")))
    page = (fetch(where) or b"").decode("utf-8", "replace")
    article = manifest.article_html(page)
    if article is None or manifest.sha256(article.encode("utf-8")) != entry.get("article_sha256"):
        raise VerifyError(f"the site's own page {where} does not match its manifest: cannot say where the copy differs")
    return paragraphs(article)


def _genuine(entry: dict[str, Any], site: str, version: dict[str, Any] | None = None) -> list[str]:
    lines = [f"genuine, published {entry['published']}", f"release {entry['url']} of the newsroom at {site}"]
    versions = entry.get("versions") or []
    if version is not None and versions and version is not versions[-1]:
        lines[0] = f"genuine, published {version['published']}"
        lines.append(f"this is version {version['version']} of {len(versions)}: corrected since, the current version published {versions[-1]['published']}")
    return lines


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def verify(target: str, manifest_location: str | None = None, signers_location: str | None = None) -> Verdict:
    """Check ``target`` (a URL or a file: a release page, a saved copy of one, or a release's text)."""
    data = fetch(target) or b""
    text = _decode(data)
    is_page = manifest.article_html(text) is not None or _PAGE_START.match(text) is not None
    canonical = None
    if is_page:
        found = _CANONICAL.search(text)
        canonical = unescape(found.group(1)) if found else (target if _is_url(target) else None)
    if manifest_location is None:
        site = _RELEASE_PATH.match(canonical or "")
        if site is None:
            what = (
                "a release's text names no site"
                if not is_page
                else f"{canonical} is not the address of a release (…/releases/<name>/)"
                if canonical
                else "the page names no address of its own (no canonical link)"
            )
            raise VerifyError(f"{what}: give the newsroom's manifest with --manifest (for example https://…/releases.json)")
        manifest_location = site.group("site") + manifest.MANIFEST
    location = _manifest_location(manifest_location)
    loaded, manifest_bytes = load_manifest(location)
    signed = check_signature(location, manifest_bytes, signers_location)
    site_url = str(loaded.get("site") or location)
    entries: list[dict[str, Any]] = [e for e in loaded["releases"] if isinstance(e, dict)]
    verdict = _check_page(text, canonical, entries, location, site_url) if is_page else _check_text(data, text, entries, location, site_url)
    verdict.lines.append(signed)
    return verdict


def _check_page(page: str, canonical: str | None, entries: list[dict[str, Any]], location: str, site: str) -> Verdict:
    article = manifest.article_html(page)
    entry: dict[str, Any] | None
    if canonical is not None:
        address = re.sub(r"index\.html$", "", canonical)
        entry = next((e for e in entries if e.get("url") == address), None)
        if entry is None:
            return Verdict(NOT_OURS, ["not a release of this newsroom", f"the newsroom at {site} lists no release at {address}"])
    else:
        headline = _words(paragraphs(article.split("</h1>", 1)[0] + "</h1>")[-1]) if article else ""
        entry = next((e for e in entries if _words(str(e.get("headline", ""))) == headline), None)
        if entry is None:
            return Verdict(NOT_OURS, ["not a release of this newsroom", f"the newsroom at {site} lists no release with this headline"])
    if article is not None:
        digest = manifest.sha256(article.encode("utf-8"))
        if digest == entry.get("article_sha256"):
            return Verdict(GENUINE, _genuine(entry, site))
        # An earlier version's page (releases/<slug>/v<N>/, whose canonical address is the release's).
        for version in entry.get("versions") or []:
            if isinstance(version, dict) and version.get("article_sha256") == digest:
                return Verdict(GENUINE, _genuine(entry, site, version))
    if article is None:
        return Verdict(ALTERED, [f"altered: this copy claims to be {entry['url']}, but holds no release, or more than one, where the page has one"])
    copy, release = paragraphs(article), _reference(location, entry)
    if copy == release:
        # The same words in every paragraph, in markup a browser reformatted when saving the page.
        return Verdict(GENUINE, [*_genuine(entry, site), "this copy's markup differs from the page's (saved by a browser?); its text is the release's, paragraph by paragraph"])
    return Verdict(ALTERED, [f"altered: this copy of {entry['url']} differs from the release published {entry['published']}", *_differences(copy, release)])


def _check_text(data: bytes, text: str, entries: list[dict[str, Any]], location: str, site: str) -> Verdict:
    digest = manifest.sha256(data)
    for listed in entries:
        for version in listed.get("versions") or []:
            if isinstance(version, dict) and version.get("sha256") == digest:
                return Verdict(GENUINE, _genuine(listed, site, version))
    words = _words(text)
    entry = next((e for e in entries if e.get("headline") and _words(str(e["headline"])) in words), None)
    if entry is None:
        return Verdict(NOT_OURS, ["not a release of this newsroom", f"no release of the newsroom at {site} has these bytes or this headline"])
    lines = [f"altered: this text of {entry['url']} differs from every version of the release published {entry['published']}"]
    pieces = [_words(piece) for piece in re.split(r"\n\s*\n", text) if piece.strip()]
    reference = _reference(location, entry)
    compared: set[str] = set()
    for number, paragraph in enumerate(reference, start=1):
        if paragraph in words:
            continue
        closest = difflib.get_close_matches(paragraph, pieces, n=1, cutoff=0.5)
        if closest:
            lines += _pair(number, paragraph, closest[0])
            compared.add(closest[0])
        else:
            lines.append(f"paragraph {number} of the release is missing: {_excerpt(paragraph.split(), 0, 12)}")
    # Text the release never had: a paragraph added (a short line, such as a date above the
    # headline, is the copy's own layout).
    published = " ".join(reference)
    for piece in pieces:
        if piece not in compared and piece not in published and len(piece.split()) >= ADDED_MIN_WORDS:
            lines.append(f"a paragraph the release does not have: {_excerpt(piece.split(), 0, 12)}")
    if len(lines) == 1:
        lines.append("every paragraph's words are in it; spacing, line ends or lines outside the paragraphs differ")
    return Verdict(ALTERED, lines)
