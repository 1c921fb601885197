"""Build the whole book as one PDF, strictly, and put a copy in the site.

`make pdf` and the test suite both call this script.

1. the Debian packages (TeX Live, latexmk, xindy, fonts) are checked, and
   installed when we run as root (tools/system_deps.py);
2. ``_build/latex`` is removed, because latexmk resumes from whatever state a
   failed run left there;
3. Jupyter Book's LaTeX builder writes the sources with the same strict
   options as the site (tools/build_book.py) and the same execution cache, so
   no page is executed again for the PDF;
4. latexmk runs xelatex until the references settle, and its log is read: an
   undefined reference or citation, a character missing from the fonts or a
   line far wider than the page fails the build;
5. the PDF is copied into ``_build/html`` (when the site is built), where the
   front page and the download menu of every page link to it.

The logs are ``_build/pdf.log`` (Sphinx) and ``_build/latex/<name>.log``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_book
import system_deps

ROOT = build_book.ROOT
LATEX = ROOT / "_build" / "latex"
HTML = ROOT / "_build" / "html"
LOG = ROOT / "_build" / "pdf.log"
# An overfull line this much wider than the text block runs into the margin
# visibly; small overflows (a long word, a wide formula) are left to LaTeX.
OVERFULL_LIMIT_PT = 30.0


def pdf_name() -> str:
    """The PDF's file name, from the LaTeX target name in _config.yml."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    target = config["latex"]["latex_documents"]["targetname"]
    return Path(target).with_suffix(".pdf").name


def latex_problems(log_text: str) -> list[str]:
    """What in a LaTeX log makes the PDF wrong, one line per problem."""
    problems = []
    patterns = [
        r"LaTeX Warning: Reference .* undefined.*",
        r"LaTeX Warning: Citation .* undefined.*",
        r"LaTeX Warning: There were undefined references.*",
        r"Missing character: There is no .*",
        r"^! .*",
    ]
    for pattern in patterns:
        problems += re.findall(pattern, log_text, flags=re.M)
    for width, where in re.findall(
        r"Overfull \\hbox \((\d+(?:\.\d+)?)pt too wide\) (.*)", log_text
    ):
        if float(width) > OVERFULL_LIMIT_PT:
            problems.append(f"a line {width}pt wider than the page {where}")
    return problems


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, flags=re.M).group(1))


def build() -> tuple[int, str, Path]:
    """Build the PDF; return (exit status, report, path of the PDF)."""
    start = time.perf_counter()
    name = pdf_name()
    pdf = LATEX / name
    try:
        system_deps.ensure("pdf")
    except system_deps.MissingSystemPackages as err:
        return 1, str(err), pdf

    shutil.rmtree(LATEX, ignore_errors=True)
    status, log = build_book.build(builder="latex", log=LOG, force_all=True)
    if status != 0:
        return status, f"the LaTeX sources failed to build:\n{log[-6000:]}", pdf

    proc = subprocess.run(
        ["make", "-C", str(LATEX), "all-pdf", "LATEXMKOPTS=-silent"],
        capture_output=True,
        text=True,
        check=False,
    )
    tex_log_path = pdf.with_suffix(".log")
    tex_log = tex_log_path.read_text(encoding="utf-8", errors="replace")
    if proc.returncode != 0 or not pdf.exists():
        report = proc.stdout[-3000:] + proc.stderr[-3000:]
        return 1, f"latexmk failed; see {tex_log_path}\n{report}", pdf
    problems = latex_problems(tex_log)
    if problems:
        listed = "\n  ".join(problems[:20])
        return 1, f"the PDF has problems (see {tex_log_path}):\n  {listed}", pdf

    if HTML.is_dir():
        shutil.copy2(pdf, HTML / name)
    seconds = time.perf_counter() - start
    size = pdf.stat().st_size / 1e6
    report = (
        f"PDF built: {pdf.relative_to(ROOT)}, {page_count(pdf)} pages, "
        f"{size:.1f} MB, in {seconds:.0f} s"
    )
    if HTML.is_dir():
        report += f"; copied to {(HTML / name).relative_to(ROOT)}"
    return 0, report, pdf


if __name__ == "__main__":
    code, text, _ = build()
    print(text)
    sys.exit(code)
