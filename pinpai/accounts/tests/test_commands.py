from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pinpai.accounts.models import ApiToken


def test_api_token_prints_a_token_the_api_accepts(enterprise_user, client):
    out = StringIO()
    call_command("api_token", "zhacai", "--name", "ERP", stdout=out)
    secret = out.getvalue().strip()
    assert secret.startswith("pp_")
    assert ApiToken.objects.get().name == "ERP"
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert response.json()["username"] == "zhacai"


def test_api_token_for_an_unknown_user_fails_clearly(db):
    with pytest.raises(CommandError, match="no user named 'ghost'"):
        call_command("api_token", "ghost")
    assert ApiToken.objects.count() == 0


def test_load_reference_reports_nothing_to_do_when_current(reference):
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert out.getvalue() == "reference data already up to date\n"
