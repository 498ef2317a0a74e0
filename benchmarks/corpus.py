"""Synthetic corpora for the benchmark: the project's real page kinds, front matter and markers.

``make_project(dest, n, config="project")`` writes a complete MkDocs project into ``dest``:

* ``docs/`` with ``n`` pages per language, as twins ``name.fr.md`` / ``name.en.md``:
  the six pages the engine requires (home, overview with ``rse:comparison-table``, approaches with
  ``rse:list:approach``, pillars with ``rse:matrix``, commentary with ``rse:commentary-index``,
  sources) and ``n - 6`` data pages: pillars (``max(2, n // 50)``: a site has a handful of
  pillars, and the matrix is pillars x columns), then two thirds contrasts and one third
  approaches. Every data page has front matter valid against ``schema/page.schema.json``
  (claims, remarks, questions, signs, related; pillars answer and address the others round
  robin), the markers its kind requires, and a body of about 670 words with headings,
  relative links, a table and an admonition.
* the project's real ``mkdocs.yml``, ``hooks/``, ``overrides/``, ``schema/``, data files and the
  non-Markdown files of ``docs/`` (``config="project"``, see ``copy_project``), or a plain Material + i18n configuration with the same Markdown
  extensions and no project tweaks (``config="default"``: no hooks, no overrides, no features).

``write_hugo(dest, n)`` writes the same pages as a Hugo site (``hugo.toml``, a minimal layout,
``content/`` with ``name.fr.md`` / ``name.en.md``), for ``./dev bench`` to build with Debian's ``hugo``.

The text is generated from a fixed seed: the same ``n`` always gives the same files.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("fr", "en")

_WORDS = {
    "fr": (
        "réseau collègue équipe message projet confiance outil usage entreprise travail partage "
        "question réponse groupe direction manager processus information expérience habitude "
        "collaboration engagement contexte valeur culture document réunion client idée retour "
        "semaine mois pratique exemple raison besoin moyen effort résultat objectif sens plateforme"
    ).split(),
    "en": (
        "network colleague team message project trust tool use company work sharing question "
        "answer group management manager process information experience habit collaboration "
        "engagement context value culture document meeting customer idea feedback week month "
        "practice example reason need means effort result goal meaning platform"
    ).split(),
}
_GLUE = {
    "fr": "le la les un une des du de et ou mais donc car avec pour dans sur par sans plus moins très".split(),
    "en": "the a an of and or but so for with in on by without more less very to from that".split(),
}
_VERBS = {
    "fr": "aide change montre demande permet rejoint ouvre publie relie soutient".split(),
    "en": "helps changes shows asks allows joins opens posts links supports".split(),
}
_T: dict[str, dict[str, Any]] = {  # the words of the pages, in each language
    "fr": {
        "home": "Accueil", "overview": "Les contrastes", "approaches": "Les approches qui échouent",
        "pillars": "Les piliers du succès", "commentary": "Commentaire annoté", "sources": "Sources et à propos",
        "contrast": "Contraste", "approach": "Approche", "pillar": "Pilier",
        "cmp": "La comparaison", "effects": "Ce que cela change", "questions": "Questions à poser à une équipe",
        "signs": "Signes que le problème est présent", "links": "Liens", "workshop": "Plan d'atelier", "table": "En pratique",
        "note": "À retenir", "see": "voir aussi", "col": ("Situation", "Personnel", "Entreprise"),
        "list": "La liste", "matrix": "La matrice", "index": "Index des remarques", "table_title": "Le tableau",
    },
    "en": {
        "home": "Home", "overview": "The contrasts", "approaches": "The failing approaches",
        "pillars": "The pillars of success", "commentary": "Annotated commentary", "sources": "Sources and about",
        "contrast": "Contrast", "approach": "Approach", "pillar": "Pillar",
        "cmp": "The comparison", "effects": "What this changes", "questions": "Questions to ask a team",
        "signs": "Signs that the problem is present", "links": "Links", "workshop": "Workshop plan", "table": "In practice",
        "note": "Key point", "see": "see also", "col": ("Situation", "Personal", "At work"),
        "list": "The list", "matrix": "The matrix", "index": "Index of remarks", "table_title": "The table",
    },
}
STANCES = ("agrees", "nuances", "disagrees")


@dataclass
class Spec:
    """The shape of a corpus of ``n`` pages per language."""

    n: int
    contrasts: list[str] = field(default_factory=list)
    approaches: list[str] = field(default_factory=list)
    pillars: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, n: int) -> Spec:
        """6 required pages, then data pages (contrasts, approaches, pillars), each with its
        one-page printable plan beside it: n = 6 + 2 x data pages (n - 6 even)."""
        if n < 14 or (n - 6) % 2:
            raise ValueError("a corpus needs an even number of pages per language, at least 14 (6 required pages, "
                             "then at least 4 data pages, each with its plan page)")
        data = (n - 6) // 2
        p = max(2, n // 100)
        rest = data - p
        c = max(1, round(rest * 2 / 3))
        a = rest - c
        return cls(n=n, contrasts=[f"c{i:04d}" for i in range(1, c + 1)],
                   approaches=[f"a{i:04d}" for i in range(1, a + 1)],
                   pillars=[f"p{i:04d}" for i in range(1, p + 1)])


class _Text:
    def __init__(self, lang: str, seed: str):
        self.lang = lang
        self.rng = random.Random(f"{seed}/{lang}")

    def sentence(self, words: int = 14) -> str:
        rng, lang = self.rng, self.lang
        out = []
        for i in range(words):
            pool = _WORDS[lang] if i % 3 != 1 else (_GLUE[lang] if i % 2 else _VERBS[lang])
            out.append(rng.choice(pool))
        text = " ".join(out)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences: int = 5) -> str:
        return " ".join(self.sentence(self.rng.randint(10, 16)) for _ in range(sentences))

    def short(self, words: int = 4) -> str:
        text = " ".join(self.rng.choice(_WORDS[self.lang]) for _ in range(words))
        return text[0].upper() + text[1:]


def _dump(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100) + "---\n"


def _url(from_base: str, to_base: str) -> str:
    """Relative Markdown link between two page bases (paths inside docs/ without suffix)."""
    depth = from_base.count("/")
    return "../" * depth + to_base + ".md"


def _base_of(page_id: str) -> str:
    return {"c": "contrastes/", "a": "approches/", "p": "piliers/"}[page_id[0]] + page_id


def _data_page(spec: Spec, page_id: str, order: int, lang: str) -> str:
    """A contrast, approach or pillar page: front matter + ~670-word body with the required markers."""
    kind = {"c": "contrast", "a": "approach", "p": "pillar"}[page_id[0]]
    tx = _Text(lang, page_id)
    t = _T[lang]
    title = f"{t[kind]} {order} : {tx.short(4)}" if lang == "fr" else f"{t[kind]} {order}: {tx.short(4)}"
    # language-independent choices come from a language-independent generator
    rng = random.Random(page_id)
    claims_keys = {"contrast": ("personal", "enterprise"), "approach": ("approach",), "pillar": ("pillar",)}[kind]
    claims: dict[str, dict[str, Any]] = {key: {"text": tx.sentence(18), "source": {"article": key}} for key in claims_keys}
    if kind == "contrast" and rng.random() < 0.2:
        claims["enterprise"]["implied"] = True
    remarks = []
    for i in range(1 + rng.randrange(2)):
        remarks.append({"id": f"{page_id}-r{i + 1}", "annotates": rng.choice(claims_keys),
                        "stance": rng.choice(STANCES), "text": tx.sentence(16)})
    meta: dict = {"id": page_id, "kind": kind, "order": order, "label": f"{t[kind]} {order}"[:32],
                  "title": title, "description": tx.sentence(20), "claims": claims, "remarks": remarks}
    if kind == "pillar":
        k = spec.pillars.index(page_id)
        answers = [a for i, a in enumerate(spec.approaches) if i % len(spec.pillars) == k] or spec.approaches[:1]
        addresses = [c for i, c in enumerate(spec.contrasts) if i % len(spec.pillars) == k] or spec.contrasts[:1]
        meta["answers"], meta["addresses"] = answers, addresses
    meta["questions"] = [tx.sentence(12).rstrip(".") + " ?" if lang == "fr" else tx.sentence(12).rstrip(".") + "?"
                         for _ in range(3)]
    meta["signs"] = [tx.sentence(12) for _ in range(3)]
    minutes = [10, 15 + 5 * rng.randrange(4), 20, 10]  # a workshop plan: the steps add up to the duration
    meta["workshop"] = {"duration": sum(minutes), "group": {"min": 4, "max": 8 + rng.randrange(8)},
                        "invite": [tx.sentence(8)], "avoid": [{"who": tx.short(3), "why": tx.sentence(10)}],
                        "materials": [tx.sentence(6), tx.sentence(6)],
                        "preparation": 30, "difficulty": "moderate",
                        "steps": [{"minutes": m, "title": tx.short(2), "do": tx.sentence(16), "say": tx.sentence(12),
                                   "watch": tx.sentence(12)} for m in minutes],
                        "pitfalls": [tx.sentence(10), tx.sentence(10)], "remote": {"note": tx.sentence(14), "tools": [tx.sentence(5)]},
                        "outputs": [tx.sentence(8)], "follow_up": tx.sentence(12),
                        "before_launch": {"note": tx.sentence(14), "questions": [tx.sentence(10), tx.sentence(10)]}}
    same_kind = {"contrast": spec.contrasts, "approach": spec.approaches, "pillar": spec.pillars}[kind]
    idx = same_kind.index(page_id)
    related = [same_kind[(idx + d) % len(same_kind)] for d in (1, 2) if len(same_kind) > d]
    if related:
        meta["related"] = list(dict.fromkeys(related))
    base = _base_of(page_id)
    neighbour = same_kind[(idx + 1) % len(same_kind)]
    col = t["col"]
    rows = "\n".join(f"| {tx.short(2)} | {tx.short(3)} | {tx.short(3)} |" for _ in range(5))
    body = f"""
# {title}

{tx.paragraph(5)}

## {t['cmp']} {{#comparaison}}

<!-- rse:claims -->

## {t['effects']} {{#effets}}

{tx.paragraph(6)}

{tx.paragraph(5)} [{t['see']}]({_url(base, _base_of(neighbour))}), [{t['overview'].lower()}]({_url(base, 'contrastes/index')}).

!!! note "{t['note']}"

    {tx.paragraph(3)}

## {t['table']} {{#pratique}}

| {col[0]} | {col[1]} | {col[2]} |
|---|---|---|
{rows}

{tx.paragraph(6)}

{tx.paragraph(5)}

## {t['questions']} {{#questions}}

<!-- rse:questions -->

## {t['signs']} {{#signes}}

<!-- rse:signs -->

## {t['workshop']} {{#atelier}}

<!-- rse:workshop -->

## {t['links']} {{#liens}}

<!-- rse:relations -->
"""
    return _dump(meta) + body


def _index_page(spec: Spec, kind: str, lang: str) -> tuple[str, str]:
    """(base, text) of one of the six pages the engine requires."""
    t = _T[lang]
    tx = _Text(lang, kind)
    base, order, markers, claims = {
        "home": ("index", 0, [], {"thesis": {"text": tx.sentence(20), "source": {"article": "thesis"}}}),
        "overview": ("contrastes/index", 10, ["comparison-table"], {"synthesis": {"text": tx.sentence(18), "source": {"article": "synthesis"}}}),
        "approaches": ("approches/index", 20, ["list:approach"], None),
        "pillars": ("piliers/index", 30, ["list:pillar", "matrix"], None),
        "commentary": ("commentaire", 40, ["commentary-index"], None),
        "sources": ("sources", 50, [], None),
    }[kind]
    meta: dict = {"id": {"overview": "contrasts"}.get(kind, kind), "kind": kind, "order": order,
                  "title": t[kind], "description": tx.sentence(20)}
    if claims:
        meta["claims"] = claims
        meta["remarks"] = [{"id": f"{kind}-r1", "annotates": next(iter(claims)), "stance": "nuances",
                            "text": tx.sentence(16)}]
        markers = ["claims", *markers]
    sections = "\n\n".join(f"## {t['list'] if m.startswith('list') else t['table_title']} {{#m{i}}}\n\n{tx.paragraph(3)}\n\n<!-- rse:{m} -->"
                           for i, m in enumerate(markers))
    body = f"\n# {t[kind]}\n\n{tx.paragraph(6)}\n\n{sections}\n\n## {t['effects']} {{#suite}}\n\n{tx.paragraph(6)}\n"
    return base, _dump(meta) + body


def pages(spec: Spec):
    """Every page of the corpus: (base, language, text with front matter), base being the path
    inside docs/ without the language suffix (``contrastes/c0001``, ``contrastes/index``)."""
    for lang in LANGS:
        for kind in ("home", "overview", "approaches", "pillars", "commentary", "sources"):
            base, text = _index_page(spec, kind, lang)
            yield base, lang, text
        for group in (spec.contrasts, spec.approaches, spec.pillars):
            for order, page_id in enumerate(group, start=1):
                yield _base_of(page_id), lang, _data_page(spec, page_id, order, lang)
                yield f"{_base_of(page_id)}/atelier", lang, _plan_page(page_id)  # its printable plan (kind 'plan')


def _plan_page(page_id: str) -> str:
    """A workshop's one-page printable plan, as the project requires one beside each workshop."""
    return (f"---\nid: {page_id}-atelier\nkind: plan\norder: 1\ntitle: Plan {page_id}\ndescription: Plan {page_id}.\n"
            f"plan_of: {page_id}\n---\n\n# Plan {page_id}\n\n<!-- rse:plan -->\n")


def write_docs(docs: Path, n: int) -> Spec:
    """Write the corpus of ``n`` pages per language into ``docs`` (created)."""
    spec = Spec.of(n)
    docs.mkdir(parents=True, exist_ok=True)
    for base, lang, text in pages(spec):
        path = docs / f"{base}.{lang}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return spec


# --------------------------------------------------------------------------- the same corpus for Hugo

HUGO_CONFIG = """\
# The benchmark's corpus as a Hugo site (benchmarks/corpus.py, write_hugo): both languages,
# French at /, English at /en/, translations by file name (name.fr.md / name.en.md).
baseURL = "https://rse.example.org/"
title = "Benchmark (Hugo)"
defaultContentLanguage = "fr"
defaultContentLanguageInSubdir = false
disableKinds = ["taxonomy", "term"]
enableRobotsTXT = false

[languages.fr]
languageName = "Français"
weight = 1

[languages.en]
languageName = "English"
weight = 2

[markup.goldmark.renderer]
unsafe = true  # raw HTML (the rse: markers are HTML comments) kept, as Python-Markdown keeps it

[markup.tableOfContents]
startLevel = 2
endLevel = 3
"""

# A minimal layout doing what a Material page shows of the same data: the title, the site's
# sections, the navigation of the current section (every page of it, as Material without prune),
# the table of contents, the body and the links to the translation.
HUGO_LAYOUTS = {
    "_default/baseof.html": """\
<!doctype html>
<html lang="{{ .Language.Lang }}">
<head>
<meta charset="utf-8">
<title>{{ .Title }} - {{ .Site.Title }}</title>
<meta name="description" content="{{ .Description }}">
{{ range .Translations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}</head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
{{ range .Translations }}<a hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">{{ .Language.LanguageName }}</a>{{ end }}</header>
<nav>
<ul>{{ range .Site.Home.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
<ul>{{ range .CurrentSection.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "_default/single.html": """\
{{ define "main" }}<aside>{{ .TableOfContents }}</aside>
<article>{{ .Content }}</article>
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}<aside>{{ .TableOfContents }}</aside>
<article>{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Description }}</li>{{ end }}</ul>
</article>{{ end }}
""",
}

_MD_LINK = re.compile(r"\]\(([^)\s]+?)\.md\)")


def _hugo_link(base: str, target: str) -> str:
    """A Markdown link between pages (relative to the file's folder, as MkDocs reads it) as Hugo's
    directory URL (relative to the page's URL, one level deeper unless the page is an index)."""
    up = "" if base == "index" or base.endswith("/index") else "../"
    target = target[:-len("index")] if target == "index" or target.endswith("/index") else target + "/"
    return up + target


def _hugo_page(base: str, text: str) -> tuple[str, str]:
    """(path inside content/ without suffix, text) of one corpus page for Hugo: title,
    description and weight as Hugo reads them, the rest of the data under ``rse``; the same body."""
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    hugo_meta = {"title": meta.pop("title"), "description": meta.pop("description"), "weight": meta.get("order", 0),
                 "rse": meta}
    body = _MD_LINK.sub(lambda m: f"]({_hugo_link(base, m.group(1))})", body)
    path = base[:-len("index")] + "_index" if base == "index" or base.endswith("/index") else base
    return path, _dump(hugo_meta) + body


def write_hugo(dest: Path, n: int) -> Spec:
    """The corpus of ``n`` pages per language as a Hugo site in ``dest`` (created, emptied first):
    hugo.toml, layouts/ and content/ with the same pages, both languages."""
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    spec = Spec.of(n)
    (dest / "content").mkdir(parents=True)
    (dest / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        path = dest / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for base, lang, text in pages(spec):
        rel, page = _hugo_page(base, text)
        path = dest / "content" / f"{rel}.{lang}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
    return spec


DEFAULT_MKDOCS_YML = """\
# Default configuration: plain Material + i18n, no project tweaks; the Markdown extensions the
# project's pages were written for when the benchmark started (fixed, so the reference stays put).
site_name: Benchmark (default configuration)
site_url: https://rse.example.org/
theme:
  name: material
  language: fr
plugins:
  - search
  - i18n:
      docs_structure: suffix
      languages:
        - locale: fr
          name: Français
          default: true
        - locale: en
          name: English
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.smartsymbols
"""


SKIP = {".git", ".venv", "site", "tests", "benchmarks", "node_modules", ".pytest_cache", "build", "test-results",
        "__pycache__", ".mypy_cache", ".ruff_cache"}


def copy_project(source: Path, dest: Path, *, docs: bool = True) -> None:
    """Everything a build of ``source`` needs (config, hooks, overrides, schema, includes, data files...),
    without tests, benchmarks, virtualenvs or built sites; ``docs=False`` keeps only the non-Markdown
    files of docs/ (assets), for a synthetic corpus to go in."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for item in sorted(Path(source).iterdir()):
        if item.name in SKIP or (item.name.startswith(".") and item.name not in (".pages",)):
            continue
        if not docs and item.name == "provenance.yml":  # the real article's passages: a synthetic corpus restates none
            continue
        target = dest / item.name
        if item.name == "docs" and item.is_dir():
            if docs:
                shutil.copytree(item, target, ignore=ignore)
            else:
                shutil.copytree(item, target, ignore=shutil.ignore_patterns("__pycache__", "*.md"))
        elif item.is_dir():
            shutil.copytree(item, target, ignore=ignore)
        else:
            shutil.copy2(item, target)


def make_project(dest: Path, n: int, config: str = "project", source: Path = ROOT) -> Spec:
    """A complete MkDocs project in ``dest``: the synthetic docs plus the project's (or a default) config."""
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    if config == "project":
        copy_project(source, dest, docs=False)
    elif config == "default":
        (dest / "mkdocs.yml").write_text(DEFAULT_MKDOCS_YML, encoding="utf-8")
    else:
        raise ValueError(f"unknown config {config!r} (project or default)")
    return write_docs(dest / "docs", n)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("-n", type=int, default=10, help="pages per language")
    parser.add_argument("--config", choices=("project", "default", "hugo"), default="project")
    args = parser.parse_args()
    s = write_hugo(args.dest, args.n) if args.config == "hugo" else make_project(args.dest, args.n, args.config)
    print(f"{args.dest}: {args.n} pages per language ({len(s.contrasts)} contrasts, "
          f"{len(s.approaches)} approaches, {len(s.pillars)} pillars + 6 required pages)")
