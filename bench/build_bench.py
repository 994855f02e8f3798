"""Benchmark: our ``mkdocs build`` against the peer stack (a Material blog) on N synthetic releases.

    python bench/build_bench.py --releases 1000 [--runs 3] [--keep DIR]

Steps: generate N releases (bench/generate.py); copy the project with those releases as
``content/releases/``; convert the same releases with ``newsroom convert`` and lay them out as a
Material blog (blog + tags + mkdocs-rss-plugin + search); time whole ``mkdocs build`` processes of
both, alternating run by run (wall time and the child's peak RSS via ``os.wait4``); time the parser
and writer alone in-process. Prints a table, and as the last line one JSON object:
``{"releases", "newsroom_s", "peer_s", "ratio", "convert_per_s", "peak_rss_mb"}``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import importlib.metadata as md
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# "now" for both builds: after the last generated release (2025-12-31), so every release is published.
SOURCE_DATE_EPOCH = str(int(dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc).timestamp()))
PEER_MKDOCS_YML = """\
site_name: Peer newsroom (Material blog)
site_url: https://peer.example.com/
docs_dir: docs
theme:
  name: material
plugins:
  - search
  - blog
  - tags
  - rss:
      use_git: false
      match_path: "blog/posts/.*"
      date_from_meta:
        as_creation: date
      categories:
        - tags
nav:
  - Home: index.md
  - Releases:
      - blog/index.md
  - Tags: tags.md
"""

Convert = Callable[[bytes, Path], str]


class BenchError(RuntimeError):
    """A step of the benchmark failed; the message says which and why."""


@dataclass
class Runs:
    """Wall times (s) and peak RSS (MiB) of one side's builds."""
    name: str
    wall: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)

    @property
    def median(self) -> float | None:
        return statistics.median(self.wall) if self.wall else None


# -- converting releases ------------------------------------------------------------------------

def load_api(raw: bytes, path: Path) -> Convert | None:
    """The in-process parser + writer, or None if ``newsroom`` has no such API yet.

    Expects ``newsroom.parser.parse_release`` and ``newsroom.markdown_writer.write_markdown``.
    Their signatures are not settled, so the first call shape that gives a str for the sample
    release (``raw`` read from ``path``) wins.
    """
    try:
        from newsroom.markdown_writer import write_markdown  # type: ignore[import-not-found]
        from newsroom.parser import parse_release  # type: ignore[import-not-found]
    except ImportError:
        return None
    shapes: list[Callable[[bytes, Path], object]] = [
        lambda r, p: parse_release(r, p),
        lambda r, p: parse_release(r, str(p)),
        lambda r, p: parse_release(r),
        lambda r, p: parse_release(p),
    ]
    for shape in shapes:
        try:
            out = write_markdown(shape(raw, path))
        except TypeError:
            continue
        if isinstance(out, str):
            return lambda r, p, shape=shape: write_markdown(shape(r, p))
    return None


def newsroom_importable() -> bool:
    """True once the real package exists (then the stand-in is never used)."""
    try:
        import newsroom  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        return False
    return True


def newsroom_cli() -> list[str]:
    """Command prefix for ``newsroom``: the script beside this interpreter, else ``-m newsroom``."""
    script = Path(sys.executable).parent / "newsroom"
    return [str(script)] if script.exists() else [sys.executable, "-m", "newsroom"]


# STAND-IN: used only while `import newsroom` fails, so that the peer harness can be run before
# the package exists. Title, date, description and a few tags in front matter; the text as body.
_STANDIN_TAGS = [("Patents", "patent"), ("Clinical trials", "clinical trial"),
                 ("Regulatory", "orphan drug"), ("Financial results", "financial results"),
                 ("Financing", "public offering"), ("Corporate", "board of directors"),
                 ("Events", "conference"), ("Multiple myeloma", "multiple myeloma")]


def _stand_in(raw: bytes, path: Path) -> str:
    """STAND-IN for ``newsroom convert`` (see above)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    paras = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\f", "")) if p.strip()]
    while paras and re.match(r"^[A-Z][a-z]+ \d{1,2}, \d{4}", paras[0]) and len(paras[0]) < 60:
        paras.pop(0)  # top date line / Business Wire time line
    title, body = " ".join(paras[0].split()), paras[1:]
    lead = body[0] if body else title
    pre = "\n".join(body).split("\nAbout ")[0].lower()
    meta = {"title": title, "date": dt.date.fromisoformat(path.name[:10]),
            "description": lead[:200], "tags": [t for t, w in _STANDIN_TAGS if w in pre]}
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n" + \
        "\n\n".join(html.escape(p).replace("\n", "  \n") for p in body) + "\n"


def convert_all(paths: Sequence[Path], out_dir: Path) -> str:
    """Convert every release to a Markdown file in ``out_dir``; return how it was done."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if not newsroom_importable():
        for p in paths:
            (out_dir / f"{p.stem}.md").write_text(_stand_in(p.read_bytes(), p), encoding="utf-8")
        how = "STAND-IN (newsroom not importable)"
    elif (api := load_api(paths[0].read_bytes(), paths[0])) is not None:
        for p in paths:
            (out_dir / f"{p.stem}.md").write_text(api(p.read_bytes(), p), encoding="utf-8")
        how = "newsroom in-process API"
    else:
        cmd = newsroom_cli()

        def one(p: Path) -> None:
            r = subprocess.run([*cmd, "convert", str(p), "-o", str(out_dir)], capture_output=True, text=True)
            if r.returncode:
                raise BenchError(f"`newsroom convert {p}` exited {r.returncode}:\n{r.stderr[-2000:]}")
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            list(pool.map(one, paths))
        how = "newsroom convert CLI"
    made = sorted(out_dir.glob("*.md"))
    if len(made) != len(paths):
        raise BenchError(f"conversion ({how}) made {len(made)} Markdown files for {len(paths)} releases")
    return how


def throughput(paths: Sequence[Path], runs: int) -> float | None:
    """Median releases/s of the parser + writer alone, in-process; None without the API."""
    data = [(p.read_bytes(), p) for p in paths]
    api = load_api(*data[0]) if newsroom_importable() else None
    if api is None:
        return None
    rates = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for raw, p in data:
            api(raw, p)
        rates.append(len(data) / (time.perf_counter() - t0))
    return statistics.median(rates)


# -- the two sites --------------------------------------------------------------------------------

def docs_dir_of(mkdocs_yml: Path) -> str:
    """``docs_dir`` from mkdocs.yml without loading its custom YAML tags (default ``docs``)."""
    m = re.search(r"^docs_dir:\s*['\"]?([^'\"#\s]+)", mkdocs_yml.read_text(encoding="utf-8"), re.M)
    return m.group(1) if m else "docs"


def make_project(project: Path, releases: Sequence[Path], dest: Path) -> None:
    """Copy mkdocs.yml, the docs dir and theme_overrides/ with ``releases/`` replaced by ``releases``."""
    yml = project / "mkdocs.yml"
    if not yml.exists():
        raise BenchError(f"no {yml}: the project is not ready (use --skip-newsroom to run the peer alone)")
    dest.mkdir(parents=True)
    shutil.copy2(yml, dest / "mkdocs.yml")
    docs = docs_dir_of(yml)
    shutil.copytree(project / docs, dest / docs, ignore=shutil.ignore_patterns("__pycache__"))
    if (project / "theme_overrides").is_dir():
        shutil.copytree(project / "theme_overrides", dest / "theme_overrides")
    rel = dest / docs / "releases"
    shutil.rmtree(rel, ignore_errors=True)
    rel.mkdir()
    for p in releases:
        shutil.copy2(p, rel / p.name)


def make_peer(md_dir: Path, dest: Path) -> None:
    """Lay converted releases out as a Material blog; tags double as blog categories."""
    posts = dest / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(PEER_MKDOCS_YML, encoding="utf-8")
    (dest / "docs" / "index.md").write_text("# Newsroom\n\nPress releases are in the [blog](blog/index.md).\n")
    (dest / "docs" / "blog" / "index.md").write_text("# Press releases\n")
    (dest / "docs" / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n")
    for src in sorted(md_dir.glob("*.md")):
        text = src.read_text(encoding="utf-8-sig")
        m = re.match(r"---\s*\n(.*?\n)---\s*\n", text, re.S)
        if not m:
            raise BenchError(f"{src}: converted release has no front matter")
        meta = yaml.safe_load(m.group(1)) or {}
        if "date" not in meta or "title" not in meta:
            raise BenchError(f"{src}: converted release lacks title or date in front matter")
        if meta.get("tags") and "categories" not in meta:
            meta["categories"] = [str(t) for t in meta["tags"]]
        front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
        (posts / src.name).write_text(f"---\n{front}---\n\n{text[m.end():].lstrip()}", encoding="utf-8")


def count_pages(site: Path, pattern: str) -> int:
    """Number of files under ``site`` whose relative POSIX path matches ``pattern``."""
    rx = re.compile(pattern)
    return sum(1 for p in site.rglob("index.html") if rx.fullmatch(p.relative_to(site).as_posix()))


def timed_build(cwd: Path, log: Path) -> tuple[float, float]:
    """Run one ``mkdocs build -q`` in ``cwd`` into ``cwd/site``; return (wall s, child's peak RSS MiB)."""
    site = cwd / "site"
    shutil.rmtree(site, ignore_errors=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", str(site)]
    with open(log, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage, not all children's
        wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise BenchError(f"`mkdocs build` in {cwd} exited {proc.returncode}; log {log}:\n{tail}")
    return wall, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


# -- report ---------------------------------------------------------------------------------------

def _fmt(x: float | None, spec: str = ".2f") -> str:
    return "-" if x is None else format(x, spec)


def _version(dist: str) -> str:
    try:
        return md.version(dist)
    except md.PackageNotFoundError:
        return "absent"


def report(n: int, args: argparse.Namespace, ours: Runs, peer: Runs, conv: float | None, how: str) -> dict:
    """Print the table; return the JSON summary."""
    ratio = ours.median / peer.median if ours.median and peer.median else None
    peak = max(ours.rss) if ours.rss else None
    print(f"\nNewsroom build benchmark: {n} releases, seed {args.seed}, {args.runs} run(s) each, alternating")
    print(f"machine: {platform.machine()} {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}")
    print(f"mkdocs {_version('mkdocs')}, mkdocs-material {_version('mkdocs-material')}, "
          f"mkdocs-rss-plugin {_version('mkdocs-rss-plugin')}; peer posts converted by: {how}")
    print(f"\n{'':28}{'median s':>10}{'min s':>9}{'max s':>9}{'peak RSS MiB':>14}")
    for r, label in ((ours, "newsroom mkdocs build"), (peer, "peer Material blog build")):
        if r.wall:
            print(f"{label:28}{r.median:>10.2f}{min(r.wall):>9.2f}{max(r.wall):>9.2f}{max(r.rss):>14.0f}")
        else:
            print(f"{label:28}{'skipped':>10}")
    print(f"{'ratio newsroom / peer':28}{_fmt(ratio, '.3f'):>10}")
    print(f"{'conversion (parse + write)':28}{_fmt(conv, '.0f'):>10} releases/s in-process"
          + ("" if conv is not None else " (no in-process newsroom API yet)"))
    return {"releases": n, "newsroom_s": ours.median, "peer_s": peer.median, "ratio": ratio,
            "convert_per_s": conv, "peak_rss_mb": peak}


def run(args: argparse.Namespace, work: Path) -> dict:
    """All steps in ``work``; returns the JSON summary."""
    n = args.releases
    t0 = time.perf_counter()
    releases = generate(n, work / "releases", seed=args.seed)
    print(f"generated {n} releases in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    ours, peer = Runs("newsroom"), Runs("peer")
    sides: list[tuple[Runs, Path, str]] = []
    if not args.skip_newsroom:
        make_project(args.project, releases, work / "newsroom")
        sides.append((ours, work / "newsroom", r"releases/\d{4}-\d\d-\d\d-[^/]+/index\.html"))
    how = "-"
    if not args.skip_peer:
        try:
            import mkdocs_rss_plugin  # noqa: F401
        except ImportError as e:
            raise BenchError("the peer needs mkdocs-rss-plugin: pip install -e '.[bench]'") from e
        t0 = time.perf_counter()
        how = convert_all(releases, work / "converted")
        print(f"converted {n} releases ({how}) in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        make_peer(work / "converted", work / "peer")
        sides.append((peer, work / "peer", r"blog/\d{4}/\d\d/\d\d/[^/]+/index\.html"))
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    for i in range(args.warmup + args.runs):
        order = sides if i % 2 == 0 else sides[::-1]  # ABBA: neither side always goes first
        for runs, cwd, pages in order:
            wall, rss = timed_build(cwd, logs / f"{runs.name}-{i}.log")
            got = count_pages(cwd / "site", pages)
            if got != n:
                raise BenchError(f"{runs.name} build made {got} release pages for {n} releases "
                                 f"(pattern {pages}); site in {cwd / 'site'}")
            warm = i < args.warmup
            print(f"run {i + 1}{' (warm-up)' if warm else ''}: {runs.name} {wall:.2f} s, {rss:.0f} MiB",
                  file=sys.stderr)
            if not warm:
                runs.wall.append(wall)
                runs.rss.append(rss)
    conv = None if args.skip_convert else throughput(releases, args.runs)
    return report(n, args, ours, peer, conv, how)


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--releases", "-n", type=int, required=True, help="number of synthetic releases")
    ap.add_argument("--runs", type=int, default=3, help="timed builds of each side (median), default 3")
    ap.add_argument("--warmup", type=int, default=0, help="untimed builds of each side first, default 0")
    ap.add_argument("--seed", type=int, default=2017, help="generator seed, default 2017")
    ap.add_argument("--keep", type=Path, help="work in DIR (kept) instead of a temporary directory")
    ap.add_argument("--project", type=Path, default=ROOT, help="project to benchmark, default the repo root")
    ap.add_argument("--skip-newsroom", action="store_true", help="build the peer only")
    ap.add_argument("--skip-peer", action="store_true", help="build ours only (e.g. when profiling)")
    ap.add_argument("--skip-convert", action="store_true", help="skip the in-process conversion throughput")
    args = ap.parse_args(argv)
    if args.releases < 1 or args.runs < 1:
        ap.error("--releases and --runs must be at least 1")
    if args.keep:
        if args.keep.exists() and any(args.keep.iterdir()):
            ap.error(f"--keep {args.keep}: directory is not empty")
        args.keep.mkdir(parents=True, exist_ok=True)
        work = args.keep.resolve()
    else:
        work = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    try:
        summary = run(args, work)
    except BenchError as e:
        print(f"\nbench failed: {e}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
