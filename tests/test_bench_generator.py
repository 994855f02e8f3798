"""The benchmark's synthetic releases (bench/generate.py) are releases the parser accepts, the
same for the same seed: otherwise the figures in bench/README.md would measure error paths."""

from __future__ import annotations

from pathlib import Path

from newsroom.catalogue import load_catalogue
from newsroom.wire import parse_file

from .helpers import ROOT, generate


def test_same_seed_same_bytes_and_every_release_parses(tmp_path: Path) -> None:
    first = generate.generate(120, tmp_path / "a", seed=7)
    again = generate.generate(120, tmp_path / "b", seed=7)
    assert [p.name for p in first] == [p.name for p in again]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(first, again, strict=True))
    catalogue = load_catalogue(ROOT / "content" / "products.yml")
    wires, mentioned = set(), set()
    for path in first:
        release = parse_file(path)  # raises ReleaseError, naming the file, if one is not a release
        assert not [f for f in release.findings if f.level == "error"], path.name
        assert path.name.startswith(release.date.isoformat()), path.name
        wires.add(release.dateline.wire if release.dateline else None)
        mentioned.update(catalogue.detect(release.news_text))
    assert {"GlobeNewswire", "Business Wire", "PR Newswire", "ACCESSWIRE"} <= wires
    assert mentioned == {p.id for p in catalogue.products}
