"""The badges tag writes the markup the included template used to write."""

import pytest
from django.template import Context, Template
from django.utils import translation

from binaumkm.registry.choices import BusinessStatus, Verification
from binaumkm.registry.models import Business

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
