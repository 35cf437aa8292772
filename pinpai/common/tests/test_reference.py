import pytest
from django.core.exceptions import PermissionDenied

from pinpai.accounts.choices import OrganisationKind
from pinpai.accounts.models import Organisation
from pinpai.audit.models import AuditEvent
from pinpai.common.models import (
    Category,
    District,
    IndustryClass,
    Pillar,
    PillarDepartment,
    ProductLine,
    ReferenceDataset,
    Tier,
)
from pinpai.common.services import reference_load


def test_reference_load_creates_districts_departments_pillars(reference):
    assert District.objects.count() == 38
    fuling = District.objects.get(code="500102")
    assert (fuling.name, fuling.kind, fuling.zone, fuling.functional_zone) == (
        "涪陵区",
        "区",
        "渝西",
        "城市发展新区",
    )
    assert District.objects.get(code="500240").name == "石柱土家族自治县"
    assert Organisation.objects.filter(kind=OrganisationKind.DEPARTMENT).count() == 22
    assert Organisation.objects.filter(kind=OrganisationKind.DISTRICT).count() == 38
    agri = Organisation.objects.get(reference_key="department:市农委")
    assert (agri.name, agri.short_name) == ("重庆市农业委员会", "市农委")
    gov = Organisation.objects.get(reference_key="district:500236")
    assert (gov.name, gov.district.code) == ("奉节县人民政府", "500236")
    assert list(Pillar.objects.values_list("code", flat=True)) == [
        "agri-original", "agri-processed", "mfg-international", "mfg-national",
        "mfg-regional", "svc-culture-tourism", "svc-health", "svc-commerce",
    ]  # fmt: skip
    assert ProductLine.objects.filter(pillar__code="agri-original").count() == 24
    assert ProductLine.objects.filter(pillar__code="svc-health").count() == 9
    assert ProductLine.objects.filter(name="榨菜").count() == 2  # raw (2.1.1) and processed (2.1.2)
    assert ProductLine.objects.count() == 96
    assert set(ReferenceDataset.objects.values_list("key", flat=True)) == {
        "chongqing-districts", "plan-2016-204", "departments", "gbt4754-2017", "taxonomy",
    }  # fmt: skip


def test_reference_load_creates_industries_categories_tiers_and_pillar_departments(reference):
    assert IndustryClass.objects.filter(level="section").count() == 20
    assert IndustryClass.objects.filter(level="division").count() == 97
    c14 = IndustryClass.objects.get(code="14")
    assert (c14.name, c14.parent.code) == ("食品制造业", "C")
    assert Category.objects.filter(pillar__code="agri-original").count() == 8
    assert list(Tier.objects.filter(scheme="cq-2024").values_list("name", flat=True)) == [
        "国际影响力品牌", "全国竞争力品牌", "西部辐射力品牌", "区县特色品牌",
    ]  # fmt: skip
    agri = PillarDepartment.objects.filter(pillar__code="agri-original")
    assert {p.department.short_name: p.role for p in agri} == {
        "市农委": "lead", "市发展改革委": "cooperating", "市林业局": "cooperating", "市质监局": "cooperating",
    }  # fmt: skip
    assert not PillarDepartment.objects.filter(pillar__code="svc-health").exists()  # the plan names no lead


def test_reference_load_is_idempotent(reference, system_user):
    events = AuditEvent.objects.count()
    result = reference_load(actor=system_user)
    assert result.created == {}
    assert result.updated == {}
    assert AuditEvent.objects.count() == events
    assert Organisation.objects.count() == 60


def test_reference_load_restores_a_changed_name(reference, system_user):
    org = Organisation.objects.get(reference_key="department:市商务委")
    Organisation.objects.filter(pk=org.pk).update(name="改错的名字")
    result = reference_load(actor=system_user)
    assert result.updated == {"departments": 1}
    assert Organisation.objects.get(pk=org.pk).name == "重庆市商务委员会"
    event = AuditEvent.objects.order_by("-sequence").first()
    assert event.action == "accounts.organisation.updated"
    assert event.changes == {"name": ["改错的名字", "重庆市商务委员会"]}


def test_reference_load_denied_writes_nothing(reference, django_user_model):
    nobody = django_user_model.objects.create(username="nobody")
    Organisation.objects.filter(reference_key__in=["district:500243", "department:市金融办"]).delete()
    District.objects.filter(code="500243").delete()
    before = (District.objects.count(), Organisation.objects.count(), AuditEvent.objects.count())
    with pytest.raises(PermissionDenied):
        reference_load(actor=nobody)
    assert (
        (District.objects.count(), Organisation.objects.count(), AuditEvent.objects.count())
        == before
        == (37, 58, before[2])
    )
