import zlib

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus_tools as ct
from corpus_tools.frames import (
    DOCUMENT_COLUMNS,
    FRAME_COLUMNS,
    HIT_COLUMNS,
    SCORE_COLUMNS,
    frame_document_scores,
    frame_hits,
    frame_scores,
    hit_sentences,
    load_frames,
)

FRAMES = ["abraham_accords", "balancing", "mediation", "military_escort", "praise", "resources", "strategic_partnership"]

# a user lexicon with bare «мир»: the excludes must keep "world" out and let "peace" in
PEACE_YAML = """\
frames:
  - name: peace
    label: Peace
    definition: Peace as opposed to war.
    example: Казахстан готов принять переговорщиков о мире.
    cues: [мир, мирн*]
    phrases: [мир во всём мире]
    exclude: [во всём мире, по всему миру, мировой]
"""

TOY_YAML = """\
frames:
  - name: peace
    label: Peace
    definition: Peace.
    example: Мир.
    cues: [мир, ми*]
    exclude: [мирок]
  - name: partner
    label: Partner
    definition: Partnership.
    example: Стратегическое партнерство.
    cues: [партнер*, мир]
    phrases: [стратегическое партнерство]
"""


def write(tmp_path, text, name="frames.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    docs = ct.read_corpus(seeds_dir)
    tokens = ct.tokenize(docs)
    hits = frame_hits(tokens)
    return docs, tokens, hits


@pytest.fixture(scope="module")
def toy_frames(tmp_path_factory):
    return load_frames(write(tmp_path_factory.mktemp("frames"), TOY_YAML))


# ---------------------------------------------------------------- the dictionary


def test_bundled_dictionary_has_the_seed_frames():
    frames = load_frames()
    assert list(frames.columns) == FRAME_COLUMNS
    assert sorted(frames.frame.unique()) == FRAMES
    assert set(frames.kind) == {"cue", "phrase", "exclude"}
    # every frame has single-word cues; phrases are lemmatized, patterns are not
    assert (frames[frames.kind == "cue"].groupby("frame").size() > 0).all()
    assert frames.loc[frames.kind == "phrase", "lemmas"].map(len).ge(2).all()
    assert (frames.loc[frames.kind == "cue", "lemmas"] == ()).all()
    assert not frames.pattern.str.contains(" ").loc[frames.kind == "cue"].any()
    assert frames.loc[frames.pattern == "стратегическое партнерство", "lemmas"].iloc[0] == ("стратегический", "партнерство")


def test_load_frames_returns_a_copy():
    first = load_frames()
    first.loc[0, "pattern"] = "changed"
    assert load_frames().loc[0, "pattern"] != "changed"


GOOD = """\
  - name: good
    label: Good
    definition: A frame.
    example: Пример.
    cues: [мир]
"""


@pytest.mark.parametrize(
    "text, expected",
    [
        # YAML syntax error: where and what to fix
        ("frames:\n  - name: [unclosed\n", ["YAML syntax error", "line", "fix"]),
        # missing field, named with the frame
        ("frames:\n  - name: bad\n    label: Bad\n    example: Пример.\n    cues: [мир]\n", ["frame 'bad'", "missing field", "definition"]),
        # empty cue list
        ("frames:\n  - name: bad\n    label: Bad\n    definition: D.\n    example: E.\n    cues: []\n", ["frame 'bad'", "'cues' is empty"]),
        # unknown key (a typo of phrases)
        (
            "frames:\n  - name: bad\n    label: Bad\n    definition: D.\n    example: E.\n    cues: [мир]\n    phrase: [a b]\n",
            ["frame 'bad'", "unknown key", "'phrase'", "phrases"],
        ),
        # a cue with a space belongs to phrases
        ("frames:\n  - name: bad\n    label: Bad\n    definition: D.\n    example: E.\n    cues: [мирные переговоры]\n", ["frame 'bad'", "move it to 'phrases'"]),
        # a phrase of one word belongs to cues
        ("frames:\n  - name: bad\n    label: Bad\n    definition: D.\n    example: E.\n    cues: [мир]\n    phrases: [мир]\n", ["frame 'bad'", "move it to 'cues'"]),
        # globs are not lemmatized
        ("frames:\n  - name: bad\n    label: Bad\n    definition: D.\n    example: E.\n    cues: [мир]\n    phrases: [мирн* переговоры]\n", ["frame 'bad'", "glob"]),
        # a pattern of wildcards only
        ("frames:\n  - name: bad\n    label: Bad\n    definition: D.\n    example: E.\n    cues: ['*']\n", ["frame 'bad'", "every word"]),
        # the same phrase twice in other forms
        (
            "frames:\n  - name: bad\n    label: Bad\n    definition: D.\n    example: E.\n    cues: [мир]\n"
            "    phrases: [мирные переговоры, мирных переговоров]\n",
            ["frame 'bad'", "duplicates", "мирные переговоры"],
        ),
        # the same frame name twice
        ("frames:\n" + GOOD + GOOD, ["frame 'good'", "duplicate frame name"]),
        # not snake_case
        ("frames:\n  - name: Bad Name\n    label: B\n    definition: D.\n    example: E.\n    cues: [мир]\n", ["'Bad Name'", "snake_case"]),
        # a frame without a name is named by its position
        ("frames:\n" + GOOD + "  - label: X\n    definition: D.\n    example: E.\n    cues: [мир]\n", ["frame #2", "missing field", "name"]),
        # wrong top level
        ("- name: good\n", ["top-level key 'frames'"]),
    ],
)
def test_load_frames_errors_name_file_frame_and_fix(tmp_path, text, expected):
    path = write(tmp_path, text, "my_lexicon.yaml")
    with pytest.raises(ValueError) as error:
        load_frames(path)
    message = str(error.value)
    assert "my_lexicon.yaml" in message
    for part in expected:
        assert part in message


def test_load_frames_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.yaml"):
        load_frames(tmp_path / "nope.yaml")


# ---------------------------------------------------------------- hits on the seeds

# frame: (seeds where it fires, seeds where it must not)
EXPECTED = {
    "strategic_partnership": ({"000", "001", "003", "004"}, set()),
    "abraham_accords": ({"000", "002"}, {"001", "003", "004"}),
    "military_escort": ({"003"}, {"000", "001", "002", "004"}),
    "praise": ({"000", "002", "003"}, {"001"}),
    "mediation": ({"002", "003"}, {"001", "004"}),
    "balancing": ({"002", "003"}, {"000", "001", "004"}),
    "resources": ({"000", "002", "003"}, {"001", "004"}),
}


@pytest.mark.parametrize("frame", sorted(EXPECTED))
def test_seed_frames_fire_where_present_and_not_where_absent(seeds, frame):
    _, _, hits = seeds
    fired = set(hits.loc[hits.frame == frame, "doc_id"].str[:3])
    present, absent = EXPECTED[frame]
    assert present <= fired
    assert not (absent & fired)


@pytest.mark.parametrize(
    "seed, frame, text",
    [
        ("000", "strategic_partnership", "стратегического партнерства"),
        ("000", "praise", "посланный небесами"),
        ("000", "abraham_accords", "нормализации отношений с Израилем"),
        ("002", "mediation", "переговорщиков о мире"),
        ("002", "mediation", "прекращение огня"),
        ("002", "balancing", "противовеса"),
        ("002", "resources", "дивиденды"),
        ("003", "military_escort", "сопровождали истребители"),
        ("003", "praise", "старшим товарищем"),
        ("003", "balancing", "центрами силы"),
        ("003", "mediation", "нейтральных площадок"),
        ("003", "resources", "редкоземельных элементов"),
        ("004", "strategic_partnership", "стратегическим партнёром"),
    ],
)
def test_seed_hits_have_the_expected_surface(seeds, seed, frame, text):
    _, _, hits = seeds
    mine = hits[hits.doc_id.str.startswith(seed) & (hits.frame == frame)]
    assert text in mine.text.tolist()


def test_seed_hits_trace_back_to_the_text(seeds):
    docs, tokens, hits = seeds
    assert list(hits.columns) == HIT_COLUMNS
    texts = dict(zip(docs.doc_id, ct.document_text(docs)))
    assert [texts[d][a:b] for d, a, b in zip(hits.doc_id, hits.start, hits.stop)] == hits.text.tolist()
    with_sentences = hit_sentences(hits, tokens, docs)
    assert all(t in s for t, s in zip(with_sentences.text, with_sentences.sentence))
    assert with_sentences.drop(columns="sentence").equals(hits)


def test_world_is_not_peace_in_the_seeds(seeds, tmp_path):
    docs, tokens, hits = seeds
    world = tokens[tokens.doc_id.str.startswith("004") & (tokens.lemma == "мир")]
    assert world.token.tolist() == ["мире"]  # «во всём мире»
    mediation = hits[hits.frame == "mediation"]
    assert not mediation.doc_id.str.startswith("004").any()
    # a user lexicon with bare «мир»: the excludes veto «во всём мире» (004, 002) and «по всему миру» (001)
    peace = frame_hits(tokens, write(tmp_path, PEACE_YAML))
    assert sorted(zip(peace.doc_id.str[:3], peace.text)) == [("000", "мира"), ("002", "мире")]
    sentence = hit_sentences(peace, tokens, docs).set_index(peace.doc_id.str[:3]).loc["002", "sentence"]
    assert "переговорщиков о мире" in sentence


def test_military_escort_is_not_in_the_2021_fm_statement(seeds):
    _, _, hits = seeds
    assert hits[(hits.frame == "military_escort")].doc_id.str[:3].unique().tolist() == ["003"]


# ---------------------------------------------------------------- matching rules on small texts


def hits_of(text, frames):
    return frame_hits(ct.tokenize([text]), frames)[["frame", "cue", "text"]].values.tolist()


def test_phrase_wins_over_the_cues_inside_it(toy_frames):
    assert hits_of("Стратегическом партнерстве.", toy_frames) == [["partner", "стратегическое партнерство", "Стратегическом партнерстве"]]
    assert hits_of("Партнерство.", toy_frames) == [["partner", "партнер*", "Партнерство"]]


def test_a_token_counts_once_per_frame_and_for_several_frames(toy_frames):
    # «мир» matches two patterns of peace (the first names the cue) and one of partner
    assert hits_of("Мир.", toy_frames) == [["partner", "мир", "Мир"], ["peace", "мир", "Мир"]]


def test_exclude_pattern_vetoes_only_its_frame(toy_frames):
    assert hits_of("Мирок.", toy_frames) == []
    assert hits_of("Мирный.", toy_frames) == [["peace", "ми*", "Мирный"]]


def test_longer_phrase_beats_exclude_phrase_and_exclude_vetoes_the_rest(tmp_path):
    frames = write(tmp_path, PEACE_YAML)
    assert hits_of("Мы за мир во всём мире.", frames) == [["peace", "мир во всём мире", "мир во всём мире"]]
    assert hits_of("Известен во всём мире и по всему миру.", frames) == []
    assert hits_of("Мировой рекорд.", frames) == []


def test_yo_is_folded_in_cues_and_lemmas(tmp_path):
    frames = write(tmp_path, "frames:\n" + GOOD.replace("cues: [мир]", "cues: [партнёр]"))
    assert [h[2] for h in hits_of("Партнёр и партнер.", frames)] == ["Партнёр", "партнер"]
    tokens = ct.tokenize(["Партнёр."], yo="keep")
    assert frame_hits(tokens, frames).text.tolist() == ["Партнёр"]


def test_empty_tokens_give_empty_tables():
    tokens = ct.tokenize([""])
    assert frame_hits(tokens).empty
    assert list(frame_hits(tokens).columns) == HIT_COLUMNS
    assert frame_scores(tokens, by=None).empty


def test_missing_token_columns_are_named():
    with pytest.raises(ValueError, match=r"\['lemma'\]"):
        frame_hits(pd.DataFrame({"doc_id": [], "sent_id": [], "token_id": [], "start": [], "stop": [], "token": []}))


def test_hit_sentences_needs_the_documents(seeds):
    docs, tokens, hits = seeds
    with pytest.raises(ValueError, match="missing from docs"):
        hit_sentences(hits, tokens, docs.iloc[:1])


# ---------------------------------------------------------------- scores


def toy_tokens(rows):
    """rows: (doc_id, sent_id, lemma); punctuation is «.»."""
    t = pd.DataFrame(rows, columns=["doc_id", "sent_id", "lemma"])
    t["token_id"] = t.groupby("doc_id").cumcount()
    t["start"] = t["token_id"] * 10
    t["stop"] = t["start"] + 5
    return t.assign(token=t.lemma, is_punct=t.lemma == ".")


# a: 2 sentences, 5 words, 2 «мир»; b: 1 sentence, 2 words, 1 «партнерство»; c: 1 sentence, 4 words, 0 hits
TOY = toy_tokens(
    [
        ("a", 0, "мир"), ("a", 0, "и"), ("a", 0, "мир"), ("a", 0, "."), ("a", 1, "война"), ("a", 1, "есть"),
        ("b", 0, "партнерство"), ("b", 0, "важно"), ("b", 0, "."),
        ("c", 0, "один"), ("c", 0, "два"), ("c", 0, "три"), ("c", 0, "четыре"),
    ]
)  # fmt: skip
TOY_DOCS = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["ТАСС", "ТАСС", "РИА"]})


def test_scores_hand_computed(toy_frames):
    got = frame_scores(TOY, toy_frames, by="source", docs=TOY_DOCS, n_boot=0)
    assert list(got.columns) == SCORE_COLUMNS
    expected = pd.DataFrame(
        {
            "group": ["РИА", "РИА", "ТАСС", "ТАСС"],
            "frame": ["partner", "peace", "partner", "peace"],
            "docs": [1, 1, 2, 2],
            # ТАСС: 7 words; partner: «мир» ×2 + «партнерство»; peace: «мир» ×2
            "hits": [0, 0, 3, 2],
            "tokens": [4, 4, 7, 7],
            "per_1k": [0.0, 0.0, 3 / 7 * 1000, 2 / 7 * 1000],
            # ТАСС has 3 sentences; partner hits in a:0 and b:0, peace in a:0
            "sentence_share": [0.0, 0.0, 2 / 3, 1 / 3],
        }
    )
    pd.testing.assert_frame_equal(got[expected.columns], expected)
    assert got[["ci_low", "ci_high"]].isna().all().all()


def test_document_scores_hand_computed(toy_frames):
    got = frame_document_scores(TOY, toy_frames)
    assert list(got.columns) == DOCUMENT_COLUMNS
    assert got[["doc_id", "frame", "hits", "tokens"]].values.tolist() == [
        ["a", "partner", 2, 5], ["a", "peace", 2, 5],
        ["b", "partner", 1, 2], ["b", "peace", 0, 2],
        ["c", "partner", 0, 4], ["c", "peace", 0, 4],
    ]  # fmt: skip
    np.testing.assert_allclose(got.per_1k, [400, 400, 500, 0, 0, 0])
    np.testing.assert_allclose(got.sentence_share, [0.5, 0.5, 1, 0, 0, 0])


def test_scores_group_from_tokens_or_all(toy_frames):
    with_source = TOY.assign(source=TOY.doc_id.map(dict(zip(TOY_DOCS.doc_id, TOY_DOCS.source))))
    from_docs = frame_scores(TOY, toy_frames, docs=TOY_DOCS, n_boot=50)
    pd.testing.assert_frame_equal(frame_scores(with_source, toy_frames, n_boot=50), from_docs)
    overall = frame_scores(TOY, toy_frames, by=None, n_boot=0)
    assert overall[["group", "frame", "docs", "hits", "tokens"]].values.tolist() == [["all", "partner", 3, 3, 11], ["all", "peace", 3, 2, 11]]


def test_scores_need_the_group_column(toy_frames):
    with pytest.raises(ValueError, match="'source'.*docs="):
        frame_scores(TOY, toy_frames)


@pytest.mark.parametrize("option, value", [("n_boot", -1), ("n_boot", 1.5), ("ci", 0), ("ci", 1.2)])
def test_scores_reject_bad_options(toy_frames, option, value):
    with pytest.raises(ValueError, match=option):
        frame_scores(TOY, toy_frames, by=None, **{option: value})


def test_inputs_are_not_mutated(toy_frames):
    tokens, docs, frames = TOY.copy(), TOY_DOCS.copy(), toy_frames.copy()
    frame_scores(TOY, toy_frames, docs=TOY_DOCS, n_boot=20)
    frame_document_scores(TOY, toy_frames)
    hit_sentences(frame_hits(TOY, toy_frames), TOY, TOY_DOCS.assign(text="x" * 200))
    pd.testing.assert_frame_equal(TOY, tokens)
    pd.testing.assert_frame_equal(TOY_DOCS, docs)
    pd.testing.assert_frame_equal(toy_frames, frames)


def test_bootstrap_is_deterministic_and_matches_a_plain_loop(toy_frames):
    got = frame_scores(TOY, toy_frames, by=None, n_boot=500, seed=7, ci=0.9)
    pd.testing.assert_frame_equal(got, frame_scores(TOY, toy_frames, by=None, n_boot=500, seed=7, ci=0.9))
    assert not got.equals(frame_scores(TOY, toy_frames, by=None, n_boot=500, seed=8, ci=0.9))
    # independent re-implementation: resample documents, total hits / total words × 1000
    per_doc = frame_document_scores(TOY, toy_frames)
    hits = per_doc.pivot(index="doc_id", columns="frame", values="hits")
    words = per_doc.groupby("doc_id")["tokens"].first()
    rng = np.random.default_rng([7, zlib.crc32("all".encode())])
    drawn = rng.integers(0, 3, size=(500, 3))
    for frame in ["partner", "peace"]:
        rates = [hits[frame].to_numpy()[d].sum() / words.to_numpy()[d].sum() * 1000 for d in drawn]
        low, high = np.quantile(rates, [0.05, 0.95])
        row = got[got.frame == frame].iloc[0]
        assert row.ci_low == pytest.approx(low) and row.ci_high == pytest.approx(high)
        assert row.ci_low <= row.per_1k <= row.ci_high


def test_single_document_group_has_no_interval(toy_frames):
    got = frame_scores(TOY, toy_frames, docs=TOY_DOCS)
    assert got.loc[got.group == "РИА", ["ci_low", "ci_high"]].isna().all().all()
    assert got.loc[got.group == "ТАСС", ["ci_low", "ci_high"]].notna().all().all()


def test_group_interval_does_not_depend_on_other_groups(toy_frames):
    alone = frame_scores(TOY[TOY.doc_id != "c"], toy_frames, docs=TOY_DOCS)
    together = frame_scores(TOY, toy_frames, docs=TOY_DOCS)
    pd.testing.assert_frame_equal(alone, together[together.group == "ТАСС"].reset_index(drop=True))


def test_seed_scores_cover_every_group_and_frame(seeds):
    docs, tokens, hits = seeds
    scores = frame_scores(tokens, docs=docs)
    assert len(scores) == docs.source.nunique() * len(FRAMES)
    assert scores.hits.sum() == len(hits)
    per_doc = frame_document_scores(tokens)
    assert len(per_doc) == len(docs) * len(FRAMES)
    assert per_doc.hits.sum() == len(hits)
    escort = per_doc[per_doc.frame == "military_escort"]
    assert escort.doc_id.str[:3].tolist() == ["000", "001", "002", "003", "004"]
    assert escort.hits.gt(0).tolist() == [False, False, False, True, False]


LEMMAS = st.sampled_from(["мир", "партнерство", "война", "и", "."])


@st.composite
def corpora(draw):
    rows, sources = [], {}
    for d in range(draw(st.integers(1, 6))):
        sources[f"d{d}"] = draw(st.sampled_from(["x", "y"]))
        for s in range(draw(st.integers(1, 3))):
            for lemma in draw(st.lists(LEMMAS, min_size=1, max_size=6)):
                rows.append((f"d{d}", s, lemma))
    return toy_tokens(rows), pd.DataFrame({"doc_id": list(sources), "source": list(sources.values())})


@settings(max_examples=60, deadline=None)
@given(corpora())
def test_score_properties(toy_frames, corpus):
    tokens, docs = corpus
    scores = frame_scores(tokens, toy_frames, docs=docs, n_boot=200, seed=1)
    groups = sorted(docs.source.unique())
    assert scores[["group", "frame"]].values.tolist() == [[g, f] for g in groups for f in ["partner", "peace"]]
    assert (scores.hits >= 0).all()
    share = scores.sentence_share
    assert share.between(0, 1).all()
    assert scores.hits.sum() == len(frame_hits(tokens, toy_frames))
    several = scores[(scores.docs >= 2) & (scores.tokens > 0)]
    assert (several.ci_low <= several.per_1k).all() and (several.per_1k <= several.ci_high).all()
    assert scores.loc[scores.docs == 1, "ci_low"].isna().all()


# ---------------------------------------------------------------- a real multi-source sample


def test_ru_news_mix_sample_every_group_and_frame(shared):
    docs = ct.read_corpus(shared("data/corpora/ru_news_mix/sample"))
    tokens = ct.tokenize(docs)
    scores = frame_scores(tokens, docs=docs, n_boot=200)
    sources = sorted(docs.source.astype(str).unique())
    assert scores[["group", "frame"]].values.tolist() == [[s, f] for s in sources for f in FRAMES]
    assert scores.per_1k.notna().all() and scores.sentence_share.between(0, 1).all()
    several = scores[scores.docs >= 2]
    assert (several.ci_low <= several.per_1k).all() and (several.per_1k <= several.ci_high).all()
    # the cues are specific: no frame fires in most documents of the corpus
    per_doc = frame_document_scores(tokens)
    assert per_doc.groupby("frame").hits.apply(lambda h: (h > 0).mean()).max() < 0.05
