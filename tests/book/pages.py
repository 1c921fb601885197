"""Reading the book's sources: the table of contents and the page files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "book"
FRONT_MATTER = {"intro", "notation", "study-plan", "references"}


def toc_files() -> list[str]:
    """Every file in _toc.yml, in order, as a path relative to the root."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    found = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                found.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc.get("parts", []))
    return found


@dataclass(frozen=True)
class Page:
    """One page of the book, parsed just enough to check its shape."""

    entry: str  # as in _toc.yml, e.g. book/00-prerequisites/broadcasting

    @property
    def path(self) -> Path:
        return ROOT / f"{self.entry}.md"

    @property
    def slug(self) -> str:
        return self.path.stem

    @property
    def is_lesson(self) -> bool:
        """A lesson page (not a part index, not front or back matter)."""
        return self.slug != "index" and self.slug not in FRONT_MATTER

    @cached_property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @cached_property
    def code_cells(self) -> list[tuple[str, str]]:
        """(options, source) of every code cell; options is the YAML block."""
        cells = []
        for body in re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", self.text, flags=re.S):
            options, source = "", body
            if body.startswith("---\n"):
                _, options, source = body.split("---\n", 2)
            cells.append((options, source))
        return cells

    @cached_property
    def prose_words(self) -> int:
        """Words of prose, counted as the page audit counts them."""
        prose = re.sub(r"```.*?```", " ", self.text, flags=re.S)
        prose = re.sub(r"\$\$.*?\$\$", " ", prose, flags=re.S)
        return len(re.findall(r"[A-Za-z]{2,}", prose))

    def count(self, directive: str) -> int:
        return len(re.findall(r"```\{" + re.escape(directive) + r"\}", self.text))

    @property
    def title(self) -> str:
        """The page's title: its one level-1 heading."""
        return re.search(r"^# (.+)$", self.text, flags=re.M).group(1).strip()

    @property
    def headings(self) -> list[str]:
        body = re.sub(r"```.*?```", " ", self.text, flags=re.S)
        return re.findall(r"^#{1,6} (.+)$", body, flags=re.M)


def pages() -> list[Page]:
    return [Page(entry) for entry in toc_files()]


def lessons() -> list[Page]:
    return [p for p in pages() if p.is_lesson]
