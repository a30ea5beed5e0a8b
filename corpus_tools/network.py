"""Co-occurrence networks: the strongest term pairs as a graph, ego networks, GEXF and CSV export.

The input is a pairs table with one row per unordered pair of terms (``term_a < term_b``):
an optional ``group``, ``term_a``, ``term_b``, the counts ``n_ab`` (the pair), ``n_a`` and
``n_b`` (each term), ``n`` (all windows) and association measures such as ``pmi``, ``npmi``,
``mi3``, ``log_dice``, ``t_score``, ``g2``, ``delta_p_ab`` and ``delta_p_ba``.
Terms become nodes (with their ``frequency``), pairs become edges carrying the measures.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import networkx as nx
import pandas as pd

from corpus_tools.store import write_atomically

__all__ = ["edges_table", "ego", "network", "to_csv", "to_gexf"]

# Columns every pairs table needs.
_PAIR_COLUMNS = ("term_a", "term_b", "n_ab", "n_a", "n_b")

# Numeric columns that describe one term, not the pair: they become the node frequency.
_TERM_COUNTS = ("n_a", "n_b")

# Columns that are never measures, whatever their dtype (a group may be a year).
_NOT_MEASURES = ("group", "term_a", "term_b", *_TERM_COUNTS)


def _check_int(name: str, value, *, minimum: int, allow_none: bool = False) -> None:
    """Raise ValueError unless ``value`` is an int >= ``minimum`` (or None when ``allow_none``)."""
    if value is None and allow_none:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        hint = f"an integer >= {minimum}" + (" or None" if allow_none else "")
        raise ValueError(f"{name} = {value!r} is invalid; use {hint}")


def _python(value):
    """Turn a NumPy scalar into the Python one (GEXF writes numpy.float64 as 32-bit float)."""
    return value.item() if hasattr(value, "item") else value


def _measure_columns(pairs: pd.DataFrame) -> list[str]:
    """Return the numeric columns of ``pairs`` that describe a pair, in table order."""
    return [
        column
        for column in pairs.columns
        if column not in _NOT_MEASURES
        and pd.api.types.is_numeric_dtype(pairs[column])
        and not pd.api.types.is_bool_dtype(pairs[column])
    ]


def _group_rows(pairs: pd.DataFrame, group) -> tuple[object, pd.DataFrame]:
    """Return ``(group, rows)``: the rows of the chosen (or the only) group of ``pairs``."""
    if "group" not in pairs.columns:
        if group is not None:
            raise ValueError(
                f"group = {group!r} was given but pairs has no 'group' column; "
                "leave group=None for a table of one corpus"
            )
        return None, pairs
    available = list(dict.fromkeys(pairs["group"]))
    if group is None:
        if len(available) > 1:
            raise ValueError(
                f"pairs holds {len(available)} groups; choose one with group=..., "
                f"one of {available}"
            )
        if not available:
            return None, pairs
        group = available[0]
    elif group not in available:
        raise ValueError(f"group = {group!r} is not in pairs; available groups: {available}")
    return group, pairs[pairs["group"] == group]


def network(
    pairs: pd.DataFrame,
    *,
    measure: str = "log_dice",
    top: int | None = 50,
    group=None,
    min_n: int = 1,
) -> nx.Graph:
    """Return the graph of the ``top`` strongest term pairs by an association measure.

    Rows with ``n_ab >= min_n`` (of ``group``, when given) are ranked by ``measure``, highest
    first; ties go to the larger ``n_ab``, then to ``term_a`` and ``term_b`` in alphabetical
    order, so the same table always gives the same graph. Rows whose measure is missing (NaN)
    cannot be ranked and are dropped. Nodes are added in sorted order, edges in rank order.

    Parameters
    ----------
    pairs : pandas.DataFrame
        One row per unordered pair (``term_a < term_b``) with ``term_a``, ``term_b``, ``n_ab``,
        ``n_a``, ``n_b``, the numeric measure columns and optionally ``group``. Not modified.
    measure : str, default "log_dice"
        Numeric column to rank the pairs by; it becomes each edge's ``weight``. Any numeric
        column except ``group``, ``n_a`` and ``n_b`` (term counts, not pair scores) works,
        e.g. ``"npmi"``, ``"g2"``, ``"t_score"`` or ``"n_ab"``.
    top : int or None, default 50
        Keep this many pairs; None keeps every pair that passes ``min_n``.
    group : optional
        The ``group`` value whose pairs to use; needed only when the table holds several.
    min_n : int, default 1
        Ignore pairs seen together fewer than ``min_n`` times (``n_ab < min_n``).

    Returns
    -------
    networkx.Graph
        Undirected graph. ``graph.graph["measure"]`` is ``measure`` (and
        ``graph.graph["group"]`` the group used, for a table with a ``group`` column).
        Each node (a term) has ``frequency``, its ``n_a`` or ``n_b`` count (the largest, should
        rows disagree). Each edge has every measure column of the table (``n_ab``, ``n``,
        ``pmi``, ...) and ``weight``, the value of ``measure``; edge attributes are Python
        numbers.

    Raises
    ------
    ValueError
        If a needed column is missing, ``measure`` is not a numeric column (the message lists
        those that are), ``top`` or ``min_n`` is not a positive integer, ``group`` is missing
        while the table holds several groups or names no group (the message lists them), or a
        pair occurs twice in the chosen rows.

    Examples
    --------
    >>> import pandas as pd
    >>> pairs = pd.DataFrame({
    ...     "term_a": ["выборы", "выборы", "губернатор"], "term_b": ["губернатор", "мэр", "мэр"],
    ...     "n_ab": [4, 1, 3], "n_a": [6, 6, 9], "n_b": [9, 5, 5], "n": 100,
    ...     "log_dice": [12.8, 11.1, 12.4]})
    >>> graph = network(pairs, top=2)
    >>> list(graph.edges(data="weight"))
    [('выборы', 'губернатор', 12.8), ('губернатор', 'мэр', 12.4)]
    >>> dict(graph.nodes(data="frequency"))
    {'выборы': 6, 'губернатор': 9, 'мэр': 5}
    """
    missing = [column for column in _PAIR_COLUMNS if column not in pairs.columns]
    if missing:
        raise ValueError(
            f"pairs lacks the columns {missing}; pass a co-occurrence pairs table "
            f"with {list(_PAIR_COLUMNS)} and the measure columns"
        )
    measures = _measure_columns(pairs)
    if measure not in measures:
        raise ValueError(
            f"measure = {measure!r} is not a numeric pair column of pairs; "
            f"use one of {measures}"
        )
    _check_int("top", top, minimum=1, allow_none=True)
    _check_int("min_n", min_n, minimum=1)
    group, rows = _group_rows(pairs, group)

    rows = rows[(rows["n_ab"] >= min_n) & rows[measure].notna()]
    # cooccurrence() gives categorical terms; compare and sort them as strings
    rows = rows.assign(term_a=rows["term_a"].astype(str), term_b=rows["term_b"].astype(str))
    # ("мэр", "суд") and ("суд", "мэр") are the same unordered pair
    in_order = rows["term_a"] <= rows["term_b"]
    low = rows["term_a"].where(in_order, rows["term_b"])
    high = rows["term_b"].where(in_order, rows["term_a"])
    repeated = pd.DataFrame({"low": low, "high": high}).duplicated()
    if repeated.any():
        examples = sorted(set(zip(low[repeated], high[repeated])))[:5]
        raise ValueError(
            f"pairs has several rows for the pairs {examples}; keep one row per pair "
            "(and choose a group with group=... if the table mixes groups)"
        )
    ranked = rows.sort_values(
        [measure, "n_ab", "term_a", "term_b"],
        ascending=[False, False, True, True],
        kind="mergesort",
    )
    if top is not None:
        ranked = ranked.head(top)

    frequency = pd.concat(
        [
            ranked[["term_a", "n_a"]].set_axis(["term", "frequency"], axis=1),
            ranked[["term_b", "n_b"]].set_axis(["term", "frequency"], axis=1),
        ]
    ).groupby("term")["frequency"].max()

    graph = nx.Graph(measure=measure)
    if group is not None:
        graph.graph["group"] = _python(group)
    for term in sorted(frequency.index):
        graph.add_node(term, frequency=_python(frequency[term]))
    for row in ranked[["term_a", "term_b", *measures]].itertuples(index=False):
        values = dict(zip(measures, (_python(value) for value in row[2:])))
        values["weight"] = values[measure]
        graph.add_edge(row[0], row[1], **values)
    return graph


def ego(graph: nx.Graph, node, *, radius: int = 1) -> nx.Graph:
    """Return a copy of the part of ``graph`` within ``radius`` steps of ``node``.

    Parameters
    ----------
    graph : networkx.Graph
        For example the output of :func:`network`. Not modified.
    node
        The centre, e.g. a term.
    radius : int, default 1
        Keep nodes at most this many edges away from ``node``, ignoring edge direction and
        weights; 0 keeps the node alone.

    Returns
    -------
    networkx.Graph
        A new graph of the same type with the kept nodes (in the order of ``graph``), every
        edge of ``graph`` between them, and copies of the node, edge and graph attributes.

    Raises
    ------
    ValueError
        If ``node`` is not in the graph (the message suggests similar nodes), or ``radius``
        is not a non-negative integer.

    Examples
    --------
    >>> import networkx as nx
    >>> graph = nx.Graph([("мэр", "москва"), ("москва", "ёлка"), ("ёлка", "праздник")])
    >>> sorted(ego(graph, "москва").nodes)
    ['москва', 'мэр', 'ёлка']
    >>> sorted(ego(graph, "москва", radius=2).nodes)
    ['москва', 'мэр', 'праздник', 'ёлка']
    """
    _check_int("radius", radius, minimum=0)
    if node not in graph:
        raise ValueError(f"node = {node!r} is not in the graph; {_suggest(graph, node)}")
    kept = nx.ego_graph(graph, node, radius=radius, undirected=True)
    # rebuilt in the order of ``graph``: ego_graph's own order follows a set of nodes, which for
    # strings changes with the hash seed of each process, and a seeded layout depends on the order
    result = graph.__class__()
    result.graph.update(graph.graph)
    result.add_nodes_from((n, dict(graph.nodes[n])) for n in graph.nodes if n in kept)
    result.add_edges_from((a, b, dict(data)) for a, b, data in graph.edges(data=True) if a in kept and b in kept)
    return result


def _suggest(graph: nx.Graph, node) -> str:
    """Return a hint naming the nodes of ``graph`` closest in spelling to ``node``."""
    # compare case-folded, so "Токаев" finds "токаев"
    names = {str(other).casefold(): other for other in graph}
    close = difflib.get_close_matches(str(node).casefold(), list(names), n=3, cutoff=0.6)
    if close:
        return "did you mean " + ", ".join(repr(names[name]) for name in close) + "?"
    return f"no similar node among its {graph.number_of_nodes()}; check the spelling or lemma"


def to_gexf(graph: nx.Graph, path) -> Path:
    """Write ``graph`` as GEXF (for Gephi) and return the path written.

    The file is written next to ``path`` under a temporary name and then renamed, so readers
    never see half a file and a failed write leaves the old file in place. Node ids and labels
    are the terms (UTF-8, Cyrillic kept); node and edge attributes become GEXF attributes and
    ``weight`` the edge weight. GEXF has no place for graph attributes such as ``measure``.

    Parameters
    ----------
    graph : networkx.Graph
        For example the output of :func:`network`. Not modified.
    path : str or os.PathLike
        Target file, usually ``*.gexf``; its folder must exist. An existing file is replaced.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    FileNotFoundError
        If the folder of ``path`` does not exist.

    Examples
    --------
    >>> import tempfile
    >>> import networkx as nx
    >>> graph = nx.Graph()
    >>> graph.add_edge("губернатор", "мэр", weight=12.4)
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = to_gexf(graph, Path(folder) / "сеть.gexf")
    ...     sorted(nx.read_gexf(written).nodes)
    ['губернатор', 'мэр']
    """
    return write_atomically(path, lambda temporary: nx.write_gexf(graph, temporary))


def edges_table(graph: nx.Graph) -> pd.DataFrame:
    """Return the edges of ``graph`` as a table, one row per edge, strongest first.

    Parameters
    ----------
    graph : networkx.Graph
        For example the output of :func:`network`. Not modified.

    Returns
    -------
    pandas.DataFrame
        Columns ``source``, ``target``, ``weight``, then every other edge attribute in order
        of first appearance (for :func:`network`: the measure columns of the pairs table).
        In an undirected graph ``source < target``, as ``term_a`` and ``term_b`` in the pairs
        table, so ``delta_p_ab`` still reads from source to target. A missing attribute is
        NaN. Sorted by ``weight`` (descending, NaN last), then ``source`` and ``target``.

    Examples
    --------
    >>> import networkx as nx
    >>> graph = nx.Graph()
    >>> graph.add_edge("мэр", "губернатор", weight=12.4, n_ab=3)
    >>> graph.add_edge("выборы", "губернатор", weight=12.8, n_ab=4)
    >>> edges_table(graph)
           source      target  weight  n_ab
    0      выборы  губернатор    12.8     4
    1  губернатор         мэр    12.4     3
    """
    records = []
    for source, target, attributes in graph.edges(data=True):
        if not graph.is_directed() and str(target) < str(source):
            source, target = target, source
        records.append({"source": source, "target": target, **attributes})
    extra = [
        name
        for name in dict.fromkeys(name for record in records for name in record)
        if name not in ("source", "target", "weight")
    ]
    table = pd.DataFrame.from_records(records, columns=["source", "target", "weight", *extra])
    table["weight"] = pd.to_numeric(table["weight"], errors="coerce")
    table = table.sort_values(
        ["weight", "source", "target"],
        ascending=[False, True, True],
        na_position="last",
        kind="mergesort",
    )
    return table.reset_index(drop=True)


def to_csv(graph: nx.Graph, path) -> Path:
    """Write :func:`edges_table` of ``graph`` as UTF-8 CSV and return the path written.

    Like :func:`to_gexf`, the file is written under a temporary name in the same folder and
    then renamed onto ``path``.

    Parameters
    ----------
    graph : networkx.Graph
        For example the output of :func:`network`. Not modified.
    path : str or os.PathLike
        Target file, usually ``*.csv``; its folder must exist. An existing file is replaced.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    FileNotFoundError
        If the folder of ``path`` does not exist.

    Examples
    --------
    >>> import tempfile
    >>> import networkx as nx
    >>> graph = nx.Graph()
    >>> graph.add_edge("губернатор", "мэр", weight=12.4)
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     print(to_csv(graph, Path(folder) / "рёбра.csv").read_text(encoding="utf-8"))
    source,target,weight
    губернатор,мэр,12.4
    <BLANKLINE>
    """
    table = edges_table(graph)
    return write_atomically(
        path, lambda temporary: table.to_csv(temporary, index=False, encoding="utf-8")
    )
