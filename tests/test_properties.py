"""Properties that hold for any input (hypothesis): offsets, frequencies, co-occurrence, keyness."""

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import corpus_tools as ct
from corpus_tools.encoding import INVISIBLE
from corpus_tools.tokens import document_text

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def fake_lemmatizer(token, proper):
    tag = "NOUN" if any(ch.isalnum() for ch in token) else "PUNCT"
    return token.lower(), "NOUN" if tag == "NOUN" else "PNCT", tag


# any text a decoder can return: read_corpus removes the invisible format characters first
characters = st.characters(blacklist_categories=("Cs", "Co", "Cn"), blacklist_characters="".join(INVISIBLE))
texts = st.text(characters, max_size=200) | st.lists(
    st.sampled_from(["Путин", "Токаев", "мир", "«", "»", ".", ",", "—", " ", "\n", "\xa0", "т.е.", "5,5", "Q&A", "ё"]), max_size=40
).map("".join)


@SETTINGS
@given(st.lists(st.tuples(st.one_of(st.none(), texts), texts), min_size=1, max_size=4))
def test_token_spans_cover_the_text_once_apart_from_whitespace(pairs):
    docs = pd.DataFrame({"doc_id": range(len(pairs)), "title": [t for t, _ in pairs], "text": [b for _, b in pairs]})
    tokens = ct.tokenize(docs, lemmatizer=fake_lemmatizer)
    for doc_id, text in zip(docs.doc_id, document_text(docs)):
        mine = tokens[tokens.doc_id == doc_id]
        starts, stops = mine.start.to_numpy(), mine.stop.to_numpy()
        assert ((0 <= starts) & (starts < stops) & (stops <= len(text))).all()
        assert (starts[1:] >= stops[:-1]).all(), "tokens overlap or are out of order"
        for row in mine.itertuples():
            assert text[row.start : row.stop] == row.token
        covered = np.zeros(len(text), dtype=bool)
        for a, b in zip(starts, stops):
            covered[a:b] = True
        assert all(ch.isspace() for ch, c in zip(text, covered) if not c), "a non-space character is in no token"


words = st.sampled_from(["мир", "война", "сша", "россия", "путин", "токаев", "визит", "переговоры"])
documents = st.lists(st.tuples(st.sampled_from(["ТАСС", "РИА", "Интерфакс"]), st.lists(st.lists(words, min_size=1, max_size=8), min_size=1, max_size=3)), min_size=1, max_size=6)


def token_table(corpus):
    """A token table (and docs) from [(source, [[word, ...] per sentence])] without tokenizing."""
    rows, docs = [], []
    for d, (source, sentences) in enumerate(corpus):
        docs.append({"doc_id": f"d{d}", "source": source})
        position = 0
        for s, sentence in enumerate(sentences):
            for word in sentence:
                rows.append({"doc_id": f"d{d}", "sent_id": s, "token_id": position, "start": 0, "stop": 1, "token": word, "lemma": word,
                             "upos": "NOUN", "is_punct": False, "is_stop": False, "in_title": False})  # fmt: skip
                position += 1
    return pd.DataFrame(rows), pd.DataFrame(docs)


@SETTINGS
@given(documents)
def test_relative_frequencies_sum_to_one_per_group(corpus):
    tokens, docs = token_table(corpus)
    freq = ct.frequency(tokens, by="source", docs=docs)
    sizes = tokens.merge(docs, on="doc_id").groupby("source").size()
    per_group = freq.groupby("group")
    np.testing.assert_allclose(per_group.per_10k.sum().to_numpy(), 10000.0)
    assert per_group.frequency.sum().to_dict() == sizes.to_dict()
    forms = ct.word_forms(tokens, ["мир", "путин"], by="source", docs=docs)
    np.testing.assert_allclose(forms.groupby(["group", "lemma"]).share.sum().to_numpy(), 1.0)


def reversed_sentences(tokens):
    """The same sentences with their words in reverse order."""
    flipped = tokens.sort_values(["doc_id", "sent_id", "token_id"], ascending=[True, True, False], kind="mergesort")
    flipped = flipped.assign(token_id=tokens.sort_values(["doc_id", "sent_id", "token_id"]).token_id.to_numpy())
    return flipped.reset_index(drop=True)


@SETTINGS
@given(documents, st.one_of(st.none(), st.integers(1, 4)))
def test_cooccurrence_is_symmetric(corpus, window):
    tokens, _ = token_table(corpus)
    pairs = ct.cooccurrence(tokens, window=window, min_count=1, min_freq=1)
    assert (pairs.term_a.astype(str) < pairs.term_b.astype(str)).all(), "each unordered pair once, in order"
    assert not pairs.duplicated(["group", "term_a", "term_b"]).any()
    # a window reaches as far left as right: reading every sentence backwards changes nothing
    again = ct.cooccurrence(reversed_sentences(tokens), window=window, min_count=1, min_freq=1)
    pd.testing.assert_frame_equal(pairs, again)
    if window is None:
        assert (pairs.n_ab <= np.minimum(pairs.n_a, pairs.n_b)).all()


@SETTINGS
@given(documents)
def test_keyness_of_a_group_against_itself_is_zero(corpus):
    tokens, docs = token_table(corpus)
    # the same documents under two group names: nothing can be key
    twin = tokens.assign(doc_id="copy-" + tokens.doc_id)
    both = pd.concat([tokens.assign(side="a"), twin.assign(side="b")], ignore_index=True)
    result = ct.keyness(both, by="side", target="a", reference="b", negative=True, chi2=True, min_count=1, min_docs=1)
    assert len(result) == tokens.lemma.nunique()
    assert (result.n_target == result.n_reference).all()
    np.testing.assert_allclose(result[["g2", "log_ratio", "pct_diff", "chi2"]].to_numpy(dtype=float), 0.0, atol=1e-9)
    assert (result.p_adj >= 0.99).all()
