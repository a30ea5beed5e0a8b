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
- Role periods: an office alias (under ``roles`` in the YAML, ``valid_from``/``valid_to`` in the
  table) names its holder only in a document dated inside the period (``dates=``), or in a
  document that names the holder with it back to back; elsewhere it is no mention of that
  person (and the shorter aliases inside it match: «госсекретарь США» in 2019 is США).

Discovery
---------
With ``discover=True`` (the default) the tokens the dictionary left are searched for proper names
(:mod:`corpus_tools.propernames`: capitalization, lemma and UPOS of the token table, pymorphy3's name
classes), each is given one nominative name, and surnames, first names and role phrases are
linked to the full name of the document or corpus (:mod:`corpus_tools.discovery`). Such mentions
have ``source_of_name`` "discovered". The dictionary is then an override and extension: export
the table with :func:`actor_table` and :func:`save_actors`, correct it, pass it back as
``actors=``. natasha's NER (:func:`corpus_tools.find_entities`) stays available for comparison;
it runs at about 1,200 tokens/s (benchmarks/ner.py), some 60 times slower than discovery.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
import yaml
from razdel import tokenize as razdel_tokenize

from corpus_tools.resources import data_path
from corpus_tools.tokens import sentence_key

ACTOR_TYPES = ("person", "state", "organisation", "place")
ACTOR_COLUMNS = ["actor", "type", "alias", "lemmas", "metonym", "note", "valid_from", "valid_to", "source_of_name"]
MENTION_COLUMNS = ["doc_id", "sent_id", "token_id", "start", "stop", "text", "actor", "type", "alias", "metonym", "source_of_name"]
SOURCES = ("dictionary", "discovered")
_TOKEN_COLUMNS = ("doc_id", "sent_id", "token_id", "start", "stop", "token", "lemma")
_FIELDS = {
    "actors": (("actor", "type", "aliases", "note"), ("roles", "source_of_name")),
    "metonyms": (("actor", "aliases", "note"), ()),
}
_ROLE_FIELDS = (("aliases", "from"), ("to",))
# case endings of a masculine surname in -ов/-ев/-ин/-ын (ё already folded)
_SURNAME_LEMMA = re.compile(r"[а-я-]{2,}(?:ов|ев|ин|ын)")
_SURNAME_ENDINGS = ("", "а", "у", "ым", "е", "ой", "ы", "ых", "ыми", "ом")
_CSV_COLUMNS = ("actor", "type", "alias")


def load_actors(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Return the actor table, one row per alias, with the alias lemmatized for matching.

    Parameters
    ----------
    path : str or path-like, optional
        A YAML file laid out like the bundled ``data/actors.yaml`` (read its header): a list
        ``actors`` of ``{actor, type, aliases, note, roles}`` and an optional list ``metonyms``
        of ``{actor, aliases, note}`` whose ``actor`` is one of the actors; or a CSV file written
        by :func:`save_actors` (columns ``actor, type, alias`` and optionally ``metonym, note,
        valid_from, valid_to, source_of_name``). None reads the bundled table.

    Returns
    -------
    pandas.DataFrame
        ``actor`` (canonical name), ``type`` (person, state, organisation or place; a metonym
        has the type of its actor), ``alias`` (the phrase as written), ``lemmas`` (tuple of
        lowercase lemmas, «ё» as «е», matched by :func:`find_actors`), ``metonym`` (bool),
        ``note``, ``valid_from`` and ``valid_to`` (the period of a role phrase such as
        «госсекретарь США», NaT for a name; ``valid_to`` NaT is open-ended) and
        ``source_of_name`` ("dictionary" unless the file says "discovered"). In file order,
        actors before metonyms.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        If the file is not valid YAML or CSV, or an entry lacks a field, has an unknown field
        or type, a role lacks its ``from`` date, a person's lowercase role phrase is listed
        without a period, a metonym names an undefined actor, or one alias names two actors
        in overlapping periods; the message names the file, the line, the entry and what to fix.

    Examples
    --------
    >>> table = load_actors()
    >>> rows = table[table.alias.isin(["госсекретарь США", "Кремль"])]
    >>> print(rows[["actor", "type", "lemmas", "metonym", "valid_from"]].to_string(index=False))
     actor   type              lemmas  metonym valid_from
     Рубио person (госсекретарь, сша)    False 2025-01-21
    Россия  state           (кремль,)     True        NaT
    """
    path = data_path("actors.yaml") if path is None else Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"actor table {path}: no such file; pass a YAML file laid out like data/actors.yaml")
    stat = path.stat()
    return _load_cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size).copy()


@functools.lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int, size: int) -> pd.DataFrame:
    """Parse and lemmatize the table once per file version (mtime and size are the cache key)."""
    if path.lower().endswith(".csv"):
        return _check_rows(path, _csv_rows(path))
    text = Path(path).read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text)
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
    lines = _node_lines(root)
    rows: list[dict] = []
    types: dict[str, str] = {}
    for section in ("actors", "metonyms"):
        entries = data.get(section) or []
        if not isinstance(entries, list):
            raise ValueError(f"{path}: '{section}' must be a list of entries (lines starting with '- '), got {type(entries).__name__}")
        for number, entry in enumerate(entries, 1):
            rows.extend(_entry_rows(path, section, number, entry, types, lines))
    return _check_rows(path, rows)


def _node_lines(root) -> dict[tuple, int]:
    """Line numbers (1-based) of the YAML nodes: (section, entry), (section, entry, field), (..., alias index)."""
    lines: dict[tuple, int] = {}

    def walk(node, key: tuple) -> None:
        lines[key] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                lines[(*key, k.value)] = k.start_mark.line + 1
                walk(v, (*key, k.value))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, (*key, i))

    if isinstance(root, yaml.MappingNode):
        for k, v in root.value:
            walk(v, (k.value,))
    return lines


def _entry_rows(path: str, section: str, number: int, entry, types: dict[str, str], lines: dict) -> list[dict]:
    """Validate one YAML entry and return its rows (one per alias); ``types`` collects actors."""
    name = entry.get("actor") if isinstance(entry, dict) else None
    key = (section, number - 1)

    def where(*field) -> str:
        line = lines.get((*key, *field), lines.get(key))
        return f"{path}, line {line}: {section} entry {number} ({name or 'unnamed'})"

    required, optional = _FIELDS[section]
    if not isinstance(entry, dict):
        raise ValueError(f"{where()}: expected a mapping with fields {', '.join(required)}, got {entry!r}")
    missing = [f for f in required if entry.get(f) in (None, "", [])]
    if missing:
        raise ValueError(f"{where()}: missing field(s) {', '.join(missing)}; every {section} entry needs {', '.join(required)}")
    extra = sorted(set(entry) - set(required) - set(optional))
    if extra:
        raise ValueError(f"{where(extra[0])}: unknown field(s) {', '.join(extra)}; allowed: {', '.join(required + optional)}")
    if not isinstance(name, str):
        raise ValueError(f"{where('actor')}: 'actor' must be a text, got {name!r}")
    if section == "actors":
        kind = entry["type"]
        if kind not in ACTOR_TYPES:
            raise ValueError(f"{where('type')}: type {kind!r} is invalid; use one of {', '.join(ACTOR_TYPES)}")
        if name in types:
            raise ValueError(f"{where('actor')}: actor {name!r} is defined twice; merge the two entries")
        types[name] = kind
    elif name not in types:
        raise ValueError(f"{where('actor')}: metonym for {name!r}, which is not in 'actors'; add the actor or fix the name")
    note = str(entry["note"]).strip()
    source = entry.get("source_of_name") or "dictionary"
    if source not in SOURCES:
        raise ValueError(f"{where('source_of_name')}: source_of_name {source!r} is invalid; use one of {', '.join(SOURCES)}")
    base = {"actor": name, "type": types[name], "metonym": section == "metonyms", "note": note, "source_of_name": source}
    rows = []
    for i, alias in enumerate(_aliases(entry["aliases"], where("aliases"))):
        if types[name] == "person" and alias[:1].islower():
            raise ValueError(
                f"{where('aliases', i)}: {alias!r} names an office, which holds for a period; "
                f"move it under 'roles' with 'from:' (and 'to:') dates"
            )
        rows.append({**base, "alias": alias, "line": lines.get((*key, "aliases", i)), "valid_from": pd.NaT, "valid_to": pd.NaT})
    roles = entry.get("roles") or []
    if not isinstance(roles, list):
        raise ValueError(f"{where('roles')}: 'roles' must be a list of {{aliases, from, to}} entries")
    for r, role in enumerate(roles):
        here = where("roles", r)
        if not isinstance(role, dict) or any(role.get(f) in (None, "", []) for f in _ROLE_FIELDS[0]):
            raise ValueError(f"{here}: a role needs 'aliases' and a 'from' date (and 'to' when the term ended), e.g. from: 2025-01-21")
        unknown = sorted(set(role) - set(_ROLE_FIELDS[0]) - set(_ROLE_FIELDS[1]))
        if unknown:
            raise ValueError(f"{here}: unknown role field(s) {', '.join(unknown)}; allowed: aliases, from, to")
        start, stop = _date(role["from"], here, "from"), _date(role.get("to"), here, "to")
        if not pd.isna(stop) and stop <= start:
            raise ValueError(f"{here}: 'to' {stop.date()} is not after 'from' {start.date()}")
        for i, alias in enumerate(_aliases(role["aliases"], here)):
            line = lines.get((*key, "roles", r, "aliases", i))
            rows.append({**base, "alias": alias, "line": line, "valid_from": start, "valid_to": stop})
    return rows


def _aliases(aliases, where: str) -> list[str]:
    if isinstance(aliases, str) or not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise ValueError(f"{where}: 'aliases' must be a list of non-empty phrases, e.g. [Кремль, Москва]; got {aliases!r}")
    return [a.strip() for a in aliases]


def _date(value, where: str, field: str):
    if value in (None, ""):
        return pd.NaT
    try:
        return pd.Timestamp(str(value))
    except (ValueError, TypeError):
        raise ValueError(f"{where}: '{field}' {value!r} is not a date; write it as YYYY-MM-DD") from None


def _csv_rows(path: str) -> list[dict]:
    """Rows of an actor table saved as CSV by :func:`save_actors`, validated like the YAML."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError) as err:
        raise ValueError(f"{path}: not a readable CSV file ({err}); save it as UTF-8 CSV with a header line") from None
    missing = [c for c in _CSV_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}; an actor CSV needs {', '.join(_CSV_COLUMNS)}")
    rows = []
    for number, record in enumerate(frame.to_dict("records"), 2):
        where = f"{path}, line {number} ({record['actor'] or 'unnamed'})"
        if not record["actor"].strip() or not record["alias"].strip():
            raise ValueError(f"{where}: 'actor' and 'alias' must not be empty")
        if record["type"] not in ACTOR_TYPES:
            raise ValueError(f"{where}: type {record['type']!r} is invalid; use one of {', '.join(ACTOR_TYPES)}")
        source = record.get("source_of_name") or "dictionary"
        if source not in SOURCES:
            raise ValueError(f"{where}: source_of_name {source!r} is invalid; use one of {', '.join(SOURCES)}")
        start, stop = _date(record.get("valid_from"), where, "valid_from"), _date(record.get("valid_to"), where, "valid_to")
        if record["type"] == "person" and record["alias"][:1].islower() and pd.isna(start):
            raise ValueError(f"{where}: {record['alias']!r} names an office; give it a valid_from date (and valid_to)")
        rows.append({
            "actor": record["actor"].strip(), "type": record["type"], "alias": record["alias"].strip(),
            "metonym": str(record.get("metonym", "")).strip().lower() in ("true", "1", "yes"),
            "note": record.get("note", ""), "valid_from": start, "valid_to": stop, "source_of_name": source, "line": number,
        })  # fmt: skip
    return rows


def _check_rows(path: str, rows: list[dict]) -> pd.DataFrame:
    """Lemmatize the aliases; an alias (as lemmas) may name two actors only in periods that do not overlap."""
    owner: dict[tuple[str, ...], list[dict]] = {}
    kept = []
    for row in rows:
        row["lemmas"] = alias_lemmas(row["alias"])
        clash = None
        for other in owner.get(row["lemmas"], []):
            if _overlap(row, other):
                clash = other
                break
        if clash is not None and clash["actor"] != row["actor"]:
            raise ValueError(
                f"{path}, line {row['line']}: alias {row['alias']!r} of {row['actor']!r} duplicates alias {clash['alias']!r} of "
                f"{clash['actor']!r} (line {clash['line']}), the same lemmas {' '.join(row['lemmas'])!r}; "
                f"keep the alias under one actor, make it longer, or give the two roles periods that do not overlap"
            )
        if clash is not None:
            continue  # the same actor twice («Соединенные»/«Соединённые Штаты»): one row is enough
        owner.setdefault(row["lemmas"], []).append(row)
        kept.append(row)
    table = pd.DataFrame(kept, columns=ACTOR_COLUMNS)
    table["valid_from"] = pd.to_datetime(table["valid_from"])
    table["valid_to"] = pd.to_datetime(table["valid_to"])
    return table.astype({"actor": "str", "type": "str", "alias": "str", "note": "str", "metonym": bool, "source_of_name": "str"})


def _overlap(a: dict, b: dict) -> bool:
    """Whether two rows' periods overlap (a name without a period always does)."""
    if pd.isna(a["valid_from"]) or pd.isna(b["valid_from"]):
        return True
    a_end = a["valid_to"] if not pd.isna(a["valid_to"]) else pd.Timestamp.max
    b_end = b["valid_to"] if not pd.isna(b["valid_to"]) else pd.Timestamp.max
    return a["valid_from"] < b_end and b["valid_from"] < a_end


def actor_table(mentions: pd.DataFrame, actors: pd.DataFrame | str | os.PathLike | None = None) -> pd.DataFrame:
    """Return the actor table behind a mention table, for review: the dictionary plus what was discovered.

    Save it with :func:`save_actors`, correct it (rename an actor, merge two by giving them one
    ``actor``, change a ``type``, delete a row), and pass it back: ``find_actors(tokens,
    actors=edited)`` or ``find_actors(tokens, actors="reviewed.yaml")``. Its entries then win
    over discovery; add ``discover=False`` to find only them.

    Parameters
    ----------
    mentions : DataFrame
        The table of :func:`find_actors`.
    actors : DataFrame, path or None
        The dictionary the mentions were found with (as for :func:`find_actors`); its rows come
        first, unchanged.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`load_actors`. Discovered actors get one row per name their
        mentions used (``alias``: «Тереза Мэй», «Мэй»), ``note`` with their number of mentions
        and documents, ``source_of_name`` "discovered"; role phrases found in one document
        only («премьер-министр Великобритании») are left out, since an office holds for a period
        (add them under ``roles`` with dates). Sorted: dictionary rows in table order, then
        discovered actors by mentions (most first), then name.

    Examples
    --------
    >>> from corpus_tools.tokens import tokenize
    >>> found = find_actors(tokenize(["Тереза Мэй приехала. Мэй сказала, что Песков прав."]))
    >>> table = actor_table(found)
    >>> print(table.loc[table.source_of_name == "discovered", ["actor", "alias", "note"]].to_string(index=False))
         actor      alias                                      note
    Тереза Мэй Тереза Мэй discovered: 2 mention(s) in 1 document(s)
    Тереза Мэй        Мэй discovered: 2 mention(s) in 1 document(s)
    """
    missing = [c for c in ("doc_id", "actor", "type", "alias", "source_of_name") if c not in mentions.columns]
    if missing:
        raise ValueError(f"mentions lacks column(s) {missing}; pass the table of find_actors()")
    dictionary = _actor_table(actors)
    found = mentions[mentions["source_of_name"] == "discovered"]
    found = found[~found["actor"].isin(set(dictionary["actor"]))]
    rows = []
    if len(found):
        counts = found.groupby("actor", sort=False).agg(n=("doc_id", "size"), docs=("doc_id", "nunique"), type=("type", "first"))
        counts = counts.reset_index().sort_values(["n", "actor"], ascending=[False, True], kind="mergesort")
        aliases = found.groupby("actor", sort=False)["alias"].agg(lambda a: list(dict.fromkeys(p for x in a for p in str(x).split(" + "))))
        for actor, kind, n, docs in counts[["actor", "type", "n", "docs"]].itertuples(index=False):
            names = [actor, *[a for a in aliases[actor] if a != actor]]
            for alias in names:
                if kind == "person" and alias[:1].islower():
                    continue  # a role phrase seen in one document: no period known
                rows.append({
                    "actor": actor, "type": kind, "alias": alias, "metonym": False,
                    "note": f"discovered: {n} mention(s) in {docs} document(s)",
                    "valid_from": pd.NaT, "valid_to": pd.NaT, "source_of_name": "discovered",
                })  # fmt: skip
    discovered = pd.DataFrame(rows, columns=[c for c in ACTOR_COLUMNS if c != "lemmas"])
    discovered["lemmas"] = [alias_lemmas(a) for a in discovered["alias"]]
    table = pd.concat([dictionary[ACTOR_COLUMNS], discovered[ACTOR_COLUMNS]], ignore_index=True)
    table["metonym"] = table["metonym"].astype(bool)
    # one alias for two actors would make the table unreadable again: the dictionary's wins
    return table.drop_duplicates(["lemmas", "valid_from"], keep="first").reset_index(drop=True)


def save_actors(table: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write an actor table (of :func:`load_actors` or :func:`actor_table`) as YAML or CSV, by the suffix.

    The YAML is laid out like ``data/actors.yaml`` (role periods under ``roles``, metonyms in
    their own section); the CSV has one row per alias with the columns of :func:`load_actors`
    except ``lemmas``. Either file reads back with :func:`load_actors` to the same table.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    path = Path(path)
    columns = [c for c in ACTOR_COLUMNS if c != "lemmas"]
    missing = [c for c in ("actor", "type", "alias") if c not in table.columns]
    if missing:
        raise ValueError(f"table lacks column(s) {missing}; pass the table of load_actors() or actor_table()")
    table = _actor_table(table)
    if path.suffix.lower() == ".csv":
        out = table[columns].copy()
        for column in ("valid_from", "valid_to"):
            out[column] = out[column].dt.strftime("%Y-%m-%d").fillna("")
        out.to_csv(path, index=False, encoding="utf-8")
        return path
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise ValueError(f"{path}: write the actor table as .yaml, .yml or .csv")
    actors, metonyms = [], []
    for actor, group in table.groupby("actor", sort=False):
        named = group[~group["metonym"]]
        if len(named):
            entry = {"actor": actor, "type": str(named["type"].iloc[0])}
            entry["aliases"] = named.loc[named["valid_from"].isna(), "alias"].tolist() or [actor]
            roles = []
            for (start, stop), role in named[named["valid_from"].notna()].groupby(["valid_from", "valid_to"], sort=False, dropna=False):
                item = {"aliases": role["alias"].tolist(), "from": start.date().isoformat()}
                if not pd.isna(stop):
                    item["to"] = stop.date().isoformat()
                roles.append(item)
            if roles:
                entry["roles"] = roles
            entry["note"] = str(named["note"].iloc[0]) or "-"
            if named["source_of_name"].iloc[0] != "dictionary":
                entry["source_of_name"] = str(named["source_of_name"].iloc[0])
            actors.append(entry)
        extra = group[group["metonym"]]
        if len(extra):
            metonyms.append({"actor": actor, "aliases": extra["alias"].tolist(), "note": str(extra["note"].iloc[0]) or "-"})
    data = {"actors": actors, **({"metonyms": metonyms} if metonyms else {})}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    return path


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
    for column in ("valid_from", "valid_to"):
        table[column] = pd.to_datetime(table[column]) if column in table.columns else pd.NaT
    if "source_of_name" not in table.columns:
        table["source_of_name"] = "dictionary"
    table["source_of_name"] = table["source_of_name"].fillna("dictionary").astype(str)
    return table.reset_index(drop=True)


def find_actors(
    tokens: pd.DataFrame,
    actors: pd.DataFrame | str | os.PathLike | None = None,
    *,
    metonyms: bool = True,
    discover: bool = True,
    dates: pd.Series | pd.DataFrame | dict | None = None,
) -> pd.DataFrame:
    """Return one row per mention of an actor in the token table: dictionary entries and discovered names.

    See the module docstring for the matching rules (lemmas, capitalization, longest match,
    apposition, role periods) and :mod:`corpus_tools.propernames` for the discovery rule.

    Parameters
    ----------
    tokens : DataFrame
        The token table of :func:`corpus_tools.tokenize` (needs ``doc_id, sent_id, token_id,
        start, stop, token, lemma``; ``upos`` helps discovery). Not modified.
    actors : DataFrame, path or None
        The dictionary: the table of :func:`load_actors` (possibly filtered, extended, or the
        reviewed export of :func:`actor_table`), the path of a YAML or CSV table, or None for
        the bundled ``data/actors.yaml``. A DataFrame needs ``actor`` and ``alias``;
        ``lemmas``, ``type``, ``metonym``, ``valid_from``/``valid_to`` and ``source_of_name``
        are filled in when absent. Dictionary entries win over discovered names.
    metonyms : bool
        False ignores metonym aliases («Кремль», «Белый дом», «Москва» …), so only actors named
        outright are found.
    discover : bool
        True (default) also finds persons, organisations and places that the dictionary lacks
        (:func:`corpus_tools.propernames.discover_names`), in the nominative, with surnames and
        role phrases linked to the full name (module docstring). False finds dictionary entries only.
    dates : Series, DataFrame or dict, optional
        The date of each document: a Series or dict keyed by ``doc_id``, or a documents table
        with ``doc_id`` and ``date``. A role alias with a period (``valid_from``) names its
        person only in documents dated inside it; without a date, only where the document names
        the person with the role back to back.

    Returns
    -------
    pandas.DataFrame
        ``doc_id``; ``sent_id`` and ``token_id`` of the first token; ``start``, ``stop``
        (offsets of the mention in ``corpus_tools.document_text``); ``text`` (the mention
        rebuilt from its tokens, a single space wherever the text has any); ``actor`` (the
        canonical name), ``type``; ``alias`` (the alias matched, parts joined by ``" + "`` for
        an apposition; for a discovered name its nominative form); ``metonym`` (every part is a
        metonym); ``source_of_name`` ("dictionary" or "discovered"). Sorted by document order,
        then ``start``.

    Examples
    --------
    >>> from corpus_tools.tokens import tokenize
    >>> toks = tokenize(["Президентом Казахстана Касым-Жомартом Токаевым восхищается Тереза Мэй, а Кремль молчит. "
    ...                  "Мэй улыбнулась."])
    >>> print(find_actors(toks)[["text", "actor", "source_of_name"]].to_string(index=False))
                                              text      actor source_of_name
    Президентом Казахстана Касым-Жомартом Токаевым     Токаев     dictionary
                                        Тереза Мэй Тереза Мэй     discovered
                                            Кремль     Россия     dictionary
                                               Мэй Тереза Мэй     discovered
    >>> find_actors(toks, metonyms=False, discover=False).actor.tolist()
    ['Токаев']
    """
    missing = [c for c in _TOKEN_COLUMNS if c not in tokens.columns]
    if missing:
        raise ValueError(f"tokens lacks column(s) {missing}; pass the token table of corpus_tools.tokenize()")
    table = _actor_table(actors)
    if not metonyms:
        table = table[~table["metonym"].to_numpy(dtype=bool)].reset_index(drop=True)
    if tokens.empty or (table.empty and not discover):
        return _empty(tokens)
    tokens, doc = _in_text_order(tokens)
    sentence = sentence_key(tokens, doc)
    found = _dictionary_matches(tokens, table, doc, sentence, _doc_dates(dates, tokens, doc))
    if discover:
        from corpus_tools.discovery import discovered_mentions

        found = discovered_mentions(tokens, doc, sentence, found, table)
    return _mentions(tokens, found, sentence, doc)


def _doc_dates(dates, tokens: pd.DataFrame, doc: np.ndarray) -> np.ndarray:
    """One datetime64 per document code (NaT when unknown)."""
    ids = pd.unique(tokens["doc_id"])
    if dates is None:
        return np.full(len(ids), np.datetime64("NaT"), dtype="datetime64[ns]")
    if isinstance(dates, pd.DataFrame):
        missing = [c for c in ("doc_id", "date") if c not in dates.columns]
        if missing:
            raise ValueError(f"dates lacks column(s) {missing}; pass the documents table (doc_id, date) or a Series keyed by doc_id")
        dates = pd.Series(dates["date"].to_numpy(), index=dates["doc_id"])
    elif isinstance(dates, dict):
        dates = pd.Series(dates, dtype=object)
    elif not isinstance(dates, pd.Series):
        raise TypeError(f"dates must be a Series or dict keyed by doc_id, or a documents table, not {type(dates).__name__}")
    values = pd.to_datetime(dates, errors="coerce", utc=True).dt.tz_localize(None)
    values = values[~values.index.duplicated()]
    return values.reindex(ids).to_numpy(dtype="datetime64[ns]")


class Found(NamedTuple):
    """Mentions before merging appositions: token spans and their labels, one entry per span."""

    starts: np.ndarray
    lengths: np.ndarray
    actor: np.ndarray
    type: np.ndarray
    alias: np.ndarray
    metonym: np.ndarray
    source: np.ndarray


def _dictionary_matches(tokens, table, doc, sentence, doc_dates) -> Found:
    """The dictionary's mentions: aliases matched, role periods checked, overlaps resolved."""
    if table.empty:
        return _found(table, *(np.zeros(0, dtype=np.int64),) * 3)
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
    cased = table["alias"].astype(str).str[:1].str.isupper().to_numpy(dtype=bool)

    starts, lengths, rows = _match(patterns, cased, lemma_code, form_code, capital, sentence)
    role = table["valid_from"].notna().to_numpy()
    if role.any() and len(starts):
        # an office names its holder in a document dated inside the term, or in one that names
        # the holder with it back to back («президент Казахстана Касым-Жомарт Токаев»)
        when = doc_dates[doc[starts]]
        begin = table["valid_from"].to_numpy(dtype="datetime64[ns]")[rows]
        end = table["valid_to"].to_numpy(dtype="datetime64[ns]")[rows]
        dated = ~np.isnat(when) & (when >= begin) & (np.isnat(end) | (when < end))
        valid = ~role[rows] | dated
        s1, l1, r1 = _resolve_overlaps(starts, lengths, rows)
        supported = _appositions(s1, l1, r1, role, table, doc, sentence)
        names = table["actor"].to_numpy(dtype=object)[rows]
        backed = np.fromiter(((d, a) in supported for d, a in zip(doc[starts].tolist(), names)), dtype=bool, count=len(starts))
        keep = valid | (role[rows] & backed)
        starts, lengths, rows = starts[keep], lengths[keep], rows[keep]
    starts, lengths, rows = _resolve_overlaps(starts, lengths, rows)
    return _found(table, starts, lengths, rows)


def _found(table, starts, lengths, rows) -> Found:
    pick = lambda column, dtype=object: table[column].to_numpy(dtype=dtype)[rows]  # noqa: E731
    return Found(starts, lengths, pick("actor"), pick("type"), pick("alias"), pick("metonym", bool), pick("source_of_name"))


def _appositions(starts, lengths, rows, role, table, doc, sentence) -> set:
    """(document, actor) pairs where a role alias and a name of the same actor stand back to back."""
    actor = table["actor"].to_numpy(dtype=object)[rows]
    is_role = role[rows]
    ends = starts + lengths
    pairs = set()
    for i in range(len(starts) - 1):
        if actor[i] == actor[i + 1] and ends[i] == starts[i + 1] and sentence[starts[i]] == sentence[starts[i + 1]] and is_role[i] != is_role[i + 1]:
            pairs.add((int(doc[starts[i]]), actor[i]))
    return pairs


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


def _mentions(tokens, found: Found, sentence, doc) -> pd.DataFrame:
    """Merge back-to-back mentions of one actor in one sentence and build the output table."""
    if len(found.starts) == 0:
        return _empty(tokens)
    order = np.argsort(found.starts, kind="stable")
    found = Found(*(np.asarray(column)[order] for column in found))
    starts, lengths, rows = found.starts, found.lengths, np.arange(len(found.starts))
    actor_codes = pd.factorize(found.actor)[0]
    ends = starts + lengths  # exclusive
    same = (actor_codes[1:] == actor_codes[:-1]) & (starts[1:] == ends[:-1]) & (sentence[starts[1:]] == sentence[starts[:-1]])
    first_of = np.flatnonzero(np.r_[True, ~same])
    last_of = np.r_[first_of[1:], len(starts)] - 1
    first_tok = starts[first_of]
    last_tok = ends[last_of] - 1

    aliases = found.alias.astype(object)
    alias_text = [" + ".join(aliases[a : b + 1]) for a, b in zip(first_of, last_of)]
    metonym = np.logical_and.reduceat(found.metonym.astype(bool), first_of)
    # an apposition with a dictionary part is the dictionary's
    dictionary = np.logical_or.reduceat(found.source == "dictionary", first_of)
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
            "actor": pd.Series(found.actor.astype(object)[first_rows], dtype="str"),
            "type": pd.Series(found.type.astype(object)[first_rows], dtype="str"),
            "alias": pd.Series(alias_text, dtype="str"),
            "metonym": metonym.astype(bool),
            "source_of_name": pd.Series(np.where(dictionary, "dictionary", "discovered"), dtype="str"),
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
