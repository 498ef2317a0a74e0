"""Hostile and clumsy input (issue: escaped or refused with its file and field, never published).

Each case damages a copy of the small sample site (tests/samples.py) the way a pull request could,
then asserts the exact located message and the exit status twice: from the strict build (the
MkDocs adapter) and from ``./dev check``. The one case that is published (titles and descriptions
with markup) is asserted escaped wherever the theme prints it.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

import samples
from sitebuild import build_site, sample_project
from rse.cli import main

INVITATION = "docs/contrastes/invitation.fr.md"
REDIRECT_HINT = "One line serves every language: write 'contrastes/ancien-nom/', not 'en/contrastes/ancien-nom/'."
LINK_HINT = "Copy the file itself into the folder: the build would publish whatever the link points to."
EXPECTED_YAML = "plain YAML, without anchors or aliases ('&name', '*name') and at most 20 levels of nesting"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return sample_project(tmp_path_factory.mktemp("hostile") / "project")


@pytest.fixture
def project(pristine, tmp_path) -> Path:
    return Path(shutil.copytree(pristine, tmp_path / "project", symlinks=True))


def build_failure(project: Path) -> str:
    """The message of the PluginError that stops the strict build."""
    with pytest.raises((PluginError, Abort)) as exc_info:
        build_site(project, project.parent / "site")
    error: BaseException | None = exc_info.value
    while error is not None and not isinstance(error, PluginError):
        error = error.__cause__ or error.__context__
    assert isinstance(error, PluginError), f"the build failed, but not on a PluginError: {exc_info.value!r}"
    return str(error)


def check(project: Path, *args: str, capsys) -> tuple[int, list[str]]:
    capsys.readouterr()
    status = main(["--root", str(project), "check", *args])
    return status, capsys.readouterr().out.splitlines()


def edit_front_matter(project: Path, name: str, extra: str) -> None:
    """Insert YAML lines right after the opening '---' of a page."""
    path = project / name
    text = path.read_text(encoding="utf-8")
    path.write_text("---\n" + extra + text[len("---\n"):], encoding="utf-8")


# --- cases: (what the contributor does, the lines expected from the build and from ./dev check) ---


def alias_bomb(project):
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [{','.join(['*a' + str(i - 1)] * 9)}]" for i in range(1, 10)]
    edit_front_matter(project, INVITATION, "\n".join(lines) + "\n")
    return [f"{INVITATION}:2: field '(front matter)': expected {EXPECTED_YAML}; found an anchor '&a0'. "
            "Write each value out in full where it is used."]


def deep_nesting(project):
    edit_front_matter(project, INVITATION, "deep: " + "[" * 5000 + "]" * 5000 + "\n")
    return [f"{INVITATION}:2: field '(front matter)': expected {EXPECTED_YAML}; found more than 20 levels of nesting. "
            "Flatten the structure; no field of the project nests that deep."]


def keys_of_mixed_types(project):
    edit_front_matter(project, INVITATION, "1: one\nzz: two\n")
    return [f"{INVITATION}:2: field '1': expected field names written as text; found the number 1. Quote the name or write it in letters."]


def id_with_final_newline(project):
    samples.edit(project / INVITATION, "id: invitation\n", 'id: "invitation\\n"\n')
    line = samples.line_of(project / INVITATION, "id:")
    return [f"{INVITATION}:{line}: field 'id': expected a stable lowercase identifier such as 'invitation' "
            "(letters, digits, single hyphens); found 'invitation\\n'."]


def symlink_to_a_system_file(project):
    os.symlink("/etc/passwd", project / "docs/passwd.txt")
    return [f"docs/passwd.txt: field '(file)': expected a file or folder inside docs/, not a symbolic link; found a symbolic link. {LINK_HINT}"]


def symlink_loop(project):
    os.symlink("..", project / "docs/contrastes/loop")
    return [f"docs/contrastes/loop: field '(file)': expected a file or folder inside docs/, not a symbolic link; found a symbolic link. {LINK_HINT}"]


def page_in_a_language_folder(project):
    (project / "docs/en").mkdir()
    shutil.copy(project / "docs/index.en.md", project / "docs/en/index.fr.md")
    return ["docs/en: field '(file)': expected no folder named after a language ('en/') at the top of docs/; found such a folder. "
            "Pages of every language sit side by side ('contrastes/x.en.md'); a folder 'en/' would write into the 'en' site."]


def file_name_with_a_space(project):
    shutil.copy(project / "docs/index.fr.md", project / "docs/Mon index.fr.md")
    return ["docs/Mon index.fr.md: field '(file name)': expected folder and page names of lower-case letters a-z, digits, '-' and '_' "
            "(they are the page's address); found 'Mon index'. Rename the file or folder, e.g. 'mon-contraste.fr.md'."]


def redirect_into_the_english_site(project):
    (project / "redirects.yml").write_text("en/contrastes/ancien/: contrastes/invitation/\n", encoding="utf-8")
    return ["redirects.yml:1: field 'en/contrastes/ancien/': expected an old address relative to the language root, not starting with a "
            f"language folder ('fr/', 'en/'); found 'en/contrastes/ancien/'. {REDIRECT_HINT}"]


def redirect_from_a_file(project):
    (project / "redirects.yml").write_text("404.html/: contrastes/invitation/\n", encoding="utf-8")
    return ["redirects.yml:1: field '404.html/': expected an old address relative to the language root, ending with '/', "
            "such as 'contrastes/ancien-nom/'; found '404.html/'. Use lower-case letters, digits, '-' and '_', with '/' after each "
            "folder (no '.': '404.html/' would be written inside a file of the site)."]


def marker_only_in_code(project):
    path = project / INVITATION
    samples.edit(path, "<!-- rse:signs -->", "```\n<!-- rse:signs -->\n```")
    line = samples.line_of(path, "---", after=1) + 1
    return [f"{INVITATION}:{line}: field '<!-- rse:signs -->': expected the marker '<!-- rse:signs -->' in the body of a 'contrast' page, "
            "where the generated content goes; found no such marker."]


def marker_inside_a_line(project):
    path = project / INVITATION
    samples.edit(path, "<!-- rse:signs -->", "Voir <!-- rse:signs --> ici.\n\n<!-- rse:signs -->")
    line = samples.line_of(path, "Voir ")
    return [f"{INVITATION}:{line}: field '<!-- rse:signs -->': expected a marker alone on an unindented line (to show one as text: "
            "between backticks or in a fenced code block); found a marker inside a line or indented. "
            "Put the marker on a line of its own, with blank lines around it."]


def marker_in_a_list_item(project):
    path = project / INVITATION
    samples.edit(path, "<!-- rse:signs -->", "- Liste\n\n    <!-- rse:signs -->\n\n<!-- rse:signs -->")
    line = samples.line_of(path, "    <!-- rse:signs -->")
    return [f"{INVITATION}:{line}: field '<!-- rse:signs -->': expected a marker alone on an unindented line (to show one as text: "
            "between backticks or in a fenced code block); found a marker inside a line or indented. "
            "Put the marker on a line of its own, with blank lines around it."]


def heading_id_with_an_accent(project):
    path = project / INVITATION
    samples.edit(path, "<!-- rse:signs -->", "<!-- rse:signs -->\n\n## Élan {#élan}")
    line = samples.line_of(path, "## Élan")
    return [f"{INVITATION}:{line}: field '{{#élan}}': expected a heading id of lower-case letters a-z, digits and single hyphens, "
            "e.g. {#signes}; found 'élan'. Anchors are part of addresses that trainers print and share."]


def page_named_after_a_language(project):
    shutil.copy(project / "docs/index.fr.md", project / "docs/en.fr.md")
    return ["docs/en.fr.md: field '(file name)': expected a page not named after a language at the top of docs/; found 'en'. "
            "Its address would be the 'en' site's home: rename the file."]


def glossary_term_with_a_backslash(project):
    (project / "includes").mkdir(exist_ok=True)
    (project / "includes/glossary.fr.md").write_text("*[RSE]: réseau social d'entreprise\n*[A\\B]: défini\n", encoding="utf-8")
    return ["includes/glossary.fr.md:2: field '(glossary line)': expected a term without '\\' or '[' (Markdown's abbreviations cannot "
            "hold them); found the term 'A\\B'. Write the term without them."]


def glossary_definition_that_removes_the_term(project):
    (project / "includes").mkdir(exist_ok=True)
    (project / "includes/glossary.fr.md").write_text('*[RSE]: ""\n', encoding="utf-8")
    return ["includes/glossary.fr.md:1: field '(glossary line)': expected a definition after the term (\"\" or '' would remove the term "
            "instead); found '*[RSE]: \"\"'."]


def line_of_100_kb(project):
    path = project / INVITATION
    samples.edit(path, "<!-- rse:signs -->", "<!-- rse:signs -->\n\n" + "{#a" * 34_000)
    size = path.stat().st_size  # refused before it is read
    return [f"{INVITATION}: field '(file)': expected a page of at most 16000 characters; found {size} bytes. Split it into several pages."]


def page_of_20000_characters(project):
    path = project / INVITATION
    samples.edit(path, "<!-- rse:signs -->", "<!-- rse:signs -->" + "\n\nUn paragraphe." * 1300)
    size = len(path.read_text(encoding="utf-8"))
    return [f"{INVITATION}: field '(file)': expected a page of at most 16000 characters; found {size} characters. Split it into several pages."]


def heading_of_12_kb(project):
    path = project / INVITATION
    samples.edit(path, "<!-- rse:signs -->", "<!-- rse:signs -->\n\n## Titre " + "{#a" * 4_000)
    line = samples.line_of(path, "## Titre {#a")
    return [f"{INVITATION}:{line}: field '(paragraph)': expected paragraphs (lines between blank lines) of at most 2000 characters; "
            "found a longer one. Separate its parts with blank lines, or shorten it."]


SANITIZED = ("HTML that the site publishes (hooks/rse/sanitize.py: no script, style, event attribute, script or foreign "
             "address)")
SANITIZED_HINT = ("Write it as Markdown or show it as code between backticks; anything active belongs in the theme (overrides/), "
                  "reviewed as code. README, 'Trust boundary', says how to allow a new element.")


def _body(project, text: str) -> int:
    """Add ``text`` to the body of the French invitation page; the line where it starts."""
    path = project / INVITATION
    samples.edit(path, "<!-- rse:signs -->", "<!-- rse:signs -->\n\n" + text)
    return samples.line_of(path, text.split("\n")[0])


def _sanitized(line: int | None, found: str) -> list[str]:
    where = f"{INVITATION}:{line}" if line else INVITATION
    return [f"{where}: field '(body)': expected {SANITIZED}; found {found}, which the sanitizer removed. {SANITIZED_HINT}"]


ATTRIBUTE = "an attribute the site does not publish: no event, style, target or form action attribute"
SCHEME = "an address of the scheme 'javascript:', where only relative addresses and http, https and mailto links go"


def script_and_event_attribute_in_the_body(project):
    first = _body(project, '`<script>` en code, puis <script>alert(1)</script>\n\n<img src="x.png" alt=""\n  onerror="alert(2)">\n\n'
                           '[lien](javascript:alert(3))')
    return _sanitized(first, "a <script> element (not one the site publishes) (and 2 more)")


def escaped_backticks_around_raw_html(project):
    """The old guard took \\`...\\` for code; Markdown shows the backticks and runs the element."""
    line = _body(project, "\\`<img src=x.png alt='' onerror=alert(1)>\\`")
    return _sanitized(line, f'onerror="alert(1)" on <img> ({ATTRIBUTE})')


def angle_bracket_inside_a_quoted_attribute(project):
    line = _body(project, '<a title="a > b" href="javascript:alert(1)">lien</a>')
    return _sanitized(line, f'href="javascript:alert(1)" on <a> ({SCHEME})')


def event_attribute_in_an_attribute_list(project):
    line = _body(project, "Un paragraphe.\n{: onclick=\"alert(1)\" }")
    return _sanitized(line + 1, f'onclick="alert(1)" on <p> ({ATTRIBUTE})')


def entity_encoded_script_address(project):
    line = _body(project, '<a href="jav&#x61;script&#58;alert(1)">lien</a>')
    return _sanitized(line, f'href="javascript:alert(1)" on <a> ({SCHEME})')


def script_address_in_a_reference_link(project):
    line = _body(project, '[lien][ref]\n\n[ref]: javascript:alert(1)')
    return _sanitized(line + 2, f'href="javascript:alert(1)" on <a> ({SCHEME})')


def whitespace_split_script_address(project):
    line = _body(project, '<a href=" java&#9;script:alert(1)">lien</a>')
    return _sanitized(line, f'href=" java\\tscript:alert(1)" on <a> ({SCHEME})')


def style_attribute_overlay(project):
    line = _body(project, '<a href="https://example.org/" style="position:fixed;inset:0">lien</a>')
    return _sanitized(line, f'style="position:fixed;inset:0" on <a> ({ATTRIBUTE})')


def image_from_another_site(project):
    line = _body(project, "![pixel](https://tracker.example.net/p.png)")
    return _sanitized(line, 'src="https://tracker.example.net/p.png" on <img> (an image from another site: every reader\'s browser '
                            "would ask that site for it; copy it under docs/assets/)")


def theme_class_and_theme_id(project):
    line = _body(project, "Un paragraphe.\n{: .md-overlay #__config }")
    return _sanitized(line + 1, 'class="md-overlay" on <p> (the theme\'s class md-overlay, which can cover the page) (and 1 more)')


def six_hundred_markers_hidden_after_an_indented_fence(project):
    """The source scan took the lines after an indented '```' for code; Markdown expands them."""
    line = _body(project, "    ```\n\n" + "<!-- rse:matrix -->\n\n" * 600 + "    ```")
    return [f"{INVITATION}:{line + 2}: field '<!-- rse:matrix -->': expected each marker once per page; found it a second time."]


def html_page_in_docs(project):
    (project / "docs/404.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    return ["docs/404.html: field '(file)': expected a page (.md), an image (.png, .jpg, .jpeg, .gif, .webp, .svg), or under assets/ a "
            "stylesheet, script or text file; found an HTML file, which would be published as written. Write the page in Markdown "
            "(.md): its HTML is sanitized."]


def svg_with_a_script(project):
    (project / "docs/assets/logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', encoding="utf-8")
    return ["docs/assets/logo.svg: field '(file)': expected an SVG drawing with only shapes, text and '#id' links (no script, event "
            "attribute, style or external resource); found a <script> element. Export it as plain SVG, or as PNG."]


def file_named_after_a_language(project):
    (project / "docs/en").write_text("x", encoding="utf-8")
    return ["docs/en: field '(file)': expected a page (.md), an image (.png, .jpg, .jpeg, .gif, .webp, .svg), or under assets/ a "
            "stylesheet, script or text file; found a file without an extension. Remove it, or ask for its kind to be allowed "
            "(hooks/rse/docsfiles.py)."]


def two_pages_with_one_address(project):
    (project / "docs/contrastes/invitation").mkdir(exist_ok=True)  # (its printable plan is there already)
    shutil.copy(project / INVITATION, project / "docs/contrastes/invitation/index.fr.md")
    return ["docs/contrastes/invitation/index.fr.md: field '(file name)': expected one page per address; found the address of "
            "docs/contrastes/invitation.fr.md ('contrastes/invitation/' in 'fr'). Rename or remove one of them: the build would "
            "publish only one."]


def yaml_directive_with_a_schema_error(project):
    edit_front_matter(project, INVITATION, "%YAML 1.1\n---\nkind: nope\n")
    return [f"{INVITATION}:2: field '(front matter)': expected plain YAML fields, without a YAML directive; found '%YAML 1.1'. "
            "Remove the line: directives ('%YAML', '%TAG') are read differently by the checks and MkDocs."]


def closing_fence_at_the_end_of_the_file(project):
    path = project / INVITATION
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("\n---\n", 4) + 4], encoding="utf-8")
    return [f"{INVITATION}:1: field '(front matter)': expected YAML front matter between two '---' lines at the top of the file; "
            "found a closing '---' at the very end of the file, without a line break after it. Add a line break after the closing "
            "'---': MkDocs would publish the front matter as text."]


def bidirectional_control_in_a_title(project):
    samples.edit(project / INVITATION, "title: Titre du contraste invitation", 'title: "Titre \\u202econtraste"')
    line = samples.line_of(project / INVITATION, "title:")
    return [f"{INVITATION}:{line}: field 'title': expected text without invisible control characters; found an invisible character "
            "that reorders text (bidirectional control), U+202E. Delete it: readers would see the text in another order than it is "
            "written."]


def raw_html_left_open(project):
    path = project / INVITATION
    samples.edit(path, "<!-- rse:signs -->", "<!-- rse:signs -->\n\n<div class=\"note\">\nUne note jamais fermée.")
    line = samples.line_of(path, "<div ")
    return [f"{INVITATION}:{line}: field '(body)': expected raw HTML elements closed before the end of the page; found an element left "
            "open. Close it: everything after it, the glossary included, would be published as raw HTML."]


def fence_left_open(project):
    path = project / INVITATION
    samples.edit(path, "<!-- rse:signs -->", "<!-- rse:signs -->\n\n```\ncode jamais fermé")
    line = samples.line_of(path, "```")
    return [f"{INVITATION}:{line}: field '(body)': expected a code fence closed by a line of the same backticks or tildes; found a fence "
            "never closed. Add the closing fence line."]


REFUSED = [alias_bomb, deep_nesting, keys_of_mixed_types, id_with_final_newline, symlink_to_a_system_file, symlink_loop,
           page_in_a_language_folder, file_name_with_a_space, redirect_into_the_english_site, redirect_from_a_file,
           marker_only_in_code, marker_inside_a_line, marker_in_a_list_item, heading_id_with_an_accent, page_named_after_a_language, glossary_term_with_a_backslash, glossary_definition_that_removes_the_term,
           line_of_100_kb, page_of_20000_characters, heading_of_12_kb, script_and_event_attribute_in_the_body,
           raw_html_left_open, fence_left_open,
           # issue 19: what the sanitizer, the one front-matter reader, the file kinds and the expanding code refuse
           escaped_backticks_around_raw_html, angle_bracket_inside_a_quoted_attribute, event_attribute_in_an_attribute_list,
           entity_encoded_script_address, script_address_in_a_reference_link, whitespace_split_script_address, style_attribute_overlay,
           image_from_another_site, theme_class_and_theme_id, six_hundred_markers_hidden_after_an_indented_fence,
           html_page_in_docs, svg_with_a_script, file_named_after_a_language, two_pages_with_one_address,
           yaml_directive_with_a_schema_error, closing_fence_at_the_end_of_the_file, bidirectional_control_in_a_title]


def test_a_crash_while_converting_a_page_is_one_line_naming_the_file(project, capsys):
    """A list nested six hundred deep makes Python-Markdown recurse past Python's limit: the build and
    ./dev check --fast both say which page, in one line, instead of a traceback."""
    _body(project, "- " * 600 + "x")
    expected = (f"{INVITATION}: field '(body)': expected a page that Markdown can convert; found an error (RecursionError: "
                "maximum recursion depth exceeded")
    lines = build_failure(project).splitlines()
    assert lines[0] == "rse: the content has 1 problem(s):" and lines[1].startswith(expected) and len(lines) == 2, lines
    status, out = check(project, "--fast", capsys=capsys)
    assert status == 1 and [line.strip() for line in out if ": field '" in line][0].startswith(expected), out


@pytest.mark.parametrize("case", REFUSED, ids=lambda case: case.__name__)
def test_the_build_refuses_with_the_file_and_line(project, case):
    expected = case(project)
    started = time.process_time()  # CPU time: other work on the machine cannot stall it
    message = build_failure(project)
    assert time.process_time() - started < 10
    lines = message.splitlines()
    assert lines[0].startswith("rse: ") and lines[0].endswith(f"has {len(expected)} problem(s):"), message
    assert lines[1:] == expected


@pytest.mark.parametrize("case", REFUSED, ids=lambda case: case.__name__)
def test_dev_check_refuses_with_the_file_and_line(project, case, capsys):
    expected = case(project)
    started = time.process_time()  # CPU time: other work on the machine cannot stall it
    status, out = check(project, "--fast", capsys=capsys)
    assert time.process_time() - started < 10
    assert status == 1
    assert [line.strip() for line in out if line.startswith("  ") and ": field '" in line] == expected, "\n".join(out)
    assert out[-1].startswith(f"check: FAILED with {len(expected)} problem(s)")


# --- the same files read elsewhere -------------------------------------------------------------


def test_damaged_translations_file_is_one_located_line(project, capsys):
    (project / "translations.yml").write_text("<<<<<<< HEAD\nindex: {fr: a, en: b}\n=======\nindex: {fr: c, en: d}\n>>>>>>> x\n",
                                                encoding="utf-8")
    expected = ["translations.yml:1: field '(file)': expected lines written by './dev translations --mark' "
                "('base: {fr: fingerprint, en: fingerprint}'); found a git conflict marker. Resolve the conflict or restore the file "
                "from git, then run ./dev translations --mark PAGE for the pairs you checked."]
    status, out = check(project, "--fast", capsys=capsys)
    assert status == 1 and [line.strip() for line in out if ": field '" in line] == expected, "\n".join(out)
    capsys.readouterr()
    assert main(["--root", str(project), "translations", "--markdown", str(project.parent / "summary.md")]) == 1
    assert [line.strip() for line in capsys.readouterr().out.splitlines() if ": field '" in line] == expected


def test_a_link_that_climbs_out_of_the_site_is_refused(project, capsys):
    samples.edit(project / INVITATION, "<!-- rse:signs -->", '<!-- rse:signs -->\n\n<a href="../../../../../../etc/passwd">x</a>')
    line = samples.line_of(project / INVITATION, '<a href="../')
    status, out = check(project, "--only", "build,links", capsys=capsys)
    assert status == 1
    assert [line.strip() for line in out if ": field '" in line] == [
        f"{INVITATION}:{line}: field 'link': expected a link to a page or file of the site; found '../../../../../../etc/passwd' "
        "on /contrastes/invitation/, which climbs out of the site. Fix the link in the page: link to the other page's Markdown "
        "file, e.g. [text](../piliers/engagement.md#signes)."]


# --- published, escaped --------------------------------------------------------------------------


def test_markup_in_titles_and_descriptions_is_published_as_text(project):
    title = 'T <details open><summary>x</summary></details> <script>alert(1)</script> "q" & co, l\'article'
    description = 'D "quoted" <b>b</b> & \'s'
    samples.edit(project / INVITATION, "title: Titre du contraste invitation\n", f"title: '{title.replace(chr(39), chr(39) * 2)}'\n")
    samples.edit(project / INVITATION, "description: Résumé de invitation.\n", f"description: '{description.replace(chr(39), chr(39) * 2)}'\n")
    build_site(project, project.parent / "site")
    site = project.parent / "site"
    from rse.themetext import theme_text as escape

    page = (site / "contrastes/invitation/index.html").read_text(encoding="utf-8")
    neighbour = (site / "contrastes/but-commun/index.html").read_text(encoding="utf-8")
    index = (site / "search/search_index.json").read_text(encoding="utf-8")
    for html in (page, neighbour):
        assert "<details" not in html and "<script>alert" not in html and "<b>b</b>" not in html
    from rse.typography import french

    text = french(str(escape(title)))  # in the French pages' text, with French typography (l’article)
    assert f"<title>{text} - " in page
    assert f'<meta name="description" content="{french(str(escape(description)))}">' in page  # an attribute readers see: typeset
    assert page.count(text) >= 4  # title, header, navigation, page heading
    assert f'aria-label="{french("Précédent: " + str(escape(title)))}"' in neighbour  # footer, escaped once, typeset
    assert "<script>" not in index and "<details" not in index
    assert '"title":"' + text.replace('"', '\\"') + '"' in index  # the search result shows it as text, typeset
    assert "l’article" in index and "&#39;" not in index  # lunr splits words at "'" and "’" (mkdocs.yml), not at '&#39;'



# --- bounded work: every reader of contributors' text is linear on a 100 KB line of any kind -----

LINES = ["{#a" * 34_000, "# x " + "{#a" * 34_000, "## x {" * 17_000, " " * 100_000 + "x", "<!--" * 25_000, "<!-- rse:" * 11_000,
         "`" * 100_000, "` <!-- rse:claims -->" * 5_000, "*[" + "a" * 100_000 + "]: x", "*[a]: " + " \t" * 50_000 + "x {lang=fr}",
         "[" * 100_000, "id='" * 25_000, "&a *a [" * 14_000, "```\n" * 25_000]


@pytest.mark.parametrize("line", LINES, ids=lambda line: repr(line[:12]))
def test_readers_of_contributors_text_take_linear_time(line):
    from rse import docsfiles, glossary, mdlex, sanitize, yamlfile
    from rse.checks.addresses import declared_ids
    from rse.errors import ContentError
    from rse.frontmatter import parse

    started = time.process_time()  # CPU time: other work on the machine cannot stall it
    mdlex.scan(line)
    mdlex.heading_ids(line)
    mdlex.h2_without_id(line)
    sanitize.clean(line)
    declared_ids(line)
    glossary._without_comments(line)
    docsfiles.size_problem(line, "f")
    yamlfile.unsafe_structure(line)
    for reader in (lambda: glossary.parse(line, "includes/glossary.fr.md"), lambda: parse(f"---\ntitle: {line!r}\n---\n{line}\n", "f")):
        try:
            reader()
        except ContentError:
            pass
    assert time.process_time() - started < 2


# --- smaller cases --------------------------------------------------------------------------------


def test_new_refuses_a_slug_with_a_final_newline(project, capsys):
    capsys.readouterr()
    assert main(["--root", str(project), "new", "contrast", "nouveau\n"]) == 1
    assert "nouveau" in capsys.readouterr().err
    assert not list((project / "docs").rglob("nouveau*"))


def test_a_problem_is_one_line_whatever_was_typed():
    from rse.errors import Problem

    shown = str(Problem("docs/a.fr.md", "## x\n::error::forged\x1b[31m", "an id", "'x'\u2028", line=3))
    assert shown == "docs/a.fr.md:3: field '## x\\n::error::forged\\x1b[31m': expected an id; found 'x'\\u2028."
    assert len(shown.splitlines()) == 1


def test_translation_status_reads_no_file_that_must_not_be_read(project, capsys):
    os.mkfifo(project / "docs/pipe.fr.md")  # opening it would block CI's first step until its time limit
    capsys.readouterr()
    assert main(["--root", str(project), "translations"]) == 1
    assert capsys.readouterr().out.splitlines()[0].strip() == (
        "docs/pipe.fr.md: field '(file)': expected a plain file or folder; found a special file (device, pipe or socket). Remove it.")


def test_a_linked_redirects_file_is_refused_before_it_is_read(project, capsys):
    os.symlink("/dev/zero", project / "redirects.yml")  # read, it would never end
    expected = "redirects.yml: field '(file)': expected a file, not a symbolic link; found a symbolic link. Copy the file itself: the build reads it."
    status, out = check(project, capsys=capsys)
    assert status == 1 and [line.strip() for line in out if ": field '" in line] == [expected]
    assert build_failure(project).splitlines()[1:] == [expected]


def test_theme_fields_are_escaped_once_and_only_once():
    from markupsafe import Markup

    from rse.themetext import escape_theme_fields, theme_text

    meta = {"title": 'A "b" & <c>', "description": "d'e", "id": "x<y", "order": 3}
    escaped = escape_theme_fields(meta)
    assert escaped == {"title": "A &quot;b&quot; &amp; &lt;c&gt;", "description": "d'e"}  # other fields untouched
    assert all(isinstance(v, Markup) for v in escaped.values())
    meta.update(escaped)
    assert escape_theme_fields(meta) == {}  # a second call (another language build) escapes nothing twice
    assert theme_text(escaped["title"]) is escaped["title"]
    from jinja2 import Environment

    # Material escapes some of them itself ('| e' in the footer): Markup is not escaped twice
    assert Environment().from_string("{{ t | e }}").render(t=escaped["title"]) == "A &quot;b&quot; &amp; &lt;c&gt;"


def test_a_glossary_is_bounded(tmp_path):
    from rse import glossary
    from rse.errors import ContentError

    with pytest.raises(ContentError) as exc_info:
        glossary.parse("".join(f"*[T{i}]: d\n" for i in range(201)), "includes/glossary.fr.md")
    assert str(exc_info.value) == ("includes/glossary.fr.md:201: field '(file)': expected a glossary of at most 200 terms; found 201 terms. "
                                   "Keep the glossary to the terms readers need: it is added to every page.")
    with pytest.raises(ContentError) as exc_info:
        glossary.parse("*[T]: " + "d " * 8000 + "\n", "includes/glossary.fr.md")
    assert str(exc_info.value).startswith("includes/glossary.fr.md: field '(file)': expected a glossary of at most 16000 characters")


def test_what_the_attack_of_the_hardened_build_found_is_refused(project, capsys):
    """Three holes an attack on the first version of issue 19's build found (an SVG spelling url()
    with a CSS escape, a page ending in '.MD' that MkDocs copies unread, a list as a field name)."""
    (project / "docs/contrastes/pic.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" '
        'fill="u\\72 l(https://fill.evil.example.net/p.svg#p) red"/></svg>', encoding="utf-8")
    (project / "docs/contrastes/evil.fr.MD").write_text("<script>alert(1)</script>", encoding="utf-8")
    edit_front_matter(project, INVITATION, "? [a]\n: 1\n")
    status, out = check(project, "--fast", capsys=capsys)
    found = [line.strip() for line in out if ": field '" in line]
    assert status == 1 and found == [
        "docs/contrastes/evil.fr.MD: field '(file)': expected a page ending in '.md', in lower case; found the extension '.MD'. "
        "Rename it: MkDocs would publish the file as written, without reading it as a page.",
        "docs/contrastes/pic.svg: field '(file)': expected an SVG drawing with only shapes, text and '#id' links (no script, event "
        "attribute, style or external resource); found a backslash in fill= on <rect>. Export it as plain SVG, or as PNG."], out
    for name in ("evil.fr.MD", "pic.svg"):
        (project / "docs/contrastes" / name).unlink()
    assert "a YAML error: a field name that is a list or mapping" in build_failure(project)
