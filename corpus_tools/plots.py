"""Charts for the notebooks and reports: bar charts, keyness, Zipf curves, seeded word clouds,
networks, heatmaps, frame rates with bootstrap intervals (:func:`frames`), timelines
(:func:`timeline`), dispersion x-rays (:func:`dispersion`) and two-outlet comparisons
(:func:`comparison`).

Every function draws on the ``ax`` it is given (or on a new figure when ``ax`` is None) and
returns that Axes; grids of panels (:func:`wordclouds`) take a ``fig`` and return the Figure.
Nothing here calls ``plt.show()`` or changes global matplotlib/seaborn style.
Russian labels rely on DejaVu Sans, which ships with matplotlib and covers Cyrillic; characters
it has no glyph for (emoji, pictographs) are dropped from labels (:func:`label`) instead of being
drawn as boxes. At 30–120 outlets the charts show the top N and draw the rest as one
``"other (k outlets)"`` row, wrap long labels and size new figures from the data.
"""

from __future__ import annotations

import functools
import re
import textwrap
from collections.abc import Mapping
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd

__all__ = [
    "bar", "comparison", "cyrillic_font_path", "dispersion", "frames", "heatmap", "keyness", "label", "network",
    "plot_dispersion", "plot_timeline", "timeline", "wordcloud", "wordclouds", "zipf",
]  # fmt: skip

# Columns tried, in this order, as the term column of a frequency table.
_TERM_COLUMNS = ("term", "feature", "lemma", "token", "word")

# Columns of a corpus_tools.keyness table that the keyness chart reads.
_KEYNESS_COLUMNS = ("group", "term", "log_ratio", "p_adj")


def _require_columns(table: pd.DataFrame, columns) -> None:
    """Raise KeyError naming the entries of ``columns`` (None skipped) that ``table`` lacks."""
    missing = [c for c in columns if c is not None and c not in table.columns]
    if missing:
        raise KeyError(f"columns {missing} not in the table; available: {list(table.columns)}")


def _check_positive_int(name: str, value, *, allow_none: bool = False) -> None:
    """Raise ValueError unless ``value`` is a positive int (or None when ``allow_none``)."""
    if value is None and allow_none:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        hint = "a positive integer or None" if allow_none else "a positive integer"
        raise ValueError(f"{name} = {value!r} is invalid; use {hint}")


# Plural nouns for "other (k ...)" and "all other ..." labels, by the column that holds the names.
_NOUNS = {
    "source": "outlets", "outlet": "outlets", "group": "groups", "platform": "platforms",
    "actor": "actors", "frame": "frames", "term": "terms", "lemma": "terms", "author": "authors",
}  # fmt: skip

# Wrap tick labels longer than this many characters onto several lines.
WRAP = 22

# A character asked to look like an emoji (followed by VS16, as in "▫️" or "❤️"): the font's
# text glyph would be a different picture, so it goes too.
_EMOJI_PRESENTATION = re.compile(".\ufe0f")
# Characters that are never drawn but must not count as missing glyphs.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufe00-\ufe0f\U000e0000-\U000e007f]")


def _noun(column) -> str:
    """The plural noun naming the values of ``column`` ("source" -> "outlets")."""
    return _NOUNS.get(str(column), f"{column} values")


def _other(count: int, column) -> str:
    """The label of the row or column that stands for ``count`` values left out."""
    return f"other ({count} {_noun(column)})"


@functools.lru_cache(maxsize=4)
def _glyphs(path: str) -> frozenset[int]:
    """The code points that the font at ``path`` has glyphs for."""
    from matplotlib import ft2font

    return frozenset(ft2font.FT2Font(path).get_charmap())


def label(value, *, width: int | None = WRAP) -> str:
    """Return ``value`` as text that the Cyrillic font can draw, wrapped onto lines of ``width``.

    Characters without a glyph in DejaVu Sans (emoji, most pictographs, variation selectors)
    and characters written as emoji (followed by the emoji variation selector, as in «▫️»)
    are dropped, so matplotlib neither draws boxes nor warns about missing glyphs; runs of
    spaces left behind collapse to one. A label that consisted only of such characters becomes
    ``"?"``. Long labels are wrapped at spaces (a single long word is not broken).

    Parameters
    ----------
    value : object
        The label; converted with ``str``.
    width : int or None, default 22
        Maximum line length in characters; None keeps one line.

    Returns
    -------
    str

    Examples
    --------
    >>> label("Срочно 🔥 новости")
    'Срочно новости'
    >>> label("Министерство иностранных дел России")
    'Министерство\\nиностранных дел России'
    """
    glyphs = _glyphs(cyrillic_font_path())
    text = _INVISIBLE.sub("", _EMOJI_PRESENTATION.sub("", str(value)))
    kept = "".join(c for c in text if ord(c) in glyphs or c in "\n\t")
    if kept != str(value):
        kept = re.sub(r"[ \t]{2,}", " ", kept).strip()
    if not kept.strip():
        return "?" if str(value).strip() else str(value)
    if width is None or len(kept) <= width:
        return kept
    return "\n".join(textwrap.fill(line, width, break_long_words=False) for line in kept.split("\n"))


def _short(value, limit: int = 30) -> str:
    """A one-line :func:`label` cut to ``limit`` characters with "…", for rows too close to wrap."""
    text = label(value, width=None).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _top_labels(weights: pd.Series, top: int | None) -> tuple[list, list]:
    """Split the index of ``weights`` into the ``top`` largest (ties by label) and the rest.

    A rest of one is kept: "other (1 outlets)" would hide a name and save no room.
    """
    order = sorted(weights.index, key=lambda name: (-float(weights[name]), str(name)))
    if top is None or len(order) <= top + 1:
        return order, []
    return order[:top], order[top:]


def _last_other(names) -> list:
    """Sort labels by name, with the "other (k ...)" label of a grouped rest last."""
    return sorted(names, key=lambda name: (str(name).startswith("other ("), str(name)))


def _fold(grid: pd.DataFrame, top: int | None, column, agg: str) -> pd.DataFrame:
    """Keep the ``top`` rows of ``grid`` with the largest sums (sorted by label) and replace the
    others by one row ``"other (k ...)"`` holding their ``agg`` ("sum" or "mean")."""
    kept, rest = _top_labels(grid.sum(axis=1), top)
    folded = grid.loc[_last_other(kept)]
    if rest:
        other = grid.loc[rest].sum() if agg == "sum" else grid.loc[rest].mean()
        folded = pd.concat([folded, other.to_frame(_other(len(rest), column)).T])
    return folded


def cyrillic_font_path() -> str:
    """Return the path of a TrueType font with Cyrillic glyphs that ships with matplotlib.

    The font is DejaVu Sans from matplotlib's own data folder, so the result does not depend
    on the fonts installed on the machine (and word clouds look the same everywhere).

    Returns
    -------
    str
        Absolute path of ``DejaVuSans.ttf``.

    Raises
    ------
    FileNotFoundError
        If the matplotlib installation lacks the font (a broken or trimmed install).

    Examples
    --------
    >>> cyrillic_font_path().endswith("DejaVuSans.ttf")
    True
    """
    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} not found; reinstall matplotlib, which ships DejaVu Sans (a Cyrillic font)"
        )
    return str(path)


def bar(
    table: pd.DataFrame,
    *,
    x: str,
    y: str,
    hue: str | None = None,
    ax=None,
    title: str | None = None,
    top: int | None = None,
):
    """Draw a horizontal bar chart of a tidy table, bars in table order, and return the Axes.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per bar (per ``y`` value, or per ``y`` and ``hue`` pair). It is not modified
        and not re-sorted: sort it first (e.g. by frequency, then by term) to get a ranking.
    x : str
        Column with the bar lengths (e.g. ``"frequency"``).
    y : str
        Column with the bar labels (e.g. ``"lemma"``); the first row's label is at the top.
    hue : str, optional
        Column splitting each label into coloured bars (e.g. ``"group"``), with a legend.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure is created when omitted.
    title : str, optional
        Axes title.
    top : int, optional
        Keep only the first ``top`` distinct ``y`` labels (all their ``hue`` rows).

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    KeyError
        If ``x``, ``y`` or ``hue`` is not a column of ``table``.
    ValueError
        If ``top`` is not a positive integer.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"lemma": ["россия", "город", "мэр"], "frequency": [12, 7, 3]})
    >>> ax = bar(table, x="frequency", y="lemma", title="Частые леммы")
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['россия', 'город', 'мэр']
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    _require_columns(table, (x, y, hue))
    _check_positive_int("top", top, allow_none=True)

    # emoji and other glyphs the font lacks are dropped from the labels (see label)
    labels = table[y].map(label)
    order = list(dict.fromkeys(labels))
    if top is not None:
        order = order[:top]
    data = table.assign(**{y: labels})
    data = data[data[y].isin(order)]
    if ax is None:
        _, ax = plt.subplots(figsize=(6, max(2.0, 0.3 * len(order) + 1)))
    hue_order = list(dict.fromkeys(data[hue])) if hue is not None else None
    sns.barplot(
        data=data,
        x=x,
        y=y,
        hue=hue,
        order=order,
        hue_order=hue_order,
        orient="h",
        errorbar=None,
        ax=ax,
    )
    if title is not None:
        ax.set_title(title)
    return ax


def _positive_frequencies(frequencies) -> dict[str, float]:
    """Turn a dict, Series or DataFrame of term frequencies into ``{term: frequency > 0}``."""
    if isinstance(frequencies, pd.DataFrame):
        if "frequency" not in frequencies.columns:
            raise ValueError(
                f"a frequency table needs a 'frequency' column; got {list(frequencies.columns)}"
            )
        term = next((c for c in _TERM_COLUMNS if c in frequencies.columns), None)
        if term is None:
            raise ValueError(
                f"a frequency table needs a term column, one of {list(_TERM_COLUMNS)}; "
                f"got {list(frequencies.columns)}"
            )
        series = frequencies.set_index(term)["frequency"]
    elif isinstance(frequencies, pd.Series):
        series = frequencies
    elif isinstance(frequencies, Mapping):
        series = pd.Series(dict(frequencies), dtype="float64")
    else:
        raise TypeError(
            "frequencies must be a dict, a Series (term -> count) or a DataFrame with a term "
            f"column and 'frequency'; got {type(frequencies).__name__}"
        )
    values = pd.to_numeric(series, errors="coerce")
    values.index = values.index.astype(str)
    # the same term listed twice (e.g. several groups) counts once with the summed frequency
    values = values.groupby(level=0, sort=False).sum()
    values = values[values > 0]
    return {term: float(value) for term, value in values.items()}


def wordcloud(
    frequencies,
    *,
    ax=None,
    seed: int = 0,
    max_words: int = 100,
    width: int = 800,
    height: int = 400,
    font_path: str | None = None,
    title: str | None = None,
):
    """Draw a seeded word cloud of precomputed term frequencies and return the Axes.

    The same input and ``seed`` give the same picture on every run. Words are drawn as given:
    no tokenizing, stop-word filtering, plural merging or collocation detection happens here.

    Parameters
    ----------
    frequencies : dict, pandas.Series or pandas.DataFrame
        Term to count (a dict or a Series indexed by term), or a table with a ``frequency``
        column and a term column (the first of ``term``, ``feature``, ``lemma``, ``token``,
        ``word``). Repeated terms are summed; zero, negative and missing counts are dropped.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure is created when omitted.
    seed : int, default 0
        Seed for word placement and colours.
    max_words : int, default 100
        Draw at most this many of the most frequent terms.
    width, height : int, default 800, 400
        Size of the rendered image in pixels.
    font_path : str, optional
        TrueType font for the words; defaults to :func:`cyrillic_font_path`.
    title : str, optional
        Axes title.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes, holding the cloud as an image with the axis turned off.

    Raises
    ------
    ValueError
        If no term has a positive frequency, or a table lacks the needed columns.

    Examples
    --------
    >>> ax = wordcloud({"москва": 10, "мэр": 4, "выборы": 2}, width=200, height=100)
    >>> ax.images[0].get_array().shape
    (100, 200, 3)
    """
    import matplotlib.pyplot as plt
    from wordcloud import WordCloud

    counts = _positive_frequencies(frequencies)
    if not counts:
        raise ValueError(
            "the word cloud needs at least one term with a positive frequency; got none"
        )
    cloud = WordCloud(
        font_path=font_path or cyrillic_font_path(),
        width=width,
        height=height,
        max_words=max_words,
        random_state=seed,
        collocations=False,
        stopwords=set(),
        normalize_plurals=False,
        background_color="white",
    ).generate_from_frequencies(counts)
    if ax is None:
        _, ax = plt.subplots(figsize=(width / 100, height / 100))
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    if title is not None:
        ax.set_title(title)
    return ax


def _keyness_rows(table: pd.DataFrame, group) -> tuple[object, pd.DataFrame]:
    """Pick the rows of one comparison from a keyness table; return ``(group, rows)``."""
    _require_columns(table, _KEYNESS_COLUMNS)
    if table.empty:
        raise ValueError("the keyness table has no rows; nothing to plot")
    available = list(dict.fromkeys(table["group"]))
    if group is None:
        if len(available) > 1:
            raise ValueError(
                f"the keyness table holds {len(available)} comparisons; choose one with "
                f"group=..., one of {available}"
            )
        group = available[0]
    elif group not in available:
        raise ValueError(
            f"group = {group!r} is not in the keyness table; available groups: {available}"
        )
    return group, table[table["group"] == group]


def _record(table: pd.DataFrame) -> dict:
    """The provenance record a corpus_tools function attached to ``table`` ({} when none)."""
    record = table.attrs.get("provenance") if isinstance(table.attrs, dict) else None
    return record if isinstance(record, dict) else {}


def _grouped_by(table: pd.DataFrame) -> str:
    """The ``by`` column a corpus_tools table was grouped by ("source", their default), or
    "group" for a table without a provenance record."""
    record = _record(table)
    if not record:
        return "group"
    return str((record.get("options") or {}).get("by") or "source")


def _reference_name(table: pd.DataFrame, group) -> str:
    """Name the reference corpus of a keyness table's comparison for ``group``.

    Read from the options :func:`corpus_tools.keyness` recorded in ``attrs["provenance"]``:
    no ``reference`` means every other group (``"all other outlets"`` when grouped by source),
    else the named groups (the first three, then how many more). "rest" without a record.
    """
    record = _record(table)
    if not str(record.get("function", "")).endswith("keyness"):
        return "rest"
    by = _grouped_by(table)
    reference = (record.get("options") or {}).get("reference")
    if reference is None:
        return f"all other {_noun(by)}"
    names = [reference] if isinstance(reference, str) else [str(name) for name in reference]
    names = [name for name in names if name != str(group)]
    if len(names) <= 3:
        return ", ".join(names)
    return f"{', '.join(names[:3])} and {len(names) - 3} other {_noun(by)}"


def keyness(
    table: pd.DataFrame,
    *,
    group=None,
    top: int = 15,
    ax=None,
    alpha: float = 0.05,
    title: str | None = None,
    label_reference: str | None = None,
):
    """Draw the log ratios of the key terms of one comparison as horizontal bars; return the Axes.

    Over-represented terms (``log_ratio > 0``) point right and sit at the top, the most
    significant first; under-represented terms (``log_ratio < 0``) point left and sit below,
    the most significant last, so the strongest terms are at both ends. A vertical line marks 0.
    Bars of terms with ``p_adj < alpha`` are filled; the others are light and hatched.

    Parameters
    ----------
    table : pandas.DataFrame
        The output of :func:`corpus_tools.keyness`: one row per ``group`` and ``term``, read
        here through ``group``, ``term``, ``log_ratio`` (binary log of the ratio of relative
        frequencies, target vs reference; must be finite) and ``p_adj`` (Benjamini–Hochberg
        adjusted p-value). Within a group, rows are taken as ranked by significance: the table
        order decides which terms count as the "most significant". It is not modified.
    group : optional
        The comparison (a ``group`` value) to draw; needed only when the table holds several.
    top : int, default 15
        Draw at most this many over-represented and this many under-represented terms.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure is created when omitted.
    alpha : float, default 0.05
        Significance level for ``p_adj``; a missing ``p_adj`` counts as not significant.
    title : str, optional
        Axes title; defaults to ``f"{group} vs {label_reference}"``.
    label_reference : str, optional
        Name of the reference corpus in the default title and the x label. By default it is
        read from the options :func:`corpus_tools.keyness` recorded with the table
        (``attrs["provenance"]``): ``"all other outlets"`` for a one-vs-rest comparison by
        source (``"all other groups"``, … for another ``by``), or the names of the reference
        groups; ``"rest"`` for a table without that record.

    Returns
    -------
    matplotlib.axes.Axes
        Bars in ``ax.patches``, top to bottom; terms as y tick labels.

    Raises
    ------
    KeyError
        If a needed column is missing.
    ValueError
        If the table is empty, ``group`` is missing or unknown (the message lists the groups),
        the chosen group has no term with a non-zero log ratio, a log ratio is infinite,
        ``top`` is not a positive integer or ``alpha`` is outside (0, 1].

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({
    ...     "group": "ТАСС", "term": ["губернатор", "мэр", "суд", "погода"],
    ...     "log_ratio": [2.5, 1.2, -1.8, -0.4], "p_adj": [0.001, 0.2, 0.01, 0.6]})
    >>> ax = keyness(table)
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['губернатор', 'мэр', 'погода', 'суд']
    >>> [float(bar.get_width()) for bar in ax.patches]
    [2.5, 1.2, -0.4, -1.8]
    >>> ax.get_title()
    'ТАСС vs rest'
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import to_rgba
    from matplotlib.patches import Patch

    _check_positive_int("top", top)
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float)) or not 0 < alpha <= 1:
        raise ValueError(f"alpha = {alpha!r} is invalid; use a number in (0, 1], e.g. 0.05")
    group, rows = _keyness_rows(table, group)
    log_ratio = pd.to_numeric(rows["log_ratio"], errors="coerce")
    infinite = rows.loc[np.isinf(log_ratio), "term"].tolist()
    if infinite:
        raise ValueError(
            f"log_ratio is infinite for {infinite[:5]}; smooth zero counts before plotting "
            "(corpus_tools.keyness adds 0.5 to them)"
        )
    over = rows[log_ratio > 0].head(top)
    # the most significant under-represented term goes to the bottom
    under = rows[log_ratio < 0].head(top).iloc[::-1]
    shown = pd.concat([over, under])
    if shown.empty:
        raise ValueError(f"group {group!r} has no term with a non-zero log ratio; nothing to plot")

    widths = pd.to_numeric(shown["log_ratio"]).to_numpy(dtype=float)
    significant = (pd.to_numeric(shown["p_adj"], errors="coerce") < alpha).to_numpy()
    if ax is None:
        # constrained layout keeps long terms and the legend above the bars inside the figure
        _, ax = plt.subplots(figsize=(7, max(2.5, 0.3 * len(shown) + 1.5)), layout="constrained")
    positions = np.arange(len(shown))
    for y, width, is_significant in zip(positions, widths, significant):
        color = "C0" if width > 0 else "C3"
        if is_significant:
            ax.barh(y, width, color=color, edgecolor=color)
        else:
            ax.barh(y, width, facecolor=to_rgba(color, 0.25), edgecolor=color, hatch="///")
    reference = label_reference if label_reference is not None else _reference_name(table, group)
    ax.set_yticks(positions, labels=[label(term) for term in shown["term"]])
    ax.set_ylim(len(shown) - 0.5, -0.5)  # first row at the top
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel(
        label(f"Log ratio (binary log of relative frequencies, {group} vs {reference})", width=70)
    )
    grey = "0.35"
    ax.legend(
        handles=[
            Patch(facecolor=grey, edgecolor=grey, label=f"p_adj < {alpha:g} (Benjamini–Hochberg)"),
            Patch(
                facecolor=to_rgba(grey, 0.25), edgecolor=grey, hatch="///", label="not significant"
            ),
        ],
        # above the axes, in one row: inside, it would cover the longest bars
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=2,
        frameon=False,
    )
    ax.set_title(title if title is not None else label(f"{group} vs {reference}", width=60), pad=24)
    return ax


def zipf(
    freq: pd.DataFrame,
    *,
    ax=None,
    by_group: bool = True,
    reference: bool = True,
    title: str | None = None,
):
    """Draw frequency against rank on log-log axes, one series per group, and return the Axes.

    Within each series the frequencies are sorted in decreasing order and drawn at positions
    1, 2, ..., n. The table's ``rank`` column is not used as x: tied terms share a rank there,
    which would stack points on one x value, while positions keep the curve strictly ordered
    (and monotone non-increasing). Zero and missing frequencies are dropped (log axes).

    Parameters
    ----------
    freq : pandas.DataFrame
        The output of :func:`corpus_tools.frequency`: ``group``, ``term``, ``frequency`` (and
        ``rank``, unused). Without a ``group`` column the table is one series. Not modified.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure is created when omitted.
    by_group : bool, default True
        One series per group (sorted group names, with a legend). False sums each term's
        frequency over the groups and draws a single curve for the whole table.
    reference : bool, default True
        Also draw the dashed line of Zipf's law, f = f1 / r (slope -1 on log-log axes), through
        the first point (the highest first frequency when there are several series).
    title : str, optional
        Axes title.

    Returns
    -------
    matplotlib.axes.Axes
        Series in ``ax.lines`` in group order, then the reference line (label
        ``"Zipf: f ∝ 1/r"``).

    Raises
    ------
    KeyError
        If ``frequency`` (or, with ``by_group=False`` and a ``group`` column, ``term``) is missing.
    ValueError
        If no frequency is positive.

    Examples
    --------
    >>> import pandas as pd
    >>> freq = pd.DataFrame({"group": "все", "term": ["и", "мэр", "город", "суд"],
    ...                      "frequency": [10, 5, 5, 2], "rank": [1, 2, 2, 4]})
    >>> ax = zipf(freq)
    >>> ax.get_xscale(), ax.get_yscale()
    ('log', 'log')
    >>> ax.lines[0].get_xdata().tolist(), ax.lines[0].get_ydata().tolist()
    ([1, 2, 3, 4], [10.0, 5.0, 5.0, 2.0])
    """
    import matplotlib.pyplot as plt

    _require_columns(freq, ("frequency",))
    has_groups = "group" in freq.columns
    if has_groups and not by_group and freq["group"].nunique() > 1:
        _require_columns(freq, ("term",))
        pooled = freq.groupby("term", sort=True)["frequency"].sum()
        series = {"all groups": pooled}
    elif has_groups:
        series = {name: rows["frequency"] for name, rows in freq.groupby("group", sort=True)}
    else:
        series = {"all": freq["frequency"]}

    curves = {}
    for name, values in series.items():
        values = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
        values = np.sort(values[values > 0])[::-1]
        if len(values):
            curves[name] = values
    if not curves:
        raise ValueError(
            "the Zipf plot needs at least one term with a positive frequency; got none"
        )

    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4.5))
    for name, values in curves.items():
        ax.plot(
            np.arange(1, len(values) + 1),
            values,
            marker="o",
            markersize=3,
            linewidth=1,
            label=str(name),
        )
    if reference:
        first = max(values[0] for values in curves.values())
        last = max(len(values) for values in curves.values())
        ax.plot(
            [1, last],
            [first, first / last],
            linestyle="--",
            color="0.4",
            linewidth=1,
            label="Zipf: f ∝ 1/r",
        )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("Rank")
    ax.set_ylabel("Frequency")
    if len(curves) > 1 or reference:
        ax.legend()
    if title is not None:
        ax.set_title(title)
    return ax


def wordclouds(
    freq: pd.DataFrame,
    *,
    by: str = "group",
    top: int = 100,
    seed: int = 0,
    ncols: int = 3,
    width: int = 600,
    height: int = 300,
    fig=None,
    titles: bool = True,
):
    """Draw one seeded word cloud per group in a grid and return the Figure.

    Panels follow the sorted group names, row by row; grid cells left over in the last row are
    hidden. Each panel is drawn by :func:`wordcloud` with the same ``seed`` and font, so the
    same table gives the same picture on every run.

    Parameters
    ----------
    freq : pandas.DataFrame
        A frequency table such as :func:`corpus_tools.frequency` returns: a ``by`` column, a term
        column and ``frequency`` (see :func:`wordcloud`). Not modified.
    by : str, default "group"
        Column whose values get a panel each.
    top : int, default 100
        Draw at most this many of the most frequent terms in each panel.
    seed : int, default 0
        Seed for word placement and colours, used for every panel.
    ncols : int, default 3
        Panels per row (fewer when there are fewer groups).
    width, height : int, default 600, 300
        Size of each rendered cloud in pixels.
    fig : matplotlib.figure.Figure, optional
        An empty figure to draw on; a new one is created when omitted.
    titles : bool, default True
        Title each panel with its group name.

    Returns
    -------
    matplotlib.figure.Figure
        The figure; its axes are the grid cells, row by row, used ones first.

    Raises
    ------
    KeyError
        If the ``by`` column is missing.
    ValueError
        If the table is empty, a group has no positive frequency (the message names it), or
        ``top`` or ``ncols`` is not a positive integer.

    Examples
    --------
    >>> import pandas as pd
    >>> freq = pd.DataFrame({"group": ["РИА", "РИА", "ТАСС", "ТАСС"],
    ...                      "term": ["мэр", "город", "суд", "закон"], "frequency": [5, 3, 4, 2]})
    >>> fig = wordclouds(freq, width=200, height=100)
    >>> [ax.get_title() for ax in fig.axes if ax.get_visible()]
    ['РИА', 'ТАСС']
    """
    import matplotlib.pyplot as plt

    _require_columns(freq, (by,))
    _check_positive_int("top", top)
    _check_positive_int("ncols", ncols)
    if freq.empty:
        raise ValueError("the frequency table has no rows; nothing to draw")
    names = sorted(freq[by].unique())
    ncols = min(ncols, len(names))
    nrows = -(-len(names) // ncols)
    if fig is None:
        fig = plt.figure(
            figsize=(ncols * width / 100, nrows * (height / 100 + 0.4)), layout="constrained"
        )
    axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
    for name, ax in zip(names, axes):
        try:
            wordcloud(
                freq[freq[by] == name],
                ax=ax,
                seed=seed,
                max_words=top,
                width=width,
                height=height,
                title=str(name) if titles else None,
            )
        except ValueError as error:
            raise ValueError(f"{by} = {name!r}: {error}") from error
    for ax in axes[len(names):]:
        ax.set_visible(False)
    return fig


def _scale(values, low: float, high: float) -> np.ndarray:
    """Map ``values`` linearly onto [low, high]; missing or infinite values get ``low``."""
    values = np.asarray(values, dtype=float)
    finite = np.isfinite(values)
    scaled = np.full(len(values), float(low))
    if not finite.any():
        return scaled
    smallest, largest = values[finite].min(), values[finite].max()
    if largest == smallest:
        # all equal: no value is "small", so draw them all at the middle size
        scaled[finite] = (low + high) / 2
    else:
        scaled[finite] = low + (values[finite] - smallest) / (largest - smallest) * (high - low)
    return scaled


def _check_sizes(node_size) -> None:
    """Raise ValueError unless ``node_size`` is two non-negative numbers, the first not larger."""
    pair = isinstance(node_size, (tuple, list)) and len(node_size) == 2
    numbers = pair and all(
        isinstance(size, (int, float)) and not isinstance(size, bool) for size in node_size
    )
    if not numbers or not 0 <= node_size[0] <= node_size[1]:
        raise ValueError(
            f"node_size = {node_size!r} is invalid; use (smallest, largest) marker areas "
            "in points², e.g. (100, 1500)"
        )


def _number(value) -> float:
    """Return ``value`` as a float, or NaN when it is missing or not a number."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def network(
    graph,
    *,
    ax=None,
    seed: int = 0,
    label_top: int | None = None,
    node_size: tuple[float, float] = (100, 1500),
    title: str | None = None,
):
    """Draw a co-occurrence network with a seeded spring layout and return the Axes.

    Positions come from :func:`networkx.spring_layout` with ``seed``, so the same graph and seed
    give the same picture on every run. Stronger pairs (higher ``weight``) pull their terms
    closer and are drawn as wider edges (0.5 to 4 points); more frequent terms are drawn as
    larger nodes. Edges are drawn without arrows, also for a directed graph.

    Parameters
    ----------
    graph : networkx.Graph
        For example the output of :func:`corpus_tools.network.network`: nodes with a
        ``frequency``, edges with a ``weight``. A node without a numeric ``frequency`` gets
        the smallest size and an edge without a numeric ``weight`` the thinnest line.
        Not modified.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure is created when omitted.
    seed : int, default 0
        Seed of the spring layout.
    label_top : int, optional
        Label only this many of the most frequent nodes (ties by name); all when omitted.
        Labels never overlap: the 50 most frequent are moved apart (adjustText, a fixed
        number of steps, linked to their node by a thin line when moved) and any label that
        still overlaps a more frequent one is hidden (``get_visible()`` is False).
    node_size : (float, float), default (100, 1500)
        Marker areas in points² of the least and of the most frequent node; equal
        frequencies all get the middle of the range.
    title : str, optional
        Axes title.

    Returns
    -------
    matplotlib.axes.Axes
        Edges as a LineCollection in ``ax.collections[0]``, nodes as a PathCollection in
        ``ax.collections[1]`` (offsets in graph node order), labels in ``ax.texts`` (most
        frequent first, glyphs the font lacks dropped, see :func:`label`) in the Cyrillic font
        of :func:`cyrillic_font_path`; the axis is turned off.

    Raises
    ------
    ValueError
        If the graph has no nodes, ``label_top`` is not a positive integer or None, or
        ``node_size`` is not two non-negative numbers, the first not larger.

    Examples
    --------
    >>> import networkx as nx
    >>> graph = nx.Graph()
    >>> graph.add_nodes_from([("губернатор", {"frequency": 9}), ("мэр", {"frequency": 5}),
    ...                       ("выборы", {"frequency": 6})])
    >>> graph.add_edges_from([("выборы", "губернатор", {"weight": 12.8}),
    ...                       ("губернатор", "мэр", {"weight": 12.4})])
    >>> ax = network(graph, label_top=2, title="Сеть совместной встречаемости")
    >>> [text.get_text() for text in ax.texts]
    ['губернатор', 'выборы']
    >>> ax.collections[1].get_sizes().tolist()
    [1500.0, 100.0, 450.0]
    """
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib.collections import LineCollection
    from matplotlib.font_manager import FontProperties

    if graph.number_of_nodes() == 0:
        raise ValueError(
            "the graph has no nodes; nothing to draw (lower min_n or check group and measure)"
        )
    _check_positive_int("label_top", label_top, allow_none=True)
    _check_sizes(node_size)

    nodes, frequencies = zip(*graph.nodes(data="frequency"))
    frequencies = np.array([_number(value) for value in frequencies])
    sizes = _scale(frequencies, *node_size)
    edges = list(graph.edges(data="weight"))
    widths = _scale([_number(weight) for _, _, weight in edges], 0.5, 4)
    # lay out a copy with positive weights: measures such as pmi can be negative
    layout = nx.Graph()
    layout.add_nodes_from(nodes)
    layout.add_weighted_edges_from((u, v, width / 4) for (u, v, _), width in zip(edges, widths))
    positions = nx.spring_layout(layout, seed=seed, weight="weight")
    xy = np.array([positions[node] for node in nodes], dtype=float)

    # most frequent first, then by name; missing frequencies last
    ranked = sorted(
        range(len(nodes)),
        key=lambda i: (-frequencies[i] if np.isfinite(frequencies[i]) else np.inf, str(nodes[i])),
    )
    labelled = ranked if label_top is None else ranked[:label_top]

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 7))
    segments = [[positions[u], positions[v]] for u, v, _ in edges]
    ax.add_collection(LineCollection(segments, linewidths=widths, colors="0.6", zorder=1))
    ax.scatter(xy[:, 0], xy[:, 1], s=sizes, color="C0", alpha=0.8, edgecolors="white", zorder=2)
    # an explicit font file: Russian labels never depend on the installed fonts
    font_path = cyrillic_font_path()
    font = FontProperties(fname=font_path, size=9)
    texts = [
        ax.text(
            xy[i, 0],
            xy[i, 1],
            label(nodes[i], width=None),
            fontproperties=font,
            ha="center",
            va="center",
            zorder=3,
        )
        for i in labelled
    ]
    # room for the largest markers and labels at the edge of the layout
    ax.margins(0.15)
    ax.set_axis_off()
    if title is not None:
        size = matplotlib.rcParams["axes.titlesize"]
        ax.set_title(label(title, width=80), fontproperties=FontProperties(fname=font_path, size=size))
    _separate(ax, texts, xy[labelled])
    return ax


# adjustText's steps cost O(n²) in the labels: beyond this many (the most important ones),
# labels stay on their points and are only hidden where they overlap.
_ADJUSTED = 50


def _separate(ax, texts: list, xy: np.ndarray) -> None:
    """Move overlapping labels apart (adjustText, a fixed number of steps, so the result is the
    same on every run), link a moved label to its point, and hide a label that still overlaps
    one drawn before it (``texts`` come most important first)."""
    from adjustText import adjust_text

    if len(texts) < 2:
        return
    ax.figure.canvas.draw()  # the text extents depend on the final figure size
    anchors = [text.get_position() for text in texts]
    adjust_text(
        texts[:_ADJUSTED],
        x=xy[:_ADJUSTED, 0],
        y=xy[:_ADJUSTED, 1],
        ax=ax,
        iter_lim=100,
        time_lim=None,
        prevent_crossings=False,  # slow (pairwise segment tests), and hiding below ends all overlaps
        arrowprops={"arrowstyle": "-", "color": "0.5", "linewidth": 0.5},
    )
    renderer = ax.figure.canvas.get_renderer()
    shown = []
    for text, anchor in zip(texts, anchors):
        box = text.get_window_extent(renderer).expanded(1.02, 1.05)
        if any(box.overlaps(other) for other in shown):
            text.set_visible(False)
            text.set_position(anchor)
        else:
            shown.append(box)


def heatmap(
    table: pd.DataFrame,
    *,
    index: str,
    columns: str,
    values: str,
    ax=None,
    title=None,
    fmt: str = ".1f",
    cmap: str = "Blues",
    top: int | tuple[int | None, int | None] | None = 30,
    agg: str = "sum",
):
    """Draw a tidy table as a heatmap (rows ``index`` × columns ``columns``) and return the Axes.

    Missing cells show as 0. When there are more than ``top`` rows (or columns), the ones with
    the largest totals are kept and the others are drawn as one last row (column)
    ``"other (k outlets)"`` (the noun follows the column name: ``source`` → outlets, ``actor`` →
    actors, …). Kept rows and columns follow the sorted order of their labels, with a row or
    column named ``"other (…)"`` (made here or by ``corpus_tools.lump``) last, so the picture is
    the same on every run. Used for actor mentions and frame profiles by source.

    Without ``ax`` the figure is sized from the data (about 0.55 in per annotated column and
    0.35 in per row, smaller cells and no numbers beyond 40 columns or 600 cells); with a given
    ``ax`` its size is kept. Long labels are wrapped and glyphs the font lacks are dropped
    (:func:`label`).

    Parameters
    ----------
    table : pandas.DataFrame
        One row per (``index``, ``columns``) cell, or several that are combined by ``agg``.
        Not modified.
    index, columns, values : str
        Columns giving the rows, the columns and the cell values of the heatmap.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new, data-sized figure is created when omitted.
    title : str, optional
        Axes title.
    fmt : str, default ".1f"
        Format of the numbers written in the cells.
    cmap : str, default "Blues"
        Colour map.
    top : int, (int, int) or None, default 30
        Most rows and columns drawn before the rest is grouped; a pair gives rows and columns
        separately (None in it: all of them); None draws every row and column.
    agg : {"sum", "mean"}, default "sum"
        How rows of one cell and the grouped rest are combined: "sum" for counts (mentions),
        "mean" for rates (per 1,000 words, where the rest is the unweighted mean of its
        members; for a pooled rate with an interval see :func:`frames`).

    Returns
    -------
    matplotlib.axes.Axes
        Cells as ``ax.collections[0]``, numbers (when drawn) in ``ax.texts``.

    Raises
    ------
    KeyError
        If ``index``, ``columns`` or ``values`` is not a column.
    ValueError
        If the table is empty, ``top`` is not positive or ``agg`` is unknown.

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["ТАСС", "ТАСС", "РИА"], "actor": ["Путин", "Трамп", "Путин"], "n": [3, 1, 2]})
    >>> ax = heatmap(t, index="actor", columns="source", values="n")
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['Путин', 'Трамп']
    >>> t = pd.DataFrame({"source": ["ТАСС"] * 3, "actor": ["Путин", "Трамп", "Песков"], "n": [3, 1, 2]})
    >>> ax = heatmap(t, index="actor", columns="source", values="n", top=(1, None), fmt=".0f")
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['Путин', 'other (2 actors)']
    >>> [text.get_text() for text in ax.texts]
    ['3', '3']
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    _require_columns(table, [index, columns, values])
    if table.empty:
        raise ValueError("table is empty; there is nothing to draw")
    top_rows, top_columns = top if isinstance(top, tuple) else (top, top)
    _check_positive_int("top", top_rows, allow_none=True)
    _check_positive_int("top", top_columns, allow_none=True)
    if agg not in ("sum", "mean"):
        raise ValueError(f"agg = {agg!r} is invalid; use 'sum' (counts) or 'mean' (rates)")
    grid = table.pivot_table(index=index, columns=columns, values=values, aggfunc=agg, fill_value=0, observed=True)
    grid = _fold(grid, top_rows, index, agg)
    grid = _fold(grid.T, top_columns, columns, agg).T
    n_rows, n_columns = grid.shape
    annotate = n_columns <= 40 and grid.size <= 600
    if ax is None:
        longest = max(len(line) for name in grid.index for line in label(name).split("\n"))
        cell = 0.55 if annotate else 0.28
        size = (1.5 + 0.075 * longest + cell * n_columns, 1.6 + 0.35 * n_rows)
        _, ax = plt.subplots(figsize=size, layout="constrained")
    sns.heatmap(
        grid,
        annot=annotate,
        fmt=fmt,
        cmap=cmap,
        cbar=not annotate,
        linewidths=0.5 if annotate else 0,
        xticklabels=[label(name) for name in grid.columns],
        yticklabels=[label(name) for name in grid.index],
        ax=ax,
    )
    ax.set_xlabel(columns)
    ax.set_ylabel(index)
    ax.tick_params(axis="x", labelrotation=30 if n_columns <= 12 else 90)
    if n_columns <= 12:
        # slanted labels end under their column, so a long one («unknown:001_21a3…») does not
        # run into its neighbour's
        for tick in ax.get_xticklabels():
            tick.set_horizontalalignment("right")
            tick.set_rotation_mode("anchor")
    ax.tick_params(axis="y", labelrotation=0)
    if title:
        ax.set_title(title)
    return ax


def frames(
    scores: pd.DataFrame,
    *,
    top: int = 20,
    ncols: int = 4,
    fig=None,
    title: str | None = None,
):
    """Draw each frame's rate per group with its bootstrap interval, one panel per frame; return the Figure.

    Each panel shows one frame: a dot per group at ``per_1k`` (frame cues per 1,000 words) and
    a line from ``ci_low`` to ``ci_high``, the percentile bootstrap interval over the group's
    documents that :func:`corpus_tools.frame_scores` computed (seeded there by ``seed``, with
    ``n_boot`` resamples). A group without an interval (a single document, or ``n_boot=0``) is
    drawn as a hollow dot. Panels share the groups' axis, so a row reads across frames.

    With more than ``top`` groups, the ``top`` groups with the most documents are drawn and the
    others are pooled into ``"other (k outlets)"``: its rate is their hits over their words
    × 1000, and it has no interval (the resampled documents are not in the table). For an
    interval of the rest, group the documents before scoring, e.g. with ``corpus_tools.lump``:
    ``frame_scores(tokens, by="source", docs=docs.assign(source=ct.lump(docs.source,
    ct.top_groups(docs, 20), what="outlets")))``; the rest is then a group like the others.

    Parameters
    ----------
    scores : pandas.DataFrame
        The output of :func:`corpus_tools.frame_scores`: ``group``, ``frame``, ``docs``,
        ``hits``, ``tokens``, ``per_1k``, ``ci_low``, ``ci_high``. Not modified.
    top : int, default 20
        Most groups drawn before the rest is pooled.
    ncols : int, default 4
        Panels per row (fewer when there are fewer frames).
    fig : matplotlib.figure.Figure, optional
        An empty figure to draw on; a new one, sized from the number of groups, when omitted.
    title : str, optional
        Figure title.

    Returns
    -------
    matplotlib.figure.Figure
        Panels in sorted frame order (titles are the frame names), row by row, then hidden
        unused cells. In each panel the dots are ``collections[0]`` (offsets: rate, group
        position from the top) and the intervals ``collections[1]`` (one segment per group
        with an interval); the groups are the y tick labels of the first panel, sorted by
        name, the pooled rest last.

    Raises
    ------
    KeyError
        If a needed column is missing.
    ValueError
        If the table is empty or ``top`` or ``ncols`` is not a positive integer.

    Examples
    --------
    >>> scores = pd.DataFrame({"group": ["РИА", "РИА", "ТАСС", "ТАСС"], "frame": ["praise", "mediation"] * 2,
    ...     "docs": [3, 3, 5, 5], "hits": [2, 0, 6, 1], "tokens": [400, 400, 1000, 1000],
    ...     "per_1k": [5.0, 0.0, 6.0, 1.0], "ci_low": [0.0, 0.0, 2.5, 0.0], "ci_high": [9.0, 0.0, 9.5, 2.2]})
    >>> fig = frames(scores)
    >>> [ax.get_title() for ax in fig.axes if ax.get_visible()]
    ['mediation', 'praise']
    >>> [label.get_text() for label in fig.axes[0].get_yticklabels()]
    ['РИА', 'ТАСС']
    """
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection

    needed = ("group", "frame", "docs", "hits", "tokens", "per_1k", "ci_low", "ci_high")
    _require_columns(scores, needed)
    _check_positive_int("top", top)
    _check_positive_int("ncols", ncols)
    if scores.empty:
        raise ValueError("the frame scores table has no rows; nothing to draw")
    table = scores.assign(group=scores["group"].astype(str), frame=scores["frame"].astype(str))
    kept, rest = _top_labels(table.groupby("group")["docs"].max(), top)
    if rest:
        other = table[table["group"].isin(rest)]
        pooled = other.groupby("frame", as_index=False)[["docs", "hits", "tokens"]].sum()
        # the same words are counted under every frame, so each group's docs and tokens count once
        per_group = other.drop_duplicates("group")[["docs", "tokens"]].sum()
        pooled = pooled.assign(docs=int(per_group["docs"]), tokens=int(per_group["tokens"]))
        with np.errstate(divide="ignore", invalid="ignore"):
            pooled["per_1k"] = pooled["hits"] / pooled["tokens"] * 1000
        pooled = pooled.assign(group=_other(len(rest), _grouped_by(scores)), ci_low=np.nan, ci_high=np.nan)
        table = pd.concat([table[table["group"].isin(kept)], pooled], ignore_index=True)
    groups = _last_other(table["group"].unique())
    names = sorted(table["frame"].unique())
    position = {group: i for i, group in enumerate(groups)}

    ncols = min(ncols, len(names))
    nrows = -(-len(names) // ncols)
    if fig is None:
        longest = max(len(_short(group)) for group in groups)
        width = 0.08 * longest + 2.4 * ncols
        fig = plt.figure(figsize=(width, nrows * (0.8 + 0.26 * len(groups))), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False, sharey=True).ravel()
    for name, ax in zip(names, axes):
        rows = table[table["frame"] == name]
        y = rows["group"].map(position).to_numpy(dtype=float)
        rate = pd.to_numeric(rows["per_1k"], errors="coerce").to_numpy(dtype=float)
        low = pd.to_numeric(rows["ci_low"], errors="coerce").to_numpy(dtype=float)
        high = pd.to_numeric(rows["ci_high"], errors="coerce").to_numpy(dtype=float)
        has_ci = np.isfinite(low) & np.isfinite(high)
        ax.scatter(rate, y, s=22, zorder=3, facecolors=np.where(has_ci, "C0", "white").tolist(), edgecolors="C0")
        segments = [[(lo, yy), (hi, yy)] for lo, hi, yy in zip(low[has_ci], high[has_ci], y[has_ci])]
        ax.add_collection(LineCollection(segments, colors="C0", linewidths=1.5, zorder=2))
        ax.set_title(label(name, width=30))
        ax.set_xlim(left=0)
        ax.autoscale_view()
        ax.grid(axis="x", color="0.9")
        ax.set_xlabel("per 1,000 words")
    axes[0].set_yticks(range(len(groups)), labels=[_short(group) for group in groups])
    axes[0].set_ylim(len(groups) - 0.5, -0.5)  # first group at the top
    for ax in axes[len(names):]:
        ax.set_visible(False)
    if title is not None:
        fig.suptitle(label(title, width=80))
    return fig


_TIMELINE_LABELS = {"count": "Occurrences", "docs": "Documents", "share": "Share of the period's documents"}


def timeline(
    table: pd.DataFrame,
    *,
    value: str = "share",
    top: int = 8,
    ax=None,
    title: str | None = None,
):
    """Draw a timeline table as one line per group over the periods; return the Axes.

    The groups with the largest total ``count`` are drawn (in that order, ties by name) and the
    others pooled into a grey dashed ``"other (k outlets)"`` line: for groups of documents
    (outlets) their counts and documents are added and the share recomputed from the pooled
    documents; for groups of rows (actors, frames, terms) only counts can be pooled, so for
    ``docs`` and ``share`` the rest is left out (the legend says how many are drawn). A period
    without documents breaks the line (its share is undefined) instead of being bridged.

    Parameters
    ----------
    table : pandas.DataFrame
        The output of :func:`corpus_tools.timeline`: ``period``, ``group``, ``count``,
        ``docs``, ``total_docs``, ``share``. Not modified.
    value : {"share", "count", "docs"}, default "share"
        What the y axis shows: the share of the period's documents (of the outlet, for
        outlets) with an occurrence, the number of occurrences, or of documents with one.
        Shares correct for how much each outlet published, counts do not.
    top : int, default 8
        Most groups drawn as their own line.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure, wider for more periods, is created when omitted.
    title : str, optional
        Axes title.

    Returns
    -------
    matplotlib.axes.Axes
        One line per drawn group in ``ax.lines`` (x: period starts, y: ``value``), the pooled
        rest last; the legend names them.

    Raises
    ------
    KeyError
        If a needed column is missing.
    ValueError
        If the table is empty, ``value`` is unknown or ``top`` is not a positive integer.

    Examples
    --------
    >>> table = pd.DataFrame({"period": pd.to_datetime(["2024-03-04", "2024-03-04", "2024-03-11", "2024-03-11"]),
    ...     "group": ["РИА", "ТАСС"] * 2, "count": [1, 4, 0, 2], "docs": [1, 2, 0, 1],
    ...     "total_docs": [2, 4, 1, 2], "share": [0.5, 0.5, 0.0, 0.5]})
    >>> ax = timeline(table, value="count")
    >>> [line.get_label() for line in ax.lines], ax.lines[0].get_ydata().tolist()
    (['ТАСС', 'РИА'], [4, 2])
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.ticker import PercentFormatter

    _require_columns(table, ("period", "group", "count", "docs", "total_docs", "share"))
    _check_positive_int("top", top)
    if value not in _TIMELINE_LABELS:
        raise ValueError(f"value = {value!r} is invalid; use one of {list(_TIMELINE_LABELS)}")
    if table.empty:
        raise ValueError("the timeline table has no rows; nothing to draw")
    settings = table.attrs.get("timeline") or {}
    data = table.assign(group=table["group"].astype(str), period=pd.to_datetime(table["period"]))
    kept, rest = _top_labels(data.groupby("group")["count"].sum(), top)
    series = {name: data[data["group"] == name].sort_values("period") for name in kept}
    noun = settings.get("by") or "group"
    pooled = None
    if rest and (settings.get("groups", "documents") == "documents" or value == "count"):
        others = data[data["group"].isin(rest)]
        pooled = others.groupby("period", as_index=False)[["count", "docs", "total_docs"]].sum()
        with np.errstate(divide="ignore", invalid="ignore"):
            pooled["share"] = np.where(pooled["total_docs"] > 0, pooled["docs"] / pooled["total_docs"], np.nan)

    n_periods = data["period"].nunique()
    if ax is None:
        width = min(14.0, max(6.0, 4 + 0.1 * n_periods)) + 2.5
        _, ax = plt.subplots(figsize=(width, 4.5), layout="constrained")
    marker = "o" if n_periods <= 60 else None
    for name, rows in series.items():
        ax.plot(rows["period"], rows[value], marker=marker, markersize=3, linewidth=1.2, label=label(name, width=None))
    if pooled is not None:
        ax.plot(
            pooled["period"], pooled[value], color="0.5", linestyle="--", marker=marker, markersize=3,
            linewidth=1.2, label=_other(len(rest), noun),
        )  # fmt: skip
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_ylabel(_TIMELINE_LABELS[value])
    ax.set_xlabel(f"{settings['freq'].capitalize()} of publication" if settings.get("freq") else "Period")
    if value == "share":
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", color="0.9")
    shown = f"top {len(kept)} of {len(kept) + len(rest)}" if rest and pooled is None else None
    ax.legend(title=shown, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize="small")
    if title is not None:
        ax.set_title(label(title, width=80))
    return ax


# the names issue 16 gives these charts
plot_timeline = timeline


def _corpus_order(rows: pd.DataFrame, docs: pd.DataFrame | None, by: str | None) -> tuple[np.ndarray, pd.DataFrame]:
    """Lay the documents of ``rows`` end to end; return each row's word position and the
    documents in order with their ``group``, ``start`` and ``stop`` positions."""
    codes, doc_ids = pd.factorize(rows["doc_id"])
    order = pd.DataFrame({"doc_id": doc_ids, "code": np.arange(len(doc_ids))})
    meta = docs.drop_duplicates("doc_id").set_index("doc_id") if docs is not None else pd.DataFrame()
    if by is None:
        order["group"] = ""
    elif by in rows.columns:
        order["group"] = rows[by].astype(str).to_numpy()[np.unique(codes, return_index=True)[1]]
    elif by in meta.columns:
        order["group"] = meta[by].reindex(doc_ids).astype(str).to_numpy()
    else:
        raise KeyError(f"by = {by!r} is a column of neither the token table nor docs")
    dates = meta["date"].reindex(doc_ids) if "date" in meta.columns else pd.Series(pd.NaT, index=doc_ids)
    order["date"] = pd.to_datetime(dates, errors="coerce", utc=True).to_numpy()
    order = order.sort_values(["group", "date", "doc_id"], kind="mergesort", na_position="last")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order["code"].to_numpy()] = np.arange(len(order))
    within = rows["token_id"].to_numpy() if "token_id" in rows.columns else np.arange(len(rows))
    sequence = np.lexsort((within, rank[codes]))
    positions = np.empty(len(rows), dtype=np.int64)
    positions[sequence] = np.arange(len(rows))
    sizes = np.bincount(rank[codes], minlength=len(order))
    order["stop"] = np.cumsum(sizes)
    order["start"] = order["stop"] - sizes
    return positions, order.reset_index(drop=True)


def dispersion(
    tokens: pd.DataFrame,
    terms,
    *,
    docs: pd.DataFrame | None = None,
    by: str | None = "source",
    column: str | None = None,
    ax=None,
    title: str | None = None,
):
    """Draw where each term occurs in the corpus, one row of ticks per term (an x-ray plot); return the Axes.

    The documents are laid end to end, grouped by ``by`` (sorted names), within a group by date
    and then id, and every word gets a position; each occurrence of a term is a tick at its
    position. Terms used evenly across the corpus fill their row; terms of one outlet, one
    story or one week cluster. Thin vertical lines separate the groups, whose names (of those
    wide enough to hold one) are written above the plot.

    Parameters
    ----------
    tokens : pandas.DataFrame
        The token table of :func:`corpus_tools.tokenize` (punctuation rows are left out, so
        positions count words) or a terms table of :func:`corpus_tools.terms`: ``doc_id``, the
        matched column and, if present, ``token_id`` for the order within a document. Not modified.
    terms : str or list of str
        Terms to draw, top to bottom; compared with ``column`` without case, «ё» as «е».
    docs : pandas.DataFrame, optional
        The documents table, for ``by`` when ``tokens`` lacks it and for ``date``.
    by : str or None, default "source"
        A column of ``tokens`` or ``docs`` that groups the documents; None orders them by date
        and id only.
    column : str, optional
        The column holding the terms; by default ``term`` if present, else ``lemma``.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure, taller for more terms, is created when omitted.
    title : str, optional
        Axes title.

    Returns
    -------
    matplotlib.axes.Axes
        One line of ``"|"`` markers per term in ``ax.lines`` (x: word positions, from 0), the
        y tick labels ``"term (n)"`` with each term's number of occurrences; the group
        boundaries as ``ax.collections[0]``.

    Raises
    ------
    KeyError
        If ``doc_id``, the term column or ``by`` is missing.
    ValueError
        If ``terms`` is empty or the table has no words.

    Examples
    --------
    >>> toks = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "lemma": ["мир", "путин", "путин", "война"],
    ...                      "source": ["ТАСС", "ТАСС", "РИА", "РИА"]})
    >>> ax = dispersion(toks, ["Путин", "мир"])
    >>> [line.get_xdata().tolist() for line in ax.lines]
    [[0, 3], [2]]
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['Путин (2)', 'мир (1)']
    """
    import matplotlib.pyplot as plt

    from corpus_tools.dates import _fold as _fold_names

    terms = [terms] if isinstance(terms, str) else list(terms)
    if not terms:
        raise ValueError("terms is empty; give the terms to draw, e.g. ['россия', 'сша']")
    if column is None:
        column = "term" if "term" in tokens.columns else "lemma"
    _require_columns(tokens, ("doc_id", column))
    rows = tokens[~tokens["is_punct"].astype(bool)] if "is_punct" in tokens.columns else tokens
    if rows.empty:
        raise ValueError("the token table has no words; nothing to draw")
    positions, order = _corpus_order(rows, docs, by)
    folded = _fold_names(rows[column].astype(str).to_numpy()).to_numpy()
    total = int(order["stop"].iloc[-1])

    if ax is None:
        _, ax = plt.subplots(figsize=(10, 1.4 + 0.4 * len(terms)), layout="constrained")
    boundaries = order.groupby("group", sort=False).agg(start=("start", "min"), stop=("stop", "max"))
    ax.vlines(boundaries["start"].to_numpy()[1:], -0.5, len(terms) - 0.5, colors="0.8", linewidths=0.6)
    labels = []
    for i, (term, key) in enumerate(zip(terms, _fold_names(terms).to_numpy())):
        x = np.sort(positions[folded == key])
        ax.plot(x, np.full(len(x), i), linestyle="none", marker="|", markersize=12, color="C0")
        labels.append(f"{label(term, width=None)} ({len(x)})")
    ax.set_yticks(range(len(terms)), labels=labels)
    ax.set_ylim(len(terms) - 0.5, -0.5)  # first term at the top
    ax.set_xlim(0, total)
    ordered = f"documents ordered by {by}, then date" if by is not None else "documents ordered by date"
    ax.set_xlabel(f"Word position in the corpus ({ordered})")
    if by is not None:
        # name the groups wide enough for a label (1/40 of the corpus), at most 40 of them
        wide = boundaries[(boundaries["stop"] - boundaries["start"]) >= total / 40]
        top = ax.secondary_xaxis("top")
        top.set_ticks(
            ((wide["start"] + wide["stop"]) / 2).to_numpy(), labels=[label(g, width=16) for g in wide.index]
        )
        top.tick_params(labelsize="x-small", labelrotation=90, length=0)
    if title is not None:
        ax.set_title(label(title, width=80))
    return ax


plot_dispersion = dispersion


def comparison(
    tokens: pd.DataFrame,
    a: str,
    b: str | None = None,
    *,
    by: str = "source",
    docs: pd.DataFrame | None = None,
    top: int = 10,
    alpha: float = 0.05,
    ax=None,
    title: str | None = None,
):
    """Draw each term's frequency in group ``a`` against group ``b`` on log axes, key terms labelled; return the Axes.

    A scattertext-style comparison of two outlets: one dot per term, at its relative frequency
    (per 10,000 counted terms) in ``a`` (x) and in ``b`` (y). Terms on the diagonal are used
    alike; terms far below it are typical of ``a``, far above it of ``b``. Which terms are key
    comes from :func:`corpus_tools.keyness` (``target=a``, ``reference=b``, negative keywords
    included): terms with ``p_adj < alpha`` under keyness's evidence floors (``min_count=3``,
    ``min_docs=2`` on the side they are key for) are coloured, and the ``top`` most significant of
    each side (by G²) are labelled, moved apart so that no two labels overlap. A term absent
    from one side is drawn at the 0.5 count the log ratio uses for zero counts, so it sits on
    the lower edge of that axis instead of at minus infinity.

    Parameters
    ----------
    tokens : pandas.DataFrame
        A token table of :func:`corpus_tools.tokenize` (lemmas without punctuation and stop
        words are counted) or a terms table of :func:`corpus_tools.terms`. Not modified.
    a : str
        The first group (a value of ``by``), on the x axis.
    b : str, optional
        The second group, on the y axis; None compares ``a`` with all the other groups.
    by : str, default "source"
        The grouping column, in ``tokens`` or in ``docs``.
    docs : pandas.DataFrame, optional
        The documents table, when ``by`` is a document column ``tokens`` lacks.
    top : int, default 10
        Key terms labelled per side.
    alpha : float, default 0.05
        Significance level for the Benjamini–Hochberg ``p_adj`` of the keyness table.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new square figure is created when omitted.
    title : str, optional
        Axes title; defaults to ``"a vs b"``.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.collections[0]``: terms that are not key; ``[1]``: key terms of ``a``; ``[2]``:
        key terms of ``b`` (offsets: per 10,000 in ``a``, in ``b``); the labels in ``ax.texts``,
        ``a``'s most significant first, then ``b``'s; the dashed diagonal in ``ax.lines``.

    Raises
    ------
    ValueError
        If ``a`` or ``b`` is not a value of ``by`` (the message lists the groups), ``a`` and
        ``b`` are the same, either side has no counted terms, or ``top`` or ``alpha`` is invalid.

    Examples
    --------
    >>> units = pd.DataFrame({"doc_id": ["a"] * 4 + ["b"] * 4, "source": ["ТАСС"] * 4 + ["РИА"] * 4,
    ...                       "term": ["мир", "мир", "мир", "сша", "сша", "сша", "война", "мир"]})
    >>> ax = comparison(units, "ТАСС", "РИА")
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('ТАСС: per 10,000 terms', 'РИА: per 10,000 terms')
    >>> sorted(map(tuple, ax.collections[0].get_offsets().tolist()))
    [(1250.0, 2500.0), (2500.0, 5000.0), (7500.0, 2500.0)]
    """
    import matplotlib.pyplot as plt

    from corpus_tools.keyness import ZERO_CORRECTION
    from corpus_tools.keyness import keyness as keyness_table

    _check_positive_int("top", top)
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float)) or not 0 < alpha <= 1:
        raise ValueError(f"alpha = {alpha!r} is invalid; use a number in (0, 1], e.g. 0.05")
    if b is not None and str(a) == str(b):
        raise ValueError(f"a and b are both {a!r}; compare two different groups")
    # every term is a point; only terms passing keyness's evidence floors can be key
    table = keyness_table(tokens, by=by, docs=docs, target=a, reference=b, negative=True, min_count=1, min_docs=1)
    size_a, size_b = table.attrs["sizes"][str(a)]
    if table.empty:
        raise ValueError(f"{a!r} ({size_a} terms) and {b or 'the rest'!r} ({size_b} terms): one side has no counted terms")
    tested = keyness_table(tokens, by=by, docs=docs, target=a, reference=b, negative=True)
    per = 10_000
    x = np.where(table["n_target"] > 0, table["n_target"], ZERO_CORRECTION) / size_a * per
    y = np.where(table["n_reference"] > 0, table["n_reference"], ZERO_CORRECTION) / size_b * per
    significant = table["term"].isin(tested.loc[tested["p_adj"] < alpha, "term"]).to_numpy()
    over = significant & (table["log_ratio"] > 0).to_numpy()
    under = significant & (table["log_ratio"] < 0).to_numpy()
    other = ~(over | under)
    name_b = label(b, width=None) if b is not None else f"all other {_noun(by)}"
    name_a = label(a, width=None)

    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 7), layout="constrained")
    ax.scatter(x[other], y[other], s=6, color="0.7", alpha=0.6, linewidths=0, label="other terms")
    ax.scatter(x[over], y[over], s=14, color="C0", label=f"key in {name_a} (p_adj < {alpha:g})")
    ax.scatter(x[under], y[under], s=14, color="C3", label=f"key in {name_b} (p_adj < {alpha:g})")
    low = min(x.min(), y.min()) / 1.5
    high = max(x.max(), y.max()) * 1.5
    ax.plot([low, high], [low, high], linestyle="--", color="0.5", linewidth=0.8)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(low, high)
    ax.set_ylim(low, high)
    ax.set_aspect("equal")
    ax.set_xlabel(f"{name_a}: per 10,000 terms")
    ax.set_ylabel(f"{name_b}: per 10,000 terms")
    ax.legend(loc="upper left", frameon=False, fontsize="small")
    # the keyness table lists each side by G² descending, so its first rows are the most significant
    chosen = np.r_[np.flatnonzero(over)[:top], np.flatnonzero(under)[:top]]
    texts = [
        ax.text(x[i], y[i], label(table["term"].iloc[i], width=None), fontsize=8, ha="center", va="bottom", zorder=3)
        for i in chosen
    ]
    ax.set_title(label(title if title is not None else f"{name_a} vs {name_b}", width=80))
    _separate(ax, texts, np.column_stack([x[chosen], y[chosen]]))
    return ax
