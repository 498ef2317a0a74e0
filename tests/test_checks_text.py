"""Checks that need no build: mojibake, unfinished pages (TODO), translation status, scaffold, redirects file.

They run the real command line (``rse.cli.main``, what ``./dev check --fast`` runs) on a copy of the
project with the small docs tree of tests/samples.py, and assert the exact lines and exit status.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import samples
from sitebuild import sample_project
from rse import placeholders, redirects
from rse.checks import links, mojibake
from rse.checks.build import from_line, parse_output
from rse.checks.project import Project
from rse.cli import main
from rse.errors import ContentError, Problem
from rse.frontmatter import parse

MOJIBAKE_HINT = "Replace it with the intended text; the file, or the text pasted into it, went through the wrong character encoding."
TODO_HINT = "Replace the placeholder with the real text (the strict build refuses unfinished pages; RSE_PREVIEW=1 shows a preview)."


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project with the small docs tree, its twin pairs marked in sync."""
    project = sample_project(tmp_path / "project")
    assert main(["--root", str(project), "translations", "--mark", "all"]) == 0
    return project


def run(project: Path, *args: str, capsys) -> tuple[int, list[str]]:
    capsys.readouterr()
    status = main(["--root", str(project), *args])
    return status, capsys.readouterr().out.splitlines()


# --- mojibake -------------------------------------------------------------------------------

@pytest.mark.parametrize(("damaged", "intended"), [("cÅ“ur", "cœur"), ("Strat̩gie Рun", "Stratégie – un")])
def test_mojibake_is_repaired_to_the_likely_text(damaged, intended):
    assert mojibake.damaged_span(f"Le {damaged} réseau") == damaged
    assert mojibake.repair(damaged) == intended


@pytest.mark.parametrize("clean", ["Ça va « bien » – l’équipe œuvre, naïve et sûre…", "Déjà vu : e\u0301té", "Straße, Ærø, São Paulo"])
def test_ordinary_text_is_not_mojibake(clean):
    assert mojibake.damaged_span(clean) is None


def test_a_file_that_is_not_utf8_is_named_with_its_line():
    problems = mojibake.check_bytes("---\ntitle: ok\n---\n\nLa stratégie.\n".encode("cp1252"), "docs/a.fr.md")
    assert [str(p) for p in problems] == [
        "docs/a.fr.md:5: field '(file)': expected UTF-8 text (this line likely reads \"La stratégie.\"); "
        "found bytes that are not UTF-8 (byte 0xE9). Save the file as UTF-8 in your editor (File > Save with encoding > UTF-8)."]


def test_mojibake_in_a_field_and_in_the_body_fails_the_fast_check(project, capsys):
    fr = project / "docs/contrastes/invitation.fr.md"
    samples.edit(fr, "title: Titre du contraste invitation", "title: Le cÅ“ur du contraste")
    page = project / "docs/commentaire.fr.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUne Strat̩gie Рun réseau vivant.\n", encoding="utf-8")
    body_line = len(page.read_text(encoding="utf-8").splitlines())

    status, out = run(project, "check", "--only", "mojibake", capsys=capsys)

    assert status == 1
    assert out[1:3] == [
        f"  docs/commentaire.fr.md:{body_line}: field '(body)': expected the likely intended text \"Stratégie – un\"; "
        f"found damaged text \"Strat̩gie Рun\" (mojibake). {MOJIBAKE_HINT}",
        f"  docs/contrastes/invitation.fr.md:{samples.line_of(fr, 'title:')}: field 'title': expected the likely intended text "
        f"\"cœur\"; found damaged text \"cÅ“ur\" (mojibake). {MOJIBAKE_HINT}",
    ]
    assert out[0] == "check: mojibake      2 problem(s)"


def test_mojibake_names_the_nested_field():
    text = "---\nid: a\nclaims:\n  personal:\n    text: \"Le cÅ“ur\"\nquestions:\n  - ok\n  - \"Strat̩gie Рun\"\n---\n\n# T\n"
    field_at = mojibake.front_matter_field_at(text)
    assert [(p.line, p.field) for p in mojibake.check_text(text, "x.md", field_at)] == [(5, "claims.personal.text"), (8, "questions[1]")]


# --- unfinished pages (TODO) ----------------------------------------------------------------

def test_placeholders_are_found_in_fields_and_body():
    source = parse("---\nid: a\ntitle: 'TODO: titre'\nsigns:\n  - fini\n  - TODO\n---\n\n"
                   "# Titre\n\nTODO: écrire.\n\n```\nTODO in code\n```\n", "docs/a.fr.md")
    assert [str(p) for p in placeholders.check(source)] == [
        f"docs/a.fr.md:3: field 'title': expected text written for readers, not a placeholder; found 'TODO: titre'. {TODO_HINT}",
        f"docs/a.fr.md:6: field 'signs[1]': expected text written for readers, not a placeholder; found 'TODO'. {TODO_HINT}",
        f"docs/a.fr.md:11: field '(body)': expected text written for readers, not a placeholder; found 'TODO: écrire.'. {TODO_HINT}",
    ]


# --- scaffold -------------------------------------------------------------------------------

def test_new_contrast_takes_the_next_order_and_is_refused_until_filled(project, capsys):
    status, out = run(project, "new", "contrast", "visibilite", capsys=capsys)
    assert status == 0
    assert out[:4] == ["new: created docs/contrastes/visibilite.fr.md", "new: created docs/contrastes/visibilite.en.md",
                       "new: created docs/contrastes/visibilite/atelier.fr.md", "new: created docs/contrastes/visibilite/atelier.en.md"]
    fr, en = project / "docs/contrastes/visibilite.fr.md", project / "docs/contrastes/visibilite.en.md"
    meta = parse(fr.read_text(encoding="utf-8"), "fr").meta
    assert (meta["id"], meta["kind"], meta["order"]) == ("visibilite", "contrast", 3)  # samples: contrasts 1 and 2
    assert parse(en.read_text(encoding="utf-8"), "en").meta["order"] == 3

    status, out = run(project, "check", "--fast", capsys=capsys)

    assert status == 1
    # 36 TODO per twin: each claim's source, the workshop plan's texts (each step's title, 'say' and 'watch', its pitfall
    # and remote variant included), and the plan page's label
    assert out[0] == "check: front matter  72 problem(s)"
    assert (f"  docs/contrastes/visibilite.fr.md:{samples.line_of(fr, 'title:')}: field 'title': expected text written for "
            f"readers, not a placeholder; found 'TODO: titre de la page'. {TODO_HINT}") in out
    assert (f"  docs/contrastes/visibilite.en.md:{samples.line_of(en, '# TODO')}: field '(body)': expected text written for "
            f"readers, not a placeholder; found '# TODO: page title'. {TODO_HINT}") in out
    # nothing else is wrong with a fresh scaffold: every problem is a TODO
    assert all("not a placeholder" in line for line in out[1:25])


def test_new_pillar_gets_valid_references_and_approach_its_own_order(project, capsys):
    assert run(project, "new", "pillar", "strategie", capsys=capsys)[0] == 0
    meta = parse((project / "docs/piliers/strategie.fr.md").read_text(encoding="utf-8"), "fr").meta
    assert (meta["order"], meta["answers"], meta["addresses"]) == (2, ["injonction"], ["invitation"])
    assert run(project, "new", "approach", "hors-processus", capsys=capsys)[0] == 0
    assert parse((project / "docs/approches/hors-processus.en.md").read_text(encoding="utf-8"), "en").meta["order"] == 2


def test_new_refuses_a_bad_slug_and_an_existing_page(project, capsys):
    assert main(["--root", str(project), "new", "contrast", "Visibilité"]) == 1
    assert capsys.readouterr().err.strip() == ("new: ./dev new: field 'slug': expected a lowercase name of letters, digits and "
                                               "single hyphens, such as 'visibilite'; found 'Visibilité'.")
    assert main(["--root", str(project), "new", "contrast", "invitation"]) == 1
    assert "docs/contrastes/invitation.fr.md: field '(file)': expected a page that does not exist yet" in capsys.readouterr().err


# --- translation status ---------------------------------------------------------------------

def test_a_french_edit_makes_the_english_twin_outdated(project, capsys):
    fr = project / "docs/contrastes/invitation.fr.md"
    fr.write_text(fr.read_text(encoding="utf-8") + "\nUn paragraphe ajouté en français.\n", encoding="utf-8")

    status, out = run(project, "translations", capsys=capsys)
    assert status == 0  # informative by default
    assert "  !! contrastes/invitation          en outdated: the fr twin changed since the pair was last marked in sync" in out
    assert out[-1] == "  12 pair(s): 11 up to date, 1 outdated"  # 8 pages, 4 printable plans

    status, out = run(project, "check", "--fast", "--strict-translations", capsys=capsys)
    assert status == 1
    assert out[3:5] == [
        "check: translations  1 problem(s)",
        "  docs/contrastes/invitation.en.md: field '(translation)': expected a translation of the current "
        "docs/contrastes/invitation.fr.md; found a twin last marked in sync with an older version of invitation.fr.md. "
        "Bring it up to date, then run: ./dev translations --mark contrastes/invitation",
    ]
    status, out = run(project, "check", "--fast", capsys=capsys)
    assert status == 0
    assert out[3:5] == ["check: translations  11/12 pairs up to date, 1 not up to date (informative; --strict-translations fails on it)",
                        "  contrastes/invitation: en outdated: the fr twin changed since the pair was last marked in sync"]

    assert run(project, "translations", "--mark", "docs/contrastes/invitation.en.md", capsys=capsys)[0] == 0
    assert run(project, "check", "--fast", "--strict-translations", capsys=capsys)[0] == 0


def test_the_reverse_and_both_edits_and_the_environment_switch(project, capsys, monkeypatch, tmp_path):
    en = project / "docs/piliers/engagement.en.md"
    en.write_text(en.read_text(encoding="utf-8") + "\nOne more English sentence.\n", encoding="utf-8")
    for lang in ("fr", "en"):
        page = project / f"docs/commentaire.{lang}.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n+\n", encoding="utf-8")
    line_endings_only = project / "docs/index.fr.md"
    line_endings_only.write_bytes(line_endings_only.read_bytes().replace(b"\n", b"  \r\n"))

    summary = tmp_path / "summary.md"
    monkeypatch.setenv("RSE_STRICT_TRANSLATIONS", "1")
    status, out = run(project, "translations", "--markdown", str(summary), capsys=capsys)

    assert status == 1
    assert "  !! piliers/engagement             fr outdated: the en twin changed since the pair was last marked in sync" in out
    assert "  !! commentaire                    both twins changed since the pair was last marked in sync: check that they agree" in out
    assert "  ok index                          up to date" in out
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Translation status\n\n12 twin pair(s), 2 not up to date.")
    assert "| `piliers/engagement` | **outdated** | edited | fr outdated: the en twin changed since the pair was last marked in sync |" in text


# --- redirects file, build output -----------------------------------------------------------

def test_redirects_file_is_checked_line_by_line(tmp_path):
    (tmp_path / "redirects.yml").write_text(
        "# comment\ncontrastes/ancien/: contrastes/nouveau/\n/absolu/: contrastes/x/\nfaq/: piliers/engagement/#signes\n"
        "boucle/: boucle/\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        redirects.load(tmp_path)
    assert str(error.value).split("\n") == [
        "redirects.yml:3: field '/absolu/': expected an old address relative to the language root, ending with '/', "
        "such as 'contrastes/ancien-nom/'; found '/absolu/'. Use lower-case letters, digits, '-' and '_', with '/' after each folder "
        "(no '.': '404.html/' would be written inside a file of the site).",
        "redirects.yml:5: field 'boucle/': expected a different address to go to; found a redirect to itself.",
    ]
    (tmp_path / "redirects.yml").write_text("contrastes/ancien/: contrastes/nouveau/\nfaq/: piliers/engagement/#signes\n", encoding="utf-8")
    assert [(r.old, r.new, r.line) for r in redirects.load(tmp_path)] == [
        ("contrastes/ancien/", "contrastes/nouveau/", 1), ("faq/", "piliers/engagement/#signes", 2)]


def test_redirect_page_works_on_any_static_host():
    assert redirects.relative("en/contrastes/ancien/", "en/contrastes/nouveau/") == "../nouveau/"
    assert redirects.relative("faq/", "piliers/engagement/#signes") == "../piliers/engagement/#signes"
    html = redirects.page("en/faq/", "en/piliers/engagement/", "https://rse.example.org/en/piliers/engagement/", "en")
    assert '<html lang="en">' in html
    assert '<meta http-equiv="refresh" content="0; url=../piliers/engagement/">' in html
    assert '<link rel="canonical" href="https://rse.example.org/en/piliers/engagement/">' in html
    assert '<a href="../piliers/engagement/">https://rse.example.org/en/piliers/engagement/</a>' in html
    assert 'location.replace("../piliers/engagement/" + location.hash)' in html  # keeps the anchor asked for


def test_build_messages_become_located_problems(tmp_path):
    project = Project(root=tmp_path, docs_dir=tmp_path / "docs", languages=("fr", "en"), default_language="fr", site_url="/")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/a.fr.md").write_text("---\nid: a\n---\n\nVoir [b](b.md#x).\n", encoding="utf-8")
    output = ("INFO    -  Building documentation...\n"
              "WARNING -  Doc file 'a.fr.md' contains a link 'b.md#x', but the doc 'b.md' does not contain an anchor '#x'.\n"
              "ERROR   -  rse: the content has 1 problem(s):\n"
              "docs/a.fr.md:2: field 'kind': expected this required field; found nothing.\n"
              "Aborted with 1 warnings in strict mode!\n")
    assert [str(p) for p in parse_output(project, output)] == [
        "docs/a.fr.md:5: field 'link': expected a link to a page or an anchor that exists; found 'b.md#x' "
        "(but the doc 'b.md' does not contain an anchor '#x'). Fix the link: write it to the other page's .md file, "
        "with an anchor declared there ({#id}).",
        "docs/a.fr.md:2: field 'kind': expected this required field; found nothing.",
    ]
    problem = Problem("docs/a.fr.md", "title", "a text", "nothing", line=3, hint="Write one.")
    assert from_line(str(problem)) == problem


def test_the_real_pages_have_no_mojibake():
    from sitebuild import ROOT

    project = Project.load(ROOT)
    assert [str(p) for p in mojibake.scan(project.root, mojibake.content_files(project.root, project.docs_dir))] == []


def test_external_links_are_asked_only_on_request(tmp_path):
    """./dev check-external (never in CI): every external link of the built pages, through a fetcher."""
    (tmp_path / "mkdocs.yml").write_text("site_url: https://rse.example.org/\nplugins:\n  - i18n:\n      languages:\n"
                                         "        - {locale: fr, default: true}\n        - {locale: en}\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/sources.fr.md").write_text("---\nid: s\n---\n\nL'[article](https://hbr.org/gone).\n", encoding="utf-8")
    site = tmp_path / "site"
    (site / "sources").mkdir(parents=True)
    (site / "sources/index.html").write_text(
        '<a href="https://hbr.org/gone">a</a> <a href="https://example.com/ok#x">b</a> '
        '<a href="https://rse.example.org/en/">own site</a> <a href="mailto:x@y.z">m</a>', encoding="utf-8")
    asked = []

    def fetch(url):
        asked.append(url)
        return 404 if "gone" in url else 200

    problems = links.check_external(Project.load(tmp_path), site, fetch=fetch)
    assert asked == ["https://example.com/ok", "https://hbr.org/gone"]
    assert [str(p) for p in problems] == [
        "docs/sources.fr.md:5: field 'external link': expected an address that answers; found 'https://hbr.org/gone': 404. "
        "Update or remove the link (the Internet Archive may have a copy)."]
