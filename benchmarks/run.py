#!/usr/bin/env python3
"""Benchmark of the site: build time and memory, editing loop, page weight, Lighthouse.

    ./dev bench                       # everything, writes benchmarks/RESULTS.md
    ./dev bench --sizes 10,100 --runs 3 --skip lighthouse
    python benchmarks/run.py --help

Builds synthetic corpora (benchmarks/corpus.py: the project's real page kinds, front matter and
markers) of N pages per language, in both languages, with several configurations side by side,
interleaved run by run so that a change of machine load hits them all alike:

  default     plain Material + i18n, no project tweaks (the reference of the targets)
  before      the project as committed just before the issue #6 fixes (--baseline-ref), `mkdocs build`
  sequential  the working tree, both languages one after the other (`mkdocs build`)
  project     the working tree as `./dev build` builds it (RSE_PARALLEL=1: both languages at once)

Runs 2 and 3 of a configuration reuse its project folder, hence what the hooks keep in .cache/
between builds (checked pages and site, QR codes, generated content, search entries), as a writer's
successive builds do; run 1 starts without it (the "1st run" column, and the cold figures
given beside the medians).

Each build runs in a child process (benchmarks/buildonce.py); wall time and peak memory (maxrss)
come from os.wait4, the hooks' own time from timers around their event handlers.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

PY = sys.executable
VARIANTS = ("default", "before", "sequential", "project")
BASELINE_REF = "feeb52fb3465f53f4189149d3c5130e04ec43321"  # the project just before the issue #6 fixes (issue 3 done)
VARIANT_ENV = {"project": {"RSE_PARALLEL": "1"}, "seq-no-cache": {"RSE_NO_CACHE": "1"}}
ABLATION_LABELS = {
    "seq-no-window": "window of long navigation sections (hooks/nav_window.py)",
    "seq-no-prune-no-window": "`navigation.prune` and the window",
    "seq-i18n-dedup": "`reconfigure_search: false` (i18n's N×N duplicate search)",
    "seq-smartsymbols": "no `pymdownx.smartsymbols`",
    "seq-no-cache": "caches between builds (`.cache/`: checked pages and site, QR codes, Markdown conversions, generated content, search entries); every run cold",
}
# Ablations (--ablations, at the largest N): the sequential build with one issue #6 change undone,
# in a copy of the working tree; (file, text of the change, text without it).
ABLATIONS = {
    "seq-no-window": [("hooks/nav_window.py", "NAV_LONG = 24\n", "NAV_LONG = 10**9\n")],
    "seq-no-prune-no-window": [("hooks/nav_window.py", "NAV_LONG = 24\n", "NAV_LONG = 10**9\n"),
                               ("mkdocs.yml", "    - navigation.prune", "    # - navigation.prune")],
    "seq-i18n-dedup": [("mkdocs.yml", "reconfigure_search: false", "reconfigure_search: true")],
    "seq-smartsymbols": [("mkdocs.yml", "  - pymdownx.superfences\n", "  - pymdownx.superfences\n  - pymdownx.smartsymbols\n")],
    "seq-no-cache": [],  # RSE_NO_CACHE=1: nothing kept in .cache/ between builds (every run is cold)
}
# Page weight: one page of every kind (the 80 KB target holds for each); Lighthouse: the first three.
WEIGHT_PAGES = {"home": "", "contrast": "contrastes/invitation/", "comparison": "contrastes/",
                "approaches": "approches/", "approach": "approches/injonction/", "pillars (matrix)": "piliers/",
                "pillar": "piliers/strategie/", "commentary": "commentaire/", "trainer's kit": "formateurs/",
                "glossary": "glossaire/", "sources": "sources/", "404": "404.html"}
LIGHTHOUSE_PAGES = ("home", "contrast", "comparison")
EDIT_PAGE = ("docs/contrastes/invitation.fr.md", "contrastes/invitation/")
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
TARGETS = {
    "hooks_share": 0.05,      # hooks' own work <= 5% of the build, every N
    "growth": 1.2,            # cost per page at N=500 <= 1.2x cost per page at N=100
    "speedup": 4.0,           # N=500 at least 4x faster than the default configuration
    "edit_s": 1.5,            # an edit shows in <= 1.5 s, and the 20th as fast as the 1st
    "weight_kb": 80.0,        # first visit <= 80 KB compressed
}


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


# --------------------------------------------------------------------------- machine

def machine() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    def ver(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "-"

    cpu = "?"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = "?"
    try:
        kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")))
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    import yaml

    def tool(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=20).stdout.strip().splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            return "-"

    lh = HERE / "node_modules" / "lighthouse" / "package.json"
    return {
        "nproc": os.cpu_count(), "cpu": cpu, "memory": mem,
        "os": f"{platform.system()} {platform.release()}", "python": platform.python_version(),
        "mkdocs": ver("mkdocs"), "mkdocs-material": ver("mkdocs-material"),
        "mkdocs-static-i18n": ver("mkdocs-static-i18n"), "Markdown": ver("Markdown"),
        "pymdown-extensions": ver("pymdown-extensions"), "Jinja2": ver("Jinja2"),
        "PyYAML": f"{ver('PyYAML')} (libyaml {'yes' if getattr(yaml, '__with_libyaml__', False) else 'no'})",
        "jsonschema": ver("jsonschema"), "node": tool(["node", "--version"]),
        "lighthouse": json.loads(lh.read_text())["version"] if lh.is_file() else "-",
        "chromium": tool([CHROME, "--version"]).replace("Chromium ", "") if Path(CHROME).exists() else "-",
    }


# --------------------------------------------------------------------------- projects

def export_ref(ref: str, dest: Path) -> Path:
    """The project as committed at ``ref`` (git archive), for the 'before' configuration."""
    if dest.exists():
        return dest
    dest.mkdir(parents=True)
    data = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", ref],
                          check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def make_variant(dest: Path, n: int, variant: str, baseline: Path) -> Path:
    if variant == "default":
        corpus.make_project(dest, n, "default")
    elif variant == "before":
        corpus.make_project(dest, n, "project", source=baseline)
    elif variant in ("project", "sequential"):
        corpus.make_project(dest, n, "project", source=ROOT)
    elif variant in ABLATIONS:
        corpus.make_project(dest, n, "project", source=ROOT)
        for name, change, undone in ABLATIONS[variant]:
            path = dest / name
            text = path.read_text(encoding="utf-8")
            if change not in text:
                raise RuntimeError(f"ablation {variant}: {name} no longer contains {change!r}")
            path.write_text(text.replace(change, undone, 1), encoding="utf-8")
    else:
        raise SystemExit(f"unknown variant {variant!r}")
    return dest


def real_project(dest: Path, source: Path = ROOT) -> Path:
    """A copy of the real site (docs included) to build or serve without touching the work tree."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    corpus.copy_project(source, dest, docs=True)
    return dest


# --------------------------------------------------------------------------- builds

def run_build(project: Path, site: Path, *, strict: bool, profile: Path | None = None, env: dict | None = None) -> dict:
    """Build in a child process; wall time and peak RSS of that child via wait4."""
    if site.exists():
        shutil.rmtree(site)
    cmd = [PY, str(HERE / "buildonce.py"), str(project), str(site)] + (["--strict"] if strict else [])
    if profile:
        cmd += ["--profile", str(profile)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", **(env or {}))
    env.pop("RSE_ONLY_LANGUAGE", None)
    out_path = site.parent / f".{site.name}.out"
    with open(out_path, "w+") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=project)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read()
    if proc.returncode != 0:
        raise RuntimeError(f"build of {project} failed ({proc.returncode}):\n{text[-3000:]}")
    data = json.loads(text.strip().splitlines()[-1])
    data.update(wall_s=wall, maxrss_mb=usage.ru_maxrss / 1024, cpu_s=usage.ru_utime + usage.ru_stime)
    return data


def page_sizes(site: Path, rel: str) -> tuple[int, int]:
    raw = (site / rel / "index.html").read_bytes()
    return len(raw), len(gzip.compress(raw, 6))


def med(values: list[float]) -> float:
    return statistics.median(values)


def bench_builds(sizes: list[int], runs: int, variants: list[str], work: Path, baseline: Path,
                 profile: bool, ablations: list[str] = ()) -> dict:
    results: dict = {}
    for n in sizes:
        names = list(variants) + (list(ablations) if n == max(sizes) else [])
        projects = {}
        for v in names:
            try:
                projects[v] = make_variant(work / f"n{n}-{v}", n, v, baseline)
            except RuntimeError as exc:
                log(str(exc))
        variants_n = list(projects)
        spec = corpus.Spec.of(n)
        for r in range(runs):
            for v in variants_n:
                log(f"build N={n} {v} run {r + 1}/{runs} (load {loadavg()})")
                site = work / f"site-n{n}-{v}"
                data = run_build(projects[v], site, strict=(v != "default"), env=VARIANT_ENV.get(v))
                data["loadavg"] = os.getloadavg()[0]
                entry = results.setdefault(n, {}).setdefault(v, {"runs": []})
                entry["runs"].append(data)
                if r == 0:
                    entry["page_html"] = page_sizes(site, f"contrastes/{spec.contrasts[0]}")
                    entry["home_html"] = page_sizes(site, "")
                    entry["site_mb"] = sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 1e6
        if profile:
            for v in variants_n:
                prof = work / f"n{n}-{v}.prof"
                run_build(projects[v], work / f"site-n{n}-{v}-prof", strict=(v != "default"), profile=prof,
                          env=VARIANT_ENV.get(v))
                log(f"profile: {prof}")
    for n, by_variant in results.items():
        for v, entry in by_variant.items():
            walls = [x["wall_s"] for x in entry["runs"]]
            entry.update(
                wall=med(walls), wall_min=min(walls), wall_max=max(walls), first=walls[0],
                cpu=med([x["cpu_s"] for x in entry["runs"]]),
                rss=med([x["maxrss_mb"] for x in entry["runs"]]),
                hooks_share=med([x["hooks_s"] / x["build_s"] for x in entry["runs"]]),
                hooks_share_first=entry["runs"][0]["hooks_s"] / entry["runs"][0]["build_s"],
                hooks_s=med([x["hooks_s"] for x in entry["runs"]]),
                per_page_ms=med(walls) / (2 * n) * 1000,
            )
    return results


# --------------------------------------------------------------------------- editing loop

def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 5) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, ""


def bench_edits(mode: str, project: Path, edits: int) -> dict:
    """Serve ``project`` as ./dev serve (mode 'serve') or ./dev preview fr (mode 'preview'),
    then save a page ``edits`` times; each time, measure until the served HTML has the change."""
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    for name in ("RSE_ONLY_LANGUAGE", "RSE_PREVIEW", "RSE_PARALLEL"):
        env.pop(name, None)
    if mode == "preview":  # what ./dev preview fr runs
        env.update(RSE_ONLY_LANGUAGE="fr", RSE_PREVIEW="1")
    cmd = [PY, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"]
    if mode == "serve-dirty":
        cmd.append("--dirty")
    src = project / EDIT_PAGE[0]
    original = src.read_text(encoding="utf-8")
    url = f"http://127.0.0.1:{port}/{EDIT_PAGE[1]}"
    log_path = project / f".serve-{mode}.log"
    with open(log_path, "w") as logf:
        proc = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT, env=env, cwd=project,
                                start_new_session=True)
        try:
            deadline = time.monotonic() + 300
            t0 = time.perf_counter()
            while _get(url)[0] != 200:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"serve ({mode}) did not start:\n{log_path.read_text()[-2000:]}")
                time.sleep(0.1)
            startup = time.perf_counter() - t0
            time.sleep(1.0)
            times, sizes = [], []
            for i in range(edits):
                token = f"bench-edit-{i}-{time.time_ns()}"
                text = original.rstrip("\n") + f"\n\nDernière modification : {token}\n"
                t_save = time.perf_counter()
                src.write_text(text, encoding="utf-8")
                while True:
                    status, body = _get(url, timeout=30)
                    if token in body:
                        break
                    if time.perf_counter() - t_save > 120 or proc.poll() is not None:
                        raise RuntimeError(f"edit {i + 1} never showed ({mode}):\n{log_path.read_text()[-2000:]}")
                    time.sleep(0.02)
                times.append(time.perf_counter() - t_save)
                sizes.append(len(_get(f"http://127.0.0.1:{port}/search/search_index.json")[1]))
                time.sleep(0.5)
        finally:
            src.write_text(original, encoding="utf-8")
            try:
                os.killpg(proc.pid, signal.SIGINT)
                proc.wait(timeout=15)
            except ProcessLookupError:
                proc.wait()
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    return {"startup_s": startup, "times": times, "first": times[0], "last": times[-1],
            "median": med(times), "max": max(times), "index_kb": (sizes[0] / 1000, sizes[-1] / 1000)}


# --------------------------------------------------------------------------- page weight

def bench_weight(site: Path, pages: dict[str, str]) -> dict:
    """Bytes a first visit transfers (gzip as a static host), measured by loading the page in chromium."""
    import gzserve

    server, port = gzserve.serve(site)
    out: dict = {}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    try:
        if sync_playwright is None or not Path(CHROME).exists():
            for name, rel in pages.items():
                out[name] = _static_weight(site, rel)
            return out
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROME, args=CHROME_FLAGS[1:])
            try:
                for name, rel in pages.items():
                    ctx = browser.new_context(viewport={"width": 412, "height": 823})
                    page = ctx.new_page()
                    got: list = []
                    page.on("requestfinished", lambda req, got=got: got.append(req))
                    failed: list = []
                    page.on("requestfailed", lambda req, failed=failed: failed.append(req.url))
                    page.goto(f"http://127.0.0.1:{port}/{rel}", wait_until="networkidle")
                    page.wait_for_timeout(1500)
                    items = []
                    for req in got:
                        if req.url.startswith("data:"):
                            continue
                        sizes = req.sizes()
                        resp = req.response()
                        items.append({"url": req.url.split(f":{port}/", 1)[-1], "body": sizes["responseBodySize"],
                                      "headers": sizes["responseHeadersSize"], "status": resp.status if resp else 0})
                    ctx.close()
                    body = sum(i["body"] for i in items)
                    out[name] = {"kb": body / 1000, "kb_with_headers": (body + sum(i["headers"] for i in items)) / 1000,
                                 "requests": items, "failed": failed, "method": "chromium"}
            finally:
                browser.close()
    finally:
        server.shutdown()
    return out


def _static_weight(site: Path, rel: str) -> dict:
    """Fallback without a browser: the HTML and the CSS, JS and images it references, gzip-compressed."""
    html_path = site / rel / "index.html"
    html = html_path.read_text(encoding="utf-8")
    refs = set(re.findall(r'<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]*href|script[^>]+src|img[^>]+src)="([^"]+)"', html))
    items = [{"url": rel, "body": len(gzip.compress(html.encode(), 6))}]
    for ref in sorted(refs):
        if ref.startswith(("http:", "https:", "data:", "//")):
            continue
        path = (html_path.parent / ref.split("?")[0]).resolve()
        if path.is_file():
            data = path.read_bytes()
            gz = path.suffix in (".css", ".js", ".svg", ".json", ".html")
            items.append({"url": ref, "body": len(gzip.compress(data, 6)) if gz else len(data)})
    body = sum(i["body"] for i in items)
    return {"kb": body / 1000, "kb_with_headers": body / 1000, "requests": items, "failed": [], "method": "static"}


# --------------------------------------------------------------------------- lighthouse

def ensure_lighthouse() -> Path | None:
    binary = HERE / "node_modules" / ".bin" / "lighthouse"
    if binary.exists():
        return binary
    if not shutil.which("npm"):
        log("lighthouse: npm not found, skipped")
        return None
    log("lighthouse: npm ci in benchmarks/ (first use)")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(HERE)], check=True,
                   env=dict(os.environ, PUPPETEER_SKIP_DOWNLOAD="1"))
    return binary if binary.exists() else None


def bench_lighthouse(site: Path, urls: dict[str, str], work: Path, runs: int) -> dict:
    import gzserve

    binary = ensure_lighthouse()
    if binary is None or not Path(CHROME).exists():
        return {}
    server, port = gzserve.serve(site)
    out: dict = {}
    try:
        for name, rel in urls.items():
            reports = []
            for r in range(runs):
                path = work / f"lh-{name.replace('/', '-')}-{r}.json"
                cmd = [str(binary), f"http://127.0.0.1:{port}/{rel}", "--quiet", "--output=json",
                       f"--output-path={path}", "--chrome-flags=" + " ".join(CHROME_FLAGS)]
                subprocess.run(cmd, env=dict(os.environ, CHROME_PATH=CHROME), capture_output=True, timeout=300)
                if path.exists():
                    reports.append(json.loads(path.read_text()))
            if not reports:
                out[name] = {"error": "lighthouse produced no report"}
                continue
            scores = {cat: [round(100 * (rep["categories"][cat]["score"] or 0)) for rep in reports]
                      for cat in ("performance", "accessibility", "best-practices", "seo")}
            failing = sorted({f"{cat}:{ref['id']}" for rep in reports for cat in scores
                              for ref in rep["categories"][cat]["auditRefs"]
                              if ref["weight"] > 0 and rep["audits"][ref["id"]]["score"] not in (1, None)})
            metrics = {m: med([rep["audits"][m]["numericValue"] for rep in reports])
                       for m in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                                 "cumulative-layout-shift", "speed-index", "total-byte-weight")}
            out[name] = {"scores": {k: med(v) for k, v in scores.items()}, "range": {k: (min(v), max(v)) for k, v in scores.items()},
                         "failing": failing, "metrics": metrics}
    finally:
        server.shutdown()
    return out


# --------------------------------------------------------------------------- report

def fmt_s(entry: dict) -> str:
    return f"{entry['wall']:.2f} s ({entry['wall_min']:.2f}–{entry['wall_max']:.2f})"


def mark(ok: bool | None) -> str:
    return "—" if ok is None else ("**met**" if ok else "**not met**")


def write_report(path: Path, args, info: dict, builds: dict, edits: dict, weight: dict, lighthouse: dict,
                 started: str, load_start: str, load_end: str) -> str:
    L: list[str] = []
    add = L.append
    add("# Benchmark results\n")
    add(f"Generated by `./dev bench{(' ' + ' '.join(args.argv)) if args.argv else ''}` on {started} "
        f"(load average at start {load_start}, at end {load_end}). Do not edit by hand: re-run the command.\n")
    add("## Machine\n")
    add("| | |\n|---|---|")
    for k, v in info.items():
        add(f"| {k} | {v} |")
    add("")
    add("## Targets\n")
    add("| target | measured | status |\n|---|---|---|")
    sizes = sorted(builds)
    rows_targets: list[tuple[str, str, bool | None]] = []
    proj = "project"
    seq = "sequential"
    if builds and all(seq in builds[n] for n in sizes):
        worst = max(builds[n][seq]["hooks_share"] for n in sizes)
        rows_targets.append(("hooks' own work ≤ 5% of the build at every N (sequential build, median run; "
                             "in parentheses the 1st run, whose caches are cold)",
                             ", ".join(f"N={n}: {100 * builds[n][seq]['hooks_share']:.1f}% "
                                       f"({100 * builds[n][seq].get('hooks_share_first', float('nan')):.1f}%)" for n in sizes),
                             worst <= TARGETS["hooks_share"]))
        if 100 in builds and 500 in builds:
            g = builds[500][proj]["per_page_ms"] / builds[100][proj]["per_page_ms"]
            rows_targets.append(("cost per page at N=500 ≤ 1.2× cost per page at N=100",
                                 f"{builds[500][proj]['per_page_ms']:.1f} ms / {builds[100][proj]['per_page_ms']:.1f} ms = {g:.2f}×",
                                 g <= TARGETS["growth"]))
        if 500 in builds and "default" in builds[500]:
            s = builds[500]["default"]["wall"] / builds[500][proj]["wall"]
            rows_targets.append(("full bilingual build at N=500 ≥ 4× faster than the default configuration",
                                 f"{builds[500]['default']['wall']:.1f} s / {builds[500][proj]['wall']:.1f} s = {s:.2f}× "
                                 f"(1st runs, cold caches: {builds[500]['default']['first']:.1f} s / "
                                 f"{builds[500][proj]['first']:.1f} s = {builds[500]['default']['first'] / builds[500][proj]['first']:.2f}×)",
                                 s >= TARGETS["speedup"]))
    for mode, res in edits.items():
        if "times" in res:
            ok = res["max"] <= TARGETS["edit_s"] and res["last"] <= max(res["first"] * 1.25, res["first"] + 0.15)
            rows_targets.append((f"edit shows in ≤ 1.5 s, 20th as fast as 1st (`{mode}`)",
                                 f"1st {res['first']:.2f} s, 20th {res['last']:.2f} s, median {res['median']:.2f} s, max {res['max']:.2f} s",
                                 ok))
    if weight:
        worst = max(w["kb"] for w in weight.values())
        rows_targets.append(("first visit ≤ 80 KB compressed (home, contrast, comparison; FR and EN)",
                             ", ".join(f"{k}: {w['kb']:.1f} KB" for k, w in weight.items()), worst <= TARGETS["weight_kb"]))
    if lighthouse:
        allok = all(r.get("scores") and all(s == 100 for s in r["scores"].values()) for r in lighthouse.values())
        rows_targets.append(("Lighthouse 100/100/100/100, mobile (home, contrast, comparison; FR and EN)",
                             "; ".join(f"{k}: " + "/".join(str(int(s)) for s in r.get("scores", {}).values()) for k, r in lighthouse.items()),
                             allok))
    for name, measured, ok in rows_targets:
        add(f"| {name} | {measured} | {mark(ok)} |")
    add("")
    if builds:
        add("## Full bilingual build (FR + EN)\n")
        add(f"Median of {args.runs} runs, range in parentheses; N = pages per language, so a build makes 2N pages. "
            "Cost per page = wall time / 2N. Hooks = the project hooks' own time (event handlers, engine and "
            "templates) over the in-process build time. Page = a contrast page's HTML, raw / gzip.\n")
        add("| N | configuration | wall time | 1st run | cost/page | CPU | peak memory | hooks | page HTML | site |")
        add("|---|---|---|---|---|---|---|---|---|---|")
        for n in sizes:
            for v, e in builds[n].items():
                raw, gz = e["page_html"]
                hooks = "—" if v == "default" else (f"{100 * e['hooks_share']:.1f}% ({e['hooks_s']:.2f} s)" if v != "project"
                                                     else f"({e['hooks_s']:.2f} s, parent only)")
                add(f"| {n} | {v} | {fmt_s(e)} | {e['first']:.2f} s | {e['per_page_ms']:.1f} ms | {e['cpu']:.1f} s | {e['rss']:.0f} MB | "
                    f"{hooks} | {raw / 1000:.0f} / {gz / 1000:.1f} KB | {e['site_mb']:.1f} MB |")
        add("")
        main = [v for v in builds[sizes[0]] if v != "project" and v not in ABLATIONS]
        add("Ratios measured in this run (median wall times; above 1 means `project` is faster):\n")
        add("| N | " + " | ".join(f"{v} / project" for v in main) + " |")
        add("|---|" + "---|" * len(main))
        for n in sizes:
            if "project" not in builds[n]:
                continue
            add(f"| {n} | " + " | ".join(f"{builds[n][v]['wall'] / builds[n]['project']['wall']:.2f}×"
                                        for v in main if v in builds[n]) + " |")
        top = sizes[-1]
        abl = [v for v in builds[top] if v in ABLATIONS]
        if abl and "sequential" in builds[top]:
            ref = builds[top]["sequential"]
            add("")
            add(f"What each change buys, N={top}, sequential build: the same build with that one change undone "
                "(median wall time and its ratio to the sequential build of the working tree; the same for the "
                "1st run, whose caches are cold: a change to a stage that .cache/ skips on warm builds, such as "
                "the Markdown conversion, shows there; a contrast page's HTML):\n")
            add("| change undone | wall time | ratio | 1st run (cold) | ratio | hooks | page HTML |\n|---|---|---|---|---|---|---|")
            add(f"| (none: `sequential`) | {fmt_s(ref)} | 1.00× | {ref['first']:.2f} s | 1.00× | "
                f"{100 * ref['hooks_share']:.1f}% | {ref['page_html'][0] / 1000:.0f} KB |")
            for v in abl:
                e = builds[top][v]
                add(f"| {ABLATION_LABELS.get(v, v)} | {fmt_s(e)} | {e['wall'] / ref['wall']:.2f}× | "
                    f"{e['first']:.2f} s | {e['first'] / ref['first']:.2f}× | "
                    f"{100 * e['hooks_share']:.1f}% | {e['page_html'][0] / 1000:.0f} KB |")
        if len(sizes) > 1:
            add("")
            add("Growth of the cost per page (N=500 over N=100) and marginal cost per added page:\n")
            add("| configuration | cost/page N=100 | cost/page N=500 | growth | marginal ms/page 100→500 |")
            add("|---|---|---|---|---|")
            if 100 in builds and 500 in builds:
                for v in [v for v in builds[500] if v in builds[100]]:
                    a, b = builds[100][v], builds[500][v]
                    marginal = (b["wall"] - a["wall"]) / (2 * 400) * 1000
                    add(f"| {v} | {a['per_page_ms']:.1f} ms | {b['per_page_ms']:.1f} ms | "
                        f"{b['per_page_ms'] / a['per_page_ms']:.2f}× | {marginal:.1f} |")
        add("")
    if edits:
        add("## Editing loop\n")
        add(f"Time from saving `{EDIT_PAGE[0]}` (real site) to the served HTML containing the change, "
            f"{args.edits} consecutive edits (0.5 s apart).\n")
        add("| mode | startup | 1st edit | last edit | median | max | search index, 1st → last edit |\n|---|---|---|---|---|---|---|")
        for mode, r in edits.items():
            if "times" in r:
                add(f"| `{mode}` | {r['startup_s']:.1f} s | {r['first']:.2f} s | {r['last']:.2f} s | {r['median']:.2f} s | "
                    f"{r['max']:.2f} s | {r['index_kb'][0]:.0f} → {r['index_kb'][1]:.0f} KB |")
            else:
                add(f"| `{mode}` | {r.get('error')} | | | | |")
        add("")
    if weight:
        add("## Page weight (first visit)\n")
        method = next(iter(weight.values()))["method"]
        add("Bytes of response bodies a first visit transfers from a static host that gzips text "
            f"(benchmarks/gzserve.py, gzip level 6), measured by {'loading the page in chromium (every request the page makes)' if method == 'chromium' else 'summing the HTML and what it references'}; real site.\n")
        add("| page | transferred (gzip) | with headers | requests | largest |\n|---|---|---|---|---|")
        for name, w in weight.items():
            top = sorted(w["requests"], key=lambda i: -i["body"])[:3]
            add(f"| {name} | {w['kb']:.1f} KB | {w['kb_with_headers']:.1f} KB | {len(w['requests'])} | "
                + ", ".join(f"{Path(i['url']).name or i['url'] or '/'} {i['body'] / 1000:.1f}" for i in top) + " |")
        bad = {k: w["failed"] + [i["url"] for i in w["requests"] if i["status"] >= 400] for k, w in weight.items()}
        if any(bad.values()):
            add("")
            add("Failed requests: " + "; ".join(f"{k}: {', '.join(v)}" for k, v in bad.items() if v))
        add("")
    if lighthouse:
        add("## Lighthouse (mobile, simulated throttling)\n")
        add(f"Lighthouse {info.get('lighthouse')} with Debian's chromium, site served gzip-compressed; median of "
            f"{args.lighthouse_runs} run(s) per page.\n")
        add("| page | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS | failing audits |")
        add("|---|---|---|---|---|---|---|---|---|---|")
        for name, r in lighthouse.items():
            if "scores" not in r:
                add(f"| {name} | {r.get('error')} | | | | | | | | |")
                continue
            s, m = r["scores"], r["metrics"]
            add(f"| {name} | {s['performance']:.0f} | {s['accessibility']:.0f} | {s['best-practices']:.0f} | {s['seo']:.0f} | "
                f"{m['first-contentful-paint'] / 1000:.2f} s | {m['largest-contentful-paint'] / 1000:.2f} s | "
                f"{m['total-blocking-time']:.0f} ms | {m['cumulative-layout-shift']:.3f} | {', '.join(r['failing']) or '—'} |")
        add("")
    add("## What the project does about it (issue #6)\n")
    add("- **Hooks, linear in pages** (`hooks/rse/`): front matter parsed once with libyaml (one pass, "
        "the pure-Python parser only to word an error); each file parsed and checked once per process "
        "(`rse.memo`: the second language and every `mkdocs serve` rebuild reuse it) and kept in "
        "`.cache/rse-pages.pickle` between builds, keyed by the engine's code and the schema; lookups by "
        "base, kind and pillar built once per language (`Site._index`), not a scan of the site per page; "
        "QR codes kept in `.cache/rse-qr/`; Material's templates compiled once per process; "
        "the second language reuses the pages the first one read and checked. When no page file changed "
        "(same inode, size, modification and change times: `rse.site.files_digest`, as git's index), the "
        "checked site comes whole from `.cache/rse-site.pickle`: no page read, no check across pages. "
        "Cache fingerprints read the engine's code and each library's version once per process; the "
        "per-language search indexes are written with orjson (the same bytes as `json`, 8 times faster); "
        "the sitemap is computed once, by the build that has every language's pages.")
    add("- **Caches of what did not change** (`.cache/`, and in memory across `mkdocs serve` rebuilds): each "
        "page's generated content, keyed by its HTML, its address and a fingerprint of every page's data, "
        "the addresses, templates and engine (`rse.render.inputs_fingerprint`); Material's search entries of "
        "each page, keyed by its HTML, table of contents, title and search fields (`hooks/search_cache.py`). "
        "Each page's Markdown conversion, keyed by its final Markdown, its address, every file's address "
        "and the Markdown settings (`hooks/markdown_cache.py`; its warnings are logged again, links to "
        "anchors still checked). A warm build writes the same bytes as a cold one (`tests/test_build_caches.py`); "
        "CI keeps `.cache/` between runs.")
    add("- **Cold builds**: front matter checked by the schema compiled with fastjsonschema (jsonschema "
        "only words the errors); pages read once per build; YAML files read with libyaml.")
    add("- **Navigation** (`mkdocs.yml`, `hooks/nav_window.py`): `navigation.prune`, and a section longer "
        "than 24 pages shows its index, the 15 pages around the current one and a link to the index, "
        "which lists them all (tabs, previous/next and the index pages are unchanged).")
    add("- **mkdocs-static-i18n**: `reconfigure_search: false`, because its duplicate removal compares every "
        "search entry with every other one (the languages are set in `search.lang`).")
    add("- **Markdown**: no `pymdownx.smartsymbols` (a second inline pass over every page; no page used it).")
    add("- **Both languages at once**: `./dev build` sets `RSE_PARALLEL=1` (`hooks/parallel_build.py`); "
        "`tests/test_benchmark_corpus.py` checks that the site is byte for byte the sequential one.")
    add("- **Editing**: `./dev preview [fr|en]` serves one language (i18n's `build_only_locale`); "
        "`./dev serve` is unchanged. (`--dirty` cannot be used: the strict build refuses its warning.)")
    add("- **First visit**: search loads its worker and index when the reader goes for search "
        "(`overrides/partials/rse-lazy-search.html`); Material's bundle and `rse-i18n.js` are deferred; "
        "`print.css` is linked with `media=\"print\"` (not render-blocking); Material's `content.tooltips` "
        "is off (glossary terms show their definition on hover and focus); the colour scheme is set by a small "
        "inline script while the page is parsed (`overrides/partials/rse-palette.html`) instead of Material's "
        "palette component, whose start-up recomputed the style of the whole page twice (most of the remaining "
        "blocking time), and `html.no-js` becomes `js` in `<head>` (no layout shift when the bundle runs); the "
        "site's screen styles are one file (`rse.css`, accessibility fixes included): one render-blocking request "
        "fewer.\n")
    add("## Reproduce\n")
    add("```sh")
    add("./dev bench                                   # everything below, writes this file (about 20-30 min on 2 cores)")
    add("./dev bench --sizes 10,100 --skip lighthouse  # a quicker subset")
    add("./dev bench --profile --sizes 500 --variants project --skip serve,weight,lighthouse  # + cProfile dumps")
    add("python benchmarks/corpus.py /tmp/corpus -n 100   # just generate a corpus (add --config default)")
    add("```\n")
    add("How it measures: see the docstring of `benchmarks/run.py`; the corpus: `benchmarks/corpus.py`.")
    text = "\n".join(L) + "\n"
    path.write_text(text, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,100,500", help="pages per language, comma-separated (default 10,100,500)")
    parser.add_argument("--runs", type=int, default=3, help="runs per build configuration (default 3)")
    parser.add_argument("--variants", default=",".join(VARIANTS), help=f"build configurations (default {','.join(VARIANTS)})")
    parser.add_argument("--baseline-ref", default=BASELINE_REF,
                        help=f"git ref of the 'before' configuration (default {BASELINE_REF[:7]}: the last commit before the issue #6 fixes)")
    parser.add_argument("--ablations", default=",".join(ABLATIONS),
                        help="sequential builds with one change undone, at the largest N ('' for none)")
    parser.add_argument("--edits", type=int, default=20, help="consecutive edits in the editing loop (default 20)")
    parser.add_argument("--edit-modes", default="serve,preview,serve-before", help="editing loop modes")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page (median; default 3)")
    parser.add_argument("--skip", default="", help="comma-separated: build, serve, weight, lighthouse")
    parser.add_argument("--profile", action="store_true", help="also dump a cProfile of one build per configuration")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--json", type=Path, default=None, help="also write raw results as JSON")
    parser.add_argument("--work", type=Path, default=None, help="work directory (default: a temporary one, removed)")
    parser.add_argument("--from-json", type=Path, default=None,
                        help="only write the report again from the raw results of an earlier run (--json)")
    args = parser.parse_args(argv)
    args.argv = argv if argv is not None else sys.argv[1:]
    if args.from_json:
        raw = json.loads(args.from_json.read_text(encoding="utf-8"))
        for key, value in raw.get("args", {}).items():
            setattr(args, key, value)
        builds = {int(n): v for n, v in raw["builds"].items()}
        started = raw.get("started") or datetime.fromtimestamp(args.from_json.stat().st_mtime, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        print(write_report(args.out, args, raw["machine"], builds, raw["edits"], raw["weight"], raw["lighthouse"],
                           started, *raw.get("load", ["?", "?"])))
        return 0
    skip = set(filter(None, args.skip.split(",")))
    sizes = [int(x) for x in args.sizes.split(",") if x]
    variants = [v for v in args.variants.split(",") if v]
    started = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load_start = loadavg()
    work = args.work or Path(tempfile.mkdtemp(prefix="rse-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    log(f"work directory {work}; load average {load_start}")
    info = machine()
    baseline = export_ref(args.baseline_ref, work / "baseline-src")
    builds = edits = weight = lighthouse = {}
    try:
        if "build" not in skip:
            builds = bench_builds(sizes, args.runs, variants, work, baseline, args.profile,
                                  [a for a in args.ablations.split(",") if a])
        if "serve" not in skip:
            edits = {}
            for mode in filter(None, args.edit_modes.split(",")):
                source = baseline if mode.endswith("-before") else ROOT
                project = real_project(work / f"real-{mode}", source)
                base_mode = mode.removesuffix("-before")
                label = {"serve": "./dev serve", "serve-dirty": "./dev serve --dirty",
                         "preview": "./dev preview fr"}[base_mode] + (" (before)" if source != ROOT else "")
                log(f"editing loop: {label}")
                try:
                    edits[label] = bench_edits(base_mode, project, args.edits)
                except RuntimeError as exc:
                    edits[label] = {"error": str(exc).splitlines()[0]}
        if "weight" not in skip or "lighthouse" not in skip:
            real = real_project(work / "real-build")
            run_build(real, work / "real-site", strict=True, env={"RSE_PARALLEL": "1"})
            urls = {f"{name} ({lang})": (("en/" if lang == "en" else "") + rel)
                    for lang in ("fr", "en") for name, rel in WEIGHT_PAGES.items()}
            if "weight" not in skip:
                log("page weight")
                weight = bench_weight(work / "real-site", urls)
            if "lighthouse" not in skip:
                log("lighthouse")
                lighthouse = bench_lighthouse(work / "real-site", {k: v for k, v in urls.items() if k.split(" (")[0] in LIGHTHOUSE_PAGES},
                                              work, args.lighthouse_runs)
    finally:
        load_end = loadavg()
        if args.json:
            args.json.write_text(json.dumps({"machine": info, "builds": builds, "edits": edits, "weight": weight,
                                             "lighthouse": lighthouse, "started": started, "load": [load_start, load_end],
                                             "args": {"runs": args.runs, "edits": args.edits, "argv": args.argv,
                                                      "lighthouse_runs": args.lighthouse_runs}},
                                            indent=1, default=str))
    text = write_report(args.out, args, info, builds, edits, weight, lighthouse, started, load_start, load_end)
    print(text)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
