"""Pages: what each role sees, bad input kept, 404 for another party's engagement, query counts that
do not grow with rows, and no inline script (a Content-Security-Policy is coming)."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from binaumkm.core.money import format_rupiah
from binaumkm.core.testing import assert_constant_queries
from binaumkm.mentoring.models import Assignee, Session, Task
from binaumkm.registry.tests.factories import BusinessFactory

from .factories import EngagementFactory, MentorFactory, SessionFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def engagement(owned_business, mentor, programme):
    return EngagementFactory(business=owned_business, mentor=mentor, programme=programme,
                             next_visit_on=TODAY(), last_contact_on=TODAY() - datetime.timedelta(days=40))  # fmt: skip


def test_the_mentor_portal_shows_visits_caseload_and_overdue_work(client, engagement, mentor):
    Task.objects.create(engagement=engagement, title="Susun HPP", assignee=Assignee.MENTOR,
                        due_on=TODAY() - datetime.timedelta(days=2))  # fmt: skip
    client.force_login(mentor.user)
    html = client.get(reverse("mentoring:portal")).content.decode()
    assert "Kunjungan hari ini" in html and "Batik Sri" in html
    assert "kontak terakhir 40 hari lalu" in html and "Susun HPP" in html
    assert client.get(reverse("home")).url == reverse("mentoring:portal")


def test_a_mentor_without_a_record_is_told_so(client, areas):
    from binaumkm.accounts.roles import Role
    from binaumkm.core.testing import make_user

    client.force_login(make_user(Role.MENTOR, username="baru"))
    assert "belum didaftarkan sebagai pendamping" in client.get(reverse("mentoring:portal")).content.decode()


def test_another_mentors_engagement_is_a_404(client, engagement):
    client.force_login(MentorFactory().user)
    assert client.get(reverse("mentoring:engagement_detail", args=[engagement.pk])).status_code == 404
    assert client.post(reverse("mentoring:session_create", args=[engagement.pk]), {}).status_code == 404


def test_another_owners_engagement_is_a_404(client, engagement, areas):
    from binaumkm.accounts.roles import Role
    from binaumkm.core.testing import make_user

    client.force_login(make_user(Role.OWNER, username="lain"))
    assert client.get(reverse("mentoring:my_engagement", args=[engagement.pk])).status_code == 404


def test_a_bad_session_is_refused_keeps_what_was_typed_and_writes_nothing(client, engagement, mentor):
    client.force_login(mentor.user)
    response = client.post(reverse("mentoring:session_create", args=[engagement.pk]), {
        "held_on": TODAY().isoformat(), "mode": "kunjungan", "minutes": "601", "summary": "Belajar kas harian",
    })  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200 and "is-invalid" in html and "Belajar kas harian" in html
    assert not Session.objects.exists()


def test_a_session_is_recorded_and_the_draft_cleared(client, engagement, mentor):
    client.force_login(mentor.user)
    response = client.post(reverse("mentoring:session_create", args=[engagement.pk]), {
        "held_on": TODAY().isoformat(), "mode": "telepon", "minutes": "30", "summary": "Cek stok",
    })  # fmt: skip
    assert response.status_code == 302 and response.url.endswith("?sesi=tersimpan")
    html = client.get(response.url).content.decode()
    assert f'data-draft-clear="sesi-{engagement.pk}"' in html and "Cek stok" in html


def test_the_session_form_saves_drafts_with_a_static_script(client, engagement, mentor):
    client.force_login(mentor.user)
    html = client.get(reverse("mentoring:session_create", args=[engagement.pk])).content.decode()
    assert f'data-draft-key="sesi-{engagement.pk}"' in html and "mentoring/draft.js" in html
    script = Path(__file__).resolve().parents[1] / "static" / "mentoring" / "draft.js"
    assert "localStorage" in script.read_text()


def test_no_inline_scripts_or_handlers_in_mentoring_templates():
    for path in (Path(__file__).resolve().parents[1] / "templates").rglob("*.html"):
        text = path.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), path
        assert not re.search(r"\son[a-z]+=", text), path


def test_engagement_actions_through_the_page(client, engagement, mentor):
    client.force_login(mentor.user)
    url = reverse("mentoring:engagement_action", args=[engagement.pk, "tunda"])
    assert client.post(url, {"reason": ""}).status_code == 400
    client.post(url, {"reason": "Pemilik ke luar kota"})
    engagement.refresh_from_db()
    assert engagement.state == "ditunda"
    response = client.post(
        reverse("mentoring:engagement_action", args=[engagement.pk, "asesmen"]), follow=True
    )
    assert "tidak bisa diubah" in response.content.decode()


def test_owner_pages_confirm_and_tick(client, engagement, owner_user):
    session = SessionFactory(engagement=engagement, summary="Foto produk dengan ponsel")
    task = Task.objects.create(
        engagement=engagement, title="Unggah foto", assignee=Assignee.OWNER, due_on=TODAY()
    )
    client.force_login(owner_user)
    home = client.get(reverse("registry:my_businesses")).content.decode()
    assert "Konfirmasi sesi pendampingan" in home
    html = client.get(reverse("mentoring:my_engagement", args=[engagement.pk])).content.decode()
    assert "Foto produk dengan ponsel" in html and "Unggah foto" in html
    client.post(reverse("mentoring:session_confirm", args=[session.pk]))
    client.post(reverse("mentoring:task_done", args=[task.pk]))
    session.refresh_from_db()
    task.refresh_from_db()
    assert session.confirmed_at and task.done_at


def test_the_one_time_link_page(client, engagement):
    from binaumkm.mentoring.confirmation import make_token

    session = SessionFactory(engagement=engagement, summary="Menata etalase")
    url = reverse("mentoring:session_confirm_link", args=[make_token(session.pk, session.confirm_nonce)])
    assert "Menata etalase" in client.get(url).content.decode()
    assert "sudah dikonfirmasi" in client.post(url).content.decode()
    response = client.get(url)
    assert response.status_code == 400 and "sudah dipakai" in response.content.decode()


def test_supervision_and_honorarium(client, staff_user, engagement, mentor):
    SessionFactory(engagement=engagement, minutes=90, confirmed_at=timezone.now())
    SessionFactory(engagement=engagement, minutes=30)  # not confirmed: no honorarium
    client.force_login(staff_user)
    html = client.get(reverse("mentoring:supervision")).content.decode()
    assert mentor.user.display_name in html and "Batik Sri" in html  # 40 days without contact
    html = client.get(reverse("mentoring:honorarium")).content.decode()
    assert "1 jam 30 menit" in html and format_rupiah(112_500) in html  # 1.5 h at Rp75.000 an hour
    for typed in ("9999-12", "0001-01", "2026-13", "abc"):  # the month of this year instead, never a 500
        assert client.get(reverse("mentoring:honorarium"), {"bulan": typed}).status_code == 200


def test_load_levels_tell_nearly_full_from_full_and_over(staff_user, programme):
    from binaumkm.mentoring.selectors import mentor_loads_table

    for capacity, load in ((10, 9), (10, 10), (2, 3), (10, 5)):
        m = MentorFactory(capacity=capacity)
        for _ in range(load):  # over capacity only by hand (an old caseload after a capacity cut)
            EngagementFactory(business=BusinessFactory(), mentor=m, programme=programme)
    levels = [(m.load, m.capacity, m.level) for m in mentor_loads_table(actor=staff_user)]
    assert sorted(levels) == [(3, 2, "over"), (5, 10, "ok"), (9, 10, "near"), (10, 10, "full")]


# --- Query counts that do not grow with rows --------------------------------------------------------


def grow_engagements(mentor, programme):
    def grow(n):
        have = mentor.engagements.count()
        for _ in range(n - have):
            e = EngagementFactory(business=BusinessFactory(), mentor=mentor, programme=programme,
                                  next_visit_on=TODAY())  # fmt: skip
            SessionFactory(engagement=e)
            Task.objects.create(
                engagement=e, title="x", assignee=Assignee.MENTOR, due_on=TODAY() - datetime.timedelta(days=1)
            )

    return grow


def test_staff_lists_keep_their_query_count(client, staff_user, mentor, programme):
    client.force_login(staff_user)
    mentor.capacity = 200
    mentor.save()
    grow = grow_engagements(mentor, programme)

    def fetch():
        for name in ("engagement_list", "mentor_list", "supervision"):
            assert client.get(reverse(f"mentoring:{name}")).status_code == 200

    assert_constant_queries(fetch, grow, small=5, large=60)


def test_the_portal_keeps_its_query_count(client, mentor, programme):
    client.force_login(mentor.user)
    mentor.capacity = 200
    mentor.save()
    assert_constant_queries(
        lambda: client.get(reverse("mentoring:portal")),
        grow_engagements(mentor, programme),
        small=5,
        large=60,
    )
