"""Recalls: opening by hand (hold, EPCIS events, downstream reach through processing, sites, notices, e-mails),
site progress that only moves forward, closing with or without open sites, notices, and who sees what."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation

from conftest import district_government
from pinpai.accounts.choices import Role
from pinpai.accounts.services import system_user_ensure
from pinpai.accounts.tests.factories import user_with_role
from pinpai.audit.models import AuditEvent
from pinpai.traceability.choices import LotStatus
from pinpai.traceability.exceptions_quality import (
    RecallClosed,
    RecallInvalid,
    RecallNotClosable,
    RecallSiteTransitionNotAllowed,
)
from pinpai.traceability.models import Event, Lot, Recall, RecallNotice, RecallSite
from pinpai.traceability.selectors import genealogy
from pinpai.traceability.selectors.quality import recall_list, recall_notice_list, recall_site_list
from pinpai.traceability.services.capture import event_documents_record
from pinpai.traceability.services.recalls import (
    recall_close,
    recall_notice_read,
    recall_open,
    recall_site_update,
)
from pinpai.traceability.tests.factories import LotFactory, ProductFactory, gln
from pinpai.traceability.tests.quality_world import CONTEXT, world_build


@pytest.fixture
def world(reference):
    return world_build()


def last_sequence():
    return AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0


def actions_since(sequence):
    return list(
        AuditEvent.objects.filter(sequence__gt=sequence).order_by("sequence").values_list("action", flat=True)
    )


def open_recall(actor, world, **kwargs):
    return recall_open(actor=actor, lots=[world.lot], reason="农残超标风险排查", **kwargs)


def site_of(recall, enterprise):
    return RecallSite.objects.get(recall=recall, enterprise=enterprise)


def test_a_recall_opened_by_hand_holds_the_lot_and_notifies_downstream(
    world, department_user, django_capture_on_commit_callbacks
):
    start = last_sequence()
    with django_capture_on_commit_callbacks(execute=True):
        recall = open_recall(department_user, world)
    assert (recall.inspection, recall.reason, recall.status) == (None, "农残超标风险排查", "open")
    world.lot.refresh_from_db()
    assert world.lot.status == LotStatus.ON_HOLD
    hold = Event.objects.get(biz_step="holding")
    assert (hold.disposition, hold.read_point, hold.biz_location) == ("recalled", "", "")
    assert hold.document["quantityList"] == [
        {"epcClass": world.lot.identifier, "quantity": 300, "uom": "KGM"}
    ]
    assert RecallSite.objects.filter(recall=recall).count() == 3
    assert RecallNotice.objects.filter(recall=recall).count() == 3
    assert len(mail.outbox) == 3
    message = next(m for m in mail.outbox if m.to == ["shop@example.cn"])
    assert recall.number in message.subject
    assert "QCT-20260110" in message.body
    assert "/traceability/notices/" in message.body
    assert actions_since(start) == ["traceability.recall.opened", "traceability.lot.status_changed"]


def test_nothing_is_sent_if_the_transaction_rolls_back(
    world, department_user, django_capture_on_commit_callbacks
):
    with (  # noqa: PT012 - the recall and the failure that rolls it back belong together
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        open_recall(department_user, world)
        raise RuntimeError("later step failed")
    assert (Recall.objects.count(), len(mail.outbox)) == (0, 0)
    world.lot.refresh_from_db()
    assert world.lot.status == LotStatus.ACTIVE


def test_lots_made_from_a_recalled_lot_are_recalled_too(world, department_user):
    pickles = LotFactory(
        product=ProductFactory(enterprise=world.producer, name="涪陵榨菜 80g"), lot_number="ZC-2601"
    )
    with transaction.atomic():
        event_documents_record(
            actor=system_user_ensure(),
            owner=world.producer.organisation,
            documents=[
                {
                    "@context": CONTEXT,
                    "type": "TransformationEvent",
                    "eventTime": "2026-01-13T09:00:00.000+08:00",
                    "eventTimeZoneOffset": "+08:00",
                    "inputQuantityList": [{"epcClass": world.lot.identifier, "quantity": 50, "uom": "KGM"}],
                    "outputQuantityList": [{"epcClass": pickles.identifier, "quantity": 2000, "uom": "H87"}],
                    "bizStep": "commissioning",
                    "readPoint": {"id": world.farm.identifier},
                }
            ],
        )
    recall = open_recall(department_user, world)
    assert sorted(recall.lots.values_list("lot__lot_number", "quantity", "uom")) == [
        ("QCT-20260110", Decimal("300"), "KGM"),
        ("ZC-2601", Decimal("2000"), "H87"),
    ]
    assert set(Lot.objects.values_list("lot_number", "status")) == {
        ("QCT-20260110", "on_hold"),
        ("ZC-2601", "on_hold"),
    }
    held = Event.objects.filter(biz_step="holding").values_list("identifiers__value", flat=True)
    assert sorted(held) == sorted([world.lot.identifier, pickles.identifier])


def test_reach_without_master_data_still_makes_sites(world, department_user, monkeypatch):
    unknown_place = f"https://id.gs1.org/414/{gln(99)}"

    @dataclass
    class Place:
        identifier: str
        location: object = None

    @dataclass
    class Impact:
        lots: tuple
        locations: tuple
        enterprises: tuple

    def stub(*, lot_identifiers, max_depth=20):
        assert lot_identifiers == [world.lot.identifier]
        return Impact(
            lots=((world.lot.identifier, None, ""),),
            locations=(Place(unknown_place), Place(world.shop_site.identifier, world.shop_site)),
            enterprises=(world.market,),
        )

    monkeypatch.setattr(genealogy, "recall_impact", stub)
    recall = open_recall(department_user, world)
    sites = set(RecallSite.objects.filter(recall=recall).values_list("identifier", "location", "enterprise"))
    assert sites == {
        (unknown_place, None, None),
        (world.shop_site.identifier, world.shop_site.pk, world.shop.pk),
        ("", None, world.producer.pk),
        ("", None, world.market.pk),
    }
    assert set(RecallNotice.objects.values_list("enterprise", flat=True)) == {
        world.producer.pk,
        world.shop.pk,
        world.market.pk,
    }
    assert recall.lots.get().quantity is None


def test_opening_needs_staff_over_the_producer_and_a_reason(world, district_user):
    other_district = user_with_role(Role.DISTRICT_STAFF, district_government("500101"), username="wanzhou")
    start = last_sequence()
    for actor in (world.producer_user, world.shop_user, other_district):
        with pytest.raises(PermissionDenied):
            open_recall(actor, world)
    with pytest.raises(RecallInvalid) as error:
        recall_open(actor=district_user, lots=[world.lot], reason="  ")
    assert list(error.value.extra["errors"]) == ["reason"]
    with pytest.raises(RecallInvalid):
        recall_open(actor=district_user, lots=[], reason="x")
    assert (Recall.objects.count(), Event.objects.filter(biz_step="holding").count()) == (0, 0)
    assert actions_since(start) == []
    assert open_recall(district_user, world).opened_by == district_user


def test_a_site_moves_forward_only_by_its_enterprise_or_staff(world, department_user):
    recall = open_recall(department_user, world)
    shop_site = site_of(recall, world.shop)
    start = last_sequence()
    site = recall_site_update(actor=world.shop_user, site=shop_site, status="acknowledged", note="已下架检查")
    site = recall_site_update(
        actor=world.shop_user, site=site, status="removed_from_sale", quantity=Decimal("118.5")
    )
    assert (site.status, site.note, site.quantity, site.updated_by) == (
        "removed_from_sale", "已下架检查", Decimal("118.5"), world.shop_user,
    )  # fmt: skip
    with pytest.raises(RecallSiteTransitionNotAllowed):
        recall_site_update(actor=world.shop_user, site=site, status="acknowledged")
    with pytest.raises(RecallSiteTransitionNotAllowed):
        recall_site_update(actor=world.shop_user, site=site, status="removed_from_sale")
    for stranger in (world.market_user, world.stranger_user):
        with pytest.raises(PermissionDenied):
            recall_site_update(actor=stranger, site=site, status="closed")
    assert recall_site_update(actor=department_user, site=site, status="closed").status == "closed"
    events = AuditEvent.objects.filter(sequence__gt=start).order_by("sequence")
    assert [(e.action, e.changes["status"]) for e in events] == [
        ("traceability.recall_site.updated", ["notified", "acknowledged"]),
        ("traceability.recall_site.updated", ["acknowledged", "removed_from_sale"]),
        ("traceability.recall_site.updated", ["removed_from_sale", "closed"]),
    ]


def test_closing_needs_every_site_closed_or_a_reason_and_recalls_the_lots(world, department_user):
    recall = open_recall(department_user, world)
    with pytest.raises(PermissionDenied):
        recall_close(actor=world.producer_user, recall=recall)
    with translation.override("en"), pytest.raises(RecallNotClosable) as error:
        recall_close(actor=department_user, recall=recall, note="done")
    assert error.value.detail == "3 site(s) have not closed the recall yet; give a reason to close it anyway."
    assert error.value.extra == {"open_sites": 3}
    for site in RecallSite.objects.filter(recall=recall).exclude(enterprise=world.shop):
        recall_site_update(actor=department_user, site=site, status="closed")
    start = last_sequence()
    closed = recall_close(
        actor=department_user, recall=recall, note="除鲜多多外均已完成", override_reason="门店已停业"
    )
    assert (closed.status, closed.closed_by, closed.override_reason) == (
        "closed",
        department_user,
        "门店已停业",
    )
    world.lot.refresh_from_db()
    assert world.lot.status == LotStatus.RECALLED
    assert actions_since(start) == ["traceability.recall.closed", "traceability.lot.status_changed"]
    with pytest.raises(RecallClosed):
        recall_close(actor=department_user, recall=recall)
    with pytest.raises(RecallClosed):
        recall_site_update(actor=world.shop_user, site=site_of(recall, world.shop), status="closed")


def test_a_recall_whose_sites_are_all_closed_closes_without_a_reason(world, department_user):
    recall = open_recall(department_user, world)
    for site in RecallSite.objects.filter(recall=recall):
        recall_site_update(actor=department_user, site=site, status="closed")
    closed = recall_close(
        actor=department_user, recall=recall, override_reason="ignored when nothing is open"
    )
    assert (closed.status, closed.override_reason) == ("closed", "")


def test_a_notice_is_read_once_by_its_enterprise(world, department_user):
    recall = open_recall(department_user, world)
    notice = RecallNotice.objects.get(recall=recall, enterprise=world.shop)
    with pytest.raises(PermissionDenied):
        recall_notice_read(actor=world.market_user, notice=notice)
    with pytest.raises(PermissionDenied):
        recall_notice_read(actor=department_user, notice=notice)
    start = last_sequence()
    read = recall_notice_read(actor=world.shop_user, notice=notice)
    again = recall_notice_read(actor=world.shop_user, notice=notice)
    assert (read.read_by, again.read_at) == (world.shop_user, read.read_at)
    assert actions_since(start) == ["traceability.recall_notice.read"]
    assert list(recall_notice_list(actor=world.shop_user, unread=True)) == []
    assert [n.enterprise for n in recall_notice_list(actor=world.market_user, unread=True)] == [world.market]


def test_who_sees_a_recall_and_its_sites(world, department_user, django_assert_num_queries):
    recall = open_recall(department_user, world)
    yuzhong = user_with_role(Role.DISTRICT_STAFF, district_government("500103"), username="yuzhong")
    assert list(recall_list(actor=world.producer_user)) == [recall]
    assert list(recall_list(actor=world.shop_user)) == [recall]
    assert list(recall_list(actor=yuzhong)) == [recall]
    assert list(recall_list(actor=world.stranger_user)) == []
    assert list(recall_list(actor=None)) == []
    assert [s.enterprise for s in recall_site_list(actor=world.shop_user, recall=recall)] == [world.shop]
    assert {s.enterprise for s in recall_site_list(actor=yuzhong, recall=recall)} == {
        world.market,
        world.shop,
    }
    recall_site_list(actor=department_user).count()
    with django_assert_num_queries(1):
        rows = [
            (s.recall.number, s.location.name, s.location.district.name, s.enterprise.organisation.name)
            for s in recall_site_list(actor=department_user, recall=recall)
        ]
    assert len(rows) == 3
