"""Charts for the notebooks and reports: bar charts of tidy tables and seeded word clouds.

Every function draws on the ``ax`` it is given (or on a new figure when ``ax`` is None) and
returns that Axes. Nothing here calls ``plt.show()`` or changes global matplotlib/seaborn style.
Russian labels rely on DejaVu Sans, which ships with matplotlib and covers Cyrillic.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import matplotlib
import pandas as pd

__all__ = ["bar", "cyrillic_font_path", "wordcloud"]

# Columns tried, in this order, as the term column of a frequency table.
_TERM_COLUMNS = ("term", "feature", "lemma", "token", "word")


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

    missing = [c for c in (x, y, hue) if c is not None and c not in table.columns]
    if missing:
        raise KeyError(f"columns {missing} not in the table; available: {list(table.columns)}")
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise ValueError(f"top = {top!r} is invalid; use a positive integer or None")

    order = list(dict.fromkeys(table[y].astype(str)))
    if top is not None:
        order = order[:top]
    data = table.assign(**{y: table[y].astype(str)})
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
