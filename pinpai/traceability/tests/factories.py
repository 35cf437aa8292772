"""Traceability test data: enterprises, products, locations and lots with valid GS1 keys.

Rows with invariants (certificates, inspections, recalls) are built through the services; the helpers below
(`certificate_issue`, `failing_items`, `passing_items`) keep those calls short.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import factory

from engines.epcis import gs1_check_digit
from pinpai.accounts.choices import Role
from pinpai.accounts.models import User
from pinpai.accounts.services import system_user_ensure
from pinpai.accounts.tests.factories import user_with_role
from pinpai.common.models import District
from pinpai.registry.models import Enterprise, Product
from pinpai.registry.services.rights import product_register
from pinpai.registry.tests.factories import make_brand, make_enterprise
from pinpai.traceability.choices import LocationKind
from pinpai.traceability.choices_quality import ProduceCategory, PromiseBasis
from pinpai.traceability.models import ComplianceCertificate, Location, Lot
from pinpai.traceability.selectors.masterdata import location_identifier, lot_identifier
from pinpai.traceability.services.inspections import InspectionItemInput


def gln(n: int, prefix: str = "690123400") -> str:
    """A 13-digit GLN with a correct check digit (company prefix 690123400…)."""
    body = f"{prefix}{n:03d}"[:12]
    return body + gs1_check_digit(body)


def gtin(n: int, prefix: str = "069012345") -> str:
    """A 14-digit GTIN with a correct check digit."""
    body = f"{prefix}{n:04d}"[:13]
    return body + gs1_check_digit(body)


def bad_check_digit(key: str) -> str:
    return key[:-1] + str((int(key[-1]) + 1) % 10)


def fuling() -> District:
    return District.objects.get(code="500102")


class EnterpriseFactory(factory.django.DjangoModelFactory):  # type: ignore[type-arg]
    """An enterprise in the registry (through `enterprise_register`), with a contact e-mail."""

    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"重庆市涪陵区测试农业{n}有限公司")  # type: ignore[attr-defined]
    district_code = "500102"
    contact_email = factory.Sequence(lambda n: f"enterprise{n}@example.cn")  # type: ignore[attr-defined]
    contact_phone = "023-72220000"

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Enterprise:
        return make_enterprise(**kwargs)


class ProductFactory(factory.django.DjangoModelFactory):  # type: ignore[type-arg]
    """A registered product (through `product_register`) of a new enterprise unless one is given."""

    class Meta:
        model = Product

    enterprise = factory.SubFactory(EnterpriseFactory)  # type: ignore[attr-defined]
    gtin = factory.Sequence(lambda n: gtin(n))  # type: ignore[attr-defined]
    name = factory.Sequence(lambda n: f"涪陵青菜头{n}")  # type: ignore[attr-defined]

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Product:
        enterprise = kwargs["enterprise"]
        brand = make_brand(enterprise, name=f"测试品牌{kwargs['gtin'][-5:]}")
        return product_register(
            actor=system_user_ensure(),
            enterprise=enterprise,
            brand=brand,
            gtin=kwargs["gtin"],
            name=kwargs["name"],
        )


class LocationFactory(factory.django.DjangoModelFactory):  # type: ignore[type-arg]
    class Meta:
        model = Location

    enterprise = factory.SubFactory(EnterpriseFactory)  # type: ignore[attr-defined]
    gln = factory.Sequence(lambda n: gln(n))  # type: ignore[attr-defined]
    extension = ""
    identifier = factory.LazyAttribute(lambda o: location_identifier(o.gln, o.extension))  # type: ignore[attr-defined]
    name = factory.Sequence(lambda n: f"涪陵测试基地{n}")  # type: ignore[attr-defined]
    kind = LocationKind.FARM
    district = factory.LazyFunction(fuling)  # type: ignore[attr-defined]
    address = "重庆市涪陵区江北街道"


class LotFactory(factory.django.DjangoModelFactory):  # type: ignore[type-arg]
    class Meta:
        model = Lot

    product = factory.SubFactory(ProductFactory)  # type: ignore[attr-defined]
    lot_number = factory.Sequence(lambda n: f"L2026{n:04d}")  # type: ignore[attr-defined]
    producer = factory.LazyAttribute(lambda o: o.product.enterprise)  # type: ignore[attr-defined]
    identifier = factory.LazyAttribute(lambda o: lot_identifier(o.product.gtin, o.lot_number))  # type: ignore[attr-defined]
    produced_on = datetime.date(2026, 1, 10)


def enterprise_user(enterprise: Enterprise, username: str) -> User:
    return user_with_role(Role.ENTERPRISE_USER, enterprise.organisation, username=username)


def passing_items() -> list[InspectionItemInput]:
    return [
        InspectionItemInput(
            name="毒死蜱",
            method_standard="GB 2763-2021",
            measured_value=Decimal("0.01"),
            unit="mg/kg",
            limit=Decimal("0.02"),
        ),
        InspectionItemInput(
            name="克百威",
            method_standard="GB 2763-2021",
            measured_value=None,
            unit="mg/kg",
            limit=Decimal("0.02"),
        ),
    ]


def failing_items() -> list[InspectionItemInput]:
    return [
        InspectionItemInput(
            name="毒死蜱",
            method_standard="GB 2763-2021",
            measured_value=Decimal("0.35"),
            unit="mg/kg",
            limit=Decimal("0.02"),
        ),
        InspectionItemInput(
            name="克百威",
            method_standard="GB 2763-2021",
            measured_value=None,
            unit="mg/kg",
            limit=Decimal("0.02"),
        ),
    ]


def certificate_issue(actor: Any, lot: Lot, **kwargs: Any) -> ComplianceCertificate:
    """A 合格证 for an existing lot, issued through the service."""
    from pinpai.traceability.services.certificates import compliance_certificate_issue  # noqa: PLC0415

    arguments: dict[str, Any] = {
        "producer": lot.producer,
        "gtin": lot.product.gtin,
        "lot_number": lot.lot_number,
        "product_category": ProduceCategory.VEGETABLES,
        "quantity": Decimal("500"),
        "unit": "千克",
        "contact_phone": "023-72220000",
        "district": fuling(),
        "address": "重庆市涪陵区江北街道二渡村",
        "basis": [PromiseBasis.SELF_TEST, PromiseBasis.INTERNAL_CONTROL],
        **kwargs,
    }
    return compliance_certificate_issue(actor=actor, **arguments)
