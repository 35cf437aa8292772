"""Signing in and out, and failed attempts, leave audit events with the request's address."""

from pinpai.accounts.tests.factories import TEST_PASSWORD
from pinpai.audit.models import AuditEvent
from pinpai.audit.selectors import audit_chain_verify


def _events_since(n):
    return [
        (e.action, e.actor_username, e.target_repr, e.client_ip)
        for e in AuditEvent.objects.order_by("sequence")[n:]
    ]


def test_sign_in_and_out_are_audited_with_the_address(reference, district_user, client):
    n = AuditEvent.objects.count()
    response = client.post(
        "/accounts/login/", {"username": "fuling", "password": TEST_PASSWORD}, REMOTE_ADDR="203.0.113.5"
    )
    assert response.status_code == 302
    client.post("/accounts/logout/", REMOTE_ADDR="203.0.113.5")
    who = str(district_user)
    assert _events_since(n) == [
        ("accounts.user.signed_in", "fuling", who, "203.0.113.5"),
        ("accounts.user.signed_out", "fuling", who, "203.0.113.5"),
    ]
    assert audit_chain_verify().ok


def test_a_failed_sign_in_is_audited_against_the_account_it_named(reference, district_user, client):
    n = AuditEvent.objects.count()
    response = client.post("/accounts/login/", {"username": "fuling", "password": "wrong-password"})
    assert response.status_code == 200  # the form again, with its error
    assert _events_since(n) == [
        ("accounts.user.sign_in_failed", "anonymous", str(district_user), "127.0.0.1")
    ]


def test_a_failed_sign_in_naming_no_account_is_only_logged(reference, client, caplog):
    n = AuditEvent.objects.count()
    client.post("/accounts/login/", {"username": "nobody-here", "password": "wrong-password"})
    assert AuditEvent.objects.count() == n
    assert "failed sign-in for an unknown username (11 characters)" in caplog.text


def test_logging_out_without_a_session_records_nothing(reference, client):
    n = AuditEvent.objects.count()
    client.post("/accounts/logout/")
    assert AuditEvent.objects.count() == n
