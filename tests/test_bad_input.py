"""Whatever a scraper produced: each bad input ends in a clear error or a recorded skip/warning.

Every case is generated in ``tmp_path``. A case either raises a documented exception whose message
names the file or argument and the fix, or is read with its change recorded in
``input_warnings``/``skipped_files``; nothing is dropped silently and the raw files stay unchanged.
"""

import codecs
import gzip
import hashlib
import json
import tracemalloc

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.corpus import CorpusError, input_warnings, read_corpus, skipped_files
from corpus_tools.tokens import document_text

RU = "Президент Казахстана Касым-Жомарт Токаев посетил Москву. Ёлка, щи и объём."


def fake_lemmatizer(token, proper):
    tag = "NOUN" if any(ch.isalnum() for ch in token) else "PUNCT"
    return token.lower(), "NOUN" if tag == "NOUN" else "PNCT", tag


def read_one(tmp_path, data: bytes, name="doc.txt", **options):
    (tmp_path / name).write_bytes(data)
    return read_corpus(tmp_path, **options)


def warnings_of(docs) -> str:
    return " | ".join(input_warnings(docs).warning)


def assert_offsets(docs):
    tokens = ct.tokenize(docs, lemmatizer=fake_lemmatizer)
    texts = dict(zip(docs.doc_id, document_text(docs)))
    for row in tokens.itertuples():
        assert texts[row.doc_id][row.start : row.stop] == row.token
    return tokens


# --- encodings -----------------------------------------------------------------------------------

ENCODINGS = [
    # case, bytes, encoding, warning (None: clean)
    ("cp1251", RU.encode("cp1251"), "cp1251", None),
    ("koi8-r", RU.encode("koi8_r"), "koi8_r", None),
    ("utf-16 le bom", RU.encode("utf-16"), "utf-16", None),
    ("utf-16 be bom", codecs.BOM_UTF16_BE + RU.encode("utf-16-be"), "utf-16", None),
    ("utf-16 le no bom", RU.encode("utf-16-le"), "utf-16-le", "without a byte-order mark"),
    ("utf-8 bom", codecs.BOM_UTF8 + RU.encode(), "utf-8-sig", None),
    ("trailing nul padding", RU.encode() + b"\x00" * 300, "utf-8", "300 trailing NUL"),
    ("stray nul", RU[:20].encode() + b"\x00" + RU[20:].encode(), "utf-8", "1 stray NUL"),
]


@pytest.mark.parametrize("case, data, encoding, warning", ENCODINGS, ids=[c[0] for c in ENCODINGS])
def test_encodings_are_decoded_and_recorded(tmp_path, case, data, encoding, warning):
    docs = read_one(tmp_path, data)
    assert docs.text.tolist() == [RU]
    assert docs.encoding.tolist() == [encoding]
    assert docs.lang.tolist() == ["ru"]
    if warning is None:
        assert input_warnings(docs).empty
    else:
        assert warning in warnings_of(docs)


def test_mixed_line_endings_become_newlines(tmp_path):
    raw = "Первая строка новости о визите.\r\nВторая строка.\rТретья строка.\nЧетвертая."
    docs = read_one(tmp_path, raw.encode())
    assert docs.text.iloc[0] == raw.replace("\r\n", "\n").replace("\r", "\n")
    tokens = assert_offsets(docs)
    assert tokens.sent_id.nunique() == 4
    # clean=False keeps the text as decoded; tokenize still treats \r as a line break
    verbatim = read_corpus(tmp_path, clean=False)
    assert verbatim.text.iloc[0] == raw
    assert assert_offsets(verbatim).sent_id.nunique() == 4


def test_truncated_utf8_drops_the_cut_character_with_a_warning(tmp_path):
    data = RU.encode()[:-2]  # "объём." cut inside "м"
    docs = read_one(tmp_path, data)
    assert docs.text.iloc[0] == RU[:-2]
    assert "truncated UTF-8" in warnings_of(docs)


def test_a_few_corrupt_utf8_bytes_are_replaced_and_counted(tmp_path):
    data = bytearray((RU + "\n").encode() * 30)
    data[5] = 0xFF
    docs = read_one(tmp_path, bytes(data), clean=False)
    assert docs.text.iloc[0].count("\ufffd") == 2
    assert "2 invalid UTF-8 byte sequence(s) replaced" in warnings_of(docs)


def test_invisible_characters_are_removed_and_counted_spaces_kept(tmp_path):
    raw = "Пре\u200bзидент и\u00a0премьер\u200d обсудили со\u00adтрудничество\ufeff и бу\u00adду\u00adщее."
    docs = read_one(tmp_path, raw.encode())
    assert docs.text.iloc[0] == "Президент и\u00a0премьер обсудили сотрудничество и будущее."
    warning = warnings_of(docs)
    assert "removed 6 invisible character(s)" in warning and "soft hyphen 3" in warning
    tokens = assert_offsets(docs)
    # a soft hyphen no longer splits or hides the word, the no-break space still separates words
    assert {"сотрудничество", "будущее", "и", "премьер"} <= set(tokens.token)


# --- content -------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n  "], ids=["empty", "whitespace"])
def test_empty_and_whitespace_files_are_kept_with_a_warning(tmp_path, data):
    (tmp_path / "good.txt").write_text(RU, encoding="utf-8")
    docs = read_one(tmp_path, data, name="blank.txt").set_index("doc_id")
    assert docs.loc["blank", "text"] == ""
    assert docs.loc["blank", "lang"] == "other"
    warnings = input_warnings(docs.reset_index())
    assert warnings.doc_id.tolist() == ["blank"] and "empty document" in warnings.warning.iloc[0]
    tokens = ct.tokenize(docs.reset_index(), lemmatizer=fake_lemmatizer)
    assert set(tokens.doc_id) == {"good"}


BINARY = [
    ("nul-heavy binary", b"\x00\x01\x02binary\x00" * 50, "binary file"),
    ("control bytes", bytes(range(256)) * 40, "binary file"),
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document; extract its text first"),
    ("docx", b"PK\x03\x04\x14\x00\x06\x00" + b"x" * 100, "ZIP archive"),
    ("png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "PNG image"),
    ("bzip2", b"BZh91AY&SY" + b"\x00" * 50, "bzip2-compressed"),
]


@pytest.mark.parametrize("case, data, reason", BINARY, ids=[c[0] for c in BINARY])
def test_binary_data_under_a_txt_name_is_refused_or_skipped(tmp_path, case, data, reason):
    (tmp_path / "good.txt").write_text(RU, encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(data)
    with pytest.raises(CorpusError, match=r"blob\.txt.*" + reason.split(";")[0] + r".*on_error='skip'"):
        read_corpus(tmp_path)
    docs = read_corpus(tmp_path, on_error="skip")
    assert docs.doc_id.tolist() == ["good"]
    skipped = skipped_files(docs)
    assert skipped.path.str.endswith("blob.txt").tolist() == [True]
    assert reason in skipped.reason.iloc[0]


def test_gzip_under_a_txt_name_is_decompressed_with_a_warning(tmp_path):
    docs = read_one(tmp_path, gzip.compress(RU.encode("cp1251")))
    assert docs.text.tolist() == [RU]
    assert docs.encoding.tolist() == ["cp1251"]
    assert "gzip-compressed although named .txt; decompressed" in warnings_of(docs)


def test_corrupt_gzip_is_refused_with_the_file_name(tmp_path):
    (tmp_path / "bad.txt").write_bytes(gzip.compress(RU.encode())[:25])
    with pytest.raises(CorpusError, match=r"bad\.txt"):
        read_corpus(tmp_path)
    assert skipped_files(read_corpus(tmp_path, on_error="skip")).path.str.endswith("bad.txt").all()


HTML = """<!DOCTYPE html>
<html><head><title>Токаев прилетел в Москву</title>
<style>p { color: red }</style><script>var menu = "Меню";</script></head>
<body><header><nav><a href="/">Главная</a> <a href="/news">Все новости</a></nav></header>
<article><h1>Токаев прилетел в Москву</h1>
<p>Президент Казахстана Касым-Жомарт Токаев прилетел в Москву с государственным визитом.</p>
<p>Переговоры &laquo;в узком составе&raquo; продлятся&nbsp;два дня.</p></article>
<footer>© 2025 Все права защищены</footer></body></html>"""


def test_html_page_is_turned_into_text_with_a_warning(tmp_path):
    docs = read_one(tmp_path, HTML.encode(), name="page.txt")
    d = docs.iloc[0]
    assert d.title == "Токаев прилетел в Москву" and d.title_from == "first_line"
    assert d.text == (
        "Президент Казахстана Касым-Жомарт Токаев прилетел в Москву с государственным визитом.\n"
        "Переговоры «в узком составе» продлятся\u00a0два дня."
    )
    for junk in ("<", "color", "menu", "Главная", "права защищены"):
        assert junk not in d.text
    assert "trafilatura" in warnings_of(docs)
    assert_offsets(docs)


def test_a_single_html_file_is_read_too(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(HTML.encode("cp1251"))
    docs = read_corpus(path)
    assert docs.encoding.tolist() == ["cp1251"]
    assert docs.text.str.startswith("Президент Казахстана").all()


def test_text_with_some_markup_is_not_taken_for_html(tmp_path):
    raw = "Цена <b>выросла</b> на 5%, сообщил источник агентства."
    assert read_one(tmp_path, raw.encode()).text.tolist() == [raw]


def test_document_over_max_bytes_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(("Слово " * 500_000).encode())  # 5.5 MB on one line
    (tmp_path / "small.txt").write_text(RU, encoding="utf-8")
    with pytest.raises(CorpusError, match=r"huge\.txt: 5,500,000 bytes, over the limit of max_bytes=1,000,000"):
        read_corpus(tmp_path, max_bytes=1_000_000)
    tracemalloc.start()
    docs = read_corpus(tmp_path, max_bytes=1_000_000, on_error="skip")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert docs.doc_id.tolist() == ["small"]
    assert "split it, or pass a larger max_bytes" in skipped_files(docs).reason.iloc[0]
    assert peak < 1_000_000  # the big file was never read


def test_gzip_bomb_is_not_decompressed_past_the_limit(tmp_path):
    (tmp_path / "bomb.txt").write_bytes(gzip.compress(b"a" * 20_000_000))
    tracemalloc.start()
    docs = read_corpus(tmp_path, max_bytes=2_000_000, on_error="skip")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert docs.empty
    assert "more than the limit when decompressed" in skipped_files(docs).reason.iloc[0]
    assert peak < 8_000_000


def test_one_line_document_is_read_and_tokenized_in_bounded_memory(tmp_path):
    unit = "Президент Казахстана посетил Москву и встретился с коллегой "
    (tmp_path / "line.txt").write_text(unit * 8000, encoding="utf-8")  # 0.9 MB, no line break
    tracemalloc.start()
    docs = read_corpus(tmp_path)
    tokens = ct.tokenize(docs, lemmatizer=fake_lemmatizer)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(tokens) == 8 * 8000
    size = (tmp_path / "line.txt").stat().st_size
    assert peak < 100 * size  # about 50 bytes per byte of text; see benchmarks/bad_input.py


def test_invalid_max_bytes(tmp_path):
    (tmp_path / "a.txt").write_text(RU, encoding="utf-8")
    with pytest.raises(ValueError, match="max_bytes = 0 is invalid; value must be an int >= 1"):
        read_corpus(tmp_path, max_bytes=0)


LANGUAGES = [
    ("uk", "Президент України Володимир Зеленський заявив, що Київ готовий до переговорів. Це їхнє рішення."),
    ("kk", "Қазақстан Республикасының Президенті Қасым-Жомарт Тоқаев Мәскеуге сапармен барды. Бұл өте маңызды."),
    ("uz", "Ўзбекистон Республикаси Президенти Шавкат Мирзиёев Тошкентда ҳукумат йиғилишини ўтказди."),
    ("be", "Прэзідэнт Беларусі правёў нараду ў Мінску з кіраўнікамі абласцей і сказаў пра ўраджай."),
    ("ru", RU),
]


@pytest.mark.parametrize("lang, text", LANGUAGES, ids=[c[0] for c in LANGUAGES])
def test_other_cyrillic_languages_are_kept_unmangled_and_flagged(tmp_path, lang, text):
    docs = read_one(tmp_path, text.encode(), clean=False)
    assert docs.text.tolist() == [text]
    assert docs.lang.tolist() == [lang]
    tokens = assert_offsets(docs)
    assert "".join(tokens.token) == "".join(text.split())


def test_language_flags_on_real_pages(shared):
    folder = shared("data/corpora/messy/tgcontest_html")
    for prefix, lang in (("uk_", "uk"), ("uz_", "uz")):
        for path in sorted(folder.glob(prefix + "*.html")):
            assert read_corpus(path).lang.tolist() == [lang], path.name


# --- corpus and metadata -------------------------------------------------------------------------


def test_missing_path_and_folder_without_texts(tmp_path):
    with pytest.raises(CorpusError, match=r"nope: no such file or folder"):
        read_corpus(tmp_path / "nope")
    (tmp_path / "notes.md").write_text("не корпус", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"no \.txt files found.*\.jsonl/\.csv"):
        read_corpus(tmp_path)
    # HTML pages are documents, not skipped (issue 16)
    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    assert read_corpus(tmp_path).doc_id.tolist() == ["page"]


@pytest.mark.parametrize("suffix", ["jsonl", "csv"])
def test_duplicate_doc_ids_are_refused(tmp_path, suffix):
    path = tmp_path / f"c.{suffix}"
    if suffix == "jsonl":
        path.write_text('{"id": "7", "text": "Первый."}\n{"id": "7", "text": "Второй."}\n', encoding="utf-8")
    else:
        path.write_text("id,text\n7,Первый.\n7,Второй.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"c\.\w+: duplicate document ids \(1\), e\.g\. 7; ids must be unique"):
        read_corpus(path)


def test_sidecar_with_missing_key_column(tmp_path):
    (tmp_path / "a.txt").write_text(RU, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("name,source\na,ТАСС\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"metadata\.csv has no 'doc_id' or 'file' column.*add one"):
        read_corpus(tmp_path)


def test_missing_sidecar_file(tmp_path):
    (tmp_path / "a.txt").write_text(RU, encoding="utf-8")
    with pytest.raises(CorpusError, match=r"metadata sidecar .*side\.csv: no such file"):
        read_corpus(tmp_path, metadata=tmp_path / "side.csv")


def test_sidecar_problems_are_recorded(tmp_path):
    for name in ("a", "b", "c", "d"):
        (tmp_path / f"{name}.txt").write_text(RU, encoding="utf-8")
    # semicolons, cp1251, an unknown id, an impossible date, a date in the future, a non-date
    (tmp_path / "metadata.csv").write_bytes(
        "doc_id;source;date\na;Интерфакс;31.02.2024\nb;ТАСС;2099-01-01\nc;РИА;вчера\nd;РБК;2024-05-06\nzzz;X;2024-01-01\n".encode("cp1251")
    )
    docs = read_corpus(tmp_path).set_index("doc_id")
    assert docs.source.tolist() == ["Интерфакс", "ТАСС", "РИА", "РБК"]
    assert docs.date.isna().tolist() == [True, True, True, False]
    assert docs.date_from.tolist() == ["missing", "missing", "missing", "sidecar"]
    warnings = input_warnings(docs.reset_index())
    by_doc = warnings.groupby(warnings.doc_id.fillna("-")).warning.agg(" | ".join)
    assert "'31.02.2024' is not a date" in by_doc["a"]
    assert "2099-01-01 00:00:00 lies in the future; left missing" in by_doc["b"]
    assert "'вчера' is not a date" in by_doc["c"]
    assert "d" not in by_doc
    assert "zzz" in by_doc["-"] and warnings.path.iloc[-1].endswith("metadata.csv")


def test_future_date_found_in_the_text_is_recorded(tmp_path):
    (tmp_path / "a.txt").write_text("Опубликовано 8 апреля 2091 в 11:08\n" + RU, encoding="utf-8")
    docs = read_corpus(tmp_path)
    assert docs.date.isna().all() and docs.date_from.tolist() == ["missing"]
    assert "text date 2091-04-08 11:08:00 lies in the future" in warnings_of(docs)


def test_jsonl_with_broken_and_unusable_lines(tmp_path):
    path = tmp_path / "c.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Пер\u00adвый\u0000 текст."}, ensure_ascii=False),
        '{"id": "b", "text": "оборва',
        json.dumps({"id": "c", "text": ["не", "текст"]}),
        json.dumps({"id": "d", "text": None}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"c\.jsonl:2: not a JSON object.*on_error='skip'"):
        read_corpus(path)
    docs = read_corpus(path, on_error="skip")
    assert docs.doc_id.tolist() == ["a", "d"]
    assert docs.text.tolist() == ["Первый текст.", ""]
    skipped = skipped_files(docs)
    assert skipped.path.tolist() == [f"{path}:2", f"{path}:3"]
    assert "JSON list, not a text" in skipped.reason.iloc[1]
    assert set(input_warnings(docs).doc_id) == {"a", "d"}


def test_jsonl_record_over_max_bytes_is_skipped(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "я" * 600}) + "\n" + json.dumps({"id": "b", "text": RU}), encoding="utf-8")
    docs = read_corpus(path, max_bytes=1000, on_error="skip")
    assert docs.doc_id.tolist() == ["b"]
    assert "1,200 bytes, over the limit of max_bytes=1,000" in skipped_files(docs).reason.iloc[0]


def test_raw_files_are_never_modified(tmp_path):
    cases = {
        "a.txt": RU.encode("cp1251"),
        "b.txt": codecs.BOM_UTF8 + "со\u00adтрудничество\r\n".encode(),
        "c.txt": gzip.compress(RU.encode()),
        "d.txt": HTML.encode(),
        "e.txt": b"\x00\x01\x02" * 100,
        "metadata.csv": "doc_id;date\na;31.02.2024\n".encode("cp1251"),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "a.txt").chmod(0o444)
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}
    read_corpus(tmp_path, on_error="skip")
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()} == before


# --- analysis ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus():
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "text": ["Токаев встретился с Путиным. Путин сказал речь.", "Токаев и Путин обсудили мир и речь.", ""],
            "source": ["X", "Y", "Z"],
        }
    )
    return docs, ct.tokenize(docs, lemmatizer=fake_lemmatizer)


EMPTY_RESULTS = {
    "terms": (lambda t, d: ct.terms(t), ["doc_id", "sent_id", "token_id", "start", "stop", "in_title", "term"]),
    "frequency": (lambda t, d: ct.frequency(t, by="source", docs=d), ["group", "term", "frequency", "per_10k", "docfreq", "rank", "juilland_d", "gries_dp"]),
    "keyness": (lambda t, d: ct.keyness(t, docs=d), ["group", "term", "n_target", "n_reference", "g2", "p", "p_adj", "log_ratio", "pct_diff"]),
    "tfidf": (lambda t, d: ct.tfidf(t), ["doc_id", "term", "tf", "df", "idf", "tfidf", "rank"]),
    "cooccurrence": (lambda t, d: ct.cooccurrence(t), ["group", "term_a", "term_b", "n_ab", "n_a", "n_b", "n"]),
    "collocates": (lambda t, d: ct.collocates(t, "путин"), ["group", "node", "collocate", "n_ab", "left", "right"]),
    "kwic": (lambda t, d: ct.kwic(t, "Путин"), ["doc_id", "sent_id", "token_id", "left", "match", "right", "start", "stop"]),
    "find_actors": (lambda t, d: ct.find_actors(t), ["doc_id", "sent_id", "token_id", "start", "stop", "text", "actor"]),
    "quotes": (lambda t, d: ct.quotes(d.iloc[:0], t), ["doc_id", "sent_id", "start", "stop", "quote", "speaker_text", "speaker"]),
    "frame_hits": (lambda t, d: ct.frame_hits(t), ["doc_id", "sent_id", "token_id", "start", "stop", "frame", "cue", "text"]),
    "frame_scores": (lambda t, d: ct.frame_scores(t, docs=d, n_boot=5), ["group", "frame", "docs", "hits", "tokens", "per_1k"]),
    "frame_document_scores": (lambda t, d: ct.frame_document_scores(t), ["doc_id", "frame", "hits", "tokens", "per_1k"]),
    "evaluations": (lambda t, d: ct.evaluations(t, ct.find_actors(t), docs=d), ["group", "actor", "term", "upos", "n", "n_other"]),
    "near_duplicates": (lambda t, d: ct.near_duplicates(d.iloc[:0]), ["doc_a", "doc_b", "start_a", "stop_a", "start_b", "stop_b"]),
}


@pytest.mark.parametrize("name", EMPTY_RESULTS)
def test_empty_token_table_gives_an_empty_result_with_the_documented_columns(corpus, name):
    docs, tokens = corpus
    call, columns = EMPTY_RESULTS[name]
    result = call(tokens.iloc[:0], docs)
    assert result.empty
    assert list(result.columns[: len(columns)]) == columns


def test_network_of_no_pairs_is_an_empty_graph(corpus):
    assert ct.network(ct.cooccurrence(corpus[1].iloc[:0])).number_of_nodes() == 0


NOT_TOKENS = {
    "terms": lambda t: ct.terms(t),
    "frequency": lambda t: ct.frequency(t),
    "word_forms": lambda t: ct.word_forms(t, ["путин"]),
    "keyness": lambda t: ct.keyness(t, by="source"),
    "dtm": lambda t: ct.dtm(t),
    "tfidf": lambda t: ct.tfidf(t),
    "cooccurrence": lambda t: ct.cooccurrence(t),
    "collocates": lambda t: ct.collocates(t, "путин"),
    "kwic": lambda t: ct.kwic(t, "путин"),
    "find_actors": lambda t: ct.find_actors(t),
    "frame_hits": lambda t: ct.frame_hits(t),
    "evaluations": lambda t: ct.evaluations(t, t),
    "syndicated_mask": lambda t: ct.syndicated_mask(t, ct.near_duplicates([])),
}


@pytest.mark.parametrize("name", NOT_TOKENS)
def test_a_table_that_is_not_a_token_table_is_named_not_a_key_error(name):
    wrong = pd.DataFrame({"doc_id": ["a"], "word": ["мир"]})
    with pytest.raises(ValueError, match=r"tokens lacks column|needs token column") as info:
        NOT_TOKENS[name](wrong)
    assert "tokenize" in str(info.value)


def test_a_group_with_no_tokens(corpus, caplog):
    docs, tokens = corpus
    freq = ct.frequency(tokens, by="source", docs=docs)
    assert set(freq.group) == {"X", "Y"}  # a long table has no rows for a group without terms
    result = ct.keyness(tokens, by="source", docs=docs, target="Z")
    assert result.empty and result.attrs["sizes"]["Z"][0] == 0
    assert "no comparison for 'Z'" in caplog.text
    scores = ct.frame_scores(tokens, docs=docs, n_boot=5)
    assert "Z" not in set(scores.group) or scores.loc[scores.group == "Z", "tokens"].eq(0).all()


WINDOWS = {
    "cooccurrence 0": (lambda t: ct.cooccurrence(t, window=0), r"window = 0 is invalid; value must be an int >= 1"),
    "cooccurrence -3": (lambda t: ct.cooccurrence(t, window=-3), r"window = -3 is invalid; value must be an int >= 1"),
    "collocates (0, 0)": (lambda t: ct.collocates(t, "путин", window=(0, 0)), r"window = \(0, 0\) is invalid; give \(left, right\) with ints >= 0"),
    "collocates (-1, 2)": (lambda t: ct.collocates(t, "путин", window=(-1, 2)), r"window = \(-1, 2\) is invalid"),
    "kwic -1": (lambda t: ct.kwic(t, "путин", window=-1), r"window = -1 is invalid; value must be >= 0"),
    "evaluation_contexts 0": (lambda t: ct.evaluation_contexts(t, ct.find_actors(t), window=0), r"window = 0 is invalid; value must be an int >= 1"),
    "evaluations -1": (lambda t: ct.evaluations(t, ct.find_actors(t), by="doc_id", window=-1), r"window = -1 is invalid"),
    "near_duplicates shingle 0": (lambda t: ct.near_duplicates(["a"], shingle=0), r"shingle = 0 is invalid; value must be an integer >= 1"),
}


@pytest.mark.parametrize("name", WINDOWS)
def test_window_zero_or_negative_names_the_argument_and_range(corpus, name):
    call, message = WINDOWS[name]
    with pytest.raises(ValueError, match=message):
        call(corpus[1])


def test_kwic_window_zero_is_the_match_alone(corpus):
    lines = ct.kwic(corpus[1], "путин", window=0)
    assert len(lines) == 2 and lines.left.eq("").all() and lines.right.eq("").all()


def test_a_pattern_matching_nothing_gives_empty_results(corpus):
    docs, tokens = corpus
    assert ct.kwic(tokens, "Назарбаев").empty
    assert ct.kwic(tokens, "zz.*", regex=True).empty
    assert ct.collocates(tokens, "назарбаев").empty
    with pytest.raises(ValueError, match=r"pattern word 'пут\[' is not a valid regular expression.*regex=False"):
        ct.kwic(tokens, "пут[", regex=True)


def test_frame_dictionary_with_a_syntax_error_names_file_and_line(tmp_path, corpus):
    path = tmp_path / "frames.yaml"
    path.write_text("frames:\n  - name: war\n    cues: [война, бой\n    label: x\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"frames\.yaml: YAML syntax error at line \d+, column \d+"):
        ct.frame_hits(corpus[1], path)


def test_actor_table_with_a_syntax_error_names_file_and_line(tmp_path, corpus):
    path = tmp_path / "actors.yaml"
    path.write_text("actors:\n  - actor: Путин\n    aliases: [Путин: президент]\n   type: person\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"actors\.yaml: not valid YAML at line \d+, column \d+"):
        ct.find_actors(corpus[1], path)
