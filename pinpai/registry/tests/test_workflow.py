import datetime

import pytest
from django.core.exceptions import PermissionDenied

from conftest import department
from pinpai.accounts.choices import Role
from pinpai.accounts.tests.factories import user_with_role
from pinpai.audit.models import AuditEvent
from pinpai.registry.choices import BrandStatus
from pinpai.registry.exceptions import BrandCertificatesExpired, BrandInvalid, BrandTransitionNotAllowed
from pinpai.registry.models import Brand, BrandReview
from pinpai.registry.selectors import brand_list, brand_review_queue
from pinpai.registry.services.brands import (
    brand_department_approve,
    brand_department_return,
    brand_district_approve,
    brand_publish,
    brand_submit,
    brand_suspend,
    brand_withdraw,
)
from pinpai.registry.tests.factories import make_brand, make_certificate, make_enterprise, publish


@pytest.fixture
def zhacai(reference):
    return make_enterprise()


@pytest.fixture
def owner_user(zhacai):
    return user_with_role(Role.ENTERPRISE_USER, zhacai.organisation, username="owner")


@pytest.fixture
def econ_staff(reference):
    """市经济信息委 leads agri-processed (task 2.1.2); 市旅游局 has no part in it."""
    return user_with_role(Role.DEPARTMENT_STAFF, department("市经济信息委"), username="econ")


@pytest.fixture
def health_staff(reference):
    return user_with_role(Role.DEPARTMENT_STAFF, department("市旅游局"), username="tourism")


def test_the_full_review_path_by_the_right_people(zhacai, owner_user, district_user, econ_staff):
    brand = make_brand(zhacai)
    assert brand.status == BrandStatus.DRAFT
    brand = brand_submit(actor=owner_user, brand=brand)
    assert list(brand_review_queue(actor=district_user)) == [brand]
    assert list(brand_review_queue(actor=econ_staff)) == []
    brand = brand_district_approve(actor=district_user, brand=brand)
    assert list(brand_review_queue(actor=econ_staff)) == [brand]
    brand = brand_department_approve(actor=econ_staff, brand=brand)
    brand = brand_publish(actor=econ_staff, brand=brand)
    assert brand.status == BrandStatus.PUBLISHED
    assert brand.published_at is not None
    steps = list(
        BrandReview.objects.filter(brand=brand).values_list("from_status", "to_status", "actor__username")
    )
    assert steps == [
        ("draft", "submitted", "owner"),
        ("submitted", "district_approved", "fuling"),
        ("district_approved", "approved", "econ"),
        ("approved", "published", "econ"),
    ]
    actions = list(
        AuditEvent.objects.filter(target_type="registry.brand", target_id=str(brand.pk))
        .order_by("sequence")
        .values_list("action", flat=True)
    )
    assert actions == [
        "registry.brand.created", "registry.brand.submitted", "registry.brand.district_approved",
        "registry.brand.department_approved", "registry.brand.published",
    ]  # fmt: skip


def test_a_department_outside_the_pillar_cannot_approve(zhacai, health_staff):
    brand = make_brand(zhacai)
    brand_submit(actor=zhacai_admin(), brand=brand)
    brand_district_approve(actor=zhacai_admin(), brand=brand)
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        brand_department_approve(actor=health_staff, brand=brand)
    assert Brand.objects.get(pk=brand.pk).status == BrandStatus.DISTRICT_APPROVED
    assert AuditEvent.objects.count() == events


def zhacai_admin():
    from pinpai.accounts.services import system_user_ensure

    return system_user_ensure()


def test_approving_twice_fails_the_second_time(zhacai, district_user):
    brand = make_brand(zhacai)
    brand_submit(actor=district_user, brand=brand)
    brand_district_approve(actor=district_user, brand=brand)
    with pytest.raises(BrandTransitionNotAllowed) as exc:
        brand_district_approve(actor=district_user, brand=brand)
    assert exc.value.status == 409
    assert BrandReview.objects.filter(brand=brand, to_status="district_approved").count() == 1


def test_returning_needs_a_reason_and_goes_back_to_the_owner(zhacai, owner_user, econ_staff):
    brand = publish_until(zhacai, BrandStatus.DISTRICT_APPROVED)
    with pytest.raises(BrandInvalid, match="此操作须填写理由"):
        brand_department_return(actor=econ_staff, brand=brand, reason="  ")
    brand = brand_department_return(actor=econ_staff, brand=brand, reason="缺少质量证明材料")
    assert (brand.status, brand.status_reason) == (BrandStatus.RETURNED, "缺少质量证明材料")
    assert brand_submit(actor=owner_user, brand=brand).status == BrandStatus.SUBMITTED


def publish_until(owner, status):
    actor = zhacai_admin()
    brand = make_brand(owner)
    brand = brand_submit(actor=actor, brand=brand)
    if status == BrandStatus.SUBMITTED:
        return brand
    return brand_district_approve(actor=actor, brand=brand)


def test_publishing_with_an_expired_certificate_is_refused(zhacai, econ_staff):
    brand = publish_until(zhacai, BrandStatus.DISTRICT_APPROVED)
    brand = brand_department_approve(actor=econ_staff, brand=brand)
    cert = make_certificate(
        zhacai, brand=brand, valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2023, 1, 1)
    )
    with pytest.raises(BrandCertificatesExpired) as exc:
        brand_publish(actor=econ_staff, brand=brand)
    assert str(exc.value) == (
        "测试榨菜 不能发布：以下证书已过期或被撤销：绿色食品 LB-18-1234567890（有效期至 2023-01-01）。"
    )
    assert exc.value.extra == {"certificates": [cert.pk]}
    assert Brand.objects.get(pk=brand.pk).status == BrandStatus.APPROVED


def test_public_sees_only_published_brands(zhacai):
    draft = make_brand(zhacai, name="草稿品牌")
    published = publish(make_brand(zhacai, name="已发布品牌"))
    assert list(brand_list(actor=None)) == [published]
    assert draft not in brand_list(actor=None)


def test_owner_sees_own_drafts_but_not_others(zhacai, owner_user, reference):
    other = make_enterprise(name="重庆市奉节县测试果业有限公司", district_code="500236")
    mine = make_brand(zhacai, name="我的品牌")
    theirs = make_brand(other, name="别人的品牌", district_codes=("500236",))
    visible = set(brand_list(actor=owner_user))
    assert mine in visible
    assert theirs not in visible


def test_suspend_and_withdraw(zhacai, econ_staff, owner_user):
    brand = publish(make_brand(zhacai))
    brand = brand_suspend(actor=econ_staff, brand=brand, reason="抽检不合格")
    assert brand.status == BrandStatus.SUSPENDED
    brand = brand_withdraw(actor=owner_user, brand=brand, reason="停止经营该品牌")
    assert brand.status == BrandStatus.WITHDRAWN
    with pytest.raises(BrandTransitionNotAllowed):
        brand_withdraw(actor=owner_user, brand=brand, reason="again")


def test_a_renewed_certificate_replaces_the_expired_one(zhacai, econ_staff):
    brand = publish_until(zhacai, BrandStatus.DISTRICT_APPROVED)
    brand = brand_department_approve(actor=econ_staff, brand=brand)
    make_certificate(
        zhacai,
        number="OLD-1",
        brand=brand,
        valid_from=datetime.date(2020, 1, 1),
        valid_to=datetime.date(2023, 1, 1),
    )
    make_certificate(
        zhacai,
        number="NEW-1",
        brand=brand,
        valid_from=datetime.date(2023, 1, 1),
        valid_to=datetime.date(2099, 1, 1),
    )
    assert brand_publish(actor=econ_staff, brand=brand).status == BrandStatus.PUBLISHED


def test_enterprise_history_is_not_public(zhacai, district_user):
    from pinpai.registry.selectors import enterprise_history

    assert enterprise_history(actor=None, enterprise=zhacai).count() == 0
    assert enterprise_history(actor=district_user, enterprise=zhacai).count() == 2


def test_an_enterprise_is_public_exactly_while_one_of_its_brands_is_published(zhacai, admin_user):
    from pinpai.registry.models import Enterprise
    from pinpai.registry.selectors import enterprise_list

    def public():
        flag = Enterprise.objects.get(pk=zhacai.pk).has_published_brand
        listed = list(enterprise_list(actor=None).values_list("pk", flat=True)) == [zhacai.pk]
        assert flag == listed
        return flag

    first = make_brand(owner=zhacai, name="乌江")
    second = make_brand(owner=zhacai, name="鱼泉")
    assert public() is False
    publish(first)
    assert public() is True
    publish(second)
    brand_suspend(actor=admin_user, brand=first, reason="抽检不合格")
    assert public() is True  # the second brand is still published
    brand_withdraw(actor=admin_user, brand=second, reason="企业申请撤回")
    assert public() is False
