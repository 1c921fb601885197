"""Run Jupyter Book's Sphinx build in this process, with parallel jobs.

``jupyter-book build`` has no ``-j`` option, although the function it calls
has one. This script calls that function with the same configuration the
command would use. tools/build_book.py runs it in a subprocess; use that,
not this, by hand.

    python tools/jb_build.py BUILDER JOBS DOCTREES [--all]
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from jupyter_book.sphinx import build_sphinx
from jupyter_cache import get_cache

ROOT = Path(__file__).resolve().parent.parent


def create_execution_cache() -> None:
    """Create jupyter-cache's database before the workers start: two workers
    creating it at once collide ("table settings already exists")."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    get_cache(ROOT / config["execute"]["cache"]).list_cache_records()


def main(builder: str, jobs: int, doctreedir: str, force_all: bool) -> int:
    create_execution_cache()
    result = build_sphinx(
        ROOT,
        ROOT / "_build" / builder,
        use_external_toc=True,
        noconfig=True,
        path_config=str(ROOT / "_config.yml"),
        confoverrides={
            "external_toc_path": (ROOT / "_toc.yml").as_posix(),
            "latex_individualpages": False,
            "nitpicky": True,
        },
        builder=builder,
        warningiserror=True,
        keep_going=True,
        freshenv=force_all,
        doctreedir=doctreedir,
        jobs=jobs,
    )
    return 0 if result == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), sys.argv[3], "--all" in sys.argv[4:]))
