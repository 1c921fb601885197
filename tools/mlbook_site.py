"""A small Sphinx extension for the site around the book's pages.

Jupyter Book loads it from _config.yml (``sphinx.local_extensions``). It

- derives every address of the published site from the one repository URL
  in _config.yml (``repository.url``): the GitHub Pages address becomes
  ``html_baseurl`` (canonical links), the Open Graph site URL and the prefix
  of the 404 page's links;
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
- writes ``sitemap.xml`` for search engines.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

import nbformat
from jupyter_cache import get_cache
from sphinx.application import Sphinx
from sphinx.config import Config
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


def derive_site_urls(app: Sphinx, config: Config) -> None:
    repository = config.html_theme_options.get("repository_url", "")
    if not repository:
        raise ConfigError("repository.url is missing from _config.yml")
    site = github_pages_url(repository)
    config.html_baseurl = config.html_baseurl or site
    config.ogp_site_url = config.ogp_site_url or site
    # The 404 page is served for any missing address, at any depth, so its
    # links to styles and pages must be absolute paths on the site.
    config.notfound_urls_prefix = "/" + site.split("/", 3)[3]


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
        if not target.exists():
            continue
        notebook = nbformat.read(target, as_version=4)
        try:
            _, executed = cache.merge_match_into_notebook(notebook)
        except KeyError:
            LOGGER.warning("%s: no executed copy in the cache for its .ipynb download", docname)
            continue
        nbformat.write(executed, target)


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
    # After the extensions that declare the settings it fills in.
    app.connect("config-inited", derive_site_urls, priority=900)
    # After sphinx-book-theme has built the header buttons (priority 501).
    app.connect("html-page-context", add_pdf_download, priority=510)
    # After pydata-sphinx-theme has put its toctree function in the context.
    app.connect("html-page-context", name_sidebar_toggles, priority=510)
    app.connect("html-page-context", fix_bibliography_roles)
    # After sphinx.ext.mathjax has added its scripts (priority 500).
    app.connect("html-page-context", tidy_scripts, priority=600)
    app.connect("builder-inited", copy_extension_assets_early)
    app.connect("build-finished", add_outputs_to_notebook_downloads)
    app.connect("build-finished", write_sitemap)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
