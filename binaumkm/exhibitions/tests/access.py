"""Access declarations of the exhibitions URLs, and the exhibitions part of the shared world: the
"owner"'s business applied to an open call, holds an open booth offer at a confirmed exhibition and
an assigned booth (checked in, with a day's sales and a receipt photo) at a running one; the
"mentor" sits on the open call's curation panel, staff do not."""

import datetime

from binaumkm.core.tests.site_access import LOGIN, OK, OWNER_OBJECT, PUBLIC, STAFF, Url, rule

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PDF = b"%PDF-1.4\n%%EOF\n"


def build(world):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from binaumkm.exhibitions.models import (
        Application,
        Assignment,
        AssignmentState,
        BudgetLine,
        BudgetRealisation,
        CheckIn,
        ExhibitionPhoto,
        SalesReport,
        State,
        Status,
    )
    from binaumkm.exhibitions.tests.factories import exhibition_with_booths
    from binaumkm.registry.tests.factories import BusinessFactory

    now, today = timezone.now(), timezone.localdate()
    # An open call: the owner applied; the mentor curates.
    world.ex_open = exhibition_with_booths(2, name="Bazar Terbuka")
    world.ex_open.curators.create(user=world.users["mentor"])
    world.ex_application = Application.objects.create(
        exhibition=world.ex_open, business=world.business, sector="kerajinan", status=Status.ELIGIBLE
    )
    world.ex_application.products.add(world.product)
    # Awaiting the draw.
    world.ex_alloc = exhibition_with_booths(2, name="Expo Menunggu Alokasi", state=State.ALLOCATION)
    Application.objects.create(
        exhibition=world.ex_alloc,
        business=BusinessFactory(),
        sector="batik",
        status=Status.CURATED,
        curation_score=60,
    )
    # Confirmed: the owner holds an open offer; someone waits.
    world.ex_conf = exhibition_with_booths(2, name="Pameran Terkonfirmasi", state=State.CONFIRMED)
    world.ex_offer_app = Application.objects.create(
        exhibition=world.ex_conf, business=world.business, sector="kerajinan", status=Status.OFFERED, rank=1
    )
    booth = world.ex_conf.venues.get().booths.order_by("code").first()
    world.ex_offer = Assignment.objects.create(
        application=world.ex_offer_app, booth=booth, venue=booth.venue, state=AssignmentState.HELD,
        expires_at=now + datetime.timedelta(hours=24),
    )  # fmt: skip
    Application.objects.create(
        exhibition=world.ex_conf, business=BusinessFactory(), sector="batik", status=Status.WAITLISTED, rank=2
    )
    # Running today: the owner's booth, checked in, with sales and a receipt photo; a budget and a photo.
    world.ex_run = exhibition_with_booths(3, name="Bazar Berlangsung", state=State.RUNNING)
    world.ex_run.venues.update(start_date=today, end_date=today)
    world.ex_venue = world.ex_run.venues.get()
    world.ex_run_app = Application.objects.create(
        exhibition=world.ex_run, business=world.business, sector="kerajinan", status=Status.CHECKED_IN, rank=1
    )
    world.ex_booth = world.ex_venue.booths.order_by("code").first()
    world.ex_assignment = Assignment.objects.create(
        application=world.ex_run_app, booth=world.ex_booth, venue=world.ex_venue, state=AssignmentState.ASSIGNED,
        assigned_at=now,
    )  # fmt: skip
    CheckIn.objects.create(assignment=world.ex_assignment, date=today, method="qr")
    world.ex_sales = SalesReport(
        assignment=world.ex_assignment, date=today, gross=100_000, transactions=3, cash=100_000, qris=0,
        receipt_type="png",
    )  # fmt: skip
    world.ex_sales.receipt.save("nota.png", ContentFile(PNG), save=True)
    world.ex_line = BudgetLine.objects.create(
        exhibition=world.ex_run,
        activity_code="2.17.02",
        account_code="5.1.02.01",
        description="Tenda",
        planned=1_000,
    )
    world.ex_realisation = BudgetRealisation(line=world.ex_line, amount=500, date=today, evidence_type="pdf")
    world.ex_realisation.evidence.save("bukti.pdf", ContentFile(PDF), save=True)
    world.ex_photo = ExhibitionPhoto(exhibition=world.ex_run, extension="png", caption="Pembukaan")
    world.ex_photo.image.save("foto.png", ContentFile(PNG), save=True)
    world.ex_criterion = world.ex_open.criteria.first()
    world.ex_curator = world.ex_open.curators.get()


def open_call(world):
    return {"pk": world.ex_open.pk}


def running(world):
    return {"pk": world.ex_run.pk}


def offer_app(world):
    return {"pk": world.ex_offer_app.pk}


# /pameran/: staff go to the back office; everyone else sees the open calls.
INDEX = rule(default=OK, anonymous=OK, staff=302, admin=302)
# Curators: the mentor sits on the open call's panel; staff hold the permission but are not on it.
CURATOR = rule(mentor=OK, staff=OK, admin=OK)
ON_PANEL = rule(mentor=OK, staff=404, admin=404)
# A booth's QR code: its exhibitor and staff; anyone else signed in meets a 404.
BOOTH = rule(default=404, anonymous=LOGIN, owner=OK, staff=OK, admin=OK)
RECEIPT = rule(default=404, anonymous=LOGIN, owner=OK, staff=OK, admin=OK)

URLS = {
    "exhibitions:index": Url(INDEX),
    "exhibitions:exhibition_public": Url(
        PUBLIC,
        kwargs=open_call,
        methods=("GET", "POST"),
        data=lambda w: {"business": w.business.pk, "products": [w.product.pk]},
        post_access=rule(default=OK),
    ),
    "exhibitions:my_application": Url(OWNER_OBJECT, kwargs=offer_app),
    "exhibitions:offer_accept": Url(
        OWNER_OBJECT, kwargs=offer_app, methods=("POST",), data=lambda w: {"assignment": w.ex_offer.pk}
    ),  # fmt: skip
    "exhibitions:offer_decline": Url(
        OWNER_OBJECT, kwargs=offer_app, methods=("POST",), data=lambda w: {"assignment": w.ex_offer.pk}
    ),  # fmt: skip
    "exhibitions:my_application_withdraw": Url(OWNER_OBJECT, kwargs=offer_app, methods=("POST",)),
    "exhibitions:my_application_recheck": Url(
        OWNER_OBJECT, kwargs=lambda w: {"pk": w.ex_application.pk}, methods=("POST",)
    ),
    "exhibitions:booth_check_in": Url(
        BOOTH, kwargs=lambda w: {"token": w.ex_booth.token}, methods=("GET", "POST")
    ),
    "exhibitions:sales_report": Url(
        OWNER_OBJECT,
        kwargs=lambda w: {"pk": w.ex_assignment.pk},
        methods=("GET", "POST"),
        data=lambda w: {
            "date": w.ex_sales.date.isoformat(),
            "gross": "150.000",
            "transactions": "4",
            "cash": "50.000",
            "qris": "100.000",
            "leads": "1",
        },
    ),  # fmt: skip
    "exhibitions:receipt": Url(RECEIPT, kwargs=lambda w: {"pk": w.ex_sales.pk}),
    # Curators
    "exhibitions:curator_home": Url(CURATOR),
    "exhibitions:curation_queue": Url(ON_PANEL, kwargs=open_call),
    "exhibitions:review": Url(
        ON_PANEL,
        kwargs=lambda w: {"pk": w.ex_application.pk},
        methods=("GET", "POST"),
        data=lambda w: {**{f"c{c.pk}": "4" for c in w.ex_open.criteria.all()}, "comment": "Rapi"},
    ),
    # Back office
    "exhibitions:exhibition_list": Url(STAFF, query="?q=bazar&state=berlangsung&page=2"),
    "exhibitions:exhibition_create": Url(
        STAFF, methods=("GET", "POST"), data=lambda w: {"name": "Expo", "kind": "expo"}
    ),
    "exhibitions:exhibition_detail": Url(STAFF, kwargs=running),
    "exhibitions:exhibition_edit": Url(STAFF, kwargs=open_call, methods=("GET", "POST")),
    "exhibitions:exhibition_delete": Url(STAFF, kwargs=open_call, methods=("POST",)),
    "exhibitions:exhibition_step": Url(
        STAFF, kwargs=lambda w: {"pk": w.ex_open.pk, "step": "tutup-pendaftaran"}, methods=("POST",)
    ),
    "exhibitions:venue_add": Url(STAFF, kwargs=open_call, methods=("GET", "POST")),
    "exhibitions:venue_detail": Url(
        STAFF,
        kwargs=lambda w: {"pk": w.ex_venue.pk},
        methods=("GET", "POST"),
        data=lambda w: {
            "code": "Z-1",
            "category": w.ex_booth.category_id,
            "column": "9",
            "row": "5",
            "width": "1",
            "height": "1",
        },
    ),  # fmt: skip
    "exhibitions:venue_edit": Url(STAFF, kwargs=lambda w: {"pk": w.ex_venue.pk}, methods=("GET", "POST")),
    "exhibitions:booth_signs": Url(STAFF, kwargs=lambda w: {"pk": w.ex_venue.pk}),
    "exhibitions:category_add": Url(
        STAFF,
        kwargs=open_call,
        methods=("POST",),
        data=lambda w: {"name": "Kuliner", "size": "2 × 2 m", "electricity_watts": "450"},
    ),  # fmt: skip
    "exhibitions:booth_block": Url(
        STAFF, kwargs=lambda w: {"pk": w.ex_booth.pk}, methods=("POST",), data=lambda w: {"blocked": "1"}
    ),  # fmt: skip
    "exhibitions:curator_add": Url(
        STAFF, kwargs=open_call, methods=("POST",), data=lambda w: {"user": w.users["staff"].pk}
    ),  # fmt: skip
    "exhibitions:curator_remove": Url(
        STAFF, kwargs=open_call, methods=("POST",), data=lambda w: {"curator": w.ex_curator.pk}
    ),  # fmt: skip
    "exhibitions:criterion_add": Url(
        STAFF, kwargs=open_call, methods=("POST",), data=lambda w: {"name": "Kemasan", "weight": "2"}
    ),  # fmt: skip
    "exhibitions:criterion_delete": Url(
        STAFF, kwargs=open_call, methods=("POST",), data=lambda w: {"criterion": w.ex_criterion.pk}
    ),  # fmt: skip
    "exhibitions:photo_add": Url(STAFF, kwargs=running, methods=("POST",)),
    "exhibitions:photo_view": Url(STAFF, kwargs=lambda w: {"pk": w.ex_photo.pk}),
    "exhibitions:photo_delete": Url(STAFF, kwargs=lambda w: {"pk": w.ex_photo.pk}, methods=("POST",)),
    "exhibitions:budget": Url(
        STAFF,
        kwargs=running,
        methods=("GET", "POST"),
        data=lambda w: {
            "activity_code": "2.17.02",
            "account_code": "5.1.02.01.01",
            "description": "Konsumsi",
            "planned": "2.000.000",
        },
    ),  # fmt: skip
    "exhibitions:budget_line_edit": Url(
        STAFF, kwargs=lambda w: {"pk": w.ex_line.pk}, methods=("GET", "POST")
    ),
    "exhibitions:realisation_add": Url(
        STAFF,
        kwargs=lambda w: {"pk": w.ex_line.pk},
        methods=("GET", "POST"),
        data=lambda w: {"amount": "100.000", "date": w.ex_sales.date.isoformat()},
    ),
    "exhibitions:evidence": Url(STAFF, kwargs=lambda w: {"pk": w.ex_realisation.pk}),
    "exhibitions:application_list": Url(STAFF, kwargs=running, query="?q=batik&status=hadir&page=2"),
    "exhibitions:application_detail": Url(STAFF, kwargs=lambda w: {"pk": w.ex_run_app.pk}),
    "exhibitions:assignment_no_show": Url(
        STAFF,
        kwargs=lambda w: {"pk": w.ex_run_app.pk},
        methods=("POST",),
        data=lambda w: {"assignment": w.ex_assignment.pk},
    ),  # fmt: skip
    "exhibitions:assignment_check_in": Url(
        STAFF,
        kwargs=lambda w: {"pk": w.ex_run_app.pk},
        methods=("POST",),
        data=lambda w: {"assignment": w.ex_assignment.pk},
    ),  # fmt: skip
    "exhibitions:booth_extra": Url(
        STAFF,
        kwargs=lambda w: {"pk": w.ex_run_app.pk},
        methods=("POST",),
        data=lambda w: {"booth": w.ex_venue.booths.order_by("code").last().pk},
    ),  # fmt: skip
    "exhibitions:allocation_preview": Url(STAFF, kwargs=lambda w: {"pk": w.ex_alloc.pk}, query="?seed=7"),
    "exhibitions:allocation_publish": Url(
        STAFF, kwargs=lambda w: {"pk": w.ex_alloc.pk}, methods=("POST",), data=lambda w: {"seed": "7"}
    ),  # fmt: skip
    "exhibitions:event_status": Url(STAFF, kwargs=running, query="?tanggal=2026-13-40"),
    "exhibitions:report": Url(STAFF, kwargs=running),
    "exhibitions:report_pdf": Url(STAFF, kwargs=running),
    "exhibitions:report_xlsx": Url(STAFF, kwargs=running),
}
