"""The stylesheets as served (rse.assets.minify_css): smaller, same rules."""

from __future__ import annotations

import gzip
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rse import assets
from rse.assets import compact_html, minify_css
from sitebuild import ROOT


def test_comments_and_layout_whitespace_go_strings_and_selectors_stay():
    css = ('/* l\'approche "x" */\n.a :focus, .b > .c {\n  color: red;  /* why */\n  content: " <" attr(x) ">";\n}\n'
           '@media screen and (max-width: 37em) {\n  .d:not(.e) { margin: 0 auto; }\n}\n'
           '.f::after { content: "/* not a comment */"; }\n')
    assert minify_css(css) == ('.a :focus,.b>.c{color:red;content:" <" attr(x) ">"}'
                               '@media screen and (max-width: 37em){.d:not(.e){margin:0 auto}}'
                               '.f::after{content:"/* not a comment */"}')


@pytest.mark.parametrize("name", ["rse.css", "print.css"])
def test_the_projects_stylesheets_shrink_and_keep_every_rule(name):
    text = (ROOT / "docs" / "assets" / name).read_text(encoding="utf-8")
    small = minify_css(text)
    assert len(gzip.compress(small.encode())) < 0.7 * len(gzip.compress(text.encode()))
    uncommented = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    assert small.count("{") == uncommented.count("{") and small.count("}") == uncommented.count("}")


def test_pages_lose_their_indentation_but_not_their_preformatted_text():
    html = ('<div>\n    <p>a   b</p>\n\n    <pre><code>  x\n    y</code></pre>\n  <script>\n  var a  = 1;\n</script>'
            '<textarea> t\n  u</textarea>\n</div>')
    assert compact_html(html) == ('<div>\n<p>a b</p>\n<pre><code>  x\n    y</code></pre>\n<script>\n  var a  = 1;\n</script>'
                                  '<textarea> t\n  u</textarea>\n</div>')


_RULE_BREAK = re.compile(r"[ \t]*\n[ \t\n\r\f\v]*")
_RULE_RUN = re.compile(r"[ \t]{2,}")


@given(st.text(alphabet=" \t\n\r\f\u00a0\u202fab<>/", max_size=200))
@settings(max_examples=400, deadline=None)
def test_compacting_is_the_rule_written_as_two_regular_expressions(text):
    """compact_html's fast path (str.replace) does what its rule says: each run of whitespace
    holding a line break becomes one line break, other runs of spaces and tabs one space;
    a no-break space is text and stays, even at the start of a line."""
    html = "<p>" + text + "</p>"
    assert compact_html(html) == _RULE_RUN.sub(" ", _RULE_BREAK.sub("\n", html))


def test_no_break_spaces_at_the_start_of_a_line_stay():
    assert compact_html("<p>a\n  \u202f: b</p>") == "<p>a\n\u202f: b</p>"


def test_scripts_lose_whole_line_comments_and_indentation_only():
    source = ('/* A header\n * over lines */\n(function () {\n  // a comment line\n  var url = "https://x.org/*y*/";  // kept: not a whole line\n'
              '  var re = /\\/\\//g;\n    /* a block at the start of a line */\n  return url;\n})();\n')
    out = assets.minify_js(source)
    assert out == ('(function () {\nvar url = "https://x.org/*y*/";  // kept: not a whole line\nvar re = /\\/\\//g;\n'
                   'return url;\n})();\n')


def test_the_sites_scripts_still_parse_once_minified():
    import shutil
    import subprocess

    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the minified scripts are checked by the browser tests")
    for rel in assets.MINIFIED_JS:
        text = assets.minify_js((ROOT / "docs" / rel).read_text(encoding="utf-8"))
        subprocess.run([node, "-e", "new Function(require('fs').readFileSync(0, 'utf8'))"], input=text, text=True, check=True)
