"""Tests for corpus_tools.plots: Axes in and out, table order, Cyrillic text, seeded word clouds."""

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

from corpus_tools.plots import bar, cyrillic_font_path, wordcloud  # noqa: E402

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
