"""Discovered actors: names found by :mod:`corpus_tools.propernames`, given one canonical name and linked.

Used by :func:`corpus_tools.find_actors` (``discover=True``, the default) after the dictionary
has taken its mentions. Linking rules, in this order, for a person named by one word (a surname
«Мэй», an initial and a surname «В. Путин», or a first name «Тереза»):

1. the full name of the same document whose last word is that surname (any of the forms the
   document shows of it), if there is exactly one;
2. else the full name of the same document whose first name it is, if exactly one;
3. else the full name of the corpus with that surname, if one full name has at least 80 % of the
   corpus's full-name mentions with that surname;
4. else the word alone, when it does not open a sentence and pymorphy3's dictionary knows it as
   a surname, or as a first name as its best reading («Мишель», «Глебом»), or does not know it
   and it ends in ``-ов/-ев`` («Бозумбаев»), or a role noun stands right before it («певица
   Бейонсе», «принц Филипп»); any other lone word is dropped («Протоколов», «Причина», «Брексит»).

Full names that differ only by a middle name («Владимир Владимирович Путин», «Владимир Путин»)
are one actor named by the most frequent variant. A role phrase written right before a discovered
person («премьер-министр Великобритании Тереза Мэй»: the leftmost animate common noun of the four
words before the name, with an adjective before it and the words up to the name; two words at
least) names that person everywhere else in the same document
(«премьер-министр Великобритании заявила»), unless the document gives it to two people; it is
never carried to other documents, which may be from another term of office.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict

import numpy as np
import pandas as pd

from corpus_tools import morphology
from corpus_tools.morphology import OPENER_CHARS, TRANSPARENT_CHARS
from corpus_tools.propernames import Name, discover_names, form_info, name_nominative, org_name, person_name, place_name

_CORPUS_SHARE = 0.8
_ADJECTIVAL = re.compile(r".{3,}(?:ого|ому|ой|ая|ую|ых|ым|ими|ий|ый|ое)")
_RUSSIAN_SURNAME = re.compile(r"[а-я-]{3,}(?:ов|ев)(?:а|у|ым|ой|ом|е)?")
_ROLE_WORDS = frozenset({"NOUN", "ADJ", "PROPN"})
_ROLE_MAX = 4


def discovered_mentions(tokens: pd.DataFrame, doc: np.ndarray, sentence: np.ndarray, found, table: pd.DataFrame):
    """``found`` (the dictionary's mentions) plus the discovered ones, as one ``Found``."""
    from corpus_tools.actors import Found

    n = len(tokens)
    codes, uniques = pd.factorize(tokens["token"].astype(str) if tokens["token"].dtype != object else tokens["token"])
    unique_tokens = np.asarray(uniques, dtype=object)
    token = unique_tokens[codes]
    capital_u = np.fromiter((w[:1].isupper() for w in unique_tokens), dtype=bool, count=len(unique_tokens))
    opener_u = np.fromiter((bool(w) and all(c in OPENER_CHARS or c in TRANSPARENT_CHARS for c in w) for w in unique_tokens), dtype=bool, count=len(unique_tokens))
    capital = capital_u[codes]
    upos = tokens["upos"].astype(str).to_numpy(dtype=object) if "upos" in tokens.columns else np.full(n, "", dtype=object)
    single_u = np.fromiter((len(w) == 1 and w.isupper() for w in unique_tokens), dtype=bool, count=len(unique_tokens))
    initial = _initial(token, codes, opener_u, single_u, sentence)
    taken = np.zeros(n, dtype=bool)
    for s, k in zip(found.starts.tolist(), found.lengths.tolist()):
        taken[s : s + k] = True
    observed = frozenset(morphology.fold_yo(w.lower()) for w in unique_tokens[capital_u])
    names = discover_names(token, upos, sentence, initial, capital, taken=taken)
    dictionary = _dictionary_names(table)

    lemma = _folded(tokens["lemma"])
    # «певица Бейонсе», «принц Филипп»: a role noun right before a lone name
    role_before = np.zeros(n, dtype=bool)
    for m in names:
        i = m.first - 1
        adjectival = m.last == m.first and _ADJECTIVAL.fullmatch(_low(token[m.first]))  # «акима Костанайского»
        if m.kind == "person" and not adjectival and i >= 0 and sentence[i] == sentence[m.first] and upos[i] == "NOUN" and _role_noun(lemma[i]):
            role_before[m.first] = True
    verb_gender = _verb_genders(token, upos, sentence)
    next_noun = np.zeros(n, dtype=bool)
    if n > 1:
        next_noun[:-1] = (upos[1:] == "NOUN") & ~capital[1:] & (sentence[1:] == sentence[:-1])
    rows = _persons([m for m in names if m.kind == "person"], doc, initial, role_before, verb_gender, next_noun, observed, dictionary)
    for m in names:
        if m.kind == "place":
            name = place_name(m.words)
            rows.append((m.first, m.last - m.first + 1, name, "place", "discovered", name))
        elif m.kind == "organisation":
            name = org_name(m.words)
            rows.append((m.first, m.last - m.first + 1, name, "organisation", "discovered", name))
    person_spans = [(s, k, a) for s, k, a, t, _, _ in rows if t == "person"]
    # role phrases are found for discovered persons only; the dictionary's persons have theirs
    dictionary_people = [(s, k, a) for s, k, a, t in zip(found.starts.tolist(), found.lengths.tolist(), found.actor, found.type) if t == "person"]
    roles = _roles(person_spans, dictionary_people, lemma, upos, token, doc, sentence)

    starts = [*found.starts.tolist(), *(r[0] for r in rows)]
    lengths = [*found.lengths.tolist(), *(r[1] for r in rows)]
    actor = [*found.actor.tolist(), *(r[2] for r in rows)]
    kind = [*found.type.tolist(), *(r[3] for r in rows)]
    alias = [*found.alias.tolist(), *(r[5] for r in rows)]
    metonym = [*found.metonym.tolist(), *([False] * len(rows))]
    source = [*found.source.tolist(), *(r[4] for r in rows)]
    _attach_owners(starts, lengths, actor, kind, alias, metonym, source, token, sentence)
    if roles:
        # a role span replaces the places and organisations inside it («Великобритании»)
        covered = np.zeros(n, dtype=bool)
        for s, k, _, _ in roles:
            covered[s : s + k] = True
        keep = [not (kind[i] != "person" and covered[starts[i] : starts[i] + lengths[i]].any()) for i in range(len(starts))]
        starts, lengths, actor, kind, alias, metonym, source = (
            [v for v, ok in zip(column, keep) if ok] for column in (starts, lengths, actor, kind, alias, metonym, source)
        )
        for s, k, a, phrase in roles:
            starts.append(s)
            lengths.append(k)
            actor.append(a)
            kind.append("person")
            alias.append(phrase)
            metonym.append(False)
            source.append("discovered")
    return Found(
        np.asarray(starts, dtype=np.int64), np.asarray(lengths, dtype=np.int64), np.asarray(actor, dtype=object),
        np.asarray(kind, dtype=object), np.asarray(alias, dtype=object), np.asarray(metonym, dtype=bool), np.asarray(source, dtype=object),
    )  # fmt: skip


def _attach_owners(starts, lengths, actor, kind, alias, metonym, source, token, sentence) -> None:
    """«Минобороны РФ»: a discovered organisation and the state or place right after it are one
    organisation named by both (the lists are changed in place)."""
    order = sorted(range(len(starts)), key=lambda i: starts[i])
    drop = set()
    for a, b in zip(order, order[1:]):
        if a in drop or kind[a] != "organisation" or source[a] != "discovered" or kind[b] not in ("state", "place"):
            continue
        if starts[a] + lengths[a] != starts[b] or sentence[starts[a]] != sentence[starts[b]] or metonym[b]:
            continue
        words = [str(w) for w in token[starts[b] : starts[b] + lengths[b]]]
        actor[a] = alias[a] = f"{actor[a]} {' '.join(words)}"
        lengths[a] += lengths[b]
        drop.add(b)
    for i in sorted(drop, reverse=True):
        for column in (starts, lengths, actor, kind, alias, metonym, source):
            del column[i]


def _verb_genders(token, upos, sentence) -> np.ndarray:
    """Per token: "femn" for a past-tense verb in -ла («уехала»), "masc" for one in -л, else ""."""
    out = np.full(len(token), "", dtype=object)
    verbs = np.flatnonzero(upos == "VERB")
    for i in verbs.tolist():
        word = token[i].lower()
        if word.endswith(("ла", "лась")):
            out[i] = "femn"
        elif word.endswith(("л", "лся")) and len(word) > 3:
            out[i] = "masc"
    return out


def _folded(values: pd.Series) -> np.ndarray:
    codes, uniques = pd.factorize(values.astype(str) if values.dtype != object else values)
    folded = np.asarray([morphology.fold_yo(str(u).lower()) for u in uniques], dtype=object)
    return folded[codes]


def _initial(token, codes, opener_u, single_u, sentence) -> np.ndarray:
    """True where a capital letter says nothing: a sentence's first token, or after a quote, colon or dash."""
    n = len(token)
    first = np.r_[True, sentence[1:] != sentence[:-1]] if n else np.zeros(0, dtype=bool)
    after = np.zeros(n, dtype=bool)
    if n > 1:
        after[1:] = opener_u[codes[:-1]] & ~first[1:]
        # «Д. Песков»: a full stop after an initial opens nothing
        dot = np.zeros(n, dtype=bool)
        if n > 2:
            dot[2:] = (token[1:-1] == ".") & single_u[codes[:-2]]
        after &= ~dot
    return first | after


def _dictionary_names(table: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Folded lemmas of the dictionary's person names → (actor, type), for discovered names it already knows."""
    out = {}
    for actor, kind, lemmas, start in zip(table["actor"], table["type"], table["lemmas"], table["valid_from"]):
        if pd.isna(start):
            out.setdefault(" ".join(lemmas), (actor, kind))
    return out


@functools.lru_cache(maxsize=100_000)
def _low(word: str) -> str:
    return morphology.fold_yo(word.lower())


def _persons(names: list[Name], doc, initial, role_before, verb_gender, next_noun, observed, dictionary) -> list[tuple]:
    """Rows ``(first, length, actor, "person", source, alias)`` for the person names, linked (module
    docstring); ``alias`` is the mention's own name in the nominative («Мэй» of «Тереза Мэй»)."""
    # «Торгай Джангельдинского района»: an adjective before a lowercase noun is no surname
    adjectives = {m for m in names if _ADJECTIVAL.fullmatch(_low(m.words[-1])) and next_noun[m.last]}
    names = [m for m in names if m not in adjectives]
    full = {}  # words -> canonical
    variants: Counter = Counter()
    by_key: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for m in names:
        if len(m.words) >= 2 and m.words not in full:
            full[m.words] = person_name(m.words, observed)[0]
    for m in names:
        hint = verb_gender[m.last + 1] if m.last + 1 < len(verb_gender) else ""
        if len(m.words) >= 2 and hint:
            # «Асия Биби уехала»: the verb tells a woman from a man
            name, _ = person_name(m.words, observed, gender=hint)
            full[m.words] = name
    lone: dict[str, str] = {}  # a lone word's nominative, computed once per form
    for m in names:
        if len(m.words) >= 2:
            canonical = full[m.words]
            parts = canonical.split()
            by_key[(_low(parts[0]), _low(parts[-1]))][canonical] += 1
    # one name per (first name, surname): the most frequent variant, then the shortest
    chosen = {key: min(c.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0] for key, c in by_key.items()}

    def actor_of(words) -> str:
        parts = full[words].split()
        return chosen[(_low(parts[0]), _low(parts[-1]))]

    surname_count: dict[str, Counter] = defaultdict(Counter)
    per_doc: dict[int, list[tuple[str, str, str, frozenset]]] = defaultdict(list)
    for m in names:
        if len(m.words) >= 2:
            actor = actor_of(m.words)
            parts = actor.split()
            surname_count[_low(parts[-1])][actor] += 1
            per_doc[int(doc[m.first])].append((actor, _low(parts[0]), _low(parts[-1]), _low(m.words[-1])))
    rows = []
    for m in names:
        d = int(doc[m.first])
        if len(m.words) >= 2:
            actor = alias = actor_of(m.words)
            alias = full[m.words]
        else:
            word = m.words[0]
            if word not in lone:
                lone[word] = word[:1].upper() + name_nominative(_low(word), observed)[0][1:]
            alias = lone[word]
            # a lone surname opening a sentence («Причина», «Дацин») needs a full name to link to
            actor = _link(
                word, _low(alias), per_doc.get(d, ()), surname_count, known_surname=not initial[m.first], after_role=bool(role_before[m.first])
            )
            if actor is None:
                continue
        known = dictionary.get(_low(actor))
        if known is not None and known[1] == "person":
            rows.append((m.first, m.last - m.first + 1, known[0], "person", "dictionary", alias))
        else:
            rows.append((m.first, m.last - m.first + 1, actor, "person", "discovered", alias))
    return rows


def _link(word: str, nominative: str, in_doc, surname_count, *, known_surname: bool = True, after_role: bool = False) -> str | None:
    """The actor a one-word person name stands for (module docstring), or None to drop it."""
    low = _low(word)
    by_surname = {a for a, _, last, form in in_doc if last == nominative or form == low}
    if len(by_surname) == 1:
        return by_surname.pop()
    if by_surname:
        return None
    info = form_info(low)
    if info.name_gender:
        by_first = {a for a, first, _, _ in in_doc if first == nominative}
        if len(by_first) == 1:
            return by_first.pop()
    counts = surname_count.get(nominative)
    if counts:
        actor, top = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if top >= _CORPUS_SHARE * sum(counts.values()):
            return actor
        return None
    if known_surname and (_known_surname(low) or _new_surname(low) or info.first_name or after_role):
        return word[:1].upper() + nominative[1:]
    return None


def _new_surname(low: str) -> bool:
    """A word pymorphy3 does not know, shaped like a Russian surname: «Бозумбаев», «Кусаиновой»."""
    return bool(_RUSSIAN_SURNAME.fullmatch(low)) and not any(p.is_known for p in morphology.analyzer().parse(low))


@functools.lru_cache(maxsize=50_000)
def _known_surname(low: str) -> bool:
    """pymorphy3's dictionary knows the form as a surname («Путина»), not only its shape («Протоколов»)."""
    return any(p.is_known and "Surn" in p.tag for p in morphology.analyzer().parse(low))


@functools.lru_cache(maxsize=50_000)
def _role_noun(lemma: str) -> bool:
    """An animate common noun that can name an office or a role («премьер-министр», «глава»)."""
    for p in morphology.analyzer().parse(lemma):
        if str(p.tag.POS) == "NOUN" and p.normal_form == lemma:
            return ("anim" in p.tag or lemma in ("глава", "лидер", "руководитель")) and not p.tag.grammemes & morphology.PROPER_GRAMMEMES
    return False


def _roles(person_spans, other_people, lemma, upos, token, doc, sentence) -> list[tuple[int, int, str, str]]:
    """Role phrases found before discovered persons, and their repeats in the same document: (first, length, actor, phrase)."""
    n = len(lemma)
    person = np.zeros(n, dtype=bool)
    for s, k, _ in [*person_spans, *other_people]:
        person[s : s + k] = True
    claims: dict[tuple[int, tuple[str, ...]], set] = defaultdict(set)
    for s, _, actor in person_spans:
        i = s - 1
        while i >= 0 and s - i <= _ROLE_MAX and sentence[i] == sentence[s] and upos[i] in _ROLE_WORDS and not person[i]:
            i -= 1
        # the leftmost role noun of the words before the name, with one adjective before it
        nouns = [j for j in range(i + 1, s) if upos[j] == "NOUN" and _role_noun(lemma[j])]
        if not nouns:
            continue
        first = nouns[0]
        if first > 0 and upos[first - 1] == "ADJ" and sentence[first - 1] == sentence[s] and not person[first - 1]:
            first -= 1
        if s - first < 2:
            continue
        claims[(int(doc[s]), tuple(lemma[first:s]))].add(actor)
    out = []
    bounds = np.searchsorted(doc, np.arange(int(doc[-1]) + 2)) if n else np.zeros(1, dtype=np.int64)
    for (d, key), actors in sorted(claims.items()):
        if len(actors) != 1:
            continue
        actor = next(iter(actors))
        lo, hi = int(bounds[d]), int(bounds[d + 1])
        hits = lo + np.flatnonzero(lemma[lo:hi] == key[0])
        for h in hits.tolist():
            stop = h + len(key)
            if stop > hi or tuple(lemma[h:stop]) != key or sentence[stop - 1] != sentence[h] or person[h:stop].any():
                continue
            out.append((h, len(key), actor, " ".join(key)))
    return out
