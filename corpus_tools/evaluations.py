"""Evaluations: the words that describe each actor, per outlet, and which are key for an outlet.

Around every actor mention (see :func:`corpus_tools.find_actors`) the content words of the same
sentence within ``window`` running words on either side are collected: adjectives and
participles (how the actor is qualified: «великий», «посланный»), nouns (apposition and
predicative nouns: «лидер», «товарищ», «посланник») and verbs (what the actor does or has done
to them: «похвалить», «назвать»). Stop words and the mention's own words are left out.

Second-person address is common in quoted praise («Вы — великий лидер», — заявил Токаев): with
``resolve_you=True`` a «вы» (any case) is read as a mention of the person named last in the
sentence just before it, unless that person is also named in the sentence itself (or, if it names
nobody, in the next one): that is the speaker of the quote; its window is twice as wide,
since the whole address is about the addressee. This is a heuristic; the column ``via`` says
which rows rest on it.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from corpus_tools.keyness import benjamini_hochberg, contingency_statistics
from corpus_tools.summary import attach
from corpus_tools.tokens import sentence_key

EVALUATION_COLUMNS = ["group", "actor", "term", "upos", "n", "n_other", "g2", "p_adj", "log_ratio"]
CONTEXT_COLUMNS = ["doc_id", "sent_id", "actor", "via", "token_id", "term", "upos", "distance"]
_YOU = {"вы"}


def _mention_tokens(tokens: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """For each mention, the row positions of its first and last token in ``tokens``."""
    key = tokens[["doc_id", "start", "stop"]].reset_index(drop=True)
    key["row"] = np.arange(len(key))
    first = mentions[["doc_id", "start"]].merge(key[["doc_id", "start", "row"]], on=["doc_id", "start"], how="left")["row"]
    last = mentions[["doc_id", "stop"]].merge(key[["doc_id", "stop", "row"]], on=["doc_id", "stop"], how="left")["row"]
    out = mentions.reset_index(drop=True).assign(first=first.to_numpy(), last=last.to_numpy())
    return out.dropna(subset=["first", "last"]).astype({"first": "int64", "last": "int64"})


def _you_mentions(tokens: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions of the addressee for «вы» tokens, per the module docstring."""
    you = tokens.reset_index(drop=True)
    rows = np.flatnonzero(you["lemma"].astype(str).isin(_YOU).to_numpy())
    if not len(rows) or mentions.empty:
        return mentions.iloc[:0].assign(via=pd.Series(dtype=str))
    persons = mentions
    if "type" in mentions.columns:
        persons = mentions[mentions["type"].astype(str) == "person"]
    found = []
    by_doc = {d: m.sort_values("start", kind="mergesort") for d, m in persons.groupby("doc_id", sort=False)}
    for r in rows:
        doc, sent, start = you.at[r, "doc_id"], you.at[r, "sent_id"], you.at[r, "start"]
        candidates = by_doc.get(doc)
        if candidates is None:
            continue
        # the speaker of a quote is named in its sentence or, when the quote runs over several
        # sentences and this one names nobody, in the next
        here = set(candidates.loc[candidates["sent_id"] == sent, "actor"])
        if not here:
            here = set(candidates.loc[candidates["sent_id"] == sent + 1, "actor"])
        previous = candidates.loc[candidates["sent_id"] < sent, "sent_id"]
        if previous.empty or previous.max() != sent - 1:
            # nobody named just before: «Вы вспомните!» addresses someone unnamed
            continue
        before = candidates[(candidates["sent_id"] == sent - 1) & ~candidates["actor"].isin(here)]
        if before.empty:
            continue
        actor = before["actor"].iloc[-1]
        found.append({"doc_id": doc, "sent_id": sent, "start": start, "stop": you.at[r, "stop"], "actor": actor})
    return pd.DataFrame(found, columns=["doc_id", "sent_id", "start", "stop", "actor"]).assign(via="вы")


def evaluation_contexts(
    tokens: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    window: int = 5,
    upos: Iterable[str] = ("ADJ", "NOUN", "VERB"),
    resolve_you: bool = True,
) -> pd.DataFrame:
    """Return the evaluative words around each mention, one row per (mention, word).

    Parameters
    ----------
    tokens
        The token table of :func:`corpus_tools.tokenize`.
    mentions
        The mention table of :func:`corpus_tools.find_actors` (``doc_id, sent_id, start, stop,
        actor`` at least; ``type`` lets «вы» resolve to persons only).
    window
        Running words (punctuation excluded) on either side, within the sentence (twice as many
        for a resolved «вы»).
    upos
        Which parts of speech count as evaluative.
    resolve_you
        Read «вы» as the addressee (see the module docstring).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, sent_id, actor, via`` (``"mention"`` or ``"вы"``), ``token_id``, ``term``
        (lemma), ``upos``, ``distance`` (negative = before the mention), sorted by document order,
        sentence, actor, token.

    Raises
    ------
    ValueError
        ``window`` is not an int >= 1 (the message gives the valid range), or ``tokens``/``mentions``
        lack a column (named).
    """
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 1:
        raise ValueError(f"window = {window!r} is invalid; value must be an int >= 1")
    for name, table, needed in (
        ("tokens", tokens, ("doc_id", "sent_id", "token_id", "start", "stop", "lemma", "upos", "is_punct", "is_stop")),
        ("mentions", mentions, ("doc_id", "sent_id", "start", "stop", "actor")),
    ):
        missing = [c for c in needed if c not in getattr(table, "columns", ())]
        if not isinstance(table, pd.DataFrame) or missing:
            source = "corpus_tools.tokenize" if name == "tokens" else "corpus_tools.find_actors"
            raise ValueError(f"{name} lacks column(s) {missing or list(needed)}; pass the table of {source}")
    found = mentions[["doc_id", "sent_id", "start", "stop", "actor"]].assign(via="mention")
    if resolve_you:
        found = pd.concat([found, _you_mentions(tokens, mentions)], ignore_index=True)
    toks = tokens.reset_index(drop=True)
    located = _mention_tokens(toks, found)
    words = ~toks["is_punct"].to_numpy(dtype=bool)
    # running-word index over the whole table; sentences bound the window below
    word_index = np.cumsum(words) - 1
    sentence = sentence_key(toks)
    wanted = set(upos)
    usable = words & ~toks["is_stop"].to_numpy(dtype=bool) & toks["upos"].astype(str).isin(wanted).to_numpy()
    word_rows = np.flatnonzero(words)
    rows = []
    for m in located.itertuples(index=False):
        lo, hi = word_index[m.first], word_index[m.last]
        reach = 2 * window if m.via == "вы" else window
        span = word_rows[max(lo - reach, 0) : hi + reach + 1]
        span = span[(sentence[span] == sentence[m.first]) & ((span < m.first) | (span > m.last)) & usable[span]]
        for r in span:
            distance = int(word_index[r] - lo) if r < m.first else int(word_index[r] - hi)
            rows.append((m.doc_id, m.sent_id, m.actor, m.via, toks.at[r, "token_id"], str(toks.at[r, "lemma"]), str(toks.at[r, "upos"]), distance))
    table = pd.DataFrame(rows, columns=CONTEXT_COLUMNS)
    order = {d: i for i, d in enumerate(pd.unique(toks["doc_id"]))}
    table["_doc"] = table["doc_id"].map(order)
    table = table.sort_values(["_doc", "sent_id", "actor", "token_id"], kind="mergesort").drop(columns="_doc")
    # a word near two mentions of the same actor (apposition) counts once
    return table.drop_duplicates(["doc_id", "actor", "token_id"]).reset_index(drop=True)


def evaluations(
    tokens: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    by: str = "source",
    docs: pd.DataFrame | None = None,
    window: int = 5,
    upos: Iterable[str] = ("ADJ", "NOUN", "VERB"),
    resolve_you: bool = True,
) -> pd.DataFrame:
    """Count each actor's evaluative words per group, with keyness against the other groups.

    For every actor and group, each word's count ``n`` is compared with its count ``n_other``
    among the same actor's evaluative words in all other groups (Dunning's G², Benjamini–Hochberg
    ``p_adj`` within the actor–group comparison, Hardie's log ratio; see
    :func:`corpus_tools.keyness.contingency_statistics`). With a single group, G² and log ratio
    are NaN.

    Parameters
    ----------
    tokens, mentions, window, upos, resolve_you
        As for :func:`evaluation_contexts`.
    by, docs
        The grouping column, from ``tokens`` or from ``docs`` via ``doc_id``.

    Returns
    -------
    pandas.DataFrame
        ``group, actor, term, upos, n, n_other, g2, p_adj, log_ratio``, sorted by group, actor,
        ``n`` descending, ``g2`` descending, term.

    Raises
    ------
    ValueError
        As :func:`evaluation_contexts`; also when ``by`` is in neither table or a document is not in
        ``docs``.
    """
    contexts = evaluation_contexts(tokens, mentions, window=window, upos=upos, resolve_you=resolve_you)
    if contexts.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c in ("g2", "p_adj", "log_ratio") else ("int64" if c in ("n", "n_other") else "str")) for c in EVALUATION_COLUMNS})
    contexts = attach(contexts, by, docs)
    contexts["group"] = contexts[by].astype(str)
    counts = contexts.groupby(["group", "actor", "term", "upos"]).size().rename("n").reset_index()
    totals = counts.groupby(["actor", "term", "upos"])["n"].transform("sum")
    counts["n_other"] = (totals - counts["n"]).astype("int64")
    size = counts.groupby(["group", "actor"])["n"].transform("sum")
    actor_size = counts.groupby("actor")["n"].transform("sum")
    other_size = actor_size - size
    stats = contingency_statistics(counts["n"].to_numpy(), counts["n_other"].to_numpy(), size.to_numpy(), other_size.to_numpy())
    single = other_size.to_numpy() == 0
    counts["g2"] = np.where(single, np.nan, stats["g2"])
    counts["log_ratio"] = np.where(single, np.nan, stats["log_ratio"])
    counts["p_adj"] = np.nan
    for _, index in counts.groupby(["group", "actor"]).groups.items():
        p = stats["p"][counts.index.get_indexer(index)]
        if not np.isnan(counts.loc[index, "g2"]).all():
            counts.loc[index, "p_adj"] = benjamini_hochberg(p)
    counts = counts.sort_values(["group", "actor", "n", "g2", "term"], ascending=[True, True, False, False, True], kind="mergesort")
    return counts[EVALUATION_COLUMNS].reset_index(drop=True)
