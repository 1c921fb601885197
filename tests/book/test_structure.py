"""The book's sources: table of contents, page shape, configuration.

These tests read files only; they enforce, in the project's own code, the
page shape of ../shared/design/conventions.md (the same checks as the page
audit script, and a few more).
"""

from __future__ import annotations

import re

import pytest
import yaml

from tests.book.pages import BOOK, ROOT, Page, lessons, pages, toc_files

LESSONS = lessons()
IDS = [p.slug for p in LESSONS]


def test_every_page_is_in_the_toc_and_every_toc_entry_exists():
    on_disk = {str(p.relative_to(ROOT).with_suffix("")) for p in BOOK.rglob("*.md")}
    listed = toc_files()
    assert len(listed) == len(set(listed)), "a page is listed twice in _toc.yml"
    assert set(listed) - on_disk == set(), "listed in _toc.yml but missing"
    assert on_disk - set(listed) == set(), "pages in book/ missing from _toc.yml"


def test_each_part_has_an_index_page():
    for part in BOOK.iterdir():
        if part.is_dir() and re.match(r"\d\d-", part.name):
            assert (part / "index.md").exists(), part.name


def test_there_is_at_least_one_lesson():
    assert len(LESSONS) >= 4


@pytest.mark.parametrize("page", pages(), ids=[p.entry for p in pages()])
def test_page_has_one_title_and_no_math_in_headings(page: Page):
    titles = [h for h in page.headings if not h.startswith("#")]
    assert re.search(r"^# \S", page.text, flags=re.M), "no '# Title' line"
    assert len(re.findall(r"^# ", re.sub(r"```.*?```", "", page.text, flags=re.S), re.M)) == 1
    for heading in page.headings:
        assert "$" not in heading, f"math in heading {heading!r} breaks the PDF and TOC"
    assert titles


@pytest.mark.parametrize("page", LESSONS, ids=IDS)
def test_lesson_is_an_executable_notebook(page: Page):
    header = page.text.split("---\n")[1]
    meta = yaml.safe_load(header)
    assert meta["jupytext"]["text_representation"]["format_name"] == "myst"
    assert meta["kernelspec"]["name"] == "python3"
    first = page.code_cells[0][1]
    assert "plotting.setup()" in first, "the first cell must apply the book's style"


@pytest.mark.parametrize("page", LESSONS, ids=IDS)
def test_lesson_follows_the_page_shape(page: Page):
    text = page.text
    goals = re.search(r"```\{admonition\} Learning goals\n(.*?)```", text, flags=re.S)
    assert goals, "no 'Learning goals' admonition"
    n_goals = len(re.findall(r"^\s*(?:[-*]|\d+\.) ", goals.group(1), flags=re.M))
    assert 3 <= n_goals <= 5, f"{n_goals} learning goals; the shape asks for 3 to 5"
    assert "```{admonition} ML connection" in text, "no 'ML connection' admonition"
    assert re.search(r"```\{prf:(definition|theorem|proposition|lemma)\}", text)
    assert re.search(r"\{prf:\w+\}[^\n]*\n:label: ", text), "statements need labels"
    for section in ("Pitfalls", "Exercises", "Summary"):
        assert any(h.strip("# ").startswith(section) for h in page.headings), section
    assert page.text.index("```{admonition} Learning goals") < page.text.index("## Summary")


@pytest.mark.parametrize("page", LESSONS, ids=IDS)
def test_lesson_is_long_enough_and_uses_the_package(page: Page):
    assert page.prose_words >= 1200, f"{page.prose_words} words of prose"
    assert any("mlmath" in src for _, src in page.code_cells), "no cell uses mlmath"


@pytest.mark.parametrize("page", LESSONS, ids=IDS)
def test_lesson_has_exercises_with_solutions_and_a_checked_one(page: Page):
    exercises = page.count("exercise") + page.count("exercise-start")
    solutions = page.count("solution") + page.count("solution-start")
    assert exercises >= 3, f"{exercises} exercises"
    assert solutions >= exercises, "an exercise without a solution"
    assert page.count("solution-start") == page.count("solution-end")
    gated = re.findall(r"```\{solution-start\}(.*?)```\{solution-end\}", page.text, re.S)
    assert any(re.search(r"\bcheck_\w+\(", block) for block in gated), (
        "no 'implement it' exercise whose solution runs an mlmath.exercises checker"
    )
    for opts in re.findall(r"```\{solution(?:-start)?\}[^\n]*\n((?::\w+:[^\n]*\n)*)", page.text):
        assert ":class: dropdown" in opts, "solutions are hidden in a dropdown"


@pytest.mark.parametrize("page", LESSONS, ids=IDS)
def test_every_figure_has_a_caption_and_alt_text(page: Page):
    figure_cells = 0
    for options, source in page.code_cells:
        draws = re.search(r"plotting\.figure\(|plt\.(subplots|figure)\(", source)
        if not draws:
            continue
        figure_cells += 1
        meta = yaml.safe_load(options) or {}
        nb = meta.get("mystnb", {})
        caption = nb.get("figure", {}).get("caption", "")
        assert len(caption.split()) >= 5, f"figure without a real caption:\n{source}"
        assert nb.get("figure", {}).get("name", "").startswith("fig-")
        assert len(nb.get("image", {}).get("alt", "").split()) >= 5, "no alt text"
    assert figure_cells >= 1, "a lesson needs at least one figure"


@pytest.mark.parametrize("page", LESSONS, ids=IDS)
def test_code_stays_short_and_fits_the_pdf(page: Page):
    for _, source in page.code_cells:
        lines = source.rstrip("\n").splitlines()
        assert len(lines) <= 20, f"a cell of {len(lines)} lines belongs in mlmath:\n{source}"
        for line in lines:
            assert len(line) <= 80, f"line over 80 characters (PDF): {line}"


@pytest.mark.parametrize("page", pages(), ids=[p.entry for p in pages()])
def test_display_math_stands_in_its_own_paragraph(page: Page):
    """A $$ block glued to a line of text is parsed as inline math and
    renders as raw TeX, so display math needs a blank line on each side."""
    lines = re.sub(r"```\{code-cell\}.*?```", "", page.text, flags=re.S).splitlines()
    inside = False
    for k, line in enumerate(lines):
        if not line.startswith("$$"):
            continue
        if not inside:
            assert k == 0 or lines[k - 1].strip() == "", f"no blank line before: {line}"
        else:
            after = lines[k + 1] if k + 1 < len(lines) else ""
            assert after.strip() == "" or after.startswith("```"), f"text glued: {after}"
        inside = not inside


def test_labels_are_unique_across_the_book():
    seen: dict[str, str] = {}
    for page in pages():
        for label in re.findall(r"^:label: (\S+)|name: (fig-\S+)", page.text, flags=re.M):
            label = label[0] or label[1]
            assert label not in seen, f"{label} in {page.slug} and {seen[label]}"
            seen[label] = page.slug


def test_exercises_are_referenced_only_from_their_own_page():
    """sphinx-exercise leaves no LaTeX anchor that another page's {ref} can
    reach: such a link works on the site and is an undefined reference in
    the PDF. Link the page with {doc} instead."""
    home = {}
    for page in pages():
        for label in re.findall(r"^:label: (ex-\S+)", page.text, flags=re.M):
            home[label] = page.slug
    for page in pages():
        for label in re.findall(r"\{(?:prf:)?ref\}`(ex-[^`]+)`", page.text):
            assert home.get(label) == page.slug, (
                f"{page.slug} refers to exercise {label} of {home.get(label)}"
            )


def _macros_from_latex(preamble: str) -> dict[str, tuple[str, int]]:
    found = {}
    # The macro lines only: \providecommand{\x}{}\renewcommand{\x}[n]{body}.
    pattern = r"^\\providecommand\{\\(\w+)\}\{\}\\renewcommand\{\\\1\}(?:\[(\d)\])?\{(.*)\}\s*$"
    for line in preamble.splitlines():
        m = re.search(pattern, line.strip())
        if m:
            found[m.group(1)] = (m.group(3), int(m.group(2) or 0))
    return found


def test_mathjax_macros_are_mirrored_in_the_latex_preamble():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    sphinx = config["sphinx"]["config"]
    mathjax = {
        name: (body, 0) if isinstance(body, str) else (body[0], body[1])
        for name, body in sphinx["mathjax3_config"]["tex"]["macros"].items()
    }
    latex = _macros_from_latex(sphinx["latex_elements"]["preamble"])
    assert mathjax == latex


def test_macros_used_in_pages_are_defined():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    defined = set(config["sphinx"]["config"]["mathjax3_config"]["tex"]["macros"])
    for page in pages():
        math = " ".join(re.findall(r"\$\$.*?\$\$|\$[^$\n]+\$", page.text, flags=re.S))
        pattern = r"\\((?:v|m)[A-Z][A-Za-z]*|v(?:[a-z]|zero|mu|theta))(?![A-Za-z])"
        for name in re.findall(pattern, math):
            assert name in defined, f"\\{name} used in {page.slug} but not defined"


def test_study_plan_links_only_existing_pages():
    plan = (BOOK / "study-plan.md").read_text(encoding="utf-8")
    listed = set(toc_files())
    for target in re.findall(r"\{doc\}`(?:[^`<]*<)?([^`>]+)>?`", plan):
        entry = str(((BOOK / target).resolve()).relative_to(ROOT))
        assert entry in listed, f"study plan links {target}, which is not in the book"


def test_package_folder_does_not_shadow_the_standard_library():
    assert not (ROOT / "code" / "__init__.py").exists()


def test_latex_leaves_exactly_the_unnumbered_parts_unnumbered():
    """The LaTeX preamble names the parts whose chapters get no number; they
    must be the parts that _toc.yml marks as not numbered."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    preamble = config["sphinx"]["config"]["latex_elements"]["preamble"]
    named = set(re.findall(r"\\ifstrequal\{#1\}\{([^}]+)\}", preamble))
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    unnumbered = {part["caption"] for part in toc["parts"] if not part.get("numbered")}
    assert named == unnumbered


def test_part_index_pages_have_no_sections():
    """A heading in a part's index page would number itself N.1 and push its
    lessons to N.2, N.3, ...: the first lesson of every part must be N.1."""
    for index in BOOK.glob("*/index.md"):
        text = re.sub(r"```.*?```", "", index.read_text(encoding="utf-8"), flags=re.S)
        assert not re.search(r"^#{2,} ", text, re.M), f"{index.parent.name}/index.md has a section"
