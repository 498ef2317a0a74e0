"""rse.validate (one page: JSON Schema + check_page; all pages: ids, references, twins) and rse.site.load_site.

Every message is asserted field by field (file, line, field, expected, found). Expected lines are
computed from the text under test, never copied from a run.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from rse import mdlex
from rse.errors import ContentError, Problem
from rse.frontmatter import parse
from rse.model import KINDS, PageData
from rse.site import load_site
from rse.validate import SCHEMA_PATH, check_page, check_schema

import samples

FILE = "docs/contrastes/invitation.fr.md"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
LANGS = ("fr", "en")


def contrast_text(**changes) -> str:
    meta = samples.contrast_meta("fr", id="invitation", order=1, related=["engagement"],
                                 remarks=[{"id": "invitation-volontariat", "annotates": "enterprise", "stance": "agrees"}])
    meta.update(changes)
    return samples.page_text(meta, samples.data_body(meta, "fr"))


def line(text: str, startswith: str) -> int:
    """1-based number of the first line of ``text`` starting with ``startswith``."""
    return next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith(startswith))


def schema_problem(text: str) -> Problem:
    problems = check_schema(parse(text, FILE))
    assert len(problems) == 1, problems
    return problems[0]


def page_problems(text: str, file: str = FILE) -> list[Problem]:
    source = parse(text, file)
    assert check_schema(source) == []
    page = PageData.from_meta(source.meta, file=file, base="x", lang="fr",
                              markers=tuple(name for name, _ in mdlex.find(source.body)))
    return check_page(source, page)


def fields(problem: Problem) -> tuple:
    return (problem.file, problem.line, problem.field, problem.expected, problem.found)


# --- one page: the JSON Schema -------------------------------------------------------------------

def test_valid_sample_page_has_no_problem():
    assert page_problems(contrast_text()) == []


def test_missing_required_field():
    text = contrast_text().replace("description: Résumé de invitation.\n", "")
    summary = SCHEMA["properties"]["description"]["description"].rstrip(".")
    assert fields(schema_problem(text)) == (
        FILE, 2, "description", f"this required field ({summary})", "nothing")


def test_missing_field_required_only_for_the_kind():
    text = contrast_text().replace("label: Étiquette invitation\n", "")
    problem = schema_problem(text)
    assert (problem.field, problem.found) == ("label", "nothing")
    assert problem.expected.startswith("this required field (Short name")


def test_missing_field_inside_a_remark_points_at_the_remark():
    text = contrast_text().replace("  stance: agrees\n", "")
    assert fields(schema_problem(text)) == (
        FILE, line(text, "- id: invitation-volontariat"), "remarks[0].stance",
        "this required field (The blogger's stance toward the article, from the source's wording)", "nothing")


@pytest.mark.parametrize(("yaml_value", "found"), [
    ("one", "'one'"),
    ("'1'", "'1'"),
    ("1.5", "the number 1.5"),
    ("true", "true"),
])
def test_wrong_type_for_order(yaml_value, found):
    text = contrast_text().replace("order: 1\n", f"order: {yaml_value}\n")
    assert fields(schema_problem(text)) == (FILE, 4, "order", "a whole number", found)


def test_wrong_type_text_instead_of_list():
    text = contrast_text().replace("questions:\n- Question sur invitation ?\n", "questions: Une seule question ?\n")
    assert fields(schema_problem(text)) == (
        FILE, line(text, "questions:"), "questions", "a list", "'Une seule question ?'")


def test_wrong_type_for_implied():
    text = contrast_text().replace("    text: 'invitation : côté entreprise.'\n",
                                   "    text: 'invitation : côté entreprise.'\n    implied: 'yes'\n")
    assert fields(schema_problem(text)) == (
        FILE, line(text, "    implied:"), "claims.enterprise.implied", "true or false", "'yes'")


def test_bad_enum_stance():
    text = contrast_text().replace("stance: agrees", "stance: agree")
    assert fields(schema_problem(text)) == (
        FILE, line(text, "  stance:"), "remarks[0].stance", "one of 'agrees', 'nuances', 'disagrees'", "'agree'")
    assert str(schema_problem(text)) == (
        f"{FILE}:{line(text, '  stance:')}: field 'remarks[0].stance': "
        "expected one of 'agrees', 'nuances', 'disagrees'; found 'agree'.")


def test_bad_enum_kind_lists_every_kind():
    text = contrast_text().replace("kind: contrast\n", "kind: contrasts\n")
    kinds = ", ".join(repr(k) for k in SCHEMA["properties"]["kind"]["enum"])
    assert fields(schema_problem(text)) == (FILE, 3, "kind", f"one of {kinds}", "'contrasts'")


def test_unknown_field():
    text = contrast_text().replace("order: 1\n", "order: 1\ncolour: red\n")
    known = ", ".join(SCHEMA["properties"])
    assert fields(schema_problem(text)) == (
        FILE, 5, "colour", f"only known fields ({known})", "an unknown field 'colour'")


def test_unknown_field_inside_a_claim():
    text = contrast_text().replace("    text: 'invitation : côté personnel.'", "    txt: 'invitation : côté personnel.'")
    problem = schema_problem(text)
    assert (problem.field, problem.found, problem.line) == ("claims.personal.txt", "an unknown field 'txt'", line(text, "    txt:"))
    assert re.fullmatch(r"only known fields \(text, implied(, [a-z]+)*\)", problem.expected)


def test_claim_without_its_source_is_refused_and_the_message_names_the_field():
    """A claim box is headed "According to the article": its text must say where in the article it comes from."""
    text = contrast_text().replace("    source:\n      article: enterprise list\n", "")
    problem = schema_problem(text)
    assert (problem.field, problem.found, problem.line) == ("claims.enterprise.source", "nothing", line(text, "  enterprise:"))
    assert problem.expected.startswith("this required field (Required on every claim: the claim box is headed 'According to the article'")


def test_claim_source_is_the_article_or_the_review_only():
    text = contrast_text().replace("      article: enterprise list\n", "      site: our reading\n")
    problem = schema_problem(text)
    assert (problem.field, problem.found) == ("claims.enterprise.source.site", "an unknown field 'site'")
    assert problem.expected == "only known fields (article, review)"


def test_claim_name_not_allowed_for_a_contrast():
    text = contrast_text().replace("remarks:\n", "  approach:\n    text: x\n    source: {article: x}\nremarks:\n")
    assert fields(schema_problem(text)) == (
        FILE, line(text, "  approach:"), "claims.approach",
        "only the claims 'personal' and 'enterprise'", "a claim named 'approach'")


def test_claim_name_not_allowed_for_a_pillar():
    meta = samples.pillar_meta("fr", id="engagement", order=1, answers=["injonction"], addresses=["invitation"])
    meta["claims"]["personal"] = {"text": "x", "source": {"article": "personal list"}}
    text = samples.page_text(meta, "")
    assert fields(schema_problem(text)) == (
        FILE, line(text, "  personal:"), "claims.personal", "only the claims 'pillar'", "a claim named 'personal'")


def test_claim_name_that_is_not_lowercase():
    meta = samples.simple_meta("fr", id="home", kind="home", order=0)
    meta["claims"] = {"Thesis": {"text": "x", "source": {"article": "the whole post"}}}
    text = samples.page_text(meta, "")
    assert fields(schema_problem(text)) == (
        FILE, line(text, "  Thesis:"), "claims.Thesis", "a lowercase claim name such as 'personal'", "a claim named 'Thesis'")


def test_pillar_fields_on_another_kind_name_the_field():
    text = contrast_text().replace("related:\n", "answers:\n- injonction\nrelated:\n")
    assert fields(schema_problem(text)) == (
        FILE, line(text, "answers:"), "answers", "'answers' and 'addresses' only on pillar pages",
        "'answers' on a page of kind 'contrast'")


def test_id_pattern():
    text = contrast_text().replace("id: invitation\n", "id: Invitation_1\n")
    problem = schema_problem(text)
    assert (problem.line, problem.field, problem.found) == (2, "id", "'Invitation_1'")
    assert problem.expected == SCHEMA["properties"]["id"]["x-expected"]


def test_blank_text():
    text = contrast_text().replace("title: Titre du contraste invitation\n", "title: '  '\n")
    assert fields(schema_problem(text)) == (FILE, line(text, "title:"), "title", "a non-empty text", "'  '")


def test_label_too_long():
    text = contrast_text().replace("label: Étiquette invitation\n", "label: " + "x" * 33 + "\n")
    assert fields(schema_problem(text)) == (
        FILE, line(text, "label:"), "label", "a text of at most 32 characters", "'" + "x" * 33 + "'")


STEP_TITLE = SCHEMA["$defs"]["workshop-step"]["properties"]["title"]


@pytest.mark.parametrize("title,expected,found", [
    ("", "this required field (" + STEP_TITLE["description"].rstrip(".") + ")", "nothing"),  # no title: the step's line
    ("Conclusion de la séance, tous ensemble", STEP_TITLE["x-expected"], "'Conclusion de la séance, tous ensemble'"),  # six words
    ("Conclusion" * 5, "a text of at most 40 characters", "'" + "Conclusion" * 5 + "'"),
])
def test_a_workshop_step_needs_a_short_title(title, expected, found):
    """Every step but a break has a title of 1 to 5 words, at most 40 characters: the name the
    trainer's kit, the plan and the presenter view show."""
    text = contrast_text().replace("    title: Conclusion\n", f"    title: {title}\n" if title else "")
    at = line(text, "    title: Conclu") if title else line(text, "  - minutes: 15")
    assert fields(schema_problem(text)) == (FILE, at, "workshop.steps[2].title", expected, found)


def test_negative_order():
    text = contrast_text().replace("order: 1\n", "order: -1\n")
    assert fields(schema_problem(text)) == (FILE, 4, "order", "a number of at least 0", "the number -1")


def test_empty_list_of_questions():
    text = contrast_text().replace("questions:\n- Question sur invitation ?\n", "questions: []\n")
    assert fields(schema_problem(text)) == (FILE, line(text, "questions:"), "questions", "at least 1 item(s)", "a list of 0 item(s)")


def test_repeated_reference():
    text = contrast_text().replace("related:\n- engagement\n", "related:\n- engagement\n- engagement\n")
    assert fields(schema_problem(text)) == (FILE, line(text, "related:"), "related", "no repeated item", "a list of 2 item(s)")


# --- one page: checks beyond the schema ----------------------------------------------------------

def test_remark_on_a_claim_that_does_not_exist():
    text = contrast_text().replace("annotates: enterprise", "annotates: entreprise")
    [problem] = page_problems(text)
    assert fields(problem) == (
        FILE, line(text, "  annotates:"), "remarks[0].annotates",
        "one of this page's claims ('personal', 'enterprise')", "'entreprise'")


def test_remark_on_a_page_without_claims():
    meta = samples.simple_meta("fr", id="home", kind="home", order=0)
    meta["remarks"] = [{"id": "r", "annotates": "thesis", "stance": "nuances", "text": "t"}]
    text = samples.page_text(meta, "\n# Home\n")
    [problem] = page_problems(text)
    assert fields(problem) == (
        FILE, line(text, "  annotates:"), "remarks[0].annotates", "a claim, but this page declares no 'claims'", "'thesis'")


def test_missing_marker():
    text = contrast_text().replace("<!-- rse:signs -->\n", "")
    body_line = [n for n, r in enumerate(text.splitlines(), 1) if r == "---"][1] + 1  # after the closing fence
    [problem] = page_problems(text)
    assert fields(problem) == (
        FILE, body_line, "<!-- rse:signs -->",
        "the marker '<!-- rse:signs -->' in the body of a 'contrast' page, where the generated content goes",
        "no such marker")


@pytest.mark.parametrize(("kind", "marker"), [
    ("overview", "comparison-table"), ("pillars", "matrix"), ("commentary", "commentary-index"),
    ("approaches", "list:approach"),
])
def test_marker_required_by_the_kind_of_page(kind, marker):
    text = samples.page_text(samples.simple_meta("fr", id="p", kind=kind, order=1), "\n# P\n")
    [problem] = page_problems(text)
    assert (problem.field, problem.found) == (f"<!-- rse:{marker} -->", "no such marker")
    assert problem.expected == f"the marker '<!-- rse:{marker} -->' in the body of a '{kind}' page, where the generated content goes"


def test_unknown_marker():
    text = contrast_text().replace("<!-- rse:relations -->", "<!-- rse:relations -->\n\n<!-- rse:sumary -->")
    [problem] = page_problems(text)
    assert fields(problem) == (
        FILE, line(text, "<!-- rse:sumary"), "<!-- rse:sumary -->",
        "a known marker (claims, questions, signs, relations, workshop, comparison-table, matrix, commentary-index, "
        "list:contrast|approach|pillar, trainer-kit:contrast|approach|pillar, glossary, offline-archive, cards, diagnostic, "
        "plan, catalogue, programme, timeline, further-reading, provenance)", "'rse:sumary'")


def test_unknown_list_marker():
    text = contrast_text() + "\n<!-- rse:list:remark -->\n"
    [problem] = page_problems(text)
    assert (problem.field, problem.found, problem.line) == ("<!-- rse:list:remark -->", "'rse:list:remark'", line(text, "<!-- rse:list:remark"))


@pytest.mark.parametrize("marker", ["questions", "signs", "relations", "claims"])
def test_marker_on_a_page_without_its_data(marker):
    meta = samples.simple_meta("fr", id="sources", kind="sources", order=50)
    text = samples.page_text(meta, f"\n# Sources\n\nIntro.\n\n<!-- rse:{marker} -->\n")
    [problem] = page_problems(text)
    assert fields(problem) == (
        FILE, line(text, f"<!-- rse:{marker}"), f"<!-- rse:{marker} -->",
        f"no 'rse:{marker}' marker on a page of kind 'sources' without the data it shows", "the marker")


def test_marker_twice():
    text = contrast_text() + "\n<!-- rse:signs -->\n"
    [problem] = page_problems(text)
    last = max(n for n, r in enumerate(text.splitlines(), 1) if r == "<!-- rse:signs -->")
    assert fields(problem) == (FILE, last, "<!-- rse:signs -->", "each marker once per page", "it a second time")


# --- all pages: load_site on a small docs tree ---------------------------------------------------

@pytest.fixture
def docs(tmp_path) -> Path:
    return samples.write_docs(tmp_path / "docs")


def load(docs: Path, **kw):
    return load_site(docs, LANGS, "fr", **kw)


def site_problems(docs: Path, **kw) -> list[Problem]:
    with pytest.raises(ContentError) as exc_info:
        load(docs, **kw)
    assert str(exc_info.value) == "\n".join(str(p) for p in exc_info.value.problems)
    return exc_info.value.problems


def test_sample_site_loads(docs):
    site = load(docs)
    for lang in LANGS:
        assert [p.id for p in site.by_kind(lang, "contrast")] == ["invitation", "but-commun"]
        assert site.page(lang, "invitation").file == f"docs/contrastes/invitation.{lang}.md"
    assert site.missing == {"fr": (), "en": ()}


def test_file_name_without_language(docs):
    shutil.copy(docs / "contrastes/invitation.fr.md", docs / "contrastes/visibilite.md")
    [problem] = site_problems(docs)
    assert fields(problem) == (
        "docs/contrastes/visibilite.md", None, "(file name)", "a name ending in '.fr.md' or '.en.md'", "'visibilite.md'")


def test_wrong_kind_is_reported_before_the_rules_that_depend_on_it():
    meta = samples.pillar_meta("fr", id="engagement", order=1, answers=["injonction"], addresses=["invitation"])
    meta["kind"] = "pilar"
    text = samples.page_text(meta, "")
    kinds = ", ".join(repr(k) for k in SCHEMA["properties"]["kind"]["enum"])
    assert fields(schema_problem(text)) == (FILE, 3, "kind", f"one of {kinds}", "'pilar'")


def test_every_broken_page_is_reported_at_once(docs):
    samples.edit(docs / "contrastes/invitation.fr.md", "order: 1\n", "order: one\n")
    samples.edit(docs / "piliers/engagement.en.md", "kind: pillar\n", "kind: pilar\n")
    problems = site_problems(docs)
    assert sorted((p.file, p.field) for p in problems) == [
        ("docs/contrastes/invitation.fr.md", "order"), ("docs/piliers/engagement.en.md", "kind")]


def test_id_used_twice(docs):
    shutil.copy(docs / "contrastes/invitation.fr.md", docs / "contrastes/zz-copie.fr.md")
    copy = docs / "contrastes/zz-copie.fr.md"
    problems = site_problems(docs)
    assert [fields(p) for p in problems] == [
        ("docs/contrastes/zz-copie.fr.md", 2, "id",
         "an id not used by another page (it is already the id of docs/contrastes/invitation.fr.md)", "'invitation'"),
        ("docs/contrastes/zz-copie.fr.md", samples.line_of(copy, "- id: invitation-volontariat"), "remarks[0].id",
         "a remark id not used elsewhere (already used in docs/contrastes/invitation.fr.md)", "'invitation-volontariat'"),
    ]


def test_remark_id_used_twice(docs):
    # files are read in path order: but-commun.en.md comes first, so invitation.en.md is the one reported
    path = docs / "contrastes/invitation.en.md"
    samples.edit(path, "- id: invitation-volontariat", "- id: but-commun-nuance")
    [problem] = site_problems(docs)
    assert fields(problem) == (
        "docs/contrastes/invitation.en.md", samples.line_of(path, "- id: but-commun-nuance"), "remarks[0].id",
        "a remark id not used elsewhere (already used in docs/contrastes/but-commun.en.md)", "'but-commun-nuance'")


def test_reference_to_an_id_that_does_not_exist(docs):
    for lang in LANGS:
        samples.edit(docs / f"piliers/engagement.{lang}.md", "addresses:\n- invitation\n", "addresses:\n- nope\n")
    problems = site_problems(docs)
    assert [fields(p) for p in problems] == [(
        f"docs/piliers/engagement.{lang}.md", samples.line_of(docs / f"piliers/engagement.{lang}.md", "- nope"),
        "addresses[0]", "the id of an existing contrast (but-commun, invitation)",
        f"'nope', which no page in '{lang}' declares") for lang in LANGS]


def test_reference_to_a_page_of_the_wrong_kind(docs):
    for lang in LANGS:
        samples.edit(docs / f"piliers/engagement.{lang}.md", "answers:\n- injonction\n", "answers:\n- invitation\n")
    problems = site_problems(docs)
    assert {(p.file, p.field, p.expected, p.found) for p in problems} == {
        (f"docs/piliers/engagement.{lang}.md", "answers[0]", "the id of a page of kind 'approach'",
         "'invitation', a page of kind 'contrast'") for lang in LANGS}


def test_reference_to_itself(docs):
    for lang in LANGS:
        samples.edit(docs / f"contrastes/invitation.{lang}.md", "related:\n- engagement\n", "related:\n- invitation\n")
    problems = site_problems(docs)
    assert {(p.file, p.field, p.expected, p.found) for p in problems} == {
        (f"docs/contrastes/invitation.{lang}.md", "related[0]", "the id of another page", "this page's own id") for lang in LANGS}


def test_page_without_its_twin(docs):
    (docs / "contrastes/but-commun.en.md").unlink()
    [problem] = site_problems(docs)
    assert fields(problem) == (
        "docs/contrastes/but-commun.en.md", None, "(file)", "a 'en' twin of docs/contrastes/but-commun.fr.md", "no such file")
    assert "RSE_PREVIEW=1" in problem.hint


def test_page_without_its_default_language_twin(docs):
    (docs / "contrastes/but-commun.fr.md").unlink()
    [problem] = site_problems(docs)
    assert (problem.file, problem.expected) == ("docs/contrastes/but-commun.fr.md", "a 'fr' twin of docs/contrastes/but-commun.en.md")


def test_missing_twin_allowed_in_preview(docs):
    (docs / "contrastes/but-commun.en.md").unlink()
    site = load(docs, allow_missing_translations=True)
    assert site.missing == {"fr": (), "en": ("contrastes/but-commun",)}


def test_missing_twin_of_a_referenced_page_allowed_in_preview(docs):
    # the pillar's English twin addresses 'invitation', whose English twin is not written yet:
    # the English build shows the French page in its place, so the reference must resolve
    (docs / "contrastes/invitation.en.md").unlink()
    site = load(docs, allow_missing_translations=True)
    assert site.missing["en"] == ("contrastes/invitation",)
    assert [p.id for p in site.by_kind("en", "contrast")] == ["invitation", "but-commun"]
    assert site.page("en", "invitation").file == "docs/contrastes/invitation.fr.md"


def twin_problem(docs: Path, base: str, old: str, new: str) -> Problem:
    samples.edit(docs / f"{base}.en.md", old, new)
    [problem] = site_problems(docs)
    assert problem.file == f"docs/{base}.en.md"
    assert problem.hint.startswith("Twins share ids")
    return problem


def test_twins_with_a_different_order(docs):
    problem = twin_problem(docs, "contrastes/invitation", "order: 1\n", "order: 2\n")
    assert fields(problem) == (
        "docs/contrastes/invitation.en.md", 4, "order",
        "the same language-independent value as its twin docs/contrastes/invitation.fr.md (1)", "2")


def test_twins_with_a_different_stance(docs):
    problem = twin_problem(docs, "contrastes/invitation", "stance: agrees", "stance: disagrees")
    assert problem.field == "remarks"
    assert problem.line == samples.line_of(docs / "contrastes/invitation.en.md", "remarks:")
    assert problem.expected == ("the same language-independent value as its twin docs/contrastes/invitation.fr.md "
                                "([('invitation-volontariat', 'enterprise', 'agrees')])")
    assert problem.found == "[('invitation-volontariat', 'enterprise', 'disagrees')]"


def test_twins_date_a_remark_both_or_neither(docs):
    """A remark's dated context (our note: "since 2018, ...") is in both twins or in neither."""
    problem = twin_problem(docs, "contrastes/invitation", "  text: Remark invitation-volontariat.\n",
                           "  text: Remark invitation-volontariat.\n  context: Since 2018, something else.\n")
    assert problem.field == "remarks.context"
    assert problem.line == samples.line_of(docs / "contrastes/invitation.en.md", "remarks:")
    assert problem.expected.endswith("invitation.fr.md ([])")
    assert problem.found == "['invitation-volontariat']"


def test_twins_with_a_different_id(docs):
    problem = twin_problem(docs, "contrastes/but-commun", "id: but-commun\n", "id: common-goal\n")
    assert (problem.field, problem.found) == ("id", "'common-goal'")


def test_twins_with_a_different_implied_flag(docs):
    problem = twin_problem(docs, "contrastes/but-commun", "    implied: true\n", "")
    assert problem.field == "claims"
    assert problem.found == "[('personal', False), ('enterprise', False)]"


def test_twins_with_a_different_number_of_questions(docs):
    problem = twin_problem(docs, "contrastes/invitation", "questions:\n", "questions:\n- Another question?\n")
    assert (problem.field, problem.found) == ("questions", "2")


def test_twins_with_different_references(docs):
    problem = twin_problem(docs, "piliers/engagement", "addresses:\n- invitation\n", "addresses:\n- but-commun\n")
    assert (problem.field, problem.found) == ("addresses", "['but-commun']")


def test_twins_with_different_markers(docs):
    problem = twin_problem(docs, "piliers/index", "<!-- rse:list:pillar -->\n", "")
    assert problem.field == "markers"


def test_the_schema_declares_exactly_the_page_kinds_the_engine_orders():
    """model.KINDS (reading order of the commentary index) and the schema's enum must not drift apart."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["properties"]["kind"]["enum"] == list(KINDS)
