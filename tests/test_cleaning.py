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
