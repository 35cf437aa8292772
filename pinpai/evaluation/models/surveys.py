"""Consumer and stakeholder surveys (问卷调查): a questionnaire about the brands under study, published by link
or QR code, and the responses to it, de-duplicated by a salted fingerprint. Rules and formulas:
docs/domains/evaluation-surveys.md, docs/engines/surveys.md.

The scoping (`SurveyQuerySet.visible_to`) lives here beside the models: a survey is seen by the unit that runs
it (the department or district government) and by system administrators; the public reaches an open or
closed questionnaire only through its token.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from pinpai.accounts.models import Organisation
from pinpai.accounts.querysets import actor_scope
from pinpai.common.models import BaseModel, District
from pinpai.registry.models import Brand

TOKEN_PATTERN = r"^[A-Za-z0-9_-]{16,43}$"  # noqa: S105 - the shape of a public link token, not a secret
CODE = re.compile(r"^[a-z][a-z0-9_]{0,29}$")
MAX_QUESTIONS = 60
MAX_OPTIONS = 30
MAX_TEXT = 300
MAX_OPEN_TEXT = 2000
DEFAULT_OPEN_TEXT = 500
MAX_ALIASES = 10


class SurveyPurpose(models.TextChoices):
    CONSUMER = "consumer", _("consumer survey")
    STAKEHOLDER = "stakeholder", _("stakeholder survey")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class SurveyWeighting(models.TextChoices):
    NONE = "", _("unweighted")
    DISTRICT = "district", _("by district")
    GROUP = "weight_group", _("by respondent group")


class SurveyResponseStatus(models.TextChoices):
    VALID = "valid", _("valid")
    DUPLICATE = "duplicate", _("duplicate")
    REJECTED = "rejected", _("rejected")


class QuestionKind(models.TextChoices):
    SINGLE_CHOICE = "single_choice", _("single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("multiple choice")
    LIKERT = "likert", _("rating 1–5")
    RECOMMEND = "recommend", _("likelihood to recommend 0–10")
    OPEN_TEXT = "open_text", _("open text")
    BRAND_AWARENESS = "brand_awareness", _("brand awareness grid")


# What a Likert question about a brand measures (engines.surveys.MEASURES), and the awareness grid's levels.
MEASURES = ("favourability", "satisfaction", "purchase_intent")
AWARENESS_LEVELS = ("unaware", "heard", "familiar", "used")
OPEN_TEXT_ROLES = ("", "unaided")
QUESTION_KEYS = {
    "single_choice": {"code", "kind", "text", "required", "options"},
    "multiple_choice": {"code", "kind", "text", "required", "options", "max_choices"},
    "likert": {"code", "kind", "text", "required", "brand", "measure"},
    "recommend": {"code", "kind", "text", "required", "brand"},
    "open_text": {"code", "kind", "text", "required", "max_length", "role"},
    "brand_awareness": {"code", "kind", "text", "required", "brands"},
}


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text_ok(value: object, limit: int = MAX_TEXT) -> bool:
    return isinstance(value, str) and 0 < len(value.strip()) <= limit


def survey_question_errors(questions: object, brand_ids: set[int] | None = None) -> dict[str, list[str]]:
    """Every problem with a questionnaire, keyed `questions[i].<key>`. `brand_ids` (the brands under study)
    is checked when given; `clean()` runs without it (the brands are a many-to-many set after saving)."""
    if not isinstance(questions, list):
        return {"questions": [str(_("must be a list of questions"))]}
    errors: dict[str, list[str]] = {}

    def add(key: str, message: Any) -> None:
        errors.setdefault(key, []).append(str(message))

    if len(questions) > MAX_QUESTIONS:
        add("questions", _("at most %(n)d questions") % {"n": MAX_QUESTIONS})
    codes: set[str] = set()
    singles: dict[
        str, str
    ] = {}  # what may be asked once: the awareness grid, the unaided question, brand × measure
    for i, question in enumerate(questions):
        at = f"questions[{i}]"
        if not isinstance(question, dict):
            add(at, _("must be an object"))
            continue
        kind = question.get("kind")
        if kind not in QUESTION_KEYS:
            add(f"{at}.kind", _("is not a known question kind"))
            continue
        for key in sorted(set(question) - QUESTION_KEYS[kind]):
            add(f"{at}.{key}", _("is not a property of this question kind"))
        code = question.get("code")
        if not isinstance(code, str) or not CODE.match(code):
            add(
                f"{at}.code",
                _("must be lower-case letters, digits and _ (at most 30), starting with a letter"),
            )
        elif code in codes:
            add(f"{at}.code", _("is used twice"))
        else:
            codes.add(code)
        if not _text_ok(question.get("text")):
            add(f"{at}.text", _("must be text of 1–300 characters"))
        if not isinstance(question.get("required", True), bool):
            add(f"{at}.required", _("must be true or false"))
        if kind in ("single_choice", "multiple_choice"):
            _option_errors(question, at, add)
        if kind in ("likert", "recommend"):
            brand = question.get("brand")
            if brand is not None and not _is_int(brand):
                add(f"{at}.brand", _("must be a brand id"))
            elif brand is not None and brand_ids is not None and brand not in brand_ids:
                add(f"{at}.brand", _("is not one of the brands under study"))
            measure = question.get("measure", "favourability") if kind == "likert" else "recommend"
            if measure not in (*MEASURES, "recommend"):
                add(f"{at}.measure", _("must be favourability, satisfaction or purchase_intent"))
            elif brand is not None:
                _once(singles, f"{brand}:{measure}", f"{at}.brand", add)
        if kind == "open_text":
            size = question.get("max_length", DEFAULT_OPEN_TEXT)
            if not _is_int(size) or not 1 <= size <= MAX_OPEN_TEXT:
                add(f"{at}.max_length", _("must be a whole number from 1 to 2000"))
            role = question.get("role", "")
            if role not in OPEN_TEXT_ROLES:
                add(f"{at}.role", _("must be empty or unaided"))
            elif role == "unaided":
                _once(singles, "unaided", f"{at}.role", add)
        if kind == "brand_awareness":
            _once(singles, "awareness", f"{at}.kind", add)
            brands = question.get("brands")
            if brands is not None and (
                not isinstance(brands, list) or not brands or not all(_is_int(b) for b in brands)
            ):
                add(f"{at}.brands", _("must be a list of brand ids"))
            elif brands is not None and len(set(brands)) != len(brands):
                add(f"{at}.brands", _("lists a brand twice"))
            elif brands is not None and brand_ids is not None and not set(brands) <= brand_ids:
                add(f"{at}.brands", _("lists a brand that is not under study"))
    return errors


def _option_errors(question: dict[str, Any], at: str, add: Any) -> None:
    options = question.get("options")
    if not isinstance(options, list) or not 2 <= len(options) <= MAX_OPTIONS:
        add(f"{at}.options", _("must list 2 to 30 options"))
        return
    seen: set[str] = set()
    for j, option in enumerate(options):
        code = option.get("code") if isinstance(option, dict) else None
        if not isinstance(option, dict) or set(option) != {"code", "text"}:
            add(f"{at}.options[{j}]", _("must be an object with code and text"))
        elif not isinstance(code, str) or not CODE.match(code) or code in seen:
            add(f"{at}.options[{j}].code", _("must be a unique lower-case code"))
        elif not _text_ok(option.get("text")):
            add(f"{at}.options[{j}].text", _("must be text of 1–300 characters"))
        if isinstance(code, str):
            seen.add(code)
    most = question.get("max_choices")
    if most is not None and (not _is_int(most) or not 1 <= most <= len(options)):
        add(f"{at}.max_choices", _("must be a whole number from 1 to the number of options"))


def _once(singles: dict[str, str], key: str, at: str, add: Any) -> None:
    if key in singles:
        add(at, _("is asked twice (also at %(other)s)") % {"other": singles[key]})
    else:
        singles[key] = at


def _share_errors(shares: object) -> list[str]:
    if not isinstance(shares, dict):
        return [str(_("must map each group to its population share"))]
    total = Decimal(0)
    for code, share in shares.items():
        if not isinstance(code, str) or not 0 < len(code) <= 40:
            return [str(_("group codes are text of 1–40 characters"))]
        try:
            value = Decimal(str(share))
        except InvalidOperation:
            return [str(_("every share must be a number"))]
        if not value.is_finite() or not 0 < value <= 1:
            return [str(_("every share must be above 0 and at most 1"))]
        total += value
    if shares and total != 1:
        return [str(_("the shares must sum to exactly 1"))]
    return []


class SurveyQuerySet(models.QuerySet["Survey"]):
    def visible_to(self, actor: Any) -> SurveyQuerySet:
        """System administrators: every survey; department staff: their department's; district staff: their
        district government's. Nobody else (the public answers through the token)."""
        scope = actor_scope(actor)
        if scope.is_admin:
            return self.all()
        q = Q(pk__in=[])
        if scope.department_ids:
            q |= Q(organisation_id__in=scope.department_ids)
        if scope.district_ids:
            q |= Q(organisation__kind="district", organisation__district_id__in=scope.district_ids)
        return self.filter(q)


class Survey(BaseModel):
    """A questionnaire about brands, run by a department or district government, answered through a link."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("introduction"), blank=True, max_length=2000)
    purpose = models.CharField(_("purpose"), max_length=20, choices=SurveyPurpose.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("run by")
    )
    brands = models.ManyToManyField(Brand, related_name="surveys", verbose_name=_("brands under study"))
    brand_aliases = models.JSONField(
        _("brand aliases"), default=dict, blank=True
    )  # brand id (text) → other names matched in unaided answers
    questions = models.JSONField(_("questions"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT, db_index=True
    )
    open_from = models.DateTimeField(_("open from"), null=True, blank=True)
    open_to = models.DateTimeField(_("open to"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    token = models.CharField(_("public token"), max_length=43, unique=True)
    fingerprint_salt = models.CharField(_("fingerprint salt"), max_length=64, editable=False)
    weighting_by = models.CharField(
        _("weighting"), max_length=20, choices=SurveyWeighting.choices, default="", blank=True
    )
    population_shares = models.JSONField(
        _("population shares"), default=dict, blank=True
    )  # weighting group (district code or group label) → share as text; sums to 1
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "open", "closed"]), name="evaluation_survey_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(purpose__in=["consumer", "stakeholder"]), name="evaluation_survey_purpose_valid"
            ),
            models.CheckConstraint(
                condition=Q(open_from__isnull=True) | Q(open_to__isnull=True) | Q(open_to__gt=F("open_from")),
                name="evaluation_survey_window_ordered",
            ),
            models.CheckConstraint(
                condition=Q(token__regex=TOKEN_PATTERN), name="evaluation_survey_token_format"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        for key, messages in survey_question_errors(self.questions).items():
            errors.setdefault("questions" if key.startswith("questions") else key, []).extend(
                f"{key}: {m}" for m in messages
            )
        shares = _share_errors(self.population_shares)
        if shares:
            errors["population_shares"] = shares
        elif self.weighting_by and not self.population_shares:
            errors["population_shares"] = [str(_("weighting needs the population share of each group"))]
        elif self.population_shares and not self.weighting_by:
            errors["weighting_by"] = [str(_("say what the population shares are groups of"))]
        aliases = self.brand_aliases
        if not isinstance(aliases, dict) or not all(
            isinstance(k, str)
            and k.isdigit()
            and isinstance(v, list)
            and len(v) <= MAX_ALIASES
            and all(_text_ok(a, 100) for a in v)
            for k, v in aliases.items()
        ):
            errors["brand_aliases"] = [str(_("must map brand ids to at most 10 names each"))]
        if errors:
            raise ValidationError(errors)

    def accepts_responses(self, at: Any) -> bool:
        """Open, and `at` (an aware datetime) inside the window when one is set."""
        return (
            self.status == SurveyStatus.OPEN
            and (self.open_from is None or at >= self.open_from)
            and (self.open_to is None or at <= self.open_to)
        )


class SurveyResponse(BaseModel):
    """One submitted questionnaire. The respondent is known only by a salted fingerprint (HMAC-SHA-256 of the
    session, browser and optional phone; never the raw values): the first valid response per fingerprint
    counts, later ones are kept as duplicates and left out of the results."""

    survey = models.ForeignKey(
        Survey, on_delete=models.PROTECT, related_name="responses", verbose_name=_("survey")
    )
    answers = models.JSONField(_("answers"), default=dict)  # question code → answer, as validated
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)
    fingerprint = models.CharField(_("respondent fingerprint"), max_length=64)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    weight_group = models.CharField(_("respondent group"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SurveyResponseStatus.choices, default=SurveyResponseStatus.VALID
    )
    status_reason = models.CharField(_("reason"), max_length=500, blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rejected by"),
    )
    rejected_at = models.DateTimeField(_("rejected at"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        indexes = [
            models.Index(fields=["survey", "fingerprint"], name="evaluation_sr_fingerprint_idx"),
            models.Index(fields=["survey", "status"], name="evaluation_sr_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "fingerprint"],
                condition=Q(status="valid"),
                name="evaluation_survey_response_one_valid_per_fingerprint",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["valid", "duplicate", "rejected"]),
                name="evaluation_survey_response_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(status_reason=""),
                name="evaluation_survey_response_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(fingerprint__regex=r"^[0-9a-f]{64}$"),
                name="evaluation_survey_response_fingerprint_sha256",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey_id} #{self.pk} ({self.status})"
