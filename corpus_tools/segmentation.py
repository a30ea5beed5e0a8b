"""razdel's tokenization, computed faster with exactly the same result.

``razdel.tokenize`` cuts a text into *atoms* (runs of Cyrillic letters, runs of Latin letters,
runs of digits, single punctuation marks, single other characters), then decides for each pair
of neighbouring atoms with no space between them whether to join them, by a handful of rules:
dashes and underscores inside words («что-то»), decimal points and fractions between digits
(«3.5», «1/2»), runs of sentence-final marks and smileys («?!», «...», «:)»), atoms next to an
"other" character («Δσ»), and «Yahoo!». Each rule looks at the pair and at most one atom beyond
it (which may lie across a space).

:func:`tokenize_many` computes the tokens of many sentences at once (``tokenize`` uses it for a
batch of documents): the sentences are joined by spaces into one string, its code points are
classified once, atoms are runs of one class, and every join rule is evaluated for all touching
pairs of atoms as array operations. Only the smile rule depends on the token built so far; the
few sentences where it might fire go through :func:`razdel_spans`.

:func:`tokenize_spans` computes the tokens of one text in two ways:

1. a sentence in which no rule can fire (:data:`JOIN_HINT` finds no candidate pair) is split into
   its atoms by one regular-expression scan, with no per-pair work at all;
2. any other sentence goes through :func:`razdel_spans`, a lean re-implementation of razdel's
   segmenter over plain tuples: the same atoms, the same rules in the same order, without the
   objects razdel builds for every split.

The hint is deliberately broader than the rules (markdown ``**``, a digit next to a full stop),
so it can only send more text down the exact path, never less. ``benchmarks/ingest.py`` checks
the identity with ``razdel.tokenize`` on every sentence of a 27k-document corpus, and
``tests/test_segmentation.py`` on the 2,000-document sample and on generated strings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import sys

import numpy as np
import pandas as pd
from razdel import sentenize as razdel_sentenize
from razdel import tokenize as razdel_tokenize
from razdel.segmenters.punct import BRACKETS, DASHES, ENDINGS, QUOTES, SMILES
from razdel.segmenters.tokenize import ATOM

Span = tuple[int, int, str]

# razdel's atom classes, spelt out for the hint (same flags as razdel's ATOM: IGNORECASE, Unicode)
_PUNCT = "\\/!#$%&*+,.:;<=>?@^_`|~№…" + DASHES + QUOTES + BRACKETS
_P = re.escape(_PUNCT)
_WORDLIKE = rf"[^\s{_P}]"  # a letter, digit or other character: anything but space and punct
_DASH_LIKE = re.escape(DASHES + "_")
_NUMBER_JOINERS = re.escape(".,/\\")
_OTHER = rf"[^\sа-яёa-z\d{_P}]"

JOIN_HINT = re.compile(
    "|".join(
        [
            rf"[{_DASH_LIKE}]{_WORDLIKE}|{_WORDLIKE}[{_DASH_LIKE}]",  # dash and underscore rules
            rf"\d[{_NUMBER_JOINERS}]|[{_NUMBER_JOINERS}]\d",  # float and fraction rules
            rf"[{re.escape(ENDINGS)}][{re.escape(ENDINGS)}]|--|\*\*|[=:;]-?[()]",  # punct rule
            _OTHER,  # other-character rule
            r"yahoo!",  # the one exception
        ]
    ),
    re.IGNORECASE,
)
"""Matches wherever razdel might join two neighbouring atoms (a superset of its rules)."""

_SMILE = re.compile(r"^" + SMILES + r"$")
_WORD_TYPES = frozenset({"OTHER", "RU", "LAT"})


def tokenize_spans(text: str) -> list[Span]:
    """Return razdel's tokens of ``text`` as ``(start, stop, token)``, exactly as ``razdel.tokenize``.

    Examples
    --------
    >>> tokenize_spans("Что-то стоит 3,5 млн руб.?!")
    [(0, 6, 'Что-то'), (7, 12, 'стоит'), (13, 16, '3,5'), (17, 20, 'млн'), (21, 24, 'руб'), (24, 27, '.?!')]
    >>> [t.text for t in razdel_tokenize("Что-то стоит 3,5 млн руб.?!")]
    ['Что-то', 'стоит', '3,5', 'млн', 'руб', '.?!']
    """
    if JOIN_HINT.search(text) is None:
        return [(m.start(), m.end(), m.group()) for m in ATOM.finditer(text)]
    return razdel_spans(text)


def razdel_spans(text: str) -> list[Span]:
    """razdel's segmenter over ``(start, stop, type, text)`` atoms: same rules, same order, no objects.

    >>> razdel_spans("а -то :) 1/2 Yahoo!")
    [(0, 1, 'а'), (2, 5, '-то'), (6, 8, ':)'), (9, 12, '1/2'), (13, 19, 'Yahoo!')]
    """
    atoms = [(m.start(), m.end(), m.lastgroup, m.group()) for m in ATOM.finditer(text)]
    if not atoms:
        return []
    spans: list[Span] = []
    start, stop, _, buffer = atoms[0]
    for index in range(1, len(atoms)):
        atom = atoms[index]
        # only a pair with a punctuation or "other" atom can join (see _joins)
        if stop == atom[0] and (atom[2] in _JOINABLE or atoms[index - 1][2] in _JOINABLE) and _joins(atoms, index, buffer):
            buffer += atom[3]
        else:
            spans.append((start, stop, buffer))
            start, buffer = atom[0], atom[3]
        stop = atom[1]
    spans.append((start, stop, buffer))
    return spans


def _joins(atoms: list[tuple[int, int, str, str]], index: int, buffer: str) -> bool:
    """Whether razdel joins atom ``index`` to the token before it (the two touch)."""
    _, _, left_type, left = atoms[index - 1]
    _, _, right_type, right = atoms[index]
    left_2 = atoms[index - 2] if index >= 2 else None
    right_2 = atoms[index + 1] if index + 1 < len(atoms) else None
    # the 2112 rules: a delimiter atom between two atoms, one of which may lie across a space
    for delimiters, numbers_only in _RULES_2112:
        if left in delimiters:
            outer_type, inner_type = (left_2[2] if left_2 else None), right_type
        elif right in delimiters:
            outer_type, inner_type = left_type, (right_2[2] if right_2 else None)
        else:
            continue
        if outer_type is None or inner_type is None:
            continue
        if numbers_only:
            if outer_type == "INT" and inner_type == "INT":
                return True
        elif outer_type != "PUNCT" and inner_type != "PUNCT":
            return True
    if left_type == "PUNCT" and right_type == "PUNCT":
        if _SMILE.match(buffer + right) or (left in ENDINGS and right in ENDINGS) or left + right in ("--", "**"):
            return True
    if left_type == "OTHER" and right_type in _WORD_TYPES:
        return True
    if left_type in _WORD_TYPES and right_type == "OTHER":
        return True
    return left.lower() == "yahoo" and right == "!"


# (the rule's delimiter atoms, does the rule join digits only?) for dash, underscore, float and
# fraction, in razdel's order; delimiters are single punctuation atoms
_RULES_2112 = (
    (frozenset(DASHES), False),
    (frozenset("_"), False),
    (frozenset(".,"), True),
    (frozenset("/\\"), True),
)
# every rule needs a punctuation atom (all delimiters are one) or an "other" atom on one side
_JOINABLE = frozenset({"PUNCT", "OTHER"})


# ---------------------------------------------------------------------------------------------
# Many sentences at once: razdel's atoms and join rules as array operations over code points.

_SPACE, _RU, _LAT, _INT, _PUNCT_ATOM, _OTHER_ATOM, _NONE = 0, 1, 2, 3, 4, 5, -1
_CLASS_OF_GROUP = {"RU": _RU, "LAT": _LAT, "INT": _INT, "PUNCT": _PUNCT_ATOM, "OTHER": _OTHER_ATOM}
_CLASSES = np.full(0x110000, 255, dtype=np.uint8)  # atom class of every code point, filled lazily
_SMILE_HINT = re.compile(r"[=:;]-?[()]")
"""Where razdel's smile rule (the one rule that depends on the token built so far) might fire."""


def _classes(points: np.ndarray) -> np.ndarray:
    """The atom class of each code point (``_SPACE`` where razdel's ATOM matches nothing)."""
    unknown = np.unique(points[_CLASSES[points] == 255])
    for point in unknown.tolist():
        match = ATOM.match(chr(point))
        _CLASSES[point] = _CLASS_OF_GROUP[match.lastgroup] if match else _SPACE
    return _CLASSES[points]


def _in(points: np.ndarray, chars: str) -> np.ndarray:
    return np.isin(points, np.fromiter(map(ord, chars), dtype=np.uint32))


def tokenize_many(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """razdel's tokens of many texts (sentences) at once, as ``tokenize_spans`` gives them for each.

    Returns ``(text_index, starts, stops, tokens)``: for every token the index of its text in
    ``texts``, its offsets in that text and the token itself, in text order then position order.
    The atoms are runs of code points of one class, and the join rules of :func:`_joins` are
    evaluated for all touching pairs of atoms at once; a text where the smile rule might fire
    (it depends on the token built so far) goes through :func:`razdel_spans`.

    >>> index, starts, stops, tokens = tokenize_many(["Что-то стоит 3,5 млн.", "", "Ok :)"])
    >>> index.tolist(), tokens
    ([0, 0, 0, 0, 0, 2, 2], ['Что-то', 'стоит', '3,5', 'млн', '.', 'Ok', ':)'])
    """
    index, starts, stops, codes, uniques = tokenize_coded(texts)
    return index, starts, stops, [uniques[code] for code in codes.tolist()]


def tokenize_coded(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """:func:`tokenize_many`, with each token given as a code into the distinct tokens.

    Returns ``(text_index, starts, stops, codes, uniques)``: ``uniques[codes[i]]`` is token
    ``i``, and ``uniques`` lists the distinct tokens in order of first appearance. Only the
    distinct tokens become Python strings: tokens are told apart by two 64-bit polynomial hashes
    of their code points (:func:`_span_codes`), and a batch where the second hash disagrees with
    the first is coded again from the strings themselves, so the codes are exact.

    >>> index, starts, stops, codes, uniques = tokenize_coded(["да, да", "нет да"])
    >>> codes.tolist(), uniques
    ([0, 1, 0, 2, 0], ['да', ',', 'нет'])
    """
    texts = list(texts)
    slow = [i for i, text in enumerate(texts) if _SMILE_HINT.search(text)]
    fast_texts = list(texts)
    for i in slow:
        fast_texts[i] = ""
    lengths = np.fromiter(map(len, fast_texts), dtype=np.int64, count=len(fast_texts))
    offsets = np.cumsum(lengths + 1) - (lengths + 1)  # texts joined by one space each
    joined = " ".join(fast_texts)
    points = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    kinds = _classes(points).astype(np.int8)

    # atoms: a run of RU, LAT or INT code points, or one PUNCT or OTHER code point
    solid = kinds != _SPACE
    previous = np.r_[np.int8(_SPACE), kinds[:-1]]
    begins = solid & ((kinds != previous) | (kinds >= _PUNCT_ATOM))
    atom_start = np.flatnonzero(begins)
    ends_here = solid & (np.r_[begins[1:], True] | ~np.r_[solid[1:], False])
    atom_stop = np.flatnonzero(ends_here) + 1
    kind = kinds[atom_start]
    point = points[atom_start]
    text_of = np.searchsorted(offsets, atom_start, side="right") - 1

    n = len(atom_start)
    same_left = np.r_[False, text_of[1:] == text_of[:-1]]  # atom i-1 is in the same text
    touching = same_left & np.r_[False, atom_stop[:-1] == atom_start[1:]]
    left_kind = np.r_[np.int8(_NONE), kind[:-1]]
    right_kind = kind
    left_point = np.r_[np.uint32(0), point[:-1]]
    right_point = point
    left_2 = np.where(same_left & np.r_[False, same_left[:-1]], np.r_[np.int8(_NONE), np.int8(_NONE), kind[:-2]][:n], _NONE)
    same_right = np.r_[same_left[1:], False]
    right_2 = np.where(same_right, np.r_[kind[1:], np.int8(_NONE)], _NONE)

    left_punct = left_kind == _PUNCT_ATOM
    right_punct = right_kind == _PUNCT_ATOM
    join = np.zeros(n, dtype=bool)
    for delimiters, numbers_only in _RULES_2112:
        chars = "".join(sorted(delimiters))
        is_left = left_punct & _in(left_point, chars)
        is_right = ~is_left & right_punct & _in(right_point, chars)
        outer = np.where(is_left, left_2, left_kind)
        inner = np.where(is_left, right_kind, right_2)
        applies = (is_left | is_right) & (outer != _NONE) & (inner != _NONE)
        if numbers_only:
            join |= applies & (outer == _INT) & (inner == _INT)
        else:
            join |= applies & (outer != _PUNCT_ATOM) & (inner != _PUNCT_ATOM)
    both_punct = left_punct & right_punct
    endings = both_punct & _in(left_point, ENDINGS) & _in(right_point, ENDINGS)
    doubled = both_punct & (left_point == right_point) & _in(left_point, "-*")
    join |= endings | doubled
    words = (kind == _RU) | (kind == _LAT) | (kind == _OTHER_ATOM)
    left_words = np.r_[False, words[:-1]]
    join |= (left_kind == _OTHER_ATOM) & words
    join |= left_words & (right_kind == _OTHER_ATOM)
    bangs = np.flatnonzero(right_punct & (right_point == ord("!")) & (left_kind == _LAT))
    for i in bangs.tolist():
        if joined[atom_start[i - 1] : atom_stop[i - 1]].lower() == "yahoo":
            join[i] = True
    join &= touching

    # tokens: runs of joined atoms
    first = ~join
    token_start = atom_start[first]
    token_stop = atom_stop[np.r_[np.flatnonzero(first)[1:] - 1, n - 1]] if n else atom_stop
    token_text = text_of[first]
    codes, uniques = _span_codes(joined, points, token_start, token_stop)
    base = offsets[token_text]
    index, starts, stops = token_text, token_start - base, token_stop - base
    if slow:
        extra = [(i, span) for i in slow for span in razdel_spans(texts[i])]
        if extra:
            known = {token: code for code, token in enumerate(uniques)}
            extra_codes = np.fromiter((known.setdefault(span[2], len(known)) for _, span in extra), dtype=np.int64, count=len(extra))
            uniques = list(known)
            index = np.r_[index, np.fromiter((i for i, _ in extra), dtype=np.int64, count=len(extra))]
            starts = np.r_[starts, np.fromiter((span[0] for _, span in extra), dtype=np.int64, count=len(extra))]
            stops = np.r_[stops, np.fromiter((span[1] for _, span in extra), dtype=np.int64, count=len(extra))]
            order = np.lexsort((starts, index))
            index, starts, stops = index[order], starts[order], stops[order]
            # renumber so that the distinct tokens are again in order of first appearance
            codes, seen = _first_appearance(np.r_[codes, extra_codes][order])
            uniques = [uniques[code] for code in seen.tolist()]
    return index.astype(np.int64), starts.astype(np.int64), stops.astype(np.int64), codes, uniques


# odd multipliers of the two polynomial hashes of :func:`_span_codes`, and their inverses mod 2**64
_HASH_BASES = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F)
_HASH_INVERSES = tuple(pow(base, -1, 2**64) for base in _HASH_BASES)


def _span_codes(joined: str, points: np.ndarray, starts: np.ndarray, stops: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Codes of the substrings ``joined[starts[i]:stops[i]]`` and the distinct ones, in order of
    first appearance, building a string only for each distinct substring.

    A substring's hash is ``sum(points[j] * B**(j - start))`` over its code points, mod 2**64:
    prefix sums of ``points[j] * B**j`` give every substring's sum in one subtraction, and the
    multiplication by ``B**-start`` (B is odd, so it has an inverse) makes the hash independent
    of the position. Codes come from the first hash; the second must then agree within every
    code, and lengths too, or the codes are computed from the strings instead.
    """
    if not len(starts):
        return np.zeros(0, dtype=np.int64), []
    values = points.astype(np.uint64)
    hashes = []
    with np.errstate(over="ignore"):
        for base, inverse in zip(_HASH_BASES, _HASH_INVERSES):
            powers = np.full(len(values), base, dtype=np.uint64)
            powers[0] = 1
            powers = np.cumprod(powers, dtype=np.uint64)
            prefix = np.r_[np.uint64(0), np.cumsum(values * powers, dtype=np.uint64)]
            inverses = np.full(len(values), inverse, dtype=np.uint64)
            inverses[0] = 1
            inverses = np.cumprod(inverses, dtype=np.uint64)
            hashes.append((prefix[stops] - prefix[starts]) * inverses[starts])
    codes, _ = _first_appearance(hashes[0])
    running = np.maximum.accumulate(codes)  # a new code is one above all codes before it
    first = np.flatnonzero(np.r_[True, running[1:] > running[:-1]])  # first occurrence of each code
    lengths = stops - starts
    if not (np.array_equal(hashes[1], hashes[1][first][codes]) and np.array_equal(lengths, lengths[first][codes])):
        known: dict[str, int] = {}
        codes = np.fromiter((known.setdefault(joined[a:b], len(known)) for a, b in zip(starts.tolist(), stops.tolist())), dtype=np.int64, count=len(starts))
        return codes, list(known)
    return codes, [joined[a:b] for a, b in zip(starts[first].tolist(), stops[first].tolist())]


def _first_appearance(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(codes, uniques)`` of ``values`` with codes numbered in order of first appearance."""
    codes, uniques = pd.factorize(values)
    return codes.astype(np.int64), np.asarray(uniques)


# ---------------------------------------------------------------------------------------------
# Sentences: razdel's sentenize, without the objects it builds for every candidate boundary.

_S = sys.modules["razdel.segmenters.sentenize"]  # razdel's constants and regexes, used as they are
_SPLITTER = razdel_sentenize.split
_WINDOW = _SPLITTER.window


def sentenize_spans(text: str) -> list[tuple[int, str]]:
    """``[(s.start, s.text) for s in razdel.sentenize(text)]``, computed without razdel's objects.

    razdel finds candidate boundaries (sentence-final marks, ``;``, closing quotes and brackets,
    smileys), and for each asks its rules, in order, whether to join the text on both sides; the
    rules see ten characters on either side and the sentence built so far. The same rules run
    here as plain code (:func:`_sentence_joins`); ``tests/test_segmentation.py`` checks the
    identity on a real sample and on generated strings.

    >>> sentenize_spans("Д. Песков ответил. Это т. е. всё… «Да!» — сказал он.")
    [(0, 'Д. Песков ответил.'), (19, 'Это т. е. всё…'), (34, '«Да!» — сказал он.')]
    """
    chunks = []
    begin = 0  # start of the sentence being built
    for match in _SPLITTER.re.finditer(text):
        start, stop = match.span()
        if not _sentence_joins(text, begin, start, stop, match.group(1)):
            chunks.append(text[begin:stop])
            begin = stop
    chunks.append(text[begin:])
    spans = []
    offset = 0
    for chunk in chunks:
        chunk = chunk.strip()
        start = text.find(chunk, offset)
        spans.append((start, chunk))
        offset = start + len(chunk)
    return spans


def _is_sokr(token: str) -> bool:
    return token.isdigit() or not token.isalpha() or token.islower()


def _is_bullet(token: str) -> bool:
    return token.isdigit() or token in _S.BULLET_BOUNDS or token.lower() in _S.BULLET_CHARS or _S.ROMAN.match(token) is not None


def _closes(left_token: str) -> bool | None:
    """razdel's close_bound: join unless the token before is a sentence-final mark."""
    return None if left_token in _S.ENDINGS else True


def _sentence_joins(text: str, begin: int, start: int, stop: int, delimiter: str) -> bool:
    """Whether razdel joins the text around the candidate boundary ``text[start:stop]``.

    ``text[begin:start]`` is the sentence built so far. razdel's rules run in its order; each
    may decide (join or split) or pass; when none decides, the text is split.
    """
    left = text[max(0, start - _WINDOW) : start]
    right = text[stop : stop + _WINDOW]
    match = _S.FIRST_TOKEN.match(right)
    right_token = match.group(1) if match else None
    match = _S.LAST_TOKEN.search(left)
    left_token = match.group(1) if match else None
    if not left_token or not right_token:  # empty side
        return True
    if not _S.SPACE_PREFIX.match(right):  # no space after the mark
        return True
    if right_token.isalpha() and right_token.islower():  # lowercase word follows
        return True
    if right_token not in _S.GENERIC_QUOTES:  # another mark or a smiley follows
        if right_token in _S.DELIMITERS or _S.SMILE_PREFIX.match(right):
            return True
    if delimiter == ".":
        # abbreviations: pairs («т. е.»), heads («г.», «ул.») and plain ones before a lowercase word
        pair = _S.PAIR_SOKR.search(left)
        known_pair = False
        if pair:
            key = (pair.group(1).lower(), pair.group(2).lower())
            if key in _S.HEAD_PAIR_SOKRS:
                return True
            if key in _S.PAIR_SOKRS:
                if _is_sokr(right_token):
                    return True
                known_pair = True  # the rule passes without looking at single abbreviations
        if not known_pair:
            lower = left_token.lower()
            if lower in _S.HEAD_SOKRS or (lower in _S.SOKRS and _is_sokr(right_token)):
                return True
        if (left_token.lower(), right_token.lower()) in _S.PAIR_SOKRS:  # inside a pair
            return True
        if (left_token.isupper() and len(left_token) == 1) or left_token.lower() in _S.INITIALS:  # initials
            return True
    if delimiter in _S.BULLET_BOUNDS and start - begin <= _S.BULLET_SIZE:  # list item «1.», «а)»
        if all(_is_bullet(token) for token in _S.TOKEN.findall(text, begin, start)):
            return True
    if delimiter in _S.QUOTES:  # closing quote
        decision = None
        if delimiter in _S.CLOSE_QUOTES:
            decision = _closes(left_token)
        elif delimiter in _S.GENERIC_QUOTES:
            decision = _closes(left_token) if not _S.SPACE_SUFFIX.search(left) else True
        if decision:
            return True
    if delimiter in _S.CLOSE_BRACKETS and _closes(left_token):  # closing bracket
        return True
    if right_token in _S.DASHES:  # a dash, then a lowercase word
        word = _S.WORD.search(right)
        if word and word.group(1).isalpha() and word.group(1).islower():
            return True
    return False
