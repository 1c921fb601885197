"""Build the book strictly: the one build command of the project.

`make book` and the test suite both call this script, so the site a reader
gets and the site the tests check come from the same command.

- only the pages that changed are read again, on every core at once, and
  their code cells are executed again only if the code changed
  (jupyter-cache, ``execute_notebooks: cache`` in _config.yml); after a
  failed build every page is read again, so no warning can hide in a saved
  state (``--all`` forces that by hand);
- warnings are errors (``-W --keep-going``) and every cross-reference must
  resolve (``-n``, nitpicky);
- the full log is kept in ``_build/build.log`` for the tests to read;
- MathJax is fetched once into ``_build/vendor`` (tools/vendor_assets.py), so
  that the site serves it itself.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import vendor_assets

ROOT = Path(__file__).resolve().parent.parent
LOG = ROOT / "_build" / "build.log"


def doctrees(builder: str) -> Path:
    """Where Sphinx keeps the parsed pages of a builder. Each builder has its
    own: sphinx-jupyterbook-latex rewrites the pages while they are read for
    the PDF, and those pages must not be reused for the website."""
    return ROOT / "_build" / (".doctrees" if builder == "html" else f".doctrees-{builder}")


def build(
    builder: str = "html", log: Path = LOG, force_all: bool = False, jobs: int | None = None
) -> tuple[int, str]:
    """Run the strict build with ``builder``; return (exit status, log text).

    ``builder`` is ``html`` for the site or ``latex`` for the sources of the
    PDF (tools/build_pdf.py); both read the same pages with the same checks
    and share the execution cache. Pages are read, and executed, on every
    core (``jobs``). Only pages whose source changed are read again, unless
    ``force_all``; after a failed build the saved pages are dropped, so the
    next build reads every page again and reports every warning again.
    """
    vendor_assets.ensure()
    cmd = [
        sys.executable,
        str(ROOT / "tools" / "jb_build.py"),
        builder,
        str(jobs or os.cpu_count() or 1),
        str(doctrees(builder)),
        *(["--all"] if force_all else []),
    ]
    log.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    # Prefer the kernel of this virtual environment over any kernel spec a
    # user may have installed in their home directory.
    env = {**os.environ, "JUPYTER_PREFER_ENV_PATH": "1"}
    # A non-interactive backend inherited from the caller (pytest sets Agg)
    # would stop the kernels from capturing figures as cell outputs.
    env.pop("MPLBACKEND", None)
    # Each builder gets its figures in the one format it uses (read by
    # mlmath.plotting.setup): vector SVG for the site, vector PDF for the
    # book's PDF. Drawing each figure once, not twice, halves the time of a
    # page full of figures; the two builders keep separate execution caches.
    env["MLMATH_FIGURE_FORMATS"] = "svg" if builder == "html" else "pdf"
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        shutil.rmtree(doctrees(builder), ignore_errors=True)
    text = proc.stdout + proc.stderr
    text += f"\n{builder} build finished with status {proc.returncode} in "
    text += f"{time.perf_counter() - start:.1f} s\n"
    log.write_text(text, encoding="utf-8")
    return proc.returncode, text


if __name__ == "__main__":
    status, text = build(force_all="--all" in sys.argv[1:])
    print(text)
    sys.exit(status)
