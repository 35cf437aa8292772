"""Send trademark renewal reminders (run daily from cron or a scheduler)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from pinpai.accounts.services import system_user_ensure
from pinpai.registry.services.reminders import RENEWAL_WINDOW_DAYS, trademark_expiry_remind


class Command(BaseCommand):
    help = "Remind registrants of trademarks that expire within the renewal window (default 365 days)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=RENEWAL_WINDOW_DAYS)
        parser.add_argument(
            "--dry-run", action="store_true", help="list who would be reminded; send and write nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            due = trademark_expiry_remind(
                actor=system_user_ensure(), today=timezone.localdate(), within_days=options["days"]
            )
            if options["dry_run"]:
                transaction.set_rollback(True)
        verb = "would remind" if options["dry_run"] else "reminded"
        for tm in due:
            self.stdout.write(
                f"{verb}: {tm.registration_number} (class {tm.nice_class}) expires {tm.valid_to} → {tm.registrant}"
            )
        self.stdout.write(f"{len(due)} trademark(s)")
