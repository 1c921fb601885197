"""Fetch the third-party browser assets the site serves itself.

The site must read offline and its tests must not need the internet, so
MathJax is served from the site (``_static/mathjax/``), not from a CDN. Its
release tarball comes from the npm registry, pinned by version and checked
against the registry's SHA-512 integrity hash, and the parts a page can load
are unpacked into ``_build/vendor/mathjax/``; _config.yml adds
``_build/vendor`` to the static files. tools/build_book.py calls
:func:`ensure` before every build; a second call finds the files in place
and downloads nothing.
"""

from __future__ import annotations

import base64
import hashlib
import io
import shutil
import sys
import tarfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "_build" / "vendor"
# Not under VENDOR, which is served: only the subset made from these is.
FONTAWESOME_SOURCES = ROOT / "_build" / "fontawesome"

MATHJAX = {
    "version": "3.2.2",
    "url": "https://registry.npmjs.org/mathjax/-/mathjax-3.2.2.tgz",
    "integrity": "sha512-Bt+SSVU8eBG27zChVewOicYs7Xsdt40qm4+UpHyX7k0/"
    "O9NliPc+x77k1/FEsPsjKPZGJvtRZM1vO+geW0OhGw==",
}
# What a page may load: the TeX-to-HTML bundle, its web fonts, the TeX
# extensions it autoloads (\boldsymbol, ...), the context menu and its
# accessibility helpers. The speech engine (sre, 4 MB) and the SVG and
# MathML builds are left out.
MATHJAX_PARTS = (
    "es5/tex-chtml.js",
    "es5/output/chtml/fonts/woff-v2/",
    "es5/input/tex/extensions/",
    "es5/ui/",
    "es5/a11y/",
    "LICENSE",
)


FONTAWESOME = {
    # the version pydata-sphinx-theme 0.17 bundles, so icon names agree
    "version": "6.5.2",
    "url": "https://registry.npmjs.org/@fortawesome/fontawesome-free/-/fontawesome-free-6.5.2.tgz",
    "integrity": "sha512-hRILoInAx8GNT5IMkrtIt9blOdrqHOnPBH+k70aWUAqPZPgopb9G5EQJFpaBx/"
    "S8zp2fC+mPW349Bziuk1o28Q==",
}
# The core that turns <i class="fa-..."> into inline SVG, and the icon sets
# from which tools/mlbook_site.py keeps the icons the site uses.
FONTAWESOME_PARTS = (
    "js/fontawesome.min.js",
    "js/solid.js",
    "js/regular.js",
    "js/brands.js",
    "LICENSE.txt",
)


def _download(url: str, attempts: int = 3) -> bytes:
    for attempt in range(1, attempts + 1):
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                return response.read()
        except OSError as err:
            if attempt == attempts:
                raise RuntimeError(f"could not download {url}: {err}") from err
            time.sleep(2 * attempt)
    raise AssertionError("unreachable")


def _check_integrity(data: bytes, integrity: str) -> None:
    algorithm, expected = integrity.split("-", 1)
    digest = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if digest != expected:
        raise RuntimeError(
            f"the downloaded archive does not match its pinned {algorithm} hash; "
            "refusing to use it"
        )


def _unpack(target: Path, pin: dict, parts: tuple[str, ...], strip: str = "") -> Path:
    """Unpack ``parts`` of a pinned npm package into ``target``."""
    stamp = target / ".version"
    if stamp.exists() and stamp.read_text().strip() == pin["version"]:
        return target
    data = _download(pin["url"])
    _check_integrity(data, pin["integrity"])
    shutil.rmtree(target, ignore_errors=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            path = member.name.removeprefix("package/")
            if not member.isfile() or not path.startswith(parts):
                continue
            out = target / path.removeprefix(strip)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(archive.extractfile(member).read())
    stamp.write_text(pin["version"] + "\n")
    return target


def ensure_mathjax() -> Path:
    """Unpack the pinned MathJax into _build/vendor/mathjax; return the folder."""
    return _unpack(VENDOR / "mathjax", MATHJAX, MATHJAX_PARTS, strip="es5/")


def ensure_fontawesome() -> Path:
    """Unpack the pinned Font Awesome sources into _build/fontawesome (not a
    static folder: only the subset made from them is served)."""
    return _unpack(FONTAWESOME_SOURCES, FONTAWESOME, FONTAWESOME_PARTS)


def ensure() -> None:
    ensure_mathjax()
    ensure_fontawesome()


if __name__ == "__main__":
    try:
        ensure()
    except RuntimeError as err:
        sys.exit(str(err))
    print(f"vendored assets are in {VENDOR.relative_to(ROOT)}")
