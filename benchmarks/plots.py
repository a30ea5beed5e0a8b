"""Time to draw the charts of corpus_tools.plots at the sizes of real corpora.

Usage (from the project root)::

    .venv/bin/python benchmarks/plots.py [sample folder]

Default folder: ../shared/data/corpora/ru_news_mix/sample (2,000 documents, 30 outlets). Prints,
per chart, the wall time of building it and rendering it once (Agg, the default dpi): networks of
synthetic preferential-attachment graphs of 40, 120 and 300 labelled nodes (label separation with
adjustText is quadratic in the labels it moves, which is why only the 50 most frequent are moved),
then each new chart on the sample, and a heatmap and a timeline of 120 synthetic outlets.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import pandas as pd  # noqa: E402

import corpus_tools as ct  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1].parent / "shared/data/corpora/ru_news_mix/sample"


def timed(name: str, draw) -> None:
    """Build a chart with ``draw()`` (an Axes or Figure), render it once; print the wall time."""
    started = time.perf_counter()
    result = draw()
    (result if isinstance(result, matplotlib.figure.Figure) else result.figure).canvas.draw()
    print(f"{name:<52} {time.perf_counter() - started:7.2f} s", flush=True)
    plt.close("all")


def graph(n: int) -> nx.Graph:
    g = nx.barabasi_albert_graph(n, 2, seed=0)
    g = nx.relabel_nodes(g, {i: f"слово{i}" for i in g.nodes})
    nx.set_node_attributes(g, {node: degree for node, degree in g.degree}, "frequency")
    return g


def main(folder: Path) -> None:
    for n in (40, 120, 300):
        timed(f"network, {n} labelled nodes", lambda n=n: ct.plots.network(graph(n), seed=0))

    docs, tokens = ct.load(folder)
    source = docs.set_index("doc_id").source
    units = ct.terms(tokens.assign(source=tokens.doc_id.map(source)))
    print(f"sample: {len(docs):,} documents, {docs.source.nunique()} outlets, {len(units):,} terms")
    mentions = ct.find_actors(tokens).assign(source=lambda m: m.doc_id.map(source))
    counts = mentions.groupby(["actor", "source"]).size().rename("mentions").reset_index()
    scores = ct.frame_scores(tokens, by="source", docs=docs, n_boot=1000, seed=0)
    largest = units.groupby("source").size().sort_values(ascending=False, kind="mergesort").index
    top_terms = ct.frequency(units).term.head(8).tolist()
    pairs = ct.cooccurrence(tokens, window=5, min_count=2)

    timed("heatmap, actors x outlets", lambda: ct.plots.heatmap(counts, index="actor", columns="source", values="mentions", fmt=".0f"))
    timed("frames, 30 outlets, intervals of 1,000 resamples", lambda: ct.plots.frames(scores))
    timed("keyness, largest outlet vs all other outlets", lambda: ct.plots.keyness(ct.keyness(units, by="source", target=largest[0])))
    timed("timeline table + plot, weekly mentions", lambda: ct.plots.timeline(ct.timeline(mentions, docs, freq="week")))
    timed("dispersion, 8 most frequent terms", lambda: ct.plots.dispersion(units, top_terms, docs=docs))
    timed(f"comparison, {largest[0]} vs {largest[1]}", lambda: ct.plots.comparison(units, largest[0], largest[1]))
    timed("network, top 40 pairs of the sample", lambda: ct.plots.network(ct.network(pairs, measure="log_dice", top=40), seed=0))

    many = pd.DataFrame(
        [(f"outlet {k:03d}", f"актор {a:02d}", k + 1) for k in range(120) for a in range(12)],
        columns=["source", "actor", "mentions"],
    )
    weekly = pd.DataFrame(
        [(pd.Timestamp("2024-01-01") + pd.Timedelta(weeks=w), f"outlet {k:03d}", k, k, k + 1, k / (k + 1)) for w in range(52) for k in range(120)],
        columns=["period", "group", "count", "docs", "total_docs", "share"],
    )
    timed("heatmap, 120 synthetic outlets (top 30 + other)", lambda: ct.plots.heatmap(many, index="actor", columns="source", values="mentions"))
    timed("timeline, 120 synthetic outlets x 52 weeks", lambda: ct.plots.timeline(weekly))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE)
