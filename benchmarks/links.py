"""Links in content terms: the top terms of frequency, keyness and co-occurrence on a real sample.

Usage (from the project root)::

    .venv/bin/python benchmarks/links.py [folder]

Default folder: ../shared/data/corpora/ru_news_mix/sample (2,000 documents, Telegram, VK and web
news with their links, handles, hashtags and «➡читать» arrows). Prints, for the whole sample,
the top 30 terms by frequency, the top 10 key terms of the three outlets with most link tokens
and the top 20 co-occurring pairs, and how many of each list look like pieces of links
(``LINKISH``: a rule written here, independent of the token flag). With a version of the
package that flags links (``is_link``), it also prints the tables with links kept
(``exclude=("punct", "stop")``), which is what older versions showed.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pandas as pd

import corpus_tools as ct

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/data/corpora/ru_news_mix/sample"
# pieces of URLs, e-mails, handles and hashtags as razdel splits them, and link arrows
LINKISH = re.compile(r"^(?:https?|www|t|me|com|ru|org|net|html|php|amp|vk|ly|bit|utm_\w+|[\w.-]*_[\w.-]*)$|^[#@➡👉⬇👇→▶]", re.I)


def _linkish(terms) -> str:
    found = [t for t in terms if LINKISH.search(str(t))]
    return f"{len(found)} of {len(terms)} link-like" + (f": {', '.join(map(str, found[:12]))}" if found else "")


def report(tokens: pd.DataFrame, by_source: pd.DataFrame, outlets: list[str], exclude: tuple[str, ...] | None) -> None:
    options = {} if exclude is None else {"exclude": exclude}
    top = ct.frequency(ct.terms(tokens, **options)).head(30)
    print("frequency top 30:", ", ".join(top.term))
    print("   ", _linkish(top.term.tolist()))
    key = ct.keyness(ct.terms(by_source, **options), by="source")
    for outlet in outlets:
        terms = key[(key.group == outlet) & (key.log_ratio > 0)].head(10).term.tolist()
        print(f"keyness top 10, {outlet}: {', '.join(terms)}")
        print("   ", _linkish(terms))
    pairs_input = tokens if exclude is None or "link" in exclude else tokens.assign(is_link=False)
    pairs = ct.cooccurrence(pairs_input, window=5, min_count=5).sort_values(["n_ab", "term_a", "term_b"], ascending=[False, True, True]).head(20)
    labels = [f"{a}~{b}" for a, b in zip(pairs.term_a, pairs.term_b)]
    print("co-occurrence top 20 by n_ab:", ", ".join(labels))
    print("   ", _linkish([t for pair in zip(pairs.term_a, pairs.term_b) for t in pair]), "(terms of the pairs)")


def main(folder: Path) -> None:
    started = time.perf_counter()
    docs = ct.read_corpus(folder)
    tokens = ct.tokenize(docs, n_jobs=-1)
    print(f"{folder}: {len(docs):,} documents, {len(tokens):,} tokens ({time.perf_counter() - started:.0f} s)")
    by_source = tokens.assign(source=tokens.doc_id.map(docs.set_index("doc_id").source))
    flagged = "is_link" in tokens.columns
    if flagged:
        print(f"link tokens: {int(tokens.is_link.sum()):,} ({tokens.is_link.mean():.2%}), in {tokens[tokens.is_link].doc_id.nunique():,} documents")
        outlets = by_source[by_source.is_link].source.value_counts().head(3).index.tolist()
    else:
        outlets = by_source[by_source.token.str.contains(r"^(?:https?|www)$", regex=True)].source.value_counts().head(3).index.tolist()
    print("\n== default (links excluded when the package flags them) ==")
    report(tokens, by_source, outlets, None)
    if flagged:
        print("\n== links kept: exclude=('punct', 'stop') ==")
        report(tokens, by_source, outlets, ("punct", "stop"))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
