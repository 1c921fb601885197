"""tools/system_deps.py: install what is missing, or say exactly how."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import system_deps


def test_installed_packages_are_not_reported_missing():
    assert system_deps.missing(("make", "dpkg")) == []


def test_a_user_without_root_gets_the_exact_command(monkeypatch):
    absent = "mlmath-no-such-package"
    monkeypatch.setitem(system_deps.GROUPS, "demo", ("make", absent))
    monkeypatch.setattr(system_deps.os, "geteuid", lambda: 1000)
    with pytest.raises(system_deps.MissingSystemPackages) as err:
        system_deps.ensure("demo")
    message = str(err.value)
    assert f"sudo apt-get install -y --no-install-recommends {absent}" in message
    assert "make" not in message.split("install -y --no-install-recommends", 1)[1]


def test_unknown_group_is_named():
    with pytest.raises(ValueError, match="unknown group 'tex'"):
        system_deps.ensure("tex")


def test_the_pdf_group_has_what_the_latex_build_needs():
    # bbm.sty (loaded by sphinx-jupyterbook-latex) is only in fonts-extra.
    needed = {"texlive-xetex", "texlive-fonts-extra", "latexmk", "xindy", "poppler-utils"}
    assert needed <= set(system_deps.GROUPS["pdf"])
