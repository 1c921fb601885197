"""Serve the built site on 127.0.0.1 and open it in Debian's Chromium.

Shared by the browser tests (tests/book/test_browser.py) and the benchmark
(tools/bench.py). Playwright's own browser download does not work on the
project's machines, so Playwright drives /usr/bin/chromium, which
tools/system_deps.py installs (group "browser").
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# Without the networking flags Chromium keeps trying to reach Google's
# services, which this machine's closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test and benchmark output readable
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free port of 127.0.0.1; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):
    """Debian's Chromium, headless, through Playwright."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


Findings = dict[tuple[str, str], list[str]]


def audit_accessibility(site: str, jobs: list[tuple[str, str]]) -> Findings:
    """Run axe-core on each (page, color scheme) of ``jobs``; return the serious findings.

    Meant to run in a worker process of its own, with its own Chromium: axe
    is single-threaded JavaScript and takes seconds per page, so the browser
    tests split the pages over the machine's cores. A page that fails to
    load or to be audited gets its error as a finding instead of stopping
    the other pages.
    """
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    found: Findings = {}
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        for entry, scheme in jobs:
            context = chromium.new_context(color_scheme=scheme)
            try:
                tab = context.new_page()
                tab.goto(f"{site}{entry}.html")
                tab.wait_for_load_state("networkidle")
                violations = Axe().run(tab).response["violations"]
                found[(entry, scheme)] = [
                    f"{v['id']} ({v['impact']}): {v['help']} at "
                    f"{[n['target'] for n in v['nodes']][:3]}"
                    for v in violations
                    if v["impact"] in ("serious", "critical")
                ]
            except Exception as err:  # report it on this page's test
                found[(entry, scheme)] = [f"audit failed: {type(err).__name__}: {err}"]
            finally:
                context.close()
        chromium.close()
    return found
