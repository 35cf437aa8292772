"""The demo command loads one closed consumer survey with seeded answers, once; its results compute."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from pinpai.evaluation.models import Survey
from pinpai.evaluation.selectors import survey_results

pytestmark = pytest.mark.django_db


def test_the_demo_survey_is_loaded_once_with_its_answers(reference, admin_user):
    out = io.StringIO()
    call_command("demo", "--seed", "5", stdout=out)
    assert "demo survey loaded: 246 answers" in out.getvalue()
    survey = Survey.objects.get(is_demo=True)
    assert (survey.status, survey.organisation.reference_key) == ("closed", "district:500102")
    counts = {s: survey.responses.filter(status=s).count() for s in ("valid", "duplicate", "rejected")}
    assert counts == {"valid": 240, "duplicate": 6, "rejected": 0}
    results = survey_results(actor=admin_user, survey=survey)
    # Seeded: the same seed gives the same answers, so the same figures (awareness falls off along the list).
    assert [(b.brand.name, b.result.n, b.result.aided.percent, b.result.index) for b in results.brands] == [
        ("佳禾榨菜", 240, Decimal("57.50"), Decimal("47.60")),
        ("兴农榨菜", 240, Decimal("56.67"), Decimal("46.26")),
        ("汇川榨菜", 240, Decimal("78.75"), Decimal("66.90")),
        ("金穗榨菜", 240, Decimal("89.58"), Decimal("73.18")),
    ]
    again = io.StringIO()
    call_command("demo", "--seed", "5", stdout=again)
    assert "demo survey" not in again.getvalue()
    assert Survey.objects.count() == 1
