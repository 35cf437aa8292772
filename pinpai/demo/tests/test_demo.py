import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from stdnum import ean

from pinpai.accounts.choices import Role
from pinpai.accounts.models import Membership, Organisation, User
from pinpai.audit.models import AuditEvent
from pinpai.common.identifiers import gtin_validate, uscc_validate
from pinpai.demo.plan import build_plan
from pinpai.demo.registry_plan import RegistryPlan, build_registry_plan
from pinpai.demo.services import demo_load
from pinpai.registry.choices import BrandKind, BrandStatus
from pinpai.registry.models import (
    Brand,
    Certificate,
    CultivationList,
    CultivationListEntry,
    Enterprise,
    GeographicalIndication,
    GiAuthorisation,
    Product,
    Trademark,
)
from pinpai.registry.selectors import brand_review_queue, certificate_expiring_list


def _names() -> dict[str, str]:
    from pinpai.common.reference_files import read_districts

    return {d.code: d.name for d in read_districts()}


def test_the_plan_is_deterministic_for_a_seed():
    a = build_plan(scale=2, seed=11, district_names=_names())
    b = build_plan(scale=2, seed=11, district_names=_names())
    c = build_plan(scale=2, seed=12, district_names=_names())
    assert a == b
    assert a != c
    assert len([o for o in a.organisations if o.kind == "enterprise"]) == 120


def test_the_plan_has_valid_unique_codes_in_plausible_districts():
    plan = build_plan(scale=3, seed=2016, district_names=_names())
    codes = [o.uscc for o in plan.organisations if o.uscc]
    assert len(codes) == len(set(codes))
    assert all(uscc_validate(c) == c for c in codes)
    assert all(c[2:8] == o.district_code for o, c in ((o, o.uscc) for o in plan.organisations if o.uscc))
    zhacai = [o for o in plan.organisations if o.industry == "榨菜"]
    assert zhacai
    assert {o.district_code for o in zhacai} <= {"500102", "500230", "500101"}
    names = [o.name for o in plan.organisations]
    assert len(names) == len(set(names))


def test_the_plan_refuses_scale_zero():
    with pytest.raises(ValueError, match="scale must be at least 1"):
        build_plan(scale=0, seed=1, district_names=_names())


def test_demo_command_loads_once_with_a_user_per_role(reference):
    out = StringIO()
    call_command("demo", "--seed", "5", stdout=out)
    text = out.getvalue()
    # 60 planned enterprises + 1 producer added for 涪陵榨菜, 2 intermediaries, 3 banks,
    # 2 + 12 associations (those holding the regional public brands), 1 expert pool
    assert text.startswith("demo data loaded: 81 organisations\ndemo users (password: pinpai-demo-2026):\n")
    # + 4 partners of the traceability chains (market, supermarket, vegetable co-op, grain and oil company)
    assert Organisation.objects.filter(is_demo=True).count() == 81 + 4
    assert Organisation.objects.filter(is_demo=True, kind="enterprise").count() == 61 + 4
    assert Enterprise.objects.filter(organisation__is_demo=True).count() == 61 + 4 + 12
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    admin = User.objects.get(username="admin")
    assert admin.check_password("pinpai-demo-2026")
    assert admin.is_superuser
    events = AuditEvent.objects.count()
    again = StringIO()
    call_command("demo", "--seed", "5", stdout=again)
    assert again.getvalue().startswith("demo data already present (85 organisations); nothing changed\n")
    assert Organisation.objects.filter(is_demo=True).count() == 81 + 4
    assert AuditEvent.objects.count() == events


# ---------------------------------------------------------------- registry

AS_OF = datetime.date(2026, 3, 1)
REGIONAL = {
    "涪陵榨菜": "500102", "奉节脐橙": "500236", "巫山脆李": "500237", "荣昌猪": "500153", "梁平柚": "500155",
    "江津花椒": "500116", "永川秀芽": "500118", "潼南柠檬": "500152", "城口老腊肉": "500229", "石柱黄连": "500240",
    "南川方竹笋": "500119", "秀山金银花": "500241",
}  # fmt: skip


def _registry(seed: int, as_of: datetime.date = AS_OF, scale: int = 1) -> RegistryPlan:
    names = _names()
    return build_registry_plan(
        plan=build_plan(scale=scale, seed=seed, district_names=names),
        seed=seed,
        as_of=as_of,
        district_names=names,
    )


def test_the_registry_plan_is_deterministic_for_a_seed_and_day():
    assert _registry(11) == _registry(11)
    assert _registry(11).brands != _registry(12).brands
    assert _registry(11).trademarks == _registry(11, as_of=AS_OF).trademarks


def test_the_registry_plan_has_valid_unique_numbers():
    plan = _registry(2016, scale=3)
    gtins = [p.gtin for p in plan.products]
    assert len(gtins) == len(set(gtins)) > 100
    assert all(ean.is_valid(g) and len(g) == 13 and "690" <= g[:3] <= "695" for g in gtins)
    numbers = [t.registration_number for t in plan.trademarks]
    assert len(numbers) == len(set(numbers)) == len(plan.brands) - 1  # 涪陵青菜头 has no mark yet
    certificates = [(c.kind, c.number) for c in plan.certificates]
    assert len(certificates) == len(set(certificates))
    names = [b.name for b in plan.brands]
    assert len(names) == len(set(names))
    assert all(uscc_validate(a.uscc) == a.uscc and a.uscc.startswith("51") for a in plan.associations)


def test_the_registry_plan_matches_industries_to_lines():
    plan = _registry(2016)
    divisions = {p.name: p.industry_code for p in plan.enterprises}
    orgs = {o.name: o for o in build_plan(scale=1, seed=2016, district_names=_names()).organisations}
    orgs.update({o.name: o for o in plan.extra_enterprises})
    expected = {
        "榨菜": "14",
        "脐橙": "01",
        "摩托车": "37",
        "重庆火锅": "62",
        "汽车零部件": "36",
        "电子终端": "39",
    }
    for name, org in orgs.items():
        if org.kind == "enterprise" and org.industry in expected:
            assert divisions[name] == expected[org.industry], name
    classes = {t.brand: t.nice_class for t in plan.trademarks}
    assert {classes[b.name] for b in plan.brands if b.product_lines[:1] == ("榨菜",)} == {29}
    assert {classes[b.name] for b in plan.brands if b.product_lines[:1] == ("摩托车",)} == {12}
    assert {classes[b.name] for b in plan.brands if b.product_lines[:1] == ("重庆火锅",)} == {43}


def test_the_registry_plan_has_certificates_expiring_soon_and_one_expired():
    plan = _registry(2016)
    ends = [c.valid_to for c in plan.certificates if c.valid_to is not None]
    expired = [c for c in plan.certificates if c.valid_to is not None and c.valid_to < AS_OF]
    assert len(expired) == 1
    assert {b.status for b in plan.brands if b.name == expired[0].brand} == {BrandStatus.APPROVED}
    assert len([e for e in ends if AS_OF <= e <= AS_OF + datetime.timedelta(days=90)]) == 3


def _rows() -> dict[str, list[tuple[object, ...]]]:
    """The registry by natural keys (no ids, no timestamps)."""
    return {
        "enterprises": list(
            Enterprise.objects.order_by("organisation__name").values_list(
                "organisation__name", "organisation__uscc", "organisation__district__code", "legal_representative",
                "registered_capital_yuan", "founded_on", "industry__code", "address",
            )
        ),
        "brands": [
            (b.name, b.owner.organisation.name, b.kind, b.pillar.code, b.tier.code if b.tier else None, b.status,
             b.status_reason, b.founded_year, b.story, sorted(d.code for d in b.districts.all()),
             sorted(c.code for c in b.categories.all()), sorted(p.name for p in b.product_lines.all()))
            for b in Brand.objects.select_related("owner__organisation", "pillar", "tier")
            .prefetch_related("districts", "categories", "product_lines").order_by("name")
        ],
        "trademarks": list(Trademark.objects.order_by("registration_number").values_list(
            "registration_number", "nice_class", "registrant__organisation__name", "brand__name", "valid_from", "valid_to",
        )),
        "certificates": list(Certificate.objects.order_by("kind", "number").values_list(
            "kind", "number", "issuer", "holder__organisation__name", "brand__name", "valid_from", "valid_to",
        )),
        "products": list(Product.objects.order_by("gtin").values_list("gtin", "name", "brand__name", "category__code")),
        "gis": list(GeographicalIndication.objects.order_by("name").values_list(
            "name", "kind", "registration_number", "standard", "holder__name", "brand__name", "protected_districts__code",
        )),
        "gi_authorisations": list(GiAuthorisation.objects.order_by("gi__name", "number").values_list(
            "gi__name", "enterprise__organisation__name", "number", "valid_from", "valid_to",
        )),
        "cultivation": list(CultivationListEntry.objects.order_by("cultivation_list__pillar__code", "rank").values_list(
            "cultivation_list__year", "cultivation_list__pillar__code", "cultivation_list__status", "brand__name", "rank",
        )),
    }  # fmt: skip


def test_demo_load_registers_the_registry_the_same_way_for_a_seed(system_user):
    saved = transaction.savepoint()
    demo_load(actor=system_user, seed=5)
    first = _rows()
    transaction.savepoint_rollback(saved)
    assert not Brand.objects.exists()
    result = demo_load(actor=system_user, seed=5)
    assert _rows() == first
    assert result.brands == Brand.objects.count() == len(first["brands"])

    # regional public brands: held by a demo association, with their GI over the right district
    for name, code in REGIONAL.items():
        brand = Brand.objects.select_related("owner__organisation").get(name=name)
        assert brand.kind == BrandKind.REGIONAL_PUBLIC
        assert brand.status == BrandStatus.PUBLISHED
        assert [d.code for d in brand.districts.all()] == [code]
        holder = brand.owner.organisation
        assert (holder.kind, holder.is_demo, holder.uscc[:2], holder.district.code) == (
            "association",
            True,
            "51",
            code,
        )
        gi = GeographicalIndication.objects.get(brand=brand)
        assert (gi.name, gi.holder, [d.code for d in gi.protected_districts.all()]) == (name, holder, [code])
    gi = GeographicalIndication.objects.get(name="涪陵榨菜")
    assert gi.standard == "GB/T 19858-2005 地理标志产品 涪陵榨菜"
    assert gi.authorisations.exists()
    assert all(
        a.enterprise.organisation.district.code == "500102"
        for a in gi.authorisations.select_related("enterprise__organisation__district")
    )

    # every workflow status, and work waiting for each demo reviewer
    assert set(Brand.objects.values_list("status", flat=True)) == set(BrandStatus.values)
    assert Brand.objects.filter(status=BrandStatus.PUBLISHED).count() > Brand.objects.count() * 3 // 4
    for username in ("fuling", "agri", "econ"):
        assert brand_review_queue(actor=User.objects.get(username=username)).exists(), username
    district_queue = brand_review_queue(actor=User.objects.get(username="fuling"))
    assert "涪陵青菜头" in {b.name for b in district_queue}

    # GTINs validate; certificates expiring within 90 days; one expired, on a brand that cannot be published
    assert all(gtin_validate(g) == g for g in Product.objects.values_list("gtin", flat=True))
    today = timezone.localdate()
    assert certificate_expiring_list(actor=system_user).count() == 3
    expired = Certificate.objects.get(valid_to__lt=today)
    assert expired.brand is not None
    assert expired.brand.status == BrandStatus.APPROVED
    assert CultivationList.objects.filter(year=2026).count() == 8
    assert set(CultivationList.objects.values_list("pillar__code", "status")) >= {
        ("agri-original", "published")
    }
