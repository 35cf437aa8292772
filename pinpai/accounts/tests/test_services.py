import datetime

import pytest
from django.core.exceptions import PermissionDenied

from conftest import department
from pinpai.accounts.choices import OrganisationKind, Role
from pinpai.accounts.exceptions import (
    DuplicateUscc,
    MembershipInvalid,
    OrganisationInvalid,
    OrganisationSuccessionInvalid,
    UserInvalid,
)
from pinpai.accounts.models import ApiToken, Membership, Organisation, User
from pinpai.accounts.selectors import api_token_user, organisation_lineage, organisation_list
from pinpai.accounts.services import (
    api_token_issue,
    api_token_revoke,
    membership_end,
    membership_grant,
    organisation_create,
    organisation_succeed,
    organisation_update,
    user_create,
    user_password_change,
)
from pinpai.accounts.tests.factories import valid_uscc
from pinpai.audit.models import AuditEvent
from pinpai.common.models import District


def _last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-sequence")[0]


def test_organisation_create_records_an_audit_event(department_user):
    uscc = valid_uscc("500236")
    org = organisation_create(
        actor=department_user,
        kind=OrganisationKind.ENTERPRISE,
        name="重庆市奉节县脐橙有限公司",
        uscc=uscc.lower(),
        district=District.objects.get(code="500236"),
    )
    assert org.uscc == uscc
    event = _last_event()
    assert (event.action, event.actor_username, event.target_type, event.target_id) == (
        "accounts.organisation.created", "agri", "accounts.organisation", str(org.pk),
    )  # fmt: skip
    assert event.changes["name"] == [None, "重庆市奉节县脐橙有限公司"]
    assert event.changes["uscc"] == [None, uscc]
    assert event.changes["district"] == [None, District.objects.get(code="500236").pk]


def test_organisation_create_denied_writes_nothing(enterprise_user):
    orgs, events = Organisation.objects.count(), AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        organisation_create(
            actor=enterprise_user, kind=OrganisationKind.ENTERPRISE, name="某公司", uscc=valid_uscc()
        )
    assert Organisation.objects.count() == orgs
    assert AuditEvent.objects.count() == events


def test_organisation_create_denied_for_department_staff_creating_a_department(department_user):
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        organisation_create(actor=department_user, kind=OrganisationKind.DEPARTMENT, name="重庆市新设局")
    assert AuditEvent.objects.count() == events


def test_district_staff_register_enterprises_only_in_their_district(district_user):
    ok = organisation_create(
        actor=district_user,
        kind="enterprise",
        name="涪陵某公司",
        uscc=valid_uscc(),
        district=District.objects.get(code="500102"),
    )
    assert ok.pk
    with pytest.raises(PermissionDenied):
        organisation_create(
            actor=district_user,
            kind="enterprise",
            name="奉节某公司",
            uscc=valid_uscc(),
            district=District.objects.get(code="500236"),
        )


def test_organisation_create_rejects_bad_uscc_naming_the_field(admin_user):
    events = AuditEvent.objects.count()
    with pytest.raises(OrganisationInvalid) as exc:
        organisation_create(actor=admin_user, kind="enterprise", name="某公司", uscc="91110000802100433C")
    assert exc.value.code == "organisation_invalid"
    assert exc.value.extra == {
        "errors": {"uscc": ["统一社会信用代码 91110000802100433C 的校验码（第 18 位）错误。"]}
    }
    assert not Organisation.objects.filter(name="某公司").exists()
    assert AuditEvent.objects.count() == events


def test_organisation_create_requires_uscc_for_enterprises(admin_user):
    with pytest.raises(OrganisationInvalid) as exc:
        organisation_create(actor=admin_user, kind="enterprise", name="某公司")
    assert exc.value.extra == {"errors": {"uscc": ["required"]}}


def test_organisation_create_rejects_duplicate_uscc(admin_user, enterprise):
    with pytest.raises(DuplicateUscc) as exc:
        organisation_create(actor=admin_user, kind="enterprise", name="另一家公司", uscc=enterprise.uscc)
    assert exc.value.status == 409
    assert (
        str(exc.value)
        == f"统一社会信用代码 {enterprise.uscc} is already registered to 重庆市涪陵榨菜集团股份有限公司 (id {enterprise.pk})."
    )


def test_organisation_update_records_only_the_changed_fields(admin_user, enterprise):
    organisation_update(
        actor=admin_user, organisation=enterprise, short_name="涪陵榨菜", name=enterprise.name
    )
    event = _last_event()
    assert event.action == "accounts.organisation.updated"
    assert event.changes == {"short_name": ["", "涪陵榨菜"]}


def test_organisation_update_without_changes_writes_no_event(admin_user, enterprise):
    events = AuditEvent.objects.count()
    organisation_update(actor=admin_user, organisation=enterprise, name=enterprise.name)
    assert AuditEvent.objects.count() == events


def test_organisation_update_refuses_kind_changes(admin_user, enterprise):
    with pytest.raises(OrganisationInvalid, match="These fields cannot be changed here: kind."):
        organisation_update(actor=admin_user, organisation=enterprise, kind="bank")


def test_the_2018_merger_keeps_history(admin_user):
    """市工商局, 市质监局 and 市食品药品监管局 became 市市场监督管理局 in 2018."""
    smr = organisation_create(
        actor=admin_user, kind="department", name="重庆市市场监督管理局", short_name="市市场监管局"
    )
    predecessors = [department("市工商局"), department("市质监局"), department("市食品药品监管局")]
    organisation_succeed(
        actor=admin_user, predecessors=predecessors, successor=smr, effective_on=datetime.date(2018, 11, 1)
    )
    for old in predecessors:
        old.refresh_from_db()
        assert old.valid_to == datetime.date(2018, 10, 31)
        assert old.successor_id == smr.pk
        assert [o.name for o in organisation_lineage(organisation=old)] == [old.name, "重庆市市场监督管理局"]
    smr.refresh_from_db()
    assert smr.valid_from == datetime.date(2018, 11, 1)
    in_2016 = organisation_list(actor=admin_user, kind="department", valid_on=datetime.date(2016, 10, 3))
    in_2019 = organisation_list(actor=admin_user, kind="department", valid_on=datetime.date(2019, 1, 1))
    assert in_2016.count() == 22
    assert in_2019.count() == 20
    assert "重庆市市场监督管理局" in set(in_2019.values_list("name", flat=True))
    actions = list(AuditEvent.objects.order_by("-sequence").values_list("action", flat=True)[:4])
    assert actions == ["accounts.organisation.succeeded"] * 3 + ["accounts.organisation.updated"]


def test_succession_across_kinds_is_refused_and_writes_nothing(admin_user, enterprise):
    events = AuditEvent.objects.count()
    with pytest.raises(OrganisationSuccessionInvalid, match="can only be succeeded by one of the same kind"):
        organisation_succeed(
            actor=admin_user,
            predecessors=[department("市工商局")],
            successor=enterprise,
            effective_on=datetime.date(2018, 11, 1),
        )
    assert department("市工商局").successor_id is None
    assert AuditEvent.objects.count() == events


def test_succession_denied_to_department_staff(department_user):
    with pytest.raises(PermissionDenied):
        organisation_succeed(
            actor=department_user,
            predecessors=[department("市工商局")],
            successor=department("市质监局"),
            effective_on=datetime.date(2018, 11, 1),
        )
    assert department("市工商局").valid_to is None


def test_membership_role_must_fit_the_organisation_kind(admin_user, enterprise):
    user = user_create(actor=admin_user, username="wrongrole", password="a-long-passphrase-7")
    events = AuditEvent.objects.count()
    with pytest.raises(MembershipInvalid) as exc:
        membership_grant(actor=admin_user, user=user, organisation=enterprise, role=Role.DISTRICT_STAFF)
    assert exc.value.extra["errors"] == {"role": ["企业类单位不能设置区县工作人员角色。"]}
    assert Membership.objects.filter(user=user).count() == 0
    assert AuditEvent.objects.count() == events


def test_membership_grant_opens_the_admin_for_staff_and_end_closes_it(admin_user):
    user = user_create(actor=admin_user, username="clerk", password="a-long-passphrase-7")
    m = membership_grant(
        actor=admin_user, user=user, organisation=department("市商务委"), role=Role.DEPARTMENT_STAFF,
        valid_from=datetime.date(2020, 1, 1),
    )  # fmt: skip
    user.refresh_from_db()
    assert (user.is_staff, user.is_superuser) == (True, False)
    assert list(user.groups.values_list("name", flat=True)) == ["department_staff"]
    assert user.has_perm("audit.view_auditevent")
    membership_end(actor=admin_user, membership=m, ended_on=datetime.date(2020, 6, 30))
    user = User.objects.get(pk=user.pk)
    assert Membership.objects.get(pk=m.pk).valid_to == datetime.date(2020, 6, 30)
    assert (user.is_staff, list(user.groups.all())) == (False, [])
    assert not user.has_perm("audit.view_auditevent")
    event = _last_event()
    assert (event.action, event.changes) == ("accounts.membership.ended", {"valid_to": [None, "2020-06-30"]})


def test_ending_the_system_admin_role_takes_superuser_away(admin_user):
    other = user_create(actor=admin_user, username="root2", password="a-long-passphrase-7")
    m = membership_grant(
        actor=admin_user, user=other, organisation=department("市质监局"), role=Role.SYSTEM_ADMIN,
        valid_from=datetime.date(2020, 1, 1),
    )  # fmt: skip
    other.refresh_from_db()
    assert (other.is_superuser, other.is_staff) == (True, True)
    membership_end(actor=admin_user, membership=m, ended_on=datetime.date(2020, 6, 30))
    other.refresh_from_db()
    assert (other.is_superuser, other.is_staff) == (False, False)


def test_staff_of_a_merged_department_lose_its_roles(admin_user, department_user):
    from pinpai.accounts.permissions import actor_roles

    assert actor_roles(User.objects.get(pk=department_user.pk)) == frozenset({"department_staff"})
    successor = organisation_create(
        actor=admin_user, kind="department", name="重庆市农业农村委员会", short_name="市农业农村委"
    )
    organisation_succeed(
        actor=admin_user,
        predecessors=[department("市农委")],
        successor=successor,
        effective_on=datetime.date(2019, 1, 1),
    )
    assert actor_roles(User.objects.get(pk=department_user.pk)) == frozenset()


def test_user_create_rejects_weak_password(admin_user):
    with pytest.raises(UserInvalid) as exc:
        user_create(actor=admin_user, username="weak", password="12345678")
    assert (
        exc.value.extra["errors"]["password"][0]
        == "This password is too short. It must contain at least 10 characters."
    )
    assert not User.objects.filter(username="weak").exists()


def test_user_create_reserves_the_system_username(admin_user):
    with pytest.raises(UserInvalid, match="reserved"):
        user_create(actor=admin_user, username="system", password="a-long-passphrase-7")


def test_user_password_change_by_the_user_is_audited_without_the_secret(enterprise_user):
    user_password_change(
        actor=enterprise_user, user=enterprise_user, new_password="another-long-passphrase-8"
    )
    enterprise_user.refresh_from_db()
    assert enterprise_user.check_password("another-long-passphrase-8")
    event = _last_event()
    assert (event.action, event.changes) == ("accounts.user.password_changed", {})


def test_user_password_change_of_someone_else_is_denied(enterprise_user, department_user):
    with pytest.raises(PermissionDenied):
        user_password_change(
            actor=enterprise_user, user=department_user, new_password="another-long-passphrase-8"
        )
    department_user.refresh_from_db()
    assert not department_user.check_password("another-long-passphrase-8")


def test_api_token_issue_stores_only_a_hash(enterprise_user):
    issued = api_token_issue(actor=enterprise_user, user=enterprise_user, name="ERP")
    token = ApiToken.objects.get()
    assert issued.secret.startswith("pp_")
    assert len(issued.secret) == 46
    assert issued.secret not in (token.key_hash, token.prefix)
    assert token.prefix == issued.secret[:10]
    assert api_token_user(secret=issued.secret) == enterprise_user
    assert api_token_user(secret=issued.secret + "x") is None
    event = _last_event()
    assert event.action == "accounts.api_token.issued"
    assert issued.secret not in str(event.changes)


def test_api_token_issue_for_someone_else_is_denied(enterprise_user, department_user):
    with pytest.raises(PermissionDenied):
        api_token_issue(actor=enterprise_user, user=department_user)
    assert ApiToken.objects.count() == 0


def test_revoked_token_stops_working(enterprise_user):
    issued = api_token_issue(actor=enterprise_user, user=enterprise_user)
    api_token_revoke(actor=enterprise_user, token=issued.token)
    assert api_token_user(secret=issued.secret) is None
    assert _last_event().action == "accounts.api_token.revoked"
