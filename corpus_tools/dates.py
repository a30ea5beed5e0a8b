"""Dates: how often terms, actors or frames occur per day, week or month, per outlet (:func:`timeline`).

:func:`timeline` counts the rows of any table that has a ``doc_id`` (tokens, a terms table,
actor mentions, frame hits) by the publication date of their document, per period and group,
with every period between the first and the last dated document present (zeros included), so
that a gap in coverage shows as a gap and not as a line drawn across it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Literal

import numpy as np
import pandas as pd

log = logging.getLogger(__name__)

TIMELINE_COLUMNS = ["period", "group", "count", "docs", "share", "total_docs"]
# pandas period codes; weeks run Monday to Sunday (ISO 8601)
PERIODS = {"day": "D", "week": "W-SUN", "month": "M"}
# columns tried, in this order, as the one ``terms`` selects from
ITEM_COLUMNS = ("term", "lemma", "actor", "frame")

Freq = Literal["day", "week", "month"]


def _fold(values) -> pd.Series:
    """Case- and ё-insensitive form of names, for matching ``terms``."""
    return pd.Series(values, dtype="string").str.casefold().str.replace("ё", "е", regex=False)


def _dates(docs: pd.DataFrame) -> pd.Series:
    """Publication dates as naive UTC timestamps (time-zone-aware dates are converted)."""
    dates = docs["date"]
    if isinstance(dates.dtype, pd.DatetimeTZDtype):
        return dates.dt.tz_convert("UTC").dt.tz_localize(None)
    if pd.api.types.is_datetime64_dtype(dates):
        return dates
    parsed = pd.to_datetime(dates, errors="coerce", utc=True, format="mixed")
    return parsed.dt.tz_localize(None)


def timeline(
    table: pd.DataFrame,
    docs: pd.DataFrame,
    *,
    by: str | None = "source",
    freq: Freq = "week",
    terms: Iterable[str] | None = None,
    column: str | None = None,
) -> pd.DataFrame:
    """Count rows (tokens, mentions, frame hits) per period of publication and group.

    Each row of ``table`` is one occurrence in a document; it is dated by its document's
    ``date`` in ``docs``. The result says, per period and group, how many occurrences there
    were (``count``), in how many documents (``docs``), and what share of the documents
    published in that period (by that group, when ``by`` is a document column) they are.

    Parameters
    ----------
    table : pandas.DataFrame
        Rows with a ``doc_id``: the token table of :func:`corpus_tools.tokenize` (punctuation
        rows are left out when it has ``is_punct``), a terms table of :func:`corpus_tools.terms`,
        :func:`corpus_tools.find_actors` mentions or :func:`corpus_tools.frame_hits`. Not modified.
    docs : pandas.DataFrame
        The documents table of :func:`corpus_tools.read_corpus`: ``doc_id`` and ``date``
        (datetimes, or strings pandas can parse; time-zone-aware dates are converted to UTC).
        Every document counts towards ``total_docs``, whether or not it has a row in ``table``.
    by : str or None, default "source"
        The groups. A column of ``docs`` (``"source"``, ``"platform"``) groups documents: the
        share is then of that group's documents in the period. A column of ``table`` only
        (``"actor"``, ``"frame"``, ``"term"``) groups rows: the share is of all documents of
        the period. None makes one group ``"all"``.
    freq : {"day", "week", "month"}, default "week"
        Length of a period. Weeks run Monday to Sunday; ``period`` is the first day.
    terms : iterable of str, optional
        Keep only rows whose ``column`` value is one of these (compared without case, «ё» as
        «е»): lemmas, terms, actor names or frame names. When ``by`` is that same column, each
        of the terms gets a row per period even where it never occurs.
    column : str, optional
        The column ``terms`` is matched in; by default the first of ``term``, ``lemma``,
        ``actor``, ``frame`` that ``table`` has.

    Returns
    -------
    pandas.DataFrame
        ``period, group, count, docs, share, total_docs``, one row for every period from the
        first to the last dated document and every group, sorted by period, then group:

        - ``period``: first day of the period (a datetime);
        - ``count``: rows of ``table`` dated in the period, in the group;
        - ``docs``: distinct documents among them;
        - ``total_docs``: documents published in the period (of the group, when ``by`` is a
          document column); ``share`` = ``docs / total_docs`` (NaN when it is 0).

        Documents without a date are left out with a logged warning; their ids are listed in
        ``attrs["undated"]``. Documents (or rows) without a ``by`` value are left out with a
        logged warning too. ``attrs["timeline"]`` records ``by``, ``freq`` and whether the
        groups are ``"documents"`` or ``"rows"`` (read by :func:`corpus_tools.plots.timeline`).

    Raises
    ------
    TypeError
        If ``table`` or ``docs`` is not a DataFrame.
    ValueError
        Naming the problem: a missing ``doc_id``/``date`` column, an unknown ``freq``, a ``by``
        or ``column`` in neither table, rows whose document is not in ``docs``, or no dated
        document at all.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["ТАСС", "ТАСС", "РИА"],
    ...                      "date": pd.to_datetime(["2024-03-04", "2024-03-12", "2024-03-05"])})
    >>> mentions = pd.DataFrame({"doc_id": ["a", "a", "c"], "actor": ["Путин", "Путин", "Путин"]})
    >>> timeline(mentions, docs, freq="week")
          period group  count  docs  share  total_docs
    0 2024-03-04   РИА      1     1    1.0           1
    1 2024-03-04  ТАСС      2     1    1.0           1
    2 2024-03-11   РИА      0     0    NaN           0
    3 2024-03-11  ТАСС      0     0    0.0           1
    """
    for name, value in (("table", table), ("docs", docs)):
        if not isinstance(value, pd.DataFrame):
            raise TypeError(f"{name} must be a pandas DataFrame; got {type(value).__name__}")
    for name, value, needed in (("table", table, ("doc_id",)), ("docs", docs, ("doc_id", "date"))):
        missing = [c for c in needed if c not in value.columns]
        if missing:
            raise ValueError(f"{name} has no column {missing[0]!r}; columns: {list(value.columns)}")
    if freq not in PERIODS:
        raise ValueError(f"freq = {freq!r} is invalid; use one of {list(PERIODS)}")
    if by is not None and by not in docs.columns and by not in table.columns:
        raise ValueError(f"by = {by!r} is a column of neither table nor docs")

    docs = docs.drop_duplicates("doc_id")
    dates = _dates(docs)
    undated = docs.loc[dates.isna().to_numpy(), "doc_id"].astype(str)
    if len(undated):
        log.warning("timeline: %d of %d documents have no date and are left out", len(undated), len(docs))
    dated = pd.DataFrame({"doc_id": docs["doc_id"].to_numpy(), "date": dates.to_numpy()})
    by_documents = by is not None and by in docs.columns
    dated["group"] = docs[by].to_numpy() if by_documents else "all"
    dated = dated[dated["date"].notna()]
    if dated.empty:
        raise ValueError("no document in docs has a date; a timeline needs the 'date' column filled")
    code = PERIODS[freq]
    dated["period"] = dated["date"].dt.to_period(code).dt.start_time

    rows = table
    if "is_punct" in rows.columns:
        rows = rows[~rows["is_punct"].astype(bool)]
    selected = None
    if terms is not None:
        terms = [terms] if isinstance(terms, str) else list(terms)
        if column is None:
            column = next((c for c in ITEM_COLUMNS if c in rows.columns), None)
        if column is None or column not in rows.columns:
            raise ValueError(
                f"column = {column!r} is not in the table; choose the column terms are matched in, "
                f"one of {list(rows.columns)}"
            )
        selected = dict(zip(_fold(terms), terms))
        folded = _fold(rows[column].to_numpy())
        rows = rows[folded.isin(list(selected)).to_numpy()]
    unknown = ~rows["doc_id"].isin(docs["doc_id"])
    if unknown.any():
        examples = rows.loc[unknown, "doc_id"].astype(str).unique()[:3].tolist()
        raise ValueError(
            f"{int(unknown.sum())} rows of table belong to documents not in docs (e.g. {examples}); "
            "pass the documents table the rows were made from"
        )

    left = pd.DataFrame({"doc_id": rows["doc_id"].to_numpy()})
    if by is not None and not by_documents:
        # the row's own value names its group; matched terms are named as the caller spelled them
        values = rows[by] if selected is None or by != column else _fold(rows[by].to_numpy()).map(selected)
        left["item"] = np.asarray(values, dtype=object)
    hits = left.merge(dated, on="doc_id", how="inner")
    if "item" in hits.columns:
        hits["group"] = hits.pop("item")
    hits = hits[hits["group"].notna()]
    hits["group"] = hits["group"].astype(str)
    ungrouped = int(dated["group"].isna().sum())
    if ungrouped:
        log.warning("timeline: %d dated documents have no %s and are left out", ungrouped, by)
    dated = dated[dated["group"].notna()].assign(group=lambda d: d["group"].astype(str))

    if by_documents or by is None:
        groups = sorted(dated["group"].unique())
    elif selected is not None and by == column:
        groups = sorted(selected.values())
    else:
        groups = sorted(hits["group"].unique())
    periods = pd.period_range(dated["date"].min(), dated["date"].max(), freq=code).start_time
    grid = pd.MultiIndex.from_product([periods, groups], names=["period", "group"])
    counted = hits.groupby(["period", "group"]).agg(count=("doc_id", "size"), docs=("doc_id", "nunique"))
    if by_documents or by is None:
        totals = dated.groupby(["period", "group"]).size()
        total_docs = totals.reindex(grid, fill_value=0).to_numpy()
    else:
        totals = dated.groupby("period").size()
        total_docs = totals.reindex(grid.get_level_values("period"), fill_value=0).to_numpy()
    result = counted.reindex(grid, fill_value=0).reset_index()
    result["total_docs"] = total_docs
    with np.errstate(divide="ignore", invalid="ignore"):
        result["share"] = np.where(total_docs > 0, result["docs"] / np.maximum(total_docs, 1), np.nan)
    result = result.astype({"count": "int64", "docs": "int64", "total_docs": "int64", "group": "str"})
    result = result.sort_values(["period", "group"], kind="mergesort").reset_index(drop=True)[TIMELINE_COLUMNS]
    result.attrs["undated"] = sorted(undated)
    result.attrs["timeline"] = {"by": by, "freq": freq, "groups": "documents" if by_documents or by is None else "rows"}
    return result
