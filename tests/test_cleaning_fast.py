"""The fast paths of read_corpus give exactly what the plain rules give (hypothesis).

Each ``plain_*`` function below is the straightforward rule the module once ran, kept here as the
reference: cleaning (words, link removal, line classes, title guess, stand-alone lines, repeats and
captions, the whole of :func:`clean_text`), language detection, outlet self-references and the
removal of invisible characters. Texts are drawn from fragments that reach every rule: labels in odd
cases, bylines, widgets, tickers, dates, links, markdown, closing quotes, unusual spaces, letters of
the other Cyrillic languages, Greek sigma and other case-mapping oddities.
"""

import re
import sys
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_tools import cleaning, encoding, language
from corpus_tools import metadata as meta
from corpus_tools.cleaning import Cleaned

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ---- the plain rules ---------------------------------------------------------------------------


def plain_text_of(line):
    line = line.lower().replace("ё", "е")
    if "/" in line or "www." in line:
        line = cleaning._URL_ANYWHERE.sub(" ", line)
    return line


def plain_words(line):
    return cleaning._WORD.findall(plain_text_of(line))


def plain_shingles(words):
    if len(words) < cleaning._SHINGLE:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + cleaning._SHINGLE]) for i in range(len(words) - cleaning._SHINGLE + 1)}


def plain_metadata_line(line, fields, in_body):
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
    if cleaning._STANDALONE_DATE.match(line) and (date := meta.parse_date(line)) is not None:
        if not in_body:
            fields.setdefault("date", date)
            return "standalone date before the body"
        return "standalone date (not the publication date)"
    return None


def plain_looks_like_title(line, rest_words):
    words = plain_words(line)
    stripped = line.strip()
    return 2 <= len(words) <= cleaning._TITLE_MAX_WORDS and not re.search(r"[.,;:…]\s*$", stripped) and rest_words >= 10 and not cleaning._URL.match(stripped)


def plain_standalone(kept):
    alone = set()
    for k, (number, line) in enumerate(kept):
        before = kept[k - 1][1] if k > 0 else ""
        after = kept[k + 1][1] if k + 1 < len(kept) else ""
        if line.strip() and not before.strip() and not after.strip():
            alone.add(number)
    return alone


def plain_drop_repeats(content, skip, alone):
    lines = dict(content)
    terminal = cleaning._TERMINAL.search
    dropped, seen = {}, {}
    for i, line in content:
        if i in skip or i not in alone:
            continue
        key = tuple(plain_words(lines[i]))
        if len(key) < 5:
            continue
        if key in seen:
            dropped[i] = "repeated paragraph" if terminal(line) else "caption repeating the body"
            continue
        seen[key] = i
    candidates = [
        i for i, line in content
        if i not in skip and i not in dropped and i in alone and len(plain_words(line)) >= 5 and not terminal(line)
    ]  # fmt: skip
    if not candidates:
        return dropped
    body = set()
    for i, line in content:
        if i not in skip and i not in dropped and terminal(line):
            body.update(plain_shingles(plain_words(line)))
    for i in candidates:
        mine = plain_shingles(plain_words(lines[i]))
        if mine and sum(1 for sh in mine if sh in body) / len(mine) >= cleaning.CAPTION_OVERLAP:
            dropped[i] = "caption repeating the body"
    return dropped


def plain_clean_text(raw, title=None):
    fields, removed = {}, []
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines, numbers = cleaning._header(lines, fields, removed)
    if title is None and fields.get("title"):
        title = fields["title"]
    kept, in_body, after_title = [], False, []
    for number, line in zip(numbers, lines):
        if not line.strip():
            kept.append((number, ""))
            continue
        reason = plain_metadata_line(line, fields, in_body) or cleaning._line_reason(line)
        if reason:
            if reason == "standalone date (not the publication date)" and sum(1 for _, k in kept if k.strip()) == 1:
                after_title.append((len(removed), meta.parse_date(line)))
            removed.append((number, line, reason))
            continue
        in_body = True
        kept.append((number, line))
    content = [(n, line) for n, line in kept if line.strip()]
    title_line = None
    if title is not None:
        if content and plain_words(content[0][1]) == plain_words(title):
            title_line = content[0][0]
            removed.append((title_line, content[0][1], "title repeated in the body"))
    elif content:
        rest = 0
        for _, line in content[1:]:
            rest += len(plain_words(line))
            if rest >= 10:
                break
        k = next(k for k, (n, _) in enumerate(kept) if n == content[0][0])
        separated = k + 1 == len(kept) or not kept[k + 1][1].strip() or kept[k + 1][0] != content[0][0] + 1
        following = content[1][1] if len(content) > 1 else None
        markdown = "**" in raw or "__" in raw or "](" in raw
        if plain_looks_like_title(content[0][1], rest) and not markdown and cleaning.title_shape(content[0][1], following, separated) is None:
            title = content[0][1].strip()
            fields["title"] = title
            fields["title_from"] = "first_line"
            title_line = content[0][0]
    if title_line is not None and after_title and "date" not in fields:
        at, fields["date"] = after_title[0]
        removed[at] = (*removed[at][:2], "standalone date before the body")
    skip = {title_line} if title_line is not None else set()
    blanked = {r[0] for r in removed if not r[2].startswith(cleaning.PARTIAL)}
    visible = [(n, "" if n in blanked else line) for n, line in kept]
    lines_by_number = dict(content)
    for number, reason in plain_drop_repeats(content, skip, plain_standalone(visible)).items():
        removed.append((number, lines_by_number[number], reason))
    gone = {n for n, _, reason in removed if not reason.startswith(cleaning.PARTIAL)}
    body_lines = [line.rstrip() for n, line in kept if n not in gone and n != title_line]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(body_lines)).strip("\n")
    source, evidence = meta.choose_source(plain_self_references(text), fields.get("url"))
    if not source and (source := meta.find_dateline_outlet(text)):
        evidence = fields["source_from"] = "dateline"
    if source:
        fields["source"] = source
        fields["source_evidence"] = evidence
    removed = sorted((n, line, reason.removeprefix(cleaning.PARTIAL)) for n, line, reason in removed)
    return Cleaned(text=text, title=title, fields=fields, removed=removed)


def plain_detect_language(text):
    sample = language._URL.sub(" ", text[: language._SAMPLE].lower())
    cyrillic_letters = re.sub(r"[^\u0400-\u0481\u048a-\u04ff]+", "", sample)
    cyrillic = len(cyrillic_letters)
    if cyrillic < language.MIN_LETTERS:
        return "other"
    other = sum(len(run) if run.isalpha() else sum(ch.isalpha() for ch in run) for run in language._OTHER_WORD_RUN.findall(sample))
    if cyrillic < 0.5 * (cyrillic + other):
        return "other"
    markers = re.compile("[" + "".join(sorted(language._KAZAKH | language._SOUTH_SLAVIC | set("ҳўқғіїєґъ"))) + "]")
    if markers.search(cyrillic_letters) is None:
        return "ru"
    letters = Counter(cyrillic_letters)

    def frequent(chars, share):
        count = sum(letters[ch] for ch in chars)
        return count >= language.MIN_MARKERS and count >= share * cyrillic

    if frequent(language._SOUTH_SLAVIC, 0.005):
        return "other"
    if frequent(language._KAZAKH, 0.02):
        return "kk"
    if frequent("ҳўқғ", 0.02) and letters["ҳ"] + letters["ў"] and letters["ҳ"] + letters["қ"] + letters["ғ"]:
        return "uz"
    if frequent("ў", 0.01) and frequent("і", 0.02):
        return "be"
    if frequent("іїєґ", 0.03):
        return "uk"
    if frequent("ъ", 0.01) and not letters["ы"] and not letters["э"]:
        return "bg"
    return "ru"


def plain_self_references(text):
    if "сообщал" not in text and "писал" not in text and "рассказывал" not in text:
        return []
    found = []
    for strong, patterns in ((True, meta.SELF_REFERENCE_STRONG), (False, meta.SELF_REFERENCE_WEAK)):
        for pattern in patterns:
            for m in pattern.finditer(text):
                name = m.group("name").strip(" «»\"'.,")
                if name and name.lower() not in meta._NOT_OUTLETS:
                    found.append((m.start(), name, strong))
    seen, result = set(), []
    for _, name, strong in sorted(found, key=lambda f: (f[0], not f[2])):
        if name not in seen:
            seen.add(name)
            result.append((name, strong))
    return result


def plain_remove_invisible(text):
    found = encoding._INVISIBLE_RE.findall(text)
    if not found:
        return text, {}
    return encoding._INVISIBLE_RE.sub("", text), dict(Counter(encoding.INVISIBLE[ch] for ch in found))


def outcome(function, *args, **options):
    """What a call returns, or the error it raises: the fast paths must raise as the plain rules do."""
    try:
        return "returns", function(*args, **options)
    except ValueError as err:  # e.g. a permalink «адрес статьи: [x]», which urlsplit refuses
        return "raises", type(err), str(err)


# ---- texts that reach every rule ---------------------------------------------------------------

WORDS = [
    "Путин", "Токаев", "заявил", "мир", "ёлка", "ЁЖ", "и", "в", "по", "на", "Премьер-министр", "объявил",
    "Москве", "news", "Daimler", "AG", "a1b", "x_y", "²", "½", "ΑΣ", "Σ", "ς", "İ", "ǅ", "ſ", "K", "ß",
    "Київ", "Қазақстан", "ўзбек", "ҳукумат", "бұл", "Мәскеу", "іі", "јављање", "ъъ", "ы", "э", "҂", "҈",
]
PUNCT = [".", ",", "!", "?", "…", "»", "«", '"', "”", "'", ")", "(", ":", ";", "-", "—", "*", "**", "__", "/", "|", "#", "[", "]"]
SPACES = [" ", " ", " ", "  ", "\t", "\xa0", "\u2003", "\x1c", "\x85", "\u3000", "\u200b", "\u00ad", "\ufeff", "\u202c"]
DIGITS = ["2024", "11", "5,5", "99.61", "٣", "+0.03", "−0,15", "646"]
LINKS = [
    "https://t.me/x", "(https://t.me/+HW_y)", "www.Site.ru", "WWW.SITE.RU/a", "naked-science.ru/article/1", "HTTP://A.B/c",
    "t.me/", "ria.ru/", "x.com/y", "http", "www", "[Подписаться](https://t.me/moscow)", "a.ru/b.kz/c", "ᲃ/",
]
LABELS = [
    "Постоянный адрес новости: eadaily.com/ru/news/1", "ПОСТОЯННАЯ ССЫЛКА: x.ru/1", "ᲃсылка на новость: a.ru/2",
    "адрес статьи:", "Опубликовано 8 апреля 2021 в 11:08", "Дата публикации: 08.04.2021", "published 2025-11-07",
    "ᲁата: 14.11.2024", "автор: Иван Петров", "Текст: Анна Смирнова", "Иван Петров, корреспондент в Баку",
    "Рауф Керимли, собкор", "Анна-Мария Петрова, политический обозреватель", "date 2025-11-07",
]
WIDGET_LINES = [
    "Меню", "ВСЕ НОВОСТИ", "Загрузить ещё", "Читайте также: Токаев", "©", "Фото: ТАСС", "Если вы заметили ошибку",
    "Наверх...", "поделиться »", "Теги: мир", "РЕКЛАМА →", "Відео дня", "Источник фото: x", "Ƒото", "мenu",
    "Ёсли вы заметили ошибку", "ЁСЛИ ВЫ ЗАМЕТИТЕ ОШИБКУ, выделите её",
]
OTHER_LINES = [
    "$ 99.61 +0.03", "USD 1.7000", "  • 104.86 +0.80", "- 104.86 +0.80", "▪ 5 −1", "· 5,5 +1%", "€ 105,20 −0,15", "01:44 646", "12:30", "2024",
    "14.11.2024", "8 апреля 2021 в 11:08", "2025-11-07", "14.11.2024, 12:30",
]
SENTENCES = [
    "Россия является главным партнером Казахстана, неразрешенных вопросов между странами нет.",
    "При входе в воздушное пространство России самолет Токаева сопровождали истребители Су-35.",
    "Как уже сообщал haqqin.az, 11 ноября президент прибыл в Россию.",
    "Также Фокус писал, что США готовят ответ.",
    "Как ранее сообщало EADaily, переговоры продолжатся.",
    "**Законопроект принят** Госдумой в первом чтении единогласно",
    "Инженеры из Института Висса разработали роботов",
    "Токаев прилетел в Москву вчера утром.",
    "Путин и Токаев обсудили поставки газа.",
]

fragment = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(PUNCT), st.sampled_from(SPACES), st.sampled_from(DIGITS), st.sampled_from(LINKS),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=3),
)
free_line = st.lists(fragment, max_size=40).map("".join)
line = st.one_of(
    free_line,
    st.sampled_from(LABELS + WIDGET_LINES + OTHER_LINES + SENTENCES),
    st.tuples(st.sampled_from(LABELS + WIDGET_LINES + OTHER_LINES + SENTENCES), free_line).map("".join),
    st.tuples(st.sampled_from(SENTENCES), st.sampled_from(["", ".", "**", " ", "»", "…»  "])).map(lambda p: p[0].rstrip(".") + p[1]),
)
document = st.lists(st.one_of(line, st.just(""), st.just("  ")), max_size=12).map("\n".join)
# long lines, so that the windows read at the start of a line are too short
LONG_WORDS = ["достопримечательность", "Премьер-министр", "международный", "и", "газ", "2024", "—", "**"]
long_line = st.one_of(
    st.lists(st.sampled_from(WORDS + PUNCT + SPACES + DIGITS + LINKS), min_size=50, max_size=200).map("".join),
    st.lists(st.sampled_from(LONG_WORDS), min_size=1, max_size=60).map(" ".join),
)

# ---- cleaning ----------------------------------------------------------------------------------


def test_regex_whitespace_is_str_whitespace():
    # _ends_sentence and _link_stretch read a regex \s or \S as str.isspace and str.split do
    space = re.compile(r"\s")
    assert all(bool(space.match(chr(c))) == chr(c).isspace() for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


@SETTINGS
@given(st.one_of(line, long_line))
def test_plain_text_and_words(text):
    assert cleaning._plain.__wrapped__(text) == plain_text_of(text)
    assert cleaning._words(text) == tuple(plain_words(text))


@SETTINGS
@given(st.one_of(line, long_line), st.integers(1, 40))
def test_count_words(text, limit):
    assert cleaning._count_words(text, limit) == min(len(plain_words(text)), limit)


@pytest.mark.parametrize("limit", range(1, 12))
def test_count_words_when_the_window_cuts_a_line(limit):
    for short in range(2 * limit):
        for long in range(4):
            text = " ".join(["газ"] * short + ["достопримечательность"] * long + ["мир"] * 3)
            assert cleaning._count_words(text, limit) == min(len(plain_words(text)), limit)


@SETTINGS
@given(st.one_of(line, long_line), st.one_of(line, st.sampled_from(SENTENCES)))
def test_same_words(text, other):
    assert cleaning._same_words(text, tuple(plain_words(other))) == (plain_words(text) == plain_words(other))
    assert cleaning._same_words(text, tuple(plain_words(text)))


@SETTINGS
@given(st.lists(st.sampled_from(["а", "б", "в", "г", "д"]), max_size=12))
def test_shingles(words):
    assert cleaning._shingles(tuple(words)) == plain_shingles(words)


@SETTINGS
@given(st.one_of(line, st.text(st.sampled_from("аб.!?…»\"”')( \t\xa0\u2003\x85"), max_size=12)))
def test_ends_sentence(text):
    assert cleaning._ends_sentence(text) == bool(cleaning._TERMINAL.search(text))


@pytest.mark.parametrize(
    "text",
    [
        # cases, folds and places that a first-character test could get wrong
        "ᲃсылка на новость: a.ru/2", "ПОСТОЯННЫЙ АДРЕС НОВОСТИ: x.ru", "ᲁата: 14.11.2024", "Дата 14.11.2024",
        "  автор: Иван Петров", "٣.١١.٢٠٢٤", "Ёлки, корреспондент", "Иван Петров, корреспондент", "ЧИТАЙТЕ ТАКЖЕ",
        "Читайте нас в Telegram", "   Меню  ", "Загрузить ещё...", "© 2024", "K 5", "− 5", "* 5 +1", "Фото:",
        "- 104.86 +0.80", "Ёсли вы заметили ошибку", "ёсли вы заметите ошибку!",
    ],
)
def test_line_kind_on_edge_cases(text):
    assert cleaning._line_kind.__wrapped__(text) == cleaning._classify(text)


@SETTINGS
@given(line)
def test_line_kind_is_the_plain_rule(text):
    if not text.strip():
        return
    kind = cleaning._line_kind.__wrapped__(text)
    assert kind == cleaning._classify(text)
    for in_body in (False, True):
        fields: dict = {}
        expected = plain_metadata_line(text, fields, in_body) or cleaning._line_reason(text)
        if kind is None:
            assert expected is None
            continue
        reason, name, value = kind
        if reason == cleaning._DATE_LINE:
            reason = "standalone date (not the publication date)" if in_body else "standalone date before the body"
            found = {} if in_body else {name: value}
        else:
            found = {name: value} if name is not None else {}
        assert (reason, found) == (expected, fields)


@SETTINGS
@given(st.one_of(line, long_line), st.lists(st.one_of(line, long_line), max_size=4))
def test_looks_like_title(first, following):
    rest = 0
    for other in following:
        rest += len(plain_words(other))
        if rest >= 10:
            break
    assert cleaning._looks_like_title(first, following) == plain_looks_like_title(first, rest)


@SETTINGS
@given(st.lists(st.tuples(st.integers(1, 9), st.one_of(line, st.just(""))), max_size=10))
def test_standalone(kept):
    kept = list(dict(kept).items())  # one entry per line number
    assert cleaning._standalone(kept) == plain_standalone(kept)


# paragraphs, their unpunctuated and marked-up copies and near copies: repeats and captions
paragraph = st.sampled_from(SENTENCES).flatmap(
    lambda s: st.sampled_from([s, s.rstrip("."), s.upper(), "**" + s.rstrip(".") + "**", s.replace(",", ""), s[: len(s) // 2], s + " Ещё."])
)


@SETTINGS
@given(st.lists(st.one_of(paragraph, line), min_size=1, max_size=8), st.data())
def test_drop_repeats(lines, data):
    content = list(enumerate(lines, start=1))
    numbers = [n for n, _ in content]
    alone = data.draw(st.sets(st.sampled_from(numbers)))
    skip = data.draw(st.sets(st.sampled_from(numbers), max_size=1))
    assert cleaning._drop_repeats(content, skip, alone) == plain_drop_repeats(content, skip, alone)


def test_caption_of_a_short_body():
    content = [(1, "Токаев прилетел в Москву вчера утром."), (2, "Токаев прилетел в Москву вчера утром")]
    assert cleaning._drop_repeats(content, set(), {2}) == plain_drop_repeats(content, set(), {2}) == {2: "caption repeating the body"}
    assert cleaning._drop_repeats(content[:1], set(), {1}) == {}


@SETTINGS
@given(document, st.one_of(st.none(), st.sampled_from(SENTENCES), line))
def test_clean_text_is_the_plain_rule(raw, title):
    assert outcome(cleaning.clean_text, raw, title=title) == outcome(plain_clean_text, raw, title=title)


@SETTINGS
@given(st.lists(st.one_of(paragraph, st.just("")), max_size=8).map("\n".join))
def test_clean_text_on_repeated_paragraphs(raw):
    assert cleaning.clean_text(raw) == plain_clean_text(raw)


@SETTINGS
@given(st.lists(st.one_of(paragraph, line, st.just("")), min_size=1, max_size=8), st.sampled_from(["", ".", "!", " **"]))
def test_clean_text_with_the_title_repeated_in_the_body(lines, end):
    title = next((text for text in lines if text.strip()), "Заголовок") + end
    raw = "\n".join(lines)
    assert outcome(cleaning.clean_text, raw, title=title) == outcome(plain_clean_text, raw, title=title)


def test_a_removed_title_line_counts_as_blank_for_its_neighbours():
    raw = "Короткий заголовок новости\nТокаев прилетел в Москву вчера утром\n\nТокаев прилетел в Москву вчера утром."
    cleaned = cleaning.clean_text(raw, title="Короткий заголовок новости")
    assert cleaned == plain_clean_text(raw, title="Короткий заголовок новости")
    assert [reason for _, _, reason in cleaned.removed] == ["title repeated in the body", "repeated paragraph"]


@pytest.mark.parametrize("words", [21, 20, 19, 2, 1])
def test_title_word_limit(words):
    first = " ".join(["Токаев"] * words)
    raw = f"{first}\n\n{SENTENCES[0]} {SENTENCES[1]}"
    assert cleaning.clean_text(raw) == plain_clean_text(raw)
    assert (cleaning.clean_text(raw).title is not None) == (2 <= words <= 20)


def test_memoised_readings_are_the_same_as_fresh_ones():
    raw = "\n\n".join(SENTENCES + LABELS + WIDGET_LINES + OTHER_LINES)
    first = cleaning.clean_text(raw)
    assert cleaning.clean_text(raw) == first == plain_clean_text(raw)


# ---- language, self-references, invisible characters -------------------------------------------

LANGUAGE_TEXTS = [
    "Президент Казахстана посетил Москву и встретился с коллегой.",
    "Уряд ухвалив рішення про підтримку аграріїв у західних областях.",
    "Мемлекет басшысы үкімет отырысында сөз сөйледі.",
    "Ҳукумат йиғилишида иқтисодиёт масалалари кўриб чиқилди.",
    "Урад зацвердзіў новы парадак выплат у будучым годзе і даў даручэнні.",
    "Правителството обсъди бюджета и мерките срещу кризата.",
    "Влада Србије је усвојила нови закон о јавним набавкама.",
    "The president visited Moscow on Tuesday.",
    "ҚАЗАҚСТАН ХАЛҚЫ ІІ ЎЎ",
]
language_text = st.lists(
    st.one_of(st.sampled_from(LANGUAGE_TEXTS), fragment, st.sampled_from(LINKS), st.sampled_from(["\ud800", "😀", "҂҈", "İİ", "ΣΑΣ"])),
    max_size=30,
).map(" ".join)


@SETTINGS
@given(language_text)
def test_detect_language_is_the_plain_rule(text):
    assert language.detect_language(text) == plain_detect_language(text)


@SETTINGS
@given(language_text)
def test_letter_counts(text):
    sample = text.lower()
    cyrillic, other_at_most = language._letter_counts(sample)
    assert cyrillic == len(re.sub(r"[^\u0400-\u0481\u048a-\u04ff]+", "", sample))
    runs = language._OTHER_WORD_RUN.findall(sample)
    assert other_at_most >= sum(ch.isalpha() for run in runs for ch in run)


@pytest.mark.parametrize(
    "text",
    [
        # links are not letters: a short Russian text with long links stays Russian
        "Президент заявил сегодня утром о мире https://www.example.com/very/long/path/with/many/latin/letters/inside",
        "Президент заявил сегодня утром о мире HTTP://WWW.EXAMPLE.COM/VERY/LONG/PATH/WITH/MANY/LATIN/LETTERS/INSIDE",
        "Президент заявил сегодня утром о мире www.exampleexampleexampleexampleexample.com",
        "hthttps://latinlatinlatinlatinlatinlatinlatin Президент заявил сегодня утром о мире",
        # more Latin than Cyrillic letters, by little and by much
        "Президент заявил сегодня утром Prezident Toshkentda yigilish otkazdi",
        "Президент заявил сегодня утром Prezident Toshkentda yigilish otkazdi bugun ertalab",
        "Президент заявил сегодня утром Prezident Toshkentda yigilish otkazdi bugun ertalab xalq bilan uchrashdi",
        "Президент заявил сегодня утром Prezident Toshkentda!!! 😀😀😀😀😀😀😀😀😀😀 «»«»«»«» —— ²²²²",
    ],
)
def test_detect_language_with_links(text):
    assert language.detect_language(text) == plain_detect_language(text)


def test_long_text_is_cut_like_the_plain_rule():
    text = "Ҳукумат йиғилишида иқтисодиёт масалалари кўриб чиқилди. " * 400 + "Президент России " * 3000
    assert language.detect_language(text) == plain_detect_language(text) == "uz"


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(SENTENCES), st.sampled_from(["Как писал «Коммерсантъ», ", "как сообщал ТАСС. ", "Так сообщало РИА."]), fragment), max_size=12).map("".join))
def test_self_references_are_the_plain_rule(text):
    assert meta.find_self_references(text) == plain_self_references(text)


@SETTINGS
@given(st.text(st.sampled_from("аб ,.-*+fghi\x00" + "".join(encoding.INVISIBLE)), max_size=30))
def test_remove_invisible_is_the_plain_rule(text):
    assert encoding.remove_invisible(text) == plain_remove_invisible(text)
