"""The Python-written select gives the same markup as Django's template-written one."""

import pytest
from django import forms
from django.test.html import parse_html

from binaumkm.core.forms import Form, QuickSelect
from binaumkm.core.models import Kelurahan

CHOICES = [("", "Semua"), ("a", "Satu & <dua>"), ("Kelompok", [("b", 'B "kutip"'), ("c", "C")])]


@pytest.mark.parametrize("value", ["", "a", "c", None])
@pytest.mark.parametrize(
    "attrs",
    [{}, {"class": "form-select is-invalid", "required": True, "disabled": False, "aria-describedby": "x"}],
)
def test_the_markup_equals_djangos(value, attrs):
    django_select = forms.Select(choices=CHOICES, attrs=attrs).render(
        "pilih", value, attrs={"id": "id_pilih"}
    )
    quick = QuickSelect(choices=CHOICES, attrs=attrs).render("pilih", value, attrs={"id": "id_pilih"})
    assert parse_html(quick) == parse_html(django_select)
    assert "Satu &amp; &lt;dua&gt;" in quick and "B &quot;kutip&quot;" in quick


@pytest.mark.django_db
def test_house_forms_use_it_for_plain_selects_only(areas):
    class Filter(Form):
        kelurahan = forms.ModelChoiceField(queryset=Kelurahan.objects.all(), required=False)
        many = forms.MultipleChoiceField(choices=CHOICES[:2], required=False)
        radio = forms.ChoiceField(choices=CHOICES[:2], widget=forms.RadioSelect, required=False)

    form = Filter({"kelurahan": str(Kelurahan.objects.get(name="Kauman").pk)})
    assert type(form.fields["kelurahan"].widget) is QuickSelect
    assert type(form.fields["many"].widget) is forms.SelectMultiple
    assert type(form.fields["radio"].widget) is forms.RadioSelect
    html = str(form["kelurahan"])
    assert html.count("<option") == Kelurahan.objects.count() + 1
    assert "selected>Kauman</option>" in html and 'class="form-select"' in html


@pytest.mark.parametrize("language", ["id", "en", "id"])
def test_lazy_labels_are_escaped_once_per_language_and_stay_right(language):
    from django.utils import translation

    from binaumkm.registry.choices import SizeClass

    choices = [("", "Semua skala"), *SizeClass.choices]
    with translation.override(language):
        django_select = forms.Select(choices=choices).render("skala", "kecil")
        quick = QuickSelect(choices=choices).render("skala", "kecil")
        assert quick == str(QuickSelect(choices=choices).render("skala", "kecil"))
        assert parse_html(quick) == parse_html(django_select)
        assert f">{SizeClass.BESAR.label}</option>" in quick


def test_a_subclass_with_its_own_options_keeps_them():
    class Marked(QuickSelect):
        def create_option(self, *args, **kwargs):
            option = super().create_option(*args, **kwargs)
            option["attrs"]["data-x"] = "1"
            return option

    html = Marked(choices=CHOICES).render("pilih", "a")
    assert html.count('data-x="1"') == 4


@pytest.mark.parametrize("auto_id", ["id_%s", False])
@pytest.mark.parametrize("required_css", [None, "wajib"])
def test_labels_are_djangos_labels(auto_id, required_css):
    from django.forms.boundfield import BoundField

    class Plain(forms.Form):
        nama = forms.CharField(label="Nama & <usaha>")
        tanya = forms.CharField(label="Sudah?", required=False)
        pilih = forms.ChoiceField(label="Pilih", choices=CHOICES[:2], widget=forms.RadioSelect)

    class Quick(Form, Plain):
        pass

    for form_class in (Plain, Quick):
        if required_css:
            form_class.required_css_class = required_css
    calls = [
        {},
        {"label_suffix": ":"},
        {"attrs": {"class": "form-label", "hidden": True, "x": False}},
        {"contents": "Isi", "tag": "span"},
    ]
    plain, quick = Plain(auto_id=auto_id), Quick(auto_id=auto_id)
    for name in ("nama", "tanya", "pilih"):
        assert type(quick[name]) is not BoundField
        for kwargs in calls:
            expected = plain[name].label_tag(
                **{k: v.copy() if isinstance(v, dict) else v for k, v in kwargs.items()}
            )
            got = quick[name].label_tag(
                **{k: v.copy() if isinstance(v, dict) else v for k, v in kwargs.items()}
            )
            assert got == expected, (name, kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("chosen", [None, "Kauman", "bukan-angka"])
def test_area_choices_are_the_model_choices(areas, chosen):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from binaumkm.core.forms import AreaChoiceField
    from binaumkm.core.models import Kecamatan

    value = (
        "bukan-angka" if chosen == "bukan-angka" else chosen and str(Kelurahan.objects.get(name=chosen).pk)
    )

    class Django(Form):
        kelurahan = forms.ModelChoiceField(
            queryset=Kelurahan.objects.all(), required=False, empty_label="Semua"
        )
        kecamatan = forms.ModelChoiceField(queryset=Kecamatan.objects.order_by("name"), required=False)

    class Areas(Form):
        kelurahan = AreaChoiceField(queryset=Kelurahan.objects.all(), required=False, empty_label="Semua")
        kecamatan = AreaChoiceField(queryset=Kecamatan.objects.order_by("name"), required=False)

    data = {"kelurahan": value} if value else None
    django_form, area_form = Django(data), Areas(data)
    for name in ("kelurahan", "kecamatan"):
        assert str(area_form[name]) == str(django_form[name])
    assert area_form.is_valid() == django_form.is_valid()
    if chosen == "Kauman":
        assert area_form.cleaned_data["kelurahan"] == Kelurahan.objects.get(name="Kauman")
    by_code = AreaChoiceField(queryset=Kelurahan.objects.all(), to_field_name="code", required=False)
    django_by_code = forms.ModelChoiceField(
        queryset=Kelurahan.objects.all(), to_field_name="code", required=False
    )
    assert list(by_code.widget.choices) == list(django_by_code.widget.choices)
    with CaptureQueriesContext(connection) as queries:
        str(Areas()["kelurahan"])
    assert len(queries) == 1 and '"core_kelurahan"."name"' in queries[0]["sql"]
