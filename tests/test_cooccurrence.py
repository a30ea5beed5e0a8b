import itertools
import math
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.metrics import BigramAssocMeasures

import corpus_tools as ct
from corpus_tools.cooccurrence import MEASURES, PAIR_COLUMNS, association, collocates, cooccurrence

WORDS = ["мир", "война", "сша", "кремль", "и", ","]


def token_table(sentences):
    """sentences: list of (doc_id, [lemma, ...]); 'и' is a stop word and ',' punctuation."""
    rows = []
    for sent_id, (doc, lemmas) in enumerate(sentences):
        for lemma in lemmas:
            rows.append((doc, sent_id, lemma))
    t = pd.DataFrame(rows, columns=["doc_id", "sent_id", "lemma"])
    t["token_id"] = t.groupby("doc_id").cumcount()
    return t.assign(token=t.lemma, upos="NOUN", is_punct=t.lemma.eq(","), is_stop=t.lemma.eq("и"), in_title=False, start=0, stop=1)


def brute_window(sentences, window, within="sentence"):
    counts = Counter()
    units = {}
    for sent_id, (doc, lemmas) in enumerate(sentences):
        key = sent_id if within == "sentence" else doc
        units.setdefault(key, []).extend(lemmas)
    for lemmas in units.values():
        words = [w for w in lemmas if w != ","]  # positions are running words
        for i, j in itertools.combinations(range(len(words)), 2):
            a, b = words[i], words[j]
            if j - i <= window and a != b and "и" not in (a, b):
                counts[tuple(sorted((a, b)))] += 1
    return counts


def brute_presence(sentences, within):
    units = {}
    for sent_id, (doc, lemmas) in enumerate(sentences):
        units.setdefault(sent_id if within == "sentence" else doc, set()).update(w for w in lemmas if w not in ("и", ","))
    counts = Counter()
    for words in units.values():
        for pair in itertools.combinations(sorted(words), 2):
            counts[pair] += 1
    return counts, units


def as_counter(table):
    return Counter({(a, b): n for a, b, n in zip(table.term_a, table.term_b, table.n_ab)})


sentences_strategy = st.lists(
    st.tuples(st.sampled_from(["d1", "d2"]), st.lists(st.sampled_from(WORDS), min_size=0, max_size=12)), min_size=1, max_size=6
).map(lambda s: sorted(s, key=lambda x: x[0]))  # documents contiguous, as tokenize gives them


@settings(max_examples=80, deadline=None)
@given(sentences_strategy, st.integers(min_value=1, max_value=6), st.sampled_from(["sentence", "document"]))
def test_window_counts_equal_brute_force(sentences, window, within):
    got = cooccurrence(token_table(sentences), window=window, within=within, min_count=1, min_freq=1)
    assert as_counter(got) == brute_window(sentences, window, within)
    assert (got.term_a.astype(str) < got.term_b.astype(str)).all()


@settings(max_examples=60, deadline=None)
@given(sentences_strategy, st.sampled_from(["sentence", "document"]))
def test_copresence_counts_equal_brute_force(sentences, within):
    got = cooccurrence(token_table(sentences), window=None, within=within, min_count=1, min_freq=1)
    expected, units = brute_presence(sentences, within)
    assert as_counter(got) == expected
    if len(got):
        assert got.n.iloc[0] == sum(1 for words in units.values() if words)
        presence = Counter(w for words in units.values() for w in words)
        assert all(got.n_a == got.term_a.map(presence)) and all(got.n_b == got.term_b.map(presence))


@pytest.mark.parametrize("n_ab, n_a, n_b, n", [(30, 60, 90, 1000), (2, 5, 7, 40), (12, 12, 30, 500), (1, 300, 400, 1000)])
def test_measures_equal_nltk_for_copresence(n_ab, n_a, n_b, n):
    m = {k: float(v[0]) for k, v in association(np.array([n_ab]), np.array([n_a]), np.array([n_b]), n).items()}
    args = (n_ab, (n_a, n_b), n)
    assert m["pmi"] == pytest.approx(BigramAssocMeasures.pmi(*args))
    assert m["t_score"] == pytest.approx(BigramAssocMeasures.student_t(*args), rel=1e-6)
    assert m["g2"] == pytest.approx(BigramAssocMeasures.likelihood_ratio(*args))
    assert m["log_dice"] == pytest.approx(14 + math.log2(BigramAssocMeasures.dice(*args)))


def test_measures_hand_computed_with_window_slots():
    # O = 6, n_a = 10, n_b = 20, n = 1000, window 5 -> s = 10 slots, E = 10 * 10 * 20 / 1000 = 2
    m = {k: float(v[0]) for k, v in association(np.array([6]), np.array([10]), np.array([20]), 1000, slots=10).items()}
    assert m["pmi"] == pytest.approx(math.log2(6 / 2))
    assert m["mi3"] == pytest.approx(math.log2(6**3 / 2))
    assert m["t_score"] == pytest.approx((6 - 2) / math.sqrt(6))
    assert m["log_dice"] == pytest.approx(14 + math.log2(12 / 30))
    assert m["npmi"] == pytest.approx(math.log2(3) / -math.log2(6 / 10000))
    # 2x2 of slots: R1 = 100, C1 = 200, N = 10000
    assert m["delta_p_ab"] == pytest.approx(6 / 100 - 194 / 9900)
    assert m["delta_p_ba"] == pytest.approx(6 / 200 - 94 / 9800)
    o = np.array([6, 94, 194, 9706])
    e = np.array([100 * 200, 100 * 9800, 9900 * 200, 9900 * 9800]) / 10000
    assert m["g2"] == pytest.approx(2 * np.sum(o * np.log(o / e)))


def test_symmetric_measures_are_symmetric():
    a = association(np.array([4, 9]), np.array([10, 50]), np.array([30, 20]), 700, slots=10)
    b = association(np.array([4, 9]), np.array([30, 20]), np.array([10, 50]), 700, slots=10)
    for name in ("pmi", "npmi", "mi3", "log_dice", "t_score", "g2"):
        assert a[name] == pytest.approx(b[name])
    assert a["delta_p_ab"] == pytest.approx(b["delta_p_ba"])


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    docs = ct.read_corpus(seeds_dir)
    return docs, ct.tokenize(docs)


def test_collocates_agree_with_pair_counts(seeds):
    docs, tokens = seeds
    pairs = cooccurrence(tokens, window=5, min_count=1, min_freq=1)
    around = collocates(tokens, "токаев", window=(5, 5), min_count=1, min_freq=1)
    with_node = pairs[(pairs.term_a == "токаев") | (pairs.term_b == "токаев")]
    expected = {(b if a == "токаев" else a): n for a, b, n in zip(with_node.term_a, with_node.term_b, with_node.n_ab)}
    assert dict(zip(around.collocate, around.n_ab)) == expected
    assert (around.left + around.right == around.n_ab).all()
    assert around.log_dice.is_monotonic_decreasing


def test_collocates_left_and_right_by_brute_force():
    sentences = [("d", ["мир", "кремль", "и", "сша", "кремль", "война"]), ("d", ["кремль", "мир"])]
    got = collocates(token_table(sentences), "кремль", window=(2, 1), min_count=1, min_freq=1).set_index("collocate")
    # кремль@1: left мир(-1); right и(stop, +1). кремль@4: left сша(-1), и(-2); right война(+1). кремль@0 (2nd sentence): right мир
    assert got.loc["мир", ["left", "right"]].tolist() == [1, 1]
    assert got.loc["сша", ["left", "right"]].tolist() == [1, 0]
    assert got.loc["война", ["left", "right"]].tolist() == [0, 1]
    assert got.n_a.iloc[0] == 3


def test_glob_node_and_groups(seeds):
    docs, tokens = seeds
    got = collocates(tokens, "казах*", by="source", docs=docs, min_count=2)
    assert set(got.group) <= set(docs.source)
    assert not got.collocate.str.startswith("казах").any()
    assert got.node.eq("казах*").all()


@pytest.mark.parametrize("window", [0, -1, 2.5, True])
def test_bad_window(window):
    with pytest.raises(ValueError, match="window"):
        cooccurrence(token_table([("d", ["мир", "сша"])]), window=window)


def test_bad_arguments_and_empty_input():
    t = token_table([("d", ["мир", "сша"])])
    with pytest.raises(ValueError, match="within='paragraph'"):
        cooccurrence(t, within="paragraph")
    with pytest.raises(ValueError, match="measure='dice'"):
        collocates(t, "мир", measure="dice")
    with pytest.raises(ValueError, match=r"window = \(0, 0\)"):
        collocates(t, "мир", window=(0, 0))
    assert list(cooccurrence(t.iloc[:0]).columns) == PAIR_COLUMNS
    assert collocates(t, "кремль").empty


def test_by_source_has_per_group_totals(seeds):
    docs, tokens = seeds
    got = cooccurrence(tokens, by="source", docs=docs, min_count=1, min_freq=1)
    assert set(got.group) == set(docs.source)
    assert got.groupby("group").n.nunique().eq(1).all()
    assert set(MEASURES) <= set(got.columns)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=400), min_size=3, max_size=30), st.integers(min_value=1, max_value=10))
def test_coded_association_equals_the_plain_formulas(freq, slots):
    from corpus_tools.cooccurrence import _association_coded

    freq = np.array(freq)
    n = int(freq.sum())
    a, b = np.arange(len(freq) - 1), np.arange(1, len(freq))
    # any count up to the smaller margin is a possible pair count
    n_ab = np.minimum(freq[a], freq[b]) * slots // 2 + 1
    fast = _association_coded(n_ab, a, b, freq, n, slots)
    plain = association(n_ab, freq[a], freq[b], n, slots=slots)
    for name in MEASURES:
        np.testing.assert_allclose(fast[name], plain[name], rtol=1e-9, atol=1e-9, err_msg=name)


@settings(max_examples=60, deadline=None)
@given(sentences_strategy, st.integers(min_value=1, max_value=6))
def test_window_counts_do_not_depend_on_sentence_numbering(sentences, window):
    # sentences numbered backwards within each document: the units are no longer in sorted order
    table = token_table(sentences)
    table["sent_id"] = table.sent_id.max() - table.sent_id
    got = cooccurrence(table, window=window, within="sentence", min_count=1, min_freq=1)
    assert as_counter(got) == brute_window(sentences, window, "sentence")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["d1", "d2", "d3", None]), max_size=12), st.sampled_from(["str", "object", "category"]))
def test_document_codes_equal_factorize(doc_ids, dtype):
    from corpus_tools.cooccurrence import _document_codes

    # documents in runs (as tokenize gives them), coming back after another one, or missing
    ids = pd.Series(doc_ids, dtype=dtype)
    np.testing.assert_array_equal(_document_codes(ids), pd.factorize(ids)[0])


def test_categorical_and_string_lemmas_give_the_same_table(seeds):
    docs, tokens = seeds
    lemmas = tokens.lemma.astype(str)
    # categories in reverse order, with one that no token uses
    categories = sorted(set(lemmas), reverse=True) + ["яяя-unused"]
    categorical = tokens.assign(lemma=pd.Categorical(lemmas, categories=categories))
    for options in ({"window": 5, "min_count": 1}, {"window": None, "within": "document"}):
        expected = cooccurrence(tokens.assign(lemma=lemmas), **options)
        got = cooccurrence(categorical, **options)
        pd.testing.assert_frame_equal(got, expected, check_exact=True)
        assert "яяя-unused" not in got.term_a.cat.categories


@pytest.mark.parametrize("top, size", [(7, 50), (300_000, 50), (2**40, 2**12)], ids=["radix", "packed-key", "lexsort"])
def test_ranked_sorts_by_count_then_terms(top, size):
    from corpus_tools.cooccurrence import _ranked

    rng = np.random.default_rng(3)
    pairs = np.unique(rng.integers(0, size, size=(400, 2)), axis=0)
    pairs = pairs[pairs[:, 0] < pairs[:, 1]]
    a, b = pairs[:, 0].astype(np.int64), pairs[:, 1].astype(np.int64)
    n_ab = rng.integers(1, 4, len(a)) * (top // 3)  # ties on purpose
    n_ab[0] = top
    order = np.lexsort((b, a, -n_ab))
    got = _ranked(a, b, n_ab, size)
    for values, expected in zip(got, (a[order], b[order], n_ab[order])):
        np.testing.assert_array_equal(values, expected)


def test_coded_association_without_the_lookup_table():
    from corpus_tools.cooccurrence import _association_coded

    # margins above 2^16 with only a few pairs: x ln x is computed, not looked up
    freq = np.array([40_000, 90_000, 7, 150_000])
    a, b, n_ab = np.array([0, 0, 2]), np.array([1, 3, 3]), np.array([5_000, 1, 7])
    fast = _association_coded(n_ab, a, b, freq, 500_000, 2)
    plain = association(n_ab, freq[a], freq[b], 500_000, slots=2)
    for name in MEASURES:
        # G² as a sum of x ln x terms cancels down from N ln N ~ 1e7: about 1e-8 absolute error
        np.testing.assert_allclose(fast[name], plain[name], rtol=1e-9, atol=1e-7, err_msg=name)


# --- evidence floors and the order of groups


def test_floors_filter_pairs_without_changing_their_measures(seeds):
    docs, tokens = seeds
    everything = cooccurrence(tokens, min_count=1, min_freq=1)
    got = cooccurrence(tokens)
    expected = everything[(everything.n_ab >= 3) & (everything.n_a >= 3) & (everything.n_b >= 3)].reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected)
    # what the floors remove on the seeds: the two strongest pairs by logDice without them have a
    # word seen once («вдвоем» with «глаз», «перечитать» with «конец»)
    top = everything.sort_values(["log_dice", "n_ab"], ascending=False, kind="mergesort").head(2)
    assert (np.minimum(top.n_a, top.n_b) == 1).all()
    assert not (got.n_ab <= 2).any() and (np.minimum(got.n_a, got.n_b) >= 3).all()
    assert len(cooccurrence(tokens, min_count=2)) == int(((everything.n_ab >= 2) & (everything.n_a >= 3) & (everything.n_b >= 3)).sum())


def test_collocate_floors(seeds):
    docs, tokens = seeds
    everything = collocates(tokens, "токаев", min_count=1, min_freq=1)
    got = collocates(tokens, "токаев")
    expected = everything[(everything.n_ab >= 3) & (everything.n_b >= 3)].reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected)
    assert got.collocate.head(2).tolist() == ["касым-жомарт", "путин"]
    with pytest.raises(ValueError, match="min_freq = -1 is invalid"):
        collocates(tokens, "токаев", min_freq=-1)
    with pytest.raises(ValueError, match="min_freq = 2.5 is invalid"):
        cooccurrence(tokens, min_freq=2.5)
    with pytest.raises(ValueError, match="min_count = 0 is invalid"):
        cooccurrence(tokens, min_count=0)


def test_groups_come_largest_first(seeds):
    docs, tokens = seeds
    pairs = cooccurrence(tokens, by="source", docs=docs, min_count=1, min_freq=1)
    sizes = tokens.assign(source=tokens.doc_id.map(docs.set_index("doc_id").source))
    sizes = sizes[~sizes.is_punct & ~sizes.is_stop & ~sizes.is_link].groupby("source").size()
    order = sorted(sizes.index, key=lambda g: (-sizes[g], g))
    assert pairs.group.drop_duplicates().astype(str).tolist() == order
    assert pairs.group.cat.categories.tolist() == order  # sorting by group keeps this order
    assert pairs.groupby("group", observed=True).n.first().to_dict() == {g: sizes[g] for g in order}
    around = collocates(tokens, "токаев", by="source", docs=docs, min_count=1, min_freq=1)
    assert around.group.drop_duplicates().tolist() == [g for g in order if g in set(around.group)]
