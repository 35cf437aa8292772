"""Renewal reminders: a trademark may be renewed in the 12 months before it expires (商标法 第四十条);
its registrant is reminded once per renewal window, by e-mail to the enterprise's contact."""

from __future__ import annotations

import datetime
import functools
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q

from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record
from pinpai.registry.choices import TrademarkStatus
from pinpai.registry.models import Trademark
from pinpai.registry.permissions import can_trademark_expiry_remind

RENEWAL_WINDOW_DAYS = 365


def _message(tm: Trademark) -> tuple[str, str]:
    subject = f"商标续展提醒：第{tm.nice_class}类 {tm.registration_number} 将于 {tm.valid_to} 到期"
    body = (
        f"{tm.registrant}：\n\n贵单位注册的商标“{tm.mark_text or tm.registration_number}”"
        f"（注册号 {tm.registration_number}，第{tm.nice_class}类）有效期至 {tm.valid_to}。"
        f"请在有效期满前办理续展手续；期满后有六个月宽展期。\n\n— pinpai 品牌平台"
    )
    return subject, body


def _send(tm: Trademark, recipient: str) -> None:
    subject, body = _message(tm)
    send_mail(subject, body, None, [recipient], fail_silently=False)


@transaction.atomic
def trademark_expiry_remind(
    *, actor: Any, today: datetime.date, within_days: int = RENEWAL_WINDOW_DAYS
) -> list[Trademark]:
    """Remind registrants of registered trademarks expiring within `within_days` days, once per window."""
    if not can_trademark_expiry_remind(actor):
        raise PermissionDenied
    window_start = today
    window_end = today + datetime.timedelta(days=within_days)
    due = list(
        Trademark.objects.select_for_update(of=("self",))
        .select_related("registrant__organisation")
        .filter(status=TrademarkStatus.REGISTERED, valid_to__gte=window_start, valid_to__lte=window_end)
        .filter(
            Q(reminded_on__isnull=True)
            | Q(reminded_on__lt=window_start - datetime.timedelta(days=within_days))
        )
        .order_by("valid_to", "pk")
    )
    for tm in due:
        tm.reminded_on = today
        tm.save(update_fields=["reminded_on", "updated_at"])
        recipient = tm.registrant.contact_email
        audit_record(
            actor=actor,
            action=AuditAction.TRADEMARK_REMINDED,
            target=tm,
            changes={"reminded_on": [None, today.isoformat()], "recipient": [None, recipient or None]},
        )
        if recipient:
            transaction.on_commit(functools.partial(_send, tm, recipient))
    return due
