import gzip
import json
import re

import pandas as pd
import pytest

from corpus_tools.corpus import COLUMNS, CorpusError, cleaning_log, iter_corpus, read_corpus, skipped_files

# every piece of boilerplate named in the foundation issue; none may survive in a seed's text
BOILERPLATE = [
    "Меню", "$ 99.61", "104.86 +0.80", "¥ 13.78", "USD 1.7000", "01:44 646", "Відео дня", "Все новости",
    "Загрузить ещё", "Актуальные сюжеты", "Постоянный адрес новости", "Опубликовано 8 апреля",
    "14.11.2024", "Рауф Керимли, собкор", " date 2025",
]
CAPTIONS_003 = [
    "При входе в воздушное пространство России самолет Токаева Airbus A330 243 Prestige сопровождали истребители Су-35",
    "сохранить баланс между тремя центрами силы - США, Россией и Китаем",
    "разговор с Путиным носил доверительный и обстоятельный характер",
    "в неформальной обстановке «за чайным столом» в резиденции президента России",
]


@pytest.fixture(scope="module")
def seeds(seeds_dir, root):
    docs = read_corpus(seeds_dir, metadata=root / "data" / "seeds_metadata.csv")
    return docs.set_index("doc_id", drop=False)


def doc(seeds, prefix):
    return seeds.loc[seeds.doc_id.str.startswith(prefix)].iloc[0]


def test_one_row_per_seed_in_file_order(seeds):
    assert seeds.doc_id.tolist() == sorted(seeds.doc_id)
    assert seeds.doc_id.str.fullmatch(r"\d{3}_[0-9a-f]{16}").all()
    assert list(seeds.columns[: len(COLUMNS)]) == COLUMNS
    assert seeds.encoding.eq("utf-8").all()


def test_seed_000(seeds):
    d = doc(seeds, "000")
    assert d.title == "Токаев летит к Путину после встречи с Трампом"
    assert d.title_from == "first_line"
    assert not d.text.startswith("Токаев летит")
    assert d.source == "unknown:000_f6c6ddd6d2f480e8"
    assert pd.isna(d.date), "«11-12 ноября» is in the story, not a publication date"


def test_seed_001(seeds):
    d = doc(seeds, "001")
    assert pd.isna(d.title) and d.title_from == "missing"
    assert d.source == "unknown:001_21a38f652b5d2268"


def test_seed_002(seeds):
    d = doc(seeds, "002")
    assert d.date == pd.Timestamp("2025-11-07")
    assert d.source in ("Фокус", "Focus")
    assert (d.source_from, d.date_from) == ("text", "text")
    assert d.text.startswith("Касым-Жомарт Токаев в Вашингтоне присоединился")


def test_seed_003(seeds):
    d = doc(seeds, "003")
    assert d.date == pd.Timestamp("2025-11-13")
    assert d.source == "haqqin.az"
    assert d.author == "Рауф Керимли" and d.author_from == "text"
    for caption in CAPTIONS_003:
        assert d.text.count(caption) == 1, caption


def test_seed_004(seeds):
    d = doc(seeds, "004")
    assert d.date == pd.Timestamp("2021-04-08 11:08")
    assert d.source == "EADaily"
    assert d.url == "eadaily.com/ru/news/2021/04/08/glava-mid-kazahstana-rossiyskiy-vektor-yavlyaetsya-dlya-nas-vazhneyshim"
    assert d.title == "Глава МИД Казахстана: Российский вектор является для нас важнейшим"
    assert d.text.startswith("Россия является главным партнером Казахстана")
    assert d.text.replace("\xa0", " ").endswith("ни с одной из стран.")


@pytest.mark.parametrize("snippet", BOILERPLATE)
def test_no_seed_keeps_boilerplate(seeds, snippet):
    assert not seeds.text.str.contains(snippet, regex=False).any()


def test_two_unknown_outlets_are_not_merged(seeds):
    unknown = seeds.source[seeds.source.str.startswith("unknown:")]
    assert unknown.nunique() == len(unknown) == 2


def test_sidecar_extra_columns_and_origin(seeds):
    assert seeds.language.eq("ru").all()
    assert seeds.note.str.len().gt(0).all()


def test_cleaning_log_is_an_audit_of_removed_lines(seeds, seeds_dir):
    log = cleaning_log(seeds)
    assert list(log.columns) == ["doc_id", "line_no", "line", "reason"]
    assert log.groupby("doc_id").size().reindex(seeds.doc_id, fill_value=0).tolist() == seeds.n_removed.tolist()
    # every logged line really is in the raw file at that line number
    for row in log.itertuples():
        raw_lines = (seeds_dir / f"{row.doc_id}.txt").read_text(encoding="utf-8").split("\n")
        assert row.line in raw_lines[row.line_no - 1]
    assert set(log.loc[log.doc_id.str.startswith("003"), "reason"]) >= {"byline", "caption repeating the body", "currency ticker"}


def test_raw_files_are_not_modified(seeds_dir):
    before = {p.name: p.read_bytes() for p in seeds_dir.iterdir()}
    read_corpus(seeds_dir)
    assert {p.name: p.read_bytes() for p in seeds_dir.iterdir()} == before


def test_sidecar_fills_and_overrides(tmp_path):
    (tmp_path / "a.txt").write_text("Как уже сообщал haqqin.az, визит прошел успешно и спокойно.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Текст без всяких метаданных, но с несколькими словами.", encoding="utf-8")
    side = tmp_path / "side.csv"
    side.write_text("file;source;date;topic\na.txt;Haqqin;07.11.2025;politics\nb.txt;;2024-01-02;economy\n", encoding="cp1251")
    docs = read_corpus(tmp_path, metadata=side).set_index("doc_id")
    assert docs.loc["a", ["source", "source_from", "topic"]].tolist() == ["Haqqin", "sidecar", "politics"]
    assert docs.loc["b", ["source", "source_from"]].tolist() == ["unknown:b", "missing"]
    assert docs.loc["b", "date"] == pd.Timestamp("2024-01-02")
    assert docs.loc["a", "date"] == pd.Timestamp("2025-11-07")


def test_sidecar_metadata_csv_in_the_folder_is_found(tmp_path):
    (tmp_path / "x.txt").write_text("Короткий текст.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("doc_id,source\nx,Meduza\n", encoding="utf-8")
    assert read_corpus(tmp_path).source.tolist() == ["Meduza"]
    assert read_corpus(tmp_path, metadata=False).source.tolist() == ["unknown:x"]


def test_sidecar_without_key_column(tmp_path):
    (tmp_path / "x.txt").write_text("Текст.", encoding="utf-8")
    (tmp_path / "m.csv").write_text("name,source\nx,Meduza\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"m\.csv.*'doc_id' or 'file'"):
        read_corpus(tmp_path, metadata=tmp_path / "m.csv")


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "utf-8-sig", "utf-16"])
def test_legacy_encodings_are_read_and_recorded(tmp_path, encoding):
    text = "Лидер Казахстана посетит Москву 11-12 ноября, сообщил Песков."
    (tmp_path / "doc.txt").write_bytes(text.encode(encoding))
    docs = read_corpus(tmp_path)
    assert docs.text.tolist() == [text]
    assert docs.encoding.tolist() == [encoding]


def test_unreadable_file_error_names_it(tmp_path):
    (tmp_path / "good.txt").write_text("Нормальный текст новости.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    with pytest.raises(CorpusError, match=r"bad\.txt"):
        read_corpus(tmp_path)
    docs = read_corpus(tmp_path, on_error="skip")
    assert docs.doc_id.tolist() == ["good"]
    skipped = skipped_files(docs)
    assert skipped.path.str.endswith("bad.txt").tolist() == [True]
    assert "binary" in skipped.reason.iloc[0]


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(CorpusError, match="no such file"):
        read_corpus(tmp_path / "nope")
    with pytest.raises(CorpusError, match="no .txt files"):
        read_corpus(tmp_path)


def test_single_file_and_nested_folders(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "1.txt").write_text("Второй.", encoding="utf-8")
    (tmp_path / "a" / "2.txt").write_text("Первый.", encoding="utf-8")
    assert read_corpus(tmp_path).text.tolist() == ["Первый.", "Второй."]
    assert read_corpus(tmp_path / "b" / "1.txt").doc_id.tolist() == ["1"]


def test_same_stem_in_two_folders_gets_distinct_ids(tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "0001.txt").write_text("Текст.", encoding="utf-8")
    assert read_corpus(tmp_path).doc_id.tolist() == ["x/0001", "y/0001"]


def test_jsonl_gz_with_broken_line(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": "Первый текст\u2028с разделителем строк.", "source": "РИА", "date": "2024-07-20T09:12:32+00:00", "tags": ["x"]}),
        "{broken",
        json.dumps({"id": "b", "text": "Второй.", "source": ""}),
    ]
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(lines).encode("utf-8")))
    with pytest.raises(CorpusError, match=r"c\.jsonl\.gz:2"):
        read_corpus(path)
    docs = read_corpus(path, on_error="skip")
    assert docs.doc_id.tolist() == ["a", "b"]
    assert docs.source.tolist() == ["РИА", "unknown:b"]
    assert docs.date.iloc[0] == pd.Timestamp("2024-07-20 09:12:32")
    assert docs.tags.iloc[0] == '["x"]'
    assert skipped_files(docs).path.tolist() == [f"{path}:2"]
    # the record of skips survives pandas operations that compare attrs
    assert len(pd.concat([docs, docs])) == 4


def test_jsonl_duplicate_ids_are_refused(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text('{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="duplicate document ids.*a"):
        read_corpus(path)


def test_csv_corpus_with_missing_text_column(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id,body\n1,Текст\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="'text'.*text_column"):
        read_corpus(path)
    assert read_corpus(path, text_column="body").text.tolist() == ["Текст"]


def test_ru_news_mix_sample_folder_with_metadata(shared):
    folder = shared("data/corpora/ru_news_mix/sample")
    docs = read_corpus(folder)
    meta = pd.read_csv(folder / "metadata.csv", dtype=str, keep_default_na=False)
    assert len(docs) == len(meta) == 2000
    assert docs.doc_id.is_unique
    assert set(docs.doc_id) == set(meta.doc_id)
    assert docs.source_from.eq("sidecar").all()
    assert docs.source.nunique() == meta.source.nunique()
    assert docs.date.notna().sum() == meta.date.ne("").sum()
    assert docs.text.str.len().gt(0).all()


def test_ru_news_mix_full_jsonl(shared):
    path = shared("data/corpora/ru_news_mix/ru_news_mix_full.jsonl.gz")
    docs = read_corpus(path)
    assert len(docs) == 26989
    assert docs.doc_id.is_unique
    assert docs.source_from.eq("record").all()
    assert docs.source.nunique() == 30
    assert docs.date.isna().sum() == 1  # the one undated Tengrinews record


def test_bsnlp_headers_give_url_title_and_date(shared):
    folder = shared("data/corpora/messy/bsnlp_web_boilerplate")
    docs = read_corpus(folder, metadata=False)
    gold = pd.read_csv(folder / "manifest.csv", dtype=str, keep_default_na=False)
    gold["doc_id"] = gold.file.str.removesuffix(".txt")
    both = docs.merge(gold, on="doc_id", suffixes=("", "_gold"))
    assert len(both) == 30
    assert (both.url == both.url_gold).all()
    assert (both.title == both.title_gold).all()
    dated = both[both.date_gold != ""]
    assert (dated.date.dt.strftime("%Y-%m-%d") == dated.date_gold).mean() >= 0.9
    assert not docs.text.str.contains(r"^ru-\d+$", flags=re.M).any()


def _same_documents(batches: list[pd.DataFrame], whole: pd.DataFrame) -> None:
    joined = pd.concat(batches, ignore_index=True)[whole.columns]

    def plain(table):  # missing values compare equal whatever their spelling (None, nan)
        return table.astype(object).where(table.notna(), None)

    pd.testing.assert_frame_equal(plain(joined), plain(whole))


def test_iter_corpus_batches_add_up_to_read_corpus_on_a_folder(shared):
    folder = shared("data/corpora/ru_news_mix/sample")
    whole = read_corpus(folder, boilerplate=False)  # iter_corpus runs no corpus-level pass
    batches = list(iter_corpus(folder, batch_size=333))
    assert [len(b) for b in batches[:-1]] == [333] * (len(batches) - 1)
    _same_documents(batches, whole)


def test_iter_corpus_streams_gzipped_jsonl_with_a_sidecar(tmp_path):
    lines = [
        json.dumps({"id": f"n{i}", "text": f"Новость номер {i}.\u200b", "source": "ТАСС"}, ensure_ascii=False)
        for i in range(25)
    ]
    path = tmp_path / "news.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        stream.write("\n".join(lines[:10]) + "\n{broken\n" + "\n".join(lines[10:]) + "\n")
    sidecar = tmp_path / "meta.csv"
    sidecar.write_text("doc_id,author\nn3,Иванов\nn24,Петров\nghost,Никто\n", encoding="utf-8")
    whole = read_corpus(path, metadata=sidecar, on_error="skip")
    batches = list(iter_corpus(path, metadata=sidecar, on_error="skip", batch_size=7))
    _same_documents(batches, whole)
    assert whole.loc[whole.doc_id == "n24", "author"].item() == "Петров"
    assert not whole["text"].str.contains("\u200b").any()
    assert sum(len(b.attrs["skipped"]) for b in batches) == len(whole.attrs["skipped"]) == 1
    assert batches[-1].attrs["warnings"] == whole.attrs["warnings"] and "ghost" in whole.attrs["warnings"][0]["warning"]


def test_iter_corpus_refuses_duplicates_across_batches_and_bad_sizes(tmp_path):
    path = tmp_path / "dup.jsonl"
    path.write_text('{"id": "a", "text": "Раз."}\n{"id": "b", "text": "Два."}\n{"id": "a", "text": "Три."}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="duplicate document ids"):
        list(iter_corpus(path, batch_size=1))
    with pytest.raises(ValueError, match="batch_size"):
        list(iter_corpus(path, batch_size=0))


# --- in-memory corpora: a DataFrame of articles or a list of texts ---

_SAME_AS_FOLDER = [c for c in COLUMNS if c not in ("path", "encoding")]


def test_dataframe_reads_like_the_folder(seeds_dir, root, seed_docs):
    sidecar = root / "data" / "seeds_metadata.csv"
    folder = read_corpus(seeds_dir, metadata=sidecar)
    frame = seed_docs.copy()
    before = frame.copy()
    docs = read_corpus(frame, metadata=sidecar)
    pd.testing.assert_frame_equal(frame, before)  # the input is not modified
    pd.testing.assert_frame_equal(docs[_SAME_AS_FOLDER], folder[_SAME_AS_FOLDER])
    assert docs.path.tolist() == [f"<DataFrame>:{i}" for i in range(len(frame))]
    assert docs.encoding.eq("dataframe").all()
    # the cleaning log is the folder's too
    pd.testing.assert_frame_equal(cleaning_log(docs), cleaning_log(folder))


def test_list_of_texts_reads_like_the_folder(seeds_dir, seed_docs):
    folder = read_corpus(seeds_dir, metadata=False)
    docs = read_corpus(seed_docs.text.tolist())
    assert docs.doc_id.tolist() == [str(i) for i in range(len(seed_docs))]
    assert docs.text.tolist() == folder.text.tolist()
    assert docs.date.tolist() == folder.date.tolist()
    assert docs.path.tolist()[:2] == ["<list>:0", "<list>:1"] and docs.encoding.eq("list").all()
    assert read_corpus(pd.Series(seed_docs.text.tolist())).text.tolist() == folder.text.tolist()


def test_dataframe_metadata_columns_and_extras():
    frame = pd.DataFrame(
        {
            "id": [7, 8, 9],
            "text": ["Песков ответил журналистам.", None, "Министр выступил в Думе."],
            "source": ["ТАСС", None, "РИА Новости"],
            "date": [pd.Timestamp("2024-03-12 10:30", tz="Europe/Moscow"), pd.NaT, "13.03.2024"],
            "title": ["Ответ", float("nan"), None],
            "url": ["https://tass.ru/1", None, None],
            "rubric": ["политика", "экономика", None],
            "path": ["scrape/tass-1.html", None, None],
        }
    )
    docs = read_corpus(frame)
    assert docs.doc_id.tolist() == ["7", "8", "9"]
    assert docs.source.tolist() == ["ТАСС", "unknown:8", "РИА Новости"]
    assert docs.source_from.tolist() == ["record", "missing", "record"]
    # wall-clock time as published, time zone dropped; NaT is missing, not "not a date"
    assert docs.date.tolist()[0] == pd.Timestamp("2024-03-12 10:30") and docs.date.isna().tolist() == [False, True, False]
    assert docs.date.tolist()[2] == pd.Timestamp("2024-03-13")
    assert docs.title[0] == "Ответ" and docs.title.isna().tolist()[1:] == [True, True]
    assert docs.title_from.tolist() == ["record", "missing", "missing"] and docs.url[0] == "https://tass.ru/1"
    assert docs.rubric.tolist()[:2] == ["политика", "экономика"]
    assert docs.path.tolist() == ["scrape/tass-1.html", "<DataFrame>:1", "<DataFrame>:2"]
    assert json.loads(docs.warnings[1]) == ["empty document: no text"]


def test_dataframe_without_text_column_names_its_columns():
    with pytest.raises(CorpusError, match=r"<DataFrame>: no 'text' column \(columns: body, src, 3\).*text_column="):
        read_corpus(pd.DataFrame({"body": ["Текст."], "src": ["ТАСС"], 3: [1]}))
    # text_column= names it
    assert read_corpus(pd.DataFrame({"body": ["Текст."]}), text_column="body").text.tolist() == ["Текст."]
    with pytest.raises(CorpusError, match="no 'text' column"):
        list(iter_corpus(pd.DataFrame({"body": ["Текст."]})))


def test_in_memory_bad_values_are_named():
    with pytest.raises(CorpusError, match=r"<list>: item 1 is a int, not a text"):
        read_corpus(["Текст.", 5])
    with pytest.raises(CorpusError, match=r"<DataFrame>:1: the 'text' value is a bytes, not a text; decode it first"):
        read_corpus(pd.DataFrame({"text": ["Текст.", b"\xd0\x9c"]}))
    docs = read_corpus(pd.DataFrame({"text": ["Текст.", b"\xd0\x9c"]}), on_error="skip")
    assert docs.doc_id.tolist() == ["0"] and skipped_files(docs).path.tolist() == ["<DataFrame>:1"]
    with pytest.raises(CorpusError, match=r"duplicate document ids \(1\), e.g. a"):
        read_corpus(pd.DataFrame({"doc_id": ["a", "a"], "text": ["Один.", "Два."]}))
    with pytest.raises(CorpusError, match="column names repeat"):
        read_corpus(pd.DataFrame([["a", "b"]], columns=["text", "text"]))


def test_in_memory_batches_and_empty_inputs(seed_docs):
    batches = list(iter_corpus(seed_docs, batch_size=2))
    assert [len(b) for b in batches] == [2, 2, 1]
    assert pd.concat(batches, ignore_index=True).text.tolist() == read_corpus(seed_docs).text.tolist()
    assert read_corpus([]).columns.tolist()[: len(COLUMNS)] == COLUMNS and read_corpus([]).empty
    assert read_corpus(pd.DataFrame({"text": []})).empty


def test_ingest_and_load_take_a_dataframe(tmp_path, seed_docs):
    import corpus_tools as ct
    from corpus_tools import store

    out = store.ingest(seed_docs, tmp_path / "store", batch_size=2)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["corpus"] == "<DataFrame>" and manifest["documents"] == len(seed_docs)
    expected = ct.tokenize(read_corpus(seed_docs))
    tokens = store.read_tokens(out, categorical=False)
    assert tokens.doc_id.tolist() == expected.doc_id.tolist() and tokens.lemma.tolist() == expected.lemma.tolist()
    # the same content is a cache hit; changed content is a new key
    assert store.ingest(seed_docs.copy(), tmp_path / "store", batch_size=2) == out
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["key"] == manifest["key"]
    changed = seed_docs.assign(text=seed_docs.text.str.replace("Токаев", "Назарбаев"))
    store.ingest(changed, out, batch_size=2)
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["key"] != manifest["key"]

    docs, tokens = ct.load(seed_docs.text.tolist(), cache=tmp_path / "cache")
    assert docs.doc_id.tolist() == [str(i) for i in range(len(seed_docs))]
    assert tokens.lemma.tolist() == expected.lemma.tolist()
    assert [p.name.split("-")[0] for p in (tmp_path / "cache").iterdir()] == ["texts"]


# --- HTML pages in a folder: read, not skipped, with their <meta> metadata ---

_PAGE = (
    '<!DOCTYPE html><html><head><meta property="og:site_name" content="EADaily"/>'
    '<meta property="article:published_time" content="2021-04-08T11:08:00+03:00"/>'
    '<meta property="og:title" content="Токаев прилетел в Москву"/></head>'
    "<body><article><h1>Токаев прилетел в Москву</h1><p>Президент Казахстана прилетел в Москву.</p></article></body></html>"
)


def test_folder_reads_html_pages_with_their_metadata(tmp_path, caplog):
    (tmp_path / "a.txt").write_text("Текст из файла.", encoding="utf-8")
    (tmp_path / "a.html").write_text(_PAGE, encoding="utf-8")
    (tmp_path / "b.HTM").write_text("<p>Фрагмент <b>страницы</b>.</p>", encoding="utf-8")
    (tmp_path / "notes.md").write_text("не документ", encoding="utf-8")
    with caplog.at_level("INFO", logger="corpus_tools.corpus"):
        docs = read_corpus(tmp_path)
    # a.txt and a.html share a stem and a base name: the file names tell them apart
    assert docs.doc_id.tolist() == ["a.html", "a.txt", "b"]
    page = docs.set_index("doc_id").loc["a.html"]
    assert (page.source, page.date, page.title) == ("EADaily", pd.Timestamp("2021-04-08 11:08"), "Токаев прилетел в Москву")
    assert (page.source_from, page.date_from, page.title_from, page.author_from) == ("html", "html", "html", "missing")
    assert page.text == "Президент Казахстана прилетел в Москву."  # the headline is the title, not the body
    # a .htm fragment is HTML too
    assert docs.set_index("doc_id").loc["b", "text"] == "Фрагмент страницы."
    assert "files not read (not .txt/.html/.htm): 1 .md" in caplog.text


def test_html_metadata_yields_to_records_and_sidecars(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "x", "text": _PAGE, "source": "ТАСС"}, ensure_ascii=False) + "\n", encoding="utf-8")
    docs = read_corpus(path)
    assert (docs.source[0], docs.source_from[0], docs.date_from[0]) == ("ТАСС", "record", "html")
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "p.html").write_text(_PAGE, encoding="utf-8")
    (folder / "metadata.csv").write_text("doc_id,source\np,РИА Новости\n", encoding="utf-8")
    docs = read_corpus(folder)
    assert (docs.source[0], docs.source_from[0], docs.date_from[0]) == ("РИА Новости", "sidecar", "html")


def test_shared_html_pages_get_source_and_date(shared):
    folder = shared("data/corpora/messy/tgcontest_html")
    docs = read_corpus(folder, metadata=False)
    pages = docs[docs.path.str.endswith(".html")]
    assert len(pages) == 34
    assert pages.source_from.eq("html").all() and pages.date_from.eq("html").all() and pages.url_from.eq("html").all()
    assert pages.date.min() >= pd.Timestamp("2020-04-26") and pages.date.max() <= pd.Timestamp("2020-04-28")
    assert pages.author_from.eq("html").sum() >= 13
    # no byline («27 Apr 2020, 00:05 by …») is left in the bodies
    assert not pages.text.str.contains(r"\d{4}, \d\d:\d\d by ").any()
