"""What a notebook looks at when the researcher has not said: main actors and main outlets.

The notebooks take their focus from parameters (``main_actors``, ``nodes``, ``top_sources``);
left unset, they call these functions so that any corpus gets a focus derived from its own data:
the most mentioned actors, the largest outlets, and everything else grouped as "other".
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

MAIN_ACTOR_COLUMNS = ["actor", "type", "mentions", "documents", "lemma"]


def main_actors(
    mentions: pd.DataFrame,
    tokens: pd.DataFrame | None = None,
    *,
    n: int | None = 4,
    types: str | Iterable[str] | None = "person",
) -> pd.DataFrame:
    """Return the most mentioned actors, with the lemma that stands for each in the token table.

    Parameters
    ----------
    mentions : DataFrame
        The table of :func:`corpus_tools.find_actors` (``doc_id``, ``stop``, ``actor``, ``type``).
    tokens : DataFrame, optional
        The token table the mentions were found in; with it, ``lemma`` is each actor's most
        frequent lemma of a mention's last token (the surname of «Касым-Жомарт Токаев», the head
        word of «Центральная Азия» is its last word «азия»), the word to look up in
        co-occurrence, concordance and word-form tables. Without it ``lemma`` is missing.
    n : int or None, default 4
        How many actors to return; None for all.
    types : str, iterable of str or None, default "person"
        Actor types to keep (``"person"``, ``"state"``, ``"organization"`` …); None keeps all.

    Returns
    -------
    pandas.DataFrame
        ``actor``, ``type``, ``mentions`` (rows of ``mentions``), ``documents`` (distinct
        ``doc_id``), ``lemma``. Sorted by ``mentions`` and ``documents`` descending, then
        ``actor``. Empty (with these columns) when nothing matches.

    Examples
    --------
    >>> from corpus_tools import find_actors, tokenize
    >>> toks = tokenize(["Путин встретился с Токаевым. Токаев и Путин обсудили визит. Токаев уехал."])
    >>> main_actors(find_actors(toks), toks, n=2)
        actor    type  mentions  documents   lemma
    0  Токаев  person         3          1  токаев
    1   Путин  person         2          1   путин
    """
    if n is not None and (not isinstance(n, int) or isinstance(n, bool) or n < 1):
        raise ValueError(f"n = {n!r} is invalid; give a positive integer or None for all actors")
    missing = [c for c in ("doc_id", "actor", "type") if c not in mentions.columns]
    if missing:
        raise ValueError(f"mentions lacks column(s) {missing}; pass the table of corpus_tools.find_actors()")
    chosen = mentions
    if types is not None:
        wanted = {types} if isinstance(types, str) else set(types)
        chosen = mentions[mentions["type"].astype(str).isin(wanted)]
    if chosen.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("mentions", "documents") else "str") for c in MAIN_ACTOR_COLUMNS})
    actor = chosen["actor"].astype(str)
    table = (
        chosen.assign(actor=actor, type=chosen["type"].astype(str))
        .groupby("actor", sort=True)
        .agg(type=("type", "first"), mentions=("doc_id", "size"), documents=("doc_id", "nunique"))
        .reset_index()
        .sort_values(["mentions", "documents", "actor"], ascending=[False, False, True], kind="mergesort")
    )
    if n is not None:
        table = table.head(n)
    table["lemma"] = pd.Series(dtype="str") if tokens is None else table["actor"].map(_head_lemmas(chosen, tokens))
    return table.reset_index(drop=True)[MAIN_ACTOR_COLUMNS]


def _head_lemmas(mentions: pd.DataFrame, tokens: pd.DataFrame) -> dict[str, str]:
    """Each actor's most frequent lemma of a mention's last token (ties: the lemma first in order)."""
    missing = [c for c in ("doc_id", "stop", "lemma") if c not in tokens.columns]
    if missing or "stop" not in mentions.columns:
        raise ValueError(f"tokens lacks column(s) {missing or ['stop']}; pass the token table of corpus_tools.tokenize()")
    last = tokens[["doc_id", "stop", "lemma"]].astype({"doc_id": "str", "lemma": "str"})
    if "metonym" in mentions.columns and not mentions["metonym"].all():
        # «Кремль» stands for Россия but is not its word
        mentions = mentions[~mentions["metonym"].astype(bool)]
    heads = mentions[["doc_id", "stop", "actor"]].astype({"doc_id": "str", "actor": "str"}).merge(last, on=["doc_id", "stop"], how="inner")
    counts = heads.groupby(["actor", "lemma"]).size().rename("n").reset_index()
    counts = counts.sort_values(["actor", "n", "lemma"], ascending=[True, False, True], kind="mergesort")
    return dict(counts.drop_duplicates("actor")[["actor", "lemma"]].itertuples(index=False, name=None))


def top_groups(docs: pd.DataFrame, n: int | None = 10, *, by: str = "source") -> list[str]:
    """Return the ``n`` groups (outlets) with the most documents, largest first.

    The order of :func:`corpus_tools.summary.documents_per_group` (ties by name), so the list is
    the same on every run. ``n=None`` returns all groups in that order. Missing values of ``by``
    are not a group.

    >>> import pandas as pd
    >>> top_groups(pd.DataFrame({"doc_id": range(6), "source": ["b", "a", "b", "c", "a", "b"]}), 2)
    ['b', 'a']
    """
    from corpus_tools.summary import documents_per_group

    if by not in docs.columns:
        raise ValueError(f"docs has no column {by!r}; its columns are {list(docs.columns)}")
    if n is not None and (not isinstance(n, int) or isinstance(n, bool) or n < 1):
        raise ValueError(f"n = {n!r} is invalid; give a positive integer or None for all groups")
    groups = documents_per_group(docs, by).index.tolist()
    return groups if n is None else groups[:n]


def lump(values: pd.Series, keep: Iterable[str], *, what: str = "groups") -> pd.Series:
    """Return ``values`` as strings, every value not in ``keep`` replaced by ``"other (k what)"``.

    ``k`` is how many distinct values were grouped, so a table or plot says what the group holds.
    Missing values stay missing. Nothing is grouped (and the label never appears) when every value
    is kept.

    >>> import pandas as pd
    >>> lump(pd.Series(["a", "b", "c", "d", "a"]), ["a"], what="outlets").tolist()
    ['a', 'other (3 outlets)', 'other (3 outlets)', 'other (3 outlets)', 'a']
    """
    keep = set(keep)
    text = values.astype("str").where(values.notna())
    rest = text.notna() & ~text.isin(keep)
    if not rest.any():
        return text
    label = f"other ({text[rest].nunique()} {what})"
    return text.mask(rest, label)


def main_terms(
    tokens: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
    *,
    n: int = 4,
    types: str | Iterable[str] | None = "person",
) -> pd.DataFrame:
    """Return ``n`` lemmas to focus on: the main actors' lemmas, filled up from the text itself.

    First the lemmas of :func:`main_actors` (of ``types``), then, if fewer than ``n`` were
    found (a corpus that names no person), the most frequent proper-name lemmas (UPOS
    ``PROPN``), then the most frequent content lemmas, each lemma once. So a notebook always has
    something to look at, and says where it came from.

    Returns
    -------
    pandas.DataFrame
        ``term`` (lemma) and ``chosen_as`` (``"actor"``, ``"proper name"`` or
        ``"frequent term"``), in order of choice; fewer than ``n`` rows only when the corpus has
        fewer content lemmas.

    >>> from corpus_tools import find_actors, tokenize
    >>> toks = tokenize(["Путин прилетел в Казахстан. Путин и Москва. Дождь, дождь и снова дождь."])
    >>> main_terms(toks, find_actors(toks), n=3)
         term    chosen_as
    0   путин        actor
    1  казахстан  proper name
    2  москва  proper name
    """
    from corpus_tools.frequency import frequency

    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ValueError(f"n = {n!r} is invalid; give a positive integer")
    chosen: dict[str, str] = {}
    if mentions is not None and not mentions.empty:
        for lemma in main_actors(mentions, tokens, n=n, types=types)["lemma"].dropna():
            chosen.setdefault(str(lemma), "actor")
    content = tokens[~tokens["is_punct"] & ~tokens["is_stop"]] if {"is_punct", "is_stop"} <= set(tokens.columns) else tokens
    for label, subset in (("proper name", content[content["upos"].astype(str) == "PROPN"]), ("frequent term", content)):
        if len(chosen) >= n or subset.empty:
            continue
        for term in frequency(subset)["term"].astype(str):
            if len(chosen) >= n:
                break
            chosen.setdefault(term, label)
    return pd.DataFrame({"term": list(chosen), "chosen_as": list(chosen.values())}, dtype="str")


def largest_first(table: pd.DataFrame, docs: pd.DataFrame, *, n: int | None = None, column: str = "group", by: str = "source") -> pd.DataFrame:
    """Return the rows of ``table`` ordered by the size of their group, largest outlet first.

    The order of :func:`top_groups` (documents per ``by`` in ``docs``, ties by name); within a
    group the rows keep their order (a frequency table stays sorted by rank). ``n`` keeps the
    rows of the ``n`` largest groups only. Rows whose group is not in ``docs`` (a total row
    such as ``"all"``) come last.

    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["d1", "d2", "d3"], "source": ["b", "a", "b"]})
    >>> largest_first(pd.DataFrame({"group": ["a", "b", "a"], "x": [1, 2, 3]}), docs).x.tolist()
    [2, 1, 3]
    """
    if column not in table.columns:
        raise ValueError(f"table has no column {column!r}; its columns are {list(table.columns)}")
    order = {group: i for i, group in enumerate(top_groups(docs, None, by=by))}
    rank = table[column].astype("str").map(order).fillna(len(order)).to_numpy()
    result = table.iloc[rank.argsort(kind="stable")]
    if n is not None:
        result = result[rank[rank.argsort(kind="stable")] < n]
    return result.reset_index(drop=True)
