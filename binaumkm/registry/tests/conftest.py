"""Registry test fixtures."""

import pytest


@pytest.fixture
def sector_keywords(db):
    """The default sector keywords, as the data migration seeds them. A transactional test (browser
    tests) empties every table when it ends, so tests after it would otherwise find none."""
    from binaumkm.registry.importing.sectors import read_default_keywords
    from binaumkm.registry.models import SectorKeyword

    if not SectorKeyword.objects.exists():
        SectorKeyword.objects.bulk_create(
            SectorKeyword(keyword=k, section=s) for k, s in read_default_keywords().items()
        )
