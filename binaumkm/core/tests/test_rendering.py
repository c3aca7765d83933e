"""The cheap template helpers of issue 14 give what Django's own calls give."""

import pytest
from django.apps import apps
from django.template import Context, Template
from django.urls import reverse, set_script_prefix
from django.utils import translation

from binaumkm.accounts.roles import Role, assign_role
from binaumkm.core import context_processors
from binaumkm.core.rendering import choice_label, pk_url
from binaumkm.core.testing import make_user
from binaumkm.registry.choices import BusinessStatus, KbliSection, SizeClass, Verification
from binaumkm.registry.models import Business

FIELDS = {"status": BusinessStatus, "size_class": SizeClass, "verification": Verification}


@pytest.mark.parametrize("language", ["id", "en"])
def test_choice_label_is_get_display_for_every_choice_and_odd_values(language):
    with translation.override(language):
        for name, choices in FIELDS.items():
            for value in [*choices.values, "bukan-pilihan", "", None]:
                business = Business(**{name: value})
                expected = getattr(business, f"get_{name}_display")()
                assert choice_label(business, name) == expected, (name, value)
        business = Business(status=BusinessStatus.CLOSED)
        rendered = Template('{{ b|display:"status" }}|{{ b.get_status_display }}').render(
            Context({"b": business})
        )
        left, right = rendered.split("|")
        assert left == right


def test_choice_label_follows_the_language():
    business = Business(size_class=SizeClass.BESAR)
    with translation.override("id"):
        indonesian = choice_label(business, "size_class")
    with translation.override("en"):
        english = choice_label(business, "size_class")
        assert english == business.get_size_class_display()
    assert indonesian == "Di atas menengah" and english != indonesian
    assert KbliSection  # the list shows the section code itself, not through the helper


@pytest.mark.parametrize("pk", [0, 7, 123456, 918273645])
def test_pk_url_is_reverse(pk):
    assert pk_url("registry:business_detail", pk) == reverse("registry:business_detail", args=[pk])
    assert pk_url("registry:business_edit", pk) == reverse("registry:business_edit", args=[pk])


def test_pk_url_follows_the_script_prefix_and_falls_back_for_other_arguments():
    try:
        set_script_prefix("/bina/")
        assert (
            pk_url("registry:business_detail", 5)
            == "/bina/staf/umkm/5/"
            == reverse("registry:business_detail", args=[5])
        )
    finally:
        set_script_prefix("/")
    assert pk_url("registry:business_detail", 5) == "/staf/umkm/5/"
    assert pk_url("registry:business_detail", "5") == reverse("registry:business_detail", args=["5"])
    assert pk_url("registry:business_export", "csv") == reverse("registry:business_export", args=["csv"])
    rendered = Template(
        "{% pk_url 'registry:business_detail' 9 %}|{% url 'registry:business_detail' 9 %}"
    ).render(Context())
    assert rendered == "/staf/umkm/9/|/staf/umkm/9/"


def _asked_every_app(user) -> list:
    return [
        item
        for config in apps.get_app_configs()
        if hasattr(config, "navigation")
        for item in config.navigation(user)
    ]


@pytest.mark.django_db
def test_the_memoised_menu_is_each_roles_own_and_follows_a_new_role(staff_user, owner_user, admin_user):
    context_processors._nav_memo.clear()
    for _round in range(2):  # the second round answers from the memo
        for user in (staff_user, owner_user, admin_user):
            fresh = type(user).objects.get(pk=user.pk)  # no permission cache from the last round
            assert context_processors.navigation(fresh) == _asked_every_app(fresh)
    staff_menu = [str(label) for label, _url in context_processors.navigation(staff_user)]
    owner_menu = [str(label) for label, _url in context_processors.navigation(owner_user)]
    assert "UMKM" in staff_menu and "UMKM" not in owner_menu and "Usaha saya" in owner_menu

    boss = make_user(None, username="super", is_superuser=True)
    assert context_processors.navigation(boss) == _asked_every_app(boss)
    idle = make_user(Role.STAFF, username="staf-nonaktif", is_active=False)
    assert context_processors.navigation(idle) == _asked_every_app(idle) == []

    partner = make_user(Role.OWNER, username="pemilik2")
    before = context_processors.navigation(partner)
    assign_role(partner, Role.STORE_PARTNER)
    partner = type(partner).objects.get(pk=partner.pk)
    after = context_processors.navigation(partner)
    assert after == _asked_every_app(partner) and len(after) > len(before)
    assert reverse("partnerships:portal") in [url for _label, url in after]


@pytest.mark.django_db
def test_the_memoised_menu_speaks_the_pages_language(staff_user):
    with translation.override("id"):
        indonesian = [str(label) for label, _url in context_processors.navigation(staff_user)]
    with translation.override("en"):
        english = [str(label) for label, _url in context_processors.navigation(staff_user)]
        assert english == [str(label) for label, _url in _asked_every_app(staff_user)]
    assert indonesian != english


def test_apps_that_read_data_for_their_menu_are_asked_every_time():
    """Exhibitions shows "Kurasi" only to curators of an exhibition: never memoised."""
    assert not getattr(apps.get_app_config("exhibitions"), "navigation_by_permission", False)


@pytest.mark.parametrize("language", ["id", "en"])
def test_date_label_is_date_format(language):
    import datetime

    from django.utils.formats import date_format

    from binaumkm.core.rendering import date_label

    days = [datetime.date(2024, month, 1) for month in range(1, 13)] + [datetime.date(2026, 12, 31)]
    with translation.override(language):
        for _round in range(2):
            for day in days:
                for fmt in ("F Y", "M Y", "M y", "j M Y", "DATE_FORMAT"):
                    assert date_label(day, fmt) == date_format(day, fmt), (day, fmt)
        moment = datetime.datetime(2026, 3, 1, 10, 30, tzinfo=datetime.UTC)
        assert date_label(moment, "j M Y H.i") == date_format(moment, "j M Y H.i")


def test_chart_tables_are_escaped_cell_by_cell():
    from binaumkm.core.charts import data_table

    html = data_table("Judul", ["A", "B"], [("<b>", "1 & 2"), ("x", 3)])
    assert "<tr><td>&lt;b&gt;</td><td>1 &amp; 2</td></tr><tr><td>x</td><td>3</td></tr>" in html


def test_quick_format_html_is_format_html():
    from django.utils.html import format_html
    from django.utils.safestring import SafeString, mark_safe
    from django.utils.translation import gettext_lazy

    from binaumkm.core.rendering import quick_format_html

    values = [
        "teks",
        "a & b",
        '<"kutip">',
        "it's",
        mark_safe("<b>aman</b>"),
        gettext_lazy("Ditolak"),
        12,
        None,
        "",
    ]
    for value in values:
        quick = quick_format_html("<td>{}</td><td>{named}</td>", value, named=value)
        assert quick == format_html("<td>{}</td><td>{named}</td>", value, named=value)
        assert isinstance(quick, SafeString)
