"""Verify the audit hash chain; exit 1 naming the first broken event."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pinpai.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain. Exits non-zero and names the first broken event."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="list every break, not only the first")

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_chain_verify(stop_at_first=not options["all"])
        if report.ok:
            self.stdout.write(
                self.style.SUCCESS(
                    f"audit chain intact: {report.checked} events, last #{report.last_sequence}"
                )
            )
            return
        for brk in report.breaks:
            ident = f" (id {brk.event_id})" if brk.event_id is not None else ""
            self.stderr.write(f"audit chain broken at event #{brk.sequence}{ident}: {brk.reason}")
        first = report.breaks[0]
        raise CommandError(f"audit chain broken at event #{first.sequence}: {first.reason}")
