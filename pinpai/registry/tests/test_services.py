import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pinpai.accounts.exceptions import OrganisationInvalid
from pinpai.accounts.models import Organisation
from pinpai.accounts.tests.factories import valid_uscc
from pinpai.audit.models import AuditEvent
from pinpai.common.models import Category, District, IndustryClass, Pillar
from pinpai.registry.choices import EnterpriseStatus, GiKind, TrademarkStatus
from pinpai.registry.exceptions import (
    BrandInvalid,
    BrandLogoInvalid,
    CertificateDuplicate,
    CultivationListInvalid,
    EnterpriseInvalid,
    GiInvalid,
    ProductDuplicate,
    ProductInvalid,
    TrademarkDuplicate,
    TrademarkInvalid,
)
from pinpai.registry.models import Brand, Enterprise, GiAuthorisation, Product, Trademark
from pinpai.registry.selectors import certificate_expiring_list, enterprise_history
from pinpai.registry.services.brands import brand_create, brand_update
from pinpai.registry.services.cultivation import (
    cultivation_list_add_brand,
    cultivation_list_create,
    cultivation_list_publish,
)
from pinpai.registry.services.enterprises import (
    enterprise_register,
    enterprise_status_change,
    enterprise_update,
)
from pinpai.registry.services.rights import (
    gi_authorise,
    gi_register,
    product_register,
    trademark_register,
)
from pinpai.registry.tests.factories import make_brand, make_certificate, make_enterprise, publish

# 6901234567892 is a valid EAN-13 (check digit 2).
GTIN = "6901234567892"


@pytest.fixture
def zhacai(reference):
    return make_enterprise()


def _events() -> int:
    return AuditEvent.objects.count()


# ---------------------------------------------------------------- enterprises


def test_enterprise_register_creates_organisation_and_profile(district_user):
    uscc = valid_uscc("500102")
    ent = enterprise_register(
        actor=district_user,
        name="重庆市涪陵区江北榨菜有限公司",
        uscc=uscc,
        district=District.objects.get(code="500102"),
        legal_representative="李华",
        registered_capital_yuan=Decimal("12000000.00"),
        industry=IndustryClass.objects.get(code="14"),
    )
    assert (ent.organisation.kind, ent.organisation.uscc, ent.status) == ("enterprise", uscc, "active")
    assert ent.registered_capital_yuan == Decimal("12000000.00")
    actions = [e.action for e in enterprise_history(actor=district_user, enterprise=ent)]
    assert actions == ["registry.enterprise.registered", "accounts.organisation.created"]


def test_enterprise_register_outside_the_district_is_denied_and_writes_nothing(district_user):
    before = (Organisation.objects.count(), Enterprise.objects.count(), _events())
    with pytest.raises(PermissionDenied):
        enterprise_register(
            actor=district_user,
            name="奉节某公司",
            uscc=valid_uscc("500236"),
            district=District.objects.get(code="500236"),
        )
    assert (Organisation.objects.count(), Enterprise.objects.count(), _events()) == before


def test_enterprise_register_bad_uscc_names_the_field_and_writes_nothing(admin_user):
    before = (Organisation.objects.count(), _events())
    with pytest.raises(OrganisationInvalid) as exc:
        enterprise_register(
            actor=admin_user,
            name="某公司",
            uscc="91500102MA5U3A8T8X",
            district=District.objects.get(code="500102"),
        )
    assert exc.value.extra["errors"] == {
        "uscc": ["统一社会信用代码 91500102MA5U3A8T8X 的校验码（第 18 位）错误。"]
    }
    assert (Organisation.objects.count(), _events()) == before


def test_enterprise_register_refuses_an_industry_section(admin_user):
    with pytest.raises(EnterpriseInvalid, match="不能是门类 C"):
        enterprise_register(
            actor=admin_user, name="某公司", uscc=valid_uscc(), district=District.objects.get(code="500102"),
            industry=IndustryClass.objects.get(code="C"),
        )  # fmt: skip
    assert not Organisation.objects.filter(name="某公司").exists()


def test_enterprise_register_refuses_negative_capital(admin_user):
    with pytest.raises(EnterpriseInvalid) as exc:
        enterprise_register(
            actor=admin_user, name="某公司", uscc=valid_uscc(), district=District.objects.get(code="500102"),
            registered_capital_yuan=Decimal("-1"),
        )  # fmt: skip
    assert "registered_capital_yuan" in exc.value.extra["errors"]
    assert not Organisation.objects.filter(name="某公司").exists()


def test_enterprise_update_and_status_change_build_the_history(zhacai, district_user):
    enterprise_update(
        actor=district_user,
        enterprise=zhacai,
        address="重庆市涪陵区江北街道",
        name="重庆市涪陵区测试榨菜股份有限公司",
    )
    enterprise_status_change(
        actor=district_user,
        enterprise=zhacai,
        status=EnterpriseStatus.REVOKED,
        changed_on=datetime.date(2026, 3, 1),
    )
    zhacai.refresh_from_db()
    assert (zhacai.status, zhacai.status_changed_on) == ("revoked", datetime.date(2026, 3, 1))
    assert zhacai.organisation.name == "重庆市涪陵区测试榨菜股份有限公司"
    history = list(
        enterprise_history(actor=district_user, enterprise=zhacai).values_list("action", "changes")
    )
    assert history[0] == (
        "registry.enterprise.status_changed",
        {"status": ["active", "revoked"], "status_changed_on": [None, "2026-03-01"]},
    )
    assert history[1] == ("registry.enterprise.updated", {"address": ["", "重庆市涪陵区江北街道"]})
    assert history[2] == (
        "accounts.organisation.updated",
        {"name": ["重庆市涪陵区测试榨菜有限公司", "重庆市涪陵区测试榨菜股份有限公司"]},
    )


def test_enterprise_user_may_edit_contacts_but_not_status(zhacai, reference):
    from pinpai.accounts.choices import Role
    from pinpai.accounts.tests.factories import user_with_role

    user = user_with_role(Role.ENTERPRISE_USER, zhacai.organisation, username="staff1")
    enterprise_update(actor=user, enterprise=zhacai, contact_phone="023-72222222")
    with pytest.raises(PermissionDenied):
        enterprise_status_change(actor=user, enterprise=zhacai, status="deregistered")
    assert Enterprise.objects.get(pk=zhacai.pk).status == "active"


# ---------------------------------------------------------------- brands


def _png(size: int = 8) -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (size, size), (180, 35, 44)).save(buf, "PNG")
    return buf.getvalue()


def test_brand_create_with_a_logo(zhacai):
    brand = make_brand(zhacai)
    brand = brand_update(
        actor=_system(), brand=brand, logo=SimpleUploadedFile("l.png", _png(), content_type="image/png")
    )
    assert brand.logo.name == f"brands/logos/{zhacai.pk}/{brand.pk}/logo.png" or brand.logo.name.endswith(
        ".png"
    )
    assert brand.logo.name.startswith(f"brands/logos/{zhacai.pk}/")


def _system():
    from pinpai.accounts.services import system_user_ensure

    return system_user_ensure()


def test_brand_logo_must_be_an_image(zhacai):
    brand = make_brand(zhacai)
    events = _events()
    with pytest.raises(BrandLogoInvalid) as exc:
        brand_update(actor=_system(), brand=brand, logo=SimpleUploadedFile("l.png", b"%PDF-1.4 not an image"))
    assert exc.value.extra == {"errors": {"logo": ["不是图片"]}}
    assert _events() == events
    assert not Brand.objects.get(pk=brand.pk).logo


def test_brand_logo_size_is_limited(zhacai, settings):
    settings.BRAND_LOGO_MAX_BYTES = 100
    brand = make_brand(zhacai)
    with pytest.raises(BrandLogoInvalid, match="最多允许 100 字节"):
        brand_update(actor=_system(), brand=brand, logo=SimpleUploadedFile("l.png", _png(64)))


def test_brand_taxonomy_must_fit_the_pillar(zhacai):
    pillar = Pillar.objects.get(code="agri-processed")
    with pytest.raises(BrandInvalid) as exc:
        brand_create(
            actor=_system(), owner=zhacai, name="错配品牌", kind="product", pillar=pillar, districts=[],
            categories=list(Category.objects.filter(code="motorcycles")),
        )  # fmt: skip
    assert exc.value.extra["errors"] == {
        "categories": ["摩托车 不属于品牌体系“加工农产品品牌体系”"],
        "districts": ["至少须选择一个区县"],
    }
    assert not Brand.objects.filter(name="错配品牌").exists()


def test_brand_names_are_unique_per_owner(zhacai):
    make_brand(zhacai, name="涪陵青菜头")
    with pytest.raises(BrandInvalid, match="已有名为涪陵青菜头的品牌"):
        make_brand(zhacai, name="涪陵青菜头")


# ---------------------------------------------------------------- trademarks, certificates, products, GIs


def test_trademark_duplicate_number_is_refused(zhacai):
    kw = {
        "registrant": zhacai,
        "nice_class": 29,
        "valid_from": datetime.date(2015, 1, 7),
        "valid_to": datetime.date(2035, 1, 6),
    }
    trademark_register(actor=_system(), registration_number="1234567", **kw)
    events = _events()
    with pytest.raises(TrademarkDuplicate) as exc:
        trademark_register(actor=_system(), registration_number=" 1234567 ", **kw)
    assert exc.value.status == 409
    assert Trademark.objects.count() == 1
    assert _events() == events


def test_trademark_nice_class_must_be_1_to_45(zhacai):
    with pytest.raises(TrademarkInvalid) as exc:
        trademark_register(
            actor=_system(), registrant=zhacai, registration_number="7654321", nice_class=46,
            valid_from=datetime.date(2015, 1, 7), valid_to=datetime.date(2035, 1, 6),
        )  # fmt: skip
    assert "nice_class" in exc.value.extra["errors"]


def test_brand_trademark_must_belong_to_the_brand_owner(zhacai, reference):
    other = make_enterprise(name="重庆市某商标持有公司", district_code="500102")
    brand = make_brand(zhacai)
    with pytest.raises(TrademarkInvalid, match="请登记在注册人名下，并登记对品牌权利人的许可"):
        trademark_register(
            actor=_system(), registrant=other, registration_number="5550001", nice_class=29, brand=brand,
            valid_from=datetime.date(2015, 1, 7), valid_to=datetime.date(2035, 1, 6), status=TrademarkStatus.REGISTERED,
        )  # fmt: skip


def test_certificate_duplicate_and_expiring_list(zhacai, admin_user):
    today = timezone.localdate()
    soon = make_certificate(
        zhacai,
        number="A-1",
        valid_from=datetime.date(2023, 1, 1),
        valid_to=today + datetime.timedelta(days=30),
    )
    make_certificate(
        zhacai,
        number="A-2",
        valid_from=datetime.date(2023, 1, 1),
        valid_to=today + datetime.timedelta(days=200),
    )
    make_certificate(
        zhacai,
        number="A-3",
        valid_from=datetime.date(2020, 1, 1),
        valid_to=today - datetime.timedelta(days=1),
    )
    assert list(certificate_expiring_list(actor=admin_user)) == [soon]
    with pytest.raises(CertificateDuplicate):
        make_certificate(zhacai, number="A-1")


def test_product_gtin_check_digit_is_verified(zhacai):
    brand = make_brand(zhacai)
    events = _events()
    with pytest.raises(ProductInvalid) as exc:
        product_register(
            actor=_system(), enterprise=zhacai, brand=brand, gtin="6901234567891", name="榨菜 80g"
        )
    assert exc.value.extra == {"errors": {"gtin": ["商品条码 6901234567891 的校验码错误，应为 2。"]}}
    assert Product.objects.count() == 0
    assert _events() == events
    product = product_register(actor=_system(), enterprise=zhacai, brand=brand, gtin=GTIN, name="榨菜 80g")
    assert product.gtin == "06901234567892"
    with pytest.raises(ProductDuplicate):
        product_register(actor=_system(), enterprise=zhacai, brand=brand, gtin="06901234567892", name="again")


def test_gi_authorisation_only_inside_the_protected_area(zhacai, reference):
    gi = gi_register(
        actor=_system(), name="涪陵榨菜", kind=GiKind.PRODUCT, standard="GB/T 19858-2005",
        protected_districts=[District.objects.get(code="500102")],
    )  # fmt: skip
    auth = gi_authorise(
        actor=_system(),
        gi=gi,
        enterprise=zhacai,
        valid_from=datetime.date(2024, 1, 1),
        valid_to=datetime.date(2026, 12, 31),
    )
    assert GiAuthorisation.objects.get() == auth
    outsider = make_enterprise(name="重庆市奉节县某公司", district_code="500236")
    with pytest.raises(GiInvalid, match="不在涪陵榨菜的保护范围内"):
        gi_authorise(
            actor=_system(),
            gi=gi,
            enterprise=outsider,
            valid_from=datetime.date(2024, 1, 1),
            valid_to=datetime.date(2026, 12, 31),
        )
    with pytest.raises(GiInvalid, match="重叠的“涪陵榨菜”使用授权"):
        gi_authorise(
            actor=_system(),
            gi=gi,
            enterprise=zhacai,
            valid_from=datetime.date(2026, 6, 1),
            valid_to=datetime.date(2027, 12, 31),
        )


def test_district_staff_authorise_gis_of_their_area_only(zhacai, district_user, reference):
    fengjie = gi_register(
        actor=_system(),
        name="奉节脐橙",
        kind=GiKind.PRODUCT,
        protected_districts=[District.objects.get(code="500236")],
    )
    with pytest.raises(PermissionDenied):
        gi_authorise(
            actor=district_user,
            gi=fengjie,
            enterprise=zhacai,
            valid_from=datetime.date(2024, 1, 1),
            valid_to=datetime.date(2025, 1, 1),
        )


# ---------------------------------------------------------------- cultivation lists


def test_cultivation_list_lifecycle(zhacai, district_user):
    brand = publish(make_brand(zhacai))
    pillar = Pillar.objects.get(code="agri-processed")
    cl = cultivation_list_create(
        actor=district_user, year=2026, pillar=pillar, district=District.objects.get(code="500102")
    )
    assert cl.title == "2026年涪陵区加工农产品品牌体系培育名单"
    with pytest.raises(CultivationListInvalid, match="空名单不能发布"):
        cultivation_list_publish(actor=district_user, cultivation_list=cl)
    cultivation_list_add_brand(actor=district_user, cultivation_list=cl, brand=brand, rank=1)
    with pytest.raises(CultivationListInvalid, match="测试榨菜 已在名单中"):
        cultivation_list_add_brand(actor=district_user, cultivation_list=cl, brand=brand)
    assert cultivation_list_publish(actor=district_user, cultivation_list=cl).status == "published"
    with pytest.raises(CultivationListInvalid, match="涪陵区已有2026年度“加工农产品品牌体系”培育名单"):
        cultivation_list_create(
            actor=district_user, year=2026, pillar=pillar, district=District.objects.get(code="500102")
        )
