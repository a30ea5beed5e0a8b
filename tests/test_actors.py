import functools
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus_tools as ct
from corpus_tools.actors import ACTOR_COLUMNS, MENTION_COLUMNS, actor_table, alias_lemmas, find_actors, load_actors, save_actors
from corpus_tools.tokens import document_text, tokenize

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@functools.lru_cache(maxsize=1)
def seed_corpus():
    """The seeds as the pipeline reads them (cleaned), with their tokens; shared with test_quotes."""
    docs = ct.read_corpus(SEEDS)
    return docs, tokenize(docs)


@functools.lru_cache(maxsize=1)
def sample_corpus(folder: str):
    """The 2,000-document ru_news_mix sample and its tokens, read once per test session."""
    docs = ct.read_corpus(folder)
    return docs, tokenize(docs)


def mentions_of(text: str, date: str | None = "2025-11-01", **options) -> list[tuple[str, str]]:
    """(text, actor) of the dictionary's mentions in a one-document corpus dated ``date``."""
    options.setdefault("discover", False)
    found = find_actors(tokenize([text]), dates={0: date} if date else None, **options)
    return list(zip(found["text"], found["actor"]))


# --- the table --------------------------------------------------------------------------------


def test_table_columns_and_types():
    table = load_actors()
    assert list(table.columns) == ACTOR_COLUMNS
    assert set(table["type"]) == {"person", "state", "organisation", "place"}
    assert table["lemmas"].map(lambda t: isinstance(t, tuple) and len(t) > 0).all()
    assert table["metonym"].dtype == bool
    assert not table.duplicated(["alias", "valid_from"]).any()
    # every metonym belongs to an actor named outright too, with that actor's type
    named = table[~table.metonym].drop_duplicates("actor").set_index("actor")["type"]
    metonyms = table[table.metonym]
    assert metonyms["actor"].isin(named.index).all()
    assert (metonyms["type"].to_numpy() == named[metonyms["actor"]].to_numpy()).all()


def test_table_lemmas_fold_yo_and_case():
    lemmas = load_actors().drop_duplicates("alias").set_index("alias")["lemmas"]
    assert lemmas["Мирзиёев"] == ("мирзиеев",)
    assert lemmas["глава Белого дома"] == ("глава", "белый", "дом")
    assert alias_lemmas("Соединенные Штаты") == lemmas["Соединённые Штаты"]


@pytest.mark.parametrize(
    "alias, actor",
    [
        # Токаев
        ("Токаев", "Токаев"), ("Касым-Жомарт Токаев", "Токаев"), ("президент Казахстана", "Токаев"),
        ("глава Казахстана", "Токаев"), ("казахстанский лидер", "Токаев"), ("лидер Казахстана", "Токаев"),
        ("казахский лидер", "Токаев"),
        # Трамп
        ("Трамп", "Трамп"), ("Дональд Трамп", "Трамп"), ("президент США", "Трамп"), ("глава Белого дома", "Трамп"),
        ("хозяин Белого дома", "Трамп"), ("американский президент", "Трамп"), ("американский лидер", "Трамп"),
        # Путин
        ("Путин", "Путин"), ("Владимир Путин", "Путин"), ("президент России", "Путин"), ("российский лидер", "Путин"),
        # Песков
        ("Песков", "Песков"), ("Дмитрий Песков", "Песков"), ("пресс-секретарь Кремля", "Песков"),
        ("пресс-секретарь президента России", "Песков"), ("представитель Кремля", "Песков"),
        # the other people of the seeds
        ("Сергей Лавров", "Лавров"), ("Мухтар Тлеуберди", "Тлеуберди"), ("глава МИД Казахстана", "Тлеуберди"),
        ("Валентина Матвиенко", "Матвиенко"), ("спикер Совета Федерации", "Матвиенко"), ("Владимир Попов", "Попов"),
        ("Артур Сулейманов", "Сулейманов"), ("Марко Рубио", "Рубио"), ("госсекретарь США", "Рубио"),
        ("Садыр Жапаров", "Жапаров"), ("Эмомали Рахмон", "Рахмон"), ("Сердар Бердымухамедов", "Бердымухамедов"),
        ("Шавкат Мирзиёев", "Мирзиёев"), ("Рауф Керимли", "Керимли"),
        # states
        ("Казахстан", "Казахстан"), ("Россия", "Россия"), ("РФ", "Россия"), ("США", "США"), ("Соединённые Штаты", "США"),
        ("Китай", "Китай"), ("Израиль", "Израиль"), ("Украина", "Украина"), ("Кыргызстан", "Кыргызстан"),
        ("Таджикистан", "Таджикистан"), ("Туркменистан", "Туркменистан"), ("Узбекистан", "Узбекистан"),
        ("Азербайджан", "Азербайджан"),
        # organisations
        ("МИД Казахстана", "МИД Казахстана"), ("Совет Федерации", "Совет Федерации"), ("ВКС РФ", "ВКС РФ"),
        ("СНГ", "СНГ"), ("ЕАЭС", "ЕАЭС"), ("ОДКБ", "ОДКБ"), ("ШОС", "ШОС"), ("СВМДА", "СВМДА"), ("AFP", "AFP"),
        ("NY Times", "NY Times"), ("URA.RU", "URA.RU"), ("haqqin.az", "haqqin.az"), ("EADaily", "EADaily"),
        ("МГИМО", "МГИМО"), ("Фокус", "Фокус"),
        # metonyms, in their own section
        ("Кремль", "Россия"), ("Москва", "Россия"), ("Белый дом", "США"), ("Вашингтон", "США"),
        ("Астана", "Казахстан"), ("Нур-Султан", "Казахстан"),
    ],
)  # fmt: skip
def test_required_alias(alias, actor):
    table = load_actors().drop_duplicates("alias").set_index("alias")
    assert table.loc[alias, "actor"] == actor
    assert table.loc[alias, "metonym"] == (alias in {"Кремль", "Москва", "Белый дом", "Вашингтон", "Астана", "Нур-Султан"})


def test_role_phrases_have_periods():
    table = load_actors()
    # a person's alias in lowercase is a role («президент Казахстана»), which holds for a term
    roles = table[(table.type == "person") & table.alias.str.match(r"^[а-яё]")]
    assert len(roles) > 30
    assert roles["valid_from"].notna().all()
    assert table.loc[table.alias.str.match(r"^[А-ЯЁA-Z]"), "valid_from"].isna().all()
    # two terms of one office: two rows, periods apart
    trump = table[table.alias == "президент США"].sort_values("valid_from")
    assert trump["valid_from"].dt.year.tolist() == [2017, 2025]
    assert trump["valid_to"].iloc[0] == pd.Timestamp("2021-01-20") and pd.isna(trump["valid_to"].iloc[1])


@pytest.mark.parametrize(
    "text, date, expected",
    [
        # Rubio is Secretary of State from 2025-01-21: not in 2019, not without a date
        ("Заявил госсекретарь США.", "2025-06-01", [("госсекретарь США", "Рубио")]),
        ("Заявил госсекретарь США.", "2019-03-01", [("США", "США")]),
        ("Заявил госсекретарь США.", None, [("США", "США")]),
        # Trump's two terms; Biden's years in between
        ("Заявил президент США.", "2018-05-05", [("президент США", "Трамп")]),
        ("Заявил президент США.", "2022-05-05", [("США", "США")]),
        ("Заявил президент США.", "2025-02-01", [("президент США", "Трамп")]),
        # the office ends on its 'to' date
        ("Прибыл глава МИД Казахстана.", "2023-08-31", [("глава МИД Казахстана", "Тлеуберди")]),
        ("Прибыл глава МИД Казахстана.", "2023-09-01", [("МИД Казахстана", "МИД Казахстана")]),
        # the document names the holder with the role: resolved there without a date
        ("Госсекретарь США Марко Рубио прибыл. Госсекретарь США заявил.", None,
         [("Госсекретарь США Марко Рубио", "Рубио"), ("Госсекретарь США", "Рубио")]),
    ],
)  # fmt: skip
def test_role_phrases_respect_dates(text, date, expected):
    assert mentions_of(text, date=date) == expected


def test_dates_from_a_documents_table():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "date": ["2019-03-01", "2025-03-01"], "text": ["Заявил госсекретарь США."] * 2})
    found = find_actors(tokenize(docs), dates=docs, discover=False)
    assert found[["doc_id", "actor"]].values.tolist() == [["a", "США"], ["b", "Рубио"]]
    with pytest.raises(ValueError, match=r"dates lacks column\(s\) \['date'\]"):
        find_actors(tokenize(docs), dates=docs.drop(columns="date"))


# --- errors -----------------------------------------------------------------------------------

GOOD = """actors:
  - actor: Токаев
    type: person
    aliases: [Токаев]
    note: since 2019
"""


@pytest.mark.parametrize(
    "text, message",
    [
        ("actors:\n  - actor: Токаев\n    aliases: [Токаев\n", "not valid YAML at line"),
        ("actors:\n  - actor: Токаев\n    type: person\n    aliases: [Токаев]\n", "actors entry 1 (Токаев): missing field(s) note"),
        ("actors:\n  - actor: Токаев\n    type: human\n    aliases: [Токаев]\n    note: x\n", "type 'human' is invalid"),
        (GOOD + "    alias: [Касым-Жомарт]\n", "unknown field(s) alias"),
        (GOOD + "metonyms:\n  - actor: Россия\n    aliases: [Кремль]\n    note: x\n", "metonym for 'Россия', which is not in 'actors'"),
        (GOOD + "  - actor: Касым\n    type: person\n    aliases: [Токаев]\n    note: x\n", "line 8: alias 'Токаев' of 'Касым' duplicates alias 'Токаев' of 'Токаев' (line 4)"),
        ("actors:\n  - actor: Токаев\n    type: human\n    aliases: [Токаев]\n    note: x\n", "line 3: actors entry 1 (Токаев): type 'human'"),
        (GOOD + "    roles:\n      - aliases: [президент Казахстана]\n", "line 7: actors entry 1 (Токаев): a role needs 'aliases' and a 'from' date"),
        (GOOD + "    roles:\n      - aliases: [глава]\n        from: 2019\n        to: 2018-01-01\n", "'to' 2018-01-01 is not after 'from' 2019-01-01"),
        (GOOD + "    roles:\n      - aliases: [глава]\n        from: вчера\n", "'from' 'вчера' is not a date"),
        (GOOD.replace("[Токаев]", "[Токаев, президент Казахстана]"), "'президент Казахстана' names an office"),
        (GOOD + "  - actor: Токаев\n    type: person\n    aliases: [Касым]\n    note: x\n", "defined twice"),
        ("- actor: Токаев\n", "expected a mapping with a list 'actors'"),
        (GOOD.replace("aliases: [Токаев]", "aliases: Токаев"), "'aliases' must be a list"),
        # the CSV written by save_actors
        ("actor,type,alias\nМэй,person,Мэй\nДжонсон,human,Джонсон\n", "line 3 (Джонсон): type 'human' is invalid"),
        ("actor,type,alias\nМэй,person,Мэй\nДжонсон,person,Мэй\n", "line 3: alias 'Мэй' of 'Джонсон' duplicates alias 'Мэй' of 'Мэй' (line 2)"),
        ("actor,type,alias\nМэй,person,премьер-министр\n", "line 2 (Мэй): 'премьер-министр' names an office"),
        ("actor,alias\nМэй,Мэй\n", "missing column(s) ['type']"),
    ],
)  # fmt: skip
def test_bad_table_names_the_file_entry_and_fix(tmp_path, text, message):
    path = tmp_path / ("actors.csv" if text.startswith("actor,") else "actors.yaml")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError) as err:
        load_actors(path)
    assert message in str(err.value)
    assert str(path.name) in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="no_such.yaml"):
        load_actors(tmp_path / "no_such.yaml")


def test_tokens_without_lemmas_are_refused():
    with pytest.raises(ValueError, match=r"lacks column\(s\) \['lemma'\]"):
        find_actors(tokenize(["Путин."]).drop(columns="lemma"))


# --- matching ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # case and number forms
        ("Встреча с президентом Казахстана.", [("президентом Казахстана", "Токаев")]),
        ("Он принял лидеров Казахстана.", [("лидеров Казахстана", "Токаев")]),
        ("Визит в Белый дом и гости Белого дома.", [("Белый дом", "США"), ("Белого дома", "США")]),
        ("Журналисты встретили Дмитрия Пескова.", [("Дмитрия Пескова", "Песков")]),
        ("Соединённых Штатов и Соединенных Штатов.", [("Соединённых Штатов", "США"), ("Соединенных Штатов", "США")]),
        # the longest alias wins, a metonym inside a longer alias is not a mention
        ("Заявил глава Белого дома.", [("глава Белого дома", "Трамп")]),
        ("Сказал пресс-секретарь Кремля.", [("пресс-секретарь Кремля", "Песков")]),
        ("Прибыл глава МИД России.", [("глава МИД России", "Лавров")]),
        ("Сообщает МИД Казахстана.", [("МИД Казахстана", "МИД Казахстана")]),
        ("Истребители Воздушно-космических сил РФ.", [("Воздушно-космических сил РФ", "ВКС РФ")]),
        # apposition of two aliases of one actor is one mention; anything between keeps two
        ("Президент Казахстана Касым-Жомарт Токаев прибыл.", [("Президент Казахстана Касым-Жомарт Токаев", "Токаев")]),
        ("С американским лидером Дональдом Трампом.", [("американским лидером Дональдом Трампом", "Трамп")]),
        ("Касым-Жомарт Токаев, президент Казахстана, прибыл.", [("Касым-Жомарт Токаев", "Токаев"), ("президент Казахстана", "Токаев")]),
        ("Путин Токаеву сказал.", [("Путин", "Путин"), ("Токаеву", "Токаев")]),
        # capitalized aliases need a capital letter; lowercase common words do not match
        ("Дом был белый дом.", []),
        ("Много попов и песков.", []),
        # a surname opening a sentence that the lemmatizer reads as a common word
        ("Жапаров прилетел.", [("Жапаров", "Жапаров")]),
        ("Токаева ждут.", [("Токаева", "Токаев")]),
        # multi-token names and «ё»
        ("Пишет URA.RU и haqqin.az.", [("URA.RU", "URA.RU"), ("haqqin.az", "haqqin.az")]),
        ("Шавкат Мирзиеев и Мирзиёев.", [("Шавкат Мирзиеев", "Мирзиёев"), ("Мирзиёев", "Мирзиёев")]),
    ],
)  # fmt: skip
def test_mentions(text, expected):
    assert mentions_of(text) == expected


def test_metonyms_can_be_switched_off():
    text = "Кремль и Белый дом обсудили визит в Москву. Путин в Астане."
    assert [a for _, a in mentions_of(text)] == ["Россия", "США", "Россия", "Путин", "Казахстан"]
    # discovered, «Астане» is then a place of its own
    assert ("Астане", "Астана") in mentions_of(text, metonyms=False, discover=True)
    assert mentions_of(text, metonyms=False) == [("Путин", "Путин")]


def test_output_table_and_offsets():
    docs = pd.DataFrame({"doc_id": ["b", "a"], "title": ["Путин и Токаев", None], "text": ["Кремль молчит.", "Песков заявил."]})
    toks = tokenize(docs)
    found = find_actors(toks)
    assert list(found.columns) == MENTION_COLUMNS
    expected = pd.DataFrame(
        {
            "doc_id": ["b", "b", "b", "a"],
            "token_id": [0, 2, 3, 0],
            "start": [0, 8, 16, 0],
            "stop": [5, 14, 22, 6],
            "text": ["Путин", "Токаев", "Кремль", "Песков"],
            "actor": ["Путин", "Токаев", "Россия", "Песков"],
            "type": ["person", "person", "state", "person"],
            "metonym": [False, False, True, False],
        }
    )
    pd.testing.assert_frame_equal(found[expected.columns], expected, check_dtype=False)
    texts = document_text(docs)
    assert [texts[0][s:e] for s, e in zip(found.start[:3], found.stop[:3])] == ["Путин", "Токаев", "Кремль"]


def test_custom_table_and_inputs_untouched():
    toks = tokenize(["Акимат Алматы и аким Алматы."])
    before = toks.copy()
    table = pd.DataFrame({"actor": ["Алматы"], "alias": ["Алматы"], "type": ["place"]})
    found = find_actors(toks, table)
    assert found["actor"].tolist() == ["Алматы", "Алматы"]
    pd.testing.assert_frame_equal(toks, before)
    assert table.columns.tolist() == ["actor", "alias", "type"]


def test_shuffled_tokens_give_the_same_mentions():
    toks = tokenize(["Президент Казахстана Касым-Жомарт Токаев прибыл.", "Глава Белого дома молчит."])
    # document order is the order of first appearance, so compare per document
    shuffled = find_actors(toks.sample(frac=1, random_state=1)).sort_values(["doc_id", "start"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(shuffled, find_actors(toks))


def test_empty_inputs():
    assert find_actors(tokenize(["Ничего интересного."])).empty
    assert list(find_actors(tokenize([])).columns) == MENTION_COLUMNS


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["Путин", "Песков", "президент", "Казахстана", "Белого", "дома", "глава", ",", ".", "и", "мир", "\n"]), max_size=30))
def test_mentions_never_overlap_and_trace_back_to_the_text(words):
    text = " ".join(words)
    toks = tokenize([text])
    found = find_actors(toks)
    ends = found["stop"].to_numpy()
    starts = found["start"].to_numpy()
    assert (starts[1:] >= ends[:-1]).all()
    for start, stop, mention in zip(starts, ends, found["text"]):
        assert " ".join(text[start:stop].split()) == mention
    # a mention lies inside one sentence
    sentence = toks.set_index("start")["sent_id"]
    last = toks.set_index("stop")["sent_id"]
    assert (sentence[starts].to_numpy() == last[ends].to_numpy()).all()


# --- the seeds and real data ------------------------------------------------------------------


@pytest.mark.parametrize(
    "doc, actors",
    [
        ("000", {"Токаев", "Путин", "Трамп", "Песков", "Россия", "США", "Казахстан", "Кыргызстан", "Таджикистан",
                 "Туркменистан", "Узбекистан", "Китай", "Израиль", "AFP"}),
        ("001", {"Токаев", "Путин", "Трамп", "Песков", "Россия", "США", "Казахстан"}),
        ("002", {"Токаев", "Путин", "Трамп", "Жапаров", "Рахмон", "Бердымухамедов", "Мирзиёев", "Россия", "США",
                 "Казахстан", "Украина", "Израиль", "Китай", "Кыргызстан", "Таджикистан", "Туркменистан", "Узбекистан",
                 "NY Times", "Фокус"}),
        ("003", {"Токаев", "Путин", "Трамп", "Песков", "Попов", "Сулейманов", "Рубио", "Матвиенко", "Россия", "США",
                 "Казахстан", "Китай", "ВКС РФ", "URA.RU", "haqqin.az"}),
        ("004", {"Тлеуберди", "Лавров", "Токаев", "Россия", "Казахстан", "МИД Казахстана", "СНГ", "ЕАЭС", "ОДКБ", "ШОС",
                 "СВМДА", "МГИМО", "EADaily"}),
    ],
)  # fmt: skip
def test_every_actor_of_the_seeds_is_found(doc, actors):
    docs, toks = seed_corpus()
    found = find_actors(toks)
    got = set(found.loc[found.doc_id.str.startswith(doc), "actor"])
    assert actors <= got, sorted(actors - got)


def test_seed_appositions_are_single_mentions():
    _, toks = seed_corpus()
    texts = find_actors(toks)["text"].tolist()
    for mention in [
        "Президент Казахстана Касым-Жомарт Токаев",
        "пресс-секретарь президента России Дмитрий Песков",
        "президентом США Дональдом Трампом",
        "госсекретарь США Марко Рубио",
        "спикером Совета Федерации Валентиной Матвиенко",
        "министр иностранных дел Казахстана Мухтар Тлеуберди",
    ]:
        assert mention in texts


def test_ru_news_mix_sample(shared):
    docs, toks = sample_corpus(str(shared("data/corpora/ru_news_mix/sample")))
    found = find_actors(toks)
    assert len(found) > 500
    assert {"Россия", "Казахстан", "Токаев", "Путин"} <= set(found["actor"])
    texts = dict(zip(docs["doc_id"], document_text(docs)))
    for doc_id, start, stop, mention in found[["doc_id", "start", "stop", "text"]].itertuples(index=False):
        assert " ".join(texts[doc_id][start:stop].split()) == mention
    order = found.assign(o=found["doc_id"].map({d: i for i, d in enumerate(docs["doc_id"])}))
    assert order.sort_values(["o", "start"], kind="mergesort").index.equals(found.index)


# --- discovery: canonical names, alias merging ------------------------------------------------


def discovered(texts, **options) -> list[tuple[str, str, str]]:
    """(text, actor, type) of the discovered mentions of a small corpus."""
    found = find_actors(tokenize(texts), **options)
    found = found[found.source_of_name == "discovered"]
    return list(zip(found["text"], found["actor"], found["type"]))


@pytest.mark.parametrize(
    "text, name",
    [
        # persons: every word in the nominative, gender from the first name, case shared
        ("Суд оправдал Асию Биби, и Асия Биби уехала к Асии Биби домой.", "Асия Биби"),
        ("Встреча с Терезой Мэй прошла у Терезы Мэй.", "Тереза Мэй"),
        ("Письмо Анны Петровой.", "Анна Петрова"),
        ("Письмо Ивана Петрова.", "Иван Петров"),
        ("Акции принадлежат Юрию Мильнеру.", "Юрий Мильнер"),
        ("Он говорил с Виктором Януковичем.", "Виктор Янукович"),
        ("Выступил Жан-Клод Юнкер.", "Жан-Клод Юнкер"),
        ("Судья Эрик Пула свистнул.", "Эрик Пула"),
        ("Соратник Нэнси Пелоси ушёл.", "Нэнси Пелоси"),
        ("Вдова Усамы бин Ладена молчит.", "Усама бин Ладен"),
        ("Читаю Фёдора Достоевского.", "Федор Достоевский"),
        ("Асия Биби уехала.", "Асия Биби"),
        # places and organisations
        ("Саммит в Северной Корее.", "Северная Корея"),
        ("Решение Верховного суда Пакистана.", "Пакистан"),
        ("Учения НАТО.", "НАТО"),
        ("Доклад Совета Безопасности.", "Совет Безопасности"),
    ],
)  # fmt: skip
def test_canonical_names_of_inflected_forms(text, name):
    names = {actor for _, actor, _ in discovered([text])}
    assert name in names, names


def test_alias_merging_in_the_document_and_the_corpus():
    texts = [
        "Премьер-министр Великобритании Тереза Мэй прибыла в Брюссель. Мэй встретилась с Юнкером. "
        "Как заявила премьер-министр Великобритании, сделка готова.",
        "Мэй снова выступила в парламенте.",  # no full name here: the corpus's only Мэй
        "Борис Джонсон и Майкл Джонсон спорят. Джонсон молчит.",  # two Johnsons: left alone
    ]
    found = discovered(texts)
    assert ("Мэй", "Тереза Мэй", "person") in found
    assert ("премьер-министр Великобритании", "Тереза Мэй", "person") in found
    assert ("Премьер-министр Великобритании Тереза Мэй", "Тереза Мэй", "person") in found
    assert [a for t, a, _ in found if t == "Мэй"] == ["Тереза Мэй", "Тереза Мэй"]
    assert "Джонсон" not in [t for t, _, _ in found]
    assert {"Борис Джонсон", "Майкл Джонсон"} <= {a for _, a, _ in found}


def test_lone_words_need_evidence():
    # a sentence-initial common word, a plural genitive, an unknown word: no persons
    assert discovered(["Причина ясна. Протоколов нет. Обсудили Брексит."]) == []
    # a role noun before a lone name, a known first name, an unknown Russian surname: persons
    found = {a for _, a, k in discovered(["Певица Бейонсе спела. Пришёл и Глеб. Заявил Бозумбаев."]) if k == "person"}
    assert found == {"Бейонсе", "Глеб", "Бозумбаев"}


def test_dictionary_wins_and_sources_are_marked():
    toks = tokenize(["Дмитрий Сергеевич Песков и Тереза Мэй."])
    found = find_actors(toks)
    assert found[["text", "actor", "source_of_name"]].values.tolist() == [
        ["Песков", "Песков", "dictionary"], ["Тереза Мэй", "Тереза Мэй", "discovered"]
    ]
    assert find_actors(toks, discover=False)["actor"].tolist() == ["Песков"]


def test_no_persons_gives_an_empty_table():
    found = find_actors(tokenize(["ничего интересного тут нет.", "и здесь тоже."]))
    assert found.empty and list(found.columns) == MENTION_COLUMNS
    table = actor_table(found)
    assert (table["source_of_name"] == "dictionary").all()


# --- review: export and pass back -------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".yaml", ".csv"])
def test_export_edit_and_pass_back(tmp_path, suffix):
    toks = tokenize(["Тереза Мэй приехала. Мэй сказала, что Песков прав.", "Асия Биби уехала."])
    table = actor_table(find_actors(toks))
    path = save_actors(table, tmp_path / f"actors{suffix}")
    back = load_actors(path)
    key = ["actor", "alias", "valid_from"]
    columns = ["actor", "type", "alias", "lemmas", "metonym", "valid_from", "valid_to", "source_of_name"]
    pd.testing.assert_frame_equal(
        back.sort_values(key).reset_index(drop=True)[columns], table.sort_values(key).reset_index(drop=True)[columns]
    )
    # the researcher renames an actor and drops another; the edited table wins over discovery
    edited = back.assign(actor=back["actor"].replace({"Тереза Мэй": "Мэй, Тереза"}))
    edited = edited[edited.actor != "Асия Биби"]
    found = find_actors(toks, actors=edited, discover=False)
    assert found["actor"].tolist() == ["Мэй, Тереза", "Мэй, Тереза", "Песков"]
    assert set(found["source_of_name"]) == {"discovered", "dictionary"}


def test_discovery_on_real_news(shared):
    docs, toks = sample_corpus(str(shared("data/corpora/ru_news_mix/sample")))
    found = find_actors(toks)
    persons = found[(found.type == "person") & (found.source_of_name == "discovered")]
    assert persons["actor"].nunique() > 300
    # canonical names are nominative: hardly any word in an adjectival genitive («Жириновского»)
    names = pd.Series(persons["actor"].unique())
    assert names.str.contains(r"\w{3,}(?:ского|цкого|ового|евого)\b").mean() < 0.005
    texts = dict(zip(docs["doc_id"], document_text(docs)))
    for doc_id, start, stop, mention in found[["doc_id", "start", "stop", "text"]].head(3000).itertuples(index=False):
        assert " ".join(texts[doc_id][start:stop].split()) == mention
