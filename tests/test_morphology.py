"""Tests for corpus_tools.morphology: lemmas, UPOS, proper names and agreement with tokenize."""

from __future__ import annotations

import csv
import subprocess
import sys

import pandas as pd
import pytest

from corpus_tools import lexicon, morphology
from corpus_tools.morphology import (
    UPOS_TAGS,
    analyse,
    analyse_many,
    initial_flags,
    proper_flags,
    tag_words,
)
from corpus_tools.resources import data_path
from corpus_tools.tokens import document_text, tokenize

from .conftest import assert_tag_words_agree


@pytest.fixture(scope="module")
def seed_sentences(seed_docs):
    """Every sentence of the seeds as a document of its own."""
    tokens = tokenize(seed_docs)
    texts = dict(zip(seed_docs["doc_id"], document_text(seed_docs)))
    spans = tokens.groupby(["doc_id", "sent_id"], sort=False).agg(start=("start", "min"), stop=("stop", "max"))
    return pd.DataFrame(
        {
            "doc_id": [f"{doc}:{sent}" for doc, sent in spans.index],
            "text": [texts[doc][a:b] for (doc, _), a, b in zip(spans.index, spans["start"], spans["stop"])],
        }
    )

# (word, proper, lemma, upos)
ANALYSES = [
    # pymorphy3's top parse outside proper context
    ("Белоусов", False, "белоус", "NOUN"),
    ("песков", False, "песок", "NOUN"),
    ("партнёром", False, "партнер", "NOUN"),
    ("Казахстана", False, "казахстан", "PROPN"),
    ("России", False, "россия", "PROPN"),
    ("США", False, "сша", "PROPN"),
    # surnames in proper context
    ("Песков", True, "песков", "PROPN"),
    ("Белоусов", True, "белоусов", "PROPN"),
    ("Токаев", True, "токаев", "PROPN"),
    ("Токаева", True, "токаев", "PROPN"),
    ("Токаевым", True, "токаев", "PROPN"),
    ("Жапаров", True, "жапаров", "PROPN"),
    ("Жапарова", True, "жапаров", "PROPN"),
    ("Мирзиеев", True, "мирзиеев", "PROPN"),
    ("Бердымухамедов", True, "бердымухамедов", "PROPN"),
    ("Сулейманов", True, "сулейманов", "PROPN"),
    ("Лаврова", True, "лавров", "PROPN"),
    ("Путиным", True, "путин", "PROPN"),
    ("Трампом", True, "трамп", "PROPN"),
    ("Матвиенко", True, "матвиенко", "PROPN"),
    ("Рахмон", True, "рахмон", "PROPN"),
    ("Рубио", True, "рубио", "PROPN"),
    # overrides apply in any context
    ("Касым-Жомарта", False, "касым-жомарт", "PROPN"),
    ("Касым-Жомартом", True, "касым-жомарт", "PROPN"),
    ("Тлеуберди", True, "тлеуберди", "PROPN"),
    ("Анкоридже", True, "анкоридж", "PROPN"),
    ("Штатов", True, "штат", "NOUN"),
    ("Песков", False, "песков", "PROPN"),
    ("Токаев", False, "токаев", "PROPN"),
    # places are not surnames
    ("Берлин", True, "берлин", "PROPN"),
    ("Нидерландов", True, "нидерланды", "PROPN"),
    ("Газа", True, "газа", "PROPN"),
    # common words keep their reading in proper context
    ("Власти", True, "власть", "NOUN"),
    ("Мир", True, "мир", "NOUN"),
    ("Президент", True, "президент", "NOUN"),
    ("Из", True, "из", "ADP"),
    ("Тем", True, "тем", "SCONJ"),
    ("Красной", True, "красный", "ADJ"),
    ("Красноярском", True, "красноярский", "ADJ"),
    ("Мужчина", True, "мужчина", "NOUN"),
    ("Родину", True, "родина", "NOUN"),
    # UD conventions: women's surnames and patronymics keep the feminine form
    ("Захаровой", True, "захарова", "PROPN"),
    ("Жапаровой", True, "жапарова", "PROPN"),
    ("Алексеевной", True, "алексеевна", "PROPN"),
    ("Поликарповна", False, "поликарповна", "PROPN"),
    # prepositions are their own lemmas; superlatives too; «один» is a numeral
    ("во", False, "во", "ADP"),
    ("со", False, "со", "ADP"),
    ("лучших", False, "лучший", "ADJ"),
    ("крупнейшего", False, "крупнейший", "ADJ"),
    ("одного", False, "один", "NUM"),
    # adverbs UD reads as nouns
    ("утром", False, "утро", "NOUN"),
    ("зимой", False, "зима", "NOUN"),
]


@pytest.mark.parametrize("word, proper, lemma, upos", ANALYSES)
def test_analyse_lemma_and_upos(word, proper, lemma, upos):
    result = analyse(word, proper=proper)
    assert (result.lemma, result.upos) == (lemma, upos)


# (word, pos, upos): the UPOS table of the module docstring
UPOS_CASES = [
    ("и", "CONJ", "CCONJ"),
    ("но", "CONJ", "CCONJ"),
    ("что", "CONJ", "SCONJ"),
    ("чтобы", "CONJ", "SCONJ"),
    ("если", "CONJ", "SCONJ"),
    ("возможно", "CONJ", "ADV"),
    ("ли", "CONJ", "PART"),
    ("в", "PREP", "ADP"),
    ("он", "NPRO", "PRON"),
    ("этот", "ADJF", "DET"),
    ("свой", "ADJF", "DET"),
    ("который", "ADJF", "PRON"),
    ("важный", "ADJF", "ADJ"),
    ("лучше", "COMP", "ADJ"),
    ("был", "VERB", "AUX"),
    ("быть", "INFN", "AUX"),
    ("заявил", "VERB", "VERB"),
    ("подписанных", "PRTF", "VERB"),
    ("имея", "GRND", "VERB"),
    ("не", "PRCL", "PART"),
    ("ах", "INTJ", "INTJ"),
    ("два", "NUMR", "NUM"),
    ("быстро", "ADVB", "ADV"),
    ("можно", "PRED", "ADV"),
    ("2024", "NUMB", "NUM"),
    ("1,5", "NUMB", "NUM"),
    ("11-12", "NUMB", "NUM"),
    ("XIV", "ROMN", "NUM"),
    (".", "PNCT", "PUNCT"),
    ("«", "PNCT", "PUNCT"),
    ("—", "PNCT", "PUNCT"),
    ("%", "PNCT", "SYM"),
    ("$", "UNKN", "SYM"),
    ("₽", "UNKN", "SYM"),
    ("№", "UNKN", "SYM"),
    ("+", "UNKN", "SYM"),
    ("Apple", "LATN", "PROPN"),
    ("iphone", "LATN", "X"),
    ("Су-35", "UNKN", "X"),
    ("``", "UNKN", "PUNCT"),
    ("&#39;&#39;", "UNKN", "PUNCT"),
    ("&", "PNCT", "SYM"),
]


@pytest.mark.parametrize("word, pos, upos", UPOS_CASES)
def test_pos_and_upos(word, pos, upos):
    result = analyse(word)
    assert (result.pos, result.upos) == (pos, upos)
    assert result.upos in UPOS_TAGS


def test_yo_keep_and_fold():
    assert analyse("партнёром").lemma == "партнер"
    assert analyse("партнёром", yo="keep").lemma == "партнёр"
    assert analyse("партнером", yo="keep").lemma == "партнёр"  # the dictionary restores ё


def test_invalid_yo_says_what_to_do():
    with pytest.raises(ValueError, match="use 'fold'"):
        analyse("мир", yo="drop")


def test_lemmas_are_lowercase():
    assert analyse("NATO").lemma == "nato"
    assert analyse("МИДа", proper=True).lemma.islower()


def test_analyse_many_matches_analyse():
    keys = [("Белоусов", False), ("Белоусов", True), ("белоусов", False), ("Токаева", True), (".", False)]
    assert analyse_many(keys) == [analyse(word, proper=proper) for word, proper in keys]


def test_each_form_is_parsed_once(monkeypatch):
    calls = []
    real = morphology.analyzer()

    class Counting:
        def parse(self, word):
            calls.append(word)
            return real.parse(word)

    monkeypatch.setattr(morphology, "_ANALYZER", Counting())
    monkeypatch.setattr(morphology, "_CACHE", {})
    monkeypatch.setattr(lexicon, "_LOADED", None)  # no shipped table: every form goes to pymorphy3
    text = "Песков сказал, что Песков и Пескову сказали. Песков сказал."
    tokens = tokenize([text, text])
    assert len(tokens) > 2 * len(set(tokens["token"]))
    assert sorted(word.lower() for word in calls) == sorted({t.lower() for t in tokens["token"]})


def test_analyzer_is_built_lazily():
    code = "import corpus_tools.morphology as m, corpus_tools.tokens; assert m._ANALYZER is None"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=data_path("stopwords_ru.txt").parent.parent)


# sentence tokens with `|` between them; `^` marks the words that are initial
INITIAL_CASES = [
    "^Власти| заявили",
    "^1|.| ^Власти| заявили",
    "^—| ^Мы| видели",
    "^Он| сказал|:| «|^Мир| важен|»",
    "^Он| сказал| Д|.| Песков",
    "^Вода| ушла|.|^Тем| временем",
    "^**|^Из| здания",
    "^Вода| ушла|.|**| **|^Из| здания",
    "^Это| ответ|,| —| Песков",
    "^Так| заявил| **|Песков|**",
    "^Он| сказал|:| —| ^Мы| готовы",
]


@pytest.mark.parametrize("case", INITIAL_CASES)
def test_initial_flags(case):
    pieces = [piece.strip() for piece in case.split("|")]
    words = [piece.lstrip("^") for piece in pieces]
    expected = [piece.startswith("^") for piece in pieces]
    flags = initial_flags(words)
    assert [f for w, f in zip(words, flags) if w[0].isalpha()] == [e for w, e in zip(words, expected) if w[0].isalpha()]


# (sentences of one document, expected proper flags)
PROPER_CASES = [
    ([["Власти", "молчат"]], [[False, False]]),
    ([["Песков", "ответил"]], [[False, False]]),
    ([["Песков", "ответил"], ["Мы", "видели", "Пескова"]], [[True, False], [False, False, True]]),
    ([["Песков", "ответил"], ["Сказал", "Песков"]], [[True, False], [False, True]]),
    ([["Токаев", "прибыл"], ["Встреча", "с", "Токаевым"]], [[True, False], [False, False, True]]),
    ([["США", "и", "Песков"]], [[False, False, True]]),
]


@pytest.mark.parametrize("sentences, expected", PROPER_CASES)
def test_proper_flags(sentences, expected):
    assert proper_flags(sentences) == expected


def test_tag_words_columns_and_values():
    table = tag_words(["Говорит", "Дмитрий", "Песков", "."])
    assert list(table.columns) == ["word", "lemma", "pos", "upos", "tag"]
    assert table["lemma"].tolist() == ["говорить", "дмитрий", "песков", "."]
    assert table["upos"].tolist() == ["VERB", "PROPN", "PROPN", "PUNCT"]
    assert isinstance(table["upos"].dtype, pd.CategoricalDtype)


def test_tag_words_empty():
    table = tag_words([])
    assert table.empty and list(table.columns) == ["word", "lemma", "pos", "upos", "tag"]


def test_tag_words_agrees_with_tokenize_on_one_sentence_documents(seed_sentences):
    single = tokenize(seed_sentences)
    n_sentences = single.groupby("doc_id")["sent_id"].max() + 1
    one = n_sentences.index[n_sentences == 1]
    assert len(one) >= 0.95 * len(seed_sentences)
    for doc_id, group in single[single["doc_id"].isin(one)].groupby("doc_id", sort=False):
        tagged = tag_words(group["token"].tolist())
        expected = group[["lemma", "pos", "upos"]].reset_index(drop=True)
        pd.testing.assert_frame_equal(tagged[["lemma", "pos", "upos"]], expected, obj=f"sentence {doc_id}")


def test_tag_words_agrees_with_tokenize_inside_documents(seed_docs):
    tokens = tokenize(seed_docs)
    assert assert_tag_words_agree(tokens) >= 0.9 * len(tokens)


def test_overrides_file_is_reviewed():
    lines = data_path("lemma_overrides.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#")  # a header comment says what the file is
    rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    assert rows and set(rows[0]) == {"form", "lemma", "upos", "note"}
    for row in rows:
        assert row["form"] == row["form"].lower() and row["lemma"] == row["lemma"].lower()
        assert row["upos"] in UPOS_TAGS and row["note"].strip()


# sentence with `|` between tokens; `word=lemma/UPOS` marks the expected reading in context
CONTEXT_CASES = [
    # possessive его/её/их before a nominal is DET with its own form; otherwise a pronoun
    "Его=его/DET| брат| видел| его=он/PRON| вчера",
    "Он| ждал| её=она/PRON| на| вокзале",
    "Их=их/DET| дом| далеко",
    # ordinal numbers before год / months, and abbreviations
    "в| 2010=2010/ADJ| году",
    "18=18/ADJ| июня",
    "10=10/NUM| человек",
    "в| 1904=1904/ADJ| г.=год/NOUN",
    "и| т.=так/ADV| д.=далее/ADV",
    # female surnames by agreement
    "Мария| Лаврова=лаврова/PROPN| приехала",
    "Лаврова=лаврова/PROPN| заявила",
    "ответ| Лаврова=лавров/PROPN| был",
]


@pytest.mark.parametrize("case", CONTEXT_CASES)
def test_in_context(case):
    pieces = [piece.strip() for piece in case.split("|")]
    words = [piece.split("=")[0] for piece in pieces]
    tagged = tag_words(words, context=True)
    for i, piece in enumerate(pieces):
        if "=" in piece:
            lemma, upos = piece.split("=")[1].split("/")
            assert (tagged["lemma"][i], tagged["upos"][i]) == (lemma, upos), words


def test_in_context_leaves_other_words_alone():
    words = ["Песков", "ответил", "журналистам", "."]
    analyses = morphology.sentence_analyses(words)
    assert all(a is b for a, b in zip(morphology.in_context(words, analyses), analyses))


def test_tag_words_without_context_is_per_form():
    words = ["Его", "брат", "видел", "его"]
    assert tag_words(words, context=False)["lemma"].tolist() == ["он", "брат", "видеть", "он"]
    assert tag_words(words, context=True)["lemma"].tolist() == ["его", "брат", "видеть", "он"]


def test_context_model_chooses_among_readings():
    model = morphology.ContextModel(
        [
            ("это", "это", "PRON", "label", "", 3),
            ("это", "этот", "DET", "label", "", 2),
            ("это", "этот", "DET", "next", "NOUN", 2),
            ("это", "это", "PRON", "next", "VERB", 3),
        ]
    )
    assert model.choose("это", "BOS", "NOUN") == ("этот", "DET")
    assert model.choose("это", "BOS", "VERB") == ("это", "PRON")
    assert model.choose("мир", "BOS", "VERB") is None


def test_bundled_context_model_is_generated_and_small():
    path = data_path(morphology.CONTEXT_MODEL)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#") and "benchmarks/train_context.py" in "".join(lines[:5])
    assert path.stat().st_size < 200_000
    model = morphology.context_model()
    assert 20 <= len(model.forms) <= 1000
    assert all(upos in UPOS_TAGS for labels in model.labels.values() for _, upos in labels)


def test_tokenize_and_tag_words_agree_sentence_by_sentence(seed_docs):
    """Each seed sentence as its own document: tokenize and tag_words give the same readings."""
    texts = document_text(seed_docs)
    tokens = tokenize(seed_docs, yo="keep")
    sentences = [
        texts[seed_docs.index[seed_docs["doc_id"] == doc_id][0]][group["start"].min() : group["stop"].max()]
        for (doc_id, _), group in tokens.groupby(["doc_id", "sent_id"], sort=False)
    ]
    compared = revised = 0
    for text in sentences[:250]:
        alone = tokenize([text], yo="keep")
        if alone["sent_id"].nunique() != 1:
            continue
        words = alone["token"].tolist()
        tagged = tag_words(words, yo="keep")
        assert alone["lemma"].tolist() == tagged["lemma"].tolist(), words
        assert alone["upos"].astype(str).tolist() == tagged["upos"].astype(str).tolist(), words
        per_form = tag_words(words, yo="keep", context=False)
        revised += int((per_form["lemma"] != tagged["lemma"]).sum() + (per_form["upos"] != tagged["upos"]).sum())
        compared += 1
    assert compared > 100 and revised > 0
