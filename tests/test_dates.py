"""Tests for corpus_tools.dates: timeline counts per period and group checked by hand on a toy corpus."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.dates import TIMELINE_COLUMNS, timeline

# Weeks (Monday first): a and b in the week of 4 March (b on its Sunday), d too, c in the week of
# 18 March; nothing in the week of 11 March; e has no date.
DOCS = pd.DataFrame(
    {
        "doc_id": list("abcde"),
        "source": ["ТАСС", "ТАСС", "ТАСС", "РИА", "РИА"],
        "date": pd.to_datetime(["2024-03-04 08:00", "2024-03-10 23:59", "2024-03-20 00:00", "2024-03-05 00:00", None]),
    }
)
TOKENS = pd.DataFrame(
    {
        "doc_id": list("aaaa") + list("bb") + ["c", "d", "e"],
        "lemma": ["путин", "путин", "мир", ",", "мир", ".", "путин", "Путин", "путин"],
        "is_punct": [False, False, False, True, False, True, False, False, False],
    }
)
WEEKS = pd.to_datetime(["2024-03-04", "2024-03-04", "2024-03-11", "2024-03-11", "2024-03-18", "2024-03-18"])


def test_counts_docs_and_shares_per_week_and_outlet():
    got = timeline(TOKENS, DOCS, terms=["Путин"])
    assert list(got.columns) == TIMELINE_COLUMNS
    expected = pd.DataFrame(
        {
            "period": WEEKS,
            "group": ["РИА", "ТАСС"] * 3,
            "count": [1, 2, 0, 0, 0, 1],
            "docs": [1, 1, 0, 0, 0, 1],
            "share": [1.0, 0.5, np.nan, np.nan, np.nan, 1.0],
            "total_docs": [1, 2, 0, 0, 0, 1],
        }
    )
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert got.attrs["undated"] == ["e"]
    assert got.attrs["timeline"] == {"by": "source", "freq": "week", "groups": "documents"}


def test_without_terms_counts_every_word_and_drops_punctuation():
    got = timeline(TOKENS, DOCS, by=None, freq="month")
    assert got[["group", "count", "docs", "total_docs"]].values.tolist() == [["all", 6, 4, 4]]
    assert got.period.tolist() == [pd.Timestamp("2024-03-01")]


def test_days_cover_the_whole_range_with_zeros():
    got = timeline(TOKENS, DOCS, by=None, freq="day", terms=["мир"])
    assert len(got) == 17  # 4 to 20 March
    assert got.set_index("period")["count"][lambda c: c > 0].to_dict() == {
        pd.Timestamp("2024-03-04"): 1,
        pd.Timestamp("2024-03-10"): 1,
    }
    assert got["total_docs"].sum() == 4


def test_grouping_by_a_row_column_shares_of_all_documents_of_the_period():
    got = timeline(TOKENS, DOCS, by="lemma", terms=["путин", "мир", "война"])
    first = got[got.period == "2024-03-04"].set_index("group")
    # every term asked for is a group, named as asked, also when it never occurs
    assert first.index.tolist() == ["война", "мир", "путин"]
    assert first["count"].tolist() == [0, 2, 3]
    assert first["docs"].tolist() == [0, 2, 2]
    assert first["total_docs"].tolist() == [3, 3, 3]
    assert first["share"].tolist() == pytest.approx([0, 2 / 3, 2 / 3])
    assert got.attrs["timeline"]["groups"] == "rows"


def test_actor_mentions_and_frame_hits_are_counted_like_tokens():
    mentions = pd.DataFrame({"doc_id": ["a", "c", "c", "d"], "actor": ["Путин", "Путин", "Трамп", "Трамп"]})
    got = timeline(mentions, DOCS, by="actor", freq="month")
    assert got.set_index("group")[["count", "docs", "total_docs"]].to_dict("list") == {
        "count": [2, 2], "docs": [2, 2], "total_docs": [4, 4],
    }
    only = timeline(mentions, DOCS, freq="month", terms=["трамп"])
    assert only.set_index("group")["count"].to_dict() == {"РИА": 1, "ТАСС": 1}


def test_time_zones_are_converted_to_utc_and_strings_parsed():
    docs = DOCS.assign(date=["2024-03-03T23:30:00-01:00", "2024-03-10", "2024-03-20", "2024-03-05", ""])
    got = timeline(TOKENS, docs, terms=["путин"])
    # 23:30 at UTC-1 on Sunday is Monday 00:30 UTC: the week of 4 March
    assert got.loc[got.group == "ТАСС", "count"].tolist() == [2, 0, 1]
    assert got.attrs["undated"] == ["e"]


def test_undated_and_ungrouped_documents_are_logged(caplog):
    with caplog.at_level(logging.WARNING, logger="corpus_tools.dates"):
        timeline(TOKENS, DOCS)
    assert "1 of 5 documents have no date" in caplog.text
    with caplog.at_level(logging.WARNING, logger="corpus_tools.dates"):
        got = timeline(TOKENS, DOCS.assign(source=["ТАСС", None, "ТАСС", "РИА", "РИА"]), freq="month")
    assert "1 dated documents have no source" in caplog.text
    assert got.set_index("group")["total_docs"].to_dict() == {"РИА": 1, "ТАСС": 2}


def test_public_function_records_provenance_and_does_not_modify_inputs():
    docs, tokens = DOCS.copy(), TOKENS.copy()
    got = ct.timeline(tokens, docs, freq="month")
    assert got.attrs["provenance"]["function"] == "corpus_tools.timeline"
    assert got.attrs["provenance"]["options"]["freq"] == "month"
    pd.testing.assert_frame_equal(docs, DOCS)
    pd.testing.assert_frame_equal(tokens, TOKENS)


@pytest.mark.parametrize(
    ("table", "docs", "kwargs", "error", "message"),
    [
        (TOKENS, DOCS, {"freq": "year"}, ValueError, "freq = 'year'"),
        (TOKENS, DOCS, {"by": "outlet"}, ValueError, "by = 'outlet'"),
        (TOKENS, DOCS.drop(columns="date"), {}, ValueError, "no column 'date'"),
        (TOKENS.drop(columns="doc_id"), DOCS, {}, ValueError, "no column 'doc_id'"),
        (TOKENS, DOCS.iloc[:3], {}, ValueError, r"2 rows of table belong to documents not in docs \(e.g. \[.d., .e.\]\)"),
        (TOKENS, DOCS.assign(date=pd.NaT), {}, ValueError, "no document in docs has a date"),
        (TOKENS, DOCS, {"terms": ["мир"], "column": "actor"}, ValueError, "column = 'actor'"),
        (TOKENS[["doc_id"]], DOCS, {"terms": ["мир"]}, ValueError, "column = None"),
        ([1, 2], DOCS, {}, TypeError, "table must be a pandas DataFrame"),
    ],
)
def test_bad_input_is_named(table, docs, kwargs, error, message):
    with pytest.raises(error, match=message):
        timeline(table, docs, **kwargs)


def test_ru_news_mix_sample(shared):
    docs, tokens = ct.load(shared("data/corpora/ru_news_mix/sample"))
    got = timeline(tokens, docs, freq="month", terms=["россия", "путин"])
    dated = docs[docs.date.notna()]
    assert got.attrs["undated"] == sorted(docs.loc[docs.date.isna(), "doc_id"])
    # every dated document is counted once in the denominators, per outlet
    per_outlet = got.groupby("group")["total_docs"].sum()
    assert per_outlet.to_dict() == dated.groupby("source").size().to_dict()
    matched = tokens[tokens.lemma.isin(["россия", "путин"]) & tokens.doc_id.isin(dated.doc_id) & ~tokens.is_punct]
    assert got["count"].sum() == len(matched) > 0
    assert got["docs"].sum() == matched.doc_id.nunique()
    assert (got["docs"] <= got["total_docs"]).all() and got["share"].dropna().between(0, 1).all()
    # one row per month and outlet, months consecutive
    months = got.period.drop_duplicates()
    assert (months.diff().dropna().dt.days.between(28, 31)).all()
    assert len(got) == len(months) * docs.source.nunique()
