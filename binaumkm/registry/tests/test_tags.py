"""The registry's tags write the markup the templates they replaced wrote."""

import pytest
from django.template import Context, Template
from django.utils import translation

from binaumkm.core.models import Kecamatan, Kelurahan
from binaumkm.registry.choices import BusinessStatus, Verification
from binaumkm.registry.models import Business, Owner

# registry/_badges.html as it was before the tag replaced it.
INCLUDED = (
    '{% load i18n %}{% if business.verification == "terverifikasi" %}<span class="badge text-bg-success status-badge">'
    '{% translate "Terverifikasi" %}</span>{% elif business.verification == "ditolak" %}<span class="badge '
    'text-bg-danger status-badge">{% translate "Ditolak" %}</span>{% else %}<span class="badge text-bg-warning '
    'status-badge">{% translate "Menunggu verifikasi" %}</span>{% endif %}\n'
    '{% if business.status == "aktif" %}<span class="badge text-bg-light border status-badge">'
    '{{ business.get_status_display }}</span>{% elif business.status == "stagnan" %}<span class="badge '
    'text-bg-secondary status-badge">{{ business.get_status_display }}</span>{% else %}<span class="badge '
    'text-bg-dark status-badge">{{ business.get_status_display }}</span>{% endif %}\n'
)


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("verification", Verification.values)
@pytest.mark.parametrize("status", BusinessStatus.values)
def test_the_tag_writes_what_the_include_wrote(language, verification, status):
    business = Business(verification=verification, status=status)
    with translation.override(language):
        tag = Template("{% load registry %}{% business_badges business %}").render(
            Context({"business": business})
        )
        included = Template(INCLUDED).render(Context({"business": business}))
    assert tag == included


# The staff list's row as the template wrote it before business_list_row (badges: tested above).
TEMPLATE_ROW = (
    "{% load registry %}"
    "    <tr>\n"
    '      <td><a href="{% url \'registry:business_detail\' b.pk %}" class="fw-semibold">{{ b.name }}</a><div class="small text-muted"><span class="d-sm-none">{{ b.owner.full_name }} · </span>{{ b.reference }}{% if b.nib %}<span class="d-none d-md-inline"> · NIB {{ b.nib }}</span>{% endif %}</div></td>\n'
    '      <td class="d-none d-sm-table-cell">{{ b.owner.full_name }}</td>\n'
    '      <td class="d-none d-md-table-cell font-monospace small">{{ b.owner.nik|nik_masked }}</td>\n'
    '      <td class="d-none d-md-table-cell small">{{ b.kelurahan.name }}<div class="text-muted">{{ b.kelurahan.kecamatan.name }}</div></td>\n'
    '      <td class="d-none d-lg-table-cell">{{ b.kbli_section }}</td>\n'
    '      <td class="d-none d-lg-table-cell">{{ b.get_size_class_display }}</td>\n'
    "      <td>{% business_badges b %}</td>\n"
    "    </tr>\n"
)


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize(
    ("name", "nib", "size_class", "verification", "status"),
    [
        ('Warung <Bu> & "Sri"', "1234567890123", "mikro", "baru", "aktif"),
        ("Batik Laweyan", None, "", "terverifikasi", "tutup"),
        ("Kopi 'Kauman'", "", "besar", "ditolak", "stagnan"),
    ],
)
def test_the_list_row_is_the_template_row(language, name, nib, size_class, verification, status):
    owner = Owner(full_name="Sri & <Wahyuni>", nik="3372015505800001")
    kelurahan = Kelurahan(name="Kauman", kecamatan=Kecamatan(name="Pasar Kliwon"))
    business = Business(
        pk=42, name=name, nib=nib, owner=owner, kelurahan=kelurahan, kbli_section="C",
        size_class=size_class, verification=verification, status=status,
    )  # fmt: skip
    context = {"b": business}
    with translation.override(language):
        tag = Template("{% load registry %}{% business_list_row b %}\n").render(Context(context))
        template = Template(TEMPLATE_ROW).render(Context(context))
    assert tag == template.lstrip(" ")
