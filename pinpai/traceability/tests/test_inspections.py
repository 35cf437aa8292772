"""Inspections: item results against limits, the overall result, who may record, and a failure opening a recall
(lot on hold, an EPCIS hold event, sites, notices and e-mails downstream) in the same transaction."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from conftest import district_government
from pinpai.accounts.choices import Role
from pinpai.accounts.tests.factories import user_with_role
from pinpai.audit.models import AuditEvent
from pinpai.traceability.choices import LotStatus
from pinpai.traceability.exceptions_quality import InspectionDuplicate, InspectionInvalid
from pinpai.traceability.models import Event, Inspection, InspectionItem, Recall, RecallNotice, RecallSite
from pinpai.traceability.selectors.quality import inspection_get, inspection_list
from pinpai.traceability.services.inspections import InspectionItemInput, inspection_record
from pinpai.traceability.tests.factories import failing_items, passing_items
from pinpai.traceability.tests.quality_world import world_build

LAB = "重庆市农产品质量安全中心"


@pytest.fixture
def world(reference):
    return world_build()


def record(actor, world, items, **kwargs):
    sampled = timezone.now() - datetime.timedelta(days=2)
    arguments = {
        "lot": world.lot,
        "sampled_at": sampled,
        "tested_at": sampled + datetime.timedelta(days=1),
        "laboratory": LAB,
        "report_number": "NJ-2026-0042",
        "items": items,
        "sampling_location": world.shop_site,
        **kwargs,
    }
    return inspection_record(actor=actor, **arguments)


def actions_since(sequence):
    return list(
        AuditEvent.objects.filter(sequence__gt=sequence).order_by("sequence").values_list("action", flat=True)
    )


def last_sequence():
    return AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0


def test_a_passing_inspection_is_recorded_and_starts_nothing(world, department_user):
    start = last_sequence()
    events = Event.objects.count()
    inspection = record(department_user, world, passing_items())
    assert inspection.result == "pass"
    assert list(inspection.items.values_list("name", "measured_value", "limit", "result")) == [
        ("毒死蜱", Decimal("0.01"), Decimal("0.02"), "pass"),
        ("克百威", None, Decimal("0.02"), "pass"),
    ]
    assert actions_since(start) == ["traceability.inspection.recorded"]
    assert Recall.objects.count() == 0
    assert Event.objects.count() == events
    world.lot.refresh_from_db()
    assert world.lot.status == LotStatus.ACTIVE


def test_a_failed_item_fails_the_inspection_and_recalls_the_lot_downstream(
    world, department_user, django_capture_on_commit_callbacks
):
    start = last_sequence()
    with django_capture_on_commit_callbacks(execute=True):
        inspection = record(department_user, world, failing_items())
    assert inspection.result == "fail"
    assert list(inspection.items.values_list("name", "result")) == [("毒死蜱", "fail"), ("克百威", "pass")]

    recall = Recall.objects.get()
    assert (recall.inspection, recall.status, recall.opened_by) == (inspection, "open", department_user)
    assert recall.number == f"RC{timezone.localdate():%Y%m%d}0001"
    with translation.override("en"):
        assert "NJ-2026-0042" in recall.reason
        assert "毒死蜱" in recall.reason
    assert list(recall.lots.values_list("lot", "quantity", "uom")) == [(world.lot.pk, Decimal("300"), "KGM")]
    world.lot.refresh_from_db()
    assert world.lot.status == LotStatus.ON_HOLD

    hold = Event.objects.get(disposition="recalled")
    assert (hold.event_type, hold.action, hold.biz_step, hold.event_time_zone_offset) == (
        "ObjectEvent", "OBSERVE", "holding", "+08:00",
    )  # fmt: skip
    assert (hold.read_point, hold.biz_location) == (world.shop_site.identifier, world.shop_site.identifier)
    assert list(hold.identifiers.values_list("role", "value", "quantity", "uom")) == [
        ("epc_class", world.lot.identifier, Decimal("300"), "KGM")
    ]
    assert hold.owner.reference_key == "department:市农委"  # the inspector's department

    sites = list(
        RecallSite.objects.filter(recall=recall)
        .order_by("pk")
        .values_list("identifier", "enterprise", "status")
    )
    assert sites == [
        (world.farm.identifier, world.producer.pk, "notified"),
        (world.market_site.identifier, world.market.pk, "notified"),
        (world.shop_site.identifier, world.shop.pk, "notified"),
    ]
    assert set(RecallNotice.objects.values_list("enterprise", flat=True)) == {
        world.producer.pk,
        world.market.pk,
        world.shop.pk,
    }
    assert sorted(m.to[0] for m in mail.outbox) == ["lvye@example.cn", "market@example.cn", "shop@example.cn"]
    assert all(recall.number in m.subject for m in mail.outbox)
    assert actions_since(start) == [
        "traceability.inspection.recorded",
        "traceability.recall.opened",
        "traceability.lot.status_changed",
    ]
    opened = AuditEvent.objects.get(action="traceability.recall.opened")
    assert opened.changes["lots"] == [world.lot.identifier]
    assert opened.changes["sites"] == 3


def test_the_overall_result_cannot_pass_when_an_item_fails(world, department_user):
    start = last_sequence()
    with translation.override("en"), pytest.raises(InspectionInvalid) as error:
        record(department_user, world, failing_items(), result="pass")
    assert error.value.extra == {"errors": {"result": ["An item failed, so the inspection fails."]}}
    with translation.override("en"), pytest.raises(InspectionInvalid) as error:
        record(
            department_user,
            world,
            [
                InspectionItemInput(
                    name="克伦特罗",
                    measured_value=Decimal("0.8"),
                    unit="μg/kg",
                    limit=Decimal("0.5"),
                    result="pass",
                )
            ],
        )
    assert error.value.extra == {
        "errors": {"items.0.result": ["克伦特罗: 0.8 exceeds the limit 0.5, so the item fails."]}
    }
    assert (Inspection.objects.count(), InspectionItem.objects.count(), Recall.objects.count()) == (0, 0, 0)
    assert actions_since(start) == []


def test_a_detected_banned_substance_fails_without_a_limit(world, department_user):
    inspection = record(
        department_user,
        world,
        [InspectionItemInput(name="克伦特罗", measured_value=Decimal("0.3"), unit="μg/kg")],
    )
    assert inspection.result == "fail"
    assert Recall.objects.filter(inspection=inspection).count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"items": []}, "items"),
        ({"tested_at": timezone.now() - datetime.timedelta(days=30)}, "tested_at"),
        (
            {
                "sampled_at": timezone.now() + datetime.timedelta(days=1),
                "tested_at": timezone.now() + datetime.timedelta(days=2),
            },
            "sampled_at",
        ),
        ({"result": "maybe"}, "result"),
    ],
)
def test_inconsistent_reports_are_refused(world, department_user, change, field):
    change = dict(change)
    items = change.pop("items", passing_items())
    with pytest.raises(InspectionInvalid) as error:
        record(department_user, world, items, **change)
    assert list(error.value.extra["errors"]) == [field]
    assert Inspection.objects.count() == 0


def test_a_report_number_is_recorded_once_per_laboratory(world, department_user):
    record(department_user, world, passing_items())
    with pytest.raises(InspectionDuplicate):
        record(department_user, world, passing_items())
    record(department_user, world, passing_items(), laboratory="重庆市畜产品质量安全检测中心")
    assert Inspection.objects.count() == 2


def test_inspectors_are_government_staff_covering_the_producer(world, district_user, admin_user):
    other_district = user_with_role(Role.DISTRICT_STAFF, district_government("500101"), username="wanzhou")
    start = last_sequence()
    for actor in (world.producer_user, world.shop_user, other_district):
        with pytest.raises(PermissionDenied):
            record(actor, world, failing_items())
    assert (Inspection.objects.count(), Recall.objects.count()) == (0, 0)
    assert actions_since(start) == []
    assert record(district_user, world, passing_items()).recorded_by == district_user
    assert record(admin_user, world, passing_items(), report_number="NJ-2").recorded_by == admin_user


def test_inspections_are_seen_by_the_producer_and_staff_only(
    world, department_user, django_assert_num_queries
):
    inspection = record(department_user, world, passing_items())
    assert list(inspection_list(actor=world.producer_user)) == [inspection]
    assert list(inspection_list(actor=world.stranger_user)) == []
    assert list(inspection_list(actor=None)) == []
    inspection_list(actor=department_user).count()
    with django_assert_num_queries(3):  # the inspection, its items, its recalls
        got = inspection_get(actor=department_user, pk=inspection.pk)
        assert [i.name for i in got.items.all()] == ["毒死蜱", "克百威"]
        assert list(got.recalls.all()) == []
