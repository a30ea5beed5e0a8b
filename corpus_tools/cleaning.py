"""Strip boilerplate from one scraped news text and collect the metadata it carries.

The cleaner works line by line and removes only whole lines (or a metadata prefix of the first
line), recording each removal with its line number and reason, so a researcher can audit exactly
what was dropped (see :func:`corpus_tools.cleaning_log`). It removes:

* metadata headers: `` date 2025-11-07 …`` on the first line, the 5-line BSNLP header
  (id, language, date, URL, title);
* currency tickers («$ 99.61 +0.03», «USD 1.7000») and time/view counters («01:44 646»);
* site widgets and menus («Меню», «Все новости», «Відео дня», «Загрузить ещё», «Актуальные сюжеты»,
  «Читайте также …», «Подписывайтесь …», «Теги: …»);
* bylines («Рауф Керимли, собкор»), permalinks («Постоянный адрес новости: …»), publication
  stamps («Опубликовано 8 апреля 2021 в 11:08») and standalone date lines («14.11.2024»);
* image captions and pull-quotes that repeat the body: a line without final punctuation whose word
  4-grams are at least half contained in the rest of the text, and exact repeats of a paragraph.

A standalone date line counts as the publication date only when it stands before the first body
line (or right after a title line); dates inside or after the story never do. A first line is
taken as the title only on strong evidence (:func:`title_shape`).

:func:`corpus_boilerplate` is the corpus-level pass :func:`corpus_tools.read_corpus` runs after
cleaning every document: the lines and sentences an outlet repeats across many of its documents
(«Если Вы заметите ошибку в тексте…», copyright footers, channel signatures), each removal
logged like the others.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from corpus_tools import metadata as meta

_TICKER_ITEM = (
    r"(?:[•·▪*\-]\s*)?(?:(?P<sym>[A-Z]{3}|[$€¥£₽₸])\s*)?\d+(?:[.,]\d+)?"
    r"(?:\s*(?P<chg>[+\-−]\s*\d+(?:[.,]\d+)?%?))?"
)
_TICKER_LINE = re.compile(rf"^\s*(?:{_TICKER_ITEM}\s*)+$")
_COUNTER = re.compile(r"^\s*\d{1,2}:\d{2}(?:\s+\d[\d\s]*)?\s*$")
_STANDALONE_DATE = re.compile(
    r"^\s*(?:\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+[а-яёa-z]+\.?\s+\d{4}(?:\s*г(?:ода|\.)?)?)"
    r"(?:(?:\s*,\s*|\s+в\s+|\s+)\d{1,2}:\d{2})?\s*$",
    re.I,
)
_HEADER_DATE = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)\b\s*(?P<rest>.*)$", re.I)
_BSNLP_ID = re.compile(r"^\s*[\w-]{1,60}\s*$")  # "238", "ru-207", "ru-ryanair-new-extra-124"
_BSNLP_LANG = re.compile(r"^\s*[a-z]{2}\s*$")
_URL = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")

# Whole-line widgets, compared lowercased with ё as е and trailing punctuation stripped.
WIDGETS = frozenset(
    {
        "меню", "все новости", "відео дня", "видео дня", "загрузить еще", "показать еще",
        "актуальные сюжеты", "читайте также", "смотрите также", "читать далее", "главное",
        "поделиться", "комментарии", "реклама", "новости партнеров", "популярное", "последние новости",
        "лента новостей", "подписаться", "версия для печати", "распечатать", "вернуться назад",
        "наверх", "размещение комментариев доступно только зарегистрированным пользователям",
    }
)
# Widgets that start a line followed by link text; only short lines are treated as boilerplate.
WIDGET_PREFIXES = (
    "читайте также", "смотрите также", "читайте нас", "подписывайтесь на", "подпишитесь на",
    "если вы заметили ошибку", "если вы заметите ошибку", "нашли ошибку", "теги:", "фото:",
    "источник фото", "размещение комментариев", "все права защищены", "©",
)
_WIDGET_MAX_CHARS = 200
_TERMINAL = re.compile(r"[.!?…]\s*[»\"”')]*\s*$")
_SENTENCE_ENDS = tuple(".!?…")  # the two character sets of _TERMINAL, for _ends_sentence
_CLOSERS = "»\"”')"
_WORD = re.compile(r"[^\W\d_]{2,}|\d+")
_URL_ANYWHERE = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:ru|com|org|net|kz|az|ua|by|me|io)/\S*")
_SHINGLE = 4
_MIN_REPEAT_WORDS = 5  # shorter stand-alone lines are never dropped as repeats or captions
CAPTION_OVERLAP = 0.5
_TITLE_ENDS = tuple(".,;:…")  # a first line ending so is a sentence, not a title
_TITLE_MAX_WORDS = 20  # the longest of ~490 real headlines in the shared corpora has 19
# Markdown emphasis and links: a post exported from Telegram or VK, whose bold first line is its
# lead (part of the body), not a title; such posts have no title field
_MARKDOWN = ("**", "__", "](")
_TAG = re.compile(r"<[a-z/!][^>]*>|&[a-z]+;", re.I)  # HTML left in the text
# photo credits and captions («Борис Джонсон. Фото: GLOBAL LOOK press/…», «Кадр: House, M.D. /
# Universal», «Emerson et al / Science…»), site names after a bar, copyright
_CAPTION = re.compile(r"\b(?:фото|кадр|видео|иллюстрация|скриншот|источник|photo|credit)\s*:|©|\(c\)|\bet al\b|\s[/|]\s", re.I)
# breadcrumbs: «Вы здесь: Главная > Новости», «Главная / Политика»
_BREADCRUMB = re.compile(r"^\W*(?:вы здесь|главная|home)\b|\s[>»→]\s", re.I)
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_INNER_SENTENCE = re.compile(r"[.!?…]\s+[«\"„“(]?[A-ZА-ЯЁ]")
# words a headline never ends on; a line ending so is the start of a wrapped sentence
_DANGLING = frozenset(
    "в во на с со к ко о об обо от до по за из у и а но или что чтобы как для при без под над про через "
    "не ни же ли бы который которая которое которые the of and to in a".split()
)
_BLANK_RUN = re.compile(r"\n{3,}")
# distinct lines whose readings are remembered: enough for the lines of a document and a
# channel's recurring boilerplate; holds about three times their text (5 MB on ru_news_mix)
_MEMO_LINES = 1 << 10
_PEEK_CHARS = 12  # characters per word read ahead when only the first words of a line are counted
PARTIAL = "\0"  # marks a removal of part of a line (the header prefix), which keeps the rest


@dataclass
class Cleaned:
    """The result of cleaning one text.

    ``fields`` holds the metadata found in the text (``date``, ``source``, ``author``, ``url``,
    ``title``); ``removed`` holds ``(line_no, line, reason)`` for each removed line, line numbers
    1-based in the raw text.
    """

    text: str
    title: str | None = None
    fields: dict = field(default_factory=dict)
    removed: list = field(default_factory=list)


def _norm_widget(line: str) -> str:
    return line.strip().lower().replace("ё", "е").rstrip(" .:!»›>→")


@lru_cache(maxsize=_MEMO_LINES)
def _plain(line: str) -> str:
    """The line lowercased, ё as е, links blanked out: the text words are read from.

    Memoised because the same line is read by several checks, and scraped pages repeat their
    link-laden lines («🔴 [Подписаться](https://t.me/…)») across documents.
    """
    # links are not words: two lines sharing only "https t me channel" are not repeats
    line = line.lower().replace("ё", "е")
    # every link has a slash or "www." (checked first: the link pattern is slow on plain text)
    if "/" in line or "www." in line:
        start, end = _link_stretch(line)
        line = line[:start] + _URL_ANYWHERE.sub(" ", line[start:end]) + line[end:]
    return line


def _link_stretch(line: str) -> tuple[int, int]:
    """The span of ``line`` from its first to its last word (run of non-space) with "/" or "www.".

    Every match of _URL_ANYWHERE lies inside one such word, so the text around the span has no
    link, and the span, cut at spaces, is searched as the whole line would be (its word boundary
    and its non-space runs read a space and a string end alike): only the link pattern's slow
    search of the plain text around links is spared.
    """
    first = min(i for i in (line.find("/"), line.find("www.")) if i >= 0)
    last = max(line.rfind("/") + 1, line.rfind("www.") + 4)  # the end of the last one
    head, tail = line[:first], line[last:]
    start = first - (len(head.rsplit(None, 1)[-1]) if head and not head[-1].isspace() else 0)
    end = last + (len(tail.split(None, 1)[0]) if tail and not tail[0].isspace() else 0)
    return start, end


@lru_cache(maxsize=_MEMO_LINES)
def _words(line: str) -> tuple[str, ...]:
    """All the words of a line (see :func:`_plain`); a tuple, since the memo hands out one object."""
    return tuple(_WORD.findall(_plain(line)))


def _count_words(line: str, limit: int) -> int:
    """``min(len(_words(line)), limit)``, mostly without reading the rest of a long line.

    Callers only compare the count with ``limit``. Words are counted in a window at the start
    first: a word the window cuts off is still a word of the line, so finding ``limit`` there
    settles it.
    """
    plain = _plain(line)
    window = _PEEK_CHARS * limit
    count = len(_WORD.findall(plain, 0, window))
    if count < limit and len(plain) > window:
        count = len(_words(line))
    return min(count, limit)


def _same_words(line: str, words: tuple[str, ...]) -> bool:
    """``_words(line) == words``, stopping at the first difference (a long paragraph vs a title)."""
    found = _WORD.finditer(_plain(line))
    for word in words:
        m = next(found, None)
        if m is None or m.group() != word:
            return False
    return next(found, None) is None


def _shingles(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    if len(words) < _SHINGLE:
        return {tuple(words)} if words else set()
    # the runs of _SHINGLE consecutive words, zipped in C rather than sliced one by one
    return set(zip(*(words[k:] for k in range(_SHINGLE))))


def _ends_sentence(line: str) -> bool:
    """``bool(_TERMINAL.search(line))``, reading the end of the line only.

    The pattern asks for a final punctuation mark followed by nothing but spaces, closing quotes
    and brackets, and spaces; stripping those three runs from the right leaves the mark last
    exactly when it matches (the mark is neither a space nor a closer).
    """
    return line.rstrip().rstrip(_CLOSERS).rstrip().endswith(_SENTENCE_ENDS)


def _is_ticker(line: str) -> bool:
    m = _TICKER_LINE.match(line)
    if not m:
        return False
    # a bare number is not a ticker: ask for a currency sign/code or a signed change
    return bool(re.search(r"[A-Z]{3}|[$€¥£₽₸]|[+\-−]\s*\d", line))


def _line_reason(line: str) -> str | None:
    stripped = line.strip()
    if _is_ticker(stripped):
        return "currency ticker"
    if _COUNTER.match(stripped):
        return "time/view counter"
    norm = _norm_widget(stripped)
    if norm in WIDGETS:
        return "site widget"
    if len(stripped) <= _WIDGET_MAX_CHARS and norm.startswith(WIDGET_PREFIXES):
        return "site widget"
    return None


def _header(lines: list[str], fields: dict, removed: list) -> tuple[list[str], list[int]]:
    """Consume metadata headers; return the remaining lines and their 1-based raw line numbers."""
    numbers = list(range(1, len(lines) + 1))
    if len(lines) >= 5 and _BSNLP_ID.match(lines[0]) and _BSNLP_LANG.match(lines[1]) and _URL.match(lines[3]):
        date = meta.parse_date(lines[2]) if lines[2].strip() else None
        if date is not None:
            fields["date"] = date
        fields["url"] = lines[3].strip()
        if lines[4].strip():
            fields["title"] = lines[4].strip()
            fields["title_from"] = "header"
        for i, what in enumerate(("id", "language", "date", "url", "title")):
            removed.append((i + 1, lines[i], f"metadata header ({what})"))
        return lines[5:], numbers[5:]
    if lines:
        m = _HEADER_DATE.match(lines[0])
        date = meta.parse_date(m.group("date")) if m else None
        if date is not None:
            fields["date"] = date
            prefix = lines[0][: m.start("rest")] if m.group("rest") else lines[0]
            removed.append((1, prefix.rstrip(), PARTIAL + "metadata header (date)"))
            lines = [m.group("rest")] + lines[1:]
    return lines, numbers


# How a line must start for a rule of _line_kind other than bylines and widgets to match it,
# with the rule's flags: the labels of meta.PERMALINK and meta.PUBLISHED (case-insensitive) and of
# meta.BYLINE_LABEL, and the first character of dates, counters and tickers. Body text seldom
# starts so; a byline has a comma, and a widget is told by its first characters (_may_be_widget).
_RULE_START = re.compile(r"\s*(?:(?i:постоянн|ссылка|адрес|опубликован|дата|published)|автор|текст|[\d•·▪*\-A-Z$€¥£₽₸])")
_WIDGET_STARTS = tuple(sorted(WIDGETS)) + WIDGET_PREFIXES
_WIDGET_LONGEST = max(map(len, _WIDGET_STARTS))
_WIDGET_INITIALS = tuple(sorted({start[:2] for start in _WIDGET_STARTS}))


def _may_be_widget(line: str) -> bool:
    """False when :func:`_line_reason` cannot call ``line`` a site widget, reading its start only.

    Its normalised form starts with a widget or a widget prefix; so does the same normalisation
    of its first characters (lowercasing maps character by character and never shortens). Two
    characters rule out most lines, before the dearer normalisation of a longer start.
    """
    start = line.strip()
    if not start[:2].lower().replace("ё", "е").startswith(_WIDGET_INITIALS):
        return False
    return start[:_WIDGET_LONGEST].lower().replace("ё", "е").startswith(_WIDGET_STARTS)


_DATE_LINE = "standalone date"  # the reason is settled by the line's place, see clean_text


@lru_cache(maxsize=_MEMO_LINES)
def _line_kind(line: str) -> tuple[str, str | None, object] | None:
    """:func:`_classify` of a non-blank line, skipping the rules for body text none can match.

    Memoised: the answer depends on the line alone, and scraped pages repeat menus, tickers and
    subscription lines across documents.
    """
    if not (_RULE_START.match(line) or "," in line and meta.BYLINE.match(line) or _may_be_widget(line)):
        return None
    return _classify(line)


def _classify(line: str) -> tuple[str, str | None, object] | None:
    """Classify a non-blank line on its own: None for body text, else ``(reason, field, value)``.

    ``field`` and ``value`` are the metadata the line carries (None for boilerplate without any);
    a standalone date has the reason :data:`_DATE_LINE`, which :func:`clean_text` turns into
    "before the body" or not.
    """
    m = meta.PERMALINK.match(line)
    if m:
        return "permalink", "url", m.group("url").rstrip(".,;")
    m = meta.PUBLISHED.match(line)
    if m and (date := meta.parse_date(m.group("value"))) is not None:
        return "publication date", "date", date
    m = meta.BYLINE.match(line) or meta.BYLINE_LABEL.match(line)
    if m:
        return "byline", "author", m.group("author")
    if _STANDALONE_DATE.match(line) and (date := meta.parse_date(line)) is not None:
        return _DATE_LINE, "date", date
    reason = _line_reason(line)
    return (reason, None, None) if reason else None


def _looks_like_title(line: str, following: list[str]) -> bool:
    """The length rule for a first line to be the title, cheapest tests first.

    No final period, comma, colon or ellipsis, not a URL, 2 to :data:`_TITLE_MAX_WORDS` words, and
    at least 10 words of body after it. :func:`title_shape` adds what a headline must not look like.
    """
    stripped = line.strip()  # so a final mark is the last character
    if stripped.endswith(_TITLE_ENDS) or _URL.match(stripped):
        return False
    # at least 10 words of body follow (counting stops there)
    rest = 0
    for other in following:
        rest += _count_words(other, 10 - rest)
        if rest >= 10:
            return 2 <= _count_words(line, _TITLE_MAX_WORDS + 1) <= _TITLE_MAX_WORDS
    return False


def title_shape(line: str, following: str | None, separated: bool) -> str | None:
    """Why the first body line ``line`` cannot be a headline, or None when it can.

    A headline is a short line standing on its own: it is followed by a blank line (``separated``)
    or by a paragraph at least twice as long (``following``, the next body line) that does not
    continue it in lower case. It is not a date or time stamp, view counter, photo caption or
    credit, dateline («Москва, 31 октября - АиФ-Москва. …»), breadcrumb («Вы здесь: …»), HTML,
    or a fragment of a sentence (starting in lower case or with a symbol, ending on a preposition
    or conjunction, holding two sentences or an unclosed quote). The length rule is
    :func:`_looks_like_title`.

    Examples
    --------
    >>> title_shape("Токаев летит к Путину после встречи с Трампом", None, True) is None
    True
    >>> title_shape("Борис Джонсон. Фото: GLOBAL LOOK press/Dinendra Haria", None, True)
    'photo caption or credit'
    >>> title_shape("14 января 2019, 17:43 168", None, True)
    'date or time stamp'
    """
    stripped = line.strip()
    if _TAG.search(stripped):
        return "markup"
    if _CAPTION.search(stripped):
        return "photo caption or credit"
    if _BREADCRUMB.search(stripped):
        return "breadcrumb"
    if meta.DATELINE.match(stripped):
        return "dateline"
    digits = sum(ch.isdigit() for ch in stripped)
    if _CLOCK.search(stripped) or meta.parse_date(stripped) is not None or digits * 3 > len(stripped.replace(" ", "")):
        return "date or time stamp"
    first = stripped.lstrip("«\"„“'(")[:1]
    if not (first.isupper() or first.isdigit()):
        return "sentence fragment (does not start a sentence)"
    if not (stripped[-1].isalnum() or stripped[-1] in "?!»\"”')"):
        return "sentence fragment (ends on a symbol)"
    words = _words(stripped)
    if words and words[-1] in _DANGLING:
        return "sentence fragment (ends on a preposition or conjunction)"
    if _INNER_SENTENCE.search(stripped):
        return "two sentences"
    if stripped.count("«") != stripped.count("»") or stripped.count("(") != stripped.count(")") or stripped.count('"') % 2:
        return "sentence fragment (unclosed quote or bracket)"
    if following is not None and not separated:
        start = following.strip().lstrip("«\"„“'(—–- ")[:1]
        if start.islower():
            return "sentence fragment (the next line continues it)"
        if _count_words(following, 2 * len(words)) < 2 * len(words):
            return "not followed by a blank line or a longer paragraph"
    return None


def _standalone(kept: list[tuple[int, str]]) -> set[int]:
    """Line numbers of lines that form a paragraph of their own (blank or nothing on both sides)."""
    filled = [bool(line.strip()) for _, line in kept] + [False]  # filled[-1], after the last: nothing
    return {number for k, (number, _) in enumerate(kept) if filled[k] and not filled[k - 1] and not filled[k + 1]}


def _drop_repeats(content: list[tuple[int, str]], skip: set[int], alone: set[int]) -> dict[int, str]:
    """Find caption/pull-quote lines and exact repeats among (line number, line) content lines.

    Only stand-alone paragraphs can be dropped: in hard-wrapped text a line is part of a paragraph.
    """
    dropped: dict[int, str] = {}
    # a repeat has the same words as an earlier line, so also the same first word: a line is read
    # in full only when it shares its first word with an earlier one
    by_first: dict[str, list[str]] = {}
    for i, line in content:
        if i in skip or i not in alone:
            continue
        first = _WORD.search(_plain(line))
        if first is None:
            continue  # no words, so fewer than _MIN_REPEAT_WORDS
        earlier = by_first.setdefault(first.group(), [])
        if earlier:
            words = _words(line)
            if len(words) >= _MIN_REPEAT_WORDS and any(_words(other) == words for other in earlier):
                dropped[i] = "repeated paragraph" if _ends_sentence(line) else "caption repeating the body"
                continue
        earlier.append(line)
    # shingles of the body paragraphs (lines with final punctuation) a caption can repeat;
    # unpunctuated lines are never compared with each other, so lists and menus of links survive
    candidates = [
        (i, line) for i, line in content
        if i not in skip and i in alone and i not in dropped and not _ends_sentence(line)
        and _count_words(line, _MIN_REPEAT_WORDS) >= _MIN_REPEAT_WORDS
    ]  # fmt: skip
    if not candidates:
        return dropped  # most documents: no stand-alone unpunctuated line to compare
    body = set()
    for i, line in content:
        if i not in skip and i not in dropped and _ends_sentence(line):
            body.update(_shingles(_words(line)))
    if not body and CAPTION_OVERLAP > 0:
        return dropped  # a one-paragraph post: no body for a caption to repeat, no need to read it
    for i, line in candidates:
        mine = _shingles(_words(line))
        if mine and len(mine & body) / len(mine) >= CAPTION_OVERLAP:
            dropped[i] = "caption repeating the body"
    return dropped


def _guess_title(raw: str, content: list[tuple[int, str]], kept: list[tuple[int, str]]) -> bool:
    """Whether the first body line is the title: :func:`_looks_like_title` and :func:`title_shape`."""
    number, line = content[0]
    if not _looks_like_title(line, [other for _, other in content[1:]]) or any(mark in raw for mark in _MARKDOWN):
        return False
    k = next(k for k, (n, _) in enumerate(kept) if n == number)
    # a blank line, a removed line (a date, a byline) or nothing follows
    separated = k + 1 == len(kept) or not kept[k + 1][1].strip() or kept[k + 1][0] != number + 1
    following = content[1][1] if len(content) > 1 else None
    return title_shape(line, following, separated) is None


def clean_text(raw: str, *, title: str | None = None) -> Cleaned:
    """Remove boilerplate lines from ``raw`` and return the body, title and metadata found.

    Parameters
    ----------
    raw
        The decoded text of one scraped document.
    title
        A title known from elsewhere (sidecar or record). When given, no title is guessed, and a
        first body line equal to it is removed as a repeat. When None, the first body line is taken
        as the title only on strong evidence: 2–20 words, no final period, comma, colon or
        ellipsis, at least 10 words of body after it, followed by a blank line or a longer
        paragraph, and not a date, caption, dateline, breadcrumb or sentence fragment (see
        :func:`title_shape`); never in a Markdown post (Telegram, VK), whose first line is its
        lead. ``fields["title_from"]`` then says ``"first_line"`` (``"header"`` for the title of
        a metadata header).

    Returns
    -------
    Cleaned
        ``text`` (the body: kept lines joined by newlines, runs of blank lines collapsed to one),
        ``title``, ``fields`` (date, source, author, url, title found in the text) and ``removed``.

    Examples
    --------
    >>> c = clean_text("Меню\\nГлава МИД: вектор важен\\nРоссия является главным партнером Казахстана, "
    ...                "неразрешенных вопросов между странами нет.\\nВсе новости")
    >>> c.title, c.text
    ('Глава МИД: вектор важен', 'Россия является главным партнером Казахстана, неразрешенных вопросов между странами нет.')
    >>> [reason for _, _, reason in c.removed]
    ['site widget', 'site widget']
    """
    fields: dict = {}
    removed: list = []
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    lines, numbers = _header(raw.split("\n"), fields, removed)
    if title is None and fields.get("title"):
        title = fields["title"]

    kept: list[tuple[int, str]] = []  # (raw line number, line)
    content: list[tuple[int, str]] = []  # the non-blank ones
    in_body = False
    after_title: list[tuple[int, object]] = []  # date lines right after the first body line
    for number, line in zip(numbers, lines):
        if not line.strip():
            kept.append((number, ""))
            continue
        kind = _line_kind(line)
        if kind is None:
            in_body = True
            kept.append((number, line))
            content.append((number, line))
            continue
        reason, name, value = kind
        if reason == _DATE_LINE:
            # a date line is the publication date only before the story starts
            reason = "standalone date (not the publication date)" if in_body else "standalone date before the body"
            if not in_body:
                fields.setdefault(name, value)
            elif len(content) == 1:  # the publication date if that line turns out to be the title
                after_title.append((len(removed), value))
        elif name is not None:
            fields.setdefault(name, value)
        removed.append((number, line, reason))

    title_line = None
    if title is not None:
        if content and _same_words(content[0][1], _words(title)):
            title_line = content[0][0]
            removed.append((title_line, content[0][1], "title repeated in the body"))
    elif content and _guess_title(raw, content, kept):
        title = content[0][1].strip()
        fields["title"] = title
        fields["title_from"] = "first_line"
        title_line = content[0][0]
    if title_line is not None and after_title and "date" not in fields:
        at, fields["date"] = after_title[0]
        removed[at] = (*removed[at][:2], "standalone date before the body")
    skip = {title_line} if title_line is not None else set()
    # the lines on either side of a header-only or removed line count as blank
    blanked = {r[0] for r in removed if not r[2].startswith(PARTIAL)}
    visible = [(n, "" if n in blanked else line) for n, line in kept] if blanked else kept
    dropped = _drop_repeats(content, skip, _standalone(visible))
    if dropped:
        lines_by_number = dict(content)
        for number, reason in dropped.items():
            removed.append((number, lines_by_number[number], reason))

    gone = {n for n, _, reason in removed if not reason.startswith(PARTIAL)}
    body_lines = [line.rstrip() for n, line in kept if n not in gone and n != title_line]
    text = "\n".join(body_lines)
    if "\n\n\n" in text:
        text = _BLANK_RUN.sub("\n\n", text)
    text = text.strip("\n")
    body_refs = meta.find_self_references(text)
    source, evidence = meta.choose_source(body_refs, fields.get("url"))
    if not source and (source := meta.find_dateline_outlet(text)):
        evidence = fields["source_from"] = "dateline"
    if source:
        fields["source"] = source
        fields["source_evidence"] = evidence
    removed = sorted((n, line, reason.removeprefix(PARTIAL)) for n, line, reason in removed)
    return Cleaned(text=text, title=title, fields=fields, removed=removed)


# ---- corpus-level boilerplate: lines and sentences an outlet repeats across its documents ----

BOILERPLATE_MIN_DOCS = 5  # a piece must be in at least this many documents of the outlet
BOILERPLATE_MIN_SHARE = 0.2  # and in at least this share of them
BOILERPLATE_MIN_OUTLET_DOCS = 10  # outlets with fewer documents are never judged
BOILERPLATE_MIN_WORDS = 3  # shorter sentences inside a paragraph are never dropped
BOILERPLATE_MIN_LINE_WORDS = 2  # nor shorter lines («Фото», «Подписаться»: left to the line rules)
_WHOLE_LINE_CHARS = 300  # a longer paragraph of several sentences is compared sentence by sentence only
BOILERPLATE = "outlet boilerplate"  # the start of the reason of every removal of this pass
# a sentence ends at . ! ? or … before a space and a capital, digit or opening quote
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+(?=[«\"„“(\[*]*[A-ZА-ЯЁ0-9])")
# quoted speech (three words or more) and lines of dialogue: syndicated quotes are news, however
# often repeated
_QUOTE = re.compile(r"[«“„\"]([^«»“”„\"]{5,})[»”“\"]")
_DIALOGUE = re.compile(r"^\s*[—–-]\s")
_MARKDOWN_LINK = re.compile(r"\]\([^)\s]*\)")  # the target of [text](https://…): not words


def _pieces(line: str) -> list[str]:
    """The sentences of one line of text (the line itself when it has one)."""
    stripped = line.strip()
    parts = _SENTENCE_BREAK.split(stripped)
    return parts if len(parts) > 1 else [stripped]


def _piece_key(piece: str, whole: bool) -> str | None:
    """The words of a piece, as compared across documents; None when it may never be dropped.

    ``whole``: the piece is a whole line (which may be shorter than a sentence inside one).
    """
    if _DIALOGUE.match(piece):
        return None
    if any(q in piece for q in "«“„\"") and any(len(_WORD.findall(m.group(1))) >= 3 for m in _QUOTE.finditer(piece)):
        return None
    if "](" in piece:
        piece = _MARKDOWN_LINK.sub("] ", piece)
    words = _WORD.findall(_plain.__wrapped__(piece))  # unmemoised: most pieces are read once
    return " ".join(words) if len(words) >= (BOILERPLATE_MIN_LINE_WORDS if whole else BOILERPLATE_MIN_WORDS) else None


def corpus_boilerplate(
    texts: list[str],
    groups: list,
    *,
    min_docs: int = BOILERPLATE_MIN_DOCS,
    min_share: float = BOILERPLATE_MIN_SHARE,
    min_outlet_docs: int = BOILERPLATE_MIN_OUTLET_DOCS,
) -> dict[int, list[tuple[int, str, str]]]:
    """Find the lines and sentences each outlet repeats across its documents (corpus-level boilerplate).

    A piece (a whole line of at least :data:`BOILERPLATE_MIN_LINE_WORDS` words, or a sentence
    inside a line of at least :data:`BOILERPLATE_MIN_WORDS`) is boilerplate of outlet ``g`` when it occurs in at least
    ``min_docs`` documents of ``g`` and in at least ``min_share`` of them, ``g`` has at least
    ``min_outlet_docs`` documents, and it is not more frequent in other outlets where it is not
    boilerplate (wire copy that outlets share is news, not a template). The last 2–4 words before
    a boilerplate sentence are boilerplate too when they are the same in enough documents (a
    template glued to the story, «…представлены на Нашли опечатку? Выделите фрагмент…»; the
    reason then ends "(before another piece)"). Quoted speech (a quote of
    three words or more, a line of dialogue) is never boilerplate. Pieces are compared by their
    words, lowercased with ё as е, links left out.

    Parameters
    ----------
    texts
        The cleaned text of each document.
    groups
        The outlet of each document; None (or a group too small) leaves the document untouched.
    min_docs, min_share, min_outlet_docs
        The thresholds above (defaults 5 documents, 20 %, 10 documents).

    Returns
    -------
    dict
        For each document with boilerplate (by position): ``(line_index, piece, reason)`` per
        piece, ``line_index`` 0-based in ``text.split("\\n")``, ``piece`` the whole line or the
        sentence, reason ``"outlet boilerplate: in 14 of 42 documents of N+1"``.

    Examples
    --------
    >>> texts = [f"Новость номер {i} о погоде.\\nЕсли Вы заметите ошибку в тексте, нажмите Ctrl+Enter." for i in range(10)]
    >>> corpus_boilerplate(texts, ["x"] * 10)[0]
    [(1, 'Если Вы заметите ошибку в тексте, нажмите Ctrl+Enter.', 'outlet boilerplate: in 10 of 10 documents of x')]
    """
    if min_docs < 1 or not 0 <= min_share <= 1 or min_outlet_docs < 1:
        raise ValueError(f"min_docs = {min_docs}, min_share = {min_share}, min_outlet_docs = {min_outlet_docs} are invalid; need min_docs >= 1, 0 <= min_share <= 1, min_outlet_docs >= 1")
    sizes: dict = {}
    for g in groups:
        if g is not None:
            sizes[g] = sizes.get(g, 0) + 1
    # the pieces of every document, and in how many documents of each outlet each piece occurs
    found: dict[int, list[tuple[int, str, str]]] = {}
    counts: dict[tuple, int] = {}
    anywhere: dict[str, dict] = {}
    for d, (text, g) in enumerate(zip(texts, groups)):
        if g is None or not text:
            continue
        mine = []  # (line index, piece, key, whether the piece is the whole line)
        for i, line in enumerate(text.split("\n")):
            if not line.strip():
                continue
            sentences = _pieces(line)
            # the whole line first (a signature «Топор Live. Подписаться» is one), then its sentences
            candidates = [(p, False) for p in sentences] if len(sentences) > 1 else []
            if len(sentences) == 1 or len(line) <= _WHOLE_LINE_CHARS:
                candidates.insert(0, (line.strip(), True))
            for piece, whole in candidates:
                key = _piece_key(piece, whole)
                if key is not None:
                    mine.append((i, piece, key, whole))
        for key in {entry[2] for entry in mine}:
            counts[(g, key)] = counts.get((g, key), 0) + 1
            anywhere.setdefault(key, {})[g] = counts[(g, key)]
        if sizes[g] >= min_outlet_docs:
            found[d] = mine

    def enough(g, n: int) -> bool:  # n documents of outlet g are enough evidence
        return sizes[g] >= min_outlet_docs and n >= min_docs and n >= min_share * sizes[g]

    def repeated(g, key) -> bool:
        return enough(g, counts.get((g, key), 0))

    result: dict[int, list[tuple[int, str, str]]] = {}
    verdicts: dict[tuple, bool] = {}
    for d, mine in found.items():
        g = groups[d]
        hits = []
        whole_lines = set()  # lines dropped whole: their sentences are not looked at again
        for i, piece, key, whole in mine:
            if i in whole_lines:
                continue
            verdict = verdicts.get((g, key))
            if verdict is None:
                elsewhere = sum(n for h, n in anywhere[key].items() if h != g and not repeated(h, key))
                verdict = verdicts[(g, key)] = repeated(g, key) and elsewhere <= counts[(g, key)]
            if verdict:
                hits.append((i, piece, f"{BOILERPLATE}: in {counts[(g, key)]} of {sizes[g]} documents of {g}"))
                if whole:
                    whole_lines.add(i)
        if hits:
            result[d] = hits
    _glued_tails(result, texts, groups, enough)
    return result


_TAIL_WORDS = range(2, 5)  # a glued template has 2 to 4 words («Нашли опечатку?»)


def _glued_tails(result: dict, texts: list[str], groups: list, enough) -> None:
    """Add to ``result`` the templates glued to the sentence before a boilerplate sentence.

    Scraped text loses the break between a story and a footer («…будут представлены на Нашли
    опечатку? Выделите фрагмент и нажмите Ctrl+Enter.»). When the same last 2–4 words end the
    sentence before a boilerplate sentence in enough documents of the outlet (``enough(g, n)``,
    the thresholds of :func:`corpus_boilerplate`), those words are boilerplate too (the longest
    such run; the rest of the sentence stays).
    """
    seen: dict[tuple, set] = {}
    candidates = []  # (document, line, sentence, {words: start of the run})
    for d, hits in result.items():
        dropped = {(i, piece) for i, piece, _ in hits}
        lines = texts[d].split("\n")
        for i in sorted({i for i, _, _ in hits}):
            sentences = _pieces(lines[i])
            for k, sentence in enumerate(sentences[:-1]):
                if (i, sentence) in dropped or (i, sentences[k + 1]) not in dropped:
                    continue
                words = list(_WORD.finditer(sentence.lower().replace("ё", "е")))
                runs = {}
                for n in _TAIL_WORDS:  # the whole sentence too: «…на N+1. Нашли опечатку? Выделите…»
                    if n <= len(words):
                        key = (groups[d], " ".join(w.group() for w in words[-n:]))
                        seen.setdefault(key, set()).add(d)
                        runs[key] = words[-n].start()
                candidates.append((d, i, sentence, runs))
    for d, i, sentence, runs in candidates:
        good = [(len(key[1].split()), start, key) for key, start in runs.items() if enough(key[0], len(seen[key]))]
        if good:
            _, start, key = max(good)
            reason = f"{BOILERPLATE}: in {len(seen[key])} of {sum(1 for g in groups if g == key[0])} documents of {key[0]} (before another piece)"
            result[d].append((i, sentence[start:].strip(), reason))


def drop_pieces(text: str, hits: list[tuple[int, str, str]]) -> str:
    """``text`` without the pieces :func:`corpus_boilerplate` found in it; emptied lines go too.

    A piece is cut out of its line with one space next to it; the rest of the line is unchanged.
    """
    lines: list[str | None] = text.split("\n")
    for i, piece, _ in hits:
        line = lines[i]
        at = -1 if line is None else line.find(piece)
        if at < 0:
            continue
        end = at + len(piece)
        if end < len(line) and line[end] == " ":
            end += 1
        elif at > 0 and line[at - 1] == " ":
            at -= 1
        rest = (line[:at] + line[end:]).rstrip()
        lines[i] = rest if rest.strip() else None
    kept = "\n".join(line for line in lines if line is not None)
    return _BLANK_RUN.sub("\n\n", kept).strip("\n")


def raw_line_numbers(raw: str, text: str) -> list[int]:
    """The 1-based line of ``raw`` each line of its cleaned ``text`` comes from (0 for a blank line).

    Kept lines are the raw lines in order, right-stripped (the first may have lost a header
    prefix), so each is matched with the next raw line equal to it (ending with it, for the first).
    """
    raw_lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    numbers, j, first = [], 0, True
    for line in text.split("\n"):
        if not line.strip():
            numbers.append(0)
            continue
        k = j
        # only the first kept line can have lost a prefix (a header date)
        while k < len(raw_lines) and raw_lines[k].rstrip() != line and not (first and raw_lines[k].rstrip().endswith(line)):
            k += 1
        first = False
        if k == len(raw_lines):  # not found (should not happen): the log keeps the text's order
            numbers.append(0)
            continue
        numbers.append(k + 1)
        j = k + 1
    return numbers


def remove_boilerplate(docs: pd.DataFrame, groups: list, raw_of, **thresholds) -> pd.DataFrame:
    """Return ``docs`` (a read_corpus table) without the boilerplate :func:`corpus_boilerplate` finds.

    ``groups`` gives each row's outlet (None: not judged), ``raw_of(position)`` the raw text of a
    row, from which the removed pieces get their line numbers. ``thresholds`` go to
    :func:`corpus_boilerplate`; the removal itself is :func:`apply_boilerplate`. The input is not
    changed.
    """
    return apply_boilerplate(docs, corpus_boilerplate(docs["text"].tolist(), groups, **thresholds), raw_of)


def apply_boilerplate(docs: pd.DataFrame, found: dict, raw_of) -> pd.DataFrame:
    """Return ``docs`` without the pieces ``found`` (row position -> ``corpus_boilerplate``'s hits).

    Each removed piece joins the row's ``removed`` log (``[line_no, piece, reason]``, the whole
    line or the sentence taken out of it; ``raw_of(position)`` is the row's raw text, which the
    line numbers refer to) and ``n_removed``; a document left empty gets a warning. The input is
    not changed.
    """
    if not found:
        return docs
    texts, logs, warnings = docs["text"].tolist(), docs["removed"].tolist(), docs["warnings"].tolist()
    counts = docs["n_removed"].tolist()
    for d, hits in found.items():
        numbers = raw_line_numbers(raw_of(d), texts[d])
        log = json.loads(logs[d]) + [[numbers[i], piece, reason] for i, piece, reason in hits]
        log.sort(key=lambda entry: (entry[0], entry[1], entry[2]))
        logs[d], counts[d] = json.dumps(log, ensure_ascii=False), len(log)
        texts[d] = drop_pieces(texts[d], hits)
        if not texts[d].strip():
            warnings[d] = json.dumps(json.loads(warnings[d]) + ["empty document: no text after removing outlet boilerplate"], ensure_ascii=False)
    out = docs.copy()
    out["text"], out["removed"], out["warnings"] = texts, logs, warnings
    out["n_removed"] = pd.Series(counts, index=docs.index, dtype="int64")
    return out


def removed_table(doc_ids, removed_lists) -> pd.DataFrame:
    """Build the tidy cleaning log (``doc_id, line_no, line, reason``) from per-document lists."""
    rows = [(d, n, line, reason) for d, removed in zip(doc_ids, removed_lists) for n, line, reason in removed]
    table = pd.DataFrame(rows, columns=["doc_id", "line_no", "line", "reason"])
    return table.astype({"line_no": "int64"})
