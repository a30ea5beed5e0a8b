"""Named entities found by natasha's news NER model, as a mention table like ``find_actors``.

Optional: it needs the ``natasha`` extra (``pip install 'corpus_tools[natasha]'``). The models
(navec news embeddings, slovnet NER and morphology) are loaded on first use, once per process.
Where :func:`corpus_tools.find_actors` finds the reviewed actors of ``data/actors.yaml``,
:func:`find_entities` finds any person, organisation or place, named in the nominative
(«Дмитрию Пескову» → «Дмитрий Песков») by natasha's span normalisation.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Collection, Sequence

import numpy as np
import pandas as pd

from corpus_tools.actors import MENTION_COLUMNS
from corpus_tools.tokens import document_text, tokenize

ENTITY_TYPES = {"PER": "person", "ORG": "organisation", "LOC": "place"}
INSTALL_HINT = "corpus_tools.ner needs natasha; install the extra: pip install 'corpus_tools[natasha]'"
_MODELS = None
_SPACES = re.compile(r"\s+")


def find_entities(
    docs: pd.DataFrame | pd.Series | Sequence[str],
    *,
    tokens: pd.DataFrame | None = None,
    types: Collection[str] = ("PER", "ORG", "LOC"),
) -> pd.DataFrame:
    """Return one row per named entity that natasha's NER finds in each document.

    Parameters
    ----------
    docs : DataFrame, Series or list of str
        As for :func:`corpus_tools.tokenize`: a table with ``doc_id``, ``text`` and optionally
        ``title``, or the texts themselves. The text analysed is ``corpus_tools.document_text``.
    tokens : DataFrame, optional
        The token table of ``tokenize(docs)``, if already computed; it gives each mention its
        ``sent_id`` and ``token_id``. Computed when omitted.
    types : collection of {"PER", "ORG", "LOC"}
        The natasha labels to keep.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`corpus_tools.find_actors`, same dtypes and order: ``doc_id``;
        ``sent_id`` and ``token_id`` of the first token overlapping the mention; ``start``,
        ``stop`` (offsets in ``document_text``); ``text`` (the mention, whitespace runs as one
        space); ``actor`` (the mention in the nominative, natasha's normal form); ``type``
        (``person``, ``organisation`` or ``place``); ``alias`` (natasha's label: PER, ORG, LOC);
        ``metonym`` (always False); ``source_of_name`` (always "discovered"). Sorted by document
        order, then ``start``.

    Raises
    ------
    ImportError
        If natasha is not installed; the message names the extra to install.

    Examples
    --------
    >>> find_entities(["Дмитрию Пескову позвонили из Москвы."])[["text", "actor", "type"]]
                  text           actor    type
    0  Дмитрию Пескову  Дмитрий Песков  person
    1           Москвы          Москва   place
    """
    unknown = sorted(set(types) - set(ENTITY_TYPES))
    if unknown:
        raise ValueError(f"types {unknown} are invalid; choose from {sorted(ENTITY_TYPES)}")
    models = _models()
    texts = document_text(docs)
    if tokens is None:
        tokens = tokenize(docs)
    doc_ids = docs["doc_id"] if isinstance(docs, pd.DataFrame) else pd.Series(np.arange(len(texts), dtype=np.int64))
    by_doc = {doc: group for doc, group in tokens.groupby("doc_id", sort=False)} if len(tokens) else {}

    rows = {c: [] for c in MENTION_COLUMNS}
    order = []
    for position, (doc_id, text) in enumerate(zip(doc_ids.tolist(), texts.tolist())):
        group = by_doc.get(doc_id)
        if group is None or not text.strip():
            continue
        stops = group["stop"].to_numpy(dtype=np.int64)
        for span in _spans(models, text):
            if span.type not in types:
                continue
            first = int(np.searchsorted(stops, span.start, side="right"))
            first = min(first, len(stops) - 1)
            rows["doc_id"].append(doc_id)
            rows["sent_id"].append(group["sent_id"].iloc[first])
            rows["token_id"].append(group["token_id"].iloc[first])
            rows["start"].append(span.start)
            rows["stop"].append(span.stop)
            rows["text"].append(_SPACES.sub(" ", span.text))
            rows["actor"].append(_SPACES.sub(" ", span.normal or span.text))
            rows["type"].append(ENTITY_TYPES[span.type])
            rows["alias"].append(span.type)
            rows["metonym"].append(False)
            rows["source_of_name"].append("discovered")
            order.append(position)

    id_dtype = doc_ids.dtype
    int_dtype = tokens["sent_id"].dtype if len(tokens) else np.int64
    frame = pd.DataFrame(
        {
            "doc_id": pd.Series(rows["doc_id"], dtype=id_dtype),
            "sent_id": np.asarray(rows["sent_id"], dtype=int_dtype),
            "token_id": np.asarray(rows["token_id"], dtype=int_dtype),
            "start": np.asarray(rows["start"], dtype=np.int64),
            "stop": np.asarray(rows["stop"], dtype=np.int64),
            **{c: pd.Series(rows[c], dtype="str") for c in ("text", "actor", "type", "alias")},
            "metonym": np.asarray(rows["metonym"], dtype=bool),
            "source_of_name": pd.Series(rows["source_of_name"], dtype="str"),
        },
        columns=MENTION_COLUMNS,
    )
    sort = np.lexsort((frame["start"].to_numpy(), np.asarray(order, dtype=np.int64)))
    return frame.take(sort).reset_index(drop=True)


def _spans(models, text: str):
    """natasha's NER spans of one text, each normalised to the nominative."""
    import natasha

    segmenter, tagger, ner, vocab = models
    doc = natasha.Doc(text)
    doc.segment(segmenter)
    doc.tag_morph(tagger)
    doc.tag_ner(ner)
    for span in doc.spans:
        span.normalize(vocab)
    return doc.spans


def _models():
    """Build natasha's segmenter, morphology tagger, NER tagger and vocabulary once."""
    global _MODELS
    if _MODELS is None:
        restore_getargspec()
        try:
            import natasha
        except ImportError as error:
            raise ImportError(INSTALL_HINT) from error
        embedding = natasha.NewsEmbedding()
        _MODELS = (
            natasha.Segmenter(),
            natasha.NewsMorphTagger(embedding),
            natasha.NewsNERTagger(embedding),
            natasha.MorphVocab(),
        )
    return _MODELS


def restore_getargspec() -> None:
    """Give ``inspect`` back ``getargspec`` (removed in Python 3.11), which natasha 1.6 needs.

    natasha imports pymorphy2, which calls it; call this before importing natasha.
    """
    if not hasattr(inspect, "getargspec"):

        def getargspec(func):
            spec = inspect.getfullargspec(func)
            return spec.args, spec.varargs, spec.varkw, spec.defaults

        inspect.getargspec = getargspec
