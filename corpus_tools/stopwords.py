"""The stop-word policy: which tokens are left out of frequency, keyness and co-occurrence tables.

A token is a stop word when

* its UPOS is a function class, ``STOP_UPOS`` = ADP, CCONJ, SCONJ, PART, PRON, DET, AUX, INTJ,
  PUNCT, SYM, NUM; or
* its lemma is in ``data/stopwords_ru.txt``: function-like words that pymorphy3 tags as content
  classes (быть, это, весь, который, свой, также, ещё, уже, ...);

unless its lemma is in ``data/stopwords_keep_ru.txt``: framing, evaluative and stance words that
are never stop words, whatever their part of speech (мир, против, важный, возможно, заявить,
вопреки, якобы, нельзя, ...). Lemmas are compared with «ё» folded to «е», so the policy gives
the same answer for ``yo="fold"`` and ``yo="keep"`` lemmas.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import numpy as np
import pandas as pd

from corpus_tools.resources import read_word_list

STOP_UPOS = frozenset({"ADP", "CCONJ", "SCONJ", "PART", "PRON", "DET", "AUX", "INTJ", "PUNCT", "SYM", "NUM"})


@cache
def stop_lemmas() -> frozenset[str]:
    """Return the lemmas of ``data/stopwords_ru.txt`` (ё folded to е), read once."""
    return frozenset(_fold(w.lower()) for w in read_word_list("stopwords_ru.txt"))


@cache
def keep_lemmas() -> frozenset[str]:
    """Return the never-stop lemmas of ``data/stopwords_keep_ru.txt`` (ё folded to е), read once."""
    return frozenset(_fold(w.lower()) for w in read_word_list("stopwords_keep_ru.txt"))


def is_stopword(lemma: str, upos: str) -> bool:
    """Return True when a token with this lemma and UPOS is a stop word under the policy above.

    Examples
    --------
    >>> is_stopword("и", "CCONJ"), is_stopword("уже", "ADV"), is_stopword("против", "ADP")
    (True, True, False)
    """
    lemma = _fold(lemma)
    if lemma in keep_lemmas():
        return False
    return upos in STOP_UPOS or lemma in stop_lemmas()


def stopword_mask(lemmas: Iterable[str], upos: Iterable[str]) -> np.ndarray:
    """Return a boolean array: is each (lemma, upos) pair a stop word? Vectorised :func:`is_stopword`.

    Parameters
    ----------
    lemmas, upos : array-like of str
        Lemmas and UPOS tags of the same tokens, in the same order (e.g. two columns of the
        table returned by ``corpus_tools.tokens.tokenize``).

    Returns
    -------
    numpy.ndarray of bool
        One value per token.

    Examples
    --------
    >>> stopword_mask(["мир", "во", "весь", "мир"], ["NOUN", "ADP", "DET", "NOUN"])
    array([False,  True,  True, False])
    """
    lemmas = pd.Series(lemmas, dtype=object).astype(str).str.replace("ё", "е", regex=False)
    upos = pd.Series(upos, dtype=object).astype(str)
    if len(lemmas) != len(upos):
        raise ValueError(f"lemmas and upos must have the same length; got {len(lemmas)} and {len(upos)}")
    stop = upos.isin(STOP_UPOS).to_numpy() | lemmas.isin(stop_lemmas()).to_numpy()
    return stop & ~lemmas.isin(keep_lemmas()).to_numpy()


def _fold(text: str) -> str:
    return text.replace("ё", "е")
