"""Redirects: one line of redirects.yml keeps an old address answering, in every language.

    # redirects.yml
    contrastes/ancien-nom/: contrastes/nouveau-nom/

Paths are relative to the root of each language ('/' for French, '/en/' for English), end with
'/', and the target may carry an anchor ('piliers/engagement/#signes'). The page written at the old
address works on any static host: a meta refresh, a canonical link, a script that keeps the
'#anchor' the reader asked for, and a plain link for everything else.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import mkdocsyml, typography, yamlfile
from . import csp
from .errors import ContentError, Problem, describe

FILE_NAME = "redirects.yml"
MARK = "rse redirect"  # in every page written here, so a rebuild may overwrite it
# Folders of lower-case letters, digits, '-' and '_' (no '.': an old address such as '404.html/'
# would be written inside a file of the site), each followed by '/'. Used with fullmatch.
_PATH = re.compile(r"(?:[a-z0-9][a-z0-9_-]*/)+")
_ANCHOR = re.compile(r"[A-Za-z0-9][\w.:-]*")


@dataclass(frozen=True)
class Redirect:
    old: str  # 'contrastes/ancien-nom/'
    new: str  # 'contrastes/nouveau-nom/' or 'piliers/engagement/#signes'
    line: int

    @property
    def new_path(self) -> str:
        return self.new.split("#", 1)[0]


def load(root: Path, languages: tuple[str, ...] | None = None) -> list[Redirect]:
    """Parse and check redirects.yml (absent file: no redirects). Raises ContentError with located problems.

    ``languages``: the site's language codes (default: read from the project's mkdocs.yml); an
    address starting with one of them ('en/...') would write into that language's site."""
    path = Path(root) / FILE_NAME
    if not path.is_file():
        return []
    if languages is None:
        languages = _languages(Path(root))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError([Problem(FILE_NAME, "(file)", "UTF-8 text", f"undecodable bytes ({exc.reason})")]) from None
    unsafe = yamlfile.unsafe_structure(text)
    if unsafe is not None:
        raise ContentError([Problem(FILE_NAME, "(file)", yamlfile.EXPECTED, unsafe[1], line=unsafe[0] + 1, hint=unsafe[2])])
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yamlfile.load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = " ".join(str(getattr(exc, "problem", "") or exc).split())
        raise ContentError([Problem(FILE_NAME, "(file)", "lines of the form 'old/path/: new/path/'", f"invalid YAML ({reason})",
                                    line=mark.line + 1 if mark else None)]) from None
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise ContentError([Problem(FILE_NAME, "(file)", "lines of the form 'old/path/: new/path/'", describe(data), line=1)])
    problems, out = [], []
    seen: set[str] = set()
    for key, value in node.value:
        line = key.start_mark.line + 1
        old, new = key.value, value.value if isinstance(value, yaml.ScalarNode) else value
        if not isinstance(key, yaml.ScalarNode) or not _PATH.fullmatch(str(old)):
            problems.append(Problem(FILE_NAME, str(old),
                                    "an old address relative to the language root, ending with '/', such as 'contrastes/ancien-nom/'",
                                    describe(old) if isinstance(key, yaml.ScalarNode) else "a nested key", line=line,
                                    hint="Use lower-case letters, digits, '-' and '_', with '/' after each folder (no '.': "
                                         "'404.html/' would be written inside a file of the site)."))
            continue
        if old.split("/", 1)[0] in languages:
            problems.append(Problem(FILE_NAME, old, "an old address relative to the language root, not starting with a language folder ("
                                    + ", ".join(f"'{lang}/'" for lang in languages) + ")", describe(old), line=line,
                                    hint="One line serves every language: write 'contrastes/ancien-nom/', not 'en/contrastes/ancien-nom/'."))
            continue
        target = str(new) if isinstance(new, str) else ""
        target_path, _, anchor = target.partition("#")
        if (not target or not (target_path == "" or _PATH.fullmatch(target_path)) or ("#" in target and not _ANCHOR.fullmatch(anchor))
                or target_path.split("/", 1)[0] in languages):
            problems.append(Problem(FILE_NAME, old, "a new address relative to the language root, ending with '/', optionally with '#anchor'",
                                    describe(new) if not isinstance(new, yaml.Node) else "a nested value", line=line))
            continue
        if old in seen:
            problems.append(Problem(FILE_NAME, old, "each old address once", "it a second time", line=line))
            continue
        if target_path == old:
            problems.append(Problem(FILE_NAME, old, "a different address to go to", "a redirect to itself", line=line))
            continue
        seen.add(old)
        out.append(Redirect(old, target, line))
    if problems:
        raise ContentError(problems)
    return out


def _languages(root: Path) -> tuple[str, ...]:
    try:
        return mkdocsyml.languages(mkdocsyml.read(Path(root) / "mkdocs.yml"))[0]
    except (OSError, yaml.YAMLError, AttributeError, TypeError, KeyError):
        return ()


def relative(from_dir: str, to: str) -> str:
    """Relative href between two directory addresses: ('en/a/b/', 'en/c/') -> '../../c/'."""
    src = [p for p in from_dir.split("/") if p]
    dst_path, _, frag = to.partition("#")
    dst = [p for p in dst_path.split("/") if p]
    common = 0
    while common < min(len(src), len(dst)) and src[common] == dst[common]:
        common += 1
    rel = "../" * (len(src) - common) + "".join(p + "/" for p in dst[common:])
    return (rel or "./") + (f"#{frag}" if frag else "")


def page(old_address: str, new_address: str, canonical: str, lang: str) -> str:
    """The HTML written at an old address. Addresses are site-root paths such as 'en/contrastes/a/'."""
    href = relative(old_address, new_address)
    from .uistrings import translator  # the one store of interface strings (ui.yml)

    t, typeset = translator(lang), typography.text_in(lang)  # (written after the build's typography step)
    title, text = typeset(t("redirect.title")), typeset(t("redirect.text"))
    e = html.escape
    script_target = json.dumps(href)
    keep_anchor = "" if "#" in href else " + location.hash"  # keep the anchor the reader asked for
    script = f"location.replace({script_target}{keep_anchor});"
    return (
        "<!doctype html>\n"
        f'<html lang="{e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"{csp.meta([script])}\n"  # its one script, by hash (rse.csp)
        f"<title>{e(title)}</title>\n"
        f'<meta name="robots" content="noindex">\n'
        f'<meta name="generator" content="{MARK}">\n'
        f'<link rel="canonical" href="{e(canonical)}">\n'
        f'<meta http-equiv="refresh" content="0; url={e(href)}">\n'
        f"<script>{script}</script>\n"
        "</head>\n<body>\n"
        f'<p>{e(text)} <a href="{e(href)}">{e(canonical)}</a></p>\n'
        "</body>\n</html>\n"
    )


def write(items: list[Redirect], site_dir: Path, *, prefix: str, lang: str, base_url: str) -> list[Problem]:
    """Write the redirect pages of one language (its folder ``prefix``: '' or 'en/') into a built
    site; the problems of the redirects that cannot be written (an old address that still has a
    page, a target the language does not have)."""
    problems = []
    for item in items:
        old, new = prefix + item.old, prefix + item.new
        dest = site_dir / old / "index.html"
        if dest.exists() and MARK not in dest.read_text(encoding="utf-8", errors="replace"):
            problems.append(Problem(FILE_NAME, item.old, "an address that no longer has a page", f"the page /{old}",
                                    line=item.line, hint="Remove this redirect, or move the page."))
        elif not (site_dir / new.split("#", 1)[0] / "index.html").is_file():
            problems.append(Problem(FILE_NAME, item.old, "a target address that exists",
                                    f"/{new}, which the '{lang}' build does not have", line=item.line,
                                    hint="Point it to an existing page."))
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(page(old, new, base_url + new, lang), encoding="utf-8")
    return problems
