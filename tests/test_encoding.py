import codecs

import pytest

from corpus_tools.encoding import DecodeError, decode, decode_bytes, html_to_text, normalize_page, read_html

TEXT = "Президент Казахстана Касым-Жомарт Токаев посетил Москву. Ёлка, щи и объём."


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("cp1251"), "cp1251"),
        (TEXT.encode("koi8_r"), "koi8_r"),
        (TEXT.upper().encode("cp1251"), "cp1251"),
        (TEXT.upper().encode("koi8_r"), "koi8_r"),
    ],
)
def test_decodes_and_names_the_encoding(data, encoding):
    text, used = decode_bytes(data, name="x.txt")
    assert used == encoding
    assert text.lower() == TEXT.lower()


def test_truncated_utf8_keeps_the_complete_part():
    data = TEXT.encode("utf-8") + "ж".encode("utf-8")[:1]
    text, used = decode_bytes(data, name="cut.txt")
    assert (text, used) == (TEXT, "utf-8")


def test_a_few_corrupt_bytes_do_not_switch_to_a_legacy_encoding():
    data = bytearray((TEXT + "\n").encode("utf-8") * 50)
    data[10] = 0xFF
    text, used = decode_bytes(bytes(data), name="corrupt.txt")
    assert used == "utf-8"
    # the broken byte and the orphaned continuation byte after it
    assert text.count("\ufffd") == 2
    assert text.count("Казахстана") == 50


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary\x00" * 10, bytes(range(256)) * 4])
def test_binary_data_is_refused_with_the_file_name(data):
    with pytest.raises(DecodeError, match="blob.txt"):
        decode_bytes(data, name="blob.txt")


def test_decode_lists_what_it_changed():
    data = "Со\u00adтрудничество.".encode("utf-16-le")
    result = decode(data, name="x.txt")
    assert (result.text, result.encoding) == ("Сотрудничество.", "utf-16-le")
    assert result.notes == ["read as utf-16-le without a byte-order mark", "removed 1 invisible character(s): soft hyphen 1"]


@pytest.mark.parametrize(
    "data, reason",
    [(b"\x1f\x8b\x08\x00" + b"\x00" * 20, "gzip-compressed"), (b"%PDF-1.4\n", "PDF document"), (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "JPEG")],
)
def test_known_binary_formats_are_named(data, reason):
    with pytest.raises(DecodeError, match=rf"blob\.txt: .*{reason}"):
        decode(data, name="blob.txt")


def test_html_to_text_drops_scripts_and_navigation_and_keeps_the_article_header():
    page = "<html><body><header>Сайт</header><article><header><h1>Визит</h1></header><p>Текст <b>статьи</b>.</p></article></body></html>"
    assert html_to_text(page) == "Визит\nТекст статьи."


# --- HTML metadata: what a page states about itself ---

_HEAD = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"/>'
    '<meta property="og:url" content="https://tass.ru/politika/1"/>'
    '<meta property="og:site_name" content="ТАСС"/>'
    '<meta property="article:published_time" content="2024-03-12T10:30:00+03:00"/>'
    '<meta property="og:title" content="Песков &laquo;ответил&raquo;"/>'
    '<meta name="author" content="  Иван   Петров "/>'
    "</head>"
)


def test_read_html_takes_the_open_graph_and_article_tags():
    page = read_html(_HEAD + "<body><article><h1>Песков ответил</h1><p>Текст.</p></article></body></html>")
    assert page.fields == {
        "source": "ТАСС", "title": "Песков «ответил»", "date": "2024-03-12T10:30:00+03:00",
        "author": "Иван Петров", "url": "https://tass.ru/politika/1",
    }  # fmt: skip
    assert page.text == "Песков ответил\nТекст."


@pytest.mark.parametrize(
    "html, expected",
    [
        # the first tag of a field wins; og:title before twitter:title whatever the order
        ('<html><head><meta name="twitter:title" content="Б"/><meta property="og:title" content="А"/></head></html>', {"title": "А"}),
        # name= and itemprop= as well as property=; keys are case-insensitive
        ('<html><head><meta itemprop="datePublished" content="2021-04-08"/><meta NAME="DC.Creator" content="Иванов"/></head></html>',
         {"date": "2021-04-08", "author": "Иванов"}),
        # article:author as a profile link is not a name; <a rel="author"> is
        ('<html><head><meta property="article:author" content="https://facebook.com/x"/></head>'
         '<body><address><time datetime="2020-04-27T00:05:00+00:00">27 Apr</time> by <a rel="author">Полина Лазарева</a></address></body></html>',
         {"date": "2020-04-27T00:05:00+00:00", "author": "Полина Лазарева"}),
        ('<html><head><link rel="canonical" href="https://ria.ru/1.html"/></head><body><time pubdate datetime="2022-01-05">5 янв</time></body></html>',
         {"url": "https://ria.ru/1.html", "date": "2022-01-05"}),
        # an empty content is no value; a <time> outside the byline is not the publication date
        ('<html><head><meta property="og:site_name" content=" "/></head><body><p><time datetime="2019-01-01">в 2019</time></p></body></html>', {}),
    ],
)  # fmt: skip
def test_read_html_fields(html, expected):
    assert read_html(html).fields == expected


def test_the_byline_is_metadata_not_text():
    html = '<html><body><h1>Визит</h1><address><time datetime="2020-04-27">27 Apr</time> by <a rel="author">А. Б.</a></address><p>Текст.</p></body></html>'
    assert html_to_text(html) == "Визит\nТекст."


def test_decode_and_normalize_page_carry_the_fields():
    data = (_HEAD + "<body><p>Текст.</p></body></html>").encode("utf-8")
    assert decode(data).fields["source"] == "ТАСС"
    assert decode(data, html=False).fields == {} and decode("Текст.".encode()).fields == {}
    text, notes, fields = normalize_page("<p>Фрагмент <b>страницы</b></p>", html="always")
    assert (text, fields) == ("Фрагмент страницы", {}) and notes[0].startswith("HTML page")
    assert normalize_page("<p>Фрагмент</p>")[0] == "<p>Фрагмент</p>"  # not a page: kept as written
