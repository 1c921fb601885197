"""Execute one page of the book outside Sphinx and report what went wrong.

Usage: python tools/run_page.py book/00-prerequisites/broadcasting.md [OUTDIR]

It reads the MyST page with jupytext, runs every cell in a fresh kernel with
the page's folder as working directory (as the book build does), and prints
each cell's stderr, any error, and any output line longer than 80 characters
(those overflow in the PDF). Figures are written as PNG files to OUTDIR
(default /tmp/pages/<slug>/) so they can be looked at. Exit status 1 means
the page would break the strict build.
"""

import base64
import os
import sys
from pathlib import Path

import jupytext
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main() -> int:
    page = Path(sys.argv[1]).resolve()
    out = Path(sys.argv[2] if len(sys.argv) > 2 else f"/tmp/pages/{page.stem}")
    out.mkdir(parents=True, exist_ok=True)
    nb = jupytext.read(page)
    # PNG figures, to look at, instead of the build's SVG and PDF; the kernel
    # inherits this process's environment.
    os.environ["MLMATH_FIGURE_FORMATS"] = "svg,png"
    client = NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(page.parent)}}
    )
    status = 0
    try:
        client.execute()
    except CellExecutionError as err:
        print(f"ERROR while executing {page.name}:\n{err}")
        status = 1
    n_fig = 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for line in cell.source.splitlines():
            if len(line) > 80:
                print(f"cell {i}: source line over 80 chars: {line[:60]}...")
        for o in cell.get("outputs", []):
            if o.get("name") == "stderr":
                print(f"cell {i}: STDERR (fails the build): {o['text'][:500]}")
                status = 1
            text = o.get("text", "") or o.get("data", {}).get("text/plain", "")
            for line in str(text).splitlines():
                if len(line) > 80:
                    print(f"cell {i}: output line over 80 chars: {line[:60]}...")
            png = o.get("data", {}).get("image/png")
            if png:
                n_fig += 1
                (out / f"cell{i:02d}.png").write_bytes(base64.b64decode(png))
    print(f"{page.name}: executed, {n_fig} figure(s) written to {out}")
    return status


if __name__ == "__main__":
    sys.exit(main())
