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
from collections import Counter

LANGUAGES = ("ru", "uk", "be", "kk", "uz", "bg", "other")
MIN_LETTERS = 20
MIN_MARKERS = 3  # a single «Тағзым» or «объяснил» in a headline decides nothing
_URL = re.compile(r"(?:https?://|www\.)\S+")
_SAMPLE = 20000
_KAZAKH = set("әөұүңһ")
_SOUTH_SLAVIC = set("јљњћђџѓќѕ")
_MARKER = re.compile("[" + "".join(sorted(_KAZAKH | _SOUTH_SLAVIC | set("ҳўқғіїєґъ"))) + "]")
"""Every letter a rule other than ``ru`` counts."""
# U+0482..U+0489 are the only characters of the Cyrillic block that are not letters
_NOT_CYRILLIC_LETTER = re.compile(r"[^\u0400-\u0481\u048a-\u04ff]+")
_OTHER_WORD_RUN = re.compile(r"[^\W\d_\u0400-\u04ff]+")


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
    sample = _URL.sub(" ", text[:_SAMPLE].lower())
    # the Cyrillic letters, kept by one regular-expression pass (no per-character Python work)
    cyrillic_letters = _NOT_CYRILLIC_LETTER.sub("", sample)
    cyrillic = len(cyrillic_letters)
    if cyrillic < MIN_LETTERS:
        return "other"
    # runs of other word characters are few in Cyrillic text; count only their letters
    other = sum(len(run) if run.isalpha() else sum(ch.isalpha() for ch in run) for run in _OTHER_WORD_RUN.findall(sample))
    if cyrillic < 0.5 * (cyrillic + other):
        return "other"
    if _MARKER.search(cyrillic_letters) is None:
        return "ru"  # most texts: none of the letters any rule below looks at
    letters = Counter(cyrillic_letters)

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
