"""Place kinds in one table, and the sets of kinds the stages test a place against, derived from it.

shape: what one coordinate can say of the place (a point, a line such as a river, an area); site: a
facility an incident can hit; administrative: a state or its first-level division; beyond_region: wider
than a first-level region, so that nearness to the document's towns says little about it.
"""

from __future__ import annotations

# kind: (shape, site, administrative, beyond_region)
TABLE = {
    "city": ("point", False, False, False),
    "island": ("point", False, False, False),
    "plant": ("point", True, False, False),
    "dam": ("point", True, False, False),
    "bridge": ("point", True, False, False),
    "port": ("point", True, False, False),
    "site": ("point", True, False, False),
    "pipeline": ("line", True, False, False),
    "river": ("line", False, False, False),
    "region": ("area", False, True, False),
    "admin2": ("area", False, True, False),  # a raion, from an added GeoNames dump
    "admin3": ("area", False, False, False),  # a hromada: not a name-ending region as oblasts are
    "facility": ("point", True, False, False),  # "Kharkiv National University": an institution at its town
    "area": ("area", False, False, True),
    "water": ("area", False, False, True),
    "country": ("area", False, True, True),
    "continent": ("area", False, True, True),
}

POINTS = frozenset(k for k, (shape, *_rest) in TABLE.items() if shape == "point")
NOT_POINTS = frozenset(TABLE) - POINTS  # a claim's end of such a kind cannot be measured from
SITES = frozenset(k for k, (_shape, site, *_rest) in TABLE.items() if site)
ADMINISTRATIVE = frozenset(k for k, (_s, _site, admin, _b) in TABLE.items() if admin)
BEYOND_REGION = frozenset(k for k, (*_rest, beyond) in TABLE.items() if beyond)
# Too wide to pin an incident on: every area, and a river (a pipeline is a site that can be hit).
TOO_WIDE_FOR_AN_INCIDENT = NOT_POINTS - SITES
# A town, and the raions and hromadas named after their centre towns: where an incident inside a region happens.
SETTLEMENTS = frozenset({"city", "admin2", "admin3"})
SHAPED_ON_MAP = frozenset({"region", "area"})  # drawn with their outlines in the map's region layer
