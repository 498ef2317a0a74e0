"""Build one MkDocs project once, in this process, and print what it cost as JSON (last line of stdout).

    python benchmarks/buildonce.py PROJECT_DIR SITE_DIR [--strict] [--profile OUT.prof]

Run by benchmarks/run.py as a child process (the parent measures wall time and peak memory with
``os.wait4``). Besides the in-process build time it reports the time spent in the project's own
hooks (every event handler registered from ``hooks:`` in mkdocs.yml is wrapped in a timer; this
is the hooks' own work, engine and templates included, without profiler overhead).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("project", type=Path)
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--profile", type=Path, help="write cProfile stats of the build there")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    started = time.perf_counter()

    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    os.chdir(args.project)
    config = load_config(str(args.project / "mkdocs.yml"), site_dir=str(args.site_dir), strict=args.strict)

    hook_names = set((config.get("hooks") or {}).keys()) if isinstance(config.get("hooks"), dict) else set()
    spent = {"hooks": 0.0, "calls": 0}
    by_handler: dict[str, float] = {}
    plugins = config.plugins
    for event, methods in plugins.events.items():
        for i, method in enumerate(methods):
            origin = plugins._event_origins.get(method, "")
            if origin not in hook_names:
                continue

            def timed(*a, __m=method, __k=f"{Path(origin).name}:{event}", **kw):
                t0 = time.perf_counter()
                try:
                    return __m(*a, **kw)
                finally:
                    dt = time.perf_counter() - t0
                    spent["hooks"] += dt
                    spent["calls"] += 1
                    by_handler[__k] = by_handler.get(__k, 0.0) + dt

            methods[i] = timed
            plugins._event_origins[timed] = origin

    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile(time.process_time)  # CPU time: less sensitive to other load
        profiler.enable()
    t0 = time.perf_counter()
    plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        plugins.on_shutdown()
    build_s = time.perf_counter() - t0
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(args.profile))
    pages = sum(1 for _ in Path(args.site_dir).rglob("index.html"))
    print(json.dumps({"build_s": build_s, "process_s": time.perf_counter() - started,
                      "hooks_s": spent["hooks"], "hook_calls": spent["calls"], "html_pages": pages,
                      "hooks_by_handler": {k: round(v, 4) for k, v in sorted(by_handler.items(), key=lambda kv: -kv[1])}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
