"""Binder, reproduced offline: what happens after a reader presses launch.

repo2docker builds an image from binder/: Python from runtime.txt, then
``pip install -r binder/requirements.txt`` run at the repository root, then
binder/postBuild. JupyterLab then opens the page's .md file as a notebook
(jupytext) with its own folder as the working directory. The simulation does
the same in a fresh virtual environment and executes every page with nbclient.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import venv
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.book.conftest import report
from tests.book.pages import ROOT, pages

pytestmark = pytest.mark.book

BINDER = ROOT / "binder"
ENV = ROOT / "_build" / "binder-venv"
# What repo2docker's own base environment provides to every image: the
# kernel, and (as part of the Jupyter server) the client that runs it.
BASE_IMAGE = ("ipykernel", "nbclient")

RUN_PAGE = """
import sys, jupytext, nbclient
path = sys.argv[1]
notebook = jupytext.read(path)
client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3")
client.execute()
errors = [o for c in notebook.cells for o in c.get("outputs", [])
          if o.get("output_type") == "error" or o.get("name") == "stderr"]
assert not errors, errors
print("executed", sum(c.cell_type == "code" for c in notebook.cells), "cells")
"""


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==([^\s#]+)", line.strip())
        if match:
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def test_binder_pins_match_the_book_build():
    binder = _pins(BINDER / "requirements.txt")
    book = _pins(ROOT / "requirements.txt")
    assert {"numpy", "matplotlib", "jupytext"} <= set(binder)
    assert {name: book.get(name) for name in binder} == binder
    lines = (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "." in [line.strip() for line in lines], "mlmath is not installed from the repository"


def test_binder_python_is_the_book_python():
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    assert runtime == f"python-{sys.version_info.major}.{sys.version_info.minor}"


def test_postbuild_opens_markdown_pages_as_notebooks():
    post = BINDER / "postBuild"
    assert os.access(post, os.X_OK)
    assert re.search(r"^jupytext-config set-default-viewer .*\bmarkdown\b", post.read_text(), re.M)


@pytest.fixture(scope="module")
def binder_python() -> Path:
    """A fresh virtual environment built from binder/ as repo2docker does."""
    shutil.rmtree(ENV, ignore_errors=True)
    venv.create(ENV, with_pip=True)
    python = ENV / "bin" / "python"
    book = _pins(ROOT / "requirements.txt")
    base = [f"{name}=={book[name]}" for name in BASE_IMAGE]
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    leftover = not (ROOT / "build").exists()
    proc = subprocess.run(
        [*pip, "-r", "binder/requirements.txt", *base], cwd=ROOT, capture_output=True, text=True
    )
    if leftover:  # setuptools builds mlmath's wheel in ./build; leave no trace
        shutil.rmtree(ROOT / "build", ignore_errors=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    # Binder registers the environment's kernel; do the same here, so that
    # "python3" means this environment and not a kernel found elsewhere.
    register = [str(python), "-m", "ipykernel", "install", "--sys-prefix"]
    subprocess.run(register, check=True, capture_output=True)
    return python


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "MPLBACKEND"}}
    env["JUPYTER_PREFER_ENV_PATH"] = "1"
    env["PATH"] = f"{ENV / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return env


def test_mlmath_comes_from_the_binder_environment(binder_python: Path, tmp_path: Path):
    proc = subprocess.run(
        [str(binder_python), "-c", "import mlmath; print(mlmath.__file__)"],
        cwd=tmp_path,
        env=_clean_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(ENV) in proc.stdout, proc.stdout


def _run_on_binder(binder_python: Path, page) -> tuple[str, subprocess.CompletedProcess, float]:
    start = time.perf_counter()
    proc = subprocess.run(
        [str(binder_python), "-c", RUN_PAGE, page.path.name],
        cwd=page.path.parent,
        env=_clean_env(),
        capture_output=True,
        text=True,
    )
    return page.slug, proc, time.perf_counter() - start


def test_every_page_runs_as_a_notebook_on_binder(binder_python: Path):
    # One page per core at a time, as the book build runs them; each page is
    # its own process, so they cannot disturb each other.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        runs = list(
            pool.map(
                lambda page: _run_on_binder(binder_python, page),
                [page for page in pages() if page.code_cells],
            )
        )
    timings = []
    for slug, proc, seconds in runs:
        assert proc.returncode == 0, f"{slug} fails on Binder:\n{proc.stderr[-4000:]}"
        timings.append(f"{slug} {seconds:.1f} s")
    assert timings
    report("binder", "Binder simulation: every page ran: " + ", ".join(timings))
