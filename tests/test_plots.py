"""Tests for corpus_tools.plots: Axes in and out, table order, Cyrillic text, keyness bars,
Zipf curves and seeded word clouds."""

from __future__ import annotations

import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib import ft2font  # noqa: E402

from corpus_tools.plots import (  # noqa: E402
    bar,
    cyrillic_font_path,
    heatmap,
    keyness,
    wordcloud,
    wordclouds,
    zipf,
)

LEMMAS = pd.DataFrame(
    {
        "lemma": ["губернатор", "жители", "москва", "ёлка", "щедрость"],
        "frequency": [30, 21, 21, 5, 2],
    }
)
WORDS = {"губернатор": 30, "жители": 21, "москва": 21, "ёлка": 5, "щедрость": 2, "Жуков": 8}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _draw_without_warnings(ax) -> None:
    """Render the figure; any warning (such as a missing glyph) fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax.figure.canvas.draw()


# --- the font


def test_font_path_exists_and_has_cyrillic_glyphs():
    path = cyrillic_font_path()
    assert Path(path).is_file()
    font = ft2font.FT2Font(path)
    for letter in "ЖжЁёЩщЫы":
        assert font.get_char_index(ord(letter)) != 0, letter


# --- bar


def test_bar_returns_axes_with_labels_in_table_order():
    ax = bar(LEMMAS, x="frequency", y="lemma", title="Частые леммы")
    _draw_without_warnings(ax)
    assert isinstance(ax, matplotlib.axes.Axes)
    assert [t.get_text() for t in ax.get_yticklabels()] == list(LEMMAS["lemma"])
    assert [p.get_width() for p in ax.patches] == list(LEMMAS["frequency"])
    # the first row is drawn at the top
    tops = [p.get_y() for p in ax.patches]
    assert tops == sorted(tops)
    assert ax.yaxis_inverted()
    assert ax.get_title() == "Частые леммы"


def test_bar_uses_given_axes_and_top():
    fig, ax = plt.subplots()
    result = bar(LEMMAS, x="frequency", y="lemma", ax=ax, top=2)
    assert result is ax
    assert len(fig.axes) == 1
    assert [t.get_text() for t in ax.get_yticklabels()] == ["губернатор", "жители"]


def test_bar_with_hue_keeps_all_groups_of_the_top_labels():
    table = pd.DataFrame(
        {
            "lemma": ["мэр", "мэр", "суд", "суд", "закон"],
            "group": ["РИА", "ТАСС", "РИА", "ТАСС", "РИА"],
            "frequency": [5, 3, 4, 1, 9],
        }
    )
    ax = bar(table, x="frequency", y="lemma", hue="group", top=2)
    _draw_without_warnings(ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["мэр", "суд"]
    widths = sorted(p.get_width() for p in ax.patches if p.get_width() > 0)
    assert widths == [1, 3, 4, 5]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["РИА", "ТАСС"]


def test_bar_does_not_modify_the_table():
    table = LEMMAS.copy()
    bar(table, x="frequency", y="lemma", top=1)
    pd.testing.assert_frame_equal(table, LEMMAS)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"x": "count", "y": "lemma"}, KeyError, "count"),
        ({"x": "frequency", "y": "lemma", "top": 0}, ValueError, "top = 0"),
    ],
)
def test_bar_rejects_bad_options(kwargs, error, message):
    with pytest.raises(error, match=message):
        bar(LEMMAS, **kwargs)


# --- wordcloud


def test_wordcloud_returns_axes_with_an_image_of_the_requested_size():
    ax = wordcloud(WORDS, width=300, height=150, title="Облако слов")
    _draw_without_warnings(ax)
    assert isinstance(ax, matplotlib.axes.Axes)
    assert ax.images[0].get_array().shape == (150, 300, 3)
    assert ax.get_title() == "Облако слов"
    assert not ax.axison


def test_wordcloud_uses_given_axes():
    fig, (left, right) = plt.subplots(1, 2)
    result = wordcloud(WORDS, ax=right, width=200, height=100)
    assert result is right
    assert len(right.images) == 1
    assert len(left.images) == 0


def test_wordcloud_is_deterministic_for_a_seed():
    first = wordcloud(WORDS, seed=3, width=300, height=150)
    second = wordcloud(WORDS, seed=3, width=300, height=150)
    other = wordcloud(WORDS, seed=4, width=300, height=150)
    a, b, c = (ax.images[0].get_array() for ax in (first, second, other))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    # something was drawn on the white background
    assert (np.asarray(a) != 255).any()


def test_wordcloud_accepts_series_and_tables_like_a_dict():
    expected = wordcloud(WORDS, width=200, height=100).images[0].get_array()
    series = pd.Series(WORDS)
    table = pd.DataFrame({"term": list(WORDS), "frequency": list(WORDS.values())})
    # zero counts are dropped, so they change nothing
    padded = pd.concat([table, pd.DataFrame({"term": ["пусто"], "frequency": [0]})])
    for frequencies in (series, table, padded):
        got = wordcloud(frequencies, width=200, height=100).images[0].get_array()
        np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize(
    "frequencies",
    [
        {},
        {"ноль": 0, "минус": -1},
        pd.Series(dtype="float64"),
        pd.DataFrame({"term": [], "frequency": []}),
    ],
)
def test_wordcloud_without_positive_frequencies_raises(frequencies):
    with pytest.raises(ValueError, match="positive frequency"):
        wordcloud(frequencies)


def test_wordcloud_table_without_term_column_raises():
    with pytest.raises(ValueError, match="term column"):
        wordcloud(pd.DataFrame({"слово": ["мэр"], "frequency": [1]}))


# --- keyness

# Two comparisons in the layout of corpus_tools.keyness, each ranked by significance (g2).
KEYNESS = pd.DataFrame(
    {
        "group": ["ТАСС"] * 6 + ["РИА"] * 2,
        "term": ["губернатор", "суд", "мэр", "ёлка", "жители", "щедрость", "москва", "погода"],
        "n_target": [30, 1, 12, 6, 2, 3, 20, 1],
        "n_reference": [3, 25, 4, 2, 9, 1, 5, 4],
        "g2": [25.1, 22.4, 4.9, 2.1, 1.9, 0.8, 9.0, 1.5],
        "p": [1e-6, 2e-6, 0.03, 0.15, 0.17, 0.37, 0.003, 0.22],
        "p_adj": [6e-6, 6e-6, 0.06, 0.22, 0.22, 0.37, 0.006, 0.22],
        "log_ratio": [3.3, -4.6, 1.6, 1.6, -2.2, 1.6, 2.0, -2.0],
        "pct_diff": [890.0, -96.0, 200.0, 200.0, -78.0, 200.0, 300.0, -75.0],
    }
)


def _is_filled(patch) -> bool:
    return patch.get_hatch() is None and patch.get_facecolor()[3] == 1


def test_keyness_draws_log_ratios_of_both_directions():
    ax = keyness(KEYNESS, group="ТАСС", top=2)
    _draw_without_warnings(ax)
    assert isinstance(ax, matplotlib.axes.Axes)
    # the two most significant over-represented terms from the top, then the two
    # under-represented ones with the most significant at the bottom
    assert [t.get_text() for t in ax.get_yticklabels()] == ["губернатор", "мэр", "жители", "суд"]
    assert [p.get_width() for p in ax.patches] == [3.3, 1.6, -2.2, -4.6]
    centres = [p.get_y() + p.get_height() / 2 for p in ax.patches]
    assert centres == sorted(centres)
    assert ax.yaxis_inverted()
    assert any(list(line.get_xdata()) == [0, 0] for line in ax.lines)
    assert ax.get_xlabel() == "Log ratio (binary log of relative frequencies, ТАСС vs rest)"
    assert ax.get_title() == "ТАСС vs rest"


def _keyness_of_outlets(**options) -> pd.DataFrame:
    import corpus_tools as ct

    outlets = ["ТАСС", "РИА", "Интерфакс", "Коммерсант", "Фонтанка", "Медуза"]
    units = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(6) for _ in range(3)],
            "term": ["губернатор", "губернатор", "мэр"] + ["суд", "мэр", "закон"] * 5,
        }
    )
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(6)], "source": outlets})
    # one document per outlet: the evidence floors are off
    return ct.keyness(units, by="source", docs=docs, min_count=1, min_docs=1, **options)


@pytest.mark.parametrize(
    ("options", "reference"),
    [
        ({}, "all other outlets"),
        ({"target": "ТАСС"}, "all other outlets"),
        ({"target": "ТАСС", "reference": "РИА"}, "РИА"),
        ({"target": "ТАСС", "reference": ["РИА", "Медуза"]}, "РИА, Медуза"),
        (
            {"target": "ТАСС", "reference": ["РИА", "Медуза", "Фонтанка", "Интерфакс", "Коммерсант"]},
            "РИА, Медуза, Фонтанка and 2 other outlets",
        ),
    ],
)
def test_keyness_names_the_reference_the_table_was_computed_against(options, reference):
    table = _keyness_of_outlets(**options)
    ax = keyness(table, group="ТАСС")
    assert ax.get_title().replace("\n", " ") == f"ТАСС vs {reference}"
    assert ax.get_xlabel().replace("\n", " ").endswith(f"ТАСС vs {reference})")
    # filtering the table keeps the record; an explicit name wins
    assert keyness(table[table.group == "ТАСС"].head(3)).get_title().replace("\n", " ") == f"ТАСС vs {reference}"
    assert keyness(table, group="ТАСС", label_reference="корпус").get_title() == "ТАСС vs корпус"


def test_keyness_keeps_top_per_direction_and_draws_only_present_directions():
    ax = keyness(KEYNESS, group="ТАСС")
    assert [p.get_width() > 0 for p in ax.patches] == [True] * 4 + [False] * 2
    only_over = KEYNESS[KEYNESS["log_ratio"] > 0]
    ax = keyness(only_over, group="ТАСС", top=2)
    assert [p.get_width() for p in ax.patches] == [3.3, 1.6]


def test_keyness_styles_significant_and_other_bars_differently():
    ax = keyness(KEYNESS, group="ТАСС", top=2)
    # p_adj: губернатор 6e-6, мэр 0.06, жители 0.22, суд 6e-6
    assert [_is_filled(p) for p in ax.patches] == [True, False, False, True]
    assert [p.get_hatch() for p in ax.patches] == [None, "///", "///", None]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "p_adj < 0.05 (Benjamini–Hochberg)",
        "not significant",
    ]
    ax = keyness(KEYNESS, group="ТАСС", top=2, alpha=0.1)
    assert [_is_filled(p) for p in ax.patches] == [True, True, False, True]
    assert ax.get_legend().get_texts()[0].get_text() == "p_adj < 0.1 (Benjamini–Hochberg)"


def test_keyness_uses_given_axes_title_and_reference_label():
    fig, ax = plt.subplots()
    result = keyness(KEYNESS, group="РИА", ax=ax, label_reference="ТАСС")
    assert result is ax
    assert len(fig.axes) == 1
    assert ax.get_title() == "РИА vs ТАСС"
    assert keyness(KEYNESS, group="РИА", title="Ключевые слова").get_title() == "Ключевые слова"


def test_keyness_with_one_comparison_needs_no_group():
    ax = keyness(KEYNESS[KEYNESS["group"] == "РИА"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["москва", "погода"]
    assert ax.get_title() == "РИА vs rest"


@pytest.mark.parametrize("group", [None, "Интерфакс"])
def test_keyness_missing_or_unknown_group_names_the_available_ones(group):
    with pytest.raises(ValueError, match=r"\['ТАСС', 'РИА'\]"):
        keyness(KEYNESS, group=group)


@pytest.mark.parametrize(
    ("table", "kwargs", "error", "message"),
    [
        (KEYNESS.iloc[:0], {}, ValueError, "no rows"),
        (KEYNESS.drop(columns="p_adj"), {"group": "ТАСС"}, KeyError, "p_adj"),
        (KEYNESS.assign(log_ratio=0.0), {"group": "ТАСС"}, ValueError, "non-zero log ratio"),
        (KEYNESS.assign(log_ratio=np.inf), {"group": "ТАСС"}, ValueError, "infinite"),
        (KEYNESS, {"group": "ТАСС", "top": 0}, ValueError, "top = 0"),
        (KEYNESS, {"group": "ТАСС", "alpha": 0}, ValueError, "alpha = 0"),
    ],
)
def test_keyness_rejects_bad_input(table, kwargs, error, message):
    with pytest.raises(error, match=message):
        keyness(table, **kwargs)


def test_keyness_does_not_modify_the_table():
    table = KEYNESS.copy()
    keyness(table, group="ТАСС", top=1)
    pd.testing.assert_frame_equal(table, KEYNESS)


# --- zipf

# A corpus_tools.frequency table: "город" and "суд" tie in РИА and share rank 2.
FREQ = pd.DataFrame(
    {
        "group": ["РИА", "РИА", "РИА", "РИА", "ТАСС", "ТАСС"],
        "term": ["мэр", "город", "суд", "закон", "суд", "мэр"],
        "frequency": [8, 3, 3, 1, 4, 2],
        "rank": [1, 2, 2, 4, 1, 2],
    }
)


def test_zipf_draws_one_monotone_series_per_group_on_log_axes():
    ax = zipf(FREQ)
    _draw_without_warnings(ax)
    assert isinstance(ax, matplotlib.axes.Axes)
    assert (ax.get_xscale(), ax.get_yscale()) == ("log", "log")
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Rank", "Frequency")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["РИА", "ТАСС", "Zipf: f ∝ 1/r"]
    ria = ax.lines[0]
    # tied ranks become consecutive positions
    assert list(ria.get_xdata()) == [1, 2, 3, 4]
    assert list(ria.get_ydata()) == [8, 3, 3, 1]
    for line in ax.lines[:2]:
        assert (np.diff(line.get_ydata()) <= 0).all()


def test_zipf_reference_line_has_slope_minus_one_through_the_first_point():
    line = zipf(FREQ).lines[-1]
    x, y = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
    assert (x[0], y[0]) == (1, 8)
    assert np.diff(np.log(y)) / np.diff(np.log(x)) == pytest.approx(-1)
    assert len(zipf(FREQ, reference=False).lines) == 2


def test_zipf_sorts_the_frequencies_itself():
    shuffled = FREQ.sample(frac=1, random_state=1)
    for got, expected in zip(zipf(shuffled).lines, zipf(FREQ).lines):
        np.testing.assert_array_equal(got.get_ydata(), expected.get_ydata())


def test_zipf_pooled_sums_each_term_over_groups():
    fig, ax = plt.subplots()
    result = zipf(FREQ, ax=ax, by_group=False, reference=False, title="Закон Ципфа")
    _draw_without_warnings(ax)
    assert result is ax
    assert len(fig.axes) == 1
    assert len(ax.lines) == 1
    assert list(ax.lines[0].get_ydata()) == [10, 7, 3, 1]
    assert ax.get_title() == "Закон Ципфа"


def test_zipf_without_positive_frequencies_raises():
    with pytest.raises(ValueError, match="positive frequency"):
        zipf(FREQ.assign(frequency=0))
    with pytest.raises(ValueError, match="positive frequency"):
        zipf(FREQ.iloc[:0])


# --- wordclouds

CLOUDS = pd.DataFrame(
    {
        "group": ["ТАСС"] * 3 + ["РИА"] * 3 + ["Коммерсант"] * 2 + ["Интерфакс"] * 2,
        "term": ["губернатор", "мэр", "ёлка", "москва", "жители", "суд", "щедрость", "закон",
                 "выборы", "Жуков"],
        "frequency": [30, 12, 5, 21, 9, 3, 7, 2, 11, 4],
    }
)
SMALL = {"width": 120, "height": 60}


def _pixels(fig) -> np.ndarray:
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def test_wordclouds_draws_sorted_groups_and_hides_unused_cells():
    fig = wordclouds(CLOUDS, ncols=3, **SMALL)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.canvas.draw()
    assert isinstance(fig, matplotlib.figure.Figure)
    assert len(fig.axes) == 6
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in visible] == ["Интерфакс", "Коммерсант", "РИА", "ТАСС"]
    assert all(ax.images[0].get_array().shape == (60, 120, 3) for ax in visible)
    hidden = [ax for ax in fig.axes if not ax.get_visible()]
    assert len(hidden) == 2
    assert all(not ax.images for ax in hidden)


def test_wordclouds_panels_are_the_seeded_single_clouds():
    fig = wordclouds(CLOUDS, seed=5, top=2, titles=False, **SMALL)
    riya = fig.axes[2]
    assert riya.get_title() == ""
    expected = wordcloud(CLOUDS[CLOUDS["group"] == "РИА"], seed=5, max_words=2, **SMALL)
    np.testing.assert_array_equal(riya.images[0].get_array(), expected.images[0].get_array())


def test_wordclouds_is_deterministic_for_a_seed():
    first = _pixels(wordclouds(CLOUDS, seed=3, **SMALL))
    second = _pixels(wordclouds(CLOUDS, seed=3, **SMALL))
    other = _pixels(wordclouds(CLOUDS, seed=4, **SMALL))
    np.testing.assert_array_equal(first, second)
    assert not np.array_equal(first, other)


def test_wordclouds_uses_given_figure_and_fewer_columns_for_few_groups():
    fig = plt.figure()
    table = CLOUDS[CLOUDS["group"].isin(["РИА", "ТАСС"])]
    result = wordclouds(table, fig=fig, by="group", ncols=3, **SMALL)
    assert result is fig
    assert len(fig.axes) == 2
    assert all(ax.get_visible() for ax in fig.axes)


@pytest.mark.parametrize(
    ("table", "kwargs", "error", "message"),
    [
        (CLOUDS.iloc[:0], {}, ValueError, "no rows"),
        (CLOUDS, {"by": "source"}, KeyError, "source"),
        (CLOUDS, {"ncols": 0}, ValueError, "ncols = 0"),
        (CLOUDS.assign(frequency=0), {}, ValueError, "group = 'Интерфакс'"),
    ],
)
def test_wordclouds_rejects_bad_input(table, kwargs, error, message):
    with pytest.raises(error, match=message):
        wordclouds(table, **kwargs)


# --- network

import networkx as nx  # noqa: E402

from corpus_tools.plots import network  # noqa: E402

# A co-occurrence graph as corpus_tools.network builds it: sorted nodes with frequencies,
# edges weighted by log Dice.
GRAPH = nx.Graph(measure="log_dice")
GRAPH.add_nodes_from(
    [
        ("выборы", {"frequency": 6}),
        ("губернатор", {"frequency": 9}),
        ("москва", {"frequency": 7}),
        ("мэр", {"frequency": 5}),
        ("праздник", {"frequency": 3}),
        ("ёлка", {"frequency": 2}),
    ]
)
GRAPH.add_weighted_edges_from(
    [
        ("выборы", "губернатор", 12.8),
        ("губернатор", "мэр", 12.4),
        ("москва", "мэр", 12.4),
        ("москва", "ёлка", 12.4),
        ("праздник", "ёлка", 12.0),
        ("выборы", "мэр", 11.1),
    ]
)


def _offsets(ax) -> np.ndarray:
    """Positions of the drawn nodes (the scatter of the network plot)."""
    return np.asarray(ax.collections[1].get_offsets())


def test_network_returns_axes_with_nodes_edges_and_labels():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = network(GRAPH, title="Сеть совместной встречаемости")
    _draw_without_warnings(ax)
    assert isinstance(ax, matplotlib.axes.Axes)
    assert not ax.axison
    assert ax.get_title() == "Сеть совместной встречаемости"
    assert len(ax.collections[0].get_segments()) == 6
    assert _offsets(ax).shape == (6, 2)
    # labels from the most frequent node down
    assert [t.get_text() for t in ax.texts] == [
        "губернатор", "москва", "выборы", "мэр", "праздник", "ёлка",
    ]
    _assert_labels_apart(ax)


def _visible_label_boxes(ax) -> list:
    renderer = ax.figure.canvas.get_renderer()
    return [t.get_window_extent(renderer) for t in ax.texts if t.get_visible()]


def _assert_labels_apart(ax) -> None:
    ax.figure.canvas.draw()
    boxes = _visible_label_boxes(ax)
    for i, box in enumerate(boxes):
        for other in boxes[i + 1:]:
            assert not box.overlaps(other), (box, other)


def test_network_labels_of_a_crowded_graph_do_not_overlap():
    # 20 long labels around one hub in a small figure: drawn at their nodes they pile up
    graph = nx.star_graph(20)
    graph = nx.relabel_nodes(graph, {i: f"термин_{i:02d}_длинный" for i in graph.nodes})
    nx.set_node_attributes(graph, {n: 20 - i for i, n in enumerate(graph.nodes)}, "frequency")
    fig, ax = plt.subplots(figsize=(3.5, 3.5))
    network(graph, ax=ax, seed=0)
    _assert_labels_apart(ax)
    visible = [t.get_text() for t in ax.texts if t.get_visible()]
    # the hub (the most frequent node) is always labelled, and most others are too
    assert visible[0] == "термин_00_длинный"
    assert len(visible) >= 8
    # the same seed gives the same labels in the same places
    again = network(graph, ax=plt.subplots(figsize=(3.5, 3.5))[1], seed=0)
    assert [t.get_position() for t in again.texts] == [t.get_position() for t in ax.texts]


def test_network_emoji_labels_draw_without_missing_glyph_warnings():
    graph = nx.Graph()
    graph.add_edge("мэр 🔥", "➡читать", weight=2.0)
    graph.add_edge("мэр 🔥", "🇷🇺", weight=1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = network(graph, title="Сеть 🔥")
        ax.figure.canvas.draw()
    assert sorted(t.get_text() for t in ax.texts) == ["?", "мэр", "➡читать"]
    assert ax.get_title() == "Сеть"


def test_network_uses_given_axes():
    fig, (left, right) = plt.subplots(1, 2)
    result = network(GRAPH, ax=right)
    assert result is right
    assert len(fig.axes) == 2
    assert len(right.collections) == 2
    assert not left.collections and not left.texts


def test_network_positions_are_the_same_for_the_same_seed():
    first = _offsets(network(GRAPH, seed=3))
    second = _offsets(network(GRAPH, seed=3))
    other = _offsets(network(GRAPH, seed=4))
    np.testing.assert_array_equal(first, second)
    assert not np.allclose(first, other)
    # the drawn edges join the drawn nodes
    ax = network(GRAPH, seed=3)
    ends = {tuple(point) for segment in ax.collections[0].get_segments() for point in segment}
    assert ends == set(map(tuple, _offsets(ax)))


def test_network_images_are_the_same_for_the_same_seed():
    first = _pixels(network(GRAPH, seed=1).figure)
    second = _pixels(network(GRAPH, seed=1).figure)
    np.testing.assert_array_equal(first, second)


def test_network_scales_node_sizes_by_frequency_and_edge_widths_by_weight():
    ax = network(GRAPH)
    sizes = dict(zip(GRAPH.nodes, ax.collections[1].get_sizes()))
    assert sizes["губернатор"] == 1500
    assert sizes["ёлка"] == 100
    assert sizes["москва"] == pytest.approx(100 + 5 / 7 * 1400)
    widths = dict(zip(GRAPH.edges, ax.collections[0].get_linewidths()))
    assert widths["выборы", "губернатор"] == 4
    assert widths["выборы", "мэр"] == 0.5
    assert widths["москва", "ёлка"] == pytest.approx(0.5 + 1.3 / 1.7 * 3.5)
    small = network(GRAPH, node_size=(10, 20)).collections[1].get_sizes()
    assert (min(small), max(small)) == (10, 20)


def test_network_label_top_labels_the_most_frequent_nodes():
    ax = network(GRAPH, label_top=2)
    assert [t.get_text() for t in ax.texts] == ["губернатор", "москва"]


def test_network_labels_use_the_cyrillic_font_whatever_the_default_font():
    # cmr10 (shipped with matplotlib) has no Cyrillic: default-font text would warn
    with plt.rc_context({"font.family": "cmr10", "axes.formatter.use_mathtext": True}):
        ax = network(GRAPH, title="Ёлка и мэр")
        _draw_without_warnings(ax)
    for text in [*ax.texts, ax.title]:
        assert text.get_fontproperties().get_file() == cyrillic_font_path()


def test_network_draws_negative_weights_and_missing_attributes():
    graph = nx.Graph()
    graph.add_edge("суд", "мэр", weight=-1.5)
    graph.add_edge("мэр", "губернатор", weight=0.4)
    graph.add_edge("губернатор", "суд")
    ax = network(graph)
    _draw_without_warnings(ax)
    assert np.isfinite(_offsets(ax)).all()
    assert sorted(ax.collections[0].get_linewidths()) == [0.5, 0.5, 4]
    # no frequencies at all: every node the smallest size, labels by name
    assert list(ax.collections[1].get_sizes()) == [100, 100, 100]
    assert [t.get_text() for t in ax.texts] == ["губернатор", "мэр", "суд"]


def test_network_single_node_without_edges():
    graph = nx.Graph()
    graph.add_node("мэр", frequency=4)
    ax = network(graph)
    _draw_without_warnings(ax)
    assert [t.get_text() for t in ax.texts] == ["мэр"]
    assert list(ax.collections[1].get_sizes()) == [800]


def test_network_does_not_modify_the_graph():
    graph = GRAPH.copy()
    network(graph, label_top=1)
    assert list(graph.nodes(data=True)) == list(GRAPH.nodes(data=True))
    assert list(graph.edges(data=True)) == list(GRAPH.edges(data=True))
    assert graph.graph == GRAPH.graph


@pytest.mark.parametrize(
    ("graph", "kwargs", "message"),
    [
        (nx.Graph(), {}, "no nodes"),
        (GRAPH, {"label_top": 0}, "label_top = 0"),
        (GRAPH, {"node_size": (1500, 100)}, r"node_size = \(1500, 100\)"),
        (GRAPH, {"node_size": 500}, "node_size = 500"),
        (GRAPH, {"node_size": (-1, 10)}, "node_size"),
    ],
)
def test_network_rejects_bad_input(graph, kwargs, message):
    with pytest.raises(ValueError, match=message):
        network(graph, **kwargs)


def test_heatmap_cells_and_errors():
    table = pd.DataFrame({"source": ["ТАСС", "ТАСС", "РИА"], "actor": ["Путин", "Трамп", "Путин"], "n": [3, 1, 2]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = heatmap(table, index="actor", columns="source", values="n", title="Упоминания")
    texts = sorted(t.get_text() for t in ax.texts)
    assert texts == ["0.0", "1.0", "2.0", "3.0"]  # РИА × Трамп is a missing cell shown as 0
    assert [t.get_text() for t in ax.get_xticklabels()] == ["РИА", "ТАСС"]
    with pytest.raises(ValueError, match="empty"):
        heatmap(table.iloc[:0], index="actor", columns="source", values="n")
    plt.close("all")


# --- heatmap at many outlets, labels

# 120 outlets × 12 actors: outlet k has k + 1 mentions of every actor
MANY = pd.DataFrame(
    [(f"outlet {k:03d}", f"актор {a:02d}", k + 1) for k in range(120) for a in range(12)],
    columns=["source", "actor", "mentions"],
)


def test_heatmap_keeps_the_top_outlets_and_groups_the_rest():
    ax = heatmap(MANY, index="actor", columns="source", values="mentions", fmt=".0f")
    _draw_without_warnings(ax)
    columns = [t.get_text() for t in ax.get_xticklabels()]
    # the 30 largest outlets (090..119) in label order, then the other 90
    assert columns == [f"outlet {k:03d}" for k in range(90, 120)] + ["other (90 outlets)"]
    grid = np.asarray(ax.collections[0].get_array()).reshape(12, 31)
    assert grid[0, 0] == 91 and grid[0, 29] == 120
    assert grid[0, 30] == sum(range(1, 91))  # the sum of the grouped outlets
    assert len(ax.get_yticklabels()) == 12
    # the figure grew with the data: wider than the old fixed 9 in, every label readable
    width, height = ax.figure.get_size_inches()
    assert width > 12 and height > 5
    mean = heatmap(MANY, index="actor", columns="source", values="mentions", top=(None, 10), agg="mean")
    grid = np.asarray(mean.collections[0].get_array()).reshape(12, 11)
    assert grid[0, 10] == pytest.approx(np.mean(np.arange(1, 111)))


def test_heatmap_size_follows_the_data_and_keeps_a_given_axes():
    small = heatmap(MANY[MANY.source < "outlet 003"], index="actor", columns="source", values="mentions")
    large = heatmap(MANY, index="actor", columns="source", values="mentions", top=None)
    assert small.figure.get_size_inches()[0] < large.figure.get_size_inches()[0]
    # 120 columns: no numbers in the cells (unreadable), a colour bar instead, all labels kept
    assert not large.texts and len(large.figure.axes) == 2
    assert len(large.get_xticklabels()) == 120
    fig, ax = plt.subplots(figsize=(9, 5))
    assert heatmap(MANY, index="actor", columns="source", values="mentions", ax=ax) is ax
    assert tuple(fig.get_size_inches()) == (9, 5)


def test_heatmap_wraps_long_labels_and_drops_emoji():
    table = pd.DataFrame(
        {"source": ["Новости 🔥 Москвы", "Министерство иностранных дел России"], "actor": ["Путин", "Путин"], "n": [1, 2]}
    )
    ax = heatmap(table, index="actor", columns="source", values="n")
    _draw_without_warnings(ax)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Министерство\nиностранных дел России", "Новости Москвы"]


@pytest.mark.parametrize(("kwargs", "message"), [({"top": 0}, "top = 0"), ({"agg": "max"}, "agg = 'max'")])
def test_heatmap_rejects_bad_options(kwargs, message):
    with pytest.raises(ValueError, match=message):
        heatmap(MANY, index="actor", columns="source", values="mentions", **kwargs)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("мэр", "мэр"),
        ("мэр 🔥 города", "мэр города"),
        ("👍🏻", "?"),
        ("❤️ Москва", "Москва"),  # DejaVu has a text heart; the emoji one is another picture
        ("❤ Москва", "❤ Москва"),
        ("▫️langroid", "langroid"),
        ("➡читать", "➡читать"),
        ("", ""),
        ("Министерство иностранных дел России", "Министерство\nиностранных дел России"),
        ("сверхдлинноесловобезпробеловнавсюстроку", "сверхдлинноесловобезпробеловнавсюстроку"),
    ],
)
def test_label_drops_missing_glyphs_and_wraps(value, expected):
    from corpus_tools.plots import label

    assert label(value) == expected
    fig, ax = plt.subplots()
    ax.set_title(label(value))
    _draw_without_warnings(ax)


# --- frames

from corpus_tools.plots import frames  # noqa: E402

# A frame_scores table: three outlets, two frames
SCORES = pd.DataFrame(
    {
        "group": ["РИА", "РИА", "ТАСС", "ТАСС", "Фокус", "Фокус"],
        "frame": ["praise", "mediation"] * 3,
        "docs": [3, 3, 5, 5, 1, 1],
        "hits": [2, 0, 6, 1, 1, 3],
        "tokens": [400, 400, 1000, 1000, 100, 100],
        "per_1k": [5.0, 0.0, 6.0, 1.0, 10.0, 30.0],
        "sentence_share": [0.1, 0.0, 0.2, 0.05, 0.5, 1.0],
        "ci_low": [0.0, 0.0, 2.5, 0.0, np.nan, np.nan],
        "ci_high": [9.0, 0.0, 9.5, 2.2, np.nan, np.nan],
    }
)


def _dots(ax) -> dict:
    groups = [t.get_text() for t in ax.figure.axes[0].get_yticklabels()]
    return {groups[int(y)]: x for x, y in ax.collections[0].get_offsets()}


def test_frames_draws_rates_and_bootstrap_intervals_per_frame():
    fig = frames(SCORES, title="Фреймы по изданиям")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.canvas.draw()
    assert [ax.get_title() for ax in fig.axes] == ["mediation", "praise"]
    assert fig.get_suptitle() == "Фреймы по изданиям"
    praise = fig.axes[1]
    assert _dots(praise) == {"РИА": 5.0, "ТАСС": 6.0, "Фокус": 10.0}
    # an interval per group that has one (Фокус has a single document: none)
    segments = [segment.tolist() for segment in praise.collections[1].get_segments()]
    assert segments == [[[0.0, 0.0], [9.0, 0.0]], [[2.5, 1.0], [9.5, 1.0]]]
    faces = praise.collections[0].get_facecolors()
    assert faces[2].tolist() == [1, 1, 1, 1] and faces[0].tolist() != [1, 1, 1, 1]
    assert praise.get_xlabel() == "per 1,000 words"


def test_frames_pools_the_groups_beyond_top_into_other():
    fig = frames(SCORES.assign(docs=[3, 3, 5, 5, 2, 2]), top=1)
    groups = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert groups == ["ТАСС", "other (2 groups)"]
    # pooled: (0 + 3) hits / (400 + 100) words and (2 + 1) / 500, per 1,000 words, no interval
    assert _dots(fig.axes[0])["other (2 groups)"] == pytest.approx(6.0)
    assert _dots(fig.axes[1])["other (2 groups)"] == pytest.approx(6.0)
    assert len(fig.axes[1].collections[1].get_segments()) == 1


def test_frames_draws_the_intervals_frame_scores_computed():
    import corpus_tools as ct

    docs = pd.DataFrame(
        {
            "doc_id": list("abcde"),
            "source": ["ТАСС", "ТАСС", "ТАСС", "РИА", "РИА"],
            "text": ["Стороны обсудили перемирие.", "Нужен посредник на переговорах.", "Погода ясная.",
                     "Посредник предложил перемирие.", "Мэр открыл ёлку."],
        }
    )
    scores = ct.frame_scores(ct.tokenize(docs), by="source", docs=docs, n_boot=200, seed=1)
    fig = frames(scores)
    mediation = fig.axes[[ax.get_title() for ax in fig.axes].index("mediation")]
    expected = scores[scores.frame == "mediation"].set_index("group")
    drawn = {tuple(segment[:, 0]) for segment in mediation.collections[1].get_segments()}
    assert drawn == set(zip(expected.ci_low, expected.ci_high))
    assert _dots(mediation) == pytest.approx(expected.per_1k.to_dict())


def test_frames_at_120_outlets_is_sized_from_the_data():
    names = [f"outlet {k:03d}" for k in range(120)]
    many = pd.DataFrame(
        [(n, f, k + 1, k, 1000, k, k * 0.5, k * 1.5) for k, n in enumerate(names) for f in ("praise", "mediation")],
        columns=["group", "frame", "docs", "hits", "tokens", "per_1k", "ci_low", "ci_high"],
    )
    fig = frames(many, top=20)
    groups = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert groups == names[100:] + ["other (100 groups)"]
    assert _dots(fig.axes[0])["other (100 groups)"] == pytest.approx(sum(range(100)) / 100_000 * 1000)
    assert fig.get_size_inches()[1] > 5


@pytest.mark.parametrize(
    ("table", "kwargs", "error", "message"),
    [
        (SCORES.iloc[:0], {}, ValueError, "no rows"),
        (SCORES.drop(columns="ci_low"), {}, KeyError, "ci_low"),
        (SCORES, {"top": 0}, ValueError, "top = 0"),
        (SCORES, {"ncols": 0}, ValueError, "ncols = 0"),
    ],
)
def test_frames_rejects_bad_input(table, kwargs, error, message):
    with pytest.raises(error, match=message):
        frames(table, **kwargs)


# --- timeline

from corpus_tools.plots import plot_timeline, timeline as timeline_plot  # noqa: E402
from corpus_tools.dates import timeline as timeline_table  # noqa: E402

# 120 outlets over 10 weeks: outlet k publishes k + 1 documents a week, k of them mention the term
# (outlet 0 publishes nothing in week 3)
WEEKLY = pd.DataFrame(
    [
        (pd.Timestamp("2024-01-01") + pd.Timedelta(weeks=w), f"outlet {k:03d}", 2 * k, k, k + 1)
        for w in range(10)
        for k in range(120)
    ],
    columns=["period", "group", "count", "docs", "total_docs"],
)
WEEKLY.loc[(WEEKLY.group == "outlet 000") & (WEEKLY.period == "2024-01-22"), "total_docs"] = 0
WEEKLY["share"] = (WEEKLY.docs / WEEKLY.total_docs).where(WEEKLY.total_docs > 0)
WEEKLY.attrs["timeline"] = {"by": "source", "freq": "week", "groups": "documents"}


def test_timeline_draws_the_top_outlets_and_pools_the_rest():
    ax = timeline_plot(WEEKLY, top=5, title="Упоминания 🔥")
    _draw_without_warnings(ax)
    names = [line.get_label() for line in ax.lines]
    assert names == ["outlet 119", "outlet 118", "outlet 117", "outlet 116", "outlet 115", "other (115 outlets)"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == names
    top = ax.lines[0]
    assert list(top.get_ydata()) == pytest.approx([119 / 120] * 10)
    # pooled share: documents with a mention over all documents of outlets 0..114 in the week
    pooled = ax.lines[-1].get_ydata()
    assert pooled[0] == pytest.approx(sum(range(115)) / sum(range(1, 116)))
    assert pooled[3] == pytest.approx(sum(range(115)) / (sum(range(1, 116)) - 1))
    assert ax.get_ylabel() == "Share of the period's documents"
    assert ax.get_xlabel() == "Week of publication"
    assert ax.get_title() == "Упоминания"
    assert ax.figure.get_size_inches()[0] > 8


def test_timeline_counts_and_gaps():
    ax = timeline_plot(WEEKLY[WEEKLY.group <= "outlet 001"], value="count")
    assert [line.get_label() for line in ax.lines] == ["outlet 001", "outlet 000"]
    assert list(ax.lines[0].get_ydata()) == [2] * 10
    ax = timeline_plot(WEEKLY[WEEKLY.group == "outlet 000"], value="share")
    share = np.asarray(ax.lines[0].get_ydata(), dtype=float)
    assert np.isnan(share[3]) and (share[[0, 1, 2, 4]] == 0).all()  # a week without documents is a gap
    assert plot_timeline is timeline_plot


def test_timeline_of_actors_pools_counts_only():
    docs = pd.DataFrame({"doc_id": list("abc"), "source": ["ТАСС"] * 3, "date": pd.to_datetime(["2024-03-04", "2024-03-05", "2024-03-12"])})
    mentions = pd.DataFrame({"doc_id": list("aabbc"), "actor": ["Путин", "Трамп", "Путин", "Песков", "Путин"]})
    table = timeline_table(mentions, docs, by="actor")
    counts = timeline_plot(table, value="count", top=1)
    assert [line.get_label() for line in counts.lines] == ["Путин", "other (2 actors)"]
    assert list(counts.lines[1].get_ydata()) == [2, 0]
    shares = timeline_plot(table, value="share", top=1)
    assert [line.get_label() for line in shares.lines] == ["Путин"]
    assert list(shares.lines[0].get_ydata()) == [1.0, 1.0]
    assert shares.get_legend().get_title().get_text() == "top 1 of 3"


@pytest.mark.parametrize(
    ("table", "kwargs", "error", "message"),
    [
        (WEEKLY.iloc[:0], {}, ValueError, "no rows"),
        (WEEKLY.drop(columns="share"), {}, KeyError, "share"),
        (WEEKLY, {"value": "per_1k"}, ValueError, "value = 'per_1k'"),
        (WEEKLY, {"top": 0}, ValueError, "top = 0"),
    ],
)
def test_timeline_rejects_bad_input(table, kwargs, error, message):
    with pytest.raises(error, match=message):
        timeline_plot(table, **kwargs)


# --- dispersion

from corpus_tools.plots import dispersion, plot_dispersion  # noqa: E402

# Ordered by source, then date: b (РИА), c (ТАСС, 1 March), a (ТАСС, 2 March); punctuation skipped.
# Word positions: b: путин 0, война 1; c: путин 2; a: мир 3, путин 4.
DISPERSION_DOCS = pd.DataFrame(
    {"doc_id": list("abc"), "source": ["ТАСС", "РИА", "ТАСС"], "date": pd.to_datetime(["2024-03-02", "2024-03-01", "2024-03-01"])}
)
DISPERSION_TOKENS = pd.DataFrame(
    {
        "doc_id": list("aaa") + list("bb") + ["c"],
        "token_id": [0, 1, 2, 0, 1, 0],
        "lemma": ["мир", ",", "путин", "путин", "война", "путин"],
        "is_punct": [False, True, False, False, False, False],
    }
)


def test_dispersion_ticks_sit_at_word_positions_checked_by_hand():
    ax = dispersion(DISPERSION_TOKENS, ["Путин", "мир", "сша"], docs=DISPERSION_DOCS, title="Рентген")
    _draw_without_warnings(ax)
    assert [line.get_xdata().tolist() for line in ax.lines] == [[0, 2, 4], [3], []]
    assert [line.get_ydata().tolist() for line in ax.lines] == [[0, 0, 0], [1], []]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Путин (3)", "мир (1)", "сша (0)"]
    assert ax.get_xlim() == (0, 5)
    assert ax.get_xlabel() == "Word position in the corpus (documents ordered by source, then date)"
    # one boundary, where ТАСС starts
    assert [segment[0][0] for segment in ax.collections[0].get_segments()] == [2]
    assert ax.get_title() == "Рентген"
    assert plot_dispersion is dispersion


def test_dispersion_without_groups_orders_documents_by_date():
    ax = dispersion(DISPERSION_TOKENS, "путин", docs=DISPERSION_DOCS, by=None)
    # b and c (1 March, by id), then a
    assert ax.lines[0].get_xdata().tolist() == [0, 2, 4]
    assert not ax.collections[0].get_segments()
    shuffled = DISPERSION_TOKENS.sample(frac=1, random_state=0)
    again = dispersion(shuffled, "путин", docs=DISPERSION_DOCS, by=None)
    assert again.lines[0].get_xdata().tolist() == [0, 2, 4]


def test_dispersion_at_120_outlets_labels_only_wide_groups():
    outlets = [f"outlet {k:03d}" for k in range(120)]
    # outlet 000 is large (1,000 words), the others have 10 words each
    tokens = pd.DataFrame(
        {
            "doc_id": ["d000"] * 1000 + [f"d{k:03d}" for k in range(1, 120) for _ in range(10)],
            "term": (["мир", "война"] * 500) + ["мир"] * 1190,
        }
    )
    docs = pd.DataFrame({"doc_id": [f"d{k:03d}" for k in range(120)], "source": outlets})
    ax = dispersion(tokens, ["мир", "война"], docs=docs)
    _draw_without_warnings(ax)
    assert len(ax.collections[0].get_segments()) == 119
    assert [len(line.get_xdata()) for line in ax.lines] == [1690, 500]
    top = ax.child_axes[0] if ax.child_axes else None
    labels = [t.get_text() for t in top.get_xticklabels()] if top is not None else []
    assert labels == ["outlet 000"]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"terms": []}, ValueError, "terms is empty"),
        ({"terms": ["мир"], "by": "platform"}, KeyError, "by = 'platform'"),
        ({"terms": ["мир"], "column": "term"}, KeyError, "term"),
    ],
)
def test_dispersion_rejects_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        dispersion(DISPERSION_TOKENS, docs=DISPERSION_DOCS, **kwargs)


# --- comparison

from corpus_tools.plots import comparison  # noqa: E402

# ТАСС: губернатор 40, мэр 5, закон 5 (50 terms); РИА: губернатор 2, мэр 5, суд 40, закон 3 (50 terms)
COMPARED = pd.DataFrame(
    {
        # two documents a side: keyness's evidence floors need a term in two documents
        "doc_id": ["t1"] * 25 + ["t2"] * 25 + ["r1"] * 25 + ["r2"] * 25,
        "source": ["ТАСС"] * 50 + ["РИА"] * 50,
        "term": ["губернатор"] * 40 + ["мэр"] * 5 + ["закон"] * 5 + ["губернатор"] * 2 + ["мэр"] * 5 + ["суд"] * 40 + ["закон"] * 3,
    }
)


def test_comparison_places_terms_at_their_relative_frequencies():
    ax = comparison(COMPARED, "ТАСС", "РИА", title="ТАСС и РИА 🔥")
    _draw_without_warnings(ax)
    offsets = [np.asarray(c.get_offsets()).tolist() for c in ax.collections[:3]]
    # per 10,000 terms; суд is absent from ТАСС: drawn at 0.5 / 50
    assert sorted(map(tuple, offsets[1])) == [(8000.0, 400.0)]  # губернатор, key in ТАСС
    assert sorted(map(tuple, offsets[2])) == [(100.0, 8000.0)]  # суд, key in РИА
    assert sorted(map(tuple, offsets[0])) == [(1000.0, 600.0), (1000.0, 1000.0)]  # закон, мэр
    assert (ax.get_xscale(), ax.get_yscale()) == ("log", "log")
    assert ax.get_xlabel() == "ТАСС: per 10,000 terms" and ax.get_ylabel() == "РИА: per 10,000 terms"
    assert [t.get_text() for t in ax.texts] == ["губернатор", "суд"]
    assert ax.get_title() == "ТАСС и РИА"


def test_comparison_labels_the_key_terms_of_the_keyness_table():
    import corpus_tools as ct

    rng = np.random.default_rng(0)
    vocabulary = [f"слово{i:02d}" for i in range(60)]
    weights_a = rng.dirichlet(np.ones(60))
    weights_b = rng.dirichlet(np.ones(60))
    units = pd.DataFrame(
        {
            "doc_id": ["a"] * 3000 + ["b"] * 3000,
            "source": ["ТАСС"] * 3000 + ["РИА"] * 3000,
            "term": np.r_[rng.choice(vocabulary, 3000, p=weights_a), rng.choice(vocabulary, 3000, p=weights_b)],
        }
    )
    ax = comparison(units, "ТАСС", "РИА", top=5)
    key = ct.keyness(units, by="source", target="ТАСС", reference="РИА", negative=True)
    significant = key[key.p_adj < 0.05]
    expected = significant[significant.log_ratio > 0].term.head(5).tolist() + significant[significant.log_ratio < 0].term.head(5).tolist()
    assert [t.get_text() for t in ax.texts] == expected
    assert len(ax.collections[1].get_offsets()) == (significant.log_ratio > 0).sum()
    assert len(ax.collections[2].get_offsets()) == (significant.log_ratio < 0).sum()
    _assert_labels_apart(ax)


def test_comparison_against_all_other_outlets():
    units = pd.concat([COMPARED, COMPARED.assign(source="Фокус", doc_id="f1")])
    ax = comparison(units, "ТАСС")
    assert ax.get_ylabel() == "all other outlets: per 10,000 terms"
    assert ax.get_title() == "ТАСС vs all other outlets"


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (("ТАСС", "ТАСС"), {}, "both 'ТАСС'"),
        (("ТАСС", "Медуза"), {}, r"reference \['Медуза'\] not among"),
        (("ТАСС", "РИА"), {"top": 0}, "top = 0"),
        (("ТАСС", "РИА"), {"alpha": 2}, "alpha = 2"),
    ],
)
def test_comparison_rejects_bad_input(args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        comparison(COMPARED, *args, **kwargs)


# --- determinism and the shared sample


def _new_plots():
    docs = DISPERSION_DOCS
    return {
        "frames": lambda: frames(SCORES).canvas.figure,
        "timeline": lambda: timeline_plot(WEEKLY, top=5).figure,
        "dispersion": lambda: dispersion(DISPERSION_TOKENS, ["путин", "мир"], docs=docs).figure,
        "comparison": lambda: comparison(COMPARED, "ТАСС", "РИА").figure,
        "heatmap": lambda: heatmap(MANY, index="actor", columns="source", values="mentions", top=(4, 6)).figure,
    }


@pytest.mark.parametrize("name", sorted(_new_plots()))
def test_new_plots_are_the_same_on_every_run(name):
    draw = _new_plots()[name]
    np.testing.assert_array_equal(_pixels(draw()), _pixels(draw()))


def test_ru_news_mix_sample_plots(shared):
    import corpus_tools as ct

    docs, tokens = ct.load(shared("data/corpora/ru_news_mix/sample"))
    source = tokens.doc_id.map(docs.set_index("doc_id").source)
    units = ct.terms(tokens.assign(source=source))
    outlets = docs.source.nunique()
    assert outlets >= 30
    with warnings.catch_warnings():
        # real Telegram text is full of emoji: any missing glyph warning fails here
        warnings.simplefilter("error")
        mentions = ct.find_actors(tokens).assign(source=lambda m: m.doc_id.map(docs.set_index("doc_id").source))
        counts = mentions.groupby(["actor", "source"]).size().rename("mentions").reset_index()
        ax = heatmap(counts, index="actor", columns="source", values="mentions", fmt=".0f", top=(12, 20))
        ax.figure.canvas.draw()
        columns = [t.get_text() for t in ax.get_xticklabels()]
        assert len(columns) == 21 and columns[-1] == f"other ({counts.source.nunique() - 20} outlets)"

        key = ct.keyness(units, by="source")
        largest = units.groupby("source").size().sort_values(ascending=False, kind="mergesort").index
        ax = keyness(key, group=largest[0], top=10)
        ax.figure.canvas.draw()
        assert ax.get_title() == f"{largest[0]} vs all other outlets"

        scores = ct.frame_scores(tokens, by="source", docs=docs, n_boot=100, seed=0)
        fig = frames(scores, top=20)
        fig.canvas.draw()
        assert fig.axes[0].get_yticklabels()[-1].get_text() == f"other ({outlets - 20} outlets)"
        drawn = sum(len(ax.collections[1].get_segments()) for ax in fig.axes if ax.get_visible())
        assert 0 < drawn <= scores.ci_low.notna().sum()

        table = ct.timeline(mentions, docs, by="source", freq="month", terms=["Путин"])
        ax = timeline_plot(table, top=6)
        ax.figure.canvas.draw()
        assert len(ax.lines) == 7

        top_terms = ct.frequency(units).term.head(5).tolist()
        ax = dispersion(units, top_terms, docs=docs)
        ax.figure.canvas.draw()
        assert sum(len(line.get_xdata()) for line in ax.lines) == units.term.isin(top_terms).sum()
        assert len(ax.collections[0].get_segments()) == units.source.nunique() - 1

        ax = comparison(units, largest[0], largest[1])
        _assert_labels_apart(ax)
        assert 0 < len(ax.texts) <= 20

        pairs = ct.cooccurrence(tokens, window=5, min_count=2)
        ax = network(ct.network(pairs, measure="log_dice", top=40), seed=0)
        _assert_labels_apart(ax)


def test_comparison_among_120_outlets():
    # outlet k uses "общее" 10 times and its own term k + 1 times
    # two documents per outlet (keyness's evidence floors need two)
    rows = [
        (f"d{k:03d}-{i % 2}", f"outlet {k:03d}", term)
        for k in range(120)
        for i, term in enumerate(["общее"] * 10 + [f"своё{k:03d}"] * (k + 1))
    ]
    units = pd.DataFrame(rows, columns=["doc_id", "source", "term"])
    ax = comparison(units, "outlet 119", "outlet 118", top=3)
    offsets = {tuple(p) for c in ax.collections[:3] for p in np.asarray(c.get_offsets()).tolist()}
    assert (10 / 130 * 10_000, 10 / 129 * 10_000) in offsets  # "общее" on both axes
    assert [t.get_text() for t in ax.texts] == ["своё119", "своё118"]
    rest = comparison(units, "outlet 119", top=3)
    assert rest.get_ylabel() == "all other outlets: per 10,000 terms"


def test_network_of_120_nodes_keeps_labels_apart():
    # only the 50 most frequent labels are moved (adjustText is quadratic; timings in
    # benchmarks/plots.py), the others stay on their node or are hidden
    graph = nx.barabasi_albert_graph(120, 2, seed=0)
    graph = nx.relabel_nodes(graph, {i: f"слово{i}" for i in graph.nodes})
    nx.set_node_attributes(graph, {node: degree for node, degree in graph.degree}, "frequency")
    ax = network(graph, seed=0)
    _assert_labels_apart(ax)
    visible = [t for t in ax.texts if t.get_visible()]
    assert len(ax.texts) == 120 and len(visible) >= 40
    hub = min(graph.degree, key=lambda pair: (-pair[1], pair[0]))[0]
    assert ax.texts[0].get_text() == hub and ax.texts[0].get_visible()


def test_heatmap_puts_a_rest_grouped_beforehand_last():
    # as notebook 03 does: corpus_tools.lump names the rest before counting
    table = pd.DataFrame(
        {"source": ["other (3 sources)", "Фокус", "EADaily"], "actor": ["Путин"] * 3, "n": [5, 1, 2]}
    )
    ax = heatmap(table, index="actor", columns="source", values="n")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["EADaily", "Фокус", "other (3 sources)"]
