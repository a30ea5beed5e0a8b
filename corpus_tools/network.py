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
import numpy as np
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
    available = list(dict.fromkeys(pd.unique(pairs["group"])))
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

    Notes
    -----
    The input is a pairs table with one row per unordered pair of terms (``term_a < term_b``):
    an optional ``group``, ``term_a``, ``term_b``, the counts ``n_ab`` (the pair), ``n_a`` and
    ``n_b`` (each term), ``n`` (all windows) and association measures such as ``pmi``, ``npmi``,
    ``mi3``, ``log_dice``, ``t_score``, ``g2``, ``delta_p_ab`` and ``delta_p_ba``.
    Terms become nodes (with their ``frequency``), pairs become edges carrying the measures.

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
    group, rows, measures = _pair_rows(pairs, measure=measure, group=group, min_n=min_n, top=top)
    a, b, names = _term_codes(rows["term_a"], rows["term_b"])
    _check_unique(a, b, names)
    order = _rank(rows, measure, a, b, names)
    if top is not None:
        order = order[:top]
    ranked = _with_names(rows, order, a, b, names)
    frequency = _frequency(ranked)
    return _graph(ranked, measure=measure, measures=measures, group=group, frequency=frequency)


def _pair_rows(
    pairs: pd.DataFrame, *, measure: str, group, min_n: int, top=None
) -> tuple[object, pd.DataFrame, list[str]]:
    """Check a pairs table and the options of :func:`network`; return ``(group, rows, measures)``.

    ``rows`` are the rows of the group with ``n_ab >= min_n`` and a score, ``measures`` the
    numeric pair columns that become edge attributes.
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
    return group, rows[(rows["n_ab"] >= min_n) & rows[measure].notna()], measures


def _term_codes(term_a: pd.Series, term_b: pd.Series) -> tuple[np.ndarray, np.ndarray, pd.Index]:
    """Return ``(a, b, names)``: both term columns as codes into one index of the terms as strings.

    The names are what ``astype(str)`` gives; categorical columns (as from
    :func:`corpus_tools.cooccurrence`) are converted per category rather than per row.
    """
    labels, codes = [], []
    for column in (term_a, term_b):
        if isinstance(column.dtype, pd.CategoricalDtype) and not column.isna().any():
            labels.append(pd.Index(column.cat.categories).astype(str))
            codes.append(column.cat.codes.to_numpy())
        else:
            coded, uniques = pd.factorize(column.astype(str), use_na_sentinel=False)
            labels.append(pd.Index(uniques))
            codes.append(coded)
    joint, names = pd.factorize(labels[0].append(labels[1]), use_na_sentinel=False)
    a = joint[: len(labels[0])][codes[0]]
    b = joint[len(labels[0]) :][codes[1]]
    return a.astype(np.int64), b.astype(np.int64), pd.Index(names)


def _check_unique(a: np.ndarray, b: np.ndarray, names: pd.Index) -> None:
    """Raise ValueError if an unordered pair of term codes occurs twice."""
    # ("мэр", "суд") and ("суд", "мэр") are the same unordered pair
    low, high = np.minimum(a, b), np.maximum(a, b)
    repeated = pd.Series(low * max(len(names), 1) + high).duplicated().to_numpy()
    if repeated.any():
        pairs = {tuple(sorted((names[x], names[y]))) for x, y in zip(low[repeated], high[repeated])}
        examples = sorted(pairs)[:5]
        raise ValueError(
            f"pairs has several rows for the pairs {examples}; keep one row per pair "
            "(and choose a group with group=... if the table mixes groups)"
        )


def _rank(
    rows: pd.DataFrame, measure: str, a: np.ndarray, b: np.ndarray, names: pd.Index
) -> np.ndarray:
    """Row positions strongest first: by ``measure``, then ``n_ab`` (both descending), then the
    terms in alphabetical order."""
    alphabetical = np.empty(len(names), dtype=np.int64)
    alphabetical[names.argsort()] = np.arange(len(names))
    keys = pd.DataFrame(
        {
            "measure": rows[measure].to_numpy(),
            "n_ab": rows["n_ab"].to_numpy(),
            "a": alphabetical[a],
            "b": alphabetical[b],
        }
    )
    ranked = keys.sort_values(
        ["measure", "n_ab", "a", "b"], ascending=[False, False, True, True], kind="mergesort"
    )
    return ranked.index.to_numpy()


def _with_names(
    rows: pd.DataFrame, order: np.ndarray, a: np.ndarray, b: np.ndarray, names: pd.Index
) -> pd.DataFrame:
    """The rows at positions ``order``, with ``term_a`` and ``term_b`` as strings."""
    return rows.iloc[order].assign(term_a=names[a[order]], term_b=names[b[order]])


def _frequency(rows: pd.DataFrame) -> pd.Series:
    """Each term's frequency (its largest ``n_a`` or ``n_b`` in ``rows``), indexed by term."""
    return pd.concat(
        [
            rows[["term_a", "n_a"]].set_axis(["term", "frequency"], axis=1),
            rows[["term_b", "n_b"]].set_axis(["term", "frequency"], axis=1),
        ]
    ).groupby("term")["frequency"].max()


def _graph(
    ranked: pd.DataFrame, *, measure: str, measures: list[str], group, frequency: pd.Series
) -> nx.Graph:
    """The graph of ``ranked`` (string terms, in rank order): nodes sorted, edges in rank order."""
    graph = nx.Graph(measure=measure)
    if group is not None:
        graph.graph["group"] = _python(group)
    nodes = sorted(zip(frequency.index, frequency.tolist()))
    graph.add_nodes_from((term, {"frequency": _python(value)}) for term, value in nodes)
    # tolist() gives Python numbers, which GEXF writes as doubles
    columns = [ranked[column].tolist() for column in measures]
    weight = measures.index(measure)
    graph.add_edges_from(
        (a, b, {**dict(zip(measures, values)), "weight": values[weight]})
        for a, b, *values in zip(ranked["term_a"].tolist(), ranked["term_b"].tolist(), *columns)
    )
    return graph


def ego(
    graph: nx.Graph | pd.DataFrame,
    node,
    *,
    radius: int = 1,
    measure: str | None = None,
    group=None,
    min_n: int | None = None,
) -> nx.Graph:
    """Return a copy of the part of ``graph`` within ``radius`` steps of ``node``.

    ``graph`` may also be a pairs table: ``ego(pairs, node, measure=m)`` gives the same graph as
    ``ego(network(pairs, measure=m, top=None), node)`` but turns only the pairs within reach of
    ``node`` into edges, which is much faster on a large table.

    Parameters
    ----------
    graph : networkx.Graph or pandas.DataFrame
        For example the output of :func:`network`, or a pairs table as :func:`network` takes.
        Not modified.
    node
        The centre, e.g. a term.
    radius : int, default 1
        Keep nodes at most this many edges away from ``node``, ignoring edge direction and
        weights; 0 keeps the node alone.
    measure : str, optional
        For a pairs table only: as in :func:`network` (default ``"log_dice"``).
    group : optional
        For a pairs table only: as in :func:`network`.
    min_n : int, optional
        For a pairs table only: as in :func:`network` (default 1).

    Returns
    -------
    networkx.Graph
        A new graph of the same type with the kept nodes (in the order of ``graph``), every
        edge of ``graph`` between them (in the order of ``graph``), and copies of the node,
        edge and graph attributes. For a pairs table: as :func:`network` with ``top=None``
        would build them, node frequencies included.

    Raises
    ------
    ValueError
        If ``node`` is not in the graph (the message suggests similar nodes), ``radius``
        is not a non-negative integer, ``measure``, ``group`` or ``min_n`` is given with a
        graph, or a pairs table fails the checks of :func:`network`.

    Examples
    --------
    >>> import networkx as nx
    >>> graph = nx.Graph([("мэр", "москва"), ("москва", "ёлка"), ("ёлка", "праздник")])
    >>> sorted(ego(graph, "москва").nodes)
    ['москва', 'мэр', 'ёлка']
    >>> sorted(ego(graph, "москва", radius=2).nodes)
    ['москва', 'мэр', 'праздник', 'ёлка']
    >>> pairs = pd.DataFrame({
    ...     "term_a": ["выборы", "выборы", "губернатор"], "term_b": ["губернатор", "мэр", "суд"],
    ...     "n_ab": [4, 1, 3], "n_a": [6, 6, 9], "n_b": [9, 5, 5], "log_dice": [12.8, 11.1, 12.4]})
    >>> list(ego(pairs, "мэр", radius=2).edges(data="weight"))
    [('выборы', 'губернатор', 12.8), ('выборы', 'мэр', 11.1)]
    """
    _check_int("radius", radius, minimum=0)
    if isinstance(graph, pd.DataFrame):
        measure = "log_dice" if measure is None else measure
        min_n = 1 if min_n is None else min_n
        return _ego_of_pairs(graph, node, radius=radius, measure=measure, group=group, min_n=min_n)
    options = {"measure": measure, "group": group, "min_n": min_n}
    given = [name for name, value in options.items() if value is not None]
    if given:
        raise ValueError(
            f"{', '.join(given)} apply to a pairs table only; the graph has its edges already "
            "(pass the pairs table instead, or leave them out)"
        )
    if node not in graph:
        raise ValueError(f"node = {node!r} is not in the graph; {_suggest(graph, node)}")
    kept = _reach(graph, node, radius)
    # rebuilt in the order of ``graph``: networkx's ego_graph takes its order from a set of nodes,
    # which for strings changes with the hash seed of each process, and a seeded layout depends
    # on the order
    result = graph.__class__()
    result.graph.update(graph.graph)
    order = [n for n in graph.nodes if n in kept]
    result.add_nodes_from((n, dict(graph.nodes[n])) for n in order)
    if graph.is_directed() or graph.is_multigraph():
        result.add_edges_from(
            (a, b, dict(data)) for a, b, data in graph.edges(data=True) if a in kept and b in kept
        )
        return result
    # graph.edges() yields each edge at the first of its ends in node order, then in the order
    # of that node's neighbours; visiting only the kept nodes gives the same sequence
    done = set()
    for a in order:
        result.add_edges_from(
            (a, b, dict(data)) for b, data in graph.adj[a].items() if b in kept and b not in done
        )
        done.add(a)
    return result


def _reach(graph: nx.Graph, node, radius: int) -> set:
    """The nodes at most ``radius`` edges from ``node``, ignoring edge direction."""
    kept = {node}
    frontier = [node]
    for _ in range(radius):
        found = []
        for current in frontier:
            neighbours = graph.adj[current]
            if graph.is_directed():
                neighbours = [*neighbours, *graph.pred[current]]
            for other in neighbours:
                if other not in kept:
                    kept.add(other)
                    found.append(other)
        if not found:
            break
        frontier = found
    return kept


def _ego_of_pairs(
    pairs: pd.DataFrame, node, *, radius: int, measure: str, group, min_n: int
) -> nx.Graph:
    """:func:`ego` of ``network(pairs, top=None, ...)``, built from the pairs within reach only."""
    group, rows, measures = _pair_rows(pairs, measure=measure, group=group, min_n=min_n)
    a, b, names = _term_codes(rows["term_a"], rows["term_b"])
    _check_unique(a, b, names)
    centre = names.get_indexer([node])[0] if isinstance(node, str) else -1
    if centre < 0:
        raise ValueError(f"node = {node!r} is not in the graph; {_suggest(names, node)}")
    kept = np.zeros(len(names), dtype=bool)
    kept[centre] = True
    for _ in range(radius):
        touching = kept[a] | kept[b]
        grown = kept.copy()
        grown[a[touching]] = True
        grown[b[touching]] = True
        if (grown == kept).all():
            break
        kept = grown
    # a node's frequency is its largest count over every pair it is in, as in network()
    frequency = _frequency(_with_names(rows, np.flatnonzero(kept[a] | kept[b]), a, b, names))
    frequency = frequency[frequency.index.isin(names[kept])]
    inside = np.flatnonzero(kept[a] & kept[b])
    order = inside[_rank(rows.iloc[inside], measure, a[inside], b[inside], names)]
    ranked = _with_names(rows, order, a, b, names)
    return _graph(ranked, measure=measure, measures=measures, group=group, frequency=frequency)


def _suggest(nodes, node) -> str:
    """Return a hint naming the ``nodes`` (a graph or the terms) closest in spelling to ``node``."""
    # compare case-folded, so "Токаев" finds "токаев"
    names = {str(other).casefold(): other for other in nodes}
    close = difflib.get_close_matches(str(node).casefold(), list(names), n=3, cutoff=0.6)
    if close:
        return "did you mean " + ", ".join(repr(names[name]) for name in close) + "?"
    return f"no similar node among its {len(nodes)}; check the spelling or lemma"


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
