"""Proper names found in a token table: persons, organisations and places, in the nominative.

:func:`discover_names` is the rule that :func:`corpus_tools.find_actors` uses by default to find
actors that no dictionary lists. It reads only the token table (capitalization, lemma, UPOS) and
pymorphy3's parses of each distinct capitalized form, so it costs a few dictionary look-ups per
distinct word, not a model run per token.

Rules
-----
- A *name word* is a capitalized word that is not sentence-initial, or, when sentence-initial, one
  that pymorphy3 can read as a name (``Name/Surn/Patr/Geox/Orgn``) or does not know. Function words
  and adjectives never are (an adjective may only open a place or organisation: «Северной Кореи»).
- Adjacent name words of one sentence form a run; a run is split where a known place or
  organisation meets a person word («России Владимир Путин» → «России» | «Владимир Путин»).
  Initials («В. Путин», «М.Тлеуберди») and the particles of foreign names («фон дер», «де», «бин»)
  stay inside a run.
- Each part becomes a **person** (two to four person words; or one word that is a surname: a
  ``Surn`` parse or the shape ``-ов/-ев/-ин``), a **place** (a ``Geox`` word, with its adjectives),
  or an **organisation** (an abbreviation in capitals, an ``Orgn`` word, two or more capitalized
  common nouns: «Совет Федерации»). Whether a lone person word («Мэй», «Биби», «Глеб») is kept,
  and for whom, is decided by :mod:`corpus_tools.discovery`.

Nominative names
----------------
Every word of a person name gets the nominative of the paradigm that explains most of the forms
the corpus shows (:func:`name_nominative`): «Асии» → «Асия» when «Асия», «Асию», «Асией» occur,
«Терезы» → «Тереза», «Путиным» → «Путин»; an indeclinable name («Мэй», «Биби», «Барнье») stays
as it is. A first name decides the gender of the surname («Анны Петровой» → «Анна Петрова»).
Places and organisations take pymorphy3's nominative of the head noun, adjectives agreeing
(«Северной Кореи» → «Северная Корея»); abbreviations stay as written.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

import numpy as np

from corpus_tools import morphology

# word classes of a capitalized token
PERSON, PLACE, ORG, ADJ, COMMON, NONE = "P", "G", "O", "A", "C", ""
_FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "ADVB", "INTJ", "NUMR", "PRED", "VERB", "INFN", "GRND", "PRTS", "COMP"})
_ADJ_POS = frozenset({"ADJF", "PRTF", "ADJS"})
_PARTICLES = frozenset({"фон", "дер", "де", "ван", "ла", "ле", "дель", "ди", "да", "бин", "бен", "ибн", "аль", "эль", "оглы", "кызы"})
_WORD = re.compile(r"[A-ZА-ЯЁ][a-zа-яё]*(?:-[A-ZА-ЯЁa-zа-яё][a-zа-яё]*)*")
_ABBREVIATION = re.compile(r"[A-ZА-ЯЁ]{2,8}")
_LATIN = re.compile(r"[A-Za-z]")
_ROMAN = re.compile(r"[IVXLC]+")
# abbreviations of common nouns, not of a named organisation
COMMON_ABBREVIATIONS = frozenset({
    "СМИ", "ДТП", "ВВП", "ЧП", "НКО", "ИИ", "ПО", "ЖКХ", "ТВ", "ОК", "ЧС", "ИТ", "АЭС", "ГЭС", "ТЭЦ", "ВУЗ", "ВУЗы",
    "ЕГЭ", "ОГЭ", "НДС", "ИП", "ООО", "ОАО", "ЗАО", "ПАО", "АО", "ГУП", "МУП", "СИЗО", "ИК", "ПМЖ", "ОМС",
    "ДНК", "РНК", "ВИЧ", "СПИД", "ОРВИ", "ПЦР", "ЭКГ", "МРТ", "КТ",
})  # fmt: skip
_SURNAME_SHAPE = re.compile(r"[а-я-]{3,}(?:ов|ев|ин|ын|ова|ева|ина|ына|ский|ская|цкий|цкая|енко|ук|юк|швили|дзе|ян|янц)")
_VELAR = frozenset("гкхжшчщ")
_VOWELS = frozenset("аеиоуыэюяё")
_FIXED_ENDINGS = frozenset("иоуэеюы")

# paradigms of names: (class, gender, nominative ending, oblique endings incl. the nominative)
_PARADIGMS = (
    ("cons", "masc", "", ("", "а", "у", "ом", "е", "ым", "ыми")),
    ("hush", "masc", "", ("", "а", "у", "ем", "е")),  # «Януковичем», «Шольцем»
    ("j", "masc", "й", ("й", "я", "ю", "ем", "е")),
    ("ij", "masc", "ий", ("ий", "ия", "ию", "ием", "ии")),
    ("soft", "masc", "ь", ("ь", "я", "ю", "ем", "е")),
    ("a", "", "а", ("а", "ы", "и", "е", "у", "ой", "ою")),  # «Обама», «Никита»: not only women
    ("ja", "femn", "я", ("я", "и", "е", "ю", "ей", "ею")),
    ("ija", "femn", "ия", ("ия", "ии", "ию", "ией")),
    ("ova", "femn", "а", ("а", "ой", "у")),
    ("skij", "masc", "ий", ("ий", "ого", "ому", "им", "ом")),
    ("skaja", "femn", "ая", ("ая", "ой", "ую")),
)
_PARADIGM_WHEN = {
    "hush": lambda stem: stem[-1:] in "жшчщц",
    "cons": lambda stem: stem[-1:] not in _VOWELS and stem[-1:] not in ("й", "ь") and not stem.endswith(("ск", "цк")),
    "j": lambda stem: stem[-1:] in _VOWELS and stem[-1:] != "и",
    "ij": lambda stem: not stem.endswith(("ск", "цк")),
    "soft": lambda stem: stem[-1:] not in _VOWELS,
    "a": lambda stem: stem[-1:] not in _VOWELS,
    "ja": lambda stem: stem[-1:] not in _VOWELS and stem[-1:] != "и",
    "ija": lambda stem: True,
    "ova": lambda stem: stem.endswith(("ов", "ев", "ин", "ын")),
    "skij": lambda stem: stem.endswith(("ск", "цк")),
    "skaja": lambda stem: stem.endswith(("ск", "цк")),
}


class Name(NamedTuple):
    """A proper name found in the token table: tokens ``first`` to ``last`` (inclusive)."""

    first: int
    last: int
    kind: str  # "person", "place" or "organisation"
    words: tuple[str, ...]  # the name words as written (initials left out), for person_name() and the like


class FormInfo(NamedTuple):
    """What pymorphy3 says about a capitalized form (lowercase, ё folded)."""

    cls: str  # PERSON, PLACE, ORG, ADJ, COMMON or NONE, read out of context
    proper: bool  # some parse is a name, place or organisation
    name_gender: str  # gender of a first-name parse ("masc", "femn" or "")
    surname: bool  # a Surn parse, or a surname shape
    initial_ok: bool  # may be a name even at the start of a sentence
    first_name: bool  # pymorphy3's best parse is a first name it knows («Мишель», «Глебом»)


@functools.lru_cache(maxsize=200_000)
def form_info(low: str) -> FormInfo:
    """Classify a lowercase, ё-folded capitalized word by its pymorphy3 parses."""
    parses = morphology.analyzer().parse(low)
    top = parses[0]
    top_pos = str(top.tag.POS)
    grams = [p.tag.grammemes for p in parses]
    known = any(p.is_known for p in parses)
    name = [p for p, g in zip(parses, grams) if "Name" in g]
    surn = any("Surn" in g for g in grams) or bool(_SURNAME_SHAPE.fullmatch(low))
    patr = any("Patr" in g for g in grams)
    geox = [p for p, g in zip(parses, grams) if "Geox" in g and p.is_known]
    orgn = any("Orgn" in g for g in grams)
    person = bool(name) or surn or patr
    proper = person or bool(geox) or orgn
    name_gender = ""
    if name:
        genders = {str(p.tag.gender) for p in name}
        name_gender = genders.pop() if len(genders) == 1 else ""
    if top_pos in _FUNCTION_POS and (not proper or top.is_known and top.score >= 0.5):
        cls = NONE  # «По словам»: Edgar Poe is not the usual reading
    elif top_pos in _ADJ_POS and top.is_known:
        cls = ADJ  # «Михайловский» is a surname only next to a first name; «Бенедучи» is no adjective
    elif geox and (not person or geox[0].score >= max(p.score for p in parses if p.tag.grammemes & morphology.PROPER_GRAMMEMES)):
        cls = PLACE
    elif orgn and not person:
        cls = ORG
    elif person or not known:
        cls = PERSON
    elif top_pos == "NOUN":
        cls = COMMON
    else:
        cls = NONE
    first_name = top.is_known and "Name" in top.tag and not top.tag.grammemes & {"Geox", "Orgn"}
    return FormInfo(cls, proper, name_gender, surn, proper or not known, first_name)


def _candidates(low: str) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """Nominatives ``(nominative, gender, paradigm class, paradigm forms)`` that could produce ``low``."""
    out = [(low, "", "fixed", (low,))]
    for cls, gender, nominative_ending, endings in _PARADIGMS:
        for ending in endings:
            if ending and not low.endswith(ending):
                continue
            stem = low[: len(low) - len(ending)] if ending else low
            if len(stem) < 2 or stem[-1] in "ьъй" or not _PARADIGM_WHEN[cls](stem):
                continue
            if cls == "a" and ending == "ы" and stem[-1:] in _VELAR:
                continue  # «Ольгы» is not a form; «Ольги» is
            if cls == "a" and ending == "и" and stem[-1:] not in _VELAR:
                continue
            nominative = stem + nominative_ending
            forms = tuple(stem + e for e in endings)
            # «Свиридову» read as «Свиридова» is a woman
            out.append((nominative, "femn" if cls == "a" and stem.endswith(("ов", "ев", "ин", "ын")) else gender, cls, forms))
    return out


@functools.lru_cache(maxsize=200_000)
def _dictionary_nominatives(low: str) -> dict[str, float]:
    """Nominatives pymorphy3 gives a form as a name or animate noun, with a weight.

    The oblique parses of a nominative («Кушнера» → «Кушнер») weigh their summed pymorphy3 score (at
    most 1), nominative readings of the form itself 0.4 times theirs; a predicted parse (a word
    pymorphy3 does not know) a quarter of that. Name, surname and patronymic parses are used when
    there are any, else animate nouns.
    """
    parses = morphology.analyzer().parse(low)
    # plural readings of names («Симон», the genitive plural of «Симона») are noise
    parses = [p for p in parses if p.tag.number != "plur"]
    proper = [p for p in parses if p.tag.grammemes & {"Name", "Surn", "Patr"}]
    # «Ангела» is the first name, not the angel; without a name parse, an animate noun will do
    chosen = proper or [p for p in parses if p.tag.POS == "NOUN" and "anim" in p.tag]
    oblique: dict[str, float] = {}
    nominal: dict[str, float] = {}
    known: dict[str, bool] = {}
    for p in chosen:
        form = p.inflect({"nomn", "sing"}) or p.inflect({"nomn"})
        if form is None:
            continue
        nominative = morphology.fold_yo(form.word)
        target = nominal if "nomn" in p.tag else oblique
        target[nominative] = target.get(nominative, 0.0) + p.score
        known[nominative] = known.get(nominative, False) or p.is_known
    # the parse scores share the weight: «Виктории» is mostly Виктория, hardly Викторий
    return {
        nominative: (min(1.0, oblique.get(nominative, 0.0)) + 0.4 * min(1.0, nominal.get(nominative, 0.0))) * (1.0 if known[nominative] else 0.25)
        for nominative in known
    }


def name_nominative(low: str, observed: frozenset, *, gender: str = "", case: str = "") -> tuple[str, str]:
    """Return the nominative of one name word and its gender ("masc", "femn" or "").

    The candidates are the nominatives of the name paradigms that could produce ``low`` (and
    ``low`` itself, indeclinable). Each scores the number of its forms found in ``observed`` (a
    set of lowercase forms seen capitalized in the corpus); one more when its nominative was seen
    (half when that is ``low`` itself and another form was seen too), one less when three or more of its forms were seen but
    never the nominative; pymorphy3's reading as a name (:func:`_dictionary_nominatives`); minus
    two when its gender is not ``gender`` (the gender of the first name); one more when it agrees
    with ``case`` ("nom": the first name is in the nominative, so is ``low``; "obl": it is not).
    The indeclinable
    reading scores its one form, 0.3 more when ``low`` ends in a vowel that does not decline
    (и о у э е ю ы). Ties go to the earlier paradigm, the indeclinable reading last.

    Examples
    --------
    >>> name_nominative("асии", frozenset({"асия", "асии", "асию"}))
    ('асия', 'femn')
    >>> name_nominative("мэй", frozenset({"мэй"}))[0]
    'мэй'
    >>> name_nominative("путиным", frozenset({"путин", "путина", "путину"}))
    ('путин', 'masc')
    >>> name_nominative("кушнера", frozenset({"кушнера"}))
    ('кушнер', 'masc')
    """
    dictionary = _dictionary_nominatives(low)
    best = None
    candidates = _candidates(low)
    # pymorphy3's own nominatives of a name it knows («Толстого» → «Толстой»)
    listed = {c[0] for c in candidates}
    candidates += [(n, "", "dictionary", (low, n)) for n, weight in sorted(dictionary.items()) if n not in listed and weight >= 0.4]
    for rank, (nominative, cand_gender, cls, forms) in enumerate([*candidates[1:], candidates[0]]):
        seen = sum(1 for f in set(forms) if f in observed)
        score = float(seen)
        if cls == "fixed":
            # «Рубио», «Мэй», «Пелоси» do not decline; «Кушнера», «Обамой» do
            score += 0.3 if low[-1] in _FIXED_ENDINGS else 0.0
        elif nominative != low and nominative in observed:
            score += 1.0
        elif nominative == low and seen >= 2:
            score += 0.5
        elif seen >= 3:
            score -= 1.0
        score += dictionary.get(nominative, 0.0)
        if gender and cand_gender and cand_gender != gender:
            score -= 2.0
        elif gender == "masc" and cls == "a":
            score -= 0.3  # a man's surname in -а («Обама») needs some evidence
        # the words of one name share their case: «Юрию Мильнеру», «Эрик Пула»
        if case == "nom" and nominative == low or case == "obl" and nominative != low:
            score += 1.0
        key = (score, -rank)
        if best is None or key > best[0]:
            best = (key, nominative, cand_gender)
    return best[1], best[2]


def _capitalize_like(word: str, written: str) -> str:
    """``word`` (lowercase) with the capitals of ``written``: «нью-йорк», «Нью-Йорке» → «Нью-Йорк»."""
    if written.isupper() and len(written) > 1:
        return word.upper()
    parts = word.split("-")
    shown = written.split("-")
    return "-".join(p[:1].upper() + p[1:] if i >= len(shown) or shown[i][:1].isupper() else p for i, p in enumerate(parts))


def _place_nominative(words: tuple[str, ...]) -> str:
    """Nominative of a place or organisation name: the head noun's lemma, adjectives agreeing."""
    analyzer = morphology.analyzer()
    head_word = words[-1]
    lows = [morphology.fold_yo(w.lower()) for w in words]
    if _ABBREVIATION.fullmatch(head_word) or _LATIN.search(head_word):
        return " ".join(words)
    heads = [p for p in analyzer.parse(lows[-1]) if p.tag.grammemes & {"Geox", "Orgn"}] or analyzer.parse(lows[-1])
    head = heads[0]
    nominative = head.inflect({"nomn"})
    out = [morphology.fold_yo(nominative.word if nominative else head.normal_form)]
    number = "plur" if "plur" in head.tag and "Pltm" in head.tag else "sing"
    gender = str(head.tag.gender or "masc")
    for low in reversed(lows[:-1]):
        adj = next((p for p in analyzer.parse(low) if str(p.tag.POS) in _ADJ_POS), None)
        grams = {"nomn", number} | ({gender} if number == "sing" and gender in ("masc", "femn", "neut") else set())
        form = adj.inflect(grams) if adj is not None else None
        out.insert(0, morphology.fold_yo(form.word) if form else low)
    return " ".join(_capitalize_like(w, written) for w, written in zip(out, words))


def _org_nominative(words: tuple[str, ...]) -> str:
    """«Совета Федерации» → «Совет Федерации»: the first noun in the nominative, the rest as written."""
    first = words[0]
    low = morphology.fold_yo(first.lower())
    if _ABBREVIATION.fullmatch(first) or _LATIN.search(first) or len(words) == 1 and form_info(low).cls == ORG and not _ABBREVIATION.fullmatch(first):
        if len(words) == 1 and not _ABBREVIATION.fullmatch(first) and not _LATIN.search(first):
            return _place_nominative(words)
        return " ".join(words)
    parse = next((p for p in morphology.analyzer().parse(low) if str(p.tag.POS) == "NOUN"), None)
    form = parse.inflect({"nomn"}) if parse is not None else None
    head = morphology.fold_yo(form.word) if form else low
    return " ".join([_capitalize_like(head, first), *words[1:]])


def discover_names(token, upos, sentence, initial, capital, *, taken=None) -> list[Name]:
    """Find the proper names of a token table (arrays in text order); see the module docstring.

    Parameters
    ----------
    token, upos : numpy arrays of str
        The token texts and UPOS tags.
    sentence : numpy array of int
        One key per token, equal within a sentence (``corpus_tools.tokens.sentence_key``).
    initial : numpy array of bool
        True where a capital letter says nothing (sentence-initial, after a quote or colon).
    capital : numpy array of bool
        True where the token starts with a capital letter.
    taken : numpy array of bool, optional
        Tokens already part of a dictionary mention; a name never overlaps them.

    Returns
    -------
    list of Name
        In text order. Lone person words are returned too (kind "person"), for the caller to
        link to a full name or drop (``corpus_tools.discovery``); :func:`person_name`,
        :func:`place_name` and :func:`org_name` give the nominative names.
    """
    n = len(token)
    if taken is None:
        taken = np.zeros(n, dtype=bool)
    positions = np.flatnonzero(capital)
    classes: dict[int, str] = {}
    for i in positions.tolist():
        kind, cls, initial_ok = _word_class(token[i])
        if kind == "skip":
            continue
        if kind == "particle":
            if i + 1 < n and not initial[i] and 0 < i and capital[i - 1] and capital[i + 1]:
                continue  # «Жан-Мари Ле Пен»: a particle, joined to the name when its neighbours are names
        elif kind == "latin":
            if not initial[i]:
                classes[i] = ORG
            continue
        elif kind == "abbr":
            classes[i] = cls
            continue
        if initial[i] and not initial_ok:
            cls = ADJ if cls == ADJ else NONE
        if upos[i] == "PROPN" and cls in (COMMON, NONE) and not initial[i]:
            cls = PERSON
        if cls:
            classes[i] = cls
    names: list[Name] = []
    i_list = sorted(classes)
    k = 0
    while k < len(i_list):
        # a run: adjacent name words (or initials, particles) in one sentence
        start = i_list[k]
        run = [start]
        j = start + 1
        while j < n and sentence[j] == sentence[start]:
            if j in classes:
                run.append(j)
                j += 1
                continue
            low = token[j].lower()
            if low in _PARTICLES and j + 1 < n and classes.get(j + 1) == PERSON and classes.get(j - 1) == PERSON:
                run.append(j)
                classes[j] = PERSON
                j += 1
                continue
            break
        while k < len(i_list) and i_list[k] < j:
            k += 1
        names.extend(_typed(run, classes, token, initial))
    # a name that overlaps a dictionary mention is the dictionary's («Дмитрий Сергеевич Песков»)
    names = [m for m in _with_initials(names, token, sentence, taken) if not taken[m.first : m.last + 1].any()]
    return names


@functools.lru_cache(maxsize=300_000)
def _word_class(word: str) -> tuple[str, str, bool]:
    """``(kind, class, initial_ok)`` of a capitalized token out of context; kind is "skip",
    "abbr", "particle", "latin" or "word"."""
    if not _WORD.fullmatch(word) and not _ABBREVIATION.fullmatch(word) or _ROMAN.fullmatch(word):
        return "skip", NONE, False  # «Елизавета II», «2019», ««»
    low = morphology.fold_yo(word.lower())
    if _ABBREVIATION.fullmatch(word) and len(word) > 1:
        if word in COMMON_ABBREVIATIONS:
            return "skip", NONE, False
        return "abbr", PLACE if form_info(low).cls == PLACE else ORG, True
    if low in _PARTICLES:
        info = form_info(low)
        return "particle", info.cls, info.initial_ok
    if _LATIN.search(word):
        return "latin", ORG, False
    info = form_info(low)
    return "word", info.cls, info.initial_ok


def _typed(run: list[int], classes: dict[int, str], token, initial) -> list[Name]:
    """Split a run where its class changes and type each part."""
    parts: list[list[int]] = []
    for i in run:
        cls = classes[i]
        if parts:
            previous = classes[parts[-1][-1]]
            joined = (
                (previous == cls and cls != ORG)
                or (previous == ADJ and cls in (PLACE, COMMON, ORG, ADJ))
                or (previous == COMMON and cls in (COMMON, PLACE, ORG))
                or (previous == ORG and cls == ORG and not _ABBREVIATION.fullmatch(token[i]) and not _ABBREVIATION.fullmatch(token[parts[-1][-1]]))
            )
            if previous == PERSON and cls == ADJ and _adjectival_surname(token[parts[-1][-1]], token[i]):
                classes[i] = cls = PERSON  # «Фёдор Достоевский»
                joined = True
            elif previous == PERSON and cls == PLACE and _adjectival_surname(token[parts[-1][-1]], token[i]):
                classes[i] = cls = PERSON  # «Алексей Борисов», not the town
                joined = True
            elif previous == PERSON and cls == COMMON and _is_first_name(token[parts[-1][-1]]):
                classes[i] = cls = PERSON  # a common noun after a first name is a surname: «Фелипе Масса»
                joined = True
            if joined and cls == PERSON and previous == PERSON and len(parts[-1]) >= 4:
                joined = False
            if joined:
                parts[-1].append(i)
                continue
        parts.append([i])
    parts = [piece for part in parts for piece in _split_people(part, classes, token)]
    out = []
    for part in parts:
        kinds = [classes[i] for i in part]
        words = tuple(token[i] for i in part)
        first, last = part[0], part[-1]
        if kinds[-1] == PERSON:
            if any(c != PERSON for c in kinds):
                continue
            out.append(Name(first, last, "person", words))
        elif kinds[-1] == PLACE:
            out.append(Name(first, last, "place", words))
        elif kinds[-1] == ORG or (kinds[0] in (COMMON, ADJ) and len(part) >= 2 and not all(c == ADJ for c in kinds)):
            if kinds[0] == ADJ and kinds[-1] == ADJ:
                continue
            out.append(Name(first, last, "organisation", words))
    return out


def _adjectival_surname(before: str, word: str) -> bool:
    """A surname read as an adjective or a town right after a first name: «Фёдор Достоевский», «Алексей Борисов»."""
    return bool(form_info(morphology.fold_yo(word.lower())).surname and _is_first_name(before))


def _is_first_name(word: str) -> bool:
    info = form_info(morphology.fold_yo(word.lower()))
    return bool(info.name_gender or info.first_name)


def _split_people(part: list[int], classes: dict[int, str], token) -> list[list[int]]:
    """Split «Билла Клинтона Джо Локхарту» before a first name that follows a surname; keep
    «Фёдор Достоевский» (an adjectival surname after a first name) together."""
    if classes[part[0]] != PERSON:
        return [part]
    infos = [form_info(morphology.fold_yo(token[i].lower())) for i in part]
    pieces = [[part[0]]]
    for k in range(1, len(part)):
        i = part[k]
        after_particle = token[part[k - 1]].lower() in _PARTICLES
        starts_name = infos[k].name_gender and not infos[k].surname and not infos[k - 1].name_gender and not after_particle
        # «Жириновского Анастасии Боцан-Харченко»: a surname, then a new person's first name
        if starts_name and (len(pieces[-1]) >= 2 or infos[k - 1].surname) and classes[i] == PERSON:
            pieces.append([i])
            continue
        pieces[-1].append(i)
    return pieces


def _with_initials(names: list[Name], token, sentence, taken) -> list[Name]:
    """Extend person names back over initials: «В. Путин», «М.Тлеуберди», «Д.С. Песков»."""
    out = []
    for name in names:
        first = name.first
        if name.kind == "person":
            i = first
            while i >= 2 and token[i - 1] == "." and len(token[i - 2]) == 1 and token[i - 2].isupper() and sentence[i - 2] == sentence[first] and not taken[i - 2]:
                i -= 2
            first = i
        out.append(name._replace(first=first))
    return out


def person_name(words: tuple[str, ...], observed: frozenset, *, gender: str = "") -> tuple[str, str]:
    """The nominative of a person name and its gender: «Терезы Мэй» → («Тереза Мэй», "femn").

    ``gender`` (from the verb after the name: «Асия Биби уехала») wins over the first name's.
    """
    lows = [morphology.fold_yo(w.lower()) for w in words]
    hint = gender
    gender = case = ""
    if len(lows) > 1:
        # the first name's paradigm in this corpus decides («Асия», not pymorphy3's «Асий»)
        for low in lows[:-1]:
            info = form_info(low)
            if info.name_gender or not info.surname:
                first, gender = name_nominative(low, observed)
                if not gender and first in _dictionary_nominatives(low):
                    gender = info.name_gender
                if hint and gender != hint:
                    # the verb's gender decides; the first name is read again in it
                    gender = hint
                    first, _ = name_nominative(low, observed, gender=hint)
                    case = ""
                if first != low:
                    case = "obl"
                elif low[-1] not in _FIXED_ENDINGS:
                    case = "nom"
                break
    nominatives = []
    for low in lows:
        if low in _PARTICLES:
            nominatives.append(low)
            continue
        nominative, word_gender = name_nominative(low, observed, gender=gender, case=case)
        nominatives.append(nominative)
        gender = gender or word_gender
    shown = [w if w in _PARTICLES and not written[:1].isupper() else _capitalize_like(w, written) for w, written in zip(nominatives, words)]
    return " ".join(shown), gender


@functools.lru_cache(maxsize=100_000)
def place_name(words: tuple[str, ...]) -> str:
    """The nominative of a place name: «Северной Кореи» → «Северная Корея»."""
    return _place_nominative(words)


@functools.lru_cache(maxsize=100_000)
def org_name(words: tuple[str, ...]) -> str:
    """The nominative of an organisation name: «Совета Федерации» → «Совет Федерации», «НАТО»."""
    return _org_nominative(words)
