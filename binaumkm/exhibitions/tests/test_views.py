"""The pages: CRUD of exhibitions through the shared test base, bad input kept and answered in
Indonesian, constant query counts on list pages, the floor plan, curators' pages, the owner's forms."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from binaumkm.core.models import Kelurahan
from binaumkm.core.testing import CrudViewTests, assert_constant_queries, make_user
from binaumkm.exhibitions import services
from binaumkm.exhibitions.events import Event
from binaumkm.exhibitions.models import (
    Application,
    Assignment,
    AssignmentState,
    Booth,
    CheckIn,
    Exhibition,
    SalesReport,
    State,
    Status,
)
from binaumkm.exhibitions.tests.factories import (
    ExhibitionFactory,
    apply,
    curator_for,
    exhibition_with_booths,
    owner_with_business,
)
from binaumkm.registry.tests.factories import BusinessFactory

pytestmark = pytest.mark.django_db


class TestExhibitionPages(CrudViewTests):
    model = Exhibition
    list_url = "exhibitions:exhibition_list"
    detail_url = "exhibitions:exhibition_detail"
    create_url = "exhibitions:exhibition_create"
    edit_url = "exhibitions:exhibition_edit"
    audit_events = (Event.EXHIBITION_CREATED, Event.EXHIBITION_UPDATED)

    def user(self):
        return make_user("staf_dinas", username="staf.crud")

    def outsider(self):
        return make_user("pemilik_umkm", username="+6281277770001")

    def make(self):
        return ExhibitionFactory(name="Solo Batik Fashion")

    def create_data(self):
        return {"name": "UKM Expo 2026", "kind": "expo", "co_hosts_text": "Bank Indonesia Solo\nProvinsi Jawa Tengah",
                "kecamatan_quota_percent": "50", "sector_quota_percent": "30", "rotation_months": "12",
                "curation_threshold": "0", "first_timer_priority": "on", "curation_weighted": "on",
                "target_sectors": ["makanan", "batik"]}  # fmt: skip

    def edit_data(self, obj):
        return {**self.create_data(), "name": "Solo Batik Fashion 2026"}

    def invalid_data(self):
        return {
            **self.create_data(),
            "kecamatan_quota_percent": "150",
            "name": "Expo Salah Persen",
        }, "Expo Salah Persen"


def test_created_exhibition_keeps_co_hosts_and_sectors(staff_client):
    response = staff_client.post(
        reverse("exhibitions:exhibition_create"), TestExhibitionPages().create_data()
    )
    assert response.status_code == 302
    exhibition = Exhibition.objects.get()
    assert exhibition.co_hosts == ["Bank Indonesia Solo", "Provinsi Jawa Tengah"]
    assert exhibition.target_sectors == ["makanan", "batik"]


def test_rules_are_fixed_once_the_allocation_is_published(staff_client, staff_user):
    exhibition = ExhibitionFactory(state=State.CONFIRMED, kecamatan_quota_percent=50)
    data = {**TestExhibitionPages().create_data(), "name": "Nama Baru", "kecamatan_quota_percent": "80"}
    response = staff_client.post(reverse("exhibitions:exhibition_edit", args=[exhibition.pk]), data)
    assert response.status_code == 302  # the name changes; the disabled quota keeps its value
    exhibition.refresh_from_db()
    assert exhibition.name == "Nama Baru" and exhibition.kecamatan_quota_percent == 50
    html = staff_client.get(reverse("exhibitions:exhibition_edit", args=[exhibition.pk])).content.decode()
    assert "disabled" in re.search(r'<input[^>]*name="kecamatan_quota_percent"[^>]*>', html).group(0)
    # the service refuses the change whatever the form does
    with pytest.raises(ValidationError, match="Tidak dapat diubah lagi"):
        services.exhibition_update(
            actor=staff_user, exhibition=exhibition, data={"kecamatan_quota_percent": 80}
        )


def test_bad_booth_input_is_refused_in_indonesian_and_kept(staff_client, areas):
    exhibition = exhibition_with_booths(2, state=State.PLANNING)
    venue = exhibition.venues.get()
    category = exhibition.booth_categories.get()
    url = reverse("exhibitions:venue_detail", args=[venue.pk])
    response = staff_client.post(url, {"code": "C-07", "category": category.pk, "column": "1", "row": "1",
                                       "width": "1", "height": "1"})  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200 and "menumpuk dengan booth lain" in html and 'value="C-07"' in html
    response = staff_client.post(url, {"code": "C-07", "category": category.pk, "column": "10", "row": "1",
                                       "width": "3", "height": "1"})  # fmt: skip
    assert "keluar dari denah" in response.content.decode()
    response = staff_client.post(url, {"code": "C-07", "category": category.pk, "column": "9", "row": "6",
                                       "width": "2", "height": "1"})  # fmt: skip
    assert response.status_code == 302 and Booth.objects.filter(code="C-07", x=8, y=5).exists()


def test_the_floor_plan_shows_each_booth_state(staff_client, areas):
    exhibition = exhibition_with_booths(4, state=State.CONFIRMED)
    venue = exhibition.venues.get()
    booths = list(venue.booths.order_by("code"))
    user, business = owner_with_business()
    app = Application.objects.create(
        exhibition=exhibition, business=business, sector="batik", status=Status.ACCEPTED
    )
    Assignment.objects.create(application=app, booth=booths[0], venue=venue, state=AssignmentState.ASSIGNED)
    other = Application.objects.create(
        exhibition=exhibition, business=BusinessFactory(), sector="batik", status=Status.OFFERED
    )
    Assignment.objects.create(application=other, booth=booths[1], venue=venue, state=AssignmentState.HELD,
                              expires_at=timezone.now() + datetime.timedelta(hours=5))  # fmt: skip
    Booth.objects.filter(pk=booths[2].pk).update(blocked=True)
    html = staff_client.get(reverse("exhibitions:venue_detail", args=[venue.pk])).content.decode()
    for state in ("assigned", "held", "blocked", "free"):
        assert f"fp-booth fp-{state}" in html
    assert business.name in html and "exhibitions/floorplan.css" in html
    assert " style=" not in html.split('id="floor-plan"')[1].split("</svg>")[0]


def _grow_applications(exhibition, n):
    have = exhibition.applications.count()
    # Grown booths fill the plan from row 20 by a running index, clear of the factory's booths
    # (rows 0-1); a cell derived from the primary key collided once PostgreSQL's keys ran high.
    for i, business in enumerate(BusinessFactory.create_batch(n - have), start=have):
        app = Application.objects.create(exhibition=exhibition, business=business, sector="batik",
                                         status=Status.ACCEPTED, rank=business.pk)  # fmt: skip
        venue = exhibition.venues.first()
        booth = Booth.objects.create(venue=venue, category=exhibition.booth_categories.first(), code=f"Q{business.pk}",
                                     x=i % 40, y=20 + i // 40)  # fmt: skip
        assignment = Assignment.objects.create(
            application=app, booth=booth, venue=venue, state=AssignmentState.ASSIGNED
        )
        CheckIn.objects.create(assignment=assignment, date=venue.start_date, method="staf")
        SalesReport.objects.create(
            assignment=assignment, date=venue.start_date, gross=10, transactions=1, cash=10, qris=0
        )


@pytest.mark.parametrize("page", ["application_list", "event_status", "report", "venue_detail"])
def test_list_pages_query_counts_do_not_grow_with_rows(client, staff_user, areas, page):
    exhibition = exhibition_with_booths(1, state=State.RUNNING)
    exhibition.venues.update(
        start_date=timezone.localdate(), end_date=timezone.localdate(), columns=40, rows=40
    )
    client.force_login(staff_user)
    pk = exhibition.venues.get().pk if page == "venue_detail" else exhibition.pk
    url = reverse(f"exhibitions:{page}", args=[pk])

    def fetch():
        assert client.get(url).status_code == 200

    assert_constant_queries(fetch, lambda n: _grow_applications(exhibition, n), small=5, large=60)


def test_exhibition_list_and_owner_index_query_counts(client, staff_user, owner_user, areas):
    def grow(n):
        while Exhibition.objects.count() < n:
            exhibition_with_booths(1)

    client.force_login(staff_user)
    assert_constant_queries(
        lambda: client.get(reverse("exhibitions:exhibition_list")), grow, small=3, large=30
    )
    client.force_login(owner_user)
    assert_constant_queries(lambda: client.get(reverse("exhibitions:index")), grow, small=32, large=60)


def test_curators_see_only_the_exhibitions_they_are_on(client, areas):
    mine = exhibition_with_booths(1, name="Expo Kurator")
    theirs = exhibition_with_booths(1, name="Expo Lain")
    curator = curator_for(mine)
    app_mine = apply(*owner_with_business(), mine)
    app_theirs = apply(*owner_with_business(), theirs)
    client.force_login(curator)
    html = client.get(reverse("exhibitions:curator_home")).content.decode()
    assert "Expo Kurator" in html and "Expo Lain" not in html
    assert client.get(reverse("exhibitions:curation_queue", args=[mine.pk])).status_code == 200
    assert client.get(reverse("exhibitions:curation_queue", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("exhibitions:review", args=[app_theirs.pk])).status_code == 404
    assert (
        client.get(reverse("exhibitions:exhibition_detail", args=[mine.pk])).status_code == 403
    )  # no back office
    criteria = {f"c{c.pk}": "5" for c in mine.criteria.all()}
    response = client.post(
        reverse("exhibitions:review", args=[app_mine.pk]), {**criteria, "comment": "Produk rapi"}
    )
    assert response.status_code == 302 and app_mine.reviews.get().scores.count() == 3
    # Missing a criterion: refused, the comment kept.
    response = client.post(reverse("exhibitions:review", args=[app_mine.pk]), {"comment": "Setengah dinilai"})
    assert response.status_code == 200 and "Beri nilai 1 sampai 5" in response.content.decode()
    assert "Setengah dinilai" in response.content.decode()


def test_owner_application_form_keeps_what_was_typed(client, areas):
    exhibition = exhibition_with_booths(1, venues=2)
    user, business = owner_with_business()
    client.force_login(user)
    url = reverse("exhibitions:exhibition_public", args=[exhibition.pk])
    response = client.post(url, {"business": business.pk, "note": "Bawa <b>meja</b> sendiri"})
    html = response.content.decode()
    assert (
        response.status_code == 200
        and "Pilih sekurangnya satu produk" in html
        and "Tidak boleh berisi kode HTML" in html
    )
    product = business.products.get()
    response = client.post(url, {"business": business.pk, "products": [product.pk], "needs_electricity": "on",
                                 "preferred_venue": exhibition.venues.last().pk})  # fmt: skip
    application = Application.objects.get(business=business)
    assert response.status_code == 302 and response["Location"].endswith(f"/lamaran/{application.pk}/")
    assert application.needs_electricity and application.preferred_venue == exhibition.venues.last()


def test_owner_sales_form_refuses_a_wrong_split_and_keeps_the_figures(client, areas):
    exhibition = exhibition_with_booths(1, state=State.RUNNING)
    today = timezone.localdate()
    exhibition.venues.update(start_date=today, end_date=today)
    user, business = owner_with_business(kelurahan=Kelurahan.objects.first())
    app = Application.objects.create(
        exhibition=exhibition, business=business, sector="batik", status=Status.CHECKED_IN
    )
    booth = Booth.objects.filter(venue__exhibition=exhibition).first()
    assignment = Assignment.objects.create(
        application=app, booth=booth, venue=booth.venue, state=AssignmentState.ASSIGNED
    )
    CheckIn.objects.create(assignment=assignment, date=today, method="qr")
    client.force_login(user)
    url = reverse("exhibitions:sales_report", args=[assignment.pk])
    data = {
        "date": today.isoformat(),
        "gross": "1.250.000",
        "transactions": "17",
        "cash": "250.000",
        "qris": "900.000",
    }
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200 and "Tunai + QRIS harus sama" in html and 'value="1.250.000"' in html
    response = client.post(url, {**data, "qris": "1.000.000"}, follow=True)
    assert SalesReport.objects.get().gross == 1_250_000
    day = date_format(today, "j M Y")  # days read as on the rest of the page ("2 Des 2026"), not 02-12-2026
    assert f"{day} tersimpan" in response.content.decode() and f"{day}</option>" in response.content.decode()
    assert services.offers_expire() == 0
