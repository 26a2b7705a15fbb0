"""Where places really are, as the tests check them: looked up once in public references (Wikipedia
infoboxes, GeoNames) and shared by every test file that needs them.

Points are (lat, lon) of a town centre or a site; boxes are (south, north, west, east) drawn inside a
region's, sea's or country's published extent, so a representative point must fall in them.
"""

# towns
LYSYCHANSK = (48.917, 38.433)
SLOVYANSK = (48.853, 37.605)
YUZHNOUKRAINSK = (47.818, 31.181)
IZYUM = (49.210, 37.257)
VYSOKOPILLYA = (47.489, 33.531)
KYIV = (50.450, 30.523)
BUCHA = (50.550, 30.217)
MOSCOW = (55.756, 37.617)
RIGA = (56.949, 24.106)

# sites (Wikipedia: Zaporizhzhia NPP 47°30′44″N 34°35′09″E)
ZAPORIZHZHIA_NPP = (47.5122, 34.5858)

# boxes
KHERSON_REGION = (46.2, 47.5, 32.2, 34.9)
DONBAS = (47.0, 50.0, 37.0, 40.2)
CRIMEA = (44.4, 46.2, 32.5, 36.6)
BLACK_SEA = (41.5, 46.4, 28.5, 41.0)
BALTIC_SEA = (54.0, 60.5, 13.0, 24.0)
RUSSIA = (41.2, 81.9, 19.6, 180.0)
