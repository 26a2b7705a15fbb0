"""Finding listed phrases in a token sequence: cues, negations, locative words, clause breaks.

One dictionary lookup per token position on the phrase's first word (wildcard first words are few and tried
by prefix); the rest of the phrase is compared word by word. "..." in a phrase skips up to ``max_gap`` words,
never punctuation; "^" (never first) matches one capitalised word, a name ("destroyed ^": "destroyed Mariupol");
"#" (never first) matches one number, in digits or in words ("kills #": "kills two", "kills 16").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from geomap.events.words import CueToken

P = TypeVar("P")
GAP = "..."
NAME = "^"
NUMBER = "#"
_NUMBER_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                           "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
                           "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
                           "hundreds", "dozen", "dozens"})
# Words a Title Case headline capitalises that are never a name: "Tank Destroyed Near Kherson"
_NOT_NAMES = frozenset({"in", "near", "by", "at", "of", "on", "as", "after", "the", "a", "an", "to", "for", "with",
                        "from", "over", "and", "or", "amid", "during", "outside", "inside", "is", "are", "was"})


@dataclass(frozen=True, slots=True)
class Match(Generic[P]):
    first: int  # token index range [first, last)
    last: int
    payload: P


def _same(word: str, pattern: str) -> bool:
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    return word == pattern


class PhraseIndex(Generic[P]):
    def __init__(self, entries: Iterable[tuple[Sequence[str], P]], max_gap: int = 3):
        self.exact: dict[str, list[tuple[tuple[str, ...], P]]] = {}
        # Wildcard first words ("shell*") by their first two letters, so a token tries only its own few.
        self.prefixed: dict[str, list[tuple[tuple[str, ...], P]]] = {}
        self.short_prefixed: list[tuple[tuple[str, ...], P]] = []  # stems shorter than two letters
        self.numbered: list[tuple[tuple[str, ...], P]] = []  # phrases that open with a count
        self.max_gap = max_gap
        self.plain: dict[tuple[str, ...], list[str]] = {}  # phrases of plain words -> their words after the first
        for words, payload in entries:
            words = tuple(words)
            if not any(w in (GAP, NAME, NUMBER) or w.endswith("*") for w in words):
                self.plain[words] = list(words[1:])
            if words[0] == NUMBER:
                self.numbered.append((words, payload))  # "# victims": a count opens it
            elif words[0].endswith("*"):
                stem = words[0][:-1]
                if len(stem) >= 2:
                    self.prefixed.setdefault(stem[:2], []).append((words, payload))
                else:
                    self.short_prefixed.append((words, payload))
            else:
                self.exact.setdefault(words[0], []).append((words, payload))
        # Per first word, its plain phrases by the words after the first (-> their places in its list) and, by
        # their second word, those words' lengths: a common first word ("destroyed", "under") opens dozens of
        # phrases, and one dictionary lookup per length, among those the next word opens, replaces comparing each
        # of them in turn.
        self.plain_rest: dict[str, dict[tuple[str, ...], list[int]]] = {}
        self.rest_lengths: dict[str, dict[str, list[int]]] = {}
        self.other: dict[str, list[int]] = {}  # ...and the places of its phrases with gaps, names or wildcards
        for first, options in self.exact.items():
            rests = self.plain_rest[first] = {}
            for k, (words, _payload) in enumerate(options):
                if words in self.plain:
                    rests.setdefault(words[1:], []).append(k)
                else:
                    self.other.setdefault(first, []).append(k)
            by_second: dict[str, set[int]] = {}
            for rest in rests:
                if rest:
                    by_second.setdefault(rest[0], set()).add(len(rest))
            self.rest_lengths[first] = {second: sorted(lengths) for second, lengths in by_second.items()}
        # Per two-letter bucket, the stems its phrases' first words open with (for str.startswith).
        self.bucket_stems = {two: tuple(sorted({words[0][:-1] for words, _payload in entries}))
                             for two, entries in self.prefixed.items()}

    def find(self, tokens: Sequence[CueToken], norms: list[str] | None = None) -> list[Match[P]]:
        """Every occurrence of every phrase, in token order (overlaps included). ``norms`` may carry the
        tokens' norms, made once for the many indexes a sentence is searched with."""
        if norms is None:
            norms = [t.norm for t in tokens]
        found = self._find(tokens, norms)
        if self.numbered:
            counted = [Match(i, end, payload) for i, norm in enumerate(norms)
                       if norm.isdigit() or norm in _NUMBER_WORDS
                       for words, payload in self.numbered
                       if (end := self._match(tokens, i + 1, words, 1)) is not None]
            if counted:
                found = sorted(found + counted, key=lambda m: m.first)
        return found

    def _find(self, tokens: Sequence[CueToken], norms: list[str]) -> list[Match[P]]:
        exact, prefixed = self.exact, self.prefixed
        # Positions where some phrase may start: most tokens start none, and most sentences none of most indexes.
        if self.short_prefixed:
            starts = range(len(tokens))
        elif prefixed:
            starts = [i for i, norm in enumerate(norms) if norm in exact or norm[:2] in prefixed]
        elif exact.keys().isdisjoint(norms):
            return []
        else:
            starts = [i for i, norm in enumerate(norms) if norm in exact]
        found: list[Match[P]] = []
        for i in starts:
            norm = norms[i]
            wild = prefixed.get(norm[:2], ()) if prefixed else ()
            # A bucket's two letters are common ("in", "re", "st"): only a word its stems open reads the slow way.
            if wild and not norm.startswith(self.bucket_stems[norm[:2]]):
                wild = ()
            if wild or self.short_prefixed:
                options = exact.get(norm, []) + [(w, p) for w, p in (*wild, *self.short_prefixed) if _same(norm, w[0])]
                for words, payload in options:
                    end = self._end(tokens, norms, i, words)
                    if end is not None:
                        found.append(Match(i, end, payload))
                continue
            options = exact.get(norm)
            if options is None:
                continue  # a word with a bucket's two letters that none of its stems opens
            rests = self.plain_rest[norm]
            # (place in the list, end) of each phrase found here, reported in the list's order. Plain loops: this
            # runs for every start, and a comprehension is a function call of its own.
            ends = [(k, i + 1) for k in rests.get((), ())]  # the phrases of this one word
            room = len(norms) - i - 1  # words left after this one: a phrase cut off by the end is no match
            if room:
                for n in self.rest_lengths[norm].get(norms[i + 1], ()):  # ascending
                    if n > room:
                        break
                    for k in rests.get(tuple(norms[i + 1:i + 1 + n]), ()):
                        ends.append((k, i + 1 + n))
            for k in self.other.get(norm, ()):
                end = self._match(tokens, i + 1, options[k][0], 1)
                if end is not None:
                    ends.append((k, end))
            if ends:
                if len(ends) > 1:
                    ends.sort()
                for k, end in ends:
                    found.append(Match(i, end, options[k][1]))
        return found

    def _end(self, tokens: Sequence[CueToken], norms: list[str], i: int, words: tuple[str, ...]) -> int | None:
        """The end of phrase ``words`` read from token ``i``, or None."""
        if words in self.plain:  # no gap, no wildcard: compare the next words at once
            return i + len(words) if norms[i + 1:i + len(words)] == self.plain[words] else None
        return self._match(tokens, i + 1, words, 1)

    def _match(self, tokens: Sequence[CueToken], i: int, words: tuple[str, ...], w: int) -> int | None:
        if w == len(words):
            return i
        if words[w] == GAP:
            for skip in range(self.max_gap + 1):
                j = i + skip
                if j > len(tokens) or any(not t.word for t in tokens[i:j]):
                    return None
                end = self._match(tokens, j, words, w + 1)
                if end is not None:
                    return end
            return None
        if words[w] == NAME:
            if i < len(tokens) and tokens[i].cap and tokens[i].norm not in _NOT_NAMES:
                return self._match(tokens, i + 1, words, w + 1)
            return None
        if words[w] == NUMBER:
            if i < len(tokens) and (tokens[i].norm.isdigit() or tokens[i].norm in _NUMBER_WORDS):
                return self._match(tokens, i + 1, words, w + 1)
            return None
        if i < len(tokens) and _same(tokens[i].norm, words[w]):
            return self._match(tokens, i + 1, words, w + 1)
        return None
