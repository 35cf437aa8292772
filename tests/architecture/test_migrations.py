"""Models and migrations agree; every migration is named."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_no_missing_migrations():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert out.getvalue().strip() == "No changes detected"


def test_migrations_are_named():
    auto = sorted(str(p.relative_to(ROOT)) for p in ROOT.glob("pinpai/*/migrations/*_auto_*.py"))
    assert auto == []
