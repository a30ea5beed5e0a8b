"""Parquet stores: identical to the in-memory pipeline, cached, atomic, partially rebuilt."""

from __future__ import annotations

import json
import multiprocessing
import shutil

import numpy as np
import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools import store


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory, shared):
    """A small writable copy of 120 sample documents (the raw sample itself stays untouched)."""
    source = shared("data/corpora/ru_news_mix/sample")
    target = tmp_path_factory.mktemp("corpus") / "sample"
    target.mkdir()
    for path in sorted(p for p in source.rglob("*.txt"))[:120]:
        shutil.copy(path, target / path.name)
    return target


@pytest.fixture(scope="module")
def reference(sample_dir):
    docs = ct.read_corpus(sample_dir)
    return docs, ct.tokenize(docs)


def test_ingest_equals_read_corpus_and_tokenize(sample_dir, reference, tmp_path):
    docs, tokens = reference
    out = store.ingest(sample_dir, tmp_path / "s", batch_size=25, n_jobs=2)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["documents"] == len(docs) and manifest["tokens"] == len(tokens)
    assert [p["documents"] for p in manifest["partitions"]] == [25, 25, 25, 25, 20]
    assert set(manifest["provenance"]["versions"]) >= {"razdel", "pymorphy3", "pymorphy3-dicts-ru"}
    pd.testing.assert_frame_equal(store.read_tokens(out, categorical=False), tokens)
    pd.testing.assert_frame_equal(store.read_docs(out), docs, check_like=True)


def test_categorical_columns_and_column_selection(sample_dir, reference, tmp_path):
    _, tokens = reference
    out = store.ingest(sample_dir, tmp_path / "s", batch_size=40)
    table = store.read_tokens(out, ["doc_id", "lemma", "is_stop"])
    assert list(table.columns) == ["doc_id", "lemma", "is_stop"]
    assert isinstance(table["lemma"].dtype, pd.CategoricalDtype)
    assert table["lemma"].astype(str).tolist() == tokens["lemma"].tolist()
    # analyses accept the categorical table and give the same numbers
    expected = ct.frequency(tokens)
    got = ct.frequency(store.read_tokens(out))
    pd.testing.assert_frame_equal(got.astype({"term": str}), expected.astype({"term": str}), check_dtype=False)


def test_tables_read_from_a_store_are_identified_without_hashing_their_rows(sample_dir, tmp_path, monkeypatch):
    from corpus_tools import provenance

    out = store.ingest(sample_dir, tmp_path / "s", batch_size=60)
    tokens = store.read_tokens(out)
    record = tokens.attrs["provenance"]
    assert record["shape"] == provenance.shape(tokens) and record["input"]
    # the digest names what was read: another column selection or dtype is another table
    assert store.read_tokens(out).attrs["provenance"]["digest"] == record["digest"]
    assert store.read_tokens(out, ["doc_id", "lemma"]).attrs["provenance"]["digest"] != record["digest"]
    assert store.read_tokens(out, categorical=False).attrs["provenance"]["digest"] != record["digest"]

    def no_hashing(*args, **kwargs):
        raise AssertionError("the rows of a table read from a store were hashed")

    monkeypatch.setattr(pd.util, "hash_pandas_object", no_hashing)
    assert provenance.table_digest(tokens) == record["digest"]
    assert ct.frequency(tokens).attrs["provenance"]["input"] == record["digest"]
    monkeypatch.undo()
    # a changed table no longer fits the record and is hashed by content
    assert provenance.table_digest(tokens.iloc[:10]) != record["digest"]


def test_unchanged_input_is_a_cache_hit_and_a_changed_file_rebuilds_its_batch_only(sample_dir, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(sample_dir, corpus)
    out = store.ingest(corpus, tmp_path / "s", batch_size=30)
    before = {p.name: p.stat().st_mtime_ns for p in (out / "tokens").iterdir()}
    store.ingest(corpus, out, batch_size=30)
    assert {p.name: p.stat().st_mtime_ns for p in (out / "tokens").iterdir()} == before
    # change one document of the third batch
    target = sorted(corpus.glob("*.txt"))[70]
    target.write_text(target.read_text(encoding="utf-8") + "\nДобавлена строка о Токаеве.", encoding="utf-8")
    store.ingest(corpus, out, batch_size=30)
    after = {p.name: p.stat().st_mtime_ns for p in (out / "tokens").iterdir()}
    changed = sorted(name for name in after if after[name] != before[name])
    assert changed == ["part-00002.parquet"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [bool(p.get("reused")) for p in manifest["partitions"]] == [True, True, False, True]
    docs = ct.read_corpus(corpus)
    pd.testing.assert_frame_equal(store.read_tokens(out, categorical=False), ct.tokenize(docs))


def _build(args):
    corpus, out = args
    store.ingest(corpus, out, batch_size=40)
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["tokens"]


def test_two_processes_building_one_store_leave_one_valid_store(sample_dir, reference, tmp_path):
    out = tmp_path / "shared-store"
    with multiprocessing.get_context("fork").Pool(2) as pool:
        counts = pool.map(_build, [(sample_dir, out), (sample_dir, out)])
    assert counts[0] == counts[1] == len(reference[1])
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    pd.testing.assert_frame_equal(store.read_tokens(out, categorical=False), reference[1])


def test_an_interrupted_write_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "x.parquet"

    def explode(tmp):
        tmp.write_bytes(b"half a file")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.write_atomically(target, explode)
    assert list(tmp_path.iterdir()) == []


def test_load_uses_the_cache_and_matches_the_plain_pipeline(sample_dir, reference, tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUS_TOOLS_CACHE", str(tmp_path / "cache"))
    docs, tokens = ct.load(sample_dir)
    again_docs, again_tokens = ct.load(sample_dir)
    assert len(list((tmp_path / "cache").iterdir())) == 1
    pd.testing.assert_frame_equal(again_tokens, reference[1])
    pd.testing.assert_frame_equal(tokens, reference[1])
    assert again_docs["doc_id"].tolist() == reference[0]["doc_id"].tolist()


def test_bad_store_arguments(tmp_path, sample_dir):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("мои заметки", encoding="utf-8")
    with pytest.raises(store.StoreError, match="not a corpus_tools store"):
        store.ingest(sample_dir, tmp_path / "busy")
    with pytest.raises(ValueError, match="backend"):
        store.ingest(sample_dir, tmp_path / "s", backend="spark")
    with pytest.raises(store.StoreError, match="no readable manifest.json"):
        store.read_tokens(tmp_path)


def test_dask_backend_gives_the_same_store(sample_dir, reference, tmp_path):
    distributed = pytest.importorskip("dask.distributed", reason="dask is part of the dev extra")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            out = store.ingest(sample_dir, tmp_path / "d", batch_size=30, backend="dask", client=client)
    pd.testing.assert_frame_equal(store.read_tokens(out, categorical=False), reference[1])


@pytest.fixture(scope="module")
def dask_client():
    """A two-worker local Dask cluster, as the README's cluster set-up, for the ``dask`` engine."""
    distributed = pytest.importorskip("dask.distributed", reason="dask is part of the dev extra")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            yield client


@pytest.fixture(params=["pandas", "duckdb", "dask"])
def engine(request):
    """Each engine of the store analyses; ``dask`` runs on the two-worker cluster."""
    if request.param == "dask":
        request.getfixturevalue("dask_client")
    return request.param


def test_out_of_core_frequency_and_keyness_equal_the_in_memory_ones(sample_dir, tmp_path, engine):
    out = store.ingest(sample_dir, tmp_path / "s", batch_size=17)
    tokens = store.read_tokens(out)
    docs = store.read_docs(out, ["doc_id", "source"])
    expected = ct.frequency(tokens, by="source", docs=docs).astype({"term": str, "group": str})
    pd.testing.assert_frame_equal(store.frequency(out, by="source", engine=engine), expected, check_dtype=False, rtol=1e-9)
    keys = ct.keyness(tokens, by="source", docs=docs).astype({"term": str})
    got = store.keyness(out, by="source", engine=engine)
    pd.testing.assert_frame_equal(got, keys, check_dtype=False, rtol=1e-9)
    assert got.attrs["sizes"] == keys.attrs["sizes"]
    if engine == "dask":
        return  # each Dask call costs seconds of scheduling; the other options share its partition code
    overall = ct.frequency(tokens).astype({"term": str, "group": str})
    pd.testing.assert_frame_equal(store.frequency(out, min_count=2, engine=engine), overall[overall.frequency >= 2].reset_index(drop=True), check_dtype=False, rtol=1e-9)
    by_title = ct.frequency(tokens, by="in_title").astype({"term": str, "group": str})
    pd.testing.assert_frame_equal(store.frequency(out, by="in_title", engine=engine), by_title, check_dtype=False, rtol=1e-9)
    by_title = ct.keyness(tokens, by="in_title", target="True").astype({"term": str})
    pd.testing.assert_frame_equal(store.keyness(out, by="in_title", target="True", engine=engine), by_title, check_dtype=False, rtol=1e-9)


def test_a_missing_group_value_is_labelled_as_the_pandas_engine_does(small_store, tmp_path, engine):
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "gaps"
    shutil.copytree(small_store, out)
    # documents without a source, and a numeric document column
    path = out / "docs" / "part-00002.parquet"
    docs = pq.read_table(path)
    sources = docs.column("source").to_pylist()
    docs = docs.set_column(docs.schema.get_field_index("source"), "source", pa.array([None] * 5 + sources[5:], type=pa.large_string()))
    pq.write_table(docs.append_column("year", pa.array(np.arange(len(sources)) % 3 + 2020)), path)
    for name in ("part-00000", "part-00001", "part-00003", "part-00004"):
        other = pq.read_table(out / "docs" / f"{name}.parquet")
        pq.write_table(other.append_column("year", pa.array(np.full(other.num_rows, 2019))), out / "docs" / f"{name}.parquet")
    if engine != "pandas":
        for by in ("source",) if engine == "dask" else ("source", "year"):
            reference = store.frequency(out, by=by, engine="pandas")
            pd.testing.assert_frame_equal(store.frequency(out, by=by, engine=engine), reference, check_dtype=False, rtol=1e-9)
            keys = store.keyness(out, by=by, engine="pandas")
            pd.testing.assert_frame_equal(store.keyness(out, by=by, engine=engine), keys, check_dtype=False, rtol=1e-9)
    if engine != "dask":
        assert set(store.frequency(out, by="year", engine=engine)["group"]) == {"2019", "2020", "2021", "2022"}
    # the tokens of documents without a source are not counted in any group
    by_source = store.frequency(out, by="source", engine=engine)
    tokens = store.read_tokens(out, ["doc_id", "is_punct", "is_stop", "is_link"])
    unnamed = set(pq.read_table(path, columns=["doc_id"]).column("doc_id").to_pylist()[:5])
    counted = ~tokens["is_punct"] & ~tokens["is_stop"] & ~tokens["is_link"] & ~tokens["doc_id"].isin(unnamed)
    assert "nan" not in set(by_source["group"]) and by_source["frequency"].sum() == counted.sum()


def test_bad_analysis_arguments_name_the_parameter(small_store):
    with pytest.raises(ValueError, match="engine='spark' is invalid"):
        store.frequency(small_store, engine="spark")
    with pytest.raises(ValueError, match="by='outlet' is neither a token column nor a document column"):
        store.keyness(small_store, by="outlet")
    with pytest.raises(ValueError, match="min_count = 0 is invalid"):
        store.frequency(small_store, min_count=0)


COOCCURRENCE_OPTIONS = {
    "default": {},
    "window2": {"window": 2, "min_count": 1},
    "copresence": {"window": None, "within": "document", "min_count": 2},
    "sentences": {"window": None, "min_count": 1},
    "by-source": {"by": "source"},
    "by-title": {"by": "in_title", "min_count": 1},
    "copresence-by-source": {"window": None, "by": "source"},
}


@pytest.fixture(scope="module")
def cooccurrence_store(sample_dir, tmp_path_factory):
    # 23 documents per partition: partitions differ in vocabulary, so the global codes are tested
    return store.ingest(sample_dir, tmp_path_factory.mktemp("cooc") / "s", batch_size=23)


@pytest.mark.parametrize("engine_name", ["pandas", "duckdb"])
@pytest.mark.parametrize("options", list(COOCCURRENCE_OPTIONS.values()), ids=list(COOCCURRENCE_OPTIONS))
def test_out_of_core_cooccurrence_equals_the_in_memory_one(reference, cooccurrence_store, options, engine_name, monkeypatch):
    docs, tokens = reference
    out = cooccurrence_store
    if engine_name == "duckdb":
        # a small hash table, so that it grows (and is rehashed) while the partitions are counted
        monkeypatch.setattr(store._PairCounter, "_START", 1 << 10)
    as_text = {"group": str, "term_a": str, "term_b": str}
    expected = ct.cooccurrence(tokens, docs=docs if "by" in options else None, **options).astype(as_text)
    got = store.cooccurrence(out, engine=engine_name, **options).astype(as_text)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False, rtol=1e-9)
    assert got.attrs["slots"] == expected.attrs["slots"]
    # a categorical table (as read from a store) gives the same pairs, in the same order
    categorical = ct.cooccurrence(store.read_tokens(out), docs=docs if "by" in options else None, **options).astype(as_text)
    pd.testing.assert_frame_equal(categorical, expected)


@pytest.mark.parametrize("options", [COOCCURRENCE_OPTIONS["default"], COOCCURRENCE_OPTIONS["copresence-by-source"]], ids=["default", "copresence-by-source"])
def test_dask_engine_cooccurrence_equals_the_pandas_one(cooccurrence_store, dask_client, options):
    expected = store.cooccurrence(cooccurrence_store, engine="pandas", **options)
    pd.testing.assert_frame_equal(store.cooccurrence(cooccurrence_store, engine="dask", **options), expected, check_dtype=False, rtol=1e-9)


@pytest.mark.parametrize("fold", [1, 2, 32])
def test_partition_sums_equal_adding_one_partition_at_a_time(fold, monkeypatch):
    monkeypatch.setattr(store._Sum, "_FOLD", fold)
    rng = np.random.default_rng(7)
    summed, wide = store._Sum(), store._Sum()
    expected, expected_wide = None, None
    for i in range(9):
        groups = rng.choice(np.array(["a", "b", None], dtype=object), size=6)
        terms = rng.choice(["x", "y", "z", "w"], size=6)
        part = pd.DataFrame({"group": groups, "term": terms, "n": rng.integers(1, 5, size=6), "p": rng.random(6)})
        part = part.groupby(["group", "term"], dropna=False).sum()
        summed.add(part)
        expected = part if expected is None else expected.add(part, fill_value=0)
        # term x group counts whose columns differ between partitions, as keyness adds them
        columns = rng.choice(["s1", "s2", "s3"], size=2, replace=False)
        counts = pd.DataFrame(rng.integers(0, 4, size=(3, 2)), index=rng.choice(["x", "y", "z", "w"], size=3, replace=False), columns=columns)
        wide.add(counts)
        expected_wide = counts if expected_wide is None else expected_wide.add(counts, fill_value=0)
    got = summed.result()
    assert got.index.names == ["group", "term"] and got.index.get_level_values("group").isna().any()
    pd.testing.assert_frame_equal(got.sort_index(), expected.sort_index(), check_dtype=False)
    pd.testing.assert_frame_equal(
        wide.result().fillna(0).sort_index().sort_index(axis=1), expected_wide.fillna(0).sort_index().sort_index(axis=1), check_dtype=False
    )
    assert store._Sum().result() is None


@pytest.mark.parametrize("limit", [1, 5, 10**9])
def test_key_counts_add_up_like_a_counter_however_often_they_reduce(limit):
    from collections import Counter

    rng = np.random.default_rng(3)
    summed, expected = store._KeyCounts(limit=limit), Counter()
    for _ in range(12):
        keys, counts = np.unique(rng.integers(0, 40, size=15), return_counts=True)
        summed.add(keys, counts)
        expected.update(dict(zip(keys.tolist(), counts.tolist())))
    keys, counts = summed.result()
    assert keys.tolist() == sorted(expected) and counts.tolist() == [expected[k] for k in sorted(expected)]
    assert [a.tolist() for a in store._KeyCounts().result()] == [[], []]


def test_global_codes_give_each_label_one_code_across_partitions():
    ids: dict = {}
    assert store._global_codes(ids, pd.Index(["б", "а"], dtype="str")).tolist() == [0, 1]
    assert store._global_codes(ids, ["а", "в"]).tolist() == [1, 2]
    assert list(ids) == ["б", "а", "в"]


@pytest.fixture(scope="module")
def small_store(sample_dir, tmp_path_factory):
    """A store of the 120 sample documents in 5 partitions, built once and copied by tests that damage it."""
    return store.ingest(sample_dir, tmp_path_factory.mktemp("small") / "s", batch_size=25)


def _damaged(small_store, tmp_path, how: str):
    out = tmp_path / "damaged"
    shutil.copytree(small_store, out)
    target = out / "tokens" / "part-00001.parquet"
    if how == "older":
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        manifest["format"] = "corpus_tools-store-0"
        (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        return out, "manifest.json: store format 'corpus_tools-store-0'"
    if how == "missing":
        target.unlink()
        return out, "partitions missing .*part-00001.parquet"
    if how == "truncated":
        data = target.read_bytes()
        target.write_bytes(data[: len(data) // 2])
        return out, "part-00001.parquet: not a readable Parquet file"
    if how == "foreign":
        shutil.copy(out / "tokens" / "part-00000.parquet", target)
        return out, "part-00001.parquet: .* rows where manifest.json records"
    (out / "manifest.json").write_text('{"format": "corpus_tools-st', encoding="utf-8")
    return out, "manifest.json: not valid JSON"


BAD_STORES = ["older", "missing", "truncated", "foreign", "half-written-manifest"]
ANALYSES = {
    "read_tokens": lambda s: store.read_tokens(s),
    "frequency": lambda s: store.frequency(s, by="source"),
    "keyness": lambda s: store.keyness(s, by="source"),
    "cooccurrence": lambda s: store.cooccurrence(s),
}


@pytest.mark.parametrize("analysis", list(ANALYSES))
@pytest.mark.parametrize("how", BAD_STORES)
def test_a_damaged_or_older_store_is_a_store_error_naming_the_file(small_store, tmp_path, how, analysis):
    out, message = _damaged(small_store, tmp_path, how)
    assert issubclass(ct.StoreError, ValueError)
    with pytest.raises(ct.StoreError, match=message):
        ANALYSES[analysis](out)


def test_ingest_rebuilds_a_store_of_an_older_version(small_store, sample_dir, tmp_path):
    out, _ = _damaged(small_store, tmp_path, "older")
    store.ingest(sample_dir, out, batch_size=25)
    pd.testing.assert_frame_equal(store.read_tokens(out), store.read_tokens(small_store), check_like=True)


def test_load_removes_the_corpus_level_boilerplate_as_read_corpus_does(shared, tmp_path):
    from corpus_tools import cleaning_log, read_corpus

    sample = shared("data/corpora/ru_news_mix/sample")
    docs, tokens = store.load(sample, cache=tmp_path)
    expected = read_corpus(sample)
    columns = ["doc_id", "text", "n_removed", "removed", "warnings", "source"]
    pd.testing.assert_frame_equal(docs[columns].reset_index(drop=True), expected[columns].reset_index(drop=True))
    removed = cleaning_log(docs)
    assert removed.reason.str.startswith("outlet boilerplate").sum() > 1000
    # ingest without the pass keeps the pieces, in a store with its own key
    plain_store = store.ingest(sample, tmp_path / "plain")
    plain = store.read_docs(plain_store)
    assert (plain.n_removed.to_numpy() < docs.n_removed.to_numpy()).sum() > 500
    # and the token table is that of the cleaned texts: fewer tokens where pieces went
    fewer = store.read_tokens(plain_store).groupby("doc_id").size() - tokens.groupby("doc_id").size()
    assert (fewer > 0).sum() > 500 and (fewer >= 0).all()
