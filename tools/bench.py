"""Benchmark the build and weigh the site: `make bench` (not part of the tests).

Everything runs in a fresh clone of the repository (HEAD plus nothing), with
the project's virtual environment, so that no cache helps the cold build:

1. cold build (fetches MathJax, executes every page);
2. no-op rebuild (nothing changed);
3. rebuild after editing one page's code (that page is executed again);
4. the five slowest pages' execution times, from the cold build's log;
5. page weight: each page's HTML plus its own images, gzipped (total and
   median), and the first-visit transfer of the front page and of a lesson
   with everything they load (theme, fonts, MathJax), as Chromium reports it;
6. the PDF build.

The report goes to _build/bench/report.md and to the terminal.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "_build" / "bench" / "report.md"
TARGETS = {
    "noop": 3.0,
    "edit_slack": 5.0,
    "page": 10.0,
}


def _run(clone: Path, *args: str) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, *args], cwd=clone, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(args)} failed in the benchmark clone:\n{proc.stdout[-3000:]}")
    return seconds, proc.stdout + proc.stderr


def _execution_times(log: str) -> dict[str, float]:
    return {
        Path(path).stem: float(seconds)
        for path, seconds in re.findall(r"(\S+\.md): Executed notebook in ([\d.]+) seconds", log)
    }


def _gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def _page_weights(site: Path, entries: list[str]) -> dict[str, int]:
    weights = {}
    for entry in entries:
        page = site / f"{entry}.html"
        html = page.read_text(encoding="utf-8")
        images = set(re.findall(r'src="[^"]*?(_images/[^"]+)"', html))
        weights[entry] = _gzipped(page) + sum(_gzipped(site / image) for image in images)
    return weights


def _first_visit(site: Path, entries: list[str]) -> dict[str, tuple[int, int]]:
    """Bytes on the wire (gzipped where a server would gzip) and request count."""
    import site_browser
    from playwright.sync_api import sync_playwright

    results = {}
    with site_browser.serve(site) as base, sync_playwright() as playwright:
        browser = site_browser.launch(playwright)
        for entry in entries:
            context = browser.new_context()
            page = context.new_page()
            loaded: list[str] = []
            page.on("requestfinished", lambda request, out=loaded: out.append(request.url))
            page.goto(base + entry + ".html")
            page.wait_for_load_state("networkidle")
            total = 0
            for url in loaded:
                local = site / url.removeprefix(base).split("?")[0].split("#")[0]
                if local.is_file():
                    text_like = local.suffix in {".html", ".css", ".js", ".svg", ".json"}
                    total += _gzipped(local) if text_like else local.stat().st_size
            results[entry] = (total, len(loaded))
            context.close()
        browser.close()
    return results


def main() -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tools"))
    from tests.book.pages import lessons, pages

    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="mlbook-bench-") as tmp:
        clone = Path(tmp) / "book"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)

        cold, log = _run(clone, "tools/build_book.py")
        executed = _execution_times(log)
        total_exec = sum(executed.values())
        cores = os.cpu_count() or 1
        rows.append(
            (
                "cold build, fresh clone (no cache)",
                f"{cold:.1f} s",
                f"close to execution / cores = {total_exec:.1f} / {cores} "
                f"= {total_exec / cores:.1f} s",
            )
        )

        noop, _ = _run(clone, "tools/build_book.py")
        rows.append(("no-op rebuild", f"{noop:.1f} s", f"< {TARGETS['noop']:.0f} s"))

        edited = lessons()[1]
        source = clone / f"{edited.entry}.md"
        text = source.read_text(encoding="utf-8")
        first_cell = text.index("```{code-cell}")
        line_end = text.index("\n", first_cell) + 1
        source.write_text(text[:line_end] + "# edited by the benchmark\n" + text[line_end:])
        after_edit, log = _run(clone, "tools/build_book.py")
        page_exec = _execution_times(log).get(edited.slug, float("nan"))
        rows.append(
            (
                f"rebuild after editing the code of {edited.slug}",
                f"{after_edit:.1f} s",
                f"< its execution + {TARGETS['edit_slack']:.0f} s "
                f"= {page_exec + TARGETS['edit_slack']:.1f} s",
            )
        )

        slowest = sorted(executed.items(), key=lambda kv: -kv[1])[:5]
        for slug, seconds in slowest:
            rows.append((f"execution of {slug}", f"{seconds:.1f} s", f"< {TARGETS['page']:.0f} s"))

        site = clone / "_build" / "html"
        entries = [p.entry for p in pages()]
        weights = _page_weights(site, entries)
        total_kb = sum(weights.values()) / 1e3
        rows.append(("page weight, all pages (gzipped)", f"{total_kb:.0f} kB", ""))
        rows.append(
            ("page weight, median page", f"{statistics.median(weights.values()) / 1e3:.0f} kB", "")
        )
        heaviest = max(weights, key=weights.get)
        rows.append((f"heaviest page ({heaviest})", f"{weights[heaviest] / 1e3:.0f} kB", ""))

        shutil.rmtree(clone / "_build" / "latex", ignore_errors=True)
        pdf_time, log = _run(clone, "tools/build_pdf.py")
        rows.append(("PDF build (after the site)", f"{pdf_time:.1f} s", log.strip()))

        visits = _first_visit(site, ["book/intro", lessons()[0].entry])
        for entry, (size, requests) in visits.items():
            rows.append(
                (f"first visit to {entry}", f"{size / 1e3:.0f} kB", f"{requests} requests")
            )

    lines = [
        "# Benchmark",
        "",
        f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}.",
        "",
        "| measure | value | target or note |",
        "|---|---|---|",
        *[f"| {a} | {b} | {c} |" for a, b, c in rows],
        "",
    ]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    print(f"written to {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
