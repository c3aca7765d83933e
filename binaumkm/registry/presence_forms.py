"""Forms of digital presences: the owner's (or staff's) record of one platform, and staff's
assisted onboarding session for many businesses at once."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaumkm.core.forms import Form

from .forms import DATE
from .platforms import OrderBand, Platform, Stage, url_problem

# "UMKM-000123", "umkm 123" or a 13-digit NIB, one per line (or separated by commas).
REFERENCE = re.compile(r"^(?:UMKM[-\s]?)?(\d{1,12})$", re.IGNORECASE)
NIB = re.compile(r"^\d{13}$")
MAX_SESSION_BUSINESSES = 500


class PresenceForm(Form):
    platform = forms.ChoiceField(label=_("Platform"), choices=Platform.choices)
    stage = forms.ChoiceField(label=_("Tahap"), choices=Stage.choices)
    stage_on = forms.DateField(
        label=_("Tanggal tahap ini dicapai"),
        required=False,
        widget=DATE,
        help_text=_("Kosongkan untuk hari ini."),
    )
    url = forms.CharField(
        label=_("Tautan toko atau akun"), required=False, max_length=500,
        widget=forms.URLInput(attrs={"inputmode": "url", "placeholder": "https://"}),
        help_text=_("Alamat di domain platform itu, misalnya https://shopee.co.id/namatoko."),
    )  # fmt: skip
    order_band = forms.ChoiceField(
        label=_("Jumlah pesanan sebulan"), required=False, choices=[("", "–"), *OrderBand.choices]
    )
    evidence = forms.ImageField(
        label=_("Bukti (tangkapan layar)"), required=False,
        help_text=_("Tangkapan layar halaman toko atau pesanan; JPG, PNG atau WebP."),
    )  # fmt: skip
    assisted_by = forms.CharField(
        label=_("Didampingi oleh"), required=False, max_length=200,
        help_text=_("Nama pelatihan, mitra atau pendamping, jika ada."),
    )  # fmt: skip

    def clean_stage_on(self):
        day = self.cleaned_data.get("stage_on")
        if day and day > timezone.localdate():
            raise ValidationError(_("Tanggal tidak boleh di masa depan."))
        return day

    def clean_evidence(self):
        evidence = self.cleaned_data.get("evidence")
        limit = settings.BINAUMKM["PRODUCT_PHOTO_MAX_BYTES"]
        if evidence and evidence.size > limit:
            raise ValidationError(
                _("Berkas terlalu besar (maksimal %(mb)d MB).") % {"mb": limit // (1024 * 1024)}
            )
        return evidence

    def clean(self):
        data = super().clean() or self.cleaned_data
        url = (data.get("url") or "").strip()
        if url and data.get("platform") and (problem := url_problem(data["platform"], url)):
            self.add_error("url", problem)
        return data


class PresenceSessionForm(Form):
    """One workshop: which platform, when, who ran it, and the businesses that took part."""

    platform = forms.ChoiceField(label=_("Platform"), choices=Platform.choices)
    day = forms.DateField(label=_("Tanggal sesi"), widget=DATE)
    assisted_by = forms.CharField(
        label=_("Pelatihan atau mitra"), max_length=200,
        help_text=_("Misalnya nama angkatan pelatihan atau “Workshop Shopee bersama dinas”."),
    )  # fmt: skip
    businesses = forms.CharField(
        label=_("Usaha peserta"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Nomor UMKM (misalnya UMKM-000123) atau NIB, satu per baris."),
    )  # fmt: skip

    def __init__(self, *args, candidates, **kwargs):
        """``candidates``: the businesses the actor may see (a selector's queryset)."""
        super().__init__(*args, **kwargs)
        self.candidates = candidates

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day > timezone.localdate():
            raise ValidationError(_("Tanggal tidak boleh di masa depan."))
        return day

    def clean_businesses(self):
        entries = [e.strip() for e in re.split(r"[\n,;]+", self.cleaned_data["businesses"]) if e.strip()]
        if len(entries) > MAX_SESSION_BUSINESSES:
            raise ValidationError(_("Paling banyak %(n)d usaha per sesi.") % {"n": MAX_SESSION_BUSINESSES})
        pks, nibs, unreadable = set(), set(), []
        for entry in entries:
            compact = entry.replace(" ", "")
            if NIB.match(compact):
                nibs.add(compact)
            elif match := REFERENCE.match(entry):
                pks.add(int(match.group(1)))
            else:
                unreadable.append(entry)
        found = list(self.candidates.filter(pk__in=pks)) + list(self.candidates.filter(nib__in=nibs))
        missing = unreadable + [f"UMKM-{pk:06d}" for pk in sorted(pks - {b.pk for b in found})]
        missing += sorted(nibs - {b.nib for b in found})
        if missing:
            raise ValidationError(
                _("Tidak ditemukan: %(list)s. Periksa nomor UMKM atau NIB-nya.")
                % {"list": ", ".join(missing[:20])}
            )
        return list({b.pk: b for b in found}.values())
