"""Text hygiene: find mojibake (text damaged by a wrong character encoding) and guess the original.

Two detectors, because each misses what the other sees:

* ftfy's ``badness`` heuristic, which knows the usual UTF-8 <-> Windows-1252/Latin-1/Mac Roman
  confusions ("cÅ“ur" for "cœur"); ``ftfy.fix_encoding`` then gives the original;
* characters that French or English prose never contains and that only a decoding accident
  produces: U+FFFD, C1 control characters, a combining accent that fits no letter ("t̩"), a word
  that mixes Latin with Cyrillic or Greek letters ("Рun").

For the second kind the damaged words are re-decoded through the legacy encodings an editor or a
copy-paste may have used (Mac Roman, Windows-1252, Latin-1, Windows-1251, DOS code pages) and
passed to ftfy again; the first guess made only of ordinary characters is shown. A guess is a
guess: the message says "likely".
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import ftfy
from ftfy.badness import is_bad

from ..errors import Problem

_WORD = re.compile(r"\S+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_OTHER_SCRIPT = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")  # Greek, Cyrillic
_COMMON_PUNCT = set("–—‘’‚“”„«»…•·€£°×÷±§¶©®™†‡‰′″‹›\u00a0\u202f\u2009\u2011")
HINT = "Replace it with the intended text; the file, or the text pasted into it, went through the wrong character encoding."


def suspicious_chars(text: str) -> list[int]:
    """Positions of characters that only an encoding accident produces in French or English prose."""
    found = []
    for i, ch in enumerate(text):
        code = ord(ch)
        if ch == "\ufffd" or 0x80 <= code <= 0x9F:
            found.append(i)
        elif unicodedata.combining(ch):
            base = text[i - 1] if i else ""
            if not base or len(unicodedata.normalize("NFC", base + ch)) != 1:
                found.append(i)
    for word in _WORD.finditer(text):
        if _LATIN.search(word.group()) and _OTHER_SCRIPT.search(word.group()):
            found.extend(word.start() + m.start() for m in _OTHER_SCRIPT.finditer(word.group()))
    return sorted(set(found))


def _ordinary(text: str) -> bool:
    """Made only of characters ordinary French or English text uses."""
    for ch in text:
        if ch.isascii() or ch in _COMMON_PUNCT:
            continue
        if unicodedata.category(ch).startswith("L") and ("LATIN" in unicodedata.name(ch, "")):
            continue
        return False
    return not suspicious_chars(text)


def _mac_roman_sloppy(data: bytes) -> str:
    """Mac Roman, except 0xA0, which Windows and Latin-1 text uses for a no-break space."""
    return "".join("\u00a0" if b == 0xA0 else bytes([b]).decode("mac_roman") for b in data)


def _legacy_decoders():
    yield _mac_roman_sloppy
    for codec in ("mac_roman", "cp1252", "latin-1", "cp1251", "cp437", "cp850"):
        yield lambda data, codec=codec: data.decode(codec)


def _repair_word(word: str) -> str | None:
    data = word.encode("utf-8", errors="surrogatepass")
    for decode in _legacy_decoders():
        try:
            candidate = ftfy.fix_encoding(decode(data))
        except (UnicodeDecodeError, UnicodeEncodeError):
            continue
        if candidate != word and _ordinary(candidate):
            return candidate.replace("\u00a0", " ")
    return None


def repair(text: str) -> str | None:
    """The likely original of a damaged text, or None when no decoding gives ordinary text."""
    fixed = ftfy.fix_encoding(text)
    if fixed != text and _ordinary(fixed):
        return fixed
    out, last, changed = [], 0, False
    for word in _WORD.finditer(fixed):
        if suspicious_chars(word.group()) or is_bad(word.group()):
            guess = _repair_word(word.group())
            if guess is None:
                return None
            out.append(fixed[last:word.start()] + guess)
            last, changed = word.end(), True
    out.append(fixed[last:])
    return "".join(out) if changed else (fixed if fixed != text else None)


def damaged_span(line: str) -> str | None:
    """The damaged part of a line (from the first to the last damaged word), or None if the line is clean."""
    words = [w for w in _WORD.finditer(line)
             if suspicious_chars(w.group()) or is_bad(w.group()) or ftfy.fix_encoding(w.group()) != w.group()]
    if not words:
        return line.strip() if is_bad(line) else None
    return line[words[0].start():words[-1].end()]


def check_text(text: str, file: str, field_at=None) -> list[Problem]:
    """One problem per damaged line. ``field_at(line_number)`` names the field of a line, if known."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        span = damaged_span(line)
        if span is None:
            continue
        guess = repair(span)
        expected = (f'the likely intended text "{guess}"' if guess is not None
                    else "readable text (no likely original could be guessed: retype the damaged characters)")
        field = field_at(number) if field_at else "(text)"
        problems.append(Problem(file, field, expected, f'damaged text "{span}" (mojibake)', line=number, hint=HINT))
    return problems


def check_bytes(data: bytes, file: str, field_at=None) -> list[Problem]:
    """Like check_text, for a file's bytes: a file that is not UTF-8 is itself the problem."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_no = data.count(b"\n", 0, exc.start) + 1
        raw = data.split(b"\n")[line_no - 1]
        guess = ftfy.fix_encoding(raw.decode("cp1252", errors="replace")).strip()
        return [Problem(file, "(file)", f'UTF-8 text (this line likely reads "{guess}")',
                        f"bytes that are not UTF-8 (byte 0x{data[exc.start]:02X})", line=line_no,
                        hint="Save the file as UTF-8 in your editor (File > Save with encoding > UTF-8).")]
    return check_text(text, file, field_at)


def front_matter_field_at(text: str):
    """A function line -> front-matter field name ('title', 'claims.personal.text', or '(body)')."""
    import yaml

    from ..frontmatter import _FENCE

    match = _FENCE.match(text[1:] if text.startswith("\ufeff") else text)
    if not match:
        return lambda line: "(text)"
    end_line = match.group(0).count("\n") + 1
    try:
        root = yaml.compose(match.group(1), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):  # the front-matter check reports it
        root = None

    def walk(node, path, line0):
        """Deepest path whose node spans the 0-based YAML line."""
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.start_mark.line <= line0 <= max(value.end_mark.line - (value.end_mark.column == 0), key.start_mark.line):
                    return walk(value, path + (key.value,), line0)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                if item.start_mark.line <= line0 <= max(item.end_mark.line - (item.end_mark.column == 0), item.start_mark.line):
                    return walk(item, path + (i,), line0)
        return path

    def field_at(line: int) -> str:
        if line >= end_line:
            return "(body)"
        if root is None or line == 1:
            return "(front matter)"
        path = walk(root, (), line - 2)
        out = ""
        for part in path:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        return out or "(front matter)"

    return field_at


def scan(root: Path, files: list[Path]) -> list[Problem]:
    problems = []
    for path in files:
        shown = path.resolve().relative_to(root.resolve()).as_posix()
        data = path.read_bytes()
        field_at = None
        if path.suffix == ".md":
            try:
                field_at = front_matter_field_at(data.decode("utf-8"))
            except UnicodeDecodeError:
                pass
        problems.extend(check_bytes(data, shown, field_at))
    return problems


def content_files(root: Path, docs_dir: Path) -> list[Path]:
    """Every text a reader sees: pages and data under docs/, site names, interface strings, redirects."""
    files = sorted(p for p in docs_dir.rglob("*") if p.suffix in (".md", ".yml", ".yaml", ".html") and p.is_file())
    for extra in ("mkdocs.yml", "redirects.yml", "hooks/rse/ui.yml"):
        if (root / extra).is_file():
            files.append(root / extra)
    return files
