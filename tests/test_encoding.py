import codecs

import pytest

from corpus_tools.encoding import DecodeError, decode, decode_bytes, html_to_text

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
