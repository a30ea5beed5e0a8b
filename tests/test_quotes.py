import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_tools.actors import load_actors
from corpus_tools.quotes import QUOTE_COLUMNS, quote_spans, quotes, speech_verbs
from corpus_tools.tokens import document_text, tokenize
from tests.test_actors import sample_corpus, seed_corpus


def found(text: str, date: str | None = "2025-11-01") -> list[tuple]:
    """(kind, speaker, speaker_text, quote) of every quotation in a one-document corpus dated ``date``."""
    q = quotes(pd.DataFrame({"doc_id": ["d"], "date": [date], "text": [text]}))
    speakers = [s if isinstance(s, str) else None for s in q["speaker"]]
    return list(zip(q["kind"], speakers, q["speaker_text"], q["quote"]))


def spans_valid(docs, table) -> bool:
    texts = dict(zip(docs["doc_id"], document_text(docs))) if isinstance(docs, pd.DataFrame) else dict(enumerate(docs))
    return all(texts[d][s:e] == quote for d, s, e, quote in table[["doc_id", "start", "stop", "quote"]].itertuples(index=False))


# --- quotation marks --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, inside",
    [
        ("«a» и «b»", ["a", "b"]),
        ("«внешние „внутренние“ и снова»", ["внешние „внутренние“ и снова"]),
        ("«внешние «внутренние» и снова»", ["внешние «внутренние» и снова"]),
        ('"прямые" и "ещё"', ["прямые", "ещё"]),
        ("„немецкие“ и “английские”", ["немецкие", "английские"]),
        ('«смесь "внутри"»', ['смесь "внутри"']),
        ("«обрыв\nстроки» и «целое»", ["целое"]),
        ("пустые «» и « » и «текст»", ["текст"]),
        ("стрелка » и «да»", ["да"]),
    ],
)  # fmt: skip
def test_quote_spans(text, inside):
    assert [text[o + 1 : c] for o, c in quote_spans(text)] == inside


def test_speech_verbs_list():
    verbs = speech_verbs()
    assert {"заявить", "сказать", "отметить", "подчеркнуть", "пояснить", "резюмировать", "сообщить", "уточнить",
            "добавить", "рассказать", "написать", "ответить", "признать", "согласиться", "подтвердить", "говорить",
            "считать", "назвать"} <= verbs  # fmt: skip
    assert all(v == v.lower() and "ё" not in v for v in verbs)
    assert not {"думать", "обсудить", "встретиться"} & verbs


# --- patterns ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # direct: quotation marks attributed by a speech verb
        ("«Визит важен», — заявил Песков.", [("direct", "Песков", "Песков", "Визит важен")]),
        ("«Визит важен!» — воскликнула Матвиенко.", [("direct", "Матвиенко", "Матвиенко", "Визит важен!")]),
        ("Он сказал «да». «Визит важен», сказал Песков.", [("direct", "Песков", "Песков", "Визит важен")]),
        ("Песков заявил: «Визит важен».", [("direct", "Песков", "Песков", "Визит важен")]),
        ("Песков, отвечая на вопрос, заявил: «Визит важен».", [("direct", "Песков", "Песков", "Визит важен")]),
        ("Песков: «Визит важен»", [("direct", "Песков", "Песков", "Визит важен")]),
        ("Песков сказал, что «визит важен».", [("direct", "Песков", "Песков", "визит важен")]),
        ('Он сказал: "Визит важен".', [("direct", None, "Он", "Визит важен")]),
        ("«Визит важен», — заявил Кусаинов.", [("direct", "Кусаинов", "Кусаинов", "Визит важен")]),
        # an attribution inside the marks: the quotation continues after it
        ("«Визит важен, — пояснил Песков. — Мы готовимся».",
         [("direct", "Песков", "Песков", "Визит важен"), ("direct", "Песков", "Песков", "Мы готовимся")]),
        # indirect: a reported clause
        ("Песков сказал, что визит важен.", [("indirect", "Песков", "Песков", "визит важен")]),
        ("Песков заявил: визит важен.", [("indirect", "Песков", "Песков", "визит важен")]),
        ("По словам Пескова, визит важен.", [("indirect", "Песков", "Пескова", "визит важен")]),
        ("Визит важен, по словам Пескова.", [("indirect", "Песков", "Пескова", "Визит важен")]),
        ("Как заявил Песков, визит важен.", [("indirect", "Песков", "Песков", "визит важен")]),
        ("Визит важен, как заявил Песков.", [("indirect", "Песков", "Песков", "Визит важен")]),
        ("Как сообщило EADaily, визит важен.", [("indirect", "EADaily", "EADaily", "визит важен")]),
        ("Визит важен, сообщает ТАСС.", [("indirect", "ТАСС", "ТАСС", "Визит важен")]),
        # quoted words inside a reported clause stay in it (a mixed quotation)
        ("Матвиенко заявила, что визит «очень важен».", [("indirect", "Матвиенко", "Матвиенко", "визит «очень важен»")]),
        ("Президент США Дональд Трамп сказал, что «визит важен», а Песков ответил, что нет.",
         [("direct", "Трамп", "Президент США Дональд Трамп", "визит важен"), ("indirect", "Песков", "Песков", "нет")]),
        # a statement quoted by its publisher, and the report inside it
        ("«Песков отметил, что визит важен», — сообщает ТАСС.",
         [("direct", "ТАСС", "ТАСС", "Песков отметил, что визит важен"), ("indirect", "Песков", "Песков", "визит важен")]),
        # names and titles in quotation marks are no quotations; nor is a clause without a speaker
        ("Токаев назвал Путина своим «старшим товарищем».", []),
        ("Саммит «C5+1» прошел в Белом доме, Путин пересел в «Аурус».", []),
        ("Надо признать, что визит важен.", []),
        ("Было объявлено, что визит важен.", []),
        ("Песков не сказал, что визит важен.", []),
        ("По оценкам специалистов:", []),
        # speakers: institutions, the place of a statement, roles and pronouns
        ("В Кремле заявили, что визит важен.", [("indirect", "Россия", "Кремле", "визит важен")]),
        ("Власти Казахстана заявили, что визит важен.", [("indirect", "Казахстан", "Власти Казахстана", "визит важен")]),
        ("Минобороны РФ сообщило, что визит важен.", [("indirect", "Минобороны РФ", "Минобороны РФ", "визит важен")]),
        ("Пресс-секретарь Кремля Дмитрий Песков прибыл. «Визит важен», — отметил пресс-секретарь.",
         [("direct", "Песков", "пресс-секретарь", "Визит важен")]),
        ("Песков прокомментировал визит. Он отметил, что визит важен.", [("indirect", "Песков", "Он", "визит важен")]),
        ("Путин встретил Токаева. Он отметил, что визит важен.", [("indirect", None, "Он", "визит важен")]),
        ("Токаев отметил, что визит важен. Политик заявил, что все готово. Он добавил, что ждет.",
         [("indirect", "Токаев", "Токаев", "визит важен"), ("indirect", "Токаев", "Политик", "все готово"),
          ("indirect", "Токаев", "Он", "ждет")]),
        ("Сам Токаев на встрече с Матвиенко подтвердил, что визит важен.", [("indirect", "Токаев", "Токаев", "визит важен")]),
        ("Спикер Совета Федерации подчеркнула, что визит важен.",
         [("indirect", "Матвиенко", "Спикер Совета Федерации", "визит важен")]),
        # sentences glued by scraping are split again
        ("Встреча прошла.По словам Пескова, визит важен.", [("indirect", "Песков", "Пескова", "визит важен")]),
        ('Встреча прошла."Визит важен", - заявил Песков.', [("direct", "Песков", "Песков", "Визит важен")]),
    ],
)  # fmt: skip
def test_patterns(text, expected):
    assert found(text) == expected


# --- every quotation of the seeds -------------------------------------------------------------

# (doc, kind, speaker, speaker_text, verb, quote); "head … tail" stands for a quote with that start and end.
SEED_QUOTES = [
    ("000", "indirect", "Песков", "пресс-секретарь президента России Дмитрий Песков", "сообщить", "Президент Казахстана Касым-Жомарт … в Россию 11-12 ноября"),
    ("000", "direct", "Песков", "Песков", "заявить", "Казахстан — особый, … который начнется завтра"),
    ("000", "direct", "Токаев", "Токаев", "заявить", "Вы великий лидер, государственный … мы все разделяем и ценим"),
    ("000", "indirect", None, "западные СМИ", "писать", "Во время саммита в формате «C5+1» … действуют Китай и Россия"),
    ("000", "indirect", "AFP", "AFP", "по данным", "это больше символический шаг, … мира на Ближнем Востоке"),
    ("000", "indirect", "Казахстан", "Власти Казахстана", "заявить", "присоединение к соглашениям является «естественным и логичным»"),
    ("001", "indirect", "Песков", "Он", "отметить", "такие сердечные приветствия нормальны"),
    ("001", "indirect", "Песков", "представителя Кремля", "по словам", "реакция президента Казахстана характерна и другим гостям Белого дома"),
    ("001", "indirect", "Песков", "Он", "пояснить", "многие из тех, кто лично … «начинают говорить именно так»"),
    ("001", "direct", "Песков", "Дмитрий Песков", "заявить", "А разве мы в Анкоридже по-другому говорили? Вы вспомните! Перечитайте, в конце концов"),
    ("001", "indirect", "Токаев", "Он", "подчеркнуть", "декларация закрепит переход Москвы и Астаны на новый этап сотрудничества"),
    ("001", "indirect", "Токаев", "Казахстанский лидер", "отметить", "в его стране все неизменно уважают Владимира Путина"),
    ("001", "indirect", "Токаев", "Политик", "заявить", "успехи в сотрудничестве между … работой президента России"),
    ("001", "indirect", "Токаев", "Он", "добавить", "имя Владимира Путина известно людям по всему миру"),
    ("002", "indirect", "Токаев", "Касым-Жомарт Токаев", "отметить", "Казахстан готов принять российско-украинских переговорщиков о мире"),
    ("002", "indirect", "Токаев", "президента Казахстана", "по мнению", 'прекращение огня в Украине "возможно"'),
    ("002", "indirect", "Токаев", "он", "заявить", 'президент России Владимир Путин не … "общественным мнением" в своей стране'),
    ("002", "direct", "Токаев", "Токаев", "сказать", "Надо признать, что Путин проявил максимальную гибкость"),
    ("002", "direct", "Токаев", "Токаев", "резюмировать", "Я думаю, что Путин сделал довольно большой шаг вперед"),
    ("002", "direct", "Токаев", "Токаев", "сообщить", "Вы — великий лидер и … поддержку во всем мире"),
    ("002", "indirect", "Токаев", "Президент Казахстана Касым-Жомарт Токаев", "заявить", "присоединение к Авраамским соглашениям имеет в основном экономическое значение"),
    ("002", "direct", "Токаев", "Токаев", "заявить", "Это означает, что мы получим … политики, моей политики"),
    ("002", "indirect", "Фокус", "Фокус", "писать", 'США пытаются создать новый формат геополитической "зависимости" … влияния на Китай'),
    ("003", "indirect", "haqqin.az", "haqqin.az", "сообщать", "11 ноября президент Казахстана … с государственным визитом в Россию"),
    ("003", "direct", "Токаев", "президент Казахстана", "сказать", "У меня есть некоторые соображения … как со старшим товарищем"),
    ("003", "indirect", "Токаев", "президент Казахстана", "подчеркнуть", "между Москвой и Астаной нет серьезных разногласий, … на уровне глав государств"),
    ("003", "direct", "Попов", "Владимир Попов", "отметить", "подобные торжественные эскорты — … прибывает с государственным визитом"),
    ("003", "direct", "Попов", "Попов", "пояснить", "Такие почести оказываются далеко не каждому"),
    ("003", "direct", "Попов", "Попов", "пояснить", "Вспомните, как при подлете к … Не каждого встречают с таким сопровождением"),
    ("003", "indirect", None, "Российские источники", "утверждать", "казахстанский лидер передал Путину … по урегулированию украинского конфликта"),
    ("003", "indirect", "Сулейманов", "Артур Сулейманов", "заявить", "Казахстан сегодня может стать … между Москвой и Западом"),
    ("003", "indirect", "Сулейманов", "политолога", "по словам", "президент Токаев мог передать … консультаций на территории Казахстана"),
    ("003", "indirect", "Песков", "Пресс-секретарь Кремля Дмитрий Песков", "сообщить", "Путин подробно проинформировал Токаева … текущем состоянии переговорных процессов"),
    ("003", "indirect", "Песков", "Песков", "уточнить", "личная беседа президентов продолжалась около трех часов"),
    ("003", "direct", "Песков", "пресс-секретарь", "отметить", "Вчера президенты провели три часа вдвоем, с глазу на глаз"),
    ("003", "indirect", "Токаев", "Касым-Жомарт Токаев", "подтвердить", "разговор с Путиным носил доверительный и обстоятельный характер"),
    ("003", "direct", "Токаев", "Токаев", "сказать", "Мы в приватном порядке беседовали … и двустороннего сотрудничества, и международной ситуации"),
    ("003", "indirect", "Токаев", "президента Казахстана", "по оценке", "его визит в Москву имеет особое значение, … на новый уровень»"),
    ("003", "indirect", "Матвиенко", "Матвиенко", "заявить", "визит Токаева «придаст мощный импульс развитию сотрудничества во всех сферах»"),
    ("003", "indirect", "Матвиенко", "Спикер Совета Федераций", "подчеркнуть", "между Путиным и Токаевым сложились «доверительные, … системный диалог»"),
    # the ministry's quoted statement is the ministry's words; the report inside it is Тлеуберди's
    ("004", "direct", "МИД Казахстана", "МИД Казахстана", "сообщать", "М.Тлеуберди отметил, что российский вектор … союзнические отношения между двумя странами"),
    ("004", "indirect", "Тлеуберди", "Тлеуберди", "отметить", "российский вектор остается важнейшим … отсутствуют неразрешённые вопросы"),
    ("004", "indirect", "Токаев", "Токаев", "рассказывать", "с Лавровым он знаком с советских времен, они давно «на ты»"),
    ("004", "indirect", "EADaily", "EADaily", "сообщать", "визит Лаврова в Нур-Султан связан … международных отношений во всём мире"),
]  # fmt: skip


@pytest.fixture(scope="module")
def seed_quotes():
    docs, toks = seed_corpus()
    return docs, quotes(docs, toks)


def matches(row, quote: str) -> bool:
    # seed 004 has no-break spaces
    text = " ".join(row.quote.split())
    head, _, tail = quote.partition(" … ")
    return text == head if not tail else text.startswith(head) and text.endswith(tail)


@pytest.mark.parametrize(
    "doc, kind, speaker, speaker_text, verb, quote", SEED_QUOTES, ids=[f"{q[0]}-{i}-{q[1]}" for i, q in enumerate(SEED_QUOTES)]
)
def test_seed_quotation(seed_quotes, doc, kind, speaker, speaker_text, verb, quote):
    _, table = seed_quotes
    rows = [r for r in table[table.doc_id.str.startswith(doc)].itertuples() if matches(r, quote)]
    assert len(rows) == 1, quote
    row = rows[0]
    assert (row.kind, row.speaker if isinstance(row.speaker, str) else None, row.speaker_text, row.verb) == (kind, speaker, speaker_text, verb)


def test_seeds_have_no_other_quotations(seed_quotes):
    docs, table = seed_quotes
    assert len(table) == len(SEED_QUOTES)
    assert table.doc_id.str[:3].tolist() == [q[0] for q in SEED_QUOTES]
    assert spans_valid(docs, table)


@pytest.mark.parametrize(
    "doc, speakers",
    [
        ("000", {"Песков", "Токаев"}),
        ("001", {"Песков"}),
        ("002", {"Токаев"}),
        ("003", {"Токаев", "Попов", "Песков"}),
        ("004", {"МИД Казахстана"}),
    ],
)
def test_seed_direct_speakers(seed_quotes, doc, speakers):
    _, table = seed_quotes
    direct = table[table.doc_id.str.startswith(doc) & (table.kind == "direct")]
    assert set(direct.speaker) == speakers
    if doc == "002":
        assert len(direct) == 4


def test_seed_003_quotes_matviyenko_and_raw_caption(seed_docs):
    # read_corpus drops «Матвиенко подтвердила, что …», a caption repeating the body; raw, it counts
    raw = seed_docs[seed_docs.doc_id.str.startswith("003")]
    table = quotes(raw)
    caption = table[table.quote.str.startswith("разговор с Путиным") & (table.speaker == "Матвиенко")]
    assert len(caption) == 1
    assert spans_valid(raw, table)


# --- the table --------------------------------------------------------------------------------


def test_output_table():
    docs = pd.DataFrame(
        {"doc_id": [7, 3], "title": ["Песков: «Визит важен»", None], "text": ["«Мы готовы», — сказал он.", "Ничего."]}
    )
    table = quotes(docs)
    assert list(table.columns) == QUOTE_COLUMNS
    expected = pd.DataFrame(
        {
            "doc_id": [7, 7],
            "sent_id": [0, 1],
            "start": [9, 24],
            "stop": [20, 33],
            "quote": ["Визит важен", "Мы готовы"],
            "speaker_text": ["Песков", "он"],
            "speaker": ["Песков", "Песков"],
            "kind": ["direct", "direct"],
        }
    )
    pd.testing.assert_frame_equal(table[expected.columns], expected, check_dtype=False)
    assert table["verb"].isna().tolist() == [True, False]
    assert table["doc_id"].dtype == docs["doc_id"].dtype


def test_tokens_given_or_computed_and_inputs_untouched():
    docs = pd.DataFrame({"doc_id": ["a"], "text": ["Песков сказал, что визит важен. «Да», — добавил он."]})
    toks = tokenize(docs)
    docs_before, toks_before = docs.copy(), toks.copy()
    given_tokens = quotes(docs, toks)
    pd.testing.assert_frame_equal(given_tokens, quotes(docs))
    pd.testing.assert_frame_equal(docs, docs_before)
    pd.testing.assert_frame_equal(toks, toks_before)
    # a token table in another order gives the same result
    pd.testing.assert_frame_equal(quotes(docs, toks.sample(frac=1, random_state=0)), given_tokens)


def test_custom_actor_table():
    table = load_actors()
    table = table[table.actor != "Песков"]
    q = quotes(["«Визит важен», — заявил Песков."], actors=table, discover=False)
    assert q["speaker"].isna().all() and q["speaker_text"].tolist() == ["Песков"]
    # discovered, he is a speaker without the table
    assert quotes(["«Визит важен», — заявил Песков."], actors=table)["speaker"].tolist() == ["Песков"]


def test_speakers_without_discovery_use_the_table_only():
    docs = pd.DataFrame({"doc_id": ["d"], "text": ["Минобороны РФ сообщило, что визит важен. «Да», — заявила Тереза Мэй."]})
    q = quotes(docs, discover=False)
    # «Мэй» is PROPN (corpus_tools.names), so the raw speaker text is the whole name
    assert q[["speaker_text", "speaker"]].fillna("").values.tolist() == [["Минобороны РФ", "Россия"], ["Тереза Мэй", ""]]
    assert quotes(docs)["speaker"].tolist() == ["Минобороны РФ", "Тереза Мэй"]


def test_errors_name_the_argument():
    docs = pd.DataFrame({"doc_id": ["a"], "text": ["Песков сказал, что да."]})
    with pytest.raises(ValueError, match=r"tokens lacks column\(s\) \['upos'\]"):
        quotes(docs, tokenize(docs).drop(columns="upos"))
    with pytest.raises(ValueError, match="doc_id.*not in docs"):
        quotes(docs, tokenize(pd.DataFrame({"doc_id": ["b"], "text": ["Да."]})))


def test_empty():
    table = quotes(["Никто ничего не сказал."])
    assert table.empty and list(table.columns) == QUOTE_COLUMNS
    assert quotes([]).empty


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(["«", "»", '"', ",", ".", "—", ":", "\n", "Песков", "заявил", "что", "Он", "сказал", "по", "словам",
                         "как", "визит", "важен", "Путин", "сообщает", "ТАСС", "не"]),
        max_size=40,
    )
)  # fmt: skip
def test_any_text_gives_valid_spans(words):
    text = " ".join(words)
    table = quotes([text])
    assert spans_valid([text], table)
    assert table["kind"].isin(["direct", "indirect"]).all()
    assert (table["start"] < table["stop"]).all()
    assert table[["start", "stop"]].equals(table[["start", "stop"]].sort_values(["start", "stop"]))


# --- real data --------------------------------------------------------------------------------


def test_ru_news_mix_sample(shared):
    docs, toks = sample_corpus(str(shared("data/corpora/ru_news_mix/sample")))
    table = quotes(docs, toks)
    assert len(table) > 500
    assert (table["kind"] == "direct").sum() > 100 and (table["kind"] == "indirect").sum() > 100
    assert spans_valid(docs, table)
    assert table["speaker_text"].notna().all()
    assert {"Токаев", "Путин", "Песков"} <= set(table["speaker"].dropna())
    order = table["doc_id"].map({d: i for i, d in enumerate(docs["doc_id"])})
    assert np.all(np.diff(order.to_numpy()) >= 0)
