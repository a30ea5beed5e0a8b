import pandas as pd
import pytest
from scipy import stats

import corpus_tools as ct
from corpus_tools.evaluations import (
    EVALUATION_COLUMNS,
    _mention_tokens,
    _mention_tokens_merged,
    evaluation_contexts,
    evaluations,
)

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
    got = evaluations(tokens, mentions, docs=docs, min_count=1, min_docs=1)
    assert list(got.columns) == EVALUATION_COLUMNS
    row = got[(got.group == "haqqin.az") & (got.actor == "Путин") & (got.term == "товарищ")].iloc[0]
    # «своим старшим товарищем» and «с вами, как со старшим товарищем» (the address)
    assert (row.n, row.n_other, row.n_docs) == (2, 0, 1) and row.log_ratio > 0
    # by default one article is not enough: the counts stay, the test is not made
    floored = evaluations(tokens, mentions, docs=docs)
    counted = ["group", "actor", "term", "upos", "n", "n_other", "n_docs"]
    pd.testing.assert_frame_equal(floored[counted].sort_values(counted, ignore_index=True), got[counted].sort_values(counted, ignore_index=True))
    assert floored.g2.isna().all() and floored.p_adj.isna().all()
    totals = evaluation_contexts(tokens, mentions).groupby("actor").size()
    assert got.groupby("actor").n.sum().to_dict() == totals.to_dict()
    assert got.p_adj.dropna().between(0, 1).all()


def test_bad_window_and_no_mentions(seeds):
    docs, tokens, mentions = seeds
    with pytest.raises(ValueError, match="window = 0"):
        evaluation_contexts(tokens, mentions, window=0)
    empty = evaluations(tokens, mentions.iloc[:0], docs=docs)
    assert empty.empty and list(empty.columns) == EVALUATION_COLUMNS


def test_mention_tokens_by_offsets_equal_the_join(seeds):
    _, tokens, mentions = seeds
    stray = mentions.iloc[:2].assign(doc_id=["no-such-doc", mentions.doc_id.iloc[1]], start=[0, -5])
    table = pd.concat([mentions, stray], ignore_index=True)
    got = _mention_tokens(tokens, table)
    pd.testing.assert_frame_equal(got, _mention_tokens_merged(tokens, table))
    # the mention of an unknown document and the one at no token's offset are left out
    assert len(got) == len(mentions)
    assert (tokens.start.to_numpy()[got["first"]] == got.start.to_numpy()).all()


def test_a_table_with_two_tokens_at_one_offset_is_joined_as_before(seeds):
    _, tokens, mentions = seeds
    # a repeated token makes an offset ambiguous; the join then decides, as it always did
    doubled = pd.concat([tokens, tokens.iloc[[0]]], ignore_index=True)
    elsewhere = mentions[mentions.doc_id != tokens.doc_id.iloc[0]]
    got = _mention_tokens(doubled, elsewhere)
    assert len(got) == len(elsewhere) > 0
    pd.testing.assert_frame_equal(got, _mention_tokens_merged(doubled, elsewhere))


def test_categorical_token_columns_give_the_same_contexts(seeds):
    _, tokens, mentions = seeds
    categorical = tokens.astype({"doc_id": "category", "lemma": "category", "upos": "category"})
    pd.testing.assert_frame_equal(evaluation_contexts(categorical, mentions), evaluation_contexts(tokens, mentions))


@pytest.mark.parametrize("window", [1, 2, 5])
def test_contexts_match_a_word_by_word_walk_through_the_sentence(seeds, window):
    _, tokens, mentions = seeds
    got = evaluation_contexts(tokens, mentions, window=window, resolve_you=False)
    expected = set()
    for m in mentions.itertuples():
        sentence = tokens[(tokens.doc_id == m.doc_id) & (tokens.sent_id == m.sent_id) & ~tokens.is_punct].reset_index(drop=True)
        first = sentence.index[sentence.start == m.start][0]
        last = sentence.index[sentence.stop == m.stop][0]
        for i, word in sentence.iterrows():
            distance = i - first if i < first else i - last
            if (i < first or i > last) and abs(distance) <= window and not word.is_stop and word.upos in ("ADJ", "NOUN", "VERB"):
                expected.add((m.doc_id, m.actor, word.token_id))
    assert set(zip(got.doc_id, got.actor, got.token_id)) == expected
    assert got.distance.abs().between(1, window).all()


@pytest.fixture(scope="module")
def sample(shared):
    docs = ct.read_corpus(shared("data/corpora/ru_news_mix/sample"))
    tokens = ct.tokenize(docs)
    mentions = tokens[tokens.lemma.isin(SAMPLE_NAMES)].assign(actor=lambda t: t.lemma.str.title(), type="place")
    return docs, tokens, mentions[["doc_id", "sent_id", "token_id", "start", "stop", "actor", "type"]]


# frequent names in the sample; mentions by lemma keep the test independent of the actor table
SAMPLE_NAMES = ["россия", "москва", "казахстан", "сша", "украина", "путин", "трамп"]


def test_floors_on_the_sample(sample):
    docs, tokens, mentions = sample
    got = evaluations(tokens, mentions, docs=docs)
    floorless = evaluations(tokens, mentions, docs=docs, min_count=0, min_docs=0)
    keys = ["group", "actor", "term", "upos"]
    # the same counted rows; only the tests (and so the order among equal counts) differ
    counted = keys + ["n", "n_other", "n_docs"]
    pd.testing.assert_frame_equal(got[counted].sort_values(keys, ignore_index=True), floorless[counted].sort_values(keys, ignore_index=True))
    # n_docs counted independently from the contexts
    contexts = evaluation_contexts(tokens, mentions).merge(docs[["doc_id", "source"]], on="doc_id")
    spread = contexts.groupby(["source", "actor", "term", "upos"]).doc_id.nunique()
    assert got.n_docs.tolist() == spread.reindex(pd.MultiIndex.from_frame(got[keys])).tolist()
    tested = got.g2.notna()
    assert tested.any() and (got.n[tested] >= 2).all() and (got.n_docs[tested] >= 2).all()
    assert ((floorless.p_adj < 0.05) & (floorless.n == 1)).any()  # what the floors are for
    # p_adj: Benjamini–Hochberg over the tested words of each comparison (scipy as the reference)
    for _, rows in got[tested].groupby(["group", "actor"]):
        p = stats.chi2.sf(rows.g2.to_numpy(), 1)
        assert rows.p_adj.to_numpy() == pytest.approx(stats.false_discovery_control(p, method="bh"))
    # tested statistics are those of the floorless table
    both = got[tested].merge(floorless, on=keys, suffixes=("", "_all"))
    assert both.g2.to_numpy() == pytest.approx(both.g2_all.to_numpy())
    # outlets by their number of documents, largest first
    order = got.drop_duplicates("group").group.tolist()
    sizes = docs.source.value_counts()
    assert [sizes[g] for g in order] == sorted((sizes[g] for g in order), reverse=True)
    assert order[0] == "N+1"


@pytest.mark.parametrize("option, value", [("min_count", -2), ("min_docs", "2")])
def test_bad_floor_names_the_parameter(seeds, option, value):
    docs, tokens, mentions = seeds
    with pytest.raises(ValueError, match=f"{option} = {value!r} is invalid"):
        evaluations(tokens, mentions, docs=docs, **{option: value})
