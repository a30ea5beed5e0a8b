"""One lemma for every form of a name: «Асия», «Асии», «Асию», «Асией» → «асия».

pymorphy3 analyses each word form alone, so a foreign or rare name can get a different lemma in
each case: «Асия/Асии/Асию» → «асий» (a male name's paradigm) but «Асией» → «асия»; «Рааба» →
«рааба» beside «Рааб» → «рааб»; «Барнье» → «барние» (a guessed neuter noun). Counting, actor
tables and concordances then split one person into several.

:func:`harmonize_names` looks at the capitalized words of a document (or of a whole table) that
are names (UPOS PROPN or X, or a capitalized noun inside a sentence) and chooses for each of them
the lemma whose paradigm explains the most *distinct forms seen*:

- every form proposes the lemmas it could be a case form of, under the noun paradigms of
  Russian names (``PARADIGMS``: hard and soft masculine, ``-а``/``-я``/``-ия`` feminine,
  ``-й``/``-ий``/``-ь``) and as an indeclinable name (the form itself);
- a lemma's *support* is the number of distinct forms proposing it;
- a form takes the proposal with the highest support when at least two distinct forms support
  it and it has more support than pymorphy3's lemma; among equals, pymorphy3's lemma, then a
  lemma seen itself as a form (the nominative «Асия»), then the form itself;
- a lemma from pymorphy3's dictionary that is not a name (a common noun or adjective, an
  abbreviation such as «Минобороны», a plurale tantum such as «Сумы») is never replaced;
- without evidence the lemma stays, except that a word pymorphy3 does not know, ending in a
  vowel of indeclinable names (``-е -и -о -у -ю -э``), whose guessed lemma no paradigm above
  gives, keeps its own form as lemma («Барнье», not the guessed «барние»).

Surname-shaped words (``-ов/-ев/-ин/-ын`` and their case forms) are left to the surname rule of
``corpus_tools.morphology``, adjectives made from names («Костанайского») and lowercase compounds
(«Вторник-воскресенье») to pymorphy3; lowercase words are never touched. A capitalized Cyrillic word that
pymorphy3 does not know (UPOS X, «Мэй») becomes PROPN.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

# nominative ending -> the endings of its case forms, singular then plural (names are seldom
# plural, but the places and organisations among capitalized nouns are: «Штаты», «Федераций»)
PARADIGMS: dict[str, tuple[str, ...]] = {
    "": ("", "а", "у", "ом", "е", "ым", "ем", "ы", "и", "ов", "ев", "ам", "ами", "ах"),
    "а": ("а", "ы", "и", "е", "у", "ой", "ою", "ам", "ами", "ах"),
    "я": ("я", "и", "е", "ю", "ей", "ею", "ь", "ям", "ями", "ях"),
    "ия": ("ия", "ии", "ию", "ией", "иею", "ий", "иям", "иями", "иях"),
    "й": ("й", "я", "ю", "ем", "е", "и", "ев", "ям", "ями", "ях"),
    "ь": ("ь", "я", "ю", "ем", "е", "и", "ью", "ей", "ям", "ями", "ях"),
    # neuter and adjectival paradigms: they propose the lemma pymorphy3 already has for
    # «Министерству», «Подмосковья», «Зеленского», so a tie keeps it
    "о": ("о", "а", "у", "ом", "е", "ам", "ами", "ах"),
    "е": ("е", "я", "ю", "ем", "и", "ям", "ями", "ях"),
    "ие": ("ие", "ия", "ию", "ием", "ии", "ий", "иям", "иями", "иях"),
    "ый": ("ый", "ого", "ому", "ым", "ом", "ые", "ых", "ыми"),
    "ий": ("ий", "ия", "ию", "ием", "ии", "иев", "иям", "иями", "иях", "ого", "его", "ому", "ему", "им", "ом", "ем", "ие", "их", "ими"),
    "ой": ("ой", "ого", "ому", "ым", "ом", "ые", "ых", "ыми"),
    "ая": ("ая", "ой", "ую", "ою"),
    "яя": ("яя", "ей", "юю", "ею"),
}
_MIN_STEM = 2
_VOWELS = "аеёиоуыэюя"
# lemmas no Russian word has: «асиь», «рааьй»
_IMPOSSIBLE = re.compile(f"[{_VOWELS}]ь$|[^{_VOWELS}]й$|[ьй][ьй]$")
# endings of names that do not decline («Барнье», «Биби», «Токио», «Шойгу»)
_INDECLINABLE = re.compile("[еиоуюэ]")
_NAME = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)*")
# adjectives made from names and places («Костанайского», «Зеленском») decline as adjectives:
# left to morphology
_ADJECTIVAL = re.compile(r".*[сц]к(?:ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их|ими)")
# left to morphology's surname rule: Токаев, Токаева, Токаевым, Захаровой, Путину
_SURNAME = re.compile(r".*(?:ов|ев|ёв|ин|ын)(?:а|у|ым|ом|е|ой|ою|ых|ыми)?")


@lru_cache(maxsize=200_000)
def proposals(form: str) -> tuple[str, ...]:
    """The lemmas a lowercase form could be a case form of (``PARADIGMS``), the form itself first.

    >>> proposals("асией")[:2]
    ('асией', 'асия')
    >>> "рааб" in proposals("рааба")
    True
    """
    found = [form]
    for nominative, endings in PARADIGMS.items():
        for ending in endings:
            if ending and form.endswith(ending) and len(form) - len(ending) >= _MIN_STEM:
                lemma = form[: len(form) - len(ending)] + nominative
                if lemma not in found and not _IMPOSSIBLE.search(lemma):
                    found.append(lemma)
    return tuple(found)


def harmonize_names(tokens: pd.DataFrame, *, within: str | None = "doc_id", yo: str = "fold") -> pd.DataFrame:
    """Return a copy of the token table in which every form of a name has one lemma.

    Parameters
    ----------
    tokens : DataFrame
        The token table of :func:`corpus_tools.tokenize` (``doc_id, sent_id, token, lemma,
        upos, is_punct``). Not modified.
    within : str or None, default "doc_id"
        The evidence: the forms seen in one document (``"doc_id"``, as :func:`tokenize` does,
        so results never depend on how a corpus is batched), within another column's groups,
        or in the whole table (None: the corpus level, for a researcher merging a corpus's
        forms after the fact).
    yo : {"fold", "keep"}, default "fold"
        As in :func:`corpus_tools.tokenize`: whether the lemmas write «ё» as «е».

    Returns
    -------
    pandas.DataFrame
        The same rows and columns; only ``lemma`` (and ``upos`` X → PROPN for unknown
        capitalized Cyrillic words) of name tokens can differ.

    Examples
    --------
    :func:`tokenize` applies the rules within each document; across documents they are applied
    here, when a name is seen in different forms in different articles:

    >>> from corpus_tools.tokens import tokenize
    >>> toks = tokenize(["Суд оправдал Асию Биби.", "Адвокат Асии Биби рад.", "С Асией Биби говорили."])
    >>> toks[toks.token.str.startswith("Ас")].lemma.tolist()
    ['асий', 'асий', 'асия']
    >>> merged = harmonize_names(toks, within=None)
    >>> merged[merged.token.str.startswith("Ас")].lemma.tolist()
    ['асия', 'асия', 'асия']
    """
    for column in ("token", "lemma", "upos", "sent_id", "is_punct"):
        if column not in tokens.columns:
            raise ValueError(f"tokens lacks column {column!r}; pass the token table of corpus_tools.tokenize()")
    if within is not None and within not in tokens.columns:
        raise ValueError(f"tokens has no column {within!r} to group the evidence by")
    result = tokens.copy()
    if tokens.empty:
        return result
    chosen = _name_rows(tokens, within)
    if not chosen.any():
        return result
    where = np.flatnonzero(chosen)
    token = tokens["token"].take(where).to_numpy(dtype=object)
    lowered = [w.lower() for w in token]
    forms = pd.Series([w.replace("ё", "е") for w in lowered] if yo == "fold" else lowered, dtype=object)
    current = pd.Series(tokens["lemma"].take(where).to_numpy(dtype=object), dtype=object)
    group = pd.factorize(tokens[within].take(where))[0] if within else np.zeros(len(forms), dtype=np.int64)
    new_lemma = choose_lemmas(group, forms, current)
    changed = new_lemma != current.to_numpy(dtype=object)
    if changed.any():
        lemma = result["lemma"].to_numpy(dtype=object).copy()
        lemma[where[changed]] = new_lemma[changed]
        result["lemma"] = pd.Series(lemma, index=result.index, dtype=tokens["lemma"].dtype)
    upos = result["upos"]
    unknown = chosen & (upos.astype(str).to_numpy() == "X")
    if unknown.any() and isinstance(upos.dtype, pd.CategoricalDtype) and "PROPN" in upos.cat.categories:
        result["upos"] = upos.mask(unknown, "PROPN")
    elif unknown.any():
        result["upos"] = upos.astype(object).mask(unknown, "PROPN").astype(upos.dtype)
    return result


def name_mask(shaped: np.ndarray, upos: np.ndarray, inside: np.ndarray) -> np.ndarray:
    """Which tokens the rules apply to: name-shaped (:func:`is_name_shaped`) and PROPN or X, or a
    noun ``inside`` its sentence (not sentence-initial: there the capital is the sentence's)."""
    return shaped & (np.isin(upos, ["PROPN", "X"]) | ((upos == "NOUN") & inside))


def harmonize_sentence(words: list[str], lemmas: list[str], upos: list[str], initial: list[bool], *, yo: str = "fold") -> tuple[list[str], list[str]]:
    """The rules of :func:`harmonize_names` on one list of words (one group): new lemmas and UPOS.

    ``initial`` marks sentence-initial words (``morphology.initial_flags``): a capitalized noun
    there is not taken for a name. Used by ``morphology.tag_words``.
    """
    shaped = np.fromiter(map(is_name_shaped, words), dtype=bool, count=len(words))
    mask = name_mask(shaped, np.asarray(upos, dtype=object), ~np.asarray(initial, dtype=bool))
    chosen = np.flatnonzero(mask).tolist()
    if not chosen:
        return lemmas, upos
    forms = pd.Series([words[i].lower().replace("ё", "е") if yo == "fold" else words[i].lower() for i in chosen], dtype=object)
    current = pd.Series([lemmas[i] for i in chosen], dtype=object)
    new = choose_lemmas(np.zeros(len(chosen), dtype=np.int64), forms, current)
    lemmas, upos = list(lemmas), list(upos)
    for i, lemma in zip(chosen, new.tolist()):
        lemmas[i] = lemma
        if upos[i] == "X":
            upos[i] = "PROPN"
    return lemmas, upos


def _name_rows(tokens: pd.DataFrame, within: str | None) -> np.ndarray:
    """Rows that are names: capitalized Cyrillic words, PROPN or X, or a noun not sentence-initial
    (``morphology.initial_flags``). The rows of a sentence must be together and in text order."""
    codes, uniques = pd.factorize(tokens["token"], use_na_sentinel=False)
    shaped = np.fromiter((is_name_shaped(str(w)) for w in uniques), dtype=bool, count=len(uniques))[codes]
    if not shaped.any():
        return shaped
    upos = tokens["upos"].astype(str).to_numpy()
    inside = np.zeros(len(tokens), dtype=bool)
    if (shaped & (upos == "NOUN")).any():
        # morphology.initial_flags over every sentence at once (the arrays of tokenize)
        from corpus_tools.tokens import _initial, _traits

        traits = np.fromiter(map(_traits, (str(w) for w in uniques)), dtype=np.int8, count=len(uniques))[codes]
        doc = pd.factorize(tokens["doc_id"])[0].astype(np.int64) if "doc_id" in tokens.columns else np.zeros(len(tokens), np.int64)
        sentence = tokens["sent_id"].to_numpy(dtype=np.int64)
        starts = np.flatnonzero(np.r_[True, (doc[1:] != doc[:-1]) | (sentence[1:] != sentence[:-1])])
        first = np.repeat(starts, np.diff(np.r_[starts, len(tokens)]))
        inside = ~_initial(traits, first)
    named = name_mask(shaped, upos, inside)
    return named


def is_name_shaped(word: str) -> bool:
    """A capitalized Cyrillic word that declines like a noun and is not surname-shaped."""
    if not _NAME.fullmatch(word):
        return False
    low = word.lower()
    return not (_SURNAME.fullmatch(low) or _ADJECTIVAL.fullmatch(low))


def choose_lemmas(group: np.ndarray, forms: pd.Series, current: pd.Series) -> np.ndarray:
    """Each row's lemma under the rules of the module docstring: ``group`` (int codes) holds the
    evidence, ``forms`` the lowercase word forms, ``current`` pymorphy3's lemmas."""
    pairs = pd.DataFrame({"group": group, "form": forms.to_numpy(), "current": current.to_numpy()})
    distinct = pairs.drop_duplicates(["group", "form", "current"]).reset_index(drop=True)
    proposed = [proposals(f) for f in distinct["form"]]
    lengths = np.fromiter(map(len, proposed), dtype=np.int64, count=len(proposed))
    row = np.repeat(np.arange(len(distinct)), lengths)
    candidates = pd.DataFrame(
        {
            "row": row,
            "group": distinct["group"].to_numpy()[row],
            "form": distinct["form"].to_numpy(dtype=object)[row],
            "lemma": [lemma for options in proposed for lemma in options],
        }
    )
    lemma = candidates["lemma"].to_numpy(dtype=object)
    candidates["identity"] = lemma == candidates["form"].to_numpy(dtype=object)
    candidates["current"] = lemma == distinct["current"].to_numpy(dtype=object)[row]
    support = candidates.drop_duplicates(["group", "form", "lemma"]).groupby(["group", "lemma"]).size().rename("support")
    seen = distinct[["group", "form"]].drop_duplicates().assign(observed=True).rename(columns={"form": "lemma"})
    candidates = candidates.join(support, on=["group", "lemma"]).merge(seen, on=["group", "lemma"], how="left", sort=False)
    candidates["observed"] = candidates["observed"].fillna(False).astype(bool)
    ranked = candidates.sort_values(
        ["row", "support", "current", "observed", "identity", "lemma"],
        ascending=[True, False, False, False, False, True],
        kind="mergesort",
    )
    best = ranked.drop_duplicates("row").set_index("row")
    current_support = candidates[candidates["current"]].groupby("row")["support"].max().reindex(best.index, fill_value=0)
    form = distinct["form"].to_numpy(dtype=object)
    current = distinct["current"].to_numpy(dtype=object)
    evidence = ((best["support"] >= 2) & (best["support"] > current_support)).to_numpy().copy()
    for i in np.flatnonzero(evidence):
        evidence[i] = not _protected(form[i], current[i])
    chosen = np.where(evidence, best["lemma"].to_numpy(dtype=object), current)
    # no evidence either way: an unknown word ending like an indeclinable name keeps its form
    produced = current_support.to_numpy() > 0
    for i in np.flatnonzero(~evidence & ~produced & (chosen != form)):
        if _INDECLINABLE.fullmatch(form[i][-1]) and not _known(form[i]):
            chosen[i] = form[i]
    distinct["lemma"] = chosen
    merged = pairs.merge(distinct, on=["group", "form", "current"], how="left", sort=False)
    return merged["lemma"].to_numpy(dtype=object)


_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox"})


@lru_cache(maxsize=100_000)
def _protected(form: str, lemma: str) -> bool:
    """pymorphy3's dictionary reads ``form`` as ``lemma`` and that reading is not a name (or is a
    plurale tantum): the lemma is the dictionary's word, not a guess about a name."""
    from corpus_tools.morphology import analyzer, fold_yo

    for parse in analyzer().parse(form):
        if fold_yo(parse.normal_form) != fold_yo(lemma) or not parse.is_known:
            continue
        grammemes = parse.tag.grammemes
        if "Pltm" in grammemes or not (grammemes & _NAME_TAGS):
            return True
    return False


@lru_cache(maxsize=100_000)
def _known(form: str) -> bool:
    """pymorphy3's dictionary has the form (its analysis is not a guess)."""
    from corpus_tools.morphology import analyzer

    return bool(analyzer().word_is_known(form))
