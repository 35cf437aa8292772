"""Load demo data once: enterprises with valid USCCs in plausible districts, and a user per role."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pinpai.accounts.services import system_user_ensure
from pinpai.demo.appraisals import demo_appraisals_load
from pinpai.demo.services import demo_load
from pinpai.demo.surveys import demo_surveys_load
from pinpai.demo.traceability import demo_traceability_load


class Command(BaseCommand):
    help = "Load deterministic demo data (organisations, users for every role) unless already loaded."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=int, default=1, help="1 = 60 enterprises; N = 60×N")
        parser.add_argument("--seed", type=int, default=2016, help="same seed, same data")

    def handle(self, *args: Any, **options: Any) -> None:
        result = demo_load(actor=system_user_ensure(), scale=options["scale"], seed=options["seed"])
        appraisals = demo_appraisals_load(actor=system_user_ensure())
        surveys = demo_surveys_load(actor=system_user_ensure(), seed=options["seed"])
        traceability = demo_traceability_load(actor=system_user_ensure(), seed=options["seed"])
        if result.loaded:
            self.stdout.write(f"demo data loaded: {result.organisations} organisations")
        else:
            self.stdout.write(
                f"demo data already present ({result.organisations} organisations); nothing changed"
            )
        self.stdout.write(f"demo users (password: {result.password}):")
        for username, role, org in result.users:
            self.stdout.write(f"  {username:<11} {role:<23} {org}")
        if appraisals.loaded:
            self.stdout.write(f"demo appraisal whitelist loaded: {appraisals.appraisals} appraisals")
        if surveys.loaded:
            self.stdout.write(f"demo survey loaded: {surveys.responses} answers")
        if traceability.loaded:
            self.stdout.write(
                f"demo traceability loaded: {traceability.chains} chains, {traceability.events} EPCIS events "
                f"sent to POST /epcis/capture ({len(traceability.capture_ids)} capture jobs)"
            )
