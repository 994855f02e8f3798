"""Real releases publish: the whole of ``../shared/corpus/releases`` (267 real press releases of
listed companies, over many wires and republishers) plus the seed, built by a real
``mkdocs build --strict``.

Checked against the corpus's own ``truth.json``, never against what the parser says: every file
has a page, its ``<h1>`` is the headline as published, its date is the archive's (give or take a
day) or the one its own dateline states, every character of every line of the source is on the
page, and the build log has no traceback and no warning that is not about a release's own text.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, datetime, timedelta, timezone
from html import unescape
from pathlib import Path

import pytest

from .helpers import CORPUS, SEED, _Inner, copy_project, run_build
from .htmltext import read, release_pages, visible_text

RELEASES = CORPUS / "releases"
TRUTH = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))["releases"] if CORPUS.is_dir() else {}
DATES_WITHIN_ONE_DAY = 0.97
# Bullet marks a page shows as list items rather than as characters.
BULLET = re.compile(r"^\s*[•·▪●◦*\-–]\s+")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# Dates as a dateline states them, found by this test's own reading: month first or day first.
STATED = re.compile(rf"(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH}),?\s+(?P<y2>\d{{4}})")
# In CI the corpus is always there and its absence fails; elsewhere these tests skip, saying why.
pytestmark = pytest.mark.corpus
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def test_the_corpus_is_there() -> None:
    """The corpus is read-only reference beside the repository (CI has it too): its absence fails."""
    assert len(TRUTH) == 267 and len(list(RELEASES.glob("*.txt"))) == 267


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The project with every corpus release and the seed, built once; the site and the build log."""
    project = copy_project(tmp_path_factory.mktemp("corpus") / "project")
    for source in RELEASES.glob("*.txt"):
        shutil.copy2(source, project / "content" / "releases" / source.name)
    # "Now" a week after the newest release, so each is past its publication time.
    newest = max(date.fromisoformat(entry["archive_date"]) for entry in TRUTH.values())
    now = datetime.combine(newest + timedelta(days=7), datetime.min.time(), tzinfo=timezone.utc)
    result = run_build(project, env={"SOURCE_DATE_EPOCH": str(int(now.timestamp()))})
    return project / "site", result.stdout + result.stderr


def _pages(site: Path) -> dict[str, list[tuple[date, str]]]:
    """Release pages by the text of their one ``<h1>``: (the page's date, its HTML)."""
    pages: dict[str, list[tuple[date, str]]] = {}
    for path in release_pages(site):
        html = read(path)
        headings = re.findall(r"<h1[^>]*>(.*?)</h1>", html, flags=re.S)
        assert len(headings) == 1, f"{path}: {len(headings)} <h1>"
        day = re.search(r'<time class="nr-release__date" datetime="(\d{4}-\d{2}-\d{2})"', html)
        assert day, f"{path}: no release date"
        pages.setdefault(" ".join(visible_text(headings[0]).split()), []).append((date.fromisoformat(day.group(1)), html))
    return pages


def _source_lines(path: Path) -> list[str]:
    return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _stated_dates(lines: list[str]) -> set[date]:
    """The dates written in the first lines after the headline (where a dateline stands)."""
    found: set[date] = set()
    for line in [line for line in lines if line.strip()][1:10]:
        for match in STATED.finditer(line[:300]):
            month, day, year = (match.group(f"{part}1") or match.group(f"{part}2") for part in ("m", "d", "y"))
            try:
                found.add(date(int(year), MONTHS.index(month[:3].lower()) + 1, int(day)))
            except ValueError:
                continue
    return found


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_real_release_publishes_with_its_headline_date_and_every_word(corpus_site: tuple[Path, str]) -> None:
    site, _ = corpus_site
    pages = _pages(site)
    published = within_a_day = stated = 0
    problems: list[str] = []
    for name, truth in sorted(TRUTH.items()):
        # The headline as a browser shows it: runs of white space (double spaces, no-break spaces) folded.
        candidates = pages.get(" ".join(truth["headline"].split()), [])
        if not candidates:
            problems.append(f"{name}: no page with the <h1> {truth['headline']!r}")
            continue
        archived = date.fromisoformat(truth["archive_date"])
        day, html = min(candidates, key=lambda page: abs(page[0] - archived))
        candidates.remove((day, html))
        published += 1
        lines = _source_lines(RELEASES / name)
        if abs(day - archived) <= timedelta(days=1):
            within_a_day += 1
        elif day in _stated_dates(lines):
            stated += 1
        else:
            problems.append(f"{name}: dated {day}, archived {archived}, and its dateline states neither")
        page_text = _squeezed(unescape(visible_text(_Inner("nr-release").feed_html(html))))
        for number, line in enumerate(lines, start=1):
            wanted = _squeezed(BULLET.sub("", line))
            if wanted and wanted not in page_text:
                problems.append(f"{name}:{number}: not on the page: {line.strip()[:80]!r}")
    dated = within_a_day + stated
    print(f"\ncorpus: {len(TRUTH)} releases, {published} published with their headline; dates: {within_a_day} within a day of the archive's, {stated} as their own dateline states; {len(problems)} problem(s)")
    assert published == len(TRUTH), problems[:20]
    assert dated >= DATES_WITHIN_ONE_DAY * len(TRUTH), problems[:20]
    assert not [problem for problem in problems if "not on the page" in problem], problems[:20]


def test_the_seed_publishes_beside_them(corpus_site: tuple[Path, str]) -> None:
    site, _ = corpus_site
    headline = next(line.strip() for line in _source_lines(SEED) if line.strip() and not re.match(r"^[A-Z][a-z]+ \d+, \d{4}$", line.strip()))
    assert headline in _pages(site)


def test_the_build_log_has_no_traceback_and_no_warning_about_anything_but_a_release(corpus_site: tuple[Path, str]) -> None:
    _, log = corpus_site
    assert "Traceback" not in log
    assert not re.search(r"^WARNING", log, flags=re.M), log[:2000]
    findings = [line for line in log.split("\n") if re.search(r": (?:warning|error|note): ", line)]
    assert findings, "the corpus has releases dated from their file name: the log should say so"
    for line in findings:
        assert re.search(r"releases/[^:]+\.txt(?::\d+)?: (?:warning|note): ", line), line
