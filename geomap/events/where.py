"""Where an incident happens: the most specific place in its sentence that the incident is linked to.

The geoparser gives every place the article names. Not all of them are where something happened:
- bylines and datelines ("Alex Horton in Washington ... contributed to this report", "KYIV, Ukraine (AP) —");
- places named as the origin of a statement ("In Moscow, propagandists cheered", "told reporters in Brussels");
- capitals and countries standing for their governments ("a scheme by Moscow", "Kiev's military gains");
- places inside a hyphenated adjective ("Moscow-installed", "Russia-Ukraine war").
Among the rest, a place wins by how specific it is (a plant over its town over its region over its country), by
how close it is to the incident's cue words in the same clause, and by a locative word before it ("in", "near",
"shelled"). A town named beside a site word may stand for the site ("the nuclear power plant, Zaporizhzhia");
a country or region named with a site word may stand for a site named nearby ("Ukraine's second-largest nuclear
power plant" -> the South Ukraine plant named in the next sentence). A sentence with no usable place borrows
one from the sentences just before it or from a nationality word, as the type's `place_fallback` says.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from dataclasses import dataclass, replace

from geomap import kinds as place_kinds
from geomap.datelines import dateline_spans, in_dateline
from geomap.events.classify import Hit, Reading, Verdict, judge, with_months
from geomap.events.phrases import PhraseIndex
from geomap.events.words import CueToken, tokenize
from geomap.sentences import Sentence
from geomap.events.taxonomy import EventType, Taxonomy
from geomap import geodesy, units
from geomap.claims.figures import find_figures
from geomap.gazetteer.normalize import name_key, skeleton, spelling_key
from geomap.document import Document
from geomap.model import Candidate, Mention, Place
from geomap.spans import Spans

SITE_FAMILIES = {"plant": {"plant", "dam"}, "bridge": {"bridge"}, "port": {"port"}, "pipeline": {"pipeline", "site"}}
_NEVER_COORDINATED = {"country", "continent", "water"}
_NOT_AN_INCIDENT_PLACE = {"country", "continent"}  # for types whose country_level is false
_NOT_BORROWED = {"continent", "water"}
_NEVER_LANDED_ON = {"water"}  # a sea named as where fire came from is never where it landed
_ORIGIN_PREPOSITIONS = {"in", "from", "at"}
_SITE_WINDOW = 4  # words between a town and a site word that names it ("the nuclear power plant, Zaporizhzhia")
_GEO_NOUN_WINDOW = 5  # words after "Ukraine's" in which a geographic noun keeps it a place
_COREFERENCE_SENTENCES = 3
_PARALLEL_GAP = 12  # words between two places after the same locative word ("..., four over the ...")
_INSTITUTION_WORDS = 4  # capitalised words before an institution word that may name its place
_SMALL_WORDS = {"on", "by", "in", "at", "to", "for", "from", "with", "after", "over", "near", "and", "or", "as"}
_REPORTED_ON_KINDS = {"region", "admin2"}  # "In the X region, the governor said ...": the region is the news
# Verbs before "from" that say outright where a weapon set off ("launched from Kursk")
_LAUNCH_VERBS = {"launched", "fired", "launching", "firing", "launches", "fires", "flew", "flying", "came"}
# A close spelling of a focus-country town after these words is that town ("in Shbekino", "the village of Adiivka").
_MISSPELT_AFTER = {"in", "near", "outside", "around", "over", "hit", "struck", "shelled", "attacked", "targeted"}
_MISSPELT_MAX_WORDS = 3  # "Novhorod-Siversky", "Rodionovo-Nesvetaysk": a hyphenated or two-word name
_TOWNS_AND_REGIONS = {"city", "region", "admin2", "area"}
_REFERENCE_REACH = 14  # words from a comma to the reference point it introduces ("…, about 6 miles south of X")
_DESTINATION_REACH = 4  # words between a verb of taking and the "to" of its destination ("taken by bus to")
_POSSESSIVE_QUALIFIERS = {"region", "area", "country"}
_LIST_SEPARATORS = {",", "and", "or"}
_APPOSITIVE_ARTICLES = {"a", "an"}
_IN_REGION_REACH = 4  # words from a town to the region said to hold it ("in Ukraine's eastern Donetsk region")
_CUE_SPECIFICITY = 0.5  # how much a place's specificity counts when one cue is given its place
_LIST_NAME_WORDS = 3  # words of one unknown name in such a list ("Novoselivka Persha")
_SPEAKING = {"speaking", "addressing", "talking", "writing"}  # participles that open a speaker's clause
_AXIS_WORD = re.compile(r"\s+(?:direction|sector)\b")  # "the Lyman-Kupiansk direction", as the General Staff names axes
_FACILITY_TYPE = "infrastructure"
_REPORTING_GROUPS = {"damage", "devastation", "outage", "restoration"}  # what happened to a facility, not what it is
# ", a key rail hub in the occupied Crimean peninsula": an appositive up to the next comma; ", where Europe's biggest
# nuclear power plant is located"
_APPOSITIVE = re.compile(r",\s+an?\s+[^,;:()]*")
_WHERE_LOCATED = re.compile(r",\s+where\s+[^,;:()]*?\b(?:is|are|was|were)\s+(?:located|based|situated)\b")
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_TIME_ADVERBS = {"also", "earlier", "later", "previously", "again", "yesterday", "today", "overnight", "now"}
_SETTLEMENT_WORDS = {"village", "town", "city", "settlement", "villages", "towns"}
_UNIT_WORDS = {"community", "hromada", "district", "raion"}
_CITY_DISTRICT_WORDS = {"district", "raion", "neighbourhood", "neighborhood", "microdistrict"}
_CITY_DISTRICT_KM = 25.0  # a city district lies within this of its city's point
_UNIT_QUALIFIERS = {"territorial", "urban", "rural", "settlement"}
_COMMUNITY_REACH_KM = 25.0  # a hromada's villages lie within this of its centre town...
_DISTRICT_REACH_KM = 60.0  # ...a raion's (since 2020 raions are large) within this
_REGION_WORDS = {"region", "oblast", "province"}
_INSIDE_WORDS = {"in", "inside", "within"}
_NAMESAKE_MAX_POPULATION = 10_000  # a town this small (or one with namesakes) given a wrong region is a namesake
# A stated distance from a town is rounded and measured from somewhere in it: a sense of the name up to this far
# from the town (the larger of the two) still fits what the text says; the one nearest the stated distance wins.
_STATED_KM_FACTOR = 2.0
_STATED_KM_SLACK = 10.0
_LIST_CLUSTER_MIN, _LIST_CLUSTER_KM = 3, 50.0  # listed towns this many and all this close make a cluster...
_LIST_OUTLIER_KM = 150.0  # ...and a town listed with them farther than this from all is a namesake
_CONVERSION_SLACK = 0.1  # "15 kilometers (nine miles)": two figures this close are one distance in two units
_NEAR_KM = 40.0  # "near" a town: within this of it
_NEAR_CITY_KM, _NEAR_CITY_POPULATION = 100.0, 100_000  # ...or within this, for a city of this size
_COMPASS_KM = 150.0  # "west of" a town, with no distance: within this
# "near [eastern Ukraine's]", "— west of the logistics centre of": a reference with no figure, ending the stretch
_NEAR_REFERENCE = re.compile(r"(?:(?P<near>\bnear|\bclose to|\bnext to|\bnot far from|\boutside)|\b(?:north|south|"
                             r"east|west)(?:-?(?:east|west))?(?:ern)?\s+of)\b[\s\w'’-]{0,40}$")
_STATED_DISTANCE_CHARS = 110  # "…, a small village about five kilometers (three miles) west of the city of "
# the words that end such a stretch: "... southwest of [the strategic city of]", "... from"
_ENDS_ON_REFERENCE = re.compile(r"\b(?:of|from)(?:\s+the)?(?:\s+[\w-]+){0,3}?(?:\s+of)?\s*$")
_SUBURB_KM = 60.0  # a city's suburb lies within this of it (reporters call towns 50 km out "a Kyiv suburb")
_SUBURB_BEFORE = re.compile(r"\s*,\s*(?:(?:in|on)\s+the|an?)(?:\s+[\w-]+){0,3}\s+$")  # ", in the" / ", a key"
_SUBURB_AFTER = re.compile(r"['’]?s?\s+(?:suburbs?|outskirts)\b")  # "... Chernihiv suburbs"
_SUBURB_OF = re.compile(r"\s*,\s*(?:an?|in\s+the|on\s+the)(?:\s+[\w-]+){0,3}?\s+(?:suburbs?|outskirts)\s+of"
                        r"(?:\s+the\s+(?:city|capital)(?:\s+of)?)?\s+$")  # ", a suburb of [the capital]"
_REGION_POSSESSIVES = {"region's", "oblast's", "province's", "district's", "raion's"}
_MISSPELT_MIN_LETTERS = 5
_MISSPELT_MIN_RATIO = 85  # rapidfuzz ratio to the spelling that matched
_MISSPELT_REACH_KM = 150  # ...and this near one of the article's other places, if it names any
_MISSPELT_KNOWN_POPULATION = 10000  # a town at least this big is its own warrant for a close spelling
_MISSPELT_MIN_SCORE = 0.4  # resolver score: below the usual floor, since the ratio and the country vouch for it


@dataclass(frozen=True, slots=True)
class Placed:
    """A place an incident happens at, with the cues that point there and how the place was found."""

    mention: Mention
    hits: tuple[Hit, ...]
    source: str  # sentence | site | institution | coreference | context | demonym


@dataclass(slots=True)
class SentencePlace:
    """A usable place of one sentence: its mention, where it sits among the cue tokens, and how it is introduced."""

    mention: Mention
    first: int  # token range in the sentence
    last: int
    locative: bool
    possessive: bool
    source: str


class PlaceFinder:
    """Chooses incident places for one article, remembering each sentence's places for the ones after it."""

    def __init__(self, document: Document, taxonomy: Taxonomy):
        self.document = document
        self.article = document.article
        self.text = document.text
        self.gazetteer = document.gazetteer
        self.taxonomy = taxonomy
        self.rules = taxonomy.where
        self.focus_country = document.focus_country
        datelines = dateline_spans(self.text)  # most texts have none: no mention is asked about then
        self.mentions = [m for m in document.mentions if m.place is not None
                         and not (datelines and in_dateline(self.text, m.start))]
        # Looked up by offset and by sentence, never scanned whole: a long article has thousands of mentions.
        self.mention_spans = Spans([m.start for m in self.mentions], [m.end for m in self.mentions])
        self._mention_ends = {m.start: m.end for m in self.mentions}
        self.sentence_starts = document.sentence_starts
        self.mention_sentence = [self._sentence_of(m.start) for m in self.mentions]
        self.own: dict[int, list[tuple[str, Mention]]] = {}  # sentence -> (event type or "", place)
        # Sentences that report nothing: their places are read only if a later sentence borrows one (most never do)
        self.unread: dict[int, tuple[Sentence, list[CueToken]]] = {}
        self._countries: dict[tuple[str, str], Place | None] = {}  # (code, record field) -> place
        self._speech_cache: tuple = (None, ([], []))
        # Character offsets of names a sentence places outside the region it says holds them: namesakes of a
        # village the gazetteer lacks, unknown as far as the incident is concerned
        self._namesakes: set[int] = set()
        self._no_bylines: bool | None = None  # no sentence has a byline marker (None: not looked yet)
        index = _indexes(taxonomy)
        self.locative, self.speech, self.actor_before, self.actor_after, self.sites, self.institutions = index

    # --- which sentences and places count ------------------------------------------------------------------

    def without_descriptions(self, sentence: Sentence, reading: Reading) -> Reading:
        """"Russian forces captured Kupiansk, a key railway hub", "explosions in Enerhodar, where Europe's biggest
        nuclear power plant is located": a facility named in a phrase that describes a place is what the place is,
        not what was hit. Its cues go, unless the phrase reports something itself (another type's cue, a damage
        word: "in Odesa, a port damaged last week")."""
        hits = reading.hits.get(_FACILITY_TYPE)
        if not hits:
            return reading
        spans = [span for k in self.mention_spans.starting(sentence.start, sentence.end)
                 for span in [_description_after(self.text, self.mentions[k].end, sentence.end)] if span]
        if not spans:
            return reading
        drop = set()
        for a, b in spans:
            inside = [h for found in reading.hits.values() for h in found if a <= h.start and h.end <= b]
            if inside and all(h.cue.type == _FACILITY_TYPE and h.cue.group not in _REPORTING_GROUPS for h in inside):
                drop.update(id(h) for h in inside)
        if not drop:
            return reading
        kept = [h for h in hits if id(h) not in drop]
        others = {name: found for name, found in reading.hits.items() if name != _FACILITY_TYPE}
        return replace(reading, hits={**others, _FACILITY_TYPE: kept} if kept else others)

    def is_byline(self, sentence: Sentence) -> bool:
        markers = _any_of(self.rules.byline)  # asked of every sentence: one search, not one per marker
        if markers is None:
            return False
        if self._no_bylines is None:
            # One search of the whole text first: most articles have no marker, and then no sentence has one.
            # (Lower case is the same in a sentence as in the text, but for a capital sigma, final or not by
            # what follows it.)
            self._no_bylines = "Σ" not in self.text and markers.search(self.text.lower()) is None
        return not self._no_bylines and markers.search(sentence.text.lower()) is not None

    def candidates(self, sentence: Sentence, tokens: list[CueToken]) -> list[SentencePlace]:
        """The sentence's usable places, in text order."""
        starts = [t.start for t in tokens]
        locative_ends = {m.last for m in self.locative.find(tokens)}
        before_ends = {m.last for m in self.actor_before.find(tokens)}
        after_starts = {m.first for m in self.actor_after.find(tokens)}
        found: list[SentencePlace] = []
        for mention in (self.mentions[k] for k in self.mention_spans.starting(sentence.start, sentence.end)):
            if self._hyphenated(mention):
                continue
            first, last = _token_range(tokens, starts, mention.start, mention.end)
            if first >= last or self._heading_to(first, tokens):
                continue
            possessive = self.text[mention.end:mention.end + 2] in ("'s", "’s")
            # "according to Kyiv": the "to" of a source phrase is no locative.
            locative = self._locative(tokens, first, locative_ends) and first not in before_ends
            place = mention.place
            if possessive and self._campaign_follows(place, tokens, last):
                continue  # "advances in Moscow's slow but steady push": the side acting, not where
            if place.kind in ("country", "water") and last < len(tokens) and \
                    tokens[last].norm in self.rules.organisation_words:
                continue  # "the US Institute for the Study of War", "Russia's Black Sea Fleet": a name
            if not locative and place.kind in ("country", "city") and (
                    place.kind == "country" or place.fcode.startswith("PPLC")):
                geo = possessive and self._geo_noun_follows(tokens, last)
                if place.kind == "country" and not geo:
                    continue  # "Russia did not comment", "accused Russia": the state, not the ground
                # "Washington and Kyiv signed": the pair acts together.
                paired = last + 2 < len(tokens) and tokens[last].norm == "and" and tokens[last + 1].cap and \
                    last + 2 in after_starts
                if possessive and not geo or first in before_ends or _past_a_time(tokens, last) in after_starts \
                        or paired:
                    continue  # "Kiev's recent military gains", "a scheme by Moscow", "Kyiv on Thursday claimed"
            found.append(SentencePlace(mention, first, last, locative, possessive, "sentence"))
        found.extend(self._institutions(sentence, tokens, found))
        found.extend(self._misspelled(tokens, found))
        found.extend(self._capitals(tokens, found, locative_ends))
        found.sort(key=lambda c: (c.first, c.last))
        found = self._without_qualifiers(found, tokens)
        found = self._at_their_stated_distance(found)
        found = self._near_their_list(found, tokens)
        found = self._without_references(found, tokens)
        self._share_locatives(found, tokens)
        return [self._as_site(self._as_town(c, tokens), tokens) for c in found]

    def _without_qualifiers(self, found: list[SentencePlace], tokens: list[CueToken]) -> list[SentencePlace]:
        """"Berestove, Kupiansk raion", "Hrakove, Kharkiv Oblast", "Izium (Kharkiv region)": a place after a comma
        or in brackets that says where the place before it lies (a district word follows it, or it is the region
        or country holding that place) is part of that place's name, not a second place. The place then ends
        after its qualifier, so a list of qualified places is still a list."""
        kept: list[SentencePlace] = []
        for k, candidate in enumerate(found):
            if self._qualifies_a_settlement(candidate, tokens):
                continue  # "the Donetsk town of Toretsk", "the Kharkiv village of Hroza": the town is the place
            after = next((c for c in found[k + 1:] if c.mention.place.kind != "country"), None)
            if after is not None and self._outside_its_region(candidate, after, tokens):
                # "the small settlement of Zaporizhzhia in Ukraine's eastern Donetsk region": not the city
                self._namesakes.add(candidate.mention.start)
                continue
            before = kept[-1] if kept else None
            between = [t.norm for t in tokens[before.last:candidate.first]] if before is not None else []
            bracketed = between == ["("] and candidate.last < len(tokens) and tokens[candidate.last].norm == ")"
            # ", in" too: "in Kramatorsk, in Donetsk province, Russian shelling destroyed a school"
            if (between in ([","], [",", "in"]) or bracketed) and (
                    self._district_word_follows(candidate, tokens) or _holds(candidate.mention.place,
                                                                            before.mention.place)):
                before.last = candidate.last + bracketed
                continue
            if before is not None and self._in_its_unit(before, candidate, tokens, between):
                continue  # "the village of Chernechchyna in the Krasnopillia community": one place
            if before is not None and self._district_of_its_city(before, candidate, tokens, between):
                continue  # "the Podilskyi district of Kyiv": the district is in Kyiv, one place
            if before is not None and before.possessive and not between and \
                    self._district_of_its_city(candidate, before, tokens, None):
                kept[-1] = candidate  # "Kharkiv's Saltivskyi district": one place, the district
                continue
            if candidate.mention.place.kind == "region" and self._qualifies_an_unknown_name(candidate, tokens):
                continue  # "Damage to church in Hrakove, Kharkiv Oblast": Hrakove's oblast, 50 km from it
            if before is not None and candidate.mention.place.kind == "region" and self._closes_a_list(
                    tokens[before.last:candidate.first]):
                kept = self._held_by_the_closing_region(kept, candidate, tokens)
                before = kept[-1] if kept else None
            if before is not None and self._region_holding(before, candidate, between):
                before.last = candidate.last  # "Nikopol in Dnipropetrovsk Oblast and Orikhiv in ...": one place each
                continue
            if before is not None and before.possessive and not between and \
                    self._qualifies_by_possessive(before.mention.place, candidate.mention.place):
                kept.pop()  # "Crimea's Sevastopol", "Luhansk's Bilohorivka": the second place is it...
                inside = self._sense_inside(candidate, before.mention.place)
                if inside is None:
                    # ...unless the gazetteer put it in another region ("Kherson Region's Liubymivka" is no
                    # Liubymivka of Luhansk Oblast): a village it lacks, and the region's point is no guess either
                    self._namesakes.add(candidate.mention.start)
                    continue
                candidate.mention = inside
                kept.append(candidate)
                continue
            kept.append(candidate)
        return kept

    def _qualifies_an_unknown_name(self, region: SentencePlace, tokens: list[CueToken]) -> bool:
        """"in Hrakove, Kharkiv Oblast", "in Stary Saltiv, Kharkiv Oblast": a region after a comma that closes a
        name the gazetteer lacks, itself after "in", "near" or "the village of", says where that place lies; the
        incident is at the place, not at the region's point."""
        comma = region.first - 1
        if comma < 2 or tokens[comma].norm != ",":
            return False
        k = comma
        while k > 0 and comma - k < _LIST_NAME_WORDS and tokens[k - 1].word and tokens[k - 1].cap:
            k -= 1
        if k == comma or k == 0 or any(self.mention_spans.covers(t.start) for t in tokens[k:comma]):
            return False
        return self._after_settlement_word(tokens, k)

    def _district_of_its_city(self, district: SentencePlace, city: SentencePlace, tokens: list[CueToken],
                              between: list[str] | None) -> bool:
        """"the Podilskyi district of Kyiv" (``between`` the two) or "Kharkiv's Saltivskyi district" (None: the
        city's possessive before the district): a city district is the sense of its name within the city, not the
        Podilskyi district of Kropyvnytskyi; when the gazetteer has no such sense, the city's own point."""
        if district.mention.place.kind != "city" or city.mention.place.kind != "city":
            return False
        # the district word may close the name the geoparser read ("Podilskyi district") or follow it
        named = tokens[district.last - 1].norm in _CITY_DISTRICT_WORDS
        if between is None:
            if not named and (district.last >= len(tokens) or tokens[district.last].norm not in _CITY_DISTRICT_WORDS):
                return False
        else:
            words = [w for w in between if w not in ("the", "city", "capital")]  # "... district of the city of"
            if words and words[0] in _CITY_DISTRICT_WORDS:
                words = words[1:]
            elif not named:
                return False
            if words not in (["of"], ["of", "of"]):
                return False
        centre = city.mention.place
        near = [c for c in (district.mention, *district.mention.alternatives)
                if c.place.kind == "city" and _km(c.place, centre) <= _CITY_DISTRICT_KM]
        if near:
            district.mention = replace(district.mention, place=near[0].place, score=near[0].score,
                                       reason=f"{near[0].reason}; a district of {centre.name}")
        else:
            district.mention = replace(city.mention, start=district.mention.start, end=district.mention.end,
                                       text=district.mention.text,
                                       reason=f"{city.mention.reason}; {district.mention.text} is a district of it")
        district.last = max(district.last, city.last)
        district.first = min(district.first, city.first)
        return True

    def _in_its_unit(self, town: SentencePlace, unit: SentencePlace, tokens: list[CueToken],
                     between: list[str]) -> bool:
        """"Chernechchyna in the Krasnopillia community", "Sknyliv, Zolochiv district": a town said to lie in the
        community or district of another town lies near that town. The sense that does is the town (the two are
        one place); when none does, the gazetteer lacks the village and the incident is placed at its
        community's or district's centre."""
        word = unit.last  # the unit word, past "territorial", "rural"...: "the Komyshuvakha territorial community"
        if word + 1 < len(tokens) and tokens[word].norm in _UNIT_QUALIFIERS:
            word += 1
        if town.mention.place.kind != "city" or unit.mention.place.kind not in place_kinds.SETTLEMENTS or \
                word >= len(tokens) or tokens[word].norm not in _UNIT_WORDS or \
                [w for w in between if w not in self.rules.filler] not in ([","], ["in"], [",", "in"]):
            return False
        reach = _COMMUNITY_REACH_KM if tokens[word].norm in ("community", "hromada") else _DISTRICT_REACH_KM
        centre = unit.mention.place
        near = [c for c in (town.mention, *town.mention.alternatives) if c.place.kind == "city" and
                geodesy.great_circle_km((c.place.lat, c.place.lon), (centre.lat, centre.lon)) <= reach]
        if near:
            if near[0] is not town.mention:
                town.mention = replace(town.mention, place=near[0].place, score=near[0].score,
                                       reason=f"{near[0].reason}; in the {tokens[word].norm} of {centre.name}")
            town.last = word + 1
        else:
            self._namesakes.add(town.mention.start)
            town.mention = replace(unit.mention, reason=f"{unit.mention.reason}; centre of the "
                                   f"{tokens[word].norm} that holds {town.mention.text}, a village the "
                                   f"gazetteer lacks")
            town.first, town.last = unit.first, word + 1
        return True

    def _closes_a_list(self, between: list[CueToken]) -> bool:
        """Do the words between a list's last known town and a region say "in" that region, past the list's
        unknown names ("Stanislav, Osokorivka in Kherson region")?"""
        words = [t for t in between if t.norm not in self.rules.filler]
        if not words or words[-1].norm != "in":
            return False
        rest = words[:-1]
        return all(t.norm in _LIST_SEPARATORS or t.word and t.cap and self._unknown(t)
                   for t in rest) and (not rest or rest[0].norm in _LIST_SEPARATORS)

    def _unknown(self, token: CueToken) -> bool:
        """Is the word part of no name the gazetteer knows here (none, or a namesake found elsewhere)?"""
        return not self.mention_spans.covers(token.start) or \
            any(start <= token.start < self._mention_ends.get(start, start) for start in self._namesakes)

    def _held_by_the_closing_region(self, kept: list[SentencePlace], region: SentencePlace,
                                    tokens: list[CueToken]) -> list[SentencePlace]:
        """"fired on Bilozerka, Shliakhove, ..., Havrylivka, Sadove ... in Kherson region": a region after "in"
        closes the list of towns before it and holds them all; a town of the list the gazetteer puts outside it is
        the namesake of a village it lacks, and no place of the incident."""
        run = []
        for k in range(len(kept) - 1, -1, -1):
            if kept[k].mention.place.kind != "city" or \
                    run and not self._coordinated(kept[k], kept[run[-1]], tokens) or \
                    tokens[kept[k].last - 1].end > kept[k].mention.end:
                break  # (a town already closed by its own region: "Nikopol in Dnipropetrovsk Oblast and Orikhiv in")
            run.append(k)
        if len(run) < 2 or not any(_holds(region.mention.place, kept[k].mention.place) for k in run):
            return kept  # one town is _outside_its_region's; a list none of which lies there is no list of it
        outside = {k for k in run if not _holds(region.mention.place, kept[k].mention.place)}
        for k in outside:
            self._namesakes.add(kept[k].mention.start)
        return [c for k, c in enumerate(kept) if k not in outside]

    def _region_holding(self, town: SentencePlace, region: SentencePlace, between: list[str]) -> bool:
        """"Nikopol in Dnipropetrovsk Oblast", "Kupiansk in the Kharkiv region": the region that holds a town (or a
        site) named just before it, after "in", says where the town lies; it is no second place."""
        words = [w for w in between if w not in self.rules.filler]
        return words == ["in"] and town.mention.place.kind not in _LOCATED_KINDS and \
            region.mention.place.kind in _REPORTED_ON_KINDS and _holds(region.mention.place, town.mention.place)

    def _outside_its_region(self, town: SentencePlace, region: SentencePlace, tokens: list[CueToken]) -> bool:
        """"X in [Ukraine's eastern] Y region", "X village in Y region", "X just inside the Y region", "the X
        community, Y region" with the town the gazetteer gave X outside Y: a namesake of a village it lacks."""
        if town.mention.place.kind != "city" or region.mention.place.kind != "region" or \
                _holds(region.mention.place, town.mention.place):
            return False
        between = [t.norm for t in tokens[town.last:region.first]]
        while between and between[0] in _SETTLEMENT_WORDS | _UNIT_WORDS:
            between = between[1:]  # "Novomykolaivka village in", "the Mykolaivka community,"
        if between and between[0] == "just":
            between = between[1:]
        if between == [","]:
            # "the Mykolaivka community, Sumy region" -- but "Kherson, Luhansk region" names two regions, and a
            # sizeable town with no namesake is more likely given a wrong region ("Nova Kakhovka, Zaporizhia Oblast")
            common = town.mention.place.population < _NAMESAKE_MAX_POPULATION or self._has_namesakes(town.mention)
            return tokens[region.last - 1].norm in _REGION_WORDS and not self._names_a_region(town.mention.text) \
                and common
        return 0 < len(between) <= _IN_REGION_REACH and between[0] in _INSIDE_WORDS and "," not in between

    @staticmethod
    def _sense_inside(town: SentencePlace, region: Place) -> Mention | None:
        """The town's mention as the sense of it that lies in ``region`` (itself, when it does; any place, when
        ``region`` is no first-level region or ``town`` no town); None when no sense does."""
        mention = town.mention
        if region.kind != "region" or mention.place.kind != "city" or _holds(region, mention.place):
            return mention
        inside = next((c for c in mention.alternatives if c.place.kind == "city" and _holds(region, c.place)), None)
        if inside is None:
            return None
        return replace(mention, place=inside.place, score=inside.score,
                       reason=f"{inside.reason}; in {region.name}, as the text says")

    def _qualifies_by_possessive(self, outer: Place, inner: Place) -> bool:
        """"Kharkiv region's Izium", "Crimea's Sevastopol", and a town named after its region before a village
        of that region ("Luhansk's Bilohorivka")."""
        if outer.kind in _POSSESSIVE_QUALIFIERS:
            return self.rules.specificity.get(inner.kind, 1.0) > self.rules.specificity.get(outer.kind, 1.0)
        return outer.kind == inner.kind == "city" and bool(outer.admin1) and outer.admin1 == inner.admin1 and \
            (inner.population or 0) < (outer.population or 0)

    @staticmethod
    def _qualifies_a_settlement(candidate: SentencePlace, tokens: list[CueToken]) -> bool:
        """Does a settlement word and a name follow the place ("the Donetsk town of Toretsk", "Luhansk region
        village Bilohorivka")?"""
        k = candidate.last
        if k + 2 < len(tokens) and tokens[k].norm in ("region", "oblast", "province") and tokens[k + 1].word:
            k += 1  # "the Kursk region town of Sudzha"
        if k + 1 >= len(tokens) or tokens[k].norm not in _SETTLEMENT_WORDS:
            return False
        # ("Okhtyrka City Council": a capitalised settlement word is part of a name)
        return tokens[k + 1].cap and not tokens[k].cap or \
            k + 2 < len(tokens) and tokens[k + 1].norm == "of" and tokens[k + 2].cap

    def _at_their_stated_distance(self, found: list[SentencePlace]) -> list[SentencePlace]:
        """"Serhiivka, located about 50 kilometers southwest of Odesa", "the village of Uspenovka located eight
        kilometers southwest of ... Kurakhovo": a town placed by its distance from the next one is the namesake
        that lies about that far (one of the mention's other senses), or, when none does, a village the
        gazetteer lacks: neither the town nor its reference point is then where the incident happened."""
        kept: list[SentencePlace] = []
        skip = None
        for located, reference in zip(found, found[1:] + [None]):
            if located is skip:
                continue
            suburb = reference is not None and self._in_suburbs_of(located, reference)
            stated = (0.0, _SUBURB_KM) if suburb else \
                self._stated_km(located, reference) if reference is not None else None
            if stated is None:
                kept.append(located)
                continue
            km, allowed = stated
            ref = reference.mention.place
            off = {id(c): abs(geodesy.great_circle_km((c.place.lat, c.place.lon), (ref.lat, ref.lon)) - km)
                   for c in (located.mention, *located.mention.alternatives) if c.place.kind == "city"}
            # "Mykolaiv, near occupied Kherson" (60 km): a city is "near" another at a greater distance than a village
            reach = {id(c): max(allowed, _NEAR_CITY_KM) if not km and c.place.population >= _NEAR_CITY_POPULATION
                     else allowed for c in (located.mention, *located.mention.alternatives)}
            near = sorted((c for c in (located.mention, *located.mention.alternatives)
                           if id(c) in off and off[id(c)] + km <= reach[id(c)]), key=lambda c: off[id(c)])
            if not near:
                self._namesakes.add(located.mention.start)
                if not suburb:  # "X, in the Chernihiv suburbs": the town stands for a suburb the index lacks
                    skip = reference
                continue
            skip = reference if suburb else skip  # "Makariv, a ... Kyiv suburb": the city only says where it is
            if near[0] is not located.mention:
                said = f"{km:g} km from {ref.name}" if km else f"near {ref.name}"
                located.mention = replace(located.mention, place=near[0].place, score=near[0].score,
                                          reason=f"{near[0].reason}; {said}, as the text says")
            kept.append(located)
        return kept

    def _near_their_list(self, found: list[SentencePlace], tokens: list[CueToken]) -> list[SentencePlace]:
        """"The communities of Nikopol, Marganets, Chervonohryhorivka, and Pokrovsk": a town listed with towns that
        lie close together, itself hundreds of km away, is a namesake -- the town beside them whose name it opens
        (Pokrovske, the Pokrovska community's seat), or one the gazetteer lacks, then no place at all."""
        towns = [c for c in found if c.mention.place.kind == "city"]
        if len(towns) < _LIST_CLUSTER_MIN + 1:
            return found
        out = []
        for c in found:
            others = [o for o in towns if o is not c]
            # (the cheap tests first: most lists have no outlier)
            if c.mention.place.kind != "city" or min(_km(c.mention.place, o.mention.place) for o in others) \
                    <= _LIST_OUTLIER_KM or not _clustered(others) or not self._listed_beside(c, others, tokens):
                out.append(c)
                continue
            sense = self._named_beside(c.mention, others)
            if sense is None:
                self._namesakes.add(c.mention.start)
                continue
            c.mention = replace(c.mention, place=sense, score=c.mention.score,
                                reason=f"{sense.name}, beside the towns it is listed with")
            out.append(c)
        return out

    def _listed_beside(self, town: SentencePlace, others: list[SentencePlace], tokens: list[CueToken]) -> bool:
        return any(self._coordinated(o, town, tokens) if o.first < town.first else self._coordinated(town, o, tokens)
                   for o in others)

    def _named_beside(self, mention: Mention, others: list[SentencePlace]) -> Place | None:
        """A town within reach of the listed towns whose name is this one or opens with it."""
        lat = sum(o.mention.place.lat for o in others) / len(others)
        lon = sum(o.mention.place.lon for o in others) / len(others)
        key = spelling_key(mention.text)
        near = [p for p in self.gazetteer.places_near(lat, lon, _LIST_CLUSTER_KM / 111.0)
                if spelling_key(p.name).startswith(key) and len(spelling_key(p.name)) - len(key) <= 2
                and geodesy.great_circle_km((p.lat, p.lon), (lat, lon)) <= _LIST_CLUSTER_KM]
        return max(near, key=lambda p: (p.population or 0, p.name, p.lat, p.lon)) if near else None

    def _stated_km(self, located: SentencePlace, reference: SentencePlace) -> tuple[float, float] | None:
        """The distance in km the words between two towns give the first from the second ("…, about 50
        kilometers southwest of"), and how far off a sense may lie and still fit it; None when they give none.
        "Near" and a bare compass point ("Vesele village near eastern Ukraine's Pokrovsk", "Andriivka — west of
        ... Kurakhove") give no figure (0) but a reach, for a name that has namesakes."""
        if located.mention.place.kind != "city" or reference.mention.place.kind != "city":
            return None
        between = self.text[located.mention.end:reference.mention.start]
        if len(between) > _STATED_DISTANCE_CHARS or any(mark in between for mark in ".;:"):
            return None
        ends, near = _ENDS_ON_REFERENCE.search(between), _NEAR_REFERENCE.search(between)
        if ends is None and near is None:
            return None
        figures = find_figures(between)
        kms = [units.to_metres(f.value_max or f.value, f.unit) / 1000.0 for f in figures]
        # "some 15 kilometers (nine miles) away from": a conversion in brackets is the same figure
        same = len(kms) == 2 and abs(kms[0] - kms[1]) <= _CONVERSION_SLACK * max(kms)
        if ends and figures and (len(figures) == 1 or same or figures[0].end >= len(between.rstrip()) - 40):
            km = kms[0]
            return km, max(_STATED_KM_FACTOR * km, km + _STATED_KM_SLACK)
        if near is None or figures or not self._has_namesakes(located.mention):
            return None
        return 0.0, _NEAR_KM if near.group("near") else _COMPASS_KM

    def _in_suburbs_of(self, located: SentencePlace, reference: SentencePlace) -> bool:
        """"Novoselivka, in the Chernihiv suburbs", "Makariv, a strategically important Kyiv suburb", "Irpin, a
        suburb of Kyiv": a town said to be a city's suburb."""
        if located.mention.place.kind != "city" or reference.mention.place.kind != "city":
            return False
        between = self.text[located.mention.end:reference.mention.start]
        after = self.text[reference.mention.end:reference.mention.end + 12]
        return bool(_SUBURB_BEFORE.match(between) and _SUBURB_AFTER.match(after) or _SUBURB_OF.match(between))

    @staticmethod
    def _has_namesakes(mention: Mention) -> bool:
        return any(c.place.kind == "city" for c in mention.alternatives)

    def _without_references(self, found: list[SentencePlace], tokens: list[CueToken]) -> list[SentencePlace]:
        """"Korolev, near Moscow", "Krasnyi Yar, which lies around 10 kilometres southeast of Pokrovsk": a place
        after a comma and a word that locates the place before it is a reference point, not where the incident
        happened. Only a town or a site is located so; "Kharkiv, near the border" keeps its incident."""
        kept: list[SentencePlace] = []
        reference = None  # the last reference point dropped
        for candidate in found:
            before = kept[-1] if kept else None
            if before is not None and before.mention.place.kind not in _LOCATED_KINDS \
                    and self._locates(tokens[before.last:candidate.first]):
                before.last = candidate.last  # "Lysychansk, south of Sievierodonetsk, and Soledar": still a list
                continue
            if self._locates_a_name(candidate, tokens, found) or (
                    reference is not None and self._coordinated(reference, candidate, tokens)):
                reference = candidate  # "..., which lies between the cities of Donetsk and Pokrovsk": both
                continue
            kept.append(candidate)
        return kept

    def _locates_a_name(self, candidate: SentencePlace, tokens: list[CueToken], found: list[SentencePlace]) -> bool:
        """"the village of Maksymilyanivka, near the town of Kurakhove", "Chasiv Yar, a small town in the Donetsk
        Oblast of eastern Ukraine, situated perilously close to Bakhmut": a place after a comma and a locating
        word is the reference point of the name before the comma, whether the gazetteer knows that name or not,
        and whatever stands between them."""
        comma = next((j for j in range(candidate.first - 1, max(-1, candidate.first - _REFERENCE_REACH), -1)
                      if tokens[j].norm == ","), None)
        if not comma or not self._locates(tokens[comma:candidate.first]):
            return False
        name = tokens[comma - 1]
        # "the village of Maksymilyanivka, near ...": a capitalised name; "in the Nizhny Novgorod region, east of
        # Moscow": a place the sentence names
        return comma - 1 > 0 and (name.word and name.cap or any(c.last == comma for c in found))

    def _locates(self, between: list[CueToken]) -> bool:
        words = [t.norm for t in between]
        # "1,600 km (1,000 miles) west of": a thousands separator is no clause comma
        words = [w for k, w in enumerate(words) if not (w == "," and 0 < k < len(words) - 1
                                                         and words[k - 1].isdigit() and words[k + 1].isdigit())]
        if len(words) < 2 or words[0] != ",":
            return False
        # "near the town of": the article and the settlement words before the name do not change the reference
        article = next((k for k in range(len(words) - 1, 0, -1) if words[k] in ("the", "a")), None)
        if article is not None and all(w in self.rules.filler for w in words[article:]):
            words = words[:article]
        for phrase in self.rules.reference_words:
            n = len(phrase)
            if tuple(words[-n:]) == phrase and all(w in self.rules.reference_filler or w[:1].isdigit()
                                                   for w in words[1:-n]):
                return phrase != ("of",) or any(w[:1].isdigit() for w in words)  # "10 km of": a distance
        return False

    def _district_word_follows(self, candidate: SentencePlace, tokens: list[CueToken]) -> bool:
        return candidate.last < len(tokens) and tokens[candidate.last].norm in self.rules.district_words

    def _hyphenated(self, mention: Mention) -> bool:
        """"Moscow-installed", "Russia-Ukraine": the name is part of an adjective; but "the Lyman-Kupiansk
        direction" names an axis by its two towns, each a place of the fighting."""
        after = self.text[mention.end:mention.end + 2]
        before = self.text[max(0, mention.start - 2):mention.start]
        joined = (len(after) == 2 and after[0] == "-" and after[1].isalpha()) or (
            len(before) == 2 and before[1] == "-" and before[0].isalpha())
        if not joined:
            return False
        start, end = mention.start, mention.end
        while start > 0 and (self.text[start - 1].isalnum() or self.text[start - 1] in "-'’"):
            start -= 1
        while end < len(self.text) and (self.text[end].isalnum() or self.text[end] in "-'’"):
            end += 1
        compound = self.text[start:end]
        return not (all(part[:1].isupper() for part in compound.split("-")) and _AXIS_WORD.match(self.text, end))

    def _locative(self, tokens: list[CueToken], first: int, locative_ends: set[int]) -> bool:
        j = first
        for _ in range(6):
            if j in locative_ends:
                return True
            if j == 0 or tokens[j - 1].norm not in self.rules.filler and not self._country_possessive(tokens[j - 1]):
                return self._listed_after_locative(tokens, j, locative_ends)
            j -= 1
        return False

    def _country_possessive(self, token: CueToken) -> bool:
        """"on Ukraine's Kyiv region": the country's possessive before a place is filler of the locative phrase."""
        return token.norm.endswith(("'s", "’s")) and any(
            self.mentions[k].place.kind == "country" for k in self.mention_spans.starting(token.start, token.end))

    def _listed_after_locative(self, tokens: list[CueToken], j: int, locative_ends: set[int]) -> bool:
        """"the villages of Bogoyavlenka, Girnyk, and Katerynivka": a name ending a list whose first names the
        gazetteer does not know still follows the list's locative words."""
        while j > 0 and tokens[j - 1].norm in _LIST_SEPARATORS:
            while j > 0 and tokens[j - 1].norm in _LIST_SEPARATORS:
                j -= 1
            name_end = j
            while j > 0 and tokens[j - 1].word and tokens[j - 1].cap and name_end - j < _LIST_NAME_WORDS \
                    and not self.mention_spans.covers(tokens[j - 1].start):
                j -= 1
            if j == name_end:
                return False  # no unknown name there ("in Ukraine, Kyiv says": Kyiv is not in Ukraine's list)
            if j in locative_ends:
                return True
        return False

    def _geo_noun_follows(self, tokens: list[CueToken], last: int) -> bool:
        for token in tokens[last:last + _GEO_NOUN_WINDOW]:
            if not token.word:
                return False
            if token.norm in self.rules.geo_nouns or self.mention_spans.starting(token.start, token.start + 1):
                return True
        return False

    def _campaign_follows(self, place: Place, tokens: list[CueToken], last: int) -> bool:
        """Does a campaign noun follow a capital's or a country's possessive before any geographic noun or place
        ("Moscow's slow but steady push", not "Moscow's southwestern suburbs")?"""
        if place.kind != "country" and not (place.kind == "city" and place.fcode.startswith("PPLC")):
            return False
        for token in tokens[last:last + _GEO_NOUN_WINDOW]:
            if not token.word or token.norm in self.rules.geo_nouns or \
                    self.mention_spans.starting(token.start, token.start + 1):
                return False
            if token.norm in self.rules.campaign_nouns or token.norm in self.rules.demonym_not_place:
                return True
        return False

    def _share_locatives(self, found: list[SentencePlace], tokens: list[CueToken]) -> None:
        """"in Nikopol and Marhanets": the locative word before a list covers the whole list."""
        for a, b in zip(found, found[1:]):
            if a.locative and self._coordinated(a, b, tokens):
                b.locative = True

    def _coordinated(self, a: SentencePlace, b: SentencePlace, tokens: list[CueToken]) -> bool:
        """"Luhansk, Kherson and partly Russian-occupied Zaporizhzhia": a list, past its filler words."""
        if b.first < a.last:
            return False
        if self.text[a.mention.end:b.mention.start] == "-":
            return True  # "the Lyman-Kupiansk direction": an axis of two towns
        # ("the Dnieper (Dnepropetrovsk), Nikolaev, Lvov": an item's bracketed other name closes it)
        between = self._past_unknown_names(
            [t for t in tokens[a.last:b.first] if t.norm not in self.rules.list_nouns and t.norm not in self.rules.filler
             and not (t.norm == ")" and t is tokens[a.last])])
        if " ".join(t.norm for t in between) in self.rules.coordination:
            return True
        # "the city of Kherson in southern Ukraine and the city of Kharkiv": the first item's own locator aside
        located = [t.norm for t in between if not self.mention_spans.covers(t.start)]
        return located[:1] == ["in"] and " ".join(located[1:]) in self.rules.coordination

    def _past_unknown_names(self, between: list[CueToken]) -> list[CueToken]:
        """"Lyubymivka, Khreshchenivka, Zolota Balka, Biliaivka": names the gazetteer lacks, each between list
        separators, are items of the list too; what stands between two known items is then one separator."""
        out: list[CueToken] = []
        k = 0
        while k < len(between):
            end = k
            while end < len(between) and between[end].word and between[end].cap and end - k < _LIST_NAME_WORDS \
                    and self._unknown(between[end]):
                end += 1
            if end > k and out and out[-1].norm in _LIST_SEPARATORS and end < len(between) and \
                    between[end].norm in _LIST_SEPARATORS:
                k = end  # an unknown name between two separators
                while k < len(between) and between[k].norm == "," and out[-1].norm == ",":
                    k += 1  # "..., Khreshchenivka, Zolota": one comma stands for the run
                continue
            out.append(between[k])
            k += 1
        return out

    def _institutions(self, sentence: Sentence, tokens: list[CueToken], found: list[SentencePlace]
                      ) -> list[SentencePlace]:
        """"the Lugansk People's Republic", "the Donetsk Public Chamber": the place an institution is named after,
        when the geoparser did not take the name as a place."""
        out = []
        for match in self.institutions.find(tokens):
            first = match.first
            while first > 0 and tokens[first - 1].word and tokens[first - 1].cap and \
                    match.first - first < _INSTITUTION_WORDS and tokens[first - 1].norm not in ("the", "a", "an"):
                first -= 1
            # A Title Case headline capitalises its small words: "Planes Damaged By Drone Attack On Airport" names
            # no airport's town, whatever "By" or "Attack" may spell
            if any(t.norm in _SMALL_WORDS for t in tokens[first:match.first]):
                continue
            if first == match.first or any(c.first < match.last and first < c.last for c in found + out):
                continue
            if self.mention_spans.overlaps(tokens[first].start, tokens[match.first - 1].end):
                continue  # the geoparser has read these words already ("the US Institute for the Study of War")
            kind = match.payload
            # "Kharkiv National University", "Kherson Art Museum": the name is the longest run of the
            # capitalised words, from the first, that resolves.
            for last in range(match.first, first, -1):
                start, end = tokens[first].start, tokens[last - 1].end
                name = self.text[start:end]
                query = f"{name} region" if kind == "region" else name
                if kind == "city" and not self._has_a_variant(name):
                    continue  # no town is spelt anything like it: no need for the fuzzy search
                # A town's own spelling only: "Russian Air Base" names no town that looks like "Russian".
                ranked = self.document.resolve_phrase(query, kind=kind, spelled=kind == "city")
                if not ranked and kind == "region":
                    ranked = self.document.resolve_phrase(name)
                if ranked:
                    mention = Mention(self.article.id, start, end, name, ranked[0].place, ranked[0].score,
                                      f"institution named after it: {self.text[start:tokens[match.last - 1].end]!r}")
                    out.append(SentencePlace(mention, first, last, False, False, "institution"))
                    break
        return out

    def _misspelled(self, tokens: list[CueToken], found: list[SentencePlace]) -> list[SentencePlace]:
        """"In Shbekino, a building was hit", "the village of Adiivka": a capitalised word the geoparser passed
        over, right after "in" / "near" / "the village of", is a town of the article's focus country when it is a
        close spelling of one (a typo or a transliteration no gazetteer lists). Only with a focus country: without
        one a near spelling could be anywhere, so only a big town's transliteration variant, and only where the
        text names no other place ("the southern city of Nabatiyeh": a focus on demonyms alone is no warrant
        against a town elsewhere)."""
        out = []
        for k in range(1, len(tokens)):
            token = tokens[k]
            if not (token.word and token.cap) or not self._after_settlement_word(tokens, k):
                continue
            end = self._name_end(tokens, k)
            if sum(len(t.norm) for t in tokens[k:end]) < _MISSPELT_MIN_LETTERS:
                continue
            if any(c.first < end and k < c.last for c in found) or \
                    self.mention_spans.overlaps(token.start, tokens[end - 1].end):
                continue
            if end == k + 1 and token.norm in _lexicon_words():
                continue  # a word we know is no place
            name = self.text[token.start:tokens[end - 1].end]
            ranked = self._close_spelling(name, self.focus_country) if self.focus_country else []
            if not ranked and not self.mentions and self._has_a_variant(name):
                ranked = [c for c in self._close_spelling(name, None)
                          if c.place.population >= _MISSPELT_KNOWN_POPULATION]
            if not ranked:
                continue
            mention = Mention(self.article.id, token.start, tokens[end - 1].end, name, ranked[0].place,
                              ranked[0].score, f"close spelling of {ranked[0].matched!r} ({ranked[0].place.country})")
            out.append(SentencePlace(mention, k, end, True, False, "spelling"))
        return out

    def _has_a_variant(self, name: str) -> bool:
        """Does some place's name share the transliteration frame of ``name`` (Nabatiyeh ~ Nabatieh)? A cheap
        test: without a focus country a mere typo is not guessed at, and the fuzzy search stays unread."""
        return bool(self.gazetteer.by_skeletons([skeleton(name_key(name))]))

    def _close_spelling(self, name: str, country: str | None) -> list[Candidate]:
        """The town ``name`` is a close spelling of, in ``country`` (any, for None), when one is."""
        ranked = self.document.resolve_phrase(name, kind="city", spelled=True, min_ratio=_MISSPELT_MIN_RATIO,
                                              country=country)
        if not ranked or ranked[0].score < _MISSPELT_MIN_SCORE or not self._near_the_rest(ranked[0].place) or \
                country and ranked[0].place.country != country:
            return []
        return ranked[:1]

    def _name_end(self, tokens: list[CueToken], k: int) -> int:
        """Past the capitalised words of one name from token ``k``, joined by a hyphen ("Novhorod-Siversky");
        a longer run of capitalised words is some other name, and ``k`` alone is returned then as a one-word
        name only when the next word is not capitalised."""
        end = k + 1
        while end < len(tokens) and end - k < _MISSPELT_MAX_WORDS and tokens[end].word and tokens[end].cap and \
                self.text[tokens[end - 1].end:tokens[end].start] == "-":
            end += 1
        if end < len(tokens) and tokens[end].word and tokens[end].cap:
            return k  # "the first word of a longer name"
        return end

    def _capitals(self, tokens: list[CueToken], found: list[SentencePlace], locative_ends: set[int]
                  ) -> list[SentencePlace]:
        """"Thousands protested in Georgia's capital", "strikes on the Ukrainian capital": the country's capital
        city, unless the sentence names it right after ("the Georgian capital Tbilisi")."""
        if not tokens or "capital" not in self.text[tokens[0].start:tokens[-1].end].lower():
            return []  # most sentences: a substring search instead of a loop over the words
        from geomap.geoparse import lexicon

        demonyms = lexicon.demonyms()
        out = []
        for k in range(1, len(tokens)):
            if tokens[k].norm != "capital":
                continue
            following = next((t for t in tokens[k + 1:k + 3] if t.norm != ","), None)
            if following is not None and self.mention_spans.starting(following.start, following.start + 1):
                continue  # "the Georgian capital Tbilisi", "the capital, Kyiv": named
            before = tokens[k - 1]
            word = self.text[before.start:before.end]
            code = demonyms.get(word) or demonyms.get(word.removesuffix("'s").removesuffix("’s"))
            named = [self.mentions[i] for i in self.mention_spans.starting(before.start, before.start + 1)
                     if self.mentions[i].place.kind == "country"]
            code = named[0].place.country if named else code
            capital = self._country_record_place(code, "capital", "city") if code else None
            if capital is None or any(c.first <= k < c.last for c in found):
                continue
            mention = Mention(self.article.id, before.start, tokens[k].end, self.text[before.start:tokens[k].end],
                              capital, 0.9, f"the capital of {code}")
            out.append(SentencePlace(mention, k - 1, k + 1, self._locative(tokens, k - 1, locative_ends), False,
                                     "capital"))
        return out

    def _near_the_rest(self, place: Place) -> bool:
        """A guessed spelling must sit among the article's other places, when it names any ("the village of
        Zmiivka in Kherson Oblast" is no Zmiivka in the Carpathians)."""
        if place.population >= _MISSPELT_KNOWN_POPULATION:
            return True  # "near the eastern town of Avdiika": a town this big needs no neighbour to vouch for it
        others = [(m.place.lat, m.place.lon) for m in self.mentions if m.place.kind not in _NEVER_COORDINATED]
        return not others or any(geodesy.great_circle_km((place.lat, place.lon), point) <= _MISSPELT_REACH_KM
                                 for point in others)

    def _after_settlement_word(self, tokens: list[CueToken], k: int) -> bool:
        before = tokens[k - 1].norm
        if before in _MISSPELT_AFTER:
            return True
        return before == "of" and k >= 2 and tokens[k - 2].norm in _SETTLEMENT_WORDS

    def _as_town(self, candidate: SentencePlace, tokens: list[CueToken]) -> SentencePlace:
        """"in Dnipro", "Dnipro bus station": a river named without "the" is the town of that name, when one is
        (English names a river with its article: "the Dnipro", "the Dnieper River")."""
        mention = candidate.mention
        if mention.place.kind != "river" or "river" in mention.text.lower() or (
                candidate.first and tokens[candidate.first - 1].norm == "the") or (
                candidate.last < len(tokens) and tokens[candidate.last].norm == "river"):
            return candidate
        ranked = self.document.resolve_phrase(mention.text, kind="city", spelled=True)
        if not ranked:
            return candidate
        town = replace(mention, place=ranked[0].place, score=ranked[0].score,
                       reason=f"the town, not the river: {mention.text!r} without 'the'")
        return replace(candidate, mention=town)

    def _as_site(self, candidate: SentencePlace, tokens: list[CueToken]) -> SentencePlace:
        """A place named right beside a site word may be the site: "the largest nuclear power plant, Zaporizhzhia",
        "the southern Ukraine nuclear plant". A town may stand a few words off; a broader place only right before
        the site word."""
        place = candidate.mention.place
        if place.kind not in ("city", "area", "region"):
            return candidate
        town = place.kind == "city"
        lo = max(0, candidate.first - _SITE_WINDOW) if town else candidate.last
        hi = min(len(tokens), candidate.last + (_SITE_WINDOW if town else 3))
        for match in self.sites.find(tokens[lo:hi]):
            a, b = lo + match.first, lo + match.last
            if not town and a != candidate.last or b < len(tokens) and tokens[b].norm in ("city", "town"):
                continue  # "the port city of Odesa" names the town
            span = (b, candidate.first) if b <= candidate.first else (candidate.last, a)
            if any(tokens[i].norm in (";", ":", ".", "(", ")") for i in range(*span)):
                continue
            for suffix in self.rules.site_lookup[match.payload]:
                query = f"{candidate.mention.text} {suffix}"
                ranked = self.document.resolve_phrase(query, kind=match.payload, country=None, spelled=True)
                # Only a spelling of the site itself, not a look-alike ("southern Ukraine nuclear plant" is the
                # "South Ukraine nuclear plant"; "Kyiv nuclear plant" is nothing).
                if not ranked:
                    continue
                site = ranked[0].place
                reach = self.rules.site_max_km * (1 if town else 3)
                if geodesy.great_circle_km((place.lat, place.lon), (site.lat, site.lon)) <= reach:
                    mention = replace(candidate.mention, place=site, score=ranked[0].score,
                                      reason=f"site named by its town: {query!r}")
                    return replace(candidate, mention=mention, source="site")
        return candidate

    # --- choosing ------------------------------------------------------------------------------------------

    def place(self, sentence: Sentence, reading: Reading, verdict: Verdict, etype: EventType,
              candidates: list[SentencePlace]) -> list[Placed]:
        """Where the incident of ``verdict`` happens: usually one place; several when the sentence reports the
        same kind of incident at different places ("pushed into Lysychansk, as well as fighting around Slovyansk")
        or at a list of places ("Luhansk and Kherson regions")."""
        if not etype.country_level:
            # "Zaporizhzhia and Kherson regions ... referendums on accession to Russia": a country cannot be the
            # place, so it cannot take the incident from the places that can.
            candidates = [c for c in candidates if not _country_wide(c.mention.place)] or candidates
        placed = self._place(sentence, reading, verdict, etype, candidates)
        if not etype.country_level:
            placed = [p for p in placed if not _country_wide(p.mention.place)]
        # "Ship Hit by Missile in Red Sea", "six over the Black Sea": a sea is where things pass, not a place to
        # map -- unless people died or were hurt there ("Houthi Missile Strikes Kill Three Sailors in Gulf of Aden")
        return placed if etype.at_sea else [p for p in placed if p.mention.place.kind not in _NEVER_LANDED_ON]

    def _place(self, sentence: Sentence, reading: Reading, verdict: Verdict, etype: EventType,
               candidates: list[SentencePlace]) -> list[Placed]:
        hits = list(verdict.hits)
        usable = [c for c in candidates if not self._origin(c, reading, hits)]
        speakers = [c for c in usable if self._describes_the_speaker(c, reading, hits)]
        if speakers and any(c.first > min(h.first for h in hits) for c in usable if c not in speakers):
            usable = [c for c in usable if c not in speakers]
        usable = self._before_destinations(usable, reading)
        if usable and all(c.mention.place.kind in place_kinds.TOO_WIDE_FOR_AN_INCIDENT for c in usable) and \
                self._names_an_unknown_settlement(reading):
            # "captured the village of Maiorsk in the Donetsk region": the village is where it happened; its
            # region's point would be a guess 50-100 km off (an added GeoNames dump places such villages)
            return []
        titled = [c for c in usable if self._office_of(c, reading.tokens)]
        usable = [c for c in usable if all(c is not t for t in titled)] or usable
        launched = [c for c in usable if self._launched_from(c, reading, hits, etype)]
        # "drones launched from Kursk and Primorsko-Akhtarsk": the list after an origin word is all launch sites
        for c in sorted(usable, key=lambda c: c.first):
            if all(c is not x for x in launched) and any(
                    x.first < c.first and self._coordinated(x, c, reading.tokens) for x in launched):
                launched.append(c)
        # A launch site gives way to a target named beside it; named alone ("footage from Donetsk"), it stays,
        # unless it is a sea: "missiles fired from the Black Sea" landed somewhere else.
        outright = any(self._named_as_launch_site(x, reading.tokens, etype) for x in launched)
        usable = [c for c in usable if all(c is not x for x in launched)] or \
            [c for c in usable if c.mention.place.kind not in _NEVER_LANDED_ON and not outright]
        if usable:
            placed = self._split(usable, hits, reading, etype)
            if len(placed) == 1 and placed[0][0].mention.place.kind in place_kinds.TOO_WIDE_FOR_AN_INCIDENT \
                    and _detached(placed[0][0], hits, reading):
                # The only place is a broad one in another clause ("... launched by Russia after its retreat from
                # the Kharkiv region"): a place the incident was given just before is a better guess.
                borrowed = self._borrow(sentence, reading, etype)
                if borrowed and (etype.country_level or not _country_wide(borrowed[0].place)):
                    return [Placed(borrowed[0], tuple(hits), borrowed[1])]
            out = []
            for candidate, group in placed:
                chosen = self._coreference(sentence, reading, candidate) or (candidate.mention, candidate.source)
                out.append(Placed(chosen[0], tuple(group), chosen[1]))
                for sibling in self._siblings(candidate, usable, reading):
                    if all(p.mention.place != sibling.mention.place for p in out) and not any(
                            c is sibling for c, _ in placed):
                        out.append(Placed(sibling.mention, tuple(group), sibling.source))
            return _unique(out)
        borrowed = self._borrow(sentence, reading, etype)
        return [Placed(borrowed[0], tuple(hits), borrowed[1])] if borrowed else []

    def _borrow(self, sentence: Sentence, reading: Reading, etype: EventType) -> tuple[Mention, str] | None:
        """A place for an incident its sentence does not place: a site it refers to, or the type's fallbacks."""
        coreferent = self._coreference(sentence, reading, None) or self._named_next(sentence, reading)
        if coreferent:
            return coreferent
        if self._names_an_unknown_settlement(reading):
            return None  # "liberated the village of Maksymilyanivka": there, not in the places of the sentence before
        for way in etype.fallback:
            borrowed = self._from_context(sentence, etype) if way == "context" else self._from_demonym(reading)
            if borrowed:
                return borrowed
        return None

    def _origin(self, candidate: SentencePlace, reading: Reading, hits: list[Hit]) -> bool:
        """Is the place only where a statement came from?"""
        tokens = reading.tokens
        speech, cue_spans = self._speech_of(reading)
        first_hit = min(h.first for h in hits)
        # "In Moscow, some pro-war propagandists ... cheered calls for annexation." A region told so is what the
        # speaker reports on: "In the Dnipropetrovsk region, Governor Reznychenko said Russia fired six missiles".
        if tokens and tokens[0].norm == "in" and candidate.first <= 4 and candidate.last < len(tokens) \
                and candidate.mention.place.kind not in _REPORTED_ON_KINDS \
                and tokens[candidate.last].norm == "," and all(t.norm in self.rules.filler
                                                                for t in tokens[1:candidate.first]):
            if any(candidate.last < m.first < first_hit for m in speech):
                return True
        # "Speaking for several hours at an economic forum in ... Vladivostok, Putin said": the opening clause of a
        # speech participle says where the speaker was, up to its comma
        if tokens and tokens[0].norm in _SPEAKING and all(t.norm != "," for t in tokens[:candidate.first]) and \
                any(t.norm == "," for t in tokens[candidate.last:]):
            return True
        # "told reporters in Brussels", "said in Kyiv", "speaking at a news conference in Washington".
        j = self._past_filler(tokens, candidate.first, _ORIGIN_PREPOSITIONS)
        if j > 0 and tokens[j - 1].norm in _ORIGIN_PREPOSITIONS:
            for m in speech:
                if m.last <= j - 1 and j - 1 - m.last <= 5 and not reading.gap(m.last, j - 1) \
                        and not _passive(tokens, m.first) \
                        and all(t.norm != "that" for t in tokens[m.last:j - 1]) \
                        and not any(m.last <= a and b <= j for a, b in cue_spans) \
                        and not any(b == m.first for _a, b in cue_spans):
                    # (but "a reported drone attack in Moscow": the place is the attack's; "Explosions reported
                    # in Kherson" is a headline's passive, the explosions were there; "said that in Kramatorsk"
                    # opens what was said)
                    return True
        return False

    def _describes_the_speaker(self, candidate: SentencePlace, reading: Reading, hits: list[Hit]) -> bool:
        """"Oleksandr Kulik, an official in Derhachi northeast of the city of Kharkiv, said the flag was raised ...
        in Kozacha Lopan": a place in the apposition between a speaker's name and ", said" tells who speaks. The
        caller drops it only when the reported clause names a place of its own."""
        tokens = reading.tokens
        speech, _cue_spans = self._speech_of(reading)
        first_hit = min(h.first for h in hits)
        for m in speech:
            if not (candidate.last < m.first and m.last <= first_hit and tokens[m.first - 1].norm == ","):
                continue
            opening = next((j for j in range(candidate.first - 1, -1, -1) if tokens[j].norm == ","), None)
            if opening is None or opening == 0 or not (tokens[opening - 1].word and tokens[opening - 1].cap):
                return False
            return not reading.hard_breaks(opening, m.first) and \
                not any(opening < h.first < m.first for h in hits)
        return False

    def _speech_of(self, reading: Reading) -> tuple[list, list[tuple[int, int]]]:
        """The sentence's speech words and its cue spans, found once per sentence (every candidate of every
        verdict asks). A speech word inside an incident cue is no speech: "shelling claims lives in Kherson"."""
        if self._speech_cache[0] is not reading:
            cue_spans = [(h.first, h.last) for found in reading.hits.values() for h in found]
            speech = [m for m in self.speech.find(reading.tokens)
                      if not any(a < m.last and m.first < b for a, b in cue_spans)]
            self._speech_cache = (reading, (speech, cue_spans))
        return self._speech_cache[1]

    def _before_destinations(self, usable: list[SentencePlace], reading: Reading) -> list[SentencePlace]:
        """The places before the first destination of their clause: the rest are where people were taken."""
        ordered = sorted(usable, key=lambda c: c.first)
        first = next((c for c in ordered if self._destination(c, reading.tokens)), None)
        if first is None:
            return usable
        kept, last_dropped = [c for c in ordered if c.first < first.first], first
        for c in (c for c in ordered if c.first > first.first):
            # "... and then by train to Mykolaiv and other cities, including Odesa": the chain goes on until
            # a new clause names a place that is no destination.
            if kept and kept[-1].first > first.first or reading.hard_breaks(last_dropped.last, c.first) \
                    and not self._after_to(c, reading.tokens):
                kept.append(c)
            else:
                last_dropped = c
        return [c for c in usable if any(c is k for k in kept)]

    def _after_to(self, candidate: SentencePlace, tokens: list[CueToken]) -> int:
        """The index of the "to" before the place, past filler words; 0 when there is none."""
        j = self._past_filler(tokens, candidate.first, {"to"})
        return j - 1 if j > 1 and tokens[j - 1].norm == "to" else 0

    def _destination(self, candidate: SentencePlace, tokens: list[CueToken]) -> bool:
        """"brought them to Russian-occupied Simferopol": where people were taken is no incident place."""
        to = self._after_to(candidate, tokens)
        return bool(to) and any(t.norm in self.rules.destination_verbs
                                for t in tokens[max(0, to - _DESTINATION_REACH):to])

    def _heading_to(self, first: int, tokens: list[CueToken]) -> bool:
        """"a drone heading towards Belbek": where it was going, no incident place nor the sentence's topic."""
        j = self._past_filler(tokens, first)
        words = tuple(t.norm for t in tokens[max(0, j - 3):j])
        return any(words[-len(phrase):] == phrase for phrase in self.rules.direction_words)

    def _office_of(self, candidate: SentencePlace, tokens: list[CueToken]) -> bool:
        """"Kharkiv Mayor Ihor Terekhov said": the town names the speaker's office."""
        return not candidate.locative and candidate.last < len(tokens) and \
            tokens[candidate.last].norm in self.rules.office_titles

    def _launched_from(self, candidate: SentencePlace, reading: Reading, hits: list[Hit], etype: EventType) -> bool:
        """"fired 60 rockets at Nikopol from the Zaporizhzhia plant": the place after an origin word of the type
        is where the fire came from, not where it landed."""
        if not etype.origin:
            return False
        j, phrase = self._origin_phrase_before(candidate, reading.tokens, etype)
        if phrase is None:
            return False
        # Only when the fire is told before it, in the same clause: "footage from Donetsk shows ..." is no origin,
        # unless the words say launch outright ("(launch areas: Yeysk and Kursk)").
        return len(phrase) > 1 or any(h.last <= j - 1 and not reading.hard_breaks(h.last, j - 1) for h in hits)

    def _origin_phrase_before(self, candidate: SentencePlace, tokens: list[CueToken], etype: EventType
                              ) -> tuple[int, tuple[str, ...] | None]:
        """The origin phrase of the type that introduces the place, if any, and the index just after it."""
        j = self._past_filler(tokens, candidate.first, {phrase[-1] for phrase in etype.origin})
        if j and tokens[j - 1].norm == ":":
            j -= 1  # "(launch areas: Yeysk and Kursk)"
        words = tuple(t.norm for t in tokens[max(0, j - 3):j])
        return j, next((phrase for phrase in etype.origin if words[-len(phrase):] == phrase), None)

    def _named_as_launch_site(self, candidate: SentencePlace, tokens: list[CueToken], etype: EventType) -> bool:
        """"launched from Kursk", "launch areas: Yeysk": said outright, so no guess at the target either."""
        j, phrase = self._origin_phrase_before(candidate, tokens, etype)
        return phrase is not None and (len(phrase) > 1 or j >= 2 and tokens[j - 2].norm in _LAUNCH_VERBS)

    def _score(self, candidate: SentencePlace, hits: list[Hit], reading: Reading, specific: float = 1.0) -> float:
        kind = candidate.mention.place.kind
        value = specific * self.rules.specificity.get(kind, 1.0) + 1.5 * _link(candidate, hits, reading)
        if candidate.locative:
            value += 0.6
        if candidate.source == "institution":
            value -= 0.3
        return value

    def _best(self, usable: list[SentencePlace], hits: list[Hit], reading: Reading, specific: float = 1.0
              ) -> SentencePlace:
        return max(usable, key=lambda c: (round(self._score(c, hits, reading, specific), 6), -c.first))

    def _split(self, usable: list[SentencePlace], hits: list[Hit], reading: Reading, etype: EventType
               ) -> list[tuple[SentencePlace, list[Hit]]]:
        overall = self._best(usable, hits, reading)
        # Each cue first goes to the place of its own clause, the nearest: "fighting raged in the Donetsk province,
        # where the military claimed control of Soledar" tells of the province and of the town. When that does not
        # give two incidents, each cue goes to its best place, the most specific counting in full.
        return self._split_by(usable, hits, reading, etype, overall, _CUE_SPECIFICITY, single=False) or \
            self._split_by(usable, hits, reading, etype, overall, 1.0, single=True)

    def _split_by(self, usable: list[SentencePlace], hits: list[Hit], reading: Reading, etype: EventType,
                  overall: SentencePlace, specific: float, single: bool
                  ) -> list[tuple[SentencePlace, list[Hit]]] | None:
        """The incidents of the cues grouped by the place each is given; None, unless ``single``, when they make
        fewer than two."""
        groups: dict[int, list[Hit]] = {}
        for hit in hits:
            groups.setdefault(id(self._best(usable, [hit], reading, specific)), []).append(hit)
        by_id = {id(c): c for c in usable}
        # A group of cues stands as its own incident only if it reaches the type's bar without help.
        standing = [(by_id[key], group) for key, group in groups.items()
                    if judge(group, etype, self.taxonomy, military=False)]
        if len(standing) < 2 and not single:
            return None
        if len(standing) == 1 and len(groups) > 1:
            # Only one place's cues make an incident on their own ("an attack on Odesa, but one person was killed
            # in an air strike on Beryslav"): the incident is there, the other cues lend it weight.
            return [(standing[0][0], hits)]
        if len(standing) < 2:
            return [(overall, hits)]
        standing.sort(key=lambda item: min(h.first for h in item[1]))
        for (_, before), (_, after) in zip(standing, standing[1:]):
            # Two incidents of one type need two clauses, a comma at least ("pushed into X, as well as fighting
            # around Y"; "shelled X, and drones hit Y").
            if reading.gap(max(h.last for h in before), min(h.first for h in after)) < 0.5:
                return None if not single else [(overall, hits)]
        lead = next((item for item in standing if item[0] is overall), standing[0])
        for key, group in groups.items():
            if all(by_id[key] is not c for c, _ in standing):
                lead[1].extend(group)
        return [(c, sorted(g, key=lambda h: h.first)) for c, g in standing]

    def _siblings(self, candidate: SentencePlace, usable: list[SentencePlace], reading: Reading
                  ) -> list[SentencePlace]:
        """The other places of a list the chosen place is in, of the same kind."""
        kind = candidate.mention.place.kind
        if kind in _NEVER_COORDINATED:
            return []
        # A country between two items locates the first ("Kherson in southern Ukraine and ... Kharkiv")
        # (a sea counted in the list is passed over too: "six over the Black Sea, and one over the Kursk region")
        ordered = sorted((c for c in usable if c is candidate or not _country_wide(c.mention.place)
                          and c.mention.place.kind not in _NEVER_LANDED_ON), key=lambda c: c.first)
        at = next(i for i, c in enumerate(ordered) if c is candidate)
        out = []
        for step in (-1, 1):
            i = at
            while 0 <= i + step < len(ordered):
                a, b = (ordered[i + step], ordered[i]) if step < 0 else (ordered[i], ordered[i + step])
                if not (self._coordinated(a, b, reading.tokens) or self._parallel(a, b, reading)) \
                        or not self._listable_together(a, b, reading.tokens):
                    break
                out.append(ordered[i + step])
                i += step
        return sorted(out, key=lambda c: c.first)

    def _listable_together(self, a: SentencePlace, b: SentencePlace, tokens: list[CueToken]) -> bool:
        """Places of one list: the same kind, or towns and regions joined by a word ("the city of Chernihiv and
        the Lviv region"); a region after a bare comma says where the town before it lies ("Ochakiv city,
        Mykolaiv oblast"), even when the gazetteer puts a town of that name elsewhere, unless the town names a
        region too ("Ukraine's Kherson, Luhansk region")."""
        kinds = {a.mention.place.kind, b.mention.place.kind}
        if len(kinds) == 1 or kinds == {"region", "area"}:
            return True  # "over the Rostov Region, two over Crimea": a peninsula lists with provinces
        if not kinds <= _TOWNS_AND_REGIONS:
            return False
        norms = [t.norm for t in tokens[a.last:b.first]]
        words = set(norms)
        if words & _APPOSITIVE_ARTICLES and "and" not in norms[:1]:
            # "Chasiv Yar, a small town in the Donetsk Oblast": says where the town is; but "a refinery in the
            # Nizhny Novgorod region and an oil depot in Oryol" lists two
            return False
        between = words - self.rules.list_nouns - self.rules.filler
        town = a if a.mention.place.kind == "city" else b
        if between - {","}:
            return True  # "Chernihiv and the Lviv region", "two in Kurtivka, one in the Pokrovsk district"
        return self._names_a_region(town.mention.text)

    def _names_a_region(self, name: str) -> bool:
        """Is the town the main town a region is named after ("Kherson, Luhansk region": two regions)?"""
        key = spelling_key(name)
        return any(spelling_key(self.gazetteer.place(pid).name).startswith(key)
                   for pid in self.gazetteer.regions_seated_at([key]))

    def _parallel(self, a: SentencePlace, b: SentencePlace, reading: Reading) -> bool:
        """"shot down over the Saratov Region, four over the Voronezh Region", "two in Kurtivka and one in
        Pokrovsk": places after the same locative word, with only a count and a comma or "and" between."""
        tokens = reading.tokens
        prep_a, prep_b = self._prep(a, tokens), self._prep(b, tokens)
        if prep_b is not None and prep_a != prep_b and a.locative:
            # "had hit the Kursk region and two in Belgorod": a count before the second place's locative word
            k = self._past_filler(tokens, b.first) - 2
            prep_a = prep_b if k >= 0 and _is_count(tokens[k].norm) else prep_a
        if prep_a is None or prep_a != prep_b:
            return False
        between = [t.norm for t in tokens[a.last:b.first]]
        return 0 < len(between) <= _PARALLEL_GAP and ("," in between or "and" in between) and \
            not reading.hard_breaks(a.last, b.first)

    def _prep(self, candidate: SentencePlace, tokens: list[CueToken]) -> str | None:
        """The locative word before a place, past the filler words ("over the", "in the village of")."""
        j = self._past_filler(tokens, candidate.first)
        return tokens[j - 1].norm if j > 0 and tokens[j - 1].norm in self.rules.parallel_locatives else None

    def _past_filler(self, tokens: list[CueToken], first: int, stop: frozenset[str] | set[str] = frozenset()
                     ) -> int:
        """Where the words before token ``first`` stop being filler ("in the recently liberated village of"),
        or reach a word of ``stop``: the index after the word that introduces the place."""
        j = first
        while j > 0 and tokens[j - 1].norm in self.rules.filler and tokens[j - 1].norm not in stop:
            j -= 1
        return j

    def _coreference(self, sentence: Sentence, reading: Reading, candidate: SentencePlace | None
                     ) -> tuple[Mention, str] | None:
        """"Ukraine's second-largest nuclear power plant": a broad place with a site word stands for a site of
        that kind named within a few sentences."""
        if candidate is not None and candidate.mention.place.kind not in place_kinds.TOO_WIDE_FOR_AN_INCIDENT:
            return None
        site_matches = self.sites.find(reading.tokens)
        if candidate is not None:
            site_matches = [m for m in site_matches
                            if candidate.last <= m.first <= candidate.last + _GEO_NOUN_WINDOW]
        if not site_matches:
            return None
        families = set().union(*(SITE_FAMILIES[m.payload] for m in site_matches))
        country = candidate.mention.place.country if candidate is not None else ""
        best = None
        near = range(bisect.bisect_left(self.mention_sentence, sentence.index - _COREFERENCE_SENTENCES),
                     bisect.bisect_right(self.mention_sentence, sentence.index + _COREFERENCE_SENTENCES))
        for mention, index in ((self.mentions[k], self.mention_sentence[k]) for k in near):
            distance = abs(index - sentence.index)
            if mention.place.kind not in families or distance > _COREFERENCE_SENTENCES or distance == 0:
                continue
            if country and mention.place.country and mention.place.country != country:
                continue
            rank = (distance, index > sentence.index)
            if best is None or rank < best[0]:
                best = (rank, mention)
        if best is None:
            return None
        return replace(best[1], reason=f"{best[1].reason}; the site the sentence refers to"), "coreference"

    def _names_an_unknown_settlement(self, reading: Reading) -> bool:
        """Does the sentence name a settlement the gazetteer does not know ("the village of Keramik")?"""
        tokens = reading.tokens
        if tokens and any(tokens[0].start <= start < tokens[-1].end for start in self._namesakes):
            return True  # "Novomykolaivka village in Dnipropetrovsk region", the index's Novomykolaivka elsewhere
        for k in range(len(tokens) - 1):
            if tokens[k].norm in _SETTLEMENT_WORDS and tokens[k + 1].norm == "of":
                name = k + 2  # "the village of Keramik"
            elif tokens[k].norm in _REGION_POSSESSIVES:
                name = k + 1  # "Kherson Region's Zmiivka"
            else:
                continue
            if name < len(tokens) and tokens[name].cap and tokens[name].word and (
                    not self.mention_spans.covers(tokens[name].start) or tokens[name].start in self._namesakes):
                return True
        return False

    def _named_next(self, sentence: Sentence, reading: Reading) -> tuple[Mention, str] | None:
        """"Ukrainian forces have recaptured a village in the country's east. The village of Andriivka is ...":
        a settlement left unnamed is the one the next sentence names when it opens on "The village"."""
        tokens = reading.tokens
        if not any(a.norm == "a" and b.norm in _SETTLEMENT_WORDS for a, b in zip(tokens, tokens[1:])):
            return None
        following = sentence.index + 1
        if following >= len(self.sentence_starts):
            return None
        opening = self.text[self.sentence_starts[following]:self.sentence_starts[following] + 40].lower().split()
        if len(opening) < 2 or opening[0] not in ("the", "that") or opening[1].strip(",") not in _SETTLEMENT_WORDS:
            return None
        k = bisect.bisect_left(self.mention_sentence, following)
        if k < len(self.mentions) and self.mention_sentence[k] == following \
                and self.mentions[k].place.kind == "city":
            mention = self.mentions[k]
            return replace(mention, reason=f"{mention.reason}; the {opening[1].strip(',')} the next sentence names"), \
                "coreference"
        return None

    def _from_context(self, sentence: Sentence, etype: EventType) -> tuple[Mention, str] | None:
        """The place of the nearest earlier sentence that had one: where it placed an incident of the same type,
        else its first place."""
        for back in range(1, self.taxonomy.context_sentences + 1):
            # A country, a sea or a region spanning countries ("the Middle East") is a topic, not where an
            # unplaced incident of the next sentences happened.
            places = [(t, m) for t, m in self._own(sentence.index - back)
                      if m.place.kind not in _NOT_BORROWED and not (m.place.kind == "area" and not m.place.country)
                      and (etype.country_level or not _country_wide(m.place))]
            if places:
                same = [m for t, m in places if t == etype.name]
                return (same or [places[0][1]])[0], "context"
        return None

    def _from_demonym(self, reading: Reading) -> tuple[Mention, str] | None:
        from geomap.geoparse import lexicon

        table = lexicon.demonyms()
        military = self.taxonomy.actors.military
        tokens = reading.tokens
        locative_ends = {m.last for m in self.locative.find(tokens)}
        found = []
        for i, token in enumerate(tokens):
            word = self.text[token.start:token.end]
            code = table.get(word)
            if not code or not token.cap or self.text[token.end:token.end + 1] == "-":
                continue
            if self.mention_spans.covers(token.start):
                continue
            after = [t.norm for t in tokens[i + 1:i + 4] if t.word]
            sides = military | self.rules.demonym_not_place
            if any(w in sides for w in after[:2]) or " ".join(after[:2]) in sides:
                continue  # "Russian forces", "a Russian strike" say who acted, not where
            place = self._country(code)
            if place is not None:
                # "in Ukrainian territories" says where; "the Russian leader" says whose.
                found.append((not self._locative(tokens, i, locative_ends), i, Mention(
                    self.article.id, token.start, token.end, word, place, 0.5, f"demonym {word!r}")))
        return (min(found, key=lambda f: f[:2])[2], "demonym") if found else None

    def _country(self, code: str) -> Place | None:
        return self._country_record_place(code, "name", "country")

    def _country_record_place(self, code: str, field: str, kind: str) -> Place | None:
        """The place a country's GeoNames record names in ``field`` (its name, its capital), resolved within
        that country once per article."""
        key = (code, field)
        if key not in self._countries:
            from geomap.gazetteer import country_field

            name = country_field(code, field)
            ranked = self.document.resolve_phrase(name, kind=kind, country=code) if name else []
            self._countries[key] = ranked[0].place if ranked and ranked[0].place.country == code else None
        return self._countries[key]

    def remember_unread(self, sentence: Sentence, tokens: list[CueToken] | None) -> None:
        """A sentence that reports no incident: its topic is worked out if a later sentence needs it. ``tokens``
        None: a sentence no cue fires in, not read at all; its tokens are made then."""
        self.unread[sentence.index] = (sentence, tokens)

    def _own(self, index: int) -> list[tuple[str, Mention]]:
        if index in self.unread:
            sentence, tokens = self.unread.pop(index)
            if tokens is None:
                tokens = with_months(tokenize(self.text, sentence.start, sentence.end))  # as a reading has them
            self.remember(sentence, [], self.candidates(sentence, tokens))
        return self.own.get(index, [])

    def remember(self, sentence: Sentence, placed: list[tuple[str, Placed]], candidates: list[SentencePlace]) -> None:
        """The sentence's own places (by the type placed there), for later sentences that name none."""
        own = [(name, p.mention) for name, p in placed if p.source != "context"]
        if not own and candidates:
            # No incident here: the sentence's topic is its most specific place, the first of equals.
            own = [("", max(candidates, key=lambda c: (self.rules.specificity.get(c.mention.place.kind, 1.0),
                                                       -c.first)).mention)]
        self.own[sentence.index] = own

    def _sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)


_INDEXES: dict[int, tuple[Taxonomy, tuple[PhraseIndex, ...]]] = {}


def _indexes(taxonomy: Taxonomy) -> tuple[PhraseIndex, ...]:
    """The place rules' phrase indexes, built once per loaded taxonomy."""
    cached = _INDEXES.get(id(taxonomy))
    if cached is not None and cached[0] is taxonomy:
        return cached[1]
    rules = taxonomy.where
    indexes = (PhraseIndex((w, None) for w in rules.locative), PhraseIndex((w, None) for w in rules.speech),
               PhraseIndex((w, None) for w in rules.actor_before), PhraseIndex((w, None) for w in rules.actor_after),
               PhraseIndex(rules.sites.items()), PhraseIndex(rules.institutions.items()))
    _INDEXES[id(taxonomy)] = (taxonomy, indexes)
    return indexes


@lru_cache(maxsize=8)
def _any_of(substrings: tuple[str, ...]) -> re.Pattern | None:
    """A pattern that finds any of the substrings (None for none)."""
    return re.compile("|".join(map(re.escape, substrings))) if substrings else None


def _token_range(tokens: list[CueToken], starts: list[int], start: int, end: int) -> tuple[int, int]:
    first = bisect.bisect_right(starts, start) - 1
    if first < 0 or tokens[first].end <= start:
        first += 1
    last = bisect.bisect_left(starts, end)
    return max(first, 0), last


def _link(candidate: SentencePlace, hits: list[Hit], reading: Reading) -> float:
    """How tightly the place is tied to the cues: near them, in their clause, right after them."""
    best = 0.0
    for hit in hits:
        if candidate.last <= hit.first:
            distance, gap = hit.first - candidate.last, reading.gap(candidate.last, hit.first)
        elif hit.last <= candidate.first:
            distance, gap = candidate.first - hit.last, reading.gap(hit.last, candidate.first)
        else:
            distance, gap = 0, 0.0
        value = 0.6 ** gap / (1.0 + 0.12 * distance)
        if hit.last <= candidate.first and candidate.locative and distance <= 6:
            value *= 1.15  # "shelled Kharkiv", "pushed into the city of Lysychansk"
        best = max(best, value)
    return best


_COMPASS_FIRST = {"eastern", "western", "southern", "northern", "central", "east", "west", "south", "north"}


def _country_wide(place: Place) -> bool:
    """A country, a continent or a quarter of one ("Eastern Ukraine", "Central Ukraine", "the South Caucasus"),
    or one of the territories a state's land is split into (the Gaza Strip, the West Bank): too broad to place
    an incident ("Russia Claims Capture of Village in Eastern Ukraine", "Israeli army shells Gaza school" locate
    nothing)."""
    return place.kind in _NOT_AN_INCIDENT_PLACE or place.kind == "area" and (
        place.fcode == "territory" or place.fcode == "macroregion" and
        place.name.split(" ", 1)[0].lower() in _COMPASS_FIRST)


def _km(a: Place, b: Place) -> float:
    return geodesy.great_circle_km((a.lat, a.lon), (b.lat, b.lon))


def _clustered(towns: list[SentencePlace]) -> bool:
    """Do the towns lie close together, each within the cluster distance of every other?"""
    places = [t.mention.place for t in towns]
    return all(_km(a, b) <= _LIST_CLUSTER_KM for i, a in enumerate(places) for b in places[i + 1:])


def _holds(outer: Place, inner: Place) -> bool:
    """Is ``outer`` the region or country that ``inner`` lies in?"""
    if outer.kind == "country":
        return bool(inner.country) and inner.country == outer.country and inner.kind != "country"
    # A first-level region carries its own name where its towns carry their admin1.
    return outer.kind == "region" and inner.kind != "region" and bool(inner.admin1) and \
        inner.country == outer.country and inner.admin1 in (outer.admin1 or outer.name, outer.name)


def _detached(candidate: SentencePlace, hits: list[Hit], reading: Reading) -> bool:
    """Is a clause break between the place and every cue?"""
    for hit in hits:
        lo, hi = (candidate.last, hit.first) if candidate.last <= hit.first else (hit.last, candidate.first)
        if hi <= lo or reading.hard_breaks(lo, hi) < 1:
            return False
    return True


# Kinds that a reference point may locate: a reference after a region or a country is a second place.
_LOCATED_KINDS = {"region", "country", "continent", "area", "water", "river"}

_PASSIVE = {"was", "were", "been", "being", "is", "are"}


def _passive(tokens: list[CueToken], first: int) -> bool:
    """"Explosions were (also) reported in Lviv": what was reported happened there; nobody spoke there."""
    return any(t.norm in _PASSIVE for t in tokens[max(0, first - 2):first])


def _unique(placed: list[Placed]) -> list[Placed]:
    out: list[Placed] = []
    for p in placed:
        if all(q.mention.place != p.mention.place for q in out):
            out.append(p)
    return out


@lru_cache(maxsize=1)
def _lexicon_words() -> frozenset[str]:
    """Capitalised words that are never a misspelt town: known non-places, given names, demonyms, months, days."""
    from geomap.geoparse import lexicon

    calendar = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    words = set(lexicon.not_places()) | set(lexicon.given_names()) | set(lexicon.demonyms()) | calendar
    return frozenset(w.lower() for w in words)


def _past_a_time(tokens: list[CueToken], k: int) -> int:
    """The token after a time phrase that starts at token ``k`` ("on Thursday", "last week", "earlier"), or ``k``:
    a capital acting is still acting with the time of its act between ("where Kyiv on Thursday claimed")."""
    norms = [t.norm for t in tokens[k:k + 2]]
    if norms[:1] and norms[0] in _TIME_ADVERBS:
        return k + 1
    if len(norms) == 2 and (norms[0] == "on" and norms[1] in _WEEKDAYS or
                            norms[0] == "last" and norms[1] in ("week", "month", "night", "year")):
        return k + 2
    return k


_COUNT_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "dozens", "several", "another", "each"}


def _is_count(norm: str) -> bool:
    """"two", "12", "each" ("one each over"): a count of what the list's verb did at each place."""
    return norm.isdigit() or norm in _COUNT_WORDS


def _description_after(text: str, end: int, limit: int) -> tuple[int, int] | None:
    """The span of a phrase describing the place that ends at ``end`` (an appositive, a "where ... is located"
    clause), within the sentence; None when none follows."""
    match = _APPOSITIVE.match(text, end, limit) or _WHERE_LOCATED.match(text, end, limit)
    return match.span() if match else None
