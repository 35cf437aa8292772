"""Master data: locations (GLN check digit, canonical identifier, Chongqing coordinates, duplicates, scope) and lots
(AI 10 lot numbers, GTIN lookup, status changes)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from conftest import district_government
from pinpai.accounts.choices import Role
from pinpai.accounts.tests.factories import user_with_role
from pinpai.audit.models import AuditEvent
from pinpai.common.models import District
from pinpai.traceability.choices import LocationKind, LotStatus
from pinpai.traceability.exceptions import LocationDuplicate, LocationInvalid, LotInvalid
from pinpai.traceability.exceptions_quality import LotDuplicate, LotStatusTransitionNotAllowed
from pinpai.traceability.models import Location, Lot
from pinpai.traceability.selectors.masterdata import (
    location_by_identifier,
    location_list,
    lot_get_by_number,
    lot_list,
)
from pinpai.traceability.services.masterdata import (
    location_register,
    location_update,
    lot_register,
    lot_status_change,
)
from pinpai.traceability.tests.factories import (
    EnterpriseFactory,
    LocationFactory,
    LotFactory,
    ProductFactory,
    bad_check_digit,
    enterprise_user,
    fuling,
    gln,
)

GLN_7 = gln(7)


@pytest.fixture
def producer(reference):
    return EnterpriseFactory(name="重庆市涪陵区绿野蔬菜专业合作社")


@pytest.fixture
def producer_user(producer):
    return enterprise_user(producer, "lvye")


def register(actor, enterprise, **kwargs):
    arguments = {
        "gln": GLN_7,
        "name": "二渡村基地",
        "kind": LocationKind.FARM,
        "district": fuling(),
        **kwargs,
    }
    return location_register(actor=actor, enterprise=enterprise, **arguments)


def test_a_location_gets_its_canonical_gln_identifier_and_is_audited(producer, producer_user):
    before = AuditEvent.objects.count()
    location = register(
        producer_user,
        producer,
        address=" 涪陵区江北街道二渡村 ",
        latitude=Decimal("29.716"),
        longitude=Decimal("107.390"),
    )
    assert location.identifier == f"https://id.gs1.org/414/{GLN_7}"
    assert (location.gln, location.extension, location.address) == (GLN_7, "", "涪陵区江北街道二渡村")
    event = AuditEvent.objects.get(sequence__gt=0, action="traceability.location.registered")
    assert AuditEvent.objects.count() == before + 1
    assert event.changes["identifier"] == [None, location.identifier]
    assert event.changes["latitude"] == [None, "29.716"]


def test_a_gln_extension_is_part_of_the_identifier_and_zero_means_none(producer, producer_user):
    shed = register(producer_user, producer, extension="SHED-1")
    assert shed.identifier == f"https://id.gs1.org/414/{GLN_7}/254/SHED-1"
    plain = register(producer_user, producer, extension="0")
    assert (plain.identifier, plain.extension) == (f"https://id.gs1.org/414/{GLN_7}", "")


def test_a_wrong_gln_check_digit_names_the_field_and_the_right_digit(producer, producer_user):
    before = AuditEvent.objects.count()
    with translation.override("en"), pytest.raises(LocationInvalid) as error:
        register(producer_user, producer, gln=bad_check_digit(GLN_7))
    assert error.value.extra == {
        "errors": {
            "gln": [f"The check digit of GLN {bad_check_digit(GLN_7)} is wrong; it should be {GLN_7[-1]}."]
        }
    }
    with translation.override("en"), pytest.raises(LocationInvalid) as error:
        register(producer_user, producer, gln="12345")
    assert error.value.extra == {"errors": {"gln": ["A GLN has 13 digits."]}}
    assert Location.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_an_extension_outside_gs1_character_set_82_is_refused(producer, producer_user):
    with pytest.raises(LocationInvalid) as error:
        register(producer_user, producer, extension="一号棚")
    assert list(error.value.extra["errors"]) == ["extension"]


def test_a_registered_gln_is_a_conflict(producer, producer_user):
    register(producer_user, producer)
    before = AuditEvent.objects.count()
    with translation.override("en"), pytest.raises(LocationDuplicate) as error:
        register(producer_user, producer, name="again")
    assert error.value.status == 409
    assert error.value.detail == f"https://id.gs1.org/414/{GLN_7} is already registered."
    assert Location.objects.count() == 1
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    ("latitude", "longitude", "field", "message"),
    [
        ("39.9042", "116.4074", "latitude", "Latitude 39.9042 is outside Chongqing (28.1° to 32.3° N)."),
        ("29.5630", "104.0657", "longitude", "Longitude 104.0657 is outside Chongqing (105.2° to 110.2° E)."),
        ("29.5630", None, "longitude", "Give both latitude and longitude, or neither."),
    ],
)
def test_coordinates_outside_chongqing_are_refused(
    producer, producer_user, latitude, longitude, field, message
):
    with translation.override("en"), pytest.raises(LocationInvalid) as error:
        register(
            producer_user,
            producer,
            latitude=Decimal(latitude),
            longitude=Decimal(longitude) if longitude else None,
        )
    assert error.value.extra == {"errors": {field: [message]}}
    assert Location.objects.count() == 0


def test_only_the_enterprise_its_district_and_departments_register_its_locations(
    producer, producer_user, district_user, department_user
):
    stranger = enterprise_user(EnterpriseFactory(district_code="500101"), "stranger")
    other_district = user_with_role(Role.DISTRICT_STAFF, district_government("500101"), username="wanzhou")
    before = AuditEvent.objects.count()
    for actor in (stranger, other_district):
        with pytest.raises(PermissionDenied):
            register(actor, producer)
    assert Location.objects.count() == 0
    assert AuditEvent.objects.count() == before
    assert register(district_user, producer).enterprise == producer
    assert register(department_user, producer, extension="2").extension == "2"


def test_a_location_update_changes_what_is_allowed_and_audits_the_difference(producer, producer_user):
    location = register(producer_user, producer)
    before = AuditEvent.objects.count()
    updated = location_update(
        actor=producer_user,
        location=location,
        name="二渡村青菜头基地",
        latitude=Decimal("29.7"),
        longitude=Decimal("107.4"),
    )
    assert updated.name == "二渡村青菜头基地"
    event = AuditEvent.objects.get(action="traceability.location.updated")
    assert event.changes == {
        "latitude": [None, "29.7"],
        "longitude": [None, "107.4"],
        "name": ["二渡村基地", "二渡村青菜头基地"],
    }
    location_update(actor=producer_user, location=location, name="二渡村青菜头基地")
    assert AuditEvent.objects.count() == before + 1  # nothing changed the second time
    with pytest.raises(LocationInvalid) as error:
        location_update(actor=producer_user, location=location, gln=gln(8))
    assert list(error.value.extra["errors"]) == ["gln"]
    with pytest.raises(LocationInvalid) as error:
        location_update(actor=producer_user, location=location, latitude=Decimal("35"))
    assert list(error.value.extra["errors"]) == ["latitude"]
    location.refresh_from_db()
    assert location.latitude == Decimal("29.7")


def test_location_lists_are_scoped_and_cost_one_query(
    producer, producer_user, district_user, department_user, django_assert_num_queries
):
    own = LocationFactory(enterprise=producer, gln=gln(11))
    LocationFactory(enterprise=producer, gln=gln(12), kind=LocationKind.PROCESSOR)
    wanzhou = District.objects.get(code="500101")
    elsewhere = LocationFactory(
        enterprise=EnterpriseFactory(district_code="500101"), gln=gln(13), district=wanzhou
    )
    stranger = enterprise_user(elsewhere.enterprise, "stranger")
    for actor in (producer_user, district_user, department_user, stranger):
        location_list(actor=actor).count()  # the actor's scope is computed once, then cached
    with django_assert_num_queries(1):
        rows = [
            (loc.name, loc.enterprise.organisation.name, loc.district.name)
            for loc in location_list(actor=department_user)
        ]
    assert len(rows) == 3
    assert {loc.pk for loc in location_list(actor=producer_user)} == {own.pk, own.pk + 1}
    assert {loc.pk for loc in location_list(actor=district_user)} == {own.pk, own.pk + 1}
    assert [loc.pk for loc in location_list(actor=stranger)] == [elsewhere.pk]
    assert [loc.pk for loc in location_list(actor=department_user, kind=LocationKind.PROCESSOR)] == [
        own.pk + 1
    ]
    assert [loc.pk for loc in location_list(actor=department_user, district_code="500101")] == [elsewhere.pk]
    assert list(location_list(actor=None)) == []


def test_location_by_identifier_maps_digital_links_urns_and_extensions(producer):
    farm = LocationFactory(enterprise=producer, gln=gln(21))
    shed = LocationFactory(enterprise=producer, gln=gln(21), extension="B")
    urn = f"urn:epc:id:sgln:{gln(21)[:9]}.{gln(21)[9:12]}.0"
    found = location_by_identifier(
        values=[
            farm.identifier,
            shed.identifier,
            urn,
            f"https://id.gs1.org/414/{gln(21)}/254/UNKNOWN",
            f"https://id.gs1.org/414/{gln(22)}",
            "not an identifier",
        ]
    )
    assert found == {
        farm.identifier: farm,
        shed.identifier: shed,
        urn: farm,
        f"https://id.gs1.org/414/{gln(21)}/254/UNKNOWN": farm,
    }


# ---------------------------------------------------------------- lots


def test_a_lot_is_registered_under_its_product_with_a_canonical_identifier(producer, producer_user):
    product = ProductFactory(enterprise=producer)
    lot = lot_register(actor=producer_user, gtin=product.gtin.lstrip("0"), lot_number="A/1 ".strip())
    assert lot.identifier == f"https://id.gs1.org/01/{product.gtin}/10/A%2F1"
    assert (lot.producer, lot.status) == (producer, LotStatus.ACTIVE)
    assert AuditEvent.objects.filter(action="traceability.lot.registered").count() == 1
    assert lot_get_by_number(actor=producer_user, gtin=product.gtin, lot_number="A/1") == lot
    with pytest.raises(LotDuplicate):
        lot_register(actor=producer_user, gtin=product.gtin, lot_number="A/1")


@pytest.mark.parametrize("lot_number", ["", "批次1", "A 1", "X" * 21, "A#1"])
def test_a_lot_number_must_be_1_to_20_characters_of_set_82(producer, producer_user, lot_number):
    product = ProductFactory(enterprise=producer)
    with pytest.raises(LotInvalid) as error:
        lot_register(actor=producer_user, gtin=product.gtin, lot_number=lot_number)
    assert list(error.value.extra["errors"]) == ["lot_number"]
    assert Lot.objects.count() == 0


def test_a_lot_needs_a_registered_product_of_the_actors_enterprise(producer, producer_user):
    with translation.override("en"), pytest.raises(LotInvalid) as error:
        lot_register(actor=producer_user, gtin="06901234567892", lot_number="L1")
    assert error.value.extra == {"errors": {"gtin": ["No product is registered with GTIN 06901234567892."]}}
    other = ProductFactory(enterprise=EnterpriseFactory(district_code="500101"))
    with pytest.raises(PermissionDenied):
        lot_register(actor=producer_user, gtin=other.gtin, lot_number="L1")
    assert Lot.objects.count() == 0


def test_a_lot_is_held_and_released_by_hand_but_recalled_is_final(producer, producer_user):
    lot = LotFactory(product=ProductFactory(enterprise=producer))
    assert (
        lot_status_change(actor=producer_user, lot=lot, status=LotStatus.ON_HOLD, reason="自查").status
        == "on_hold"
    )
    assert lot_status_change(actor=producer_user, lot=lot, status=LotStatus.ACTIVE).status == "active"
    assert list(
        AuditEvent.objects.filter(action="traceability.lot.status_changed")
        .order_by("sequence")
        .values_list("changes", flat=True)
    ) == [
        {"status": ["active", "on_hold"], "reason": "自查"},
        {"status": ["on_hold", "active"], "reason": ""},
    ]
    with pytest.raises(LotInvalid):
        lot_status_change(actor=producer_user, lot=lot, status=LotStatus.RECALLED)
    Lot.objects.filter(pk=lot.pk).update(status=LotStatus.RECALLED)
    with pytest.raises(LotStatusTransitionNotAllowed):
        lot_status_change(actor=producer_user, lot=lot, status=LotStatus.ACTIVE)


def test_lot_lists_are_scoped(producer, producer_user, district_user):
    mine = LotFactory(product=ProductFactory(enterprise=producer))
    theirs = LotFactory(product=ProductFactory(enterprise=EnterpriseFactory(district_code="500101")))
    assert list(lot_list(actor=producer_user)) == [mine]
    assert list(lot_list(actor=district_user)) == [mine]
    assert list(lot_list(actor=enterprise_user(theirs.producer, "wz"))) == [theirs]
    assert list(lot_list(actor=None)) == []
