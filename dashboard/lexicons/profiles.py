"""Language profiles for offline detection: the commonest function words of each language
(written down from general knowledge of each language) and Unicode script ranges.

A profile is not a lexicon: it only tells languages apart, including the ones crisismap cannot
read yet (so a Spanish report is rejected as Spanish, not read with English rules).
"""

from __future__ import annotations

LANGUAGE_NAMES: dict[str, str] = {
    "en": "English", "fr": "French", "es": "Spanish", "pt": "Portuguese", "de": "German", "it": "Italian",
    "nl": "Dutch", "ar": "Arabic", "bn": "Bengali", "ru": "Russian", "uk": "Ukrainian", "zh": "Chinese",
    "hi": "Hindi", "ur": "Urdu", "fa": "Persian", "am": "Amharic", "he": "Hebrew", "el": "Greek",
    "th": "Thai", "ja": "Japanese", "ko": "Korean", "und": "an undetermined language",
}

PROFILES: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "en": "the of and to in a is was were that for on with as by at from it his her their they "
          "this which be are has have had been an or not but who said after two three its "
          "when into during while where also would will than",
    "fr": "le la les de des du un une et à au aux en dans sur par pour que qui est a été ont "
          "sont il elle ils se ce cette ces avec pas ne son sa ses leur leurs lors après deux "
          "selon l d qu n s c j m entre contre été ainsi",
    "es": "el la los las de del un una y en que por para con se su sus es fue fueron han "
          "al lo como más pero dos tras según entre contra sobre este esta hubo",
    "pt": "o a os as de do da dos das um uma e em no na nos nas que por para com se seu sua "
          "foi foram é são ao pelo pela dois após segundo entre contra não",
    "de": "der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als auch "
          "es an wurde wurden bei nach aus sind hat zwei gegen",
    "it": "il la le di e in un una che per con del della dei degli è sono stato stati al alla "
          "nel nella si da dopo due secondo tra contro anche ha",
    "nl": "de het een en van in op te dat die is zijn was werd werden met voor niet aan bij "
          "door naar ook twee tegen",
}.items()}

#: a script that names its language when most letters are in it (inclusive code point ranges)
SCRIPTS: dict[str, tuple[int, int]] = {
    "ar": (0x0600, 0x06FF), "bn": (0x0980, 0x09FF), "hi": (0x0900, 0x097F), "ru": (0x0400, 0x04FF),
    "el": (0x0370, 0x03FF), "he": (0x0590, 0x05FF), "am": (0x1200, 0x137F), "th": (0x0E00, 0x0E7F),
    "zh": (0x4E00, 0x9FFF), "ja": (0x3040, 0x30FF), "ko": (0xAC00, 0xD7AF),
}
