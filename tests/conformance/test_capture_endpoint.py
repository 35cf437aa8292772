"""Every conformance document through the real endpoint, as the table in engines/epcis/tests/conformance_table.py
decides: captured (202, the job succeeds, every event stored), a bare event (201), or rejected (400 problem+json
naming the problem rules, nothing stored). And the committed docs page equals the generated table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from engines.epcis import capture_document, parse_json_document, parse_xml_document
from engines.epcis.tests.conformance_table import EXAMPLES, EXPECTED
from pinpai.accounts.services import api_token_issue
from pinpai.traceability.models import CaptureJob, Event
from tests.conformance.report import render

pytestmark = pytest.mark.django_db
DOCS = Path(__file__).resolve().parents[2] / "docs" / "domains" / "traceability-conformance.md"


def _distinct_event_ids(path: str) -> set[str]:
    body = (EXAMPLES / path).read_bytes()
    document = parse_xml_document(body) if path.endswith(".xml") else parse_json_document(body)
    return {event.event_id for event in capture_document(document)}


def _content_type(path: str) -> str:
    return "application/xml" if path.endswith(".xml") else "application/ld+json"


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_document_through_the_endpoint(
    path: str, enterprise_user: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    outcome = EXPECTED[path][0]
    secret = api_token_issue(actor=enterprise_user, user=enterprise_user).secret
    body = (EXAMPLES / path).read_bytes()
    url = "/epcis/events" if outcome == "event" else "/epcis/capture"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, body, content_type=_content_type(path), HTTP_AUTHORIZATION=f"Bearer {secret}"
        )
    if outcome == "event":
        assert response.status_code == 201, response.content
        assert Event.objects.count() == 1
    elif outcome == "captured":
        assert response.status_code == 202, response.content
        job = CaptureJob.objects.get()
        assert (job.status, job.errors) == ("success", [])
        assert job.stored_count == job.event_count
        # An error declaration about an event earlier in the document is attached to it, not stored twice.
        assert Event.objects.count() == len(_distinct_event_ids(path))
    else:
        assert response.status_code == 400, response.content
        assert response["Content-Type"].startswith("application/problem+json")
        problem = response.json()
        assert problem["type"] == "epcisException:ValidationException"
        assert "|".join(sorted({p["rule"] for p in problem["errors"]})) == outcome
        assert (CaptureJob.objects.count(), Event.objects.count()) == (0, 0)


def test_the_docs_table_is_the_generated_one() -> None:
    assert DOCS.read_text(encoding="utf-8") == render(), (
        "regenerate: .venv/bin/python -m tests.conformance.report > docs/domains/traceability-conformance.md"
    )
