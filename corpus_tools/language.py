"""Tell Russian from the other Cyrillic languages a post-Soviet news corpus picks up, by letters.

Russian-language scrapes of Kazakh, Uzbek or Ukrainian outlets also collect articles in those
languages. Each has letters Russian lacks, so counting letters is enough to flag them cheaply:

=========  ================================================  ===================================
``lang``   rule, in this order (shares of the Cyrillic letters)  note
=========  ================================================  ===================================
``other``  fewer than 20 letters, fewer than half of them     too short, Latin script, Serbian,
           Cyrillic (web addresses not counted), or           Macedonian
           ј љ њ ћ ђ џ ѓ ќ ѕ at least 0.5%
``kk``     ә ө ұ ү ң һ at least 2%                            Kazakh (about 7% in prose)
``uz``     ҳ ў қ ғ at least 2%, with ҳ or ў, and ҳ, қ or ғ    Uzbek Cyrillic (about 4%)
``be``     ў at least 1% and і at least 2%                    Belarusian
``uk``     і ї є ґ at least 3%                                Ukrainian (about 7%)
``bg``     ъ at least 1%, no ы and no э                       Bulgarian
``ru``     none of the above                                  Russian
=========  ================================================  ===================================

The thresholds sit well below the shares in running text of each language and well above what a
Russian article gets from quoting a name («Київ», «Мәскеу», «Қазақстан»), so such an article stays
``ru``; and each rule needs at least three of its letters. A very short text can still be
misjudged. Only the first 20,000 characters are read.
"""

from __future__ import annotations

import re

LANGUAGES = ("ru", "uk", "be", "kk", "uz", "bg", "other")
MIN_LETTERS = 20
MIN_MARKERS = 3  # a single «Тағзым» or «объяснил» in a headline decides nothing
_URL = re.compile(r"(?:https?://|www\.)\S+")
_SAMPLE = 20000
_KAZAKH = set("әөұүңһ")
_SOUTH_SLAVIC = set("јљњћђџѓќѕ")
_MARKERS = "".join(sorted(_KAZAKH | _SOUTH_SLAVIC | set("ҳўқғіїєґъ"), key=lambda ch: (ch != "ъ", ch)))
"""Every letter a rule other than ``ru`` counts; ъ first, since Russian has it too."""
# U+0482..U+0489 are the only characters of the Cyrillic block that are not letters
_CYRILLIC_SIGN = re.compile(r"[\u0482-\u0489]")
_OTHER_WORD_RUN = re.compile(r"[^\W\d_\u0400-\u04ff]+")
# In UTF-8 every character outside ASCII starts with one byte C2..F4 (ED for the lone surrogates
# JSON can hold), and those of the Cyrillic block U+0400..U+04FF, and no others, with D0..D3
# (D2 for U+0480..U+04BF). Keeping those bytes and the ASCII letters, as "c" for Cyrillic and
# "o" for the others, counts characters by kind at C speed.
_LETTERS_ASCII = [b for b in range(0x80) if chr(b).isalpha()]
_BYTE_KIND = bytes(ord("c") if 0xD0 <= b <= 0xD3 else ord("o") for b in range(256))
_NOT_COUNTED = bytes(b for b in range(256) if b not in _LETTERS_ASCII and not 0xC2 <= b <= 0xF4)
_COUNTED = "".join(sorted(_KAZAKH | _SOUTH_SLAVIC | set("ҳўқғіїєґъыэ")))
"""Every letter a rule below counts."""


def _letter_counts(sample: str) -> tuple[int, int]:
    """The number of Cyrillic letters in ``sample``, and a cheap upper bound on its other letters.

    Both come from the UTF-8 bytes, without building a string of the letters: the Cyrillic
    block less its few non-letters (looked for only when a byte D2 shows their range), and the
    ASCII letters plus every other character outside ASCII and the Cyrillic block.
    """
    encoded = sample.encode("utf-8", "surrogatepass")
    kinds = encoded.translate(_BYTE_KIND, _NOT_COUNTED)
    in_block = kinds.count(b"c")
    signs = len(_CYRILLIC_SIGN.findall(sample)) if b"\xd2" in encoded else 0
    return in_block - signs, len(kinds) - in_block


def detect_language(text: str) -> str:
    """Return the language code of a Cyrillic text: one of :data:`LANGUAGES`.

    See the module docstring for the rules. Never raises; a text without enough letters
    (including an empty one) is ``"other"``.

    Examples
    --------
    >>> detect_language("Президент Казахстана посетил Москву и встретился с коллегой.")
    'ru'
    >>> detect_language("Президент України заявив, що Київ готовий до переговорів.")
    'uk'
    >>> detect_language("Қазақстан Республикасының Президенті Мәскеуге сапармен барды, бұл өте маңызды.")
    'kk'
    >>> detect_language("Ўзбекистон Президенти Тошкентда ҳукумат йиғилишини ўтказди.")
    'uz'
    >>> detect_language("Прэзідэнт Беларусі правёў нараду ў Мінску і даў даручэнні ўраду.")
    'be'
    >>> detect_language("Правителството обсъди бюджета и мерките срещу кризата в държавата, съобщиха от кабинета.")
    'bg'
    >>> detect_language("Prezident Toshkentda yig'ilish o'tkazdi."), detect_language("")
    ('other', 'other')
    """
    sample = text[:_SAMPLE].lower()
    links = [i for i in (sample.find("http"), sample.find("www.")) if i >= 0]
    if links:  # every link _URL matches starts so: the text before the first one is left as is
        first = min(links)
        sample = sample[:first] + _URL.sub(" ", sample[first:])
    cyrillic, other_at_most = _letter_counts(sample)
    if cyrillic < MIN_LETTERS:
        return "other"
    # the other letters can outnumber the Cyrillic ones only when their upper bound does: most
    # texts are spared counting them exactly
    if other_at_most > cyrillic:
        # runs of other word characters are few in Cyrillic text; count only their letters
        other = sum(len(run) if run.isalpha() else sum(ch.isalpha() for ch in run) for run in _OTHER_WORD_RUN.findall(sample))
        if cyrillic < 0.5 * (cyrillic + other):
            return "other"
    # one substring test per letter beats one search for the class
    if not any(map(sample.__contains__, _MARKERS)):
        return "ru"  # most texts: none of the letters any rule below looks at
    letters = {ch: sample.count(ch) for ch in _COUNTED}

    def frequent(chars, share: float) -> bool:
        count = sum(letters[ch] for ch in chars)
        return count >= MIN_MARKERS and count >= share * cyrillic

    if frequent(_SOUTH_SLAVIC, 0.005):
        return "other"
    if frequent(_KAZAKH, 0.02):
        return "kk"
    # қ and ғ alone are Kazakh names quoted in Russian («Қазақстан халқы»); Uzbek also has ў or ҳ
    if frequent("ҳўқғ", 0.02) and letters["ҳ"] + letters["ў"] and letters["ҳ"] + letters["қ"] + letters["ғ"]:
        return "uz"
    if frequent("ў", 0.01) and frequent("і", 0.02):
        return "be"
    if frequent("іїєґ", 0.03):
        return "uk"
    if frequent("ъ", 0.01) and not letters["ы"] and not letters["э"]:
        return "bg"
    return "ru"
