import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.evaluations import EVALUATION_COLUMNS, evaluation_contexts, evaluations

NAMES = {"трамп": "Трамп", "путин": "Путин", "токаев": "Токаев", "песков": "Песков"}


@pytest.fixture(scope="module")
def seeds(seeds_dir, root):
    docs = ct.read_corpus(seeds_dir, metadata=root / "data" / "seeds_metadata.csv")
    tokens = ct.tokenize(docs)
    # mentions by surname lemma: independent of the actor table, enough for these checks
    mentions = tokens[tokens.lemma.isin(NAMES)].assign(actor=lambda t: t.lemma.map(NAMES), type="person")
    return docs, tokens, mentions[["doc_id", "sent_id", "token_id", "start", "stop", "actor", "type"]]


def words_for(contexts, doc_prefix, actor):
    rows = contexts[contexts.doc_id.str.startswith(doc_prefix) & (contexts.actor == actor)]
    return set(rows.term)


def test_praise_of_trump_is_attributed_through_the_address(seeds):
    _, tokens, mentions = seeds
    contexts = evaluation_contexts(tokens, mentions)
    for doc in ("000", "002"):
        assert {"великий", "лидер", "деятель"} <= words_for(contexts, doc, "Трамп"), doc
    assert {"послать", "небо"} <= words_for(contexts, "000", "Трамп")  # «посланный небесами»
    assert {"посланник", "небо"} <= words_for(contexts, "002", "Трамп")
    # «вы» addresses Трамп in the praise quotes and Путин in 003 («поделиться с вами, как со старшим
    # товарищем»); «Вы вспомните!» (001) follows a sentence naming nobody and stays unresolved
    addressed = contexts[contexts.via == "вы"].groupby("doc_id").actor.agg(set)
    assert {d[:3]: a for d, a in addressed.items()} == {"000": {"Трамп"}, "002": {"Трамп"}, "003": {"Путин"}}


def test_putin_as_elder_comrade_in_003(seeds):
    _, tokens, mentions = seeds
    contexts = evaluation_contexts(tokens, mentions)
    assert {"старший", "товарищ"} <= words_for(contexts, "003", "Путин")
    assert not {"старший", "товарищ"} & words_for(contexts, "000", "Путин")


def test_without_address_resolution_the_praise_is_not_attributed(seeds):
    _, tokens, mentions = seeds
    contexts = evaluation_contexts(tokens, mentions, resolve_you=False)
    assert "великий" not in words_for(contexts, "000", "Трамп")
    assert contexts.via.eq("mention").all()


def test_window_stays_in_the_sentence_and_skips_stop_words(seeds):
    _, tokens, mentions = seeds
    contexts = evaluation_contexts(tokens, mentions, window=3, resolve_you=False)
    assert contexts.distance.abs().between(1, 3).all()
    merged = contexts.merge(tokens[["doc_id", "token_id", "sent_id", "is_stop", "upos"]], on=["doc_id", "token_id"], suffixes=("", "_tok"))
    assert (merged.sent_id == merged.sent_id_tok).all()
    assert not merged.is_stop.any()
    assert merged.upos.isin(["ADJ", "NOUN", "VERB"]).all()


def test_counts_and_keyness_per_source(seeds):
    docs, tokens, mentions = seeds
    got = evaluations(tokens, mentions, docs=docs)
    assert list(got.columns) == EVALUATION_COLUMNS
    row = got[(got.group == "haqqin.az") & (got.actor == "Путин") & (got.term == "товарищ")].iloc[0]
    # «своим старшим товарищем» and «с вами, как со старшим товарищем» (the address)
    assert (row.n, row.n_other) == (2, 0) and row.log_ratio > 0
    totals = evaluation_contexts(tokens, mentions).groupby("actor").size()
    assert got.groupby("actor").n.sum().to_dict() == totals.to_dict()
    assert got.p_adj.dropna().between(0, 1).all()


def test_bad_window_and_no_mentions(seeds):
    docs, tokens, mentions = seeds
    with pytest.raises(ValueError, match="window = 0"):
        evaluation_contexts(tokens, mentions, window=0)
    empty = evaluations(tokens, mentions.iloc[:0], docs=docs)
    assert empty.empty and list(empty.columns) == EVALUATION_COLUMNS
