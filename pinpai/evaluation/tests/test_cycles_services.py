"""Evaluation cycles through the services: the whole campaign end to end with exact statuses, stored numbers
re-derived by the engines and audit events; refusals; bad inputs as exact error codes and fields."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from engines import strength, valuation
from pinpai.audit.models import AuditEvent
from pinpai.evaluation.eligibility_hooks import (
    HookOutcome,
    eligibility_hook_register,
    eligibility_hook_unregister,
)
from pinpai.evaluation.exceptions import (
    ApplicationInvalid,
    ApplicationWindowClosed,
    ConflictDeclarationRequired,
    CycleInvalid,
    CycleTransitionNotAllowed,
    ExpertConflictOfInterest,
    ExpertNotOnPanel,
    ExpertScoreInvalid,
    NoticeWindowNotEnded,
    ObjectionsOpen,
    ObjectionWindowClosed,
    PanelTooSmall,
)
from pinpai.evaluation.models import (
    ApplicationFinancialYear,
    EligibilityCheck,
    EvaluationApplication,
    EvaluationCycle,
    EvaluationResult,
    ExpertScore,
    Objection,
)
from pinpai.evaluation.selectors.cycle_derivation import result_derivation
from pinpai.evaluation.selectors.cycles import eligibility_report, ranking_list
from pinpai.evaluation.services.cycle_applications import (
    application_approve,
    application_create,
    application_financials_set,
    application_submit,
)
from pinpai.evaluation.services.cycle_scoring import application_score, conflict_declare, expert_score_submit
from pinpai.evaluation.services.cycles import (
    cycle_close,
    cycle_notice_start,
    cycle_open,
    cycle_publish,
    cycle_review_start,
    cycle_scoring_start,
    objection_decide,
    objection_file,
)
from pinpai.evaluation.tests.cycles_world import (
    DATA_VALUES,
    EXPERT_SCORES,
    PARAMETERS,
    application_verified,
    cycle_draft,
    cycle_opened_with_panel,
    financials,
    world_build,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(reference):
    return world_build()


def errors_of(exc):
    return [(e["field"], e["rule"]) for e in exc.value.errors]


def actions():
    return list(
        AuditEvent.objects.filter(action__startswith="evaluation.")
        .order_by("sequence")
        .values_list("action", flat=True)
    )


def _notice_over(cycle):
    """Move the public notice into the past (the clock is not ours to turn)."""
    today = timezone.localdate()
    EvaluationCycle.objects.filter(pk=cycle.pk).update(
        notice_starts_on=today - datetime.timedelta(days=7), notice_ends_on=today - datetime.timedelta(days=1)
    )


def test_a_whole_cycle_from_the_call_to_the_published_ranking(world):
    cycle = cycle_opened_with_panel(world)
    assert cycle.status == "open"
    application = application_verified(world, cycle)
    assert application.status == "verified"
    report = eligibility_report(actor=world.owner, application=application)
    assert [(line.rule, line.outcome, line.reason) for line in report.lines] == [
        ("certificates_valid", "pass", "certificates_valid"),
        ("owner_active", "pass", "owner_active"),
        ("brand_published", "pass", "brand_published"),
        ("no_serious_dishonesty", "unknown", "credit_module_missing"),
        ("trace_data_complete", "unknown", "traceability_module_missing"),
    ]
    assert report.eligible is True

    cycle = cycle_scoring_start(actor=world.manager, cycle=cycle_close(actor=world.manager, cycle=cycle))
    conflicted = world.experts[3]
    conflict_declare(actor=conflicted, application=application, has_conflict=True, note="曾为该企业提供咨询")
    with pytest.raises(ExpertConflictOfInterest):
        expert_score_submit(actor=conflicted, application=application, scores=EXPERT_SCORES[0])
    for expert, scores in zip(world.experts[:3], EXPERT_SCORES, strict=True):
        conflict_declare(actor=expert, application=application, has_conflict=False)
        expert_score_submit(actor=expert, application=application, scores=scores)
    assert ExpertScore.objects.filter(application=application).count() == 6

    result = application_score(actor=world.manager, application=application)
    application.refresh_from_db()
    assert application.status == "valued"
    panel = {p["code"]: p for p in result.panel}
    assert (panel["service.customer_satisfaction"]["mean"], panel["service.customer_satisfaction"]["kept"]) == (
        "85.00", ["85.00"],
    )  # fmt: skip
    assert panel["service.customer_satisfaction"]["dropped"] == ["80.00", "90.00"]
    assert (panel["intangible.heritage"]["mean"], panel["intangible.heritage"]["std_dev"]) == (
        "70.00",
        "7.64",
    )
    assert (panel["intangible.heritage"]["minimum"], panel["intangible.heritage"]["maximum"]) == (
        "60.00",
        "75.00",
    )
    assert result.indicator_values == {
        **{k: (v if isinstance(v, bool) else str(v)) for k, v in DATA_VALUES.items()},
        "service.customer_satisfaction": "85.00",
        "intangible.heritage": "70.00",
    }
    assert (result.strength_index, result.strength_score_1000) == (STRENGTH_INDEX, STRENGTH_SCORE)
    assert result.value_yuan == VALUE
    assert (result.strength_engine_version, result.valuation_engine_version) == (
        "strength-2026.1",
        "valuation-2026.1",
    )
    assert result.valuation_inputs == {
        **PARAMETERS,
        "revenues": ["100000000.00", "108000000.00", "115000000.00"],
        "strength_index": format(STRENGTH_INDEX, "f"),
        "unit": "元",
        "currency": "CNY",
    }
    # re-derived from the stored inputs alone
    system = strength.system_get(result.system_code, result.system_version)
    assert strength.evaluate(system, result.indicator_values).index == result.strength_index
    assert valuation.compute(result.valuation_method, result.valuation_inputs).value == result.value_yuan

    cycle = cycle_review_start(actor=world.manager, cycle=cycle)
    application = application_approve(actor=world.manager, application=application)
    cycle = cycle_notice_start(actor=world.manager, cycle=cycle)
    today = timezone.localdate()
    assert (cycle.status, cycle.notice_starts_on, cycle.notice_ends_on) == (
        "notice", today, today + datetime.timedelta(days=6),
    )  # fmt: skip
    objection = objection_file(
        actor=None,
        application=application,
        text="品牌知名度数据偏高",
        contact_name="李四",
        contact="13800000000",
    )
    with pytest.raises(NoticeWindowNotEnded):
        cycle_publish(actor=world.manager, cycle=cycle)
    _notice_over(cycle)
    with pytest.raises(ObjectionsOpen) as still_open:
        cycle_publish(actor=world.manager, cycle=cycle)
    assert still_open.value.extra == {"objections": [objection.pk]}
    objection = objection_decide(
        actor=world.manager, objection=objection, upheld=False, reason="数据经中介机构核验"
    )
    assert (objection.status, objection.decided_by) == ("rejected", world.manager)

    cycle = cycle_publish(actor=world.manager, cycle=cycle)
    application.refresh_from_db()
    result.refresh_from_db()
    assert (cycle.status, application.status, result.rank) == ("published", "published", 1)
    rows = ranking_list(cycle=cycle)
    assert [(r.rank, r.brand_name, r.value_yuan, r.strength_index) for r in rows] == [
        (1, "测试榨菜", VALUE, STRENGTH_INDEX)
    ]
    derivation = result_derivation(actor=None, application=application)
    assert derivation.reproduced is True
    assert actions() == [
        "evaluation.cycle.created", "evaluation.cycle.opened",
        *["evaluation.panel_member.added"] * 4,
        "evaluation.application.created", "evaluation.application.financials_set",
        "evaluation.application.submitted", "evaluation.application.assigned", "evaluation.application.verified",
        "evaluation.cycle.closed", "evaluation.cycle.scoring_started",
        "evaluation.conflict.declared",
        *["evaluation.conflict.declared", "evaluation.expert_score.submitted"] * 3,
        "evaluation.application.scored", "evaluation.cycle.review_started", "evaluation.application.approved",
        "evaluation.cycle.notice_started", "evaluation.objection.filed", "evaluation.objection.decided",
        "evaluation.cycle.published",
    ]  # fmt: skip
    published = AuditEvent.objects.get(action="evaluation.cycle.published")
    assert published.changes == {
        "status": ["notice", "published"],
        "ranking": [None, [[application.pk, 1, format(VALUE, "f")]]],
    }


# The worked cycle: index 77.60 (776.00 on 0–1000); royalty relief on 100, 108, 115 million 元 → 39,269,823.40 元.
STRENGTH_INDEX = Decimal("77.60")
STRENGTH_SCORE = Decimal("776.00")
VALUE = Decimal("39269823.40")


# ---------------------------------------------------------------- refusals write nothing


def test_only_the_departments_of_the_pillar_create_and_manage_cycles(world):
    before = AuditEvent.objects.count()
    from pinpai.common.models import Pillar, Tier
    from pinpai.evaluation.services.cycles import cycle_create

    with pytest.raises(PermissionDenied):
        cycle_create(
            actor=world.other_manager, year=world.year, pillar=Pillar.objects.get(code="agri-processed"),
            tier=Tier.objects.get(code="regional"), title="x", system_code="gbt29186",
            valuation_method="royalty_relief", valuation_parameters=PARAMETERS,
            applications_open_on=timezone.localdate(), applications_close_on=timezone.localdate(),
            reference_date=timezone.localdate(),
        )  # fmt: skip
    cycle = cycle_draft(world)
    with pytest.raises(PermissionDenied):
        cycle_open(actor=world.other_manager, cycle=cycle)
    with pytest.raises(PermissionDenied):
        cycle_open(actor=world.owner, cycle=cycle)
    assert EvaluationCycle.objects.get().status == "draft"
    assert AuditEvent.objects.count() == before + 1  # the creation only


def test_an_enterprise_applies_only_for_its_own_brands_and_a_second_step_is_a_conflict(world):
    from pinpai.accounts.choices import Role
    from pinpai.accounts.tests.factories import user_with_role
    from pinpai.registry.tests.factories import make_enterprise

    cycle = cycle_opened_with_panel(world)
    stranger = user_with_role(
        Role.ENTERPRISE_USER, make_enterprise(name="重庆市奉节县测试果业有限公司", district_code="500236").organisation,
        username="stranger",
    )  # fmt: skip
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        application_create(actor=stranger, cycle=cycle, brand=world.brand)
    assert (EvaluationApplication.objects.count(), AuditEvent.objects.count()) == (0, before)
    with pytest.raises(CycleTransitionNotAllowed) as second:
        cycle_open(actor=world.manager, cycle=cycle)
    assert second.value.extra == {"current_status": "open"}
    assert second.value.status == 409


def test_experts_outside_the_panel_and_without_a_declaration_cannot_score(world):
    from pinpai.accounts.choices import Role
    from pinpai.accounts.tests.factories import user_with_role

    cycle = cycle_opened_with_panel(world)
    application = application_verified(world, cycle)
    cycle_scoring_start(actor=world.manager, cycle=cycle_close(actor=world.manager, cycle=cycle))
    outsider = user_with_role(
        Role.EXPERT, world.experts[0].memberships.get().organisation, username="outsider"
    )
    with pytest.raises(ExpertNotOnPanel) as refused:
        expert_score_submit(actor=outsider, application=application, scores=EXPERT_SCORES[0])
    assert (refused.value.code, refused.value.status) == ("expert_not_on_panel", 403)
    with pytest.raises(ConflictDeclarationRequired):
        expert_score_submit(actor=world.experts[0], application=application, scores=EXPERT_SCORES[0])
    with pytest.raises(PermissionDenied):
        expert_score_submit(actor=world.owner, application=application, scores=EXPERT_SCORES[0])
    assert ExpertScore.objects.count() == 0


def test_scoring_needs_the_cycles_minimum_of_experts(world):
    cycle = cycle_opened_with_panel(world)
    application = application_verified(world, cycle)
    cycle_scoring_start(actor=world.manager, cycle=cycle_close(actor=world.manager, cycle=cycle))
    for expert, scores in zip(world.experts[:2], EXPERT_SCORES, strict=False):
        conflict_declare(actor=expert, application=application, has_conflict=False)
        expert_score_submit(actor=expert, application=application, scores=scores)
    before = AuditEvent.objects.count()
    with pytest.raises(PanelTooSmall) as small:
        application_score(actor=world.manager, application=application)
    assert small.value.extra == {"indicator": "service.customer_satisfaction", "scored": 2, "required": 3}
    assert (EvaluationResult.objects.count(), AuditEvent.objects.count()) == (0, before)


# ---------------------------------------------------------------- bad inputs: the field and the rule


def test_a_cycle_with_bad_settings_names_every_field_and_rule(world):
    today = timezone.localdate()
    with pytest.raises(CycleInvalid) as bad:
        cycle_draft(
            world,
            system_code="iso20671",
            valuation_parameters={**PARAMETERS, "discount_rate": "0.02", "revenues": [1]},
            applications_close_on=today - datetime.timedelta(days=5),
            min_experts=2,
        )
    assert errors_of(bad) == [
        ("system_code", "unknown_system"),
        ("valuation_parameters.revenues", "supplied_by_application"),
        ("applications_close_on", "dates_not_ordered"),
        ("min_experts", "panel_too_small_for_trim"),
    ]
    with pytest.raises(CycleInvalid) as rates:
        cycle_draft(world, valuation_parameters={**PARAMETERS, "discount_rate": "0.02"})
    assert errors_of(rates) == [("valuation_parameters.discount_rate", "not_above_growth")]
    assert EvaluationCycle.objects.count() == 0


def test_financials_reject_a_negative_revenue_and_a_missing_year(world):
    cycle = cycle_opened_with_panel(world)
    application = application_create(actor=world.owner, cycle=cycle, brand=world.brand)
    years = financials(world.year)
    years[2] = {**years[2], "revenue_yuan": "-5"}
    with pytest.raises(ApplicationInvalid) as negative:
        application_financials_set(actor=world.owner, application=application, years=years)
    assert (negative.value.code, negative.value.status) == ("application_invalid", 422)
    assert errors_of(negative) == [("financials[2].revenue_yuan", "negative")]
    assert ApplicationFinancialYear.objects.count() == 0

    gap = [y for y in financials(world.year) if y["year"] != world.year - 2]
    application_financials_set(actor=world.owner, application=application, years=gap)
    with pytest.raises(ApplicationInvalid) as missing:
        application_submit(actor=world.owner, application=application)
    assert errors_of(missing) == [(f"financials.{world.year - 2}", "missing_year")]
    assert EligibilityCheck.objects.count() == 0
    application.refresh_from_db()
    assert application.status == "draft"


def test_expert_scores_out_of_range_are_refused(world):
    cycle = cycle_opened_with_panel(world)
    application = application_verified(world, cycle)
    cycle_scoring_start(actor=world.manager, cycle=cycle_close(actor=world.manager, cycle=cycle))
    conflict_declare(actor=world.experts[0], application=application, has_conflict=False)
    with pytest.raises(ExpertScoreInvalid) as bad:
        expert_score_submit(
            actor=world.experts[0],
            application=application,
            scores={
                "service.customer_satisfaction": "101",
                "intangible.heritage": "-1",
                "quality.pass_rate": "9",
            },
        )
    assert errors_of(bad) == [
        ("scores.quality.pass_rate", "not_applicable"),
        ("scores.service.customer_satisfaction", "out_of_range"),
        ("scores.intangible.heritage", "out_of_range"),
    ]
    assert ExpertScore.objects.count() == 0


def test_verification_names_the_bad_indicator_values(world):
    from pinpai.evaluation.services.cycle_applications import application_assign, application_verify

    cycle = cycle_opened_with_panel(world)
    application = application_create(actor=world.owner, cycle=cycle, brand=world.brand)
    application_financials_set(actor=world.owner, application=application, years=financials(world.year))
    application_submit(actor=world.owner, application=application)
    application_assign(actor=world.manager, application=application, intermediary=world.intermediary)
    values = {**DATA_VALUES, "quality.pass_rate": "101", "intangible.heritage": "50"}
    del values["intangible.gi"]
    with pytest.raises(PermissionDenied):
        application_verify(actor=world.owner, application=application, indicator_values=DATA_VALUES)
    with pytest.raises(ApplicationInvalid) as bad:
        application_verify(actor=world.evaluator, application=application, indicator_values=values)
    assert errors_of(bad) == [
        ("indicator_values.intangible.heritage", "not_applicable"),
        ("indicator_values.quality.pass_rate", "out_of_range"),
        ("indicator_values.intangible.gi", "required"),
    ]


def test_objections_are_heard_only_during_the_notice(world):
    cycle = cycle_opened_with_panel(world)
    application = application_verified(world, cycle)
    with pytest.raises(ObjectionWindowClosed):
        objection_file(actor=world.owner, application=application, text="异议")
    assert Objection.objects.count() == 0


def test_an_objection_after_the_window_is_refused(world):
    application, cycle = _on_notice(world)
    _notice_over(cycle)
    with pytest.raises(ObjectionWindowClosed) as late:
        objection_file(actor=world.owner, application=application, text="异议")
    assert (late.value.code, late.value.status) == ("objection_window_closed", 409)
    assert Objection.objects.count() == 0


def test_an_anonymous_objection_needs_a_contact_and_an_upheld_one_returns_the_application(world):
    application, cycle = _on_notice(world)
    with pytest.raises(Exception) as bad:  # noqa: PT011 - the exact class is asserted below
        objection_file(actor=None, application=application, text=" ")
    assert bad.value.code == "objection_invalid"
    assert errors_of(bad) == [("text", "required"), ("contact_name", "required"), ("contact", "required")]
    objection = objection_file(actor=world.owner, application=application, text="数据有误")
    objection_decide(actor=world.manager, objection=objection, upheld=True, reason="核实后数据有误")
    application.refresh_from_db()
    assert (application.status, application.status_reason) == ("returned", "核实后数据有误")
    _notice_over(cycle)
    cycle = cycle_publish(actor=world.manager, cycle=cycle)
    assert ranking_list(cycle=cycle) == []


def _on_notice(world):
    cycle = cycle_opened_with_panel(world)
    application = application_verified(world, cycle)
    cycle = cycle_scoring_start(actor=world.manager, cycle=cycle_close(actor=world.manager, cycle=cycle))
    for expert, scores in zip(world.experts[:3], EXPERT_SCORES, strict=True):
        conflict_declare(actor=expert, application=application, has_conflict=False)
        expert_score_submit(actor=expert, application=application, scores=scores)
    application_score(actor=world.manager, application=application)
    cycle = cycle_review_start(actor=world.manager, cycle=cycle)
    application = application_approve(actor=world.manager, application=application)
    return application, cycle_notice_start(actor=world.manager, cycle=cycle)


# ---------------------------------------------------------------- the gate's hooks


def test_a_registered_hook_fails_the_gate_with_its_reason(world):
    def dishonest(brand, *, as_of):
        return HookOutcome("fail", "serious_dishonesty_record", {"record": "XY-1"})

    eligibility_hook_register("no_serious_dishonesty", dishonest)
    try:
        cycle = cycle_opened_with_panel(world)
        application = application_create(actor=world.owner, cycle=cycle, brand=world.brand)
        application_financials_set(actor=world.owner, application=application, years=financials(world.year))
        application = application_submit(actor=world.owner, application=application)
    finally:
        eligibility_hook_unregister("no_serious_dishonesty")
    assert application.status == "ineligible"
    report = eligibility_report(actor=world.owner, application=application)
    line = next(line for line in report.lines if line.rule == "no_serious_dishonesty")
    assert (line.outcome, line.reason, line.reason_text) == (
        "fail", "serious_dishonesty_record", "serious_dishonesty_record (record: XY-1)",
    )  # fmt: skip
    assert report.eligible is False
    event = AuditEvent.objects.get(action="evaluation.application.submitted")
    assert event.changes["status"] == ["draft", "ineligible"]


def test_submitting_outside_the_window_is_refused(world):
    cycle = cycle_opened_with_panel(world)
    application = application_create(actor=world.owner, cycle=cycle, brand=world.brand)
    application_financials_set(actor=world.owner, application=application, years=financials(world.year))
    cycle_close(actor=world.manager, cycle=cycle)
    with pytest.raises(ApplicationWindowClosed):
        application_submit(actor=world.owner, application=application)
