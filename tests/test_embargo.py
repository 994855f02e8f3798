"""Embargo: a release is nowhere in site/ before its publication time, and everywhere after it.

Releases, each with words found in no other: one with an ``EMBARGOED UNTIL`` line, one with its
embargo line in the middle of the body and one with it at the end, an edited ``.md`` with an
``embargo:`` time, and two dated in the future with no embargo (published on their date at the
default release time). Product facts dated on a release's day wait for it. SOURCE_DATE_EPOCH is
"now"; each boundary is built one minute before and exactly at the publication time.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml

from .helpers import copy_project, failed_build, run_build

EMBARGOED = """EMBARGOED UNTIL 08:00 AM ET, MARCH 3, 2021

Cellectar Biosciences Announces Quillfeather Dosimetry Collaboration

MADISON, Wis., March 3, 2021 (GLOBE NEWSWIRE) -- Cellectar Biosciences, Inc. (Nasdaq: CLRB) today announced a collaboration on zirconium lattice dosimetry for CLR 131.

The zirconium lattice work is expected to begin in the second quarter of 2021.

Source: Cellectar Biosciences, Inc.
"""

EDITED = """---
title: Cellectar Biosciences Names Vintersol Scientific Advisory Board
date: 2021-03-15
embargo: 2021-03-15T07:59:00-04:00
description: Cellectar Biosciences today named the amber kestrel panel.
---

# Cellectar Biosciences Names Vintersol Scientific Advisory Board

MADISON, Wis., March 15, 2021 (GLOBE NEWSWIRE) -- Cellectar Biosciences, Inc. (Nasdaq: CLRB) today named the amber kestrel panel to advise on CLR 131.
"""

# Its embargo line is in the middle of the body: it was ignored, and the release went out at 08:00.
HALCYON = """Cellectar Biosciences Reports Halcyon Imaging Results for CLR 131

MADISON, Wis., March 4, 2021 (GLOBE NEWSWIRE) -- Cellectar Biosciences, Inc. (Nasdaq: CLRB) today reported halcyon imaging results with a saffron meridian tracer for CLR 131.

EMBARGOED UNTIL 3:15 p.m. ET, March 4, 2021

The saffron meridian tracer showed uptake in every lesion imaged.

Source: Cellectar Biosciences, Inc.
"""

# Dated the same day as the one above, with no embargo: out at 08:00, and its fact box must wait.
OSTRAVA = """March 4, 2021

Cellectar Biosciences Opens Ostrava Radiopharmacy for CLR 131

MADISON, Wis., March 4, 2021 (GLOBE NEWSWIRE) -- Cellectar Biosciences, Inc. (Nasdaq: CLRB) today opened the juniper ledger radiopharmacy to supply CLR 131.

Source: Cellectar Biosciences, Inc.
"""

# Its embargo line is the last line, and gives a time only: on the release's date.
LARKSPUR = """Cellectar Biosciences Announces Larkspur Manufacturing Agreement

MADISON, Wis., March 5, 2021 (GLOBE NEWSWIRE) -- Cellectar Biosciences, Inc. (Nasdaq: CLRB) today announced a velvet quorum manufacturing agreement.

Source: Cellectar Biosciences, Inc.

Embargoed until 4:05 p.m. ET
"""

FUTURE = """March 15, 2021

Cellectar Biosciences Reports Marrowgate Enrollment Milestone

MADISON, Wis., March 15, 2021 (GLOBE NEWSWIRE) -- Cellectar Biosciences, Inc. (Nasdaq: CLRB) today reported that the cobalt heron cohort of its clinical trial of CLR 131 is fully enrolled.

Source: Cellectar Biosciences, Inc.
"""


@dataclass(frozen=True)
class Held:
    file: str
    text: str
    # Words found nowhere else: in the headline (so also in the slug) and in the body.
    words: tuple[str, ...]
    at: datetime


UTC = timezone.utc
# 08:00 ET on March 3, 2021 is 08:00 EST, 13:00 UTC.
QUILLFEATHER = Held("2021-03-03-quillfeather.txt", EMBARGOED, ("quillfeather", "zirconium lattice"), datetime(2021, 3, 3, 13, 0, tzinfo=UTC))
# 3:15 p.m. EST is 20:15 UTC.
MIDDLE = Held("2021-03-04-halcyon.txt", HALCYON, ("halcyon", "saffron meridian"), datetime(2021, 3, 4, 20, 15, tzinfo=UTC))
# Its date at 08:00 EST, 13:00 UTC.
SAME_DAY = Held("2021-03-04-ostrava.txt", OSTRAVA, ("ostrava", "juniper ledger"), datetime(2021, 3, 4, 13, 0, tzinfo=UTC))
# 4:05 p.m. EST on its dateline's March 5 is 21:05 UTC.
END = Held("2021-03-05-larkspur.txt", LARKSPUR, ("larkspur", "velvet quorum"), datetime(2021, 3, 5, 21, 5, tzinfo=UTC))
# As its front matter says: 07:59 EDT (daylight saving time began on March 14, 2021).
EDITED_MD = Held("2021-03-15-vintersol.md", EDITED, ("vintersol", "amber kestrel"), datetime(2021, 3, 15, 11, 59, tzinfo=UTC))
# No embargo: its date at the default release time, 08:00 in New York, which is EDT: 12:00 UTC.
FUTURE_DATE = Held("2021-03-15-marrowgate.txt", FUTURE, ("marrowgate", "cobalt heron"), datetime(2021, 3, 15, 12, 0, tzinfo=UTC))
RELEASES = (QUILLFEATHER, SAME_DAY, MIDDLE, END, EDITED_MD, FUTURE_DATE)
MINUTE = timedelta(minutes=1)


@dataclass(frozen=True)
class DatedFact:
    """A CLR 131 fact added to products.yml, dated on the day of releases that mention CLR 131."""

    label: str
    start: str
    value: str
    # Its word, found nowhere else, and the pages that show it once it is public.
    word: str
    pages: tuple[Held, ...]
    at: datetime


FACTS = (
    # Dated March 3: it waits for the one release of that day that mentions CLR 131 (08:00 ET).
    DatedFact("Dosimetry", "2021-03-03", "Zephyrine lattice dosimetry", "zephyrine", (QUILLFEATHER,), QUILLFEATHER.at),
    # Dated March 4: it waits for both releases of that day, the later at 3:15 p.m. ET.
    DatedFact("Imaging", "2021-03-04", "Obsidianite uptake in every lesion", "obsidianite", (SAME_DAY, MIDDLE), MIDDLE.at),
)


def site_text(site: Path) -> dict[str, bytes]:
    """Every file of the site by path, lower-cased, gzipped files also unpacked; names included."""
    found: dict[str, bytes] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(site).as_posix()
        data = path.read_bytes()
        found[name] = name.encode().lower() + b"\n" + data.lower()
        if path.suffix == ".gz":
            found[f"{name} (unpacked)"] = gzip.decompress(data).lower()
    return found


def traces(site: Path, release: Held) -> list[str]:
    return [name for name, data in site_text(site).items() if any(word.encode() in data for word in release.words)]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("embargo") / "project")
    for release in RELEASES:
        (project / "content" / "releases" / release.file).write_text(release.text, encoding="utf-8")
    products = project / "content" / "products.yml"
    catalogue = yaml.safe_load(products.read_text(encoding="utf-8"))
    (clr_131,) = [product for product in catalogue["products"] if product["id"] == "clr-131"]
    clr_131["facts"] += [{"label": fact.label, "values": [{"from": fact.start, "value": fact.value}]} for fact in FACTS]
    products.write_text(yaml.safe_dump(catalogue, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return project


@dataclass(frozen=True)
class Build:
    site: Path
    log: str


def build_at(project: Path, moment: datetime) -> Build:
    result = run_build(project, env={"SOURCE_DATE_EPOCH": str(int(moment.timestamp()))})
    return Build(project / "site", result.stdout + result.stderr)


def held_in_log(log: str) -> dict[str, datetime]:
    """The INFO line's held releases: file → until (an instant)."""
    lines = [line for line in log.splitlines() if "holding back" in line]
    if not lines:
        return {}
    assert len(lines) == 1 and lines[0].startswith("INFO"), lines
    count = int(re.search(r"holding back (\d+)", lines[0]).group(1))
    until = {Path(name).name: datetime.fromisoformat(when) for name, when in re.findall(r"(\S+) until (\S+?)(?:,|$)", lines[0])}
    assert len(until) == count, lines[0]
    return until


def page_of(files: dict[str, bytes], release: Held) -> str:
    return next(name for name in files if name.startswith("releases/") and release.words[0] in name and name.endswith("/index.html"))


def assert_published(build: Build, release: Held) -> None:
    """Positive control: where the scan looks, a published release is found."""
    files = site_text(build.site)
    slug = page_of(files, release)
    for place in (slug, "releases/index.html", "feed.xml", "atom.xml", "search/search_index.json", "sitemap.xml", "sitemap.xml.gz (unpacked)"):
        assert any(word.encode() in files[place] for word in release.words), (release.file, place)
    body = release.words[1]
    assert body.encode() in files[slug] and body.encode() in files["search/search_index.json"]


# Each build: the moment, and which releases are out then.
MOMENTS = {
    "before everything": (QUILLFEATHER.at - MINUTE, ()),
    "embargo lifted": (QUILLFEATHER.at, (QUILLFEATHER,)),
    "a minute before the body embargo": (MIDDLE.at - MINUTE, (QUILLFEATHER, SAME_DAY)),
    "the body embargo": (MIDDLE.at, (QUILLFEATHER, SAME_DAY, MIDDLE)),
    "a minute before the embargo line at the end": (END.at - MINUTE, (QUILLFEATHER, SAME_DAY, MIDDLE)),
    "the embargo line at the end": (END.at, (QUILLFEATHER, SAME_DAY, MIDDLE, END)),
    "a minute before the future date": (FUTURE_DATE.at - MINUTE, RELEASES[:-1]),
    "the future date": (FUTURE_DATE.at, RELEASES),
}


@pytest.mark.parametrize("moment", list(MOMENTS), ids=list(MOMENTS))
def test_releases_appear_exactly_at_their_time(project: Path, moment: str) -> None:
    now, out = MOMENTS[moment]
    assert EDITED_MD.at == FUTURE_DATE.at - MINUTE  # the edited release's boundary is the seventh build
    build = build_at(project, now)
    for release in RELEASES:
        if release in out:
            assert_published(build, release)
        else:
            assert not traces(build.site, release), (release.file, traces(build.site, release))
    held = held_in_log(build.log)
    assert held == {r.file: r.at for r in RELEASES if r not in out}
    assert "WARNING" not in build.log


@pytest.mark.parametrize("moment", list(MOMENTS), ids=list(MOMENTS))
def test_facts_wait_for_the_releases_of_their_day(project: Path, moment: str) -> None:
    """A fact dated D was on the product page from 00:00 on D, before its embargoed release."""
    now, _ = MOMENTS[moment]
    files = site_text(build_at(project, now).site)
    for fact in FACTS:
        found = [name for name, data in files.items() if fact.word.encode() in data]
        if fact.at <= now:
            assert "products/clr-131/index.html" in found, (fact.word, found)
            assert all(page_of(files, release) in found for release in fact.pages), (fact.word, found)
        else:
            assert found == [], (fact.word, found)


def test_a_body_embargo_line_is_printed_where_it_stands(project: Path) -> None:
    files = site_text(build_at(project, END.at).site)
    for release, line in ((MIDDLE, "embargoed until 3:15 p.m. et, march 4, 2021"), (END, "embargoed until 4:05 p.m. et")):
        assert line.encode() in files[page_of(files, release)]


def test_an_unreadable_embargo_line_stops_the_build_with_file_and_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    text = HALCYON.replace("EMBARGOED UNTIL 3:15 p.m. ET, March 4, 2021", "EMBARGOED UNTIL 3:15 ET, March 4, 2021")
    (project / "content" / "releases" / MIDDLE.file).write_text(text, encoding="utf-8")
    result = run_build(project, check=False, env={"SOURCE_DATE_EPOCH": str(int(MIDDLE.at.timestamp()) + 86400)})
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"releases/{MIDDLE.file}:5: error: cannot read the embargo line 'EMBARGOED UNTIL 3:15 ET, March 4, 2021'" in output
    assert "'3:15' has no a.m. or p.m." in output and "Traceback" not in output
    assert not (project / "site" / "releases").exists() or not traces(project / "site", MIDDLE)


def test_a_clock_that_is_no_moment_stops_the_build_and_keeps_the_site(tmp_path: Path) -> None:
    """A ``SOURCE_DATE_EPOCH`` that is not a whole number of seconds ended in a traceback (ours or MkDocs')."""
    project = copy_project(tmp_path / "project")
    run_build(project)
    before = site_text(project / "site")
    for value in ("abc", "", "1.5", "-1", "99999999999"):
        output = failed_build(project, env={"SOURCE_DATE_EPOCH": value})
        assert f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 00:00 UTC, 0 to 4294967295, not {value!r}" in output
        assert site_text(project / "site") == before


def test_held_release_leaves_no_search_entry_or_page(project: Path) -> None:
    build = build_at(project, RELEASES[0].at - MINUTE)
    index = json.loads((build.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert any(location.startswith("releases/2017-01-24-") for location in locations)
    assert not [location for location in locations if location.startswith("releases/2021-")]
    pages = [p.name for p in (build.site / "releases").iterdir() if p.is_dir()]
    # The seed's page and its year's page (releases/2017/); no page, not even a year's, for the held year.
    assert "2017" in pages and "2021" not in pages
    assert pages and all(name.startswith("2017-01-24-") for name in pages if name != "2017")
