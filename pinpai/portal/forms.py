from django import forms
from django.utils.translation import gettext_lazy as _

from pinpai.accounts.choices import OrganisationKind


class OrganisationFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("all kinds")), *OrganisationKind.choices]
    )
    district = forms.CharField(label=_("District"), required=False, max_length=6)
    q = forms.CharField(label=_("Name or USCC"), required=False, max_length=100)
    current = forms.BooleanField(label=_("Existing today only"), required=False)
