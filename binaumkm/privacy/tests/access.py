"""Access declarations of the privacy app's URLs, and its part of the shared world: the "owner" agreed
to the notice online and has an open correction request in the staff queue."""

from binaumkm.core.tests.site_access import ADMIN, OK, OWNER_LIST, PUBLIC, STAFF, Url, rule


def build(world):
    from django.utils import timezone

    from binaumkm.privacy.models import Consent, DataRequest, PrivacyNotice
    from binaumkm.privacy.tests.conftest import ensure_first_notice

    ensure_first_notice()
    owner = world.business.owner
    notice = PrivacyNotice.objects.order_by("-version").first()
    Consent.objects.create(owner=owner, notice=notice, channel="online", recorded_by=world.users["owner"])
    world.p_request = DataRequest.objects.create(
        owner=owner, kind="koreksi", message="Nama saya Sri Lestari", due_at=timezone.now()
    )


def data_request(world):
    return {"pk": world.p_request.pk}


OWNERS = rule(owner=OK, other_owner=OK)
OUTCOME = {"outcome": "Nama sudah diperbaiki di data pemilik."}

URLS = {
    "privacy:notice": Url(PUBLIC, query="?next=/usaha-saya/"),
    "privacy:consent": Url(OWNERS, methods=("POST",), data=lambda w: {"next": "/usaha-saya/"}),
    "privacy:my_data": Url(OWNER_LIST),
    "privacy:my_data_xlsx": Url(OWNER_LIST),
    "privacy:my_data_json": Url(OWNER_LIST),
    "privacy:correction": Url(
        OWNERS,
        methods=("GET", "POST"),
        data=lambda w: {"fields_to_fix": ["full_name"], "message": "Sri Lestari"},
    ),
    "privacy:deletion": Url(OWNERS, methods=("GET", "POST"), data=lambda w: {"understood": "on"}),
    "privacy:request_queue": Url(STAFF, query="?state=semua&kind=koreksi&page=2"),
    "privacy:request_detail": Url(STAFF, kwargs=data_request),
    "privacy:request_start": Url(STAFF, kwargs=data_request, methods=("POST",)),
    "privacy:request_complete": Url(STAFF, kwargs=data_request, methods=("POST",), data=lambda w: OUTCOME),
    "privacy:request_reject": Url(STAFF, kwargs=data_request, methods=("POST",), data=lambda w: OUTCOME),
    "privacy:paper_consent": Url(
        STAFF,
        methods=("GET", "POST"),
        data=lambda w: {
            "owner": w.other_business.owner.reference,
            "document_reference": "F-1",
            "given_on": "2026-01-05",
        },
    ),  # fmt: skip
    "privacy:access_log": Url(
        ADMIN, query="?actor=staf&owner=P-000001&since=2026-01-01&until=2026-12-31&page=2"
    ),
    "privacy:notice_publish": Url(
        ADMIN, methods=("GET", "POST"), data=lambda w: {"text": "Versi baru.", "effective_date": "2026-02-01"}
    ),
}
