"""Who is named: a reviewed table of actors and their aliases, and every mention of them in the text.

:func:`load_actors` reads the actor table (``data/actors.yaml`` by default: people, states,
organisations and places, each with the phrases that name it, plus a separate section of
metonyms such as «Кремль» for Россия). :func:`find_actors` finds the aliases in a token table of
:func:`corpus_tools.tokenize` and returns one row per mention, with offsets into the document
text so each one can be read in context.

Matching rules
--------------
- An alias matches the lemmas of adjacent tokens of one sentence, lowercase with «ё» as «е», so
  every case and number form matches («президентом Казахстана», «лидеров», «Белого дома»).
- An alias written with a capital first letter matches only a capitalized first token («Белый
  дом», not «белый дом»; «Попов», not «попов» from «поп»).
- A capitalized token also matches an alias word by its form when the lemmatizer, lacking
  evidence that it is a name, gave it another lemma: a surname opening a sentence («Жапаров
  заявил» → lemma «жапар»). Forms tried: the alias word itself and, for a surname in
  ``-ов/-ев/-ин/-ын``, its case forms.
- Overlaps: matches are taken longest first (in tokens), then earliest, then in table order; a
  match that overlaps one already taken is dropped. So «Белый дом» inside «глава Белого дома»
  (Трамп) is not also a mention of the metonym, and «МИД Казахстана» inside «глава МИД
  Казахстана» is Тлеуберди only.
- Apposition: mentions of the same actor back to back in one sentence are one mention spanning
  both («президент Казахстана Касым-Жомарт Токаев», «пресс-секретарь Кремля Дмитрий Песков»);
  its ``alias`` lists the parts joined by ``" + "``. Anything in between (a comma, a word)
  keeps them apart.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from razdel import tokenize as razdel_tokenize

from corpus_tools.resources import data_path
from corpus_tools.tokens import sentence_key

ACTOR_TYPES = ("person", "state", "organisation", "place")
ACTOR_COLUMNS = ["actor", "type", "alias", "lemmas", "metonym", "note"]
MENTION_COLUMNS = ["doc_id", "sent_id", "token_id", "start", "stop", "text", "actor", "type", "alias", "metonym"]
_TOKEN_COLUMNS = ("doc_id", "sent_id", "token_id", "start", "stop", "token", "lemma")
_FIELDS = {"actors": ("actor", "type", "aliases", "note"), "metonyms": ("actor", "aliases", "note")}
# case endings of a masculine surname in -ов/-ев/-ин/-ын (ё already folded)
_SURNAME_LEMMA = re.compile(r"[а-я-]{2,}(?:ов|ев|ин|ын)")
_SURNAME_ENDINGS = ("", "а", "у", "ым", "е", "ой", "ы", "ых", "ыми", "ом")


def load_actors(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Return the actor table, one row per alias, with the alias lemmatized for matching.

    Parameters
    ----------
    path : str or path-like, optional
        A YAML file laid out like the bundled ``data/actors.yaml`` (read its header): a list
        ``actors`` of ``{actor, type, aliases, note}`` and an optional list ``metonyms`` of
        ``{actor, aliases, note}`` whose ``actor`` is one of the actors. None reads the bundled
        table.

    Returns
    -------
    pandas.DataFrame
        ``actor`` (canonical name), ``type`` (person, state, organisation or place; a metonym
        has the type of its actor), ``alias`` (the phrase as written), ``lemmas`` (tuple of
        lowercase lemmas, «ё» as «е», matched by :func:`find_actors`), ``metonym`` (bool) and
        ``note``. In file order, actors before metonyms.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        If the file is not valid YAML, or an entry lacks a field, has an unknown field or type,
        a metonym names an undefined actor, or one alias names two actors; the message names
        the file, the entry and what to fix.

    Examples
    --------
    >>> table = load_actors()
    >>> rows = table[table.alias.isin(["президент Казахстана", "Кремль"])]
    >>> print(rows[["actor", "type", "lemmas", "metonym"]].to_string(index=False))
     actor   type                 lemmas  metonym
    Токаев person (президент, казахстан)    False
    Россия  state              (кремль,)     True
    """
    path = data_path("actors.yaml") if path is None else Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"actor table {path}: no such file; pass a YAML file laid out like data/actors.yaml")
    stat = path.stat()
    return _load_cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size).copy()


@functools.lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int, size: int) -> pd.DataFrame:
    """Parse and lemmatize the table once per file version (mtime and size are the cache key)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(err, "problem", None) or str(err)
        raise ValueError(
            f"{path}: not valid YAML{where} ({problem}); fix the syntax there, e.g. quote an alias that contains ':' or '#'"
        ) from None
    if not isinstance(data, dict) or "actors" not in data:
        raise ValueError(f"{path}: expected a mapping with a list 'actors' (and optionally 'metonyms'); see data/actors.yaml")
    unknown = set(data) - set(_FIELDS)
    if unknown:
        raise ValueError(f"{path}: unknown top-level key(s) {sorted(unknown)}; only 'actors' and 'metonyms' are read")
    rows: list[dict] = []
    types: dict[str, str] = {}
    for section in ("actors", "metonyms"):
        entries = data.get(section) or []
        if not isinstance(entries, list):
            raise ValueError(f"{path}: '{section}' must be a list of entries (lines starting with '- '), got {type(entries).__name__}")
        for number, entry in enumerate(entries, 1):
            rows.extend(_entry_rows(path, section, number, entry, types))
    owner: dict[tuple[str, ...], tuple[str, str]] = {}
    kept = []
    for row in rows:
        if row["lemmas"] in owner:
            actor, alias = owner[row["lemmas"]]
            if actor != row["actor"]:
                raise ValueError(
                    f"{path}: alias {row['alias']!r} of {row['actor']!r} and alias {alias!r} of {actor!r} are the same "
                    f"lemmas {' '.join(row['lemmas'])!r}; keep the alias under one actor or make it longer"
                )
            # the same actor twice («Соединенные»/«Соединённые Штаты»): one row is enough
            continue
        owner[row["lemmas"]] = (row["actor"], row["alias"])
        kept.append(row)
    table = pd.DataFrame(kept, columns=ACTOR_COLUMNS)
    return table.astype({"actor": "str", "type": "str", "alias": "str", "note": "str", "metonym": bool})


def _entry_rows(path: str, section: str, number: int, entry, types: dict[str, str]) -> list[dict]:
    """Validate one YAML entry and return its rows (one per alias); ``types`` collects actors."""
    name = entry.get("actor") if isinstance(entry, dict) else None
    where = f"{path}: {section} entry {number} ({name or 'unnamed'})"
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: expected a mapping with fields {', '.join(_FIELDS[section])}, got {entry!r}")
    missing = [f for f in _FIELDS[section] if entry.get(f) in (None, "", [])]
    if missing:
        raise ValueError(f"{where}: missing field(s) {', '.join(missing)}; every {section} entry needs {', '.join(_FIELDS[section])}")
    extra = sorted(set(entry) - set(_FIELDS[section]))
    if extra:
        raise ValueError(f"{where}: unknown field(s) {', '.join(extra)}; allowed: {', '.join(_FIELDS[section])}")
    if not isinstance(name, str):
        raise ValueError(f"{where}: 'actor' must be a text, got {name!r}")
    if section == "actors":
        kind = entry["type"]
        if kind not in ACTOR_TYPES:
            raise ValueError(f"{where}: type {kind!r} is invalid; use one of {', '.join(ACTOR_TYPES)}")
        if name in types:
            raise ValueError(f"{where}: actor {name!r} is defined twice; merge the two entries")
        types[name] = kind
    elif name not in types:
        raise ValueError(f"{where}: metonym for {name!r}, which is not in 'actors'; add the actor or fix the name")
    aliases = entry["aliases"]
    if isinstance(aliases, str) or not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise ValueError(f"{where}: 'aliases' must be a list of non-empty phrases, e.g. [Кремль, Москва]; got {aliases!r}")
    note = str(entry["note"]).strip()
    return [
        {"actor": name, "type": types[name], "alias": alias.strip(), "lemmas": alias_lemmas(alias), "metonym": section == "metonyms", "note": note}
        for alias in aliases
    ]


@functools.lru_cache(maxsize=4096)
def alias_lemmas(phrase: str) -> tuple[str, ...]:
    """Lemmatize an alias as it would be inside a sentence: lowercase lemmas, «ё» as «е».

    Examples
    --------
    >>> alias_lemmas("глава Белого дома")
    ('глава', 'белый', 'дом')
    """
    from corpus_tools.morphology import tag_words

    words = [t.text for t in razdel_tokenize(phrase)]
    if not words:
        raise ValueError(f"alias {phrase!r} has no words")
    # a name inside a sentence, not opening one: «Песков» is the press secretary, not sand
    return tuple(_fold(w) for w in tag_words(["и", *words])["lemma"].iloc[1:])


def _fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def _actor_table(actors) -> pd.DataFrame:
    """Accept None (bundled table), a path, or a DataFrame with at least ``actor`` and ``alias``."""
    if actors is None or isinstance(actors, (str, os.PathLike)):
        return load_actors(actors)
    if not isinstance(actors, pd.DataFrame):
        raise TypeError(f"actors must be None, a path to a YAML table or a DataFrame from load_actors(), not {type(actors).__name__}")
    missing = [c for c in ("actor", "alias") if c not in actors.columns]
    if missing:
        raise ValueError(f"actors lacks column(s) {missing}; pass the table of load_actors() or one with 'actor' and 'alias'")
    table = actors.copy()
    if "lemmas" not in table.columns:
        table["lemmas"] = [alias_lemmas(a) for a in table["alias"].astype(str)]
    if "type" not in table.columns:
        table["type"] = None
    if "metonym" not in table.columns:
        table["metonym"] = False
    table["metonym"] = table["metonym"].fillna(False).astype(bool)
    return table.reset_index(drop=True)


def find_actors(tokens: pd.DataFrame, actors: pd.DataFrame | str | os.PathLike | None = None, *, metonyms: bool = True) -> pd.DataFrame:
    """Return one row per mention of an actor in the token table.

    See the module docstring for the matching rules (lemmas, capitalization, longest match,
    apposition).

    Parameters
    ----------
    tokens : DataFrame
        The token table of :func:`corpus_tools.tokenize` (needs ``doc_id, sent_id, token_id,
        start, stop, token, lemma``). Not modified.
    actors : DataFrame, path or None
        The table of :func:`load_actors` (possibly filtered or extended), the path of a YAML
        table, or None for the bundled one. A DataFrame needs ``actor`` and ``alias``;
        ``lemmas``, ``type`` and ``metonym`` are filled in when absent.
    metonyms : bool
        False ignores metonym aliases («Кремль», «Белый дом», «Москва» …), so only actors named
        outright are found.

    Returns
    -------
    pandas.DataFrame
        ``doc_id``; ``sent_id`` and ``token_id`` of the first token; ``start``, ``stop``
        (offsets of the mention in ``corpus_tools.document_text``); ``text`` (the mention
        rebuilt from its tokens, a single space wherever the text has any); ``actor``, ``type``;
        ``alias`` (the alias matched, parts joined by ``" + "`` for an apposition); ``metonym``
        (every part is a metonym). Sorted by document order, then ``start``.

    Examples
    --------
    >>> from corpus_tools.tokens import tokenize
    >>> toks = tokenize(["Президентом Казахстана Касым-Жомартом Токаевым восхищается глава Белого дома, а Кремль молчит."])
    >>> find_actors(toks)[["text", "actor", "metonym"]]
                                           text  actor  metonym
    0  Президентом Казахстана Касым-Жомартом Токаевым  Токаев    False
    1                         глава Белого дома  Трамп    False
    2                                    Кремль  Россия     True
    >>> find_actors(toks, metonyms=False).actor.tolist()
    ['Токаев', 'Трамп']
    """
    missing = [c for c in _TOKEN_COLUMNS if c not in tokens.columns]
    if missing:
        raise ValueError(f"tokens lacks column(s) {missing}; pass the token table of corpus_tools.tokenize()")
    table = _actor_table(actors)
    if not metonyms:
        table = table[~table["metonym"].to_numpy(dtype=bool)].reset_index(drop=True)
    if tokens.empty or table.empty:
        return _empty(tokens)
    tokens, doc = _in_text_order(tokens)

    vocabulary: dict[str, int] = {}
    patterns = [tuple(vocabulary.setdefault(w, len(vocabulary)) for w in lemmas) for lemmas in table["lemmas"]]
    forms = _alias_forms(table, vocabulary)
    lemma_code = _codes(tokens["lemma"], vocabulary)
    token_codes, token_uniques = pd.factorize(_as_str(tokens["token"]))
    unique_tokens = pd.Series(token_uniques, dtype="str")
    capital_unique = unique_tokens.str[:1].str.isupper().fillna(False).to_numpy(dtype=bool)
    form_unique = unique_tokens.str.lower().str.replace("ё", "е").map(forms).fillna(-1).to_numpy(dtype=np.int64)
    form_unique = np.where(capital_unique, form_unique, -1)  # forms stand in for lemmas of names only
    capital = capital_unique[token_codes]
    form_code = form_unique[token_codes]
    sentence = sentence_key(tokens, doc)
    cased = table["alias"].astype(str).str[:1].str.isupper().to_numpy(dtype=bool)

    starts, lengths, rows = _match(patterns, cased, lemma_code, form_code, capital, sentence)
    starts, lengths, rows = _resolve_overlaps(starts, lengths, rows)
    return _mentions(tokens, table, starts, lengths, rows, sentence, doc)


def _in_text_order(tokens: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """``tokens`` in document and offset order (as tokenize gives them; else a sorted copy), and document codes."""
    doc = pd.factorize(tokens["doc_id"])[0].astype(np.int64)
    start = tokens["start"].to_numpy(dtype=np.int64)
    step_doc, step_start = np.diff(doc), np.diff(start)
    if np.all((step_doc > 0) | ((step_doc == 0) & (step_start > 0))):
        return tokens.reset_index(drop=True), doc
    order = np.lexsort((start, doc))
    return tokens.take(order).reset_index(drop=True), doc[order]


def _alias_forms(table: pd.DataFrame, vocabulary: dict[str, int]) -> dict[str, int]:
    """Lowercase forms of capitalized alias words -> the code of the word's lemma."""
    forms: dict[str, int] = {}
    for alias, lemmas in zip(table["alias"].astype(str), table["lemmas"]):
        words = [t.text for t in razdel_tokenize(alias)]
        if len(words) != len(lemmas):
            continue
        for word, lemma in zip(words, lemmas):
            if not word[:1].isupper():
                continue
            code = vocabulary[lemma]
            forms.setdefault(_fold(word), code)
            if _SURNAME_LEMMA.fullmatch(lemma):
                for ending in _SURNAME_ENDINGS:
                    forms.setdefault(lemma + ending, code)
    return forms


def _codes(values: pd.Series, vocabulary: dict[str, int]) -> np.ndarray:
    """Map each value (lowercased, ё as е) to its vocabulary code, -1 when absent; via its uniques."""
    codes, uniques = pd.factorize(_as_str(values))
    mapped = pd.Series(uniques, dtype="str").str.lower().str.replace("ё", "е").map(vocabulary)
    return mapped.fillna(-1).to_numpy(dtype=np.int64)[codes]


def _as_str(values: pd.Series) -> pd.Series:
    """The column as strings; a no-op for a string column (the usual case, and costly to redo)."""
    if isinstance(values.dtype, pd.CategoricalDtype) or values.dtype == object or not pd.api.types.is_string_dtype(values.dtype):
        return values.astype("str")
    return values


def _match(patterns, cased, lemma_code, form_code, capital, sentence):
    """Every occurrence of every pattern: (first token, length, table row), overlaps included."""
    n = len(lemma_code)
    candidates = np.flatnonzero((lemma_code >= 0) | (form_code >= 0))
    first_positions: dict[int, np.ndarray] = {}
    starts, lengths, rows = [], [], []
    for row, pattern in enumerate(patterns):
        c0 = pattern[0]
        if c0 not in first_positions:
            hit = (lemma_code[candidates] == c0) | (form_code[candidates] == c0)
            first_positions[c0] = candidates[hit]
        positions = first_positions[c0]
        if cased[row]:
            positions = positions[capital[positions]]
        for j, code in enumerate(pattern[1:], 1):
            positions = positions[positions + j < n]
            nxt = positions + j
            ok = (sentence[nxt] == sentence[positions]) & ((lemma_code[nxt] == code) | (form_code[nxt] == code))
            positions = positions[ok]
        starts.append(positions)
        lengths.append(np.full(len(positions), len(pattern), dtype=np.int64))
        rows.append(np.full(len(positions), row, dtype=np.int64))
    return np.concatenate(starts), np.concatenate(lengths), np.concatenate(rows)


def _resolve_overlaps(starts, lengths, rows):
    """Keep matches longest first, then earliest, then in table order; drop any that overlap a kept one."""
    order = np.lexsort((rows, starts, -lengths))
    taken = np.zeros(int((starts + lengths).max()) + 1 if len(starts) else 0, dtype=bool)
    keep = []
    for i in order:
        s, k = starts[i], lengths[i]
        if not taken[s : s + k].any():
            taken[s : s + k] = True
            keep.append(i)
    keep = np.asarray(keep, dtype=np.int64)
    keep = keep[np.argsort(starts[keep], kind="stable")]
    return starts[keep], lengths[keep], rows[keep]


def _mentions(tokens, table, starts, lengths, rows, sentence, doc) -> pd.DataFrame:
    """Merge back-to-back mentions of one actor in one sentence and build the output table."""
    if len(starts) == 0:
        return _empty(tokens)
    actor_codes = pd.factorize(table["actor"])[0][rows]
    ends = starts + lengths  # exclusive
    same = (actor_codes[1:] == actor_codes[:-1]) & (starts[1:] == ends[:-1]) & (sentence[starts[1:]] == sentence[starts[:-1]])
    first_of = np.flatnonzero(np.r_[True, ~same])
    last_of = np.r_[first_of[1:], len(starts)] - 1
    first_tok = starts[first_of]
    last_tok = ends[last_of] - 1

    aliases = table["alias"].astype(str).to_numpy(dtype=object)[rows]
    alias_text = [" + ".join(aliases[a : b + 1]) for a, b in zip(first_of, last_of)]
    metonym = np.logical_and.reduceat(table["metonym"].to_numpy(dtype=bool)[rows], first_of)
    begin = tokens["start"].to_numpy(dtype=np.int64)
    end = tokens["stop"].to_numpy(dtype=np.int64)
    # only the mentions' own tokens are read (converting the whole column costs more)
    sizes = last_tok - first_tok + 1
    covered = np.repeat(first_tok, sizes) + np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    token_text = dict(zip(covered.tolist(), tokens["token"].take(covered).astype(str).tolist()))
    texts = []
    for a, b in zip(first_tok, last_tok):
        parts = [token_text[a]]
        for i in range(a + 1, b + 1):
            parts.append((" " if begin[i] > end[i - 1] else "") + token_text[i])
        texts.append("".join(parts))
    first_rows = rows[first_of]
    frame = pd.DataFrame(
        {
            "doc_id": tokens["doc_id"].take(first_tok).reset_index(drop=True),
            "sent_id": tokens["sent_id"].to_numpy()[first_tok],
            "token_id": tokens["token_id"].to_numpy()[first_tok],
            "start": begin[first_tok],
            "stop": end[last_tok],
            "text": pd.Series(texts, dtype="str"),
            "actor": pd.Series(table["actor"].to_numpy(dtype=object)[first_rows], dtype="str"),
            "type": pd.Series(table["type"].to_numpy(dtype=object)[first_rows], dtype="str"),
            "alias": pd.Series(alias_text, dtype="str"),
            "metonym": metonym.astype(bool),
        }
    )
    order = np.lexsort((frame["start"].to_numpy(), doc[first_tok]))
    return frame.take(order).reset_index(drop=True)


def _empty(tokens: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="str") for c in MENTION_COLUMNS})
    frame["doc_id"] = pd.Series(dtype=tokens["doc_id"].dtype if "doc_id" in tokens.columns else object)
    for column in ("sent_id", "token_id", "start", "stop"):
        frame[column] = pd.Series(dtype=np.int64)
    frame["metonym"] = pd.Series(dtype=bool)
    return frame[MENTION_COLUMNS]
