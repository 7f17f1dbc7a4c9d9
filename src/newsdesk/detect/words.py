"""Word counts that also work for languages written without spaces between words.

Chinese and Japanese (and Thai, Lao, Khmer, Burmese) do not separate words with spaces, so
`len(text.split())` counts a whole Chinese paragraph as one word and a 2,000-character article
as a few dozen: pages were rejected as too short and lines of prose taken for headlines. A
segmenter per language would be exact but heavy; a length gate only needs the right order of
magnitude, so runs of those scripts are counted in characters and converted at an average word
length per script:

- Han and kana: about 1.5 characters per word (Chinese words are mostly one or two
  characters; Japanese mixes one-character particles with two-character compounds and longer
  katakana loans);
- Thai, Lao, Khmer, Burmese: about 4 characters per word (syllables of two to four code points,
  combining vowels and tone marks included, words of one to three syllables).

Everything else is counted as before, by whitespace, so a French or German count is unchanged.
"""

from __future__ import annotations

import re

HAN_KANA_CHARS_PER_WORD = 1.5
SOUTHEAST_ASIAN_CHARS_PER_WORD = 4.0

_HAN_KANA = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_SOUTHEAST_ASIAN = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
# CJK punctuation, full-width forms and curly quotes: separators inside a run, not words.
_CJK_PUNCT = "\u3000-\u303f\uff01-\uff65\u2018-\u201f"
_SPACELESS_RUN = re.compile(f"[{_HAN_KANA}{_SOUTHEAST_ASIAN}{_CJK_PUNCT}]+")
_SPACELESS_CHAR = re.compile(f"[{_HAN_KANA}{_SOUTHEAST_ASIAN}]")
_HAN_KANA_CHAR = re.compile(f"[{_HAN_KANA}]")
_SOUTHEAST_ASIAN_CHAR = re.compile(f"[{_SOUTHEAST_ASIAN}]")


def count_words(text: str) -> int:
    """Words in `text`: whitespace-separated tokens, and runs of spaceless scripts by length."""
    if text.isascii() or not _SPACELESS_CHAR.search(text):
        return len(text.split())
    spaced = len(_SPACELESS_RUN.sub(" ", text).split())
    han = len(_HAN_KANA_CHAR.findall(text))
    southeast = len(_SOUTHEAST_ASIAN_CHAR.findall(text))
    return (
        spaced
        + round(han / HAN_KANA_CHARS_PER_WORD)
        + round(southeast / SOUTHEAST_ASIAN_CHARS_PER_WORD)
    )
