"""Survey writes: staff create, edit (drafts), open and close surveys and reject responses; anyone responds.

Audit: every staff action is audited (`evaluation.survey.*`, `evaluation.survey_response.rejected`). A public
response is **not** audited one by one: the chain is append-only and every event keeps the client IP and
request id for ever, so an event per response would both flood the chain and keep personal data about
anonymous respondents that the survey itself never stores. The response row is the record (with its
fingerprint and status); closing a survey audits the counts of valid, duplicate and rejected responses, which
pins the totals the published results rest on.

De-duplication: the first valid response per respondent fingerprint counts. A later one from the same
fingerprint is stored as `duplicate` (kept as evidence, left out of the results; the respondent is told only
the first answer counts). Past `MAX_DUPLICATES` stored duplicates a fingerprint is refused (429) and nothing
is stored, so a script resubmitting from one browser cannot fill the table. A conditional unique constraint
(one valid response per survey and fingerprint) makes the rule hold under concurrent submissions.
"""

from __future__ import annotations

import datetime
import re
import secrets
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.crypto import salted_hmac

from pinpai.accounts.models import Organisation
from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record, model_changes
from pinpai.common.models import District
from pinpai.common.validation import full_clean_or_raise
from pinpai.evaluation.exceptions import (
    SurveyInvalid,
    SurveyNotOpen,
    SurveyResponseInvalid,
    SurveyResponseTooMany,
    SurveyTransitionNotAllowed,
)
from pinpai.evaluation.models import (
    Survey,
    SurveyResponse,
    SurveyResponseStatus,
    SurveyStatus,
    SurveyWeighting,
)
from pinpai.evaluation.models.surveys import AWARENESS_LEVELS, DEFAULT_OPEN_TEXT, survey_question_errors
from pinpai.evaluation.permissions import (
    can_survey_close,
    can_survey_create,
    can_survey_open,
    can_survey_response_reject,
    can_survey_response_submit,
    can_survey_update,
)
from pinpai.registry.models import Brand

MAX_DUPLICATES = 3  # stored duplicates per fingerprint and survey; more are refused
EDITABLE_FIELDS = (
    "title",
    "description",
    "purpose",
    "questions",
    "brand_aliases",
    "open_from",
    "open_to",
    "weighting_by",
    "population_shares",
    "is_demo",
)
MOBILE = re.compile(r"^1[0-9]{10}$")
FINGERPRINT_SALT = "pinpai.evaluation.survey_response.fingerprint."


@dataclass(frozen=True)
class RespondentKey:
    """What identifies a respondent for de-duplication; only its salted hash is stored.

    A phone number, when given, is the identity (one answer per phone); otherwise the caller's reference (a
    panel or interviewer's respondent id, API only); otherwise the browser session with its user agent."""

    session_key: str = ""
    user_agent: str = ""
    phone: str = ""
    reference: str = ""


# ---------------------------------------------------------------- staff


def _brands_checked(actor: Any, brands: Sequence[Brand]) -> list[Brand]:
    ids = {b.pk for b in brands}
    if len(ids) != len(brands):
        raise SurveyInvalid("brands: a brand is listed twice", extra={"errors": {"brands": ["listed twice"]}})
    if Brand.objects.visible_to(actor).filter(pk__in=ids).count() != len(ids):
        raise SurveyInvalid("brands: unknown brand", extra={"errors": {"brands": ["unknown brand"]}})
    return list(brands)


def _survey_checked(survey: Survey, brands: Sequence[Brand]) -> None:
    """The row's own rules (`clean`), then what needs the brands and the reference data."""
    full_clean_or_raise(survey, SurveyInvalid)
    brand_ids = {b.pk for b in brands}
    errors = survey_question_errors(survey.questions, brand_ids)
    if not set(survey.brand_aliases) <= {str(pk) for pk in brand_ids}:
        errors["brand_aliases"] = ["names a brand that is not under study"]
    if survey.weighting_by == SurveyWeighting.DISTRICT:
        codes = set(survey.population_shares)
        if District.objects.filter(code__in=codes).count() != len(codes):
            errors["population_shares"] = ["weighting by district needs district codes"]
    if errors:
        detail = "; ".join(f"{key}: {' '.join(messages)}" for key, messages in errors.items())
        raise SurveyInvalid(detail, extra={"errors": errors})


def _snapshot(survey: Survey, brand_ids: Sequence[int]) -> dict[str, Any]:
    return {
        **{name: getattr(survey, name) for name in EDITABLE_FIELDS},
        "brands": sorted(brand_ids),
    }


@transaction.atomic
def survey_create(
    *,
    actor: Any,
    organisation: Organisation,
    title: str,
    purpose: str,
    brands: Sequence[Brand],
    questions: list[Any],
    description: str = "",
    brand_aliases: Mapping[str, list[str]] | None = None,
    open_from: datetime.datetime | None = None,
    open_to: datetime.datetime | None = None,
    weighting_by: str = "",
    population_shares: Mapping[str, str] | None = None,
    is_demo: bool = False,
) -> Survey:
    """Draft a survey about `brands` for `organisation`, with a fresh public token and fingerprint salt."""
    if not can_survey_create(actor, organisation=organisation):
        raise PermissionDenied
    chosen = _brands_checked(actor, brands)
    survey = Survey(
        organisation=organisation,
        title=title.strip(),
        description=description.strip(),
        purpose=purpose,
        questions=questions,
        brand_aliases=dict(brand_aliases or {}),
        open_from=open_from,
        open_to=open_to,
        weighting_by=weighting_by,
        population_shares=dict(population_shares or {}),
        is_demo=is_demo,
        token=secrets.token_urlsafe(16),
        fingerprint_salt=secrets.token_hex(16),
        created_by=actor,
    )
    _survey_checked(survey, chosen)
    survey.save()
    survey.brands.set(chosen)
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_SURVEY_CREATED,
        target=survey,
        changes=model_changes(None, _snapshot(survey, [b.pk for b in chosen])),
    )
    return survey


def _locked(survey: Survey) -> Survey:
    return Survey.objects.select_for_update().select_related("organisation").get(pk=survey.pk)


@transaction.atomic
def survey_update(
    *, actor: Any, survey: Survey, brands: Sequence[Brand] | None = None, **fields: Any
) -> Survey:
    """Edit a draft: any of EDITABLE_FIELDS and the brands under study."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        message = f"these fields cannot be changed here: {', '.join(sorted(unknown))}"
        raise SurveyInvalid(
            message, extra={"errors": {key: ["cannot be changed"] for key in sorted(unknown)}}
        )
    s = _locked(survey)
    if not can_survey_update(actor, survey=s):
        raise PermissionDenied
    if s.status != SurveyStatus.DRAFT:
        raise SurveyTransitionNotAllowed(
            f"Only a draft survey can be edited; this one is {s.status}.", extra={"current_status": s.status}
        )
    current = list(s.brands.all())
    before = _snapshot(s, [b.pk for b in current])
    chosen = _brands_checked(actor, brands) if brands is not None else current
    for key, value in fields.items():
        setattr(s, key, value.strip() if isinstance(value, str) and key != "weighting_by" else value)
    _survey_checked(s, chosen)
    s.save()
    if brands is not None:
        s.brands.set(chosen)
    changes = model_changes(before, _snapshot(s, [b.pk for b in chosen]))
    if changes:
        audit_record(actor=actor, action=AuditAction.EVALUATION_SURVEY_UPDATED, target=s, changes=changes)
    return s


@transaction.atomic
def survey_open(*, actor: Any, survey: Survey) -> Survey:
    """Publish the questionnaire at its link: a draft with at least one brand and one question."""
    s = _locked(survey)
    if not can_survey_open(actor, survey=s):
        raise PermissionDenied
    if s.status != SurveyStatus.DRAFT:
        raise SurveyTransitionNotAllowed(
            f"Only a draft survey can be opened; this one is {s.status}.", extra={"current_status": s.status}
        )
    errors: dict[str, list[str]] = {}
    if not s.questions:
        errors["questions"] = ["a survey needs at least one question"]
    if not s.brands.exists():
        errors["brands"] = ["a survey needs at least one brand under study"]
    if errors:
        detail = "; ".join(f"{key}: {' '.join(m)}" for key, m in errors.items())
        raise SurveyInvalid(detail, extra={"errors": errors})
    s.status = SurveyStatus.OPEN
    s.opened_at = timezone.now()
    s.save(update_fields=["status", "opened_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_SURVEY_OPENED,
        target=s,
        changes={"status": ["draft", "open"]},
    )
    return s


@transaction.atomic
def survey_close(*, actor: Any, survey: Survey) -> Survey:
    """Stop taking responses. The audit event pins how many responses were valid, duplicate and rejected."""
    s = _locked(survey)
    if not can_survey_close(actor, survey=s):
        raise PermissionDenied
    if s.status != SurveyStatus.OPEN:
        raise SurveyTransitionNotAllowed(
            f"Only an open survey can be closed; this one is {s.status}.", extra={"current_status": s.status}
        )
    s.status = SurveyStatus.CLOSED
    s.closed_at = timezone.now()
    s.save(update_fields=["status", "closed_at", "updated_at"])
    counts = dict(
        SurveyResponse.objects.filter(survey=s).values_list("status").annotate(n=Count("pk")).order_by()
    )
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_SURVEY_CLOSED,
        target=s,
        changes={
            "status": ["open", "closed"],
            "responses": [None, {k: counts.get(k, 0) for k in SurveyResponseStatus.values}],
        },
    )
    return s


@transaction.atomic
def survey_response_reject(*, actor: Any, response: SurveyResponse, reason: str) -> SurveyResponse:
    """Take a valid response out of the results (a straight-liner, a test entry …), with the reason."""
    r = SurveyResponse.objects.select_for_update().select_related("survey__organisation").get(pk=response.pk)
    if not can_survey_response_reject(actor, response=r):
        raise PermissionDenied
    if r.status != SurveyResponseStatus.VALID:
        raise SurveyTransitionNotAllowed(
            f"Only a valid response can be rejected; this one is {r.status}.",
            extra={"current_status": r.status},
        )
    reason = reason.strip()
    if not reason:
        raise SurveyInvalid("reason: a rejection needs a reason", extra={"errors": {"reason": ["required"]}})
    r.status = SurveyResponseStatus.REJECTED
    r.status_reason = reason
    r.rejected_by = actor
    r.rejected_at = timezone.now()
    full_clean_or_raise(r, SurveyInvalid)
    r.save(update_fields=["status", "status_reason", "rejected_by", "rejected_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_SURVEY_RESPONSE_REJECTED,
        target=r,
        changes={"status": ["valid", "rejected"], "reason": [None, reason], "survey": [None, r.survey_id]},
    )
    return r


# ---------------------------------------------------------------- public


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not value)


def _integer(value: object, low: int, high: int) -> tuple[object, str | None]:
    if isinstance(value, bool) or not isinstance(value, int):
        return None, "not_an_integer"
    return (value, None) if low <= value <= high else (None, "out_of_range")


def _answer(
    question: Mapping[str, Any], value: object, brands: list[int]
) -> tuple[object, list[tuple[str, str]]]:
    """The cleaned answer, or the (sub-field, rule) problems; a sub-field "" is the answer itself."""
    kind = question["kind"]
    options = [o["code"] for o in question.get("options", [])]
    if kind == "single_choice":
        if not isinstance(value, str):
            return None, [("", "not_a_string")]
        return (value, []) if value in options else (None, [("", "invalid_option")])
    if kind == "multiple_choice":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None, [("", "not_a_list")]
        if len(set(value)) != len(value) or not set(value) <= set(options):
            return None, [("", "invalid_option")]
        if len(value) > question.get("max_choices", len(options)):
            return None, [("", "too_many")]
        return [o for o in options if o in value], []
    if kind in ("likert", "recommend"):
        cleaned, rule = _integer(value, *((1, 5) if kind == "likert" else (0, 10)))
        return cleaned, [] if rule is None else [("", rule)]
    if kind == "open_text":
        if not isinstance(value, str):
            return None, [("", "not_a_string")]
        text = value.strip()
        too_long = len(text) > question.get("max_length", DEFAULT_OPEN_TEXT)
        return (None, [("", "too_long")]) if too_long else (text, [])
    # brand awareness grid: {brand id: level} for every brand of the grid
    if not isinstance(value, dict):
        return None, [("", "not_an_object")]
    grid = question.get("brands") or brands
    problems = [(f".{key}", "unknown_brand") for key in value if key not in {str(b) for b in grid}]
    problems += [
        (f".{key}", "unknown_level")
        for key, level in value.items()
        if key in {str(b) for b in grid} and level not in AWARENESS_LEVELS
    ]
    problems += [(f".{b}", "required") for b in grid if str(b) not in value]
    return ({str(b): value[str(b)] for b in grid}, []) if not problems else (None, problems)


def _answers_checked(survey: Survey, answers: Mapping[str, Any], brand_ids: list[int]) -> dict[str, Any]:
    """Validate `answers` against the questionnaire; the cleaned answers (unanswered optional questions
    left out), or `SurveyResponseInvalid` naming every problem as `answers.<code>` and its rule."""
    errors: list[tuple[str, str]] = []
    known = {q["code"] for q in survey.questions}
    errors += [(f"answers.{code}", "unknown_question") for code in answers if code not in known]
    cleaned: dict[str, Any] = {}
    for question in survey.questions:
        code = question["code"]
        value = answers.get(code)
        if _empty(value):
            if question.get("required", True):
                errors.append((f"answers.{code}", "required"))
            continue
        answer, problems = _answer(question, value, brand_ids)
        errors += [(f"answers.{code}{sub}", rule) for sub, rule in problems]
        if not problems:
            cleaned[code] = answer
    if errors:
        raise SurveyResponseInvalid(errors)
    return cleaned


def _phone(key: RespondentKey) -> str:
    """NFKC, without spaces and dashes, without +86: "+86 138-0000-0000" → "13800000000"."""
    return re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", key.phone)).removeprefix("+86")


def _fingerprint(survey: Survey, key: RespondentKey) -> str:
    """HMAC-SHA-256 keyed with the site secret and the survey's own salt: the same respondent gives the same
    hash within a survey, different hashes across surveys, and the raw values cannot be recovered from a copy
    of the database (a phone number's small space would make a plain hash reversible)."""
    phone = _phone(key)
    if phone:
        basis = f"phone:{phone}"
    elif key.reference.strip():
        basis = f"reference:{key.reference.strip()}"
    else:
        basis = f"session:{key.session_key}\n{key.user_agent}"
    return salted_hmac(FINGERPRINT_SALT + survey.fingerprint_salt, basis, algorithm="sha256").hexdigest()


def _respondent_errors(
    survey: Survey, key: RespondentKey, district_code: str, weight_group: str
) -> tuple[District | None, list[tuple[str, str]]]:
    errors: list[tuple[str, str]] = []
    phone = _phone(key)
    if phone and not MOBILE.match(phone):
        errors.append(("phone", "invalid_phone"))
    if not (phone or key.reference.strip() or key.session_key):
        errors.append(("respondent", "required"))
    district = None
    by_district = survey.weighting_by == SurveyWeighting.DISTRICT
    if district_code:
        district = District.objects.filter(code=district_code).first()
        if district is None or (by_district and district_code not in survey.population_shares):
            errors.append(("district", "invalid_option"))
    elif by_district:
        errors.append(("district", "required"))
    by_group = survey.weighting_by == SurveyWeighting.GROUP
    if weight_group and (not by_group or weight_group not in survey.population_shares):
        errors.append(("weight_group", "invalid_option"))
    elif by_group and not weight_group:
        errors.append(("weight_group", "required"))
    return district, errors


@transaction.atomic
def survey_response_submit(
    *,
    actor: Any,
    survey: Survey,
    answers: Mapping[str, Any],
    respondent: RespondentKey,
    district_code: str = "",
    weight_group: str = "",
) -> SurveyResponse:
    """Record one questionnaire: validate every answer, then store it as `valid`, or as `duplicate` when the
    respondent's fingerprint already answered (see the module docstring). Not audited (see above)."""
    if not can_survey_response_submit(actor, survey=survey):
        raise PermissionDenied
    s = Survey.objects.get(pk=survey.pk)
    now = timezone.now()
    if not s.accepts_responses(now):
        raise SurveyNotOpen("This survey is not open for responses.", extra={"current_status": s.status})
    brand_ids = sorted(s.brands.values_list("pk", flat=True))
    district, errors = _respondent_errors(s, respondent, district_code.strip(), weight_group.strip())
    try:
        cleaned = _answers_checked(s, answers, brand_ids)
    except SurveyResponseInvalid as exc:
        errors = [(e["field"], e["rule"]) for e in exc.errors] + errors
    if errors:
        raise SurveyResponseInvalid(errors)
    fingerprint = _fingerprint(s, respondent)
    earlier = dict(
        SurveyResponse.objects.filter(survey=s, fingerprint=fingerprint)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    if earlier.get(SurveyResponseStatus.DUPLICATE, 0) >= MAX_DUPLICATES:
        raise SurveyResponseTooMany("This respondent has already answered this survey several times.")
    response = SurveyResponse(
        survey=s,
        answers=cleaned,
        submitted_at=now,
        fingerprint=fingerprint,
        district=district,
        weight_group=weight_group.strip(),
        status=SurveyResponseStatus.DUPLICATE if earlier else SurveyResponseStatus.VALID,
    )
    if response.status == SurveyResponseStatus.DUPLICATE:
        response.save()
        return response
    try:
        with transaction.atomic():  # a concurrent first answer from the same fingerprint won the race
            response.save()
    except IntegrityError:
        response.pk = None
        response.status = SurveyResponseStatus.DUPLICATE
        response.save(force_insert=True)
    return response
