"""The one definition of Arabic script in the project: letters, marks, folding, words.

Search (indexing and queries alike), the body's direction marking, references and
the seed reader all decide what is Arabic, what a word is and which spellings are
the same word here, so that they never disagree.
"""

import functools
import re
import unicodedata

from snowballstemmer.arabic_stemmer import ArabicStemmer

# Arabic letters: the Arabic block without its digits, punctuation and marks, the
# supplement and extended blocks, and the presentation forms.
LETTERS = (
    "\u0620-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06ee-\u06ef\u06fa-\u06fc\u06ff"
    "\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdff\ufe70-\ufefc"
)
# Harakat, Quranic marks, the dagger alef: written over letters, never letters themselves.
MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
TATWEEL = "\u0640"

ARABIC_LETTER = re.compile(f"[{LETTERS}]")
LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
# A word, with the diacritics inside it: «سُورِيَّة» is one word, not four.
WORD = re.compile(f"[\\w{MARKS}]+")

_MARKS = re.compile(f"[{MARKS}{TATWEEL}]")
# Spellings a writer may use for one letter: hamza forms of alef, alef maqsura, ta marbuta;
# Arabic-Indic and Persian digits as the digits they are.
_FOLDS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}
    | {chr(0x0660 + n): str(n) for n in range(10)}
    | {chr(0x06F0 + n): str(n) for n in range(10)}
)
# A definite article or clitic before a word, longest first: «وال» before «ال».
PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")


def normalize(text):
    """``text`` with its Arabic folded: «الإثنين» = «الاثنين», «سورية» = «سوريه», ٢ = 2.

    Diacritics and tatweel go, and letters are case-folded (English too).
    """
    text = unicodedata.normalize("NFKC", text or "")
    return _MARKS.sub("", text).translate(_FOLDS).casefold()


def without_clitics(word):
    """A normalized word without a leading article or clitic, when enough of it remains."""
    for prefix in PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix) :]
    return word


@functools.lru_cache(maxsize=2**18)
def stem(word):
    """The Snowball Arabic stem of a normalized word: «التحالفات», «تحالفات» → «تحالف».

    Snowball reads a word without «ال» as a possible verb and cuts «تحالفات» to
    «تحالفا»; the nouns a reader searches for are read as nouns here, by giving it
    the word with «ال» (after our own clitics are off). It strips ة but not the ه our
    folding turns it into, so a final ه goes back to ة (a pronoun ه is cut either
    way). Short words, words in no Arabic letters, and words Snowball would cut to two
    letters are their own stem. Cached:
    an archive's vocabulary is small beside its number of words.
    """
    bare = without_clitics(word)
    if len(bare) < 4 or not ARABIC_LETTER.search(bare):
        return bare
    if bare.endswith("ه"):
        bare = bare[:-1] + "ة"
    # A stemmer keeps its word between calls: one for each call, never shared by threads.
    stemmed = ArabicStemmer().stemWord("ال" + bare)
    if stemmed.startswith("ال"):  # ours, kept when a suffix went first («البكين» → «البك»)
        stemmed = stemmed[2:]
    # Two letters are too few to tell words apart by: «بكين» stays «بكين».
    return normalize(stemmed) if len(stemmed) >= 3 else bare


def words(text):
    """The words of ``text``, normalized."""
    return WORD.findall(normalize(text))


def script_language(text):
    """'ar' or 'en' by which script most letters of ``text`` are in (None without letters)."""
    arabic = len(ARABIC_LETTER.findall(text))
    latin = len(LATIN_LETTER.findall(text))
    if not arabic and not latin:
        return None
    return "ar" if arabic >= latin else "en"


def is_arabic(text):
    """Whether ``text`` reads as Arabic: most of its letters are, or it has no letters."""
    return script_language(text) != "en"
