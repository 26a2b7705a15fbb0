"""The plain data that flows between geomap's stages. No behaviour, no heavy imports."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: a town, a region, a country, a plant, a sea, a river..."""

    pid: int  # row number in the built index; stable for one index build only
    name: str
    # city | region | country | continent | area | plant | dam | pipeline | site | bridge | port | water | river
    # | island | admin2 (a raion) | admin3 (a hromada) | facility (a named institution at its town)
    kind: str
    lat: float
    lon: float
    country: str = ""  # ISO 3166-1 alpha-2, "" when none (seas, continents)
    admin1: str = ""  # first-level region name, for towns and sites
    fcode: str = ""  # GeoNames-style feature code (PPL, PPLC, ADM1, PCLI, ...) or the curated subtype
    population: int = 0
    geonameid: int | None = None
    source: str = ""  # where the row comes from: "geonames", "iso3166-2", "curated:features_water.csv"...
    source_ref: str = ""  # the row's own reference (GeoNames id, Wikipedia article, OSM id)
    wkt: str = ""  # line or polygon geometry where a source gives one
    admin2: str = ""  # second-level unit (a raion) where an added GeoNames dump gives one

    @property
    def key(self) -> str:
        """A stable identifier across index builds: the GeoNames id where there is one."""
        return f"geonames:{self.geonameid}" if self.geonameid else f"{self.source}:{self.name}"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may mean, with how sure we are and why."""

    place: Place
    score: float  # 0..1
    reason: str  # e.g. "alternate name 'Kiev'", "transliteration variant of 'Kharkov'", "fuzzy 0.91 'Kivsharivka'"
    matched: str = ""  # the gazetteer spelling that matched


@dataclass(frozen=True, slots=True)
class Geodesic:
    """The geodesic between two points on the WGS84 ellipsoid."""

    distance_m: float
    bearing_deg: float  # initial bearing from the first point, 0..360 clockwise from north
    compass: str  # N, NNE, NE, ...
    a: tuple[float, float]  # (lat, lon)
    b: tuple[float, float]
    a_name: str = ""
    b_name: str = ""
    a_reason: str = ""  # why the name at each end means its place ("" for coordinates)
    b_reason: str = ""

    @property
    def km(self) -> float:
        return self.distance_m / 1000.0


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from a file, a folder, a JSONL corpus or stdin."""

    id: str
    text: str
    date: str | None = None  # ISO date YYYY-MM-DD when known
    title: str | None = None
    url: str | None = None
    path: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A place named in an article, found at [start, end) and resolved in context."""

    doc: str
    start: int
    end: int
    text: str
    place: Place | None
    score: float
    reason: str = ""
    alternatives: tuple[Candidate, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Event:
    """An incident an article reports: what happened, where, when, and the sentence that says so."""

    id: str  # stable: hash of article id and sentence span
    type: str  # front_line | strikes | infrastructure | civilians | political | protests
    subtype: str  # e.g. advance, liberation, missile, shelling, power_line, mass_grave, referendum, arson
    place: Mention | None  # the resolved mention the incident happens at
    date: str | None  # ISO date (YYYY-MM-DD) of the start of the period, None when unknown
    date_precision: str  # day | week | month | year | unknown
    date_source: str  # how the date was derived: "article date", "'on Monday' before 2022-09-20", ...
    doc: str
    title: str | None
    url: str | None
    quote: str  # the sentence
    quote_start: int
    quote_end: int
    actors: tuple[str, ...] = ()
    confidence: float = 0.0
    evidence: tuple[str, ...] = ()  # the cue words that fired
    also: tuple[str, ...] = ()  # other types the same incident was reported as ("strikes" beside "civilians")
    other_quotes: tuple[str, ...] = ()  # later sentences of the article that report the same incident


@dataclass(frozen=True, slots=True)
class DistanceClaim:
    """A distance an article states: "about 250 miles west of the Zaporizhia plant"."""

    doc: str
    start: int  # span of the distance phrase in the article text
    end: int
    quote: str  # the sentence
    value: float  # the stated figure (lower bound for ranges)
    value_max: float | None  # upper bound for ranges ("10-15 km"), None otherwise
    unit: str  # m | km | mi | yd | ft | nmi
    hedge: str  # "" | about | some | roughly | nearly | just | more than | less than | within | ...
    direction: str  # "" or a compass word: W, NE, ...
    subject: Mention | None  # what is at the distance ("the southern Ukraine nuclear plant")
    reference: Mention | None  # what it is measured from ("the Zaporizhia plant")
    subject_text: str = ""  # the words naming each end, even when they do not resolve ("the reactors")
    reference_text: str = ""
    quantity: str = ""  # the vague quantity that gives value..value_max: "hundreds of", "a few", ""
    subject_is_point: bool = False  # the end is its place itself, not a part of it or an area around it
    reference_is_point: bool = False
    phrase: str = ""  # the distance phrase as written: text[start:end]
    reference_line: str = ""  # WKT (lon lat) of the boundary line the reference names ("the Oregon border")
    reference_line_slack_m: float = 0.0  # how far that line may stray from the true boundary
    reference_line_label: str = ""  # "Oregon–California border"


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    """A distance claim checked against the geodesic between its ends."""

    claim: DistanceClaim
    verdict: str  # consistent | inconsistent | unverifiable
    diagnosis: str  # "" | unit confusion (fits km) | wrong direction | wrong magnitude | ...
    computed_km: float | None
    bearing: float | None  # initial bearing from reference to subject, degrees
    low_m: float  # the tolerance band the wording allows, metres
    high_m: float
    geometry_wkt: str  # LINESTRING between the ends, or the ring/sector around the reference
    located: "LocatedPoint | None" = None  # the unnamed point this claim and others of its sentence locate


@dataclass(frozen=True, slots=True)
class LocatedPoint:
    """An unnamed point ("the quake", "the crash") that two or more one-ended claims of one passage locate:
    the intersection of their rings and sectors, its centre and how far from it the point may be."""

    id: str  # stable: doc and the span of the claims
    doc: str
    start: int  # the span from the first claim to the last
    end: int
    subject: str  # the words naming the point ("The quake"), "" when none
    lat: float | None  # the centre of the area; None when the claims do not meet
    lon: float | None
    radius_km: float | None  # the farthest the area reaches from its centre
    area_km2: float | None
    claims: int  # how many claims took part
    references: tuple[str, ...]  # the places measured from
    quote: str
    area_wkt: str  # the intersection (POLYGON), or the claims' rings when they do not meet
    verdict: str  # located | disagree (the rings do not meet)
