import pandas as pd
import pytest

from corpus_tools import tokenize
from corpus_tools.morphology import tag_words
from corpus_tools.names import harmonize_names, is_name_shaped, proposals
from corpus_tools.tokens import reference_tokenize


def lemmas_of(tokens, *words):
    return {w: sorted(set(tokens.loc[tokens.token == w, "lemma"])) for w in words}


# the forms of one document, and the lemma all of them must share
DOCUMENTS = [
    ("Суд оправдал Асию Биби. Адвокат Асии Биби доволен. Сама Асия Биби молчит. С Асией Биби говорили.", ["Асию", "Асии", "Асия", "Асией"], "асия"),
    ("Министр Доминик Рааб прилетел. В аэропорту Рааба встретили послы.", ["Рааб", "Рааба"], "рааб"),
    ("Премьер Имран Хан выступил. Оппозиция критикует Хана.", ["Хан", "Хана"], "хан"),
    ("Миллиардер Илон Маск купил сеть. У Илона Маска нет планов.", ["Илон", "Илона"], "илон"),
    ("Канцлер Олаф Шольц приехал. Визит Шольца продлится день.", ["Шольц", "Шольца"], "шольц"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "forms", "lemma"), DOCUMENTS, ids=[d[2] for d in DOCUMENTS])
def test_the_forms_of_a_name_share_one_lemma_within_a_document(text, forms, lemma):
    tokens = tokenize([text])
    assert lemmas_of(tokens, *forms) == {form: [lemma] for form in forms}
    pd.testing.assert_frame_equal(tokens, reference_tokenize([text]))


@pytest.mark.parametrize(
    ("text", "word", "lemma"),
    [
        ("Переговоры вёл Мишель Барнье.", "Барнье", "барнье"),  # indeclinable, not the guessed «барние»
        ("Суд оправдал Асию Биби.", "Биби", "биби"),
        ("Визит Терезы Мэй отменён.", "Мэй", "мэй"),
    ],
)
def test_indeclinable_names_keep_their_form(text, word, lemma):
    tokens = tokenize([text])
    assert lemmas_of(tokens, word) == {word: [lemma]}
    assert (tokens.loc[tokens.token == word, "upos"] == "PROPN").all()  # «Мэй» is no longer X


@pytest.mark.parametrize(
    ("text", "word", "lemma"),
    [
        ("Об этом сообщили в Минобороны. Минобороны России заявило об ударе.", "Минобороны", "минобороны"),
        ("Обстрел Сум продолжился. В Сумах нет света. Сумы без воды.", "Сумах", "сумы"),
        ("Документ передали Министерству обороны. Представитель Министерства ответил.", "Министерству", "министерство"),
        ("Жители Костанайской области и Костанайского района.", "Костанайского", "костанайский"),
        ("Президент Касым-Жомарт Токаев встретился с Токаевым-младшим. Токаеву позвонили.", "Токаеву", "токаев"),
    ],
)
def test_dictionary_words_adjectives_and_surnames_are_left_alone(text, word, lemma):
    assert lemmas_of(tokenize([text]), word) == {word: [lemma]}


def test_results_do_not_depend_on_batching_but_the_corpus_level_merges_documents():
    texts = ["Суд оправдал Асию Биби.", "Адвокат Асии Биби доволен.", "С Асией Биби говорили."]
    tokens = tokenize(texts)
    pd.testing.assert_frame_equal(tokens, tokenize(texts, batch_size=1))
    # each document alone has one form: the dictionary's «асий» stays, «Асией» is «асия»
    assert tokens[tokens.token.str.startswith("Ас")].lemma.tolist() == ["асий", "асий", "асия"]
    merged = harmonize_names(tokens, within=None)
    assert merged[merged.token.str.startswith("Ас")].lemma.tolist() == ["асия", "асия", "асия"]
    assert merged.drop(columns="lemma").equals(tokens.drop(columns="lemma"))
    assert tokens[tokens.token.str.startswith("Ас")].lemma.tolist() == ["асий", "асий", "асия"]  # not modified


def test_a_capitalized_common_noun_opening_a_sentence_is_not_a_name():
    tokens = tokenize(["Мира хватит всем. Она увидела Миру."])
    assert lemmas_of(tokens, "Мира") == {"Мира": ["мир"]}


def test_tag_words_applies_the_rules_within_its_sentence():
    tagged = tag_words(["Суд", "оправдал", "Асию", ",", "а", "Асией", "гордятся", "."])
    assert tagged.lemma.tolist()[2] == tagged.lemma.tolist()[5] == "асия"
    assert tag_words(["Суд", "оправдал", "Асию", "."], context=False).lemma.tolist()[2] == "асий"


def test_proposals_and_name_shape():
    assert proposals("асией")[:2] == ("асией", "асия")
    assert {"рааб", "рааба"} <= set(proposals("рааба"))
    assert not any(p.endswith(("иь", "аь")) for p in proposals("асию"))
    assert is_name_shaped("Асия") and is_name_shaped("Касым-Жомарт")
    assert not is_name_shaped("Токаев") and not is_name_shaped("США") and not is_name_shaped("асия")
    assert not is_name_shaped("Вторник-воскресенье") and not is_name_shaped("Костанайской")


def test_bad_input_names_the_missing_column():
    with pytest.raises(ValueError, match="lacks column 'upos'"):
        harmonize_names(pd.DataFrame({"token": ["Асия"], "lemma": ["асий"], "sent_id": [0], "is_punct": [False]}))
    tokens = tokenize(["Асия пришла."])
    with pytest.raises(ValueError, match="no column 'outlet'"):
        harmonize_names(tokens, within="outlet")
    assert harmonize_names(tokens.iloc[:0]).empty


def test_one_lemma_per_name_on_real_news(shared):
    from corpus_tools import read_corpus

    docs = read_corpus(shared("data/corpora/ru_news_mix/sample"))
    tokens = tokenize(docs)
    # every document naming «Илон Маск» in several cases gives «Илон» one lemma
    elon = tokens[tokens.token.isin(["Илон", "Илона", "Илону", "Илоном"])]
    several = elon.groupby("doc_id").token.transform("nunique") > 1
    assert several.sum() >= 3
    assert set(elon[several].lemma) == {"илон"}
    merged = harmonize_names(tokens, within=None)
    changed = (merged.lemma != tokens.lemma).to_numpy()
    # the corpus level changes few tokens, and only names
    assert changed.sum() < 0.002 * len(tokens)
    assert set(tokens.upos[changed].astype(str)) <= {"PROPN", "X", "NOUN"}
