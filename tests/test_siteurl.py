"""site_url from SITE_URL, and the publishing build's refusal of a placeholder (rse.siteurl)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from rse import siteurl
from sitebuild import ROOT


@pytest.mark.parametrize("url", ["https://rse.example.org/", "https://example.com/rse/", "http://EXAMPLE.NET",
                                 "https://a.b.example.org./", "", "/", "not a url"])
def test_placeholder_addresses_are_refused_with_what_to_do(url):
    message = siteurl.problem(url)
    assert message is not None and message.startswith("dev build: site_url is a placeholder")
    assert "set SITE_URL to the address the site is published at, e.g. SITE_URL=https://team.github.io/rse/ ./dev build" in message


@pytest.mark.parametrize("url", ["https://team.github.io/rse/", "https://rse.example.fr/", "https://myexample.org/",
                                 "https://example.org.evil.test/"])
def test_real_addresses_pass(url):
    assert siteurl.problem(url) is None


def test_site_url_comes_from_the_environment_with_the_placeholder_as_default(tmp_path, monkeypatch):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nsite_url: !ENV [SITE_URL, https://rse.example.org/]\n"
                      "plugins:\n  - offline:\n      enabled: !ENV [RSE_OFFLINE, false]\n"
                      "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n")
    monkeypatch.delenv("SITE_URL", raising=False)
    assert siteurl.configured(config) == "https://rse.example.org/"
    monkeypatch.setenv("SITE_URL", "https://team.github.io/rse/")
    assert siteurl.configured(config) == "https://team.github.io/rse/"


def test_the_projects_mkdocs_yml_reads_site_url_from_the_environment(monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://team.github.io/rse/")
    assert siteurl.configured(ROOT / "mkdocs.yml") == "https://team.github.io/rse/"


def test_the_command_exits_2_with_one_line_on_a_placeholder():
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "hooks")}
    done = subprocess.run([sys.executable, "-m", "rse.siteurl", str(ROOT / "mkdocs.yml")], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "SITE_URL=" in done.stderr
    done = subprocess.run([sys.executable, "-m", "rse.siteurl", str(ROOT / "mkdocs.yml")],
                          env={**env, "SITE_URL": "https://team.github.io/rse/"}, capture_output=True, text=True)
    assert done.returncode == 0 and not done.stderr


@pytest.mark.parametrize("url, wrong", [
    ('https://x.org/"><script>alert(1)</script>/', "a path of folders"),
    ("https://x.org/a b/", "a space or an invisible character"),
    ("javascript:alert(1)//", "starting with http:// or https://"),
    ("https://u:p@x.org/", "a user name or password"),
    ("https://x.org/?q=1", "without '?' or '#'"),
    ("https://x_y.org/", "a host name of letters"),
])
def test_site_url_is_checked_whole(url, wrong):
    """Issue 19: the published address is printed into every page (canonical and hreflang links, QR
    codes, sitemap): a quote or a script in it is refused, not escaped here and raw there."""
    from rse.siteurl import malformed
    assert wrong in (malformed(url) or "")


@pytest.mark.parametrize("url", ["https://rse.example.org/", "https://team.github.io/rse/", "http://127.0.0.1:8000/"])
def test_real_site_urls_pass(url):
    from rse.siteurl import malformed
    assert malformed(url) is None


def test_the_build_refuses_a_site_url_with_a_quote(tmp_path):
    from mkdocs.exceptions import Abort, PluginError
    from sitebuild import build_site, sample_project
    project = sample_project(tmp_path / "project")
    with pytest.raises((PluginError, Abort)) as exc_info:
        build_site(project, tmp_path / "site", env={"SITE_URL": 'https://x.org/a"b/'})
    error: BaseException | None = exc_info.value
    while error is not None and not isinstance(error, PluginError):
        error = error.__cause__ or error.__context__
    assert "field 'site_url' (SITE_URL): expected a path of folders" in str(error)
