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
line; dates inside or after the story never do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from corpus_tools import metadata as meta

_TICKER_ITEM = (
    r"(?:[•·▪*\-]\s*)?(?:(?P<sym>[A-Z]{3}|[$€¥£₽₸])\s*)?\d+(?:[.,]\d+)?"
    r"(?:\s*(?P<chg>[+\-−]\s*\d+(?:[.,]\d+)?%?))?"
)
_TICKER_LINE = re.compile(rf"^\s*(?:{_TICKER_ITEM}\s*)+$")
_COUNTER = re.compile(r"^\s*\d{1,2}:\d{2}(?:\s+\d[\d\s]*)?\s*$")
_STANDALONE_DATE = re.compile(
    r"^\s*(?:\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+[а-яё]+\s+\d{4}(?:\s*г(?:ода|\.)?)?)"
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
_WORD = re.compile(r"[^\W\d_]{2,}|\d+")
_URL_ANYWHERE = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:ru|com|org|net|kz|az|ua|by|me|io)/\S*")
_SHINGLE = 4
CAPTION_OVERLAP = 0.5
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


def _words(line: str) -> list[str]:
    # links are not words: two lines sharing only "https t me channel" are not repeats
    line = line.lower().replace("ё", "е")
    # every link has a slash or "www." (checked first: the link pattern is slow on plain text)
    if "/" in line or "www." in line:
        line = _URL_ANYWHERE.sub(" ", line)
    return _WORD.findall(line)


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    if len(words) < _SHINGLE:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}


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


def _metadata_line(line: str, fields: dict, in_body: bool) -> str | None:
    m = meta.PERMALINK.match(line)
    if m:
        fields.setdefault("url", m.group("url").rstrip(".,;"))
        return "permalink"
    m = meta.PUBLISHED.match(line)
    if m and (date := meta.parse_date(m.group("value"))) is not None:
        fields.setdefault("date", date)
        return "publication date"
    m = meta.BYLINE.match(line) or meta.BYLINE_LABEL.match(line)
    if m:
        fields.setdefault("author", m.group("author"))
        return "byline"
    if _STANDALONE_DATE.match(line) and (date := meta.parse_date(line)) is not None:
        if not in_body:
            fields.setdefault("date", date)
            return "standalone date before the body"
        return "standalone date (not the publication date)"
    return None


def _looks_like_title(line: str, rest_words: int) -> bool:
    words = _words(line)
    stripped = line.strip()
    return (
        2 <= len(words) <= 30
        and not re.search(r"[.,;:…]\s*$", stripped)
        and rest_words >= 10
        and not _URL.match(stripped)
    )


def _standalone(kept: list[tuple[int, str]]) -> set[int]:
    """Line numbers of lines that form a paragraph of their own (blank or nothing on both sides)."""
    alone = set()
    for k, (number, line) in enumerate(kept):
        before = kept[k - 1][1] if k > 0 else ""
        after = kept[k + 1][1] if k + 1 < len(kept) else ""
        if line.strip() and not before.strip() and not after.strip():
            alone.add(number)
    return alone


def _drop_repeats(content: list[tuple[int, str]], skip: set[int], alone: set[int]) -> dict[int, str]:
    """Find caption/pull-quote lines and exact repeats among (line number, line) content lines.

    Only stand-alone paragraphs can be dropped: in hard-wrapped text a line is part of a paragraph.
    """
    lines = dict(content)
    words: dict[int, list[str]] = {}

    def words_of(i: int) -> list[str]:  # split lazily: most lines are never compared
        if i not in words:
            words[i] = _words(lines[i])
        return words[i]

    dropped: dict[int, str] = {}
    seen: dict[tuple[str, ...], int] = {}
    for i, line in content:
        if i in skip or i not in alone:
            continue
        key = tuple(words_of(i))
        if len(key) < 5:
            continue
        if key in seen:
            dropped[i] = "repeated paragraph" if _TERMINAL.search(line) else "caption repeating the body"
            continue
        seen[key] = i
    # shingles of the body paragraphs (lines with final punctuation) a caption can repeat;
    # unpunctuated lines are never compared with each other, so lists and menus of links survive
    candidates = [
        i for i, line in content
        if i not in skip and i not in dropped and i in alone and len(words_of(i)) >= 5 and not _TERMINAL.search(line)
    ]  # fmt: skip
    if not candidates:
        return dropped  # most documents: no stand-alone unpunctuated line to compare
    body = set()
    for i, line in content:
        if i not in skip and i not in dropped and _TERMINAL.search(line):
            body.update(_shingles(words_of(i)))
    for i in candidates:
        mine = _shingles(words_of(i))
        if mine and sum(1 for sh in mine if sh in body) / len(mine) >= CAPTION_OVERLAP:
            dropped[i] = "caption repeating the body"
    return dropped


def clean_text(raw: str, *, title: str | None = None) -> Cleaned:
    """Remove boilerplate lines from ``raw`` and return the body, title and metadata found.

    Parameters
    ----------
    raw
        The decoded text of one scraped document.
    title
        A title known from elsewhere (sidecar or record). When given, no title is guessed, and a
        first body line equal to it is removed as a repeat. When None, the first body line is taken
        as the title if it is short (2–30 words), has no final period, comma, colon or ellipsis, and
        at least 10 words of body follow it.

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
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines, numbers = _header(lines, fields, removed)
    if title is None and fields.get("title"):
        title = fields["title"]

    kept: list[tuple[int, str]] = []  # (raw line number, line)
    in_body = False
    for number, line in zip(numbers, lines):
        if not line.strip():
            kept.append((number, ""))
            continue
        reason = _metadata_line(line, fields, in_body) or _line_reason(line)
        if reason:
            removed.append((number, line, reason))
            continue
        in_body = True
        kept.append((number, line))

    content = [(n, line) for n, line in kept if line.strip()]
    title_line = None
    if title is not None:
        if content and _words(content[0][1]) == _words(title):
            title_line = content[0][0]
            removed.append((title_line, content[0][1], "title repeated in the body"))
    elif content:
        rest = 0
        for _, line in content[1:]:  # only "at least 10 words follow" matters: stop counting there
            rest += len(_words(line))
            if rest >= 10:
                break
        if _looks_like_title(content[0][1], rest):
            title = content[0][1].strip()
            fields["title"] = title
            title_line = content[0][0]
    skip = {title_line} if title_line is not None else set()
    # the lines on either side of a header-only or removed line count as blank
    blanked = {r[0] for r in removed if not r[2].startswith(PARTIAL)}
    visible = [(n, "" if n in blanked else line) for n, line in kept]
    lines_by_number = dict(content)
    for number, reason in _drop_repeats(content, skip, _standalone(visible)).items():
        removed.append((number, lines_by_number[number], reason))

    gone = {n for n, _, reason in removed if not reason.startswith(PARTIAL)}
    body_lines = [line.rstrip() for n, line in kept if n not in gone and n != title_line]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(body_lines)).strip("\n")
    body_refs = meta.find_self_references(text)
    source, evidence = meta.choose_source(body_refs, fields.get("url"))
    if source:
        fields["source"] = source
        fields["source_evidence"] = evidence
    removed = sorted((n, line, reason.removeprefix(PARTIAL)) for n, line, reason in removed)
    return Cleaned(text=text, title=title, fields=fields, removed=removed)


def removed_table(doc_ids, removed_lists) -> pd.DataFrame:
    """Build the tidy cleaning log (``doc_id, line_no, line, reason``) from per-document lists."""
    rows = [(d, n, line, reason) for d, removed in zip(doc_ids, removed_lists) for n, line, reason in removed]
    table = pd.DataFrame(rows, columns=["doc_id", "line_no", "line", "reason"])
    return table.astype({"line_no": "int64"})
