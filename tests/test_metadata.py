import pandas as pd
import pytest

from corpus_tools.metadata import choose_source, domain_of, find_dateline_outlet, find_self_references, folder_outlet, parse_date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Опубликовано 8 апреля 2021 в 11:08", "2021-04-08 11:08"),
        ("8 апреля 2021, 11:08", "2021-04-08 11:08"),
        ("1 мая 2020 года", "2020-05-01 00:00"),
        ("2025-11-07", "2025-11-07 00:00"),
        ("2024-07-20T09:12:32+00:00", "2024-07-20 09:12:32"),
        ("14.11.2024", "2024-11-14 00:00"),
        ("08.04.2021 11:08", "2021-04-08 11:08"),
        ("27 Apr 2020, 00:05", "2020-04-27 00:05"),  # sites with an English interface
        ("3 Dec. 2019", "2019-12-03 00:00"),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == pd.Timestamp(expected)


@pytest.mark.parametrize("text", ["11-12 ноября", "в 2020—2025 годах", "31.02.2024", "8 тысяч километров", "", "12 Mayday 2020", "в марте 2020"])
def test_no_date(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Как уже сообщал haqqin.az, 11 ноября президент", [("haqqin.az", True)]),
        ("Также Фокус писал, что США пытаются", [("Фокус", True)]),
        ("Как сообщало EADaily , визит Лаврова", [("EADaily", False)]),
        ("Как сообщала «Лента.ру», вчера", [("Лента.ру", False)]),
        # citations of other outlets are not self-references
        ("прекращение огня возможно, пишет NY Times.", []),
        ("По данным AFP, это больше символический шаг", []),
        ("Во время саммита, пишут западные СМИ.", []),
    ],
)
def test_self_references(text, expected):
    assert find_self_references(text) == expected


def test_weak_reference_needs_the_permalink():
    assert choose_source([("ТАСС", False)], None) == (None, "")
    assert choose_source([("ТАСС", False)], "eadaily.com/ru/news/1") == ("eadaily.com", "permalink domain")
    assert choose_source([("EADaily", False)], "https://eadaily.com/ru/")[0] == "EADaily"
    assert choose_source([("Фокус", True)], None) == ("Фокус", "self-reference")


@pytest.mark.parametrize(
    "url, domain",
    [("eadaily.com/ru/news/x", "eadaily.com"), ("https://www.rbc.ru/a", "rbc.ru"), ("not a url", None), ("", None)],
)
def test_domain_of(url, domain):
    assert domain_of(url) == domain


def test_a_permalink_line_that_is_not_a_url_does_not_stop_reading(tmp_path):
    # urlsplit refuses "[ссылка]" (a malformed IPv6 host); it used to crash the whole read
    from corpus_tools import read_corpus

    (tmp_path / "a.txt").write_text("Постоянный адрес новости: [ссылка]\n\nТекст новости здесь.", encoding="utf-8")
    docs = read_corpus(tmp_path)
    assert docs["text"].tolist() == ["Текст новости здесь."]


@pytest.mark.parametrize(
    "text, outlet",
    [
        ("МОСКВА, 8 ноября, ФедералПресс. Губернатор заявил", "ФедералПресс"),
        ("Моcква, 31 октября - АиФ-Москва. Верховный суд Пакистана оправдал", "АиФ-Москва"),
        ("москва, 1 дек — риа новости. около 60 тысяч литров", "риа новости"),  # a lower-cased corpus
        ("ВАШИНГТОН, 5 мая. /ТАСС/. Президент США", "ТАСС"),
        ("Москва. 15 марта. INTERFAX.RU - Президент", "INTERFAX.RU"),
        ("АСТАНА. 12 апреля. КАЗИНФОРМ - Глава государства", "КАЗИНФОРМ"),
        ("**МОСКВА, 8 ноября — РИА Новости.** Президент", "РИА Новости"),
        ("<p><strong></strong></p>\n<p><strong>москва, 1 дек&nbsp;&mdash; риа новости.</strong> около", "риа новости"),  # HTML left in
        ("москва, 1 дек- риа новости. российское министерство", "риа новости"),
        # the story itself starts after the date
        ("МОСКВА, 8 ноября. Путин заявил, что визит состоится", None),
        ("МОСКВА, 8 ноября, Путин заявил.", None),
        ("МОСКВА, 8 ноября, в Кремле прошла встреча.", None),
        ("Визит пройдет 11 ноября, сообщил Песков.", None),
        ("Президент прибыл в Москву. МОСКВА, 8 ноября, ФедералПресс.", None),  # only the start counts
    ],
)
def test_dateline_outlet(text, outlet):
    assert find_dateline_outlet(text) == outlet


@pytest.mark.parametrize(
    "path, outlet",
    [
        ("telegram/shot/2024-11/tg_1.txt", "shot"),
        ("web/tengrinews_kz/unknown/a.txt", "tengrinews_kz"),
        ("kommersant/2019/03/a.txt", "kommersant"),
        ("lenta/a.txt", "lenta"),
        ("2019-03/a.txt", None),
        ("a.txt", None),
    ],
)
def test_folder_outlet(path, outlet):
    assert folder_outlet(path) == outlet


def test_source_from_folder(tmp_path, shared):
    from corpus_tools import read_corpus

    (tmp_path / "ura" / "2019-03").mkdir(parents=True)
    (tmp_path / "ura" / "2019-03" / "a.txt").write_text("МОСКВА, 8 ноября, ФедералПресс. Текст новости.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Текст новости без издания.", encoding="utf-8")
    plain = read_corpus(tmp_path).set_index("doc_id")
    assert plain.loc["a", ["source", "source_from"]].tolist() == ["ФедералПресс", "dateline"]
    folder = read_corpus(tmp_path, source_from="folder").set_index("doc_id")
    assert folder.loc["a", ["source", "source_from"]].tolist() == ["ura", "folder"]
    assert folder.loc["b", ["source", "source_from"]].tolist() == ["unknown:b", "missing"]
    with pytest.raises(ValueError, match="source_from"):
        read_corpus(tmp_path, source_from="path")
    with pytest.raises(ValueError, match="is a file"):
        read_corpus(tmp_path / "b.txt", source_from="folder")
    # the ru_news_mix sample is laid out <platform>/<outlet>/<YYYY-MM>/: one folder per outlet
    sample = shared("data/corpora/ru_news_mix/sample")
    truth = pd.read_csv(sample / "metadata.csv", dtype=str, keep_default_na=False).set_index("doc_id")
    docs = read_corpus(sample / "raw" / "vk", source_from="folder", metadata=False).set_index("doc_id")
    assert docs.source_from.eq("folder").all()
    pairs = set(zip(docs.source, truth.loc[docs.index, "source"]))
    assert pairs == {("meduza", "Meduza"), ("nplus1", "N+1"), ("dtf", "DTF"), ("rt_na_russkom", "RT на русском")}


def test_dateline_outlets_of_real_ria_bodies(shared):
    from corpus_tools import read_corpus

    docs = read_corpus(shared("data/corpora/messy/ria_html_in_text"), metadata=False)
    found = docs[docs.source_from == "dateline"]
    assert len(found) >= 17
    # R-Sport is the sports desk of RIA; «риа новости, адам буражев.» (a byline after it) is not read
    assert set(found.source) == {"риа новости", "р-спорт"}
