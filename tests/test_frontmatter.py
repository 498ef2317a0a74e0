"""rse.frontmatter.parse: strict split of a page into YAML front matter and body, with located errors."""

from __future__ import annotations

import pytest

from rse.errors import ContentError
from rse.frontmatter import parse

FILE = "docs/contrastes/x.fr.md"

GOOD = """---
id: invitation
kind: contrast
claims:
  personal:
    text: p
remarks:
  - id: r1
    annotates: personal
    stance: agrees
---

# Title

<!-- rse:claims -->
"""


def only_problem(exc_info):
    problems = exc_info.value.problems
    assert len(problems) == 1, problems
    return problems[0]


def test_valid_source_is_split_into_meta_and_body():
    source = parse(GOOD, FILE)
    assert source.file == FILE
    assert source.meta["id"] == "invitation"
    assert source.meta["remarks"][0]["stance"] == "agrees"
    assert source.body.startswith("\n# Title\n")
    # line 11 is the closing '---'; the body starts on line 12 (an empty line), line 13 is the title
    assert source.body_line == GOOD.splitlines().index("---", 1) + 2
    assert GOOD.splitlines()[source.body_line - 1] == ""
    assert GOOD.splitlines()[source.body_line] == "# Title"


@pytest.mark.parametrize(("path", "text_on_line"), [
    (("id",), "id: invitation"),
    (("claims",), "claims:"),
    (("claims", "personal"), "  personal:"),
    (("claims", "personal", "text"), "    text: p"),
    (("remarks", 0), "  - id: r1"),
    (("remarks", 0, "stance"), "    stance: agrees"),
    # a path that does not exist falls back to its nearest existing parent
    (("claims", "enterprise"), "claims:"),
])
def test_line_of_points_at_the_field_in_the_file(path, text_on_line):
    source = parse(GOOD, FILE)
    assert GOOD.splitlines()[source.line_of(path) - 1] == text_on_line


def test_byte_order_mark_is_ignored():
    assert parse("\ufeff" + GOOD, FILE).meta["id"] == "invitation"


def test_yaml_end_marker_closes_front_matter():
    source = parse("---\nid: x\n...\nbody\n", FILE)
    assert source.meta == {"id": "x"}
    assert source.body == "body\n"


def test_crlf_line_endings_are_accepted():
    source = parse(GOOD.replace("\n", "\r\n"), FILE)
    assert source.meta["claims"]["personal"]["text"] == "p"


def test_yaml_that_does_not_parse_names_file_and_line():
    text = "---\nid: x\ntitle: a: b\nkind: home\n---\nbody\n"
    with pytest.raises(ContentError) as exc_info:
        parse(text, FILE)
    problem = only_problem(exc_info)
    assert (problem.file, problem.field, problem.expected, problem.line) == (FILE, "(front matter)", "valid YAML", 3)
    assert problem.found == "a YAML error: mapping values are not allowed here"
    assert str(exc_info.value) == (
        f"{FILE}:3: field '(front matter)': expected valid YAML; found a YAML error: mapping values are not allowed here."
    )


def test_unclosed_quote_is_a_yaml_error():
    with pytest.raises(ContentError, match=r"^docs/contrastes/x\.fr\.md:\d+: field '\(front matter\)': expected valid YAML; "
                                           r"found a YAML error: .+\.$"):
        parse('---\nid: x\ntitle: "no end\n---\nbody\n', FILE)


def test_duplicate_top_level_key_is_refused_with_both_lines():
    text = "---\nid: x\ntitle: one\nkind: home\ntitle: two\n---\n"
    with pytest.raises(ContentError) as exc_info:
        parse(text, FILE)
    problem = only_problem(exc_info)
    assert problem.line == 5
    assert problem.field == "(front matter)"
    assert problem.expected == "valid YAML"
    assert problem.found == "a YAML error: duplicate key 'title' (first on line 3)"


def test_duplicate_nested_key_is_refused():
    text = "---\nid: x\nclaims:\n  personal:\n    text: a\n  personal:\n    text: b\n---\n"
    with pytest.raises(ContentError) as exc_info:
        parse(text, FILE)
    problem = only_problem(exc_info)
    assert problem.line == 6
    assert problem.found == "a YAML error: duplicate key 'personal' (first on line 4)"


def test_file_without_front_matter():
    with pytest.raises(ContentError) as exc_info:
        parse("# Just a title\n\nSome text.\n", FILE)
    problem = only_problem(exc_info)
    assert problem == type(problem)(
        file=FILE, field="(front matter)",
        expected="YAML front matter between two '---' lines at the top of the file",
        found="a file without front matter", line=1,
    )


def test_front_matter_not_at_the_top_is_not_front_matter():
    with pytest.raises(ContentError, match=r"found a file without front matter\.$"):
        parse("\n---\nid: x\n---\n", FILE)


def test_opening_fence_without_closing_fence():
    with pytest.raises(ContentError) as exc_info:
        parse("---\nid: x\nkind: home\n\n# Title\n", FILE)
    problem = only_problem(exc_info)
    assert problem.found == "an opening '---' without a closing '---'"
    assert problem.line == 1


def test_front_matter_that_is_not_a_mapping():
    with pytest.raises(ContentError) as exc_info:
        parse("---\n- a\n- b\n---\n", FILE)
    problem = only_problem(exc_info)
    assert (problem.field, problem.expected, problem.found, problem.line) == (
        "(front matter)", "a mapping of fields", "a list of 2 item(s)", 2)


def test_empty_front_matter_is_refused_as_mkdocs_does_not_read_it():
    # MkDocs' pattern needs a line between the two fences: it would publish '---' and '---' as text
    with pytest.raises(ContentError, match=r"found an opening '---' without a closing '---'\.$"):
        parse("---\n---\nbody\n", FILE)


def test_a_closing_fence_at_the_end_of_the_file_is_refused_as_mkdocs_does_not_read_it():
    with pytest.raises(ContentError, match=r"found a closing '---' at the very end of the file, without a line break after it\. "
                                           r"Add a line break"):
        parse("---\nid: x\n---", FILE)


def test_the_front_matter_is_found_with_mkdocs_own_pattern():
    """One reader (issue 19): the pattern is MkDocs', and what MkDocs' loader refuses is refused."""
    from mkdocs.utils import meta
    from rse import frontmatter
    assert frontmatter._FENCE.pattern == meta.YAML_RE.pattern and frontmatter._FENCE.flags == meta.YAML_RE.flags
    for text in ("---\nid: x\n---\nbody\n", "---\nid: x\n...\nbody\n", "---  \nid: x\n---\t\nbody\n"):
        body, data = meta.get_data(text)
        source = parse(text, FILE)
        assert (source.meta, source.body.lstrip("\n")) == (data, body)


@pytest.mark.parametrize("text, found", [
    ("---\n%YAML 1.1\n---\nid: x\n---\n", "found '%YAML 1.1'"),
    ("---\n%TAG ! tag:x,2000:\nid: x\n---\n", "found '%TAG ! tag:x,2000:'"),
    ('---\nid: x\ntitle: "a\\ud800"\n---\n', "found a YAML error"),
    ('---\nid: x\ntitle: "a\\u202eb"\n---\n', "found an invisible character that reorders text (bidirectional control), U+202E"),
    ("---\nid: x\ntitle: a\u2066b\n---\n", "found an invisible character that reorders text (bidirectional control), U+2066"),
    ("---\nid: x\n---\n## Titre \u202e {#a}\n", "found an invisible character"),
])
def test_what_the_two_loaders_read_differently_is_refused_located(text, found):
    with pytest.raises(ContentError) as exc_info:
        parse(text, FILE)
    assert found in str(exc_info.value) and str(exc_info.value).startswith(f"{FILE}:")


def test_yaml_tags_that_build_python_objects_are_refused():
    with pytest.raises(ContentError, match=r"expected valid YAML; found a YAML error: "):
        parse("---\nid: !!python/object/apply:os.system ['true']\n---\n", FILE)
