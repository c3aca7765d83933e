"""The compliance badge tag writes the markup the included template used to write."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

# partnerships/_state.html as it was before the tag replaced it.
INCLUDED = (
    '{% load i18n %}{% if store.status == \'tutup\' %}<span class="badge text-bg-secondary">{% translate "Tutup" %}'
    '</span>{% elif state.compliant %}<span class="badge text-bg-success">{% translate "Patuh" %}</span>{% else %}'
    '<span class="badge text-bg-danger">{% translate "Belum patuh" %}</span>{% endif %}\n'
)


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("status", ["buka", "tutup"])
@pytest.mark.parametrize("compliant", [True, False, None])
def test_the_tag_writes_what_the_include_wrote(language, status, compliant):
    context = {"store": SimpleNamespace(status=status), "state": SimpleNamespace(compliant=compliant)}
    with translation.override(language):
        tag = Template("{% load partnerships %}{% compliance_badge store state %}").render(Context(context))
        included = Template(INCLUDED).render(Context(context))
    assert tag == included
