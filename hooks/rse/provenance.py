"""Where the English of each passage of the article comes from (provenance.yml, at the project root).

The article is known through reposts and mirrors of 2012 (no copy of hbr.org was found). For each
passage a claim restates (its ``source: {article: ...}``), the file records the English words read
in a repost, with the reposts that show them, or nothing: then the claim is our reformulation of
the French review, and the page says so. Every claim's passage must be in the file: a located
problem otherwise. A project without the file (the test fixtures) shows no provenance."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from . import yamlfile
from .errors import Problem

FILE = "provenance.yml"


@dataclass(frozen=True)
class Repost:
    key: str
    url: str
    name: str  # how a reader knows it: 'sapientmetrics.com'
    shows: str  # what it is, in English: 'a mirror of blogs.hbr.org, stamped 16 February 2012'
    date: str  # YYYY-MM-DD as the page or its address shows it


@dataclass(frozen=True)
class Place:
    place: str  # as claims write it: 'personal list, point 3'
    english: str  # the words read ('' : not found)
    read_in: tuple[Repost, ...]
    note: str = ""

    @property
    def found(self) -> bool:
        return bool(self.english)


def load(root: Path) -> tuple[dict[str, Place], list[Problem]]:
    """({place: Place}, problems) from ``root``/provenance.yml; ({}, []) when there is no such file."""
    path = Path(root) / FILE
    if not path.is_file():
        return {}, []
    try:
        data = yamlfile.load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return {}, [Problem(FILE, "(file)", "valid YAML", str(getattr(error, "problem", None) or error), line=mark.line + 1 if mark else None)]
    problems: list[Problem] = []
    if not isinstance(data, dict) or not isinstance(data.get("reposts"), dict) or not isinstance(data.get("places"), list):
        return {}, [Problem(FILE, "(file)", "a mapping with 'reposts' (key: url, name, shows, date) and 'places' (a list)", "another structure")]
    reposts: dict[str, Repost] = {}
    for key, r in data["reposts"].items():
        if not isinstance(r, dict) or not all(isinstance(r.get(f), str) and r.get(f) for f in ("url", "name", "shows", "date")) \
                or not r["url"].startswith(("https://", "http://")):
            problems.append(Problem(FILE, f"reposts.{key}", "url (http or https), name, shows and date, each a text", repr(r)))
            continue
        reposts[key] = Repost(key, r["url"], r["name"], r["shows"], r["date"])
    places: dict[str, Place] = {}
    for i, p in enumerate(data["places"]):
        if not isinstance(p, dict) or not isinstance(p.get("place"), str):
            problems.append(Problem(FILE, f"places[{i}]", "a mapping with 'place', 'english' and 'read_in'", repr(p)))
            continue
        english, read_in = p.get("english") or "", p.get("read_in") or []
        unknown = [k for k in read_in if k not in reposts]
        if unknown or bool(english) != bool(read_in):
            problems.append(Problem(FILE, f"places[{i}]", "English words together with the reposts they were read in (keys of 'reposts'), "
                                    "or neither", f"english {'given' if english else 'empty'}, read_in {read_in!r}"))
            continue
        places[p["place"]] = Place(p["place"], english.strip(), tuple(reposts[k] for k in read_in), (p.get("note") or "").strip())
    return places, problems


def check(claims: list[tuple[str, str, tuple]], places: dict[str, Place], line_of) -> list[Problem]:
    """Every claim (file, key, source) restating the article names a passage the file records."""
    if not places:
        return []
    out = []
    for file, key, source in claims:
        if source and source[0] == "article" and source[1] not in places:
            out.append(Problem(file, f"claims.{key}.source.article", f"a passage recorded in {FILE} ({len(places)} of them)",
                               repr(source[1]), line=line_of(file, key),
                               hint=f"Add the passage to {FILE}: the English you read and where, or an empty 'english' if you found none."))
    return out
