"""Parallel ingest: workers clean and tokenize, the reading process keeps the order-bound work.

The store must not depend on where a batch was built, so every test compares a parallel run
with the serial one and with the in-memory pipeline, on a corpus that skips, warns and uses a
sidecar.
"""

from __future__ import annotations

import json
import logging
import pickle

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools import store
from corpus_tools.corpus import CorpusError, iter_corpus, raw_batches

OPTIONS = {"on_error": "skip", "batch_size": 3}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seeds_dir):
    """Raw seed articles (boilerplate to clean) as JSONL, with lines to skip and to warn about."""
    folder = tmp_path_factory.mktemp("mixed")
    lines = [
        json.dumps({"id": f.stem, "text": f.read_text(encoding="utf-8"), "source": "Сид", "rank": i}, ensure_ascii=False)
        for i, f in enumerate(sorted(seeds_dir.glob("*.txt")))
    ]
    lines[1:1] = [
        "{not json",
        json.dumps({"id": "html", "text": "<html><body><p>Москва, 1 мая. Снег\u200b выпал.</p></body></html>", "date": "2099-01-01", "tags": {"b": 1}}, ensure_ascii=False),
        json.dumps({"id": "list", "text": ["не", "текст"]}, ensure_ascii=False),
        json.dumps({"id": "empty", "text": "", "date": "вчера"}, ensure_ascii=False),
    ]
    path = folder / "news.jsonl"
    path.write_text("\n".join(lines) + "\n[1, 2]\n", encoding="utf-8")
    sidecar = folder / "side.csv"
    first = sorted(seeds_dir.glob("*.txt"))[0].stem
    sidecar.write_text(f"doc_id,author,desk\n{first},Иванов,политика\nghost,Никто,\n", encoding="utf-8")
    return path, sidecar


@pytest.fixture(scope="module")
def reference(corpus):
    path, sidecar = corpus
    docs = ct.read_corpus(path, metadata=sidecar, on_error="skip")
    return docs, ct.tokenize(docs)


def _ingest(corpus, out, caplog, **options) -> tuple[dict, list[str]]:
    path, sidecar = corpus
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="corpus_tools"):
        store.ingest(path, out, metadata=sidecar, progress=False, **OPTIONS, **options)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return manifest, [r.getMessage() for r in caplog.records]


def test_two_processes_write_the_store_of_one_and_of_the_in_memory_pipeline(corpus, reference, tmp_path, caplog):
    docs, tokens = reference
    one, logged_one = _ingest(corpus, tmp_path / "one", caplog, n_jobs=1)
    two, logged_two = _ingest(corpus, tmp_path / "two", caplog, n_jobs=2)
    assert two == one and logged_two == logged_one
    assert [p["documents"] for p in two["partitions"]] == [3, 3, 1]
    # the corpus exercises what the reading process keeps: skips, sidecar rows, warnings, cleaning
    assert len(two["skipped"]) == 3 and two["skipped"] == ct.skipped_files(docs).to_dict("records")
    assert two["warnings"] == docs.attrs["warnings"] and "ghost" in two["warnings"][0]["warning"]
    assert docs["warnings"].ne("[]").sum() >= 2 and docs["n_removed"].sum() > 0
    assert docs["author"].eq("Иванов").sum() == 1
    assert any("skipped" in message for message in logged_two) and any("warnings for" in message for message in logged_two)
    for out in (tmp_path / "one", tmp_path / "two"):
        pd.testing.assert_frame_equal(store.read_docs(out), docs, check_like=True)
        pd.testing.assert_frame_equal(store.read_tokens(out, categorical=False), tokens)


def test_raw_batches_built_elsewhere_give_the_batches_of_iter_corpus(corpus):
    path, sidecar = corpus
    options = {"metadata": sidecar, "on_error": "skip", "batch_size": 2}
    expected = list(iter_corpus(path, **options))
    # a worker process gets the batch pickled
    built = [pickle.loads(pickle.dumps(batch)).frame() for batch in raw_batches(path, **options)]
    assert len(built) == len(expected) == 4
    for got, want in zip(built, expected):
        pd.testing.assert_frame_equal(got, want)
        assert got.attrs == want.attrs


def test_duplicate_ids_across_batches_stop_a_parallel_ingest(tmp_path):
    path = tmp_path / "dup.jsonl"
    path.write_text('{"id": "a", "text": "Раз."}\n{"id": "b", "text": "Два."}\n{"id": "a", "text": "Три."}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"dup\.jsonl: duplicate document ids \(1\), e\.g\. a"):
        store.ingest(path, tmp_path / "s", batch_size=1, n_jobs=2, progress=False)
    with pytest.raises(ValueError, match="batch_size"):
        list(raw_batches(path, batch_size=0))


def test_a_character_cap_cuts_partitions_by_text_length_not_content(corpus, reference, tmp_path, caplog):
    path, _ = corpus
    docs, tokens = reference
    lengths = [len(json.loads(line)["text"]) for line in path.read_text(encoding="utf-8").splitlines()[:-1]
               if line.startswith("{\"") and isinstance(json.loads(line)["text"], str)]
    cap = sorted(lengths)[-2]  # the longest texts end a batch on their own
    manifest, _ = _ingest(corpus, tmp_path / "capped", caplog, n_jobs=2, batch_chars=cap)
    sizes = [p["documents"] for p in manifest["partitions"]]
    assert len(sizes) > 3 and sum(sizes) == len(docs) and max(sizes) <= 3
    assert manifest["options"]["batch_chars"] == cap
    pd.testing.assert_frame_equal(store.read_docs(tmp_path / "capped"), docs, check_like=True)
    pd.testing.assert_frame_equal(store.read_tokens(tmp_path / "capped", categorical=False), tokens)


def test_raw_batches_count_the_characters_of_files_read_from_a_folder(seeds_dir):
    files = sorted(seeds_dir.glob("*.txt"))
    longest = max(len(f.read_text(encoding="utf-8")) for f in files)
    sizes = [len(batch.records) for batch in raw_batches(seeds_dir, batch_size=100, batch_chars=1)]
    assert sizes == [1] * len(files)
    assert [len(batch.records) for batch in raw_batches(seeds_dir, batch_size=100, batch_chars=longest * 10)] == [len(files)]


@pytest.mark.parametrize("bad", [0, -5, 1.5, True, "1000"])
def test_a_bad_character_cap_is_refused_by_name(corpus, tmp_path, bad):
    path, _ = corpus
    with pytest.raises(ValueError, match=r"batch_chars = .* is invalid.*characters per batch"):
        store.ingest(path, tmp_path / "s", batch_chars=bad, progress=False)
