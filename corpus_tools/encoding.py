"""Decode raw bytes of scraped text files and record which encoding was used.

Scraped Russian corpora arrive in UTF-8 (with or without a BOM), UTF-16 with a BOM, and the two
legacy single-byte encodings cp1251 (Windows) and koi8-r (Unix). Both legacy encodings decode any
byte string without error, so the choice between them is made by which reading looks like Russian:
the share of the most frequent Russian letters among the Cyrillic letters (case-insensitive, so
that all-caps headlines are judged as well).
"""

from __future__ import annotations

import codecs
import logging

log = logging.getLogger(__name__)

# Most frequent lowercase letters of Russian text, about 60% of all letters in news prose.
_FREQUENT = set("оеаинтсрвлкмдп")
_LEGACY = ("cp1251", "koi8_r")


class DecodeError(ValueError):
    """Raised when a file cannot be decoded as text; the message names the file and the reason."""


def _looks_binary(data: bytes) -> bool:
    # NUL bytes never occur in text in single-byte or UTF-8 encodings
    return b"\x00" in data[:65536]


def _russian_score(text: str) -> float:
    letters = [ch for ch in text[:20000] if "\u0400" <= ch <= "\u04ff"]
    if not letters:
        return 0.0
    frequent = sum(ch.lower() in _FREQUENT for ch in letters)
    return frequent / len(letters)


def decode_bytes(data: bytes, *, name: str = "<bytes>") -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``.

    The order of attempts: a byte-order mark (UTF-8, UTF-16, UTF-32), strict UTF-8, then the
    better-looking of cp1251 and koi8-r (see the module docstring). The BOM is not kept.

    Parameters
    ----------
    data
        The raw bytes of one file.
    name
        Used in error messages only (the file path).

    Returns
    -------
    tuple of str
        The decoded text and the Python codec name that produced it (``"utf-8"``, ``"utf-8-sig"``,
        ``"utf-16"``, ``"cp1251"``, ``"koi8_r"``).

    Raises
    ------
    DecodeError
        If the bytes look binary (NUL bytes without a UTF-16/32 BOM) or decode as no known encoding.

    Examples
    --------
    >>> decode_bytes("Токаев".encode("cp1251"))
    ('Токаев', 'cp1251')
    >>> decode_bytes("Токаев".encode("koi8_r"))
    ('Токаев', 'koi8_r')
    >>> decode_bytes(codecs.BOM_UTF8 + "мир".encode())
    ('мир', 'utf-8-sig')
    """
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as err:
                raise DecodeError(f"{name}: starts with a {codec} byte-order mark but is not valid {codec} ({err.reason} at byte {err.start})") from None
    if _looks_binary(data):
        raise DecodeError(f"{name}: contains NUL bytes and no byte-order mark; this looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        prefix_is_utf8 = any(b >= 0x80 for b in data[: err.start])
        if prefix_is_utf8 and len(data) - err.start <= 3 and err.reason == "unexpected end of data":
            # a UTF-8 file cut in the middle of its last character
            log.warning("%s: truncated UTF-8 (incomplete last character dropped)", name)
            return data[: err.start].decode("utf-8"), "utf-8"
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        if bad * 1000 <= len(text) and _russian_score(text) >= 0.4:
            # mostly UTF-8 with a few corrupt bytes: a legacy reading would garble all of it
            log.warning("%s: %d invalid UTF-8 byte sequence(s) replaced by U+FFFD", name, bad)
            return text, "utf-8"
    candidates = []
    for codec in _LEGACY:
        text = data.decode(codec, errors="replace")
        candidates.append((_russian_score(text), codec, text))
    score, codec, text = max(candidates, key=lambda c: (c[0], c[1] == "cp1251"))
    if score < 0.4:
        raise DecodeError(f"{name}: not valid UTF-8 and does not read as Russian in cp1251 or koi8-r; convert it to UTF-8 first")
    return text, codec
