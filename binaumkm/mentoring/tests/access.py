"""Access declarations of mentoring's URLs, and mentoring's part of the shared world: the "mentor"
principal mentors the "owner"'s business (an active engagement with a goal, a task for the owner and
an unconfirmed session carrying a private note); another mentor works elsewhere."""

import datetime

from binaumkm.core.tests.site_access import OK, OWNER_LIST, OWNER_OBJECT, PUBLIC, STAFF, Url, rule

PRIVATE_NOTE = "CATATAN-RAHASIA-PENDAMPING"


def build(world):
    from django.utils import timezone

    from binaumkm.core.models import Kecamatan
    from binaumkm.mentoring.models import Assignee, BalanceRun, Goal, GoalTemplate, Mentor, Task
    from binaumkm.mentoring.tests.factories import EngagementFactory, ProgrammeFactory, SessionFactory

    today = timezone.localdate()
    world.m_mentor = Mentor.objects.create(user=world.users["mentor"], expertise=["pembukuan"], capacity=5)
    world.m_mentor.kecamatan.set(Kecamatan.objects.all())
    world.m_programme = ProgrammeFactory(name="Naik Kelas")
    world.m_template = GoalTemplate.objects.create(
        programme=world.m_programme, title="NIB terbit", day_offset=30, fact="nib"
    )
    world.m_engagement = EngagementFactory(
        business=world.business, mentor=world.m_mentor, programme=world.m_programme
    )
    world.m_goal = Goal.objects.create(engagement=world.m_engagement, title="Catat penjualan",
                                       target_date=today + datetime.timedelta(days=20))  # fmt: skip
    world.m_task = Task.objects.create(engagement=world.m_engagement, title="Foto produk", assignee=Assignee.OWNER,
                                       due_on=today + datetime.timedelta(days=7))  # fmt: skip
    world.m_session = SessionFactory(engagement=world.m_engagement, private_notes=PRIVATE_NOTE,
                                     summary="Ringkasan untuk pemilik", held_on=today)  # fmt: skip
    world.m_run = BalanceRun.objects.create(
        created_by=world.users["staff"], scope="Laweyan", programme=world.m_programme,
        proposals=[{"business": world.other_business.pk, "business_name": "Warung Lain", "mentor": world.m_mentor.pk,
                    "mentor_name": "Pendamping A", "fit": 20, "reasons": [["kecamatan", {}]]}],
    )  # fmt: skip


def engagement(world):
    return {"pk": world.m_engagement.pk}


def token(world):
    from binaumkm.mentoring.confirmation import make_token

    return {"token": make_token(world.m_session.pk, world.m_session.confirm_nonce)}


# Staff and the engagement's own mentor.
WORK = rule(mentor=OK, staff=OK, admin=OK)
SESSION_DATA = {"held_on": "", "mode": "kunjungan", "minutes": "45", "summary": "Belajar mencatat kas."}

URLS = {
    # Back office
    "mentoring:engagement_list": Url(STAFF, query="?state=aktif&kecamatan=1&mentor=1&q=batik&page=2"),
    "mentoring:mentor_list": Url(STAFF, query="?q=a&kecamatan=1&topic=pembukuan"),
    "mentoring:mentor_create": Url(STAFF, methods=("GET", "POST")),
    "mentoring:mentor_edit": Url(STAFF, kwargs=lambda w: {"pk": w.m_mentor.pk}, methods=("GET", "POST")),
    "mentoring:programme_list": Url(STAFF),
    "mentoring:programme_create": Url(STAFF, methods=("GET", "POST")),
    "mentoring:programme_detail": Url(
        STAFF, kwargs=lambda w: {"pk": w.m_programme.pk}, methods=("GET", "POST")
    ),
    "mentoring:goal_template_add": Url(
        STAFF,
        kwargs=lambda w: {"pk": w.m_programme.pk},
        methods=("POST",),
        data=lambda w: {"title": "Toko online", "day_offset": "60", "fact": "first_online_sale"},
    ),  # fmt: skip
    "mentoring:goal_template_remove": Url(STAFF, kwargs=lambda w: {"pk": w.m_template.pk}, methods=("POST",)),
    "mentoring:balance_start": Url(
        STAFF,
        methods=("GET", "POST"),
        query="?status=stagnan",
        data=lambda w: {"programme": w.m_programme.pk, "status": "aktif"},
    ),  # fmt: skip
    "mentoring:balance_run": Url(STAFF, kwargs=lambda w: {"pk": w.m_run.pk}, query="?page=1"),
    "mentoring:balance_confirm": Url(
        STAFF, kwargs=lambda w: {"pk": w.m_run.pk}, methods=("POST",), data=lambda w: {"all": "1"}
    ),
    "mentoring:supervision": Url(STAFF, query="?hari=10&page=1"),
    "mentoring:honorarium": Url(STAFF, query="?bulan=2026-01"),
    # One engagement: staff and its mentor
    "mentoring:engagement_detail": Url(WORK, kwargs=engagement),
    "mentoring:engagement_action": Url(
        WORK,
        kwargs=lambda w: {"pk": w.m_engagement.pk, "action": "tunda"},
        methods=("POST",),
        data=lambda w: {"reason": "Pemilik sedang sakit"},
    ),  # fmt: skip
    "mentoring:session_create": Url(
        WORK,
        kwargs=engagement,
        methods=("GET", "POST"),
        data=lambda w: {**SESSION_DATA, "held_on": w.m_session.held_on.isoformat()},
    ),  # fmt: skip
    "mentoring:visit_plan": Url(
        WORK, kwargs=engagement, methods=("POST",), data=lambda w: {"next_visit_on": ""}
    ),
    "mentoring:goal_add": Url(
        WORK,
        kwargs=engagement,
        methods=("POST",),
        data=lambda w: {"title": "Ikut pameran", "target_date": "2030-01-01"},
    ),  # fmt: skip
    "mentoring:task_add": Url(
        WORK,
        kwargs=engagement,
        methods=("POST",),
        data=lambda w: {"title": "Susun HPP", "assignee": "pendamping", "due_on": "2030-01-01"},
    ),  # fmt: skip
    "mentoring:goal_met": Url(WORK, kwargs=lambda w: {"pk": w.m_goal.pk}, methods=("POST",)),
    # The owner's task: the mentor, staff and the owner may tick it; another owner meets a 404.
    "mentoring:task_done": Url(
        rule(mentor=OK, staff=OK, admin=OK, owner=OK, other_owner=404),
        kwargs=lambda w: {"pk": w.m_task.pk},
        methods=("POST",),
    ),  # fmt: skip
    "mentoring:portal": Url(rule(mentor=OK)),
    # The owner
    "mentoring:my_mentoring": Url(OWNER_LIST),
    "mentoring:my_engagement": Url(OWNER_OBJECT, kwargs=engagement),
    "mentoring:session_confirm": Url(
        OWNER_OBJECT, kwargs=lambda w: {"pk": w.m_session.pk}, methods=("POST",)
    ),
    # The one-time link: the link is the proof, no login.
    "mentoring:session_confirm_link": Url(PUBLIC, kwargs=token, methods=("GET", "POST")),
}
