"""Tests for corpus_tools.syndication: shared passages between documents and the token mask."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus_tools as ct
from corpus_tools.syndication import PAIR_COLUMNS, near_duplicates, syndicated_mask

SPAN_COLUMNS = ["doc_a", "doc_b", "start_a", "stop_a", "start_b", "stop_b", "similarity"]
WORD = re.compile(r"\w+")

# a wire paragraph (19 words), the rest of the wire story, and unrelated text
WIRE = ("Министерство иностранных дел Казахстана сообщило сегодня, что переговоры с партнерами "
        "из Центральной Азии пройдут в Астане в конце месяца.")
REST = "Делегации обсудят транзит грузов, водные ресурсы и общую энергосистему региона на ближайшие десять лет."
INTRO = "Своими словами о погоде и ценах на хлеб в этом году. "
OUTRO = " Больше мы ничего не знаем о планах."
SPORT = "Футбольный клуб из Алматы выиграл кубок страны в серии пенальти после ничьей в основное время матча."
STORY = WIRE + " " + REST
BLOG = INTRO + WIRE + OUTRO


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    docs = ct.read_corpus(seeds_dir)
    return docs, near_duplicates(docs)


def check_spans(docs: pd.DataFrame, pairs: pd.DataFrame) -> None:
    """Offsets point at the passages; a comes first in docs; rows are sorted; sizes and scores in range."""
    text = dict(zip(docs["doc_id"], ct.document_text(docs)))
    for row in pairs.itertuples():
        assert text[row.doc_a][row.start_a : row.stop_a] == row.text_a
        assert text[row.doc_b][row.start_b : row.stop_b] == row.text_b
    position = pd.Series(np.arange(len(docs)), index=docs["doc_id"].to_numpy())
    pos_a, pos_b = position[pairs.doc_a].to_numpy(), position[pairs.doc_b].to_numpy()
    assert (pos_a < pos_b).all()
    keys = pd.DataFrame({"a": pos_a, "b": pos_b, "start": pairs.start_a.to_numpy(), "start_b": pairs.start_b.to_numpy()})
    assert keys.equals(keys.sort_values(["a", "b", "start", "start_b"], ignore_index=True))
    assert pairs.similarity.between(0.5, 1.0).all()
    assert (pairs.text_a.str.count(r"\w+") >= 12).all() and (pairs.text_b.str.count(r"\w+") >= 12).all()


# --- the seeds -------------------------------------------------------------------------------


def test_seeds_share_only_the_c5_paragraph_and_the_quotation(seeds):
    docs, pairs = seeds
    assert set(zip(pairs.doc_a.str[:3], pairs.doc_b.str[:3])) == {("000", "002")}
    assert not ((pairs.doc_a.str[:3] == "003") & (pairs.doc_b.str[:3] == "004")).any()
    assert len(pairs) == 2
    assert list(pairs.columns) == [*PAIR_COLUMNS, "source_a", "source_b", "date_a", "date_b", "first"]
    check_spans(docs, pairs)


def test_seeds_c5_paragraph_is_one_passage_across_the_inserted_clause(seeds):
    _, pairs = seeds
    both = pairs.text_a.str.lower() + "\n" + pairs.text_b.str.lower()
    row = pairs[both.str.count("трамп принял в белом доме лидеров пяти стран центральной азии") == 2]
    assert len(row) == 1
    row = row.iloc[0]
    # 000 has «Во время саммита в формате «C5+1»» where 002 has nothing: the passage spans it
    assert "Во время саммита в формате «C5+1» глава Белого дома обсуждал доступ" in row.text_a
    assert "Узбекистана. Глава Белого дома обсуждал доступ к богатым минеральным ресурсам" in row.text_b
    assert 0.85 < row.similarity < 1.0


def test_seeds_quotation_sent_from_heaven(seeds):
    _, pairs = seeds
    row = pairs[pairs.text_a.str.contains("посланный небесами") & pairs.text_b.str.contains("посланный небесами")]
    assert len(row) == 1
    assert row.text_a.iloc[0].startswith("государственный деятель, посланный небесами, чтобы вернуть здравый смысл")
    assert row.text_b.iloc[0].rstrip(",").endswith("которые мы все разделяем")
    assert row.similarity.iloc[0] == 1.0


def test_seeds_metadata_and_first(seeds):
    _, pairs = seeds
    assert (pairs.source_b == "Фокус").all()
    assert (pairs.date_b == pd.Timestamp("2025-11-07")).all()
    # 000 has no date, so which came first is unknown
    assert pairs["first"].isna().all()


@pytest.mark.parametrize(
    "options, passages",
    [
        ({}, 2),
        ({"min_words": 20}, 1),  # the quotation is 14 words: 20 would lose it
        ({"shingle": 14}, 2),  # the C5+1 paragraph falls apart into its two runs, the 13-word one is lost
        ({"max_gap": 5}, 3),  # the 7 inserted words split the C5+1 paragraph
        ({"threshold": 0.9}, 3),  # so does asking for more than its similarity, 0.89
    ],
)
def test_seeds_options(seeds, options, passages):
    docs, _ = seeds
    assert len(near_duplicates(docs, **options)) == passages


def test_seeds_short_shared_phrase_is_not_a_passage(seeds):
    docs, _ = seeds
    # «Президент Казахстана Касым-Жомарт Токаев» is in 000, 001, 002 and 003
    loose = near_duplicates(docs, shingle=5, min_words=5)
    assert {("000", "001"), ("001", "003")} <= set(zip(loose.doc_a.str[:3], loose.doc_b.str[:3]))
    assert not ((loose.doc_a.str[:3] == "003") & (loose.doc_b.str[:3] == "004")).any()


def test_seeds_deterministic_and_independent_of_order(seeds):
    docs, pairs = seeds
    pd.testing.assert_frame_equal(near_duplicates(docs), pairs)
    reverse = near_duplicates(docs.iloc[::-1])
    # reversed docs: the same passages with the sides exchanged
    swapped = reverse.rename(columns={f"{c}_{s}": f"{c}_{'b' if s == 'a' else 'a'}" for c in ("doc", "start", "stop", "text") for s in "ab"})
    pd.testing.assert_frame_equal(
        swapped[SPAN_COLUMNS].sort_values(["start_a"], ignore_index=True), pairs[SPAN_COLUMNS].sort_values(["start_a"], ignore_index=True)
    )


def test_seeds_frequency_without_syndicated_passages(seeds):
    docs, pairs = seeds
    tokens = ct.tokenize(docs)
    mask = syndicated_mask(tokens, pairs)
    assert mask.index.equals(tokens.index) and mask.dtype == bool
    # no dates for 000: it is kept as the earlier document, the copies in 002 are marked
    assert set(tokens.doc_id[mask].str[:3]) == {"002"}
    both = syndicated_mask(tokens, pairs, keep=None)
    assert set(tokens.doc_id[both].str[:3]) == {"000", "002"} and (both >= mask).all()

    def count(table, term):
        return table.set_index("term")["frequency"].get(term, 0)

    full, once, none = ct.frequency(tokens), ct.frequency(tokens[~mask]), ct.frequency(tokens[~both])
    # «Кыргызстана»: in the C5+1 paragraph of 000 and 002, and in 002's list of presidents
    assert (count(full, "кыргызстан"), count(once, "кыргызстан"), count(none, "кыргызстан")) == (3, 2, 1)
    assert (count(full, "небо"), count(once, "небо"), count(none, "небо")) == (count(full, "небо"), count(full, "небо") - 1, count(full, "небо") - 2)


# --- synthetic cases -------------------------------------------------------------------------


def test_exact_duplicate_partial_overlap_and_unrelated():
    docs = pd.DataFrame({"doc_id": ["тасс", "копия", "блог", "спорт"], "text": [STORY, STORY, BLOG, SPORT]})
    pairs = near_duplicates(docs)
    at = len(INTRO)
    expected = pd.DataFrame(
        {
            "doc_a": ["тасс", "тасс", "копия"],
            "doc_b": ["копия", "блог", "блог"],
            "start_a": [0, 0, 0],
            "stop_a": [len(STORY), len(WIRE), len(WIRE)],
            "start_b": [0, at, at],
            "stop_b": [len(STORY), at + len(WIRE), at + len(WIRE)],
            "similarity": [1.0, 1.0, 1.0],
        }
    )
    pd.testing.assert_frame_equal(pairs[SPAN_COLUMNS], expected, check_dtype=False)
    assert pairs.text_a.tolist() == [STORY, WIRE, WIRE] and pairs.text_b.tolist() == [STORY, WIRE, WIRE]
    assert list(pairs.columns) == [*PAIR_COLUMNS, "first"] and pairs["first"].isna().all()


def test_copy_listed_after_the_other_document_goes_to_side_b():
    # the second copy of the story comes after the blog: the blog is side a of that pair
    docs = pd.DataFrame({"doc_id": ["тасс", "блог", "копия"], "text": [STORY, BLOG, STORY]})
    pairs = near_duplicates(docs)
    assert pairs[["doc_a", "doc_b"]].values.tolist() == [["тасс", "блог"], ["тасс", "копия"], ["блог", "копия"]]
    last = pairs.iloc[2]
    assert (last.start_a, last.text_a, last.start_b, last.text_b) == (len(INTRO), WIRE, 0, WIRE)
    check_spans(docs, pairs)


def test_titles_dates_and_first():
    docs = pd.DataFrame(
        {
            "doc_id": ["перепечатка", "оригинал", "тот же день"],
            "title": ["Переговоры в Астане", None, None],
            "text": [BLOG, STORY, STORY],
            "source": ["Блог", "ТАСС", "РИА"],
            "date": pd.to_datetime(["2024-05-02", "2024-05-01", "2024-05-01"]),
        }
    )
    pairs = near_duplicates(docs)
    check_spans(docs, pairs)
    title = len("Переговоры в Астане\n\n")
    assert pairs.start_a.tolist() == [title + len(INTRO), title + len(INTRO), 0]
    assert pairs["first"].tolist()[:2] == ["оригинал", "тот же день"]
    assert pd.isna(pairs["first"].iloc[2])  # same date
    assert pairs[["source_a", "source_b"]].values.tolist() == [["Блог", "ТАСС"], ["Блог", "РИА"], ["ТАСС", "РИА"]]


def test_small_edits_stay_in_one_passage():
    edited = WIRE.replace("с партнерами", "с соседями").replace("в конце месяца", "в конце этого месяца")
    pairs = near_duplicates([STORY, edited + " " + REST])
    assert len(pairs) == 1
    assert pairs.text_a[0] == STORY and pairs.text_b[0] == edited + " " + REST
    words = len(WORD.findall(STORY)) + len(WORD.findall(edited + " " + REST))
    assert pairs.similarity[0] == pytest.approx((words - 3) / words)  # «партнерами» in a; «соседями», «этого» in b
    # without gaps the substitution and the insertion cut it into three runs
    assert len(near_duplicates([STORY, edited + " " + REST], max_gap=0, min_words=1)) == 3


def test_case_yo_punctuation_and_links_are_ignored():
    other = WIRE.upper().replace("Е", "Ё").replace(",", " —") + " https://t.me/example/1"
    pairs = near_duplicates([WIRE, other])
    assert pairs.similarity.tolist() == [1.0]
    # a list of links shares no words
    links = " ".join(f"https://t.me/channel_{i}/post_{j}" for i in range(3) for j in range(4))
    assert near_duplicates([links, links + " ещё"]).empty


def test_boilerplate_shared_by_more_than_max_docs_is_ignored():
    texts = [f"Новость номер {i} о разном. " + WIRE for i in range(5)]
    assert len(near_duplicates(texts, max_docs=5)) == 10
    assert near_duplicates(texts, max_docs=4).empty


@pytest.mark.parametrize("docs", [[], [STORY], [STORY, SPORT], ["", ""], [" ", "ок"]])
def test_nothing_shared(docs):
    pairs = near_duplicates(docs)
    assert pairs.empty and list(pairs.columns) == [*PAIR_COLUMNS, "first"]
    empty = pd.DataFrame({"doc_id": pd.Series([], dtype="str"), "text": pd.Series([], dtype="str")})
    assert near_duplicates(empty).empty


def test_identical_short_documents_are_not_passages():
    assert near_duplicates(["Фото дня.", "Фото дня."]).empty
    assert len(near_duplicates(["Фото дня.", "Фото дня."], min_words=2)) == 1


def test_inputs_not_modified():
    docs = pd.DataFrame({"doc_id": ["а", "б"], "title": ["Т", None], "text": [STORY, BLOG]})
    before = docs.copy()
    pairs = near_duplicates(docs)
    pd.testing.assert_frame_equal(docs, before)
    tokens = ct.tokenize(docs, lemmatizer=lambda word, proper: (word.lower(), "NOUN", "NOUN"))
    tokens_before, pairs_before = tokens.copy(), pairs.copy()
    syndicated_mask(tokens, pairs)
    pd.testing.assert_frame_equal(tokens, tokens_before)
    pd.testing.assert_frame_equal(pairs, pairs_before)


@pytest.mark.parametrize(
    "options, message",
    [
        ({"shingle": 0}, "shingle = 0 is invalid"),
        ({"threshold": 0}, "threshold = 0 is invalid"),
        ({"threshold": 1.5}, "threshold = 1.5 is invalid"),
        ({"min_words": 0}, "min_words = 0 is invalid"),
        ({"max_gap": -1}, "max_gap = -1 is invalid"),
        ({"max_docs": 1}, "max_docs = 1 is invalid"),
    ],
)
def test_invalid_options(options, message):
    with pytest.raises(ValueError, match=message):
        near_duplicates([STORY], **options)


# --- syndicated_mask -------------------------------------------------------------------------

TOKENS = pd.DataFrame(
    {"doc_id": ["а", "а", "а", "б", "б", "в"], "start": [0, 6, 12, 0, 6, 0], "stop": [5, 11, 16, 5, 11, 5]},
    index=[10, 11, 12, 13, 14, 15],
)


@pytest.mark.parametrize(
    "first, keep, expected",
    [
        (None, "first", [False, False, False, True, True, False]),  # unknown: a (earlier in docs) is kept
        ("а", "first", [False, False, False, True, True, False]),
        ("б", "first", [True, True, False, False, False, False]),
        ("б", None, [True, True, False, True, True, False]),
    ],
)
def test_mask_keeps_the_first_publication(first, keep, expected):
    pairs = pd.DataFrame({"doc_a": ["а"], "doc_b": ["б"], "start_a": [0], "stop_a": [11],
                          "start_b": [0], "stop_b": [11], "first": [first]})
    mask = syndicated_mask(TOKENS, pairs, keep=keep)
    assert mask.tolist() == expected and mask.index.equals(TOKENS.index)


def test_mask_marks_tokens_overlapping_a_passage_and_merges_passages():
    pairs = pd.DataFrame({"doc_a": ["в", "в"], "doc_b": ["а", "а"], "start_a": [0, 0], "stop_a": [5, 5],
                          "start_b": [3, 8], "stop_b": [9, 12], "first": [None, None]})
    # «а»'s tokens 0-5, 6-11 and 12-16 overlap the passages 3-9 and 8-12; 12-16 touches only
    assert syndicated_mask(TOKENS, pairs).tolist() == [True, True, False, False, False, False]
    assert not syndicated_mask(TOKENS, pairs.iloc[:0]).any()


def test_mask_errors():
    pairs = pd.DataFrame(columns=[*PAIR_COLUMNS, "first"])
    with pytest.raises(ValueError, match="keep='last' is invalid"):
        syndicated_mask(TOKENS, pairs, keep="last")
    with pytest.raises(ValueError, match="tokens lacks column"):
        syndicated_mask(TOKENS.drop(columns="stop"), pairs)


# --- properties and the real sample -----------------------------------------------------------

VOCABULARY = "мир война город страна президент власть закон рынок цена газ нефть вода дом год день неделя".split()
sentences = st.lists(st.sampled_from(VOCABULARY), min_size=0, max_size=25).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    parts=st.lists(st.tuples(sentences, st.booleans(), sentences), min_size=0, max_size=6),
    wire=st.lists(st.sampled_from(VOCABULARY), min_size=12, max_size=30).map(" ".join),
    punctuation=st.sampled_from([". ", ", ", " — ", "\n\n", " «"]),
)
def test_spans_are_valid_and_results_deterministic(parts, wire, punctuation):
    texts = [before + punctuation + (wire + punctuation if shared else "") + after for before, shared, after in parts]
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    pairs = near_duplicates(docs)
    check_spans(docs, pairs)
    pd.testing.assert_frame_equal(near_duplicates(docs), pairs)
    # every pair of documents carrying the wire shares a passage that holds all of it
    carriers = [f"d{i}" for i, (_, shared, _) in enumerate(parts) if shared]
    found = {(a, b) for a, b, text in zip(pairs.doc_a, pairs.doc_b, pairs.text_a) if wire in text}
    assert {(a, b) for i, a in enumerate(carriers) for b in carriers[i + 1 :]} <= found


def test_ru_news_mix_sample(shared):
    docs = ct.read_corpus(shared("data/corpora/ru_news_mix/sample"))
    pairs = near_duplicates(docs)
    assert len(pairs) > 0
    check_spans(docs, pairs)
    assert {"source_a", "source_b", "date_a", "date_b", "first"} <= set(pairs.columns)
    known = pairs["first"].notna()
    assert (pairs["first"][known].isin(pairs.doc_a[known]) | pairs["first"][known].isin(pairs.doc_b[known])).all()
    earlier = np.where(pairs.date_a < pairs.date_b, pairs.doc_a, pairs.doc_b)
    assert (pairs["first"][known].to_numpy() == earlier[known.to_numpy()]).all()
