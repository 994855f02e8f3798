"""newsroom.cache's compiled templates, with Jinja alone: a template loaded through the cache is
compiled once and its code read back after, while its source, name and every setting of the
environment that Jinja's compiler reads are the same; a damaged record is refused with a warning;
an environment with another package's filter or extension is not cached at all."""

from __future__ import annotations

import logging
import operator
from collections.abc import Callable
from pathlib import Path

import jinja2
import jinja2.ext
import jinja2.filters
import pytest
from jinja2 import DictLoader, Environment

from newsroom.cache import CompiledTemplates, TemplateCache, fingerprint

from .helpers import cache_records, rewrite_cache_records

SETTINGS = fingerprint({"versions": {"jinja2": jinja2.__version__}})
SOURCE = "{% for x in items %}[{{ x | upper }}]{% endfor %}\n"


def environment(folder: Path, templates: dict[str, str], **options: object) -> Environment:
    """A fresh environment (as each build makes) over the cache in ``folder``."""
    env = Environment(loader=DictLoader(templates), **options)  # type: ignore[arg-type]
    env.bytecode_cache = CompiledTemplates(TemplateCache(folder, SETTINGS, None))
    return env


def compiles(env: Environment, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates ``env`` compiles from now on."""
    compiled: list[str] = []
    compile_ = env.compile

    def counting(source: str, name: str | None = None, filename: str | None = None, *args: object, **kwargs: object) -> object:
        compiled.append(str(name))
        return compile_(source, name, filename, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(env, "compile", counting)
    return compiled


def render(env: Environment) -> str:
    return env.get_template("page.html").render(items=["a", "b"])


def test_a_template_is_compiled_once_and_read_back_after(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = environment(tmp_path, {"page.html": SOURCE})
    compiled = compiles(first, monkeypatch)
    assert render(first) == "[A][B]" and compiled == ["page.html"]
    assert len(cache_records(tmp_path / "templates")) == 1
    second = environment(tmp_path, {"page.html": SOURCE})
    compiled = compiles(second, monkeypatch)
    assert render(second) == "[A][B]" and compiled == []


def _other_filter(env: Environment) -> None:
    env.filters["negated"] = operator.neg


def _context_filter(env: Environment) -> None:
    env.filters["upper"] = jinja2.filters.do_map  # Jinja's, and it takes the context


def _policy(env: Environment) -> None:
    env.policies["ext.i18n.trimmed"] = True


@pytest.mark.parametrize(
    ("options", "change"),
    [
        pytest.param({"trim_blocks": True}, None, id="trim-blocks"),
        pytest.param({"block_start_string": "{%%", "block_end_string": "%%}"}, None, id="syntax"),
        pytest.param({"autoescape": True}, None, id="autoescape"),
        pytest.param({"optimized": False}, None, id="optimizer"),
        pytest.param({"extensions": ["jinja2.ext.loopcontrols"]}, None, id="extension"),
        pytest.param({}, _other_filter, id="another-filter"),
        pytest.param({}, _context_filter, id="filter-taking-the-context"),
        pytest.param({}, _policy, id="policy"),
    ],
)
def test_each_setting_the_compiler_reads_misses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: dict[str, object], change: Callable[[Environment], None] | None) -> None:
    render(environment(tmp_path, {"page.html": SOURCE}))
    env = environment(tmp_path, {"page.html": SOURCE}, **options)
    if change is not None:
        change(env)
    compiled = compiles(env, monkeypatch)
    env.get_template("page.html")
    assert compiled == ["page.html"]


def test_a_changed_source_or_name_misses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    render(environment(tmp_path, {"page.html": SOURCE}))
    edited = environment(tmp_path, {"page.html": SOURCE.replace("[", "(")})
    compiled = compiles(edited, monkeypatch)
    assert render(edited) == "(A](B]" and compiled == ["page.html"]
    renamed = environment(tmp_path, {"other.html": SOURCE})
    compiled = compiles(renamed, monkeypatch)
    renamed.get_template("other.html").render(items=[])
    assert compiled == ["other.html"]


@pytest.mark.parametrize("foreign", ["filter", "extension"])
def test_another_packages_filter_or_extension_is_never_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, foreign: str) -> None:
    # Jinja's compiler may call a filter on constants and keep what it gave, and an extension
    # has settings of its own: another package's (here this test module's) are out of the key's sight.
    for _ in range(2):
        env = environment(tmp_path, {"page.html": SOURCE}, extensions=[Shout] if foreign == "extension" else [])
        if foreign == "filter":
            env.filters["upper"] = lambda value: f"<{value}>"
        compiled = compiles(env, monkeypatch)
        render(env)
        assert compiled == ["page.html"]
    assert not (tmp_path / "templates").exists()


class Shout(jinja2.ext.Extension):
    """An extension of another package than Jinja's."""


@pytest.mark.parametrize("damage", ["edited code", "cut short"])
def test_a_damaged_record_is_compiled_afresh_with_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, damage: str) -> None:
    render(environment(tmp_path, {"page.html": SOURCE}))
    if damage == "edited code":
        rewrite_cache_records(tmp_path / "templates", lambda stored: stored.update(entry=stored["entry"][:-8] + "AAAAAAA="), checksum=False)
    else:
        [pack] = (tmp_path / "templates").glob("*.pack")
        pack.write_bytes(pack.read_bytes()[:-40])
    env = environment(tmp_path, {"page.html": SOURCE})
    compiled = compiles(env, monkeypatch)
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.newsroom"):
        assert render(env) == "[A][B]"
    assert compiled == ["page.html"]
    assert any("damaged build cache file" in record.getMessage() and "compiling the template afresh" in record.getMessage() for record in caplog.records)
