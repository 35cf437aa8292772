"""The appraisal whitelist's services and selectors: who may keep the register, what is audited, what is
refused (and writes nothing), how a displayed award is matched against the register, and who sees flags."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from pinpai.accounts.choices import Role
from pinpai.accounts.tests.factories import user_with_role
from pinpai.audit.models import AuditEvent
from pinpai.evaluation.exceptions import (
    AppraisalAwardInvalid,
    AppraisalInvalid,
    AppraisalTransitionNotAllowed,
    AwardClaimInvalid,
    AwardClaimNotFlagged,
)
from pinpai.evaluation.models import Appraisal, AppraisalAward, AwardClaim, appraisal_text_key
from pinpai.evaluation.selectors.appraisals import (
    appraisal_list,
    appraisal_lookup,
    award_claim_flagged_list,
)
from pinpai.evaluation.services.appraisals import (
    appraisal_award_grant,
    appraisal_award_revoke,
    appraisal_register,
    appraisal_reinstate,
    appraisal_revoke,
    appraisal_suspend,
    appraisal_update,
    award_claim_record,
    award_claim_review,
)
from pinpai.registry.tests.factories import make_brand, make_enterprise

pytestmark = pytest.mark.django_db
D = datetime.date
SAMR = "国家市场监督管理总局"


# ---------------------------------------------------------------- shared by the appraisal test modules


def make_appraisal(actor, **kw):
    values = {
        "name": "中国质量奖",
        "organiser_name": SAMR,
        "organiser_aliases": "市场监管总局\n国家质量监督检验检疫总局",
        "approving_authority": "全国评比达标表彰工作协调小组",
        "approval_number": "",
        "level": "national",
        "cycle": "biennial",
        "valid_from": D(2012, 1, 1),
    }
    values.update(kw)
    return appraisal_register(actor=actor, **values)


def make_cq_appraisal(actor, **kw):
    values = {
        "name": "重庆市市长质量管理奖",
        "organiser_name": "重庆市市场监督管理局",
        "organiser_aliases": "重庆市质量技术监督局\n市市场监管局",
        "approving_authority": "重庆市评比达标表彰工作协调小组",
        "level": "provincial",
        "cycle": "biennial",
        "valid_from": D(2009, 1, 1),
    }
    values.update(kw)
    return make_appraisal(actor, **values)


def claim(actor, brand, title, organiser=SAMR, year=2021):
    return award_claim_record(
        actor=actor, brand=brand, claimed_title=title, claimed_organiser=organiser, year=year
    )


def events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("sequence"))


# ---------------------------------------------------------------- fixtures


@pytest.fixture
def registrar(department_user):
    return department_user


@pytest.fixture
def brand(reference):
    return make_brand(make_enterprise())


@pytest.fixture
def owner_user(brand):
    return user_with_role(Role.ENTERPRISE_USER, brand.owner.organisation, username="owner")


@pytest.fixture
def other_brand(reference):
    other = make_enterprise(name="重庆市奉节县测试果业有限公司", district_code="500236", industry_code="01")
    return make_brand(
        other,
        name="测试脐橙",
        pillar_code="agri-original",
        district_codes=("500236",),
        product_line=None,
        category_code=None,
    )


@pytest.fixture
def other_user(other_brand):
    return user_with_role(Role.ENTERPRISE_USER, other_brand.owner.organisation, username="other")


@pytest.fixture
def quality_award(registrar):
    return make_appraisal(registrar)


# ---------------------------------------------------------------- the register


def test_text_keys_ignore_width_case_spacing_and_punctuation():
    assert appraisal_text_key("《中国 质量奖》") == "中国质量奖"
    assert appraisal_text_key("ＣＨＩＮＡ　Quality－Award（2021）") == "chinaqualityaward2021"
    assert appraisal_text_key("“重庆市 市长质量管理奖”。") == "重庆市市长质量管理奖"


def test_department_staff_register_an_appraisal_with_its_audit_event(registrar):
    before = AuditEvent.objects.count()
    appraisal = make_appraisal(
        registrar, approval_number="国评组办〔2015〕1号", source_url="https://example.org/list"
    )

    appraisal.refresh_from_db()
    assert (appraisal.name, appraisal.name_key, appraisal.organiser_key) == ("中国质量奖", "中国质量奖", SAMR)
    assert (appraisal.status, appraisal.status_reason, appraisal.created_by) == ("sanctioned", "", registrar)
    assert AuditEvent.objects.count() == before + 1
    (event,) = events("evaluation.appraisal.registered")
    assert (event.actor_id, event.target_id) == (registrar.pk, str(appraisal.pk))
    assert event.changes == {
        "name": [None, "中国质量奖"],
        "organiser_name": [None, SAMR],
        "organiser_aliases": [None, "市场监管总局\n国家质量监督检验检疫总局"],
        "approving_authority": [None, "全国评比达标表彰工作协调小组"],
        "approval_number": [None, "国评组办〔2015〕1号"],
        "level": [None, "national"],
        "cycle": [None, "biennial"],
        "valid_from": [None, "2012-01-01"],
        "status": [None, "sanctioned"],
        "status_reason": [None, ""],
        "scope_notes": [None, ""],
        "source_url": [None, "https://example.org/list"],
        "source_text": [None, ""],
        "is_demo": [None, False],
    }


def test_a_system_administrator_may_register(admin_user):
    assert make_appraisal(admin_user).created_by == admin_user


def test_enterprise_and_district_users_and_the_public_are_denied_and_nothing_is_written(
    owner_user, district_user
):
    before = AuditEvent.objects.count()
    for actor in (owner_user, district_user, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            make_appraisal(actor)
    assert Appraisal.objects.count() == 0
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"valid_to": D(2011, 12, 31)}, "valid_to"),
        ({"name": "《》"}, "name"),
        ({"organiser_name": ""}, "organiser_name"),
        ({"level": "galactic"}, "level"),
        ({"approving_authority": " "}, "approving_authority"),
    ],
)
def test_an_invalid_appraisal_is_refused_naming_the_field(registrar, changes, field):
    before = AuditEvent.objects.count()
    with pytest.raises(AppraisalInvalid) as exc:
        make_appraisal(registrar, **changes)
    assert exc.value.code == "appraisal_invalid"
    assert field in exc.value.extra["errors"]
    assert Appraisal.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_the_same_name_and_organiser_is_registered_once_however_it_is_written(registrar, quality_award):
    with pytest.raises(AppraisalInvalid) as exc:
        make_appraisal(registrar, name="中国 质量奖", organiser_name="国家市场监督管理总局 ")
    assert list(exc.value.extra["errors"]) == ["__all__"]
    assert Appraisal.objects.count() == 1


def test_update_changes_the_record_and_audits_only_what_changed(registrar, quality_award):
    updated = appraisal_update(
        actor=registrar, appraisal=quality_award, approval_number=" 第2号 ", valid_to=None
    )
    assert updated.approval_number == "第2号"
    (event,) = events("evaluation.appraisal.updated")
    assert event.changes == {"approval_number": ["", "第2号"]}
    with pytest.raises(AppraisalInvalid):
        appraisal_update(actor=registrar, appraisal=quality_award, status="revoked")


def test_suspend_needs_a_reason_and_reinstate_and_revoke_follow_the_statuses(registrar, quality_award):
    with pytest.raises(AppraisalInvalid) as exc:
        appraisal_suspend(actor=registrar, appraisal=quality_award, reason="  ")
    assert exc.value.extra["errors"] == {"reason": ["required"]}
    assert events("evaluation.appraisal.suspended") == []

    suspended = appraisal_suspend(
        actor=registrar, appraisal=quality_award, reason="收费投诉核查中", on=D(2024, 3, 1)
    )
    assert (suspended.status, suspended.status_reason, suspended.status_changed_on) == (
        "suspended", "收费投诉核查中", D(2024, 3, 1),
    )  # fmt: skip
    with pytest.raises(AppraisalTransitionNotAllowed) as conflict:
        appraisal_suspend(actor=registrar, appraisal=quality_award, reason="again")
    assert (conflict.value.status, conflict.value.extra) == (409, {"current_status": "suspended"})

    reinstated = appraisal_reinstate(actor=registrar, appraisal=quality_award, on=D(2024, 4, 1))
    assert (reinstated.status, reinstated.status_reason) == ("sanctioned", "")
    revoked = appraisal_revoke(
        actor=registrar, appraisal=quality_award, reason="未列入保留项目目录", on=D(2025, 1, 1)
    )
    assert revoked.status == "revoked"
    (event,) = events("evaluation.appraisal.revoked")
    assert event.changes == {
        "status": ["sanctioned", "revoked"],
        "status_reason": ["", "未列入保留项目目录"],
        "status_changed_on": ["2024-04-01", "2025-01-01"],
    }
    with pytest.raises(AppraisalTransitionNotAllowed):
        appraisal_reinstate(actor=registrar, appraisal=quality_award)


def test_status_changes_are_denied_to_enterprise_users(owner_user, quality_award):
    for service in (appraisal_suspend, appraisal_revoke):
        with pytest.raises(PermissionDenied):
            service(actor=owner_user, appraisal=quality_award, reason="x")
    assert Appraisal.objects.get().status == "sanctioned"


# ---------------------------------------------------------------- awards


def test_an_award_is_recorded_once_per_edition_inside_the_approval(registrar, quality_award, brand):
    award = appraisal_award_grant(
        actor=registrar, appraisal=quality_award, brand=brand, year=2021, granted_on=D(2021, 9, 16),
        title="中国质量奖提名奖", edition="第四届",
    )  # fmt: skip
    assert (award.title, award.granted_by, award.revoked_on) == ("中国质量奖提名奖", registrar, None)
    (event,) = events("evaluation.appraisal_award.granted")
    assert event.changes == {
        "appraisal": [None, quality_award.pk],
        "brand": [None, brand.pk],
        "year": [None, 2021],
        "edition": [None, "第四届"],
        "title": [None, "中国质量奖提名奖"],
        "granted_on": [None, "2021-09-16"],
        "certificate_number": [None, ""],
        "revoked_reason": [None, ""],
        "linked_claims": [None, 0],
    }
    with pytest.raises(AppraisalAwardInvalid) as exc:
        appraisal_award_grant(
            actor=registrar, appraisal=quality_award, brand=brand, year=2021, granted_on=D(2021, 10, 1)
        )
    assert exc.value.code == "appraisal_award_invalid"
    assert AppraisalAward.objects.count() == 1


def test_an_award_outside_the_approval_or_of_a_suspended_appraisal_is_refused(
    registrar, quality_award, brand
):
    with pytest.raises(AppraisalAwardInvalid) as exc:
        appraisal_award_grant(
            actor=registrar, appraisal=quality_award, brand=brand, year=2011, granted_on=D(2011, 6, 1)
        )
    assert "granted_on" in exc.value.extra["errors"]
    appraisal_suspend(actor=registrar, appraisal=quality_award, reason="核查")
    with pytest.raises(AppraisalAwardInvalid) as exc:
        appraisal_award_grant(
            actor=registrar, appraisal=quality_award, brand=brand, year=2021, granted_on=D(2021, 6, 1)
        )
    assert exc.value.extra["errors"] == {"appraisal": ["not sanctioned (suspended)"]}
    assert AppraisalAward.objects.count() == 0
    assert events("evaluation.appraisal_award.granted") == []


def test_granting_is_denied_to_district_staff(district_user, quality_award, brand):
    with pytest.raises(PermissionDenied):
        appraisal_award_grant(
            actor=district_user, appraisal=quality_award, brand=brand, year=2021, granted_on=D(2021, 6, 1)
        )
    assert AppraisalAward.objects.count() == 0


def test_revoking_an_award_needs_a_reason_and_happens_once(registrar, quality_award, brand):
    award = appraisal_award_grant(
        actor=registrar, appraisal=quality_award, brand=brand, year=2021, granted_on=D(2021, 6, 1)
    )
    with pytest.raises(AppraisalAwardInvalid):
        appraisal_award_revoke(actor=registrar, award=award, reason="")
    revoked = appraisal_award_revoke(actor=registrar, award=award, reason="申报材料造假", on=D(2022, 1, 5))
    assert (revoked.revoked_on, revoked.revoked_reason) == (D(2022, 1, 5), "申报材料造假")
    (event,) = events("evaluation.appraisal_award.revoked")
    assert event.changes == {"revoked_on": [None, "2022-01-05"], "revoked_reason": ["", "申报材料造假"]}
    with pytest.raises(AppraisalAwardInvalid):
        appraisal_award_revoke(actor=registrar, award=award, reason="again")


# ---------------------------------------------------------------- matching displayed awards


def test_an_exact_claim_is_matched_and_linked_to_the_brands_award(
    registrar, quality_award, brand, owner_user
):
    award = appraisal_award_grant(
        actor=registrar, appraisal=quality_award, brand=brand, year=2021, granted_on=D(2021, 9, 16)
    )
    recorded = claim(owner_user, brand, "中国质量奖")
    assert (recorded.status, recorded.flag, recorded.appraisal, recorded.award) == (
        "matched", "", quality_award, award,
    )  # fmt: skip
    assert recorded.claimed_by == owner_user
    (event,) = events("evaluation.award_claim.recorded")
    assert (event.actor_id, event.target_id) == (owner_user.pk, str(recorded.pk))
    assert event.changes == {
        "brand": [None, brand.pk],
        "claimed_title": [None, "中国质量奖"],
        "claimed_organiser": [None, SAMR],
        "year": [None, 2021],
        "evidence_note": [None, ""],
        "appraisal": [None, quality_award.pk],
        "award": [None, award.pk],
        "status": [None, "matched"],
        "flag": [None, ""],
        "note": [None, ""],
    }


@pytest.mark.parametrize(
    ("title", "organiser"),
    [
        ("《中国 质量奖》", "国家市场监督管理总局"),
        ("第四届中国质量奖提名奖", "市场监管总局"),
        ("中国质量奖", "国家质量监督检验检疫总局（原）"),
        ("“中国质量奖”", "国家市场 监督管理总局。"),
    ],
)
def test_a_claim_written_differently_is_still_matched(quality_award, brand, owner_user, title, organiser):
    recorded = claim(owner_user, brand, title, organiser)
    assert (recorded.status, recorded.appraisal, recorded.award) == ("matched", quality_award, None)


def test_an_award_granted_later_links_the_matched_claims(registrar, quality_award, brand, owner_user):
    recorded = claim(owner_user, brand, "中国质量奖")
    award = appraisal_award_grant(
        actor=registrar, appraisal=quality_award, brand=brand, year=2021, granted_on=D(2021, 9, 16)
    )
    recorded.refresh_from_db()
    assert recorded.award == award
    assert events("evaluation.appraisal_award.granted")[0].changes["linked_claims"] == [None, 1]


@pytest.mark.parametrize(
    ("title", "organiser", "year", "flag"),
    [
        ("全球卓越品牌金奖", SAMR, 2021, "not_on_register"),
        ("中国质量奖", "中国品牌推广联盟", 2021, "organiser_differs"),
        ("中国质量奖", SAMR, 2010, "not_valid_in_year"),
    ],
)
def test_a_claim_not_on_the_register_is_flagged_with_why(
    quality_award, brand, owner_user, title, organiser, year, flag
):
    recorded = claim(owner_user, brand, title, organiser, year)
    assert (recorded.status, recorded.flag) == ("unregistered", flag)
    assert recorded.award is None


def test_a_claim_on_an_expired_appraisal_is_unregistered(registrar, brand, owner_user):
    expired = make_cq_appraisal(registrar, valid_to=D(2015, 12, 31))
    assert claim(owner_user, brand, "重庆市市长质量管理奖", "重庆市质量技术监督局", 2014).status == "matched"
    late = claim(owner_user, brand, "重庆市市长质量管理奖", "重庆市质量技术监督局", 2019)
    assert (late.status, late.flag, late.appraisal) == ("unregistered", "not_valid_in_year", expired)


def test_a_claim_on_a_revoked_or_suspended_appraisal_is_unregistered(
    registrar, quality_award, brand, owner_user
):
    appraisal_suspend(actor=registrar, appraisal=quality_award, reason="核查")
    assert claim(owner_user, brand, "中国质量奖").flag == "appraisal_suspended"
    appraisal_revoke(actor=registrar, appraisal=quality_award, reason="撤销")
    revoked = claim(owner_user, brand, "中国质量奖")
    assert (revoked.status, revoked.flag, revoked.appraisal) == (
        "unregistered",
        "appraisal_revoked",
        quality_award,
    )


def test_a_claim_of_a_revoked_award_is_flagged(registrar, quality_award, brand, owner_user):
    award = appraisal_award_grant(
        actor=registrar, appraisal=quality_award, brand=brand, year=2021, granted_on=D(2021, 9, 16)
    )
    appraisal_award_revoke(actor=registrar, award=award, reason="造假")
    recorded = claim(owner_user, brand, "中国质量奖")
    assert (recorded.status, recorded.flag, recorded.award) == ("unregistered", "award_revoked", award)


def test_recording_a_claim_for_another_enterprises_brand_is_denied(other_user, brand, quality_award):
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        claim(other_user, brand, "中国质量奖")
    assert AwardClaim.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_district_staff_record_claims_of_their_district_only(
    district_user, brand, other_brand, quality_award
):
    assert claim(district_user, brand, "中国质量奖").status == "matched"
    with pytest.raises(PermissionDenied):
        claim(district_user, other_brand, "中国质量奖")


def test_a_claim_without_letters_is_invalid(owner_user, brand):
    with pytest.raises(AwardClaimInvalid) as exc:
        claim(owner_user, brand, "……", "——")
    assert set(exc.value.extra["errors"]) == {"claimed_title", "claimed_organiser"}
    assert AwardClaim.objects.count() == 0


# ---------------------------------------------------------------- reviewing flags


def test_staff_confirm_or_dismiss_a_flag(registrar, brand, owner_user):
    flagged = claim(owner_user, brand, "全球卓越品牌金奖")
    confirmed = award_claim_review(actor=registrar, claim=flagged, decision="confirm", note="已移交执法")
    assert (confirmed.status, confirmed.reviewed_by, confirmed.note) == (
        "unregistered",
        registrar,
        "已移交执法",
    )
    assert confirmed.reviewed_at is not None
    with pytest.raises(AwardClaimInvalid) as exc:
        award_claim_review(actor=registrar, claim=flagged, decision="dismiss")
    assert exc.value.extra["errors"] == {"note": ["required"]}
    dismissed = award_claim_review(actor=registrar, claim=flagged, decision="dismiss", note="企业已撤下")
    assert dismissed.status == "dismissed"
    assert [e.changes for e in events("evaluation.award_claim.reviewed")] == [
        {"decision": [None, "confirm"], "note": ["", "已移交执法"]},
        {
            "decision": [None, "dismiss"],
            "status": ["unregistered", "dismissed"],
            "note": ["已移交执法", "企业已撤下"],
        },
    ]
    with pytest.raises(AwardClaimNotFlagged) as conflict:
        award_claim_review(actor=registrar, claim=flagged, decision="confirm")
    assert conflict.value.code == "award_claim_not_flagged"


def test_reviewing_is_denied_to_the_enterprise_and_other_districts(reference, brand, owner_user, other_brand):
    from conftest import district_government

    fengjie = user_with_role(Role.DISTRICT_STAFF, district_government("500236"), username="fengjie")
    flagged = claim(owner_user, brand, "全球卓越品牌金奖")
    for actor in (owner_user, fengjie):
        with pytest.raises(PermissionDenied):
            award_claim_review(actor=actor, claim=flagged, decision="dismiss", note="x")
    assert events("evaluation.award_claim.reviewed") == []


# ---------------------------------------------------------------- reads


def test_the_flagged_list_is_scoped_like_the_registry(
    reference, registrar, district_user, brand, owner_user, other_brand, other_user, django_assert_num_queries
):
    mine = claim(owner_user, brand, "全球卓越品牌金奖")
    theirs = claim(other_user, other_brand, "亚洲名优品牌")
    claim(owner_user, brand, "另一个野鸡奖", year=2020)
    assert set(award_claim_flagged_list(actor=registrar)) == {mine, theirs, AwardClaim.objects.get(year=2020)}
    assert set(award_claim_flagged_list(actor=district_user)) == {mine, AwardClaim.objects.get(year=2020)}
    assert list(award_claim_flagged_list(actor=district_user, text="野鸡")) == [
        AwardClaim.objects.get(year=2020)
    ]
    with pytest.raises(PermissionDenied):
        award_claim_flagged_list(actor=owner_user)
    with django_assert_num_queries(1):
        rows = [
            (c.brand.owner.organisation.name, c.claimed_by.username)
            for c in award_claim_flagged_list(actor=registrar)
        ]
    assert len(rows) == 3


def test_the_register_filters_by_level_status_text_and_validity(registrar, quality_award):
    cq = make_cq_appraisal(registrar, valid_to=D(2015, 12, 31))
    assert list(appraisal_list(actor=None)) == [quality_award, cq]  # by name: 中 before 重
    assert list(appraisal_list(actor=None, level="provincial")) == [cq]
    assert list(appraisal_list(actor=None, text="市长 质量")) == [cq]
    assert list(appraisal_list(actor=None, text="市场监管总局")) == []  # aliases are for matching claims
    assert list(appraisal_list(actor=None, valid_on=D(2020, 1, 1))) == [quality_award]
    assert list(appraisal_list(actor=None, status="revoked")) == []


def test_the_lookup_answers_with_the_status_on_the_day(registrar, quality_award):
    cq = make_cq_appraisal(registrar, valid_to=D(2015, 12, 31))
    found = appraisal_lookup(actor=None, text="第四届中国质量奖提名奖", on=D(2024, 1, 1))
    assert (found.answer, [(m.appraisal, m.answer) for m in found.matches]) == (
        "sanctioned", [(quality_award, "sanctioned")],
    )  # fmt: skip
    assert appraisal_lookup(actor=None, text="市长质量管理奖", on=D(2024, 1, 1)).answer == "expired"
    assert appraisal_lookup(actor=None, text="市长质量管理奖", on=D(2014, 1, 1)).matches[0].appraisal == cq
    assert appraisal_lookup(actor=None, text="质量奖", on=D(2024, 1, 1)).answer == "sanctioned"
    nothing = appraisal_lookup(actor=None, text="全球卓越品牌金奖", on=D(2024, 1, 1))
    assert (nothing.answer, nothing.matches) == ("not_on_register", ())
    appraisal_revoke(actor=registrar, appraisal=quality_award, reason="撤销")
    assert appraisal_lookup(actor=None, text="中国质量奖", on=D(2024, 1, 1)).answer == "revoked"
