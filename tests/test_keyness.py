import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse, stats

from corpus_tools.frequency import terms as ct_terms
from corpus_tools.keyness import (
    KEYNESS_COLUMNS,
    TermGroupCounts,
    _grouped_benjamini_hochberg,
    count_terms,
    benjamini_hochberg,
    contingency_statistics,
    keyness,
    keyness_from_counts,
)
from tests.keyness_reference import reference_keyness


def table(rows):
    """rows: (doc_id, term)"""
    return pd.DataFrame(rows, columns=["doc_id", "term"])


DOCS = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["ТАСС", "РИА", "Фокус"]})


@pytest.mark.parametrize("a, b, c, d", [(10, 5, 1000, 2000), (1, 40, 500, 800), (7, 0, 300, 900), (0, 12, 400, 400), (300, 250, 1000, 1200)])
def test_g2_and_chi2_equal_scipy(a, b, c, d):
    observed = np.array([[a, b], [c - a, d - b]])
    got = contingency_statistics(np.array([a]), np.array([b]), c, d, chi2=True)
    expected = stats.contingency.expected_freq(observed)
    ref = stats.power_divergence(observed.ravel(), expected.ravel(), ddof=2, lambda_="log-likelihood")
    assert got["g2"][0] == pytest.approx(ref.statistic)
    assert got["p"][0] == pytest.approx(ref.pvalue)
    chi2, p, _, _ = stats.chi2_contingency(observed, correction=False)
    assert got["chi2"][0] == pytest.approx(chi2)


def test_hand_computed_toy_table():
    # a=10 of C=1000, b=5 of D=2000: relative frequencies 1% and 0.25%
    s = contingency_statistics(np.array([10]), np.array([5]), 1000, 2000)
    e = np.array([15 * 1000 / 3000, 15 * 2000 / 3000, 2985 * 1000 / 3000, 2985 * 2000 / 3000])
    o = np.array([10, 5, 990, 1995])
    assert s["g2"][0] == pytest.approx(2 * np.sum(o * np.log(o / e)))
    assert s["log_ratio"][0] == pytest.approx(2.0)  # log2(0.01 / 0.0025)
    assert s["pct_diff"][0] == pytest.approx(300.0)


def test_zero_frequency_correction_is_half_a_count():
    s = contingency_statistics(np.array([4, 0]), np.array([0, 4]), 100, 100)
    assert s["log_ratio"].tolist() == pytest.approx([np.log2(4 / 0.5), np.log2(0.5 / 4)])
    assert s["pct_diff"][0] == np.inf and s["pct_diff"][1] == -100


def test_benjamini_hochberg_equals_scipy():
    p = np.random.default_rng(0).uniform(size=200) ** 3
    assert benjamini_hochberg(p) == pytest.approx(stats.false_discovery_control(p, method="bh"))


def test_one_vs_rest_and_sorting():
    rows = [("a", "мир")] * 8 + [("a", "сша")] * 2 + [("b", "сша")] * 6 + [("b", "война")] * 4 + [("c", "сша")] * 5 + [("c", "мир")]
    got = keyness(table(rows), docs=DOCS, min_count=1, min_docs=1)
    assert list(got.columns) == KEYNESS_COLUMNS
    # the largest target first (ТАСС and РИА have 10 terms each: by name), Фокус has 6
    assert got.group.unique().tolist() == ["РИА", "ТАСС", "Фокус"]
    tass = got[got.group == "ТАСС"]
    assert tass.term.tolist() == ["мир", "сша"]  # over-represented first
    assert tass.iloc[0][["n_target", "n_reference"]].tolist() == [8, 1]
    assert got.attrs["sizes"]["ТАСС"] == (10, 16)
    # only terms present in the target unless negative keywords are asked for
    assert "война" not in tass.term.tolist()
    neg = keyness(table(rows), docs=DOCS, target="ТАСС", negative=True, min_count=1, min_docs=1)
    assert neg.term.tolist()[-1] == "война" and neg.n_target.iloc[-1] == 0


def test_target_against_a_chosen_reference():
    rows = [("a", "мир")] * 3 + [("b", "мир"), ("b", "сша")] + [("c", "война")] * 10
    got = keyness(table(rows), docs=DOCS, target="ТАСС", reference="РИА", min_count=1, min_docs=1)
    assert got.set_index("term").loc["мир", ["n_target", "n_reference"]].tolist() == [3, 1]
    assert got.attrs["sizes"]["ТАСС"] == (3, 2)


def test_errors_name_the_groups():
    with pytest.raises(ValueError, match="target 'Meduza'.*РИА"):
        keyness(table([("a", "мир"), ("b", "сша")]), docs=DOCS, target="Meduza")
    with pytest.raises(ValueError, match="reference.*'Meduza'"):
        keyness(table([("a", "мир")]), docs=DOCS, target="ТАСС", reference="Meduza")


def test_a_single_group_gives_an_empty_table_and_the_reason(caplog):
    got = keyness(table([("a", "мир")]), docs=DOCS)
    assert got.empty and list(got.columns) == KEYNESS_COLUMNS
    assert got.attrs["sizes"] == {"ТАСС": (1, 0), "РИА": (0, 1), "Фокус": (0, 1)}
    assert "no comparison for 'РИА'" in caplog.text


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from(["мир", "война", "сша", "кремль"])), min_size=2, max_size=60))
def test_properties(rows):
    got = keyness(table(rows), docs=DOCS, chi2=True, negative=True, min_count=1, min_docs=1)
    assert set(got.attrs["sizes"]) == {"ТАСС", "РИА", "Фокус"}
    assert (got.g2 >= 0).all() and got.p.between(0, 1).all()
    assert (got.p_adj >= got.p - 1e-12).all() and (got.p_adj <= 1).all()
    assert np.isfinite(got.log_ratio).all()
    # the same counts in target and reference proportions give no keyness
    same = keyness(table([(d, t) for d, t in rows if d == "a"] + [("b", t) for d, t in rows if d == "a"]), docs=DOCS, target="ТАСС", reference="РИА", min_count=1, min_docs=1)
    assert same.g2.abs().max() == pytest.approx(0, abs=1e-9) if len(same) else True
    assert (same.log_ratio.abs() < 1e-9).all()


# --- the vectorised one-vs-rest pass gives the frames of the one-comparison-at-a-time reference

OPTIONS = [
    {},
    {"negative": True, "chi2": True},
    {"target": "EADaily"},
    {"target": "EADaily", "reference": "Фокус", "negative": True},
    {"reference": ["Фокус", "EADaily", "haqqin.az"], "chi2": True},
    {"reference": ["Фокус", "EADaily"], "negative": True},
]


@pytest.fixture(scope="module")
def seeds(seeds_dir, root):
    import corpus_tools as ct

    docs = ct.read_corpus(seeds_dir, metadata=root / "data" / "seeds_metadata.csv")
    return docs, ct.tokenize(docs)


@pytest.fixture(scope="module")
def sample20(shared):
    """The shared sample's documents of 20 outlets (alphabetically first), with their tokens."""
    import corpus_tools as ct

    docs = ct.read_corpus(shared("data/corpora/ru_news_mix/sample"))
    docs = docs[docs.source.isin(sorted(docs.source.unique())[:20])]
    return docs, ct.tokenize(docs)


def by_size(result):
    """The comparisons of a reference table re-ordered as keyness orders them: largest target first."""
    size = result["group"].map({g: -c for g, (c, _) in result.attrs["sizes"].items()})
    order = np.lexsort((np.arange(len(result)), result["group"].to_numpy(dtype=object), size.to_numpy()))
    out = result.iloc[order].reset_index(drop=True)
    out.attrs = result.attrs
    return out


def assert_same_as_reference(tokens, docs, **options):
    got = keyness(tokens, docs=docs, min_count=1, min_docs=1, **options)
    expected = by_size(reference_keyness(tokens, docs=docs, **options))
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert got.attrs["sizes"] == expected.attrs["sizes"]
    return got


@pytest.mark.parametrize("options", OPTIONS, ids=str)
def test_identical_to_the_reference_on_the_seeds(seeds, options):
    docs, tokens = seeds
    assert len(assert_same_as_reference(tokens, docs, **options))


@pytest.mark.parametrize("options", [{}, {"negative": True, "chi2": True}, {"target": "Meduza", "reference": ["DTF", "N+1", "Mash"]}], ids=str)
def test_identical_to_the_reference_on_20_outlets_of_the_sample(sample20, options):
    docs, tokens = sample20
    got = assert_same_as_reference(tokens, docs, **options)
    assert got.group.nunique() == (1 if "target" in options else 20)


def test_identical_to_the_reference_by_a_token_column_and_a_categorical_table(seeds):
    docs, tokens = seeds
    assert_same_as_reference(tokens, None, by="in_title", target="True")
    categorical = ct_terms(tokens).astype({"term": "category", "doc_id": "category"}).merge(docs[["doc_id", "source"]].astype({"doc_id": "category"}), on="doc_id")
    assert_same_as_reference(categorical.astype({"source": "category"}), None)


def test_counts_as_a_dense_or_sparse_frame_give_the_same_table(seeds):
    docs, tokens = seeds
    table = ct_terms(tokens).merge(docs[["doc_id", "source"]], on="doc_id")
    counts = table.groupby(["term", "source"]).size().unstack(fill_value=0)
    names = set(docs.source)
    expected = keyness(tokens, docs=docs, min_count=1, min_docs=1)
    pd.testing.assert_frame_equal(keyness_from_counts(counts, names, by="source"), expected)
    as_sparse = counts.astype(pd.SparseDtype("int64", 0))
    pd.testing.assert_frame_equal(keyness_from_counts(as_sparse, names, by="source"), expected)
    with pytest.raises(ValueError, match="min_docs = 2 needs document frequencies"):
        keyness_from_counts(counts, names, by="source", min_docs=2)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from("abcde"), st.sampled_from(["мир", "война", "сша", "кремль", "нато"])), min_size=1, max_size=80),
    st.sampled_from([{}, {"negative": True, "chi2": True}, {"reference": ["ТАСС", "РИА"]}, {"target": "Фокус", "negative": True}]),
)
def test_identical_to_the_reference_on_any_table(rows, options):
    docs = pd.DataFrame({"doc_id": list("abcde"), "source": ["ТАСС", "РИА", "Фокус", "ТАСС", "Meduza"]})
    assert_same_as_reference(table(rows), docs, **options)


def test_grouped_benjamini_hochberg_equals_one_comparison_at_a_time():
    rng = np.random.default_rng(1)
    p = rng.uniform(size=300) ** 4
    p[::7] = p[3]  # ties
    group = rng.integers(0, 6, size=300)
    got = _grouped_benjamini_hochberg(p, group)
    for g in range(6):
        assert got[group == g].tolist() == benjamini_hochberg(p[group == g]).tolist()


# --- evidence floors

FLOOR_DOCS = pd.DataFrame({"doc_id": ["a1", "a2", "b1", "b2", "b3"], "source": ["ТАСС", "ТАСС", "РИА", "РИА", "РИА"]})
FLOOR_ROWS = (
    [("a1", "мир")] * 2 + [("a2", "мир")]  # 3 occurrences in 2 documents: passes
    + [("a1", "санкция")] * 4  # 4 occurrences in 1 document: one article's topic
    + [("a2", "кремль")] * 2  # 2 occurrences
    + [("b1", "сша")] * 5 + [("b2", "сша")] * 5 + [("b3", "война")] * 2 + [("b1", "мир")]
)


def test_floors_keep_terms_repeated_across_documents_of_the_target():
    got = keyness(table(FLOOR_ROWS), docs=FLOOR_DOCS, target="ТАСС")
    assert got.term.tolist() == ["мир"]
    everything = keyness(table(FLOOR_ROWS), docs=FLOOR_DOCS, target="ТАСС", min_count=1, min_docs=1)
    assert set(everything.term) == {"мир", "санкция", "кремль"}
    # the statistics of a kept term do not change; p_adj is adjusted over the kept terms only
    row, full = got.iloc[0], everything.set_index("term").loc["мир"]
    assert (row.n_target, row.n_reference, row.g2) == (full.n_target, full.n_reference, full.g2)
    assert row.p_adj == pytest.approx(row.p)
    only_counts = keyness(table(FLOOR_ROWS), docs=FLOOR_DOCS, target="ТАСС", min_docs=1)
    assert set(only_counts.term) == {"мир", "санкция"}
    only_docs = keyness(table(FLOOR_ROWS), docs=FLOOR_DOCS, target="ТАСС", min_count=0)
    assert set(only_docs.term) == {"мир"}


def test_floors_of_zero_and_one_are_off():
    for floor in (0, 1):
        pd.testing.assert_frame_equal(
            keyness(table(FLOOR_ROWS), docs=FLOOR_DOCS, min_count=floor, min_docs=floor),
            by_size(reference_keyness(table(FLOOR_ROWS), docs=FLOOR_DOCS)),
        )


def test_negative_keywords_rest_on_the_reference():
    got = keyness(table(FLOOR_ROWS), docs=FLOOR_DOCS, target="ТАСС", negative=True)
    # «сша»: 10 times in 2 documents of the reference, never in the target; «война»: 2 times in one
    assert got.term.tolist() == ["мир", "сша"]
    assert got.set_index("term").loc["сша", "n_target"] == 0


@pytest.mark.parametrize("option, value", [("min_count", -1), ("min_docs", 1.5), ("min_docs", True)])
def test_bad_floor_names_the_parameter(option, value):
    with pytest.raises(ValueError, match=f"{option} = {value!r} is invalid; value must be an int >= 0"):
        keyness(table(FLOOR_ROWS), docs=FLOOR_DOCS, **{option: value})


def test_document_floor_needs_documents():
    terms_only = pd.DataFrame({"term": ["мир", "сша"], "source": ["ТАСС", "РИА"]})
    with pytest.raises(ValueError, match="no doc_id column"):
        count_terms(terms_only, "source", docfreq=True)
    counts = count_terms(terms_only, "source")
    assert counts.counts.toarray().tolist() == [[0, 1], [1, 0]] and counts.groups.tolist() == ["ТАСС", "РИА"][::-1]


def test_on_the_sample_every_key_term_is_repeated_across_documents(sample20):
    docs, tokens = sample20
    got = keyness(tokens, docs=docs)
    floorless = keyness(tokens, docs=docs, min_count=1, min_docs=1)
    assert 0 < len(got) < len(floorless)
    assert (got.n_target >= 3).all()
    # documents per (outlet, term), counted independently of keyness
    terms = ct_terms(tokens).merge(docs[["doc_id", "source"]], on="doc_id")
    spread = terms.groupby(["source", "term"]).doc_id.nunique()
    assert (spread.reindex(pd.MultiIndex.from_arrays([got.group, got.term])).to_numpy() >= 2).all()
    passing = floorless[(floorless.n_target >= 3) & (spread.reindex(pd.MultiIndex.from_arrays([floorless.group, floorless.term])).to_numpy() >= 2)]
    assert len(passing) == len(got)
    # the largest outlet (by counted terms) comes first
    sizes = got.attrs["sizes"]
    by_terms = sorted(sizes, key=lambda g: (-sizes[g][0], g))
    assert got.group.unique().tolist() == [g for g in by_terms if g in set(got.group)]


def test_term_group_counts_check_their_labels():
    counts = sparse.csr_matrix(np.ones((2, 2), dtype=np.int64))
    with pytest.raises(ValueError, match="terms must be sorted"):
        TermGroupCounts(counts, np.array(["сша", "мир"], dtype=object), np.array(["a", "b"], dtype=object))
    with pytest.raises(ValueError, match=r"docfreq has shape \(1, 2\)"):
        TermGroupCounts(counts, np.array(["мир", "сша"], dtype=object), np.array(["a", "b"], dtype=object), sparse.csr_matrix((1, 2)))
