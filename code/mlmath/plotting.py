"""The book's figure style and the figure helpers its pages share.

Call :func:`setup` once at the top of a page. It applies one look to every
figure (white background so figures read in dark mode too, the Okabe–Ito
palette that color-blind readers can tell apart, labelled axes, readable
fonts) and asks the notebook for SVG and high-DPI PNG output: the HTML book
shows the SVG, the PDF the PNG.

Page: ``book/00-prerequisites/plotting.md``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from mlmath._validation import as_array, check_int, check_shape
from mlmath.prereq import evaluate_on_grid

__all__ = [
    "COLORS",
    "PALETTE",
    "STYLE",
    "Animation",
    "animate",
    "draw_vector",
    "figure",
    "origin_axes",
    "plot_contour",
    "plot_covariance_ellipse",
    "plot_linear_map",
    "plot_path",
    "plot_surface",
    "plot_vector_field",
    "setup",
    "show_matrix",
]

#: The Okabe–Ito palette (Okabe and Ito, 2008): eight colors that stay
#: distinct under the common forms of color blindness.
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}

#: The color cycle, in the order lines are drawn (yellow last: it is pale
#: on white).
COLORS: list[str] = [
    PALETTE[k]
    for k in ("blue", "orange", "green", "vermillion", "purple", "sky", "black", "yellow")
]

#: The Matplotlib settings behind the book's look.
STYLE: dict[str, Any] = {
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.bbox": "tight",
    "axes.prop_cycle": mpl.cycler(color=COLORS),
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "font.size": 10,
    "legend.frameon": False,
    "lines.linewidth": 2.0,
    "image.cmap": "viridis",
    "svg.hashsalt": "mlmath",  # stable ids in SVG output: identical rebuilds
    "svg.fonttype": "path",
}


#: The figure formats chosen by the last :func:`setup` (stills of animations
#: are written in these).
_FORMATS: list[str] = ["svg", "pdf"]


def setup(formats: Sequence[str] | None = None) -> None:
    """Apply the book's style and, in a notebook, choose the figure formats.

    Parameters
    ----------
    formats : sequence of str, optional
        Output formats for inline figures. By default SVG and PDF, both
        vector: the HTML build shows the SVG and the LaTeX build puts the PDF
        into the book's PDF. The environment variable
        ``MLMATH_FIGURE_FORMATS`` (e.g. ``svg,png``) overrides the default;
        tools/run_page.py uses it to get PNG files to look at.
    """
    if formats is None:
        formats = os.environ.get("MLMATH_FIGURE_FORMATS", "svg,pdf").split(",")
    if not formats:
        raise ValueError("formats must name at least one figure format")
    mpl.rcParams.update(STYLE)
    _FORMATS[:] = [f.strip() for f in formats]
    # Matplotlib writes this date into SVG and PDF files; fixing it makes two
    # builds of the book byte-for-byte identical.
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing more to set
        return
    shell = get_ipython()
    if shell is None:
        return
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    # Figures must be cell outputs, whatever backend the environment asks for
    # (an MPLBACKEND=Agg left in the environment would silently drop them).
    shell.run_line_magic("matplotlib", "inline")

    set_matplotlib_formats(*formats, dpi=200)


def figure(
    ncols: int = 1,
    nrows: int = 1,
    *,
    width: float | None = None,
    height: float | None = None,
    **kwargs: Any,
) -> tuple[Figure, Any]:
    """A figure with a grid of axes sized for the book's column.

    Width defaults to 3.2 inches per column (at most 9.6), height to 3.2
    inches per row, so side-by-side panels stay legible in the PDF.
    """
    ncols = check_int(ncols, "ncols", minimum=1)
    nrows = check_int(nrows, "nrows", minimum=1)
    width = min(3.2 * ncols, 9.6) if width is None else width
    height = 3.2 * nrows if height is None else height
    kwargs.setdefault("layout", "constrained")
    return plt.subplots(nrows, ncols, figsize=(width, height), **kwargs)


def origin_axes(ax: Axes, lim: float | tuple[float, float] | None = None) -> Axes:
    """Draw the x- and y-axes through the origin and make units equal.

    ``lim`` sets a symmetric window ``[-lim, lim]`` or ``(low, high)`` on both
    axes.
    """
    ax.axhline(0.0, color="0.3", lw=0.8, zorder=0)
    ax.axvline(0.0, color="0.3", lw=0.8, zorder=0)
    if lim is not None:
        lo, hi = (-lim, lim) if np.isscalar(lim) else lim
        ax.set_xlim(lo, hi)
        ax.set_ylim(lo, hi)
    ax.set_aspect("equal")
    return ax


def draw_vector(
    ax: Axes,
    v: Any,
    origin: Any = (0.0, 0.0),
    *,
    color: str | None = None,
    label: str | None = None,
    **kwargs: Any,
) -> Any:
    """Draw the 2-D vector ``v`` as an arrow starting at ``origin``.

    The arrow is drawn in data units (``angles="xy", scale=1``), so a vector
    of length 1 is one unit long on the axes. Returns the ``Quiver``.
    """
    v = as_array(v, "v", ndim=1)
    origin = as_array(origin, "origin", ndim=1)
    check_shape(v, "v", (2,))
    check_shape(origin, "origin", (2,))
    color = COLORS[0] if color is None else color
    return ax.quiver(
        origin[0],
        origin[1],
        v[0],
        v[1],
        angles="xy",
        scale_units="xy",
        scale=1,
        color=color,
        label=label,
        width=kwargs.pop("width", 0.012),
        zorder=kwargs.pop("zorder", 3),
        **kwargs,
    )


def plot_linear_map(
    ax: Axes,
    A: Any,
    *,
    extent: float = 2.0,
    n_lines: int = 9,
    show_original: bool = True,
    color: str | None = None,
) -> Axes:
    """Draw a square grid and its image under the 2x2 matrix ``A``.

    The grid lines ``x = c`` and ``y = c`` for ``n_lines`` values of ``c`` in
    ``[-extent, extent]`` are mapped to ``A @ point``: straight lines stay
    straight and parallel lines stay parallel, which is what makes the map
    linear. The images of the basis vectors e1 and e2 (the columns of ``A``)
    are drawn as arrows.
    """
    A = as_array(A, "A", ndim=2)
    check_shape(A, "A", (2, 2))
    n_lines = check_int(n_lines, "n_lines", minimum=2)
    color = COLORS[0] if color is None else color
    c = np.linspace(-extent, extent, n_lines)
    t = np.linspace(-extent, extent, 50)
    for ci in c:
        for pts in (np.stack([np.full_like(t, ci), t]), np.stack([t, np.full_like(t, ci)])):
            if show_original:
                ax.plot(pts[0], pts[1], color="0.8", lw=0.8, zorder=1)
            img = A @ pts
            ax.plot(img[0], img[1], color=color, lw=1.0, alpha=0.8, zorder=2)
    draw_vector(ax, A[:, 0], color=PALETTE["vermillion"], label=r"$A\mathbf{e}_1$")
    draw_vector(ax, A[:, 1], color=PALETTE["green"], label=r"$A\mathbf{e}_2$")
    corners = extent * np.array([[1.0, 1.0, -1.0, -1.0], [1.0, -1.0, 1.0, -1.0]])
    reach = max(extent, float(np.abs(A @ corners).max()))
    origin_axes(ax, 1.1 * reach)
    return ax


def plot_contour(
    ax: Axes,
    f: Callable[[np.ndarray, np.ndarray], np.ndarray],
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    *,
    levels: int | Sequence[float] = 20,
    n: int = 200,
    filled: bool = False,
    colorbar: bool = False,
    **kwargs: Any,
) -> Any:
    """Contour plot of ``f(x, y)`` over a rectangle; returns the contour set.

    ``f`` must work element by element on arrays (see
    :func:`mlmath.prereq.evaluate_on_grid`).
    """
    X, Y, Z = evaluate_on_grid(f, xlim, ylim, n)
    draw = ax.contourf if filled else ax.contour
    if "colors" not in kwargs:  # Matplotlib refuses both a cmap and colors
        kwargs.setdefault("cmap", "viridis")
    cs = draw(X, Y, Z, levels=levels, **kwargs)
    if colorbar:
        ax.figure.colorbar(cs, ax=ax)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    return cs


def plot_covariance_ellipse(
    ax: Axes, mean: Any, cov: Any, n_std: float = 2.0, **kwargs: Any
) -> Any:
    r"""Draw the ellipse :math:`(\vx-\vmu)^\T\mSigma^{-1}(\vx-\vmu) = c^2`, ``c = n_std``.

    Its axes point along the eigenvectors of the 2 x 2 covariance ``cov`` and
    have half-lengths ``n_std`` times the square roots of the eigenvalues
    (:func:`mlmath.linalg.eig_sym`): a contour of the Gaussian density with
    this mean and covariance. Keyword arguments go to Matplotlib's
    ``Ellipse`` (``color``, ``lw``, ``ls``, ``label``, ``alpha``, ``fill``);
    by default the ellipse is an outline. Returns the patch.

    Page: ``book/03-probability/multivariate.md``.
    """
    from matplotlib.patches import Ellipse

    from mlmath.linalg import eig_sym

    mean = as_array(mean, "mean", ndim=1)
    check_shape(mean, "mean", (2,))
    cov = as_array(cov, "cov", ndim=2)
    check_shape(cov, "cov", (2, 2))
    if not n_std > 0:
        raise ValueError(f"n_std must be positive, got {n_std}")
    w, V = eig_sym(cov)
    if w[0] < 0:
        raise ValueError("cov must be positive semi-definite, it has a negative eigenvalue")
    angle = np.degrees(np.arctan2(V[1, 1], V[0, 1]))
    kwargs.setdefault("fill", False)
    if "color" not in kwargs and "edgecolor" not in kwargs and "ec" not in kwargs:
        kwargs["edgecolor"] = COLORS[0]
    kwargs.setdefault("lw", 1.8)
    width, height = 2 * n_std * np.sqrt(w[1]), 2 * n_std * np.sqrt(w[0])
    patch = Ellipse(tuple(mean), width, height, angle=angle, **kwargs)
    ax.add_patch(patch)
    return patch


def plot_path(ax: Axes, path: Any, *, color: str | None = None, label: str | None = None) -> Any:
    """Draw a sequence of 2-D points (an optimizer's iterates) with markers.

    ``path`` has shape ``(k, 2)``; the start is a square, the end a star.
    """
    path = as_array(path, "path", ndim=2)
    check_shape(path, "path", (None, 2))
    color = COLORS[1] if color is None else color
    (line,) = ax.plot(path[:, 0], path[:, 1], "-o", color=color, ms=3, lw=1.5, label=label)
    ax.plot(*path[0], "s", color=color, ms=7)
    ax.plot(*path[-1], "*", color=color, ms=12, mec="black", mew=0.5)
    return line


def plot_vector_field(
    ax: Axes,
    F: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]],
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    *,
    n: int = 15,
    normalize: bool = False,
    **kwargs: Any,
) -> Any:
    """Arrows of the vector field ``(u, v) = F(x, y)`` on an ``n`` by ``n`` grid.

    With ``normalize=True`` every arrow has the same length and the color
    shows the magnitude, which keeps a field with a wide range readable.
    """
    n = check_int(n, "n", minimum=2)
    X, Y = np.meshgrid(np.linspace(*xlim, n), np.linspace(*ylim, n))
    U, V = (np.asarray(c, dtype=np.float64) for c in F(X, Y))
    if U.shape != X.shape or V.shape != X.shape:
        raise ValueError(
            f"F must return two arrays of shape {X.shape}, got {U.shape} and {V.shape}"
        )
    if normalize:
        mag = np.hypot(U, V)
        safe = np.where(mag > 0, mag, 1.0)
        kwargs.setdefault("cmap", "viridis")
        q = ax.quiver(X, Y, U / safe, V / safe, mag, angles="xy", **kwargs)
    else:
        kwargs.setdefault("color", COLORS[0])
        q = ax.quiver(X, Y, U, V, angles="xy", **kwargs)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    return q


def plot_surface(
    ax: Any,
    f: Callable[[np.ndarray, np.ndarray], np.ndarray],
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    *,
    n: int = 60,
    **kwargs: Any,
) -> Any:
    """3-D surface ``z = f(x, y)`` on axes made with ``projection="3d"``."""
    if getattr(ax, "name", "") != "3d":
        raise ValueError('ax must be 3-D axes, made with subplot_kw={"projection": "3d"}')
    X, Y, Z = evaluate_on_grid(f, xlim, ylim, n)
    kwargs.setdefault("cmap", "viridis")
    kwargs.setdefault("linewidth", 0)
    kwargs.setdefault("antialiased", True)
    surf = ax.plot_surface(X, Y, Z, **kwargs)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.set_zlabel("$z$")
    return surf


def show_matrix(
    ax: Axes,
    M: Any,
    *,
    fmt: str = "{:.2f}",
    fontsize: float = 7,
    **imshow_kwargs: Any,
) -> Any:
    """Show a matrix as colored cells with each value written in its cell.

    Row i is drawn at height i from the top, column j at position j, as the
    matrix is printed. The text is black on light cells and white on dark
    ones, by the luminance of the cell's color. Extra keyword arguments go to
    ``imshow`` (``cmap``, ``vmin``, ``vmax``); returns the image.
    """
    M = as_array(M, "M", ndim=2)
    image = ax.imshow(M, **imshow_kwargs)
    for (i, j), value in np.ndenumerate(M):
        r, g, b, _ = image.cmap(image.norm(value))
        light = 0.299 * r + 0.587 * g + 0.114 * b > 0.5
        ax.text(
            j,
            i,
            fmt.format(value + 0.0),
            ha="center",
            va="center",
            fontsize=fontsize,
            color="black" if light else "white",
        )
    ax.grid(False)
    return image


_STILL_MIME = {"svg": "image/svg+xml", "pdf": "application/pdf", "png": "image/png"}

_PLAYER = """<div class="mlmath-anim" id="{uid}">
<img src="{first}" alt="{alt}" width="{width}" height="{height}">
<div class="mlmath-anim-controls">
<button type="button" aria-pressed="false">Play</button>
<input type="range" min="0" max="{last}" step="1" value="{start}"
 aria-label="{label}" aria-valuetext="{start_text}">
<output aria-live="polite">{start_text}</output>
</div>
<script>
(function () {{
  var frames = {frames};
  var texts = {texts};
  var root = document.getElementById("{uid}");
  var img = root.querySelector("img");
  var slider = root.querySelector("input");
  var out = root.querySelector("output");
  var button = root.querySelector("button");
  var timer = null;
  function show(k) {{
    slider.value = k;
    img.src = frames[k];
    out.textContent = texts[k];
    slider.setAttribute("aria-valuetext", texts[k]);
  }}
  function stop() {{
    clearInterval(timer);
    timer = null;
    button.textContent = "Play";
    button.setAttribute("aria-pressed", "false");
  }}
  slider.addEventListener("input", function () {{
    stop();
    show(parseInt(slider.value, 10));
  }});
  button.addEventListener("click", function () {{
    if (timer !== null) {{ stop(); return; }}
    button.textContent = "Pause";
    button.setAttribute("aria-pressed", "true");
    timer = setInterval(function () {{
      show((parseInt(slider.value, 10) + 1) % frames.length);
    }}, {interval});
  }});
}})();
</script>
</div>"""


class Animation:
    """A figure redrawn over a parameter: a slider in HTML, a still elsewhere.

    Made by :func:`animate`. As the last expression of a notebook cell it
    displays as a small player (frames, a slider and a play button, in plain
    HTML and JavaScript, so it works in the static book without a kernel or
    any download) and, for the PDF or any front end without HTML, as a
    still image of one frame in the formats chosen by :func:`setup`.
    """

    def __init__(self, html: str, stills: dict[str, str]) -> None:
        self.html = html
        self.stills = stills

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"text/html": self.html, **self.stills, "text/plain": "<Animation>"}


def _encode(fig: Figure, fmt: str, dpi: float, **kwargs: Any) -> str:
    import base64
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_METADATA.get(fmt), **kwargs)
    data = buffer.getvalue()
    if fmt == "svg":
        return data.decode("utf-8")
    return base64.b64encode(data).decode("ascii")


def _frame_png(fig: Figure, dpi: float) -> str:
    """One frame as a PNG quantized to 64 colors: a fifth of the bytes."""
    import base64
    import io

    from PIL import Image

    buffer = io.BytesIO()
    # The whole canvas, uncropped: every frame then has the size written
    # into the player's <img> tag. (bbox_inches=None would fall back to the
    # book style's savefig.bbox = "tight", which draws each frame twice and
    # crops frames to different sizes.)
    with mpl.rc_context({"savefig.bbox": "standard"}):
        fig.savefig(buffer, format="png", dpi=dpi)
    image = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    image = image.quantize(64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    image.save(buffer, format="png", optimize=True)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


#: Metadata that would differ between runs (dates, versions) left out.
_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None},
    "svg": {"Date": None},
}


def animate(
    fig: Figure,
    update: Callable[[Any], Any],
    values: Sequence[Any],
    *,
    still: Any = None,
    interval: int = 200,
    label: str = "parameter",
    fmt: str = "{}",
    alt: str | None = None,
    dpi: float = 110,
) -> Animation:
    """Draw ``fig`` once per value and return a player for the static book.

    Parameters
    ----------
    fig : Figure
        The figure to redraw; it is closed afterwards (so it is not shown
        a second time by the inline backend).
    update : callable
        ``update(value)`` redraws the figure for one value (for example:
        clear the axes and draw again).
    values : sequence
        The parameter values, one frame each (keep it to a few dozen: every
        frame is a PNG embedded in the page).
    still : optional
        The value drawn for the still image (PDF); default the middle one.
    interval : int, default 200
        Milliseconds per frame when playing.
    label : str
        The parameter's name, read by screen readers for the slider and
        shown next to it as ``label = value``.
    fmt : str
        Format of a value in that text, e.g. ``"{:.2f}"``.
    alt : str, optional
        Alternative text of the frames.
    dpi : float, default 110
        Resolution of the frames (the player shows them at 1/1.5 of their
        pixel size, crisp on high-density screens).
    """
    import hashlib
    import html as html_lib
    import json

    values = list(values)
    if len(values) < 2:
        raise ValueError(f"values must hold at least 2 parameter values, got {len(values)}")
    interval = check_int(interval, "interval", minimum=10)
    still = values[len(values) // 2] if still is None else still
    if still not in values:
        raise ValueError(f"still must be one of values, got {still!r}")
    frames, texts = [], []
    for value in values:
        update(value)
        frames.append("data:image/png;base64," + _frame_png(fig, dpi * 1.5))
        texts.append(f"{label} = {fmt.format(value)}")
    update(still)
    stills = {_STILL_MIME[f]: _encode(fig, f, 200) for f in _FORMATS if f in _STILL_MIME}
    width, height = (round(v * dpi) for v in fig.get_size_inches())
    plt.close(fig)
    start = values.index(still)
    uid = "mlmath-anim-" + hashlib.sha1("".join(frames).encode()).hexdigest()[:12]
    player = _PLAYER.format(
        uid=uid,
        first=frames[start],
        alt=html_lib.escape(alt or f"The figure for each value of {label}", quote=True),
        width=width,
        height=height,
        last=len(frames) - 1,
        start=start,
        label=html_lib.escape(label, quote=True),
        start_text=html_lib.escape(texts[start]),
        frames=json.dumps(frames),
        texts=json.dumps(texts),
        interval=interval,
    )
    return Animation(player, stills)
