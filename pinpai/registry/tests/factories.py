"""Registry test data, built through the services (so rows obey every rule and are audited)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from pinpai.accounts.services import system_user_ensure
from pinpai.accounts.tests.factories import valid_uscc
from pinpai.common.models import Category, District, IndustryClass, Pillar, ProductLine, Tier
from pinpai.registry.choices import BrandKind, CertificateKind
from pinpai.registry.models import Brand, Certificate, Enterprise
from pinpai.registry.services.brands import (
    brand_create,
    brand_department_approve,
    brand_district_approve,
    brand_publish,
    brand_submit,
)
from pinpai.registry.services.enterprises import enterprise_register
from pinpai.registry.services.rights import certificate_register


def make_enterprise(
    name: str = "重庆市涪陵区测试榨菜有限公司", district_code: str = "500102", **kw: object
) -> Enterprise:
    return enterprise_register(
        actor=system_user_ensure(),
        name=name,
        uscc=str(kw.pop("uscc", None) or valid_uscc(district_code)),
        district=District.objects.get(code=district_code),
        legal_representative=str(kw.pop("legal_representative", "张明")),
        registered_capital_yuan=Decimal(str(kw.pop("registered_capital_yuan", "5000000.00"))),
        founded_on=kw.pop("founded_on", datetime.date(2008, 5, 12)),  # type: ignore[arg-type]
        industry=IndustryClass.objects.get(code=str(kw.pop("industry_code", "14"))),
        **kw,  # type: ignore[arg-type]
    )


def make_brand(
    owner: Enterprise,
    name: str = "测试榨菜",
    pillar_code: str = "agri-processed",
    district_codes: tuple[str, ...] = ("500102",),
    product_line: str | None = "榨菜",
    category_code: str | None = "pickles-condiments",
    tier_code: str | None = "regional",
    kind: str = BrandKind.PRODUCT,
) -> Brand:
    pillar = Pillar.objects.get(code=pillar_code)
    return brand_create(
        actor=system_user_ensure(),
        owner=owner,
        name=name,
        kind=kind,
        pillar=pillar,
        districts=list(District.objects.filter(code__in=district_codes)),
        categories=list(Category.objects.filter(pillar=pillar, code=category_code)) if category_code else [],
        product_lines=list(ProductLine.objects.filter(pillar=pillar, name=product_line))
        if product_line
        else [],
        tier=Tier.objects.get(code=tier_code) if tier_code else None,
        founded_year=2008,
    )


def publish(brand: Brand) -> Brand:
    """Walk a draft through the whole review as the system administrator."""
    actor = system_user_ensure()
    brand = brand_submit(actor=actor, brand=brand)
    brand = brand_district_approve(actor=actor, brand=brand)
    brand = brand_department_approve(actor=actor, brand=brand)
    return brand_publish(actor=actor, brand=brand)


def make_certificate(
    holder: Enterprise,
    number: str = "LB-18-1234567890",
    kind: str = CertificateKind.GREEN_FOOD,
    brand: Brand | None = None,
    valid_from: datetime.date = datetime.date(2024, 1, 1),
    valid_to: datetime.date | None = datetime.date(2027, 12, 31),
) -> Certificate:
    return certificate_register(
        actor=system_user_ensure(), holder=holder, kind=kind, number=number, issuer="中国绿色食品发展中心",
        valid_from=valid_from, valid_to=valid_to, brand=brand,
    )  # fmt: skip
