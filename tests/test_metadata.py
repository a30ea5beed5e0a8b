import pandas as pd
import pytest

from corpus_tools.metadata import choose_source, domain_of, find_self_references, parse_date


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
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == pd.Timestamp(expected)


@pytest.mark.parametrize("text", ["11-12 ноября", "в 2020—2025 годах", "31.02.2024", "8 тысяч километров", ""])
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
