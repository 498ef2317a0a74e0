#!/usr/bin/env python3
"""Benchmark of the site: cold and warm builds side by side, peak memory, what each speed device
buys, the editing loop, ./dev test, page weight (and Lighthouse, optional).

    ./dev bench                                           # everything, writes benchmarks/RESULTS.md
    ./dev bench --sizes 10,100 --runs 1 --skip serve,test # a quick subset
    python benchmarks/run.py --help

Configurations, built side by side and interleaved run by run (a change of machine load hits them
all alike):

  default          plain Material + i18n on the synthetic corpus (benchmarks/corpus.py)
  plain-real       plain Material on the real docs: the project without `hooks:`, `custom_dir`
                   and overrides/ (the reference of the real-site target)
  plain-baked      plain Material on the project's pages as the engine makes them (benchmarks/bake.py:
                   every marker replaced by its generated HTML), real docs or synthetic corpus: the
                   project's content without its machinery. now / plain-baked is what the hooks
                   cost; plain-baked / Material what the generated content costs to convert,
                   index and render
  project          the working tree ("now")
  before           the project at --before-ref (40a2a9e: the last commit with caches between
                   builds in .cache/ and the parallel build), `mkdocs build`
  before-parallel  the same with RSE_PARALLEL=1 (both languages at once, as its ./dev build did)
  hugo             the same synthetic corpus as a Hugo site (corpus.write_hugo), Debian's `hugo`
  no-...           ablations (ABLATIONS): the working tree with one speed device undone, built on
                   the real site and at the largest N

Synthetic corpora have N pages per language (--sizes); the real site is the project's docs/.
Cold = a fresh copy of the configuration's folder (no .cache/, no site/, no Hugo cache); warm = a
second build in the same folder right after. The project keeps nothing between builds, so its warm
build should cost what its cold one does: it is reported anyway, as the check of that. `before`
writes its .cache/ during the cold build and reads it back in the warm one.

Each build runs in a child process (benchmarks/buildonce.py for MkDocs, `hugo` itself); wall time,
CPU time and peak memory (ru_maxrss, which covers the children it waited for) come from os.wait4.
Nothing is downloaded: Hugo is Debian's package (`apt-get install hugo`), skipped when missing;
Lighthouse (--lighthouse) is the only step that may run `npm ci`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "hooks"))

import corpus  # noqa: E402 - found through the sys.path lines above
from rse.checks import firstvisit  # noqa: E402 - found through the sys.path lines above

PY = sys.executable
SYNTH_VARIANTS = ("default", "plain-baked", "before", "before-parallel", "project", "hugo")
REAL_VARIANTS = ("plain-real", "plain-baked", "before", "before-parallel", "project")
BEFORE_REF = "40a2a9edbf44be06e35e456e5344133d2cc581c9"  # the last commit with .cache/ and the parallel build
VARIANT_ENV = {"before-parallel": {"RSE_PARALLEL": "1"}}
LABELS = {"default": "default Material", "plain-real": "plain Material", "plain-baked": "plain Material, baked", "project": "now", "before": "before",
          "before-parallel": "before, parallel", "hugo": "Hugo"}

# Ablations: the working tree with one speed device undone; (file, text of the device, text without it).
# tests/test_benchmark_corpus.py checks that each text is still found in the current files.
ABLATIONS = {
    "no-window": [("hooks/rse/navwindow.py", "NAV_LONG = 24\n", "NAV_LONG = 10**9\n")],
    "no-bytecode-cache": [("hooks/rse_mkdocs.py", "    env.bytecode_cache = env.bytecode_cache or _templates\n", "")],
    "no-prune": [("mkdocs.yml", "    - navigation.prune", "    # - navigation.prune")],
    "no-fast-poll": [("hooks/rse_mkdocs.py", "    internals.poll_every(server, SERVE_POLL_S)\n", "")],
}
SERVE_ONLY = ("no-fast-poll",)  # devices of `mkdocs serve` alone: measured in the editing loop, not in builds
DEVICES = {
    "no-window": "navigation window (`hooks/rse/navwindow.py`; undone: `NAV_LONG = 10**9`)",
    "no-bytecode-cache": "compiled Jinja templates kept in the process (`rse_mkdocs._CompiledTemplates`; undone: no `env.bytecode_cache`)",
    "no-prune": "`navigation.prune` (`mkdocs.yml`; undone: the feature commented out)",
    "no-fast-poll": "`mkdocs serve` looks for saved files every 0.1 s (`rse_mkdocs.on_serve`; undone: MkDocs' 0.5 s)",
}
WEIGHT_PAGES = {
    "home": "", "contrast": "contrastes/invitation/", "comparison": "contrastes/",
    "approach": "approches/anciens-modeles/", "approaches index": "approches/", "pillar": "piliers/engagement/",
    "pillars index (matrix)": "piliers/", "commentary": "commentaire/", "trainer's kit": "formateurs/",
    "glossary": "glossaire/", "sources": "sources/", "card deck": "formateurs/cartes/", "diagnostic": "diagnostic/",
    "404": "404.html",
}
LIGHTHOUSE_PAGES = ("home", "contrast", "comparison")
EDIT_PAGE = ("docs/contrastes/invitation.fr.md", "contrastes/invitation/")
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
TARGETS = {
    "real_vs_plain": 1.2,    # real site, cold `mkdocs build --strict` <= 1.2x plain Material on the same docs
    "vs_default": 1.0,       # synthetic corpora, cold: no slower than default Material at N=10, 100, 500
    "vs_hugo": 4.0,          # cold N=500 within 4x of Hugo
    "edit_median_s": 1.0,    # ./dev serve: save -> reload median <= 1.0 s, the 20th edit as fast as the 1st
    "test_s": 120.0,         # ./dev test <= 120 s on 2 cores
    "rss_vs_default": 1.5,   # peak RSS of a cold N=500 build <= default Material + 50 %
    "weight_kb": firstvisit.BUDGET / 1000,  # every page kind, both languages: <= 80 KB compressed
    "device_saving": 0.20,   # a device is kept if it saves >= 20 % somewhere a user feels it
}
TARGET_SIZES = (10, 100, 500)


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
        "hugo": tool(["hugo", "version"]).split(" BuildDate")[0] if shutil.which("hugo") else "- (not installed)",
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



def clean_env(extra: dict | None = None) -> dict:
    """The environment of a build or a server: no RSE_ switch from the caller's shell, only ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RSE_")}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", **(extra or {}))
    return env


def plain_config(text: str) -> str:
    """mkdocs.yml without the project's hooks (the `hooks:` list) and theme overrides (`custom_dir`)."""
    out, n = re.subn(r"^hooks:\n(?:[ \t]+-.*\n|[ \t]*#.*\n)+", "", text, flags=re.M)
    out, m = re.subn(r"^[ \t]+custom_dir: overrides[^\n]*\n", "", out, flags=re.M)
    if n != 1 or m != 1:
        raise RuntimeError("plain-real: mkdocs.yml no longer has one `hooks:` list and one `custom_dir: overrides`")
    return out


def apply_ablation(project: Path, name: str) -> None:
    for rel, device, undone in ABLATIONS[name]:
        path = project / rel
        text = path.read_text(encoding="utf-8")
        if device not in text:
            raise RuntimeError(f"ablation {name}: {rel} no longer contains {device!r}")
        path.write_text(text.replace(device, undone, 1), encoding="utf-8")


def make_source(dest: Path, variant: str, n: int | None, before: Path) -> Path:
    """The pristine folder of a configuration (copied afresh for every cold build); n=None: the real site."""
    if dest.exists():
        shutil.rmtree(dest)
    if variant == "hugo":
        if n is None:
            raise RuntimeError("hugo: synthetic corpora only")
        corpus.write_hugo(dest, n)
        return dest
    if variant == "default":
        if n is None:
            raise RuntimeError("default: synthetic corpora only (plain-real is its real-site twin)")
        corpus.make_project(dest, n, "default")
        return dest
    if variant == "plain-real" and n is not None:
        raise RuntimeError("plain-real: the real site only (default is its synthetic twin)")
    source = before if variant.startswith("before") else ROOT
    if n is None:
        dest.mkdir(parents=True)
        corpus.copy_project(source, dest, docs=True)
    elif source is before:
        # The corpus as the before commit wrote it: today's pages carry fields (workshop plans, a
        # claim's source) that it refuses. Its own corpus.py, run in a child process.
        subprocess.run([PY, str(before / "benchmarks" / "corpus.py"), str(dest), "-n", str(n)], check=True,
                       capture_output=True, cwd=before)
    else:
        corpus.make_project(dest, n, "project", source=source)
    if variant == "plain-baked":  # the pages as the engine makes them, before the hooks go
        subprocess.run([PY, str(HERE / "bake.py"), str(dest)], check=True, capture_output=True, cwd=dest, env=clean_env())
    if variant in ("plain-real", "plain-baked"):
        (dest / "mkdocs.yml").write_text(plain_config((dest / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
        shutil.rmtree(dest / "overrides")
    elif variant in ABLATIONS:
        apply_ablation(dest, variant)
    elif variant not in ("project", "before", "before-parallel"):
        raise SystemExit(f"unknown configuration {variant!r}")
    return dest


# --------------------------------------------------------------------------- builds

def measure(cmd: list[str], cwd: Path, env: dict, out_path: Path) -> tuple[float, resource.struct_rusage, int, str]:
    """Run ``cmd``; wall time, rusage (os.wait4), exit code and output."""
    with open(out_path, "w+") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        return wall, usage, proc.returncode, out.read()


def run_build(variant: str, project: Path, site: Path, *, strict: bool = True, profile: Path | None = None) -> dict:
    """Build ``project`` into ``site`` in a child process; wall time, CPU time and peak RSS via wait4."""
    if site.exists():
        shutil.rmtree(site)
    if variant == "hugo":
        cmd = ["hugo", "--source", str(project), "--destination", str(site), "--cacheDir", str(project / ".hugo-cache"),
               "--quiet"]
    else:
        cmd = [PY, str(HERE / "buildonce.py"), str(project), str(site)] + (["--strict"] if strict else [])
        if profile:
            cmd += ["--profile", str(profile)]
    load = os.getloadavg()[0]
    wall, usage, rc, text = measure(cmd, project, clean_env(VARIANT_ENV.get(variant)), site.parent / f".{site.name}.out")
    if rc != 0:
        raise RuntimeError(f"build of {project} ({variant}) failed ({rc}):\n{text[-3000:]}")
    data = json.loads(text.strip().splitlines()[-1]) if variant != "hugo" else {}
    data.pop("hooks_by_handler", None)
    data.update(wall_s=wall, maxrss_mb=usage.ru_maxrss / 1024, cpu_s=usage.ru_utime + usage.ru_stime, load=load)
    return data


def page_sizes(site: Path, rel: str) -> tuple[int, int] | None:
    path = site / rel / "index.html"
    if not path.is_file():
        return None
    raw = path.read_bytes()
    return len(raw), len(gzip.compress(raw, 6))


def med(values: Sequence[float]) -> float:
    return statistics.median(values)


def summarize(runs: list[dict]) -> dict:
    walls = [x["wall_s"] for x in runs]
    out = {"wall": med(walls), "wall_min": min(walls), "wall_max": max(walls),
           "cpu": med([x["cpu_s"] for x in runs]), "rss": med([x["maxrss_mb"] for x in runs]),
           "rss_max": max(x["maxrss_mb"] for x in runs), "load": med([x["load"] for x in runs])}
    if all("hooks_s" in x for x in runs):
        out["hooks_s"] = med([x["hooks_s"] for x in runs])
    return out


def place_name(place) -> str:
    return "real site" if place == "real" else f"N={place}"


def bench_builds(places: list, runs: int, variants: dict, ablations: list[str], work: Path, before: Path,
                 profile: bool = False) -> dict:
    """For each place ('real' or N), each configuration: ``runs`` times a cold build in a fresh copy,
    then a warm build in the same folder; configurations interleaved within each run."""
    results: dict = {}
    top = max((p for p in places if p != "real"), default=None)
    has_hugo = shutil.which("hugo") is not None
    for place in places:
        n = None if place == "real" else place
        tag = "real" if n is None else f"n{n}"
        names = list(variants["real" if n is None else "synthetic"])
        if place in ("real", top):
            names += [a for a in ablations if a not in names]
        if "hugo" in names and not has_hugo:
            log("hugo is not installed (Debian: apt-get install hugo): the hugo configuration is skipped")
            names.remove("hugo")
        sources = {}
        for v in names:
            try:
                sources[v] = make_source(work / f"src-{tag}-{v}", v, n, before)
            except RuntimeError as exc:
                log(str(exc))
        contrast = "contrastes/invitation" if n is None else f"contrastes/{corpus.Spec.of(n).contrasts[0]}"
        if place == places[0] and sources:  # one build left out of the results: disk caches, imports compiled once
            v = next(iter(sources))
            log(f"warm-up build, not measured: {place_name(place)} {v}")
            shutil.copytree(sources[v], work / f"warmup-{tag}-{v}", symlinks=True, dirs_exist_ok=True)
            try:
                run_build(v, work / f"warmup-{tag}-{v}", work / f"site-warmup-{tag}-{v}", strict=(v != "default"))
            except RuntimeError as exc:
                log(f"warm-up: {exc}")
        order = list(sources)
        for r in range(runs):
            for v in order[r % len(order):] + order[:r % len(order)]:  # each run starts with another configuration
                entry = results.setdefault(place, {}).setdefault(v, {"cold": [], "warm": []})
                if "error" in entry:
                    continue
                project, site = work / f"run-{tag}-{v}", work / f"site-{tag}-{v}"
                if project.exists():
                    shutil.rmtree(project)
                shutil.copytree(sources[v], project, symlinks=True)
                for mode in ("cold", "warm"):
                    log(f"build {place_name(place)} {v} {mode} run {r + 1}/{runs} (load {loadavg()})")
                    try:
                        entry[mode].append(run_build(v, project, site, strict=(v != "default")))
                    except RuntimeError as exc:  # reported, and the other configurations still measured
                        log(str(exc))
                        entry["error"] = f"{mode} build failed: " + " / ".join(str(exc).strip().splitlines()[-2:])
                        break
                    if r == 0 and mode == "cold":
                        entry["page_html"] = page_sizes(site, contrast)
                        entry["site_mb"] = sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 1e6
                        if n is None and (v == "project" or v in ABLATIONS):  # the real site's heaviest first visit (80 KB target)
                            entry["first_visit"] = max(firstvisit.every_page(site).items(), key=lambda kv: kv[1])
        if profile:
            for v in sources:
                if v == "hugo":
                    continue
                prof = work / f"{tag}-{v}.prof"
                project = work / f"run-{tag}-{v}"
                shutil.rmtree(project)
                shutil.copytree(sources[v], project, symlinks=True)
                run_build(v, project, work / f"site-{tag}-{v}-prof", strict=(v != "default"), profile=prof)
                log(f"profile (cold): {prof}")
        if n is not None:  # a synthetic place is done: its sites and copies can go (the sources stay)
            for v in sources:
                for folder in (work / f"run-{tag}-{v}", work / f"site-{tag}-{v}"):
                    shutil.rmtree(folder, ignore_errors=True)
    for by_variant in results.values():
        for entry in by_variant.values():
            entry["summary"] = {mode: summarize(entry[mode]) for mode in ("cold", "warm") if entry[mode]}
    return results


# --------------------------------------------------------------------------- ./dev test

def bench_test(pytest_args: tuple[str, ...] = ("-q",)) -> dict:
    """``./dev test -q`` once, in the working tree, with this virtualenv; its wall time."""
    env = clean_env({"RSE_VENV": sys.prefix})
    load = loadavg()
    t0 = time.perf_counter()
    proc = subprocess.run([str(ROOT / "dev"), "test", *pytest_args], cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    lines = [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]
    summary = next((line.strip("= ") for line in reversed(lines) if re.search(r"\b(passed|failed|error)", line)),
                   lines[-1] if lines else "")
    return {"wall_s": wall, "rc": proc.returncode, "summary": summary, "load_start": load, "load_end": loadavg()}
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
    env = clean_env({"RSE_ONLY_LANGUAGE": "fr", "RSE_PREVIEW": "1"} if mode == "preview" else None)  # ./dev preview fr
    cmd = [PY, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"]
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
        have_playwright = True
    except ImportError:
        have_playwright = False
    try:
        if not have_playwright or not Path(CHROME).exists():
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
                    page.on("requestfinished", got.append)
                    failed_requests: list = []
                    page.on("requestfailed", failed_requests.append)
                    page.goto(f"http://127.0.0.1:{port}/{rel}", wait_until="networkidle")
                    page.wait_for_timeout(1500)
                    failed = [req.url for req in failed_requests]
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
    """Fallback without a browser: the rule of the test that holds every page to the target (hooks/rse/checks/firstvisit.py)."""
    page = site / rel if rel.endswith(".html") else site / rel / "index.html"
    found = firstvisit.parts(site, page)
    size = sum(found.values())
    return {"kb": size / 1000, "kb_with_headers": size / 1000, "requests": [{"url": k, "body": v} for k, v in found.items()],
            "failed": [], "method": "static"}


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

def mark(ok: bool | None) -> str:
    return "not measured" if ok is None else ("**met**" if ok else "**not met**")


def _s(builds: dict, place, variant: str, mode: str = "cold") -> dict | None:
    return builds.get(place, {}).get(variant, {}).get("summary", {}).get(mode)


def _material(place) -> str:
    """The configuration a place is compared with: plain Material on the real docs, default Material on a synthetic corpus."""
    return "plain-real" if place == "real" else "default"


def _cell(s: dict | None) -> str:
    if s is None:
        return "—"
    return f"{s['wall']:.2f} s" + (f" ({s['wall_min']:.2f}–{s['wall_max']:.2f})" if s["wall_max"] > s["wall_min"] else "")


def _ratio(a: dict | None, b: dict | None, key: str = "wall") -> str:
    return f"{a[key] / b[key]:.2f}×" if a and b else "—"


def _saving(now: float, undone: float) -> float:
    """The share of the time a device saves, for someone who has it: 1 - time with it / time without it."""
    return 1 - now / undone


def targets(builds: dict, edits: dict, test: dict, weight: dict, lighthouse: dict) -> list[tuple[str, str, bool | None]]:
    rows: list[tuple[str, str, bool | None]] = []
    now, plain = _s(builds, "real", "project"), _s(builds, "real", "plain-real")
    if now and plain:
        r = now["wall"] / plain["wall"]
        rows.append((f"real site, cold `mkdocs build --strict` ≤ {TARGETS['real_vs_plain']}× plain Material on the same docs",
                     f"{now['wall']:.2f} s / {plain['wall']:.2f} s = {r:.2f}×", r <= TARGETS["real_vs_plain"]))
    else:
        rows.append((f"real site, cold `mkdocs build --strict` ≤ {TARGETS['real_vs_plain']}× plain Material", "—", None))
    for n in TARGET_SIZES:
        a, b = _s(builds, n, "project"), _s(builds, n, "default")
        rows.append((f"synthetic N={n}, cold build no slower than default Material",
                     f"{a['wall']:.2f} s / {b['wall']:.2f} s = {a['wall'] / b['wall']:.2f}×" if a and b else "—",
                     a["wall"] / b["wall"] <= TARGETS["vs_default"] if a and b else None))
    a, h = _s(builds, 500, "project"), _s(builds, 500, "hugo")
    if a and h:
        rows.append((f"synthetic N=500, cold build within {TARGETS['vs_hugo']:.0f}× of Hugo",
                     f"{a['wall']:.2f} s / {h['wall']:.2f} s = {a['wall'] / h['wall']:.2f}×", a["wall"] / h["wall"] <= TARGETS["vs_hugo"]))
    else:
        measured = [n for n in builds if n != "real" and _s(builds, n, "hugo") and _s(builds, n, "project")]
        note = (f"N=500 not measured; N={max(measured)}: {_ratio(_s(builds, max(measured), 'project'), _s(builds, max(measured), 'hugo'))}"
                if measured else "—")
        rows.append((f"synthetic N=500, cold build within {TARGETS['vs_hugo']:.0f}× of Hugo", note, None))
    serve = edits.get("serve")
    if serve and "times" in serve:
        steady = serve["last"] <= max(serve["first"] * 1.25, serve["first"] + 0.15)
        rows.append((f"`./dev serve` (real site): save → reload median ≤ {TARGETS['edit_median_s']:.1f} s, "
                     f"the last of {len(serve['times'])} edits as fast as the 1st (≤ 1.25× or +0.15 s)",
                     f"median {serve['median']:.2f} s; 1st {serve['first']:.2f} s, last {serve['last']:.2f} s, "
                     f"max {serve['max']:.2f} s", serve["median"] <= TARGETS["edit_median_s"] and steady))
    else:
        rows.append((f"`./dev serve`: save → reload median ≤ {TARGETS['edit_median_s']:.1f} s, 20th as fast as 1st",
                     serve.get("error", "—") if serve else "—", None))
    if test:
        rows.append((f"`./dev test` ≤ {TARGETS['test_s']:.0f} s", f"{test['wall_s']:.0f} s ({test['summary']})",
                     test["wall_s"] <= TARGETS["test_s"] and test["rc"] == 0))
    else:
        rows.append((f"`./dev test` ≤ {TARGETS['test_s']:.0f} s", "—", None))
    a, b = _s(builds, 500, "project"), _s(builds, 500, "default")
    rows.append((f"peak memory of a cold N=500 build ≤ default Material + {100 * (TARGETS['rss_vs_default'] - 1):.0f} %",
                 f"{a['rss']:.0f} MB / {b['rss']:.0f} MB = {a['rss'] / b['rss']:.2f}×" if a and b else "—",
                 a["rss"] / b["rss"] <= TARGETS["rss_vs_default"] if a and b else None))
    if weight:
        worst = max(weight.items(), key=lambda kv: kv[1]["kb"])
        over = [k for k, w in weight.items() if w["kb"] > TARGETS["weight_kb"]]
        rows.append((f"first visit ≤ {TARGETS['weight_kb']:.0f} KB compressed, every page kind, FR and EN ({len(weight)} pages)",
                     f"largest: {worst[0]} {worst[1]['kb']:.1f} KB" + (f"; over: {', '.join(over)}" if over else ""), not over))
    else:
        rows.append((f"first visit ≤ {TARGETS['weight_kb']:.0f} KB compressed, every page kind", "—", None))
    if lighthouse:
        allok = all(r.get("scores") and all(s == 100 for s in r["scores"].values()) for r in lighthouse.values())
        rows.append(("Lighthouse 100/100/100/100, mobile", "; ".join(
            f"{k}: " + "/".join(str(int(s)) for s in r.get("scores", {}).values()) for k, r in lighthouse.items()), allok))
    return rows


def ablation_rows(builds: dict, edits: dict, ablations: list[str]) -> list[dict]:
    """What each device buys: for each place a user feels, the time with the device undone against now."""
    top = max((p for p in builds if p != "real"), default=None)
    rows = []
    for a in ablations:
        cells: dict[tuple[object, str] | str, tuple[float, float, float]] = {}
        best: tuple[float, str] | None = None
        for place, mode in (("real", "cold"), ("real", "warm"), (top, "cold"), (top, "warm")):
            now, undone = _s(builds, place, "project", mode), _s(builds, place, a, mode)
            if now and undone:
                sv = _saving(now["wall"], undone["wall"])
                cells[(place, mode)] = (now["wall"], undone["wall"], sv)
                if place in ("real", 500) and (best is None or sv > best[0]):  # where the rule looks: not a small N
                    best = (sv, f"{place_name(place)} {mode}")
        e_now, e_undone = edits.get("serve"), edits.get(f"serve-{a}")
        if e_now and e_undone and "times" in e_now and "times" in e_undone:
            sv = _saving(e_now["median"], e_undone["median"])
            cells["edit"] = (e_now["median"], e_undone["median"], sv)
            if best is None or sv > best[0]:
                best = (sv, "editing loop")
        html_now, html_undone = (builds.get(top, {}).get(v, {}).get("page_html") for v in ("project", a))
        # Targets met now that the device's absence would miss: users would feel that too.
        breaks = []
        if "edit" in cells and cells["edit"][0] <= TARGETS["edit_median_s"] < cells["edit"][1]:
            breaks.append(f"editing loop {cells['edit'][1]:.2f} s > {TARGETS['edit_median_s']:.1f} s")
        heaviest_now, heaviest_undone = (builds.get("real", {}).get(v, {}).get("first_visit") for v in ("project", a))
        if heaviest_now and heaviest_undone and heaviest_now[1] <= firstvisit.BUDGET < heaviest_undone[1]:
            breaks.append(f"first visit of {heaviest_undone[0]} {heaviest_undone[1] / 1000:.1f} KB > {firstvisit.BUDGET / 1000:.0f} KB")
        for place, limit in (("real", TARGETS["real_vs_plain"]), (500, TARGETS["vs_default"])):
            ref = _material(place)
            base = _s(builds, place, ref)
            if base and (place, "cold") in cells:
                now_r, undone_r = cells[(place, "cold")][0] / base["wall"], cells[(place, "cold")][1] / base["wall"]
                if now_r <= limit < undone_r:
                    breaks.append(f"{place_name(place)} cold {undone_r:.2f}× > {limit}× {LABELS[ref]}")
        rows.append({"name": a, "cells": cells, "best": best, "top": top, "breaks": breaks,
                     "html": (html_now, html_undone) if html_now and html_undone else None})
    return rows


def _report_head(args, builds: dict, edits: dict, test: dict, weight: dict, lighthouse: dict, started: str,
                 load_start: str, load_end: str, info: dict) -> list[str]:
    """The title, how the run was made, the targets and what failed."""
    lines: list[str] = []
    add = lines.append
    loads = [r["load"] for by_v in builds.values() for e in by_v.values() for mode in ("cold", "warm") for r in e.get(mode, [])]
    add("# Benchmark results\n")
    add(f"Generated by `./dev bench{(' ' + ' '.join(args.argv)) if args.argv else ''}` on {started}, "
        f"{info.get('nproc')} cores; load average at start {load_start}, at end {load_end}"
        + (f", median over the builds {med(loads):.2f} (max {max(loads):.2f})" if loads else "")
        + ". Do not edit by hand: re-run the command. A load above the number of cores means other work "
        "shared the machine: the ratios (configurations interleaved run by run) are then more telling than the seconds.\n")
    add(f"`now` is the working tree (`project`); `before` is {args.before_ref[:7]} (caches in `.cache/` between builds, "
        f"parallel build with RSE_PARALLEL=1); N = synthetic pages per language (a build makes 2N pages). "
        f"{args.runs} run(s) per configuration: medians, range in parentheses. Cold = fresh copy, nothing kept; "
        "warm = a second build in the same folder right after.\n")
    add("## Targets\n")
    add("| target | measured | met? |\n|---|---|---|")
    for name, measured, ok in targets(builds, edits, test, weight, lighthouse):
        add(f"| {name} | {measured} | {mark(ok)} |")
    add("")
    failed = [f"{place_name(p)} {LABELS.get(v, v)}: {e['error']}" for p, by_v in builds.items() for v, e in by_v.items()
              if "error" in e] + [f"{r['label']}: {r['error']}" for r in edits.values() if "error" in r]
    if failed:
        add("**Failed (not in the tables):** " + "; ".join(f"`{f}`" for f in failed) + "\n")
    return lines


def _report_builds(args, builds: dict, places: list) -> list[str]:
    """Cold and warm builds side by side, content against machinery, peak memory."""
    lines: list[str] = []
    add = lines.append
    cols = ["material", "before", "before-parallel", "project", "hugo"]
    for mode in ("cold", "warm"):
        add(f"## Builds, {mode}\n")
        if mode == "cold":
            add("Wall time of one build of both languages (`mkdocs build --strict`, default Material non-strict; "
                "`hugo` for Hugo). Material = plain Material on the real docs, default Material on the synthetic corpus.\n")
        else:
            add("The same, built a second time in the same folder right after the cold build. `now` keeps nothing "
                "between builds (warm ≈ cold is expected); `before` reads its `.cache/` back.\n")
        add("| place | Material | before | before, parallel | now | Hugo | now / Material | now / before | now / Hugo |")
        add("|---|---|---|---|---|---|---|---|---|")
        for p in places:
            s = {c: _s(builds, p, _material(p) if c == "material" else c, mode) for c in cols}
            add(f"| {place_name(p)} | " + " | ".join(_cell(s[c]) for c in cols) + f" | {_ratio(s['project'], s['material'])} | "
                f"{_ratio(s['project'], s['before'])} | {_ratio(s['project'], s['hugo'])} |")
        add("")
    decomposed = [(p, _s(builds, p, _material(p)), _s(builds, p, "plain-baked"), _s(builds, p, "project")) for p in places]
    decomposed = [row for row in decomposed if all(row[1:])]
    if decomposed:
        add("## Content or machinery\n")
        add("`baked` is plain Material (no hooks, no overrides) building the project's pages as the engine makes them "
            "(benchmarks/bake.py: every marker replaced by its generated HTML, the print address first): the same "
            "content as `now`, without the project's machinery. Material = plain Material on the real docs as written, "
            "default Material on the synthetic corpus (whose pages carry the markers, not what they stand for). "
            "content = baked / Material: what the generated content costs to convert, index and render; "
            "machinery = now / baked: what reading and checking the pages, rendering the fragments, typography, "
            "compaction, the language and search set-up and the overrides cost on top. Cold builds, medians.\n")
        add("| place | Material | baked | now | content: baked / Material | machinery: now / baked | now / Material | "
            "CPU: content | CPU: machinery |\n|---|---|---|---|---|---|---|---|---|")
        for p, mat, baked, now in decomposed:
            add(f"| {place_name(p)} | {_cell(mat)} | {_cell(baked)} | {_cell(now)} | {_ratio(baked, mat)} | {_ratio(now, baked)} | "
                f"{_ratio(now, mat)} | {_ratio(baked, mat, 'cpu')} | {_ratio(now, baked, 'cpu')} |")
        add("")
    add("## Peak memory (cold builds)\n")
    add("Peak resident memory (ru_maxrss) of the build process, median of the runs.\n")
    add("| place | Material | before | before, parallel | now | Hugo | now / Material |\n|---|---|---|---|---|---|---|")
    for p in places:
        s = {c: _s(builds, p, _material(p) if c == "material" else c) for c in cols}
        add(f"| {place_name(p)} | " + " | ".join(f"{v['rss']:.0f} MB" if (v := s[c]) else "—" for c in cols)
            + f" | {_ratio(s['project'], s['material'], 'rss')} |")
    add("")
    return lines


def _report_devices(args, builds: dict, edits: dict, places: list) -> list[str]:
    """What each device buys, and the verdict of the rule."""
    lines: list[str] = []
    add = lines.append
    abl = [a for a in ABLATIONS if any(a in builds[p] for p in places) or f"serve-{a}" in edits]
    if abl:
        rows = ablation_rows(builds, edits, abl)
        top = rows[0]["top"] or 500
        add("## What each device buys\n")
        add("Each device undone in a copy of the working tree (`ABLATIONS` in `benchmarks/run.py`), built like `now`. "
            "Cell: time with the device undone / time now, and the **saving** = 1 − now / undone (the share of the "
            f"time the device saves). Verdict against the rule: keep a device that saves ≥ {100 * TARGETS['device_saving']:.0f} % "
            "somewhere a user feels it (editing loop, real site, N=500: a smaller N is shown, not counted), or without "
            "which a target met now would be missed; otherwise delete it with its tests. "
            "A saving within a few per cent of zero is noise"
            + (f"; with {args.runs} run(s) the verdicts are indicative" if args.runs < 3 else "") + ".\n")
        head = ["real site cold", "real site warm", f"N={top} cold", f"N={top} warm", "editing loop (median)"]
        add("| device | " + " | ".join(head) + f" | contrast page HTML N={top} | best saving | verdict |")
        add("|---|" + "---|" * (len(head) + 3))
        for row in rows:
            c = row["cells"]
            keys = [("real", "cold"), ("real", "warm"), (top, "cold"), (top, "warm"), "edit"]
            txt = [f"{c[k][1]:.2f} / {c[k][0]:.2f} s: {100 * c[k][2]:+.0f} %" if k in c else "—" for k in keys]
            html = (f"{row['html'][1][0] / 1000:.0f} KB → {row['html'][0][0] / 1000:.0f} KB" if row["html"] else "—")
            best = row["best"]
            if best is None:
                verdict = "not measured"
            elif best[0] >= TARGETS["device_saving"]:
                verdict = f"**keep** (saves {100 * best[0]:.0f} %, {best[1]})"
            elif row["breaks"]:
                verdict = f"**keep** (saves {100 * best[0]:.0f} % at most, but without it a met target is missed: {'; '.join(row['breaks'])})"
            else:
                rule = {"real site cold": ("real", "cold"), "real site warm": ("real", "warm"), "N=500 cold": (500, "cold"),
                        "N=500 warm": (500, "warm"), "editing loop": "edit"}
                missing = [name for name, k in rule.items() if k not in c]
                verdict = (f"**delete** (at most {100 * best[0]:.0f} %, {best[1]})"
                           + (f"; not measured: {', '.join(missing)}" if missing else ""))
            add(f"| {DEVICES[row['name']]} | " + " | ".join(txt) + f" | {html} | "
                + (f"{100 * best[0]:+.0f} %" if best else "—") + f" | {verdict} |")
        add("")
    return lines


def _report_every_build(args, builds: dict, places: list) -> list[str]:
    """The deleted devices for the record, and every build in one table."""
    lines: list[str] = []
    add = lines.append
    if any("before" in builds[p] for p in places):
        add(f"## The deleted devices, for the record (before = {args.before_ref[:7]})\n")
        add("What the devices deleted by 18e2b56 bought, measured on their own commit: the caches in `.cache/` "
            "(checked pages and site, QR codes, generated content, Markdown conversions, search entries: "
            "warm against cold) and the parallel build (RSE_PARALLEL=1 against sequential), beside `now` (cold). "
            "Its cold build writes `.cache/`; its warm build reads it.\n")
        add("| place | before cold | before warm | warm / cold | parallel cold | parallel warm | parallel / sequential (cold) "
            "| now cold | now / before cold | now / before warm |")
        add("|---|---|---|---|---|---|---|---|---|---|")
        for p in places:
            bc, bw = _s(builds, p, "before"), _s(builds, p, "before", "warm")
            pc, pw, nc = _s(builds, p, "before-parallel"), _s(builds, p, "before-parallel", "warm"), _s(builds, p, "project")
            add(f"| {place_name(p)} | {_cell(bc)} | {_cell(bw)} | {_ratio(bw, bc)} | {_cell(pc)} | {_cell(pw)} | "
                f"{_ratio(pc, bc)} | {_cell(nc)} | {_ratio(nc, bc)} | {_ratio(nc, bw)} |")
        add("")
    add("## Every build\n")
    add("CPU = user + system time of the build process and its children (Hugo and the parallel build use both cores). "
        "Hook handlers = time inside the `hooks:` event handlers (parent process only); since 18e2b56 the generated "
        "content is a Python-Markdown extension run inside each page's conversion, which that column does not count: "
        "compare it within a commit, not between `before` and `now`. "
        "Page = a contrast page's HTML, raw / gzip.\n")
    add("| place | configuration | cold | warm | CPU (cold) | peak memory (cold) | hook handlers (cold) | page HTML | site |")
    add("|---|---|---|---|---|---|---|---|---|")
    for p in places:
        for v, e in builds[p].items():
            cold, warm = e["summary"].get("cold"), e["summary"].get("warm")
            if cold is None:
                add(f"| {place_name(p)} | {LABELS.get(v, v)} | {e.get('error', 'no build')} | | | | | | |")
                continue
            ph = e.get("page_html")
            hooks = f"{cold['hooks_s']:.2f} s" if cold and cold.get("hooks_s") else "—"
            add(f"| {place_name(p)} | {LABELS.get(v, v)} | {_cell(cold)} | {_cell(warm)} | {cold['cpu']:.1f} s | "
                f"{cold['rss']:.0f} MB | {hooks} | " + (f"{ph[0] / 1000:.0f} / {ph[1] / 1000:.1f} KB" if ph else "—")
                + f" | {e.get('site_mb', 0):.1f} MB |")
    add("")
    return lines


def _report_loop_and_test(args, edits: dict, test: dict) -> list[str]:
    """The editing loop and `./dev test`."""
    lines: list[str] = []
    add = lines.append
    if edits:
        add("## Editing loop\n")
        add(f"Time from saving `{EDIT_PAGE[0]}` (real site) to the served HTML containing the change, "
            f"{args.edits} consecutive edits (0.5 s apart). `./dev serve, no-…` = the same with one device undone.\n")
        add("| mode | startup | 1st edit | last edit | median | max |\n|---|---|---|---|---|---|")
        for r in edits.values():
            if "times" in r:
                add(f"| {r['label']} | {r['startup_s']:.1f} s | {r['first']:.2f} s | {r['last']:.2f} s | {r['median']:.2f} s | "
                    f"{r['max']:.2f} s |")
            else:
                add(f"| {r['label']} | {r.get('error')} | | | | |")
        add("")
    if test:
        add("## `./dev test`\n")
        add(f"`./dev test -q` once in the working tree: {test['wall_s']:.0f} s (target {TARGETS['test_s']:.0f} s), exit code "
            f"{test['rc']}, `{test['summary']}`; load average {test['load_start']} before, {test['load_end']} after.\n")
    return lines


def _report_pages(args, info: dict, weight: dict, lighthouse: dict) -> list[str]:
    """Page weight (first visit) and Lighthouse."""
    lines: list[str] = []
    add = lines.append
    if weight:
        add("## Page weight (first visit)\n")
        method = next(iter(weight.values()))["method"]
        add("Bytes of response bodies a first visit transfers from a static host that gzips text "
            "(benchmarks/gzserve.py, gzip level 6), measured by "
            + ("loading the page in chromium (every request the page makes)" if method == "chromium" else "summing the HTML and what it references")
            + "; "
            f"real site, every page kind, both languages. Target ≤ {TARGETS['weight_kb']:.0f} KB each.\n")
        add("| page | transferred (gzip) | with headers | requests | largest | ≤ 80 KB |\n|---|---|---|---|---|---|")
        for name, w in weight.items():
            top3 = sorted(w["requests"], key=lambda i: -i["body"])[:3]
            add(f"| {name} | {w['kb']:.1f} KB | {w['kb_with_headers']:.1f} KB | {len(w['requests'])} | "
                + ", ".join(f"{Path(i['url']).name or i['url'] or '/'} {i['body'] / 1000:.1f}" for i in top3)
                + f" | {'yes' if w['kb'] <= TARGETS['weight_kb'] else '**no**'} |")
        bad = {k: w["failed"] + [i["url"] for i in w["requests"] if i.get("status", 200) >= 400 and not k.startswith("404")]
               for k, w in weight.items()}
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
    return lines


def _report_tail(info: dict, load_start: str, load_end: str) -> list[str]:
    """The machine, what the project does for speed, how to reproduce."""
    lines: list[str] = []
    add = lines.append
    add("## Machine\n")
    add("| | |\n|---|---|")
    for k, v in info.items():
        add(f"| {k} | {v} |")
    add(f"| load average | {load_start} at start, {load_end} at end |")
    add("")
    add("## What the project does for speed\n")
    add("- **Every build is cold**: nothing is kept between builds (no `.cache/`), so a build computes the whole "
        "site from its sources and code. Inside one process only, keyed by construction: Jinja reuses a compiled "
        "theme template while its source has the same checksum (`rse_mkdocs._CompiledTemplates`: the second language "
        "and every `./dev serve` rebuild), and a QR code is computed once per address (`functools.lru_cache` in "
        "`rse/public.py`).")
    add("- **Front matter**: parsed with libyaml and checked by jsonschema. fastjsonschema, which checked valid "
        "pages first, was deleted: undone on b56ab9b it bought 6.7 % of the real site's cold build (CPU, 5 runs) and "
        "3.4 % at N=500 (2 runs), under the 20 % rule. The window of long navigation sections was kept: the same "
        "ablation measured N=500 at 12.5 s with it and 18.9 s without (34 %).")
    add("- **Navigation** (`mkdocs.yml`, `hooks/rse/navwindow.py`): `navigation.prune`, and a section longer than 24 "
        "pages shows its index, the 15 pages around the current one and a link to the index, which lists them all.")
    add("- **mkdocs-static-i18n**: `reconfigure_search: false` (its duplicate removal compares every search entry "
        "with every other one); **Markdown**: no `pymdownx.smartsymbols`.")
    add("- **Editing**: `./dev preview [fr|en]` serves one language; `./dev serve` is the exact two-language site.")
    add("- **First visit**: search loads its worker and index when the reader goes for search; Material's bundle is "
        "deferred; `print.css` has `media=\"print\"`; no `content.tooltips`; the colour scheme is set by a small inline "
        "script (`overrides/partials/rse-palette.html`); the site's screen styles are one file (`rse.css`).")
    add("- What each remaining device buys is measured above (\"What each device buys\"); the deleted ones appear "
        "only in the `before` comparison.\n")
    add("## Reproduce\n")
    add("```sh")
    add("./dev bench                                    # everything but Lighthouse, writes this file (about 30 min on a quiet 2-core machine)")
    add("./dev bench --lighthouse                       # also Lighthouse (npm ci in benchmarks/ on first use)")
    add("./dev bench --sizes 10 --runs 1 --skip serve,test,weight   # a smoke run, a few minutes")
    add("./dev bench --profile --sizes 500 --variants-synthetic project --ablations '' --skip real,serve,test,weight  # + cProfile dumps")
    add("python benchmarks/corpus.py /tmp/corpus -n 100 [--config default|hugo]   # just generate a corpus")
    add("```\n")
    add("Needs Debian's `hugo` for the Hugo column (`apt-get install hugo`; skipped when missing) and chromium for the "
        "page weight (a static estimate otherwise). How it measures: the docstring of `benchmarks/run.py`; the corpus: "
        "`benchmarks/corpus.py`.")
    return lines


def write_report(path: Path, args, info: dict, builds: dict, edits: dict, test: dict, weight: dict, lighthouse: dict,
                 started: str, load_start: str, load_end: str) -> str:
    """benchmarks/RESULTS.md from the raw results: one section after the other."""
    places = [p for p in (["real"] + sorted(p for p in builds if p != "real")) if p in builds]
    lines = (_report_head(args, builds, edits, test, weight, lighthouse, started, load_start, load_end, info)
             + (_report_builds(args, builds, places) if places else []) + _report_devices(args, builds, edits, places)
             + (_report_every_build(args, builds, places) if places else []) + _report_loop_and_test(args, edits, test)
             + _report_pages(args, info, weight, lighthouse) + _report_tail(info, load_start, load_end))
    text = "\n".join(lines) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return text


# --------------------------------------------------------------------------- main

EDIT_LABELS = {"serve": "`./dev serve`", "preview": "`./dev preview fr`", "serve-before": "`./dev serve` (before)"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,100,500", help="synthetic pages per language, comma-separated (default 10,100,500)")
    parser.add_argument("--runs", type=int, default=3, help="cold + warm builds per configuration and place (default 3)")
    parser.add_argument("--variants-synthetic", default=",".join(SYNTH_VARIANTS),
                        help=f"configurations on the synthetic corpora (default {','.join(SYNTH_VARIANTS)})")
    parser.add_argument("--variants-real", default=",".join(REAL_VARIANTS),
                        help=f"configurations on the real site (default {','.join(REAL_VARIANTS)})")
    parser.add_argument("--before-ref", default=BEFORE_REF,
                        help=f"git ref of the 'before' configurations (default {BEFORE_REF[:7]}: "
                             "the last commit with .cache/ and the parallel build)")
    parser.add_argument("--ablations", default=",".join(a for a in ABLATIONS if a not in SERVE_ONLY),
                        help="devices undone, each built on the real site and at the largest N ('' for none; default: "
                             "all but those of `mkdocs serve` only)")
    parser.add_argument("--edits", type=int, default=20, help="consecutive edits in the editing loop (default 20)")
    parser.add_argument("--edit-modes", default="serve,preview,serve-before", help="editing loop modes (serve, preview, serve-before)")
    parser.add_argument("--edit-ablations", default=None,
                        help="devices undone in the editing loop (`./dev serve`), default: those of --ablations and those of serve only")
    parser.add_argument("--skip", default="", help="comma-separated steps to skip: build (synthetic), real, serve, test, weight")
    parser.add_argument("--lighthouse", action="store_true", help="also run Lighthouse (npm ci in benchmarks/ on first use)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page (median; default 3)")
    parser.add_argument("--profile", action="store_true", help="also dump a cProfile of one cold build per configuration")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--json", type=Path, default=None, help="also write raw results as JSON")
    parser.add_argument("--work", type=Path, default=None, help="work directory (default: a temporary one, removed)")
    parser.add_argument("--from-json", type=Path, default=None,
                        help="only write the report again from the raw results of an earlier run (--json)")
    return parser


def _report_again(args) -> int:
    """--from-json: the report written again from the raw results of an earlier run."""
    raw = json.loads(args.from_json.read_text(encoding="utf-8"))
    for key, value in raw.get("args", {}).items():
        setattr(args, key, value)
    builds: dict = {(k if k == "real" else int(k)): v for k, v in raw["builds"].items()}
    print(write_report(args.out, args, raw["machine"], builds, raw.get("edits", {}), raw.get("test", {}), raw.get("weight", {}),
                       raw.get("lighthouse", {}), raw.get("started", "?"), *raw.get("load", ["?", "?"])))
    return 0


def _bench_editing(args, edit_ablations: list[str], work: Path, before: Path) -> dict:
    """The editing loop of each mode (and of `./dev serve` with each device undone)."""
    edits: dict = {}
    modes = [m for m in args.edit_modes.split(",") if m] + [f"serve-{a}" for a in edit_ablations]
    for mode in modes:
        base_mode = "preview" if mode == "preview" else "serve"
        variant = "project" if mode in ("serve", "preview") else mode.removeprefix("serve-")
        label = EDIT_LABELS.get(mode) or f"`./dev serve`, {variant}"
        log(f"editing loop: {label}")
        try:
            project = make_source(work / f"edit-{mode}", variant, None, before)
            edits[mode] = dict(bench_edits(base_mode, project, args.edits), label=label)
        except RuntimeError as exc:
            edits[mode] = {"label": label, "error": str(exc).splitlines()[0]}
    return edits


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    args.argv = argv if argv is not None else sys.argv[1:]
    if args.from_json:
        return _report_again(args)
    skip = set(filter(None, args.skip.split(",")))
    unknown = skip - {"build", "real", "serve", "test", "weight", "lighthouse"}
    if unknown:
        parser.error(f"--skip: unknown step(s) {', '.join(sorted(unknown))}")
    sizes = sorted(int(x) for x in args.sizes.split(",") if x)
    ablations = [a for a in args.ablations.split(",") if a]
    edit_ablations = (ablations + [a for a in SERVE_ONLY if a not in ablations] if args.edit_ablations is None
                      else [a for a in args.edit_ablations.split(",") if a])
    for a in ablations + edit_ablations:
        if a not in ABLATIONS:
            parser.error(f"unknown ablation {a!r} (one of {', '.join(ABLATIONS)})")
    variants = {"synthetic": [v for v in args.variants_synthetic.split(",") if v],
                "real": [v for v in args.variants_real.split(",") if v]}
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    load_start = loadavg()
    work = args.work or Path(tempfile.mkdtemp(prefix="rse-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    log(f"work directory {work}; load average {load_start}")
    info = machine()
    before = export_ref(args.before_ref, work / "before-src")
    builds = {}
    edits: dict = {}
    test: dict = {}
    weight: dict = {}
    lighthouse: dict = {}
    try:
        places = ([] if "real" in skip else ["real"]) + ([] if "build" in skip else sizes)
        if places:
            builds = bench_builds(places, args.runs, variants, ablations, work, before, args.profile)
        if "serve" not in skip:
            edits = _bench_editing(args, edit_ablations, work, before)
        if "test" not in skip:
            log("./dev test -q")
            test = bench_test()
        if "weight" not in skip or args.lighthouse:
            site = work / "site-real-project"
            if not (site / "index.html").is_file():
                project = make_source(work / "run-real-project", "project", None, before)
                run_build("project", project, site)
            urls = {f"{name} ({lang})": (("en/" if lang == "en" else "") + rel)
                    for lang in ("fr", "en") for name, rel in WEIGHT_PAGES.items()}
            if "weight" not in skip:
                log("page weight")
                weight = bench_weight(site, urls)
            if args.lighthouse:
                log("lighthouse")
                lighthouse = bench_lighthouse(site, {k: v for k, v in urls.items() if k.split(" (")[0] in LIGHTHOUSE_PAGES},
                                              work, args.lighthouse_runs)
    finally:
        load_end = loadavg()
        if args.json:
            args.json.write_text(json.dumps({
                "machine": info, "builds": builds, "edits": edits, "test": test, "weight": weight,
                "lighthouse": lighthouse, "started": started, "load": [load_start, load_end],
                "args": {"runs": args.runs, "edits": args.edits, "argv": args.argv, "before_ref": args.before_ref,
                         "lighthouse_runs": args.lighthouse_runs}}, indent=1, default=str))
    text = write_report(args.out, args, info, builds, edits, test, weight, lighthouse, started, load_start, load_end)
    print(text)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
