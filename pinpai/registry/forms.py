"""Registry forms: filters for the lists, the brand form, reasons and bulk review. They check shape only;
the services decide what is allowed and valid."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pinpai.common.models import Category, District, IndustryClass, Pillar, ProductLine, Tier
from pinpai.common.selectors import district_list
from pinpai.registry.choices import (
    BrandKind,
    BrandStatus,
    CertificateKind,
    EnterpriseStatus,
    TrademarkStatus,
)

REASON_MAX_LENGTH = 500


def _all(label: Any, choices: Any) -> list[tuple[str, Any]]:
    return [("", label), *choices]


class _DistrictChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class _DistrictMultipleChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code})"


class _PillarItemMultipleChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Categories and product lines, labelled with their pillar (the service checks they match)."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.pillar.name} · {obj.name}"


class _IndustryChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        indent = "" if obj.level == "section" else "\u3000"
        return f"{indent}{obj.code} {obj.name}"


def _district_filter() -> _DistrictChoice:
    return _DistrictChoice(
        label=_("District"),
        queryset=district_list(),
        to_field_name="code",
        required=False,
        empty_label=_("all districts"),
    )


def _text_filter(label: Any) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=100)


# ---------------------------------------------------------------- list filters


class BrandFilterForm(forms.Form):
    pillar = forms.ModelChoiceField(
        label=_("Pillar"),
        queryset=Pillar.objects.order_by("position", "code"),
        to_field_name="code",
        required=False,
        empty_label=_("all pillars"),
    )
    tier = forms.ModelChoiceField(
        label=_("Tier"),
        queryset=Tier.objects.order_by("scheme", "level", "code"),
        to_field_name="code",
        required=False,
        empty_label=_("all tiers"),
    )
    district = _district_filter()
    certificate = forms.ChoiceField(
        label=_("Valid certificate"),
        required=False,
        choices=_all(_("any or none"), CertificateKind.choices),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_all(_("all statuses"), BrandStatus.choices)
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=_all(_("all kinds"), BrandKind.choices))
    q = _text_filter(_("Brand or owner name"))
    owner = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class EnterpriseFilterForm(forms.Form):
    district = _district_filter()
    industry = _IndustryChoice(
        label=_("Industry (section or division)"),
        queryset=IndustryClass.objects.order_by("code"),
        to_field_name="code",
        required=False,
        empty_label=_("all industries"),
    )
    status = forms.ChoiceField(
        label=_("Registration status"), required=False, choices=_all(_("all"), EnterpriseStatus.choices)
    )
    q = _text_filter(_("Name or USCC"))


class CertificateFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=_all(_("all kinds"), CertificateKind.choices)
    )
    expiring = forms.BooleanField(label=_("Expiring within 90 days"), required=False)
    q = _text_filter(_("Number, issuer or holder"))
    holder = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class TrademarkFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_all(_("all statuses"), TrademarkStatus.choices)
    )
    nice_class = forms.TypedChoiceField(
        label=_("Nice class"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=_all(_("all classes"), [(str(n), str(n)) for n in range(1, 46)]),
    )
    expiring = forms.BooleanField(label=_("Expiring within 90 days"), required=False)
    q = _text_filter(_("Mark, number or registrant"))
    registrant = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class GiFilterForm(forms.Form):
    district = _district_filter()
    q = _text_filter(_("Product or standard"))


class CultivationListFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2016, max_value=2100)
    pillar = forms.ModelChoiceField(
        label=_("Pillar"),
        queryset=Pillar.objects.order_by("position", "code"),
        to_field_name="code",
        required=False,
        empty_label=_("all pillars"),
    )
    district = _district_filter()


# ---------------------------------------------------------------- brand form


class BrandForm(forms.Form):
    """The fields of brand_create / brand_update. Districts may be left empty here: the service
    says that a brand needs one, and the view shows its message on this field."""

    name = forms.CharField(label=_("Brand name"), max_length=100)
    name_en = forms.CharField(label=_("English name"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=BrandKind.choices)
    pillar = forms.ModelChoiceField(label=_("Pillar"), queryset=Pillar.objects.order_by("position", "code"))
    tier = forms.ModelChoiceField(
        label=_("Tier"), queryset=Tier.objects.order_by("scheme", "level", "code"), required=False
    )
    categories = _PillarItemMultipleChoice(
        label=_("Categories"),
        queryset=Category.objects.select_related("pillar").order_by("pillar__position", "position", "pk"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    product_lines = _PillarItemMultipleChoice(
        label=_("Product lines"),
        queryset=ProductLine.objects.select_related("pillar").order_by("pillar__position", "position", "pk"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    districts = _DistrictMultipleChoice(
        label=_("Districts"),
        queryset=District.objects.order_by("code"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    founded_year = forms.IntegerField(label=_("Founding year"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    story = forms.CharField(label=_("Story"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG, WebP or GIF"),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
    )

    SCALAR_FIELDS = ("name", "name_en", "kind", "pillar", "tier", "story", "founded_year", "website")

    @classmethod
    def initial_from(cls, brand: Any) -> dict[str, Any]:
        initial = {f: getattr(brand, f) for f in cls.SCALAR_FIELDS}
        initial["categories"] = list(brand.categories.all())
        initial["product_lines"] = list(brand.product_lines.all())
        initial["districts"] = list(brand.districts.all())
        return initial

    def service_arguments(self) -> dict[str, Any]:
        """The cleaned data as keyword arguments of brand_create / brand_update."""
        data = self.cleaned_data
        arguments: dict[str, Any] = {f: data[f] for f in self.SCALAR_FIELDS}
        arguments["name_en"] = data["name_en"] or ""
        arguments["story"] = data["story"] or ""
        arguments["website"] = data["website"] or ""
        arguments["categories"] = list(data["categories"])
        arguments["product_lines"] = list(data["product_lines"])
        arguments["districts"] = list(data["districts"])
        arguments["logo"] = data["logo"] or None
        return arguments

    def add_service_errors(self, errors: dict[str, list[str]], detail: str) -> None:
        """Show a service's {field: [messages]} on the matching fields; the rest above the form."""
        if not errors:
            self.add_error(None, detail)
            return
        for field, messages in errors.items():
            if field in self.fields:
                self.add_error(field, list(messages))
            else:
                self.add_error(None, [f"{field}: {m}" if field != "__all__" else m for m in messages])


# ---------------------------------------------------------------- workflow


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"size": 40}),
    )

    def __init__(self, *args: Any, reason_required: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = reason_required


class _IdListField(forms.MultipleChoiceField):
    """A list of ids from checkboxes; which ids the actor may act on is the service's question."""

    def valid_value(self, value: Any) -> bool:
        return str(value).isdigit()

    def clean(self, value: Any) -> list[int]:
        return [int(v) for v in super().clean(value)]


class BulkReviewForm(forms.Form):
    DISTRICT_APPROVE = "district_approve"
    DISTRICT_RETURN = "district_return"
    DEPARTMENT_APPROVE = "department_approve"
    DEPARTMENT_RETURN = "department_return"
    PUBLISH = "publish"
    RETURNS = frozenset({DISTRICT_RETURN, DEPARTMENT_RETURN})

    ACTIONS = (
        (DISTRICT_APPROVE, _("Approve (district)")),
        (DISTRICT_RETURN, _("Return (district)")),
        (DEPARTMENT_APPROVE, _("Approve (department)")),
        (DEPARTMENT_RETURN, _("Return (department)")),
        (PUBLISH, _("Publish")),
    )

    action = forms.ChoiceField(choices=ACTIONS)
    brands = _IdListField(label=_("Brands"), error_messages={"required": _("Select at least one brand.")})
    reason = forms.CharField(label=_("Reason"), max_length=REASON_MAX_LENGTH, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") in self.RETURNS and not (data.get("reason") or "").strip():
            self.add_error("reason", _("A reason is required to return brands."))
        return data
