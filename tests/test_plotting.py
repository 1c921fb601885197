"""The book's figure style and the shared figure helpers."""

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgb

from mlmath import plotting


def test_setup_applies_the_style():
    mpl.rcParams.update(mpl.rcParamsDefault)
    plotting.setup()
    assert mpl.rcParams["figure.facecolor"] == "white"
    assert mpl.rcParams["axes.prop_cycle"].by_key()["color"] == plotting.COLORS
    assert mpl.rcParams["svg.hashsalt"] == "mlmath"


def test_palette_is_okabe_ito_and_distinct():
    assert len(set(plotting.COLORS)) == 8
    assert plotting.PALETTE["blue"] == "#0072B2"
    rgb = np.array([to_rgb(c) for c in plotting.COLORS])
    gaps = np.linalg.norm(rgb[:, None] - rgb[None], axis=-1) + np.eye(8)
    assert gaps.min() > 0.15  # no two colours nearly the same


def test_figure_sizes_panels_for_the_page():
    fig, axes = plotting.figure(3, 2)
    assert axes.shape == (2, 3)
    np.testing.assert_allclose(fig.get_size_inches(), [9.6, 6.4])
    with pytest.raises(ValueError, match="ncols must be at least 1"):
        plotting.figure(0)


def test_draw_vector_uses_data_units():
    fig, ax = plt.subplots()
    q = plotting.draw_vector(ax, [3.0, 4.0], origin=[1.0, 1.0])
    np.testing.assert_array_equal(q.U, [3.0])
    np.testing.assert_array_equal(q.V, [4.0])
    np.testing.assert_array_equal(q.X, [1.0])
    assert q.scale == 1 and q.scale_units == "xy"
    with pytest.raises(ValueError, match=r"v must have shape \(2,\)"):
        plotting.draw_vector(ax, [1.0, 2.0, 3.0])


def test_plot_linear_map_draws_the_image_of_the_grid():
    A = np.array([[1.0, 1.0], [0.0, 1.0]])  # a shear
    fig, ax = plt.subplots()
    plotting.plot_linear_map(ax, A, extent=1.0, n_lines=3)
    lines = ax.get_lines()
    grey = [ln for ln in lines if ln.get_color() == "0.8"]
    mapped = [ln for ln in lines if ln.get_color() == plotting.COLORS[0]]
    assert len(grey) == len(mapped) == 6  # 3 vertical + 3 horizontal
    for before, after in zip(grey, mapped, strict=True):
        pts = np.vstack([before.get_xdata(), before.get_ydata()])
        img = np.vstack([after.get_xdata(), after.get_ydata()])
        np.testing.assert_allclose(img, A @ pts)
    assert ax.get_aspect() == 1.0
    with pytest.raises(ValueError, match=r"A must have shape \(2, 2\)"):
        plotting.plot_linear_map(ax, np.eye(3))


def test_plot_contour_and_path():
    fig, ax = plt.subplots()
    cs = plotting.plot_contour(ax, lambda x, y: x**2 + y**2, (-1, 1), (-1, 1), levels=5)
    assert len(cs.levels) >= 4
    assert ax.get_xlabel() == "$x$"
    path = np.array([[1.0, 1.0], [0.5, 0.2], [0.0, 0.0]])
    line = plotting.plot_path(ax, path, label="GD")
    np.testing.assert_array_equal(line.get_xydata(), path)
    with pytest.raises(ValueError, match=r"path must have shape \(any, 2\)"):
        plotting.plot_path(ax, np.zeros((3, 3)))


def test_plot_vector_field_checks_the_field():
    fig, ax = plt.subplots()
    q = plotting.plot_vector_field(ax, lambda x, y: (-y, x), (-1, 1), (-1, 1), n=4)
    assert q.U.shape == (16,)
    q = plotting.plot_vector_field(
        ax, lambda x, y: (x, 100 * y), (-1, 1), (-1, 1), n=4, normalize=True
    )
    np.testing.assert_allclose(np.hypot(q.U, q.V)[np.hypot(q.U, q.V) > 0], 1.0)
    with pytest.raises(ValueError, match="F must return two arrays of shape"):
        plotting.plot_vector_field(ax, lambda x, y: (1.0, 1.0), (-1, 1), (-1, 1))


def test_plot_surface_needs_3d_axes():
    fig = plt.figure()
    ax3 = fig.add_subplot(projection="3d")
    plotting.plot_surface(ax3, lambda x, y: x * y, (-1, 1), (-1, 1), n=5)
    assert ax3.get_zlabel() == "$z$"
    fig2, ax2 = plt.subplots()
    with pytest.raises(ValueError, match="ax must be 3-D axes"):
        plotting.plot_surface(ax2, lambda x, y: x * y, (-1, 1), (-1, 1))


def test_origin_axes_sets_a_symmetric_window():
    fig, ax = plt.subplots()
    plotting.origin_axes(ax, 2.0)
    assert ax.get_xlim() == (-2.0, 2.0) and ax.get_ylim() == (-2.0, 2.0)


def test_plot_contour_accepts_fixed_colors():
    fig, ax = plt.subplots()
    cs = plotting.plot_contour(
        ax, lambda x, y: x + y, (-1, 1), (-1, 1), levels=[0], colors="black"
    )
    assert list(cs.levels) == [0.0]


def test_setup_needs_a_figure_format():
    with pytest.raises(ValueError, match="at least one figure format"):
        plotting.setup(formats=[])


def _animation(**kwargs):
    fig, ax = plotting.figure()

    def update(t):
        ax.clear()
        plotting.plot_linear_map(ax, np.array([[1.0, t], [0.0, 1.0]]))

    return plotting.animate(fig, update, [0.0, 0.5, 1.0], label="shear", **kwargs)


def test_animate_plays_in_html_and_prints_a_still():
    plotting.setup(["svg", "pdf"])
    bundle = _animation(fmt="{:.1f}", alt="A grid sheared more and more")._repr_mimebundle_()
    html = bundle["text/html"]
    assert html.count("data:image/png;base64,") == 3 + 1  # the frames, and the first shown
    assert 'aria-label="shear"' in html and "shear = 0.5" in html
    assert 'alt="A grid sheared more and more"' in html
    assert 'value="1"' in html  # the middle frame is the still by default
    assert bundle["image/svg+xml"].lstrip().startswith("<?xml")
    assert "application/pdf" in bundle and "image/png" not in bundle
    assert plt.get_fignums() == []  # closed: the inline backend does not show it again


def test_animate_is_deterministic_and_follows_the_formats():
    plotting.setup(["png"])
    first, second = _animation(), _animation()
    assert first.html == second.html and first.stills == second.stills
    assert set(first.stills) == {"image/png"}
    plotting.setup()


def test_animate_rejects_bad_values():
    fig, _ = plotting.figure()
    with pytest.raises(ValueError, match="at least 2 parameter values"):
        plotting.animate(fig, lambda t: None, [1.0])
    with pytest.raises(ValueError, match="still must be one of values"):
        plotting.animate(fig, lambda t: None, [1.0, 2.0], still=3.0)


def test_show_matrix_writes_every_value_readably():
    fig, ax = plotting.figure()
    M = np.array([[0.0, 1.0], [2.0, -0.0]])
    image = plotting.show_matrix(ax, M, fmt="{:.1f}", cmap="gray", vmin=0, vmax=2)
    texts = {t.get_text(): t for t in ax.texts}
    assert set(texts) == {"0.0", "1.0", "2.0"}  # -0.0 is written as 0.0
    assert texts["2.0"].get_color() == "black"  # white cell
    assert ax.texts[0].get_color() == "white"  # black cell
    assert image.get_array().shape == (2, 2)
    assert texts["1.0"].get_position() == (1, 0)  # column 1, row 0


def test_covariance_ellipse_is_a_level_set_of_the_mahalanobis_distance():
    from mlmath.probability import MultivariateGaussian

    fig, ax = plotting.figure()
    mean, cov = np.array([1.0, -1.0]), np.array([[3.0, 1.2], [1.2, 1.0]])
    patch = plotting.plot_covariance_ellipse(ax, mean, cov, n_std=2.0, label="2 sd")
    # The path is cubic Bezier arcs: every third vertex lies on the curve.
    on_curve = patch.get_path().vertices[:-1:3]
    boundary = patch.get_patch_transform().transform(on_curve)
    maha = MultivariateGaussian(mean, cov).mahalanobis(boundary)
    np.testing.assert_allclose(maha, 2.0, rtol=1e-6)
    assert patch in ax.patches and patch.get_label() == "2 sd" and not patch.get_fill()
    with pytest.raises(ValueError, match="n_std must be positive"):
        plotting.plot_covariance_ellipse(ax, mean, cov, n_std=0.0)
    with pytest.raises(ValueError, match=r"cov must have shape \(2, 2\)"):
        plotting.plot_covariance_ellipse(ax, mean, np.eye(3))
