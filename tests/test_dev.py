"""The one entry point, ./dev: its help is clean (issue 21: it printed a shell line and exited 2)."""

from __future__ import annotations

import subprocess

from sitebuild import ROOT


def test_help_is_the_usage_and_succeeds():
    for args in (["--help"], ["help"], []):
        out = subprocess.run(["bash", str(ROOT / "dev"), *args], capture_output=True, text=True, timeout=30)
        assert out.returncode == 0, out.stderr
        lines = out.stdout.splitlines()
        assert lines[0] == "One entry point for contributors and CI." and not any(line.startswith(("#", "set ")) for line in lines)
        assert any(line.strip().startswith("./dev test") for line in lines)


def test_an_unknown_command_says_so_and_fails():
    out = subprocess.run(["bash", str(ROOT / "dev"), "nope"], capture_output=True, text=True, timeout=30)
    assert out.returncode == 2 and out.stderr.startswith("dev: unknown command 'nope'")
