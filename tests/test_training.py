"""Workshop plans, the card deck and the team diagnostic in the engine (no MkDocs): the 'workshop'
front matter is validated with located messages, twins share its numbers, and the three markers
render escaped HTML from the site's data."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

import rse.uistrings as uistrings
from rse import render, scaffold
from rse.frontmatter import parse
from rse.public import Links
from rse.model import Step, Workshop
from rse.validate import check_schema

import samples
from test_render import EVIL, make_site, url_for
from test_validate import FILE, contrast_text, fields, line, page_problems, schema_problem, site_problems, twin_problem
from test_validate import docs  # noqa: F401 - a fixture: pytest finds it by name


SAY = {"title": "A step", "say": "Here is the question.", "watch": "Who stays silent."}  # its name, what the facilitator says and watches for


def workshop(**changes) -> dict:
    plan = samples.workshop_meta("fr", "invitation")
    plan.update(changes)
    return plan


# --- validation ----------------------------------------------------------------------------------

def test_steps_that_do_not_fill_the_duration_are_a_located_error():
    text = contrast_text(workshop=workshop(duration=75))
    [problem] = page_problems(text)
    assert fields(problem) == (FILE, line(text, "  steps:"), "workshop.steps",
                               "steps whose minutes add up to the duration (75)", "10 + 35 + 15 = 60 minutes")
    assert problem.hint == "Change a step's 'minutes' or the plan's 'duration'."


def test_a_group_whose_minimum_exceeds_its_maximum_is_a_located_error():
    text = contrast_text(workshop=workshop(group={"min": 12, "max": 4}))
    [problem] = page_problems(text)
    assert fields(problem) == (FILE, line(text, "  group:"), "workshop.group",
                               "a group size whose 'min' is at most its 'max'", "min 12, max 4")


def test_a_contrast_without_a_workshop_plan_is_refused_by_the_schema():
    meta = samples.contrast_meta("fr", id="invitation", order=1)
    del meta["workshop"]
    problem = schema_problem(samples.page_text(meta, samples.data_body(meta, "fr")))
    assert (problem.field, problem.found) == ("workshop", "nothing")
    assert problem.expected == "this required field"


@pytest.mark.parametrize("change,field,expected", [
    ({"steps": [{"minutes": 0, "do": "x", **SAY}, {"minutes": 60, "do": "y", **SAY}]}, "workshop.steps[0].minutes", "a number of at least 1"),
    ({"steps": [{"minutes": 60, "do": "x", **SAY}]}, "workshop.steps", "at least 2 item(s)"),
    ({"steps": [{"minutes": 30, "do": "x", **SAY}, {"minutes": 30, "title": "t", "say": "s", "watch": "w"}]}, "workshop.steps[1].do",
     "this required field (What the facilitator and the group do, in this language)"),
    ({"avoid": [{"who": "The boss"}]}, "workshop.avoid[0].why", "this required field"),
    ({"before_launch": {"note": "n"}}, "workshop.before_launch.questions", "this required field (The questions to ask such an organisation instead)"),
    ({"duration": "an hour"}, "workshop.duration", "a whole number"),
])
def test_workshop_schema_errors_name_the_field(change, field, expected):
    text = contrast_text(workshop=workshop(**change))
    problem = schema_problem(text)
    assert problem.field == field
    assert problem.expected == expected
    assert problem.line == parse(text, FILE).line_of(tuple(int(p) if p.isdigit() else p
                                                          for p in re.split(r"[.\[\]]+", field) if p))


def test_a_workshop_plan_on_a_page_of_another_kind_is_refused():
    meta = samples.simple_meta("fr", id="sources", kind="sources", order=50)
    meta["workshop"] = workshop()
    text = samples.page_text(meta, "\n# Sources\n\n<!-- rse:workshop -->\n")
    source = parse(text, "docs/sources.fr.md")
    assert check_schema(source) == []  # the schema allows it; the marker check says where it may go
    from rse.model import PageData
    page = PageData.from_meta(source.meta, file="docs/sources.fr.md", base="sources", lang="fr", markers=("workshop",))
    assert page.workshop is not None


def test_the_workshop_marker_is_required_on_data_pages():
    text = contrast_text().replace("<!-- rse:workshop -->\n", "")
    [problem] = page_problems(text)
    assert (problem.field, problem.found) == ("<!-- rse:workshop -->", "no such marker")


def test_twins_must_share_the_plans_numbers(docs):  # noqa: F811 - pytest's fixture 'docs', imported above
    samples.edit(docs / "contrastes/invitation.en.md", "  - minutes: 15\n", "  - minutes: 20\n")  # still 60 minutes
    problem = twin_problem(docs, "contrastes/invitation", "  - minutes: 35\n", "  - minutes: 30\n")
    assert fields(problem) == (
        "docs/contrastes/invitation.en.md", samples.line_of(docs / "contrastes/invitation.en.md", "  steps:"), "workshop.steps",
        "the same language-independent value as its twin docs/contrastes/invitation.fr.md ([10, 35, 15])", "[10, 30, 20]")


def test_twins_must_have_as_many_before_launch_questions(docs):  # noqa: F811 - pytest's fixture 'docs', imported above
    problem = twin_problem(docs, "contrastes/invitation", "    - Before invitation?\n",
                           "    - Before invitation?\n    - And another?\n")
    assert (problem.field, problem.found) == ("workshop.before_launch.questions", "2")
    assert problem.line == samples.line_of(docs / "contrastes/invitation.en.md", "    questions:")


def test_the_scaffold_writes_a_valid_plan_full_of_todo(tmp_path):
    for lang in ("fr", "en"):
        text = scaffold.render("contrast", "visibilite", 7, lang, {})
        source = parse(text, f"docs/contrastes/visibilite.{lang}.md")
        assert check_schema(source) == []
        plan = Workshop.from_meta(source.meta["workshop"])
        assert sum(s.minutes for s in plan.steps) == plan.duration
        assert all("TODO" in s.do for s in plan.steps) and "TODO" in plan.before_launch_note
        assert "<!-- rse:workshop -->" in text and "{#atelier}" in text


# --- rendering -----------------------------------------------------------------------------------

def plan(text=lambda s: s) -> Workshop:
    return Workshop(duration=45, group_min=3, group_max=8, invite=(text("the team"),), avoid=(),
                    materials=(text("paper"),), steps=(Step(5, text("open"), title=text("Opening")), Step(30, text("talk"), title=text("Talk")),
                           Step(10, text("close"), title=text("Closing"))),
                    outputs=(text("a list"),), follow_up=text("in a month"),
                    before_launch_note=text("before"), before_launch_questions=(text("why?"),))


def with_plans(site, text=lambda s: s):
    import dataclasses
    for pages in site.pages.values():
        for pid, page in list(pages.items()):
            if page.kind in ("contrast", "approach", "pillar"):
                pages[pid] = dataclasses.replace(page, workshop=plan(text))
    return site


def test_the_plan_shows_timed_steps_and_every_part_escaped():
    evil = lambda s: f"{s} {EVIL}"
    site = with_plans(make_site(text=evil), text=evil)
    html = render.workshop(render.Context(site=site, lang="en", page=site.page("en", "invitation"), url_for=url_for))
    soup = BeautifulSoup(html, "html.parser")
    assert [li.select_one(".rse-workshop__time").get_text() for li in soup.select(".rse-workshop__steps > li")] == \
        ["0–5 min", "5–35 min", "35–45 min"]
    assert soup.select_one(".rse-workshop__facts").get_text(" ", strip=True) == "Duration: 45 minutes Group: 3 to 8 people"
    assert [li.select_one(".rse-workshop__name").get_text() for li in soup.select(".rse-workshop__steps > li")] == \
        [evil("Opening"), evil("Talk"), evil("Closing")]  # each step's title, before what to do
    assert "<script>" not in html and html.count("&lt;script&gt;") == 12  # every text: invite, materials, 3 steps and their titles, ...
    assert soup.select_one("#avant-lancement") is not None


def links() -> Links:
    return Links(site_url="https://rse.example.org/", roots={"fr": "", "en": "en/"})


def test_cards_come_four_to_a_sheet_fronts_then_backs_with_the_public_address():
    site = with_plans(make_site())
    html = render.cards(render.Context(site=site, lang="en", page=site.page("en", "contrasts"), url_for=url_for, links=links())).html
    soup = BeautifulSoup(html, "html.parser")
    sheets = soup.select(".rse-sheet")
    assert [s["class"][1] for s in sheets] == ["rse-sheet--front", "rse-sheet--back"]  # 4 pages: one sheet
    fronts = [a["data-id"] for a in sheets[0].select(".rse-card")]
    assert fronts == ["invitation", "but-commun", "injonction", "engagement"]  # reading order
    assert [a["data-id"] for a in sheets[1].select(".rse-card")] == fronts  # print.css mirrors, not the HTML
    card = sheets[0].select_one(".rse-card")
    assert card["data-address"] == "https://rse.example.org/en/invitation/"
    assert card.select_one("figcaption").get_text().startswith("https://rse.example.org/en/invitation/")
    assert card.select_one(".rse-card__label a")["href"] == url_for("invitation", None)  # on screen, a link to its page
    assert not card.select(".rse-crop")  # crop marks are drawn by rse-cards.css, on paper


def test_without_a_public_address_the_kit_the_cards_and_the_printed_corner_say_so():
    """The placeholder site_url (no SITE_URL): every card, the deck, the kit and the printed corner carry
    a note (screen and paper) that their addresses and QR codes are examples; a real address: no note."""
    site, lang = with_plans(make_site()), "en"
    strings = uistrings.ui_strings()[lang]
    for links_, noted in ((links(), True), (Links(site_url="https://team.github.io/rse/", roots={"fr": "", "en": "en/"}), False)):
        ctx = render.Context(site=site, lang=lang, page=site.page(lang, "contrasts"), url_for=url_for, links=links_)
        deck = BeautifulSoup(render.cards(ctx).html, "html.parser")
        kit_html, kit_files = render.trainer_kit(ctx, "contrast")
        kit = BeautifulSoup(kit_html, "html.parser")
        corner = BeautifulSoup(render.print_address(ctx), "html.parser")
        notes = [s.select_one(".rse-nopublic[role=note]") for s in (deck, kit)]
        if noted:
            assert [n.get_text() for n in notes] == [strings["address.unknown"]] * 2
            assert [c.select_one(".rse-nopublic__short").get_text() for c in deck.select(".rse-card--front")] == \
                [strings["address.unknown.short"]] * len(deck.select(".rse-card--front"))
            assert corner.select_one(".rse-nopublic__short[role=note]").get_text() == strings["address.unknown.short"]
            assert dict(kit_files)["slides-contrast.txt"].count(strings["address.unknown"]) == len(kit.select(".rse-kit__item"))
        else:
            assert notes == [None, None] and not deck.select(".rse-nopublic__short") and not corner.select(".rse-nopublic__short")
            assert "https://team.github.io/rse/" in corner.get_text()


def test_the_diagnostic_is_a_form_of_every_sign_with_stable_ids():
    site = make_site()
    html = render.diagnostic(render.Context(site=site, lang="en", page=site.page("en", "contrasts"), url_for=url_for))
    soup = BeautifulSoup(html, "html.parser")
    boxes = soup.select("form#rse-diagnostic input[type=checkbox]")
    # the script names sign i of a group '<group id>.<i>' (its fieldset's data-id, its rank there)
    assert [(b["id"], b.find_parent("fieldset")["data-id"]) for b in boxes] == [
        ("sign-invitation-0", "invitation"), ("sign-but-commun-0", "but-commun"), ("sign-injonction-0", "injonction")]
    for box in boxes:
        assert box.parent.name == "label"  # the whole line ticks the box
    assert soup.select_one("[aria-live=polite]") is not None
    assert soup.select_one("#diag-but-commun .rse-diagnostic__page a:nth-of-type(2)")["href"] == "/fake/but-commun/#atelier"  # its workshop plan
    data = json.loads(soup.select_one("form#rse-diagnostic")["data-diagnostic"])
    assert [(p["id"], p["pillars"]) for p in data["pages"]] == [
        ("invitation", []), ("but-commun", ["engagement"]), ("injonction", ["engagement"])]
    assert data["pillars"][0]["href"] == "/fake/engagement/"
    assert set(data["t"]) >= {"none", "summary.one", "summary.many", "count.one", "count.many", "copied"}


def test_the_diagnostic_data_is_an_escaped_attribute_no_script():
    site = make_site(text=lambda s: f"{s} \"</form><script>alert(1)</script><!-- &amp;")
    html = render.diagnostic(render.Context(site=site, lang="en", page=site.page("en", "contrasts"), url_for=url_for))
    assert "<script" not in html and "<!--" not in html
    assert html.count("</form>") == 1
    data = json.loads(BeautifulSoup(html, "html.parser").select_one("form#rse-diagnostic")["data-diagnostic"])
    assert data["pillars"][0]["label"] == 'label engagement "</form><script>alert(1)</script><!-- &amp;'
    assert "&lt;/form&gt;&lt;script&gt;" in html


# --- plans that run as written: breaks, canvases, one printable plan per workshop ----------------

def test_a_session_over_90_minutes_without_a_break_is_a_located_error():
    steps = [{"minutes": 60, "do": "x", **SAY}, {"minutes": 60, "do": "y", **SAY}]
    text = contrast_text(workshop=workshop(duration=120, steps=steps))
    [problem] = page_problems(text)
    assert (problem.field, problem.line) == ("workshop.steps", line(text, "  steps:"))
    assert "break" in problem.expected and problem.found == "none"
    steps = [{"minutes": 50, "do": "x", **SAY}, {"minutes": 10, "break": True}, {"minutes": 60, "do": "y", **SAY}]
    assert page_problems(contrast_text(workshop=workshop(duration=120, steps=steps))) == []


def test_a_break_is_minutes_only():
    steps = [{"minutes": 30, "do": "x", **SAY}, {"minutes": 30, "break": True, "do": "talk"}]
    problem = schema_problem(contrast_text(workshop=workshop(steps=steps)))
    assert problem.field == "workshop.steps[1].do" and "break" in problem.expected


def test_a_step_in_brief_is_its_title():
    step = Step.from_meta({"minutes": 10, "title": " Welcome ", "do": "Welcome: the aim is to understand how each person came"})
    assert step.title == "Welcome"  # the trainer's kit shows the title as written, never words cut from 'do'
    assert Step.from_meta({"minutes": 10, "break": True}).title == ""  # a break has none: the kit shows its label


@pytest.mark.parametrize("step,found", [
    ({"minutes": 30, "do": "x", "say": "s", "watch": "w"}, "nothing"),  # a step without its title
    ({"minutes": 30, "title": "Read out the three signs of the page", "do": "x", "say": "s", "watch": "w"}, "'Read out the three signs of the page'"),
])
def test_a_step_without_a_short_title_is_a_located_error(step, found):
    text = contrast_text(workshop=workshop(steps=[{"minutes": 30, "do": "x", **SAY}, step]))
    problem = schema_problem(text)
    assert (problem.field, problem.found) == ("workshop.steps[1].title", found)
    assert problem.line == parse(text, FILE).line_of(("workshop", "steps", 1, "title"))


def test_a_canvas_example_has_one_text_per_column():
    canvas = {"title": "T", "how": "H", "columns": ["a", "b"], "rows": 4, "example": [["1", "2"], ["only one"]]}
    text = contrast_text(workshop=workshop(canvas=canvas))
    [problem] = page_problems(text)
    assert (problem.field, problem.expected, problem.found) == ("workshop.canvas.example[1]", "one text per column (2)", "1")


def test_a_workshop_without_its_plan_page_is_a_located_error(docs):  # noqa: F811 - pytest's fixture 'docs'
    for lang in ("fr", "en"):
        (docs / f"contrastes/invitation/atelier.{lang}.md").unlink()
    problems = site_problems(docs)
    assert [(p.file, p.field) for p in problems] == [("docs/contrastes/invitation.fr.md", "workshop"),
                                                     ("docs/contrastes/invitation.en.md", "workshop")]
    assert "docs/contrastes/invitation/atelier.en.md" in problems[1].expected


def test_a_plan_page_elsewhere_than_beside_its_page_is_refused(docs):  # noqa: F811 - pytest's fixture 'docs', imported above
    for lang in ("fr", "en"):
        (docs / f"contrastes/invitation/atelier.{lang}.md").rename(docs / f"contrastes/atelier-invitation.{lang}.md")
    problems = site_problems(docs)
    assert {(p.file, p.field) for p in problems} >= {("docs/contrastes/atelier-invitation.fr.md", "plan_of")}
    assert "docs/contrastes/invitation/atelier.fr.md" in problems[0].expected


def test_the_plan_page_shows_every_step_with_its_minutes_and_what_to_say(docs):  # noqa: F811 - pytest's fixture 'docs', imported above
    from test_validate import load
    site = load(docs)
    page = site.page("en", "invitation-atelier")
    ctx = render.Context(site=site, lang="en", page=page, url_for=url_for, links=links())
    html, files = render.plan(ctx)
    soup = BeautifulSoup(html, "html.parser")
    plan = site.page("en", "invitation").workshop
    assert [td["data-offset"] for td in soup.select(".rse-plan__clock")] == [str(s) for s, _, _ in plan.timed_steps]
    assert len(soup.select(".rse-plan__say")) == len(plan.steps)
    assert [name for name, _ in files] == [soup.select_one(".rse-plan__qr img")["src"]]  # its QR code, for the host to write
