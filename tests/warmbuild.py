"""Build a project several times in ONE process, as `mkdocs serve` rebuilds it after each save.

    python tests/warmbuild.py PROJECT        (then, on stdin, one site folder per line)

Run from the project folder with its own hooks/ first on the path, so the engine and the adapter
are the project's copies. Prints "built <folder>" after each build, or the error and exits 1.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main() -> int:
    project = Path(sys.argv[1]).resolve()
    sys.path.insert(0, str(project / "hooks"))
    os.chdir(project)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    for line in sys.stdin:
        site = line.strip()
        if not site:
            continue
        config = load_config(str(project / "mkdocs.yml"), site_dir=site, strict=True)
        config.plugins.on_startup(command="serve", dirty=False)
        try:
            build(config)
        except BaseException as exc:  # noqa: BLE001 - report and stop
            print(f"failed {site}: {exc}", flush=True)
            return 1
        print(f"built {site}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
