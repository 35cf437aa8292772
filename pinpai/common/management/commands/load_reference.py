"""Load the committed reference data (districts, departments, pillars, product lines). Idempotent."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from pinpai.accounts.services import system_user_ensure
from pinpai.common.services import reference_load


class Command(BaseCommand):
    help = "Load districts, the plan's departments, district governments, pillars and product lines."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="report what would change and roll back")

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            result = reference_load(actor=system_user_ensure())
            if options["dry_run"]:
                transaction.set_rollback(True)
        verb = "would change" if options["dry_run"] else "loaded"
        if not result.changed:
            self.stdout.write("reference data already up to date")
            return
        for bucket, name in ((result.created, "created"), (result.updated, "updated")):
            for key, n in sorted(bucket.items()):
                self.stdout.write(f"{verb}: {key} {name} {n}")
