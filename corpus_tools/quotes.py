"""Who says what: quotations in news texts, direct and indirect, with their speakers.

:func:`quotes` returns one row per quotation with the character offsets of the quoted words in
:func:`corpus_tools.document_text`, the phrase that names the speaker, and the speaker as a
canonical actor of :mod:`corpus_tools.actors`.

What counts as a quotation
--------------------------
Quotation marks alone do not make a quotation: news puts titles, names and scare quotes in them
(«C5+1», «Аурус», «за чайным столом», назвал Путина своим «старшим товарищем»). A quoted span is
a **direct** quotation only when a speech verb (``data/speech_verbs.txt``) attributes it by one
of these patterns:

- ``«…», — заявил X`` (after the closing mark: a comma, ``!``, ``?``, ``…`` or a dash, at most
  three words, then the verb), when the marks open the sentence; otherwise ``…, пишет X`` reports
  the whole sentence and is indirect (below);
- ``«…, — пояснил X. — …»``: an attribution inside the marks splits the quotation into two rows
  with the same speaker (the quotation continues after it);
- ``X заявил: «…»``, and the headline form ``X: «…»`` where X is exactly one actor mention;
- ``X заявил, что «…»``: the marks open right after «что»;
- ``по словам X, «…»`` and the other frames below, when the marks hold the whole clause.

Everything else is **indirect**, the reported clause without marks:

- ``X заявил, что …`` (also with a gerund, «заявив, что»): the clause after «что» to the end of
  the sentence;
- ``X заявил: …`` without marks: the clause after the colon;
- ``…, сообщает X.``: a report verb after a comma at the very end of the sentence; the clause
  is the sentence before the comma;
- ``как заявил X, …`` / ``…, как заявил X``, and the frames ``по словам`` / ``по мнению`` /
  ``по оценке`` / ``по данным`` / ``по информации`` / ``по сведениям`` / ``по утверждению`` /
  ``по версии`` ``X, …``: the rest of the sentence (the part before the frame when the frame
  ends it; the whole sentence when the frame sits in the middle).

Quoted words inside an indirect clause are a mixed quotation and stay part of that clause
(«Матвиенко … заявив, что визит Токаева «придаст мощный импульс…»» is one indirect row), so a
scare-quoted fragment never becomes a direct quotation on its own. A clause ends before a
trailing report (``…, пишет NY Times``), whose verb is then not used again. An indirect pattern
without a speaker phrase («Надо признать, что …», «было объявлено, что …») is not a quotation,
nor is a negated verb («не сказал, что»). Inside a direct quotation only a named actor can be
the speaker of an indirect one: «М.Тлеуберди отметил, что …» inside the ministry's quoted
statement is Тлеуберди's indirect quotation, while the statement is the ministry's direct one.

Text units: quotation marks «…», „…“, “…” and "…" pair up within one line (nested marks stay
inside the outer pair; an unclosed mark is dropped at the end of its line), so a quotation never
spans paragraphs. Sentences are those of :func:`corpus_tools.tokenize`, also split where scraped
text glued two together («человек.По словам», «эксперт."Еще»).

Speakers
--------
The speaker phrase is looked for between the verb and the next punctuation («— сказал
президент Казахстана», «заявил Песков, что»), and otherwise before the verb, nearest first,
within the sentence:

- an actor mention whose first word can be nominative, does not follow a preposition, and, if
  it is a name, agrees in gender with a past-tense verb (so «Токаев на встрече со спикером …
  Матвиенко подтвердил» is Токаев, and «Путина» is not the subject of «сказал»);
- a pronoun «он», «она», «они»;
- a noun or unknown name that can be the subject: an animate noun («политолог»), a source
  («власти», «источники», «СМИ», «пресс-служба»), a proper name outside the actor table
  («Кусаинов»), with its adjectives and the words after it («Власти Казахстана»);
- failing those, «в Кремле заявили», «в МВД Грузии заявили» count the place of the statement.

``speaker`` is then:

- the actor of a mention (names and role phrases alike: «сказал президент Казахстана» → Токаев);
- for an inanimate head with an actor after it, that actor («Власти Казахстана» → Казахстан,
  «Минобороны РФ» → Россия);
- for a bare role noun, the most recent earlier person in the document named with that role
  («отметил пресс-секретарь» → the «пресс-секретарь Кремля Дмитрий Песков» named before;
  «по словам политолога» → «политолог Артур Сулейманов»);
- for «он»/«она» and the generic «политик», «собеседник», «дипломат»: the speaker of the previous
  quotation if it is a person and its verb is at most two sentences back («Политик заявил, что …
  Он добавил, что …»), else the only person mentioned in the previous sentence and the current
  one before the pronoun; with several such people, or none, the speaker stays empty.

Unresolved speakers keep ``speaker`` missing and ``speaker_text`` filled.
"""

from __future__ import annotations

import bisect
import functools
import os
import re

import numpy as np
import pandas as pd

from corpus_tools import morphology
from corpus_tools.actors import find_actors
from corpus_tools.resources import read_word_list
from corpus_tools.tokens import document_text, tokenize

QUOTE_COLUMNS = ["doc_id", "sent_id", "start", "stop", "quote", "speaker_text", "speaker", "verb", "kind"]
_TOKEN_COLUMNS = ("doc_id", "sent_id", "token_id", "start", "stop", "token", "lemma", "upos")

_MARKS = re.compile(r'[«»„“”"\n]')
_MARK_TOKENS = ("«", "»", "„", "“", "”", '"')
_DASHES = frozenset({"—", "–", "-", "−", "―", "--"})
_END = frozenset({".", "!", "?", "…", "...", "?!", "!?", "?..", "!.."})
_BEFORE_DASH = frozenset({",", "!", "?", "…", "...", "?!", "!?"})
_PRONOUNS = frozenset({"он", "она", "они"})
_FRAME_NOUNS = ("слово", "мнение", "оценка", "данные", "информация", "сведение", "утверждение", "версия")
# nouns that name a source of words without being a person
_SOURCE_HEADS = frozenset({
    "власть", "правительство", "руководство", "администрация", "ведомство", "министерство", "пресс-служба",
    "посольство", "источник", "сми", "издание", "агентство", "газета", "телеканал", "канал", "штаб",
    "командование", "кабмин", "парламент", "суд", "прокуратура", "полиция", "мэрия", "канцелярия",
})  # fmt: skip
# a generic word for the person just quoted, resolved like a pronoun
_GENERIC_PERSONS = frozenset({"политик", "собеседник", "дипломат"})
# a masculine surname in the nominative, which pymorphy3 often lacks («Токаев», «Жапаров»)
_MASC_SURNAME = re.compile(r"[а-я-]{2,}(?:ов|ев|ин|ын)")
_NAME_GRAMMEMES = frozenset({"Surn", "Name", "Patr"})
_HEADS = ("NOUN", "PROPN")


@functools.lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Return the lemmas of ``data/speech_verbs.txt`` (lowercase, «ё» as «е»).

    Examples
    --------
    >>> {"заявить", "сказать", "сообщать"} <= speech_verbs()
    True
    """
    return frozenset(morphology.fold_yo(w.lower()) for w in read_word_list("speech_verbs.txt"))


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(open, close)`` offsets of the outermost pairs of quotation marks in ``text``.

    «…», „…“, “…” and "…" pair within one line; nested pairs stay inside the outer one; an
    unclosed mark is dropped at the end of its line; empty pairs are skipped.

    Examples
    --------
    >>> text = 'Он сказал: «Это „Аурус“». И "ещё"\\nи «обрыв'
    >>> [text[o + 1 : c] for o, c in quote_spans(text)]
    ['Это „Аурус“', 'ещё']
    """
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []

    def close(kinds: str, at: int) -> None:
        depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] in kinds), None)
        if depth is None:
            return
        opened = stack[depth][1]
        del stack[depth:]
        if not stack and text[opened + 1 : at].strip():
            spans.append((opened, at))

    for match in _MARKS.finditer(text):
        mark, at = match.group(), match.start()
        if mark == "\n":
            stack.clear()
        elif mark in "«„":
            stack.append((mark, at))
        elif mark == "»":
            close("«", at)
        elif mark == "“":
            # closes „…“; otherwise opens English-style “…”
            if stack and stack[-1][0] == "„":
                close("„", at)
            else:
                stack.append((mark, at))
        elif mark == "”":
            close("“„", at)
        elif any(kind == '"' for kind, _ in stack):
            close('"', at)
        else:
            stack.append((mark, at))
    return spans


def quotes(
    docs: pd.DataFrame | pd.Series | list[str],
    tokens: pd.DataFrame | None = None,
    *,
    actors: pd.DataFrame | str | os.PathLike | None = None,
    discover: bool = True,
) -> pd.DataFrame:
    """Return one row per quotation: the quoted words, who is quoted and how.

    The patterns and the speaker rules are in Notes below (the module's docstring, repeated).

    Parameters
    ----------
    docs : DataFrame, Series or list of str
        The documents, as for :func:`corpus_tools.tokenize` (``doc_id``, ``text``, optional
        ``title``). Not modified.
    tokens : DataFrame, optional
        Their token table from :func:`corpus_tools.tokenize`; computed when not given. Needs
        ``doc_id, sent_id, token_id, start, stop, token, lemma, upos`` (``pos`` and
        ``is_punct`` are used when present). Not modified.
    actors : DataFrame, path or None
        The actor table for the speakers, as for :func:`corpus_tools.actors.find_actors`
        (metonyms included: «в Кремле заявили» → Россия). None uses the bundled table.
    discover : bool
        True (default): speakers that no table lists are found too, through the names
        :func:`corpus_tools.find_actors` discovers («заявил Кусаинов» → Кусаинов; «сказала
        Тереза Мэй» → Тереза Мэй). Role phrases of the table («госсекретарь США») resolve only
        in documents whose ``date`` (a column of ``docs``) lies in the role's period, or that
        name the holder with the role.

    Returns
    -------
    pandas.DataFrame
        ``doc_id``; ``sent_id`` of the first quoted token; ``start``, ``stop``: offsets of the
        quotation in ``document_text(docs)``, without the quotation marks, so
        ``document_text(docs)[i][start:stop] == quote``; ``quote``; ``speaker_text`` (the phrase
        that names the speaker as written, or missing); ``speaker`` (canonical actor, or missing
        when unresolved); ``verb`` (lemma of the speech verb, or the frame such as
        ``"по словам"``; missing for the headline form ``X: «…»``); ``kind`` (``"direct"`` or
        ``"indirect"``). Sorted by document order, ``start``, then ``stop``.

    Notes
    -----
    :func:`quotes` returns one row per quotation with the character offsets of the quoted words in
    :func:`corpus_tools.document_text`, the phrase that names the speaker, and the speaker as a
    canonical actor of :mod:`corpus_tools.actors`.

    **What counts as a quotation**

    Quotation marks alone do not make a quotation: news puts titles, names and scare quotes in them
    («C5+1», «Аурус», «за чайным столом», назвал Путина своим «старшим товарищем»). A quoted span is
    a **direct** quotation only when a speech verb (``data/speech_verbs.txt``) attributes it by one
    of these patterns:

    - ``«…», — заявил X`` (after the closing mark: a comma, ``!``, ``?``, ``…`` or a dash, at most
      three words, then the verb), when the marks open the sentence; otherwise ``…, пишет X`` reports
      the whole sentence and is indirect (below);
    - ``«…, — пояснил X. — …»``: an attribution inside the marks splits the quotation into two rows
      with the same speaker (the quotation continues after it);
    - ``X заявил: «…»``, and the headline form ``X: «…»`` where X is exactly one actor mention;
    - ``X заявил, что «…»``: the marks open right after «что»;
    - ``по словам X, «…»`` and the other frames below, when the marks hold the whole clause.

    Everything else is **indirect**, the reported clause without marks:

    - ``X заявил, что …`` (also with a gerund, «заявив, что»): the clause after «что» to the end of
      the sentence;
    - ``X заявил: …`` without marks: the clause after the colon;
    - ``…, сообщает X.``: a report verb after a comma at the very end of the sentence; the clause
      is the sentence before the comma;
    - ``как заявил X, …`` / ``…, как заявил X``, and the frames ``по словам`` / ``по мнению`` /
      ``по оценке`` / ``по данным`` / ``по информации`` / ``по сведениям`` / ``по утверждению`` /
      ``по версии`` ``X, …``: the rest of the sentence (the part before the frame when the frame
      ends it; the whole sentence when the frame sits in the middle).

    Quoted words inside an indirect clause are a mixed quotation and stay part of that clause
    («Матвиенко … заявив, что визит Токаева «придаст мощный импульс…»» is one indirect row), so a
    scare-quoted fragment never becomes a direct quotation on its own. A clause ends before a
    trailing report (``…, пишет NY Times``), whose verb is then not used again. An indirect pattern
    without a speaker phrase («Надо признать, что …», «было объявлено, что …») is not a quotation,
    nor is a negated verb («не сказал, что»). Inside a direct quotation only a named actor can be
    the speaker of an indirect one: «М.Тлеуберди отметил, что …» inside the ministry's quoted
    statement is Тлеуберди's indirect quotation, while the statement is the ministry's direct one.

    Text units: quotation marks «…», „…“, “…” and "…" pair up within one line (nested marks stay
    inside the outer pair; an unclosed mark is dropped at the end of its line), so a quotation never
    spans paragraphs. Sentences are those of :func:`corpus_tools.tokenize`, also split where scraped
    text glued two together («человек.По словам», «эксперт."Еще»).

    **Speakers**

    The speaker phrase is looked for between the verb and the next punctuation («— сказал
    президент Казахстана», «заявил Песков, что»), and otherwise before the verb, nearest first,
    within the sentence:

    - an actor mention whose first word can be nominative, does not follow a preposition, and, if
      it is a name, agrees in gender with a past-tense verb (so «Токаев на встрече со спикером …
      Матвиенко подтвердил» is Токаев, and «Путина» is not the subject of «сказал»);
    - a pronoun «он», «она», «они»;
    - a noun or unknown name that can be the subject: an animate noun («политолог»), a source
      («власти», «источники», «СМИ», «пресс-служба»), a proper name outside the actor table
      («Кусаинов»), with its adjectives and the words after it («Власти Казахстана»);
    - failing those, «в Кремле заявили», «в МВД Грузии заявили» count the place of the statement.

    ``speaker`` is then:

    - the actor of a mention (names and role phrases alike: «сказал президент Казахстана» → Токаев);
    - for an inanimate head with an actor after it, that actor («Власти Казахстана» → Казахстан,
      «Минобороны РФ» → Россия);
    - for a bare role noun, the most recent earlier person in the document named with that role
      («отметил пресс-секретарь» → the «пресс-секретарь Кремля Дмитрий Песков» named before;
      «по словам политолога» → «политолог Артур Сулейманов»);
    - for «он»/«она» and the generic «политик», «собеседник», «дипломат»: the speaker of the previous
      quotation if it is a person and its verb is at most two sentences back («Политик заявил, что …
      Он добавил, что …»), else the only person mentioned in the previous sentence and the current
      one before the pronoun; with several such people, or none, the speaker stays empty.

    Unresolved speakers keep ``speaker`` missing and ``speaker_text`` filled.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["d"], "date": ["2025-11-01"], "text": [
    ...     "Песков встретил гостей «за чайным столом». «Визит важен», — заявил Песков. "
    ...     "По словам пресс-секретаря Кремля, переговоры продолжатся."]})
    >>> quotes(docs)[["quote", "speaker", "verb", "kind"]]
                        quote speaker       verb      kind
    0             Визит важен  Песков    заявить    direct
    1  переговоры продолжатся  Песков  по словам  indirect
    """
    texts = document_text(docs)
    if isinstance(docs, pd.DataFrame):
        doc_ids = docs["doc_id"].tolist()
    else:
        doc_ids = list(range(len(texts)))
    text_of = dict(zip(doc_ids, texts.tolist()))
    if tokens is None:
        tokens = tokenize(docs)
    missing = [c for c in _TOKEN_COLUMNS if c not in tokens.columns]
    if missing:
        raise ValueError(f"tokens lacks column(s) {missing}; pass the token table of corpus_tools.tokenize(docs)")
    dates = docs[["doc_id", "date"]] if isinstance(docs, pd.DataFrame) and "date" in docs.columns else None
    context = _Context(tokens, find_actors(tokens, actors, metonyms=True, discover=discover, dates=dates))
    unknown = [d for d in context.doc_ids if d not in text_of]
    if unknown:
        raise ValueError(f"tokens has doc_id(s) not in docs, e.g. {unknown[:3]}; pass the token table of these same docs")
    rows: list[dict] = []
    for code in np.flatnonzero(context.candidate_docs):
        lo, hi = context.doc_bounds(int(code))
        doc_id = context.doc_ids[code]
        text = text_of[doc_id]
        for event in _Document(context, lo, hi, text).events():
            event.update(doc_id=doc_id, quote=text[event["start"] : event["stop"]])
            rows.append(event)
    return _table(rows, context.doc_ids, tokens["doc_id"].dtype)


def _table(rows: list[dict], doc_order: list, doc_dtype) -> pd.DataFrame:
    """The output table: typed columns, sorted by document order, start, stop; duplicates dropped."""
    if not rows:
        table = pd.DataFrame({c: pd.Series(dtype="str") for c in QUOTE_COLUMNS})
        table["doc_id"] = pd.Series(dtype=doc_dtype)
        for column in ("sent_id", "start", "stop"):
            table[column] = pd.Series(dtype=np.int64)
        return table[QUOTE_COLUMNS]
    table = pd.DataFrame(rows)
    table["_order"] = table["doc_id"].map({d: i for i, d in enumerate(doc_order)})
    table = table.sort_values(["_order", "start", "stop"], kind="mergesort")
    table = table.drop_duplicates(["_order", "start", "stop"]).reset_index(drop=True)
    return pd.DataFrame(
        {
            "doc_id": pd.Series(table["doc_id"].tolist(), dtype=doc_dtype),
            "sent_id": table["sent_id"].astype(np.int64),
            "start": table["start"].astype(np.int64),
            "stop": table["stop"].astype(np.int64),
            **{c: table[c].astype("str") for c in ("quote", "speaker_text", "speaker", "verb", "kind")},
        }
    )


def _strings(series: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Codes and distinct values (as str) of a column, so per-value work is done once."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        # missing values (code -1) read as "", the last of the distinct values
        codes = series.cat.codes.to_numpy().astype(np.int64)
        uniques = pd.Series([*series.cat.categories.astype(str), ""], dtype="str")
        return np.where(codes < 0, len(uniques) - 1, codes), uniques
    if not pd.api.types.is_string_dtype(series.dtype) or series.dtype == object:
        series = series.astype("str")
    codes, uniques = pd.factorize(series)
    return codes, pd.Series(uniques, dtype="str")


class _Context:
    """Token and mention arrays of the whole corpus, indexed by global token position."""

    def __init__(self, tokens: pd.DataFrame, mentions: pd.DataFrame) -> None:
        doc_codes, doc_ids = pd.factorize(tokens["doc_id"])
        starts = tokens["start"].to_numpy(dtype=np.int64)
        if len(starts) and (np.any(np.diff(doc_codes) < 0) or np.any((np.diff(starts) <= 0) & (np.diff(doc_codes) == 0))):
            # a re-sorted table: back to text order (a copy; the caller's table is untouched)
            order = np.lexsort((starts, doc_codes))
            tokens = tokens.take(order).reset_index(drop=True)
            doc_codes, starts = doc_codes[order], starts[order]
        n = len(starts)
        self.doc_ids = list(doc_ids)
        self.doc = doc_codes.astype(np.int64)
        self._bounds = np.searchsorted(self.doc, np.arange(len(doc_ids) + 1))
        self.start = starts
        self.stop = tokens["stop"].to_numpy(dtype=np.int64)
        self.sent_id = tokens["sent_id"].to_numpy(dtype=np.int64)

        # every per-token value is computed once per distinct value, then taken by code
        codes, uniques = _strings(tokens["token"])
        self.token = uniques.to_numpy(dtype=object)[codes]
        low = uniques.str.lower().str.replace("ё", "е")
        self.low = low.to_numpy(dtype=object)[codes]
        upper = uniques.str.match(r"[А-ЯЁ]").to_numpy(dtype=bool)[codes]
        length = uniques.str.len().to_numpy(dtype=np.int64)[codes]
        self.mark = uniques.isin(_MARK_TOKENS).to_numpy(dtype=bool)[codes]
        is_end = uniques.isin(list(_END)).to_numpy(dtype=bool)[codes]
        is_po = (low == "по").to_numpy(dtype=bool)[codes]
        codes, uniques = _strings(tokens["lemma"])
        folded = uniques.str.lower().str.replace("ё", "е")
        self.lemma = folded.to_numpy(dtype=object)[codes]
        speech_lemma = folded.isin(speech_verbs()).to_numpy(dtype=bool)[codes]
        frame_noun = folded.isin(_FRAME_NOUNS).to_numpy(dtype=bool)[codes]
        codes, uniques = _strings(tokens["upos"])
        self.upos = uniques.to_numpy(dtype=object)[codes]
        punct = uniques.isin(["PUNCT", "SYM"]).to_numpy(dtype=bool)[codes]
        # pymorphy3's pos tells finite verbs from gerunds and infinitives; without it upos VERB
        if "pos" in tokens.columns:
            codes, uniques = _strings(tokens["pos"])
        self.pos = uniques.to_numpy(dtype=object)[codes]
        self.speech = speech_lemma & uniques.isin(["VERB", "GRND", "INFN"]).to_numpy(dtype=bool)[codes]
        self.punct = tokens["is_punct"].to_numpy(dtype=bool) if "is_punct" in tokens.columns else punct
        same_doc = np.r_[False, self.doc[1:] == self.doc[:-1]]
        self.frame = np.zeros(n, dtype=bool)
        if n > 1:
            self.frame[:-1] = is_po[:-1] & frame_noun[1:] & same_doc[1:]

        # units: the tokenizer's sentences, also split where scraped text glued two together
        # («человек.По словам»), but not after an initial («М.Тлеуберди») or in «URA.RU»
        sentence = self.doc * (int(self.sent_id.max()) + 1 if n else 1) + self.sent_id
        new = np.r_[True, sentence[1:] != sentence[:-1]] if n else np.zeros(0, bool)
        if n > 2:
            glued = np.zeros(n, dtype=bool)
            after_end = is_end[1:-1] & (self.start[2:] == self.stop[1:-1])
            opener = upper[2:] | (self.mark[2:] & np.r_[upper[3:], False])
            glued[2:] = after_end & opener & (length[:-2] > 1) & same_doc[2:] & same_doc[1:-1]
            new |= glued
        self.unit = np.cumsum(new)
        first = np.flatnonzero(new)
        sizes = np.diff(np.r_[first, n])
        self.unit_first = np.repeat(first, sizes)
        self.unit_last = np.repeat(first + sizes - 1, sizes)

        # a document needs a speech verb or a frame, or «X: «…»» for the headline form
        colon_mark = np.zeros(n, dtype=bool)
        if n > 1:
            colon_mark[:-1] = (self.token[:-1] == ":") & self.mark[1:]
        # every document has tokens (its id comes from them), so reduceat sees no empty slice
        useful = (self.speech | self.frame | colon_mark).astype(np.int64)
        self.candidate_docs = np.add.reduceat(useful, self._bounds[:-1]) > 0 if n else np.zeros(0, dtype=bool)

        self._mentions(mentions, doc_ids)
        self._roles: dict[int, frozenset[str]] = {}

    def _mentions(self, mentions: pd.DataFrame, doc_ids: pd.Index) -> None:
        """Mention arrays and, per token, the mention covering it (-1 for none)."""
        m_doc = pd.Index(doc_ids).get_indexer(mentions["doc_id"]).astype(np.int64)
        # (document, offset) as one sortable number, to find each mention's tokens
        width = int(self.stop.max()) + 1 if len(self.stop) else 1
        self.m_first = np.searchsorted(self.doc * width + self.start, m_doc * width + mentions["start"].to_numpy(dtype=np.int64))
        self.m_last = np.searchsorted(self.doc * width + self.stop, m_doc * width + mentions["stop"].to_numpy(dtype=np.int64))
        self.m_actor = mentions["actor"].to_numpy(dtype=object)
        self.m_type = mentions["type"].to_numpy(dtype=object)
        self.m_text = mentions["text"].to_numpy(dtype=object)
        self.m_bounds = np.searchsorted(m_doc, np.arange(len(doc_ids) + 1))
        self.mention = np.full(len(self.start), -1, dtype=np.int64)
        lengths = self.m_last - self.m_first + 1
        covered = np.repeat(self.m_first, lengths) + (np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths))
        self.mention[covered] = np.repeat(np.arange(len(lengths)), lengths)

    def doc_bounds(self, code: int) -> tuple[int, int]:
        return int(self._bounds[code]), int(self._bounds[code + 1]) - 1

    def roles(self, m: int) -> frozenset[str]:
        """Role nouns a person was named with: nouns inside the mention and in the words just before it."""
        if m not in self._roles:
            first, last = int(self.m_first[m]), int(self.m_last[m])
            words = {self.lemma[i] for i in range(first, last + 1) if self.upos[i] == "NOUN"}
            i = first - 1
            # «политолог Артур Сулейманов», «военный летчик России генерал-майор Владимир Попов»
            while i >= max(first - 5, 0) and self.doc[i] == self.doc[first] and self.upos[i] in ("NOUN", "ADJ", "PROPN"):
                if self.upos[i] == "NOUN":
                    words.add(self.lemma[i])
                i -= 1
            self._roles[m] = frozenset(words)
        return self._roles[m]


@functools.lru_cache(maxsize=200_000)
def _readings(word: str) -> tuple[tuple[tuple[str, str, bool, bool], ...], bool]:
    """Nominative readings ``(pos, gender, animate, is_name)`` of a lowercase word, and whether its case is unknown."""
    parses = morphology.analyzer().parse(word)
    nominative = tuple(
        (str(p.tag.POS), str(p.tag.gender or ""), p.tag.animacy == "anim", bool(p.tag.grammemes & _NAME_GRAMMEMES))
        for p in parses
        if "nomn" in p.tag
    )
    unknown = not any(p.tag.case for p in parses) or not any(p.is_known for p in parses)
    return nominative, unknown


@functools.lru_cache(maxsize=50_000)
def _verb_form(word: str) -> tuple[str | None, bool]:
    """``(gender, plural)`` of a verb form: gender for the singular past tense, else None."""
    for parse in morphology.analyzer().parse(word.lower()):
        if parse.tag.POS in ("VERB", "GRND", "INFN"):
            return parse.tag.gender, parse.tag.number == "plur"
    return None, False


def _nominative(word: str, gender: str | None, *, animate: bool = False) -> bool:
    """Can ``word`` be the subject (nominative; a name agreeing with a verb of ``gender``)?"""
    low = word.lower().replace("ё", "е")
    if not animate and _MASC_SURNAME.fullmatch(low):
        return gender != "femn"
    readings, unknown = _readings(low)
    if unknown:
        return not animate
    for pos, kind, is_animate, name in readings:
        if animate and (pos != "NOUN" or not is_animate):
            continue
        # names agree in gender («Путина» is not the subject of «сказал»); role nouns need not:
        # «спикер … подчеркнула»
        if name and ((gender == "masc" and kind == "femn") or (gender == "femn" and kind == "masc")):
            continue
        return True
    return False


def _animate(word: str) -> bool:
    return any(is_animate for _, _, is_animate, _ in _readings(word.lower().replace("ё", "е"))[0])


class _Document:
    """Find the quotations of one document: global token positions ``lo..hi``, its ``text``."""

    def __init__(self, g: _Context, lo: int, hi: int, text: str) -> None:
        self.g, self.lo, self.hi, self.text = g, lo, hi, text
        self.starts = g.start[lo : hi + 1]
        self.stops = g.stop[lo : hi + 1]
        self.spans = quote_spans(text) if any(m in text for m in '«"„“') else []
        self.opens = [o for o, _ in self.spans]
        self.close_of = dict(self.spans)
        self.open_of = {c: o for o, c in self.spans}
        self.used: set[int] = set()
        self.found: list[dict] = []

    def events(self) -> list[dict]:
        """All quotations of the document with their speakers resolved."""
        g = self.g
        for o, c in self.spans:
            self.direct(o, c)
        for f in np.flatnonzero(g.frame[self.lo : self.hi + 1]) + self.lo:
            self.frame(int(f))
        for v in np.flatnonzero(g.speech[self.lo : self.hi + 1]) + self.lo:
            self.indirect(int(v))
        return self.resolve()

    # --- token helpers -------------------------------------------------------------------------
    def first_from(self, offset: int) -> int:
        """First token starting at or after ``offset``."""
        return self.lo + int(np.searchsorted(self.starts, offset, side="left"))

    def last_before(self, offset: int) -> int:
        """Last token ending at or before ``offset``."""
        return self.lo + int(np.searchsorted(self.stops, offset, side="right")) - 1

    def enclosing(self, i: int) -> tuple[int, int] | None:
        """The quoted span ``(open, close)`` that token ``i`` lies inside, if any."""
        k = bisect.bisect_left(self.opens, self.g.start[i]) - 1
        if k >= 0 and self.spans[k][0] < self.g.start[i] < self.spans[k][1]:
            return self.spans[k]
        return None

    def region(self, i: int) -> tuple[int, int, bool]:
        """The sentence of token ``i``, clamped to the quotation around it; and whether there is one."""
        lo, hi = int(self.g.unit_first[i]), int(self.g.unit_last[i])
        span = self.enclosing(i)
        if span is None:
            return lo, hi, False
        return max(lo, self.first_from(span[0] + 1)), min(hi, self.last_before(span[1])), True

    def is_verb(self, i: int, *, finite: bool = False) -> bool:
        """A speech verb not yet used and not negated (``finite``: not a gerund or infinitive)."""
        g = self.g
        if not (self.lo <= i <= self.hi) or not g.speech[i] or i in self.used:
            return False
        if i > self.lo and g.low[i - 1] == "не":
            return False
        return g.pos[i] == "VERB" if finite else True

    def add(self, first_char: int, stop_char: int, anchor: int, kind: str, verb, spec) -> None:
        """Record a quotation; ``anchor`` is the token (verb or frame) that orders resolution."""
        if stop_char <= first_char or spec is None:
            return
        sent = int(self.g.sent_id[min(self.first_from(first_char), self.hi)])
        self.found.append({"start": int(first_char), "stop": int(stop_char), "anchor": int(anchor), "kind": kind, "verb": verb, "spec": spec, "sent_id": sent})

    # --- speaker phrases -----------------------------------------------------------------------
    def mention_subject(self, m: int, gender: str | None) -> bool:
        g = self.g
        first = int(g.m_first[m])
        if first > self.lo and g.upos[first - 1] == "ADP":
            return False
        return _nominative(g.token[first], gender)

    def after_preposition(self, j: int, lo: int) -> bool:
        g = self.g
        k = j - 1
        while k >= lo and g.upos[k] in ("ADJ", "DET"):
            k -= 1
        return k >= lo and g.upos[k] == "ADP"

    def head_subject(self, j: int, gender: str | None) -> bool:
        """A noun or unknown name at ``j`` that can be the subject of a verb of ``gender``."""
        g = self.g
        if g.upos[j] == "PROPN" or g.lemma[j] in _SOURCE_HEADS:
            return _nominative(g.token[j], gender)
        if g.upos[j] != "NOUN":
            return False
        if _nominative(g.token[j], gender, animate=True):
            return True
        # an institution of an actor: «Минобороны РФ», «Власти Казахстана»
        after = g.mention[j + 1] if j + 1 <= self.hi else -1
        return after >= 0 and g.m_type[after] != "person" and _nominative(g.token[j], gender)

    def noun_phrase(self, head: int, lo: int, hi: int) -> tuple:
        """``("noun", head, first, last, owner)``: adjectives before, an actor mention or names after."""
        g = self.g
        a = head
        while a - 1 >= lo and (g.upos[a - 1] in ("ADJ", "DET") or (g.upos[head] == "PROPN" and g.upos[a - 1] == "PROPN")):
            a -= 1
        b, owner = head, -1
        if head + 1 <= hi and g.mention[head + 1] >= 0:
            owner = int(g.mention[head + 1])
            b = int(g.m_last[owner])
        else:
            while b + 1 <= min(hi, head + 3) and g.upos[b + 1] in _HEADS and g.mention[b + 1] < 0:
                b += 1
        return ("noun", head, a, b, owner)

    def phrase_after(self, v: int, hi: int, gender: str | None, *, strict: bool = False):
        """The speaker named right after the verb, up to the next punctuation (at most 8 words).

        ``strict`` accepts only a possible subject; otherwise a mention anywhere in the phrase
        («— говорится в заявлении Кремля») or the phrase itself is the last resort.
        """
        g = self.g
        j, mentions, owned, pronoun, noun = v + 1, [], [], None, None
        while j <= min(hi, v + 8):
            m = g.mention[j]
            if m >= 0:
                head = j - 1
                if g.m_type[m] != "person" and head > v and g.upos[head] in _HEADS and g.mention[head] < 0:
                    # a state or body after a noun depends on it: «сообщили в Минобороны РФ»,
                    # «в пресс-службе Кремля» name a source, «после саммита ОДКБ» does not
                    if g.low[head - 1] in ("в", "во") or (not self.after_preposition(head, v + 1) and _nominative(g.token[head], gender)):
                        owned.append(head)
                    elif not strict:
                        mentions.append(int(m))
                else:
                    mentions.append(int(m))
                j = int(g.m_last[m]) + 1
                continue
            if g.punct[j]:
                break
            if pronoun is None and g.low[j] in _PRONOUNS:
                pronoun = j
            elif noun is None and not self.after_preposition(j, v + 1) and self.head_subject(j, gender):
                noun = j
            j += 1
        end = j - 1
        subjects = [m for m in mentions if self.mention_subject(m, gender)]
        people = [m for m in subjects if g.m_type[m] == "person"]
        if people:
            return ("mention", people[0])
        if owned:
            return self.noun_phrase(owned[0], v + 1, end)
        if subjects:
            return ("mention", subjects[0])
        if pronoun is not None:
            return ("pronoun", pronoun)
        if noun is not None:
            return self.noun_phrase(noun, v + 1, end)
        if strict:
            return None
        if mentions:
            return ("mention", mentions[0])
        return ("text", v + 1, end) if end > v else None

    def subject_before(self, v: int, lo: int, inside: bool, gender: str | None, plural: bool):
        """The speaker named before the verb, nearest first (see the module docstring)."""
        g = self.g
        fallback = None
        j = v - 1
        while j >= lo:
            m = g.mention[j]
            if m >= 0:
                first = int(g.m_first[m])
                if first < lo:
                    break
                prev = first - 1
                if g.m_type[m] != "person" and prev >= lo and g.upos[prev] in _HEADS and g.mention[prev] < 0 and not inside:
                    j = prev  # «Власти Казахстана»: the noun before the mention is the head
                    continue
                if self.mention_subject(m, gender):
                    return ("mention", int(m))
                # «в Кремле заявили», «в МИД ответили»
                if fallback is None and prev >= lo and g.low[prev] in ("в", "во") and g.m_type[m] in ("organisation", "state"):
                    fallback = ("mention", int(m))
                j = prev
                continue
            if g.mark[j] and not inside:
                break
            if not inside:
                if g.low[j] in _PRONOUNS:
                    return ("pronoun", j)
                if g.upos[j] in _HEADS and not self.after_preposition(j, lo):
                    if self.head_subject(j, gender):
                        return self.noun_phrase(j, lo, v - 1)
                elif plural and fallback is None and g.upos[j] in _HEADS and j - 1 >= lo and g.low[j - 1] in ("в", "во"):
                    fallback = self.noun_phrase(j, lo, v - 1)  # «в МВД Грузии заявили»
            j -= 1
        return fallback

    def speaker_of(self, v: int, lo: int, hi_after: int, inside: bool):
        """The speaker between the verb and ``hi_after`` («заявил Песков, что»), else before the verb."""
        gender, plural = _verb_form(self.g.token[v])
        after = self.phrase_after(v, hi_after, gender, strict=True) if hi_after > v else None
        if after is not None and (after[0] == "mention" or not inside):
            return after
        return self.subject_before(v, lo, inside, gender, plural)

    # --- clauses -------------------------------------------------------------------------------
    def trailing_report(self, lo: int, hi: int):
        """``…, сообщает X.`` ending ``lo..hi``: ``(comma, verb, speaker)`` or None."""
        g = self.g
        k = hi
        while k > lo and g.token[k] in _END:
            k -= 1
        j, words = k, 0
        while j > lo and words <= 7:
            m = g.mention[j]
            if m >= 0 and g.m_first[m] > lo:
                j, words = int(g.m_first[m]) - 1, words + 1
                continue
            if g.punct[j]:
                return None
            if self.is_verb(j, finite=True):
                comma = j - 1
                if g.token[comma] in _DASHES and comma - 1 > lo:
                    comma -= 1
                if g.token[comma] != "," or j == k:
                    return None
                spec = self.phrase_after(j, k, _verb_form(g.token[j])[0])
                if spec is None or spec[0] == "text":
                    return None
                return comma, j, spec
            if g.upos[j] == "VERB":
                return None
            j, words = j - 1, words + 1
        return None

    def clause(self, first: int, last: int) -> tuple[int, int]:
        """Trim a reported clause: cut a trailing report, edge punctuation and unpaired marks."""
        g = self.g
        report = self.trailing_report(first, last) if last > first else None
        if report is not None:
            last = report[0] - 1
            self.used.add(report[1])
        while True:
            while last >= first and g.punct[last] and not (g.mark[last] or g.token[last] in ")]"):
                last -= 1
            while first <= last and g.punct[first] and not (g.mark[first] or g.token[first] in "(["):
                first += 1
            # a mark whose partner lies outside the clause («…руководитель."Аккредитованная…»)
            if first <= last and g.mark[last] and self.open_of.get(int(g.start[last]), -1) < g.start[first]:
                last -= 1
            elif first <= last and g.mark[first] and self.close_of.get(int(g.start[first]), 1 << 62) >= g.stop[last]:
                first += 1
            else:
                return first, last

    def add_clause(self, first: int, last: int, anchor: int, verb, spec) -> None:
        """An indirect quotation, or a direct one when the clause is exactly one quoted span."""
        g = self.g
        if last < first or spec is None or all(g.punct[first : last + 1]):
            return
        if any(i in self.used for i in np.flatnonzero(g.speech[first : last + 1]) + first):
            return  # the clause holds a quotation already attributed
        o = int(g.start[first])
        if g.mark[first] and g.mark[last] and self.close_of.get(o) == int(g.start[last]):
            self.add(o + 1, int(g.start[last]), anchor, "direct", verb, spec)
        else:
            self.add(o, int(g.stop[last]), anchor, "indirect", verb, spec)

    # --- patterns ------------------------------------------------------------------------------
    def direct(self, o: int, c: int) -> None:
        """Attribute the quoted span ``(o, c)`` if a pattern of the module docstring fits."""
        g = self.g
        a, z = self.first_from(o + 1), self.last_before(c)
        if a > z or a > self.hi or self.interrupted(o, c, a, z):
            return
        before = self.last_before(o)
        # «…», — заявил X: the marks open the sentence, else «…, пишет X» reports all of it
        t = self.first_from(c + 1)
        opens_sentence = all(g.punct[i] for i in range(int(g.unit_first[a]), a))
        separated = False
        if t <= self.hi and g.token[t] in _BEFORE_DASH | {"."}:
            # after «.» only a dash continues: «…». — сказал он
            t, separated = t + 1, g.token[t] != "."
        if t <= self.hi and g.token[t] in _DASHES:
            t, separated = t + 1, True
        if separated and opens_sentence:
            for v in range(t, min(t + 4, self.hi + 1)):
                if g.punct[v] or "\n" in self.text[c : g.start[v]]:
                    break
                if self.is_verb(v, finite=True):
                    gender, plural = _verb_form(g.token[v])
                    spec = self.phrase_after(v, int(g.unit_last[v]), gender) or self.subject_before(v, t, False, gender, plural)
                    self.used.add(v)
                    self.add(o + 1, c, v, "direct", g.lemma[v], spec)
                    return
        if before < self.lo:
            return
        lo = int(g.unit_first[before])
        if g.token[before] == ":":
            # X заявил: «…»
            for v in range(before - 1, max(lo, before - 10) - 1, -1):
                if g.mark[v] or g.token[v] in _END:
                    break
                if self.is_verb(v) and g.pos[v] != "INFN":
                    self.used.add(v)
                    self.add(o + 1, c, v, "direct", g.lemma[v], self.speaker_of(v, lo, before - 1, False))
                    return
            # Песков: «…»
            m = g.mention[before - 1] if before - 1 >= lo else -1
            if m >= 0 and g.m_first[m] == lo:
                self.add(o + 1, c, before, "direct", None, ("mention", int(m)))
            return
        if g.low[before] == "что":
            # X сказал, что «…»
            k = before - 1
            if k >= lo and g.token[k] == ",":
                k -= 1
            j = k
            while j >= max(lo, k - 6):
                m = g.mention[j]
                if m >= 0:
                    j = int(g.m_first[m]) - 1
                    continue
                if g.punct[j]:
                    break
                if self.is_verb(j):
                    self.used.add(j)
                    self.add(o + 1, c, j, "direct", g.lemma[j], self.speaker_of(j, lo, k, False))
                    return
                j -= 1

    def interrupted(self, o: int, c: int, a: int, z: int) -> bool:
        """«…, — пояснил X. — …»: split at the attribution; True if the quotation was split."""
        g = self.g
        parts, speaker, anchor, verb = [], None, None, None
        part_start, k = o + 1, a + 1
        while k <= z:
            if g.token[k] in _DASHES and g.token[k - 1] in _BEFORE_DASH:
                v = next((i for i in range(k + 1, min(k + 4, z + 1)) if self.is_verb(i, finite=True)), None)
                if v is not None and all(g.upos[i] in ("ADV", "PART") for i in range(k + 1, v)):
                    e = next((i for i in range(v + 1, min(v + 10, z)) if g.token[i] in (".", ",") and g.token[i + 1] in _DASHES), None)
                    if e is not None and e + 2 <= z:
                        stop = g.start[k - 1] if g.token[k - 1] == "," else g.stop[k - 1]
                        parts.append((part_start, int(stop)))
                        if speaker is None:
                            gender, plural = _verb_form(g.token[v])
                            speaker = self.phrase_after(v, e - 1, gender) or self.subject_before(v, k + 1, True, gender, plural)
                            anchor, verb = v, g.lemma[v]
                        self.used.add(v)
                        part_start, k = int(g.start[e + 2]), e + 2
                        continue
            k += 1
        if not parts:
            return False
        parts.append((part_start, c))
        for first_char, stop_char in parts:
            self.add(first_char, stop_char, anchor, "direct", verb, speaker)
        return True

    def frame(self, f: int) -> None:
        """по словам X, … (and по мнению, по оценке, по данным …)."""
        g = self.g
        lo, hi, inside = self.region(f)
        noun = f + 1
        j = noun + 1
        if j > hi or g.punct[j] or g.upos[j] == "ADP":
            return
        mention, head = None, None
        while j <= min(hi, noun + 9):
            m = g.mention[j]
            if m >= 0:
                mention = int(m) if mention is None else mention
                j = int(g.m_last[m]) + 1
                continue
            if g.punct[j]:
                break
            if head is None and g.upos[j] in _HEADS:
                head = j
            j += 1
        end = j - 1
        if mention is not None:
            spec = ("mention", mention)
        elif inside:
            return
        elif head is not None:
            spec = self.noun_phrase(head, noun + 1, end)
        else:
            spec = ("text", noun + 1, end)
        opening = all(g.punct[i] or g.upos[i] in ("CCONJ", "ADV", "PART") for i in range(lo, f))
        if opening and j <= hi and g.token[j] == ",":
            first, last = self.clause(j + 1, hi)
        elif f - 1 >= lo and g.token[f - 1] == "," and (j > hi or g.token[j] in _END):
            first, last = self.clause(lo, f - 2)
        elif not opening and any(not g.punct[i] for i in range(j, hi + 1)):
            first, last = self.clause(lo, hi)
        else:
            return  # the frame is all there is («По оценкам специалистов:» before a list)
        self.add_clause(first, last, f, "по " + g.low[noun], spec)

    def indirect(self, v: int) -> None:
        """An unused speech verb: как заявил X / X заявил, что … / X заявил: … / …, сообщает X."""
        g = self.g
        if not self.is_verb(v):
            return
        lo, hi, inside = self.region(v)
        gender, plural = _verb_form(g.token[v])
        k = v - 1
        if k - 1 >= lo and g.upos[k] == "ADV" and g.low[k - 1] == "как":
            k -= 1
        if k >= lo and g.low[k] == "как" and g.pos[v] == "VERB":
            spec = self.phrase_after(v, hi, gender)
            if spec is None or (inside and spec[0] != "mention"):
                return
            end = v + 1  # the punctuation closing the speaker phrase (a mention may hold some)
            while end <= hi and not (g.punct[end] and g.mention[end] < 0):
                end += 1
            if all(g.punct[i] or g.upos[i] in ("CCONJ", "ADV", "PART") for i in range(lo, k)) and end <= hi and g.token[end] == ",":
                self.used.add(v)
                self.add_clause(*self.clause(end + 1, hi), v, g.lemma[v], spec)
            elif k - 1 >= lo and g.token[k - 1] == ",":
                self.used.add(v)
                self.add_clause(*self.clause(lo, k - 2), v, g.lemma[v], spec)
            return
        j = v + 1
        while j <= min(hi, v + 6):
            m = g.mention[j]
            if m >= 0:
                j = int(g.m_last[m]) + 1
                continue
            if g.low[j] == "что" or g.punct[j] or g.upos[j] == "VERB":
                break
            j += 1
        that = j if j <= hi and g.low[j] == "что" else j + 1 if j + 1 <= hi and g.token[j] == "," and g.low[j + 1] == "что" else None
        colon = j <= hi and g.token[j] == ":" and j + 1 <= hi and not g.mark[j + 1] and g.pos[v] != "INFN"
        if that is not None or colon:
            # X заявил, что …   /   X заявил: …
            if that is not None and that + 1 <= hi and g.mark[that + 1] and int(g.start[that + 1]) in self.close_of:
                return  # «что «…»»: a direct quotation, or marks that were not one
            spec = self.speaker_of(v, lo, j - 1, inside)
            if spec is None or (inside and spec[0] != "mention"):
                return
            self.used.add(v)
            self.add_clause(*self.clause((that if that is not None else j) + 1, hi), v, g.lemma[v], spec)
            return
        report = self.trailing_report(lo, hi)
        if report is not None and report[1] == v and not (inside and report[2][0] != "mention"):
            # …, сообщает X.
            self.used.add(v)
            self.add_clause(*self.clause(lo, report[0] - 1), v, g.lemma[v], report[2])

    # --- resolution ----------------------------------------------------------------------------
    def resolve(self) -> list[dict]:
        """Turn speaker phrases into actors, in text order (a pronoun may need the previous quotation)."""
        previous = None
        out = []
        for event in sorted(self.found, key=lambda e: (e["anchor"], e["start"])):
            spec, anchor = event.pop("spec"), event.pop("anchor")
            text, speaker = self.speaker(spec, anchor, previous)
            event.update(speaker_text=text, speaker=speaker)
            out.append(event)
            previous = (anchor, speaker)
        return out

    def speaker(self, spec: tuple, anchor: int, previous) -> tuple:
        """``(speaker_text, speaker)`` of a speaker phrase."""
        g = self.g
        if spec[0] == "mention":
            return g.m_text[spec[1]], g.m_actor[spec[1]]
        if spec[0] == "text":
            return self.text[g.start[spec[1]] : g.stop[spec[2]]], np.nan
        if spec[0] == "pronoun":
            j = spec[1]
            return g.token[j], self.antecedent(j, anchor, previous) if g.low[j] in ("он", "она") else np.nan
        _, head, a, b, owner = spec
        text = self.text[g.start[a] : g.stop[b]]
        if owner >= 0 and (g.lemma[head] in _SOURCE_HEADS or not _animate(g.token[head])):
            return text, g.m_actor[owner]
        role = self.by_role(g.lemma[head], a)
        if role is not None:
            return text, role
        if g.lemma[head] in _GENERIC_PERSONS:
            return text, self.antecedent(a, anchor, previous)
        return text, np.nan

    def people_before(self, before: int):
        """Person mentions of the document that start before token ``before``, latest first."""
        g = self.g
        code = g.doc[self.lo]
        for m in range(int(g.m_bounds[code + 1]) - 1, int(g.m_bounds[code]) - 1, -1):
            if g.m_first[m] < before and g.m_type[m] == "person":
                yield m

    def by_role(self, lemma: str, before: int):
        for m in self.people_before(before):
            if lemma in self.g.roles(m):
                return self.g.m_actor[m]
        return None

    def antecedent(self, j: int, anchor: int, previous):
        """The person a pronoun (or «политик») at ``j`` refers to, or NaN when unsure."""
        g = self.g
        if previous is not None:
            prev_anchor, prev_speaker = previous
            if isinstance(prev_speaker, str) and g.unit[anchor] - g.unit[prev_anchor] <= 2 and self.is_person(prev_speaker):
                return prev_speaker
        people = set()
        for m in self.people_before(j):
            if g.unit[g.m_first[m]] < g.unit[j] - 1:
                break
            people.add(g.m_actor[m])
        return people.pop() if len(people) == 1 else np.nan

    def is_person(self, actor: str) -> bool:
        g = self.g
        code = g.doc[self.lo]
        return any(g.m_actor[m] == actor and g.m_type[m] == "person" for m in range(int(g.m_bounds[code]), int(g.m_bounds[code + 1])))
