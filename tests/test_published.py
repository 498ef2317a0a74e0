"""`./dev check`'s steps over the built site (rse.checks.published): French typography wherever
French text goes, and each page's first visit, each problem naming the built file."""

from __future__ import annotations

import json
import os

from rse.checks import firstvisit, published


def _page(site, rel: str, body: str, lang: str = "fr") -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<!doctype html><html lang="{lang}"><head><title>T</title></head><body><p>{body}</p></body></html>', encoding="utf-8")


def test_a_french_page_without_its_no_break_space_is_named(tmp_path):
    _page(tmp_path, "index.html", "Bonjour\u202f: tout va bien.")
    _page(tmp_path, "contrastes/x/index.html", "Une question ? Oui.")
    _page(tmp_path, "en/index.html", "Hello: all fine?", lang="en")
    problems, read = published.typography_problems(tmp_path)
    assert read == 3
    assert [(p.file, p.field) for p in problems] == [("contrastes/x/index.html", "(typography)")]
    assert "?" in problems[0].found


def test_the_french_search_index_is_read_too(tmp_path):
    _page(tmp_path, "index.html", "Bien\u202f!")
    (tmp_path / "search").mkdir()
    (tmp_path / "search/search_index.json").write_text(json.dumps({"docs": [{"location": "x/", "title": "Pourquoi ?", "text": ""}]}))
    problems, _ = published.typography_problems(tmp_path)
    assert [(p.file, p.field) for p in problems] == [("search/search_index.json", "(typography)")] and "x/" in problems[0].found


def test_a_page_over_the_budget_is_named_with_what_it_weighs(tmp_path):
    _page(tmp_path, "index.html", "petit")
    _page(tmp_path, "lourd/index.html", os.urandom(100_000).hex())  # random text: it does not compress
    problems, heaviest = published.weight_problems(tmp_path)
    assert [(p.file, p.field) for p in problems] == [("lourd/index.html", "(first visit)")]
    assert problems[0].found.startswith("lourd/index.html: ") and heaviest.startswith("lourd/index.html")
    assert firstvisit.first_visit_bytes(tmp_path, tmp_path / "index.html") < firstvisit.BUDGET
