"""`newsroom convert`: front matter (the keys DESIGN.md lists) and Markdown for one release or
several; `newsroom check` on folders and files; both on the project whose mkdocs.yml they find."""

from __future__ import annotations

import os
import re
import subprocess
from datetime import date, datetime
from pathlib import Path

import frontmatter
import pytest
import yaml
from click.testing import CliRunner

from newsroom.cli import main
from newsroom.model import display_date, release_slug
from newsroom.project import load_project

from .helpers import BAD, FIXTURES, NEWSROOM, ROOT, SEED, newsroom

WIRE = FIXTURES / "wire"
CASES = sorted(WIRE.glob("*.yml"))
KEYS = ["title", "date", "dateline", "wire", "tickers", "products", "tags", "description", "patents", "contacts", "source"]


def convert(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["convert", *args, "-f", str(ROOT / "mkdocs.yml")])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_front_matter_has_the_design_keys(case: Path) -> None:
    want = yaml.safe_load(case.read_text(encoding="utf-8"))
    status, out, _ = convert(str(case.with_suffix(".txt")))
    assert status == 0
    post = frontmatter.loads(out)
    meta = post.metadata
    assert list(meta)[: len(KEYS)] == KEYS
    assert meta["title"] == want["headline"]
    assert meta["date"] == date.fromisoformat(want["date"])
    assert meta["dateline"] == {"city": want["city"], "region": want["region"]}
    assert meta["wire"] == want["wire"]
    assert meta["tickers"] == want["tickers"]
    assert meta["products"] == want["products"]
    assert isinstance(meta["tags"], list) and all(isinstance(tag, str) for tag in meta["tags"])
    assert isinstance(meta["patents"], list)
    assert all(set(contact) == {"name", "organization", "phone", "email"} for contact in meta["contacts"])
    assert ("embargo" in meta) == bool(want.get("embargo"))
    if want.get("embargo"):
        assert datetime.fromisoformat(meta["embargo"]) == datetime.fromisoformat(want["embargo"])
    assert meta["slug"] == release_slug(meta["date"], want["headline"])
    # The headline is the first heading; only the lines the source prints above it stand before
    # it (``Exhibit 99.1``, a date and time), save a date line the page shows as its date.
    source = case.with_suffix(".txt").read_bytes().decode(want.get("encoding", "utf-8")).replace("\r", "").replace("\f", "\n")
    lines = [line.strip(" \t") for line in source.split("\n") if line.strip()]
    above = lines[: next(i for i, line in enumerate(lines) if want["headline"].startswith(line))]
    shown = [line for line in above if line != display_date(meta["date"])]
    before, heading, _ = post.content.partition("# ")
    assert heading and not before.startswith("#")
    assert [line.rstrip(" ") for line in before.split("\n")[: len(shown)]] == [line.replace("#", "\\#") for line in shown]


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_description_is_the_lead(case: Path) -> None:
    """The text right after the dateline's closing mark, cut at a word to at most 200 characters."""
    _, out, _ = convert(str(case.with_suffix(".txt")))
    description = frontmatter.loads(out).metadata["description"]
    assert 0 < len(description) <= 200
    encoding = yaml.safe_load(case.read_text(encoding="utf-8"))["encoding"]
    source = " ".join(case.with_suffix(".txt").read_bytes().decode(encoding).split())
    lead = description.removesuffix("…")
    assert lead in source
    assert re.search(r"(?:--|—|–|/)\s*$", source[: source.index(lead)]), source[: source.index(lead)][-60:]
    if description.endswith("…"):
        assert source[source.index(lead) + len(lead)] == " "


def test_seed_front_matter_values() -> None:
    _, out, _ = convert(str(SEED))
    meta = frontmatter.loads(out).metadata
    assert meta["tickers"] == ["Nasdaq:CLRB"] and meta["patents"] == ["9,550,002"]
    assert meta["contacts"] == [{"name": "Jules Abraham", "organization": "JQA Partners, Inc.", "phone": "917-885-7378", "email": "jabraham@jqapartners.com"}]
    assert meta["source"] == "Cellestar Biosciences, Inc."
    assert meta["description"].startswith("Cellecstar Biosciences, Inc. (Nasdaq:CLRB), an oncology-focused")
    assert {"clr-131", "clr-125"} <= set(meta["products"])


def test_output_folder_gets_name_md(tmp_path: Path) -> None:
    source = WIRE / "gnw-embargoed.txt"
    _, printed, _ = convert(str(source))
    status, _, err = convert(str(source), "-o", str(tmp_path / "out"))
    written = tmp_path / "out" / "gnw-embargoed.md"
    assert status == 0 and str(written) in err
    assert written.read_text(encoding="utf-8") == printed


def test_an_unwritable_output_folder_is_a_clean_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    status, _, err = convert(str(WIRE / "gnw-embargoed.txt"), "-o", str(tmp_path / "a-file" / "out"))
    assert status != 0 and f"cannot write {tmp_path / 'a-file' / 'out' / 'gnw-embargoed.md'}" in err


def test_warnings_go_to_stderr_and_the_markdown_still_prints() -> None:
    status, out, err = convert(str(BAD / "date-disagrees.txt"))
    assert status == 0
    assert "date-disagrees.txt:1: warning:" in err
    assert frontmatter.loads(out).metadata["date"] == date(2017, 1, 24)


@pytest.mark.parametrize("name", ["impossible-date.txt", "binary.bin.txt", "empty.txt", "no-headline.txt"])
def test_a_bad_file_is_a_clean_error(name: str) -> None:
    status, out, err = convert(str(BAD / name))
    assert status != 0 and not out
    assert f"{BAD / name}" in err and "error:" in err


def test_the_installed_command_fails_without_a_traceback(tmp_path: Path) -> None:
    result = newsroom("convert", str(BAD / "impossible-date.txt"), cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert f"{BAD / 'impossible-date.txt'}:3: error: impossible date 'February 30, 2017'" in result.stderr
    result = newsroom("convert", str(WIRE / "gnw-embargoed.txt"), "-o", str(WIRE / "gnw-embargoed.txt"), cwd=tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.stderr


# --------------------------------------------------------------------------- newsroom check: any folder, any files


def test_check_reads_any_folder_of_releases(tmp_path: Path) -> None:
    folder = tmp_path / "wire copies"
    folder.mkdir()
    for name in ("accesswire-us.txt", "gnw-embargoed.txt"):
        (folder / name).write_bytes((WIRE / name).read_bytes())
    result = newsroom("check", str(folder), "-f", str(ROOT / "mkdocs.yml"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 release(s) ready to publish" in result.stderr


def test_check_reads_a_list_of_files_and_names_each_in_its_findings(tmp_path: Path) -> None:
    bad = BAD / "no-headline.txt"
    result = newsroom("check", str(SEED), str(bad), "-f", str(ROOT / "mkdocs.yml"), cwd=tmp_path)
    assert result.returncode == 1
    assert "1 release(s) ready to publish; 1 error(s)" in result.stderr
    assert re.search(rf"^{re.escape(str(bad))}:1: error: no headline", result.stdout, flags=re.M)
    assert re.search(rf"^{re.escape(str(SEED))}:\d+: warning: 'Cellecstar'", result.stdout, flags=re.M)


def test_check_finding_no_release_is_an_error_that_says_where_it_looked(tmp_path: Path) -> None:
    empty = tmp_path / "notes"
    empty.mkdir()
    (empty / "readme.docx").write_bytes(b"PK")
    result = newsroom("check", str(empty), "-f", str(ROOT / "mkdocs.yml"), cwd=tmp_path)
    assert result.returncode == 1
    assert "no releases found in" in result.stderr and str(empty) in result.stderr
    assert "Traceback" not in result.stderr


def test_check_counts_notes_apart_from_warnings(tmp_path: Path) -> None:
    (tmp_path / "2025-06-03-acme.txt").write_text(
        "Acme Names a New Chief Financial Officer\n\nCHICAGO--(BUSINESS WIRE)--Acme, Inc. (NYSE: ACME) today named a CFO.\n", encoding="utf-8"
    )
    (tmp_path / "mkdocs.yml").write_text("site_name: Acme\nplugins:\n  - newsroom\n", encoding="utf-8")
    result = newsroom("check", str(tmp_path / "2025-06-03-acme.txt"), cwd=tmp_path)
    assert result.returncode == 0
    assert re.search(r"2025-06-03-acme\.txt:1: note: no date in the text: dated 2025-06-03 from the file name", result.stdout)
    assert "0 warning(s), 1 note(s)" in result.stderr


# --------------------------------------------------------------------------- the project's mkdocs.yml


ACME = "Acme Names a New Chief Financial Officer\n\nCHICAGO--(BUSINESS WIRE)--Acme, Inc. (NYSE: ACME) today named a CFO for its Roadrunner line.\n"


def acme_project(root: Path) -> Path:
    """A newsroom whose data files are not where the defaults would look: a command that did not
    read mkdocs.yml would find no product and no tag."""
    (root / "news" / "releases").mkdir(parents=True)
    (root / "news" / "data").mkdir()
    (root / "mkdocs.yml").write_text(
        "site_name: Acme\nsite_url: !ENV [SITE_URL, 'https://news.acme.example/']\ndocs_dir: news\nplugins:\n  - search\n"
        "  - newsroom:\n      company: Acme, Inc.\n      products_file: data/catalogue.yml\n      tags_file: data/topics.yml\n",
        encoding="utf-8",
    )
    (root / "news" / "data" / "catalogue.yml").write_text(
        "products:\n  - id: roadrunner\n    name: Roadrunner\n    aliases: [Roadrunner]\n    summary: A fast bird.\n", encoding="utf-8"
    )
    (root / "news" / "data" / "topics.yml").write_text("tags:\n  - name: Corporate\n    phrases: [CFO]\n", encoding="utf-8")
    for day in ("2025-06-03", "2025-06-04"):
        (root / "news" / "releases" / f"{day}-acme.txt").write_text(ACME, encoding="utf-8")
    return root


def test_convert_reads_products_and_tags_from_the_mkdocs_yml_above_the_release(tmp_path: Path) -> None:
    project = acme_project(tmp_path / "acme")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = newsroom("convert", str(project / "news" / "releases" / "2025-06-03-acme.txt"), cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    meta = frontmatter.loads(result.stdout).metadata
    assert meta["products"] == ["roadrunner"] and meta["tags"] == ["Corporate"]


def test_commands_find_mkdocs_yml_upward_from_the_working_directory(tmp_path: Path) -> None:
    project = acme_project(tmp_path / "acme")
    result = newsroom("check", cwd=project / "news" / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 release(s) ready to publish" in result.stderr
    result = newsroom("convert", "../releases/2025-06-04-acme.txt", cwd=project / "news" / "data")
    assert frontmatter.loads(result.stdout).metadata["products"] == ["roadrunner"]


def test_without_a_mkdocs_yml_both_commands_refuse_and_say_what_to_do(tmp_path: Path) -> None:
    release = tmp_path / "2025-06-03-acme.txt"
    release.write_text(ACME, encoding="utf-8")
    for command in ("convert", "check"):
        result = newsroom(command, str(release), cwd=tmp_path)
        assert result.returncode == 1 and not result.stdout and "Traceback" not in result.stderr
        assert result.stderr.startswith(f"Error: no mkdocs.yml in {tmp_path} or any folder above: run this inside a newsroom project")
        assert "-f path/to/mkdocs.yml" in result.stderr and "newsroom init DIR" in result.stderr


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("site_name: x\nplugins:\n  - search\n", "does not use the newsroom plugin"),
        ("site_name: [x\n", "not valid YAML"),
        # where: the line YAML points at (the message had lost it)
        ("site_name: x\nplugins:\n  - newsroom:\n      ticker: Nasdaq: CLRB\n", "mkdocs.yml:4: not valid YAML: mapping values are not allowed here"),
        ("site_name: x\nplugins:\n  - newsroom:\n      timezone: Mars/Olympus\n", "unknown timezone 'Mars/Olympus'"),
        ("site_name: x\nplugins:\n  - newsroom:\n      ignore: '*.pdf'\n", "the newsroom option 'ignore' must be a list"),
        # the build stops on it: check said the releases were ready to publish
        ("site_name: x\nplugins:\n  - newsroom:\n      release_time: '25:00'\n", "the newsroom option 'release_time' must be a time of day"),
        ("site_name: x\nplugins:\n  - newsroom:\n      release_time: 8:00\n", "not 480"),
        ("site_name: x\nplugins:\n  - newsroom:\n      stages: []\n", "the newsroom option 'stages' must name at least one stage"),
        # the build refuses each; check said the releases were ready to publish
        ("site_name: x\nplugins:\n  - newsroom:\n      timezone: ''\n", "unknown timezone ''"),
        ("site_name: x\nplugins:\n  - newsroom:\n      company: [1]\n", "the newsroom option 'company' must be text, not [1]"),
        ("site_name: x\nplugins:\n  - newsroom:\n      products_file: 5\n", "the newsroom option 'products_file' must be text, not 5"),
        ("site_name: x\nplugins:\n  - newsroom: 5\n", "the newsroom plugin's options must be a mapping"),
    ],
)
def test_a_mkdocs_yml_the_commands_cannot_use_is_a_clean_error(tmp_path: Path, config: str, message: str) -> None:
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    (tmp_path / "2025-06-03-acme.txt").write_text(ACME, encoding="utf-8")
    result = newsroom("check", "2025-06-03-acme.txt", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"Error: {tmp_path / 'mkdocs.yml'}" in result.stderr and message in result.stderr


def test_check_file_lints_one_release(tmp_path: Path) -> None:
    project = acme_project(tmp_path / "acme")
    (project / "news" / "releases" / "2025-06-05-bad.txt").write_text("\n\n", encoding="utf-8")
    result = newsroom("check", "news/releases/2025-06-04-acme.txt", cwd=project)
    assert result.returncode == 0 and "1 release(s) ready to publish; 0 error(s)" in result.stderr


def test_check_file_that_is_no_release_says_so(tmp_path: Path) -> None:
    """Given alone, a PDF was read as an edited release ("the front matter needs a 'title'")."""
    project = acme_project(tmp_path / "acme")
    (project / "news" / "releases" / "annual-report.pdf").write_bytes(b"%PDF-1.7\n")
    result = newsroom("check", "news/releases/annual-report.pdf", cwd=project)
    assert result.returncode == 1, result.stderr
    assert re.search(r"^news/releases/annual-report\.pdf: error: the extension '\.pdf' is not a release", result.stdout, flags=re.M), result.stdout


def test_a_line_break_in_a_file_name_keeps_each_finding_on_one_line(tmp_path: Path) -> None:
    project = acme_project(tmp_path / "acme")
    (project / "news" / "releases" / "2025-06-05-two\nlines.txt").write_text("\n\n", encoding="utf-8")
    result = newsroom("check", cwd=project)
    assert result.returncode == 1
    (line,) = [line for line in result.stdout.splitlines() if "two" in line]
    assert line.startswith("news/releases/2025-06-05-two\\nlines.txt") and ": error: " in line


def test_convert_takes_several_files_into_a_folder(tmp_path: Path) -> None:
    project = acme_project(tmp_path / "acme")
    releases = sorted((project / "news" / "releases").glob("*.txt"))
    result = newsroom("convert", *map(str, releases), cwd=project)
    assert result.returncode == 2 and "give -o DIR to convert several files" in result.stderr and not result.stdout
    result = newsroom("convert", *map(str, releases), "-o", "out", cwd=project)
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in (project / "out").iterdir()) == ["2025-06-03-acme.md", "2025-06-04-acme.md"]
    # One bad file among them: the others are still converted, and the command fails naming it.
    bad = project / "news" / "releases" / "2025-06-05-bad.txt"
    bad.write_bytes(b"\xff\xfe\x00")
    result = newsroom("convert", str(bad), *map(str, releases), "-o", "again", cwd=project)
    assert result.returncode == 1 and str(bad) in result.stderr and "1 of 3 release(s) not converted" in result.stderr
    assert len(list((project / "again").glob("*.md"))) == 2
    # A file that is not there is named the same way (it stopped the whole command, nothing written).
    result = newsroom("convert", "news/releases/2025-06-09-gone.txt", *map(str, releases), "-o", "third", cwd=project)
    assert result.returncode == 1 and "news/releases/2025-06-09-gone.txt: error: cannot read the file" in result.stderr, result.stderr
    assert len(list((project / "third").glob("*.md"))) == 2


def test_convert_keeps_an_edited_release_unless_forced(tmp_path: Path) -> None:
    """Converting again wrote over the hand work in NAME.md without a word."""
    project = acme_project(tmp_path / "acme")
    release = sorted((project / "news" / "releases").glob("*.txt"))[0]
    target = project / "news" / "releases" / f"{release.stem}.md"
    assert newsroom("convert", str(release), "-o", "news/releases", cwd=project).returncode == 0
    edited = target.read_text(encoding="utf-8").replace("title: ", "title: Hand-corrected ", 1)
    target.write_text(edited, encoding="utf-8")
    result = newsroom("convert", str(release), "-o", "news/releases", cwd=project)
    assert result.returncode == 1 and "is there already" in result.stderr and "--force" in result.stderr, result.stderr
    assert target.read_text(encoding="utf-8") == edited
    result = newsroom("convert", str(release), "-o", "news/releases", "--force", cwd=project)
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8") == newsroom("convert", str(release), cwd=project).stdout != edited


def test_the_commands_read_mkdocs_env_tags_as_mkdocs_does(tmp_path: Path) -> None:
    project = acme_project(tmp_path / "acme")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("docs_dir: news", "docs_dir: !ENV [NEWS_DIR, elsewhere]"), encoding="utf-8")
    assert load_project(config).docs_dir == project / "elsewhere"
    result = subprocess.run([str(NEWSROOM), "check"], cwd=project, env={**os.environ, "NEWS_DIR": "news"}, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "2 release(s) ready to publish" in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("where", "paths"),
    [
        (".", ["."]),
        ("news/releases", ["."]),
        (".", ["news/releases/2025-06-04-acme.txt", "./news/releases/2025-06-04-acme.txt", "news"]),
    ],
    ids=["project-folder", "inside-releases", "a-file-named-twice"],
)
def test_check_reads_what_the_build_reads_however_the_paths_are_written(tmp_path: Path, where: str, paths: list[str]) -> None:
    """`check .` in the project read requirements.txt and site/ as releases; inside releases/ it
    let a file the build refuses pass; a file named twice was a duplicate of itself."""
    project = acme_project(tmp_path / "acme")
    (project / "requirements.txt").write_text("mkdocs-newsroom\n", encoding="utf-8")
    (project / "news" / "index.md").write_text("# Acme news\n", encoding="utf-8")
    (project / "news" / "releases" / "2025-06-05-notes.txt~").write_text("a backup\n", encoding="utf-8")
    result = newsroom("check", *paths, "-f", str(project / "mkdocs.yml"), cwd=project / where)
    assert result.returncode == 1, result.stdout + result.stderr
    found = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert len(found) == 1 and "2025-06-05-notes.txt~" in found[0], result.stdout
    ready = 2 if "news" in paths or paths == ["."] else 1
    assert f"{ready} release(s) ready to publish; 1 error(s)" in result.stderr, result.stderr


def test_a_project_whose_mkdocs_yml_inherits_its_settings_is_read_as_the_build_reads_it(tmp_path: Path) -> None:
    """The commands said such a project did not use the newsroom plugin; MkDocs builds it."""
    project = acme_project(tmp_path / "acme")
    config = project / "mkdocs.yml"
    (project / "base.yml").write_text(config.read_text(encoding="utf-8").replace("site_name: Acme\n", ""), encoding="utf-8")
    config.write_text("INHERIT: base.yml\nsite_name: Acme News\nplugins:\n  - search\n  - newsroom:\n      company: Acme, Inc.\n      products_file: data/catalogue.yml\n      tags_file: data/topics.yml\n", encoding="utf-8")
    result = newsroom("check", cwd=project)
    assert result.returncode == 0 and "2 release(s) ready to publish" in result.stderr, result.stdout + result.stderr
    # Inherited, not only read: the catalogue named in base.yml alone is the one used.
    config.write_text("INHERIT: base.yml\nsite_name: Acme News\n", encoding="utf-8")
    converted = newsroom("convert", "news/releases/2025-06-04-acme.txt", cwd=project)
    assert converted.returncode == 0 and '- "roadrunner"' in converted.stdout, converted.stdout + converted.stderr
    (project / "base.yml").write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    looped = newsroom("check", cwd=project)
    assert looped.returncode == 1 and "inherits from this file again" in looped.stderr and "Traceback" not in looped.stderr
