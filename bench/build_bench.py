"""Benchmark: our ``mkdocs build`` against the peer stack (a Material blog) on N synthetic releases.

    python bench/build_bench.py --releases 1000 [--runs 3] [--keep DIR]

Steps: generate N releases (bench/generate.py); copy the project with those releases as
``content/releases/``; convert the same releases with ``newsroom convert`` and lay them out as a
Material blog (blog + tags + mkdocs-rss-plugin + search); time whole ``mkdocs build`` processes of
both, alternating run by run (wall time; the peak RSS of the largest process via ``os.wait4``; the
peak of the process tree's summed PSS, sampled); time the parser and writer alone in-process.
Ours is built cold (no ``.cache/newsroom/``) and then warm (the cache the cold build left); one
release is edited under ``mkdocs serve`` and the time until the served page shows it is taken.
Prints a table, and as the last line one JSON object: ``{"releases", "newsroom_s", "newsroom_warm_s",
"peer_s", "ratio", "ratio_warm", "serve_reload_s", "convert_per_s", "convert_real_per_s",
"peak_rss_mb", "peak_tree_pss_mb"}``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.metadata as md
import importlib.util
import io
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# Real wire releases, for the conversion rate beside the synthetic one (absent: not measured).
REAL_CORPUS = ROOT.parent / "shared" / "corpus" / "releases"
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
    """Wall times (s), peak RSS and peak tree PSS (MiB) of one side's builds."""
    name: str
    wall: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    tree: list[float | None] = field(default_factory=list)

    @property
    def median(self) -> float | None:
        return statistics.median(self.wall) if self.wall else None

    @property
    def tree_peak(self) -> float | None:
        """The largest tree PSS of the runs; None when a run could not measure it (no /proc)."""
        measured = [t for t in self.tree if t is not None]
        return max(measured) if measured and len(measured) == len(self.tree) else None


# -- converting releases ------------------------------------------------------------------------

def _newsroom():  # type: ignore[no-untyped-def]
    """Import the package lazily, so ``--help`` and the generator work without it."""
    try:
        import newsroom.cli
        from newsroom import catalogue, markdown_writer, tagging
        from newsroom import wire as parser
    except ImportError as e:
        raise BenchError(f"cannot import newsroom ({e}): pip install -e '.[bench]'") from e
    return newsroom.cli, catalogue, markdown_writer, parser, tagging


def load_converter(content: Path) -> Convert:
    """Parser + writer in-process, as ``newsroom convert`` runs them: parse, detect products,
    assign tags, write front-mattered Markdown. ``content`` holds products.yml and tags.yml."""
    _, catalogue, writer, parser, tagging = _newsroom()
    cat = catalogue.load_catalogue(content / "products.yml", str(content / "products.yml"))
    vocab = tagging.load_vocabulary(content / "tags.yml", cat, str(content / "tags.yml"))

    def convert(raw: bytes, path: Path) -> str:
        release = parser.parse_release(raw, str(path))
        return writer.to_markdown(release, *tagging.classify(release.news_text, cat, vocab))
    return convert


def convert_all(paths: Sequence[Path], out_dir: Path, config: Path) -> int:
    """``newsroom convert FILE -o out_dir -f config`` for every release, in-process through
    the real command line (click), not a subprocess per file; returns how many findings it printed."""
    cli = _newsroom()[0]
    out_dir.mkdir(parents=True, exist_ok=True)
    printed = io.StringIO()
    for p in paths:
        args = ["convert", str(p), "-o", str(out_dir), "-f", str(config)]
        with contextlib.redirect_stderr(printed):
            try:
                cli.main.main(args, prog_name="newsroom", standalone_mode=False)
            except Exception as e:  # click.ClickException for a release it cannot read
                raise BenchError(f"`newsroom {' '.join(args)}` failed: {e}") from e
    made = sorted(out_dir.glob("*.md"))
    if len(made) != len(paths):
        raise BenchError(f"newsroom convert made {len(made)} Markdown files for {len(paths)} releases")
    return sum(1 for line in printed.getvalue().splitlines() if not line.startswith("wrote "))


def throughput(paths: Sequence[Path], content: Path, runs: int, check_dir: Path | None) -> float:
    """Median releases/s of parser + writer alone, in-process, bytes read beforehand.

    With ``check_dir`` (the ``newsroom convert`` output), the first release must come out the same.
    """
    convert = load_converter(content)
    data = [(p.read_bytes(), p) for p in paths]
    if check_dir is not None:
        cli_md = (check_dir / f"{paths[0].stem}.md").read_text(encoding="utf-8")
        if convert(*data[0]) != cli_md:
            raise BenchError("in-process parse + write differs from `newsroom convert` output "
                             f"for {paths[0].name}: update load_converter() to match newsroom.cli.convert")
    rates = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for raw, p in data:
            convert(raw, p)
        rates.append(len(data) / (time.perf_counter() - t0))
    return statistics.median(rates)


# -- the two sites --------------------------------------------------------------------------------

def docs_dir_of(mkdocs_yml: Path) -> str:
    """``docs_dir`` from mkdocs.yml without loading its custom YAML tags (default ``docs``)."""
    m = re.search(r"^docs_dir:\s*['\"]?([^'\"#\s]+)", mkdocs_yml.read_text(encoding="utf-8"), re.M)
    return m.group(1) if m else "docs"


def make_project(project: Path, releases: Sequence[Path], dest: Path) -> None:
    """Copy mkdocs.yml and the docs dir (the templates come with the plugin) with ``releases/`` replaced by ``releases``."""
    yml = project / "mkdocs.yml"
    dest.mkdir(parents=True)
    shutil.copy2(yml, dest / "mkdocs.yml")
    docs = docs_dir_of(yml)
    shutil.copytree(project / docs, dest / docs, ignore=shutil.ignore_patterns("__pycache__"))
    rel = dest / docs / "releases"
    shutil.rmtree(rel, ignore_errors=True)
    rel.mkdir()
    for p in releases:
        shutil.copy2(p, rel / p.name)


def make_git_history(dest: Path, corrected_every: int = 50) -> int:
    """Make the project ``dest`` a git repository as a newsroom's would be: one commit per release
    (the evening before its date), and a correction of every ``corrected_every``-th release two
    days after it (one word changed, also in the working tree), in date order, written with one
    ``git fast-import``; returns how many releases are corrected."""
    releases = dest / docs_dir_of(dest / "mkdocs.yml") / "releases"
    events: list[tuple[dt.datetime, str, bytes]] = []
    corrected = 0
    for index, path in enumerate(sorted(releases.glob("*.txt"))):
        day = dt.datetime.strptime(path.name[:10], "%Y-%m-%d").replace(tzinfo=dt.timezone.utc)
        data = path.read_bytes()
        events.append((day - dt.timedelta(hours=4), path.name, data))
        if index % corrected_every == 0:
            fixed = data.replace(b" the ", b" THE ", 1)
            if fixed != data:
                events.append((day + dt.timedelta(days=2), path.name, fixed))
                path.write_bytes(fixed)
                corrected += 1
    stream = io.BytesIO()
    folder = releases.relative_to(dest).as_posix()
    # Each commit continues the branch fast-import is writing: no marks needed.
    for when, name, data in sorted(events, key=lambda e: e[0]):
        stamp = f"Bench <bench@example.com> {int(when.timestamp())} +0000"
        message = f"{name}\n".encode()
        stream.write(f"commit refs/heads/main\ncommitter {stamp}\ndata {len(message)}\n".encode() + message)
        stream.write(f"M 100644 inline {folder}/{name}\ndata {len(data)}\n".encode() + data + b"\n")
    git = ["git", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], cwd=dest, check=True)
    subprocess.run([*git, "fast-import", "--quiet"], cwd=dest, input=stream.getvalue(), check=True)
    subprocess.run([*git, "reset", "-q"], cwd=dest, check=True)
    return corrected


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: custom tags such as !ENV become None."""


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def markdown_extensions_of(mkdocs_yml: Path) -> list:
    """The project's ``markdown_extensions``, so the peer renders the converted Markdown alike."""
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_AnyTagLoader) or {}
    return list(config.get("markdown_extensions") or [])


def make_peer(md_dir: Path, dest: Path, extensions: list, categories: bool = False) -> None:
    """Lay converted releases out as a Material blog; with ``categories`` tags double as blog categories."""
    posts = dest / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    config = PEER_MKDOCS_YML
    if extensions:
        config += yaml.safe_dump({"markdown_extensions": extensions}, sort_keys=False)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
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
        if categories and meta.get("tags") and "categories" not in meta:
            meta["categories"] = [str(t) for t in meta["tags"]]
        front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
        (posts / src.name).write_text(f"---\n{front}---\n\n{text[m.end():].lstrip()}", encoding="utf-8")


def count_pages(site: Path, pattern: str) -> int:
    """Number of files under ``site`` whose relative POSIX path matches ``pattern``."""
    rx = re.compile(pattern)
    return sum(1 for p in site.rglob("index.html") if rx.fullmatch(p.relative_to(site).as_posix()))


def tree_pss_mb(pid: int) -> float:
    """The proportional set size (MiB) of ``pid`` and all its descendants, summed: memory shared
    after a fork counts once in all, as the machine pays for it. Linux only (``/proc``)."""
    pids, kib = [pid], 0
    for current in pids:  # the list grows as each process's children are found
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as f:
                    pids.extend(int(child) for child in f.read().split())
            with open(f"/proc/{current}/smaps_rollup") as f:
                kib += next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0)
        except OSError:
            continue  # it ended meanwhile
    return kib / 1024


class TreeSampler(threading.Thread):
    """Samples ``tree_pss_mb`` every ``interval`` s until stopped; ``peak`` is None without ``/proc``."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak: float | None = 0.0 if Path("/proc/self/smaps_rollup").exists() else None
        self.done = threading.Event()

    def run(self) -> None:
        while self.peak is not None and not self.done.wait(self.interval):
            self.peak = max(self.peak, tree_pss_mb(self.pid))


def timed_build(cwd: Path, log: Path, warm: bool = False) -> tuple[float, float, float | None]:
    """Run one ``mkdocs build -q`` in ``cwd`` into ``cwd/site``; return wall s, the peak RSS (MiB) of
    the largest process of the build and the peak summed PSS (MiB) of all its processes. Cold
    (``warm`` false), the build cache ``.cache/`` is removed first; warm, the last build's is used."""
    site = cwd / "site"
    shutil.rmtree(site, ignore_errors=True)
    if not warm:
        shutil.rmtree(cwd / ".cache", ignore_errors=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", str(site)]
    with open(log, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        # The child's own rusage; its ru_maxrss is the largest of it and its waited-for workers.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        sampler.done.set()
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise BenchError(f"`mkdocs build` in {cwd} exited {proc.returncode}; log {log}:\n{tail}")
    return wall, usage.ru_maxrss / 1024, sampler.peak  # ru_maxrss is in KiB on Linux


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def serve_reload(cwd: Path, release: Path, edits: int, log: Path) -> float:
    """Median seconds from saving an edit of ``release`` (a word added to its text) to ``mkdocs
    serve`` serving its page with the edit, over ``edits`` edits, after the first build."""
    port = _free_port()
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, NO_MKDOCS_2_WARNING="1", SITE_URL="https://example.com/")
    url = f"http://127.0.0.1:{port}/releases/{release.stem}/"
    original = release.read_bytes()
    cut = original.index(b" the ", len(original) // 3)
    times = []
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        try:
            deadline = time.monotonic() + 600
            while "</html>" not in _page(url):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise BenchError(f"`mkdocs serve` in {cwd} did not serve {url}; log {log}")
                time.sleep(0.2)
            for i in range(edits):
                time.sleep(1.0)  # the watcher settles after the last rebuild
                marker = f"Zqx{i}vole"
                t0 = time.perf_counter()
                release.write_bytes(original[:cut] + f" the {marker} ".encode() + original[cut + 5:])
                while marker not in _page(url):
                    if proc.poll() is not None or time.perf_counter() - t0 > 300:
                        raise BenchError(f"`mkdocs serve` did not show the edit of {release.name}; log {log}")
                    time.sleep(0.02)
                times.append(time.perf_counter() - t0)
        finally:
            release.write_bytes(original)
            proc.send_signal(2)  # Ctrl+C: serve removes its temporary site
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return statistics.median(times)


# -- report ---------------------------------------------------------------------------------------

def _fmt(x: float | None, spec: str = ".2f") -> str:
    return "-" if x is None else format(x, spec)


def _version(dist: str) -> str:
    try:
        return md.version(dist)
    except md.PackageNotFoundError:
        return "absent"


def report(n: int, args: argparse.Namespace, ours: Runs, warm: Runs, peer: Runs, reload: float | None,
           conv: float | None, conv_real: float | None, findings: int | None) -> dict:
    """Print the table; return the JSON summary."""
    ratio = ours.median / peer.median if ours.median and peer.median else None
    ratio_warm = warm.median / peer.median if warm.median and peer.median else None
    peak = max(ours.rss) if ours.rss else None
    print(f"\nNewsroom build benchmark: {n} releases (seed {args.seed}), {args.runs} run(s) each, alternating")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}")
    print(f"mkdocs {_version('mkdocs')}, mkdocs-material {_version('mkdocs-material')}, "
          f"mkdocs-rss-plugin {_version('mkdocs-rss-plugin')}, newsroom {_version('mkdocs-newsroom')}")
    if findings:
        print(f"newsroom convert printed {findings} finding(s) for the peer's releases")
    print(f"\n{'':28}{'median s':>10}{'min s':>9}{'max s':>9}{'peak RSS MiB':>14}{'tree PSS MiB':>14}")
    for r, label in ((ours, "newsroom build, cold"), (warm, "newsroom build, warm cache"), (peer, "peer Material blog build")):
        if r.wall:
            pss = _fmt(r.tree_peak, ".0f")
            print(f"{label:28}{r.median:>10.2f}{min(r.wall):>9.2f}{max(r.wall):>9.2f}{max(r.rss):>14.0f}{pss:>14}")
        else:
            print(f"{label:28}{'skipped':>10}")
    print(f"{'ratio cold / peer':28}{_fmt(ratio, '.3f'):>10}")
    print(f"{'ratio warm / peer':28}{_fmt(ratio_warm, '.3f'):>10}")
    print(f"{'serve: save to updated page':28}{_fmt(reload):>10} s, median of {args.runs} edit(s)")
    print(f"{'convert (parse + write)':28}{_fmt(conv, '.0f'):>10} releases/s, in-process, synthetic")
    print(f"{'convert, real corpus':28}{_fmt(conv_real, '.0f'):>10} releases/s, in-process, {args.real_corpus}")
    trees = [t for t in (ours.tree_peak, warm.tree_peak) if t is not None]
    return {"releases": n, "newsroom_s": ours.median, "newsroom_warm_s": warm.median, "peer_s": peer.median,
            "ratio": ratio, "ratio_warm": ratio_warm, "serve_reload_s": reload, "convert_per_s": conv,
            "convert_real_per_s": conv_real, "peak_rss_mb": peak, "peak_tree_pss_mb": max(trees) if trees else None}


def run(args: argparse.Namespace, work: Path) -> dict:
    """All steps in ``work``; returns the JSON summary."""
    n = args.releases
    project = args.project.resolve()
    yml = project / "mkdocs.yml"
    if not yml.exists():
        raise BenchError(f"no {yml}: --project must be the newsroom project root")
    content = project / docs_dir_of(yml)
    t0 = time.perf_counter()
    releases = generate(n, work / "releases", seed=args.seed)
    print(f"generated {n} releases in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    ours, warm, peer = Runs("newsroom"), Runs("newsroom-warm"), Runs("peer")
    # Each side is one or more builds run back to back: ours cold, then warm on the cache it left.
    sides: list[tuple[list[tuple[Runs, bool]], Path, str]] = []
    if not args.skip_newsroom:
        make_project(project, releases, work / "newsroom")
        if args.git:
            corrected = make_git_history(work / "newsroom")
            print(f"git history: {n} releases committed, {corrected} corrected after publication", file=sys.stderr)
        sides.append(([(ours, False), (warm, True)], work / "newsroom", r"releases/\d{4}-\d\d-\d\d-[^/]+/index\.html"))
    findings = None
    if not args.skip_peer:
        if importlib.util.find_spec("mkdocs_rss_plugin") is None:
            raise BenchError("the peer needs mkdocs-rss-plugin: pip install -e '.[bench]'")
        t0 = time.perf_counter()
        findings = convert_all(releases, work / "converted", yml)
        print(f"newsroom convert: {n} releases in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        make_peer(work / "converted", work / "peer", markdown_extensions_of(yml), args.peer_categories)
        sides.append(([(peer, False)], work / "peer", r"blog/\d{4}/\d\d/\d\d/[^/]+/index\.html"))
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    for i in range(args.warmup + args.runs):
        order = sides if i % 2 == 0 else sides[::-1]  # ABBA: neither side always goes first
        for builds, cwd, pages in order:
            for runs, cached in builds:
                wall, rss, tree = timed_build(cwd, logs / f"{runs.name}-{i}.log", warm=cached)
                got = count_pages(cwd / "site", pages)
                if got != n:
                    raise BenchError(f"{runs.name} build made {got} release pages for {n} releases "
                                     f"(pattern {pages}); site in {cwd / 'site'}")
                warmup = i < args.warmup
                print(f"run {i + 1}{' (warm-up)' if warmup else ''}: {runs.name} {wall:.2f} s, {rss:.0f} MiB RSS, "
                      f"{_fmt(tree, '.0f')} MiB tree PSS", file=sys.stderr)
                if not warmup:
                    runs.wall.append(wall)
                    runs.rss.append(rss)
                    runs.tree.append(tree)
    reload = None
    if not args.skip_newsroom and not args.skip_serve:
        reload = serve_reload(work / "newsroom", work / "newsroom" / docs_dir_of(yml) / "releases" / releases[0].name, args.runs, logs / "serve.log")
        print(f"serve: an edit shows in {reload:.2f} s (median of {args.runs})", file=sys.stderr)
    conv = None
    if not args.skip_convert:
        check = None if args.skip_peer else work / "converted"
        conv = throughput(releases, content, args.runs, check)
    conv_real = None
    if not args.skip_convert and args.real_corpus.is_dir():
        conv_real = throughput(sorted(args.real_corpus.glob("*.txt")), content, args.runs, None)
    return report(n, args, ours, warm, peer, reload, conv, conv_real, findings)


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
    ap.add_argument("--peer-categories", action="store_true",
                    help="also file the peer's posts under blog categories named after their tags")
    ap.add_argument("--skip-convert", action="store_true", help="skip the in-process conversion throughput")
    ap.add_argument("--git", action="store_true",
                    help="make our project a git repository (a commit per release, 2%% corrected), so history is read")
    ap.add_argument("--skip-serve", action="store_true", help="skip timing an edit under mkdocs serve")
    ap.add_argument("--real-corpus", type=Path, default=REAL_CORPUS,
                    help=f"folder of real .txt releases for a second conversion rate, default {REAL_CORPUS}")
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
    except BenchError as e:  # keep the releases, sites and logs to look at
        print(f"\nbench failed: {e}\n(work files kept in {work})", file=sys.stderr)
        return 1
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
