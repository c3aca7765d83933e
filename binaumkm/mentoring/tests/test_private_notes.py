"""Private notes never reach the owner: every URL of the site, as every principal outside the agency
and the mentor, in the whole-site access world, where the owner's business has a session carrying a
private note (``mentoring/tests/access.py``)."""

import pytest
from django.test import Client
from django.urls import reverse

from binaumkm.core.tests.site_access import OK, PUBLIC
from binaumkm.core.tests.test_site_access import DECLARED, request_as, world  # noqa: F401 (fixture)

from .access import PRIVATE_NOTE

OUTSIDERS = ("anonymous", "owner", "other_owner", "store_manager", "other_store_manager", "outlet_partner",
             "other_outlet_partner")  # fmt: skip


def test_the_mentor_and_staff_see_the_private_note(world, db):  # noqa: F811 (the shared world fixture)
    client = Client()
    url = reverse("mentoring:engagement_detail", args=[world.m_engagement.pk])
    for principal in ("mentor", "staff"):
        response, _written = request_as(client, world, principal, "GET", url, {})
        assert PRIVATE_NOTE in response.content.decode()


@pytest.mark.parametrize("name", sorted(n for n, url in DECLARED.items() if "GET" in url.methods))
def test_no_page_shows_the_private_note_outside_the_agency_and_the_mentor(name, world, db):  # noqa: F811 (the shared world fixture)
    declared = DECLARED[name]
    url = reverse(name, kwargs=declared.kwargs(world)) + declared.query
    client = Client(raise_request_exception=False)
    for principal in OUTSIDERS:
        if declared.access[principal] not in (OK, PUBLIC[principal]):
            continue
        response, _written = request_as(client, world, principal, "GET", url, {})
        body = b"".join(response.streaming_content) if response.streaming else response.content  # PDFs stream
        assert PRIVATE_NOTE.encode() not in body, f"{name} as {principal}"


def test_the_owners_own_pages_show_the_summary_but_not_the_note(world, db):  # noqa: F811 (the shared world fixture)
    client = Client()
    for url in (
        reverse("mentoring:my_engagement", args=[world.m_engagement.pk]),
        reverse("mentoring:my_mentoring"),
        reverse("registry:my_businesses"),
        reverse("registry:my_business_timeline", args=[world.business.pk]),
    ):
        response, _written = request_as(client, world, "owner", "GET", url, {})
        html = response.content.decode()
        assert response.status_code == 200 and PRIVATE_NOTE not in html
    response, _written = request_as(
        client, world, "owner", "GET", reverse("mentoring:my_engagement", args=[world.m_engagement.pk]), {}
    )
    assert "Ringkasan untuk pemilik" in response.content.decode()
