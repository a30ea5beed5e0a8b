"""razdel's tokenization, computed faster with exactly the same result.

``razdel.tokenize`` cuts a text into *atoms* (runs of Cyrillic letters, runs of Latin letters,
runs of digits, single punctuation marks, single other characters), then decides for each pair
of neighbouring atoms with no space between them whether to join them, by a handful of rules:
dashes and underscores inside words («что-то»), decimal points and fractions between digits
(«3.5», «1/2»), runs of sentence-final marks and smileys («?!», «...», «:)»), atoms next to an
"other" character («Δσ»), and «Yahoo!». Each rule looks at the pair and at most one atom beyond
it (which may lie across a space).

:func:`tokenize_spans` computes the same tokens in two ways:

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
        if stop == atom[0] and _joins(atoms, index, buffer):
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
    for is_delimiter, numbers_only in _RULES_2112:
        if is_delimiter(left):
            outer_type, inner_type = (left_2[2] if left_2 else None), right_type
        elif is_delimiter(right):
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


# (is the atom the rule's delimiter?, does the rule join digits only?) for dash, underscore,
# float and fraction, in razdel's order
_RULES_2112 = (
    (lambda text: text in DASHES, False),
    (lambda text: text == "_", False),
    (lambda text: text in ".,", True),
    (lambda text: text in "/\\", True),
)
