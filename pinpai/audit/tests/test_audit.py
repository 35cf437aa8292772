import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from pinpai.accounts.models import Organisation
from pinpai.accounts.services import organisation_update
from pinpai.audit.chain import GENESIS_HASH
from pinpai.audit.choices import AuditAction
from pinpai.audit.context import RequestContext, reset_request_context, set_request_context
from pinpai.audit.models import AppendOnlyError, AuditChainHead, AuditEvent
from pinpai.audit.selectors import audit_chain_verify
from pinpai.audit.services import AuditEntry, audit_batch, audit_record, audit_record_many, model_changes


def _raw(sql: str, params: list[str | int]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_events_are_chained(reference, admin_user, enterprise):
    organisation_update(actor=admin_user, organisation=enterprise, short_name="涪陵榨菜")
    events = list(AuditEvent.objects.order_by("sequence"))
    assert [e.sequence for e in events] == list(range(1, len(events) + 1))
    assert events[0].previous_hash == GENESIS_HASH
    for before, after in zip(events, events[1:], strict=False):
        assert after.previous_hash == before.hash
    for event in events:
        assert event.computed_hash() == event.hash
    head = AuditChainHead.objects.get()
    assert (head.last_sequence, head.last_hash) == (events[-1].sequence, events[-1].hash)
    assert audit_chain_verify().ok


def test_audit_record_many_chains_like_one_by_one_and_moves_the_head_once(
    reference, admin_user, enterprise, django_assert_num_queries
):
    audit_record_many_entries = [AuditEntry(enterprise, {"n": [None, i]}) for i in range(3)]
    before = AuditChainHead.objects.get()
    with transaction.atomic():
        # lock and read the head, two INSERTs of at most two rows, one head UPDATE
        with django_assert_num_queries(4):
            events = audit_record_many(actor=admin_user, action=AuditAction.ORGANISATION_UPDATED,
                                       entries=audit_record_many_entries, batch_size=2)  # fmt: skip
        audit_record(actor=admin_user, action=AuditAction.ORGANISATION_UPDATED, target=enterprise)
    stored = list(AuditEvent.objects.filter(sequence__gt=before.last_sequence).order_by("sequence"))
    assert [e.sequence for e in stored] == [before.last_sequence + i for i in (1, 2, 3, 4)]
    assert [e.pk for e in events] == [e.pk for e in stored[:3]]
    assert [e.changes for e in stored] == [{"n": [None, 0]}, {"n": [None, 1]}, {"n": [None, 2]}, {}]
    assert stored[0].previous_hash == before.last_hash
    assert [e.previous_hash for e in stored[1:]] == [e.hash for e in stored[:3]]
    assert all(e.computed_hash() == e.hash for e in stored)
    assert len({e.occurred_at for e in stored[:3]}) == 1
    head = AuditChainHead.objects.get()
    assert (head.last_sequence, head.last_hash) == (stored[-1].sequence, stored[-1].hash)
    assert audit_chain_verify().ok


def test_audit_record_many_with_no_entries_writes_nothing(reference, admin_user):
    before = AuditChainHead.objects.get()
    with transaction.atomic():
        assert audit_record_many(actor=admin_user, action=AuditAction.ORGANISATION_UPDATED, entries=[]) == []
    assert AuditChainHead.objects.get().last_sequence == before.last_sequence


def test_audit_record_takes_request_metadata_from_the_context(reference, admin_user, enterprise):
    token = set_request_context(RequestContext(request_id="req-42", client_ip="203.0.113.9"))
    try:
        organisation_update(actor=admin_user, organisation=enterprise, short_name="涪陵")
    finally:
        reset_request_context(token)
    event = AuditEvent.objects.order_by("-sequence").first()
    assert (event.request_id, event.client_ip, event.actor_username) == ("req-42", "203.0.113.9", "root")


def test_request_metadata_reaches_the_event_through_the_middleware(reference, admin_user, enterprise, client):
    client.force_login(admin_user)
    response = client.post(
        "/accounts/password/change/",
        {
            "old_password": "correct-horse-battery-9",
            "new_password1": "a-new-long-passphrase-1",
            "new_password2": "a-new-long-passphrase-1",
        },
        HTTP_X_REQUEST_ID="from-the-proxy-1",
        REMOTE_ADDR="198.51.100.7",
    )
    assert response.status_code == 302
    event = AuditEvent.objects.order_by("-sequence").first()
    assert (event.action, event.request_id, event.client_ip) == (
        "accounts.user.password_changed",
        "from-the-proxy-1",
        "198.51.100.7",
    )


@pytest.mark.django_db(transaction=True)
def test_audit_record_outside_a_transaction_is_refused(system_user, reference):
    enterprise = Organisation.objects.get(reference_key="district:500102")
    n = AuditEvent.objects.count()
    with pytest.raises(RuntimeError, match="inside the service's transaction"):
        audit_record(actor=system_user, action=AuditAction.ORGANISATION_UPDATED, target=enterprise)
    with pytest.raises(RuntimeError, match=r"audit_record_many\(\) must be called inside"):
        audit_record_many(actor=system_user, action=AuditAction.ORGANISATION_UPDATED,
                          entries=[AuditEntry(enterprise)])  # fmt: skip
    assert AuditEvent.objects.count() == n


def test_events_cannot_be_changed_or_deleted_through_the_orm(reference):
    event = AuditEvent.objects.order_by("sequence").first()
    event.action = "tampered"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="tampered")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_model_changes_lists_only_differences_as_plain_json():
    import datetime
    from decimal import Decimal

    assert model_changes(
        {"a": 1, "b": Decimal("1.50"), "c": datetime.date(2018, 11, 1)},
        {"a": 1, "b": Decimal("2.00"), "c": datetime.date(2018, 11, 1), "d": "新"},
    ) == {"b": ["1.50", "2.00"], "d": [None, "新"]}


def test_audit_verify_passes_on_an_intact_chain(reference, capsys):
    call_command("audit_verify")
    out = capsys.readouterr().out
    n = AuditEvent.objects.count()
    assert out == f"audit chain intact: {n} events, last #{n}\n"


def test_audit_verify_names_an_altered_row(reference, capsys):
    victim = AuditEvent.objects.get(sequence=5)
    _raw("UPDATE audit_auditevent SET target_repr = %s WHERE id = %s", ["篡改", victim.pk])
    with pytest.raises(CommandError) as exc:
        call_command("audit_verify")
    assert (
        str(exc.value)
        == "audit chain broken at event #5: stored fields do not match the event's hash (row altered)"
    )
    assert f"audit chain broken at event #5 (id {victim.pk})" in capsys.readouterr().err


def test_audit_verify_names_a_row_rehashed_by_the_tamperer(reference):
    """Recomputing the altered row's own hash does not help: the next event's link breaks."""
    victim = AuditEvent.objects.get(sequence=7)
    victim.changes = {"name": [None, "伪造"]}
    _raw(
        "UPDATE audit_auditevent SET changes = %s, hash = %s WHERE id = %s",
        ['{"name": [null, "伪造"]}', victim.computed_hash(), victim.pk],
    )
    report = audit_chain_verify()
    assert not report.ok
    assert (report.breaks[0].sequence, report.breaks[0].reason) == (
        8,
        "previous_hash does not match the event before it",
    )


def test_audit_verify_names_a_deleted_row(reference):
    _raw("DELETE FROM audit_auditevent WHERE sequence = %s", [10])
    report = audit_chain_verify()
    assert (report.breaks[0].sequence, report.breaks[0].reason) == (10, "event #10 is missing (deleted)")


def test_audit_verify_notices_a_deleted_tail(reference):
    last = AuditEvent.objects.order_by("-sequence").first().sequence
    _raw("DELETE FROM audit_auditevent WHERE sequence >= %s", [last - 1])
    report = audit_chain_verify()
    assert (
        report.breaks[0].reason == f"events #{last - 1}–{last} at the end of the chain are missing (deleted)"
    )


def test_audit_verify_all_lists_every_break(reference):
    for seq in (3, 9):
        pk = AuditEvent.objects.get(sequence=seq).pk
        _raw("UPDATE audit_auditevent SET actor_username = %s WHERE id = %s", ["mallory", pk])
    report = audit_chain_verify(stop_at_first=False)
    assert [b.sequence for b in report.breaks] == [3, 9]


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain(reference, admin_user):
    """Eight threads audit at once; the chain head lock keeps one linear chain (real on PostgreSQL;
    SQLite serialises writers with BEGIN IMMEDIATE)."""
    import threading

    orgs = list(Organisation.objects.filter(kind="district").order_by("pk")[:8])
    errors: list[BaseException] = []

    def work(org: Organisation, n: int) -> None:
        try:
            with transaction.atomic():
                organisation_update(actor=admin_user, organisation=org, name_en=f"District {n}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(org, n)) for n, org in enumerate(orgs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert (
        AuditEvent.objects.filter(
            action="accounts.organisation.updated", target_type="accounts.organisation"
        ).count()
        >= 8
    )
    report = audit_chain_verify(stop_at_first=False)
    assert report.breaks == ()


def _update_then_fail(actor, organisation, short_name):
    with transaction.atomic():  # a savepoint when called inside a transaction
        organisation_update(actor=actor, organisation=organisation, short_name=short_name)
        raise ValueError("undone")


def test_audit_batch_moves_the_head_once_and_survives_a_rolled_back_savepoint(
    reference, admin_user, enterprise
):
    before = AuditChainHead.objects.get()
    with transaction.atomic(), audit_batch():
        organisation_update(actor=admin_user, organisation=enterprise, short_name="一")
        with pytest.raises(ValueError, match="undone"):
            _update_then_fail(admin_user, enterprise, "二")
        assert AuditChainHead.objects.get().last_sequence == before.last_sequence  # not moved yet
        organisation_update(actor=admin_user, organisation=enterprise, short_name="三")
        with audit_batch():  # nested: the outer batch moves the head
            audit_record_many(actor=admin_user, action=AuditAction.ORGANISATION_UPDATED,
                              entries=[AuditEntry(enterprise, {"n": [None, 1]})])  # fmt: skip
        assert AuditChainHead.objects.get().last_sequence == before.last_sequence
    stored = list(AuditEvent.objects.filter(sequence__gt=before.last_sequence).order_by("sequence"))
    assert [e.changes for e in stored] == [
        {"short_name": ["", "一"]},
        {"short_name": ["一", "三"]},
        {"n": [None, 1]},
    ]
    assert [e.sequence for e in stored] == [before.last_sequence + i for i in (1, 2, 3)]
    head = AuditChainHead.objects.get()
    assert (head.last_sequence, head.last_hash) == (stored[-1].sequence, stored[-1].hash)
    assert audit_chain_verify().ok


def _batch_that_fails(actor, organisation):
    with transaction.atomic(), audit_batch():
        organisation_update(actor=actor, organisation=organisation, short_name="一")
        raise ValueError("stop")


def test_audit_batch_that_raises_leaves_the_head_alone(reference, admin_user, enterprise):
    before = AuditChainHead.objects.get()
    with pytest.raises(ValueError, match="stop"):
        _batch_that_fails(admin_user, enterprise)
    assert AuditChainHead.objects.get().last_sequence == before.last_sequence
    assert not AuditEvent.objects.filter(sequence__gt=before.last_sequence).exists()
    assert audit_chain_verify().ok
