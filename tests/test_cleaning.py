import pandas as pd
import pytest

from corpus_tools.cleaning import clean_text

BODY = "Россия является главным партнером Казахстана, неразрешенных вопросов между странами нет."


# one boilerplate line per case, then a real body line that must survive
@pytest.mark.parametrize(
    "line, reason",
    [
        ("  • $ 99.61 +0.03", "currency ticker"),
        ("  • 104.86 +0.80", "currency ticker"),
        ("USD 1.7000", "currency ticker"),
        ("€ 105,20 −0,15", "currency ticker"),
        ("01:44 646", "time/view counter"),
        ("12:30", "time/view counter"),
        ("Меню", "site widget"),
        ("Все новости", "site widget"),
        ("Відео дня", "site widget"),
        ("Загрузить ещё", "site widget"),
        ("Актуальные сюжеты", "site widget"),
        ("Читайте также: Токаев прилетел в Москву", "site widget"),
        ("Подписывайтесь на наш канал в Telegram", "site widget"),
        ("Рауф Керимли, собкор", "byline"),
        ("Постоянный адрес новости: eadaily.com/ru/news/2021/04/08/x", "permalink"),
        ("Опубликовано 8 апреля 2021 в 11:08", "publication date"),
    ],
)
def test_boilerplate_line_is_removed(line, reason):
    cleaned = clean_text(f"{BODY}\n{line}\n{BODY.replace('нет', 'тоже нет')}")
    assert line.strip() not in cleaned.text
    assert [(n, r) for n, _, r in cleaned.removed] == [(2, reason)]
    assert cleaned.text.startswith(BODY)


@pytest.mark.parametrize(
    "line",
    [
        "2024",  # a bare number is not a ticker
        "В 2020 году рубль упал на 10.5 процента.",
        "Как уже сообщал haqqin.az, 11 ноября президент прибыл в Россию.",
        "Главное — мир на Ближнем Востоке, заявил он.",
    ],
)
def test_body_lines_are_kept(line):
    cleaned = clean_text(f"{BODY}\n{line}")
    assert line in cleaned.text
    assert cleaned.removed == []


def test_header_date_prefix_keeps_the_rest_of_the_line():
    cleaned = clean_text(" date 2025-11-07 Токаев в Вашингтоне присоединился к соглашениям.\n\n" + BODY)
    assert cleaned.fields["date"].isoformat() == "2025-11-07T00:00:00"
    assert cleaned.text.startswith("Токаев в Вашингтоне присоединился")
    assert cleaned.removed == [(1, " date 2025-11-07", "metadata header (date)")]


def test_bsnlp_header():
    raw = "ru-207\nru\n2018-04-29\nhttps://telegraf.by/2018/04/x\nВ Пакистане могут освободить Асию Биби\n\n" + BODY
    cleaned = clean_text(raw)
    assert cleaned.title == "В Пакистане могут освободить Асию Биби"
    assert cleaned.fields["url"] == "https://telegraf.by/2018/04/x"
    assert cleaned.fields["date"].isoformat() == "2018-04-29T00:00:00"
    assert cleaned.fields["source"] == "telegraf.by"
    assert cleaned.text == BODY


def test_footer_and_story_dates_are_not_the_publication_date():
    cleaned = clean_text(f"Визит пройдет 11-12 ноября, сообщил Песков.\n{BODY}\n\n14.11.2024")
    assert "date" not in cleaned.fields
    assert cleaned.removed == [(4, "14.11.2024", "standalone date (not the publication date)")]


def test_caption_repeating_a_body_sentence_is_removed_once():
    para = "При входе в воздушное пространство России самолет Токаева сопровождали истребители Су-35."
    raw = f"{BODY}\n\n{para}\n\n{para[:-1]}\n\nДругой абзац о переговорах в Кремле и их итогах."
    cleaned = clean_text(raw)
    assert cleaned.text.count("сопровождали истребители") == 1
    assert [r for _, _, r in cleaned.removed] == ["caption repeating the body"]


def test_hard_wrapped_lines_are_never_captions():
    raw = "Инженеры из\nИнститута Висса разработали роботов\nИнженеры из Института Висса разработали роботов.\n"
    assert clean_text(raw).removed == []


def test_lists_of_similar_lines_are_not_captions():
    raw = (
        "Наши каналы:\n\n"
        "Библиотека Java для собеса — тренируемся отвечать на каверзные вопросы\n\n"
        "Библиотека Go для собеса — тренируемся отвечать на каверзные вопросы\n"
    )
    assert clean_text(raw).removed == []


@pytest.mark.parametrize(
    "first, title",
    [
        ("Токаев летит к Путину после встречи с Трампом", "Токаев летит к Путину после встречи с Трампом"),
        ("Глава МИД Казахстана: Российский вектор является для нас важнейшим", "Глава МИД Казахстана: Российский вектор является для нас важнейшим"),
        ("Токаев посетил Соединенные Штаты.", None),  # a sentence, not a headline
        ("Итоги:", None),
    ],
)
def test_title_is_guessed_only_for_headline_like_first_lines(first, title):
    cleaned = clean_text(f"{first}\n{BODY} {BODY}")
    assert cleaned.title == title
    assert (first in cleaned.text) == (title is None)


def test_given_title_is_not_repeated_in_the_body():
    cleaned = clean_text(f"Короткий заголовок новости\n{BODY}", title="Короткий заголовок новости")
    assert cleaned.text == BODY
    assert cleaned.removed[0][2] == "title repeated in the body"


# ---- titles only on strong evidence (issue 19) -----------------------------------------------
# first lines of real scraped texts that are not titles, each with the reason title_shape gives
@pytest.mark.parametrize(
    "first, reason",
    [
        ("14 января 2019, 17:43 168", "date or time stamp"),
        ("Борис Джонсон. Фото: GLOBAL LOOK press/Dinendra Haria", "photo caption or credit"),
        ("Кадр из сериала «Доктор Хаус» Кадр: House, M.D. / Universal Японская", "photo caption or credit"),
        ("Emerson et al / Science Translational Medicine 2017 Психологи из Университета", "photo caption or credit"),
        ("Моcква, 31 октября - АиФ-Москва. Верховный суд Пакистана оправдал Асию Биби", "dateline"),
        ("Вы здесь: Главная » Новости » Политика", "breadcrumb"),
        ("Главная > Новости > В мире", "breadcrumb"),
        ("<p><strong></strong></p>", "markup"),
        ("ссылаясь на источники в правительстве страны", "sentence fragment (does not start a sentence)"),
        (", 18:59 REGNUM Премьер-министр Великобритании Тереза Мэй", "date or time stamp"),
        ("Ученые предложили новый метод для", "sentence fragment (ends on a preposition or conjunction)"),
        ("Кадры спасения туристов в Баренцевом море. Организаторы тура пообещали показать им китов", "two sentences"),
        ("Статья послов США в ФРГ, Дании и Евросоюзе «Северный поток", "sentence fragment (unclosed quote or bracket)"),
        ("82 383", "date or time stamp"),
        ("Привет, друзья! 👋", "sentence fragment (ends on a symbol)"),
    ],
)
def test_title_shape_refuses_what_is_not_a_headline(first, reason):
    from corpus_tools.cleaning import title_shape

    assert title_shape(first, BODY, True) == reason
    cleaned = clean_text(f"{first}\n\n{BODY} {BODY}")
    assert cleaned.title is None and "title_from" not in cleaned.fields
    assert cleaned.text.startswith(first.strip()) or any(r[1] == first for r in cleaned.removed)


@pytest.mark.parametrize(
    "raw, title",
    [
        # a blank line after the title, then a date line: the naive HTML dumps of the Telegram contest
        ("В Госдуме обсудили идею переноса майских праздников\n\n27 Apr 2020, 00:05\n\n" + BODY, "В Госдуме обсудили идею переноса майских праздников"),
        # a longer paragraph right after it (the seed 000 layout)
        ("Токаев летит к Путину после встречи с Трампом\n" + BODY + " " + BODY, "Токаев летит к Путину после встречи с Трампом"),
        # the next line continues a hard-wrapped sentence
        ("Инженеры из Стэнфорда создали\nроботов, способных двигать груз. " + BODY, None),
        # the next line is no longer than the first: two lines of a list, not a headline and its story
        ("Путин и Токаев обсудили поставки газа\nПереговоры продлятся два дня в Москве\n" + BODY, None),
        # a Markdown post (Telegram, VK): its bold first line is the lead, part of the body
        ("**Путин подписал закон об увеличении штрафов**\n\n" + BODY, None),
        ("Путин подписал закон об увеличении штрафов\n\n" + BODY + " [Подписаться](https://t.me/x)", None),
    ],
)
def test_title_needs_a_headline_layout(raw, title):
    cleaned = clean_text(raw)
    assert cleaned.title == title
    assert cleaned.fields.get("title_from") == ("first_line" if title else None)
    if title is None:
        assert cleaned.text.split("\n")[0] == raw.split("\n")[0], "a line that is not a title stays in the body"


def test_a_date_after_the_title_is_the_publication_date():
    cleaned = clean_text("В Госдуме обсудили идею переноса майских праздников\n\n27 Apr 2020, 00:05\nby\nПолина Лазарева\n\n" + BODY)
    assert cleaned.fields["date"] == pd.Timestamp("2020-04-27 00:05")
    assert (3, "27 Apr 2020, 00:05", "standalone date before the body") in cleaned.removed
    # without a title the same line is inside the story
    story = clean_text(f"{BODY}\n27 Apr 2020, 00:05\n{BODY}")
    assert "date" not in story.fields


def test_header_title_says_so():
    raw = "ru-207\nru\n2018-04-29\nhttps://telegraf.by/2018/04/x\nВ Пакистане могут освободить Асию Биби\n\n" + BODY
    assert clean_text(raw).fields["title_from"] == "header"


@pytest.mark.parametrize(
    "raw, source",
    [
        ("МОСКВА, 8 ноября, ФедералПресс. " + BODY, "ФедералПресс"),
        ("Москва, 31 октября - АиФ-Москва. " + BODY, "АиФ-Москва"),
        ("МОСКВА, 8 ноября. Путин заявил, что " + BODY, None),  # the story starts after the date
    ],
)
def test_outlet_from_a_dateline(raw, source):
    cleaned = clean_text(raw)
    assert cleaned.fields.get("source") == source
    assert cleaned.fields.get("source_from") == ("dateline" if source else None)
    assert cleaned.text == raw, "the dateline stays: it is the first words of the story"


def test_titles_on_real_text(shared):
    """The Telegram-contest dumps have the page title on their first line; ru_news_mix posts have none."""
    from corpus_tools import read_corpus

    folder = shared("data/corpora/messy/tgcontest_html")
    extras = pd.read_csv(folder.parent / "manifest_extras.csv", dtype=str)
    # the manifest keeps the pages' no-break spaces, which decoding turns into spaces
    truth = {f.split("/")[-1].removesuffix(".txt"): t.replace("\xa0", " ") for f, t in zip(extras.file, extras.title) if f.endswith(".dump.txt")}
    docs = read_corpus(folder, metadata=False)
    guessed = docs[docs.title_from == "first_line"]
    assert len(guessed) >= 28
    assert (guessed.title == guessed.doc_id.map(truth)).all(), "every guessed title is the page's title"
    assert docs.date.notna().sum() >= 28
    posts = read_corpus(shared("data/corpora/ru_news_mix/sample/raw/telegram/bbc_news_russkaya_sluzhba"), metadata=False)
    assert posts.title.isna().all(), "bold leads of Telegram posts are not titles"
    assert posts.text.str.startswith("**").sum() >= 20, "and they stay in the body"


# ---- corpus-level boilerplate (issue 19 item 2) ------------------------------------------------
CTRL_ENTER = "Если Вы заметите ошибку в тексте, выделите её мышкой и нажмите Ctrl+Enter."
STORIES = [
    "Токаев прилетел в Москву с государственным визитом.",
    "Путин и Токаев обсудили поставки газа и нефти.",
    "Переговоры в узком составе продлятся два дня.",
    "Минфин Казахстана разместил облигации на бирже.",
    "В Алматы открылся новый медицинский центр.",
    "Сенат принял закон о местном самоуправлении.",
    "В Астане прошел форум молодых предпринимателей.",
    "Курс тенге укрепился к доллару на торгах.",
    "Паводки затопили дома в Северо-Казахстанской области.",
    "Глава МИД встретился с послом Японии.",
    "Нацбанк сохранил базовую ставку.",
    "Чемпионат по футболу начнется в апреле.",
]


def outlet_texts(footer_every: int, n: int = 12):
    """n documents of one outlet, each a different story; every footer_every-th one ends with CTRL_ENTER."""
    stories = STORIES + [f"Новость номер {i} о погоде на завтра." for i in range(len(STORIES), n)]
    return [stories[i] + (f" {CTRL_ENTER}" if i % footer_every == 0 else "") for i in range(n)]


def test_boilerplate_sentence_inside_a_paragraph_is_found():
    from corpus_tools.cleaning import corpus_boilerplate, drop_pieces

    texts = outlet_texts(2)  # 6 of 12 documents
    found = corpus_boilerplate(texts, ["aif"] * 12)
    assert sorted(found) == [0, 2, 4, 6, 8, 10]
    assert found[0] == [(0, CTRL_ENTER, "outlet boilerplate: in 6 of 12 documents of aif")]
    assert drop_pieces(texts[0], found[0]) == STORIES[0]


@pytest.mark.parametrize(
    "groups, footer_every, n, found",
    [
        (["aif"] * 12, 3, 12, False),  # 4 documents: fewer than min_docs = 5
        (["aif"] * 9, 1, 9, False),  # an outlet of 9 documents is never judged
        ([None] * 12, 1, 12, False),  # documents of unknown outlet are never judged
        (["aif"] * 30, 5, 30, True),  # 6 of 30: 20 %
        (["aif"] * 36, 6, 36, False),  # 6 of 36: under 20 %
    ],
)
def test_boilerplate_thresholds(groups, footer_every, n, found):
    from corpus_tools.cleaning import corpus_boilerplate

    assert bool(corpus_boilerplate(outlet_texts(footer_every, n), groups)) == found


def test_quoted_speech_and_wire_copy_are_never_boilerplate():
    from corpus_tools.cleaning import corpus_boilerplate

    quote = "«Мы готовы к переговорам без предварительных условий», — заявил Песков."
    dialogue = "— Мы готовы к переговорам, — сказал он."
    texts = [f"{STORIES[i % 12]} {quote}\n{dialogue}" for i in range(12)]
    assert corpus_boilerplate(texts, ["ria"] * 12) == {}
    # wire copy: the same sentence in 6 documents of outlet a and in 8 of other outlets, where it
    # is rare; it is the agencies' text, not a's template
    wire = "Верховный суд Пакистана оправдал христианку Асию Биби."
    texts = [f"{STORIES[i % 12]} {wire}" if i < 6 else STORIES[i % 12] for i in range(12)]
    texts += [f"Новость номер {i} о погоде на завтра. {wire}" if i < 8 else f"Новость номер {i} о погоде на завтра." for i in range(60)]
    groups = ["a"] * 12 + [f"o{i % 4}" for i in range(60)]
    assert corpus_boilerplate(texts, groups) == {}
    with pytest.raises(ValueError, match="min_share"):
        corpus_boilerplate(texts, groups, min_share=2)


def test_read_corpus_removes_outlet_boilerplate_with_a_log(tmp_path):
    from corpus_tools import cleaning_log, read_corpus

    folder = tmp_path / "aif" / "2019-10"
    folder.mkdir(parents=True)
    for i, text in enumerate(outlet_texts(2)):
        signature = "Новости от АиФ в Telegram. Подписывайтесь на канал" if i % 2 else ""
        (folder / f"d{i:02}.txt").write_text(f"{text}\n\n{signature}\n", encoding="utf-8")
    raw = {p.name: p.read_bytes() for p in folder.iterdir()}
    docs = read_corpus(tmp_path)  # the outlet is unknown: documents are grouped by their folder
    assert docs.source.str.startswith("unknown:").all()
    assert docs.text.tolist() == STORIES
    log = cleaning_log(docs)
    assert set(log.reason) == {"outlet boilerplate: in 6 of 12 documents of aif"}
    assert log[log.doc_id == "d00"][["line_no", "line"]].values.tolist() == [[1, CTRL_ENTER]]
    assert log[log.doc_id == "d01"][["line_no", "line"]].values.tolist() == [[3, "Новости от АиФ в Telegram. Подписывайтесь на канал"]]
    assert docs.n_removed.tolist() == [1] * 12
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == raw, "raw files are never modified"
    kept = read_corpus(tmp_path, boilerplate=False)
    assert kept.text.str.contains("Ctrl\\+Enter").sum() == 6 and kept.n_removed.eq(0).all()


def test_boilerplate_on_real_posts(shared):
    """Telegram channels of ru_news_mix sign every post; the signature goes, the news stays."""
    from corpus_tools import cleaning_log, read_corpus

    sample = shared("data/corpora/ru_news_mix/sample/raw/telegram")
    docs = read_corpus(sample, source_from="folder", metadata=False)
    log = cleaning_log(docs)
    pieces = log[log.reason.str.startswith("outlet boilerplate")]
    per_outlet = pieces.reason.str.extract(r"documents of (.+)$")[0].value_counts()
    assert per_outlet["shot"] >= 40 and per_outlet["mash"] >= 40
    assert pieces.line.str.contains("Подпис|Прислать новость|без VPN", regex=True).all(), "only signatures are removed"
    before = read_corpus(sample, source_from="folder", metadata=False, boilerplate=False)
    assert (docs.text.str.len() <= before.text.str.len()).all()
    assert docs.text.str.len().sum() >= 0.9 * before.text.str.len().sum()
    assert not docs.text.str.contains("Подписывайся на SHOT").any()


def test_raw_line_numbers_follow_the_cleaned_lines_back():
    from corpus_tools.cleaning import raw_line_numbers

    raw = " date 2025-11-07 Токаев прилетел в Москву.\r\nМеню\r\n\r\n" + BODY + "  \r\nВсе новости\r\n" + BODY
    cleaned = clean_text(raw)
    assert cleaned.text.split("\n") == ["Токаев прилетел в Москву.", "", BODY, BODY]
    assert raw_line_numbers(raw, cleaned.text) == [1, 0, 4, 6]


def test_a_template_glued_to_the_story_goes_with_the_footer():
    from corpus_tools.cleaning import corpus_boilerplate, drop_pieces

    footer = "Выделите фрагмент и нажмите Ctrl+Enter."
    texts = [f"{STORIES[i][:-1]} Нашли опечатку? {footer}" if i % 2 else f"{STORIES[i]} Нашли опечатку? {footer}" for i in range(12)]
    found = corpus_boilerplate(texts, ["n+1"] * 12)
    assert [drop_pieces(texts[i], found[i]) for i in range(12)] == [s if i % 2 == 0 else s[:-1] for i, s in enumerate(STORIES)]
    assert found[1] == [
        (0, footer, "outlet boilerplate: in 12 of 12 documents of n+1"),
        (0, "Нашли опечатку?", "outlet boilerplate: in 12 of 12 documents of n+1 (before another piece)"),
    ]
    # the words before a footer differ from story to story: nothing more goes
    texts = [f"{s} {footer}" for s in STORIES]
    found = corpus_boilerplate(texts, ["n+1"] * 12)
    assert [drop_pieces(texts[d], hits) for d, hits in sorted(found.items())] == STORIES


def test_boilerplate_of_real_web_articles(shared):
    """N+1 web articles end in a copyright footer and «Нашли опечатку? …», often glued to the text."""
    from corpus_tools import read_corpus

    folder = shared("data/corpora/ru_news_mix/sample/raw/web")
    docs = read_corpus(folder, source_from="folder", metadata=False)
    nplus1 = docs[docs.source == "nplus1"]
    assert not nplus1.text.str.contains("Нашли опечатку|Ctrl\\+Enter", regex=True).any()
    before = read_corpus(folder, source_from="folder", metadata=False, boilerplate=False)
    assert before[before.source == "nplus1"].text.str.contains("Нашли опечатку").sum() >= 100
    # Tengrinews repeats its flood-report sentences in 3 documents: news, kept
    flood = "В МЧС предоставили оперативную информацию о паводковой ситуации"
    assert docs.text.str.contains(flood).sum() == before.text.str.contains(flood).sum() >= 3
