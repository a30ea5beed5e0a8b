"""Persons found by ``find_actors`` against gold, quotations with a resolved speaker, and speed.

Usage (from the project root)::

    .venv/bin/python benchmarks/actors.py [--skip-speed] [--skip-quotes] [--ner]

1. Persons, document level, on the NER gold sets we have (dev portions only; the test portions are
   never read): factRuEval-2016 dev (122 documents) and NEREL v1.1 dev (94 Wikinews documents).
   A gold *person* is the set of its mentions in a document, grouped by surname (the last word's
   first four letters, lower case, ё as е; a first name alone joins the one full name of the
   document that starts with it). Its *base forms* are the gold mentions normalised to
   the nominative by natasha (``DocSpan.normalize`` on the gold span, an independent
   normaliser); when natasha cannot, the mention as written. Two scores:

   - ``base form``: a predicted ``(document, actor)`` of type person is right when the actor
     (lower case, ё as е) equals a base form of a gold person of that document; recall is the
     share of gold persons whose base forms include a predicted actor;
   - ``actor or alias``: as ``base form``, but the mention's own name (``alias``: «Берлускони»
     where the corpus links it to «Сильвио Берлускони») may match instead of the actor;
   - ``span``: right when one of the actor's mentions overlaps a gold person mention; recall is
     the share of gold persons with a mention overlapped by a predicted person mention.

2. Quotations on the 2,000-document ru_news_mix sample: the share with a resolved ``speaker``.
3. Speed: ``find_actors`` on the 27k-document ru_news_mix file with its token table given
   (tokenizing is timed apart), as words (non-punctuation tokens) per second, on one core.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus_tools as ct  # noqa: E402
from common import FULL  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "data" / "gold"
SAMPLE = ROOT.parent / "shared" / "data" / "corpora" / "ru_news_mix" / "sample"


def fold(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def read_gold(name: str) -> list[dict]:
    """Documents of a gold file with their person mentions ``(start, end, text)``."""
    path = {"factrueval": GOLD / "factrueval" / "dev.jsonl", "nerel": GOLD / "nerel" / "dev.jsonl"}[name]
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        persons = []
        for e in record["entities"]:
            kind = e.get("coarse_type", e["type"])
            if kind == "PER" and e["type"] in ("PER", "PERSON"):
                persons.append((e["start"], e["end"], e["text"]))
        docs.append({"doc_id": record["id"], "text": record["text"], "persons": persons})
    return docs


def natasha_normals(docs: list[dict]) -> None:
    """Add ``normal`` to each gold mention: natasha's nominative of the gold span."""
    from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, Segmenter
    from natasha.doc import DocSpan

    from corpus_tools.ner import restore_getargspec

    restore_getargspec()
    segmenter, vocab = Segmenter(), MorphVocab()
    tagger = NewsMorphTagger(NewsEmbedding())
    for d in docs:
        doc = Doc(d["text"])
        doc.segment(segmenter)
        doc.tag_morph(tagger)
        doc.spans = [DocSpan(s, e, "PER", t) for s, e, t in d["persons"]]
        doc.envelop_span_tokens()
        normals = []
        for span, (s, e, t) in zip(doc.spans, d["persons"]):
            try:
                span.normalize(vocab)
                normals.append(span.normal or t)
            except Exception:  # a span that cuts a token: keep the text
                normals.append(t)
        d["normals"] = normals


def gold_people(d: dict) -> list[dict]:
    """Gold persons of one document: mentions grouped by the surname's first four letters."""
    groups: dict[str, dict] = {}
    firsts: dict[str, set] = {}
    mentions = sorted(zip(d["persons"], d["normals"]), key=lambda m: -len(fold(m[1]).split()))
    for (s, e, t), normal in mentions:
        words = fold(normal).split() or fold(t).split()
        key = words[-1][:4]
        # a first name alone («Егора») is the person named in full in the same document, if one
        if len(words) == 1 and key not in groups and len(firsts.get(key, ())) == 1:
            key = next(iter(firsts[key]))
        g = groups.setdefault(key, {"spans": [], "forms": set()})
        if len(words) > 1:
            firsts.setdefault(words[0][:4], set()).add(key)
        g["spans"].append((s, e))
        g["forms"].add(fold(normal))
        g["forms"].add(fold(t))
    return list(groups.values())


def person_scores(docs: list[dict], found: pd.DataFrame) -> dict:
    persons = found[found["type"] == "person"]
    by_doc = defaultdict(lambda: defaultdict(list))
    for doc_id, actor, s, e in persons[["doc_id", "actor", "start", "stop"]].itertuples(index=False):
        by_doc[doc_id][actor].append((s, e))
    counts = dict.fromkeys(["gold", "pred", "tp_r_form", "tp_p_form", "tp_r_span", "tp_p_span", "tp_r_alias", "tp_p_alias"], 0)
    aliases = defaultdict(lambda: defaultdict(set))
    for doc_id, actor, alias in persons[["doc_id", "actor", "alias"]].itertuples(index=False):
        aliases[doc_id][actor].update(fold(a) for a in alias.split(" + "))
    misses, wrong = [], []
    for d in docs:
        people = gold_people(d)
        predicted = by_doc.get(d["doc_id"], {})
        counts["gold"] += len(people)
        counts["pred"] += len(predicted)
        forms = set().union(*(p["forms"] for p in people)) if people else set()
        spans = [sp for p in people for sp in p["spans"]]
        for actor, mentions in predicted.items():
            if fold(actor) in forms:
                counts["tp_p_form"] += 1
            else:
                wrong.append((d["doc_id"], actor))
            if fold(actor) in forms or aliases[d["doc_id"]][actor] & forms:
                counts["tp_p_alias"] += 1
            if any(a < e and s < b for a, b in mentions for s, e in spans):
                counts["tp_p_span"] += 1
        names = {fold(a) for a in predicted}
        alias_names = names.union(*aliases[d["doc_id"]].values()) if predicted else set()
        mention_spans = [sp for ms in predicted.values() for sp in ms]
        for p in people:
            if p["forms"] & names:
                counts["tp_r_form"] += 1
            else:
                misses.append((d["doc_id"], sorted(p["forms"])))
            if any(a < e and s < b for a, b in mention_spans for s, e in p["spans"]):
                counts["tp_r_span"] += 1
            if p["forms"] & alias_names:
                counts["tp_r_alias"] += 1
    ratio = lambda a, b: a / b if b else float("nan")  # noqa: E731
    return {
        "docs": len(docs), "gold_persons": counts["gold"], "predicted": counts["pred"],
        "precision_form": ratio(counts["tp_p_form"], counts["pred"]), "recall_form": ratio(counts["tp_r_form"], counts["gold"]),
        "precision_span": ratio(counts["tp_p_span"], counts["pred"]), "recall_span": ratio(counts["tp_r_span"], counts["gold"]),
        "precision_alias": ratio(counts["tp_p_alias"], counts["pred"]), "recall_alias": ratio(counts["tp_r_alias"], counts["gold"]),
        "misses": misses, "wrong": wrong,
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-speed", action="store_true", help="do not time the 27k-document file")
    parser.add_argument("--skip-quotes", action="store_true", help="do not run quotes on the sample")
    parser.add_argument("--show", type=int, default=0, help="print this many misses and wrong names per gold set")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    results = {}
    for name in ("factrueval", "nerel"):
        docs = read_gold(name)
        natasha_normals(docs)
        frame = pd.DataFrame({"doc_id": [d["doc_id"] for d in docs], "text": [d["text"] for d in docs]})
        found = ct.find_actors(ct.tokenize(frame))
        scores = person_scores(docs, found)
        print(
            f"{name:<11} persons, doc level: base form P {scores['precision_form']:.3f} R {scores['recall_form']:.3f}   "
            f"actor or alias P {scores['precision_alias']:.3f} R {scores['recall_alias']:.3f}   "
            f"span P {scores['precision_span']:.3f} R {scores['recall_span']:.3f}   "
            f"({scores['gold_persons']} gold, {scores['predicted']} predicted, {scores['docs']} docs)"
        )
        for label in ("misses", "wrong"):
            for item in scores[label][: args.show]:
                print(f"    {label[:-2] if label == 'misses' else label}: {item}")
        results[name] = {k: v for k, v in scores.items() if k not in ("misses", "wrong")}
    if not args.skip_quotes:
        docs = ct.read_corpus(SAMPLE)
        tokens = ct.tokenize(docs)
        q = ct.quotes(docs, tokens)
        share = q["speaker"].notna().mean() if len(q) else float("nan")
        print(f"quotes on the ru_news_mix sample: {len(q):,} quotations, {share:.1%} with a resolved speaker")
        results["quotes_sample"] = {"quotes": len(q), "resolved": float(share)}
    if not args.skip_speed:
        started = time.perf_counter()
        docs = ct.read_corpus(FULL)
        tokens = ct.tokenize(docs)
        print(f"read_corpus + tokenize (not counted)   {time.perf_counter() - started:8.2f} s")
        words = int((~tokens["is_punct"]).sum())
        for label, options in (("find_actors (default: dictionary + discovery)", {}), ("find_actors(discover=False)", {"discover": False})):
            times = []
            for _ in range(2):  # the first run fills the caches of name parses, the second finds them
                started = time.perf_counter()
                found = ct.find_actors(tokens, **options)
                times.append(time.perf_counter() - started)
            print(
                f"{label:<46} first {times[0]:6.2f} s {words / times[0]:>9,.0f} words/s, again {times[1]:6.2f} s "
                f"{words / times[1]:>9,.0f} words/s  ({words:,} words, {len(found):,} mentions)"
            )
            results[label] = {"seconds_first": times[0], "seconds_again": times[1], "words": words}
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
