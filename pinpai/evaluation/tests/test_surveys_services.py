"""Survey services: who may create, open, close and reject; validation of the questionnaire and of answers with
exact fields; de-duplication by fingerprint; what is audited (staff actions) and what is not (responses)."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from pinpai.audit.models import AuditEvent
from pinpai.evaluation.exceptions import (
    SurveyInvalid,
    SurveyNotOpen,
    SurveyResponseInvalid,
    SurveyResponseTooMany,
    SurveyTransitionNotAllowed,
)
from pinpai.evaluation.models import Survey, SurveyResponse
from pinpai.evaluation.permissions import can_survey_create, can_survey_response_submit
from pinpai.evaluation.services import (
    survey_create,
    survey_open,
    survey_response_reject,
    survey_update,
)
from pinpai.evaluation.tests.test_surveys_support import (  # noqa: F401 - fixtures, used by name
    answers,
    brands_fixture,
    close,
    fuling_government_fixture,
    open_survey_fixture,
    questions,
    submit,
    survey_fixture,
)

pytestmark = pytest.mark.django_db


def _events(prefix="evaluation.survey"):
    return AuditEvent.objects.filter(action__startswith=prefix).order_by("sequence")


# ---------------------------------------------------------------- staff


def test_district_staff_draft_a_survey_with_a_token_and_an_audit_event(survey, district_user, brands):
    survey.refresh_from_db()
    assert (survey.status, survey.purpose, survey.created_by) == ("draft", "consumer", district_user)
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", survey.token)
    assert re.fullmatch(r"[0-9a-f]{32}", survey.fingerprint_salt)
    assert sorted(survey.brands.values_list("pk", flat=True)) == sorted(b.pk for b in brands)
    event = _events().get()
    assert (event.action, event.actor_id, event.target_id) == (
        "evaluation.survey.created", district_user.pk, str(survey.pk),
    )  # fmt: skip
    assert event.changes["title"] == [None, "涪陵榨菜品牌认知调查"]
    assert event.changes["brands"] == [None, sorted(b.pk for b in brands)]
    assert "fingerprint_salt" not in event.changes


def test_a_bad_questionnaire_names_every_problem_and_writes_nothing(district_user, fuling_government, brands):
    before = AuditEvent.objects.count()
    bad = [
        {"code": "Q1", "kind": "likert", "text": "好感", "brand": 999999},
        {"code": "q2", "kind": "single_choice", "text": "", "options": [{"code": "a", "text": "甲"}]},
        {"code": "q3", "kind": "ranking", "text": "排序"},
        {"code": "q4", "kind": "open_text", "text": "说说", "max_length": 5000, "colour": "red"},
    ]
    with pytest.raises(SurveyInvalid) as caught:
        survey_create(
            actor=district_user,
            organisation=fuling_government,
            title="坏问卷",
            purpose="consumer",
            brands=list(brands),
            questions=bad,
        )

    errors = caught.value.extra["errors"]
    assert sorted(errors) == ["questions"]
    assert [m.split(":")[0] for m in errors["questions"]] == [
        "questions[0].code",
        "questions[1].text",
        "questions[1].options",
        "questions[2].kind",
        "questions[3].colour",
        "questions[3].max_length",
    ]
    assert (Survey.objects.count(), AuditEvent.objects.count()) == (0, before)


def test_a_question_about_a_brand_not_under_study_is_refused(district_user, fuling_government, brands):
    with pytest.raises(SurveyInvalid) as caught:
        survey_create(
            actor=district_user,
            organisation=fuling_government,
            title="问卷",
            purpose="stakeholder",
            brands=[brands[0]],
            questions=[{"code": "q1", "kind": "likert", "text": "好感", "brand": brands[1].pk}],
        )

    assert caught.value.extra["errors"] == {
        "questions[0].brand": ["不是调查品牌之一"]
    }  # the default language
    assert Survey.objects.count() == 0


def test_enterprise_users_and_other_districts_may_not_run_surveys(
    enterprise_user, department_user, fuling_government, brands
):
    from pinpai.accounts.models import Organisation

    assert can_survey_create(enterprise_user, organisation=fuling_government) is False
    assert can_survey_create(department_user, organisation=fuling_government) is False
    assert can_survey_create(
        department_user, organisation=Organisation.objects.get(reference_key="department:市农委")
    )
    assert can_survey_response_submit(None, survey=None) is True
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        survey_create(
            actor=enterprise_user,
            organisation=fuling_government,
            title="问卷",
            purpose="consumer",
            brands=list(brands),
            questions=[],
        )
    assert (Survey.objects.count(), AuditEvent.objects.count()) == (0, before)


def test_a_draft_is_edited_and_audited_but_an_open_survey_is_not(survey, district_user, brands):
    survey_update(actor=district_user, survey=survey, title="新标题", brands=[brands[0]])

    event = _events("evaluation.survey.updated").get()
    assert event.changes == {
        "brands": [sorted(b.pk for b in brands), [brands[0].pk]],
        "title": ["涪陵榨菜品牌认知调查", "新标题"],
    }

    # the questions still name brands[1] only through the awareness grid (all brands), so this is fine
    survey_update(actor=district_user, survey=survey, brands=list(brands))
    opened = survey_open(actor=district_user, survey=survey)
    with pytest.raises(SurveyTransitionNotAllowed) as caught:
        survey_update(actor=district_user, survey=opened, title="再改")
    assert caught.value.extra == {"current_status": "open"}


def test_open_and_close_are_audited_with_the_response_counts(open_survey, district_user, brands):
    submit(open_survey, answers(brands), session="a")
    submit(open_survey, answers(brands), session="a")
    closed = close(district_user, open_survey)

    assert closed.status == "closed"
    assert closed.closed_at is not None
    opened, closed_event = _events("evaluation.survey.opened"), _events("evaluation.survey.closed").get()
    assert opened.get().changes == {"status": ["draft", "open"]}
    assert closed_event.changes == {
        "status": ["open", "closed"],
        "responses": [None, {"valid": 1, "duplicate": 1, "rejected": 0}],
    }
    with pytest.raises(SurveyTransitionNotAllowed):
        close(district_user, closed)


def test_a_survey_without_questions_cannot_open(district_user, fuling_government, brands):
    empty = survey_create(
        actor=district_user,
        organisation=fuling_government,
        title="空问卷",
        purpose="consumer",
        brands=list(brands),
        questions=[],
    )
    with pytest.raises(SurveyInvalid) as caught:
        survey_open(actor=district_user, survey=empty)
    assert caught.value.extra["errors"] == {"questions": ["a survey needs at least one question"]}


# ---------------------------------------------------------------- responses


def test_a_valid_response_is_stored_with_a_fingerprint_and_no_audit_event(open_survey, brands):
    before = AuditEvent.objects.count()
    response = submit(open_survey, answers(brands, why=["origin", "taste"]), phone="+86 138-0000-0000")

    response.refresh_from_db()
    assert response.status == "valid"
    assert response.answers == {
        "aware": {str(brands[0].pk): "heard", str(brands[1].pk): "unaware"},
        "recall": "测试榨菜",
        "like1": 4,
        "why": ["taste", "origin"],
    }
    assert re.fullmatch(r"[0-9a-f]{64}", response.fingerprint)
    assert "13800000000" not in str(SurveyResponse.objects.values().get())
    assert AuditEvent.objects.count() == before


def test_every_bad_answer_is_named_with_its_field_and_rule(open_survey, brands):
    first, second = brands
    body = {
        "aware": {str(first.pk): "heard", "123456": "heard"},
        "like1": 6,
        "nps1": "9",
        "channel": "shop",
        "why": ["taste", "price", "origin"],
        "bogus": 1,
    }
    with pytest.raises(SurveyResponseInvalid) as caught:
        submit(open_survey, body, phone="12345")

    assert [(e["field"], e["rule"]) for e in caught.value.errors] == [
        ("answers.bogus", "unknown_question"),
        ("answers.aware.123456", "unknown_brand"),
        (f"answers.aware.{second.pk}", "required"),
        ("answers.recall", "required"),
        ("answers.like1", "out_of_range"),
        ("answers.nps1", "not_an_integer"),
        ("answers.channel", "invalid_option"),
        ("answers.why", "too_many"),
        ("phone", "invalid_phone"),
    ]
    assert SurveyResponse.objects.count() == 0


def test_a_second_response_from_the_same_browser_or_phone_is_a_duplicate(open_survey, brands):
    first = submit(open_survey, answers(brands), session="a")
    again = submit(open_survey, answers(brands, like1=1), session="a")
    by_phone = submit(open_survey, answers(brands), session="b", phone="13800000000")
    same_phone_new_browser = submit(open_survey, answers(brands), session="c", phone="138 0000 0000")
    someone_else = submit(open_survey, answers(brands), session="d")

    assert [r.status for r in (first, again, by_phone, same_phone_new_browser, someone_else)] == [
        "valid", "duplicate", "valid", "duplicate", "valid",
    ]  # fmt: skip
    assert again.fingerprint == first.fingerprint


def test_a_respondent_resubmitting_again_and_again_is_refused_after_three_duplicates(open_survey, brands):
    for _ in range(4):
        submit(open_survey, answers(brands), session="bot")

    with pytest.raises(SurveyResponseTooMany) as caught:
        submit(open_survey, answers(brands), session="bot")
    assert caught.value.status == 429
    assert SurveyResponse.objects.filter(status="duplicate").count() == 3


def test_fingerprints_differ_between_surveys(open_survey, district_user, fuling_government, brands):
    other = survey_open(
        actor=district_user,
        survey=survey_create(
            actor=district_user,
            organisation=fuling_government,
            title="另一份",
            purpose="consumer",
            brands=list(brands),
            questions=questions(*brands),
        ),
    )
    one = submit(open_survey, answers(brands), phone="13800000000")
    two = submit(other, answers(brands), phone="13800000000")

    assert one.fingerprint != two.fingerprint


def test_drafts_closed_surveys_and_surveys_outside_their_window_take_no_response(
    survey, district_user, brands
):
    with pytest.raises(SurveyNotOpen):
        submit(survey, answers(brands))
    survey_update(actor=district_user, survey=survey, open_from=timezone.now() + datetime.timedelta(days=1))
    opened = survey_open(actor=district_user, survey=survey)
    with pytest.raises(SurveyNotOpen):
        submit(opened, answers(brands))
    assert SurveyResponse.objects.count() == 0


def test_staff_reject_a_response_with_a_reason_and_it_is_audited(open_survey, district_user, brands):
    response = submit(open_survey, answers(brands))
    with pytest.raises(SurveyInvalid):
        survey_response_reject(actor=district_user, response=response, reason="  ")
    rejected = survey_response_reject(actor=district_user, response=response, reason="测试数据")

    assert (rejected.status, rejected.status_reason, rejected.rejected_by) == (
        "rejected",
        "测试数据",
        district_user,
    )
    event = _events("evaluation.survey_response.rejected").get()
    assert event.changes == {
        "status": ["valid", "rejected"],
        "reason": [None, "测试数据"],
        "survey": [None, open_survey.pk],
    }
    with pytest.raises(SurveyTransitionNotAllowed):
        survey_response_reject(actor=district_user, response=rejected, reason="再次")
    # the same respondent cannot come back in after a rejection
    assert submit(open_survey, answers(brands)).status == "duplicate"


def test_other_users_may_not_reject(open_survey, brands, enterprise_user, department_user):
    response = submit(open_survey, answers(brands))
    before = AuditEvent.objects.count()
    for actor in (enterprise_user, department_user, None):
        with pytest.raises(PermissionDenied):
            survey_response_reject(actor=actor, response=response, reason="无效")
    response.refresh_from_db()
    assert (response.status, AuditEvent.objects.count()) == ("valid", before)
