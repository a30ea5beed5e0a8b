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

from corpus_tools.frequency import _isin
from corpus_tools.keyness import benjamini_hochberg, contingency_statistics
from corpus_tools.summary import attach
from corpus_tools.tokens import sentence_key

EVALUATION_COLUMNS = ["group", "actor", "term", "upos", "n", "n_other", "g2", "p_adj", "log_ratio"]
CONTEXT_COLUMNS = ["doc_id", "sent_id", "actor", "via", "token_id", "term", "upos", "distance"]
_YOU = {"вы"}


def _mention_tokens(tokens: pd.DataFrame, mentions: pd.DataFrame, documents: tuple | None = None) -> pd.DataFrame:
    """For each mention, the row positions of its first and last token in ``tokens``.

    ``documents`` is ``pd.factorize(tokens["doc_id"])`` when the caller has it already.
    """
    doc_codes, doc_names = pd.factorize(tokens["doc_id"]) if documents is None else documents
    starts, stops = tokens["start"].to_numpy(dtype=np.int64), tokens["stop"].to_numpy(dtype=np.int64)
    width = int(stops.max()) + 1 if len(stops) else 1
    by_start, by_stop = pd.Index(doc_codes * width + starts), pd.Index(doc_codes * width + stops)
    offsets_are_ints = all(pd.api.types.is_integer_dtype(mentions[c]) for c in ("start", "stop"))
    if not (by_start.is_unique and by_stop.is_unique and offsets_are_ints):
        return _mention_tokens_merged(tokens, mentions)
    mention_docs = doc_names.get_indexer(mentions["doc_id"].to_numpy(dtype=object))
    located = []
    for index, column in ((by_start, "start"), (by_stop, "stop")):
        offset = mentions[column].to_numpy(dtype=np.int64)
        valid = (mention_docs >= 0) & (offset >= 0) & (offset < width)
        located.append(np.where(valid, index.get_indexer(mention_docs * width + offset), -1))
    out = mentions.reset_index(drop=True).assign(first=located[0], last=located[1])
    return out[(located[0] >= 0) & (located[1] >= 0)]


def _mention_tokens_merged(tokens: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """:func:`_mention_tokens` by joins, for two tokens at one offset or offsets that are not integers."""
    key = tokens[["doc_id", "start", "stop"]].reset_index(drop=True)
    key["row"] = np.arange(len(key))
    first = mentions[["doc_id", "start"]].merge(key[["doc_id", "start", "row"]], on=["doc_id", "start"], how="left")["row"]
    last = mentions[["doc_id", "stop"]].merge(key[["doc_id", "stop", "row"]], on=["doc_id", "stop"], how="left")["row"]
    out = mentions.reset_index(drop=True).assign(first=first.to_numpy(), last=last.to_numpy())
    return out.dropna(subset=["first", "last"]).astype({"first": "int64", "last": "int64"})


def _you_mentions(tokens: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions of the addressee for «вы» tokens, per the module docstring."""
    you = tokens.reset_index(drop=True)
    rows = np.flatnonzero(_isin(you["lemma"], _YOU))
    if not len(rows) or mentions.empty:
        return mentions.iloc[:0].assign(via=pd.Series(dtype=str))
    persons = mentions
    if "type" in mentions.columns:
        persons = mentions[mentions["type"].astype(str) == "person"]
    # the actors named in each sentence, in text order (ties in table order)
    named: dict[tuple, list] = {}
    persons = persons.sort_values("start", kind="mergesort")
    for doc, sent, actor in zip(persons["doc_id"].tolist(), persons["sent_id"].tolist(), persons["actor"].tolist()):
        named.setdefault((doc, sent), []).append(actor)
    found = []
    docs = you["doc_id"].iloc[rows].tolist()
    sents = you["sent_id"].to_numpy()[rows]
    starts, stops = you["start"].to_numpy()[rows], you["stop"].to_numpy()[rows]
    for doc, sent, start, stop in zip(docs, sents, starts, stops):
        # nobody named just before: «Вы вспомните!» addresses someone unnamed
        just_before = named.get((doc, sent - 1))
        if just_before is None:
            continue
        # the speaker of a quote is named in its sentence or, when the quote runs over several
        # sentences and this one names nobody, in the next
        here = set(named.get((doc, sent), ())) or set(named.get((doc, sent + 1), ()))
        before = [actor for actor in just_before if actor not in here]
        if before:
            found.append({"doc_id": doc, "sent_id": sent, "start": start, "stop": stop, "actor": before[-1]})
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
    documents = pd.factorize(toks["doc_id"])
    located = _mention_tokens(toks, found, documents)
    words = ~toks["is_punct"].to_numpy(dtype=bool)
    # running-word index over the whole table; sentences bound the window below
    word_index = np.cumsum(words) - 1
    sentence = sentence_key(toks, documents[0])
    wanted = set(upos)
    usable = words & ~toks["is_stop"].to_numpy(dtype=bool) & _isin(toks["upos"], wanted)
    word_rows = np.flatnonzero(words)
    first, last = located["first"].to_numpy(), located["last"].to_numpy()
    lo, hi = word_index[first], word_index[last]
    reach = np.where(located["via"].to_numpy(dtype=object) == "вы", 2 * window, window)
    # every running word from `reach` words before the mention to `reach` words after it, one row
    # per (mention, word), mentions in table order and words in text order
    begin = np.maximum(lo - reach, 0)
    count = np.maximum(np.minimum(hi + reach + 1, len(word_rows)) - begin, 0)
    owner = np.repeat(np.arange(len(located)), count)
    step = np.arange(len(owner)) - np.repeat(np.cumsum(count) - count, count)
    span = word_rows[np.repeat(begin, count) + step]
    inside = (span >= first[owner]) & (span <= last[owner])
    keep = (sentence[span] == sentence[first[owner]]) & ~inside & usable[span]
    owner, span = owner[keep], span[keep]
    distance = np.where(span < first[owner], word_index[span] - lo[owner], word_index[span] - hi[owner])
    if not len(span):
        table = pd.DataFrame([], columns=CONTEXT_COLUMNS)
    else:
        table = pd.DataFrame(
            {
                "doc_id": located["doc_id"].iloc[owner].tolist(),
                "sent_id": located["sent_id"].iloc[owner].tolist(),
                "actor": located["actor"].iloc[owner].tolist(),
                "via": located["via"].iloc[owner].tolist(),
                # NumPy numbers keep their dtype (an int32 token_id stays int32)
                "token_id": toks["token_id"].to_numpy()[span],
                "term": toks["lemma"].iloc[span].astype(str).tolist(),
                "upos": toks["upos"].iloc[span].astype(str).tolist(),
                "distance": distance.tolist(),
            }
        )
    order = {d: i for i, d in enumerate(documents[1])}
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

    Notes
    -----
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
    # Benjamini–Hochberg within each actor–group comparison that has statistics
    p_adj = np.full(len(counts), np.nan)
    comparison = counts.groupby(["group", "actor"]).ngroup().to_numpy()
    order = np.argsort(comparison, kind="stable")
    g2 = counts["g2"].to_numpy()
    for rows in np.split(order, np.flatnonzero(np.diff(comparison[order])) + 1):
        # ngroup() numbers rows with a missing key -1; groupby leaves them out
        if len(rows) and comparison[rows[0]] >= 0 and not np.isnan(g2[rows]).all():
            p_adj[rows] = benjamini_hochberg(stats["p"][rows])
    counts["p_adj"] = p_adj
    counts = counts.sort_values(["group", "actor", "n", "g2", "term"], ascending=[True, True, False, False, True], kind="mergesort")
    return counts[EVALUATION_COLUMNS].reset_index(drop=True)
