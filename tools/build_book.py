"""Build the book strictly: the one build command of the project.

`make book` and the test suite both call this script, so the site a reader
gets and the site the tests check come from the same command.

- every page is read again (``--all``) so that a warning is reported on every
  build, not only on the build that first met it; code cells are *not*
  executed again unless they changed: jupyter-cache (``execute_notebooks:
  cache`` in _config.yml) serves the outputs of unchanged pages;
- warnings are errors (``-W --keep-going``) and every cross-reference must
  resolve (``-n``, nitpicky);
- the full log is kept in ``_build/build.log`` for the tests to read;
- MathJax is fetched once into ``_build/vendor`` (tools/vendor_assets.py), so
  that the site serves it itself.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import vendor_assets

ROOT = Path(__file__).resolve().parent.parent
LOG = ROOT / "_build" / "build.log"


def build(
    extra: list[str] | None = None, builder: str = "html", log: Path = LOG
) -> tuple[int, str]:
    """Run the strict build with ``builder``; return (exit status, log text).

    ``builder`` is ``html`` for the site or ``latex`` for the sources of the
    PDF (tools/build_pdf.py); both read the same pages with the same checks
    and share the execution cache.
    """
    vendor_assets.ensure()
    jb = Path(sys.executable).parent / "jupyter-book"
    cmd = [
        str(jb),
        "build",
        str(ROOT),
        "--builder",
        builder,
        "-W",
        "-n",
        "--keep-going",
        "--all",
        *(extra or []),
    ]
    log.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    # Prefer the kernel of this virtual environment over any kernel spec a
    # user may have installed in their home directory.
    env = {**os.environ, "JUPYTER_PREFER_ENV_PATH": "1"}
    # A non-interactive backend inherited from the caller (pytest sets Agg)
    # would stop the kernels from capturing figures as cell outputs.
    env.pop("MPLBACKEND", None)
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    text = proc.stdout + proc.stderr
    text += f"\n{builder} build finished with status {proc.returncode} in "
    text += f"{time.perf_counter() - start:.1f} s\n"
    log.write_text(text, encoding="utf-8")
    return proc.returncode, text


if __name__ == "__main__":
    status, text = build(sys.argv[1:])
    print(text)
    sys.exit(status)
