"""Catalogue tunables: defaults here, overridable per deployment by ``BINAUMKM["CATALOGUE"][NAME]`` or
the environment variable ``BINAUMKM_CATALOGUE_<NAME>`` (see ``core.conf``)."""

from binaumkm.core.conf import app_settings

DEFAULTS = {
    # Uploaded photos: largest file, largest picture (pixels; a bigger one is refused as a possible
    # decompression bomb), the stored photo's longest side and the thumbnail's.
    "PHOTO_MAX_BYTES": 5 * 1024 * 1024,
    "PHOTO_MAX_PIXELS": 40_000_000,
    "PHOTO_SIDE": 1200,
    "THUMBNAIL_SIDE": 360,
    "THUMBNAIL_MAX_BYTES": 30 * 1024,
    # Photos below this size get their thumbnail at once; bigger ones in the background worker.
    "THUMBNAIL_INLINE_MAX_BYTES": 300 * 1024,
    "PAGE_SIZE": 24,
    "NEWEST_ON_HOME": 8,
    # The home's category counts, the newest listings and each page of search results are kept
    # until any data changes (core.freshness: a withdrawn listing leaves at once) and at most this
    # long (seconds): counting every public listing takes a third of a second at 100,000 and ranking
    # the 25,000 hits of "batik" a tenth; a badge earned by the passing of time shows within it.
    "CATEGORY_COUNTS_SECONDS": 60,
    "RESULTS_SECONDS": 60,
}

__getattr__ = app_settings("CATALOGUE", DEFAULTS)
