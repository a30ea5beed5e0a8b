"""Lemma, part of speech and Universal Dependencies UPOS for Russian word forms (pymorphy3).

One ``pymorphy3.MorphAnalyzer`` is built on first use and every distinct ``(form, proper)`` pair
is analysed once and memoised, so a corpus costs one dictionary look-up per distinct form.

Proper names
------------
pymorphy3's top parse knows nothing about context: it reads «Песков» as the plural of «песок»
and «Токаев» as the plural of «токай». A word is therefore analysed in *proper context*
(``proper=True``) when its document gives evidence that it is a name (:func:`proper_flags`:
capitalized and not sentence-initial, or the same word capitalized mid-sentence elsewhere in the
same document); ``tag_words`` and ``corpus_tools.tokens.tokenize`` decide it the same way. In
proper context:

1. a dictionary top parse that cannot be a name keeps its reading: prepositions, conjunctions,
   particles, interjections, full adjectives and participles («Из», «Тем», «Красной площади»,
   «Красноярском крае»); a singular common noun («Мужчина», «Родину») may become a place or a
   first name («Газа», «Сева») but not a surname;
2. a surname-shaped word (``-ов/-ев/-ёв/-ин/-ын`` plus an optional case ending) for which
   pymorphy3 has no ``Surn`` parse and no singular or plurale-tantum proper parse is read as a
   surname (``Жапарова`` → ``жапаров``, ``Токаев`` → ``токаев``): pos NOUN, upos PROPN;
   ``Берлин`` (Geox) and ``Нидерландов`` (Geox Pltm) are left alone;
3. otherwise the best proper parse (``Surn/Name/Patr/Geox/Orgn/Trad``; plural first names and
   surnames are ignored unless plurale tantum): surnames first for surname-shaped words
   (``Токаева`` is a guessed female name to pymorphy3), then singular, then pymorphy3's score;
4. otherwise the top parse; a noun unknown to the dictionary (``Рубио``) gets upos PROPN.

Outside proper context the top parse is used. In both, a reviewed override from
``data/lemma_overrides.csv`` (:func:`lemma_overrides`) replaces lemma and upos last; an override
to PROPN applies to capitalized tokens only.

UPOS mapping
------------
============================  ==========================================================
pymorphy3 pos / class          UPOS
============================  ==========================================================
NOUN                           NOUN; PROPN with Surn/Name/Patr/Geox/Orgn/Trad
ADJF ADJS COMP                 ADJ; DET for pronominal adjectives (Apro: этот, свой, весь);
                               PRON for «который»
VERB INFN PRTF PRTS GRND       VERB; AUX for the lemma «быть»
NUMR, NUMB, ROMN               NUM (also digit ranges such as ``11-12``)
ADVB PRED                      ADV
NPRO                           PRON
PREP                           ADP
CONJ                           CCONJ for the coordinators in ``CCONJ_LEMMAS``; ADV for
                               parenthetical words (Prnt: «возможно»); PART for «ли»;
                               else SCONJ
PRCL                           PART
INTJ                           INTJ
PNCT and UNKN made of          SYM if any character is a symbol (``$ % № € ₽ + =`` and
punctuation/symbols            emoji), else PUNCT
LATN                           PROPN if capitalized, else X
UNKN                           X
============================  ==========================================================

Lemmas are lowercase; ``yo="fold"`` writes «ё» as «е», ``yo="keep"`` keeps the dictionary's «ё».
"""

from __future__ import annotations

import csv
import html
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Literal, NamedTuple

import pandas as pd

from corpus_tools.encoding import INVISIBLE
from corpus_tools.resources import data_path

YoPolicy = Literal["fold", "keep"]

PROPER_GRAMMEMES = frozenset({"Surn", "Name", "Patr", "Geox", "Orgn", "Trad"})

# pymorphy3 POS (or token class for non-words) -> UPOS, before the refinements in `_upos`.
POS_TO_UPOS = {
    "NOUN": "NOUN",
    "ADJF": "ADJ",
    "ADJS": "ADJ",
    "COMP": "ADJ",
    "VERB": "VERB",
    "INFN": "VERB",
    "PRTF": "VERB",
    "PRTS": "VERB",
    "GRND": "VERB",
    "NUMR": "NUM",
    "NUMB": "NUM",
    "ROMN": "NUM",
    "ADVB": "ADV",
    "PRED": "ADV",
    "NPRO": "PRON",
    "PREP": "ADP",
    "CONJ": "SCONJ",
    "PRCL": "PART",
    "INTJ": "INTJ",
    "PNCT": "PUNCT",
    "LATN": "X",
    "UNKN": "X",
}

POS_TAGS = tuple(POS_TO_UPOS)
UPOS_TAGS = (
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
)  # fmt: skip

# conjunctions pymorphy3 tags CONJ that UD treats as coordinating; the other CONJ are SCONJ
CCONJ_LEMMAS = frozenset({"и", "а", "но", "или", "либо", "да", "зато", "однако", "ни", "причём", "притом"})
_VERBAL = frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"})
# adverbs that UD reads as nouns in the instrumental: "утром", "зимой"
TIME_NOUNS = frozenset({"утром", "днём", "днем", "вечером", "ночью", "зимой", "весной", "летом", "осенью"})

_SURNAME = re.compile(r"(?P<stem>[а-яё]{2,}?)(?P<suffix>ов|ев|ёв|ин|ын)(?:а|у|ым|е|ой|ы|ых|ыми|ом)?")
_NUMBER_RANGE = re.compile(r"\d+(?:[.,]\d+)?(?:[-‐‑‒–—]\d+(?:[.,]\d+)?)+")
# A capitalized word right after a token made only of these characters is not evidence of a
# name: «Вы...», : Мы..., glued "воды.Тем", links "](url) Из", "#Новости".
OPENER_CHARS = frozenset("«„“\"'([{:•·….!?)]|#>")
# Dashes and markdown emphasis are skipped when looking for the previous token: "ответ, — Песков"
# and "заявил **Песков**" are mid-sentence, "люди.** **Из" and ": — Мы" are not.
TRANSPARENT_CHARS = frozenset("—–-‒―*_~")

_ANALYZER = None
_INVISIBLE = re.compile("[" + "".join(INVISIBLE) + "]")
_CACHE: dict[tuple[str, bool], Analysis] = {}
_CACHE_LIMIT = 2_000_000
_OVERRIDES: dict[str, tuple[str, str]] | None = None
_MODEL: ContextModel | None = None
_LABELLED: dict[tuple[str, str, str], Analysis] = {}
CONTEXT_MODEL = "context_model.csv"
_POS_DTYPE = pd.CategoricalDtype(POS_TAGS)
_UPOS_DTYPE = pd.CategoricalDtype(UPOS_TAGS)
_POS_CODE = {tag: code for code, tag in enumerate(POS_TAGS)}
_UPOS_CODE = {tag: code for code, tag in enumerate(UPOS_TAGS)}
# possessive form -> the personal pronoun it is when it is not possessive
_POSSESSIVE = {"его": "он", "её": "она", "ее": "она", "их": "они"}
_NOMINAL = frozenset({"NOUN", "PROPN", "ADJ", "DET", "NUM"})
# words after «его» that do not make it possessive: «его самого», «их всех»
_NOT_HEAD = frozenset({"сам", "весь", "все", "всё", "каждый", "который"})
_MONTHS = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь")
_ORDINAL_HEADS = frozenset({"год", "г.", "гг.", "век", "в.", *_MONTHS})
_ABBREVIATIONS = frozenset({"г.", "т.", "д.", "п."})
_FEMALE_SURNAME = re.compile(r"[а-яё-]{2,}(?:ова|ева|ёва|ина|ына)")


class Analysis(NamedTuple):
    """The analysis of one word form: lemma, pymorphy3 pos, UPOS and the full pymorphy3 tag."""

    lemma: str
    pos: str
    upos: str
    tag: str


def analyzer():
    """Return the shared ``pymorphy3.MorphAnalyzer``, building it on the first call."""
    global _ANALYZER
    if _ANALYZER is None:
        import pymorphy3

        _ANALYZER = pymorphy3.MorphAnalyzer()
    return _ANALYZER


def _lexicon():
    from corpus_tools import lexicon

    return lexicon.lexicon()


def lemma_overrides() -> dict[str, tuple[str, str]]:
    """Return the reviewed overrides of ``data/lemma_overrides.csv`` as ``{form: (lemma, upos)}``."""
    global _OVERRIDES
    if _OVERRIDES is None:
        lines = data_path("lemma_overrides.csv").read_text(encoding="utf-8").splitlines()
        rows = csv.DictReader(line for line in lines if line.strip() and not line.startswith("#"))
        _OVERRIDES = {row["form"].strip(): (row["lemma"].strip(), row["upos"].strip()) for row in rows}
    return _OVERRIDES


def clear_cache() -> None:
    """Forget every memoised analysis (e.g. after editing the overrides in a session); the
    shipped table of frequent forms is checked against them again on its next use."""
    global _OVERRIDES, _MODEL
    from corpus_tools import lexicon

    lexicon.forget()
    _CACHE.clear()
    _LABELLED.clear()
    _OVERRIDES = None
    _MODEL = None


def fold_yo(text: str) -> str:
    """Return ``text`` with «ё» written as «е» (both cases)."""
    return text.replace("ё", "е").replace("Ё", "Е")


def check_yo(yo: str) -> None:
    """Raise ``ValueError`` unless ``yo`` is ``"fold"`` or ``"keep"``."""
    if yo not in ("fold", "keep"):
        raise ValueError(f"yo={yo!r} is invalid; use 'fold' (ё -> е in lemmas) or 'keep'")


def is_capitalized(word: str) -> bool:
    """Return True for «Песков», «Касым-Жомарт», «МИДа»; False for «США», «В», «песков»."""
    return word[:1].isupper() and not word.isupper()


def initial_flags(words: Sequence[str]) -> list[bool]:
    """Mark the words of one sentence whose capital letter says nothing about being a name.

    A word is *initial* when no earlier token of the sentence contains a letter (so «1. Власти»
    and «— Мы» count), or when the previous token, skipping dashes and markdown emphasis
    (``TRANSPARENT_CHARS``), is made only of ``OPENER_CHARS``: quotes, brackets, colons, bullets
    and sentence-final marks (``": — Мы"``, ``"воды.Тем"``, ``"люди.** **Из"``). A full stop
    after an initial (``"Д. Песков"``) is not an opener.

    Examples
    --------
    >>> words = ["Он", "сказал", ":", "«", "Мир", "»", "и", "Д", ".", "Песков", "—", "Лавров"]
    >>> [w for w, first in zip(words, initial_flags(words)) if first and w[0].isalpha()]
    ['Он', 'Мир']
    """
    flags = []
    seen_letter = False
    before = previous = ""
    for word in words:
        opener = bool(previous) and all(ch in OPENER_CHARS for ch in previous)
        if previous == "." and len(before) == 1 and before.isupper():
            opener = False
        flags.append(not seen_letter or opener)
        seen_letter = seen_letter or any(ch.isalpha() for ch in word)
        if not all(ch in TRANSPARENT_CHARS for ch in word):
            before, previous = previous, word
    return flags


def candidate_flags(sentences: Sequence[Sequence[str]]) -> list[list[bool | None]]:
    """First pass of :func:`proper_flags`: True, False, or None where analyses must decide.

    True for a capitalized word that is not initial (:func:`initial_flags`), or whose lowercase
    form occurs capitalized in a non-initial position anywhere in the document; None for the other
    capitalized initial words; False for the rest.
    """
    initial = [initial_flags(words) for words in sentences]
    evidence = {
        word.lower()
        for words, flags in zip(sentences, initial)
        for word, first in zip(words, flags)
        if not first and is_capitalized(word)
    }
    return [
        [
            (True if not first or word.lower() in evidence else None) if is_capitalized(word) else False
            for word, first in zip(words, flags)
        ]
        for words, flags in zip(sentences, initial)
    ]


def proper_flags(
    sentences: Sequence[Sequence[str]],
    lookup: Callable[[str, bool], Sequence[str]] | None = None,
    *,
    candidates: list[list[bool | None]] | None = None,
) -> list[list[bool]]:
    """Decide which words of one document are analysed in proper context.

    A word is in proper context when it is capitalized (:func:`is_capitalized`) and

    * it is not initial (:func:`initial_flags`), or
    * its lowercase form occurs capitalized in a non-initial position in the same document, or
    * read in proper context it is a PROPN whose lemma is the lemma of a PROPN in proper
      context elsewhere in the document («Токаев» opening a sentence, «Токаевым» later on).

    Only the document itself counts as evidence, so results never depend on batching.

    Parameters
    ----------
    sentences : sequence of sequences of str
        The tokens of each sentence of one document, in order.
    lookup : callable, optional
        ``lookup(word, proper) -> (lemma, pos, upos, ...)``; defaults to :func:`analyse`.
    candidates : list, optional
        The result of :func:`candidate_flags` for ``sentences``, if already computed.

    Returns
    -------
    list of list of bool
        One flag per token, shaped like ``sentences``.

    Examples
    --------
    >>> proper_flags([["Песков", "ответил", "Пескову"]])
    [[True, False, True]]
    >>> proper_flags([["Песков", "ответил", "."], ["Мы", "видели", "Пескова"]])
    [[True, False, False], [False, False, True]]
    >>> proper_flags([["Власти", "молчат"]])
    [[False, False]]
    """
    lookup = lookup or (lambda word, proper: analyse(word, proper=proper))
    candidates = candidate_flags(sentences) if candidates is None else candidates
    names = {
        result[0]
        for words, flags in zip(sentences, candidates)
        for word, flag in zip(words, flags)
        if flag and (result := lookup(word, True))[2] == "PROPN"
    }
    flags = []
    for words, sentence in zip(sentences, candidates):
        row = []
        for word, flag in zip(words, sentence):
            if flag is None:
                result = lookup(word, True)
                flag = result[2] == "PROPN" and result[0] in names
            row.append(flag)
        flags.append(row)
    return flags


def analyse(word: str, *, proper: bool = False, yo: YoPolicy = "fold") -> Analysis:
    """Return the lemma, pymorphy3 pos, UPOS and pymorphy3 tag of one word form.

    Parameters
    ----------
    word : str
        One token as it appears in the text (case matters for Latin words).
    proper : bool
        Analyse in proper context: prefer name readings and guess unknown surnames (see the
        module docstring). ``tag_words`` and ``tokenize`` set it from capitalization and position.
    yo : {"fold", "keep"}
        ``"fold"`` writes «ё» in the lemma as «е»; ``"keep"`` keeps it.

    Returns
    -------
    Analysis
        Named tuple ``(lemma, pos, upos, tag)``; the result is memoised per ``(word, proper)``.

    Examples
    --------
    >>> analyse("Белоусов").lemma, analyse("Белоусов", proper=True).lemma
    ('белоус', 'белоусов')
    >>> tuple(analyse("Жапарова", proper=True))[:3]
    ('жапаров', 'NOUN', 'PROPN')
    >>> tuple(analyse("партнёром"))[:3], analyse("партнёром", yo="keep").lemma
    (('партнер', 'NOUN', 'NOUN'), 'партнёр')
    """
    check_yo(yo)
    key = (word, bool(proper))
    result = _CACHE.get(key)
    if result is None:
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        result = _CACHE[key] = _analyse(word, bool(proper))
    if yo == "fold" and "ё" in result.lemma:
        return result._replace(lemma=fold_yo(result.lemma))
    return result


def analyse_many(keys: Iterable[tuple[str, bool]], *, yo: YoPolicy = "fold", lexicon: bool = True) -> list[Analysis]:
    """Analyse many ``(word, proper)`` pairs, parsing each form once for both contexts.

    Same results as ``[analyse(w, proper=p, yo=yo) for w, p in keys]``; faster for a corpus
    vocabulary because «Белоусов» and «белоусов», proper or not, share one pymorphy3 parse, and
    because frequent forms are read from the shipped table of ``corpus_tools.lexicon`` (built
    by this very function with ``lexicon=False``, and ignored when it is stale).

    Examples
    --------
    >>> [a.lemma for a in analyse_many([("Белоусов", False), ("Белоусов", True), ("белоусов", False)])]
    ['белоус', 'белоусов', 'белоус']
    """
    check_yo(yo)
    keys = [(word, bool(proper)) for word, proper in keys]
    missing = [key for key in dict.fromkeys(keys) if key not in _CACHE]
    if len(_CACHE) + len(missing) > _CACHE_LIMIT:
        _CACHE.clear()
        missing = list(dict.fromkeys(keys))
    table = _lexicon() if lexicon and missing else None
    if table is not None:
        unknown = []
        for key, found in zip(missing, table.get_many(missing)):
            if found is None:
                unknown.append(key)
            else:
                _CACHE[key] = found
        missing = unknown
    groups: dict[str, list[tuple[str, bool]]] = {}
    for key in missing:
        word = key[0]
        # one-letter capitals are also read as initials ("В." = Name), so case matters there
        groups.setdefault(word.lower() if len(word) > 1 else word, []).append(key)
    for members in groups.values():
        parses = None if _NUMBER_RANGE.fullmatch(members[0][0]) else analyzer().parse(members[0][0])
        for word, proper in members:
            _CACHE[word, proper] = _analyse(word, proper, parses)
    results = [_CACHE[key] for key in keys]  # every key is in the memo now
    if yo == "fold":
        return [r._replace(lemma=fold_yo(r.lemma)) if "ё" in r.lemma else r for r in results]
    return results


def tag_words(words: Iterable[str], *, yo: YoPolicy = "fold", context: bool = True) -> pd.DataFrame:
    """Analyse one pre-tokenized sentence; the first word is taken as sentence-initial.

    The sentence is its own document: proper context is decided by :func:`proper_flags` on it
    alone, so every word gets the same lemma, pos and upos as from
    ``corpus_tools.tokens.tokenize`` on a document made of this one sentence (and, in a longer
    document, wherever the other sentences add no evidence).

    Parameters
    ----------
    words : iterable of str
        The tokens of one sentence, punctuation included.
    yo : {"fold", "keep"}
        ``"fold"`` writes «ё» in lemmas as «е»; ``"keep"`` keeps it.
    context : bool
        Also apply :func:`in_context` (possessive «его», ordinal years, «т. д.», agreement of
        female surnames, the learned choice among readings of ambiguous function words) and the
        name rules of :mod:`corpus_tools.names` within the sentence, as ``tokenize`` does within
        a document; False gives the per-form readings alone.

    Returns
    -------
    pandas.DataFrame
        One row per word, in order, with columns ``word, lemma, pos, upos, tag`` (``pos`` and
        ``upos`` categorical).

    Examples
    --------
    >>> tag_words(["Говорит", "Песков", "."])[["word", "lemma", "upos"]]
          word    lemma   upos
    0  Говорит  говорить   VERB
    1   Песков   песков  PROPN
    2        .        .  PUNCT
    """
    check_yo(yo)
    words = list(words)
    rows = sentence_analyses(words)
    if context:
        rows = in_context(words, rows)
    lemmas = [fold_yo(r.lemma) for r in rows] if yo == "fold" else [r.lemma for r in rows]
    upos = [r.upos for r in rows]
    if context:  # one lemma for the forms of a name (corpus_tools.names), as tokenize does
        from corpus_tools.names import harmonize_sentence

        lemmas, upos = harmonize_sentence(words, lemmas, upos, initial_flags(words), yo=yo)
    return pd.DataFrame(
        {
            "word": pd.Series(words, dtype="str"),
            "lemma": pd.Series(lemmas, dtype="str"),
            "pos": pd.Categorical.from_codes([_POS_CODE[r.pos] for r in rows], dtype=_POS_DTYPE),
            "upos": pd.Categorical.from_codes([_UPOS_CODE[u] for u in upos], dtype=_UPOS_DTYPE),
            "tag": pd.Series([r.tag for r in rows], dtype="str"),
        }
    )


def sentence_analyses(words: Sequence[str]) -> list[Analysis]:
    """Per-form analyses of one sentence taken as its own document (lemmas keep «ё»).

    >>> [a.lemma for a in sentence_analyses(["Говорит", "Песков"])]
    ['говорить', 'песков']
    """
    return [analyse(lookup_form(w), proper=p, yo="keep") for w, p in zip(words, proper_flags([words])[0])]


def lookup_form(word: str) -> str:
    """The form to look up for a token: without invisible characters (soft hyphens, zero-width
    spaces and joiners), which text that did not come through ``read_corpus`` may still hold.

    >>> lookup_form("Прези\u00adдент")
    'Президент'
    """
    return _INVISIBLE.sub("", word) or word


def has_invisible(words: Iterable[str]) -> bool:
    """True if any of ``words`` holds a character :func:`lookup_form` removes (one scan for all).

    >>> has_invisible(["Прези\u00adдент", "указ"]), has_invisible(["указ"])
    (True, False)
    """
    return _INVISIBLE.search("".join(words)) is not None


def in_context(words: Sequence[str], analyses: Sequence[Analysis], *, model: ContextModel | None = None) -> list[Analysis]:
    """Revise the per-form analyses of one sentence where its context decides between readings.

    Cheap by design: one dictionary look-up per word, and work only where a rule or the model
    applies. Rules, in order:

    1. possessive «его/её/ее/их» before a noun, adjective, numeral or participle is DET with the
       form as lemma (UD), otherwise the personal pronoun («ждал её на вокзале»);
    2. a number of one to four digits before «год», «г.», «век» or a month name is an ordinal,
       ADJ («в 2010 году», «18 июня»); «г.» after a number is «год»; «т. д.» is
       «так далее»;
    3. a surname in ``-ова/-ева/-ина`` read as a man's genitive becomes a woman's nominative
       (lemma = form) after a female first name or before a feminine past verb («Мария
       Захарова», «Лаврова заявила»);
    4. forms of the learned model (:func:`context_model`, ``data/context_model.csv``) get the
       reading that a naive Bayes choice over the UPOS of the previous and next word prefers.

    Parameters
    ----------
    words : sequence of str
        The tokens of one sentence.
    analyses : sequence of Analysis
        Their per-form analyses (:func:`analyse` / :func:`analyse_many` with the proper flags of
        :func:`proper_flags`), lemmas with «ё» (``yo="keep"``).
    model : ContextModel, optional
        A model other than the bundled one (benchmarks use it for cross-validation).

    Returns
    -------
    list of Analysis
        One per word; unchanged entries are the same objects as in ``analyses``.

    Examples
    --------
    >>> words = ["Его", "брат", "видел", "его", "в", "2010", "году", "."]
    >>> [(a.lemma, a.upos) for a in in_context(words, [analyse(w) for w in words])][:6]
    [('его', 'DET'), ('брат', 'NOUN'), ('видеть', 'VERB'), ('он', 'PRON'), ('в', 'ADP'), ('2010', 'ADJ')]
    """
    model = context_model() if model is None else model
    out = list(analyses)
    n = len(words)
    lowered = [w.lower() for w in words]
    for i, low in enumerate(lowered):
        if may_revise(low, analyses[i], model):
            chosen = revise(
                lowered[i - 1] if i else "", low, lowered[i + 1] if i + 1 < n else "",
                analyses[i - 1] if i else None, analyses[i], analyses[i + 1] if i + 1 < n else None, model,
            )  # fmt: skip
            if chosen is not None:
                out[i] = chosen
    return out


def may_revise(low: str, analysis: Analysis, model: ContextModel) -> bool:
    """Whether any rule of :func:`in_context` can apply to a word, whatever its neighbours.

    ``low`` is the lowercased token. False means :func:`revise` returns None for this word in
    every context, so a caller can skip it (``tokenize`` tests this once per distinct word).
    """
    return revision_kind(low, analysis, model) != NO_REVISION


NO_REVISION, BY_NEIGHBOURS_UPOS, BY_NEIGHBOURS = 0, 1, 2


def revision_kind(low: str, analysis: Analysis, model: ContextModel) -> int:
    """What :func:`revise` of a word depends on: ``NO_REVISION`` (it always returns None),
    ``BY_NEIGHBOURS_UPOS`` (only the learned model applies, so only the UPOS of the previous and
    next word count, BOS/EOS at the edges) or ``BY_NEIGHBOURS`` (a rule reads more of them)."""
    if low in _POSSESSIVE or low in _ABBREVIATIONS:
        return BY_NEIGHBOURS
    if analysis.pos == "NUMB" and low.isdigit() and len(low) <= 4:
        return BY_NEIGHBOURS
    if analysis.upos == "PROPN":
        tag = analysis.tag
        female = "masc" in tag and "gent" in tag and "Surn" in tag and _FEMALE_SURNAME.fullmatch(low) is not None
        return BY_NEIGHBOURS if female else NO_REVISION
    return BY_NEIGHBOURS_UPOS if low in model.forms else NO_REVISION


def revise(
    before: str, low: str, follow: str, previous: Analysis | None, a: Analysis, after: Analysis | None, model: ContextModel
) -> Analysis | None:
    """The reading :func:`in_context` gives one word, or None to keep ``a``.

    ``before``/``follow`` are the lowercased neighbouring tokens ("" at the sentence's edges),
    ``previous``/``after`` their per-form analyses (None at the edges). Only the word and its
    two neighbours count, so the rules can be applied to any subset of positions.
    """
    if low in _POSSESSIVE:
        if after is not None and (after.upos in _NOMINAL or after.pos == "PRTF") and after.lemma not in _NOT_HEAD:
            return Analysis(low, "ADJF", "DET", "ADJF,Apro,Fixd")
        if a.upos == "DET":
            return Analysis(_POSSESSIVE[low], "NPRO", "PRON", "NPRO,3per,Anph")
    elif a.pos == "NUMB" and low.isdigit() and len(low) <= 4:
        if after is not None and fold_yo(after.lemma) in _ORDINAL_HEADS:
            return a._replace(upos="ADJ")
    elif low in _ABBREVIATIONS:
        if low == "г." and before.isdigit():
            return Analysis("год", "NOUN", "NOUN", "NOUN,inan,masc")
        if low == "т." and follow == "д.":
            return Analysis("так", "ADVB", "ADV", "ADVB")
        if low == "д." and before == "т.":
            return Analysis("далее", "ADVB", "ADV", "ADVB")
    elif a.upos == "PROPN" and "masc" in a.tag and "gent" in a.tag and "Surn" in a.tag and _FEMALE_SURNAME.fullmatch(low):
        female_name = previous is not None and "Name" in previous.tag and "femn" in previous.tag
        # only past verbs and short forms have gender: "Лаврова заявила", "Лаврова готова"
        female_verb = after is not None and after.pos in ("VERB", "PRTS", "ADJS") and "femn" in after.tag
        if female_name or female_verb:
            return Analysis(low, "NOUN", "PROPN", "NOUN,anim,femn,Surn sing,nomn")
    elif low in model.forms and a.upos != "PROPN":
        choice = model.choose(low, previous.upos if previous is not None else "BOS", after.upos if after is not None else "EOS")
        if choice is not None and (choice[0], choice[1]) != (a.lemma, a.upos):
            return _labelled(low, choice[0], choice[1], a)
    return None


class ContextModel:
    """Counts of readings (lemma, UPOS) of ambiguous forms and of the UPOS of their neighbours.

    ``choose(form, previous, following)`` returns the ``(lemma, upos)`` that maximises
    ``log P(reading | form) + log P(previous | reading) + log P(following | reading)`` with
    add-half smoothing (naive Bayes), or None for a form the model does not know.
    """

    def __init__(self, rows: Iterable[tuple[str, str, str, str, str, float]] = ()):
        self.labels: dict[str, dict[tuple[str, str], float]] = {}
        self.features: dict[tuple[str, str, str, str, str], float] = {}
        for form, lemma, upos, feature, value, count in rows:
            if feature == "label":
                self.labels.setdefault(form, {})[lemma, upos] = float(count)
            else:
                self.features[form, lemma, upos, feature, value] = float(count)
        self.forms = frozenset(self.labels)
        self._memo: dict[tuple[str, str, str], tuple[str, str] | None] = {}

    def choose(self, form: str, previous: str, following: str) -> tuple[str, str] | None:
        key = (form, previous, following)
        if key in self._memo:
            return self._memo[key]
        labels = self.labels.get(form)
        best = None
        if labels:
            total = sum(labels.values())
            size = len(UPOS_TAGS) + 2  # UPOS plus the sentence boundaries BOS/EOS
            scores = []
            for (lemma, upos), count in labels.items():
                score = math.log(count / total)
                for feature, value in (("prev", previous), ("next", following)):
                    seen = self.features.get((form, lemma, upos, feature, value), 0)
                    score += math.log((seen + 0.5) / (count + 0.5 * size))
                scores.append((score, count, lemma, upos))
            _, _, lemma, upos = max(scores)
            best = (lemma, upos)
        self._memo[key] = best
        return best


def context_model() -> ContextModel:
    """Return the bundled model of :func:`in_context` (``data/context_model.csv``), read once.

    The file is written by ``benchmarks/train_context.py`` from the dev portions of the gold
    treebanks (see that script for the cross-validated scores); a missing file means no model.
    """
    global _MODEL
    if _MODEL is None:
        try:
            lines = data_path(CONTEXT_MODEL).read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            lines = []
        rows = csv.reader(line for line in lines if line.strip() and not line.startswith("#"))
        next(rows, None)  # header
        _MODEL = ContextModel(rows)
    return _MODEL


def _labelled(form: str, lemma: str, upos: str, current: Analysis) -> Analysis:
    """An Analysis for a learned reading, with the pos and tag of the pymorphy3 parse that gives it."""
    key = (form, lemma, upos)
    result = _LABELLED.get(key)
    if result is None:
        result = Analysis(lemma, current.pos, upos, current.tag)
        for parse in analyzer().parse(form):
            pos = str(parse.tag.POS or str(parse.tag).split(",")[0].split(" ")[0])
            if fold_yo(_lemma(form, pos, parse)) == fold_yo(lemma) and _upos(form, pos, parse.tag, lemma) == upos:
                result = Analysis(lemma, pos, upos, str(parse.tag))
                break
        _LABELLED[key] = result
    return result


def _analyse(word: str, proper: bool, parses=None) -> Analysis:
    """Analyse ``word`` without the cache (``parses``: pymorphy3's parses, if already known)."""
    if _NUMBER_RANGE.fullmatch(word):  # "11-12", "2020—2025": pymorphy3 says UNKN
        return _with_override(word, Analysis(word, "NUMB", "NUM", "NUMB,intg"))
    if parses is None:
        parses = analyzer().parse(word)
    parse = _choose(word, parses) if proper else parses[0]
    if parse is None:  # a surname pymorphy3 does not know
        match = _SURNAME.fullmatch(word.lower())
        lemma = match["stem"] + match["suffix"]
        if match["suffix"] in ("ов", "ев", "ёв", "ин", "ын") and word.lower().endswith("ой"):
            # "Жапаровой" can only be a woman's surname, which keeps its feminine form
            return _with_override(word, Analysis(lemma + "а", "NOUN", "PROPN", "NOUN,anim,femn,Surn"))
        return _with_override(word, Analysis(lemma, "NOUN", "PROPN", "NOUN,anim,Surn"))
    if word.lower() in TIME_NOUNS:  # "утром", "зимой": UD reads them as nouns in the instrumental
        parse = next((p for p in parses if p.tag.POS == "NOUN"), parse)
    pos = str(parse.tag.POS or str(parse.tag).split(",")[0].split(" ")[0])
    lemma = _lemma(word, pos, parse)
    upos = _upos(word, pos, parse.tag, lemma)
    if proper and upos == "NOUN" and "-" not in word and not any(_in_dictionary(p) for p in parses):
        upos = "PROPN"  # "Рубио": a capitalized noun the dictionary does not know
    return _with_override(word, Analysis(lemma, pos, upos, str(parse.tag)))


def _lemma(word: str, pos: str, parse) -> str:
    """The lemma of one parse, after the UD conventions of the module docstring."""
    if pos == "PREP" and word.isalpha():
        return word.lower()  # "во", "со", "обо" are their own lemmas
    grammemes = parse.tag.grammemes
    if pos == "ADJF" and "Supr" in grammemes:
        return _superlative(word.lower(), parse)
    if "femn" in grammemes and grammemes & {"Surn", "Patr"}:
        # "Захаровой" -> "захарова", "Алексеевной" -> "алексеевна", not the masculine form
        nominative = parse.inflect({"nomn", "sing", "femn"})
        if nominative is not None:
            return nominative.word
    return parse.normal_form


def _with_override(word: str, result: Analysis) -> Analysis:
    override = lemma_overrides().get(word.lower())
    if override is None:
        return result
    lemma, upos = override
    if upos == "PROPN" and not word[:1].isupper():  # "песков" in lower case is still sand
        return result
    return result._replace(lemma=lemma, upos=upos)


def _choose(word: str, parses):
    """Pick the parse of a word in proper context; None means "guess a surname"."""
    top = parses[0]
    keep = _protection(top)
    if keep == "all":
        return top
    proper = [p for p in parses if p.tag.grammemes & PROPER_GRAMMEMES]
    if keep == "surname":  # "Мужчина", "Родину" are not the surnames Мужчин, Родин
        proper = [p for p in proper if "Surn" not in p.tag.grammemes]
    surname_shaped = _SURNAME.fullmatch(word.lower()) is not None
    if surname_shaped and keep is None:
        has_surn = any("Surn" in p.tag.grammemes for p in proper)
        # "Берлин" (Geox sing) and "Нидерландов" (Geox Pltm) are not surnames
        has_name = any(p.tag.number == "sing" or "Pltm" in p.tag.grammemes for p in proper)
        if not has_surn and not has_name:
            return None
    # a first name or surname in the plural ("Юн" as genitive plural of "Юна") is rarely meant
    proper = [p for p in proper if p.tag.number != "plur" or "Pltm" in p.tag.grammemes]
    if not proper:
        return top

    def rank(p):
        surn = surname_shaped and "Surn" in p.tag.grammemes
        return (surn, p.tag.number != "plur", p.score)

    return max(proper, key=rank)


def _protection(top) -> str | None:
    """How far a dictionary top parse resists name readings in proper context.

    ``"all"``: closed-class words and full adjectives or participles («Из», «Тем», «Красной
    площади», «Красноярском крае») keep the top parse. ``"surname"``: a singular common noun
    («Мужчина», «Родину») may become a place or first name («Газа») but not a surname.
    """
    if not _in_dictionary(top):
        return None
    pos = top.tag.POS
    if pos in ("PREP", "CONJ", "PRCL", "INTJ", "PRTF") or (pos == "ADJF" and "Apro" not in top.tag.grammemes):
        return "all"
    if pos == "NOUN" and top.tag.number == "sing" and not top.tag.grammemes & PROPER_GRAMMEMES:
        return "surname"
    return None


def _in_dictionary(parse) -> bool:
    """True for a parse read from the dictionary, not guessed from a prefix or suffix."""
    stack = parse.methods_stack
    return len(stack) == 1 and type(stack[0][0]).__name__ == "DictionaryAnalyzer"


def parse_upos(word: str, parse) -> str:
    """Return the UPOS of one pymorphy3 parse of ``word`` by the table of the module docstring.

    No context and no overrides: the mapping alone (benchmarks use it for a context-free baseline).

    Examples
    --------
    >>> parse_upos("этот", analyzer().parse("этот")[0])
    'DET'
    """
    pos = str(parse.tag.POS or str(parse.tag).split(",")[0].split(" ")[0])
    return _upos(word, pos, parse.tag, parse.normal_form)


def _superlative(word: str, parse) -> str:
    """A superlative is its own lemma in UD: «лучших» -> «лучший», not «хороший»."""
    wanted = {"Supr", "masc", "sing", "nomn"}
    forms = [f.word for f in parse.lexeme if wanted <= f.tag.grammemes]

    def shared(form: str) -> int:
        return next((k for k, (a, b) in enumerate(zip(form, word)) if a != b), min(len(form), len(word)))

    return max(forms, key=lambda f: (shared(f), -len(f)), default=parse.normal_form)


def _upos(word: str, pos: str, tag, lemma: str) -> str:
    grammemes = tag.grammemes
    if pos == "NOUN":
        return "PROPN" if grammemes & PROPER_GRAMMEMES else "NOUN"
    if pos in ("ADJF", "ADJS") and "Apro" in grammemes:
        if lemma == "один":  # UD Russian: «один» is a numeral
            return "NUM"
        return "PRON" if lemma == "который" else "DET"
    if pos in _VERBAL:
        return "AUX" if lemma == "быть" else "VERB"
    if pos == "CONJ":
        if lemma in CCONJ_LEMMAS:
            return "CCONJ"
        if lemma == "ли":
            return "PART"
        return "ADV" if "Prnt" in grammemes else "SCONJ"
    if pos in ("PNCT", "UNKN"):
        shown = html.unescape(word) if "&" in word else word  # "&#39;&#39;" is an escaped quote
        if _is_punctuation(shown):
            return "SYM" if any(_is_symbol(ch) for ch in shown) else "PUNCT"
    if pos == "LATN":
        return "PROPN" if word[:1].isupper() else "X"
    return POS_TO_UPOS.get(pos, "X")


def _is_punctuation(word: str) -> bool:
    """True for punctuation and symbols, emoji sequences included ("❗️" carries a variation selector)."""
    categories = [unicodedata.category(ch) for ch in word]
    return any(c[0] in "PS" for c in categories) and all(c[0] in "PSM" or c == "Cf" for c in categories)


def _is_symbol(ch: str) -> bool:
    # "%" is Po and "№" is So in Unicode; UD tags both SYM; "``" is an opening quote
    if ch == "`":
        return False
    return unicodedata.category(ch).startswith("S") or ch in "%‰‱#@&§"
