"""Finding place names in text: spans with character offsets, before any choice of which place they mean.

How: the text is cut into word tokens; every run of up to ``MAX_WORDS`` words that starts with a capital
is looked up in the gazetteer in one batched query (a hash-indexed multi-pattern match: one lookup per
candidate phrase, not a regex per name); the longest match wins at each position. Curated multi-word
names that may start in lower case ("the southern Ukrainian nuclear power plant") are found by one
combined pattern over the curated spellings. Then cues decide: region words after or before a name,
organisation and person names around it, demonyms, sentence starts and a stop list.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from operator import and_, itemgetter
from functools import lru_cache

from geomap import kinds as place_kinds
from geomap.datelines import opens_dateline
from geomap.gazetteer.index import Gazetteer
from geomap.gazetteer.normalize import name_key
from geomap.geoparse import lexicon
from geomap.sentences import Sentence, split_sentences

MAX_WORDS = 7
KIND, POPULATION = Gazetteer.KIND, Gazetteer.POPULATION
KNOWN_POPULATION = 20_000
# A sentence is in Title Case when every word of TITLE_CASE_WORD letters or more (the first word and the small
# words a title leaves in lower case aside, and TITLE_CASE_MIN_WORDS of them at least) starts with a capital: a
# sentence with one lower-case verb ("the Washington Post reported it") is prose.
TITLE_CASE_WORD = 4
TITLE_CASE_MIN_WORDS = 3
# A headline may leave one word in lower case ("Russian Attack in Kramatorsk Kills 2 civilians, Regional Military
# Leader Says"); it is still Title Case when this many other long words are capitalised.
TITLE_CASE_SLIPS = 1
TITLE_CASE_MIN_WORDS_SLIPPED = 6
TITLE_LOWER_WORDS = frozenset({
    "with", "from", "into", "onto", "upon", "over", "after", "amid", "than", "that", "this", "near", "about",
    "against", "before", "during", "under", "without", "across", "between", "through", "toward", "towards",
    "while", "where", "when", "also",
})
# A word after a name that says what kind of place it is.
KIND_CUES = {
    "river": frozenset({"river"}), "sea": frozenset({"water"}), "lake": frozenset({"water"}),
    "bay": frozenset({"water"}), "strait": frozenset({"water"}), "reservoir": frozenset({"water"}),
    "rivers": frozenset({"river"}), "island": frozenset({"island"}), "islands": frozenset({"island"}),
    "plant": frozenset({"plant", "dam"}),
    "station": frozenset({"plant"}), "dam": frozenset({"dam", "plant"}), "bridge": frozenset({"bridge"}),
    "port": frozenset({"port", "city"}), "city": frozenset({"city"}), "town": frozenset({"city"}),
    "village": frozenset({"city"}),
}
PERSON = "person"  # _judge's verdict for a name that is part of a person's name
NAMESAKE = "namesake"  # _judge's verdict for a name used for something named after the place ("Marburg virus")
SHARED_FROM_TOKENS = 20_000  # about 100 KB of text: longer than any news article
_POSSESSIVE = re.compile(r"[’']s$")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SENTENCE_END = {".", "!", "?"}
_CONTRACTION = re.compile(r"[’'](?:ve|ll|re|d|m|t)$", re.IGNORECASE)


_ELISIONS = ("'", "\u2019")
_FIRST_CHARACTER = itemgetter(slice(0, 1))  # "" for an empty token


def _capitalised(word: str) -> bool:
    """Starts with a capital letter, or after an elision does: "d'Ivoire", "l'Aquila"."""
    return word[:1].isupper() or word[1:2] in _ELISIONS and word[2:3].isupper() and word[0] in "dl"


class Token:
    """A word or punctuation mark with its offsets and sentence number."""

    __slots__ = ("text", "start", "end", "word", "sentence", "first_in_sentence", "possessive", "cap", "lower")

    def __init__(self, text: str, start: int, end: int, word: bool, sentence: int, first_in_sentence: bool,
                 possessive: bool = False):
        self.text, self.start, self.end, self.word = text, start, end, word
        self.sentence, self.first_in_sentence, self.possessive = sentence, first_in_sentence, possessive
        self.cap = word and _capitalised(text)
        self.lower = text.lower()

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


class Tokens:
    """A text's tokens as parallel lists, with a Token made only for the positions someone looks at.

    Tokenising is the hot path of geoparsing: news has a few capitalised words among many lower-case ones,
    and only those and their neighbours are ever inspected one by one. The lists (``texts``, ``caps``,
    ``lowers``...) serve the scans over every token.
    """

    __slots__ = ("texts", "starts", "ends", "words", "sentences", "firsts", "possessives", "caps", "lowers",
                 "_made")

    def __init__(self, texts, starts, ends, words, sentences, firsts, possessives, elisions: bool = True):
        self.texts, self.starts, self.ends, self.words = texts, starts, ends, words
        self.sentences, self.firsts, self.possessives = sentences, firsts, possessives
        # _capitalised of each word, as whole-list operations; elisions ("d'Ivoire") are few (``elisions`` False:
        # the text has none)
        self.caps = list(map(and_, words, map(str.isupper, map(_FIRST_CHARACTER, texts))))
        if elisions:
            for k in compress(range(len(texts)), map(str.startswith, texts, repeat(_ELIDED_STARTS))):
                self.caps[k] = bool(words[k]) and texts[k][2:3].isupper()
        # "el-Obeid", "al-Fashir": an Arabic article in lower case opens a capitalised name
        for k in compress(range(len(texts)), map(str.startswith, texts, repeat(_ARTICLE_STARTS))):
            self.caps[k] = bool(words[k]) and _particle_name(texts[k])
        self.lowers = _lowered(texts)
        self._made: dict[int, Token] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(len(self.texts)))]
        if index < 0:
            index += len(self.texts)
        token = self._made.get(index)
        if token is None:
            # Token's own __init__ would work out its capital and lower case again: the lists have them.
            token = self._made[index] = Token.__new__(Token)
            token.text, token.start, token.end, token.word = (self.texts[index], self.starts[index],
                                                              self.ends[index], self.words[index])
            token.sentence, token.first_in_sentence, token.possessive = (self.sentences[index], self.firsts[index],
                                                                         self.possessives[index])
            token.cap, token.lower = self.caps[index], self.lowers[index]
        return token

    def __iter__(self):
        return (self[k] for k in range(len(self.texts)))

    @classmethod
    def of(cls, tokens: list[Token]) -> Tokens:
        return cls([t.text for t in tokens], [t.start for t in tokens], [t.end for t in tokens],
                   [t.word for t in tokens], [t.sentence for t in tokens], [t.first_in_sentence for t in tokens],
                   [t.possessive for t in tokens])


@dataclass(slots=True)
class Span:
    """A stretch of text that names a gazetteer entry, with the cues around it."""

    start: int
    end: int
    text: str
    query: str  # what to resolve: the name, or "<name> region" when a region cue says so
    sentence: int
    first: int  # token index range [first, last)
    last: int
    region_cue: bool = False
    place_cue: bool = False
    curated: bool = False  # matched a curated feature spelling
    kind_cue: frozenset[str] = frozenset()  # kinds the word after the name asks for ("river", "plant")
    article: bool = False  # "the" before the name: rivers take it ("the Dnipro"), towns do not ("in Dnipro")
    nation: str = ""  # the country a nationality word before it names: "the Russian city of Vladimir" -> "RU"
    dateline: bool = False  # "KYIV, Ukraine (AP) —": where the story was filed, whatever it is about
    facility: str = ""  # "National University" after "Kharkiv": an institution named after the town
    fallback: Span | None = None  # a facility span's name read without the facility list (None: no place)
    speaker: bool = False  # "Russia says ...", "Moscow launches ...": the subject of a state's verb


# Tokens: abbreviations, numbers, words, paragraph breaks and the punctuation that matters. ``re.split`` with
# this group gives tokens and the text between them in one call; their lengths give every offset.
_TOKENS = re.compile(
    r"((?:[A-Z]\.){2,}"  # U.S., U.K., D.C.
    r"|\d+(?:[.,]\d+)*"
    r"|[^\W\d_]+(?:[’'\-][^\W\d_]+)*(?:[’']s\b)?"  # words, hyphenated words, possessives
    r"|\n[ \t\r\f\v]*\n"  # a blank line ends a sentence
    r"|[.!?,;:()\u201c\u201d\"])")
_WORD, _NUMBER, _PUNCT, _END, _PARA = range(5)
# A word or number whose last word, number, sentence end or break before it (punctuation aside) is an end or
# a break, or that has none: over the token classes as bytes.
_OPENS = re.compile(b"(?:\\A|[%c%c])%c*[%c%c]" % (_END, _PARA, _PUNCT, _WORD, _NUMBER))
# The class of a one-character token, and of a longer one by its first character (ASCII; others below).
_SINGLE = {chr(c): _WORD if chr(c).isalpha() else _NUMBER for c in range(128) if chr(c).isalnum()}
_SINGLE.update({c: _PUNCT for c in ",;:()\"\u201c\u201d"})
_SINGLE.update({c: _END for c in ".!?"})
_MULTI = {chr(c): _WORD if chr(c).isalpha() else _NUMBER for c in range(128) if chr(c).isalnum()}
_MULTI["\n"] = _PARA
# Both by the first character alone: only one-character tokens start with punctuation, only breaks with "\n".
_BY_FIRST = {**_MULTI, **_SINGLE}
_FIRST = itemgetter(0)
_POSSESSIVE_ENDS = ("'s", "’s")
_ELIDED_STARTS = ("d'", "l'", "d’", "l’")
_ARTICLE_STARTS = ("al-", "el-", "ad-", "ed-", "ar-", "as-", "ash-", "az-", "an-", "at-")


def _shared(texts: list[str]) -> list[str]:
    """A long text's token strings with each distinct one kept once: it repeats its words, and so its tokens
    take a third less memory. A short text keeps its own: for a few thousand tokens the lookups cost more time
    than they save memory."""
    if len(texts) < SHARED_FROM_TOKENS:
        return texts
    same: dict[str, str] = {}
    return [same.setdefault(t, t) for t in texts]


def _lowered(texts: list[str]) -> list[str]:
    """The tokens in lower case; for a long text one string per distinct word (see ``_shared``)."""
    if len(texts) < SHARED_FROM_TOKENS:
        return list(map(str.lower, texts))
    lower = {t: t.lower() for t in set(texts)}
    return list(map(lower.__getitem__, texts))


def _token_class(token: str) -> int:
    first = token[0]
    if first == "\n":
        return _PARA
    return _WORD if first.isalpha() else _NUMBER


def tokenize(text: str, split: list[Sentence] | None = None) -> Tokens:
    """Word and punctuation tokens with sentence numbers; a blank line or . ! ? ends a sentence. ``split`` may
    carry ``split_sentences(text)``, made already.

    Built from whole-list operations: a Python statement per token would cost more than everything else
    the geoparser does. A blank line closes a sentence only when a word came since the last close.
    """
    pieces = _TOKENS.split(text)
    offsets = list(accumulate(map(len, pieces), initial=0))
    raw = _shared(pieces[1::2])
    raw_starts, raw_ends = offsets[1::2], offsets[2::2]
    del pieces, offsets  # the longest lists here: let them go before the next ones are made
    classes = list(map(_BY_FIRST.get, map(_FIRST, raw), repeat(-1)))
    if -1 in classes:
        for k in [k for k, c in enumerate(classes) if c < 0]:
            classes[k] = _token_class(raw[k])  # tokens that start beyond ASCII: Kyiv in Cyrillic, "Łódź"
    # Among words, numbers, sentence ends and breaks, whether the one before is a word or a number decides
    # whether a break closes a sentence and whether a word opens one.
    # A word right after . ! ? or a paragraph break is capitalised by grammar, not as a name ("first").
    # A word or number with no word or number before it (the few that open sentences): one regex over the
    # classes, one byte each.
    firsts = [False] * len(classes)
    for opening in _OPENS.finditer(bytes(classes)):
        firsts[opening.end() - 1] = True
    if _PARA in classes:  # paragraph breaks are no tokens
        kept = [k for k, c in enumerate(classes) if c != _PARA]
        raw, raw_starts, raw_ends, classes, firsts = (
            [column[k] for k in kept] for column in (raw, raw_starts, raw_ends, classes, firsts))
    words = list(map(_WORD.__eq__, classes))
    possessives = [False] * len(raw)
    for n in compress(range(len(raw)), map(str.endswith, raw, repeat(_POSSESSIVE_ENDS))):
        if words[n] and len(raw[n]) > 2:
            possessives[n] = True
            raw[n], raw_ends[n] = raw[n][:-2], raw_ends[n] - 2
    sentences = sentence_numbers(text, raw_starts[:len(raw)], split)
    return Tokens(raw, raw_starts, raw_ends, words, sentences, firsts, possessives,
                  elisions=any(elided in text for elided in _ELIDED_STARTS))


def sentence_numbers(text: str, starts: list[int], split: list[Sentence] | None = None) -> list[int]:
    """Each token's sentence, as the one splitter (``geomap.sentences``) cuts the text: a token between two
    sentences (a closing quote, a lone number) counts with the one before. ``starts`` ascend, so each
    sentence's tokens are one run, cut where the next sentence begins."""
    begins = [s.start for s in (split if split is not None else split_sentences(text))]
    cuts = [0, *(bisect_left(starts, begin) for begin in begins[1:]), len(starts)]
    numbers: list[int] = []
    for number, (a, b) in enumerate(zip(cuts, cuts[1:])):
        numbers += [number] * (b - a)
    return numbers


@lru_cache(maxsize=4)
def _curated_phrases(gazetteer: Gazetteer) -> dict[str, list[tuple[tuple[str, ...], bool]]]:
    """Multi-word spellings of curated features, as lower-case word tuples indexed by their first word,
    longest first: a token-level multi-pattern matcher for names that may start in lower case.

    Each comes with whether some spelling starts in lower case ("southern Druzhba", "port of Odessa"): only
    those match a text that does. "east Africa" is Africa with a description, not the region East Africa."""
    # One pass over the names, each tested against the few curated pids: joining every name to its place
    # took three times as long (once per process, before the first article).
    rows = gazetteer.db.execute(
        "SELECT DISTINCT spelling FROM names WHERE spelling LIKE '% %'"
        " AND pid IN (SELECT pid FROM places WHERE source LIKE 'curated:%')").fetchall()
    lower_start: dict[tuple[str, ...], bool] = {}
    for (spelling,) in rows:
        words = tuple(t.lower for t in tokenize(spelling) if t.word or t.text[0].isdigit())
        if len(words) >= 2:
            lower_start[words] = lower_start.get(words, False) or spelling[:1].islower()
    phrases: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
    for words, lower in sorted(lower_start.items(), key=lambda item: (-len(item[0]), item[0])):
        phrases.setdefault(words[0], []).append((words, lower))
    return phrases


def _phrase_candidates(text: str, tokens: Tokens) -> dict[int, list[tuple[int, str]]]:
    """{first: [(last, key), ...] longest first} for runs of words that start with a capital and may name a
    place.

    Runs hold capitalised words and the connectors between them ("Sea of Azov", "People's Republic of
    China"); a lower-case word, punctuation or the sentence's end closes them. Names with lower-case words
    ("South Ukraine nuclear power plant") are curated features, found by ``_curated_matches``.
    """
    caps, words, sentences, lowers, texts = tokens.caps, tokens.words, tokens.sentences, tokens.lowers, tokens.texts
    starts, ends, possessives = tokens.starts, tokens.ends, tokens.possessives
    connectors, abbreviated, units = lexicon.CONNECTORS, lexicon.ABBREVIATED_NAME_WORDS, lexicon.UNIT_FOLLOWERS
    n = len(caps)
    phrases: dict[int, list[tuple[int, str]]] = {}
    for i in compress(range(n), caps):
        sentence = sentences[i]
        runs = []
        for j in range(i, min(i + MAX_WORDS, n)):
            if not words[j] and lowers[j] == "." and j > i and lowers[j - 1] in abbreviated and j + 1 < n \
                    and caps[j + 1] and ends[j] == starts[j + 1] - 1:
                continue  # "St. Louis", "Ft. Worth": the name's own abbreviation, not a sentence's end
            if not words[j] or sentences[j] != sentence:
                break
            if caps[j] or j > i and "-" in texts[j] and _particle_name(texts[j]):  # "Deir el-Balah"
                runs.append((j + 1, name_key(text[starts[i]:ends[j]])))
                if j + 1 < n and lowers[j + 1] in units and not caps[j + 1] and sentences[j + 1] == sentence:
                    # "Kupiansk raion": a second-level unit from an added dump, when the index has one
                    runs.append((j + 2, name_key(text[starts[i]:ends[j + 1]])))
            elif lowers[j] not in connectors:
                break
            if possessives[j] and not (j + 1 < n and caps[j + 1]):
                break
        runs.sort(key=itemgetter(0), reverse=True)  # longest first; stable, as the order of equals
        phrases[i] = runs
    return phrases


def _split_compounds(tokens: list[Token]) -> Tokens:
    """Hyphenated compounds become their parts, so 'Russia-Ukraine' gives Russia and Ukraine."""
    out: list[Token] = []
    for t in tokens:
        if t.word and "-" in t.text:
            offset = t.start
            for part in t.text.split("-"):
                out.append(Token(part, offset, offset + len(part), bool(part), t.sentence,
                                 t.first_in_sentence and offset == t.start))
                offset += len(part) + 1
            out[-1].possessive = t.possessive
        else:
            out.append(t)
    return Tokens.of(out)


def find_spans(text: str, gazetteer: Gazetteer, tokens: list[Token] | None = None) -> list[Span]:
    """Every stretch of ``text`` that names a gazetteer entry and passes the cues, in text order."""
    tokens = tokens if tokens is not None else tokenize(text)
    spans = _match(text, tokens, gazetteer)
    covered = {i for s in spans for i in range(s.first, s.last)}
    # Second chance for hyphenated compounds that matched nothing whole.
    compounds = [k for k in compress(range(len(tokens.texts)), map(str.__contains__, tokens.texts, repeat("-")))
                 if k not in covered and tokens.words[k]]
    # A given name before one makes it a surname, there and wherever else the text uses it: "Joaquin
    # Navarro-Valls said ... Navarro-Valls added".
    persons = {tokens.texts[k] for k in compounds if k > 0 and tokens.caps[k - 1] and
               tokens.texts[k - 1] in lexicon.given_names() and _spaced(text, tokens.ends[k - 1], tokens.starts[k])}
    for compound in (tokens[k] for k in compounds if tokens.texts[k] not in persons):
        parts = _split_compounds([compound])
        found = _match(text, parts, gazetteer, compound=True)
        # Every capitalised part a place ("Russia-Ukraine"), or the others lower case ("Kyiv-based"); not
        # "Agence France-Presse" or "Kerry-Ann", where a place is one part of another name.
        placed = {k for span in found for k in range(span.first, span.last)}
        if all(k in placed for k, part in enumerate(parts) if part.cap):
            spans.extend(found)
    spans.extend(_unit_spans(text, tokens, gazetteer, {i for s in spans for i in range(s.first, s.last)}))
    spans.sort(key=lambda s: (s.start, -s.end))
    # A lone surrogate (text decoded with errors="surrogateescape") splits words no writer can carry: no name.
    spans = _drop_overlaps([s for s in spans if not _SURROGATE.search(s.text)])
    for span in spans:
        span.speaker = _acting(tokens, span.last)
    return spans


_ADJECTIVE_LIST_WORDS = 4  # "Ukrainian, U.S. and European officials": words from a state's name to its noun


def _acting(tokens: Tokens, after: int) -> bool:
    """Does the name ending before token ``after`` speak or act as a state ("Russia says", "U.S. President",
    "Ukrainian, U.S. and European officials")?"""
    if after >= len(tokens):
        return False
    if tokens.lowers[after] in lexicon.STATE_VERBS:
        return True
    if tokens.lowers[after] in lexicon.STATE_PAST_VERBS:
        return after + 1 < len(tokens) and tokens.lowers[after + 1] not in ("by", "overnight", "again", ".")
    nouns, demonyms = lexicon.STATE_ROLE_NOUNS | lexicon.side_nouns(), lexicon.demonyms()
    for k in range(after, min(after + _ADJECTIVE_LIST_WORDS + 1, len(tokens))):
        if tokens.lowers[k] in nouns:
            return True
        if not (tokens.lowers[k] in (",", "and") or tokens.texts[k] in demonyms):
            return False
    return False
    return spans


def _after_settlement_of(tokens: list[Token], i: int) -> bool:
    """Does "the city of", "the town of" ... stand right before token ``i``?"""
    return i >= 2 and tokens[i - 1].lower == "of" and tokens[i - 2].lower in _PLACE_WORD_OF


# "Bilopilska hromada", "the Millerovsky district", "Vovchanska community": a district or community named by the
# adjective of its centre town, a unit the default index lacks. The adjective's endings (Ukrainian and Russian)
# come off, and the endings a town's name takes go on, until a town of the index answers.
_ADJECTIVE_ENDINGS = ("skyi", "skyy", "skiy", "skoye", "skoe", "sky", "ska", "ske", "sk", "")
_TOWN_ENDINGS = ("sk", "", "o", "a", "e", "ia", "ka", "lia", "skyi", "ske", "ove")


def _unit_spans(text: str, tokens: Tokens, gazetteer: Gazetteer, covered: set[int]) -> list[Span]:
    units = lexicon.UNIT_WORDS
    spans = []
    if units.isdisjoint(tokens.lowers):
        return spans  # most texts
    for k in [k for k, lower in enumerate(tokens.lowers) if lower in units]:
        if k == 0 or _names_its_city(tokens, k + 1):
            continue  # "the Petrovsky district of Donetsk": a city's district, named after no town
        items = [k - 1]  # "the Veliky Burluk and Olkhovatsky districts": each item before a plural unit word
        while items[-1] >= 2 and tokens.lowers[items[-1] - 1] in ("and", ",") and tokens.caps[items[-1] - 2]:
            items.append(items[-1] - 2)
        for i in items:
            word = tokens.texts[i]
            if i in covered or not tokens.caps[i] or not tokens.words[i] or tokens.sentences[i] != tokens.sentences[k]:
                continue
            town = _centre_town(word, gazetteer)
            if town:
                end = tokens.ends[k] if i == k - 1 else tokens.ends[i]
                spans.append(Span(tokens.starts[i], end, text[tokens.starts[i]:end], town, tokens.sentences[i], i,
                                  k + 1 if i == k - 1 else i + 1))
    return spans


def _names_its_city(tokens: Tokens, k: int) -> bool:
    """Does a city's name follow the unit word ("... district of Donetsk", "Kuibyshevsky district Donetsk")?"""
    if k < len(tokens) and tokens.lowers[k] == "of":
        k += 1
    return k < len(tokens) and tokens.caps[k] and tokens.words[k] and tokens.sentences[k] == tokens.sentences[k - 1]


def _centre_town(adjective: str, gazetteer: Gazetteer) -> str | None:
    """The town of the index a unit's adjective is made from ("Bilopilska" -> "Bilopillia"), or None."""
    lower = adjective.lower()
    names = []
    for ending in _ADJECTIVE_ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= 4:
            stem = adjective[:len(adjective) - len(ending)] if ending else adjective
            stems = [stem] + ([stem[:-2] + "ov"] if stem.endswith("iv") else [])  # Shevchenkiv- -> Shevchenkove
            names.extend(s + e for s in stems for e in _TOWN_ENDINGS)
    found = gazetteer.by_keys(name_key(n) for n in names)
    for name in names:
        towns = [pid for pid, _spelling, how in found.get(name_key(name), ()) if how in ("name", "alias", "alternate")
                 and gazetteer.row(pid)[KIND] == "city"]
        if towns:
            return name
    return None


def _drop_overlaps(spans: list[Span]) -> list[Span]:
    """The longest of overlapping spans wins (the earlier of equals). ``spans`` come sorted by start.

    Decided within each run of spans that overlap one another: a span only ever competes with those, and
    comparing every span with every kept one took time quadratic in the article's length."""
    kept: list[Span] = []
    for group in _overlapping_runs(spans):
        chosen: list[Span] = []
        for span in sorted(group, key=lambda s: (-(s.end - s.start), s.start)):
            if all(span.end <= k.start or span.start >= k.end for k in chosen):
                chosen.append(span)
        kept.extend(sorted(chosen, key=lambda s: s.start))
    return kept


def _overlapping_runs(spans: list[Span]) -> list[list[Span]]:
    """Spans sorted by start, cut into runs where each span overlaps the reach of the ones before it."""
    runs: list[list[Span]] = []
    reach = -1
    for span in spans:
        if span.start >= reach:
            runs.append([])
        runs[-1].append(span)
        reach = max(reach, span.end)
    return runs


def _match(text: str, tokens: Tokens, gazetteer: Gazetteer, compound: bool = False) -> list[Span]:
    phrases = _phrase_candidates(text, tokens)
    found = gazetteer.by_keys(key for runs in phrases.values() for _j, key in runs)
    lower_words = set(filter(str.islower, set(tokens.texts)))
    spans: list[Span] = []
    persons: set[str] = set()  # names seen as part of a person's name: "Obama" after "Barack Obama"
    resume = 0
    stop_words, demonyms = lexicon.not_places(), lexicon.demonyms()
    title_case = set() if compound else _title_case_sentences(tokens)  # a compound's parts ignore case cues
    for i in compress(range(len(tokens.caps)), tokens.caps):
        if i < resume:
            continue  # inside the last name found
        best = None
        for j, key in phrases.get(i, ()):  # longest first
            if key in found:
                best = (j, found[key])
                break
        if best is None:
            continue
        j, hits = best
        if j - i == 1 and (tokens.texts[i] in stop_words and not _after_settlement_of(tokens, i)
                           or tokens.texts[i] in demonyms):
            continue  # "The", "He", "Ukrainian": cheap to rule out before any cue is read ("the city of Azov" stays)
        if j - i > 1 and text[tokens.starts[i]:tokens.ends[j - 1]] in stop_words:
            resume = j  # "White House", "Red Cross": neither the phrase nor a word of it
            continue
        # Countries and first-level regions end names ("SOS Children's Villages Sudan") and countries open
        # them ("U.S. Centers for Disease Control") and are still places there; towns in names are not.
        rows = [gazetteer.row(pid) for pid, _spelling, _how in hits]
        kinds = {row[KIND] for row, (_pid, _spelling, how) in zip(rows, hits) if how in ("name", "alias", "abbreviation")}
        broad = bool(kinds & place_kinds.ADMINISTRATIVE)
        nation = bool(kinds & {"country", "continent"})
        # A well-known place may open a sentence under any of its spellings ("Sloviansk was shelled").
        known = broad or any(row[POPULATION] >= KNOWN_POPULATION for row in rows)
        span = _judge(text, tokens, i, j, hits, lower_words, compound, broad, known, nation,
                      tokens.sentences[i] in title_case)
        if isinstance(span, Span):
            spans.append(span)
            resume = span.last
        elif span in (PERSON, NAMESAKE) and j - i == 1:
            persons.add(tokens.texts[i])  # the whole document uses the word so: "Because Marburg kills..."
    if persons:
        spans = [s for s in spans if s.last - s.first > 1 or s.text not in persons or s.place_cue]
    if not compound:
        spans.extend(_curated_matches(text, tokens, gazetteer))
    return spans


@lru_cache(maxsize=4)
def _curated_by_length(gazetteer: Gazetteer) -> dict[str, tuple[list[int], dict[tuple[str, ...], bool]]]:
    """``_curated_phrases`` by first word as (their lengths, longest first; phrase -> starts in lower case): a
    first word such as "south" or "county" opens dozens of them, and one lookup per length finds the one a
    text has (a length has at most one that equals the text's words)."""
    return {first: (sorted({len(words) for words, _lower in entries}, reverse=True), dict(entries))
            for first, entries in _curated_phrases(gazetteer).items()}


def _curated_matches(text: str, tokens: Tokens, gazetteer: Gazetteer) -> list[Span]:
    phrases = _curated_by_length(gazetteer)
    lowers, words_, possessives = tokens.lowers, tokens.words, tokens.possessives
    spans = []
    firsts = phrases.keys() & set(lowers)  # the first words the text has (a set operation: most have none)
    if not firsts:
        return spans
    for i in [k for k, lower in enumerate(lowers) if lower in firsts and words_[k]]:
        capital = tokens.caps[i]
        lengths, lower_starts = phrases[lowers[i]]
        for n in lengths:  # longest first
            j = i + n
            lower_start = lower_starts.get(tuple(lowers[i:j])) if j <= len(lowers) else None
            if lower_start is not None and (capital or lower_start) and not any(possessives[i:j - 1]):
                start, end = tokens.starts[i], tokens.ends[j - 1]
                spans.append(Span(start, end, text[start:end], text[start:end], tokens.sentences[i], i, j,
                                  curated=True))
                break
    return spans


def _case_agrees(words: list[str], spelling: str) -> bool:
    """Lower-case words of the text are lower case in the gazetteer spelling too (connectors aside)."""
    parts = spelling.split()
    if len(parts) != len(words):
        return all(w[:1].isupper() or _particle_name(w) or w.lower() in lexicon.CONNECTORS for w in words)
    return all(not (w[:1].islower() and p[:1].isupper()) or w in lexicon.UNIT_FOLLOWERS or _particle_name(w)
               for w, p in zip(words, parts))


def _adjective(word: str) -> bool:
    """"UA-controlled", "Russian-occupied", "Kremlin-backed": a hyphenated adjective before a name opens no name."""
    head, _, tail = word.rpartition("-")
    return bool(head) and tail.isalpha() and tail.islower() and len(tail) > 2


def _particle_name(word: str) -> bool:
    """"el-Balah", "al-Sultan": an Arabic article written in lower case before a capitalised name."""
    head, _, rest = word.partition("-")
    return 1 <= len(head) <= 3 and head.islower() and rest[:1].isupper()


def _spaced(text: str, end: int, start: int) -> bool:
    """Only spaces or a hyphen ("Kerry-Ann") between two tokens: no line break, no dash."""
    gap = text[end:start]
    return gap == "-" or bool(gap) and gap.strip(" \t\u00a0") == ""


def _compact(spelling: str) -> str:
    return spelling.replace(" ", "").replace(".", "")


def _title_case_sentences(tokens: Tokens) -> set[int]:
    """Sentences written in Title Case ("Ukrainians Find 440 Bodies in Izium Mass Grave"): there a capital says
    nothing about a name, so a capitalised word beside a place does not make it part of a longer name.

    Sentence by sentence (their tokens are runs): prose is settled by its first long lower-case word, a few
    tokens in, and only headlines are read to the end."""
    texts, caps, words, sentences, firsts = tokens.texts, tokens.caps, tokens.words, tokens.sentences, tokens.firsts
    title: set[int] = set()
    k, n = 0, len(texts)
    while k < n:
        sentence = sentences[k]
        end = bisect_right(sentences, sentence, k)
        longer = slips = 0
        for m in range(k, end):
            text = texts[m]
            # (an acronym, "BRICS", says nothing either way)
            if words[m] and not firsts[m] and len(text) >= TITLE_CASE_WORD and text.isalpha() \
                    and text not in TITLE_LOWER_WORDS and not text.isupper():
                if not caps[m]:
                    slips += 1
                    if slips > TITLE_CASE_SLIPS:
                        break
                    continue
                longer += 1
        else:
            if longer >= (TITLE_CASE_MIN_WORDS if not slips else TITLE_CASE_MIN_WORDS_SLIPPED):
                title.add(sentence)
        k = end
    return title


# "(Reuters) – The Novoshakhtinsk oil refinery": a capitalised article after a dash starts a clause, not a name.
_ARTICLES = frozenset({"the", "a", "an"})
_SETTLEMENT_NOUNS = frozenset({"village", "town", "city", "settlement", "region", "border", "port", "base"})
# A headline capitalises its prepositions ("The Battle For Bakhmut"): one before a name starts no longer name
_PREPOSITIONS = frozenset({"for", "on", "over", "by", "after", "amid", "against", "with", "beyond", "along", "under",
                           "behind", "past", "toward", "towards", "into", "near", "outside", "around", "across"})
_PLURAL_REGION_WORDS = frozenset({"regions", "oblasts", "provinces", "republics", "states"})
_LIST_REACH = 14  # tokens after a name in which a plural region word makes the list regions ("Sumy, Poltava, and
# Dnipropetrovsk oblasts")


_PLACE_WORD_OF = {"city", "town", "village", "port", "settlement", "capital", "region", "province", "oblast",
                  "district", "republic", "resort", "hamlet"}
_NATIONALITY_REACH = 3  # words between a nationality and "city of" ("the southern Russian port city of")


_TOWN_WORDS = {"village", "villages", "town", "towns", "city", "cities", "settlement", "settlements"}
# tokens back over a list to its "villages of" ("the villages of Kfarshuba, Bint Jbeil and Khiam")
_LIST_BACK_REACH = 10


def _before_list(tokens: Tokens, i: int, reach: int) -> int:
    """The token just before the list of names (capitalised words, commas, "and") that name ``i`` ends, looking
    back at most ``reach`` tokens within its sentence; -1 when the list opens the text. (Read from the token
    lists: asked for every name, it would otherwise make a Token of every word it passes.)"""
    sentences, caps, lowers = tokens.sentences, tokens.caps, tokens.lowers
    sentence = sentences[i]
    k = i - 1
    while k >= 0 and i - k <= reach and sentences[k] == sentence and (caps[k] or lowers[k] in ("and", ",")):
        k -= 1
    return k


def _settlement_word_before(tokens: Tokens, i: int) -> bool:
    """Is the name one of "the village of X" or "the villages of X, Y and Z"?"""
    k = _before_list(tokens, i, _LIST_BACK_REACH)
    return k > 0 and tokens.lowers[k] == "of" and tokens.lowers[k - 1] in _TOWN_WORDS


def _nationality_before(tokens: Tokens, i: int) -> str:
    """"the Russian city of Vladimir", "the southern Ukrainian port city of Odesa": the country the name lies in,
    by the nationality word before its settlement word; "" when there is none."""
    lowers = tokens.lowers
    if i < 3 or lowers[i - 1] != "of" or lowers[i - 2] not in _PLACE_WORD_OF:
        return ""
    table = lexicon.demonyms()
    for k in range(i - 3, max(-1, i - 3 - _NATIONALITY_REACH), -1):
        code = table.get(tokens.texts[k])
        if code:
            return code
        if tokens.caps[k] or tokens.sentences[k] != tokens.sentences[i]:
            return ""
    return ""


def _judge(text: str, tokens: list[Token], i: int, j: int, hits, lower_words: set[str],
           compound: bool, broad: bool = False, known: bool = False, nation: bool = False,
           title_case: bool = False, facilities: bool = True) -> Span | str | None:
    """Keep a gazetteer match only when its surroundings let it be a place. A name before a facility phrase
    ("Chuhuiv Airbase") makes a facility span, carrying as ``fallback`` what the name is without the list."""
    first, last = tokens[i], tokens[j - 1]
    surface = text[first.start:last.end]
    words = [w for w in tokens.texts[i:j] if w != "."]  # "St. Louis" is two words
    single = j - i == 1
    prev = tokens[i - 1] if i > 0 else None
    after = tokens[j] if j < len(tokens) else None
    hows = {how for _pid, _spelling, how in hits}
    # Names run together only across plain spaces: "Georgia – Zurab Zhvania" is a place, then a person.
    joined_before = prev is not None and _spaced(text, prev.end, first.start)
    joined_after = after is not None and _spaced(text, last.end, after.start)

    if text[last.end:last.end + 1] == "$" or text[first.start - 1:first.start] == "$":
        return None  # a currency: US$10, $US 15, NZ$
    if single and surface in lexicon.demonyms():
        return None
    if single and surface in lexicon.not_places() and not _after_settlement_of(tokens, i):
        return None  # ("the city of Azov" is the town, whatever the word names elsewhere)
    if prev is not None and prev.text == "." and i >= 2 and tokens[i - 2].lower in lexicon.ABBREVIATED_NAME_WORDS \
            and tokens[i - 2].cap and prev.start == tokens[i - 2].end:
        return None  # "St. Patrick's Day": had "St. X" been a place it would have matched with its "St."
    if single and len(surface.replace(".", "")) < 2:
        return None  # "I", "A": letters are not places
    if single and _CONTRACTION.search(surface):
        return None  # "I've", "We'll": contractions are not names
    dateline = surface.isupper() and opens_dateline(text, first.start)
    if single and surface.isupper() and not dateline \
            and not any(_compact(sp) == _compact(surface) and sp.isupper() for _p, sp, _h in hits):
        return None  # acronyms (NATO, CCTV) that happen to spell some town's name in another case
    if single and len(surface) < 3 and not surface.isupper():
        return None
    if all(w.lower() in lexicon.CONNECTORS for w in words[1:]) and not single and not words[-1][:1].isupper():
        return None
    if title_case and len(words) == 2 and words[0] in lexicon.demonyms() and words[1].lower() in _SETTLEMENT_NOUNS:
        return None  # "Russia Claims Control over Strategic Ukrainian Village": a village, not Chicago's neighbourhood
    if not single and not any(_case_agrees(words, sp) for _p, sp, _h in hits):
        return None  # "The meeting" is not the hamlet "The Meeting": lower-case words must be lower case there too

    region_cue = False
    after_lower = after.lower if after is not None and after.word else ""
    extend_to = j  # a region phrase takes its region words into the span: "Luhansk People's Republic"
    # "Kherson region", "Donetsk Oblast", "Luhansk People's Republic"
    facility_end = _facility_end(tokens, j) if facilities and after is not None and after.cap and joined_after \
        and after.sentence == first.sentence and not last.possessive and not compound else 0
    if last.possessive and after is not None and after.cap and after.start - last.end <= 3 and \
            after_lower in lexicon.NAMED_BUILDING_WORDS:
        return None  # "St. Michael's Cathedral", "St. Mary's Church": a saint's building, no place
    if after is not None and after.word and after.sentence == first.sentence and not last.possessive:
        if facility_end:
            pass  # "Kharkiv National University", "Chuhuiv Airbase": kept, judged by the document's focus later
        elif after_lower in lexicon.STREET_WORDS and joined_after:
            return None  # "Gorky Park", "Pushkin Street", "Maidan square": named after, not the place
        elif after_lower in lexicon.REGION_FOLLOWERS:
            region_cue = True
            extend_to = j + 1
        elif after_lower == "regional":  # "Kharkiv Regional Military Administration": the oblast's body
            region_cue = True
        elif after_lower in ("people", "peoples") and after.possessive or after_lower == "peoples":
            region_cue = True
            if j + 1 < len(tokens) and tokens[j + 1].lower in ("republic", "republics"):
                extend_to = j + 2
        # A country before a name is still the country ("U.S. Centers for Disease Control"); a state or a
        # town before one is part of it ("Washington Post", "Ohio State").
        elif after.cap and joined_after and after_lower not in lexicon.ALLOWED_FOLLOWERS and not compound and not nation \
                and not title_case and not _region_phrase_at(tokens, j) and not _office_of_before(tokens, i) \
                and not (after.text.isupper() and len(after.text) <= 4):  # "Kharkiv TV tower", "Kyiv CHP-5"
            return None  # part of a longer proper name: "Washington Post", "Shanghai Cooperation Organization"
    # "X and Y regions": both are regions
    if not region_cue and after_lower in ("and", ",") or (after is not None and after.text == ","):
        sentences, caps, lowers = tokens.sentences, tokens.caps, tokens.lowers
        for k in range(j + 1, min(j + _LIST_REACH, len(tokens))):
            if sentences[k] != first.sentence:
                break
            if lowers[k] in _PLURAL_REGION_WORDS:
                region_cue = True
                break
            if not (caps[k] or lowers[k] in ("and", "people", "peoples", ",", "(", ")") or lowers[k] in lexicon.COMPASS_ADJECTIVES):
                break  # ("Rivne and Lutsk, western Khmelnytskyi, and southern Kirovohrad oblasts")
    if not region_cue and _after_plural_region_word(text, tokens, i):
        region_cue = True
    place_cue = False
    if prev is not None and prev.sentence == first.sentence:
        prev_lower = prev.lower
        if prev.word and prev_lower in lexicon.TITLES:
            return PERSON  # "President Putin", "Mr Saldo"
        if prev_lower in lexicon.VESSELS and joined_before:
            return None  # "the flagship Moskva": a ship named after the place
        if prev.cap and joined_before and not prev.first_in_sentence and not prev.possessive and not compound \
                and prev_lower not in _ARTICLES and prev_lower not in _PREPOSITIONS and not _adjective(prev.text) \
                and not nation and not prev.text.isupper() and not _region_phrase_at(tokens, i) \
                and not (title_case and prev.text not in lexicon.given_names()):
            # "CDC Atlanta" is no person; in a Title Case headline ("Putin Visits Mariupol") a capital is no name
            if prev_lower not in lexicon.QUALIFIERS and prev_lower not in lexicon.PLACE_CUES:
                # A town's name after a given name ("Robyn Dixon", "Bruce Ivins") is a surname in the whole
                # document; a region's after another capitalised word ("Racing NSW") only here.
                return PERSON if prev.text in lexicon.given_names() or not broad else None
        if prev.cap and joined_before and prev.first_in_sentence and prev.text in lexicon.given_names():
            return PERSON
        if prev_lower in lexicon.PLACE_CUES:
            place_cue = True
        # "the region of Kharkiv"
        if prev_lower == "of" and i >= 2 and tokens[i - 2].lower in lexicon.REGION_LEADERS:
            region_cue = True
    if single and joined_after and after.cap and first.text in lexicon.given_names():
        return PERSON  # "Vladimir Putin"
    if after_lower in lexicon.NAMED_AFTER_PLACE:
        return NAMESAKE  # "Marburg virus", "Reston ebolavirus": named after a place, not about it
    if prev is not None and prev.lower == "of" and i >= 2 and tokens[i - 2].cap and \
            tokens[i - 2].lower in lexicon.ORGANISATION_OF:
        return None  # "Peanut Corporation of America", "Voice of America", "Bank of England"
    if single and first.text.lower() in lower_words and not place_cue and not surface.isupper():
        return None  # the document uses the word as a word ("reading", "mobile"); "us" is no "US"
    if single and first.first_in_sentence and not place_cue and not known and hows <= {"alternate", "region-base"}:
        return None  # a capitalised sentence opener that only some alternate name shares
    end = last.end
    query = f"{surface} region" if region_cue else surface
    if extend_to > j:
        end = tokens[extend_to - 1].end
    kind_cue = KIND_CUES.get(after_lower, frozenset()) if after is not None and not last.possessive else frozenset()
    if dateline or not kind_cue and _settlement_word_before(tokens, i):
        kind_cue = KIND_CUES["city"]  # a dateline names the town the story was filed from; "the villages of X, Y"
    facility, fallback = "", None
    if facility_end:
        end, extend_to, kind_cue = tokens.ends[facility_end - 1], facility_end, frozenset()
        facility = text[after.start:end]
        fallback = _judge(text, tokens, i, j, hits, lower_words, compound, broad, known, nation, title_case, False)
    return Span(first.start, end, text[first.start:end], query, first.sentence, i, extend_to, region_cue=region_cue,
                place_cue=place_cue, kind_cue=kind_cue, article=prev is not None and prev.lower == "the",
                nation=_nationality_before(tokens, i),
                dateline=dateline, facility=facility,
                fallback=fallback if isinstance(fallback, Span) else None)


def _office_of_before(tokens: Tokens, i: int) -> bool:
    """"Mayor of Lutsk Ihor Polishchuk", "Governor of Belgorod Vyacheslav Gladkov": after an office "of" a place, the
    capitalised words that follow are the office holder's name, not part of the place's."""
    return i >= 2 and tokens[i - 1].lower == "of" and tokens[i - 2].lower in lexicon.TITLES


def _after_plural_region_word(text: str, tokens: Tokens, i: int) -> bool:
    """"four regions – Donetsk, Kherson, Lugansk and Zaporizhzhia", "the regions of Kherson and Zaporizhzhia":
    the names of a list that a plural region word introduces are regions."""
    k = _before_list(tokens, i, _LIST_REACH - 1)
    lowers = tokens.lowers
    if k >= 0 and lowers[k] == "of":
        return k > 0 and lowers[k - 1] in _PLURAL_REGION_WORDS
    return k >= 0 and lowers[k] in _PLURAL_REGION_WORDS and \
        any(mark in text[tokens.ends[k]:tokens.starts[k + 1]] for mark in ("–", "—", ":", " - "))


def _region_phrase_at(tokens: Tokens, j: int) -> bool:
    """A capitalised name and a region word start at token ``j``: "Kakhovka Kherson Oblast" is a town and its
    oblast without the comma, not one longer name."""
    return j + 1 < len(tokens) and tokens.caps[j] and tokens.words[j + 1] \
        and tokens.lowers[j + 1] in ("oblast", "oblast'", "oblast’", "region", "raion", "rayon") \
        and tokens.sentences[j + 1] == tokens.sentences[j]


def _facility_end(tokens: Tokens, j: int) -> int:
    """The token index after a facility phrase that starts at token ``j`` ("National University"), or 0."""
    for words in lexicon.facilities().get(tokens.lowers[j], ()):
        end = j + len(words)
        if end <= len(tokens) and tuple(tokens.lowers[j:end]) == words \
                and len({tokens.sentences[k] for k in range(j, end)}) == 1:
            return end
    return 0
