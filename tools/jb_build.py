"""Run Jupyter Book's Sphinx build in this process, with parallel jobs.

``jupyter-book build`` has no ``-j`` option, although the function it calls
has one. This script calls that function with the same configuration the
command would use. tools/build_book.py runs it in a subprocess; use that,
not this, by hand.

    python tools/jb_build.py BUILDER JOBS DOCTREES [--all]
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import yaml
from jupyter_book.sphinx import build_sphinx
from jupyter_cache import get_cache

ROOT = Path(__file__).resolve().parent.parent


def execution_cache(builder: str) -> Path:
    """The jupyter-cache of a builder: the one in _config.yml for the site, a
    second one beside it for the PDF, whose figures are in another format
    (see tools/build_book.py)."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    cache = ROOT / config["execute"]["cache"]
    return cache if builder == "html" else cache.with_name(f"{cache.name}-{builder}")


def toc_changed(doctreedir: Path, toc: Path = ROOT / "_toc.yml") -> tuple[bool, str]:
    """Whether the table of contents differs from the one of the last good build.

    Returns the answer and the new fingerprint. Sphinx rewrites only the pages
    whose sources changed, but every page carries the whole navigation in its
    sidebar: after a page is added to ``_toc.yml`` the untouched pages would
    keep the old menu. So a changed table of contents makes the build write
    every page again (from the saved doctrees, without reading or executing
    them). The fingerprint lives beside the doctrees, which a failed build
    deletes, so a failed build also leads to a full write.
    """
    fingerprint = hashlib.sha256(toc.read_bytes()).hexdigest()
    stamp = doctreedir / "toc.sha256"
    old = stamp.read_text(encoding="utf-8") if stamp.exists() else ""
    return old != fingerprint, fingerprint


def main(builder: str, jobs: int, doctreedir: str, force_all: bool) -> int:
    cache = execution_cache(builder)
    # Create the cache's database before the workers start: two workers
    # creating it at once collide ("table settings already exists").
    get_cache(cache).list_cache_records()
    changed, fingerprint = toc_changed(Path(doctreedir))
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
            "nb_execution_cache_path": str(cache),
        },
        builder=builder,
        warningiserror=True,
        keep_going=True,
        freshenv=force_all,
        force_all=force_all or changed,  # write every page: see toc_changed
        doctreedir=doctreedir,
        jobs=jobs,
    )
    if result == 0:
        (Path(doctreedir) / "toc.sha256").write_text(fingerprint, encoding="utf-8")
    return 0 if result == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), sys.argv[3], "--all" in sys.argv[4:]))
