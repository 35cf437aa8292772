"""Property-based API tests generated from our own OpenAPI document (schemathesis): whatever the
generated input, no endpoint answers 5xx, and every error is problem+json."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def api_ready(reference):
    """Reference data loaded; the generated requests then hit real rows. Like Django's test client,
    keep the test's connection open across requests (the WSGI handler would close it)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_input_makes_the_api_fail(case, api_ready):
    response = case.call_and_validate(checks=[not_a_server_error])
    if response.status_code >= 400:
        headers = {k.lower(): v for k, v in response.headers.items()}
        assert headers["content-type"] == ["application/problem+json"], (
            response.request.method,
            response.status_code,
        )
        assert response.json()["status"] == response.status_code
