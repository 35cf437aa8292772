"""Recording a self-assessment: who may, what is stored and audited, and that nothing is stored otherwise."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from pinpai.accounts.choices import Role
from pinpai.accounts.tests.factories import user_with_role
from pinpai.audit.choices import AuditAction
from pinpai.audit.models import AuditEvent
from pinpai.evaluation.exceptions import EvaluationInputsInvalid
from pinpai.evaluation.models import SelfAssessment
from pinpai.evaluation.permissions import can_self_assessment_create
from pinpai.evaluation.selectors import self_assessment_get, self_assessment_list
from pinpai.evaluation.services import self_assessment_create
from pinpai.evaluation.tests.examples import GBT29186_CONTRIBUTIONS, GBT29186_VALUES
from pinpai.registry.tests.factories import make_brand, make_enterprise

pytestmark = pytest.mark.django_db
INPUTS = {"system": "gbt29186", "values": GBT29186_VALUES}


@pytest.fixture
def brand(reference):
    return make_brand(make_enterprise())


@pytest.fixture
def owner_user(brand):
    return user_with_role(Role.ENTERPRISE_USER, brand.owner.organisation, username="owner")


@pytest.fixture
def other_user(reference):
    other = make_enterprise(name="重庆市奉节县测试果业有限公司", district_code="500236", industry_code="01")
    return user_with_role(Role.ENTERPRISE_USER, other.organisation, username="other")


def _events():
    return AuditEvent.objects.filter(action=AuditAction.EVALUATION_SELF_ASSESSMENT_CREATED)


def test_the_owner_records_a_self_assessment_with_its_audit_event(brand, owner_user):
    before = AuditEvent.objects.count()
    assessment = self_assessment_create(actor=owner_user, brand=brand, inputs=INPUTS)

    assessment.refresh_from_db()
    assert (assessment.brand, assessment.system_code, assessment.system_version) == (
        brand,
        "gbt29186",
        "2026.1",
    )
    assert (assessment.index, assessment.score_1000) == (Decimal("70.24"), Decimal("702.38"))
    assert assessment.engine_version == "strength-2026.1"
    assert assessment.created_by == owner_user
    assert assessment.values == {
        **GBT29186_VALUES,
        "quality.award_level": "1",
        "innovation.patents": "8",
        "intangible.trademarks": "4",
        "intangible.certifications": "2",
    }
    assert [
        (c["code"], c["score"], c["contribution"]) for c in assessment.contributions
    ] == GBT29186_CONTRIBUTIONS
    assert assessment.contributions[0]["effective_weight"] == "0.08"
    assert AuditEvent.objects.count() == before + 1
    event = _events().get()
    assert (event.actor_id, event.action, event.target_id) == (
        owner_user.pk, "evaluation.self_assessment.created", str(assessment.pk),
    )  # fmt: skip
    assert event.changes == {
        "brand": [None, brand.pk],
        "system": [None, "gbt29186 2026.1"],
        "index": [None, "70.24"],
        "engine_version": [None, "strength-2026.1"],
    }


def test_another_enterprise_user_is_denied_and_nothing_is_written(brand, other_user):
    before = AuditEvent.objects.count()
    assert not can_self_assessment_create(other_user, brand=brand)
    with pytest.raises(PermissionDenied):
        self_assessment_create(actor=other_user, brand=brand, inputs=INPUTS)
    assert SelfAssessment.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_staff_and_the_public_are_denied(brand, district_user, department_user):
    from django.contrib.auth.models import AnonymousUser

    for actor in (district_user, department_user, AnonymousUser()):
        assert not can_self_assessment_create(actor, brand=brand)


def test_a_system_administrator_may_record_one(brand, admin_user):
    assessment = self_assessment_create(actor=admin_user, brand=brand, inputs=INPUTS)
    assert assessment.index == Decimal("70.24")
    assert _events().count() == 1


@pytest.mark.parametrize(
    ("inputs", "errors"),
    [
        (
            {"system": "gbt29186", "values": {**GBT29186_VALUES, "quality.pass_rate": "-1"}},
            [("inputs.values.quality.pass_rate", "out_of_range")],
        ),
        (
            {
                "system": "gbt29186",
                "values": {k: v for k, v in GBT29186_VALUES.items() if k != "quality.pass_rate"},
            },
            [("inputs.values.quality.pass_rate", "required")],
        ),
        ({"system": "iso20671", "values": {}}, [("inputs.system", "unknown_system")]),
        ({"system": {"code": "mine", "nodes": []}, "values": {}}, [("inputs.system", "unknown_system")]),
        ({**INPUTS, "peers": {}}, [("inputs.peers", "unknown_field")]),
    ],
)
def test_invalid_inputs_write_nothing(brand, owner_user, inputs, errors):
    before = AuditEvent.objects.count()
    with pytest.raises(EvaluationInputsInvalid) as raised:
        self_assessment_create(actor=owner_user, brand=brand, inputs=inputs)
    assert [(e["field"], e["rule"]) for e in raised.value.errors] == errors
    assert SelfAssessment.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_past_self_assessments_are_seen_by_the_owner_and_admins_only(
    brand, owner_user, other_user, admin_user, django_assert_num_queries
):
    first = self_assessment_create(actor=owner_user, brand=brand, inputs=INPUTS)
    second = self_assessment_create(actor=owner_user, brand=brand, inputs=INPUTS)
    third = self_assessment_create(actor=admin_user, brand=brand, inputs=INPUTS)
    owner_user = type(owner_user).objects.get(pk=owner_user.pk)  # a fresh actor: its scope is read again
    with django_assert_num_queries(2):  # the actor's scope and the list with its joins
        rows = [
            (a.pk, a.brand.owner.organisation.name, a.created_by.username)
            for a in self_assessment_list(actor=owner_user)
        ]
    assert [r[0] for r in rows] == [third.pk, second.pk, first.pk]
    assert list(self_assessment_list(actor=other_user)) == []
    assert self_assessment_get(actor=admin_user, pk=first.pk) == first
