"""Appraisal whitelist forms: the register's filters, the lookup box, recording a displayed award and
reviewing a flag. They check shape only; the services decide what is allowed and valid."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pinpai.evaluation.models import AppraisalLevel, AppraisalStatus, AwardClaimDecision

YEAR_MIN = 1949


def _all(label: Any, choices: Any) -> list[tuple[str, Any]]:
    return [("", label), *choices]


class AppraisalFilterForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=_all(_("all levels"), AppraisalLevel.choices)
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_all(_("all statuses"), AppraisalStatus.choices)
    )
    valid_on = forms.DateField(
        label=_("Sanctioned on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    q = forms.CharField(
        label=_("Name, organiser or document number"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class AppraisalLookupForm(forms.Form):
    q = forms.CharField(
        label=_("Award as displayed"),
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "中国质量奖"}),
    )


class AwardClaimForm(forms.Form):
    claimed_title = forms.CharField(label=_("Award as displayed"), max_length=200)
    claimed_organiser = forms.CharField(label=_("Organiser as displayed"), max_length=200)
    year = forms.IntegerField(label=_("Year"), min_value=YEAR_MIN, max_value=2100)
    evidence_note = forms.CharField(
        label=_("Where it is displayed"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("e.g. packaging, website, brochure"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class AwardClaimReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=AwardClaimDecision.choices)
    note = forms.CharField(required=False, max_length=500)
