"""A small Sphinx extension for the site around the book's pages.

Jupyter Book loads it from _config.yml (``sphinx.local_extensions``). It

- derives every address of the published site from the one repository URL
  in _config.yml (``repository.url``): the GitHub Pages address becomes
  ``html_baseurl`` (canonical links), the base of the Open Graph URLs and
  the prefix of the 404 page's links;
- writes the Open Graph tags of link previews (title, description from the
  page's first paragraph, address, image); sphinxext-opengraph did the same
  but imported Matplotlib on every build for a feature we do not use;
- adds "the whole book" to each page's download menu, next to the page's
  ``.md`` source and ``.ipynb`` notebook, pointing at the PDF that
  tools/build_pdf.py copies into the site;
- puts the executed notebook, with its outputs, behind each page's
  ``.ipynb`` download (myst-nb's cached execution leaves that copy without
  outputs);
- names the sidebar's expand/collapse toggles for screen readers (the theme
  gives them only an icon, which axe-core reports as a serious problem);
- marks each bibliography entry as a list item: docutils gives the entries
  the deprecated ``doc-biblioentry`` role inside a ``role="list"``, which
  screen readers (and axe-core) do not accept as list items;
- loads MathJax only on pages that have math of their own (Sphinx also
  loads it on every page whose table of contents reaches a page with math:
  the front page, the part indexes), and drops inline scripts that
  extensions register twice;
- copies the style sheets of myst-nb, sphinx-proof and sphinx-exercise
  before the pages are written (they copy them only when the build ends),
  so that a build from clean links them with the same checksums as a
  rebuild;
- merges each cell's printed output exactly (myst-nb's ``nb_merge_streams``
  strips and re-adds line ends chunk by chunk, so the result depended on how
  the kernel happened to flush: a clean build and a cached one differed);
- declares two extensions parallel-safe that are but do not say so, so
  that pages are read (and executed) on every core;
- serves only the Font Awesome icons the site uses: the theme ships every
  icon (1.5 MB, the largest file of a first visit); after the build, the
  pages and scripts are scanned for ``fa-<name>`` and the theme's file is
  replaced by the same Font Awesome version cut down to those icons;
- writes ``sitemap.xml`` for search engines.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path
from xml.sax.saxutils import escape

import nbformat
import vendor_assets  # tools/, on the path as the extension's own folder
from docutils import nodes
from jupyter_cache import get_cache
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.domains import Domain
from sphinx.errors import ConfigError
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)


def github_pages_url(repository_url: str) -> str:
    """``https://github.com/<owner>/<repo>`` -> ``https://<owner>.github.io/<repo>/``."""
    match = re.fullmatch(r"https://github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?/?", repository_url)
    if match is None:
        raise ConfigError(
            f"repository.url in _config.yml must look like https://github.com/<owner>/<repo>, "
            f"not {repository_url!r}"
        )
    owner, repo = match.groups()
    return f"https://{owner.lower()}.github.io/{repo}/"


def pdf_name(config: Config) -> str:
    """The name of the book's PDF: the LaTeX target with a .pdf suffix."""
    return Path(config.latex_documents[0][1]).with_suffix(".pdf").name


# Extensions that work when pages are read in parallel but do not say so.
# Both only set attributes on the environment when the builder starts (in the
# main process, before the workers fork) and read them afterwards:
# sphinx-multitoc-numbering renumbers sections after the reading is merged,
# sphinx-jupyterbook-latex adds transforms for the LaTeX builder.
PARALLEL_SAFE_UNDECLARED = ("sphinx_multitoc_numbering", "sphinx_jupyterbook_latex")


def _merge_nothing(self, docnames, otherdata) -> None:
    """sphinx-proof's domain keeps no data of its own (the proofs live in
    ``env.proof_list``, which the extension merges itself), but it lacks the
    merge method that Sphinx calls after a parallel read."""


def one_page_per_task(arguments: list, nproc: int, maxbatch: int = 10) -> list[list]:
    """Hand pages to the parallel workers one at a time.

    Sphinx cuts the pages, in name order, into a few fixed batches. That suits
    pages that take milliseconds, but a notebook page takes seconds to
    execute, and a part's notebooks sit next to each other in name order, so
    one batch got all of them and the other cores had nothing to do.
    """
    return [[argument] for argument in arguments]


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def _page_of(env, node, parent_tag=None):
    """The page a node sits on, for sphinx-proof's LaTeX labels and numbers.

    sphinx-proof finds the page's top section by comparing the page title,
    as Sphinx stores it (with typographic quotes), with the section's names
    (with the quotes typed in the source); a title with an apostrophe
    ("Newton's Method") never matched, so its theorems lost their labels
    and numbers in the PDF. Here both sides get plain quotes.
    """
    outermost = None
    while node.parent is not None:
        node = node.parent
        docname = node.attributes.get("docname")
        if docname is None or docname not in env.titles:
            continue
        outermost = docname
        title = env.titles[docname].astext().translate(_QUOTES).lower()
        names = [name.translate(_QUOTES).lower() for name in node.attributes.get("names", [])]
        if title in names:
            return docname
    return outermost


def declare_parallel_safety(app: Sphinx, config: Config) -> None:
    import sphinx.builders
    from sphinx_proof.domain import ProofDomain

    if app.parallel > 1:
        sphinx.builders.make_chunks = one_page_per_task

    if ProofDomain.merge_domaindata is Domain.merge_domaindata:
        ProofDomain.merge_domaindata = _merge_nothing
    import sphinx_proof.nodes

    sphinx_proof.nodes.find_parent = _page_of
    for name in PARALLEL_SAFE_UNDECLARED:
        extension = app.extensions.get(name)
        if extension is not None and extension.parallel_read_safe is None:
            extension.parallel_read_safe = True
            extension.parallel_write_safe = True


def derive_site_urls(app: Sphinx, config: Config) -> None:
    repository = config.html_theme_options.get("repository_url", "")
    if not repository:
        raise ConfigError("repository.url is missing from _config.yml")
    site = github_pages_url(repository)
    config.html_baseurl = config.html_baseurl or site
    # The 404 page is served for any missing address, at any depth, so its
    # links to styles and pages must be absolute paths on the site.
    config.notfound_urls_prefix = "/" + site.split("/", 3)[3]


def _description(doctree, limit: int = 200) -> str:
    """The page's first paragraph of prose, cut at a word, for link previews."""
    for paragraph in doctree.findall(nodes.paragraph):
        if any(
            isinstance(parent, (nodes.Admonition, nodes.caption, nodes.container))
            for parent in _ancestors(paragraph)
        ):
            continue
        text = " ".join(paragraph.astext().split())
        if len(text) > 40:
            if len(text) > limit:
                text = text[:limit].rsplit(" ", 1)[0] + " ..."
            return text
    return ""


def _ancestors(node):
    while node.parent is not None:
        node = node.parent
        yield node


def add_open_graph(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if doctree is None:
        return
    config = app.config
    tags = {
        "og:title": html.unescape(re.sub(r"<[^>]+>", "", context.get("title", ""))),
        "og:type": "website",
        "og:url": config.html_baseurl + app.builder.get_target_uri(pagename),
        "og:site_name": config.ogp_site_name,
        "og:description": _description(doctree),
        "og:image": config.html_baseurl + config.ogp_image,
        "og:image:alt": config.ogp_image_alt,
    }
    meta = "".join(
        f'<meta property="{key}" content="{html.escape(value, quote=True)}" />\n'
        for key, value in tags.items()
        if value
    )
    meta += f'<meta name="description" content="{html.escape(tags["og:description"])}" />\n'
    context["metatags"] = context.get("metatags", "") + meta


def add_pdf_download(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Put the whole book's PDF into the page's download menu."""
    for button in context.get("header_buttons", []):
        if button.get("label") == "download-buttons":
            button["buttons"].append(
                {
                    "type": "link",
                    "url": context["pathto"](pdf_name(app.config), 1),
                    "text": "Book (.pdf)",
                    "tooltip": "Download the whole book as a PDF",
                    "icon": "fas fa-book",
                    "label": "download-book-pdf-button",
                }
            )


_TOGGLE = re.compile(
    r'(<a class="[^"]*reference internal[^"]*" href="[^"]*">([^<]+)</a>\s*<details[^>]*>\s*)'
    r"<summary>"
)


def name_sidebar_toggles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Give each icon-only <summary> of the navigation an accessible name."""
    generate = context.get("generate_toctree_html")
    if generate is None:
        return

    def generate_named(*args, **kwargs) -> str:
        html = str(generate(*args, **kwargs))
        return _TOGGLE.sub(
            lambda m: f'{m.group(1)}<summary aria-label="Show or hide the pages of '
            f'{m.group(2).strip()}">',
            html,
        )

    context["generate_toctree_html"] = generate_named


def fix_bibliography_roles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def fix_search_page(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if pagename == "search":
        app.add_js_file("search-summary-fix.js")


def tidy_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Drop MathJax from pages without math, and scripts that appear twice.

    Extensions that add an inline script before the builder exists register
    it once with the file name None and once more with "" (Sphinx 7 copies
    the registry into the builder), so sphinx-thebe's ``const THEBE_JS_URL``
    ran twice and threw "Identifier has already been declared" on every page.
    """
    scripts = context.get("script_files")
    if scripts is None:
        return
    has_math = app.env.get_domain("math").data["has_equations"].get(pagename, False)

    def is_mathjax(script) -> bool:
        name = str(script.filename or "")
        body = script.attributes.get("body", "")
        return name.endswith(app.config.mathjax_path) or body.startswith("window.MathJax")

    kept, seen = [], set()
    for script in scripts:
        key = (str(script.filename or ""), tuple(sorted(script.attributes.items())))
        if key in seen or (not has_math and is_mathjax(script)):
            continue
        seen.add(key)
        kept.append(script)
    scripts[:] = kept


def add_outputs_to_notebook_downloads(app: Sphinx, exception: Exception | None) -> None:
    """Fill the downloadable notebooks with the outputs in the execution cache."""
    if exception is not None or app.builder.format != "html":
        return
    if app.config.nb_execution_mode != "cache":
        return
    cache = get_cache(app.config.nb_execution_cache_path)
    sources = Path(app.outdir, "_sources")
    for docname in sorted(app.env.found_docs):
        target = sources / f"{docname}.ipynb"
        copied_from = Path(app.outdir).parent / "jupyter_execute" / f"{docname}.ipynb"
        if not target.exists():
            continue
        # sphinx-book-theme copies the notebook (keeping its time stamp) only
        # when it writes the page; a copy already filled in is newer.
        if copied_from.exists() and target.stat().st_mtime > copied_from.stat().st_mtime:
            continue
        notebook = nbformat.read(target, as_version=4)
        try:
            _, with_outputs = cache.merge_match_into_notebook(notebook)
        except KeyError:
            LOGGER.warning("%s: no executed copy in the cache for its .ipynb download", docname)
            continue
        nbformat.write(with_outputs, target)


def copy_extension_assets_early(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    import myst_nb.sphinx_ext
    import sphinx_exercise
    import sphinx_proof

    sphinx_proof.copy_asset_files(app, None)
    sphinx_exercise.copy_asset_files(app, None)
    myst_nb.sphinx_ext.add_global_html_resources(app, None)


def merge_streams_exactly(outputs: list) -> list:
    """Join the stream outputs of a cell, one per stream, text unchanged.

    Replaces ``myst_nb.core.render.coalesce_streams``; like it, it applies
    carriage returns and backspaces, and puts stdout before stderr.
    """
    merged, streams = [], {}
    for output in outputs or []:
        if output["output_type"] != "stream":
            merged.append(output)
        elif output["name"] in streams:
            streams[output["name"]]["text"] += output["text"]
        else:
            output["text"] = str(output["text"])
            streams[output["name"]] = output
            merged.append(output)
    for output in streams.values():
        text = output["text"]
        while True:
            shorter = re.sub(r"[^\n]\x08", "", text)
            if shorter == text:
                break
            text = shorter
        output["text"] = re.sub(r".*\r(?=[^\n])", "", text)
    names = [o.get("name") for o in merged]
    if "stderr" in names and "stdout" in names and names.index("stderr") < names.index("stdout"):
        stdout = merged.pop(names.index("stdout"))
        merged.insert(names.index("stderr"), stdout)
    return merged


_ICON = re.compile(r'^    "([^"]+)": \[\d+, \d+, \[([^\]]*)\], ')


def subset_fontawesome(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    source = vendor_assets.FONTAWESOME_SOURCES / "js"
    target = Path(app.outdir) / "_static" / "scripts" / "fontawesome.js"
    if not source.is_dir() or not target.exists():
        LOGGER.warning("Font Awesome sources or the theme's fontawesome.js are missing")
        return
    used: set[str] = set()
    for path in Path(app.outdir).rglob("*"):
        if path.suffix in {".html", ".js"} and path != target:
            used |= set(re.findall(r"fa-([a-z0-9-]+)", path.read_text(errors="ignore")))
    packs = []
    for pack in ("brands", "regular", "solid"):
        text = (source / f"{pack}.js").read_text(encoding="utf-8")
        start = text.index("  var icons = {\n") + len("  var icons = {\n")
        end = text.index("\n  };\n", start)
        kept = []
        for line in text[start:end].splitlines():
            match = _ICON.match(line)
            names = {match.group(1), *re.findall(r'"([^"]+)"', match.group(2))}
            if names & used:
                kept.append(line.rstrip(","))
        packs.append(text[:start] + ",\n".join(kept) + text[end:])
    core = (source / "fontawesome.min.js").read_text(encoding="utf-8")
    target.write_text("\n".join(packs) + "\n" + core, encoding="utf-8")


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    base = app.config.html_baseurl
    pages = sorted(
        docname
        for docname in app.env.found_docs
        if not app.env.metadata.get(docname, {}).get("orphan")
    )
    urls = [base + app.builder.get_target_uri(docname) for docname in pages]
    body = "\n".join(f"  <url><loc>{escape(url)}</loc></url>" for url in urls)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{body}\n</urlset>\n"
    )
    Path(app.outdir, "sitemap.xml").write_text(xml, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    import myst_nb.core.render

    myst_nb.core.render.coalesce_streams = merge_streams_exactly
    # Changing this file changes this value, and Sphinx rebuilds every page
    # when an "env" setting changes, so an incremental build never serves
    # pages made by an older version of the extension.
    source = Path(__file__).read_bytes()
    app.add_config_value("mlbook_site_digest", hashlib.sha256(source).hexdigest(), "env")
    app.add_config_value("ogp_site_name", "", "html")
    app.add_config_value("ogp_image", "", "html")
    app.add_config_value("ogp_image_alt", "", "html")
    # After the extensions that declare the settings it fills in.
    app.connect("config-inited", derive_site_urls, priority=900)
    app.connect("html-page-context", add_open_graph)
    app.connect("config-inited", declare_parallel_safety)
    # After sphinx-book-theme has built the header buttons (priority 501).
    app.connect("html-page-context", add_pdf_download, priority=510)
    # After pydata-sphinx-theme has put its toctree function in the context.
    app.connect("html-page-context", name_sidebar_toggles, priority=510)
    app.connect("html-page-context", fix_bibliography_roles)
    app.connect("html-page-context", fix_search_page)
    # After sphinx.ext.mathjax has added its scripts (priority 500).
    app.connect("html-page-context", tidy_scripts, priority=600)
    app.connect("builder-inited", copy_extension_assets_early)
    app.connect("build-finished", add_outputs_to_notebook_downloads)
    app.connect("build-finished", write_sitemap)
    app.connect("build-finished", subset_fontawesome)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
