"""Draw the book's logo, favicon and social-preview image with Matplotlib.

The logo is the picture at the heart of the book: a linear map sends the unit
circle to an ellipse, and its singular vectors are the ellipse's axes (the
SVD as rotate, stretch, rotate). The files are committed under book/_static;
run ``.venv/bin/python tools/make_logo.py`` after changing this script.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

# Fixed ids inside the SVG files, so that they are the same on every run.
plt.rcParams["svg.hashsalt"] = "mlmath-logo"

STATIC = Path(__file__).resolve().parent.parent / "book" / "_static"
BLUE, ORANGE, VERMILLION, GREY = "#0072B2", "#E69F00", "#D55E00", "#7f7f7f"
# No creation date or software version in the files, so that they are the
# same on every run.
METADATA = {
    "svg": {"Date": None, "Creator": None},
    "png": {"Software": None},
}


def draw_mark(ax: plt.Axes, lw: float = 3.0) -> None:
    """The unit circle, its image under A, and A's two singular directions."""
    a = np.array([[1.35, 0.55], [0.35, 0.75]])
    t = np.linspace(0.0, 2.0 * np.pi, 200)
    circle = np.stack([np.cos(t), np.sin(t)])
    ellipse = a @ circle
    u, s, _ = np.linalg.svd(a)
    u = u * np.sign(u[0])  # both axes drawn pointing to the right
    ax.plot(*circle, color=GREY, lw=lw * 0.6, ls=(0, (2, 2)))
    ax.plot(*ellipse, color=BLUE, lw=lw)
    for k, color in enumerate((VERMILLION, ORANGE)):
        tip = s[k] * u[:, k]
        ax.annotate(
            "",
            xy=tip,
            xytext=(0.0, 0.0),
            arrowprops={"arrowstyle": "-|>", "color": color, "lw": lw, "mutation_scale": 8 * lw},
        )
    ax.set_xlim(-1.7, 1.7)
    ax.set_ylim(-1.7, 1.7)
    ax.set_aspect("equal")
    ax.axis("off")


def square(path: Path, inches: float, dpi: int | None = None, lw: float = 3.0) -> None:
    fig = plt.figure(figsize=(inches, inches))
    ax = fig.add_axes((0, 0, 1, 1))
    draw_mark(ax, lw)
    fmt = path.suffix[1:]
    fig.savefig(path, dpi=dpi, transparent=True, metadata=METADATA[fmt])
    plt.close(fig)


def social_card(path: Path) -> None:
    """A 1200 x 630 image for link previews (Open Graph)."""
    fig = plt.figure(figsize=(12, 6.3), facecolor="white")
    draw_mark(fig.add_axes((0.03, 0.1, 0.4, 0.8)), lw=6)
    fig.text(0.46, 0.6, "Mathematics for", fontsize=44, weight="bold", color="#222222")
    fig.text(0.46, 0.45, "Machine Learning", fontsize=44, weight="bold", color=BLUE)
    fig.text(
        0.46,
        0.22,
        "An executable textbook:\nevery number computed, every claim tested",
        fontsize=18,
        color="#444444",
        linespacing=1.5,
    )
    fig.savefig(path, dpi=100, facecolor="white", metadata=METADATA["png"])
    plt.close(fig)


def main() -> None:
    STATIC.mkdir(parents=True, exist_ok=True)
    square(STATIC / "logo.svg", 2.0, lw=3.0)
    square(STATIC / "favicon.svg", 1.0, lw=2.5)
    square(STATIC / "favicon.png", 0.64, dpi=100, lw=2.0)
    social_card(STATIC / "social-card.png")
    for name in ("logo.svg", "favicon.svg", "favicon.png", "social-card.png"):
        print(STATIC / name, (STATIC / name).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
