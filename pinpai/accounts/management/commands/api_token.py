"""Issue an API token for a user and print it (once: only its hash is stored)."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from pinpai.accounts.models import User
from pinpai.accounts.services import api_token_issue, system_user_ensure


class Command(BaseCommand):
    help = "Print a new API token for USERNAME. Use it as 'Authorization: Bearer <token>'."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="a label to recognise the token by")
        parser.add_argument(
            "--days", type=int, default=None, help="expire after this many days (default: never)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no user named {options['username']!r}")
        if not user.is_active:
            raise CommandError(f"user {user.username!r} is deactivated")
        expires = timezone.now() + datetime.timedelta(days=options["days"]) if options["days"] else None
        issued = api_token_issue(
            actor=system_user_ensure(), user=user, name=options["name"], expires_at=expires
        )
        self.stdout.write(issued.secret)
