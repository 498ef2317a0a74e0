"""Validate pages one by one (JSON Schema) and together (ids, references, twins)."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

from . import markers as mk
from .kinds import KINDS, PLAN_SLUG
from . import mdlex
from .errors import ContentError, Problem, describe
from .frontmatter import Source
from .model import PageData, Site

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schema" / "page.schema.json"


def _schema_text() -> str:
    """The schema as it is now (read at each use, compiled again only when it changed)."""
    return SCHEMA_PATH.read_text(encoding="utf-8")


def _validator():
    return _validator_of(_schema_text())


@lru_cache(maxsize=1)
def _validator_of(text: str):
    schema = json.loads(text)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _field(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(front matter)"


def _description(node) -> str:
    """The description of a schema node, following one local "$ref" (a claim's 'source')."""
    if not isinstance(node, dict):
        return ""
    if "$ref" in node and not node.get("description"):
        node = _validator().schema["$defs"].get(node["$ref"].rsplit("/", 1)[-1], {})
    return node.get("description", "")


def _schema_problem(error: Any, source: Source) -> Problem:  # a jsonschema.ValidationError, whose stubs say 'Unset |' for what is always set
    path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    found = describe(error.instance)
    if error.validator == "required":
        missing = next(name for name in error.validator_value if name not in error.instance)
        path = path + (missing,)
        declared = schema.get("properties", {}).get(missing) or _declared_in(list(error.absolute_schema_path), missing)
        described = _description(declared) or _validator().schema["properties"].get(missing, {}).get("description", "")
        expected = "this required field" + (f" ({described.rstrip('.')})" if described else "")
        found = "nothing"
    elif error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})), key=str)
        path = path + (extra[0],) if extra else path
        allowed = ", ".join(error.schema.get("properties", {}))
        expected = f"only known fields ({allowed})"
        found = f"an unknown field {extra[0]!r}" if extra else found
    elif error.validator == "enum":
        expected = "one of " + ", ".join(repr(v) for v in error.validator_value)
    elif error.validator == "const":
        expected = repr(error.validator_value)
    elif error.validator == "type":
        names = {"string": "a text", "integer": "a whole number", "boolean": "true or false", "array": "a list", "object": "a mapping of fields"}
        wanted: list[str] = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        expected = " or ".join(names.get(w, w) for w in wanted)
    elif error.validator in ("minItems", "minProperties"):
        expected = f"at least {error.validator_value} item(s)"
    elif error.validator == "uniqueItems":
        expected = "no repeated item"
    elif error.validator == "minimum":
        expected = f"a number of at least {error.validator_value}"
    elif error.validator == "not":
        expected = schema.get("x-expected", "something else")
        present = [n for alt in error.validator_value.get("anyOf", ()) for n in alt.get("required", ())
                   if isinstance(error.instance, dict) and n in error.instance]
        if present:  # name the forbidden field itself, not the whole front matter
            where = f"on a page of kind {error.instance['kind']!r}" if "kind" in error.instance else "beside it"
            path, found = path + (present[0],), f"{present[0]!r} {where}"
    elif error.validator == "maxLength":
        expected = f"a text of at most {error.validator_value} characters"
    else:
        expected = schema.get("x-expected") or f"a value satisfying '{error.validator}: {error.validator_value}'"
    return Problem(source.file, _field(path), expected, found, line=source.line_of(path))


def _declared_in(schema_path: list, name: str) -> dict | None:
    """The declaration of the field ``name`` in the nearest schema enclosing ``schema_path`` (a rule
    under allOf or if/then/else declares no properties itself), following '$ref's on the way."""
    root = _validator().schema
    node, found = root, None
    for key in schema_path:
        if isinstance(node, dict) and key not in node and "$ref" in node:
            node = root["$defs"][node["$ref"].rpartition("/")[2]]
            if name in node.get("properties", {}):
                found = node["properties"][name]
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and name in node.get("properties", {}):
            found = node["properties"][name]
    return found


def check_schema(source: Source) -> list[Problem]:
    """The first (most relevant) JSON Schema problem of one page, located."""
    errors = list(_validator().iter_errors(source.meta))
    if not errors:
        return []

    # every kind-dependent rule misfires when 'kind' itself is wrong: report that first
    best = next((e for e in errors if list(e.absolute_path) == ["kind"]), None) or jsonschema.exceptions.best_match(errors)
    inner = best.context[0] if best.validator == "propertyNames" and best.context else best
    if list(inner.absolute_schema_path)[-2:-1] == ["propertyNames"]:  # jsonschema 4 reports the name itself
        path = tuple(inner.absolute_path) + (inner.instance,)  # its instance is the offending key
        if inner.validator == "enum":
            expected = "only the claims " + " and ".join(repr(v) for v in inner.validator_value)
        else:
            expected = inner.schema.get("x-expected", "a valid name")
        return [Problem(source.file, _field(path), expected, f"a claim named {inner.instance!r}", line=source.line_of(path))]
    return [_schema_problem(best, source)]


def check_page(source: Source, page: PageData) -> list[Problem]:
    """Checks inside one page that JSON Schema cannot express."""
    problems = []
    claim_keys = [c.key for c in page.claims]
    for i, remark in enumerate(page.remarks):
        if remark.annotates not in claim_keys:
            problems.append(Problem(source.file, f"remarks[{i}].annotates",
                                    "one of this page's claims (" + ", ".join(repr(k) for k in claim_keys) + ")" if claim_keys else "a claim, but this page declares no 'claims'",
                                    describe(remark.annotates), line=source.line_of(("remarks", i, "annotates"))))
    found, stray = mdlex.scan(source.body)
    for name, offset in stray:
        problems.append(Problem(source.file, f"<!-- rse:{name} -->", "a marker alone on an unindented line (to show one as text: "
                                "between backticks or in a fenced code block)", "a marker inside a line or indented", line=source.body_line + offset,
                                hint="Put the marker on a line of its own, with blank lines around it."))
    fence = mdlex.unclosed_fence(source.body)
    if fence is not None:
        problems.append(Problem(source.file, "(body)", "a code fence closed by a line of the same backticks or tildes", "a fence never closed",
                                line=source.body_line + fence, hint="Add the closing fence line."))
    block = mdlex.unclosed_html_block(source.body)
    if block is not None:
        problems.append(Problem(source.file, "(body)", "raw HTML elements closed before the end of the page", "an element left open",
                                line=source.body_line + block,
                                hint="Close it: everything after it, the glossary included, would be published as raw HTML."))
    for anchor, offset in mdlex.heading_ids_at(source.body):
        if not mdlex.ANCHOR_ID.fullmatch(anchor):
            problems.append(Problem(source.file, f"{{#{anchor}}}", "a heading id of lower-case letters a-z, digits and single hyphens, "
                                    "e.g. {#signes}", repr(anchor), line=source.body_line + offset,
                                    hint="Anchors are part of addresses that trainers print and share."))
    names = [name for name, _ in found]
    allowed = mk.allowed_on(page)
    for name, offset in found:
        line = source.body_line + offset
        if not mk.known(name):
            problems.append(Problem(source.file, f"<!-- rse:{name} -->", f"a known marker ({mk.describe_known()})", f"'rse:{name}'", line=line))
        elif name not in allowed:
            problems.append(Problem(source.file, f"<!-- rse:{name} -->", f"no 'rse:{name}' marker on a page of kind '{page.kind}' without the data it shows", "the marker", line=line))
        elif names.count(name) > 1 and names.index(name) != found.index((name, offset)):
            problems.append(Problem(source.file, f"<!-- rse:{name} -->", "each marker once per page", "it a second time", line=line))
    for text, offset in mdlex.h2_without_id(source.body):
        problems.append(Problem(source.file, f"## {text}", "an explicit, stable id on every second-level heading, e.g. '## Title {#my-id}', the same in both twins",
                                "a heading without an id", line=source.body_line + offset,
                                hint="Trainers link to these anchors; ids written by hand do not change when the title is reworded."))
    for name in sorted(mk.required_for(page.kind, bool(page.claims)) - set(names)):
        problems.append(Problem(source.file, f"<!-- rse:{name} -->", f"the marker '<!-- rse:{name} -->' in the body of a '{page.kind}' page, where the generated content goes", "no such marker", line=source.body_line))
    return problems + check_workshop(source, page)


def check_workshop(source: Source, page: PageData) -> list[Problem]:
    """A workshop plan adds up: its steps fill its duration, its group size is a range."""
    plan = page.workshop
    if plan is None:
        return []
    problems = []
    total = sum(step.minutes for step in plan.steps)
    if total != plan.duration:
        sums = " + ".join(str(step.minutes) for step in plan.steps)
        problems.append(Problem(source.file, "workshop.steps", f"steps whose minutes add up to the duration ({plan.duration})",
                                f"{sums} = {total} minutes", line=source.line_of(("workshop", "steps")),
                                hint="Change a step's 'minutes' or the plan's 'duration'."))
    if plan.group_min > plan.group_max:
        problems.append(Problem(source.file, "workshop.group", "a group size whose 'min' is at most its 'max'",
                                f"min {plan.group_min}, max {plan.group_max}", line=source.line_of(("workshop", "group"))))
    breaks = [i for i, step in enumerate(plan.steps) if step.is_break]
    if plan.duration > BREAK_AFTER and not any(0 < i < len(plan.steps) - 1 for i in breaks):
        problems.append(Problem(source.file, "workshop.steps", f"a break step ('minutes' and 'break: true') in a session over {BREAK_AFTER} minutes, "
                                "neither first nor last", "none" if not breaks else "a break at the start or the end",
                                line=source.line_of(("workshop", "steps"))))
    canvas = plan.canvas
    for i, row in enumerate(canvas.example if canvas else ()):
        if canvas is not None and len(row) != len(canvas.columns):
            problems.append(Problem(source.file, f"workshop.canvas.example[{i}]", f"one text per column ({len(canvas.columns)})",
                                    f"{len(row)}", line=source.line_of(("workshop", "canvas", "example", i))))
    return problems


BREAK_AFTER = 90  # minutes: a longer session has a break


def _plan_problems(page: PageData, pages: dict[str, PageData], at: Callable[[PageData, tuple], int | None],
                   elsewhere: set[str], planned: set[str]) -> list[Problem]:
    """A page's workshop has its printable plan page at '<its folder>/<its slug>/atelier', and a plan
    page prints the workshop of the page it names, from that place. A page missing in this language
    only (``elsewhere``: ids of every language) is the twin check's one problem, not a second one here."""
    if page.workshop is not None:
        plans = [p for p in pages.values() if p.plan_of == page.id]
        want = f"docs/{page.base}/{PLAN_SLUG}.{page.lang}.md"
        beside = any(p.base == f"{page.base}/{PLAN_SLUG}" for p in pages.values())  # (then its plan_of is what is wrong)
        if not plans and not beside and page.id not in planned:  # (a plan page missing in one language: the twin check says so)
            return [Problem(page.file, "workshop", f"its printable plan page, {want} (kind: plan, plan_of: {page.id})", "no such page",
                            line=at(page, ("workshop",)), hint="./dev new writes it with a new page; copy another page's atelier file.")]
        if len(plans) > 1:
            return [Problem(plans[1].file, "plan_of", f"one plan page per workshop ({plans[0].file} prints it)", repr(page.id),
                            line=at(plans[1], ("plan_of",)))]
    if page.plan_of:
        target = pages.get(page.plan_of)
        if target is None and page.plan_of in elsewhere:
            return []
        if target is None or target.workshop is None:
            known = ", ".join(sorted(p.id for p in pages.values() if p.workshop is not None))
            return [Problem(page.file, "plan_of", f"the id of a page with a workshop ({known})", repr(page.plan_of), line=at(page, ("plan_of",)))]
        if page.base != f"{target.base}/{PLAN_SLUG}":
            return [Problem(page.file, "plan_of", f"a plan page at docs/{target.base}/{PLAN_SLUG}.{page.lang}.md (its address is the page's + '{PLAN_SLUG}/')",
                            f"a plan page at {page.file}", line=at(page, ("plan_of",)))]
    return []


def check_site(site: Site, sources: dict[tuple[str, str], Source], *, allow_missing_translations: bool = False) -> list[Problem]:
    """Checks across pages: unique ids, references, twins. ``sources`` is keyed by (lang, base)."""
    problems: list[Problem] = []

    def at(page: PageData, path: tuple) -> int | None:
        return sources[(page.lang, page.base)].line_of(path)

    # ids of every language, and the pages some plan prints (a page missing in one language only
    # is the twin check's one problem, not a second one in _plan_problems)
    elsewhere = {i for lang in site.languages for i in site.of(lang)}
    planned = {p.plan_of for lang in site.languages for p in site.of(lang).values()}
    for lang in site.languages:
        pages = site.of(lang)
        # references
        for page in pages.values():
            fields = [(link.field, link.target) for link in KINDS[page.kind].links] + [("related", None)]
            for field_name, wanted in fields:
                for i, ref in enumerate(getattr(page, field_name)):
                    target = pages.get(ref)
                    if target is None:
                        known = ", ".join(sorted(p.id for p in pages.values() if wanted in (None, p.kind)))
                        problems.append(Problem(page.file, f"{field_name}[{i}]", f"the id of an existing {wanted or 'page'} ({known})",
                                                f"{ref!r}, which no page in '{lang}' declares", line=at(page, (field_name, i))))
                    elif wanted and target.kind != wanted:
                        problems.append(Problem(page.file, f"{field_name}[{i}]", f"the id of a page of kind '{wanted}'",
                                                f"{ref!r}, a page of kind '{target.kind}'", line=at(page, (field_name, i))))
                    elif ref == page.id:
                        problems.append(Problem(page.file, f"{field_name}[{i}]", "the id of another page", "this page's own id", line=at(page, (field_name, i))))
            for n, week in enumerate(page.programme):  # a programme runs pages that have a plan, or the diagnostic
                for i, ref in enumerate(week.ids):
                    target = pages.get(ref)
                    if target is None or not (target.workshop is not None or KINDS[target.kind].diagnosed_all):
                        known = ", ".join(sorted(p.id for p in pages.values() if p.workshop is not None or KINDS[p.kind].diagnosed_all))
                        problems.append(Problem(page.file, f"programme[{n}].ids[{i}]", f"the id of a page with a workshop plan, or of the diagnostic ({known})",
                                                repr(ref), line=at(page, ("programme", n, "ids", i))))
            problems += _plan_problems(page, pages, at, elsewhere, planned)
            # a dated entry bears on pages that carry data (contrasts, approaches, pillars); its id is its anchor
            seen_entries: set[str] = set()
            for n, entry in enumerate(page.entries):
                if entry.id in seen_entries:
                    problems.append(Problem(page.file, f"entries[{n}].id", "an id no other entry of the page has", repr(entry.id),
                                            line=at(page, ("entries", n, "id"))))
                seen_entries.add(entry.id)
                for i, ref in enumerate(entry.bears_on):
                    target = pages.get(ref)
                    if target is None or not KINDS[target.kind].carries_data:
                        known = ", ".join(sorted(p.id for p in pages.values() if KINDS[p.kind].carries_data))
                        problems.append(Problem(page.file, f"entries[{n}].bears_on[{i}]", f"the id of a contrast, approach or pillar ({known})",
                                                repr(ref), line=at(page, ("entries", n, "bears_on", i))))
    # twins
    default = site.default_language
    bases = {p.base for lang in site.languages for p in site.of(lang).values()}
    for base in sorted(bases):
        present = {lang: site.by_base(lang, base) for lang in site.languages}
        have = [p for p in present.values() if p is not None]
        for lang, page in present.items():
            if page is None and not allow_missing_translations:
                other = have[0]
                problems.append(Problem(f"{Path(other.file).parent.as_posix()}/{Path(base).name}.{lang}.md", "(file)",
                                        f"a '{lang}' twin of {other.file}", "no such file",
                                        hint=f"Translate the page into '{lang}' (or build a preview with RSE_PREVIEW=1 to allow a fallback)."))
        reference = present.get(default) or have[0]
        for page in have:
            if page is reference:
                continue
            mine, theirs = page.invariant(), reference.invariant()
            for key in mine:
                if mine[key] != theirs[key]:
                    problems.append(Problem(page.file, key, f"the same language-independent value as its twin {reference.file} ({theirs[key]!r})",
                                            repr(mine[key]), line=at(page, tuple(key.split("."))),  # 'workshop.steps': its line
                                            hint="Twins share ids, kinds, order, claim names, remark ids, stances and references; only the text is translated."))
    return problems


def check_unique_ids(parsed: list[tuple[Source, PageData]]) -> list[Problem]:
    problems = []
    first: dict[tuple[str, str], PageData] = {}
    remark_first: dict[tuple[str, str], PageData] = {}
    for source, page in parsed:
        key = (page.lang, page.id)
        if key in first:
            problems.append(Problem(page.file, "id", f"an id not used by another page (it is already the id of {first[key].file})",
                                    repr(page.id), line=source.line_of(("id",))))
        else:
            first[key] = page
        for i, remark in enumerate(page.remarks):
            rkey = (page.lang, remark.id)
            if rkey in remark_first:
                problems.append(Problem(page.file, f"remarks[{i}].id", f"a remark id not used elsewhere (already used in {remark_first[rkey].file})",
                                        repr(remark.id), line=source.line_of(("remarks", i, "id"))))
            else:
                remark_first[rkey] = page
    return problems


def raise_if(problems: list[Problem]) -> None:
    if problems:
        raise ContentError(problems)
