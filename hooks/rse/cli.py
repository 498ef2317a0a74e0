"""Contributors' safety net, one command line: ``./dev COMMAND``, i.e. ``PYTHONPATH=hooks python -m rse.cli COMMAND``.

    check [--fast] [--only STEPS] [--strict-translations] [--site DIR] [--keep DIR]
          everything CI checks on content; exit status 1 on any problem
    translations [--strict] [--markdown FILE] [--mark PAGE ...]
          status of every twin pair; --mark records a pair as in sync
    addresses [--update] [--site DIR]
          compare (or rewrite) addresses.txt and anchors.txt with a build
    new contrast|approach|pillar SLUG
          create a twin pair to fill in
    check-external [--site DIR]
          ask every external link (needs the network; never run in CI)

Every problem is one line: file:line: field '...': expected ...; found .... What to do.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from . import docsfiles, glossary, redirects, scaffold
from .settings import flag
from .errors import ContentError, Problem
from .mdext import check_bodies
from .site import load_site

ROOT = Path(__file__).resolve().parents[2]
FAST_STEPS = ("frontmatter", "quotations", "mojibake", "translations")
ALL_STEPS = FAST_STEPS + ("build", "links", "addresses", "typography", "weight")
BUILT_STEPS = ("build", "links", "addresses", "typography", "weight")  # need a build


def _project(root: str | None):
    from .checks.project import Project

    return Project.load(Path(root) if root else ROOT)


class Report:
    """Prints one line per step, then its problems; remembers whether anything failed."""

    def __init__(self, out=None):
        self.out = out or sys.stdout
        self.failed = 0

    def step(self, name: str, problems: list[Problem], ok_text: str = "ok", note: str = "") -> None:
        status = ok_text if not problems else f"{len(problems)} problem(s)"
        self.print(f"check: {name:<13} {status}{note}")
        for problem in problems:
            self.print(f"  {problem}")
        self.failed += len(problems)

    def print(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)


def check_frontmatter(project) -> tuple[list[Problem], int]:
    problems: list[Problem] = []
    count = 0
    try:
        site = load_site(project.docs_dir, project.languages, project.default_language, display_root=project.root)
        count = sum(len(site.of(lang)) for lang in project.languages)
        problems.extend(site.unfinished)
        names, options = project.markdown()
        problems.extend(check_bodies(site, names, options))  # what the sanitizer would take out (rse.sanitize)
    except ContentError as exc:
        problems.extend(exc.problems)
    for loader in [lambda: redirects.load(project.root, project.languages)] + [
            lambda lang=lang: glossary.load(project.root, lang) for lang in project.languages]:
        try:
            loader()
        except ContentError as exc:
            problems.extend(exc.problems)
    return problems, count


def _chosen_steps(args) -> tuple[str, ...] | None:
    """The steps to run (--fast, --only), in their order; None (and a line on stderr) for an unknown one."""
    if not args.only:
        return FAST_STEPS if args.fast else ALL_STEPS
    wanted = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in wanted if s not in ALL_STEPS]
    if unknown:
        print(f"check: unknown step(s) {', '.join(unknown)}; steps are {', '.join(ALL_STEPS)}", file=sys.stderr)
        return None
    return tuple(s for s in ALL_STEPS if s in wanted)


def _check_sources(project, steps: tuple[str, ...], report: Report, strict_translations: bool) -> bool:
    """The steps that read the sources; whether the content can be built (no front-matter problem)."""
    from .checks import mojibake, quotes, translations

    content_ok = True
    if "frontmatter" in steps:
        problems, count = check_frontmatter(project)
        content_ok = not problems
        report.step("front matter", problems, f"ok ({count} pages, {len(project.languages)} languages)")
    if "quotations" in steps:
        pages = [(project.shown(path), path.read_text(encoding="utf-8")) for _, _, path in project.pages()]
        report.step("quotations", quotes.problems(project.root, pages), f"ok ({len(pages)} pages, {quotes.FILE_NAME})")
    if "mojibake" in steps:
        files = mojibake.content_files(project.root, project.docs_dir)
        report.step("mojibake", mojibake.scan(project.root, files), f"ok ({len(files)} files)")
    if "translations" in steps:
        try:
            items = translations.statuses(project)
        except ContentError as exc:  # translations.yml itself is damaged
            report.step("translations", exc.problems)
            return content_ok
        behind = [i for i in items if i.state != translations.UP_TO_DATE]
        if strict_translations:
            report.step("translations", translations.problems(project, items), f"ok ({len(items)} pairs up to date)")
        else:
            note = "" if not behind else f", {len(behind)} not up to date (informative; --strict-translations fails on it)"
            report.print(f"check: {'translations':<13} {len(items) - len(behind)}/{len(items)} pairs up to date{note}")
            for item in behind:
                report.print(f"  {item.base}: {item.describe()}")
    return content_ok


def _check_built(project, site_dir: Path, steps: tuple[str, ...], report: Report) -> None:
    """The steps that read the built site: links, addresses, typography, weight."""
    from .checks import addresses, built, links, published

    pages = built.read_site(site_dir)
    try:
        redirect_items = redirects.load(project.root)
    except ContentError:  # reported by the front-matter step
        redirect_items = []
    redirect_lines = {"/" + project.prefix(lang) + r.old: r.line for r in redirect_items for lang in project.languages}
    if "links" in steps:
        n_links = sum(len(p.links) for p in pages.values())
        report.step("links", links.check(project, site_dir, pages, redirect_lines),
                    f"ok ({n_links} links and anchors on {len(pages)} pages, {'+'.join(project.languages)})")
    if "addresses" in steps:
        n_addr, n_anchors = len(pages), len(addresses.current(project, pages)[1])
        report.step("addresses", addresses.check(project, pages, redirect_items),
                    f"ok ({n_addr} addresses, {n_anchors} anchors, all recorded)")
    if "typography" in steps:
        found, n_pages = published.typography_problems(site_dir)
        report.step("typography", found, f"ok (French text of {n_pages} pages, attributes and search index included)")
    if "weight" in steps:
        found, heaviest = published.weight_problems(site_dir)
        report.step("weight", found, f"ok (every page's first visit <= 80 KB; heaviest {heaviest})")


def cmd_check(args) -> int:
    steps = _chosen_steps(args)
    if steps is None:
        return 2
    project = _project(args.root)
    report = Report()
    started = time.monotonic()
    unsafe = docsfiles.problems(project.docs_dir, project.root, project.languages)
    if unsafe:  # nothing under docs/ is read before these are gone (a named pipe would block, a link leaks)
        report.step("files", unsafe)
        report.print(f"\ncheck: FAILED with {report.failed} problem(s): fix the files above first; nothing else was checked.")
        return 1
    content_ok = _check_sources(project, steps, report, args.strict_translations or flag("RSE_STRICT_TRANSLATIONS"))
    if any(s in steps for s in BUILT_STEPS):
        if not content_ok:
            report.print(f"check: {'build':<13} skipped: fix the front-matter problems above first (the build would stop on them)")
        else:
            def built(ok: bool, problems: list[Problem], output: str, seconds: float) -> None:
                report.step("build", problems, f"ok (strict, {'+'.join(project.languages)}, {seconds:.1f} s)")
                if not ok and args.verbose:
                    report.print(output)

            if args.site:
                report.print(f"check: {'build':<13} using the existing build in {args.site}")
            with _built_site(project, args.site, "check", keep=args.keep, built=built) as site_dir:
                if site_dir is not None:
                    _check_built(project, site_dir, steps, report)
    elapsed = time.monotonic() - started
    if report.failed:
        report.print(f"\ncheck: FAILED with {report.failed} problem(s) ({elapsed:.1f} s). Each line above names the file, "
                     "the line, the field and what to do.")
        return 1
    report.print(f"\ncheck: all passed ({elapsed:.1f} s)")
    return 0


def cmd_translations(args) -> int:
    from .checks import translations

    project = _project(args.root)
    unsafe = docsfiles.problems(project.docs_dir, project.root, project.languages)
    if unsafe:  # every page is read to fingerprint it: not one that must not be read (a pipe would block)
        for problem in unsafe:
            print(f"  {problem}")
        print(f"translations: {len(unsafe)} problem(s) with the files under {project.shown(project.docs_dir)}/; fix them first")
        return 1
    try:
        if args.mark:
            marked = translations.mark(project, args.mark)
            print(f"translations: marked in sync: {', '.join(marked)} (in {translations.LOCK_NAME})")
        items = translations.statuses(project)
    except ContentError as exc:
        for problem in exc.problems:
            print(f"  {problem}")
        print(f"translations: {len(exc.problems)} problem(s)")
        return 1
    print(f"translations: {len(items)} twin pair(s) ({'/'.join(project.languages)})")
    print(translations.as_text(items))
    if args.markdown:
        Path(args.markdown).open("a", encoding="utf-8").write(translations.as_markdown(items, project.languages))
    strict = args.strict or flag("RSE_STRICT_TRANSLATIONS")
    problems = translations.problems(project, items) if strict else []
    for problem in problems:
        print(f"  {problem}")
    return 1 if problems else 0


@contextlib.contextmanager
def _built_site(project, site: str | None, command: str, keep: str | None = None,
                built: Callable[[bool, list[Problem], str, float], None] | None = None):
    """The built site to read: ``--site DIR`` as it is, or a strict build into ``keep`` or a
    temporary folder (removed afterwards). ``built(ok, problems, output, seconds)`` reports the
    build (by default: the problems of a failed one). Yields None when that build fails."""
    from .checks import build

    if site:
        yield Path(site)
        return
    if keep:
        temporary, site_dir = None, Path(keep)
    else:
        temporary = Path(tempfile.mkdtemp(prefix=f"rse-{command}-"))
        site_dir = temporary / "site"
    try:
        t0 = time.monotonic()
        ok, problems, output = build.run(project, site_dir)
        if built is not None:
            built(ok, problems, output, time.monotonic() - t0)
        elif not ok:
            print(f"{command}: the strict build failed; fix this first:")
            for problem in problems:
                print(f"  {problem}")
        yield site_dir if ok else None
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)


def cmd_addresses(args) -> int:
    from .checks import addresses, built

    project = _project(args.root)
    with _built_site(project, args.site, "addresses") as site_dir:
        if site_dir is None:
            return 1
        pages = built.read_site(site_dir)
        if args.update:
            n_addr, n_anchors = addresses.write_lists(project, pages)
            print(f"addresses: wrote {addresses.ADDRESSES} ({n_addr} addresses) and {addresses.ANCHORS} ({n_anchors} anchors); commit them")
            return 0
        try:
            problems = addresses.check(project, pages, redirects.load(project.root))
        except ContentError as exc:
            problems = exc.problems
        for problem in problems:
            print(f"  {problem}")
        print("addresses: " + ("ok" if not problems else f"{len(problems)} problem(s)"))
        return 1 if problems else 0


def cmd_new(args) -> int:
    project = _project(args.root)
    try:
        paths = scaffold.create(project.docs_dir, args.kind, args.slug, project.languages, display_root=project.root)
    except ContentError as exc:
        print(f"new: {exc}", file=sys.stderr)
        return 1
    for path in paths:
        print(f"new: created {project.shown(path)}")
    print("new: replace every 'TODO' in both files (the strict build refuses them; RSE_PREVIEW=1 ./dev serve shows a preview),\n"
          "     then: ./dev translations --mark " + f"{scaffold.FOLDERS[args.kind]}/{args.slug}" + " and ./dev addresses --update")
    return 0


def cmd_check_external(args) -> int:
    from .checks import links

    project = _project(args.root)
    with _built_site(project, args.site, "check-external") as site_dir:
        if site_dir is None:
            return 1
        urls = links.external_links(project, site_dir)
        print(f"check-external: asking {len(urls)} external address(es)...")
        problems = links.check_external(project, site_dir, urls=urls)
        for problem in problems:
            print(f"  {problem}")
        print("check-external: " + ("ok" if not problems else f"{len(problems)} problem(s)"))
        return 1 if problems else 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="./dev", description=__doc__.split("\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--root", help=argparse.SUPPRESS)  # a project folder (tests use fixture copies)
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="everything CI checks on content")
    c.add_argument("--fast", action="store_true", help="no build: front matter, mojibake, translation status")
    c.add_argument("--only", help="comma-separated steps: " + ", ".join(ALL_STEPS))
    c.add_argument("--strict-translations", action="store_true", help="fail on pairs not up to date (or RSE_STRICT_TRANSLATIONS=1)")
    c.add_argument("--site", help="check this existing build instead of building")
    c.add_argument("--keep", help="build into this folder and keep it")
    c.add_argument("-v", "--verbose", action="store_true", help="print the whole build log when it fails")
    c.set_defaults(func=cmd_check)
    t = sub.add_parser("translations", help="translation status of every twin pair")
    t.add_argument("--mark", nargs="+", metavar="PAGE", help="record these pairs as in sync ('contrastes/invitation', a file, or 'all')")
    t.add_argument("--strict", action="store_true", help="exit 1 if a pair is not up to date")
    t.add_argument("--markdown", metavar="FILE", help="append a Markdown summary to FILE (e.g. $GITHUB_STEP_SUMMARY)")
    t.set_defaults(func=cmd_translations)
    a = sub.add_parser("addresses", help="check or --update addresses.txt and anchors.txt")
    a.add_argument("--update", action="store_true")
    a.add_argument("--site", help="use this existing build instead of building")
    a.set_defaults(func=cmd_addresses)
    n = sub.add_parser("new", help="create a twin pair to fill in")
    n.add_argument("kind", choices=sorted(scaffold.FOLDERS))
    n.add_argument("slug")
    n.set_defaults(func=cmd_new)
    e = sub.add_parser("check-external", help="ask every external link (network; never in CI)")
    e.add_argument("--site", help="use this existing build instead of building")
    e.set_defaults(func=cmd_check_external)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
