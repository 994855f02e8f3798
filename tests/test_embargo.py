"""Embargo: a release is nowhere in site/ before its publication time, and everywhere after it.

Three releases, each with words found in no other: one with an ``EMBARGOED UNTIL`` line, an edited
``.md`` with an ``embargo:`` time, and one dated in the future with no embargo (published on its
date at the default release time). SOURCE_DATE_EPOCH is "now"; each boundary is built one
minute before and exactly at the publication time.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from .conftest import copy_project, run_build

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
RELEASES = (
    # 08:00 ET on March 3, 2021 is 08:00 EST, 13:00 UTC.
    Held("2021-03-03-quillfeather.txt", EMBARGOED, ("quillfeather", "zirconium lattice"), datetime(2021, 3, 3, 13, 0, tzinfo=UTC)),
    # As its front matter says: 07:59 EDT (daylight saving time began on March 14, 2021).
    Held("2021-03-15-vintersol.md", EDITED, ("vintersol", "amber kestrel"), datetime(2021, 3, 15, 11, 59, tzinfo=UTC)),
    # No embargo: its date at the default release time, 08:00 in New York, which is EDT: 12:00 UTC.
    Held("2021-03-15-marrowgate.txt", FUTURE, ("marrowgate", "cobalt heron"), datetime(2021, 3, 15, 12, 0, tzinfo=UTC)),
)
MINUTE = timedelta(minutes=1)


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


def assert_published(build: Build, release: Held) -> None:
    """Positive control: where the scan looks, a published release is found."""
    files = site_text(build.site)
    slug = next(name for name in files if name.startswith("releases/") and release.words[0] in name and name.endswith("/index.html"))
    for place in (slug, "releases/index.html", "feed.xml", "atom.xml", "search/search_index.json", "sitemap.xml", "sitemap.xml.gz (unpacked)"):
        assert any(word.encode() in files[place] for word in release.words), (release.file, place)
    body = release.words[1]
    assert body.encode() in files[slug] and body.encode() in files["search/search_index.json"]


# Each build: the moment, and which releases are out then.
MOMENTS = {
    "before everything": (RELEASES[0].at - MINUTE, ()),
    "embargo lifted": (RELEASES[0].at, (RELEASES[0],)),
    "a minute before the future date": (RELEASES[2].at - MINUTE, RELEASES[:2]),
    "the future date": (RELEASES[2].at, RELEASES),
}


@pytest.mark.parametrize("moment", list(MOMENTS), ids=list(MOMENTS))
def test_releases_appear_exactly_at_their_time(project: Path, moment: str) -> None:
    now, out = MOMENTS[moment]
    assert RELEASES[1].at == RELEASES[2].at - MINUTE  # the edited release's boundary is the third build
    build = build_at(project, now)
    for release in RELEASES:
        if release in out:
            assert_published(build, release)
        else:
            assert not traces(build.site, release), (release.file, traces(build.site, release))
    held = held_in_log(build.log)
    assert held == {r.file: r.at for r in RELEASES if r not in out}
    assert "WARNING" not in build.log


def test_held_release_leaves_no_search_entry_or_page(project: Path) -> None:
    build = build_at(project, RELEASES[0].at - MINUTE)
    index = json.loads((build.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert any(location.startswith("releases/2017-01-24-") for location in locations)
    assert not [location for location in locations if location.startswith("releases/2021-")]
    pages = [p.name for p in (build.site / "releases").iterdir() if p.is_dir()]
    assert pages and all(name.startswith("2017-01-24-") for name in pages)
