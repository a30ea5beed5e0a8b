import pandas as pd
import pytest

from corpus_tools.summary import attach, corpus_summary, documents_per_group, too_small

DOCS = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["ТАСС", "РИА", "ТАСС"]})
TOKS = pd.DataFrame(
    {
        "doc_id": ["a", "a", "a", "a", "b"],
        "sent_id": [0, 0, 1, 1, 0],
        "is_punct": [False, True, False, False, False],
        "is_stop": [False, False, True, False, False],
        "in_title": [True, True, False, False, False],
    }
)


def test_counts_per_source_with_total_and_empty_document():
    got = corpus_summary(DOCS, TOKS)
    assert got.values.tolist() == [
        ["ТАСС", 2, 2, 4, 3, 2, 1],
        ["РИА", 1, 1, 1, 1, 1, 0],
        ["total", 3, 3, 5, 4, 3, 1],
    ]


def test_whole_corpus():
    assert corpus_summary(DOCS, TOKS, by=None).values.tolist() == [["all", 3, 3, 5, 4, 3, 1]]


def test_attach_errors_name_the_problem():
    with pytest.raises(ValueError, match="'platform'"):
        attach(TOKS, "platform", DOCS)
    with pytest.raises(ValueError, match="missing from docs.*'b'"):
        attach(TOKS, "source", DOCS[DOCS.doc_id != "b"])


def test_documents_per_group_largest_first_with_documents_without_tokens():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c", "d", "e"], "source": ["Фокус", "РИА", "ТАСС", "РИА", None]})
    got = documents_per_group(TOKS, "source", docs)
    assert got.to_dict() == {"РИА": 2, "ТАСС": 1, "Фокус": 1} and got.index.tolist() == ["РИА", "ТАСС", "Фокус"]
    # without docs, the token table's own documents
    assert documents_per_group(TOKS.assign(source=["x"] * 4 + ["y"]), "source").to_dict() == {"x": 1, "y": 1}
    with pytest.raises(ValueError, match="'outlet'"):
        documents_per_group(TOKS, "outlet", docs)


def test_too_small_lists_the_small_groups_largest_first():
    docs = pd.DataFrame({"doc_id": list("abcdefghij"), "source": ["ТАСС"] * 5 + ["РИА"] * 3 + ["Meduza", "Фокус"]})
    got = too_small(docs)
    assert got.values.tolist() == [["РИА", 3, 5], ["Meduza", 1, 5], ["Фокус", 1, 5]]
    assert too_small(docs, min_docs=2).group.tolist() == ["Meduza", "Фокус"]
    assert too_small(docs, min_docs=1).empty and too_small(docs, min_docs=0).empty
    with pytest.raises(ValueError, match="min_docs = -1 is invalid"):
        too_small(docs, min_docs=-1)


def test_too_small_on_the_seeds_lists_every_outlet(seeds_dir, root):
    import corpus_tools as ct

    docs = ct.read_corpus(seeds_dir, metadata=root / "data" / "seeds_metadata.csv")
    got = ct.too_small(docs, by="source")
    assert len(got) == docs.source.nunique() == 5 and (got.documents == 1).all()
    assert got.group.tolist() == sorted(got.group)  # all of one size: by name
