"""Accuracy of tokens, sentences, lemmas and UPOS against gold dev data, side by side with peers.

Usage (from the project root)::

    .venv/bin/python benchmarks/accuracy.py [--json benchmarks/results/accuracy.json] [--errors 15]

Systems:

- ``corpus_tools``: ``corpus_tools.tokenize`` on raw text, ``corpus_tools.tag_words(words,
  context=True)`` on each gold sentence's words (context-aware, one sentence at a time);
- ``ct_per_form``: the same without the context step (``morphology.in_context``), which is what
  ``tokenize`` gives until it applies that step;
- ``naive``: razdel for sentences and tokens, pymorphy3's top parse of each word (no context, no
  memo), mapped to UPOS with the project's table (``morphology.parse_upos``);
- ``natasha``: natasha 1.6 (razdel segmenter, slovnet news morphology tagger, ``MorphVocab``
  lemmatizer).

Scores, on every dev file of ``../shared/data/gold`` (see its README; test portions are never read):

- ``tok_f1``: F1 of token character spans, where the file has raw text (``# text``);
- ``sent_f1``: F1 of sentence-end offsets inside each unit of text (a Taiga document, its paragraphs
  on separate lines; GSD has no document marks, so its sentences form one text joined by spaces);
  the end of the unit itself is not counted;
- ``lemma``: lemma accuracy on the gold tokens, both lowercased, «ё» read as «е»; ``lemma_yo``: the
  same with «ё» distinct;
- ``upos``: UPOS accuracy on the gold tokens;
- ``tag_wps``: gold words per second for lemma + UPOS of pre-tokenized sentences, caches cold;
  ``raw_wps``: words per second for the whole pipeline on raw text (segmentation, lemmas, UPOS).

Every token counts, punctuation included. Per system and file the JSON also holds the most frequent
UPOS confusions (gold -> predicted) and lemma errors (form, gold, predicted); ``--errors N`` prints
the top N for corpus_tools.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "data" / "gold"
FILES = {
    "gsd": "ud/ru_gsd-ud-dev.conllu",
    "taiga": "ud/ru_taiga-ud-dev.conllu",
    "lenta": "grameval2020/GramEval2020-RuEval2017-Lenta-news-dev.conllu",
    "syntagrus": "grameval2020/GramEval2020-SynTagRus-dev.conllu",
}
SYSTEMS = ("corpus_tools", "ct_per_form", "naive", "natasha")
DEFAULT_JSON = ROOT / "benchmarks" / "results" / "accuracy.json"


@dataclass
class Sentence:
    """One gold sentence: raw text (or None), the words with gold lemma and UPOS, and unit marks."""

    text: str | None
    words: list[str] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    upos: list[str] = field(default_factory=list)
    newdoc: bool = False
    newpar: bool = False


def read_conllu(path: Path) -> list[Sentence]:
    """Read the sentences of a CoNLL-U file; word ranges (``1-2``) and empty nodes (``1.1``) are skipped."""
    sentences, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if current is not None and current.words:
                sentences.append(current)
            current = None
            continue
        if current is None:
            current = Sentence(text=None)
        if line.startswith("#"):
            key, _, value = line[1:].partition("=")
            key = key.strip()
            if key == "text":
                current.text = value.strip()
            elif key.startswith("newdoc"):
                current.newdoc = True
            elif key.startswith("newpar"):
                current.newpar = True
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        current.words.append(cols[1])
        current.lemmas.append(cols[2])
        current.upos.append(cols[3])
    return sentences


def word_spans(sentence: Sentence) -> list[tuple[int, int]] | None:
    """Offsets of each gold word in the sentence text, found in order; None if one is missing."""
    spans, at = [], 0
    for word in sentence.words:
        start = sentence.text.find(word, at)
        if start < 0:
            return None
        spans.append((start, start + len(word)))
        at = start + len(word)
    return spans


def units(sentences: list[Sentence]) -> list[tuple[str, list[tuple[int, int]], list[tuple[int, int]] | None]]:
    """Group sentences into texts: ``(text, sentence spans, word spans)`` per unit.

    A unit is a document (``# newdoc``) whose paragraphs are joined by a line break and sentences
    by a space; without any document marks the whole file is one unit.
    """
    result, parts, sents, words = [], [], [], []
    ok = True

    def close():
        if parts:
            result.append(("".join(parts), list(sents), list(words) if ok else None))

    length = 0
    for sentence in sentences:
        if sentence.newdoc and parts:
            close()
            parts.clear(), sents.clear(), words.clear()
            length, ok = 0, True
        if parts:
            parts.append("\n" if sentence.newpar else " ")
            length += 1
        spans = word_spans(sentence)
        if spans is None:
            ok = False
        else:
            words.extend((length + a, length + b) for a, b in spans)
        sents.append((length, length + len(sentence.text)))
        parts.append(sentence.text)
        length += len(sentence.text)
    close()
    return result


def f1(gold: set, predicted: set) -> float:
    hits = len(gold & predicted)
    if not gold and not predicted:
        return 1.0
    return 2 * hits / (len(gold) + len(predicted)) if hits else 0.0


# ---------------------------------------------------------------- systems


class ProjectSystem:
    name = "corpus_tools"
    context = True

    def __init__(self):
        import corpus_tools as ct
        from corpus_tools import morphology

        self.ct, self.morphology = ct, morphology
        morphology.analyzer()

    def reset(self):
        self.morphology.clear_cache()

    def tag(self, sentences: list[list[str]]) -> list[list[tuple[str, str]]]:
        out = []
        for words in sentences:
            table = self.ct.tag_words(words, yo="keep", context=self.context)
            out.append(list(zip(table["lemma"].tolist(), table["upos"].astype(str).tolist())))
        return out

    def segment(self, texts: list[str]) -> list[tuple[list[tuple[int, int]], list[tuple[int, int]]]]:
        tokens = self.ct.tokenize(texts, yo="keep")
        result = []
        for doc in range(len(texts)):
            part = tokens[tokens["doc_id"] == doc]
            spans = list(zip(part["start"].tolist(), part["stop"].tolist()))
            sents = part.groupby("sent_id").agg(start=("start", "min"), stop=("stop", "max"))
            result.append((list(zip(sents["start"].tolist(), sents["stop"].tolist())), spans))
        return result

    def pipeline(self, texts: list[str]) -> int:
        return len(self.ct.tokenize(texts))


class PerFormSystem(ProjectSystem):
    """corpus_tools without the context step (what ``tokenize`` gives until it applies it)."""

    name = "ct_per_form"
    context = False


def spans_of(splitter, texts: list[str]) -> list[tuple[list[tuple[int, int]], list[tuple[int, int]]]]:
    """Sentence and token spans of each text from anything with razdel's ``sentenize``/``tokenize``."""
    return [
        ([(s.start, s.stop) for s in splitter.sentenize(text)], [(t.start, t.stop) for t in splitter.tokenize(text)])
        for text in texts
    ]


class NaiveSystem:
    name = "naive"

    def __init__(self):
        import pymorphy3
        import razdel

        from corpus_tools.morphology import parse_upos

        self.razdel, self.parse_upos = razdel, parse_upos
        self.analyzer = pymorphy3.MorphAnalyzer()

    def reset(self):
        pass

    def _word(self, word: str) -> tuple[str, str]:
        parse = self.analyzer.parse(word)[0]
        return parse.normal_form, self.parse_upos(word, parse)

    def tag(self, sentences):
        return [[self._word(w) for w in words] for words in sentences]

    def segment(self, texts):
        return spans_of(self.razdel, texts)

    def pipeline(self, texts):
        n = 0
        for text in texts:
            for sent in self.razdel.sentenize(text):
                for token in self.razdel.tokenize(sent.text):
                    self._word(token.text)
                    n += 1
        return n


class NatashaSystem:
    name = "natasha"

    def __init__(self):
        from corpus_tools.ner import restore_getargspec

        restore_getargspec()
        import natasha

        self.natasha = natasha
        self.segmenter = natasha.Segmenter()
        self.tagger = natasha.NewsMorphTagger(natasha.NewsEmbedding())
        self.reset()

    def reset(self):
        self.vocab = self.natasha.MorphVocab()  # its lemma cache starts empty

    def tag(self, sentences):
        out = []
        for words, markup in zip(sentences, self.tagger.map(sentences)):
            out.append([(self.vocab.lemmatize(t.text, t.pos, t.feats), t.pos) for t in markup.tokens])
        return out

    def segment(self, texts):
        return spans_of(self.segmenter, texts)

    def pipeline(self, texts):
        n = 0
        for text in texts:
            doc = self.natasha.Doc(text)
            doc.segment(self.segmenter)
            doc.tag_morph(self.tagger)
            for token in doc.tokens:
                token.lemmatize(self.vocab)
            n += len(doc.tokens)
        return n


# ---------------------------------------------------------------- scoring


def norm(lemma: str, yo: bool) -> str:
    lemma = lemma.lower()
    return lemma if yo else lemma.replace("ё", "е")


def score(system, sentences: list[Sentence], top: int) -> dict:
    """All scores of one system on one file, with its error tables."""
    words = [s.words for s in sentences]
    system.reset()
    started = time.perf_counter()
    tagged = system.tag(words)
    tag_seconds = time.perf_counter() - started
    n_words = sum(map(len, words))

    lemma_ok = lemma_yo_ok = upos_ok = 0
    confusions, lemma_errors, upos_errors = Counter(), Counter(), Counter()
    for sentence, predicted in zip(sentences, tagged):
        assert len(predicted) == len(sentence.words), sentence.words
        for word, gold_lemma, gold_upos, (lemma, upos) in zip(sentence.words, sentence.lemmas, sentence.upos, predicted):
            if norm(lemma, False) == norm(gold_lemma, False):
                lemma_ok += 1
            else:
                lemma_errors[word.lower(), norm(gold_lemma, False), norm(lemma, False)] += 1
            lemma_yo_ok += norm(lemma, True) == norm(gold_lemma, True)
            if upos == gold_upos:
                upos_ok += 1
            else:
                confusions[gold_upos, upos] += 1
                upos_errors[word.lower(), gold_upos, upos] += 1
    result = {
        "words": n_words,
        "lemma": lemma_ok / n_words,
        "lemma_yo": lemma_yo_ok / n_words,
        "upos": upos_ok / n_words,
        "tag_wps": n_words / tag_seconds,
        "upos_confusions": [[g, p, n] for (g, p), n in confusions.most_common(top)],
        "lemma_errors": [[w, g, p, n] for (w, g, p), n in lemma_errors.most_common(top)],
        "upos_errors": [[w, g, p, n] for (w, g, p), n in upos_errors.most_common(top)],
    }

    if all(s.text is not None for s in sentences):
        grouped = units(sentences)
        texts = [text for text, _, _ in grouped]
        segmented = system.segment(texts)
        tok_gold, tok_pred, sent_gold, sent_pred = set(), set(), set(), set()
        for u, ((text, sents, spans), (p_sents, p_tokens)) in enumerate(zip(grouped, segmented)):
            if spans is not None:
                tok_gold |= {(u, a, b) for a, b in spans}
                tok_pred |= {(u, a, b) for a, b in p_tokens}
            end = len(text.rstrip())
            sent_gold |= {(u, b) for _, b in sents if b < end}
            sent_pred |= {(u, b) for _, b in p_sents if b < end}
        result["tok_f1"] = f1(tok_gold, tok_pred)
        result["sent_f1"] = f1(sent_gold, sent_pred)
        system.reset()
        started = time.perf_counter()
        n_raw = system.pipeline(texts)
        result["raw_wps"] = n_raw / (time.perf_counter() - started)
    return result


COLUMNS = ("tok_f1", "sent_f1", "lemma", "lemma_yo", "upos", "tag_wps", "raw_wps")


def table(results: dict) -> str:
    lines = [f"{'file':<10} {'system':<13} {'words':>6} " + " ".join(f"{c:>8}" for c in COLUMNS)]
    for name, by_system in results.items():
        for system, r in by_system.items():
            cells = []
            for c in COLUMNS:
                value = r.get(c)
                if value is None:
                    cells.append(f"{'-':>8}")
                elif c.endswith("wps"):
                    cells.append(f"{value:>8,.0f}")
                else:
                    cells.append(f"{100 * value:>8.2f}")
            lines.append(f"{name:<10} {system:<13} {r['words']:>6} " + " ".join(cells))
    return "\n".join(lines)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", nargs="*", default=list(FILES), choices=list(FILES))
    parser.add_argument("--systems", nargs="*", default=list(SYSTEMS), choices=list(SYSTEMS))
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    parser.add_argument("--errors", type=int, default=15, help="error-table rows printed for corpus_tools")
    args = parser.parse_args(argv)

    builders = {"corpus_tools": ProjectSystem, "ct_per_form": PerFormSystem, "naive": NaiveSystem, "natasha": NatashaSystem}
    systems = [builders[name]() for name in args.systems]
    results: dict = {}
    for name in args.files:
        sentences = read_conllu(GOLD / FILES[name])
        results[name] = {system.name: score(system, sentences, top=50) for system in systems}
    print(table(results))
    if args.errors and "corpus_tools" in args.systems:
        for name, by_system in results.items():
            r = by_system["corpus_tools"]
            print(f"\n{name}: corpus_tools UPOS confusions (gold -> predicted)")
            print("  " + ", ".join(f"{g}->{p} {n}" for g, p, n in r["upos_confusions"][: args.errors]))
            print("  " + ", ".join(f"{w}: {g}->{p} {n}" for w, g, p, n in r["upos_errors"][: args.errors]))
            print(f"{name}: corpus_tools lemma errors (form: gold / predicted)")
            print("  " + ", ".join(f"{w}: {g}/{p} {n}" for w, g, p, n in r["lemma_errors"][: args.errors]))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return results


if __name__ == "__main__":
    sys.exit(main() and 0)
