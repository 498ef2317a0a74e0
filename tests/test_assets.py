"""The stylesheets as served (rse.assets.minify_css): smaller, same rules."""

from __future__ import annotations

import gzip
import re

import pytest

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
