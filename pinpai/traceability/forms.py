"""Forms of the traceability staff pages. They check shape only (types, lengths, required); the services decide
what is allowed and valid, and their {field: [messages]} are shown on the matching fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pinpai.common.models import District
from pinpai.common.selectors import district_list
from pinpai.traceability.choices import LocationKind, LotStatus
from pinpai.traceability.choices_quality import (
    ComplianceCertificateStatus,
    InspectionResult,
    ProduceCategory,
    PromiseBasis,
    RecallSiteStatus,
    RecallStatus,
)

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _all(label: Any, choices: Any) -> list[tuple[str, Any]]:
    return [("", label), *choices]


class _DistrictChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: District) -> str:
        return f"{obj.name} ({obj.code})"


def _district(required: bool = True, label: Any = None) -> _DistrictChoice:
    return _DistrictChoice(
        label=label or _("District"),
        queryset=district_list(),
        to_field_name="code",
        required=required,
        empty_label=_("all districts") if not required else "---------",
    )


class ServiceErrorsMixin:
    """Show a service's {field: [messages]} on the matching fields; the rest above the form."""

    FIELD_ALIASES: dict[str, str] = {}

    def add_service_errors(self, errors: dict[str, list[str]], detail: str) -> None:
        form: Any = self
        if not errors:
            form.add_error(None, detail)
            return
        for field, messages in errors.items():
            name = self.FIELD_ALIASES.get(field, field)
            if name in form.fields and name not in form.errors:
                form.add_error(name, list(messages))
            else:
                form.add_error(None, [m if field == "__all__" else f"{field}: {m}" for m in messages])


# ---------------------------------------------------------------- filters


class LocationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=_all(_("all kinds"), LocationKind.choices)
    )
    district = _district(required=False)


class CertificateFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_all(_("all"), ComplianceCertificateStatus.choices)
    )


class InspectionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    result = forms.ChoiceField(
        label=_("Result"), required=False, choices=_all(_("all"), InspectionResult.choices)
    )


class RecallFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_all(_("all"), RecallStatus.choices)
    )


class LotFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_all(_("all"), LotStatus.choices))


# ---------------------------------------------------------------- locations


class LocationForm(ServiceErrorsMixin, forms.Form):
    enterprise_uscc = forms.CharField(
        label=_("Enterprise (unified social credit code)"), max_length=40, help_text=_("18 characters")
    )
    gln = forms.CharField(
        label=_("GLN"), max_length=13, min_length=13, help_text=_("13 digits, check digit last")
    )
    extension = forms.CharField(label=_("GLN extension"), max_length=20, required=False)
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=LocationKind.choices)
    district = _district()
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    latitude = forms.DecimalField(label=_("Latitude"), max_digits=9, decimal_places=6, required=False)
    longitude = forms.DecimalField(label=_("Longitude"), max_digits=9, decimal_places=6, required=False)

    EDITABLE = ("name", "kind", "district", "address", "latitude", "longitude")

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:  # the GLN and its enterprise are the location's identity
            for name in ("enterprise_uscc", "gln", "extension"):
                del self.fields[name]

    def update_arguments(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in self.EDITABLE}


# ---------------------------------------------------------------- 合格证


class CertificateIssueForm(ServiceErrorsMixin, forms.Form):
    gtin = forms.CharField(label=_("GTIN"), max_length=14, min_length=8, help_text=_("the product's barcode"))
    lot_number = forms.CharField(label=_("Lot number"), max_length=20)
    product_name = forms.CharField(
        label=_("Product name"),
        max_length=200,
        required=False,
        help_text=_("empty: the registered product name"),
    )
    product_category = forms.ChoiceField(label=_("Produce category"), choices=ProduceCategory.choices)
    quantity = forms.DecimalField(label=_("Quantity (weight)"), min_value=0, max_digits=20, decimal_places=6)
    unit = forms.CharField(label=_("Unit"), max_length=20, initial="千克")
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=30)
    district = _district(label=_("District of origin"))
    address = forms.CharField(label=_("Address of origin"), max_length=200)
    issued_on = forms.DateField(label=_("Issued on"), required=False, widget=DATE_WIDGET)
    produced_on = forms.DateField(label=_("Produced on"), required=False, widget=DATE_WIDGET)
    basis = forms.MultipleChoiceField(
        label=_("Basis of the promise"), choices=PromiseBasis.choices, widget=forms.CheckboxSelectMultiple
    )
    report_url = forms.URLField(
        label=_("Link to the test report"), required=False, max_length=200, assume_scheme="https"
    )
    promise_confirmed = forms.BooleanField(
        label=_(
            "I promise: no banned pesticides or veterinary drugs, no withdrawn veterinary drugs or illegal additives; "
            "residues of conventional pesticides and veterinary drugs within the limits; I am responsible for the "
            "truth of this promise."
        ),
        required=True,
    )

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("gtin")
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.TextInput(attrs={"size": 40}))


class CertificateVerifyForm(forms.Form):
    code = forms.CharField(label=_("Check code"), max_length=16, min_length=4)


# ---------------------------------------------------------------- inspections


class InspectionForm(ServiceErrorsMixin, forms.Form):
    gtin = forms.CharField(label=_("GTIN"), max_length=14, min_length=8)
    lot_number = forms.CharField(label=_("Lot number"), max_length=20)
    sampled_at = forms.DateTimeField(label=_("Sampled at"), widget=DATETIME_WIDGET)
    sampling_gln = forms.CharField(
        label=_("Sampling location (GLN)"),
        max_length=13,
        required=False,
        help_text=_("where the sample was taken"),
    )
    laboratory = forms.CharField(label=_("Laboratory"), max_length=200)
    report_number = forms.CharField(label=_("Report number"), max_length=60)
    tested_at = forms.DateTimeField(label=_("Tested at"), widget=DATETIME_WIDGET)
    result = forms.ChoiceField(
        label=_("Overall result"),
        required=False,
        choices=_all(_("from the items"), InspectionResult.choices),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class InspectionItemForm(forms.Form):
    name = forms.CharField(label=_("Item"), max_length=100, required=False)
    method_standard = forms.CharField(label=_("Method standard"), max_length=100, required=False)
    measured_value = forms.DecimalField(
        label=_("Measured value"), required=False, max_digits=20, decimal_places=6
    )
    unit = forms.CharField(label=_("Unit"), max_length=20, required=False)
    limit = forms.DecimalField(label=_("Limit"), required=False, max_digits=20, decimal_places=6)
    result = forms.ChoiceField(
        label=_("Result"), required=False, choices=_all(_("from the value"), InspectionResult.choices)
    )


InspectionItemFormSet = forms.formset_factory(InspectionItemForm, extra=4, max_num=200, absolute_max=200)


# ---------------------------------------------------------------- recalls


class RecallOpenForm(ServiceErrorsMixin, forms.Form):
    gtin = forms.CharField(label=_("GTIN"), max_length=14, min_length=8)
    lot_number = forms.CharField(label=_("Lot number"), max_length=20)
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class RecallCloseForm(ServiceErrorsMixin, forms.Form):
    note = forms.CharField(label=_("Closing note"), required=False, max_length=2000)
    override_reason = forms.CharField(
        label=_("Reason for closing with open sites"), required=False, max_length=2000
    )


class RecallSiteUpdateForm(ServiceErrorsMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=RecallSiteStatus.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
    quantity = forms.DecimalField(
        label=_("Quantity removed"), required=False, min_value=0, max_digits=20, decimal_places=6
    )
