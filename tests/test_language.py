import pytest

from corpus_tools.language import LANGUAGES, detect_language

CASES = [
    ("ru", "Лидер Казахстана посетит Москву 11-12 ноября, сообщил Песков."),
    # a Russian text naming «Київ» or «Қазақстан» once stays Russian
    ("ru", "Делегация прибыла в Київ, где обсудила поставки зерна, газа и угля на следующий год с коллегами."),
    ("ru", "ТОКАЕВ ПОСЕТИЛ МОСКВУ И ВСТРЕТИЛСЯ С ПРЕЗИДЕНТОМ РОССИИ."),
    ("uk", "Уряд ухвалив рішення про підтримку аграріїв у західних областях."),
    ("kk", "Мемлекет басшысы үкімет отырысында сөз сөйледі."),
    ("uz", "Ҳукумат йиғилишида иқтисодиёт масалалари кўриб чиқилди."),
    ("be", "Урад зацвердзіў новы парадак выплат у будучым годзе і даў даручэнні ўсім міністэрствам."),
    ("bg", "Правителството обсъди бюджета и мерките срещу кризата в държавата, съобщиха от кабинета."),
    # Kazakh names in a Russian headline, and a Russian verb with ъ, are not Uzbek or Bulgarian
    ("ru", "По 7 млн тенге выплатил «Қазақстан халқына» семьям жертв январских событий"),
    ("ru", "Пресс-секретарь Токаева объяснил его поручение Генпрокуратуре о смягчении наказания"),
    ("ru", "Арестовали за пост про митинги Читайте больше: https://www.nur.kz/society/1950278-administratora-pablika-arestovali"),
    ("other", "Влада Србије је усвојила нови закон о јавним набавкама."),
    ("other", "The president visited Moscow on Tuesday."),
    ("other", "Мир."),
    ("other", ""),
]


@pytest.mark.parametrize("lang, text", CASES)
def test_detect_language(lang, text):
    assert detect_language(text) == lang
    assert lang in LANGUAGES
