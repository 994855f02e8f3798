"""The package's shape: MkDocs only in the plugin, no import cycles, and the type hints hold (mypy)."""

from __future__ import annotations

import ast
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from .helpers import ROOT

PACKAGE = ROOT / "newsroom"


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, absolute (relative imports resolved against its package)."""
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            stem = ".".join([*base, node.module] if node.module else base)
            found.add(stem)
            # ``from . import wire`` imports the module newsroom.wire.
            found.update(f"{stem}.{alias.name}" for alias in node.names)
    return found


MODULES = {_module(path): _imports(path) for path in PACKAGE.rglob("*.py")}


def test_only_the_plugin_imports_mkdocs() -> None:
    """The plugin and its typed options (config.py, as Material's plugins have) are the MkDocs glue."""
    importers = sorted(name for name, imports in MODULES.items() if any(i == "mkdocs" or i.startswith("mkdocs.") for i in imports))
    assert importers == ["newsroom.config", "newsroom.plugin"]


def test_no_import_cycles() -> None:
    graph = {name: {i for i in imports if i in MODULES and i != name} for name, imports in MODULES.items()}
    # A package's __init__ importing its own modules is how a package is put together, not a cycle.
    for name in graph:
        graph[name] -= {parent for parent in graph if name.startswith(parent + ".")}
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise AssertionError(f"import cycle: {' -> '.join(exc.args[1])}") from None


def test_type_hints_hold() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_test_modules_share_through_the_helpers_module_only() -> None:
    """What several test modules use lives in tests/helpers.py (fixtures in conftest.py): a test
    module imported by another runs its module-level code twice and ties the two together."""
    tests = ROOT / "tests"
    offenders = sorted(
        f"{path.relative_to(ROOT)}: {'.' * node.level}{node.module}"
        for path in tests.rglob("test_*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[-1].startswith(("test_", "conftest"))
        and (node.level or (node.module or "").startswith("tests."))
        and not (path.parent.name == "browser" and node.level == 1 and node.module == "conftest")
    )
    assert not offenders, offenders
