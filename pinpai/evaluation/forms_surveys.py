"""Survey forms: the public questionnaire, generated from the survey's questions, and the staff form that
drafts a survey. They check shape only; the services validate, and their errors are put back next to the field
they name (`answers.<code>` → the question's field)."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pinpai.accounts.models import Organisation
from pinpai.evaluation.models import Survey, SurveyPurpose, SurveyWeighting
from pinpai.registry.models import Brand

LEVEL_LABELS = (
    ("unaware", _("Never heard of it")),
    ("heard", _("Heard of it")),
    ("familiar", _("Know it")),
    ("used", _("Bought or used it")),
)
LIKERT_LABELS = {1: _("1 — not at all"), 5: _("5 — very much")}
RECOMMEND_LABELS = {0: _("0 — not at all likely"), 10: _("10 — extremely likely")}
QUESTION_EXAMPLE = [
    {"code": "aware", "kind": "brand_awareness", "text": "下列品牌您听说过吗？"},
    {
        "code": "recall",
        "kind": "open_text",
        "role": "unaided",
        "text": "提到重庆的榨菜品牌，您首先想到哪些？",
    },
    {
        "code": "overall",
        "kind": "likert",
        "measure": "satisfaction",
        "text": "您对重庆品牌的总体满意度如何？",
    },
    {
        "code": "channel",
        "kind": "single_choice",
        "required": False,
        "text": "您通常在哪里购买？",
        "options": [{"code": "market", "text": "超市"}, {"code": "online", "text": "网购"}],
    },
]


def _field_name(code: str, brand: object | None = None) -> str:
    return f"q_{code}" if brand is None else f"q_{code}__{brand}"


class SurveyResponseForm(forms.Form):
    """One field per question (one per brand for the awareness grid), plus the weighting group and an
    optional phone number. Every field is optional here: the service says what is required."""

    def __init__(
        self, survey: Survey, brands: list[Any], districts: list[Any], *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.brand_names = {b.pk: b.name for b in brands}
        # (question, its field names, required) for the page
        self.groups: list[tuple[dict[str, Any], list[str], bool]] = []
        for question in survey.questions:
            names = self._add(question, [b.pk for b in brands])
            self.groups.append((question, names, question.get("required", True) is not False))
        if survey.weighting_by == SurveyWeighting.DISTRICT:
            district_names = {d.code: d.name for d in districts}
            choices = [(code, district_names.get(code, code)) for code in survey.population_shares]
            self.fields["district"] = forms.ChoiceField(
                label=_("Your district"), choices=[("", "—"), *choices], required=False
            )
        if survey.weighting_by == SurveyWeighting.GROUP:
            choices = [(code, code) for code in survey.population_shares]
            self.fields["weight_group"] = forms.ChoiceField(
                label=_("Your group"), choices=[("", "—"), *choices], required=False
            )
        self.fields["phone"] = forms.CharField(
            label=_("Mobile number (optional)"),
            help_text=_(
                "Only used to make sure each person answers once; it is never stored, only a salted hash."
            ),
            max_length=20,
            required=False,
            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        )

    def _add(self, question: dict[str, Any], brand_ids: list[int]) -> list[str]:
        code, kind = question["code"], question["kind"]
        common: dict[str, Any] = {"label": question["text"], "required": False}
        if kind == "brand_awareness":
            names = []
            for brand in question.get("brands") or brand_ids:
                name = _field_name(code, brand)
                self.fields[name] = forms.ChoiceField(
                    label=self.brand_names.get(brand, str(brand)),
                    choices=LEVEL_LABELS,
                    required=False,
                    widget=forms.RadioSelect,
                )
                names.append(name)
            return names
        name = _field_name(code)
        options = [(o["code"], o["text"]) for o in question.get("options", [])]
        if kind == "single_choice":
            self.fields[name] = forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
        elif kind == "multiple_choice":
            self.fields[name] = forms.MultipleChoiceField(
                choices=options, widget=forms.CheckboxSelectMultiple, **common
            )
        elif kind in ("likert", "recommend"):
            low, high, labels = (1, 5, LIKERT_LABELS) if kind == "likert" else (0, 10, RECOMMEND_LABELS)
            choices = [(str(i), labels.get(i, str(i))) for i in range(low, high + 1)]
            self.fields[name] = forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        else:
            size = question.get("max_length", 500)
            self.fields[name] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 3, "maxlength": size}), max_length=size, **common
            )
        return [name]

    def answers(self) -> dict[str, Any]:
        """The cleaned fields as the service's `answers` (numbers as integers, the grid as {brand: level})."""
        data = self.cleaned_data
        answers: dict[str, Any] = {}
        for question, names, _required in self.groups:
            code, kind = question["code"], question["kind"]
            if kind == "brand_awareness":
                grid = {name.rsplit("__", 1)[1]: data.get(name) for name in names if data.get(name)}
                if grid:
                    answers[code] = grid
                continue
            value = data.get(names[0])
            if value in (None, "", []):
                continue
            answers[code] = int(value) if kind in ("likert", "recommend") and str(value).isdigit() else value
        return answers

    def add_service_errors(self, errors: list[dict[str, str]]) -> None:
        """Put each `answers.<code>[.<brand>]`, `district`, `weight_group` or `phone` error on its field."""
        for error in errors:
            field = error["field"]
            name: str | None = None
            if field.startswith("answers."):
                code, _dot, brand = field.removeprefix("answers.").partition(".")
                name = _field_name(code, brand or None)
            elif field in self.fields:
                name = field
            self.add_error(name if name in self.fields else None, str(error["message"]))


class SurveyForm(forms.Form):
    """Draft a survey: who runs it, the brands under study and the questionnaire as JSON."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Introduction"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    purpose = forms.ChoiceField(label=_("Purpose"), choices=SurveyPurpose.choices)
    organisation = forms.ModelChoiceField(label=_("Run by"), queryset=Organisation.objects.none())
    brands = forms.ModelMultipleChoiceField(label=_("Brands under study"), queryset=Brand.objects.none())
    questions = forms.CharField(
        label=_("Questions (JSON)"),
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
        initial=json.dumps(QUESTION_EXAMPLE, ensure_ascii=False, indent=2),
        help_text=_(
            "Kinds: single_choice, multiple_choice, likert, recommend, open_text, brand_awareness. "
            'Add "brand": <id> to a likert or recommend question to measure that brand.'
        ),
    )
    open_from = forms.DateTimeField(label=_("Open from"), required=False)
    open_to = forms.DateTimeField(label=_("Open to"), required=False)
    weighting_by = forms.ChoiceField(label=_("Weighting"), choices=SurveyWeighting.choices, required=False)
    population_shares = forms.CharField(
        label=_("Population shares (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_('Group → share, summing to 1, e.g. {"500102": "0.4", "500103": "0.6"}.'),
    )

    def __init__(self, organisations: Any, brands: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["brands"].queryset = brands  # type: ignore[attr-defined]
        self.fields["brands"].label_from_instance = lambda b: f"{b.name} (id {b.pk})"  # type: ignore[attr-defined]

    def _json(self, name: str, kind: type) -> Any:
        text = self.cleaned_data.get(name) or ""
        if not text.strip():
            return kind()
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("This is not valid JSON: %(error)s"), params={"error": exc.msg}
            ) from exc
        if not isinstance(value, kind):
            raise forms.ValidationError(_("This JSON has the wrong shape."))
        return value

    def clean_questions(self) -> Any:
        return self._json("questions", list)

    def clean_population_shares(self) -> Any:
        return self._json("population_shares", dict)

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        for key, messages in errors.items():
            name = key.split("[", 1)[0].split(".", 1)[0]
            for message in messages:
                self.add_error(name if name in self.fields else None, message)
