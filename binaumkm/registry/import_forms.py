"""Forms of the mapped import steps: column mapping, sheet choice, sector decisions, keyword table."""

from django import forms
from django.utils.translation import gettext_lazy as _

from binaumkm.core.forms import Form

from .choices import KbliSection
from .importing import mapping as rules


def _select(field: forms.Field) -> forms.Field:
    field.widget.attrs["class"] = "form-select form-select-sm"
    return field


class ImportMappingForm(Form):
    """One choice per column of the file: a registry field, the numbering column, or left out."""

    def __init__(self, *args, columns: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            ("", _("— tidak diimpor —")),
            (rules.IGNORE, rules.label(rules.IGNORE)),
            *rules.field_choices(),
        ]
        for column in columns:
            self.fields[f"col_{column['index']}"] = _select(
                forms.ChoiceField(
                    label=column["header"] or column["letter"], choices=choices, required=False,
                    initial=column["field"],
                )
            )  # fmt: skip

    def mapping(self) -> dict[int, str]:
        return {int(name[4:]): value for name, value in self.cleaned_data.items() if name.startswith("col_")}


class SheetForm(Form):
    sheet = forms.ChoiceField(label=_("Lembar"))

    def __init__(self, *args, sheets: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sheet"].choices = [  # type: ignore[attr-defined]
            (s["name"], _("%(name)s (%(n)d baris)") % {"name": s["name"], "n": s["rows"]}) for s in sheets
        ]


class SectorDecisionForm(Form):
    """One KBLI section per distinct value of the sector column, suggested from the keyword table."""

    remember = forms.BooleanField(
        label=_("Simpan pilihan untuk nilai yang tidak punya saran sebagai kata kunci baru"), required=False
    )

    def __init__(self, *args, values: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— belum dipilih (barisnya jadi salah) —")), *KbliSection.choices]
        self.values = values
        for i, entry in enumerate(values):
            self.fields[f"sector_{i}"] = _select(
                forms.ChoiceField(
                    label=entry["value"], choices=choices, required=False, initial=entry["section"]
                )
            )
        self.order_fields([f"sector_{i}" for i in range(len(values))] + ["remember"])

    def decisions(self) -> dict[str, str]:
        return {entry["key"]: self.cleaned_data.get(f"sector_{i}", "") for i, entry in enumerate(self.values)}

    def rows(self):
        """(value entry, bound field) pairs for the template."""
        return [(entry, self[f"sector_{i}"]) for i, entry in enumerate(self.values)]


class SectorKeywordForm(Form):
    keyword = forms.CharField(label=_("Kata kunci"), max_length=60,
                              help_text=_("Kata yang ditulis staf untuk jenis usaha, misalnya “angkringan”."))  # fmt: skip
    section = forms.ChoiceField(label=_("Sektor (kategori KBLI)"), choices=KbliSection.choices)
