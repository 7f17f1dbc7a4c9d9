"""French typography for text shown to readers: « » with non-breaking spaces, a non-breaking space
before : ; ! ?, typographic apostrophes, one space between words.

The function is idempotent (`french(french(x)) == french(x)`), so a page can be re-composed or
an edited page re-typeset without drift; the tests check that property on generated strings and
on real French news. It changes only spacing and the shapes of quotation marks and apostrophes,
never a letter or a digit, so verification (which normalises the same characters) still finds a
copied sentence in its source.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"  # before : and inside « » (Imprimerie nationale usage)
NNBSP = "\u202f"  # narrow no-break space before ; ! ? (same usage)
APOSTROPHE = "\u2019"

_SPACES = re.compile(r"[ \t\u00a0\u202f\u2009\u2007]+")
# A straight or typographic apostrophe between two letters (l'Ukraine, aujourd'hui).
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['`´](?=[^\W\d_])")
# English-style and straight double quotes become « »: "…" pairs on one line.
_CURLY_PAIR = re.compile(r"“\s*([^“”\n]+?)\s*”")
_STRAIGHT_PAIR = re.compile(r'(?<![\w"])"\s*([^"\n]+?)\s*"(?![\w"])')
_OPEN_GUILLEMET = re.compile(r"«[ \u00a0\u202f]*")
_CLOSE_GUILLEMET = re.compile(r"[ \u00a0\u202f]*»")
# Space before high punctuation: only after a word, a closing mark or a digit and when the sign
# ends a clause (followed by a space, a closing mark or the end): 18:41, http://, ?! stay intact.
_BEFORE_COLON = re.compile(r"(?<=[\w»)\]\u2019%])[ \u00a0\u202f]*:(?=\s|$|»)")
_BEFORE_OTHER = re.compile(r"(?<=[\w»)\]\u2019%])[ \u00a0\u202f]*([;!?]+)(?=\s|$|»|[)\]])")


def french(text: str) -> str:
    """`text` in French typography (idempotent; letters and digits unchanged)."""
    if not text:
        return text
    out = _SPACES.sub(" ", text).strip()
    out = _APOSTROPHE.sub(APOSTROPHE, out)
    out = _CURLY_PAIR.sub(r"« \1 »", out)
    out = _STRAIGHT_PAIR.sub(r"« \1 »", out)
    out = _OPEN_GUILLEMET.sub("«" + NBSP, out)
    out = _CLOSE_GUILLEMET.sub(NBSP + "»", out)
    out = _BEFORE_COLON.sub(NBSP + ":", out)
    out = _BEFORE_OTHER.sub(lambda m: NNBSP + m.group(1), out)
    return out
