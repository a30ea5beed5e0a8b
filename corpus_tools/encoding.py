"""Turn the raw bytes of a scraped file into text, and record everything done on the way.

Scraped Russian corpora arrive in UTF-8 (with or without a BOM), UTF-16 (with or without a BOM),
and the two legacy single-byte encodings cp1251 (Windows) and koi8-r (Unix). Both legacy encodings
decode any byte string without error, so the choice between them is made by which reading looks
like Russian: the share of the most frequent Russian letters among the Cyrillic letters
(case-insensitive, so that all-caps headlines are judged as well).

Scrapers also leave things that are not text: archives and documents under a ``.txt`` name
(refused, naming the format; gzip is decompressed by :func:`corpus_tools.read_corpus`), NUL
bytes, HTML pages, and invisible characters. :func:`decode` handles each case in a documented way
and lists what it did in :attr:`Decoded.notes`, so nothing changes silently.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Literal

log = logging.getLogger(__name__)

# Most frequent lowercase letters of Russian text, about 60% of all letters in news prose.
_FREQUENT = set("оеаинтсрвлкмдп")
_LEGACY = ("cp1251", "koi8_r")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
GZIP_MAGIC = b"\x1f\x8b"
# formats that are never text; the reason names the format so the fix is obvious
_MAGIC = (
    (b"%PDF-", "a PDF document; extract its text first (e.g. with pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.odt document); unpack it or extract its text first"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc/.xls); save it as text first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive; unpack it first"),
    (b"Rar!\x1a\x07", "a RAR archive; unpack it first"),
    (b"\xfd7zXZ\x00", "an xz-compressed file; decompress it first (xz -d)"),
    (b"\x28\xb5\x2f\xfd", "a zstd-compressed file; decompress it first (zstd -d)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"GIF87a", "a GIF image, not text"),
    (b"GIF89a", "a GIF image, not text"),
)
_BZIP2 = re.compile(rb"\ABZh[1-9]1AY&SY")
# C0 control bytes that plain text never holds (tab, line breaks, form feed, SUB and ESC excepted)
_CONTROL = bytes(b for b in range(1, 32) if b not in (9, 10, 11, 12, 13, 26, 27))
_SAMPLE = 65536
# invisible characters removed from every text: they split or glue words without being seen
INVISIBLE = {
    "\u00ad": "soft hyphen",
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "zero-width no-break space (BOM)",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    **{chr(c): "bidirectional control" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}
_INVISIBLE_RE = re.compile("[" + "".join(INVISIBLE) + "]")
# HTML collapses ASCII whitespace only: &nbsp; stays a no-break space
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


class DecodeError(ValueError):
    """Raised when a file cannot be decoded as text; the message names the file and the reason."""


@dataclass
class Decoded:
    """The result of :func:`decode`.

    ``text`` is the decoded text, ``encoding`` the Python codec that produced it, and ``notes``
    one short sentence per change made on the way (bytes dropped or replaced, HTML extracted,
    invisible characters removed); empty when the bytes were clean text. ``fields`` holds the
    metadata an HTML page states about itself (:func:`read_html`), empty for plain text.
    """

    text: str
    encoding: str
    notes: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)  # metadata of an HTML page (see read_html)


def _russian_score(text: str) -> float:
    letters = [ch for ch in text[:20000] if "\u0400" <= ch <= "\u04ff"]
    if not letters:
        return 0.0
    frequent = sum(ch.lower() in _FREQUENT for ch in letters)
    return frequent / len(letters)


def _format_of(data: bytes) -> str | None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    if _BZIP2.match(data):
        return "a bzip2-compressed file; decompress it first (bunzip2)"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Return the codec when NUL bytes sit on one parity only, as in UTF-16 text without a BOM."""
    sample = data[:_SAMPLE]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if len(data) % 2 or even + odd < len(sample) // 50:
        return None
    if odd >= 0.95 * (even + odd):
        return "utf-16-le"
    if even >= 0.95 * (even + odd):
        return "utf-16-be"
    return None


def _readable(text: str) -> bool:
    sample = text[:20000]
    printable = sum(ch.isprintable() or ch in "\t\n\r\f\v" or ch in INVISIBLE for ch in sample)
    return printable >= 0.98 * len(sample) and (_russian_score(sample) >= 0.4 or sum(ch.isalpha() for ch in sample) >= 0.5 * len(sample))


def _decode_plain(data: bytes, name: str, notes: list[str]) -> tuple[str, str]:
    """Decode bytes without a BOM: NUL handling, strict UTF-8, then the better legacy reading."""
    codec = _utf16_without_bom(data) if b"\x00" in data else None
    if codec:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            text = None
        if text is not None and _readable(text):
            notes.append(f"read as {codec} without a byte-order mark")
            return text, codec
    padding = len(data) - len(data.rstrip(b"\x00"))
    if padding:
        # files pre-allocated by a download manager end in zeros
        data = data[:-padding]
        notes.append(f"{padding} trailing NUL byte(s) removed")
    nul = data.count(b"\x00")
    if nul:
        if nul > max(len(data) // 100, 8):
            raise DecodeError(f"{name}: contains {nul} NUL bytes and no byte-order mark; this looks like a binary file, not text")
        data = data.replace(b"\x00", b"")
        notes.append(f"{nul} stray NUL byte(s) removed")
    sample = data[:_SAMPLE]
    control = sum(sample.count(bytes([b])) for b in _CONTROL)
    if control >= 2 and control > len(sample) // 100:
        raise DecodeError(f"{name}: {control} control bytes in the first {len(sample)} bytes; this looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        prefix_is_utf8 = any(b >= 0x80 for b in data[: err.start])
        if prefix_is_utf8 and len(data) - err.start <= 3 and err.reason == "unexpected end of data":
            # a UTF-8 file cut in the middle of its last character
            notes.append(f"truncated UTF-8: the incomplete last character ({len(data) - err.start} byte(s)) dropped")
            return data[: err.start].decode("utf-8"), "utf-8"
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        if bad * 1000 <= len(text) and _russian_score(text) >= 0.4:
            # mostly UTF-8 with a few corrupt bytes: a legacy reading would garble all of it
            notes.append(f"{bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD")
            return text, "utf-8"
    candidates = []
    for codec in _LEGACY:
        text = data.decode(codec, errors="replace")
        candidates.append((_russian_score(text), codec, text))
    score, codec, text = max(candidates, key=lambda c: (c[0], c[1] == "cp1251"))
    if score < 0.4:
        raise DecodeError(f"{name}: not valid UTF-8 and does not read as Russian in cp1251 or koi8-r; convert it to UTF-8 first")
    return text, codec


def remove_invisible(text: str) -> tuple[str, dict[str, int]]:
    """Remove the invisible characters of :data:`INVISIBLE` and count them by name.

    Soft hyphens and zero-width characters sit inside words (``со\\xadтрудничество``) where they
    hide the word from the dictionary, or between words where they glue them together; bidi marks
    and stray BOMs carry nothing. Non-breaking and other Unicode spaces are kept: they are
    whitespace to the tokenizer and to :meth:`str.split`.

    Returns
    -------
    tuple
        The text without them, and ``{name: count}`` of what was removed (empty if nothing).

    Examples
    --------
    >>> remove_invisible("со\\xadтрудничество\\u200b и\\xa0мир")
    ('сотрудничество и\\xa0мир', {'soft hyphen': 1, 'zero-width space': 1})
    """
    # most texts hold none: a substring test per character is twice as fast as a regex pass
    if not any(map(text.__contains__, INVISIBLE)):
        return text, {}
    found = _INVISIBLE_RE.findall(text)
    counts = Counter(INVISIBLE[ch] for ch in found)
    return _INVISIBLE_RE.sub("", text), dict(counts)


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts like an HTML page (doctype, ``<html>``, ``<head>`` or ``<body>``).

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Мир</p></body></html>")
    True
    >>> looks_like_html("Цена <b>выросла</b> на 5%.")
    False
    """
    return bool(_HTML_START.match(text[:4096]))


# <meta> tags (property, name or itemprop; lowercase) that state an article's metadata, best first:
# Open Graph and its article: namespace, then Dublin Core, schema.org and the plain HTML names
HTML_META = {
    "source": ("og:site_name",),
    "title": ("og:title", "twitter:title", "dc.title"),
    "date": ("article:published_time", "og:article:published_time", "datepublished", "dc.date.issued", "dc.date", "pubdate", "publishdate", "date"),
    "author": ("author", "article:author", "dc.creator"),
    "url": ("og:url",),
}
_META_KEYS = {key: name for name, keys in HTML_META.items() for key in keys}


class _TextExtractor(HTMLParser):
    """Collect the visible text of a page, one line per block element, and its metadata tags."""

    # <address> is the byline (time, author): metadata, read by fields(), not body text
    SKIP = frozenset({"script", "style", "noscript", "template", "svg", "math", "nav", "aside", "footer", "form", "button", "select", "iframe", "object", "head", "address"})
    BLOCK = frozenset(
        {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article",
         "main", "blockquote", "pre", "dd", "dt", "dl", "figure", "figcaption", "hr", "header", "title", "address"}
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip: list[str] = []
        self.open: list[str] = []
        self.title: list[str] = []
        self.has_h1 = False
        self.meta: dict[str, str] = {}  # the first content of each known <meta> key
        self.page: dict[str, str] = {}  # <link rel=canonical>, <time> of the byline
        self.author: list[str] | None = None  # the text of an open <a rel="author">
        self.authors: list[str] = []

    def _skipping_header(self, tag: str) -> bool:
        # a page header is navigation, but an article's own <header> holds its headline
        return tag == "header" and not any(t in ("article", "main") for t in self.open)

    def _page_tag(self, tag: str, attrs: dict) -> None:
        """Note what a metadata-bearing tag says: <meta>, <link rel=canonical>, <time>, <a rel=author>."""
        rel = (attrs.get("rel") or "").lower().split()
        if tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").strip().lower()
            content = _HTML_SPACE.sub(" ", attrs.get("content") or "").strip()
            if key in _META_KEYS and content:
                self.meta.setdefault(key, content)
        elif tag == "link" and "canonical" in rel and attrs.get("href"):
            self.page.setdefault("url", attrs["href"].strip())
        elif tag == "time" and attrs.get("datetime") and ("pubdate" in attrs or "address" in self.skip):
            self.page.setdefault("date", attrs["datetime"].strip())
        elif tag == "a" and "author" in rel:
            self.author = []

    def handle_starttag(self, tag, attrs):
        if tag in ("meta", "link", "time", "a"):
            self._page_tag(tag, dict(attrs))
        if tag == "body" and "head" in self.skip:
            # </head> is optional in HTML: the body closes it
            del self.skip[self.skip.index("head") :]
        if tag in self.SKIP or self._skipping_header(tag):
            self.skip.append(tag)
        elif not self.skip:
            self.open.append(tag)
            self.has_h1 |= tag == "h1"
        if tag in self.BLOCK:
            self._flush()
        if tag == "title":
            self.skip.append("title")

    def handle_endtag(self, tag):
        if tag == "a" and self.author is not None:
            name = _HTML_SPACE.sub(" ", "".join(self.author)).strip()
            if name and name not in self.authors:
                self.authors.append(name)
            self.author = None
        if self.skip and self.skip[-1] == tag:
            self.skip.pop()
        elif tag in self.skip:
            # an unclosed element inside the skipped one: close both
            del self.skip[self.skip.index(tag) :]
        elif tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]
        if tag in self.BLOCK:
            self._flush()

    def handle_data(self, data):
        if self.author is not None:
            self.author.append(data)
        if self.skip:
            if self.skip[-1] == "title":
                self.title.append(data)
            return
        self.current.append(data if "pre" in self.open else _HTML_SPACE.sub(" ", data))

    def _flush(self):
        line = "".join(self.current).strip()
        if line:
            self.lines.append(line)
        self.current = []

    def text(self) -> str:
        self._flush()
        title = _HTML_SPACE.sub(" ", "".join(self.title)).strip()
        lines = self.lines if self.has_h1 or not title else [title, *self.lines]
        return "\n".join(lines)

    def fields(self) -> dict[str, str]:
        """The page's metadata: the best <meta> key of each field, then the fallbacks."""
        found = {}
        for name, keys in HTML_META.items():
            values = [self.meta[k] for k in keys if k in self.meta]
            if name == "author":  # article:author is often the URL of a profile page, not a name
                values = [v for v in values if not re.match(r"(?:https?:)?//", v)] + [", ".join(self.authors)] * bool(self.authors)
            if not values and name in self.page:
                values = [self.page[name]]
            if values:
                found[name] = values[0]
        return found


@dataclass
class HtmlPage:
    """The result of :func:`read_html`: the visible ``text`` and the metadata ``fields``."""

    text: str
    fields: dict[str, str]


def read_html(html: str) -> HtmlPage:
    """Return the visible text of an HTML page (:func:`html_to_text`) and the metadata it states.

    ``fields`` maps ``source``, ``title``, ``date``, ``author`` and ``url`` to the value of the
    first ``<meta>`` tag of :data:`HTML_META` found for it (``property``, ``name`` or ``itemprop``;
    ``og:site_name``, ``og:title``, ``article:published_time``, ``author``, ``og:url`` first), as
    written (the date is not parsed here). Fallbacks: the ``url`` of ``<link rel="canonical">``, the
    ``date`` of a ``<time datetime>`` marked ``pubdate`` or inside the byline ``<address>``, and
    the ``author`` of ``<a rel="author">`` links (several joined by ", "); an ``article:author``
    that is a link to a profile page is not a name and is ignored. Fields a page does not state
    are absent.

    Examples
    --------
    >>> page = read_html('<html><head><meta property="og:site_name" content="ТАСС"/>'
    ...                  '<meta property="article:published_time" content="2024-03-12T10:30:00+03:00"/></head>'
    ...                  '<body><h1>Визит</h1><address>by <a rel="author">Иван Петров</a></address></body></html>')
    >>> page.fields
    {'source': 'ТАСС', 'date': '2024-03-12T10:30:00+03:00', 'author': 'Иван Петров'}
    >>> page.text
    'Визит'
    """
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return HtmlPage(parser.text(), parser.fields())


def html_to_text(html: str) -> str:
    """Return the visible text of an HTML page, one line per paragraph, heading or list item.

    Uses the standard library's :class:`html.parser.HTMLParser`: scripts, styles, forms,
    navigation, ``<aside>``, ``<footer>``, the byline ``<address>`` (its time and author are
    metadata, see :func:`read_html`) and a page-level ``<header>`` are dropped, entities are
    decoded, whitespace inside a block is collapsed (except in ``<pre>``). When the page has no
    ``<h1>``, its ``<title>`` becomes the first line. This is a plain extraction, not boilerplate
    removal: for large crawls a dedicated extractor such as trafilatura does better.

    Examples
    --------
    >>> html_to_text("<html><head><title>Визит</title><script>x=1</script></head>"
    ...              "<body><nav>Меню</nav><p>Токаев&nbsp;прилетел   в Москву.</p></body></html>")
    'Визит\\nТокаев\\xa0прилетел в Москву.'
    """
    return read_html(html).text


def decode(data: bytes, *, name: str = "<bytes>", html: bool | Literal["always"] = True) -> Decoded:
    """Decode the bytes of one file to text, listing every change made in ``notes``.

    Steps, in order:

    1. a byte-order mark (UTF-8, UTF-16, UTF-32) decides the codec; the BOM is not kept;
    2. documents, images and archives (PDF, ZIP/.docx, PNG, JPEG, GIF, 7z, RAR, xz, bzip2, zstd,
       old .doc) are refused with a :class:`DecodeError` naming the format; gzip is refused here
       too, because :func:`corpus_tools.read_corpus` decompresses it before calling this;
    3. trailing NUL padding is removed; other NUL bytes mean UTF-16 without a BOM when they all sit
       on one byte parity and the result is readable, stray ones (at most 1% of the bytes, or 8) are
       removed, and more make the file binary; so do more than 1% C0 control bytes;
    4. strict UTF-8; a UTF-8 file cut inside its last character loses that character; a few
       corrupt bytes (at most 1 in 1000 characters) in Russian UTF-8 become U+FFFD;
    5. otherwise the better-looking of cp1251 and koi8-r (see the module docstring);
    6. an HTML page (see :func:`looks_like_html`) is turned into text, and its metadata tags
       read into ``fields``, with :func:`read_html` when ``html`` is true;
    7. invisible characters are removed (see :func:`remove_invisible`); line breaks, non-breaking
       spaces and everything else are kept as decoded.

    Parameters
    ----------
    data
        The raw bytes of one file.
    name
        Used in error messages only (the file path).
    html
        Extract the text of HTML pages (default). ``"always"`` treats the text as HTML even when
        it does not start like a page (a ``.html`` file holding a fragment). False keeps the markup.

    Returns
    -------
    Decoded
        ``text``, ``encoding`` (``"utf-8"``, ``"utf-8-sig"``, ``"utf-16"``, ``"utf-16-le"``,
        ``"utf-16-be"``, ``"utf-32"``, ``"cp1251"``, ``"koi8_r"``), ``notes`` and ``fields``.

    Raises
    ------
    DecodeError
        If the bytes are a known binary format, look binary, contradict their byte-order mark, or
        read as no known encoding; the message names ``name`` and what to do.

    Examples
    --------
    >>> decode("Токаев".encode("cp1251"))
    Decoded(text='Токаев', encoding='cp1251', notes=[], fields={})
    >>> decode("Пре\\u00adзидент".encode() + b"\\x00\\x00").notes
    ['2 trailing NUL byte(s) removed', 'removed 1 invisible character(s): soft hyphen 1']
    """
    notes: list[str] = []
    text = codec = None
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            try:
                text, codec = data.decode(bom_codec), bom_codec
            except UnicodeDecodeError as err:
                raise DecodeError(f"{name}: starts with a {bom_codec} byte-order mark but is not valid {bom_codec} ({err.reason} at byte {err.start})") from None
            break
    if text is None:
        if data.startswith(GZIP_MAGIC):
            raise DecodeError(f"{name}: a gzip-compressed file; decompress it first (gunzip), or read it with read_corpus")
        what = _format_of(data)
        if what:
            raise DecodeError(f"{name}: {what}")
        text, codec = _decode_plain(data, name, notes)
    text, more, fields = normalize_page(text, html=html)
    return Decoded(text, codec, notes + more, fields)


def normalize(text: str, *, html: bool | Literal["always"] = True) -> tuple[str, list[str]]:
    """Apply steps 6 and 7 of :func:`decode` to a text, plus removal of NUL characters.

    Used for the text fields of JSONL and CSV records, which arrive already decoded.

    Returns
    -------
    tuple
        The normalised text and the notes saying what changed (empty if nothing).

    Examples
    --------
    >>> normalize("Ми\\x00р\\u200b")
    ('Мир', ['removed 1 NUL character(s)', 'removed 1 invisible character(s): zero-width space 1'])
    """
    return normalize_page(text, html=html)[:2]


def normalize_page(text: str, *, html: bool | Literal["always"] = True) -> tuple[str, list[str], dict[str, str]]:
    """:func:`normalize`, also returning the metadata fields of an HTML page (:func:`read_html`).

    The third item is empty unless the text was extracted from HTML.
    """
    notes = []
    fields: dict[str, str] = {}
    nul = text.count("\x00") if "\x00" in text else 0  # the test alone is faster: most texts have none
    if nul:
        text = text.replace("\x00", "")
        notes.append(f"removed {nul} NUL character(s)")
    if html == "always" or (html and looks_like_html(text)):
        page = read_html(text)
        text, fields = page.text, page.fields
        notes.append(
            "HTML page: text extracted with html.parser (scripts, styles, navigation, bylines dropped); "
            "for cleaner text extract it first with a dedicated tool such as trafilatura"
        )
    text, invisible = remove_invisible(text)
    if invisible:
        total = sum(invisible.values())
        notes.append(f"removed {total} invisible character(s): " + ", ".join(f"{k} {v}" for k, v in sorted(invisible.items())))
    return text, notes, fields


def decode_bytes(data: bytes, *, name: str = "<bytes>") -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; :func:`decode` without the notes.

    The notes are logged as warnings instead. See :func:`decode` for the steps.

    Raises
    ------
    DecodeError
        As :func:`decode`.

    Examples
    --------
    >>> decode_bytes("Токаев".encode("cp1251"))
    ('Токаев', 'cp1251')
    >>> decode_bytes("Токаев".encode("koi8_r"))
    ('Токаев', 'koi8_r')
    >>> decode_bytes(codecs.BOM_UTF8 + "мир".encode())
    ('мир', 'utf-8-sig')
    """
    result = decode(data, name=name)
    for note in result.notes:
        log.warning("%s: %s", name, note)
    return result.text, result.encoding
