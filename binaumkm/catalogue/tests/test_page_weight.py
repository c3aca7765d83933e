"""Issue 10's speed target for phones: the first load of the catalogue home at 360 px (empty cache,
served as in production) transfers under 200 KB, product photos aside; thumbnails are ≤ 30 KB
(``test_photos``)."""

import pytest
from django.core.files.base import ContentFile

from binaumkm.catalogue.photos import clean_photo, thumbnail
from binaumkm.catalogue.tests.factories import jpeg_with_gps, public_listing, upload
from binaumkm.core.testing import PHONE, assert_accessible
from binaumkm.core.tests.test_page_weight import TRANSFERRED_JS, production_like_server  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUDGET = 200 * 1024


def is_photo(url: str) -> bool:
    return "/foto/" in url or "/media/" in url


def test_first_load_of_the_catalogue_home_at_360_px_is_under_200_kb(browser, production_like_server, areas):  # noqa: F811
    for i in range(12):
        listing = public_listing(name=f"Kemeja Batik {i}")
        photo = clean_photo(upload(jpeg_with_gps(size=(1600, 1200), color=(20 * i, 90, 40))))
        listing.photo.save("foto.jpg", ContentFile(photo), save=False)
        listing.thumbnail.save("kecil.jpg", ContentFile(thumbnail(photo)), save=False)
        listing.save()
    context = browser.new_context(viewport=PHONE, locale="id-ID")  # a fresh context: empty cache
    page = context.new_page()
    page.goto(f"{production_like_server}/katalog/", wait_until="networkidle")
    entries = page.evaluate(TRANSFERRED_JS)
    assert_accessible(page)
    context.close()
    photos = [e for e in entries if is_photo(e["url"])]
    rest = sum(e["bytes"] for e in entries if not is_photo(e["url"]))
    print(f"page-weight catalogue home: {rest:,} bytes without {len(photos)} photos")
    assert photos, "the home shows product thumbnails (the measure must exclude them, not miss them)"
    assert 0 < rest < BUDGET, f"{rest:,} bytes on a first visit"
