"""Parse publication metadata out of scraped text: dates, outlet self-references, permalinks, bylines.

Every parser here is deliberately narrow: it accepts a value only from a labelled place (a header,
«Опубликовано …», «Постоянный адрес новости: …», a byline) and never from the story itself, where
dates such as «11-12 ноября» or «14.11.2024» describe events, not publication.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import pandas as pd

MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
    # English, as sites with an English interface print it: «27 Apr 2020, 00:05»
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_RE = (
    r"(?P<month>января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
    r"|январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь"
    r"|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_TIME_RE = r"(?:(?:\s*,\s*|\s+в\s+|\s+)(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
_RU_DATE = re.compile(rf"(?P<day>\d{{1,2}})\s+{_MONTH_RE}\s+(?P<year>\d{{4}})(?:\s*г(?:ода|\.)?)?{_TIME_RE}", re.I)
_NUM_DATE = re.compile(rf"(?P<day>\d{{1,2}})\.(?P<mon>\d{{1,2}})\.(?P<year>\d{{4}}){_TIME_RE}")
_ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?")


def _month_number(word: str) -> int:
    word = word.lower()
    for stem, number in MONTHS.items():
        if word.startswith(stem):
            return number
    raise ValueError(word)


def _build(year, month, day, hour=None, minute=None, second=None) -> pd.Timestamp | None:
    try:
        return pd.Timestamp(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return None


def parse_date(text: str) -> pd.Timestamp | None:
    """Parse the first date in ``text`` written in ISO, dd.mm.yyyy or Russian month-name form.

    Time zones in ISO strings are dropped: the wall-clock time as written is kept.

    Returns
    -------
    pandas.Timestamp or None
        None when no complete date (day, month and year) is present or it is not a real date.

    Examples
    --------
    >>> parse_date("8 апреля 2021 в 11:08")
    Timestamp('2021-04-08 11:08:00')
    >>> parse_date("2025-11-07")
    Timestamp('2025-11-07 00:00:00')
    >>> parse_date("11-12 ноября") is None
    True
    """
    for pattern in (_ISO_DATE, _RU_DATE, _NUM_DATE):
        m = pattern.search(text)
        if not m:
            continue
        parts = m.groupdict()
        month = _month_number(parts["month"]) if "month" in parts and parts.get("month") else parts["mon"]
        stamp = _build(parts["year"], month, parts["day"], parts.get("hour"), parts.get("minute"), parts.get("second"))
        if stamp is not None:
            return stamp
    return None


# A dateline: place, day and month, then the agency or outlet: «МОСКВА, 8 ноября, ФедералПресс.»,
# «Москва, 31 октября - АиФ-Москва.», «москва, 1 дек — риа новости.», «ВАШИНГТОН, 5 мая. /ТАСС/.»,
# «Москва. 15 марта. INTERFAX.RU -». After a period the outlet must end with a dash or stand
# between slashes, since «МОСКВА, 8 ноября. Путин заявил…» starts the story itself.
_SHORT_MONTH = r"(?:янв|фев|февр|мар|апр|июн|июл|авг|сен|сент|окт|ноя|нояб|дек)\.?"
_OUTLET = r"[\w«\"][\w+&«»\"'\-]*(?:(?:\s|\.(?=\w))[\w+&«»\"'\-]+){0,2}"
DATELINE = re.compile(
    rf"^\W{{0,3}}(?P<place>[^\W\d_][\w\-]*(?:[ \-][^\W\d_][\w\-]*){{0,2}})\s*[,.]\s*\d{{1,2}}\s+(?:{_MONTH_RE}|{_SHORT_MONTH})"
    rf"(?:\s+\d{{4}}(?:\s*г(?:ода|\.)?)?)?\s*(?:"
    rf"(?:,|\s?[-–—])\s*(?P<outlet>{_OUTLET})\s*(?:\.(?!\w)|\s[-–—])"
    rf"|\.?\s*/(?P<slashed>{_OUTLET})/"
    rf"|\.\s*(?P<dashed>{_OUTLET})\s+[-–—]"
    r")",
    re.I,
)


_HTML_TAG = re.compile(r"<[^<>]{0,200}>")


def find_dateline_outlet(text: str) -> str | None:
    """Return the outlet named by a dateline at the start of ``text``, or None.

    Only the start of the text is read (datelines open a story). Each word of the name must be
    capitalised, unless the whole dateline is in lower case (corpora distributed lower-cased), so
    «МОСКВА, 8 ноября, в Кремле…» gives nothing.

    Examples
    --------
    >>> find_dateline_outlet("МОСКВА, 8 ноября, ФедералПресс. Губернатор заявил…")
    'ФедералПресс'
    >>> find_dateline_outlet("москва, 1 дек — риа новости. около 60 тысяч литров…")
    'риа новости'
    >>> find_dateline_outlet("ВАШИНГТОН, 5 мая. /ТАСС/. Президент США…")
    'ТАСС'
    >>> find_dateline_outlet("<p><strong>москва, 1 дек&nbsp;&mdash; риа новости.</strong> около…")
    'риа новости'
    >>> find_dateline_outlet("МОСКВА, 8 ноября. Путин заявил, что…") is None
    True
    """
    start = text[:300]
    if "<" in start or "&" in start:  # HTML left in the text: «<p><strong>москва, 1 дек&nbsp;&mdash; …»
        start = html.unescape(_HTML_TAG.sub(" ", start)).lstrip()
    m = DATELINE.match(start)
    if not m:
        return None
    name = (m.group("outlet") or m.group("slashed") or m.group("dashed")).strip(" «»\"'")
    head = start[: m.end()]
    words = re.findall(r"[^\W\d_][\w\-]*", name)
    if not words or name.lower() in _NOT_OUTLETS:
        return None
    if head != head.lower() and not all(w[0].isupper() for w in words):
        return None
    return name


# «Опубликовано 8 апреля 2021 в 11:08», «Дата публикации: 08.04.2021»
PUBLISHED = re.compile(r"^\s*(?:опубликовано|опубликован[а]?|дата публикации|дата|published)\s*:?\s*(?P<value>.+?)\s*$", re.I)
# «Постоянный адрес новости: eadaily.com/ru/news/...»
PERMALINK = re.compile(
    r"^\s*(?:постоянный адрес (?:новости|статьи|материала)|постоянная ссылка|ссылка на (?:новость|статью|материал)"
    r"|адрес (?:новости|статьи))\s*:\s*(?P<url>\S+)\s*$",
    re.I,
)
# «Рауф Керимли, собкор», «Иван Петров, корреспондент в Баку»
BYLINE = re.compile(
    r"^\s*(?P<author>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?:\s+[А-ЯЁ]\.)?(?:\s+[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?){1,2})\s*,\s*"
    r"(?:собкор|собственный корреспондент|спецкор|специальный корреспондент|корреспондент|обозреватель"
    r"|редактор|журналист|политический обозреватель)\b[^.!?]{0,40}$"
)
BYLINE_LABEL = re.compile(r"^\s*(?:автор|текст)\s*:\s*(?P<author>[А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+){1,2})\s*$")

# Self-references an outlet makes in its own text. Citations of other outlets («пишет NY Times»,
# «по данным AFP», «как сообщал ТАСС») are not self-references, so plain «как сообщал X» counts
# only when X also matches the permalink's domain.
_NAME = r"[«\"]?(?P<name>[A-Za-zА-ЯЁ][\w.+\-]*(?:\s[A-ZА-ЯЁ][\w.+\-]*){0,2}?)[»\"]?"
SELF_REFERENCE_STRONG = (
    re.compile(rf"\b[Кк]ак уже (?:сообщал[аои]?|писал[аои]?)\s+{_NAME}\s*[,.]"),
    re.compile(rf"\bТакже\s+{_NAME}\s+(?:писал[аои]?|сообщал[аои]?|рассказывал[аои]?)\b"),
)
SELF_REFERENCE_WEAK = (re.compile(rf"\b[Кк]ак (?:ранее )?(?:сообщал[аои]?|писал[аои]?)\s+{_NAME}\s*[,.]"),)
# strings every match of a pattern contains: a text without them is not searched (a substring
# test is far cheaper than a search); a pattern missing here is always searched
_NEEDLES = {
    SELF_REFERENCE_STRONG[0]: ("ак уже ",),
    SELF_REFERENCE_STRONG[1]: ("Также",),
    SELF_REFERENCE_WEAK[0]: ("ак сообщал", "ак писал", "ак ранее "),
}
_NOT_OUTLETS = {"он", "она", "оно", "они", "мы", "ранее", "уже", "агентство", "издание", "газета", "сми", "телеканал"}


def find_self_references(text: str) -> list[tuple[str, bool]]:
    """Return ``(name, strong)`` for every outlet self-reference in ``text``, in order of appearance.

    ``strong`` is True for forms that only an outlet uses of itself («Как уже сообщал haqqin.az»,
    «Также Фокус писал»); False for «Как сообщало EADaily», which other outlets also use when
    citing, and which :func:`choose_source` accepts only when the permalink confirms it.

    Examples
    --------
    >>> find_self_references("Как уже сообщал haqqin.az, 11 ноября ...")
    [('haqqin.az', True)]
    >>> find_self_references("Также Фокус писал, что США ...")
    [('Фокус', True)]
    >>> find_self_references("По данным AFP, это шаг. Об этом пишет NY Times.")
    []
    """
    if "сообщал" not in text and "писал" not in text and "рассказывал" not in text:
        return []  # every pattern needs one of these verbs; a substring test is far cheaper
    found = []
    for strong, patterns in ((True, SELF_REFERENCE_STRONG), (False, SELF_REFERENCE_WEAK)):
        for pattern in patterns:
            if not any(needle in text for needle in _NEEDLES.get(pattern, ("",))):
                continue
            for m in pattern.finditer(text):
                name = m.group("name").strip(" «»\"'.,")
                if name and name.lower() not in _NOT_OUTLETS:
                    found.append((m.start(), name, strong))
    seen = set()
    result = []
    for _, name, strong in sorted(found, key=lambda f: (f[0], not f[2])):
        if name not in seen:
            seen.add(name)
            result.append((name, strong))
    return result


# folder names that date a file rather than name its outlet: 2024, 2024-11, 2024_11_08, unknown
_DATE_FOLDER = re.compile(r"\d{4}(?:[-_.]\d{1,2}){0,2}|\d{1,2}|unknown|undated|no[-_]?date", re.I)


def folder_outlet(relative_path: str) -> str | None:
    """Return the outlet a folder layout gives a file: the nearest folder above it that is not a date.

    ``relative_path`` is the file's path relative to the corpus folder, with ``/`` separators.
    None for a file at the top of the corpus or under date folders only.

    >>> folder_outlet("telegram/shot/2024-11/tg_1.txt")
    'shot'
    >>> folder_outlet("kommersant/2019/03/a.txt")
    'kommersant'
    >>> folder_outlet("2019-03/a.txt") is None
    True
    """
    for part in reversed(relative_path.split("/")[:-1]):
        if part.strip() and not _DATE_FOLDER.fullmatch(part.strip()):
            return part.strip()
    return None


def domain_of(url: str) -> str | None:
    """Return the host of ``url`` without ``www.``; scheme-less permalinks are accepted.

    >>> domain_of("eadaily.com/ru/news/2021/04/08/x")
    'eadaily.com'
    >>> domain_of("https://www.kommersant.ru/doc/1")
    'kommersant.ru'
    >>> domain_of("[ссылка]") is None  # not a URL (urlsplit refuses the brackets)
    True
    """
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:  # "[ссылка]" reads as a malformed IPv6 host
        return None
    if not host or "." not in host:
        return None
    return host.removeprefix("www.")


def _squash(name: str) -> str:
    return re.sub(r"[^0-9a-zа-яё]", "", name.lower())


def choose_source(references: list[tuple[str, bool]], url: str | None) -> tuple[str | None, str]:
    """Pick the outlet name from self-references and the permalink domain.

    Order: a self-reference confirmed by the domain (``EADaily`` ~ ``eadaily.com``); the first
    strong self-reference; the domain itself. Returns ``(name, evidence)`` where evidence says which
    rule decided, or ``(None, "")``.

    >>> choose_source([("EADaily", False)], "eadaily.com/ru/news/1")
    ('EADaily', 'self-reference confirmed by permalink')
    >>> choose_source([("ТАСС", False)], None)
    (None, '')
    """
    domain = domain_of(url) if url else None
    if domain:
        label = _squash(domain.rsplit(".", 1)[0].split(".")[-1])
        for name, _ in references:
            squashed = _squash(name)
            if squashed and (squashed == label or squashed == _squash(domain)):
                return name, "self-reference confirmed by permalink"
    for name, strong in references:
        if strong:
            return name, "self-reference"
    if domain:
        return domain, "permalink domain"
    return None, ""
