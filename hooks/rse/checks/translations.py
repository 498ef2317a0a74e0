"""Translation status of every twin pair, from recorded fingerprints.

``translations.yml`` (repository root) records, for each pair, a short fingerprint of each twin
at the moment someone confirmed that they say the same thing (``./dev translations --mark``).
Comparing those with the files now tells which twin moved since:

* both unchanged -> up to date;
* one changed, the other not -> the other one is outdated;
* both changed -> to confirm (probably translated together: check, then mark);
* no record -> not recorded (a new pair: check, then mark).

Why fingerprints and not git history: they work the same in a shallow CI clone (where every file's
last commit is the same one), in a copy without .git, after a rebase (which rewrites commit times)
and on uncommitted edits; and a typo fixed in one language can be marked "still in sync"
explicitly instead of leaving its twin flagged for ever.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import yamlfile
from ..errors import ContentError, Problem, describe
from .project import Project

LOCK_NAME = "translations.yml"
HEADER = """\
# Translation fingerprints: for each twin pair, a short hash of each file when both twins were
# last confirmed to say the same thing. Written by `./dev translations --mark PAGE`; do not edit.
# See CONTRIBUTING.en.md, "Translations".
"""

UP_TO_DATE, OUTDATED, TO_CONFIRM, NOT_RECORDED, MISSING = "up to date", "outdated", "to confirm", "not recorded", "missing twin"


def fingerprint(path: Path) -> str:
    """Hash of a file's text, blind to line endings and trailing spaces."""
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class PairStatus:
    base: str
    files: dict  # lang -> shown path (only the existing twins)
    state: str
    outdated: tuple[str, ...] = ()  # languages whose twin is behind
    changed: tuple[str, ...] = ()  # languages edited since the pair was last marked

    def describe(self) -> str:
        if self.state == OUTDATED:
            behind, ahead = self.outdated[0], self.changed[0]
            return f"{behind} outdated: the {ahead} twin changed since the pair was last marked in sync"
        if self.state == TO_CONFIRM:
            return "both twins changed since the pair was last marked in sync: check that they agree"
        if self.state == NOT_RECORDED:
            return "new pair, never marked in sync"
        if self.state == MISSING:
            return "only " + ", ".join(self.files) + " exists"
        return "up to date"


def read_lock(root: Path) -> dict[str, dict[str, str]]:
    path = Path(root) / LOCK_NAME
    if not path.is_file():
        return {}
    expected = "lines written by './dev translations --mark' ('base: {fr: fingerprint, en: fingerprint}')"
    hint = "Resolve the conflict or restore the file from git, then run ./dev translations --mark PAGE for the pairs you checked."
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError([Problem(LOCK_NAME, "(file)", expected, f"undecodable bytes ({exc.reason})", hint=hint)]) from None
    conflict = next((n for n, line in enumerate(text.split("\n"), start=1) if line.startswith(("<<<<<<<", "=======", ">>>>>>>"))), None)
    if conflict is not None:
        raise ContentError([Problem(LOCK_NAME, "(file)", expected, "a git conflict marker", line=conflict, hint=hint)])
    unsafe = yamlfile.unsafe_structure(text)
    if unsafe is not None:
        raise ContentError([Problem(LOCK_NAME, "(file)", expected, unsafe[1], line=unsafe[0] + 1, hint=hint)])
    try:
        data = yamlfile.load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = " ".join(str(getattr(exc, "problem", "") or exc).split())
        raise ContentError([Problem(LOCK_NAME, "(file)", expected, f"invalid YAML ({reason})",
                                    line=mark.line + 1 if mark else None, hint=hint)]) from None
    if not isinstance(data, dict):
        raise ContentError([Problem(LOCK_NAME, "(file)", expected, describe(data), line=1, hint=hint)])
    for key, value in data.items():
        if not (isinstance(key, str) and isinstance(value, dict) and all(isinstance(a, str) and isinstance(b, str) for a, b in value.items())):
            raise ContentError([Problem(LOCK_NAME, str(key), expected, describe(value), hint=hint)])
    return data


def write_lock(root: Path, records: dict[str, dict[str, str]]) -> None:
    lines = [HEADER]
    for base in sorted(records):
        langs = ", ".join(f"{lang}: {records[base][lang]}" for lang in sorted(records[base]))
        lines.append(f"{base}: {{{langs}}}\n")
    (Path(root) / LOCK_NAME).write_text("".join(lines), encoding="utf-8")


def statuses(project: Project) -> list[PairStatus]:
    pairs: dict[str, dict[str, Path]] = {}
    for base, lang, path in project.pages():
        pairs.setdefault(base, {})[lang] = path
    lock = read_lock(project.root)
    out = []
    for base in sorted(pairs):
        files = {lang: project.shown(p) for lang, p in sorted(pairs[base].items(), key=lambda kv: project.languages.index(kv[0]))}
        if len(pairs[base]) < len(project.languages):
            out.append(PairStatus(base, files, MISSING))
            continue
        record = lock.get(base)
        if not record:
            out.append(PairStatus(base, files, NOT_RECORDED))
            continue
        changed = tuple(lang for lang in project.languages if record.get(lang) != fingerprint(pairs[base][lang]))
        if not changed:
            out.append(PairStatus(base, files, UP_TO_DATE))
        elif len(changed) == len(project.languages):
            out.append(PairStatus(base, files, TO_CONFIRM, changed=changed))
        else:
            behind = tuple(lang for lang in project.languages if lang not in changed)
            out.append(PairStatus(base, files, OUTDATED, outdated=behind, changed=changed))
    return out


def problems(project: Project, items: list[PairStatus]) -> list[Problem]:
    """Failures for --strict-translations: every pair that is not up to date."""
    out = []
    for item in items:
        if item.state == UP_TO_DATE:
            continue
        if item.state == OUTDATED:
            lang = item.outdated[0]
            ahead = item.files[item.changed[0]]
            out.append(Problem(item.files[lang], "(translation)", f"a translation of the current {ahead}",
                               f"a twin last marked in sync with an older version of {Path(ahead).name}",
                               hint=f"Bring it up to date, then run: ./dev translations --mark {item.base}"))
        elif item.state == MISSING:
            continue  # the build itself refuses a missing twin (outside previews)
        else:
            first = next(iter(item.files.values()))
            out.append(Problem(first, "(translation)", "twins marked in sync", item.describe(),
                               hint=f"Check that the twins say the same thing, then run: ./dev translations --mark {item.base}"))
    return out


def mark(project: Project, targets: list[str]) -> list[str]:
    """Record the current fingerprints of the given pairs ('contrastes/invitation' or a file path); 'all' marks every pair."""
    pairs: dict[str, dict[str, Path]] = {}
    for base, lang, path in project.pages():
        pairs.setdefault(base, {})[lang] = path
    wanted = set()
    for target in targets:
        if target == "all":
            wanted |= set(pairs)
            continue
        name = Path(target).as_posix()
        name = re.sub(r"^(\./)?(docs/)?", "", name)
        name = re.sub(r"\.(" + "|".join(project.languages) + r")\.md$", "", name)
        name = re.sub(r"\.md$", "", name)
        if name not in pairs:
            raise SystemExit(f"translations: no twin pair named {target!r} (try e.g. contrastes/invitation)")
        wanted.add(name)
    lock = {base: rec for base, rec in read_lock(project.root).items() if base in pairs}  # forget deleted pairs
    for base in sorted(wanted):
        if len(pairs[base]) < len(project.languages):
            raise SystemExit(f"translations: {base} has no twin in every language yet; translate it first")
        lock[base] = {lang: fingerprint(path) for lang, path in pairs[base].items()}
    write_lock(project.root, lock)
    return sorted(wanted)


def as_text(items: list[PairStatus]) -> str:
    width = max((len(i.base) for i in items), default=0)
    lines = []
    for item in items:
        sign = "ok" if item.state == UP_TO_DATE else "!!"
        lines.append(f"  {sign} {item.base.ljust(width)}  {item.describe()}")
    counts: dict[str, int] = {}
    for item in items:
        counts[item.state] = counts.get(item.state, 0) + 1
    summary = ", ".join(f"{n} {state}" for state, n in sorted(counts.items(), key=lambda kv: kv[0] != UP_TO_DATE))
    return "\n".join(lines + [f"  {len(items)} pair(s): {summary}"])


def as_markdown(items: list[PairStatus], languages: tuple[str, ...]) -> str:
    """A maintainers' summary (CI writes it to $GITHUB_STEP_SUMMARY)."""
    head = "| page | " + " | ".join(languages) + " | status |\n|---|" + "---|" * len(languages) + "---|\n"
    rows = []
    for item in items:
        cells = []
        for lang in languages:
            if lang not in item.files:
                cells.append("missing")
            elif lang in item.outdated:
                cells.append("**outdated**")
            elif lang in item.changed:
                cells.append("edited")
            else:
                cells.append("ok")
        rows.append(f"| `{item.base}` | " + " | ".join(cells) + f" | {item.describe()} |")
    behind = sum(1 for i in items if i.state != UP_TO_DATE)
    intro = (f"## Translation status\n\n{len(items)} twin pair(s), {behind} not up to date. "
             "To confirm a pair after checking it: `./dev translations --mark PAGE`.\n\n")
    return intro + head + "\n".join(rows) + "\n"
