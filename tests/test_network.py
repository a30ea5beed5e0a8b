"""Tests for corpus_tools.network: pair selection, ties, groups, ego networks, GEXF and CSV."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest

from corpus_tools.network import edges_table, ego, network, to_csv, to_gexf

MEASURES = [
    "n_ab", "n", "pmi", "npmi", "mi3", "log_dice", "t_score", "g2", "delta_p_ab", "delta_p_ba",
]

# Hand-made pairs table in the layout of the co-occurrence table (term_a < term_b; "ёлка"
# sorts after "праздник"). In ТАСС three pairs tie on log_dice 12.4: two with n_ab 3 (broken
# by term_a: губернатор before москва) and one with n_ab 2 (last of the three).
PAIRS = pd.DataFrame(
    [
        # group, term_a, term_b, n_ab, n_a, n_b, n, pmi, npmi, mi3, log_dice, t_score, g2,
        # delta_p_ab, delta_p_ba
        ("ТАСС", "выборы", "губернатор", 4, 6, 9, 120, 3.2, 0.61, 7.2, 12.8, 1.8, 14.2, 0.40, 0.62),
        ("ТАСС", "губернатор", "мэр", 3, 9, 5, 120, 3.0, 0.52, 6.2, 12.4, 1.6, 9.5, 0.53, 0.31),
        ("ТАСС", "москва", "мэр", 3, 7, 5, 120, 3.3, 0.55, 6.5, 12.4, 1.6, 10.1, 0.55, 0.40),
        ("ТАСС", "москва", "ёлка", 2, 7, 2, 120, 4.1, 0.70, 6.1, 12.4, 1.4, 8.0, 0.98, 0.27),
        ("ТАСС", "праздник", "ёлка", 2, 3, 2, 120, 5.3, 0.88, 7.3, 12.0, 1.4, 11.3, 0.98, 0.65),
        ("ТАСС", "выборы", "мэр", 1, 6, 5, 120, 2.0, 0.20, 2.0, 11.1, 0.8, 1.2, 0.15, 0.12),
        ("РИА", "выборы", "губернатор", 2, 3, 4, 80, 3.7, 0.70, 5.7, 11.5, 1.3, 6.6, 0.65, 0.48),
        ("РИА", "губернатор", "суд", 1, 4, 2, 80, 3.3, 0.55, 3.3, 10.9, 0.9, 2.9, 0.24, 0.49),
    ],
    columns=["group", "term_a", "term_b", "n_ab", "n_a", "n_b", "n", *MEASURES[2:]],
)
TASS = PAIRS[PAIRS["group"] == "ТАСС"].drop(columns="group").reset_index(drop=True)


def _edges(graph) -> list[tuple[str, str]]:
    """The graph's edges, strongest first, each as (source, target) with source < target."""
    return list(edges_table(graph)[["source", "target"]].itertuples(index=False, name=None))


# --- network: which pairs


def test_network_keeps_the_top_pairs_by_log_dice():
    graph = network(TASS, top=3)
    assert _edges(graph) == [
        ("выборы", "губернатор"),
        ("губернатор", "мэр"),
        ("москва", "мэр"),
    ]


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        ("g2", [("выборы", "губернатор"), ("праздник", "ёлка"), ("москва", "мэр")]),
        ("npmi", [("праздник", "ёлка"), ("москва", "ёлка"), ("выборы", "губернатор")]),
        ("n_ab", [("выборы", "губернатор"), ("губернатор", "мэр"), ("москва", "мэр")]),
    ],
)
def test_network_ranks_by_the_chosen_measure(measure, expected):
    graph = network(TASS, measure=measure, top=3)
    assert _edges(graph) == expected
    assert graph.graph["measure"] == measure
    for u, v, data in graph.edges(data=True):
        assert data["weight"] == data[measure]


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_network_breaks_ties_by_n_ab_then_terms_whatever_the_row_order(seed):
    shuffled = TASS.sample(frac=1, random_state=seed)
    # of the three pairs at 12.4 the two with n_ab 3 win, губернатор before москва
    assert set(network(shuffled, top=2).edges) == {("выборы", "губернатор"), ("губернатор", "мэр")}
    assert set(network(shuffled, top=3).edges) == set(network(TASS, top=3).edges)
    assert "ёлка" not in network(shuffled, top=3)
    assert ("москва", "ёлка") in network(shuffled, top=4).edges
    expected = network(TASS, top=None)
    got = network(shuffled, top=None)
    assert list(got.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(got.edges(data=True)) == list(expected.edges(data=True))


def test_network_min_n_drops_rare_pairs_before_taking_the_top():
    assert ("выборы", "мэр") in network(TASS, top=None).edges
    graph = network(TASS, top=None, min_n=2)
    assert graph.number_of_edges() == 5
    assert ("выборы", "мэр") not in graph.edges
    assert _edges(network(TASS, top=2, min_n=4)) == [("выборы", "губернатор")]


def test_network_with_no_pair_left_is_an_empty_graph_with_its_measure():
    graph = network(TASS, min_n=100, measure="g2")
    assert graph.number_of_nodes() == 0
    assert graph.graph["measure"] == "g2"


def test_network_drops_pairs_without_a_score():
    table = TASS.assign(pmi=[3.2, float("nan"), 3.3, 4.1, 5.3, 2.0])
    graph = network(table, measure="pmi", top=None)
    assert graph.number_of_edges() == 5
    assert ("губернатор", "мэр") not in graph.edges


# --- network: attributes


def test_network_nodes_are_sorted_and_carry_term_frequencies():
    graph = network(TASS, top=None)
    assert list(graph.nodes) == ["выборы", "губернатор", "москва", "мэр", "праздник", "ёлка"]
    assert dict(graph.nodes(data="frequency")) == {
        "выборы": 6, "губернатор": 9, "москва": 7, "мэр": 5, "праздник": 3, "ёлка": 2,
    }
    assert all(type(frequency) is int for _, frequency in graph.nodes(data="frequency"))


def test_network_edges_carry_every_measure_and_the_weight():
    graph = network(TASS, top=None)
    data = graph.edges["праздник", "ёлка"]
    assert list(data) == [*MEASURES, "weight"]
    row = TASS[(TASS["term_a"] == "праздник") & (TASS["term_b"] == "ёлка")].iloc[0]
    assert data == {**{m: row[m] for m in MEASURES}, "weight": 12.0}
    # Python numbers, so GEXF stores doubles rather than 32-bit floats
    assert type(data["g2"]) is float and type(data["n_ab"]) is int
    assert "n_a" not in data and "n_b" not in data


def test_network_uses_only_the_measure_columns_present():
    table = TASS[["term_a", "term_b", "n_ab", "n_a", "n_b", "g2"]]
    graph = network(table, measure="g2", top=1)
    assert graph.edges["выборы", "губернатор"] == {"n_ab": 4, "g2": 14.2, "weight": 14.2}


def test_network_does_not_modify_the_table():
    table = PAIRS.copy()
    network(table, group="ТАСС", top=2, min_n=2)
    pd.testing.assert_frame_equal(table, PAIRS)


# --- network: groups


def test_network_takes_the_chosen_group():
    graph = network(PAIRS, group="РИА")
    assert set(graph.nodes) == {"выборы", "губернатор", "суд"}
    assert graph.nodes["выборы"]["frequency"] == 3
    assert graph.graph["group"] == "РИА"
    expected = network(TASS, top=None)
    got = network(PAIRS, group="ТАСС", top=None)
    assert list(got.edges(data=True)) == list(expected.edges(data=True))


def test_network_with_one_group_needs_no_choice():
    graph = network(PAIRS[PAIRS["group"] == "РИА"])
    assert graph.graph["group"] == "РИА"
    assert graph.number_of_edges() == 2


@pytest.mark.parametrize("group", [None, "Интерфакс"])
def test_network_missing_or_unknown_group_lists_the_groups(group):
    with pytest.raises(ValueError, match=r"group.*\['ТАСС', 'РИА'\]"):
        network(PAIRS, group=group)


def test_network_group_without_a_group_column_raises():
    with pytest.raises(ValueError, match="no 'group' column"):
        network(TASS, group="ТАСС")


# --- network: bad input


def test_network_unknown_measure_lists_the_numeric_columns():
    with pytest.raises(ValueError, match=r"measure = 'dice'") as error:
        network(TASS, measure="dice")
    assert str(MEASURES) in str(error.value)


@pytest.mark.parametrize("measure", ["term_a", "n_a", "group"])
def test_network_rejects_columns_that_are_not_pair_measures(measure):
    with pytest.raises(ValueError, match=f"measure = '{measure}'"):
        network(PAIRS, measure=measure, group="ТАСС")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"top": 0}, "top = 0"),
        ({"top": 2.5}, "top = 2.5"),
        ({"min_n": 0}, "min_n = 0"),
        ({"min_n": True}, "min_n = True"),
    ],
)
def test_network_rejects_bad_options(kwargs, message):
    with pytest.raises(ValueError, match=message):
        network(TASS, **kwargs)


def test_network_missing_columns_are_named():
    with pytest.raises(ValueError, match=r"\['n_a', 'n_b'\]"):
        network(TASS.drop(columns=["n_a", "n_b"]))


def test_network_rejects_a_pair_given_twice():
    flipped = TASS.iloc[[1]].rename(columns={"term_a": "term_b", "term_b": "term_a"})
    with pytest.raises(ValueError, match=r"\('губернатор', 'мэр'\)"):
        network(pd.concat([TASS, flipped]))
    # rows of several groups together are also repeated pairs
    with pytest.raises(ValueError, match="one row per pair"):
        network(PAIRS.drop(columns="group"))


# --- ego

# выборы—губернатор—мэр—москва—ёлка—праздник, plus выборы—мэр
GRAPH = network(TASS, top=None)


@pytest.mark.parametrize(
    ("radius", "expected"),
    [
        (0, ["ёлка"]),
        (1, ["москва", "праздник", "ёлка"]),
        (2, ["москва", "мэр", "праздник", "ёлка"]),
        (3, ["выборы", "губернатор", "москва", "мэр", "праздник", "ёлка"]),
    ],
)
def test_ego_keeps_the_neighbours_within_the_radius(radius, expected):
    graph = ego(GRAPH, "ёлка", radius=radius)
    assert list(graph.nodes) == expected
    assert set(graph.edges) == {e for e in GRAPH.edges if set(e) <= set(expected)}


def test_ego_returns_a_copy_with_the_attributes():
    graph = ego(GRAPH, "мэр")
    assert graph.nodes["мэр"] == GRAPH.nodes["мэр"]
    assert graph.edges["москва", "мэр"] == GRAPH.edges["москва", "мэр"]
    assert graph.graph["measure"] == "log_dice"
    graph.nodes["мэр"]["frequency"] = 0
    graph.remove_node("москва")
    assert GRAPH.nodes["мэр"]["frequency"] == 5
    assert "москва" in GRAPH


def test_ego_unknown_node_suggests_close_matches():
    graph = nx.Graph([("Токаев", "президент"), ("токаевский", "визит"), ("мэр", "москва")])
    with pytest.raises(ValueError, match="node = 'токаев' is not in the graph") as error:
        ego(graph, "токаев")
    assert "did you mean 'Токаев', 'токаевский'?" in str(error.value)
    with pytest.raises(ValueError, match="no similar node among its 6"):
        ego(graph, "путин")


def test_ego_rejects_a_negative_radius():
    with pytest.raises(ValueError, match="radius = -1"):
        ego(GRAPH, "мэр", radius=-1)


def _same_graph(got, expected):
    assert got.graph == expected.graph
    assert list(got.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(got.edges(data=True)) == list(expected.edges(data=True))


@pytest.mark.parametrize("node", ["ёлка", "мэр", "выборы"])
@pytest.mark.parametrize("radius", [0, 1, 2, 3])
def test_ego_of_a_pairs_table_is_the_ego_of_its_network(node, radius):
    _same_graph(ego(TASS, node, radius=radius), ego(network(TASS, top=None), node, radius=radius))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_ego_of_a_pairs_table_follows_the_options_of_network(seed):
    shuffled = PAIRS.sample(frac=1, random_state=seed)
    for options in ({"group": "ТАСС"}, {"group": "ТАСС", "measure": "g2", "min_n": 2}, {"group": "РИА", "measure": "pmi"}):
        expected = ego(network(PAIRS, top=None, **options), "губернатор")
        _same_graph(ego(shuffled, "губернатор", **options), expected)


def test_ego_of_categorical_pairs_equals_ego_of_string_pairs():
    categorical = TASS.assign(
        # categories in another order than the alphabet, and one no pair uses
        term_a=pd.Categorical(TASS["term_a"], categories=["праздник", "мэр", "москва", "выборы", "губернатор", "суд"]),
        term_b=pd.Categorical(TASS["term_b"]),
    )
    _same_graph(ego(categorical, "мэр", radius=2), ego(TASS, "мэр", radius=2))
    _same_graph(network(categorical, top=None), network(TASS, top=None))


def test_ego_of_a_pairs_table_unknown_node_suggests_close_matches():
    with pytest.raises(ValueError, match="node = 'Мэр' is not in the graph; did you mean 'мэр'"):
        ego(TASS, "Мэр")


def test_ego_of_a_pairs_table_rejects_a_pair_given_twice():
    flipped = TASS.iloc[[1]].rename(columns={"term_a": "term_b", "term_b": "term_a"})
    with pytest.raises(ValueError, match=r"\('губернатор', 'мэр'\)"):
        ego(pd.concat([TASS, flipped]), "ёлка")


def test_ego_of_a_graph_rejects_the_options_of_a_pairs_table():
    with pytest.raises(ValueError, match="measure apply to a pairs table only"):
        ego(GRAPH, "мэр", measure="g2")


def test_ego_of_a_directed_graph_ignores_the_direction():
    graph = nx.DiGraph([("мэр", "москва"), ("ёлка", "москва"), ("праздник", "ёлка")])
    assert list(ego(graph, "москва").nodes) == ["мэр", "москва", "ёлка"]
    assert list(ego(graph, "москва").edges) == [("мэр", "москва"), ("ёлка", "москва")]


# --- edges_table


def test_edges_table_sorts_by_weight_then_terms():
    table = edges_table(GRAPH)
    assert list(table.columns) == ["source", "target", "weight", *MEASURES]
    assert list(table["source"] + "—" + table["target"]) == [
        "выборы—губернатор",
        "губернатор—мэр",
        "москва—мэр",
        "москва—ёлка",
        "праздник—ёлка",
        "выборы—мэр",
    ]
    assert table["weight"].tolist() == [12.8, 12.4, 12.4, 12.4, 12.0, 11.1]
    assert table.index.tolist() == list(range(6))


def test_edges_table_keeps_the_direction_of_term_a_to_term_b():
    table = edges_table(GRAPH)
    expected = TASS.rename(columns={"term_a": "source", "term_b": "target"})
    merged = table.merge(expected, on=["source", "target"], suffixes=("", "_pairs"))
    assert len(merged) == 6
    for column in ("delta_p_ab", "delta_p_ba", "n_ab"):
        assert merged[column].tolist() == merged[f"{column}_pairs"].tolist()


def test_edges_table_of_a_graph_without_edges_has_the_columns():
    table = edges_table(nx.Graph([("мэр", "москва")]).subgraph(["мэр"]))
    assert list(table.columns) == ["source", "target", "weight"]
    assert table.empty


def test_edges_table_puts_missing_weights_last():
    graph = nx.Graph()
    graph.add_edge("суд", "мэр")
    graph.add_edge("мэр", "губернатор", weight=2.0)
    table = edges_table(graph)
    assert table["source"].tolist() == ["губернатор", "мэр"]
    assert table["weight"].tolist()[0] == 2.0
    assert math.isnan(table["weight"].tolist()[1])


# --- to_gexf


def test_gexf_round_trips_with_cyrillic_labels(tmp_path):
    path = tmp_path / "сеть.gexf"
    written = to_gexf(GRAPH, path)
    assert written == path
    text = path.read_text(encoding="utf-8")
    assert 'label="ёлка"' in text
    back = nx.read_gexf(path)
    assert sorted(back.nodes) == sorted(GRAPH.nodes)
    for node, data in back.nodes(data=True):
        assert data["label"] == node
        assert data["frequency"] == GRAPH.nodes[node]["frequency"]
    assert back.number_of_edges() == GRAPH.number_of_edges()
    for u, v, data in back.edges(data=True):
        original = GRAPH.edges[u, v]
        assert data["weight"] == original["weight"]
        # written as doubles: no float32 rounding of the measures
        assert {m: data[m] for m in MEASURES} == {m: original[m] for m in MEASURES}


def test_gexf_replaces_an_existing_file_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "сеть.gexf"
    path.write_text("старый файл", encoding="utf-8")
    to_gexf(ego(GRAPH, "ёлка"), str(path))
    assert sorted(nx.read_gexf(path).nodes) == ["москва", "праздник", "ёлка"]
    assert list(tmp_path.iterdir()) == [path]


def test_failed_write_keeps_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "сеть.gexf"
    path.write_text("старый файл", encoding="utf-8")

    def half_write(graph, target):
        with open(target, "w", encoding="utf-8") as file:
            file.write("<gexf")
        raise OSError("disk full")

    monkeypatch.setattr(nx, "write_gexf", half_write)
    with pytest.raises(OSError, match="disk full"):
        to_gexf(GRAPH, path)
    assert path.read_text(encoding="utf-8") == "старый файл"
    assert list(tmp_path.iterdir()) == [path]


def test_writing_into_a_missing_folder_raises(tmp_path):
    with pytest.raises(FileNotFoundError, match="create it first"):
        to_gexf(GRAPH, tmp_path / "нет" / "сеть.gexf")
    with pytest.raises(FileNotFoundError, match="create it first"):
        to_csv(GRAPH, tmp_path / "нет" / "рёбра.csv")


# --- to_csv


def test_csv_holds_the_edges_table_in_utf8(tmp_path):
    path = tmp_path / "рёбра.csv"
    assert to_csv(GRAPH, path) == path
    assert list(tmp_path.iterdir()) == [path]
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8").splitlines()
    assert lines[0] == "source,target,weight," + ",".join(MEASURES)
    assert lines[1].startswith("выборы,губернатор,12.8,4,120,")
    assert lines[4].startswith("москва,ёлка,12.4,2,")
    pd.testing.assert_frame_equal(pd.read_csv(path), edges_table(GRAPH), check_dtype=False)
