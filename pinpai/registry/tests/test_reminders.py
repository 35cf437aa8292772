import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from pinpai.audit.models import AuditEvent
from pinpai.registry.models import Trademark
from pinpai.registry.services.enterprises import enterprise_update
from pinpai.registry.services.reminders import trademark_expiry_remind
from pinpai.registry.services.rights import trademark_register
from pinpai.registry.tests.factories import make_enterprise

TODAY = timezone.localdate()


@pytest.fixture
def marks(reference, system_user):
    ent = make_enterprise()
    enterprise_update(actor=system_user, enterprise=ent, contact_email="tm@zhacai.example")
    out = {}
    for number, valid_to in (
        ("100", TODAY + datetime.timedelta(days=30)),
        ("200", TODAY + datetime.timedelta(days=400)),
        ("300", TODAY - datetime.timedelta(days=1)),
    ):
        out[number] = trademark_register(
            actor=system_user, registrant=ent, registration_number=number, nice_class=29, mark_text="乌江",
            valid_from=valid_to - datetime.timedelta(days=3652), valid_to=valid_to,
        )  # fmt: skip
    return out


def test_reminds_once_per_window_and_mails_the_contact(
    marks, system_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        due = trademark_expiry_remind(actor=system_user, today=TODAY)
    assert [t.registration_number for t in due] == ["100"]
    assert Trademark.objects.get(registration_number="100").reminded_on == TODAY
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["tm@zhacai.example"]
    assert (
        mail.outbox[0].subject == f"商标续展提醒：第29类 100 将于 {TODAY + datetime.timedelta(days=30)} 到期"
    )
    event = AuditEvent.objects.order_by("-sequence")[0]
    assert (event.action, event.changes["recipient"]) == (
        "registry.trademark.reminded",
        [None, "tm@zhacai.example"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert trademark_expiry_remind(actor=system_user, today=TODAY + datetime.timedelta(days=1)) == []
    assert len(mail.outbox) == 1


def test_reminders_are_for_the_platform_only(marks, district_user):
    with pytest.raises(PermissionDenied):
        trademark_expiry_remind(actor=district_user, today=TODAY)
    assert Trademark.objects.filter(reminded_on__isnull=False).count() == 0


def test_command_dry_run_writes_nothing(marks):
    out = StringIO()
    call_command("registry_reminders", "--dry-run", "--days", "500", stdout=out)
    assert "would remind: 100" in out.getvalue()
    assert "would remind: 200" in out.getvalue()
    assert Trademark.objects.filter(reminded_on__isnull=False).count() == 0
