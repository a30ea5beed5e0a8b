"""Tests for corpus_tools.tokens: segmentation, offsets, lemmas on the seeds, dtypes and edge cases."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus_tools as ct
from corpus_tools.tokens import COLUMNS, document_text, reference_tokenize, tokenize

NAMES = [
    "Токаев", "Песков", "Путин", "Трамп", "Лавров", "Касым-Жомарт", "Матвиенко", "Тлеуберди",
    "Жапаров", "Мирзиеев", "Рахмон", "Бердымухамедов", "Сулейманов", "Рубио", "Анкоридж",
]  # fmt: skip

# lemma expectations on the seeds, razdel-style
SEED_LEMMAS = {
    "Токаева": "токаев",
    "Токаевым": "токаев",
    "Путину": "путин",
    "Касым-Жомарта": "касым-жомарт",
    "Казахстана": "казахстан",
    "Казахстаном": "казахстан",
    "России": "россия",
    "Россией": "россия",
    "США": "сша",
    "партнёром": "партнер",
    "партнером": "партнер",
    "заявил": "заявить",
    "мире": "мир",
    "Власти": "власть",
    "Президент": "президент",
}


def fake_lemmatizer(word, proper):
    return word.lower(), "NOUN", "PROPN" if proper else "NOUN"


@pytest.fixture(scope="module")
def seed_tokens(seed_docs):
    return tokenize(seed_docs)


# tokens separated by `|`; the text is the case without the bars
TOKEN_CASES = [
    # hyphenated words and names stay whole
    "Касым-Жомарт| Токаев",
    "что-то| по-другому",
    "пресс-секретарь| Кремля",
    "российско-казахстанских| отношений",
    # numbers, ranges, symbols
    "11-12| ноября",
    "$| 99.61",
    "50|%",
    "1,5| млн| ₽",
    # quotes and punctuation
    "«|Мир| важен|»|.",
    "заявил| Песков|:| «|да|»",
    "логичным|»|.|Президент",
]


@pytest.mark.parametrize("case", TOKEN_CASES)
def test_tokens(case):
    text = case.replace("|", "")
    assert tokenize([text], lemmatizer=fake_lemmatizer)["token"].tolist() == [p.strip() for p in case.split("|")]


# sentences separated by `|`
SENTENCE_CASES = [
    "Визит состоится завтра.| Песков подтвердил это.",
    "Вы вспомните!| Перечитайте.",
    "Заголовок без точки\n|Текст статьи.",
    "Меню\n|  • $ 99.61 +0.03\n|  • ¥ 13.78",
    "По словам Д. Пескова, визит готов.",
]


@pytest.mark.parametrize("case", SENTENCE_CASES)
def test_sentences(case):
    text = case.replace("|", "")
    tokens = tokenize([text], lemmatizer=fake_lemmatizer)
    sentences = [" ".join(group["token"]) for _, group in tokens.groupby("sent_id")]
    expected = [" ".join(tokenize([s], lemmatizer=fake_lemmatizer)["token"]) for s in case.split("|")]
    assert sentences == expected


def test_document_text_joins_title_and_text():
    docs = pd.DataFrame(
        {"doc_id": [1, 2, 3, 4], "title": ["Заголовок", None, "", float("nan")], "text": ["Текст.", "Б.", "В.", None]}
    )
    assert document_text(docs).tolist() == ["Заголовок\n\nТекст.", "Б.", "В.", ""]
    assert document_text(["а", "б"]).tolist() == ["а", "б"]


def test_title_sentences_come_first_and_are_marked():
    docs = pd.DataFrame(
        {"doc_id": ["d"], "title": ["Токаев летит к Путину"], "text": ["Визит Токаева начнётся завтра. Всё готово."]}
    )
    tokens = tokenize(docs)
    assert tokens.loc[tokens["in_title"], "sent_id"].unique().tolist() == [0]
    assert tokens.loc[~tokens["in_title"], "sent_id"].unique().tolist() == [1, 2]
    assert tokens["token_id"].tolist() == list(range(len(tokens)))
    assert tokens.loc[0, "lemma"] == "токаев"  # named again in the body, so not "токай"


def test_offsets_point_into_document_text(seed_docs, seed_tokens):
    texts = dict(zip(seed_docs["doc_id"], document_text(seed_docs)))
    for doc_id, start, stop, token in seed_tokens[["doc_id", "start", "stop", "token"]].itertuples(index=False):
        assert texts[doc_id][start:stop] == token


@pytest.mark.parametrize("form, lemma", SEED_LEMMAS.items())
def test_seed_lemmas(seed_tokens, form, lemma):
    found = seed_tokens.loc[seed_tokens["token"] == form, "lemma"]
    assert len(found) > 0, f"{form} is not in the seeds"
    assert set(found) == {lemma}


def test_every_seed_form_of_the_names_gives_the_name(seed_docs, seed_tokens):
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(NAMES) + r")[а-яё]*")
    forms = {m.group() for text in seed_docs["text"] for m in pattern.finditer(text)}
    assert len(forms) >= 25
    stems = {name.lower() for name in NAMES}
    wrong = {}
    for form in forms:
        lemmas = set(seed_tokens.loc[seed_tokens["token"] == form, "lemma"])
        expected = next(s for s in sorted(stems, key=len, reverse=True) if form.lower().startswith(s))
        if lemmas != {expected}:
            wrong[form] = lemmas
    assert not wrong


def test_names_are_propn(seed_tokens):
    names = seed_tokens[seed_tokens["lemma"].isin(["токаев", "песков", "путин", "трамп", "жапаров"])]
    assert (names["upos"] == "PROPN").all()


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=200), title=st.one_of(st.none(), st.text(max_size=30)))
def test_tokens_cover_the_text(text, title):
    docs = pd.DataFrame({"doc_id": ["x"], "title": [title], "text": [text]})
    full = document_text(docs).iloc[0]
    tokens = tokenize(docs, lemmatizer=fake_lemmatizer)
    covered = np.zeros(len(full), dtype=bool)
    previous_stop = 0
    for start, stop, token in tokens[["start", "stop", "token"]].itertuples(index=False):
        assert full[start:stop] == token
        assert previous_stop <= start < stop  # increasing, not overlapping, never empty
        covered[start:stop] = True
        previous_stop = stop
    assert all(covered[i] or ch.isspace() for i, ch in enumerate(full))


def test_columns_and_dtypes(seed_tokens):
    assert tuple(seed_tokens.columns) == COLUMNS
    for column in ("sent_id", "token_id", "start", "stop"):
        assert seed_tokens[column].dtype == np.int32
    for column in ("pos", "upos"):
        assert isinstance(seed_tokens[column].dtype, pd.CategoricalDtype)
    for column in ("is_punct", "is_stop", "in_title"):
        assert seed_tokens[column].dtype == bool


def test_sorted_by_input_order_then_token_id(seed_docs, seed_tokens):
    order = seed_tokens["doc_id"].drop_duplicates().tolist()
    assert order == seed_docs["doc_id"].tolist()
    for _, group in seed_tokens.groupby("doc_id", sort=False):
        assert group["token_id"].tolist() == list(range(len(group)))
        assert group["sent_id"].is_monotonic_increasing and group["start"].is_monotonic_increasing


# (empty input, a one-document input of the same kind)
EMPTY_INPUTS = [
    ([], ["Мир."]),
    (pd.Series([], dtype=object), pd.Series(["Мир."])),
    (pd.DataFrame({"doc_id": [], "text": []}, dtype="str"), pd.DataFrame({"doc_id": ["a"], "text": ["Мир."]})),
]


@pytest.mark.parametrize("empty, full", EMPTY_INPUTS)
def test_empty_input(empty, full):
    tokens = tokenize(empty)
    assert tokens.empty and tuple(tokens.columns) == COLUMNS
    pd.testing.assert_series_equal(tokens.dtypes, tokenize(full).dtypes)


def test_empty_documents_give_no_rows():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "text": ["", "Мир.", "   \n ", None]})
    assert tokenize(docs)["doc_id"].unique().tolist() == ["b"]


def test_list_and_series_get_positions_as_doc_id():
    assert tokenize(["Мир.", "", "Война."])["doc_id"].unique().tolist() == [0, 2]
    series = pd.Series(["Мир.", "Война."], index=[10, 20])
    assert tokenize(series)["doc_id"].unique().tolist() == [0, 1]


def test_docs_are_not_mutated(seed_docs):
    docs = seed_docs.assign(title="Заголовок")
    before = docs.copy(deep=True)
    tokenize(docs)
    pd.testing.assert_frame_equal(docs, before)


def test_results_do_not_depend_on_batching(seed_docs, seed_tokens):
    one_by_one = pd.concat([tokenize(seed_docs.iloc[[i]]) for i in range(len(seed_docs))], ignore_index=True)
    pd.testing.assert_frame_equal(one_by_one, seed_tokens)


def test_lemmatizer_is_called_once_per_distinct_key():
    calls = []

    def lemmatizer(word, proper):
        calls.append((word, proper))
        return word.lower(), "NOUN", "NOUN"

    tokens = tokenize(["мир мир мир.", "мир и мир."], lemmatizer=lemmatizer)
    assert len(tokens) == 8
    assert sorted(calls) == [(".", False), ("и", False), ("мир", False)]


def test_yo_option():
    assert tokenize(["Сотрудничество с партнёром."])["lemma"].tolist()[2] == "партнер"
    assert tokenize(["Сотрудничество с партнёром."], yo="keep")["lemma"].tolist()[2] == "партнёр"
    with pytest.raises(ValueError, match="yo="):
        tokenize(["мир"], yo="ё")


def test_stopwords_option_replaces_the_policy():
    default = tokenize(["Мир и война."])
    custom = tokenize(["Мир и война."], stopwords={"война"})
    assert default["is_stop"].tolist() == [False, True, False, True]
    assert custom["is_stop"].tolist() == [False, False, True, False]


def test_is_punct():
    tokens = tokenize(["Курс $ вырос на 5 % — «рекорд»."])
    punct = tokens.loc[tokens["is_punct"], "token"].tolist()
    assert punct == ["$", "%", "—", "«", "»", "."]


@pytest.mark.parametrize(
    "docs, error",
    [
        (pd.DataFrame({"text": ["мир"]}), ValueError),
        (pd.DataFrame({"doc_id": [1]}), ValueError),
        ("мир", TypeError),
    ],
)
def test_bad_input_says_what_to_do(docs, error):
    with pytest.raises(error, match="doc_id|wrap"):
        tokenize(docs)


def test_parallel_and_batched_output_is_identical_to_serial(shared):
    docs = ct.read_corpus(shared("data/corpora/ru_news_mix/sample")).iloc[:400]
    serial = ct.tokenize(docs)
    pd.testing.assert_frame_equal(ct.tokenize(docs, n_jobs=2, batch_size=37), serial)
    pd.testing.assert_frame_equal(ct.tokenize(docs, batch_size=1), serial)


def test_batches_end_at_a_character_budget_too_with_the_same_result(seeds_dir, monkeypatch):
    from corpus_tools import corpus, tokens

    docs = ct.read_corpus(seeds_dir)
    serial = ct.tokenize(docs)
    sizes = (docs["title"].fillna("").str.len() + docs["text"].str.len()).tolist()
    monkeypatch.setattr(corpus, "BATCH_CHARS", sizes[0] + 1)  # the first two documents pass it
    bounds = tokens._batch_bounds(docs, 100)
    assert bounds[:2] == [0, 2] and len(bounds) >= 3
    monkeypatch.setattr(corpus, "BATCH_CHARS", 1)  # every document is a batch of its own
    assert tokens._batch_bounds(docs, 100) == list(range(len(docs)))
    pd.testing.assert_frame_equal(ct.tokenize(docs, n_jobs=2), serial)


def test_fast_path_equals_the_plain_reference_pipeline_on_the_sample(shared):
    # tokenize works on integer codes over a batch; reference_tokenize is the per-token version
    # (razdel itself, proper_flags per document, analyse per token, in_context per sentence)
    docs = ct.read_corpus(shared("data/corpora/ru_news_mix/sample"))
    assert len(docs) == 2000
    fast = ct.tokenize(docs)
    pd.testing.assert_frame_equal(fast, reference_tokenize(docs))
    assert fast["upos"].eq("PROPN").sum() > 1000 and fast["lemma"].ne(fast["token"].str.lower()).sum() > 100_000


def test_fast_path_equals_the_reference_on_edge_cases():
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d", "e"],
            "title": ["Песков о мире", None, "", "— Его слова", "В. Путин и Д. Песков"],
            "text": [
                "Песков ответил. Пескову не поверили: «Мир» — слово. Лаврова заявила, что т. д.",
                "",
                "Захарова и Мария Захарова. В 2010 году его брат видел его. А. Б. Иванов; —Иванов!",
                "   \n\n",
                "Токаев. Токаевым довольны. 1. Власти молчат. ** Мы ** «Мы» Д. Песков",
            ],
        }
    )
    pd.testing.assert_frame_equal(ct.tokenize(docs), reference_tokenize(docs))
    pd.testing.assert_frame_equal(ct.tokenize(docs, yo="keep"), reference_tokenize(docs, yo="keep"))


@pytest.mark.parametrize("option", [{"n_jobs": 0}, {"n_jobs": -2}, {"n_jobs": 1.5}, {"batch_size": 0}])
def test_invalid_parallel_options_are_refused(option):
    with pytest.raises(ValueError, match=next(iter(option))):
        ct.tokenize(["Текст."], **option)


def test_token_table_records_its_provenance():
    docs = pd.DataFrame({"doc_id": ["a"], "text": ["Мир."]})
    record = ct.tokenize(docs, yo="keep").attrs["provenance"]
    assert record["function"] == "corpus_tools.tokenize"
    assert record["options"]["yo"] == "keep"
    assert set(record["versions"]) >= {"razdel", "pymorphy3", "pymorphy3-dicts-ru", "corpus_tools"}
    same = ct.tokenize(docs.copy(), yo="keep").attrs["provenance"]
    assert same["digest"] == record["digest"]
    other = ct.tokenize(docs.assign(text=["Война."]), yo="keep").attrs["provenance"]
    assert other["input"] != record["input"] and other["digest"] != record["digest"]


def test_invisible_characters_inside_a_word_do_not_change_its_lemma():
    text = "Прези\u00ad" "дент и мини\u200bстры."
    table = tokenize([text])
    assert table["token"].tolist()[0] == "Прези\u00ad" "дент"
    assert table["lemma"].tolist()[:3] == ["президент", "и", "министр"]
    assert all(text[a:b] == t for a, b, t in zip(table["start"], table["stop"], table["token"]))


# --- links: kept as razdel's tokens, flagged is_link, left out of content terms ---

# each case: the text, then the flagged tokens joined by "|" (razdel's pieces of each link)
LINK_CASES = [
    # URLs with a scheme, without final punctuation
    ("Читайте: https://t.me/rian_ru/1.", "https|:|/|/|t|.|me|/|rian_ru|/|1"),
    ("(https://vk.com/wall-1_2?x=1)", "https|:|/|/|vk|.|com|/|wall-1_2|?|x|=|1"),
    ("См. www.ria.ru, там всё", "www|.|ria|.|ru"),
    # bare domains, Cyrillic ones too; «т.е.», «г.Москва» and «Ст.1» are not domains
    ("Источник: kremlin.ru/events", "kremlin|.|ru|/|events"),
    ("на сайте выборы.рф и т.е. в г.Москва по ст.1", "выборы|.|рф"),
    # e-mail, handle, hashtag
    ("пишите на info@tass.ru.", "info|@|tass|.|ru"),
    ("канал @rian_ru и #новости дня", "@|rian_ru|#|новости"),
    ("C# и «#1» не хэштеги", ""),
    # link arrows with their calls to action
    ("➡читать полностью", "➡читать|полностью"),
    ("Подробнее 👉 здесь", "Подробнее|👉|здесь"),
    ("рост на 5% → 7%", "→"),
]


@pytest.mark.parametrize("text, flagged", LINK_CASES)
def test_links_are_flagged_tokens(text, flagged):
    tokens = tokenize([text], lemmatizer=lambda w, p: (w.lower(), "NOUN", "NOUN"))
    assert "|".join(tokens.loc[tokens.is_link, "token"]) == flagged
    # razdel's tokens, offsets intact: every non-space character is in exactly one token
    covered = np.zeros(len(text), dtype=int)
    for start, stop, token in zip(tokens.start, tokens.stop, tokens.token):
        assert text[start:stop] == token
        covered[start:stop] += 1
    assert all(covered[i] == (not ch.isspace()) for i, ch in enumerate(text))


def test_link_spans_kinds_and_the_fast_scan_agree_with_the_plain_regex():
    from corpus_tools.tokens import _LINK, link_spans

    text = " ".join(case for case, _ in LINK_CASES) + " Читать далее ➡️ t.me/x " + "обычный текст. " * 50
    assert link_spans(text) == [(m.start(), m.end(), m.lastgroup) for m in _LINK.finditer(text)]
    assert {kind for *_, kind in link_spans(text)} == {"url", "domain", "email", "handle", "hashtag", "arrow"}


_LINK_PIECES = ["https://", "t.me/", "x", "@", "#", "тег", "ria.ru", "👉", "➡️", "читать", "далее", "Подробнее", " ", "  ", "\n", ".", ",", "(", ")", "«", "info", "слово", "5"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LINK_PIECES), max_size=40))
def test_the_fast_link_scan_equals_the_plain_regex(pieces):
    from corpus_tools.tokens import _LINK, link_spans

    text = "".join(pieces)
    assert link_spans(text) == [(m.start(), m.end(), m.lastgroup) for m in _LINK.finditer(text)]


def test_link_flags_in_titles_and_in_the_reference():
    docs = pd.DataFrame({"doc_id": ["a"], "title": ["Смотрите t.me/x"], "text": ["Текст https://ria.ru/1 и @tass_agency."]})
    fast, slow = tokenize(docs), reference_tokenize(docs)
    assert fast.is_link.tolist() == slow.is_link.tolist()
    assert fast.loc[fast.is_link & fast.in_title, "token"].tolist() == ["t", ".", "me", "/", "x"]
    assert fast.is_link.dtype == bool and fast.loc[~fast.is_link, "token"].tolist() == ["Смотрите", "Текст", "и", "."]


def test_links_are_not_content_terms_by_default():
    text = "Путин встретил Токаева https://t.me/rian_ru подписаться на @rian_ru. Путин встретил #новости Токаева."
    tokens = tokenize(["Путин и Токаев.", text])
    assert "me" not in set(ct.terms(tokens).term) and "rian_ru" not in set(ct.terms(tokens).term)
    kept = ct.terms(tokens, exclude=("punct", "stop"))
    assert {"https", "t", "me", "rian_ru", "новость"} <= set(kept.term)
    # bigrams do not bridge a dropped link: «токаев https» is not «токаев подписаться»
    assert "токаев подписаться" not in set(ct.terms(tokens, unit="bigram").term)
    assert "https" not in set(ct.frequency(tokens).term) and "https" in set(ct.frequency(tokens, exclude=("punct", "stop")).term)
    # the evidence floors are off on this two-document toy, so that every term is in the tables
    key = ct.keyness(tokens.assign(part=tokens.doc_id.astype(str)), by="part", min_count=1, min_docs=1)
    assert "путин" in set(key.term) and not set(key.term) & {"https", "t", "me", "rian_ru"}
    pairs = ct.cooccurrence(tokens, window=5, min_count=1, min_freq=1)
    assert "путин" in set(pairs.term_a) | set(pairs.term_b)
    assert not set(pairs.term_a) & {"https", "me", "t"} and not set(pairs.term_b) & {"https", "me", "t"}
    with_links = ct.cooccurrence(tokens.assign(is_link=False), window=5, min_count=1, min_freq=1)
    assert {"https", "me"} <= set(with_links.term_a) | set(with_links.term_b)
    with pytest.raises(ValueError, match="'punct', 'stop' and 'link'"):
        ct.terms(tokens, exclude=("links",))
