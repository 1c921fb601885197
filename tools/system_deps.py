"""Make sure the Debian packages a build step needs are installed.

The PDF needs TeX Live, latexmk, xindy and the FreeFont fonts; its tests need
poppler-utils (``pdftotext``, ``pdfinfo``); the browser tests need Chromium.
These are system packages, not Python ones, so ``pip`` cannot install them.
Every command that needs them calls :func:`ensure` first, which

- does nothing when every package is installed;
- installs the missing ones with ``apt-get`` when it runs as root (as in CI);
- otherwise stops with the exact command a person has to run.

The package lists live here and only here: the Makefile, the tests and the
GitHub workflow (``sudo python3 tools/system_deps.py pdf``) all read them.

Run ``python tools/system_deps.py pdf`` to check or install by hand.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

GROUPS: dict[str, tuple[str, ...]] = {
    # sphinx-jupyterbook-latex loads bbm.sty, which only texlive-fonts-extra
    # ships; the LaTeX builder's xelatex setup uses the FreeFont fonts.
    "pdf": (
        "texlive-xetex",
        "texlive-latex-extra",
        "texlive-fonts-recommended",
        "texlive-fonts-extra",
        "latexmk",
        "xindy",
        "fonts-freefont-otf",
        "make",
        "poppler-utils",
    ),
    # The browser tests drive Debian's Chromium with Playwright (Playwright's
    # own browser download does not work here).
    "browser": ("chromium",),
}


class MissingSystemPackages(RuntimeError):
    """Raised when packages are missing and cannot be installed here."""


def missing(packages: tuple[str, ...]) -> list[str]:
    """The packages of ``packages`` that dpkg does not report as installed."""
    if shutil.which("dpkg-query") is None:
        raise MissingSystemPackages(
            "this machine has no dpkg-query, so the Debian packages "
            f"{' '.join(packages)} cannot be checked; the book's PDF is built on "
            "Debian or Ubuntu (see README.md)"
        )
    absent = []
    for package in packages:
        proc = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", package],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0 or "install ok installed" not in proc.stdout:
            absent.append(package)
    return absent


def install_command(packages: list[str]) -> str:
    """The command a person with sudo rights runs to install ``packages``."""
    return (
        "sudo apt-get update && sudo apt-get install -y --no-install-recommends "
        + " ".join(packages)
    )


def ensure(group: str) -> None:
    """Install the packages of ``group`` if some are missing, or explain how."""
    if group not in GROUPS:
        raise ValueError(f"unknown group {group!r}; known groups: {sorted(GROUPS)}")
    absent = missing(GROUPS[group])
    if not absent:
        return
    if os.geteuid() != 0:
        raise MissingSystemPackages(
            f"the {group} build needs Debian packages that are not installed: "
            f"{' '.join(absent)}\nInstall them with:\n  {install_command(absent)}"
        )
    print(f"installing {' '.join(absent)} with apt-get ...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *absent],
        check=True,
        env=env,
    )
    still = missing(GROUPS[group])
    if still:
        raise MissingSystemPackages(f"apt-get did not install {' '.join(still)}")


if __name__ == "__main__":
    try:
        for name in sys.argv[1:] or sorted(GROUPS):
            ensure(name)
            print(f"{name}: all system packages are installed")
    except MissingSystemPackages as err:
        sys.exit(str(err))
