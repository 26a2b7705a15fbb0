"""The word tokens the incident rules read (cues, actors, place rules), within the sentences of ``geomap.sentences``.

Not the geoparser's tokens (``geomap.geoparse.recognize.Token``): cues split hyphenated words ("Russian-installed"
is two tokens, so "Russian installed" matches it) and carry no sentence numbers."""

from __future__ import annotations

import re
from typing import NamedTuple


# Words (letters and digits, with inner apostrophes) and the punctuation that separates clauses.
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_TOKEN = re.compile(WORD.pattern + r"|[,;:()\[\]—–\"“”!?]|(?<!\w)-{1,2}(?!\w)|\.(?=\s|$)")
_PUNCT_NORM = {"“": '"', "”": '"', "--": "—", "-": "—", "[": "(", "]": ")"}


class CueToken(NamedTuple):  # a tuple: made for every word of every sentence, so cheap to make
    norm: str  # lower case, straight apostrophes; punctuation as one character
    start: int  # offsets into the article text
    end: int
    word: bool
    cap: bool  # starts with a capital letter in the text

    @property
    def is_punct(self) -> bool:
        return not self.word


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[CueToken]:
    """Word and clause-punctuation tokens of ``text[start:end]``, offsets into ``text``.

    Hyphens split words ("Russian-installed" is two tokens), so a cue written with a hyphen or a space matches both.
    """
    end = len(text) if end is None else end
    lowered = text[start:end].lower().replace("’", "'")
    if len(lowered) != end - start:  # a letter whose lower case is longer ("İ"): word by word
        lowered = None
    tokens: list[CueToken] = []
    # tuple.__new__ makes the NamedTuple without its Python-level __new__: this runs for every word read
    append, make = tokens.append, tuple.__new__
    bracket = False
    for match in _TOKEN.finditer(text, start, end):
        a, b = match.span()
        first = text[a]
        if first.isalnum():
            norm = lowered[a - start:b - start] if lowered is not None else text[a:b].lower().replace("’", "'")
            append(make(CueToken, (norm, a, b, True, first.isupper())))
        else:
            raw = text[a:b]
            norm = _PUNCT_NORM.get(raw, raw)
            bracket = bracket or norm == "("
            append(make(CueToken, (norm, a, b, False, False)))
    return _without_insertions(tokens) if bracket else tokens


def word_norms(text: str, start: int, end: int) -> tuple[str, set[str]] | None:
    """``text[start:end]`` in lower case (straight apostrophes) and the norms of its word tokens, as ``tokenize``
    gives them, without making the tokens; None when lower case changes the text's length (``tokenize`` then
    lowers word by word)."""
    lowered = text[start:end].lower().replace("’", "'")
    if len(lowered) != end - start:
        return None
    # Lower case maps a letter or digit to one, and nothing else to one: the words fall where they fall in the text.
    return lowered, set(WORD.findall(lowered))


def _without_insertions(tokens: list[CueToken]) -> list[CueToken]:
    """Drop the brackets of a one-word editorial insertion ("under (Ukrainian) control", "the [Russian] army"), so
    the cue reads on through it. A bracketed word after a capitalised one stays bracketed: "Mariupol (Donetsk)"
    names a container and "Ukraine (AP)" a source."""
    if "(" not in {t.norm for t in tokens}:
        return tokens
    drop: set[int] = set()
    for k in range(len(tokens) - 2):
        if tokens[k].norm == "(" and tokens[k + 1].word and tokens[k + 2].norm == ")" and \
                (k == 0 or not tokens[k - 1].cap):
            drop.update((k, k + 2))
    return [t for k, t in enumerate(tokens) if k not in drop] if drop else tokens


def phrase_words(phrase: str) -> tuple[str, ...]:
    """A cue or list entry as the token texts it matches; "..." is a gap, "^" a capitalised word, a trailing "*"
    a wildcard ending."""
    words: list[str] = []
    for part in re.findall(r"\.\.\.|\^|[^\W_]+(?:['’][^\W_]+)*\*?|[,;:()—–]", phrase):
        words.append(part.lower().replace("’", "'"))
    return tuple(words)
