"""Provenance records: inputs and options are described without mistaking texts for paths."""

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools import provenance


def _fake(word, proper):
    return word.lower(), "NOUN", "NOUN"


# a line of news longer than any file name, with slashes as in dates and links
LONG_TEXT = "Подробнее на https://t.me/rian_ru/12345 и 12/03/2024. " + "очень длинный текст " * 40
MULTILINE = "Заголовок/подзаголовок\nhttps://ria.ru/20240312/vybory.html"


@pytest.mark.parametrize("text", [LONG_TEXT, MULTILINE, "a/" * 3000, "x" * 300 + "/y", "/\x00/"])
def test_texts_are_never_paths(text):
    assert provenance._existing_path(text) is None
    assert provenance._describe(text) == text
    assert provenance.table_digest(text) == provenance.digest(text)


def test_tokenize_a_list_of_long_texts_with_slashes():
    texts = [LONG_TEXT, MULTILINE, "Коротко."]
    tokens = ct.tokenize(texts, lemmatizer=_fake)
    assert tokens["doc_id"].unique().tolist() == [0, 1, 2]
    record = tokens.attrs["provenance"]
    assert record["function"] == "corpus_tools.tokenize"
    # the digest follows the texts
    other = ct.tokenize([LONG_TEXT, MULTILINE, "Иначе."], lemmatizer=_fake).attrs["provenance"]
    assert record["input"] != other["input"]


def test_a_text_in_a_list_that_names_a_file_is_still_a_text(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert provenance._describe(["sub/a.txt"]) == ["sub/a.txt"]
    # a lone option that names a file is hashed, so the record changes with the file
    described = provenance._describe("sub/a.txt")
    assert described["path"] == "sub/a.txt" and len(described["digest"]) == 32
    (tmp_path / "sub" / "a.txt").write_text("y", encoding="utf-8")
    assert provenance._describe("sub/a.txt")["digest"] != described["digest"]


def test_paths_are_still_hashed(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Текст.", encoding="utf-8")
    assert provenance.table_digest(folder) == provenance.path_digest(folder)
    assert provenance.table_digest(str(folder)) == provenance.path_digest(folder)
    assert provenance._describe(folder / "a.txt")["digest"] == provenance.path_digest(folder / "a.txt")


def test_table_digest_follows_content():
    a = pd.DataFrame({"text": ["один", "два"]})
    b = pd.DataFrame({"text": ["один", "три"]})
    assert provenance.table_digest(a) != provenance.table_digest(b)
    assert provenance.table_digest(a) == provenance.table_digest(a.copy())
